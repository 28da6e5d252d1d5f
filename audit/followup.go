package audit

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// FollowUp tracks the corrective action for one nonconformity (19011 6.7).
// The current plan is held in Correction, RootCause, Action and DueAt;
// plans it replaced are kept in EarlierPlans, and every check of
// effectiveness in Verifications. State, History, PlannedAt, PlannedBy,
// VerifiedBy, Evidence, EarlierPlans and Verifications are set by the
// library.
type FollowUp struct {
	Finding FindingID `json:"finding"`
	// Correction is the immediate fix, RootCause the cause found, Action
	// the corrective action, DueAt its deadline.
	Correction string    `json:"correction"`
	RootCause  string    `json:"rootCause"`
	Action     string    `json:"action"`
	DueAt      time.Time `json:"dueAt"`
	// PlannedAt and PlannedBy say when and by whom the current plan was
	// recorded.
	PlannedAt time.Time `json:"plannedAt,omitzero"`
	PlannedBy string    `json:"plannedBy,omitempty"`
	// EarlierPlans are the plans the current one replaced, oldest first
	// (append-only).
	EarlierPlans []CorrectiveActionRecord `json:"earlierPlans,omitempty"`
	// Verifications lists every check of the action's effectiveness,
	// effective or not, oldest first (append-only).
	Verifications []Verification `json:"verifications,omitempty"`
	// VerifiedBy and Evidence record the verification of effectiveness.
	VerifiedBy string                 `json:"verifiedBy,omitempty"`
	Evidence   []ismsaudit.EvidenceID `json:"evidence,omitempty"`
	State      FollowUpState          `json:"state"`
	History    []FollowUpEntry        `json:"history"`
}

// CorrectiveActionPlan is what the auditee proposes for one
// nonconformity (19011 6.7): the correction (the immediate fix), the root
// cause found, the corrective action that removes it, and its due date.
type CorrectiveActionPlan struct {
	Correction string    `json:"correction"`
	RootCause  string    `json:"rootCause"`
	Action     string    `json:"action"`
	DueAt      time.Time `json:"dueAt"`
}

// CorrectiveActionRecord is a corrective action plan as it was recorded,
// kept in FollowUp.EarlierPlans once a later plan replaced it.
type CorrectiveActionRecord struct {
	Plan       CorrectiveActionPlan `json:"plan"`
	RecordedAt time.Time            `json:"recordedAt"`
	RecordedBy string               `json:"recordedBy"`
}

// Verification records one check of a corrective action's effectiveness
// by an auditor (19011 6.7): when, by whom, the verdict, the evidence
// examined and, for an ineffective action, why.
type Verification struct {
	At        time.Time              `json:"at"`
	By        string                 `json:"by"`
	Effective bool                   `json:"effective"`
	Evidence  []ismsaudit.EvidenceID `json:"evidence,omitempty"`
	// Reason says why an ineffective action is not effective (the reason
	// FindCorrectiveActionIneffective was given); empty for an effective
	// one.
	Reason string `json:"reason,omitempty"`
}

// FollowUpState is a state of a nonconformity's follow-up (ISO 19011:2018 6.7).
//
//ismsaudit:enum FollowUpStates
type FollowUpState string

// The FollowUpState values. Never reorder.
const (
	FollowUpPlanning    FollowUpState = "planning"    // correction, root cause and corrective action being planned
	FollowUpAccepted    FollowUpState = "accepted"    // the plan is accepted by the audit team
	FollowUpImplemented FollowUpState = "implemented" // the auditee reports the action done
	FollowUpClosed      FollowUpState = "closed"      // verified effective by an auditor
)

// FollowUpEvent moves a follow-up's lifecycle.
//
//ismsaudit:enum FollowUpEvents
type FollowUpEvent string

// The FollowUpEvent values. Never reorder.
const (
	FollowUpAcceptPlan        FollowUpEvent = "accept-plan"        // planning -> accepted
	FollowUpImplement         FollowUpEvent = "implement"          // accepted -> implemented
	FollowUpVerifyEffective   FollowUpEvent = "verify-effective"   // implemented -> closed
	FollowUpVerifyIneffective FollowUpEvent = "verify-ineffective" // implemented -> planning
)

// FollowUpEntry is a line of a follow-up's history.
type FollowUpEntry = ismsaudit.Entry[FollowUpState, FollowUpEvent]

// plan returns the current corrective action plan.
func (u FollowUp) plan() CorrectiveActionPlan {
	return CorrectiveActionPlan{Correction: u.Correction, RootCause: u.RootCause, Action: u.Action, DueAt: u.DueAt}
}

// Overdue reports whether the follow-up is still not verified effective
// (not closed) after its due date, at the given time. A follow-up without
// a due date is never overdue.
func (u FollowUp) Overdue(at time.Time) bool {
	return u.State != FollowUpClosed && !u.DueAt.IsZero() && at.After(u.DueAt)
}

