package lang

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

// seedLangs are the labels of the seed articles, by file-name prefix.
// 004 is English although it has a Cyrillic "Фото:" line.
var seedLangs = map[string]string{"000": "ru", "001": "ru", "002": "kk", "003": "ru", "004": "en"}

// readSeeds returns the seed articles by file-name prefix.
func readSeeds(t testing.TB) map[string]string {
	t.Helper()
	files, err := filepath.Glob("../seeds/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	seeds := make(map[string]string)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seeds[filepath.Base(f)[:3]] = string(b)
	}
	if len(seeds) != len(seedLangs) {
		t.Fatalf("found %d seed articles, want %d", len(seeds), len(seedLangs))
	}
	return seeds
}

func TestDetectSeeds(t *testing.T) {
	d := NewDetector()
	for name, text := range readSeeds(t) {
		if got, want := d.Detect(text), seedLangs[name]; got != want {
			t.Errorf("seed %s: Detect = %q, want %q", name, got, want)
		}
	}
}

// TestDetectPrefix checks that reading only a prefix keeps the labels,
// from a few words to the whole article.
func TestDetectPrefix(t *testing.T) {
	seeds := readSeeds(t)
	for _, limit := range []int{50, 100, 200, defaultRule.maxLetters, 1000, 1 << 30} {
		r := defaultRule
		r.maxLetters = limit
		d := &Detector{rule: r}
		for name, text := range seeds {
			if got, want := d.Detect(text), seedLangs[name]; got != want {
				t.Errorf("seed %s, %d letters: Detect = %q, want %q", name, limit, got, want)
			}
		}
	}
}

func TestDetectSentences(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		// Russian.
		{"Инфляция в Казахстане снизилась до 8,5% по итогам года.", "ru"},
		{"Президент Касым-Жомарт Токаев провёл встречу с министром здравоохранения.", "ru"},
		{"Средняя продолжительность жизни достигла 75,4 года.", "ru"},
		{"Население страны превысило 20 миллионов человек, сообщает Бюро национальной статистики.", "ru"},
		// Lingua calls this Kazakh; five words without a Kazakh letter are
		// Russian by the rule.
		{"Курс доллара вырос до 470 тенге.", "ru"},
		// Two Kazakh-spelled names in a Russian sentence: statistics.
		{"Президент Қасым-Жомарт Тоқаев провёл встречу с министром здравоохранения, в ходе которой обсуждались итоги года и планы на будущее.", "ru"},
		// Short, no Kazakh letter: statistics.
		{"Цены выросли", "ru"},
		{"2,5 млн", "ru"},
		// More Cyrillic letters than Latin: statistics' English is ignored.
		{"Компания Apple представила iPhone 15 Pro Max", "ru"},
		// Kazakh.
		{"Инфляция 8,5 пайызға дейін төмендеді.", "kk"},
		{"Мемлекет басшысы Денсаулық сақтау министрін қабылдады.", "kk"},
		{"Бензин бағасы 12 пайызға өсті.", "kk"},
		{"Елдегі халық саны 20 миллионнан асты.", "kk"},
		{"Өндіріс көлемі 3,2 млрд теңгеге артты.", "kk"},
		{"Алматыда жаңа метро бекеті ашылды.", "kk"},
		// No Kazakh-only letter, three words: statistics.
		{"Су сап-сары.", "kk"},
		// English.
		{"Inflation in Kazakhstan slowed to 8.5% in December.", "en"},
		{"The President met the Minister of Health Akmaral Alnazarova.", "en"},
		{"Oil production increased by 3.2 million tonnes.", "en"},
		{"Фото: Akorda. The minister reported on healthcare reforms.", "en"},
		// No letters.
		{"", ""},
		{"1", ""},
		{"2,5 %", ""},
		{"12.03.2024 — 1 234 567", ""},
	}
	d := NewDetector()
	for _, tt := range tests {
		if got := d.Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestLinguaLazy checks that lingua is built only when a text needs it.
func TestLinguaLazy(t *testing.T) {
	d := NewDetector()
	if d.lingua != nil {
		t.Fatal("NewDetector built lingua")
	}
	for name, text := range readSeeds(t) {
		d.Detect(text)
		if d.lingua != nil {
			t.Fatalf("seed %s built lingua", name)
		}
	}
	if got := d.Detect("Су сап-сары."); got != "kk" {
		t.Errorf("Detect = %q, want kk", got)
	}
	if d.lingua == nil {
		t.Error("a short text without Kazakh letters did not ask lingua")
	}
}

func TestCount(t *testing.T) {
	tests := []struct {
		text  string
		limit int
		want  counts
	}{
		{"", 10, counts{}},
		{"1 234", 10, counts{end: 5}},
		// Stops at the end of the word holding the limit-th letter.
		{"один два три", 2, counts{cyrillic: 4, cyrWords: 1, end: len("один")}},
		{"один два три", 5, counts{cyrillic: 7, cyrWords: 2, end: len("один два")}},
		{"Қала мен city", 100, counts{latin: 4, cyrillic: 7, cyrWords: 2, kazakhWords: 1, end: len("Қала мен city")}},
		// A hyphen splits words.
		{"Қасым-Жомарт", 100, counts{cyrillic: 11, cyrWords: 2, kazakhWords: 1, end: len("Қасым-Жомарт")}},
	}
	for _, tt := range tests {
		if got := count(tt.text, tt.limit); got != tt.want {
			t.Errorf("count(%q, %d) = %+v, want %+v", tt.text, tt.limit, got, tt.want)
		}
	}
}

// TestClassify checks the fast paths of classify against the unicode
// tables, over every rune.
func TestClassify(t *testing.T) {
	kazakh := "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := notLetter
		switch {
		case !unicode.IsLetter(r):
		case strings.ContainsRune(kazakh, r):
			want = kazakhLetter
		case unicode.Is(unicode.Latin, r):
			want = latinLetter
		case unicode.Is(unicode.Cyrillic, r):
			want = cyrillicLetter
		default:
			want = otherLetter
		}
		if got := classify(r); got != want {
			t.Fatalf("classify(%U) = %d, want %d", r, got, want)
		}
	}
}

