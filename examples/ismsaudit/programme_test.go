package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
	"github.com/ismsaudit/ismsaudit/programme"
	"github.com/ismsaudit/ismsaudit/report"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// sampleProgramme is Northwind's audit programme for 2026, to which the
// sample internal audit IA-2026-01 belongs: created with its content and
// one risk per area of 19011 5.3, approved, implemented, and four internal
// audits scheduled from the sample SoA, the first of them IA-2026-01.
func sampleProgramme(t *testing.T) *programme.Programme {
	t.Helper()
	year := programme.Window{Earliest: day(2026, time.January, 1), Latest: day(2026, time.December, 31)}
	var roles []programme.ManagerRole
	for r := range programme.ManagerRoles() {
		roles = append(roles, r)
	}
	p, err := programme.New(programme.NewOptions{
		ID: "ISMS-AP-2026",
		Objectives: []programme.Objective{
			{ID: "coverage", Statement: "Audit every requirement and applicable control in 2026.",
				Target: programme.Target{Metric: "requirements and applicable controls audited as often as planned", Direction: programme.AtLeast, Value: 100, Unit: "%", Due: year.Latest}},
		},
		Managers: []programme.Manager{{Person: "aisha", Name: "Aisha Khan", Roles: roles}},
		Extent: programme.Extent{
			Start: year.Earliest, End: year.Latest, Audits: 4, Kinds: []annexa.AuditKind{annexa.Internal},
			Locations: []string{"London office", "Leeds office", "Cloud production (eu-west-2)"},
			Frequency: "every requirement and applicable control once a year", AuditDays: 14,
			Drivers: programme.Drivers{
				SizeAndComplexity: "140 persons on two sites and one cloud region; one analytics service",
				RiskAssessment:    "highest risks in access removal and patching",
				PreviousResults:   "IA-2025-02 found nonconformities in access removal",
			},
		},
		Resources: programme.Resources{AuditorDays: 16, Tools: []string{"GRC tool"}},
		Records: programme.RecordsPolicy{RetentionMonths: 72, Confidentiality: "reports and evidence in the GRC tool, auditors and the audit committee only",
			Access: []string{"internal auditors", "audit committee"}},
	}, ismsaudit.Meta{At: day(2025, time.November, 3), By: "Aisha Khan"})
	require.NoError(t, err)
	for c := range programme.RiskCategories() {
		id := programme.RiskID("risk-" + string(c))
		m := ismsaudit.Meta{At: day(2025, time.November, 10), By: "Aisha Khan"}
		require.NoError(t, p.AddRisk(programme.Risk{ID: id, Kind: programme.KindRisk, Category: c, Description: "A " + string(c) + " problem delays the programme.", Owner: "aisha"}, m))
		require.NoError(t, p.AssessRisk(id, programme.Assessment{Likelihood: 1, Impact: 2, Rationale: "no such problem in 2025"}, m))
	}
	require.NoError(t, p.Fire(programme.EventApprove, ismsaudit.Meta{At: day(2025, time.December, 1), By: "Omar Farouk"}))
	require.NoError(t, p.Fire(programme.EventImplement, ismsaudit.Meta{At: day(2026, time.January, 5), By: "Aisha Khan"}))
	internal, err := programme.PlanInternal(sample.SoA(), programme.InternalPlanOptions{ID: "IA-2026", Auditee: sample.Organization, Period: year, Audits: 4})
	require.NoError(t, err)
	internal[0].Audit, internal[0].Start, internal[0].Days = "IA-2026-01", day(2026, time.March, 2), 4
	require.NoError(t, p.ScheduleAudits(internal...))
	return p
}

// writeJSON writes v as JSON into dir and returns the file's path.
func writeJSON(t *testing.T, dir, name string, v any) string {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

// report renders a programme's status report from its audit records.
func TestReportProgramme(t *testing.T) {
	dir := samples(t)
	record := filepath.Join(dir, recordFile)
	prog := writeJSON(t, dir, "programme.json", sampleProgramme(t))
	soa := writeJSON(t, dir, "soa.json", sample.SoA())

	for name := range programmeFormats {
		t.Run(name, func(t *testing.T) {
			r := runCommand(t, nil, "report", "-format", name, "-soa", soa, "-at", "2026-06-30T00:00:00Z", prog, record)
			require.Equal(t, 0, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			switch name {
			case "json":
				rep, err := report.DecodeProgrammeReport([]byte(r.stdout))
				require.NoError(t, err)
				assert.Equal(t, ismsaudit.ProgrammeID("ISMS-AP-2026"), rep.Programme)
				assert.False(t, rep.Draft)
			case "csv":
				assert.Contains(t, r.stdout, "IA-2026-01")
			default:
				assert.Contains(t, r.stdout, "ISMS-AP-2026")
			}
		})
	}

	r := runCommand(t, nil, "report", "-format", "oscal", prog, record)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "valid for a programme: markdown, html, json, csv")

	r = runCommand(t, nil, "report", record, record)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "audit records follow a programme only")

	// A record that does not verify is refused, or drafted.
	bad := edited(t, record, `"grade": "major"`, `"grade": "minor"`)
	r = runCommand(t, nil, "report", "-soa", soa, prog, bad)
	assert.Equal(t, 1, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "Audits[0].Findings[6].Grade: AUD-SEAL-INTACT")
	r = runCommand(t, nil, "report", "-draft", "-soa", soa, "-format", "json", prog, bad)
	require.Equal(t, 0, r.code, r.stderr)
	assert.True(t, strings.Contains(r.stdout, `"draft": true`))
}
