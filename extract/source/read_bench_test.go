package source

import (
	"path/filepath"
	"testing"
)

func BenchmarkRead(b *testing.B) {
	var items []Item
	for _, dir := range []string{"../../seeds", "../../testdata/articles"} {
		paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range paths {
			items = append(items, Item{Source: p, Rel: filepath.Base(p)})
		}
	}
	if len(items) == 0 {
		b.Skip("no sample articles found")
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, it := range items {
			if it = Read(it, nil, Options{}); it.Err != nil {
				b.Fatal(it.Err)
			}
		}
	}
}
