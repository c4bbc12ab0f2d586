package factfile

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/factx/factx/extract"
	"github.com/factx/factx/extract/source"
	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

// checkEmitter compares the emitter with the reference encoder on doc. It
// returns whether the emitter wrote doc itself (false: it fell back).
func checkEmitter(t testing.TB, doc extract.Document) bool {
	t.Helper()
	want, err := encodeYAMLReflect(doc)
	if err != nil {
		t.Fatalf("reference encoder: %v", err)
	}
	prefix := []byte("keep")
	got, ok := appendYAMLDocument(prefix, doc)
	if !bytes.HasPrefix(got, []byte("keep")) {
		t.Fatalf("emitter overwrote the buffer it appends to: %q", got)
	}
	if ok && !bytes.Equal(got[len(prefix):], want) {
		t.Fatalf("emitter differs from yaml.v3 for %#v\n%s", doc, firstDiffLine(got[len(prefix):], want))
	}
	return ok
}

// firstDiffLine shows the first line where got and want differ.
func firstDiffLine(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %q\nwant: %q", i+1, gl, wl)
		}
	}
	return "equal lines, different bytes"
}

// everyField returns documents with s in each string field in turn, the
// others plain, with and without the optional parts.
func everyField(s string) []extract.Document {
	base := func() extract.Document {
		v := extract.Number(-0.25)
		return extract.Document{
			Source: "a.txt", ID: "r1", Lang: "ru", Published: "2024-03-01",
			Facts: []extract.Fact{{
				ID: "f1", Kind: "money", Value: 1500, Unit: "KZT", Change: "up",
				Qualifier: "about", Metric: "m", Subject: "s", Date: "2024",
				Text: "1,5 тыс. тенге", Start: 3, End: 17, Sentence: "Цена: 1,5 тыс. тенге.",
			}, {ID: "f2", Kind: "count", Value: 7, Text: "семь", Start: 20, End: 24, Sentence: "Семь."}},
			Mentions: []extract.Mention{
				{Type: "MONEY", Value: &v, Unit: "KZT", Date: "2024-01", Start: 3, End: 17, Text: "x", Furniture: true},
				{Type: "DATE", Start: 0, End: 4, Text: "2024", Rule: "not printed"},
			},
		}
	}
	sets := []func(d *extract.Document){
		func(d *extract.Document) { d.Source = s },
		func(d *extract.Document) { d.ID = s },
		func(d *extract.Document) { d.Lang = s },
		func(d *extract.Document) { d.Published = extract.Published(s) },
		func(d *extract.Document) { d.Facts[0].ID = s },
		func(d *extract.Document) { d.Facts[0].Kind = s },
		func(d *extract.Document) { d.Facts[0].Unit = s },
		func(d *extract.Document) { d.Facts[0].Change = s },
		func(d *extract.Document) { d.Facts[0].Qualifier = s },
		func(d *extract.Document) { d.Facts[0].Metric = s },
		func(d *extract.Document) { d.Facts[1].Subject = s },
		func(d *extract.Document) { d.Facts[1].Date = s },
		func(d *extract.Document) { d.Facts[1].Text = s },
		func(d *extract.Document) { d.Facts[1].Sentence = s },
		func(d *extract.Document) { d.Mentions[0].Type = s },
		func(d *extract.Document) { d.Mentions[1].Unit = s },
		func(d *extract.Document) { d.Mentions[1].Date = s },
		func(d *extract.Document) { d.Mentions[1].Text = s },
		func(d *extract.Document) { d.Mentions[0].Text = s; d.Facts = []extract.Fact{} },
		func(d *extract.Document) { d.Source = s; d.Facts = nil; d.Mentions = nil; d.Published = "" },
	}
	docs := make([]extract.Document, len(sets))
	for i, set := range sets {
		docs[i] = base()
		set(&docs[i])
	}
	return docs
}

