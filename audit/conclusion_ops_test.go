package audit

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// fdDraft returns complete conclusion content as a host would draft it.
func fdDraft(t fdT, rec Recommendation) Conclusion {
	c := *fdConclusion(t, rec, ConclusionDraft)
	c.State, c.History = "", nil
	return c
}

// fdFindingsStage returns an audit in the findings stage whose findings
// are settled: F-1 a confirmed major nonconformity, F-2 a confirmed
// observation.
func fdFindingsStage(t *testing.T) *Audit {
	a := fdAudit(t, StateFindings)
	a.Findings = []Finding{
		fdFindingIn(t, fdNC("F-1", Major, fdA815, "E-1"), FindingConfirmed),
		fdFindingIn(t, fdObservation("F-2", fdA51), FindingConfirmed),
	}
	return a
}

func TestDraftConclusion(t *testing.T) {
	m := fdMeta(fdAgreeAt.Add(-time.Hour), fdLead)
	t.Run("creates, then replaces the draft", func(t *testing.T) {
		a := fdFindingsStage(t)
		c := fdDraft(t, "")
		c.NotCovered = []string{}
		require.NoError(t, a.DraftConclusion(c, m))
		want := fdDraft(t, "")
		want.State, want.History = ConclusionDraft, []ConclusionEntry{}
		if diff := cmp.Diff(&want, a.Conclusion); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
		next := fdDraft(t, RecommendAfterVerification)
		next.Extent = "revised extent"
		next.Recurring = []string{"log retention, in two units"}
		require.NoError(t, a.DraftConclusion(next, m))
		assert.Equal(t, "revised extent", a.Conclusion.Extent)
		assert.Equal(t, RecommendAfterVerification, a.Conclusion.Recommendation)
		next.Recurring[0] = "changed by the caller"
		assert.Equal(t, "log retention, in two units", a.Conclusion.Recurring[0], "the record keeps its own copy")
	})
	t.Run("a draft may be incomplete", func(t *testing.T) {
		a := fdFindingsStage(t)
		require.NoError(t, a.DraftConclusion(Conclusion{Extent: "so far"}, m))
	})
	t.Run("after a revision the history is kept", func(t *testing.T) {
		a := fdFindingsStage(t)
		require.NoError(t, a.DraftConclusion(fdDraft(t, RecommendAfterVerification), m))
		require.NoError(t, a.AgreeConclusion(fdMeta(fdAgreeAt, fdLead)))
		require.NoError(t, a.ReviseConclusion(fdMeta(fdAgreeAt.Add(time.Minute), fdLead)))
		require.NoError(t, a.DraftConclusion(fdDraft(t, RecommendAfterVerification), fdMeta(fdAgreeAt.Add(2*time.Minute), fdLead)))
		assert.Len(t, a.Conclusion.History, 2)
		assert.Equal(t, ConclusionDraft, a.Conclusion.State)
		err := fdRefuses(t, a, func() error { return a.DraftConclusion(fdDraft(t, ""), fdMeta(fdAgreeAt, fdLead)) })
		assert.True(t, fdValidation(t, err).Has("Meta.At", "not-before-last"))
	})
	tests := []struct {
		name   string
		kind   annexa.AuditKind
		change func(*Conclusion)
		meta   *ismsaudit.Meta
		want   [][2]string
	}{
		{"unknown fulfilment", annexa.Stage2, func(c *Conclusion) { c.Fulfilment = "mostly" }, nil, [][2]string{{"Fulfilment", "enum"}}},
		{"unknown recommendation", annexa.Stage2, func(c *Conclusion) { c.Recommendation = "maybe" }, nil, [][2]string{{"Recommendation", "enum"}}},
		{"recommendation for an internal audit", annexa.Internal, func(c *Conclusion) { c.Recommendation = Recommend }, nil, [][2]string{{"Recommendation", string(RuleRecommendationDerived)}}},
		{"blank area not covered", annexa.Stage2, func(c *Conclusion) { c.ScopeCovered, c.NotCovered = false, []string{"site B", " "} }, nil, [][2]string{{"NotCovered[1]", "required"}}},
		{"blank recurring", annexa.Stage2, func(c *Conclusion) { c.Recurring = []string{""} }, nil, [][2]string{{"Recurring[0]", "required"}}},
		{"state given", annexa.Stage2, func(c *Conclusion) { c.State = ConclusionAgreed }, nil, [][2]string{{"State", "empty"}}},
		{"history given", annexa.Stage2, func(c *Conclusion) { c.History = []ConclusionEntry{} }, nil, [][2]string{{"History", "empty"}}},
		{"no meta", annexa.Stage2, func(*Conclusion) {}, &ismsaudit.Meta{}, [][2]string{{"Meta.At", "required"}, {"Meta.By", "required"}}},
		{"a note", annexa.Stage2, func(*Conclusion) {}, &ismsaudit.Meta{At: m.At, By: m.By, Note: "n"}, [][2]string{{"Meta.Note", "empty"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fdFindingsStage(t)
			a.Kind = tt.kind
			c := fdDraft(t, "")
			tt.change(&c)
			meta := m
			if tt.meta != nil {
				meta = *tt.meta
			}
			ve := fdValidation(t, fdRefuses(t, a, func() error { return a.DraftConclusion(c, meta) }))
			for _, w := range tt.want {
				assert.True(t, ve.Has(w[0], ismsaudit.RuleID(w[1])), "want %s %s in %v", w[0], w[1], ve.Fields)
			}
			assert.Len(t, ve.Fields, len(tt.want), "%v", ve.Fields)
		})
	}
	t.Run("only in the findings stage", func(t *testing.T) {
		for s := range States() {
			if s == StateFindings {
				continue
			}
			a := fdFindingsStage(t)
			a.State = s
			rule, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.DraftConclusion(fdDraft(t, ""), m) }))
			assert.Equal(t, RuleConclusionPhase, rule, "state %s", s)
			assert.Equal(t, ismsaudit.ReasonWrongState, reason)
		}
	})
	t.Run("agreed conclusions change only after a revision", func(t *testing.T) {
		for _, s := range []ConclusionState{ConclusionAgreed, ConclusionPresented} {
			a := fdFindingsStage(t)
			a.Conclusion = fdConclusion(t, RecommendAfterVerification, s)
			rule, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.DraftConclusion(fdDraft(t, ""), m) }))
			assert.Equal(t, RuleConclusionPhase, rule)
			assert.Equal(t, ismsaudit.ReasonWrongState, reason)
		}
	})
}

