package extract

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

// Benchmarks of each pipeline stage over the seed articles; b.SetBytes
// makes `go test -bench . ./extract` print MB/s.
//
//	go test -run '^$' -bench . -benchmem ./extract
//	go test -run '^$' -bench 'Mentions/ru' -cpuprofile cpu.out ./extract

// benchTexts are the seed articles by detected language.
func benchTexts(b *testing.B) map[string][]string {
	b.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if err != nil || len(paths) == 0 {
		b.Skipf("no seed articles: %v", err)
	}
	sort.Strings(paths)
	det := lang.NewDetector()
	out := map[string][]string{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		text := string(data)
		code := det.Detect(text)
		out[code] = append(out[code], text)
	}
	return out
}

func benchExtractor(b *testing.B) *Extractor {
	b.Helper()
	set, err := rules.Load(nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	return New(set, lang.NewDetector())
}

func totalBytes(texts []string) int64 {
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	return int64(n)
}

func BenchmarkDetect(b *testing.B) {
	var all []string
	for _, ts := range benchTexts(b) {
		all = append(all, ts...)
	}
	sort.Strings(all)
	det := lang.NewDetector()
	b.SetBytes(totalBytes(all))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range all {
			det.Detect(t)
		}
	}
}

func BenchmarkMentions(b *testing.B) {
	x := benchExtractor(b)
	texts := benchTexts(b)
	for _, code := range []string{"ru", "kk", "en"} {
		ts := texts[code]
		if len(ts) == 0 {
			continue
		}
		b.Run(code, func(b *testing.B) {
			p := x.pipeline(code)
			p.finder.find(ts[0], "") // build lazily compiled parts first
			b.SetBytes(totalBytes(ts))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, t := range ts {
					p.finder.find(t, "2026-01-01")
				}
			}
		})
	}
}

// BenchmarkClaims times fact building alone, on mentions found once.
func BenchmarkClaims(b *testing.B) {
	x := benchExtractor(b)
	type job struct {
		text string
		sent span
		ms   []Mention
	}
	var jobs []job
	var claims []*claimBuilder
	var size int64
	texts := benchTexts(b)
	for _, code := range []string{"ru", "kk", "en"} {
		p := x.pipeline(code)
		for _, t := range texts[code] {
			size += int64(len(t))
			ms := p.finder.find(t, "2026-01-01")
			for _, s := range sentences(t) {
				var in []Mention
				for _, m := range ms {
					if m.Start >= s.start && m.End <= s.end {
						in = append(in, m)
					}
				}
				jobs = append(jobs, job{t, s, in})
				claims = append(claims, p.claims)
			}
		}
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, jb := range jobs {
			claims[j].build(nil, jb.text, jb.sent, jb.ms, "2026-01-01")
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	x := benchExtractor(b)
	var all []string
	for _, ts := range benchTexts(b) {
		all = append(all, ts...)
	}
	sort.Strings(all)
	for _, t := range all {
		x.Extract(Input{Source: "warm", Text: t}, Options{})
	}
	b.SetBytes(totalBytes(all))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range all {
			x.Extract(Input{Source: "bench", Text: t}, Options{Mentions: true})
		}
	}
}

// BenchmarkExtractCold includes building a language's pipeline, as a
// one-article run of the CLI pays it.
func BenchmarkExtractCold(b *testing.B) {
	texts := benchTexts(b)["ru"]
	if len(texts) == 0 {
		b.Skip("no Russian seed")
	}
	text := strings.Join(texts, "\n\n")
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		set, err := rules.Load(nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		New(set, lang.NewDetector()).Extract(Input{Source: "bench", Text: text}, Options{})
	}
}

// BenchmarkExtractLazy is what one article on stdin costs the CLI: the
// rules read lazily, the language's rules prepared as the text needs
// them, one extraction.
func BenchmarkExtractLazy(b *testing.B) {
	texts := benchTexts(b)["ru"]
	if len(texts) == 0 {
		b.Skip("no Russian seed")
	}
	b.SetBytes(int64(len(texts[0])))
	for b.Loop() {
		set, err := rules.LoadLazy()
		if err != nil {
			b.Fatal(err)
		}
		New(set, lang.NewDetector()).Extract(Input{Source: "bench", Text: texts[0]}, Options{})
	}
}
