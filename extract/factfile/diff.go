package factfile

import (
	"sort"

	"github.com/factx/factx/extract"
)

// FieldChange is one field that differs between two paired facts or
// documents, both values in their printed form.
type FieldChange struct {
	Field string `yaml:"field" json:"field"`
	Old   string `yaml:"old" json:"old"`
	New   string `yaml:"new" json:"new"`
}

// Changed is a fact present on both sides with different content.
type Changed struct {
	Old    extract.Fact  `yaml:"old" json:"old"`
	New    extract.Fact  `yaml:"new" json:"new"`
	Fields []FieldChange `yaml:"fields" json:"fields"`
}

// Article statuses: an article present on one side only.
const (
	StatusAdded   = "added"
	StatusRemoved = "removed"
)

// ArticleDiff is what changed in one article.
type ArticleDiff struct {
	Source string `yaml:"source" json:"source"`
	// Status is StatusAdded or StatusRemoved for an article present on one
	// side only, empty when it is on both.
	Status string `yaml:"status,omitempty" json:"status,omitempty"`
	// Fields lists document-level changes: lang, published.
	Fields  []FieldChange  `yaml:"fields,omitempty" json:"fields,omitempty"`
	Added   []extract.Fact `yaml:"added,omitempty" json:"added,omitempty"`
	Removed []extract.Fact `yaml:"removed,omitempty" json:"removed,omitempty"`
	Changed []Changed      `yaml:"changed,omitempty" json:"changed,omitempty"`
}

// Result holds the articles with differences, sorted by Source.
type Result struct {
	Articles []ArticleDiff `yaml:"articles" json:"articles"`
}

// Counts returns the numbers of added, removed and changed facts.
func (r Result) Counts() (added, removed, changed int) {
	for _, a := range r.Articles {
		added += len(a.Added)
		removed += len(a.Removed)
		changed += len(a.Changed)
	}
	return added, removed, changed
}

// Empty reports whether the two sides are equal.
func (r Result) Empty() bool { return len(r.Articles) == 0 }

// Diff compares two sets of documents. Articles pair by Source (the k-th
// article with a source on one side with the k-th on the other); an article
// on one side only has all its facts added or removed. Within an article,
// facts pair by id, then the facts left over pair by (kind, value, unit) in
// order of position, so a fact whose metric or date changed shows as changed.
// Offsets and ids are not compared: an edit elsewhere in the article moves
// them without changing the fact.
func Diff(old, new []extract.Document) Result {
	type key struct {
		source string
		nth    int
	}
	index := func(docs []extract.Document) (map[key]*extract.Document, []key) {
		m := make(map[key]*extract.Document, len(docs))
		seen := make(map[string]int)
		var keys []key
		for i := range docs {
			k := key{docs[i].Source, seen[docs[i].Source]}
			seen[docs[i].Source]++
			m[k] = &docs[i]
			keys = append(keys, k)
		}
		return m, keys
	}
	oldBy, oldKeys := index(old)
	newBy, newKeys := index(new)
	keys := oldKeys
	for _, k := range newKeys {
		if oldBy[k] == nil {
			keys = append(keys, k)
		}
	}
	sort.SliceStable(keys, func(i, j int) bool {
		if keys[i].source != keys[j].source {
			return keys[i].source < keys[j].source
		}
		return keys[i].nth < keys[j].nth
	})

	var r Result
	for _, k := range keys {
		a := diffArticle(k.source, oldBy[k], newBy[k])
		if a.Status != "" || len(a.Fields)+len(a.Added)+len(a.Removed)+len(a.Changed) > 0 {
			r.Articles = append(r.Articles, a)
		}
	}
	return r
}

// diffArticle compares one article; o or n is nil when the article is on
// one side only.
func diffArticle(source string, o, n *extract.Document) ArticleDiff {
	a := ArticleDiff{Source: source}
	switch {
	case o == nil:
		a.Status = StatusAdded
		a.Added = n.Facts
		return a
	case n == nil:
		a.Status = StatusRemoved
		a.Removed = o.Facts
		return a
	}
	a.Fields = appendChange(a.Fields, "lang", o.Lang, n.Lang)
	a.Fields = appendChange(a.Fields, "published", string(o.Published), string(n.Published))

	oldMatch := make([]int, len(o.Facts)) // index into n.Facts, or -1
	newMatch := make([]int, len(n.Facts))
	for i := range oldMatch {
		oldMatch[i] = -1
	}
	for j := range newMatch {
		newMatch[j] = -1
	}
	pair := func(same func(x, y extract.Fact) bool) {
		for _, i := range byPosition(o.Facts, oldMatch) {
			for _, j := range byPosition(n.Facts, newMatch) {
				if newMatch[j] < 0 && same(o.Facts[i], n.Facts[j]) {
					oldMatch[i], newMatch[j] = j, i
					break
				}
			}
		}
	}
	pair(func(x, y extract.Fact) bool { return x.ID != "" && x.ID == y.ID })
	pair(func(x, y extract.Fact) bool {
		return x.Kind == y.Kind && x.Value == y.Value && x.Unit == y.Unit
	})

	for i, j := range oldMatch {
		if j < 0 {
			a.Removed = append(a.Removed, o.Facts[i])
		}
	}
	for j, i := range newMatch {
		switch {
		case i < 0:
			a.Added = append(a.Added, n.Facts[j])
		default:
			if fields := factChanges(o.Facts[i], n.Facts[j]); len(fields) > 0 {
				a.Changed = append(a.Changed, Changed{Old: o.Facts[i], New: n.Facts[j], Fields: fields})
			}
		}
	}
	return a
}

// byPosition returns the indexes of the unpaired facts, ordered by start
// offset (document order breaks ties).
func byPosition(facts []extract.Fact, match []int) []int {
	var idx []int
	for i := range facts {
		if match[i] < 0 {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(x, y int) bool { return facts[idx[x]].Start < facts[idx[y]].Start })
	return idx
}

// factChanges lists the compared fields that differ, in output order.
func factChanges(o, n extract.Fact) []FieldChange {
	var c []FieldChange
	c = appendChange(c, "kind", o.Kind, n.Kind)
	c = appendChange(c, "value", o.Value.String(), n.Value.String())
	c = appendChange(c, "unit", o.Unit, n.Unit)
	c = appendChange(c, "change", o.Change, n.Change)
	c = appendChange(c, "qualifier", o.Qualifier, n.Qualifier)
	c = appendChange(c, "metric", o.Metric, n.Metric)
	c = appendChange(c, "subject", o.Subject, n.Subject)
	c = appendChange(c, "date", o.Date, n.Date)
	c = appendChange(c, "text", o.Text, n.Text)
	c = appendChange(c, "sentence", o.Sentence, n.Sentence)
	return c
}

func appendChange(c []FieldChange, field, o, n string) []FieldChange {
	if o == n {
		return c
	}
	return append(c, FieldChange{Field: field, Old: o, New: n})
}
