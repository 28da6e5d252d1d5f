package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
)

// readAudit reads and decodes the audit record name names; a nil audit
// comes with the exit status.
func readAudit(e env, c command, name string) (*audit.Audit, int) {
	prefix := "ismsaudit " + c.name
	data, err := readInput(e, name)
	if err != nil {
		fmt.Fprintln(e.stderr, prefix+":", err)
		return nil, cli.Usage
	}
	a, err := audit.Decode(data)
	if err != nil {
		printDecodeError(e.stderr, prefix, name, err)
		return nil, cli.Usage
	}
	return a, cli.OK
}

// readSoA reads and decodes the Statement of Applicability name names,
// with prefix before messages; a nil SoA comes with the exit status.
func readSoA(e env, prefix, name string) (*annexa.SoA, int) {
	data, err := readInput(e, name)
	if err != nil {
		fmt.Fprintln(e.stderr, prefix+":", err)
		return nil, cli.Usage
	}
	soa, err := annexa.DecodeSoA(data)
	if err != nil {
		printDecodeError(e.stderr, prefix, name, err)
		return nil, cli.Usage
	}
	return soa, cli.OK
}

// inputName names a file argument in messages.
func inputName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}

// printProblems prints what went wrong on standard error: every problem
// of a *ismsaudit.ValidationError on its own line, any other error as it
// is.
func printProblems(e env, what string, err error) {
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) && len(ve.Fields) > 0 {
		fmt.Fprintf(e.stderr, "%s: %d %s:\n", what, len(ve.Fields), plural(len(ve.Fields), "problem", "problems"))
		for _, f := range ve.Fields {
			fmt.Fprintf(e.stderr, "  %s", formatViolation(violation{Path: f.Path, Rule: string(f.Rule), Value: f.Value, Detail: f.Detail}))
		}
		return
	}
	fmt.Fprintf(e.stderr, "%s: %v\n", what, err)
}

// writeOrRefuse writes what write makes to standard output, or, when the
// library refuses, nothing there and every problem to standard error
// (exit status 1).
func writeOrRefuse(e env, c command, write func(io.Writer) error) int {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		printProblems(e, "ismsaudit "+c.name+": refused", err)
		return cli.Failed
	}
	return output(e, buf.String())
}
