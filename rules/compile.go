package rules

import (
	"errors"
	"fmt"
	"github.com/factx/factx/rules/dfa"
	"github.com/factx/factx/rules/submatch"
	"io/fs"
	"math/big"
	"path"
	"regexp"
	"regexp/syntax"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Set is every language's compiled rules.
type Set struct {
	langs map[string]*Lang
	codes []string
	// lazy holds the languages of a LoadLazy set, compiled on first use.
	lazy map[string]*lazyLang
	// cached: the lazy languages take their programs from compiled.bin
	// where it was compiled from the same files
	cached bool
}

// lazyLang is one language's files, compiled once when first asked for.
type lazyLang struct {
	once sync.Once
	// names are the embedded files of the language, common.yaml first,
	// parsed on first use
	names []string
	lang  *Lang
	hash  []byte // of the files, to find the language in compiled.bin
}

// Lang returns a language's rules, or nil. In a set from LoadLazy the
// language is compiled on its first call; safe for concurrent use.
func (s *Set) Lang(code string) *Lang {
	if z := s.lazy[code]; z != nil {
		z.once.Do(func() {
			datas := make([][]byte, len(z.names))
			for i, name := range z.names {
				datas[i], _ = fs.ReadFile(embedded, name)
			}
			z.hash = sourceHash(z.names, datas)
			var cache *langCache
			if s.cached {
				cache = openLangCache(code, z.hash)
			}
			files := cache.parsedFiles()
			if files == nil {
				files = parseEmbedded(z.names, datas)
			}
			z.lang, _ = compileLang(code, files, false, cache)
		})
		return z.lang
	}
	return s.langs[code]
}

// Codes lists the languages, sorted.
func (s *Set) Codes() []string { return append([]string(nil), s.codes...) }

// Lang is one language's rules, ready to match.
type Lang struct {
	Code, Name string
	Decimal    []string
	Group      []string
	Lexicons   map[string]*Lexicon
	Rules      []*CompiledRule
	// FurnitureStop and FurnitureSkip match whole lines (trimmed): the
	// patterns that begin with words joined into one, each other alone
	// (see anyLine).
	FurnitureStop []*regexp.Regexp
	FurnitureSkip []*regexp.Regexp
	StemSuffixes  []string
	// anchors are the word lists rules can begin with (see anchorFor)
	anchors     *anchorTrie
	anchorIndex map[string]int
	// eager: compile and check every pattern now (Load), not on first
	// use (LoadLazy)
	eager bool
	// expanded remembers fragments already expanded (and, under "shadow
	// NAME", their shadow expansions): rules share many
	expanded map[string]string
	// shadow makes expand write number words as one marker rune, to learn
	// where a rule can start (see firstRunes)
	shadow bool
	// ClaimExamples are the language's sentences with the fact expected
	// of each, from every file of the language (not from common.yaml).
	ClaimExamples []ClaimExample
	fragments     map[string]string
	// trees holds fragments parsed for rules' automata
	trees *fragmentTrees
	// cache holds the rules' programs compiled ahead of time, or is nil
	cache *langCache
	// unions are the automata over all rules (see Unions)
	unionOnce         sync.Once
	unionLower, union *dfa.DFA
	unionMember       []bool
}

// Unions returns two automata over the language's rules, for
// dfa.MatchSet: lower over the rules that read lower-cased text (see
// CompiledRule.Lower), cased over the others. Bit k of a set stands for
// l.Rules[k], and member[k] tells that the rule is in one of them (a rule
// whose automaton could not be built is not, and is asked itself, by End).
// The first call prepares every rule, on every core.
func (l *Lang) Unions() (lower, cased *dfa.DFA, member []bool) {
	l.unionOnce.Do(func() {
		CompileAll(l.Rules)
		lowers := make([]*syntax.Prog, len(l.Rules))
		others := make([]*syntax.Prog, len(l.Rules))
		l.unionMember = make([]bool, len(l.Rules))
		for k, r := range l.Rules {
			if r.prog == nil {
				continue
			}
			l.unionMember[k] = true
			if r.lower {
				lowers[k] = r.prog
			} else {
				others[k] = r.prog
			}
		}
		// the two are built side by side: a short run waits for both
		var err, errLower error
		done := make(chan bool)
		go func() {
			l.unionLower, errLower = dfa.NewUnion(lowers)
			done <- true
		}()
		l.union, err = dfa.NewUnion(others)
		<-done
		if err != nil || errLower != nil { // cannot be: every member is anchored
			l.unionLower, l.union = nil, nil
			clear(l.unionMember)
		}
	})
	return l.unionLower, l.union, l.unionMember
}

// Lexicon returns a lexicon by name, or an empty one: callers need not
// care whether a language defines it.
func (l *Lang) Lexicon(name string) *Lexicon {
	if lx := l.Lexicons[name]; lx != nil {
		return lx
	}
	return &Lexicon{Name: name}
}

// CompiledRule is a rule with its regular expression.
type CompiledRule struct {
	Rule
	// re is the anchored pattern as regexp: Load compiles it to check the
	// rule; otherwise it is compiled only if asked for (Regexp). The
	// finder uses prog: the language's unions say where the rule
	// matches, and sub reads its groups there.
	re *regexp.Regexp
	// lower tells that the pattern matches lower-cased text (LowerText);
	// expr is the anchored pattern as compiled, prog its program.
	lower   bool
	lang    *Lang // whose fragments assemble the automaton's tree
	expr    string
	prog    *syntax.Prog
	dfaOnce sync.Once
	dfa     *dfa.DFA // built from prog on first need (see automaton)
	// ends finds where the rule's match ends (see End), built on first
	// need from dfa
	endsOnce sync.Once
	ends     *dfa.DFA
	// bounds and intervals are the automaton's rune classes, when the
	// cache knows them
	bounds    []rune
	intervals []uint16
	sub       *submatch.Matcher
	names     []string // of the program's groups, by number
	src       string
	prepOnce  sync.Once
	reOnce    sync.Once
	compiled  atomic.Bool
	// First holds the runes a match can begin with, other than those of
	// the word lists in Anchors, the anchors it can begin with
	// (Lang.AnchorsAt tells which begin at a position).
	First   *RuneSet
	Anchors uint64
	// groups maps a group name to every subexpression index bearing it.
	groups map[string][]int
}

// prepare settles the rule's final pattern and builds its program, on
// first use: a rule from Load has its regexp already, one from LoadLazy
// takes its program from compiled.bin, or is rewritten for lower-cased
// text where it can be (see lowerPattern) and compiled. The automata
// answer whether the rule matches; the matcher, over the same program,
// reads its groups, so regexp is not compiled at all.
func (r *CompiledRule) prepare() {
	r.prepOnce.Do(func() {
		defer r.compiled.Store(true)
		if r.re != nil {
			r.expr = r.re.String()
			if tree, err := syntax.Parse(r.expr, syntax.Perl); err == nil {
				r.build(tree, nil)
			}
			return
		}
		if c := r.lang.cache; c != nil {
			if p, ok := c.rule(r.Name); ok && r.install(p.prog, p.names, p.bounds, p.intervals) == nil {
				r.lower = p.lower
				return // expr is made when Regexp needs it
			}
		}
		if low, ok := lowerPattern(r.src); ok {
			expr := "^(?:" + low + ")"
			if r.buildFrom(expr, true) == nil {
				r.expr, r.lower = expr, true
				return
			}
		}
		r.expr = anchoredPattern(r.src)
		r.buildFrom(r.expr, false)
	})
}

// buildFrom builds the rule's program from its tree assembled of parsed
// fragments (see assembledTree), or from expr, its whole expansion.
func (r *CompiledRule) buildFrom(expr string, lower bool) error {
	if tree, err := r.lang.assembledTree(r.Pattern, lower); err == nil {
		tree, names := r.lang.numberGroups(tree)
		if r.build(tree, names) == nil {
			return nil
		}
	}
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return err
	}
	return r.build(tree, nil)
}

