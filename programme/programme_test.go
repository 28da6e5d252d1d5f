package programme

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProgrammeNew(t *testing.T) {
	p := newDraft(t)
	assert.Equal(t, ID("isms-2026"), p.ID)
	assert.Equal(t, 1, p.Version)
	assert.Equal(t, StateDraft, p.State)
	assert.Empty(t, p.History)
	assert.NotNil(t, p.History, "history encodes as [] from the start")
	assert.Equal(t, onDay(0), p.CreatedAt)
	assert.Equal(t, "pm", p.CreatedBy)
	if d := cmp.Diff(DefaultMatrix(), p.Matrix); d != "" {
		t.Errorf("matrix mismatch (-want +got):\n%s", d)
	}
	if d := cmp.Diff(twoObjectives(), p.Objectives); d != "" {
		t.Errorf("objectives mismatch (-want +got):\n%s", d)
	}
	require.NoError(t, Verify(p))

	// Only the id is needed to start a draft.
	bare, err := New(NewOptions{ID: "bare"}, metaOn(0, ""))
	require.NoError(t, err)
	assert.Equal(t, StateDraft, bare.State)
	require.NoError(t, Verify(bare))
}

func TestProgrammeNewCopiesInput(t *testing.T) {
	opts := completeOptions()
	p, err := New(opts, metaOn(0, ""))
	require.NoError(t, err)
	opts.Objectives[0].Statement = "changed"
	opts.Managers[0].Roles[0] = ManageRecords
	opts.Extent.Kinds[0] = "stage1"
	assert.Equal(t, "audits are completed within their windows", p.Objectives[0].Statement)
	assert.Equal(t, ManageExtent, p.Managers[0].Roles[0])
	assert.EqualValues(t, "internal", p.Extent.Kinds[0])
}

func TestProgrammeNewErrors(t *testing.T) {
	tests := []struct {
		name string
		mut  func(*NewOptions, *ismsaudit.Meta)
		path string
		rule ismsaudit.RuleID
	}{
		{"no id", func(o *NewOptions, _ *ismsaudit.Meta) { o.ID = " " }, "ID", "required"},
		{"no time", func(_ *NewOptions, m *ismsaudit.Meta) { *m = ismsaudit.Meta{By: "pm"} }, "Meta.At", "required"},
		{"no actor", func(_ *NewOptions, m *ismsaudit.Meta) { m.By = "" }, "Meta.By", "required"},
		{"objective without id", func(o *NewOptions, _ *ismsaudit.Meta) { o.Objectives[1].ID = "" }, "Objectives[1].ID", "required"},
		{"objective without statement", func(o *NewOptions, _ *ismsaudit.Meta) { o.Objectives[0].Statement = "" }, "Objectives[0].Statement", "required"},
		{"repeated objective", func(o *NewOptions, _ *ismsaudit.Meta) { o.Objectives[1].ID = "on-time" }, "Objectives[1].ID", "unique"},
		{"bad direction", func(o *NewOptions, _ *ismsaudit.Meta) { o.Objectives[0].Target.Direction = "above" }, "Objectives[0].Target.Direction", "enum"},
		{"target not finite", func(o *NewOptions, _ *ismsaudit.Meta) { o.Objectives[0].Target.Value = math.NaN() }, "Objectives[0].Target.Value", "finite"},
		{"manager without roles", func(o *NewOptions, _ *ismsaudit.Meta) { o.Managers[1].Roles = nil }, "Managers[1].Roles", "min"},
		{"manager with a bad role", func(o *NewOptions, _ *ismsaudit.Meta) { o.Managers[1].Roles[0] = "boss" }, "Managers[1].Roles[0]", "enum"},
		{"manager listed twice", func(o *NewOptions, _ *ismsaudit.Meta) { o.Managers[1].Person = "pm" }, "Managers[1].Person", "unique"},
		{"negative audits", func(o *NewOptions, _ *ismsaudit.Meta) { o.Extent.Audits = -1 }, "Extent.Audits", "gte"},
		{"bad audit kind", func(o *NewOptions, _ *ismsaudit.Meta) { o.Extent.Kinds[0] = "fourth-party" }, "Extent.Kinds[0]", "enum"},
		{"period backwards", func(o *NewOptions, _ *ismsaudit.Meta) { o.Extent.End = o.Extent.Start.AddDate(0, 0, -1) }, "Extent.End", "time-order"},
		{"infinite audit days", func(o *NewOptions, _ *ismsaudit.Meta) { o.Extent.AuditDays = math.Inf(1) }, "Extent.AuditDays", "finite"},
		{"negative travel", func(o *NewOptions, _ *ismsaudit.Meta) { o.Resources.TravelDays = -1 }, "Resources.TravelDays", "gte"},
		{"empty access entry", func(o *NewOptions, _ *ismsaudit.Meta) { o.Records.Access = []string{""} }, "Records.Access[0]", "required"},
		{"bad matrix", func(o *NewOptions, _ *ismsaudit.Meta) { m := DefaultMatrix(); m.Acceptable = "meh"; o.Matrix = &m }, "Matrix.Acceptable", "enum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, m := completeOptions(), metaOn(0, "")
			tt.mut(&opts, &m)
			p, err := New(opts, m)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			assert.Nil(t, p)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %s at %s in %v", tt.rule, tt.path, ve.Fields)
		})
	}
}

