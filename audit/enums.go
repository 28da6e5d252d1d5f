package audit

// Code in this file follows one pattern per enumeration: the type, its
// constants in canonical order (append only: never reorder), the ordered
// set behind validity and parsing, and the text methods.

import (
	"iter"

	"github.com/ismsaudit/ismsaudit/internal/enum"
)

// MethodLocation says where an audit method is applied (ISO 19011:2018
// Annex A.1, Table A.1).
type MethodLocation string

// The MethodLocation values. Never reorder.
const (
	OnSite MethodLocation = "on-site" // at the auditee's location
	Remote MethodLocation = "remote"  // by remote means
)

var methodLocationSet = enum.New("audit", "MethodLocation", OnSite, Remote)

// MethodLocations yields the MethodLocation values in canonical order.
func MethodLocations() iter.Seq[MethodLocation] { return methodLocationSet.All() }

// ParseMethodLocation parses a MethodLocation token; the error lists the valid ones.
func ParseMethodLocation(s string) (MethodLocation, error) { return methodLocationSet.Parse(s) }

// IsValid reports whether v is a known MethodLocation.
func (v MethodLocation) IsValid() bool { return methodLocationSet.Valid(v) }

// String returns the token.
func (v MethodLocation) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v MethodLocation) MarshalText() ([]byte, error) { return methodLocationSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *MethodLocation) UnmarshalText(b []byte) error { return methodLocationSet.Unmarshal(b, v) }

// State is a state of the audit lifecycle (ISO 19011:2018 clause 6).
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

var stateSet = enum.New("audit", "State", StateInitiation, StatePreparation, StateFieldwork, StateFindings, StateClosing, StateReported, StateDistributed, StateCompleted, StateFollowUp, StateClosed, StateTerminated)

// States yields the State values in canonical order.
func States() iter.Seq[State] { return stateSet.All() }

// ParseState parses a State token; the error lists the valid ones.
func ParseState(s string) (State, error) { return stateSet.Parse(s) }

// IsValid reports whether v is a known State.
func (v State) IsValid() bool { return stateSet.Valid(v) }

// String returns the token.
func (v State) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v State) MarshalText() ([]byte, error) { return stateSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *State) UnmarshalText(b []byte) error { return stateSet.Unmarshal(b, v) }

// Event moves the audit lifecycle.
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

var eventSet = enum.New("audit", "Event", EventPrepare, EventOpen, EventEndFieldwork, EventHoldClosingMeeting, EventIssueReport, EventDistribute, EventComplete, EventStartFollowUp, EventClose, EventTerminate)

// Events yields the Event values in canonical order.
func Events() iter.Seq[Event] { return eventSet.All() }

// ParseEvent parses a Event token; the error lists the valid ones.
func ParseEvent(s string) (Event, error) { return eventSet.Parse(s) }

// IsValid reports whether v is a known Event.
func (v Event) IsValid() bool { return eventSet.Valid(v) }

// String returns the token.
func (v Event) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Event) MarshalText() ([]byte, error) { return eventSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *Event) UnmarshalText(b []byte) error { return eventSet.Unmarshal(b, v) }

// PlanState is a state of the audit plan lifecycle (ISO 19011:2018 6.3.2).
type PlanState string

// The PlanState values. Never reorder.
const (
	PlanDraft        PlanState = "draft"        // being written or revised; content may change
	PlanApproved     PlanState = "approved"     // approved by the team leader; content frozen
	PlanCommunicated PlanState = "communicated" // presented to the auditee
)

var planStateSet = enum.New("audit", "PlanState", PlanDraft, PlanApproved, PlanCommunicated)

// PlanStates yields the PlanState values in canonical order.
func PlanStates() iter.Seq[PlanState] { return planStateSet.All() }

// ParsePlanState parses a PlanState token; the error lists the valid ones.
func ParsePlanState(s string) (PlanState, error) { return planStateSet.Parse(s) }

// IsValid reports whether v is a known PlanState.
func (v PlanState) IsValid() bool { return planStateSet.Valid(v) }

// String returns the token.
func (v PlanState) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v PlanState) MarshalText() ([]byte, error) { return planStateSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *PlanState) UnmarshalText(b []byte) error { return planStateSet.Unmarshal(b, v) }