// complete reports whether the plan states the correction, the root
// cause, the action and a due date (rule AUD-FOLLOWUP-PLAN).
func (p CorrectiveActionPlan) complete() bool {
	return !isBlank(p.Correction) && !isBlank(p.RootCause) && !isBlank(p.Action) && !p.DueAt.IsZero()
}

// The rules of followup.
const (
	RuleFollowUpOrder       ismsaudit.RuleID = "AUD-FOLLOWUP-ORDER"
	RuleFollowUpStart       ismsaudit.RuleID = "AUD-FOLLOWUP-START"
	RuleFollowUpPlan        ismsaudit.RuleID = "AUD-FOLLOWUP-PLAN"
	RuleFollowUpVerified    ismsaudit.RuleID = "AUD-FOLLOWUP-VERIFIED"
	RuleCloseFollowUps      ismsaudit.RuleID = "AUD-CLOSE-FOLLOWUPS"
	RuleFollowUpOnePerNC    ismsaudit.RuleID = "AUD-FOLLOWUP-ONE-PER-NC"
	RuleFollowUpPhase       ismsaudit.RuleID = "AUD-FOLLOWUP-PHASE"
	RuleFollowUpReplan      ismsaudit.RuleID = "AUD-FOLLOWUP-REPLAN"
	RuleFollowUpIneffective ismsaudit.RuleID = "AUD-FOLLOWUP-INEFFECTIVE"
	RuleFollowUpEveryNC     ismsaudit.RuleID = "AUD-FOLLOWUP-EVERY-NC"
	RuleFollowUpNewEvidence ismsaudit.RuleID = "AUD-FOLLOWUP-NEW-EVIDENCE"
)

