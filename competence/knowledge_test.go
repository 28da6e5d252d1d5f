package competence_test

import (
	"slices"
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
)

func TestLevelOrder(t *testing.T) {
	levels := slices.Collect(competence.Levels())
	for i, a := range levels {
		for j, b := range levels {
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			assert.Equal(t, want, a.Compare(b), "%s vs %s", a, b)
			assert.Equal(t, i >= j, a.AtLeast(b), "%s at least %s", a, b)
		}
	}
	assert.Equal(t, -1, competence.Level("").Compare(competence.Awareness))
	assert.False(t, competence.Level("bogus").AtLeast(competence.Awareness))
}

func TestKnowledgeAreaClause(t *testing.T) {
	tests := []struct {
		area competence.KnowledgeArea
		want ismsaudit.Clause
	}{
		{competence.AuditPrinciples, "19011:7.2.3.2"},
		{competence.LegalContractual, "19011:7.2.3.2"},
		{competence.SecurityManagementMethods, "27007:7.2.3.3"},
		{competence.AnnexAControls, "27007:7.2.3.3"},
		{competence.SecurityLegislation, "27007:7.2.3.3"},
		{competence.TeamLeadership, "19011:7.2.3.4"},
		{"bogus", ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.area), func(t *testing.T) {
			assert.Equal(t, tt.want, tt.area.Clause())
			if tt.want != "" {
				assert.True(t, tt.area.Clause().IsValid())
			}
		})
	}
}