// PlanEvent moves the audit plan lifecycle.
type PlanEvent string

// The PlanEvent values. Never reorder.
const (
	PlanApprove     PlanEvent = "approve"     // draft -> approved
	PlanCommunicate PlanEvent = "communicate" // approved -> communicated
	PlanRevise      PlanEvent = "revise"      // approved or communicated -> draft, to change an approved plan
)

var planEventSet = enum.New("audit", "PlanEvent", PlanApprove, PlanCommunicate, PlanRevise)

// PlanEvents yields the PlanEvent values in canonical order.
func PlanEvents() iter.Seq[PlanEvent] { return planEventSet.All() }

// ParsePlanEvent parses a PlanEvent token; the error lists the valid ones.
func ParsePlanEvent(s string) (PlanEvent, error) { return planEventSet.Parse(s) }

// IsValid reports whether v is a known PlanEvent.
func (v PlanEvent) IsValid() bool { return planEventSet.Valid(v) }

// String returns the token.
func (v PlanEvent) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v PlanEvent) MarshalText() ([]byte, error) { return planEventSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *PlanEvent) UnmarshalText(b []byte) error { return planEventSet.Unmarshal(b, v) }

// EvidenceSource is where an item of audit information came from (ISO
// 19011:2018 6.4.7, Annex A.13).
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

var evidenceSourceSet = enum.New("audit", "EvidenceSource", SourceInterview, SourceObservation, SourceDocument, SourceRecord, SourceTechnicalVerification, SourceDataAnalysis)

// EvidenceSources yields the EvidenceSource values in canonical order.
func EvidenceSources() iter.Seq[EvidenceSource] { return evidenceSourceSet.All() }

// ParseEvidenceSource parses a EvidenceSource token; the error lists the valid ones.
func ParseEvidenceSource(s string) (EvidenceSource, error) { return evidenceSourceSet.Parse(s) }

// IsValid reports whether v is a known EvidenceSource.
func (v EvidenceSource) IsValid() bool { return evidenceSourceSet.Valid(v) }

// String returns the token.
func (v EvidenceSource) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v EvidenceSource) MarshalText() ([]byte, error) { return evidenceSourceSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *EvidenceSource) UnmarshalText(b []byte) error { return evidenceSourceSet.Unmarshal(b, v) }

// EvidenceState is a state of an evidence item (ISO 19011:2018 6.4.7: only
// verifiable information is audit evidence).
type EvidenceState string

// The EvidenceState values. Never reorder.
const (
	EvidenceCollected  EvidenceState = "collected"  // gathered, not yet verified
	EvidenceVerified   EvidenceState = "verified"   // verified: audit evidence
	EvidenceRejected   EvidenceState = "rejected"   // could not be verified; kept, never used
	EvidenceSuperseded EvidenceState = "superseded" // replaced by a correcting item that points at it
)

var evidenceStateSet = enum.New("audit", "EvidenceState", EvidenceCollected, EvidenceVerified, EvidenceRejected, EvidenceSuperseded)

// EvidenceStates yields the EvidenceState values in canonical order.
func EvidenceStates() iter.Seq[EvidenceState] { return evidenceStateSet.All() }

// ParseEvidenceState parses a EvidenceState token; the error lists the valid ones.
func ParseEvidenceState(s string) (EvidenceState, error) { return evidenceStateSet.Parse(s) }

// IsValid reports whether v is a known EvidenceState.
func (v EvidenceState) IsValid() bool { return evidenceStateSet.Valid(v) }

// String returns the token.
func (v EvidenceState) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v EvidenceState) MarshalText() ([]byte, error) { return evidenceStateSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *EvidenceState) UnmarshalText(b []byte) error { return evidenceStateSet.Unmarshal(b, v) }

// EvidenceEvent moves an evidence item's lifecycle.
type EvidenceEvent string

// The EvidenceEvent values. Never reorder.
const (
	EvidenceVerify    EvidenceEvent = "verify"    // collected -> verified
	EvidenceReject    EvidenceEvent = "reject"    // collected -> rejected
	EvidenceSupersede EvidenceEvent = "supersede" // collected, verified or rejected -> superseded
)

var evidenceEventSet = enum.New("audit", "EvidenceEvent", EvidenceVerify, EvidenceReject, EvidenceSupersede)

