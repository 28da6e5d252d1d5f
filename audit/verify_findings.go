package audit

import (
	"errors"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// findingsStage groups the audit states by what the findings, conclusions and
// follow-ups may look like in them.
type findingsStage int

const (
	findingsStageBefore    findingsStage = iota // initiation, preparation: nothing yet
	findingsStageOpen                           // fieldwork, findings: findings and conclusions being settled
	findingsStagePresented                      // closing and later: presented, follow-up under way
	findingsStageOther                          // terminated, or not a state: no phase checks
)

func findingsStageOf(s State) findingsStage {
	switch s {
	case StateInitiation, StatePreparation:
		return findingsStageBefore
	case StateFieldwork, StateFindings:
		return findingsStageOpen
	case StateClosing, StateReported, StateDistributed, StateCompleted, StateFollowUp, StateClosed:
		return findingsStagePresented
	}
	return findingsStageOther
}

// findingsAreaPath is the path of one element of a list of the record,
// such as Findings[3] (or, with i < 0, of a field such as Conclusion); the
// text is built only when a violation needs it, so that checking a
// conforming record allocates no paths.
type findingsAreaPath struct {
	list string
	i    int
}

// at returns the path of sub within the element ("" for the element).
func (p findingsAreaPath) at(sub string) string {
	if p.i < 0 {
		return errs.JoinPath(p.list, sub)
	}
	return errs.JoinPath(errs.Index(p.list, p.i), sub)
}

// findingReplay reports a history that does not replay through m to
// state, at p's History[k] or State.
func findingReplay[S, E ~string, T any](v *verifier, p findingsAreaPath, m *fsm.Machine[S, E, T], h []fsm.Entry[S, E], state S) {
	got, err := m.Replay(h)
	if err == nil {
		if got != state {
			v.violate(p.at("State"), RuleHistoryValid, string(state), fmt.Sprintf("the history ends in %q", got))
		}
		return
	}
	if re := (*fsm.ReplayError)(nil); errors.As(err, &re) {
		v.violate(p.at(errs.Index("History", re.Index)), RuleHistoryValid, "", re.Problem)
		return
	}
	v.violate(p.at("History"), RuleHistoryValid, "", err.Error())
}

// findingFirstEntryAt returns the time of the first entry of h with the given
// event, or zero.
func findingFirstEntryAt[S, E ~string](h []fsm.Entry[S, E], event E) time.Time {
	for _, e := range h {
		if e.Event == event {
			return e.At
		}
	}
	return time.Time{}
}

// findingEvidenceCited reports whether some of ids names an evidence item
// of the record that was verified at t (see findingEvidenceVerifiedBy).
func (v *verifier) findingEvidenceCited(ids []ismsaudit.EvidenceID, t time.Time) bool {
	for _, id := range ids {
		if k := v.evidenceAt(id); k >= 0 && findingEvidenceVerifiedBy(&v.a.Evidence[k], t) {
			return true
		}
	}
	return false
}

// findingCheckEvidenceRefs reports evidence ids (p's Evidence) the
// record lacks and repeats, and reports whether one of them was verified
// at t (see findingEvidenceVerifiedBy). When each is set, every id that
// names an item not verified at t is reported under AUD-EVIDENCE-VERIFIED
// as well: only verified information is audit evidence.
func (v *verifier) findingCheckEvidenceRefs(p findingsAreaPath, ids []ismsaudit.EvidenceID, t time.Time, each bool) (verified bool) {
	for k, id := range ids {
		i := v.evidenceAt(id)
		if i < 0 {
			v.violate(p.at(errs.Index("Evidence", k)), RuleRecordShape, string(id), "the record holds no evidence item with this id")
			continue
		}
		ok := findingEvidenceVerifiedBy(&v.a.Evidence[i], t)
		verified = verified || ok
		if each && !ok {
			v.violate(p.at(errs.Index("Evidence", k)), RuleEvidenceVerified, string(id), "not audit evidence: never verified, or not by the time it was relied on")
		}
		for _, earlier := range ids[:k] {
			if earlier == id {
				v.violate(p.at(errs.Index("Evidence", k)), RuleRecordShape, string(id), "cited twice")
				break
			}
		}
	}
	return verified
}

// verifyFindings checks the findings.
func (v *verifier) verifyFindings() {
	a := v.a
	stage := findingsStageOf(a.State)
	issued := findingFirstEntryAt(a.History, EventIssueReport)
	for i := range a.Findings {
		f := &a.Findings[i]
		p := findingsAreaPath{"Findings", i}

		switch {
		case isBlank(string(f.ID)):
			v.violate(p.at("ID"), RuleRecordShape, "", "a finding needs an id")
		case v.findings.firstOf(i, a.findingID) != i:
			v.violate(p.at("ID"), RuleRecordShape, string(f.ID), "another finding has the same id")
		}
		if !f.Kind.IsValid() {
			v.violate(p.at("Kind"), RuleRecordShape, string(f.Kind), "not a kind of finding")
		}
		if g := gradeProblem(f); g != "" {
			v.violate(p.at("Grade"), RuleNCGrade, string(f.Grade), g)
		}
		if isBlank(f.RaisedBy) {
			v.violate(p.at("RaisedBy"), RuleRecordShape, "", "who wrote the finding is required")
		}
		if f.RaisedAt.IsZero() {
			v.violate(p.at("RaisedAt"), RuleRecordShape, "", "when the finding was written is required")
		} else if len(f.History) > 0 && f.History[0].At.Before(f.RaisedAt) {
			v.violate(p.at("History[0].At"), RuleHistoryValid, f.History[0].At.Format(time.RFC3339), "before the finding was raised")
		}

		standing := f.Standing()
		if len(f.Criteria) == 0 {
			v.violate(p.at("Criteria"), RuleFindingCriterion, "", "a finding cites at least one criterion")
		}
		for k, ref := range f.Criteria {
			switch {
			case !refValid(ref):
				v.violate(p.at(errs.Index("Criteria", k)), RuleRecordShape, ref.String(), "not a valid reference")
			case standing && !v.criteria.has(ref):
				v.violate(p.at(errs.Index("Criteria", k)), RuleFindingCriterion, ref.String(), "not one of the audit plan's criteria")
			}
		}
		verified := v.findingCheckEvidenceRefs(p, f.Evidence, findingFirstEntryAt(f.History, FindingConfirm), standing)
		if f.Kind == Nonconformity && standing {
			if !verified {
				v.violate(p.at("Evidence"), RuleNCEvidence, "", "the nonconformity cites no evidence item that was verified when it was confirmed")
			}
			for _, gap := range ncStatementGaps(f) {
				v.violate(p.at(gap), RuleNCStatement, "", "a nonconformity states the requirement, what was found and why it does not conform")
			}
		} else if isBlank(f.Found) {
			v.violate(p.at("Found"), RuleRecordShape, "", "what was found is required")
		}

		if !f.State.IsValid() {
			v.violate(p.at("State"), RuleRecordShape, string(f.State), "not a finding state")
		} else {
			findingReplay(v, p, findingMachine, f.History, f.State)
		}
		v.findingCheckDispute(p, f, issued)
		for k, e := range f.History {
			switch {
			case e.Event == FindingWithdraw && isBlank(e.Note):
				v.violate(p.at(errs.Index("History", k)+".Note"), RuleFindingWithdrawn, "", "the reason for withdrawing the finding is required")
			case e.Event == FindingConfirm && !verifierOnTeam(a, e.By):
				v.violate(p.at(errs.Index("History", k)+".By"), RuleFindingConfirmed, e.By, "not a team leader or auditor of the audit team")
			}
		}

		switch stage {
		case findingsStageBefore:
			v.violate(p.at(""), RuleFindingPhase, string(f.ID), "a finding before fieldwork started")
		case findingsStageOpen:
			if f.State == FindingPresented || f.State == FindingAcknowledged || f.State == FindingDisputed || f.State == FindingResolved {
				v.violate(p.at("State"), RuleClosingMeeting, string(f.State), "presented before the closing meeting")
			}
		case findingsStagePresented:
			switch f.State {
			case FindingDraft:
				v.violate(p.at("State"), RuleConclusionAfterFindings, string(f.State), "still a draft after the closing meeting")
			case FindingConfirmed:
				v.violate(p.at("State"), RuleClosingMeeting, string(f.State), "confirmed but not presented at the closing meeting")
			}
		}
	}
}

// findingCheckDispute checks the diverging opinion and resolution of a finding
// against its state, and that a dispute was resolved before the report was
// issued (issued: the time of the audit's issue-report entry, or zero).
func (v *verifier) findingCheckDispute(p findingsAreaPath, f *Finding, issued time.Time) {
	disputed := f.State == FindingDisputed || f.State == FindingResolved
	switch {
	case disputed && isBlank(f.DivergingOpinion):
		v.violate(p.at("DivergingOpinion"), RuleDisputeRecorded, "", "a disputed finding records the auditee's diverging opinion")
	case !disputed && f.DivergingOpinion != "":
		v.violate(p.at("DivergingOpinion"), RuleDisputeRecorded, f.DivergingOpinion, "a diverging opinion on a finding that is not disputed")
	}
	switch {
	case f.State == FindingResolved && isBlank(f.Resolution):
		v.violate(p.at("Resolution"), RuleDisputeRecorded, "", "a resolved dispute records how it was settled")
	case f.State != FindingResolved && f.Resolution != "":
		v.violate(p.at("Resolution"), RuleDisputeRecorded, f.Resolution, "a resolution of a dispute that is not resolved")
	}
	if issued.IsZero() {
		return
	}
	for k, e := range f.History {
		if e.Event == FindingResolve && e.At.After(issued) {
			v.violate(p.at(errs.Index("History", k)), RuleDisputeBeforeReport, e.At.Format(time.RFC3339), "resolved after the report was issued at "+issued.Format(time.RFC3339))
		}
	}
}

// verifyConclusion checks the conclusions.
func (v *verifier) verifyConclusion() {
	a := v.a
	stage := findingsStageOf(a.State)
	c := a.Conclusion
	if c == nil {
		// A closing meeting without conclusions, or with draft ones, is
		// the audit lifecycle's check (AUD-CLOSING-AFTER-CONCLUSIONS).
		return
	}
	if !c.State.IsValid() {
		v.violate("Conclusion.State", RuleRecordShape, string(c.State), "not a conclusion state")
	} else {
		findingReplay(v, findingsAreaPath{"Conclusion", -1}, conclusionMachine, c.History, c.State)
	}
	if c.Fulfilment != "" && !c.Fulfilment.IsValid() {
		v.violate("Conclusion.Fulfilment", RuleRecordShape, string(c.Fulfilment), "not a degree of fulfilment")
	}
	switch {
	case c.Recommendation != "" && !c.Recommendation.IsValid():
		v.violate("Conclusion.Recommendation", RuleRecordShape, string(c.Recommendation), "not a recommendation")
	case !a.IsCertification() && c.Recommendation != "":
		v.violate("Conclusion.Recommendation", RuleRecommendationDerived, string(c.Recommendation), "only a certification audit carries a recommendation")
	case a.IsCertification() && (c.State == ConclusionAgreed || c.State == ConclusionPresented):
		if problem := recommendationProblem(a, c.Recommendation); problem != "" {
			v.violate("Conclusion.Recommendation", RuleRecommendationDerived, string(c.Recommendation), problem)
		}
	}
	if c.State == ConclusionAgreed || c.State == ConclusionPresented {
		for _, g := range conclusionGaps(c) {
			v.violate("Conclusion."+g.path, RuleConclusionComplete, g.value, g.detail)
		}
	}
	for k, s := range c.Recurring {
		if isBlank(s) {
			v.violate(errs.Index("Conclusion.Recurring", k), RuleRecordShape, "", "a recurring finding needs a description")
		}
	}
	switch stage {
	case findingsStageBefore:
		v.violate("Conclusion", RuleConclusionPhase, "", "conclusions before fieldwork started")
	case findingsStageOpen:
		if a.State == StateFieldwork {
			v.violate("Conclusion", RuleConclusionPhase, "", "conclusions while fieldwork is still going on")
		}
		if c.State == ConclusionPresented {
			v.violate("Conclusion.State", RuleClosingMeeting, string(c.State), "presented before the closing meeting")
		}
	case findingsStagePresented:
		if c.State == ConclusionAgreed {
			v.violate("Conclusion.State", RuleClosingMeeting, string(c.State), "agreed but not presented at the closing meeting")
		}
	}
}

// verifyFollowUps checks the follow-ups. Whether a closed audit has every
// nonconformity's follow-up closed (AUD-CLOSE-FOLLOWUPS) is the audit
// lifecycle's check.
func (v *verifier) verifyFollowUps() {
	a := v.a
	stage := findingsStageOf(a.State)
	blocking := v.blockableRecommendation()
	var at time.Time // when overdue is judged; found when first needed
	for j := range a.FollowUps {
		u := &a.FollowUps[j]
		p := findingsAreaPath{"FollowUps", j}

		var f *Finding
		if i := int(v.followUpFinding[j]); i < 0 {
			v.violate(p.at("Finding"), RuleRecordShape, string(u.Finding), "the record holds no finding with this id")
		} else if f = &a.Findings[i]; f.Kind != Nonconformity || !f.Standing() || f.State == FindingConfirmed {
			v.violate(p.at("Finding"), RuleFollowUpPhase, string(u.Finding), "not a nonconformity presented to the auditee")
		}
		if f != nil {
			planned := u.PlannedAt
			if len(u.EarlierPlans) > 0 {
				planned = u.EarlierPlans[0].RecordedAt
			}
			if presented := findingFirstEntryAt(f.History, FindingPresent); !planned.IsZero() && planned.Before(presented) {
				v.violate(p.at("PlannedAt"), RuleFollowUpPhase, planned.Format(time.RFC3339), "planned before the nonconformity was presented ("+presented.Format(time.RFC3339)+")")
			}
		}
		k := v.followUps.firstOf(j, a.followUpFinding)
		dup := k != j
		if dup {
			v.violate(p.at("Finding"), RuleFollowUpOnePerNC, string(u.Finding), fmt.Sprintf("the nonconformity already has a follow-up (FollowUps[%d])", k))
		}
		if blocking && !dup && f != nil && f.Kind == Nonconformity && f.Grade == Major && f.Standing() {
			if at.IsZero() {
				if at = v.opts.At; at.IsZero() {
					at = findingsLatestTime(a)
				}
			}
			if u.Overdue(at) {
				v.violate(p.at("DueAt"), RuleMajorOverdueBlocks, u.DueAt.Format(time.RFC3339),
					fmt.Sprintf("major nonconformity %q is not verified effective at %s, past its due date; the recommendation %q is blocked", u.Finding, at.Format(time.RFC3339), a.Conclusion.Recommendation))
			}
		}

		if !u.State.IsValid() {
			v.violate(p.at("State"), RuleRecordShape, string(u.State), "not a follow-up state")
		} else {
			findingReplay(v, p, followUpMachine, u.History, u.State)
		}
		if u.State == FollowUpAccepted || u.State == FollowUpImplemented || u.State == FollowUpClosed {
			v.followUpCheckPlan(p, u)
		}
		v.followUpCheckVerifications(p, u)
		if stage == findingsStageBefore || stage == findingsStageOpen {
			v.violate(p.at(""), RuleFollowUpPhase, string(u.Finding), "a follow-up before the closing meeting")
		}
	}
}

// followUpCheckPlan reports the parts missing from an accepted plan.
func (v *verifier) followUpCheckPlan(p findingsAreaPath, u *FollowUp) {
	const detail = "an accepted plan states the correction, the root cause, the action and a due date"
	if isBlank(u.Correction) {
		v.violate(p.at("Correction"), RuleFollowUpPlan, "", detail)
	}
	if isBlank(u.RootCause) {
		v.violate(p.at("RootCause"), RuleFollowUpPlan, "", detail)
	}
	if isBlank(u.Action) {
		v.violate(p.at("Action"), RuleFollowUpPlan, "", detail)
	}
	if u.DueAt.IsZero() {
		v.violate(p.at("DueAt"), RuleFollowUpPlan, "", detail)
	}
}

// followUpCheckVerifications checks every verification in a follow-up's history:
// made by a team leader or auditor of the team; an effective one cites
// evidence verified by then and matches VerifiedBy; an ineffective one
// says why; and the Verifications log, when kept, matches the history.
func (v *verifier) followUpCheckVerifications(p findingsAreaPath, u *FollowUp) {
	v.findingCheckEvidenceRefs(p, u.Evidence, time.Time{}, false)
	n := 0
	for k, e := range u.History {
		if e.Event != FollowUpVerifyEffective && e.Event != FollowUpVerifyIneffective {
			continue
		}
		effective := e.Event == FollowUpVerifyEffective
		rule := RuleFollowUpIneffective
		if effective {
			rule = RuleFollowUpVerified
		}
		if !verifierOnTeam(v.a, e.By) {
			v.violate(p.at(errs.Index("History", k)+".By"), rule, e.By, "not a team leader or auditor of the audit team")
		}
		var logged *Verification
		if n < len(u.Verifications) {
			logged = &u.Verifications[n]
			if !logged.At.Equal(e.At) || logged.By != e.By || logged.Effective != effective || logged.Note != e.Note {
				v.violate(p.at(errs.Index("Verifications", n)), RuleHistoryValid, "", fmt.Sprintf("does not match the verification at History[%d]", k))
			}
		}
		n++
		if !effective {
			if logged != nil {
				v.followUpCheckEvidenceVerified(p, n-1, true, logged.Evidence, e.At)
			}
			if isBlank(e.Note) {
				v.violate(p.at(errs.Index("History", k)+".Note"), RuleFollowUpIneffective, "", "why the action is ineffective is required")
			}
			continue
		}
		evidence := u.Evidence
		if logged != nil {
			evidence = logged.Evidence
		}
		v.followUpCheckEvidenceVerified(p, n-1, logged != nil, evidence, e.At)
		if !v.findingEvidenceCited(evidence, e.At) {
			v.violate(p.at("Evidence"), RuleFollowUpVerified, "", "the verification cites no evidence item verified by then")
		}
		if u.VerifiedBy != e.By {
			v.violate(p.at("VerifiedBy"), RuleFollowUpVerified, u.VerifiedBy, fmt.Sprintf("the verification at History[%d] was made by %q", k, e.By))
		}
	}
	if len(u.Verifications) > 0 && len(u.Verifications) != n {
		v.violate(p.at("Verifications"), RuleHistoryValid, "", fmt.Sprintf("%d verifications logged, %d in the history", len(u.Verifications), n))
	}
	if u.State != FollowUpClosed && (u.VerifiedBy != "" || len(u.Evidence) > 0) {
		v.violate(p.at("VerifiedBy"), RuleFollowUpVerified, u.VerifiedBy, "verified effective, yet the follow-up is not closed")
	}
}

// followUpCheckEvidenceVerified reports the evidence ids a verification
// (the n-th logged, or the follow-up's own Evidence when not logged)
// examined that were not audit evidence at its time t.
func (v *verifier) followUpCheckEvidenceVerified(p findingsAreaPath, n int, logged bool, ids []ismsaudit.EvidenceID, t time.Time) {
	for k, id := range ids {
		i := v.evidenceAt(id)
		if i < 0 || findingEvidenceVerifiedBy(&v.a.Evidence[i], t) {
			continue // an unknown id is reported as AUD-RECORD-SHAPE
		}
		path := p.at(errs.Index("Evidence", k))
		if logged {
			path = p.at(errs.Index(errs.Index("Verifications", n)+".Evidence", k))
		}
		v.violate(path, RuleEvidenceVerified, string(id), "the verification examined information not verified by then")
	}
}

// blockableRecommendation reports whether the record is a certification
// audit whose conclusions recommend something an overdue major
// nonconformity blocks (AUD-MAJOR-OVERDUE-BLOCKS): anything but
// NotRecommend. Overdue is judged at v.opts.At, or when that is zero at
// the latest time recorded in the record's histories.
func (v *verifier) blockableRecommendation() bool {
	c := v.a.Conclusion
	return v.a.IsCertification() && c != nil && c.Recommendation != "" && c.Recommendation != NotRecommend
}

// findingsLatestTime returns the latest time in any history of the record,
// and in the follow-ups' plans and verifications.
func findingsLatestTime(a *Audit) time.Time {
	var t time.Time
	see := func(x time.Time) {
		if x.After(t) {
			t = x
		}
	}
	see(fsm.Last(a.History))
	if a.Plan != nil {
		see(fsm.Last(a.Plan.History))
	}
	for i := range a.Evidence {
		see(fsm.Last(a.Evidence[i].History))
	}
	for i := range a.Findings {
		see(fsm.Last(a.Findings[i].History))
	}
	if a.Conclusion != nil {
		see(fsm.Last(a.Conclusion.History))
	}
	for i := range a.FollowUps {
		see(followUpLast(&a.FollowUps[i]))
	}
	return t
}
