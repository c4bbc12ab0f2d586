package factfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/factx/factx/extract"
)

// Writer streams documents in one format; Close finishes the stream (e.g.
// the closing "]" of a JSON array). Close does not close the underlying
// io.Writer.
type Writer interface {
	Write(doc extract.Document) error
	Close() error
}

// Formats lists the accepted output format names, for --help.
func Formats() []string { return []string{"yaml", "json", "jsonl"} }

// NewWriter returns a Writer for format: "yaml" (a YAML stream, documents
// separated by "---" lines, indent 2), "json" (a JSON array pretty-printed
// with a 2-space indent) or "jsonl" (one compact JSON object per line).
func NewWriter(w io.Writer, format string) (Writer, error) {
	switch format {
	case "yaml":
		return &yamlWriter{w: w}, nil
	case "json":
		return &jsonWriter{w: w}, nil
	case "jsonl":
		return &jsonlWriter{w: w}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of yaml, json, jsonl)", format)
}

// normalize makes an article without facts print "facts: []" in every
// format rather than null.
func normalize(doc extract.Document) extract.Document {
	if doc.Facts == nil {
		doc.Facts = []extract.Fact{}
	}
	return doc
}

type yamlWriter struct {
	w   io.Writer
	n   int
	buf []byte // reused between documents
}

func (y *yamlWriter) Write(doc extract.Document) error {
	doc = normalize(doc)
	buf := y.buf[:0]
	if y.n > 0 {
		buf = append(buf, "---\n"...)
	}
	start := len(buf)
	buf, ok := appendYAMLDocument(buf, doc)
	if !ok {
		// a string the emitter does not write: the reference encoder
		b, err := encodeYAMLReflect(doc)
		if err != nil {
			return fmt.Errorf("encode %s as yaml: %w", doc.Source, err)
		}
		buf = append(buf[:start], b...)
	}
	if cap(buf) <= maxKeptBuffer {
		y.buf = buf
	} else {
		y.buf = nil
	}
	y.n++
	if _, err := y.w.Write(buf); err != nil {
		return fmt.Errorf("write yaml: %w", err)
	}
	return nil
}

// maxKeptBuffer bounds the buffer a yamlWriter keeps for the next document,
// so one huge article does not pin its memory for the rest of the run.
const maxKeptBuffer = 1 << 20

func (y *yamlWriter) Close() error { return nil }

// encodeJSON encodes v without HTML escaping and without the trailing
// newline json.Encoder adds.
func encodeJSON(v any, prefix, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent(prefix, indent)
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

type jsonWriter struct {
	w      io.Writer
	n      int
	closed bool
}

func (j *jsonWriter) Write(doc extract.Document) error {
	if j.closed {
		return fmt.Errorf("write json: writer is closed")
	}
	b, err := encodeJSON(normalize(doc), "  ", "  ")
	if err != nil {
		return fmt.Errorf("encode %s as json: %w", doc.Source, err)
	}
	var buf bytes.Buffer
	if j.n == 0 {
		buf.WriteString("[\n  ")
	} else {
		buf.WriteString(",\n  ")
	}
	buf.Write(b)
	j.n++
	if _, err := j.w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

func (j *jsonWriter) Close() error {
	if j.closed {
		return nil
	}
	j.closed = true
	end := "\n]\n"
	if j.n == 0 {
		end = "[]\n"
	}
	if _, err := io.WriteString(j.w, end); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

type jsonlWriter struct{ w io.Writer }

func (j *jsonlWriter) Write(doc extract.Document) error {
	b, err := encodeJSON(normalize(doc), "", "")
	if err != nil {
		return fmt.Errorf("encode %s as json: %w", doc.Source, err)
	}
	if _, err := j.w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write jsonl: %w", err)
	}
	return nil
}

func (j *jsonlWriter) Close() error { return nil }
