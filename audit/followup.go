package audit

import (
	"slices"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// followUpAt returns the index of the follow-up of the given finding, or
// -1.
func (a *Audit) followUpAt(finding FindingID) int {
	for i := range a.FollowUps {
		if a.FollowUps[i].Finding == finding {
			return i
		}
	}
	return -1
}

// followUpsOpen refuses a follow-up operation unless the closing meeting
// has presented the findings and the audit is not closed or terminated
// (AUD-FOLLOWUP-PHASE).
func (a *Audit) followUpsOpen(op string) error {
	return a.requireState(op, RuleFollowUpPhase, findingResponseStates...)
}

// PlanCorrectiveAction records the auditee's corrective action plan for
// a nonconformity presented at the closing meeting (19011 6.7;
// AUD-FOLLOWUP-PHASE), from the closing meeting until the audit closes.
// The first call creates the nonconformity's follow-up in planning; while
// the follow-up is in planning (before the plan is accepted, or after a
// verification found the action ineffective) a later call replaces the
// plan and keeps the one it replaces in EarlierPlans. Once a plan is
// accepted it changes only after an ineffective verification
// (AUD-FOLLOWUP-REPLAN). The plan may be partial while in planning (it
// must state something, and a due date not before m.At);
// AcceptCorrectiveAction requires it complete. m.At and m.By are required
// and recorded as PlannedAt and PlannedBy; m.Note must be empty, as
// recording a plan is not a lifecycle event and adds no history entry.
func (a *Audit) PlanCorrectiveAction(finding FindingID, p CorrectiveActionPlan, m ismsaudit.Meta) error {
	if err := a.followUpsOpen("plan-corrective-action"); err != nil {
		return err
	}
	fi := a.findingAt(finding)
	if fi < 0 {
		return notFound("finding", string(finding))
	}
	j := a.followUpAt(finding)
	// A first plan does not precede the nonconformity's presentation; a
	// later one does not precede what the follow-up already records.
	last := findingFirstEntryAt(a.Findings[fi].History, FindingPresent)
	if j >= 0 {
		u := &a.FollowUps[j]
		if u.State != FollowUpPlanning {
			return &ismsaudit.TransitionError{
				Machine: followUpMachine.Name(), State: string(u.State), Event: "plan-corrective-action", Reason: ismsaudit.ReasonWrongState,
				Rule: RuleFollowUpReplan, Detail: "the plan is accepted: it changes only after a verification finds the action ineffective",
			}
		}
		last = followUpLast(u)
	}
	col := newCollector("corrective action plan")
	if f := &a.Findings[fi]; f.Kind != Nonconformity || !f.Standing() || f.State == FindingConfirmed {
		col.Add("Finding", RuleFollowUpPhase, string(finding), "not a nonconformity presented to the auditee ("+string(f.Kind)+", "+string(f.State)+")")
	}
	if isBlank(p.Correction) && isBlank(p.RootCause) && isBlank(p.Action) {
		col.Add("Plan", "required", "", "the plan states at least one of the correction, the root cause and the action")
	}
	if !p.DueAt.IsZero() && !m.At.IsZero() && p.DueAt.Before(m.At) {
		col.Add("Plan.DueAt", "not-before-event", p.DueAt.Format(time.RFC3339), "due before the plan is recorded ("+m.At.Format(time.RFC3339)+")")
	}
	findingCheckMeta(col, m, last)
	if err := col.Err(); err != nil {
		return err
	}
	if j < 0 {
		a.FollowUps = append(a.FollowUps, FollowUp{
			Finding: finding, Correction: p.Correction, RootCause: p.RootCause, Action: p.Action, DueAt: p.DueAt,
			PlannedAt: m.At, PlannedBy: m.By, State: followUpMachine.Initial(), History: []FollowUpEntry{},
		})
		return nil
	}
	u := &a.FollowUps[j]
	u.EarlierPlans = append(u.EarlierPlans, CorrectiveActionRecord{Plan: u.Plan(), RecordedAt: u.PlannedAt, RecordedBy: u.PlannedBy})
	u.Correction, u.RootCause, u.Action, u.DueAt = p.Correction, p.RootCause, p.Action, p.DueAt
	u.PlannedAt, u.PlannedBy = m.At, m.By
	return nil
}

// fireFollowUp fires event on the follow-up of the given finding and
// applies it, with change applied to the follow-up as well. check, when
// given, validates the operation's input once the follow-up is found and
// before the event fires. Nothing changes unless everything passes.
func (a *Audit) fireFollowUp(op string, finding FindingID, s followUpSubject, event FollowUpEvent, m ismsaudit.Meta, check func() error, change func(*FollowUp)) error {
	if err := a.followUpsOpen(op); err != nil {
		return err
	}
	j := a.followUpAt(finding)
	if j < 0 {
		return notFound("follow-up", string(finding))
	}
	if check != nil {
		if err := check(); err != nil {
			return err
		}
	}
	u := &a.FollowUps[j]
	s.a, s.u = a, u
	e, err := followUpMachine.Fire(s, u.State, followUpLast(u), event, m)
	if err != nil {
		return err
	}
	if change != nil {
		change(u)
	}
	u.State = e.To
	u.History = append(u.History, e)
	return nil
}

// AcceptCorrectiveAction records that the audit team accepts the
// corrective action plan of a nonconformity's follow-up. Guard: the plan
// states the correction, the root cause, the action and a due date
// (AUD-FOLLOWUP-PLAN).
func (a *Audit) AcceptCorrectiveAction(finding FindingID, m ismsaudit.Meta) error {
	return a.fireFollowUp("accept-corrective-action", finding, followUpSubject{}, FollowUpAcceptPlan, m, nil, nil)
}

// MarkImplemented records that the auditee reports the accepted
// corrective action done.
func (a *Audit) MarkImplemented(finding FindingID, m ismsaudit.Meta) error {
	return a.fireFollowUp("mark-implemented", finding, followUpSubject{}, FollowUpImplement, m, nil, nil)
}

// VerifyCorrectiveAction records an auditor's verification of an
// implemented corrective action (19011 6.7), made by m.By, who must be the
// competence id of a team leader or auditor of the audit team. Effective:
// the follow-up closes, and at least one evidence item given must be
// verified (AUD-FOLLOWUP-VERIFIED). Not effective: the follow-up goes back
// to planning for a new plan, and m.Note must say why
// (AUD-FOLLOWUP-INEFFECTIVE). Every verification is appended to
// Verifications; an effective one also sets VerifiedBy and Evidence. The
// evidence ids must be ones the audit holds, each once, and every item
// examined must be audit evidence by m.At, verified and not superseded
// (AUD-EVIDENCE-VERIFIED).
func (a *Audit) VerifyCorrectiveAction(finding FindingID, effective bool, evidence []ismsaudit.EvidenceID, m ismsaudit.Meta) error {
	check := func() error {
		col := newCollector("verification")
		for i, id := range evidence {
			path := errs.Index("Evidence", i)
			switch {
			case a.citedEvidence(id) == nil:
				col.Add(path, errs.RuleUnknown, string(id), "the audit holds no evidence item with this id")
			case slices.Index(evidence, id) < i:
				col.Add(path, "unique", string(id), "cited twice")
			}
		}
		return col.Err()
	}
	event := FollowUpVerifyIneffective
	if effective {
		event = FollowUpVerifyEffective
	}
	s := followUpSubject{by: m.By, at: m.At, evidence: evidence, note: m.Note}
	return a.fireFollowUp("verify-corrective-action", finding, s, event, m, check, func(u *FollowUp) {
		ids := findingCopyOrNil(evidence)
		u.Verifications = append(u.Verifications, Verification{At: m.At, By: m.By, Effective: effective, Evidence: ids, Note: m.Note})
		if effective {
			u.VerifiedBy, u.Evidence = m.By, slices.Clone(ids)
		}
	})
}

// FollowUpFor returns a copy of the follow-up of the given finding.
func (a *Audit) FollowUpFor(finding FindingID) (FollowUp, bool) {
	j := a.followUpAt(finding)
	if j < 0 {
		return FollowUp{}, false
	}
	return cloneFollowUp(a.FollowUps[j]), true
}

// cloneFollowUp returns a copy of u that shares no slice with it.
func cloneFollowUp(u FollowUp) FollowUp {
	u.EarlierPlans = slices.Clone(u.EarlierPlans)
	u.Verifications = slices.Clone(u.Verifications)
	for i := range u.Verifications {
		u.Verifications[i].Evidence = slices.Clone(u.Verifications[i].Evidence)
	}
	u.Evidence = slices.Clone(u.Evidence)
	u.History = slices.Clone(u.History)
	return u
}

// Overdue returns copies of the follow-ups that are not closed after
// their due date at the given time, in record order.
func (a *Audit) Overdue(at time.Time) []FollowUp {
	var out []FollowUp
	for i := range a.FollowUps {
		if a.FollowUps[i].Overdue(at) {
			out = append(out, cloneFollowUp(a.FollowUps[i]))
		}
	}
	return out
}

// followUpLast is the time of the latest thing recorded on u: its last
// history entry or its current plan, whichever is later. A new event or
// plan may not precede it.
func followUpLast(u *FollowUp) time.Time {
	last := fsm.Last(u.History)
	if u.PlannedAt.After(last) {
		return u.PlannedAt
	}
	return last
}
