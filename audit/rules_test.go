package audit

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRulesCatalogue checks the rules this area added.
func TestRulesCatalogue(t *testing.T) {
	for _, id := range []ismsaudit.RuleID{RuleCompleteRecords, RuleFollowUpStart, RulePlanWhen, RuleChecklistPlanned, RuleChecklistFieldwork} {
		r, ok := LookupRule(id)
		require.True(t, ok, id)
		assert.NotEmpty(t, r.Text)
		assert.True(t, r.Principle.IsValid())
	}
}