func TestAgreeConclusion(t *testing.T) {
	m := fdMeta(fdAgreeAt, fdLead)
	tests := []struct {
		name   string
		kind   annexa.AuditKind
		change func(*Audit, *Conclusion)
		rule   ismsaudit.RuleID // "" when accepted
	}{
		{"complete, recommendation derived", annexa.Stage2, nil, ""},
		{"internal audit without recommendation", annexa.Internal, func(_ *Audit, c *Conclusion) { c.Recommendation = "" }, ""},
		{"objectives not achieved, with why", annexa.Stage2, func(_ *Audit, c *Conclusion) {
			c.ObjectivesAchieved, c.ObjectivesNote = false, "the data centre could not be visited"
		}, ""},
		{"scope partly covered, listed", annexa.Stage2, func(_ *Audit, c *Conclusion) {
			c.ScopeCovered, c.NotCovered = false, []string{"data centre: access refused"}
		}, ""},
		{"no fulfilment", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.Fulfilment = "" }, RuleConclusionComplete},
		{"no extent", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.Extent = " " }, RuleConclusionComplete},
		{"no effectiveness", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.Effectiveness = "" }, RuleConclusionComplete},
		{"objectives not considered", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.ObjectivesAchieved = false }, RuleConclusionComplete},
		{"scope neither covered nor listed", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.ScopeCovered = false }, RuleConclusionComplete},
		{"scope covered and listed", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.NotCovered = []string{"site B"} }, RuleConclusionComplete},
		{"a draft finding", annexa.Stage2, func(a *Audit, _ *Conclusion) {
			a.Findings = append(a.Findings, fdFindingIn(t, fdObservation("F-3", fdA51), FindingDraft))
		}, RuleConclusionAfterFindings},
		{"recommendation missing", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.Recommendation = "" }, RuleRecommendationDerived},
		{"recommendation not derived", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.Recommendation = Recommend }, RuleRecommendationDerived},
		{"recommendation on an internal audit", annexa.Internal, nil, RuleRecommendationDerived},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fdFindingsStage(t)
			a.Kind = tt.kind
			a.Conclusion = fdConclusion(t, RecommendAfterVerification, ConclusionDraft)
			if tt.change != nil {
				tt.change(a, a.Conclusion)
			}
			if tt.rule == "" {
				require.NoError(t, a.AgreeConclusion(m))
				assert.Equal(t, ConclusionAgreed, a.Conclusion.State)
				assert.Equal(t, []ConclusionEntry{{From: ConclusionDraft, Event: ConclusionAgree, To: ConclusionAgreed, At: m.At, By: m.By}}, a.Conclusion.History)
				return
			}
			rule, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.AgreeConclusion(m) }))
			assert.Equal(t, tt.rule, rule)
			assert.Equal(t, ismsaudit.ReasonGuard, reason)
		})
	}
	t.Run("no conclusions drafted", func(t *testing.T) {
		a := fdFindingsStage(t)
		rule, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.AgreeConclusion(m) }))
		assert.Equal(t, RuleConclusionComplete, rule)
		assert.Equal(t, ismsaudit.ReasonWrongState, reason)
	})
	t.Run("only in the findings stage", func(t *testing.T) {
		a := fdFindingsStage(t)
		a.Conclusion = fdConclusion(t, RecommendAfterVerification, ConclusionDraft)
		a.State = StateFieldwork
		rule, _ := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.AgreeConclusion(m) }))
		assert.Equal(t, RuleConclusionPhase, rule)
	})
}

