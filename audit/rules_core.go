package audit

// Rule ids of the audit lifecycle: initiation, opening, fieldwork,
// closing, report, completion, termination and the record as a whole.
const (
	RuleInitContact          = "AUD-INIT-CONTACT"
	RuleInitFeasible         = "AUD-INIT-FEASIBLE"
	RuleInitAlternative      = "AUD-INIT-ALTERNATIVE"
	RuleOpenAfterPlan        = "AUD-OPEN-AFTER-PLAN"
	RuleOpeningMeeting       = "AUD-OPEN-MEETING"
	RuleRiskEscalated        = "AUD-RISK-ESCALATED"
	RuleFieldworkCovered     = "AUD-FIELDWORK-COVERED"
	RuleClosingAfterConclude = "AUD-CLOSING-AFTER-CONCLUSIONS"
	RuleClosingMeeting       = "AUD-CLOSING-MEETING"
	RuleReportAfterClosing   = "AUD-REPORT-AFTER-CLOSING"
	RuleReportDistributed    = "AUD-REPORT-DISTRIBUTED"
	RuleCompleteAfterDistrib = "AUD-COMPLETE-AFTER-DISTRIBUTION"
	RuleCompleteRecords      = "AUD-COMPLETE-RECORDS"
	RuleFollowUpStart        = "AUD-FOLLOWUP-START"
	RuleTerminateReason      = "AUD-TERMINATE-REASON"
	RuleHistoryValid         = "AUD-HISTORY-VALID"
	RuleRecordShape          = "AUD-RECORD-SHAPE"
)

var coreRules = []Rule{
	{RuleInitContact, "19011:6.2.2", PrincipleDueProfessionalCare, "contact with the auditee is established before preparation starts"},
	{RuleInitFeasible, "19011:6.2.3", PrincipleDueProfessionalCare, "preparation starts only once the audit is found feasible: enough information, cooperation, time and resources"},
	{RuleInitAlternative, "19011:6.2.3", PrincipleFairPresentation, "an audit found not feasible records the alternative proposed to the audit client"},
	{RuleOpenAfterPlan, "19011:6.4.3", PrincipleDueProfessionalCare, "fieldwork opens only after the audit plan is approved and communicated to the auditee"},
	{RuleOpeningMeeting, "19011:6.4.3", PrincipleDueProfessionalCare, "the opening meeting records its attendees, confirms plan and scope, and explains the roles of guides and observers"},
	{RuleRiskEscalated, "19011:6.4.4", PrincipleRiskBased, "an urgent, significant risk found during the audit is escalated at once, and the time is recorded"},
	{RuleFieldworkCovered, "19011:6.4.7", PrincipleDueProfessionalCare, "fieldwork ends only when every planned checklist item has a result or a recorded reason why it was not audited"},
	{RuleClosingAfterConclude, "19011:6.4.10", PrincipleEvidenceBased, "the closing meeting is held only after the team has agreed its conclusions"},
	{RuleClosingMeeting, "19011:6.4.10", PrincipleFairPresentation, "the closing meeting records its attendees, presents findings and conclusions, and records diverging opinions and the agreed follow-up"},
	{RuleReportAfterClosing, "19011:6.5.1", PrincipleFairPresentation, "the audit report is issued only after the closing meeting"},
	{RuleReportDistributed, "19011:6.5.2", PrincipleConfidentiality, "the report goes to named recipients, each with a clearance, and who received which version when is recorded"},
	{RuleCompleteAfterDistrib, "19011:6.6", PrincipleDueProfessionalCare, "an audit is completed only after its report is distributed"},
	{RuleCompleteRecords, "19011:6.6", PrincipleConfidentiality, "a completed audit records how its records are kept or disposed of, as agreed"},
	{RuleFollowUpStart, "19011:6.7", PrincipleDueProfessionalCare, "follow-up starts only when some nonconformity's corrective action is not yet verified effective"},
	{RuleTerminateReason, "19011:6.4.4", PrincipleFairPresentation, "an audit stopped before completion records why"},
	{RuleHistoryValid, "19011:5.5.7", PrincipleIntegrity, "every lifecycle's history is a path through its table, in time order, ending in the recorded state"},
	{RuleRecordShape, "19011:5.5.7", PrincipleIntegrity, "the record holds every required field with valid values and no reference to anything it lacks"},
}
