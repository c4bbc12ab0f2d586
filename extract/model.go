package extract

import (
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Document is what factx prints for one article. Field order is the output
// order: keep it fixed, never emit maps.
type Document struct {
	// Source is the path as given on the command line, "-" for stdin, or the
	// record id for --from jsonl.
	Source string `yaml:"source" json:"source"`
	// ID repeats a JSON Lines record's id so tools can join on it.
	ID        string    `yaml:"id,omitempty" json:"id,omitempty"`
	Lang      string    `yaml:"lang" json:"lang"`
	Published Published `yaml:"published" json:"published"`
	Facts     []Fact    `yaml:"facts" json:"facts"`
	Mentions  []Mention `yaml:"mentions,omitempty" json:"mentions,omitempty"`
}

// Fact is a numeric claim: a value with what it measures, how it changed,
// its bound and when.
type Fact struct {
	ID        string `yaml:"id" json:"id"`
	Kind      string `yaml:"kind" json:"kind"`
	Value     Number `yaml:"value" json:"value"`
	Unit      string `yaml:"unit,omitempty" json:"unit,omitempty"`
	Change    string `yaml:"change,omitempty" json:"change,omitempty"`
	Qualifier string `yaml:"qualifier,omitempty" json:"qualifier,omitempty"`
	Metric    string `yaml:"metric,omitempty" json:"metric,omitempty"`
	Subject   string `yaml:"subject,omitempty" json:"subject,omitempty"`
	Date      string `yaml:"date,omitempty" json:"date,omitempty"`
	Text      string `yaml:"text" json:"text"`
	Start     int    `yaml:"start" json:"start"`
	End       int    `yaml:"end" json:"end"`
	Sentence  string `yaml:"sentence" json:"sentence"`
}

// Mention is one numeric expression found in the text, before any claim is
// built from it.
type Mention struct {
	Type  string  `yaml:"type" json:"type"`
	Value *Number `yaml:"value,omitempty" json:"value,omitempty"`
	Unit  string  `yaml:"unit,omitempty" json:"unit,omitempty"`
	// Date is the ISO 8601 form of a DATE mention: a day, month, year or
	// interval "A/B".
	Date  string `yaml:"date,omitempty" json:"date,omitempty"`
	Start int    `yaml:"start" json:"start"`
	End   int    `yaml:"end" json:"end"`
	Text  string `yaml:"text" json:"text"`
	// Furniture marks mentions outside the article body (related news,
	// photo credits, subscription lines): reported, never made facts.
	Furniture bool `yaml:"furniture,omitempty" json:"furniture,omitempty"`
	// Rule names the rule that found the mention, for debugging rules.
	Rule string `yaml:"-" json:"-"`
}

// Number prints canonically: no exponent, no trailing zeros, never -0.
type Number float64

// String is the canonical form used in output and in fact ids.
func (n Number) String() string {
	v := float64(n)
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// MarshalYAML prints the canonical form as a plain YAML number.
func (n Number) MarshalYAML() (any, error) {
	// no explicit tag: the plain number reads back as YAML resolves it,
	// an int, or a float past the integer range ("18700000000000000000")
	return &yaml.Node{Kind: yaml.ScalarNode, Value: n.String()}, nil
}

// MarshalJSON prints the canonical form.
func (n Number) MarshalJSON() ([]byte, error) { return []byte(n.String()), nil }

// Published is an article's publication date, ISO "YYYY-MM-DD", or empty
// when unknown; unknown prints as null, never as a guess.
type Published string

// MarshalYAML prints the date unquoted, or null.
func (p Published) MarshalYAML() (any, error) {
	if p == "" {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Value: string(p)}, nil
}

// MarshalJSON prints the date as a string, or null.
func (p Published) MarshalJSON() ([]byte, error) {
	if p == "" {
		return []byte("null"), nil
	}
	return []byte(strconv.Quote(string(p))), nil
}
