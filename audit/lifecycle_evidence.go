package audit

import (
	"errors"

	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// evidenceSubject is what evidence guards look at: the item, the audit
// holding it, the note of the event (why an item is rejected) and, for
// supersede, the correcting item that is to point at it.
type evidenceSubject struct {
	a         *Audit
	e         *Evidence
	note      string
	successor *Evidence
}

// Errors the evidence guards return; a refusal's ismsaudit.TransitionError unwraps
// to them.
var (
	errEvidenceNoReason    = errors.New("audit: a rejection needs a note saying why")
	errEvidenceNoSuccessor = errors.New("audit: an item is superseded only by a correcting item that points at it")
	errEvidenceIrrelevant  = errors.New("audit: the item supports a criterion that is not one of the plan's")
)

// evidenceRelevant is the verify guard: information becomes audit evidence
// only when every criterion it supports is one of the plan's (when the
// audit has a plan). The check repeats at verification because the plan
// may have been revised since the item was collected.
func evidenceRelevant(s evidenceSubject) error {
	if s.a == nil || s.e == nil || s.a.Plan == nil {
		return nil
	}
	for _, r := range s.e.Supports {
		if !evPlanHasCriterion(s.a.Plan, r) {
			return errEvidenceIrrelevant
		}
	}
	return nil
}

// evidenceReasoned is the reject guard: the note says why.
func evidenceReasoned(s evidenceSubject) error {
	if isBlank(s.note) {
		return errEvidenceNoReason
	}
	return nil
}

// evidenceSucceeded is the supersede guard: a correcting item, distinct
// from the old one, points at it.
func evidenceSucceeded(s evidenceSubject) error {
	if s.e == nil || s.successor == nil || s.successor.Supersedes != s.e.ID || s.successor.ID == s.e.ID {
		return errEvidenceNoSuccessor
	}
	return nil
}

var (
	guardEvidenceRelevant  = fsm.Guard[evidenceSubject]{Name: "supports-plan-criteria", Rule: RuleEvidenceCriteria, Check: evidenceRelevant}
	guardEvidenceReasoned  = fsm.Guard[evidenceSubject]{Name: "reason-recorded", Rule: RuleEvidenceRejectReason, Check: evidenceReasoned}
	guardEvidenceSucceeded = fsm.Guard[evidenceSubject]{Name: "successor-points-back", Rule: RuleEvidenceAppendOnly, Check: evidenceSucceeded}
)

// evidenceMachine is an evidence item's lifecycle (19011 6.4.7).
var evidenceMachine = fsm.MustNew(fsm.Spec[EvidenceState, EvidenceEvent, evidenceSubject]{
	Name:     "audit.evidence",
	States:   evidenceStateSet.Values(),
	Events:   evidenceEventSet.Values(),
	Initial:  EvidenceCollected,
	Terminal: []EvidenceState{EvidenceSuperseded},
	Table: []fsm.Transition[EvidenceState, EvidenceEvent, evidenceSubject]{
		{From: EvidenceCollected, Event: EvidenceVerify, To: EvidenceVerified, Guards: []fsm.Guard[evidenceSubject]{guardEvidenceRelevant}},
		{From: EvidenceCollected, Event: EvidenceReject, To: EvidenceRejected, Guards: []fsm.Guard[evidenceSubject]{guardEvidenceReasoned}},
		{From: EvidenceCollected, Event: EvidenceSupersede, To: EvidenceSuperseded, Guards: []fsm.Guard[evidenceSubject]{guardEvidenceSucceeded}},
		{From: EvidenceVerified, Event: EvidenceSupersede, To: EvidenceSuperseded, Guards: []fsm.Guard[evidenceSubject]{guardEvidenceSucceeded}},
		{From: EvidenceRejected, Event: EvidenceSupersede, To: EvidenceSuperseded, Guards: []fsm.Guard[evidenceSubject]{guardEvidenceSucceeded}},
	},
})
