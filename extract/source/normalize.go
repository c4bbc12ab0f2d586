package source

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize makes text read as a person would: CRLF and CR become LF;
// zero-width characters (U+200B-U+200D, U+2060, U+FEFF) and soft hyphens
// (U+00AD) are removed. Nothing else changes (NBSP, thin spaces, dashes and
// quotes stay for the rules), and invalid UTF-8 bytes are kept as they are.
// Words that mix Latin and Cyrillic letters are written in one script
// (see unmix). Offsets in the output refer to the normalized text.
func Normalize(s string) string {
	return unmix(stripInvisible(s))
}

func stripInvisible(s string) string {
	if !strings.ContainsAny(s, "\r\u200B\u200C\u200D\u2060\uFEFF\u00AD") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\r' {
			b.WriteByte('\n')
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
			continue
		}
		if c < 0x80 {
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Letters that look the same in Latin and Cyrillic; "i" stands for the
// Kazakh and Ukrainian "і".
var (
	latinToCyrillic = map[rune]rune{
		'a': 'а', 'c': 'с', 'e': 'е', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у', 'i': 'і',
		'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'K': 'К', 'M': 'М', 'O': 'О',
		'P': 'Р', 'T': 'Т', 'X': 'Х', 'I': 'І',
	}
	cyrillicToLatin = func() map[rune]rune {
		m := make(map[rune]rune, len(latinToCyrillic))
		for l, c := range latinToCyrillic {
			m[c] = l
		}
		return m
	}()
)

// unmix rewrites a word typed with letters of both scripts ("КZT" with a
// Cyrillic К, "бiр" with a Latin i) in the script most of its letters
// use, when every odd letter has a look-alike there; other words are
// left alone.
func unmix(s string) string {
	var b strings.Builder
	changed := false
	start := -1
	flush := func(end int) {
		word := s[start:end]
		if fixed, ok := unmixWord(word); ok {
			if !changed {
				b.Grow(len(s))
				b.WriteString(s[:start])
				changed = true
			}
			b.WriteString(fixed)
		} else if changed {
			b.WriteString(word)
		}
	}
	for i, r := range s {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			flush(i)
			start = -1
		}
		if changed {
			b.WriteRune(r)
		}
	}
	if start >= 0 {
		flush(len(s))
	}
	if !changed {
		return s
	}
	return b.String()
}

func unmixWord(w string) (string, bool) {
	latin, cyrillic := 0, 0
	for _, r := range w {
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		}
	}
	if latin == 0 || cyrillic == 0 || latin == cyrillic {
		return "", false
	}
	table, odd := cyrillicToLatin, unicode.Cyrillic
	if cyrillic > latin {
		table, odd = latinToCyrillic, unicode.Latin
	}
	out := []rune(w)
	for i, r := range out {
		if !unicode.Is(odd, r) {
			continue
		}
		m, ok := table[r]
		if !ok {
			return "", false
		}
		out[i] = m
	}
	return string(out), true
}
