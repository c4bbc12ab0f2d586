package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// profileFlag adds a hidden --cpuprofile FILE to every command: speed is
// measured on the real binary over real folders, where a test benchmark
// cannot see the workers, the reading and the writing.
func profileFlag(root *cobra.Command) {
	var path string
	var file *os.File
	root.PersistentFlags().StringVar(&path, "cpuprofile", "", "write a CPU profile to this file (for `go tool pprof`)")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if path == "" {
			return nil
		}
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return fmt.Errorf("cpu profile %s: %w", path, err)
		}
		file = f
		return nil
	}
	root.PersistentPostRunE = func(cmd *cobra.Command, args []string) error {
		if file == nil {
			return nil
		}
		pprof.StopCPUProfile()
		return file.Close()
	}
}
