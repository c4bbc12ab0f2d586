package submatch

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"testing"
)

// anchored tells whether the matcher's program is anchored at the start
// of the text, as the rules' programs are.
func (m *Matcher) anchored() bool { return m.prog.StartCond()&syntax.EmptyBeginText != 0 }

// compile builds a matcher the way the rules do: parse, simplify,
// compile.
func compile(t testing.TB, expr string) (*Matcher, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, false
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, false
	}
	return New(prog, re.MaxCap()), true
}

// patterns cover what the rules use: named groups in alternatives and
// options, word lists sharing prefixes (leftmost-first, not longest),
// case folding, Cyrillic, ASCII \b, $, lazy and greedy repetition.
var patterns = []string{
	`^(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>%|процент\p{L}*)`,
	`(?i)^(?:(?P<q>более|свыше|over|more\s+than)\s+)?(?P<num>\d+)`,
	`^(?:(?P<a>мил)|(?P<b>милл)|(?P<c>миллион))(?P<rest>\p{L}*)`,
	`^(?:a|ab|abc)(c?)`,
	`^(?:ab|a)(b*)`,
	`^(x*?)(x*)$`,
	`^(?:(a)|(b))+`,
	`^(?:(a)|b)*?c`,
	`(?i)^(?:тенге|тг)\b(\.?)`,
	`^(?:(?P<year>\d{4})(?:-(?P<m>\d\d))?)(?:[.,;]|$)`,
	`^\B\d(\d)`,
	`^(?m:(a|b)$)(\n?)`,
	`^(?:([^\n]*?)сом)`,
	`^(.+)(.)`,
	`^(?:(ә|ғ)|(қ|ң))+(\d)`,
	`\A(x*)\z`,
	`^(?:(?i)(straße)|(ǅ))`,
	`^()`,
}

var texts = []string{
	"", "1", "12,5 %", "12,5 процентов", "Более 100", "более  20 лет", "OVER 5", "more than 7",
	"миллионов", "милл", "мил", "abc", "abcc", "abbb", "a", "ab", "xxx", "xx\n", "aabba", "abac", "bbc",
	"тенге", "ТГ.", "тг.x", "2024-05.", "2024", "2024-5", "12", "a1", "b\nc", "a\n", "xyzсом", "сом",
	"әғ1", "ққ", "қә2", "STRASSE", "straße", "ǆ", "ǅ", "\xff\xfe", "1\xff", "a\u00a0b",
}

func TestFindAgreesWithRegexp(t *testing.T) {
	for _, p := range patterns {
		re := regexp.MustCompile(p)
		m, ok := compile(t, p)
		if !ok {
			t.Fatalf("%s: does not compile", p)
		}
		for _, s := range texts {
			got, want := m.Find(s), re.FindStringSubmatchIndex(s)
			if !slices.Equal(got, want) {
				t.Errorf("%s on %q: matcher %v, regexp %v", p, s, got, want)
			}
		}
	}
}

// TestFindIsReusable runs one matcher many times, from several
// goroutines: machines come back from the pool clean.
func TestFindIsReusable(t *testing.T) {
	p := `^(?:(?P<a>мил)|(?P<b>милл)|(?P<c>миллион))(?P<rest>\p{L}*)`
	re := regexp.MustCompile(p)
	m, _ := compile(t, p)
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- true }()
			for i := 0; i < 200; i++ {
				s := texts[(i+g)%len(texts)]
				if got, want := m.Find(s), re.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
					t.Errorf("%q: matcher %v, regexp %v", s, got, want)
					return
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}

// FuzzFind checks the matcher against regexp on any anchored pattern and
// text.
func FuzzFind(f *testing.F) {
	for i, p := range patterns {
		f.Add(p[1:], texts[i%len(texts)])
	}
	f.Fuzz(func(t *testing.T, pattern, s string) {
		expr := `^(?:` + pattern + `)`
		re, err := regexp.Compile(expr)
		if err != nil {
			return
		}
		m, ok := compile(t, expr)
		if !ok {
			t.Fatalf("%s: regexp compiles it, the matcher does not", expr)
		}
		if !m.anchored() {
			return // ")|(" in the pattern undoes the anchor: not a rule's program
		}
		if got, want := m.Find(s), re.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
			t.Errorf("%s on %q: matcher %v, regexp %v", expr, s, got, want)
		}
	})
}

func BenchmarkFind(b *testing.B) {
	p := `(?i)^(?:(?P<q>более|свыше|over|more\s+than)\s+)?(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>%|процент\p{L}*)`
	m, _ := compile(b, p)
	s := "более 12,5 процентов роста"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		m.Find(s)
	}
}
