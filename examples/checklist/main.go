// Command checklist prints an ISO/IEC 27001:2022 audit checklist for the
// built-in sample organisation, or one of the catalogues as CSV.
//
// Usage:
//
//	go run ./examples/checklist [-kind stage2] [-format markdown] [-catalogue controls|clauses|map2013]
//
// -kind is one of stage1, stage2, surveillance, recertification, internal,
// second-party; -format one of markdown, csv, json. -catalogue, when given,
// prints that catalogue as CSV instead of a checklist. Unknown values print
// a message on stderr and exit with status 2.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
	"github.com/ismsaudit/ismsaudit/report"
)

// kinds are the audit kinds the -kind flag accepts.
var kinds = []annexa.AuditKind{annexa.Stage1, annexa.Stage2, annexa.Surveillance, annexa.Recertification, annexa.Internal, annexa.SecondParty}

// catalogues maps -catalogue values to their writers.
var catalogues = map[string]func(io.Writer) error{
	"controls": report.ControlsCSV,
	"clauses":  report.ClausesCSV,
	"map2013":  report.Map2013CSV,
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := cli.NewFlagSet("checklist", "Prints the audit checklist for the sample organisation's Statement of Applicability, or a catalogue table.", stderr)
	kindFlag := fs.String("kind", "stage2", "audit kind: stage1|stage2|surveillance|recertification|internal|second-party")
	formatFlag := fs.String("format", "markdown", "output format: markdown|csv|json")
	catalogueFlag := fs.String("catalogue", "", "print a catalogue as CSV instead: controls|clauses|map2013")
	if code, goOn := cli.Parse(fs, args); !goOn {
		return code
	}
	out := bufio.NewWriter(stdout)
	if *catalogueFlag != "" {
		write, ok := catalogues[*catalogueFlag]
		if !ok {
			fmt.Fprintf(stderr, "checklist: unknown -catalogue %q (valid: controls, clauses, map2013)\n", *catalogueFlag)
			return 2
		}
		return finish(write(out), out, stderr)
	}
	kind, err := annexa.ParseAuditKind(*kindFlag)
	if err != nil || kind == annexa.Special {
		fmt.Fprintf(stderr, "checklist: unknown -kind %q (valid: stage1, stage2, surveillance, recertification, internal, second-party)\n", *kindFlag)
		return 2
	}
	format, err := report.ParseFormat(*formatFlag)
	if err != nil {
		fmt.Fprintf(stderr, "checklist: unknown -format %q (valid: markdown, csv, json)\n", *formatFlag)
		return 2
	}
	opts := annexa.ChecklistOptions{Kind: kind}
	if kind == annexa.Surveillance {
		// This year's surveillance samples the access-control family.
		opts.Filter = annexa.Filter{Attributes: []annexa.Attribute{annexa.IdentityAndAccessManagement}}
	}
	cl, err := annexa.NewChecklist(sample.SoA(), opts)
	if err != nil {
		fmt.Fprintln(stderr, "checklist:", err)
		return 1
	}
	return finish(report.WriteChecklist(out, cl, format), out, stderr)
}

// finish flushes the output and turns an error into exit status 1.
func finish(err error, out *bufio.Writer, stderr io.Writer) int {
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintln(stderr, "checklist:", err)
		return 1
	}
	return 0
}
