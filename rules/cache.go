package rules

import (
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp/syntax"
	"sync"
)

// The programs of the embedded rules are compiled ahead of time into
// compiled.bin: on a single short text, assembling and compiling the
// rules it needs (their number words are kilobytes each) would cost more
// than reading the text. Each language's part carries a hash of the
// files it was compiled from; a language whose files changed since is
// compiled from its YAML as before, so a stale cache costs time, never
// a wrong answer. TestCompiledCacheIsFresh fails until the cache is
// written again:
//
//go:generate go test -run TestCompiledCacheIsFresh -update .

//go:embed compiled.bin
var compiledBin []byte

// cacheMagic opens compiled.bin; its version changes with the layout.
const cacheMagic = "factx compiled rules 3\n"

// langCache is one language's part of compiled.bin.
type langCache struct {
	files    []byte // the language's files as parsed, in JSON
	runeSets [][]rune
	rules    map[string]cachedRule
}

// cachedRule is what the cache holds of a rule: where its matches can
// begin, decoded with the language, and its program, decoded on first
// use.
type cachedRule struct {
	first   *RuneSet
	anchors uint64
	prog    []byte
}

// cachedProg is a rule's program as compiled ahead of time.
type cachedProg struct {
	prog      *syntax.Prog
	names     []string
	lower     bool
	bounds    []rune   // the automaton's rune classes (dfa.Classes)
	intervals []uint16 // of the automaton
}

// sourceHash identifies the files a language is compiled from.
func sourceHash(names []string, data [][]byte) []byte {
	h := sha256.New()
	for i, name := range names {
		fmt.Fprintf(h, "%s %d\n", name, len(data[i]))
		h.Write(data[i])
	}
	return h.Sum(nil)
}

// cacheSections splits compiled.bin by language, once.
var cacheSections = sync.OnceValue(func() map[string][]byte {
	sections, _ := splitCache(compiledBin)
	return sections
})

func splitCache(b []byte) (map[string][]byte, error) {
	d := decoder{b: b}
	if string(d.bytes(len(cacheMagic))) != cacheMagic {
		return nil, errors.New("not a compiled rules file of this version")
	}
	out := map[string][]byte{}
	for n := d.uint(); n > 0 && d.err == nil; n-- {
		code := d.string()
		out[code] = d.bytes(int(d.uint()))
	}
	return out, d.err
}

// openLangCache returns a language's cached programs when they were
// compiled from exactly these files, else nil.
func openLangCache(code string, hash []byte) *langCache {
	section, ok := cacheSections()[code]
	if !ok {
		return nil
	}
	d := decoder{b: section}
	if string(d.bytes(sha256.Size)) != string(hash) {
		return nil
	}
	c := &langCache{rules: map[string]cachedRule{}}
	c.files = d.bytes(int(d.uint()))
	c.runeSets = make([][]rune, d.count())
	for i := range c.runeSets {
		c.runeSets[i] = d.runes()
	}
	for n := d.uint(); n > 0 && d.err == nil; n-- {
		name := d.string()
		var r cachedRule
		r.anchors = d.uint()
		any := d.uint() == 1
		r.first = NewRuneSet(d.runes(), any)
		r.prog = d.bytes(int(d.uint()))
		c.rules[name] = r
	}
	if d.err != nil {
		return nil
	}
	return c
}

// parsedFiles returns the language's files as they parsed, or nil: the
// YAML parser reads about 5 MB a second, JSON several times that.
func (c *langCache) parsedFiles() []*File {
	if c == nil {
		return nil
	}
	var files []*File
	if err := json.Unmarshal(c.files, &files); err != nil {
		return nil
	}
	return files
}

// first returns the runes and anchors a rule's matches can begin with.
func (c *langCache) first(name string) (*RuneSet, uint64, bool) {
	r, ok := c.rules[name]
	return r.first, r.anchors, ok
}

// rule decodes a rule's program.
func (c *langCache) rule(name string) (cachedProg, bool) {
	r, ok := c.rules[name]
	if !ok {
		return cachedProg{}, false
	}
	d := decoder{b: r.prog}
	var p cachedProg
	p.lower = d.uint() == 1
	p.names = make([]string, d.count())
	for i := range p.names {
		p.names[i] = d.string()
	}
	prog := &syntax.Prog{Start: int(d.uint()), NumCap: int(d.uint())}
	prog.Inst = make([]syntax.Inst, d.count())
	for i := range prog.Inst {
		in := &prog.Inst[i]
		in.Op = syntax.InstOp(d.uint())
		in.Out = uint32(d.uint())
		in.Arg = uint32(d.uint())
		if k := d.uint(); k > 0 && int(k) <= len(c.runeSets) {
			in.Rune = c.runeSets[k-1]
		}
	}
	p.bounds = d.runes()
	p.intervals = make([]uint16, len(p.bounds))
	for i := range p.intervals {
		p.intervals[i] = uint16(d.uint())
	}
	if d.err != nil || d.rest() != 0 || !wellFormed(prog) || len(p.names) != prog.NumCap/2 {
		return cachedProg{}, false
	}
	p.prog = prog
	return p, true
}

