package extract

import (
	"fmt"
	"sync"
	"testing"
)

// TestInfoCache checks the cache against a plain map: what is stored is
// found, by string and by bytes, across the tables it grows through,
// from several goroutines at once, and no more than max words are kept.
func TestInfoCache(t *testing.T) {
	tests := []struct {
		words, max int
	}{
		{0, 10},
		{10, 100},
		{5000, 100000}, // grows past the first table a few times
		{5000, 3000},   // stops at max
	}
	for _, tt := range tests {
		var c infoCache
		infos := make([]*wordInfo, tt.words)
		for i := range infos {
			infos[i] = &wordInfo{stem: fmt.Sprint("s", i)}
		}
		var wg sync.WaitGroup
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range infos {
					w := fmt.Sprint("w", (i*7+g)%tt.words)
					if in, ok := c.load(w); ok && in.stem != "s"+w[1:] {
						t.Errorf("load(%q) = %q", w, in.stem)
					}
					c.store(w, infos[(i*7+g)%tt.words], tt.max)
				}
			}()
		}
		wg.Wait()
		want := min(tt.words, tt.max)
		if n := c.size(); n != want {
			t.Errorf("%d words, max %d: kept %d, want %d", tt.words, tt.max, n, want)
		}
		found := 0
		for i, in := range infos {
			w := fmt.Sprint("w", i)
			got, ok := c.load(w)
			e, okb := c.loadBytes([]byte(w))
			if ok != okb || ok && (got != in || e.info != in || e.word != w) {
				t.Fatalf("%q: load = %v, %v; loadBytes = %v, %v; want %v", w, got, ok, e, okb, in)
			}
			if ok {
				found++
			}
		}
		if found != want {
			t.Errorf("%d words, max %d: found %d, want %d", tt.words, tt.max, found, want)
		}
		if _, ok := c.load("absent"); ok {
			t.Error("found a word never stored")
		}
	}
}
