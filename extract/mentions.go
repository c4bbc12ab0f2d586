package extract

import (
	"fmt"
	"math/big"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factx/factx/rules"
)

// mentionFinder runs every rule of one language over a text and keeps the
// best non-overlapping readings.
type mentionFinder struct {
	lang   *rules.Lang
	number *numberReader
}

func newMentionFinder(l *rules.Lang) *mentionFinder {
	return &mentionFinder{lang: l, number: newNumberReader(l)}
}

// candidate is one rule match with its readings, before overlaps are
// resolved. Offsets are bytes.
type candidate struct {
	start, end int
	rule       *rules.CompiledRule
	order      int
	mentions   []Mention
}

// matchText folds letters that differ only in spelling (ё/е) without
// changing byte offsets, so word lists need one spelling.
func matchText(text string) string {
	if !strings.ContainsAny(text, "ёЁ") {
		return text
	}
	return strings.NewReplacer("ё", "е", "Ё", "Е").Replace(text)
}

// find returns the mentions of text, sorted by position, with byte
// offsets in Start/End (converted to runes by the caller). published is
// the article's date, "" when unknown, for relative dates.
func (f *mentionFinder) find(text, published string) []Mention {
	return resolve(f.candidates(text, published), false)
}

// candidates runs every rule and keeps each match that reads.
func (f *mentionFinder) candidates(text, published string) []candidate {
	mt := matchText(text)
	var cands []candidate
	for order, r := range f.lang.Rules {
		for _, m := range r.Re.FindAllStringSubmatchIndex(mt, -1) {
			if !boundaryOK(mt, m[0], m[1]) {
				continue
			}
			c := candidate{start: m[0], end: m[1], rule: r, order: order}
			if s, e, ok := r.Group(m, "m"); ok {
				c.start, c.end = s, e
			}
			ms, ok := f.read(text, r, m, c.start, c.end, published)
			if !ok {
				continue
			}
			c.mentions = ms
			cands = append(cands, c)
		}
	}
	return cands
}