// EvidenceEvents yields the EvidenceEvent values in canonical order.
func EvidenceEvents() iter.Seq[EvidenceEvent] { return evidenceEventSet.All() }

// ParseEvidenceEvent parses a EvidenceEvent token; the error lists the valid ones.
func ParseEvidenceEvent(s string) (EvidenceEvent, error) { return evidenceEventSet.Parse(s) }

// IsValid reports whether v is a known EvidenceEvent.
func (v EvidenceEvent) IsValid() bool { return evidenceEventSet.Valid(v) }

// String returns the token.
func (v EvidenceEvent) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v EvidenceEvent) MarshalText() ([]byte, error) { return evidenceEventSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *EvidenceEvent) UnmarshalText(b []byte) error { return evidenceEventSet.Unmarshal(b, v) }

// Confidentiality is how widely an item may be shown (ISO 19011:2018 4 d,
// 6.5.2). Ordered: a recipient cleared for a level sees items up to it.
type Confidentiality string

// The Confidentiality values. Never reorder.
const (
	ConfidentialityPublic     Confidentiality = "public"     // anyone may see it
	ConfidentialityInternal   Confidentiality = "internal"   // the audit client, auditee and team
	ConfidentialityRestricted Confidentiality = "restricted" // named people only; other copies show a reference
)

var confidentialitySet = enum.New("audit", "Confidentiality", ConfidentialityPublic, ConfidentialityInternal, ConfidentialityRestricted)

// Confidentialities yields the Confidentiality values in canonical order.
func Confidentialities() iter.Seq[Confidentiality] { return confidentialitySet.All() }

// ParseConfidentiality parses a Confidentiality token; the error lists the valid ones.
func ParseConfidentiality(s string) (Confidentiality, error) { return confidentialitySet.Parse(s) }

// IsValid reports whether v is a known Confidentiality.
func (v Confidentiality) IsValid() bool { return confidentialitySet.Valid(v) }

// String returns the token.
func (v Confidentiality) String() string { return string(v) }

// Compare orders values as the constants are listed.
func (v Confidentiality) Compare(w Confidentiality) int { return confidentialitySet.Compare(v, w) }

// MarshalText implements encoding.TextMarshaler.
func (v Confidentiality) MarshalText() ([]byte, error) { return confidentialitySet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *Confidentiality) UnmarshalText(b []byte) error { return confidentialitySet.Unmarshal(b, v) }

// SelectionMethod is how a sample is drawn (ISO 19011:2018 Annex A.6).
type SelectionMethod string

// The SelectionMethod values. Never reorder.
const (
	Judgemental SelectionMethod = "judgemental" // chosen by the auditor's knowledge and judgement (A.6.2)
	Statistical SelectionMethod = "statistical" // drawn at random from the frame (A.6.3)
)

var selectionMethodSet = enum.New("audit", "SelectionMethod", Judgemental, Statistical)

// SelectionMethods yields the SelectionMethod values in canonical order.
func SelectionMethods() iter.Seq[SelectionMethod] { return selectionMethodSet.All() }

// ParseSelectionMethod parses a SelectionMethod token; the error lists the valid ones.
func ParseSelectionMethod(s string) (SelectionMethod, error) { return selectionMethodSet.Parse(s) }

// IsValid reports whether v is a known SelectionMethod.
func (v SelectionMethod) IsValid() bool { return selectionMethodSet.Valid(v) }

// String returns the token.
func (v SelectionMethod) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v SelectionMethod) MarshalText() ([]byte, error) { return selectionMethodSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *SelectionMethod) UnmarshalText(b []byte) error { return selectionMethodSet.Unmarshal(b, v) }

// FindingKind classifies an audit finding (ISO 19011:2018 6.4.8).
type FindingKind string

// The FindingKind values. Never reorder.
const (
	Conformity                FindingKind = "conformity"                  // the criterion is met
	Nonconformity             FindingKind = "nonconformity"               // the criterion is not met; graded major or minor
	Observation               FindingKind = "observation"                 // a concern that is not a nonconformity
	OpportunityForImprovement FindingKind = "opportunity-for-improvement" // a way to do better
	GoodPractice              FindingKind = "good-practice"               // practice worth keeping or spreading
)

