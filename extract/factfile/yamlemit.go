package factfile

// A hand-written YAML emitter for extract.Document. Encoding a document with
// the reflection-driven yaml.v3 encoder costs about a tenth of a run over a
// big folder; the document layout is fixed, so it can be written directly.
// The bytes must be exactly what yaml.v3 (go.yaml.in/yaml/v3 v3.0.6, indent
// 2, no line width) prints, so this file decides scalar styles the way that
// encoder does, but only for the strings whose rules are simple: one line,
// printable, no tabs. A document with any other string goes through
// encodeYAMLReflect whole. The tests compare both paths on tricky strings,
// on fuzzed documents and on the real outputs of the seeds and test articles.

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/factx/factx/extract"
	"go.yaml.in/yaml/v3"
)

// encodeYAMLReflect is the reference path: yaml.v3's encoder, indent 2. It
// prints every document, and the emitter below must match it byte for byte.
func encodeYAMLReflect(doc extract.Document) ([]byte, error) {
	var buf bytes.Buffer
	// A new encoder per document: a long-lived one keeps every event of the
	// stream in memory.
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// appendYAMLDocument appends doc as encodeYAMLReflect prints it. It reports
// false, with b's contents past len(b) undefined, when some string needs a
// style it does not write (several lines, tabs, control or 4-byte
// characters, invalid UTF-8); the caller then uses encodeYAMLReflect.
func appendYAMLDocument(b []byte, doc extract.Document) ([]byte, bool) {
	b, ok := appendYAMLHead(b, doc)
	b, ok = appendYAMLFacts(b, doc.Facts, ok)
	b, ok = appendYAMLMentions(b, doc.Mentions, true, ok)
	return append(b, '\n'), ok
}

// appendYAMLHead appends what comes before the facts, up to their key:
// a part of appendYAMLDocument, which a long document is written in.
func appendYAMLHead(b []byte, doc extract.Document) ([]byte, bool) {
	ok := true
	str := func(key, s string) {
		b = append(b, key...)
		b, ok = appendStringScalar(b, s, ok)
	}
	str("source: ", doc.Source)
	if doc.ID != "" {
		str("\nid: ", doc.ID)
	}
	str("\nlang: ", doc.Lang)
	b = append(b, "\npublished: "...)
	if doc.Published == "" {
		b = append(b, "null"...)
	} else {
		b, ok = appendNodeScalar(b, string(doc.Published), ok)
	}
	if len(doc.Facts) == 0 {
		// yaml.v3 prints a nil slice as an empty one too
		b = append(b, "\nfacts: []"...)
	} else {
		b = append(b, "\nfacts:"...)
	}
	return b, ok
}

// appendYAMLFacts appends the items of facts, a run of a document's
// facts, for appendYAMLDocument; ok threads its result.
func appendYAMLFacts(b []byte, facts []extract.Fact, ok bool) ([]byte, bool) {
	str := func(key, s string) {
		b = append(b, key...)
		b, ok = appendStringScalar(b, s, ok)
	}
	var sentFrom, sentTo int // where the last fact's sentence is written
	for i := range facts {
		f := &facts[i]
		str("\n  - id: ", f.ID)
		str("\n    kind: ", f.Kind)
		b = append(b, "\n    value: "...)
		b = appendNumber(b, f.Value)
		for _, kv := range [...]struct{ key, val string }{
			{"\n    unit: ", f.Unit},
			{"\n    change: ", f.Change},
			{"\n    qualifier: ", f.Qualifier},
			{"\n    metric: ", f.Metric},
			{"\n    subject: ", f.Subject},
			{"\n    date: ", f.Date},
		} {
			if kv.val != "" {
				str(kv.key, kv.val)
			}
		}
		str("\n    text: ", f.Text)
		b = append(b, "\n    start: "...)
		b = strconv.AppendInt(b, int64(f.Start), 10)
		b = append(b, "\n    end: "...)
		b = strconv.AppendInt(b, int64(f.End), 10)
		// the facts of a sentence share it: it is written once and its
		// bytes copied for the others
		b = append(b, "\n    sentence: "...)
		from := len(b)
		if i > 0 && f.Sentence == facts[i-1].Sentence {
			b = append(b, b[sentFrom:sentTo]...)
		} else {
			b, ok = appendStringScalar(b, f.Sentence, ok)
		}
		sentFrom, sentTo = from, len(b)
	}
	return b, ok
}

// appendYAMLMentions appends the items of mentions, a run of a
// document's mentions, after their key when first is set, for
// appendYAMLDocument; ok threads its result.
func appendYAMLMentions(b []byte, mentions []extract.Mention, first, ok bool) ([]byte, bool) {
	str := func(key, s string) {
		b = append(b, key...)
		b, ok = appendStringScalar(b, s, ok)
	}
	if first && len(mentions) > 0 {
		b = append(b, "\nmentions:"...)
	}
	for i := range mentions {
		m := &mentions[i]
		str("\n  - type: ", m.Type)
		if m.Value != nil {
			b = append(b, "\n    value: "...)
			b = appendNumber(b, *m.Value)
		}
		if m.Unit != "" {
			str("\n    unit: ", m.Unit)
		}
		if m.Date != "" {
			str("\n    date: ", m.Date)
		}
		b = append(b, "\n    start: "...)
		b = strconv.AppendInt(b, int64(m.Start), 10)
		b = append(b, "\n    end: "...)
		b = strconv.AppendInt(b, int64(m.End), 10)
		str("\n    text: ", m.Text)
		if m.Furniture {
			b = append(b, "\n    furniture: true"...)
		}
	}
	return b, ok
}

// appendStringScalar appends s as yaml.v3 prints a Go string value in a
// block mapping, or reports false (and appends nothing) if s is outside the
// simple cases. ok threads the result of earlier calls: once false, nothing
// more is checked.
//
// yaml.v3 (encode.go stringv) asks for the plain style when the plain text
// reads back as a string (see plainIsStr), else for the double-quoted one;
// the emitter (emitterc.go select_scalar_style) then turns a plain request
// into single quotes when the text cannot be plain in block context.
func appendStringScalar(b []byte, s string, ok bool) ([]byte, bool) {
	if !ok {
		return b, false
	}
	plainAllowed, simple := analyzeScalar(s)
	if !simple {
		return b, false
	}
	switch {
	case !plainIsStr(s):
		return appendDoubleQuoted(b, s), true
	case plainAllowed:
		return append(b, s...), true
	default:
		return appendSingleQuoted(b, s), true
	}
}

// appendNumber appends n.String() without allocating it. Number marshals
// to an untagged plain scalar node; its text, -?[0-9]+(\.[0-9]+)?, has no
// indicator and no space, so the emitter keeps it plain.
func appendNumber(b []byte, n extract.Number) []byte {
	v := float64(n)
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, '0')
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// appendNodeScalar appends s as yaml.v3 prints an untagged yaml.Node scalar,
// which is what Number and Published marshal to: the plain style is asked
// for whatever s resolves to, and single quotes used when plain is not
// allowed.
func appendNodeScalar(b []byte, s string, ok bool) ([]byte, bool) {
	if !ok {
		return b, false
	}
	plainAllowed, simple := analyzeScalar(s)
	if !simple {
		return b, false
	}
	if plainAllowed {
		return append(b, s...), true
	}
	return appendSingleQuoted(b, s), true
}

// analyzeScalar reports whether s is simple — valid UTF-8 on one line, every
// character printable for yaml.v3 and no tab — and, if so, whether the
// emitter allows it plain in block context (emitterc.go analyze_scalar,
// block_plain_allowed: no space at either end, no indicator that would
// change its meaning). For simple strings the emitter also allows single
// quotes (single_quoted_allowed fails only on tabs, special characters and
// spaces next to line breaks), and yaml.v3 never folds (its line width is
// unlimited), so the quoted forms are written as they are.
func analyzeScalar(s string) (plainAllowed, simple bool) {
	if s == "" {
		// analyze_scalar: block_plain_allowed and single_quoted_allowed.
		return true, true
	}
	indicator := len(s) >= 3 && (s[:3] == "---" || s[:3] == "...")
	// blank is analyze_scalar's preceded_by_whitespace: is_blankz of the
	// previous character, true at the start. Tabs, breaks and NUL are
	// rejected, so only the space counts.
	blank := true
	for i := 0; i < len(s); {
		c := s[i]
		if c > 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			// two bytes from U+00C0 (Cyrillic among them): printable
			blank = false
			i += 2
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !printableRune(r, size) {
				return false, false
			}
			blank = false
			i += size
			continue
		}
		if c < 0x20 || c == 0x7f {
			return false, false // tab, line breaks, other control characters
		}
		if i == 0 || c == ':' || c == '#' {
			// followed_by_whitespace: is_blank (space or tab) next, or the end
			followed := i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t'
			if i == 0 {
				switch c {
				case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
					indicator = true
				case '?', ':', '-':
					indicator = indicator || followed
				}
			} else if c == ':' && followed || c == '#' && blank {
				indicator = true
			}
		}
		blank = c == ' '
		i++
	}
	return !indicator && s[0] != ' ' && s[len(s)-1] != ' ', true
}

