package competence_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuiltinSets(t *testing.T) {
	scheme := competence.DefaultScheme()
	require.NoError(t, scheme.Validate())
	ids := []competence.CriteriaSetID{competence.InternalISMSAuditorSet, competence.ISMSAuditorSet, competence.ISMSTeamLeaderSet}
	for i, set := range competence.DefaultScheme().Sets {
		t.Run(string(set.ID), func(t *testing.T) {
			assert.Equal(t, ids[i], set.ID)
			require.NoError(t, set.Validate())
			assert.True(t, set.Default, "built-in sets are marked as defaults")
			assert.NotEmpty(t, set.Source)
			assert.NotEmpty(t, set.Maintenance.Source)
			for _, c := range set.Criteria {
				assert.NotEmpty(t, c.Source, c.ID)
				assert.NotEmpty(t, c.Text, c.ID)
				// A figure is either cited to a clause, marked a project
				// default, or described as common practice.
				if !c.Kind.IsQualitative() {
					assert.True(t, strings.Contains(c.Source, "project default") || strings.Contains(c.Source, "commonly"),
						"%s: figure %v needs its origin: %q", c.ID, c.Min, c.Source)
				}
			}
			got, ok := scheme.Set(set.ID)
			require.True(t, ok)
			if d := cmp.Diff(set, *got); d != "" {
				t.Errorf("mismatch (-want +got):\n%s", d)
			}
		})
	}
	// Fresh copies: changing one does not change the next.
	a := competence.ISMSAuditor()
	a.Criteria[0].Min = 99
	assert.Zero(t, competence.ISMSAuditor().Criteria[0].Min)

	leader := competence.ISMSTeamLeader()
	assert.Equal(t, competence.ISMSAuditorSet, leader.Requires)
	assert.Equal(t, competence.RoleTeamLeader, leader.Role)
	behaviours := 0
	for _, c := range competence.ISMSAuditor().Criteria {
		if c.Kind == competence.BehaviourCriterion {
			behaviours++
		}
	}
	assert.Equal(t, 13, behaviours)
}

func TestEvaluateBuiltinSets(t *testing.T) {
	a := fixtureAuditor("alice", evaluationDay)
	for _, set := range competence.DefaultScheme().Sets {
		t.Run(string(set.ID), func(t *testing.T) {
			as, err := competence.Evaluate(&a, &set, fixtureResults(&set, evaluationDay), evaluationDay)
			require.NoError(t, err)
			assert.True(t, as.Competent, "%v", as.Unmet())
			assert.Len(t, as.Results, len(set.Criteria))
			assert.Equal(t, evaluationDay.AddDate(0, set.ReevaluationMonths, 0), as.DueAt)
			assert.GreaterOrEqual(t, len(as.Methods), 2)
			again, err := competence.Evaluate(&a, &set, fixtureResults(&set, evaluationDay), evaluationDay)
			require.NoError(t, err)
			if d := cmp.Diff(as, again); d != "" {
				t.Errorf("not deterministic (-first +second):\n%s", d)
			}
		})
	}
	t.Run("unmet criteria listed", func(t *testing.T) {
		set := competence.ISMSAuditor()
		b := a
		b.Training = nil
		as, err := competence.Evaluate(&b, &set, fixtureResults(&set, evaluationDay, "behaviour-decisive"), evaluationDay)
		require.NoError(t, err)
		assert.False(t, as.Competent)
		assert.True(t, as.DueAt.IsZero())
		var ids []competence.CriterionID
		for _, r := range as.Unmet() {
			ids = append(ids, r.Criterion)
		}
		assert.Equal(t, []competence.CriterionID{"behaviour-decisive", "lead-auditor-course"}, ids)
	})
}
