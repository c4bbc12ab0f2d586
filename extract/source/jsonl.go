package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"
)

// MaxLineBytes is the longest JSON Lines record JSONL accepts.
const MaxLineBytes = 64 << 20

// record is one JSON Lines object; fields stay raw so their types can be
// checked with clear messages.
type record struct {
	ID        json.RawMessage `json:"id"`
	Text      json.RawMessage `json:"text"`
	Lang      json.RawMessage `json:"lang"`
	Published json.RawMessage `json:"published"`
}

// JSONL reads JSON Lines records {"id": ..., "text": ..., "lang"?: ...,
// "published"?: ...} and calls fn for each in order, streaming: memory is
// bounded by the longest line (at most MaxLineBytes). Blank lines are
// skipped. A malformed line gives fn an Item whose Err reads
// "<name>:<line>: <reason>" and whose Source and ID are the record id when
// it could be read, else "<name>:<line>". A good record without an id gets
// Source "<name>:<line>" and ID "". A "published" that is not YYYY-MM-DD (a
// date-time is cut to its date) is dropped with a warning. name ("-" means
// "stdin") is used in messages. JSONL stops at the first error fn returns and returns it; a read
// error is returned wrapped with name.
func JSONL(r io.Reader, name string, fn func(Item) error) error {
	return jsonl(r, name, MaxLineBytes, fn)
}

// jsonl is JSONL with the line limit as a parameter, for tests.
func jsonl(r io.Reader, name string, maxLine int, fn func(Item) error) error {
	if name == "-" {
		name = stdinName
	}
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for lineNo := 1; ; lineNo++ {
		line, tooLong, err := readLine(br, buf[:0], maxLine)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, bomUTF8)
		}
		var it Item
		switch {
		case tooLong:
			it = lineItem(name, lineNo, fmt.Sprintf("line longer than %d bytes", maxLine))
		case len(bytes.TrimSpace(line)) == 0:
			continue
		default:
			it = parseRecord(line, name, lineNo)
		}
		if err := fn(it); err != nil {
			return err
		}
		// Reuse the buffer, but do not keep a huge one after a huge line.
		buf = line
		if cap(buf) > 1<<20 {
			buf = nil
		}
	}
}

// readLine appends the next line (without its end of line) to buf. Past
// maxLine bytes it reads on to the end of the line but stores no more of it
// and reports tooLong. err is io.EOF only when no line is left.
func readLine(br *bufio.Reader, buf []byte, maxLine int) (line []byte, tooLong bool, err error) {
	n := 0
	for {
		chunk, err := br.ReadSlice('\n')
		n += len(chunk)
		if len(buf) <= maxLine {
			buf = append(buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) && n > 0 {
			err = nil // a last line without '\n'; EOF comes on the next call
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		if len(buf) > maxLine {
			return buf[:0], true, err
		}
		return buf, false, err
	}
}

// lineItem is an Item for a line that could not be read as a record.
func lineItem(name string, lineNo int, reason string) Item {
	where := name + ":" + strconv.Itoa(lineNo)
	return Item{Source: where, Rel: where, ID: where, Err: fmt.Errorf("%s: %s", where, reason)}
}

// parseRecord turns one non-blank line into an Item.
func parseRecord(line []byte, name string, lineNo int) Item {
	where := name + ":" + strconv.Itoa(lineNo)
	rec, ok := scanRecord(line)
	if !ok {
		rec = record{}
		if err := json.Unmarshal(line, &rec); err != nil {
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) && typeErr.Field == "" {
				return lineItem(name, lineNo, "not a JSON object")
			}
			return lineItem(name, lineNo, "bad JSON: "+err.Error())
		}
	}
	id, ok := recordID(rec.ID)
	if !ok {
		return lineItem(name, lineNo, "id must be a string or a number")
	}
	it := Item{Source: id, Rel: id, ID: id}
	if id == "" {
		it.Source, it.Rel = where, where
	}
	fail := func(reason string) Item {
		it.Err = fmt.Errorf("%s: %s", where, reason)
		return it
	}
	if isNull(rec.Text) {
		return fail("missing text")
	}
	if text, ok := decodeString(rec.Text); ok {
		it.Text = text
	} else if err := json.Unmarshal(rec.Text, &it.Text); err != nil {
		return fail("text must be a string")
	}
	if !isNull(rec.Lang) {
		if err := json.Unmarshal(rec.Lang, &it.Lang); err != nil {
			return fail("lang must be a string")
		}
	}
	if !isNull(rec.Published) {
		var published string
		if err := json.Unmarshal(rec.Published, &published); err != nil {
			return fail("published must be a string")
		}
		if date, ok := isoDate(published); ok {
			it.Published = date
		} else {
			it.Warnings = append(it.Warnings,
				fmt.Sprintf("%s: published %q is not a YYYY-MM-DD date, ignored", where, published))
		}
	}
	if !utf8.Valid(line) {
		it.Warnings = append(it.Warnings, where+": "+warnBadUTF8)
	}
	return it
}

// recordID reads a string or number id; a number is kept as written. A
// missing or null id gives "".
func recordID(raw json.RawMessage) (string, bool) {
	if isNull(raw) {
		return "", true
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, true
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), true
	}
	return "", false
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// isoDate accepts "YYYY-MM-DD", optionally followed by a time ("T..." or
// " ..."), and returns the date part.
func isoDate(s string) (string, bool) {
	if len(s) < 10 {
		return "", false
	}
	date, rest := s[:10], s[10:]
	if rest != "" && rest[0] != 'T' && rest[0] != ' ' {
		return "", false
	}
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return "", false
	}
	return date, true
}
