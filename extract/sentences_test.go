package extract

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refSentences is sentences as first written, decoding every rune: the
// oracle FuzzSentences checks the byte scan against.
func refSentences(text string) []span {
	var out []span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e {
			r, size := utf8.DecodeRuneInString(text[s:])
			if !unicode.IsSpace(r) {
				break
			}
			s += size
		}
		for e > s {
			r, size := utf8.DecodeLastRuneInString(text[:e])
			if !unicode.IsSpace(r) {
				break
			}
			e -= size
		}
		if e > s {
			out = append(out, span{s, e})
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			emit(i)
			start = i + size
		case r == '.' || r == '!' || r == '?' || r == '…':
			j := i + size
			// closing quotes and brackets stay with the sentence
			for j < len(text) {
				c, n := utf8.DecodeRuneInString(text[j:])
				if !strings.ContainsRune(`"»”')`, c) {
					break
				}
				j += n
			}
			k := j
			spaced := false
			for k < len(text) {
				c, n := utf8.DecodeRuneInString(text[k:])
				if c == '\n' || !unicode.IsSpace(c) {
					break
				}
				spaced = true
				k += n
			}
			if spaced && k < len(text) {
				c, _ := utf8.DecodeRuneInString(text[k:])
				if unicode.IsUpper(c) || unicode.IsDigit(c) || strings.ContainsRune(`"«“'—–-`, c) {
					if !abbreviationBefore(text[:i]) {
						emit(j)
						start = k
					}
				}
			}
			i = j
			continue
		}
		i += size
	}
	emit(len(text))
	return out
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"", "Раз. Два!", "К. Токаев сказал.\nДа… «Нет.» 5. 6", "a.\xe2\x80", "x\xe2.\n Y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := sentences(s), refSentences(s); !slices.Equal(got, want) {
			t.Fatalf("sentences(%q) = %v, first version %v", s, got, want)
		}
	})
}
