package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
)

func TestRules(t *testing.T) {
	n := 0
	for r := range Rules() {
		n++
		require.NoError(t, r.Check("RPT"))
		got, ok := LookupRule(r.ID)
		require.True(t, ok, r.ID)
		assert.Equal(t, r, got)
	}
	assert.Equal(t, len(auditReportRules)+len(programmeReportRules)+len(oscalRules), n)
	for _, id := range []ismsaudit.RuleID{RuleObjectives, RuleRedaction, RuleRecommendation, RuleRecordVerifies, RuleProgrammeActions, RuleProgrammeRecordsVerify, RuleAssessmentPlanApproved} {
		_, ok := LookupRule(id)
		assert.True(t, ok, id)
	}
	_, ok := LookupRule("RPT-NOTHING")
	assert.False(t, ok)
	_, ok = LookupRule(ismsaudit.RuleRequired)
	assert.False(t, ok, "shape rules are not in the catalogue")
}
