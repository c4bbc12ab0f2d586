package rules

import (
	"errors"
	"regexp/syntax"
	"strings"
	"sync"
)

// A rule's pattern, expanded, is mostly its fragments and word lists:
// the number words alone are kilobytes, and every numeric rule repeats
// them. Parsing each rule's expansion whole parses them again for every
// rule, and on a short text that is most of the time factx takes. The
// automaton of a rule (see dfa) needs only the language its pattern
// matches, so its tree is assembled instead: the rule's own text is
// parsed with a placeholder rune for each fragment it names, and each
// fragment, parsed once per language and case mode, is put in their
// place. Fragments expand as groups, so the assembled tree matches what
// the expanded text matches.

// placeholderBase is the first of the runes standing for fragments: a
// private-use plane no pattern or text of the three languages uses.
const placeholderBase = 0xF0000

var errNotAssembled = errors.New("pattern cannot be assembled from its fragments")

// fragmentTrees caches parsed fragments, by case mode and name.
type fragmentTrees struct {
	m    sync.Map // treeKey → *syntax.Regexp
	free sync.Map // *syntax.Regexp → true: parts without groups (see numberGroups)
}

type treeKey struct {
	name  string
	lower bool
}

// refText is the expansion of a name a pattern refers to, when it is one
// group that can stand in a tree for its text.
func (l *Lang) refText(name string) (string, bool) {
	var text string
	if exp, ok := l.expanded[name]; ok {
		text = exp
	} else if src, ok := l.builtin(name); ok {
		text = src
	} else if x, ok := l.Lexicons[name]; ok && x.alt != "" {
		text = x.alt
	} else {
		return "", false
	}
	return text, isOneGroup(text)
}

// isOneGroup tells whether s is a single parenthesised group, so that
// putting its tree in place of its text changes no meaning.
func isOneGroup(s string) bool {
	return len(s) >= 2 && s[0] == '(' && groupEnd(s, 0) == len(s)-1
}

// assembledTree parses a rule's pattern, anchored, with its fragments'
// trees in place: lower for a pattern rewritten for lower-cased text,
// else case-insensitive. It fails (errNotAssembled) where the rule's own
// text sets flags or puts a fragment in a class, which a tree cannot
// follow; the caller then parses the expansion whole.
func (l *Lang) assembledTree(pattern string, lower bool) (*syntax.Regexp, error) {
	if l == nil || l.trees == nil {
		return nil, errNotAssembled
	}
	var names []string
	index := map[string]int{}
	ok := true
	text := refRe.ReplaceAllStringFunc(pattern, func(ref string) string {
		name := ref[1 : len(ref)-1]
		if _, good := l.refText(name); !good {
			ok = false
			return ref
		}
		k, seen := index[name]
		if !seen {
			k = len(names)
			index[name] = k
			names = append(names, name)
		}
		return string(rune(placeholderBase + k))
	})
	if !ok || hasFlags(text) {
		return nil, errNotAssembled
	}
	flags := syntax.Perl
	if lower {
		low, good := lowerPattern(text)
		if !good {
			return nil, errNotAssembled
		}
		text = low
	} else {
		flags |= syntax.FoldCase
	}
	top, err := syntax.Parse(`^(?:`+text+`)`, flags)
	if err != nil {
		return nil, err
	}
	subs := make([]*syntax.Regexp, len(names))
	for k, name := range names {
		if subs[k], err = l.fragmentTree(name, lower, flags); err != nil {
			return nil, err
		}
	}
	return substitute(top, subs)
}

// hasFlags tells whether a pattern sets flags, (?i) and the like, whose
// reach a fragment parsed apart would not feel: a flag group that holds
// no fragment, "(?-i:К|М)", is harmless.
func hasFlags(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] != '(' || s[i+1] != '?' || s[i+2] == ':' || s[i+2] == 'P' {
			continue
		}
		j := i + 2
		for j < len(s) && s[j] != ':' && s[j] != ')' {
			j++
		}
		if j == len(s) || s[j] == ')' {
			return true // flags for the rest of the group
		}
		end := groupEnd(s, i)
		if end < 0 || strings.ContainsFunc(s[j:end], isPlaceholderRune) {
			return true
		}
	}
	return false
}

