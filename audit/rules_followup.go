package audit

// Rule ids of follow-up.
const (
	RuleFollowUpPlan     = "AUD-FOLLOWUP-PLAN"
	RuleFollowUpVerified = "AUD-FOLLOWUP-VERIFIED"
	RuleCloseFollowUps   = "AUD-CLOSE-FOLLOWUPS"
	RuleFollowUpEvery    = "AUD-FOLLOWUP-EVERY-NC"
)

var followUpRules = []Rule{
	{RuleFollowUpPlan, "19011:6.7", PrincipleDueProfessionalCare, "a corrective action plan states the correction, the root cause, the action and a due date"},
	{RuleFollowUpVerified, "19011:6.7", PrincipleEvidenceBased, "a follow-up closes only when an auditor verifies the action effective, citing evidence"},
	{RuleCloseFollowUps, "19011:6.7", PrincipleDueProfessionalCare, "an audit closes only when every nonconformity's follow-up is closed"},
	{RuleFollowUpEvery, "19011:6.7", PrincipleDueProfessionalCare, "every confirmed nonconformity has exactly one follow-up once the audit is completed"},
}
