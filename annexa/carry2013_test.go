package annexa_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// all2013 returns a complete 2013 SoA: every control included for risk
// treatment and implemented, each with the same justification.
func all2013() []annexa.Decision2013 {
	var out []annexa.Decision2013
	for c := range annexa.Controls2013() {
		out = append(out, annexa.Decision2013{
			Control:       c.ID(),
			Applicability: annexa.Applicable,
			Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
			Justification: "Chosen by the risk treatment",
			Status:        annexa.Implemented,
		})
	}
	return out
}

// set replaces the decision for id in ds.
func set(ds []annexa.Decision2013, d annexa.Decision2013) {
	for i := range ds {
		if ds[i].Control == d.Control {
			ds[i] = d
			return
		}
	}
	panic("no 2013 control " + d.Control)
}

func excluded2013(id annexa.Control2013ID, why string) annexa.Decision2013 {
	return annexa.Decision2013{Control: id, Applicability: annexa.Excluded, Justification: why}
}

func entry(t *testing.T, r *annexa.CarryReport, id annexa.ControlID) annexa.CarriedControl {
	t.Helper()
	for _, c := range r.Controls {
		if c.Control == id {
			return c
		}
	}
	t.Fatalf("no report entry for %s", id)
	return annexa.CarriedControl{}
}

func TestCarry2013AllIncluded(t *testing.T) {
	s, r, err := annexa.Carry2013("Example Ltd", "2023-1", all2013())
	require.NoError(t, err)
	require.Len(t, r.Controls, annexa.ControlCount)

	var news []annexa.ControlID
	for c := range annexa.Controls() {
		if c.IsNew() {
			news = append(news, c.ID())
		}
	}
	require.Len(t, news, 11)
	if diff := cmp.Diff(news, r.Undecided()); diff != "" {
		t.Errorf("undecided mismatch (-want +got):\n%s", diff)
	}
	assert.Equal(t, 11, r.Count(annexa.CarryNew))
	assert.Equal(t, 0, r.Count(annexa.CarryConflict))
	assert.Equal(t, annexa.ControlCount-11, r.Count(annexa.CarryOne)+r.Count(annexa.CarryMerged))
	assert.Len(t, s.Decisions, annexa.ControlCount-11)
	assert.Equal(t, "Example Ltd", s.Organization)
	assert.Equal(t, "2023-1", s.Version)
	assert.Equal(t, ismsaudit.KindSoA, s.DocumentKind)

	// Every control in Annex A order, each report entry names its sources.
	for i, c := range slices.Collect(annexa.Controls()) {
		e := r.Controls[i]
		assert.Equal(t, c.ID(), e.Control)
		assert.Len(t, e.From, len(c.Predecessors()))
		assert.NotEmpty(t, e.Detail)
	}
	// Incomplete until the new ones are decided, and only for them.
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, s.Validate(), &ve)
	require.Len(t, ve.Fields, 11)
	for i, f := range ve.Fields {
		assert.Equal(t, annexa.RuleSoAComplete, f.Rule)
		assert.Equal(t, string(news[i]), f.Value)
	}
	for _, id := range r.Undecided() {
		require.NoError(t, s.Exclude(id, "Decided after the carrying"))
	}
	require.NoError(t, s.Validate())

	// Merged with one justification: kept as it is.
	d, ok := s.Decision("5.1")
	require.True(t, ok)
	assert.Equal(t, "Chosen by the risk treatment", d.Justification)
	assert.Equal(t, annexa.CarryMerged, entry(t, r, "5.1").Outcome)
	assert.Equal(t, []annexa.Control2013ID{"5.1.1", "5.1.2"}, entry(t, r, "5.1").From)
}

