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
	if len(doc.Facts)+len(doc.Mentions) > partItems && y.inParts(doc) {
		return y.writeParts(doc)
	}
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
	y.keep(buf)
	y.n++
	if _, err := y.w.Write(buf); err != nil {
		return fmt.Errorf("write yaml: %w", err)
	}
	return nil
}

// keep keeps buf's room for the next document, unless it is large.
func (y *yamlWriter) keep(buf []byte) {
	if cap(buf) <= maxKeptBuffer {
		y.buf = buf
	} else {
		y.buf = nil
	}
}

// partItems is how many facts (or mentions) a part of a long document
// holds: a document of more is written a part at a time, so that its
// bytes are never all in memory at once (a 60 MB article has 150,000
// facts, 38 MB of YAML).
const partItems = 1024

// inParts tells whether the emitter writes every string of doc, so that
// doc can go out in parts: once a part is written, nothing can fall back
// to the reference encoder. It emits the parts and drops them.
func (y *yamlWriter) inParts(doc extract.Document) bool {
	b, ok, _ := eachYAMLPart(y.buf[:0], doc, func(b []byte) ([]byte, error) { return b[:0], nil })
	y.keep(b)
	return ok
}

// writeParts writes doc, which inParts accepted, a part at a time: the
// bytes are appendYAMLDocument's.
func (y *yamlWriter) writeParts(doc extract.Document) error {
	b := y.buf[:0]
	if y.n > 0 {
		b = append(b, "---\n"...)
	}
	y.n++
	b, _, err := eachYAMLPart(b, doc, func(b []byte) ([]byte, error) {
		if _, err := y.w.Write(b); err != nil {
			return b, fmt.Errorf("write yaml: %w", err)
		}
		return b[:0], nil
	})
	y.keep(b)
	return err
}

// eachYAMLPart appends doc as appendYAMLDocument does, handing b to part
// after each partItems facts or mentions and at the end; part returns
// the room for what follows. It stops at the first string the emitter
// leaves to the reference encoder (ok false) or error of part.
func eachYAMLPart(b []byte, doc extract.Document, part func([]byte) ([]byte, error)) (_ []byte, ok bool, err error) {
	b, ok = appendYAMLHead(b, doc)
	for i := 0; ok && err == nil && i < len(doc.Facts); i += partItems {
		if b, ok = appendYAMLFacts(b, doc.Facts[i:min(i+partItems, len(doc.Facts))], ok); ok {
			b, err = part(b)
		}
	}
	for i := 0; ok && err == nil && i < len(doc.Mentions); i += partItems {
		if b, ok = appendYAMLMentions(b, doc.Mentions[i:min(i+partItems, len(doc.Mentions))], i == 0, ok); ok {
			b, err = part(b)
		}
	}
	if ok && err == nil {
		b, err = part(append(b, '\n'))
	}
	return b, ok, err
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
	doc = normalize(doc)
	if len(doc.Facts)+len(doc.Mentions) > partItems {
		return j.writeParts(doc)
	}
	b, err := encodeJSON(doc, "", "")
	if err != nil {
		return fmt.Errorf("encode %s as json: %w", doc.Source, err)
	}
	if _, err := j.w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write jsonl: %w", err)
	}
	return nil
}

// writeParts writes doc's line as Write does, a part of its facts and
// mentions at a time: encoding/json writes a list as its items, each
// encoded alone, between brackets and commas.
func (j *jsonlWriter) writeParts(doc extract.Document) error {
	head := doc
	head.Facts, head.Mentions = []extract.Fact{}, nil
	b, err := encodeJSON(head, "", "")
	if err != nil {
		return fmt.Errorf("encode %s as json: %w", doc.Source, err)
	}
	b, ok := bytes.CutSuffix(b, []byte("[]}"))
	if !ok {
		return fmt.Errorf("encode %s as json: the facts do not come last", doc.Source)
	}
	b = append(b, '[')
	write := func() error {
		if _, err := j.w.Write(b); err != nil {
			return fmt.Errorf("write jsonl: %w", err)
		}
		b = b[:0]
		return nil
	}
	items := func(n int, item func(i int) any) error {
		for i := range n {
			if i > 0 {
				b = append(b, ',')
			}
			v, err := encodeJSON(item(i), "", "")
			if err != nil {
				return fmt.Errorf("encode %s as json: %w", doc.Source, err)
			}
			b = append(b, v...)
			if (i+1)%partItems == 0 {
				if err := write(); err != nil {
					return err
				}
			}
		}
		b = append(b, ']')
		return nil
	}
	if err := items(len(doc.Facts), func(i int) any { return doc.Facts[i] }); err != nil {
		return err
	}
	if len(doc.Mentions) > 0 {
		b = append(b, `,"mentions":[`...)
		if err := items(len(doc.Mentions), func(i int) any { return doc.Mentions[i] }); err != nil {
			return err
		}
	}
	b = append(b, "}\n"...)
	return write()
}

func (j *jsonlWriter) Close() error { return nil }
