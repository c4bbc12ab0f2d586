package extract_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/factx/factx/extract"
	"github.com/factx/factx/extract/source"
	"github.com/factx/factx/lang"
)

// TestConcurrentDeterminism runs every seed on one shared extractor from
// several goroutines at once and wants the bytes of a serial run.
func TestConcurrentDeterminism(t *testing.T) {
	t.Parallel()
	fx := getFixture(t)
	var want [][]byte
	for _, sd := range fx.seeds {
		want = append(want, render(t, sd.doc))
	}
	// A fresh extractor: its lazily built pipelines race here if unsafe.
	fresh := extract.New(fx.set, lang.NewDetector())
	const rounds = 2
	n := len(fx.seeds)
	got := make([][]byte, rounds*n)
	var wg sync.WaitGroup
	for r := 0; r < rounds; r++ {
		for i := range fx.seeds {
			wg.Add(1)
			go func(k, i int) {
				defer wg.Done()
				got[k] = render(t, fresh.Extract(fx.seeds[i].in, extract.Options{}))
			}(r*n+i, i)
		}
	}
	wg.Wait()
	for k, g := range got {
		i := k % n
		if !bytes.Equal(g, want[i]) {
			t.Errorf("%s: concurrent run %d differs:\n%s", fx.seeds[i].path, k/n, firstDiff(want[i], g))
		}
	}
}

// factKey is what must survive a change that does not touch a fact: its
// id and what it says.
func factKey(f extract.Fact) string {
	return fmt.Sprintf("%s %s %s %s %s %s", f.ID, f.Kind, f.Value, f.Unit, f.Metric, f.Date)
}

func keys(facts []extract.Fact) []string {
	out := make([]string, len(facts))
	for i, f := range facts {
		out[i] = factKey(f)
	}
	return out
}

var (
	spaceRe = regexp.MustCompile(` `)
	eolRe   = regexp.MustCompile(`\n`)
)

// TestIDsSurviveWhitespace: line endings, doubled spaces, trailing spaces
// and extra blank lines change no fact and no id. CRLF goes through
// source.Normalize as in the CLI.
func TestIDsSurviveWhitespace(t *testing.T) {
	t.Parallel()
	x := getFixture(t).x
	variants := []struct {
		name string
		edit func(string) string
	}{
		{"crlf and trailing spaces", func(s string) string {
			return strings.ReplaceAll(eolRe.ReplaceAllString(s, " \t\n"), "\n", "\r\n")
		}},
		{"cr and blank lines", func(s string) string {
			return strings.ReplaceAll(strings.ReplaceAll(s, "\n", "\n\n"), "\n", "\r")
		}},
		{"tabs after sentences", func(s string) string { return strings.ReplaceAll(s, ". ", ".\t") }},
		{"double spaces", func(s string) string { return spaceRe.ReplaceAllString(s, "  ") }},
	}
	for _, s := range sampleSeeds(t) {
		p, in, base := s.path, s.in, s.doc
		for _, v := range variants {
			t.Run(filepath.Base(p)+"/"+v.name, func(t *testing.T) {
				edited := in
				edited.Text = source.Normalize(v.edit(in.Text))
				got := x.Extract(edited, extract.Options{})
				compareKeys(t, keys(base.Facts), keys(got.Facts))
			})
		}
	}
}

// TestFurnitureWhitespace: a related-news block stays furniture whatever
// the spacing of its heading.
func TestFurnitureWhitespace(t *testing.T) {
	t.Parallel()
	x := getFixture(t).x
	for _, c := range []struct{ name, heading string }{
		{"space", "Читайте также:"},
		{"two spaces", "Читайте  также:"},
		{"nbsp", "Читайте\u00a0также:"},
		{"tab", "Читайте\tтакже:"},
	} {
		heading := c.heading
		t.Run(c.name, func(t *testing.T) {
			text := "Цены выросли на 5%.\n\n" + heading + "\n- КТЖ потратила 80 млн тенге\n"
			doc := x.Extract(extract.Input{Source: "a.txt", Text: text, Lang: "ru"}, extract.Options{})
			if len(doc.Facts) != 1 || doc.Facts[0].Text != "5%" {
				t.Errorf("facts %v, want only 5%%", keys(doc.Facts))
			}
		})
	}
}

