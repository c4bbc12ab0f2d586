package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/factx/factx/extract"
	"github.com/factx/factx/extract/factfile"
	"github.com/factx/factx/rules"
)

// outcome is what one in-process run of factx gave.
type outcome struct {
	code     int
	out, err string
}

// factx runs the command line in process with stdin (not a terminal).
func factx(t *testing.T, stdin string, args ...string) outcome {
	t.Helper()
	return factxIO(t, &IO{Args: args, In: strings.NewReader(stdin)})
}

// builtinRules compiles the built-in rules once for all tests: compiling
// them is most of the cost of a run. Runs with --rules still compile.
var builtinRules = sync.OnceValues(func() (*rules.Set, error) { return rules.Load(nil, nil) })

// factxIO runs with a prepared IO; Out and Err are captured.
func factxIO(t *testing.T, ios *IO) outcome {
	t.Helper()
	set, err := builtinRules()
	if err != nil {
		t.Fatalf("built-in rules: %v", err)
	}
	ios.rules = set
	var out, errb bytes.Buffer
	ios.Out, ios.Err = &out, &errb
	if ios.In == nil {
		ios.In = strings.NewReader("")
	}
	code := run(context.Background(), ios)
	return outcome{code: code, out: out.String(), err: errb.String()}
}

// want fails unless the run ended with code; it prints the run's streams.
func (o outcome) want(t *testing.T, code int) {
	t.Helper()
	if o.code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", o.code, code, o.out, o.err)
	}
}

// stderrLines is stderr without its last newline, split into lines.
func (o outcome) stderrLines() []string {
	s := strings.TrimRight(o.err, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// docs parses stdout as fact files.
func (o outcome) docs(t *testing.T) []extract.Document {
	t.Helper()
	docs, err := factfile.Parse([]byte(o.out))
	if err != nil {
		t.Fatalf("stdout does not parse: %v\n%s", err, o.out)
	}
	return docs
}

// writeFiles creates files (path → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// factTexts lists the text of every fact of a document.
func factTexts(d extract.Document) []string {
	var out []string
	for _, f := range d.Facts {
		out = append(out, f.Text)
	}
	return out
}

const (
	ruArticle = "Цены выросли на 5%.\n\nЭкспорт составил 80 млн тенге.\n"
	enArticle = "Revenue rose 12% in 2025.\n"
)

// TestUsageErrors: every bad command line exits 2 with one message naming
// the problem, before reading any input.
func TestUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		tty  bool
		want string // in stderr
	}{
		{"bad format", []string{"extract", "--format", "xml", "-"}, false, `--format "xml"`},
		{"bad from", []string{"extract", "--from", "csv", "-"}, false, `--from "csv"`},
		{"bad lang", []string{"extract", "--lang", "de", "-"}, false, `--lang "de"`},
		{"bad published", []string{"extract", "--published", "2026-3-1", "-"}, false, `--published "2026-3-1"`},
		{"published not a date", []string{"extract", "--published", "10.03.2026", "-"}, false, "YYYY-MM-DD"},
		{"zero jobs", []string{"extract", "--jobs", "0", "-"}, false, "--jobs 0"},
		{"bad encoding", []string{"extract", "--encoding", "latin9", "-"}, false, "--encoding"},
		{"update without check", []string{"extract", "--update", "-"}, false, "--update goes with --check"},
		{"check with output", []string{"extract", "--check", "a", "-o", "b", "-"}, false, "--check and -o"},
		{"no input on a terminal", []string{"extract"}, true, "no input"},
		{"unknown flag", []string{"extract", "--nope"}, false, "unknown flag"},
		{"unknown command", []string{"nope"}, false, "unknown command"},
		{"diff one argument", []string{"diff", "a.yaml"}, false, "accepts 2 arg"},
		{"diff bad format", []string{"diff", "--format", "html", "a", "b"}, false, `--format "html"`},
		{"rules not a folder", []string{"extract", "--rules", "/nonexistent/rules", "-"}, false, "--rules"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := factxIO(t, &IO{Args: tt.args, In: strings.NewReader(ruArticle), StdinIsTTY: tt.tty})
			o.want(t, exitUsage)
			if o.out != "" {
				t.Errorf("stdout not empty:\n%s", o.out)
			}
			lines := o.stderrLines()
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "factx: ") || !strings.Contains(lines[0], tt.want) {
				t.Errorf("stderr %q: want one line \"factx: ...%s...\"", o.err, tt.want)
			}
		})
	}
}

