// Command bench measures factx end to end on a large synthetic archive.
//
// It builds a corpus of at least -mb megabytes in a temporary folder (never
// in the repository) from the seed articles and the evaluation texts in
// ../shared, with every digit varied so no two articles are the same, in two
// shapes: a folder of .txt files and one JSON Lines file. It then runs the
// built factx over each shape and prints MB/s, articles/s and the peak
// resident memory of the factx process, and finally the wall time of one
// 5 KB Russian article on stdin, process start included.
//
// Run it from the repository root:
//
//	go run ./bench -mb 200
//
// The numbers it prints are the "Performance" figures of the README.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"
)

// config is what one bench run does.
type config struct {
	shared  string // the ../shared folder with seeds and eval corpora
	factx   string // the binary to measure; "" builds ./cmd/factx
	mb      int    // corpus size in megabytes
	dir     string // where the corpus goes; "" makes a temporary folder
	keep    bool   // keep the corpus after the run
	jobs    int    // --jobs passed to factx; 0 leaves its default
	latency int    // how many stdin runs to time
	only    string // "", "folder", "jsonl" or "stdin": run one measure
	mix     string // the corpus's articles: a key of mixes
}

func main() {
	var c config
	flag.StringVar(&c.shared, "shared", "../shared", "folder holding seeds/ and eval/corpora/")
	flag.StringVar(&c.factx, "factx", "", "factx binary to measure (default: build ./cmd/factx)")
	flag.IntVar(&c.mb, "mb", 200, "corpus size in megabytes")
	flag.StringVar(&c.dir, "dir", "", "folder for the corpus (default: a new temporary folder)")
	flag.BoolVar(&c.keep, "keep", false, "keep the corpus folder after the run")
	flag.IntVar(&c.jobs, "jobs", 0, "--jobs for factx (default: factx's own)")
	flag.IntVar(&c.latency, "latency-runs", 20, "stdin runs to time")
	flag.StringVar(&c.only, "only", "", "run one measure only: folder, jsonl or stdin")
	flag.StringVar(&c.mix, "mix", "mixed", "the corpus's articles: mixed (two seed articles to one of evaluation sentences), news (seed articles only) or dense (evaluation sentences only)")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "bench: "+err.Error())
		os.Exit(1)
	}
}

func run(c config) error {
	if mixes[c.mix] == nil {
		return fmt.Errorf("-mix %q: want mixed, news or dense", c.mix)
	}
	work, err := os.MkdirTemp("", "factx-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if c.factx == "" {
		c.factx = filepath.Join(work, "factx")
		build := exec.Command("go", "build", "-o", c.factx, "./cmd/factx")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build factx: %w", err)
		}
	}
	src, err := loadSources(c.shared)
	if err != nil {
		return err
	}
	src.mix = c.mix
	dir := c.dir
	switch {
	case dir == "" && c.keep:
		// the work folder goes at the end: a kept corpus needs its own
		if dir, err = os.MkdirTemp("", "factx-corpus-"); err != nil {
			return err
		}
	case dir == "":
		dir = filepath.Join(work, "corpus")
	case !c.keep:
		defer os.RemoveAll(dir)
	}
	var jobs []string
	if c.jobs > 0 {
		jobs = []string{fmt.Sprintf("--jobs=%d", c.jobs)}
	}
	if c.only == "" || c.only == "folder" || c.only == "jsonl" {
		start := time.Now()
		st, err := writeCorpus(dir, src, int64(c.mb)<<20)
		if err != nil {
			return err
		}
		built := time.Since(start)
		// the kernel would write the new files back while factx reads
		// them, and bill that to the run: it writes them now
		syncStart := time.Now()
		syncDisks()
		fmt.Printf("corpus (%s): %d articles, %.1f MB in %s (built in %.1fs, written to disk in %.1fs)\n",
			c.mix, st.articles, mb(st.bytes), dir, built.Seconds(), time.Since(syncStart).Seconds())
		if c.only == "" || c.only == "folder" {
			args := append([]string{"extract", "--format", "yaml"}, jobs...)
			m, err := measure(c.factx, append(args, filepath.Join(dir, "folder")), nil)
			if err != nil {
				return err
			}
			m.print("folder → yaml", st)
		}
		if c.only == "" || c.only == "jsonl" {
			in, err := os.Open(filepath.Join(dir, "corpus.jsonl"))
			if err != nil {
				return err
			}
			args := append([]string{"extract", "--from", "jsonl", "--format", "jsonl"}, jobs...)
			m, err := measure(c.factx, args, in)
			in.Close()
			if err != nil {
				return err
			}
			m.print("jsonl → jsonl", st)
		}
	}
	if c.only == "" || c.only == "stdin" {
		return latency(c.factx, src.russian5K(), c.latency)
	}
	return nil
}

// measurement is one factx run.
type measurement struct {
	wall   time.Duration
	maxRSS int64 // bytes
}

func (m measurement) print(label string, st corpusStats) {
	s := m.wall.Seconds()
	fmt.Printf("%-14s %6.1f s  %7.3f MB/s  %7.1f articles/s  peak RSS %4.0f MB\n",
		label, s, mb(st.bytes)/s, float64(st.articles)/s, mb(m.maxRSS))
}

// measure runs factx with its output thrown away and returns its wall
// time and peak memory.
func measure(bin string, args []string, stdin *os.File) (measurement, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return measurement{}, err
	}
	defer devnull.Close()
	cmd.Stdout = devnull
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return measurement{}, fmt.Errorf("factx %v: %w\n%s", args, err, tail(stderr.Bytes(), 600))
	}
	return measurement{wall: wall, maxRSS: maxRSS(cmd.ProcessState)}, nil
}

// latency times one article on stdin, process start included, and prints
// the median and the fastest run.
func latency(bin string, article []byte, runs int) error {
	if runs < 1 {
		return nil
	}
	var times []time.Duration
	var rss int64
	for i := 0; i < runs; i++ {
		cmd := exec.Command(bin, "extract")
		cmd.Stdin = bytes.NewReader(article)
		var out, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("factx extract on stdin: %w\n%s", err, tail(stderr.Bytes(), 600))
		}
		times = append(times, time.Since(start))
		rss = max(rss, maxRSS(cmd.ProcessState))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	fmt.Printf("stdin %.1f KB ru: median %.0f ms, fastest %.0f ms over %d runs, peak RSS %.0f MB\n",
		float64(len(article))/1024, ms(times[len(times)/2]), ms(times[0]), runs, mb(rss))
	return nil
}

func mb(n int64) float64          { return float64(n) / (1 << 20) }
func ms(d time.Duration) float64  { return float64(d) / float64(time.Millisecond) }
func tail(b []byte, n int) []byte { return b[max(0, len(b)-n):] }
