package extract

import (
	"cmp"
	"math/big"
	"math/bits"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/factx/factx/rules"
)

// mentionFinder runs every rule of one language over a text and keeps the
// best non-overlapping readings.
type mentionFinder struct {
	lang   *rules.Lang
	number *numberReader
	// anyFirst and anyAnchors are what any rule can begin with: a word
	// that begins none is no start at all
	anyFirst   *rules.RuneSet
	anyAnchors uint64
	// noStart has bit r set for each sign r (a rune below signRunes, not
	// of a word) where no rule can begin: what a sign's start is known
	// by depends on the sign alone (see startScanner.next), and spaces,
	// most signs of a text, begin nothing
	noStart [signRunes / 64]uint64
	// lower and cased are what the rules of each union can begin with
	modesOnce    sync.Once
	lower, cased beginnings
	// scratches are kept for the next text, never dropped (as a
	// sync.Pool's are at each collection): each remembers the words and
	// groups it has learnt; there are as many as texts read at once
	scratchMu sync.Mutex
	scratches []*scratch
	templates sync.Map // DATE templates, parsed: string → *dateTemplate
	// segment is how much text is read before candidates are resolved;
	// 0 is segmentBytes (tests make it small)
	segment int
}

func newMentionFinder(l *rules.Lang) *mentionFinder {
	f := &mentionFinder{lang: l, number: newNumberReader(l)}
	firsts := make([]*rules.RuneSet, 0, len(l.Rules))
	for _, r := range l.Rules {
		firsts = append(firsts, r.First)
		f.anyAnchors |= r.Anchors
	}
	f.anyFirst = rules.Union(firsts...)
	for r := rune(0); r < signRunes; r++ {
		if !isWordRune(r) && !f.startable(f.lang.AnchorsAt(string(r)), r) {
			f.noStart[r/64] |= 1 << (r % 64)
		}
	}
	return f
}

// signRunes bounds the signs whose starts the finder knows by table:
// spaces and punctuation, typographic ones included (U+2000–U+206F).
const signRunes = 0x2080

// startable tells whether a rule can begin where rune r begins, with the
// word lists anchors.
func (f *mentionFinder) startable(anchors uint64, r rune) bool {
	return anchors&f.anyAnchors != 0 || f.anyFirst.Has(r)
}

// noStartAt tells whether sign r begins no rule, by table.
func (f *mentionFinder) noStartAt(r rune) bool {
	return r < signRunes && f.noStart[r/64]&(1<<(r%64)) != 0
}

// candidate is one rule match with its readings, before overlaps are
// resolved. Offsets are bytes.
type candidate struct {
	start, end int
	rule       *rules.CompiledRule
	order      int
	hit        ruleHit
	m          []int     // the match, as Submatch gives it, in the text, once needed
	mentions   []Mention // what it reads, once resolve reads it
}

// ruleHit is where a rule matches, known by its end alone: most matches lose
// to another, and only the winners' groups are read (see groups). The
// rule's match at the start of text[at:limit] ends at end.
type ruleHit struct {
	at, end, limit int
	// read is how many bytes from at the rule's automaton read to find
	// end, limit-at+1 when it read to the limit and past it: Submatch
	// reads no more (see groups)
	read int
}

// matchTextIn folds letters that differ only in spelling (ё/е) without
// changing byte offsets, so word lists need one spelling. The copy it
// needs is written in buf's room, which it returns for the next text
// (see rules.LowerTextIn).
func matchTextIn(buf []byte, text string) (string, []byte) {
	small, capital := strings.Index(text, "ё"), strings.Index(text, "Ё")
	if small < 0 && capital < 0 {
		return text, buf
	}
	// both spellings take two bytes: offsets stay; the text is copied
	// once and the letters found by the vectorized search rewritten (the
	// two byte pairs cannot overlap, so each is replaced on its own)
	b := append(buf[:0], text...)
	for _, f := range [...]struct {
		at       int
		from, to string
	}{{small, "ё", "е"}, {capital, "Ё", "Е"}} {
		for k := f.at; k >= 0; {
			copy(b[k:], f.to)
			n := strings.Index(text[k+2:], f.from)
			if n < 0 {
				break
			}
			k += 2 + n
		}
	}
	return unsafe.String(&b[0], len(b)), b // b is not written again until passed again
}

// find returns the mentions of text, sorted by position, with byte
// offsets in Start/End (converted to runes by the caller). published is
// the article's date, "" when unknown, for relative dates.
func (f *mentionFinder) find(text, published string) []Mention {
	return f.appendFind(nil, text, published)
}

// appendFind is find appending to dst, whose room the caller reuses.
func (f *mentionFinder) appendFind(dst []Mention, text, published string) []Mention {
	return f.mentions(dst, text, published, false)
}

