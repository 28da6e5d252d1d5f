package audit

// Rule ids of evidence, sampling and the sealed record.
const (
	RuleEvidenceAppendOnly = "AUD-EVIDENCE-APPEND-ONLY"
	RuleEvidenceVerified   = "AUD-EVIDENCE-VERIFIED"
	RuleEvidenceSampling   = "AUD-EVIDENCE-SAMPLING"
	RuleEvidenceRejected   = "AUD-EVIDENCE-REJECT-REASON"
	RuleEvidenceCriteria   = "AUD-EVIDENCE-CRITERIA"
	RuleEvidenceDuring     = "AUD-EVIDENCE-DURING-AUDIT"
	RuleSamplingTimely     = "AUD-SAMPLING-BEFORE-FINDINGS"
	RuleSamplingFixed      = "AUD-SAMPLING-FIXED"
	RuleSealIntact         = "AUD-SEAL-INTACT"
)

var evidenceRules = []Rule{
	{RuleEvidenceAppendOnly, "19011:6.4.7", PrincipleIntegrity, "evidence is never removed or rewritten; a correction is a new item that supersedes the old one and points at it"},
	{RuleEvidenceVerified, "19011:6.4.7", PrincipleEvidenceBased, "only verified information is audit evidence"},
	{RuleEvidenceSampling, "19011:6.4.7", PrincipleEvidenceBased, "sampled evidence records its population, sample size and selection method"},
	{RuleEvidenceRejected, "19011:6.4.7", PrincipleFairPresentation, "information rejected as evidence records why"},
	{RuleEvidenceCriteria, "19011:6.4.7", PrincipleEvidenceBased, "evidence bears on the audit's criteria: every criterion an item supports is one of the plan's"},
	{RuleEvidenceDuring, "19011:6.4.7", PrincipleDueProfessionalCare, "information is collected and verified during fieldwork, while findings are settled, or to verify corrective actions in follow-up"},
	{RuleSamplingTimely, "19011:6.3.4", PrincipleDueProfessionalCare, "sampling plans are prepared, and samples drawn or chosen, during preparation or fieldwork"},
	{RuleSamplingFixed, "19011:6.3.4", PrincipleIntegrity, "a sample, once drawn or chosen, stays as recorded; a different sample needs a new sampling plan"},
	{RuleSealIntact, "19011:5.5.7", PrincipleIntegrity, "a sealed record is unchanged: no sealed item or history entry is altered, removed or reordered"},
}
