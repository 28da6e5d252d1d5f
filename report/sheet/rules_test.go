package sheet_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/report/sheet"
)

func TestRules(t *testing.T) {
	var ids []ismsaudit.RuleID
	for r := range sheet.Rules() {
		ids = append(ids, r.ID)
		got, ok := sheet.LookupRule(r.ID)
		require.True(t, ok, r.ID)
		assert.Equal(t, r, got)
		assert.NoError(t, r.Check("SHT"))
	}
	assert.Equal(t, []ismsaudit.RuleID{sheet.RuleSoAEdition, sheet.RuleChecklistAudit}, ids)
	_, ok := sheet.LookupRule("SHT-NONE")
	assert.False(t, ok)
	assert.False(t, slices.Contains(ids, ""))
}