var followUpRules = []ismsaudit.Rule{
	{ID: RuleFollowUpOrder, Clause: "19011:6.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a corrective action plan is accepted, then implemented, then verified; an ineffective action goes back to planning, and a closed follow-up takes no further event"},
	{ID: RuleFollowUpStart, Clause: "19011:6.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "follow-up starts only when some nonconformity's corrective action is not yet verified effective"},
	{ID: RuleFollowUpPlan, Clause: "19011:6.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a corrective action plan states the correction, the root cause, the action and a due date"},
	{ID: RuleFollowUpVerified, Clause: "19011:6.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a follow-up closes only when an auditor verifies the action effective, citing evidence"},
	{ID: RuleCloseFollowUps, Clause: "19011:6.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "an audit closes only when every nonconformity's follow-up is closed"},
	{ID: RuleFollowUpOnePerNC, Clause: "19011:6.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a nonconformity has at most one follow-up: replanning and re-verification happen within it"},
	{ID: RuleFollowUpPhase, Clause: "19011:6.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "corrective actions are followed up only for nonconformities presented to the auditee, from the closing meeting until the audit closes"},
	{ID: RuleFollowUpReplan, Clause: "19011:6.7", Principle: ismsaudit.PrincipleIntegrity, Text: "a corrective action plan changes only while it is being planned, and every plan it replaces is kept"},
	{ID: RuleFollowUpIneffective, Clause: "19011:6.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "an auditor of the team who finds a corrective action ineffective records why, and the action goes back to planning"},
	{ID: RuleFollowUpEveryNC, Clause: "19011:6.7; 27001:10.2", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "follow-up starts only once every nonconformity presented to the auditee has its follow-up, with a corrective action plan recorded"},
	{ID: RuleFollowUpNewEvidence, Clause: "19011:6.7; 27001:10.2", Principle: ismsaudit.PrincipleEvidenceBased, Text: "every verification of a corrective action, effective or not, cites audit evidence collected after the action was implemented and verified by the time of the verification"},
}

// followUpSubject is what follow-up guards look at: the follow-up, the
// audit holding it and, when an operation fires the event, what the
// operation brings. For the queries (PermittedFollowUp, CanFollowUp,
// CheckFollowUp) in is not given and the guards on the input pass.
type followUpSubject struct {
	a  *Audit
	u  *FollowUp
	in followUpInput
}

// followUpInput is what a verification brings: who verifies and when, the
// evidence examined and, for an ineffective action, why.
type followUpInput struct {
	given    bool // false for a query, which brings none
	by       string
	at       time.Time
	evidence []ismsaudit.EvidenceID
	reason   string
}

var (
	errPlanIncomplete      = errors.New("audit: the plan needs the correction, the root cause, the action and a due date")
	errNoVerifiedEvidence  = errors.New("audit: the verification cites no evidence item verified by then")
	errIneffectiveNoReason = errors.New("audit: why the action is ineffective is required")
)

// followUpMachine is a nonconformity's follow-up lifecycle (19011 6.7).
var followUpMachine = fsm.MustNew(fsm.Spec[FollowUpState, FollowUpEvent, followUpSubject]{
	Name:     "audit.follow-up",
	States:   followUpStateSet.Values(),
	Events:   followUpEventSet.Values(),
	Initial:  FollowUpPlanning,
	Terminal: []FollowUpState{FollowUpClosed},
	Order:    RuleFollowUpOrder,
	Record:   RuleRecordWhoWhen,
	Table: []fsm.Transition[FollowUpState, FollowUpEvent, followUpSubject]{
		{From: FollowUpPlanning, Event: FollowUpAcceptPlan, To: FollowUpAccepted, Guards: []fsm.Guard[followUpSubject]{
			{Name: "plan-complete", Rule: RuleFollowUpPlan, Check: func(s followUpSubject) error {
				if !s.u.plan().complete() {
					return errPlanIncomplete
				}
				return nil
			}},
		}},
		{From: FollowUpAccepted, Event: FollowUpImplement, To: FollowUpImplemented},
		{From: FollowUpImplemented, Event: FollowUpVerifyEffective, To: FollowUpClosed, Guards: []fsm.Guard[followUpSubject]{
			{Name: "verifier-on-team", Rule: RuleFollowUpVerified, Check: guardVerifierOnTeam},
			{Name: "verified-evidence", Rule: RuleFollowUpVerified, Check: func(s followUpSubject) error {
				if s.in.given && !citesVerifiedEvidence(s.a, s.in.evidence, s.in.at) {
					return errNoVerifiedEvidence
				}
				return nil
			}},
			{Name: "evidence-verified", Rule: RuleEvidenceVerified, Check: guardFollowUpEvidence},
			{Name: "evidence-after-implementation", Rule: RuleFollowUpNewEvidence, Check: guardEvidenceAfterImplementation},
		}},
		{From: FollowUpImplemented, Event: FollowUpVerifyIneffective, To: FollowUpPlanning, Guards: []fsm.Guard[followUpSubject]{
			{Name: "verifier-on-team", Rule: RuleFollowUpIneffective, Check: guardVerifierOnTeam},
			{Name: "reason-recorded", Rule: RuleFollowUpIneffective, Check: func(s followUpSubject) error {
				if s.in.given && isBlank(s.in.reason) {
					return errIneffectiveNoReason
				}
				return nil
			}},
			{Name: "evidence-verified", Rule: RuleEvidenceVerified, Check: guardFollowUpEvidence},
			{Name: "evidence-after-implementation", Rule: RuleFollowUpNewEvidence, Check: guardEvidenceAfterImplementation},
		}},
	},
})

var errNoFollowUpNeeded = errors.New("every nonconformity's corrective action is already verified effective")

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
func (a *Audit) PlanCorrectiveAction(finding FindingID, p CorrectiveActionPlan, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "plan-corrective-action", m, &err)
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
	last, _ := a.Findings[fi].PresentedAt()
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
	ch := &checker{subject: "corrective action plan"}
	if f := &a.Findings[fi]; !presentedNC(f) {
		ch.add("Finding", RuleFollowUpPhase, string(finding), "not a nonconformity presented to the auditee ("+string(f.Kind)+", "+string(f.State)+")")
	}
	if isBlank(p.Correction) && isBlank(p.RootCause) && isBlank(p.Action) {
		ch.add("Plan", "required", "", "the plan states at least one of the correction, the root cause and the action")
	}
	if !p.DueAt.IsZero() && !m.At.IsZero() && p.DueAt.Before(m.At) {
		ch.add("Plan.DueAt", "not-before-event", p.DueAt.Format(time.RFC3339), "due before the plan is recorded ("+m.At.Format(time.RFC3339)+")")
	}
	ch.metaNoEntry(m, last)
	if err := ch.err(); err != nil {
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
	u.EarlierPlans = append(u.EarlierPlans, CorrectiveActionRecord{Plan: u.plan(), RecordedAt: u.PlannedAt, RecordedBy: u.PlannedBy})
	u.Correction, u.RootCause, u.Action, u.DueAt = p.Correction, p.RootCause, p.Action, p.DueAt
	u.PlannedAt, u.PlannedBy = m.At, m.By
	return nil
}

// followUpOp names the operation that fires each follow-up event.
var followUpOp = map[FollowUpEvent]string{
	FollowUpAcceptPlan:        "accept-corrective-action",
	FollowUpImplement:         "mark-implemented",
	FollowUpVerifyEffective:   "verify-corrective-action",
	FollowUpVerifyIneffective: "find-corrective-action-ineffective",
}

// followUpFor returns the follow-up of finding that event may fire on:
// the audit's state allows follow-up (AUD-FOLLOWUP-PHASE) and the
// follow-up exists.
func (a *Audit) followUpFor(finding FindingID, event FollowUpEvent) (*FollowUp, error) {
	op, ok := followUpOp[event]
	if !ok {
		op = string(event)
	}
	if err := a.followUpsOpen(op); err != nil {
		return nil, err
	}
	j := a.followUpAt(finding)
	if j < 0 {
		return nil, notFound("follow-up", string(finding))
	}
	return &a.FollowUps[j], nil
}

// fireFollowUp fires event on the follow-up of the given finding with
// what the operation brings (in) and applies it, with change applied to
// the follow-up as well. check, when given, validates the operation's
// input once the follow-up is found and before the event fires. Nothing
// changes unless everything passes.
func (a *Audit) fireFollowUp(finding FindingID, event FollowUpEvent, in followUpInput, m ismsaudit.Meta, check func() error, change func(*FollowUp)) error {
	u, err := a.followUpFor(finding, event)
	if err != nil {
		return err
	}
	if check != nil {
		if err := check(); err != nil {
			return err
		}
	}
	e, err := followUpMachine.Fire(followUpSubject{a: a, u: u, in: in}, u.State, followUpLast(u), event, m)
	if err != nil {
		return err
	}
	e.Reason = in.reason
	if change != nil {
		change(u)
	}
	u.State = e.To
	u.History = append(u.History, e)
	return nil
}

// PermittedFollowUp returns the events the follow-up of finding allows
// now, in canonical order: none when the audit's state allows no
// follow-up or the finding has none. Events that bring an input (the
// verifier, the evidence examined, the reason) are listed when the
// follow-up allows them; the input is checked when the event fires.
func (a *Audit) PermittedFollowUp(finding FindingID) []FollowUpEvent {
	var out []FollowUpEvent
	for e := range FollowUpEvents() {
		if a.CanFollowUp(finding, e) {
			out = append(out, e)
		}
	}
	return out
}

// CanFollowUp reports whether the follow-up of finding allows event e now
// (see PermittedFollowUp).
func (a *Audit) CanFollowUp(finding FindingID, e FollowUpEvent) bool {
	u, err := a.followUpFor(finding, e)
	return err == nil && followUpMachine.Can(followUpSubject{a: a, u: u}, u.State, e)
}

// CheckFollowUp reports why the follow-up of finding would refuse event e
// now: nil when it allows it (as CanFollowUp reports), otherwise the error
// the operation firing e would return, its Meta and input aside: a
// *ismsaudit.TransitionError naming the state and the rule, or a
// *ismsaudit.NotFoundError when the finding has no follow-up.
func (a *Audit) CheckFollowUp(finding FindingID, e FollowUpEvent) error {
	u, err := a.followUpFor(finding, e)
	if err != nil {
		return err
	}
	return followUpMachine.Check(followUpSubject{a: a, u: u}, u.State, e)
}

// AcceptCorrectiveAction records that the audit team accepts the
// corrective action plan of a nonconformity's follow-up. Guard: the plan
// states the correction, the root cause, the action and a due date
// (AUD-FOLLOWUP-PLAN).
func (a *Audit) AcceptCorrectiveAction(finding FindingID, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "accept-corrective-action", m, &err)
	return a.fireFollowUp(finding, FollowUpAcceptPlan, followUpInput{given: true}, m, nil, nil)
}

// MarkImplemented records that the auditee reports the accepted
// corrective action done.
func (a *Audit) MarkImplemented(finding FindingID, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "mark-implemented", m, &err)
	return a.fireFollowUp(finding, FollowUpImplement, followUpInput{given: true}, m, nil, nil)
}

// VerifyCorrectiveAction records that an auditor verified an implemented
// corrective action effective (19011 6.7): the follow-up closes. The
// verification is made by m.By, who must be the competence id of a team
// leader or auditor of the audit team, and at least one evidence item
// examined must be verified (AUD-FOLLOWUP-VERIFIED). It is appended to
// Verifications and sets VerifiedBy and Evidence. The evidence ids must be
// ones the audit holds, each once, and every item examined must be audit
// evidence by m.At, verified and not superseded (AUD-EVIDENCE-VERIFIED);
// at least one was collected after the action was implemented (its
// CollectedAt not before the latest implement entry), so that the verdict
// rests on what the action changed (AUD-FOLLOWUP-NEW-EVIDENCE).
// An action found not effective is recorded with
// FindCorrectiveActionIneffective instead.
func (a *Audit) VerifyCorrectiveAction(finding FindingID, evidence []ismsaudit.EvidenceID, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "verify-corrective-action", m, &err)
	in := followUpInput{given: true, by: m.By, at: m.At, evidence: evidence}
	return a.fireFollowUp(finding, FollowUpVerifyEffective, in, m, a.checkExamined(evidence), func(u *FollowUp) {
		ids := cloneOrNil(evidence)
		u.Verifications = append(u.Verifications, Verification{At: m.At, By: m.By, Effective: true, Evidence: ids})
		u.VerifiedBy, u.Evidence = m.By, slices.Clone(ids)
	})
}

// FindCorrectiveActionIneffective records that an auditor verifying an
// implemented corrective action found it not effective, and why (19011
// 6.7): the follow-up goes back to planning for a new plan. The reason is
// required (AUD-FOLLOWUP-INEFFECTIVE) and kept in the history entry's
// Reason and in the Verification appended to Verifications. As for
// VerifyCorrectiveAction, m.By must be a team leader or auditor of the
// audit team, and the evidence examined must be audit evidence by m.At
// (AUD-EVIDENCE-VERIFIED), at least one item collected after the action
// was implemented (AUD-FOLLOWUP-NEW-EVIDENCE).
func (a *Audit) FindCorrectiveActionIneffective(finding FindingID, reason string, evidence []ismsaudit.EvidenceID, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "find-corrective-action-ineffective", m, &err)
	in := followUpInput{given: true, by: m.By, at: m.At, evidence: evidence, reason: reason}
	return a.fireFollowUp(finding, FollowUpVerifyIneffective, in, m, a.checkExamined(evidence), func(u *FollowUp) {
		u.Verifications = append(u.Verifications, Verification{At: m.At, By: m.By, Evidence: cloneOrNil(evidence), Reason: reason})
	})
}

