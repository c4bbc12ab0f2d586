package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
)

// factID is a short digest of the source and the fact's normalized
// content, so it survives edits elsewhere in the article and changes of
// whitespace or line endings; n > 0 tells apart facts that would
// otherwise collide.
func factID(source string, f Fact, n int) string {
	h := sha256.New()
	for _, part := range []string{source, f.Kind, f.Value.String(), f.Unit, f.Metric, f.Date, normalizeSentence(f.Sentence)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	if n > 0 {
		h.Write([]byte{byte(n), byte(n >> 8), byte(n >> 16)})
	}
	return hex.EncodeToString(h.Sum(nil))[:8]
}

// normalizeSentence folds case and turns every run of Unicode white space
// (spaces, tabs, NBSP, line ends) into one space, for ids.
func normalizeSentence(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), unicode.IsSpace), " ")
}

// assignIDs gives every fact its id, numbering collisions in order.
func assignIDs(source string, facts []Fact) {
	used := map[string]bool{}
	for i := range facts {
		for n := 0; ; n++ {
			id := factID(source, facts[i], n)
			if !used[id] {
				used[id] = true
				facts[i].ID = id
				break
			}
		}
	}
}