// TestYAMLEmitterStrings pins the style yaml.v3 gives tricky strings (so the
// table itself is checked against yaml.v3) and requires the emitter to
// write the simple ones itself, identically, in every field.
func TestYAMLEmitterStrings(t *testing.T) {
	tests := []struct {
		s    string
		want string // how yaml.v3 prints s as a string value; "" for fallback
	}{
		// plain
		{"Инвестиции составили 316,3 млрд тенге (15%) — «рекорд».", "Инвестиции составили 316,3 млрд тенге (15%) — «рекорд»."},
		{"a#b", "a#b"},
		{"a:b", "a:b"},
		{"x\"y", "x\"y"},
		{"it's", "it's"},
		{"-5 градусов", "-5 градусов"},
		{"-x", "-x"},
		{"?x", "?x"},
		{":x", ":x"},
		{"5%", "5%"},
		{"2024-01", "2024-01"},
		{"2024-13-45", "2024-13-45"},
		{"2024-02-30", "2024-02-30"},
		{"2024-01/2024-03", "2024-01/2024-03"},
		{"1 000", "1 000"},
		{"d7bab32f", "d7bab32f"},
		{"98045acf", "98045acf"},
		{"1e5x", "1e5x"},
		{"+", "+"},
		{"+-1", "+-1"},
		{"0x", "0x"},
		{"2024-1", "2024-1"},
		{"2024-1-", "2024-1-"},
		{"2001-12-14T25:00:00Z", "2001-12-14T25:00:00Z"},
		{"1,5", "1,5"},
		{"12.5.2024", "12.5.2024"},
		{"_1", "_1"},
		{"1__", `"1__"`},
		{"0xG", "0xG"},
		{"1e", "1e"},
		{"1:60", "1:60"},
		{"1:", "'1:'"},
		{"Yes!", "Yes!"},
		{"nULL", "nULL"},
		{"yes sir", "yes sir"},
		{"true story", "true story"},
		{"\u00a0", "\u00a0"},
		{"a\u00a0b", "a\u00a0b"},
		{"\ufffd", "\ufffd"},
		{"---x", "'---x'"},
		{"--x", "--x"},
		{"..", ".."},
		{"...", "'...'"},
		{"ÿ", "ÿ"},
		{strings.Repeat("длинная строка без переносов ", 20) + "конец", strings.Repeat("длинная строка без переносов ", 20) + "конец"},
		// single quotes: plain not allowed in block context
		{"Цена: 5 тенге", "'Цена: 5 тенге'"},
		{"Итого:", "'Итого:'"},
		{"a #b", "'a #b'"},
		{"#a", "'#a'"},
		{"%", "'%'"},
		{"'q", "'''q'"},
		{"it's: 'x'", "'it''s: ''x'''"},
		{"\"quoted\"", "'\"quoted\"'"},
		{"«ёлка»", "«ёлка»"},
		{"[1]", "'[1]'"},
		{"{a}", "'{a}'"},
		{"*a", "'*a'"},
		{"&a", "'&a'"},
		{"!a", "'!a'"},
		{"|a", "'|a'"},
		{">a", "'>a'"},
		{"@a", "'@a'"},
		{"`a", "'`a'"},
		{",a", "',a'"},
		{"-", "'-'"},
		{"- a", "'- a'"},
		{"? a", "'? a'"},
		{": a", "': a'"},
		{" lead", "' lead'"},
		{"trail ", "'trail '"},
		{" ", "' '"},
		{"---", "'---'"},
		{"a: ", "'a: '"},
		// double quotes: the plain text would not read back as a string
		{"", `""`},
		{"1", `"1"`},
		{"2024", `"2024"`},
		{"0777", `"0777"`},
		{"089", `"089"`},
		{"-12", `"-12"`},
		{"+12", `"+12"`},
		{"1_000", `"1_000"`},
		{"1.5", `"1.5"`},
		{".5", `".5"`},
		{"1.", `"1."`},
		{"1e3", `"1e3"`},
		{"-1E-3", `"-1E-3"`},
		{"0x1F", `"0x1F"`},
		{"0b101", `"0b101"`},
		{"-0b101", `"-0b101"`},
		{"0o17", `"0o17"`},
		{"-0o17", `"-0o17"`},
		{"18446744073709551615", `"18446744073709551615"`},
		{"99999999999999999999", `"99999999999999999999"`},
		{"2024-01-02", `"2024-01-02"`},
		{"2024-1-2", `"2024-1-2"`},
		{"2001-12-14t21:59:43.10-05:00", `"2001-12-14t21:59:43.10-05:00"`},
		{"2001-12-14 21:59:43.10", `"2001-12-14 21:59:43.10"`},
		{"2001-12-14T21:59:43Z", `"2001-12-14T21:59:43Z"`},
		{"0B11", `"0B11"`},
		{"0X1f", `"0X1f"`},
		{"0O17", `"0O17"`},
		{"+0x10", `"+0x10"`},
		{"-0x10", `"-0x10"`},
		{"0x_1", `"0x_1"`},
		{"2001-12-14T21:59:43,5Z", `"2001-12-14T21:59:43,5Z"`},
		{"2001-12-14  21:59:43", `"2001-12-14  21:59:43"`},
		{"10:30", `"10:30"`},
		{"1:2:3.5", `"1:2:3.5"`},
		{"-1:30", `"-1:30"`},
		{"true", `"true"`},
		{"False", `"False"`},
		{"null", `"null"`},
		{"~", `"~"`},
		{"<<", `"<<"`},
		{"y", `"y"`},
		{"No", `"No"`},
		{"off", `"off"`},
		{"ON", `"ON"`},
		{".inf", `".inf"`},
		{"-.Inf", `"-.Inf"`},
		{".NaN", `".NaN"`},
		// several lines, tabs, characters yaml.v3 escapes: the fallback
		{"a\nb", ""},
		{"a\n", ""},
		{" a\nb", ""},
		{"a\tb", ""},
		{"\t", ""},
		{"a\rb", ""},
		{"a\u0085b", ""},
		{"a\u2028b", ""},
		{"a\u2029b", ""},
		{"a\x00b", ""},
		{"a\x7fb", ""},
		{"a\u0080b", ""},
		{"\ufeffa", ""},
		{"a\ufffe", ""},
		{"😀", ""},
		{"\xff", ""},
		{"1\t", ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.s), func(t *testing.T) {
			if tt.want != "" {
				ref, err := encodeYAMLReflect(extract.Document{Source: tt.s, Facts: []extract.Fact{}})
				if err != nil {
					t.Fatal(err)
				}
				if line := "source: " + tt.want + "\n"; !strings.HasPrefix(string(ref), line) {
					t.Fatalf("yaml.v3 prints %q, the table says %q", strings.SplitN(string(ref), "\n", 2)[0], line)
				}
			}
			for i, doc := range everyField(tt.s) {
				if ok := checkEmitter(t, doc); ok != (tt.want != "") {
					t.Errorf("field %d: emitter wrote it itself: %v, want %v", i, ok, tt.want != "")
				}
			}
		})
	}
}

