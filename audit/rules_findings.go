package audit

// Rule ids of findings and conclusions.
const (
	RuleFindingCriterion     = "AUD-FINDING-CRITERION"
	RuleNCEvidence           = "AUD-NC-EVIDENCE"
	RuleNCStatement          = "AUD-NC-STATEMENT"
	RuleNCGrade              = "AUD-NC-GRADE"
	RuleFindingConfirmed     = "AUD-FINDING-CONFIRMED"
	RuleDisputeRecorded      = "AUD-DISPUTE-RECORDED"
	RuleConclusionComplete   = "AUD-CONCLUSION-COMPLETE"
	RuleConclusionAfterDraft = "AUD-CONCLUSION-AFTER-FINDINGS"
	RuleRecommendation       = "AUD-RECOMMENDATION-DERIVED"
	RuleMajorOverdue         = "AUD-MAJOR-OVERDUE-BLOCKS"
	RuleFindingPhase         = "AUD-FINDING-PHASE"
	RuleFindingWithdrawn     = "AUD-FINDING-WITHDRAWN"
	RuleFindingResponse      = "AUD-FINDING-RESPONSE"
	RuleDisputeBeforeReport  = "AUD-DISPUTE-BEFORE-REPORT"
	RuleConclusionPhase      = "AUD-CONCLUSION-PHASE"
)

var findingRules = []Rule{
	{RuleFindingCriterion, "19011:6.4.8", PrincipleEvidenceBased, "every finding cites at least one of the audit's criteria"},
	{RuleNCEvidence, "19011:6.4.8", PrincipleEvidenceBased, "a nonconformity cites at least one verified evidence item"},
	{RuleNCStatement, "19011:6.4.8", PrincipleFairPresentation, "a nonconformity states the requirement, what was found and why it does not conform"},
	{RuleNCGrade, "19011:6.4.8", PrincipleFairPresentation, "a nonconformity is graded major or minor, and only a nonconformity has a grade"},
	{RuleFindingConfirmed, "19011:6.4.8", PrincipleDueProfessionalCare, "a finding is confirmed by the audit team before it is presented to the auditee"},
	{RuleDisputeRecorded, "19011:6.4.10", PrincipleFairPresentation, "a disputed finding records the auditee's diverging opinion, and a resolution records how it was settled"},
	{RuleConclusionComplete, "19011:6.4.9", PrincipleFairPresentation, "the conclusions state the extent of conformity, the effectiveness of the ISMS, whether the objectives were achieved and what of the scope was covered"},
	{RuleConclusionAfterDraft, "19011:6.4.9", PrincipleEvidenceBased, "conclusions are agreed only when no finding is still a draft"},
	{RuleRecommendation, "17021-1:9.4.8", PrincipleEvidenceBased, "a certification audit's recommendation is the one its findings call for under the documented rules"},
	{RuleMajorOverdue, "17021-1:9.5.3", PrincipleDueProfessionalCare, "a major nonconformity whose correction is unverified past its due date blocks a recommendation for certification"},
	{RuleFindingPhase, "19011:6.4.8", PrincipleDueProfessionalCare, "findings are raised, confirmed and withdrawn only during fieldwork and the findings stage, and not while the conclusions drawn from them stand agreed"},
	{RuleFindingWithdrawn, "19011:6.4.8", PrincipleIntegrity, "a finding the team withdraws before presenting it is kept in the record with the reason"},
	{RuleFindingResponse, "19011:6.4.10", PrincipleFairPresentation, "the auditee acknowledges or disputes a finding only once the closing meeting has presented it"},
	{RuleDisputeBeforeReport, "19011:6.5.1", PrincipleFairPresentation, "a dispute is settled before the report is issued, or the report carries it as an unresolved diverging opinion"},
	{RuleConclusionPhase, "19011:6.4.9", PrincipleDueProfessionalCare, "conclusions are drafted, agreed and revised between the end of fieldwork and the closing meeting, and agreed ones change only by going back to draft"},
}
