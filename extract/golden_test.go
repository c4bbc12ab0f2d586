package extract_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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

// fixture is what this package's tests build once: compiling the rules
// and reading the seeds is most of their cost.
type fixture struct {
	set   *rules.Set
	x     *extract.Extractor // shared; safe for concurrent use
	seeds []seed
}

// seed is one seed article, read as the CLI reads it, with its facts.
type seed struct {
	path string
	in   extract.Input
	doc  extract.Document
}

var shared = sync.OnceValues(func() (*fixture, error) {
	set, err := rules.Load(nil, nil)
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	fx := &fixture{set: set, x: extract.New(set, lang.NewDetector())}
	paths, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("no seeds in %s (%v)", seedsDir, err)
	}
	for _, p := range paths {
		in, err := readSeed(p)
		if err != nil {
			return nil, err
		}
		fx.seeds = append(fx.seeds, seed{p, in, fx.x.Extract(in, extract.Options{})})
	}
	return fx, nil
})

func getFixture(t testing.TB) *fixture {
	t.Helper()
	fx, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

// readSeed reads a seed as the CLI does: decode, then normalize. The source
// is named as `factx extract seeds/NAME.txt` names it, so the golden file
// equals that command's output.
func readSeed(path string) (extract.Input, error) {
	it := source.Read(source.Item{Source: path}, nil, source.Options{})
	if it.Err != nil {
		return extract.Input{}, fmt.Errorf("read %s: %w", path, it.Err)
	}
	return extract.Input{Source: "seeds/" + filepath.Base(path), Text: source.Normalize(it.Text)}, nil
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
	fx := getFixture(t)
	for _, sd := range fx.seeds {
		name := strings.TrimSuffix(filepath.Base(sd.path), ".txt")
		path := sd.path
		t.Run(name, func(t *testing.T) {
			got := render(t, sd.doc)
			// Determinism: a second run gives the same bytes (a fresh
			// extractor in TestConcurrentDeterminism).
			if again := render(t, fx.x.Extract(sd.in, extract.Options{})); !bytes.Equal(got, again) {
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
