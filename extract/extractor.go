package extract

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

// Input is one article to read.
type Input struct {
	Source    string
	ID        string
	Text      string
	Lang      string // forced language, "" to detect
	Published string // forced publication date, "" to read it from the text
}

// Options change what Extract reports.
type Options struct {
	// Mentions adds every numeric mention to the document.
	Mentions bool
}

// Extractor runs the pipeline. It is safe for concurrent use: build one
// and share it between workers.
type Extractor struct {
	rules    *rules.Set
	detector *lang.Detector
	mu       sync.Mutex
	perLang  map[string]*langPipeline
	buffers  sync.Pool // of *articleBuffers
	// pieceBytes bounds the pieces a long text is read in; 0 is
	// pieceBytes (tests make it small)
	pieceBytes int
}

// pieceBytes is about how much of a long text is read at once (see
// pieceEnd): large enough that nearly every article is one piece.
const pieceBytes = 1 << 20

// pieceEnd is where the piece of text that begins at start ends: at the
// text's end when fewer than max bytes are left, else after the last
// blank line within max bytes, or else the last line break; a single
// line longer than max is not cut.
func pieceEnd(text string, start, max int) int {
	if len(text)-start <= max {
		return len(text)
	}
	window := text[start : start+max]
	if k := strings.LastIndex(window, "\n\n"); k > 0 {
		return start + k + 2
	}
	if k := strings.LastIndexByte(window, '\n'); k > 0 {
		return start + k + 1
	}
	if k := strings.IndexByte(text[start+max:], '\n'); k >= 0 {
		return start + max + k + 1
	}
	return len(text)
}

// articleBuffers hold what Extract needs only while it reads one
// article, kept for the next: the mentions (unless reported), a
// sentence's mentions and the sentences.
type articleBuffers struct {
	mentions, sentence []Mention
	sentences          []span
}

// put cuts the buffers to no length for the next article (none past
// maxScratch elements) and lets go of the article's strings.
func (b *articleBuffers) put(pool *sync.Pool) {
	clear(b.mentions)
	clear(b.sentence)
	b.mentions, b.sentence, b.sentences = kept(b.mentions, maxScratch), kept(b.sentence, maxScratch), kept(b.sentences, maxScratch)
	pool.Put(b)
}

// langPipeline holds what one language needs, built on first use.
type langPipeline struct {
	finder    *mentionFinder
	claims    *claimBuilder
	furniture *furnitureReader
}

// New returns an extractor over a rule set.
func New(set *rules.Set, det *lang.Detector) *Extractor {
	if det == nil {
		det = lang.NewDetector()
	}
	return &Extractor{rules: set, detector: det, perLang: map[string]*langPipeline{}}
}

func (x *Extractor) pipeline(code string) *langPipeline {
	x.mu.Lock()
	defer x.mu.Unlock()
	if p, ok := x.perLang[code]; ok {
		return p
	}
	l := x.rules.Lang(code)
	if l == nil {
		x.perLang[code] = nil
		return nil
	}
	p := &langPipeline{finder: newMentionFinder(l), claims: &claimBuilder{lang: l, stem: lang.Cached(stemmerFor(l), 1<<17)}, furniture: newFurnitureReader(l)}
	x.perLang[code] = p
	return p
}

