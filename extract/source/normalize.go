package source

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize makes text read as a person would: CRLF and CR become LF;
// zero-width characters (U+200B-U+200D, U+2060, U+FEFF) and soft hyphens
// (U+00AD) are removed. Nothing else changes (NBSP, thin spaces, dashes and
// quotes stay for the rules), and invalid UTF-8 bytes are kept as they are,
// except after a mixed-script word has been rewritten, where unmix turns
// them into U+FFFD. Words that mix Latin and Cyrillic letters are written
// in one script (see unmix). Offsets in the output refer to the normalized
// text.
//
// Most texts need none of this, so one pass first proves that and returns
// s itself, without allocating.
func Normalize(s string) string {
	if out, ok := unmix(s, true); ok {
		return out
	}
	out, _ := unmix(stripInvisible(s), false)
	return out
}

// stripInvisible turns CRLF and CR into LF and drops the zero-width
// characters and soft hyphens; it returns s itself when nothing changes.
// It matches the encoded bytes of those characters directly: their first
// bytes never occur inside another character, even in invalid UTF-8, so a
// match is always the character itself.
func stripInvisible(s string) string {
	var b strings.Builder
	last := 0 // s[last:i] is still to be copied
	for i := 0; i < len(s); {
		c := s[i]
		if !invisibleLead[c] {
			i++
			continue
		}
		drop := 0
		switch c {
		case '\r':
			drop = 1
			if i+1 < len(s) && s[i+1] == '\n' {
				drop = 2
			}
		case 0xC2: // U+00AD
			if i+1 < len(s) && s[i+1] == 0xAD {
				drop = 2
			}
		case 0xE2: // U+200B-U+200D, U+2060
			if i+2 < len(s) && (s[i+1] == 0x80 && s[i+2] >= 0x8B && s[i+2] <= 0x8D ||
				s[i+1] == 0x81 && s[i+2] == 0xA0) {
				drop = 3
			}
		case 0xEF: // U+FEFF
			if i+2 < len(s) && s[i+1] == 0xBB && s[i+2] == 0xBF {
				drop = 3
			}
		}
		if drop == 0 {
			i++
			continue
		}
		if b.Cap() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		if c == '\r' {
			b.WriteByte('\n')
		}
		i += drop
		last = i
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// invisibleLead marks the first bytes of what stripInvisible changes.
var invisibleLead = [256]bool{'\r': true, 0xC2: true, 0xE2: true, 0xEF: true}

// lookAlikes pairs each Latin letter with the Cyrillic letter that looks
// the same; "i" stands for the Kazakh and Ukrainian "і".
const lookAlikes = "aаcсeеoоpрxхyуiіAАBВCСEЕHНKКMМOОPРTТXХIІ"

// The look-alike tables: Latin letters are ASCII, and their Cyrillic
// twins lie in U+0400-U+045F.
const cyrillicBase, cyrillicSpan = 0x400, 0x60

var (
	latinToCyrillic = func() (t [utf8.RuneSelf]rune) {
		for l, c := range lookAlikePairs() {
			t[l] = c
		}
		return t
	}()
	cyrillicToLatin = func() (t [cyrillicSpan]byte) {
		for l, c := range lookAlikePairs() {
			t[c-cyrillicBase] = byte(l)
		}
		return t
	}()
)

// lookAlikePairs maps the Latin letters of lookAlikes to their twins.
func lookAlikePairs() map[rune]rune {
	rs := []rune(lookAlikes)
	m := make(map[rune]rune, len(rs)/2)
	for i := 0; i+1 < len(rs); i += 2 {
		m[rs[i]] = rs[i+1]
	}
	return m
}

// Character classes for unmix, as bits.
const (
	clsLetter    = 1 << iota // unicode.IsLetter
	clsLatin                 // a letter of the Latin script
	clsCyrillic              // a letter of the Cyrillic script
	clsInvisible             // changed by stripInvisible
	clsInvalid               // an invalid UTF-8 byte

	clsMixed = clsLatin | clsCyrillic
)

// classTableLen covers the runes of one and two bytes in UTF-8: ASCII,
// Latin-1, the Latin Extended and the Cyrillic blocks, where nearly all
// letters of the texts are.
const classTableLen = 0x800

// classTable holds classOf for runes below classTableLen.
var classTable = func() (t [classTableLen]uint8) {
	for r := range rune(classTableLen) {
		t[r] = slowClass(r)
	}
	return t
}()

// letterBlock holds, for each first byte of a two-byte rune, the class
// of all 64 runes it begins when they are letters of one class alike
// (Cyrillic's U+0400–U+047F, Latin Extended-A), 0 otherwise.
var letterBlock = func() (t [256]uint8) {
	for lead := 0xC2; lead < 0xE0; lead++ {
		first := rune(lead&0x1F) << 6
		cls := classTable[first]
		for r := first; r < first+64; r++ {
			if classTable[r] != cls {
				cls = 0
				break
			}
		}
		if cls&clsLetter != 0 {
			t[lead] = cls
		}
	}
	return t
}()

// classOf returns the class bits of a valid rune r.
func classOf(r rune) uint8 {
	if r < classTableLen {
		return classTable[r]
	}
	if r >= 0x2000 && r < 0x2070 { // General Punctuation: no letters
		if r >= 0x200B && r <= 0x200D || r == 0x2060 {
			return clsInvisible
		}
		return 0
	}
	return slowClass(r)
}

// slowClass computes classOf with the unicode tables.
func slowClass(r rune) uint8 {
	switch {
	case r == '\r' || r == 0xAD || r >= 0x200B && r <= 0x200D || r == 0x2060 || r == 0xFEFF:
		return clsInvisible
	case !unicode.IsLetter(r):
		return 0
	case unicode.Is(unicode.Latin, r):
		return clsLetter | clsLatin
	case unicode.Is(unicode.Cyrillic, r):
		return clsLetter | clsCyrillic
	}
	return clsLetter
}

// unmix rewrites each word typed with letters of both scripts ("КZT" with
// a Cyrillic К, "бiр" with a Latin i) in the script most of its letters
// use, when every odd letter has a look-alike there; other words are left
// alone. A word is a run of letters. Once a word has been rewritten,
// invalid UTF-8 bytes after it become U+FFFD. It returns s itself when
// nothing changes.
//
// With stop set, unmix gives up (returning false) at the first character
// stripInvisible would change, so that Normalize can strip first.
func unmix(s string, stop bool) (string, bool) {
	u := unmixer{s: s}
	start := -1 // start of the current word
	var seen uint8
	for i := 0; i < len(s); {
		c := s[i]
		var cls uint8
		size := 1
		switch {
		case c < utf8.RuneSelf:
			cls = classTable[c]
		case c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			cls = classTable[rune(c&0x1F)<<6|rune(s[i+1]&0x3F)]
			size = 2
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if size == 1 {
				cls = clsInvalid
			} else {
				cls = classOf(r)
			}
		}
		if cls&clsLetter != 0 {
			if start < 0 {
				start, seen = i, 0
			}
			seen |= cls
			i += size
			// the rest of a word in one two-byte block of letters (most
			// of Cyrillic) is read a rune at a time with no decoding
			for i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
				run := letterBlock[s[i]]
				if run == 0 {
					break
				}
				seen |= run
				i += 2
			}
			continue
		}
		if start >= 0 {
			if seen&clsMixed == clsMixed {
				u.word(start, i)
			}
			start = -1
		}
		switch {
		case cls&clsInvisible != 0 && stop:
			return "", false
		case cls&clsInvalid != 0 && u.changed:
			u.replace(i, i+1, "\uFFFD")
		}
		i += size
	}
	if start >= 0 && seen&clsMixed == clsMixed {
		u.word(start, len(s))
	}
	if !u.changed {
		return s, true
	}
	u.b.WriteString(s[u.last:])
	return u.b.String(), true
}

// unmixer builds unmix's output; nothing is copied before the first
// change.
type unmixer struct {
	s       string
	b       strings.Builder
	changed bool
	last    int // s[last:] is still to be copied
}

// replace copies s up to start and writes with in place of s[start:end].
func (u *unmixer) replace(start, end int, with string) {
	if !u.changed {
		u.b.Grow(len(u.s))
		u.changed = true
	}
	u.b.WriteString(u.s[u.last:start])
	u.b.WriteString(with)
	u.last = end
}

// word rewrites s[start:end], a word with Latin and Cyrillic letters, in
// the script of most of them, if each odd letter has a look-alike there.
func (u *unmixer) word(start, end int) {
	w := u.s[start:end]
	latin, cyrillic := 0, 0
	for _, r := range w {
		switch cls := classOf(r); {
		case cls&clsLatin != 0:
			latin++
		case cls&clsCyrillic != 0:
			cyrillic++
		}
	}
	if latin == cyrillic {
		return
	}
	odd := uint8(clsCyrillic)
	if cyrillic > latin {
		odd = clsLatin
	}
	for _, r := range w {
		if classOf(r)&odd != 0 && twin(r) == 0 {
			return
		}
	}
	u.replace(start, start, "")
	for _, r := range w { // all letters, so valid UTF-8
		if classOf(r)&odd != 0 {
			r = twin(r)
		}
		u.b.WriteRune(r)
	}
	u.last = end
}

// twin returns the look-alike of r in the other script, or 0.
func twin(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		return latinToCyrillic[r]
	case r >= cyrillicBase && r < cyrillicBase+cyrillicSpan:
		return rune(cyrillicToLatin[r-cyrillicBase])
	}
	return 0
}
