package rules

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Go's regexp folds case rune by rune as it matches a (?i) pattern, and
// on long word lists that is a fifth of the work. A rule whose pattern
// has no case-sensitive part is therefore rewritten for lower-cased text
// (LowerText) and compiled without (?i): the same matches at the same
// offsets, as lower-casing keeps every rune's length.

// compilePattern compiles a rule's anchored pattern; lower tells that it
// matches lower-cased text.
func compilePattern(src string) (*regexp.Regexp, bool, error) {
	if low, ok := lowerPattern(src); ok {
		if re, err := regexp.Compile("^(?:" + low + ")"); err == nil {
			return re, true, nil
		}
	}
	re, err := regexp.Compile(anchoredPattern(src))
	return re, false, err
}

// lowerPattern lower-cases the letters of a pattern outside escapes,
// group names and flags; ok is false when the pattern has parts that
// tell case apart, which lower-cased text cannot serve.
func lowerPattern(src string) (string, bool) {
	for _, sensitive := range []string{"(?-i", `\p{Lu}`, `\p{Ll}`, `\p{Lt}`, `\P{`, `\pL`} {
		if strings.Contains(src, sensitive) {
			return "", false
		}
	}
	var b strings.Builder
	b.Grow(len(src))
	for i := 0; i < len(src); {
		switch {
		case src[i] == '\\' && i+1 < len(src):
			// an escape is copied as written: \d, \x{00A0}, \p{L}, \.
			j := i + 2
			if strings.IndexByte("xpP", src[i+1]) >= 0 && j < len(src) && src[j] == '{' {
				if k := strings.IndexByte(src[j:], '}'); k >= 0 {
					j += k + 1
				}
			} else {
				_, size := utf8.DecodeRuneInString(src[i+1:])
				j = i + 1 + size
			}
			b.WriteString(src[i:j])
			i = j
		case strings.HasPrefix(src[i:], "(?P<"):
			k := strings.IndexByte(src[i:], '>')
			if k < 0 {
				return "", false
			}
			b.WriteString(src[i : i+k+1])
			i += k + 1
		case strings.HasPrefix(src[i:], "(?"):
			k := strings.IndexAny(src[i+2:], ":)")
			if k < 0 {
				return "", false
			}
			b.WriteString(src[i : i+2+k+1])
			i += 2 + k + 1
		default:
			r, size := utf8.DecodeRuneInString(src[i:])
			if low := unicode.ToLower(r); utf8.RuneLen(low) == size {
				r = low
			}
			b.WriteRune(r)
			i += size
		}
	}
	return b.String(), true
}

// lowerTwoBytes holds, for each rune written in two bytes (U+0080 to
// U+07FF, by its lead and continuation bytes), the two bytes of its lower
// case, or 0 where lowerSameLength leaves it as it is.
var lowerTwoBytes = func() (t [30 << 6]uint16) {
	for r := rune(0x80); r < 0x800; r++ {
		if low := lowerSameLength(r); low != r {
			var b [2]byte
			utf8.EncodeRune(b[:], low)
			var enc [2]byte
			utf8.EncodeRune(enc[:], r)
			t[int(enc[0]-0xc2)<<6|int(enc[1]&0x3f)] = uint16(b[0])<<8 | uint16(b[1])
		}
	}
	return t
}()

// LowerText lower-cases text without changing its length in bytes, so
// offsets found in it hold in the text: a rune whose lower case is
// written with another number of bytes is left as it is.
func LowerText(s string) string {
	low, _ := LowerTextIn(nil, s)
	return low
}

// LowerTextIn is LowerText writing its copy, when it needs one, in buf's
// room (grown if short): a caller that reads the text only while it
// needs it passes the same buf again, and it returns it to that end.
func LowerTextIn(buf []byte, s string) (string, []byte) {
	var b []byte // a copy of s, made at the first letter to lower
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				if b == nil {
					b = append(buf[:0], s...)
				}
				b[i] = c + 'a' - 'A'
			}
			i++
			continue
		}
		if c == 0xd0 || c == 0xd1 {
			// the lower-case letters of Russian and Kazakh's ones in
			// these rows (а–п, р–я, ѐ–џ) stay as they are: most of a
			// text, passed with no table
			for i+1 < len(s) {
				c, c2 := s[i], s[i+1]
				if !(c == 0xd0 && c2 >= 0xb0 && c2 <= 0xbf || c == 0xd1 && c2 >= 0x80 && c2 <= 0x9f) {
					break
				}
				i += 2
			}
			if i >= len(s) {
				break
			}
			if c = s[i]; c < utf8.RuneSelf {
				continue
			}
		}
		if c >= 0xc2 && c <= 0xdf && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
			// two bytes, as Cyrillic is written: by table
			if low := lowerTwoBytes[int(c-0xc2)<<6|int(s[i+1]&0x3f)]; low != 0 {
				if b == nil {
					b = append(buf[:0], s...)
				}
				b[i], b[i+1] = byte(low>>8), byte(low)
			}
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			i++
			continue // an invalid byte stays as it is
		}
		if low := lowerSameLength(r); low != r {
			if b == nil {
				b = append(buf[:0], s...)
			}
			utf8.EncodeRune(b[i:], low)
		}
		i += size
	}
	if b == nil {
		return s, buf
	}
	return unsafe.String(&b[0], len(b)), b // b is not written again until passed again
}
