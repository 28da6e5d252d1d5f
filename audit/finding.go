package audit

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// Recurrence is a criterion that standing nonconformities cite in more
// than one area of the audit (19011 6.4.9: recurring findings across
// areas).
type Recurrence struct {
	Criterion annexa.Ref  `json:"criterion"`
	Areas     []string    `json:"areas"`
	Findings  []FindingID `json:"findings"`
}

// FindingID identifies a finding within an audit (host-chosen).
type FindingID string

// Finding is an audit finding (19011 6.4.8): the result of evaluating
// evidence against criteria.
type Finding struct {
	ID   FindingID   `json:"id"`
	Kind FindingKind `json:"kind"`
	// Grade is set for nonconformities only.
	Grade Grade `json:"grade,omitempty"`
	// Criteria are the criteria the finding is about.
	Criteria []annexa.Ref `json:"criteria"`
	// Evidence lists the evidence behind it.
	Evidence []ismsaudit.EvidenceID `json:"evidence,omitempty"`
	// Area is the unit, process or location where it was found.
	Area string `json:"area,omitempty"`
	// For a nonconformity: the requirement, what was found, and why it
	// does not conform. Other kinds use Found alone.
	Requirement string `json:"requirement,omitempty"`
	Found       string `json:"found"`
	Reason      string `json:"reason,omitempty"`
	// DivergingOpinion is the auditee's view of a disputed finding, and
	// Resolution how the dispute was settled.
	DivergingOpinion string `json:"divergingOpinion,omitempty"`
	Resolution       string `json:"resolution,omitempty"`
	// RaisedBy and RaisedAt say who wrote the finding and when: the
	// finding's own author and time, which the operation recording it
	// (its Meta) may follow, as a team member's notes are often entered
	// later or by someone else. Left blank and zero, they are the
	// operation's Meta.By and Meta.At.
	RaisedBy string         `json:"raisedBy"`
	RaisedAt time.Time      `json:"raisedAt"`
	State    FindingState   `json:"state"`
	History  []FindingEntry `json:"history"`
}

// FindingKind classifies an audit finding (ISO 19011:2018 6.4.8).
//
//ismsaudit:enum FindingKinds
type FindingKind string

// The FindingKind values. Never reorder.
const (
	Conformity                FindingKind = "conformity"                  // the criterion is met
	Nonconformity             FindingKind = "nonconformity"               // the criterion is not met; graded major or minor
	Observation               FindingKind = "observation"                 // a concern that is not a nonconformity
	OpportunityForImprovement FindingKind = "opportunity-for-improvement" // a way to do better
	GoodPractice              FindingKind = "good-practice"               // practice worth keeping or spreading
)

// Grade is the severity of a nonconformity (ISO 19011:2018 6.4.8; ISO/IEC
// 17021-1:2015 3.12, 3.13).
//
//ismsaudit:enum Grades ordered
type Grade string

// The Grade values. Never reorder.
const (
	Minor Grade = "minor" // does not put the ISMS's ability to achieve its results in doubt
	Major Grade = "major" // puts the ISMS's ability to achieve its results in doubt
)

// FindingState is a state of a finding's lifecycle.
//
//ismsaudit:enum FindingStates
type FindingState string

// The FindingState values. Never reorder.
const (
	FindingDraft        FindingState = "draft"        // written by an auditor
	FindingConfirmed    FindingState = "confirmed"    // confirmed by the audit team (19011:6.4.8)
	FindingPresented    FindingState = "presented"    // presented to the auditee
	FindingAcknowledged FindingState = "acknowledged" // accepted by the auditee
	FindingDisputed     FindingState = "disputed"     // the auditee holds a diverging opinion (19011:6.4.10)
	FindingResolved     FindingState = "resolved"     // a dispute settled with the auditee
	FindingWithdrawn    FindingState = "withdrawn"    // dropped by the team before presentation; kept
)

// FindingEvent moves a finding's lifecycle.
//
//ismsaudit:enum FindingEvents
type FindingEvent string

// The FindingEvent values. Never reorder.
const (
	FindingConfirm     FindingEvent = "confirm"     // draft -> confirmed
	FindingPresent     FindingEvent = "present"     // confirmed -> presented
	FindingAcknowledge FindingEvent = "acknowledge" // presented -> acknowledged
	FindingDispute     FindingEvent = "dispute"     // presented -> disputed
	FindingResolve     FindingEvent = "resolve"     // disputed -> resolved
	FindingWithdraw    FindingEvent = "withdraw"    // draft or confirmed -> withdrawn
)

// FindingEntry is a line of a finding's history.
type FindingEntry = ismsaudit.Entry[FindingState, FindingEvent]

// Standing reports whether the finding is one the team stands by:
// confirmed, or presented and whatever the auditee's response, but not a
// draft and not withdrawn.
func (f Finding) Standing() bool { return standingState(f.State) }