// checkExamined returns the check of the evidence ids a verification
// examined: each one the audit holds, each once.
func (a *Audit) checkExamined(evidence []ismsaudit.EvidenceID) func() error {
	return func() error {
		ch := &checker{subject: "verification"}
		for i, id := range evidence {
			path := errs.Index("Evidence", i)
			switch {
			case a.citedEvidence(id) == nil:
				ch.add(path, ismsaudit.RuleUnknown, string(id), "the audit holds no evidence item with this id")
			case slices.Index(evidence, id) < i:
				ch.add(path, ismsaudit.RuleUnique, string(id), "cited twice")
			}
		}
		return ch.err()
	}
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

func guardVerifierOnTeam(s followUpSubject) error {
	if s.in.given && !auditsOnTeam(s.a, s.in.by) {
		return fmt.Errorf("audit: %q is not a team leader or auditor of the audit team", s.in.by)
	}
	return nil
}

// guardFollowUpEvidence refuses a verification that examined information
// not verified as audit evidence.
func guardFollowUpEvidence(s followUpSubject) error {
	if !s.in.given {
		return nil
	}
	return allVerified(s.a, s.in.evidence, s.in.at)
}

// lastEntryAt returns the time of the last entry of h with the given
// event, or zero.
func lastEntryAt[S, E ~string](h []ismsaudit.Entry[S, E], event E) time.Time {
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].Event == event {
			return h[i].At
		}
	}
	return time.Time{}
}

