package audit

import "github.com/ismsaudit/ismsaudit/internal/fsm"

// planMachine is the audit plan's lifecycle (19011 6.3.2).
var planMachine = fsm.MustNew(fsm.Spec[PlanState, PlanEvent, *Audit]{
	Name:    "audit.plan",
	States:  planStateSet.Values(),
	Events:  planEventSet.Values(),
	Initial: PlanDraft,
	Table: []fsm.Transition[PlanState, PlanEvent, *Audit]{
		{From: PlanDraft, Event: PlanApprove, To: PlanApproved},
		{From: PlanApproved, Event: PlanCommunicate, To: PlanCommunicated},
		{From: PlanApproved, Event: PlanRevise, To: PlanDraft},
		{From: PlanCommunicated, Event: PlanRevise, To: PlanDraft},
	},
})