// PresentedAt returns when the finding was presented to the auditee at
// the closing meeting (19011:6.4.10), from its history, and whether it
// was. A nonconformity's corrective action runs from then.
func (f *Finding) PresentedAt() (time.Time, bool) {
	at := firstEntryAt(f.History, FindingPresent)
	return at, !at.IsZero()
}

// standingState reports whether a finding in state s is one the team
// stands by (see Finding.Standing).
func standingState(s FindingState) bool {
	switch s {
	case FindingConfirmed, FindingPresented, FindingAcknowledged, FindingDisputed, FindingResolved:
		return true
	}
	return false
}

// standingAt reports whether f stood (see Finding.Standing) at time t, as
// its history tells: raised by then and, after the entries recorded by
// then, in a standing state. With t zero it is f.Standing(): the finding
// as it stands now.
func standingAt(f *Finding, t time.Time) bool {
	if t.IsZero() {
		return f.Standing()
	}
	if f.RaisedAt.After(t) {
		return false
	}
	s := findingMachine.Initial()
	for _, e := range f.History {
		if e.At.After(t) {
			break
		}
		s = e.To
	}
	return standingState(s)
}

// The rules of finding.
const (
	RuleFindingOrder        ismsaudit.RuleID = "AUD-FINDING-ORDER"
	RuleFindingCriterion    ismsaudit.RuleID = "AUD-FINDING-CRITERION"
	RuleNCEvidence          ismsaudit.RuleID = "AUD-NC-EVIDENCE"
	RuleNCStatement         ismsaudit.RuleID = "AUD-NC-STATEMENT"
	RuleNCGrade             ismsaudit.RuleID = "AUD-NC-GRADE"
	RuleFindingConfirmed    ismsaudit.RuleID = "AUD-FINDING-CONFIRMED"
	RuleDisputeRecorded     ismsaudit.RuleID = "AUD-DISPUTE-RECORDED"
	RuleFindingPhase        ismsaudit.RuleID = "AUD-FINDING-PHASE"
	RuleFindingWithdrawn    ismsaudit.RuleID = "AUD-FINDING-WITHDRAWN"
	RuleFindingResponse     ismsaudit.RuleID = "AUD-FINDING-RESPONSE"
	RuleDisputeBeforeReport ismsaudit.RuleID = "AUD-DISPUTE-BEFORE-REPORT"
)

