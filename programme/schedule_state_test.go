package programme_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/programme"
)

// programmeInState returns a programme with the given id brought to state s
// through valid operations (the content of exampleOptions, one low risk per
// area): draft, approved, implementing, under-review (with the round's
// review recorded), improved (the reviewed version) or closed.
func programmeInState(tb testing.TB, id string, s programme.State) *programme.Programme {
	tb.Helper()
	p, err := buildProgramme(id, s)
	require.NoError(tb, err)
	require.Equal(tb, s, p.State)
	return p
}

// exampleProgramme is programmeInState for examples and rapid tests: it panics
// on error.
func exampleProgramme(id string, s programme.State) *programme.Programme {
	p, err := buildProgramme(id, s)
	must(err)
	return p
}

func buildProgramme(id string, s programme.State) (*programme.Programme, error) {
	opts := exampleOptions()
	opts.ID = programme.ID(id)
	p, err := programme.New(opts, exampleMeta(time.January, 2, ""))
	if err != nil || s == programme.StateDraft {
		return p, err
	}
	coverRiskAreas(p)
	if err := p.Fire(programme.EventApprove, exampleMeta(time.January, 9, "")); err != nil || s == programme.StateApproved {
		return p, err
	}
	if err := p.Fire(programme.EventImplement, exampleMeta(time.January, 12, "")); err != nil || s == programme.StateImplementing {
		return p, err
	}
	if err := p.Fire(programme.EventReview, exampleMeta(time.June, 1, "")); err != nil {
		return nil, err
	}
	err = p.RecordReview(programme.Review{ID: programme.ReviewID("rev-" + id),
		Inputs:      []programme.ReviewInput{{Kind: programme.InputMonitoring, Summary: "on track"}},
		Objectives:  []programme.ObjectiveResult{{Objective: "coverage", Actual: 50}},
		Conclusions: "no change"}, exampleMeta(time.June, 2, ""))
	switch {
	case err != nil:
	case s == programme.StateImproved:
		_, err = p.Improve(programme.Changes{}, exampleMeta(time.June, 3, ""))
	case s == programme.StateClosed:
		err = p.Fire(programme.EventClose, exampleMeta(time.June, 3, "ends"))
	case s != programme.StateUnderReview:
		err = errors.New("no path to state " + string(s))
	}
	return p, err
}

// TestScheduleOperationStates checks, for every operation that changes the
// schedule or the cycles, in every programme state, that it is allowed
// exactly where its doc says (audits and cycles in draft and
// implementing, teams in implementing), that a refusal is a
// *TransitionError of reason wrong-state citing PRG-FROZEN on a record
// and PRG-SCHEDULE-WHEN otherwise, and that a refused operation changes
// nothing.
func TestScheduleOperationStates(t *testing.T) {
	cycle, err := programme.PlanCycle(initialCycleOptions())
	require.NoError(t, err)
	pool := newPool(t, person(t, "lead", true, nil), person(t, "aud", false, nil))
	internal := internalAudit("int-1", date(2027, 2, 1), 2)

	ops := []struct {
		name    string
		allowed []programme.State
		run     func(p *programme.Programme) error
	}{
		{"AddCycle", []programme.State{programme.StateDraft, programme.StateImplementing}, func(p *programme.Programme) error {
			return p.AddCycle(jsonClone(t, cycle))
		}},
		{"AddCycles", []programme.State{programme.StateDraft, programme.StateImplementing}, func(p *programme.Programme) error {
			return p.AddCycles(jsonClone(t, cycle))
		}},
		{"ScheduleAudits", []programme.State{programme.StateDraft, programme.StateImplementing}, func(p *programme.Programme) error {
			return p.ScheduleAudits(internal)
		}},
		{"Staff", []programme.State{programme.StateImplementing}, func(p *programme.Programme) error {
			_, err := p.Staff(pool, programme.StaffOptions{})
			return err
		}},
		{"StaffAudit", []programme.State{programme.StateImplementing}, func(p *programme.Programme) error {
			_, err := p.StaffAudit("pre-1", pool, programme.StaffOptions{})
			return err
		}},
	}
	for _, op := range ops {
		for s := range programme.States() {
			t.Run(op.name+"/"+string(s), func(t *testing.T) {
				p := programmeInState(t, "p", s)
				// An audit for the staffing operations to fill, placed
				// the way a decoded record would hold it.
				p.Schedule = append(p.Schedule, internalAudit("pre-1", date(2027, 3, 1), 2))
				before := jsonClone(t, *p)
				err := op.run(p)
				allowed := false
				for _, a := range op.allowed {
					allowed = allowed || a == s
				}
				if allowed {
					require.NoError(t, err)
					return
				}
				var te *ismsaudit.TransitionError
				require.ErrorAs(t, err, &te)
				require.ErrorIs(t, err, ismsaudit.ErrTransition)
				assert.Equal(t, ismsaudit.ReasonWrongState, te.Reason)
				assert.Equal(t, string(s), te.State)
				wantRule := programme.RuleScheduleWhen
				if l, _ := programme.LookupLifecycle("programme.programme"); l.IsTerminal(string(s)) {
					wantRule = programme.RuleFrozen
				}
				assert.Equal(t, wantRule, te.Rule)
				if _, ok := programme.LookupRule(te.Rule); !ok {
					t.Errorf("rule %q is not in the catalogue", te.Rule)
				}
				if diff := cmp.Diff(before, *p); diff != "" {
					t.Errorf("a refused %s changed the programme (-before +after):\n%s", op.name, diff)
				}
			})
		}
	}

	t.Run("state checked before the input", func(t *testing.T) {
		p := programmeInState(t, "p", programme.StateClosed)
		err := p.ScheduleAudits(programme.ScheduledAudit{}) // invalid too
		var te *ismsaudit.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, programme.RuleFrozen, te.Rule)
		_, err = p.StaffAudit("no-such-audit", pool, programme.StaffOptions{})
		require.ErrorAs(t, err, &te)
		assert.False(t, errors.Is(err, ismsaudit.ErrNotFound))
	})

	t.Run("a programme not started by New", func(t *testing.T) {
		p := &programme.Programme{ID: "bare"}
		for _, err := range []error{
			p.AddCycle(jsonClone(t, cycle)),
			p.ScheduleAudits(internal),
			func() error { _, err := p.Staff(pool, programme.StaffOptions{}); return err }(),
		} {
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, ismsaudit.ReasonUnknownState, te.Reason)
			assert.Equal(t, programme.RuleRecordShape, te.Rule)
		}
		assert.Empty(t, p.Schedule)
		assert.Empty(t, p.Cycles)
	})

	t.Run("an improved version keeps its schedule; the next version schedules", func(t *testing.T) {
		p := programmeInState(t, "p", programme.StateUnderReview)
		next, err := p.Improve(programme.Changes{}, exampleMeta(time.June, 3, ""))
		require.NoError(t, err)
		require.NoError(t, next.ScheduleAudits(programme.ScheduledAudit{ID: "int-v2", Kind: annexa.Internal, Auditee: "Example Ltd",
			Clauses: []annexa.ClauseID{"9.2"}, Due: programme.Window{Earliest: date(2027, 5, 1), Latest: date(2027, 5, 31)}}))
		var te *ismsaudit.TransitionError
		require.ErrorAs(t, p.ScheduleAudits(internal), &te)
		assert.Equal(t, programme.RuleFrozen, te.Rule)
		prev, err := next.AtVersion(1)
		require.NoError(t, err)
		assert.Empty(t, prev.Schedule, "the kept version is unchanged")
	})
}
