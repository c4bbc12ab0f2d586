package source

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalizeReference is Normalize as first written: simple and slow. The
// fast Normalize must give the same bytes for every input (see
// FuzzNormalizeFast).
func normalizeReference(s string) string {
	return unmixReference(stripInvisibleReference(s))
}

func stripInvisibleReference(s string) string {
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

var (
	latinToCyrillicReference = map[rune]rune{
		'a': 'а', 'c': 'с', 'e': 'е', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у', 'i': 'і',
		'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'K': 'К', 'M': 'М', 'O': 'О',
		'P': 'Р', 'T': 'Т', 'X': 'Х', 'I': 'І',
	}
	cyrillicToLatinReference = func() map[rune]rune {
		m := make(map[rune]rune, len(latinToCyrillicReference))
		for l, c := range latinToCyrillicReference {
			m[c] = l
		}
		return m
	}()
)

func unmixReference(s string) string {
	var b strings.Builder
	changed := false
	start := -1
	flush := func(end int) {
		word := s[start:end]
		if fixed, ok := unmixWordReference(word); ok {
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

func unmixWordReference(w string) (string, bool) {
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
	table, odd := cyrillicToLatinReference, unicode.Cyrillic
	if cyrillic > latin {
		table, odd = latinToCyrillicReference, unicode.Latin
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
