package audit

// MethodLocation says where an audit method is applied (ISO 19011:2018
// Annex A.1, Table A.1).
//
//ismsaudit:enum MethodLocations
type MethodLocation string

// The MethodLocation values. Never reorder.
const (
	OnSite MethodLocation = "on-site" // at the auditee's location
	Remote MethodLocation = "remote"  // by remote means
)

// State is a state of the audit lifecycle (ISO 19011:2018 clause 6).
//
//ismsaudit:enum States
type State string

// The State values. Never reorder.
const (
	StateInitiation  State = "initiation"  // contact and feasibility (19011:6.2)
	StatePreparation State = "preparation" // documents reviewed, plan and work documents prepared (19011:6.3)
	StateFieldwork   State = "fieldwork"   // opening meeting held, evidence being collected (19011:6.4.3-6.4.7)
	StateFindings    State = "findings"    // fieldwork over, findings and conclusions being settled (19011:6.4.8-6.4.9)
	StateClosing     State = "closing"     // closing meeting held, report being prepared (19011:6.4.10)
	StateReported    State = "reported"    // report issued, not yet distributed (19011:6.5.1)
	StateDistributed State = "distributed" // report distributed to its recipients (19011:6.5.2)
	StateCompleted   State = "completed"   // audit completed (19011:6.6)
	StateFollowUp    State = "follow-up"   // corrective actions being followed up (19011:6.7)
	StateClosed      State = "closed"      // every follow-up closed; nothing more to do
	StateTerminated  State = "terminated"  // stopped before completion, with a reason (19011:6.4.4)
)

// Event moves the audit lifecycle.
//
//ismsaudit:enum Events
type Event string

// The Event values. Never reorder.
const (
	EventPrepare            Event = "prepare"              // initiation -> preparation
	EventOpen               Event = "open"                 // preparation -> fieldwork, at the opening meeting
	EventEndFieldwork       Event = "end-fieldwork"        // fieldwork -> findings
	EventHoldClosingMeeting Event = "hold-closing-meeting" // findings -> closing
	EventIssueReport        Event = "issue-report"         // closing -> reported
	EventDistribute         Event = "distribute"           // reported -> distributed
	EventComplete           Event = "complete"             // distributed -> completed
	EventStartFollowUp      Event = "start-follow-up"      // completed -> follow-up
	EventClose              Event = "close"                // completed or follow-up -> closed
	EventTerminate          Event = "terminate"            // any state before completion -> terminated
)

// PlanState is a state of the audit plan lifecycle (ISO 19011:2018 6.3.2).
//
//ismsaudit:enum PlanStates
type PlanState string

// The PlanState values. Never reorder.
const (
	PlanDraft        PlanState = "draft"        // being written or revised; content may change
	PlanApproved     PlanState = "approved"     // approved by the team leader; content frozen
	PlanCommunicated PlanState = "communicated" // presented to the auditee
)

// PlanEvent moves the audit plan lifecycle.
//
//ismsaudit:enum PlanEvents
type PlanEvent string

// The PlanEvent values. Never reorder.
const (
	PlanApprove     PlanEvent = "approve"     // draft -> approved
	PlanCommunicate PlanEvent = "communicate" // approved -> communicated
	PlanRevise      PlanEvent = "revise"      // approved or communicated -> draft, to change an approved plan
)

// EvidenceSource is where an item of audit information came from (ISO
// 19011:2018 6.4.7, Annex A.13).
//
//ismsaudit:enum EvidenceSources
type EvidenceSource string

// The EvidenceSource values. Never reorder.
const (
	SourceInterview             EvidenceSource = "interview"              // what people said
	SourceObservation           EvidenceSource = "observation"            // what the auditor saw
	SourceDocument              EvidenceSource = "document"               // policies, procedures, plans
	SourceRecord                EvidenceSource = "record"                 // records of activities performed
	SourceTechnicalVerification EvidenceSource = "technical-verification" // configuration, test or tool output examined by the auditor
	SourceDataAnalysis          EvidenceSource = "data-analysis"          // analysis of data sets or logs
)