// evidenceAfter reports whether e is audit evidence gathered on an
// implemented action: collected not before implemented and verified by
// t (see verifiedBy).
func evidenceAfter(e *Evidence, implemented, t time.Time) bool {
	return !e.CollectedAt.Before(implemented) && verifiedBy(e, t)
}

// guardEvidenceAfterImplementation refuses a verification that cites no
// audit evidence collected after the action was implemented
// (AUD-FOLLOWUP-NEW-EVIDENCE).
func guardEvidenceAfterImplementation(s followUpSubject) error {
	if !s.in.given {
		return nil
	}
	implemented := lastEntryAt(s.u.History, FollowUpImplement)
	for _, id := range s.in.evidence {
		if e := s.a.citedEvidence(id); e != nil && e.State == EvidenceVerified && evidenceAfter(e, implemented, s.in.at) {
			return nil
		}
	}
	return fmt.Errorf("audit: the verification cites no audit evidence collected since the action was implemented at %s", timeText(implemented))
}

// presentedNC reports whether f is a nonconformity presented to the
// auditee and standing: the ones that are followed up.
func presentedNC(f *Finding) bool {
	return f.Kind == Nonconformity && f.Standing() && f.State != FindingConfirmed
}

// firstPlanned returns when u's first corrective action plan was
// recorded: the first of the earlier plans, or the current one.
func firstPlanned(u *FollowUp) time.Time {
	if len(u.EarlierPlans) > 0 {
		return u.EarlierPlans[0].RecordedAt
	}
	return u.PlannedAt
}

// latestFirstPlan returns the latest time at which a follow-up of a had
// its first plan recorded, or zero.
func latestFirstPlan(a *Audit) time.Time {
	var t time.Time
	for i := range a.FollowUps {
		if p := firstPlanned(&a.FollowUps[i]); p.After(t) {
			t = p
		}
	}
	return t
}

