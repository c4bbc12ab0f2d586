package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/factx/factx/extract"
	"github.com/factx/factx/extract/factfile"
	"github.com/factx/factx/extract/source"
	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

// extractOptions is everything `factx extract` was asked to do.
type extractOptions struct {
	IO        *IO
	Paths     []string
	Format    string
	From      string
	Lang      string
	Published string
	RulesDirs []string
	Exts      []string
	Mentions  bool
	OutDir    string
	Jobs      int
	Encoding  string
	MaxBytes  int64
	Check     string
	Update    bool
	Shard     string
	Quiet     bool
	Stats     bool

	// elsewhere holds the sources of the inputs other shards keep, for
	// --check with --shard to leave their stored facts out; nil
	// otherwise. The producer fills it before the sink closes.
	elsewhere map[string]bool
}

// passOver notes an input that the shard leaves to another.
func (o *extractOptions) passOver(it source.Item) {
	if o.elsewhere != nil {
		o.elsewhere[it.Source] = true
	}
}

func newCmdExtract(ios *IO, runF func(context.Context, *extractOptions) error) *cobra.Command {
	opts := &extractOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "extract [PATH...]",
		Short: "Print the numeric facts of articles as YAML",
		Long: `Read articles from files, folders (recursively, in sorted order) or stdin,
and print one document per article with its language, publication date and
facts. With no PATH and stdin not a terminal, or with "-", stdin is read.

The publication date comes from the article itself (a leading "date
2026-03-10", YAML front matter "date:", or a dateline such as "Фото: Akorda
09.07.2024 16:32"), or from --published; unknown dates stay null.

` + exitCodesHelp,
		Example: `  # the facts of the seed articles
  factx extract seeds/

  # one article from stdin, with its date
  cat article.txt | factx extract --published 2026-03-10

  # JSON Lines in, JSON Lines out, with every numeric mention
  factx extract --from jsonl --format jsonl --mentions < records.jsonl

  # one fact file per article under facts/, then check them in CI
  factx extract -o facts/ articles/
  factx extract --check facts/ articles/`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runExtract(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "yaml", "output format: "+strings.Join(factfile.Formats(), ", "))
	f.StringVar(&opts.From, "from", "text", "input format: text (files, folders, stdin) or jsonl (records {\"id\",\"text\",\"lang\"?,\"published\"?})")
	f.StringVar(&opts.Lang, "lang", "", "language of every input: ru, kk or en (default: detected)")
	f.StringVar(&opts.Published, "published", "", "publication date YYYY-MM-DD for every input (default: read from the text)")
	f.StringArrayVar(&opts.RulesDirs, "rules", nil, "folder of rules YAML files read on top of the built-in ones (repeatable)")
	f.StringSliceVar(&opts.Exts, "ext", source.DefaultExts(), "extensions of files taken from folders")
	f.BoolVar(&opts.Mentions, "mentions", false, "also list every numeric mention of each article")
	f.StringVarP(&opts.OutDir, "output", "o", "", "write one fact file per input under this folder, mirroring the input tree")
	f.IntVar(&opts.Jobs, "jobs", runtime.NumCPU(), "articles processed at once")
	f.StringVar(&opts.Encoding, "encoding", "", "force the input encoding: utf-8, utf-16le, utf-16be, windows-1251, koi8-r (default: detected)")
	f.Int64Var(&opts.MaxBytes, "max-bytes", source.DefaultMaxBytes, "refuse input files larger than this")
	f.StringVar(&opts.Check, "check", "", "compare the facts with those stored in this folder (written by -o); exit 1 on differences")
	f.StringVar(&opts.Shard, "shard", "", "process only shard K of N (K/N, 1 ≤ K ≤ N): a fixed share of the inputs by a hash of each path or JSON Lines id")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print no warnings and no progress, only errors")
	f.BoolVar(&opts.Stats, "stats", false, "print a closing summary on stderr: articles, facts, failures, seconds (default on a terminal, after a progress bar)")
	f.BoolVar(&opts.Update, "update", false, "with --check: rewrite the stored facts instead of comparing (and remove those of inputs that are gone)")
	return cmd
}

var publishedRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func usage(format string, a ...any) error {
	return &exitError{code: exitUsage, msg: fmt.Sprintf(format, a...)}
}