var findingRules = []ismsaudit.Rule{
	{ID: RuleFindingOrder, Clause: "19011:6.4.8, 6.4.10", Principle: ismsaudit.PrincipleFairPresentation, Text: "a finding is confirmed before it is presented, presented before the auditee acknowledges or disputes it, disputed before a dispute is resolved, and withdrawn only before it is presented; an acknowledged, resolved or withdrawn finding takes no further event"},
	{ID: RuleFindingCriterion, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleEvidenceBased, Text: "every finding cites at least one of the audit's criteria"},
	{ID: RuleNCEvidence, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a nonconformity cites at least one verified evidence item"},
	{ID: RuleNCStatement, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleFairPresentation, Text: "a nonconformity states the requirement, what was found and why it does not conform"},
	{ID: RuleNCGrade, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleFairPresentation, Text: "a nonconformity is graded major or minor, and only a nonconformity has a grade"},
	{ID: RuleFindingConfirmed, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a finding is confirmed by the audit team before it is presented to the auditee"},
	{ID: RuleDisputeRecorded, Clause: "19011:6.4.10", Principle: ismsaudit.PrincipleFairPresentation, Text: "a disputed finding records the auditee's diverging opinion, and a resolution records how it was settled"},
	{ID: RuleFindingPhase, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "findings are raised, confirmed and withdrawn only during fieldwork and the findings stage, and not while the conclusions drawn from them stand agreed"},
	{ID: RuleFindingWithdrawn, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleIntegrity, Text: "a finding the team withdraws before presenting it is kept in the record with the reason"},
	{ID: RuleFindingResponse, Clause: "19011:6.4.10", Principle: ismsaudit.PrincipleFairPresentation, Text: "the auditee acknowledges or disputes a finding only once the closing meeting has presented it"},
	{ID: RuleDisputeBeforeReport, Clause: "19011:6.5.1", Principle: ismsaudit.PrincipleFairPresentation, Text: "a dispute is settled before the report is issued, or the report carries it as an unresolved diverging opinion"},
}

// findingResponseStates are the audit states in which the closing meeting has
// presented the findings and the audit is still open.
var findingResponseStates = []State{StateClosing, StateReported, StateDistributed, StateCompleted, StateFollowUp}

// findingSubject is what finding guards look at: the finding, the audit
// holding it and, when an operation fires the event, what the operation
// brings. For the queries (PermittedFinding, CanFinding, CheckFinding) in
// is not given and the guards on the input pass.
type findingSubject struct {
	a  *Audit
	f  *Finding
	in findingInput
}

// findingInput is what a finding event brings: its text (the auditee's
// diverging opinion for dispute, the resolution for resolve, the reason
// for withdraw), and when and by whom it happens. given is false for a
// query, which brings none. It is held by value, so that firing allocates
// nothing for it.
type findingInput struct {
	given bool
	text  string
	at    time.Time
	by    string
}

// at is the time of the event, zero for a query.
func (s findingSubject) at() time.Time {
	if !s.in.given {
		return time.Time{}
	}
	return s.in.at
}

// findingMachine is a finding's lifecycle (19011 6.4.8, 6.4.10).
var findingMachine = fsm.MustNew(fsm.Spec[FindingState, FindingEvent, findingSubject]{
	Name:     "audit.finding",
	States:   findingStateSet.Values(),
	Events:   findingEventSet.Values(),
	Initial:  FindingDraft,
	Terminal: []FindingState{FindingAcknowledged, FindingResolved, FindingWithdrawn},
	Order:    RuleFindingOrder,
	Record:   RuleRecordWhoWhen,
	Table: []fsm.Transition[FindingState, FindingEvent, findingSubject]{
		{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed, Guards: []fsm.Guard[findingSubject]{
			{Name: "confirmed-by-team", Rule: RuleFindingConfirmed, Check: func(s findingSubject) error {
				if s.in.given && !auditsOnTeam(s.a, s.in.by) {
					return fmt.Errorf("audit: %q is not a team leader or auditor of the audit team", s.in.by)
				}
				return nil
			}},
			{Name: "criteria-in-plan", Rule: RuleFindingCriterion, Check: guardFindingCriteria},
			{Name: "nc-evidence-verified", Rule: RuleNCEvidence, Check: guardNCEvidence},
			{Name: "evidence-verified", Rule: RuleEvidenceVerified, Check: func(s findingSubject) error { return allVerified(s.a, s.f.Evidence, s.at()) }},
			{Name: "nc-statement", Rule: RuleNCStatement, Check: guardNCStatement},
			{Name: "nc-graded", Rule: RuleNCGrade, Check: guardNCGrade},
		}},
		{From: FindingConfirmed, Event: FindingPresent, To: FindingPresented, Guards: []fsm.Guard[findingSubject]{
			{Name: "conclusions-agreed", Rule: RuleClosingAfterConclusions, Check: func(s findingSubject) error { return conclusionsAgreed(s.a) }},
		}},
		{From: FindingPresented, Event: FindingAcknowledge, To: FindingAcknowledged},
		{From: FindingPresented, Event: FindingDispute, To: FindingDisputed, Guards: []fsm.Guard[findingSubject]{
			{Name: "opinion-recorded", Rule: RuleDisputeRecorded, Check: textGuard("the auditee's diverging opinion is required")},
		}},
		{From: FindingDisputed, Event: FindingResolve, To: FindingResolved, Guards: []fsm.Guard[findingSubject]{
			{Name: "resolution-recorded", Rule: RuleDisputeRecorded, Check: textGuard("how the dispute was settled is required")},
			{Name: "report-not-issued", Rule: RuleDisputeBeforeReport, Check: guardReportNotIssued},
		}},
		{From: FindingDraft, Event: FindingWithdraw, To: FindingWithdrawn, Guards: []fsm.Guard[findingSubject]{
			{Name: "reason-recorded", Rule: RuleFindingWithdrawn, Check: textGuard("the reason for withdrawing the finding is required")},
		}},
		{From: FindingConfirmed, Event: FindingWithdraw, To: FindingWithdrawn, Guards: []fsm.Guard[findingSubject]{
			{Name: "reason-recorded", Rule: RuleFindingWithdrawn, Check: textGuard("the reason for withdrawing the finding is required")},
		}},
	},
})

var errNoCriteria = errors.New("audit: the finding cites no criterion")

var errNCEvidence = errors.New("audit: a nonconformity needs at least one evidence item verified by now and not superseded")

var errReportIssued = errors.New("audit: the report is issued; an unresolved dispute stays in it as a diverging opinion")

// findingAt returns the index of the finding with the given id, or -1.
func (a *Audit) findingAt(id FindingID) int {
	for i := range a.Findings {
		if a.Findings[i].ID == id {
			return i
		}
	}
	return -1
}

// cloneFinding returns a copy of f that shares no slice with it.
func cloneFinding(f Finding) Finding {
	f.Criteria = slices.Clone(f.Criteria)
	f.Evidence = slices.Clone(f.Evidence)
	f.History = slices.Clone(f.History)
	return f
}

// findingsOpen refuses a change to the findings (op, such as
// "add-finding") unless the audit is in fieldwork or the findings stage
// and the conclusions drawn from the findings are not agreed.
func (a *Audit) findingsOpen(op string) error {
	if err := a.requireState(op, RuleFindingPhase, StateFieldwork, StateFindings); err != nil {
		return err
	}
	if c := a.Conclusion; c != nil && c.State != ConclusionDraft {
		return &ismsaudit.TransitionError{
			Machine: "audit.conclusion", State: string(c.State), Event: op, Reason: ismsaudit.ReasonWrongState,
			Rule: RuleFindingPhase, Detail: "the conclusions are agreed: revise them before changing the findings",
		}
	}
	return nil
}

// AddFinding records a finding (19011 6.4.8) in draft, while the audit is
// in fieldwork or the findings stage and its conclusions are not agreed
// (rule AUD-FINDING-PHASE). The finding needs a unique ID, a Kind, a Grade
// if and only if it is a nonconformity (AUD-NC-GRADE), at least one valid
// criterion (AUD-FINDING-CRITERION), evidence ids the audit holds, what was
// Found, and RaisedBy and RaisedAt (not after m.At; m.By and m.At when
// left empty). State, History,
// DivergingOpinion and Resolution are the library's and must be empty.
// Whether the criteria are the plan's, the evidence verified and a
// nonconformity's statement complete is checked when the team confirms
// the finding. m.At and m.By are required and m.Note must be empty: the
// finding gets no history entry until its first event.
func (a *Audit) AddFinding(f Finding, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "add-finding", m, &err)
	if err := a.findingsOpen("add-finding"); err != nil {
		return err
	}
	ch := &checker{subject: "finding"}
	ownTime(&f.RaisedAt, m)
	ownAuthor(&f.RaisedBy, m)
	switch {
	case isBlank(string(f.ID)):
		ch.add("ID", "required", "", "the host's id for the finding")
	case a.findingAt(f.ID) >= 0:
		ch.add("ID", "unique", string(f.ID), "the audit already has a finding with this id")
	}
	switch {
	case f.Kind == "":
		ch.add("Kind", "required", "", "the kind of finding")
	case !f.Kind.IsValid():
		ch.add("Kind", "enum", string(f.Kind), "not a kind of finding")
	}
	if p := gradeProblem(&f); p != "" {
		ch.add("Grade", RuleNCGrade, string(f.Grade), p)
	}
	if len(f.Criteria) == 0 {
		ch.add("Criteria", RuleFindingCriterion, "", "a finding cites at least one criterion")
	}
	for i, ref := range f.Criteria {
		path := errs.Index("Criteria", i)
		ch.merge(path, RuleRecordShape, ref.Validate())
		if slices.Index(f.Criteria, ref) < i {
			ch.add(path, "unique", ref.String(), "cited twice")
		}
	}
	for i, id := range f.Evidence {
		path := errs.Index("Evidence", i)
		switch {
		case a.citedEvidence(id) == nil:
			ch.add(path, ismsaudit.RuleUnknown, string(id), "the audit holds no evidence item with this id")
		case slices.Index(f.Evidence, id) < i:
			ch.add(path, "unique", string(id), "cited twice")
		}
	}
	if isBlank(f.Found) {
		ch.add("Found", "required", "", "what was found")
	}
	if f.DivergingOpinion != "" {
		ch.add("DivergingOpinion", "empty", f.DivergingOpinion, "recorded by DisputeFinding")
	}
	if f.Resolution != "" {
		ch.add("Resolution", "empty", f.Resolution, "recorded by ResolveDispute")
	}
	if isBlank(f.RaisedBy) {
		ch.add("RaisedBy", "required", "", "who wrote the finding")
	}
	switch {
	case f.RaisedAt.IsZero():
		ch.add("RaisedAt", "required", "", "when the finding was written")
	case !m.At.IsZero() && f.RaisedAt.After(m.At):
		ch.add("RaisedAt", "not-after-event", f.RaisedAt.Format(time.RFC3339), "after the time of recording "+m.At.Format(time.RFC3339))
	}
	if f.State != "" {
		ch.add("State", "empty", string(f.State), "set by the library")
	}
	if f.History != nil {
		ch.add("History", "empty", "", "set by the library")
	}
	ch.metaNoEntry(m, time.Time{})
	if err := ch.err(); err != nil {
		return err
	}
	f.Criteria = slices.Clone(f.Criteria)
	f.Evidence = cloneOrNil(f.Evidence)
	f.State = findingMachine.Initial()
	f.History = []FindingEntry{}
	a.Findings = append(a.Findings, f)
	return nil
}

// findingOp names the operation that fires each finding event, and the
// rule that says in which audit states it is allowed.
var findingOp = map[FindingEvent]struct {
	op   string
	rule ismsaudit.RuleID
}{
	FindingConfirm:     {"confirm-finding", RuleFindingPhase},
	FindingWithdraw:    {"withdraw-finding", RuleFindingPhase},
	FindingPresent:     {string(EventHoldClosingMeeting), RuleClosingAfterConclusions},
	FindingAcknowledge: {"acknowledge-finding", RuleFindingResponse},
	FindingDispute:     {"dispute-finding", RuleFindingResponse},
	FindingResolve:     {"resolve-dispute", RuleFindingResponse},
}

// findingFor returns the finding id that event may fire on: the audit's
// state allows the event (findings are raised, confirmed and withdrawn
// while they are open, presented at the closing meeting, answered by the
// auditee once presented) and the audit has the finding.
func (a *Audit) findingFor(id FindingID, event FindingEvent) (*Finding, error) {
	op := findingOp[event]
	var err error
	switch op.rule {
	case RuleFindingPhase:
		err = a.findingsOpen(op.op)
	case RuleClosingAfterConclusions:
		err = a.requireState(op.op, op.rule, StateFindings)
	case RuleFindingResponse:
		err = a.requireState(op.op, op.rule, findingResponseStates...)
	}
	if err != nil {
		return nil, err
	}
	i := a.findingAt(id)
	if i < 0 {
		return nil, notFound("finding", string(id))
	}
	return &a.Findings[i], nil
}

// fireFinding fires event on the finding with the given id, text being
// what the event brings (see findingInput), and applies change to the
// finding together with the new state and history entry. It changes
// nothing when the event is refused.
func (a *Audit) fireFinding(id FindingID, event FindingEvent, text string, m ismsaudit.Meta, change func(*Finding)) error {
	f, err := a.findingFor(id, event)
	if err != nil {
		return err
	}
	e, err := findingMachine.Fire(findingSubject{a: a, f: f, in: findingInput{given: true, text: text, at: m.At, by: m.By}}, f.State, findingLast(f), event, m)
	if err != nil {
		return err
	}
	if event == FindingWithdraw {
		e.Reason = text
	}
	if change != nil {
		change(f)
	}
	f.State = e.To
	f.History = append(f.History, e)
	return nil
}

// PermittedFinding returns the events the finding id allows now, in
// canonical order: none when the audit's state allows no finding event or
// the audit has no such finding. Events that bring an input (the reason,
// the diverging opinion, the resolution) are listed when the finding
// allows them, and the confirmation whoever confirms: the input and the
// confirming member are checked when the event fires.
func (a *Audit) PermittedFinding(id FindingID) []FindingEvent {
	var out []FindingEvent
	for e := range FindingEvents() {
		if a.CanFinding(id, e) {
			out = append(out, e)
		}
	}
	return out
}

// CanFinding reports whether the finding id allows event e now (see
// PermittedFinding).
func (a *Audit) CanFinding(id FindingID, e FindingEvent) bool {
	f, err := a.findingFor(id, e)
	return err == nil && findingMachine.Can(findingSubject{a: a, f: f}, f.State, e)
}

// CheckFinding reports why the finding id would refuse event e now: nil
// when it allows it (as CanFinding reports), otherwise the error the
// operation firing e would return (HoldClosingMeeting for present), its
// Meta and input aside: a *ismsaudit.TransitionError naming the state and
// the rule, or a *ismsaudit.NotFoundError when the audit has no such
// finding.
func (a *Audit) CheckFinding(id FindingID, e FindingEvent) error {
	f, err := a.findingFor(id, e)
	if err != nil {
		return err
	}
	return findingMachine.Check(findingSubject{a: a, f: f}, f.State, e)
}

// findingLast is the time of the latest thing recorded on f: its last
// history entry, or when it was raised. A new event may not precede it.
func findingLast(f *Finding) time.Time {
	last := fsm.Last(f.History)
	if f.RaisedAt.After(last) {
		return f.RaisedAt
	}
	return last
}

// ConfirmFinding records that the audit team confirms a draft finding
// (19011 6.4.8). Guards: m.By is the competence id of a team leader or
// auditor of the team (AUD-FINDING-CONFIRMED); every cited criterion is one of the audit plan's
// (AUD-FINDING-CRITERION); a nonconformity cites at least one verified
// evidence item (AUD-NC-EVIDENCE); every evidence item a finding of any
// kind cites is audit evidence by m.At, verified and not superseded
// (AUD-EVIDENCE-VERIFIED); a nonconformity states the requirement, what
// was found and why it does not conform (AUD-NC-STATEMENT) and is graded
// (AUD-NC-GRADE). Allowed while findings are open (AUD-FINDING-PHASE).
func (a *Audit) ConfirmFinding(id FindingID, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "confirm-finding", m, &err)
	return a.fireFinding(id, FindingConfirm, "", m, nil)
}

