package annexa

import (
	"encoding/json"
	"flag"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// riskTreated is the default inclusion the tests give every control.
var riskTreated = Inclusion{
	Bases:         []InclusionBasis{BasisRiskTreatment},
	Justification: "Selected by the risk treatment plan",
	Status:        Implemented,
}

// newSoA returns an SoA that includes every control as riskTreated.
func newSoA(t testing.TB, organization string) *SoA {
	t.Helper()
	s, err := NewSoA(organization, riskTreated)
	require.NoError(t, err)
	return s
}

func sampleSoA(t testing.TB) *SoA {
	t.Helper()
	s := newSoA(t, "Example Ltd")
	s.Version = "3"
	require.NoError(t, s.Exclude("A.7.12", "No cabling of our own: production runs in the cloud"))
	require.NoError(t, s.Exclude("8.30", "No outsourced development"))
	require.NoError(t, s.Include("8.11", Inclusion{
		Bases:         []InclusionBasis{BasisLegalOrRegulatory, BasisRiskTreatment},
		Justification: "Data protection law; risk R-12",
		Status:        Planned,
	}))
	return s
}

func TestNewSoAIsValid(t *testing.T) {
	s := sampleSoA(t)
	require.NoError(t, s.Validate())
	assert.Len(t, s.Decisions, ControlCount)
	d, ok := s.Decision("A.7.12")
	require.True(t, ok)
	assert.Equal(t, Excluded, d.Applicability)
	d, ok = s.Decision("8.11")
	require.True(t, ok)
	want := Decision{Control: "8.11", Applicability: Applicable, Bases: []InclusionBasis{BasisLegalOrRegulatory, BasisRiskTreatment},
		Justification: "Data protection law; risk R-12", Status: Planned}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("overridden decision mismatch (-want +got):\n%s", diff)
	}
	d, ok = s.Decision("5.1")
	require.True(t, ok)
	want = Decision{Control: "5.1", Applicability: Applicable, Bases: riskTreated.Bases, Justification: riskTreated.Justification, Status: Implemented}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("default decision mismatch (-want +got):\n%s", diff)
	}
	d, ok = s.Decision("8.30")
	require.True(t, ok)
	assert.Equal(t, Excluded, d.Applicability)
	assert.Equal(t, []ControlID{"7.12", "8.30"}, ids(s.Excluded()))
	assert.Equal(t, ControlCount-2, count(s.Applicable()))
}

// TestNewSoADecisionsAreIndependent checks that the default's bases are
// copied: changing one decision's bases changes no other, nor the default.
func TestNewSoADecisionsAreIndependent(t *testing.T) {
	def := Inclusion{Bases: []InclusionBasis{BasisContractual}, Justification: "Customer contracts", Status: Implemented}
	s, err := NewSoA("X", def)
	require.NoError(t, err)
	s.Decisions[0].Bases[0] = BasisBusiness
	s.Decisions[0].Bases = append(s.Decisions[0].Bases, BasisRiskTreatment)
	assert.Equal(t, []InclusionBasis{BasisContractual}, s.Decisions[1].Bases)
	assert.Equal(t, []InclusionBasis{BasisContractual}, def.Bases)
	d, _ := s.Decision("5.2")
	d.Bases[0] = BasisBusiness
	assert.Equal(t, []InclusionBasis{BasisContractual}, s.Decisions[1].Bases, "Decision hands out a copy")
}

// TestNewSoASeveralBases checks that a default with more than one basis
// gives every control all of them, each decision its own window of the
// one array NewSoA allocates for them.
func TestNewSoASeveralBases(t *testing.T) {
	def := Inclusion{Bases: []InclusionBasis{BasisRiskTreatment, BasisContractual}, Justification: "Risk and contracts", Status: Planned}
	s, err := NewSoA("X", def)
	require.NoError(t, err)
	for _, d := range s.Decisions {
		require.Equal(t, def.Bases, d.Bases, d.Control)
		require.Equal(t, 2, cap(d.Bases), "%s: appending to one decision's bases must not reach the next one's", d.Control)
	}
	allocs := testing.AllocsPerRun(20, func() { _, _ = NewSoA("X", def) })
	assert.Equal(t, 3.0, allocs, "the SoA, its decisions and one array for the bases of all")
}

