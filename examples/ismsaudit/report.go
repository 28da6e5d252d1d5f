package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/mod/sumdb/note"

	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/report"
)

// reportFormats are the -format values of report, in the order the usage
// lists them, and how each writes the report.
var reportFormats = []struct {
	name  string
	write func(io.Writer, *report.AuditReport) error
}{
	{"markdown", func(w io.Writer, r *report.AuditReport) error { return report.WriteAuditReport(w, r, report.Markdown) }},
	{"html", func(w io.Writer, r *report.AuditReport) error { return report.WriteAuditReport(w, r, report.HTML) }},
	{"json", func(w io.Writer, r *report.AuditReport) error { return report.WriteAuditReport(w, r, report.JSON) }},
	{"csv", func(w io.Writer, r *report.AuditReport) error { return report.WriteAuditReport(w, r, report.CSV) }},
	{"oscal", report.AssessmentResults},
	{"poam", report.PlanOfActionAndMilestones},
	{"actions", report.WriteNonconformityActions},
	{"seal", report.WriteAuditSeal},
}

func runReport(e env, args []string) int {
	c := lookup("report")
	fs := newFlagSet(c, e.stderr)
	names := make([]string, len(reportFormats))
	for i, f := range reportFormats {
		names[i] = f.name
	}
	format := newChoice("markdown", names...)
	fs.Var(format, "format", "output format: markdown|html|json|csv (the findings register)|oscal (OSCAL assessment results)|poam (OSCAL plan of action and milestones)|actions (nonconformity actions, CSV)|seal (the record's seal, CSV)")
	var at timeFlag
	fs.Var(&at, "at", "the time the report speaks as of, RFC 3339 (default: the record's latest history entry)")
	draft := fs.Bool("draft", false, "render a record that does not verify as a draft listing its violations, instead of refusing it")
	var keys listFlag
	fs.Var(&keys, "key", "a file of trusted public keys, one a line: the report shows the seal's signers they verify; repeat for more files")
	pos, code, goOn := parse(fs, args, 1, "FILE or - (standard input)")
	if !goOn {
		return code
	}
	var verifiers []note.Verifier
	for _, name := range keys {
		vs, err := readKeys(e, name)
		if err != nil {
			fmt.Fprintln(e.stderr, "ismsaudit report:", err)
			return cli.Usage
		}
		verifiers = append(verifiers, vs...)
	}
	data, err := readInput(e, pos[0])
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit report:", err)
		return cli.Usage
	}
	a, err := audit.Decode(data)
	if err != nil {
		printDecodeError(e.stderr, "ismsaudit report", pos[0], err)
		return cli.Usage
	}
	opts := &report.AuditReportOptions{AsOf: at.t, Draft: *draft}
	if len(keys) > 0 {
		sigs, err := a.VerifySignatures(note.VerifierList(verifiers...))
		if err != nil {
			fmt.Fprintln(e.stderr, "ismsaudit report: the signatures do not verify:", err)
			return cli.Failed
		}
		opts.Signatures = sigs
	}
	r, err := report.BuildAuditReport(a, opts)
	if err != nil {
		var ue *report.UnverifiedError
		if errors.As(err, &ue) {
			fmt.Fprintf(e.stderr, "ismsaudit report: audit %s does not verify (%d %s); fix the record or pass -draft:\n",
				a.ID, len(ue.Err.Fields), plural(len(ue.Err.Fields), "violation", "violations"))
			for _, v := range violations(ue.Err, audit.LookupRule) {
				fmt.Fprintf(e.stderr, "  %s", formatViolation(v))
			}
			return cli.Failed
		}
		fmt.Fprintln(e.stderr, "ismsaudit report:", err)
		return cli.Failed
	}
	var write func(io.Writer, *report.AuditReport) error
	for _, f := range reportFormats {
		if f.name == format.value {
			write = f.write
		}
	}
	// The renderers write nothing when they refuse a report; buffer so
	// that no partial output reaches stdout on a write error either.
	var buf strings.Builder
	if err := write(&buf, r); err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit report:", err)
		return cli.Failed
	}
	out := bufio.NewWriter(e.stdout)
	_, err = out.WriteString(buf.String())
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit report:", err)
		return cli.Failed
	}
	return cli.OK
}
