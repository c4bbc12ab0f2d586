package extract

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/factx/factx/rules"
	"github.com/factx/factx/rules/dfa"
)

// span is a byte range of the text, end exclusive.
type span struct{ start, end int }

var (
	frontMatterRe = regexp.MustCompile(`\A---[ \t]*\n((?s:.*?))\n---[ \t]*(?:\n|\z)`)
	frontDateRe   = regexp.MustCompile(`(?m)^date:[ \t]*["']?(\d{4}-\d{2}-\d{2})`)
	leadDateRe    = regexp.MustCompile(`\A\s*date[ \t:]+(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?[ \t]*`)
	datelineRe    = regexp.MustCompile(`(?:^|[^\d.])([0-3]\d)\.([01]\d)\.((?:19|20)\d\d)(?:[ \t,]+(?:[01]?\d|2[0-3]):[0-5]\d)?`)
	isoDateRe     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// header finds the article's publication date in its head, and the bytes
// that are header rather than article: YAML front matter, a leading
// " date 2026-03-10", or a dateline such as "Фото: Akorda 09.07.2024 16:32".
func header(text string) (published string, furniture []span) {
	if m := frontMatterRe.FindStringSubmatchIndex(text); m != nil {
		furniture = append(furniture, span{0, m[1]})
		if d := frontDateRe.FindStringSubmatch(text[m[2]:m[3]]); d != nil && validDate(d[1]) {
			published = d[1]
		}
	}
	if m := leadDateRe.FindStringSubmatchIndex(text); m != nil && published == "" {
		if d := text[m[2]:m[3]]; validDate(d) {
			published = d
			furniture = append(furniture, span{0, m[1]})
		}
	}
	if published != "" {
		return published, furniture
	}
	// a dateline: a short line among the first ones that carries a date
	off, i := 0, -1
	for line := range strings.Lines(text) { // lazily: only the first lines count
		if i++; i >= 12 || off > 3000 {
			break
		}
		trimmed := strings.TrimSpace(line)
		// a dateline's date is dd.mm.yyyy, its year 19xx or 20xx: a line
		// without ".19" or ".20" has none
		if (strings.Contains(trimmed, ".20") || strings.Contains(trimmed, ".19")) &&
			utf8.RuneCountInString(trimmed) <= 100 && len(strings.Fields(trimmed)) <= 10 {
			if m := datelineRe.FindStringSubmatch(trimmed); m != nil {
				d := m[3] + "-" + m[2] + "-" + m[1]
				if validDate(d) {
					furniture = append(furniture, span{off, off + len(line)})
					return d, furniture
				}
			}
		}
		off += len(line)
	}
	return "", furniture
}

// bylineRe finds a day, a month name and a year, in either order:
// "on 21 January 2026", "Jan. 21, 2026".
var bylineRe = regexp.MustCompile(`(?:^|[^\p{L}\d])(?:([0-3]?\d)[ \t]+(\p{L}+\.?)|(\p{L}+\.?)[ \t]+([0-3]?\d),?)[ \t]+((?:19|20)\d\d)(?:[^\d]|$)`)

// bylineDate finds the publication date in a byline or dateline that
// names the month in words ("By A. Ibraimova in Tourism on 21 January
// 2026"): a short line among the first ones, not the headline, whose
// month word is in the language's month lexicon.
func bylineDate(text string, l *rules.Lang) (string, span, bool) {
	months := l.Lexicon("month")
	if months == nil {
		return "", span{}, false
	}
	off, seen, i := 0, 0, -1
	for line := range strings.Lines(text) { // lazily: only the first lines count
		if i++; i >= 12 || off > 3000 {
			break
		}
		trimmed := strings.TrimSpace(line)
		if trimmed != "" {
			seen++
		}
		// a byline has its year, 19xx or 20xx: a line without one is not
		// worth the regexp
		hasYear := strings.Contains(trimmed, "20") || strings.Contains(trimmed, "19")
		if seen > 1 && hasYear && utf8.RuneCountInString(trimmed) <= 100 && len(strings.Fields(trimmed)) <= 12 {
			if m := bylineRe.FindStringSubmatch(trimmed); m != nil {
				day, word := m[1], m[2]
				if word == "" {
					day, word = m[4], m[3]
				}
				if e, ok := months.Lookup(strings.TrimSuffix(word, ".")); ok {
					if v, ok := e.Rat(); ok && v.IsInt() {
						mo := v.Num().Int64()
						if len(day) == 1 {
							day = "0" + day
						}
						d := fmt.Sprintf("%s-%02d-%s", m[5], mo, day)
						if validDate(d) {
							return d, span{off, off + len(line)}, true
						}
					}
				}
			}
		}
		off += len(line)
	}
	return "", span{}, false
}

// validDate accepts an ISO day that exists on the calendar.
func validDate(d string) bool {
	if !isoDateRe.MatchString(d) {
		return false
	}
	_, err := time.Parse(time.DateOnly, d)
	return err == nil
}

// furnitureReader tells page furniture by a language's rules: a "stop"
// line (Читайте также, Read more) and everything after it, and "skip"
// lines (photo credits, subscription calls). The patterns (anchored at
// the line start) run as one automaton, built once, which reads a line
// once, one table step per rune, where each pattern's own would read it
// again; a pattern that reads any text first runs alone, on the lines
// that hold its words, and regexp answers only for a pattern that has no
// automaton.
type furnitureReader struct {
	stop, skip []linePattern
	// union reads at once the patterns k (of stop, then of skip) with
	// inUnion[k]; the others are asked one by one
	union   *dfa.DFA
	inUnion []bool
}

type linePattern struct {
	re  *regexp.Regexp
	dfa *dfa.DFA // nil where the pattern has none
	// needs are words one of which a matching line holds (nil: none
	// known): a line that holds none is not read by the automaton, and a
	// pattern such as ^.*(?:Telegram|WhatsApp).*$ would read every line
	// whole
	needs []string
}

func (p linePattern) match(s string) bool {
	if p.needs != nil && !containsAnyOf(s, p.needs) {
		return false
	}
	if p.dfa != nil {
		return p.dfa.Match(s)
	}
	return p.re.MatchString(s)
}

// isASCII tells whether all the words are ASCII.
func isASCII(words []string) bool {
	for _, w := range words {
		for k := 0; k < len(w); k++ {
			if w[k] >= utf8.RuneSelf {
				return false
			}
		}
	}
	return true
}

// containsAnyOf tells whether s holds one of words, letters matched as
// (?i) matches them (simple case folding): a prefilter that never drops
// a line its pattern, case-blind or not, would match.
func containsAnyOf(s string, words []string) bool {
	for _, w := range words {
		if containsFold(s, w) {
			return true
		}
	}
	return false
}

// containsFold tells whether s holds w under simple case folding: each
// spelling of w's first rune is found by the vectorized search, and the
// rest compared there.
func containsFold(s, w string) bool {
	if w == "" || strings.ContainsRune(w, utf8.RuneError) {
		return true // regexp reads bytes that are not UTF-8 as U+FFFD: cannot tell
	}
	first, size := utf8.DecodeRuneInString(w)
	var enc [utf8.UTFMax]byte
	for r := first; ; {
		lead := utf8.AppendRune(enc[:0], r)
		for at := 0; ; {
			i := strings.Index(s[at:], string(lead))
			if i < 0 {
				break
			}
			at += i + len(lead)
			if hasFoldPrefix(s[at:], w[size:]) {
				return true
			}
		}
		if r = unicode.SimpleFold(r); r == first {
			return false
		}
	}
}

// hasFoldPrefix tells whether s begins with prefix under simple case
// folding.
func hasFoldPrefix(s, prefix string) bool {
	for _, p := range prefix {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case size == 0:
			return false
		case r == p:
		case r < utf8.RuneSelf && p < utf8.RuneSelf:
			// ASCII folds to ASCII only by case
			if r|0x20 != p|0x20 || r|0x20 < 'a' || r|0x20 > 'z' {
				return false
			}
		case !sameFold(r, p):
			return false
		}
		s = s[size:]
	}
	return true
}