func TestCarry2013Outcomes(t *testing.T) {
	ds := all2013()
	// 5.1 <- 5.1.1, 5.1.2: both excluded, different reasons: merged.
	set(ds, excluded2013("5.1.1", "Policy set by the parent company"))
	set(ds, excluded2013("5.1.2", "Reviewed by the parent company"))
	// 5.14 <- 13.2.1, 13.2.2, 13.2.3: mixed: conflict.
	set(ds, excluded2013("13.2.2", "No transfer agreements"))
	// 5.9 <- 8.1.1, 8.1.2: included, statuses and bases differ.
	set(ds, annexa.Decision2013{Control: "8.1.2", Applicability: annexa.Applicable,
		Bases:         []annexa.InclusionBasis{annexa.BasisContractual, annexa.BasisRiskTreatment},
		Justification: "Customers ask for named owners", Status: annexa.PartiallyImplemented})
	// 5.36 <- 18.2.2, 18.2.3 and 8.8 <- 12.6.1, 18.2.3: 18.2.3 excluded.
	set(ds, excluded2013("18.2.3", "No technical reviews"))

	s, r, err := annexa.Carry2013("Example Ltd", "", ds)
	require.NoError(t, err)

	tests := []struct {
		id      annexa.ControlID
		outcome annexa.CarryOutcome
		want    *annexa.Decision
	}{
		{"5.1", annexa.CarryMerged, &annexa.Decision{Control: "5.1", Applicability: annexa.Excluded,
			Justification: "A.5.1.1: Policy set by the parent company; A.5.1.2: Reviewed by the parent company"}},
		{"5.14", annexa.CarryConflict, nil},
		{"5.9", annexa.CarryMerged, &annexa.Decision{Control: "5.9", Applicability: annexa.Applicable,
			Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment, annexa.BasisContractual},
			Justification: "A.8.1.1: Chosen by the risk treatment; A.8.1.2: Customers ask for named owners",
			Status:        annexa.PartiallyImplemented}},
		{"5.36", annexa.CarryConflict, nil},
		{"8.8", annexa.CarryConflict, nil},
		{"5.2", annexa.CarryOne, &annexa.Decision{Control: "5.2", Applicability: annexa.Applicable,
			Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Chosen by the risk treatment", Status: annexa.Implemented}},
		{"5.7", annexa.CarryNew, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			assert.Equal(t, tt.outcome, entry(t, r, tt.id).Outcome)
			got, ok := s.Decision(tt.id)
			if tt.want == nil {
				assert.False(t, ok, "an undecided control has no decision")
				assert.Contains(t, r.Undecided(), tt.id)
				return
			}
			require.True(t, ok)
			if diff := cmp.Diff(*tt.want, got); diff != "" {
				t.Errorf("decision mismatch (-want +got):\n%s", diff)
			}
		})
	}
	assert.Equal(t, 3, r.Count(annexa.CarryConflict))
	assert.Len(t, r.Undecided(), 14)
}

