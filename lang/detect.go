package lang

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
)

// Language codes returned by Detect and taken by Snowball.
const (
	codeRussian = "ru"
	codeKazakh  = "kk"
	codeEnglish = "en"
)

// rule is the tuning of the letter rule, measured on the seed articles and
// the evaluation corpora (see detect_test.go).
type rule struct {
	// maxLetters bounds how many letters Detect reads.
	maxLetters int
	// kazakhShare is the share of Cyrillic words holding a Kazakh-only
	// letter from which a text is Kazakh without asking statistics.
	kazakhShare float64
	// shortWords is the largest count of Cyrillic words for which a text
	// with no Kazakh-only letter at all is still handed to statistics.
	shortWords int
}

// defaultRule: about 500 letters is 80 Russian words or 1000 bytes of
// Cyrillic, plenty to tell the three languages apart, and it keeps Detect
// cheap on long articles. Kazakh prose has 40-70% of its words with a
// Kazakh-only letter; Russian news about Kazakhstan has a few per cent at
// most (names such as Қасым-Жомарт). A short Kazakh sentence can miss all
// of them ("Су сап-сары."), a Kazakh paragraph practically never does.
var defaultRule = rule{maxLetters: 500, kazakhShare: 0.2, shortWords: 3}

// Detector tells Russian, Kazakh and English apart. Safe for concurrent use;
// build once and share.
//
// Most texts are decided by counting letters; the lingua statistical
// detector is built on first need only, since loading its models takes
// time and memory that most inputs never need. Lingua keeps loaded models
// for the life of the process, shared by all Detectors.
type Detector struct {
	rule   rule
	once   sync.Once
	lingua lingua.LanguageDetector
}

// NewDetector returns a Detector. It is cheap: the statistical models are
// loaded lazily, the first time a text needs them.
func NewDetector() *Detector {
	return &Detector{rule: defaultRule}
}

// Detect returns "ru", "kk", "en", or "" when the text has no letters
// (none in the Latin or Cyrillic script). It reads the text only up to the
// end of the word holding its 500th letter.
func (d *Detector) Detect(text string) string {
	c := count(text, d.rule.maxLetters)
	switch d.rule.verdict(c) {
	case decided:
		return d.rule.guess(c)
	case unclear:
		// Only Cyrillic text is ever unclear, so an English answer (lingua
		// goes by the script of most words) is no answer.
		if got := d.statistics(text[:c.end]); got == codeRussian || got == codeKazakh {
			return got
		}
		return d.rule.guess(c)
	default:
		return ""
	}
}

// statistics asks lingua, building it on first use; "" when lingua
// cannot decide.
func (d *Detector) statistics(text string) string {
	d.once.Do(func() {
		d.lingua = lingua.NewLanguageDetectorBuilder().
			FromLanguages(lingua.Russian, lingua.Kazakh, lingua.English).
			WithLowAccuracyMode().
			Build()
	})
	got, ok := d.lingua.DetectLanguageOf(text)
	if !ok {
		return ""
	}
	switch got {
	case lingua.Russian:
		return codeRussian
	case lingua.Kazakh:
		return codeKazakh
	case lingua.English:
		return codeEnglish
	}
	return ""
}

// counts are the letter and word counts of a text prefix.
type counts struct {
	latin, cyrillic int // letters
	cyrWords        int // words with a Cyrillic letter
	kazakhWords     int // of those, words with a Kazakh-only letter
	end             int // byte offset where reading stopped, on a rune boundary
}

// verdict says whether the counts decide the language.
type verdict int

const (
	noLetters verdict = iota
	decided
	unclear
)