// checkEveryNCFollowed is a guard of the start of follow-up: every
// presented nonconformity has its follow-up (AUD-FOLLOWUP-EVERY-NC).
func checkEveryNCFollowed(s auditSubject) error {
	a := s.a
	followed := make(map[FindingID]bool, len(a.FollowUps))
	for i := range a.FollowUps {
		followed[a.FollowUps[i].Finding] = true
	}
	p := checker{subject: "follow-up"}
	for i := range a.Findings {
		if f := &a.Findings[i]; presentedNC(f) && !followed[f.ID] {
			p.rule(errs.Index("Findings", i), RuleFollowUpEveryNC, string(f.ID), "the presented nonconformity has no follow-up: record the auditee's corrective action plan first")
		}
	}
	return p.err()
}

// needsFollowUp reports whether f is a nonconformity that stands
// (not withdrawn) and so needs a follow-up.
func needsFollowUp(f *Finding) bool {
	return f.Kind == Nonconformity && f.State != FindingWithdrawn
}

// hasNonconformities reports whether some nonconformity stands.
func (a *Audit) hasNonconformities() bool {
	for i := range a.Findings {
		if needsFollowUp(&a.Findings[i]) {
			return true
		}
	}
	return false
}

// openFollowUps calls yield with the index of each standing nonconformity
// whose follow-up is missing or not closed, until yield returns false.
func (a *Audit) openFollowUps(yield func(i int) bool) {
	if len(a.Findings) == 0 {
		return
	}
	closed := make(map[FindingID]bool, len(a.FollowUps))
	for i := range a.FollowUps {
		if a.FollowUps[i].State == FollowUpClosed {
			closed[a.FollowUps[i].Finding] = true
		}
	}
	for i := range a.Findings {
		f := &a.Findings[i]
		if needsFollowUp(f) && !closed[f.ID] && !yield(i) {
			return
		}
	}
}

func checkFollowUpNeeded(s auditSubject) error {
	open := false
	s.a.openFollowUps(func(int) bool { open = true; return false })
	if !open {
		return errNoFollowUpNeeded
	}
	return nil
}

func checkFollowUpsClosed(s auditSubject) error {
	p := checker{subject: "follow-up"}
	s.a.openFollowUps(func(i int) bool {
		p.rule(errs.Index("Findings", i), RuleCloseFollowUps, string(s.a.Findings[i].ID), "the nonconformity's corrective action is not verified effective")
		return true
	})
	return p.err()
}

// StartFollowUp starts following up the corrective actions (19011 6.7):
// the audit moves from completed to follow-up, provided some
// nonconformity's follow-up is not yet closed (AUD-FOLLOWUP-START) and
// every presented nonconformity has its follow-up, with the auditee's
// plan recorded (AUD-FOLLOWUP-EVERY-NC); m.At is not before the first
// plan of any of them, so that the record shows them planned by then.
func (a *Audit) StartFollowUp(m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "start-follow-up", m, &err)
	if err := a.precheck(EventStartFollowUp); err != nil {
		return err
	}
	if planned := latestFirstPlan(a); !m.At.IsZero() && m.At.Before(planned) {
		return refuseGuard(auditMachine.Name(), string(a.State), string(EventStartFollowUp), guardEveryNC.Name, RuleFollowUpEveryNC,
			fmt.Errorf("audit: follow-up cannot start at %s, before the corrective action plans it follows were recorded (%s)", timeText(m.At), timeText(planned)))
	}
	e, err := a.fireEvent(EventStartFollowUp, nil, m)
	if err != nil {
		return err
	}
	a.advance(e)
	return nil
}

// Close closes the audit for good, from completed or follow-up, once every
// nonconformity's follow-up is closed (AUD-CLOSE-FOLLOWUPS).
func (a *Audit) Close(m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "close", m, &err)
	e, err := a.fireEvent(EventClose, nil, m)
	if err != nil {
		return err
	}
	a.advance(e)
	return nil
}

