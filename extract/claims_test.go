package extract_test

import (
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/factx/factx/extract"
	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

// claimExtractor builds the whole extractor over the embedded rules.
func claimExtractor(t *testing.T) *extract.Extractor {
	t.Helper()
	set, err := rules.Load(nil, nil)
	if err != nil {
		t.Fatalf("load rules: %v", err)
	}
	return extract.New(set, lang.NewDetector())
}

// TestClaimExamples runs every claim example of every rules file through
// the whole extractor and checks the fact it states.
func TestClaimExamples(t *testing.T) {
	x := claimExtractor(t)
	names, err := fs.Glob(rules.Embedded(), "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, name := range names {
		data, err := fs.ReadFile(rules.Embedded(), name)
		if err != nil {
			t.Fatal(err)
		}
		f, errs := rules.ParseFile(name, data)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", name, errs)
		}
		for _, ex := range f.ClaimExamples {
			total++
			where := fmt.Sprintf("%s:%d: %q", name, ex.Line, ex.Text)
			doc := x.Extract(extract.Input{Source: "example", Text: ex.Text, Lang: f.Lang, Published: ex.Published}, extract.Options{})
			if ex.Kind == "none" {
				if len(doc.Facts) > 0 {
					t.Errorf("%s: want no fact, got %s", where, describeFacts(doc.Facts))
				}
				continue
			}
			if ex.Value == nil {
				t.Errorf("%s: example without value", where)
				continue
			}
			var got *extract.Fact
			for i, fc := range doc.Facts {
				if fc.Kind == ex.Kind && math.Abs(float64(fc.Value)-*ex.Value) <= 1e-9*math.Max(1, math.Abs(*ex.Value)) &&
					(ex.Unit == "" || fc.Unit == ex.Unit) {
					got = &doc.Facts[i]
					break
				}
			}
			if got == nil {
				t.Errorf("%s: no %s fact %v %s; got %s", where, ex.Kind, *ex.Value, ex.Unit, describeFacts(doc.Facts))
				continue
			}
			if got.Change != ex.Change {
				t.Errorf("%s: change %q, want %q", where, got.Change, ex.Change)
			}
			if got.Qualifier != ex.Qualifier {
				t.Errorf("%s: qualifier %q, want %q", where, got.Qualifier, ex.Qualifier)
			}
			if ex.Metric != "" && got.Metric != ex.Metric {
				t.Errorf("%s: metric %q, want %q", where, got.Metric, ex.Metric)
			}
			if ex.Date != "" && got.Date != ex.Date {
				t.Errorf("%s: date %q, want %q", where, got.Date, ex.Date)
			}
		}
	}
	if total == 0 {
		t.Fatal("no claim examples in the rules")
	}
}

func describeFacts(fs []extract.Fact) string {
	var b strings.Builder
	b.WriteString("[")
	for i, f := range fs {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %v %s change=%q qualifier=%q metric=%q date=%q text=%q",
			f.Kind, f.Value, f.Unit, f.Change, f.Qualifier, f.Metric, f.Date, f.Text)
	}
	b.WriteString("]")
	return b.String()
}

// TestSameClaimAcrossLanguages reads the Russian and Kazakh reports of the
// same meeting (seeds 000 and 002): every claim must come out with the same
// kind, value, unit, change and metric in both.
func TestSameClaimAcrossLanguages(t *testing.T) {
	x := claimExtractor(t)
	read := func(glob, code string) []string {
		names, err := filepath.Glob(filepath.Join("..", "seeds", glob))
		if err != nil || len(names) != 1 {
			t.Fatalf("seed %s: %v %v", glob, names, err)
		}
		data, err := os.ReadFile(names[0])
		if err != nil {
			t.Fatal(err)
		}
		doc := x.Extract(extract.Input{Source: names[0], Text: string(data)}, extract.Options{})
		if doc.Lang != code {
			t.Fatalf("%s: language %q, want %q", names[0], doc.Lang, code)
		}
		var out []string
		for _, f := range doc.Facts {
			out = append(out, fmt.Sprintf("%s %v %s change=%q metric=%q", f.Kind, f.Value, f.Unit, f.Change, f.Metric))
		}
		sort.Strings(out)
		return out
	}
	ru := read("000_*.txt", "ru")
	kk := read("002_*.txt", "kk")
	if len(ru) < 8 {
		t.Fatalf("ru seed: %d facts, want at least 8: %v", len(ru), ru)
	}
	if strings.Join(ru, "\n") != strings.Join(kk, "\n") {
		t.Errorf("the same claims differ:\nru:\n  %s\nkk:\n  %s", strings.Join(ru, "\n  "), strings.Join(kk, "\n  "))
	}
}
