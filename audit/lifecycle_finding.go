package audit

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// findingSubject is what finding guards look at: the finding and the audit
// holding it, the text the event brings (the auditee's diverging opinion
// for dispute, the resolution for resolve, the reason for withdraw), and
// when and by whom the event happens.
type findingSubject struct {
	a    *Audit
	f    *Finding
	text string
	at   time.Time
	by   string
}

// findingMachine is a finding's lifecycle (19011 6.4.8, 6.4.10).
var findingMachine = fsm.MustNew(fsm.Spec[FindingState, FindingEvent, findingSubject]{
	Name:     "audit.finding",
	States:   findingStateSet.Values(),
	Events:   findingEventSet.Values(),
	Initial:  FindingDraft,
	Terminal: []FindingState{FindingAcknowledged, FindingResolved, FindingWithdrawn},
	Table: []fsm.Transition[FindingState, FindingEvent, findingSubject]{
		{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed, Guards: []fsm.Guard[findingSubject]{
			{Name: "confirmed-by-team", Rule: RuleFindingConfirmed, Check: func(s findingSubject) error {
				if !verifierOnTeam(s.a, s.by) {
					return fmt.Errorf("audit: %q is not a team leader or auditor of the audit team", s.by)
				}
				return nil
			}},
			{Name: "criteria-in-plan", Rule: RuleFindingCriterion, Check: guardFindingCriteria},
			{Name: "nc-evidence-verified", Rule: RuleNCEvidence, Check: guardNCEvidence},
			{Name: "evidence-verified", Rule: RuleEvidenceVerified, Check: func(s findingSubject) error { return allVerified(s.a, s.f.Evidence, s.at) }},
			{Name: "nc-statement", Rule: RuleNCStatement, Check: guardNCStatement},
			{Name: "nc-graded", Rule: RuleNCGrade, Check: guardNCGrade},
		}},
		{From: FindingConfirmed, Event: FindingPresent, To: FindingPresented, Guards: []fsm.Guard[findingSubject]{
			{Name: "conclusions-agreed", Rule: RuleClosingAfterConclusions, Check: func(s findingSubject) error { return conclusionsAgreed(s.a) }},
		}},
		{From: FindingPresented, Event: FindingAcknowledge, To: FindingAcknowledged},
		{From: FindingPresented, Event: FindingDispute, To: FindingDisputed, Guards: []fsm.Guard[findingSubject]{
			{Name: "opinion-recorded", Rule: RuleDisputeRecorded, Check: textGuard("the auditee's diverging opinion is required")},
		}},
		{From: FindingDisputed, Event: FindingResolve, To: FindingResolved, Guards: []fsm.Guard[findingSubject]{
			{Name: "resolution-recorded", Rule: RuleDisputeRecorded, Check: textGuard("how the dispute was settled is required")},
			{Name: "report-not-issued", Rule: RuleDisputeBeforeReport, Check: guardReportNotIssued},
		}},
		{From: FindingDraft, Event: FindingWithdraw, To: FindingWithdrawn, Guards: []fsm.Guard[findingSubject]{
			{Name: "reason-recorded", Rule: RuleFindingWithdrawn, Check: textGuard("the reason for withdrawing the finding is required (Meta.Note)")},
		}},
		{From: FindingConfirmed, Event: FindingWithdraw, To: FindingWithdrawn, Guards: []fsm.Guard[findingSubject]{
			{Name: "reason-recorded", Rule: RuleFindingWithdrawn, Check: textGuard("the reason for withdrawing the finding is required (Meta.Note)")},
		}},
	},
})

func textGuard(detail string) func(findingSubject) error {
	err := errors.New("audit: " + detail)
	return func(s findingSubject) error {
		if isBlank(s.text) {
			return err
		}
		return nil
	}
}

// planHasCriterion reports whether ref is one of the plan's criteria.
func planHasCriterion(p *Plan, ref annexa.Ref) bool {
	if p == nil {
		return false
	}
	for _, c := range p.Content.Criteria {
		if c.Ref == ref {
			return true
		}
	}
	return false
}

var errNoCriteria = errors.New("audit: the finding cites no criterion")

func guardFindingCriteria(s findingSubject) error {
	if len(s.f.Criteria) == 0 {
		return errNoCriteria
	}
	for _, ref := range s.f.Criteria {
		if !planHasCriterion(s.a.Plan, ref) {
			return fmt.Errorf("audit: criterion %q is not one of the audit plan's criteria", ref.String())
		}
	}
	return nil
}

// citedEvidence returns the audit's evidence item with the given id, or nil.
func (a *Audit) citedEvidence(id ismsaudit.EvidenceID) *Evidence {
	if i := a.evidenceIndex(id); i >= 0 {
		return &a.Evidence[i]
	}
	return nil
}

