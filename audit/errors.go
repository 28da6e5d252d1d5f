package audit

import (
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Sentinels, shared by every ismsaudit package (the same values), so that
// errors.Is works across packages.

// Refusal reasons a ismsaudit.TransitionError carries.

func newCollector(subject string) *errs.Collector { return errs.NewCollector("audit", subject) }

func notFound(kind, id string) error {
	return &errs.NotFoundError{Pkg: "audit", Type: kind, ID: id}
}
