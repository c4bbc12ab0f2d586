package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/factx/factx/extract"
	"github.com/factx/factx/extract/factfile"
)

// writeDocs stores documents as a fact file in format.
func writeDocs(t *testing.T, path, format string, docs ...extract.Document) {
	t.Helper()
	var buf bytes.Buffer
	w, err := factfile.NewWriter(&buf, format)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func fact(id, kind string, v float64, unit, metric, text string) extract.Fact {
	return extract.Fact{ID: id, Kind: kind, Value: extract.Number(v), Unit: unit, Metric: metric,
		Text: text, Sentence: "S " + text + "."}
}

func article(source string, facts ...extract.Fact) extract.Document {
	return extract.Document{Source: source, Lang: "ru", Published: "2026-03-10", Facts: facts}
}

// TestDiff: every outcome of factx diff, with its exit code and the lines
// it prints.
func TestDiff(t *testing.T) {
	t.Parallel()
	p5 := fact("aaaa0001", "percent", 5, "%", "inflation", "5%")
	m80 := fact("aaaa0002", "money", 80e6, "KZT", "", "80 млн тенге")
	p7 := fact("aaaa0003", "percent", 7, "%", "", "7%")
	p5metric := p5
	p5metric.Metric = "export"
	base := []extract.Document{article("a.txt", p5, m80), article("b.txt", p7)}
	tests := []struct {
		name  string
		new   []extract.Document
		code  int
		lines []string // each must be a line of stdout
	}{
		{"equal", base, exitOK, []string{"0 added, 0 removed, 0 changed"}},
		{"added fact", []extract.Document{article("a.txt", p5, m80, p7), base[1]}, exitFailed,
			[]string{"== a.txt", `+ percent 7 % "7%"`, "1 added, 0 removed, 0 changed"}},
		{"removed fact", []extract.Document{article("a.txt", p5), base[1]}, exitFailed,
			[]string{"== a.txt", `- money 80000000 KZT "80 млн тенге"`, "0 added, 1 removed, 0 changed"}},
		{"changed fact", []extract.Document{article("a.txt", p5metric, m80), base[1]}, exitFailed,
			[]string{"== a.txt", "    metric: inflation → export", "0 added, 0 removed, 1 changed"}},
		{"removed article", base[:1], exitFailed, []string{"== b.txt (only in old)"}},
		{"added article", append(append([]extract.Document{}, base...), article("c.txt", p5)), exitFailed,
			[]string{"== c.txt (only in new)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			oldPath, newPath := filepath.Join(dir, "old.yaml"), filepath.Join(dir, "new.jsonl")
			writeDocs(t, oldPath, "yaml", base...)
			writeDocs(t, newPath, "jsonl", tt.new...)
			o := factx(t, "", "diff", oldPath, newPath)
			o.want(t, tt.code)
			if o.err != "" {
				t.Errorf("stderr: %s", o.err)
			}
			got := strings.Split(o.out, "\n")
			for _, l := range tt.lines {
				found := false
				for _, g := range got {
					found = found || strings.Contains(g, strings.TrimSpace(l)) && strings.HasPrefix(g, l[:2])
				}
				if !found {
					t.Errorf("no line %q in:\n%s", l, o.out)
				}
			}
			// Structured output says the same, and parses.
			for _, format := range []string{"json", "yaml"} {
				s := factx(t, "", "diff", "--format", format, oldPath, newPath)
				s.want(t, tt.code)
				var v any
				var err error
				if format == "json" {
					err = json.Unmarshal([]byte(s.out), &v)
				} else {
					err = yaml.Unmarshal([]byte(s.out), &v)
				}
				if err != nil || v == nil {
					t.Errorf("--format %s: %v\n%s", format, err, s.out)
				}
			}
		})
	}

	t.Run("folders", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		writeDocs(t, filepath.Join(dir, "old", "a.yaml"), "yaml", base[0])
		writeDocs(t, filepath.Join(dir, "old", "sub", "b.yaml"), "yaml", base[1])
		writeDocs(t, filepath.Join(dir, "new", "a.json"), "json", base[0])
		writeDocs(t, filepath.Join(dir, "new", "b.yaml"), "yaml", base[1])
		o := factx(t, "", "diff", filepath.Join(dir, "old"), filepath.Join(dir, "new"))
		o.want(t, exitOK)
		writeDocs(t, filepath.Join(dir, "new", "b.yaml"), "yaml", article("b.txt"))
		o = factx(t, "", "diff", filepath.Join(dir, "old"), filepath.Join(dir, "new"))
		o.want(t, exitFailed)
		if !strings.Contains(o.out, "- percent 7") {
			t.Errorf("stdout:\n%s", o.out)
		}
	})
}

// TestDiffTrouble: a file that cannot be read exits 2 with one message
// naming it (and the line, for a parse error), nothing on stdout.
func TestDiffTrouble(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	writeDocs(t, good, "yaml", article("a.txt", fact("aaaa0001", "percent", 5, "%", "", "5%")))
	writeFiles(t, dir, map[string]string{
		"bad.yaml":       "source: a.txt\nfacts:\n  - id: x\n    value: [1\n",
		"bad.jsonl":      "{\"source\": \"a\", \"facts\": []}\n{\"source\": \n",
		"wrongtype.yaml": "source: a.txt\nfacts: 5\n",
		"dir/bad.yaml":   "source: [\n",
	})
	unreadable := filepath.Join(dir, "unreadable.yaml")
	writeFiles(t, dir, map[string]string{"unreadable.yaml": "source: a.txt\nfacts: []\n"})
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "missing.yaml"), "missing.yaml"},
		{"yaml syntax", filepath.Join(dir, "bad.yaml"), "bad.yaml: yaml: line 3:"},
		{"jsonl syntax", filepath.Join(dir, "bad.jsonl"), "bad.jsonl: line 2:"},
		{"wrong type", filepath.Join(dir, "wrongtype.yaml"), "wrongtype.yaml: yaml: line 2:"},
		{"bad file in folder", filepath.Join(dir, "dir"), filepath.Join("dir", "bad.yaml")},
		{"unreadable", unreadable, "unreadable.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.name == "unreadable" {
				if f, err := os.Open(unreadable); err == nil {
					f.Close()
					t.Skip("running as root: chmod 000 does not stop reading")
				}
			}
			for _, args := range [][]string{{"diff", good, tt.path}, {"diff", tt.path, good}} {
				o := factx(t, "", args...)
				o.want(t, exitTrouble)
				if o.out != "" {
					t.Errorf("stdout: %s", o.out)
				}
				if errs := o.stderrLines(); len(errs) != 1 || !strings.Contains(errs[0], tt.want) {
					t.Errorf("stderr %q: want one line naming %q", o.err, tt.want)
				}
			}
		})
	}
}
