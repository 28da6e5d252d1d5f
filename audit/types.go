package audit

import (
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// ID identifies an audit. The host chooses it; the library never makes
// ids up.
type ID string

// FindingID identifies a finding within an audit (host-chosen).
type FindingID string

// History entries of each lifecycle: an accepted event with its time,
// actor and note.
type (
	// Entry is a line of the audit lifecycle's history.
	Entry = fsm.Entry[State, Event]
	// PlanEntry is a line of the plan's history.
	PlanEntry = fsm.Entry[PlanState, PlanEvent]
	// EvidenceEntry is a line of an evidence item's history.
	EvidenceEntry = fsm.Entry[EvidenceState, EvidenceEvent]
	// FindingEntry is a line of a finding's history.
	FindingEntry = fsm.Entry[FindingState, FindingEvent]
	// ConclusionEntry is a line of the conclusions' history.
	ConclusionEntry = fsm.Entry[ConclusionState, ConclusionEvent]
	// FollowUpEntry is a line of a follow-up's history.
	FollowUpEntry = fsm.Entry[FollowUpState, FollowUpEvent]
)

// Audit is the whole record of one audit, from initiation to follow-up
// (ISO 19011:2018 clause 6; ISO/IEC 27007:2020 clause 6). Fields are
// exported so that the record encodes to JSON and compares with go-cmp, but
// change it through its methods: each checks everything first and then
// applies whole, or returns an error and leaves the record exactly as it
// was. Evidence and every history are append-only. Verify checks a record
// however it was obtained (for example decoded from another tool's JSON).
type Audit struct {
	// ID is the host's id for the audit.
	ID ID `json:"id"`
	// Kind is the kind of audit: internal (first party), second party, or a
	// third-party certification audit (stage 1, stage 2, surveillance,
	// recertification, special).
	Kind annexa.AuditKind `json:"kind"`
	// Client is who asked for the audit (the audit client, 19011 3.7).
	Client string `json:"client"`
	// Auditee is the organization audited (19011 3.13).
	Auditee string `json:"auditee"`
	// Programme is the host's id of the audit programme, if any.
	Programme string `json:"programme,omitempty"`
	// Baseline is the previous audit of the same auditee this one follows
	// up, if any.
	Baseline ID `json:"baseline,omitempty"`
	// CreatedAt is when the record was created.
	CreatedAt time.Time `json:"createdAt"`
	// CreatedBy is who created it.
	CreatedBy string `json:"createdBy"`

	// State is where the audit lifecycle stands; History is how it got
	// there.
	State   State   `json:"state"`
	History []Entry `json:"history"`

	// Contact records the contact established with the auditee (6.2.2).
	Contact *Contact `json:"contact,omitempty"`
	// Feasibility records the feasibility decision (6.2.3).
	Feasibility *Feasibility `json:"feasibility,omitempty"`

	// Team lists the people taking part, with their roles (5.5.4, 6.4.2).
	Team []Member `json:"team,omitempty"`
	// Plan is the audit plan with its own lifecycle and versions (6.3.2).
	Plan *Plan `json:"plan,omitempty"`
	// Checklist is the work document from the annexa catalogue (6.3.4).
	Checklist *annexa.Checklist `json:"checklist,omitempty"`
	// Sampling lists the sampling plans (6.3.4, Annex A.6).
	Sampling []SamplingPlan `json:"sampling,omitempty"`

	// Opening is the opening meeting (6.4.3).
	Opening *OpeningMeeting `json:"opening,omitempty"`
	// Evidence is the append-only evidence log (6.4.7).
	Evidence []Evidence `json:"evidence,omitempty"`
	// Risks lists urgent, significant risks escalated during the audit
	// (6.4.4).
	Risks []EscalatedRisk `json:"risks,omitempty"`
	// Findings lists the audit findings (6.4.8).
	Findings []Finding `json:"findings,omitempty"`
	// Conclusion holds the audit conclusions (6.4.9).
	Conclusion *Conclusion `json:"conclusion,omitempty"`
	// Closing is the closing meeting (6.4.10).
	Closing *ClosingMeeting `json:"closing,omitempty"`
	// Report records the issue and distribution of the report (6.5).
	Report *ReportRecord `json:"report,omitempty"`
	// Completion records how the audit was completed (6.6).
	Completion *Completion `json:"completion,omitempty"`
	// FollowUps holds one follow-up per nonconformity (6.7).
	FollowUps []FollowUp `json:"followUps,omitempty"`
	// Termination records why the audit was stopped early (6.4.4).
	Termination *Termination `json:"termination,omitempty"`
	// Seal is the hash-chain seal over evidence and histories, if sealed.
	Seal *Seal `json:"seal,omitempty"`
}

// Contact records the first contact with the auditee (19011 6.2.2).
type Contact struct {
	// Person is the auditee's contact.
	Person string `json:"person"`
	// At is when contact was established.
	At time.Time `json:"at"`
	// By is the team member who made contact.
	By string `json:"by"`
	// Notes records what was agreed (access, confidentiality, arrangements).
	Notes string `json:"notes,omitempty"`
}

// Feasibility records whether the audit can meet its objectives (19011
// 6.2.3): enough information to plan, enough cooperation from the auditee,
// enough time and resources.
type Feasibility struct {
	Information bool `json:"information"`
	Cooperation bool `json:"cooperation"`
	// TimeAndResources covers time and resources to conduct the audit.
	TimeAndResources bool `json:"timeAndResources"`
	// DecidedAt and DecidedBy record the decision.
	DecidedAt time.Time `json:"decidedAt"`
	DecidedBy string    `json:"decidedBy"`
	// Alternative is proposed to the audit client when the audit is not
	// feasible.
	Alternative string `json:"alternative,omitempty"`
}

// Feasible reports whether every condition holds.
func (f Feasibility) Feasible() bool { return f.Information && f.Cooperation && f.TimeAndResources }

// Member is one person taking part in the audit.
type Member struct {
	// Auditor is the person's id in the competence pool; required for team
	// leaders, auditors, trainees and technical experts, optional for
	// observers and guides (often auditee staff).
	Auditor competence.AuditorID `json:"auditor,omitempty"`
	// Name is the person's name.
	Name string `json:"name"`
	// Role is the person's part in the audit.
	Role competence.Role `json:"role"`
	// Organization is who the person works for, for guides and observers.
	Organization string `json:"organization,omitempty"`
}

// Scope is the extent and boundaries of the audit (19011 3.5, 5.5.2).
type Scope struct {
	// ISMS is the ISMS scope statement the audit works within.
	ISMS string `json:"isms,omitempty"`
	// Units, Locations and Processes name what is audited.
	Units     []string `json:"units,omitempty"`
	Locations []string `json:"locations,omitempty"`
	Processes []string `json:"processes,omitempty"`
	// From and To bound the period of activity the audit looks at.
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
}

// Criterion is one audit criterion (19011 3.7): a 27001 clause, an Annex A
// control, or another document such as a policy, law or contract.
type Criterion struct {
	Ref annexa.Ref `json:"ref"`
	// Title names a document criterion; clause and control titles come
	// from the catalogue.
	Title string `json:"title,omitempty"`
}

// Method is one audit method in the plan (19011 Annex A.1, Table A.1):
// where it is applied and whether it involves people.
type Method struct {
	Location         MethodLocation `json:"location"`
	HumanInteraction bool           `json:"humanInteraction"`
	// Description says what the method covers, e.g. "interviews with
	// process owners" or "review of exported logs".
	Description string `json:"description"`
}

// Activity is one line of the audit timetable.
type Activity struct {
	Title    string    `json:"title"`
	Location string    `json:"location"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	// Auditors are the team members doing it.
	Auditors []competence.AuditorID `json:"auditors,omitempty"`
	// Criteria are the criteria it covers.
	Criteria []annexa.Ref `json:"criteria,omitempty"`
}

// Assignment gives one criterion to one auditor of the team (19011 6.3.3).
type Assignment struct {
	Criterion annexa.Ref           `json:"criterion"`
	Auditor   competence.AuditorID `json:"auditor"`
}

// PlanContent is what an audit plan says (19011 6.3.2.2).
type PlanContent struct {
	Objectives []string    `json:"objectives"`
	Scope      Scope       `json:"scope"`
	Criteria   []Criterion `json:"criteria"`
	Locations  []string    `json:"locations"`
	// Start and End bound the audit activities.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Schedule is the timetable.
	Schedule []Activity `json:"schedule"`
	// Methods lists the audit methods; SamplingApproach says how sampling
	// is used (details in the audit's sampling plans).
	Methods          []Method `json:"methods"`
	SamplingApproach string   `json:"samplingApproach"`
	// Assignments give every criterion to an auditor.
	Assignments []Assignment `json:"assignments"`
	// Risks lists the risks to the audit the plan addresses (6.3.2.1).
	Risks []string `json:"risks,omitempty"`
}

// PlanVersion is one approved version of the plan, kept for ever.
type PlanVersion struct {
	Version    int         `json:"version"`
	ApprovedAt time.Time   `json:"approvedAt"`
	ApprovedBy string      `json:"approvedBy"`
	Content    PlanContent `json:"content"`
}

// Plan is the audit plan (19011 6.3.2) with its own lifecycle: draft ->
// approved -> communicated, and back to draft through revise. Content
// changes only in draft; every approval appends a version.
type Plan struct {
	State   PlanState   `json:"state"`
	Content PlanContent `json:"content"`
	// Versions are the approved versions, oldest first (append-only).
	Versions []PlanVersion `json:"versions,omitempty"`
	History  []PlanEntry   `json:"history"`
}

// Attendee is a person at a meeting.
type Attendee struct {
	Name         string `json:"name"`
	Organization string `json:"organization,omitempty"`
	Role         string `json:"role,omitempty"`
}

// OpeningMeeting records the opening meeting (19011 6.4.3).
type OpeningMeeting struct {
	At        time.Time  `json:"at"`
	Attendees []Attendee `json:"attendees"`
	// PlanConfirmed and ScopeConfirmed record that the plan and the scope
	// were confirmed with the auditee.
	PlanConfirmed  bool `json:"planConfirmed"`
	ScopeConfirmed bool `json:"scopeConfirmed"`
	// RolesExplained records that the roles of guides and observers were
	// explained (6.4.2).
	RolesExplained bool   `json:"rolesExplained"`
	Notes          string `json:"notes,omitempty"`
}

// ClosingMeeting records the closing meeting (19011 6.4.10).
type ClosingMeeting struct {
	At                   time.Time  `json:"at"`
	Attendees            []Attendee `json:"attendees"`
	FindingsPresented    bool       `json:"findingsPresented"`
	ConclusionsPresented bool       `json:"conclusionsPresented"`
	// DivergingOpinions notes opinions the auditee does not share with the
	// team; disputed findings carry theirs too.
	DivergingOpinions []string `json:"divergingOpinions,omitempty"`
	// AgreedFollowUp records what was agreed about follow-up.
	AgreedFollowUp string `json:"agreedFollowUp,omitempty"`
	Notes          string `json:"notes,omitempty"`
}

// Period is a span of time; To may be zero for a single point.
type Period struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to,omitzero"`
}

// EscalatedRisk is an urgent, significant risk found during the audit and
// escalated at once (19011 6.4.4).
type EscalatedRisk struct {
	ID          string    `json:"id"`
	Description string    `json:"description"`
	FoundAt     time.Time `json:"foundAt"`
	FoundBy     string    `json:"foundBy"`
	EscalatedAt time.Time `json:"escalatedAt"`
	// EscalatedTo names who was told (auditee management, audit client).
	EscalatedTo string `json:"escalatedTo"`
	// Response records what the auditee did, when known.
	Response string `json:"response,omitempty"`
}

// Recipient is one recipient of the audit report.
type Recipient struct {
	Name         string `json:"name"`
	Organization string `json:"organization,omitempty"`
	// Clearance is the most confidential material the recipient may see;
	// evidence above it appears by reference only in their copy.
	Clearance Confidentiality `json:"clearance"`
}

// Distribution records that a recipient received a version of the report.
type Distribution struct {
	Recipient Recipient `json:"recipient"`
	Version   int       `json:"version"`
	At        time.Time `json:"at"`
	By        string    `json:"by"`
}

// ReportRecord records the report's issue and distribution (19011 6.5).
type ReportRecord struct {
	// Version counts issued versions, from 1.
	Version  int       `json:"version"`
	IssuedAt time.Time `json:"issuedAt"`
	IssuedBy string    `json:"issuedBy"`
	// Distribution is append-only.
	Distribution []Distribution `json:"distribution,omitempty"`
}

// Completion records how the audit was completed (19011 6.6).
type Completion struct {
	// Records says how audit records are kept or disposed of, as agreed.
	Records string `json:"records"`
	// LessonsLearned feed the programme's improvement.
	LessonsLearned []string `json:"lessonsLearned,omitempty"`
}

// Termination records why an audit was stopped (19011 6.4.4).
type Termination struct {
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
	By     string    `json:"by"`
}