// verifyFollowUps checks the follow-ups. Whether a closed audit has every
// nonconformity's follow-up closed (AUD-CLOSE-FOLLOWUPS) is the audit
// lifecycle's check.
func (v *verifier) verifyFollowUps() {
	a := v.a
	stage := stageOf(a.State)
	blocking := v.blockableRecommendation()
	var at time.Time // when overdue is judged; found when first needed
	for j := range a.FollowUps {
		u := &a.FollowUps[j]
		p := itemPath{"FollowUps", j}

		var f *Finding
		if i := int(v.followUpFinding[j]); i < 0 {
			v.violate(p.at("Finding"), RuleRecordShape, string(u.Finding), "the record holds no finding with this id")
		} else if f = &a.Findings[i]; !presentedNC(f) {
			v.violate(p.at("Finding"), RuleFollowUpPhase, string(u.Finding), "not a nonconformity presented to the auditee")
		}
		if f != nil {
			planned := firstPlanned(u)
			if presented, _ := f.PresentedAt(); !planned.IsZero() && planned.Before(presented) {
				v.violate(p.at("PlannedAt"), RuleFollowUpPhase, planned.Format(time.RFC3339), "planned before the nonconformity was presented ("+presented.Format(time.RFC3339)+")")
			}
		}
		k := v.followUps.firstOf(j, a.followUpFinding)
		dup := k != j
		if dup {
			v.violate(p.at("Finding"), RuleFollowUpOnePerNC, string(u.Finding), fmt.Sprintf("the nonconformity already has a follow-up (FollowUps[%d])", k))
		}
		if blocking && !dup && f != nil && f.Kind == Nonconformity && f.Grade == Major && f.Standing() {
			if at.IsZero() {
				if at = v.opts.At; at.IsZero() {
					at = latestRecorded(a)
				}
			}
			if u.Overdue(at) {
				v.violate(p.at("DueAt"), RuleMajorOverdueBlocks, u.DueAt.Format(time.RFC3339),
					fmt.Sprintf("major nonconformity %q is not verified effective at %s, past its due date; the recommendation %q is blocked", u.Finding, at.Format(time.RFC3339), a.Conclusion.Recommendation))
			}
		}

		if !u.State.IsValid() {
			v.violate(p.at("State"), RuleRecordShape, string(u.State), "not a follow-up state")
		} else {
			replayTo(v, p, followUpMachine, u.History, u.State)
		}
		if u.State == FollowUpAccepted || u.State == FollowUpImplemented || u.State == FollowUpClosed {
			v.followUpCheckPlan(p, u)
		}
		v.followUpCheckVerifications(p, u)
		if stage == stageBefore || stage == stageOpen {
			v.violate(p.at(""), RuleFollowUpPhase, string(u.Finding), "a follow-up before the closing meeting")
		}
	}
}

// followUpCheckPlan reports the parts missing from an accepted plan.
func (v *verifier) followUpCheckPlan(p itemPath, u *FollowUp) {
	const detail = "an accepted plan states the correction, the root cause, the action and a due date"
	if isBlank(u.Correction) {
		v.violate(p.at("Correction"), RuleFollowUpPlan, "", detail)
	}
	if isBlank(u.RootCause) {
		v.violate(p.at("RootCause"), RuleFollowUpPlan, "", detail)
	}
	if isBlank(u.Action) {
		v.violate(p.at("Action"), RuleFollowUpPlan, "", detail)
	}
	if u.DueAt.IsZero() {
		v.violate(p.at("DueAt"), RuleFollowUpPlan, "", detail)
	}
}

// followUpCheckVerifications checks every verification in a follow-up's history:
// made by a team leader or auditor of the team; an effective one cites
// evidence verified by then and matches VerifiedBy; an ineffective one
// says why; and the Verifications log, when kept, matches the history.
func (v *verifier) followUpCheckVerifications(p itemPath, u *FollowUp) {
	v.checkEvidenceRefs(p, u.Evidence, time.Time{}, false)
	n := 0
	var implemented time.Time
	for k, e := range u.History {
		if e.Event == FollowUpImplement {
			implemented = e.At
		}
		if e.Event != FollowUpVerifyEffective && e.Event != FollowUpVerifyIneffective {
			continue
		}
		effective := e.Event == FollowUpVerifyEffective
		rule := RuleFollowUpIneffective
		if effective {
			rule = RuleFollowUpVerified
		}
		if !auditsOnTeam(v.a, e.By) {
			v.violate(p.at(errs.Index("History", k)+".By"), rule, e.By, "not a team leader or auditor of the audit team")
		}
		var logged *Verification
		if n < len(u.Verifications) {
			logged = &u.Verifications[n]
			if !logged.At.Equal(e.At) || logged.By != e.By || logged.Effective != effective || logged.Reason != e.Reason {
				v.violate(p.at(errs.Index("Verifications", n)), RuleHistoryValid, "", fmt.Sprintf("does not match the verification at History[%d]", k))
			}
		}
		n++
		if logged != nil {
			v.followUpCheckNewEvidence(p.at(errs.Index("Verifications", n-1)+".Evidence"), logged.Evidence, implemented, e.At)
		} else if effective {
			v.followUpCheckNewEvidence(p.at("Evidence"), u.Evidence, implemented, e.At)
		}
		if !effective {
			if logged != nil {
				v.followUpCheckEvidenceVerified(p, n-1, true, logged.Evidence, e.At)
			}
			if isBlank(e.Reason) {
				v.violate(p.at(errs.Index("History", k)+".Reason"), RuleFollowUpIneffective, "", "why the action is ineffective is required")
			}
			continue
		}
		evidence := u.Evidence
		if logged != nil {
			evidence = logged.Evidence
		}
		v.followUpCheckEvidenceVerified(p, n-1, logged != nil, evidence, e.At)
		if !v.evidenceCited(evidence, e.At) {
			v.violate(p.at("Evidence"), RuleFollowUpVerified, "", "the verification cites no evidence item verified by then")
		}
		if u.VerifiedBy != e.By {
			v.violate(p.at("VerifiedBy"), RuleFollowUpVerified, u.VerifiedBy, fmt.Sprintf("the verification at History[%d] was made by %q", k, e.By))
		}
	}
	if len(u.Verifications) > 0 && len(u.Verifications) != n {
		v.violate(p.at("Verifications"), RuleHistoryValid, "", fmt.Sprintf("%d verifications logged, %d in the history", len(u.Verifications), n))
	}
	if u.State != FollowUpClosed && (u.VerifiedBy != "" || len(u.Evidence) > 0) {
		v.violate(p.at("VerifiedBy"), RuleFollowUpVerified, u.VerifiedBy, "verified effective, yet the follow-up is not closed")
	}
}