// mentions is appendFind, keeping the matches of guards (IGNORE) with
// keepIgnored. A match is read (its numbers, units, dates) only once it
// has won its place: most matches lose to a longer or stronger one.
//
// The text is read in segments of about segmentBytes: the candidates of
// the starts read so far are resolved as soon as none reaches past them,
// as none read later can overlap them then. So a text of any size needs
// memory for a segment, not for its whole length, and the mentions are
// those of one pass over the whole.
func (f *mentionFinder) mentions(dst []Mention, text, published string, keepIgnored bool) []Mention {
	sc := f.getScratch()
	defer f.putScratch(sc)
	// the folded and lower-cased copies are read only here (offsets
	// into them are kept, never their strings): their room is the
	// scratch's, for the next text
	var mt, lt string
	mt, sc.matchBuf = matchTextIn(sc.matchBuf, text)
	lt, sc.lowerBuf = rules.LowerTextIn(sc.lowerBuf, mt)
	read := func(c *candidate) bool {
		if c.m == nil {
			if c.m = sc.groups(c.rule, c.order, mt, lt, c.hit); c.m == nil {
				return false
			}
		}
		n := len(sc.read)
		var ok bool
		if sc.read, ok = f.read(sc.read, text, c.rule, c.m, c.start, c.end, published); ok {
			c.mentions = sc.read[n:len(sc.read):len(sc.read)]
		}
		return ok
	}
	segment := f.segment
	if segment <= 0 {
		segment = segmentBytes
	}
	if len(sc.matches) != len(f.lang.Rules) {
		sc.matches = make([][]ruleHit, len(f.lang.Rules))
		sc.pos = make([]int, len(f.lang.Rules))
	}
	clear(sc.pos)
	scan := f.scanStarts(mt, sc)
	out := dst
	cands, reach := sc.cands[:0], 0
	for scan.i < len(mt) {
		sc.starts = scan.next(sc.starts[:0], scan.i+segment)
		cands, reach = f.appendCandidates(cands, reach, mt, lt, sc.starts, sc)
		if reach <= scan.i {
			// nothing found reaches what is still to read
			out = resolve(out, cands, keepIgnored, sc, read)
			clear(cands)
			cands, reach = cands[:0], 0
		}
	}
	out = resolve(out, cands, keepIgnored, sc, read)
	sc.cands = cands // for putScratch to clear
	return out
}

// segmentBytes is about how much of a text is read before its
// candidates are resolved (see mentions).
const segmentBytes = 1 << 16

// groups reads the groups of a hit of rule r, the finder's order-th, in
// the text (s, or lower for a rule that reads lower-cased text), in byte
// offsets of the text. The groups of a rule depend only on the bytes it
// reads, and only on their rune classes (see rules.CompiledRule.Key):
// "25,3 млрд теңге" and "14,7 млрд теңге" have one answer, which the
// scratch remembers.
func (sc *scratch) groups(r *rules.CompiledRule, order int, s, lower string, h ruleHit) []int {
	text := s
	if r.Lower() {
		text = lower
	}
	n, eot := h.read, byte(0)
	if n > h.limit-h.at {
		n, eot = h.limit-h.at, 1
	}
	key := r.Key(append(sc.key[:0], byte(order>>8), byte(order), eot), text[h.at:h.at+n])
	if key != nil {
		sc.key = key
		if rel, ok := sc.known[string(key)]; ok {
			// in the scratch's room for the text's groups
			at := len(sc.ints)
			sc.ints = append(sc.ints, rel...)
			m := sc.ints[at:len(sc.ints):len(sc.ints)]
			for i, v := range rel {
				m[i] = v
				if v >= 0 {
					m[i] += h.at
				}
			}
			return m
		}
	}
	m := r.Submatch(text[h.at:h.limit])
	if m == nil || h.at+m[1] != h.end {
		return nil // cannot be: End and Submatch agree (TestSubmatchAgreesWithRegexp)
	}
	if key != nil {
		if len(sc.known) >= maxKnownGroups {
			clear(sc.known)
		}
		sc.known[string(key)] = slices.Clone(m)
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += h.at
		}
	}
	return m
}

// maxKnownGroups bounds the groups a scratch remembers.
const maxKnownGroups = 1 << 12

// scratch is the memory a text needs while its mentions are found, kept
// for the next text (the finder is shared: one scratch per text at a
// time, from a pool).
type scratch struct {
	starts []start
	sets   []uint64
	taken  []bool
	cands  []candidate
	kept   []int // of cands, in resolve
	rank   []int32
	refs   []mentionRef
	// words remembers what the rules see where words begin, by word: it
	// is the language's (a finder's scratch), and outlives the text
	words   *wordTable
	wordsOf *mentionFinder
	// known remembers the groups of matches by what the rule read (see
	// groups), for the language of wordsOf too; key is its buffer
	known map[string][]int
	key   []byte
	// matchBuf and lowerBuf hold the text's copies, ё folded and lower
	// case (see mentions)
	matchBuf, lowerBuf []byte
	// read holds the mentions of the text's candidates read so far,
	// which the candidates' mentions slice; ints, the groups remembered
	// (see groups), which their m slice
	read []Mention
	ints []int
	// matches holds each rule's matches, in text order; pos, where each
	// rule is to be tried next
	matches [][]ruleHit
	pos     []int
}

// maxScratch is the most elements a scratch slice keeps between texts:
// a huge text should not hold its memory for ever.
const maxScratch = 1 << 16

// maxTextScratch is the longest copy of a text a scratch keeps, in bytes.
const maxTextScratch = 1 << 20

