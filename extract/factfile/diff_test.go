package factfile

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/factx/factx/extract"
	"go.yaml.in/yaml/v3"
)

// fact builds a fact at position start; fields are set by the caller.
func fact(id, kind string, value float64, unit, metric string, start int) extract.Fact {
	return extract.Fact{
		ID: id, Kind: kind, Value: extract.Number(value), Unit: unit, Metric: metric,
		Text: "t" + id, Start: start, End: start + 5, Sentence: "s",
	}
}

func doc(source string, facts ...extract.Fact) extract.Document {
	return extract.Document{Source: source, Lang: "ru", Published: "2024-01-02", Facts: facts}
}

func moved(f extract.Fact, by int) extract.Fact {
	f.Start += by
	f.End += by
	return f
}

func with(f extract.Fact, edit func(*extract.Fact)) extract.Fact {
	edit(&f)
	return f
}

func TestDiff(t *testing.T) {
	a := fact("a1", "money", 316300000000, "KZT", "investment", 10)
	b := fact("b1", "percent", 15.3, "%", "inflation", 40)
	c := fact("c1", "count", 7, "", "", 80)

	tests := []struct {
		name     string
		old, new []extract.Document
		want     Result
	}{
		{
			name: "equal",
			old:  []extract.Document{doc("x", a, b)},
			new:  []extract.Document{doc("x", a, b)},
			want: Result{},
		},
		{
			name: "offsets moved and ids changed only",
			old:  []extract.Document{doc("x", a, b)},
			new: []extract.Document{doc("x",
				with(moved(a, 12), func(f *extract.Fact) { f.ID = "a2" }), moved(b, 12))},
			want: Result{},
		},
		{
			name: "added",
			old:  []extract.Document{doc("x", a)},
			new:  []extract.Document{doc("x", a, c)},
			want: Result{Articles: []ArticleDiff{{Source: "x", Added: []extract.Fact{c}}}},
		},
		{
			name: "removed",
			old:  []extract.Document{doc("x", a, b, c)},
			new:  []extract.Document{doc("x", a, c)},
			want: Result{Articles: []ArticleDiff{{Source: "x", Removed: []extract.Fact{b}}}},
		},
		{
			name: "metric changed with a new id is changed, not removed and added",
			old:  []extract.Document{doc("x", a, b)},
			new: []extract.Document{doc("x", a,
				with(b, func(f *extract.Fact) { f.ID = "b2"; f.Metric = "mortality" }))},
			want: Result{Articles: []ArticleDiff{{Source: "x", Changed: []Changed{{
				Old:    b,
				New:    with(b, func(f *extract.Fact) { f.ID = "b2"; f.Metric = "mortality" }),
				Fields: []FieldChange{{"metric", "inflation", "mortality"}},
			}}}}},
		},
		{
			name: "same id, different value and date",
			old:  []extract.Document{doc("x", a)},
			new: []extract.Document{doc("x",
				with(a, func(f *extract.Fact) { f.Value = 316.3; f.Date = "2024-05" }))},
			want: Result{Articles: []ArticleDiff{{Source: "x", Changed: []Changed{{
				Old: a,
				New: with(a, func(f *extract.Fact) { f.Value = 316.3; f.Date = "2024-05" }),
				Fields: []FieldChange{
					{"value", "316300000000", "316.3"},
					{"date", "", "2024-05"},
				},
			}}}}},
		},
		{
			name: "different value and new id is removed plus added",
			old:  []extract.Document{doc("x", a)},
			new:  []extract.Document{doc("x", with(a, func(f *extract.Fact) { f.ID = "a9"; f.Value = 5 }))},
			want: Result{Articles: []ArticleDiff{{
				Source:  "x",
				Added:   []extract.Fact{with(a, func(f *extract.Fact) { f.ID = "a9"; f.Value = 5 })},
				Removed: []extract.Fact{a},
			}}},
		},
		{
			name: "same kind, value and unit pair in order of position",
			old: []extract.Document{doc("x",
				fact("p", "percent", 5, "%", "growth", 10), fact("q", "percent", 5, "%", "rate", 50))},
			new: []extract.Document{doc("x",
				fact("p2", "percent", 5, "%", "growth2", 12),
				with(fact("q2", "percent", 5, "%", "rate", 52), func(f *extract.Fact) { f.Text = "tq" }))},
			want: Result{Articles: []ArticleDiff{{Source: "x", Changed: []Changed{{
				Old:    fact("p", "percent", 5, "%", "growth", 10),
				New:    fact("p2", "percent", 5, "%", "growth2", 12),
				Fields: []FieldChange{{"metric", "growth", "growth2"}, {"text", "tp", "tp2"}},
			}}}}},
		},
		{
			name: "articles on one side only, sorted by source",
			old:  []extract.Document{doc("z", a), doc("m", b)},
			new:  []extract.Document{doc("m", b), doc("c", c), doc("e")},
			want: Result{Articles: []ArticleDiff{
				{Source: "c", Status: StatusAdded, Added: []extract.Fact{c}},
				{Source: "e", Status: StatusAdded},
				{Source: "z", Status: StatusRemoved, Removed: []extract.Fact{a}},
			}},
		},
		{
			name: "lang and published changed",
			old:  []extract.Document{doc("x", a)},
			new: []extract.Document{func() extract.Document {
				d := doc("x", a)
				d.Lang, d.Published = "kk", ""
				return d
			}()},
			want: Result{Articles: []ArticleDiff{{Source: "x", Fields: []FieldChange{
				{"lang", "ru", "kk"}, {"published", "2024-01-02", ""},
			}}}},
		},
		{
			name: "duplicate sources pair in order",
			old:  []extract.Document{doc("d", a), doc("d", b)},
			new:  []extract.Document{doc("d", a), doc("d", b, c)},
			want: Result{Articles: []ArticleDiff{{Source: "d", Added: []extract.Fact{c}}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(tt.old, tt.new)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff =\n%+v\nwant\n%+v", got, tt.want)
			}
			if got.Empty() != (len(tt.want.Articles) == 0) {
				t.Errorf("Empty() = %v", got.Empty())
			}
		})
	}
}