// TestConclusionOperationsMatrix runs the operation behind every
// conclusion event in every state (see TestFindingOperationsMatrix).
func TestConclusionOperationsMatrix(t *testing.T) {
	ops := map[ConclusionEvent]func(*Audit) error{
		ConclusionAgree:  func(a *Audit) error { return a.AgreeConclusion(fdMeta(fdClosingAt, fdLead)) },
		ConclusionRevise: func(a *Audit) error { return a.ReviseConclusion(fdMeta(fdClosingAt, fdLead)) },
		ConclusionPresent: func(a *Audit) error {
			apply, err := a.prepareClosingPresentation(fdMeta(fdClosingAt, fdLead))
			if err == nil {
				apply()
			}
			return err
		},
	}
	for s := range ConclusionStates() {
		for e := range ConclusionEvents() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				a := fdFindingsStage(t)
				a.Conclusion = fdConclusion(t, RecommendAfterVerification, s)
				to, ok := fdWantConclusion[s][e]
				if ok {
					before := len(a.Conclusion.History)
					require.NoError(t, ops[e](a))
					assert.Equal(t, to, a.Conclusion.State)
					require.Len(t, a.Conclusion.History, before+1)
					assert.Equal(t, e, a.Conclusion.History[before].Event)
					return
				}
				rule, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return ops[e](a) }))
				if e == ConclusionPresent {
					assert.Equal(t, RuleClosingAfterConclusions, rule, "only agreed conclusions are presented")
				} else {
					assert.Contains(t, []ismsaudit.Reason{ismsaudit.ReasonNoTransition, ismsaudit.ReasonTerminal}, reason)
				}
			})
		}
	}
}

