package annexa

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAssess(t *testing.T) {
	ref := RefToControl("8.8")
	tests := []struct {
		name string
		a    Assessment
		want []ismsaudit.FieldError
	}{
		{"conforms with evidence", Assessment{Result: Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"EV-1"}}, nil},
		{"minor with notes and evidence", Assessment{Result: MinorNonconformity, Notes: "two servers overdue", EvidenceRefs: []ismsaudit.EvidenceID{"EV-2", "EV-3"}}, nil},
		{"observation with notes", Assessment{Result: Observation, Notes: "scan scope unclear"}, nil},
		{"conforms without evidence", Assessment{Result: Conforms}, []ismsaudit.FieldError{{Path: "EvidenceRefs", Rule: RuleAssessmentEvidence}}},
		{"major without notes or evidence", Assessment{Result: MajorNonconformity}, []ismsaudit.FieldError{
			{Path: "Notes", Rule: RuleAssessmentNotes}, {Path: "EvidenceRefs", Rule: RuleAssessmentEvidence}}},
		{"not applicable without notes", Assessment{Result: NotApplicable}, []ismsaudit.FieldError{{Path: "Notes", Rule: RuleAssessmentNotes}}},
		{"not assessed", Assessment{Result: NotAssessed}, []ismsaudit.FieldError{{Path: "Result", Rule: ismsaudit.RuleRequired}}},
		{"bad result", Assessment{Result: "great"}, []ismsaudit.FieldError{{Path: "Result", Rule: ismsaudit.RuleEnum}}},
		{"empty evidence ref", Assessment{Result: Conforms, EvidenceRefs: []ismsaudit.EvidenceID{" "}}, []ismsaudit.FieldError{{Path: "EvidenceRefs[0]", Rule: ismsaudit.RuleRequired}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl, err := NewChecklist(sampleSoA(t), ChecklistOptions{Kind: Internal, Controls: []ControlID{"8.8"}})
			require.NoError(t, err)
			before, _ := json.Marshal(cl)
			err = cl.Assess(ref, tt.a)
			if tt.want == nil {
				require.NoError(t, err)
				it, _ := cl.Item(ref)
				assert.Equal(t, tt.a.Result, it.Result)
				assert.False(t, it.Pending())
				require.NoError(t, cl.Validate())
				return
			}
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			if diff := cmp.Diff(tt.want, pathsAndRules(ve.Fields)); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
			after, _ := json.Marshal(cl)
			assert.JSONEq(t, string(before), string(after), "refused assessment changed the checklist")
		})
	}
}

func TestNotAuditedAndReset(t *testing.T) {
	cl, err := NewChecklist(sampleSoA(t), ChecklistOptions{Kind: Internal, Controls: []ControlID{"7.4", "8.8"}})
	require.NoError(t, err)
	assert.Equal(t, 2, count(cl.Pending()))
	a, b := RefToControl("7.4"), RefToControl("8.8")

	require.ErrorIs(t, cl.MarkNotAudited(a, " "), ismsaudit.ErrInvalid)
	require.ErrorIs(t, cl.MarkNotAudited(RefToControl("5.1"), "x"), ismsaudit.ErrNotFound)
	require.NoError(t, cl.MarkNotAudited(a, "site closed for refurbishment"))
	require.ErrorIs(t, cl.Assess(a, Assessment{Result: Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E"}}), ismsaudit.ErrInvalid)
	require.NoError(t, cl.Assess(b, Assessment{Result: Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E"}}))
	require.ErrorIs(t, cl.MarkNotAudited(b, "x"), ismsaudit.ErrInvalid)
	assert.Equal(t, 0, count(cl.Pending()))

	counts, notAudited := cl.Tally()
	assert.Equal(t, 1, notAudited)
	assert.Equal(t, ResultCount{Result: Conforms, Count: 1}, counts[1])
	assert.Len(t, counts, 7)

	require.NoError(t, cl.Reset(a))
	require.NoError(t, cl.Reset(b))
	assert.Equal(t, 2, count(cl.Pending()))
	require.ErrorIs(t, cl.Reset(RefToControl("5.1")), ismsaudit.ErrNotFound)
}

// TestTally counts every item once: pending items under NotAssessed, items
// not audited apart, each assessed item under its result.
func TestTally(t *testing.T) {
	ev := []ismsaudit.EvidenceID{"E"}
	tests := []struct {
		name           string
		do             func(t *testing.T, cl *Checklist)
		want           map[Result]int // results not listed count zero
		wantNotAudited int
	}{
		{"nothing assessed", func(*testing.T, *Checklist) {}, map[Result]int{NotAssessed: 3}, 0},
		{"one of each kind", func(t *testing.T, cl *Checklist) {
			require.NoError(t, cl.Assess(RefToControl("7.4"), Assessment{Result: Conforms, EvidenceRefs: ev}))
			require.NoError(t, cl.MarkNotAudited(RefToControl("8.8"), "site closed"))
		}, map[Result]int{NotAssessed: 1, Conforms: 1}, 1},
		{"every item assessed", func(t *testing.T, cl *Checklist) {
			require.NoError(t, cl.Assess(RefToControl("5.1"), Assessment{Result: MinorNonconformity, Notes: "policy not reviewed", EvidenceRefs: ev}))
			require.NoError(t, cl.Assess(RefToControl("7.4"), Assessment{Result: MinorNonconformity, Notes: "no patrol log", EvidenceRefs: ev}))
			require.NoError(t, cl.Assess(RefToControl("8.8"), Assessment{Result: Observation, Notes: "scans late"}))
		}, map[Result]int{MinorNonconformity: 2, Observation: 1}, 0},
		{"every item not audited", func(t *testing.T, cl *Checklist) {
			for _, id := range []ControlID{"5.1", "7.4", "8.8"} {
				require.NoError(t, cl.MarkNotAudited(RefToControl(id), "out of time"))
			}
		}, map[Result]int{}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl, err := NewChecklist(sampleSoA(t), ChecklistOptions{Kind: Internal, Controls: []ControlID{"5.1", "7.4", "8.8"}})
			require.NoError(t, err)
			tt.do(t, cl)
			var want []ResultCount
			for r := range Results() {
				want = append(want, ResultCount{Result: r, Count: tt.want[r]})
			}
			counts, notAudited := cl.Tally()
			if diff := cmp.Diff(want, counts); diff != "" {
				t.Errorf("counts mismatch (-want +got):\n%s", diff)
			}
			assert.Equal(t, tt.wantNotAudited, notAudited)
		})
	}
}