func TestCounts(t *testing.T) {
	r := Result{Articles: []ArticleDiff{
		{Added: make([]extract.Fact, 2), Removed: make([]extract.Fact, 1)},
		{Added: make([]extract.Fact, 1), Changed: make([]Changed, 3)},
	}}
	if a, rm, c := r.Counts(); a != 3 || rm != 1 || c != 3 {
		t.Errorf("Counts() = %d, %d, %d; want 3, 1, 3", a, rm, c)
	}
}

func sampleResult() Result {
	old := []extract.Document{
		doc("news/1.txt",
			fact("a", "money", 316300000000, "KZT", "investment", 10),
			fact("b", "percent", 15.3, "%", "mortality", 40),
			fact("c", "count", 7, "", "", 60)),
		doc("news/2.txt", fact("d", "count", 3, "", "", 5)),
	}
	newDoc := doc("news/1.txt",
		fact("a", "money", 316300000000, "KZT", "investment", 10),
		with(fact("b2", "percent", 15.3, "%", "investment", 40), func(f *extract.Fact) { f.Date = "2024"; f.Text = "tb" }),
		fact("e", "ratio", 0.5, "", "", 90))
	newDoc.Lang = "kk"
	return Diff(old, []extract.Document{newDoc})
}

func TestWriteText(t *testing.T) {
	tests := []struct {
		name string
		r    Result
		want string
	}{
		{"empty", Result{}, "0 added, 0 removed, 0 changed\n"},
		{"sample", sampleResult(), `== news/1.txt
  lang: ru → kk
+ ratio 0.5 "te"
- count 7 "tc"
~ percent 15.3 % investment 2024 "tb"
    metric: mortality → investment
    date: "" → 2024
== news/2.txt (only in old)
- count 3 "td"
1 added, 2 removed, 1 changed
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteText(&buf, tt.r); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", buf.String(), tt.want)
			}
		})
	}
}

func TestWriteStructured(t *testing.T) {
	r := sampleResult()
	for _, format := range []string{"yaml", "json"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteStructured(&buf, r, format); err != nil {
				t.Fatal(err)
			}
			var got Report
			var err error
			if format == "yaml" {
				err = yaml.Unmarshal(buf.Bytes(), &got)
			} else {
				err = json.Unmarshal(buf.Bytes(), &got)
			}
			if err != nil {
				t.Fatalf("%v in\n%s", err, buf.String())
			}
			want := Report{Summary: Summary{Added: 1, Removed: 2, Changed: 1}, Articles: r.Articles}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("read back\n%+v\nwant\n%+v", got, want)
			}
			var again bytes.Buffer
			if err := WriteStructured(&again, r, format); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
				t.Errorf("second write differs (err %v)", err)
			}
		})
	}
	var buf bytes.Buffer
	if err := WriteStructured(&buf, Result{}, "json"); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"summary\": {\n    \"added\": 0,\n    \"removed\": 0,\n    \"changed\": 0\n  },\n  \"articles\": []\n}\n"
	if buf.String() != want {
		t.Errorf("empty json diff:\n%s\nwant\n%s", buf.String(), want)
	}
	if err := WriteStructured(&buf, r, "csv"); err == nil {
		t.Error("format csv: no error")
	}
}
