package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

func TestPieceEnd(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		start, max int
		want       int
	}{
		{"short rest: to the end", "one\n\ntwo", 0, 100, 8},
		{"after the last blank line", "aa\n\nbb\n\ncc\ndd", 0, 10, 8},
		{"else after the last line break", "aaaa\nbbbb\ncccc", 0, 12, 10},
		{"a long line is not cut", "aaaaaaaaaaaa\nbb", 0, 5, 13},
		{"a long last line: to the end", "aaaaaaaaaaaa", 0, 5, 12},
		{"from the middle", "aa\n\nbb\n\ncc\n\ndd", 4, 6, 8},
		{"a break at the window's first byte does not end an empty piece", "\naaaaaaa\nb", 0, 5, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pieceEnd(tt.text, tt.start, tt.max); got != tt.want {
				t.Errorf("pieceEnd(%q, %d, %d) = %d, want %d", tt.text, tt.start, tt.max, got, tt.want)
			}
		})
	}
}

// TestPiecesReadAsWhole checks that a text read in small pieces gives
// the document it gives read whole: every test article and seed, and all
// of them strung together as one long text, facts and mentions alike.
func TestPiecesReadAsWhole(t *testing.T) {
	var paths []string
	for _, dir := range []string{filepath.Join("..", "seeds"), filepath.Join("..", "testdata", "articles")} {
		ps, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, ps...)
	}
	sort.Strings(paths)
	if len(paths) < 10 {
		t.Fatalf("found %d articles, want the seeds and the test articles", len(paths))
	}
	set, err := rules.Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	whole := New(set, lang.NewDetector())
	small := New(set, lang.NewDetector())
	small.pieceBytes = 300
	var texts, all []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
		if whole.detector.Detect(string(data)) == "ru" {
			all = append(all, string(data))
		}
	}
	texts = append(texts, strings.Join(all, "\n\n"))
	pieces := 0
	for i, text := range texts {
		for _, opt := range []Options{{}, {Mentions: true}} {
			in := Input{Source: "a.txt", Text: text}
			want, got := whole.Extract(in, opt), small.Extract(in, opt)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("text %d (mentions %v): in pieces of %d bytes, %d facts, read whole %d; first difference:\n%s",
					i, opt.Mentions, small.pieceBytes, len(got.Facts), len(want.Facts), firstFactDiff(got.Facts, want.Facts))
			}
		}
		for at := 0; at < len(text); at = pieceEnd(text, at, small.pieceBytes) {
			pieces++
		}
	}
	if pieces < 2*len(texts) {
		t.Fatalf("%d pieces in %d texts: the pieces are not small", pieces, len(texts))
	}
}

func firstFactDiff(got, want []Fact) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return "got  " + got[i].Text + " " + got[i].Sentence + "\nwant " + want[i].Text + " " + want[i].Sentence
		}
	}
	return "one is a prefix of the other"
}

// FuzzPieces checks on any text that reading it in pieces of a few bytes
// gives the document read whole.
//
//	go test ./extract -run '^$' -fuzz '^FuzzPieces$' -fuzztime 60s
func FuzzPieces(f *testing.F) {
	for _, s := range []string{
		"Рост 5%\n\nна 7 млрд тенге\nи 9%.",
		"Экспорт өсті 12 пайызға,\n5 млн теңге бөлінді.\n\n",
		"Revenue rose 12.5%\nto $3.4 billion\n\nin Q3 2025.",
		"date 2026-03-10\nЦены выросли на 15,3%\n\nза 2025 год.\n",
	} {
		f.Add(s, uint8(0), uint8(8))
	}
	set, err := rules.Load(nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	whole, small := New(set, lang.NewDetector()), New(set, lang.NewDetector())
	f.Fuzz(func(t *testing.T, raw string, langIdx, piece uint8) {
		text := strings.ToValidUTF8(raw, "\uFFFD")
		small.pieceBytes = 1 + int(piece%64)
		in := Input{Source: "fuzz.txt", Text: text, Lang: []string{"ru", "kk", "en"}[int(langIdx)%3]}
		for _, opt := range []Options{{}, {Mentions: true}} {
			want, got := whole.Extract(in, opt), small.Extract(in, opt)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("in pieces of %d bytes (mentions %v): %d facts, %d mentions; whole: %d facts, %d mentions\n%s",
					small.pieceBytes, opt.Mentions, len(got.Facts), len(got.Mentions), len(want.Facts), len(want.Mentions), firstFactDiff(got.Facts, want.Facts))
			}
		}
	})
}

// TestMentionsStayOnTheirLine: no mention runs over a line break, as no
// sentence does; pieces are cut at line breaks on that ground. Number
// words and phrases of a word list allowed any white space between
// their words before.
func TestMentionsStayOnTheirLine(t *testing.T) {
	set, err := rules.Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	x := New(set, lang.NewDetector())
	for _, tt := range []struct{ lang, text string }{
		{"en", "to $3.billion\n\nBn 00000000"},
		{"en", "one hundred\ntwenty people"},
		{"ru", "двести\nпятьдесят тысяч"},
		{"ru", "на 2 процентных\nпункта"},
		{"kk", "екі жүз\nмың теңге"},
	} {
		doc := x.Extract(Input{Source: "a.txt", Text: tt.text, Lang: tt.lang}, Options{Mentions: true})
		if len(doc.Mentions) == 0 {
			t.Errorf("%s %q: no mentions", tt.lang, tt.text)
		}
		for _, m := range doc.Mentions {
			if strings.Contains(m.Text, "\n") {
				t.Errorf("%s %q: mention %q runs over a line break", tt.lang, tt.text, m.Text)
			}
		}
	}
}
