package audit

import "github.com/ismsaudit/ismsaudit/internal/fsm"

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
	guardFollowUpsDone = auditGuard{Name: "follow-ups-closed", Rule: RuleCloseFollowUps, Check: checkFollowUpsClosed}
	guardReason        = auditGuard{Name: "reason-given", Rule: RuleTerminateReason, Check: checkTerminationInput}
)

// coreTerminateRow is the row that stops an audit from state s.
func coreTerminateRow(s State) fsm.Transition[State, Event, auditSubject] {
	return fsm.Transition[State, Event, auditSubject]{From: s, Event: EventTerminate, To: StateTerminated, Guards: []auditGuard{guardReason}}
}

// auditMachine is the audit lifecycle (19011 clause 6).
var auditMachine = fsm.MustNew(fsm.Spec[State, Event, auditSubject]{
	Name:     "audit.audit",
	States:   stateSet.Values(),
	Events:   eventSet.Values(),
	Initial:  StateInitiation,
	Terminal: []State{StateClosed, StateTerminated},
	Table: []fsm.Transition[State, Event, auditSubject]{
		{From: StateInitiation, Event: EventPrepare, To: StatePreparation, Guards: []auditGuard{guardContact, guardFeasible}},
		{From: StatePreparation, Event: EventOpen, To: StateFieldwork, Guards: []auditGuard{guardPlanReady, guardOpening}},
		{From: StateFieldwork, Event: EventEndFieldwork, To: StateFindings, Guards: []auditGuard{guardPlanSettled, guardCovered, guardResultsProven}},
		{From: StateFindings, Event: EventHoldClosingMeeting, To: StateClosing, Guards: []auditGuard{guardConcluded, guardClosing}},
		{From: StateClosing, Event: EventIssueReport, To: StateReported, Guards: []auditGuard{guardClosed}},
		{From: StateReported, Event: EventDistribute, To: StateDistributed, Guards: []auditGuard{guardRecipients}},
		{From: StateDistributed, Event: EventComplete, To: StateCompleted, Guards: []auditGuard{guardDistributed, guardRecords}},
		{From: StateCompleted, Event: EventStartFollowUp, To: StateFollowUp, Guards: []auditGuard{guardFollowUpOpen}},
		{From: StateCompleted, Event: EventClose, To: StateClosed, Guards: []auditGuard{guardFollowUpsDone}},
		{From: StateFollowUp, Event: EventClose, To: StateClosed, Guards: []auditGuard{guardFollowUpsDone}},
		coreTerminateRow(StateInitiation),
		coreTerminateRow(StatePreparation),
		coreTerminateRow(StateFieldwork),
		coreTerminateRow(StateFindings),
		coreTerminateRow(StateClosing),
		coreTerminateRow(StateReported),
		coreTerminateRow(StateDistributed),
	},
})