// EvidenceState is a state of an evidence item (ISO 19011:2018 6.4.7: only
// verifiable information is audit evidence).
//
//ismsaudit:enum EvidenceStates
type EvidenceState string

// The EvidenceState values. Never reorder.
const (
	EvidenceCollected  EvidenceState = "collected"  // gathered, not yet verified
	EvidenceVerified   EvidenceState = "verified"   // verified: audit evidence
	EvidenceRejected   EvidenceState = "rejected"   // could not be verified; kept, never used
	EvidenceSuperseded EvidenceState = "superseded" // replaced by a correcting item that points at it
)

// EvidenceEvent moves an evidence item's lifecycle.
//
//ismsaudit:enum EvidenceEvents
type EvidenceEvent string

// The EvidenceEvent values. Never reorder.
const (
	EvidenceVerify    EvidenceEvent = "verify"    // collected -> verified
	EvidenceReject    EvidenceEvent = "reject"    // collected -> rejected
	EvidenceSupersede EvidenceEvent = "supersede" // collected, verified or rejected -> superseded
)

// Confidentiality is how widely an item may be shown (ISO 19011:2018 4 d,
// 6.5.2). Ordered: a recipient cleared for a level sees items up to it.
//
//ismsaudit:enum Confidentialities ordered
type Confidentiality string

// The Confidentiality values. Never reorder.
const (
	ConfidentialityPublic     Confidentiality = "public"     // anyone may see it
	ConfidentialityInternal   Confidentiality = "internal"   // the audit client, auditee and team
	ConfidentialityRestricted Confidentiality = "restricted" // named people only; other copies show a reference
)

// SelectionMethod is how a sample is drawn (ISO 19011:2018 Annex A.6).
//
//ismsaudit:enum SelectionMethods
type SelectionMethod string

// The SelectionMethod values. Never reorder.
const (
	Judgemental SelectionMethod = "judgemental" // chosen by the auditor's knowledge and judgement (A.6.2)
	Statistical SelectionMethod = "statistical" // drawn at random from the frame (A.6.3)
)

// FindingKind classifies an audit finding (ISO 19011:2018 6.4.8).
//
//ismsaudit:enum FindingKinds
type FindingKind string

// The FindingKind values. Never reorder.
const (
	Conformity                FindingKind = "conformity"                  // the criterion is met
	Nonconformity             FindingKind = "nonconformity"               // the criterion is not met; graded major or minor
	Observation               FindingKind = "observation"                 // a concern that is not a nonconformity
	OpportunityForImprovement FindingKind = "opportunity-for-improvement" // a way to do better
	GoodPractice              FindingKind = "good-practice"               // practice worth keeping or spreading
)

// Grade is the severity of a nonconformity (ISO 19011:2018 6.4.8; ISO/IEC
// 17021-1:2015 3.12, 3.13).
//
//ismsaudit:enum Grades ordered
type Grade string

// The Grade values. Never reorder.
const (
	Minor Grade = "minor" // does not put the ISMS's ability to achieve its results in doubt
	Major Grade = "major" // puts the ISMS's ability to achieve its results in doubt
)

// FindingState is a state of a finding's lifecycle.
//
//ismsaudit:enum FindingStates
type FindingState string

// The FindingState values. Never reorder.
const (
	FindingDraft        FindingState = "draft"        // written by an auditor
	FindingConfirmed    FindingState = "confirmed"    // confirmed by the audit team (19011:6.4.8)
	FindingPresented    FindingState = "presented"    // presented to the auditee
	FindingAcknowledged FindingState = "acknowledged" // accepted by the auditee
	FindingDisputed     FindingState = "disputed"     // the auditee holds a diverging opinion (19011:6.4.10)
	FindingResolved     FindingState = "resolved"     // a dispute settled with the auditee
	FindingWithdrawn    FindingState = "withdrawn"    // dropped by the team before presentation; kept
)

// FindingEvent moves a finding's lifecycle.
//
//ismsaudit:enum FindingEvents
type FindingEvent string

