package source

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"testing"
	"unicode/utf8"
)

// refParseRecord is parseRecord with encoding/json alone, as first
// written: the oracle of the fast scan.
func refParseRecord(line []byte, name string, lineNo int) Item {
	where := name + ":" + strconv.Itoa(lineNo)
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field == "" {
			return lineItem(name, lineNo, "not a JSON object")
		}
		return lineItem(name, lineNo, "bad JSON: "+err.Error())
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
	if err := json.Unmarshal(rec.Text, &it.Text); err != nil {
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

var recordLines = []string{
	`{"id": "a1", "text": "Рост на 5%.", "lang": "ru", "published": "2025-01-02"}`,
	`{"text":"line\nbreak \"quoted\" \u00e9 \ud83d\ude00 tab\t","id":7}`,
	`{"id":1.5e3,"text":"x","url":"http://x","n":[1,2],"o":{"a":"b"}}`,
	`{"ID":"upper","TEXT":"upper"}`, `{"id":"k","tEXT":"t"}`, `{"id":"dup","text":"one","text":"two"}`,
	`{"id":null,"text":null}`, `{"id":true,"text":"t"}`, `{"text":5}`, `[1]`, `"s"`, `{}`, ` { } `,
	`{"text":"a"} x`, `{"text":"bad \x escape"}`, "{\"text\":\"ctl \x01\"}", "{\"text\":\"bad utf8 \xff\"}",
	`{"text":"t",}`, `{"text" "t"}`, `{"text":01}`, `{"text":-0.5e+2}`, `{"published":"2025-13-01","text":"t"}`,
	`{"text":"\ud800 lone"}`, `{"text":"line\nbreak \"quoted\" \u00e9\/ tab\t","id":7, "url": "x", "n": -1.5e3, "ok": true}`, `{"publiſhed":"2025-01-01","text":"t"}`, `{"te\u0078t":"escaped key"}`,
}

func TestParseRecordAgreesWithEncodingJSON(t *testing.T) {
	for _, line := range recordLines {
		if got, want := parseRecord([]byte(line), "in.jsonl", 3), refParseRecord([]byte(line), "in.jsonl", 3); !sameItem(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", line, got, want)
		}
	}
}

// FuzzParseRecord holds the fast record scan to encoding/json's answers
// on any line.
func FuzzParseRecord(f *testing.F) {
	for _, line := range recordLines {
		f.Add([]byte(line))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if got, want := parseRecord(line, "in.jsonl", 3), refParseRecord(line, "in.jsonl", 3); !sameItem(got, want) {
			t.Fatalf("%q:\n got %+v\nwant %+v", line, got, want)
		}
	})
}

func sameItem(a, b Item) bool {
	ea, eb := a.Err, b.Err
	a.Err, b.Err = nil, nil
	if (ea == nil) != (eb == nil) || ea != nil && ea.Error() != eb.Error() {
		return false
	}
	return reflect.DeepEqual(a, b)
}

// TestFastScanTaken checks that common records do take the fast scan:
// else the comparison above would pass by never leaving encoding/json.
func TestFastScanTaken(t *testing.T) {
	for _, line := range []string{
		recordLines[0], `{"text":"line\nbreak \"quoted\" \u00e9\/ tab\t","id":7, "url": "x", "n": -1.5e3, "ok": true}`,
	} {
		rec, ok := scanRecord([]byte(line))
		if !ok {
			t.Errorf("%s: not scanned", line)
			continue
		}
		if _, ok := decodeString(rec.Text); !ok {
			t.Errorf("%s: text %s not decoded", line, rec.Text)
		}
	}
}
