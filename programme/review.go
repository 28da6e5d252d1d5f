package programme

import (
	"strconv"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// ReviewID identifies a programme review; the host chooses it, unique in
// the programme.
type ReviewID string

// ActionID identifies an improvement action a review raised; the host
// chooses it, unique across every review of the programme.
type ActionID string

// Review is one review of the programme (ISO 19011:2018 5.7): what it
// considered, how far each objective was met, what it concluded and the
// improvement actions it raised. The host gives ID, Inputs, Objectives,
// Conclusions and Actions (Programme.RecordReview); the library sets
// Version, At and By, which must be empty in input, and each
// ObjectiveResult's Met.
type Review struct {
	// ID is the host's id for the review, unique in the programme.
	ID ReviewID `json:"id" validate:"required"`
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

// ReviewInputKind is one kind of input a programme review considers (ISO
// 19011:2018 5.7; the list follows the considerations that clause names).
//
//ismsaudit:enum ReviewInputKinds
type ReviewInputKind string

// The ReviewInputKind values. Never reorder.
const (
	InputMonitoring        ReviewInputKind = "monitoring"          // results and trends from monitoring the programme (19011:5.6, 5.7)
	InputConformity        ReviewInputKind = "conformity"          // conformity with the programme's processes and documented information (19011:5.7)
	InputInterestedParty   ReviewInputKind = "interested-parties"  // evolving needs and expectations of interested parties (19011:5.7)
	InputRecords           ReviewInputKind = "records"             // audit programme records (19011:5.7)
	InputMethods           ReviewInputKind = "methods"             // alternative or new methods of auditing (19011:5.7)
	InputAuditorEvaluation ReviewInputKind = "auditor-evaluation"  // alternative or new ways to evaluate auditors (19011:5.7)
	InputRisks             ReviewInputKind = "risks-opportunities" // effectiveness of the actions on risks, opportunities and issues (19011:5.7)
	InputConfidentiality   ReviewInputKind = "confidentiality"     // confidentiality and information security issues of the programme (19011:5.7)
)

// ObjectiveResult is the measured value of one objective at a review.
type ObjectiveResult struct {
	// Objective is the objective's id.
	Objective ObjectiveID `json:"objective" validate:"required"`
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
	ID ActionID `json:"id" validate:"required"`
	// Description says what is to change.
	Description string `json:"description" validate:"required"`
	// Owner is who sees to it.
	Owner string `json:"owner" validate:"required"`
	// Due is when it should be done, if set.
	Due time.Time `json:"due,omitzero"`
}

// checkReviewFigures checks the figures a review input carries: only a
// monitoring input carries figures, and they are not dated after the
// review (at; zero when not known).
func checkReviewFigures(col *errs.Collector, path string, in *ReviewInput, at time.Time) {
	if in.Figures == nil {
		return
	}
	if in.Kind != InputMonitoring {
		col.Add(path+".Figures", RuleReviewInputs, string(in.Kind), "only a monitoring input carries monitoring figures")
	}
	if !at.IsZero() && in.Figures.At.After(at) {
		col.Add(path+".Figures.At", RuleReviewInputs, in.Figures.At.Format(time.RFC3339), "the figures are dated after the review ("+at.Format(time.RFC3339)+")")
	}
}

// RecordReview records the review of the current review round (ISO
// 19011:2018 5.7): the programme must be under review (EventReview) and
// the round not yet have its review (PRG-REVIEW-RECORDED), else a
// *ismsaudit.TransitionError. The review must consider the monitoring results and
// give the measured value of every objective (PRG-REVIEW-INPUTS; monitoring
// figures an input carries, see [Figures.ReviewInput], must be of a
// monitoring input and dated no later than m.At), have
// ids unique in the programme (its own and its actions') and leave the
// fields the library sets empty; the library records it against the
// current version at m.At by m.By and works out whether each objective
// was met. Every problem is reported at once in a *ismsaudit.ValidationError.
//
// The review decides what follows: Improve when it raised improvement
// actions or the programme is to change, Fire(EventResume) when it asks
// for no change, Fire(EventClose) to end the programme.
func (p *Programme) RecordReview(r Review, m ismsaudit.Meta) error {
	if err := p.requireState("record-review", RuleReviewRecorded, "", StateUnderReview); err != nil {
		return err
	}
	if p.roundReviewed() {
		return p.requireState("record-review", RuleReviewRecorded, "this review round already has its review")
	}
	col := newCollector("review")
	validate.Struct(col, "", &r)
	if r.Version != 0 || !r.At.IsZero() || r.By != "" {
		col.Add("", "library-set", "", "Version, At and By are set by the library; leave them empty")
	}
	for _, old := range p.Reviews {
		if r.ID != "" && old.ID == r.ID {
			col.Add("ID", ismsaudit.RuleUnique, string(r.ID), "the programme already holds a review with this id")
		}
	}
	taken := map[ActionID]bool{}
	for _, old := range p.Reviews {
		for _, a := range old.Actions {
			taken[a.ID] = true
		}
	}
	for i, a := range r.Actions {
		if a.ID != "" && taken[a.ID] {
			col.Add(errs.Index("Actions", i)+".ID", ismsaudit.RuleUnique, string(a.ID), "improvement action ids must not repeat across reviews")
		}
		taken[a.ID] = true
	}
	monitoring := false
	for i, in := range r.Inputs {
		monitoring = monitoring || in.Kind == InputMonitoring
		checkReviewFigures(col, errs.Index("Inputs", i), &in, m.At)
	}
	if !monitoring {
		col.Add("Inputs", RuleReviewInputs, "", "no input summarises the monitoring results")
	}
	objectives := make(map[ObjectiveID]int, len(p.Objectives))
	for i, o := range p.Objectives {
		objectives[o.ID] = i
	}
	measured := map[ObjectiveID]bool{}
	for i, res := range r.Objectives {
		at := errs.Index("Objectives", i)
		if res.Met {
			col.Add(at+".Met", "library-set", "true", "the library works out whether the target is met; leave it empty")
		}
		if !isFinite(res.Actual) {
			col.Add(at+".Actual", "finite", "", "a finite number is required")
		}
		if _, ok := objectives[res.Objective]; !ok && res.Objective != "" {
			col.Add(at+".Objective", ismsaudit.RuleUnknown, string(res.Objective), "the version reviewed has no such objective")
		}
		if measured[res.Objective] && res.Objective != "" {
			col.Add(at+".Objective", ismsaudit.RuleUnique, string(res.Objective), "measured twice")
		}
		measured[res.Objective] = true
	}
	for _, o := range p.Objectives {
		if !measured[o.ID] {
			col.Add("Objectives", RuleReviewInputs, string(o.ID), "objective "+strconv.Quote(string(o.ID))+" is not measured")
		}
	}
	checkMeta(col, m, p.lastTime())
	if err := col.Err(); err != nil {
		return err
	}
	r = deepCopy(r)
	r.Version, r.At, r.By = p.Version, m.At, m.By
	for i := range r.Objectives {
		res := &r.Objectives[i]
		res.Met = p.Objectives[objectives[res.Objective]].Target.Met(res.Actual)
	}
	p.Reviews = append(p.Reviews, r)
	return nil
}

// reviewRounds counts the review events of a history.
func reviewRounds(h []Entry) int {
	n := 0
	for _, e := range h {
		if e.Event == EventReview {
			n++
		}
	}
	return n
}

// reviewsOf counts the reviews recorded against a version.
func (p *Programme) reviewsOf(version int) int {
	n := 0
	for _, r := range p.Reviews {
		if r.Version == version {
			n++
		}
	}
	return n
}

// roundReviewed reports whether the current review round has its review.
func (p *Programme) roundReviewed() bool {
	rounds := reviewRounds(p.History)
	return rounds > 0 && p.reviewsOf(p.Version) >= rounds
}

// latestReview returns the latest review of the current version, or nil.
func (p *Programme) latestReview() *Review {
	for i := len(p.Reviews) - 1; i >= 0; i-- {
		if p.Reviews[i].Version == p.Version {
			return &p.Reviews[i]
		}
	}
	return nil
}

// reviewRound is one under-review period of a version's history.
type reviewRound struct {
	start, end time.Time
	entry      int  // index of the review event
	closed     bool // a later entry ended it
	resumed    bool // it ended with resume
}

func reviewRoundsOf(h []Entry) []reviewRound {
	var out []reviewRound
	for i, e := range h {
		if e.Event != EventReview {
			continue
		}
		r := reviewRound{start: e.At, entry: i}
		if i+1 < len(h) {
			r.closed, r.end, r.resumed = true, h[i+1].At, h[i+1].Event == EventResume
		}
		out = append(out, r)
	}
	return out
}

// verifyReviews checks the reviews of version q: one per review round and
// within it, the inputs and objective results, and that a round ended by
// resume raised no action.
func (v *verifier) verifyReviews(prefix string, q *Programme) {
	at := func(s string) string { return errs.JoinPath(prefix, s) }
	rounds := reviewRoundsOf(q.History)
	objectives := make(map[ObjectiveID]int, len(q.Objectives))
	for i, o := range q.Objectives {
		objectives[o.ID] = i
	}
	k := 0
	for i := range q.Reviews {
		r := &q.Reviews[i]
		rp := at(errs.Index("Reviews", i))
		if r.Version < 1 || r.Version > q.Version {
			v.violate(rp+".Version", ismsaudit.RuleUnknown, strconv.Itoa(r.Version), "reviews are recorded against a version up to "+strconv.Itoa(q.Version))
			continue
		}
		if r.Version != q.Version {
			continue // checked with the version it reviewed
		}
		if r.At.IsZero() || isBlank(r.By) {
			v.violate(rp+".At", RuleRecordShape, "", "when and by whom the review was recorded")
		}
		if k >= len(rounds) {
			v.violate(rp, RuleReviewRecorded, string(r.ID), "no review round of version "+strconv.Itoa(q.Version)+" is left for this review")
			continue
		}
		round := rounds[k]
		k++
		if r.At.Before(round.start) || (round.closed && r.At.After(round.end)) {
			v.violate(rp+".At", RuleReviewRecorded, r.At.Format(time.RFC3339), "outside its review round (history entry "+strconv.Itoa(round.entry)+")")
		}
		if round.resumed && len(r.Actions) > 0 {
			v.violate(at(errs.Index("History", round.entry+1)), RuleReviewActions, string(r.ID), "the programme resumed although the review raised improvement actions")
		}
		monitoring := false
		for j := range r.Inputs {
			monitoring = monitoring || r.Inputs[j].Kind == InputMonitoring
			checkReviewFigures(v.col, errs.Index(rp+".Inputs", j), &r.Inputs[j], r.At)
		}
		if !monitoring {
			v.violate(rp+".Inputs", RuleReviewInputs, "", "no input summarises the monitoring results")
		}
		measured := map[ObjectiveID]bool{}
		for j, res := range r.Objectives {
			op := errs.Index(rp+".Objectives", j)
			oi, ok := objectives[res.Objective]
			if !ok {
				v.violate(op+".Objective", ismsaudit.RuleUnknown, string(res.Objective), "the version reviewed has no such objective")
				continue
			}
			measured[res.Objective] = true
			if q.Objectives[oi].Target.Met(res.Actual) != res.Met {
				v.violate(op+".Met", RuleReviewInputs, strconv.FormatBool(res.Met), "does not follow from the actual value and the target")
			}
		}
		for _, o := range q.Objectives {
			if !measured[o.ID] {
				v.violate(rp+".Objectives", RuleReviewInputs, string(o.ID), "objective "+strconv.Quote(string(o.ID))+" is not measured")
			}
		}
	}
	for ; k < len(rounds); k++ {
		if rounds[k].closed {
			v.violate(at(errs.Index("History", rounds[k].entry+1)), RuleReviewRecorded, "", "the review round ended without a review")
		}
	}
}

// The rules of programme reviews.
const (
	RuleReviewRecorded ismsaudit.RuleID = "PRG-REVIEW-RECORDED"
	RuleReviewInputs   ismsaudit.RuleID = "PRG-REVIEW-INPUTS"
	RuleReviewActions  ismsaudit.RuleID = "PRG-REVIEW-ACTIONS"
)

var reviewRules = []ismsaudit.Rule{
	{ID: RuleReviewRecorded, Clause: "19011:5.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "each review round records exactly one review, within the round, before the programme is improved, resumed or closed"},
	{ID: RuleReviewInputs, Clause: "19011:5.6, 5.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a review considers the monitoring results, measures every objective against its target and states its conclusions"},
	{ID: RuleReviewActions, Clause: "19011:5.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a review that raises improvement actions leads to a new version, not back to implementing the version reviewed"},
}
