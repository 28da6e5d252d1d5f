package programme

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fireGood fires e with input meeting every guard: improve goes through
// Improve.
func fireGood(p *Programme, e Event) (*Programme, error) {
	if e == EventImprove {
		return p.Improve(Changes{}, metaOn(10, ""))
	}
	return nil, p.Fire(e, metaOn(10, "note"))
}

// TestProgrammeEveryStateEvent covers every (state, event) pair: with
// content and input meeting every guard, an event fires exactly when the
// table has a row, appending one history entry, and a refused event
// changes nothing.
func TestProgrammeEveryStateEvent(t *testing.T) {
	want := map[State]map[Event]State{
		StateDraft:        {EventApprove: StateApproved},
		StateApproved:     {EventImplement: StateImplementing},
		StateImplementing: {EventReview: StateUnderReview},
		StateUnderReview:  {EventResume: StateImplementing, EventImprove: StateImproved, EventClose: StateClosed},
		StateImproved:     {},
		StateClosed:       {},
	}
	for s := range States() {
		for e := range Events() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				p := inState(t, s)
				if s == StateDraft {
					coverRiskAreas(t, p)
				}
				before := deepCopy(*p)
				next, err := fireGood(p, e)
				to, ok := want[s][e]
				row, hasRow := programmeMachine.Next(s, e)
				assert.Equal(t, ok, hasRow, "table row")
				if ok {
					require.NoError(t, err)
					assert.Equal(t, to, row)
					assert.Equal(t, to, p.State)
					require.Len(t, p.History, len(before.History)+1)
					assert.Equal(t, Entry{From: s, Event: e, To: to, At: onDay(10), By: "pm", Note: p.History[len(p.History)-1].Note}, p.History[len(p.History)-1])
					if d := cmp.Diff(before.History, p.History[:len(before.History)]); d != "" {
						t.Errorf("history rewritten (-before +after):\n%s", d)
					}
					require.NoError(t, Verify(p))
					if e == EventImprove {
						require.NotNil(t, next)
						require.NoError(t, Verify(next))
					}
					return
				}
				require.ErrorIs(t, err, ismsaudit.ErrTransition)
				var te *ismsaudit.TransitionError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, string(s), te.State)
				assert.Equal(t, string(e), te.Event)
				wantReason := ismsaudit.ReasonNoTransition
				if programmeMachine.IsTerminal(s) {
					wantReason = ismsaudit.ReasonTerminal
				}
				assert.Equal(t, wantReason, te.Reason)
				if e != EventImprove {
					assert.Equal(t, RuleProgrammeOrder, te.Rule, "an event out of order cites the lifecycle's order")
					if d := cmp.Diff(err, p.Check(e)); d != "" {
						t.Errorf("Check differs from Fire (-fire +check):\n%s", d)
					}
				}
				assert.False(t, p.Can(e))
				assert.Nil(t, next)
				if d := cmp.Diff(before, *p); d != "" {
					t.Errorf("refused event changed the programme (-before +after):\n%s", d)
				}
			})
		}
	}
}

