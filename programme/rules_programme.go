package programme

import "github.com/ismsaudit/ismsaudit"

// Rule ids of the programme itself: its content, lifecycle and versions,
// the risk and opportunity register, and reviews.
const (
	RuleObjectives        ismsaudit.RuleID = "PRG-OBJECTIVES"
	RuleManagers          ismsaudit.RuleID = "PRG-MANAGERS"
	RuleExtent            ismsaudit.RuleID = "PRG-EXTENT"
	RuleResources         ismsaudit.RuleID = "PRG-RESOURCES"
	RuleRecords           ismsaudit.RuleID = "PRG-RECORDS"
	RuleRiskAreas         ismsaudit.RuleID = "PRG-RISK-AREAS"
	RuleRisksAssessed     ismsaudit.RuleID = "PRG-RISKS-ASSESSED"
	RuleRiskTreatment     ismsaudit.RuleID = "PRG-RISK-TREATMENT"
	RuleChangeInDraft     ismsaudit.RuleID = "PRG-CHANGE-IN-DRAFT"
	RuleFrozen            ismsaudit.RuleID = "PRG-FROZEN"
	RuleReviewRecorded    ismsaudit.RuleID = "PRG-REVIEW-RECORDED"
	RuleReviewInputs      ismsaudit.RuleID = "PRG-REVIEW-INPUTS"
	RuleReviewActions     ismsaudit.RuleID = "PRG-REVIEW-ACTIONS"
	RuleImproveNewVersion ismsaudit.RuleID = "PRG-IMPROVE-NEW-VERSION"
	RuleActionImplements  ismsaudit.RuleID = "PRG-ACTION-IMPLEMENTS"
	RuleVersionsKept      ismsaudit.RuleID = "PRG-VERSIONS-KEPT"
	RuleRiskScales        ismsaudit.RuleID = "PRG-RISK-SCALES"
	RuleRiskPlan          ismsaudit.RuleID = "PRG-RISK-PLAN"
	RuleRiskOutcome       ismsaudit.RuleID = "PRG-RISK-OUTCOME"
	RuleRiskResidual      ismsaudit.RuleID = "PRG-RISK-RESIDUAL"
	RuleRiskReason        ismsaudit.RuleID = "PRG-RISK-REASON"
	RuleRiskAcceptable    ismsaudit.RuleID = "PRG-RISK-ACCEPTABLE"
	RuleHistory           ismsaudit.RuleID = "PRG-HISTORY"
	RuleRecordShape       ismsaudit.RuleID = "PRG-RECORD-SHAPE"
)

// programmeRules are the rules of the programme itself, its lifecycle and
// its risk register (ISO 19011:2018 clause 5).
var programmeRules = []Rule{
	{RuleObjectives, "ISO 19011:2018 5.2", "an approved programme has objectives, each with a measurable target"},
	{RuleManagers, "ISO 19011:2018 5.4.1", "an approved programme names the individuals managing it, and each responsibility of managing it is held by one of them"},
	{RuleExtent, "ISO 19011:2018 5.4.3; ISO/IEC 27007:2020 5.4.3", "an approved programme states its period, the number, kinds, locations, frequency and duration of its audits, and the ISMS size and complexity, risk assessment results and previous results behind them"},
	{RuleResources, "ISO 19011:2018 5.4.4", "an approved programme states the auditor days it has, enough for the audit days its extent plans, and the travel time it needs"},
	{RuleRecords, "ISO 19011:2018 5.5.7; ISO/IEC 27007:2020 5.5.7", "an approved programme says how long records are kept, who may see them and how the confidential ISMS information auditors see is protected"},
	{RuleRiskAreas, "ISO 19011:2018 5.3", "before approval the register holds at least one risk in each area of 5.3: planning, resources, team selection, communication, implementation, records, monitoring and auditee availability"},
	{RuleRisksAssessed, "ISO 19011:2018 5.3", "approval and implementation wait until every entry of the register has been assessed"},
	{RuleRiskTreatment, "ISO 19011:2018 5.3", "implementation starts only when every risk rated above the acceptable level has a planned treatment"},
	{RuleChangeInDraft, "ISO 19011:2018 5.7", "the programme's content changes only in draft; once approved it changes through a review and a new version"},
	{RuleFrozen, "ISO 19011:2018 5.5.7", "an improved or closed version is a record: nothing in it changes any more"},
	{RuleReviewRecorded, "ISO 19011:2018 5.7", "each review round records exactly one review, within the round, before the programme is improved, resumed or closed"},
	{RuleReviewInputs, "ISO 19011:2018 5.6, 5.7", "a review considers the monitoring results, measures every objective against its target and states its conclusions"},
	{RuleReviewActions, "ISO 19011:2018 5.7", "a review that raises improvement actions leads to a new version, not back to implementing the version reviewed"},
	{RuleImproveNewVersion, "ISO 19011:2018 5.7", "improving the programme starts the next version in draft, carrying the register, reviews, schedule and cycles, and leaves the reviewed version unchanged"},
	{RuleActionImplements, "ISO 19011:2018 5.7", "a version carries out only improvement actions raised by reviews of earlier versions, each at most once"},
	{RuleVersionsKept, "ISO 19011:2018 5.5.7", "every earlier version is kept whole and in order, and nothing recorded in it is lost from the versions that follow"},
	{RuleRiskScales, "ISO 19011:2018 5.3 (scales and levels: project default)", "likelihood and impact are rated on the programme's documented scales and the level is read from its matrix"},
	{RuleRiskPlan, "ISO 19011:2018 5.3", "a planned treatment says what is done, by whom and by when, the date not before the plan"},
	{RuleRiskOutcome, "ISO 19011:2018 5.3", "a treatment is recorded as done only with what was done"},
	{RuleRiskResidual, "ISO 19011:2018 5.3", "monitoring a treated entry rates the residual likelihood and impact"},
	{RuleRiskReason, "ISO 19011:2018 5.3", "an entry is accepted or closed only with the reason"},
	{RuleRiskAcceptable, "ISO 19011:2018 5.3 (acceptable level: the host's matrix)", "a risk is accepted or closed only when its latest level is within the matrix's acceptable level"},
	{RuleHistory, "ISO 19011:2018 5.5.7", "each lifecycle history is a path through its table, in time order, ending in the recorded state, with the records each event leaves"},
	{RuleRecordShape, "ISO 19011:2018 5.5.7", "the programme record holds every required field with valid values, unique ids and no reference to anything it lacks"},
}
