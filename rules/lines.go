package rules

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// anyLine joins a language's line patterns (furniture) into as few
// anchored, case-blind patterns as keep lines cheap to read. Those that
// begin with words become one, which fails within a line's first runes
// however many they are. Each that reads any text first (".*Telegram")
// stays alone, so that a reader can ask it only of the lines that hold
// its words: joined to the others, it would have every line read whole.
// A pattern without "^" may match anywhere: it gets ".*?" before it, and
// so reads any text first too.
func anyLine(patterns []string) []*regexp.Regexp {
	var words []string
	var alone []*regexp.Regexp
	for _, p := range patterns {
		rest, anchored := strings.CutPrefix(p, "^")
		tree, err := syntax.Parse(p, syntax.Perl)
		if err != nil || tree.Op == syntax.OpAlternate {
			anchored = false // "^a|b": b may match anywhere
		}
		switch {
		case !anchored:
			alone = append(alone, caseBlindLine("(?s:.*?)(?:"+p+")"))
		case ReadsAnyFirst(tree):
			alone = append(alone, caseBlindLine("(?:"+rest+")"))
		default:
			words = append(words, "(?:"+rest+")")
		}
	}
	if len(words) == 0 {
		return alone
	}
	return append([]*regexp.Regexp{caseBlindLine(strings.Join(words, "|"))}, alone...)
}

func caseBlindLine(alts string) *regexp.Regexp {
	return regexp.MustCompile("(?i)^(?:" + alts + ")")
}

// ReadsAnyFirst tells whether a pattern begins (after ^) by reading any
// text (.*): its automaton reads every line to the end, where one that
// begins with words fails at the first rune that is not theirs, faster
// than a search for the words could.
func ReadsAnyFirst(re *syntax.Regexp) bool {
	for re.Op == syntax.OpCapture || re.Op == syntax.OpConcat && len(re.Sub) > 0 {
		if re.Op == syntax.OpCapture {
			re = re.Sub[0]
			continue
		}
		first := re.Sub[0]
		if first.Op == syntax.OpBeginText || first.Op == syntax.OpBeginLine {
			if len(re.Sub) == 1 {
				return false
			}
			first = re.Sub[1]
		}
		re = first
		if re.Op != syntax.OpCapture && re.Op != syntax.OpConcat {
			break
		}
	}
	return (re.Op == syntax.OpStar || re.Op == syntax.OpPlus || re.Op == syntax.OpQuest || re.Op == syntax.OpRepeat) &&
		(re.Sub[0].Op == syntax.OpAnyChar || re.Sub[0].Op == syntax.OpAnyCharNotNL)
}
