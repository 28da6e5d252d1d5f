package audit

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fdRoundTrip encodes v, decodes it into a fresh value and requires the two
// to be equal.
func fdRoundTrip[T any](t *testing.T, v T) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(data, &back))
	if diff := cmp.Diff(v, back); diff != "" {
		t.Fatalf("JSON round trip mismatch (-want +got):\n%s\n%s", diff, data)
	}
	return data
}

func TestFindingAreaJSONRoundTrip(t *testing.T) {
	a := fdRecord(t, StateCompleted)
	a.Findings = append(a.Findings,
		fdFindingIn(t, fdNC("F-5", Minor, fdPolicy, "E-2"), FindingDisputed),
		fdFindingIn(t, fdNC("F-6", Major, fdClause92, "E-2", "E-6"), FindingResolved),
		fdFindingIn(t, fdObservation("F-7", fdA51), FindingDraft))
	a.Conclusion.ObjectivesAchieved, a.Conclusion.ObjectivesNote = false, "the data centre was not visited"
	a.Conclusion.ScopeCovered, a.Conclusion.NotCovered = false, []string{"data centre: access refused"}
	a.Conclusion.Recurring = []string{"log retention in two units"}
	u := &a.FollowUps[0]
	u.EarlierPlans = []CorrectiveActionRecord{{Plan: CorrectiveActionPlan{Correction: "c", DueAt: fdDueAt}, RecordedAt: fdPlanAt, RecordedBy: "ciso"}}
	u.Verifications = append([]Verification{{At: fdPlanAt, By: fdAuditor, Evidence: []ismsaudit.EvidenceID{"E-3"}, Note: "still failing"}}, u.Verifications...)

	data := fdRoundTrip(t, a.Findings)
	assert.Contains(t, string(data), `"grade":"major"`, "enums marshal as their tokens")
	assert.Contains(t, string(data), `"state":"disputed"`)
	assert.Contains(t, string(data), `"kind":"nonconformity"`)
	assert.NotContains(t, string(data), `"grade":""`, "no grade, no field")
	fdRoundTrip(t, a.Conclusion)
	fdRoundTrip(t, a.FollowUps)
	fdRoundTrip(t, a)

	cmpResult, err := Compare(fdPrevious(t), a)
	require.NoError(t, err)
	fdRoundTrip(t, cmpResult)
	fdRoundTrip(t, fdPrevious(t).BaselineFocus())
	fdRoundTrip(t, []Recurrence{{Criterion: fdA815, Areas: []string{"a", "b"}, Findings: []FindingID{"F-1", "F-2"}}})
	var rules []RecommendationRule
	for r := range RecommendationRules() {
		rules = append(rules, r)
	}
	fdRoundTrip(t, rules)
	fdRoundTrip(t, fdPlan)
}

func TestFindingAreaJSONStrict(t *testing.T) {
	tests := []struct {
		name string
		into any
		json string
	}{
		{"unknown grade", &Finding{}, `{"id":"F-1","grade":"critical"}`},
		{"unknown kind", &Finding{}, `{"kind":"remark"}`},
		{"unknown finding state", &Finding{}, `{"state":"open"}`},
		{"unknown event in history", &Finding{}, `{"history":[{"from":"draft","event":"approve","to":"confirmed"}]}`},
		{"unknown fulfilment", &Conclusion{}, `{"fulfilment":"mostly"}`},
		{"unknown recommendation", &Conclusion{}, `{"recommendation":"maybe"}`},
		{"unknown follow-up state", &FollowUp{}, `{"state":"done"}`},
		{"unknown criterion kind", &Finding{}, `{"criteria":[{"kind":"paragraph","id":"1"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := json.Unmarshal([]byte(tt.json), tt.into)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var pe *ismsaudit.ParseError
			require.ErrorAs(t, err, &pe)
			assert.NotEmpty(t, pe.Valid, "the error lists the valid values")
		})
	}
	t.Run("an invalid value is never written", func(t *testing.T) {
		_, err := json.Marshal(Finding{Kind: "remark"})
		require.ErrorIs(t, err, ismsaudit.ErrInvalid)
		_, err = json.Marshal(Conclusion{Recommendation: "maybe"})
		require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	})
	t.Run("parse errors name the valid values", func(t *testing.T) {
		_, err := ParseRecommendation("maybe")
		var pe *ismsaudit.ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, []string{"recommend", "recommend-after-accepted-plans", "recommend-after-verified-correction", "not-recommend"}, pe.Valid)
	})
	t.Run("a decoded record verifies like the original", func(t *testing.T) {
		a := fdRecord(t, StateFollowUp)
		a.Findings[0].Reason = ""
		data, err := json.Marshal(a)
		require.NoError(t, err)
		var back Audit
		require.NoError(t, json.Unmarshal(data, &back))
		assert.Equal(t, fdAreaCheck(a, nil), fdAreaCheck(&back, nil))
		assert.Equal(t, []string{"Findings[0].Reason " + string(RuleNCStatement)}, fdAreaCheck(&back, nil))
		assert.True(t, strings.Contains(string(data), `"followUps"`))
	})
}
