// Package submatch reads the groups of a regular expression that
// matches at the start of a text, from its compiled program.
//
// Go's regexp needs its own parse and compile of a pattern, and a rule's
// pattern is kilobytes of number words: on a single short text, compiling
// the regexps of the rules that match costs more than reading the text.
// The rules' automata (package dfa) have compiled programs already; this
// package runs a Pike VM (a port of regexp's own, from Go's source,
// BSD licence) over the same program, so the groups come without a
// second compile and with exactly regexp's leftmost-first answer.
package submatch

import (
	"regexp/syntax"
	"sync"
	"unicode/utf8"
)

// Matcher finds the leftmost-first match of a program anchored at the
// start of a text, with its groups. It is safe for concurrent use.
type Matcher struct {
	prog  *syntax.Prog
	ncap  int // 2 × (groups + 1)
	cache sync.Pool
	// first holds, for each instruction, the buckets (see bucket) of the
	// runes that can be read first from it: a branch that cannot read
	// the next rune is not walked at all, and the branches of a word
	// list are most of a rule's program
	firstOnce sync.Once
	first     []buckets
}

// New returns the matcher of a program with groups capture groups (the
// program's MaxCap, as syntax.Regexp.MaxCap tells).
func New(prog *syntax.Prog, groups int) *Matcher {
	return &Matcher{prog: prog, ncap: 2 * (groups + 1)}
}

// Find returns the match at the start of s as regexp's
// FindStringSubmatchIndex does (pairs of byte offsets, -1 for a group
// that took no part), or nil when the program does not match there.
func (m *Matcher) Find(s string) []int {
	m.firstOnce.Do(func() { m.first = firsts(m.prog) })
	vm, _ := m.cache.Get().(*machine)
	if vm == nil {
		vm = newMachine(m.prog, m.ncap, m.first)
	}
	var out []int
	if vm.match(s) {
		out = append([]int(nil), vm.matchcap...)
	}
	m.cache.Put(vm)
	return out
}

type thread struct {
	inst *syntax.Inst
	cap  []int
}

type entry struct {
	pc uint32
	t  *thread
}

// queue is a sparse set of instructions, in priority order.
type queue struct {
	sparse []uint32
	dense  []entry
}

type machine struct {
	prog     *syntax.Prog
	first    []buckets
	q0, q1   queue
	pool     []*thread
	matched  bool
	matchcap []int
	ncap     int
}

func newMachine(prog *syntax.Prog, ncap int, first []buckets) *machine {
	n := len(prog.Inst)
	return &machine{
		prog:     prog,
		first:    first,
		q0:       queue{sparse: make([]uint32, n), dense: make([]entry, 0, n)},
		q1:       queue{sparse: make([]uint32, n), dense: make([]entry, 0, n)},
		matchcap: make([]int, ncap),
		ncap:     ncap,
	}
}

func (m *machine) alloc(i *syntax.Inst) *thread {
	var t *thread
	if n := len(m.pool); n > 0 {
		t = m.pool[n-1]
		m.pool = m.pool[:n-1]
	} else {
		t = &thread{cap: make([]int, m.ncap)}
	}
	t.inst = i
	return t
}

// endOfText stands for the rune past either end of the text.
const endOfText rune = -1

func runeAt(s string, pos int) (rune, int) {
	if pos >= len(s) {
		return endOfText, 0
	}
	if c := s[pos]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[pos:])
}

// match runs the program from the start of s only: the programs are
// anchored, so no thread starts later.
func (m *machine) match(s string) bool {
	m.matched = false
	for i := range m.matchcap {
		m.matchcap[i] = -1
	}
	runq, nextq := &m.q0, &m.q1
	pos := 0
	r, width := runeAt(s, 0)
	r1, width1 := endOfText, 0
	if r != endOfText {
		r1, width1 = runeAt(s, width)
	}
	m.matchcap[0] = 0
	cond := syntax.EmptyOpContext(endOfText, r)
	m.add(runq, uint32(m.prog.Start), 0, m.matchcap, cond, r, bucket(r), nil)
	for len(runq.dense) > 0 {
		cond = syntax.EmptyOpContext(r, r1)
		m.step(runq, nextq, pos, pos+width, r, r1, cond)
		if width == 0 {
			break
		}
		pos += width
		r, width = r1, width1
		if r != endOfText {
			r1, width1 = runeAt(s, pos+width)
		}
		runq, nextq = nextq, runq
	}
	m.clear(runq)
	m.clear(nextq)
	return m.matched
}

