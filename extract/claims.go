package extract

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

// claimBuilder turns mentions into facts: it decides which numbers are
// claims and attaches what they measure, how they changed, their bound
// and their date, from the words of their clause and sentence.
//
// Every word list it uses is a lexicon of the language's rules; a lexicon
// form is matched word by word, through the language's stemmer ("снижение"
// also finds "снижения"), as a prefix where it ends in "*" and as an
// ending where it starts with "*". Words are read within clauses (parts of
// a sentence between commas, dashes, colons and quotes): the nearest cue
// of the value's clause wins.
type claimBuilder struct {
	lang *rules.Lang
	stem lang.Stemmer

	once  sync.Once
	cues  [numLexicons]cueSet
	index cueIndex

	infos infoCache
	ctxs  sync.Pool // *ctx, reused from sentence to sentence
}

// lexicon is one of the lexicons the claim builder reads. Each is
// optional.
type lexicon uint8

const (
	lexChange      lexicon = iota // increase / decrease words
	lexLevel                      // "составила", "reached": the value is a level
	lexQualBefore                 // "более", "over" before the value
	lexQualAfter                  // "астам", "жуық" after the value
	lexMetric                     // what is measured, canonical code
	lexPronoun                    // "их", "its": the metric of an earlier mention
	lexCountStop                  // words after a number that are not counted nouns
	lexPeriodBef                  // "за последние" before a time quantity
	lexPeriodAft                  // "ішінде" after a time quantity
	lexRangeFrom                  // "с", "from" before the first value of a change
	lexRangeTo                    // "до", "to" before the level reached
	lexRangeToAft                 // "дейін" after the level reached
	lexGap                        // a word allowed between a cue and the value ("на")
	lexSubjectStop                // words a subject never extends over
	lexCountBefore                // "численность", "саны": what follows is a count
	lexChangeAfter                // "на 12% больше": a comparative right after the value
	lexCompBefore                 // "по сравнению с": the date after it is a base
	lexCompAfter                  // "салыстырғанда": the date before it is a base
	lexBaseCase                   // "*дан": endings of a comparison's base
	lexLabel                      // "пункт", "page": the number after it is a label
	lexChangeBy                   // "by", "на" right before the amount of a change
	lexAside                      // "however": a clause of only these joins its neighbours
	lexClauseOpen                 // "as", "because": opens a clause of its own for the metric
	lexRatePer                    // "per": the noun before it is the unit of a rate
	lexRateBase                   // "шаққанда": the number before it is a rate's base
	lexHyphenEnd                  // "-сі" in "17-сі": an ending after a hyphen that keeps a count
	lexVague                      // "жүздеген": an indefinite plural of a number word
	numLexicons
)

// wordInfo.lexes holds one bit per lexicon.
var _ [32 - numLexicons]struct{}

// lexNames are the names of the lexicons in the rules.
var lexNames = [numLexicons]string{
	lexChange:      "change",
	lexLevel:       "level",
	lexQualBefore:  "qualifier_before",
	lexQualAfter:   "qualifier_after",
	lexMetric:      "metric",
	lexPronoun:     "metric_pronoun",
	lexCountStop:   "count_stop",
	lexPeriodBef:   "period_before",
	lexPeriodAft:   "period_after",
	lexRangeFrom:   "range_from",
	lexRangeTo:     "range_to",
	lexRangeToAft:  "range_to_after",
	lexGap:         "qualifier_gap",
	lexSubjectStop: "subject_stop",
	lexCountBefore: "count_before",
	lexChangeAfter: "change_after",
	lexCompBefore:  "comparison_before",
	lexCompAfter:   "comparison_after",
	lexBaseCase:    "base_case",
	lexLabel:       "label_before",
	lexChangeBy:    "change_by",
	lexAside:       "aside",
	lexClauseOpen:  "clause_open",
	lexRatePer:     "rate_per",
	lexRateBase:    "rate_base_after",
	lexHyphenEnd:   "count_hyphen_end",
	lexVague:       "vague_number",
}

// kindOf maps a mention type to a fact kind; CARDINAL becomes a count
// only where something counted is named.
func kindOf(typ string) (string, bool) {
	switch typ {
	case "PERCENT":
		return "percent", true
	case "MONEY":
		return "money", true
	case "RATIO":
		return "ratio", true
	case "QUANTITY":
		return "quantity", true
	case "CARDINAL":
		return "count", true
	}
	return "", false
}

// timeUnits are the quantity units that can measure a period rather than
// a value ("за последние два года").
var timeUnits = map[string]bool{"year": true, "month": true, "day": true, "week": true, "hour": true}

// word is a token of a text, byte offsets.
type word struct {
	start, end int
	text       string // folded
	stem       string
	info       *wordInfo // once indexed
}

func words(text string, s span) []word {
	return appendWords(make([]word, 0, (s.end-s.start)/8+4), text, s)
}

// appendWords appends the words of text within s to out.
func appendWords(out []word, text string, s span) []word {
	for i := s.start; ; {
		start, end, next, folded := nextWord(text, i, s.end)
		if start < 0 {
			return out
		}
		w := text[start:end]
		if !folded {
			var scratch [64]byte
			w = string(appendFolded(scratch[:0], w))
		}
		out = append(out, word{start: start, end: end, text: w})
		i = next
	}
}

// appendPrepared is appendWords and prepare in one: a word folded
// already is looked up as it stands, another is folded into a buffer
// and takes the string the cache keeps, so a word seen before costs no
// allocation.
func (c *claimBuilder) appendPrepared(out []word, text string, s span) []word {
	var scratch [64]byte
	for i := s.start; ; {
		start, end, next, folded := nextWord(text, i, s.end)
		if start < 0 {
			return out
		}
		w := word{start: start, end: end, text: text[start:end]}
		if !folded {
			b := appendFolded(scratch[:0], w.text)
			if e, ok := c.infos.loadBytes(b); ok {
				w.text, w.stem, w.info = e.word, e.info.stem, e.info
				out = append(out, w)
				i = next
				continue
			}
			w.text = string(b)
		}
		in := c.infoOf(w.text)
		w.stem, w.info = in.stem, in
		out = append(out, w)
		i = next
	}
}

// nextWord finds the first word of text in [i, end): letters and
// hyphens, from a letter on, with no hyphen at its end. It returns the
// word's bounds, where to look for the next one and whether rules.Fold
// keeps the word as it is; start is -1 where no word is left.
func nextWord(text string, i, end int) (start, wordEnd, next int, folded bool) {
	for i < end {
		if b := text[i]; b < utf8.RuneSelf && !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z') {
			i++
			continue
		}
		r, size := decodeRune(text, i)
		if !isLetter(r) {
			i += size
			continue
		}
		j, folded := scanWord(text, i, end)
		e := j
		for e > i {
			if text[e-1] == '-' {
				e--
			} else if strings.HasSuffix(text[i:e], "\u2011") {
				e -= len("\u2011")
			} else {
				break
			}
		}
		return i, e, j, folded
	}
	return -1, -1, end, true
}

// lastWord is the last of the words of text, as appendWords reads them,
// with the rune before it; ok is false where text has no word.
func lastWord(text string) (w word, before rune, ok bool) {
	start, end := -1, -1
	fold := true
	for i := 0; ; {
		s, e, next, folded := nextWord(text, i, len(text))
		if s < 0 {
			break
		}
		start, end, fold = s, e, folded
		i = next
	}
	if start < 0 {
		return word{}, 0, false
	}
	w = word{start: start, end: end, text: text[start:end]}
	if !fold {
		var scratch [64]byte
		w.text = string(appendFolded(scratch[:0], w.text))
	}
	before, _ = utf8.DecodeLastRuneInString(text[:start])
	return w, before, true
}

