package audit

import (
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// Sentinels, shared by every ismsaudit package (the same values), so that
// errors.Is works across packages.
var (
	// ErrInvalid reports input that breaks a shape or domain rule.
	ErrInvalid = errs.ErrInvalid
	// ErrNotFound reports a reference to something the audit does not hold
	// (an evidence item, a finding, a team member...).
	ErrNotFound = errs.ErrNotFound
	// ErrTransition reports a lifecycle event that was refused.
	ErrTransition = errs.ErrTransition
)

// ValidationError lists every problem found in one input or record, each
// with the path of the field, the rule it breaks (a process rule id such as
// "AUD-NC-EVIDENCE" or a shape rule such as "required") and the offending
// value. Verify returns one listing every violation of a record. It unwraps
// to ErrInvalid, and also to ErrNotFound when some problem is an unknown
// reference.
type ValidationError = errs.ValidationError

// FieldError is one problem of a ValidationError.
type FieldError = errs.FieldError

// ParseError reports text that is not a valid enumeration value; it lists
// the valid values. It unwraps to ErrInvalid.
type ParseError = errs.ParseError

// NotFoundError reports an id the audit does not hold. It unwraps to
// ErrNotFound.
type NotFoundError = errs.NotFoundError

// TransitionError reports a refused lifecycle event: the lifecycle, the
// state it was in, the event, why (Reason) and, when a guard refused, the
// guard and the id of the process rule it enforces. It unwraps to
// ErrTransition and to the guard's own error.
type TransitionError = fsm.TransitionError

// Refusal reasons a TransitionError carries.
const (
	ReasonUnknownEvent = fsm.ReasonUnknownEvent
	ReasonUnknownState = fsm.ReasonUnknownState
	ReasonNoTransition = fsm.ReasonNoTransition
	ReasonTerminal     = fsm.ReasonTerminal
	ReasonGuard        = fsm.ReasonGuard
	ReasonMeta         = fsm.ReasonMeta
	ReasonWrongState   = fsm.ReasonWrongState
)

// Meta is what the caller says about an event: when it happened, who caused
// it (a person or system id) and an optional note. The library never reads
// a clock: every time is given.
type Meta = fsm.Meta

func newCollector(subject string) *errs.Collector { return errs.NewCollector("audit", subject) }

func notFound(kind, id string) error {
	return &errs.NotFoundError{Pkg: "audit", Type: kind, ID: id}
}