// build compiles a tree into the rule's automaton and matcher; names are
// its groups' names, by number, when the caller has them.
func (r *CompiledRule) build(tree *syntax.Regexp, names []string) error {
	prog, err := syntax.Compile(tree.Simplify())
	if err != nil {
		return err
	}
	if names == nil {
		names = tree.CapNames()
	}
	return r.install(prog, names, nil, nil)
}

// install gives the rule its program and a matcher over it; names are
// the program's groups, bounds and intervals its automaton's rune classes
// when known (dfa.Classes), else nil. The rule's own automaton is built
// on first need: the finder asks the language's union (see Unions).
func (r *CompiledRule) install(prog *syntax.Prog, names []string, bounds []rune, intervals []uint16) error {
	if prog.StartCond()&syntax.EmptyBeginText == 0 {
		return errors.New("pattern not anchored at the start of the text")
	}
	groups := map[string][]int{}
	for i, name := range names {
		if name != "" {
			groups[name] = append(groups[name], i)
		}
	}
	r.prog, r.sub, r.groups, r.names = prog, submatch.New(prog, len(names)-1), groups, names
	r.bounds, r.intervals = bounds, intervals
	return nil
}

// automaton returns the rule's own automaton, built on first call; nil
// when the rule has no program.
func (r *CompiledRule) automaton() *dfa.DFA {
	r.prepare()
	r.dfaOnce.Do(func() {
		if r.prog == nil {
			return
		}
		if r.bounds != nil {
			r.dfa, _ = dfa.NewWithClasses(r.prog, r.bounds, r.intervals)
		}
		if r.dfa == nil {
			r.dfa, _ = dfa.FromProg(r.prog)
		}
	})
	return r.dfa
}

// Lower tells that the pattern matches lower-cased text (LowerText)
// rather than the text itself.
func (r *CompiledRule) Lower() bool {
	r.prepare()
	return r.lower
}

// End returns where the rule's match at the start of s ends, as
// Submatch tells it (its second index), or -1 for none: an automaton
// answers, in a step per rune, without the groups.
func (r *CompiledRule) End(s string) int {
	end, _ := r.EndRead(s)
	return end
}

