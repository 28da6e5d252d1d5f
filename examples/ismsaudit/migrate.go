package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/programme"
	"github.com/ismsaudit/ismsaudit/report"
)

// decoders read each document kind, to check a migrated document.
var decoders = map[ismsaudit.DocumentKind]func([]byte) error{
	ismsaudit.KindAudit:           func(b []byte) error { _, err := audit.Decode(b); return err },
	ismsaudit.KindProgramme:       func(b []byte) error { _, err := programme.Decode(b); return err },
	ismsaudit.KindSoA:             func(b []byte) error { _, err := annexa.DecodeSoA(b); return err },
	ismsaudit.KindChecklist:       func(b []byte) error { _, err := annexa.DecodeChecklist(b); return err },
	ismsaudit.KindAuditor:         func(b []byte) error { _, err := competence.DecodeAuditor(b); return err },
	ismsaudit.KindAuditReport:     func(b []byte) error { _, err := report.DecodeAuditReport(b); return err },
	ismsaudit.KindProgrammeReport: func(b []byte) error { _, err := report.DecodeProgrammeReport(b); return err },
	ismsaudit.KindPool:            func(b []byte) error { _, err := competence.DecodePool(b); return err },
}

// kindNames lists the document kinds for messages.
func kindNames() string {
	var names []string
	for k := range ismsaudit.DocumentKinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

func runMigrate(e env, args []string) int {
	c := lookup("migrate")
	fs := newFlagSet(c, e.stderr)
	kindFlag := fs.String("kind", "", "the document's kind, needed for a document written before documents carried one when it is neither an audit record nor a programme: "+strings.ReplaceAll(kindNames(), ", ", "|"))
	pos, code, goOn := parse(fs, args, 1, "FILE or - (standard input)")
	if !goOn {
		return code
	}
	var want ismsaudit.DocumentKind
	if *kindFlag != "" {
		k, err := ismsaudit.ParseDocumentKind(*kindFlag)
		if err != nil {
			fmt.Fprintf(e.stderr, "ismsaudit migrate: unknown -kind %q (valid: %s)\n", *kindFlag, kindNames())
			return cli.Usage
		}
		want = k
	}
	data, err := readInput(e, pos[0])
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit migrate:", err)
		return cli.Usage
	}
	env, err := ismsaudit.ReadEnvelope(data)
	if err != nil {
		printMigrateError(e, pos[0], err)
		return cli.Usage
	}
	kind := env.Kind
	switch {
	case kind == "" && want != "":
		kind = want
	case kind == "":
		kind = guessKind(data)
	case want != "" && want != kind:
		fmt.Fprintf(e.stderr, "ismsaudit migrate: the document is a %q, not a %q\n", kind, want)
		return cli.Usage
	}
	if kind == "" {
		fmt.Fprintf(e.stderr, "ismsaudit migrate: the document names no kind: give -kind (valid: %s)\n", kindNames())
		return cli.Usage
	}
	out, err := ismsaudit.Migrate(kind, data)
	if err == nil {
		err = decoders[kind](out)
	}
	if err != nil {
		printMigrateError(e, pos[0], err)
		return cli.Usage
	}
	// The migration inserts the envelope without touching the rest;
	// indenting the whole document again changes no value.
	var buf bytes.Buffer
	if err := json.Indent(&buf, bytes.TrimSpace(out), "", "  "); err != nil {
		printMigrateError(e, pos[0], err)
		return cli.Usage
	}
	buf.WriteByte('\n')
	return output(e, buf.String())
}

// guessKind tells an audit record or a programme written before
// documents carried their kind by the fields only each has; "" otherwise.
func guessKind(data []byte) ismsaudit.DocumentKind {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return ""
	}
	has := func(names ...string) bool {
		for _, n := range names {
			if _, ok := top[n]; !ok {
				return false
			}
		}
		return true
	}
	switch {
	case has("auditee", "history", "createdAt"):
		return ismsaudit.KindAudit
	case has("extent", "matrix", "history"):
		return ismsaudit.KindProgramme
	}
	return ""
}

// printMigrateError says why a document cannot be migrated.
func printMigrateError(e env, name string, err error) {
	if name == "-" {
		name = "standard input"
	}
	var ve *ismsaudit.VersionError
	var ke *ismsaudit.KindError
	switch {
	case errors.As(err, &ve):
		vs := make([]string, len(ve.Supported))
		for i, v := range ve.Supported {
			vs[i] = v.String()
		}
		fmt.Fprintf(e.stderr, "ismsaudit migrate: %s is a %q document in format version %d, which this version does not read (supported: %s)\n", name, ve.Kind, ve.Found, strings.Join(vs, ", "))
	case errors.As(err, &ke):
		fmt.Fprintf(e.stderr, "ismsaudit migrate: %s is a %q, not a %q\n", name, ke.Found, ke.Want)
	default:
		printDecodeError(e.stderr, "ismsaudit migrate", name, err)
	}
}
