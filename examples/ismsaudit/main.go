// Command ismsaudit works on stored ISMS audit records for auditors,
// scripts and hosts not written in Go: it verifies a record against the
// process rules, checks its seal and signatures, renders its report, and
// prints checklists and catalogues.
//
// Usage:
//
//	go run ./examples/ismsaudit <command> [flags] [arguments]
//
// The commands:
//
//	verify FILE|-      check an audit record (or a programme) against the
//	                   process rules: [-at RFC3339] [-format text|json]
//	seal FILE|-        check a record's seal and its signatures with the
//	                   public keys given: [-key KEYFILE]... [-format text|json]
//	report FILE|-      render an audit record's report: [-format
//	                   markdown|html|json|csv|oscal|poam|actions|seal]
//	                   [-at RFC3339] [-draft] [-key KEYFILE]... [-recipient NAME]
//	report PROGRAMME AUDIT...
//	                   render a programme's status report from its audit
//	                   records: [-format markdown|html|json|csv] [-soa FILE]
//	                   [-at RFC3339] [-draft]
//	checklist          print the sample organisation's audit checklist, as
//	                   go run ./examples/checklist does, with its flags
//	catalogue NAME     print a catalogue as CSV: controls|clauses|map2013
//	schema KIND        print the JSON Schema of a document kind: audit,
//	                   programme, soa, checklist, auditor, audit-report,
//	                   programme-report, pool
//	validate FILE|-... check documents of any kind against their kind's
//	                   JSON Schema, as a host in another language would:
//	                   [-format text|json]
//	migrate FILE|-     upgrade a stored document (any kind) to the current
//	                   format version and print it: [-kind KIND] for a
//	                   document written before documents named their kind
//	                   that is neither an audit record nor a programme
//	soa import FILE|-  read a Statement of Applicability from a CSV or
//	                   XLSX sheet and print it as JSON: [-format csv|xlsx]
//	                   [-edition 2022|2013] [-report FILE]
//	                   [-organization NAME] [-version V]
//	soa export FILE|-  write an SoA JSON document as a sheet or a page:
//	                   [-format csv|xlsx|markdown|html]
//	oscal DOCUMENT     write an OSCAL 1.1.2 document: catalog (ISO/IEC
//	                   27001:2022), profile -at RFC3339 SOA|- (of a
//	                   Statement of Applicability), plan AUDIT|- (the
//	                   assessment plan of an approved audit plan), results
//	                   and poam [-at RFC3339] [-draft] AUDIT|-
//	import-results AUDIT RESULTS
//	                   collect the observations of another tool's OSCAL
//	                   assessment results (a scanner's checks) into an
//	                   audit record as evidence items, collected and not
//	                   yet verified, all or none, and print the record:
//	                   -at RFC3339 -by NAME [-prefix P] [-confidentiality
//	                   C] [-tool NAME] [-supports REF]...; exit 1 when the
//	                   audit refuses the items, 2 when RESULTS is not
//	                   assessment results it can read
//	fieldwork export AUDIT|-
//	                   write the audit's checklist to fill in offline, to
//	                   standard output: [-format xlsx|csv]
//	fieldwork import AUDIT FILLED
//	                   record the results of a filled checklist (XLSX or
//	                   CSV) in the audit record, all or none, and print
//	                   the record: -by NAME [-at RFC3339] [-format
//	                   auto|xlsx|csv]; exit 1 with every problem (row,
//	                   column, item) on standard error when refused
//	workbook AUDIT|-   write the audit workbook (XLSX): findings register,
//	                   nonconformity actions, evidence log: [-at RFC3339]
//	                   [-draft] [-recipient NAME] [-show-restricted]
//	help [COMMAND]     print the usage of the command, or of this program
//
// FILE is a JSON document the library wrote (audit.Decode,
// programme.Decode), in any format version the library reads;
// "-" reads standard input. Results go to standard output, messages to
// standard error; the output is the same on every run for the same input.
// Run a command with -h for its flags.
//
// With no command, or "help", the program prints this usage on standard
// output and exits 0; -h prints it on standard error and exits 0, like the
// Go tools.
//
// Exit status: 0 the record conforms, the seal and signatures verify, or
// the output was written; 1 the record has violations, a check failed or
// the report was refused; 2 the input could not be read or decoded, or the
// command line was wrong (an unknown command or flag, a bad value), with
// the valid values named on standard error.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// command is one subcommand: its name, its one-line summary and what it runs.
type command struct {
	name    string
	args    string // the synopsis after the name, e.g. "[flags] FILE|-"
	summary string
	run     func(env env, args []string) int
}

// env is what a command reads from and writes to.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// commands are the subcommands, in the order the usage lists them.
var commands []command