// TestProgrammeNewAllProblems: one call reports every problem.
func TestProgrammeNewAllProblems(t *testing.T) {
	opts := completeOptions()
	opts.ID = ""
	opts.Objectives[0].ID = ""
	opts.Managers[0].Name = ""
	_, err := New(opts, ismsaudit.Meta{})
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, path := range []string{"ID", "Meta.At", "Meta.By", "Objectives[0].ID", "Managers[0].Name"} {
		assert.True(t, ve.Has(path, "required"), path)
	}
}

func TestProgrammeUpdate(t *testing.T) {
	p, err := New(NewOptions{ID: "p"}, metaOn(0, ""))
	require.NoError(t, err)
	coverRiskAreas(t, p)
	assert.False(t, p.Can(EventApprove))
	ext, res, rec := completeExtent(), completeResources(), completeRecords()
	require.NoError(t, p.Update(Changes{Objectives: twoObjectives(), Managers: allManagers(), Extent: &ext, Resources: &res, Records: &rec}))
	assert.True(t, p.Can(EventApprove))
	ext.Frequency = "never"
	assert.NotEqual(t, "never", p.Extent.Frequency, "Update copies the caller's data")

	// nil fields keep what the programme has
	require.NoError(t, p.Update(Changes{}))
	assert.True(t, p.Can(EventApprove))

	// a bad change changes nothing
	before := deepCopy(*p)
	bad := completeResources()
	bad.AuditorDays = -2
	err = p.Update(Changes{Objectives: []Objective{{ID: "x"}}, Resources: &bad, Implements: []ActionID{"none"}})
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Objectives[0].Statement", "required"))
	assert.True(t, ve.Has("Resources.AuditorDays", "gte"))
	assert.True(t, ve.Has("Implements[0]", "unknown"))
	require.ErrorIs(t, err, ismsaudit.ErrNotFound, "an unknown reference unwraps to ismsaudit.ErrNotFound too")
	if d := cmp.Diff(before, *p); d != "" {
		t.Errorf("refused update changed the programme (-before +after):\n%s", d)
	}

	// only in draft
	require.NoError(t, p.Fire(EventApprove, metaOn(2, "")))
	before = deepCopy(*p)
	err = p.Update(Changes{Extent: &ext})
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, RuleChangeInDraft, te.Rule)
	assert.Equal(t, ismsaudit.ReasonWrongState, te.Reason)
	if d := cmp.Diff(before, *p); d != "" {
		t.Errorf("refused update changed the programme (-before +after):\n%s", d)
	}
}

// improvedOnce runs version 1 to a review raising two actions and improves
// it into version 2, carrying out one of them.
func improvedOnce(t *testing.T) (v1, v2 *Programme) {
	t.Helper()
	v1 = inState(t, StateImplementing)
	require.NoError(t, v1.Fire(EventReview, metaOn(30, "")))
	require.NoError(t, v1.RecordReview(newReview("rev-1", newAction("act-1"), newAction("act-2")), metaOn(31, "")))
	require.False(t, v1.Can(EventResume), "actions call for a new version")
	freq := completeExtent()
	freq.Frequency = "every clause and control yearly; access control and suppliers quarterly"
	v2, err := v1.Improve(Changes{Extent: &freq, Implements: []ActionID{"act-1"}}, metaOn(32, "quarterly audits of risky areas"))
	require.NoError(t, err)
	return v1, v2
}

