package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/programme"
)

// verifyResult is what verify prints as JSON.
type verifyResult struct {
	// Document is "audit" or "programme".
	Document string `json:"document"`
	// ID is the record's id.
	ID string `json:"id"`
	// Copy is true for a recipient's copy of an audit record, which
	// withholds parts the process rules check: check it with seal.
	Copy bool `json:"copy,omitempty"`
	// Conforms is true when there is no violation.
	Conforms bool `json:"conforms"`
	// Violations lists every violation, in the order Verify found them.
	Violations []violation `json:"violations"`
}

// violation is one violation of a process rule, with the rule's clause.
type violation struct {
	Path   string `json:"path,omitempty"`
	Rule   string `json:"rule"`
	Clause string `json:"clause,omitempty"`
	Value  string `json:"value,omitempty"`
	Detail string `json:"detail,omitempty"`
}

func runVerify(e env, args []string) int {
	c := lookup("verify")
	fs := newFlagSet(c, e.stderr)
	var at timeFlag
	fs.Var(&at, "at", "the time rules that depend on the date are checked at, RFC 3339 (default: the record's latest history entry)")
	format := newChoice("text", "text", "json")
	fs.Var(format, "format", "output format: text|json")
	pos, code, goOn := parse(fs, args, 1, "FILE or - (standard input)")
	if !goOn {
		return code
	}
	data, err := readInput(e, pos[0])
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit verify:", err)
		return cli.Usage
	}
	res, err := verifyDocument(data, at.t)
	if err != nil {
		printDecodeError(e.stderr, "ismsaudit verify", pos[0], err)
		return cli.Usage
	}
	if res.Copy {
		fmt.Fprintf(e.stderr, "ismsaudit verify: %s is a recipient's copy, which withholds parts of the record the rules check; 'ismsaudit seal' checks a copy\n", res.ID)
	}
	if format.value == "json" {
		out, err := json.MarshalIndent(res, "", "  ")
		if err == nil {
			_, err = fmt.Fprintf(e.stdout, "%s\n", out)
		}
		if err != nil {
			fmt.Fprintln(e.stderr, "ismsaudit verify:", err)
			return cli.Failed
		}
	} else if err := writeViolations(e.stdout, res); err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit verify:", err)
		return cli.Failed
	}
	if !res.Conforms {
		return cli.Failed
	}
	return cli.OK
}

// verifyDocument decodes an audit record, or a programme when the
// document is one, and verifies it. The error is the decoder's.
func verifyDocument(data []byte, at time.Time) (verifyResult, error) {
	if documentKind(data) == "programme" {
		p, err := programme.Decode(data)
		if err != nil {
			return verifyResult{}, err
		}
		res := verifyResult{Document: "programme", ID: string(p.ID)}
		res.Violations = violations(programme.Verify(p), programme.LookupRule)
		res.Conforms = len(res.Violations) == 0
		return res, nil
	}
	a, err := audit.Decode(data)
	if err != nil {
		return verifyResult{}, err
	}
	res := verifyResult{Document: "audit", ID: string(a.ID), Copy: a.Seal != nil && a.Seal.IsCopy()}
	res.Violations = violations(audit.Verify(a, &audit.VerifyOptions{At: at}), audit.LookupRule)
	res.Conforms = len(res.Violations) == 0
	return res, nil
}

// documentKind tells an audit programme from an audit record: by the
// document's kind when it carries one ("documentKind"), otherwise by the
// fields only a programme has. It returns "programme" or "audit".
func documentKind(data []byte) string {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return "audit"
	}
	if raw, ok := top["documentKind"]; ok {
		var kind string
		if json.Unmarshal(raw, &kind) == nil && kind == "programme" {
			return "programme"
		}
		return "audit"
	}
	_, auditee := top["auditee"]
	_, extent := top["extent"]
	_, matrix := top["matrix"]
	if !auditee && (extent || matrix) {
		return "programme"
	}
	return "audit"
}

// violations lists the field errors of a Verify error with their rules'
// clauses. An error that is not a validation error becomes one violation
// with no path.
func violations(err error, lookupRule func(ismsaudit.RuleID) (ismsaudit.Rule, bool)) []violation {
	vs := []violation{}
	if err == nil {
		return vs
	}
	var ve *ismsaudit.ValidationError
	if !errors.As(err, &ve) {
		return append(vs, violation{Rule: "error", Detail: err.Error()})
	}
	for _, f := range ve.Fields {
		v := violation{Path: f.Path, Rule: string(f.Rule), Value: f.Value, Detail: f.Detail}
		if r, ok := lookupRule(f.Rule); ok {
			v.Clause = string(r.Clause)
			if v.Detail == "" {
				v.Detail = r.Text
			}
		}
		vs = append(vs, v)
	}
	return vs
}

// writeViolations writes the result as text: one line per violation,
// then a summary.
func writeViolations(w io.Writer, res verifyResult) error {
	sw := &stickyWriter{w: w}
	for _, v := range res.Violations {
		sw.printf("%s", formatViolation(v))
	}
	id := res.ID
	if id == "" {
		id = "(no id)"
	}
	if res.Conforms {
		sw.printf("%s %s conforms: no violation of the process rules\n", res.Document, id)
	} else {
		sw.printf("%s %s: %d %s\n", res.Document, id, len(res.Violations), plural(len(res.Violations), "violation", "violations"))
	}
	return sw.err
}

// formatViolation is one line: path, rule, clause, value and detail.
func formatViolation(v violation) string {
	path := v.Path
	if path == "" {
		path = "(record)"
	}
	s := path + ": " + v.Rule
	if v.Clause != "" {
		s += " (" + v.Clause + ")"
	}
	if v.Value != "" {
		s += fmt.Sprintf(" value %q", v.Value)
	}
	if v.Detail != "" {
		s += ": " + v.Detail
	}
	return s + "\n"
}

// printDecodeError explains why the input is not a record, one problem a
// line.
func printDecodeError(w io.Writer, prefix, name string, err error) {
	if name == "-" {
		name = "standard input"
	}
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) && len(ve.Fields) > 0 {
		fmt.Fprintf(w, "%s: %s is not a valid record:\n", prefix, name)
		for _, f := range ve.Fields {
			fmt.Fprintf(w, "  %s", formatViolation(violation{Path: f.Path, Rule: string(f.Rule), Value: f.Value, Detail: f.Detail}))
		}
		return
	}
	fmt.Fprintf(w, "%s: %s is not a valid record: %v\n", prefix, name, err)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// stickyWriter keeps the first write error.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) printf(format string, args ...any) {
	if s.err == nil {
		_, s.err = fmt.Fprintf(s.w, format, args...)
	}
}
