package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// runKnown runs the cases of known, reported bugs, skipped by default.
var runKnown = flag.Bool("known", false, "also run cases of known bugs")

func encode(t *testing.T, cm *charmap.Charmap, s string) string {
	t.Helper()
	b, err := cm.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16LE(s string) string {
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xFE})
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u))
		b.WriteByte(byte(u >> 8))
	}
	return b.String()
}

// TestBadInput: a folder of broken inputs next to good ones. Every good
// article's facts are printed, every broken one gives one stderr line
// naming it, and the exit code is 1.
func TestBadInput(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	in := filepath.Join(root, "in")
	const ruFacts = "Цены выросли на 5%.\n\nЭкспорт составил 80 млн тенге.\n"
	good := map[string]string{
		"good_ru.txt":   ruFacts,
		"good_en.txt":   "Revenue rose 12% in 2025.\n",
		"cp1251.txt":    encode(t, charmap.Windows1251, ruFacts+"Мы уверены, что это хорошие новости для всех жителей страны.\n"),
		"koi8r.txt":     encode(t, charmap.KOI8R, ruFacts+"Мы уверены, что это хорошие новости для всех жителей страны.\n"),
		"utf16le.txt":   utf16LE(ruFacts),
		"utf8bom.txt":   "\xEF\xBB\xBF" + ruFacts,
		"crlf.txt":      strings.ReplaceAll(ruFacts, "\n", "\r\n"),
		"badutf8.txt":   ruFacts + "Конец \xff\xfe текста.\n",
		"sub/nested.md": ruFacts,
	}
	wantFacts := map[string][]string{
		"good_ru.txt": {"5%", "80 млн тенге"}, "good_en.txt": {"12%"}, "cp1251.txt": {"5%", "80 млн тенге"},
		"koi8r.txt": {"5%", "80 млн тенге"}, "utf16le.txt": {"5%", "80 млн тенге"}, "utf8bom.txt": {"5%", "80 млн тенге"},
		"crlf.txt": {"5%", "80 млн тенге"}, "badutf8.txt": {"5%", "80 млн тенге"}, "sub/nested.md": {"5%", "80 млн тенге"},
		"empty.txt": nil,
	}
	writeFiles(t, in, good)
	writeFiles(t, in, map[string]string{
		"empty.txt":   "",
		"binary.txt":  "5%\x00\x01\x02\x00\x00PK\x03\x04 80 млн тенге",
		"big.txt":     strings.Repeat(ruFacts, 100),
		"ignored.csv": "not taken from a folder",
	})
	wantFail := map[string]string{ // file → word in its message
		"binary.txt": "binary",
		"big.txt":    "too large",
	}
	if err := os.Symlink("nowhere.txt", filepath.Join(in, "dangling.txt")); err == nil {
		wantFail["dangling.txt"] = "no such file"
	}
	// A folder link back to its parent must not loop.
	_ = os.Symlink("..", filepath.Join(in, "sub", "loop"))
	unreadable := filepath.Join(in, "unreadable.txt")
	writeFiles(t, in, map[string]string{"unreadable.txt": ruFacts})
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	if f, err := os.Open(unreadable); err == nil {
		f.Close() // root reads anything: the file is a good one then
		wantFacts["unreadable.txt"] = []string{"5%", "80 млн тенге"}
	} else {
		wantFail["unreadable.txt"] = "permission denied"
	}

	for _, jobs := range []string{"1", "3"} {
		t.Run("jobs "+jobs, func(t *testing.T) {
			o := factx(t, "", "extract", "--max-bytes", "4000", "--jobs", jobs, in)
			o.want(t, exitFailed)
			t.Logf("stderr:\n%s", o.err)

			// stderr: one line per failure, naming the file; warnings name
			// their file too.
			failed := map[string]int{}
			for _, line := range o.stderrLines() {
				if !strings.HasPrefix(line, "factx: ") {
					t.Errorf("stderr line %q lacks the factx: prefix", line)
				}
				named := ""
				for _, name := range append(keysOf(wantFail), keysOf(wantFacts)...) {
					if strings.Contains(line, filepath.Join(in, filepath.FromSlash(name))+":") {
						named = name
					}
				}
				if named == "" {
					t.Errorf("stderr line %q names no input", line)
					continue
				}
				if strings.HasPrefix(line, "factx: warning: ") {
					continue
				}
				failed[named]++
				if want, ok := wantFail[named]; !ok {
					t.Errorf("good input failed: %s", line)
				} else if !strings.Contains(line, want) {
					t.Errorf("stderr line %q: want %q", line, want)
				}
			}
			for name := range wantFail {
				if failed[name] != 1 {
					t.Errorf("%s: %d stderr lines, want 1\n%s", name, failed[name], o.err)
				}
			}

			// stdout: every good article, with its facts.
			got := map[string][]string{}
			for _, d := range o.docs(t) {
				rel, _ := filepath.Rel(in, d.Source)
				got[filepath.ToSlash(rel)] = factTexts(d)
			}
			for name, want := range wantFacts {
				facts, ok := got[name]
				if !ok {
					t.Errorf("%s: no output", name)
					continue
				}
				for _, w := range want {
					if !slices.Contains(facts, w) {
						t.Errorf("%s: facts %q lack %q", name, facts, w)
					}
				}
			}
			for name := range got {
				if _, ok := wantFacts[name]; !ok {
					t.Errorf("unexpected output for %s", name)
				}
			}
		})
	}
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestTextOddities: text as it comes from the web and from editors. The
// cases marked known do not work yet (reported); -known runs them.
func TestTextOddities(t *testing.T) {
	t.Parallel()
	type fact struct {
		text  string
		value float64
		unit  string
	}
	tests := []struct {
		name, lang, text string
		want             []fact
		known            string
	}{
		{"crlf", "ru", "Цены выросли на 5%.\r\nЭкспорт составил 80 млн тенге.\r\n",
			[]fact{{"5%", 5, "%"}, {"80 млн тенге", 80e6, "KZT"}}, ""},
		{"lone cr", "ru", "Цены выросли на 5%.\rЭкспорт составил 80 млн тенге.\r",
			[]fact{{"5%", 5, "%"}, {"80 млн тенге", 80e6, "KZT"}}, ""},
		{"nbsp group", "ru", "Бюджет составил 1\u00a0234 млн тенге.", []fact{{"1\u00a0234 млн тенге", 1234e6, "KZT"}}, ""},
		{"narrow nbsp group", "ru", "Бюджет составил 1\u202f234 млн тенге.", []fact{{"1\u202f234 млн тенге", 1234e6, "KZT"}}, ""},
		{"nbsp before percent", "ru", "Рост на 5\u00a0%.", []fact{{"5\u00a0%", 5, "%"}}, ""},
		{"zero-width space in number", "ru", "Рост на 1\u200b5%.", []fact{{"15%", 15, "%"}}, ""},
		{"zero-width joiner before percent", "ru", "Рост на 15\u200d%.", []fact{{"15%", 15, "%"}}, ""},
		{"byte order mark inside", "en", "Revenue rose \ufeff12% in 2025.", []fact{{"12%", 12, "%"}}, ""},
		{"soft hyphen in unit", "ru", "Экспорт составил 80 млн тен\u00adге.", []fact{{"80 млн тенге", 80e6, "KZT"}}, ""},
		{"soft hyphen in multiplier", "ru", "Экспорт составил 80 мил\u00adлионов тенге.", []fact{{"80 миллионов тенге", 80e6, "KZT"}}, ""},
		{"minus sign", "ru", "Рост на −5%.", []fact{{"−5%", -5, "%"}}, ""},
		{"latin KZT", "ru", "Экспорт составил 80 млн KZT.", []fact{{"80 млн KZT", 80e6, "KZT"}}, ""},
		{"cyrillic К in KZT", "ru", "Экспорт составил 80 млн \u041aZT.", []fact{{"80 млн KZT", 80e6, "KZT"}}, ""},
		{"cyrillic і in billion", "en", "Revenue rose to $3.4 b\u0456llion.", []fact{{"$3.4 billion", 3.4e9, "USD"}}, ""},
		{"latin i in бір", "kk", "Бюджетке бiр миллиард теңге бөлінді.", []fact{{"бір миллиард теңге", 1e9, "KZT"}}, ""},
		{"latin e in есе", "kk", "Бюджет 2,3 eсе өсті.", []fact{{"2,3 есе", 2.3, "times"}}, ""},
	}
	var in strings.Builder
	for _, tt := range tests {
		rec, _ := json.Marshal(map[string]string{"id": tt.name, "lang": tt.lang, "text": tt.text})
		in.Write(rec)
		in.WriteByte('\n')
	}
	o := factx(t, in.String(), "extract", "--from", "jsonl", "--format", "jsonl")
	o.want(t, exitOK)
	docs := o.docs(t)
	if len(docs) != len(tests) {
		t.Fatalf("%d documents for %d records", len(docs), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.known != "" && !*runKnown {
				t.Skip("known (run with -known): " + tt.known)
			}
			d := docs[i]
			var got []fact
			for _, f := range d.Facts {
				got = append(got, fact{f.Text, float64(f.Value), f.Unit})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%q: facts %+v, want %+v", tt.text, got, tt.want)
			}
		})
	}
}
