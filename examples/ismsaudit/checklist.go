package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
	"github.com/ismsaudit/ismsaudit/report"
)

// checklistKinds are the audit kinds the checklist's -kind flag accepts.
var checklistKinds = []annexa.AuditKind{annexa.Stage1, annexa.Stage2, annexa.Surveillance, annexa.Recertification, annexa.Internal, annexa.SecondParty}

// catalogues are the catalogues, in the order the usage lists them.
var catalogues = []struct {
	name  string
	write func(io.Writer) error
}{
	{"controls", report.ControlsCSV},
	{"clauses", report.ClausesCSV},
	{"map2013", report.Map2013CSV},
}

// runChecklist does what go run ./examples/checklist does, with the same
// flags and output.
func runChecklist(e env, args []string) int {
	c := lookup("checklist")
	fs := newFlagSet(c, e.stderr)
	kindFlag := fs.String("kind", "stage2", "audit kind: stage1|stage2|surveillance|recertification|internal|second-party")
	formatFlag := fs.String("format", "markdown", "output format: markdown|csv|json")
	catalogueFlag := fs.String("catalogue", "", "print a catalogue as CSV instead: controls|clauses|map2013")
	if _, code, goOn := parse(fs, args, 0, "no argument"); !goOn {
		return code
	}
	if *catalogueFlag != "" {
		return writeCatalogue(e, "ismsaudit checklist: unknown -catalogue", *catalogueFlag)
	}
	kind, err := annexa.ParseAuditKind(*kindFlag)
	if err != nil || kind == annexa.Special {
		fmt.Fprintf(e.stderr, "ismsaudit checklist: unknown -kind %q (valid: stage1, stage2, surveillance, recertification, internal, second-party)\n", *kindFlag)
		return cli.Usage
	}
	format, err := report.ParseFormat(*formatFlag)
	if err != nil {
		fmt.Fprintf(e.stderr, "ismsaudit checklist: unknown -format %q (valid: markdown, csv, json)\n", *formatFlag)
		return cli.Usage
	}
	opts := annexa.ChecklistOptions{Kind: kind}
	if kind == annexa.Surveillance {
		// This year's surveillance samples the access-control family, as
		// in examples/checklist.
		opts.Filter = annexa.Filter{Attributes: []annexa.Attribute{annexa.IdentityAndAccessManagement}}
	}
	cl, err := annexa.NewChecklist(sample.SoA(), opts)
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit checklist:", err)
		return cli.Failed
	}
	out := bufio.NewWriter(e.stdout)
	return finish(e, "ismsaudit checklist", report.WriteChecklist(out, cl, format), out)
}

// runCatalogue prints the named catalogue as CSV.
func runCatalogue(e env, args []string) int {
	c := lookup("catalogue")
	fs := newFlagSet(c, e.stderr)
	pos, code, goOn := parse(fs, args, 1, "a catalogue name: controls, clauses or map2013")
	if !goOn {
		return code
	}
	return writeCatalogue(e, "ismsaudit catalogue: unknown catalogue", pos[0])
}

// writeCatalogue writes the named catalogue, or says which names are valid.
func writeCatalogue(e env, unknown, name string) int {
	for _, c := range catalogues {
		if c.name == name {
			out := bufio.NewWriter(e.stdout)
			return finish(e, "ismsaudit catalogue", c.write(out), out)
		}
	}
	fmt.Fprintf(e.stderr, "%s %q (valid: controls, clauses, map2013)\n", unknown, name)
	return cli.Usage
}

// finish flushes the output and turns an error into exit status 1.
func finish(e env, prefix string, err error, out *bufio.Writer) int {
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintln(e.stderr, prefix+":", err)
		return cli.Failed
	}
	return cli.OK
}