// The FindingEvent values. Never reorder.
const (
	FindingConfirm     FindingEvent = "confirm"     // draft -> confirmed
	FindingPresent     FindingEvent = "present"     // confirmed -> presented
	FindingAcknowledge FindingEvent = "acknowledge" // presented -> acknowledged
	FindingDispute     FindingEvent = "dispute"     // presented -> disputed
	FindingResolve     FindingEvent = "resolve"     // disputed -> resolved
	FindingWithdraw    FindingEvent = "withdraw"    // draft or confirmed -> withdrawn
)

// ConclusionState is a state of the audit conclusions (ISO 19011:2018 6.4.9).
//
//ismsaudit:enum ConclusionStates
type ConclusionState string

// The ConclusionState values. Never reorder.
const (
	ConclusionDraft     ConclusionState = "draft"     // being settled by the team
	ConclusionAgreed    ConclusionState = "agreed"    // agreed by the audit team
	ConclusionPresented ConclusionState = "presented" // presented at the closing meeting
)

// ConclusionEvent moves the conclusions' lifecycle.
//
//ismsaudit:enum ConclusionEvents
type ConclusionEvent string

// The ConclusionEvent values. Never reorder.
const (
	ConclusionAgree   ConclusionEvent = "agree"   // draft -> agreed
	ConclusionPresent ConclusionEvent = "present" // agreed -> presented
	ConclusionRevise  ConclusionEvent = "revise"  // agreed -> draft
)

// Recommendation is what a certification audit team recommends (ISO/IEC
// 17021-1:2015 9.4.8, 9.5), derived from the findings by documented rules.
//
//ismsaudit:enum Recommendations ordered
type Recommendation string

// The Recommendation values. Never reorder.
const (
	Recommend                  Recommendation = "recommend"                           // no nonconformity stands in the way
	RecommendAfterPlans        Recommendation = "recommend-after-accepted-plans"      // once corrective action plans for the minor nonconformities are accepted
	RecommendAfterVerification Recommendation = "recommend-after-verified-correction" // only once correction of the major nonconformities is verified
	NotRecommend               Recommendation = "not-recommend"                       // certification is not recommended
)

// Fulfilment is the degree to which the audit criteria are fulfilled (ISO
// 19011:2018 6.5.1 i).
//
//ismsaudit:enum Fulfilments ordered
type Fulfilment string

// The Fulfilment values. Never reorder.
const (
	Fulfilled          Fulfilment = "fulfilled"           // every criterion met
	LargelyFulfilled   Fulfilment = "largely-fulfilled"   // met apart from minor nonconformities
	PartiallyFulfilled Fulfilment = "partially-fulfilled" // major nonconformities or areas not met
	NotFulfilled       Fulfilment = "not-fulfilled"       // the criteria are broadly not met
)

// FollowUpState is a state of a nonconformity's follow-up (ISO 19011:2018 6.7).
//
//ismsaudit:enum FollowUpStates
type FollowUpState string

// The FollowUpState values. Never reorder.
const (
	FollowUpPlanning    FollowUpState = "planning"    // correction, root cause and corrective action being planned
	FollowUpAccepted    FollowUpState = "accepted"    // the plan is accepted by the audit team
	FollowUpImplemented FollowUpState = "implemented" // the auditee reports the action done
	FollowUpClosed      FollowUpState = "closed"      // verified effective by an auditor
)

// FollowUpEvent moves a follow-up's lifecycle.
//
//ismsaudit:enum FollowUpEvents
type FollowUpEvent string

// The FollowUpEvent values. Never reorder.
const (
	FollowUpAcceptPlan        FollowUpEvent = "accept-plan"        // planning -> accepted
	FollowUpImplement         FollowUpEvent = "implement"          // accepted -> implemented
	FollowUpVerifyEffective   FollowUpEvent = "verify-effective"   // implemented -> closed
	FollowUpVerifyIneffective FollowUpEvent = "verify-ineffective" // implemented -> planning
)