// TestYAMLEmitterShortStrings compares the encoders on every short string
// over alphabets of the characters that decide styles and resolution.
func TestYAMLEmitterShortStrings(t *testing.T) {
	for _, c := range []struct {
		alphabet string
		maxLen   int
	}{
		{"019-+._:,xbeE TZyn~<#'\"!?\t\nа", 3},
		{"0159-+.:_xoeT ", 4},
	} {
		chars := strings.Split(c.alphabet, "")
		level := []string{""}
		checked := 0
		for n := 1; n <= c.maxLen; n++ {
			var next []string
			for _, p := range level {
				for _, ch := range chars {
					s := p + ch
					next = append(next, s)
					checkEmitter(t, extract.Document{Source: s, Lang: "ru", Published: extract.Published(s)})
					checked++
				}
			}
			level = next
		}
		if checked < 10000 {
			t.Fatalf("checked only %d strings", checked)
		}
	}
}

// TestYAMLEmitterNumbers covers Number and int rendering.
func TestYAMLEmitterNumbers(t *testing.T) {
	for _, v := range []float64{0, -0.0, 1, -1, 0.1, 1e-7, 316300000000, 1.87e19, 1e300, -1e-300,
		math.MaxFloat64, math.SmallestNonzeroFloat64, math.NaN(), math.Inf(1), math.Inf(-1)} {
		n := extract.Number(v)
		for _, ints := range [][2]int{{0, 0}, {-1, math.MaxInt}, {math.MinInt, 7}} {
			doc := extract.Document{Source: "a", Lang: "en",
				Facts:    []extract.Fact{{ID: "x", Kind: "k", Value: n, Text: "t", Start: ints[0], End: ints[1], Sentence: "s"}},
				Mentions: []extract.Mention{{Type: "NUM", Value: &n, Start: ints[1], End: ints[0], Text: "t"}},
			}
			if !checkEmitter(t, doc) {
				t.Errorf("%v: fell back", v)
			}
		}
	}
}

