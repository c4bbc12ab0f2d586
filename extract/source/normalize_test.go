package source

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestClassOfMatchesUnicode(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // surrogates never come out of UTF-8 decoding
		}
		var want uint8
		switch r {
		case '\r', 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
			want = clsInvisible
		}
		if unicode.IsLetter(r) {
			want |= clsLetter
			if unicode.Is(unicode.Latin, r) {
				want |= clsLatin
			}
			if unicode.Is(unicode.Cyrillic, r) {
				want |= clsCyrillic
			}
		}
		if got := classOf(r); got != want {
			t.Fatalf("classOf(%U) = %b, want %b", r, got, want)
		}
	}
}

func TestTwin(t *testing.T) {
	n := 0
	for r := rune(0); r < 0x800; r++ {
		m, ok := latinToCyrillicReference[r]
		if !ok {
			m, ok = cyrillicToLatinReference[r]
		}
		if got := twin(r); got != m {
			t.Errorf("twin(%q) = %q, want %q", r, got, m)
		}
		if ok {
			n++
		}
	}
	if n != 2*len(latinToCyrillicReference) {
		t.Errorf("%d look-alikes, want %d", n, 2*len(latinToCyrillicReference))
	}
}

// normalizeCases are inputs where the fast path could go wrong; want is
// what the reference implementation gives.
var normalizeCases = []struct{ name, in, want string }{
	{"empty", "", ""},
	{"clean", "В 2024 году ВВП вырос на 4,8% (Kazakhstan, «KZT»).", "В 2024 году ВВП вырос на 4,8% (Kazakhstan, «KZT»)."},
	{"mixed at start", "КZT 5", "KZT 5"},
	{"mixed at end", "5 КZT", "5 KZT"},
	{"several mixed", "КZT, бiр, eсе", "KZT, бір, есе"},
	{"equal counts stay", "Кa aК", "Кa aК"},
	{"odd letter without twin", "Zжж ПЭТ/КТ iPhone", "Zжж ПЭТ/КТ iPhone"},
	{"non-ASCII Latin odd", "Кéа", "Кéа"},
	{"fullwidth Latin", "ＫЗТ", "ＫЗТ"},
	{"Kelvin sign is Latin", "К\u212AКа", "К\u212AКа"},
	{"ordinal is Latin", "ªаа", "ªаа"},
	{"micro sign counts as neither", "µКZT", "µKZT"},
	{"Greek letter in word", "КZΩ КZTΩ", "КZΩ KZTΩ"},
	{"Cyrillic outside the table", "\u1C80ab \uA641ab", "\u1C80ab \uA641ab"},
	{"combining mark splits words", "К\u0301ZT", "К\u0301ZT"},
	{"digits split words", "К1Z", "К1Z"},
	{"invalid before fix kept", "\xff КZT", "\xff KZT"},
	{"invalid after fix replaced", "КZT \xff \xe2\x80", "KZT \uFFFD \uFFFD\uFFFD"},
	{"valid U+FFFD kept", "КZT \uFFFD", "KZT \uFFFD"},
	{"surrogate bytes", "КZT\xed\xa0\x80", "KZT\uFFFD\uFFFD\uFFFD"},
	{"overlong", "\xc0\x80КZT\xc0\x80", "\xc0\x80KZT\uFFFD\uFFFD"},
	{"invalid ends word", "К\xffZT", "К\xffZT"},
	{"truncated at end", "КZT\xd0", "KZT\uFFFD"},
	{"CR and LF", "a\r\nb\rc\nd\r", "a\nb\nc\nd\n"},
	{"CR CR LF", "\r\r\n", "\n\n"},
	{"CR with mixed word", "КZT\r\nбiр\r", "KZT\nбір\n"},
	{"soft hyphen joins word", "б\u00ADiр", "бір"},
	{"zero width joins word", "К\u200BZ\u200CT\u200D\u2060", "KZT"},
	{"BOM", "\uFEFFКZT\uFEFF", "KZT"},
	{"kept spaces", "15\u00A0000\u2009—\u202F\u2212", "15\u00A0000\u2009—\u202F\u2212"},
	{"lone lead bytes", "\xc2 \xe2\x80 \xef\xbb \xe2\x81", "\xc2 \xe2\x80 \xef\xbb \xe2\x81"},
	{"near misses", "\u00AC\u200A\u200E\u2061\uFEFE\u00A0", "\u00AC\u200A\u200E\u2061\uFEFE\u00A0"},
	// Stripping can join invalid bytes into a character; it is not
	// stripped again.
	{"stripping makes U+200B", "\xe2\u00AD\x80\x8b", "\u200B"},
	{"stripping makes a letter", "KZ\xd0\u00AD\xa2", "KZT"},
	{"stripping makes CR-like bytes", "\xe2\r\x80\x8b", "\xe2\n\x80\x8b"},
}