// WithdrawFinding withdraws a draft or confirmed finding before it is
// presented. The finding stays in the record; the reason says why and is
// required (AUD-FINDING-WITHDRAWN); it is kept in the history entry's
// Reason. Allowed while findings are open (AUD-FINDING-PHASE).
func (a *Audit) WithdrawFinding(id FindingID, reason string, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "withdraw-finding", m, &err)
	return a.fireFinding(id, FindingWithdraw, reason, m, nil)
}

// AcknowledgeFinding records that the auditee accepts a finding presented
// at the closing meeting (AUD-FINDING-RESPONSE).
func (a *Audit) AcknowledgeFinding(id FindingID, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "acknowledge-finding", m, &err)
	return a.fireFinding(id, FindingAcknowledge, "", m, nil)
}

// DisputeFinding records that the auditee does not accept a presented
// finding, with its diverging opinion (19011 6.4.10; AUD-DISPUTE-RECORDED,
// AUD-FINDING-RESPONSE).
func (a *Audit) DisputeFinding(id FindingID, opinion string, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "dispute-finding", m, &err)
	return a.fireFinding(id, FindingDispute, opinion, m, func(f *Finding) { f.DivergingOpinion = opinion })
}

// ResolveDispute records how a dispute was settled with the auditee
// (AUD-DISPUTE-RECORDED). The finding stands, as presented, with the
// resolution beside the auditee's opinion. Only before the report is
// issued, that is while the audit is in the closing state
// (AUD-DISPUTE-BEFORE-REPORT): a dispute still open then stays disputed
// and the report carries it as an unresolved diverging opinion.
func (a *Audit) ResolveDispute(id FindingID, resolution string, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "resolve-dispute", m, &err)
	return a.fireFinding(id, FindingResolve, resolution, m, func(f *Finding) { f.Resolution = resolution })
}

