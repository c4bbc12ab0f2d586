package rules

import (
	"regexp/syntax"
	"sort"
	"strings"
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
}

// Has tells whether r can begin a match.
func (s *RuneSet) Has(r rune) bool {
	if s == nil || s.any {
		return true
	}
	i := sort.Search(len(s.ranges)/2, func(i int) bool { return s.ranges[2*i+1] >= r })
	return i < len(s.ranges)/2 && s.ranges[2*i] <= r
}

// firstRunes computes the runes a non-empty match of re can begin with.
func firstRunes(re *syntax.Regexp) *RuneSet {
	pairs, _, any := first(re)
	if any {
		return &RuneSet{any: true}
	}
	type rng struct{ lo, hi rune }
	rs := make([]rng, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		rs = append(rs, rng{pairs[i], pairs[i+1]})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].lo < rs[j].lo })
	set := &RuneSet{}
	for _, r := range rs {
		n := len(set.ranges)
		if n > 0 && r.lo <= set.ranges[n-1]+1 {
			if r.hi > set.ranges[n-1] {
				set.ranges[n-1] = r.hi
			}
			continue
		}
		set.ranges = append(set.ranges, r.lo, r.hi)
	}
	return set
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

// numberWordMark stands for any number word when a rule is expanded to
// learn where it can start.
const (
	numberWordMark   = '\U000F0000'
	numberWordMarkRe = `\x{F0000}`
)

// numberWordLexicons are the lexicons number words are read from.
var numberWordLexicons = map[string]bool{"number": true, "multiplier": true, "scale": true, "connector": true}

// wordStarts tells, from a word alone, whether a number word can begin
// there: the first words of every form, exactly or as a stem. It errs
// only on the side of yes.
type wordStarts struct {
	exact    map[string]bool
	prefixes []string
	// symbols are forms' first runes that are not letters ("½")
	symbols map[rune]bool
	// all is set when some form begins with a fragment: then any word
	// may begin a number word.
	all bool
}

func newWordStarts(lexicons map[string]*Lexicon) wordStarts {
	ws := wordStarts{exact: map[string]bool{}, symbols: map[rune]bool{}}
	for name := range numberWordLexicons {
		x := lexicons[name]
		if x == nil {
			continue
		}
		for _, e := range x.Entries {
			for _, form := range e.Forms {
				ws.add(Fold(form))
			}
		}
	}
	sort.Strings(ws.prefixes)
	return ws
}

func (ws *wordStarts) add(form string) {
	end := 0
	for i, r := range form {
		if !unicode.IsLetter(r) {
			break
		}
		end = i + len(string(r))
	}
	first, _ := utf8.DecodeRuneInString(form)
	switch {
	case first == '{':
		ws.all = true
	case end == 0:
		ws.symbols[first] = true
	case end == len(form) || form[end] == ' ' || form[end] == '-':
		// a whole word, alone or first of a phrase ("с половиной")
		ws.exact[form[:end]] = true
	default:
		// a stem: "миллион*", "жүз{case}", or the first word of a phrase
		ws.prefixes = append(ws.prefixes, form[:end])
	}
}

// NumberSymbol tells whether a number word can begin with the rune r, a
// symbol such as "½".
func (l *Lang) NumberSymbol(r rune) bool { return l.numberStart.all || l.numberStart.symbols[r] }

// NumberWordStart tells whether a number word can begin with the word w
// (folded, as Fold does).
func (l *Lang) NumberWordStart(w string) bool {
	ws := &l.numberStart
	if ws.all || ws.exact[w] {
		return true
	}
	for _, p := range ws.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}
