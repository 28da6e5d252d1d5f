package audit

import "github.com/ismsaudit/ismsaudit/internal/fsm"

// auditMachine is the audit lifecycle (19011 clause 6). Guards are added
// by the code that enforces them.
var auditMachine = fsm.MustNew(fsm.Spec[State, Event, *Audit]{
	Name:     "audit.audit",
	States:   stateSet.Values(),
	Events:   eventSet.Values(),
	Initial:  StateInitiation,
	Terminal: []State{StateClosed, StateTerminated},
	Table: []fsm.Transition[State, Event, *Audit]{
		{From: StateInitiation, Event: EventPrepare, To: StatePreparation},
		{From: StatePreparation, Event: EventOpen, To: StateFieldwork},
		{From: StateFieldwork, Event: EventEndFieldwork, To: StateFindings},
		{From: StateFindings, Event: EventHoldClosingMeeting, To: StateClosing},
		{From: StateClosing, Event: EventIssueReport, To: StateReported},
		{From: StateReported, Event: EventDistribute, To: StateDistributed},
		{From: StateDistributed, Event: EventComplete, To: StateCompleted},
		{From: StateCompleted, Event: EventStartFollowUp, To: StateFollowUp},
		{From: StateCompleted, Event: EventClose, To: StateClosed},
		{From: StateFollowUp, Event: EventClose, To: StateClosed},
		{From: StateInitiation, Event: EventTerminate, To: StateTerminated},
		{From: StatePreparation, Event: EventTerminate, To: StateTerminated},
		{From: StateFieldwork, Event: EventTerminate, To: StateTerminated},
		{From: StateFindings, Event: EventTerminate, To: StateTerminated},
		{From: StateClosing, Event: EventTerminate, To: StateTerminated},
		{From: StateReported, Event: EventTerminate, To: StateTerminated},
		{From: StateDistributed, Event: EventTerminate, To: StateTerminated},
	},
})
