package annexa

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleSoA(t testing.TB) *SoA {
	t.Helper()
	s := NewSoA("Example Ltd", Implemented)
	s.Version = "3"
	require.NoError(t, s.Exclude("A.7.12", "No cabling of our own: production runs in the cloud"))
	require.NoError(t, s.Exclude("8.30", "No outsourced development"))
	require.NoError(t, s.Set(Decision{Control: "8.11", Applicability: Applicable, Status: Planned}))
	return s
}

func TestNewSoAIsValid(t *testing.T) {
	s := sampleSoA(t)
	require.NoError(t, s.Validate())
	assert.Len(t, s.Decisions, ControlCount)
	d, ok := s.Decision("A.7.12")
	require.True(t, ok)
	assert.Equal(t, Excluded, d.Applicability)
	assert.True(t, s.IsApplicable("8.11"))
	assert.False(t, s.IsApplicable("8.30"))
	assert.Equal(t, []ControlID{"7.12", "8.30"}, ids(s.Excluded()))
	assert.Equal(t, ControlCount-2, count(s.Applicable()))
}

func TestSoAValidate(t *testing.T) {
	full := func(edit func(s *SoA)) *SoA {
		s := NewSoA("X", Implemented)
		edit(s)
		return s
	}
	tests := []struct {
		name string
		soa  *SoA
		want []ismsaudit.FieldError // path and rule only
	}{
		{"nil", nil, []ismsaudit.FieldError{{Rule: "required"}}},
		{"unknown id", full(func(s *SoA) { s.Decisions[0].Control = "5.99" }), []ismsaudit.FieldError{
			{Path: "Decisions[0].Control", Rule: "unknown"},
			{Path: "Decisions", Rule: "decision-missing"},
		}},
		{"malformed id", full(func(s *SoA) { s.Decisions[0].Control = "five" }), []ismsaudit.FieldError{
			{Path: "Decisions[0].Control", Rule: "format"},
			{Path: "Decisions", Rule: "decision-missing"},
		}},
		{"non-canonical id", full(func(s *SoA) { s.Decisions[0].Control = "A.5.1" }), []ismsaudit.FieldError{
			{Path: "Decisions[0].Control", Rule: "canonical"},
			{Path: "Decisions", Rule: "decision-missing"},
		}},
		{"duplicate", full(func(s *SoA) { s.Decisions = append(s.Decisions, s.Decisions[4]) }), []ismsaudit.FieldError{
			{Path: "Decisions[93].Control", Rule: "unique"},
		}},
		{"missing", full(func(s *SoA) { s.Decisions = s.Decisions[:92] }), []ismsaudit.FieldError{
			{Path: "Decisions", Rule: "decision-missing"},
		}},
		{"exclusion without justification", full(func(s *SoA) {
			s.Decisions[3] = Decision{Control: "5.4", Applicability: Excluded}
		}), []ismsaudit.FieldError{{Path: "Decisions[3].Justification", Rule: "justification-required"}}},
		{"excluded with status", full(func(s *SoA) {
			s.Decisions[3] = Decision{Control: "5.4", Applicability: Excluded, Justification: "n/a", Status: Implemented}
		}), []ismsaudit.FieldError{{Path: "Decisions[3].Status", Rule: "excluded-without-status"}}},
		{"applicable without status", full(func(s *SoA) { s.Decisions[2].Status = "" }), []ismsaudit.FieldError{
			{Path: "Decisions[2].Status", Rule: "required"},
		}},
		{"bad enums", full(func(s *SoA) { s.Decisions[1].Applicability = "maybe"; s.Decisions[2].Status = "done" }), []ismsaudit.FieldError{
			{Path: "Decisions[1].Applicability", Rule: "enum"},
			{Path: "Decisions[2].Status", Rule: "enum"},
		}},
		{"no decision", full(func(s *SoA) { s.Decisions[1].Applicability = "" }), []ismsaudit.FieldError{
			{Path: "Decisions[1].Applicability", Rule: "required"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.soa.Validate()
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			got := pathsAndRules(ve.Fields)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
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

func TestSoASetRefusesBadDecisionAndChangesNothing(t *testing.T) {
	s := sampleSoA(t)
	before := s.Sorted()
	for _, d := range []Decision{
		{Control: "9.9", Applicability: Applicable, Status: Implemented},
		{Control: "5.1", Applicability: Excluded},
		{Control: "5.1", Applicability: "maybe"},
		{Control: "5.1", Applicability: Applicable},
	} {
		err := s.Set(d)
		require.ErrorIs(t, err, ismsaudit.ErrInvalid, "%+v", d)
		if diff := cmp.Diff(before, s.Sorted()); diff != "" {
			t.Fatalf("SoA changed by refused %+v (-want +got):\n%s", d, diff)
		}
	}
	require.ErrorIs(t, s.Exclude("5.1", ""), ismsaudit.ErrInvalid)
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
		{"syntax", `{"decisions": [`, "", "json-syntax"},
		{"unknown field", `{"decisions": [], "owner": "x"}`, "", "unknown-field"},
		{"nested unknown field", `{"decisions": [{"control": "5.1", "applicability": "applicable", "status": "implemented", "extra": 1}]}`, "Decisions[0]", "unknown-field"},
		{"bad enum", `{"decisions": [{"control": "5.1", "applicability": "applicable"}, {"control": "5.2", "applicability": "maybe"}]}`, "Decisions[1].Applicability", "enum"},
		{"wrong type", `{"decisions": [{"control": 5.1}]}`, "Decisions[0].Control", "json-type"},
		{"trailing", `{"decisions": []} {}`, "", "json-trailing"},
		{"validation", `{"decisions": [{"control": "A.5.1", "applicability": "excluded"}]}`, "Decisions[0].Justification", "justification-required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeSoA([]byte(tt.json))
			assert.Nil(t, got)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "%v", ve.Fields)
		})
	}
}

// FuzzDecodeSoA checks that decoding never panics and that an accepted SoA
// is valid and survives a JSON round trip unchanged.
func FuzzDecodeSoA(f *testing.F) {
	valid, _ := json.Marshal(NewSoA("Fuzz Ltd", Implemented))
	f.Add(valid)
	f.Add([]byte(`{"decisions":[{"control":"A.5.1","applicability":"excluded","justification":"x"}]}`))
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
