package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/factx/factx/extract/factfile"
)

// TestExtractStdin: an article on stdin, and the flags that shape the
// output.
func TestExtractStdin(t *testing.T) {
	t.Parallel()
	t.Run("yaml", func(t *testing.T) {
		t.Parallel()
		o := factx(t, ruArticle, "extract", "--published", "2026-03-10")
		o.want(t, exitOK)
		if o.err != "" {
			t.Errorf("stderr: %s", o.err)
		}
		docs := o.docs(t)
		if len(docs) != 1 {
			t.Fatalf("%d documents, want 1", len(docs))
		}
		d := docs[0]
		if d.Source != "-" || d.Lang != "ru" || d.Published != "2026-03-10" || d.Mentions != nil {
			t.Errorf("document %+v", d)
		}
		if got := factTexts(d); !reflect.DeepEqual(got, []string{"5%", "80 млн тенге"}) {
			t.Errorf("facts %q", got)
		}
		if !strings.HasPrefix(o.out, "source: '-'\nlang: ru\npublished: 2026-03-10\nfacts:\n") {
			t.Errorf("output does not start as documented:\n%s", o.out)
		}
	})
	t.Run("dash, json, forced lang, mentions", func(t *testing.T) {
		t.Parallel()
		o := factx(t, ruArticle, "extract", "--format", "json", "--lang", "kk", "--mentions", "-")
		o.want(t, exitOK)
		var docs []map[string]any
		if err := json.Unmarshal([]byte(o.out), &docs); err != nil {
			t.Fatalf("not a JSON array: %v\n%s", err, o.out)
		}
		if len(docs) != 1 || docs[0]["lang"] != "kk" || docs[0]["published"] != nil {
			t.Errorf("documents %v", docs)
		}
		if m, ok := docs[0]["mentions"].([]any); !ok || len(m) == 0 {
			t.Errorf("no mentions with --mentions: %v", docs[0]["mentions"])
		}
	})
	t.Run("empty stdin", func(t *testing.T) {
		t.Parallel()
		o := factx(t, "", "extract", "--format", "jsonl")
		o.want(t, exitOK)
		if strings.Count(o.out, "\n") != 1 || !strings.Contains(o.out, `"facts":[]`) {
			t.Errorf("stdout %q: want one record with no facts", o.out)
		}
	})
}

// TestExtractJSONL: one output line per input record, in order, a bad
// line keeping its place and named on stderr with its line number.
func TestExtractJSONL(t *testing.T) {
	t.Parallel()
	in := strings.Join([]string{
		`{"id": "a", "text": "Цены выросли на 5%.", "published": "2026-03-10"}`,
		`{"id": 2, "text": `,
		`{"id": "c", "text": "Revenue rose 12% in 2025.", "lang": "en"}`,
		`[1, 2]`,
		`{"id": "e", "text": "Экспорт составил 80 млн тенге."}`,
	}, "\n") + "\n"
	for _, jobs := range []string{"1", "4"} {
		t.Run("jobs "+jobs, func(t *testing.T) {
			t.Parallel()
			o := factx(t, in, "extract", "--from", "jsonl", "--format", "jsonl", "--jobs", jobs)
			o.want(t, exitFailed)
			lines := strings.Split(strings.TrimSuffix(o.out, "\n"), "\n")
			if len(lines) != 5 {
				t.Fatalf("%d output lines, want 5:\n%s", len(lines), o.out)
			}
			type rec struct {
				Source    string  `json:"source"`
				ID        string  `json:"id"`
				Lang      string  `json:"lang"`
				Published *string `json:"published"`
				Facts     []struct {
					Text string `json:"text"`
				} `json:"facts"`
			}
			want := []struct {
				id, fact string
			}{{"a", "5%"}, {"stdin:2", ""}, {"c", "12%"}, {"stdin:4", ""}, {"e", "80 млн тенге"}}
			for i, line := range lines {
				var r rec
				if err := json.Unmarshal([]byte(line), &r); err != nil {
					t.Fatalf("line %d: %v: %s", i+1, err, line)
				}
				if r.ID != want[i].id {
					t.Errorf("line %d: id %q, want %q", i+1, r.ID, want[i].id)
				}
				var facts []string
				for _, f := range r.Facts {
					facts = append(facts, f.Text)
				}
				if (want[i].fact == "" && len(facts) != 0) || (want[i].fact != "" && (len(facts) == 0 || facts[0] != want[i].fact)) {
					t.Errorf("line %d: facts %q, want %q", i+1, facts, want[i].fact)
				}
			}
			errs := o.stderrLines()
			if len(errs) != 2 || !strings.HasPrefix(errs[0], "factx: stdin:2: ") || !strings.HasPrefix(errs[1], "factx: stdin:4: ") {
				t.Errorf("stderr %q: want one line for line 2 and one for line 4", errs)
			}
		})
	}
	t.Run("file and published", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		p := filepath.Join(dir, "in.jsonl")
		writeFiles(t, dir, map[string]string{"in.jsonl": `{"id": 7, "text": "Рост на 5%.", "published": "2025-01-02T10:00:00Z"}` + "\n"})
		o := factx(t, "", "extract", "--from", "jsonl", p, filepath.Join(dir, "missing.jsonl"))
		o.want(t, exitFailed)
		docs := o.docs(t)
		if len(docs) != 1 || docs[0].ID != "7" || docs[0].Published != "2025-01-02" {
			t.Errorf("documents %+v", docs)
		}
		if errs := o.stderrLines(); len(errs) != 1 || !strings.Contains(errs[0], "missing.jsonl") {
			t.Errorf("stderr %q", errs)
		}
	})
}