// sameFold tells whether b is in the case-folding orbit of a.
func sameFold(a, b rune) bool {
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

// requiredLiterals returns words one of which every text that re
// matches holds, or nil when it cannot tell (a case-folded literal, a
// branch or repetition that may match without any).
func requiredLiterals(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil
		}
		return []string{string(re.Rune)} // found case-blind: containsAnyOf
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
	case syntax.OpConcat:
		// any part's words will do: ASCII ones, as Latin letters are
		// rare in most lines and each spelling of a word's first letter
		// is searched for (containsFold), and among them the ones whose
		// shortest word is longest, which tell most lines apart
		var best []string
		better := func(l []string) bool {
			if a, b := isASCII(l), isASCII(best); a != b {
				return a
			}
			return shortest(l) > shortest(best)
		}
		for _, sub := range re.Sub {
			if l := requiredLiterals(sub); l != nil && (best == nil || better(l)) {
				best = l
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			l := requiredLiterals(sub)
			if l == nil {
				return nil
			}
			all = append(all, l...)
		}
		return all
	}
	return nil
}

func shortest(words []string) int {
	n := len(words[0])
	for _, w := range words[1:] {
		n = min(n, len(w))
	}
	return n
}

func newFurnitureReader(l *rules.Lang) *furnitureReader {
	f := &furnitureReader{}
	var progs []*syntax.Prog // of the union's members, nil for others
	patterns := func(res []*regexp.Regexp) []linePattern {
		out := make([]linePattern, len(res))
		for i, re := range res {
			out[i].re = re
			// a pattern not anchored at the text start has no automaton
			out[i].dfa, _ = dfa.Compile(re.String())
			tree, err := syntax.Parse(re.String(), syntax.Perl)
			var prog *syntax.Prog
			switch {
			case err != nil || out[i].dfa == nil:
			case rules.ReadsAnyFirst(tree):
				// alone, and only on lines that hold its words
				out[i].needs = requiredLiterals(tree)
			default:
				prog, _ = syntax.Compile(tree.Simplify())
			}
			progs = append(progs, prog)
		}
		return out
	}
	f.stop, f.skip = patterns(l.FurnitureStop), patterns(l.FurnitureSkip)
	f.inUnion = make([]bool, len(progs))
	if slices.ContainsFunc(progs, func(p *syntax.Prog) bool { return p != nil }) {
		if u, err := dfa.NewUnion(progs); err == nil {
			f.union = u
			for k, p := range progs {
				f.inUnion[k] = p != nil
			}
		}
	}
	return f
}

