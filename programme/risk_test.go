package programme

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

const oneRisk RiskID = "x"

func lowRating() Assessment { return Assessment{Likelihood: 1, Impact: 2, Rationale: "rare"} }

func highRating() Assessment {
	return Assessment{Likelihood: 4, Impact: 4, Rationale: "likely and major"}
}

func newTreatment(due int) Treatment {
	return Treatment{Action: "book auditors three months ahead", Owner: "pm", Due: onDay(due)}
}

// riskIn returns a draft programme whose entry oneRisk is in
// state s, reached through valid operations at days 1..6, rated low.
func riskIn(t testingTB, s RiskState) *Programme {
	t.Helper()
	p := newDraft(t)
	require.NoError(t, p.AddRisk(newRisk(oneRisk, KindRisk, CategoryResources), metaOn(1, "")))
	step := func(err error) { t.Helper(); require.NoError(t, err) }
	switch s {
	case RiskIdentified:
	case RiskAssessed:
		step(p.AssessRisk(oneRisk, lowRating(), metaOn(2, "")))
	case RiskAccepted:
		step(p.AssessRisk(oneRisk, lowRating(), metaOn(2, "")))
		step(p.AcceptRisk(oneRisk, "low and rare", metaOn(3, "")))
	case RiskTreatmentPlanned, RiskTreated, RiskMonitored, RiskClosed:
		step(p.AssessRisk(oneRisk, lowRating(), metaOn(2, "")))
		step(p.PlanTreatment(oneRisk, newTreatment(30), metaOn(3, "")))
		if s == RiskTreatmentPlanned {
			break
		}
		step(p.TreatRisk(oneRisk, "auditors booked", metaOn(4, "")))
		if s == RiskTreated {
			break
		}
		step(p.MonitorRisk(oneRisk, lowRating(), metaOn(5, "")))
		if s == RiskMonitored {
			break
		}
		step(p.CloseRisk(oneRisk, "audits staffed", metaOn(6, "")))
	default:
		t.Fatalf("no path to %q", s)
	}
	require.Equal(t, s, p.Risks[0].State)
	return p
}

// fireRiskGood fires e with input meeting every guard.
func fireRiskGood(p *Programme, e RiskEvent) error {
	switch e {
	case RiskAssess:
		return p.AssessRisk(oneRisk, lowRating(), metaOn(10, ""))
	case RiskPlanTreatment:
		return p.PlanTreatment(oneRisk, newTreatment(40), metaOn(10, ""))
	case RiskMonitor:
		return p.MonitorRisk(oneRisk, lowRating(), metaOn(10, ""))
	}
	return fireRiskEvent(p, oneRisk, e, "stated", metaOn(10, ""))
}

// fireRiskEvent fires a register event that carries a reason through its
// operation (TreatRisk, AcceptRisk, CloseRisk), and any other event, with
// no input, through the dispatcher those operations share, which the
// table's guards then refuse.
func fireRiskEvent(p *Programme, id RiskID, e RiskEvent, reason string, m ismsaudit.Meta) error {
	switch e {
	case RiskTreat:
		return p.TreatRisk(id, reason, m)
	case RiskAccept:
		return p.AcceptRisk(id, reason, m)
	case RiskClose:
		return p.CloseRisk(id, reason, m)
	}
	return p.fireRisk(id, e, reason, m)
}

