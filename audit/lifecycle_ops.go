package audit

import (
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// coreFireEvent asks the audit lifecycle for event ev with the record in the event
// brings; it returns the history entry to append or the refusal. It
// changes nothing. The event's time must not precede the record's
// creation, its latest history entry, nor the latest entry of the plan's
// history: the record's times only move forward.
func (a *Audit) coreFireEvent(ev Event, in *auditInput, m ismsaudit.Meta) (Entry, error) {
	return auditMachine.Fire(auditSubject{a: a, in: in}, a.State, a.coreLatest(), ev, m)
}

// coreFireEventAfter is coreFireEvent for an event whose time must also not precede floor,
// the time of a record the event rests on (such as the contact and the
// feasibility decision preparation rests on).
func (a *Audit) coreFireEventAfter(ev Event, in *auditInput, m ismsaudit.Meta, floor time.Time) (Entry, error) {
	last := a.coreLatest()
	if floor.After(last) {
		last = floor
	}
	return auditMachine.Fire(auditSubject{a: a, in: in}, a.State, last, ev, m)
}

// coreLatest returns the latest time of the audit's and the plan's histories
// and of the record's creation.
func (a *Audit) coreLatest() time.Time {
	last := fsm.Last(a.History)
	if a.CreatedAt.After(last) {
		last = a.CreatedAt
	}
	if a.Plan != nil {
		if p := fsm.Last(a.Plan.History); p.After(last) {
			last = p
		}
	}
	return last
}

// corePrecheck reports whether the audit as it stands allows ev (the table
// row exists and the guards on the audit itself pass), before an
// operation looks at the record the event brings.
func (a *Audit) corePrecheck(ev Event) error {
	return auditMachine.Check(auditSubject{a: a}, a.State, ev)
}

// coreAdvance applies an accepted event: the new state and one history entry.
func (a *Audit) coreAdvance(e Entry) {
	a.State = e.To
	a.History = append(a.History, e)
}

// Permitted returns the audit lifecycle events the audit allows now, in
// canonical order. Events that bring a record of their own (a meeting, the
// report's recipients, the completion, the termination reason) are listed
// when the audit allows them; the record is checked when the event fires.
func (a *Audit) Permitted() []Event { return auditMachine.Permitted(auditSubject{a: a}, a.State) }

// Can reports whether the audit allows event e now (see Permitted).
func (a *Audit) Can(e Event) bool { return auditMachine.Can(auditSubject{a: a}, a.State, e) }

// Check reports why the audit would refuse event e now: nil when it
// allows it (as Can reports), otherwise the *ismsaudit.TransitionError firing e
// through its operation would return, naming the state and the rule of
// the guard that refuses. Like Permitted, it looks at the audit as it
// stands: the record an event brings (a meeting, the recipients, the
// completion, the termination reason) is checked when the event fires.
func (a *Audit) Check(e Event) error { return a.corePrecheck(e) }

// PlanPermitted returns the plan lifecycle events the plan allows now, in
// canonical order; none when there is no plan or the audit's state allows
// no change to it (only preparation and fieldwork do). Approval is checked
// without a competence pool (see ApprovePlan).
func (a *Audit) PlanPermitted() []PlanEvent {
	if a.Plan == nil || !corePlanStage(a.State) {
		return nil
	}
	return planMachine.Permitted(planSubject{a: a}, a.Plan.State)
}

// CanPlan reports whether the plan allows event e now (see PlanPermitted).
func (a *Audit) CanPlan(e PlanEvent) bool {
	return a.Plan != nil && corePlanStage(a.State) && planMachine.Can(planSubject{a: a}, a.Plan.State, e)
}

// CheckPlan reports why the plan would refuse event e now: nil when it
// allows it (as CanPlan reports), otherwise the *ismsaudit.TransitionError its
// operation would return. Approval is checked without a competence pool
// (see ApprovePlan).
func (a *Audit) CheckPlan(e PlanEvent) error {
	op := string(e)
	switch e {
	case PlanApprove:
		op = "approve-plan"
	case PlanCommunicate:
		op = "communicate-plan"
	case PlanRevise:
		op = "revise-plan"
	}
	if err := a.coreRequirePlanStage(op); err != nil {
		return err
	}
	if a.Plan == nil {
		rule := RulePlanReapproved
		if e == PlanApprove {
			rule = RulePlanComplete
		}
		return a.corePlanRefusal(string(e), rule, "no plan is drafted")
	}
	return planMachine.Check(planSubject{a: a}, a.Plan.State, e)
}

// EndFieldwork ends the fieldwork (19011 6.4.7-6.4.8): the audit moves to
// findings. It is refused while the plan is not communicated in its latest
// version (AUD-PLAN-COMMUNICATED), while a checklist item has neither a
// result nor a recorded reason why it was not audited
// (AUD-FIELDWORK-COVERED), or while a result cites an evidence item that
// was never verified (AUD-EVIDENCE-VERIFIED: only verified information is
// audit evidence).
func (a *Audit) EndFieldwork(m ismsaudit.Meta) error {
	e, err := a.coreFireEvent(EventEndFieldwork, nil, m)
	if err != nil {
		return err
	}
	a.coreAdvance(e)
	return nil
}