// kept is s cut to no length, its room kept for the next text, or nil
// past max elements: a huge text should not hold its memory for ever.
func kept[T any](s []T, max int) []T {
	if cap(s) > max {
		return nil
	}
	return s[:0]
}

func (f *mentionFinder) getScratch() *scratch {
	f.scratchMu.Lock()
	defer f.scratchMu.Unlock()
	if n := len(f.scratches); n > 0 {
		sc := f.scratches[n-1]
		f.scratches = f.scratches[:n-1]
		return sc
	}
	return &scratch{}
}

func (f *mentionFinder) putScratch(sc *scratch) {
	sc.starts = kept(sc.starts, maxScratch)
	sc.sets = kept(sc.sets, maxScratch)
	sc.taken = kept(sc.taken, maxScratch)
	sc.rank = kept(sc.rank, maxScratch)
	sc.refs = kept(sc.refs, maxScratch)
	sc.ints = kept(sc.ints, maxScratch)
	sc.matchBuf = kept(sc.matchBuf, maxTextScratch)
	sc.lowerBuf = kept(sc.lowerBuf, maxTextScratch)
	// the candidates and their mentions hold slices of the text: keep
	// none alive
	clear(sc.read)
	sc.read = kept(sc.read, maxScratch)
	clear(sc.cands)
	sc.cands = kept(sc.cands, maxScratch)
	for k, m := range sc.matches {
		clear(m)
		sc.matches[k] = m[:0]
	}
	f.scratchMu.Lock()
	f.scratches = append(f.scratches, sc)
	f.scratchMu.Unlock()
}

// appendCandidates runs every rule at the starts of mt (the text, ё
// folded; lt, that lower-cased) and appends each match to cands; reach
// is the furthest a candidate so far ends, and is returned updated.
// After a rule's match, the rule is tried again past its end (sc.pos).
func (f *mentionFinder) appendCandidates(cands []candidate, reach int, mt, lt string, starts []start, sc *scratch) ([]candidate, int) {
	sets, words, member := f.matchSets(mt, lt, starts, sc)
	matches, pos := sc.matches, sc.pos // by rule, in text order; empty
	for k, r := range f.lang.Rules {
		if !member[k] {
			matches[k] = f.wordMatches(matches[k], r, mt, lt, starts, &pos[k])
		}
	}
	// the union members: only the rules whose bit is set at a start are
	// tried there
	for i, st := range starts {
		for w, set := range sets[i*words : (i+1)*words] {
			for ; set != 0; set &= set - 1 {
				k := w*64 + tzcnt(set)
				r := f.lang.Rules[k]
				if st.at < pos[k] || !tries(r, st) {
					continue
				}
				if h, ok := f.wordMatchAt(r, mt, lt, st); ok {
					matches[k] = append(matches[k], h)
					pos[k] = h.end
				}
			}
		}
	}
	for order, r := range f.lang.Rules {
		marks := len(matches[order]) > 0 && r.HasGroup("m")
		for _, h := range matches[order] {
			c := candidate{start: h.at, end: h.end, rule: r, order: order, hit: h}
			if marks {
				// the mention is the group m of the match: read it now
				if c.m = sc.groups(r, order, mt, lt, h); c.m == nil {
					continue
				}
				if s, e, ok := r.Group(c.m, "m"); ok {
					c.start, c.end = s, e
				}
			}
			cands = append(cands, c)
			reach = max(reach, c.end)
		}
		matches[order] = matches[order][:0]
	}
	return cands, reach
}

// resolve keeps the best of overlapping candidates: higher rule priority,
// then the longer match, then the earlier one, then the earlier rule. A
// candidate is read when it comes to be kept; one that does not read is
// passed over, as if it had never matched.
func resolve(out []Mention, cands []candidate, keepIgnored bool, sc *scratch, read func(*candidate) bool) []Mention {
	if len(cands) == 0 {
		return out
	}
	// the candidates are ranked by index, with the index last, which is
	// the stable order without moving the candidates themselves
	rank := slices.Grow(sc.rank[:0], len(cands))[:len(cands)]
	for k := range rank {
		rank[k] = int32(k)
	}
	sc.rank = rank
	slices.SortFunc(rank, func(i, j int32) int {
		a, b := &cands[i], &cands[j]
		if a.rule.Priority != b.rule.Priority {
			return cmp.Compare(b.rule.Priority, a.rule.Priority)
		}
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return cmp.Compare(lb, la)
		}
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		if a.order != b.order {
			return cmp.Compare(a.order, b.order)
		}
		return cmp.Compare(i, j)
	})
	// the bytes kept candidates cover: a clash test costs the length of
	// the candidate, not the number kept, so long texts stay linear
	base, end := cands[0].start, 0
	for _, c := range cands {
		base, end = min(base, c.start), max(end, c.end)
	}
	taken := slices.Grow(sc.taken[:0], end-base)[:end-base]
	clear(taken)
	sc.taken = taken
	kept, n := sc.kept[:0], 0 // the candidates kept, and their mentions
	for _, k := range rank {
		c := &cands[k]
		clash := false
		for i := c.start; i < c.end; i++ {
			if taken[i-base] {
				clash = true
				break
			}
		}
		if clash || !read(c) {
			continue
		}
		for i := c.start; i < c.end; i++ {
			taken[i-base] = true
		}
		if c.rule.Type != "IGNORE" || keepIgnored {
			kept = append(kept, int(k))
			n += len(c.mentions)
		}
	}
	sc.kept = kept
	if n == 0 {
		return out // dst (nil for find) when there are none
	}
	// these come after the mentions of earlier segments, which end
	// before any of them starts; they are put in text order (stable) by
	// ranking references to them, which are small to move
	refs := sc.refs[:0]
	for p, k := range kept {
		for i := range cands[k].mentions {
			refs = append(refs, mentionRef{int32(p), int32(i)})
		}
	}
	sc.refs = refs
	at := func(r mentionRef) *Mention { return &cands[kept[r.kept]].mentions[r.i] }
	slices.SortFunc(refs, func(x, y mentionRef) int {
		a, b := at(x), at(y)
		if a.Start != b.Start {
			return cmp.Compare(a.Start, b.Start)
		}
		if a.End != b.End {
			return cmp.Compare(a.End, b.End)
		}
		return cmp.Compare(x.order(), y.order())
	})
	out = slices.Grow(out, n)
	for _, r := range refs {
		out = append(out, *at(r))
	}
	return out
}