// TestYAMLWriterStream checks the writer around the emitter: separators,
// normalization, and the fallback spliced between emitted documents.
func TestYAMLWriterStream(t *testing.T) {
	docs := []extract.Document{
		{Source: "a.txt", Lang: "ru"},
		{Source: "b.txt", Lang: "kk", Facts: []extract.Fact{{ID: "f", Kind: "k", Value: 2, Text: "два\nдва", Sentence: "x\ty"}}},
		sample(),
		{Source: "\xff", Lang: "en"},
		{Source: "c.txt", Lang: "en", Published: "2024-01-02"},
	}
	var want bytes.Buffer
	for i, d := range docs {
		if i > 0 {
			want.WriteString("---\n")
		}
		b, err := encodeYAMLReflect(normalize(d))
		if err != nil {
			t.Fatal(err)
		}
		want.Write(b)
	}
	got := write(t, "yaml", docs)
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("stream differs:\n%s", firstDiffLine(got, want.Bytes()))
	}
	if !strings.HasPrefix(string(got), "source: a.txt\nlang: ru\npublished: null\nfacts: []\n---\n") {
		t.Errorf("unexpected start:\n%s", got)
	}
}

// errWriter fails every write.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, io.ErrShortWrite }

func TestYAMLWriterWriteError(t *testing.T) {
	w, err := NewWriter(errWriter{}, "yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(sample()); err == nil || !strings.Contains(err.Error(), "write yaml") {
		t.Fatalf("error %v, want one naming the yaml write", err)
	}
}

// yamlStyleFloat and base60float are yaml.v3's expressions, to check the
// hand-written matchers against.
var (
	yamlStyleFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
	base60float    = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)
)

func checkMatchers(t *testing.T, s string) {
	t.Helper()
	if got, want := isYAMLStyleFloat(s), yamlStyleFloat.MatchString(s); got != want {
		t.Errorf("isYAMLStyleFloat(%q) = %v, yaml.v3's expression says %v", s, got, want)
	}
	if s == "" {
		return
	}
	if c := s[0]; !(c == '+' || c == '-' || '0' <= c && c <= '9') {
		return // yaml.v3's isBase60Float stops here; so does plainIsStr
	}
	want := strings.IndexByte(s, ':') >= 0 && base60float.MatchString(s)
	if got := isBase60Float(s); got != want {
		t.Errorf("isBase60Float(%q) = %v, yaml.v3's expression says %v", s, got, want)
	}
}

func TestYAMLMatchers(t *testing.T) {
	for _, s := range []string{"", "1", "+1", "-", ".", ".5", "5.", "1.5e3", "1.5e", "1e+", "e3", "+.5E-7", "1.2.3", "1e3.5",
		"1:2", "1:60", "1:5", "1:05", "1:65", "1::2", "1:2:", "1:2.5_", "_1:2", "1_:2", "-1:2", "+:2", "1:2e3", "1:123", "1:2:3.4.5"} {
		checkMatchers(t, s)
	}
}