// wellFormed tells that a program's jumps stay inside it, so a damaged
// cache cannot send a matcher astray.
func wellFormed(prog *syntax.Prog) bool {
	n := uint32(len(prog.Inst))
	if prog.Start < 0 || prog.Start >= len(prog.Inst) {
		return false
	}
	for _, in := range prog.Inst {
		if in.Out >= n || (in.Op == syntax.InstAlt || in.Op == syntax.InstAltMatch) && in.Arg >= n {
			return false
		}
		if in.Op > syntax.InstRuneAnyNotNL || (in.Op == syntax.InstRune1 && len(in.Rune) != 1) {
			return false
		}
	}
	return true
}

// encodeCache compiles every rule of the embedded languages and writes
// their programs, for compiled.bin.
func encodeCache() ([]byte, error) {
	set, err := loadLazy(false)
	if err != nil {
		return nil, err
	}
	var e encoder
	e.b = append(e.b, cacheMagic...)
	e.uint(uint64(len(set.codes)))
	for _, code := range set.codes {
		l := set.Lang(code)
		if l == nil {
			return nil, fmt.Errorf("language %s does not compile", code)
		}
		z := set.lazy[code]
		datas := make([][]byte, len(z.names))
		for i, name := range z.names {
			if datas[i], err = fs.ReadFile(embedded, name); err != nil {
				return nil, err
			}
		}
		files, err := json.Marshal(parseEmbedded(z.names, datas))
		if err != nil {
			return nil, err
		}
		section, err := encodeLang(l, z.hash, files)
		if err != nil {
			return nil, fmt.Errorf("language %s: %w", code, err)
		}
		e.string(code)
		e.uint(uint64(len(section)))
		e.b = append(e.b, section...)
	}
	return e.b, nil
}

func encodeLang(l *Lang, hash, files []byte) ([]byte, error) {
	var sets [][]rune
	index := map[string]int{} // rune set, as a string of runes → its number
	setOf := func(rs []rune) int {
		if len(rs) == 0 {
			return 0
		}
		key := string(rs)
		k, ok := index[key]
		if !ok {
			sets = append(sets, rs)
			k = len(sets)
			index[key] = k
		}
		return k
	}
	var rules encoder
	rules.uint(uint64(len(l.Rules)))
	for _, r := range l.Rules {
		r.prepare()
		d := r.automaton()
		if d == nil || r.sub == nil {
			return nil, fmt.Errorf("rule %s has no program", r.Name)
		}
		prog := r.prog
		var e encoder
		lower := uint64(0)
		if r.lower {
			lower = 1
		}
		e.uint(lower)
		e.uint(uint64(len(r.names)))
		for _, name := range r.names {
			e.string(name)
		}
		e.uint(uint64(prog.Start))
		e.uint(uint64(prog.NumCap))
		e.uint(uint64(len(prog.Inst)))
		for _, in := range prog.Inst {
			e.uint(uint64(in.Op))
			e.uint(uint64(in.Out))
			e.uint(uint64(in.Arg))
			e.uint(uint64(setOf(in.Rune)))
		}
		bounds, intervals := d.Classes()
		e.runes(bounds)
		for _, c := range intervals {
			e.uint(uint64(c))
		}
		rules.string(r.Name)
		rules.uint(r.Anchors)
		any := uint64(0)
		if r.First.any {
			any = 1
		}
		rules.uint(any)
		rules.runes(r.First.ranges)
		rules.uint(uint64(len(e.b)))
		rules.b = append(rules.b, e.b...)
	}
	var e encoder
	e.b = append(e.b, hash...)
	e.uint(uint64(len(files)))
	e.b = append(e.b, files...)
	e.uint(uint64(len(sets)))
	for _, rs := range sets {
		e.runes(rs)
	}
	e.b = append(e.b, rules.b...)
	return e.b, nil
}

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }

// runes writes sorted runes as their differences.
func (e *encoder) runes(rs []rune) {
	e.uint(uint64(len(rs)))
	prev := rune(0)
	for _, r := range rs {
		e.int(int64(r - prev))
		prev = r
	}
}

func (e *encoder) string(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// decoder reads what encoder wrote; past its first error it returns
// zeros, and err tells.
type decoder struct {
	b   []byte
	err error
}

var errTruncated = errors.New("compiled rules: truncated")

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) bytes(n int) []byte {
	if n < 0 || n > len(d.b) {
		d.fail()
		return nil
	}
	out := d.b[:n:n]
	d.b = d.b[n:]
	return out
}

// count reads how many items follow: as each takes a byte at least, a
// count past the bytes left is damage, and reads as 0.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

// runes reads what encoder.runes wrote.
func (d *decoder) runes() []rune {
	rs := make([]rune, d.count())
	prev := rune(0)
	for i := range rs {
		prev += rune(d.int())
		rs[i] = prev
	}
	return rs
}

func (d *decoder) string() string { return string(d.bytes(int(d.uint()))) }

func (d *decoder) rest() int { return len(d.b) }

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errTruncated
	}
	d.b = nil
}
