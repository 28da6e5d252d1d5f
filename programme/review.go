package programme

import (
	"strconv"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

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
	if err := p.progRequireState("record-review", RuleReviewRecorded, "", StateUnderReview); err != nil {
		return err
	}
	if p.roundReviewed() {
		return p.progRequireState("record-review", RuleReviewRecorded, "this review round already has its review")
	}
	col := newCollector("review")
	validate.Struct(col, "", &r)
	if r.Version != 0 || !r.At.IsZero() || r.By != "" {
		col.Add("", "set-by-library", "", "Version, At and By are set by the library; leave them empty")
	}
	for _, old := range p.Reviews {
		if r.ID != "" && old.ID == r.ID {
			col.Add("ID", "unique", r.ID, "the programme already holds a review with this id")
		}
	}
	taken := map[string]bool{}
	for _, old := range p.Reviews {
		for _, a := range old.Actions {
			taken[a.ID] = true
		}
	}
	for i, a := range r.Actions {
		if a.ID != "" && taken[a.ID] {
			col.Add(errs.Index("Actions", i)+".ID", "unique", a.ID, "improvement action ids must not repeat across reviews")
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
	objectives := make(map[string]int, len(p.Objectives))
	for i, o := range p.Objectives {
		objectives[o.ID] = i
	}
	measured := map[string]bool{}
	for i, res := range r.Objectives {
		at := errs.Index("Objectives", i)
		if res.Met {
			col.Add(at+".Met", "set-by-library", "true", "the library works out whether the target is met; leave it empty")
		}
		if !progFinite(res.Actual) {
			col.Add(at+".Actual", "finite", "", "a finite number is required")
		}
		if _, ok := objectives[res.Objective]; !ok && res.Objective != "" {
			col.Add(at+".Objective", errs.RuleUnknown, res.Objective, "the version reviewed has no such objective")
		}
		if measured[res.Objective] && res.Objective != "" {
			col.Add(at+".Objective", "unique", res.Objective, "measured twice")
		}
		measured[res.Objective] = true
	}
	for _, o := range p.Objectives {
		if !measured[o.ID] {
			col.Add("Objectives", RuleReviewInputs, o.ID, "objective "+strconv.Quote(o.ID)+" is not measured")
		}
	}
	progCheckMeta(col, m, p.lastTime())
	if err := col.Err(); err != nil {
		return err
	}
	r = progCopy(r)
	r.Version, r.At, r.By = p.Version, m.At, m.By
	for i := range r.Objectives {
		res := &r.Objectives[i]
		res.Met = p.Objectives[objectives[res.Objective]].Target.Met(res.Actual)
	}
	p.Reviews = append(p.Reviews, r)
	return nil
}
