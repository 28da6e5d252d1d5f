package audit

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// assessed is an assessment on evidence item E-1.
func assessed(r annexa.Result, notes string) *annexa.Assessment {
	return &annexa.Assessment{Result: r, Notes: notes, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}
}

// TestRecordResultsAppliesAll checks that an accepted batch leaves the
// checklist as recording its results one by one does, and adds no
// history entry.
func TestRecordResultsAppliesAll(t *testing.T) {
	a := auditIn(t, StateFieldwork)
	require.NoError(t, a.Checklist.Reset(refVuln))
	require.NoError(t, a.Checklist.Reset(refPolicy))
	batch := []ItemResult{
		{Ref: refRisk, Assessment: assessed(annexa.Observation, "the method is not written down")},
		{Ref: refVuln, NotAudited: "the patching team was not available"},
		{Ref: refPolicy, Assessment: assessed(annexa.Conforms, "")},
	}
	want := deepCopy(a)
	m := byLead(march(4, 1))
	require.NoError(t, want.RecordResult(refRisk, *batch[0].Assessment, m))
	require.NoError(t, want.MarkNotAudited(refVuln, batch[1].NotAudited, m))
	require.NoError(t, want.RecordResult(refPolicy, *batch[2].Assessment, m))

	require.NoError(t, a.RecordResults(batch, m))
	if diff := cmp.Diff(want, a); diff != "" {
		t.Errorf("batch differs from one by one: mismatch (-want +got):\n%s", diff)
	}
	batch[0].Assessment.EvidenceRefs[0] = "E-changed"
	it, _ := a.Checklist.Item(refRisk)
	assert.Equal(t, []ismsaudit.EvidenceID{"E-1"}, it.EvidenceRefs, "the audit keeps its own copy")
}

// TestRecordResultsEmptyBatch checks that an empty batch is accepted and
// changes nothing.
func TestRecordResultsEmptyBatch(t *testing.T) {
	a := auditIn(t, StateFieldwork)
	before := deepCopy(a)
	require.NoError(t, a.RecordResults(nil, byLead(march(4, 1))))
	unchanged(t, before, a)
}

// TestRecordResultsRefusesBadInput checks that every problem of every
// result is reported at once, at the result's index, and that nothing
// changes.
func TestRecordResultsRefusesBadInput(t *testing.T) {
	m := byLead(march(4, 1))
	testBadInput(t, []badInputCase{
		{name: "every problem at once", state: StateFieldwork,
			setup: func(a *Audit) { require.NoError(t, a.Checklist.Reset(refVuln)) },
			op: func(a *Audit) error {
				return a.RecordResults([]ItemResult{
					{Ref: refRisk, Assessment: assessed(annexa.Conforms, "")}, // fine on its own
					{Ref: refAccess, Assessment: &annexa.Assessment{Result: annexa.MajorNonconformity, EvidenceRefs: []ismsaudit.EvidenceID{"E-404"}}},
					{Ref: itemNotInPlan, Assessment: assessed(annexa.Conforms, "")},
					{Ref: refRisk, Assessment: assessed(annexa.Conforms, "")},
					{Ref: refVuln, NotAudited: "  "},
					{Ref: refPolicy, Assessment: assessed(annexa.Result("maybe"), "x"), NotAudited: "no time"},
				}, m)
			},
			want: []problem{
				{"Results[1].Assessment.EvidenceRefs[0]", ismsaudit.RuleUnknown},
				{"Results[1].Assessment.Notes", annexa.RuleAssessmentNotes},
				{"Results[2].Ref", ismsaudit.RuleUnknown},
				{"Results[3].Ref", ismsaudit.RuleUnique},
				{"Results[4].NotAudited", ismsaudit.RuleRequired},
				{"Results[5].NotAudited", annexa.RuleItemOneOutcome},
				{"Results[5].Assessment.Result", ismsaudit.RuleEnum},
			}},
		{name: "not audited after a result", state: StateFieldwork,
			op: func(a *Audit) error {
				return a.RecordResults([]ItemResult{{Ref: refRisk, NotAudited: "no time"}}, m)
			},
			want: []problem{{"Results[0].Ref", annexa.RuleItemOneOutcome}}},
		{name: "no meta", state: StateFieldwork,
			op: func(a *Audit) error {
				return a.RecordResults([]ItemResult{{Ref: refRisk, Assessment: assessed(annexa.Conforms, "")}}, ismsaudit.Meta{})
			},
			want: []problem{{"Meta.At", ismsaudit.RuleRequired}, {"Meta.By", ismsaudit.RuleRequired}}},
	})
}

