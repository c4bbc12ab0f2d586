package extract

import (
	"testing"

	"github.com/factx/factx/rules"
)

// TestHeader: the publication date from front matter, a leading "date",
// or a dateline with digits; nothing is guessed.
func TestHeader(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"lead", " date 2026-03-10 Глава государства провёл встречу.", "2026-03-10"},
		{"front matter", "---\ntitle: x\ndate: 2025-09-08\n---\nТекст.", "2025-09-08"},
		{"dateline", "Заголовок\nФото: Akorda 09.07.2024 16:32 794\n\nТекст.", "2024-07-09"},
		{"no date", "Заголовок\nТекст без даты, 5%.", ""},
		{"impossible day", "Заголовок\nФото: 31.02.2024\n", ""},
		{"date deep in the body", "А\nБ\nВ\nГ\nД\nЕ\nЖ\nЗ\nИ\nК\nЛ\nМ\nН\n09.07.2024\n", ""},
	}
	for _, tt := range tests {
		if got, _ := header(tt.text); got != tt.want {
			t.Errorf("%s: published %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestBylineDate: a short line after the headline naming the month in
// words gives the date; the headline itself and long lines do not.
func TestBylineDate(t *testing.T) {
	set, err := rules.LoadLazy()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ lang, text, want string }{
		{"en", "Tourism hits a record\nBy A. Ibraimova in Tourism on 21 January 2026\n\nText.", "2026-01-21"},
		{"en", "Tourism hits a record\nJan. 21, 2026\nText.", "2026-01-21"},
		{"ru", "Заголовок\n15 марта 2025, 10:00\nТекст.", "2025-03-15"},
		{"en", "Summit on 21 January 2026 ends\nText.", ""},
		{"en", "Headline\nThe long first paragraph of the story, which mentions that on 21 January 2026 something happened and goes on and on for a while.\n", ""},
		{"en", "Headline\nBy A. Ibraimova on 31 February 2026\n", ""},
	}
	for _, tt := range tests {
		got, _, _ := bylineDate(tt.text, set.Lang(tt.lang))
		if got != tt.want {
			t.Errorf("%s %q: %q, want %q", tt.lang, tt.text, got, tt.want)
		}
	}
}
