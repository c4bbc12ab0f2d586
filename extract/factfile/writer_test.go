package factfile

import (
	"bytes"
	"strings"
	"testing"

	"github.com/factx/factx/extract"
	"go.yaml.in/yaml/v3"
)

func num(v float64) *extract.Number { n := extract.Number(v); return &n }

// sample is a small article with a fact, a mention and characters that
// HTML escaping would mangle.
func sample() extract.Document {
	return extract.Document{
		Source: "news/a&b <1>.txt",
		Lang:   "ru",
		Facts: []extract.Fact{{
			ID: "f1", Kind: "money", Value: 316300000000, Unit: "KZT",
			Metric: "investment", Date: "2024", Text: "316,3 млрд тенге",
			Start: 10, End: 26, Sentence: "Инвестиции составили 316,3 млрд тенге.",
		}},
		Mentions: []extract.Mention{{Type: "PERCENT", Value: num(15.3), Unit: "%", Start: 30, End: 35, Text: "15,3%"}},
	}
}

func TestWriterGolden(t *testing.T) {
	second := extract.Document{Source: "b.txt", Lang: "kk", Published: "2024-03-01"}
	tests := []struct {
		format string
		docs   []extract.Document
		want   string
	}{
		{"yaml", []extract.Document{sample(), second}, `source: news/a&b <1>.txt
lang: ru
published: null
facts:
  - id: f1
    kind: money
    value: 316300000000
    unit: KZT
    metric: investment
    date: "2024"
    text: 316,3 млрд тенге
    start: 10
    end: 26
    sentence: Инвестиции составили 316,3 млрд тенге.
mentions:
  - type: PERCENT
    value: 15.3
    unit: '%'
    start: 30
    end: 35
    text: 15,3%
---
source: b.txt
lang: kk
published: 2024-03-01
facts: []
`},
		{"yaml", nil, ""},
		{"json", []extract.Document{sample(), second}, `[
  {
    "source": "news/a&b <1>.txt",
    "lang": "ru",
    "published": null,
    "facts": [
      {
        "id": "f1",
        "kind": "money",
        "value": 316300000000,
        "unit": "KZT",
        "metric": "investment",
        "date": "2024",
        "text": "316,3 млрд тенге",
        "start": 10,
        "end": 26,
        "sentence": "Инвестиции составили 316,3 млрд тенге."
      }
    ],
    "mentions": [
      {
        "type": "PERCENT",
        "value": 15.3,
        "unit": "%",
        "start": 30,
        "end": 35,
        "text": "15,3%"
      }
    ]
  },
  {
    "source": "b.txt",
    "lang": "kk",
    "published": "2024-03-01",
    "facts": []
  }
]
`},
		{"json", nil, "[]\n"},
		{"jsonl", []extract.Document{sample(), second}, `{"source":"news/a&b <1>.txt","lang":"ru","published":null,"facts":[{"id":"f1","kind":"money","value":316300000000,"unit":"KZT","metric":"investment","date":"2024","text":"316,3 млрд тенге","start":10,"end":26,"sentence":"Инвестиции составили 316,3 млрд тенге."}],"mentions":[{"type":"PERCENT","value":15.3,"unit":"%","start":30,"end":35,"text":"15,3%"}]}
{"source":"b.txt","lang":"kk","published":"2024-03-01","facts":[]}
`},
		{"jsonl", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewWriter(&buf, tt.format)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range tt.docs {
				if err := w.Write(d); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestNewWriterUnknownFormat(t *testing.T) {
	if _, err := NewWriter(&bytes.Buffer{}, "xml"); err == nil || !strings.Contains(err.Error(), "xml") {
		t.Errorf("NewWriter(xml) error = %v, want one naming the format", err)
	}
}

func TestYAMLOutputParses(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, "yaml")
	for _, src := range []string{"a", "b", "c"} {
		d := sample()
		d.Source = src
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	dec := yaml.NewDecoder(&buf)
	var got []string
	for {
		var d extract.Document
		if err := dec.Decode(&d); err != nil {
			break
		}
		if d.Facts[0].Value != 316300000000 || *d.Mentions[0].Value != 15.3 {
			t.Errorf("%s: values read back as %v, %v", d.Source, d.Facts[0].Value, *d.Mentions[0].Value)
		}
		got = append(got, d.Source)
	}
	if strings.Join(got, ",") != "a,b,c" {
		t.Errorf("parsed sources %v, want a,b,c", got)
	}
}
