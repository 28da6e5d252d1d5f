package audit

import (
	"errors"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

var errNoConclusion = errors.New("audit: no conclusions have been drafted")

// conclusionGap is one missing or contradictory part of the conclusions,
// at a path relative to the Conclusion.
type conclusionGap struct{ path, value, detail string }

// conclusionGaps lists what keeps the conclusions from being complete
// (rule AUD-CONCLUSION-COMPLETE).
func conclusionGaps(c *Conclusion) []conclusionGap {
	var gaps []conclusionGap
	switch {
	case c.Fulfilment == "":
		gaps = append(gaps, conclusionGap{"Fulfilment", "", "the degree to which the criteria are fulfilled is required"})
	case !c.Fulfilment.IsValid():
		gaps = append(gaps, conclusionGap{"Fulfilment", string(c.Fulfilment), "not a degree of fulfilment"})
	}
	if isBlank(c.Extent) {
		gaps = append(gaps, conclusionGap{"Extent", "", "the extent of conformity with the criteria is required"})
	}
	if isBlank(c.Effectiveness) {
		gaps = append(gaps, conclusionGap{"Effectiveness", "", "whether the ISMS is effectively implemented, maintained and improved is required"})
	}
	if !c.ObjectivesAchieved && isBlank(c.ObjectivesNote) {
		gaps = append(gaps, conclusionGap{"ObjectivesNote", "", "which objectives were not achieved, and why, is required"})
	}
	switch {
	case c.ScopeCovered && len(c.NotCovered) > 0:
		gaps = append(gaps, conclusionGap{"NotCovered", "", "the whole scope is said to be covered, yet areas are listed as not covered"})
	case !c.ScopeCovered && len(c.NotCovered) == 0:
		gaps = append(gaps, conclusionGap{"NotCovered", "", "the areas of the scope not covered, and why, are required"})
	}
	for i, s := range c.NotCovered {
		if isBlank(s) {
			gaps = append(gaps, conclusionGap{errs.Index("NotCovered", i), "", "an area not covered needs a description"})
		}
	}
	return gaps
}

// recommendationProblem says what is wrong with rec as the recommendation
// of a's conclusions, or "": a certification audit's conclusions carry the
// recommendation the findings call for at agreement (follow-ups cannot
// exist yet), any other audit's carry none (AUD-RECOMMENDATION-DERIVED).
func recommendationProblem(a *Audit, rec Recommendation) string {
	if !a.IsCertification() {
		if rec != "" {
			return fmt.Sprintf("a %s audit is not a certification audit and carries no recommendation", a.Kind)
		}
		return ""
	}
	want, _ := deriveRecommendation(a, recommendationAtAgreement)
	switch {
	case rec == "":
		return fmt.Sprintf("a certification audit's conclusions carry a recommendation: the findings call for %q", want)
	case rec != want:
		return fmt.Sprintf("the findings call for %q, not %q", want, rec)
	}
	return ""
}

// conclusionsOpen refuses an operation on the conclusions unless the
// audit is in the findings stage (AUD-CONCLUSION-PHASE).
func (a *Audit) conclusionsOpen(op string) error {
	return a.requireState(op, RuleConclusionPhase, StateFindings)
}

// DraftConclusion records the audit team's draft conclusions (19011
// 6.4.9) while the audit is in the findings stage (AUD-CONCLUSION-PHASE):
// it creates them in draft, or replaces the content of the draft. Agreed
// conclusions change only after ReviseConclusion. A draft may be
// incomplete (AgreeConclusion checks completeness), but the enumerations
// it sets must be valid, and an audit that is not a certification audit
// carries no Recommendation (AUD-RECOMMENDATION-DERIVED). State and
// History are the library's and must be empty. m.At and m.By are required
// and m.Note must be empty: drafting is not a lifecycle event and adds no
// history entry.
func (a *Audit) DraftConclusion(c Conclusion, m ismsaudit.Meta) error {
	if err := a.conclusionsOpen("draft-conclusion"); err != nil {
		return err
	}
	var last time.Time
	if cur := a.Conclusion; cur != nil {
		if cur.State != ConclusionDraft {
			return &ismsaudit.TransitionError{
				Machine: conclusionMachine.Name(), State: string(cur.State), Event: "draft-conclusion", Reason: ismsaudit.ReasonWrongState,
				Rule: RuleConclusionPhase, Detail: "agreed conclusions change only after going back to draft (revise)",
			}
		}
		last = fsm.Last(cur.History)
	}
	col := newCollector("conclusion")
	if c.Fulfilment != "" && !c.Fulfilment.IsValid() {
		col.Add("Fulfilment", "enum", string(c.Fulfilment), "not a degree of fulfilment")
	}
	if c.Recommendation != "" && !c.Recommendation.IsValid() {
		col.Add("Recommendation", "enum", string(c.Recommendation), "not a recommendation")
	} else if c.Recommendation != "" && !a.IsCertification() {
		col.Add("Recommendation", RuleRecommendationDerived, string(c.Recommendation), "only a certification audit carries a recommendation")
	}
	for i, s := range c.NotCovered {
		if isBlank(s) {
			col.Add(errs.Index("NotCovered", i), "required", "", "an area not covered needs a description")
		}
	}
	for i, s := range c.Recurring {
		if isBlank(s) {
			col.Add(errs.Index("Recurring", i), "required", "", "a recurring finding needs a description")
		}
	}
	if c.State != "" {
		col.Add("State", "empty", string(c.State), "set by the library")
	}
	if c.History != nil {
		col.Add("History", "empty", "", "set by the library")
	}
	findingCheckMeta(col, m, last)
	if err := col.Err(); err != nil {
		return err
	}
	c.NotCovered = findingCopyOrNil(c.NotCovered)
	c.Recurring = findingCopyOrNil(c.Recurring)
	if cur := a.Conclusion; cur != nil {
		c.State, c.History = cur.State, cur.History
		*cur = c
		return nil
	}
	c.State = conclusionMachine.Initial()
	c.History = []ConclusionEntry{}
	a.Conclusion = &c
	return nil
}

// fireConclusion fires event on the conclusions and applies it.
func (a *Audit) fireConclusion(event ConclusionEvent, m ismsaudit.Meta) error {
	c := a.Conclusion
	if c == nil {
		return &ismsaudit.TransitionError{
			Machine: conclusionMachine.Name(), Event: string(event), Reason: ismsaudit.ReasonWrongState,
			Rule: RuleConclusionComplete, Detail: errNoConclusion.Error(), Err: errNoConclusion,
		}
	}
	e, err := conclusionMachine.Fire(a, c.State, fsm.Last(c.History), event, m)
	if err != nil {
		return err
	}
	c.State = e.To
	c.History = append(c.History, e)
	return nil
}

// AgreeConclusion records that the audit team agrees its conclusions
// (19011 6.4.9). Guards: the conclusions are complete
// (AUD-CONCLUSION-COMPLETE: degree of fulfilment, extent of conformity,
// effectiveness, objectives achieved or why not, scope covered or what was
// not); no finding is still a draft (AUD-CONCLUSION-AFTER-FINDINGS); a
// certification audit's Recommendation is the one DeriveRecommendation's
// rules call for, any other audit's is empty (AUD-RECOMMENDATION-DERIVED).
// Allowed in the findings stage (AUD-CONCLUSION-PHASE).
func (a *Audit) AgreeConclusion(m ismsaudit.Meta) error {
	if err := a.conclusionsOpen("agree-conclusion"); err != nil {
		return err
	}
	return a.fireConclusion(ConclusionAgree, m)
}

// ReviseConclusion takes agreed conclusions back to draft, so that they
// or the findings can change (AUD-CONCLUSION-PHASE).
func (a *Audit) ReviseConclusion(m ismsaudit.Meta) error {
	if err := a.conclusionsOpen("revise-conclusion"); err != nil {
		return err
	}
	return a.fireConclusion(ConclusionRevise, m)
}
