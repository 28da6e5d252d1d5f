package audit

import "github.com/ismsaudit/ismsaudit/internal/fsm"

// findingSubject is what finding guards look at: the finding and the audit
// holding it.
type findingSubject struct {
	a *Audit
	f *Finding
}

// findingMachine is a finding's lifecycle (19011 6.4.8, 6.4.10).
var findingMachine = fsm.MustNew(fsm.Spec[FindingState, FindingEvent, findingSubject]{
	Name:     "audit.finding",
	States:   findingStateSet.Values(),
	Events:   findingEventSet.Values(),
	Initial:  FindingDraft,
	Terminal: []FindingState{FindingAcknowledged, FindingResolved, FindingWithdrawn},
	Table: []fsm.Transition[FindingState, FindingEvent, findingSubject]{
		{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed},
		{From: FindingConfirmed, Event: FindingPresent, To: FindingPresented},
		{From: FindingPresented, Event: FindingAcknowledge, To: FindingAcknowledged},
		{From: FindingPresented, Event: FindingDispute, To: FindingDisputed},
		{From: FindingDisputed, Event: FindingResolve, To: FindingResolved},
		{From: FindingDraft, Event: FindingWithdraw, To: FindingWithdrawn},
		{From: FindingConfirmed, Event: FindingWithdraw, To: FindingWithdrawn},
	},
})

// conclusionMachine is the conclusions' lifecycle (19011 6.4.9).
var conclusionMachine = fsm.MustNew(fsm.Spec[ConclusionState, ConclusionEvent, *Audit]{
	Name:     "audit.conclusion",
	States:   conclusionStateSet.Values(),
	Events:   conclusionEventSet.Values(),
	Initial:  ConclusionDraft,
	Terminal: []ConclusionState{ConclusionPresented},
	Table: []fsm.Transition[ConclusionState, ConclusionEvent, *Audit]{
		{From: ConclusionDraft, Event: ConclusionAgree, To: ConclusionAgreed},
		{From: ConclusionAgreed, Event: ConclusionPresent, To: ConclusionPresented},
		{From: ConclusionAgreed, Event: ConclusionRevise, To: ConclusionDraft},
	},
})

// followUpSubject is what follow-up guards look at.
type followUpSubject struct {
	a *Audit
	u *FollowUp
}

// followUpMachine is a nonconformity's follow-up lifecycle (19011 6.7).
var followUpMachine = fsm.MustNew(fsm.Spec[FollowUpState, FollowUpEvent, followUpSubject]{
	Name:     "audit.follow-up",
	States:   followUpStateSet.Values(),
	Events:   followUpEventSet.Values(),
	Initial:  FollowUpPlanning,
	Terminal: []FollowUpState{FollowUpClosed},
	Table: []fsm.Transition[FollowUpState, FollowUpEvent, followUpSubject]{
		{From: FollowUpPlanning, Event: FollowUpAcceptPlan, To: FollowUpAccepted},
		{From: FollowUpAccepted, Event: FollowUpImplement, To: FollowUpImplemented},
		{From: FollowUpImplemented, Event: FollowUpVerifyEffective, To: FollowUpClosed},
		{From: FollowUpImplemented, Event: FollowUpVerifyIneffective, To: FollowUpPlanning},
	},
})