// EndRead is End with how many bytes of s it read to know (len(s)+1
// when it needed the end of s too): Submatch reads no further, so its
// answer is the same on any text that begins with those bytes, and on
// any whose bytes have the same key (see Key).
func (r *CompiledRule) EndRead(s string) (end, read int) {
	if d := r.endAutomaton(); d != nil {
		return d.EndRead(s)
	}
	if m := r.Submatch(s); m != nil {
		return m[1], len(s) + 1
	}
	return -1, len(s) + 1
}

// Key appends to key what the rule's program sees in s: texts with the
// same key have the same Submatch. It returns nil where the rule cannot
// say.
func (r *CompiledRule) Key(key []byte, s string) []byte {
	if d := r.endAutomaton(); d != nil {
		return d.AppendKey(key, s)
	}
	return nil
}

func (r *CompiledRule) endAutomaton() *dfa.DFA {
	r.endsOnce.Do(func() {
		if d := r.automaton(); d != nil {
			r.ends = d.First()
		}
	})
	return r.ends
}

// Submatch returns the rule's match at the start of s, as regexp's
// FindStringSubmatchIndex would, or nil.
func (r *CompiledRule) Submatch(s string) []int {
	r.prepare()
	if r.sub != nil {
		return r.sub.Find(s)
	}
	return r.Regexp().FindStringSubmatchIndex(s)
}

// Regexp returns the rule's anchored pattern, compiling it on first use.
// The finder does without it (see Submatch); it is here for rules whose
// program could not be built, and for tests.
func (r *CompiledRule) Regexp() *regexp.Regexp {
	r.reOnce.Do(func() {
		r.prepare()
		if r.re != nil {
			return // compiled by Load, with its groups
		}
		if r.expr == "" { // the program came from compiled.bin
			r.expr = anchoredPattern(r.src)
			if low, ok := lowerPattern(r.src); ok && r.lower {
				r.expr = "^(?:" + low + ")"
			}
		}
		re, err := regexp.Compile(r.expr)
		if err != nil {
			re = regexp.MustCompile(`[^\x00-\x{10FFFF}]`) // matches nothing
		}
		r.re = re
		if r.sub == nil {
			r.setRegexp(re)
		}
	})
	return r.re
}

// CompileAll prepares the rules not prepared yet, on every core: a
// finder calls it with the rules a text needs, so a short text pays for
// those alone, and at full speed.
func CompileAll(rs []*CompiledRule) {
	if len(rs) == 0 {
		return
	}
	if len(rs) == 1 {
		rs[0].prepare()
		return
	}
	next := make(chan *CompiledRule)
	var wg sync.WaitGroup
	for w := 0; w < min(len(rs), runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range next {
				r.prepare()
			}
		}()
	}
	for _, r := range rs {
		next <- r
	}
	close(next)
	wg.Wait()
}

func anchoredPattern(src string) string { return "(?i)^(?:" + src + ")" }

// Compiled tells whether the pattern is prepared already.
func (r *CompiledRule) Compiled() bool { return r.compiled.Load() }

func (r *CompiledRule) setRegexp(re *regexp.Regexp) {
	r.re = re
	r.groups = map[string][]int{}
	for i, name := range re.SubexpNames() {
		if name != "" {
			r.groups[name] = append(r.groups[name], i)
		}
	}
}

// HasGroup tells whether the rule's pattern has a group of that name.
func (r *CompiledRule) HasGroup(name string) bool {
	r.prepare()
	return len(r.groups[name]) > 0
}

// Group returns the text span [start,end) (byte offsets) of the first
// participating group of that name in a submatch index slice.
func (r *CompiledRule) Group(m []int, name string) (int, int, bool) {
	for _, i := range r.groups[name] {
		if m[2*i] >= 0 {
			return m[2*i], m[2*i+1], true
		}
	}
	return 0, 0, false
}

// Lexicon maps forms to entries.
type Lexicon struct {
	Name        string
	Entries     []Entry
	exact       map[string]int
	forms       []formRe
	formsOnce   sync.Once
	prefixOnce  sync.Once
	prefix      *regexp.Regexp
	longestOnce sync.Once
	longest     *dfa.DFA // reads prefix's longest match in one pass
	alt         string
}

// formRe matches one form that is not a plain word: a stem followed by
// any letters ("теңге*"), or a pattern.
type formRe struct {
	stem  string
	re    *regexp.Regexp
	dfa   *dfa.DFA // answers for re, in a step per rune
	src   string   // the pattern of re, until it is compiled
	entry int
}