// TestExtractFlags: flags become options as documented.
func TestExtractFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want func(o *extractOptions)
	}{
		{nil, func(o *extractOptions) {}},
		{[]string{"a.txt", "dir"}, func(o *extractOptions) { o.Paths = []string{"a.txt", "dir"} }},
		{[]string{"--format", "jsonl", "--from", "jsonl", "--mentions"}, func(o *extractOptions) {
			o.Format, o.From, o.Mentions = "jsonl", "jsonl", true
		}},
		{[]string{"--lang", "kk", "--published", "2026-03-10"}, func(o *extractOptions) {
			o.Lang, o.Published = "kk", "2026-03-10"
		}},
		{[]string{"--rules", "r1", "--rules", "r2"}, func(o *extractOptions) { o.RulesDirs = []string{"r1", "r2"} }},
		{[]string{"--ext", ".txt,.html", "--ext", "md"}, func(o *extractOptions) { o.Exts = []string{".txt", ".html", "md"} }},
		{[]string{"-o", "out", "--jobs", "3", "--encoding", "koi8-r", "--max-bytes", "100"}, func(o *extractOptions) {
			o.OutDir, o.Jobs, o.Encoding, o.MaxBytes = "out", 3, "koi8-r", 100
		}},
		{[]string{"--check", "facts", "--update", "-"}, func(o *extractOptions) {
			o.Check, o.Update, o.Paths = "facts", true, []string{"-"}
		}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			ios := &IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			var got *extractOptions
			cmd := newCmdExtract(ios, func(_ context.Context, o *extractOptions) error {
				got = o
				return nil
			})
			cmd.SetArgs(tt.args)
			cmd.SetOut(ios.Out)
			cmd.SetErr(ios.Err)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if got == nil {
				t.Fatal("runF not called")
			}
			// Defaults, then the case's changes.
			def := newCmdExtract(ios, nil)
			want := &extractOptions{IO: ios}
			want.Format, _ = def.Flags().GetString("format")
			want.From, _ = def.Flags().GetString("from")
			want.Exts, _ = def.Flags().GetStringSlice("ext")
			want.Jobs, _ = def.Flags().GetInt("jobs")
			want.MaxBytes, _ = def.Flags().GetInt64("max-bytes")
			if want.Format != "yaml" || want.From != "text" || want.Jobs < 1 || want.MaxBytes <= 0 {
				t.Fatalf("unexpected defaults %+v", want)
			}
			tt.want(want)
			if want.Paths == nil {
				want.Paths = []string{}
			}
			if got.Paths == nil {
				got.Paths = []string{}
			}
			// Only these fields are compared: options added later keep
			// their own defaults.
			for _, f := range []struct {
				name      string
				got, want any
			}{
				{"Paths", got.Paths, want.Paths}, {"Format", got.Format, want.Format}, {"From", got.From, want.From},
				{"Lang", got.Lang, want.Lang}, {"Published", got.Published, want.Published},
				{"RulesDirs", got.RulesDirs, want.RulesDirs}, {"Exts", got.Exts, want.Exts},
				{"Mentions", got.Mentions, want.Mentions}, {"OutDir", got.OutDir, want.OutDir},
				{"Jobs", got.Jobs, want.Jobs}, {"Encoding", got.Encoding, want.Encoding},
				{"MaxBytes", got.MaxBytes, want.MaxBytes}, {"Check", got.Check, want.Check},
				{"Update", got.Update, want.Update},
			} {
				if !reflect.DeepEqual(f.got, f.want) {
					t.Errorf("%s = %#v, want %#v", f.name, f.got, f.want)
				}
			}
		})
	}
}

// TestDiffArgs: diff's two arguments reach its options.
func TestDiffArgs(t *testing.T) {
	t.Parallel()
	ios := &IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
	var got *diffOptions
	cmd := newCmdDiff(ios, func(_ context.Context, o *diffOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--format", "json", "old.yaml", "new/"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.Old != "old.yaml" || got.New != "new/" || got.Format != "json" {
		t.Fatalf("options %+v", got)
	}
}

// The null device is a character device, like a terminal, but output sent
// there is written in blocks and draws no progress bar.
func TestNullDeviceIsNoTerminal(t *testing.T) {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Errorf("isTerminal(%s) = true", os.DevNull)
	}
	r, err := os.Open("main.go")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if isTerminal(r) {
		t.Error("isTerminal(main.go) = true")
	}
}
