package extract_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/factx/factx/extract"
	"github.com/factx/factx/extract/factfile"
	"github.com/factx/factx/extract/source"
	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

// update rewrites the golden files: go test ./extract -run Golden -update
var update = flag.Bool("update", false, "rewrite testdata/golden/*.yaml from the seeds")

const (
	seedsDir  = "../seeds"
	goldenDir = "../testdata/golden"
)

// newExtractor builds an extractor over the embedded rules.
func newExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	set, err := rules.Load(nil, nil)
	if err != nil {
		t.Fatalf("load rules: %v", err)
	}
	return extract.New(set, lang.NewDetector())
}

// seedFiles lists the seed articles in name order.
func seedFiles(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no seeds in %s (%v)", seedsDir, err)
	}
	return names
}

// readSeed reads a seed as the CLI does: decode, then normalize. The source
// is named as `factx extract seeds/NAME.txt` names it, so the golden file
// equals that command's output.
func readSeed(t testing.TB, path string) extract.Input {
	t.Helper()
	it := source.Read(source.Item{Source: path}, nil, source.Options{})
	if it.Err != nil {
		t.Fatalf("read %s: %v", path, it.Err)
	}
	return extract.Input{Source: "seeds/" + filepath.Base(path), Text: source.Normalize(it.Text)}
}

// render writes one document with the CLI's YAML writer.
func render(t testing.TB, doc extract.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := factfile.NewWriter(&buf, "yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(doc); err != nil {
		t.Fatalf("write %s: %v", doc.Source, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGolden compares the facts of every seed article with
// testdata/golden/NAME.yaml, like gofmt's golden tests. Run with -update
// after a deliberate change of the rules, and review the diff.
func TestGolden(t *testing.T) {
	t.Parallel()
	x := newExtractor(t)
	for _, path := range seedFiles(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			in := readSeed(t, path)
			got := render(t, x.Extract(in, extract.Options{}))
			// Determinism: a second run gives the same bytes (a fresh
			// extractor in TestConcurrentDeterminism).
			if again := render(t, x.Extract(in, extract.Options{})); !bytes.Equal(got, again) {
				t.Fatalf("second run differs:\n%s", firstDiff(got, again))
			}
			golden := filepath.Join(goldenDir, name+".yaml")
			if *update {
				if err := os.MkdirAll(goldenDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (create it with go test ./extract -run Golden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (rerun with -update if the change is intended):\n%s",
					path, golden, firstDiff(want, got))
			}
		})
	}
}

// TestGoldenHasNoStrays fails on golden files whose seed is gone.
func TestGoldenHasNoStrays(t *testing.T) {
	goldens, _ := filepath.Glob(filepath.Join(goldenDir, "*.yaml"))
	for _, g := range goldens {
		seed := filepath.Join(seedsDir, strings.TrimSuffix(filepath.Base(g), ".yaml")+".txt")
		if _, err := os.Stat(seed); err != nil {
			t.Errorf("%s has no seed %s", g, seed)
		}
	}
}

// firstDiff shows the first differing line of two outputs, with its number.
func firstDiff(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n- " + w + "\n+ " + g
		}
	}
	return "(no line differs)"
}
