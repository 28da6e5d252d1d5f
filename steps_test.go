package ismsaudit_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
)

// ledger is a stand-in record: its operations append what they were
// given, and refuse a payload of "no".
type ledger struct{ got []string }

func (l *ledger) note(s string, m ismsaudit.Meta) error {
	if s == "no" {
		return &ismsaudit.TransitionError{Machine: "ledger", Event: "note", Reason: ismsaudit.ReasonGuard, Rule: "LED-NO"}
	}
	l.got = append(l.got, fmt.Sprintf("%s by %s at %d", s, m.By, m.At.Day()))
	return nil
}

func (l *ledger) pair(s string, n int, m ismsaudit.Meta) error {
	return l.note(fmt.Sprintf("%s%d", s, n), m)
}

func (l *ledger) tick(m ismsaudit.Meta) error { return l.note("tick", m) }

// clock returns a next function giving day 1, 2, 3... and counts its calls.
func clock(calls *int) func() ismsaudit.Meta {
	return func() ismsaudit.Meta {
		*calls++
		return ismsaudit.Meta{At: time.Date(2026, 1, *calls, 0, 0, 0, 0, time.UTC), By: "lena"}
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		name      string
		steps     func(l *ledger) []ismsaudit.Step
		want      []string
		wantStep  int // 0: no refusal
		wantCalls int
	}{
		{name: "every step in order, each with the next Meta",
			steps: func(l *ledger) []ismsaudit.Step {
				return []ismsaudit.Step{ismsaudit.With(l.note, "a"), l.tick, ismsaudit.With2(l.pair, "b", 2)}
			},
			want: []string{"a by lena at 1", "tick by lena at 2", "b2 by lena at 3"}, wantCalls: 3},
		{name: "stops at the first refusal",
			steps: func(l *ledger) []ismsaudit.Step {
				return []ismsaudit.Step{ismsaudit.With(l.note, "a"), ismsaudit.With(l.note, "no"), l.tick}
			},
			want: []string{"a by lena at 1"}, wantStep: 2, wantCalls: 2},
		{name: "no steps", steps: func(*ledger) []ismsaudit.Step { return nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l ledger
			calls := 0
			err := ismsaudit.Run(clock(&calls), tt.steps(&l)...)
			assert.Equal(t, tt.want, l.got)
			assert.Equal(t, tt.wantCalls, calls, "next is called once per step run")
			if tt.wantStep == 0 {
				require.NoError(t, err)
				return
			}
			var se *ismsaudit.StepError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tt.wantStep, se.Step)
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te, "the step's own error is reachable")
			assert.Equal(t, ismsaudit.RuleID("LED-NO"), te.Rule)
			assert.ErrorIs(t, err, ismsaudit.ErrTransition)
			assert.Contains(t, err.Error(), fmt.Sprintf("step %d: ", tt.wantStep))
		})
	}
}

func TestRunRefusesNilBeforeRunning(t *testing.T) {
	var l ledger
	calls := 0
	err := ismsaudit.Run(nil, l.tick, nil, ismsaudit.With(l.note, "a"), nil)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, errors.Is(err, ismsaudit.ErrInvalid))
	assert.True(t, ve.Has("next", ismsaudit.RuleRequired))
	assert.True(t, ve.Has("steps[1]", ismsaudit.RuleRequired))
	assert.True(t, ve.Has("steps[3]", ismsaudit.RuleRequired))
	assert.Len(t, ve.Fields, 3)
	assert.Empty(t, l.got, "no step ran")

	err = ismsaudit.Run(clock(&calls), l.tick, nil)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []ismsaudit.FieldError{{Path: "steps[1]", Rule: ismsaudit.RuleRequired, Detail: "a step to run"}}, ve.Fields)
	assert.Empty(t, l.got, "no step ran")
	assert.Zero(t, calls)
}
