package audit

// Rule ids of evidence and of the sealed record.
const (
	RuleEvidenceAppendOnly = "AUD-EVIDENCE-APPEND-ONLY"
	RuleEvidenceVerified   = "AUD-EVIDENCE-VERIFIED"
	RuleEvidenceSampling   = "AUD-EVIDENCE-SAMPLING"
	RuleEvidenceRejected   = "AUD-EVIDENCE-REJECT-REASON"
	RuleSealIntact         = "AUD-SEAL-INTACT"
)

var evidenceRules = []Rule{
	{RuleEvidenceAppendOnly, "19011:6.4.7", PrincipleIntegrity, "evidence is never removed or rewritten; a correction is a new item that supersedes the old one and points at it"},
	{RuleEvidenceVerified, "19011:6.4.7", PrincipleEvidenceBased, "only verified information is audit evidence"},
	{RuleEvidenceSampling, "19011:6.4.7", PrincipleEvidenceBased, "sampled evidence records its population, sample size and selection method"},
	{RuleEvidenceRejected, "19011:6.4.7", PrincipleFairPresentation, "information rejected as evidence records why"},
	{RuleSealIntact, "19011:5.5.7", PrincipleIntegrity, "a sealed record is unchanged: no sealed item or history entry is altered, removed or reordered"},
}
