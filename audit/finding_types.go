package audit

import (
	"time"

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
	Evidence []EvidenceID `json:"evidence,omitempty"`
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
type FollowUp struct {
	Finding FindingID `json:"finding"`
	// Correction is the immediate fix, RootCause the cause found, Action
	// the corrective action, DueAt its deadline.
	Correction string    `json:"correction"`
	RootCause  string    `json:"rootCause"`
	Action     string    `json:"action"`
	DueAt      time.Time `json:"dueAt"`
	// VerifiedBy and Evidence record the verification of effectiveness.
	VerifiedBy string          `json:"verifiedBy,omitempty"`
	Evidence   []EvidenceID    `json:"evidence,omitempty"`
	State      FollowUpState   `json:"state"`
	History    []FollowUpEntry `json:"history"`
}
