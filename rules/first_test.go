package rules

import (
	"regexp"
	"regexp/syntax"
	"testing"
)

// TestFirstRunes: the runes a match can begin with, through optional
// prefixes, alternations, case folding and repetition.
func TestFirstRunes(t *testing.T) {
	tests := []struct {
		pattern string
		in, out string
	}{
		{`(?i)в\s+\d`, "вВ", "5 а"},
		{`(?:минус\s*)?\d+`, "м0123456789", "аМ"},
		{`[$€]\d|\d+%`, "$€7", "%"},
		{`(?:a|b)?c`, "abc", "d"},
		{`x*y+`, "xy", "z"},
		{`(?:)z`, "z", "y"},
		{`(?i)(?-i:К)м`, "К", "км"},
	}
	for _, tt := range tests {
		set := firstRunes(mustParse(tt.pattern))
		for _, r := range tt.in {
			if !set.Has(r) {
				t.Errorf("%s: %q cannot begin a match, want it can", tt.pattern, r)
			}
		}
		for _, r := range tt.out {
			if set.Has(r) {
				t.Errorf("%s: %q can begin a match, want not", tt.pattern, r)
			}
		}
	}
	if !firstRunes(mustParse(`.x`)).Has('q') {
		t.Error(". must let any rune begin a match")
	}
}

// TestFirstRunesCoverMatches: for every built-in rule, every match the
// pattern finds in a sample begins where First or NumberStart allows.
func TestFirstRunesCoverMatches(t *testing.T) {
	set, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range set.Codes() {
		l := set.Lang(code)
		for _, r := range l.Rules {
			for _, ex := range r.Examples {
				unanchored := regexp.MustCompile(`(?i)` + r.src)
				for _, m := range unanchored.FindAllStringIndex(ex.Text, -1) {
					first := []rune(ex.Text[m[0]:])[0]
					if !r.First.Has(first) && r.Anchors&l.AnchorsAt(ex.Text[m[0]:]) == 0 {
						t.Errorf("%s: rule %s: match %q in %q begins with %q, which First does not allow",
							code, r.Name, ex.Text[m[0]:m[1]], ex.Text, first)
					}
				}
			}
		}
	}
}

func mustParse(p string) *syntax.Regexp {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		panic(err)
	}
	return re
}
