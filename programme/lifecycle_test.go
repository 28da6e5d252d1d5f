package programme

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// BenchmarkProgrammeApproveGuards evaluates every approval guard over a
// register of 200 entries.
func BenchmarkProgrammeApproveGuards(b *testing.B) {
	b.ReportAllocs()
	p := newDraft(b)
	coverRiskAreas(b, p)
	for i := range 192 {
		id := RiskID("x" + strconv.Itoa(i))
		require.NoError(b, p.AddRisk(newRisk(id, KindOpportunity, CategoryMonitoring), metaOn(1, "")))
		require.NoError(b, p.AssessRisk(id, lowRating(), metaOn(1, "")))
	}
	for b.Loop() {
		if !p.Can(EventApprove) {
			b.Fatal("cannot approve")
		}
	}
}

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

// TestProgrammeApproveContent: approval refuses a programme whose content
// is missing or wrong, with a *ismsaudit.TransitionError citing the rule
// of the first guard that refuses and unwrapping to a
// *ismsaudit.ValidationError naming every field at fault under that rule;
// the refused programme is left as it was.
func TestProgrammeApproveContent(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name  string
		mut   func(*Programme)
		rule  ismsaudit.RuleID
		paths []string
	}{
		{"no objectives", func(p *Programme) { p.Objectives = nil }, RuleObjectives, []string{"Objectives"}},
		{"objective without metric", func(p *Programme) { p.Objectives[1].Target.Metric = " " }, RuleObjectives, []string{"Objectives[1].Target.Metric"}},
		{"objective with an unknown direction", func(p *Programme) { p.Objectives[0].Target.Direction = "above" }, RuleObjectives, []string{"Objectives[0].Target.Direction"}},
		{"objective with a NaN value", func(p *Programme) { p.Objectives[0].Target.Value = nan }, RuleObjectives, []string{"Objectives[0].Target.Value"}},
		{"objective with an infinite value", func(p *Programme) { p.Objectives[1].Target.Value = inf }, RuleObjectives, []string{"Objectives[1].Target.Value"}},
		{"objective without unit", func(p *Programme) { p.Objectives[0].Target.Unit = "" }, RuleObjectives, []string{"Objectives[0].Target.Unit"}},
		{"objective without due date", func(p *Programme) { p.Objectives[1].Target.Due = time.Time{} }, RuleObjectives, []string{"Objectives[1].Target.Due"}},
		{"objective with an empty target", func(p *Programme) { p.Objectives[1].Target = Target{} }, RuleObjectives, []string{
			"Objectives[1].Target.Metric", "Objectives[1].Target.Direction", "Objectives[1].Target.Unit", "Objectives[1].Target.Due"}},
		{"no managers", func(p *Programme) { p.Managers = nil }, RuleManagers, []string{"Managers"}},
		{"a role nobody holds", func(p *Programme) { p.Managers[1].Roles = p.Managers[1].Roles[:1] }, RuleManagers, []string{"Managers"}},
		{"extent ends before it starts", func(p *Programme) { p.Extent.End = p.Extent.Start.AddDate(0, 0, -1) }, RuleExtent, []string{"Extent.End"}},
		{"extent ends as it starts", func(p *Programme) { p.Extent.End = p.Extent.Start }, RuleExtent, []string{"Extent.End"}},
		{"extent without start", func(p *Programme) { p.Extent.Start = time.Time{} }, RuleExtent, []string{"Extent.End"}},
		{"extent without end", func(p *Programme) { p.Extent.End = time.Time{} }, RuleExtent, []string{"Extent.End"}},
		{"no audits", func(p *Programme) { p.Extent.Audits = 0 }, RuleExtent, []string{"Extent.Audits"}},
		{"negative audits", func(p *Programme) { p.Extent.Audits = -1 }, RuleExtent, []string{"Extent.Audits"}},
		{"no kinds", func(p *Programme) { p.Extent.Kinds = nil }, RuleExtent, []string{"Extent.Kinds"}},
		{"no locations", func(p *Programme) { p.Extent.Locations = []string{} }, RuleExtent, []string{"Extent.Locations"}},
		{"blank frequency", func(p *Programme) { p.Extent.Frequency = "\t" }, RuleExtent, []string{"Extent.Frequency"}},
		{"zero audit days", func(p *Programme) { p.Extent.AuditDays = 0 }, RuleExtent, []string{"Extent.AuditDays"}},
		{"negative audit days", func(p *Programme) { p.Extent.AuditDays = -1 }, RuleExtent, []string{"Extent.AuditDays"}},
		{"infinite audit days", func(p *Programme) { p.Extent.AuditDays = inf }, RuleExtent, []string{"Extent.AuditDays"}},
		{"NaN audit days", func(p *Programme) { p.Extent.AuditDays = nan }, RuleExtent, []string{"Extent.AuditDays"}},
		{"no size and complexity", func(p *Programme) { p.Extent.Drivers.SizeAndComplexity = "" }, RuleExtent, []string{"Extent.Drivers.SizeAndComplexity"}},
		{"no previous results", func(p *Programme) { p.Extent.Drivers.PreviousResults = " " }, RuleExtent, []string{"Extent.Drivers.PreviousResults"}},
		{"empty extent", func(p *Programme) { p.Extent = Extent{} }, RuleExtent, []string{
			"Extent.End", "Extent.Audits", "Extent.Kinds", "Extent.Locations", "Extent.Frequency", "Extent.AuditDays",
			"Extent.Drivers.SizeAndComplexity", "Extent.Drivers.RiskAssessment", "Extent.Drivers.PreviousResults"}},
		{"zero auditor days", func(p *Programme) { p.Resources.AuditorDays = 0 }, RuleResources, []string{"Resources.AuditorDays"}},
		{"negative auditor days", func(p *Programme) { p.Resources.AuditorDays = -36 }, RuleResources, []string{"Resources.AuditorDays"}},
		{"infinite auditor days", func(p *Programme) { p.Resources.AuditorDays = inf }, RuleResources, []string{"Resources.AuditorDays"}},
		{"NaN auditor days", func(p *Programme) { p.Resources.AuditorDays = nan }, RuleResources, []string{"Resources.AuditorDays"}},
		{"auditor days just short of the audit days", func(p *Programme) { p.Resources.AuditorDays = math.Nextafter(p.Extent.AuditDays, 0) }, RuleResources, []string{"Resources.AuditorDays"}},
		{"negative travel days", func(p *Programme) { p.Resources.TravelDays = -1 }, RuleResources, []string{"Resources.TravelDays"}},
		{"infinite travel days", func(p *Programme) { p.Resources.TravelDays = inf }, RuleResources, []string{"Resources.TravelDays"}},
		{"NaN travel days", func(p *Programme) { p.Resources.TravelDays = nan }, RuleResources, []string{"Resources.TravelDays"}},
		{"no retention", func(p *Programme) { p.Records.RetentionMonths = 0 }, RuleRecords, []string{"Records.RetentionMonths"}},
		{"negative retention", func(p *Programme) { p.Records.RetentionMonths = -1 }, RuleRecords, []string{"Records.RetentionMonths"}},
		{"no access", func(p *Programme) { p.Records.Access = nil }, RuleRecords, []string{"Records.Access"}},
		{"blank confidentiality", func(p *Programme) { p.Records.Confidentiality = " " }, RuleRecords, []string{"Records.Confidentiality"}},
		{"empty records policy", func(p *Programme) { p.Records = RecordsPolicy{} }, RuleRecords, []string{
			"Records.RetentionMonths", "Records.Access", "Records.Confidentiality"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newDraft(t)
			coverRiskAreas(t, p)
			tt.mut(p)
			before := deepCopy(*p)
			err := p.Fire(EventApprove, metaOn(9, ""))
			require.ErrorIs(t, err, ismsaudit.ErrTransition)
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, ismsaudit.ReasonGuard, te.Reason)
			assert.Equal(t, tt.rule, te.Rule)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			want := make([]ismsaudit.FieldError, len(tt.paths))
			for i, path := range tt.paths {
				want[i] = ismsaudit.FieldError{Path: path, Rule: tt.rule}
			}
			if d := cmp.Diff(want, ve.Fields, cmpopts.IgnoreFields(ismsaudit.FieldError{}, "Detail")); d != "" {
				t.Errorf("fields mismatch (-want +got):\n%s", d)
			}
			for _, f := range ve.Fields {
				assert.NotEmpty(t, f.Detail, "%s says what is missing", f.Path)
			}
			assert.False(t, p.Can(EventApprove))
			assert.Empty(t, p.Permitted())
			var ce *ismsaudit.TransitionError
			require.ErrorAs(t, p.Check(EventApprove), &ce)
			assert.Equal(t, tt.rule, ce.Rule)
			if d := cmp.Diff(before, *p, cmpopts.EquateNaNs()); d != "" {
				t.Errorf("refused event changed the programme (-before +after):\n%s", d)
			}
		})
	}
}