func (f formRe) match(k string) bool {
	if f.dfa != nil {
		return f.dfa.Match(k)
	}
	if f.re != nil {
		return f.re.MatchString(k)
	}
	if !strings.HasPrefix(k, f.stem) {
		return false
	}
	for _, r := range k[len(f.stem):] {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// Lookup finds the entry a word or phrase stands for (case-insensitive).
func (x *Lexicon) Lookup(s string) (Entry, bool) {
	if x == nil {
		return Entry{}, false
	}
	k := Fold(s)
	if i, ok := x.exact[k]; ok {
		return x.Entries[i], true
	}
	x.formsOnce.Do(x.compileForms)
	for _, f := range x.forms {
		if f.match(k) {
			return x.Entries[f.entry], true
		}
	}
	return Entry{}, false
}

// Fold is the case and spelling folding every lookup uses: lower case,
// ё as е, and any run of spaces as one space.
func Fold(s string) string {
	if folded(s) {
		return s
	}
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, "ё", "е")
	return strings.Join(strings.Fields(s), " ")
}

// folded tells that Fold would give s back: lower-case Latin and
// Cyrillic, no ё, single ASCII spaces between words.
func folded(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	prevSpace := false
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' || r < ' ' || r == 0x7f {
				return false
			}
		case r == 'ё' || r >= tableRunes || unicode.IsSpace(r) || ToLower(r) != r:
			return false
		}
		prevSpace = false
	}
	return true
}

// Rat parses an entry's value.
func (e Entry) Rat() (*big.Rat, bool) {
	if e.Value == "" {
		return nil, false
	}
	return new(big.Rat).SetString(e.Value)
}

// ValidTypes are the mention types rules may produce.
var ValidTypes = map[string]bool{
	"PERCENT": true, "MONEY": true, "CARDINAL": true, "ORDINAL": true, "RATIO": true,
	"QUANTITY": true, "DATE": true, "TIME": true, "IGNORE": true,
}

// Load reads the embedded rules and then each user folder on top of them,
// in order, and compiles every language. labels name the folders in error
// messages. All problems are returned at once.
func Load(dirs []fs.FS, labels []string) (*Set, error) {
	files, errs := readDir(embedded, "rules")
	for i, f := range dirs {
		label := fmt.Sprintf("rules-%d", i+1)
		if i < len(labels) {
			label = labels[i]
		}
		more, e := readDir(f, label)
		files = append(files, more...)
		errs = append(errs, e...)
	}
	return build(files, errs)
}

// parseEmbedded parses embedded files, skipping those that are missing
// or do not parse (the package's tests check them all with Load).
func parseEmbedded(names []string, datas [][]byte) []*File {
	var files []*File
	for i, name := range names {
		if datas[i] == nil {
			continue
		}
		if f, _ := ParseFile(path.Join("rules", name), datas[i]); f != nil {
			files = append(files, f)
		}
	}
	return files
}

// LoadLazy reads the embedded rules like Load but compiles each language
// only when Set.Lang first asks for it, so a run pays only for the
// languages it meets: reading and compiling the word lists of every
// language is most of the start-up time of a short run. Each embedded
// language lives in "<code>.yaml" beside "common.yaml". Errors are not
// reported, so it is meant for rules already checked by Load, as the
// embedded ones are by this package's tests.
func LoadLazy() (*Set, error) { return loadLazy(true) }

// loadLazy is LoadLazy, with or without the programs of compiled.bin.
func loadLazy(cached bool) (*Set, error) {
	names, err := fs.Glob(embedded, "*.yaml")
	if err != nil {
		return nil, err
	}
	set := &Set{lazy: map[string]*lazyLang{}, cached: cached}
	for _, name := range names {
		code := strings.TrimSuffix(name, ".yaml")
		if code == "common" {
			continue
		}
		set.codes = append(set.codes, code)
		set.lazy[code] = &lazyLang{names: []string{"common.yaml", name}}
	}
	sort.Strings(set.codes)
	return set, nil
}

// groupByLang gives each language its files in order, the common ones
// first.
func groupByLang(files []*File) map[string][]*File {
	var common []*File
	byLang := map[string][]*File{}
	for _, f := range files {
		if f.Lang == "common" {
			common = append(common, f)
			continue
		}
		byLang[f.Lang] = append(byLang[f.Lang], f)
	}
	for code, fs := range byLang {
		byLang[code] = append(append([]*File(nil), common...), fs...)
	}
	return byLang
}

func build(files []*File, errs ErrorList) (*Set, error) {
	byLang := groupByLang(files)
	set := &Set{langs: map[string]*Lang{}}
	for code := range byLang {
		set.codes = append(set.codes, code)
	}
	sort.Strings(set.codes)
	for _, code := range set.codes {
		l, lerrs := compileLang(code, byLang[code], true, nil)
		errs = append(errs, lerrs...)
		set.langs[code] = l
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool {
			if errs[i].File != errs[j].File {
				return errs[i].File < errs[j].File
			}
			return errs[i].Line < errs[j].Line
		})
		return nil, dedupe(errs)
	}
	return set, nil
}

func dedupe(errs ErrorList) ErrorList {
	out := errs[:0]
	for i, e := range errs {
		if i > 0 && e == errs[i-1] {
			continue
		}
		out = append(out, e)
	}
	return out
}

