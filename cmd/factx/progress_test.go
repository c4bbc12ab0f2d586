package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestShardUnion: the N shards of a folder and of JSON Lines together give
// exactly the unsharded output, each input in one shard only.
func TestShardUnion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{}
	var jsonl strings.Builder
	for i := 0; i < 12; i++ {
		text := fmt.Sprintf("Цены выросли на %d%%. Экспорт составил %d млн тенге.", i+1, 10*i+5)
		files[fmt.Sprintf("d%d/a%02d.txt", i%3, i)] = text
		fmt.Fprintf(&jsonl, "{\"id\": \"r%d\", \"text\": %q}\n", i, text)
	}
	writeFiles(t, dir, files)
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"folder", "", []string{"extract", "--format", "jsonl", dir}},
		{"jsonl", jsonl.String(), []string{"extract", "--from", "jsonl", "--format", "jsonl"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			all := factx(t, tc.stdin, tc.args...)
			all.want(t, exitOK)
			want := lines(all.out)
			if len(want) != 12 {
				t.Fatalf("unsharded: %d records, want 12", len(want))
			}
			for _, n := range []int{1, 2, 3, 5} {
				var got []string
				for k := 1; k <= n; k++ {
					o := factx(t, tc.stdin, append(tc.args, fmt.Sprintf("--shard=%d/%d", k, n))...)
					o.want(t, exitOK)
					got = append(got, lines(o.out)...)
					if n > 1 && len(lines(o.out)) == 12 {
						t.Errorf("shard %d/%d kept every input", k, n)
					}
				}
				sort.Strings(got)
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("union of %d shards differs from the unsharded output:\n%s\nwant:\n%s",
						n, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			}
		})
	}
}

// lines is the sorted non-empty lines of s.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

func TestParseShard(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want shard
		ok   bool
	}{
		{"", shard{}, true},
		{"1/1", shard{1, 1}, true},
		{"3/4", shard{3, 4}, true},
		{"0/4", shard{}, false},
		{"5/4", shard{}, false},
		{"1/0", shard{}, false},
		{"1", shard{}, false},
		{"a/b", shard{}, false},
		{"-1/4", shard{}, false},
	} {
		got, err := parseShard(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseShard(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
	o := factx(t, "", "extract", "--shard", "2/1")
	o.want(t, exitUsage)
	if !strings.Contains(o.err, "--shard") {
		t.Errorf("stderr %q does not name --shard", o.err)
	}
}

// TestProgress: the bar only on a terminal and for more than a few
// inputs, the summary with --stats or after a bar, nothing with --quiet.
func TestProgress(t *testing.T) {
	t.Parallel()
	clock := func() func() time.Time {
		t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		n := 0
		return func() time.Time { n++; return t0.Add(time.Duration(n) * time.Second) }
	}
	for _, tc := range []struct {
		name         string
		tty          bool
		total        int
		quiet, stats bool
		bar, summary bool
	}{
		{"pipe", false, 10, false, false, false, false},
		{"pipe with --stats", false, 10, false, true, false, true},
		{"terminal, many", true, 10, false, false, true, true},
		{"terminal, few", true, fewInputs, false, false, false, false},
		{"terminal, unknown count", true, -1, false, false, true, true},
		{"terminal, --quiet", true, 10, true, false, false, false},
		{"terminal, --quiet --stats", true, 10, true, true, false, true},
	} {
		var buf bytes.Buffer
		p := newProgress(&IO{Err: &buf, StderrIsTTY: tc.tty}, tc.total, tc.quiet, tc.stats, clock())
		n := max(tc.total, 10)
		for i := 0; i < n; i++ {
			p.add(1<<20, 2, i == 0)
		}
		p.finish()
		out := buf.String()
		if got := strings.Contains(out, "\r"); got != tc.bar {
			t.Errorf("%s: bar drawn %v, want %v: %q", tc.name, got, tc.bar, out)
		}
		summary := fmt.Sprintf("factx: %d articles, %d facts, 1 failed, ", n, 2*n)
		if got := strings.Contains(out, summary); got != tc.summary {
			t.Errorf("%s: summary %v, want %v: %q", tc.name, got, tc.summary, out)
		}
		if tc.bar && tc.total > 0 && !strings.Contains(out, fmt.Sprintf("%d/%d", tc.total, tc.total)) {
			t.Errorf("%s: bar never reached %d/%d: %q", tc.name, tc.total, tc.total, out)
		}
		if tc.bar && !strings.HasSuffix(strings.SplitN(out, "factx: 10 articles", 2)[0], "\r\x1b[K") {
			t.Errorf("%s: bar not cleared before the summary: %q", tc.name, out)
		}
	}
}

// TestCheckShard: --check with --shard answers for the shard's own inputs
// only; the facts stored for the others' are left to their shards, and a
// stored file missing is reported by the one shard that keeps its input,
// from a folder and from JSON Lines alike.
func TestCheckShard(t *testing.T) {
	t.Parallel()
	dir, facts := t.TempDir(), t.TempDir()
	files := map[string]string{}
	var jsonl strings.Builder
	for i := 0; i < 8; i++ {
		text := fmt.Sprintf("Цены выросли на %d%%.", i+1)
		files[fmt.Sprintf("a%02d.txt", i)] = text
		fmt.Fprintf(&jsonl, "{\"id\": \"r%d\", \"text\": %q}\n", i, text)
	}
	writeFiles(t, dir, files)
	for _, tc := range []struct {
		name, stdin string
		args        []string
		stored      string // the fact file of one input
	}{
		{"folder", "", []string{"extract", dir}, filepath.Join(facts, "folder", "a03.yaml")},
		{"jsonl", jsonl.String(), []string{"extract", "--from", "jsonl"}, filepath.Join(facts, "jsonl", "r3.yaml")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			store := filepath.Join(facts, tc.name)
			factx(t, tc.stdin, append(tc.args, "-o", store)...).want(t, exitOK)
			check := func(k int) outcome {
				return factx(t, tc.stdin, append(tc.args, "--check", store, fmt.Sprintf("--shard=%d/3", k))...)
			}
			for k := 1; k <= 3; k++ {
				check(k).want(t, exitOK)
			}
			if err := os.Remove(tc.stored); err != nil {
				t.Fatal(err)
			}
			failed := 0
			for k := 1; k <= 3; k++ {
				if o := check(k); o.code != exitOK {
					failed++
					if !strings.Contains(o.out, "1 added, 0 removed") {
						t.Errorf("shard %d/3: %q, want the missing input as added", k, o.out)
					}
				}
			}
			if failed != 1 {
				t.Errorf("%d shards found the stored file missing, want 1", failed)
			}
		})
	}
}