var findingKindSet = enum.New("audit", "FindingKind", Conformity, Nonconformity, Observation, OpportunityForImprovement, GoodPractice)

// FindingKinds yields the FindingKind values in canonical order.
func FindingKinds() iter.Seq[FindingKind] { return findingKindSet.All() }

// ParseFindingKind parses a FindingKind token; the error lists the valid ones.
func ParseFindingKind(s string) (FindingKind, error) { return findingKindSet.Parse(s) }

// IsValid reports whether v is a known FindingKind.
func (v FindingKind) IsValid() bool { return findingKindSet.Valid(v) }

// String returns the token.
func (v FindingKind) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v FindingKind) MarshalText() ([]byte, error) { return findingKindSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *FindingKind) UnmarshalText(b []byte) error { return findingKindSet.Unmarshal(b, v) }

// Grade is the severity of a nonconformity (ISO 19011:2018 6.4.8; ISO/IEC
// 17021-1:2015 3.12, 3.13).
type Grade string

// The Grade values. Never reorder.
const (
	Minor Grade = "minor" // does not put the ISMS's ability to achieve its results in doubt
	Major Grade = "major" // puts the ISMS's ability to achieve its results in doubt
)

var gradeSet = enum.New("audit", "Grade", Minor, Major)

// Grades yields the Grade values in canonical order.
func Grades() iter.Seq[Grade] { return gradeSet.All() }

// ParseGrade parses a Grade token; the error lists the valid ones.
func ParseGrade(s string) (Grade, error) { return gradeSet.Parse(s) }

// IsValid reports whether v is a known Grade.
func (v Grade) IsValid() bool { return gradeSet.Valid(v) }

// String returns the token.
func (v Grade) String() string { return string(v) }

// Compare orders values as the constants are listed.
func (v Grade) Compare(w Grade) int { return gradeSet.Compare(v, w) }

// MarshalText implements encoding.TextMarshaler.
func (v Grade) MarshalText() ([]byte, error) { return gradeSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *Grade) UnmarshalText(b []byte) error { return gradeSet.Unmarshal(b, v) }

// FindingState is a state of a finding's lifecycle.
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

var findingStateSet = enum.New("audit", "FindingState", FindingDraft, FindingConfirmed, FindingPresented, FindingAcknowledged, FindingDisputed, FindingResolved, FindingWithdrawn)

// FindingStates yields the FindingState values in canonical order.
func FindingStates() iter.Seq[FindingState] { return findingStateSet.All() }

// ParseFindingState parses a FindingState token; the error lists the valid ones.
func ParseFindingState(s string) (FindingState, error) { return findingStateSet.Parse(s) }

// IsValid reports whether v is a known FindingState.
func (v FindingState) IsValid() bool { return findingStateSet.Valid(v) }

// String returns the token.
func (v FindingState) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v FindingState) MarshalText() ([]byte, error) { return findingStateSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *FindingState) UnmarshalText(b []byte) error { return findingStateSet.Unmarshal(b, v) }

// FindingEvent moves a finding's lifecycle.
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

var findingEventSet = enum.New("audit", "FindingEvent", FindingConfirm, FindingPresent, FindingAcknowledge, FindingDispute, FindingResolve, FindingWithdraw)

// FindingEvents yields the FindingEvent values in canonical order.
func FindingEvents() iter.Seq[FindingEvent] { return findingEventSet.All() }

// ParseFindingEvent parses a FindingEvent token; the error lists the valid ones.
func ParseFindingEvent(s string) (FindingEvent, error) { return findingEventSet.Parse(s) }

// IsValid reports whether v is a known FindingEvent.
func (v FindingEvent) IsValid() bool { return findingEventSet.Valid(v) }

// String returns the token.
func (v FindingEvent) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v FindingEvent) MarshalText() ([]byte, error) { return findingEventSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *FindingEvent) UnmarshalText(b []byte) error { return findingEventSet.Unmarshal(b, v) }

// ConclusionState is a state of the audit conclusions (ISO 19011:2018 6.4.9).
type ConclusionState string

// The ConclusionState values. Never reorder.
const (
	ConclusionDraft     ConclusionState = "draft"     // being settled by the team
	ConclusionAgreed    ConclusionState = "agreed"    // agreed by the audit team
	ConclusionPresented ConclusionState = "presented" // presented at the closing meeting
)

