package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
)

// updateOSCAL rewrites the oscal command's input files in testdata
// (-update rewrites the format version 0 samples, which must stay as they
// are).
var updateOSCAL = flag.Bool("update-oscal", false, "rewrite the oscal command's sample inputs in testdata")

// The oscal command's sample inputs in testdata.
const (
	soaSample     = "northwind-soa.json"
	openBOMSample = "open-audit-bom.json"
)

// bom is U+FEFF, the byte-order mark text from spreadsheets often starts
// with.
const bom = "\uFEFF"

// oscalSamples returns the oscal command's sample inputs by file name:
// the sample organisation's Statement of Applicability, and its internal
// audit taken as far as the distributed report, its nonconformities'
// corrective actions planned and not yet carried out, with byte-order
// marks around the auditee's, the client's, the guide's and the
// organizations' names and a scope unit's, as a spreadsheet import gives
// them.
func oscalSamples() (map[string][]byte, error) {
	soa, err := json.MarshalIndent(sample.SoA(), "", "  ")
	if err != nil {
		return nil, err
	}
	s := sample.InternalAudit()
	s.Options.Auditee = bom + s.Options.Auditee + bom
	s.Options.Client = bom + s.Options.Client
	s.Team = append([]audit.Member(nil), s.Team...)
	for i := range s.Team {
		s.Team[i].Organization = bom + s.Team[i].Organization + bom
		if s.Team[i].Role == competence.RoleGuide {
			s.Team[i].Name = bom + s.Team[i].Name + bom
		}
	}
	s.Plan.Scope.Units = append([]string{bom + "Customer Success" + bom}, s.Plan.Scope.Units...)
	a, err := conductToReport(s)
	if err != nil {
		return nil, err
	}
	record, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return nil, err
	}
	return map[string][]byte{soaSample: append(soa, '\n'), openBOMSample: append(record, '\n')}, nil
}

