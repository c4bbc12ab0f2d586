package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// sources are the texts the corpus is made of.
type sources struct {
	// seeds are whole articles (ru, kk, en).
	seeds []string
	// sentences are evaluation texts by language, joined into articles.
	sentences map[string][]string
	langs     []string
	// mix is which articles the corpus has (see mixes)
	mix string
}

// mixes are the corpus shapes -mix chooses from: the default mixes two
// seed articles to one article of evaluation sentences, which are
// numbers from end to end; "news" and "dense" keep one kind, to tell
// what each costs.
var mixes = map[string]func(i int) (seed bool){
	"mixed": func(i int) bool { return i%3 != 2 },
	"news":  func(int) bool { return true },
	"dense": func(int) bool { return false },
}

// loadSources reads the seed articles and the texts of every evaluation
// corpus under shared.
func loadSources(shared string) (*sources, error) {
	s := &sources{sentences: map[string][]string{}}
	seeds, err := filepath.Glob(filepath.Join(shared, "seeds", "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(seeds)
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read seed: %w", err)
		}
		s.seeds = append(s.seeds, string(b))
	}
	corpora, err := filepath.Glob(filepath.Join(shared, "eval", "corpora", "*.jsonl"))
	if err != nil {
		return nil, err
	}
	sort.Strings(corpora)
	for _, p := range corpora {
		if err := s.readJSONL(p); err != nil {
			return nil, err
		}
	}
	if len(s.seeds) == 0 || len(s.sentences) == 0 {
		return nil, fmt.Errorf("no seeds or corpora under %s", shared)
	}
	for l := range s.sentences {
		s.langs = append(s.langs, l)
	}
	sort.Strings(s.langs)
	return s, nil
}

func (s *sources) readJSONL(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read corpus: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct{ Lang, Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		if r.Text != "" && r.Lang != "" {
			s.sentences[r.Lang] = append(s.sentences[r.Lang], r.Text)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// article makes the i-th article: a seed with its digits varied, or (every
// third one in the default mix) 20 to 60 evaluation sentences of one
// language.
func (s *sources) article(rng *rand.Rand, i int) string {
	if mixes[s.mix](i) {
		return varyDigits(rng, s.seeds[rng.IntN(len(s.seeds))])
	}
	pool := s.sentences[s.langs[rng.IntN(len(s.langs))]]
	var b strings.Builder
	n := 20 + rng.IntN(41)
	for j := 0; j < n; j++ {
		t := strings.TrimSpace(pool[rng.IntN(len(pool))])
		b.WriteString(t)
		if !strings.HasSuffix(t, ".") {
			b.WriteString(".")
		}
		if j%5 == 4 {
			b.WriteString("\n\n")
		} else {
			b.WriteString(" ")
		}
	}
	return varyDigits(rng, b.String())
}

// russian5K is a Russian article of about 5 KB: the first Russian seed,
// lengthened with the next one's paragraphs if it is shorter.
func (s *sources) russian5K() []byte {
	var ru []string
	for _, t := range s.seeds {
		if strings.ContainsAny(t, "ыэ") && !strings.ContainsAny(t, "әғқңөұүһі") {
			ru = append(ru, t)
		}
	}
	if len(ru) == 0 {
		ru = s.seeds
	}
	text := ru[0]
	for i := 1; len(text) < 5000 && i < len(ru); i++ {
		for _, p := range strings.Split(ru[i], "\n\n") {
			if len(text) >= 5000 {
				break
			}
			text += "\n\n" + p
		}
	}
	if len(text) > 5120 {
		cut := strings.LastIndex(text[:5120], "\n")
		if cut > 0 {
			text = text[:cut]
		}
	}
	return []byte(text)
}

// varyDigits replaces every run of digits by another of the same length:
// years stay plausible years, two-digit runs stay days or months.
func varyDigits(rng *rand.Rand, text string) string {
	var b strings.Builder
	b.Grow(len(text))
	r := []rune(text)
	for i := 0; i < len(r); {
		if !unicode.IsDigit(r[i]) || r[i] > '9' {
			b.WriteRune(r[i])
			i++
			continue
		}
		j := i
		for j < len(r) && r[j] >= '0' && r[j] <= '9' {
			j++
		}
		run := string(r[i:j])
		switch {
		case len(run) == 4 && (strings.HasPrefix(run, "19") || strings.HasPrefix(run, "20")):
			fmt.Fprintf(&b, "%d", 1995+rng.IntN(35))
		case len(run) == 2:
			fmt.Fprintf(&b, "%02d", 1+rng.IntN(12))
		default:
			for k := range run {
				d := rng.IntN(10)
				if k == 0 && run[0] != '0' && d == 0 {
					d = 1 + rng.IntN(9)
				}
				b.WriteByte(byte('0' + d))
			}
		}
		i = j
	}
	return b.String()
}

// corpusStats is what writeCorpus wrote.
type corpusStats struct {
	articles int
	bytes    int64 // article text, without JSON quoting
}

// writeCorpus writes at least size bytes of articles under dir, as
// folder/NNN/NNNNNN.txt (1000 a folder) and as corpus.jsonl, the same
// articles in the same order. The corpus depends only on size and the
// sources.
func writeCorpus(dir string, s *sources, size int64) (corpusStats, error) {
	var st corpusStats
	if err := os.RemoveAll(dir); err != nil {
		return st, err
	}
	if err := os.MkdirAll(filepath.Join(dir, "folder"), 0o755); err != nil {
		return st, err
	}
	jf, err := os.Create(filepath.Join(dir, "corpus.jsonl"))
	if err != nil {
		return st, err
	}
	jw := bufio.NewWriterSize(jf, 1<<20)
	enc := json.NewEncoder(jw)
	enc.SetEscapeHTML(false)
	rng := rand.New(rand.NewPCG(1, 2))
	for st.bytes < size {
		i := st.articles
		text := s.article(rng, i)
		sub := filepath.Join(dir, "folder", fmt.Sprintf("%03d", i/1000))
		if i%1000 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return st, err
			}
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%06d.txt", i)), []byte(text), 0o644); err != nil {
			return st, err
		}
		rec := struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}{fmt.Sprintf("a%06d", i), text}
		if err := enc.Encode(rec); err != nil {
			return st, err
		}
		st.articles++
		st.bytes += int64(len(text))
	}
	if err := jw.Flush(); err != nil {
		return st, err
	}
	return st, jf.Close()
}