// printableRune reports whether the non-ASCII character r, decoded from size
// bytes, is valid, printable and not a line break for yaml.v3: is_printable
// takes U+00A0..U+D7FF and U+E000..U+FFFD except U+FEFF (the BOM), nothing
// past U+FFFF; is_break takes U+0085, U+2028 and U+2029.
func printableRune(r rune, size int) bool {
	switch {
	case r == utf8.RuneError:
		return size == 3 // U+FFFD itself, not an invalid byte
	case r == 0x2028, r == 0x2029, r == 0xFEFF:
		return false
	}
	return 0xA0 <= r && r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD
}

// appendSingleQuoted writes 's' with every quote doubled, as
// write_single_quoted_scalar does for a one-line scalar.
func appendSingleQuoted(b []byte, s string) []byte {
	b = append(b, '\'')
	for {
		i := strings.IndexByte(s, '\'')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '\'')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '\'')
}

// appendDoubleQuoted writes "s" for a simple s: of the characters
// write_double_quoted_scalar escapes, only '"' and '\' can occur in it.
func appendDoubleQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// plainIsStr reports whether yaml.v3 lets s be printed plain as a string:
// the plain text resolves to !!str (resolve.go resolve with no tag) and is
// neither a YAML 1.1 base-60 float nor a YAML 1.1 bool (encode.go stringv).
func plainIsStr(s string) bool {
	switch s {
	case "", "~", "null", "Null", "NULL", // resolve.go resolveMap
		"true", "True", "TRUE", "false", "False", "FALSE",
		".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
		"+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<",
		"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", // isOldBool
		"n", "N", "no", "No", "NO", "off", "Off", "OFF":
		return false
	}
	// resolve looks further only at a sign, digit or dot first (hints 'S',
	// 'D' and '.'); letters of its table ('M') only go to the map above.
	// isBase60Float needs a sign or digit first too.
	c := s[0]
	if !(c == '+' || c == '-' || c == '.' || '0' <= c && c <= '9') {
		return true
	}
	// Every non-string reading below — timestamps (time.Parse of the
	// layouts in resolve.go, with '.' or ',' before fractional seconds),
	// integers (strconv base 0: signs, digits, 0x/0o/0b prefixes, '_'),
	// floats, base-60 — is made of ASCII letters, digits and "+-._:, ".
	// Any other byte, such as every byte of a Cyrillic letter, '%' or '/',
	// leaves a string.
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' ||
			c == '+' || c == '-' || c == '.' || c == '_' || c == ':' || c == ',' || c == ' ') {
			return true
		}
	}
	return !resolvesNumeric(s)
}

