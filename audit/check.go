package audit

import (
	"iter"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

func newCollector(subject string) *errs.Collector { return errs.NewCollector("audit", subject) }

func notFound(kind, id string) error {
	return &errs.NotFoundError{Pkg: "audit", Type: kind, ID: id}
}

// coreCheck adds problems to a collector. Operations report shape problems
// with shape tokens ("required", "enum", "unique"...); Verify (record set)
// reports them under AUD-RECORD-SHAPE with the token in the detail, so that
// every violation of a record names a rule of the catalogue. Problems that
// break a process rule cite its id either way.
type coreCheck struct {
	col    *errs.Collector
	record bool
}

// shape records a problem of shape, such as a missing value.
func (c coreCheck) shape(path string, token ismsaudit.RuleID, value, detail string) {
	if c.record {
		c.col.Add(path, RuleRecordShape, value, string(token)+": "+detail)
		return
	}
	c.col.Add(path, token, value, detail)
}

// rule records a problem that breaks the process rule with the given id.
func (c coreCheck) rule(path string, rule ismsaudit.RuleID, value, detail string) {
	c.col.Add(path, rule, value, detail)
}

// required records a missing text value.
func (c coreCheck) required(path, value, what string) {
	if isBlank(value) {
		c.shape(path, "required", "", what)
	}
}

// requiredTime records a missing time.
func (c coreCheck) requiredTime(path string, t time.Time, what string) {
	if t.IsZero() {
		c.shape(path, "required", "", what)
	}
}

// texts records every blank entry of a list of texts.
func (c coreCheck) texts(path string, list []string, what string) {
	for i, s := range list {
		if isBlank(s) {
			c.shape(errs.Index(path, i), "required", "", what)
		}
	}
}

// evChecker reports problems with an evidence item or a sampling plan,
// either as input to an operation (shape problems under their own tokens,
// such as "required") or as part of a record under Verify (shape problems
// under rule AUD-RECORD-SHAPE, the token leading the detail).
type evChecker struct {
	col    *errs.Collector
	record bool
}

func (c evChecker) shape(path string, token ismsaudit.RuleID, value, detail string) {
	if c.record {
		c.col.Add(path, RuleRecordShape, value, string(token)+": "+detail)
		return
	}
	c.col.Add(path, token, value, detail)
}

func (c evChecker) rule(path string, rule ismsaudit.RuleID, value, detail string) {
	c.col.Add(path, rule, value, detail)
}

// day renders a time for details.
func coreTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// coreMeta checks the caller's ismsaudit.Meta of an operation: a time and an actor.
func coreMeta(c coreCheck, m ismsaudit.Meta) {
	c.requiredTime("Meta.At", m.At, "when the operation happened")
	c.required("Meta.By", m.By, "who performed it")
}

// evCheckMeta checks what every evidence and sampling operation needs from
// the caller: a time and an actor.
func evCheckMeta(col *errs.Collector, m ismsaudit.Meta) {
	if m.At.IsZero() {
		col.Add("Meta.At", "required", "", "when the operation happens")
	}
	if isBlank(m.By) {
		col.Add("Meta.By", "required", "", "who performs the operation")
	}
}

// findingCheckMeta reports a missing time or actor of an operation that is
// not a lifecycle event, a time before last (when last is not zero), and
// a note: such an operation adds no history entry, so it would have
// nowhere to keep one.
func findingCheckMeta(col *errs.Collector, m ismsaudit.Meta, last time.Time) {
	if m.At.IsZero() {
		col.Add("Meta.At", "required", "", "when it happened")
	} else if m.At.Before(last) {
		col.Add("Meta.At", "not-before-last", m.At.Format(time.RFC3339), "before the last recorded event "+last.Format(time.RFC3339))
	}
	if isBlank(m.By) {
		col.Add("Meta.By", "required", "", "who did it")
	}
	if m.Note != "" {
		col.Add("Meta.Note", "empty", m.Note, "this operation adds no history entry to keep a note in")
	}
}

// coreNotAfter records a time of the input that lies after the operation's
// own time: a record cannot describe something that has not happened yet.
func coreNotAfter(c coreCheck, path string, t, now time.Time, what string) {
	if !t.IsZero() && !now.IsZero() && t.After(now) {
		c.shape(path, "time-order", coreTime(t), what+" cannot be after the operation's time "+coreTime(now))
	}
}

// coreProblems is a lazily created collector for guard checks, so that a guard
// that passes allocates nothing.
type coreProblems struct {
	subject string
	col     *errs.Collector
}

func (p *coreProblems) add(path string, rule ismsaudit.RuleID, value, detail string) {
	if p.col == nil {
		p.col = newCollector(p.subject)
	}
	p.col.Add(path, rule, value, detail)
}

func (p *coreProblems) err() error {
	if p.col == nil {
		return nil
	}
	return p.col.Err()
}

// coreRefuse builds the refusal of an operation that is not a table event but
// is held to a rule the same way a guard would hold it (for example a
// distribution after the first): a *ismsaudit.TransitionError of reason "guard"
// wrapping the check's error.
func coreRefuse(machine, state, op, guard string, rule ismsaudit.RuleID, err error) error {
	return &ismsaudit.TransitionError{Machine: machine, State: state, Event: op, Reason: ismsaudit.ReasonGuard,
		Guard: guard, Rule: rule, Detail: err.Error(), Err: err}
}

// coreRefuseMeta builds the refusal of an operation whose ismsaudit.Meta lacks a time or
// an actor, or whose time precedes last, the latest time of the log it
// appends to.
func coreRefuseMeta(machine, state, op string, m ismsaudit.Meta, last time.Time) error {
	detail := ""
	switch {
	case m.At.IsZero():
		detail = "the operation needs a time"
	case isBlank(m.By):
		detail = "the operation needs an actor"
	case m.At.Before(last):
		detail = "time " + coreTime(m.At) + " is before the latest entry " + coreTime(last)
	default:
		return nil
	}
	return &ismsaudit.TransitionError{Machine: machine, State: state, Event: op, Reason: ismsaudit.ReasonMeta, Detail: detail}
}

// coreRecordConflict refuses an operation whose record is already present in
// an audit that never took the step (a record edited by hand or decoded
// from elsewhere): the library never overwrites what it did not write.
func (a *Audit) coreRecordConflict(op, path, detail string) error {
	col := newCollector(op)
	col.Add(path, RuleRecordShape, "", detail)
	return col.Err()
}

// requireState refuses an operation (op, such as "collect-evidence") that
// the audit's current state does not allow, with a *ismsaudit.TransitionError of
// reason ismsaudit.ReasonWrongState citing rule. It returns nil when the state is one
// of allowed.
func (a *Audit) requireState(op string, rule ismsaudit.RuleID, allowed ...State) error {
	if slices.Contains(allowed, a.State) {
		return nil
	}
	names := make([]string, len(allowed))
	for i, s := range allowed {
		names[i] = string(s)
	}
	return &ismsaudit.TransitionError{
		Machine: "audit.audit", State: string(a.State), Event: op, Reason: ismsaudit.ReasonWrongState,
		Rule: rule, Detail: "allowed only in " + strings.Join(names, ", "),
	}
}

// isBlank reports whether s holds nothing but white space, as
// strings.TrimSpace(s) == "" does, but stops at the first byte that is
// not ASCII white space: a value that starts with text costs one read.
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
		case c < utf8.RuneSelf:
			return false
		default:
			return strings.TrimSpace(s[i:]) == ""
		}
	}
	return true
}

// refValid reports, without allocating, whether r is a valid criterion
// reference (what annexa.Ref.Validate accepts).
func refValid(r annexa.Ref) bool {
	switch r.Kind {
	case annexa.ClauseRef:
		return annexa.ClauseID(r.ID).IsValid()
	case annexa.ControlRef:
		return annexa.ControlID(r.ID).IsValid()
	case annexa.DocumentRef:
		return !isBlank(r.ID)
	}
	return false
}

// evValid reports whether v is one of values.
func evValid[T ~string](values []T, v T) bool {
	for _, x := range values {
		if x == v {
			return true
		}
	}
	return false
}

// evTokens joins the tokens of an enumeration for a detail message.
func evTokens[T ~string](seq iter.Seq[T]) string {
	var b strings.Builder
	for v := range seq {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(v))
	}
	return b.String()
}

// findingCopyOrNil copies s, giving nil for an empty slice so that optional
// fields round-trip through JSON (omitempty) unchanged.
func findingCopyOrNil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}