func TestProgrammeImprove(t *testing.T) {
	v1, v2 := improvedOnce(t)
	assert.Equal(t, StateImproved, v1.State)
	assert.Equal(t, Entry{From: StateUnderReview, Event: EventImprove, To: StateImproved, At: onDay(32), By: "pm", Note: "quarterly audits of risky areas"}, v1.History[len(v1.History)-1])

	assert.Equal(t, 2, v2.Version)
	assert.Equal(t, StateDraft, v2.State)
	assert.Empty(t, v2.History)
	assert.Equal(t, onDay(32), v2.CreatedAt)
	assert.Equal(t, []ActionID{"act-1"}, v2.Implements)
	assert.Contains(t, v2.Extent.Frequency, "quarterly")
	require.Len(t, v2.Previous, 1)
	if d := cmp.Diff(*v1, v2.Previous[0]); d != "" {
		t.Errorf("kept version 1 mismatch (-want +got):\n%s", d)
	}
	if d := cmp.Diff(v1.Risks, v2.Risks); d != "" {
		t.Errorf("register not carried (-want +got):\n%s", d)
	}
	if d := cmp.Diff(v1.Reviews, v2.Reviews); d != "" {
		t.Errorf("reviews not carried (-want +got):\n%s", d)
	}
	assert.Equal(t, []ImprovementAction{newAction("act-2")}, v2.OpenActions())
	assert.Len(t, v1.OpenActions(), 2)
	require.NoError(t, Verify(v1))
	require.NoError(t, Verify(v2))

	// the versions share nothing
	v2.Risks[0].History[0].Note = "changed"
	v2.Previous[0].Objectives[0].ID = "changed"
	assert.Empty(t, v1.Risks[0].History[0].Note)
	assert.Equal(t, ObjectiveID("on-time"), v1.Objectives[0].ID)
}

func TestProgrammeImproveChain(t *testing.T) {
	_, v2 := improvedOnce(t)
	require.NoError(t, v2.Fire(EventApprove, metaOn(33, "")))
	require.NoError(t, v2.Fire(EventImplement, metaOn(34, "")))
	require.NoError(t, v2.AddRisk(newRisk("v2-new", KindOpportunity, CategoryMonitoring), metaOn(35, "")))
	require.NoError(t, v2.AssessRisk("v2-new", lowRating(), metaOn(35, "")))
	assert.Equal(t, 2, v2.Risks[len(v2.Risks)-1].Version)
	require.NoError(t, v2.Fire(EventReview, metaOn(60, "")))
	require.NoError(t, v2.RecordReview(newReview("rev-2", newAction("act-3")), metaOn(61, "")))
	v3, err := v2.Improve(Changes{Implements: []ActionID{"act-2", "act-3"}}, metaOn(62, ""))
	require.NoError(t, err)
	assert.Equal(t, 3, v3.Version)
	require.Len(t, v3.Previous, 2)
	assert.Equal(t, 1, v3.Previous[0].Version)
	assert.Equal(t, 2, v3.Previous[1].Version)
	assert.Empty(t, v3.Previous[1].Previous, "snapshots hold no versions of their own")
	assert.Empty(t, v3.OpenActions())
	require.NoError(t, Verify(v3))

	for n := 1; n <= 3; n++ {
		got, err := v3.AtVersion(n)
		require.NoError(t, err)
		assert.Equal(t, n, got.Version)
	}
	_, err = v3.AtVersion(4)
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	_, err = v3.AtVersion(0)
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	got, err := v3.AtVersion(1)
	require.NoError(t, err)
	got.Objectives[0].ID = "changed"
	assert.Equal(t, ObjectiveID("on-time"), v3.Previous[0].Objectives[0].ID, "AtVersion returns a copy")
}

