package audit

import "github.com/ismsaudit/ismsaudit"

// Rule ids of evidence, sampling and the sealed record.
const (
	RuleEvidenceAppendOnly     ismsaudit.RuleID = "AUD-EVIDENCE-APPEND-ONLY"
	RuleEvidenceVerified       ismsaudit.RuleID = "AUD-EVIDENCE-VERIFIED"
	RuleEvidenceSampling       ismsaudit.RuleID = "AUD-EVIDENCE-SAMPLING"
	RuleEvidenceRejectReason   ismsaudit.RuleID = "AUD-EVIDENCE-REJECT-REASON"
	RuleEvidenceCriteria       ismsaudit.RuleID = "AUD-EVIDENCE-CRITERIA"
	RuleEvidenceDuringAudit    ismsaudit.RuleID = "AUD-EVIDENCE-DURING-AUDIT"
	RuleSamplingBeforeFindings ismsaudit.RuleID = "AUD-SAMPLING-BEFORE-FINDINGS"
	RuleSamplingFixed          ismsaudit.RuleID = "AUD-SAMPLING-FIXED"
	RuleSealIntact             ismsaudit.RuleID = "AUD-SEAL-INTACT"
)

var evidenceRules = []ismsaudit.Rule{
	{ID: RuleEvidenceAppendOnly, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleIntegrity, Text: "evidence is never removed or rewritten; a correction is a new item that supersedes the old one and points at it"},
	{ID: RuleEvidenceVerified, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "only verified information is audit evidence"},
	{ID: RuleEvidenceSampling, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "sampled evidence records its population, sample size and selection method"},
	{ID: RuleEvidenceRejectReason, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleFairPresentation, Text: "information rejected as evidence records why"},
	{ID: RuleEvidenceCriteria, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "evidence bears on the audit's criteria: every criterion an item supports is one of the plan's"},
	{ID: RuleEvidenceDuringAudit, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "information is collected and verified during fieldwork, while findings are settled, or to verify corrective actions in follow-up"},
	{ID: RuleSamplingBeforeFindings, Clause: "19011:6.3.4", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "sampling plans are prepared, and samples drawn or chosen, during preparation or fieldwork"},
	{ID: RuleSamplingFixed, Clause: "19011:6.3.4", Principle: ismsaudit.PrincipleIntegrity, Text: "a sample, once drawn or chosen, stays as recorded; a different sample needs a new sampling plan"},
	{ID: RuleSealIntact, Clause: "19011:5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "a sealed record is unchanged: no sealed item or history entry is altered, removed or reordered"},
}
