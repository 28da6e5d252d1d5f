package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/report"
	"github.com/ismsaudit/ismsaudit/report/sheet"
)

// runFieldwork exports the checklist of an audit record for offline
// fieldwork (export), or records a filled one in the record (import).
func runFieldwork(e env, args []string) int {
	c := lookup("fieldwork")
	if len(args) > 0 {
		switch args[0] {
		case "export":
			return runFieldworkExport(e, command{name: "fieldwork export", args: "[flags] AUDIT|-", summary: "Writes the checklist of the audit record as a workbook (or CSV) to fill in offline, to standard output."}, args[1:])
		case "import":
			return runFieldworkImport(e, command{name: "fieldwork import", args: "[flags] AUDIT FILLED",
				summary: "Records the results of a filled checklist (XLSX or CSV) in the audit record, all or none, and prints the record."}, args[1:])
		case "-h", "-help", "--help":
			newFlagSet(c, e.stderr).Usage()
			return cli.OK
		}
		fmt.Fprintf(e.stderr, "ismsaudit fieldwork: unknown subcommand %q (valid: export, import)\n", args[0])
		return cli.Usage
	}
	fmt.Fprintln(e.stderr, "ismsaudit fieldwork: missing subcommand (valid: export, import)")
	return cli.Usage
}

// runFieldworkExport writes the checklist workbook or CSV of an audit.
func runFieldworkExport(e env, c command, args []string) int {
	fs := newFlagSet(c, e.stderr)
	format := newChoice("xlsx", "xlsx", "csv")
	fs.Var(format, "format", "file format: xlsx (a protected workbook with a list of results) or csv")
	pos, code, goOn := parse(fs, args, 1, "AUDIT (a file, or - for standard input)")
	if !goOn {
		return code
	}
	a, code := readAudit(e, c, pos[0])
	if a == nil {
		return code
	}
	return writeOrRefuse(e, c, func(w io.Writer) error { return sheet.WriteFieldwork(w, a, sheet.Format(format.value)) })
}

// runFieldworkImport records a filled checklist in an audit record.
func runFieldworkImport(e env, c command, args []string) int {
	fs := newFlagSet(c, e.stderr)
	format := newChoice("auto", "auto", "xlsx", "csv")
	fs.Var(format, "format", "format of FILLED: auto (a workbook when it is one, else CSV), xlsx or csv")
	by := fs.String("by", "", "who records the results (required), e.g. the auditor who filled the checklist")
	var at timeFlag
	fs.Var(&at, "at", "when the results are recorded, RFC 3339 (default: the record's latest history entry)")
	pos, code, goOn := parse(fs, args, 2, "AUDIT and FILLED (files, or - for standard input)")
	if !goOn {
		return code
	}
	prefix := "ismsaudit " + c.name
	if strings.TrimSpace(*by) == "" {
		fmt.Fprintln(e.stderr, prefix+": -by is required: who records the results")
		return cli.Usage
	}
	if pos[0] == "-" && pos[1] == "-" {
		fmt.Fprintln(e.stderr, prefix+": only one of AUDIT and FILLED can be standard input")
		return cli.Usage
	}
	a, code := readAudit(e, c, pos[0])
	if a == nil {
		return code
	}
	filled, err := readInput(e, pos[1])
	if err != nil {
		fmt.Fprintln(e.stderr, prefix+":", err)
		return cli.Usage
	}
	m := ismsaudit.Meta{At: at.t, By: strings.TrimSpace(*by)}
	if m.At.IsZero() && len(a.History) > 0 {
		m.At = a.History[len(a.History)-1].At
	}
	f := sheet.CSV
	if format.value == "xlsx" || (format.value == "auto" && bytes.HasPrefix(filled, []byte("PK\x03\x04"))) {
		f = sheet.XLSX
	}
	applied, err := sheet.ReadFieldwork(bytes.NewReader(filled), f, a, m)
	if err != nil {
		var ie *sheet.ImportError
		if errors.As(err, &ie) {
			fmt.Fprintf(e.stderr, "%s: audit %s refused %s (%d %s); nothing was recorded:\n", prefix, a.ID, inputName(pos[1]),
				len(ie.Problems), plural(len(ie.Problems), "problem", "problems"))
			for _, p := range ie.Problems {
				fmt.Fprintf(e.stderr, "  %s\n", p)
			}
			return cli.Failed
		}
		printProblems(e, prefix+": audit "+string(a.ID)+" refused the results; nothing was recorded", err)
		return cli.Failed
	}
	out, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		fmt.Fprintln(e.stderr, prefix+":", err)
		return cli.Failed
	}
	if code := output(e, string(out)+"\n"); code != cli.OK {
		return code
	}
	fmt.Fprintf(e.stderr, "%s: audit %s: %d assessed, %d not audited, %d unchanged, %d rows left blank, %d items not in the file\n",
		prefix, a.ID, applied.Assessed, applied.NotAudited, applied.Unchanged, applied.Blank, applied.Absent)
	return cli.OK
}

// runWorkbook writes the audit workbook of an audit record: findings
// register, nonconformity actions and evidence log.
func runWorkbook(e env, args []string) int {
	c := lookup("workbook")
	fs := newFlagSet(c, e.stderr)
	var at timeFlag
	fs.Var(&at, "at", "the time the workbook speaks as of (overdue actions), RFC 3339 (default: the record's latest history entry)")
	draft := fs.Bool("draft", false, "write the workbook of a record that does not verify, marked as a draft, instead of refusing it")
	recipient := fs.String("recipient", "", "write the copy for this recipient of the report's distribution record (by name): evidence above their clearance by reference only")
	showRestricted := fs.Bool("show-restricted", false, "show restricted evidence in full (by default by reference only)")
	pos, code, goOn := parse(fs, args, 1, "AUDIT (a file, or - for standard input)")
	if !goOn {
		return code
	}
	prefix := "ismsaudit " + c.name
	if *recipient != "" && *draft {
		fmt.Fprintln(e.stderr, prefix+": -recipient takes a final report: it cannot be given with -draft")
		return cli.Usage
	}
	a, code := readAudit(e, c, pos[0])
	if a == nil {
		return code
	}
	r, code := auditReport(e, prefix, a, &report.AuditReportOptions{AsOf: at.t, Draft: *draft}, *recipient)
	if r == nil {
		return code
	}
	return writeOrRefuse(e, c, func(w io.Writer) error {
		return sheet.WriteAuditWorkbook(w, r, &sheet.WorkbookOptions{ShowRestricted: *showRestricted})
	})
}
