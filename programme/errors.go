package programme

import (
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Sentinels, shared by every ismsaudit package (the same values), so that
// errors.Is works across packages.

// Refusal reasons a ismsaudit.TransitionError carries in its Reason field.

func newCollector(subject string) *errs.Collector { return errs.NewCollector("programme", subject) }

func notFound(kind, id string) error {
	return &errs.NotFoundError{Pkg: "programme", Type: kind, ID: id}
}
