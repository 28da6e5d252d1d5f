package competence_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
)

func TestNeedKindExpertMayMeet(t *testing.T) {
	for k := range competence.NeedKinds() {
		want := k == competence.NeedKnowledge || k == competence.NeedSector || k == competence.NeedTechnicalArea
		assert.Equal(t, want, k.ExpertMayMeet(), k)
	}
}

// TestTeamNeedsValidate: the rules of the needs beyond their struct tags,
// each refused field named once, and the bounds exactly.
func TestTeamNeedsValidate(t *testing.T) {
	many := func(n int) []competence.Need {
		out := make([]competence.Need, n)
		for i := range out {
			out[i] = competence.LanguageNeed(fmt.Sprintf("l%03d", i))
		}
		return out
	}
	tests := []struct {
		name  string
		needs []competence.Need
		want  []string // refused paths
	}{
		{"as many needs as allowed", many(competence.MaxNeeds), nil},
		{"one need too many", many(competence.MaxNeeds + 1), []string{"Needs"}},
		{"a language need with an area", []competence.Need{{Kind: competence.NeedLanguage, Value: "en", Area: competence.RiskAssessment}}, []string{"Needs[0].Area"}},
		{"a sector need with a level", []competence.Need{{Kind: competence.NeedSector, Value: "health", Level: competence.Expert}}, []string{"Needs[0].Level"}},
		{"a technical area need with both", []competence.Need{{Kind: competence.NeedTechnicalArea, Value: "ot", Area: competence.RiskAssessment, Level: competence.Expert}},
			[]string{"Needs[0].Area", "Needs[0].Level"}},
		{"a knowledge need with a value", []competence.Need{{Kind: competence.NeedKnowledge, Area: competence.RiskAssessment, Level: competence.Expert, Value: "x"}}, []string{"Needs[0].Value"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			needs := baseNeeds(tt.needs...)
			err := needs.Validate()
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tt.want, paths(ve))
		})
	}
}

// TestDecodeTeamNeeds: valid JSON gives the needs it holds; invalid JSON
// gives every problem and no needs.
func TestDecodeTeamNeeds(t *testing.T) {
	want := baseNeeds(competence.KnowledgeNeed(competence.RiskAssessment, competence.Expert), competence.LanguageNeed("de"))
	want.MinAuditors, want.MaxAuditors = 1, 3
	data, err := json.Marshal(want)
	require.NoError(t, err)
	got, err := competence.DecodeTeamNeeds(data)
	require.NoError(t, err)
	assert.Empty(t, cmp.Diff(want, got))

	got, err = competence.DecodeTeamNeeds([]byte(`{"scope":{"auditee":"acme"},"at":"2025-01-01T00:00:00Z","needs":[{"kind":"leader"}],"minAuditors":-1}`))
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"MinAuditors", "Needs[0].Kind"}, paths(ve))
	assert.Empty(t, cmp.Diff(competence.TeamNeeds{}, got))
}