// TestCountRuneBoundary checks that the prefix handed to lingua is valid
// UTF-8 and ends after a letter.
func TestCountRuneBoundary(t *testing.T) {
	for name, text := range readSeeds(t) {
		c := count(text, 300)
		prefix := text[:c.end]
		if !utf8.ValidString(prefix) {
			t.Errorf("seed %s: prefix is not valid UTF-8", name)
		}
		last, _ := utf8.DecodeLastRuneInString(prefix)
		if !unicode.IsLetter(last) {
			t.Errorf("seed %s: prefix ends in %q, want a letter", name, last)
		}
		if c.latin+c.cyrillic < 300 {
			t.Errorf("seed %s: read %d letters, want at least 300", name, c.latin+c.cyrillic)
		}
	}
}

// TestDetectConcurrent runs texts that need lingua from several goroutines
// on a fresh Detector and compares with one goroutine's answers.
func TestDetectConcurrent(t *testing.T) {
	texts := []string{"Су сап-сары.", "Цены выросли", "жиырма бес", "пять", "Inflation rose."}
	want := make([]string, len(texts))
	seq := NewDetector()
	for i, s := range texts {
		want[i] = seq.Detect(s)
	}
	d := NewDetector()
	var wg sync.WaitGroup
	got := make([][]string, 4)
	for g := range got {
		got[g] = make([]string, len(texts))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, s := range texts {
				got[g][i] = d.Detect(s)
			}
		}()
	}
	wg.Wait()
	for g := range got {
		for i := range texts {
			if got[g][i] != want[i] {
				t.Errorf("goroutine %d: Detect(%q) = %q, want %q", g, texts[i], got[g][i], want[i])
			}
		}
	}
}

// TestDetectCorpora measures accuracy on the shared evaluation corpora
// (skipped when they are not beside the repository). Texts without letters
// must give "". Floors sit just under the measured accuracy; the Russian
// corpus loses its Latin-only strings such as "10RUB" and "EUR 20.0".
func TestDetectCorpora(t *testing.T) {
	files, err := filepath.Glob("../../shared/eval/corpora/*.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no evaluation corpora beside the repository")
	}
	floors := map[string]float64{
		"duckling_en.dev.jsonl":       1,
		"duckling_ru.dev.jsonl":       0.89,
		"kaznerd_kk.dev.jsonl":        0.998,
		"kaznerd_values_kk.dev.jsonl": 0.998,
		"recognizers_en.dev.jsonl":    1,
	}
	d := NewDetector()
	for _, f := range files {
		name := filepath.Base(f)
		n, ok, err := corpusAccuracy(d, f)
		if err != nil {
			t.Fatal(err)
		}
		acc := float64(ok) / float64(n)
		t.Logf("%s: %d/%d = %.3f", name, ok, n, acc)
		if floor, known := floors[name]; known && acc < floor {
			t.Errorf("%s: accuracy %.3f, want at least %.3f", name, acc, floor)
		}
	}
}

// corpusAccuracy counts the records of a JSON Lines corpus that Detect
// labels right.
func corpusAccuracy(d *Detector, path string) (n, ok int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var rec struct{ Lang, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return 0, 0, err
		}
		want := rec.Lang
		if !strings.ContainsFunc(rec.Text, unicode.IsLetter) {
			want = ""
		}
		n++
		if d.Detect(rec.Text) == want {
			ok++
		}
	}
	return n, ok, sc.Err()
}

func BenchmarkDetect(b *testing.B) {
	seeds := readSeeds(b)
	size := 0
	for _, text := range seeds {
		size += len(text)
	}
	d := NewDetector()
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, text := range seeds {
			d.Detect(text)
		}
	}
}

// BenchmarkDetectLingua measures a short text that needs statistics.
func BenchmarkDetectLingua(b *testing.B) {
	d := NewDetector()
	text := "Су сап-сары."
	d.Detect(text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d.Detect(text)
	}
}

// refCount is count as it was before its fast paths, the oracle of
// FuzzCount: it reads text by range, word by word, until it has seen at
// least limit letters, finishing the word it is in.
func refCount(text string, limit int) counts {
	var c counts
	letters := 0
	inWord, wordCyr, wordKazakh := false, false, false
	for i, r := range text {
		class := classify(r)
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

// FuzzCount checks count against refCount, which reads every rune by
// range and classify.
func FuzzCount(f *testing.F) {
	for _, s := range []string{"", "Инфляция 8,5% за год", "Қазақстан € 🙂 ok", "\xd0\xd0\x90 a", "҂ a", "ǅ ǈ"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if got, want := count(s, limit), refCount(s, limit); got != want {
			t.Fatalf("count(%q, %d) = %+v, want %+v", s, limit, got, want)
		}
	})
}
