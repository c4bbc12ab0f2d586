package rules

import (
	"bytes"
	"regexp"
	"slices"
	"testing"

	"github.com/factx/factx/rules/dfa"
)

// TestAssembledAutomataAgreeWithRegexp checks every rule's automaton,
// built from its assembled tree, against regexp on the whole expansion:
// at every position of every example and counter-example of every rule
// of the language, both must say the same.
func TestAssembledAutomataAgreeWithRegexp(t *testing.T) {
	for _, l := range lazyLangs(t) {
		code, texts := l.Code, exampleTexts(l)
		assembled := 0
		for _, r := range l.Rules {
			low, lower := lowerPattern(r.src)
			expr := anchoredPattern(r.src)
			if lower {
				expr = "^(?:" + low + ")"
			}
			tree, err := l.assembledTree(r.Pattern, lower)
			if err != nil {
				continue
			}
			assembled++
			d, err := dfa.FromSyntax(tree)
			if err != nil {
				t.Errorf("%s/%s: %v", code, r.Name, err)
				continue
			}
			re := regexp.MustCompile(expr)
			for _, text := range texts {
				if lower {
					text = LowerText(text)
				}
				for i := range text {
					got := d.Match(text[i:])
					if want := re.MatchString(text[i:]); got != want {
						t.Errorf("%s/%s at %q: automaton %v, regexp %v", code, r.Name, text[i:], got, want)
					}
				}
			}
		}
		if assembled < len(l.Rules)*3/4 {
			t.Errorf("%s: only %d of %d rules assembled from fragments", code, assembled, len(l.Rules))
		}
	}
}

// lazyLangs loads every embedded language as factx does.
func lazyLangs(t testing.TB) []*Lang {
	t.Helper()
	set, err := LoadLazy()
	if err != nil {
		t.Fatal(err)
	}
	var out []*Lang
	for _, code := range set.Codes() {
		out = append(out, set.Lang(code))
	}
	return out
}

// exampleTexts are the texts of every example and counter-example of a
// language's rules.
func exampleTexts(l *Lang) []string {
	var texts []string
	for _, r := range l.Rules {
		for _, ex := range r.Examples {
			texts = append(texts, ex.Text)
		}
		texts = append(texts, r.Not...)
	}
	return texts
}