// scanWord returns the end of the word of letters and hyphens that
// starts at i, and whether rules.Fold keeps it as it is.
func scanWord(text string, i, end int) (int, bool) {
	folded := true
	for i < end {
		b := text[i]
		switch {
		case 'a' <= b && b <= 'z' || b == '-':
			i++
			continue
		case 'A' <= b && b <= 'Z':
			folded = false
			i++
			continue
		case b < utf8.RuneSelf:
			return i, folded
		case (b == 0xD0 || b == 0xD1) && i+1 < len(text) && text[i+1]&0xC0 == 0x80:
			// U+0400 to U+047F: all letters
			r := rune(b&0x1F)<<6 | rune(text[i+1]&0x3F)
			if !(0x430 <= r && r <= 0x45F && r != 'ё' || r >= 0x460 && r&1 == 1) {
				folded = false
			}
			i += 2
			continue
		}
		c, n := decodeRune(text, i)
		if !isLetter(c) && c != '\u2011' {
			return i, folded
		}
		folded = folded && isFolded(c)
		i += n
	}
	return i, folded
}

// decodeRune is utf8.DecodeRuneInString(text[i:]), fast for ASCII and
// two-byte runes.
func decodeRune(text string, i int) (rune, int) {
	c := text[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c >= 0xC2 && c < 0xE0 && i+1 < len(text) {
		if c1 := text[i+1]; c1&0xC0 == 0x80 {
			return rune(c&0x1F)<<6 | rune(c1&0x3F), 2
		}
	}
	return utf8.DecodeRuneInString(text[i:])
}

// isFolded tells whether rules.Fold keeps the rune as it is.
func isFolded(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return !('A' <= r && r <= 'Z')
	case 0x430 <= r && r <= 0x44F:
		return true
	case r == 'ё':
		return false
	case 0x48A <= r && r <= 0x4BF || 0x4D0 <= r && r <= 0x52F:
		return r&1 == 1 // Cyrillic pairs, capital first: "Ққ", "Әә"
	}
	return unicode.ToLower(r) == r
}

// isLetter is unicode.IsLetter, fast for ASCII and basic Cyrillic.
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	if 0x400 <= r && r <= 0x481 || 0x48A <= r && r <= 0x52F {
		return true // Cyrillic letters
	}
	return unicode.IsLetter(r)
}

// appendFolded appends rules.Fold of one word (letters and hyphens, no
// space): lower case, "ё" as "е".
func appendFolded(buf []byte, w string) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		switch {
		case 0x430 <= r && r <= 0x44F:
		case 0x410 <= r && r <= 0x42F:
			r += 0x20
		default:
			r = unicode.ToLower(r)
		}
		if r == 'ё' {
			r = 'е'
		}
		buf = utf8.AppendRune(buf, r)
		i += n
	}
	return buf
}

// cue is one lexicon form split into words.
type cue struct {
	toks  []cueTok
	code  string
	entry int
}

type cueTok struct {
	text   string // folded form
	stem   string
	prefix bool // "stem*": the word starts so
	suffix bool // "*ending": the word ends so
}

// cueSet is a lexicon ready to be matched against words.
type cueSet struct {
	cues []cue
}

// cueRef is a cue of a lexicon, by its index in the lexicon's cueSet.
type cueRef struct {
	lex lexicon
	k   int32
}

// cueIndex finds the cues, of every lexicon, whose first token a word
// matches: by its folded text, its stem, a prefix or an ending of it.
type cueIndex struct {
	exact, stems, prefix, suffix map[string][]cueRef
	prefixLens, suffixLens       []int // lengths in bytes of the keys, ascending
}

func (c *claimBuilder) init() {
	c.once.Do(func() {
		ix := &c.index
		ix.exact, ix.stems = map[string][]cueRef{}, map[string][]cueRef{}
		ix.prefix, ix.suffix = map[string][]cueRef{}, map[string][]cueRef{}
		for lex, name := range lexNames {
			set := &c.cues[lex]
			for i, e := range c.lang.Lexicon(name).Entries {
				code := e.Code
				if code == "" {
					code = e.Value
				}
				for _, form := range e.Forms {
					var k cue
					for _, t := range strings.Fields(rules.Fold(form)) {
						tok := cueTok{text: t}
						if strings.HasSuffix(t, "*") && len(t) > 1 {
							tok.text, tok.prefix = strings.TrimSuffix(t, "*"), true
						} else if strings.HasPrefix(t, "*") && len(t) > 1 {
							tok.text, tok.suffix = strings.TrimPrefix(t, "*"), true
						} else if strings.HasPrefix(t, "=") && len(t) > 1 {
							tok.text = t[1:] // "=last": this word only, not "lasted"
						} else {
							tok.stem = c.stemOf(t)
						}
						k.toks = append(k.toks, tok)
					}
					if len(k.toks) > 0 {
						k.code, k.entry = code, i
						ix.add(k.toks[0], cueRef{lexicon(lex), int32(len(set.cues))})
						set.cues = append(set.cues, k)
					}
				}
			}
		}
		ix.prefixLens, ix.suffixLens = keyLens(ix.prefix), keyLens(ix.suffix)
	})
}

func (ix *cueIndex) add(t cueTok, ref cueRef) {
	switch {
	case t.prefix:
		ix.prefix[t.text] = append(ix.prefix[t.text], ref)
	case t.suffix:
		ix.suffix[t.text] = append(ix.suffix[t.text], ref)
	default:
		ix.exact[t.text] = append(ix.exact[t.text], ref)
		if t.stem != "" {
			ix.stems[t.stem] = append(ix.stems[t.stem], ref)
		}
	}
}

// keyLens lists the distinct lengths of the keys of m, ascending.
func keyLens(m map[string][]cueRef) []int {
	seen := map[int]bool{}
	var out []int
	for k := range m {
		if !seen[len(k)] {
			seen[len(k)] = true
			out = append(out, len(k))
		}
	}
	slices.Sort(out)
	return out
}

// appendCands appends the cues whose first token w matches, as
// cueTok.matches tells.
func (ix *cueIndex) appendCands(buf []cueRef, w *word) []cueRef {
	buf = append(buf, ix.exact[w.text]...)
	if w.stem != "" {
		buf = append(buf, ix.stems[w.stem]...)
	}
	for _, n := range ix.prefixLens {
		if n > len(w.text) {
			break
		}
		buf = append(buf, ix.prefix[w.text[:n]]...)
	}
	for _, n := range ix.suffixLens {
		if n >= len(w.text) {
			break
		}
		buf = append(buf, ix.suffix[w.text[len(w.text)-n:]]...)
	}
	return buf
}

func (c *claimBuilder) stemOf(w string) string {
	if c.stem == nil {
		return w
	}
	return c.stem.Stem(w)
}

// prepare stems words and indexes them: each learns the cues it can
// begin. appendPrepared does the same as it reads the words.
func (c *claimBuilder) prepare(ws []word) {
	for i := range ws {
		in := c.infoOf(ws[i].text)
		ws[i].stem, ws[i].info = in.stem, in
	}
}

// wordInfo is what prepare learns of a folded word.
type wordInfo struct {
	stem  string
	cands []cueRef
	lexes uint32 // bit lex set: a cue of lex is among cands
}

// maxInfos bounds the words whose info the builder keeps.
const maxInfos = 1 << 17

// infoOf returns the stem of a folded word and the cues it can begin,
// kept for the next time the word is read.
func (c *claimBuilder) infoOf(text string) *wordInfo {
	if in, ok := c.infos.load(text); ok {
		return in
	}
	// a copy of its own, so no cache keeps the article alive
	text = strings.Clone(text)
	w := word{text: text, stem: c.stemOf(text)}
	in := &wordInfo{stem: w.stem}
	if cands := c.index.appendCands(nil, &w); len(cands) > 0 {
		in.cands = cands[:len(cands):len(cands)]
		for _, r := range cands {
			in.lexes |= 1 << r.lex
		}
	}
	c.infos.store(text, in, maxInfos)
	return in
}

func (t cueTok) matches(w word) bool {
	if t.prefix {
		return strings.HasPrefix(w.text, t.text)
	}
	if t.suffix {
		return strings.HasSuffix(w.text, t.text) && len(w.text) > len(t.text)
	}
	return w.text == t.text || (t.stem != "" && w.stem == t.stem)
}

