package ismsaudit

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The sentinels. Every error an ismsaudit package returns wraps one of
// these, so a host branches on the kind of failure with [errors.Is] and
// the same check works for every package.
var (
	// ErrInvalid reports input that breaks a shape or domain rule. A
	// *ValidationError or *ParseError unwraps to it.
	ErrInvalid = errors.New("ismsaudit: invalid input")
	// ErrNotFound reports a well-formed reference to something that does
	// not exist. A *NotFoundError unwraps to it, and so does a
	// *ValidationError with a problem of rule [RuleUnknown].
	ErrNotFound = errors.New("ismsaudit: not found")
	// ErrTransition reports a lifecycle event that was refused. A
	// *TransitionError unwraps to it.
	ErrTransition = errors.New("ismsaudit: transition refused")
)

// The shape rules: the ids a [FieldError] carries in Rule when the problem
// is the shape of the input rather than a process rule. Other validator
// tags ("gte", "max", ...) keep their tag name.
const (
	// RuleRequired: the field must be given.
	RuleRequired RuleID = "required"
	// RuleEnum: the value must be one of the enumeration's tokens.
	RuleEnum RuleID = "enum"
	// RuleUnique: the value must not repeat within its list.
	RuleUnique RuleID = "unique"
	// RuleUnknown: the reference names nothing known (an unknown control
	// id, auditor, evidence item...). A *ValidationError with such a
	// problem also unwraps to ErrNotFound.
	RuleUnknown RuleID = "unknown"
	// RuleFormat: the text is not well formed (an id, a time, a number).
	RuleFormat RuleID = "format"
	// RuleRange: the number or time is outside its allowed range.
	RuleRange RuleID = "range"
	// RuleShape: the input as a whole could not be checked.
	RuleShape RuleID = "shape"
	// RuleJSONSyntax: the document is not well-formed JSON.
	RuleJSONSyntax RuleID = "json-syntax"
	// RuleJSONTrailing: data follows the document.
	RuleJSONTrailing RuleID = "json-trailing"
	// RuleJSONType: a JSON value has the wrong type for its field.
	RuleJSONType RuleID = "json-type"
	// RuleUnknownField: the document has a member the type does not know.
	RuleUnknownField RuleID = "unknown-field"
)

// FieldError is one problem with one field of an input.
type FieldError struct {
	// Path locates the field from the root of the input in Go field
	// names, e.g. "Decisions[3].Justification"; empty when the problem
	// concerns the input as a whole.
	Path string `json:"path,omitempty"`
	// Rule names what failed: a shape rule token (RuleRequired,
	// RuleEnum, ...; other validator tags such as "gte" keep their tag
	// name) or the id of a process rule such as "AUD-PLAN-COMPLETE".
	Rule RuleID `json:"rule"`
	// Value is the offending value as text, when there is one.
	Value string `json:"value,omitempty"`
	// Detail says in a few words what the rule expects.
	Detail string `json:"detail,omitempty"`
}

// String renders the problem on one line: path, rule, quoted value and
// detail.
func (f FieldError) String() string {
	var b strings.Builder
	if f.Path != "" {
		b.WriteString(f.Path)
		b.WriteString(": ")
	}
	b.WriteString(string(f.Rule))
	if f.Value != "" {
		fmt.Fprintf(&b, " %q", truncate(f.Value))
	}
	if f.Detail != "" {
		b.WriteString(" (")
		b.WriteString(f.Detail)
		b.WriteString(")")
	}
	return b.String()
}

// truncate shortens s to at most 80 bytes on a rune boundary.
func truncate(s string) string {
	const max = 80
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// ValidationError reports every problem found in one input at once. It
// unwraps to ErrInvalid, and also to ErrNotFound when some problem is a
// reference to something unknown (Rule [RuleUnknown]).
type ValidationError struct {
	// Pkg is the reporting package ("annexa", "audit", ...).
	Pkg string `json:"pkg"`
	// Subject names what was validated ("SoA", "checklist options", ...).
	Subject string `json:"subject"`
	// Fields lists the problems in the order they were found.
	Fields []FieldError `json:"fields"`
}

// maxListed bounds how many problems Error spells out; Fields has them all.
const maxListed = 8

// Error lists the problems, the first eight in full.
func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: invalid %s", e.Pkg, e.Subject)
	for i, f := range e.Fields {
		if i == maxListed {
			fmt.Fprintf(&b, "; and %d more", len(e.Fields)-maxListed)
			break
		}
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(f.String())
	}
	return b.String()
}

// Unwrap returns ErrInvalid, and ErrNotFound as well when some problem is
// a reference to something unknown.
func (e *ValidationError) Unwrap() []error {
	for _, f := range e.Fields {
		if f.Rule == RuleUnknown {
			return []error{ErrInvalid, ErrNotFound}
		}
	}
	return []error{ErrInvalid}
}

// Has reports whether some problem has the given path and rule. An empty
// path matches any path.
func (e *ValidationError) Has(path string, rule RuleID) bool {
	for _, f := range e.Fields {
		if (path == "" || f.Path == path) && f.Rule == rule {
			return true
		}
	}
	return false
}

// ParseError reports a token that is not one of an enumeration's values,
// or not a well-formed identifier. It unwraps to ErrInvalid.
type ParseError struct {
	// Pkg is the reporting package.
	Pkg string `json:"pkg"`
	// Type names what was being parsed, e.g. "Theme" or "control id".
	Type string `json:"type"`
	// Input is the text that was given.
	Input string `json:"input"`
	// Valid lists the accepted values when the set is small, else is empty.
	Valid []string `json:"valid,omitempty"`
	// Detail says what is wrong when Valid does not.
	Detail string `json:"detail,omitempty"`
}

// Error quotes the input and names the valid values.
func (e *ParseError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: invalid %s %q", e.Pkg, e.Type, truncate(e.Input))
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	if len(e.Valid) > 0 {
		b.WriteString(" (valid: ")
		b.WriteString(strings.Join(e.Valid, ", "))
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap returns ErrInvalid.
func (e *ParseError) Unwrap() error { return ErrInvalid }

// NotFoundError reports a well-formed identifier that names nothing known.
// It unwraps to ErrNotFound.
type NotFoundError struct {
	// Pkg is the reporting package.
	Pkg string `json:"pkg"`
	// Type names the kind of thing looked up, e.g. "Annex A control".
	Type string `json:"type"`
	// ID is the identifier as given.
	ID string `json:"id"`
}

// Error names the kind and the identifier.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s: no %s %q", e.Pkg, e.Type, truncate(e.ID))
}

// Unwrap returns ErrNotFound.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }
