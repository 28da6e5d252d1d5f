package programme

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testingTB is what the fixture helpers need of a test: *testing.T and
// *rapid.T both have it.
type testingTB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	FailNow()
}

// equateEmpty treats nil and empty slices as equal: JSON cannot tell
// them apart.
var equateEmpty = cmpopts.EquateEmpty()

// onDay is a fixed day of 2026, n days after 5 January.
func onDay(n int) time.Time {
	return time.Date(2026, time.January, 5, 9, 0, 0, 0, time.UTC).AddDate(0, 0, n)
}

func metaOn(n int, note string) ismsaudit.Meta {
	return ismsaudit.Meta{At: onDay(n), By: "pm", Note: note}
}

// twoObjectives are two complete objectives.
func twoObjectives() []Objective {
	return []Objective{
		{ID: "on-time", Statement: "audits are completed within their windows",
			Target: Target{Metric: "audits completed on time", Direction: AtLeast, Value: 90, Unit: "%", Due: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}},
		{ID: "nc-closure", Statement: "major nonconformities are closed quickly",
			Target: Target{Metric: "median closure time of major nonconformities", Direction: AtMost, Value: 60, Unit: "days", Due: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}},
	}
}

// allManagers hold every role between them.
func allManagers() []Manager {
	return []Manager{
		{Person: "pm", Name: "Programme Manager", Roles: []ManagerRole{ManageExtent, ManageRisks, ManageProcesses, ManageResources, ManageMonitoring, ManageCommunication}},
		{Person: "qa", Name: "Quality Lead", Roles: []ManagerRole{ManageTeams, ManageRecords}},
	}
}

func completeExtent() Extent {
	return Extent{
		Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2028, 12, 31, 0, 0, 0, 0, time.UTC),
		Audits: 12, Kinds: []annexa.AuditKind{annexa.Internal}, Locations: []string{"HQ", "Data centre"},
		Frequency: "every clause and applicable control yearly; access control twice a year", AuditDays: 30,
		Drivers: Drivers{
			SizeAndComplexity:  "250 persons, 2 sites, cloud-hosted products",
			RiskAssessment:     "highest risks in access control and supplier management",
			SignificantChanges: []string{"move to a new data centre"},
			PreviousResults:    "two minor nonconformities in 2025, both closed",
		},
	}
}

func completeResources() Resources {
	return Resources{AuditorDays: 36, TravelDays: 4, TechnicalExperts: []string{"cloud security"}, Tools: []string{"remote audit platform"}}
}

func completeRecords() RecordsPolicy {
	return RecordsPolicy{RetentionMonths: 72, Confidentiality: "encrypted repository, need-to-know access, no copies on personal devices",
		Access: []string{"programme manager", "audit team leaders"}, Disposal: "secure deletion after retention"}
}

// completeOptions are complete options for New.
func completeOptions() NewOptions {
	return NewOptions{ID: "isms-2026", Objectives: twoObjectives(), Managers: allManagers(), Extent: completeExtent(), Resources: completeResources(), Records: completeRecords()}
}

// newDraft starts a complete draft at day 0.
func newDraft(t testingTB) *Programme {
	t.Helper()
	p, err := New(completeOptions(), metaOn(0, ""))
	require.NoError(t, err)
	return p
}

// newRisk is a register entry for a category.
func newRisk(id RiskID, kind RiskKind, c RiskCategory) Risk {
	return Risk{ID: id, Kind: kind, Category: c, Description: "what could go wrong in " + string(c), Owner: "pm"}
}

// coverRiskAreas adds one risk per category, each assessed low (1x1), at
// day 1.
func coverRiskAreas(t testingTB, p *Programme) {
	t.Helper()
	for c := range RiskCategories() {
		id := RiskID("r-" + string(c))
		require.NoError(t, p.AddRisk(newRisk(id, KindRisk, c), metaOn(1, "")))
		require.NoError(t, p.AssessRisk(id, Assessment{Likelihood: 1, Impact: 1, Rationale: "well controlled"}, metaOn(1, "")))
	}
}

// newReview is a review measuring both objectives, raising the actions
// given.
func newReview(id ReviewID, actions ...ImprovementAction) Review {
	return Review{
		ID:          id,
		Inputs:      []ReviewInput{{Kind: InputMonitoring, Summary: "11 of 12 audits on time; 3 minor nonconformities"}, {Kind: InputRisks, Summary: "register reviewed"}},
		Objectives:  []ObjectiveResult{{Objective: "on-time", Actual: 91.7}, {Objective: "nc-closure", Actual: 75}},
		Conclusions: "the programme meets its timing objective; closure is slow",
		Actions:     actions,
	}
}

func newAction(id ActionID) ImprovementAction {
	return ImprovementAction{ID: id, Description: "escalate corrective actions open over 45 days", Owner: "qa", Due: onDay(120)}
}

// inState brings a programme to state s through valid operations; for
// under-review the round's review is recorded (without actions, so every
// event out of the state is allowed). Events are at days 2..5.
func inState(t testingTB, s State) *Programme {
	t.Helper()
	p := newDraft(t)
	if s == StateDraft {
		return p
	}
	coverRiskAreas(t, p)
	require.NoError(t, p.Fire(EventApprove, metaOn(2, "")))
	if s == StateApproved {
		return p
	}
	require.NoError(t, p.Fire(EventImplement, metaOn(3, "")))
	if s == StateImplementing {
		return p
	}
	require.NoError(t, p.Fire(EventReview, metaOn(4, "")))
	require.NoError(t, p.RecordReview(newReview("rev-1"), metaOn(4, "")))
	switch s {
	case StateUnderReview:
	case StateImproved:
		_, err := p.Improve(Changes{}, metaOn(5, ""))
		require.NoError(t, err)
	case StateClosed:
		require.NoError(t, p.Fire(EventClose, metaOn(5, "programme ends")))
	default:
		t.Fatalf("no path to %q", s)
	}
	require.Equal(t, s, p.State)
	return p
}