// mentionRef is mention i of the candidate kept-th kept, in resolve.
type mentionRef struct{ kept, i int32 }

// order is the mention's place among the kept candidates' mentions, in
// the order they were kept: what a stable sort of them would keep.
func (r mentionRef) order() int64 { return int64(r.kept)<<32 | int64(r.i) }

// start is a position where a match may begin, with the rune there and
// the word lists (anchors) whose words may begin there. At the beginning
// of a word of letters, memo is what is known of the word and the rune
// after it.
type start struct {
	at      int
	anchors uint64
	memo    *wordMemo
	r       rune
}

// startScanner lists the positions of a text where a match may begin:
// not inside a word or a number. Every rule is tried only there. It
// reads the text once, in steps, keeping the two runes before each
// position, and decides as startOK does; a word is read whole where it
// begins, as no position inside it is a start.
type startScanner struct {
	f           *mentionFinder
	s           string
	sc          *scratch
	i           int
	prev, prev2 rune
	prevWord    bool
}

func (f *mentionFinder) scanStarts(s string, sc *scratch) *startScanner {
	if sc.wordsOf != f {
		sc.known = make(map[string][]int)
	}
	switch {
	case sc.words == nil || sc.wordsOf != f:
		sc.words, sc.wordsOf = newWordTable((len(f.lang.Rules)+63)/64), f
	case sc.words.full():
		sc.words.reset()
	}
	return &startScanner{f: f, s: s, sc: sc, prev: -1, prev2: -1} // no runes before yet
}

// next appends the starts from where the scanner is to limit (or the end
// of the word or number that reaches past it) and moves on.
func (z *startScanner) next(out []start, limit int) []start {
	f, s, sc := z.f, z.s, z.sc
	prev, prev2, prevWord, i := z.prev, z.prev2, z.prevWord, z.i
	defer func() { z.prev, z.prev2, z.prevWord, z.i = prev, prev2, prevWord, i }()
	for i < len(s) && i < limit {
		if c := s[i]; c < utf8.RuneSelf && f.noStart[c/64]&(1<<(c%64)) != 0 {
			// a space, or an ASCII sign no rule begins with: a start
			// there is not asked for, so neither is whether it is one
			prev2, prev, prevWord = prev, rune(c), false
			i++
			continue
		}
		r, size := rune(s[i]), 1
		switch {
		case r < utf8.RuneSelf:
		case r >= 0xc2 && r < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			r, size = (r&0x1f)<<6|rune(s[i+1]&0x3f), 2 // two bytes: Cyrillic
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		word := isWordRune(r)
		ok := i == 0 || !(prevWord && word)
		if ok && i > 1 && (prev == '.' || prev == ',') && unicode.IsDigit(r) &&
			unicode.IsDigit(prev2) && f.joins(prev, digitRun(s[i:])) {
			ok = false
		}
		if !word || prevWord {
			prev2, prev, prevWord = prev, r, word
			switch {
			case !ok:
			case f.noStartAt(r):
				// a space, or a sign no rule begins with
			case !word:
				// a sign ("." "," "-" "$"): remembered with the rune after it
				out = f.appendRemembered(out, s, i, i+size, r, sc)
			default:
				out = f.appendStart(out, s, i, r)
			}
			i += size
			continue
		}
		// a word or number begins: read it to its end, four Cyrillic
		// letters at a time where it can (see cyrillic4), else its bytes
		// by table where they tell (see wordBytes); last is where its
		// last rune begins
		j, last := i+size, i
		for j+8 <= len(s) && cyrillic4(s, j) {
			last = j + 6
			j += 8
		}
		for j < len(s) {
			switch wordBytes[s[j]] {
			case wordByte:
				last = j
				j++
				continue
			case wordBlock:
				if j+1 < len(s) && s[j+1]&0xc0 == 0x80 {
					last = j
					j += 2
					continue
				}
			case notWordByte:
			}
			if s[j] < utf8.RuneSelf {
				break
			}
			r2, size2 := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r2) {
				break
			}
			last = j
			j += size2
		}
		switch {
		case !ok:
		case rules.IsLetter(r):
			out = f.appendRemembered(out, s, i, j, r, sc)
		default:
			out = f.appendStart(out, s, i, r)
		}
		// prev2 is not read before it is set again: the rune after a
		// word is no word rune, and prev, a word's, no separator
		prev2 = -1
		prev, _ = decodeRune(s, last)
		prevWord = true
		i = j
	}
	return out
}