// match returns the code and length (in words) of the longest cue of a
// lexicon that starts at ws[i]; of cues as long, the first of the
// lexicon.
func (c *claimBuilder) match(lex lexicon, ws []word, i int) (string, int) {
	if ws[i].info == nil {
		return c.scan(lex, ws, i)
	}
	if ws[i].info.lexes&(1<<lex) == 0 {
		return "", 0
	}
	cues := c.cues[lex].cues
	best, bestN, bestK := "", 0, int32(-1)
	for _, r := range ws[i].info.cands {
		if r.lex != lex {
			continue
		}
		k := &cues[r.k]
		n := len(k.toks)
		if n < bestN || (n == bestN && r.k >= bestK) || i+n > len(ws) {
			continue
		}
		ok := true
		for j := 1; j < n; j++ {
			if !k.toks[j].matches(ws[i+j]) {
				ok = false
				break
			}
		}
		if ok {
			best, bestN, bestK = k.code, n, r.k
		}
	}
	return best, bestN
}

// scan is match for words not indexed: it tries every cue.
func (c *claimBuilder) scan(lex lexicon, ws []word, i int) (string, int) {
	best, bestN := "", 0
	for _, k := range c.cues[lex].cues {
		n := len(k.toks)
		if n <= bestN || i+n > len(ws) {
			continue
		}
		ok := true
		for j, t := range k.toks {
			if !t.matches(ws[i+j]) {
				ok = false
				break
			}
		}
		if ok {
			best, bestN = k.code, n
		}
	}
	return best, bestN
}

// hit is a cue found in a sentence, word indices [from,to).
type hit struct {
	code     string
	from, to int
}

// find lists every cue of a lexicon in ws, left to right, not overlapping.
func (c *claimBuilder) find(lex lexicon, ws []word) []hit {
	var out []hit
	for i := 0; i < len(ws); {
		if in := ws[i].info; in != nil && in.lexes&(1<<lex) == 0 {
			i++ // no cue of lex starts here
			continue
		}
		if code, n := c.match(lex, ws, i); n > 0 {
			if code != "none" { // "none" masks words: "в действующих ценах"
				out = append(out, hit{code, i, i + n})
			}
			i += n
			continue
		}
		i++
	}
	return out
}

// clause is a part of a sentence between clause punctuation, byte
// offsets.
type clause struct {
	start, end int
}

// clauses splits a sentence at commas, semicolons, colons, brackets and
// dashes between spaces; a comma between digits ("15,3") does not split.
func clauses(text string, s span) []clause {
	return appendClauses(nil, text, s)
}

// appendClauses appends the clauses of the sentence s to out.
func appendClauses(out []clause, text string, s span) []clause {
	start := s.start
	head := text[:s.end]
	for i := s.start; i < s.end; {
		for i < len(head) && !clauseByte[head[i]] {
			i++
		}
		if i >= len(head) {
			break
		}
		// every clause mark is ASCII or starts with byte C2 or E2
		r, size := rune(text[i]), 1
		switch {
		case r == 0xC2 || r == 0xE2:
			r, size = utf8.DecodeRuneInString(text[i:])
		case r >= utf8.RuneSelf:
			i++
			continue
		}
		cut := false
		switch r {
		case ',':
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			next, _ := utf8.DecodeRuneInString(text[i+size:])
			cut = !(unicode.IsDigit(prev) && unicode.IsDigit(next))
		case ';', ':', '(', ')', '«', '»', '"', '“', '”':
			cut = true
		case '—', '–':
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			next, _ := utf8.DecodeRuneInString(text[i+size:])
			cut = unicode.IsSpace(prev) && unicode.IsSpace(next)
		}
		if cut {
			if i > start {
				out = append(out, clause{start, i})
			}
			start = i + size
		}
		i += size
	}
	if s.end > start {
		out = append(out, clause{start, s.end})
	}
	return out
}

// clauseByte marks the bytes a clause mark starts with.
var clauseByte = [256]bool{',': true, ';': true, ':': true, '(': true, ')': true, '"': true, 0xC2: true, 0xE2: true}

// ctx is one sentence being read.
type ctx struct {
	text    string
	sent    span
	ws      []word
	clauses []clause
	ofWord  []int    // clause index of each word
	inCl    [][2]int // words of each clause, by clause index + 1
	cues    [numLexicons][]hit
	ms      []Mention

	// the metric of the text before the sentence, once read
	before                    bool
	beforeCode, beforeSubject string

	prev  []word // buffers kept from sentence to sentence
	aside []bool
	dates []Mention
	fms   []Mention
}

// setClauses finds the clause of every word and the words of every
// clause.
func (x *ctx) setClauses() {
	x.ofWord = slices.Grow(x.ofWord[:0], len(x.ws))[:len(x.ws)]
	x.inCl = slices.Grow(x.inCl[:0], len(x.clauses)+1)[:len(x.clauses)+1]
	for i := range x.inCl {
		x.inCl[i] = [2]int{-1, -1}
	}
	for i, w := range x.ws {
		ci := x.clauseOf(w.start)
		x.ofWord[i] = ci
		r := &x.inCl[ci+1]
		if r[0] < 0 {
			r[0] = i
		}
		r[1] = i + 1
	}
}

// release drops what the context holds of the text, for the pool.
func (x *ctx) release() {
	clear(x.ws)
	clear(x.prev)
	clear(x.dates)
	clear(x.fms)
	*x = ctx{ws: x.ws[:0], clauses: x.clauses[:0], ofWord: x.ofWord[:0], inCl: x.inCl[:0], cues: x.cues,
		prev: x.prev[:0], aside: x.aside[:0], dates: x.dates[:0], fms: x.fms[:0]}
	for lex := range x.cues {
		x.cues[lex] = x.cues[lex][:0]
	}
}

func (x *ctx) clauseOf(pos int) int {
	for i, cl := range x.clauses {
		if pos >= cl.start && pos < cl.end {
			return i
		}
	}
	return len(x.clauses) - 1
}

// wordsIn returns the index range of the words of a clause.
func (x *ctx) wordsIn(ci int) (int, int) {
	if ci+1 < 0 || ci+1 >= len(x.inCl) || x.inCl[ci+1][0] < 0 {
		return 0, 0
	}
	r := x.inCl[ci+1]
	return r[0], r[1]
}

