package refstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
)

// saveIndex rebuilds the audit's rows in the query tables from the record.
func (s *Store) saveIndex(ctx context.Context, tx *sql.Tx, a *audit.Audit) error {
	id := string(a.ID)
	for _, q := range []string{`DELETE FROM nonconformities WHERE audit_id = $1`, `DELETE FROM follow_ups WHERE audit_id = $1`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	for f := range a.Nonconformities() {
		open := 1
		if u, ok := a.FollowUpFor(f.ID); ok && u.State == audit.FollowUpClosed {
			open = 0
		}
		seen := map[annexa.Ref]bool{}
		for _, c := range f.Criteria {
			if seen[c] {
				continue
			}
			seen[c] = true
			_, err := tx.ExecContext(ctx, `INSERT INTO nonconformities (audit_id, finding, criterion, grade, open) VALUES ($1, $2, $3, $4, $5)`,
				id, string(f.ID), c.String(), string(f.Grade), open)
			if err != nil {
				return err
			}
		}
	}
	for _, u := range a.FollowUps {
		_, err := tx.ExecContext(ctx, `INSERT INTO follow_ups (audit_id, finding, state, due_at) VALUES ($1, $2, $3, $4)`,
			id, string(u.Finding), string(u.State), formatTime(u.DueAt))
		if err != nil {
			return err
		}
	}
	return nil
}

// OpenNonconformity is a standing nonconformity whose follow-up is not
// closed (or not yet started), under one of its criteria.
type OpenNonconformity struct {
	Audit     ismsaudit.AuditID
	Auditee   string
	Finding   audit.FindingID
	Criterion annexa.Ref
	Grade     audit.Grade
}

// OpenNonconformities returns the open nonconformities of every stored
// audit that cite the criterion, or, for the zero Ref, every open
// nonconformity once per criterion it cites; ordered by criterion, audit
// and finding. A nonconformity is open while it stands (audit.Finding's
// Standing) and its follow-up is not closed.
func (s *Store) OpenNonconformities(ctx context.Context, criterion annexa.Ref) ([]OpenNonconformity, error) {
	query := `SELECT n.audit_id, a.auditee, n.finding, n.criterion, n.grade
		FROM nonconformities n JOIN audits a ON a.id = n.audit_id
		WHERE n.open = 1`
	var args []any
	if criterion != (annexa.Ref{}) {
		query += ` AND n.criterion = $1`
		args = append(args, criterion.String())
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY n.criterion, n.audit_id, n.finding`, args...)
	if err != nil {
		return nil, fmt.Errorf("refstore: open nonconformities: %w", err)
	}
	defer rows.Close()
	var out []OpenNonconformity
	for rows.Next() {
		var (
			nc                      OpenNonconformity
			id, finding, ref, grade string
		)
		if err := rows.Scan(&id, &nc.Auditee, &finding, &ref, &grade); err != nil {
			return nil, fmt.Errorf("refstore: open nonconformities: %w", err)
		}
		r, err := annexa.ParseRef(ref)
		if err != nil {
			return nil, fmt.Errorf("refstore: open nonconformities: %w", err)
		}
		nc.Audit, nc.Finding, nc.Criterion, nc.Grade = ismsaudit.AuditID(id), audit.FindingID(finding), r, audit.Grade(grade)
		out = append(out, nc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("refstore: open nonconformities: %w", err)
	}
	return out, nil
}

// OverdueAction is a corrective action not closed after its due date.
type OverdueAction struct {
	Audit   ismsaudit.AuditID
	Auditee string
	Finding audit.FindingID
	State   audit.FollowUpState
	DueAt   time.Time
}

// OverdueActions returns the follow-ups of every stored audit that are not
// closed after their due date at the given time (as audit.Audit.Overdue
// judges them), the longest overdue first.
func (s *Store) OverdueActions(ctx context.Context, at time.Time) ([]OverdueAction, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT f.audit_id, a.auditee, f.finding, f.state, f.due_at
		FROM follow_ups f JOIN audits a ON a.id = f.audit_id
		WHERE f.state <> $1 AND f.due_at IS NOT NULL AND f.due_at < $2
		ORDER BY f.due_at, f.audit_id, f.finding`, string(audit.FollowUpClosed), formatTime(at))
	if err != nil {
		return nil, fmt.Errorf("refstore: overdue actions: %w", err)
	}
	defer rows.Close()
	var out []OverdueAction
	for rows.Next() {
		var (
			o                  OverdueAction
			id, finding, state string
			due                sql.NullString
		)
		if err := rows.Scan(&id, &o.Auditee, &finding, &state, &due); err != nil {
			return nil, fmt.Errorf("refstore: overdue actions: %w", err)
		}
		if o.DueAt, err = parseTime(due); err != nil {
			return nil, fmt.Errorf("refstore: overdue actions: %w", err)
		}
		o.Audit, o.Finding, o.State = ismsaudit.AuditID(id), audit.FindingID(finding), audit.FollowUpState(state)
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("refstore: overdue actions: %w", err)
	}
	return out, nil
}

// DueAudit is an audit whose plan falls in a period.
type DueAudit struct {
	Audit      ismsaudit.AuditID
	Kind       annexa.AuditKind
	Auditee    string
	State      audit.State
	Start, End time.Time
	Revision   int64
}

// AuditsDue returns the stored audits whose planned dates (the plan's
// Start to End) meet the period [from, to), whatever their state, by start
// date. The dates come from the audits' plans: an audit not yet planned is
// not listed (a host that needs those keeps its programme's schedule).
func (s *Store) AuditsDue(ctx context.Context, from, to time.Time) ([]DueAudit, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, auditee, state, plan_start, plan_end, revision
		FROM audits
		WHERE plan_start IS NOT NULL AND plan_start < $2 AND COALESCE(plan_end, plan_start) >= $1
		ORDER BY plan_start, id`, formatTime(from), formatTime(to))
	if err != nil {
		return nil, fmt.Errorf("refstore: audits due: %w", err)
	}
	defer rows.Close()
	var out []DueAudit
	for rows.Next() {
		var (
			d               DueAudit
			id, kind, state string
			start, end      sql.NullString
		)
		if err := rows.Scan(&id, &kind, &d.Auditee, &state, &start, &end, &d.Revision); err != nil {
			return nil, fmt.Errorf("refstore: audits due: %w", err)
		}
		if d.Start, err = parseTime(start); err != nil {
			return nil, fmt.Errorf("refstore: audits due: %w", err)
		}
		if d.End, err = parseTime(end); err != nil {
			return nil, fmt.Errorf("refstore: audits due: %w", err)
		}
		d.Audit, d.Kind, d.State = ismsaudit.AuditID(id), annexa.AuditKind(kind), audit.State(state)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("refstore: audits due: %w", err)
	}
	return out, nil
}

// Quarter returns the calendar quarter (in UTC) that holds t, as the
// period [from, to) AuditsDue takes.
func Quarter(t time.Time) (from, to time.Time) {
	t = t.UTC()
	first := time.Month((int(t.Month())-1)/3*3 + 1)
	from = time.Date(t.Year(), first, 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(0, 3, 0)
}
