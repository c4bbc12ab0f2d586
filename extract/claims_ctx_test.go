package extract

import (
	"slices"
	"testing"

	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

// The sentence context as build sets it up, against the straightforward
// code it replaces, on every sentence of the test texts.

func refWordsIn(ofWord []int, ci int) (int, int) {
	from, to := -1, -1
	for i, c := range ofWord {
		if c == ci {
			if from < 0 {
				from = i
			}
			to = i + 1
		}
	}
	if from < 0 {
		return 0, 0
	}
	return from, to
}

func refFirstAfter(ws []word, pos int) int {
	for i, w := range ws {
		if w.start >= pos {
			return i
		}
	}
	return len(ws)
}

func refOutside(hs []hit, masked []bool) []hit {
	out := hs[:0:0]
	for _, h := range hs {
		ok := true
		for i := h.from; i < h.to; i++ {
			ok = ok && !masked[i]
		}
		if ok {
			out = append(out, h)
		}
	}
	return out
}

// refJoinAsides is joinAsides as first written; it sets r.clauses and
// r.ofWord only.
func refJoinAsides(c *claimBuilder, r *ctx) []bool {
	aside := make([]bool, len(r.ws))
	var out []clause
	join := false
	for ci, cl := range r.clauses {
		if from, to := refWordsIn(r.ofWord, ci); to > from && !hasMention(r.ms, cl) {
			if _, n := c.match(lexAside, r.ws, from); n == to-from {
				for i := from; i < to; i++ {
					aside[i] = true
				}
				if len(out) > 0 {
					out[len(out)-1].end = cl.end
				} else {
					out = append(out, cl)
				}
				join = true
				continue
			}
		}
		if join {
			out[len(out)-1].end = cl.end
			join = false
			continue
		}
		out = append(out, cl)
	}
	if len(out) != len(r.clauses) {
		r.clauses = out
		for i, w := range r.ws {
			r.ofWord[i] = r.clauseOf(w.start)
		}
	}
	return aside
}

func refNearestDate(dates []Mention, m Mention) string {
	best, bestDist := "", -1
	for _, d := range dates {
		dist := d.Start - m.End
		if dist < 0 {
			dist = m.Start - d.End
		}
		if dist < 0 {
			dist = 0
		}
		if d.Date != "" && (bestDist < 0 || dist < bestDist) {
			best, bestDist = d.Date, dist
		}
	}
	return best
}

func refDate(c *claimBuilder, x *ctx, all []Mention, m Mention, published string) string {
	ci := x.clauseOf(m.Start)
	var dates, inClause []Mention
	for _, d := range all {
		if !c.comparisonBase(x, d, m) {
			dates = append(dates, d)
		}
	}
	for _, d := range dates {
		if x.clauseOf(d.Start) == ci {
			inClause = append(inClause, d)
		}
	}
	if d := refNearestDate(inClause, m); d != "" {
		return d
	}
	if d := refNearestDate(dates, m); d != "" {
		return d
	}
	return published
}

// asMask reads a nil mask as one of no word.
func asMask(m []bool, n int) []bool {
	if m == nil {
		return make([]bool, n)
	}
	return m
}

func TestSentenceContext(t *testing.T) {
	set, err := rules.Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ex := New(set, lang.NewDetector())
	det := lang.NewDetector()
	var sents, asides, dated, hits int
	for _, text := range fastTexts(t) {
		code := det.Detect(text)
		p := ex.pipeline(code)
		if p == nil {
			continue
		}
		c := p.claims
		c.init()
		ms := p.finder.find(text, "2026-01-01")
		for _, s := range sentences(text) {
			var in, dates []Mention
			for _, m := range ms {
				if m.Start >= s.start && m.End <= s.end {
					in = append(in, m)
					if m.Type == "DATE" {
						dates = append(dates, m)
					}
				}
			}
			x := &ctx{text: text, sent: s, ms: in}
			x.ws = c.appendPrepared(nil, text, s)
			x.clauses = appendClauses(nil, text, s)
			x.setClauses()
			r := &ctx{text: text, sent: s, ms: in, ws: x.ws, clauses: refClauses(text, s)}
			r.ofWord = make([]int, len(r.ws))
			for i, w := range r.ws {
				r.ofWord[i] = r.clauseOf(w.start)
			}
			check := func(step string) {
				t.Helper()
				if !slices.Equal(x.clauses, r.clauses) || !slices.Equal(x.ofWord, r.ofWord) {
					t.Fatalf("%s %q: clauses %v %v, want %v %v", step, text[s.start:s.end], x.clauses, x.ofWord, r.clauses, r.ofWord)
				}
				for ci := -2; ci <= len(x.clauses)+1; ci++ {
					from, to := x.wordsIn(ci)
					wfrom, wto := refWordsIn(r.ofWord, ci)
					if from != wfrom || to != wto {
						t.Fatalf("%s %q: wordsIn(%d) = %d, %d, want %d, %d", step, text[s.start:s.end], ci, from, to, wfrom, wto)
					}
				}
			}
			check("split")
			for pos := s.start - 1; pos <= s.end+1; pos++ {
				if got, want := x.firstAfter(pos), refFirstAfter(x.ws, pos); got != want {
					t.Fatalf("%q: firstAfter(%d) = %d, want %d", text[s.start:s.end], pos, got, want)
				}
			}
			aside, wantAside := c.joinAsides(x), refJoinAsides(c, r)
			check("asides")
			if !slices.Equal(asMask(aside, len(x.ws)), wantAside) {
				t.Fatalf("%q: asides %v, want %v", text[s.start:s.end], aside, wantAside)
			}
			if slices.Contains(wantAside, true) {
				asides++
			}
			c.findAll(x, sentenceLexicons, aside)
			for _, lex := range sentenceLexicons {
				want := refOutside(c.find(lex, r.ws), wantAside)
				if !slices.Equal(x.cues[lex], want) {
					t.Fatalf("%q: %s cues %v, want %v", text[s.start:s.end], lexNames[lex], x.cues[lex], want)
				}
				hits += len(want)
			}
			for _, m := range in {
				got, want := c.date(x, dates, m, "pub"), refDate(c, x, dates, m, "pub")
				if got != want {
					t.Fatalf("%q: date of %q = %q, want %q", text[s.start:s.end], m.Text, got, want)
				}
				if got != "pub" {
					dated++
				}
			}
			sents++
		}
	}
	if sents < 50 || dated == 0 || hits < 50 {
		t.Errorf("%d sentences, %d dated values, %d cues: the test tells little", sents, dated, hits)
	}
	t.Logf("%d sentences, %d with asides, %d dated values, %d cues", sents, asides, dated, hits)
}