func TestDeriveRecommendation(t *testing.T) {
	at := fdDueAt.Add(24 * time.Hour) // after the fixture due date
	nc := func(id FindingID, g Grade, s FindingState) Finding {
		return fdFindingIn(t, fdNC(id, g, fdA815, "E-1"), s)
	}
	fu := func(id FindingID, s FollowUpState) FollowUp { return fdFollowUp(t, id, s) }
	tests := []struct {
		name      string
		kind      annexa.AuditKind
		findings  []Finding
		followUps []FollowUp
		at        time.Time
		want      Recommendation
		reasons   []string
	}{
		{"no finding", annexa.Stage2, nil, nil, at, Recommend, []string{"REC-CLEAR: no nonconformity stands"}},
		{"observations only", annexa.Surveillance, []Finding{fdFindingIn(t, fdObservation("F-1", fdA51), FindingPresented)}, nil, at, Recommend,
			[]string{"REC-CLEAR: no nonconformity stands"}},
		{"withdrawn and draft nonconformities do not stand", annexa.Stage2, []Finding{nc("F-1", Major, FindingWithdrawn), nc("F-2", Major, FindingDraft)}, nil, at, Recommend,
			[]string{"REC-CLEAR: no nonconformity stands"}},
		{"minors without plans", annexa.Stage2, []Finding{nc("F-1", Minor, FindingPresented), nc("F-2", Minor, FindingAcknowledged)}, []FollowUp{fu("F-2", FollowUpPlanning)}, at, RecommendAfterPlans, []string{
			"REC-MINOR-OPEN: F-1 is a minor nonconformity without an accepted corrective action plan",
			"REC-MINOR-OPEN: F-2 is a minor nonconformity without an accepted corrective action plan",
		}},
		{"minors with accepted plans", annexa.Recertification, []Finding{nc("F-1", Minor, FindingPresented), nc("F-2", Minor, FindingResolved)},
			[]FollowUp{fu("F-1", FollowUpAccepted), fu("F-2", FollowUpImplemented)}, at, Recommend,
			[]string{"REC-CLEAR: 2 nonconformities stand; every major is verified effective and every minor has an accepted plan"}},
		{"a major, unverified, not yet due", annexa.Stage2, []Finding{nc("F-1", Major, FindingPresented), nc("F-2", Minor, FindingPresented)},
			[]FollowUp{fu("F-1", FollowUpImplemented)}, fdDueAt, RecommendAfterVerification,
			[]string{"REC-MAJOR-OPEN: F-1 is a major nonconformity whose correction is not verified effective"}},
		{"a major without follow-up", annexa.Stage2, []Finding{nc("F-1", Major, FindingConfirmed)}, nil, at, RecommendAfterVerification,
			[]string{"REC-MAJOR-OPEN: F-1 is a major nonconformity whose correction is not verified effective"}},
		{"a major verified effective", annexa.Special, []Finding{nc("F-1", Major, FindingAcknowledged), nc("F-2", Minor, FindingAcknowledged)},
			[]FollowUp{fu("F-1", FollowUpClosed), fu("F-2", FollowUpPlanning)}, at, RecommendAfterPlans,
			[]string{"REC-MINOR-OPEN: F-2 is a minor nonconformity without an accepted corrective action plan"}},
		{"a major overdue", annexa.Stage2, []Finding{nc("F-1", Major, FindingAcknowledged), nc("F-2", Major, FindingAcknowledged)},
			[]FollowUp{fu("F-1", FollowUpImplemented), fu("F-2", FollowUpPlanning)}, at, NotRecommend, []string{
				"REC-MAJOR-OVERDUE: F-1 is a major nonconformity whose follow-up was due 2026-05-31 and is not verified effective at 2026-06-01",
				"REC-MAJOR-OVERDUE: F-2 is a major nonconformity whose follow-up was due 2026-05-31 and is not verified effective at 2026-06-01",
			}},
		{"an overdue minor does not block", annexa.Stage2, []Finding{nc("F-1", Minor, FindingAcknowledged)},
			[]FollowUp{fu("F-1", FollowUpAccepted)}, at, Recommend,
			[]string{"REC-CLEAR: 1 nonconformities stand; every major is verified effective and every minor has an accepted plan"}},
		{"internal audits carry none", annexa.Internal, []Finding{nc("F-1", Major, FindingAcknowledged)}, nil, at, "", nil},
		{"second-party audits carry none", annexa.SecondParty, []Finding{nc("F-1", Major, FindingAcknowledged)}, nil, at, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fdAudit(t, StateFollowUp)
			a.Kind, a.Findings, a.FollowUps = tt.kind, tt.findings, tt.followUps
			before := fdClone(a)
			got, reasons := DeriveRecommendation(a, tt.at)
			assert.Equal(t, tt.want, got)
			if diff := cmp.Diff(tt.reasons, reasons); diff != "" {
				t.Errorf("reasons mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, a); diff != "" {
				t.Errorf("DeriveRecommendation changed the record: mismatch (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("nil", func(t *testing.T) {
		got, reasons := DeriveRecommendation(nil, at)
		assert.Equal(t, Recommendation(""), got)
		assert.Nil(t, reasons)
	})
}

func TestRecommendationRules(t *testing.T) {
	var ids []string
	seen := map[Recommendation]bool{}
	for r := range RecommendationRules() {
		ids = append(ids, r.ID)
		assert.True(t, r.Then.IsValid(), r.ID)
		assert.NotEmpty(t, r.When)
		assert.Regexp(t, `^17021-1:[0-9.]+$`, r.Source)
		seen[r.Then] = true
	}
	assert.Equal(t, []string{"REC-MAJOR-OVERDUE", "REC-MAJOR-OPEN", "REC-MINOR-OPEN", "REC-CLEAR"}, ids)
	for rec := range Recommendations() {
		assert.True(t, seen[rec], "no rule leads to %s", rec)
	}
}