// groupEnd is the index of the parenthesis closing the group opened at
// s[open], -1 if none.
func groupEnd(s string, open int) int {
	depth := 0
	inClass := false
	for i := open; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
			if i+1 < len(s) && s[i+1] == ']' {
				i++
			}
		case c == '(':
			depth++
		case c == ')':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

func isPlaceholderRune(r rune) bool { return r >= placeholderBase && r <= placeholderBase+0xFFFD }

// fragmentTree parses a fragment once per language and case mode.
func (l *Lang) fragmentTree(name string, lower bool, flags syntax.Flags) (*syntax.Regexp, error) {
	key := treeKey{name, lower}
	if t, ok := l.trees.m.Load(key); ok {
		return t.(*syntax.Regexp), nil
	}
	text, _ := l.refText(name)
	if lower {
		low, ok := lowerPattern(text)
		if !ok {
			return nil, errNotAssembled
		}
		text = low
	}
	t, err := syntax.Parse(text, flags)
	if err != nil {
		return nil, err
	}
	actual, _ := l.trees.m.LoadOrStore(key, t)
	return actual.(*syntax.Regexp), nil
}

// substitute puts the fragments' trees where their placeholder runes
// stand, copying the parts of re it changes (the fragments' trees are
// shared, never changed).
func substitute(re *syntax.Regexp, subs []*syntax.Regexp) (*syntax.Regexp, error) {
	isPlaceholder := func(r rune) bool {
		return r >= placeholderBase && r < placeholderBase+rune(len(subs))
	}
	switch re.Op {
	case syntax.OpLiteral:
		has := false
		for _, r := range re.Rune {
			has = has || isPlaceholder(r)
		}
		if !has {
			return re, nil
		}
		var parts []*syntax.Regexp
		var run []rune
		flush := func() {
			if len(run) > 0 {
				parts = append(parts, &syntax.Regexp{Op: syntax.OpLiteral, Flags: re.Flags, Rune: run})
				run = nil
			}
		}
		for _, r := range re.Rune {
			if isPlaceholder(r) {
				flush()
				parts = append(parts, subs[r-placeholderBase])
				continue
			}
			run = append(run, r)
		}
		flush()
		if len(parts) == 1 {
			return parts[0], nil
		}
		return &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: parts}, nil
	case syntax.OpCharClass:
		// the parser merges alternatives of single runes into a class:
		// a class holding placeholders, and no rune next to them, is
		// such an alternation
		lo, hi := rune(placeholderBase), placeholderBase+rune(len(subs))-1
		var rest []rune
		var alts []*syntax.Regexp
		for i := 0; i+1 < len(re.Rune); i += 2 {
			a, b := re.Rune[i], re.Rune[i+1]
			switch {
			case b < lo || a > hi:
				rest = append(rest, a, b)
			case a >= lo && b <= hi:
				for r := a; r <= b; r++ {
					alts = append(alts, subs[r-placeholderBase])
				}
			default:
				return nil, errNotAssembled
			}
		}
		if len(alts) == 0 {
			return re, nil
		}
		if len(rest) > 0 {
			alts = append(alts, &syntax.Regexp{Op: syntax.OpCharClass, Flags: re.Flags, Rune: rest})
		}
		if len(alts) == 1 {
			return alts[0], nil
		}
		return &syntax.Regexp{Op: syntax.OpAlternate, Flags: re.Flags, Sub: alts}, nil
	}
	if len(re.Sub) == 0 {
		return re, nil
	}
	cp := *re
	cp.Sub = make([]*syntax.Regexp, len(re.Sub))
	changed := false
	for i, s := range re.Sub {
		n, err := substitute(s, subs)
		if err != nil {
			return nil, err
		}
		cp.Sub[i] = n
		changed = changed || n != s
	}
	if !changed {
		return re, nil
	}
	cp.Sub0 = [1]*syntax.Regexp{}
	return &cp, nil
}

// numberGroups renumbers the capture groups of an assembled tree in the
// order of their opening parentheses, as a parse of the whole expansion
// numbers them (each fragment, parsed apart, numbers its own from 1),
// and returns the tree with the name of each group (names[0] is the
// whole match). Parts that change are copied: fragments are shared.
func (l *Lang) numberGroups(re *syntax.Regexp) (*syntax.Regexp, []string) {
	g := &grouper{names: []string{""}, free: &l.trees.free}
	return g.walk(re), g.names
}

type grouper struct {
	names []string
	// free remembers the large parts that hold no group, so that the
	// number words are walked once per language, not once per rule
	free *sync.Map
}

// largeNode is how many parts a node needs for free to remember it.
const largeNode = 4

func (g *grouper) walk(re *syntax.Regexp) *syntax.Regexp {
	large := len(re.Sub) >= largeNode
	if large {
		if _, ok := g.free.Load(re); ok {
			return re
		}
	}
	before := len(g.names)
	n := 0
	if re.Op == syntax.OpCapture {
		n = len(g.names)
		g.names = append(g.names, re.Name)
	}
	var subs []*syntax.Regexp
	for i, s := range re.Sub {
		w := g.walk(s)
		if w != s && subs == nil {
			subs = append(make([]*syntax.Regexp, 0, len(re.Sub)), re.Sub[:i]...)
		}
		if subs != nil {
			subs = append(subs, w)
		}
	}
	if len(g.names) == before && large {
		g.free.Store(re, true)
	}
	if subs == nil && (re.Op != syntax.OpCapture || re.Cap == n) {
		return re
	}
	cp := *re
	cp.Sub0 = [1]*syntax.Regexp{}
	if subs != nil {
		cp.Sub = subs
	}
	if re.Op == syntax.OpCapture {
		cp.Cap = n
	}
	return &cp
}
