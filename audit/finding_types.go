package audit

import (
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// Finding is an audit finding (19011 6.4.8): the result of evaluating
// evidence against criteria.
type Finding struct {
	ID   FindingID   `json:"id"`
	Kind FindingKind `json:"kind"`
	// Grade is set for nonconformities only.
	Grade Grade `json:"grade,omitempty"`
	// Criteria are the criteria the finding is about.
	Criteria []annexa.Ref `json:"criteria"`
	// Evidence lists the evidence behind it.
	Evidence []ismsaudit.EvidenceID `json:"evidence,omitempty"`
	// Area is the unit, process or location where it was found.
	Area string `json:"area,omitempty"`
	// For a nonconformity: the requirement, what was found, and why it
	// does not conform. Other kinds use Found alone.
	Requirement string `json:"requirement,omitempty"`
	Found       string `json:"found"`
	Reason      string `json:"reason,omitempty"`
	// DivergingOpinion is the auditee's view of a disputed finding, and
	// Resolution how the dispute was settled.
	DivergingOpinion string `json:"divergingOpinion,omitempty"`
	Resolution       string `json:"resolution,omitempty"`
	// RaisedBy and RaisedAt say who wrote the finding and when.
	RaisedBy string         `json:"raisedBy"`
	RaisedAt time.Time      `json:"raisedAt"`
	State    FindingState   `json:"state"`
	History  []FindingEntry `json:"history"`
}

// Conclusion is the outcome of the audit (19011 6.4.9).
type Conclusion struct {
	// Fulfilment is the degree to which the criteria are fulfilled.
	Fulfilment Fulfilment `json:"fulfilment"`
	// Extent states the extent of conformity with the criteria.
	Extent string `json:"extent"`
	// Effectiveness states whether the ISMS is effectively implemented,
	// maintained and improved.
	Effectiveness string `json:"effectiveness"`
	// ObjectivesAchieved says whether the audit objectives were achieved.
	ObjectivesAchieved bool `json:"objectivesAchieved"`
	// ObjectivesNote says which objectives were not achieved and why;
	// required when ObjectivesAchieved is false, so that a false value
	// always records a considered judgement.
	ObjectivesNote string `json:"objectivesNote,omitempty"`
	// ScopeCovered says whether the whole scope was covered; NotCovered
	// lists the areas that were not, with why.
	ScopeCovered bool     `json:"scopeCovered"`
	NotCovered   []string `json:"notCovered,omitempty"`
	// Recurring notes findings that recur across areas or audits.
	Recurring []string `json:"recurring,omitempty"`
	// Recommendation is set for certification audits.
	Recommendation Recommendation    `json:"recommendation,omitempty"`
	State          ConclusionState   `json:"state"`
	History        []ConclusionEntry `json:"history"`
}

// FollowUp tracks the corrective action for one nonconformity (19011 6.7).
// The current plan is held in Correction, RootCause, Action and DueAt;
// plans it replaced are kept in EarlierPlans, and every check of
// effectiveness in Verifications. State, History, PlannedAt, PlannedBy,
// VerifiedBy, Evidence, EarlierPlans and Verifications are set by the
// library.
type FollowUp struct {
	Finding FindingID `json:"finding"`
	// Correction is the immediate fix, RootCause the cause found, Action
	// the corrective action, DueAt its deadline.
	Correction string    `json:"correction"`
	RootCause  string    `json:"rootCause"`
	Action     string    `json:"action"`
	DueAt      time.Time `json:"dueAt"`
	// PlannedAt and PlannedBy say when and by whom the current plan was
	// recorded.
	PlannedAt time.Time `json:"plannedAt,omitzero"`
	PlannedBy string    `json:"plannedBy,omitempty"`
	// EarlierPlans are the plans the current one replaced, oldest first
	// (append-only).
	EarlierPlans []CorrectiveActionRecord `json:"earlierPlans,omitempty"`
	// Verifications lists every check of the action's effectiveness,
	// effective or not, oldest first (append-only).
	Verifications []Verification `json:"verifications,omitempty"`
	// VerifiedBy and Evidence record the verification of effectiveness.
	VerifiedBy string                 `json:"verifiedBy,omitempty"`
	Evidence   []ismsaudit.EvidenceID `json:"evidence,omitempty"`
	State      FollowUpState          `json:"state"`
	History    []FollowUpEntry        `json:"history"`
}

// CorrectiveActionPlan is what the auditee proposes for one
// nonconformity (19011 6.7): the correction (the immediate fix), the root
// cause found, the corrective action that removes it, and its due date.
type CorrectiveActionPlan struct {
	Correction string    `json:"correction"`
	RootCause  string    `json:"rootCause"`
	Action     string    `json:"action"`
	DueAt      time.Time `json:"dueAt"`
}

// Complete reports whether the plan states the correction, the root
// cause, the action and a due date (rule AUD-FOLLOWUP-PLAN).
func (p CorrectiveActionPlan) Complete() bool {
	return !isBlank(p.Correction) && !isBlank(p.RootCause) && !isBlank(p.Action) && !p.DueAt.IsZero()
}

// CorrectiveActionRecord is a corrective action plan as it was recorded,
// kept in FollowUp.EarlierPlans once a later plan replaced it.
type CorrectiveActionRecord struct {
	Plan       CorrectiveActionPlan `json:"plan"`
	RecordedAt time.Time            `json:"recordedAt"`
	RecordedBy string               `json:"recordedBy"`
}

// Verification records one check of a corrective action's effectiveness
// by an auditor (19011 6.7): when, by whom, the verdict, the evidence
// examined and, for an ineffective action, why.
type Verification struct {
	At        time.Time              `json:"at"`
	By        string                 `json:"by"`
	Effective bool                   `json:"effective"`
	Evidence  []ismsaudit.EvidenceID `json:"evidence,omitempty"`
	Note      string                 `json:"note,omitempty"`
}

// Plan returns the current corrective action plan.
func (u FollowUp) Plan() CorrectiveActionPlan {
	return CorrectiveActionPlan{Correction: u.Correction, RootCause: u.RootCause, Action: u.Action, DueAt: u.DueAt}
}

// Overdue reports whether the follow-up is still not verified effective
// (not closed) after its due date, at the given time. A follow-up without
// a due date is never overdue.
func (u FollowUp) Overdue(at time.Time) bool {
	return u.State != FollowUpClosed && !u.DueAt.IsZero() && at.After(u.DueAt)
}
