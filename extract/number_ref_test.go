package extract

import (
	"math"
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factx/factx/rules"
)

// The number reader as it stood before its fast paths, kept to check the
// fast one against: FuzzNumberReaderFast reads the same text with both.

func refReadAs(r *numberReader, s string, ordinal bool) (*big.Rat, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if unicode.IsDigit(first) || strings.ContainsAny(s[:1], "-−–.,+") {
		if v, ok := refDigits(r, s); ok {
			return refFinite(v)
		}
	}
	toks, ok := refTokens(r, s)
	if !ok {
		return nil, false
	}
	v, ok := refEvalTokens(toks, ordinal)
	if !ok {
		return nil, false
	}
	return refFinite(v)
}

func refFinite(v *big.Rat) (*big.Rat, bool) {
	if f, _ := v.Float64(); math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, false
	}
	return v, true
}

func refTokens(r *numberReader, s string) ([]token, bool) {
	s = rules.Fold(s)
	var toks []token
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
			v, ok := refDigits(r, s[i:j])
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
		if v, ok := e.Rat(); ok {
			t.v = v
		} else if lex.Name != "connector" && lex.Name != "fraction_bar" && lex.Name != "sign" {
			return nil, false
		}
		toks = append(toks, t)
		i += n
	}
	return toks, len(toks) > 0
}

func refEvalTokens(toks []token, ordinal bool) (*big.Rat, bool) {
	neg := false
	if len(toks) > 0 && toks[0].kind == "sign" {
		neg = toks[0].v == nil || toks[0].v.Sign() < 0
		toks = toks[1:]
	}
	for i, t := range toks {
		if t.kind == "bar" || t.kind == "fraction_bar" {
			num, ok1 := refEvalTokens(toks[:i], false)
			den, ok2 := refEvalTokens(toks[i+1:], false)
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
	one := big.NewRat(1, 1)
	total, current := new(big.Rat), new(big.Rat)
	lastScale := new(big.Rat)
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
				current = new(big.Rat)
				afterAnd = true
			}
			continue
		}
		seen = true
		kind := t.kind
		if kind == "fraction_of" {
			if afterAnd && den == nil {
				den = t.v
				afterAnd = false
				continue
			}
			kind = "number"
			if t.v.Cmp(big.NewRat(100, 1)) == 0 {
				kind = "multiplier"
			} else if t.v.Cmp(big.NewRat(1000, 1)) >= 0 {
				kind = "scale"
			}
		}
		afterAnd = false
		if kind == "ordinal" && ordinal {
			if (prev.kind == "number" || prev.kind == "digits") && !refOrdinalFollows(prev.v, t.v) {
				return nil, false // "one second" is no ordinal
			}
			switch {
			case t.v.Cmp(big.NewRat(100, 1)) == 0:
				kind = "multiplier"
			case t.v.Cmp(big.NewRat(1000, 1)) >= 0:
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
				current, den = new(big.Rat), nil
				afterScale = true
				prev = t
				continue
			}
			if current.Sign() == 0 {
				current.Set(one)
			}
			total.Add(total, current.Mul(current, t.v))
			current = new(big.Rat)
			pending = nil
			lastScale.Set(t.v)
			afterScale = true
			prev = t
			continue
		case "multiplier":
			if current.Sign() == 0 {
				current.Set(one)
			}
			current.Mul(current, t.v)
		case "ordinal", "denominator":
			d := new(big.Rat).Set(t.v)
			// "three twenty firsts": a tens word before the ordinal
			// belongs to the denominator
			if i >= 2 && t.spaced && prev.kind == "number" && isTens(prev.v) && current.Cmp(prev.v) > 0 {
				current.Sub(current, prev.v)
				d.Add(d, prev.v)
			}
			if current.Sign() == 0 {
				current.Set(one)
			}
			current.Quo(current, d)
			if afterScale && total.Sign() > 0 && current.Cmp(one) < 0 {
				pending = new(big.Rat).Set(lastScale) // "three million and a quarter"
			}
		default: // number, digits
			if t.v.Cmp(one) < 0 && current.Sign() == 0 && afterScale && total.Sign() > 0 {
				pending = new(big.Rat).Set(lastScale) // "one million and a half"
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

func refOrdinalFollows(prev, ord *big.Rat) bool {
	hundred := big.NewRat(100, 1)
	if ord.Cmp(hundred) >= 0 || prev.Cmp(hundred) >= 0 {
		return true
	}
	return isTens(prev) && ord.Cmp(big.NewRat(10, 1)) < 0
}

func refDigits(r *numberReader, s string) (*big.Rat, bool) {
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
	for i := 1; i < len(sepAt); i++ {
		if sepAt[i] == sepAt[i-1] {
			return nil, false // "1..2"
		}
	}
	raw := b.String()
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
	if exp != "" {
		clean.WriteString("e" + exp)
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
