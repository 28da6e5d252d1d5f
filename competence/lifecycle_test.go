package competence_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLifecycles(t *testing.T) {
	var names []string
	for l := range competence.Lifecycles() {
		names = append(names, l.Name)
		assert.Equal(t, competence.RuleEvalOrder, l.Order)
		assert.Equal(t, competence.RuleEvalHistory, l.Record)
		for _, id := range l.Rules() {
			_, ok := competence.LookupRule(id)
			assert.True(t, ok, "%s cites %s, not in Rules()", l.Name, id)
		}
		got, ok := competence.LookupLifecycle(l.Name)
		require.True(t, ok)
		if d := cmp.Diff(l, got); d != "" {
			t.Errorf("mismatch (-want +got):\n%s", d)
		}
	}
	assert.Equal(t, []string{"competence.evaluation"}, names)
	_, ok := competence.LookupLifecycle("competence.nope")
	assert.False(t, ok)
	for s := range competence.EvaluationStates() {
		assert.Contains(t, evaluationLifecycle.States, string(s))
	}
	for e := range competence.EvaluationEvents() {
		assert.Contains(t, evaluationLifecycle.Events, string(e))
	}
}

// TestLifecycleMermaid compares the diagram with the golden file; run
// with -update to rewrite it.
func TestLifecycleMermaid(t *testing.T) {
	got := evaluationLifecycle.Mermaid()
	path := filepath.Join("testdata", "evaluation-lifecycle.mmd")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("mismatch (-want +got):\n%s", d)
	}
}
