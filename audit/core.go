package audit

import (
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

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

// day renders a time for details.
func coreTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// coreMeta checks the caller's ismsaudit.Meta of an operation: a time and an actor.
func coreMeta(c coreCheck, m ismsaudit.Meta) {
	c.requiredTime("Meta.At", m.At, "when the operation happened")
	c.required("Meta.By", m.By, "who performed it")
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
	return &fsm.TransitionError{Machine: machine, State: state, Event: op, Reason: fsm.ReasonGuard,
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
	return &fsm.TransitionError{Machine: machine, State: state, Event: op, Reason: fsm.ReasonMeta, Detail: detail}
}

// coreRecordConflict refuses an operation whose record is already present in
// an audit that never took the step (a record edited by hand or decoded
// from elsewhere): the library never overwrites what it did not write.
func (a *Audit) coreRecordConflict(op, path, detail string) error {
	col := newCollector(op)
	col.Add(path, RuleRecordShape, "", detail)
	return col.Err()
}