// Extract reads one article: language, publication date, body, mentions
// and facts.
func (x *Extractor) Extract(in Input, opt Options) Document {
	doc := Document{Source: in.Source, ID: in.ID, Facts: []Fact{}}
	text := in.Text
	code := in.Lang
	if code == "" {
		code = x.detector.Detect(text)
	}
	doc.Lang = code
	published, furniture := header(text)
	if in.Published != "" {
		published = in.Published
	}
	doc.Published = Published(published)
	p := x.pipeline(code)
	if p == nil {
		return doc
	}
	if published == "" {
		if d, sp, ok := bylineDate(text, p.finder.lang); ok {
			published = d
			doc.Published = Published(published)
			furniture = append(furniture, sp)
		}
	}
	furniture = append(furniture, p.furniture.lines(text)...)
	bufs, _ := x.buffers.Get().(*articleBuffers)
	if bufs == nil {
		bufs = &articleBuffers{}
	}
	defer bufs.put(&x.buffers)
	// a long text is read in pieces cut at line breaks (see pieceEnd), so
	// that what the finder keeps while it reads (the text's folded and
	// lower-cased copies, its mentions, its sentences) is a piece's, not
	// the whole text's: the facts are the same, as no sentence and no
	// mention crosses a line break between paragraphs
	var mentions []Mention // with opt.Mentions, the document's own
	var facts []Fact
	ms := bufs.sentence // a sentence's, the buffer reused: build keeps none
	maxPiece := x.pieceBytes
	if maxPiece <= 0 {
		maxPiece = pieceBytes
	}
	for at := 0; at < len(text); {
		end := pieceEnd(text, at, maxPiece)
		piece := text[at:end]
		var found []Mention
		if opt.Mentions {
			n := len(mentions)
			mentions = p.finder.appendFind(mentions, piece, published)
			found = mentions[n:]
		} else {
			found = p.finder.appendFind(bufs.mentions[:0], piece, published)
			bufs.mentions = found
		}
		for i := range found {
			found[i].Start += at
			found[i].End += at
			found[i].Furniture = inSpans(furniture, found[i].Start, found[i].End)
		}
		// room for every fact the mentions may make, so that build never
		// grows it (a fact is as large as 23 words)
		n := 0
		for _, m := range found {
			if !m.Furniture && mayBeFact(m) {
				n++
			}
		}
		facts = slices.Grow(facts, n)
		mi := 0
		bufs.sentences = appendSentences(bufs.sentences[:0], piece)
		for _, s := range bufs.sentences {
			s.start += at
			s.end += at
			if inSpans(furniture, s.start, s.end) && fullyIn(furniture, s) {
				continue
			}
			for mi < len(found) && found[mi].Start < s.start {
				mi++
			}
			ms = ms[:0]
			for j := mi; j < len(found) && found[j].End <= s.end; j++ {
				if !found[j].Furniture {
					ms = append(ms, found[j])
				}
			}
			facts = p.claims.build(facts, text, s, ms, published)
		}
		at = end
	}
	bufs.sentence = ms
	facts = dropTitleRepeats(text, facts)
	conv := newRuneCounter(text)
	for i := range facts {
		facts[i].Start, facts[i].End = conv.runes(facts[i].Start), conv.runes(facts[i].End)
	}
	sort.SliceStable(facts, func(i, j int) bool { return facts[i].Start < facts[j].Start })
	assignIDs(doc.Source, facts)
	if len(facts) > 0 {
		doc.Facts = facts // no copy: facts is this article's own
	}
	if opt.Mentions {
		conv := newRuneCounter(text)
		for i := range mentions {
			mentions[i].Start, mentions[i].End = conv.runes(mentions[i].Start), conv.runes(mentions[i].End)
		}
		doc.Mentions = mentions
		if doc.Mentions == nil {
			doc.Mentions = []Mention{}
		}
	}
	return doc
}

func fullyIn(spans []span, s span) bool {
	for _, f := range spans {
		if f.start <= s.start && s.end <= f.end {
			return true
		}
	}
	return false
}

// runeCounter converts byte offsets to rune offsets, counting only the
// runes between one offset and the next.
type runeCounter struct {
	text        string
	byteAt, rAt int
}

func newRuneCounter(text string) *runeCounter { return &runeCounter{text: text} }

// runes converts byte offset b, at a rune boundary, to runes, counting
// from the offset asked before, backwards if need be: offsets come
// nearly in order (a fact's start, its end, the next fact's start, which
// may be inside it), so a text is counted about once.
func (c *runeCounter) runes(b int) int {
	if b < c.byteAt {
		c.rAt -= runeCount(c.text[b:c.byteAt])
	} else {
		c.rAt += runeCount(c.text[c.byteAt:b])
	}
	c.byteAt = b
	return c.rAt
}

// runeCount is utf8.RuneCountInString, which decodes every rune that is
// not ASCII by a call: here the two-byte runes Cyrillic is written in
// are counted in place, and only other bytes decoded (an invalid byte
// counts as one rune, as there).
func runeCount(s string) (n int) {
	for i := 0; i < len(s); n++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			i++
		case c >= 0xc2 && c < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			i += 2
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
	return n
}

// stemmerFor is a language's stemmer: snowball where there is one, else
// the suffixes its rules list.
func stemmerFor(l *rules.Lang) lang.Stemmer {
	if s, ok := lang.Snowball(l.Code); ok {
		return s
	}
	return lang.SuffixStripper{Suffixes: l.StemSuffixes, MinStem: 3}
}
