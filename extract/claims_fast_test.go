package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/factx/factx/rules"
)

// The fast paths of the claim builder against the straightforward code
// they replace.

// fastCases are texts that try the edges of the fast paths.
var fastCases = []string{
	"",
	" ",
	"5%",
	"34-тен",
	"12\u2011ден",
	"5 пайыздан",
	"7 ПАЙЫЗДАН",
	"400-ден астам",
	"10 адамнан",
	"100 мың тұрғынға",
	"Ёлки-палки -- ЖАҢА‑түрі‑ ‑",
	"рост ВВП, 15,3% (за год); «кавычки» — тире – и—слитно: \"q\" “w” ”e“",
	"٣ ۴ ߁ ١٢٣ x٠",
	"a1б2в3 \xff\xfe\xd0 \xe2\x80 \xc2",
	"¹²³ ½ Ⅻ 𝟗 ９",
	"co-operation COVID-19 ПРЕСС-СЛУЖБА İstanbul Straße ΣΑΣ",
	"\u00a0,\u00a0—\u00a0–\u2003",
}

// fastTexts are fastCases, the seed articles and the test articles.
func fastTexts(t testing.TB) []string {
	texts := slices.Clone(fastCases)
	paths, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	arts, _ := filepath.Glob(filepath.Join("testdata", "articles", "*"))
	for _, p := range append(paths, arts...) {
		if data, err := os.ReadFile(p); err == nil {
			texts = append(texts, string(data))
		}
	}
	if len(texts) == len(fastCases) {
		t.Log("no articles")
	}
	return texts
}

var testBuilders = sync.OnceValues(func() (map[string]*claimBuilder, error) {
	set, err := rules.Load(nil, nil)
	if err != nil {
		return nil, err
	}
	out := map[string]*claimBuilder{}
	for _, code := range []string{"ru", "kk", "en"} {
		l := set.Lang(code)
		if l == nil {
			continue
		}
		c := &claimBuilder{lang: l, stem: stemmerFor(l)}
		c.init()
		out[code] = c
	}
	return out, nil
})

func builders(t testing.TB) map[string]*claimBuilder {
	t.Helper()
	bs, err := testBuilders()
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

// refLastDigit is lastDigit as first written.
func refLastDigit(s string) int {
	return strings.LastIndexFunc(s, unicode.IsDigit)
}

func TestLastDigit(t *testing.T) {
	cases := fastTexts(t)
	// every rune up to U+3100 and some past it, each after and before a
	// letter, so the last digit is each rune in turn
	for r := rune(0); r < 0x3100; r++ {
		cases = append(cases, "a"+string(r), string(r)+"b", "7"+string(r)+"я")
	}
	for _, r := range []rune{0xFF10, 0xFF19, 0x1D7CE, 0x104A0, 0x1E950, utf8.RuneError, 0x10FFFF} {
		cases = append(cases, "x"+string(r)+"ж")
	}
	for _, s := range cases {
		for _, cut := range []int{len(s), len(s) - 1, len(s) / 2} {
			if cut < 0 {
				continue
			}
			if got, want := lastDigit(s[:cut]), refLastDigit(s[:cut]); got != want {
				t.Errorf("lastDigit(%q) = %d, want %d", s[:cut], got, want)
			}
		}
	}
}

func FuzzLastDigit(f *testing.F) {
	for _, s := range fastCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := lastDigit(s), refLastDigit(s); got != want {
			t.Errorf("lastDigit(%q) = %d, want %d", s, got, want)
		}
	})
}

