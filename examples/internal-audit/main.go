// Command internal-audit runs a whole internal audit of the built-in
// sample organisation, Northwind Analytics Ltd, through the audit
// operations, from the first contact and the plan to the verification of
// the last corrective action and the closing of the audit, and prints the
// audit report.
//
// Usage:
//
//	go run ./examples/internal-audit [-format markdown|html|json|oscal]
//
// -format is markdown (the default), html (one self-contained printable
// page), json (the report model) or oscal (the report as an OSCAL 1.1.2
// Assessment Results document). An unknown value prints a message on
// stderr and exits with status 2. The program reads no files and no clock:
// every time comes from the sample story, and the output is the same on
// every run.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
	"github.com/ismsaudit/ismsaudit/report"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// formats are the -format values and how each writes the report.
var formats = map[string]func(io.Writer, *report.AuditReport) error{
	"markdown": func(w io.Writer, r *report.AuditReport) error { return report.WriteAuditReport(w, r, report.Markdown) },
	"html":     func(w io.Writer, r *report.AuditReport) error { return report.WriteAuditReport(w, r, report.HTML) },
	"json":     func(w io.Writer, r *report.AuditReport) error { return report.WriteAuditReport(w, r, report.JSON) },
	"oscal":    report.AssessmentResults,
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := cli.NewFlagSet("internal-audit", "Runs the sample internal audit from initiation to closed follow-up and writes its report.", stderr)
	format := fs.String("format", "markdown", "output format: markdown|html|json|oscal")
	if code, goOn := cli.Parse(fs, args); !goOn {
		return code
	}
	write, ok := formats[*format]
	if !ok {
		fmt.Fprintf(stderr, "internal-audit: unknown -format %q (valid: markdown, html, json, oscal)\n", *format)
		return 2
	}
	story := sample.InternalAudit()
	a, err := sample.Conduct(story)
	if err != nil {
		fmt.Fprintln(stderr, "internal-audit:", err)
		return 1
	}
	r, err := report.BuildAuditReport(a, &report.AuditReportOptions{AsOf: story.Closed})
	if err != nil {
		fmt.Fprintln(stderr, "internal-audit:", err)
		return 1
	}
	out := bufio.NewWriter(stdout)
	err = write(out, r)
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintln(stderr, "internal-audit:", err)
		return 1
	}
	return 0
}