// citesVerifiedEvidence reports whether some id names an evidence item of
// a that is verified now (a superseded item is no longer verified) and
// was already verified at time at.
func citesVerifiedEvidence(a *Audit, ids []ismsaudit.EvidenceID, at time.Time) bool {
	for _, id := range ids {
		if e := a.citedEvidence(id); e != nil && e.State == EvidenceVerified && findingEvidenceVerifiedBy(e, at) {
			return true
		}
	}
	return false
}

// findingEvidenceVerifiedBy reports whether e was audit evidence at time
// t: its history verifies it no later than t. An item whose history
// records no verification counts when its state says it is verified; with
// t zero, any verification counts.
func findingEvidenceVerifiedBy(e *Evidence, t time.Time) bool {
	verified := false
	for _, h := range e.History {
		if h.Event == EvidenceVerify {
			if t.IsZero() || !h.At.After(t) {
				return true
			}
			verified = true
		}
	}
	return !verified && e.State == EvidenceVerified
}

// allVerified refuses evidence ids that do not all name items of a that
// are audit evidence now (verified, not superseded) and were already at
// time at: only verified information is audit evidence (19011 6.4.7).
func allVerified(a *Audit, ids []ismsaudit.EvidenceID, at time.Time) error {
	for _, id := range ids {
		if e := a.citedEvidence(id); e == nil || e.State != EvidenceVerified || !findingEvidenceVerifiedBy(e, at) {
			return fmt.Errorf("audit: evidence item %q is not verified audit evidence", id)
		}
	}
	return nil
}

var errNCEvidence = errors.New("audit: a nonconformity needs at least one evidence item verified by now and not superseded")

func guardNCEvidence(s findingSubject) error {
	if s.f.Kind != Nonconformity || citesVerifiedEvidence(s.a, s.f.Evidence, s.at) {
		return nil
	}
	return errNCEvidence
}

// ncStatementGaps names the parts of a nonconformity's statement that are
// missing: the requirement, what was found, why it does not conform.
func ncStatementGaps(f *Finding) []string {
	if f.Kind != Nonconformity {
		return nil
	}
	var gaps []string
	if isBlank(f.Requirement) {
		gaps = append(gaps, "Requirement")
	}
	if isBlank(f.Found) {
		gaps = append(gaps, "Found")
	}
	if isBlank(f.Reason) {
		gaps = append(gaps, "Reason")
	}
	return gaps
}

func guardNCStatement(s findingSubject) error {
	if gaps := ncStatementGaps(s.f); len(gaps) > 0 {
		return fmt.Errorf("audit: the nonconformity does not state %s", strings.Join(gaps, ", "))
	}
	return nil
}

// gradeProblem says what is wrong with a finding's grade, or "".
func gradeProblem(f *Finding) string {
	switch {
	case f.Kind == Nonconformity && f.Grade == "":
		return "a nonconformity is graded major or minor"
	case f.Kind == Nonconformity && !f.Grade.IsValid():
		return "not a grade (major or minor)"
	case f.Kind != Nonconformity && f.Grade != "":
		return "only a nonconformity has a grade"
	}
	return ""
}

func guardNCGrade(s findingSubject) error {
	if p := gradeProblem(s.f); p != "" {
		return errors.New("audit: " + p)
	}
	return nil
}

var errReportIssued = errors.New("audit: the report is issued; an unresolved dispute stays in it as a diverging opinion")

func guardReportNotIssued(s findingSubject) error {
	if s.a.State != StateClosing {
		return errReportIssued
	}
	return nil
}

var errConclusionsNotAgreed = errors.New("audit: the audit team has not agreed its conclusions")

// conclusionsAgreed refuses unless the conclusions are agreed (not draft,
// not yet presented).
func conclusionsAgreed(a *Audit) error {
	if a.Conclusion == nil || a.Conclusion.State != ConclusionAgreed {
		return errConclusionsNotAgreed
	}
	return nil
}

// draftFinding returns the index of the first finding still in draft, or
// -1.
func draftFinding(a *Audit) int {
	return slices.IndexFunc(a.Findings, func(f Finding) bool { return f.State == FindingDraft })
}

func guardFindingsSettled(a *Audit) error {
	if i := draftFinding(a); i >= 0 {
		return fmt.Errorf("audit: finding %q is still a draft", a.Findings[i].ID)
	}
	return nil
}

func guardConclusionComplete(a *Audit) error {
	if a.Conclusion == nil {
		return errNoConclusion
	}
	if gaps := conclusionGaps(a.Conclusion); len(gaps) > 0 {
		parts := make([]string, len(gaps))
		for i, g := range gaps {
			parts[i] = g.path + ": " + g.detail
		}
		return errors.New("audit: the conclusions are incomplete: " + strings.Join(parts, "; "))
	}
	return nil
}

func guardRecommendation(a *Audit) error {
	if a.Conclusion == nil {
		return errNoConclusion
	}
	if p := recommendationProblem(a, a.Conclusion.Recommendation); p != "" {
		return errors.New("audit: " + p)
	}
	return nil
}

