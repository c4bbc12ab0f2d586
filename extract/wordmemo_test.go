package extract

import (
	"fmt"
	"testing"
	"unsafe"
)

// TestWordMemoIsOneLine keeps a memo to one cache line: a look-up touches
// that line alone.
func TestWordMemoIsOneLine(t *testing.T) {
	if n := unsafe.Sizeof(wordMemo{}); n != 64 {
		t.Fatalf("a wordMemo takes %d bytes, want 64", n)
	}
}

// TestWordTable fills a table to full and past it, for one and for three
// words of union sets: every word added is found with what was stored,
// none is added once the table is full, and reset forgets them all.
func TestWordTable(t *testing.T) {
	for _, words := range []int{1, 3} {
		tb := newWordTable(words)
		key := func(i int) string { return fmt.Sprintf("слово%d ", i) }
		added := 0
		for i := 0; !tb.full(); i++ {
			k := key(i)
			m, h, at := tb.find(k)
			if m != nil {
				t.Fatalf("%q found before it was added", k)
			}
			m = tb.add(k, h, at, uint64(i), i%2 == 0)
			set := make([]uint64, words)
			for w := range set {
				set[w] = uint64(i*10 + w)
			}
			tb.storeSets(m, set)
			added++
		}
		if added != maxWordMemos {
			t.Fatalf("words=%d: full after %d words, want %d", words, added, maxWordMemos)
		}
		for i := 0; i < added; i++ {
			m, _, _ := tb.find(key(i))
			if m == nil || m.anchors != uint64(i) || m.keep != (i%2 == 0) || int(m.size) != len(key(i)) || !m.known {
				t.Fatalf("words=%d: %q found as %+v", words, key(i), m)
			}
			set := make([]uint64, words)
			tb.loadSets(m, set)
			for w := range set {
				if set[w] != uint64(i*10+w) {
					t.Fatalf("words=%d: %q has sets %v", words, key(i), set)
				}
			}
		}
		if m, _, _ := tb.find(key(added)); m != nil {
			t.Fatalf("words=%d: a word never added is found", words)
		}
		tb.reset()
		if m, _, _ := tb.find(key(0)); m != nil || tb.full() {
			t.Fatalf("words=%d: reset left %+v (full %v)", words, m, tb.full())
		}
	}
}
