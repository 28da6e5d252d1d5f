package audit

import (
	"errors"
	"time"

	"github.com/ismsaudit/ismsaudit"
)

// EstablishContact records the contact established with the auditee
// (19011 6.2.2): who the contact is, when and by whom it was made, and
// what was agreed. It is allowed only while the audit is in initiation,
// and replaces an earlier record. c.At must not be after m.At.
func (a *Audit) EstablishContact(c Contact, m ismsaudit.Meta) error {
	if err := a.requireState("establish-contact", RuleInitContact, StateInitiation); err != nil {
		return err
	}
	ch := coreCheck{col: newCollector("contact")}
	coreMeta(ch, m)
	checkContact(ch, "", &c)
	coreNotAfter(ch, "At", c.At, m.At, "the contact")
	if err := ch.col.Err(); err != nil {
		return err
	}
	a.Contact = &c
	return nil
}

// checkContact checks a contact record.
func checkContact(ch coreCheck, prefix string, c *Contact) {
	ch.required(prefix+"Person", c.Person, "the auditee's contact")
	ch.requiredTime(prefix+"At", c.At, "when contact was established")
	ch.required(prefix+"By", c.By, "who made contact")
}

// DecideFeasibility records the feasibility decision (19011 6.2.3): enough
// information to plan, cooperation from the auditee, and time and
// resources. A decision that the audit is not feasible must record the
// alternative proposed to the audit client (AUD-INIT-ALTERNATIVE). It is
// allowed only while the audit is in initiation, and replaces an earlier
// decision. f.DecidedAt must not be after m.At.
func (a *Audit) DecideFeasibility(f Feasibility, m ismsaudit.Meta) error {
	if err := a.requireState("decide-feasibility", RuleInitFeasible, StateInitiation); err != nil {
		return err
	}
	ch := coreCheck{col: newCollector("feasibility decision")}
	coreMeta(ch, m)
	checkFeasibility(ch, "", &f)
	coreNotAfter(ch, "DecidedAt", f.DecidedAt, m.At, "the decision")
	if err := ch.col.Err(); err != nil {
		return err
	}
	a.Feasibility = &f
	return nil
}

// checkFeasibility checks a feasibility decision.
func checkFeasibility(ch coreCheck, prefix string, f *Feasibility) {
	ch.requiredTime(prefix+"DecidedAt", f.DecidedAt, "when feasibility was decided")
	ch.required(prefix+"DecidedBy", f.DecidedBy, "who decided")
	if !f.Feasible() && isBlank(f.Alternative) {
		ch.rule(prefix+"Alternative", RuleInitAlternative, "", "an audit found not feasible needs the alternative proposed to the audit client")
	}
}

var (
	errCoreNoContact   = errors.New("no contact with the auditee is recorded")
	errCoreNoDecision  = errors.New("no feasibility decision is recorded")
	errCoreNotFeasible = errors.New("the audit was found not feasible")
	errCoreNoReason    = errors.New("a termination needs a reason")
)

func checkContactRecorded(s auditSubject) error {
	if s.a.Contact == nil {
		return errCoreNoContact
	}
	return nil
}

func checkFeasibleRecorded(s auditSubject) error {
	switch f := s.a.Feasibility; {
	case f == nil:
		return errCoreNoDecision
	case !f.Feasible():
		return errCoreNotFeasible
	}
	return nil
}

// Prepare starts preparing the audit (19011 6.3): the audit moves from
// initiation to preparation once contact is established (AUD-INIT-CONTACT)
// and the audit is found feasible (AUD-INIT-FEASIBLE).
//
// Preparation cannot start before the contact and the decision it rests
// on: m.At must not precede them.
func (a *Audit) Prepare(m ismsaudit.Meta) error {
	var floor time.Time
	if a.Contact != nil {
		floor = a.Contact.At
	}
	if a.Feasibility != nil && a.Feasibility.DecidedAt.After(floor) {
		floor = a.Feasibility.DecidedAt
	}
	e, err := a.coreFireEventAfter(EventPrepare, nil, m, floor)
	if err != nil {
		return err
	}
	a.coreAdvance(e)
	return nil
}

func checkTerminationInput(s auditSubject) error {
	if s.in != nil && isBlank(s.in.reason) {
		return errCoreNoReason
	}
	return nil
}

// Terminate stops the audit before completion (19011 6.4.4, for instance
// when its objectives have become unattainable) and records why, when and
// by whom in a.Termination. The reason is required (AUD-TERMINATE-REASON).
// It is refused once the audit is completed.
func (a *Audit) Terminate(reason string, m ismsaudit.Meta) error {
	e, err := a.coreFireEvent(EventTerminate, &auditInput{reason: reason}, m)
	if err != nil {
		return err
	}
	if a.Termination != nil {
		return a.coreRecordConflict("terminate", "Termination", "a termination is already recorded")
	}
	a.Termination = &Termination{Reason: reason, At: m.At, By: m.By}
	a.coreAdvance(e)
	return nil
}
