package audittest

import (
	"errors"
	"fmt"
	"strings"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
)

// helper marks the caller as a test helper when t can be marked.
func helper(t assert.TestingT) {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
}

// Conforms asserts that audit.Verify finds no violation of the process
// rules in a, checked with opts (nil for the defaults). When it finds
// some, the failure lists every one: its path, the rule with its clause
// and statement, the offending value and the detail. It returns whether
// the record conforms, as testify's assertions do.
func Conforms(t assert.TestingT, a *audit.Audit, opts *audit.VerifyOptions, msgAndArgs ...any) bool {
	helper(t)
	err := audit.Verify(a, opts)
	if err == nil {
		return true
	}
	return assert.Fail(t, describe(a, err), msgAndArgs...)
}

// RequireConforms is Conforms that stops the test (t.FailNow) when the
// record does not conform.
func RequireConforms(t require.TestingT, a *audit.Audit, opts *audit.VerifyOptions, msgAndArgs ...any) {
	helper(t)
	if !Conforms(t, a, opts, msgAndArgs...) {
		t.FailNow()
	}
}

// Violates asserts that audit.Verify reports a as breaking rule, the id
// of a rule of the catalogue (audit.LookupRule), at path when path is not
// empty ("Findings[2].Evidence"). The failure lists what Verify reported
// instead. It is the assertion for tests that show a host refuses or
// flags a record.
func Violates(t assert.TestingT, a *audit.Audit, opts *audit.VerifyOptions, rule ismsaudit.RuleID, path string, msgAndArgs ...any) bool {
	helper(t)
	if _, ok := audit.LookupRule(rule); !ok {
		return assert.Fail(t, fmt.Sprintf("%q is not a rule of the catalogue", rule), msgAndArgs...)
	}
	err := audit.Verify(a, opts)
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			if f.Rule == rule && (path == "" || f.Path == path) {
				return true
			}
		}
	}
	where := ""
	if path != "" {
		where = " at " + path
	}
	if err == nil {
		return assert.Fail(t, fmt.Sprintf("want a violation of %s%s, but the record conforms", rule, where), msgAndArgs...)
	}
	return assert.Fail(t, fmt.Sprintf("want a violation of %s%s; %s", rule, where, describe(a, err)), msgAndArgs...)
}

// RefusedBy asserts that err is the refusal of an operation under rule:
// a *ismsaudit.TransitionError that cites rule (every refusal of every
// lifecycle does: a guard's rule, the rule of the state an operation
// needs, the lifecycle's order rule for an event out of order, or
// audit.RuleRecordWhoWhen for a Meta without time or actor), or a
// *ismsaudit.ValidationError with a problem under rule (also one a
// refusal wraps). The failure says what err is instead.
func RefusedBy(t assert.TestingT, err error, rule ismsaudit.RuleID, msgAndArgs ...any) bool {
	helper(t)
	if _, ok := audit.LookupRule(rule); !ok {
		return assert.Fail(t, fmt.Sprintf("%q is not a rule of the catalogue", rule), msgAndArgs...)
	}
	if err == nil {
		return assert.Fail(t, fmt.Sprintf("want a refusal under %s, but the operation was accepted", rule), msgAndArgs...)
	}
	var te *ismsaudit.TransitionError
	if errors.As(err, &te) && te.Rule == rule {
		return true
	}
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			if f.Rule == rule {
				return true
			}
		}
	}
	return assert.Fail(t, fmt.Sprintf("want a refusal under %s; got %s", rule, refusal(err)), msgAndArgs...)
}

// Permitted asserts that the audit allows event e in its current state
// (audit.Audit.Can). The failure names the rule of the guard that refuses
// and the events the audit allows.
func Permitted(t assert.TestingT, a *audit.Audit, e audit.Event, msgAndArgs ...any) bool {
	helper(t)
	err := a.Check(e)
	if err == nil {
		return true
	}
	return assert.Fail(t, fmt.Sprintf("want %q permitted in state %q; %s (permitted: %v)", e, a.State, refusal(err), a.Permitted()), msgAndArgs...)
}

// Refused asserts that the audit refuses event e in its current state
// under rule (audit.Audit.Check), the way firing e through its operation
// would. Every refusal cites a rule, an event the lifecycle's table has
// no row for in that state included (audit.RuleAuditOrder); an empty rule
// accepts any refusal. The record is not changed.
func Refused(t assert.TestingT, a *audit.Audit, e audit.Event, rule ismsaudit.RuleID, msgAndArgs ...any) bool {
	helper(t)
	err := a.Check(e)
	if err == nil {
		return assert.Fail(t, fmt.Sprintf("want %q refused in state %q, but it is permitted", e, a.State), msgAndArgs...)
	}
	if rule == "" {
		return true
	}
	return RefusedBy(t, err, rule, msgAndArgs...)
}

// refusal describes an error for a failure message.
func refusal(err error) string {
	var te *ismsaudit.TransitionError
	if errors.As(err, &te) {
		s := fmt.Sprintf("%s refused in state %q (%s)", te.Event, te.State, te.Reason)
		if te.Rule != "" {
			s += " by " + ruleText(te.Rule)
		}
		if te.Detail != "" {
			s += ": " + te.Detail
		}
		return s
	}
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		return listFields(ve.Fields)
	}
	return err.Error()
}

// describe lists every violation Verify reported.
func describe(a *audit.Audit, err error) string {
	var ve *ismsaudit.ValidationError
	if !errors.As(err, &ve) {
		return "audit.Verify: " + err.Error()
	}
	id := "<nil>"
	if a != nil {
		id = string(a.ID)
	}
	n := len(ve.Fields)
	plural := "s"
	if n == 1 {
		plural = ""
	}
	return fmt.Sprintf("audit record %q does not conform: %d violation%s of the process rules\n%s", id, n, plural, listFields(ve.Fields))
}

// listFields lists problems one per line, each with its rule's clause and
// statement when the rule is one of the catalogue.
func listFields(fields []ismsaudit.FieldError) string {
	var b strings.Builder
	for i, f := range fields {
		path := f.Path
		if path == "" {
			path = "(record)"
		}
		fmt.Fprintf(&b, "%3d. %s: %s", i+1, path, ruleText(f.Rule))
		if f.Value != "" {
			fmt.Fprintf(&b, " value %q", f.Value)
		}
		if f.Detail != "" {
			b.WriteString(": " + f.Detail)
		}
		if i < len(fields)-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// ruleText renders a rule id with its clause and statement.
func ruleText(id ismsaudit.RuleID) string {
	if r, ok := audit.LookupRule(id); ok {
		return fmt.Sprintf("%s (%s, %s: %s)", r.ID, r.Clause, r.Principle, r.Text)
	}
	return string(id)
}
