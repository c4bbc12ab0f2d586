package rules

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "write compiled.bin again from the rules' YAML")

// TestCompiledCacheIsFresh compiles the embedded rules again and
// compares the result with compiled.bin: a change to the YAML (or to how
// patterns compile) must come with the cache written again, by
// "go generate ./rules".
func TestCompiledCacheIsFresh(t *testing.T) {
	want, err := encodeCache()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("compiled.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(compiledBin, want) {
		t.Fatalf("compiled.bin is stale (%d bytes, compiling the rules gives %d): run go generate ./rules", len(compiledBin), len(want))
	}
}

// TestCachedProgramsAreUsed checks that a lazy set takes every rule's
// program from the cache, and that it is the program compiling gives.
func TestCachedProgramsAreUsed(t *testing.T) {
	cached, err := LoadLazy()
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := loadLazy(false)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range cached.Codes() {
		c, f := cached.Lang(code), fresh.Lang(code)
		if c.cache == nil {
			t.Fatalf("%s: compiled.bin not used (stale? run go generate ./rules)", code)
		}
		if !reflect.DeepEqual(c.anchorIndex, f.anchorIndex) || !reflect.DeepEqual(c.anchors, f.anchors) {
			t.Errorf("%s: the anchors differ from those of the compiled rules", code)
		}
		z := cached.lazy[code]
		datas := make([][]byte, len(z.names))
		for i, name := range z.names {
			datas[i], _ = fs.ReadFile(embedded, name)
		}
		if got, want := c.cache.parsedFiles(), parseEmbedded(z.names, datas); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: cached files differ from the parsed YAML", code)
		}
		for i, r := range c.Rules {
			p, ok := c.cache.rule(r.Name)
			if !ok {
				t.Errorf("%s/%s: not in the cache", code, r.Name)
				continue
			}
			want := f.Rules[i]
			if !reflect.DeepEqual(r.First, want.First) || r.Anchors != want.Anchors {
				t.Errorf("%s/%s: cached first runes differ from the computed ones", code, r.Name)
			}
			want.prepare()
			bounds, intervals := want.automaton().Classes()
			if p.lower != want.lower || !slices.Equal(p.names, want.names) || p.prog.String() != want.prog.String() ||
				!slices.Equal(p.bounds, bounds) || !slices.Equal(p.intervals, intervals) {
				t.Errorf("%s/%s: cached program differs from the compiled one", code, r.Name)
			}
		}
	}
}

// TestDamagedCacheIsRefused checks that a cache that does not decode
// whole is not used, whatever byte is cut.
func TestDamagedCacheIsRefused(t *testing.T) {
	if _, err := splitCache([]byte("factx compiled rules 0\n")); err == nil {
		t.Error("another version accepted")
	}
	for _, n := range []int{0, 5, len(cacheMagic), len(cacheMagic) + 3} {
		if n > len(compiledBin) {
			continue
		}
		if _, err := splitCache(compiledBin[:n]); err == nil && n < len(compiledBin) {
			t.Errorf("cut at %d: accepted", n)
		}
	}
	c := &langCache{rules: map[string]cachedRule{"r": {prog: []byte{0, 1, 0, 5, 0, 1, 4, 9, 0}}}}
	if _, ok := c.rule("r"); ok {
		t.Error("a program jumping outside itself accepted")
	}
}

// TestStaleCacheIsNotUsed checks that a language whose files differ from
// those compiled.bin was made from gets no cache, and is compiled from
// its YAML with the same rules.
func TestStaleCacheIsNotUsed(t *testing.T) {
	if c := openLangCache("ru", make([]byte, 32)); c != nil {
		t.Fatal("a cache made from other files was opened")
	}
	if c := openLangCache("xx", make([]byte, 32)); c != nil {
		t.Fatal("a cache for a language it does not hold was opened")
	}
	set, err := loadLazy(false)
	if err != nil {
		t.Fatal(err)
	}
	l := set.Lang("ru")
	if l.cache != nil {
		t.Fatal("a set without the cache used it")
	}
	if _, _, member := l.Unions(); !slices.Contains(member, true) {
		t.Fatal("compiled from YAML, no rule joined a union")
	}
}
