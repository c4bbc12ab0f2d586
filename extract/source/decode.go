package source

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Encoding names accepted by Decode and Options.Encoding.
const (
	EncUTF8        = "utf-8"
	EncUTF16LE     = "utf-16le"
	EncUTF16BE     = "utf-16be"
	EncWindows1251 = "windows-1251"
	EncKOI8R       = "koi8-r"
)

// errBinary is returned for input that is not text.
var errBinary = errors.New("binary file")

const (
	warnBadUTF8  = "invalid UTF-8 replaced with U+FFFD"
	warnBadUTF16 = "invalid UTF-16 replaced with U+FFFD"
)

// scoreSample bounds how much of a legacy-encoded input is scored: the
// choice between Windows-1251 and KOI8-R is clear long before 64 KiB.
const scoreSample = 64 << 10

// CheckEncoding reports whether name is an encoding Decode can force, so a
// command can reject a bad flag before reading any input. "" (detect) is
// valid.
func CheckEncoding(name string) error {
	_, err := canonical(name)
	return err
}

// nameSeparators are dropped from encoding names: "UTF-8", "utf_8" and
// "utf 8" are one name.
var nameSeparators = strings.NewReplacer("-", "", "_", "", " ", "")

// canonical maps an encoding name (any case, with or without dashes, and a
// few common aliases) to one of the Enc constants.
func canonical(name string) (string, error) {
	if name == "" {
		return "", nil // detect: what nearly every read asks
	}
	key := nameSeparators.Replace(strings.ToLower(name))
	switch key {
	case "":
		return "", nil
	case "utf8":
		return EncUTF8, nil
	case "utf16le":
		return EncUTF16LE, nil
	case "utf16be":
		return EncUTF16BE, nil
	case "windows1251", "cp1251":
		return EncWindows1251, nil
	case "koi8r", "koi8":
		return EncKOI8R, nil
	}
	return "", fmt.Errorf("unknown encoding %q (want %s, %s, %s, %s or %s)",
		name, EncUTF8, EncUTF16LE, EncUTF16BE, EncWindows1251, EncKOI8R)
}

// Decode turns raw bytes into UTF-8 text. With name == "" the encoding is
// detected: a BOM (UTF-8, UTF-16 LE/BE) is honoured and stripped; valid
// UTF-8 is taken as is; UTF-16 without a BOM is recognised by its NUL
// pattern only when that is unambiguous; other invalid UTF-8 that reads as
// Russian is decoded as Windows-1251 or KOI8-R, whichever yields more common
// Russian letters and bigrams; anything else is repaired with U+FFFD and a
// warning. A name forces that encoding. NUL bytes outside UTF-16 mean a
// binary file, which is an error. Warnings do not name the input: the caller
// adds that.
func Decode(raw []byte, name string) (text string, warnings []string, err error) {
	enc, err := canonical(name)
	if err != nil {
		return "", nil, err
	}
	if len(raw) == 0 {
		return "", nil, nil
	}
	switch enc {
	case EncUTF8:
		return decodeUTF8(bytes.TrimPrefix(raw, bomUTF8))
	case EncUTF16LE:
		return decodeUTF16(raw, false)
	case EncUTF16BE:
		return decodeUTF16(raw, true)
	case EncWindows1251:
		return decodeLegacy(raw, charmap.Windows1251)
	case EncKOI8R:
		return decodeLegacy(raw, charmap.KOI8R)
	}
	return detect(raw)
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// detect picks the encoding of raw (no encoding forced) and decodes it.
func detect(raw []byte) (string, []string, error) {
	switch {
	case bytes.HasPrefix(raw, bomUTF8):
		return decodeUTF8(raw[len(bomUTF8):])
	case bytes.HasPrefix(raw, bomUTF16LE):
		return decodeUTF16(raw, false)
	case bytes.HasPrefix(raw, bomUTF16BE):
		return decodeUTF16(raw, true)
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		if bigEndian, ok := looksUTF16(raw); ok {
			return decodeUTF16(raw, bigEndian)
		}
		return "", nil, errBinary
	}
	if utf8.Valid(raw) {
		return string(raw), nil, nil
	}
	if cm := legacyGuess(raw); cm != nil {
		return decodeLegacy(raw, cm)
	}
	return decodeUTF8(raw)
}

// decodeOwned is Decode for bytes that nothing else holds or changes
// (Read's own buffer): detected valid UTF-8 without a BOM, nearly every
// article, becomes the text without a copy.
func decodeOwned(raw []byte, name string) (string, []string, error) {
	if name == "" && len(raw) > 0 && !bytes.HasPrefix(raw, bomUTF8) &&
		bytes.IndexByte(raw, 0) < 0 && validUTF8(raw) {
		return unsafe.String(&raw[0], len(raw)), nil, nil
	}
	return Decode(raw, name)
}

// decodeUTF8 validates raw as UTF-8, replacing each invalid byte with U+FFFD.
func decodeUTF8(raw []byte) (string, []string, error) {
	if bytes.IndexByte(raw, 0) >= 0 {
		return "", nil, errBinary
	}
	if utf8.Valid(raw) {
		return string(raw), nil, nil
	}
	var b strings.Builder
	b.Grow(len(raw) + 16)
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.Write(raw[:size])
		}
		raw = raw[size:]
	}
	return b.String(), []string{warnBadUTF8}, nil
}

