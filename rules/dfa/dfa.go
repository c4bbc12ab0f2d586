// Package dfa tells, fast, whether a regular expression matches at the
// start of a text.
//
// Go's regexp runs an NFA (or a backtracker) and walks every branch of a
// long word-list alternation at every attempt; a finder that tries a
// hundred rules at each number of a text spends nearly all its time
// there, although almost every attempt fails within a rune or two. A DFA
// built lazily from the same program answers the yes-or-no question in
// one table step per rune and dies as soon as no branch is alive; only
// the rare attempt that matches then needs regexp for its groups.
//
// The answer is exactly that of regexp.MatchString for a pattern that
// begins with ^ (or \A): the automaton follows the program's empty-width
// assertions (^, $, \b and their kin) with the same ASCII notion of a
// word as regexp.
package dfa

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"regexp/syntax"
)

// MaxBytes bounds the memory of one automaton's states: past it, they
// are dropped and built again as texts need them (as RE2 does), so a
// run over any number of texts keeps to a fixed size.
const MaxBytes = 256 << 10

// tableRunes is how many runes (Latin, Cyrillic and Kazakh letters
// included) find their class by table rather than by search.
const tableRunes = 0x500

// DFA answers whether its program matches a prefix of a text. It is safe
// for concurrent use: states, once built, never change, and transitions
// are published atomically.
type DFA struct {
	prog *syntax.Prog
	// bounds are the first runes of the rune classes: runes of one class
	// are told apart by no instruction of the program, nor by the
	// empty-width assertions; reps holds one member of each class.
	bounds    []rune
	intervals []uint16 // the class of each interval from a bound
	table     []uint16
	reps      []rune
	eot       int // the class index standing for the end of the text

	start       atomic.Pointer[state]
	match, dead *state

	// owner, for an automaton of several programs (NewUnion), tells
	// which program each instruction comes from; nil for one program
	owner []int32
	words int // of a set of programs, in uint64s
	// longest keeps a matched program's threads alive (see Longest)
	longest bool
	// first keeps its states' instructions in priority order and drops
	// those below a match, as regexp's leftmost-first matcher does (see
	// NewFirst)
	first bool

	mu     sync.Mutex
	states map[string]*state
	bytes  int // what states hold
	budget int // MaxBytes, but for tests
	resets int
	// scratch for building states, used under mu
	seen    []bool
	visited []uint32
	stack   []uint32
}

// context is what the rune before a position tells the empty-width
// assertions: nothing (start of text), a newline, a word rune (ASCII, as
// regexp's \b), or any other rune.
type context uint8

const (
	atBegin context = iota
	afterNewline
	afterWord
	afterOther
)

// rep is a rune standing for the context in syntax.EmptyOpContext.
func (c context) rep() rune {
	switch c {
	case atBegin:
		return -1
	case afterNewline:
		return '\n'
	case afterWord:
		return 'a'
	}
	return ' '
}

func contextOf(r rune) context {
	switch {
	case r == '\n':
		return afterNewline
	case syntax.IsWordChar(r):
		return afterWord
	}
	return afterOther
}

// state is a set of program instructions waiting for the next rune (not
// yet followed through empty-width instructions, which depend on it) and
// the context the last rune left.
type state struct {
	pcs []uint32
	ctx context
	// row holds the transitions, one per class and one for the end of
	// the text, each the link (see link) to the state it leads to, nil
	// until built; its last slot points back to the state itself
	row []unsafe.Pointer
	// matched, in a union, are the programs that matched on the way in
	matched []uint64
}

// A transition points at the row of the state it leads to, not at the
// state, with two tags in its low bits: what a walk must know of the
// state is in the pointer it already holds, and its next step reads
// the row at once. The states themselves stay out of the walks, which
// halves the memory they touch: every step of a walk over a large
// automaton misses the cache.
const (
	tagMatched = 1 // the state matched on the way in (or is d.match)
	tagDone    = 2 // the state has no thread left: a walk ends there
	tagMask    = 3
	slotBytes  = unsafe.Sizeof(unsafe.Pointer(nil))
)

