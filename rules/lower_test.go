package rules

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLowerPattern: letters are lower-cased, escapes, group names and
// flags are not, and case-sensitive patterns are refused.
func TestLowerPattern(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{`\P{Lu}x`, ``, false},
		{`В\s+(?P<Num>\d+)Раз`, `в\s+(?P<Num>\d+)раз`, true},
		{`\x{00A0}Ж\p{L}*[А-Я]`, `\x{00A0}ж\p{L}*[а-я]`, true},
		{`(?:KZT|\D)`, `(?:kzt|\D)`, true},
		{`(?-i:К)м`, ``, false},
		{`\p{Lu}`, ``, false},
	}
	for _, tt := range tests {
		got, ok := lowerPattern(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("lowerPattern(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestLoweredMatchesTheSame: a lowered pattern on lower-cased text finds
// what the (?i) pattern finds on the text, at the same offsets.
func TestLoweredMatchesTheSame(t *testing.T) {
	src := `(?P<num>\d+(?:,\d+)?)\s*(?:МЛРД|тенге|Процент\p{L}*)`
	text := "Бюджет: 316,3 млрд ТЕНГЕ, рост на 5 ПРОЦЕНТОВ; İstanbul ẞ"
	orig := regexp.MustCompile("(?i)" + src)
	low, ok := lowerPattern(src)
	if !ok {
		t.Fatal("not lowered")
	}
	lowered := regexp.MustCompile(low)
	lt := LowerText(text)
	if len(lt) != len(text) {
		t.Fatalf("LowerText changed the length: %d → %d", len(text), len(lt))
	}
	a, b := orig.FindAllStringSubmatchIndex(text, -1), lowered.FindAllStringSubmatchIndex(lt, -1)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("matches %v vs %v", a, b)
	}
	for i := range a {
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				t.Errorf("match %d: %v vs %v", i, a[i], b[i])
			}
		}
	}
}

// lowerTextByRune is LowerText as first written, rune by rune.
func lowerTextByRune(s string) string {
	var b []byte
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		low := r
		if r != utf8.RuneError || size > 1 {
			low = lowerSameLength(r)
		}
		b = append(b, s[i:i+size]...)
		if low != r {
			b = utf8.AppendRune(b[:len(b)-size], low)
		}
		i += size
	}
	return string(b)
}

// FuzzLowerText checks LowerText against the rune-by-rune reference.
func FuzzLowerText(f *testing.F) {
	for _, s := range []string{"", "ABC", "Привет, МИР", "ҚАЗАҚСТАН Ә", "\xffA\xd0", "İstanbul", "ẞ", "Ωmega"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := lowerTextByRune(s)
		if got := LowerText(s); got != want {
			t.Fatalf("LowerText(%q) = %q, want %q", s, got, want)
		}
		// in a reused room, short or long, holding another text
		for _, room := range [][]byte{[]byte("xyz"), []byte(strings.Repeat("Щ", len(s)+1))} {
			if got, _ := LowerTextIn(room, s); got != want {
				t.Fatalf("LowerTextIn(%q, %q) = %q, want %q", room, s, got, want)
			}
		}
	})
}
