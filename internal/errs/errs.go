// Package errs holds the sentinels and error types every ismsaudit package
// shares. Public packages re-export them (as variables and type aliases) so
// that hosts can test errors with errors.Is and errors.As without importing
// an internal package, and a check written against one package works for all.
package errs

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Sentinels. Every error returned by an ismsaudit package wraps exactly one
// of these, so callers can branch on the kind of failure with errors.Is.
var (
	// ErrInvalid reports input that breaks a shape or domain rule.
	ErrInvalid = errors.New("ismsaudit: invalid input")
	// ErrNotFound reports a well-formed reference to something that does not exist.
	ErrNotFound = errors.New("ismsaudit: not found")
	// ErrTransition reports a lifecycle event that was refused.
	ErrTransition = errors.New("ismsaudit: transition refused")
)

// FieldError is one problem with one field of an input.
type FieldError struct {
	// Path locates the field from the root of the input, e.g.
	// "Decisions[3].Justification". Empty when the problem concerns the
	// input as a whole.
	Path string `json:"path,omitempty"`
	// Rule is a stable token naming the rule that failed, e.g. "required",
	// "enum", "unique" or a process rule id such as "AUD-PLAN-COMPLETE".
	Rule string `json:"rule"`
	// Value is the offending value as text, when there is one.
	Value string `json:"value,omitempty"`
	// Detail says in a few words what the rule expects.
	Detail string `json:"detail,omitempty"`
}

// String renders the problem on one line.
func (f FieldError) String() string {
	var b strings.Builder
	if f.Path != "" {
		b.WriteString(f.Path)
		b.WriteString(": ")
	}
	b.WriteString(f.Rule)
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
// reference to something unknown (Rule "unknown").
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

// Error lists the problems, the first few in full.
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
func (e *ValidationError) Has(path, rule string) bool {
	for _, f := range e.Fields {
		if (path == "" || f.Path == path) && f.Rule == rule {
			return true
		}
	}
	return false
}

// RuleUnknown is the rule token for a reference to something that does not
// exist (an unknown control id, auditor, evidence item...).
const RuleUnknown = "unknown"

// Collector gathers field errors for one ValidationError. The zero value is
// not usable; use NewCollector.
type Collector struct {
	pkg, subject string
	fields       []FieldError
}

// NewCollector starts collecting problems for subject in package pkg.
func NewCollector(pkg, subject string) *Collector {
	return &Collector{pkg: pkg, subject: subject}
}

// Add records one problem.
func (c *Collector) Add(path, rule, value, detail string) {
	c.fields = append(c.fields, FieldError{Path: path, Rule: rule, Value: value, Detail: detail})
}

// AddField records a prepared problem, prefixing its path with prefix
// (joined with a dot unless the path starts with "[").
func (c *Collector) AddField(prefix string, f FieldError) {
	f.Path = JoinPath(prefix, f.Path)
	c.fields = append(c.fields, f)
}

// Merge adds every problem of err when err is a *ValidationError (paths
// prefixed with prefix) and otherwise one problem with the given rule and
// the error's text as detail.
func (c *Collector) Merge(prefix, rule string, err error) {
	if err == nil {
		return
	}
	var ve *ValidationError
	if errors.As(err, &ve) && len(ve.Fields) > 0 {
		for _, f := range ve.Fields {
			c.AddField(prefix, f)
		}
		return
	}
	c.Add(prefix, rule, "", err.Error())
}

// Len reports how many problems were collected.
func (c *Collector) Len() int { return len(c.fields) }

// Err returns nil when nothing was collected, else the *ValidationError.
func (c *Collector) Err() error {
	if len(c.fields) == 0 {
		return nil
	}
	return &ValidationError{Pkg: c.pkg, Subject: c.subject, Fields: c.fields}
}

// JoinPath joins two field paths: JoinPath("Plan", "Team[2]") is
// "Plan.Team[2]", JoinPath("Items", "[3].Result") is "Items[3].Result".
func JoinPath(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	case path[0] == '[':
		return prefix + path
	default:
		return prefix + "." + path
	}
}

// Index renders an element path: Index("Items", 3) is "Items[3]".
func Index(path string, i int) string {
	return fmt.Sprintf("%s[%d]", path, i)
}

// ParseError reports text that is not one of an enumeration's values, or
// not a well-formed identifier. It unwraps to ErrInvalid.
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
