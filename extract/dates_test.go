package extract_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/factx/factx/extract"
	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

// TestDates reads Russian and English time expressions as DATE mentions
// with their ISO 8601 dates: absolute ones alone, relative and year-less
// ones against the published date; without it, a year-less date keeps
// its year unspecified ("XXXX-01", ISO 8601-2) and a relative one is
// unknown ("").
func TestDates(t *testing.T) {
	set, err := rules.Load(nil, nil)
	if err != nil {
		t.Fatalf("load rules: %v", err)
	}
	x := extract.New(set, lang.NewDetector())
	const pub = "2026-03-10"
	tests := []struct {
		lang, text string
		mention    string // the DATE mention's text
		published  string
		date       string // "" means the date must be unknown
	}{
		// Russian: years
		{"ru", "В 2024 году экспорт вырос.", "2024 году", "", "2024"},
		{"ru", "Данные за 2024 г. уточнены.", "2024 г.", "", "2024"},
		{"ru", "Так было в 2024-м, сказал он.", "2024-м", "", "2024"},
		{"ru", "По итогам 2024 года рост составил 5%.", "2024 года", "", "2024"},
		{"ru", "Рост был в 2024 и 2025 годах.", "2024", "", "2024"},
		{"ru", "В 2010-х годах завод закрыли.", "2010-х годах", "", "2010/2019"},
		// full dates
		{"ru", "Закон принят 15 марта 2025 года.", "15 марта 2025 года", "", "2025-03-15"},
		{"ru", "Отчёт от 15.03.2025 опубликован.", "15.03.2025", "", "2025-03-15"},
		{"ru", "Сессия 2025-03-15 завершилась.", "2025-03-15", "", "2025-03-15"},
		{"ru", "Встреча пройдёт 5 марта.", "5 марта", pub, "2026-03-05"},
		{"ru", "Встреча пройдёт 5 марта.", "5 марта", "", "XXXX-03-05"},
		{"ru", "Ярмарка прошла 10–15 марта 2025 года.", "10–15 марта 2025 года", "", "2025-03-10/2025-03-15"},
		// months
		{"ru", "В марте 2025 года цены выросли.", "марте 2025 года", "", "2025-03"},
		{"ru", "В январе цены выросли.", "январе", pub, "2026-01"},
		{"ru", "В январе цены выросли.", "январе", "", "XXXX-01"},
		{"ru", "В январе прошлого года цены выросли.", "январе прошлого года", pub, "2025-01"},
		// quarters
		{"ru", "I квартал 2025 года был трудным.", "I квартал 2025 года", "", "2025-01/2025-03"},
		{"ru", "В первом квартале ВВП вырос.", "первом квартале", pub, "2026-01/2026-03"},
		{"ru", "В первом квартале ВВП вырос.", "первом квартале", "", "XXXX-01/XXXX-03"},
		{"ru", "За 1-й квартал прибыль выросла.", "1-й квартал", pub, "2026-01/2026-03"},
		{"ru", "В Q1 2025 прибыль выросла.", "Q1 2025", "", "2025-01/2025-03"},
		// halves
		{"ru", "Первое полугодие 2025 года завершилось.", "Первое полугодие 2025 года", "", "2025-01/2025-06"},
		{"ru", "Смертность за первое полугодие снизилась.", "первое полугодие", pub, "2026-01/2026-06"},
		{"ru", "В первой половине 2025 года цены росли.", "первой половине 2025 года", "", "2025-01/2025-06"},
		// months of a year
		{"ru", "За 9 месяцев 2025 года ВВП вырос.", "9 месяцев 2025 года", "", "2025-01/2025-09"},
		{"ru", "За январь–март 2025 экспорт вырос.", "январь–март 2025", "", "2025-01/2025-03"},
		{"ru", "С января по сентябрь экспорт вырос.", "С января по сентябрь", pub, "2026-01/2026-09"},
		// ranges of years
		{"ru", "Программа рассчитана на 2025-2030.", "2025-2030", "", "2025/2030"},
		{"ru", "Программа на 2025–2030 годы принята.", "2025–2030 годы", "", "2025/2030"},
		{"ru", "Рост был в 2024–2025 годах.", "2024–2025 годах", "", "2024/2025"},
		{"ru", "С 2020 по 2025 год ВВП вырос.", "С 2020 по 2025 год", "", "2020/2025"},
		// relative
		{"ru", "В прошлом году экспорт вырос.", "прошлом году", pub, "2025"},
		{"ru", "В прошлом году экспорт вырос.", "прошлом году", "", ""},
		{"ru", "В этом году экспорт вырос.", "этом году", pub, "2026"},
		{"ru", "В следующем году экспорт вырастет.", "следующем году", pub, "2027"},
		{"ru", "В позапрошлом году экспорт вырос.", "позапрошлом году", pub, "2024"},
		{"ru", "С начала года цены выросли.", "С начала года", pub, "2026-01-01/2026-03-10"},
		{"ru", "Три года назад завод закрыли.", "Три года назад", pub, "2023"},

		// English: years
		{"en", "Exports grew in 2024.", "2024", "", "2024"},
		{"en", "Profit rose in fiscal 2024.", "fiscal 2024", "", "2024"},
		{"en", "It was 2024's best month.", "2024", "", "2024"},
		// full dates
		{"en", "The law passed on March 15, 2025.", "March 15, 2025", "", "2025-03-15"},
		{"en", "The law passed on 15 March 2025.", "15 March 2025", "", "2025-03-15"},
		{"en", "The law passed on 2025-03-15.", "2025-03-15", "", "2025-03-15"},
		// months
		{"en", "Prices rose in March 2025.", "March 2025", "", "2025-03"},
		{"en", "Prices rose in January.", "January", pub, "2026-01"},
		{"en", "Prices rose in January.", "January", "", "XXXX-01"},
		// quarters
		{"en", "Sales rose in Q1 2025.", "Q1 2025", "", "2025-01/2025-03"},
		{"en", "Sales rose in the first quarter of 2025.", "first quarter of 2025", "", "2025-01/2025-03"},
		{"en", "Sales rose in the third quarter.", "third quarter", pub, "2026-07/2026-09"},
		// halves
		{"en", "Sales rose in the first half of 2025.", "first half of 2025", "", "2025-01/2025-06"},
		{"en", "Sales rose in H1 2025.", "H1 2025", "", "2025-01/2025-06"},
		// months of a year
		{"en", "Exports rose 5% in January-September.", "January-September", pub, "2026-01/2026-09"},
		{"en", "In the first nine months of 2025 exports rose.", "first nine months of 2025", "", "2025-01/2025-09"},
		// ranges of years
		{"en", "The plan covers 2025-2030.", "2025-2030", "", "2025/2030"},
		{"en", "The plan runs from 2025 to 2030.", "from 2025 to 2030", "", "2025/2030"},
		// relative
		{"en", "Exports fell last year.", "last year", pub, "2025"},
		{"en", "Exports fell last year.", "last year", "", ""},
		{"en", "Exports rose this year.", "this year", pub, "2026"},
		{"en", "Exports will rise next year.", "next year", pub, "2027"},
		{"en", "Since the beginning of the year, cases fell.", "Since the beginning of the year", pub, "2026-01-01/2026-03-10"},
		{"en", "Sales are up 5% year to date.", "year to date", pub, "2026-01-01/2026-03-10"},
		{"en", "Two years ago the plant closed.", "Two years ago", pub, "2024"},
	}
	for _, tc := range tests {
		doc := x.Extract(extract.Input{Text: tc.text, Lang: tc.lang, Published: tc.published}, extract.Options{Mentions: true})
		var found *extract.Mention
		for i, m := range doc.Mentions {
			if m.Text == tc.mention {
				found = &doc.Mentions[i]
			}
		}
		where := fmt.Sprintf("%s %q (published %q)", tc.lang, tc.text, tc.published)
		if found == nil {
			t.Errorf("%s: no mention %q; got %s", where, tc.mention, dateMentions(doc.Mentions))
			continue
		}
		if found.Type != "DATE" {
			t.Errorf("%s: %q is %s, want DATE", where, tc.mention, found.Type)
		}
		if found.Date != tc.date {
			t.Errorf("%s: %q date %q, want %q", where, tc.mention, found.Date, tc.date)
		}
	}
}

