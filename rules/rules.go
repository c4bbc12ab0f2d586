package rules

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed *.yaml
var embedded embed.FS

// File is one rules file as written.
type File struct {
	// Lang is the language code the file adds to, or "common" for data
	// shared by every language.
	Lang      string             `yaml:"lang"`
	Name      string             `yaml:"name"`
	Number    *NumberFormat      `yaml:"number"`
	Fragments map[string]string  `yaml:"fragments"`
	Lexicons  map[string][]Entry `yaml:"lexicons"`
	Rules     []Rule             `yaml:"rules"`
	Furniture *Furniture         `yaml:"furniture"`
	// StemSuffixes feeds a suffix-stripping stemmer for languages snowball
	// does not cover (Kazakh).
	StemSuffixes []string `yaml:"stem_suffixes"`
	// ClaimExamples are sentences with the fact the whole extractor must
	// make of them: they test the claim lexicons (change, qualifier_*,
	// metric, level, period_*) the way rule examples test patterns.
	ClaimExamples []ClaimExample `yaml:"claim_examples"`
}

// ClaimExample is a text and the one fact expected from it. Kind "none"
// says the text holds no fact at all. Change and Qualifier are always
// checked (empty means none); Metric and Date only when given.
type ClaimExample struct {
	Text      string   `yaml:"text"`
	Kind      string   `yaml:"kind"`
	Value     *float64 `yaml:"value"`
	Unit      string   `yaml:"unit"`
	Change    string   `yaml:"change"`
	Qualifier string   `yaml:"qualifier"`
	Metric    string   `yaml:"metric"`
	Date      string   `yaml:"date"`
	Published string   `yaml:"published"`
	Line      int      `yaml:"-"`
	File      string   `yaml:"-"`
}

// UnmarshalYAML records the example's line.
func (e *ClaimExample) UnmarshalYAML(n *yaml.Node) error {
	type plain ClaimExample
	if err := n.Decode((*plain)(e)); err != nil {
		return err
	}
	e.Line = n.Line
	return nil
}

// NumberFormat says how a language writes digits.
type NumberFormat struct {
	Decimal []string `yaml:"decimal"`
	Group   []string `yaml:"group"`
}

// Entry is one lexicon entry: a value (number words, scales) or a code
// (currencies, metrics) and the forms that stand for it.
type Entry struct {
	Value string   `yaml:"value"`
	Code  string   `yaml:"code"`
	Forms []string `yaml:"forms"`
	// Line is where the entry stands in its file.
	Line int    `yaml:"-"`
	File string `yaml:"-"`
}

// UnmarshalYAML records the entry's line.
func (e *Entry) UnmarshalYAML(n *yaml.Node) error {
	type plain Entry
	if err := n.Decode((*plain)(e)); err != nil {
		return err
	}
	e.Line = n.Line
	return nil
}

// Rule finds one kind of mention.
type Rule struct {
	Name string `yaml:"name"`
	// Type is the mention type: PERCENT, MONEY, CARDINAL, ORDINAL, RATIO,
	// QUANTITY, DATE, TIME, or IGNORE for guards whose matches are dropped.
	Type    string `yaml:"type"`
	Pattern string `yaml:"pattern"`
	// Priority breaks ties between overlapping matches after length;
	// guards use it to win over shorter readings.
	Priority int `yaml:"priority"`
	// Unit is a fixed unit; UnitFrom names the lexicon that maps the text
	// of the group "unit" to a unit code.
	Unit     string `yaml:"unit"`
	UnitFrom string `yaml:"unit_from"`
	// ValueFrom names the lexicon that maps the text of the group "word"
	// to a value ("вдвое" → 2), for values not written as numbers.
	ValueFrom string `yaml:"value_from"`
	// Date is the ISO 8601 template of a DATE rule, e.g. "{year}-{month}".
	Date     string    `yaml:"date"`
	Examples []Example `yaml:"examples"`
	Not      []string  `yaml:"not"`
	Line     int       `yaml:"-"`
	File     string    `yaml:"-"`
}

