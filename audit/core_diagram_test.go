package audit

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The -update flag rewrites the golden files in testdata. Another test
// file of the package may define it too, so it is registered only when
// missing, after every package variable is set.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files in testdata")
	}
}

func coreUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestCoreLifecycleDiagrams compares each lifecycle's Mermaid rendering
// with its golden file (testdata/<name>.mmd); run with -update to rewrite
// them after changing a table.
func TestCoreLifecycleDiagrams(t *testing.T) {
	for l := range Lifecycles() {
		t.Run(l.Name, func(t *testing.T) {
			path := filepath.Join("testdata", l.Name+".mmd")
			got := l.Mermaid()
			if coreUpdating() {
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -run TestCoreLifecycleDiagrams -update to create it")
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("diagram mismatch (-want +got); run with -update if the table changed on purpose:\n%s", diff)
			}
		})
	}
}

// TestCoreLifecycles checks what Lifecycles describes against the
// machines the code runs.
func TestCoreLifecycles(t *testing.T) {
	var names []string
	for l := range Lifecycles() {
		names = append(names, l.Name)
		for _, tr := range l.Transitions {
			assert.Contains(t, l.States, tr.From)
			assert.Contains(t, l.States, tr.To)
			assert.Contains(t, l.Events, tr.Event)
			assert.False(t, l.IsTerminal(tr.From), "no exit from a terminal state")
			for _, g := range tr.Guards {
				_, ok := LookupRule(g.Rule)
				assert.True(t, ok, "guard %s cites %s, a rule of the catalogue", g.Name, g.Rule)
			}
		}
		for _, r := range l.Rules() {
			_, ok := LookupRule(r)
			assert.True(t, ok, r)
		}
	}
	assert.Equal(t, []string{"audit.audit", "audit.plan", "audit.evidence", "audit.finding", "audit.conclusion", "audit.follow-up"}, names)

	audit, ok := LookupLifecycle("audit.audit")
	require.True(t, ok)
	assert.Equal(t, string(StateInitiation), audit.Initial)
	var states []string
	for s := range States() {
		states = append(states, string(s))
	}
	assert.Equal(t, states, audit.States)
	assert.True(t, audit.IsTerminal(string(StateClosed)))
	assert.Equal(t, []ismsaudit.RuleID{RuleInitContact, RuleInitFeasible, RuleOpenAfterPlan, RuleOpeningMeeting, RulePlanCommunicated, RuleFieldworkCovered,
		RuleEvidenceVerified, RuleClosingAfterConclusions, RuleClosingMeeting, RuleReportAfterClosing, RuleReportDistributed, RuleCompleteAfterDistribution, RuleCompleteRecords,
		RuleFollowUpStart, RuleCloseFollowUps, RuleTerminateReason}, audit.Rules())

	// Each description is a fresh value: changing one changes nothing.
	for _, tr := range audit.Transitions {
		if len(tr.Guards) > 0 {
			tr.Guards[0].Rule = "changed"
		}
	}
	audit, _ = LookupLifecycle("audit.audit")
	for _, tr := range audit.Transitions {
		for _, g := range tr.Guards {
			assert.NotEqual(t, ismsaudit.RuleID("changed"), g.Rule)
		}
	}
	_, ok = LookupLifecycle("audit.nothing")
	assert.False(t, ok)
}

// TestCoreRulesCatalogue checks the rules this area added.
func TestCoreRulesCatalogue(t *testing.T) {
	for _, id := range []ismsaudit.RuleID{RuleCompleteRecords, RuleFollowUpStart, RulePlanWhen, RuleChecklistPlanned, RuleChecklistFieldwork} {
		r, ok := LookupRule(id)
		require.True(t, ok, id)
		assert.NotEmpty(t, r.Text)
		assert.True(t, r.Principle.IsValid())
	}
}