// appendRemembered is appendStart for a word s[i:j] (or a sign), which
// the scratch remembers with the rune after it (see wordMemo).
func (f *mentionFinder) appendRemembered(out []start, s string, i, j int, r rune, sc *scratch) []start {
	k := j // the word and the rune after it
	if k < len(s) {
		_, size := decodeRune(s, k)
		k += size
	}
	if k-i > memoKeyBytes {
		return f.appendStart(out, s, i, r) // a long word: not remembered
	}
	m, h, at := sc.words.find(s[i:k])
	if m == nil {
		anchors := f.lang.AnchorsAt(s[i:])
		keep := f.startable(anchors, r)
		if sc.words.full() {
			// learnt again once the text is read (see scanStarts)
			if keep {
				out = append(out, start{at: i, r: r, anchors: anchors})
			}
			return out
		}
		m = sc.words.add(s[i:k], h, at, anchors, keep)
	}
	if m.keep {
		out = append(out, start{at: i, r: r, anchors: m.anchors, memo: m})
	}
	return out
}

// appendStart adds position i of s, where r begins, to out if a rule can
// begin there.
func (f *mentionFinder) appendStart(out []start, s string, i int, r rune) []start {
	st := start{at: i, r: r, anchors: f.lang.AnchorsAt(s[i:])}
	if f.startable(st.anchors, r) {
		out = append(out, st)
	}
	return out
}

// matchSets tells, at each start, which rules match there: bit k of
// sets[i*words:(i+1)*words] stands for rule k at starts[i]. The rules'
// unions read each start once for all rules, in the text itself and in
// its lower-cased copy. A rule that is no member of them (member[k]
// false) is asked itself, by wordMatches.
func (f *mentionFinder) matchSets(s, lower string, starts []start, sc *scratch) (sets []uint64, words int, member []bool) {
	lowerUnion, casedUnion, member := f.lang.Unions()
	words = (len(f.lang.Rules) + 63) / 64
	sets = slices.Grow(sc.sets[:0], len(starts)*words)[:len(starts)*words]
	clear(sets)
	sc.sets = sets
	if lowerUnion == nil || casedUnion == nil {
		return sets, words, member
	}
	f.modesOnce.Do(f.splitModes)
	for i, st := range starts {
		set := sets[i*words : (i+1)*words]
		if st.memo != nil && st.memo.known {
			sc.words.loadSets(st.memo, set)
			continue
		}
		end := min(len(s), st.at+matchWindow)
		// a union is read only where one of its rules can begin
		read := 0
		if f.cased.tries(st) {
			read = casedUnion.MatchSet(s[st.at:end], set)
		}
		if f.lower.tries(st) {
			read = max(read, lowerUnion.MatchSet(lower[st.at:end], set))
		}
		if st.memo != nil && read <= int(st.memo.size) && read <= end-st.at {
			// decided within the word and the rune after it: so it is
			// wherever they come
			sc.words.storeSets(st.memo, set)
		}
	}
	return sets, words, member
}

// tzcnt is the index of the lowest set bit of a non-zero word.
func tzcnt(w uint64) int { return bits.TrailingZeros64(w) }

// beginnings is what any of a group of rules can begin with.
type beginnings struct {
	first   *rules.RuneSet
	anchors uint64
}

func (b beginnings) tries(st start) bool {
	return st.anchors&b.anchors != 0 || b.first.Has(st.r)
}

// splitModes learns what the rules of each union can begin with; the
// rules are prepared (Unions did it), so each knows its case mode.
func (f *mentionFinder) splitModes() {
	var lower, cased []*rules.RuneSet
	for _, r := range f.lang.Rules {
		if r.Lower() {
			lower = append(lower, r.First)
			f.lower.anchors |= r.Anchors
		} else {
			cased = append(cased, r.First)
			f.cased.anchors |= r.Anchors
		}
	}
	f.lower.first, f.cased.first = rules.Union(lower...), rules.Union(cased...)
}

// tries tells whether rule r can match at st.
func tries(r *rules.CompiledRule, st start) bool {
	return st.anchors&r.Anchors != 0 || r.First.Has(st.r)
}

// wordMatches appends to out a rule's matches in s (or in lower, the
// same text lower-cased, for a pattern rewritten for it) that start and
// end on word boundaries, which Go's regexp cannot see (its \b is ASCII). The rule's
// pattern is anchored; it is tried, left to right, at each start whose
// rune can begin it, and after a match the search goes on past it (pos,
// kept from one call to the next). A match that ends inside a word ("екі
// бір|дей") is cut back to a word boundary within it and tried again.
func (f *mentionFinder) wordMatches(out []ruleHit, r *rules.CompiledRule, s, lower string, starts []start, pos *int) []ruleHit {
	for _, st := range starts {
		if st.at < *pos || !tries(r, st) {
			continue
		}
		if h, ok := f.wordMatchAt(r, s, lower, st); ok {
			out = append(out, h)
			*pos = h.end
		}
	}
	return out
}