func TestProgrammeImproveErrors(t *testing.T) {
	tests := []struct {
		name    string
		changes Changes
		m       ismsaudit.Meta
		path    string
		rule    ismsaudit.RuleID
	}{
		{"unknown action", Changes{Implements: []ActionID{"act-9"}}, metaOn(32, ""), "Implements[0]", "unknown"},
		{"action listed twice", Changes{Implements: []ActionID{"act-1", "act-1"}}, metaOn(32, ""), "Implements[1]", "unique"},
		{"empty action id", Changes{Implements: []ActionID{""}}, metaOn(32, ""), "Implements[0]", "required"},
		{"bad objective", Changes{Objectives: []Objective{{Statement: "s"}}}, metaOn(32, ""), "Objectives[0].ID", "required"},
		{"bad matrix", Changes{Matrix: &RiskMatrix{}}, metaOn(32, ""), "Matrix.Likelihood", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := inState(t, StateImplementing)
			require.NoError(t, p.Fire(EventReview, metaOn(30, "")))
			require.NoError(t, p.RecordReview(newReview("rev-1", newAction("act-1")), metaOn(31, "")))
			before := deepCopy(*p)
			next, err := p.Improve(tt.changes, tt.m)
			assert.Nil(t, next)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %s at %s in %v", tt.rule, tt.path, ve.Fields)
			if d := cmp.Diff(before, *p); d != "" {
				t.Errorf("refused improve changed the programme (-before +after):\n%s", d)
			}
		})
	}
	t.Run("meta before the review", func(t *testing.T) {
		p := inState(t, StateUnderReview)
		before := deepCopy(*p)
		next, err := p.Improve(Changes{}, metaOn(1, ""))
		assert.Nil(t, next)
		var te *ismsaudit.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, ismsaudit.ReasonMeta, te.Reason)
		if d := cmp.Diff(before, *p); d != "" {
			t.Errorf("refused improve changed the programme (-before +after):\n%s", d)
		}
	})
	t.Run("action raised against the same version", func(t *testing.T) {
		p := inState(t, StateImplementing)
		require.NoError(t, p.Fire(EventReview, metaOn(30, "")))
		require.NoError(t, p.RecordReview(newReview("rev-1", newAction("act-1")), metaOn(31, "")))
		err := p.Update(Changes{Implements: []ActionID{"act-1"}})
		var te *ismsaudit.TransitionError
		require.ErrorAs(t, err, &te, "not a draft")
		_, v2 := improvedOnce(t)
		err = v2.Update(Changes{Implements: []ActionID{"act-1"}})
		var ve *ismsaudit.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("Implements[0]", RuleActionImplements), "act-1 is already carried out by version 2")
		require.NoError(t, v2.Update(Changes{Implements: []ActionID{"act-2"}}))
		assert.Equal(t, []ActionID{"act-1", "act-2"}, v2.Implements)
	})
}

func TestProgrammeCopyIsDeep(t *testing.T) {
	_, v2 := improvedOnce(t)
	c := deepCopy(*v2)
	if d := cmp.Diff(*v2, c); d != "" {
		t.Fatalf("copy mismatch (-want +got):\n%s", d)
	}
	c.Previous[0].Risks[0].Assessments[0].Rationale = "x"
	c.Extent.Kinds[0] = "stage1"
	c.Matrix.Levels[0][0] = LevelHigh
	assert.NotEqual(t, "x", v2.Previous[0].Risks[0].Assessments[0].Rationale)
	assert.EqualValues(t, "internal", v2.Extent.Kinds[0])
	assert.Equal(t, LevelLow, v2.Matrix.Levels[0][0])
	m := map[string][]int{"a": {1}}
	mc := deepCopy(m)
	mc["a"][0] = 2
	assert.Equal(t, 1, m["a"][0])
	var nilMap map[string]int
	assert.Nil(t, deepCopy(nilMap))
	var iface any = []int{1}
	ic := deepCopy(iface)
	ic.([]int)[0] = 2
	assert.Equal(t, 1, iface.([]int)[0])
	arr := [2][]int{{1}, {2}}
	ac := deepCopy(arr)
	ac[0][0] = 9
	assert.Equal(t, 1, arr[0][0])
}

func TestProgrammeTargetMet(t *testing.T) {
	floor := Target{Direction: AtLeast, Value: 90}
	ceiling := Target{Direction: AtMost, Value: 60}
	assert.True(t, floor.Met(90))
	assert.False(t, floor.Met(89.9))
	assert.True(t, ceiling.Met(60))
	assert.False(t, ceiling.Met(61))
	assert.False(t, Target{Value: 1}.Met(1), "no direction, never met")
}
