// Command store shows how a GRC host keeps audit records in a database
// with package refstore: it runs the sample internal audit of Northwind
// Analytics Ltd to its close (sealed), saves it, has two holders change it
// at once (the second, saving a stale revision, is refused and saves again
// after reloading, so no update is lost), keeps the seal's head and
// signatures where a save cannot rewrite them, refuses a record that
// contradicts them, and answers a programme manager's questions across the
// stored audits.
//
// Usage:
//
//	go run ./examples/store [-db FILE | -pg DSN]
//
// By default the store is a new SQLite database in a temporary directory
// (pure Go: nothing to install), whose path the program prints; -db names
// the SQLite file instead and -pg a PostgreSQL connection string
// ("postgres://user@host:5432/db" or "host=... dbname=..."). The database
// must not hold the sample audit yet. Apart from the database's path the
// output is the same on every run: every time comes from the sample story
// and the signing keys from fixed seeds.
//
// Exit status: 0 done, 1 failed (the database could not be used), 2 bad
// command line.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
	"github.com/ismsaudit/ismsaudit/examples/store/refstore"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := cli.NewFlagSet("store", "Saves the sample audit to a database, shows a stale save refused and the seal's heads kept, and answers a programme manager's queries.", stderr)
	db := fs.String("db", "", "SQLite database `file` (default: a new one in a temporary directory)")
	pg := fs.String("pg", "", "PostgreSQL connection string `DSN` (instead of SQLite)")
	if code, goOn := cli.Parse(fs, args); !goOn {
		return code
	}
	if *db != "" && *pg != "" {
		fmt.Fprintln(stderr, "store: -db and -pg exclude each other: give one (or neither, for a new SQLite database)")
		fs.Usage()
		return cli.Usage
	}
	out := bufio.NewWriter(stdout)
	err := demo(context.Background(), out, *db, *pg)
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintln(stderr, "store:", err)
		return cli.Failed
	}
	return cli.OK
}

func open(ctx context.Context, w io.Writer, db, pg string) (*refstore.Store, error) {
	if pg != "" {
		fmt.Fprintln(w, "store: PostgreSQL")
		return refstore.OpenPostgres(ctx, pg)
	}
	if db == "" {
		dir, err := os.MkdirTemp("", "ismsaudit-store-")
		if err != nil {
			return nil, err
		}
		db = filepath.Join(dir, "audits.db")
	}
	fmt.Fprintf(w, "store: SQLite database %s\n", db)
	return refstore.OpenSQLite(ctx, db)
}

