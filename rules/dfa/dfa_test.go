package dfa

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

// patterns cover what the rules use: word lists, case folding, Cyrillic,
// ASCII \b, $, optional parts and repetition.
var patterns = []string{
	`^(?:\d+(?:[.,]\d+)?\s*(?:%|процент\p{L}*))`,
	`(?i)^(?:более|свыше|over|more\s+than)\s+\d+`,
	`(?i)^(?:ТЕНГЕ|тг|KZT)\b`,
	`^(?:млрд|млн|тыс)\.?$`,
	`^(?:(?P<num>\d{1,3}(?:[ \x{00A0}]\d{3})+|\d+)\s*(?:жыл\p{L}*|year)s?)(?:[.,;]|$)`,
	`(?i)^(?:the\s+)?(?:fiscal\s+)?year\b`,
	`^\B\d`,
	`^(?m:(?:a|b)$)`,
	`^(?:[^\n]*?сом)`,
	`^(?:.+)`,
	`^(?:ә|ғ|қ|ң|ө|ұ|ү|һ|і)+\d`,
	`\A(?:x*)\z`,
	`^(?:(?i)straße|ǅ)`,
	// leftmost-first is not longest: the first alternative that leads
	// to a match wins, a lazy repetition stops early
	`^(?:a|ab|abc)`,
	`^(?:a|ab)(?:c|bcd)(?:d*)`,
	`^(?:x+?)`,
	`^(?:x*?)(?:y|xy)`,
	`^(?:x\b|xy|x)`,
	`^(?:1|12|123)(?:\s*(?:млн|млрд))?`,
}

var texts = []string{
	"", "1", "12,5 %", "12,5 процентов", "Более 100", "более  20 лет", "OVER 5", "more than 7",
	"тенге", "ТГ.", "KZTX", "kzt ", "млрд", "млрд.", "млрд. x", "1 000 жылдары", "2024 жыл,",
	"5 years", "the fiscal year", "THE YEAR2", "year_", "a", "b\nc", "\nb", "xyzсом", "сом",
	"әғ1", "ққ", "x", "xxx", "xxy", "abcd", "abc", "abbcd", "x1", "xy", "123 млн", "12млрд", "STRASSE", "straße", "ǆ", "ǅ", "\xff\xfe", "1\xff", "a\u00a0b",
}