// newState makes a state with its row, pointing back at it.
func (d *DFA) newState(pcs []uint32, ctx context) *state {
	st := &state{pcs: pcs, ctx: ctx, row: make([]unsafe.Pointer, d.eot+2)}
	st.row[d.eot+1] = unsafe.Pointer(st)
	return st
}

// link is what a transition to st holds: the address of its row's first
// slot, tagged (a pointer inside the slot, which the collector follows
// as any interior pointer).
func link(st *state, match *state) unsafe.Pointer {
	tag := 0
	if st.matched != nil || st == match {
		tag |= tagMatched
	}
	if len(st.pcs) == 0 {
		tag |= tagDone
	}
	return unsafe.Add(unsafe.Pointer(&st.row[0]), tag)
}

// rowOf is the row of a link, its tags dropped.
func rowOf(l unsafe.Pointer) unsafe.Pointer {
	return unsafe.Add(l, -int(uintptr(l)&tagMask))
}

// stateOf is the state a row belongs to.
func (d *DFA) stateOf(row unsafe.Pointer) *state {
	return (*state)(*(*unsafe.Pointer)(unsafe.Add(row, uintptr(d.eot+1)*slotBytes)))
}

// slot is the transition of a row on class c.
func slot(row unsafe.Pointer, c int) unsafe.Pointer {
	return atomic.LoadPointer((*unsafe.Pointer)(unsafe.Add(row, uintptr(c)*slotBytes)))
}

// startRow is the row of the start state, where walks begin.
func (d *DFA) startRow() unsafe.Pointer { return unsafe.Pointer(&d.start.Load().row[0]) }

// stepRow is step for a walk: the link of the transition of row on c.
func (d *DFA) stepRow(row unsafe.Pointer, c int) unsafe.Pointer {
	return link(d.step(d.stateOf(row), c), d.match)
}

// New builds the automaton of a compiled program; states are made on
// first need.
func New(prog *syntax.Prog) *DFA {
	d := &DFA{prog: prog}
	d.classes()
	d.init()
	return d
}

// Classes returns how the automaton splits the runes: bounds are the
// first runes of intervals, intervals the class of each. An automaton of
// the same program can be made again from them with NewWithClasses,
// which spares working them out.
func (d *DFA) Classes() (bounds []rune, intervals []uint16) { return d.bounds, d.intervals }

// NewWithClasses is New with the rune classes that Classes gave for the
// same program.
func NewWithClasses(prog *syntax.Prog, bounds []rune, intervals []uint16) (*DFA, error) {
	if prog.StartCond()&syntax.EmptyBeginText == 0 {
		return nil, errors.New("not anchored at the start of the text")
	}
	if len(bounds) == 0 || bounds[0] != 0 || len(intervals) != len(bounds) {
		return nil, errors.New("rune classes do not cover the runes")
	}
	d := &DFA{prog: prog, bounds: bounds, intervals: intervals}
	for k, c := range intervals {
		if k > 0 && bounds[k] <= bounds[k-1] {
			return nil, errors.New("rune classes out of order")
		}
		switch {
		case int(c) == len(d.reps):
			d.reps = append(d.reps, bounds[k])
		case int(c) > len(d.reps):
			return nil, errors.New("rune classes not numbered in order")
		}
	}
	d.eot = len(d.reps)
	d.fillTable()
	d.init()
	return d, nil
}

// init makes the automaton's fixed states.
func (d *DFA) init() {
	prog := d.prog
	d.states = map[string]*state{}
	d.match = d.newState(nil, atBegin)
	d.dead = d.newState(nil, atBegin)
	d.budget = MaxBytes
	d.start.Store(d.intern([]uint32{uint32(prog.Start)}, atBegin))
	d.seen = make([]bool, len(prog.Inst))
}