// listFiles lists every file under dir, relative, slash-separated, sorted.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestExtractOutputDir: -o DIR mirrors the input tree, and nothing is ever
// written outside DIR, whatever the input names.
func TestExtractOutputDir(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"in/a.txt":         ruArticle,
		"in/sub/b.txt":     enArticle,
		"in/sub/deep/c.md": ruArticle,
		"in/skip.csv":      ruArticle,
		"in/.hidden.txt":   ruArticle,
		"lone.txt":         enArticle,
	})
	out := filepath.Join(root, "out")
	o := factx(t, ruArticle, "extract", "-o", out, filepath.Join(root, "in"), filepath.Join(root, "lone.txt"), "-")
	o.want(t, exitOK)
	if o.out != "" {
		t.Errorf("stdout with -o: %s", o.out)
	}
	want := []string{"a.yaml", "lone.yaml", "stdin.yaml", "sub/b.yaml", "sub/deep/c.yaml"}
	if got := listFiles(t, out); !reflect.DeepEqual(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
	docs, err := factfile.Read(filepath.Join(out, "sub", "b.yaml"))
	if err != nil || len(docs) != 1 || docs[0].Source != filepath.Join(root, "in", "sub", "b.txt") {
		t.Errorf("sub/b.yaml: %v %+v", err, docs)
	}

	t.Run("jsonl ids cannot escape", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		out := filepath.Join(dir, "deep", "out")
		in := strings.Join([]string{
			`{"id": "../../escape", "text": "5%"}`,
			`{"id": "/etc/passwd", "text": "5%"}`,
			`{"id": "..", "text": "5%"}`,
			`{"id": "a/../../b", "text": "5%"}`,
			`{"id": "C:\\x", "text": "5%"}`,
			`{"id": "ok/nested", "text": "5%"}`,
		}, "\n")
		o := factx(t, in, "extract", "--from", "jsonl", "--format", "json", "-o", out)
		o.want(t, exitOK)
		all := listFiles(t, dir)
		for _, f := range all {
			if !strings.HasPrefix(f, "deep/out/") {
				t.Errorf("%s written outside -o", f)
			}
		}
		if len(all) != 6 {
			t.Errorf("files %q, want 6", all)
		}
	})
}

// TestExtractOutputDirCollisions: inputs whose mirrored names collide each
// keep their own fact file.
func TestExtractOutputDirCollisions(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"x/a.txt": ruArticle,
		"x/a.md":  enArticle,
		"y/a.txt": enArticle,
	})
	out := filepath.Join(root, "out")
	o := factx(t, "", "extract", "-o", out, filepath.Join(root, "x"), filepath.Join(root, "y"))
	o.want(t, exitOK)
	docs, err := factfile.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, d := range docs {
		sources = append(sources, filepath.ToSlash(strings.TrimPrefix(d.Source, root)))
	}
	sort.Strings(sources)
	if want := []string{"/x/a.md", "/x/a.txt", "/y/a.txt"}; !reflect.DeepEqual(sources, want) {
		t.Errorf("stored sources %q, want %q (files %q)", sources, want, listFiles(t, out))
	}
}