// compileLang merges a language's files in order (later files override
// fragments and same-named rules, and their lexicon entries come first)
// and compiles the result.
func compileLang(code string, files []*File, eager bool, cache *langCache) (*Lang, ErrorList) {
	var errs ErrorList
	l := &Lang{Code: code, Lexicons: map[string]*Lexicon{}, fragments: map[string]string{}, eager: eager, trees: &fragmentTrees{}, cache: cache}
	entries := map[string][]Entry{}
	var rules []Rule
	var stop, skip []string
	ruleAt := map[string]int{}
	for _, f := range files {
		if f.Name != "" && f.Lang == code {
			l.Name = f.Name
		}
		if f.Number != nil {
			if len(f.Number.Decimal) > 0 {
				l.Decimal = f.Number.Decimal
			}
			if len(f.Number.Group) > 0 {
				l.Group = f.Number.Group
			}
		}
		for k, v := range f.Fragments {
			l.fragments[k] = v
		}
		for name, es := range f.Lexicons {
			entries[name] = append(append([]Entry(nil), es...), entries[name]...)
		}
		for _, r := range f.Rules {
			if i, ok := ruleAt[r.Name]; ok {
				rules[i] = r
				continue
			}
			ruleAt[r.Name] = len(rules)
			rules = append(rules, r)
		}
		if f.Furniture != nil {
			stop = appendLinePattern(stop, f.Furniture.Stop, f, &errs)
			skip = appendLinePattern(skip, f.Furniture.Skip, f, &errs)
		}
		l.StemSuffixes = append(l.StemSuffixes, f.StemSuffixes...)
		if f.Lang == code {
			l.ClaimExamples = append(l.ClaimExamples, f.ClaimExamples...)
		}
	}
	l.FurnitureStop, l.FurnitureSkip = anyLine(stop), anyLine(skip)
	names := make([]string, 0, len(entries))
	for name := range entries {
		names = append(names, name)
		if _, clash := l.fragments[name]; clash {
			errs = append(errs, Error{File: entries[name][0].File, Line: entries[name][0].Line,
				Msg: fmt.Sprintf("lexicon %q has the name of a fragment", name)})
		}
	}
	sort.Strings(names)
	for _, name := range names {
		l.Lexicons[name] = &Lexicon{Name: name, Entries: entries[name]}
	}
	for _, name := range names {
		errs = append(errs, l.compileLexicon(l.Lexicons[name])...)
	}
	if len(l.Decimal) == 0 {
		l.Decimal = []string{"."}
	}
	pending := make([]*pendingRule, len(rules))
	for i, r := range rules {
		pending[i] = l.prepareRule(r)
	}
	if !eager {
		// each pattern compiles when the finder first needs it: a short
		// text meets only some of the rules
		for _, p := range pending {
			if p.src != "" && len(p.errs) == 0 {
				p.cr.src = p.src
				l.Rules = append(l.Rules, p.cr)
			}
		}
		return l, errs
	}
	compileRules(pending)
	for _, p := range pending {
		cr, rerrs := p.finish()
		errs = append(errs, rerrs...)
		if cr != nil {
			l.Rules = append(l.Rules, cr)
		}
	}
	return l, errs
}

// appendLinePattern checks furniture patterns one by one, so an error
// names the pattern, and keeps those that compile.
func appendLinePattern(list, patterns []string, f *File, errs *ErrorList) []string {
	for _, p := range patterns {
		if _, err := regexp.Compile("(?i)" + p); err != nil {
			*errs = append(*errs, Error{File: f.Lang + " furniture", Msg: fmt.Sprintf("pattern %q: %v", p, err)})
			continue
		}
		list = append(list, p)
	}
	return list
}

