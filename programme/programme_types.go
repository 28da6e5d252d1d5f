package programme

import (
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// ID identifies a programme; the host chooses it.
type ID string

// Entry is one line of the programme lifecycle's history: an accepted
// event with its time, actor and note.
type Entry = fsm.Entry[State, Event]

// Programme is an audit programme (ISO 19011:2018 clause 5). Fields are
// exported so that it encodes to JSON and compares with go-cmp; change it
// through its methods, which apply whole or not at all.
//
// A programme is versioned: a review (5.7) that improves it leaves the
// reviewed version in StateImproved, unchanged from then on, and starts
// the next version in StateDraft (see Programme.Improve). The newest
// version carries every earlier one in Previous, so one record holds the
// whole story.
type Programme struct {
	// ID is the host's id for the programme.
	ID ID `json:"id"`
	// Version counts versions, from 1; a review that improves the programme
	// starts the next version and keeps the old one.
	Version int `json:"version"`
	// CreatedAt and CreatedBy say when and by whom this version was
	// started (by New or Improve).
	CreatedAt time.Time `json:"createdAt"`
	CreatedBy string    `json:"createdBy"`
	// State is where the lifecycle of this version stands; History is how
	// it got there (append-only).
	State   State   `json:"state"`
	History []Entry `json:"history"`

	// Objectives are what the programme is to achieve (5.2), each with a
	// measurable target.
	Objectives []Objective `json:"objectives,omitempty"`
	// Managers are the individuals managing the programme and their roles
	// (5.4.1).
	Managers []Manager `json:"managers,omitempty"`
	// Extent is how many audits of which kinds, where, how often and how
	// long, and what drives it (5.4.3).
	Extent Extent `json:"extent"`
	// Resources are the resources the programme needs (5.4.4).
	Resources Resources `json:"resources"`
	// Records says how programme and audit records are kept (5.5.7).
	Records RecordsPolicy `json:"records"`
	// Matrix holds the documented likelihood and impact scales and the
	// levels the register's assessments are read from (5.3).
	Matrix RiskMatrix `json:"matrix"`
	// Risks is the register of the programme's risks and opportunities
	// (5.3). Entries are never removed; each has its own lifecycle.
	Risks []Risk `json:"risks,omitempty"`
	// Reviews are the programme reviews (5.7), oldest first, of this
	// version and every earlier one (append-only).
	Reviews []Review `json:"reviews,omitempty"`
	// Implements lists the ids of the improvement actions, raised by
	// reviews of earlier versions, that this version carries out.
	Implements []string `json:"implements,omitempty"`
	// Previous holds every earlier version, oldest first: Previous[i] is
	// version i+1 as it stood when it was improved (append-only; the
	// snapshots hold no Previous of their own).
	Previous []Programme `json:"previous,omitempty"`

	// Schedule lists the audits the programme plans.
	Schedule []ScheduledAudit `json:"schedule,omitempty"`
	// Cycles lists the certification cycles the programme runs (for a
	// certification body, one per client).
	Cycles []Cycle `json:"cycles,omitempty"`
}

// Objective is one audit programme objective (ISO 19011:2018 5.2), with a
// measurable target.
type Objective struct {
	// ID is the host's id for the objective, unique in the programme.
	ID string `json:"id" validate:"required"`
	// Statement says what the programme is to achieve, e.g. "every
	// requirement and applicable control audited within the cycle".
	Statement string `json:"statement" validate:"required"`
	// Target makes the objective measurable; approval needs a complete one.
	Target Target `json:"target"`
}

// Target is a measurable target for an objective: a metric, the value it
// must reach (at least or at most) in a unit, and when.
type Target struct {
	// Metric names what is measured, e.g. "audits completed on time".
	Metric string `json:"metric,omitempty"`
	// Direction says whether the value is a floor or a ceiling.
	Direction Direction `json:"direction,omitempty" validate:"omitempty,enum"`
	// Value is the target value.
	Value float64 `json:"value"`
	// Unit is the unit of Value, e.g. "%" or "days".
	Unit string `json:"unit,omitempty"`
	// Due is when the target must be met.
	Due time.Time `json:"due,omitzero"`
}

// Met reports whether a measured value meets the target. A target
// without a valid direction is never met.
func (t Target) Met(actual float64) bool {
	switch t.Direction {
	case AtLeast:
		return actual >= t.Value
	case AtMost:
		return actual <= t.Value
	}
	return false
}

// Manager is one individual managing the programme (ISO 19011:2018
// 5.4.1) with the roles they hold.
type Manager struct {
	// Person is the host's id of the individual, unique among managers.
	Person string `json:"person" validate:"required"`
	// Name is the individual's name.
	Name string `json:"name" validate:"required"`
	// Roles are the responsibilities the individual holds.
	Roles []ManagerRole `json:"roles" validate:"min=1,unique,dive,enum"`
}

// Extent is the extent of the programme (ISO 19011:2018 5.4.3; ISO/IEC
// 27007:2020 5.4.3 for the ISMS drivers): how many audits of which kinds,
// where, how often and for how long, over which period, and what drives
// those choices. A draft may leave parts empty; approval needs them all
// but SignificantChanges.
type Extent struct {
	// Start and End bound the period the programme covers.
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
	// Audits is the number of audits planned over the period.
	Audits int `json:"audits,omitempty" validate:"gte=0"`
	// Kinds are the kinds of audit the programme includes.
	Kinds []annexa.AuditKind `json:"kinds,omitempty" validate:"unique,dive,enum"`
	// Locations are the locations audited.
	Locations []string `json:"locations,omitempty" validate:"unique,dive,required"`
	// Frequency says how often areas are audited, e.g. "every clause and
	// applicable control once a year, high-risk areas twice".
	Frequency string `json:"frequency,omitempty"`
	// AuditDays is the planned duration of all audits, in auditor days.
	AuditDays float64 `json:"auditDays,omitempty" validate:"gte=0"`
	// Drivers record what the extent is based on.
	Drivers Drivers `json:"drivers"`
}

// Drivers are what the extent of an ISMS audit programme is based on
// (ISO/IEC 27007:2020 5.4.3; ISO 19011:2018 5.4.3).
type Drivers struct {
	// SizeAndComplexity describes the size and complexity of the ISMS:
	// persons, sites, processes, technology.
	SizeAndComplexity string `json:"sizeAndComplexity,omitempty"`
	// RiskAssessment summarises the results of the information security
	// risk assessment that bear on where audits focus.
	RiskAssessment string `json:"riskAssessment,omitempty"`
	// SignificantChanges lists significant changes to the ISMS or its
	// context since the previous programme; may be empty.
	SignificantChanges []string `json:"significantChanges,omitempty" validate:"dive,required"`
	// PreviousResults summarises the results of previous audits and
	// programme reviews ("none: first programme" is an answer).
	PreviousResults string `json:"previousResults,omitempty"`
}

// Resources are the resources the programme needs (ISO 19011:2018
// 5.4.4).
type Resources struct {
	// AuditorDays is the auditor time available for audits; it must cover
	// the extent's AuditDays.
	AuditorDays float64 `json:"auditorDays,omitempty" validate:"gte=0"`
	// TravelDays is the auditor time needed for travel and accommodation.
	TravelDays float64 `json:"travelDays,omitempty" validate:"gte=0"`
	// TechnicalExperts lists the technical expertise to be brought in.
	TechnicalExperts []string `json:"technicalExperts,omitempty" validate:"dive,required"`
	// Tools lists tools and technology, e.g. for remote audits.
	Tools []string `json:"tools,omitempty" validate:"dive,required"`
	// Financial describes the financial resources.
	Financial string `json:"financial,omitempty"`
}

// RecordsPolicy says how programme and audit records are managed and
// kept (ISO 19011:2018 5.5.7), including how the confidential ISMS
// information auditors see is protected (ISO/IEC 27007:2020 5.5.7).
type RecordsPolicy struct {
	// RetentionMonths is how long records are kept.
	RetentionMonths int `json:"retentionMonths,omitempty" validate:"gte=0"`
	// Confidentiality says how confidential information seen or held by
	// auditors is protected (access, storage, transfer, disposal).
	Confidentiality string `json:"confidentiality,omitempty"`
	// Access lists who may access the records.
	Access []string `json:"access,omitempty" validate:"unique,dive,required"`
	// Disposal says how records are disposed of at the end of retention.
	Disposal string `json:"disposal,omitempty"`
}

// NewOptions are what a programme starts with. Only ID is needed to
// start a draft; approval needs the rest (see Rules).
type NewOptions struct {
	// ID is the host's id for the programme; required.
	ID ID `json:"id"`
	// Objectives, Managers, Extent, Resources and Records are the
	// programme's content; see Programme.
	Objectives []Objective   `json:"objectives,omitempty"`
	Managers   []Manager     `json:"managers,omitempty"`
	Extent     Extent        `json:"extent"`
	Resources  Resources     `json:"resources"`
	Records    RecordsPolicy `json:"records"`
	// Matrix is the risk matrix; nil means DefaultMatrix.
	Matrix *RiskMatrix `json:"matrix,omitempty"`
}

// Changes are edits to a programme's content: by Programme.Update while
// it is a draft, or by Programme.Improve for the next version. A nil
// field keeps what the programme has; a non-nil one replaces it whole.
type Changes struct {
	// Objectives, when not nil, replace the objectives.
	Objectives []Objective `json:"objectives,omitempty"`
	// Managers, when not nil, replace the managers.
	Managers []Manager `json:"managers,omitempty"`
	// Extent, Resources, Records and Matrix, when not nil, replace the
	// programme's own.
	Extent    *Extent        `json:"extent,omitempty"`
	Resources *Resources     `json:"resources,omitempty"`
	Records   *RecordsPolicy `json:"records,omitempty"`
	Matrix    *RiskMatrix    `json:"matrix,omitempty"`
	// Implements adds ids of improvement actions, raised by reviews of
	// earlier versions and not yet carried out, that this version carries
	// out.
	Implements []string `json:"implements,omitempty"`
}