func TestProgrammeNew(t *testing.T) {
	p := newDraft(t)
	assert.Equal(t, ismsaudit.ProgrammeID("isms-2026"), p.ID)
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
		{"NaN audit days", func(o *NewOptions, _ *ismsaudit.Meta) { o.Extent.AuditDays = math.NaN() }, "Extent.AuditDays", "finite"},
		{"period of no length", func(o *NewOptions, _ *ismsaudit.Meta) { o.Extent.End = o.Extent.Start }, "Extent.End", "time-order"},
		{"infinite auditor days", func(o *NewOptions, _ *ismsaudit.Meta) { o.Resources.AuditorDays = math.Inf(1) }, "Resources.AuditorDays", "finite"},
		{"NaN auditor days", func(o *NewOptions, _ *ismsaudit.Meta) { o.Resources.AuditorDays = math.NaN() }, "Resources.AuditorDays", "finite"},
		{"infinite travel days", func(o *NewOptions, _ *ismsaudit.Meta) { o.Resources.TravelDays = math.Inf(1) }, "Resources.TravelDays", "finite"},
		{"NaN travel days", func(o *NewOptions, _ *ismsaudit.Meta) { o.Resources.TravelDays = math.NaN() }, "Resources.TravelDays", "finite"},
		{"negative retention", func(o *NewOptions, _ *ismsaudit.Meta) { o.Records.RetentionMonths = -1 }, "Records.RetentionMonths", "gte"},
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

// TestProgrammeNewDraftContent: a draft may leave parts of its content
// out; New checks only what is given, and reports a missing id once, not
// also as a repeat.
func TestProgrammeNewDraftContent(t *testing.T) {
	tests := []struct {
		name string
		mut  func(*NewOptions)
		want []ismsaudit.FieldError // nil: accepted
	}{
		{"a start without an end", func(o *NewOptions) { o.Extent.End = time.Time{} }, nil},
		{"an end without a start", func(o *NewOptions) { o.Extent.Start = time.Time{} }, nil},
		{"a period of one nanosecond", func(o *NewOptions) { o.Extent.End = o.Extent.Start.Add(time.Nanosecond) }, nil},
		{"zero audit, auditor and travel days", func(o *NewOptions) { o.Extent.AuditDays, o.Resources.AuditorDays, o.Resources.TravelDays = 0, 0, 0 }, nil},
		{"two objectives without id", func(o *NewOptions) { o.Objectives[0].ID, o.Objectives[1].ID = "", "" }, []ismsaudit.FieldError{
			{Path: "Objectives[0].ID", Rule: ismsaudit.RuleRequired}, {Path: "Objectives[1].ID", Rule: ismsaudit.RuleRequired}}},
		{"two managers without person", func(o *NewOptions) { o.Managers[0].Person, o.Managers[1].Person = "", "" }, []ismsaudit.FieldError{
			{Path: "Managers[0].Person", Rule: ismsaudit.RuleRequired}, {Path: "Managers[1].Person", Rule: ismsaudit.RuleRequired}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := completeOptions()
			tt.mut(&opts)
			p, err := New(opts, metaOn(0, ""))
			if tt.want == nil {
				require.NoError(t, err)
				assert.Equal(t, StateDraft, p.State)
				return
			}
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			if d := cmp.Diff(tt.want, ve.Fields, cmpopts.IgnoreFields(ismsaudit.FieldError{}, "Value", "Detail")); d != "" {
				t.Errorf("fields mismatch (-want +got):\n%s", d)
			}
		})
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
	assert.Equal(t, "allowed only in draft", te.Detail, "the refusal names the states that allow the operation")
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

// withSchedule adds a schedule and a cycle so the round trip covers the
// whole record.
func withSchedule(p *Programme) {
	p.Schedule = []ScheduledAudit{{
		ID: "ia-1", Kind: annexa.Internal, Auditee: "Example Ltd", Sites: []SiteID{"HQ"},
		Clauses: []annexa.ClauseID{"9.2"}, Controls: []annexa.ControlID{"5.15"},
		Due: Window{Earliest: onDay(60), Latest: onDay(90)}, Start: onDay(70), Days: 2.5,
		Team:  &competence.Team{Leader: "alice", Members: []competence.Member{{Auditor: "alice", Role: competence.RoleTeamLeader}}, Method: competence.Exact, LowerBound: 1},
		Audit: "a-1",
	}}
	c, err := PlanCycle(CycleOptions{ID: "cert", Auditee: "Example Ltd", Decision: onDay(10)})
	if err != nil {
		panic(err) // fixed input; a failure is a bug in the fixture
	}
	p.Cycles = []Cycle{c}
}

func TestProgrammeJSONRoundTrip(t *testing.T) {
	p := richProgramme(t)
	withSchedule(p)
	data, err := json.Marshal(p)
	require.NoError(t, err)
	got, err := Decode(data)
	require.NoError(t, err)
	if d := cmp.Diff(p, got, equateEmpty); d != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", d)
	}
	require.NoError(t, Verify(got))
	for _, token := range []string{`"state":"implementing"`, `"kind":"opportunity"`, `"category":"auditee-availability"`, `"level":"high"`, `"event":"plan-treatment"`, `"acceptable":"low"`, `"direction":"at-least"`, `"roles":["extent"`} {
		assert.Contains(t, string(data), token)
	}
}

// TestProgrammeJSONTypes round-trips every other exported type of the
// programme area.
func TestProgrammeJSONTypes(t *testing.T) {
	ext, res := completeExtent(), completeResources()
	m := DefaultMatrix()
	p := richProgramme(t)
	values := []any{
		completeOptions(),
		Changes{Objectives: twoObjectives(), Extent: &ext, Resources: &res, Matrix: &m, Implements: []ActionID{"act-1"}},
		p.Risks[riskAt(t, p, "t1")],
		p.Previous[0].Reviews[1],
		lifecycleNamed(t, "programme.programme"),
		lifecycleNamed(t, "programme.risk"),
		DefaultMatrix(),
	}
	for _, v := range values {
		data, err := json.Marshal(v)
		require.NoError(t, err)
		ptr := newOf(v)
		require.NoError(t, json.Unmarshal(data, ptr))
		if d := cmp.Diff(v, elemOf(ptr), equateEmpty); d != "" {
			t.Errorf("%T round trip mismatch (-want +got):\n%s", v, d)
		}
	}
}

func newOf(v any) any {
	switch v.(type) {
	case NewOptions:
		return new(NewOptions)
	case Changes:
		return new(Changes)
	case Risk:
		return new(Risk)
	case Review:
		return new(Review)
	case ismsaudit.Lifecycle:
		return new(ismsaudit.Lifecycle)
	case RiskMatrix:
		return new(RiskMatrix)
	}
	panic("no case")
}

func elemOf(p any) any {
	switch p := p.(type) {
	case *NewOptions:
		return *p
	case *Changes:
		return *p
	case *Risk:
		return *p
	case *Review:
		return *p
	case *ismsaudit.Lifecycle:
		return *p
	case *RiskMatrix:
		return *p
	}
	panic("no case")
}

func TestProgrammeEnumsText(t *testing.T) {
	_, err := json.Marshal(struct{ S State }{"paused"})
	require.ErrorIs(t, err, ismsaudit.ErrInvalid, "an invalid enum is never written")
	for _, parse := range []func(string) error{
		func(s string) error { _, err := ParseState(s); return err },
		func(s string) error { _, err := ParseEvent(s); return err },
		func(s string) error { _, err := ParseManagerRole(s); return err },
		func(s string) error { _, err := ParseDirection(s); return err },
		func(s string) error { _, err := ParseRiskKind(s); return err },
		func(s string) error { _, err := ParseRiskCategory(s); return err },
		func(s string) error { _, err := ParseRiskLevel(s); return err },
		func(s string) error { _, err := ParseRiskState(s); return err },
		func(s string) error { _, err := ParseRiskEvent(s); return err },
		func(s string) error { _, err := ParseReviewInputKind(s); return err },
	} {
		err := parse("nonsense")
		var pe *ismsaudit.ParseError
		require.ErrorAs(t, err, &pe)
		assert.NotEmpty(t, pe.Valid)
	}
	level, err := ParseRiskLevel("very-high")
	require.NoError(t, err)
	assert.Equal(t, 1, level.Compare(LevelHigh))
	assert.Equal(t, -1, LevelLow.Compare(LevelMedium))
	assert.Equal(t, 8, len(riskCategorySet.Values()), "19011 5.3 a-h")
	var n int
	for range ReviewInputKinds() {
		n++
	}
	assert.Equal(t, 8, n)
}

func TestProgrammeDecodeErrors(t *testing.T) {
	good, err := json.Marshal(richProgramme(t))
	require.NoError(t, err)
	tests := []struct {
		name string
		data string
		path string
		rule ismsaudit.RuleID
	}{
		{"syntax", `{"id":`, "", "json-syntax"},
		{"trailing data", `{"id":"p","version":1} {}`, "", "json-trailing"},
		{"unknown field", `{"id":"p","colour":"red"}`, "", "unknown-field"},
		{"bad state", strings.Replace(string(good), `"state":"implementing"`, `"state":"paused"`, 1), "State", "enum"},
		{"bad risk level", strings.Replace(string(good), `"level":"high"`, `"level":"huge"`, 1), "", "enum"},
		{"version as text", `{"id":"p","version":"one"}`, "Version", "json-type"},
		{"no id", `{"version":1,"state":"draft","createdAt":"2026-01-05T09:00:00Z","createdBy":"pm","history":[]}`, "ID", "required"},
		{"duplicate risk id", strings.Replace(string(good), `"id":"t2"`, `"id":"t1"`, 1), "Risks[9].ID", "unique"},
		{"duplicate review id", strings.Replace(string(good), `"id":"rev-2"`, `"id":"rev-1"`, 1), "Reviews[1].ID", "unique"},
		{"risk without owner", strings.Replace(string(good), `"owner":"pm"`, `"owner":""`, 1), "Risks[0].Owner", "required"},
		{"earlier version without creator", strings.Replace(string(good), `"createdBy":"pm"`, `"createdBy":""`, 2), "Previous[0].CreatedBy", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Decode([]byte(tt.data))
			assert.Nil(t, p)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %s at %q in %v", tt.rule, tt.path, ve.Fields)
		})
	}
}

// FuzzDecode: Decode never panics; what it accepts, Verify
// checks without panicking, and it encodes and decodes back to the same
// programme.
func FuzzDecode(f *testing.F) {
	rich := richProgramme(f)
	withSchedule(rich)
	for _, p := range []*Programme{rich, inState(f, StateDraft), inState(f, StateClosed)} {
		data, err := json.Marshal(p)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte(`{"id":"p","version":1,"state":"draft","createdAt":"2026-01-05T09:00:00Z","createdBy":"pm","history":[],"extent":{},"resources":{},"records":{},"matrix":{"likelihood":[{"value":1,"name":"a"}],"impact":[{"value":1,"name":"a"}],"levels":[["low"]],"acceptable":"low"}}`))
	f.Add([]byte(`{"id":"p","version":2,"previous":[{"id":"p","version":1,"previous":[{}]}]}`))
	f.Add([]byte(`{"risks":[{"history":[{"from":"identified","event":"assess","to":"assessed"}],"assessments":[{"likelihood":-1,"impact":99,"version":-5}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode(data)
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			return
		}
		_ = Verify(p)
		_ = p.Permitted()
		_ = p.OpenActions()
		out, err := json.Marshal(p)
		require.NoError(t, err)
		back, err := Decode(out)
		require.NoError(t, err)
		if d := cmp.Diff(p, back, equateEmpty); d != "" {
			t.Fatalf("round trip mismatch (-want +got):\n%s", d)
		}
	})
}

// largeProgramme builds a programme in its third version, implementing, with
// risks register entries (each assessed, the high ones treated and
// monitored) and audits scheduled audits.
func largeProgramme(b *testing.B, risks, audits int) *Programme {
	b.Helper()
	p := newDraft(b)
	cats := riskCategorySet.Values()
	for i := range risks {
		id := RiskID("r" + strconv.Itoa(i))
		require.NoError(b, p.AddRisk(newRisk(id, KindRisk, cats[i%len(cats)]), metaOn(1, "")))
		a := lowRating()
		if i%3 == 0 {
			a = highRating()
		}
		require.NoError(b, p.AssessRisk(id, a, metaOn(1, "")))
		if i%3 == 0 {
			require.NoError(b, p.PlanTreatment(id, newTreatment(30), metaOn(1, "")))
			require.NoError(b, p.TreatRisk(id, "done", metaOn(2, "")))
			require.NoError(b, p.MonitorRisk(id, lowRating(), metaOn(2, "")))
		}
	}
	for i := range audits {
		p.Schedule = append(p.Schedule, ScheduledAudit{ID: ScheduledAuditID("a" + strconv.Itoa(i)), Kind: annexa.Internal, Auditee: "Example Ltd",
			Clauses: []annexa.ClauseID{"9.2"}, Due: Window{Earliest: onDay(10 + i%300), Latest: onDay(40 + i%300)}, Days: 1})
	}
	day := 3
	for v := 1; v <= 3; v++ {
		require.NoError(b, p.Fire(EventApprove, metaOn(day, "")))
		require.NoError(b, p.Fire(EventImplement, metaOn(day+1, "")))
		if v == 3 {
			break
		}
		require.NoError(b, p.Fire(EventReview, metaOn(day+100, "")))
		rev := newReview(ReviewID("rev-" + strconv.Itoa(v)))
		require.NoError(b, p.RecordReview(rev, metaOn(day+101, "")))
		next, err := p.Improve(Changes{}, metaOn(day+102, ""))
		require.NoError(b, err)
		p, day = next, day+103
	}
	require.NoError(b, Verify(p))
	return p
}

func BenchmarkProgrammeNew(b *testing.B) {
	b.ReportAllocs()
	opts, m := completeOptions(), metaOn(0, "")
	for b.Loop() {
		if _, err := New(opts, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProgrammeImprove improves a programme holding 1,000 scheduled
// audits, 200 register entries and two earlier versions (the copy of the
// record the new version makes included).
func BenchmarkProgrammeImprove(b *testing.B) {
	b.ReportAllocs()
	base := largeProgramme(b, 200, 1000)
	require.NoError(b, base.Fire(EventReview, metaOn(400, "")))
	require.NoError(b, base.RecordReview(newReview("rev-3"), metaOn(401, "")))
	for b.Loop() {
		b.StopTimer()
		p := deepCopy(*base)
		b.StartTimer()
		if _, err := p.Improve(Changes{}, metaOn(402, "")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProgrammeDecode decodes the same programme from JSON.
func BenchmarkProgrammeDecode(b *testing.B) {
	b.ReportAllocs()
	data, err := json.Marshal(largeProgramme(b, 200, 1000))
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}
