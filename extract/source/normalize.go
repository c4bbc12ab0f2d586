package source

import (
	"strings"
	"unicode/utf8"
)

// Normalize makes text read as a person would: CRLF and CR become LF;
// zero-width characters (U+200B-U+200D, U+2060, U+FEFF) and soft hyphens
// (U+00AD) are removed. Nothing else changes (NBSP, thin spaces, dashes and
// quotes stay for the rules), and invalid UTF-8 bytes are kept as they are.
// Offsets in the output refer to the normalized text.
func Normalize(s string) string {
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
