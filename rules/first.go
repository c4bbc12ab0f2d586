package rules

import (
	"fmt"
	"regexp/syntax"
	"sort"
	"unicode"
	"unicode/utf8"
)

// RuneSet is the set of runes a rule's match can begin with. The mention
// finder tries a rule only where the text holds one of them, instead of
// running the whole pattern at every position: Go's regexp has no DFA,
// so each position it scans costs in proportion to the alternatives a
// pattern opens there, and most positions of a text open none.
type RuneSet struct {
	ranges []rune // sorted, merged pairs lo, hi
	any    bool
	// low holds the members below tableRunes (Latin and Cyrillic), so
	// the finder, which asks at every word of a text, rarely searches
	low [tableRunes / 64]uint64
}

// NewRuneSet makes a set of runes from sorted, merged pairs lo, hi.
func NewRuneSet(ranges []rune, any bool) *RuneSet {
	s := &RuneSet{ranges: ranges, any: any}
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1] && r < tableRunes; r++ {
			s.low[r/64] |= 1 << (r % 64)
		}
	}
	return s
}

// Union is the set of runes in any of sets.
func Union(sets ...*RuneSet) *RuneSet {
	var pairs []rune
	for _, s := range sets {
		if s == nil || s.any {
			return NewRuneSet(nil, true)
		}
		pairs = append(pairs, s.ranges...)
	}
	return NewRuneSet(mergeRanges(pairs), false)
}

// Has tells whether r can begin a match.
func (s *RuneSet) Has(r rune) bool {
	if s == nil || s.any {
		return true
	}
	if r >= 0 && r < tableRunes {
		return s.low[r/64]&(1<<(r%64)) != 0
	}
	i := sort.Search(len(s.ranges)/2, func(i int) bool { return s.ranges[2*i+1] >= r })
	return i < len(s.ranges)/2 && s.ranges[2*i] <= r
}

// firstRunes computes the runes a non-empty match of re can begin with.
func firstRunes(re *syntax.Regexp) *RuneSet {
	pairs, _, any := first(re)
	if any {
		return NewRuneSet(nil, true)
	}
	return NewRuneSet(mergeRanges(pairs), false)
}

// mergeRanges sorts pairs lo, hi and merges those that touch.
func mergeRanges(pairs []rune) []rune {
	type rng struct{ lo, hi rune }
	rs := make([]rng, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		rs = append(rs, rng{pairs[i], pairs[i+1]})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].lo < rs[j].lo })
	var out []rune
	for _, r := range rs {
		n := len(out)
		if n > 0 && r.lo <= out[n-1]+1 {
			if r.hi > out[n-1] {
				out[n-1] = r.hi
			}
			continue
		}
		out = append(out, r.lo, r.hi)
	}
	return out
}

// first returns the rune ranges (pairs) that can begin a match of re,
// whether re can match the empty string, and whether any rune can begin
// it.
func first(re *syntax.Regexp) (pairs []rune, nullable, any bool) {
	switch re.Op {
	case syntax.OpNoMatch:
		return nil, false, false
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, true, false
		}
		r := re.Rune[0]
		pairs = []rune{r, r}
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				pairs = append(pairs, f, f)
			}
		}
		return pairs, false, false
	case syntax.OpCharClass:
		return append([]rune(nil), re.Rune...), false, false
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return nil, false, true
	case syntax.OpCapture, syntax.OpPlus:
		return first(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		pairs, _, any = first(re.Sub[0])
		return pairs, true, any
	case syntax.OpRepeat:
		pairs, nullable, any = first(re.Sub[0])
		return pairs, nullable || re.Min == 0, any
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			p, n, a := first(sub)
			pairs, any = append(pairs, p...), any || a
			if !n {
				return pairs, false, any
			}
		}
		return pairs, true, any
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			p, n, a := first(sub)
			pairs, nullable, any = append(pairs, p...), nullable || n, any || a
		}
		return pairs, nullable, any
	}
	// empty-width assertions: ^ $ \b \B and the empty match
	return nil, true, false
}

