package extract

import (
	"math"
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
