package audit

import "github.com/ismsaudit/ismsaudit/internal/fsm"

// evidenceSubject is what evidence guards look at: the item and the audit
// holding it.
type evidenceSubject struct {
	a *Audit
	e *Evidence
}

// evidenceMachine is an evidence item's lifecycle (19011 6.4.7).
var evidenceMachine = fsm.MustNew(fsm.Spec[EvidenceState, EvidenceEvent, evidenceSubject]{
	Name:     "audit.evidence",
	States:   evidenceStateSet.Values(),
	Events:   evidenceEventSet.Values(),
	Initial:  EvidenceCollected,
	Terminal: []EvidenceState{EvidenceSuperseded},
	Table: []fsm.Transition[EvidenceState, EvidenceEvent, evidenceSubject]{
		{From: EvidenceCollected, Event: EvidenceVerify, To: EvidenceVerified},
		{From: EvidenceCollected, Event: EvidenceReject, To: EvidenceRejected},
		{From: EvidenceCollected, Event: EvidenceSupersede, To: EvidenceSuperseded},
		{From: EvidenceVerified, Event: EvidenceSupersede, To: EvidenceSuperseded},
		{From: EvidenceRejected, Event: EvidenceSupersede, To: EvidenceSuperseded},
	},
})