// conductToReport takes story s as sample.Conduct does as far as the
// distributed report: the corrective actions are planned, not accepted.
func conductToReport(s sample.Story) (*audit.Audit, error) {
	team := func(t ismsaudit.Meta) ismsaudit.Meta { return t }
	lead := func(at ismsaudit.Meta) ismsaudit.Meta { at.By = sample.LeadName; return at }
	var first error
	do := func(step string, err error) {
		if first == nil && err != nil {
			first = fmt.Errorf("%s: %w", step, err)
		}
	}
	a, err := audit.New(s.Options, lead(ismsaudit.Meta{At: s.Created}))
	if err != nil {
		return nil, err
	}
	do("contact", a.EstablishContact(s.Contact, lead(ismsaudit.Meta{At: s.Contact.EstablishedAt})))
	do("feasibility", a.DecideFeasibility(s.Feasibility, lead(ismsaudit.Meta{At: s.Feasibility.DecidedAt})))
	do("team", a.SetTeam(s.Team, lead(ismsaudit.Meta{At: s.TeamSet})))
	do("prepare", a.Prepare(lead(ismsaudit.Meta{At: s.Prepare})))
	do("draft plan", a.DraftPlan(s.Plan, lead(ismsaudit.Meta{At: s.PlanDrafted})))
	do("checklist", a.AttachChecklist(s.Checklist, lead(ismsaudit.Meta{At: s.ChecklistAt})))
	for _, p := range s.Sampling {
		do("sampling plan", a.AddSamplingPlan(p, lead(ismsaudit.Meta{At: s.SamplingAt})))
	}
	do("draw S-1", a.DrawSample("S-1", ismsaudit.Meta{At: s.SamplingAt, By: sample.Auditor}))
	do("choose S-2", a.RecordSelection("S-2", s.ServerChoice, ismsaudit.Meta{At: s.SamplingAt, By: sample.Expert}))
	check := audit.PlanCheck{Pool: sample.InternalPool(), LeaderSet: competence.InternalISMSAuditorSet}
	do("approve plan", a.ApprovePlan(check, lead(ismsaudit.Meta{At: s.Approved})))
	do("communicate plan", a.CommunicatePlan(lead(ismsaudit.Meta{At: s.Communicated})))
	do("opening meeting", a.HoldOpeningMeeting(s.Opening, lead(ismsaudit.Meta{At: s.Opening.HeldAt})))
	for _, it := range s.Evidence {
		by := ismsaudit.Meta{At: it.Logged, By: it.Evidence.CollectedBy}
		if it.Corrects != "" {
			do("correct", a.CorrectEvidence(it.Corrects, it.Evidence, by))
		} else {
			do("collect", a.CollectEvidence(it.Evidence, by))
		}
		decided := ismsaudit.Meta{At: it.Decided, By: it.Evidence.CollectedBy}
		if it.Reject != "" {
			do("reject", a.RejectEvidence(it.Evidence.ID, it.Reject, decided))
		} else {
			do("verify", a.VerifyEvidence(it.Evidence.ID, decided))
		}
	}
	do("escalate", a.EscalateRisk(s.Risk, ismsaudit.Meta{At: s.Risk.EscalatedAt, By: s.Risk.FoundBy}))
	for _, r := range s.Results {
		do("result", a.RecordResult(r.Ref, r.Assessment, lead(ismsaudit.Meta{At: s.ResultsAt})))
	}
	do("not audited", a.MarkNotAudited(s.NotAudited.Ref, s.NotAudited.Reason, lead(ismsaudit.Meta{At: s.ResultsAt})))
	for _, f := range s.Findings {
		do("raise", a.AddFinding(f.Finding, ismsaudit.Meta{At: f.Finding.RaisedAt, By: f.Finding.RaisedBy}))
		if f.Withdraw != "" {
			do("withdraw", a.WithdrawFinding(f.Finding.ID, f.Withdraw, ismsaudit.Meta{At: s.Confirmed, By: sample.Lead}))
			continue
		}
		do("confirm", a.ConfirmFinding(f.Finding.ID, ismsaudit.Meta{At: s.Confirmed, By: sample.Lead}))
	}
	do("end fieldwork", a.EndFieldwork(lead(ismsaudit.Meta{At: s.FieldworkEnds})))
	do("draft conclusions", a.DraftConclusion(s.Conclusion, lead(ismsaudit.Meta{At: s.Drafted})))
	do("agree conclusions", a.AgreeConclusion(lead(ismsaudit.Meta{At: s.Agreed})))
	do("closing meeting", a.HoldClosingMeeting(s.Closing, lead(ismsaudit.Meta{At: s.Closing.HeldAt})))
	for _, r := range s.Responses {
		if r.Opinion == "" {
			do("acknowledge", a.AcknowledgeFinding(r.Finding, ismsaudit.Meta{At: r.At, By: r.By}))
			continue
		}
		do("dispute", a.DisputeFinding(r.Finding, r.Opinion, ismsaudit.Meta{At: r.At, By: r.By}))
		if r.Resolution != "" {
			do("resolve", a.ResolveDispute(r.Finding, r.Resolution, lead(ismsaudit.Meta{At: r.ResolvedAt})))
		}
	}
	for _, act := range s.Actions {
		do("plan action", a.PlanCorrectiveAction(act.Finding, act.Plan, team(ismsaudit.Meta{At: act.Planned, By: act.PlanBy})))
	}
	do("issue report", a.IssueReport(lead(ismsaudit.Meta{At: s.Issued})))
	do("distribute report", a.Distribute(s.Recipients, lead(ismsaudit.Meta{At: s.Distributed})))
	if first != nil {
		return nil, first
	}
	return a, audit.Verify(a, &audit.VerifyOptions{At: s.Distributed, Competence: &check})
}

// TestOSCALSamples keeps the oscal command's sample inputs in testdata as
// oscalSamples makes them; -update-oscal rewrites them.
func TestOSCALSamples(t *testing.T) {
	files, err := oscalSamples()
	require.NoError(t, err)
	for name, want := range files {
		path := filepath.Join("testdata", name)
		if *updateOSCAL {
			require.NoError(t, os.WriteFile(path, want, 0o644))
			continue
		}
		got, err := os.ReadFile(path)
		require.NoError(t, err, "run go test ./examples/ismsaudit -run TestOSCALSamples -update-oscal")
		assert.Equal(t, string(want), string(got), "%s is as oscalSamples makes it", name)
	}
}

