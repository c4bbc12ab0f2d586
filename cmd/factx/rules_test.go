package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRulesCheck: a user's rules folder is loaded strictly and its
// examples run; a wrong example is named by file and line, a broken file
// stops the load.
func TestRulesCheck(t *testing.T) {
	t.Parallel()
	good := `lang: ru
rules:
  - name: ratio_word
    type: RATIO
    pattern: '(?P<word>{multiplier_word})'
    value_from: multiplier_word
    unit: times
    examples:
      - {text: "выросли вдвое", value: 2, unit: times}
`
	tests := []struct {
		name, file string
		code       int
		wantOut    string
		wantErr    string
	}{
		{"good", good, exitOK, "ok: ", ""},
		{"wrong example", strings.Replace(good, "value: 2", "value: 3", 1), exitFailed,
			"x.yaml:3: ru: rule ratio_word: \"выросли вдвое\": value 1 is 2, want 3", "examples failed"},
		{"broken file", "lang: ru\ncolour: red\n", exitUsage, "", `x.yaml:2: unknown key "colour"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"x.yaml": tt.file})
			o := factx(t, "", "rules", "check", dir)
			o.want(t, tt.code)
			if !strings.Contains(o.out, tt.wantOut) {
				t.Errorf("stdout %q lacks %q", o.out, tt.wantOut)
			}
			if !strings.Contains(o.err, tt.wantErr) {
				t.Errorf("stderr %q lacks %q", o.err, tt.wantErr)
			}
			if tt.code == exitFailed && !strings.Contains(o.out, filepath.Join(dir, "x.yaml")) {
				t.Errorf("failure does not name the file: %q", o.out)
			}
		})
	}
}
