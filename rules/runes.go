package rules

import (
	"unicode"
	"unicode/utf8"
)

// The finder asks, at every rune of every text, whether it is a letter
// and what its lower case is; unicode answers by searching tables. For
// the runes of the three languages' scripts (Latin and Cyrillic, below
// tableRunes) the answers are looked up instead.

const tableRunes = 0x500

// letters has bit r set when r is a letter; lowers[r] is r lower-cased.
var letters, lowers = runeTables()

func runeTables() (*[tableRunes / 64]uint64, *[tableRunes]rune) {
	var isLetter [tableRunes / 64]uint64
	var lower [tableRunes]rune
	for r := rune(0); r < tableRunes; r++ {
		if unicode.IsLetter(r) {
			isLetter[r/64] |= 1 << (r % 64)
		}
		lower[r] = unicode.ToLower(r)
	}
	return &isLetter, &lower
}

// IsLetter is unicode.IsLetter, by table for Latin and Cyrillic.
func IsLetter(r rune) bool {
	if r >= 0 && r < tableRunes {
		return letters[r/64]&(1<<(r%64)) != 0
	}
	return unicode.IsLetter(r)
}

// ToLower is unicode.ToLower, by table for Latin and Cyrillic.
func ToLower(r rune) rune {
	if r >= 0 && r < tableRunes {
		return lowers[r]
	}
	return unicode.ToLower(r)
}

// lowerSameLength is unicode.ToLower where that keeps the rune's UTF-8
// length, r itself otherwise.
func lowerSameLength(r rune) rune {
	if low := ToLower(r); utf8.RuneLen(low) == utf8.RuneLen(r) {
		return low
	}
	return r
}
