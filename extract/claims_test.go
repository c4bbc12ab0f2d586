package extract_test

import (
	"fmt"
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
