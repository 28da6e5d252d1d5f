package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/report"
)

// oscalDocuments are the oscal command's subcommands, in the order the
// usage lists them: the OSCAL 1.1.2 documents the library writes.
var oscalDocuments = []struct {
	name, args, summary string
	run                 func(e env, c command, args []string) int
}{
	{"catalog", "", "Writes the OSCAL catalog of ISO/IEC 27001:2022: clauses 4 to 10 and the Annex A controls, with ids, titles, themes and ISO/IEC 27002 attributes (no text of the standards).", runOSCALCatalog},
	{"profile", "-at RFC3339 SOA|-", "Writes the OSCAL profile of a Statement of Applicability (JSON): the applicable controls selected from the catalog, the exclusions with their justifications.", runOSCALProfile},
	{"plan", "AUDIT|-", "Writes the OSCAL assessment plan of an audit record's approved plan; a plan not approved is refused (exit 1).", runOSCALPlan},
	{"results", "[-at RFC3339] [-draft] AUDIT|-", "Writes the OSCAL assessment results of an audit record, importing its assessment plan (as report -format oscal does).", runOSCALReport},
	{"poam", "[-at RFC3339] [-draft] AUDIT|-", "Writes the OSCAL plan of action and milestones of an audit record's nonconformities (as report -format poam does).", runOSCALReport},
}

// oscalNames lists the subcommands.
func oscalNames() string {
	names := make([]string, len(oscalDocuments))
	for i, d := range oscalDocuments {
		names[i] = d.name
	}
	return strings.Join(names, ", ")
}

// runOSCAL runs oscal catalog, profile, plan, results or poam.
func runOSCAL(e env, args []string) int {
	c := lookup("oscal")
	if len(args) == 0 {
		fmt.Fprintf(e.stderr, "ismsaudit oscal: missing document (valid: %s)\n", oscalNames())
		fmt.Fprintln(e.stderr, "run 'ismsaudit oscal -h' for usage")
		return cli.Usage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		fmt.Fprintf(e.stderr, "usage: ismsaudit oscal %s\n\n%s\n\ndocuments:\n", c.args, c.summary)
		for _, d := range oscalDocuments {
			fmt.Fprintf(e.stderr, "  %s %s\n\t%s\n", d.name, d.args, d.summary)
		}
		fmt.Fprintln(e.stderr, "\nexit status: 0 written, 1 refused (a plan not approved, a record that does not verify), 2 unreadable input or bad command line")
		return cli.OK
	}
	for _, d := range oscalDocuments {
		if d.name == args[0] {
			sub := command{name: "oscal " + d.name, args: d.args, summary: d.summary}
			return d.run(e, sub, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "ismsaudit oscal: unknown document %q (valid: %s)\n", args[0], oscalNames())
	return cli.Usage
}

func runOSCALCatalog(e env, c command, args []string) int {
	fs := newFlagSet(c, e.stderr)
	if _, code, goOn := parse(fs, args, 0, "no arguments"); !goOn {
		return code
	}
	return writeOrRefuse(e, c, report.OSCALCatalog)
}

func runOSCALProfile(e env, c command, args []string) int {
	fs := newFlagSet(c, e.stderr)
	var at timeFlag
	fs.Var(&at, "at", "the time the profile is written as of (its last-modified), RFC 3339; required: a Statement of Applicability carries no date")
	pos, code, goOn := parse(fs, args, 1, "SOA or - (standard input)")
	if !goOn {
		return code
	}
	prefix := "ismsaudit " + c.name
	if at.t.IsZero() {
		fmt.Fprintf(e.stderr, "%s: missing -at (an RFC 3339 time such as 2026-03-31T17:00:00Z)\n", prefix)
		return cli.Usage
	}
	soa, code := readSoA(e, prefix, pos[0])
	if soa == nil {
		return code
	}
	return writeOrRefuse(e, c, func(w io.Writer) error { return report.OSCALProfile(w, soa, at.t) })
}

func runOSCALPlan(e env, c command, args []string) int {
	fs := newFlagSet(c, e.stderr)
	pos, code, goOn := parse(fs, args, 1, "AUDIT or - (standard input)")
	if !goOn {
		return code
	}
	a, code := readAudit(e, c, pos[0])
	if a == nil {
		return code
	}
	return writeOrRefuse(e, c, func(w io.Writer) error { return report.AssessmentPlan(w, a) })
}

// runOSCALReport writes the assessment results or the POA&M of an audit
// record's report.
func runOSCALReport(e env, c command, args []string) int {
	fs := newFlagSet(c, e.stderr)
	var at timeFlag
	fs.Var(&at, "at", "the time the report speaks as of, RFC 3339 (default: the record's latest history entry)")
	draft := fs.Bool("draft", false, "write the document of a record that does not verify as a draft listing its violations, instead of refusing it")
	pos, code, goOn := parse(fs, args, 1, "AUDIT or - (standard input)")
	if !goOn {
		return code
	}
	a, code := readAudit(e, c, pos[0])
	if a == nil {
		return code
	}
	r, code := auditReport(e, "ismsaudit "+c.name, a, &report.AuditReportOptions{AsOf: at.t, Draft: *draft}, "")
	if r == nil {
		return code
	}
	write := report.AssessmentResults
	if c.name == "oscal poam" {
		write = report.PlanOfActionAndMilestones
	}
	return writeOrRefuse(e, c, func(w io.Writer) error { return write(w, r) })
}
