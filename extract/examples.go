package extract

import (
	"fmt"
	"math"
	"strings"

	"github.com/factx/factx/rules"
)

// ExampleFailure is a rules-file example that the extractor does not read
// as stated.
type ExampleFailure struct {
	File string
	Line int
	Lang string
	Msg  string
}

func (f ExampleFailure) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", f.File, f.Line, f.Lang, f.Msg)
}

// examplePublished is the publication date rule examples are read with,
// so that relative dates resolve.
const examplePublished = "2026-03-10"

// CheckExamples runs every example of a language's rules: each rule must
// find its examples with the values, units, dates and spans they state
// and must not fire on its `not` texts; each claim example must give the
// fact it states. It is what `go test` and `factx rules check` run, so a
// user's rules folder is held to the same standard as the built-in one.
func (x *Extractor) CheckExamples(code string) []ExampleFailure {
	p := x.pipeline(code)
	if p == nil {
		return []ExampleFailure{{Lang: code, Msg: "no rules for this language"}}
	}
	var out []ExampleFailure
	fail := func(file string, line int, format string, a ...any) {
		out = append(out, ExampleFailure{File: file, Line: line, Lang: code, Msg: fmt.Sprintf(format, a...)})
	}
	for _, r := range p.finder.lang.Rules {
		for _, ex := range r.Examples {
			if ex.Lang != "" && ex.Lang != code {
				continue
			}
			if msg := checkRuleExample(p.finder, r, ex); msg != "" {
				fail(r.File, r.Line, "rule %s: %q: %s", r.Name, ex.Text, msg)
			}
		}
		for _, not := range r.Not {
			for _, m := range p.finder.find(not, examplePublished) {
				if m.Rule == r.Name {
					fail(r.File, r.Line, "rule %s fires on counter-example %q: %q", r.Name, not, m.Text)
				}
			}
		}
	}
	for _, ex := range p.finder.lang.ClaimExamples {
		doc := x.Extract(Input{Source: "example", Text: ex.Text, Lang: code, Published: ex.Published}, Options{})
		if msg := checkClaimExample(ex, doc.Facts); msg != "" {
			fail(ex.File, ex.Line, "claim example %q: %s", ex.Text, msg)
		}
	}
	return out
}

func checkRuleExample(f *mentionFinder, r *rules.CompiledRule, ex rules.Example) string {
	// guards (IGNORE) are kept so their own examples can be seen
	ms := f.mentions(nil, ex.Text, examplePublished, true)
	var mine []Mention
	for _, m := range ms {
		if m.Rule == r.Name {
			mine = append(mine, m)
		}
	}
	if len(mine) == 0 {
		return "not found (found " + describeMentions(ms) + ")"
	}
	want := ex.Values
	if ex.Value != nil {
		want = []float64{*ex.Value}
	}
	if len(want) > 0 {
		if len(mine) != len(want) {
			return fmt.Sprintf("%d values, want %d (found %s)", len(mine), len(want), describeMentions(ms))
		}
		for i, w := range want {
			if mine[i].Value == nil || !closeTo(float64(*mine[i].Value), w) {
				return fmt.Sprintf("value %d is %v, want %v", i+1, mine[i].Value, w)
			}
		}
	}
	switch {
	case ex.Unit != "" && mine[0].Unit != ex.Unit:
		return fmt.Sprintf("unit %q, want %q", mine[0].Unit, ex.Unit)
	case ex.Date != "" && mine[0].Date != ex.Date:
		return fmt.Sprintf("date %q, want %q", mine[0].Date, ex.Date)
	case ex.Span != "" && mine[0].Text != ex.Span:
		return fmt.Sprintf("span %q, want %q", mine[0].Text, ex.Span)
	}
	return ""
}

func checkClaimExample(ex rules.ClaimExample, facts []Fact) string {
	if ex.Kind == "none" {
		if len(facts) > 0 {
			return "want no fact, got " + describeFacts(facts)
		}
		return ""
	}
	if ex.Value == nil {
		return "example without value"
	}
	var got *Fact
	for i, f := range facts {
		if f.Kind == ex.Kind && closeTo(float64(f.Value), *ex.Value) && (ex.Unit == "" || f.Unit == ex.Unit) {
			got = &facts[i]
			break
		}
	}
	switch {
	case got == nil:
		return fmt.Sprintf("no %s fact %v %s; got %s", ex.Kind, *ex.Value, ex.Unit, describeFacts(facts))
	case got.Change != ex.Change:
		return fmt.Sprintf("change %q, want %q", got.Change, ex.Change)
	case got.Qualifier != ex.Qualifier:
		return fmt.Sprintf("qualifier %q, want %q", got.Qualifier, ex.Qualifier)
	case ex.Metric != "" && got.Metric != ex.Metric:
		return fmt.Sprintf("metric %q, want %q", got.Metric, ex.Metric)
	case ex.Date != "" && got.Date != ex.Date:
		return fmt.Sprintf("date %q, want %q", got.Date, ex.Date)
	}
	return ""
}

func closeTo(got, want float64) bool {
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

func describeMentions(ms []Mention) string {
	var parts []string
	for _, m := range ms {
		v := ""
		if m.Value != nil {
			v = "=" + m.Value.String()
		}
		parts = append(parts, fmt.Sprintf("%s(%q%s%s%s)", m.Rule, m.Text, v, m.Unit, m.Date))
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

func describeFacts(fs []Fact) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, fmt.Sprintf("%s %v %s change=%q qualifier=%q metric=%q date=%q text=%q",
			f.Kind, f.Value, f.Unit, f.Change, f.Qualifier, f.Metric, f.Date, f.Text))
	}
	return "[" + strings.Join(parts, "; ") + "]"
}