// Finding returns a copy of the finding with the given id.
func (a *Audit) Finding(id FindingID) (Finding, bool) {
	i := a.findingAt(id)
	if i < 0 {
		return Finding{}, false
	}
	return cloneFinding(a.Findings[i]), true
}

// findingsWhere yields copies of the findings keep accepts, in record
// order.
func (a *Audit) findingsWhere(keep func(*Finding) bool) iter.Seq[Finding] {
	return func(yield func(Finding) bool) {
		for i := range a.Findings {
			if keep(&a.Findings[i]) && !yield(cloneFinding(a.Findings[i])) {
				return
			}
		}
	}
}

// Nonconformities yields copies of the standing nonconformities (see
// Finding.Standing), in record order.
func (a *Audit) Nonconformities() iter.Seq[Finding] {
	return a.findingsWhere(func(f *Finding) bool { return f.Kind == Nonconformity && f.Standing() })
}

// RecurringFindings lists the criteria that standing nonconformities cite
// in two or more distinct areas (Finding.Area; findings without an area
// are not counted), in the order the criteria are first cited, each with
// its areas and findings in record order. It helps fill
// Conclusion.Recurring.
func (a *Audit) RecurringFindings() []Recurrence {
	var out []Recurrence
	at := map[annexa.Ref]int{}
	for i := range a.Findings {
		f := &a.Findings[i]
		if f.Kind != Nonconformity || !f.Standing() || isBlank(f.Area) {
			continue
		}
		for _, ref := range f.Criteria {
			j, ok := at[ref]
			if !ok {
				j = len(out)
				at[ref] = j
				out = append(out, Recurrence{Criterion: ref})
			}
			r := &out[j]
			if !slices.Contains(r.Findings, f.ID) {
				r.Findings = append(r.Findings, f.ID)
			}
			if !slices.Contains(r.Areas, f.Area) {
				r.Areas = append(r.Areas, f.Area)
			}
		}
	}
	return slices.DeleteFunc(out, func(r Recurrence) bool { return len(r.Areas) < 2 })
}

