package refstore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
)

// head is one seal head as the store keeps it: its number and hash, its
// checkpoint text and its signature lines.
type head struct {
	number     int
	hash       string
	checkpoint string
	signatures []string
}

// headsOf returns the record's seal heads with their signed notes cut into
// checkpoint text and signature lines.
func headsOf(a *audit.Audit) ([]head, error) {
	if a.Seal == nil {
		return nil, nil
	}
	heads := make([]head, 0, len(a.Seal.Heads))
	for _, h := range a.Seal.Heads {
		n, ok := a.Note(h.Number)
		if !ok {
			return nil, fmt.Errorf("refstore: audit %q: %w: no note for seal head %d", a.ID, ismsaudit.ErrInvalid, h.Number)
		}
		// A signed note is its text, a blank line, and one line per
		// signature.
		i := bytes.LastIndex(n, []byte("\n\n"))
		if i < 0 {
			return nil, fmt.Errorf("refstore: audit %q: %w: seal head %d's note has no signature block", a.ID, ismsaudit.ErrInvalid, h.Number)
		}
		hd := head{number: h.Number, hash: h.Head, checkpoint: string(n[:i+1])}
		for _, line := range strings.SplitAfter(string(n[i+2:]), "\n") {
			if line != "" {
				hd.signatures = append(hd.signatures, line)
			}
		}
		heads = append(heads, hd)
	}
	return heads, nil
}

// saveHeads checks the record's heads against the stored ones and inserts
// those, and the signatures, the store has not seen.
func (s *Store) saveHeads(ctx context.Context, tx *sql.Tx, id ismsaudit.AuditID, heads []head) error {
	rows, err := tx.QueryContext(ctx, `SELECT number, head FROM seal_heads WHERE audit_id = $1 ORDER BY number`, string(id))
	if err != nil {
		return fmt.Errorf("refstore: audit %q: reading its seal heads: %w", id, err)
	}
	stored := map[int]string{}
	for rows.Next() {
		var (
			n    int
			hash string
		)
		if err := rows.Scan(&n, &hash); err != nil {
			rows.Close()
			return fmt.Errorf("refstore: audit %q: reading its seal heads: %w", id, err)
		}
		stored[n] = hash
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("refstore: audit %q: reading its seal heads: %w", id, err)
	}
	inRecord := make(map[int]string, len(heads))
	for _, h := range heads {
		inRecord[h.number] = h.hash
	}
	for n := 1; len(stored) > 0 && n <= maxKey(stored); n++ {
		if hash, ok := stored[n]; ok && inRecord[n] != hash {
			return &HeadError{Audit: id, Number: n, Stored: hash, Record: inRecord[n]}
		}
	}
	for _, h := range heads {
		if _, ok := stored[h.number]; !ok {
			_, err := tx.ExecContext(ctx, `INSERT INTO seal_heads (audit_id, number, head, checkpoint) VALUES ($1, $2, $3, $4)`,
				string(id), h.number, h.hash, h.checkpoint)
			if err != nil {
				return fmt.Errorf("refstore: audit %q: storing seal head %d: %w", id, h.number, err)
			}
		}
		for i, sig := range h.signatures {
			_, err := tx.ExecContext(ctx, `INSERT INTO seal_signatures (audit_id, number, signature, position) VALUES ($1, $2, $3, $4)
				ON CONFLICT (audit_id, number, signature) DO NOTHING`, string(id), h.number, sig, i)
			if err != nil {
				return fmt.Errorf("refstore: audit %q: storing a signature of seal head %d: %w", id, h.number, err)
			}
		}
	}
	return nil
}

func maxKey(m map[int]string) int {
	top := 0
	for k := range m {
		top = max(top, k)
	}
	return top
}

// Note returns seal head n of the audit as a signed note, rebuilt from the
// store's append-only tables alone: the checkpoint text, a blank line and
// every signature line stored for it, in the order the record had them. A third party opens it with
// golang.org/x/mod/sumdb/note's Open. A head not stored is a
// *ismsaudit.NotFoundError.
func (s *Store) Note(ctx context.Context, id ismsaudit.AuditID, n int) ([]byte, error) {
	var checkpoint string
	err := s.db.QueryRowContext(ctx, `SELECT checkpoint FROM seal_heads WHERE audit_id = $1 AND number = $2`, string(id), n).Scan(&checkpoint)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &ismsaudit.NotFoundError{Pkg: "refstore", Type: "seal head", ID: fmt.Sprintf("%s/%d", id, n)}
	}
	if err != nil {
		return nil, fmt.Errorf("refstore: audit %q: seal head %d: %w", id, n, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT signature FROM seal_signatures WHERE audit_id = $1 AND number = $2 ORDER BY position, signature`, string(id), n)
	if err != nil {
		return nil, fmt.Errorf("refstore: audit %q: seal head %d: %w", id, n, err)
	}
	defer rows.Close()
	var b strings.Builder
	b.WriteString(checkpoint)
	b.WriteString("\n")
	for rows.Next() {
		var sig string
		if err := rows.Scan(&sig); err != nil {
			return nil, fmt.Errorf("refstore: audit %q: seal head %d: %w", id, n, err)
		}
		b.WriteString(sig)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("refstore: audit %q: seal head %d: %w", id, n, err)
	}
	return []byte(b.String()), nil
}
