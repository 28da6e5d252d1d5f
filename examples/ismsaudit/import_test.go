package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
)

// The files of the import demonstration in testdata: the sample internal
// audit on its first day of fieldwork, sealed, and a scanner's assessment
// results of the second day (a copy of report/testdata/oscal-ar-scanner.json).
const (
	fieldworkFile = "internal-audit-fieldwork.json"
	scannerFile   = "oscal-ar-scanner.json"
)

// updateImport rewrites the fieldwork sample; -update would also rewrite
// the format version 0 samples (see writeSamples).
var updateImport = flag.Bool("update-import", false, "rewrite testdata/"+fieldworkFile)

// importAt is when the demonstration logs the scanner's items.
const importAt = "2026-03-03T12:00:00Z"

// fieldworkSample is the sample internal audit run up to its opening
// meeting, as examples/internal/sample.Conduct runs it, and sealed an
// hour later: the record a team holds when the scanner's results arrive.
func fieldworkSample() (*audit.Audit, error) {
	s := sample.InternalAudit()
	lead := func(t time.Time) ismsaudit.Meta { return ismsaudit.Meta{At: t, By: sample.LeadName} }
	a, err := audit.New(s.Options, lead(s.Created))
	if err != nil {
		return nil, err
	}
	steps := []func() error{
		func() error { return a.EstablishContact(s.Contact, lead(s.Contact.EstablishedAt)) },
		func() error { return a.DecideFeasibility(s.Feasibility, lead(s.Feasibility.DecidedAt)) },
		func() error { return a.SetTeam(s.Team, lead(s.TeamSet)) },
		func() error { return a.Prepare(lead(s.Prepare)) },
		func() error { return a.DraftPlan(s.Plan, lead(s.PlanDrafted)) },
		func() error { return a.AttachChecklist(s.Checklist, lead(s.ChecklistAt)) },
	}
	for _, p := range s.Sampling {
		steps = append(steps, func() error { return a.AddSamplingPlan(p, lead(s.SamplingAt)) })
	}
	check := &audit.PlanCheck{Pool: sample.InternalPool(), LeaderSet: competence.InternalISMSAuditorSet}
	steps = append(steps,
		func() error { return a.DrawSample("S-1", ismsaudit.Meta{At: s.SamplingAt, By: sample.Auditor}) },
		func() error {
			return a.RecordSelection("S-2", s.ServerChoice, ismsaudit.Meta{At: s.SamplingAt, By: sample.Expert})
		},
		func() error { return a.ApprovePlan(*check, lead(s.Approved)) },
		func() error { return a.CommunicatePlan(lead(s.Communicated)) },
		func() error { return a.HoldOpeningMeeting(s.Opening, lead(s.Opening.HeldAt)) },
		func() error { return a.SealRecord(lead(s.Opening.HeldAt.Add(time.Hour))) },
	)
	for i, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("step %d: %w", i, err)
		}
	}
	return a, nil
}

// TestImportSampleIsCurrent: the committed fieldwork sample is the one
// fieldworkSample makes (go test -run TestImportSampleIsCurrent
// -update-import rewrites it), and the committed scanner file is the report package's.
func TestImportSampleIsCurrent(t *testing.T) {
	a, err := fieldworkSample()
	require.NoError(t, err)
	require.Equal(t, audit.StateFieldwork, a.State)
	data, err := json.MarshalIndent(a, "", "  ")
	require.NoError(t, err)
	data = append(data, '\n')
	file := filepath.Join("testdata", fieldworkFile)
	if *updateImport {
		require.NoError(t, os.WriteFile(file, data, 0o644))
	}
	committed, err := os.ReadFile(file)
	require.NoError(t, err)
	if diff := cmp.Diff(string(committed), string(data)); diff != "" {
		t.Errorf("%s is stale: run go test ./examples/ismsaudit -run TestImportSampleIsCurrent -update-import; mismatch (-committed +made):\n%s", file, diff)
	}
	scanner, err := os.ReadFile(filepath.Join("testdata", scannerFile))
	require.NoError(t, err)
	original, err := os.ReadFile(filepath.Join("..", "..", "report", "testdata", scannerFile))
	require.NoError(t, err)
	assert.Equal(t, string(original), string(scanner), "the copy of the report package's scanner document")
}

func TestImportResults(t *testing.T) {
	record := filepath.Join("testdata", fieldworkFile)
	results := filepath.Join("testdata", scannerFile)
	r := runCommand(t, nil, "import-results", "-at", importAt, "-by", sample.AuditorName, "-prefix", "SCAN-", record, results)
	require.Equal(t, 0, r.code, "stderr: %s", r.stderr)
	assert.Contains(t, r.stderr, "collected 4 items into audit IA-2026-01")

	a, err := audit.Decode([]byte(r.stdout))
	require.NoError(t, err)
	require.Len(t, a.Evidence, 4)
	for _, e := range a.Evidence {
		assert.True(t, strings.HasPrefix(string(e.ID), "SCAN-"), e.ID)
		assert.Equal(t, audit.EvidenceCollected, e.State, "%s arrives collected, not verified", e.ID)
		assert.Equal(t, audit.SourceTechnicalVerification, e.Source)
		require.NotNil(t, e.Origin)
		assert.Equal(t, "Tidewater Scan 5.3", e.Origin.Tool)
	}
	require.NoError(t, a.VerifySeal(), "the import keeps the seal valid")
	require.NoError(t, audit.Verify(a, nil))

	// The output is a record the other commands take.
	dir := t.TempDir()
	imported := filepath.Join(dir, "imported.json")
	require.NoError(t, writeFile(imported, r.stdout))
	v := runCommand(t, nil, "verify", imported)
	assert.Equal(t, 0, v.code, "verify: %s%s", v.stdout, v.stderr)
	s := runCommand(t, nil, "validate", imported)
	assert.Equal(t, 0, s.code, "validate: %s%s", s.stdout, s.stderr)

	// Standard input for either file.
	data, err := os.ReadFile(results)
	require.NoError(t, err)
	in := runCommand(t, data, "import-results", "-at", importAt, "-by", sample.AuditorName, "-prefix", "SCAN-", record, "-")
	require.Equal(t, 0, in.code, "stderr: %s", in.stderr)
	assert.Equal(t, r.stdout, in.stdout, "the same record, whatever the file came from")

	// The same results again: every id is taken, nothing is collected.
	twice := runCommand(t, nil, "import-results", "-at", importAt, "-by", sample.AuditorName, "-prefix", "SCAN-", imported, results)
	assert.Equal(t, 1, twice.code)
	assert.Empty(t, twice.stdout)
	assert.Contains(t, twice.stderr, "4 problems")
	assert.Contains(t, twice.stderr, "assessment-results.results[0].observations[3].ID: unique")
}