// lines marks the furniture lines of text.
func (f *furnitureReader) lines(text string) []span {
	var out []span
	var set []uint64 // which patterns of the union match the line
	if f.union != nil {
		set = make([]uint64, (len(f.inUnion)+63)/64)
	}
	// matches tells whether pattern k (of stop, then skip) matches
	matches := func(k int, p linePattern, line string) bool {
		if f.inUnion[k] {
			return set[k/64]&(1<<(k%64)) != 0
		}
		return p.match(line)
	}
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n') + 1
		if end == 0 {
			end = len(text)
		} else {
			end += off
		}
		// spacing varies from page to page: match the words
		if trimmed := joinFields(text[off:end]); trimmed != "" {
			if set != nil {
				clear(set)
				f.union.MatchSet(trimmed, set)
			}
			for k, p := range f.stop {
				if matches(k, p, trimmed) {
					return append(out, span{off, len(text)})
				}
			}
			for k, p := range f.skip {
				if matches(len(f.stop)+k, p, trimmed) {
					out = append(out, span{off, end})
					break
				}
			}
		}
		off = end
	}
	return out
}

// joinFields is strings.Join(strings.Fields(s), " "), without copying
// where s has single spaces only between its words. That is told by a
// few vectorized searches over the line, not a look at each byte: a
// double space, an ASCII space other than ' ', or a first byte that may
// begin another Unicode space, then asked whether it does.
func joinFields(s string) string {
	t := strings.TrimSpace(s)
	if len(t) < shortLine {
		return joinFieldsShort(t)
	}
	if strings.Contains(t, "  ") {
		return strings.Join(strings.Fields(t), " ")
	}
	for _, c := range [...]byte{'\t', '\n', '\v', '\f', '\r'} {
		if strings.IndexByte(t, c) >= 0 {
			return strings.Join(strings.Fields(t), " ")
		}
	}
	// the first bytes of the other spaces: U+0085 and U+00A0 (0xC2, also
	// the first byte of « and »), U+1680, U+2000–U+205F, U+3000
	for _, lead := range [...]byte{0xC2, 0xE1, 0xE2, 0xE3} {
		for i := 0; ; i++ {
			k := strings.IndexByte(t[i:], lead)
			if k < 0 {
				break
			}
			i += k
			if r, _ := utf8.DecodeRuneInString(t[i:]); unicode.IsSpace(r) {
				return strings.Join(strings.Fields(t), " ")
			}
		}
	}
	return t
}

// shortLine is the length under which a line is read a byte at a time
// rather than searched again for each kind of space: a search's call
// costs more than a short line's bytes.
const shortLine = 128

