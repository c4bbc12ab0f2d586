package rules

import (
	"strings"
	"testing"
)

// slowFold is Fold without its fast path.
func slowFold(s string) string {
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, "ё", "е")
	return strings.Join(strings.Fields(s), " ")
}

var foldCases = []string{
	"", " ", "a", "A", "тенге", "Тенге", "ёлка", "елка", "два  миллиона", " два", "два ", "two\tmillion",
	"бір жүз", "ҚАЗАҚ", "қазақ", "a\u00a0b", "x\x85y", "İstanbul", "\xff", "ǅ", "straße", "1,5 млрд",
}

func TestFoldFastPathAgrees(t *testing.T) {
	for _, s := range foldCases {
		if got, want := Fold(s), slowFold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range foldCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), slowFold(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestPrefixLengthAgreesWithRegexp checks the automaton PrefixLength
// runs against regexp in leftmost-longest mode, on every form of every
// lexicon, glued to more text, cut short and at each of its runes.
func TestPrefixLengthAgreesWithRegexp(t *testing.T) {
	for _, l := range lazyLangs(t) {
		code := l.Code
		for name, x := range l.Lexicons {
			for _, e := range x.Entries {
				for _, form := range e.Forms {
					for _, s := range []string{form, form + " тест", form + "ы", strings.ToUpper(form) + "-2", form[:len(form)/2]} {
						for i := range s {
							want := 0
							if loc := x.Prefix().FindStringIndex(s[i:]); loc != nil {
								want = loc[1]
							}
							if got := x.PrefixLength(s[i:]); got != want {
								t.Errorf("%s/%s on %q: PrefixLength %d, regexp %d", code, name, s[i:], got, want)
							}
						}
					}
				}
			}
		}
	}
}

// TestFormAutomataAgreeWithRegexp checks the automata that answer for
// the pattern forms of every lexicon against their regexps, on every form
// of the lexicon folded, glued to more letters and cut short.
func TestFormAutomataAgreeWithRegexp(t *testing.T) {
	checked := 0
	for _, l := range lazyLangs(t) {
		code := l.Code
		for name, x := range l.Lexicons {
			x.formsOnce.Do(x.compileForms)
			var texts []string
			for _, e := range x.Entries {
				for _, form := range e.Forms {
					k := Fold(form)
					texts = append(texts, k, k+"ы", k+" и", k[:len(k)/2], strings.TrimSuffix(k, "*"))
				}
			}
			for _, f := range x.forms {
				if f.re == nil {
					continue
				}
				if f.dfa == nil {
					t.Errorf("%s/%s: form %s has no automaton", code, name, f.re)
					continue
				}
				checked++
				for _, s := range texts {
					if got, want := f.dfa.Match(s), f.re.MatchString(s); got != want {
						t.Errorf("%s/%s: form %s on %q: automaton %v, regexp %v", code, name, f.re, s, got, want)
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no pattern forms: the test checks nothing")
	}
}
