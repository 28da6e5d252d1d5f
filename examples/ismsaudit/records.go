package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/report"
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

// auditReport builds the report of audit a with opts, and the copy for
// the named recipient of its distribution when recipient is not empty; a
// nil report comes with the exit status, after the refusal (every
// violation of a record that does not verify) on standard error.
func auditReport(e env, prefix string, a *audit.Audit, opts *report.AuditReportOptions, recipient string) (*report.AuditReport, int) {
	r, err := report.BuildAuditReport(a, opts)
	if err != nil {
		var ue *report.UnverifiedError
		if errors.As(err, &ue) {
			fmt.Fprintf(e.stderr, "%s: audit %s does not verify (%d %s); fix the record or pass -draft:\n",
				prefix, a.ID, len(ue.Err.Fields), plural(len(ue.Err.Fields), "violation", "violations"))
			for _, v := range violations(ue.Err, audit.LookupRule) {
				fmt.Fprintf(e.stderr, "  %s", formatViolation(v))
			}
			return nil, cli.Failed
		}
		printProblems(e, prefix, err)
		return nil, cli.Failed
	}
	if recipient == "" {
		return r, cli.OK
	}
	rec, ok := distributedTo(a, recipient)
	if !ok {
		fmt.Fprintf(e.stderr, "%s: unknown -recipient %q (valid: %s)\n", prefix, recipient, strings.Join(recipientNames(a), ", "))
		return nil, cli.Usage
	}
	if r, err = report.RecipientCopy(r, rec); err != nil {
		fmt.Fprintln(e.stderr, prefix+":", err)
		return nil, cli.Failed
	}
	return r, cli.OK
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