// refClauses is clauses as first written, a rune at a time.
func refClauses(text string, s span) []clause {
	var out []clause
	start := s.start
	for i := s.start; i < s.end; {
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

func checkClauses(t *testing.T, text string) {
	t.Helper()
	spans := []span{{0, len(text)}}
	for _, s := range sentences(text) {
		spans = append(spans, span{s.start, s.end})
	}
	for _, s := range spans {
		if got, want := clauses(text, s), refClauses(text, s); !slices.Equal(got, want) {
			t.Errorf("clauses(%q, %v) = %v, want %v", text, s, got, want)
		}
	}
}

func TestClausesFast(t *testing.T) {
	cuts := 0
	for _, text := range fastTexts(t) {
		checkClauses(t, text)
		cuts += len(refClauses(text, span{0, len(text)}))
	}
	if cuts < 20 {
		t.Errorf("only %d clauses: the test tells little", cuts)
	}
}

func FuzzClauses(f *testing.F) {
	for _, s := range fastCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkClauses(t, s)
	})
}

// checkPrepared compares appendPrepared with appendWords and prepare.
func checkPrepared(t *testing.T, c *claimBuilder, text string, s span) int {
	t.Helper()
	want := words(text, s)
	c.prepare(want)
	got := c.appendPrepared(nil, text, s)
	if len(got) != len(want) {
		t.Fatalf("%q: %d words, want %d", text[s.start:s.end], len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.start != w.start || g.end != w.end || g.text != w.text || g.stem != w.stem ||
			g.info.stem != w.info.stem || g.info.lexes != w.info.lexes || !slices.Equal(g.info.cands, w.info.cands) {
			t.Fatalf("%q: word %d = %+v %+v, want %+v %+v", text[s.start:s.end], i, g, *g.info, w, *w.info)
		}
	}
	return len(got)
}

func TestAppendPrepared(t *testing.T) {
	for code, c := range builders(t) {
		// a builder of its own, so the first pass finds an empty cache
		c := &claimBuilder{lang: c.lang, stem: c.stem}
		c.init()
		n := 0
		for pass := 0; pass < 2; pass++ {
			for _, text := range fastTexts(t) {
				n += checkPrepared(t, c, text, span{0, len(text)})
				if len(text) > 10 {
					n += checkPrepared(t, c, text, span{3, len(text) - 3})
				}
			}
		}
		if n < 100 {
			t.Errorf("%s: only %d words", code, n)
		}
		if c.infos.size() == 0 {
			t.Errorf("%s: the cache kept no word", code)
		}
	}
}

func FuzzAppendPrepared(f *testing.F) {
	for _, s := range fastCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range builders(t) {
			checkPrepared(t, c, s, span{0, len(s)})
		}
	})
}

// refBaseCase is baseCase as first written, over every word of the text.
func refBaseCase(c *claimBuilder, m Mention) bool {
	ws := words(m.Text, span{0, len(m.Text)})
	if len(ws) == 0 {
		return false
	}
	last := ws[len(ws)-1]
	if _, n := c.match(lexBaseCase, ws, len(ws)-1); n > 0 {
		return true
	}
	if prev, _ := utf8.DecodeLastRuneInString(m.Text[:last.start]); prev != '-' && prev != '\u2011' {
		return false
	}
	for _, k := range c.cues[lexBaseCase].cues {
		if len(k.toks) == 1 && k.toks[0].suffix && last.text == k.toks[0].text {
			return true
		}
	}
	return false
}

func checkBaseCase(t *testing.T, c *claimBuilder, text string) bool {
	t.Helper()
	m := Mention{Text: text}
	got, want := c.baseCase(m), refBaseCase(c, m)
	if got != want {
		t.Errorf("baseCase(%q) = %v, want %v", text, got, want)
	}
	return got
}

func TestBaseCaseFast(t *testing.T) {
	yes := 0
	for _, c := range builders(t) {
		for _, text := range fastTexts(t) {
			if checkBaseCase(t, c, text) {
				yes++
			}
			// and every run of up to three words ending at a word
			ws := words(text, span{0, len(text)})
			for i := range ws {
				if checkBaseCase(t, c, text[ws[max(i-2, 0)].start:ws[i].end]) {
					yes++
				}
			}
		}
	}
	if yes == 0 {
		t.Error("no base case found: the test tells nothing")
	}
}

func FuzzBaseCase(f *testing.F) {
	for _, s := range fastCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range builders(t) {
			checkBaseCase(t, c, s)
		}
	})
}
