package extract

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/factx/factx/rules"
)

// lazyFinders are the mention finders of every embedded language, loaded
// as factx loads them.
func lazyFinders(tb testing.TB) []*mentionFinder {
	tb.Helper()
	set, err := rules.LoadLazy()
	if err != nil {
		tb.Fatal(err)
	}
	var finders []*mentionFinder
	for _, code := range set.Codes() {
		finders = append(finders, newMentionFinder(set.Lang(code)))
	}
	return finders
}

// FuzzMentions runs the mention finder of every language alone on
// arbitrary text: no panic; every mention lies inside the text, on rune
// boundaries, with its text at its (byte) offsets; mentions are sorted
// and a number, where there is one, is finite.
//
//	go test ./extract -run '^$' -fuzz '^FuzzMentions$' -fuzztime 30s
func FuzzMentions(f *testing.F) {
	for _, s := range []string{
		"", "5%", "в 2,3 раза", "316,3 млрд тенге", "2,3 есеге артқан", "$1.2bn", "10–15%",
		"от 10 до 15 процентов", "екі жүз мың", "twenty-five", "15 марта 2025 года", "I квартал",
		"09.07.2024 16:32 794", "½ million", "1.844.036", "№ 53-ФЗ", "+7 (701) 123-45-67",
	} {
		f.Add(s)
	}
	finders := lazyFinders(f)
	f.Fuzz(func(t *testing.T, raw string) {
		text := strings.ToValidUTF8(raw, "\uFFFD")
		for _, mf := range finders {
			last := -1
			for _, m := range mf.find(text, "2026-03-10") {
				if m.Start < 0 || m.End > len(text) || m.Start > m.End {
					t.Fatalf("%s: mention %q at [%d,%d) outside %d bytes", mf.lang.Code, m.Text, m.Start, m.End, len(text))
				}
				if !utf8.RuneStart(text[m.Start]) || (m.End < len(text) && !utf8.RuneStart(text[m.End])) {
					t.Fatalf("%s: mention %q not on rune boundaries", mf.lang.Code, m.Text)
				}
				if text[m.Start:m.End] != m.Text {
					t.Fatalf("%s: mention text %q, text at its offsets %q", mf.lang.Code, m.Text, text[m.Start:m.End])
				}
				if m.Value != nil && (math.IsInf(float64(*m.Value), 0) || math.IsNaN(float64(*m.Value))) {
					t.Fatalf("%s: mention %q has value %v", mf.lang.Code, m.Text, *m.Value)
				}
				if m.Start < last {
					t.Fatalf("%s: mentions out of order", mf.lang.Code)
				}
				last = m.Start
			}
		}
	})
}

// FuzzSegments checks that reading a text in segments (see mentions)
// finds what one pass over the whole finds, however small the segments.
func FuzzSegments(f *testing.F) {
	for _, s := range []string{
		"Рост на 5%. Потом 316,3 млрд тенге,\n\nи в 2,3 раза.", "2,3 есеге артқан, 15 наурыз 2025 жыл",
		"from $1.2bn to $3bn in 2024", "от 10 до 15 процентов", "1 2 3 4 5 6 7 8 9 10 11 12",
	} {
		f.Add(s, uint8(1))
	}
	whole := lazyFinders(f)
	parts := lazyFinders(f)
	f.Fuzz(func(t *testing.T, raw string, size uint8) {
		text := strings.ToValidUTF8(raw, "\uFFFD")
		for i, mf := range parts {
			mf.segment = 1 + int(size)%64
			want := whole[i].mentions(nil, text, "2026-03-10", true)
			got := mf.mentions(nil, text, "2026-03-10", true)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s, segments of %d bytes, on %q:\n got %v\nwant %v", mf.lang.Code, mf.segment, text, got, want)
			}
		}
	})
}

// TestSegmentsOnArticles reads the seeds and the test articles in small
// segments: the mentions are those of one pass.
func TestSegmentsOnArticles(t *testing.T) {
	var texts []string
	for _, dir := range []string{"../seeds", "../testdata/articles"} {
		names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	if len(texts) == 0 {
		t.Fatal("no articles")
	}
	whole := lazyFinders(t)
	parts := lazyFinders(t)
	for _, text := range texts {
		for i, mf := range parts {
			mf.segment = 100
			if got, want := mf.mentions(nil, text, "2026-03-10", true), whole[i].mentions(nil, text, "2026-03-10", true); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: segments of 100 bytes find %d mentions, one pass %d", mf.lang.Code, len(got), len(want))
			}
		}
	}
}