// TestRecordResultsUnknownIsNotFound checks that a batch naming an item
// the checklist lacks also matches ismsaudit.ErrNotFound.
func TestRecordResultsUnknownIsNotFound(t *testing.T) {
	a := auditIn(t, StateFieldwork)
	err := refuses(t, a, func() error {
		return a.RecordResults([]ItemResult{{Ref: itemNotInPlan, NotAudited: "no time"}}, byLead(march(4, 1)))
	})
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
}

// TestRecordResultsRefusesWrongState checks that results are recorded
// during fieldwork only, and that CheckResults says the same.
func TestRecordResultsRefusesWrongState(t *testing.T) {
	batch := []ItemResult{{Ref: refRisk, Assessment: assessed(annexa.Conforms, "")}}
	testWrongState(t, []wrongStateCase{
		{"batch in preparation", StatePreparation, func(a *Audit) error { return a.RecordResults(batch, byLead(march(3, 5))) }, RuleChecklistFieldwork},
		{"batch after fieldwork", StateFindings, func(a *Audit) error { return a.RecordResults(batch, byLead(march(5, 7))) }, RuleChecklistFieldwork},
		{"check in preparation", StatePreparation, func(a *Audit) error { return a.CheckResults(batch, byLead(march(3, 5))) }, RuleChecklistFieldwork},
	})
}

// TestCheckResultsChangesNothing checks that CheckResults answers as
// RecordResults would and never records.
func TestCheckResultsChangesNothing(t *testing.T) {
	a := auditIn(t, StateFieldwork)
	before := deepCopy(a)
	m := byLead(march(4, 1))
	require.NoError(t, a.CheckResults([]ItemResult{{Ref: refRisk, Assessment: assessed(annexa.Observation, "noted")}}, m))
	requireInvalid(t, a.CheckResults([]ItemResult{{Ref: refRisk, Assessment: assessed(annexa.Observation, "")}}, m),
		problem{"Results[0].Assessment.Notes", annexa.RuleAssessmentNotes})
	unchanged(t, before, a)
}

// TestRecordResultsSealed checks that on a sealed record an accepted
// batch is one recorded change and the seal still verifies, and that a
// refused one changes nothing, seal included.
func TestRecordResultsSealed(t *testing.T) {
	a := auditIn(t, StateFieldwork)
	at := stageAt[StateFieldwork].Add(6 * time.Hour)
	require.NoError(t, a.SealRecord(byLead(at)))
	m := byLead(at.Add(time.Hour))
	refuses(t, a, func() error {
		return a.RecordResults([]ItemResult{{Ref: refRisk, Assessment: assessed(annexa.Observation, "")}}, m)
	})
	require.NoError(t, a.RecordResults([]ItemResult{
		{Ref: refRisk, Assessment: assessed(annexa.Observation, "the method is not written down")},
		{Ref: refAudit, Assessment: assessed(annexa.OpportunityForImprovement, "sampling could be wider")},
	}, m))
	require.NoError(t, a.VerifySeal())
	require.Len(t, a.Seal.Changes, 1)
	c := a.Seal.Changes[0]
	assert.Equal(t, "record-results", c.Op)
	assert.Equal(t, m.At, c.At)
	assert.NotEmpty(t, c.Parts)
}