func TestNormalizeCases(t *testing.T) {
	for _, tt := range normalizeCases {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("%s: Normalize(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
		if ref := normalizeReference(tt.in); ref != tt.want {
			t.Errorf("%s: normalizeReference(%q) = %q, want %q", tt.name, tt.in, ref, tt.want)
		}
	}
}

func TestNormalizeCleanDoesNotAllocate(t *testing.T) {
	in := strings.Repeat(ruArticle[:len(ruArticle)-2]+" "+kkSentence+" Kazakhstan «KZT» 15\u00A0000 — ", 20)
	var out string
	allocs := testing.AllocsPerRun(20, func() { out = Normalize(in) })
	if allocs != 0 || out != in {
		t.Errorf("Normalize(clean text): %v allocations, changed %v; want 0, false", allocs, out != in)
	}
}

// fuzzTokens are the pieces FuzzNormalizeFast builds texts from: look-alike
// and other letters of both scripts, the characters Normalize strips, parts
// of their encodings and other invalid bytes, and word breaks.
var fuzzTokens = []string{
	"a", "c", "o", "i", "K", "T", "Z", "é", "ª", "µ", "\u212A", "Ｋ", "Ω",
	"а", "с", "о", "і", "К", "Т", "ж", "Қ", "ә", "\u1C80", "\uA641",
	"\r", "\n", "\r\n", " ", ".", "5", "\u00A0", "—", "\u0301", "\uFFFD",
	"\u00AD", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF",
	"\xc2", "\xad", "\xe2", "\x80", "\x81", "\x8b", "\xa0", "\xef", "\xbb", "\xbf",
	"\xd0", "\xd1", "\xa2", "\x96", "\xff", "\xed\xa0\x80", "\xf0\x9f",
}

func FuzzNormalizeFast(f *testing.F) {
	for _, tt := range normalizeCases {
		f.Add(tt.in, []byte(nil))
	}
	f.Add(ruArticle+kkSentence, []byte{0, 13, 24, 40, 41})
	f.Add("", []byte{43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56})
	f.Fuzz(func(t *testing.T, s string, tokens []byte) {
		var b strings.Builder
		for _, k := range tokens {
			b.WriteString(fuzzTokens[int(k)%len(fuzzTokens)])
		}
		for _, in := range []string{s, b.String(), s + b.String()} {
			if got, want := Normalize(in), normalizeReference(in); got != want {
				t.Fatalf("Normalize(%q) = %q, reference %q", in, got, want)
			}
			if got, want := stripInvisible(in), stripInvisibleReference(in); got != want {
				t.Fatalf("stripInvisible(%q) = %q, reference %q", in, got, want)
			}
			if got, _ := unmix(in, false); got != unmixReference(in) {
				t.Fatalf("unmix(%q) = %q, reference %q", in, got, unmixReference(in))
			}
			if utf8.ValidString(in) && !utf8.ValidString(Normalize(in)) {
				t.Fatalf("Normalize(%q) is not valid UTF-8", in)
			}
		}
	})
}
