package rules

import (
	"strings"
	"testing"
)

// slowFold is Fold without its fast path.
func slowFold(s string) string {
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, "ё", "е")
	return strings.Join(strings.Fields(s), " ")
}

var foldCases = []string{
	"", " ", "a", "A", "тенге", "Тенге", "ёлка", "елка", "два  миллиона", " два", "два ", "two\tmillion",
	"бір жүз", "ҚАЗАҚ", "қазақ", "a\u00a0b", "x\x85y", "İstanbul", "\xff", "ǅ", "straße", "1,5 млрд",
}

func TestFoldFastPathAgrees(t *testing.T) {
	for _, s := range foldCases {
		if got, want := Fold(s), slowFold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range foldCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), slowFold(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	})
}
