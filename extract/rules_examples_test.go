package extract

import (
	"testing"

	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

// TestRuleExamples runs every example of every language's rules: rule
// examples and counter-examples through the mention finder, claim
// examples through the whole extractor.
func TestRuleExamples(t *testing.T) {
	set, err := rules.Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	x := New(set, lang.NewDetector())
	for _, code := range set.Codes() {
		l := set.Lang(code)
		if len(l.ClaimExamples) == 0 {
			t.Errorf("%s: no claim examples", code)
		}
		for _, f := range x.CheckExamples(code) {
			t.Error(f)
		}
	}
}