// wordMatchAt is one attempt of wordMatches, at st: the rule's match
// there, if it is not empty and ends on a word boundary (or can be cut
// back to one).
func (f *mentionFinder) wordMatchAt(r *rules.CompiledRule, s, lower string, st start) (ruleHit, bool) {
	text := s
	if r.Lower() {
		text = lower // the same text, lower-cased, for a pattern rewritten for it
	}
	h, ok := endAt(r, text, st.at)
	if !ok || h.end == h.at {
		return ruleHit{}, false
	}
	if boundaryOK(text, h.at, h.end, f.joins) {
		return h, true
	}
	return f.shorter(r, text, h)
}

// matchWindow bounds the text an anchored attempt is given: no mention
// is this long. A match that reaches the window's end is tried again on
// the whole text, so the bound changes no result.
const matchWindow = 256

// endAt runs a rule's anchored pattern at byte offset at of s, for where
// its match ends. Most attempts fail, and the rule's automaton tells so
// in a step per rune.
func endAt(r *rules.CompiledRule, s string, at int) (ruleHit, bool) {
	limit := min(len(s), at+matchWindow)
	e, read := r.EndRead(s[at:limit])
	if e >= 0 && limit < len(s) && at+e == limit {
		limit = len(s)
		e, read = r.EndRead(s[at:])
	}
	if e < 0 {
		return ruleHit{}, false
	}
	return ruleHit{at: at, end: at + e, limit: limit, read: read}, true
}

// shorter retries a match that ends inside a word on its text cut at
// each word end within it, longest first.
func (f *mentionFinder) shorter(r *rules.CompiledRule, s string, h ruleHit) (ruleHit, bool) {
	for cut := h.end; cut > h.at; {
		last, size := utf8.DecodeLastRuneInString(s[:cut])
		cut -= size
		next, _ := utf8.DecodeRuneInString(s[cut+size:])
		if cut+size >= h.end || !isWordRune(last) || isWordRune(next) {
			continue
		}
		end := cut + size
		e, read := r.EndRead(s[h.at:end])
		if e < 0 {
			continue
		}
		short := ruleHit{at: h.at, end: h.at + e, limit: end, read: read}
		if boundaryOK(s, short.at, short.end, f.joins) {
			return short, true
		}
	}
	return ruleHit{}, false
}

// boundaryOK rejects matches that start or end inside a word or number:
// Go's \b knows only ASCII, so the check is done here for every script.
// joins tells whether a separator between digits, with run digits on its
// far side, belongs to one number ("1,5", "1,234") rather than a list
// ("22,24,26").
func boundaryOK(s string, start, end int, joins func(sep rune, run int) bool) bool {
	if !startOK(s, start, joins) {
		return false
	}
	if end < len(s) {
		next, _ := utf8.DecodeRuneInString(s[end:])
		last, _ := utf8.DecodeLastRuneInString(s[:end])
		if isWordRune(next) && isWordRune(last) {
			return false
		}
		if unicode.IsDigit(last) && (next == '.' || next == ',') && end+1 < len(s) {
			if n2, _ := utf8.DecodeRuneInString(s[end+1:]); unicode.IsDigit(n2) && joins(next, digitRun(s[end+1:])) {
				return false
			}
		}
	}
	return true
}

// startOK tells whether a match may begin at start: not inside a word,
// nor inside a number such as "1,5" or "09.07".
func startOK(s string, start int, joins func(sep rune, run int) bool) bool {
	if start == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:start])
	first, _ := utf8.DecodeRuneInString(s[start:])
	if isWordRune(prev) && isWordRune(first) {
		return false
	}
	if unicode.IsDigit(first) && (prev == '.' || prev == ',') && start > 1 {
		if p2, _ := utf8.DecodeLastRuneInString(s[:start-1]); unicode.IsDigit(p2) && joins(prev, digitRun(s[start:])) {
			return false
		}
	}
	return true
}

// wordBytes sorts bytes for the start scanner's reading of a word: an
// ASCII letter or digit (wordByte), the first byte of a two-byte block
// whose 64 runes are all word runes (wordBlock: most of Cyrillic), or
// any other (notWordByte: the rune is decoded and asked).
var wordBytes = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		if isWordRune(rune(c)) {
			t[c] = wordByte
		}
	}
	for lead := 0xc2; lead < 0xe0; lead++ {
		first, all := rune(lead&0x1f)<<6, true
		for r := first; r < first+64; r++ {
			all = all && isWordRune(r)
		}
		if all {
			t[lead] = wordBlock
		}
	}
	return t
}()

// cyrillic4 tells whether the eight bytes of s at i are four letters of
// U+0400–U+047F (first bytes 0xD0 and 0xD1, each followed by a
// continuation byte): most of a Russian or Kazakh word, all word runes
// (TestCyrillic4 checks it against isWordRune), read in one load.
func cyrillic4(s string, i int) bool {
	b := s[i : i+8]
	x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
	return x&0xC0FEC0FEC0FEC0FE == 0x80D080D080D080D0
}

