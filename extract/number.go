package extract

import (
	"math"
	"math/big"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/factx/factx/rules"
)

// numberReader turns the text of a number, in digits or in words, into
// an exact value. One reader serves every rule of a language: the rules
// only say where a number stands, never how to read it.
//
// Words come from the language's lexicons: number (additive words, "one",
// "сорок", "half"), multiplier ("hundred", "жүз", "dozen"), scale
// ("thousand", "млн"), scale_abbr (letters that only follow a number: "k",
// "bn"), connector (code "and" splits a whole part from a fraction, other
// codes are skipped: "a"), sign ("minus"), ordinal ("fifth", "пятый"),
// denominator ("quarters", "десятых"), fraction_bar ("over", "out of") and
// fraction_of, a denominator written before its numerator after a whole
// part ("үш бүтін оннан үш": three and, of ten, three = 3.3); elsewhere a
// fraction_of word is the plain number it names ("оннан" = from ten).
type numberReader struct {
	lang *rules.Lang
	// the lexicons number words are made of, in the order they are tried
	wordLex []*rules.Lexicon
	// values are the words' values, parsed once and keyed by the text of
	// the value: shared by every reading, so nothing may write to them
	values map[string]*big.Rat
	// constants the readings compare with; never written either
	zero, one, ten, hundred, thousand *big.Rat
	// words remembers up to maxWordReadings readings of texts with words,
	// text → *big.Rat (nil for no number), one map for cardinals and one
	// for ordinals: news repeats its number words, and reading them costs
	// far more than a lookup. Its values are copied before they are given.
	words  [2]sync.Map
	nWords atomic.Int64
}

// maxWordReadings bounds the readings a numberReader remembers.
const maxWordReadings = 1 << 13

// wordLexicons are the lexicons a number's words may come from.
var wordLexicons = []string{"fraction_of", "number", "multiplier", "scale", "scale_abbr", "connector",
	"sign", "ordinal", "denominator", "fraction_bar"}

func newNumberReader(l *rules.Lang) *numberReader {
	r := &numberReader{lang: l, values: map[string]*big.Rat{},
		zero: new(big.Rat), one: big.NewRat(1, 1), ten: big.NewRat(10, 1),
		hundred: big.NewRat(100, 1), thousand: big.NewRat(1000, 1)}
	for _, name := range wordLexicons {
		if x := l.Lexicons[name]; x != nil && len(x.Entries) > 0 {
			r.wordLex = append(r.wordLex, x)
			for _, e := range x.Entries {
				if v, ok := e.Rat(); ok {
					r.values[e.Value] = v
				}
			}
		}
	}
	return r
}

// read parses a cardinal number written in digits, words or both; a
// trailing ordinal or denominator makes a fraction ("three fifths").
func (r *numberReader) read(s string) (*big.Rat, bool) { return r.readAs(s, false) }

// readOrdinal parses an ordinal ("twenty-first", "восьмого", "8-й") into
// the number it stands for.
func (r *numberReader) readOrdinal(s string) (*big.Rat, bool) { return r.readAs(s, true) }

func (r *numberReader) readAs(s string, ordinal bool) (*big.Rat, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if unicode.IsDigit(first) || strings.ContainsAny(s[:1], "-−–.,+") {
		if v, ok := r.digits(s); ok {
			return finite(v)
		}
	}
	cache := &r.words[0]
	if ordinal {
		cache = &r.words[1]
	}
	if c, ok := cache.Load(s); ok {
		if v := c.(*big.Rat); v != nil {
			return new(big.Rat).Set(v), true
		}
		return nil, false
	}
	v, ok := r.readWords(s, ordinal)
	if r.nWords.Load() < maxWordReadings {
		var keep *big.Rat
		if ok {
			keep = new(big.Rat).Set(v)
		}
		if _, loaded := cache.LoadOrStore(strings.Clone(s), keep); !loaded {
			r.nWords.Add(1)
		}
	}
	return v, ok
}

