package audit

// Rule ids of follow-up and of follow-up audits.
const (
	RuleFollowUpPlan        = "AUD-FOLLOWUP-PLAN"
	RuleFollowUpVerified    = "AUD-FOLLOWUP-VERIFIED"
	RuleCloseFollowUps      = "AUD-CLOSE-FOLLOWUPS"
	RuleFollowUpOnePerNC    = "AUD-FOLLOWUP-ONE-PER-NC"
	RuleFollowUpPhase       = "AUD-FOLLOWUP-PHASE"
	RuleFollowUpReplan      = "AUD-FOLLOWUP-REPLAN"
	RuleFollowUpIneffective = "AUD-FOLLOWUP-INEFFECTIVE"
	RuleBaselinePresented   = "AUD-BASELINE-PRESENTED"
)

var followUpRules = []Rule{
	{RuleFollowUpPlan, "19011:6.7", PrincipleDueProfessionalCare, "a corrective action plan states the correction, the root cause, the action and a due date"},
	{RuleFollowUpVerified, "19011:6.7", PrincipleEvidenceBased, "a follow-up closes only when an auditor verifies the action effective, citing evidence"},
	{RuleCloseFollowUps, "19011:6.7", PrincipleDueProfessionalCare, "an audit closes only when every nonconformity's follow-up is closed"},
	{RuleFollowUpOnePerNC, "19011:6.7", PrincipleDueProfessionalCare, "a nonconformity has at most one follow-up: replanning and re-verification happen within it"},
	{RuleFollowUpPhase, "19011:6.7", PrincipleDueProfessionalCare, "corrective actions are followed up only for nonconformities presented to the auditee, from the closing meeting until the audit closes"},
	{RuleFollowUpReplan, "19011:6.7", PrincipleIntegrity, "a corrective action plan changes only while it is being planned, and every plan it replaces is kept"},
	{RuleFollowUpIneffective, "19011:6.7", PrincipleEvidenceBased, "an auditor of the team who finds a corrective action ineffective records why, and the action goes back to planning"},
	{RuleBaselinePresented, "19011:6.7", PrincipleEvidenceBased, "a follow-up audit builds on a previous audit of the same auditee whose findings were presented"},
}