// firstAfter is the index of the first word starting at or after pos.
func (x *ctx) firstAfter(pos int) int {
	// words stand in order: search
	lo, hi := 0, len(x.ws)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if x.ws[mid].start < pos {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// build appends the facts of one sentence to dst. ms are the sentence's
// mentions with byte offsets, in order.
func (c *claimBuilder) build(dst []Fact, text string, sent span, ms []Mention, published string) []Fact {
	if !slices.ContainsFunc(ms, mayBeFact) {
		return dst // most sentences tell no value: nothing to read
	}
	c.init()
	x, _ := c.ctxs.Get().(*ctx)
	if x == nil {
		x = new(ctx)
	}
	defer func() {
		x.release() // keep no text alive
		c.ctxs.Put(x)
	}()
	x.text, x.sent, x.ms = text, sent, ms
	x.ws = c.appendPrepared(x.ws, text, sent)
	x.clauses = appendClauses(x.clauses, text, sent)
	x.setClauses()
	aside := c.joinAsides(x)
	c.findAll(x, sentenceLexicons, aside)
	dates := x.dates
	nfacts := 0
	for _, m := range ms {
		if m.Type == "DATE" {
			dates = append(dates, m)
		}
		if mayBeFact(m) {
			nfacts++
		}
	}
	x.dates = dates
	// the sentence's facts are all := dst[base:], appended in place
	base := len(dst)
	all := slices.Grow(dst, nfacts)
	factMentions := x.fms
	counted := false
	title := isTitle(text, sent)
	for _, m := range ms {
		if title && repeatsLater(text[sent.end:], m.Text) {
			continue // the headline repeats a value the article gives
		}
		kind, ok := kindOf(m.Type)
		if (m.Type == "DATE" || m.Type == "TIME") && m.Date == "" && m.Unit != "" {
			// an undated time amount (a duration, an age, "14 минут"): a
			// quantity unless it is the period a claim covers
			kind, ok = "quantity", true
		}
		if !ok || m.Value == nil {
			continue
		}
		if (kind == "count" || kind == "quantity") && c.rateBase(x, m) {
			continue // "100 мың тұрғынға шаққанда": the base of a rate
		}
		if c.vague(x, m) {
			continue // "жүздеген шақырым": hundreds, no amount
		}
		if kind == "count" && len(all) > base && c.currencyElided(x, m, all[len(all)-1]) {
			kind, m.Unit = "money", all[len(all)-1].Unit
		}
		if kind == "count" {
			if !c.counts(x, m, counted) {
				continue
			}
			counted = true
		}
		if kind == "quantity" && timeUnits[m.Unit] && c.isPeriod(x, m) {
			continue
		}
		f := Fact{Kind: kind, Value: *m.Value, Unit: m.Unit, Text: m.Text, Start: m.Start, End: m.End,
			Sentence: text[sent.start:sent.end]}
		f.Qualifier = c.qualifier(x, m)
		f.Change = c.change(x, m)
		f.Metric, f.Subject = c.metric(x, m)
		if f.Metric == "" && c.subjectless(x, x.clauseOf(m.Start)) {
			// "У женщин этот показатель достиг 79,3 года, у мужчин — 70,6
			// года": an elliptic clause measures what the value before did
			for k := len(all) - 1; k >= base; k-- {
				if all[k].Kind == f.Kind && all[k].Metric != "" {
					f.Metric, f.Subject = all[k].Metric, all[k].Subject
					break
				}
			}
		}
		f.Date = c.date(x, dates, m, published)
		all = append(all, f)
		factMentions = append(factMentions, m)
	}
	x.fms = factMentions
	c.ranges(x, all[base:], factMentions)
	if len(all) == base {
		return dst // nil when there were none, as ever
	}
	return all
}

// sentenceLexicons are the lexicons build finds all cues of.
var sentenceLexicons = [...]lexicon{lexChange, lexLevel, lexMetric, lexPronoun, lexClauseOpen}

// findAll sets x.cues[lex], for each lex of lexes, to what find finds in
// x.ws, but the hits that cover a masked word; it reads the words once
// for all the lexicons.
func (c *claimBuilder) findAll(x *ctx, lexes [len(sentenceLexicons)]lexicon, masked []bool) {
	var want uint32
	var next [len(sentenceLexicons)]int // where each lexicon's search goes on
	for _, lex := range lexes {
		want |= 1 << lex
		x.cues[lex] = x.cues[lex][:0]
	}
	ws := x.ws
	for i := range ws {
		if in := ws[i].info; in != nil && in.lexes&want == 0 {
			continue // no cue of these lexicons starts here
		}
		for k, lex := range lexes {
			if i < next[k] {
				continue
			}
			if in := ws[i].info; in != nil && in.lexes&(1<<lex) == 0 {
				continue
			}
			code, n := c.match(lex, ws, i)
			if n == 0 {
				continue
			}
			next[k] = i + n
			if code != "none" { // "none" masks words: "в действующих ценах"
				x.cues[lex] = append(x.cues[lex], hit{code, i, i + n})
			}
		}
	}
	if masked != nil {
		for _, lex := range lexes {
			x.cues[lex] = outside(x.cues[lex], masked)
		}
	}
}

// mayBeFact tells whether build may make a fact of a mention: one of a
// fact kind, or an undated time amount, with a value.
func mayBeFact(m Mention) bool {
	_, ok := kindOf(m.Type)
	if (m.Type == "DATE" || m.Type == "TIME") && m.Date == "" && m.Unit != "" {
		ok = true
	}
	return ok && m.Value != nil
}

// joinAsides joins a clause made only of an aside word ("exports,
// however, fell", "экспорт, тем не менее, вырос") with the clauses
// around it, so the subject before it still governs the value after it.
// It returns which words are asides: they are cues of nothing.
func (c *claimBuilder) joinAsides(x *ctx) []bool {
	some := false
	for ci := range x.clauses {
		if some = c.isAside(x, ci); some {
			break
		}
	}
	if !some {
		return nil // most sentences have none
	}
	aside := slices.Grow(x.aside[:0], len(x.ws))[:len(x.ws)]
	clear(aside)
	x.aside = aside
	var out []clause
	join := false // the next clause joins the last one of out
	for ci, cl := range x.clauses {
		if c.isAside(x, ci) {
			from, to := x.wordsIn(ci)
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
		if join {
			out[len(out)-1].end = cl.end
			join = false
			continue
		}
		out = append(out, cl)
	}
	if len(out) != len(x.clauses) {
		x.clauses = out
		x.setClauses()
	}
	return aside
}

// isAside tells whether clause ci holds an aside word and nothing else.
func (c *claimBuilder) isAside(x *ctx, ci int) bool {
	from, to := x.wordsIn(ci)
	if to <= from || hasMention(x.ms, x.clauses[ci]) {
		return false
	}
	_, n := c.match(lexAside, x.ws, from)
	return n == to-from
}

func hasMention(ms []Mention, cl clause) bool {
	for _, m := range ms {
		if m.Start < cl.end && cl.start < m.End {
			return true
		}
	}
	return false
}

// outside drops the hits that cover a masked word, in place.
func outside(hs []hit, masked []bool) []hit {
	out := hs[:0]
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

// repeatsLater tells whether rest holds text as a whole number expression:
// "7,4%" is not repeated by "107,4%".
func repeatsLater(rest, text string) bool {
	for off := 0; text != ""; {
		i := strings.Index(rest[off:], text)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(rest[:i])
		after, _ := utf8.DecodeRuneInString(rest[i+len(text):])
		if !isNumRune(before) && !isNumRune(after) {
			return true
		}
		off = i + 1
	}
	return false
}

func isNumRune(r rune) bool { return unicode.IsDigit(r) || unicode.IsLetter(r) }

// dropTitleRepeats removes the headline's facts that a fact of the body
// repeats with the same kind, value and unit ("превысила 412 тысяч тенге"
// over "составила 412 тыс. тенге"): a value is counted once. Offsets are
// bytes.
func dropTitleRepeats(text string, facts []Fact) []Fact {
	lo, hi, ok := titleSpan(text)
	if !ok {
		return facts
	}
	inTitle := func(f Fact) bool { return f.Start >= lo && f.End <= hi }
	// decided before any fact moves: repeatedIn reads them all
	var drop []int
	for i, f := range facts {
		if inTitle(f) && repeatedIn(f, facts, inTitle) {
			drop = append(drop, i)
		}
	}
	if len(drop) == 0 {
		return facts // nearly always
	}
	// in place (the facts are the article's own), as a long text's are many
	out, d := facts[:drop[0]], 0
	for i := drop[0]; i < len(facts); i++ {
		if d < len(drop) && drop[d] == i {
			d++
			continue
		}
		out = append(out, facts[i])
	}
	clear(facts[len(out):]) // the places left behind hold no strings
	return out
}

func repeatedIn(f Fact, facts []Fact, inTitle func(Fact) bool) bool {
	for _, g := range facts {
		if !inTitle(g) && g.Kind == f.Kind && g.Unit == f.Unit && g.Value == f.Value {
			return true
		}
	}
	return false
}

// titleSpan is the byte range of the article's headline as isTitle reads it.
func titleSpan(text string) (lo, hi int, ok bool) {
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := strings.TrimSpace(text[start:end])
		if line != "" {
			lo = start + strings.Index(text[start:end], line)
			return lo, lo + len(line), utf8.RuneCountInString(line) <= 160
		}
		start = end + 1
	}
	return 0, 0, false
}

// isTitle tells whether a sentence is the article's headline: the whole
// of its first non-empty line, and short.
func isTitle(text string, s span) bool {
	// the headline starts at the first rune of text that is not a space
	first := strings.IndexFunc(text, func(r rune) bool { return !unicode.IsSpace(r) })
	if first != s.start {
		return false
	}
	lo, hi, ok := titleSpan(text)
	return ok && s.start == lo && s.end == hi
}

// counts tells whether a bare number counts something: a word follows it
// that is not in the language's count_stop list, or, at the end of a
// clause, an earlier count of the sentence lends its noun ("построено 540
// объектов, … ещё 115"). Numbers inside names ("Covid-19", "5-летний")
// count nothing.
func (c *claimBuilder) counts(x *ctx, m Mention, earlier bool) bool {
	text := x.text
	if prev, _ := utf8.DecodeLastRuneInString(text[:m.Start]); unicode.IsLetter(prev) {
		return false // "COVID-19" read as -19
	} else if prev == '-' || prev == '/' || prev == '.' {
		if m.Start > 1 {
			p2, _ := utf8.DecodeLastRuneInString(text[:m.Start-1])
			if unicode.IsLetter(p2) || unicode.IsDigit(p2) {
				return false
			}
		}
	}
	if _, ok := c.cueBefore(x, lexLabel, m); ok {
		return false // "пункт 3", "школа № 15", "page 5"
	}
	rest := text[m.End:x.sent.end]
	if r, n := utf8.DecodeRuneInString(rest); (r == '-' || r == '/') && len(rest) > n {
		if r2, _ := utf8.DecodeRuneInString(rest[n:]); unicode.IsLetter(r2) || unicode.IsDigit(r2) {
			// "оның 17-сі": a possessive ending counts what was named before
			return r == '-' && c.hyphenEnd(x, m.End+n)
		}
	}
	trimmed := strings.TrimLeft(rest, " \t\u00a0")
	r, _ := utf8.DecodeRuneInString(trimmed)
	if trimmed == "" || !unicode.IsLetter(r) {
		// "саны 34-тен 12-ге дейін": a start in the base case before the
		// value reached counts what the clause names
		rangeStart := unicode.IsDigit(r) && c.baseCase(m)
		return (earlier || c.countNamed(x, m)) && (c.clauseEnd(x, m) || rangeStart)
	}
	i := x.firstAfter(m.End)
	if i >= len(x.ws) {
		return earlier
	}
	// a bound after the number ("400-ден астам дәрі") stands before the noun
	if _, n := c.match(lexQualAfter, x.ws, i); n > 0 {
		i += n
		if i >= len(x.ws) || x.ofWord[i] != x.clauseOf(m.Start) {
			return c.countNamed(x, m)
		}
	}
	if _, n := c.match(lexCountStop, x.ws, i); n > 0 {
		// "surpassed 20.4 million, up from 18.9 million in 2020": the
		// start of a change counts what the count before it counted
		_, from := c.cueBefore(x, lexRangeFrom, m)
		return c.countNamed(x, m) || (earlier && from)
	}
	return true
}

// hyphenEnd tells whether the word at byte offset at, right after a
// hyphen, is an ending of count_hyphen_end ("17-сі", "45-і").
func (c *claimBuilder) hyphenEnd(x *ctx, at int) bool {
	i := x.firstAfter(at)
	if i >= len(x.ws) || x.ws[i].start != at {
		return false
	}
	_, n := c.match(lexHyphenEnd, x.ws, i)
	return n > 0
}

// vague tells whether a word of vague_number opens the mention: an
// indefinite plural ("жүздеген шақырым", "ондаған") is no amount.
func (c *claimBuilder) vague(x *ctx, m Mention) bool {
	i := x.firstAfter(m.Start)
	if i >= len(x.ws) || x.ws[i].start != m.Start {
		return false
	}
	_, n := c.match(lexVague, x.ws, i)
	return n > 0
}

// currencyElided tells whether a scaled number closing its clause is an
// amount in the currency of the money value before it in the sentence
// ("превышает 780 тысяч тенге, а в Туркестанской едва достигает 270
// тысяч"): it names nothing of its own to count or measure.
func (c *claimBuilder) currencyElided(x *ctx, m Mention, prev Fact) bool {
	if prev.Kind != "money" || prev.Unit == "" || !c.clauseEnd(x, m) || c.countNamed(x, m) {
		return false
	}
	if last, _ := utf8.DecodeLastRuneInString(m.Text); !unicode.IsLetter(last) && last != '.' {
		return false // a scale word must close it: "270 тысяч", "1,5 млрд"
	}
	metric, _ := c.metric(x, m)
	return metric == "" || metric == prev.Metric
}

// rateBase tells whether the number is the base of a rate: a word of
// rate_base_after follows it within two words of its clause ("10 мың
// тұрғынға шаққанда", "100 мың тірі туғанға шаққанда"). Code "per_one"
// makes only a base of one ("1 кВт·сағ үшін").
func (c *claimBuilder) rateBase(x *ctx, m Mention) bool {
	ci := x.clauseOf(m.Start)
	i := x.firstAfter(m.End)
	for j := i; j < len(x.ws) && j <= i+2 && x.ofWord[j] == ci; j++ {
		if j > i && inMention(x.ms, x.ws[j]) {
			return false
		}
		if code, n := c.match(lexRateBase, x.ws, j); n > 0 {
			return code == "per" || (code == "per_one" && m.Value != nil && *m.Value == 1)
		}
	}
	return false
}

// countNamed tells whether a count word ("численность", "халық саны",
// "the number of") stands earlier in the number's clause: the number
// counts what it names even with no noun after it.
func (c *claimBuilder) countNamed(x *ctx, m Mention) bool {
	ci := x.clauseOf(m.Start)
	from, _ := x.wordsIn(ci)
	end := x.firstAfter(m.Start)
	for j := from; j < end; j++ {
		if _, n := c.match(lexCountBefore, x.ws, j); n > 0 {
			return true
		}
	}
	// "еріктілер саны 1,6 есе артып, 8 700-ге жетті": a short clause with
	// no subject of its own counts what the clause before it names
	if ci > 0 && c.subjectless(x, ci) {
		pfrom, pto := x.wordsIn(ci - 1)
		for j := pfrom; j < pto; j++ {
			if _, n := c.match(lexCountBefore, x.ws, j); n > 0 {
				return true
			}
		}
	}
	return false
}

// clauseEnd tells whether nothing but punctuation follows the mention in
// its clause.
func (c *claimBuilder) clauseEnd(x *ctx, m Mention) bool {
	ci := x.clauseOf(m.Start)
	i := x.firstAfter(m.End)
	return i >= len(x.ws) || x.ofWord[i] != ci
}

// isPeriod tells whether a time quantity is a period the claim covers
// ("за последние два года", "соңғы екі жыл ішінде") rather than a value.
func (c *claimBuilder) isPeriod(x *ctx, m Mention) bool {
	i := x.firstAfter(m.Start)
	k := x.firstAfter(m.End)
	ci := x.clauseOf(m.Start)
	// period words may stand before the amount or inside its mention
	// ("Соңғы екі жыл ішінде" can be one mention)
	for j := max(i-3, 0); j < k; j++ {
		if x.ofWord[j] != ci {
			continue
		}
		if code, n := c.match(lexPeriodBef, x.ws, j); n > 0 && (j >= i || j+n >= i-1) {
			// code "open": only a word opening the clause ("Over nine
			// months consumption reached …", not "exceeded over 75 years")
			// or closing a change ("more than doubled over five years")
			if from, _ := x.wordsIn(ci); code != "open" || (j+n == i && (j == from || c.afterChange(x, j))) {
				return true
			}
		}
		if _, n := c.match(lexPeriodAft, x.ws, j); n > 0 && j >= i {
			return true
		}
	}
	if k < len(x.ws) && x.ofWord[k] == ci {
		if _, n := c.match(lexPeriodAft, x.ws, k); n > 0 {
			return true
		}
	}
	return false
}

// afterChange tells whether word j follows a change word ("doubled
// over") or the value of a change ("rose 20 percent over") directly.
func (c *claimBuilder) afterChange(x *ctx, j int) bool {
	for _, h := range x.cues[lexChange] {
		if h.to == j && x.ofWord[h.from] == x.ofWord[j] {
			return true
		}
	}
	for _, o := range x.ms {
		if o.Type != "DATE" && o.End <= x.ws[j].start && strings.TrimSpace(x.text[o.End:x.ws[j].start]) == "" {
			return c.nearest(x, lexChange, o, false) != ""
		}
	}
	return false
}

// cueBefore finds a cue of lex that ends right before the mention, with
// at most one gap word between ("более чем на 5%").
func (c *claimBuilder) cueBefore(x *ctx, lex lexicon, m Mention) (string, bool) {
	i := x.firstAfter(m.Start) // first word of or after the mention
	ci := x.clauseOf(m.Start)
	for end := i; end >= i-1 && end >= 0; end-- {
		if end < i {
			// one word between: it must be a gap word
			if _, n := c.match(lexGap, x.ws, end); n == 0 {
				break
			}
		}
		// the earliest start is the longest cue ("не менее" over "менее")
		for j := max(end-3, 0); j < end; j++ {
			if x.ofWord[j] != ci {
				continue
			}
			if code, n := c.match(lex, x.ws, j); n > 0 && j+n == end {
				return code, true
			}
		}
	}
	return "", false
}

// cueStart is the index of the first word of a cue of lex that ends
// right before the mention, or -1.
func (c *claimBuilder) cueStart(x *ctx, lex lexicon, m Mention) int {
	i := x.firstAfter(m.Start)
	for j := max(i-3, 0); j < i; j++ {
		if x.ofWord[j] != x.clauseOf(m.Start) {
			continue
		}
		if _, n := c.match(lex, x.ws, j); n > 0 && j+n == i {
			return j
		}
	}
	return -1
}

// cueAfter finds a cue of lex that starts right after the mention.
func (c *claimBuilder) cueAfter(x *ctx, lex lexicon, m Mention) (string, bool) {
	i := x.firstAfter(m.End)
	if i >= len(x.ws) || x.ofWord[i] != x.clauseOf(m.Start) {
		return "", false
	}
	// a counted noun may stand between ("100 адамнан астам" is rare; keep strict)
	if code, n := c.match(lex, x.ws, i); n > 0 {
		return code, true
	}
	return "", false
}

// qualifier reads a bound from the words just before or after the value.
func (c *claimBuilder) qualifier(x *ctx, m Mention) string {
	if code, ok := c.cueBefore(x, lexQualBefore, m); ok {
		return code
	}
	if code, ok := c.cueAfter(x, lexQualAfter, m); ok {
		// "10 адамнан артық" is a bound, "3,7 пайызға артық" a change by
		if _, by := c.cueAfter(x, lexChangeAfter, m); !by || c.baseCase(m) {
			return code
		}
	}
	// past the counted noun: "50 инспекторов и более", "100 адамнан астам"
	if i := x.firstAfter(m.End); i+1 < len(x.ws) && x.ofWord[i+1] == x.clauseOf(m.Start) {
		if code, n := c.match(lexQualAfter, x.ws, i+1); n > 0 {
			return code
		}
	}
	// "5 пайыздан жоғары": a comparative after a base is a bound
	if code, ok := c.cueAfter(x, lexChangeAfter, m); ok && c.baseCase(m) {
		if code == "increase" {
			return "more_than"
		}
		return "less_than"
	}
	// "до 5 млн" is a bound when nothing changes in the clause
	// ("сократился на 1,3 млн тонн, до 52,4 млн тонн": the elliptic
	// clause borrows the change, so its value is the level reached)
	if code, ok := c.cueBefore(x, lexRangeTo, m); ok && code == "upto" && c.nearest(x, lexChange, m, true) == "" {
		return "less_than" // a range "от 5 до 10" loses it in ranges
	}
	// and so is "2 млн тоннаға дейін" where the bound word follows
	if _, ok := c.cueAfter(x, lexRangeToAft, m); ok && c.nearest(x, lexChange, m, true) == "" {
		return "less_than"
	}
	return ""
}

// reached tells whether the value is the level a change reached ("до
// 5%", "5%-ға дейін", "rose to 5%"): such a value is a level, not a
// change by it.
func (c *claimBuilder) reached(x *ctx, m Mention) bool {
	if _, ok := c.cueBefore(x, lexRangeTo, m); ok {
		return true
	}
	if _, ok := c.cueAfter(x, lexRangeToAft, m); ok {
		return true
	}
	// before a bound: "rose to more than 2.1 trillion tenge"
	if j := c.cueStart(x, lexQualBefore, m); j > 0 && x.ofWord[j-1] == x.ofWord[j] {
		if _, n := c.match(lexRangeTo, x.ws, j-1); n == 1 {
			return true
		}
	}
	// past the counted noun: "8,2 млн адамға дейін"
	i := x.firstAfter(m.End)
	if m.Type == "CARDINAL" && i+1 < len(x.ws) && x.ofWord[i+1] == x.clauseOf(m.Start) && !c.isCue(x.ws, i) {
		_, n := c.match(lexRangeToAft, x.ws, i+1)
		return n > 0
	}
	return false
}

// level tells whether a level word stands by the value ("составила 5%",
// "316,3 миллиард теңгені құрады").
func (c *claimBuilder) level(x *ctx, m Mention) bool {
	if _, ok := c.cueBefore(x, lexLevel, m); ok {
		return true
	}
	_, ok := c.cueAfter(x, lexLevel, m)
	return ok
}

// change reads the direction of a change from the nearest change word of
// the value's clause ("рост цен составил 5%" is still an increase). A
// value with no such word and no level word by it borrows the word of a
// later clause when it ends its clause (verb-final "… 2,3 есеге, ал …
// 1,9 есеге артқан"), or that of an earlier clause when its own clause
// is short and elliptic ("…, а доходы — на 7%"). The level a change
// reached ("до 3%") and the value it started from ("с 5%") carry no
// change of their own; ranges gives the reached level its direction.
func (c *claimBuilder) change(x *ctx, m Mention) string {
	for _, h := range x.cues[lexChange] {
		if x.ws[h.from].start >= m.Start && x.ws[h.to-1].end <= m.End {
			return h.code // the value is the change word: "aims to double"
		}
	}
	// a ratio is a factor of change even with a bound ("екі есеге дейін
	// қысқарту", "up to threefold"): it is never a level reached
	if m.Type != "RATIO" && c.reached(x, m) {
		return ""
	}
	if _, from := c.cueBefore(x, lexRangeFrom, m); from {
		return ""
	}
	if code, ok := c.cueAfter(x, lexChangeAfter, m); ok && !c.baseCase(m) {
		return code
	}
	if c.level(x, m) {
		// "рост цен составил 5%" is an increase, but in "сократилось на
		// 15 тысяч и составило 437 тысяч" the change word belongs to the
		// value between
		return c.nearestUnshared(x, m)
	}
	if own := c.nearest(x, lexChange, m, false); own != "" {
		return own
	}
	return c.nearest(x, lexChange, m, true)
}

// baseCase tells whether the value is written in the case of a
// comparison's base ("5 пайыздан жоғары": above 5%), by the endings of
// the base_case lexicon ("*дан": any word ending so).
func (c *claimBuilder) baseCase(m Mention) bool {
	last, prev, ok := lastWord(m.Text)
	if !ok {
		return false
	}
	// only a cue of one word fits in the last word
	ws := [1]word{last}
	if _, n := c.scan(lexBaseCase, ws[:], 0); n > 0 {
		return true
	}
	// an ending after a hyphen stands alone: "34-тен"
	if prev != '-' && prev != '\u2011' {
		return false
	}
	for _, k := range c.cues[lexBaseCase].cues {
		if len(k.toks) == 1 && k.toks[0].suffix && last.text == k.toks[0].text {
			return true
		}
	}
	return false
}

// nearestUnshared is the change word of the value's clause nearest
// before it with no other value between the two.
func (c *claimBuilder) nearestUnshared(x *ctx, m Mention) string {
	ci := x.clauseOf(m.Start)
	pos := x.firstAfter(m.Start)
	best := hit{from: -1}
	for _, h := range x.cues[lexChange] {
		if x.ofWord[h.from] == ci && h.to <= pos && h.from > best.from {
			best = h
		}
	}
	if best.from < 0 {
		return ""
	}
	for _, o := range x.ms {
		if o.Start >= x.ws[best.to-1].end && o.End <= m.Start && o.Type != "DATE" {
			return ""
		}
	}
	return best.code
}

// nearest finds the cue of lex nearest to the mention in its clause,
// then, when borrow is set, in the clauses around it.
func (c *claimBuilder) nearest(x *ctx, lex lexicon, m Mention, borrow bool) string {
	ci := x.clauseOf(m.Start)
	pos := x.firstAfter(m.Start)
	best, bestD := "", -1
	for _, h := range x.cues[lex] {
		if x.ofWord[h.from] != ci {
			continue
		}
		d := pos - h.to
		if h.from >= pos {
			d = h.from - pos + 1 // after the value: a tie goes to the word before
		}
		if bestD < 0 || d < bestD {
			best, bestD = h.code, d
		}
	}
	if best != "" || !borrow {
		return best
	}
	later := ""
	if c.clauseEnd(x, m) {
		for _, h := range x.cues[lex] {
			if x.ofWord[h.from] > ci {
				if c.valueBefore(x, h) {
					return h.code // verb-final: the word closes a list of values
				}
				later = h.code
				break
			}
		}
	}
	// elliptic: "цены выросли на 14%, на сахар — на 21%"; a little longer
	// where the value is the amount "by" which ("…, and from South Korea
	// by 27%")
	if from, to := x.wordsIn(ci); to-from <= 4 || (to-from <= 7 && c.changeBy(x, m)) {
		// elliptic: "цены выросли на 14%, на сахар — на 21%"
		for k := len(x.cues[lex]) - 1; k >= 0; k-- {
			if h := x.cues[lex][k]; x.ofWord[h.from] < ci {
				return h.code
			}
		}
	}
	return later
}

// valueBefore tells whether a value stands before the cue in the cue's
// clause ("…, ал сауда 7,8 пайызға ұлғайды").
func (c *claimBuilder) valueBefore(x *ctx, h hit) bool {
	ci := x.ofWord[h.from]
	for _, o := range x.ms {
		if o.Type != "DATE" && o.End <= x.ws[h.from].start && x.clauseOf(o.Start) == ci {
			return true
		}
	}
	return false
}

// ranges gives "с 5% до 3%" its direction: the value reached is a level
// with the change from the start value; the start value stays a fact of
// its own without a change. A start word of code "change" ("с") makes a
// change by itself; others ("от", "from") only beside a change word of
// the clause, else the pair is a range ("от 5 до 10 тысяч") with no
// change and no bound.
func (c *claimBuilder) ranges(x *ctx, facts []Fact, ms []Mention) {
	c.upFrom(x, facts, ms)
	for i := range facts {
		code, ok := c.cueBefore(x, lexRangeFrom, ms[i])
		if !ok && c.baseCase(ms[i]) {
			// a start in the case of a base ("7 пайыздан 5 пайызға дейін")
			code, ok = "range", true
		}
		if !ok {
			continue
		}
		changes := code == "change" || c.nearest(x, lexChange, ms[i], false) != ""
		// the value reached follows the start, or, where a change is
		// told, may precede it ("fell to 7.9% from 9.8%")
		order := make([]int, 0, len(facts))
		for j := i + 1; j < len(facts); j++ {
			order = append(order, j)
		}
		for j := i - 1; j >= 0 && changes; j-- {
			order = append(order, j)
		}
		for _, j := range order {
			if facts[j].Kind != facts[i].Kind || facts[j].Unit != facts[i].Unit ||
				x.clauseOf(ms[j].Start) != x.clauseOf(ms[i].Start) {
				continue
			}
			if _, ok := c.cueBefore(x, lexRangeTo, ms[j]); !ok {
				if _, ok := c.cueAfter(x, lexRangeToAft, ms[j]); !ok {
					continue
				}
			}
			switch {
			case !changes:
			case facts[j].Value < facts[i].Value:
				facts[j].Change = "decrease"
			case facts[j].Value > facts[i].Value:
				facts[j].Change = "increase"
			}
			facts[j].Qualifier = ""
			facts[i].Qualifier = ""
			facts[i].Change = "" // the start value did not change by itself
			break
		}
	}
}

// upFrom gives the value before a clause "up from 8.4 million tonnes" the
// direction that clause tells: "reached 9.1 million tonnes, up from 8.4
// million tonnes a year earlier" is an increase to 9.1 million.
func (c *claimBuilder) upFrom(x *ctx, facts []Fact, ms []Mention) {
	for i := 1; i < len(facts); i++ {
		w := x.firstAfter(ms[i].Start) - 1 // "from"
		if w < 1 || x.ofWord[w] != x.clauseOf(ms[i].Start) {
			continue
		}
		if _, n := c.match(lexRangeFrom, x.ws, w); n != 1 {
			continue
		}
		code, n := c.match(lexChangeAfter, x.ws, w-1)
		ci := x.ofWord[w]
		if n != 1 || x.ofWord[w-1] != ci {
			continue
		}
		if from, _ := x.wordsIn(ci); from != w-1 {
			continue // "up" must open the clause
		}
		j := i - 1
		if facts[j].Kind == facts[i].Kind && facts[j].Unit == facts[i].Unit &&
			x.clauseOf(ms[j].Start) == ci-1 && facts[j].Change == "" {
			facts[j].Change = code
		}
	}
}

// metric names what the value measures: the nearest metric word of its
// clause; where the clause has a pronoun ("их объём") or is elliptic, the
// nearest metric before it in the sentence or the text before.
func (c *claimBuilder) metric(x *ctx, m Mention) (string, string) {
	ci := x.clauseOf(m.Start)
	pos := x.firstAfter(m.Start)
	var best *hit
	bestD := -1
	// a metric word naming the unit or the base of a rate ("11.2 cases
	// per 100,000 live births") gives way to the rate's own name
	for pass := 0; pass < 2 && best == nil; pass++ {
		for k, h := range x.cues[lexMetric] {
			if x.ofWord[h.from] != ci || c.opensBetween(x, h, pos) || (pass == 0 && c.ratePart(x, h, pos)) {
				continue
			}
			d := pos - h.to
			if h.from >= pos {
				d = h.from - pos + 1
			}
			if bestD < 0 || d < bestD {
				best, bestD = &x.cues[lexMetric][k], d
			}
		}
	}
	if best != nil {
		return best.code, c.subject(x, *best, x.ms)
	}
	pronoun := false
	for _, h := range x.cues[lexPronoun] {
		if x.ofWord[h.from] == ci && h.from < pos {
			pronoun = true
		}
	}
	if !pronoun && !c.subjectless(x, ci) {
		return "", ""
	}
	// the nearest metric before, in this sentence
	for k := len(x.cues[lexMetric]) - 1; k >= 0; k-- {
		if h := x.cues[lexMetric][k]; h.to <= pos && x.ofWord[h.from] < ci {
			return h.code, c.subject(x, h, x.ms)
		}
	}
	if !pronoun {
		return "", ""
	}
	// or in the text before the sentence, unless a value before the
	// pronoun in this sentence is what it refers to ("урожай превысил 26
	// млн тонн, это на 3 млн тонн больше")
	for _, o := range x.ms {
		if o.Type != "DATE" && o.End <= m.Start && x.clauseOf(o.Start) < ci {
			return "", ""
		}
	}
	if !x.before {
		x.beforeCode, x.beforeSubject = c.metricBefore(x)
		x.before = true
	}
	return x.beforeCode, x.beforeSubject
}

// metricBefore is the metric a pronoun opening the sentence refers to:
// the one nearest the last value told in the text before.
func (c *claimBuilder) metricBefore(x *ctx) (string, string) {
	lo := x.sent.start - 800
	for lo > 0 && !utf8.RuneStart(x.text[lo]) {
		lo--
	}
	prev := c.appendPrepared(x.prev[:0], x.text, span{max(lo, 0), x.sent.start})
	x.prev = prev
	hs := c.find(lexMetric, prev)
	if len(hs) > 0 {
		// the pronoun stands for the last value told: take the metric
		// nearest to it ("зарплата составила 412 тыс. тенге, сообщили в
		// Министерстве … населения. Это на 11,4% больше")
		h := hs[len(hs)-1]
		// a digit before lo does not count: look from lo on only
		if num := lastDigit(x.text[max(lo, 0):x.sent.start]); num >= 0 {
			num += max(lo, 0)
			h = nearestTo(x.text, prev, hs, num)
		}
		return h.code, x.text[prev[h.from].start:prev[h.to-1].end]
	}
	return "", ""
}

// opensBetween tells whether a clause_open word ("as", "because",
// "поскольку") stands between the metric word h and the value at word
// pos: what it opens tells of something else ("exports fell 9% as prices
// dropped"). It opens a clause only where a word follows it directly;
// fixed phrases ("as well as", "such as") are masked in the lexicon.
func (c *claimBuilder) opensBetween(x *ctx, h hit, pos int) bool {
	lo, hi := h.to, pos
	if h.from >= pos {
		lo, hi = pos, h.from
	}
	for _, o := range x.cues[lexClauseOpen] {
		if o.from < lo || o.to > hi || o.to >= len(x.ws) || x.ofWord[o.to] != x.ofWord[o.from] {
			continue
		}
		if gap := x.text[x.ws[o.to-1].end:x.ws[o.to].start]; strings.TrimSpace(gap) == "" && !inMention(x.ms, x.ws[o.to]) {
			return true
		}
	}
	return false
}

// ratePart tells whether the metric word h is the counted unit of a rate
// right after the value ("11.2 cases per") or part of its base ("per
// 100,000 live births"), by the rate_per lexicon.
func (c *claimBuilder) ratePart(x *ctx, h hit, pos int) bool {
	ci := x.ofWord[h.from]
	if h.from >= pos && h.to < len(x.ws) && x.ofWord[h.to] == ci {
		if _, n := c.match(lexRatePer, x.ws, h.to); n > 0 {
			return true
		}
	}
	for j := pos; j < h.from; j++ {
		if _, n := c.match(lexRatePer, x.ws, j); n > 0 && x.ofWord[j] == ci {
			return true
		}
	}
	return false
}

// nearestTo picks the cue nearest in words to the byte offset num: one
// before it, or one after it in the same clause ("11,6 млн шаршы метр
// тұрғын үй"); a tie goes to the cue before.
func nearestTo(text string, ws []word, hs []hit, num int) hit {
	best, bestD := hs[len(hs)-1], -1
	for _, h := range hs {
		d := 0
		if end := ws[h.to-1].end; end <= num {
			for _, w := range ws[h.to:] {
				if w.start < num {
					d++
				}
			}
		} else {
			start := ws[h.from].start
			if start <= num || strings.ContainsAny(text[num:start], ",;:()—–.!?") {
				continue
			}
			for _, w := range ws[:h.from] {
				if w.start > num {
					d++
				}
			}
		}
		if bestD < 0 || d < bestD || (d == bestD && ws[h.to-1].end <= num) {
			best, bestD = h, d
		}
	}
	return best
}

// lastDigit is the byte offset of the last digit of s, or -1: it is
// strings.LastIndexFunc(s, unicode.IsDigit), fast for ASCII and two-byte
// runes.
func lastDigit(s string) int {
	for i := len(s) - 1; i >= 0; {
		c := s[i]
		if c < utf8.RuneSelf {
			if '0' <= c && c <= '9' {
				return i
			}
			i--
			continue
		}
		var r rune
		size := 2
		if c&0xC0 == 0x80 && i > 0 && 0xC2 <= s[i-1] && s[i-1] < 0xE0 {
			r = rune(s[i-1]&0x1F)<<6 | rune(c&0x3F)
		} else {
			r, size = utf8.DecodeLastRuneInString(s[:i+1])
		}
		i -= size
		// no rune below U+0660 but the ASCII ones is a digit
		if r >= 0x660 && unicode.IsDigit(r) {
			return i + 1
		}
	}
	return -1
}

// subjectless tells whether a clause names no subject of its own and
// shares that of the clause before: it is short and elliptic ("…, а
// доходы — на 5%"), it opens with a change or level word ("…, up 18%
// from …", "…, увеличившись на 0,7 года"), or the clause before ends on
// one (the Kazakh converb chain "… 7,1 трлн теңгеге жетіп, … 9,6
// пайызға артты").
func (c *claimBuilder) subjectless(x *ctx, ci int) bool {
	from, to := x.wordsIn(ci)
	if to-from <= 5 {
		return true
	}
	for _, lex := range []lexicon{lexChange, lexLevel} {
		for _, h := range x.cues[lex] {
			if h.from == from || (from > 0 && h.to == from && x.ofWord[from-1] == ci-1) {
				return true
			}
		}
	}
	return false
}

// changeBy tells whether the word right before the value, in its
// clause, is a change_by word ("by 27%", "на 21%").
func (c *claimBuilder) changeBy(x *ctx, m Mention) bool {
	i := x.firstAfter(m.Start) - 1
	if i < 0 || x.ofWord[i] != x.clauseOf(m.Start) {
		return false
	}
	_, n := c.match(lexChangeBy, x.ws, i)
	return n == 1
}

// subject keeps the words of a metric as written, with the modifiers
// before it ("общей и младенческой смертности"): it never reaches over a
// value, a cue or a stop word, and never starts on a conjunction
// (subject_stop entries with code "conj" may stand inside it).
func (c *claimBuilder) subject(x *ctx, h hit, ms []Mention) string {
	from := h.from
	ci := x.ofWord[h.from]
	for j := h.from - 1; j >= 0 && j >= h.from-3 && x.ofWord[j] == ci; j-- {
		if inMention(ms, x.ws[j]) || strings.TrimLeft(x.text[x.ws[j].end:x.ws[j+1].start], " \t\u00a0'’") != "" {
			break
		}
		if code, n := c.match(lexSubjectStop, x.ws, j); n > 0 {
			if code == "conj" {
				continue
			}
			break
		}
		if c.isCue(x.ws, j) {
			break
		}
		from = j
	}
	return x.text[x.ws[from].start:x.ws[h.to-1].end]
}

func inMention(ms []Mention, w word) bool {
	for _, m := range ms {
		if w.start < m.End && m.Start < w.end {
			return true
		}
	}
	return false
}

func (c *claimBuilder) isCue(ws []word, j int) bool {
	for _, lex := range []lexicon{lexChange, lexLevel, lexQualBefore, lexQualAfter, lexPronoun, lexMetric, lexPeriodBef, lexRangeFrom, lexRangeTo, lexGap, lexCountStop} {
		if _, n := c.match(lex, ws, j); n > 0 {
			return true
		}
	}
	return false
}

// date picks the time expression governing the value: the nearest date
// of its clause, else of its sentence, else the published date.
func (c *claimBuilder) date(x *ctx, all []Mention, m Mention, published string) string {
	ci := x.clauseOf(m.Start)
	// the nearest of the dates that are no base, of the clause first
	inClause, near := "", ""
	inDist, nearDist := -1, -1
	for _, d := range all {
		if d.Date == "" || c.comparisonBase(x, d, m) {
			continue
		}
		dist := dateDist(d, m)
		if nearDist < 0 || dist < nearDist {
			near, nearDist = d.Date, dist
		}
		if (inDist < 0 || dist < inDist) && x.clauseOf(d.Start) == ci {
			inClause, inDist = d.Date, dist
		}
	}
	if inClause != "" {
		return inClause
	}
	if near != "" {
		return near
	}
	return published
}

// comparisonBase tells whether a date is the base a value is compared
// with ("по сравнению с 2024 годом", "compared with last year", "өткен
// жылмен салыстырғанда") rather than the value's own date. The value m
// compared with is dated by it: "0,8% против 0,6% в сентябре".
func (c *claimBuilder) comparisonBase(x *ctx, d Mention, m Mention) bool {
	i := x.firstAfter(d.Start)
	for j := max(i-4, 0); j < i; j++ {
		if _, n := c.match(lexCompBefore, x.ws, j); n > 0 && j+n >= i-1 {
			return !(m.Start >= x.ws[j+n-1].end && m.End <= d.Start)
		}
	}
	k := x.firstAfter(d.End)
	if k < len(x.ws) {
		if _, n := c.match(lexCompAfter, x.ws, k); n > 0 {
			return true
		}
	}
	return false
}

// dateDist is how far in bytes a date stands from the value.
func dateDist(d, m Mention) int {
	dist := d.Start - m.End
	if dist < 0 {
		dist = m.Start - d.End
	}
	return max(dist, 0)
}