const (
	notWordByte = iota
	wordByte
	wordBlock
)

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return rules.IsLetter(r) || unicode.IsDigit(r)
}

// digitRun counts the ASCII digits s starts with.
func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// joins tells whether sep between digits makes one number in the
// language: a decimal separator always does, a group separator only
// before three digits.
func (f *mentionFinder) joins(sep rune, run int) bool {
	return f.number.isDecimal(sep) || (f.number.isGroup(sep) && run == 3)
}

// read turns one match into its mentions, appended to dst: one, or two
// for a range.
func (f *mentionFinder) read(dst []Mention, text string, r *rules.CompiledRule, m []int, start, end int, published string) ([]Mention, bool) {
	base := Mention{Type: r.Type, Rule: r.Name, Start: start, End: end, Text: text[start:end]}
	if r.Type == "IGNORE" {
		return append(dst, base), true
	}
	if r.Type == "TIME" {
		// a time of day, or an amount of time ("18 сағат") when the rule
		// names its unit: then it carries its value and unit
		if r.Unit != "" || r.UnitFrom != "" {
			amount := base
			if f.dateAmount(text, r, m, &amount) {
				return append(dst, amount), true
			}
		}
		return append(dst, base), true
	}
	if r.Type == "DATE" {
		d, ok := f.date(text, r, m, published)
		if !ok {
			return dst, false
		}
		base.Date = d
		if !f.dateAmount(text, r, m, &base) {
			return dst, false
		}
		return append(dst, base), true
	}
	var scale *big.Rat // nil: 1, nothing to multiply by
	if s, e, ok := r.Group(m, "scale"); ok {
		var entry rules.Entry
		ok := false
		for _, name := range []string{"scale", "scale_abbr", "scale_letter"} {
			if entry, ok = f.lang.Lexicon(name).Lookup(text[s:e]); ok {
				break
			}
		}
		if !ok {
			return dst, false
		}
		v, ok := entry.Rat()
		if !ok {
			return dst, false
		}
		scale = v
	}
	unit := r.Unit
	if r.UnitFrom != "" {
		s, e, ok := r.Group(m, "unit")
		if !ok {
			return dst, false
		}
		entry, ok := f.lang.Lexicon(r.UnitFrom).Lookup(text[s:e])
		if !ok {
			return dst, false
		}
		unit = entry.Code
		if v, ok := entry.Rat(); ok {
			scale = mulRat(scale, v) // subunits: cents, тиын
		}
	}
	base.Unit = unit
	if r.ValueFrom != "" {
		s, e, ok := r.Group(m, "word")
		if !ok {
			s, e = start, end
		}
		entry, ok := f.lang.Lexicon(r.ValueFrom).Lookup(text[s:e])
		if !ok {
			return dst, false
		}
		v, ok := entry.Rat()
		if !ok {
			return dst, false
		}
		base.Value = ratNumber(mulRat(v, scale))
		return append(dst, base), true
	}
	s, e, ok := r.Group(m, "num")
	if !ok {
		return dst, false
	}
	read := f.number.read
	if r.Type == "ORDINAL" {
		read = f.number.readOrdinal
	}
	v, ok := read(text[s:e])
	if !ok {
		return dst, false
	}
	v = mulRat(v, scale)
	if s, e, ok := r.Group(m, "sub"); ok {
		// "20 dollars 43 (cents)": a subunit is a hundredth
		sub, ok := f.number.read(text[s:e])
		if !ok {
			return dst, false
		}
		v.Add(v, sub.Quo(sub, big.NewRat(100, 1)))
	}
	base.Value = ratNumber(v)
	s2, e2, ok := r.Group(m, "num2")
	if !ok {
		return append(dst, base), true
	}
	v2, ok := f.number.read(text[s2:e2])
	if !ok {
		return dst, false
	}
	first := base
	first.End = e
	first.Text = text[start:e]
	second := base
	second.Start = s2
	second.Text = text[s2:end]
	second.Value = ratNumber(mulRat(v2, scale))
	return append(dst, first, second), true
}

// mulRat is a×b as a new number, which callers may change; nil stands
// for 1.
func mulRat(a, b *big.Rat) *big.Rat {
	switch {
	case a == nil:
		return new(big.Rat).Set(b)
	case b == nil:
		return new(big.Rat).Set(a)
	}
	return new(big.Rat).Mul(a, b)
}

func ratNumber(v *big.Rat) *Number {
	n := Number(ratFloat(v))
	return &n
}

// ratFloat is v.Float64(), the float nearest v, found by one division
// when numerator and denominator are exact as floats (below 2^53): IEEE
// division rounds the exact quotient to nearest, as Float64 does, and
// nearly every number of a text ("12,5", "3 млн") is such a quotient.
func ratFloat(v *big.Rat) float64 {
	const exact = 1 << 53
	if n, d := v.Num(), v.Denom(); n.IsInt64() && d.IsInt64() {
		if a, b := n.Int64(), d.Int64(); -exact <= a && a <= exact && b <= exact {
			return float64(a) / float64(b)
		}
	}
	f, _ := v.Float64()
	return f
}