// TestNewSoARefusesBadDefault checks that an invalid default is refused
// once, at its own paths, rather than 93 times by Validate.
func TestNewSoARefusesBadDefault(t *testing.T) {
	tests := []struct {
		name string
		in   Inclusion
		want []ismsaudit.FieldError
	}{
		{"zero", Inclusion{}, []ismsaudit.FieldError{
			{Path: "Bases", Rule: RuleInclusionJustified},
			{Path: "Justification", Rule: RuleInclusionJustified},
			{Path: "Status", Rule: ismsaudit.RuleRequired},
		}},
		{"blank justification", Inclusion{Bases: []InclusionBasis{BasisBusiness}, Justification: " \t\n", Status: Implemented}, []ismsaudit.FieldError{
			{Path: "Justification", Rule: RuleInclusionJustified},
		}},
		{"bad and repeated bases", Inclusion{Bases: []InclusionBasis{BasisBusiness, "whim", BasisBusiness}, Justification: "j", Status: Implemented}, []ismsaudit.FieldError{
			{Path: "Bases[1]", Rule: ismsaudit.RuleEnum},
			{Path: "Bases[2]", Rule: ismsaudit.RuleUnique},
		}},
		{"bad status", Inclusion{Bases: []InclusionBasis{BasisBusiness}, Justification: "j", Status: "done"}, []ismsaudit.FieldError{
			{Path: "Status", Rule: ismsaudit.RuleEnum},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSoA("X", tt.in)
			assert.Nil(t, s)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			if diff := cmp.Diff(tt.want, pathsAndRules(ve.Fields)); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSoAValidate(t *testing.T) {
	full := func(edit func(s *SoA)) *SoA {
		s := newSoA(t, "X")
		edit(s)
		return s
	}
	// Every problem with one decision names its control in Value.
	tests := []struct {
		name string
		soa  *SoA
		want []ismsaudit.FieldError // path, rule and value
	}{
		{"nil", nil, []ismsaudit.FieldError{{Rule: ismsaudit.RuleRequired}}},
		{"unknown id", full(func(s *SoA) { s.Decisions[0].Control = "5.99" }), []ismsaudit.FieldError{
			{Path: "Decisions[0].Control", Rule: ismsaudit.RuleUnknown, Value: "5.99"},
			{Path: "Decisions", Rule: RuleSoAComplete, Value: "5.1"},
		}},
		{"malformed id", full(func(s *SoA) { s.Decisions[0].Control = "five" }), []ismsaudit.FieldError{
			{Path: "Decisions[0].Control", Rule: ismsaudit.RuleFormat, Value: "five"},
			{Path: "Decisions", Rule: RuleSoAComplete, Value: "5.1"},
		}},
		{"non-canonical id", full(func(s *SoA) { s.Decisions[0].Control = "A.5.1" }), []ismsaudit.FieldError{
			{Path: "Decisions[0].Control", Rule: ismsaudit.RuleFormat, Value: "A.5.1"},
			{Path: "Decisions", Rule: RuleSoAComplete, Value: "5.1"},
		}},
		{"duplicate", full(func(s *SoA) { s.Decisions = append(s.Decisions, s.Decisions[4]) }), []ismsaudit.FieldError{
			{Path: "Decisions[93].Control", Rule: ismsaudit.RuleUnique, Value: "5.5"},
		}},
		{"missing", full(func(s *SoA) { s.Decisions = s.Decisions[:92] }), []ismsaudit.FieldError{
			{Path: "Decisions", Rule: RuleSoAComplete, Value: "8.34"},
		}},
		{"exclusion without justification", full(func(s *SoA) {
			s.Decisions[3] = Decision{Control: "5.4", Applicability: Excluded}
		}), []ismsaudit.FieldError{{Path: "Decisions[3].Justification", Rule: RuleExclusionJustified, Value: "5.4"}}},
		{"exclusion justified by white space", full(func(s *SoA) {
			s.Decisions[5] = Decision{Control: "5.6", Applicability: Excluded, Justification: " \t\u00a0\n"}
		}), []ismsaudit.FieldError{{Path: "Decisions[5].Justification", Rule: RuleExclusionJustified, Value: "5.6"}}},
		{"excluded with status and basis", full(func(s *SoA) {
			s.Decisions[3] = Decision{Control: "5.4", Applicability: Excluded, Justification: "n/a", Status: Implemented, Bases: []InclusionBasis{BasisBusiness}}
		}), []ismsaudit.FieldError{
			{Path: "Decisions[3].Status", Rule: RuleExclusionConsistent, Value: "5.4"},
			{Path: "Decisions[3].Bases", Rule: RuleExclusionConsistent, Value: "5.4"},
		}},
		{"inclusion without basis or justification", full(func(s *SoA) {
			s.Decisions[7].Bases = nil
			s.Decisions[8].Justification = "  "
		}), []ismsaudit.FieldError{
			{Path: "Decisions[7].Bases", Rule: RuleInclusionJustified, Value: "5.8"},
			{Path: "Decisions[8].Justification", Rule: RuleInclusionJustified, Value: "5.9"},
		}},
		{"bad and repeated bases", full(func(s *SoA) {
			s.Decisions[9].Bases = []InclusionBasis{BasisRiskTreatment, "habit", BasisRiskTreatment}
		}), []ismsaudit.FieldError{
			{Path: "Decisions[9].Bases[1]", Rule: ismsaudit.RuleEnum, Value: "5.10"},
			{Path: "Decisions[9].Bases[2]", Rule: ismsaudit.RuleUnique, Value: "5.10"},
		}},
		{"applicable without status", full(func(s *SoA) { s.Decisions[2].Status = "" }), []ismsaudit.FieldError{
			{Path: "Decisions[2].Status", Rule: ismsaudit.RuleRequired, Value: "5.3"},
		}},
		{"bad enums", full(func(s *SoA) { s.Decisions[1].Applicability = "maybe"; s.Decisions[2].Status = "done" }), []ismsaudit.FieldError{
			{Path: "Decisions[1].Applicability", Rule: ismsaudit.RuleEnum, Value: "5.2"},
			{Path: "Decisions[2].Status", Rule: ismsaudit.RuleEnum, Value: "5.3"},
		}},
		{"no decision", full(func(s *SoA) { s.Decisions[1].Applicability = "" }), []ismsaudit.FieldError{
			{Path: "Decisions[1].Applicability", Rule: ismsaudit.RuleRequired, Value: "5.2"},
		}},
		{"undecided with bad parts", full(func(s *SoA) {
			s.Decisions[1] = Decision{Control: "5.2", Bases: []InclusionBasis{"habit"}, Status: "done"}
		}), []ismsaudit.FieldError{
			{Path: "Decisions[1].Applicability", Rule: ismsaudit.RuleRequired, Value: "5.2"},
			{Path: "Decisions[1].Bases[0]", Rule: ismsaudit.RuleEnum, Value: "5.2"},
			{Path: "Decisions[1].Status", Rule: ismsaudit.RuleEnum, Value: "5.2"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.soa.Validate()
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			got := pathsRulesAndValues(ve.Fields)
			if tt.name == "missing" {
				got = got[len(got)-1:] // one missing control is enough to pin
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// pathsRulesAndValues keeps the path, rule and value of each problem.
func pathsRulesAndValues(fs []ismsaudit.FieldError) []ismsaudit.FieldError {
	out := make([]ismsaudit.FieldError, len(fs))
	for i, f := range fs {
		out[i] = ismsaudit.FieldError{Path: f.Path, Rule: f.Rule, Value: f.Value}
	}
	return out
}

// pathsAndRules keeps the path and rule of each problem, one per pair.
func pathsAndRules(fs []ismsaudit.FieldError) []ismsaudit.FieldError {
	var out []ismsaudit.FieldError
	seen := map[ismsaudit.FieldError]bool{}
	for _, f := range fs {
		k := ismsaudit.FieldError{Path: f.Path, Rule: f.Rule}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func TestSoAIncludeExcludeRefuseAndChangeNothing(t *testing.T) {
	s := sampleSoA(t)
	before := s.Sorted()
	tests := []struct {
		name string
		do   func() error
		want []ismsaudit.FieldError // path, rule and value: the control named
	}{
		{"include unknown control", func() error { return s.Include("9.9", riskTreated) }, []ismsaudit.FieldError{
			{Path: "Control", Rule: ismsaudit.RuleUnknown, Value: "9.9"},
		}},
		{"exclude without justification", func() error { return s.Exclude("A.5.1", "") }, []ismsaudit.FieldError{
			{Path: "Justification", Rule: RuleExclusionJustified, Value: "5.1"},
		}},
		{"exclude with white space", func() error { return s.Exclude("5.1", "\t ") }, []ismsaudit.FieldError{
			{Path: "Justification", Rule: RuleExclusionJustified, Value: "5.1"},
		}},
		{"include without status", func() error {
			return s.Include("5.1", Inclusion{Bases: riskTreated.Bases, Justification: "j"})
		}, []ismsaudit.FieldError{
			{Path: "Status", Rule: ismsaudit.RuleRequired, Value: "5.1"},
		}},
		{"include without reasons", func() error { return s.Include("a.7.12", Inclusion{Justification: " ", Status: Planned}) }, []ismsaudit.FieldError{
			{Path: "Bases", Rule: RuleInclusionJustified, Value: "7.12"},
			{Path: "Justification", Rule: RuleInclusionJustified, Value: "7.12"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			if diff := cmp.Diff(tt.want, pathsRulesAndValues(ve.Fields)); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, s.Sorted()); diff != "" {
				t.Fatalf("SoA changed by a refused call (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNilSoA checks that every method taking a *SoA accepts nil: queries
// find nothing, changes are refused with the SoA required, and nothing
// panics.
func TestNilSoA(t *testing.T) {
	var s *SoA
	refusals := []struct {
		name string
		do   func() error
	}{
		{"Validate", s.Validate},
		{"Include", func() error { return s.Include("5.1", riskTreated) }},
		{"Exclude", func() error { return s.Exclude("5.1", "not needed") }},
		{"NewChecklist", func() error { _, err := NewChecklist(s, ChecklistOptions{Kind: Stage2}); return err }},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Len(t, ve.Fields, 1)
			assert.Equal(t, ismsaudit.RuleRequired, ve.Fields[0].Rule)
		})
	}
	t.Run("Decision", func(t *testing.T) {
		d, ok := s.Decision("5.1")
		assert.False(t, ok)
		assert.Equal(t, Decision{}, d)
	})
	t.Run("Applicable and Excluded", func(t *testing.T) {
		assert.Empty(t, slices.Collect(s.Applicable()))
		assert.Empty(t, slices.Collect(s.Excluded()))
	})
	t.Run("Sorted", func(t *testing.T) {
		assert.Nil(t, s.Sorted())
	})
	assert.Nil(t, s, "nothing was created")
}

// TestSoAIncludeOverridesAndCopies checks that Include replaces a decision
// (an exclusion too), stores the id canonical and keeps its own copy of
// the bases.
func TestSoAIncludeOverridesAndCopies(t *testing.T) {
	s := sampleSoA(t)
	bases := []InclusionBasis{BasisContractual}
	require.NoError(t, s.Include("A.7.12", Inclusion{Bases: bases, Justification: "Customer X requires our own cabling", Status: Planned}))
	bases[0] = BasisBusiness
	d, ok := s.Decision("7.12")
	require.True(t, ok)
	want := Decision{Control: "7.12", Applicability: Applicable, Bases: []InclusionBasis{BasisContractual}, Justification: "Customer X requires our own cabling", Status: Planned}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("decision mismatch (-want +got):\n%s", diff)
	}
	assert.Len(t, s.Decisions, ControlCount)
	require.NoError(t, s.Validate())
}

func TestDecodeSoA(t *testing.T) {
	s := sampleSoA(t)
	data, err := json.Marshal(s)
	require.NoError(t, err)
	back, err := DecodeSoA(data)
	require.NoError(t, err)
	if diff := cmp.Diff(s, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}

	tests := []struct {
		name, json, path string
		rule             ismsaudit.RuleID
	}{
		{"syntax", `{"decisions": [`, "", ismsaudit.RuleJSONSyntax},
		{"unknown field", `{"decisions": [], "owner": "x"}`, "", ismsaudit.RuleUnknownField},
		{"nested unknown field", `{"decisions": [{"control": "5.1", "applicability": "applicable", "status": "implemented", "extra": 1}]}`, "Decisions[0]", ismsaudit.RuleUnknownField},
		{"bad enum", `{"decisions": [{"control": "5.1", "applicability": "applicable"}, {"control": "5.2", "applicability": "maybe"}]}`, "Decisions[1].Applicability", ismsaudit.RuleEnum},
		{"bad basis", `{"decisions": [{"control": "5.1", "applicability": "applicable", "bases": ["whim"]}]}`, "Decisions[0].Bases[0]", ismsaudit.RuleEnum},
		{"wrong type", `{"decisions": [{"control": 5.1}]}`, "Decisions[0].Control", ismsaudit.RuleJSONType},
		{"trailing", `{"decisions": []} {}`, "", ismsaudit.RuleJSONTrailing},
		{"exclusion not justified", `{"decisions": [{"control": "A.5.1", "applicability": "excluded"}]}`, "Decisions[0].Justification", RuleExclusionJustified},
		{"inclusion not justified", `{"decisions": [{"control": "5.1", "applicability": "applicable", "status": "implemented"}]}`, "Decisions[0].Bases", RuleInclusionJustified},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeSoA([]byte(tt.json))
			assert.Nil(t, got)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, tt.rule), "%v", ve.Fields)
		})
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestSoADocumentGolden pins the SoA's JSON document, field by field, on
// the sample SoA: testdata/soa.json. Run go test -update to rewrite it.
func TestSoADocumentGolden(t *testing.T) {
	got, err := json.MarshalIndent(sampleSoA(t), "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	const golden = "testdata/soa.json"
	if *update {
		require.NoError(t, os.WriteFile(golden, got, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
	}
	back, err := DecodeSoA(want)
	require.NoError(t, err)
	if diff := cmp.Diff(sampleSoA(t), back); diff != "" {
		t.Errorf("golden does not decode to the sample (-want +got):\n%s", diff)
	}
}

// FuzzDecodeSoA checks that decoding never panics and that an accepted SoA
// is valid and survives a JSON round trip unchanged.
func FuzzDecodeSoA(f *testing.F) {
	soa, _ := NewSoA("Fuzz Ltd", riskTreated)
	valid, _ := json.Marshal(soa)
	f.Add(valid)
	f.Add([]byte(`{"decisions":[{"control":"A.5.1","applicability":"excluded","justification":"x"}]}`))
	f.Add([]byte(`{"decisions":[{"control":"5.1","applicability":"applicable","bases":["risk-treatment","risk-treatment"],"justification":" ","status":"planned"}]}`))
	f.Add([]byte(`{"decisions":[{"control":5}]}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"decisions":null,"organization":"\u0000"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := DecodeSoA(data)
		if err != nil {
			if s != nil {
				t.Fatal("SoA returned with an error")
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("accepted SoA is invalid: %v", err)
		}
		again, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeSoA(again)
		if err != nil {
			t.Fatalf("re-encoded SoA refused: %v", err)
		}
		if diff := cmp.Diff(s, back); diff != "" {
			t.Fatalf("round trip mismatch (-want +got):\n%s", diff)
		}
	})
}
