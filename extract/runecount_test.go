package extract

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestRuneCounter converts byte offsets asked in any order, as facts that
// overlap ask them, and checks each against a count from the start.
func TestRuneCounter(t *testing.T) {
	text := "Инфляция 8,5% — Қазақстан 2025 ж. € ok 🙂 end"
	var bounds []int
	for i := range text {
		bounds = append(bounds, i)
	}
	bounds = append(bounds, len(text))
	c := newRuneCounter(text)
	rng := rand.New(rand.NewPCG(7, 11))
	for range 500 {
		b := bounds[rng.IntN(len(bounds))]
		if got, want := c.runes(b), utf8.RuneCountInString(text[:b]); got != want {
			t.Fatalf("runes(%d) = %d, want %d", b, got, want)
		}
	}
}

// FuzzRuneCount checks runeCount against utf8.RuneCountInString, bytes
// that are not UTF-8 included.
func FuzzRuneCount(f *testing.F) {
	for _, s := range []string{"", "abc", "Инфляция 8,5%", "Қазақстан € 🙂", "\xd0", "\xd0\xd0\x90", "\xc1\x80", "\xe2\x82", "a\x80b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := runeCount(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("runeCount(%q) = %d, want %d", s, got, want)
		}
	})
}