// decodeUTF16 decodes raw as UTF-16 of the given byte order, stripping a
// matching BOM. Unpaired surrogates and a dangling odd byte become U+FFFD
// with a warning; a U+0000 character means binary data.
func decodeUTF16(raw []byte, bigEndian bool) (string, []string, error) {
	order, bom := xunicode.LittleEndian, bomUTF16LE
	if bigEndian {
		order, bom = xunicode.BigEndian, bomUTF16BE
	}
	raw = bytes.TrimPrefix(raw, bom)
	out, err := xunicode.UTF16(order, xunicode.IgnoreBOM).NewDecoder().Bytes(raw)
	if err != nil {
		return "", nil, fmt.Errorf("decode UTF-16: %w", err)
	}
	if bytes.IndexByte(out, 0) >= 0 {
		return "", nil, errBinary
	}
	var warnings []string
	// The decoder turns bad code units into U+FFFD; more of them in the
	// output than U+FFFD units in the input means something was replaced.
	if len(raw)%2 != 0 || countFFFD(out) > countUnitFFFD(raw, bigEndian) {
		warnings = append(warnings, warnBadUTF16)
	}
	return string(out), warnings, nil
}

// countFFFD counts U+FFFD runes in UTF-8 text.
func countFFFD(b []byte) int {
	return bytes.Count(b, []byte("\uFFFD"))
}

// countUnitFFFD counts 0xFFFD code units in UTF-16 data.
func countUnitFFFD(raw []byte, bigEndian bool) int {
	n := 0
	for i := 0; i+1 < len(raw); i += 2 {
		u := uint16(raw[i]) | uint16(raw[i+1])<<8
		if bigEndian {
			u = uint16(raw[i])<<8 | uint16(raw[i+1])
		}
		if u == 0xFFFD {
			n++
		}
	}
	return n
}

// looksUTF16 reports whether raw, which contains NUL bytes and no BOM, is
// clearly UTF-16 text: NULs (high bytes of ASCII characters) almost all on
// one side of the code-unit pairs, and the decoded units free of control
// characters and unpaired surrogates.
func looksUTF16(raw []byte) (bigEndian, ok bool) {
	if len(raw)%2 != 0 {
		return false, false
	}
	var evenNUL, oddNUL int
	for i := 0; i < len(raw); i += 2 {
		if raw[i] == 0 {
			evenNUL++
		}
		if raw[i+1] == 0 {
			oddNUL++
		}
	}
	// A few units like U+0400 or U+2000 have a zero low byte; allow them
	// but demand a strong skew.
	switch {
	case oddNUL > 0 && evenNUL*10 <= oddNUL:
		bigEndian = false
	case evenNUL > 0 && oddNUL*10 <= evenNUL:
		bigEndian = true
	default:
		return false, false
	}
	return bigEndian, plausibleUTF16(raw, bigEndian)
}