func (l *Lang) compileLexicon(x *Lexicon) ErrorList {
	var errs ErrorList
	x.exact = map[string]int{}
	x.forms = nil
	type alt struct {
		src, stem, frag string
		n               int
	}
	var alts []alt
	// forms that end in the same fragment ("бір{case}", "екі{case}") share
	// one copy of it: (?:бір|екі){case} matches the same and keeps the
	// pattern, and every rule built from it, small
	for i, e := range x.Entries {
		where := Error{File: e.File, Line: e.Line}
		if len(e.Forms) == 0 {
			where.Msg = fmt.Sprintf("lexicon %s: entry without forms", x.Name)
			errs = append(errs, where)
		}
		if e.Value != "" {
			if _, ok := e.Rat(); !ok {
				where.Msg = fmt.Sprintf("lexicon %s: value %q is not a number", x.Name, e.Value)
				errs = append(errs, where)
			}
		}
		for _, form := range e.Forms {
			src, literal, err := l.formPattern(form)
			if err != nil {
				where.Msg = fmt.Sprintf("lexicon %s: form %q: %v", x.Name, form, err)
				errs = append(errs, where)
				continue
			}
			a := alt{src: src, n: utf8.RuneCountInString(form)}
			if stem, frag, ok := stemAndFragment(form); ok {
				a.stem, a.frag = regexp.QuoteMeta(stem), frag
			}
			alts = append(alts, a)
			if literal {
				if _, dup := x.exact[Fold(form)]; !dup {
					x.exact[Fold(form)] = i
				}
				continue
			}
			if stem, ok := plainStem(form); ok {
				x.forms = append(x.forms, formRe{stem: stem, entry: i})
				continue
			}
			if !l.eager {
				// compiled on first lookup: most lexicons are looked up
				// rarely, and the built-in ones were checked by Load
				x.forms = append(x.forms, formRe{src: src, entry: i})
				continue
			}
			re, err := regexp.Compile("^(?i:" + src + ")$")
			if err != nil {
				where.Msg = fmt.Sprintf("lexicon %s: form %q: %v", x.Name, form, err)
				errs = append(errs, where)
				continue
			}
			x.forms = append(x.forms, formRe{re: re, entry: i})
		}
	}
	// Descending order puts a form before every form it is a prefix of
	// (longest reading first) and keeps forms that share a beginning
	// side by side, so the regexp parser factors them into a tree of
	// common prefixes: far fewer states to try at each position.
	sort.SliceStable(alts, func(i, j int) bool { return alts[i].src > alts[j].src })
	// Forms that end in the same fragment ("бір{case}", "екі{case}") share
	// one copy of it, where the first of them stands: (?:бір|екі){case}
	// keeps every rule built from the lexicon small.
	parts := make([]string, 0, len(alts))
	seen := map[string]bool{}
	for i := 0; i < len(alts); {
		a := alts[i]
		if seen[a.src] {
			i++
			continue
		}
		seen[a.src] = true
		if a.frag == "" {
			parts = append(parts, a.src)
			i++
			continue
		}
		stems := []string{a.stem}
		for j := i + 1; j < len(alts); j++ {
			if alts[j].frag == a.frag && !seen[alts[j].src] {
				seen[alts[j].src] = true
				stems = append(stems, alts[j].stem)
			}
		}
		if exp, err := l.expand("{"+a.frag+"}", nil); err == nil {
			parts = append(parts, "(?:"+strings.Join(stems, "|")+")(?:"+exp+")")
		}
		i++
	}
	if len(parts) == 0 {
		x.alt = `[^\x00-\x{10FFFF}]` // matches nothing
	} else {
		x.alt = "(?:" + strings.Join(parts, "|") + ")"
	}
	x.prefixOnce, x.longestOnce = sync.Once{}, sync.Once{}
	x.formsOnce = sync.Once{}
	x.prefix, x.longest = nil, nil
	return errs
}

// compileForms compiles the form patterns left for first use, and the
// automata that answer for them.
func (x *Lexicon) compileForms() {
	for i, f := range x.forms {
		if f.re == nil && f.src != "" {
			re, err := regexp.Compile("^(?i:" + f.src + ")$")
			if err != nil {
				re = regexp.MustCompile(`^[^\x00-\x{10FFFF}]$`) // checked by Load
			}
			x.forms[i].re = re
		}
		if x.forms[i].re != nil {
			x.forms[i].dfa, _ = dfa.Compile(x.forms[i].re.String())
		}
	}
}

// plainStem returns the folded stem of a form "stem*" made of letters
// only, which needs no regular expression to match.
func plainStem(form string) (string, bool) {
	stem, ok := strings.CutSuffix(form, "*")
	if !ok || stem == "" {
		return "", false
	}
	for _, r := range stem {
		if !unicode.IsLetter(r) {
			return "", false
		}
	}
	return Fold(stem), true
}

// Prefix matches the longest form at the start of a string; it is
// compiled on first use, as few lexicons need it.
func (x *Lexicon) Prefix() *regexp.Regexp {
	x.prefixOnce.Do(x.compilePrefix)
	return x.prefix
}

func (x *Lexicon) compilePrefix() {
	expr := "^(?i:" + x.alt + ")"
	re, err := regexp.Compile(expr)
	if err != nil {
		expr = `^[^\x00-\x{10FFFF}]`
		re = regexp.MustCompile(expr)
	}
	re.Longest()
	x.prefix = re
}

// compileLongest builds the automaton PrefixLength runs.
func (x *Lexicon) compileLongest() {
	if tree, err := syntax.Parse("^(?i:"+x.alt+")", syntax.Perl); err == nil {
		if prog, err := syntax.Compile(tree.Simplify()); err == nil {
			x.longest, _ = dfa.NewLongest(prog)
		}
	}
}

// PrefixLength is the length of the longest form at the start of s, 0
// for none, as Prefix finds it: an automaton reads it in one pass.
func (x *Lexicon) PrefixLength(s string) int {
	x.longestOnce.Do(x.compileLongest)
	if x.longest != nil {
		return max(0, x.longest.Longest(s))
	}
	loc := x.Prefix().FindStringIndex(s)
	if loc == nil {
		return 0
	}
	return loc[1]
}

