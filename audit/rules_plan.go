package audit

// Rule ids of the audit plan, the team and the work documents.
const (
	RulePlanComplete       = "AUD-PLAN-COMPLETE"
	RulePlanAssigned       = "AUD-PLAN-ASSIGNED"
	RulePlanCompetent      = "AUD-PLAN-COMPETENT"
	RulePlanIndependent    = "AUD-PLAN-INDEPENDENT"
	RuleTeamLeader         = "AUD-TEAM-LEADER"
	RulePlanReapproved     = "AUD-PLAN-REAPPROVED"
	RulePlanCommunicated   = "AUD-PLAN-COMMUNICATED"
	RulePlanWhen           = "AUD-PLAN-WHEN"
	RuleChecklistPlanned   = "AUD-CHECKLIST-PLANNED"
	RuleChecklistFieldwork = "AUD-CHECKLIST-FIELDWORK"
	RuleSamplingRecorded   = "AUD-SAMPLING-RECORDED"
	RuleSamplingReproduced = "AUD-SAMPLING-REPRODUCIBLE"
)

var planRules = []Rule{
	{RulePlanComplete, "19011:6.3.2.2", PrincipleDueProfessionalCare, "an approved plan states objectives, scope, criteria, locations, dates and durations, methods including sampling, team roles, and guides and observers"},
	{RulePlanAssigned, "19011:6.3.3", PrincipleDueProfessionalCare, "every criterion of the plan is assigned to an auditor of the team"},
	{RulePlanCompetent, "19011:6.3.3", PrincipleDueProfessionalCare, "each criterion is assigned to an auditor competent for it"},
	{RulePlanIndependent, "27001:9.2.2", PrincipleIndependence, "no auditor audits what they are responsible for or recently worked on; internal auditors do not audit their own work"},
	{RuleTeamLeader, "19011:5.5.5", PrincipleDueProfessionalCare, "the team has exactly one team leader, and technical experts, observers and guides do not act as auditors"},
	{RulePlanReapproved, "19011:6.3.2.2", PrincipleIntegrity, "an approved plan changes only by going back through approval, and every approved version is kept"},
	{RulePlanCommunicated, "19011:6.3.2.2", PrincipleFairPresentation, "the approved plan is communicated to the auditee before fieldwork"},
	{RulePlanWhen, "19011:6.3.2", PrincipleDueProfessionalCare, "the team and the plan are set up before fieldwork and may change only until fieldwork ends"},
	{RuleChecklistPlanned, "19011:6.3.4", PrincipleDueProfessionalCare, "the checklist is prepared before fieldwork, for the kind of audit, from the plan's criteria and other documents, with no result yet"},
	{RuleChecklistFieldwork, "19011:6.4.7", PrincipleEvidenceBased, "checklist results and reasons for items not audited are recorded during fieldwork, resting on the audit's own evidence"},
	{RuleSamplingRecorded, "19011:6.3.4", PrincipleEvidenceBased, "a sampling plan records its population, frame, method, size, exclusions and why the size suffices"},
	{RuleSamplingReproduced, "19011:6.3.4", PrincipleEvidenceBased, "a statistical sample is drawn by a seeded generator, so the same seed and population give the same sample"},
}