// plausibleUTF16 checks that every code unit is a printable character,
// common whitespace or part of a well-formed surrogate pair.
func plausibleUTF16(raw []byte, bigEndian bool) bool {
	unit := func(i int) uint16 {
		if bigEndian {
			return uint16(raw[i])<<8 | uint16(raw[i+1])
		}
		return uint16(raw[i]) | uint16(raw[i+1])<<8
	}
	for i := 0; i < len(raw); i += 2 {
		u := unit(i)
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if i+3 >= len(raw) {
				return false
			}
			if next := unit(i + 2); next < 0xDC00 || next > 0xDFFF {
				return false
			}
			i += 2
		case u >= 0xDC00 && u <= 0xDFFF:
			return false
		case u == '\t' || u == '\n' || u == '\r' || u == '\f':
		case u < 0x20 || (u >= 0x7F && u < 0xA0) || u == 0xFFFE || u == 0xFFFF:
			return false
		}
	}
	return true
}

// decodeLegacy decodes a single-byte Cyrillic encoding. Bytes the code page
// leaves undefined become U+FFFD with a warning.
func decodeLegacy(raw []byte, cm *charmap.Charmap) (string, []string, error) {
	if bytes.IndexByte(raw, 0) >= 0 {
		return "", nil, errBinary
	}
	out, err := cm.NewDecoder().Bytes(raw)
	if err != nil {
		return "", nil, fmt.Errorf("decode %s: %w", cm, err)
	}
	var warnings []string
	if countFFFD(out) > 0 {
		warnings = append(warnings, fmt.Sprintf("bytes undefined in %s replaced with U+FFFD", cm))
	}
	return string(out), warnings, nil
}

// legacyGuess decides whether invalid UTF-8 raw is Russian in Windows-1251
// or KOI8-R and returns that code page, or nil when it is rather damaged
// UTF-8 or some other encoding (then it is repaired as UTF-8).
func legacyGuess(raw []byte) *charmap.Charmap {
	var validMulti, invalid int
	for b := raw; len(b) > 0; {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
		case size > 1:
			validMulti++
		}
		b = b[size:]
	}
	// Mostly well-formed UTF-8 with a few bad bytes: repair it.
	if validMulti >= invalid {
		return nil
	}
	sample := raw
	if len(sample) > scoreSample {
		sample = sample[:scoreSample]
	}
	best, bestText := charmap.Windows1251, decodeSample(sample, charmap.Windows1251)
	if koi := decodeSample(sample, charmap.KOI8R); russianScore(koi) > russianScore(bestText) {
		best, bestText = charmap.KOI8R, koi
	}
	if !cyrillicWords(bestText) {
		return nil
	}
	return best
}

// decodeSample decodes a sample with cm; charmap decoders cannot fail.
func decodeSample(b []byte, cm *charmap.Charmap) string {
	out, err := cm.NewDecoder().Bytes(b)
	if err != nil {
		return ""
	}
	return string(out)
}

// cyrillicWords reports whether the Cyrillic letters of s mostly stand in
// Cyrillic words rather than inside Latin words, as the accented letters of
// Latin-1 text would when read as a Cyrillic code page.
func cyrillicWords(s string) bool {
	var cyr, mixed int
	prevLatin := false
	var prevCyr bool
	for _, r := range s {
		isCyr := unicode.Is(unicode.Cyrillic, r) && unicode.IsLetter(r)
		isLatin := r < utf8.RuneSelf && unicode.IsLetter(r)
		if isCyr {
			cyr++
			if prevLatin {
				mixed++
			}
		}
		if isLatin && prevCyr {
			mixed++
		}
		prevLatin, prevCyr = isLatin, isCyr
	}
	return cyr > 0 && mixed*4 < cyr
}

// russianFreq is the frequency of each lowercase Russian letter in ordinary
// text, in hundredths of a percent.
var russianFreq = map[rune]int{
	'о': 1097, 'е': 845, 'а': 801, 'и': 735, 'н': 670, 'т': 626, 'с': 547,
	'р': 473, 'в': 454, 'л': 440, 'к': 349, 'м': 321, 'д': 298, 'п': 281,
	'у': 262, 'я': 201, 'ы': 190, 'ь': 174, 'г': 170, 'з': 165, 'б': 159,
	'ч': 144, 'й': 121, 'х': 97, 'ж': 94, 'ш': 73, 'ю': 64, 'ц': 48,
	'щ': 36, 'э': 32, 'ф': 26, 'ъ': 4, 'ё': 4,
}

