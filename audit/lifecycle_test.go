package audit

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// update rewrites the golden files in testdata (go test -update).
var update = flag.Bool("update", false, "rewrite golden files in testdata")

// TestLifecycleDiagrams compares each lifecycle's Mermaid rendering
// with its golden file (testdata/<name>.mmd); run with -update to rewrite
// them after changing a table.
func TestLifecycleDiagrams(t *testing.T) {
	for l := range Lifecycles() {
		t.Run(l.Name, func(t *testing.T) {
			path := filepath.Join("testdata", l.Name+".mmd")
			got := l.Mermaid()
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -run TestLifecycleDiagrams -update to create it")
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("diagram mismatch (-want +got); run with -update if the table changed on purpose:\n%s", diff)
			}
		})
	}
}

// TestLifecycles checks what Lifecycles describes against the
// machines the code runs.
func TestLifecycles(t *testing.T) {
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
	assert.Equal(t, []ismsaudit.RuleID{RuleAuditOrder, RuleRecordWhoWhen, RuleInitContact, RuleInitFeasible, RuleOpenAfterPlan, RuleOpeningMeeting, RulePlanCommunicated, RuleFieldworkCovered,
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

// machineMatrix fires every event in every state of m for a subject
// that passes every guard, and checks the outcome against want.
func machineMatrix[S, E ~string, T any](t *testing.T, m *fsm.Machine[S, E, T], subject T, want map[S]map[E]S) {
	meta := ismsaudit.Meta{At: agreeAt, By: leadID, Note: "n"}
	for s := range m.States() {
		for e := range m.Events() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				to, ok := want[s][e]
				got, err := m.Fire(subject, s, time.Time{}, e, meta)
				if ok {
					require.NoError(t, err)
					assert.Equal(t, ismsaudit.Entry[S, E]{From: s, Event: e, To: to, At: meta.At, By: meta.By, Note: meta.Note}, got)
					assert.True(t, m.Can(subject, s, e))
					return
				}
				_, reason := transitionRule(t, err)
				if len(want[s]) == 0 {
					assert.Equal(t, ismsaudit.ReasonTerminal, reason, "%s accepts no event", s)
					assert.True(t, m.IsTerminal(s))
				} else {
					assert.Equal(t, ismsaudit.ReasonNoTransition, reason)
				}
				assert.Equal(t, ismsaudit.Entry[S, E]{}, got)
			})
		}
	}
}
