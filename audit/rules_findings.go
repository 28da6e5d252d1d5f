package audit

import "github.com/ismsaudit/ismsaudit"

// Rule ids of findings and conclusions.
const (
	RuleFindingCriterion        ismsaudit.RuleID = "AUD-FINDING-CRITERION"
	RuleNCEvidence              ismsaudit.RuleID = "AUD-NC-EVIDENCE"
	RuleNCStatement             ismsaudit.RuleID = "AUD-NC-STATEMENT"
	RuleNCGrade                 ismsaudit.RuleID = "AUD-NC-GRADE"
	RuleFindingConfirmed        ismsaudit.RuleID = "AUD-FINDING-CONFIRMED"
	RuleDisputeRecorded         ismsaudit.RuleID = "AUD-DISPUTE-RECORDED"
	RuleConclusionComplete      ismsaudit.RuleID = "AUD-CONCLUSION-COMPLETE"
	RuleConclusionAfterFindings ismsaudit.RuleID = "AUD-CONCLUSION-AFTER-FINDINGS"
	RuleRecommendationDerived   ismsaudit.RuleID = "AUD-RECOMMENDATION-DERIVED"
	RuleMajorOverdueBlocks      ismsaudit.RuleID = "AUD-MAJOR-OVERDUE-BLOCKS"
	RuleFindingPhase            ismsaudit.RuleID = "AUD-FINDING-PHASE"
	RuleFindingWithdrawn        ismsaudit.RuleID = "AUD-FINDING-WITHDRAWN"
	RuleFindingResponse         ismsaudit.RuleID = "AUD-FINDING-RESPONSE"
	RuleDisputeBeforeReport     ismsaudit.RuleID = "AUD-DISPUTE-BEFORE-REPORT"
	RuleConclusionPhase         ismsaudit.RuleID = "AUD-CONCLUSION-PHASE"
)

var findingRules = []ismsaudit.Rule{
	{ID: RuleFindingCriterion, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleEvidenceBased, Text: "every finding cites at least one of the audit's criteria"},
	{ID: RuleNCEvidence, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a nonconformity cites at least one verified evidence item"},
	{ID: RuleNCStatement, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleFairPresentation, Text: "a nonconformity states the requirement, what was found and why it does not conform"},
	{ID: RuleNCGrade, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleFairPresentation, Text: "a nonconformity is graded major or minor, and only a nonconformity has a grade"},
	{ID: RuleFindingConfirmed, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a finding is confirmed by the audit team before it is presented to the auditee"},
	{ID: RuleDisputeRecorded, Clause: "19011:6.4.10", Principle: ismsaudit.PrincipleFairPresentation, Text: "a disputed finding records the auditee's diverging opinion, and a resolution records how it was settled"},
	{ID: RuleConclusionComplete, Clause: "19011:6.4.9", Principle: ismsaudit.PrincipleFairPresentation, Text: "the conclusions state the extent of conformity, the effectiveness of the ISMS, whether the objectives were achieved and what of the scope was covered"},
	{ID: RuleConclusionAfterFindings, Clause: "19011:6.4.9", Principle: ismsaudit.PrincipleEvidenceBased, Text: "conclusions are agreed only when no finding is still a draft"},
	{ID: RuleRecommendationDerived, Clause: "17021-1:9.4.8", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a certification audit's recommendation is the one its findings call for under the documented rules"},
	{ID: RuleMajorOverdueBlocks, Clause: "17021-1:9.5.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a major nonconformity whose correction is unverified past its due date blocks a recommendation for certification"},
	{ID: RuleFindingPhase, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "findings are raised, confirmed and withdrawn only during fieldwork and the findings stage, and not while the conclusions drawn from them stand agreed"},
	{ID: RuleFindingWithdrawn, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleIntegrity, Text: "a finding the team withdraws before presenting it is kept in the record with the reason"},
	{ID: RuleFindingResponse, Clause: "19011:6.4.10", Principle: ismsaudit.PrincipleFairPresentation, Text: "the auditee acknowledges or disputes a finding only once the closing meeting has presented it"},
	{ID: RuleDisputeBeforeReport, Clause: "19011:6.5.1", Principle: ismsaudit.PrincipleFairPresentation, Text: "a dispute is settled before the report is issued, or the report carries it as an unresolved diverging opinion"},
	{ID: RuleConclusionPhase, Clause: "19011:6.4.9", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "conclusions are drafted, agreed and revised between the end of fieldwork and the closing meeting, and agreed ones change only by going back to draft"},
}