// TestRiskEveryStateEvent covers every (state, event) pair of the
// register lifecycle.
func TestRiskEveryStateEvent(t *testing.T) {
	want := map[RiskState]map[RiskEvent]RiskState{
		RiskIdentified:       {RiskAssess: RiskAssessed},
		RiskAssessed:         {RiskAssess: RiskAssessed, RiskPlanTreatment: RiskTreatmentPlanned, RiskAccept: RiskAccepted},
		RiskTreatmentPlanned: {RiskPlanTreatment: RiskTreatmentPlanned, RiskTreat: RiskTreated},
		RiskTreated:          {RiskMonitor: RiskMonitored},
		RiskMonitored:        {RiskAssess: RiskAssessed, RiskAccept: RiskAccepted, RiskClose: RiskClosed},
		RiskClosed:           {},
		RiskAccepted:         {},
	}
	for s := range RiskStates() {
		for e := range RiskEvents() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				p := riskIn(t, s)
				before := deepCopy(*p)
				err := fireRiskGood(p, e)
				to, ok := want[s][e]
				row, hasRow := riskMachine.Next(s, e)
				assert.Equal(t, ok, hasRow, "table row")
				r := p.Risks[0]
				if ok {
					require.NoError(t, err)
					assert.Equal(t, to, row)
					assert.Equal(t, to, r.State)
					old := before.Risks[0]
					require.Len(t, r.History, len(old.History)+1)
					wantReason := ""
					if e == RiskTreat || e == RiskAccept || e == RiskClose {
						wantReason = "stated"
					}
					assert.Equal(t, RiskEntry{From: s, Event: e, To: to, At: onDay(10), By: "pm", Reason: wantReason}, r.History[len(r.History)-1])
					if d := cmp.Diff(old.History, r.History[:len(old.History)]); d != "" {
						t.Errorf("history rewritten (-before +after):\n%s", d)
					}
					if d := cmp.Diff(old.Assessments, r.Assessments[:len(old.Assessments)], equateEmpty); d != "" {
						t.Errorf("assessments rewritten (-before +after):\n%s", d)
					}
					require.NoError(t, Verify(p))
					return
				}
				require.ErrorIs(t, err, ismsaudit.ErrTransition)
				var te *ismsaudit.TransitionError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, "programme.risk", te.Machine)
				assert.Equal(t, string(s), te.State)
				assert.Equal(t, string(e), te.Event)
				wantReason := ismsaudit.ReasonNoTransition
				if riskMachine.IsTerminal(s) {
					wantReason = ismsaudit.ReasonTerminal
				}
				assert.Equal(t, wantReason, te.Reason)
				assert.Equal(t, RuleRiskOrder, te.Rule, "an event out of order cites the lifecycle's order")
				if d := cmp.Diff(err, p.CheckRisk(oneRisk, e)); d != "" {
					t.Errorf("CheckRisk differs from the operation (-operation +check):\n%s", d)
				}
				assert.False(t, p.CanRisk(oneRisk, e))
				if d := cmp.Diff(before, *p); d != "" {
					t.Errorf("refused event changed the programme (-before +after):\n%s", d)
				}
			})
		}
	}
}

func TestRiskGuards(t *testing.T) {
	tests := []struct {
		name  string
		state RiskState
		setup func(*testing.T, *Programme)
		fire  func(*Programme) error
		rule  ismsaudit.RuleID
	}{
		{"assess without ratings", RiskIdentified, nil,
			func(p *Programme) error { return p.fireRisk(oneRisk, RiskAssess, "", metaOn(9, "")) }, RuleRiskScales},
		{"plan without a treatment", RiskAssessed, nil,
			func(p *Programme) error { return p.fireRisk(oneRisk, RiskPlanTreatment, "", metaOn(9, "")) }, RuleRiskPlan},
		{"monitor without residual ratings", RiskTreated, nil,
			func(p *Programme) error { return p.fireRisk(oneRisk, RiskMonitor, "", metaOn(9, "")) }, RuleRiskResidual},
		{"treat without outcome", RiskTreatmentPlanned, nil,
			func(p *Programme) error { return p.TreatRisk(oneRisk, " ", metaOn(9, "")) }, RuleRiskOutcome},
		{"accept without reason", RiskAssessed, nil,
			func(p *Programme) error { return p.AcceptRisk(oneRisk, "", metaOn(9, "")) }, RuleRiskReason},
		{"close without reason", RiskMonitored, nil,
			func(p *Programme) error { return p.CloseRisk(oneRisk, "", metaOn(9, "")) }, RuleRiskReason},
		{"accept a high risk", RiskAssessed,
			func(t *testing.T, p *Programme) {
				require.NoError(t, p.AssessRisk(oneRisk, highRating(), metaOn(8, "")))
			},
			func(p *Programme) error { return p.AcceptRisk(oneRisk, "we live with it", metaOn(9, "")) }, RuleRiskAcceptable},
		{"close with a high residual", RiskTreated,
			func(t *testing.T, p *Programme) {
				require.NoError(t, p.MonitorRisk(oneRisk, highRating(), metaOn(8, "")))
			},
			func(p *Programme) error { return p.CloseRisk(oneRisk, "done", metaOn(9, "")) }, RuleRiskAcceptable},
		{"accept a medium risk when only low is acceptable", RiskAssessed,
			func(t *testing.T, p *Programme) {
				require.NoError(t, p.AssessRisk(oneRisk, Assessment{Likelihood: 2, Impact: 2}, metaOn(8, "")))
			},
			func(p *Programme) error { return p.AcceptRisk(oneRisk, "fine", metaOn(9, "")) }, RuleRiskAcceptable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := riskIn(t, tt.state)
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
			if d := cmp.Diff(before, *p); d != "" {
				t.Errorf("refused event changed the programme (-before +after):\n%s", d)
			}
		})
	}
}

