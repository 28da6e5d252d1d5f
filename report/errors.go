package report

import (
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// Sentinels, shared by every ismsaudit package (the same values), so that
// errors.Is works across packages.
var (
	// ErrInvalid reports input that breaks a shape or domain rule, such as
	// an audit report missing required content.
	ErrInvalid = errs.ErrInvalid
	// ErrNotFound reports a reference to something the input does not hold
	// (a finding citing an evidence item the report lacks).
	ErrNotFound = errs.ErrNotFound
	// ErrTransition reports an operation the audit's state does not allow,
	// such as building a report before the closing meeting.
	ErrTransition = errs.ErrTransition
)

// ValidationError lists every problem found in one input, each with the
// path of the field, the rule it breaks (a report content id such as
// "report-objectives", or a shape rule such as "required") and the
// offending value. It unwraps to ErrInvalid, and also to ErrNotFound when
// some problem is an unknown reference.
type ValidationError = errs.ValidationError

// FieldError is one problem of a ValidationError.
type FieldError = errs.FieldError

// ParseError reports text that is not a valid enumeration value; it lists
// the valid values. It unwraps to ErrInvalid.
type ParseError = errs.ParseError

// TransitionError reports an operation refused because of the audit's
// state, naming the state and the process rule. It unwraps to
// ErrTransition.
type TransitionError = fsm.TransitionError
