package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/factx/factx/rules"
)

// TestCueIndexMatchesScan checks that match, through the index of first
// words, finds what trying every cue of the lexicon finds, at every word
// of the seed and test articles.
func TestCueIndexMatchesScan(t *testing.T) {
	set, err := rules.Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	paths, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	arts, _ := filepath.Glob(filepath.Join("testdata", "articles", "*"))
	for _, p := range append(paths, arts...) {
		if data, err := os.ReadFile(p); err == nil {
			texts = append(texts, string(data))
		}
	}
	if len(texts) == 0 {
		t.Skip("no articles")
	}
	for _, code := range []string{"ru", "kk", "en"} {
		l := set.Lang(code)
		if l == nil {
			continue
		}
		c := &claimBuilder{lang: l, stem: stemmerFor(l)}
		c.init()
		hits := 0
		for _, text := range texts {
			ws := words(text, span{0, len(text)})
			c.prepare(ws)
			for lex := range numLexicons {
				for i := range ws {
					got, n := c.match(lex, ws, i)
					want, wantN := c.scan(lex, ws, i)
					if got != want || n != wantN {
						t.Fatalf("%s %s at %q: match = %q, %d; scan = %q, %d",
							code, lexNames[lex], ws[i].text, got, n, want, wantN)
					}
					if n > 0 {
						hits++
					}
				}
			}
		}
		if hits == 0 {
			t.Errorf("%s: no cue found: the test tells nothing", code)
		}
	}
}