// TestRiskOpportunityAcceptedAtAnyLevel: an opportunity not pursued is
// accepted with a reason whatever its level.
func TestRiskOpportunityAcceptedAtAnyLevel(t *testing.T) {
	p := newDraft(t)
	require.NoError(t, p.AddRisk(newRisk("o", KindOpportunity, CategoryMonitoring), metaOn(1, "")))
	require.NoError(t, p.AssessRisk("o", highRating(), metaOn(2, "")))
	assert.True(t, p.CanRisk("o", RiskAccept))
	require.NoError(t, p.AcceptRisk("o", "no budget this year", metaOn(3, "")))
	assert.Equal(t, RiskAccepted, p.Risks[0].State)
	require.NoError(t, Verify(p))
}

func TestRiskInputErrors(t *testing.T) {
	tests := []struct {
		name  string
		state RiskState
		op    func(*Programme) error
		path  string
		rule  ismsaudit.RuleID
	}{
		{"likelihood off the scale", RiskIdentified,
			func(p *Programme) error {
				return p.AssessRisk(oneRisk, Assessment{Likelihood: 6, Impact: 1}, metaOn(9, ""))
			}, "Likelihood", RuleRiskScales},
		{"impact zero", RiskIdentified,
			func(p *Programme) error { return p.AssessRisk(oneRisk, Assessment{Likelihood: 1}, metaOn(9, "")) }, "Impact", RuleRiskScales},
		{"level given", RiskIdentified,
			func(p *Programme) error {
				return p.AssessRisk(oneRisk, Assessment{Likelihood: 1, Impact: 1, Level: LevelLow}, metaOn(9, ""))
			}, "", "library-set"},
		{"residual off the scale", RiskTreated,
			func(p *Programme) error {
				return p.MonitorRisk(oneRisk, Assessment{Likelihood: 0, Impact: 9}, metaOn(9, ""))
			}, "Impact", RuleRiskScales},
		{"treatment without owner", RiskAssessed,
			func(p *Programme) error {
				return p.PlanTreatment(oneRisk, Treatment{Action: "x", Due: onDay(30)}, metaOn(9, ""))
			}, "Owner", RuleRiskPlan},
		{"treatment due before the plan", RiskAssessed,
			func(p *Programme) error { return p.PlanTreatment(oneRisk, newTreatment(3), metaOn(9, "")) }, "Due", RuleRiskPlan},
		{"treatment with planned time", RiskAssessed,
			func(p *Programme) error {
				tr := newTreatment(30)
				tr.PlannedBy = "me"
				return p.PlanTreatment(oneRisk, tr, metaOn(9, ""))
			}, "", "library-set"},
		{"add a duplicate id", RiskIdentified,
			func(p *Programme) error {
				return p.AddRisk(newRisk(oneRisk, KindRisk, CategoryPlanning), metaOn(9, ""))
			}, "ID", "unique"},
		{"add without kind", RiskIdentified,
			func(p *Programme) error {
				return p.AddRisk(Risk{ID: "n", Category: CategoryPlanning, Description: "d", Owner: "o"}, metaOn(9, ""))
			}, "Kind", "enum"},
		{"add with a bad category", RiskIdentified,
			func(p *Programme) error { return p.AddRisk(newRisk("n", KindRisk, "weather"), metaOn(9, "")) }, "Category", "enum"},
		{"add without owner", RiskIdentified,
			func(p *Programme) error {
				r := newRisk("n", KindRisk, CategoryPlanning)
				r.Owner = ""
				return p.AddRisk(r, metaOn(9, ""))
			}, "Owner", "required"},
		{"add with a state", RiskIdentified,
			func(p *Programme) error {
				r := newRisk("n", KindRisk, CategoryPlanning)
				r.State = RiskAssessed
				return p.AddRisk(r, metaOn(9, ""))
			}, "State", "library-set"},
		{"add with history", RiskIdentified,
			func(p *Programme) error {
				r := newRisk("n", KindRisk, CategoryPlanning)
				r.History = []RiskEntry{{From: RiskIdentified, Event: RiskAssess, To: RiskAssessed, At: onDay(1), By: "x"}}
				return p.AddRisk(r, metaOn(9, ""))
			}, "History", "library-set"},
		{"add without time", RiskIdentified,
			func(p *Programme) error {
				return p.AddRisk(newRisk("n", KindRisk, CategoryPlanning), ismsaudit.Meta{By: "pm"})
			}, "Meta.At", "required"},
		{"add before the version started", RiskIdentified,
			func(p *Programme) error { return p.AddRisk(newRisk("n", KindRisk, CategoryPlanning), metaOn(-3, "")) }, "Meta.At", "time-order"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := riskIn(t, tt.state)
			before := deepCopy(*p)
			err := tt.op(p)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %s at %q in %v", tt.rule, tt.path, ve.Fields)
			if d := cmp.Diff(before, *p); d != "" {
				t.Errorf("refused operation changed the programme (-before +after):\n%s", d)
			}
		})
	}
}

