package audit

import (
	"testing"
)

// TestCompleteGuards checks that completion needs the records
// arrangement and a distributed report.
func TestCompleteGuards(t *testing.T) {
	testGuards(t, []guardCase{
		{name: "complete without records arrangement", state: StateDistributed,
			fire: func(a *Audit) error { return a.Complete(Completion{}, byLead(march(14, 21))) }, rule: RuleCompleteRecords, path: "Records"},
		{name: "complete without distribution", state: StateDistributed, setup: func(a *Audit) { a.Report.Distribution = nil },
			fire: func(a *Audit) error { return a.Complete(fixtureCompletion(), byLead(march(14, 21))) }, rule: RuleCompleteAfterDistribution},
	})
}

// TestCompleteRefusesBadInput checks the completion's input checks.
func TestCompleteRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "completion with an empty lesson", state: StateDistributed, op: func(a *Audit) error {
			return a.Complete(Completion{Records: "archive", LessonsLearned: []string{""}}, byLead(march(6, 23)))
		}, want: []problem{{"LessonsLearned[0]", "required"}}},
	})
}
