package audit

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// draftConclusion returns complete conclusion content as a host would draft it.
func draftConclusion(t tb) Conclusion {
	c := *conclusionIn(t, "", ConclusionDraft)
	c.State, c.History = "", nil
	return c
}

// findingsStageAudit returns an audit in the findings stage whose findings
// are settled: F-1 a confirmed major nonconformity, F-2 a confirmed
// observation.
func findingsStageAudit(t *testing.T) *Audit {
	a := stage2Audit(t, StateFindings)
	a.Findings = []Finding{
		findingIn(t, nonconformity("F-1", Major, controlA815, "E-1"), FindingConfirmed),
		findingIn(t, observation("F-2", controlA51), FindingConfirmed),
	}
	return a
}

func TestDraftConclusion(t *testing.T) {
	m := byLead(agreeAt.Add(-time.Hour))
	t.Run("creates, then replaces the draft", func(t *testing.T) {
		a := findingsStageAudit(t)
		c := draftConclusion(t)
		c.NotCovered = []string{}
		require.NoError(t, a.DraftConclusion(c, m))
		want := draftConclusion(t)
		want.State, want.History = ConclusionDraft, []ConclusionEntry{}
		if diff := cmp.Diff(&want, a.Conclusion); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
		next := draftConclusion(t)
		next.Extent = "revised extent"
		next.Recurring = []string{"log retention, in two units"}
		require.NoError(t, a.DraftConclusion(next, m))
		assert.Equal(t, "revised extent", a.Conclusion.Extent)
		assert.Empty(t, a.Conclusion.Recommendation, "a draft carries no recommendation")
		next.Recurring[0] = "changed by the caller"
		assert.Equal(t, "log retention, in two units", a.Conclusion.Recurring[0], "the record keeps its own copy")
	})
	t.Run("a draft may be incomplete", func(t *testing.T) {
		a := findingsStageAudit(t)
		require.NoError(t, a.DraftConclusion(Conclusion{Extent: "so far"}, m))
	})
	t.Run("after a revision the history is kept", func(t *testing.T) {
		a := findingsStageAudit(t)
		require.NoError(t, a.DraftConclusion(draftConclusion(t), m))
		require.NoError(t, a.AgreeConclusion(byLead(agreeAt)))
		require.NoError(t, a.ReviseConclusion(byLead(agreeAt.Add(time.Minute))))
		require.NoError(t, a.DraftConclusion(draftConclusion(t), byLead(agreeAt.Add(2*time.Minute))))
		assert.Len(t, a.Conclusion.History, 2)
		assert.Equal(t, ConclusionDraft, a.Conclusion.State)
		err := refuses(t, a, func() error { return a.DraftConclusion(draftConclusion(t), byLead(agreeAt)) })
		requireInvalid(t, err, problem{"Meta.At", "not-before-last"})
	})
	tests := []struct {
		name   string
		kind   annexa.AuditKind
		change func(*Conclusion)
		meta   *ismsaudit.Meta
		want   []problem
	}{
		{"unknown fulfilment", annexa.Stage2, func(c *Conclusion) { c.Fulfilment = "mostly" }, nil, []problem{{"Fulfilment", "enum"}}},
		{"unknown recommendation", annexa.Stage2, func(c *Conclusion) { c.Recommendation = "maybe" }, nil, []problem{{"Recommendation", RuleRecommendationDerived}}},
		{"recommendation written by hand", annexa.Stage2, func(c *Conclusion) { c.Recommendation = RecommendAfterVerification }, nil, []problem{{"Recommendation", RuleRecommendationDerived}}},
		{"recommendation for an internal audit", annexa.Internal, func(c *Conclusion) { c.Recommendation = Recommend }, nil, []problem{{"Recommendation", RuleRecommendationDerived}}},
		{"blank area not covered", annexa.Stage2, func(c *Conclusion) { c.ScopeCovered, c.NotCovered = false, []string{"site B", " "} }, nil, []problem{{"NotCovered[1]", "required"}}},
		{"blank recurring", annexa.Stage2, func(c *Conclusion) { c.Recurring = []string{""} }, nil, []problem{{"Recurring[0]", "required"}}},
		{"state given", annexa.Stage2, func(c *Conclusion) { c.State = ConclusionAgreed }, nil, []problem{{"State", "empty"}}},
		{"history given", annexa.Stage2, func(c *Conclusion) { c.History = []ConclusionEntry{} }, nil, []problem{{"History", "empty"}}},
		{"no meta", annexa.Stage2, func(*Conclusion) {}, &ismsaudit.Meta{}, []problem{{"Meta.At", "required"}, {"Meta.By", "required"}}},
		{"a note", annexa.Stage2, func(*Conclusion) {}, &ismsaudit.Meta{At: m.At, By: m.By, Note: "n"}, []problem{{"Meta.Note", "empty"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := findingsStageAudit(t)
			a.Kind = tt.kind
			c := draftConclusion(t)
			tt.change(&c)
			meta := m
			if tt.meta != nil {
				meta = *tt.meta
			}
			ve := requireInvalid(t, refuses(t, a, func() error { return a.DraftConclusion(c, meta) }), tt.want...)
			assert.Len(t, ve.Fields, len(tt.want), "%v", ve.Fields)
		})
	}
	t.Run("only in the findings stage", func(t *testing.T) {
		for s := range States() {
			if s == StateFindings {
				continue
			}
			a := findingsStageAudit(t)
			a.State = s
			requireRefused(t, refuses(t, a, func() error { return a.DraftConclusion(draftConclusion(t), m) }), ismsaudit.ReasonWrongState, RuleConclusionPhase, "state %s", s)
		}
	})
	t.Run("agreed conclusions change only after a revision", func(t *testing.T) {
		for _, s := range []ConclusionState{ConclusionAgreed, ConclusionPresented} {
			a := findingsStageAudit(t)
			a.Conclusion = conclusionIn(t, RecommendAfterVerification, s)
			requireRefused(t, refuses(t, a, func() error { return a.DraftConclusion(draftConclusion(t), m) }), ismsaudit.ReasonWrongState, RuleConclusionPhase)
		}
	})
}

func TestAgreeConclusion(t *testing.T) {
	m := byLead(agreeAt)
	tests := []struct {
		name   string
		kind   annexa.AuditKind
		change func(*Audit, *Conclusion)
		rule   ismsaudit.RuleID // "" when accepted
	}{
		{"complete, recommendation derived", annexa.Stage2, nil, ""},
		{"internal audit without recommendation", annexa.Internal, nil, ""},
		{"a recommendation written by hand is replaced", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.Recommendation = Recommend }, ""},
		{"an internal audit's written by hand is dropped", annexa.Internal, func(_ *Audit, c *Conclusion) { c.Recommendation = Recommend }, ""},
		{"objectives not achieved, with why", annexa.Stage2, func(_ *Audit, c *Conclusion) {
			c.ObjectivesAchieved, c.ObjectivesNote = false, "the data centre could not be visited"
		}, ""},
		{"scope partly covered, listed, objectives explained", annexa.Stage2, func(_ *Audit, c *Conclusion) {
			c.ScopeCovered, c.NotCovered = false, []string{"data centre: access refused"}
			c.ObjectivesNote = "the data centre's controls were audited remotely"
		}, ""},
		{"scope partly covered, objectives not achieved", annexa.Stage2, func(_ *Audit, c *Conclusion) {
			c.ScopeCovered, c.NotCovered = false, []string{"data centre: access refused"}
			c.ObjectivesAchieved, c.ObjectivesNote = false, "the data centre could not be audited"
		}, ""},
		{"not fulfilled, with a major nonconformity", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.Fulfilment = NotFulfilled }, ""},
		{"fulfilled, no nonconformity left", annexa.Internal, func(a *Audit, c *Conclusion) {
			a.Findings[0] = findingIn(t, nonconformity("F-1", Major, controlA815, "E-1"), FindingWithdrawn)
			c.Fulfilment = Fulfilled
		}, ""},
		{"largely fulfilled, with a minor nonconformity", annexa.Internal, func(a *Audit, c *Conclusion) {
			a.Findings[0] = findingIn(t, nonconformity("F-1", Minor, controlA815, "E-1"), FindingConfirmed)
			c.Fulfilment = LargelyFulfilled
		}, ""},
		{"fulfilled, with a minor nonconformity", annexa.Stage2, func(a *Audit, c *Conclusion) {
			a.Findings[0] = findingIn(t, nonconformity("F-1", Minor, controlA815, "E-1"), FindingConfirmed)
			c.Fulfilment = Fulfilled
		}, RuleConclusionFulfilment},
		{"largely fulfilled, with a major nonconformity", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.Fulfilment = LargelyFulfilled }, RuleConclusionFulfilment},
		{"fulfilled, with a major nonconformity", annexa.Internal, func(_ *Audit, c *Conclusion) { c.Fulfilment = Fulfilled }, RuleConclusionFulfilment},
		{"effective, with a major nonconformity", annexa.Stage2, func(_ *Audit, c *Conclusion) {
			c.Fulfilment, c.Effective = NotFulfilled, true
		}, RuleConclusionEffectiveness},
		{"effective, with a minor nonconformity", annexa.Internal, func(a *Audit, c *Conclusion) {
			a.Findings[0] = findingIn(t, nonconformity("F-1", Minor, controlA815, "E-1"), FindingConfirmed)
			c.Fulfilment, c.Effective = LargelyFulfilled, true
		}, ""},
		{"scope partly covered, objectives achieved without a note", annexa.Stage2, func(_ *Audit, c *Conclusion) {
			c.ScopeCovered, c.NotCovered = false, []string{"data centre: access refused"}
		}, RuleConclusionObjectives},
		{"no fulfilment", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.Fulfilment = "" }, RuleConclusionComplete},
		{"no extent", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.Extent = " " }, RuleConclusionComplete},
		{"no effectiveness", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.Effectiveness = "" }, RuleConclusionComplete},
		{"objectives not considered", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.ObjectivesAchieved = false }, RuleConclusionComplete},
		{"scope neither covered nor listed", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.ScopeCovered = false }, RuleConclusionComplete},
		{"scope covered and listed", annexa.Stage2, func(_ *Audit, c *Conclusion) { c.NotCovered = []string{"site B"} }, RuleConclusionComplete},
		{"a draft finding", annexa.Stage2, func(a *Audit, _ *Conclusion) {
			a.Findings = append(a.Findings, findingIn(t, observation("F-3", controlA51), FindingDraft))
		}, RuleConclusionAfterFindings},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := findingsStageAudit(t)
			a.Kind = tt.kind
			a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionDraft)
			if tt.change != nil {
				tt.change(a, a.Conclusion)
			}
			if tt.rule == "" {
				require.NoError(t, a.AgreeConclusion(m))
				assert.Equal(t, ConclusionAgreed, a.Conclusion.State)
				want, _ := DeriveRecommendation(a)
				assert.Equal(t, want, a.Conclusion.Recommendation, "agreement records the derived recommendation")
				if a.IsCertification() {
					assert.Equal(t, RecommendAfterVerification, a.Conclusion.Recommendation, "F-1 is a major nonconformity")
				}
				assert.Equal(t, []ConclusionEntry{{From: ConclusionDraft, Event: ConclusionAgree, To: ConclusionAgreed, At: m.At, By: m.By}}, a.Conclusion.History)
				return
			}
			requireRefused(t, refuses(t, a, func() error { return a.AgreeConclusion(m) }), ismsaudit.ReasonGuard, tt.rule)
		})
	}
	t.Run("not dated before the findings were settled", func(t *testing.T) {
		a := findingsStageAudit(t)
		a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionDraft)
		requireRefused(t, refuses(t, a, func() error { return a.AgreeConclusion(byLead(confirmAt.Add(-time.Minute))) }), ismsaudit.ReasonGuard, RuleFindingPhase)
		require.NoError(t, a.AgreeConclusion(byLead(confirmAt)))
		assert.Empty(t, findingsViolations(a, nil))
	})
	t.Run("no conclusions drafted", func(t *testing.T) {
		a := findingsStageAudit(t)
		requireRefused(t, refuses(t, a, func() error { return a.AgreeConclusion(m) }), ismsaudit.ReasonWrongState, RuleConclusionComplete)
	})
	t.Run("only in the findings stage", func(t *testing.T) {
		a := findingsStageAudit(t)
		a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionDraft)
		a.State = StateFieldwork
		requireRefused(t, refuses(t, a, func() error { return a.AgreeConclusion(m) }), ismsaudit.ReasonWrongState, RuleConclusionPhase)
	})
}

