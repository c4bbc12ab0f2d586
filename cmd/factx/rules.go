package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/factx/factx/extract"
	"github.com/factx/factx/lang"
	"github.com/factx/factx/rules"
)

// rulesCheckOptions is what `factx rules check` verifies.
type rulesCheckOptions struct {
	IO   *IO
	Dirs []string
}

func newCmdRules(ios *IO, runF func(context.Context, *rulesCheckOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Work with rules files",
	}
	opts := &rulesCheckOptions{IO: ios}
	check := &cobra.Command{
		Use:   "check [DIR...]",
		Short: "Load the rules strictly and run every example they carry",
		Long: `Load the built-in rules and each DIR on top of them (as --rules does), report
every problem with its file and line, and run every rule example, counter-example
and claim example through the extractor. Use it while writing your own rules.

Exit codes:
  0  the rules load and every example reads as stated
  1  some example failed (each is printed with its file and line)
  2  the rules do not load`,
		Example: `  factx rules check
  factx rules check my-rules/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dirs = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRulesCheck(opts)
		},
	}
	cmd.AddCommand(check)
	return cmd
}

func runRulesCheck(o *rulesCheckOptions) error {
	var set *rules.Set
	var err error
	if len(o.Dirs) == 0 {
		// strict: every language compiled and every error reported
		set, err = rules.Load(nil, nil)
		if err != nil {
			return &exitError{code: exitUsage, msg: "rules:\n" + err.Error()}
		}
	} else if set, err = loadRules(o.Dirs); err != nil {
		return err
	}
	x := extract.New(set, lang.NewDetector())
	failed, ruleCount, claimCount := 0, 0, 0
	for _, code := range set.Codes() {
		l := set.Lang(code)
		ruleCount += len(l.Rules)
		claimCount += len(l.ClaimExamples)
		for _, f := range x.CheckExamples(code) {
			fmt.Fprintln(o.IO.Out, f)
			failed++
		}
	}
	if failed > 0 {
		return &exitError{code: exitFailed, msg: fmt.Sprintf("%d examples failed", failed)}
	}
	fmt.Fprintf(o.IO.Out, "ok: %d languages, %d rules, %d claim examples\n", len(set.Codes()), ruleCount, claimCount)
	return nil
}
