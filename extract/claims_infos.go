package extract

import (
	"hash/maphash"
	"sync"
	"sync/atomic"
)

// infoCache keeps what prepare learns of each folded word, for every
// goroutine that builds claims. It is an open-addressing hash table that
// only grows: a reader takes no lock and hashes the word once, a writer
// takes the lock, and a full table is copied into one twice as large, so
// a table once replaced is never written again.
type infoCache struct {
	table atomic.Pointer[infoTable]
	full  atomic.Bool // no more words will be kept

	mu sync.Mutex // held by writers
	n  int        // words kept
}

// infoTable is one generation of the cache: at most half its slots are
// taken, so a probe always ends on an empty slot.
type infoTable struct {
	seed  maphash.Seed
	slots []atomic.Pointer[infoEntry]
	mask  uint64
}

type infoEntry struct {
	hash uint64
	word string
	info *wordInfo
}

// minInfoSlots is the size of the first table.
const minInfoSlots = 1 << 10

// load returns the info kept for w.
func (c *infoCache) load(w string) (*wordInfo, bool) {
	t := c.table.Load()
	if t == nil {
		return nil, false
	}
	if e := t.lookup(maphash.String(t.seed, w), w); e != nil {
		return e.info, true
	}
	return nil, false
}

// loadBytes is load for a word given as bytes; it returns the word as
// kept too, so a caller can use that string instead of making one.
func (c *infoCache) loadBytes(w []byte) (*infoEntry, bool) {
	t := c.table.Load()
	if t == nil {
		return nil, false
	}
	h := maphash.Bytes(t.seed, w)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		e := t.slots[i].Load()
		if e == nil {
			return nil, false
		}
		if e.hash == h && e.word == string(w) {
			return e, true
		}
	}
}

func (t *infoTable) lookup(h uint64, w string) *infoEntry {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		e := t.slots[i].Load()
		if e == nil || e.hash == h && e.word == w {
			return e
		}
	}
}

// insert puts e in the first free slot of its probe; the caller holds
// the lock and knows e.word is not in t.
func (t *infoTable) insert(e *infoEntry) {
	i := e.hash & t.mask
	for t.slots[i].Load() != nil {
		i = (i + 1) & t.mask
	}
	t.slots[i].Store(e)
}

func newInfoTable(seed maphash.Seed, size int) *infoTable {
	return &infoTable{seed: seed, slots: make([]atomic.Pointer[infoEntry], size), mask: uint64(size - 1)}
}

// store keeps the info of w unless max words are kept already. The
// cache keeps w itself: pass a string that holds nothing else alive.
func (c *infoCache) store(w string, in *wordInfo, max int) {
	if c.full.Load() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n >= max {
		return
	}
	t := c.table.Load()
	if t == nil {
		t = newInfoTable(maphash.MakeSeed(), minInfoSlots)
		c.table.Store(t)
	}
	h := maphash.String(t.seed, w)
	if t.lookup(h, w) != nil {
		return // another goroutine kept it first
	}
	if 2*(c.n+1) > len(t.slots) {
		next := newInfoTable(t.seed, 2*len(t.slots))
		for i := range t.slots {
			if e := t.slots[i].Load(); e != nil {
				next.insert(e)
			}
		}
		c.table.Store(next)
		t = next
	}
	t.insert(&infoEntry{hash: h, word: w, info: in})
	c.n++
	if c.n >= max {
		c.full.Store(true)
	}
}

// size is the number of words kept.
func (c *infoCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
