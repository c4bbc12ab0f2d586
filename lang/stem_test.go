package lang

import "testing"

func TestSnowball(t *testing.T) {
	tests := []struct {
		code, word, want string
	}{
		// Noun and verb of one root get different stems: снижение → снижен
		// but снизилась → сниз, рост → рост but вырос → вырос. That is
		// expected of Snowball, so the rules files list both stems.
		{"ru", "снижение", "снижен"},
		{"ru", "снижения", "снижен"},
		{"ru", "снизилась", "сниз"},
		{"ru", "снизился", "сниз"},
		{"ru", "рост", "рост"},
		{"ru", "вырос", "вырос"},
		{"ru", "выросла", "выросл"},
		{"ru", "увеличилась", "увелич"},
		{"ru", "увеличился", "увелич"},
		// Stem lowercases itself.
		{"ru", "Снижение", "снижен"},
		// ё is read as е: both spellings meet.
		{"ru", "ёлка", "елк"},
		{"ru", "елка", "елк"},
		{"ru", "четвёртый", "четверт"},
		{"en", "increased", "increas"},
		{"en", "increase", "increas"},
		{"en", "increases", "increas"},
		{"en", "increasing", "increas"},
		{"en", "Increased", "increas"},
		{"en", "declined", "declin"},
		{"en", "decline", "declin"},
		// Irregular verbs keep their own form.
		{"en", "rose", "rose"},
	}
	for _, tt := range tests {
		s, ok := Snowball(tt.code)
		if !ok {
			t.Fatalf("Snowball(%q) not ok", tt.code)
		}
		if got := s.Stem(tt.word); got != tt.want {
			t.Errorf("%s Stem(%q) = %q, want %q", tt.code, tt.word, got, tt.want)
		}
	}
}

func TestSnowballUnknown(t *testing.T) {
	for _, code := range []string{"kk", "", "RU", "de"} {
		if s, ok := Snowball(code); ok || s != nil {
			t.Errorf("Snowball(%q) = %v, %v; want nil, false", code, s, ok)
		}
	}
}

// kazakhSuffixes is a sample list; the real one lives in the rules files.
var kazakhSuffixes = []string{
	"ған", "ген", "қан", "кен", "ды", "ді", "ты", "ті", "ға", "ге", "қа", "ке",
	"дан", "ден", "тан", "тен", "нан", "нен", "ның", "нің", "дың", "дің", "тың", "тің",
	"лар", "лер", "дар", "дер", "тар", "тер",
}

func TestSuffixStripper(t *testing.T) {
	tests := []struct {
		name     string
		suffixes []string
		minStem  int
		word     string
		want     string
	}{
		{"past participle ген", kazakhSuffixes, 2, "төмендеген", "төменде"},
		{"past participle ған", kazakhSuffixes, 2, "азайған", "азай"},
		{"past participle қан", kazakhSuffixes, 2, "артқан", "арт"},
		{"past tense ті", kazakhSuffixes, 2, "өсті", "өс"},
		{"lowercases", kazakhSuffixes, 2, "Өсті", "өс"},
		{"repeats: дың then лар", kazakhSuffixes, 2, "қалалардың", "қала"},
		{"no suffix", kazakhSuffixes, 2, "бала", "бала"},
		// Over-stemming is the price of a plain list: теңге loses ге.
		{"dative-looking ending", kazakhSuffixes, 2, "теңге", "тең"},
		{"keeps MinStem runes", kazakhSuffixes, 3, "өсті", "өсті"},
		{"word is a suffix", kazakhSuffixes, 2, "ты", "ты"},
		{"longest first", []string{"ен", "ген"}, 2, "төмендеген", "төменде"},
		{"shorter when longest would cut too deep", []string{"ан", "қан"}, 4, "артқан", "артқ"},
		{"empty suffix ignored", []string{"", "ды"}, 2, "алды", "ал"},
		{"MinStem 0 keeps a rune", []string{"ды", "л", "а"}, 0, "алды", "а"},
		{"no suffixes", nil, 2, "Алды", "алды"},
	}
	for _, tt := range tests {
		s := SuffixStripper{Suffixes: tt.suffixes, MinStem: tt.minStem}
		if got := s.Stem(tt.word); got != tt.want {
			t.Errorf("%s: Stem(%q) = %q, want %q", tt.name, tt.word, got, tt.want)
		}
	}
}

// SuffixStripper must satisfy Stemmer.
var _ Stemmer = SuffixStripper{}

// TestCached: a cached stemmer gives the stems of the one it wraps, and
// stops remembering at its bound.
func TestCached(t *testing.T) {
	ru, _ := Snowball("ru")
	c := Cached(ru, 2)
	for _, w := range []string{"снижение", "снизилась", "рост", "снижение", "вырос"} {
		if got, want := c.Stem(w), ru.Stem(w); got != want {
			t.Errorf("Stem(%q) = %q, want %q", w, got, want)
		}
	}
	if n := c.(*cachedStemmer).n.Load(); n != 2 {
		t.Errorf("remembered %d stems, want the bound 2", n)
	}
}