// TestExtractCheck: --check compares with the stored facts, --update
// rewrites them.
func TestExtractCheck(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"in/a.txt": ruArticle, "in/b.txt": enArticle})
	in, facts := filepath.Join(root, "in"), filepath.Join(root, "facts")
	factx(t, "", "extract", "-o", facts, in).want(t, exitOK)

	o := factx(t, "", "extract", "--check", facts, in)
	o.want(t, exitOK)
	if o.out != "" || o.err != "" {
		t.Errorf("equal facts printed something:\n%s\n%s", o.out, o.err)
	}

	writeFiles(t, root, map[string]string{"in/a.txt": strings.Replace(ruArticle, "5%", "7%", 1)})
	o = factx(t, "", "extract", "--check", facts, in)
	o.want(t, exitFailed)
	for _, s := range []string{"== " + filepath.Join(in, "a.txt"), "+ percent 7", "- percent 5", "1 added, 1 removed, 0 changed"} {
		if !strings.Contains(o.out, s) {
			t.Errorf("diff lacks %q:\n%s", s, o.out)
		}
	}
	if strings.Contains(o.out, "b.txt") {
		t.Errorf("diff names the unchanged article:\n%s", o.out)
	}
	if errs := o.stderrLines(); len(errs) != 1 || !strings.Contains(errs[0], "--update") {
		t.Errorf("stderr %q: want one line suggesting --update", errs)
	}

	o = factx(t, "", "extract", "--check", facts, "--update", in)
	o.want(t, exitOK)
	factx(t, "", "extract", "--check", facts, in).want(t, exitOK)

	// A deleted article: --check reports it, --update forgets it.
	if err := os.Remove(filepath.Join(in, "b.txt")); err != nil {
		t.Fatal(err)
	}
	o = factx(t, "", "extract", "--check", facts, in)
	o.want(t, exitFailed)
	if !strings.Contains(o.out, "(only in old)") {
		t.Errorf("deleted article not reported:\n%s", o.out)
	}
	factx(t, "", "extract", "--check", facts, "--update", in).want(t, exitOK)
	o = factx(t, "", "extract", "--check", facts, in)
	o.want(t, exitOK)

	t.Run("missing folder", func(t *testing.T) {
		o := factx(t, "", "extract", "--check", filepath.Join(root, "nope"), in)
		o.want(t, exitUsage)
		if !strings.Contains(o.err, "nope") {
			t.Errorf("stderr %q: want the folder named", o.err)
		}
		// --update creates it.
		factx(t, "", "extract", "--check", filepath.Join(root, "nope"), "--update", in).want(t, exitOK)
		factx(t, "", "extract", "--check", filepath.Join(root, "nope"), in).want(t, exitOK)
	})
}

// TestExtractRules: a user's rules folder is read on top of the built-in
// rules; a broken one is a usage error naming file and line.
func TestExtractRules(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"bad/ru.yaml": "lang: ru\nrules:\n  - name: x\n    typo: 1\n"})
	o := factx(t, ruArticle, "extract", "--rules", filepath.Join(dir, "bad"))
	o.want(t, exitUsage)
	want := filepath.ToSlash(filepath.Join(dir, "bad", "ru.yaml")) + ":4:"
	if !strings.Contains(o.err, want) || !strings.Contains(o.err, "typo") {
		t.Errorf("stderr %q: want %q and the bad key", o.err, want)
	}
	if o.out != "" {
		t.Errorf("stdout: %s", o.out)
	}

	writeFiles(t, dir, map[string]string{"syntax/en.yaml": "lang: en\nrules: [\n"})
	o = factx(t, ruArticle, "extract", "--rules", filepath.Join(dir, "syntax"))
	o.want(t, exitUsage)
	if !strings.Contains(o.err, "en.yaml") {
		t.Errorf("stderr %q: want the file name", o.err)
	}
}

// TestDeterminism: the same input gives the same bytes on every run and
// whatever the number of workers.
func TestDeterminism(t *testing.T) {
	t.Parallel()
	seeds := filepath.Join("..", "..", "seeds")
	var first []byte
	for i, jobs := range []string{"1", "4", "4"} {
		o := factx(t, "", "extract", "--mentions", "--jobs", jobs, seeds)
		o.want(t, exitOK)
		if i == 0 {
			first = []byte(o.out)
			if len(o.docs(t)) < 2 {
				t.Fatalf("too few seeds in %s", seeds)
			}
			continue
		}
		if !bytes.Equal(first, []byte(o.out)) {
			t.Fatalf("--jobs %s run %d differs from --jobs 1", jobs, i)
		}
	}
}
