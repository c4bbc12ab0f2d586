package main

import (
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/factx/factx/extract/source"
)

// shard keeps a deterministic 1/N of the inputs: those whose key hashes
// (FNV-1a) to K-1 modulo N. Running K = 1..N, on one host or many, covers
// every input exactly once.
type shard struct{ k, n uint32 }

// parseShard reads "K/N" with 1 ≤ K ≤ N; "" means no sharding.
func parseShard(s string) (shard, error) {
	if s == "" {
		return shard{}, nil
	}
	ks, ns, ok := strings.Cut(s, "/")
	k, err1 := strconv.ParseUint(ks, 10, 32)
	n, err2 := strconv.ParseUint(ns, 10, 32)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return shard{}, fmt.Errorf("want K/N with 1 ≤ K ≤ N, e.g. 1/4")
	}
	return shard{k: uint32(k), n: uint32(n)}, nil
}

// keeps tells whether an input belongs to the shard. The key is the
// JSON Lines id (or "name:line" for a record without one), else the path
// relative to its folder argument, so hosts that mount the archive in
// different places still agree.
func (s shard) keeps(it source.Item) bool {
	if s.n <= 1 {
		return true
	}
	key := it.ID
	if key == "" {
		key = it.Rel
	}
	if key == "" {
		key = it.Source
	}
	h := fnv.New32a()
	io.WriteString(h, key)
	return h.Sum32()%s.n == s.k-1
}

// fewInputs is the largest batch that gets no progress bar.
const fewInputs = 3

// progress draws a one-line progress bar on a terminal's stderr and
// sums up the run at the end. It is used from one goroutine.
type progress struct {
	w     io.Writer
	bar   bool // draw the bar (stderr is a terminal and not --quiet)
	stats bool // print the closing summary
	now   func() time.Time
	start time.Time
	last  time.Time // when the bar was last drawn
	drawn bool      // a bar is on screen

	total    int // inputs, or -1 when unknown (JSON Lines)
	done     int
	bytes    int64
	facts    int
	failures int
}

// newProgress sets up reporting for a run of total inputs (-1: unknown).
// The bar appears only on a terminal, for more than a few inputs; the
// summary with --stats, or on a terminal after a bar.
func newProgress(ios *IO, total int, quiet, stats bool, now func() time.Time) *progress {
	p := &progress{w: ios.Err, now: now, total: total}
	p.start = now()
	p.bar = ios.StderrIsTTY && !quiet && (total < 0 || total > fewInputs)
	p.stats = stats || p.bar
	return p
}

// add counts one finished input.
func (p *progress) add(bytes int64, facts int, failed bool) {
	p.done++
	p.bytes += bytes
	p.facts += facts
	if failed {
		p.failures++
	}
	if !p.bar || p.done <= fewInputs {
		return
	}
	if t := p.now(); !p.drawn || t.Sub(p.last) >= 200*time.Millisecond || p.done == p.total {
		p.last = t
		p.drawn = true
		fmt.Fprint(p.w, "\r"+p.line(t)+"\x1b[K")
	}
}

// clear removes the bar so that a message can take its line.
func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// line is the bar's text: files done of total, throughput and the time
// left.
func (p *progress) line(t time.Time) string {
	secs := t.Sub(p.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(p.bytes) / (1 << 20) / secs
	}
	if p.total < 0 {
		return fmt.Sprintf("factx: %d done, %.2f MB/s", p.done, rate)
	}
	const width = 24
	filled := width * p.done / max(p.total, 1)
	bar := strings.Repeat("█", filled) + strings.Repeat("░", width-filled)
	eta := "?"
	if p.done > 0 && secs > 0 {
		left := time.Duration(float64(p.total-p.done) * secs / float64(p.done) * float64(time.Second))
		eta = left.Round(time.Second).String()
	}
	return fmt.Sprintf("factx: %s %d/%d  %.2f MB/s  ETA %s", bar, p.done, p.total, rate, eta)
}

// finish clears the bar and prints the summary, if asked for.
func (p *progress) finish() {
	p.clear()
	if !p.stats {
		return
	}
	secs := p.now().Sub(p.start).Seconds()
	fmt.Fprintf(p.w, "factx: %d articles, %d facts, %d failed, %.1f s", p.done, p.facts, p.failures, secs)
	if secs > 0 {
		fmt.Fprintf(p.w, " (%.2f MB/s)", float64(p.bytes)/(1<<20)/secs)
	}
	fmt.Fprintln(p.w)
}
