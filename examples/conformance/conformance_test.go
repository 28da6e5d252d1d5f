package main

// These tests show how a host's own test suite asserts the audit process
// rules with package audittest. A host copies them and points them at the
// records its own code produces (here: sampleAudit, the program's sample).

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
)

// The records our code produces conform to every process rule; a failure
// lists every violation with its rule and clause.
func TestOurAuditRecordConforms(t *testing.T) {
	a, err := sampleAudit()
	require.NoError(t, err)
	audittest.RequireConforms(t, a, nil)
	assert.Equal(t, audit.StateClosed, a.State)
	assert.NoError(t, a.VerifySeal())
}

// A record that arrives from another tool is checked on arrival: here the
// sample, changed by hand, must be flagged under the rules it breaks.
func TestChangedRecordIsFlagged(t *testing.T) {
	a, err := sampleAudit()
	require.NoError(t, err)
	changed, err := tamper(a)
	require.NoError(t, err)
	audittest.Violates(t, changed, nil, audit.RuleSealIntact, "Evidence[0].Description")
	audittest.Violates(t, changed, nil, audit.RuleSealIntact, "Findings[0].Evidence")
	audittest.Violates(t, changed, nil, audit.RuleSealIntact, "Closing.AgreedFollowUp")
	audittest.Violates(t, changed, nil, audit.RuleEvidenceVerified, "Findings[0].Evidence[0]")
	audittest.Violates(t, changed, nil, audit.RuleClosingMeeting, "Closing.AgreedFollowUp")
}

// Fieldwork cannot end while a planned checklist item has neither a
// result nor a reason why it was not audited.
func TestFieldworkEndsOnlyWhenTheChecklistIsCovered(t *testing.T) {
	b := audittest.NewBuilder(t, &audittest.Options{Through: audit.StateFieldwork})
	a := b.Build()
	audittest.Permitted(t, a, audit.EventEndFieldwork)

	require.NoError(t, a.Checklist.Reset(a.Checklist.Items[0].Ref))
	audittest.Refused(t, a, audit.EventEndFieldwork, audit.RuleFieldworkCovered)
	audittest.RefusedBy(t, a.EndFieldwork(b.Meta()), audit.RuleFieldworkCovered)
}

// A nonconformity is confirmed only on verified evidence.
func TestNonconformityRestsOnVerifiedEvidence(t *testing.T) {
	b := audittest.NewBuilder(t, &audittest.Options{Through: audit.StateFieldwork})
	a := b.Build()
	m := b.Meta()
	require.NoError(t, a.CollectEvidence(audit.Evidence{ID: "E-99", Source: audit.SourceInterview, Description: "hearsay about the backups",
		Supports: a.Evidence[0].Supports, CollectedBy: audittest.Auditor, CollectedAt: m.At, Confidentiality: audit.ConfidentialityInternal}, m))
	require.NoError(t, a.AddFinding(audit.Finding{ID: "F-99", Kind: audit.Nonconformity, Grade: audit.Major, Criteria: a.Evidence[0].Supports,
		Evidence: []ismsaudit.EvidenceID{"E-99"}, Requirement: "backups are tested", Found: "no test in a year", Reason: "no one owns the test",
		RaisedBy: audittest.Auditor, RaisedAt: m.At}, b.Meta()))

	audittest.RefusedBy(t, a.ConfirmFinding("F-99", b.Meta()), audit.RuleNCEvidence)
}

// The report is issued only after the closing meeting, and a
// certification audit's recommendation follows from its findings.
func TestReportAndRecommendation(t *testing.T) {
	a := audittest.NewBuilder(t, &audittest.Options{Kind: annexa.Stage2, Through: audit.StateFindings, Findings: &audittest.Findings{Major: 1, Conformities: 1}}).Build()
	audittest.Refused(t, a, audit.EventIssueReport, "")
	assert.Equal(t, audit.RecommendAfterVerification, a.Conclusion.Recommendation, "a major nonconformity stands")
	audittest.RequireConforms(t, a, nil)
}

// The program prints every rule of the catalogue.
func TestRunPrintsEveryRule(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	for r := range audit.Rules() {
		assert.Contains(t, out.String(), r.ID)
	}
	assert.Contains(t, out.String(), "Verify: the record conforms to every rule.")
}

// The program's command line follows the Go tools: -h exits 0, an unknown
// flag or an argument exits 2, and nothing is written to stdout then.
func TestCommandLine(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"-h"}, 0, "usage: conformance"},
		{[]string{"-help"}, 0, "usage: conformance"},
		{[]string{"-verbose"}, 2, "-verbose"},
		{[]string{"extra"}, 2, `"extra"`},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		assert.Equal(t, tt.code, command(tt.args, &out, &errb), tt.args)
		assert.Empty(t, out.String(), tt.args)
		assert.Contains(t, errb.String(), tt.stderr, tt.args)
	}
	var out, errb bytes.Buffer
	require.Equal(t, 0, command(nil, &out, &errb))
	assert.Contains(t, out.String(), "Verify: the record conforms to every rule.")
	assert.Empty(t, errb.String())
}