// Compile parses and compiles a pattern as regexp.Compile does and builds
// its automaton. The pattern must be anchored at the start of the text
// (^ outside multi-line mode, or \A).
func Compile(expr string) (*DFA, error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	d, err := FromSyntax(re)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", expr, err)
	}
	return d, nil
}

// FromSyntax builds the automaton of a parsed pattern, which must be
// anchored at the start of the text.
func FromSyntax(re *syntax.Regexp) (*DFA, error) {
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, err
	}
	return FromProg(prog)
}

// FromProg builds the automaton of a compiled program, which must be
// anchored at the start of the text.
func FromProg(prog *syntax.Prog) (*DFA, error) {
	if prog.StartCond()&syntax.EmptyBeginText == 0 {
		return nil, errors.New("not anchored at the start of the text")
	}
	return New(prog), nil
}

// classes splits the runes into classes no instruction tells apart:
// the runes between consecutive boundaries of the program's rune sets
// form intervals, and intervals that every set (and the empty-width
// assertions) treats alike share a class, so that \p{L}, with hundreds
// of ranges, does not make hundreds of classes.
func (d *DFA) classes() {
	// the distinct rune sets, as sorted pairs lo, hi; the assertions
	// tell newlines and ASCII word runes from the rest
	sets := [][]rune{{'\n', '\n'}, {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}}
	// sets are told apart by a cheap sketch first, then compared whole
	type sketch struct{ n, first, mid, last rune }
	seen := map[sketch][]int{}
	addSet := func(rs []rune) {
		k := sketch{rune(len(rs)), rs[0], rs[len(rs)/2], rs[len(rs)-1]}
		for _, i := range seen[k] {
			if slices.Equal(sets[i], rs) {
				return
			}
		}
		seen[k] = append(seen[k], len(sets))
		sets = append(sets, rs)
	}
	// single runes, the most of a word list's program, are kept apart
	// from the sketches: a rune (or its case orbit) is its own key
	single := map[rune]bool{}
	orbit := map[rune]bool{}
	for _, in := range d.prog.Inst {
		switch in.Op {
		case syntax.InstRune1:
			if !single[in.Rune[0]] {
				single[in.Rune[0]] = true
				sets = append(sets, []rune{in.Rune[0], in.Rune[0]})
			}
		case syntax.InstRuneAnyNotNL:
			// the newline set is there already
		case syntax.InstRune:
			if len(in.Rune) != 1 {
				addSet(in.Rune)
				continue
			}
			r0 := in.Rune[0]
			if syntax.Flags(in.Arg)&syntax.FoldCase == 0 {
				if !single[r0] {
					single[r0] = true
					sets = append(sets, []rune{r0, r0})
				}
				continue
			}
			low := r0
			for r := unicode.SimpleFold(r0); r != r0; r = unicode.SimpleFold(r) {
				low = min(low, r)
			}
			if orbit[low] {
				continue
			}
			orbit[low] = true
			fold := []rune{r0, r0}
			for r := unicode.SimpleFold(r0); r != r0; r = unicode.SimpleFold(r) {
				fold = append(fold, r, r)
			}
			sortPairs(fold)
			sets = append(sets, fold)
		}
	}
	bounds := []rune{0}
	for _, rs := range sets {
		for i := 0; i+1 < len(rs); i += 2 {
			bounds = append(bounds, rs[i])
			if rs[i+1] < unicode.MaxRune {
				bounds = append(bounds, rs[i+1]+1)
			}
		}
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	// each interval's signature: the sets that hold it
	sigs := make([][]byte, len(bounds))
	for id, rs := range sets {
		tag := binaryID(id)
		for i := 0; i+1 < len(rs); i += 2 {
			k := sort.Search(len(bounds), func(k int) bool { return bounds[k] >= rs[i] })
			for ; k < len(bounds) && bounds[k] <= rs[i+1]; k++ {
				sigs[k] = append(sigs[k], tag...)
			}
		}
	}
	classOf := map[string]uint16{}
	d.bounds = bounds
	d.intervals = make([]uint16, len(bounds))
	for k, sig := range sigs {
		c, ok := classOf[string(sig)]
		if !ok {
			c = uint16(len(d.reps))
			classOf[string(sig)] = c
			d.reps = append(d.reps, bounds[k])
		}
		d.intervals[k] = c
	}
	d.eot = len(d.reps)
	d.fillTable()
}

// fillTable finds the class of each rune below tableRunes, for class.
func (d *DFA) fillTable() {
	bounds := d.bounds
	d.table = make([]uint16, tableRunes)
	k := 0
	for r := rune(0); r < tableRunes; r++ {
		for k+1 < len(bounds) && bounds[k+1] <= r {
			k++
		}
		d.table[r] = d.intervals[k]
	}
}

func (d *DFA) class(r rune) int {
	if r >= 0 && r < tableRunes {
		return int(d.table[r])
	}
	k := sort.Search(len(d.bounds), func(i int) bool { return d.bounds[i] > r }) - 1
	return int(d.intervals[k])
}

// binaryID writes a set's index as four bytes, for signatures.
func binaryID(id int) []byte {
	return []byte{byte(id >> 24), byte(id >> 16), byte(id >> 8), byte(id)}
}

// sortPairs sorts pairs lo, hi of single runes (lo == hi) by lo.
func sortPairs(p []rune) {
	singles := make([]rune, 0, len(p)/2)
	for i := 0; i < len(p); i += 2 {
		singles = append(singles, p[i])
	}
	sort.Slice(singles, func(i, j int) bool { return singles[i] < singles[j] })
	for i, r := range singles {
		p[2*i], p[2*i+1] = r, r
	}
}

// Match, MatchSet and EndRead each walk the text with the same few
// lines (decode a rune, two-byte ones in place, find its class, take or
// build the transition):
// they are the hottest loops of factx, and a shared helper is not
// inlined by the compiler; it cost a third more in BenchmarkMatch.

// Match tells whether the program matches a prefix of s (for a pattern
// anchored at its start: whether regexp.MatchString would).
func (d *DFA) Match(s string) bool {
	row := d.startRow()
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		switch {
		case r < utf8.RuneSelf:
		case r >= 0xc2 && r < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			r, size = (r&0x1f)<<6|rune(s[i+1]&0x3f), 2 // two bytes: Cyrillic
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		c := d.class(r)
		next := slot(row, c)
		if next == nil {
			next = d.stepRow(row, c)
		}
		if tag := uintptr(next) & tagMask; tag&tagDone != 0 {
			return tag&tagMatched != 0 // d.match or d.dead
		}
		row = rowOf(next)
		i += size
	}
	next := slot(row, d.eot)
	if next == nil {
		next = d.stepRow(row, d.eot)
	}
	return uintptr(next)&tagMatched != 0
}

// MatchSet tells which programs of a union (NewUnion) match at the start
// of s: it sets bit k of set, a slice of (n+63)/64 words for n programs,
// for each program k that matches, as Match of its own automaton would.
// Bits already set are left alone. It returns how many bytes of s it
// read to know, len(s)+1 when it needed the end of s too: the answer is
// the same for any text that begins with those bytes.
func (d *DFA) MatchSet(s string, set []uint64) (read int) {
	row := d.startRow()
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		switch {
		case r < utf8.RuneSelf:
		case r >= 0xc2 && r < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			r, size = (r&0x1f)<<6|rune(s[i+1]&0x3f), 2 // two bytes: Cyrillic
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		c := d.class(r)
		next := slot(row, c)
		if next == nil {
			next = d.stepRow(row, c)
		}
		tag := uintptr(next) & tagMask
		row = rowOf(next)
		if tag&tagMatched != 0 {
			for k, w := range d.stateOf(row).matched {
				set[k] |= w
			}
		}
		if tag&tagDone != 0 {
			return i + size
		}
		i += size
	}
	next := slot(row, d.eot)
	if next == nil {
		next = d.stepRow(row, d.eot)
	}
	if uintptr(next)&tagMatched != 0 {
		for k, w := range d.stateOf(rowOf(next)).matched {
			set[k] |= w
		}
	}
	return len(s) + 1
}

// NewUnion builds one automaton over several programs, each anchored at
// the start of the text, for MatchSet: a text is read once, however many
// programs there are, where each program's own automaton would read it
// again. A nil program is no member (it never matches) and keeps its
// number.
func NewUnion(progs []*syntax.Prog) (*DFA, error) {
	size := 1
	for _, p := range progs {
		if p != nil {
			size += len(p.Inst) + 1
		}
	}
	union := &syntax.Prog{Inst: make([]syntax.Inst, 1, size)}
	owner := make([]int32, 1, size)
	owner[0] = -1
	start := uint32(0) // fails: no member
	for k, p := range progs {
		if p == nil {
			continue
		}
		if p.StartCond()&syntax.EmptyBeginText == 0 {
			return nil, fmt.Errorf("program %d is not anchored at the start of the text", k)
		}
		base := uint32(len(union.Inst))
		for _, in := range p.Inst {
			in.Out += base
			if in.Op == syntax.InstAlt || in.Op == syntax.InstAltMatch {
				in.Arg += base
			}
			union.Inst = append(union.Inst, in)
			owner = append(owner, int32(k))
		}
		// each member's start joins the others' by a new branch
		union.Inst = append(union.Inst, syntax.Inst{Op: syntax.InstAlt, Out: base + uint32(p.Start), Arg: start})
		owner = append(owner, int32(k))
		start = uint32(len(union.Inst) - 1)
	}
	union.Start = int(start)
	d := &DFA{prog: union, owner: owner, words: (len(progs) + 63) / 64}
	d.classes()
	d.init()
	d.budget = UnionMaxBytes
	return d, nil
}

// NewLongest builds the automaton of an anchored program for Longest.
func NewLongest(prog *syntax.Prog) (*DFA, error) {
	d, err := NewUnion([]*syntax.Prog{prog})
	if err != nil {
		return nil, err
	}
	d.longest = true
	d.budget = MaxBytes
	return d, nil
}

// NewFirst builds the automaton of an anchored program for End: where
// regexp's own (leftmost-first) match at the start of a text ends.
func NewFirst(prog *syntax.Prog) (*DFA, error) {
	d, err := FromProg(prog)
	if err != nil {
		return nil, err
	}
	d.first = true
	return d, nil
}

// First returns a new automaton for End over the program and rune
// classes of d, an automaton of one program (not a union).
func (d *DFA) First() *DFA {
	f := &DFA{prog: d.prog, bounds: d.bounds, intervals: d.intervals, table: d.table, reps: d.reps, eot: d.eot, first: true}
	f.init()
	return f
}

// End is Longest for an automaton from NewFirst: the end (in bytes) of
// the match at the start of s that regexp finds, or -1 for none.
func (d *DFA) End(s string) int {
	end, _ := d.EndRead(s)
	return end
}

// AppendKey appends to key the rune classes of s, with each rune's length
// in bytes: two texts with the same key are one to the program, which
// reads the same bytes of either the same way (so regexp finds the same
// match and groups, at the same offsets). It returns nil for a program
// with too many classes to say.
func (d *DFA) AppendKey(key []byte, s string) []byte {
	if len(d.reps) >= 1<<13 {
		return nil
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		k := d.class(r)<<3 | size
		key = append(key, byte(k>>8), byte(k))
		i += size
	}
	return key
}

// Longest returns the end (in bytes) of the longest match at the start
// of s, as regexp in leftmost-longest mode finds it, or -1 for none; d
// is from NewLongest (or from NewFirst, for End).
func (d *DFA) Longest(s string) int {
	end, _ := d.EndRead(s)
	return end
}

// EndRead is Longest, or End for an automaton from NewFirst, with how
// many bytes of s the automaton read to know: len(s)+1 when it needed the
// end of s too. The answer is the same for any text that begins with
// those bytes.
func (d *DFA) EndRead(s string) (end, read int) {
	end = -1
	row := d.startRow()
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		switch {
		case r < utf8.RuneSelf:
		case r >= 0xc2 && r < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			r, size = (r&0x1f)<<6|rune(s[i+1]&0x3f), 2 // two bytes: Cyrillic
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		c := d.class(r)
		next := slot(row, c)
		if next == nil {
			next = d.stepRow(row, c)
		}
		tag := uintptr(next) & tagMask
		if tag&tagMatched != 0 {
			end = i // the threads before this rune matched
		}
		if tag&tagDone != 0 {
			return end, i + size
		}
		row = rowOf(next)
		i += size
	}
	next := slot(row, d.eot)
	if next == nil {
		next = d.stepRow(row, d.eot)
	}
	if uintptr(next)&tagMatched != 0 {
		end = len(s)
	}
	return end, len(s) + 1
}

// UnionMaxBytes bounds the states of a union, as MaxBytes those of one
// program's automaton: a union's states hold many programs' threads.
const UnionMaxBytes = 4 << 20

// step builds the transition of st on class c (d.eot: the end of the
// text) and publishes it.
func (d *DFA) step(st *state, c int) *state {
	d.mu.Lock()
	defer d.mu.Unlock()
	if next := atomic.LoadPointer(&st.row[c]); next != nil {
		return d.stateOf(rowOf(next))
	}
	next := rune(-1)
	if c != d.eot {
		next = d.reps[c]
	}
	flags := syntax.EmptyOpContext(st.ctx.rep(), next)
	var runes []uint32
	var won []uint64 // the programs of a union that match here
	matched := false
	d.visited = d.visited[:0]
	defer func() {
		for _, pc := range d.visited {
			d.seen[pc] = false
		}
	}()
	d.stack = append(d.stack[:0], st.pcs...)
	if d.first {
		slices.Reverse(d.stack) // the first instruction is walked first
	}
	for len(d.stack) > 0 {
		pc := d.stack[len(d.stack)-1]
		d.stack = d.stack[:len(d.stack)-1]
		if d.seen[pc] {
			continue
		}
		d.seen[pc] = true
		d.visited = append(d.visited, pc)
		in := &d.prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			d.stack = append(d.stack, in.Arg, in.Out)
		case syntax.InstCapture, syntax.InstNop:
			d.stack = append(d.stack, in.Out)
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(in.Arg)&^flags == 0 {
				d.stack = append(d.stack, in.Out)
			}
		case syntax.InstMatch:
			matched = true
			if d.first {
				// what is still to walk ranks below the match: dropped
				d.stack = d.stack[:0]
			}
			if d.owner != nil {
				if won == nil {
					won = make([]uint64, d.words)
				}
				k := d.owner[pc]
				won[k/64] |= 1 << (k % 64)
			}
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			runes = append(runes, pc)
		}
	}
	var to *state
	switch {
	case d.first:
		to = d.firstStep(runes, matched, c, next)
	case d.owner != nil:
		to = d.unionStep(runes, won, c, next)
	case matched:
		to = d.match
	case c == d.eot:
		to = d.dead
	default:
		var pcs []uint32
		for _, pc := range runes {
			if d.prog.Inst[pc].MatchRune(next) {
				pcs = append(pcs, d.prog.Inst[pc].Out)
			}
		}
		if len(pcs) == 0 {
			to = d.dead
			break
		}
		sort.Slice(pcs, func(i, j int) bool { return pcs[i] < pcs[j] })
		pcs = compact(pcs)
		to = d.intern(pcs, contextOf(next))
	}
	atomic.StorePointer(&st.row[c], link(to, d.match))
	return to
}