// date fills a DATE rule's template from its groups and the published
// date: year, year2, day, day2 and num are numbers; month, month2, rel,
// quarter and half are looked up in their lexicons, in ordinal_word and
// roman, else read as numbers ("девять месяцев"); pub_year, pub_month
// and pub_day come from the published date.
func (f *mentionFinder) date(text string, r *rules.CompiledRule, m []int, published string) (string, bool) {
	var vars dateVars
	group := func(name string) (string, bool) {
		s, e, ok := r.Group(m, name)
		if !ok {
			return "", false
		}
		return text[s:e], true
	}
	if len(published) >= 10 {
		y, err1 := strconv.Atoi(published[:4])
		mo, err2 := strconv.Atoi(published[5:7])
		d, err3 := strconv.Atoi(published[8:10])
		if err1 == nil && err2 == nil && err3 == nil {
			vars.set(varPubYear, y)
			vars.set(varPubMonth, mo)
			vars.set(varPubDay, d)
		}
	}
	for _, v := range [...]dateVar{varYear, varYear2, varDay, varDay2} {
		if s, ok := group(dateVarNames[v]); ok {
			n, ok := f.wholeNumber(s)
			if !ok {
				return "", false
			}
			vars.set(v, n)
		}
	}
	for _, g := range lexiconGroups {
		s, ok := group(dateVarNames[g.v])
		if !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			e, ok := f.lang.Lexicon(g.lexicon).Lookup(s)
			if !ok {
				e, ok = f.lang.Lexicon("ordinal_word").Lookup(s)
			}
			if !ok {
				e, ok = f.lang.Lexicon("roman").Lookup(s)
			}
			if ok {
				v, ok := e.Rat()
				if !ok || !v.IsInt() {
					return "", false
				}
				n = int(v.Num().Int64())
			} else if n, ok = f.wholeNumber(s); !ok {
				// a count in words: "за девять месяцев"
				return "", false
			}
		}
		vars.set(g.v, n)
	}
	// the amount of a relative date: "два года назад" is {pub_year-num}
	if s, ok := group("num"); ok {
		if n, ok := f.wholeNumber(s); ok {
			vars.set(varNum, n)
		}
	}
	if q, ok := vars.get(varQuarter); ok {
		if q < 1 || q > 4 {
			return "", false
		}
		vars.set(varQStart, 3*q-2)
		vars.set(varQEnd, 3*q)
	}
	if h, ok := vars.get(varHalf); ok {
		if h < 1 || h > 2 {
			return "", false
		}
		vars.set(varHStart, 6*h-5)
		vars.set(varHEnd, 6*h)
	}
	for _, k := range [...]dateVar{varMonth, varMonth2} {
		if v, ok := vars.get(k); ok && (v < 1 || v > 12) {
			return "", false
		}
	}
	for _, k := range [...]dateVar{varDay, varDay2} {
		if v, ok := vars.get(k); ok && (v < 1 || v > 31) {
			return "", false
		}
	}
	d, ok := f.dateTemplate(r.Date).fill(&vars)
	if !ok {
		// a relative date without a published date, or a duration: the
		// mention stands, its ISO date is unknown
		return "", true
	}
	for _, day := range strings.Split(d, "/") {
		if len(day) == len("2006-01-02") && !strings.HasPrefix(day, "X") && !validDate(day) {
			return "", false // "31 февраля" is no date
		}
	}
	return d, true
}

// lexiconGroups are the date groups looked up in a lexicon first.
var lexiconGroups = [...]struct {
	v       dateVar
	lexicon string
}{
	{varMonth, "month"}, {varMonth2, "month"}, {varRel, "rel_year"}, {varQuarter, "quarter"}, {varHalf, "half"},
}

// dateTemplate returns a DATE rule's template, parsed once.
func (f *mentionFinder) dateTemplate(tmpl string) *dateTemplate {
	if t, ok := f.templates.Load(tmpl); ok {
		return t.(*dateTemplate)
	}
	t, _ := f.templates.LoadOrStore(tmpl, parseDateTemplate(tmpl))
	return t.(*dateTemplate)
}

// wholeNumber reads a year or day written in digits or words ("2015",
// "екі мың он бесінші").
func (f *mentionFinder) wholeNumber(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	v, ok := f.number.read(s)
	if !ok || !v.IsInt() || !v.Num().IsInt64() {
		return 0, false
	}
	return int(v.Num().Int64()), true
}

// dateAmount gives a DATE mention that counts time ("екі жыл", "24
// жастағы": durations and ages) the number of its group "num" and the
// unit of its rule.
func (f *mentionFinder) dateAmount(text string, r *rules.CompiledRule, m []int, base *Mention) bool {
	base.Unit = r.Unit
	if us, ue, ok := r.Group(m, "unit"); ok && r.UnitFrom != "" {
		entry, ok := f.lang.Lexicon(r.UnitFrom).Lookup(text[us:ue])
		if !ok {
			return false
		}
		base.Unit = entry.Code
	}
	s, e, ok := r.Group(m, "num")
	if !ok {
		return true // "бірнеше жыл": a unit without a number
	}
	v, ok := f.number.read(text[s:e])
	if !ok {
		return false
	}
	base.Value = ratNumber(v)
	return true
}

var refPattern = regexp.MustCompile(`\{[a-zA-Z_0-9|+\-]+\}`)
