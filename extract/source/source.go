package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Item is one input to process: a file, stdin, or one JSON Lines record.
type Item struct {
	// Source is the path as given, or filepath.Join(arg, rel) for a file
	// found under a folder argument; "-" for stdin; the record id for JSON
	// Lines.
	Source string
	// Rel is the path relative to the folder argument (for mirroring with
	// -o DIR); the base name for a file argument; "stdin" for stdin; the id
	// for JSON Lines.
	Rel string
	// ID is the JSON Lines id, "" otherwise. Numeric ids are kept as written
	// in the input (17, 1e3), strings as is.
	ID string
	// Text is the decoded UTF-8 text, set by Read for files and directly by
	// JSONL for records.
	Text string
	// Lang is a JSON Lines record's "lang", if any.
	Lang string
	// Published is a JSON Lines record's "published" date, YYYY-MM-DD.
	Published string
	// Warnings are non-fatal problems, each a full line naming the input.
	Warnings []string
	// Err is a fatal problem with this input; its message names the path or
	// line. The rest of the batch goes on.
	Err error
}

// Options controls which files are taken and how they are decoded.
type Options struct {
	// Exts are the extensions (with dot, any case) of files taken from
	// folders; nil means DefaultExts. A file named explicitly is always read.
	Exts []string
	// MaxBytes refuses larger files without reading them; 0 means
	// DefaultMaxBytes.
	MaxBytes int64
	// Encoding forces a decoding ("utf-8", "utf-16le", "utf-16be",
	// "windows-1251", "koi8-r"); "" detects it.
	Encoding string
}

// DefaultMaxBytes is the file size limit when Options.MaxBytes is 0.
const DefaultMaxBytes int64 = 64 << 20

// DefaultExts returns the extensions taken from folders when Options.Exts is
// empty.
func DefaultExts() []string { return []string{".txt", ".md"} }

// stdinName is how stdin is named in messages and in Item.Rel.
const stdinName = "stdin"

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// extSet returns the lowercased extensions to take from folders.
func (o Options) extSet() map[string]bool {
	exts := o.Exts
	if len(exts) == 0 {
		exts = DefaultExts()
	}
	set := make(map[string]bool, len(exts))
	for _, e := range exts {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		if !strings.HasPrefix(e, ".") {
			e = "." + e
		}
		set[e] = true
	}
	return set
}

// List expands paths into items: a file as given, a folder walked
// recursively (files with one of opt.Exts, sorted by relative path, hidden
// entries skipped), "-" as stdin. A missing or unreadable path becomes an
// item with Err set, so the batch keeps going. Symlinks to files are read;
// symlinks to folders are followed, but each real folder is walked once, so
// links cannot loop.
func List(paths []string, opt Options) []Item {
	exts := opt.extSet()
	var items []Item
	for _, p := range paths {
		if p == "-" {
			items = append(items, Item{Source: "-", Rel: stdinName})
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			items = append(items, Item{Source: p, Rel: filepath.Base(p), Err: pathError(p, err)})
			continue
		}
		if !info.IsDir() {
			items = append(items, Item{Source: p, Rel: filepath.Base(p)})
			continue
		}
		w := walker{root: p, exts: exts, visited: map[string]bool{}}
		w.walk(p, "")
		sort.SliceStable(w.items, func(i, j int) bool {
			return filepath.ToSlash(w.items[i].Rel) < filepath.ToSlash(w.items[j].Rel)
		})
		items = append(items, w.items...)
	}
	return items
}

// walker collects the files under one folder argument.
type walker struct {
	root    string
	exts    map[string]bool
	visited map[string]bool // real paths of folders already walked
	items   []Item
}

// walk adds the files of folder dir (rel is its path under the root).
func (w *walker) walk(dir, rel string) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		w.fail(dir, rel, err)
		return
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	if w.visited[real] {
		return
	}
	w.visited[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.fail(dir, rel, err)
		return
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(dir, name)
		childRel := filepath.Join(rel, name)
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(path)
			if err != nil {
				// A dangling link is reported only if it would have been taken.
				if w.exts[strings.ToLower(filepath.Ext(name))] {
					w.fail(path, childRel, err)
				}
				continue
			}
			isDir = info.IsDir()
		}
		if isDir {
			w.walk(path, childRel)
			continue
		}
		if !e.Type().IsRegular() && e.Type()&fs.ModeSymlink == 0 {
			continue // devices, sockets, pipes
		}
		if w.exts[strings.ToLower(filepath.Ext(name))] {
			w.items = append(w.items, Item{Source: path, Rel: childRel})
		}
	}
}

func (w *walker) fail(path, rel string, err error) {
	if rel == "" {
		rel = filepath.Base(path)
	}
	w.items = append(w.items, Item{Source: path, Rel: rel, Err: pathError(path, err)})
}

// pathError names path once in an os error: "a.txt: no such file or
// directory" rather than "stat a.txt: ...". errors.Is still sees the cause.
func pathError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: %w", path, err)
}

// Read fills it.Text, Warnings and Err for an item from List: it reads the
// file (or stdin when it.Source is "-"), refusing files over the size limit
// before opening them, and decodes the bytes with Decode. An item that
// already has Err is returned unchanged.
func Read(it Item, stdin io.Reader, opt Options) Item {
	if it.Err != nil {
		return it
	}
	limit := opt.maxBytes()
	name := it.Source
	var raw []byte
	var err error
	if it.Source == "-" {
		name = stdinName
		if stdin == nil {
			it.Err = fmt.Errorf("%s: no input", name)
			return it
		}
		raw, err = readLimited(stdin, limit, 0)
	} else {
		raw, err = readFile(it.Source, limit)
	}
	if err != nil {
		if errors.Is(err, errTooLarge) {
			it.Err = fmt.Errorf("%s: %w", name, err)
		} else {
			it.Err = pathError(name, err)
		}
		return it
	}
	text, warnings, err := decodeOwned(raw, opt.Encoding)
	if err != nil {
		it.Err = fmt.Errorf("%s: %w", name, err)
		return it
	}
	it.Text = text
	for _, w := range warnings {
		it.Warnings = append(it.Warnings, name+": "+w)
	}
	return it
}

var errTooLarge = errors.New("too large")

// readLimited reads all of r, failing with errTooLarge past limit bytes.
// size is how many bytes r is expected to hold (0 if unknown); reading
// into a buffer of that size saves growing one.
func readLimited(r io.Reader, limit, size int64) ([]byte, error) {
	n := int64(512)
	if size > 0 && size < limit {
		n = size + 1 // room to see EOF without growing
	}
	raw := make([]byte, 0, n)
	lr := io.LimitReader(r, limit+1)
	for {
		if len(raw) == cap(raw) {
			raw = append(raw, 0)[:len(raw)]
		}
		m, err := lr.Read(raw[len(raw):cap(raw)])
		raw = raw[:len(raw)+m]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(raw)) > limit {
		return nil, fmt.Errorf("%w: over the limit of %d bytes", errTooLarge, limit)
	}
	return raw, nil
}
