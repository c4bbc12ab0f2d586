package source

import (
	"testing"
	"unicode/utf8"
)

// FuzzValidUTF8 checks validUTF8 against utf8.Valid.
func FuzzValidUTF8(f *testing.F) {
	for _, s := range []string{"", "abc", "Инфляция 8,5%", "Қазақстан € 🙂", "\xd0", "\xd0\xd0\x90", "\xc1\x80",
		"\xe2\x82", "a\x80b", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xef\xbf\xbd"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		if got, want := validUTF8(p), utf8.Valid(p); got != want {
			t.Fatalf("validUTF8(%q) = %v, want %v", p, got, want)
		}
	})
}
