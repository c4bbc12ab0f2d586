// Package extract is factx's pipeline: text in, dated numeric facts out.
//
// # The pipeline
//
//	text → language → header and furniture → mentions → sentences → facts → ids
//
// Language comes from the caller or from package lang (a letter rule first,
// statistics only when letters do not decide). The header gives the
// publication date: YAML front matter, a leading "date 2026-03-10", or a
// dateline such as "Фото: Akorda 09.07.2024 16:32". Furniture is what is
// on the page but not in the article (photo credits, "Читайте также" and
// everything after it, subscription calls), described by line patterns
// in the rules; its numbers are reported as mentions marked furniture and
// never become facts.
//
// # Mentions
//
// Every rule of the language (rules/*.yaml) runs over the whole text. A
// rule is a regular expression built from named fragments and word lists;
// its groups say where the number ("num", and "num2" for a range), the
// scale ("млрд"), the unit ("тенге") or the date parts stand. One number
// reader turns digits and number words into exact values (math/big), so
// "316,3 млрд" is 316300000000, not 3.163e+11. Go's regexp has no Unicode
// \b, so a match is kept only if it neither starts nor ends inside a word
// or a number. Overlapping matches are resolved by rule priority, then
// length, then position: guards (clock times, phone numbers, "№ 53")
// carry a high priority and are dropped after they have blocked the
// readings they overlap.
//
// Matching is the costly part, and it is arranged so that most of it
// never happens. A rule is tried only where its pattern can begin: after
// a word boundary, at a rune its pattern can start with or a word of a
// word list it starts with (found once per text with a prefix tree).
// There one automaton over all the language's rules (rules/dfa) reads the
// text once and tells which rules match; almost every start dies within a
// few runes, and what it says where a word begins is remembered by word.
// Only the rules it names are run, by each rule's leftmost-first
// automaton, which finds where the match ends: that is all settling
// overlaps needs. A match that wins has its groups read by a matcher over
// the rule's program (rules/submatch), remembered by the rune classes of
// what the rule read, and is read (numbers, units, dates) then. A long
// text is read in segments, each settled once no match reaches past it.
//
// # Facts
//
// Sentences are split at line breaks and at sentence punctuation followed
// by a capital. Within a sentence, each mention of a measuring type
// (percent, money, ratio, quantity) is a fact; a bare cardinal is a count
// only where something counted follows it, or where an earlier count of
// the sentence lends it its noun. Qualifiers, change, metric and date come
// from the words of the sentence through the rules' lexicons and stems.
//
// # Ids
//
// A fact's id is a digest of its source and its normalized content (kind,
// value, unit, metric, date and the whitespace-folded sentence), so it
// survives edits elsewhere in the article and changes of whitespace, and
// collisions are numbered in order.
package extract
