package source

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// FuzzValidUTF8 checks validUTF8 against utf8.Valid.
func FuzzValidUTF8(f *testing.F) {
	for _, s := range []string{"", "abc", "Инфляция 8,5%", "Қазақстан € 🙂", "\xd0", "\xd0\xd0\x90", "\xc1\x80",
		"\xe2\x82", "a\x80b", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xef\xbf\xbd"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		if got, want := validUTF8(p), utf8.Valid(p); got != want {
			t.Fatalf("validUTF8(%q) = %v, want %v", p, got, want)
		}
	})
}

// TestShortRunes8 checks shortRunes8 against utf8.DecodeRune on chunks
// of ASCII, two-byte runes, longer runes and stray bytes.
func TestShortRunes8(t *testing.T) {
	// want is what shortRunes8 must return for the chunk p
	want := func(p []byte) int {
		n := 0
		for n < len(p) {
			r, size := utf8.DecodeRune(p[n:])
			if size > 2 || r == utf8.RuneError && size == 1 {
				if n+1 == len(p) && p[n] >= 0xC2 && p[n] < 0xE0 {
					return n // a first byte last: its rune goes on
				}
				return 0
			}
			n += size
		}
		return n
	}
	pieces := []string{"a", " ", "7", "\x00", "\x7f", "ж", "Ё", "қ", "é", "\u0080", "\u07ff", "€", "🙂",
		"\x80", "\xbf", "\xc0", "\xc1", "\xc2", "\xdf", "\xe0", "\xf0", "\xff"}
	// chunks strung from the pieces in a fixed pseudo-random order
	rng := rand.New(rand.NewPCG(1, 2))
	for count := 0; count < 200000; count++ {
		var p []byte
		for len(p) < 8 {
			p = append(p, pieces[rng.IntN(len(pieces))]...)
		}
		p = p[:8]
		w := uint64(0)
		for k := 7; k >= 0; k-- {
			w = w<<8 | uint64(p[k])
		}
		if got, exp := shortRunes8(w), want(p); got != exp {
			t.Fatalf("shortRunes8(%q) = %d, want %d", p, got, exp)
		}
	}
}