// russianBigrams are frequent letter pairs of Russian; each occurrence adds
// to the score.
var russianBigrams = map[[2]rune]bool{
	{'с', 'т'}: true, {'н', 'о'}: true, {'т', 'о'}: true, {'н', 'а'}: true, {'е', 'н'}: true, {'о', 'в'}: true,
	{'н', 'и'}: true, {'р', 'а'}: true, {'в', 'о'}: true, {'к', 'о'}: true, {'р', 'о'}: true, {'а', 'л'}: true,
	{'о', 'л'}: true, {'р', 'е'}: true, {'п', 'р'}: true, {'е', 'р'}: true, {'п', 'о'}: true, {'г', 'о'}: true,
	{'л', 'и'}: true, {'а', 'н'}: true, {'е', 'т'}: true, {'о', 'с'}: true, {'н', 'е'}: true, {'л', 'а'}: true,
	{'а', 'т'}: true, {'н', 'ы'}: true, {'к', 'а'}: true, {'о', 'р'}: true, {'о', 'м'}: true, {'е', 'л'}: true,
	{'в', 'а'}: true, {'т', 'а'}: true, {'и', 'т'}: true, {'л', 'ь'}: true, {'о', 'д'}: true, {'л', 'е'}: true,
	{'т', 'и'}: true, {'т', 'ь'}: true, {'е', 'с'}: true, {'о', 'г'}: true, {'с', 'к'}: true, {'с', 'я'}: true,
}

const (
	bigramBonus  = 300
	camelPenalty = 1500
)

// russianScore rates how much s looks like Russian: the frequency of its
// letters, common bigrams, and a penalty for an uppercase letter right after
// a lowercase one, which a wrong code page produces in capitalised words.
func russianScore(s string) int {
	score := 0
	var prev rune
	prevLower := false
	for _, r := range s {
		lower := unicode.ToLower(r)
		f, ok := russianFreq[lower]
		if !ok {
			prev, prevLower = 0, false
			continue
		}
		score += f
		isLower := lower == r
		if !isLower && prevLower {
			score -= camelPenalty
		}
		if prev != 0 && russianBigrams[[2]rune{prev, lower}] {
			score += bigramBonus
		}
		prev, prevLower = lower, isLower
	}
	return score
}

// validUTF8 is utf8.Valid, whose loop decodes every rune that is not
// ASCII through its tables: here eight bytes of ASCII and two-byte runes,
// as Russian and Kazakh are written, are checked at once (see
// shortRunes8), a two-byte rune alone is checked in place, and only
// other bytes go to utf8.Valid.
func validUTF8(p []byte) bool {
	for i := 0; i < len(p); {
		if i+8 <= len(p) {
			b := p[i : i+8]
			w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
				uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
			if n := shortRunes8(w); n > 0 {
				i += n
				continue
			}
		}
		switch c := p[i]; {
		case c < utf8.RuneSelf:
			i++
		case c >= 0xc2 && c < 0xe0 && i+1 < len(p) && p[i+1]&0xc0 == 0x80:
			i += 2
		default:
			r, size := utf8.DecodeRune(p[i:])
			if r == utf8.RuneError && size == 1 {
				return false
			}
			i += size
		}
	}
	return true
}

// shortRunes8 reads eight bytes, w in little-endian order, that begin at a
// rune: when they are valid runes of one and two bytes only, it returns
// how many of them are whole runes (8, or 7 when the last is a first
// byte), else 0. Each byte's top bits tell its kind; a first byte
// (110xxxxx, but not the overlong 0xC0 and 0xC1) must be followed by a
// continuation byte (10xxxxxx) and every continuation byte must follow
// one, so the continuation bytes are the first bytes moved one place up.
func shortRunes8(w uint64) int {
	const top = 0x8080808080808080
	b7 := w & top
	if b7 == 0 {
		return 8 // ASCII
	}
	b6, b5 := w<<1&top, w<<2&top // bits 6 and 5 of each byte, at bit 7
	if b7&b6&b5 != 0 {
		return 0 // 111xxxxx: a longer rune, or not UTF-8
	}
	lead, cont := b7&b6, b7&^b6
	if cont != lead<<8 {
		return 0
	}
	// a zero in bits 4-1 of a first byte is 0xC0 or 0xC1; the bytes of z
	// are even, so no borrow can mark a byte that is not zero
	z := w & 0x1E1E1E1E1E1E1E1E
	if (z-0x0101010101010101)&^z&lead != 0 {
		return 0
	}
	if lead>>63 != 0 {
		return 7
	}
	return 8
}
