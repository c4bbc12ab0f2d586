package lang

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// Stemmer reduces a lowercase word to a stem for matching word lists.
type Stemmer interface {
	Stem(word string) string
}

// stemFunc adapts a function to Stemmer.
type stemFunc func(string) string

// Stem implements Stemmer.
func (f stemFunc) Stem(word string) string { return f(word) }

// Snowball returns the snowball stemmer for "ru" or "en" (ok=false
// otherwise). Russian maps ё to е first.
//
// Every word is stemmed, stop words included, as the Snowball algorithm
// does: word lists and text go through the same function, so only
// consistency matters.
func Snowball(code string) (Stemmer, bool) {
	switch code {
	case codeRussian:
		return stemFunc(stemRussian), true
	case codeEnglish:
		return stemFunc(stemEnglish), true
	}
	return nil, false
}

func stemRussian(word string) string {
	word = strings.ReplaceAll(strings.ToLower(word), "ё", "е")
	return russian.Stem(word, true)
}

func stemEnglish(word string) string {
	return english.Stem(strings.ToLower(word), true)
}

// SuffixStripper strips the longest matching suffix, repeatedly, keeping at
// least MinStem runes; it is how Kazakh is stemmed, with the suffix list
// kept in the rules files (data), not in code.
//
// Suffixes are lowercase; empty ones are ignored. A MinStem below 1 counts
// as 1, so a word never stems to nothing.
type SuffixStripper struct {
	Suffixes []string
	MinStem  int
}

// Stem lowercases word and strips suffixes from it until none fits.
func (s SuffixStripper) Stem(word string) string {
	word = strings.ToLower(word)
	minStem := max(s.MinStem, 1)
	for {
		best := ""
		for _, suf := range s.Suffixes {
			if len(suf) <= len(best) || !strings.HasSuffix(word, suf) {
				continue
			}
			if utf8.RuneCountInString(word[:len(word)-len(suf)]) >= minStem {
				best = suf
			}
		}
		if best == "" {
			return word
		}
		word = word[:len(word)-len(best)]
	}
}

// Cached remembers up to max stems of a stemmer, safely for concurrent
// use: news repeats its words, and snowball costs far more than a lookup.
func Cached(s Stemmer, max int) Stemmer {
	return &cachedStemmer{s: s, max: int64(max)}
}

type cachedStemmer struct {
	s   Stemmer
	max int64
	n   atomic.Int64
	m   sync.Map // word → stem
}

func (c *cachedStemmer) Stem(word string) string {
	if v, ok := c.m.Load(word); ok {
		return v.(string)
	}
	stem := c.s.Stem(word)
	if c.n.Load() < c.max {
		if _, loaded := c.m.LoadOrStore(word, stem); !loaded {
			c.n.Add(1)
		}
	}
	return stem
}