func TestRiskUnknownAndFrozen(t *testing.T) {
	p := riskIn(t, RiskAssessed)
	err := p.AssessRisk("nope", lowRating(), metaOn(9, ""))
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	var nf *ismsaudit.NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "nope", nf.ID)
	_, err = p.LookupRisk("nope")
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	_, err = p.PermittedRisk("nope")
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	assert.False(t, p.CanRisk("nope", RiskAssess))
	err = p.CheckRisk("nope", RiskAssess)
	require.ErrorAs(t, err, &nf, "CheckRisk reports an unknown id as PermittedRisk and the operations do")
	assert.Equal(t, "nope", nf.ID)

	closed := inState(t, StateClosed)
	before := deepCopy(*closed)
	ops := map[string]func() error{
		"add":    func() error { return closed.AddRisk(newRisk("n", KindRisk, CategoryPlanning), metaOn(20, "")) },
		"assess": func() error { return closed.AssessRisk("r-planning", lowRating(), metaOn(20, "")) },
		"plan":   func() error { return closed.PlanTreatment("r-planning", newTreatment(40), metaOn(20, "")) },
		"fire":   func() error { return closed.AcceptRisk("r-planning", "ok", metaOn(20, "")) },
	}
	for name, op := range ops {
		t.Run(name, func(t *testing.T) {
			err := op()
			require.ErrorIs(t, err, ismsaudit.ErrTransition)
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, RuleFrozen, te.Rule)
			assert.Equal(t, ismsaudit.ReasonWrongState, te.Reason)
		})
	}
	assert.False(t, closed.CanRisk("r-planning", RiskAccept))
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, closed.CheckRisk("r-planning", RiskAccept), &te)
	assert.Equal(t, RuleFrozen, te.Rule)
	// An unknown id is reported first, whatever the version's state.
	require.ErrorIs(t, closed.AcceptRisk("nope", "ok", metaOn(20, "")), ismsaudit.ErrNotFound)
	require.ErrorIs(t, closed.CheckRisk("nope", RiskAccept), ismsaudit.ErrNotFound)
	events, err := closed.PermittedRisk("r-planning")
	require.NoError(t, err)
	assert.Empty(t, events)
	if d := cmp.Diff(before, *closed); d != "" {
		t.Errorf("refused operations changed the programme (-before +after):\n%s", d)
	}
}

func TestRiskPermittedAndLookup(t *testing.T) {
	p := riskIn(t, RiskAssessed)
	events, err := p.PermittedRisk(oneRisk)
	require.NoError(t, err)
	assert.Equal(t, []RiskEvent{RiskAssess, RiskPlanTreatment, RiskAccept}, events)
	require.NoError(t, p.AssessRisk(oneRisk, highRating(), metaOn(3, "")))
	events, err = p.PermittedRisk(oneRisk)
	require.NoError(t, err)
	assert.Equal(t, []RiskEvent{RiskAssess, RiskPlanTreatment}, events, "a high risk cannot be accepted")
	r, err := p.LookupRisk(oneRisk)
	require.NoError(t, err)
	assert.Equal(t, LevelHigh, r.Level())
	r.Assessments[0].Level = LevelVeryHigh
	assert.Equal(t, LevelLow, p.Risks[0].Assessments[0].Level, "LookupRisk returns a copy")
	assert.Equal(t, 1, p.Risks[0].Assessments[1].Version)
	assert.Equal(t, RiskLevel(""), (&Risk{}).Level())
}

