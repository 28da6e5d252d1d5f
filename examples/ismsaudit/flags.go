package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
)

// newFlagSet returns the flag set of command c, whose messages and usage
// go to stderr.
func newFlagSet(c command, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("ismsaudit "+c.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: ismsaudit %s %s\n\n%s\n", c.name, c.args, c.summary)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(stderr, "\nflags:")
			fs.PrintDefaults()
		}
		fmt.Fprintln(stderr, "\nexit status: 0 done, 1 violations or failed checks, 2 unreadable input or bad command line")
	}
	return fs
}

// lookup returns the command with the given name.
func lookup(name string) command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	panic("ismsaudit: no command " + name)
}

// parse parses args, whose flags may come before or after the positional
// arguments (as in "seal record.json -key keys.txt"), and returns the
// positional ones, of which there must be exactly want (at least want
// when more is true). It reports whether
// the command should go on; when it should not, code is the exit status:
// OK after -h, Usage after a bad flag or the wrong number of arguments.
func parse(fs *flag.FlagSet, args []string, want int, what string) (pos []string, code int, goOn bool) {
	return parseAtLeast(fs, args, want, false, what)
}

// parseAtLeast is parse, taking more than want arguments when more is true.
func parseAtLeast(fs *flag.FlagSet, args []string, want int, more bool, what string) (pos []string, code int, goOn bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, cli.OK, false
			}
			return nil, cli.Usage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		// A "--" stops flag parsing: everything after it is positional.
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if len(pos) < want || (len(pos) > want && !more) {
		if len(pos) < want {
			fmt.Fprintf(fs.Output(), "%s: missing %s\n", fs.Name(), what)
		} else {
			fmt.Fprintf(fs.Output(), "%s: unexpected argument %q (the command takes %s)\n", fs.Name(), pos[want], what)
		}
		fmt.Fprintf(fs.Output(), "run '%s -h' for usage\n", fs.Name())
		return nil, cli.Usage, false
	}
	return pos, cli.OK, true
}

// readInput reads the named file, or standard input for "-".
func readInput(e env, name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(e.stdin)
	}
	return os.ReadFile(name)
}

// timeFlag is a flag holding an RFC 3339 time; zero when not given.
type timeFlag struct{ t time.Time }

func (f *timeFlag) String() string {
	if f.t.IsZero() {
		return ""
	}
	return f.t.Format(time.RFC3339)
}

func (f *timeFlag) Set(s string) error {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("not an RFC 3339 time such as 2026-03-31T17:00:00Z")
	}
	f.t = t
	return nil
}

// listFlag is a flag that may be given several times.
type listFlag []string

func (f *listFlag) String() string { return strings.Join(*f, ",") }

func (f *listFlag) Set(s string) error {
	*f = append(*f, s)
	return nil
}

// choiceFlag is a flag whose value is one of a fixed list.
type choiceFlag struct {
	value string
	valid []string
}

func newChoice(def string, valid ...string) *choiceFlag {
	return &choiceFlag{value: def, valid: valid}
}

func (f *choiceFlag) String() string {
	if f == nil {
		return ""
	}
	return f.value
}

func (f *choiceFlag) Set(s string) error {
	for _, v := range f.valid {
		if s == v {
			f.value = s
			return nil
		}
	}
	return fmt.Errorf("valid: %s", strings.Join(f.valid, ", "))
}
