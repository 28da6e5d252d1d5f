package annexa

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkGuidance applies the content rules every catalogue entry keeps.
func checkGuidance(t *testing.T, name string, questions, evidence []string, methods []Method) {
	t.Helper()
	assert.GreaterOrEqual(t, len(questions), 2, "%s: questions", name)
	assert.GreaterOrEqual(t, len(evidence), 2, "%s: evidence hints", name)
	assert.GreaterOrEqual(t, len(methods), 2, "%s: methods", name)
	seen := map[string]bool{}
	for _, s := range append(append([]string{}, questions...), evidence...) {
		assert.False(t, seen[s], "%s: %q repeated", name, s)
		seen[s] = true
		assert.Equal(t, strings.TrimSpace(s), s, "%s: surrounding space in %q", name, s)
		assert.NotContains(t, s, "|", name)
		assert.NotContains(t, s, "\n", name)
		assert.LessOrEqual(t, len(s), 200, "%s: %q is long", name, s)
	}
	for _, q := range questions {
		assert.True(t, strings.HasSuffix(q, "?"), "%s: question %q ends with ?", name, q)
	}
	for _, e := range evidence {
		assert.False(t, strings.HasSuffix(e, "."), "%s: hint %q ends with a period", name, e)
	}
}

func TestEveryControlHasGuidance(t *testing.T) {
	for c := range Controls() {
		checkGuidance(t, c.String(), c.Questions(), c.EvidenceHints(), c.Methods())
	}
}

func TestEveryClauseHasGuidance(t *testing.T) {
	for c := range Clauses() {
		checkGuidance(t, c.String(), c.Questions(), c.EvidenceHints(), c.Methods())
	}
}

// TestDocumentedInformation pins which clauses of 27001:2022 require
// documented information themselves.
func TestDocumentedInformation(t *testing.T) {
	want := []ClauseID{"4.3", "5.2", "6.1.2", "6.1.3", "6.2", "7.2", "7.5.1", "8.1", "8.2", "8.3", "9.1", "9.2.2", "9.3.3", "10.2"}
	var got []ClauseID
	for c := range Clauses() {
		if c.DocumentedInformation() != "" {
			got = append(got, c.ID())
		}
	}
	assert.Equal(t, want, got)
	assert.Contains(t, MustClause("6.1.3").DocumentedInformation(), "Statement of Applicability")
}

// TestClimateChange checks that the 2024 amendment's point is asked in
// 4.1 and 4.2 (ISO/IEC 27001:2022/Amd 1:2024).
func TestClimateChange(t *testing.T) {
	for _, id := range []string{"4.1", "4.2"} {
		found := false
		for _, q := range MustClause(id).Questions() {
			found = found || strings.Contains(strings.ToLower(q), "climate change")
		}
		assert.True(t, found, "clause %s asks about climate change", id)
	}
}

func TestClauseTree(t *testing.T) {
	var reqs []ClauseID
	for c := range Requirements() {
		reqs = append(reqs, c.ID())
	}
	assert.Equal(t, []ClauseID{"4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "6.1.1", "6.1.2", "6.1.3", "6.2", "6.3",
		"7.1", "7.2", "7.3", "7.4", "7.5.1", "7.5.2", "7.5.3", "8.1", "8.2", "8.3",
		"9.1", "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3", "10.1", "10.2"}, reqs)
	var subs []ClauseID
	for c := range MustClause("9").Subclauses() {
		subs = append(subs, c.ID())
	}
	assert.Equal(t, []ClauseID{"9.1", "9.2", "9.3"}, subs)
	subs = subs[:0]
	for c := range MustClause("10").Subclauses() { // the last clause of all
		subs = append(subs, c.ID())
	}
	assert.Equal(t, []ClauseID{"10.1", "10.2"}, subs)
	p, ok := MustClause("9.2.1").Parent()
	require.True(t, ok)
	assert.Equal(t, ClauseID("9.2"), p.ID())
	_, ok = MustClause("9").Parent()
	assert.False(t, ok)
	assert.Equal(t, 3, MustClause("6.1.3").Depth())
	assert.True(t, MustClause("6.1").HasSubclauses())
	assert.False(t, MustClause("6.2").HasSubclauses())
	assert.False(t, MustClause("10.2").HasSubclauses())
}
