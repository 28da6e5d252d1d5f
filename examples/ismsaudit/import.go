package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/report"
)

// runImportResults reads another tool's OSCAL assessment results and
// collects its observations into an audit record as evidence items, all
// or none, then prints the updated record.
func runImportResults(e env, args []string) int {
	c := lookup("import-results")
	fs := newFlagSet(c, e.stderr)
	var at timeFlag
	fs.Var(&at, "at", "when the items are logged, RFC 3339 (required): not before any observation was collected")
	by := fs.String("by", "", "who logs the items (required), e.g. the auditor who ran or received the scan")
	prefix := fs.String("prefix", "", "put before each observation's uuid to make the item's id, e.g. SCAN-")
	var confidentialities []string
	for c := range audit.Confidentialities() {
		confidentialities = append(confidentialities, string(c))
	}
	conf := newChoice(string(audit.ConfidentialityInternal), confidentialities...)
	fs.Var(conf, "confidentiality", "who may see the items: "+strings.Join(confidentialities, "|"))
	tool := fs.String("tool", "", "the tool's name, for observations whose origins name none")
	var supports listFlag
	fs.Var(&supports, "supports", "a criterion (A.8.8, 9.2, document:ID) for observations no finding relates to one; may be repeated")
	pos, code, goOn := parse(fs, args, 2, "AUDIT and RESULTS (files, or - for standard input)")
	if !goOn {
		return code
	}
	if at.t.IsZero() || strings.TrimSpace(*by) == "" {
		fmt.Fprintln(e.stderr, "ismsaudit import-results: -at and -by are required: when and by whom the items are logged")
		return cli.Usage
	}
	if pos[0] == "-" && pos[1] == "-" {
		fmt.Fprintln(e.stderr, "ismsaudit import-results: only one of AUDIT and RESULTS can be standard input")
		return cli.Usage
	}
	opts := &report.OSCALImportOptions{Prefix: *prefix, Confidentiality: audit.Confidentiality(conf.value), Tool: *tool}
	for _, s := range supports {
		ref, err := annexa.ParseRef(s)
		if err != nil {
			fmt.Fprintf(e.stderr, "ismsaudit import-results: -supports %q: %v\n", s, err)
			return cli.Usage
		}
		opts.DefaultSupports = append(opts.DefaultSupports, ref)
	}

	record, err := readInput(e, pos[0])
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit import-results:", err)
		return cli.Usage
	}
	a, err := audit.Decode(record)
	if err != nil {
		printDecodeError(e.stderr, "ismsaudit import-results", pos[0], err)
		return cli.Usage
	}
	results, err := readInput(e, pos[1])
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit import-results:", err)
		return cli.Usage
	}
	// The document is checked on its own first: a document that cannot be
	// read is a bad input (2), an import the audit refuses a failed one (1).
	if _, err := report.ReadOSCALAssessmentResults(bytes.NewReader(results), opts); err != nil {
		printProblems(e, "ismsaudit import-results: "+inputName(pos[1])+" is not OSCAL assessment results this program can import", err)
		return cli.Usage
	}
	m := ismsaudit.Meta{At: at.t, By: strings.TrimSpace(*by)}
	ids, err := report.ImportOSCALAssessmentResults(a, bytes.NewReader(results), opts, m)
	if err != nil {
		printProblems(e, "ismsaudit import-results: audit "+string(a.ID)+" refused the import; nothing was collected", err)
		return cli.Failed
	}
	out, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit import-results:", err)
		return cli.Failed
	}
	if code := output(e, string(out)+"\n"); code != cli.OK {
		return code
	}
	fmt.Fprintf(e.stderr, "ismsaudit import-results: collected %d %s into audit %s, to be verified by an auditor\n", len(ids), plural(len(ids), "item", "items"), a.ID)
	return cli.OK
}