// validate checks the flags before any input is read. With set nil it
// checks all but --lang, so that usage errors come before the rules are
// compiled.
func (o *extractOptions) validate(set *rules.Set) error {
	okFormat := false
	for _, f := range factfile.Formats() {
		okFormat = okFormat || f == o.Format
	}
	if !okFormat {
		return usage("--format %q: want one of %s", o.Format, strings.Join(factfile.Formats(), ", "))
	}
	if o.From != "text" && o.From != "jsonl" {
		return usage("--from %q: want text or jsonl", o.From)
	}
	if o.Lang != "" && set != nil && set.Lang(o.Lang) == nil {
		return usage("--lang %q: want one of %s", o.Lang, strings.Join(set.Codes(), ", "))
	}
	if o.Published != "" && !publishedRe.MatchString(o.Published) {
		return usage("--published %q: want YYYY-MM-DD", o.Published)
	}
	if o.Jobs < 1 {
		return usage("--jobs %d: want 1 or more", o.Jobs)
	}
	if o.Encoding != "" {
		if err := source.CheckEncoding(o.Encoding); err != nil {
			return usage("--encoding: %v", err)
		}
	}
	if _, err := parseShard(o.Shard); err != nil {
		return usage("--shard %q: %v", o.Shard, err)
	}
	if o.Update && o.Check == "" {
		return usage("--update goes with --check DIR")
	}
	if o.Check != "" && o.OutDir != "" {
		return usage("--check and -o cannot be used together")
	}
	if o.Check != "" && !o.Update {
		if st, err := os.Stat(o.Check); err != nil || !st.IsDir() {
			return usage("--check %s: not a folder of stored facts (write them with -o %s, or --check %s --update)", o.Check, o.Check, o.Check)
		}
	}
	if len(o.Paths) == 0 {
		if o.IO.StdinIsTTY {
			return usage("no input: give files or folders, or pipe an article on stdin (see factx extract --help)")
		}
		o.Paths = []string{"-"}
	}
	return nil
}

// loadRules compiles the built-in rules lazily, one language when first
// met (they are checked by the rules tests), and strictly, all at once,
// as soon as a user's folder is added.
func loadRules(dirs []string) (*rules.Set, error) {
	if len(dirs) == 0 {
		set, err := rules.LoadLazy()
		if err != nil {
			return nil, &exitError{code: exitUsage, msg: "rules:\n" + err.Error()}
		}
		return set, nil
	}
	var fsys []fs.FS
	for _, d := range dirs {
		st, err := os.Stat(d)
		if err != nil {
			return nil, usage("--rules: %v", err)
		}
		if !st.IsDir() {
			return nil, usage("--rules %s: not a folder", d)
		}
		fsys = append(fsys, os.DirFS(d))
	}
	set, err := rules.Load(fsys, dirs)
	if err != nil {
		return nil, &exitError{code: exitUsage, msg: "rules:\n" + err.Error()}
	}
	return set, nil
}

// result is one processed input, in input order.
type result struct {
	item  source.Item // its Text dropped once read (see one)
	bytes int         // the length of the text read
	doc   extract.Document
	ok    bool
}

func runExtract(ctx context.Context, o *extractOptions) error {
	if err := o.validate(nil); err != nil {
		return err
	}
	set := o.IO.rules
	if set == nil || len(o.RulesDirs) > 0 {
		var err error
		if set, err = loadRules(o.RulesDirs); err != nil {
			return err
		}
	}
	if err := o.validate(set); err != nil {
		return err
	}
	x := extract.New(set, lang.NewDetector())
	srcOpt := source.Options{Exts: o.Exts, MaxBytes: o.MaxBytes, Encoding: o.Encoding}
	sh, _ := parseShard(o.Shard)
	if o.Check != "" && !o.Update && o.Shard != "" {
		o.elsewhere = map[string]bool{}
	}
	var list []source.Item
	total := -1
	if o.From != "jsonl" {
		for _, it := range source.List(o.Paths, srcOpt) {
			if sh.keeps(it) {
				list = append(list, it)
			} else {
				o.passOver(it)
			}
		}
		total = len(list)
	}
	prog := newProgress(o.IO, total, o.Quiet, o.Stats, time.Now)
	defer prog.finish()

	items := make(chan source.Item)
	go func() {
		defer close(items)
		o.produce(ctx, srcOpt, list, items)
	}()
	results := process(ctx, x, o, srcOpt, items)

	sink, err := o.newSink()
	if err != nil {
		return err
	}
	failed := 0
	for r := range results {
		if len(r.item.Warnings) > 0 && !o.Quiet || r.item.Err != nil {
			prog.clear()
		}
		for _, w := range r.item.Warnings {
			if !o.Quiet {
				fmt.Fprintln(o.IO.Err, "factx: warning: "+w)
			}
		}
		if r.item.Err != nil {
			fmt.Fprintln(o.IO.Err, "factx: "+r.item.Err.Error())
			failed++
		}
		prog.add(int64(r.bytes), len(r.doc.Facts), r.item.Err != nil)
		if !r.ok {
			continue
		}
		if err := sink.write(r); err != nil {
			return &exitError{code: exitFailed, msg: err.Error()}
		}
	}
	if ds, ok := sink.(*dirSink); ok && failed > 0 {
		ds.prune = false // keep the stored facts of inputs that failed
	}
	differ, err := sink.close()
	if err != nil {
		return &exitError{code: exitFailed, msg: err.Error()}
	}
	if failed > 0 || differ {
		return &exitError{code: exitFailed}
	}
	return nil
}

