package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"math"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// factID is a short digest of the source and the fact's normalized
// content, so it survives edits elsewhere in the article and changes of
// whitespace or line endings; n > 0 tells apart facts that would
// otherwise collide.
func factID(source string, f Fact, n int) string {
	var scratch [512]byte
	key := appendIDKey(scratch[:0], source, &f, appendNormalized(nil, f.Sentence))
	return idOf(appendSalt(key, n))
}

// appendIDKey appends what the id of f digests, but for the collision
// number: source, kind, value, unit, metric, date and the normalized
// sentence norm, each closed by a zero byte.
func appendIDKey(buf []byte, source string, f *Fact, norm []byte) []byte {
	buf = append(append(buf, source...), 0)
	buf = append(append(buf, f.Kind...), 0)
	buf = append(appendNumber(buf, f.Value), 0)
	buf = append(append(buf, f.Unit...), 0)
	buf = append(append(buf, f.Metric...), 0)
	buf = append(append(buf, f.Date...), 0)
	return append(append(buf, norm...), 0)
}

// appendSalt appends the collision number n > 0, three bytes little
// endian; n = 0 adds nothing.
func appendSalt(key []byte, n int) []byte {
	if n > 0 {
		key = append(key, byte(n), byte(n>>8), byte(n>>16))
	}
	return key
}

// idOf is the first 8 hex digits of the SHA-256 of key.
func idOf(key []byte) string {
	sum := sha256.Sum256(key)
	var out [8]byte
	hex.Encode(out[:], sum[:4])
	return string(out[:])
}

// hasher is idOf with one SHA-256 state, reset for each key: Sum256
// makes a state each time.
type hasher struct {
	h   hash.Hash
	sum []byte
}

func (x *hasher) of(key []byte) string {
	if x.h == nil {
		x.h = sha256.New()
	}
	x.h.Reset()
	x.h.Write(key)
	x.sum = x.h.Sum(x.sum[:0])
	var out [8]byte
	hex.Encode(out[:], x.sum[:4])
	return string(out[:])
}

// appendNumber appends n.String().
func appendNumber(buf []byte, n Number) []byte {
	v := float64(n)
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return append(buf, '0')
	}
	return strconv.AppendFloat(buf, v, 'f', -1, 64)
}

// normalizeSentence folds case and turns every run of Unicode white space
// (spaces, tabs, NBSP, line ends) into one space, for ids.
func normalizeSentence(s string) string {
	return string(appendNormalized(nil, s))
}

// appendNormalized appends normalizeSentence(s): strings.ToLower of s
// (invalid UTF-8 as U+FFFD) with its runs of white space as one space and
// none at either end. ASCII and basic Cyrillic take a fast path.
func appendNormalized(buf []byte, s string) []byte {
	start := len(buf)
	space := false // white space since the last rune kept
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == ' ' || '\t' <= c && c <= '\r':
				space = true
				continue
			}
			if space && len(buf) > start {
				buf = append(buf, ' ')
			}
			space = false
			buf = append(buf, c)
			continue
		}
		r, size := decodeRune(s, i)
		i += size
		switch {
		case 0x430 <= r && r <= 0x45F: // lower case Cyrillic
		case 0x410 <= r && r <= 0x42F:
			r += 0x20
		case 0x400 <= r && r <= 0x40F:
			r += 0x50
		default:
			if r = unicode.ToLower(r); unicode.IsSpace(r) {
				space = true
				continue
			}
		}
		if space && len(buf) > start {
			buf = append(buf, ' ')
		}
		space = false
		buf = utf8.AppendRune(buf, r)
	}
	return buf
}

// smallIDs is how many facts an article may have for assignIDs to look
// for a collision among them rather than in a map.
const smallIDs = 32

// assignIDs gives every fact its id, numbering collisions in order.
func assignIDs(source string, facts []Fact) {
	// the ids given so far: looked up among the facts themselves for a
	// few, in a map past smallIDs
	var used map[string]bool
	if len(facts) > smallIDs {
		used = make(map[string]bool, len(facts))
	}
	taken := func(i int, id string) bool {
		if used != nil {
			return used[id]
		}
		for _, g := range facts[:i] {
			if g.ID == id {
				return true
			}
		}
		return false
	}
	var ids hasher // one digest for the article's facts, not one each
	var keyBuf, normBuf [512]byte
	key, norm := keyBuf[:0], normBuf[:0]
	sent, normed := "", false
	for i := range facts {
		f := &facts[i]
		// the facts of a sentence stand together: normalize it once
		if !normed || f.Sentence != sent {
			sent, normed = f.Sentence, true
			norm = appendNormalized(norm[:0], sent)
		}
		key = appendIDKey(key[:0], source, f, norm)
		base := len(key)
		for n := 0; ; n++ {
			id := ids.of(appendSalt(key[:base], n))
			if !taken(i, id) {
				if used != nil {
					used[id] = true
				}
				f.ID = id
				break
			}
		}
	}
}
