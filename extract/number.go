package extract

import (
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factx/factx/rules"
)

// numberReader turns the text of a number, in digits or in words, into
// an exact value. One reader serves every rule of a language: the rules
// only say where a number stands, never how to read it.
type numberReader struct {
	lang *rules.Lang
	// the lexicons number words are made of, in the order they are tried
	wordLex []*rules.Lexicon
}

func newNumberReader(l *rules.Lang) *numberReader {
	r := &numberReader{lang: l}
	for _, name := range []string{"number", "multiplier", "scale", "connector"} {
		if x := l.Lexicons[name]; x != nil && len(x.Entries) > 0 {
			r.wordLex = append(r.wordLex, x)
		}
	}
	return r
}

// read parses a number written in digits or words.
func (r *numberReader) read(s string) (*big.Rat, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if unicode.IsDigit(first) || strings.ContainsAny(s[:1], "-−–.,") {
		return r.digits(s)
	}
	return r.words(s)
}

func (r *numberReader) isDecimal(sep rune) bool {
	for _, d := range r.lang.Decimal {
		if d == string(sep) {
			return true
		}
	}
	return false
}

func (r *numberReader) isGroup(sep rune) bool {
	for _, g := range r.lang.Group {
		if g == string(sep) {
			return true
		}
	}
	return false
}

// digits reads "1 234 567", "1.844.036", "1,234,567", "15,3", "-2.5".
// A separator that occurs more than once groups thousands; of two
// different separators the last is the decimal one; a lone separator is
// decimal where the language reads it so, and groups thousands where it
// only groups and three digits follow.
func (r *numberReader) digits(s string) (*big.Rat, bool) {
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "−"), strings.HasPrefix(s, "–"):
		neg, s = true, s[len("−"):]
	}
	var b strings.Builder
	var seps []rune
	var sepAt []int
	n := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
			n++
		case c == '.' || c == ',':
			seps = append(seps, c)
			sepAt = append(sepAt, n)
			b.WriteRune(c)
		case unicode.IsSpace(c) || c == '\u202f' || c == '\u2009' || c == '\u00a0':
			// grouping space
		default:
			return nil, false
		}
	}
	if n == 0 {
		return nil, false
	}
	raw := b.String()
	decimal := rune(0)
	switch {
	case len(seps) == 0:
	case len(seps) == 1:
		sep := seps[0]
		after := n - sepAt[0]
		switch {
		case r.isDecimal(sep) && !(r.isGroup(sep) && after == 3 && !r.isDecimalFirst(sep)):
			decimal = sep
		case r.isGroup(sep) && after == 3:
		case r.isDecimal(sep):
			decimal = sep
		default:
			return nil, false
		}
	default:
		last := seps[len(seps)-1]
		if last != seps[0] {
			decimal = last
		}
		for _, c := range seps[:len(seps)-1] {
			if c != seps[0] {
				return nil, false
			}
		}
	}
	var clean strings.Builder
	for _, c := range raw {
		switch {
		case c == decimal && decimal != 0:
			clean.WriteByte('.')
		case c == '.' || c == ',':
		default:
			clean.WriteRune(c)
		}
	}
	v, ok := new(big.Rat).SetString(clean.String())
	if !ok {
		return nil, false
	}
	if neg {
		v.Neg(v)
	}
	return v, true
}

// isDecimalFirst tells whether sep is the language's preferred decimal
// separator, which wins over grouping for a lone "1,500" in Russian.
func (r *numberReader) isDecimalFirst(sep rune) bool {
	return len(r.lang.Decimal) > 0 && r.lang.Decimal[0] == string(sep)
}

// words reads number words: additive words (one … ninety, сто … девятьсот,
// полтора), multipliers (hundred, жүз) that multiply the group so far, and
// scales (thousand, миллион) that close a group.
func (r *numberReader) words(s string) (*big.Rat, bool) {
	s = rules.Fold(s)
	total := new(big.Rat)
	current := new(big.Rat)
	seen := false
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(c) || c == '-' || c == '\u00a0' {
			i += size
			continue
		}
		lex, n := r.longestWord(s[i:])
		if lex == nil {
			return nil, false
		}
		word := s[i : i+n]
		i += n
		e, ok := lex.Lookup(word)
		if !ok {
			return nil, false
		}
		if lex.Name == "connector" {
			continue
		}
		v, ok := e.Rat()
		if !ok {
			return nil, false
		}
		seen = true
		switch lex.Name {
		case "scale":
			if current.Sign() == 0 {
				current.SetInt64(1)
			}
			total.Add(total, current.Mul(current, v))
			current = new(big.Rat)
		case "multiplier":
			if current.Sign() == 0 {
				current.SetInt64(1)
			}
			current.Mul(current, v)
		default:
			if v.Cmp(big.NewRat(1, 1)) < 0 && current.Sign() == 0 && total.Sign() == 0 {
				// "half a million": a fraction that a scale will multiply
				current.Add(current, v)
				continue
			}
			current.Add(current, v)
		}
	}
	if !seen {
		return nil, false
	}
	return total.Add(total, current), true
}

// longestWord finds the number-word lexicon with the longest form at the
// start of s that ends on a word boundary.
func (r *numberReader) longestWord(s string) (*rules.Lexicon, int) {
	var best *rules.Lexicon
	bestN := 0
	for _, x := range r.wordLex {
		loc := x.Prefix.FindStringIndex(s)
		if loc == nil || loc[1] <= bestN {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(s[loc[1]:]); loc[1] < len(s) && unicode.IsLetter(next) {
			continue
		}
		best, bestN = x, loc[1]
	}
	return best, bestN
}
