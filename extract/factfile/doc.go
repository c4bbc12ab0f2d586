// Package factfile writes, reads and compares factx fact files.
//
// factx prints one Document per article in YAML (for people), a JSON array
// or JSON Lines (for tools). Everything that consumes that output again —
// the diff command, regression checks in CI, tests — needs the same three
// things: a writer whose bytes depend only on the documents, a reader that
// accepts any of the formats without being told which, and a comparison that
// reports what a change to rules or code did to the facts. Keeping them in one
// package keeps the formats and their readers from drifting apart.
//
// The comparison pairs facts by id first and then by kind, value and unit,
// so a fact whose metric or date changed shows as changed rather than as one
// fact removed and another added; offsets are ignored, because an edit
// elsewhere in the article moves them without changing the fact.
package factfile
