package factfile

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/factx/factx/extract"
	"go.yaml.in/yaml/v3"
)

// WriteText prints r for people and CI logs: per article a header line
// "== source", then one line per fact — "+ " added, "- " removed, "~ "
// changed — each changed fact followed by one indented line per field
// ("    metric: mortality → investment"), and finally the summary line
// "N added, N removed, N changed". No colours.
func WriteText(w io.Writer, r Result) error {
	bw := bufio.NewWriter(w)
	for _, a := range r.Articles {
		header := "== " + a.Source
		switch a.Status {
		case StatusAdded:
			header += " (only in new)"
		case StatusRemoved:
			header += " (only in old)"
		}
		fmt.Fprintln(bw, header)
		for _, c := range a.Fields {
			fmt.Fprintf(bw, "  %s\n", fieldLine(c))
		}
		for _, f := range a.Added {
			fmt.Fprintf(bw, "+ %s\n", factLine(f))
		}
		for _, f := range a.Removed {
			fmt.Fprintf(bw, "- %s\n", factLine(f))
		}
		for _, c := range a.Changed {
			fmt.Fprintf(bw, "~ %s\n", factLine(c.New))
			for _, fc := range c.Fields {
				fmt.Fprintf(bw, "    %s\n", fieldLine(fc))
			}
		}
	}
	added, removed, changed := r.Counts()
	fmt.Fprintf(bw, "%d added, %d removed, %d changed\n", added, removed, changed)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write diff: %w", err)
	}
	return nil
}

// factLine is one fact on one line: kind value unit metric date "text",
// leaving out the empty parts.
func factLine(f extract.Fact) string {
	parts := []string{f.Kind, f.Value.String()}
	for _, p := range []string{f.Unit, f.Metric, f.Date} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	parts = append(parts, strconv.Quote(f.Text))
	return strings.Join(parts, " ")
}

// fieldLine prints a change as "field: old → new"; free text and empty
// values are quoted so that they stay visible.
func fieldLine(c FieldChange) string {
	quote := c.Field == "text" || c.Field == "sentence"
	show := func(s string) string {
		if quote || s == "" || strings.TrimSpace(s) != s {
			return strconv.Quote(s)
		}
		return s
	}
	return fmt.Sprintf("%s: %s → %s", c.Field, show(c.Old), show(c.New))
}

// Summary counts the facts in a diff.
type Summary struct {
	Added   int `yaml:"added" json:"added"`
	Removed int `yaml:"removed" json:"removed"`
	Changed int `yaml:"changed" json:"changed"`
}

// Report is what WriteStructured prints: the summary first, then the
// articles.
type Report struct {
	Summary  Summary       `yaml:"summary" json:"summary"`
	Articles []ArticleDiff `yaml:"articles" json:"articles"`
}

// WriteStructured prints r for tools as a Report in format "yaml" or
// "json" (pretty-printed, 2-space indent).
func WriteStructured(w io.Writer, r Result, format string) error {
	rep := Report{Articles: r.Articles}
	if rep.Articles == nil {
		rep.Articles = []ArticleDiff{}
	}
	rep.Summary.Added, rep.Summary.Removed, rep.Summary.Changed = r.Counts()
	var out []byte
	switch format {
	case "yaml":
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("encode diff as yaml: %w", err)
		}
		if err := enc.Close(); err != nil {
			return fmt.Errorf("encode diff as yaml: %w", err)
		}
		out = buf.Bytes()
	case "json":
		b, err := encodeJSON(rep, "", "  ")
		if err != nil {
			return fmt.Errorf("encode diff as json: %w", err)
		}
		out = append(b, '\n')
	default:
		return fmt.Errorf("unknown diff format %q (want yaml or json)", format)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("write diff: %w", err)
	}
	return nil
}