func init() {
	commands = []command{
		{"verify", "[flags] FILE|-", "Checks an audit record (or a programme) against the process rules and prints every violation.", runVerify},
		{"seal", "[flags] FILE|-", "Checks an audit record's seal and its signatures with the public keys given.", runSeal},
		{"report", "[flags] FILE|- | PROGRAMME AUDIT...", "Renders the report of a stored audit record, or of a programme from its audit records; records that do not verify are refused unless -draft.", runReport},
		{"checklist", "[flags]", "Prints the audit checklist for the sample organisation's Statement of Applicability, or a catalogue table (as examples/checklist does).", runChecklist},
		{"catalogue", "controls|clauses|map2013", "Prints a catalogue of ISO/IEC 27001:2022 as CSV.", runCatalogue},
		{"schema", "KIND", "Prints the JSON Schema (draft 2020-12) of a document kind, for validating records in other languages.", runSchema},
		{"validate", "[flags] FILE|-...", "Validates documents against the JSON Schema of the kind each names, with an independent validator, and prints every value refused.", runValidate},
		{"migrate", "[flags] FILE|-", "Upgrades a stored document to the current format version and prints it.", runMigrate},
		{"soa", "import|export [flags] FILE|-", "Imports a Statement of Applicability from a CSV or XLSX sheet (also one written against ISO/IEC 27001:2013) as JSON, or exports one as CSV, XLSX, Markdown or HTML.", runSoA},
		{"oscal", "catalog|profile|plan|results|poam [flags] [FILE|-]", "Writes an OSCAL 1.1.2 document: the ISO/IEC 27001:2022 catalog, the profile of a Statement of Applicability, or the assessment plan, assessment results or POA&M of an audit record.", runOSCAL},
		{"import-results", "[flags] AUDIT RESULTS", "Collects the observations of another tool's OSCAL assessment results (a scanner's checks) into an audit record as evidence items, all or none, and prints the record.", runImportResults},
		{"fieldwork", "export|import [flags] AUDIT [FILLED]", "Exports the checklist of an audit record as a workbook (or CSV) to fill in offline, or records a filled one in the record, all or none, and prints the record.", runFieldwork},
		{"workbook", "[flags] AUDIT|-", "Writes the audit workbook (XLSX) of an audit record: findings register, nonconformity actions and evidence log.", runWorkbook},
		{"help", "[command]", "Prints the usage of a command, or of the program.", runHelp},
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stdout)
		return cli.OK
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		usage(stderr)
		return cli.OK
	}
	for _, c := range commands {
		if c.name == name {
			return c.run(e, args[1:])
		}
	}
	if strings.HasPrefix(name, "-") {
		fmt.Fprintf(stderr, "ismsaudit: unknown flag %q: flags follow the command (valid commands: %s)\n", name, commandNames())
	} else {
		fmt.Fprintf(stderr, "ismsaudit: unknown command %q (valid: %s)\n", name, commandNames())
	}
	fmt.Fprintln(stderr, "run 'ismsaudit help' for usage")
	return cli.Usage
}

// commandNames lists the commands for messages.
func commandNames() string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// usage prints the program's usage.
func usage(w io.Writer) {
	fmt.Fprint(w, "usage: ismsaudit <command> [flags] [arguments]\n\n")
	fmt.Fprint(w, "Verifies, checks the seal of and reports on stored ISMS audit records; prints checklists and catalogues.\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nFILE is a JSON record; - reads standard input. Run 'ismsaudit <command> -h' for a command's flags.\n")
	fmt.Fprint(w, "\nexit status: 0 done (conforms, verified), 1 violations or failed checks, 2 unreadable input or bad command line\n")
}

// runHelp prints the usage of a command, or of the program, on stdout.
func runHelp(e env, args []string) int {
	if len(args) == 0 {
		usage(e.stdout)
		return cli.OK
	}
	switch args[0] {
	case "-h", "-help", "--help":
		fmt.Fprint(e.stderr, "usage: ismsaudit help [command]\n\nPrints the usage of a command, or of the program, on standard output.\n")
		return cli.OK
	}
	if len(args) > 1 {
		fmt.Fprintf(e.stderr, "ismsaudit help: unexpected argument %q (give one command)\n", args[1])
		return cli.Usage
	}
	for _, c := range commands {
		if c.name == args[0] && c.name != "help" {
			return c.run(env{stdin: e.stdin, stdout: e.stdout, stderr: e.stdout}, []string{"-h"})
		}
	}
	if args[0] == "help" {
		usage(e.stdout)
		return cli.OK
	}
	fmt.Fprintf(e.stderr, "ismsaudit help: unknown command %q (valid: %s)\n", args[0], commandNames())
	return cli.Usage
}