var conclusionStateSet = enum.New("audit", "ConclusionState", ConclusionDraft, ConclusionAgreed, ConclusionPresented)

// ConclusionStates yields the ConclusionState values in canonical order.
func ConclusionStates() iter.Seq[ConclusionState] { return conclusionStateSet.All() }

// ParseConclusionState parses a ConclusionState token; the error lists the valid ones.
func ParseConclusionState(s string) (ConclusionState, error) { return conclusionStateSet.Parse(s) }

// IsValid reports whether v is a known ConclusionState.
func (v ConclusionState) IsValid() bool { return conclusionStateSet.Valid(v) }

// String returns the token.
func (v ConclusionState) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v ConclusionState) MarshalText() ([]byte, error) { return conclusionStateSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *ConclusionState) UnmarshalText(b []byte) error { return conclusionStateSet.Unmarshal(b, v) }

// ConclusionEvent moves the conclusions' lifecycle.
type ConclusionEvent string

// The ConclusionEvent values. Never reorder.
const (
	ConclusionAgree   ConclusionEvent = "agree"   // draft -> agreed
	ConclusionPresent ConclusionEvent = "present" // agreed -> presented
	ConclusionRevise  ConclusionEvent = "revise"  // agreed -> draft
)

var conclusionEventSet = enum.New("audit", "ConclusionEvent", ConclusionAgree, ConclusionPresent, ConclusionRevise)

// ConclusionEvents yields the ConclusionEvent values in canonical order.
func ConclusionEvents() iter.Seq[ConclusionEvent] { return conclusionEventSet.All() }

// ParseConclusionEvent parses a ConclusionEvent token; the error lists the valid ones.
func ParseConclusionEvent(s string) (ConclusionEvent, error) { return conclusionEventSet.Parse(s) }

// IsValid reports whether v is a known ConclusionEvent.
func (v ConclusionEvent) IsValid() bool { return conclusionEventSet.Valid(v) }

// String returns the token.
func (v ConclusionEvent) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v ConclusionEvent) MarshalText() ([]byte, error) { return conclusionEventSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *ConclusionEvent) UnmarshalText(b []byte) error { return conclusionEventSet.Unmarshal(b, v) }

// Recommendation is what a certification audit team recommends (ISO/IEC
// 17021-1:2015 9.4.8, 9.5), derived from the findings by documented rules.
type Recommendation string

// The Recommendation values. Never reorder.
const (
	Recommend                  Recommendation = "recommend"                           // no nonconformity stands in the way
	RecommendAfterPlans        Recommendation = "recommend-after-accepted-plans"      // once corrective action plans for the minor nonconformities are accepted
	RecommendAfterVerification Recommendation = "recommend-after-verified-correction" // only once correction of the major nonconformities is verified
	NotRecommend               Recommendation = "not-recommend"                       // certification is not recommended
)

var recommendationSet = enum.New("audit", "Recommendation", Recommend, RecommendAfterPlans, RecommendAfterVerification, NotRecommend)

// Recommendations yields the Recommendation values in canonical order.
func Recommendations() iter.Seq[Recommendation] { return recommendationSet.All() }

// ParseRecommendation parses a Recommendation token; the error lists the valid ones.
func ParseRecommendation(s string) (Recommendation, error) { return recommendationSet.Parse(s) }

// IsValid reports whether v is a known Recommendation.
func (v Recommendation) IsValid() bool { return recommendationSet.Valid(v) }

// String returns the token.
func (v Recommendation) String() string { return string(v) }

// Compare orders values as the constants are listed.
func (v Recommendation) Compare(w Recommendation) int { return recommendationSet.Compare(v, w) }

// MarshalText implements encoding.TextMarshaler.
func (v Recommendation) MarshalText() ([]byte, error) { return recommendationSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *Recommendation) UnmarshalText(b []byte) error { return recommendationSet.Unmarshal(b, v) }

// Fulfilment is the degree to which the audit criteria are fulfilled (ISO
// 19011:2018 6.5.1 i).
type Fulfilment string

// The Fulfilment values. Never reorder.
const (
	Fulfilled          Fulfilment = "fulfilled"           // every criterion met
	LargelyFulfilled   Fulfilment = "largely-fulfilled"   // met apart from minor nonconformities
	PartiallyFulfilled Fulfilment = "partially-fulfilled" // major nonconformities or areas not met
	NotFulfilled       Fulfilment = "not-fulfilled"       // the criteria are broadly not met
)

