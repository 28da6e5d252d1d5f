package programme

import (
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// Sentinels, shared by every ismsaudit package (the same values), so that
// errors.Is works across packages.
var (
	// ErrInvalid reports input that breaks a shape or domain rule.
	ErrInvalid = errs.ErrInvalid
	// ErrNotFound reports a reference to something the programme does not hold.
	ErrNotFound = errs.ErrNotFound
	// ErrTransition reports a lifecycle event that was refused.
	ErrTransition = errs.ErrTransition
)

// ValidationError lists every problem found in one input or record, each
// with its field path, the rule it breaks and the offending value. Verify
// returns one listing every violation. It unwraps to ErrInvalid, and also
// to ErrNotFound when some problem is an unknown reference.
type ValidationError = errs.ValidationError

// FieldError is one problem of a ValidationError.
type FieldError = errs.FieldError

// ParseError reports text that is not a valid enumeration value.
type ParseError = errs.ParseError

// NotFoundError reports an id the programme does not hold.
type NotFoundError = errs.NotFoundError

// TransitionError reports a refused lifecycle event, naming the lifecycle,
// state, event and the rule that refused it.
type TransitionError = fsm.TransitionError

// Meta is what the caller says about an event: when, who and an optional
// note. The library never reads a clock.
type Meta = fsm.Meta

func newCollector(subject string) *errs.Collector { return errs.NewCollector("programme", subject) }

func notFound(kind, id string) error {
	return &errs.NotFoundError{Pkg: "programme", Type: kind, ID: id}
}