func TestIsOneGroup(t *testing.T) {
	for s, want := range map[string]bool{
		"(?:a|b)":       true,
		"(?P<num>\\d+)": true,
		"(a)|(b)":       false,
		"(?:a)b":        false,
		"[(]":           false,
		"(?:[)])":       true,
		"(?:\\))":       true,
		"a|b":           false,
		"(?:a|b)(?:c)":  false,
		"(?:[]a])":      true,
	} {
		if got := isOneGroup(s); got != want {
			t.Errorf("isOneGroup(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestHasFlags(t *testing.T) {
	p := string(rune(placeholderBase))
	for s, want := range map[string]bool{
		`a(?:b)` + p:          false,
		`(?P<x>a)` + p:        false,
		`(?i)a` + p:           true,
		`(?-i:К|М)` + p:       false,
		`(?-i:К|` + p + `)`:   true,
		`\(?i)`:               false,
		`(?-i:[)]` + p + `)`:  true,
		`(?s:.)(?:` + p + `)`: false,
	} {
		if got := hasFlags(s); got != want {
			t.Errorf("hasFlags(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestSubmatchAgreesWithRegexp checks that each rule's groups, read by
// its matcher over the program of its assembled tree, are those regexp
// reads on the whole expansion: same spans, same group names, at every
// position of every example and counter-example of the language.
func TestSubmatchAgreesWithRegexp(t *testing.T) {
	for _, l := range lazyLangs(t) {
		code, texts := l.Code, exampleTexts(l)
		for _, r := range l.Rules {
			if r.Lower() != func() bool { _, ok := lowerPattern(r.src); return ok }() {
				t.Errorf("%s/%s: not rewritten for lower-cased text", code, r.Name)
			}
			if r.sub == nil {
				t.Errorf("%s/%s: no matcher", code, r.Name)
				continue
			}
			re := r.Regexp()
			for i, name := range re.SubexpNames() {
				if name != "" && !slices.Contains(r.groups[name], i) {
					t.Errorf("%s/%s: group %d (%s) not in %v", code, r.Name, i, name, r.groups)
				}
			}
			for _, text := range texts {
				if r.Lower() {
					text = LowerText(text)
				}
				for i := range text {
					got, want := r.Submatch(text[i:]), re.FindStringSubmatchIndex(text[i:])
					if !slices.Equal(got, want) {
						t.Errorf("%s/%s at %q: matcher %v, regexp %v", code, r.Name, text[i:], got, want)
					}
					end := -1
					if want != nil {
						end = want[1]
					}
					if got := r.End(text[i:]); got != end {
						t.Errorf("%s/%s at %q: End %d, regexp %d", code, r.Name, text[i:], got, end)
					}
				}
			}
		}
	}
}

// FuzzEnd checks, for every rule of every language, that End finds the
// end of the match Submatch finds, on any text: the finder reads the
// groups of winning matches only, from where End said they end.
func FuzzEnd(f *testing.F) {
	for _, s := range []string{"", "5%", "в 2,3 раза", "316,3 млрд тенге", "2,3 есеге", "$1.2bn", "15 марта 2025 года", "twenty-five"} {
		f.Add(s)
	}
	langs := lazyLangs(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range langs {
			for _, r := range l.Rules {
				text := s
				if r.Lower() {
					text = LowerText(s)
				}
				want := -1
				if m := r.Submatch(text); m != nil {
					want = m[1]
				}
				if got := r.End(text); got != want {
					t.Fatalf("%s/%s on %q: End %d, Submatch %d", l.Code, r.Name, text, got, want)
				}
			}
		}
	})
}

// FuzzSubmatchKey checks what the finder's memory of groups relies on,
// for every rule of every language: Submatch reads no further than
// EndRead says, and two texts with the same Key there (here: the text
// with its digits shifted) have the same Submatch.
func FuzzSubmatchKey(f *testing.F) {
	for _, s := range []string{"5%", "в 2,3 раза", "316,3 млрд тенге", "2,3 есеге", "$1.2bn", "15 марта 2025 года", "от 10 до 15 %"} {
		f.Add(s, uint8(3))
	}
	langs := lazyLangs(f)
	f.Fuzz(func(t *testing.T, s string, shift uint8) {
		shifted := []byte(s)
		for i, b := range shifted {
			if b >= '0' && b <= '9' {
				shifted[i] = '0' + (b-'0'+shift)%10
			}
		}
		for _, l := range langs {
			for _, r := range l.Rules {
				text, other := s, string(shifted)
				if r.Lower() {
					text, other = LowerText(text), LowerText(other)
				}
				want := r.Submatch(text)
				end, read := r.EndRead(text)
				if want == nil && end != -1 || want != nil && want[1] != end {
					t.Fatalf("%s/%s on %q: EndRead %d, Submatch %v", l.Code, r.Name, text, end, want)
				}
				n := min(read, len(text))
				if read <= len(text) {
					if got := r.Submatch(text[:n] + "1 x"); !slices.Equal(got, want) {
						t.Fatalf("%s/%s on %q: read %d bytes, yet Submatch %v on %q, %v on the text", l.Code, r.Name, text, read, got, text[:n]+"1 x", want)
					}
				}
				k1, k2 := r.Key(nil, text[:n]), r.Key(nil, other[:min(n, len(other))])
				if k1 == nil || !bytes.Equal(k1, k2) {
					continue
				}
				if got := r.Submatch(other[:n] + text[n:]); !slices.Equal(got, want) {
					t.Fatalf("%s/%s: %q and %q have one key, but Submatch %v and %v", l.Code, r.Name, text, other[:n]+text[n:], want, got)
				}
			}
		}
	})
}
