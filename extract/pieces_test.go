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
