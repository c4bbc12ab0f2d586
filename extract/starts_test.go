package extract

import (
	"slices"
	"strings"
	"testing"
)

// startsByStartOK is the finder's starts as they were first written: each
// position asks startOK, which decodes the runes around it again.
func (f *mentionFinder) startsByStartOK(s string) []start {
	var out []start
	for i, r := range s {
		if !startOK(s, i, f.joins) {
			continue
		}
		st := start{at: i, r: r, anchors: f.lang.AnchorsAt(s[i:])}
		if st.anchors&f.anyAnchors != 0 || f.anyFirst.Has(r) {
			out = append(out, st)
		}
	}
	return out
}

var startTexts = []string{
	"", "5", "1,5 млн", "22,24,26", "1.234.567 тенге", "в 2,3 раза", "а.5", ".5%", "x1", "1x",
	"12 000 000", "5,000.25", "3.14.15", "ә,1", "\xff1,2", "1,\xff2", "1\xd0,2", "§1,234", "1,2345",
}

// FuzzStarts checks that the start scanner, which reads the text once, finds the
// positions startOK finds, in every language, on any bytes.
func FuzzStarts(f *testing.F) {
	for _, s := range startTexts {
		f.Add(s)
	}
	finders := lazyFinders(f)
	sc := &scratch{} // one for every text, as the pool gives: words are remembered
	f.Fuzz(func(t *testing.T, s string) {
		for _, mf := range finders {
			got := mf.scanStarts(s, sc).next(nil, len(s))
			for i := range got {
				if m := got[i].memo; m != nil && (m.anchors != got[i].anchors ||
					m.size == 0 || got[i].at+int(m.size) > len(s)) {
					t.Fatalf("%s on %q: start %+v, its word %+v", mf.lang.Code, s, got[i], *m)
				}
				got[i].memo = nil
			}
			if want := mf.startsByStartOK(s); !slices.Equal(got, want) {
				t.Fatalf("%s on %q: starts %v, by startOK %v", mf.lang.Code, s, got, want)
			}
		}
	})
}

// TestMatchText checks the ё folding against the plain replacement: the
// same text, the same length, offsets kept.
func TestMatchText(t *testing.T) {
	for _, s := range []string{"", "ё", "Ё", "ещё", "Ёлка и ёж", "ёё", "aёb", "без букв", "\xd1", "x\xd0", "\xd1\x91\xd0\x81"} {
		want := strings.NewReplacer("ё", "е", "Ё", "Е").Replace(s)
		if got, _ := matchTextIn(nil, s); got != want || len(got) != len(s) {
			t.Errorf("matchTextIn(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzMatchText(f *testing.F) {
	f.Add("Ёлка и ёж")
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.NewReplacer("ё", "е", "Ё", "Е").Replace(s)
		if got, _ := matchTextIn(nil, s); got != want {
			t.Errorf("matchTextIn(%q) = %q, want %q", s, got, want)
		}
		// in a reused room, short or long, holding another text
		for _, room := range [][]byte{[]byte("xyz"), []byte(strings.Repeat("ё", len(s)+1))} {
			if got, _ := matchTextIn(room, s); got != want {
				t.Errorf("matchTextIn(%q, %q) = %q, want %q", room, s, got, want)
			}
		}
	})
}

// TestCyrillic4 checks the four-letter test of the start scanner on every
// pair of its two-byte runes' first bytes: it holds exactly for letters
// of U+0400–U+047F, and they are all word runes.
func TestCyrillic4(t *testing.T) {
	for r := rune(0x80); r < 0x800; r++ {
		one := string(r)
		got := cyrillic4(strings.Repeat(one, 4), 0)
		want := r >= 0x400 && r < 0x480
		if got != want {
			t.Errorf("cyrillic4(%U ×4) = %v, want %v", r, got, want)
		}
		if want && !isWordRune(r) {
			t.Errorf("%U passes cyrillic4 but is no word rune", r)
		}
		if cyrillic4("аб"+one+"в", 0) != want {
			t.Errorf("cyrillic4 with %U third = %v, want %v", r, !want, want)
		}
	}
	for _, s := range []string{"абв  ", "абв..", "1абвг", "абвгд"[:7] + "x", "\xd0\xd0\xd0\xd0\xd0\xd0\xd0\xd0", "ab\xd0\xb0cd\xd0\xb0"} {
		if cyrillic4(s, 0) {
			t.Errorf("cyrillic4(%q) holds", s)
		}
	}
}