// readWords reads a number with words in it.
func (r *numberReader) readWords(s string, ordinal bool) (*big.Rat, bool) {
	var buf [8]token
	toks, ok := r.tokens(s, buf[:0])
	if !ok {
		return nil, false
	}
	v, ok := r.evalTokens(toks, ordinal)
	if !ok {
		return nil, false
	}
	return finite(v)
}

// finite keeps values a float64 can hold.
func finite(v *big.Rat) (*big.Rat, bool) {
	// a value is no larger than its numerator: below 2^1000 it is finite
	if v.Num().BitLen() <= 1000 {
		return v, true
	}
	if f, _ := v.Float64(); math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, false
	}
	return v, true
}

// token is one word or digit group of a number.
type token struct {
	kind string // a lexicon name, or "digits" or "bar" for "/"
	code string
	v    *big.Rat
	// spaced is true when only spaces (no hyphen) part it from the
	// token before.
	spaced bool
}

// tokens splits s into the tokens of a number, appended to toks. Values
// of words are shared: whoever uses the tokens must not write to them.
func (r *numberReader) tokens(s string, toks []token) ([]token, bool) {
	s = rules.Fold(s)
	sawSpace, sawDash := false, false
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(c) || c == '\u00a0' || c == '\u202f' || c == '\u2009':
			sawSpace = true
			i += size
			continue
		case unicode.Is(unicode.Pd, c) && len(toks) > 0:
			sawDash = true
			i += size
			continue
		}
		spaced := sawSpace && !sawDash
		sawSpace, sawDash = false, false
		if c == '/' {
			toks = append(toks, token{kind: "bar", spaced: spaced})
			i += size
			continue
		}
		if unicode.IsDigit(c) || c == '-' || c == '−' || c == '–' || c == '.' {
			j := i + size
			for j < len(s) {
				d, n := utf8.DecodeRuneInString(s[j:])
				if unicode.IsDigit(d) {
					j += n
					continue
				}
				if d == '.' || d == ',' {
					if e, _ := utf8.DecodeRuneInString(s[j+n:]); j+n < len(s) && unicode.IsDigit(e) {
						j += n
						continue
					}
				}
				break
			}
			v, ok := r.digits(s[i:j])
			if !ok {
				return nil, false
			}
			toks = append(toks, token{kind: "digits", v: v, spaced: spaced})
			i = j
			continue
		}
		lex, n := r.longestWord(s[i:])
		if lex == nil {
			return nil, false
		}
		e, ok := lex.Lookup(s[i : i+n])
		if !ok {
			return nil, false
		}
		t := token{kind: lex.Name, code: e.Code, spaced: spaced}
		if v, ok := r.value(e); ok {
			t.v = v
		} else if lex.Name != "connector" && lex.Name != "fraction_bar" && lex.Name != "sign" {
			return nil, false
		}
		toks = append(toks, t)
		i += n
	}
	return toks, len(toks) > 0
}

// value is an entry's value, parsed once; it must not be written to.
func (r *numberReader) value(e rules.Entry) (*big.Rat, bool) {
	if v, ok := r.values[e.Value]; ok {
		return v, true
	}
	return e.Rat()
}

