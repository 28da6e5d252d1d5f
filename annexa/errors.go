package annexa

import (
	"errors"

	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Sentinels shared by every ismsaudit package (the same values), so that
// errors.Is works across packages.
var (
	// ErrInvalid reports input that breaks a shape or domain rule.
	ErrInvalid = errs.ErrInvalid
	// ErrNotFound reports a well-formed id that names nothing in the catalogue.
	ErrNotFound = errs.ErrNotFound
)

// ValidationError lists every problem found in one input, each with the
// path of the field, the rule it breaks and the offending value. It
// unwraps to ErrInvalid, and also to ErrNotFound when some problem is an
// unknown id.
type ValidationError = errs.ValidationError

// FieldError is one problem of a ValidationError.
type FieldError = errs.FieldError

// ParseError reports text that is not a valid id or enumeration value; it
// names the valid values when there are few. It unwraps to ErrInvalid.
type ParseError = errs.ParseError

// NotFoundError reports a well-formed id that names nothing in the
// catalogue. It unwraps to ErrNotFound.
type NotFoundError = errs.NotFoundError

func asNotFound(err error, target **errs.NotFoundError) bool { return errors.As(err, target) }
