package programme

import "time"

// Review is one review of the programme (ISO 19011:2018 5.7): what it
// considered, how far each objective was met, what it concluded and the
// improvement actions it raised. The host gives ID, Inputs, Objectives,
// Conclusions and Actions (Programme.RecordReview); the library sets
// Version, At and By, which must be empty in input, and each
// ObjectiveResult's Met.
type Review struct {
	// ID is the host's id for the review, unique in the programme.
	ID string `json:"id" validate:"required"`
	// Version is the programme version reviewed; the actions are recorded
	// against it.
	Version int `json:"version,omitempty"`
	// At and By say when and by whom the review was recorded.
	At time.Time `json:"at,omitzero"`
	By string    `json:"by,omitempty"`
	// Inputs are what the review considered; one of them summarises the
	// monitoring results (5.6).
	Inputs []ReviewInput `json:"inputs" validate:"dive"`
	// Objectives gives the measured value of every objective of the
	// version reviewed.
	Objectives []ObjectiveResult `json:"objectives,omitempty" validate:"dive"`
	// Conclusions state what the review concluded.
	Conclusions string `json:"conclusions" validate:"required"`
	// Actions are the improvement actions the review raised.
	Actions []ImprovementAction `json:"actions,omitempty" validate:"dive"`
}

// ReviewInput is one thing a review considered, with a summary, e.g. the
// monitoring figures of the period in a few lines. [Figures.ReviewInput]
// makes the monitoring input from the figures [Programme.Monitor]
// computes.
type ReviewInput struct {
	// Kind says what was considered.
	Kind ReviewInputKind `json:"kind" validate:"enum"`
	// Summary says what it showed.
	Summary string `json:"summary" validate:"required"`
	// Figures are the monitoring figures a monitoring input summarises,
	// when the host keeps them with the review (Figures.ReviewInput does);
	// their date is not after the review's.
	Figures *Figures `json:"figures,omitempty"`
}

// ObjectiveResult is the measured value of one objective at a review.
type ObjectiveResult struct {
	// Objective is the objective's id.
	Objective string `json:"objective" validate:"required"`
	// Actual is the measured value, in the target's unit.
	Actual float64 `json:"actual"`
	// Met is whether Actual meets the target; the library sets it.
	Met bool `json:"met,omitempty"`
}

// ImprovementAction is an action a review raised to improve the
// programme (ISO 19011:2018 5.7). A later version that carries it out
// lists its id in Programme.Implements.
type ImprovementAction struct {
	// ID is the host's id, unique across every review of the programme.
	ID string `json:"id" validate:"required"`
	// Description says what is to change.
	Description string `json:"description" validate:"required"`
	// Owner is who sees to it.
	Owner string `json:"owner" validate:"required"`
	// Due is when it should be done, if set.
	Due time.Time `json:"due,omitzero"`
}