// evalTokens computes a number from its tokens: additive words add to
// the current group, multipliers multiply it, scales close it; "and"
// after a plain number closes a whole part; an ordinal or denominator
// divides the group before it (a fraction) or, for ordinals, is the last
// digit of the number. It writes to no token's value.
func (r *numberReader) evalTokens(toks []token, ordinal bool) (*big.Rat, bool) {
	neg := false
	if len(toks) > 0 && toks[0].kind == "sign" {
		neg = toks[0].v == nil || toks[0].v.Sign() < 0
		toks = toks[1:]
	}
	for i, t := range toks {
		if t.kind == "bar" || t.kind == "fraction_bar" {
			num, ok1 := r.evalTokens(toks[:i], false)
			den, ok2 := r.evalTokens(toks[i+1:], false)
			if !ok1 || !ok2 || den.Sign() == 0 {
				return nil, false
			}
			if t.code == "part" && num.Cmp(den) > 0 {
				return nil, false // "five out of three" is two numbers
			}
			v := new(big.Rat).Quo(num, den)
			if neg {
				v.Neg(v)
			}
			return v, true
		}
	}
	one := r.one
	total, current := new(big.Rat), new(big.Rat)
	// lastScale and pending point to values nothing writes to
	lastScale := r.zero
	seen, afterScale, afterAnd := false, false, false
	var den *big.Rat // a fraction_of denominator waiting for its numerator
	// pending is the scale a fraction after it takes when no other scale
	// follows: "one million and a half", not "a billion and a half million"
	var pending *big.Rat
	var prev token
	for i, t := range toks {
		switch t.kind {
		case "sign":
			return nil, false
		case "connector":
			if t.code == "and" && (prev.kind == "number" || prev.kind == "digits" || prev.kind == "denominator") {
				total.Add(total, current)
				current.SetInt64(0)
				afterAnd = true
			}
			continue
		}
		seen = true
		kind := t.kind
		if kind == "fraction_of" {
			if afterAnd && den == nil {
				if t.v.Sign() == 0 {
					return nil, false // a user's word worth 0: no fraction
				}
				den = t.v
				afterAnd = false
				continue
			}
			kind = "number"
			if t.v.Cmp(r.hundred) == 0 {
				kind = "multiplier"
			} else if t.v.Cmp(r.thousand) >= 0 {
				kind = "scale"
			}
		}
		afterAnd = false
		if kind == "ordinal" && ordinal {
			if (prev.kind == "number" || prev.kind == "digits") && !r.ordinalFollows(prev.v, t.v) {
				return nil, false // "one second" is no ordinal
			}
			switch {
			case t.v.Cmp(r.hundred) == 0:
				kind = "multiplier"
			case t.v.Cmp(r.thousand) >= 0:
				kind = "scale"
			default:
				kind = "number"
			}
		}
		switch kind {
		case "scale", "scale_abbr":
			if den != nil {
				// "бес бүтін оннан үш миллиард": the scale takes the
				// whole part and the fraction
				total.Add(total, current.Quo(current, den)).Mul(total, t.v)
				current.SetInt64(0)
				den = nil
				afterScale = true
				prev = t
				continue
			}
			if current.Sign() == 0 {
				current.Set(one)
			}
			total.Add(total, current.Mul(current, t.v))
			current.SetInt64(0)
			pending = nil
			lastScale = t.v
			afterScale = true
			prev = t
			continue
		case "multiplier":
			if current.Sign() == 0 {
				current.Set(one)
			}
			current.Mul(current, t.v)
		case "ordinal", "denominator":
			d := t.v
			// "three twenty firsts": a tens word before the ordinal
			// belongs to the denominator
			if i >= 2 && t.spaced && prev.kind == "number" && isTens(prev.v) && current.Cmp(prev.v) > 0 {
				current.Sub(current, prev.v)
				d = new(big.Rat).Add(t.v, prev.v)
			}
			if current.Sign() == 0 {
				current.Set(one)
			}
			if d.Sign() == 0 {
				return nil, false // a user's word worth 0: no fraction
			}
			current.Quo(current, d)
			if afterScale && total.Sign() > 0 && current.Cmp(one) < 0 {
				pending = lastScale // "three million and a quarter"
			}
		default: // number, digits
			if t.v.Cmp(one) < 0 && current.Sign() == 0 && afterScale && total.Sign() > 0 {
				pending = lastScale // "one million and a half"
			}
			current.Add(current, t.v)
		}
		afterScale = false
		prev = t
	}
	if !seen {
		return nil, false
	}
	if den != nil {
		current.Quo(current, den)
	}
	if pending != nil {
		current.Mul(current, pending)
	}
	v := total.Add(total, current)
	if neg {
		v.Neg(v)
	}
	return v, true
}

// ordinalFollows tells whether an ordinal word may end a number whose
// last word is prev: "twenty first", "сто пятый", not "one second".
func (r *numberReader) ordinalFollows(prev, ord *big.Rat) bool {
	if ord.Cmp(r.hundred) >= 0 || prev.Cmp(r.hundred) >= 0 {
		return true
	}
	return isTens(prev) && ord.Cmp(r.ten) < 0
}

