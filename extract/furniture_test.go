package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/factx/factx/rules"
)

// regexpFurniture is furniture as regexp alone tells it, the
// reference the automata must agree with.
func regexpFurniture(text string, l *rules.Lang) []span {
	var out []span
	off := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		trimmed := strings.Join(strings.Fields(line), " ")
		if trimmed != "" {
			for _, re := range l.FurnitureStop {
				if re.MatchString(trimmed) {
					return append(out, span{off, len(text)})
				}
			}
			for _, re := range l.FurnitureSkip {
				if re.MatchString(trimmed) {
					out = append(out, span{off, off + len(line)})
					break
				}
			}
		}
		off += len(line)
	}
	return out
}

func TestFurnitureMatchesRegexp(t *testing.T) {
	set, err := rules.Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"",
		"\n\n",
		"Текст статьи.\nФото: пресс-служба\nЕщё текст.",
		"Текст.\n  Фото :   Акорда  \nТекст\tс\u00a0пробелами.\n",
		"Text.\nPhoto: Reuters\nRead more:\nMore text after the stop.",
		"Мәтін.\nСурет: ашық дереккөз\nСондай-ақ оқыңыз\nСоңы.",
		"Подписывайтесь на наш Telegram-канал\nSubscribe to our WhatsApp channel now\nобычный текст",
		"1 234 просмотра\n12 views\n5 рет қаралды\nПросмотров: 77",
		"ЧИТАЙТЕ ТАКЖЕ: другая новость\nПоделиться\nПоделиться, чем\nНашли ошибку? Выделите её",
		"Комментарии\u2003:\nТеги :",
		"Fake\xff line\nФото\u2028: x\n\u3000Photo:\u0085y",
	}
	paths, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	arts, _ := filepath.Glob(filepath.Join("testdata", "articles", "*"))
	for _, p := range append(paths, arts...) {
		if data, err := os.ReadFile(p); err == nil {
			texts = append(texts, string(data))
		}
	}
	for _, code := range set.Codes() {
		l := set.Lang(code)
		f := newFurnitureReader(l)
		marked := 0
		for _, text := range texts {
			got, want := f.lines(text), regexpFurniture(text, l)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: lines(%.60q) = %v, want %v", code, text, got, want)
			}
			marked += len(want)
		}
		if marked == 0 {
			t.Errorf("%s: no furniture marked: the test tells nothing", code)
		}
	}
}

// FuzzFurniture checks the languages' furniture, read by the union of
// their patterns, against regexp reading each pattern.
func FuzzFurniture(f *testing.F) {
	for _, s := range []string{"Текст.\nФото: пресс-служба\nЕщё.", "Read more:\nx", "1 234 просмотра\nПросмотров: 77",
		"Подписывайтесь на наш Telegram-канал\nтекст", "Сондай-ақ оқыңыз\nСоңы.", "Photo  by\u00a0Reuters\n\nTags"} {
		f.Add(s)
	}
	set, err := rules.LoadLazy()
	if err != nil {
		f.Fatal(err)
	}
	var langs []*rules.Lang
	var readers []*furnitureReader
	for _, code := range set.Codes() {
		langs = append(langs, set.Lang(code))
		readers = append(readers, newFurnitureReader(set.Lang(code)))
	}
	f.Fuzz(func(t *testing.T, text string) {
		for i, r := range readers {
			if got, want := r.lines(text), regexpFurniture(text, langs[i]); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: lines(%q) = %v, want %v", langs[i].Code, text, got, want)
			}
		}
	})
}

func TestContainsFold(t *testing.T) {
	for _, c := range []struct {
		s, word string
		holds   bool
	}{
		{"Наш TeLeGrAm-канал", "TELEGRAM", true},
		{"Наш Телеграм", "TELEGRAM", false},
		{"TELE GRAM", "telegram", false},
		{"x\xffTELEGRAM", "telegram", true},
		{"\u017fubscribe", "SUBSCRIBE", true}, // ſ folds to s
		{"TI\u212aTOK", "tiktok", true},       // so does the Kelvin sign to k
		{"Tik[ok", "TIK{OK", false},           // [ and { are no case pair
		{"КАНАЛ", "канал", true},
		{"", "a", false},
	} {
		if got := containsFold(c.s, c.word); got != c.holds {
			t.Errorf("containsFold(%q, %q) = %v, want %v", c.s, c.word, got, c.holds)
		}
	}
}

