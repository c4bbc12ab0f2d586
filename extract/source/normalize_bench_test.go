package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchTexts reads the seed and sample articles of the repository, the
// kind of text Normalize sees in a run.
func benchTexts(b *testing.B) []string {
	b.Helper()
	var texts []string
	for _, dir := range []string{"../../seeds", "../../testdata/articles"} {
		paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range paths {
			raw, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, string(raw))
		}
	}
	if len(texts) == 0 {
		b.Skip("no sample articles found")
	}
	return texts
}

func BenchmarkNormalize(b *testing.B) {
	texts := benchTexts(b)
	total := 0
	for _, t := range texts {
		total += len(t)
	}
	// dirty has something to repair in every paragraph: CRLF line ends,
	// soft hyphens, zero-width spaces and mixed-script words.
	dirty := make([]string, len(texts))
	for i, t := range texts {
		t = strings.ReplaceAll(t, "\n", "\r\n")
		t = strings.Replace(t, "о", "o", 3) // Latin o inside Cyrillic words
		t = strings.Replace(t, " ", "\u00AD ", 5)
		dirty[i] = "\uFEFF" + strings.Replace(t, ".", ".\u200B", 5)
	}
	// The reference runs alongside, so that a busy machine slows both.
	for _, bc := range []struct {
		name  string
		texts []string
		fn    func(string) string
	}{
		{"clean", texts, Normalize},
		{"clean-reference", texts, normalizeReference},
		{"dirty", dirty, Normalize},
		{"dirty-reference", dirty, normalizeReference},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(total))
			b.ReportAllocs()
			for b.Loop() {
				for _, t := range bc.texts {
					bc.fn(t)
				}
			}
		})
	}
}