// count reads text word by word until it has seen at least limit letters,
// finishing the word it is in. It decodes runes of two bytes (Cyrillic)
// in place and sorts those below U+0800 by table: it reads every rune of
// a text's head.
func count(text string, limit int) counts {
	var c counts
	letters := 0
	inWord, wordCyr, wordKazakh := false, false, false
	for i, next := 0, 0; i < len(text); i = next {
		r, size := rune(text[i]), 1
		switch {
		case r < utf8.RuneSelf:
		case r >= 0xc2 && r < 0xe0 && i+1 < len(text) && text[i+1]&0xc0 == 0x80:
			r, size = (r&0x1f)<<6|rune(text[i+1]&0x3f), 2
		default:
			r, size = utf8.DecodeRuneInString(text[i:]) // as range reads it
		}
		next = i + size
		class := otherLetter
		if r < classTableLen {
			class = classTable[r]
		} else {
			class = classify(r)
		}
		if class == notLetter {
			if inWord {
				if wordCyr {
					c.cyrWords++
					if wordKazakh {
						c.kazakhWords++
					}
				}
				inWord, wordCyr, wordKazakh = false, false, false
				if letters >= limit {
					c.end = i
					return c
				}
			}
			continue
		}
		inWord = true
		letters++
		switch class {
		case latinLetter:
			c.latin++
		case kazakhLetter:
			wordKazakh = true
			fallthrough
		case cyrillicLetter:
			c.cyrillic++
			wordCyr = true
		}
	}
	if wordCyr {
		c.cyrWords++
		if wordKazakh {
			c.kazakhWords++
		}
	}
	c.end = len(text)
	return c
}

// classTableLen bounds the runes classTable sorts: those of one and two
// bytes in UTF-8 (ASCII, Latin, Cyrillic).
const classTableLen = 0x800

// classTable holds classify of each rune below classTableLen.
var classTable = func() (t [classTableLen]letterClass) {
	for r := range rune(classTableLen) {
		t[r] = classify(r)
	}
	return t
}()

// letterClass sorts runes for count.
type letterClass uint8

const (
	notLetter letterClass = iota
	latinLetter
	cyrillicLetter
	kazakhLetter // a Cyrillic letter of Kazakh that Russian lacks
	otherLetter
)

// classify sorts a rune, with fast paths for ASCII and the Cyrillic block
// since it runs on every rune Detect reads.
func classify(r rune) letterClass {
	switch {
	case r < utf8.RuneSelf:
		if lower := r | 0x20; 'a' <= lower && lower <= 'z' {
			return latinLetter
		}
		return notLetter
	case 0x0482 <= r && r <= 0x0489: // ҂ and combining marks
		return notLetter
	case 0x0400 <= r && r <= 0x04FF:
		if isKazakhLetter(r) {
			return kazakhLetter
		}
		return cyrillicLetter
	case !unicode.IsLetter(r):
		return notLetter
	case unicode.Is(unicode.Latin, r):
		return latinLetter
	case unicode.Is(unicode.Cyrillic, r):
		return cyrillicLetter
	}
	return otherLetter
}

// isKazakhLetter tells the Cyrillic letters of the Kazakh alphabet that
// Russian does not have: Ә Ғ Қ Ң Ө Ұ Ү Һ І. І is shared with Ukrainian and
// Belarusian and Һ with Bashkir, but neither language is a candidate here.
func isKazakhLetter(r rune) bool {
	switch r {
	case 'Ә', 'ә', 'Ғ', 'ғ', 'Қ', 'қ', 'Ң', 'ң', 'Ө', 'ө', 'Ұ', 'ұ', 'Ү', 'ү', 'Һ', 'һ', 'І', 'і':
		return true
	}
	return false
}

// verdict decides what the letters alone can.
func (r rule) verdict(c counts) verdict {
	switch {
	case c.latin == 0 && c.cyrillic == 0:
		return noLetters
	case c.latin > c.cyrillic:
		return decided
	case c.kazakhWords == 0 && c.cyrWords > r.shortWords:
		return decided
	case r.kazakh(c):
		return decided
	}
	return unclear
}

// kazakh tells whether enough Cyrillic words hold a Kazakh-only letter.
func (r rule) kazakh(c counts) bool {
	return c.kazakhWords > 0 && float64(c.kazakhWords) >= r.kazakhShare*float64(c.cyrWords)
}

// guess is the rule's answer, used as is when decided and as the fallback
// when statistics cannot decide.
func (r rule) guess(c counts) string {
	switch {
	case c.latin > c.cyrillic:
		return codeEnglish
	case r.kazakh(c):
		return codeKazakh
	}
	return codeRussian
}