// UnmarshalYAML records the rule's line.
func (r *Rule) UnmarshalYAML(n *yaml.Node) error {
	type plain Rule
	if err := n.Decode((*plain)(r)); err != nil {
		return err
	}
	r.Line = n.Line
	return nil
}

// Example is a text a rule must find, with what it must read.
type Example struct {
	Text  string   `yaml:"text"`
	Value *float64 `yaml:"value"`
	// Values lists every value for rules that give several (ranges).
	Values []float64 `yaml:"values"`
	Unit   string    `yaml:"unit"`
	Date   string    `yaml:"date"`
	// Span is the mention's text, when it must differ from the whole match.
	Span string `yaml:"span"`
	// Lang limits a shared rule's example to one language.
	Lang string `yaml:"lang"`
}

// Furniture describes lines that are page furniture, not article.
type Furniture struct {
	// Stop lines end the article body: all after them is furniture.
	Stop []string `yaml:"stop"`
	// Skip lines are furniture themselves.
	Skip []string `yaml:"skip"`
}

// Error is one problem in a rules file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ErrorList is every problem found while loading, sorted by file and line.
type ErrorList []Error

func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// ParseFile reads one rules file strictly: unknown keys anywhere are
// errors with their line.
func ParseFile(name string, data []byte) (*File, ErrorList) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, ErrorList{{File: name, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
	if len(root.Content) == 0 {
		return nil, ErrorList{{File: name, Msg: "empty rules file"}}
	}
	var errs ErrorList
	checkKnown(root.Content[0], reflect.TypeOf(File{}), name, &errs)
	var f File
	if err := root.Content[0].Decode(&f); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			for _, m := range te.Errors {
				errs = append(errs, lineError(name, m))
			}
		} else {
			errs = append(errs, lineError(name, err.Error()))
		}
	}
	for i := range f.Rules {
		f.Rules[i].File = name
	}
	for i := range f.ClaimExamples {
		f.ClaimExamples[i].File = name
	}
	for _, entries := range f.Lexicons {
		for i := range entries {
			entries[i].File = name
		}
	}
	return &f, errs
}

var lineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

func lineError(file, msg string) Error {
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		var n int
		fmt.Sscanf(m[1], "%d", &n)
		return Error{File: file, Line: n, Msg: m[2]}
	}
	return Error{File: file, Msg: msg}
}

// checkKnown walks a YAML node beside the Go type it decodes into and
// reports every mapping key the type does not have.
func checkKnown(n *yaml.Node, t reflect.Type, file string, errs *ErrorList) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode {
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return
		}
		fields := map[string]reflect.Type{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if tag == "" || tag == "-" {
				continue
			}
			fields[tag] = f.Type
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				known := make([]string, 0, len(fields))
				for name := range fields {
					known = append(known, name)
				}
				sort.Strings(known)
				*errs = append(*errs, Error{File: file, Line: k.Line,
					Msg: fmt.Sprintf("unknown key %q (known: %s)", k.Value, strings.Join(known, ", "))})
				continue
			}
			checkKnown(v, ft, file, errs)
		}
	case reflect.Slice:
		if n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				checkKnown(c, t.Elem(), file, errs)
			}
		}
	case reflect.Map:
		if n.Kind == yaml.MappingNode {
			for i := 1; i < len(n.Content); i += 2 {
				checkKnown(n.Content[i], t.Elem(), file, errs)
			}
		}
	}
}

// readDir parses every .yaml file of a folder in name order.
func readDir(fsys fs.FS, label string) ([]*File, ErrorList) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, ErrorList{{File: label, Msg: err.Error()}}
	}
	more, _ := fs.Glob(fsys, "*.yml")
	names = append(names, more...)
	sort.Strings(names)
	var files []*File
	var errs ErrorList
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		display := path.Join(label, name)
		if err != nil {
			errs = append(errs, Error{File: display, Msg: err.Error()})
			continue
		}
		f, ferrs := ParseFile(display, data)
		errs = append(errs, ferrs...)
		if f != nil {
			if f.Lang == "" {
				errs = append(errs, Error{File: display, Line: 1, Msg: "missing key \"lang\""})
				continue
			}
			files = append(files, f)
		}
	}
	return files, errs
}
