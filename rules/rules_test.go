package rules

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestEmbeddedLoad(t *testing.T) {
	set, err := Load(nil, nil)
	if err != nil {
		t.Fatalf("embedded rules do not load:\n%v", err)
	}
	for _, code := range []string{"ru", "kk", "en"} {
		if set.Lang(code) == nil {
			t.Errorf("no rules for %s", code)
		}
	}
}

func TestStrictErrors(t *testing.T) {
	bad := fstest.MapFS{"x.yaml": {Data: []byte(`lang: ru
colour: red
rules:
  - name: broken
    type: PERCENT
    pattern: '{num}(%'
    examples: [{text: "5%"}]
  - name: nameless_type
    type: NOPE
    pattern: '{num}'
    examples: [{text: "5"}]
    extra: 1
  - name: no_examples
    type: CARDINAL
    pattern: '{nosuchthing}'
`)}}
	_, err := Load([]fs.FS{bad}, []string{"user"})
	if err == nil {
		t.Fatal("broken rules loaded")
	}
	msg := err.Error()
	for _, want := range []string{
		`user/x.yaml:2: unknown key "colour"`,
		`user/x.yaml:4: rule broken: pattern:`,
		`user/x.yaml:8: rule nameless_type: type "NOPE"`,
		`user/x.yaml:12: unknown key "extra"`,
		`user/x.yaml:13: rule no_examples: no examples`,
		`unknown fragment or lexicon "nosuchthing"`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q; got:\n%s", want, msg)
		}
	}
}
