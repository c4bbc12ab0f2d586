// Command factx turns news articles in Russian, Kazakh and English into
// normalized, dated numeric facts.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
)

// Exit codes, documented in --help and the README.
const (
	exitOK      = 0 // every input done
	exitFailed  = 1 // some input failed, or differences were found
	exitUsage   = 2 // bad flags or arguments, unreadable rules
	exitTrouble = 2 // diff: a file could not be read
)

func main() {
	if os.Getenv("GOMEMLIMIT") == "" && os.Getenv("GOGC") == "" {
		// factx keeps about 50 MB live over any number of articles (the
		// rules' programs and automata): the soft limit holds a long run
		// under it, and, with the limit there, the heap may grow freely
		// before it, so a short run collects little or no garbage
		debug.SetMemoryLimit(120 << 20)
		debug.SetGCPercent(400)
	}
	os.Exit(run(context.Background(), systemIO()))
}

// run executes the command line and maps its outcome to an exit code,
// printing any error once.
func run(ctx context.Context, ios *IO) int {
	cmd := newRootCmd(ios)
	cmd.SetArgs(ios.Args)
	err := cmd.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(ios.Err, "factx: "+ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(ios.Err, "factx: "+err.Error())
	return exitUsage
}

// exitError carries an exit code up to run; msg may be empty when the
// details were already printed.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }
