package factfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/factx/factx/extract"
	"go.yaml.in/yaml/v3"
)

// Extensions lists the file name endings ReadDir reads.
func Extensions() []string { return []string{".yaml", ".yml", ".json", ".jsonl"} }

// Read reads path as a folder (ReadDir) or a single fact file (ReadFile).
func Read(path string) ([]extract.Document, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if info.IsDir() {
		return ReadDir(path)
	}
	return ReadFile(path)
}

// ReadDir reads every fact file under dir (recursively, in lexical path
// order): the files ending .yaml, .yml, .json or .jsonl, as `-o DIR` writes
// them. Hidden files and folders are skipped.
func ReadDir(dir string) ([]extract.Document, error) {
	var docs []extract.Document
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !hasFactExt(d.Name()) {
			return nil
		}
		got, err := ReadFile(path)
		if err != nil {
			return err
		}
		docs = append(docs, got...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}

func hasFactExt(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions() {
		if ext == e {
			return true
		}
	}
	return false
}

// ReadFile reads a fact file in any format factx writes — a YAML stream, a
// JSON array or object, JSON Lines — detected from its content. Errors name
// the file and, where the parser knows it, the line.
func ReadFile(path string) ([]extract.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	docs, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return docs, nil
}

// Parse decodes fact file content in any format factx writes.
func Parse(data []byte) ([]extract.Document, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	var (
		docs []extract.Document
		err  error
	)
	switch {
	case len(trimmed) == 0:
		return nil, nil
	case trimmed[0] == '[':
		docs, err = parseJSONArray(data)
	case trimmed[0] == '{' && isJSONLines(trimmed):
		docs, err = parseJSONLines(data)
	case trimmed[0] == '{':
		docs, err = parseJSONStream(data)
	default:
		docs, err = parseYAML(data)
	}
	if err != nil {
		return nil, err
	}
	for i, d := range docs {
		if d.Source == "" {
			return nil, fmt.Errorf("document %d has no source: not a factx fact file", i+1)
		}
	}
	return docs, nil
}

// isJSONLines tells JSON Lines from one pretty-printed object: its first
// line is a complete JSON value by itself.
func isJSONLines(data []byte) bool {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	return json.Valid(bytes.TrimSpace(first))
}

// lineOf returns the 1-based line of byte offset off in data.
func lineOf(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// jsonError adds the line of a JSON decoding error, taken from the error's
// offset when it has one, else from where the decoder stopped.
func jsonError(data []byte, err error, stopped int64) error {
	off := stopped
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
	}
	return fmt.Errorf("line %d: %w", lineOf(data, off), err)
}

func parseJSONArray(data []byte) ([]extract.Document, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var docs []extract.Document
	if err := dec.Decode(&docs); err != nil {
		return nil, jsonError(data, err, dec.InputOffset())
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("line %d: unexpected content after the JSON array", lineOf(data, dec.InputOffset()))
	}
	return docs, nil
}

// parseJSONStream reads one JSON object, or several written one after the
// other.
func parseJSONStream(data []byte) ([]extract.Document, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var docs []extract.Document
	for {
		var d extract.Document
		err := dec.Decode(&d)
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return nil, jsonError(data, err, dec.InputOffset())
		}
		docs = append(docs, d)
	}
}

func parseJSONLines(data []byte) ([]extract.Document, error) {
	var docs []extract.Document
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var d extract.Document
		if err := json.Unmarshal(line, &d); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func parseYAML(data []byte) ([]extract.Document, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []extract.Document
	for {
		var node yaml.Node
		err := dec.Decode(&node)
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		if len(node.Content) == 0 || node.Content[0].Tag == "!!null" {
			continue // an empty document, e.g. after a trailing "---"
		}
		var d extract.Document
		if err := node.Decode(&d); err != nil {
			return nil, flatYAMLError(err)
		}
		docs = append(docs, d)
	}
}

// flatYAMLError puts yaml.v3's multi-line unmarshal errors on one line, for
// logs: "yaml: line 5: cannot unmarshal ...; line 7: ...".
func flatYAMLError(err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return err
	}
	return fmt.Errorf("yaml: %s", strings.Join(te.Errors, "; "))
}
