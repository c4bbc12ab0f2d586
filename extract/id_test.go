package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// refFactID is factID as first written: the straightforward code the
// fast one must agree with.
func refFactID(source string, f Fact, n int) string {
	h := sha256.New()
	for _, part := range []string{source, f.Kind, f.Value.String(), f.Unit, f.Metric, f.Date, refNormalize(f.Sentence)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	if n > 0 {
		h.Write([]byte{byte(n), byte(n >> 8), byte(n >> 16)})
	}
	return hex.EncodeToString(h.Sum(nil))[:8]
}

func refNormalize(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), unicode.IsSpace), " ")
}

func refAssignIDs(source string, facts []Fact) {
	used := map[string]bool{}
	for i := range facts {
		for n := 0; ; n++ {
			id := refFactID(source, facts[i], n)
			if !used[id] {
				used[id] = true
				facts[i].ID = id
				break
			}
		}
	}
}

var normalizeCases = []string{
	"",
	" ",
	"  \t\r\n ",
	"Hello World",
	"  Рост  ВВП\tсоставил\r\n5,3%  ",
	"ЁЛКА Ёж Ѐ Ѝ ЎЏ Іі ЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏ",
	"ӘәҒғҚқҢңӨөҰұҮүҺһ ҚАЗАҚСТАН",
	"a\u00a0b\u0085c\u2028d\u2029e\u3000f\u1680g\u200bh\ufeffi",
	"ΣΑΣ Straße İstanbul ǅemal ẞ Ⅻ ⓐ",
	"bad \xff\xfe utf8 \xd0 end\xe2\x80",
	"\xd0\x9f\xd0",
	"x\u0301y \U0001F600 Z",
	"\v\f tab\vvert\fform",
	strings.Repeat("Слово ", 200),
}

func TestNormalizeSentence(t *testing.T) {
	cases := append([]string(nil), normalizeCases...)
	// every rune of the first planes, in pairs with spaces and capitals
	var all []rune
	for r := rune(0); r < 0x3100; r++ {
		all = append(all, r, 'Q', r)
	}
	cases = append(cases, string(all))
	for _, s := range cases {
		if got, want := normalizeSentence(s), refNormalize(s); got != want {
			t.Errorf("normalizeSentence(%q) = %q, want %q", s, got, want)
		}
	}
	if got := normalizeSentence("  A\u00a0\u00a0Б\n"); got != "a б" {
		t.Errorf("normalizeSentence = %q, want %q", got, "a б")
	}
}

func TestAppendNumber(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 5.3, 12345.678, 1e21, 1.8e19, -2.5e-7,
		123456789012, math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64, math.SmallestNonzeroFloat64} {
		n := Number(v)
		if got, want := string(appendNumber([]byte("x"), n)), "x"+n.String(); got != want {
			t.Errorf("appendNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

var idCases = []Fact{
	{},
	{Kind: "percent", Value: 5.3, Unit: "%", Metric: "gdp", Date: "2025", Sentence: "Рост ВВП  составил\n5,3%."},
	{Kind: "percent", Value: 5.3, Unit: "%", Metric: "gdp", Date: "2025", Sentence: "рост ввп составил 5,3%."},
	{Kind: "money", Value: 1.8e12, Unit: "KZT", Date: "2024-03", Sentence: "\tИнвестиции — 1,8 трлн тенге\u00a0"},
	{Kind: "count", Value: 0, Sentence: "bad \xff utf8"},
	{Kind: "count", Value: Number(math.Copysign(0, -1)), Sentence: "Ноль"},
	{Kind: "ratio", Value: -2.5, Metric: "x\x00y", Sentence: strings.Repeat("Длинное предложение ", 60)},
	{Kind: "quantity", Value: 0.1, Unit: "year", Date: "2020/2024", Sentence: "ҚАЗАҚСТАН ӘЛЕМ"},
}

func TestFactIDMatchesReference(t *testing.T) {
	for _, source := range []string{"", "-", "seeds/a.txt", strings.Repeat("s", 600)} {
		for _, f := range idCases {
			for _, n := range []int{0, 1, 2, 255, 256, 70000} {
				if got, want := factID(source, f, n), refFactID(source, f, n); got != want {
					t.Errorf("factID(%q, %+v, %d) = %s, want %s", source, f, n, got, want)
				}
			}
		}
	}
}

func TestAssignIDsMatchesReference(t *testing.T) {
	// sentences shared by neighbours, then again after another one, and
	// facts that collide
	var few []Fact
	for _, i := range []int{1, 1, 2, 2, 2, 1, 3, 4, 4, 5, 6, 7, 7, 0, 0, 0} {
		few = append(few, idCases[i])
	}
	few[4].Value = 9
	// more than smallIDs, for the map
	many := slices.Concat(few, few, few)
	if len(few) > smallIDs || len(many) <= smallIDs {
		t.Fatalf("%d and %d facts do not test both ways around smallIDs (%d)", len(few), len(many), smallIDs)
	}
	for _, c := range []struct {
		source string
		facts  []Fact
	}{{"a.txt", few}, {"-", few}, {"a.txt", many}} {
		source, facts := c.source, c.facts
		got := append([]Fact(nil), facts...)
		want := append([]Fact(nil), facts...)
		assignIDs(source, got)
		refAssignIDs(source, want)
		seen := map[string]bool{}
		for i := range got {
			if got[i].ID != want[i].ID {
				t.Errorf("%s: fact %d id %s, want %s", source, i, got[i].ID, want[i].ID)
			}
			if seen[got[i].ID] {
				t.Errorf("%s: id %s given twice", source, got[i].ID)
			}
			seen[got[i].ID] = true
		}
	}
}

func FuzzNormalizeSentence(f *testing.F) {
	for _, s := range normalizeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normalizeSentence(s), refNormalize(s); got != want {
			t.Errorf("normalizeSentence(%q) = %q, want %q", s, got, want)
		}
	})
}

func FuzzFactID(f *testing.F) {
	f.Add("a.txt", "percent", 5.3, "%", "gdp", "2025", "Рост ВВП составил 5,3%.", 0)
	f.Add("", "", 0.0, "", "", "", "", 1)
	f.Fuzz(func(t *testing.T, source, kind string, v float64, unit, metric, date, sentence string, n int) {
		n &= 0xffffff
		fact := Fact{Kind: kind, Value: Number(v), Unit: unit, Metric: metric, Date: date, Sentence: sentence}
		if got, want := factID(source, fact, n), refFactID(source, fact, n); got != want {
			t.Errorf("factID = %s, want %s", got, want)
		}
		// the reused digest of assignIDs gives the same, twice over
		var ids hasher
		key := appendSalt(appendIDKey(nil, source, &fact, appendNormalized(nil, sentence)), n)
		for range 2 {
			if got, want := ids.of(key), idOf(key); got != want {
				t.Errorf("hasher.of = %s, idOf %s", got, want)
			}
		}
	})
}

// BenchmarkAssignIDs times naming the facts of an article, three facts
// a sentence, by the code in use and by the reference.
func BenchmarkAssignIDs(b *testing.B) {
	var facts []Fact
	for i := 0; i < 42; i++ {
		f := idCases[1+(i/3)%(len(idCases)-1)]
		f.Value += Number(i)
		facts = append(facts, f)
	}
	for _, bc := range []struct {
		name   string
		assign func(string, []Fact)
	}{{"fast", assignIDs}, {"ref", refAssignIDs}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bc.assign("seeds/bench.txt", facts)
			}
		})
	}
}