// FuzzYAMLEmitter builds documents from fuzzed strings and numbers and
// requires the emitter to print what yaml.v3 prints whenever it does not
// fall back, and the writer to print it always.
func FuzzYAMLEmitter(f *testing.F) {
	for _, s := range []struct {
		a, b, c string
		v       float64
		n       int
		flag    bool
	}{
		{"Цена: 5 тенге", "2024-01-02", "a\nb", 1.5, 3, true},
		{"10:30", "0x1F", "'q'", -2, -1, false},
		{"1_000", "-0b101", "+.inf", 1e21, 1 << 40, true},
		{"2001-12-14 21:59:43,10", "yes", " a ", 0, 0, false},
		{"#", "a #b", "- x", 316300000000, 7, true},
		{"", "~", "\u00a0", 0.1, 1, false},
		{"1:2:3.5", ".5", "1e3", -0.001, 2, true},
	} {
		f.Add(s.a, s.b, s.c, s.v, s.n, s.flag)
	}
	f.Fuzz(func(t *testing.T, a, b, c string, v float64, n int, flag bool) {
		checkMatchers(t, a)
		num := extract.Number(v)
		if got, want := string(appendNumber(nil, num)), num.String(); got != want {
			t.Fatalf("appendNumber(%v) = %q, Number.String gives %q", v, got, want)
		}
		var value *extract.Number
		var published extract.Published
		if flag {
			value = &num
			published = extract.Published(b)
		}
		doc := extract.Document{
			Source: a, ID: b, Lang: c, Published: published,
			Facts: []extract.Fact{
				{ID: a, Kind: b, Value: num, Unit: c, Change: a, Qualifier: b, Metric: c, Subject: a, Date: b, Text: c, Start: n, End: -n, Sentence: a},
				{ID: c, Kind: a, Value: -num, Date: a, Text: b, Start: n + 1, Sentence: c},
				// facts of one sentence: it is written once, then copied
				{ID: b, Kind: c, Value: num, Text: a, Start: n + 2, Sentence: c},
				{ID: a, Kind: b, Value: num, Text: c, Start: n + 3, Sentence: c},
			},
			Mentions: []extract.Mention{
				{Type: b, Value: value, Unit: a, Date: c, Start: n, End: n, Text: a, Furniture: flag},
				{Type: c, Text: b, Furniture: !flag},
			},
		}
		if flag {
			doc.Facts, doc.Mentions = doc.Facts[:0], nil
		}
		checkEmitter(t, doc)
		// the writer, fallback included, prints exactly the reference
		want, err := encodeYAMLReflect(doc)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		w, _ := NewWriter(&got, "yaml")
		if err := w.Write(doc); err != nil {
			t.Fatal(err)
		}
		if err := w.Write(doc); err != nil {
			t.Fatal(err)
		}
		if g, w := got.String(), string(want)+"---\n"+string(want); g != w {
			t.Fatalf("writer differs:\n%s", firstDiffLine([]byte(g), []byte(w)))
		}
	})
}

// realDocs extracts the seed and test articles in-process, as
// `factx extract [--mentions] seeds/ testdata/articles/` does.
var realDocs = sync.OnceValues(func() ([]extract.Document, error) {
	set, err := rules.Load(nil, nil)
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	x := extract.New(set, lang.NewDetector())
	var paths []string
	for _, dir := range []string{"../../seeds", "../../testdata/articles"} {
		p, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil || len(p) == 0 {
			return nil, fmt.Errorf("no articles in %s (%v)", dir, err)
		}
		paths = append(paths, p...)
	}
	var docs []extract.Document
	for _, p := range paths {
		it := source.Read(source.Item{Source: p}, nil, source.Options{})
		if it.Err != nil {
			return nil, fmt.Errorf("read %s: %w", p, it.Err)
		}
		in := extract.Input{Source: p, Text: source.Normalize(it.Text)}
		for _, opt := range []extract.Options{{}, {Mentions: true}} {
			docs = append(docs, normalize(x.Extract(in, opt)))
		}
	}
	return docs, nil
})