// firstStep is where an automaton from NewFirst goes from a state whose
// instructions waiting for a rune are runes, in priority order: on rune
// next, to their successors in the same order (a repeated one counts
// where it first comes), marked matched when a match ends before next.
func (d *DFA) firstStep(runes []uint32, matched bool, c int, next rune) *state {
	var pcs []uint32
	if c != d.eot {
		for _, pc := range runes {
			if in := &d.prog.Inst[pc]; in.MatchRune(next) && !slices.Contains(pcs, in.Out) {
				pcs = append(pcs, in.Out)
			}
		}
	}
	if !matched {
		if len(pcs) == 0 {
			return d.dead
		}
		return d.intern(pcs, contextOf(next))
	}
	return d.internWon(pcs, contextOf(next), []uint64{1})
}

// unionStep is where a union goes from a state whose instructions
// waiting for a rune are runes, won the programs that matched there:
// past the matched programs' instructions (they have matched already),
// on rune next, or to a state without instructions at the end of the
// text.
func (d *DFA) unionStep(runes []uint32, won []uint64, c int, next rune) *state {
	var pcs []uint32
	if c != d.eot {
		for _, pc := range runes {
			if k := d.owner[pc]; won != nil && !d.longest && won[k/64]&(1<<(k%64)) != 0 {
				continue
			}
			if d.prog.Inst[pc].MatchRune(next) {
				pcs = append(pcs, d.prog.Inst[pc].Out)
			}
		}
	}
	if len(pcs) == 0 && won == nil {
		return d.dead
	}
	slices.Sort(pcs)
	return d.internWon(compact(pcs), contextOf(next), won)
}

