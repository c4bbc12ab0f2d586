package rules

import (
	"regexp/syntax"
	"testing"
)

func TestAnyLine(t *testing.T) {
	got := anyLine([]string{`^Фото\s*:.*$`, `^.*Telegram.*$`, `^Source:`, `views$`, `^a|b`})
	var exprs []string
	for _, re := range got {
		exprs = append(exprs, re.String())
	}
	want := []string{
		`(?i)^(?:(?:Фото\s*:.*$)|(?:Source:))`,
		`(?i)^(?:(?:.*Telegram.*$))`,
		`(?i)^(?:(?s:.*?)(?:views$))`,
		`(?i)^(?:(?s:.*?)(?:^a|b))`,
	}
	if len(exprs) != len(want) {
		t.Fatalf("anyLine = %q, want %q", exprs, want)
	}
	for i := range want {
		if exprs[i] != want[i] {
			t.Errorf("anyLine[%d] = %q, want %q", i, exprs[i], want[i])
		}
	}
}

func TestReadsAnyFirst(t *testing.T) {
	for expr, want := range map[string]bool{
		`^.*(?:Telegram|WhatsApp).*$`: true,
		`(?s)^.+x`:                    true,
		`^(?:.*)x`:                    true,
		`^(?:Фото|Photo)\s*:.*$`:      false,
		`^x.*`:                        false,
		`^`:                           false,
		`.*`:                          true,
	} {
		tree, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := ReadsAnyFirst(tree); got != want {
			t.Errorf("ReadsAnyFirst(%s) = %v, want %v", expr, got, want)
		}
	}
}
