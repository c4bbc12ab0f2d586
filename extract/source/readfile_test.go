package source

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadFile reads files of every size around the buffer's edges, and
// checks the refusals: a folder, a missing file, a file over the limit.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	word := "Қазақстан 2024 "
	for _, size := range []int{0, 1, 511, 512, 513, 2100, 100_000} {
		text := []byte(strings.Repeat(word, size/len(word)+1)[:size])
		path := filepath.Join(dir, "a.txt")
		if err := os.WriteFile(path, text, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int64{int64(size), int64(size) + 1, 1 << 20} {
			got, err := readFile(path, limit)
			if err != nil || !bytes.Equal(got, text) {
				t.Errorf("size %d, limit %d: got %d bytes, %v", size, limit, len(got), err)
			}
		}
		if size > 0 {
			if _, err := readFile(path, int64(size)-1); !errors.Is(err, errTooLarge) {
				t.Errorf("size %d, limit %d: err = %v, want errTooLarge", size, size-1, err)
			}
		}
	}
	if _, err := readFile(dir, 1<<20); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("a folder: err = %v, want is a directory", err)
	}
	if _, err := readFile(filepath.Join(dir, "missing.txt"), 1<<20); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: err = %v, want fs.ErrNotExist", err)
	}
}
