package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/report"
	"github.com/ismsaudit/ismsaudit/report/sheet"
)

// The soa command's subcommands, for their flag sets and usage.
var (
	soaImport = command{name: "soa import", args: "[flags] FILE|-",
		summary: "Reads a Statement of Applicability from a CSV file or an XLSX workbook (header row: " + strings.Join(sheet.SoAHeader(), ",") +
			") and prints it as a JSON document; -edition 2013 reads one written against ISO/IEC 27001:2013 and carries it to 2022, listing on standard error what the carrying did and the controls left to decide (exit 1 while any are)."}
	soaExport = command{name: "soa export", args: "[flags] FILE|-",
		summary: "Writes a Statement of Applicability JSON document as CSV, XLSX (binary: redirect it to a file), Markdown or HTML."}
)

// soaExportFormats are the formats of soa export, in the order the usage
// lists them.
var soaExportFormats = []string{"csv", "xlsx", "markdown", "html"}

// runSoA runs soa import or soa export.
func runSoA(e env, args []string) int {
	c := lookup("soa")
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "ismsaudit soa: missing subcommand (valid: import, export)")
		fmt.Fprintln(e.stderr, "run 'ismsaudit soa -h' for usage")
		return cli.Usage
	}
	switch args[0] {
	case "import":
		return runSoAImport(e, args[1:])
	case "export":
		return runSoAExport(e, args[1:])
	case "-h", "-help", "--help":
		fmt.Fprintf(e.stderr, "usage: ismsaudit soa %s\n\n%s\n\nsubcommands:\n  import %s\n\t%s\n  export %s\n\t%s\n\nexit status: 0 done, 1 controls left undecided or a failed write, 2 unreadable input or bad command line\n",
			c.args, c.summary, soaImport.args, soaImport.summary, soaExport.args, soaExport.summary)
		return cli.OK
	}
	fmt.Fprintf(e.stderr, "ismsaudit soa: unknown subcommand %q (valid: import, export)\n", args[0])
	return cli.Usage
}

func runSoAImport(e env, args []string) int {
	fs := newFlagSet(soaImport, e.stderr)
	edition := newChoice("2022", "2022", "2013")
	fs.Var(edition, "edition", "the edition of ISO/IEC 27001 the SoA was written against: 2022|2013")
	format := newChoice("", "csv", "xlsx")
	fs.Var(format, "format", "the file's format: csv|xlsx (default: xlsx for a .xlsx file, else csv)")
	org := fs.String("organization", "", "the organization the SoA belongs to (default: the workbook's, none for CSV)")
	version := fs.String("version", "", "the SoA's version (default: the workbook's, none for CSV)")
	reportFile := fs.String("report", "", "with -edition 2013, also write the carry report as JSON to this file")
	pos, code, goOn := parse(fs, args, 1, "FILE or - (standard input)")
	if !goOn {
		return code
	}
	const prefix = "ismsaudit soa import"
	if *reportFile != "" && edition.value != "2013" {
		fmt.Fprintf(e.stderr, "%s: -report needs -edition 2013\n", prefix)
		return cli.Usage
	}
	f := sheet.Format(format.value)
	if f == "" {
		f = sheet.CSV
		if strings.EqualFold(filepath.Ext(pos[0]), ".xlsx") {
			f = sheet.XLSX
		}
	}
	data, err := readInput(e, pos[0])
	if err != nil {
		fmt.Fprintln(e.stderr, prefix+":", err)
		return cli.Usage
	}
	var soa *annexa.SoA
	var carried *annexa.CarryReport
	if edition.value == "2013" {
		soa, carried, err = sheet.ReadSoA2013(bytes.NewReader(data), f)
	} else {
		soa, err = sheet.ReadSoA(bytes.NewReader(data), f)
	}
	if err != nil {
		printImportError(e, prefix, pos[0], err)
		return cli.Usage
	}
	if *org != "" {
		soa.Organization = *org
	}
	if *version != "" {
		soa.Version = *version
	}
	out, err := json.MarshalIndent(soa, "", "  ")
	if err != nil {
		fmt.Fprintln(e.stderr, prefix+":", err)
		return cli.Failed
	}
	if code := output(e, string(out)+"\n"); code != cli.OK {
		return code
	}
	if carried == nil {
		return cli.OK
	}
	printCarryReport(e, prefix, carried)
	if *reportFile != "" {
		rep, err := json.MarshalIndent(carried, "", "  ")
		if err == nil {
			err = os.WriteFile(*reportFile, append(rep, '\n'), 0o644)
		}
		if err != nil {
			fmt.Fprintln(e.stderr, prefix+":", err)
			return cli.Failed
		}
	}
	if len(carried.Undecided()) > 0 {
		return cli.Failed
	}
	return cli.OK
}

// printImportError lists every problem of a sheet on standard error.
func printImportError(e env, prefix, name string, err error) {
	if name == "-" {
		name = "standard input"
	}
	var ie *sheet.ImportError
	if errors.As(err, &ie) {
		fmt.Fprintf(e.stderr, "%s: %s is not a valid Statement of Applicability: %d %s\n", prefix, name, len(ie.Problems), plural(len(ie.Problems), "problem", "problems"))
		for _, p := range ie.Problems {
			fmt.Fprintf(e.stderr, "  %s\n", p)
		}
		if ie.Has(0, sheet.RuleSoAEdition) {
			fmt.Fprintf(e.stderr, "%s: give -edition 2013 for an SoA written against ISO/IEC 27001:2013, -edition 2022 for one against 2022\n", prefix)
		}
		return
	}
	fmt.Fprintf(e.stderr, "%s: %s: %v\n", prefix, name, err)
}

// printCarryReport says on standard error what carrying a 2013 SoA did.
func printCarryReport(e env, prefix string, r *annexa.CarryReport) {
	fmt.Fprintf(e.stderr, "%s: carried to ISO/IEC 27001:2022: %d carried from one control, %d merged, %d in conflict, %d new\n", prefix,
		r.Count(annexa.CarryOne), r.Count(annexa.CarryMerged), r.Count(annexa.CarryConflict), r.Count(annexa.CarryNew))
	for _, c := range r.Controls {
		if !c.Outcome.Decided() {
			fmt.Fprintf(e.stderr, "  A.%s %s: %s\n", c.Control, c.Outcome, c.Detail)
		}
	}
	if n := len(r.Undecided()); n > 0 {
		fmt.Fprintf(e.stderr, "%s: %d %s to decide before the SoA is complete\n", prefix, n, plural(n, "control", "controls"))
	}
}

func runSoAExport(e env, args []string) int {
	fs := newFlagSet(soaExport, e.stderr)
	format := newChoice("csv", soaExportFormats...)
	fs.Var(format, "format", "output format: "+strings.Join(soaExportFormats, "|"))
	pos, code, goOn := parse(fs, args, 1, "FILE or - (standard input)")
	if !goOn {
		return code
	}
	const prefix = "ismsaudit soa export"
	soa, code := readSoA(e, prefix, pos[0])
	if soa == nil {
		return code
	}
	out := bufio.NewWriter(e.stdout)
	var err error
	switch format.value {
	case "csv":
		err = sheet.WriteSoA(out, soa, sheet.CSV)
	case "xlsx":
		err = sheet.WriteSoA(out, soa, sheet.XLSX)
	case "markdown":
		err = report.WriteSoA(out, soa, report.Markdown)
	case "html":
		err = report.WriteSoA(out, soa, report.HTML)
	}
	return finish(e, prefix, err, out)
}
