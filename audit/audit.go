package audit

import (
	"errors"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// Audit is the whole record of one audit, from initiation to follow-up
// (ISO 19011:2018 clause 6; ISO/IEC 27007:2020 clause 6). Fields are
// exported so that the record encodes to JSON and compares with go-cmp, but
// change it through its methods: each checks everything first and then
// applies whole, or returns an error and leaves the record exactly as it
// was. Evidence and every history are append-only. Verify checks a record
// however it was obtained (for example decoded from another tool's JSON).
type Audit struct {
	// DocumentKind and FormatVersion are the document's envelope (see
	// ismsaudit.DocumentKind): ismsaudit.KindAudit and the format version
	// the record was read or made in. The constructors and the decoder set
	// them; the library's operations neither read nor change them.
	DocumentKind  ismsaudit.DocumentKind  `json:"documentKind,omitempty"`
	FormatVersion ismsaudit.FormatVersion `json:"formatVersion,omitempty"`
	// ID is the host's id for the audit.
	ID ismsaudit.AuditID `json:"id"`
	// Kind is the kind of audit: internal (first party), second party, or a
	// third-party certification audit (stage 1, stage 2, surveillance,
	// recertification, special).
	Kind annexa.AuditKind `json:"kind"`
	// Client is who asked for the audit (the audit client, 19011 3.7).
	Client string `json:"client"`
	// Auditee is the organization audited (19011 3.13).
	Auditee string `json:"auditee"`
	// Programme is the host's id of the audit programme, if any.
	Programme ismsaudit.ProgrammeID `json:"programme,omitempty"`
	// Baseline is the previous audit of the same auditee this one follows
	// up, if any.
	Baseline ismsaudit.AuditID `json:"baseline,omitempty"`
	// CreatedAt is when the record was created.
	CreatedAt time.Time `json:"createdAt"`
	// CreatedBy is who created it.
	CreatedBy string `json:"createdBy"`

	// State is where the audit lifecycle stands; History is how it got
	// there.
	State   State   `json:"state"`
	History []Entry `json:"history"`

	// Contact records the contact established with the auditee (6.2.2).
	Contact *Contact `json:"contact,omitempty"`
	// Feasibility records the feasibility decision (6.2.3).
	Feasibility *Feasibility `json:"feasibility,omitempty"`

	// Team lists the people taking part, with their roles (5.5.4, 6.4.2).
	Team []Member `json:"team,omitempty"`
	// Plan is the audit plan with its own lifecycle and versions (6.3.2).
	Plan *Plan `json:"plan,omitempty"`
	// Checklist is the work document from the annexa catalogue (6.3.4).
	Checklist *annexa.Checklist `json:"checklist,omitempty"`
	// Sampling lists the sampling plans (6.3.4, Annex A.6).
	Sampling []SamplingPlan `json:"sampling,omitempty"`

	// Opening is the opening meeting (6.4.3).
	Opening *OpeningMeeting `json:"opening,omitempty"`
	// Evidence is the append-only evidence log (6.4.7).
	Evidence []Evidence `json:"evidence,omitempty"`
	// Risks lists urgent, significant risks escalated during the audit
	// (6.4.4).
	Risks []EscalatedRisk `json:"risks,omitempty"`
	// Findings lists the audit findings (6.4.8).
	Findings []Finding `json:"findings,omitempty"`
	// Conclusion holds the audit conclusions (6.4.9).
	Conclusion *Conclusion `json:"conclusion,omitempty"`
	// Closing is the closing meeting (6.4.10).
	Closing *ClosingMeeting `json:"closing,omitempty"`
	// Report records the issue and distribution of the report (6.5).
	Report *ReportRecord `json:"report,omitempty"`
	// Completion records how the audit was completed (6.6).
	Completion *Completion `json:"completion,omitempty"`
	// FollowUps holds one follow-up per nonconformity (6.7).
	FollowUps []FollowUp `json:"followUps,omitempty"`
	// Termination records why the audit was stopped early (6.4.4).
	Termination *Termination `json:"termination,omitempty"`
	// Seal is the hash-chain seal over evidence and histories, if sealed.
	Seal *Seal `json:"seal,omitempty"`
}

// NewOptions are what an audit record starts with.
type NewOptions struct {
	// ID is the host's id for the audit; required.
	ID ismsaudit.AuditID `json:"id"`
	// Kind is the kind of audit; required.
	Kind annexa.AuditKind `json:"kind"`
	// Client is who asked for the audit; required.
	Client string `json:"client"`
	// Auditee is the organization audited; required.
	Auditee string `json:"auditee"`
	// Programme is the host's id of the audit programme, if any.
	Programme ismsaudit.ProgrammeID `json:"programme,omitempty"`
	// Baseline is the previous audit this one follows up, if any.
	Baseline ismsaudit.AuditID `json:"baseline,omitempty"`
}

// State is a state of the audit lifecycle (ISO 19011:2018 clause 6).
//
//ismsaudit:enum States
type State string

// The State values. Never reorder.
const (
	StateInitiation  State = "initiation"  // contact and feasibility (19011:6.2)
	StatePreparation State = "preparation" // documents reviewed, plan and work documents prepared (19011:6.3)
	StateFieldwork   State = "fieldwork"   // opening meeting held, evidence being collected (19011:6.4.3-6.4.7)
	StateFindings    State = "findings"    // fieldwork over, findings and conclusions being settled (19011:6.4.8-6.4.9)
	StateClosing     State = "closing"     // closing meeting held, report being prepared (19011:6.4.10)
	StateReported    State = "reported"    // report issued, not yet distributed (19011:6.5.1)
	StateDistributed State = "distributed" // report distributed to its recipients (19011:6.5.2)
	StateCompleted   State = "completed"   // audit completed (19011:6.6)
	StateFollowUp    State = "follow-up"   // corrective actions being followed up (19011:6.7)
	StateClosed      State = "closed"      // every follow-up closed; nothing more to do
	StateTerminated  State = "terminated"  // stopped before completion, with a reason (19011:6.4.4)
)

// Event moves the audit lifecycle.
//
//ismsaudit:enum Events
type Event string

// The Event values. Never reorder.
const (
	EventPrepare            Event = "prepare"              // initiation -> preparation
	EventOpen               Event = "open"                 // preparation -> fieldwork, at the opening meeting
	EventEndFieldwork       Event = "end-fieldwork"        // fieldwork -> findings
	EventHoldClosingMeeting Event = "hold-closing-meeting" // findings -> closing
	EventIssueReport        Event = "issue-report"         // closing -> reported
	EventDistribute         Event = "distribute"           // reported -> distributed
	EventComplete           Event = "complete"             // distributed -> completed
	EventStartFollowUp      Event = "start-follow-up"      // completed -> follow-up
	EventClose              Event = "close"                // completed or follow-up -> closed
	EventTerminate          Event = "terminate"            // any state before completion -> terminated
	EventAttachChecklist    Event = "attach-checklist"     // preparation -> preparation, a checklist attached
)

// Entry is a line of the audit lifecycle's history: an accepted event
// with its time, actor and note.
type Entry = ismsaudit.Entry[State, Event]

// Termination records why an audit was stopped (19011 6.4.4).
type Termination struct {
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
	By     string    `json:"by"`
}

// The rules of audit.
const (
	RuleRecordWhoWhen   ismsaudit.RuleID = "AUD-RECORD-WHO-WHEN"
	RuleAuditOrder      ismsaudit.RuleID = "AUD-AUDIT-ORDER"
	RuleTerminateReason ismsaudit.RuleID = "AUD-TERMINATE-REASON"
	RuleHistoryValid    ismsaudit.RuleID = "AUD-HISTORY-VALID"
	RuleRecordShape     ismsaudit.RuleID = "AUD-RECORD-SHAPE"
)

var auditRules = []ismsaudit.Rule{
	{ID: RuleRecordWhoWhen, Clause: "19011:5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "every operation records when it happened and who did it, and no entry of a history is earlier than the entry before it"},
	{ID: RuleAuditOrder, Clause: "19011:6.1", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the audit moves through initiation, preparation, fieldwork, findings, the closing meeting, the report, completion and follow-up in that order; an event out of that order, or after the audit is closed or terminated, is refused"},
	{ID: RuleTerminateReason, Clause: "19011:6.4.4", Principle: ismsaudit.PrincipleFairPresentation, Text: "an audit stopped before completion records why"},
	{ID: RuleHistoryValid, Clause: "19011:5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "every lifecycle's history is a path through its table, in time order, ending in the recorded state"},
	{ID: RuleRecordShape, Clause: "19011:5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "the record holds every required field with valid values and no reference to anything it lacks"},
}

// auditSubject is what the audit lifecycle's guards look at: the audit and,
// when an operation fires the event, the record the event brings with it
// (the meeting, the recipients, the reason...). When in is nil, as for Can
// and Permitted, the guards on that record pass: they ask only whether the
// audit itself allows the event.
type auditSubject struct {
	a  *Audit
	in *auditInput
}

// auditInput is the record an event brings.
type auditInput struct {
	opening    *OpeningMeeting
	closing    *ClosingMeeting
	recipients []Recipient
	completion *Completion
	reason     string
}

type auditGuard = fsm.Guard[auditSubject]

// The audit lifecycle's guards, each citing the rule it enforces.
var (
	guardContact       = auditGuard{Name: "contact-established", Rule: RuleInitContact, Check: checkContactRecorded}
	guardFeasible      = auditGuard{Name: "found-feasible", Rule: RuleInitFeasible, Check: checkFeasibleRecorded}
	guardPlanReady     = auditGuard{Name: "plan-communicated", Rule: RuleOpenAfterPlan, Check: checkPlanReadyToOpen}
	guardOpening       = auditGuard{Name: "opening-meeting", Rule: RuleOpeningMeeting, Check: checkOpeningInput}
	guardCovered       = auditGuard{Name: "checklist-covered", Rule: RuleFieldworkCovered, Check: checkChecklistCovered}
	guardResultsProven = auditGuard{Name: "results-on-verified-evidence", Rule: RuleEvidenceVerified, Check: checkResultsVerified}
	guardPlanSettled   = auditGuard{Name: "plan-settled", Rule: RulePlanCommunicated, Check: checkPlanSettled}
	guardConcluded     = auditGuard{Name: "conclusions-agreed", Rule: RuleClosingAfterConclusions, Check: checkConclusionsAgreed}
	guardClosing       = auditGuard{Name: "closing-meeting", Rule: RuleClosingMeeting, Check: checkClosingInput}
	guardClosed        = auditGuard{Name: "closing-recorded", Rule: RuleReportAfterClosing, Check: checkClosingRecorded}
	guardRecipients    = auditGuard{Name: "recipients-named", Rule: RuleReportDistributed, Check: checkRecipientsInput}
	guardDistributed   = auditGuard{Name: "report-distributed", Rule: RuleCompleteAfterDistribution, Check: checkDistributed}
	guardRecords       = auditGuard{Name: "records-arranged", Rule: RuleCompleteRecords, Check: checkCompletionInput}
	guardFollowUpOpen  = auditGuard{Name: "follow-up-needed", Rule: RuleFollowUpStart, Check: checkFollowUpNeeded}
	guardEveryNC       = auditGuard{Name: "every-nc-followed", Rule: RuleFollowUpEveryNC, Check: checkEveryNCFollowed}
	guardPlanDrafted   = auditGuard{Name: "plan-drafted", Rule: RuleChecklistPlanned, Check: checkPlanDrafted}
	guardFollowUpsDone = auditGuard{Name: "follow-ups-closed", Rule: RuleCloseFollowUps, Check: checkFollowUpsClosed}
	guardReason        = auditGuard{Name: "reason-given", Rule: RuleTerminateReason, Check: checkTerminationInput}
)

// auditMachine is the audit lifecycle (19011 clause 6).
var auditMachine = fsm.MustNew(fsm.Spec[State, Event, auditSubject]{
	Name:     "audit.audit",
	States:   stateSet.Values(),
	Events:   eventSet.Values(),
	Initial:  StateInitiation,
	Terminal: []State{StateClosed, StateTerminated},
	Order:    RuleAuditOrder,
	Record:   RuleRecordWhoWhen,
	Table: []fsm.Transition[State, Event, auditSubject]{
		{From: StateInitiation, Event: EventPrepare, To: StatePreparation, Guards: []auditGuard{guardContact, guardFeasible}},
		{From: StatePreparation, Event: EventAttachChecklist, To: StatePreparation, Guards: []auditGuard{guardPlanDrafted}},
		{From: StatePreparation, Event: EventOpen, To: StateFieldwork, Guards: []auditGuard{guardPlanReady, guardOpening}},
		{From: StateFieldwork, Event: EventEndFieldwork, To: StateFindings, Guards: []auditGuard{guardPlanSettled, guardCovered, guardResultsProven}},
		{From: StateFindings, Event: EventHoldClosingMeeting, To: StateClosing, Guards: []auditGuard{guardConcluded, guardClosing}},
		{From: StateClosing, Event: EventIssueReport, To: StateReported, Guards: []auditGuard{guardClosed}},
		{From: StateReported, Event: EventDistribute, To: StateDistributed, Guards: []auditGuard{guardRecipients}},
		{From: StateDistributed, Event: EventComplete, To: StateCompleted, Guards: []auditGuard{guardDistributed, guardRecords}},
		{From: StateCompleted, Event: EventStartFollowUp, To: StateFollowUp, Guards: []auditGuard{guardFollowUpOpen, guardEveryNC}},
		{From: StateCompleted, Event: EventClose, To: StateClosed, Guards: []auditGuard{guardFollowUpsDone}},
		{From: StateFollowUp, Event: EventClose, To: StateClosed, Guards: []auditGuard{guardFollowUpsDone}},
		terminateRow(StateInitiation),
		terminateRow(StatePreparation),
		terminateRow(StateFieldwork),
		terminateRow(StateFindings),
		terminateRow(StateClosing),
		terminateRow(StateReported),
		terminateRow(StateDistributed),
	},
})

var errNoReason = errors.New("a termination needs a reason")

// eventTimes indexes the audit history: the first entry of each event.
type eventTimes map[Event]Entry

// New starts an audit record in StateInitiation. m says when and by whom
// the record was created. Every problem with the options is reported at
// once in a *ismsaudit.ValidationError.
func New(opts NewOptions, m ismsaudit.Meta) (*Audit, error) {
	ch := &checker{subject: "new audit"}
	required := func(path, value, what string) {
		if isBlank(value) {
			ch.add(path, "required", "", what)
		}
	}
	required("ID", string(opts.ID), "the host's id for the audit")
	required("Client", opts.Client, "who asked for the audit (the audit client)")
	required("Auditee", opts.Auditee, "the organization audited")
	switch {
	case opts.Kind == "":
		ch.add("Kind", "required", "", "the kind of audit")
	case !opts.Kind.IsValid():
		ch.add("Kind", "enum", string(opts.Kind), "not an audit kind")
	}
	if opts.Baseline != "" && opts.Baseline == opts.ID {
		ch.add("Baseline", "self-baseline", string(opts.Baseline), "an audit cannot be its own baseline")
	}
	if m.At.IsZero() {
		ch.add("Meta.At", "required", "", "when the record was created")
	}
	required("Meta.By", m.By, "who created the record")
	if err := ch.err(); err != nil {
		return nil, err
	}
	return &Audit{
		DocumentKind: ismsaudit.KindAudit, FormatVersion: ismsaudit.KindAudit.FormatVersion(),
		ID: opts.ID, Kind: opts.Kind, Client: opts.Client, Auditee: opts.Auditee,
		Programme: opts.Programme, Baseline: opts.Baseline,
		CreatedAt: m.At, CreatedBy: m.By,
		State: auditMachine.Initial(), History: []Entry{},
	}, nil
}

// IsCertification reports whether the audit is a third-party
// certification audit (stage 1, stage 2, surveillance, recertification or
// special), for which conclusions carry a recommendation.
func (a *Audit) IsCertification() bool {
	switch a.Kind {
	case annexa.Stage1, annexa.Stage2, annexa.Surveillance, annexa.Recertification, annexa.Special:
		return true
	}
	return false
}

// terminateRow is the row that stops an audit from state s.
func terminateRow(s State) fsm.Transition[State, Event, auditSubject] {
	return fsm.Transition[State, Event, auditSubject]{From: s, Event: EventTerminate, To: StateTerminated, Guards: []auditGuard{guardReason}}
}

// fireEvent asks the audit lifecycle for event ev with the record in the event
// brings; it returns the history entry to append or the refusal. It
// changes nothing. The event's time must not precede the record's
// creation, its latest history entry, nor the latest entry of the plan's
// history: the record's times only move forward.
func (a *Audit) fireEvent(ev Event, in *auditInput, m ismsaudit.Meta) (Entry, error) {
	return auditMachine.Fire(auditSubject{a: a, in: in}, a.State, a.latest(), ev, m)
}

// fireEventAfter is fireEvent for an event whose time must also not precede floor,
// the time of a record the event rests on (such as the contact and the
// feasibility decision preparation rests on).
func (a *Audit) fireEventAfter(ev Event, in *auditInput, m ismsaudit.Meta, floor time.Time) (Entry, error) {
	last := a.latest()
	if floor.After(last) {
		last = floor
	}
	return auditMachine.Fire(auditSubject{a: a, in: in}, a.State, last, ev, m)
}

// latest returns the latest time of the audit's and the plan's histories
// and of the record's creation.
func (a *Audit) latest() time.Time {
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

// precheck reports whether the audit as it stands allows ev (the table
// row exists and the guards on the audit itself pass), before an
// operation looks at the record the event brings.
func (a *Audit) precheck(ev Event) error {
	return auditMachine.Check(auditSubject{a: a}, a.State, ev)
}

// advance applies an accepted event: the new state and one history entry.
func (a *Audit) advance(e Entry) {
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
func (a *Audit) Check(e Event) error { return a.precheck(e) }

// EndFieldwork ends the fieldwork (19011 6.4.7-6.4.8): the audit moves to
// findings. It is refused while the plan is not communicated in its latest
// version (AUD-PLAN-COMMUNICATED), while a checklist item has neither a
// result nor a recorded reason why it was not audited
// (AUD-FIELDWORK-COVERED), or while a result cites an evidence item that
// was never verified (AUD-EVIDENCE-VERIFIED: only verified information is
// audit evidence).
func (a *Audit) EndFieldwork(m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "end-fieldwork", m, &err)
	e, err := a.fireEvent(EventEndFieldwork, nil, m)
	if err != nil {
		return err
	}
	a.advance(e)
	return nil
}

func checkTerminationInput(s auditSubject) error {
	if s.in != nil && isBlank(s.in.reason) {
		return errNoReason
	}
	return nil
}

// Terminate stops the audit before completion (19011 6.4.4, for instance
// when its objectives have become unattainable) and records why, when and
// by whom in a.Termination; the reason is also kept in the history
// entry's Reason. The reason is required (AUD-TERMINATE-REASON). It is
// refused once the audit is completed.
func (a *Audit) Terminate(reason string, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "terminate", m, &err)
	e, err := a.fireEvent(EventTerminate, &auditInput{reason: reason}, m)
	if err != nil {
		return err
	}
	if a.Termination != nil {
		return recordConflict("terminate", "Termination", "a termination is already recorded")
	}
	e.Reason = reason
	a.Termination = &Termination{Reason: reason, At: m.At, By: m.By}
	a.advance(e)
	return nil
}

// when returns the time of the first entry of event e, and whether the
// history has one.
func (ev eventTimes) when(e Event) (time.Time, bool) {
	en, ok := ev[e]
	return en.At, ok
}

// firstEvent returns the time of the first audit history entry of event e.
func (a *Audit) firstEvent(e Event) (time.Time, bool) {
	for _, en := range a.History {
		if en.Event == e {
			return en.At, true
		}
	}
	return time.Time{}, false
}

// verifyAudit checks the audit lifecycle and the records of initiation,
// meetings, risks, the checklist, the report, completion and termination.
func (v *verifier) verifyAudit() {
	a := v.a
	ch := v.ch

	ch.required("ID", string(a.ID), "the host's id for the audit")
	switch {
	case a.Kind == "":
		ch.shape("Kind", "required", "", "the kind of audit")
	case !a.Kind.IsValid():
		ch.shape("Kind", "enum", string(a.Kind), "not an audit kind")
	}
	ch.required("Client", a.Client, "who asked for the audit")
	ch.required("Auditee", a.Auditee, "the organization audited")
	ch.requiredTime("CreatedAt", a.CreatedAt, "when the record was created")
	ch.required("CreatedBy", a.CreatedBy, "who created the record")
	if a.Baseline != "" && a.Baseline == a.ID {
		ch.shape("Baseline", "self-baseline", string(a.Baseline), "an audit cannot be its own baseline")
	}
	if !a.State.IsValid() {
		ch.shape("State", "enum", string(a.State), "not an audit state")
	}

	replayTo(v, itemPath{i: -1}, auditMachine, a.History, a.State)
	if len(a.History) > 0 && a.History[0].At.Before(a.CreatedAt) {
		v.violate("History[0].At", RuleHistoryValid, timeText(a.History[0].At), "before the record was created")
	}
	ev := make(eventTimes, len(a.History))
	for _, e := range a.History {
		if _, seen := ev[e.Event]; !seen {
			ev[e.Event] = e
		}
	}

	v.verifyInitiation(ch, ev)
	v.verifyOpening(ch, ev)
	v.verifyRisks(ch, ev)
	v.verifyChecklist(ch, ev)
	v.verifyPlanSettled(ev)
	v.verifyClosing(ch, ev)
	v.verifyReport(ch, ev)
	v.verifyCompletion(ch, ev)
	v.verifyClosed()
	v.verifyEveryNCFollowed(ev)
	v.verifyTermination(ch, ev)
}

// verifyTermination checks the termination record (AUD-TERMINATE-REASON).
func (v *verifier) verifyTermination(ch *checker, ev eventTimes) {
	a := v.a
	_, isTerminated := ev.when(EventTerminate)
	if t := a.Termination; t != nil {
		if isBlank(t.Reason) {
			v.violate("Termination.Reason", RuleTerminateReason, "", "an audit stopped before completion records why")
		}
		ch.requiredTime("Termination.At", t.At, "when the audit was stopped")
		ch.required("Termination.By", t.By, "who stopped it")
		if !isTerminated {
			ch.shape("Termination", "unexpected", "", "a termination is recorded but the audit was never terminated")
		}
	} else if isTerminated {
		v.violate("Termination", RuleTerminateReason, "", "the audit was terminated without a record of why")
	}
}
