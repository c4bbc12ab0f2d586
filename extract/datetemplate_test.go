package extract

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/factx/factx/rules"
)

// refFillDate is the template expansion as first written, over a map,
// with regexp: the oracle dateTemplate.fill is checked against.
func refFillDate(tmpl string, vars map[string]int) (string, bool) {
	ok := true
	out := refPattern.ReplaceAllStringFunc(tmpl, func(ref string) string {
		for _, alt := range strings.Split(ref[1:len(ref)-1], "|") {
			if strings.Trim(alt, "X") == "" {
				return alt
			}
			v, name, good := refEvalTerm(alt, vars)
			if !good {
				continue
			}
			if strings.Contains(name, "year") {
				return fmt.Sprintf("%04d", v)
			}
			return fmt.Sprintf("%02d", v)
		}
		ok = false
		return ""
	})
	return out, ok
}

func refEvalTerm(t string, vars map[string]int) (int, string, bool) {
	op := strings.IndexAny(t, "+-")
	if op < 0 {
		v, ok := vars[t]
		return v, t, ok
	}
	name, rest := t[:op], t[op+1:]
	v, ok := vars[name]
	if !ok {
		return 0, name, false
	}
	d, err := strconv.Atoi(rest)
	if err != nil {
		var known bool
		if d, known = vars[rest]; !known {
			return 0, name, false
		}
	}
	if t[op] == '-' {
		d = -d
	}
	return v + d, name, true
}

// dateTemplates are every DATE template of the embedded rules, and some
// the rules do not use.
func dateTemplates(tb testing.TB) []string {
	set, err := rules.LoadLazy()
	if err != nil {
		tb.Fatal(err)
	}
	out := []string{"", "{undated}", "{year}-{nope}", "{year+quarter}", "{year-x1}", "{|XX}", "{XXXX}-{month|}", "x{year}y{day+2}z"}
	for _, code := range set.Codes() {
		for _, r := range set.Lang(code).Rules {
			if r.Date != "" {
				out = append(out, r.Date)
			}
		}
	}
	return out
}

// FuzzDateTemplate checks dateTemplate.fill against the first expansion,
// for every template, with the fuzzed variables known or not.
func FuzzDateTemplate(f *testing.F) {
	f.Add(uint32(0xffff), int16(2024), int8(3), int8(15), int8(2), int8(-1))
	f.Add(uint32(0x5a5a), int16(-7), int8(0), int8(99), int8(4), int8(1))
	templates := dateTemplates(f)
	f.Fuzz(func(t *testing.T, mask uint32, year int16, month, day, q, rel int8) {
		values := []int{int(year) + 2000, int(month), int(day), int(year), int(year) + 1, int(day), int(day) + 1,
			int(month), int(month) + 1, int(rel), int(q), int(q) % 3, int(rel) + 2, 3*int(q) - 2, 3 * int(q), 6*int(q) - 5, 6 * int(q)}
		var vars dateVars
		m := map[string]int{}
		for v := range numDateVars {
			if mask&(1<<v) != 0 {
				vars.set(v, values[v])
				m[dateVarNames[v]] = values[v]
			}
		}
		for _, tmpl := range templates {
			got, gotOK := parseDateTemplate(tmpl).fill(&vars)
			want, wantOK := refFillDate(tmpl, m)
			if gotOK != wantOK || gotOK && got != want {
				t.Fatalf("%q with %v: %q %v, first expansion %q %v", tmpl, m, got, gotOK, want, wantOK)
			}
		}
	})
}
