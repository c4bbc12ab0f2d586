package extract_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/factx/factx/extract"
	"github.com/factx/factx/extract/factfile"
	"github.com/factx/factx/extract/source"
)

// fuzzLangs are the languages FuzzExtract forces; "" detects.
var fuzzLangs = []string{"", "ru", "kk", "en"}

// FuzzExtract runs the whole extraction on arbitrary text in every
// language: it must not panic, every offset must be a rune offset inside
// the text with the span's text at it, ids must be unique, and the YAML
// output must parse back to the same facts and mentions.
//
//	go test ./extract -run '^$' -fuzz '^FuzzExtract$' -fuzztime 30s
func FuzzExtract(f *testing.F) {
	for i, s := range []string{
		"",
		"5%",
		"date 2026-03-10 Цены выросли на 15,3% за 2025 год.",
		"Инфляция составила 8,5–9,5% в январе-марте 2024 года.",
		"Бюджет — 1 234,5 млрд тенге, это в 2,3 раза больше.",
		"Экспорт өсті 12 пайызға, 5 млн теңге бөлінді.",
		"Revenue rose 12.5% to $3.4 billion in Q3 2025, up from 2.1 bn.",
		"Between 10 and 20 thousand people; one hundred and five cars.",
		"Фото: Akorda 09.07.2024 16:32 794\n\nЧитайте также:\n- 80 млн тенге",
		"12\u00a0345 тенге, 1\u202f000 $, 5\u00ad0%, о\u200bдин",
		"КZТ 100; 100 KZТ; 50 тыс. і 5 мың",
		"\r\n\r\n10%\r\n",
		"9999999999999999999999999999 %  0,000000000000001% -0 %",
		"\xff\xfe5%\x00",
	} {
		f.Add(s, uint8(i))
	}
	seeds, _ := filepath.Glob("../seeds/*.txt")
	for i, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(firstBytes(b, 800)), uint8(i))
		}
	}
	x := getFixture(f).x
	f.Fuzz(func(t *testing.T, raw string, langIdx uint8) {
		// What the CLI hands the extractor: valid, normalized UTF-8.
		text := source.Normalize(strings.ToValidUTF8(raw, "\uFFFD"))
		in := extract.Input{Source: "fuzz.txt", Text: text, Lang: fuzzLangs[int(langIdx)%len(fuzzLangs)]}
		doc := x.Extract(in, extract.Options{Mentions: true})
		runes := []rune(text)
		n := utf8.RuneCountInString(text)
		span := func(what string, start, end int, got string) {
			if start < 0 || start > end || end > n {
				t.Fatalf("%s %q: span [%d,%d) outside the text of %d runes", what, got, start, end, n)
			}
			if want := string(runes[start:end]); got != want {
				t.Fatalf("%s: text %q, but the input holds %q at [%d,%d)", what, got, want, start, end)
			}
		}
		ids := map[string]bool{}
		for _, fa := range doc.Facts {
			span("fact "+fa.ID, fa.Start, fa.End, fa.Text)
			if ids[fa.ID] {
				t.Fatalf("fact id %s used twice", fa.ID)
			}
			ids[fa.ID] = true
		}
		for _, m := range doc.Mentions {
			span("mention "+m.Type, m.Start, m.End, m.Text)
		}
		var buf bytes.Buffer
		w, err := factfile.NewWriter(&buf, "yaml")
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(doc); err != nil {
			t.Fatalf("write yaml: %v", err)
		}
		var back extract.Document
		if err := yaml.Unmarshal(buf.Bytes(), &back); err != nil {
			t.Fatalf("yaml output does not parse: %v\n%s", err, buf.Bytes())
		}
		if len(back.Facts) != len(doc.Facts) || len(back.Mentions) != len(doc.Mentions) {
			t.Fatalf("yaml round trip: %d facts, %d mentions; want %d, %d",
				len(back.Facts), len(back.Mentions), len(doc.Facts), len(doc.Mentions))
		}
		for i, fa := range doc.Facts {
			if back.Facts[i] != fa {
				t.Fatalf("yaml round trip of fact %d:\n got %+v\nwant %+v", i, back.Facts[i], fa)
			}
		}
		for i, m := range doc.Mentions {
			b := back.Mentions[i]
			if b.Text != m.Text || b.Start != m.Start || b.End != m.End || b.Type != m.Type ||
				b.Date != m.Date || b.Unit != m.Unit || (b.Value == nil) != (m.Value == nil) ||
				(m.Value != nil && *b.Value != *m.Value) {
				t.Fatalf("yaml round trip of mention %d:\n got %+v\nwant %+v", i, b, m)
			}
		}
	})
}

// firstBytes cuts b to at most n bytes on a rune boundary.
func firstBytes(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return b[:n]
}
