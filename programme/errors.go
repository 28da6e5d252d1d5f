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

// TransitionError reports a refused lifecycle event or operation: the
// lifecycle, the state it was in, the event or operation, why (Reason)
// and, when a guard or a state check refused, the id of the rule it
// enforces. It unwraps to ErrTransition and to the guard's own error.
type TransitionError = fsm.TransitionError

// Refusal reasons a TransitionError carries in its Reason field.
const (
	// ReasonUnknownEvent: the event is not one of the lifecycle's events.
	ReasonUnknownEvent = fsm.ReasonUnknownEvent
	// ReasonUnknownState: the recorded state is not one of the
	// lifecycle's states.
	ReasonUnknownState = fsm.ReasonUnknownState
	// ReasonNoTransition: the lifecycle table has no row for the state
	// and the event.
	ReasonNoTransition = fsm.ReasonNoTransition
	// ReasonTerminal: the state is terminal and accepts no event.
	ReasonTerminal = fsm.ReasonTerminal
	// ReasonGuard: a guard refused; Rule names the rule it enforces.
	ReasonGuard = fsm.ReasonGuard
	// ReasonMeta: the time or actor is missing, or the time precedes the
	// latest entry.
	ReasonMeta = fsm.ReasonMeta
	// ReasonWrongState: an operation that is not a table event (adding a
	// risk, scheduling, staffing, recording a review...) is not allowed
	// in the current state; Rule names the rule.
	ReasonWrongState = fsm.ReasonWrongState
)

// Meta is what the caller says about an event: when, who and an optional
// note. The library never reads a clock.
type Meta = fsm.Meta

func newCollector(subject string) *errs.Collector { return errs.NewCollector("programme", subject) }

func notFound(kind, id string) error {
	return &errs.NotFoundError{Pkg: "programme", Type: kind, ID: id}
}