// oscalRoot returns the one root member of an OSCAL document.
func oscalRoot(t *testing.T, out string) string {
	t.Helper()
	var doc map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Len(t, doc, 1)
	for k := range doc {
		return k
	}
	return ""
}

func TestOSCALCommand(t *testing.T) {
	record := filepath.Join("testdata", recordFile)
	open := filepath.Join("testdata", openBOMSample)
	soa := filepath.Join("testdata", soaSample)
	openData, err := os.ReadFile(open)
	require.NoError(t, err)
	for _, tt := range []struct {
		name  string
		stdin []byte
		args  []string
		root  string // the document written, "" for none
		code  int
	}{
		{"catalog", nil, []string{"oscal", "catalog"}, "catalog", 0},
		{"profile", nil, []string{"oscal", "profile", "-at", "2026-02-16T11:00:00Z", soa}, "profile", 0},
		{"plan", nil, []string{"oscal", "plan", record}, "assessment-plan", 0},
		{"results", nil, []string{"oscal", "results", record}, "assessment-results", 0},
		{"plan of the open audit", nil, []string{"oscal", "plan", open}, "assessment-plan", 0},
		{"results of the open audit", nil, []string{"oscal", "results", open}, "assessment-results", 0},
		{"poam of the open audit from stdin", openData, []string{"oscal", "poam", "-"}, "plan-of-action-and-milestones", 0},
		{"poam with nothing open", nil, []string{"oscal", "poam", record}, "", 1},
		{"profile without -at", nil, []string{"oscal", "profile", soa}, "", 2},
		{"profile of an audit record", nil, []string{"oscal", "profile", "-at", "2026-02-16T11:00:00Z", record}, "", 2},
		{"unknown document", nil, []string{"oscal", "ssp"}, "", 2},
		{"no document", nil, []string{"oscal"}, "", 2},
		{"catalog takes no file", nil, []string{"oscal", "catalog", soa}, "", 2},
		{"unknown flag", nil, []string{"oscal", "plan", "-x", record}, "", 2},
		{"help", nil, []string{"oscal", "-h"}, "", 0},
		{"plan help", nil, []string{"oscal", "plan", "-h"}, "", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := runCommand(t, tt.stdin, tt.args...)
			require.Equal(t, tt.code, res.code, "stderr: %s", res.stderr)
			if tt.root == "" {
				assert.Empty(t, res.stdout, "no document on a refusal")
				if tt.code != 0 {
					assert.NotEmpty(t, res.stderr, "a refusal says why")
				}
				return
			}
			assert.Equal(t, tt.root, oscalRoot(t, res.stdout))
			assert.NotContains(t, res.stdout, `"`+bom, "no value starts with a byte-order mark")
			assert.NotContains(t, res.stdout, bom+`"`, "no value ends with a byte-order mark")
			again := runCommand(t, tt.stdin, tt.args...)
			assert.Equal(t, res.stdout, again.stdout, "the same input gives the same bytes")
		})
	}
}

// TestOSCALPlanRefusesDraftPlans runs oscal plan on a record whose plan is
// being revised: exit 1, naming the rule.
func TestOSCALPlanRefusesDraftPlans(t *testing.T) {
	files, err := oscalSamples()
	require.NoError(t, err)
	var a audit.Audit
	require.NoError(t, json.Unmarshal(files[openBOMSample], &a))
	a.Plan.State = audit.PlanDraft
	data, err := json.Marshal(&a)
	require.NoError(t, err)
	res := runCommand(t, data, "oscal", "plan", "-")
	require.Equal(t, 1, res.code, res.stderr)
	assert.Empty(t, res.stdout)
	assert.True(t, strings.Contains(res.stderr, "RPT-ASSESSMENT-PLAN-APPROVED"), res.stderr)
}

// TestOSCALSamplesHaveByteOrderMarks makes sure the open audit sample
// still carries the byte-order marks the .ci/run step checks are trimmed.
func TestOSCALSamplesHaveByteOrderMarks(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", openBOMSample))
	require.NoError(t, err)
	assert.GreaterOrEqual(t, bytes.Count(data, []byte(bom)), 8)
}
