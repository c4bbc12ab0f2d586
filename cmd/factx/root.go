package main

import (
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/factx/factx/rules"
)

// IO is the command's world: arguments, streams and whether stdin,
// stdout and stderr are terminals. Tests build their own.
type IO struct {
	Args        []string
	In          io.Reader
	Out, Err    io.Writer
	StdinIsTTY  bool
	StdoutIsTTY bool
	StderrIsTTY bool
	// rules, when set, are the built-in rules already compiled, so that
	// tests compile them once; nil compiles them on every run.
	rules *rules.Set
}

func systemIO() *IO {
	return &IO{
		Args:        os.Args[1:],
		In:          os.Stdin,
		Out:         os.Stdout,
		Err:         os.Stderr,
		StdinIsTTY:  isTerminal(os.Stdin),
		StdoutIsTTY: isTerminal(os.Stdout),
		StderrIsTTY: isTerminal(os.Stderr),
	}
}

// isTerminal tells a terminal by its being a character device other than
// the null device, which is one too and where benchmarks send output.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(st, null)
}

const exitCodesHelp = `Exit codes:
  0  every input was read and processed (diff: no differences)
  1  some input failed; the others were still processed and printed
     (diff and --check: differences found)
  2  usage error, unreadable rules (diff: a file could not be read)`

func newRootCmd(ios *IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "factx",
		Short: "Extract dated numeric facts from news articles (Russian, Kazakh, English)",
		Long: `factx reads news articles in Russian, Kazakh and English and prints every
numeric claim in them as a normalized, dated fact in YAML: percentages, counts,
sums of money, multipliers and quantities, with the direction of change, the
bound, the metric measured and the date the claim refers to.

` + exitCodesHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.Err)
	profileFlag(root)
	root.AddCommand(newCmdExtract(ios, nil))
	root.AddCommand(newCmdDiff(ios, nil))
	root.AddCommand(newCmdRules(ios, nil))
	return root
}
