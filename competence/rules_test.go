package competence_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRulesCatalogue(t *testing.T) {
	ids := map[ismsaudit.RuleID]bool{}
	for r := range competence.Rules() {
		require.NoError(t, r.Check("CMP"))
		assert.False(t, ids[r.ID], "duplicate %s", r.ID)
		ids[r.ID] = true
		got, ok := competence.LookupRule(r.ID)
		require.True(t, ok)
		assert.Equal(t, r, got)
	}
	_, ok := competence.LookupRule("CMP-NOPE")
	assert.False(t, ok)
}

// TestCitedRulesExist checks that every rule id the lifecycle cites (its
// order, its record and its guards' rules), every "CMP-..." literal and
// every rule constant of the source is in the catalogue, and that every
// rule of the catalogue is enforced: its constant is used somewhere other
// than its declaration and its catalogue row.
func TestCitedRulesExist(t *testing.T) {
	for l := range competence.Lifecycles() {
		for _, id := range l.Rules() {
			_, ok := competence.LookupRule(id)
			assert.True(t, ok, "lifecycle %s cites unknown rule %q", l.Name, id)
		}
	}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var sources []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		sources = append(sources, string(src))
	}
	all := strings.Join(sources, "\n")
	lit := regexp.MustCompile(`"(CMP-[A-Z0-9-]+)"`)
	found := 0
	for _, m := range lit.FindAllStringSubmatch(all, -1) {
		found++
		_, ok := competence.LookupRule(ismsaudit.RuleID(m[1]))
		assert.True(t, ok, "%s not in Rules()", m[1])
	}
	assert.Greater(t, found, 30)
	constRe := regexp.MustCompile(`(?m)^\s+(Rule[A-Za-z]+)\s+ismsaudit\.RuleID\s+= "(CMP-[A-Z0-9-]+)"`)
	var declared []ismsaudit.RuleID
	for _, m := range constRe.FindAllStringSubmatch(all, -1) {
		declared = append(declared, ismsaudit.RuleID(m[2]))
		use := regexp.MustCompile(`\b` + m[1] + `\b`)
		uses := 0
		for _, line := range strings.Split(all, "\n") {
			if use.MatchString(line) && !constRe.MatchString(line) && !strings.Contains(line, "ID: "+m[1]+",") {
				uses++
			}
		}
		assert.Positive(t, uses, "rule %s is never enforced", m[2])
	}
	var listed []ismsaudit.RuleID
	for r := range competence.Rules() {
		listed = append(listed, r.ID)
	}
	assert.ElementsMatch(t, listed, declared)
	assert.Equal(t, len(listed), len(slices.Compact(slices.Sorted(slices.Values(listed)))))
}