// conclusionMachine is the conclusions' lifecycle (19011 6.4.9).
var conclusionMachine = fsm.MustNew(fsm.Spec[ConclusionState, ConclusionEvent, *Audit]{
	Name:     "audit.conclusion",
	States:   conclusionStateSet.Values(),
	Events:   conclusionEventSet.Values(),
	Initial:  ConclusionDraft,
	Terminal: []ConclusionState{ConclusionPresented},
	Table: []fsm.Transition[ConclusionState, ConclusionEvent, *Audit]{
		{From: ConclusionDraft, Event: ConclusionAgree, To: ConclusionAgreed, Guards: []fsm.Guard[*Audit]{
			{Name: "conclusions-complete", Rule: RuleConclusionComplete, Check: guardConclusionComplete},
			{Name: "findings-settled", Rule: RuleConclusionAfterFindings, Check: guardFindingsSettled},
			{Name: "recommendation-derived", Rule: RuleRecommendationDerived, Check: guardRecommendation},
		}},
		{From: ConclusionAgreed, Event: ConclusionPresent, To: ConclusionPresented, Guards: []fsm.Guard[*Audit]{
			{Name: "findings-settled", Rule: RuleConclusionAfterFindings, Check: guardFindingsSettled},
		}},
		{From: ConclusionAgreed, Event: ConclusionRevise, To: ConclusionDraft},
	},
})

// followUpSubject is what follow-up guards look at: the follow-up, the
// audit holding it and, for a verification, who verifies, when, the
// evidence examined and the note.
type followUpSubject struct {
	a        *Audit
	u        *FollowUp
	by       string
	at       time.Time
	evidence []ismsaudit.EvidenceID
	note     string
}

// verifierOnTeam reports whether by is the competence id of a team leader
// or auditor of the audit team.
func verifierOnTeam(a *Audit, by string) bool {
	if isBlank(by) {
		return false
	}
	for _, m := range a.Team {
		if string(m.Auditor) == by && (m.Role == competence.RoleTeamLeader || m.Role == competence.RoleAuditor) {
			return true
		}
	}
	return false
}

func guardVerifierOnTeam(s followUpSubject) error {
	if !verifierOnTeam(s.a, s.by) {
		return fmt.Errorf("audit: %q is not a team leader or auditor of the audit team", s.by)
	}
	return nil
}

var (
	errPlanIncomplete        = errors.New("audit: the plan needs the correction, the root cause, the action and a due date")
	errNoVerifiedEvidence    = errors.New("audit: the verification cites no evidence item verified by then")
	errIneffectiveNoteNeeded = errors.New("audit: why the action is ineffective is required (Meta.Note)")
)

// guardFollowUpEvidence refuses a verification that examined information
// not verified as audit evidence.
func guardFollowUpEvidence(s followUpSubject) error { return allVerified(s.a, s.evidence, s.at) }

// followUpMachine is a nonconformity's follow-up lifecycle (19011 6.7).
var followUpMachine = fsm.MustNew(fsm.Spec[FollowUpState, FollowUpEvent, followUpSubject]{
	Name:     "audit.follow-up",
	States:   followUpStateSet.Values(),
	Events:   followUpEventSet.Values(),
	Initial:  FollowUpPlanning,
	Terminal: []FollowUpState{FollowUpClosed},
	Table: []fsm.Transition[FollowUpState, FollowUpEvent, followUpSubject]{
		{From: FollowUpPlanning, Event: FollowUpAcceptPlan, To: FollowUpAccepted, Guards: []fsm.Guard[followUpSubject]{
			{Name: "plan-complete", Rule: RuleFollowUpPlan, Check: func(s followUpSubject) error {
				if !s.u.Plan().Complete() {
					return errPlanIncomplete
				}
				return nil
			}},
		}},
		{From: FollowUpAccepted, Event: FollowUpImplement, To: FollowUpImplemented},
		{From: FollowUpImplemented, Event: FollowUpVerifyEffective, To: FollowUpClosed, Guards: []fsm.Guard[followUpSubject]{
			{Name: "verifier-on-team", Rule: RuleFollowUpVerified, Check: guardVerifierOnTeam},
			{Name: "verified-evidence", Rule: RuleFollowUpVerified, Check: func(s followUpSubject) error {
				if !citesVerifiedEvidence(s.a, s.evidence, s.at) {
					return errNoVerifiedEvidence
				}
				return nil
			}},
			{Name: "evidence-verified", Rule: RuleEvidenceVerified, Check: guardFollowUpEvidence},
		}},
		{From: FollowUpImplemented, Event: FollowUpVerifyIneffective, To: FollowUpPlanning, Guards: []fsm.Guard[followUpSubject]{
			{Name: "verifier-on-team", Rule: RuleFollowUpIneffective, Check: guardVerifierOnTeam},
			{Name: "reason-recorded", Rule: RuleFollowUpIneffective, Check: func(s followUpSubject) error {
				if isBlank(s.note) {
					return errIneffectiveNoteNeeded
				}
				return nil
			}},
			{Name: "evidence-verified", Rule: RuleEvidenceVerified, Check: guardFollowUpEvidence},
		}},
	},
})