// TestRecordResultsProperties: for random batches over the fixture's
// checklist (items pending, assessed or not audited; unknown and repeated
// references; results with and without notes and evidence), a refused
// batch changes nothing, and a batch is accepted exactly when recording
// its results one by one is, leaving the same record.
func TestRecordResultsProperties(t *testing.T) {
	refs := append(append([]annexa.Ref(nil), fixtureCriteria...), itemNotInPlan)
	rapid.Check(t, func(t *rapid.T) {
		a := auditIn(t, StateFieldwork)
		for _, r := range fixtureCriteria {
			switch rapid.IntRange(0, 2).Draw(t, "start") {
			case 1:
				require.NoError(t, a.Checklist.Reset(r))
			case 2:
				require.NoError(t, a.Checklist.Reset(r))
				require.NoError(t, a.Checklist.MarkNotAudited(r, "no time"))
			}
		}
		batch := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) ItemResult {
			r := ItemResult{Ref: rapid.SampledFrom(refs).Draw(t, "ref")}
			if rapid.Bool().Draw(t, "not-audited") {
				r.NotAudited = rapid.SampledFrom([]string{"", "the area was closed"}).Draw(t, "reason")
				return r
			}
			as := annexa.Assessment{Result: rapid.SampledFrom(slices.Collect(annexa.Results())).Draw(t, "result")}
			as.Notes = rapid.SampledFrom([]string{"", "seen in the records"}).Draw(t, "notes")
			as.EvidenceRefs = rapid.SliceOfN(rapid.SampledFrom([]ismsaudit.EvidenceID{"E-1", "E-404"}), 0, 2).Draw(t, "evidence")
			r.Assessment = &as
			return r
		}), 0, 6).Draw(t, "batch")
		m := byLead(march(4, 1))

		oneByOne := deepCopy(a)
		var stepErr error
		seen := map[annexa.Ref]bool{}
		for _, r := range batch {
			if seen[r.Ref] {
				stepErr = errors.Join(stepErr, errors.New("repeated"))
				continue
			}
			seen[r.Ref] = true
			if r.Assessment != nil {
				stepErr = errors.Join(stepErr, oneByOne.RecordResult(r.Ref, *r.Assessment, m))
			} else {
				stepErr = errors.Join(stepErr, oneByOne.MarkNotAudited(r.Ref, r.NotAudited, m))
			}
		}

		before := deepCopy(a)
		checked := a.CheckResults(batch, m)
		err := a.RecordResults(batch, m)
		if (checked == nil) != (err == nil) {
			t.Fatalf("CheckResults said %v, RecordResults %v", checked, err)
		}
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			if diff := cmp.Diff(before, a); diff != "" {
				t.Fatalf("a refused batch (%v) changed the record: mismatch (-want +got):\n%s", err, diff)
			}
			if stepErr == nil {
				t.Fatalf("the batch was refused (%v) but each of its results was accepted alone", err)
			}
			return
		}
		if stepErr != nil {
			t.Fatalf("the batch was accepted but one by one was refused: %v", stepErr)
		}
		if diff := cmp.Diff(oneByOne, a); diff != "" {
			t.Fatalf("the batch differs from one by one: mismatch (-want +got):\n%s", diff)
		}
	})
}

// batchExampleT stands in for a *testing.T in the example below: a
// fixture failure stops the example.
type batchExampleT struct{}

func (batchExampleT) Helper()                   {}
func (batchExampleT) Errorf(f string, a ...any) { panic(fmt.Sprintf(f, a...)) }
func (batchExampleT) FailNow()                  { panic("fixture failed") }

// A checklist filled offline comes back as one batch: every problem is
// reported at once, at the result's index, and nothing is recorded until
// the batch is right.
func ExampleAudit_RecordResults() {
	a := auditIn(batchExampleT{}, StateFieldwork) // every item assessed on E-1
	_ = a.Checklist.Reset(refVuln)
	m := byLead(march(4, 9))
	batch := []ItemResult{
		{Ref: refRisk, Assessment: &annexa.Assessment{Result: annexa.Observation, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}},
		{Ref: refVuln, NotAudited: "the patch manager was on leave"},
		{Ref: annexa.RefToControl("7.4"), NotAudited: "not planned"},
	}
	err := a.RecordResults(batch, m)
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	it, _ := a.Checklist.Item(refVuln)
	fmt.Printf("%s pending: %v\n", refVuln, it.Pending())

	batch[0].Assessment.Notes = "the method is not written down"
	fmt.Println(a.RecordResults(batch[:2], m))
	it, _ = a.Checklist.Item(refVuln)
	fmt.Println(refVuln, "not audited:", it.NotAuditedReason)
	// Output:
	// Results[0].Assessment.Notes ANX-ASSESSMENT-NOTES
	// Results[2].Ref unknown
	// A.8.8 pending: true
	// <nil>
	// A.8.8 not audited: the patch manager was on leave
}