// compareKeys reports facts lost and gained, order aside.
func compareKeys(t *testing.T, want, got []string) {
	t.Helper()
	lost, gained := multisetDiff(want, got)
	for _, k := range lost {
		t.Errorf("lost or changed: %s", k)
	}
	for _, k := range gained {
		t.Errorf("new or changed:  %s", k)
	}
}

func multisetDiff(a, b []string) (onlyA, onlyB []string) {
	count := map[string]int{}
	for _, k := range a {
		count[k]++
	}
	for _, k := range b {
		count[k]--
	}
	for k, n := range count {
		for ; n > 0; n-- {
			onlyA = append(onlyA, k)
		}
		for ; n < 0; n++ {
			onlyB = append(onlyB, k)
		}
	}
	sort.Strings(onlyA)
	sort.Strings(onlyB)
	return onlyA, onlyB
}

// TestIDsSurviveEdits: editing one sentence changes the ids of that
// sentence's facts only; adding a paragraph without numbers, which moves
// every later offset, changes none.
func TestIDsSurviveEdits(t *testing.T) {
	t.Parallel()
	x := getFixture(t).x
	for _, s := range sampleSeeds(t) {
		p, in, base := s.path, s.in, s.doc
		name := filepath.Base(p)
		t.Run(name+"/edit sentence", func(t *testing.T) {
			// Pick the last fact's sentence and add a word before its end.
			target := base.Facts[len(base.Facts)-1].Sentence
			at := strings.LastIndex(in.Text, target)
			if at < 0 {
				t.Skipf("sentence %q not found verbatim", target)
			}
			cut := at + len(strings.TrimRight(target, ".!?»\"")) // before the final punctuation
			edited := in
			edited.Text = in.Text[:cut] + " (xyz)" + in.Text[cut:]
			got := x.Extract(edited, extract.Options{})
			var wantSame, gotSame []string
			changed := 0
			for _, f := range base.Facts {
				if f.Sentence != target {
					wantSame = append(wantSame, factKey(f))
				}
			}
			for _, f := range got.Facts {
				if strings.Contains(f.Sentence, "(xyz)") {
					changed++
					for _, o := range base.Facts {
						if o.ID == f.ID {
							t.Errorf("fact %s in the edited sentence kept its id", f.ID)
						}
					}
					continue
				}
				gotSame = append(gotSame, factKey(f))
			}
			if changed == 0 {
				t.Errorf("no fact left in the edited sentence %q", target)
			}
			compareKeys(t, wantSame, gotSame)
		})
		t.Run(name+"/insert paragraph", func(t *testing.T) {
			// After the first fact's paragraph, so header lines stay put.
			first := base.Facts[0].Sentence
			at := strings.Index(in.Text, first)
			nl := strings.Index(in.Text[at+len(first):], "\n")
			if at < 0 || nl < 0 {
				t.Skip("no paragraph end after the first fact")
			}
			cut := at + len(first) + nl
			edited := in
			edited.Text = in.Text[:cut] + "\n\nxyz xyz xyz.\n" + in.Text[cut:]
			got := x.Extract(edited, extract.Options{})
			compareKeys(t, keys(base.Facts), keys(got.Facts))
			// The test must edit something: facts after the cut move.
			cutRunes := utf8.RuneCountInString(in.Text[:cut])
			for i, f := range base.Facts {
				if f.Start >= cutRunes && i < len(got.Facts) && got.Facts[i].Start == f.Start {
					t.Errorf("fact %s did not move: the test edits nothing", f.ID)
				}
			}
		})
	}
}

// sampleSeeds keeps the tests quick: per language, the seed with the most
// text among those with two facts or more.
func sampleSeeds(t *testing.T) []seed {
	t.Helper()
	best := map[string]seed{}
	var langs []string
	for _, sd := range getFixture(t).seeds {
		if len(sd.doc.Facts) < 2 {
			continue
		}
		b, ok := best[sd.doc.Lang]
		if !ok {
			langs = append(langs, sd.doc.Lang)
		}
		if !ok || len(sd.in.Text) > len(b.in.Text) {
			best[sd.doc.Lang] = sd
		}
	}
	var out []seed
	for _, l := range langs {
		out = append(out, best[l])
	}
	return out
}
