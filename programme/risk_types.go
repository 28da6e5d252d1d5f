package programme

import (
	"time"

	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// RiskEntry is one line of a register entry's history.
type RiskEntry = fsm.Entry[RiskState, RiskEvent]

// Risk is one entry of the programme's register of risks and
// opportunities (ISO 19011:2018 5.3). The host gives ID, Kind, Category,
// Description and Owner (Programme.AddRisk); the library fills the rest
// as the entry moves through its lifecycle, and those fields must be
// empty when the entry is added.
type Risk struct {
	// ID is the host's id for the entry, unique in the register.
	ID string `json:"id" validate:"required"`
	// Kind says whether it is a risk or an opportunity.
	Kind RiskKind `json:"kind" validate:"enum"`
	// Category is the area of the programme it concerns (5.3 a-h).
	Category RiskCategory `json:"category" validate:"enum"`
	// Description says what could happen and what it would do to the
	// programme.
	Description string `json:"description" validate:"required"`
	// Owner is who answers for the entry.
	Owner string `json:"owner" validate:"required"`

	// IdentifiedAt, IdentifiedBy and Version say when, by whom and in
	// which programme version the entry was recorded.
	IdentifiedAt time.Time `json:"identifiedAt"`
	IdentifiedBy string    `json:"identifiedBy"`
	Version      int       `json:"version"`
	// State is where the entry's lifecycle stands; History is how it got
	// there (append-only).
	State   RiskState   `json:"state"`
	History []RiskEntry `json:"history"`
	// Assessments are the ratings, oldest first (append-only): one per
	// assess or monitor event, the latter marked Residual.
	Assessments []Assessment `json:"assessments,omitempty"`
	// Treatments are the planned treatments, oldest first (append-only):
	// one per plan-treatment event.
	Treatments []Treatment `json:"treatments,omitempty"`
}

// Level returns the level of the latest assessment, or "" when the entry
// has not been assessed.
func (r *Risk) Level() RiskLevel {
	if len(r.Assessments) == 0 {
		return ""
	}
	return r.Assessments[len(r.Assessments)-1].Level
}

// Assessment rates a register entry on the programme's documented scales
// (ISO 19011:2018 5.3). The host gives Likelihood, Impact and Rationale;
// the library reads Level from the matrix and sets Residual, At, By and
// Version, which must be empty in input.
type Assessment struct {
	// Likelihood and Impact are values of the matrix's scales (for an
	// opportunity, Impact is the benefit).
	Likelihood int `json:"likelihood"`
	Impact     int `json:"impact"`
	// Rationale says why the ratings were chosen.
	Rationale string `json:"rationale,omitempty"`
	// Level is read from the matrix.
	Level RiskLevel `json:"level,omitempty"`
	// Residual marks a rating made after treatment (monitor event).
	Residual bool `json:"residual,omitempty"`
	// At, By and Version say when, by whom and against which programme
	// version (whose matrix) the rating was made.
	At      time.Time `json:"at,omitzero"`
	By      string    `json:"by,omitempty"`
	Version int       `json:"version,omitempty"`
}

// Treatment is a planned action on a register entry: to reduce a risk or
// take an opportunity. The host gives Action, Owner and Due; the library
// sets PlannedAt and PlannedBy, which must be empty in input.
type Treatment struct {
	// Action says what will be done.
	Action string `json:"action"`
	// Owner is who does it.
	Owner string `json:"owner"`
	// Due is when it must be done; not before it is planned.
	Due time.Time `json:"due"`
	// PlannedAt and PlannedBy say when and by whom it was agreed.
	PlannedAt time.Time `json:"plannedAt,omitzero"`
	PlannedBy string    `json:"plannedBy,omitempty"`
}

// RiskMatrix is the documented rating scheme of the register (ISO
// 19011:2018 5.3): a likelihood scale and an impact scale, each numbered
// 1..n, a level for every pair, and the highest level a risk may be
// retained at without treatment.
type RiskMatrix struct {
	// Likelihood and Impact are the scales; point i has Value i+1.
	Likelihood []ScalePoint `json:"likelihood"`
	Impact     []ScalePoint `json:"impact"`
	// Levels[l-1][i-1] is the level of likelihood l and impact i.
	Levels [][]RiskLevel `json:"levels"`
	// Acceptable is the highest level at which a risk may be accepted or
	// closed.
	Acceptable RiskLevel `json:"acceptable"`
}

// ScalePoint is one point of a rating scale.
type ScalePoint struct {
	// Value is the point's number, from 1.
	Value int `json:"value"`
	// Name is a short label, e.g. "likely".
	Name string `json:"name"`
	// Description says when the point applies.
	Description string `json:"description,omitempty"`
}
