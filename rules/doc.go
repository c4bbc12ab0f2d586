// Package rules holds factx's per-language data and its loader.
//
// Each language is one YAML file (ru.yaml, kk.yaml, en.yaml) plus the shared
// common.yaml, embedded in the binary with go:embed. A file declares:
//
//   - number: how digits are written (decimal and group separators);
//   - lexicons: named word lists, each entry a value or a code with its forms
//     ("тенге", "теңге*" for a stem followed by any letters, "{frag}" for a
//     named fragment);
//   - fragments: named regular-expression pieces;
//   - rules: patterns built from fragments and lexicons, each with the type
//     of mention it finds and examples that run as tests;
//   - furniture: lines that are not the article (related news, credits);
//   - claim_examples: sentences with the fact the whole extractor must make
//     of them, which test the claim lexicons (change, qualifier_*, metric,
//     period_*) the way rule examples test patterns.
//
// Loading is strict: unknown keys, unknown fragments, patterns that do not
// compile and rules without examples are errors, all reported at once, each
// with its file and line. A user's folder (--rules DIR) is read on top of the
// embedded files with the same schema, so a new language or metric is a data
// change, not a code change.
//
// Patterns are compiled on first need. Each rule's program is assembled
// from fragments parsed once per language (see assemble.go); over it run
// an automaton (package dfa), which answers whether the rule matches at a
// position, and a matcher (package submatch), which reads its groups
// where it does. The programs of the embedded rules are compiled ahead of
// time into compiled.bin (see cache.go; "go generate ./rules" writes it
// again after a change to the YAML).
package rules