// resolvesNumeric reports whether yaml.v3 resolves the plain scalar s, which
// starts with a sign, digit or dot and is not in its resolve map, to a
// timestamp, int or float, or quotes it as a base-60 float. It follows
// resolve.go resolve step by step, with the same strconv and time calls.
func resolvesNumeric(s string) bool {
	if s[0] == '.' {
		_, err := strconv.ParseFloat(s, 64)
		return err == nil
	}
	if isTimestamp(s) {
		return true
	}
	plain := strings.ReplaceAll(s, "_", "")
	if maybeInt(plain) {
		if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return true
		}
		if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return true
		}
	}
	if isYAMLStyleFloat(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return true
		}
	}
	for _, p := range [...]struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		if rest, found := strings.CutPrefix(plain, p.prefix); found {
			if _, err := strconv.ParseInt(rest, p.base, 64); err == nil {
				return true
			}
			if _, err := strconv.ParseUint(rest, p.base, 64); err == nil {
				return true
			}
		} else if rest, found := strings.CutPrefix(plain, "-"+p.prefix); found {
			if _, err := strconv.ParseInt("-"+rest, p.base, 64); err == nil {
				return true
			}
		}
	}
	return isBase60Float(s)
}

// maybeInt reports whether strconv.ParseInt or ParseUint of base 0 might
// accept s: after an optional sign, a 0x, 0o or 0b prefix (any case) and
// alphanumerics, or only decimal digits. Skipping the calls for anything
// else (hex fact ids, "2024-01") saves strconv building errors.
func maybeInt(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if len(s) >= 2 && s[0] == '0' && strings.IndexByte("xXoObB", s[1]) >= 0 {
		s = s[2:]
		for i := 0; i < len(s); i++ {
			if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				return false
			}
		}
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isTimestamp is resolve.go parseTimestamp: four digits and '-', then one of
// the layouts yaml.v3 accepts. Layouts are tried only when they can match,
// which saves time.Parse building errors: every layout starts "2006-1-2",
// a month of one or two digits and a '-', and the time layouts need their
// 'T', 't' or ' ' (time.Parse matches literal text exactly, a space by one
// or more spaces).
func isTimestamp(s string) bool {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	if len(s) < 8 || s[6] != '-' && s[7] != '-' {
		return false
	}
	for _, l := range [...]struct {
		layout string
		needs  byte
	}{
		{"2006-1-2T15:4:5.999999999Z07:00", 'T'},
		{"2006-1-2t15:4:5.999999999Z07:00", 't'},
		{"2006-1-2 15:4:5.999999999", ' '},
		{"2006-1-2", 0},
	} {
		if l.needs != 0 && strings.IndexByte(s, l.needs) < 0 {
			continue
		}
		if _, err := time.Parse(l.layout, s); err == nil {
			return true
		}
	}
	return false
}

// isYAMLStyleFloat matches resolve.go yamlStyleFloat,
// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$, without a regexp.
func isYAMLStyleFloat(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// isBase60Float is encode.go isBase60Float: a sign or digit first, a colon,
// and ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$.
func isBase60Float(s string) bool {
	if strings.IndexByte(s, ':') < 0 {
		return false
	}
	i := 0
	if s[i] == '-' || s[i] == '+' {
		i++
	}
	if i >= len(s) || s[i] < '0' || s[i] > '9' {
		return false
	}
	for i < len(s) && ('0' <= s[i] && s[i] <= '9' || s[i] == '_') {
		i++
	}
	groups := 0
	for i < len(s) && s[i] == ':' {
		i++
		// [0-5]?[0-9]: one digit, or a digit 0-5 and another digit
		switch {
		case i+1 < len(s) && '0' <= s[i] && s[i] <= '5' && '0' <= s[i+1] && s[i+1] <= '9':
			i += 2
		case i < len(s) && '0' <= s[i] && s[i] <= '9':
			i++
		default:
			return false
		}
		groups++
	}
	if groups == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && ('0' <= s[i] && s[i] <= '9' || s[i] == '_') {
			i++
		}
	}
	return i == len(s)
}
