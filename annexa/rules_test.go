package annexa

import (
	"slices"
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRules checks the catalogue: every rule constant is listed once, with
// a valid clause and principle, and LookupRule finds each.
func TestRules(t *testing.T) {
	constants := []ismsaudit.RuleID{
		RuleSoAComplete, RuleInclusionJustified, RuleExclusionJustified, RuleExclusionConsistent,
		RuleStage1Whole, RuleSpecialSubset, RuleChecklistApplicable, RuleChecklistNotEmpty,
		RuleAssessmentEvidence, RuleAssessmentNotes, RuleItemOneOutcome,
	}
	var listed []ismsaudit.RuleID
	for r := range Rules() {
		require.NoError(t, r.Check("ANX"))
		got, ok := LookupRule(r.ID)
		require.True(t, ok, r.ID)
		assert.Equal(t, r, got)
		listed = append(listed, r.ID)
	}
	assert.Equal(t, constants, listed)
	_, ok := LookupRule("ANX-NO-SUCH-RULE")
	assert.False(t, ok)
	_, ok = LookupRule(ismsaudit.RuleRequired)
	assert.False(t, ok, "shape rules are not in the catalogue")
	assert.True(t, slices.ContainsFunc(slices.Collect(Rules()), func(r ismsaudit.Rule) bool {
		return r.ID == RuleInclusionJustified && r.Clause == "27001:6.1.3 d"
	}))
}