// stemAndFragment splits a form made of plain letters and one trailing
// fragment reference, "бір{case}", into its stem and the fragment's name.
func stemAndFragment(form string) (string, string, bool) {
	m := trailingRefRe.FindStringSubmatch(form)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

var trailingRefRe = regexp.MustCompile(`^(\p{L}+)\{([a-z_][a-z0-9_]*)\}$`)

// formPattern turns a lexicon form into a regular expression: literal text,
// a trailing "*" for any letters after a stem, "{name}" for a fragment, and
// any run of spaces as one or more spaces.
func (l *Lang) formPattern(form string) (string, bool, error) {
	if form == "" {
		return "", false, fmt.Errorf("empty form")
	}
	literal := true
	star := strings.HasSuffix(form, "*") && len(form) > 1
	if star {
		form = strings.TrimSuffix(form, "*")
		literal = false
	}
	var b strings.Builder
	for i := 0; i < len(form); {
		if m := refRe.FindStringSubmatchIndex(form[i:]); m != nil && m[0] == 0 {
			name := form[i+m[2] : i+m[3]]
			exp, err := l.expand("{"+name+"}", nil)
			if err != nil {
				return "", false, err
			}
			b.WriteString(exp)
			i += m[1]
			literal = false
			continue
		}
		r, size := utf8.DecodeRuneInString(form[i:])
		if r == '*' {
			// a stem inside a phrase: "процентн* пункт*"
			b.WriteString(`\p{L}*`)
			literal = false
			i += size
			continue
		}
		if r == ' ' {
			// spaces within a line: a phrase, like a sentence, never
			// runs over a line break
			b.WriteString(`[\t\f \x{00A0}\x{202F}\x{2009}]+`)
		} else {
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
		i += size
	}
	if star {
		b.WriteString(`\p{L}*`)
	}
	return b.String(), literal, nil
}

var refRe = regexp.MustCompile(`\{([a-z_][a-z0-9_]*)\}`)

// builtins are fragments computed from the language's data.
func (l *Lang) builtin(name string) (string, bool) {
	switch name {
	case "digits":
		return l.digitsPattern(), true
	case "words":
		return l.wordsPattern(), true
	case "num":
		return "(?P<num>" + l.digitsPattern() + "|" + l.wordsPattern() + ")", true
	case "num2":
		return "(?P<num2>" + l.digitsPattern() + "|" + l.wordsPattern() + ")", true
	}
	return "", false
}

// digitsPattern reads digits grouped by any of the language's group
// separators, with a decimal part after any of its decimal separators.
func (l *Lang) digitsPattern() string {
	var groups []string
	for _, g := range l.Group {
		if g == " " {
			groups = append(groups, `[ \x{00A0}\x{202F}\x{2009}]`)
			continue
		}
		groups = append(groups, regexp.QuoteMeta(g))
	}
	var decs []string
	for _, d := range l.Decimal {
		decs = append(decs, regexp.QuoteMeta(d))
	}
	dec := "(?:" + strings.Join(decs, "|") + `)\d+`
	sign := `[-−–]?`
	var alts []string
	for _, g := range groups {
		alts = append(alts, `\d{1,3}(?:`+g+`\d{3})+(?:`+dec+`)?`)
	}
	alts = append(alts, `\d+(?:`+dec+`)?`, `(?:`+strings.Join(decs, "|")+`)\d+`)
	return "(?:" + sign + "(?:" + strings.Join(alts, "|") + "))"
}

// wordsPattern reads a run of number words ("двести пятьдесят три тысячи",
// "twenty-five", "он мың қырық төрт"), optionally joined by connectors.
func (l *Lang) wordsPattern() string {
	if l.shadow {
		if mark, ok := l.anchorFor("number"); ok {
			return mark
		}
	}
	var word []string
	for _, n := range []string{"number", "multiplier", "scale"} {
		if x := l.Lexicons[n]; x != nil && len(x.Entries) > 0 {
			word = append(word, x.alt)
		}
	}
	if len(word) == 0 {
		return `[^\x00-\x{10FFFF}]`
	}
	w := "(?:" + strings.Join(word, "|") + ")"
	// within a line, as sentences are (see the phrase spaces above)
	sep := `(?:[\t\f \x{00A0}]+|[\t\f \x{00A0}]*-[\t\f \x{00A0}]*)`
	conn := ""
	if x := l.Lexicons["connector"]; x != nil && len(x.Entries) > 0 {
		conn = "(?:" + x.alt + sep + ")*"
	}
	return "(?:" + w + "(?:" + sep + conn + w + `)*)`
}

// expand resolves {name} references to fragments, builtins and lexicons.
func (l *Lang) expand(p string, stack []string) (string, error) {
	var firstErr error
	out := refRe.ReplaceAllStringFunc(p, func(ref string) string {
		name := ref[1 : len(ref)-1]
		for _, s := range stack {
			if s == name {
				if firstErr == nil {
					firstErr = fmt.Errorf("fragment %q refers to itself", name)
				}
				return ""
			}
		}
		if src, ok := l.fragments[name]; ok {
			key := name
			if l.shadow {
				key = "shadow " + name
			}
			if exp, ok := l.expanded[key]; ok {
				return exp
			}
			exp, err := l.expand(src, append(stack, name))
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				return "(?:" + exp + ")"
			}
			if l.expanded == nil {
				l.expanded = map[string]string{}
			}
			l.expanded[key] = "(?:" + exp + ")"
			return l.expanded[key]
		}
		if src, ok := l.builtin(name); ok {
			return src
		}
		if x, ok := l.Lexicons[name]; ok {
			if l.shadow {
				if mark, ok := l.anchorFor(name); ok {
					return mark
				}
			}
			if x.alt == "" {
				// referenced while lexicons compile: compile it now
				l.compileLexicon(x)
			}
			return x.alt
		}
		if firstErr == nil {
			firstErr = fmt.Errorf("unknown fragment or lexicon %q", name)
		}
		return ""
	})
	return out, firstErr
}

// pendingRule is a rule whose patterns are expanded, waiting for its
// regular expression to compile.
type pendingRule struct {
	cr    *CompiledRule
	src   string
	errs  ErrorList
	re    *regexp.Regexp
	lower bool
	err   error
}

// prepareRule checks a rule and expands its pattern; the costly compile
// is left to compileRules, which runs them side by side.
func (l *Lang) prepareRule(r Rule) *pendingRule {
	p := &pendingRule{cr: &CompiledRule{Rule: r, lang: l, groups: map[string][]int{}}}
	bad := func(format string, a ...any) {
		p.errs = append(p.errs, Error{File: r.File, Line: r.Line, Msg: fmt.Sprintf("rule %s: ", r.Name) + fmt.Sprintf(format, a...)})
	}
	if r.Name == "" {
		bad("missing name")
	}
	if !ValidTypes[r.Type] {
		bad("type %q is not one of PERCENT, MONEY, CARDINAL, ORDINAL, RATIO, QUANTITY, DATE, TIME, IGNORE", r.Type)
	}
	if r.UnitFrom != "" && l.Lexicons[r.UnitFrom] == nil {
		bad("unit_from: no lexicon %q", r.UnitFrom)
	}
	if r.ValueFrom != "" && l.Lexicons[r.ValueFrom] == nil {
		bad("value_from: no lexicon %q", r.ValueFrom)
	}
	if r.Type == "DATE" && r.Date == "" {
		bad("a DATE rule needs a date template")
	}
	if len(r.Examples) == 0 {
		bad("no examples: every rule needs at least one")
	}
	src, err := l.expand(r.Pattern, nil)
	if err != nil {
		bad("pattern: %v", err)
		return p
	}
	p.src = src
	p.cr.src = src
	// the same pattern with number words as one marker rune: small, and
	// enough to learn where a match can begin (expanding it also gives
	// the language the anchors it names)
	l.shadow = true
	shadowSrc, _ := l.expand(r.Pattern, nil)
	l.shadow = false
	if c := l.cache; c != nil {
		if first, anchors, ok := c.first(r.Name); ok {
			p.cr.First, p.cr.Anchors = first, anchors
			return p
		}
	}
	p.cr.First = NewRuneSet(nil, true)
	if tree, err := syntax.Parse("(?i)"+shadowSrc, syntax.Perl); err == nil {
		p.cr.First = firstRunes(tree)
		p.cr.Anchors = anchorMask(p.cr.First, len(l.anchorIndex))
	}
	return p
}

// compileRules compiles the prepared rules' patterns on every core.
func compileRules(ps []*pendingRule) {
	next := make(chan *pendingRule)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				p.re, p.lower, p.err = compilePattern(p.src)
			}
		}()
	}
	for _, p := range ps {
		if p.src != "" {
			next <- p
		}
	}
	close(next)
	wg.Wait()
}

