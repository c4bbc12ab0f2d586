package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// profileFlag adds a hidden --cpuprofile FILE and --memprofile FILE to
// every command: speed is measured on the real binary over real folders,
// where a test benchmark cannot see the workers, the reading and the
// writing. The memory profile is written when the command ends and counts
// every allocation made (alloc_space), which is what the garbage
// collector pays for.
func profileFlag(root *cobra.Command) {
	var cpuPath, memPath string
	var file *os.File
	root.PersistentFlags().StringVar(&cpuPath, "cpuprofile", "", "write a CPU profile to this file (for `go tool pprof`)")
	root.PersistentFlags().StringVar(&memPath, "memprofile", "", "write an allocation profile to this file when done (for `go tool pprof`)")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	_ = root.PersistentFlags().MarkHidden("memprofile")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if cpuPath == "" {
			return nil
		}
		f, err := os.Create(cpuPath)
		if err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return fmt.Errorf("cpu profile %s: %w", cpuPath, err)
		}
		file = f
		return nil
	}
	root.PersistentPostRunE = func(cmd *cobra.Command, args []string) error {
		if file != nil {
			pprof.StopCPUProfile()
			if err := file.Close(); err != nil {
				return fmt.Errorf("cpu profile %s: %w", cpuPath, err)
			}
		}
		if memPath == "" {
			return nil
		}
		f, err := os.Create(memPath)
		if err != nil {
			return fmt.Errorf("memory profile: %w", err)
		}
		runtime.GC() // the profile counts what the last cycle saw
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			f.Close()
			return fmt.Errorf("memory profile %s: %w", memPath, err)
		}
		return f.Close()
	}
}