// intern returns the state of pcs and ctx, making it if new. When the
// states would outgrow the budget they are all dropped first: a state
// a caller still holds stays valid, it is only no longer shared.
func (d *DFA) intern(pcs []uint32, ctx context) *state {
	return d.internWon(pcs, ctx, nil)
}

// internWon is intern for a union's state, entered matching won.
func (d *DFA) internWon(pcs []uint32, ctx context, won []uint64) *state {
	key := stateKey(pcs, ctx)
	for _, w := range won {
		key += "m" + strconv.FormatUint(w, 36)
	}
	if st, ok := d.states[key]; ok {
		return st
	}
	if d.bytes+d.stateBytes(key) > d.budget && len(d.states) > 0 {
		d.states = map[string]*state{}
		d.bytes = 0
		d.resets++
		start := []uint32{uint32(d.prog.Start)}
		d.start.Store(d.add(stateKey(start, atBegin), start, atBegin))
		if st, ok := d.states[key]; ok {
			return st
		}
	}
	st := d.add(key, pcs, ctx)
	st.matched = won
	return st
}

func (d *DFA) add(key string, pcs []uint32, ctx context) *state {
	st := d.newState(pcs, ctx)
	d.states[key] = st
	d.bytes += d.stateBytes(key)
	return st
}

// stateBytes is about what a state costs: its transitions, its
// instructions, its key and the map's entry.
func (d *DFA) stateBytes(key string) int {
	return 8*(len(d.reps)+1) + 3*len(key) + 64
}

func stateKey(pcs []uint32, ctx context) string {
	key := make([]byte, 0, 1+len(pcs)*4)
	key = append(key, byte(ctx))
	for _, pc := range pcs {
		key = strconv.AppendUint(key, uint64(pc), 36)
		key = append(key, ',')
	}
	return string(key)
}

// States tells how many states the automaton has built.
func (d *DFA) States() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.states)
}

func compact(s []uint32) []uint32 {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// Prog returns the automaton's program.
func (d *DFA) Prog() *syntax.Prog { return d.prog }
