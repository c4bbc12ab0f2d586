package factfile

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/factx/factx/extract"
)

func sampleDocs() []extract.Document {
	second := extract.Document{
		Source: "b.txt", ID: "rec-2", Lang: "kk", Published: "2024-03-01",
		Facts: []extract.Fact{{
			ID: "f2", Kind: "percent", Value: -0.5, Unit: "%", Change: "decrease",
			Qualifier: "about", Subject: "Астана", Text: "0,5%", Start: 3, End: 7,
			Sentence: "yes: null & <no>",
		}},
	}
	third := extract.Document{Source: "null", Lang: "en", Published: "2024", Facts: []extract.Fact{}}
	return []extract.Document{sample(), second, third}
}

func write(t *testing.T, format string, docs []extract.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, format)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	want := sampleDocs()
	dir := t.TempDir()
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			path := filepath.Join(dir, "out."+format)
			if err := os.WriteFile(path, write(t, format, want), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("read back\n%#v\nwant\n%#v", got, want)
			}
		})
	}
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // sources
	}{
		{"empty", "  \n", nil},
		{"yaml with leading and trailing separators", "---\nsource: a\nfacts: []\n---\nsource: b\n---\n", []string{"a", "b"}},
		{"yaml with BOM", "\xef\xbb\xbfsource: a\n", []string{"a"}},
		{"json object", "{\n  \"source\": \"a\",\n  \"facts\": []\n}\n", []string{"a"}},
		{"json objects one after another", "{\n \"source\": \"a\"\n}\n{\n \"source\": \"b\"\n}\n", []string{"a", "b"}},
		{"json array", " [{\"source\": \"a\"}, {\"source\": \"b\"}]", []string{"a", "b"}},
		{"json lines with blank line and CRLF", "{\"source\":\"a\"}\r\n\r\n{\"source\":\"b\"}\r\n", []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range docs {
				got = append(got, d.Source)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sources %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content string
		want          []string // substrings of the error
	}{
		{"missing.yaml", "", []string{"missing.yaml", "no such file"}},
		{"bad.yaml", "source: a\nfacts:\n  - id: x\n    value: [1\n", []string{"bad.yaml", "line "}},
		{"type.yaml", "source: a\nlang: ru\nfacts:\n  - id: x\n    value: many\n", []string{"type.yaml", "line 5"}},
		{"bad.jsonl", "{\"source\":\"a\"}\n{\"source\":\"b\"}\n\n{\"source\": oops}\n", []string{"bad.jsonl", "line 4"}},
		{"bad.json", "[\n  {\"source\": \"a\"},\n  {\"source\": \"b\",}\n]\n", []string{"bad.json", "line 3"}},
		{"type.json", "{\n  \"source\": \"a\",\n  \"facts\": [\n    {\"value\": \"x\"}\n  ]\n}\n", []string{"type.json", "line 4"}},
		{"nosource.yaml", "lang: ru\n", []string{"nosource.yaml", "no source"}},
		{"text.yaml", "just some words\n", []string{"text.yaml", "line 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			if tt.name != "missing.yaml" {
				if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := ReadFile(path)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestReadDirAndRead(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"b/2.jsonl":      `{"source":"b2"}` + "\n",
		"b/1.json":       `[{"source":"b1"}]`,
		"a.yaml":         "source: a\n",
		"c.yml":          "source: c\n",
		"notes.txt":      "not a fact file",
		".hidden/x.yaml": "source: hidden\n",
		".skip.yaml":     "source: hidden\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sources := func(docs []extract.Document) string {
		var s []string
		for _, d := range docs {
			s = append(s, d.Source)
		}
		return strings.Join(s, ",")
	}
	for _, tt := range []struct{ path, want string }{
		{dir, "a,b1,b2,c"},
		{filepath.Join(dir, "b"), "b1,b2"},
		{filepath.Join(dir, "c.yml"), "c"},
	} {
		docs, err := Read(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := sources(docs); got != tt.want {
			t.Errorf("Read(%s) = %s, want %s", tt.path, got, tt.want)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "b", "0.yaml"), []byte("source: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadDir(dir); err == nil || !strings.Contains(err.Error(), "0.yaml") {
		t.Errorf("ReadDir with a bad file: error %v, want one naming 0.yaml", err)
	}
	if _, err := Read(filepath.Join(dir, "nope")); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("Read(missing): error %v, want one naming the path", err)
	}
}
