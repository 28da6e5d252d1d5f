package refstore

import (
	"errors"
	"fmt"

	"github.com/ismsaudit/ismsaudit"
)

// ErrConflict is returned (wrapped in a *ConflictError) by a save against a
// revision that is not the stored one.
var ErrConflict = errors.New("refstore: revision conflict")

// ErrHeadContradicted is returned (wrapped in a *HeadError) by a save of a
// record that contradicts a seal head the store holds.
var ErrHeadContradicted = errors.New("refstore: seal head contradicted")

// ConflictError reports a save refused because the stored revision of the
// audit is not the one the caller loaded: another save came first (or,
// with Found 0, the audit is not stored; with Expected 0, it already is).
// Nothing was changed. It unwraps to ErrConflict.
type ConflictError struct {
	// Audit is the audit saved.
	Audit ismsaudit.AuditID
	// Expected is the revision the caller saved against; Found the one
	// stored (0 for none).
	Expected, Found int64
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("refstore: audit %q saved against revision %d, but the store holds revision %d", e.Audit, e.Expected, e.Found)
}

// Unwrap returns ErrConflict.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// HeadError reports a save refused because the record contradicts a seal
// head the store already holds: the head numbered Number is stored with the
// hash Stored, and the record has Record under that number ("" when it has
// no such head). Nothing was changed. It unwraps to ErrHeadContradicted.
type HeadError struct {
	Audit  ismsaudit.AuditID
	Number int
	Stored string
	Record string
}

func (e *HeadError) Error() string {
	if e.Record == "" {
		return fmt.Sprintf("refstore: audit %q: the record lacks seal head %d (stored %q)", e.Audit, e.Number, e.Stored)
	}
	return fmt.Sprintf("refstore: audit %q: seal head %d is %q in the record, %q in the store", e.Audit, e.Number, e.Record, e.Stored)
}

// Unwrap returns ErrHeadContradicted.
func (e *HeadError) Unwrap() error { return ErrHeadContradicted }
