package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/factx/factx/extract/factfile"
)

// diffOptions is what `factx diff` compares and how it prints.
type diffOptions struct {
	IO       *IO
	Old, New string
	Format   string
}

func newCmdDiff(ios *IO, runF func(context.Context, *diffOptions) error) *cobra.Command {
	opts := &diffOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show which facts were added, removed or changed between two fact files or folders",
		Long: `Compare two fact files (YAML, JSON or JSON Lines, as factx writes them) or two
folders written with -o. Facts are paired by id, then by kind, value and unit,
so a fact whose metric or date changed shows as changed.

Exit codes, as diff(1):
  0  no differences
  1  differences
  2  trouble: a file could not be read (the message names file and line)`,
		Example: `  factx diff old.yaml new.yaml
  factx diff --format json facts-before/ facts-after/`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runDiff(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output: text, yaml or json")
	return cmd
}

func runDiff(o *diffOptions) error {
	if o.Format != "text" && o.Format != "yaml" && o.Format != "json" {
		return usage("--format %q: want text, yaml or json", o.Format)
	}
	old, err := factfile.Read(o.Old)
	if err != nil {
		return &exitError{code: exitTrouble, msg: err.Error()}
	}
	new, err := factfile.Read(o.New)
	if err != nil {
		return &exitError{code: exitTrouble, msg: err.Error()}
	}
	res := factfile.Diff(old, new)
	if o.Format == "text" {
		err = factfile.WriteText(o.IO.Out, res)
	} else {
		err = factfile.WriteStructured(o.IO.Out, res, o.Format)
	}
	if err != nil {
		return &exitError{code: exitTrouble, msg: fmt.Sprintf("write diff: %v", err)}
	}
	if !res.Empty() {
		return &exitError{code: exitFailed}
	}
	return nil
}