// finishRule checks what needs the compiled pattern: its groups.
func (p *pendingRule) finish() (*CompiledRule, ErrorList) {
	r, cr := p.cr.Rule, p.cr
	bad := func(format string, a ...any) {
		p.errs = append(p.errs, Error{File: r.File, Line: r.Line, Msg: fmt.Sprintf("rule %s: ", r.Name) + fmt.Sprintf(format, a...)})
	}
	if p.src == "" {
		return nil, p.errs
	}
	if p.err != nil {
		bad("pattern: %v", shortRegexpError(p.err))
		return nil, p.errs
	}
	cr.lower = p.lower
	cr.setRegexp(p.re)
	if r.Type != "IGNORE" && r.Type != "DATE" && r.Type != "TIME" && r.ValueFrom == "" && len(cr.groups["num"]) == 0 {
		bad("pattern has no {num} and no value_from")
	}
	if r.UnitFrom != "" && len(cr.groups["unit"]) == 0 {
		bad("unit_from needs a group (?P<unit>...) in the pattern")
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return cr, nil
}

// shortRegexpError keeps a compile error readable: the expanded pattern
// can be kilobytes of word lists, so only the failing piece is shown.
func shortRegexpError(err error) error {
	var se *syntax.Error
	if errors.As(err, &se) {
		expr := se.Expr
		if utf8.RuneCountInString(expr) > 60 {
			expr = string([]rune(expr)[:60]) + "…"
		}
		return fmt.Errorf("%s: %q", se.Code, expr)
	}
	return err
}