// produce sends every input in order: files and folders, stdin, or JSON
// Lines records.
// list holds the files and folders' files already expanded and sharded.
func (o *extractOptions) produce(ctx context.Context, opt source.Options, list []source.Item, out chan<- source.Item) {
	sh, _ := parseShard(o.Shard)
	send := func(it source.Item) error {
		if !sh.keeps(it) {
			o.passOver(it)
			return nil
		}
		select {
		case out <- it:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if o.From == "jsonl" {
		for _, p := range o.Paths {
			var r io.Reader = o.IO.In
			name := p
			if p == "-" {
				name = "stdin"
			} else {
				f, err := os.Open(p)
				if err != nil {
					if send(source.Item{Source: p, Err: streamError{fmt.Errorf("%s: %w", p, unwrapPathError(err))}}) != nil {
						return
					}
					continue
				}
				defer f.Close()
				r = f
			}
			if err := source.JSONL(r, name, send); err != nil && ctx.Err() == nil {
				send(source.Item{Source: name, Err: streamError{err}})
			}
		}
		return
	}
	for _, it := range list {
		if send(it) != nil {
			return
		}
	}
}

// streamError is a JSON Lines input that could not be read at all, as
// opposed to one bad line: it gets no output record.
type streamError struct{ error }

func (e streamError) Unwrap() error { return e.error }

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// process runs a pool of workers and returns their results in input
// order: each item gets a slot in a bounded queue, so memory stays flat
// however many inputs there are.
func process(ctx context.Context, x *extract.Extractor, o *extractOptions, opt source.Options, items <-chan source.Item) <-chan result {
	type slot chan result
	queue := make(chan slot, 4*o.Jobs)
	// work holds an item for each worker ready, so that a worker done
	// with one finds the next without waiting for this feeder to run
	work := make(chan struct {
		it source.Item
		s  slot
	}, o.Jobs)
	go func() {
		defer close(queue)
		defer close(work)
		for it := range items {
			s := make(slot, 1)
			queue <- s
			work <- struct {
				it source.Item
				s  slot
			}{it, s}
		}
	}()
	for i := 0; i < o.Jobs; i++ {
		go func() {
			for w := range work {
				w.s <- o.one(x, opt, w.it)
			}
		}()
	}
	out := make(chan result)
	go func() {
		defer close(out)
		for s := range queue {
			out <- <-s
		}
	}()
	return out
}

// one reads and extracts a single input.
func (o *extractOptions) one(x *extract.Extractor, opt source.Options, it source.Item) result {
	if o.From != "jsonl" {
		it = source.Read(it, o.IO.In, opt)
	}
	if it.Err != nil {
		// a bad JSON Lines record still gets its output line, so the
		// output stays one record per input line
		var se streamError
		if o.From == "jsonl" && !errors.As(it.Err, &se) {
			return result{item: it, bytes: len(it.Text), ok: true, doc: extract.Document{Source: it.Source, ID: it.ID, Facts: []extract.Fact{}}}
		}
		return result{item: it, bytes: len(it.Text)}
	}
	// the item lets go of the text as read: the document holds the
	// normalized one, which for a large file may be a second copy
	text, n := it.Text, len(it.Text)
	it.Text = ""
	in := extract.Input{Source: it.Source, ID: it.ID, Text: source.Normalize(text), Lang: it.Lang, Published: it.Published}
	if o.Lang != "" {
		in.Lang = o.Lang
	}
	if o.Published != "" {
		in.Published = o.Published
	}
	return result{item: it, bytes: n, doc: x.Extract(in, extract.Options{Mentions: o.Mentions}), ok: true}
}

// sink is where documents go: a stream, a folder, or a comparison.
type sink interface {
	write(r result) error
	// close finishes; differ reports --check differences.
	close() (differ bool, err error)
}

func (o *extractOptions) newSink() (sink, error) {
	switch {
	case o.Check != "" && o.Update:
		// A shard holds only some inputs: the others' facts stay.
		return &dirSink{dir: o.Check, format: o.Format, prune: o.Shard == ""}, nil
	case o.Check != "":
		return &checkSink{o: o}, nil
	case o.OutDir != "":
		return &dirSink{dir: o.OutDir, format: o.Format}, nil
	}
	out := o.IO.Out
	var buf *bufio.Writer
	if o.From != "jsonl" && !o.IO.StdoutIsTTY {
		// Files' documents are written in blocks: a write per document
		// costs a system call per small article. JSON Lines records stay
		// flushed one by one, as a streaming filter's must, and a
		// terminal sees each document as it comes.
		buf = bufio.NewWriterSize(out, 64<<10)
		out = buf
	}
	w, err := factfile.NewWriter(out, o.Format)
	if err != nil {
		return nil, usage("%v", err)
	}
	return &streamSink{w: w, buf: buf}, nil
}

type streamSink struct {
	w   factfile.Writer
	buf *bufio.Writer // nil when each document goes straight out
}

func (s *streamSink) write(r result) error { return s.w.Write(r.doc) }

func (s *streamSink) close() (bool, error) {
	err := s.w.Close()
	if s.buf != nil {
		if ferr := s.buf.Flush(); err == nil {
			err = ferr
		}
	}
	return false, err
}

// dirSink writes one file per input under dir, mirroring the input tree.
// Inputs whose names would collide (a.txt and a.md, or two folders'
// a.txt) keep their extension, then get a number: a.yaml, a.md.yaml,
// a~2.yaml. With prune, fact files of inputs no longer there are removed,
// so that --check compares with exactly what --update wrote.
type dirSink struct {
	dir, format string
	prune       bool
	written     map[string]bool
}

func (s *dirSink) write(r result) error {
	path, err := outPath(s.dir, r.item.Rel, s.format)
	if err != nil {
		return err
	}
	if s.written == nil {
		s.written = map[string]bool{}
	}
	if s.written[path] {
		base := strings.TrimSuffix(path, "."+s.format)
		path = base + filepath.Ext(r.item.Rel) + "." + s.format
		for n := 2; s.written[path]; n++ {
			path = fmt.Sprintf("%s~%d.%s", base, n, s.format)
		}
	}
	s.written[path] = true
	var buf bytes.Buffer
	w, err := factfile.NewWriter(&buf, s.format)
	if err != nil {
		return err
	}
	if err := w.Write(r.doc); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func (s *dirSink) close() (bool, error) {
	if !s.prune {
		return false, nil
	}
	err := filepath.WalkDir(s.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != s.dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || s.written[path] || !slices.Contains(factfile.Extensions(), filepath.Ext(path)) {
			return nil
		}
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("remove stale %s: %w", path, err)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	return false, nil
}

// outPath maps an input's relative path to its fact file under dir; it
// never leaves dir.
func outPath(dir, rel, format string) (string, error) {
	rel = filepath.Clean(filepath.FromSlash(rel))
	if rel == "." || rel == "" {
		rel = "stdin"
	}
	if !filepath.IsLocal(rel) {
		rel = strings.Map(func(r rune) rune {
			if r == filepath.Separator || r == '.' || r == ':' {
				return '_'
			}
			return r
		}, rel)
	}
	ext := filepath.Ext(rel)
	if ext != "" && len(ext) <= 5 {
		rel = strings.TrimSuffix(rel, ext)
	}
	return filepath.Join(dir, rel+"."+format), nil
}

// checkSink compares the new facts with the stored ones.
type checkSink struct {
	o    *extractOptions
	docs []extract.Document
}

func (s *checkSink) write(r result) error {
	s.docs = append(s.docs, r.doc)
	return nil
}

func (s *checkSink) close() (bool, error) {
	old, err := factfile.ReadDir(s.o.Check)
	if err != nil {
		return false, err
	}
	if s.o.elsewhere != nil {
		// a shard answers for its own inputs: the facts stored for
		// those of other shards are theirs to check
		old = slices.DeleteFunc(old, func(d extract.Document) bool { return s.o.elsewhere[d.Source] })
	}
	res := factfile.Diff(old, s.docs)
	if res.Empty() {
		return false, nil
	}
	if err := factfile.WriteText(s.o.IO.Out, res); err != nil {
		return true, err
	}
	fmt.Fprintf(s.o.IO.Err, "factx: facts differ from %s (rewrite them with --check %s --update)\n", s.o.Check, s.o.Check)
	return true, nil
}
