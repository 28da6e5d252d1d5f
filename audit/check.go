package audit

import (
	"errors"
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
	return &ismsaudit.NotFoundError{Pkg: "audit", Type: kind, ID: id}
}

// checker collects the problems of one input or record into one
// *ismsaudit.ValidationError. Operations report shape problems with shape
// tokens (ismsaudit.RuleRequired, "empty", ...); Verify (record set)
// reports them under AUD-RECORD-SHAPE with the token leading the detail,
// so that every violation of a record names a rule of the catalogue.
// Problems that break a process rule cite its id either way. The collector
// is made on the first problem, so a check that finds none allocates
// nothing.
type checker struct {
	subject string
	col     *errs.Collector
	record  bool
}

// add records a problem as it is given.
func (c *checker) add(path string, rule ismsaudit.RuleID, value, detail string) {
	if c.col == nil {
		c.col = newCollector(c.subject)
	}
	c.col.Add(path, rule, value, detail)
}

// shape records a problem of shape, such as a missing value.
func (c *checker) shape(path string, token ismsaudit.RuleID, value, detail string) {
	if c.record {
		c.add(path, RuleRecordShape, value, string(token)+": "+detail)
		return
	}
	c.add(path, token, value, detail)
}

// rule records a problem that breaks the process rule with the given id.
func (c *checker) rule(path string, rule ismsaudit.RuleID, value, detail string) {
	c.add(path, rule, value, detail)
}

// merge records every problem of err (see errs.Collector.Merge).
func (c *checker) merge(prefix string, rule ismsaudit.RuleID, err error) {
	if err == nil {
		return
	}
	if c.col == nil {
		c.col = newCollector(c.subject)
	}
	c.col.Merge(prefix, rule, err)
}

// len reports how many problems were recorded.
func (c *checker) len() int {
	if c.col == nil {
		return 0
	}
	return c.col.Len()
}

// err returns nil when nothing was recorded, else the
// *ismsaudit.ValidationError.
func (c *checker) err() error {
	if c.col == nil {
		return nil
	}
	return c.col.Err()
}

// required records a missing text value.
func (c *checker) required(path, value, what string) {
	if isBlank(value) {
		c.shape(path, ismsaudit.RuleRequired, "", what)
	}
}

// requiredTime records a missing time.
func (c *checker) requiredTime(path string, t time.Time, what string) {
	if t.IsZero() {
		c.shape(path, ismsaudit.RuleRequired, "", what)
	}
}

// texts records every blank entry of a list of texts.
func (c *checker) texts(path string, list []string, what string) {
	for i, s := range list {
		if isBlank(s) {
			c.shape(errs.Index(path, i), ismsaudit.RuleRequired, "", what)
		}
	}
}

// meta checks the Meta of an operation: a time and an actor.
func (c *checker) meta(m ismsaudit.Meta) {
	c.requiredTime("Meta.At", m.At, "when the operation happened")
	c.required("Meta.By", m.By, "who performed it")
}

// metaNoEntry checks the Meta of an operation that is not a lifecycle
// event: a time, not before last (when last is not zero), an actor, and no
// note, as the operation adds no history entry to keep one in.
func (c *checker) metaNoEntry(m ismsaudit.Meta, last time.Time) {
	c.meta(m)
	if !m.At.IsZero() && m.At.Before(last) {
		c.shape("Meta.At", "not-before-last", timeText(m.At), "before the last recorded event "+timeText(last))
	}
	if m.Note != "" {
		c.shape("Meta.Note", "empty", m.Note, "this operation adds no history entry to keep a note in")
	}
}

// notAfter records a time of the input that lies after the operation's
// own time: a record cannot describe something that has not happened yet.
func (c *checker) notAfter(path string, t, now time.Time, what string) {
	if !t.IsZero() && !now.IsZero() && t.After(now) {
		c.shape(path, "time-order", timeText(t), what+" cannot be after the operation's time "+timeText(now))
	}
}

// order records an end before its start.
func (c *checker) order(path string, from, to time.Time, what string) {
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		c.shape(path, "order", timeText(to), what+" ends before it starts ("+timeText(from)+")")
	}
}

// ref records why r is not a valid criterion reference, if it is not.
func (c *checker) ref(path string, r annexa.Ref) {
	if refValid(r) {
		return
	}
	var ve *ismsaudit.ValidationError
	if err := r.Validate(); errors.As(err, &ve) {
		for _, f := range ve.Fields {
			c.shape(errs.JoinPath(path, f.Path), f.Rule, f.Value, f.Detail)
		}
	}
}

// timeText renders a time for details.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// refuseGuard builds the refusal of an operation that is not a table event but
// is held to a rule the same way a guard would hold it (for example a
// distribution after the first): a *ismsaudit.TransitionError of reason "guard"
// wrapping the check's error.
func refuseGuard(machine, state, op, guard string, rule ismsaudit.RuleID, err error) error {
	return &ismsaudit.TransitionError{Machine: machine, State: state, Event: op, Reason: ismsaudit.ReasonGuard,
		Guard: guard, Rule: rule, Detail: err.Error(), Err: err}
}

// refuseMeta builds the refusal of an operation whose ismsaudit.Meta lacks a time or
// an actor, or whose time precedes last, the latest time of the log it
// appends to.
func refuseMeta(machine, state, op string, m ismsaudit.Meta, last time.Time) error {
	detail := ""
	switch {
	case m.At.IsZero():
		detail = "the operation needs a time"
	case isBlank(m.By):
		detail = "the operation needs an actor"
	case m.At.Before(last):
		detail = "time " + timeText(m.At) + " is before the latest entry " + timeText(last)
	default:
		return nil
	}
	return &ismsaudit.TransitionError{Machine: machine, State: state, Event: op, Reason: ismsaudit.ReasonMeta, Rule: RuleRecordWhoWhen, Detail: detail}
}

// recordConflict refuses an operation whose record is already present in
// an audit that never took the step (a record edited by hand or decoded
// from elsewhere): the library never overwrites what it did not write.
func recordConflict(op, path, detail string) error {
	c := checker{subject: op}
	c.rule(path, RuleRecordShape, "", detail)
	return c.err()
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

// isOneOf reports whether v is one of values.
func isOneOf[T ~string](values []T, v T) bool {
	for _, x := range values {
		if x == v {
			return true
		}
	}
	return false
}

// tokens joins the tokens of an enumeration for a detail message.
func tokens[T ~string](seq iter.Seq[T]) string {
	var b strings.Builder
	for v := range seq {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(v))
	}
	return b.String()
}

// cloneOrNil copies s, giving nil for an empty slice so that optional
// fields round-trip through JSON (omitempty) unchanged.
func cloneOrNil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// ownTime sets a payload's own time, or the operation's when the host
// left it zero: the payload then happened when it is recorded.
func ownTime(t *time.Time, m ismsaudit.Meta) {
	if t.IsZero() {
		*t = m.At
	}
}

// ownAuthor sets a payload's own author, or the operation's when the
// host left it blank.
func ownAuthor(s *string, m ismsaudit.Meta) {
	if isBlank(*s) {
		*s = m.By
	}
}
