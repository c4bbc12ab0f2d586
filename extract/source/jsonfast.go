package source

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// JSON Lines records are read by encoding/json, which scans a line three
// times (to check it, to copy the raw values, to decode the text) and was
// a tenth of a run over an archive. scanRecord and decodeString read the
// common record in one pass; wherever they are not sure to agree with
// encoding/json (a nested value, an escape they do not know, a key that
// differs from a field's only in case, invalid UTF-8), they say so and
// encoding/json reads the line as before. FuzzParseRecord holds them to
// encoding/json's answers.

// recordKeys are record's fields as encoding/json matches them.
var recordKeys = [...]string{"id", "text", "lang", "published"}

// scanRecord reads a line holding one JSON object into the raw values of
// record's fields, as json.Unmarshal would; ok is false where it cannot
// tell (the caller asks encoding/json then).
func scanRecord(line []byte) (rec record, ok bool) {
	i := skipSpace(line, 0)
	if i >= len(line) || line[i] != '{' {
		return rec, false
	}
	i = skipSpace(line, i+1)
	if i < len(line) && line[i] == '}' {
		return rec, skipSpace(line, i+1) == len(line)
	}
	for {
		if i >= len(line) || line[i] != '"' {
			return rec, false
		}
		keyEnd := bytes.IndexByte(line[i+1:], '"')
		if keyEnd < 0 {
			return rec, false
		}
		key := line[i+1 : i+1+keyEnd]
		for _, c := range key {
			if c == '\\' || c < 0x20 {
				return rec, false // an escaped key, or bad JSON
			}
		}
		i = skipSpace(line, i+2+keyEnd)
		if i >= len(line) || line[i] != ':' {
			return rec, false
		}
		start := skipSpace(line, i+1)
		end, good := skipValue(line, start)
		if !good {
			return rec, false
		}
		raw := line[start:end]
		switch string(key) {
		case "id":
			rec.ID = raw
		case "text":
			rec.Text = raw
		case "lang":
			rec.Lang = raw
		case "published":
			rec.Published = raw
		default:
			for _, k := range recordKeys {
				if strings.EqualFold(string(key), k) {
					return rec, false // encoding/json would take it: let it
				}
			}
		}
		i = skipSpace(line, end)
		if i >= len(line) {
			return rec, false
		}
		switch line[i] {
		case ',':
			i = skipSpace(line, i+1)
		case '}':
			return rec, skipSpace(line, i+1) == len(line)
		default:
			return rec, false
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the value at b[i:], for a string, a
// number, true, false or null; ok is false for anything else (an object,
// an array, bad JSON).
func skipValue(b []byte, i int) (end int, ok bool) {
	if i >= len(b) {
		return 0, false
	}
	switch c := b[i]; {
	case c == '"':
		for j := i + 1; j < len(b); j++ {
			switch {
			case b[j] == '"':
				return j + 1, true
			case b[j] == '\\':
				n := escapeLen(b[j:])
				if n == 0 {
					return 0, false
				}
				j += n - 1
			case b[j] < 0x20:
				return 0, false
			}
		}
		return 0, false
	case c == '-' || c >= '0' && c <= '9':
		return skipNumber(b, i)
	default:
		for _, lit := range [...]string{"true", "false", "null"} {
			if bytes.HasPrefix(b[i:], []byte(lit)) {
				return i + len(lit), true
			}
		}
	}
	return 0, false
}

// escapeLen is the length of the valid JSON escape b begins with
// (a backslash), or 0.
func escapeLen(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	switch b[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if len(b) >= 6 {
			if _, ok := hex4(b[2:6]); ok {
				return 6
			}
		}
	}
	return 0
}

// skipNumber returns the end of a JSON number at b[i:].
func skipNumber(b []byte, i int) (int, bool) {
	if b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case digits() == 0:
		return 0, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return 0, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return 0, false
		}
	}
	return i, true
}

// decodeString decodes a raw JSON string (quotes included) as
// json.Unmarshal into a string would; ok is false where it cannot tell:
// invalid UTF-8 (which encoding/json replaces), a \u escape of a
// surrogate, anything but a string.
func decodeString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	body := raw[1 : len(raw)-1]
	if !utf8.Valid(body) {
		return "", false
	}
	esc := bytes.IndexByte(body, '\\')
	if esc < 0 {
		return string(body), true
	}
	out := make([]byte, 0, len(body))
	for len(body) > 0 {
		esc := bytes.IndexByte(body, '\\')
		if esc < 0 {
			out = append(out, body...)
			break
		}
		out = append(out, body[:esc]...)
		if esc+1 >= len(body) {
			return "", false
		}
		switch c := body[esc+1]; c {
		case '"', '\\', '/':
			out = append(out, c)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			if esc+6 > len(body) {
				return "", false
			}
			r, ok := hex4(body[esc+2 : esc+6])
			if !ok || utf16IsSurrogate(r) {
				return "", false
			}
			out = utf8.AppendRune(out, r)
			body = body[esc+6:]
			continue
		default:
			return "", false
		}
		body = body[esc+2:]
	}
	return string(out), true
}

func hex4(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

func utf16IsSurrogate(r rune) bool { return r >= 0xd800 && r < 0xe000 }