// FuzzContainsFold checks the case-blind searches against regexp's (?i).
func FuzzContainsFold(f *testing.F) {
	f.Add("Наш TeLeGrAm-канал", "telegram")
	f.Add("КАНАЛ", "канал")
	f.Add("\u212aelvin", "kelvin")
	f.Add("\u017fubscribe", "SUBSCRIBE")
	f.Fuzz(func(t *testing.T, s, w string) {
		if w == "" || !utf8.ValidString(w) || strings.ContainsRune(w, utf8.RuneError) {
			return
		}
		want := regexp.MustCompile("(?i)" + regexp.QuoteMeta(w)).MatchString(s)
		if got := containsFold(s, w); got != want {
			t.Fatalf("containsFold(%q, %q) = %v, (?i) says %v", s, w, got, want)
		}
	})
}

var joinFieldsCases = []string{"", " ", "a", " a b ", "a  b", "a\tb", "a\u00a0b", "a\u2003b", "a\u3000b",
	"a\u1680b", "a\u0085b", "a\u2028b", "a\u202fb", "a\u205fb", "\u00a0a\u00a0", "а б в", "a\xffb", "a \xc2",
	"«а» б", "a\u00ab b \u00a0c", "a\xc2 b", "x\xe2\x80", "a\u2010b c",
	// past shortLine, searched
	strings.Repeat("«слово» ", 20) + "a\u00a0b", strings.Repeat("word ", 30), strings.Repeat("w ", 70) + " x", strings.Repeat("ё\u2014", 50) + "\t"}

func TestJoinFields(t *testing.T) {
	for _, s := range joinFieldsCases {
		if got, want := joinFields(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzJoinFields checks the searches that spare joinFields its copy
// against what it stands for.
func FuzzJoinFields(f *testing.F) {
	for _, s := range joinFieldsCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := joinFields(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
		}
	})
}

// requiredPatterns are patterns whose required words are known, or not.
var requiredPatterns = []struct {
	expr  string
	needs []string
}{
	{`^.*(?:Telegram|WhatsApp).*(?:канал|channel).*$`, []string{"Telegram", "WhatsApp"}}, // ASCII words
	{`^.*(?:Telegram|Signal).*(?:channel|news).*$`, []string{"Telegram", "Signal"}},      // the longer shortest word
	{`^.*(?:канал|арна).*(?:новост|жаңалық).*$`, []string{"новост", "жаңалық"}},
	{`^(?:Фото|Photo)\s*:.*$`, []string{":"}}, // ASCII first
	{`^(?:Фото|Снимок)\s*$`, []string{"Фото", "Снимок"}},
	{`^(?i:фото)`, []string{"ФОТО"}}, // as the parser spells it, found case-blind
	{`^(?:ab|a)c?`, []string{"a"}},
	{`^(?:abc|)x*`, nil},
	{`^(?:abc)+d{2,}`, []string{"abc"}},
	{`^x{0,3}`, nil},
}

func TestRequiredLiterals(t *testing.T) {
	for _, p := range requiredPatterns {
		tree, err := syntax.Parse(p.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := requiredLiterals(tree); !reflect.DeepEqual(got, p.needs) {
			t.Errorf("%s: needs %q, want %q", p.expr, got, p.needs)
		}
	}
}

// FuzzRequiredLiterals checks that a line a pattern matches holds one of
// the pattern's required words, for the test patterns and every
// language's furniture.
func FuzzRequiredLiterals(f *testing.F) {
	f.Add("Фото: Иванов")
	f.Add("Подписывайтесь на наш Telegram-канал")
	f.Add("abcabcdd")
	var res []*regexp.Regexp
	for _, p := range requiredPatterns {
		res = append(res, regexp.MustCompile(p.expr))
	}
	set, err := rules.LoadLazy()
	if err != nil {
		f.Fatal(err)
	}
	for _, code := range set.Codes() {
		l := set.Lang(code)
		res = append(res, l.FurnitureStop...)
		res = append(res, l.FurnitureSkip...)
	}
	needs := make([][]string, len(res))
	for i, re := range res {
		tree, err := syntax.Parse(re.String(), syntax.Perl)
		if err != nil {
			f.Fatal(err)
		}
		needs[i] = requiredLiterals(tree)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, re := range res {
			if needs[i] != nil && re.MatchString(s) && !containsAnyOf(s, needs[i]) {
				t.Fatalf("%s matches %q, which holds none of %q", re, s, needs[i])
			}
		}
	})
}
