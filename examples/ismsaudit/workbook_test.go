package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
	"github.com/ismsaudit/ismsaudit/report/sheet"
)

// fieldworkRecord writes an audit record in fieldwork, its checklist
// pending and two verified evidence items E-1 and E-2, into dir and
// returns its path and the audit.
func fieldworkRecord(t *testing.T, dir string) (string, *audit.Audit) {
	t.Helper()
	b := audittest.NewBuilder(t, &audittest.Options{Through: audit.StatePreparation})
	a := b.Build()
	m := b.Meta()
	require.NoError(t, a.HoldOpeningMeeting(audit.OpeningMeeting{HeldAt: m.At, Attendees: []audit.Attendee{{Name: "Lena Lead"}, {Name: "Carl", Organization: "Acme Ltd"}},
		PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true}, m))
	for _, id := range []ismsaudit.EvidenceID{"E-1", "E-2"} {
		m := b.Meta()
		require.NoError(t, a.CollectEvidence(audit.Evidence{ID: id, Source: audit.SourceRecord, Description: "records examined",
			Supports: []annexa.Ref{a.Checklist.Items[0].Ref}, CollectedBy: string(audittest.Auditor), CollectedAt: m.At,
			Confidentiality: audit.ConfidentialityInternal}, m))
		require.NoError(t, a.VerifyEvidence(id, b.Meta()))
	}
	data, err := json.MarshalIndent(a, "", "  ")
	require.NoError(t, err)
	path := filepath.Join(dir, "fieldwork.json")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path, a
}

// fillWorkbook fills rows of the checklist workbook data (row number to
// result, notes, evidence refs, reason) and returns the saved workbook.
func fillWorkbook(t *testing.T, data []byte, rows map[int][4]string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	for row, cells := range rows {
		for i, col := range []string{"E", "F", "G", "H"} {
			require.NoError(t, f.SetCellStr(sheet.ChecklistSheet, col+strconv.Itoa(row), cells[i]))
		}
	}
	var out bytes.Buffer
	require.NoError(t, f.Write(&out))
	return out.Bytes()
}

// TestFieldworkRoundTrip exports the checklist of an audit in fieldwork,
// fills it as an auditor would and imports it: the printed record holds
// the results; a workbook with mistakes is refused with every problem on
// standard error, exit status 1, and nothing on standard output.
func TestFieldworkRoundTrip(t *testing.T) {
	dir := t.TempDir()
	record, a := fieldworkRecord(t, dir)

	exported := runCommand(t, nil, "fieldwork", "export", record)
	require.Equal(t, 0, exported.code, exported.stderr)
	filled := filepath.Join(dir, "filled.xlsx")
	require.NoError(t, os.WriteFile(filled, fillWorkbook(t, []byte(exported.stdout), map[int][4]string{
		2: {"conforms", "", "E-1", ""},
		3: {"minor-nonconformity", "the 2025 programme skipped two sites", "E-1; E-2", ""},
		4: {"", "", "", "the access manager was on leave"},
	}), 0o644))

	imported := runCommand(t, nil, "fieldwork", "import", "-by", string(audittest.Auditor), "-at", "2026-03-05T10:00:00Z", record, filled)
	require.Equal(t, 0, imported.code, imported.stderr)
	assert.Contains(t, imported.stderr, "2 assessed, 1 not audited")
	got, err := audit.Decode([]byte(imported.stdout))
	require.NoError(t, err)
	items := got.Checklist.Items
	assert.Equal(t, annexa.Conforms, items[0].Result)
	assert.Equal(t, annexa.MinorNonconformity, items[1].Result)
	assert.Equal(t, []ismsaudit.EvidenceID{"E-1", "E-2"}, items[1].EvidenceRefs)
	assert.Equal(t, "the access manager was on leave", items[2].NotAuditedReason)
	assert.Equal(t, annexa.NotAssessed, items[3].Result)
	assert.Len(t, items, len(a.Checklist.Items))

	bad := filepath.Join(dir, "bad.xlsx")
	require.NoError(t, os.WriteFile(bad, fillWorkbook(t, []byte(exported.stdout), map[int][4]string{
		2: {"conforms", "", "E-1", ""},
		3: {"major-nonconformity", "", "E-1", ""},
		4: {"conforms", "", "E-9", ""},
	}), 0o644))
	refused := runCommand(t, nil, "fieldwork", "import", "-by", "omar", bad, record)
	assert.Equal(t, 2, refused.code, "AUDIT comes first: a workbook is not an audit record")
	refused = runCommand(t, nil, "fieldwork", "import", "-by", "omar", "-at", "2026-03-05T10:00:00Z", record, bad)
	assert.Equal(t, 1, refused.code)
	assert.Empty(t, refused.stdout)
	assert.Contains(t, refused.stderr, "row 3, column F (Notes)")
	assert.Contains(t, refused.stderr, "row 4, column G (Evidence refs)")

	// The CSV form, through standard input.
	csvOut := runCommand(t, nil, "fieldwork", "export", "-format", "csv", record)
	require.Equal(t, 0, csvOut.code, csvOut.stderr)
	rows, err := csv.NewReader(strings.NewReader(csvOut.stdout)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, sheet.ChecklistHeader(), rows[0])
	rows[1][4], rows[1][6] = "conforms", "E-2"
	var edited bytes.Buffer
	require.NoError(t, csv.NewWriter(&edited).WriteAll(rows))
	fromStdin := runCommand(t, edited.Bytes(), "fieldwork", "import", "-by", "omar", record, "-")
	require.Equal(t, 0, fromStdin.code, fromStdin.stderr)
}

