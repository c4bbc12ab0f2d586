package extract_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/factx/factx/extract"
	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

// kkMention is what a Kazakh text must give: the mention's text, its
// type, and its value, unit or ISO date where they matter.
type kkMention struct {
	text, typ string
	value     float64 // checked when not 0
	unit      string  // checked when not ""
	date      string  // checked when not ""
}

// TestKazakhMentions reads Kazakh numbers, their case endings and the
// dates, durations and ages KazNERD calls DATE.
func TestKazakhMentions(t *testing.T) {
	set, err := rules.Load(nil, nil)
	if err != nil {
		t.Fatalf("load rules: %v", err)
	}
	x := extract.New(set, lang.NewDetector())
	tests := []struct {
		text      string
		published string
		want      []kkMention
		// absent lists texts that must be no mention at all
		absent []string
	}{
		{text: "Алдағы екі жылда он мың қырық төрт орындық жатақхана тапсырылады.",
			want: []kkMention{
				{text: "Алдағы екі жылда", typ: "DATE", value: 2, unit: "year"},
				{text: "он мың қырық төрт", typ: "CARDINAL", value: 10044},
			}},
		{text: "Қалада қазір жүзге жуық камера орнатылған.",
			want: []kkMention{{text: "жүзге", typ: "CARDINAL", value: 100}}},
		{text: "Өлім 15,3 пайызға, ал 15%-ға төмендеді.",
			want: []kkMention{
				{text: "15,3 пайызға", typ: "PERCENT", value: 15.3, unit: "%"},
				{text: "15%-ға", typ: "PERCENT", value: 15, unit: "%"},
			}},
		{text: "Бұл үш бүтін оннан үш пайыз.",
			want: []kkMention{{text: "үш бүтін оннан үш пайыз", typ: "PERCENT", value: 3.3, unit: "%"}}},
		{text: "Сайлаушылардың жетпіс бүтін жүзден тоқсан алты процент дауысын жинады.",
			want: []kkMention{{text: "жетпіс бүтін жүзден тоқсан алты процент", typ: "PERCENT", value: 70.96, unit: "%"}}},
		{text: "Субсидия бес бүтін оннан үш миллиард теңге болды.",
			want: []kkMention{{text: "бес бүтін оннан үш миллиард теңге", typ: "MONEY", value: 5.3e9, unit: "KZT"}}},
		{text: "Жүлде қоры үш жарым миллион теңге.",
			want: []kkMention{{text: "үш жарым миллион теңге", typ: "MONEY", value: 3.5e6, unit: "KZT"}}},
		{text: "Сауда 2,1 миллиард АҚШ долларын құраған.",
			want: []kkMention{{text: "2,1 миллиард АҚШ долларын", typ: "MONEY", value: 2.1e9, unit: "USD"}}},
		{text: "Қазір 400-ден астам, 10-нан астам, жиырмадан астам нысан бар.",
			want: []kkMention{
				{text: "400-ден", typ: "CARDINAL", value: 400},
				{text: "10-нан", typ: "CARDINAL", value: 10},
				{text: "жиырмадан", typ: "CARDINAL", value: 20},
			}},
		{text: "Бесеуі ұл, үшеуі қыз, 4-еуі мектепте.",
			want: []kkMention{
				{text: "Бесеуі", typ: "CARDINAL", value: 5},
				{text: "үшеуі", typ: "CARDINAL", value: 3},
				{text: "4-еуі", typ: "CARDINAL", value: 4},
			}},
		{text: "Екі бірдей жиын кейінге қалдырылды.",
			want: []kkMention{{text: "Екі", typ: "CARDINAL", value: 2}}},
		{text: "Инвестиция 2,3 есеге, экспорт екі есе өсті.",
			want: []kkMention{
				{text: "2,3 есеге", typ: "RATIO", value: 2.3, unit: "times"},
				{text: "екі есе", typ: "RATIO", value: 2, unit: "times"},
			}},
		{text: "Ол 5-ші сыныпта, ал әрбір үшінші студент жатақханаға мұқтаж.",
			want: []kkMention{
				{text: "5-ші", typ: "ORDINAL", value: 5},
				{text: "үшінші", typ: "ORDINAL", value: 3},
			}},
		{text: "Олар 10-15 жыл бойы 300000 гектар жерге 6000 тонна астық екті.",
			want: []kkMention{
				{text: "10-15 жыл бойы", typ: "DATE", value: 10, unit: "year"},
				{text: "300000 гектар", typ: "QUANTITY", value: 300000, unit: "hectare"},
				{text: "6000 тонна", typ: "QUANTITY", value: 6000, unit: "tonne"},
			}},
		{text: "Жол 1000 шақырым, ал пәтер елу жеті бүтін оннан үш шаршы метр.",
			want: []kkMention{
				{text: "1000 шақырым", typ: "QUANTITY", value: 1000, unit: "kilometre"},
				{text: "елу жеті бүтін оннан үш шаршы метр", typ: "QUANTITY", value: 57.3, unit: "square_metre"},
			}},
		{text: "Жиырма бес жастағы Азат білікті маман.",
			want: []kkMention{{text: "Жиырма бес жастағы", typ: "DATE", value: 25, unit: "year"}}},
		{text: "Бұл норма 2015-інші жылы енгізілген.",
			want: []kkMention{{text: "2015-інші жылы", typ: "DATE", date: "2015"}}},
		{text: "Бұл норма екі мың он бесінші жылы енгізілген.",
			want: []kkMention{{text: "екі мың он бесінші жылы", typ: "DATE", date: "2015"}}},
		{text: "Бағдарлама 2025–2030 жылдары іске асады.",
			want: []kkMention{{text: "2025–2030 жылдары", typ: "DATE", date: "2025/2030"}}},
		{text: "Жұмыс 2014-інші жылы наурызда басталды.",
			want: []kkMention{{text: "2014-інші жылы наурызда", typ: "DATE", date: "2014-03"}}},
		{text: "Шара 2025 жылғы 15 наурызда өтеді.",
			want: []kkMention{{text: "2025 жылғы 15 наурызда", typ: "DATE", date: "2025-03-15"}}},
		{text: "Шара он жетінші тамызда өтеді.", published: "2024-05-02",
			want: []kkMention{{text: "он жетінші тамызда", typ: "DATE", date: "2024-08-17"}}},
		{text: "Нәтиже 2024 жылғы 1-тоқсанда шықты.",
			want: []kkMention{{text: "2024 жылғы 1-тоқсанда", typ: "DATE", date: "2024-01/2024-03"}}},
		{text: "Бірінші жартыжылдықта өсім болды.", published: "2024-09-01",
			want: []kkMention{{text: "Бірінші жартыжылдықта", typ: "DATE", date: "2024-01/2024-06"}}},
		{text: "Өткен жылы жол салынды.", published: "2024-09-01",
			want: []kkMention{{text: "Өткен жылы", typ: "DATE", date: "2023"}}},
		{text: "Өткен жылы жол салынды.",
			want: []kkMention{{text: "Өткен жылы", typ: "DATE"}}},
		{text: "Бүгін жиын өтті.", published: "2024-09-01",
			want: []kkMention{{text: "Бүгін", typ: "DATE", date: "2024-09-01"}}},
		{text: "Жыл сайын көктемде құстар келеді.",
			want: []kkMention{
				{text: "Жыл сайын", typ: "DATE"},
				{text: "көктемде", typ: "DATE"},
			}},
		// false friends: pronouns оны/онда/оның, "жүзеге асыру", "бірге",
		// "маусым" as a season, "қазан" as a cauldron
		{text: "Оның айтуынша, оны тиімді пайдалану керек, онда жоба жүзеге асады.",
			absent: []string{"Оның", "оны", "онда", "жүзеге"}},
		{text: "Отбасы мерекені бірге тойлайды, бірін-бірі құттықтайды.",
			absent: []string{"бірге", "бірін-бірі", "бірін"}},
		{text: "Жекпе-жектің жаңа маусымында он екі әнші бар, жетінші қазандық салынады.",
			want: []kkMention{
				{text: "он екі", typ: "CARDINAL", value: 12},
				{text: "жетінші", typ: "ORDINAL", value: 7},
			},
			absent: []string{"маусымында", "жетінші қазандық"}},
		{text: "Тоқсан адам жиналды.",
			want: []kkMention{{text: "Тоқсан", typ: "CARDINAL", value: 90}}},
	}
	for _, tc := range tests {
		doc := x.Extract(extract.Input{Text: tc.text, Lang: "kk", Published: tc.published}, extract.Options{Mentions: true})
		got := map[string]extract.Mention{}
		for _, m := range doc.Mentions {
			got[m.Text] = m
		}
		for _, w := range tc.want {
			m, ok := got[w.text]
			if !ok {
				t.Errorf("%q: no mention %q; got %s", tc.text, w.text, describe(doc.Mentions))
				continue
			}
			if m.Type != w.typ {
				t.Errorf("%q: %q type %s, want %s", tc.text, w.text, m.Type, w.typ)
			}
			if w.value != 0 && (m.Value == nil || float64(*m.Value) != w.value) {
				t.Errorf("%q: %q value %v, want %v", tc.text, w.text, m.Value, w.value)
			}
			if w.unit != "" && m.Unit != w.unit {
				t.Errorf("%q: %q unit %q, want %q", tc.text, w.text, m.Unit, w.unit)
			}
			if w.date != "" && m.Date != w.date {
				t.Errorf("%q: %q date %q, want %q", tc.text, w.text, m.Date, w.date)
			}
		}
		for _, a := range tc.absent {
			if m, ok := got[a]; ok {
				t.Errorf("%q: %q read as %s, want no mention", tc.text, a, m.Type)
			}
		}
	}
}

func describe(ms []extract.Mention) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		v := ""
		if m.Value != nil {
			v = fmt.Sprint(float64(*m.Value))
		}
		parts[i] = fmt.Sprintf("%s(%q %s%s %s)", m.Type, m.Text, v, m.Unit, m.Date)
	}
	return "[" + strings.Join(parts, " ") + "]"
}