func TestImportResultsRefusals(t *testing.T) {
	dir := t.TempDir()
	record := filepath.Join("testdata", fieldworkFile)
	results := filepath.Join("testdata", scannerFile)
	data, err := os.ReadFile(results)
	require.NoError(t, err)
	broken := filepath.Join(dir, "broken.json")
	require.NoError(t, writeFile(broken, strings.Replace(strings.Replace(string(data), `"2026-03-03T04:10:00Z"`, `"03/03/2026 04:10"`, 1), `"a.8.15"`, `"ac-2"`, -1)))
	outside := filepath.Join(dir, "outside.json")
	require.NoError(t, writeFile(outside, strings.Replace(string(data), `"target-id": "a.8.15"`, `"target-id": "a.8.20"`, 1)))
	badRecord := filepath.Join(dir, "record.json")
	require.NoError(t, writeFile(badRecord, `{"id": 7}`))
	ok := []string{"-at", importAt, "-by", sample.AuditorName}

	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string // what the messages name
	}{
		{"closed audit", append(ok, filepath.Join("testdata", recordFile), results), 1, []string{"refused the import", "AUD-EVIDENCE-DURING-AUDIT", `"closed"`}},
		{"criterion outside the plan", append(ok, record, outside), 1, []string{"2 problems", "observations[2].Supports[0]: AUD-EVIDENCE-CRITERIA", "observations[3].Supports[0]: AUD-EVIDENCE-CRITERIA"}},
		{"logged before collected", []string{"-at", "2026-03-03T05:00:00Z", "-by", "x", record, results}, 1, []string{"3 problems", "observations[1].CollectedAt"}},
		{"broken results", append(ok, record, broken), 2, []string{"is not OSCAL assessment results", "observations[0].collected: format", "findings[1].target.target-id: unknown"}},
		{"results missing", append(ok, record, filepath.Join(dir, "none.json")), 2, []string{"none.json"}},
		{"record not an audit", append(ok, badRecord, results), 2, []string{"is not a valid record"}},
		{"no time", []string{"-by", "x", record, results}, 2, []string{"-at and -by are required"}},
		{"no actor", []string{"-at", importAt, record, results}, 2, []string{"-at and -by are required"}},
		{"bad time", []string{"-at", "tomorrow", "-by", "x", record, results}, 2, []string{"RFC 3339"}},
		{"bad confidentiality", append(ok, "-confidentiality", "secret", record, results), 2, []string{"public, internal, restricted"}},
		{"bad criterion", append(ok, "-supports", "A.9.9", record, results), 2, []string{"-supports"}},
		{"one file", append(ok, record), 2, []string{"missing AUDIT and RESULTS"}},
		{"both standard input", append(ok, "-", "-"), 2, []string{"only one"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCommand(t, nil, append([]string{"import-results"}, tt.args...)...)
			assert.Equal(t, tt.code, r.code, "stderr: %s", r.stderr)
			assert.Empty(t, r.stdout, "nothing printed on a refusal")
			for _, s := range tt.stderr {
				assert.Contains(t, r.stderr, s)
			}
		})
	}

	h := runCommand(t, nil, "import-results", "-h")
	assert.Equal(t, 0, h.code)
	assert.Contains(t, h.stderr, "-prefix")
}

// TestImportResultsFallbacks: a document whose observations name no tool
// and no criterion imports with -tool and -supports.
func TestImportResultsFallbacks(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", scannerFile))
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	res := doc["assessment-results"].(map[string]any)["results"].([]any)[0].(map[string]any)
	delete(res, "findings")
	for _, o := range res["observations"].([]any) {
		delete(o.(map[string]any), "origins")
	}
	data, err = json.Marshal(doc)
	require.NoError(t, err)
	record := filepath.Join("testdata", fieldworkFile)
	args := []string{"import-results", "-at", importAt, "-by", sample.AuditorName, record, "-"}

	r := runCommand(t, data, args...)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "8 problems", "each observation names no tool and no criterion")

	r = runCommand(t, data, append(args, "-tool", "Tidewater Scan", "-supports", "A.8.8", "-supports", "A.8.15", "-confidentiality", "restricted")...)
	require.Equal(t, 0, r.code, "stderr: %s", r.stderr)
	a, err := audit.Decode([]byte(r.stdout))
	require.NoError(t, err)
	require.Len(t, a.Evidence, 4)
	for _, e := range a.Evidence {
		assert.Equal(t, "Tidewater Scan", e.CollectedBy)
		assert.Equal(t, audit.ConfidentialityRestricted, e.Confidentiality)
		assert.Len(t, e.Supports, 2)
	}
}
