package refstore

import (
	"context"
	"database/sql"
	_ "embed" // the schema files
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
)

var (
	//go:embed schema.sql
	schemaSQL string
	//go:embed append_only_sqlite.sql
	appendOnlySQLite string
	//go:embed append_only_postgres.sql
	appendOnlyPostgres string
)

// Schema returns the SQL schema shared by both databases (schema.sql).
func Schema() string { return schemaSQL }

// Store keeps audit records in a SQLite or PostgreSQL database. It is safe
// for concurrent use by several goroutines, and several Stores (in one
// process or many) may share one database.
type Store struct {
	db       *sql.DB
	postgres bool
}

// OpenSQLite opens (creating if needed) the SQLite database file at path
// and its schema. The database runs in WAL mode; transactions take the
// write lock at once and wait up to 10 s for it.
func OpenSQLite(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	return open(ctx, db, false)
}

// OpenPostgres connects to the PostgreSQL database the connection string
// names (a URL or key=value pairs, as libpq takes them) and creates the
// schema if needed.
func OpenPostgres(ctx context.Context, dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	return open(ctx, db, true)
}

func open(ctx context.Context, db *sql.DB, postgres bool) (*Store, error) {
	s := &Store{db: db, postgres: postgres}
	if err := s.createSchema(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("refstore: creating the schema: %w", err)
	}
	return s, nil
}

func (s *Store) createSchema(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	appendOnly := appendOnlySQLite
	if s.postgres {
		// Stores opening one database at once create its schema in turn.
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(27007)"); err != nil {
			return err
		}
		appendOnly = appendOnlyPostgres
	}
	for _, script := range []string{schemaSQL, appendOnly} {
		if _, err := tx.ExecContext(ctx, script); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// DB returns the store's database handle, for a host's own queries.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// timeFormat is how the store writes times: UTC, fixed width, so that they
// compare as text in both databases.
const timeFormat = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: t.UTC().Format(timeFormat), Valid: true}
}

func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid {
		return time.Time{}, nil
	}
	return time.Parse(timeFormat, s.String)
}

// formatVersion returns the format version the document's envelope
// carries (ismsaudit.ReadEnvelope, which reads only the document's first
// members), or NULL for a document without one (version 0).
func formatVersion(doc []byte) (sql.NullString, error) {
	env, err := ismsaudit.ReadEnvelope(doc)
	if err != nil || env.Version == 0 {
		return sql.NullString{}, err
	}
	return sql.NullString{String: env.Version.String(), Valid: true}, nil
}

// Save stores the audit in one transaction, against the revision the caller
// last loaded or saved (0 for an audit not stored yet), and returns the new
// revision (expected + 1).
//
// It refuses with a *ConflictError when the stored revision is not
// expected, and with a *HeadError when the record lacks a seal head the
// store holds or carries another hash under its number; either way nothing
// is changed. Otherwise it writes the document, adds the seal heads and
// signatures it has not seen (never changing one it has), and rebuilds the
// audit's rows in the query tables.
func (s *Store) Save(ctx context.Context, a *audit.Audit, expected int64) (revision int64, err error) {
	if a == nil || a.ID == "" {
		return 0, fmt.Errorf("refstore: %w: an audit with an id is needed", ismsaudit.ErrInvalid)
	}
	if expected < 0 {
		return 0, fmt.Errorf("refstore: %w: revision %d", ismsaudit.ErrInvalid, expected)
	}
	doc, err := json.Marshal(a)
	if err != nil {
		return 0, fmt.Errorf("refstore: encoding audit %q: %w", a.ID, err)
	}
	version, err := formatVersion(doc)
	if err != nil {
		return 0, fmt.Errorf("refstore: reading the format version of audit %q: %w", a.ID, err)
	}
	heads, err := headsOf(a)
	if err != nil {
		return 0, err
	}
	var start, end sql.NullString
	if a.Plan != nil {
		start, end = formatTime(a.Plan.Content.Start), formatTime(a.Plan.Content.End)
	}

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("refstore: saving audit %q: %w", a.ID, err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()

	// The row first: its write takes the lock (the row's in PostgreSQL, the
	// database's in SQLite) that orders concurrent saves of the audit.
	var res sql.Result
	if expected == 0 {
		res, err = tx.ExecContext(ctx, `INSERT INTO audits
			(id, revision, format_version, kind, auditee, state, plan_start, plan_end, document)
			VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8)
			ON CONFLICT (id) DO NOTHING`,
			string(a.ID), version, string(a.Kind), a.Auditee, string(a.State), start, end, string(doc))
	} else {
		res, err = tx.ExecContext(ctx, `UPDATE audits SET
			revision = revision + 1, format_version = $3, kind = $4, auditee = $5, state = $6,
			plan_start = $7, plan_end = $8, document = $9
			WHERE id = $1 AND revision = $2`,
			string(a.ID), expected, version, string(a.Kind), a.Auditee, string(a.State), start, end, string(doc))
	}
	if err != nil {
		return 0, fmt.Errorf("refstore: saving audit %q: %w", a.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("refstore: saving audit %q: %w", a.ID, err)
	}
	if n != 1 {
		var found int64
		err = tx.QueryRowContext(ctx, `SELECT revision FROM audits WHERE id = $1`, string(a.ID)).Scan(&found)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("refstore: saving audit %q: %w", a.ID, err)
		}
		err = &ConflictError{Audit: a.ID, Expected: expected, Found: found}
		return 0, err
	}

	if err = s.saveHeads(ctx, tx, a.ID, heads); err != nil {
		return 0, err
	}
	if err = s.saveIndex(ctx, tx, a); err != nil {
		return 0, fmt.Errorf("refstore: saving audit %q: %w", a.ID, err)
	}
	if err = tx.Commit(); err != nil {
		return 0, fmt.Errorf("refstore: saving audit %q: %w", a.ID, err)
	}
	return expected + 1, nil
}

// Load returns the stored audit, decoded with audit.Decode, and its
// revision. An audit not stored is a *ismsaudit.NotFoundError.
func (s *Store) Load(ctx context.Context, id ismsaudit.AuditID) (*audit.Audit, int64, error) {
	var (
		revision int64
		doc      []byte
	)
	err := s.db.QueryRowContext(ctx, `SELECT revision, document FROM audits WHERE id = $1`, string(id)).Scan(&revision, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, &ismsaudit.NotFoundError{Pkg: "refstore", Type: "audit", ID: string(id)}
	}
	if err != nil {
		return nil, 0, fmt.Errorf("refstore: loading audit %q: %w", id, err)
	}
	a, err := audit.Decode(doc)
	if err != nil {
		return nil, 0, fmt.Errorf("refstore: decoding audit %q revision %d: %w", id, revision, err)
	}
	return a, revision, nil
}

// FormatVersion returns the format version the stored audit's document
// carries, and false when it carries none.
func (s *Store) FormatVersion(ctx context.Context, id ismsaudit.AuditID) (string, bool, error) {
	var v sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT format_version FROM audits WHERE id = $1`, string(id)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, &ismsaudit.NotFoundError{Pkg: "refstore", Type: "audit", ID: string(id)}
	}
	if err != nil {
		return "", false, fmt.Errorf("refstore: audit %q: %w", id, err)
	}
	return v.String, v.Valid, nil
}
