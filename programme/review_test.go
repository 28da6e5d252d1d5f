package programme

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReviewRecord(t *testing.T) {
	p := inState(t, StateImplementing)
	require.NoError(t, p.Fire(EventReview, metaOn(30, "")))
	in := newReview("rev-1", newAction("act-1"))
	require.NoError(t, p.RecordReview(in, metaOn(31, "")))
	want := in
	want.Version, want.At, want.By = 1, onDay(31), "pm"
	want.Objectives = []ObjectiveResult{{Objective: "on-time", Actual: 91.7, Met: true}, {Objective: "nc-closure", Actual: 75, Met: false}}
	require.Len(t, p.Reviews, 1)
	if d := cmp.Diff(want, p.Reviews[0]); d != "" {
		t.Errorf("review mismatch (-want +got):\n%s", d)
	}
	in.Actions[0].Owner = "changed"
	assert.Equal(t, "qa", p.Reviews[0].Actions[0].Owner, "RecordReview copies the caller's data")
	require.NoError(t, Verify(p))
}

func TestReviewErrors(t *testing.T) {
	tests := []struct {
		name string
		mut  func(*Review, *ismsaudit.Meta)
		path string
		rule ismsaudit.RuleID
	}{
		{"no id", func(r *Review, _ *ismsaudit.Meta) { r.ID = "" }, "ID", "required"},
		{"no conclusions", func(r *Review, _ *ismsaudit.Meta) { r.Conclusions = "" }, "Conclusions", "required"},
		{"no monitoring input", func(r *Review, _ *ismsaudit.Meta) { r.Inputs = r.Inputs[1:] }, "Inputs", RuleReviewInputs},
		{"bad input kind", func(r *Review, _ *ismsaudit.Meta) { r.Inputs[0].Kind = "gossip" }, "Inputs[0].Kind", "enum"},
		{"empty summary", func(r *Review, _ *ismsaudit.Meta) { r.Inputs[1].Summary = "" }, "Inputs[1].Summary", "required"},
		{"objective not measured", func(r *Review, _ *ismsaudit.Meta) { r.Objectives = r.Objectives[:1] }, "Objectives", RuleReviewInputs},
		{"unknown objective", func(r *Review, _ *ismsaudit.Meta) { r.Objectives[0].Objective = "speed" }, "Objectives[0].Objective", "unknown"},
		{"objective measured twice", func(r *Review, _ *ismsaudit.Meta) { r.Objectives[1].Objective = "on-time" }, "Objectives[1].Objective", "unique"},
		{"met given", func(r *Review, _ *ismsaudit.Meta) { r.Objectives[0].Met = true }, "Objectives[0].Met", "library-set"},
		{"actual not finite", func(r *Review, _ *ismsaudit.Meta) { r.Objectives[0].Actual = math.Inf(-1) }, "Objectives[0].Actual", "finite"},
		{"version given", func(r *Review, _ *ismsaudit.Meta) { r.Version = 1 }, "", "library-set"},
		{"action without owner", func(r *Review, _ *ismsaudit.Meta) { r.Actions = []ImprovementAction{{ID: "a", Description: "d"}} }, "Actions[0].Owner", "required"},
		{"action id repeated", func(r *Review, _ *ismsaudit.Meta) { r.Actions = []ImprovementAction{newAction("a"), newAction("a")} }, "Actions[1].ID", "unique"},
		{"before the round", func(_ *Review, m *ismsaudit.Meta) { m.At = onDay(20) }, "Meta.At", "time-order"},
		{"no actor", func(_ *Review, m *ismsaudit.Meta) { m.By = "" }, "Meta.By", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := inState(t, StateImplementing)
			require.NoError(t, p.Fire(EventReview, metaOn(30, "")))
			r, m := newReview("rev-1"), metaOn(31, "")
			tt.mut(&r, &m)
			before := deepCopy(*p)
			err := p.RecordReview(r, m)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %s at %q in %v", tt.rule, tt.path, ve.Fields)
			if d := cmp.Diff(before, *p); d != "" {
				t.Errorf("refused review changed the programme (-before +after):\n%s", d)
			}
		})
	}
}

func TestReviewAcrossRounds(t *testing.T) {
	p := inState(t, StateUnderReview) // rev-1 recorded
	before := deepCopy(*p)
	err := p.RecordReview(newReview("rev-1b"), metaOn(5, ""))
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, RuleReviewRecorded, te.Rule, "one review per round")
	if d := cmp.Diff(before, *p); d != "" {
		t.Errorf("refused review changed the programme (-before +after):\n%s", d)
	}

	require.NoError(t, p.Fire(EventResume, metaOn(6, "no change needed")))
	err = p.RecordReview(newReview("rev-2"), metaOn(7, ""))
	require.ErrorAs(t, err, &te)
	assert.Equal(t, ismsaudit.ReasonWrongState, te.Reason, "reviews are recorded under review only")

	require.NoError(t, p.Fire(EventReview, metaOn(40, "")))
	err = p.RecordReview(newReview("rev-1"), metaOn(41, ""))
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("ID", "unique"), "review ids are unique across rounds")
	require.NoError(t, p.RecordReview(newReview("rev-2", newAction("act-1")), metaOn(41, "")))
	err = p.Fire(EventResume, metaOn(42, ""))
	require.ErrorAs(t, err, &te)
	assert.Equal(t, RuleReviewActions, te.Rule)
	require.NoError(t, p.Fire(EventClose, metaOn(42, "the ISMS is retired; actions moot")))
	require.NoError(t, Verify(p))
}

// TestRoundReviewedNeedsARound: a programme whose history records no
// review round has no reviewed round, whatever reviews it holds.
func TestRoundReviewedNeedsARound(t *testing.T) {
	p := &Programme{State: StateUnderReview}
	assert.False(t, p.roundReviewed(), "no round, no review")
	p.Reviews = []Review{{ID: "R-1"}}
	assert.False(t, p.roundReviewed(), "a review with no round in the history")
	p.History = []Entry{{Event: EventReview}}
	assert.True(t, p.roundReviewed())
	p.History = append(p.History, Entry{Event: EventResume}, Entry{Event: EventReview})
	assert.False(t, p.roundReviewed(), "the second round has no review yet")
}
