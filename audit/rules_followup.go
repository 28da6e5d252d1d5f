package audit

import "github.com/ismsaudit/ismsaudit"

// Rule ids of follow-up and of follow-up audits.
const (
	RuleFollowUpPlan        ismsaudit.RuleID = "AUD-FOLLOWUP-PLAN"
	RuleFollowUpVerified    ismsaudit.RuleID = "AUD-FOLLOWUP-VERIFIED"
	RuleCloseFollowUps      ismsaudit.RuleID = "AUD-CLOSE-FOLLOWUPS"
	RuleFollowUpOnePerNC    ismsaudit.RuleID = "AUD-FOLLOWUP-ONE-PER-NC"
	RuleFollowUpPhase       ismsaudit.RuleID = "AUD-FOLLOWUP-PHASE"
	RuleFollowUpReplan      ismsaudit.RuleID = "AUD-FOLLOWUP-REPLAN"
	RuleFollowUpIneffective ismsaudit.RuleID = "AUD-FOLLOWUP-INEFFECTIVE"
	RuleBaselinePresented   ismsaudit.RuleID = "AUD-BASELINE-PRESENTED"
)

var followUpRules = []ismsaudit.Rule{
	{ID: RuleFollowUpPlan, Clause: "19011:6.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a corrective action plan states the correction, the root cause, the action and a due date"},
	{ID: RuleFollowUpVerified, Clause: "19011:6.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a follow-up closes only when an auditor verifies the action effective, citing evidence"},
	{ID: RuleCloseFollowUps, Clause: "19011:6.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "an audit closes only when every nonconformity's follow-up is closed"},
	{ID: RuleFollowUpOnePerNC, Clause: "19011:6.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a nonconformity has at most one follow-up: replanning and re-verification happen within it"},
	{ID: RuleFollowUpPhase, Clause: "19011:6.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "corrective actions are followed up only for nonconformities presented to the auditee, from the closing meeting until the audit closes"},
	{ID: RuleFollowUpReplan, Clause: "19011:6.7", Principle: ismsaudit.PrincipleIntegrity, Text: "a corrective action plan changes only while it is being planned, and every plan it replaces is kept"},
	{ID: RuleFollowUpIneffective, Clause: "19011:6.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "an auditor of the team who finds a corrective action ineffective records why, and the action goes back to planning"},
	{ID: RuleBaselinePresented, Clause: "19011:6.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a follow-up audit builds on a previous audit of the same auditee whose findings were presented"},
}
