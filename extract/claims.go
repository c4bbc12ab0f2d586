package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

// claimBuilder turns mentions into facts: it decides which numbers are
// claims and attaches what they measure, how they changed, their bound
// and their date, from the words of their sentence.
type claimBuilder struct {
	lang *rules.Lang
	stem lang.Stemmer
}

// kinds maps mention types to fact kinds; CARDINAL becomes a count only
// where something counted is named.
var kinds = map[string]string{
	"PERCENT": "percent", "MONEY": "money", "RATIO": "ratio", "QUANTITY": "quantity", "CARDINAL": "count",
}

// word is a token of a sentence, byte offsets.
type word struct {
	start, end int
	text       string // folded
}

func words(text string, s span) []word {
	var out []word
	i := s.start
	for i < s.end {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		for j < s.end {
			c, n := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(c) && c != '-' {
				break
			}
			j += n
		}
		out = append(out, word{i, j, rules.Fold(text[i:j])})
		i = j
	}
	return out
}

// build makes the facts of one sentence. ms are the sentence's mentions
// with byte offsets, in order.
func (c *claimBuilder) build(text string, sent span, ms []Mention, published string) []Fact {
	ws := words(text, sent)
	var dates []Mention
	for _, m := range ms {
		if m.Type == "DATE" {
			dates = append(dates, m)
		}
	}
	var facts []Fact
	counted := false
	for _, m := range ms {
		kind, ok := kinds[m.Type]
		if !ok || m.Value == nil {
			continue
		}
		if kind == "count" {
			if !c.counts(text, sent, m, counted) {
				continue
			}
			counted = true
		}
		f := Fact{Kind: kind, Value: *m.Value, Unit: m.Unit, Text: m.Text, Start: m.Start, End: m.End,
			Sentence: text[sent.start:sent.end]}
		f.Qualifier = c.qualifier(text, sent, m)
		f.Date = nearestDate(dates, m, published)
		facts = append(facts, f)
	}
	_ = ws
	return facts
}

// counts tells whether a bare number counts something: a word follows it
// that is not in the language's count_stop list, or, at the end of a
// clause, an earlier count of the sentence lends its noun ("построено 540
// объектов, … ещё 115").
func (c *claimBuilder) counts(text string, sent span, m Mention, earlier bool) bool {
	rest := text[m.End:sent.end]
	trimmed := strings.TrimLeft(rest, " \t\u00a0")
	r, _ := utf8.DecodeRuneInString(trimmed)
	if trimmed == "" || !unicode.IsLetter(r) {
		return earlier
	}
	ws := words(text, span{m.End, sent.end})
	if len(ws) == 0 {
		return earlier
	}
	if _, stop := c.lang.Lexicon("count_stop").Lookup(ws[0].text); stop {
		return false
	}
	return true
}

// qualifier reads a bound from the words just before or after the value.
func (c *claimBuilder) qualifier(text string, sent span, m Mention) string {
	before := words(text, span{sent.start, m.Start})
	for i := len(before) - 1; i >= 0 && i >= len(before)-2; i-- {
		if e, ok := c.lang.Lexicon("qualifier_before").Lookup(before[i].text); ok {
			return e.Code
		}
	}
	after := words(text, span{m.End, sent.end})
	if len(after) > 0 {
		if e, ok := c.lang.Lexicon("qualifier_after").Lookup(after[0].text); ok {
			return e.Code
		}
	}
	return ""
}

// nearestDate picks the date of the sentence closest to the value, or the
// published date.
func nearestDate(dates []Mention, m Mention, published string) string {
	best, bestDist := "", -1
	for _, d := range dates {
		dist := d.Start - m.End
		if dist < 0 {
			dist = m.Start - d.End
		}
		if dist < 0 {
			dist = 0
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = d.Date, dist
		}
	}
	if best != "" {
		return best
	}
	return published
}