func TestMatchAgreesWithRegexp(t *testing.T) {
	for _, p := range patterns {
		re := regexp.MustCompile(p)
		d, err := Compile(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, s := range texts {
			got := d.Match(s)
			if want := re.MatchString(s); got != want {
				t.Errorf("%s on %q: dfa says %v, regexp %v", p, s, got, want)
			}
		}
	}
}

func TestCompileRejectsBadPattern(t *testing.T) {
	for _, p := range []string{`(`, `a`, `(?m)^a`} {
		if _, err := Compile(p); err == nil {
			t.Errorf("%s: no error", p)
		}
	}
}

func TestStatesKeepToBudget(t *testing.T) {
	// (a|b)*a(a|b){13} needs 2^14 states to tell; strings of 18 runes
	// over {a,b} reach many of them, far past a small budget
	const p = `^(?:(?:a|b)*a(?:a|b){13}$)`
	d, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	d.budget = 32 << 10
	re := regexp.MustCompile(p)
	for i := 0; i < 1<<13; i++ {
		var b strings.Builder
		for k := 0; k < 18; k++ {
			if (i*7919)>>(k%13)&1 == 1 || k == 4 {
				b.WriteByte('a')
			} else {
				b.WriteByte('b')
			}
		}
		if got, want := d.Match(b.String()), re.MatchString(b.String()); got != want {
			t.Fatalf("%q: dfa says %v, regexp %v", b.String(), got, want)
		}
	}
	if d.resets == 0 {
		t.Fatalf("no reset; %d states in %d bytes", d.States(), d.bytes)
	}
	if d.bytes > d.budget {
		t.Fatalf("%d bytes kept, budget %d", d.bytes, d.budget)
	}
}

func FuzzMatch(f *testing.F) {
	for _, s := range texts {
		f.Add(s)
	}
	res := make([]*regexp.Regexp, len(patterns))
	longest := make([]*regexp.Regexp, len(patterns))
	ds := make([]*DFA, len(patterns))
	ls := make([]*DFA, len(patterns))
	fs := make([]*DFA, len(patterns))
	progs := make([]*syntax.Prog, len(patterns))
	for i, p := range patterns {
		res[i] = regexp.MustCompile(p)
		longest[i] = regexp.MustCompile(p)
		longest[i].Longest()
		ds[i], _ = Compile(p)
		progs[i] = ds[i].Prog()
		ls[i], _ = NewLongest(progs[i])
		if i%2 == 0 {
			fs[i], _ = NewFirst(progs[i])
		} else {
			fs[i] = ds[i].First()
		}
	}
	union, _ := NewUnion(progs)
	// the automata, their union and Longest must agree with regexp
	f.Fuzz(func(t *testing.T, s string) {
		set := make([]uint64, 1)
		read := union.MatchSet(s, set)
		if read < 0 || read > len(s)+1 {
			t.Fatalf("MatchSet on %q read %d bytes", s, read)
		}
		if read <= len(s) {
			// what it read decides: any text that begins so gives the same
			for _, tail := range []string{"", "1", "a", " ", s} {
				other := make([]uint64, 1)
				if union.MatchSet(s[:read]+tail, other); other[0] != set[0] {
					t.Fatalf("MatchSet on %q read %d bytes, but %q gives %b, not %b", s, read, s[:read]+tail, other[0], set[0])
				}
			}
		}
		for i, d := range ds {
			want := res[i].MatchString(s)
			if got := d.Match(s); got != want {
				t.Fatalf("%s on %q: dfa says %v", patterns[i], s, got)
			}
			if got := set[0]&(1<<i) != 0; got != want {
				t.Fatalf("%s on %q: union says %v", patterns[i], s, got)
			}
			end := -1
			if loc := longest[i].FindStringIndex(s); loc != nil {
				end = loc[1]
			}
			first := -1
			if loc := res[i].FindStringIndex(s); loc != nil {
				first = loc[1]
			}
			if got := fs[i].End(s); got != first {
				t.Fatalf("%s on %q: End %d, regexp %d", patterns[i], s, got, first)
			}
			if _, read := fs[i].EndRead(s); read <= len(s) {
				// what it read decides: any text that begins so ends there
				for _, tail := range []string{"", "x", "1", " ", s} {
					if got := fs[i].End(s[:read] + tail); got != first {
						t.Fatalf("%s on %q: End %d after reading %d bytes, but %d on %q", patterns[i], s, first, read, got, s[:read]+tail)
					}
				}
			}
			if got := ls[i].Longest(s); got != end {
				t.Fatalf("%s on %q: Longest %d, regexp %d", patterns[i], s, got, end)
			}
		}
	})
}

func BenchmarkMatch(b *testing.B) {
	p := `(?i)^(?:\d+(?:[.,]\d+)?\s*(?:миллиард\p{L}*|миллион\p{L}*|тысяч\p{L}*|млрд|млн|тыс)\.?\s*(?:тенге|рубл\p{L}*|доллар\p{L}*|евро|сом\p{L}*))`
	d, _ := Compile(p)
	re := regexp.MustCompile(p)
	text := "12,5 млрд тенге, а в прошлом году 7 тысяч рублей и 3 человека"
	b.Run("dfa", func(b *testing.B) {
		for b.Loop() {
			for i := range text {
				d.Match(text[i:])
			}
		}
	})
	b.Run("regexp", func(b *testing.B) {
		for b.Loop() {
			for i := range text {
				re.MatchString(text[i:])
			}
		}
	})
}

// TestNewWithClasses checks that an automaton made again from the rune
// classes of another answers as it does, and that classes that do not
// fit are refused.
func TestNewWithClasses(t *testing.T) {
	for _, p := range patterns {
		d, err := Compile(p)
		if err != nil {
			t.Fatal(err)
		}
		bounds, intervals := d.Classes()
		again, err := NewWithClasses(d.Prog(), bounds, intervals)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, s := range texts {
			if got, want := again.Match(s), d.Match(s); got != want {
				t.Errorf("%s on %q: %v, first automaton %v", p, s, got, want)
			}
		}
	}
	d, _ := Compile(patterns[0])
	for _, c := range []struct {
		bounds    []rune
		intervals []uint16
	}{
		{nil, nil},
		{[]rune{1}, []uint16{0}},
		{[]rune{0, 10}, []uint16{0}},
		{[]rune{0, 10, 5}, []uint16{0, 1, 2}},
		{[]rune{0, 10}, []uint16{1, 0}},
	} {
		if _, err := NewWithClasses(d.Prog(), c.bounds, c.intervals); err == nil {
			t.Errorf("classes %v %v accepted", c.bounds, c.intervals)
		}
	}
}

// TestUnionAgreesWithMembers checks that a union tells, for every text,
// exactly the programs whose own automata match it.
func TestUnionAgreesWithMembers(t *testing.T) {
	var progs []*syntax.Prog
	var members []*DFA
	for i, p := range patterns {
		d, err := Compile(p)
		if err != nil {
			t.Fatal(err)
		}
		if i == 3 {
			d = nil // a gap: no member there
		}
		members = append(members, d)
		if d != nil {
			progs = append(progs, d.Prog())
		} else {
			progs = append(progs, nil)
		}
	}
	u, err := NewUnion(progs)
	if err != nil {
		t.Fatal(err)
	}
	for round := 0; round < 2; round++ { // the second round runs on built states
		for _, s := range texts {
			set := make([]uint64, 1)
			u.MatchSet(s, set)
			for k, d := range members {
				want := d != nil && d.Match(s)
				if got := set[0]&(1<<k) != 0; got != want {
					t.Errorf("%s on %q: union says %v, own automaton %v", patterns[k], s, got, want)
				}
			}
		}
	}
	if _, err := NewUnion([]*syntax.Prog{mustProg(t, "a")}); err == nil {
		t.Error("a program not anchored joined a union")
	}
}

func mustProg(t *testing.T, expr string) *syntax.Prog {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		t.Fatal(err)
	}
	return prog
}

// TestLongestAgreesWithRegexp checks Longest against regexp in
// leftmost-longest mode.
func TestLongestAgreesWithRegexp(t *testing.T) {
	for _, p := range append(patterns, `^(?:a|ab|abc)`, `^(?:x*?)`, `^(?:a\b|ab)`, `^(?:три|тридцать|тридцати)`) {
		re := regexp.MustCompile(p)
		re.Longest()
		d, err := NewLongest(mustProg(t, p))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range append(texts, "abc", "abd", "a b", "тридцать", "тридцатый", "три ") {
			want := -1
			if loc := re.FindStringIndex(s); loc != nil {
				want = loc[1]
			}
			if got := d.Longest(s); got != want {
				t.Errorf("%s on %q: Longest %d, regexp %d", p, s, got, want)
			}
		}
	}
}