// TestDateGuards keeps numbers that only look like dates out of them.
func TestDateGuards(t *testing.T) {
	set, err := rules.Load(nil, nil)
	if err != nil {
		t.Fatalf("load rules: %v", err)
	}
	x := extract.New(set, lang.NewDetector())
	tests := []struct {
		lang, text string
		mention    string // a mention that must exist with this type
		typ        string
	}{
		{"ru", "Инфляция составила 8,5%.", "8,5%", "PERCENT"},
		{"ru", "Объём вырос в 2,3 раза.", "2,3 раза", "RATIO"},
		{"ru", "В городе живут 2024 человека.", "2024", "CARDINAL"},
		{"ru", "За последние два года объём вырос.", "два года", "QUANTITY"},
		{"ru", "В первой половине дня шёл дождь, 5 человек.", "5", "CARDINAL"},
		{"en", "Inflation was 8.5%.", "8.5%", "PERCENT"},
		{"en", "It grew 2.3 times.", "2.3 times", "RATIO"},
		{"en", "There are 2024 people here.", "2024", "CARDINAL"},
		{"en", "Over the past two years it grew.", "two years", "QUANTITY"},
		{"en", "Prices may 15 times exceed it.", "15 times", "RATIO"},
	}
	for _, tc := range tests {
		doc := x.Extract(extract.Input{Text: tc.text, Lang: tc.lang, Published: "2026-03-10"}, extract.Options{Mentions: true})
		ok := false
		for _, m := range doc.Mentions {
			if m.Type == "DATE" && (strings.Contains(m.Text, tc.mention) || strings.Contains(tc.mention, m.Text)) {
				t.Errorf("%s %q: %q read as DATE %q", tc.lang, tc.text, m.Text, m.Date)
			}
			if m.Text == tc.mention && m.Type == tc.typ {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s %q: no %s %q; got %s", tc.lang, tc.text, tc.typ, tc.mention, dateMentions(doc.Mentions))
		}
	}
}

func dateMentions(ms []extract.Mention) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = fmt.Sprintf("%s(%q %s)", m.Type, m.Text, m.Date)
	}
	return "[" + strings.Join(parts, " ") + "]"
}