func (m *machine) clear(q *queue) {
	for _, d := range q.dense {
		if d.t != nil {
			m.pool = append(m.pool, d.t)
		}
	}
	q.dense = q.dense[:0]
}

// step moves the threads of runq past rune c into nextq; cond is the
// context after c, which the empty-width instructions of nextq see, and
// next the rune after c.
func (m *machine) step(runq, nextq *queue, pos, nextPos int, c, next rune, cond syntax.EmptyOp) {
	nextBucket := bucket(next)
	for j := 0; j < len(runq.dense); j++ {
		d := &runq.dense[j]
		t := d.t
		if t == nil {
			continue
		}
		i := t.inst
		add := false
		switch i.Op {
		case syntax.InstMatch:
			t.cap[1] = pos
			copy(m.matchcap, t.cap)
			// leftmost-first: the threads after this one rank lower
			for _, d := range runq.dense[j+1:] {
				if d.t != nil {
					m.pool = append(m.pool, d.t)
				}
			}
			runq.dense = runq.dense[:0]
			m.matched = true
		default:
			add = true // add checked that it reads c
		}
		if add {
			t = m.add(nextq, i.Out, nextPos, t.cap, cond, next, nextBucket, t)
		}
		if t != nil {
			m.pool = append(m.pool, t)
		}
	}
	runq.dense = runq.dense[:0]
}

// reads tells whether a rune instruction reads c.
func reads(i *syntax.Inst, c rune) bool {
	switch i.Op {
	case syntax.InstRune1:
		return c == i.Rune[0]
	case syntax.InstRune:
		return i.MatchRune(c)
	case syntax.InstRuneAny:
		return c != endOfText
	}
	return c != '\n' && c != endOfText // InstRuneAnyNotNL
}

// add puts pc and what it leads to without reading a rune on q, in
// priority order; t, when given, is a thread the caller no longer needs.
// c is the rune at pos, cb its bucket: an instruction that cannot read
// it gets no thread (the next step would drop it), and a branch none of
// whose first runes shares its bucket is not walked.
func (m *machine) add(q *queue, pc uint32, pos int, cap []int, cond syntax.EmptyOp, c rune, cb uint, t *thread) *thread {
again:
	if pc == 0 || m.first[pc][cb/64]&(1<<(cb%64)) == 0 {
		return t
	}
	if j := q.sparse[pc]; j < uint32(len(q.dense)) && q.dense[j].pc == pc {
		return t
	}
	j := len(q.dense)
	q.dense = q.dense[:j+1]
	d := &q.dense[j]
	d.t = nil
	d.pc = pc
	q.sparse[pc] = uint32(j)
	i := &m.prog.Inst[pc]
	switch i.Op {
	case syntax.InstFail:
	case syntax.InstAlt, syntax.InstAltMatch:
		t = m.add(q, i.Out, pos, cap, cond, c, cb, t)
		pc = i.Arg
		goto again
	case syntax.InstEmptyWidth:
		if syntax.EmptyOp(i.Arg)&^cond == 0 {
			pc = i.Out
			goto again
		}
	case syntax.InstNop:
		pc = i.Out
		goto again
	case syntax.InstCapture:
		if int(i.Arg) < len(cap) {
			old := cap[i.Arg]
			cap[i.Arg] = pos
			m.add(q, i.Out, pos, cap, cond, c, cb, nil)
			cap[i.Arg] = old
		} else {
			pc = i.Out
			goto again
		}
	case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		if !reads(i, c) {
			break
		}
		fallthrough
	case syntax.InstMatch:
		if t == nil {
			t = m.alloc(i)
		} else {
			t.inst = i
		}
		if &t.cap[0] != &cap[0] {
			copy(t.cap, cap)
		}
		d.t = t
		t = nil
	}
	return t
}
