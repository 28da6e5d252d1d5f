package competence_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
)

func TestRulesCatalogue(t *testing.T) {
	ids := map[ismsaudit.RuleID]bool{}
	idRe := regexp.MustCompile(`^CMP(-[A-Z0-9]+)+$`)
	clauseRe := regexp.MustCompile(`^(19011|27007|27001):[0-9]+(\.[0-9]+)*( [a-z])?$`)
	for r := range competence.Rules() {
		assert.Regexp(t, idRe, r.ID)
		assert.Regexp(t, clauseRe, r.Clause, r.ID)
		assert.NotEmpty(t, r.Text, r.ID)
		assert.False(t, ids[r.ID], "duplicate %s", r.ID)
		ids[r.ID] = true
		got, ok := competence.LookupRule(r.ID)
		require.True(t, ok)
		assert.Equal(t, r, got)
	}
	_, ok := competence.LookupRule("CMP-NOPE")
	assert.False(t, ok)
}

// TestCitedRulesExist checks that every rule id the lifecycle guards cite,
// and every rule id constant the source uses, is in the catalogue.
func TestCitedRulesExist(t *testing.T) {
	for tr := range competence.EvaluationTransitions() {
		for _, g := range tr.Guards {
			_, ok := competence.LookupRule(g.Rule)
			assert.True(t, ok, "%s --%s--> guard %s cites unknown rule %q", tr.From, tr.Event, g.Name, g.Rule)
		}
	}
	// Every "CMP-..." literal in the non-test sources must be a rule.
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	lit := regexp.MustCompile(`"(CMP-[A-Z0-9-]+)"`)
	found := 0
	for _, f := range files {
		if filepath.Ext(f) != ".go" || regexp.MustCompile(`_test\.go$`).MatchString(f) {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range lit.FindAllSubmatch(src, -1) {
			found++
			_, ok := competence.LookupRule(ismsaudit.RuleID(m[1]))
			assert.True(t, ok, "%s: %s not in Rules()", f, m[1])
		}
	}
	assert.Greater(t, found, 30)
	// And every rule constant is used outside rules.go: no rule is listed
	// without being enforced.
	decl, err := os.ReadFile("rules.go")
	require.NoError(t, err)
	var others []byte
	for _, f := range files {
		if f == "rules.go" || regexp.MustCompile(`_test\.go$`).MatchString(f) {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		others = append(others, src...)
	}
	constRe := regexp.MustCompile(`(?m)^\s+(Rule[A-Za-z]+)\s+ismsaudit\.RuleID\s+= "(CMP-[A-Z0-9-]+)"`)
	var declared []ismsaudit.RuleID
	for _, m := range constRe.FindAllSubmatch(decl, -1) {
		declared = append(declared, ismsaudit.RuleID(m[2]))
		assert.Regexp(t, `\b`+string(m[1])+`\b`, string(others), "rule %s is never enforced", m[2])
	}
	var listed []ismsaudit.RuleID
	for r := range competence.Rules() {
		listed = append(listed, r.ID)
	}
	assert.ElementsMatch(t, listed, declared)
	assert.Equal(t, len(listed), len(slices.Compact(slices.Sorted(slices.Values(listed)))))
}
