package extract

import (
	"io/fs"
	"math"
	"math/big"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/factx/factx/rules"
)

func loadLangs(t testing.TB) *rules.Set {
	t.Helper()
	set, err := rules.Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
}

// TestNumberReader reads number texts, as the rules hand them over, into
// values.
func TestNumberReader(t *testing.T) {
	set := loadLangs(t)
	tests := []struct {
		lang, text string
		ordinal    bool
		want       float64
		fail       bool
	}{
		// digits and separators
		{lang: "ru", text: "1 234 567", want: 1234567},
		{lang: "ru", text: "1\u00a0234\u202f567", want: 1234567},
		{lang: "ru", text: "12\u2009345", want: 12345},
		{lang: "ru", text: "1.844.036", want: 1844036},
		{lang: "ru", text: "15,3", want: 15.3},
		{lang: "ru", text: "2.5", want: 2.5},
		{lang: "ru", text: "−2,5", want: -2.5},
		{lang: "ru", text: "–7", want: -7},
		{lang: "en", text: "1,234,567", want: 1234567},
		{lang: "en", text: "-1,200,000", want: -1200000},
		{lang: "en", text: "0.77", want: 0.77},
		{lang: "en", text: ".5", want: 0.5},
		{lang: "en", text: "1,500", want: 1500},
		{lang: "en", text: "1.3e6", want: 1300000},
		{lang: "en", text: "1e400", fail: true},
		// Russian words: cases, genders, scales
		{lang: "ru", text: "двести пятьдесят три тысячи", want: 253000},
		{lang: "ru", text: "двухсот пятидесяти трех тысяч", want: 253000},
		{lang: "ru", text: "одна тысяча", want: 1000},
		{lang: "ru", text: "два миллиона", want: 2000000},
		{lang: "ru", text: "трех триллионов", want: 3e12},
		{lang: "ru", text: "полтора", want: 1.5},
		{lang: "ru", text: "полторы тысячи", want: 1500},
		{lang: "ru", text: "два с половиной миллиона", want: 2500000},
		{lang: "ru", text: "одна целая три десятых", want: 1.3},
		{lang: "ru", text: "две трети", want: 2.0 / 3},
		{lang: "ru", text: "минус пять", want: -5},
		// Russian ordinals
		{lang: "ru", text: "восьмого", ordinal: true, want: 8},
		{lang: "ru", text: "третьей", ordinal: true, want: 3},
		{lang: "ru", text: "двадцать первый", ordinal: true, want: 21},
		{lang: "ru", text: "сто сороковой", ordinal: true, want: 140},
		{lang: "ru", text: "тысячный", ordinal: true, want: 1000},
		{lang: "ru", text: "два первых", ordinal: true, fail: true},
		// English words
		{lang: "en", text: "twenty-five", want: 25},
		{lang: "en", text: "one hundred and five", want: 105},
		{lang: "en", text: "half a million", want: 500000},
		{lang: "en", text: "a dozen", want: 12},
		{lang: "en", text: "half a dozen", want: 6},
		{lang: "en", text: "one million and a half", want: 1500000},
		{lang: "en", text: "one billion and a half million", want: 1000500000},
		{lang: "en", text: "3 million and a quarter", want: 3250000},
		{lang: "en", text: "three crore twelve lakh fifty-six thousand seven hundred twenty-one", want: 31256721},
		{lang: "en", text: "minus five", want: -5},
		{lang: "en", text: "negative 1200000", want: -1200000},
		{lang: "en", text: "4 thousand 3 hundred", want: 4300},
		// English fractions
		{lang: "en", text: "three quarters", want: 0.75},
		{lang: "en", text: "one fifth", want: 0.2},
		{lang: "en", text: "a hundredth", want: 0.01},
		{lang: "en", text: "one and a fourth", want: 1.25},
		{lang: "en", text: "two and fifty-four hundredths", want: 2.54},
		{lang: "en", text: "twenty-three fifths", want: 4.6},
		{lang: "en", text: "three twenty firsts", want: 3.0 / 21},
		{lang: "en", text: "one hundred and thirty-two fifths", want: 26.4},
		{lang: "en", text: "one hundred and thirty and two fifths", want: 130.4},
		{lang: "en", text: "½", want: 0.5},
		{lang: "en", text: "1 over 3", want: 1.0 / 3},
		{lang: "en", text: "1 in twenty-one", want: 1.0 / 21},
		{lang: "en", text: "two out of five hundred", want: 0.004},
		{lang: "en", text: "five out of three", fail: true},
		// English ordinals
		{lang: "en", text: "third", ordinal: true, want: 3},
		{lang: "en", text: "twenty-first", ordinal: true, want: 21},
		{lang: "en", text: "twenty—fifth", ordinal: true, want: 25},
		{lang: "en", text: "fortysecond", ordinal: true, want: 42},
		{lang: "en", text: "hundred trillionth", ordinal: true, want: 1e14},
		{lang: "en", text: "one second", ordinal: true, fail: true},
		// not numbers
		{lang: "en", text: "and", fail: true},
		{lang: "ru", text: "стол", fail: true},
		{lang: "en", text: "1..2", fail: true},
	}
	for _, tt := range tests {
		r := newNumberReader(set.Lang(tt.lang))
		read := r.read
		if tt.ordinal {
			read = r.readOrdinal
		}
		v, ok := read(tt.text)
		if tt.fail {
			if ok {
				got, _ := v.Float64()
				t.Errorf("%s %q: read %v, want no number", tt.lang, tt.text, got)
			}
			continue
		}
		if !ok {
			t.Errorf("%s %q: not read, want %v", tt.lang, tt.text, tt.want)
			continue
		}
		if got, _ := v.Float64(); !near(got, tt.want) {
			t.Errorf("%s %q: read %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestNumberMentions runs the whole mention finder: what type, value and
// unit a number in a sentence gets, and what is no value at all.
func TestNumberMentions(t *testing.T) {
	set := loadLangs(t)
	type want struct {
		typ  string
		val  float64
		unit string
	}
	tests := []struct {
		lang, text string
		want       []want
	}{
		{"ru", "выросла на 8,5%", []want{{"PERCENT", 8.5, "%"}}},
		{"ru", "на 10–15%", []want{{"PERCENT", 10, "%"}, {"PERCENT", 15, "%"}}},
		{"ru", "от 10 до 15 процентов", []want{{"PERCENT", 10, "%"}, {"PERCENT", 15, "%"}}},
		{"ru", "на 0,5 п.п.", []want{{"PERCENT", 0.5, "pp"}}},
		{"ru", "2,5 млн тенге", []want{{"MONEY", 2500000, "KZT"}}},
		{"ru", "316,3 млрд тг", []want{{"MONEY", 316300000000, "KZT"}}},
		{"ru", "500 руб.", []want{{"MONEY", 500, "RUB"}}},
		{"ru", "50 копеек", []want{{"MONEY", 0.5, "RUB"}}},
		{"ru", "20 долларов 43 цента", []want{{"MONEY", 20.43, "USD"}}},
		{"ru", "вырос в 2,3 раза", []want{{"RATIO", 2.3, "times"}}},
		{"ru", "выросли вдвое", []want{{"RATIO", 2, "times"}}},
		{"ru", "5 тысяч тонн", []want{{"QUANTITY", 5000, "tonne"}}},
		{"ru", "8-й класс", []want{{"ORDINAL", 8, ""}}},
		{"ru", "3М", []want{{"CARDINAL", 3000000, ""}}},
		{"ru", "3м", []want{{"QUANTITY", 3, "metre"}}},
		{"ru", "в 2024 году", []want{{"DATE", 0, ""}}},
		{"ru", "закон № 53-ФЗ", nil},
		{"ru", "звоните +7 (701) 123-45-67", nil},
		{"en", "rose 5 per cent", []want{{"PERCENT", 5, "%"}}},
		{"en", "up 2 percentage points", []want{{"PERCENT", 2, "pp"}}},
		{"en", "costs $1.2bn", []want{{"MONEY", 1200000000, "USD"}}},
		{"en", "US$ 3.14", []want{{"MONEY", 3.14, "USD"}}},
		{"en", "raised £5m", []want{{"MONEY", 5000000, "GBP"}}},
		{"en", "KZT 1.2 trillion", []want{{"MONEY", 1200000000000, "KZT"}}},
		{"en", "down 34 cents", []want{{"MONEY", 0.34, "USD"}}},
		{"en", "3 dollars 50 cents", []want{{"MONEY", 3.5, "USD"}}},
		{"en", "grew 2.3 times", []want{{"RATIO", 2.3, "times"}}},
		{"en", "a 2-fold rise", []want{{"RATIO", 2, "times"}}},
		{"en", "exports doubled", []want{{"RATIO", 2, "times"}}},
		{"en", "100K", []want{{"CARDINAL", 100000, ""}}},
		{"en", "15 thousand", []want{{"CARDINAL", 15000, ""}}},
		{"en", "the 21st century", []want{{"ORDINAL", 21, ""}}},
		{"en", "at 16:32", []want{{"TIME", 0, ""}}},
		{"en", "I'm here", nil},
		{"en", "wait one second", []want{{"CARDINAL", 1, ""}}},
		{"en", "Internet Explorer IE6", nil},
	}
	for _, tt := range tests {
		f := newMentionFinder(set.Lang(tt.lang))
		ms := f.find(tt.text, "2026-03-10")
		var got []string
		for _, m := range ms {
			v := ""
			if m.Value != nil {
				v = m.Value.String()
			}
			got = append(got, m.Type+" "+v+" "+m.Unit+" "+m.Text)
		}
		if len(ms) != len(tt.want) {
			t.Errorf("%s %q: found [%s], want %d mentions", tt.lang, tt.text, strings.Join(got, "; "), len(tt.want))
			continue
		}
		for i, w := range tt.want {
			m := ms[i]
			if m.Type != w.typ || m.Unit != w.unit {
				t.Errorf("%s %q: mention %d is %s, want %s %s", tt.lang, tt.text, i, got[i], w.typ, w.unit)
				continue
			}
			if w.typ != "DATE" && w.typ != "TIME" && (m.Value == nil || !near(float64(*m.Value), w.val)) {
				t.Errorf("%s %q: mention %d is %s, want value %v", tt.lang, tt.text, i, got[i], w.val)
			}
		}
	}
}

// FuzzNumberReader reads arbitrary text as a number in every language:
// it must not panic, and any value it gives must be finite.
//
//	go test ./extract -run '^$' -fuzz '^FuzzNumberReader$' -fuzztime 30s
func FuzzNumberReader(f *testing.F) {
	for _, s := range []string{
		"1 234,5", "1.844.036", "-.0012", "1e999", "½", "twenty—fifth",
		"одна целая три десятых", "минус", "and a", "1/0", "zero over zero",
		"trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion",
		"9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999e9",
	} {
		f.Add(s)
	}
	set := loadLangs(f)
	var readers []*numberReader
	for _, code := range set.Codes() {
		readers = append(readers, newNumberReader(set.Lang(code)))
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range readers {
			for _, read := range []func(string) (*big.Rat, bool){r.read, r.readOrdinal} {
				v, ok := read(s)
				if !ok {
					continue
				}
				if got, _ := v.Float64(); math.IsInf(got, 0) || math.IsNaN(got) {
					t.Fatalf("%s %q: value %v is not finite", r.lang.Code, s, got)
				}
			}
		}
	})
}

// TestZeroDivisorReadsNothing: a user's lexicon may give an ordinal, a
// denominator or a "fraction of" word the value 0; dividing by it must
// make no number, not a panic.
func TestZeroDivisorReadsNothing(t *testing.T) {
	user := fstest.MapFS{"zero.yaml": {Data: []byte(`lang: ru
lexicons:
  denominator:
    - {value: 0, forms: [нулевых]}
  ordinal:
    - {value: 0, forms: [нулевой]}
`)}}
	set, err := rules.Load([]fs.FS{user}, []string{"user"})
	if err != nil {
		t.Fatal(err)
	}
	r := newNumberReader(set.Lang("ru"))
	for _, c := range []struct {
		text    string
		ordinal bool
	}{{"три нулевых", false}, {"нулевых", false}, {"две тысячи нулевой", false}, {"три нулевой", true}} {
		if v, ok := r.readAs(c.text, c.ordinal); ok && v == nil {
			t.Errorf("%q: ok without a value", c.text)
		}
	}
}