// TestProgrammeApproveBoundaries: the least content approval accepts,
// each at the edge of its rule, is approved, and the approved version
// verifies.
func TestProgrammeApproveBoundaries(t *testing.T) {
	tests := []struct {
		name string
		mut  func(*Programme)
	}{
		{"exactly one audit", func(p *Programme) { p.Extent.Audits = 1 }},
		{"exactly one month of retention", func(p *Programme) { p.Records.RetentionMonths = 1 }},
		{"auditor days exactly the audit days", func(p *Programme) { p.Resources.AuditorDays = p.Extent.AuditDays }},
		{"no travel days", func(p *Programme) { p.Resources.TravelDays = 0 }},
		{"the least audit and auditor days", func(p *Programme) {
			p.Extent.AuditDays = math.SmallestNonzeroFloat64
			p.Resources.AuditorDays = math.SmallestNonzeroFloat64
		}},
		{"a period of one nanosecond", func(p *Programme) { p.Extent.End = p.Extent.Start.Add(time.Nanosecond) }},
		{"one kind, one location, one access, no significant change", func(p *Programme) {
			p.Extent.Kinds = p.Extent.Kinds[:1]
			p.Extent.Locations = p.Extent.Locations[:1]
			p.Extent.Drivers.SignificantChanges = nil
			p.Records.Access = p.Records.Access[:1]
		}},
		{"a target of zero", func(p *Programme) { p.Objectives[0].Target.Value = 0 }},
		{"one manager holding every role", func(p *Programme) {
			p.Managers = []Manager{{Person: "pm", Name: "Programme Manager", Roles: slices.Collect(ManagerRoles())}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newDraft(t)
			coverRiskAreas(t, p)
			tt.mut(p)
			require.True(t, p.Can(EventApprove))
			require.NoError(t, p.Check(EventApprove))
			require.NoError(t, p.Fire(EventApprove, metaOn(9, "")))
			assert.Equal(t, StateApproved, p.State)
			assert.NoError(t, Verify(p))
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

// checkKept checks that nothing recorded in before is lost from after: the
// history (of the same version: a new version starts its own), every
// register entry with its logs, the reviews and the earlier versions, each
// as a prefix.
func checkKept(t *rapid.T, before, after *Programme) {
	if sameVersion := before.Version == after.Version; sameVersion {
		if d := cmp.Diff(before.History, after.History[:min(len(before.History), len(after.History))]); d != "" || len(after.History) < len(before.History) {
			t.Fatalf("history lost or rewritten (-before +after):\n%s", d)
		}
	}
	for _, old := range before.Risks {
		i, ok := after.riskIndex(old.ID)
		if !ok {
			t.Fatalf("register entry %q lost", old.ID)
		}
		cur := after.Risks[i]
		if len(cur.History) < len(old.History) || len(cur.Assessments) < len(old.Assessments) || len(cur.Treatments) < len(old.Treatments) {
			t.Fatalf("register entry %q lost log lines", old.ID)
		}
		if d := cmp.Diff(old.History, cur.History[:len(old.History)]); d != "" {
			t.Fatalf("entry %q history rewritten:\n%s", old.ID, d)
		}
		if d := cmp.Diff(old.Assessments, cur.Assessments[:len(old.Assessments)], equateEmpty); d != "" {
			t.Fatalf("entry %q assessments rewritten:\n%s", old.ID, d)
		}
		if d := cmp.Diff(old.Treatments, cur.Treatments[:len(old.Treatments)], equateEmpty); d != "" {
			t.Fatalf("entry %q treatments rewritten:\n%s", old.ID, d)
		}
	}
	if len(after.Reviews) < len(before.Reviews) {
		t.Fatalf("reviews lost")
	}
	if d := cmp.Diff(before.Reviews, after.Reviews[:len(before.Reviews)], equateEmpty); d != "" {
		t.Fatalf("reviews rewritten:\n%s", d)
	}
	if len(after.Previous) < len(before.Previous) {
		t.Fatalf("versions lost")
	}
	if d := cmp.Diff(before.Previous, after.Previous[:len(before.Previous)], equateEmpty); d != "" {
		t.Fatalf("versions rewritten:\n%s", d)
	}
}

// checkStep checks one operation's outcome: a refused one changed nothing,
// an accepted one appended exactly wantEntries programme history entries
// (and registerEntries to the entry it worked on) and lost nothing; the
// programme verifies in every case.
func checkStep(t *rapid.T, before, after *Programme, err error, wantEntries int, riskID RiskID, riskEntries int) {
	if err != nil {
		if d := cmp.Diff(*before, *after); d != "" {
			t.Fatalf("refused operation (%v) changed the programme (-before +after):\n%s", err, d)
		}
		// Every refusal names a rule of the catalogue, out-of-order
		// events and wrong states included.
		var te *ismsaudit.TransitionError
		if errors.As(err, &te) {
			if _, ok := LookupRule(te.Rule); !ok {
				t.Fatalf("refusal %v cites %q, not a rule of the catalogue", err, te.Rule)
			}
		}
		return
	}
	if got := len(after.History) - len(before.History); got != wantEntries {
		t.Fatalf("history grew by %d, want %d", got, wantEntries)
	}
	if wantEntries == 1 {
		e := after.History[len(after.History)-1]
		if to, ok := programmeMachine.Next(e.From, e.Event); !ok || to != e.To || e.To != after.State {
			t.Fatalf("accepted %v is not a row of the table", e)
		}
	}
	if riskID != "" {
		i, _ := after.riskIndex(riskID)
		j, existed := before.riskIndex(riskID)
		n := 0
		if existed {
			n = len(before.Risks[j].History)
		}
		r := after.Risks[i]
		if got := len(r.History) - n; got != riskEntries {
			t.Fatalf("entry %q history grew by %d, want %d", riskID, got, riskEntries)
		}
		if riskEntries == 1 {
			e := r.History[len(r.History)-1]
			if to, ok := riskMachine.Next(e.From, e.Event); !ok || to != e.To || e.To != r.State {
				t.Fatalf("accepted %v is not a row of the register table", e)
			}
		}
	}
	checkKept(t, before, after)
	if err := Verify(after); err != nil {
		t.Fatalf("an accepted operation left a programme that does not verify: %v", err)
	}
}

// TestProgrammeLifecycleProperties drives programmes through random
// operations: refused ones change nothing, accepted ones append exactly
// one history entry per event and never lose a record, states follow the
// table, and the result always verifies. Audits are scheduled only in
// draft and implementing. Improving continues with the new version and
// checks the old one is frozen.
func TestProgrammeLifecycleProperties(t *testing.T) {
	events := append(eventSet.Values(), "bogus")
	kinds := []RiskKind{KindRisk, KindRisk, KindOpportunity}
	categories := riskCategorySet.Values()
	rapid.Check(t, func(rt *rapid.T) {
		p := newDraft(rt)
		if rapid.Bool().Draw(rt, "covered") {
			coverRiskAreas(rt, p)
		}
		day := 2
		actions := 0
		steps := rapid.IntRange(1, 60).Draw(rt, "steps")
		for range steps {
			day += rapid.IntRange(-2, 15).Draw(rt, "dt")
			m := metaOn(day, rapid.SampledFrom([]string{"", "because"}).Draw(rt, "note"))
			if rapid.IntRange(0, 15).Draw(rt, "no-actor") == 0 {
				m.By = ""
			}
			riskID := RiskID("r" + strconv.Itoa(rapid.IntRange(0, 4).Draw(rt, "risk")))
			before := deepCopy(*p)
			op := rapid.IntRange(0, 12).Draw(rt, "op")
			if op > 8 && op < 12 { // follow the lifecycle: what it permits now
				switch permitted := p.Permitted(); {
				case p.State == StateUnderReview && !p.roundReviewed():
					op = 2
				case len(permitted) == 0:
					op = 0
				default:
					if rapid.SampledFrom(permitted).Draw(rt, "permitted") == EventImprove {
						op = 1
					} else {
						op = 0
					}
				}
			}
			switch op {
			case 0:
				e := rapid.SampledFrom(events).Draw(rt, "event")
				if permitted := p.Permitted(); len(permitted) > 0 && rapid.Bool().Draw(rt, "follow") {
					e = rapid.SampledFrom(permitted).Draw(rt, "permitted-event")
				}
				err := p.Fire(e, m)
				checkStep(rt, &before, p, err, 1, "", 0)
			case 1:
				var c Changes
				if open := p.OpenActions(); len(open) > 0 && rapid.Bool().Draw(rt, "implement") {
					c.Implements = []ActionID{open[rapid.IntRange(0, len(open)-1).Draw(rt, "action")].ID}
				}
				if rapid.IntRange(0, 4).Draw(rt, "bad-change") == 0 {
					c.Implements = append(c.Implements, "no-such-action")
				}
				next, err := p.Improve(c, m)
				checkStep(rt, &before, p, err, 1, "", 0)
				if err == nil {
					if p.State != StateImproved || next.Version != p.Version+1 || next.State != StateDraft {
						rt.Fatalf("improve left version %d in %s and version %d in %s", p.Version, p.State, next.Version, next.State)
					}
					old := *p
					old.Previous = nil // the kept snapshot holds no versions of its own
					if d := cmp.Diff(old, next.Previous[len(next.Previous)-1]); d != "" {
						rt.Fatalf("the improved version is not kept whole (-old +kept):\n%s", d)
					}
					frozen := deepCopy(*p)
					if p.AddRisk(newRisk("late", KindRisk, CategoryPlanning), metaOn(day+1, "")) == nil ||
						p.Fire(EventClose, metaOn(day+1, "x")) == nil || p.Update(Changes{}) == nil ||
						p.ScheduleAudits(internalAuditAt("late", day+30)) == nil || p.AddCycle(Cycle{}) == nil {
						rt.Fatalf("an improved version accepted a change")
					}
					if d := cmp.Diff(frozen, *p); d != "" {
						rt.Fatalf("the improved version changed:\n%s", d)
					}
					checkKept(rt, p, next)
					p = next
				}
			case 2:
				r := newReview(ReviewID("rev-" + strconv.Itoa(day) + "-" + strconv.Itoa(len(p.Reviews))))
				if rapid.Bool().Draw(rt, "actions") {
					actions++
					r.Actions = []ImprovementAction{newAction(ActionID("act-" + strconv.Itoa(actions)))}
				}
				if rapid.IntRange(0, 4).Draw(rt, "bad-review") == 0 {
					r.Inputs = r.Inputs[1:]
				}
				err := p.RecordReview(r, m)
				checkStep(rt, &before, p, err, 0, "", 0)
			case 3:
				ext := completeExtent()
				if rapid.Bool().Draw(rt, "bad-extent") {
					ext.Audits = -1
				}
				err := p.Update(Changes{Extent: &ext})
				checkStep(rt, &before, p, err, 0, "", 0)
			case 4:
				r := newRisk(riskID, rapid.SampledFrom(kinds).Draw(rt, "kind"), rapid.SampledFrom(categories).Draw(rt, "category"))
				err := p.AddRisk(r, m)
				checkStep(rt, &before, p, err, 0, ifAdded(err == nil, riskID), 0)
			case 5, 7:
				a := Assessment{Likelihood: rapid.IntRange(0, 6).Draw(rt, "l"), Impact: rapid.IntRange(0, 6).Draw(rt, "i")}
				var err error
				if op == 5 {
					err = p.AssessRisk(riskID, a, m)
				} else {
					err = p.MonitorRisk(riskID, a, m)
				}
				checkStep(rt, &before, p, err, 0, ifAdded(err == nil, riskID), 1)
			case 6:
				tr := newTreatment(day + rapid.IntRange(-5, 30).Draw(rt, "due"))
				err := p.PlanTreatment(riskID, tr, m)
				checkStep(rt, &before, p, err, 0, ifAdded(err == nil, riskID), 1)
			case 8:
				e := rapid.SampledFrom(append(riskEventSet.Values(), "bogus")).Draw(rt, "risk-event")
				err := fireRiskEvent(p, riskID, e, m.Note, m)
				checkStep(rt, &before, p, err, 0, ifAdded(err == nil, riskID), 1)
			case 12:
				a := internalAuditAt(ScheduledAuditID("a"+strconv.Itoa(len(p.Schedule))+"-v"+strconv.Itoa(p.Version)), day+30)
				err := p.ScheduleAudits(a)
				checkStep(rt, &before, p, err, 0, "", 0)
				scheduling := p.State == StateDraft || p.State == StateImplementing
				if (err == nil) != scheduling {
					rt.Fatalf("scheduling in %s: %v", p.State, err)
				}
				if err == nil && len(p.Schedule) != len(before.Schedule)+1 {
					rt.Fatalf("an accepted audit was not scheduled")
				}
			}
		}
	})
}

// internalAuditAt is an internal audit due in the month from day n.
func internalAuditAt(id ScheduledAuditID, n int) ScheduledAudit {
	return ScheduledAudit{ID: id, Kind: annexa.Internal, Auditee: "Example Ltd", Clauses: []annexa.ClauseID{"9.2"},
		Due: Window{Earliest: onDay(n), Latest: onDay(n + 30)}, Days: 1}
}

// ifAdded returns id when ok, else "".
func ifAdded(ok bool, id RiskID) RiskID {
	if ok {
		return id
	}
	return ""
}