// resolve keeps the best of overlapping candidates: higher rule priority,
// then the longer match, then the earlier one, then the earlier rule.
func resolve(cands []candidate, keepIgnored bool) []Mention {
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.rule.Priority != b.rule.Priority {
			return a.rule.Priority > b.rule.Priority
		}
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return la > lb
		}
		if a.start != b.start {
			return a.start < b.start
		}
		return a.order < b.order
	})
	var kept []candidate
	for _, c := range cands {
		clash := false
		for _, k := range kept {
			if c.start < k.end && k.start < c.end {
				clash = true
				break
			}
		}
		if !clash {
			kept = append(kept, c)
		}
	}
	var out []Mention
	for _, k := range kept {
		if k.rule.Type == "IGNORE" && !keepIgnored {
			continue
		}
		out = append(out, k.mentions...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	return out
}

// boundaryOK rejects matches that start or end inside a word or number:
// Go's \b knows only ASCII, so the check is done here for every script.
func boundaryOK(s string, start, end int) bool {
	if start > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:start])
		first, _ := utf8.DecodeRuneInString(s[start:])
		if isWordRune(prev) && isWordRune(first) {
			return false
		}
		if unicode.IsDigit(first) && (prev == '.' || prev == ',') && start > 1 {
			if p2, _ := utf8.DecodeLastRuneInString(s[:start-1]); unicode.IsDigit(p2) {
				return false // inside "1,5" or "09.07"
			}
		}
	}
	if end < len(s) {
		next, _ := utf8.DecodeRuneInString(s[end:])
		last, _ := utf8.DecodeLastRuneInString(s[:end])
		if isWordRune(next) && isWordRune(last) {
			return false
		}
		if unicode.IsDigit(last) && (next == '.' || next == ',') && end+1 < len(s) {
			if n2, _ := utf8.DecodeRuneInString(s[end+1:]); unicode.IsDigit(n2) {
				return false
			}
		}
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// read turns one match into its mentions: one, or two for a range.
func (f *mentionFinder) read(text string, r *rules.CompiledRule, m []int, start, end int, published string) ([]Mention, bool) {
	base := Mention{Type: r.Type, Rule: r.Name, Start: start, End: end, Text: text[start:end]}
	if r.Type == "IGNORE" || r.Type == "TIME" {
		return []Mention{base}, true
	}
	if r.Type == "DATE" {
		d, ok := f.date(text, r, m, published)
		if !ok {
			return nil, false
		}
		base.Date = d
		return []Mention{base}, true
	}
	scale := big.NewRat(1, 1)
	if s, e, ok := r.Group(m, "scale"); ok {
		entry, ok := f.lang.Lexicon("scale").Lookup(text[s:e])
		if !ok {
			return nil, false
		}
		v, _ := entry.Rat()
		scale = v
	}
	unit := r.Unit
	if r.UnitFrom != "" {
		s, e, ok := r.Group(m, "unit")
		if !ok {
			return nil, false
		}
		entry, ok := f.lang.Lexicon(r.UnitFrom).Lookup(text[s:e])
		if !ok {
			return nil, false
		}
		unit = entry.Code
		if v, ok := entry.Rat(); ok {
			scale = new(big.Rat).Mul(scale, v) // subunits: cents, тиын
		}
	}
	base.Unit = unit
	if r.ValueFrom != "" {
		s, e, ok := r.Group(m, "word")
		if !ok {
			s, e = start, end
		}
		entry, ok := f.lang.Lexicon(r.ValueFrom).Lookup(text[s:e])
		if !ok {
			return nil, false
		}
		v, ok := entry.Rat()
		if !ok {
			return nil, false
		}
		base.Value = ratNumber(new(big.Rat).Mul(v, scale))
		return []Mention{base}, true
	}
	s, e, ok := r.Group(m, "num")
	if !ok {
		return nil, false
	}
	v, ok := f.number.read(text[s:e])
	if !ok {
		return nil, false
	}
	base.Value = ratNumber(new(big.Rat).Mul(v, scale))
	s2, e2, ok := r.Group(m, "num2")
	if !ok {
		return []Mention{base}, true
	}
	v2, ok := f.number.read(text[s2:e2])
	if !ok {
		return nil, false
	}
	first := base
	first.End = e
	first.Text = text[start:e]
	second := base
	second.Start = s2
	second.Text = text[s2:end]
	second.Value = ratNumber(new(big.Rat).Mul(v2, scale))
	return []Mention{first, second}, true
}

func ratNumber(v *big.Rat) *Number {
	f, _ := v.Float64()
	n := Number(f)
	return &n
}

// date fills a DATE rule's template from its groups and the published
// date.
func (f *mentionFinder) date(text string, r *rules.CompiledRule, m []int, published string) (string, bool) {
	vars := map[string]int{}
	group := func(name string) (string, bool) {
		s, e, ok := r.Group(m, name)
		if !ok {
			return "", false
		}
		return text[s:e], true
	}
	if len(published) >= 10 {
		y, err1 := strconv.Atoi(published[:4])
		mo, err2 := strconv.Atoi(published[5:7])
		d, err3 := strconv.Atoi(published[8:10])
		if err1 == nil && err2 == nil && err3 == nil {
			vars["pub_year"], vars["pub_month"], vars["pub_day"] = y, mo, d
		}
	}
	for _, name := range []string{"year", "year2", "day", "day2"} {
		if s, ok := group(name); ok {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				return "", false
			}
			vars[name] = n
		}
	}
	for name, lex := range map[string]string{"month": "month", "month2": "month", "rel": "rel_year", "quarter": "quarter", "half": "half"} {
		s, ok := group(name)
		if !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			e, ok := f.lang.Lexicon(lex).Lookup(s)
			if !ok {
				e, ok = f.lang.Lexicon("ordinal_word").Lookup(s)
			}
			if !ok {
				e, ok = f.lang.Lexicon("roman").Lookup(s)
			}
			if !ok {
				return "", false
			}
			v, ok := e.Rat()
			if !ok || !v.IsInt() {
				return "", false
			}
			n = int(v.Num().Int64())
		}
		vars[name] = n
	}
	if q, ok := vars["quarter"]; ok {
		if q < 1 || q > 4 {
			return "", false
		}
		vars["q_start"], vars["q_end"] = 3*q-2, 3*q
	}
	if h, ok := vars["half"]; ok {
		if h < 1 || h > 2 {
			return "", false
		}
		vars["h_start"], vars["h_end"] = 6*h-5, 6*h
	}
	for _, k := range []string{"month", "month2"} {
		if v, ok := vars[k]; ok && (v < 1 || v > 12) {
			return "", false
		}
	}
	for _, k := range []string{"day", "day2"} {
		if v, ok := vars[k]; ok && (v < 1 || v > 31) {
			return "", false
		}
	}
	return fillDate(r.Date, vars)
}

// fillDate expands a date template: "{name}", "{a|b}" (the first that is
// known), "{name+other}" or "{name-1}" for arithmetic. Months, days and
// the q_/h_ bounds print with two digits. Any unknown name leaves the
// date unknown.
func fillDate(tmpl string, vars map[string]int) (string, bool) {
	ok := true
	out := refPattern.ReplaceAllStringFunc(tmpl, func(ref string) string {
		expr := ref[1 : len(ref)-1]
		for _, alt := range strings.Split(expr, "|") {
			v, name, good := evalTerm(alt, vars)
			if !good {
				continue
			}
			if strings.Contains(name, "year") {
				return fmt.Sprintf("%04d", v)
			}
			return fmt.Sprintf("%02d", v)
		}
		ok = false
		return ""
	})
	return out, ok
}

func evalTerm(t string, vars map[string]int) (int, string, bool) {
	op := strings.IndexAny(t, "+-")
	if op < 0 {
		v, ok := vars[t]
		return v, t, ok
	}
	name, rest := t[:op], t[op+1:]
	v, ok := vars[name]
	if !ok {
		return 0, name, false
	}
	d, err := strconv.Atoi(rest)
	if err != nil {
		var known bool
		d, known = vars[rest]
		if !known {
			return 0, name, false
		}
	}
	if t[op] == '-' {
		d = -d
	}
	return v + d, name, true
}

var refPattern = regexp.MustCompile(`\{[a-z_0-9|+\-]+\}`)
