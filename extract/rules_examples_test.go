package extract

import (
	"math"
	"strings"
	"testing"

	"github.com/factx/factx/rules"
)

// TestRuleExamples runs every rule's examples and counter-examples through
// the whole mention finder of each language the rule belongs to: a rule
// must find its examples with the values they state, and must not fire on
// its `not` texts.
func TestRuleExamples(t *testing.T) {
	set, err := rules.Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	const published = "2026-03-10"
	for _, code := range set.Codes() {
		l := set.Lang(code)
		f := newMentionFinder(l)
		for _, r := range l.Rules {
			for _, ex := range r.Examples {
				if ex.Lang != "" && ex.Lang != code {
					continue
				}
				ms := resolve(f.candidates(ex.Text, published), true)
				var mine []Mention
				for _, m := range ms {
					if m.Rule == r.Name {
						mine = append(mine, m)
					}
				}
				where := r.File + ": " + code + ": rule " + r.Name + ": " + ex.Text
				if len(mine) == 0 {
					t.Errorf("%s: not found (found %s)", where, describe(ms))
					continue
				}
				want := ex.Values
				if ex.Value != nil {
					want = []float64{*ex.Value}
				}
				if len(want) > 0 {
					if len(mine) != len(want) {
						t.Errorf("%s: %d values, want %d (found %s)", where, len(mine), len(want), describe(ms))
						continue
					}
					for i, w := range want {
						if mine[i].Value == nil || math.Abs(float64(*mine[i].Value)-w) > 1e-9*math.Max(1, math.Abs(w)) {
							t.Errorf("%s: value %d = %v, want %v", where, i, mine[i].Value, w)
						}
					}
				}
				if ex.Unit != "" && mine[0].Unit != ex.Unit {
					t.Errorf("%s: unit %q, want %q", where, mine[0].Unit, ex.Unit)
				}
				if ex.Date != "" && mine[0].Date != ex.Date {
					t.Errorf("%s: date %q, want %q", where, mine[0].Date, ex.Date)
				}
				if ex.Span != "" && mine[0].Text != ex.Span {
					t.Errorf("%s: span %q, want %q", where, mine[0].Text, ex.Span)
				}
			}
			for _, not := range r.Not {
				for _, m := range f.find(not, published) {
					if m.Rule == r.Name {
						t.Errorf("%s: %s: rule %s fires on counter-example %q: %q", r.File, code, r.Name, not, m.Text)
					}
				}
			}
		}
	}
}

func describe(ms []Mention) string {
	var parts []string
	for _, m := range ms {
		v := ""
		if m.Value != nil {
			v = m.Value.String()
		}
		parts = append(parts, m.Rule+"("+m.Text+"="+v+m.Unit+m.Date+")")
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}
