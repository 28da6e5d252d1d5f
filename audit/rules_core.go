package audit

import "github.com/ismsaudit/ismsaudit"

// Rule ids of the audit lifecycle: initiation, opening, fieldwork,
// closing, report, completion, termination and the record as a whole.
const (
	RuleInitContact               ismsaudit.RuleID = "AUD-INIT-CONTACT"
	RuleInitFeasible              ismsaudit.RuleID = "AUD-INIT-FEASIBLE"
	RuleInitAlternative           ismsaudit.RuleID = "AUD-INIT-ALTERNATIVE"
	RuleOpenAfterPlan             ismsaudit.RuleID = "AUD-OPEN-AFTER-PLAN"
	RuleOpeningMeeting            ismsaudit.RuleID = "AUD-OPENING-MEETING"
	RuleRiskEscalated             ismsaudit.RuleID = "AUD-RISK-ESCALATED"
	RuleFieldworkCovered          ismsaudit.RuleID = "AUD-FIELDWORK-COVERED"
	RuleClosingAfterConclusions   ismsaudit.RuleID = "AUD-CLOSING-AFTER-CONCLUSIONS"
	RuleClosingMeeting            ismsaudit.RuleID = "AUD-CLOSING-MEETING"
	RuleReportAfterClosing        ismsaudit.RuleID = "AUD-REPORT-AFTER-CLOSING"
	RuleReportDistributed         ismsaudit.RuleID = "AUD-REPORT-DISTRIBUTED"
	RuleCompleteAfterDistribution ismsaudit.RuleID = "AUD-COMPLETE-AFTER-DISTRIBUTION"
	RuleCompleteRecords           ismsaudit.RuleID = "AUD-COMPLETE-RECORDS"
	RuleFollowUpStart             ismsaudit.RuleID = "AUD-FOLLOWUP-START"
	RuleTerminateReason           ismsaudit.RuleID = "AUD-TERMINATE-REASON"
	RuleHistoryValid              ismsaudit.RuleID = "AUD-HISTORY-VALID"
	RuleRecordShape               ismsaudit.RuleID = "AUD-RECORD-SHAPE"
)

var coreRules = []ismsaudit.Rule{
	{ID: RuleInitContact, Clause: "19011:6.2.2", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "contact with the auditee is established before preparation starts"},
	{ID: RuleInitFeasible, Clause: "19011:6.2.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "preparation starts only once the audit is found feasible: enough information, cooperation, time and resources"},
	{ID: RuleInitAlternative, Clause: "19011:6.2.3", Principle: ismsaudit.PrincipleFairPresentation, Text: "an audit found not feasible records the alternative proposed to the audit client"},
	{ID: RuleOpenAfterPlan, Clause: "19011:6.4.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "fieldwork opens only after the audit plan is approved and communicated to the auditee"},
	{ID: RuleOpeningMeeting, Clause: "19011:6.4.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the opening meeting records its attendees, confirms plan and scope, and explains the roles of guides and observers"},
	{ID: RuleRiskEscalated, Clause: "19011:6.4.4", Principle: ismsaudit.PrincipleRiskBased, Text: "an urgent, significant risk found during the audit is escalated at once, and the time is recorded"},
	{ID: RuleFieldworkCovered, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "fieldwork ends only when every planned checklist item has a result or a recorded reason why it was not audited"},
	{ID: RuleClosingAfterConclusions, Clause: "19011:6.4.10", Principle: ismsaudit.PrincipleEvidenceBased, Text: "the closing meeting is held only after the team has agreed its conclusions"},
	{ID: RuleClosingMeeting, Clause: "19011:6.4.10", Principle: ismsaudit.PrincipleFairPresentation, Text: "the closing meeting records its attendees, presents findings and conclusions, and records diverging opinions and the agreed follow-up"},
	{ID: RuleReportAfterClosing, Clause: "19011:6.5.1", Principle: ismsaudit.PrincipleFairPresentation, Text: "the audit report is issued only after the closing meeting"},
	{ID: RuleReportDistributed, Clause: "19011:6.5.2", Principle: ismsaudit.PrincipleConfidentiality, Text: "the report goes to named recipients, each with a clearance, and who received which version when is recorded"},
	{ID: RuleCompleteAfterDistribution, Clause: "19011:6.6", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "an audit is completed only after its report is distributed"},
	{ID: RuleCompleteRecords, Clause: "19011:6.6", Principle: ismsaudit.PrincipleConfidentiality, Text: "a completed audit records how its records are kept or disposed of, as agreed"},
	{ID: RuleFollowUpStart, Clause: "19011:6.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "follow-up starts only when some nonconformity's corrective action is not yet verified effective"},
	{ID: RuleTerminateReason, Clause: "19011:6.4.4", Principle: ismsaudit.PrincipleFairPresentation, Text: "an audit stopped before completion records why"},
	{ID: RuleHistoryValid, Clause: "19011:5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "every lifecycle's history is a path through its table, in time order, ending in the recorded state"},
	{ID: RuleRecordShape, Clause: "19011:5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "the record holds every required field with valid values and no reference to anything it lacks"},
}
