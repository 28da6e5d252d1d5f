package audit

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
)

// TestIssueReportGuards checks that the report follows the closing
// meeting.
func TestIssueReportGuards(t *testing.T) {
	testGuards(t, []guardCase{
		{name: "report without a closing record", state: StateClosing, setup: func(a *Audit) { a.Closing = nil },
			fire: func(a *Audit) error { return a.IssueReport(byLead(march(14, 21))) }, rule: RuleReportAfterClosing},
	})
}

// TestDistributeGuards checks the recipients of a distribution, the
// first and every later one.
func TestDistributeGuards(t *testing.T) {
	testGuards(t, []guardCase{
		{name: "distribute to nobody", state: StateReported,
			fire: func(a *Audit) error { return a.Distribute(nil, byLead(march(14, 21))) }, rule: RuleReportDistributed, path: "Recipients"},
		{name: "distribute without clearance", state: StateReported,
			fire: func(a *Audit) error { return a.Distribute([]Recipient{{Name: "Board"}}, byLead(march(14, 21))) }, rule: RuleReportDistributed, path: "Recipients[0].Clearance"},
		{name: "distribute again to an unnamed recipient", state: StateDistributed,
			fire: func(a *Audit) error {
				return a.Distribute([]Recipient{{Clearance: ConfidentialityPublic}}, byLead(march(14, 21)))
			}, rule: RuleReportDistributed, path: "Recipients[0].Name"},
		{name: "distribute to the same recipient twice", state: StateCompleted,
			fire: func(a *Audit) error {
				r := Recipient{Name: "Auditor", Clearance: ConfidentialityPublic}
				return a.Distribute([]Recipient{r, r}, byLead(march(14, 21)))
			}, rule: RuleReportDistributed, path: "Recipients[1].Name"},
	})
}

// TestDistributeRefusesWrongState checks that nothing is distributed
// before the report is issued.
func TestDistributeRefusesWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"distribution before the report", StateClosing, func(a *Audit) error { return a.Distribute(fixtureRecipients(), byLead(march(5, 22))) }, RuleReportDistributed},
	})
}

// TestDistributeRefusesMetaBeforeLastDistribution checks that a later
// distribution cannot be dated before the previous one.
func TestDistributeRefusesMetaBeforeLastDistribution(t *testing.T) {
	a := auditIn(t, StateDistributed)
	before := deepCopy(a)
	err := a.Distribute([]Recipient{{Name: "Auditor", Clearance: ConfidentialityPublic}}, byLead(march(6, 12)))
	requireRefused(t, err, ismsaudit.ReasonMeta, RuleRecordWhoWhen)
	unchanged(t, before, a)
}