func demo(ctx context.Context, w io.Writer, db, pg string) error {
	a, err := sample.Conduct(sample.InternalAudit())
	if err != nil {
		return fmt.Errorf("running the sample audit: %w", err)
	}
	s, err := open(ctx, w, db, pg)
	if err != nil {
		return err
	}
	defer s.Close()

	// The first save of a new audit is against revision 0.
	rev, err := s.Save(ctx, a, 0)
	if ce := (*refstore.ConflictError)(nil); errors.As(err, &ce) {
		return fmt.Errorf("the database already holds audit %s (revision %d): give a new database", ce.Audit, ce.Found)
	}
	if err != nil {
		return err
	}
	version, ok, err := s.FormatVersion(ctx, a.ID)
	if err != nil {
		return err
	}
	if !ok {
		version = "none in the document"
	}
	head, _ := a.Seal.Last()
	fmt.Fprintf(w, "\nSaved %s audit %s of %s (%s) as revision %d; format version: %s.\n", a.Kind, a.ID, a.Auditee, a.State, rev, version)
	fmt.Fprintf(w, "Seal head %d kept in the append-only table: %s\n", head.Number, head.Head)

	// Two holders load the same revision and sign the seal's head.
	lead, err := exampleSigner("northwind-audit-lead")
	if err != nil {
		return err
	}
	reviewer, err := exampleSigner("northwind-quality-review")
	if err != nil {
		return err
	}
	first, rev1, err := s.Load(ctx, a.ID)
	if err != nil {
		return err
	}
	second, _, err := s.Load(ctx, a.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nTwo holders load revision %d and sign seal head %d:\n", rev1, head.Number)
	if err := first.SignSeal(lead); err != nil {
		return err
	}
	rev2, err := s.Save(ctx, first, rev1)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  %s saves against revision %d: revision %d\n", lead.Name(), rev1, rev2)
	if err := second.SignSeal(reviewer); err != nil {
		return err
	}
	_, err = s.Save(ctx, second, rev1)
	var ce *refstore.ConflictError
	if !errors.As(err, &ce) {
		return fmt.Errorf("a stale save was not refused: %v", err)
	}
	fmt.Fprintf(w, "  %s saves against revision %d: refused (*refstore.ConflictError), the store holds revision %d\n", reviewer.Name(), ce.Expected, ce.Found)
	again, rev, err := s.Load(ctx, a.ID)
	if err != nil {
		return err
	}
	if err := again.SignSeal(reviewer); err != nil {
		return err
	}
	rev3, err := s.Save(ctx, again, rev)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  %s loads revision %d, signs again and saves: revision %d\n", reviewer.Name(), rev, rev3)
	final, rev, err := s.Load(ctx, a.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  revision %d carries both signatures: %s\n", rev, strings.Join(final.Seal.Signers(head.Number), " and "))

	// The head as the store keeps it, and a record that contradicts it.
	n, err := s.Note(ctx, a.ID, head.Number)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nSeal head %d's signed note, rebuilt from the append-only tables:\n", head.Number)
	for line := range strings.Lines(string(n)) {
		fmt.Fprintf(w, "  | %s", line)
	}
	forged := *final
	forgedSeal := *final.Seal
	forgedSeal.Heads = append([]audit.SealHead(nil), final.Seal.Heads...)
	forgedSeal.Heads[0].Head = strings.Repeat("0", 64)
	forged.Seal = &forgedSeal
	_, err = s.Save(ctx, &forged, rev)
	var he *refstore.HeadError
	if !errors.As(err, &he) {
		return fmt.Errorf("a record contradicting a stored head was not refused: %v", err)
	}
	fmt.Fprintf(w, "A record with seal head %d's hash rewritten: refused (*refstore.HeadError), the stored head %.16s... kept.\n", he.Number, he.Stored)

	// A programme manager's questions, asked when the audit closed.
	closed := a.History[len(a.History)-1].At
	fmt.Fprintf(w, "\nQueries across the stored audits, on %s:\n", closed.Format(time.DateOnly))
	open, err := s.OpenNonconformities(ctx, annexa.Ref{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  open nonconformities by criterion: %d\n", len(open))
	for _, nc := range open {
		fmt.Fprintf(w, "    %-14s %s %s %s (%s)\n", nc.Criterion, nc.Audit, nc.Finding, nc.Grade, nc.Auditee)
	}
	var recorded int
	for range a.Nonconformities() {
		recorded++
	}
	if len(open) == 0 {
		fmt.Fprintf(w, "    (the audit's %d nonconformities all have their corrective actions verified and closed)\n", recorded)
	}
	overdue, err := s.OverdueActions(ctx, closed)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  overdue corrective actions: %d\n", len(overdue))
	for _, o := range overdue {
		fmt.Fprintf(w, "    %s %s due %s (%s)\n", o.Audit, o.Finding, o.DueAt.Format(time.DateOnly), o.State)
	}
	from, to := refstore.Quarter(a.Plan.Content.Start)
	due, err := s.AuditsDue(ctx, from, to)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  audits planned in %d-Q%d (%s to %s): %d\n", from.Year(), (from.Month()-1)/3+1, from.Format(time.DateOnly), to.AddDate(0, 0, -1).Format(time.DateOnly), len(due))
	for _, d := range due {
		fmt.Fprintf(w, "    %s %s of %s, %s to %s, %s, revision %d\n", d.Audit, d.Kind, d.Auditee, d.Start.Format(time.DateOnly), d.End.Format(time.DateOnly), d.State, d.Revision)
	}
	return nil
}

// exampleSigner returns a signer whose key is derived from a fixed seed,
// so that the output is the same on every run. A host keeps its signing
// keys in its key store.
func exampleSigner(name string) (note.Signer, error) {
	seed := sha256.Sum256([]byte("ismsaudit example key " + name))
	skey, _, err := note.GenerateKey(bytes.NewReader(seed[:]), name)
	if err != nil {
		return nil, err
	}
	return note.NewSigner(skey)
}