func getRealDocs(tb testing.TB) []extract.Document {
	tb.Helper()
	if _, err := os.Stat("../../seeds"); err != nil {
		tb.Skipf("no seeds: %v", err)
	}
	docs, err := realDocs()
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// TestYAMLEmitterRealOutputs compares both encoders on every document the
// seeds and test articles give, with and without mentions, and requires
// the emitter to write nearly all of them itself.
func TestYAMLEmitterRealOutputs(t *testing.T) {
	docs := getRealDocs(t)
	fell := 0
	for _, d := range docs {
		if !checkEmitter(t, d) {
			fell++
		}
	}
	t.Logf("%d documents, %d fell back to yaml.v3", len(docs), fell)
	if fell*10 > len(docs) {
		t.Errorf("%d of %d documents fell back; real output should rarely need yaml.v3", fell, len(docs))
	}
}

// BenchmarkYAMLWriter writes the documents of the seeds and test articles,
// with mentions, through yaml.v3 (reflect) and through the emitter.
func BenchmarkYAMLWriter(b *testing.B) {
	var docs []extract.Document
	size := 0
	for i, d := range getRealDocs(b) {
		if i%2 == 1 { // the runs with mentions
			docs = append(docs, d)
			out, _ := encodeYAMLReflect(d)
			size += len(out)
		}
	}
	b.Run("reflect", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				if _, err := encodeYAMLReflect(d); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("emitter", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			w, _ := NewWriter(io.Discard, "yaml")
			for _, d := range docs {
				if err := w.Write(d); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// countingWriter counts the writes it is given and keeps their bytes.
type countingWriter struct {
	bytes.Buffer
	writes int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	return c.Buffer.Write(p)
}

// TestYAMLWriterLongDocuments checks that a document of more than
// partItems facts or mentions goes out in parts, byte for byte what the
// reference encoder prints, and whole when a string of it is one the
// emitter leaves to that encoder.
func TestYAMLWriterLongDocuments(t *testing.T) {
	long := func(facts, mentions int, odd string) extract.Document {
		d := extract.Document{Source: "long.txt", Lang: "ru", Published: "2024-05-01"}
		for i := range facts {
			// runs of three facts share a sentence, across part ends too
			d.Facts = append(d.Facts, extract.Fact{ID: fmt.Sprintf("%08x", i), Kind: "percent", Value: extract.Number(i) / 4,
				Unit: "%", Text: fmt.Sprint(i, "%"), Start: i, End: i + 2, Sentence: fmt.Sprint("Рост на ", i/3, "%: «да»")})
		}
		for i := range mentions {
			d.Mentions = append(d.Mentions, extract.Mention{Type: "PERCENT", Value: num(float64(i)), Start: i, End: i + 1, Text: "5%", Furniture: i%2 == 0})
		}
		if odd != "" {
			d.Facts[len(d.Facts)-1].Sentence = odd
		}
		return d
	}
	tests := []struct {
		name      string
		doc       extract.Document
		minWrites int
	}{
		{"facts in parts", long(2*partItems+5, 0, ""), 3},
		{"facts and mentions in parts", long(partItems+1, partItems+3, ""), 4},
		{"a string for the reference encoder: whole", long(partItems+1, 0, "tab\there"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &countingWriter{}
			yw, err := NewWriter(w, "yaml")
			if err != nil {
				t.Fatal(err)
			}
			for range 2 { // the second after a separator
				if err := yw.Write(tt.doc); err != nil {
					t.Fatal(err)
				}
			}
			ref, err := encodeYAMLReflect(tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			want := append(append(append([]byte{}, ref...), "---\n"...), ref...)
			if !bytes.Equal(w.Bytes(), want) {
				t.Fatalf("output differs:\n%s", firstDiffLine(w.Bytes(), want))
			}
			if w.writes < 2*tt.minWrites {
				t.Errorf("%d writes, want at least %d", w.writes, 2*tt.minWrites)
			}
		})
	}
}

// TestJSONLWriterLongDocuments checks that a JSON Lines record of more
// than partItems facts or mentions, written in parts, is the line
// encoding/json prints for the whole document.
func TestJSONLWriterLongDocuments(t *testing.T) {
	doc := extract.Document{Source: "long.txt", ID: "7", Lang: "kk", Published: "2024-05-01"}
	for i := range partItems + 7 {
		doc.Facts = append(doc.Facts, extract.Fact{ID: fmt.Sprintf("%08x", i), Kind: "money", Value: extract.Number(i) * 1.5,
			Unit: "KZT", Text: fmt.Sprint(i, " теңге <&>"), Start: i, End: i + 9, Sentence: "«Сөйлем» \"x\"\t"})
	}
	for _, mentions := range []int{0, 2*partItems + 1} {
		d := doc
		d.Mentions = nil
		for i := range mentions {
			d.Mentions = append(d.Mentions, extract.Mention{Type: "MONEY", Value: num(float64(i)), Unit: "KZT", Start: i, End: i + 1, Text: "5 ₸"})
		}
		w := &countingWriter{}
		jw, err := NewWriter(w, "jsonl")
		if err != nil {
			t.Fatal(err)
		}
		if err := jw.Write(d); err != nil {
			t.Fatal(err)
		}
		want, err := encodeJSON(d, "", "")
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		if !bytes.Equal(w.Bytes(), want) {
			t.Fatalf("%d mentions: output differs:\n%s", mentions, firstDiffLine(w.Bytes(), want))
		}
		if w.writes < 2 {
			t.Errorf("%d mentions: %d writes, want the record in parts", mentions, w.writes)
		}
	}
}