func textGuard(detail string) func(findingSubject) error {
	err := errors.New("audit: " + detail)
	return func(s findingSubject) error {
		if s.in.given && isBlank(s.in.text) {
			return err
		}
		return nil
	}
}

func guardFindingCriteria(s findingSubject) error {
	if len(s.f.Criteria) == 0 {
		return errNoCriteria
	}
	for _, ref := range s.f.Criteria {
		if !planHasCriterion(s.a.Plan, ref) {
			return fmt.Errorf("audit: criterion %q is not one of the audit plan's criteria", ref.String())
		}
	}
	return nil
}

func guardNCEvidence(s findingSubject) error {
	if s.f.Kind != Nonconformity || citesVerifiedEvidence(s.a, s.f.Evidence, s.at()) {
		return nil
	}
	return errNCEvidence
}

// ncStatementGaps names the parts of a nonconformity's statement that are
// missing: the requirement, what was found, why it does not conform.
func ncStatementGaps(f *Finding) []string {
	if f.Kind != Nonconformity {
		return nil
	}
	var gaps []string
	if isBlank(f.Requirement) {
		gaps = append(gaps, "Requirement")
	}
	if isBlank(f.Found) {
		gaps = append(gaps, "Found")
	}
	if isBlank(f.Reason) {
		gaps = append(gaps, "Reason")
	}
	return gaps
}