// TestWorkbookCommand writes the audit workbook of the sample record.
func TestWorkbookCommand(t *testing.T) {
	res := runCommand(t, nil, "workbook", filepath.Join("testdata", recordFile))
	require.Equal(t, 0, res.code, res.stderr)
	f, err := excelize.OpenReader(strings.NewReader(res.stdout))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{sheet.FindingsSheet, sheet.ActionsSheet, sheet.EvidenceSheet, sheet.AboutSheet}, f.GetSheetList())
	rows, err := f.GetRows(sheet.FindingsSheet)
	require.NoError(t, err)
	assert.Greater(t, len(rows), 1)

	again := runCommand(t, nil, "workbook", filepath.Join("testdata", recordFile))
	assert.Equal(t, res.stdout, again.stdout, "the same record gives the same bytes")
}

// TestWorkbookCommandLine checks the command line: help, unknown flags,
// subcommands and values, missing arguments, and a record the command
// cannot use.
func TestWorkbookCommandLine(t *testing.T) {
	sample := filepath.Join("testdata", recordFile)
	for _, tt := range []struct {
		name string
		args []string
		code int
	}{
		{"fieldwork help", []string{"fieldwork", "-h"}, 0},
		{"export help", []string{"fieldwork", "export", "-h"}, 0},
		{"import help", []string{"fieldwork", "import", "-h"}, 0},
		{"workbook help", []string{"workbook", "-h"}, 0},
		{"help fieldwork", []string{"help", "fieldwork"}, 0},
		{"no subcommand", []string{"fieldwork"}, 2},
		{"unknown subcommand", []string{"fieldwork", "fill"}, 2},
		{"unknown format", []string{"fieldwork", "export", "-format", "ods", sample}, 2},
		{"import without -by", []string{"fieldwork", "import", sample, sample}, 2},
		{"import of a closed audit", []string{"fieldwork", "import", "-by", "x", sample, sample}, 1},
		{"export without audit", []string{"fieldwork", "export"}, 2},
		{"export of a missing file", []string{"fieldwork", "export", "no-such-file.json"}, 2},
		{"workbook unknown flag", []string{"workbook", "-colour", sample}, 2},
		{"workbook unknown recipient", []string{"workbook", "-recipient", "nobody", sample}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := runCommand(t, nil, tt.args...)
			assert.Equal(t, tt.code, res.code, res.stderr)
		})
	}
}