// An anchor is a word list a match can begin with: anchor 0 is every
// number word, the others one lexicon each. When a rule is expanded to
// learn where it can start, a reference to a lexicon becomes one marker
// rune, so the start set stays small, and the finder asks the anchors'
// word lists instead, once per position.
const (
	anchorMark = '\U000F0000'
	maxAnchors = 64
)

func anchorMarkRe(i int) string { return fmt.Sprintf(`\x{%X}`, anchorMark+rune(i)) }

// numberWordLexicons are the lexicons number words are read from.
var numberWordLexicons = map[string]bool{"number": true, "multiplier": true, "scale": true}

// anchorFor returns the marker of a lexicon reference in a shadow
// expansion, giving the lexicon an anchor on first use; ok is false when
// there are no anchors left (the reference is then expanded in full).
func (l *Lang) anchorFor(name string) (string, bool) {
	if numberWordLexicons[name] {
		name = ""
	}
	if i, ok := l.anchorIndex[name]; ok {
		return anchorMarkRe(i), true
	}
	if len(l.anchorIndex) >= maxAnchors {
		return "", false
	}
	if l.anchorIndex == nil {
		l.anchorIndex = map[string]int{}
		l.anchors = &anchorTrie{root: &trieNode{}, symbols: map[rune]uint64{}}
	}
	bit := uint64(1) << len(l.anchorIndex)
	l.anchorIndex[name] = len(l.anchorIndex)
	names := []string{name}
	if name == "" {
		names = []string{"multiplier", "number", "scale"}
	}
	for _, n := range names {
		if x := l.Lexicons[n]; x != nil {
			for _, e := range x.Entries {
				for _, form := range e.Forms {
					l.anchors.add(Fold(form), bit)
				}
			}
		}
	}
	return anchorMarkRe(l.anchorIndex[name]), true
}

// anchorMask turns the marker runes of a start set into anchor bits.
func anchorMask(first *RuneSet, n int) uint64 {
	var mask uint64
	for i := 0; i < n; i++ {
		if first.Has(anchorMark + rune(i)) {
			mask |= 1 << i
		}
	}
	return mask
}

// anchorTrie holds the letters every form of the anchors' word lists
// begins with, up to its first non-letter. A form can begin at a word
// when the word begins with those letters: forms are stems ("миллион*",
// "жүз{case}") or can run into the next word ("fortysecond"), so the
// test is a prefix test, and it errs only on the side of yes.
type anchorTrie struct {
	root *trieNode
	// symbols: anchors with forms that begin with a non-letter ("½", "$")
	symbols map[rune]uint64
	// always: anchors with forms that begin with a fragment
	always uint64
}

type trieNode struct {
	next map[rune]*trieNode
	// mask: anchors with a form that begins with the letters so far;
	// whole: anchors with a one-letter form ("k", "a"), which counts only
	// as a whole word, or every word beginning with that letter would do
	mask, whole uint64
}

func (t *anchorTrie) add(form string, bit uint64) {
	first, _ := utf8.DecodeRuneInString(form)
	switch {
	case first == '{':
		t.always |= bit
		return
	case !unicode.IsLetter(first):
		t.symbols[first] |= bit
		return
	}
	n, letters := t.root, 0
	for _, r := range form {
		if !unicode.IsLetter(r) {
			break
		}
		if n.next == nil {
			n.next = map[rune]*trieNode{}
		}
		child := n.next[r]
		if child == nil {
			child = &trieNode{}
			n.next[r] = child
		}
		n = child
		letters++
	}
	if letters == 1 {
		n.whole |= bit
		return
	}
	n.mask |= bit
}

// AnchorsAt returns the anchors that can begin at the start of s: the
// word there, or the symbol.
func (l *Lang) AnchorsAt(s string) uint64 {
	t := l.anchors
	if t == nil {
		return 0
	}
	mask := t.always
	first, _ := utf8.DecodeRuneInString(s)
	if !IsLetter(first) {
		return mask | t.symbols[first]
	}
	n, letters := t.root, 0
	for _, r := range s {
		if !IsLetter(r) {
			break
		}
		letters++
		next := n.next[ToLower(r)]
		if next == nil {
			n = nil
			break
		}
		n = next
		mask |= n.mask
	}
	if letters == 1 && n != nil {
		mask |= n.whole
	}
	return mask
}
