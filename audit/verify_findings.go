package audit

import (
	"errors"
	"fmt"
	"time"

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

// findingReplay reports a history that does not replay through m to
// state, at path (".History[k]" or ".State" appended).
func findingReplay[S, E ~string, T any](v *verifier, path string, m *fsm.Machine[S, E, T], h []fsm.Entry[S, E], state S) {
	got, err := m.Replay(h)
	var re *fsm.ReplayError
	switch {
	case errors.As(err, &re):
		v.violate(errs.Index(path+".History", re.Index), RuleHistoryValid, "", re.Problem)
	case err != nil:
		v.violate(path+".History", RuleHistoryValid, "", err.Error())
	case got != state:
		v.violate(path+".State", RuleHistoryValid, string(state), fmt.Sprintf("the history ends in %q", got))
	}
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
func (v *verifier) findingEvidenceCited(ids []EvidenceID, t time.Time) bool {
	for _, id := range ids {
		if k, ok := v.evidence[id]; ok && findingEvidenceVerifiedBy(&v.a.Evidence[k], t) {
			return true
		}
	}
	return false
}

// findingCheckEvidenceRefs reports evidence ids the record lacks and repeats.
func (v *verifier) findingCheckEvidenceRefs(path string, ids []EvidenceID) {
	for k, id := range ids {
		if _, ok := v.evidence[id]; !ok {
			v.violate(errs.Index(path, k), RuleRecordShape, string(id), "the record holds no evidence item with this id")
			continue
		}
		for _, earlier := range ids[:k] {
			if earlier == id {
				v.violate(errs.Index(path, k), RuleRecordShape, string(id), "cited twice")
				break
			}
		}
	}
}

// verifyFindings checks the findings.
func (v *verifier) verifyFindings() {
	a := v.a
	stage := findingsStageOf(a.State)
	issued := findingFirstEntryAt(a.History, EventIssueReport)
	for i := range a.Findings {
		f := &a.Findings[i]
		p := func(sub string) string { return errs.JoinPath(errs.Index("Findings", i), sub) }

		switch {
		case findingBlank(string(f.ID)):
			v.violate(p("ID"), RuleRecordShape, "", "a finding needs an id")
		case v.findings[f.ID] != i:
			v.violate(p("ID"), RuleRecordShape, string(f.ID), "another finding has the same id")
		}
		if !f.Kind.IsValid() {
			v.violate(p("Kind"), RuleRecordShape, string(f.Kind), "not a kind of finding")
		}
		if g := gradeProblem(f); g != "" {
			v.violate(p("Grade"), RuleNCGrade, string(f.Grade), g)
		}
		if findingBlank(f.RaisedBy) {
			v.violate(p("RaisedBy"), RuleRecordShape, "", "who wrote the finding is required")
		}
		if f.RaisedAt.IsZero() {
			v.violate(p("RaisedAt"), RuleRecordShape, "", "when the finding was written is required")
		} else if len(f.History) > 0 && f.History[0].At.Before(f.RaisedAt) {
			v.violate(p("History[0].At"), RuleHistoryValid, f.History[0].At.Format(time.RFC3339), "before the finding was raised")
		}

		standing := f.Standing()
		if len(f.Criteria) == 0 {
			v.violate(p("Criteria"), RuleFindingCriterion, "", "a finding cites at least one criterion")
		}
		for k, ref := range f.Criteria {
			switch {
			case ref.Validate() != nil:
				v.violate(p(errs.Index("Criteria", k)), RuleRecordShape, ref.String(), "not a valid reference")
			case standing && !v.criteria[ref]:
				v.violate(p(errs.Index("Criteria", k)), RuleFindingCriterion, ref.String(), "not one of the audit plan's criteria")
			}
		}
		v.findingCheckEvidenceRefs(p("Evidence"), f.Evidence)
		if f.Kind == Nonconformity && standing {
			if !v.findingEvidenceCited(f.Evidence, findingFirstEntryAt(f.History, FindingConfirm)) {
				v.violate(p("Evidence"), RuleNCEvidence, "", "the nonconformity cites no evidence item that was verified when it was confirmed")
			}
			for _, gap := range ncStatementGaps(f) {
				v.violate(p(gap), RuleNCStatement, "", "a nonconformity states the requirement, what was found and why it does not conform")
			}
		} else if findingBlank(f.Found) {
			v.violate(p("Found"), RuleRecordShape, "", "what was found is required")
		}

		if !f.State.IsValid() {
			v.violate(p("State"), RuleRecordShape, string(f.State), "not a finding state")
		} else {
			findingReplay(v, errs.Index("Findings", i), findingMachine, f.History, f.State)
		}
		v.findingCheckDispute(p, f, issued)
		for k, e := range f.History {
			if e.Event == FindingWithdraw && findingBlank(e.Note) {
				v.violate(p(errs.Index("History", k)+".Note"), RuleFindingWithdrawn, "", "the reason for withdrawing the finding is required")
			}
		}

		switch stage {
		case findingsStageBefore:
			v.violate(p(""), RuleFindingPhase, string(f.ID), "a finding before fieldwork started")
		case findingsStageOpen:
			if f.State == FindingPresented || f.State == FindingAcknowledged || f.State == FindingDisputed || f.State == FindingResolved {
				v.violate(p("State"), RuleClosingMeeting, string(f.State), "presented before the closing meeting")
			}
		case findingsStagePresented:
			switch f.State {
			case FindingDraft:
				v.violate(p("State"), RuleConclusionAfterDraft, string(f.State), "still a draft after the closing meeting")
			case FindingConfirmed:
				v.violate(p("State"), RuleClosingMeeting, string(f.State), "confirmed but not presented at the closing meeting")
			}
		}
	}
}

// findingCheckDispute checks the diverging opinion and resolution of a finding
// against its state, and that a dispute was resolved before the report was
// issued (issued: the time of the audit's issue-report entry, or zero).
func (v *verifier) findingCheckDispute(p func(string) string, f *Finding, issued time.Time) {
	disputed := f.State == FindingDisputed || f.State == FindingResolved
	switch {
	case disputed && findingBlank(f.DivergingOpinion):
		v.violate(p("DivergingOpinion"), RuleDisputeRecorded, "", "a disputed finding records the auditee's diverging opinion")
	case !disputed && f.DivergingOpinion != "":
		v.violate(p("DivergingOpinion"), RuleDisputeRecorded, f.DivergingOpinion, "a diverging opinion on a finding that is not disputed")
	}
	switch {
	case f.State == FindingResolved && findingBlank(f.Resolution):
		v.violate(p("Resolution"), RuleDisputeRecorded, "", "a resolved dispute records how it was settled")
	case f.State != FindingResolved && f.Resolution != "":
		v.violate(p("Resolution"), RuleDisputeRecorded, f.Resolution, "a resolution of a dispute that is not resolved")
	}
	if issued.IsZero() {
		return
	}
	for k, e := range f.History {
		if e.Event == FindingResolve && e.At.After(issued) {
			v.violate(p(errs.Index("History", k)), RuleDisputeBeforeReport, e.At.Format(time.RFC3339), "resolved after the report was issued at "+issued.Format(time.RFC3339))
		}
	}
}

// verifyConclusion checks the conclusions.
func (v *verifier) verifyConclusion() {
	a := v.a
	stage := findingsStageOf(a.State)
	c := a.Conclusion
	if c == nil {
		if stage == findingsStagePresented {
			v.violate("Conclusion", RuleClosingAfterConclude, "", "the closing meeting was held without agreed conclusions")
		}
		return
	}
	if !c.State.IsValid() {
		v.violate("Conclusion.State", RuleRecordShape, string(c.State), "not a conclusion state")
	} else {
		findingReplay(v, "Conclusion", conclusionMachine, c.History, c.State)
	}
	if c.Fulfilment != "" && !c.Fulfilment.IsValid() {
		v.violate("Conclusion.Fulfilment", RuleRecordShape, string(c.Fulfilment), "not a degree of fulfilment")
	}
	switch {
	case c.Recommendation != "" && !c.Recommendation.IsValid():
		v.violate("Conclusion.Recommendation", RuleRecordShape, string(c.Recommendation), "not a recommendation")
	case !a.IsCertification() && c.Recommendation != "":
		v.violate("Conclusion.Recommendation", RuleRecommendation, string(c.Recommendation), "only a certification audit carries a recommendation")
	case a.IsCertification() && (c.State == ConclusionAgreed || c.State == ConclusionPresented):
		if problem := recommendationProblem(a, c.Recommendation); problem != "" {
			v.violate("Conclusion.Recommendation", RuleRecommendation, string(c.Recommendation), problem)
		}
	}
	if c.State == ConclusionAgreed || c.State == ConclusionPresented {
		for _, g := range conclusionGaps(c) {
			v.violate("Conclusion."+g.path, RuleConclusionComplete, g.value, g.detail)
		}
	}
	for k, s := range c.Recurring {
		if findingBlank(s) {
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
		if c.State != ConclusionPresented {
			v.violate("Conclusion.State", RuleClosingMeeting, string(c.State), "not presented at the closing meeting")
		}
	}
}

// verifyFollowUps checks the follow-ups.
func (v *verifier) verifyFollowUps() {
	a := v.a
	stage := findingsStageOf(a.State)
	first := make(map[FindingID]int, len(a.FollowUps))
	for j := range a.FollowUps {
		u := &a.FollowUps[j]
		p := func(sub string) string { return errs.JoinPath(errs.Index("FollowUps", j), sub) }

		if i, ok := v.findings[u.Finding]; !ok {
			v.violate(p("Finding"), RuleRecordShape, string(u.Finding), "the record holds no finding with this id")
		} else if f := &a.Findings[i]; f.Kind != Nonconformity || !f.Standing() || f.State == FindingConfirmed {
			v.violate(p("Finding"), RuleFollowUpPhase, string(u.Finding), "not a nonconformity presented to the auditee")
		}
		if k, dup := first[u.Finding]; dup {
			v.violate(p("Finding"), RuleFollowUpEvery, string(u.Finding), fmt.Sprintf("the nonconformity already has a follow-up (FollowUps[%d])", k))
		} else {
			first[u.Finding] = j
		}

		if !u.State.IsValid() {
			v.violate(p("State"), RuleRecordShape, string(u.State), "not a follow-up state")
		} else {
			findingReplay(v, errs.Index("FollowUps", j), followUpMachine, u.History, u.State)
		}
		if u.State == FollowUpAccepted || u.State == FollowUpImplemented || u.State == FollowUpClosed {
			v.followUpCheckPlan(p, u)
		}
		v.followUpCheckVerifications(p, u)
		if stage == findingsStageBefore || stage == findingsStageOpen {
			v.violate(p(""), RuleFollowUpPhase, string(u.Finding), "a follow-up before the closing meeting")
		}
		if a.State == StateClosed && u.State != FollowUpClosed {
			v.violate(p("State"), RuleCloseFollowUps, string(u.State), "the audit is closed but this follow-up is not")
		}
	}
	if a.State == StateCompleted || a.State == StateFollowUp || a.State == StateClosed {
		for i := range a.Findings {
			f := &a.Findings[i]
			if _, ok := first[f.ID]; !ok && f.Kind == Nonconformity && f.Standing() {
				v.violate(errs.Index("Findings", i), RuleFollowUpEvery, string(f.ID), "a nonconformity without a follow-up once the audit is completed")
			}
		}
	}
	v.followUpCheckMajorOverdue(first)
}

// followUpCheckPlan reports the parts missing from an accepted plan.
func (v *verifier) followUpCheckPlan(p func(string) string, u *FollowUp) {
	for _, part := range []struct {
		name    string
		missing bool
	}{
		{"Correction", findingBlank(u.Correction)},
		{"RootCause", findingBlank(u.RootCause)},
		{"Action", findingBlank(u.Action)},
		{"DueAt", u.DueAt.IsZero()},
	} {
		if part.missing {
			v.violate(p(part.name), RuleFollowUpPlan, "", "an accepted plan states the correction, the root cause, the action and a due date")
		}
	}
}

// followUpCheckVerifications checks every verification in a follow-up's history:
// made by a team leader or auditor of the team; an effective one cites
// evidence verified by then and matches VerifiedBy; an ineffective one
// says why; and the Verifications log, when kept, matches the history.
func (v *verifier) followUpCheckVerifications(p func(string) string, u *FollowUp) {
	v.findingCheckEvidenceRefs(p("Evidence"), u.Evidence)
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
		entry := p(errs.Index("History", k))
		if !verifierOnTeam(v.a, e.By) {
			v.violate(entry+".By", rule, e.By, "not a team leader or auditor of the audit team")
		}
		var logged *Verification
		if n < len(u.Verifications) {
			logged = &u.Verifications[n]
			if !logged.At.Equal(e.At) || logged.By != e.By || logged.Effective != effective || logged.Note != e.Note {
				v.violate(p(errs.Index("Verifications", n)), RuleHistoryValid, "", fmt.Sprintf("does not match the verification at History[%d]", k))
			}
		}
		n++
		if !effective {
			if findingBlank(e.Note) {
				v.violate(entry+".Note", RuleFollowUpIneffective, "", "why the action is ineffective is required")
			}
			continue
		}
		evidence := u.Evidence
		if logged != nil {
			evidence = logged.Evidence
		}
		if !v.findingEvidenceCited(evidence, e.At) {
			v.violate(p("Evidence"), RuleFollowUpVerified, "", "the verification cites no evidence item verified by then")
		}
		if u.VerifiedBy != e.By {
			v.violate(p("VerifiedBy"), RuleFollowUpVerified, u.VerifiedBy, fmt.Sprintf("the verification at History[%d] was made by %q", k, e.By))
		}
	}
	if len(u.Verifications) > 0 && len(u.Verifications) != n {
		v.violate(p("Verifications"), RuleHistoryValid, "", fmt.Sprintf("%d verifications logged, %d in the history", len(u.Verifications), n))
	}
	if u.State != FollowUpClosed && (u.VerifiedBy != "" || len(u.Evidence) > 0) {
		v.violate(p("VerifiedBy"), RuleFollowUpVerified, u.VerifiedBy, "verified effective, yet the follow-up is not closed")
	}
}

// followUpCheckMajorOverdue reports, for a certification audit whose conclusions
// recommend anything but NotRecommend, every standing major nonconformity
// whose follow-up is overdue at v.opts.At (zero: the latest time recorded
// in the record's histories) (AUD-MAJOR-OVERDUE-BLOCKS). first maps a
// finding to its first follow-up.
func (v *verifier) followUpCheckMajorOverdue(first map[FindingID]int) {
	a := v.a
	c := a.Conclusion
	if !a.IsCertification() || c == nil || c.Recommendation == "" || c.Recommendation == NotRecommend {
		return
	}
	at := v.opts.At
	for j := range a.FollowUps {
		u := &a.FollowUps[j]
		i, ok := v.findings[u.Finding]
		if !ok || first[u.Finding] != j || a.Findings[i].Kind != Nonconformity || a.Findings[i].Grade != Major || !a.Findings[i].Standing() {
			continue
		}
		if at.IsZero() {
			at = findingsLatestTime(a)
		}
		if u.Overdue(at) {
			v.violate(errs.Index("FollowUps", j)+".DueAt", RuleMajorOverdue, u.DueAt.Format(time.RFC3339),
				fmt.Sprintf("major nonconformity %q is not verified effective at %s, past its due date; the recommendation %q is blocked", u.Finding, at.Format(time.RFC3339), c.Recommendation))
		}
	}
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
