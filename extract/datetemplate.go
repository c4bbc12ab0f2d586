package extract

import (
	"fmt"
	"strconv"
	"strings"
)

// dateVar names a number a DATE rule's template can use: the groups the
// finder reads, the published date and what it derives from them.
type dateVar int

const (
	varPubYear dateVar = iota
	varPubMonth
	varPubDay
	varYear
	varYear2
	varDay
	varDay2
	varMonth
	varMonth2
	varRel
	varQuarter
	varHalf
	varNum
	varQStart
	varQEnd
	varHStart
	varHEnd
	numDateVars
)

var dateVarNames = [numDateVars]string{
	"pub_year", "pub_month", "pub_day", "year", "year2", "day", "day2", "month", "month2",
	"rel", "quarter", "half", "num", "q_start", "q_end", "h_start", "h_end",
}

// dateVarOf returns the variable a template names, or -1 for a name no
// rule can be given (its references are never known).
func dateVarOf(name string) dateVar {
	for v, n := range dateVarNames {
		if n == name {
			return dateVar(v)
		}
	}
	return -1
}

// dateVars holds the known variables of one match.
type dateVars struct {
	val   [numDateVars]int
	known [numDateVars]bool
}

func (d *dateVars) set(v dateVar, n int) { d.val[v], d.known[v] = n, true }

func (d *dateVars) get(v dateVar) (int, bool) {
	if v < 0 {
		return 0, false
	}
	return d.val[v], d.known[v]
}

// dateTemplate is a DATE rule's template, parsed once: "{name}", "{a|b}"
// (the first that is known; "{year|pub_year|XXXX}" falls back to
// unspecified digits), "{name+other}" or "{name-1}" for arithmetic.
// Months, days and the q_/h_ bounds print with two digits, years with
// four.
type dateTemplate struct {
	parts []templatePart
}

// templatePart is literal text, or a reference: its alternatives.
type templatePart struct {
	text string
	alts []templateAlt // nil: text
}

// templateAlt is one alternative of a reference: digits left
// unspecified (fixed), or a variable, plus a number or another variable.
type templateAlt struct {
	fixed    string // "XXXX" (ISO 8601-2), or "" for an empty alternative
	isFixed  bool
	v        dateVar
	year     bool // the variable's name holds "year": four digits
	op       byte // '+', '-' or 0
	operand  int
	operandV dateVar // the operand's variable, or -1 for the number
	broken   bool    // the operand is neither a number nor a name
}

func parseDateTemplate(tmpl string) *dateTemplate {
	t := &dateTemplate{}
	last := 0
	for _, loc := range refPattern.FindAllStringIndex(tmpl, -1) {
		if loc[0] > last {
			t.parts = append(t.parts, templatePart{text: tmpl[last:loc[0]]})
		}
		var alts []templateAlt
		for _, alt := range strings.Split(tmpl[loc[0]+1:loc[1]-1], "|") {
			alts = append(alts, parseTemplateAlt(alt))
		}
		t.parts = append(t.parts, templatePart{alts: alts})
		last = loc[1]
	}
	if last < len(tmpl) {
		t.parts = append(t.parts, templatePart{text: tmpl[last:]})
	}
	return t
}

func parseTemplateAlt(alt string) templateAlt {
	if strings.Trim(alt, "X") == "" {
		return templateAlt{fixed: alt, isFixed: true}
	}
	op := strings.IndexAny(alt, "+-")
	if op < 0 {
		return templateAlt{v: dateVarOf(alt), year: strings.Contains(alt, "year"), operandV: -1}
	}
	name, rest := alt[:op], alt[op+1:]
	a := templateAlt{v: dateVarOf(name), year: strings.Contains(name, "year"), op: alt[op], operandV: -1}
	if d, err := strconv.Atoi(rest); err == nil {
		a.operand = d
	} else if a.operandV = dateVarOf(rest); a.operandV < 0 {
		a.broken = true
	}
	return a
}

// fill expands the template; any reference none of whose alternatives
// is known leaves the date unknown.
func (t *dateTemplate) fill(vars *dateVars) (string, bool) {
	var b []byte
	for _, p := range t.parts {
		if p.alts == nil {
			b = append(b, p.text...)
			continue
		}
		found := false
		for _, a := range p.alts {
			if a.isFixed {
				b = append(b, a.fixed...)
				found = true
				break
			}
			v, ok := a.eval(vars)
			if !ok {
				continue
			}
			width := 2
			if a.year {
				width = 4
			}
			b = appendPadded(b, v, width)
			found = true
			break
		}
		if !found {
			return "", false
		}
	}
	return string(b), true
}

func (a templateAlt) eval(vars *dateVars) (int, bool) {
	v, ok := vars.get(a.v)
	if !ok || a.broken {
		return 0, false
	}
	if a.op == 0 {
		return v, true
	}
	d := a.operand
	if a.operandV >= 0 {
		if d, ok = vars.get(a.operandV); !ok {
			return 0, false
		}
	}
	if a.op == '-' {
		d = -d
	}
	return v + d, true
}

// appendPadded writes v as fmt's %0*d does.
func appendPadded(b []byte, v, width int) []byte {
	if v < 0 {
		return fmt.Appendf(b, "%0*d", width, v)
	}
	for n, p := 1, 10; n < width; n, p = n+1, p*10 {
		if v < p {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(v), 10)
}
