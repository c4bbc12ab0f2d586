package extract

import (
	"os"
	"path/filepath"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/factx/factx/rules"
)

// TestWordsFold checks that words folds each word as rules.Fold does,
// over every letter of the seed articles and some of other scripts.
func TestWordsFold(t *testing.T) {
	texts := []string{
		"ЁЛКА Ёж ёжик Ѐ Ѝ ЎЏ Іі ӘәҒғҚқҢңӨөҰұҮүҺһ ΣΑΣ Straße İstanbul ǅemal ẞ",
		"co-operation COVID-19 ПРЕСС-СЛУЖБА жаңа‑түрі Ⅻ ⓐ слово-- Слово‑ ЖАҢА‑-‑ x",
	}
	var all []rune
	for r := rune(0x370); r < 0x530; r++ {
		all = append(all, r, 'A'+r%26)
	}
	texts = append(texts, string(all))
	paths, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	n := 0
	for _, text := range texts {
		for _, w := range words(text, span{0, len(text)}) {
			raw := text[w.start:w.end]
			if want := rules.Fold(raw); w.text != want {
				t.Errorf("fold %q = %q, want %q", raw, w.text, want)
			}
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d words read", n)
	}
}

// TestIsLetter checks the fast path of isLetter against unicode.IsLetter.
func TestIsLetter(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if got, want := isLetter(r), unicodeIsLetter(r); got != want {
			t.Errorf("isLetter(%U) = %v, want %v", r, got, want)
		}
	}
}

func unicodeIsLetter(r rune) bool { return unicode.IsLetter(r) }

// TestDecodeRune checks decodeRune against utf8.DecodeRuneInString on
// every rune and on broken sequences.
func TestDecodeRune(t *testing.T) {
	texts := []string{"\xc2", "\xc0\x80", "\xc1\xbf", "\xd0", "\xd0A", "\xe2\x80", "\xff", "\x80"}
	for r := rune(0); r < 0x11000; r++ {
		texts = append(texts, string(r))
	}
	for _, s := range texts {
		r, n := decodeRune(s, 0)
		wr, wn := utf8.DecodeRuneInString(s)
		if r != wr || n != wn {
			t.Errorf("decodeRune(%q) = %U, %d, want %U, %d", s, r, n, wr, wn)
		}
	}
}

// TestIsFolded checks isFolded against rules.Fold on every letter.
func TestIsFolded(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if !unicode.IsLetter(r) {
			continue
		}
		if got, want := isFolded(r), rules.Fold(string(r)) == string(r); got != want {
			t.Errorf("isFolded(%U) = %v, want %v", r, got, want)
		}
	}
}
