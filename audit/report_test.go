package audit

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIssueReportGuards checks that the report follows the closing
// meeting.
func TestIssueReportGuards(t *testing.T) {
	testGuards(t, []guardCase{
		{name: "report without a closing record", state: StateClosing, setup: func(a *Audit) { a.Closing = nil },
			fire: func(a *Audit) error { return a.IssueReport(byLead(300)) }, rule: RuleReportAfterClosing},
	})
}

// TestDistributeGuards checks the recipients of a distribution, the
// first and every later one.
func TestDistributeGuards(t *testing.T) {
	testGuards(t, []guardCase{
		{name: "distribute to nobody", state: StateReported,
			fire: func(a *Audit) error { return a.Distribute(nil, byLead(300)) }, rule: RuleReportDistributed, path: "Recipients"},
		{name: "distribute without clearance", state: StateReported,
			fire: func(a *Audit) error { return a.Distribute([]Recipient{{Name: "Board"}}, byLead(300)) }, rule: RuleReportDistributed, path: "Recipients[0].Clearance"},
		{name: "distribute again to an unnamed recipient", state: StateDistributed,
			fire: func(a *Audit) error {
				return a.Distribute([]Recipient{{Clearance: ConfidentialityPublic}}, byLead(300))
			}, rule: RuleReportDistributed, path: "Recipients[0].Name"},
		{name: "distribute to the same recipient twice", state: StateCompleted,
			fire: func(a *Audit) error {
				r := Recipient{Name: "Auditor", Clearance: ConfidentialityPublic}
				return a.Distribute([]Recipient{r, r}, byLead(300))
			}, rule: RuleReportDistributed, path: "Recipients[1].Name"},
	})
}

// TestDistributeRefusesWrongState checks that nothing is distributed
// before the report is issued.
func TestDistributeRefusesWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"distribution before the report", StateClosing, func(a *Audit) error { return a.Distribute(fixtureRecipients(), byLead(85)) }, RuleReportDistributed},
	})
}

// TestDistributeRefusesMetaBeforeLastDistribution checks that a later
// distribution cannot be dated before the previous one.
func TestDistributeRefusesMetaBeforeLastDistribution(t *testing.T) {
	a := auditIn(t, StateDistributed)
	before := deepCopy(a)
	err := a.Distribute([]Recipient{{Name: "Auditor", Clearance: ConfidentialityPublic}}, byLead(99))
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, ismsaudit.ReasonMeta, te.Reason)
	unchanged(t, before, a)
}
