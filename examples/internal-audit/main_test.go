package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
	"github.com/ismsaudit/ismsaudit/report"
)

func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestMarkdownReport(t *testing.T) {
	code, out, errs := runArgs()
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs)
	assert.True(t, strings.HasPrefix(out, "# Internal audit report: Northwind Analytics Ltd\n"))
	for _, line := range []string{
		"- **Report:** version 1, issued 2026-03-09 10:00 +00:00 by Aisha Khan\n",
		"- **Audit status:** closed\n",
		"7 findings: 3 nonconformities (1 major, 2 minor), 1 conformity, 1 observation, 1 opportunity for improvement, 1 good practice.\n",
		"### F-07 · Nonconformity (major)\n",
		"- **Status:** **major nonconformity**, disputed\n",
		"- **Corrective action:** closed, due 2026-05-29, closed 2026-06-02\n",
		"Sample of 10 from 38 leavers (statistical, plan S-1).",
		"Corrects EV-09.",
		"- F-07: IT Operations holds that the web application firewall mitigates the missing patches, so the finding should be minor.\n",
		"Plan version 1, approved 2026-02-16 11:00 +00:00 by Aisha Khan.\n",
		"- **Not audited: A.7.4 Physical security monitoring.** The Leeds office was closed for refurbishment during the audit week.\n",
		"| R-1 | A storage bucket holding test exports of customer data was readable from the internet. |",
		"| F-03 | VPN access of the two leavers was removed on 5 March 2026. |",
		"| Jordan Blake | Blake ISMS Advisory | public | 1 | 2026-03-10 09:30 +00:00 | Aisha Khan |\n",
	} {
		assert.Contains(t, out, line)
	}
	assert.NotContains(t, out, "F-06", "the withdrawn finding is left out")
	assert.NotContains(t, out, "EV-08", "the rejected item is left out")
	_, again, _ := runArgs("-format", "markdown")
	assert.Equal(t, out, again, "deterministic, and markdown is the default")
}

func TestOtherFormats(t *testing.T) {
	code, out, errs := runArgs("-format", "html")
	require.Equal(t, 0, code, errs)
	assert.True(t, strings.HasPrefix(out, "<!DOCTYPE html>\n"))
	assert.Contains(t, out, `<h3 id="f-F-07">F-07 · Nonconformity (major)</h3>`)

	code, out, errs = runArgs("-format", "json")
	require.Equal(t, 0, code, errs)
	r, err := report.DecodeAuditReport([]byte(out))
	require.NoError(t, err)
	assert.Equal(t, audit.StateClosed, r.State)
	require.NotNil(t, r.FollowUp)
	for _, a := range r.FollowUp.Actions {
		assert.Equal(t, audit.FollowUpClosed, a.State, a.Finding)
	}

	code, out, errs = runArgs("-format", "oscal")
	require.Equal(t, 0, code, errs)
	var doc struct {
		AR struct {
			UUID     string `json:"uuid"`
			Metadata struct {
				Title        string `json:"title"`
				OSCALVersion string `json:"oscal-version"`
			} `json:"metadata"`
			Results []struct {
				Findings []json.RawMessage `json:"findings"`
			} `json:"results"`
		} `json:"assessment-results"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "Internal audit report: Northwind Analytics Ltd", doc.AR.Metadata.Title)
	assert.Equal(t, "1.1.2", doc.AR.Metadata.OSCALVersion)
	require.Len(t, doc.AR.Results, 1)
	assert.Len(t, doc.AR.Results[0].Findings, 7)
}

// -h and -help print the usage and exit 0, like the Go tools.
func TestHelpExitsZero(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		code, out, errs := runArgs(arg)
		assert.Equal(t, 0, code, arg)
		assert.Empty(t, out, arg)
		assert.Contains(t, errs, "usage: ", arg)
		assert.Contains(t, errs, "exit status", arg)
	}
}

func TestBadFlagsExitTwo(t *testing.T) {
	for _, args := range [][]string{{"-format", "pdf"}, {"-format", ""}, {"-nonsense"}, {"extra"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errs := runArgs(args...)
			assert.Equal(t, 2, code)
			assert.Empty(t, out)
			assert.NotEmpty(t, errs)
		})
	}
	_, _, errs := runArgs("-format", "pdf")
	assert.Contains(t, errs, `unknown -format "pdf" (valid: markdown, html, json, oscal)`)
}

// TestTheRecord checks the record the operations built: closed, every
// follow-up closed (one after an ineffective verification), the seal
// intact, and every process rule kept.
func TestTheRecord(t *testing.T) {
	s := sample.InternalAudit()
	a, err := sample.Conduct(s)
	require.NoError(t, err)
	assert.Equal(t, audit.StateClosed, a.State)
	require.Len(t, a.FollowUps, 3)
	for _, u := range a.FollowUps {
		assert.Equal(t, audit.FollowUpClosed, u.State, u.Finding)
	}
	u, ok := a.FollowUpFor("F-07")
	require.True(t, ok)
	require.Len(t, u.Verifications, 2)
	assert.False(t, u.Verifications[0].Effective)
	assert.True(t, u.Verifications[1].Effective)
	require.NoError(t, a.VerifySeal())
	require.NoError(t, audit.Verify(a, nil))
	f, ok := a.Finding("F-06")
	require.True(t, ok)
	assert.Equal(t, audit.FindingWithdrawn, f.State)
}

// TestAStepOutOfOrderIsRefused breaks the story: fieldwork ends with a
// checklist item neither assessed nor marked not audited, which the
// audit refuses, naming the rule.
func TestAStepOutOfOrderIsRefused(t *testing.T) {
	s := sample.InternalAudit()
	s.Results = s.Results[1:]
	_, err := sample.Conduct(s)
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, ismsaudit.RuleID("AUD-FIELDWORK-COVERED"), te.Rule)
	assert.True(t, errors.Is(err, ismsaudit.ErrTransition))
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrorExitsOne(t *testing.T) {
	var errb bytes.Buffer
	assert.Equal(t, 1, run(nil, failingWriter{}, &errb))
	assert.Contains(t, errb.String(), "disk full")
}