func guardNCStatement(s findingSubject) error {
	if gaps := ncStatementGaps(s.f); len(gaps) > 0 {
		return fmt.Errorf("audit: the nonconformity does not state %s", strings.Join(gaps, ", "))
	}
	return nil
}

// gradeProblem says what is wrong with a finding's grade, or "".
func gradeProblem(f *Finding) string {
	switch {
	case f.Kind == Nonconformity && f.Grade == "":
		return "a nonconformity is graded major or minor"
	case f.Kind == Nonconformity && !f.Grade.IsValid():
		return "not a grade (major or minor)"
	case f.Kind != Nonconformity && f.Grade != "":
		return "only a nonconformity has a grade"
	}
	return ""
}

func guardNCGrade(s findingSubject) error {
	if p := gradeProblem(s.f); p != "" {
		return errors.New("audit: " + p)
	}
	return nil
}

func guardReportNotIssued(s findingSubject) error {
	if s.a.State != StateClosing {
		return errReportIssued
	}
	return nil
}

// evidenceCited reports whether some of ids names an evidence item
// of the record that was verified at t (see verifiedBy).
func (v *verifier) evidenceCited(ids []ismsaudit.EvidenceID, t time.Time) bool {
	for _, id := range ids {
		if k := v.evidenceAt(id); k >= 0 && verifiedBy(&v.a.Evidence[k], t) {
			return true
		}
	}
	return false
}

// checkEvidenceRefs reports evidence ids (p's Evidence) the
// record lacks and repeats, and reports whether one of them was verified
// at t (see verifiedBy). When each is set, every id that
// names an item not verified at t is reported under AUD-EVIDENCE-VERIFIED
// as well: only verified information is audit evidence.
func (v *verifier) checkEvidenceRefs(p itemPath, ids []ismsaudit.EvidenceID, t time.Time, each bool) (verified bool) {
	for k, id := range ids {
		i := v.evidenceAt(id)
		if i < 0 {
			v.violate(p.at(errs.Index("Evidence", k)), RuleRecordShape, string(id), "the record holds no evidence item with this id")
			continue
		}
		ok := verifiedBy(&v.a.Evidence[i], t)
		verified = verified || ok
		if each && !ok {
			v.violate(p.at(errs.Index("Evidence", k)), RuleEvidenceVerified, string(id), "not audit evidence: never verified, or not by the time it was relied on")
		}
		for _, earlier := range ids[:k] {
			if earlier == id {
				v.violate(p.at(errs.Index("Evidence", k)), RuleRecordShape, string(id), "cited twice")
				break
			}
		}
	}
	return verified
}

