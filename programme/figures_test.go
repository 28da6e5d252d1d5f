package programme_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit/programme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFiguresReviewInput(t *testing.T) {
	in := monitorScenario()
	in.Trend = programme.PeriodQuarter
	f, err := programme.Monitor(in)
	require.NoError(t, err)
	before := jsonClone(t, f)

	got := f.ReviewInput()
	assert.Equal(t, programme.InputMonitoring, got.Kind)
	assert.Equal(t, `monitoring figures at 2026-06-30
audits: 3 of 8 planned completed (37.5 %), 1 on time, 1 early, 1 late; 1 in progress, 1 terminated, 3 not started; 5 due, 2 missed; 1 unscheduled
findings: 10; nonconformities: 7 (2 minor, 4 major, 1 ungraded); most cited: A.5.15 (3), A.8.8 (2), clause 6.1.2 (1)
corrective actions: 7 started, 3 closed, 4 open, 3 overdue (1 of major nonconformities); closure days over 3 measured: mean 36.7, median 30, 90th percentile 54
auditor feedback: 4 records on 2 auditors, mean score 3.5, median 3.5 (scale 1 to 5)
trend by quarter, 2026-Q1 to 2026-Q3: audits completed/planned 2/3, 1/3, 0/2; nonconformities 6, 1, 0; actions open at the end 3, 4, 4`, got.Summary)
	if d := cmp.Diff(f, got.Figures); d != "" {
		t.Errorf("the input carries other figures (-figures +input):\n%s", d)
	}
	got.Figures.Audits.Planned = 99
	got.Figures.Trend[0].Findings.ByKind[0].Count = 99
	if d := cmp.Diff(before, f); d != "" {
		t.Errorf("the input shares data with the figures (-before +after):\n%s", d)
	}

	t.Run("nothing to report", func(t *testing.T) {
		f, err := programme.Monitor(programme.MonitorInput{At: noon2026(6, 30)})
		require.NoError(t, err)
		assert.Equal(t, `monitoring figures at 2026-06-30
audits: 0 of 0 planned completed (-), 0 on time, 0 early, 0 late; 0 in progress, 0 terminated, 0 not started; 0 due, 0 missed; 0 unscheduled
findings: 0; nonconformities: 0 (0 minor, 0 major, 0 ungraded)
corrective actions: 0 started, 0 closed, 0 open, 0 overdue (0 of major nonconformities); no closure time measured
auditor feedback: none`, f.ReviewInput().Summary)
	})

	t.Run("figures a host built, without grades", func(t *testing.T) {
		f := programme.Figures{At: noon2026(6, 30)}
		assert.Contains(t, f.ReviewInput().Summary, "findings: 0; nonconformities: 0 (0 ungraded)")
	})

	t.Run("a long trend shows its last 12 periods", func(t *testing.T) {
		in := monitorScenario()
		in.At = time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)
		in.Trend = programme.PeriodMonth
		f, err := programme.Monitor(in)
		require.NoError(t, err)
		require.Len(t, f.Trend, 24)
		assert.Contains(t, f.ReviewInput().Summary, "trend by month, 2027-01 to 2027-12: audits completed/planned 0/0, 0/0")
	})
}

// TestRecordReviewWithFigures feeds a review with monitoring figures
// (19011 5.6 -> 5.7) and checks what RecordReview and Verify make of
// them.
func TestRecordReviewWithFigures(t *testing.T) {
	review := func(inputs ...programme.ReviewInput) programme.Review {
		return programme.Review{ID: "rev-1", Inputs: inputs,
			Objectives: []programme.ObjectiveResult{{Objective: "coverage", Actual: 37.5}}, Conclusions: "behind schedule"}
	}
	underReview := func(t *testing.T) (*programme.Programme, *programme.Figures) {
		p, opts := monitoredProgramme(t)
		// Verify checks the cycles too: keep every audit in the schedule.
		p.Schedule, p.Cycles = monitorScenario().Schedule, nil
		f, err := p.Monitor(opts)
		require.NoError(t, err)
		require.NoError(t, p.Fire(programme.EventReview, exampleMeta(time.July, 1, "")))
		return p, f
	}

	t.Run("recorded with the figures it considered", func(t *testing.T) {
		p, f := underReview(t)
		in := f.ReviewInput()
		require.NoError(t, p.RecordReview(review(in), exampleMeta(time.July, 2, "")))
		require.Len(t, p.Reviews, 1)
		if d := cmp.Diff(f, p.Reviews[0].Inputs[0].Figures); d != "" {
			t.Errorf("recorded figures mismatch (-monitored +recorded):\n%s", d)
		}
		in.Figures.Audits.Planned = 0
		assert.Equal(t, 8, p.Reviews[0].Inputs[0].Figures.Audits.Planned, "the record shares nothing with the input")
		require.NoError(t, programme.Verify(p))
		assertRoundTrip(t, p)

		// Verify finds figures dated after their review.
		p.Reviews[0].Inputs[0].Figures.At = exampleMeta(time.August, 1, "").At
		ve := validationError(t, programme.Verify(p))
		assert.True(t, ve.Has("Reviews[0].Inputs[0].Figures.At", programme.RuleReviewInputs), "%v", ve)
	})

	tests := []struct {
		name  string
		input func(f *programme.Figures) programme.ReviewInput
		want  [][2]string
	}{
		{"figures from after the review", func(f *programme.Figures) programme.ReviewInput {
			f.At = exampleMeta(time.July, 3, "").At
			return f.ReviewInput()
		}, [][2]string{{"Inputs[0].Figures.At", string(programme.RuleReviewInputs)}}},
		{"figures on another kind of input", func(f *programme.Figures) programme.ReviewInput {
			in := f.ReviewInput()
			in.Kind = programme.InputRecords
			return in
		}, [][2]string{{"Inputs[0].Figures", string(programme.RuleReviewInputs)}, {"Inputs", string(programme.RuleReviewInputs)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, f := underReview(t)
			before := jsonClone(t, p)
			err := p.RecordReview(review(tt.input(f)), exampleMeta(time.July, 2, ""))
			assertHas(t, validationError(t, err), tt.want...)
			if d := cmp.Diff(before, p); d != "" {
				t.Errorf("a refused review changed the programme (-before +after):\n%s", d)
			}
		})
	}
}