var fulfilmentSet = enum.New("audit", "Fulfilment", Fulfilled, LargelyFulfilled, PartiallyFulfilled, NotFulfilled)

// Fulfilments yields the Fulfilment values in canonical order.
func Fulfilments() iter.Seq[Fulfilment] { return fulfilmentSet.All() }

// ParseFulfilment parses a Fulfilment token; the error lists the valid ones.
func ParseFulfilment(s string) (Fulfilment, error) { return fulfilmentSet.Parse(s) }

// IsValid reports whether v is a known Fulfilment.
func (v Fulfilment) IsValid() bool { return fulfilmentSet.Valid(v) }

// String returns the token.
func (v Fulfilment) String() string { return string(v) }

// Compare orders values as the constants are listed.
func (v Fulfilment) Compare(w Fulfilment) int { return fulfilmentSet.Compare(v, w) }

// MarshalText implements encoding.TextMarshaler.
func (v Fulfilment) MarshalText() ([]byte, error) { return fulfilmentSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *Fulfilment) UnmarshalText(b []byte) error { return fulfilmentSet.Unmarshal(b, v) }

// FollowUpState is a state of a nonconformity's follow-up (ISO 19011:2018 6.7).
type FollowUpState string

// The FollowUpState values. Never reorder.
const (
	FollowUpPlanning    FollowUpState = "planning"    // correction, root cause and corrective action being planned
	FollowUpAccepted    FollowUpState = "accepted"    // the plan is accepted by the audit team
	FollowUpImplemented FollowUpState = "implemented" // the auditee reports the action done
	FollowUpClosed      FollowUpState = "closed"      // verified effective by an auditor
)

var followUpStateSet = enum.New("audit", "FollowUpState", FollowUpPlanning, FollowUpAccepted, FollowUpImplemented, FollowUpClosed)

// FollowUpStates yields the FollowUpState values in canonical order.
func FollowUpStates() iter.Seq[FollowUpState] { return followUpStateSet.All() }

// ParseFollowUpState parses a FollowUpState token; the error lists the valid ones.
func ParseFollowUpState(s string) (FollowUpState, error) { return followUpStateSet.Parse(s) }

// IsValid reports whether v is a known FollowUpState.
func (v FollowUpState) IsValid() bool { return followUpStateSet.Valid(v) }

// String returns the token.
func (v FollowUpState) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v FollowUpState) MarshalText() ([]byte, error) { return followUpStateSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *FollowUpState) UnmarshalText(b []byte) error { return followUpStateSet.Unmarshal(b, v) }

// FollowUpEvent moves a follow-up's lifecycle.
type FollowUpEvent string

// The FollowUpEvent values. Never reorder.
const (
	FollowUpAcceptPlan        FollowUpEvent = "accept-plan"        // planning -> accepted
	FollowUpImplement         FollowUpEvent = "implement"          // accepted -> implemented
	FollowUpVerifyEffective   FollowUpEvent = "verify-effective"   // implemented -> closed
	FollowUpVerifyIneffective FollowUpEvent = "verify-ineffective" // implemented -> planning
)

var followUpEventSet = enum.New("audit", "FollowUpEvent", FollowUpAcceptPlan, FollowUpImplement, FollowUpVerifyEffective, FollowUpVerifyIneffective)

// FollowUpEvents yields the FollowUpEvent values in canonical order.
func FollowUpEvents() iter.Seq[FollowUpEvent] { return followUpEventSet.All() }

// ParseFollowUpEvent parses a FollowUpEvent token; the error lists the valid ones.
func ParseFollowUpEvent(s string) (FollowUpEvent, error) { return followUpEventSet.Parse(s) }

// IsValid reports whether v is a known FollowUpEvent.
func (v FollowUpEvent) IsValid() bool { return followUpEventSet.Valid(v) }

// String returns the token.
func (v FollowUpEvent) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v FollowUpEvent) MarshalText() ([]byte, error) { return followUpEventSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *FollowUpEvent) UnmarshalText(b []byte) error { return followUpEventSet.Unmarshal(b, v) }