// TestConclusionOperationsMatrix runs the operation behind every
// conclusion event in every state (see TestFindingOperationsMatrix).
func TestConclusionOperationsMatrix(t *testing.T) {
	ops := map[ConclusionEvent]func(*Audit) error{
		ConclusionAgree:  func(a *Audit) error { return a.AgreeConclusion(byLead(closingAt)) },
		ConclusionRevise: func(a *Audit) error { return a.ReviseConclusion(byLead(closingAt)) },
		ConclusionPresent: func(a *Audit) error {
			apply, err := a.prepareClosingPresentation(byLead(closingAt))
			if err == nil {
				apply()
			}
			return err
		},
	}
	for s := range ConclusionStates() {
		for e := range ConclusionEvents() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				a := findingsStageAudit(t)
				a.Conclusion = conclusionIn(t, RecommendAfterVerification, s)
				to, ok := wantConclusion[s][e]
				if ok {
					before := len(a.Conclusion.History)
					require.NoError(t, ops[e](a))
					assert.Equal(t, to, a.Conclusion.State)
					require.Len(t, a.Conclusion.History, before+1)
					assert.Equal(t, e, a.Conclusion.History[before].Event)
					return
				}
				err := refuses(t, a, func() error { return ops[e](a) })
				switch {
				case e == ConclusionPresent:
					requireRefused(t, err, ismsaudit.ReasonGuard, RuleClosingAfterConclusions, "only agreed conclusions are presented")
				case conclusionMachine.IsTerminal(s):
					requireRefused(t, err, ismsaudit.ReasonTerminal, RuleConclusionOrder)
				default:
					requireRefused(t, err, ismsaudit.ReasonNoTransition, RuleConclusionOrder)
				}
			})
		}
	}
}

func TestConclusionMachineMatrix(t *testing.T) {
	machineMatrix(t, conclusionMachine, RuleConclusionOrder, recordIn(t, StateFindings), wantConclusion)
}
