package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/mod/sumdb/note"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/programme"
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
	recipient := fs.String("recipient", "", "render the copy for this recipient of the report's distribution record (by name): evidence above their clearance by reference only")
	soaFile := fs.String("soa", "", "for a programme report: the Statement of Applicability (JSON) coverage is measured against")
	pos, code, goOn := parseAtLeast(fs, args, 1, true, "FILE or - (standard input)")
	if !goOn {
		return code
	}
	verifiers, err := readAllKeys(e, keys)
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit report:", err)
		return cli.Usage
	}
	data, err := readInput(e, pos[0])
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit report:", err)
		return cli.Usage
	}
	if documentKind(data) == "programme" {
		return programmeReport(e, data, pos, programmeReportFlags{format: format.value, at: at, draft: *draft, soa: *soaFile})
	}
	if len(pos) > 1 {
		fmt.Fprintf(e.stderr, "ismsaudit report: unexpected argument %q (audit records follow a programme only)\n", pos[1])
		return cli.Usage
	}
	if *soaFile != "" {
		fmt.Fprintln(e.stderr, "ismsaudit report: -soa is for a programme report only")
		return cli.Usage
	}
	if *recipient != "" && *draft {
		fmt.Fprintln(e.stderr, "ismsaudit report: -recipient takes a final report: it cannot be given with -draft")
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
	r, code := auditReport(e, "ismsaudit report", a, opts, *recipient)
	if r == nil {
		return code
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
	return output(e, buf.String())
}

// output writes the rendered text to standard output.
func output(e env, text string) int {
	out := bufio.NewWriter(e.stdout)
	_, err := out.WriteString(text)
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit report:", err)
		return cli.Failed
	}
	return cli.OK
}

// programmeReportFlags are the report flags a programme report uses.
type programmeReportFlags struct {
	format string
	at     timeFlag
	draft  bool
	soa    string
}

// programmeFormats are the formats of a programme report.
var programmeFormats = map[string]report.Format{
	"markdown": report.Markdown,
	"html":     report.HTML,
	"json":     report.JSON,
	"csv":      report.CSV,
}

// programmeReport renders the status report of the programme in data from
// the audit records named in pos[1:].
func programmeReport(e env, data []byte, pos []string, f programmeReportFlags) int {
	format, ok := programmeFormats[f.format]
	if !ok {
		fmt.Fprintf(e.stderr, "ismsaudit report: -format %q has no programme report (valid for a programme: markdown, html, json, csv)\n", f.format)
		return cli.Usage
	}
	p, err := programme.Decode(data)
	if err != nil {
		printDecodeError(e.stderr, "ismsaudit report", pos[0], err)
		return cli.Usage
	}
	var audits []*audit.Audit
	for _, name := range pos[1:] {
		data, err := readInput(e, name)
		if err != nil {
			fmt.Fprintln(e.stderr, "ismsaudit report:", err)
			return cli.Usage
		}
		a, err := audit.Decode(data)
		if err != nil {
			printDecodeError(e.stderr, "ismsaudit report", name, err)
			return cli.Usage
		}
		audits = append(audits, a)
	}
	opts := &report.ProgrammeReportOptions{AsOf: f.at.t, Draft: f.draft}
	if f.soa != "" {
		data, err := readInput(e, f.soa)
		if err != nil {
			fmt.Fprintln(e.stderr, "ismsaudit report:", err)
			return cli.Usage
		}
		soa, err := annexa.DecodeSoA(data)
		if err != nil {
			printDecodeError(e.stderr, "ismsaudit report", f.soa, err)
			return cli.Usage
		}
		opts.SoA = soa
	}
	r, err := report.BuildProgrammeReport(p, audits, opts)
	if err != nil {
		var ue *report.UnverifiedError
		if errors.As(err, &ue) {
			fmt.Fprintf(e.stderr, "ismsaudit report: programme %s or its audit records do not verify (%d %s); fix them or pass -draft:\n",
				p.ID, len(ue.Err.Fields), plural(len(ue.Err.Fields), "violation", "violations"))
			for _, f := range ue.Err.Fields {
				fmt.Fprintf(e.stderr, "  %s", formatViolation(violation{Path: f.Path, Rule: string(f.Rule), Value: f.Value, Detail: f.Detail}))
			}
			return cli.Failed
		}
		fmt.Fprintln(e.stderr, "ismsaudit report:", err)
		return cli.Failed
	}
	var buf strings.Builder
	if err := report.WriteProgrammeReport(&buf, r, format); err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit report:", err)
		return cli.Failed
	}
	return output(e, buf.String())
}

// distributedTo returns the recipient of the audit's report with the given
// name, from its distribution record.
func distributedTo(a *audit.Audit, name string) (audit.Recipient, bool) {
	if a.Report != nil {
		for _, d := range a.Report.Distribution {
			if d.Recipient.Name == name {
				return d.Recipient, true
			}
		}
	}
	return audit.Recipient{}, false
}

// recipientNames lists the recipients of the audit's report, in the
// distribution record's order, each once.
func recipientNames(a *audit.Audit) []string {
	var names []string
	if a.Report != nil {
		for _, d := range a.Report.Distribution {
			if !slices.Contains(names, d.Recipient.Name) {
				names = append(names, d.Recipient.Name)
			}
		}
	}
	if len(names) == 0 {
		return []string{"none: the report was not distributed"}
	}
	return names
}