func TestRiskLifecycleDescription(t *testing.T) {
	l := lifecycleNamed(t, "programme.risk")
	assert.Equal(t, RuleRiskOrder, l.Order)
	assert.Equal(t, RuleRiskRecord, l.Record)
	assert.Equal(t, "identified", l.Initial)
	assert.Equal(t, []string{"closed", "accepted"}, l.Terminal)
	assert.Len(t, l.Transitions, 10)
	assert.Contains(t, l.Mermaid(), "treatment_planned --> treated: treat [outcome-recorded]")
}

// BenchmarkProgrammeAssessRisk re-assesses one entry of a 200-entry
// register.
func BenchmarkProgrammeAssessRisk(b *testing.B) {
	b.ReportAllocs()
	p := newDraft(b)
	for i := range 200 {
		id := RiskID("r" + strconv.Itoa(i))
		require.NoError(b, p.AddRisk(newRisk(id, KindRisk, CategoryPlanning), metaOn(1, "")))
		require.NoError(b, p.AssessRisk(id, lowRating(), metaOn(1, "")))
	}
	a, m := highRating(), metaOn(2, "")
	for b.Loop() {
		if err := p.AssessRisk("r199", a, m); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRiskLifecycleProperties drives one register entry through random
// events with random input: refused events change nothing, accepted ones
// append exactly one history entry along a row of the table, the
// assessment and treatment logs only grow, a risk is never closed or
// accepted above the acceptable level, and the programme verifies.
func TestRiskLifecycleProperties(t *testing.T) {
	events := append(riskEventSet.Values(), "bogus")
	rapid.Check(t, func(rt *rapid.T) {
		p := newDraft(rt)
		kind := rapid.SampledFrom([]RiskKind{KindRisk, KindOpportunity}).Draw(rt, "kind")
		if err := p.AddRisk(newRisk(oneRisk, kind, CategoryAuditeeAvailability), metaOn(1, "")); err != nil {
			rt.Fatal(err)
		}
		day := 1
		steps := rapid.IntRange(1, 40).Draw(rt, "steps")
		for range steps {
			day += rapid.IntRange(-1, 10).Draw(rt, "dt")
			m := metaOn(day, rapid.SampledFrom([]string{"", "what and why"}).Draw(rt, "note"))
			before := deepCopy(*p)
			var err error
			e := rapid.SampledFrom(events).Draw(rt, "event")
			if permitted, _ := p.PermittedRisk(oneRisk); len(permitted) > 0 && rapid.Bool().Draw(rt, "follow") {
				e = rapid.SampledFrom(permitted).Draw(rt, "permitted-event")
			}
			switch {
			case e == RiskAssess && rapid.Bool().Draw(rt, "with-input"):
				err = p.AssessRisk(oneRisk, Assessment{Likelihood: rapid.IntRange(0, 6).Draw(rt, "l"), Impact: rapid.IntRange(1, 5).Draw(rt, "i")}, m)
			case e == RiskMonitor && rapid.Bool().Draw(rt, "with-input"):
				err = p.MonitorRisk(oneRisk, Assessment{Likelihood: rapid.IntRange(1, 5).Draw(rt, "l"), Impact: rapid.IntRange(1, 5).Draw(rt, "i")}, m)
			case e == RiskPlanTreatment && rapid.Bool().Draw(rt, "with-input"):
				err = p.PlanTreatment(oneRisk, newTreatment(day+rapid.IntRange(-3, 20).Draw(rt, "due")), m)
			default:
				err = fireRiskEvent(p, oneRisk, e, m.Note, m)
			}
			checkStep(rt, &before, p, err, 0, ifAdded(err == nil, oneRisk), 1)
			r := p.Risks[0]
			if (r.State == RiskClosed || r.State == RiskAccepted) && r.Kind == KindRisk && !p.Matrix.accepts(r.Level()) {
				rt.Fatalf("a risk rated %s reached %s", r.Level(), r.State)
			}
		}
	})
}
