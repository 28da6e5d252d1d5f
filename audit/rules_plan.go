package audit

import "github.com/ismsaudit/ismsaudit"

// Rule ids of the audit plan, the team and the work documents.
const (
	RulePlanComplete         ismsaudit.RuleID = "AUD-PLAN-COMPLETE"
	RulePlanAssigned         ismsaudit.RuleID = "AUD-PLAN-ASSIGNED"
	RulePlanCompetent        ismsaudit.RuleID = "AUD-PLAN-COMPETENT"
	RulePlanIndependent      ismsaudit.RuleID = "AUD-PLAN-INDEPENDENT"
	RuleTeamLeader           ismsaudit.RuleID = "AUD-TEAM-LEADER"
	RulePlanReapproved       ismsaudit.RuleID = "AUD-PLAN-REAPPROVED"
	RulePlanCommunicated     ismsaudit.RuleID = "AUD-PLAN-COMMUNICATED"
	RulePlanWhen             ismsaudit.RuleID = "AUD-PLAN-WHEN"
	RuleChecklistPlanned     ismsaudit.RuleID = "AUD-CHECKLIST-PLANNED"
	RuleChecklistFieldwork   ismsaudit.RuleID = "AUD-CHECKLIST-FIELDWORK"
	RuleSamplingRecorded     ismsaudit.RuleID = "AUD-SAMPLING-RECORDED"
	RuleSamplingReproducible ismsaudit.RuleID = "AUD-SAMPLING-REPRODUCIBLE"
)

var planRules = []ismsaudit.Rule{
	{ID: RulePlanComplete, Clause: "19011:6.3.2.2", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "an approved plan states objectives, scope, criteria, locations, dates and durations, methods including sampling, team roles, and guides and observers"},
	{ID: RulePlanAssigned, Clause: "19011:6.3.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "every criterion of the plan is assigned to an auditor of the team"},
	{ID: RulePlanCompetent, Clause: "19011:6.3.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "each criterion is assigned to an auditor competent for it"},
	{ID: RulePlanIndependent, Clause: "27001:9.2.2", Principle: ismsaudit.PrincipleIndependence, Text: "no auditor audits what they are responsible for or recently worked on; internal auditors do not audit their own work"},
	{ID: RuleTeamLeader, Clause: "19011:5.5.5", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the team has exactly one team leader, and technical experts, observers and guides do not act as auditors"},
	{ID: RulePlanReapproved, Clause: "19011:6.3.2.2", Principle: ismsaudit.PrincipleIntegrity, Text: "an approved plan changes only by going back through approval, and every approved version is kept"},
	{ID: RulePlanCommunicated, Clause: "19011:6.3.2.2", Principle: ismsaudit.PrincipleFairPresentation, Text: "the approved plan is communicated to the auditee before fieldwork"},
	{ID: RulePlanWhen, Clause: "19011:6.3.2", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the team and the plan are set up before fieldwork and may change only until fieldwork ends"},
	{ID: RuleChecklistPlanned, Clause: "19011:6.3.4", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the checklist is prepared before fieldwork, for the kind of audit, from the plan's criteria and other documents, with no result yet"},
	{ID: RuleChecklistFieldwork, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "checklist results and reasons for items not audited are recorded during fieldwork, resting on the audit's own evidence"},
	{ID: RuleSamplingRecorded, Clause: "19011:6.3.4", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a sampling plan records its population, frame, method, size, exclusions and why the size suffices"},
	{ID: RuleSamplingReproducible, Clause: "19011:6.3.4", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a statistical sample is drawn by a seeded generator, so the same seed and population give the same sample"},
}