func TestProgrammeGuards(t *testing.T) {
	tests := []struct {
		name  string
		state State
		setup func(*testing.T, *Programme)
		fire  func(*Programme) error
		rule  ismsaudit.RuleID
	}{
		{"approve without objectives", StateDraft,
			func(t *testing.T, p *Programme) { coverRiskAreas(t, p); p.Objectives = nil },
			func(p *Programme) error { return p.Fire(EventApprove, metaOn(9, "")) }, RuleObjectives},
		{"approve with an objective lacking a unit", StateDraft,
			func(t *testing.T, p *Programme) { coverRiskAreas(t, p); p.Objectives[1].Target.Unit = "" },
			func(p *Programme) error { return p.Fire(EventApprove, metaOn(9, "")) }, RuleObjectives},
		{"approve with an objective lacking a direction", StateDraft,
			func(t *testing.T, p *Programme) { coverRiskAreas(t, p); p.Objectives[0].Target.Direction = "" },
			func(p *Programme) error { return p.Fire(EventApprove, metaOn(9, "")) }, RuleObjectives},
		{"approve without managers", StateDraft,
			func(t *testing.T, p *Programme) { coverRiskAreas(t, p); p.Managers = nil },
			func(p *Programme) error { return p.Fire(EventApprove, metaOn(9, "")) }, RuleManagers},
		{"approve with a role nobody holds", StateDraft,
			func(t *testing.T, p *Programme) { coverRiskAreas(t, p); p.Managers = p.Managers[:1] },
			func(p *Programme) error { return p.Fire(EventApprove, metaOn(9, "")) }, RuleManagers},
		{"approve without frequency", StateDraft,
			func(t *testing.T, p *Programme) { coverRiskAreas(t, p); p.Extent.Frequency = "" },
			func(p *Programme) error { return p.Fire(EventApprove, metaOn(9, "")) }, RuleExtent},
		{"approve without risk assessment driver", StateDraft,
			func(t *testing.T, p *Programme) { coverRiskAreas(t, p); p.Extent.Drivers.RiskAssessment = " " },
			func(p *Programme) error { return p.Fire(EventApprove, metaOn(9, "")) }, RuleExtent},
		{"approve with auditor days short of the extent", StateDraft,
			func(t *testing.T, p *Programme) { coverRiskAreas(t, p); p.Resources.AuditorDays = 20 },
			func(p *Programme) error { return p.Fire(EventApprove, metaOn(9, "")) }, RuleResources},
		{"approve without confidentiality", StateDraft,
			func(t *testing.T, p *Programme) { coverRiskAreas(t, p); p.Records.Confidentiality = "" },
			func(p *Programme) error { return p.Fire(EventApprove, metaOn(9, "")) }, RuleRecords},
		{"approve with an area without risk", StateDraft,
			func(t *testing.T, p *Programme) {
				for c := range RiskCategories() {
					if c != CategoryAuditeeAvailability {
						require.NoError(t, p.AddRisk(newRisk(RiskID("r-"+string(c)), KindRisk, c), metaOn(1, "")))
						require.NoError(t, p.AssessRisk(RiskID("r-"+string(c)), Assessment{Likelihood: 1, Impact: 1}, metaOn(1, "")))
					}
				}
				// an opportunity does not cover the area
				require.NoError(t, p.AddRisk(newRisk("o-1", KindOpportunity, CategoryAuditeeAvailability), metaOn(1, "")))
				require.NoError(t, p.AssessRisk("o-1", Assessment{Likelihood: 1, Impact: 1}, metaOn(1, "")))
			},
			func(p *Programme) error { return p.Fire(EventApprove, metaOn(9, "")) }, RuleRiskAreas},
		{"approve with an unassessed entry", StateDraft,
			func(t *testing.T, p *Programme) {
				coverRiskAreas(t, p)
				require.NoError(t, p.AddRisk(newRisk("late", KindRisk, CategoryPlanning), metaOn(2, "")))
			},
			func(p *Programme) error { return p.Fire(EventApprove, metaOn(9, "")) }, RuleRisksAssessed},
		{"implement with an unassessed entry", StateApproved,
			func(t *testing.T, p *Programme) {
				require.NoError(t, p.AddRisk(newRisk("late", KindRisk, CategoryPlanning), metaOn(2, "")))
			},
			func(p *Programme) error { return p.Fire(EventImplement, metaOn(9, "")) }, RuleRisksAssessed},
		{"implement with a high risk untreated", StateApproved,
			func(t *testing.T, p *Programme) {
				require.NoError(t, p.AddRisk(newRisk("high", KindRisk, CategoryResources), metaOn(2, "")))
				require.NoError(t, p.AssessRisk("high", Assessment{Likelihood: 4, Impact: 4}, metaOn(2, "")))
			},
			func(p *Programme) error { return p.Fire(EventImplement, metaOn(9, "")) }, RuleRiskTreatment},
		{"resume without a review", StateImplementing,
			func(t *testing.T, p *Programme) { require.NoError(t, p.Fire(EventReview, metaOn(8, ""))) },
			func(p *Programme) error { return p.Fire(EventResume, metaOn(9, "")) }, RuleReviewRecorded},
		{"close without a review", StateImplementing,
			func(t *testing.T, p *Programme) { require.NoError(t, p.Fire(EventReview, metaOn(8, ""))) },
			func(p *Programme) error { return p.Fire(EventClose, metaOn(9, "")) }, RuleReviewRecorded},
		{"improve without a review", StateImplementing,
			func(t *testing.T, p *Programme) { require.NoError(t, p.Fire(EventReview, metaOn(8, ""))) },
			func(p *Programme) error { _, err := p.Improve(Changes{}, metaOn(9, "")); return err }, RuleReviewRecorded},
		{"second round without its review", StateUnderReview,
			func(t *testing.T, p *Programme) {
				require.NoError(t, p.Fire(EventResume, metaOn(6, "")))
				require.NoError(t, p.Fire(EventReview, metaOn(8, "")))
			},
			func(p *Programme) error { return p.Fire(EventClose, metaOn(9, "")) }, RuleReviewRecorded},
		{"resume after a review raising actions", StateImplementing,
			func(t *testing.T, p *Programme) {
				require.NoError(t, p.Fire(EventReview, metaOn(8, "")))
				require.NoError(t, p.RecordReview(newReview("rev-a", newAction("act-1")), metaOn(8, "")))
			},
			func(p *Programme) error { return p.Fire(EventResume, metaOn(9, "")) }, RuleReviewActions},
		{"improve through Fire", StateUnderReview, nil,
			func(p *Programme) error { return p.Fire(EventImprove, metaOn(9, "")) }, RuleImproveNewVersion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := inState(t, tt.state)
			if tt.setup != nil {
				tt.setup(t, p)
			}
			before := deepCopy(*p)
			err := tt.fire(p)
			require.ErrorIs(t, err, ismsaudit.ErrTransition)
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, ismsaudit.ReasonGuard, te.Reason)
			assert.Equal(t, tt.rule, te.Rule)
			_, known := LookupRule(te.Rule)
			assert.True(t, known, "rule %s in the catalogue", te.Rule)
			if d := cmp.Diff(before, *p); d != "" {
				t.Errorf("refused event changed the programme (-before +after):\n%s", d)
			}
		})
	}
}

