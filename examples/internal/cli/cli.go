// Package cli holds what every example program does with its command line,
// following the conventions of the Go tools: -h and -help print the usage
// to standard error and exit 0; an unknown flag, a bad value or a stray
// argument prints a message naming what is valid and exits 2.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// The exit codes every example program documents.
const (
	// OK: the program did its job (or printed its usage for -h).
	OK = 0
	// Failed: the program could not do its job (a write error, a record
	// that does not conform where conformance is the answer).
	Failed = 1
	// Usage: the command line was wrong.
	Usage = 2
)

// NewFlagSet returns a flag set for the program name whose messages go to
// stderr and whose usage starts with the one-line summary.
func NewFlagSet(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s [flags]\n\n%s\n", name, summary)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(stderr, "\nflags:")
			fs.PrintDefaults()
		}
		fmt.Fprintln(stderr, "\nexit status: 0 done, 1 failed, 2 bad command line")
	}
	return fs
}

// Parse parses args. It reports whether the program should go on; when it
// should not, code is the exit status: OK after -h or -help, Usage after an
// unknown flag, a malformed value or a positional argument (the programs
// take none).
func Parse(fs *flag.FlagSet, args []string) (code int, goOn bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return OK, false
		}
		return Usage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q (the command takes none)\n", fs.Name(), fs.Arg(0))
		return Usage, false
	}
	return OK, true
}
