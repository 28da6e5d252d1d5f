// Package refstore is a reference store for audit records: how a GRC host
// can keep the audits of package audit in a real database without losing
// an update and without rewriting what a seal has bound. It is an example,
// not part of the library (which touches no disk); a host copies and adapts
// it.
//
// # Databases
//
// One schema (schema.sql) serves SQLite, through the pure-Go driver
// modernc.org/sqlite (OpenSQLite: nothing to install), and PostgreSQL,
// through github.com/jackc/pgx/v5's database/sql driver (OpenPostgres).
// Only the triggers that make the seal tables append-only differ
// (append_only_sqlite.sql, append_only_postgres.sql).
//
// # Records and revisions
//
// Store.Save keeps an audit as the JSON the library writes for it, with its
// id, a revision number and the format version its envelope carries
// (ismsaudit.ReadEnvelope; NULL for a version 0 document). Saving is optimistic:
// the caller passes the revision it loaded (0 for a new audit) and, in one
// transaction, the store updates the row only where it still has that
// revision. When another save came first, Save returns a *ConflictError
// (errors.Is ErrConflict) naming the audit and the revisions expected and
// found, and changes nothing; the caller loads again, reapplies its
// operation and saves again. Store.Load returns the audit (decoded with
// audit.Decode) and its revision.
//
// # Seal heads and signed checkpoints
//
// Every head of an audit's seal is kept once in seal_heads with its
// checkpoint text, and every signature line of its signed note in
// seal_signatures. The store only ever inserts into these tables, and
// triggers refuse UPDATE and DELETE (and TRUNCATE in PostgreSQL), so
// whoever saves the record cannot rewrite a head the store has seen: Save
// refuses, with a *HeadError (errors.Is ErrHeadContradicted), a record that
// lacks a stored head or carries a different hash under its number.
// Store.Note rebuilds head n's signed note from the stored rows alone.
//
// # Queries
//
// A programme manager's questions across audits are answered in SQL from
// index tables that Save rebuilds from the document in the same transaction
// (the document stays the record):
//   - Store.OpenNonconformities: the standing nonconformities whose
//     follow-up is not closed, for one criterion or all;
//   - Store.OverdueActions: the corrective actions not closed after their
//     due date at a given time, as audit.Audit.Overdue judges them;
//   - Store.AuditsDue: the audits whose plan (PlanContent.Start to End)
//     meets a period such as the quarter Quarter returns. Audits without a
//     plan have no dates yet and are not listed: a host that needs them
//     keeps its programme's schedule (programme.ScheduledAudit.Due) beside
//     them.
package refstore