// verifyFindings checks the findings.
func (v *verifier) verifyFindings() {
	a := v.a
	stage := stageOf(a.State)
	issued := firstEntryAt(a.History, EventIssueReport)
	for i := range a.Findings {
		f := &a.Findings[i]
		p := itemPath{"Findings", i}

		switch {
		case isBlank(string(f.ID)):
			v.violate(p.at("ID"), RuleRecordShape, "", "a finding needs an id")
		case v.findings.firstOf(i, a.findingID) != i:
			v.violate(p.at("ID"), RuleRecordShape, string(f.ID), "another finding has the same id")
		}
		if !f.Kind.IsValid() {
			v.violate(p.at("Kind"), RuleRecordShape, string(f.Kind), "not a kind of finding")
		}
		if g := gradeProblem(f); g != "" {
			v.violate(p.at("Grade"), RuleNCGrade, string(f.Grade), g)
		}
		if isBlank(f.RaisedBy) {
			v.violate(p.at("RaisedBy"), RuleRecordShape, "", "who wrote the finding is required")
		}
		if f.RaisedAt.IsZero() {
			v.violate(p.at("RaisedAt"), RuleRecordShape, "", "when the finding was written is required")
		} else if len(f.History) > 0 && f.History[0].At.Before(f.RaisedAt) {
			v.violate(p.at("History[0].At"), RuleHistoryValid, f.History[0].At.Format(time.RFC3339), "before the finding was raised")
		}

		standing := f.Standing()
		if len(f.Criteria) == 0 {
			v.violate(p.at("Criteria"), RuleFindingCriterion, "", "a finding cites at least one criterion")
		}
		for k, ref := range f.Criteria {
			switch {
			case !refValid(ref):
				v.violate(p.at(errs.Index("Criteria", k)), RuleRecordShape, ref.String(), "not a valid reference")
			case standing && !v.criteria.has(ref):
				v.violate(p.at(errs.Index("Criteria", k)), RuleFindingCriterion, ref.String(), "not one of the audit plan's criteria")
			}
		}
		verified := v.checkEvidenceRefs(p, f.Evidence, firstEntryAt(f.History, FindingConfirm), standing)
		if f.Kind == Nonconformity && standing {
			if !verified {
				v.violate(p.at("Evidence"), RuleNCEvidence, "", "the nonconformity cites no evidence item that was verified when it was confirmed")
			}
			for _, gap := range ncStatementGaps(f) {
				v.violate(p.at(gap), RuleNCStatement, "", "a nonconformity states the requirement, what was found and why it does not conform")
			}
		} else if isBlank(f.Found) {
			v.violate(p.at("Found"), RuleRecordShape, "", "what was found is required")
		}

		if !f.State.IsValid() {
			v.violate(p.at("State"), RuleRecordShape, string(f.State), "not a finding state")
		} else {
			replayTo(v, p, findingMachine, f.History, f.State)
		}
		v.checkDispute(p, f, issued)
		for k, e := range f.History {
			switch {
			case e.Event == FindingWithdraw && isBlank(e.Reason):
				v.violate(p.at(errs.Index("History", k)+".Reason"), RuleFindingWithdrawn, "", "the reason for withdrawing the finding is required")
			case e.Event == FindingConfirm && !auditsOnTeam(a, e.By):
				v.violate(p.at(errs.Index("History", k)+".By"), RuleFindingConfirmed, e.By, "not a team leader or auditor of the audit team")
			}
		}
		v.checkSettledBeforeAgreement(p, f)

		switch stage {
		case stageBefore:
			v.violate(p.at(""), RuleFindingPhase, string(f.ID), "a finding before fieldwork started")
		case stageOpen:
			if f.State == FindingPresented || f.State == FindingAcknowledged || f.State == FindingDisputed || f.State == FindingResolved {
				v.violate(p.at("State"), RuleClosingMeeting, string(f.State), "presented before the closing meeting")
			}
		case stagePresented:
			switch f.State {
			case FindingDraft:
				v.violate(p.at("State"), RuleConclusionAfterFindings, string(f.State), "still a draft after the closing meeting")
			case FindingConfirmed:
				v.violate(p.at("State"), RuleClosingMeeting, string(f.State), "confirmed but not presented at the closing meeting")
			}
		}
	}
}

// checkSettledBeforeAgreement reports a finding raised, confirmed or
// withdrawn after the conclusions in force were agreed
// (AUD-FINDING-PHASE): the conclusions, their fulfilment, the checklist's
// agreement and the recommendation are judged on the findings as they
// stood then.
func (v *verifier) checkSettledBeforeAgreement(p itemPath, f *Finding) {
	if !v.concluded || v.agreed.IsZero() {
		return
	}
	if f.RaisedAt.After(v.agreed) {
		v.violate(p.at("RaisedAt"), RuleFindingPhase, timeText(f.RaisedAt), "raised after the conclusions were agreed at "+timeText(v.agreed))
	}
	for k, e := range f.History {
		what := "confirmed"
		switch {
		case e.Event == FindingWithdraw:
			what = "withdrawn"
		case e.Event != FindingConfirm:
			continue
		}
		if e.At.After(v.agreed) {
			v.violate(p.at(errs.Index("History", k)), RuleFindingPhase, timeText(e.At), what+" after the conclusions were agreed at "+timeText(v.agreed))
		}
	}
}

// checkDispute checks the diverging opinion and resolution of a finding
// against its state, and that a dispute was resolved before the report was
// issued (issued: the time of the audit's issue-report entry, or zero).
func (v *verifier) checkDispute(p itemPath, f *Finding, issued time.Time) {
	disputed := f.State == FindingDisputed || f.State == FindingResolved
	switch {
	case disputed && isBlank(f.DivergingOpinion):
		v.violate(p.at("DivergingOpinion"), RuleDisputeRecorded, "", "a disputed finding records the auditee's diverging opinion")
	case !disputed && f.DivergingOpinion != "":
		v.violate(p.at("DivergingOpinion"), RuleDisputeRecorded, f.DivergingOpinion, "a diverging opinion on a finding that is not disputed")
	}
	switch {
	case f.State == FindingResolved && isBlank(f.Resolution):
		v.violate(p.at("Resolution"), RuleDisputeRecorded, "", "a resolved dispute records how it was settled")
	case f.State != FindingResolved && f.Resolution != "":
		v.violate(p.at("Resolution"), RuleDisputeRecorded, f.Resolution, "a resolution of a dispute that is not resolved")
	}
	if issued.IsZero() {
		return
	}
	for k, e := range f.History {
		if e.Event == FindingResolve && e.At.After(issued) {
			v.violate(p.at(errs.Index("History", k)), RuleDisputeBeforeReport, e.At.Format(time.RFC3339), "resolved after the report was issued at "+issued.Format(time.RFC3339))
		}
	}
}