// followUpCheckNewEvidence reports, at path, a verification at time t
// whose evidence ids name no item collected since the action was
// implemented and verified by t (AUD-FOLLOWUP-NEW-EVIDENCE).
func (v *verifier) followUpCheckNewEvidence(path string, ids []ismsaudit.EvidenceID, implemented, t time.Time) {
	for _, id := range ids {
		if i := v.evidenceAt(id); i >= 0 && evidenceAfter(&v.a.Evidence[i], implemented, t) {
			return
		}
	}
	v.violate(path, RuleFollowUpNewEvidence, "", "the verification cites no audit evidence collected since the action was implemented at "+timeText(implemented))
}

// followUpCheckEvidenceVerified reports the evidence ids a verification
// (the n-th logged, or the follow-up's own Evidence when not logged)
// examined that were not audit evidence at its time t.
func (v *verifier) followUpCheckEvidenceVerified(p itemPath, n int, logged bool, ids []ismsaudit.EvidenceID, t time.Time) {
	for k, id := range ids {
		i := v.evidenceAt(id)
		if i < 0 || verifiedBy(&v.a.Evidence[i], t) {
			continue // an unknown id is reported as AUD-RECORD-SHAPE
		}
		path := p.at(errs.Index("Evidence", k))
		if logged {
			path = p.at(errs.Index(errs.Index("Verifications", n)+".Evidence", k))
		}
		v.violate(path, RuleEvidenceVerified, string(id), "the verification examined information not verified by then")
	}
}

// verifyEveryNCFollowed checks that, when follow-up started, every
// presented nonconformity had its follow-up, planned by then
// (AUD-FOLLOWUP-EVERY-NC).
func (v *verifier) verifyEveryNCFollowed(ev eventTimes) {
	a := v.a
	started, ok := ev.when(EventStartFollowUp)
	if !ok {
		return
	}
	for i := range a.Findings {
		f := &a.Findings[i]
		if presented, _ := f.PresentedAt(); !presentedNC(f) || presented.After(started) {
			continue
		}
		j := v.followUp[i]
		if j < 0 {
			v.violate(errs.Index("Findings", i), RuleFollowUpEveryNC, string(f.ID), "follow-up started at "+timeText(started)+" but the presented nonconformity has no follow-up")
			continue
		}
		u := &a.FollowUps[j]
		path, planned := errs.Index("FollowUps", int(j))+".PlannedAt", firstPlanned(u)
		if len(u.EarlierPlans) > 0 {
			path = errs.Index("FollowUps", int(j)) + ".EarlierPlans[0].RecordedAt"
		}
		if planned.After(started) {
			v.violate(path, RuleFollowUpEveryNC, timeText(planned), "the first corrective action plan was recorded after follow-up started at "+timeText(started))
		}
	}
}

// verifyClosed checks that a closed audit has every standing
// nonconformity's follow-up closed (AUD-CLOSE-FOLLOWUPS).
func (v *verifier) verifyClosed() {
	a := v.a
	if a.State == StateClosed {
		// As openFollowUps: a standing nonconformity is open unless
		// a follow-up of it is closed.
		closed := make([]bool, len(a.Findings))
		for j := range a.FollowUps {
			if i := v.followUpFinding[j]; i >= 0 && a.FollowUps[j].State == FollowUpClosed {
				closed[i] = true
			}
		}
		for i := range a.Findings {
			if !needsFollowUp(&a.Findings[i]) || closed[i] {
				continue
			}
			v.violate(errs.Index("Findings", i), RuleCloseFollowUps, string(a.Findings[i].ID), "the audit is closed but the nonconformity's corrective action is not verified effective")
		}
	}
}
