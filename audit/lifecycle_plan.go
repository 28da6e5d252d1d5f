package audit

import "github.com/ismsaudit/ismsaudit/internal/fsm"

// planSubject is what the plan lifecycle's guards look at: the audit
// holding the plan and, on approval, the optional competence check.
type planSubject struct {
	a     *Audit
	check *PlanCheck
}

type planGuard = fsm.Guard[planSubject]

// planMachine is the audit plan's lifecycle (19011 6.3.2). Approval checks
// the plan's content, the team and the assignments; with a competence pool
// it also checks that every assigned auditor is competent and independent.
var planMachine = fsm.MustNew(fsm.Spec[PlanState, PlanEvent, planSubject]{
	Name:    "audit.plan",
	States:  planStateSet.Values(),
	Events:  planEventSet.Values(),
	Initial: PlanDraft,
	Table: []fsm.Transition[PlanState, PlanEvent, planSubject]{
		{From: PlanDraft, Event: PlanApprove, To: PlanApproved, Guards: []planGuard{
			{Name: "plan-complete", Rule: RulePlanComplete, Check: checkPlanCompleteGuard},
			{Name: "one-team-leader", Rule: RuleTeamLeader, Check: checkTeamLeaderGuard},
			{Name: "criteria-assigned", Rule: RulePlanAssigned, Check: checkPlanAssignedGuard},
			{Name: "auditors-competent", Rule: RulePlanCompetent, Check: checkPlanCompetentGuard},
			{Name: "auditors-independent", Rule: RulePlanIndependent, Check: checkPlanIndependentGuard},
		}},
		{From: PlanApproved, Event: PlanCommunicate, To: PlanCommunicated},
		{From: PlanApproved, Event: PlanRevise, To: PlanDraft},
		{From: PlanCommunicated, Event: PlanRevise, To: PlanDraft},
	},
})
