package extract

import "hash/maphash"

// wordMemo is what the rules see at the beginning of a word (or at a
// sign: ".", ",", "-"), learnt once and kept for its next occurrence:
// most starts begin words, the words of a language repeat, and at nearly
// all of them every rule fails
// within the word or on the rune after it (a pattern such as \p{L}+
// reads that far to know the word has ended), which the memory holds
// too: "тенге " and "тенге," are two.
//
// A memo is one entry of a wordTable, its key inline, one cache line in
// all: a look-up, made at nearly every word of every text, touches that
// line alone.
type wordMemo struct {
	key     [memoKeyBytes]byte // the word and the rune after it
	anchors uint64
	// set0 is the first word of what the unions answer there; the table
	// holds the others, for a language of more than 64 rules (see sets)
	set0 uint64
	hash uint32 // 0: the entry is free
	// at is the entry's place in the table
	at   uint32
	size uint8 // of the key, in bytes
	keep bool  // a rule can begin there: the word is a start
	// known tells that the sets hold what the unions answer there: they
	// decided within the word and the rune after it: what follows
	// changes nothing
	known bool
	_     [5]byte
}

// memoKeyBytes bounds the words (with the rune after them) a table
// remembers: a Russian or Kazakh word of fifteen letters. Longer ones,
// rare, are asked each time.
const memoKeyBytes = 32

// wordTable is the memory of words: open addressing, linear probing,
// never more than maxWordMemos of its wordTableSize entries used, after
// which it is emptied and learnt again.
type wordTable struct {
	seed    maphash.Seed
	entries []wordMemo
	used    int
	// more holds the union sets past their first word, words-1 per
	// entry, for a language of more than 64 rules
	more  []uint64
	words int
}

const (
	wordTableSize = 1 << 15
	maxWordMemos  = wordTableSize * 3 / 4
)

func newWordTable(words int) *wordTable {
	t := &wordTable{seed: maphash.MakeSeed(), entries: make([]wordMemo, wordTableSize), words: words}
	if words > 1 {
		t.more = make([]uint64, wordTableSize*(words-1))
	}
	return t
}

// reset forgets every word, for a table that is full.
func (t *wordTable) reset() {
	clear(t.entries)
	clear(t.more)
	t.used = 0
}

// find returns the memo of key, or nil and the hash and place of the
// free entry where key belongs. key is at most memoKeyBytes long.
func (t *wordTable) find(key string) (m *wordMemo, h, at uint32) {
	h = uint32(maphash.String(t.seed, key)) | 1 // never 0, which marks a free entry
	mask := uint32(len(t.entries) - 1)
	for at = h & mask; ; at = (at + 1) & mask {
		m := &t.entries[at]
		switch {
		case m.hash == 0:
			return nil, h, at
		case m.hash == h && int(m.size) == len(key) && string(m.key[:m.size]) == key:
			return m, h, at
		}
	}
}

// full tells that no word can be added until the table is reset: the
// free entries keep probes short (and one is always there).
func (t *wordTable) full() bool { return t.used >= maxWordMemos }

// add fills the free entry at, which find gave with h, for key.
func (t *wordTable) add(key string, h, at uint32, anchors uint64, keep bool) *wordMemo {
	m := &t.entries[at]
	copy(m.key[:], key)
	m.hash, m.at = h, at
	m.size, m.anchors, m.keep = uint8(len(key)), anchors, keep
	t.used++
	return m
}

// loadSets copies what the unions answer at m into set.
func (t *wordTable) loadSets(m *wordMemo, set []uint64) {
	set[0] = m.set0
	if t.words > 1 {
		copy(set[1:], t.more[int(m.at)*(t.words-1):])
	}
}

// storeSets remembers set, what the unions answer at m.
func (t *wordTable) storeSets(m *wordMemo, set []uint64) {
	m.set0, m.known = set[0], true
	if t.words > 1 {
		copy(t.more[int(m.at)*(t.words-1):(int(m.at)+1)*(t.words-1)], set[1:])
	}
}