// joinFieldsShort is joinFields for a trimmed line, read a byte at a time.
func joinFieldsShort(t string) string {
	space := false
	for i := 0; i < len(t); i++ {
		if !mayBeSpace[t[i]] {
			space = false // a byte of a word: most of a line
			continue
		}
		switch b := t[i]; b {
		case ' ':
			if space {
				return strings.Join(strings.Fields(t), " ")
			}
			space = true
			continue
		case '\t', '\n', '\v', '\f', '\r':
			return strings.Join(strings.Fields(t), " ")
		case 0xC2, 0xE1, 0xE2, 0xE3: // the first bytes of the other spaces
			if r, _ := utf8.DecodeRuneInString(t[i:]); unicode.IsSpace(r) {
				return strings.Join(strings.Fields(t), " ")
			}
		}
		space = false
	}
	return t
}

// mayBeSpace marks the bytes joinFieldsShort must look at: ASCII white
// space and the first bytes of the other Unicode spaces.
var mayBeSpace = [256]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true,
	0xC2: true, 0xE1: true, 0xE2: true, 0xE3: true}

func inSpans(spans []span, start, end int) bool {
	for _, s := range spans {
		if start < s.end && s.start < end {
			return true
		}
	}
	return false
}

// sentences splits text into sentences: at line breaks, and after ".",
// "!", "?" or "…" followed by space and a capital letter, digit, quote or
// dash. Abbreviations before a lower-case word ("млрд. тенге") do not
// split because the next word is not a capital.
func sentences(text string) []span { return appendSentences(nil, text) }

// appendSentences is sentences appending to out, whose room the caller
// reuses.
func appendSentences(out []span, text string) []span {
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e {
			r, size := utf8.DecodeRuneInString(text[s:])
			if !unicode.IsSpace(r) {
				break
			}
			s += size
		}
		for e > s {
			r, size := utf8.DecodeLastRuneInString(text[:e])
			if !unicode.IsSpace(r) {
				break
			}
			e -= size
		}
		if e > s {
			out = append(out, span{s, e})
		}
	}
	ends := sentenceEnds{text: text, at: [len(mayEndSentence)]int{-1, -1, -1, -1, -1}}
	for i := 0; i < len(text); {
		// skip to a rune that may end a sentence, or the first byte of "…"
		if i = ends.next(i); i == len(text) {
			break
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			emit(i)
			start = i + size
		case r == '.' || r == '!' || r == '?' || r == '…':
			j := i + size
			// closing quotes and brackets stay with the sentence
			for j < len(text) {
				c, n := utf8.DecodeRuneInString(text[j:])
				if !strings.ContainsRune(`"»”')`, c) {
					break
				}
				j += n
			}
			k := j
			spaced := false
			for k < len(text) {
				c, n := utf8.DecodeRuneInString(text[k:])
				if c == '\n' || !unicode.IsSpace(c) {
					break
				}
				spaced = true
				k += n
			}
			if spaced && k < len(text) {
				c, _ := utf8.DecodeRuneInString(text[k:])
				if unicode.IsUpper(c) || unicode.IsDigit(c) || strings.ContainsRune(`"«“'—–-`, c) {
					if !abbreviationBefore(text[:i]) {
						emit(j)
						start = k
					}
				}
			}
			i = j
			continue
		}
		i += size
	}
	emit(len(text))
	return out
}

// mayEndSentence are the bytes where a sentence may end: "\n", ".",
// "!", "?" and the first byte of "…".
var mayEndSentence = [...]byte{'\n', '.', '!', '?', 0xe2}

// sentenceEnds finds the next byte of mayEndSentence in text: each is
// found by the vectorized search, once for every occurrence, where a
// test of every byte of the text costs several instructions a byte.
type sentenceEnds struct {
	text string
	// at is where the next of each byte is, from the last position
	// asked: len(text) for none, -1 before the first search
	at [len(mayEndSentence)]int
}

// next is the first position from i holding one of the bytes, or
// len(text); positions are asked in increasing order.
func (e *sentenceEnds) next(i int) int {
	best := len(e.text)
	for k, c := range mayEndSentence {
		if e.at[k] < i {
			if n := strings.IndexByte(e.text[i:], c); n < 0 {
				e.at[k] = len(e.text)
			} else {
				e.at[k] = i + n
			}
		}
		best = min(best, e.at[k])
	}
	return best
}

// abbreviationBefore tells whether the word before a dot is an initial
// ("К." in "К. Токаев"): one capital letter.
func abbreviationBefore(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return len(s) == n || !unicode.IsLetter(prev)
}