func TestProgrammeFireMeta(t *testing.T) {
	tests := []struct {
		name string
		m    ismsaudit.Meta
	}{
		{"no time", ismsaudit.Meta{By: "pm"}},
		{"no actor", ismsaudit.Meta{At: onDay(9)}},
		{"before the last entry", metaOn(1, "")},
		{"before the version started", ismsaudit.Meta{At: onDay(-1), By: "pm"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := inState(t, StateApproved)
			if tt.name == "before the version started" {
				p = newDraft(t)
				coverRiskAreas(t, p)
			}
			before := deepCopy(*p)
			e := EventImplement
			if p.State == StateDraft {
				e = EventApprove
			}
			err := p.Fire(e, tt.m)
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, ismsaudit.ReasonMeta, te.Reason)
			if d := cmp.Diff(before, *p); d != "" {
				t.Errorf("refused event changed the programme (-before +after):\n%s", d)
			}
		})
	}
}

func TestProgrammePermitted(t *testing.T) {
	p := newDraft(t)
	assert.Empty(t, p.Permitted(), "an incomplete draft cannot be approved")
	coverRiskAreas(t, p)
	assert.Equal(t, []Event{EventApprove}, p.Permitted())
	u := inState(t, StateUnderReview)
	assert.Equal(t, []Event{EventResume, EventImprove, EventClose}, u.Permitted())
	assert.True(t, u.Can(EventImprove))
	assert.False(t, u.Can(EventApprove))
	assert.False(t, u.Can("nonsense"))
}

func TestProgrammeLifecycleDescription(t *testing.T) {
	l := lifecycleNamed(t, "programme.programme")
	assert.Equal(t, "draft", l.Initial)
	assert.Equal(t, []string{"improved", "closed"}, l.Terminal)
	assert.Equal(t, RuleProgrammeOrder, l.Order)
	assert.Equal(t, RuleProgrammeRecord, l.Record)
	var states []string
	for s := range States() {
		states = append(states, string(s))
	}
	assert.Equal(t, states, l.States)
	for _, row := range l.Transitions {
		to, ok := programmeMachine.Next(State(row.From), Event(row.Event))
		assert.True(t, ok)
		assert.Equal(t, row.To, string(to))
		assert.Contains(t, l.Mermaid(), strings.ReplaceAll(row.From, "-", "_")+" --> "+strings.ReplaceAll(row.To, "-", "_")+": "+row.Event)
		for _, g := range row.Guards {
			_, known := LookupRule(g.Rule)
			assert.True(t, known, "guard %s cites unknown rule %s", g.Name, g.Rule)
		}
	}
	assert.Len(t, l.Transitions, 6)
	assert.True(t, slices.ContainsFunc(l.Transitions, func(r ismsaudit.Transition) bool { return r.Event == "resume" }))
	var names []string
	for l := range Lifecycles() {
		names = append(names, l.Name)
	}
	assert.Equal(t, []string{"programme.programme", "programme.risk"}, names)
	_, ok := LookupLifecycle("programme.schedule")
	assert.False(t, ok)
}

// lifecycleNamed returns the lifecycle with the given name.
func lifecycleNamed(t testing.TB, name string) ismsaudit.Lifecycle {
	t.Helper()
	l, ok := LookupLifecycle(name)
	require.True(t, ok, name)
	return l
}

// TestProgrammeRulesCited checks that every rule each lifecycle cites (its
// order and record rules and each guard's) is in the catalogue, and that
// every rule of the catalogue is well formed.
func TestProgrammeRulesCited(t *testing.T) {
	for l := range Lifecycles() {
		for _, id := range l.Rules() {
			_, ok := LookupRule(id)
			assert.True(t, ok, "%s cites %s", l.Name, id)
		}
	}
	for r := range Rules() {
		got, ok := LookupRule(r.ID)
		require.True(t, ok)
		assert.Equal(t, r, got)
		require.NoError(t, r.Check("PRG"))
		assert.NotContains(t, r.Text, "\n")
	}
}