// isTens tells whether v is one of 20, 30 … 90.
func isTens(v *big.Rat) bool {
	if v == nil || !v.IsInt() || !v.Num().IsInt64() {
		return false
	}
	n := v.Num().Int64()
	return n >= 20 && n <= 90 && n%10 == 0
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

// digits reads "1 234 567", "1.844.036", "1,234,567", "15,3", "-2.5",
// ".5", "1.3e6". A separator that occurs more than once groups
// thousands; of two different separators the last is the decimal one; a
// lone separator is decimal where the language reads it so, and groups
// thousands where it only groups and three digits follow.
func (r *numberReader) digits(s string) (*big.Rat, bool) {
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasPrefix(s, "−"), strings.HasPrefix(s, "–"):
		neg, s = true, s[len("−"):]
	}
	exp := ""
	if i := strings.IndexAny(s, "eE"); i > 0 {
		exp = s[i+1:]
		s = s[:i]
		if len(strings.TrimLeft(exp, "+-")) == 0 || len(exp) > 4 {
			return nil, false // at most "e-99"
		}
	}
	var sepBuf [8]rune
	var atBuf [8]int
	seps, sepAt := sepBuf[:0], atBuf[:0]
	n := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			n++
		case c == '.' || c == ',':
			seps = append(seps, c)
			sepAt = append(sepAt, n)
		case unicode.IsSpace(c) || c == '\u202f' || c == '\u2009' || c == '\u00a0':
			// grouping space
		default:
			return nil, false
		}
	}
	if n == 0 {
		return nil, false
	}
	for i := 1; i < len(sepAt); i++ {
		if sepAt[i] == sepAt[i-1] {
			return nil, false // "1..2"
		}
	}
	decimal := rune(0)
	switch {
	case len(seps) == 0:
	case len(seps) == 1:
		sep := seps[0]
		after := n - sepAt[0]
		switch {
		case sepAt[0] == 0:
			decimal = sep // ".5"
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
	var v *big.Rat
	if exp == "" && n <= 18 {
		// an int64 holds the digits: the value is they over a power of ten
		var m, scale int64 = 0, 1
		inFraction := false
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c >= '0' && c <= '9':
				m = m*10 + int64(c-'0')
				if inFraction {
					scale *= 10
				}
			case decimal != 0 && rune(c) == decimal:
				inFraction = true
			}
		}
		v = new(big.Rat).SetFrac64(m, scale)
	} else {
		var ok bool
		if v, ok = new(big.Rat).SetString(cleanDigits(s, decimal, exp)); !ok {
			return nil, false
		}
	}
	if neg {
		v.Neg(v)
	}
	return v, true
}

// cleanDigits writes the digits of s as big.Rat reads them: decimal as
// the point, without group separators or spaces, and the exponent.
func cleanDigits(s string, decimal rune, exp string) string {
	var clean strings.Builder
	clean.Grow(len(s) + len(exp) + 1)
	for _, c := range s {
		switch {
		case c == decimal && decimal != 0:
			clean.WriteByte('.')
		case c >= '0' && c <= '9':
			clean.WriteRune(c)
		}
	}
	if exp != "" {
		clean.WriteString("e" + exp)
	}
	return clean.String()
}

// isDecimalFirst tells whether sep is the language's preferred decimal
// separator, which wins over grouping for a lone "1,500" in Russian.
func (r *numberReader) isDecimalFirst(sep rune) bool {
	return len(r.lang.Decimal) > 0 && r.lang.Decimal[0] == string(sep)
}

// longestWord finds the number-word lexicon with the longest form at the
// start of s, preferring forms that end on a word boundary; words run
// together ("fortysecond") are read when nothing else fits.
func (r *numberReader) longestWord(s string) (*rules.Lexicon, int) {
	var best, glued *rules.Lexicon
	bestN, gluedN := 0, 0
	for _, x := range r.wordLex {
		n := x.PrefixLength(s)
		if n == 0 {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(s[n:]); n < len(s) && unicode.IsLetter(next) {
			if n > gluedN {
				glued, gluedN = x, n
			}
			continue
		}
		if n > bestN {
			best, bestN = x, n
		}
	}
	if best == nil {
		return glued, gluedN
	}
	return best, bestN
}