func TestCarry2013RefusesBadInput(t *testing.T) {
	tests := []struct {
		name string
		edit func([]annexa.Decision2013) []annexa.Decision2013
		want []ismsaudit.FieldError
	}{
		{"missing", func(ds []annexa.Decision2013) []annexa.Decision2013 { return ds[1:] },
			[]ismsaudit.FieldError{{Path: "Decisions", Rule: annexa.RuleSoAComplete, Value: "5.1.1"}}},
		{"duplicate", func(ds []annexa.Decision2013) []annexa.Decision2013 { return append(ds, ds[3]) },
			[]ismsaudit.FieldError{{Path: "Decisions[114].Control", Rule: ismsaudit.RuleUnique, Value: "6.1.2"}}},
		{"unknown and not canonical", func(ds []annexa.Decision2013) []annexa.Decision2013 {
			ds[0].Control = "19.1.1"
			ds[1].Control = "A.5.1.2"
			return ds
		}, []ismsaudit.FieldError{
			{Path: "Decisions[0].Control", Rule: ismsaudit.RuleUnknown, Value: "19.1.1"},
			{Path: "Decisions[1].Control", Rule: ismsaudit.RuleFormat, Value: "A.5.1.2"},
			{Path: "Decisions", Rule: annexa.RuleSoAComplete, Value: "5.1.1"},
			{Path: "Decisions", Rule: annexa.RuleSoAComplete, Value: "5.1.2"},
		}},
		{"undecided and unjustified", func(ds []annexa.Decision2013) []annexa.Decision2013 {
			ds[2].Applicability = ""
			ds[3].Justification = " "
			ds[4] = annexa.Decision2013{Control: ds[4].Control, Applicability: annexa.Excluded, Status: annexa.Planned}
			ds[5].Applicability = "maybe"
			return ds
		}, []ismsaudit.FieldError{
			{Path: "Decisions[2].Applicability", Rule: ismsaudit.RuleRequired, Value: "6.1.1"},
			{Path: "Decisions[3].Justification", Rule: annexa.RuleInclusionJustified, Value: "6.1.2"},
			{Path: "Decisions[4].Justification", Rule: annexa.RuleExclusionJustified, Value: "6.1.3"},
			{Path: "Decisions[4].Status", Rule: annexa.RuleExclusionConsistent, Value: "6.1.3"},
			{Path: "Decisions[5].Applicability", Rule: ismsaudit.RuleEnum, Value: "6.1.4"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, r, err := annexa.Carry2013("", "", tt.edit(all2013()))
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			assert.Nil(t, s)
			assert.Nil(t, r)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			got := make([]ismsaudit.FieldError, len(ve.Fields))
			for i, f := range ve.Fields {
				got[i] = ismsaudit.FieldError{Path: f.Path, Rule: f.Rule, Value: f.Value}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCarry2013LeavesInputAlone(t *testing.T) {
	ds := all2013()
	before := all2013()
	s, _, err := annexa.Carry2013("", "", ds)
	require.NoError(t, err)
	s.Decisions[0].Bases[0] = annexa.BasisBusiness
	if diff := cmp.Diff(before, ds); diff != "" {
		t.Errorf("input changed (-want +got):\n%s", diff)
	}
}

func TestCarryReportJSONRoundTrip(t *testing.T) {
	_, r, err := annexa.Carry2013("", "", all2013())
	require.NoError(t, err)
	data, err := json.Marshal(r)
	require.NoError(t, err)
	var back annexa.CarryReport
	require.NoError(t, json.Unmarshal(data, &back))
	if diff := cmp.Diff(*r, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
}

func TestCarryOutcomeEnum(t *testing.T) {
	for o := range annexa.CarryOutcomes() {
		require.True(t, o.IsValid())
		got, err := annexa.ParseCarryOutcome(o.String())
		require.NoError(t, err)
		assert.Equal(t, o, got)
	}
	_, err := annexa.ParseCarryOutcome("maybe")
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	assert.False(t, annexa.CarryOutcome("").IsValid())
	var o annexa.CarryOutcome
	require.Error(t, o.UnmarshalText([]byte("Merged")))
}

func ExampleCarry2013() {
	var decisions []annexa.Decision2013
	for c := range annexa.Controls2013() {
		d := annexa.Decision2013{Control: c.ID(), Applicability: annexa.Applicable,
			Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Chosen by the risk treatment", Status: annexa.Implemented}
		if c.ID() == "13.2.2" {
			d = annexa.Decision2013{Control: c.ID(), Applicability: annexa.Excluded, Justification: "No information is transferred to other parties"}
		}
		decisions = append(decisions, d)
	}
	soa, carried, err := annexa.Carry2013("Example Ltd", "2024-1", decisions)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("decided:", len(soa.Decisions), "to decide:", len(carried.Undecided()))
	for _, c := range carried.Controls {
		if c.Control == "5.14" || c.Control == "5.7" || c.Control == "5.1" {
			fmt.Printf("%s %s: %s\n", c.Control, c.Outcome, c.Detail)
		}
	}
	// Decide what the carrying could not, then the SoA is complete.
	for _, id := range carried.Undecided() {
		if err := soa.Include(id, annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Chosen in the 2022 review", Status: annexa.Planned}); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println("complete:", soa.Validate() == nil)
	// Output:
	// decided: 81 to decide: 12
	// 5.1 merged: merged from A.5.1.1, A.5.1.2, all applicable
	// 5.7 new: new in ISO/IEC 27001:2022: decide whether it applies
	// 5.14 conflict: merges A.13.2.1, A.13.2.3, included, and A.13.2.2, excluded: decide whether it applies
	// complete: true
}

// TestCarry2013MergeDetails checks what a merge of included predecessors
// keeps: the bases of all in the order InclusionBases lists them (not the
// order met), the least implemented status, and a detail that says the
// statuses differed; predecessors that agree get no such remark.
func TestCarry2013MergeDetails(t *testing.T) {
	ds := all2013()
	// 5.9 <- 8.1.1, 8.1.2: bases met in reverse order, statuses differ.
	set(ds, annexa.Decision2013{Control: "8.1.1", Applicability: annexa.Applicable,
		Bases: []annexa.InclusionBasis{annexa.BasisBusiness}, Justification: "Asset owners named", Status: annexa.Implemented})
	set(ds, annexa.Decision2013{Control: "8.1.2", Applicability: annexa.Applicable,
		Bases: []annexa.InclusionBasis{annexa.BasisContractual, annexa.BasisRiskTreatment}, Justification: "Asset owners named", Status: annexa.Planned})
	s, r, err := annexa.Carry2013("Example Ltd", "", ds)
	require.NoError(t, err)

	d, ok := s.Decision("5.9")
	require.True(t, ok)
	want := annexa.Decision{Control: "5.9", Applicability: annexa.Applicable,
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment, annexa.BasisContractual, annexa.BasisBusiness},
		Justification: "Asset owners named", Status: annexa.Planned}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("merged decision mismatch (-want +got):\n%s", diff)
	}
	assert.Contains(t, entry(t, r, "5.9").Detail, "statuses differ, the least implemented (planned) kept")
	// 5.10 <- 8.1.3, 8.2.3: the same status on both sides.
	e := entry(t, r, "5.10")
	require.Equal(t, annexa.CarryMerged, e.Outcome)
	assert.NotContains(t, e.Detail, "statuses differ")
}

// TestCarry2013RefusesBadPartsOfAnyDecision checks that a decision's
// bases and status are checked once whether it is applicable or not
// yet decided.
func TestCarry2013RefusesBadPartsOfAnyDecision(t *testing.T) {
	ds := all2013()
	ds[0].Applicability = ""
	ds[0].Bases = []annexa.InclusionBasis{"gut-feeling"}
	ds[0].Status = "done"
	ds[1].Status = "done"
	_, _, err := annexa.Carry2013("", "", ds)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	got := make([]ismsaudit.FieldError, len(ve.Fields))
	for i, f := range ve.Fields {
		got[i] = ismsaudit.FieldError{Path: f.Path, Rule: f.Rule, Value: f.Value}
	}
	want := []ismsaudit.FieldError{
		{Path: "Decisions[0].Applicability", Rule: ismsaudit.RuleRequired, Value: "5.1.1"},
		{Path: "Decisions[0].Bases[0]", Rule: ismsaudit.RuleEnum, Value: "5.1.1"},
		{Path: "Decisions[0].Status", Rule: ismsaudit.RuleEnum, Value: "5.1.1"},
		{Path: "Decisions[1].Status", Rule: ismsaudit.RuleEnum, Value: "5.1.2"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems mismatch (-want +got):\n%s", diff)
	}
}
