package submatch

import (
	"regexp/syntax"
	"unicode"
)

// buckets is a set of rune buckets: a cheap superset of a set of runes,
// exact enough to tell digits, Latin and Cyrillic letters (each bucket
// holding one letter in both cases) and spaces apart.
type buckets [2]uint64

// bucket numbers: digits, Latin letters, basic Cyrillic letters, other
// Cyrillic (ё, the Kazakh letters), other ASCII, all else, end of text.
const (
	digitBuckets    = 0
	latinBuckets    = 10
	cyrillicBuckets = 36
	extendedBuckets = 68
	asciiBuckets    = 100
	otherBuckets    = 116
	eotBucket       = 127
)

func bucket(r rune) uint {
	switch {
	case r < 0:
		return eotBucket
	case r >= '0' && r <= '9':
		return digitBuckets + uint(r-'0')
	case r >= 'a' && r <= 'z':
		return latinBuckets + uint(r-'a')
	case r >= 'A' && r <= 'Z':
		return latinBuckets + uint(r-'A')
	case r < 0x80:
		return asciiBuckets + uint(r%16)
	case r >= 0x410 && r <= 0x44F: // А-я: one bucket for both cases
		return cyrillicBuckets + uint(r-0x410)%32
	case r >= 0x400 && r <= 0x4FF:
		return extendedBuckets + uint(r%32)
	}
	return otherBuckets + uint(r%11)
}

func (b *buckets) add(r rune) { k := bucket(r); b[k/64] |= 1 << (k % 64) }

var allBuckets = buckets{^uint64(0), ^uint64(0)}

// widest is the widest rune range whose runes are put in buckets one by
// one; a wider one (a class such as \p{L}) counts as any rune.
const widest = 256

// firsts computes, for each instruction of prog, the buckets of the runes
// that a thread can read first from it, through the instructions that
// read none. A Match, or a loop of such instructions, counts as any rune:
// the result only ever says too much, never too little.
func firsts(prog *syntax.Prog) []buckets {
	out := make([]buckets, len(prog.Inst))
	state := make([]uint8, len(prog.Inst)) // 0 new, 1 on the way, 2 done
	var walk func(pc uint32) buckets
	walk = func(pc uint32) buckets {
		switch state[pc] {
		case 1:
			return allBuckets
		case 2:
			return out[pc]
		}
		state[pc] = 1
		var b buckets
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstFail:
		case syntax.InstAlt, syntax.InstAltMatch:
			x, y := walk(in.Out), walk(in.Arg)
			b = buckets{x[0] | y[0], x[1] | y[1]}
		case syntax.InstNop, syntax.InstCapture, syntax.InstEmptyWidth:
			b = walk(in.Out)
		case syntax.InstRune1:
			b.add(in.Rune[0])
		case syntax.InstRune:
			b = runeBuckets(in)
		default: // InstMatch, InstRuneAny, InstRuneAnyNotNL
			b = allBuckets
		}
		out[pc], state[pc] = b, 2
		return b
	}
	for pc := range prog.Inst {
		walk(uint32(pc))
	}
	return out
}

// runeBuckets is the buckets of what a rune instruction reads.
func runeBuckets(in *syntax.Inst) buckets {
	var b buckets
	fold := syntax.Flags(in.Arg)&syntax.FoldCase != 0
	rs := in.Rune
	if len(rs) == 1 { // one rune, maybe folded
		rs = []rune{rs[0], rs[0]}
	}
	for i := 0; i+1 < len(rs); i += 2 {
		if rs[i+1]-rs[i] > widest {
			return allBuckets
		}
		for r := rs[i]; r <= rs[i+1]; r++ {
			b.add(r)
			if fold {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					b.add(f)
				}
			}
		}
	}
	return b
}
