package sheet_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
	"github.com/ismsaudit/ismsaudit/report"
	"github.com/ismsaudit/ismsaudit/report/sheet"
)

// closedReport is the report of a closed audittest audit with the
// findings and evidence confidentiality given.
func closedReport(t testing.TB, findings *audittest.Findings, conf audit.Confidentiality) *report.AuditReport {
	t.Helper()
	a := audittest.NewBuilder(t, &audittest.Options{Findings: findings, Confidentiality: conf, Evidence: 4}).Build()
	r, err := report.BuildAuditReport(a, nil)
	require.NoError(t, err)
	return r
}

// readWorkbook returns the rows of every sheet of a workbook.
func readWorkbook(t testing.TB, data []byte) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	out := map[string][][]string{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		require.NoError(t, err)
		out[name] = rows
	}
	return out
}

// TestWriteAuditWorkbook checks the sheets of the audit workbook: their
// order and headers, one row per finding, nonconformity and evidence item
// in the report's order, and the cells of a nonconformity's action.
func TestWriteAuditWorkbook(t *testing.T) {
	r := closedReport(t, &audittest.Findings{Major: 1, Minor: 1, Conformities: 1}, audit.ConfidentialityInternal)
	var buf bytes.Buffer
	require.NoError(t, sheet.WriteAuditWorkbook(&buf, r, nil))

	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, []string{sheet.FindingsSheet, sheet.ActionsSheet, sheet.EvidenceSheet, sheet.AboutSheet}, f.GetSheetList())
	for _, name := range []string{sheet.FindingsSheet, sheet.ActionsSheet, sheet.EvidenceSheet} {
		panes, err := f.GetPanes(name)
		require.NoError(t, err)
		assert.True(t, panes.Freeze, name)
	}
	require.NoError(t, f.Close())

	sheets := readWorkbook(t, buf.Bytes())
	findings, actions, evidence := sheets[sheet.FindingsSheet], sheets[sheet.ActionsSheet], sheets[sheet.EvidenceSheet]
	assert.Equal(t, sheet.FindingsHeader(), findings[0])
	assert.Equal(t, sheet.ActionsHeader(), actions[0])
	assert.Equal(t, sheet.EvidenceHeader(), evidence[0])

	var ids, ncs, evs []string
	for _, fd := range r.Findings {
		ids = append(ids, string(fd.ID))
		if fd.Kind == audit.Nonconformity {
			ncs = append(ncs, string(fd.ID))
		}
	}
	for _, e := range r.Evidence {
		evs = append(evs, string(e.ID))
	}
	column := func(rows [][]string) []string {
		var out []string
		for _, row := range rows[1:] {
			out = append(out, row[0])
		}
		return out
	}
	if diff := cmp.Diff(ids, column(findings)); diff != "" {
		t.Errorf("findings: mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(ncs, column(actions)); diff != "" {
		t.Errorf("actions: mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(evs, column(evidence)); diff != "" {
		t.Errorf("evidence: mismatch (-want +got):\n%s", diff)
	}

	act := r.FollowUp.Actions[0]
	var row []string
	for _, x := range actions[1:] {
		if x[0] == string(act.Finding) {
			row = x
		}
	}
	require.NotNil(t, row)
	assert.Equal(t, []string{act.Correction, act.RootCause, act.Action, act.DueAt.Format("2006-01-02"), string(act.State), act.VerifiedBy},
		row[6:12])

	var again bytes.Buffer
	require.NoError(t, sheet.WriteAuditWorkbook(&again, r, nil))
	assert.True(t, bytes.Equal(buf.Bytes(), again.Bytes()), "the same report gives the same bytes")
}

// TestWriteAuditWorkbookWithholdsRestricted checks that restricted
// evidence shows by reference only unless asked for in full.
func TestWriteAuditWorkbookWithholdsRestricted(t *testing.T) {
	r := closedReport(t, nil, audit.ConfidentialityRestricted)
	require.NotEmpty(t, r.Evidence)
	description := r.Evidence[0].Description
	require.NotEmpty(t, description)
	for _, tt := range []struct {
		name string
		opts *sheet.WorkbookOptions
		full bool
	}{
		{"default", nil, false},
		{"shown", &sheet.WorkbookOptions{ShowRestricted: true}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, sheet.WriteAuditWorkbook(&buf, r, tt.opts))
			rows := readWorkbook(t, buf.Bytes())[sheet.EvidenceSheet]
			require.Len(t, rows, len(r.Evidence)+1)
			assert.Equal(t, tt.full, rows[1][4] == description, "description shown: %q", rows[1][4])
			assert.Equal(t, tt.full, bytes.Contains(buf.Bytes(), []byte(description)) || containsText(t, buf.Bytes(), description),
				"the description appears anywhere in the workbook")
		})
	}
}

// containsText reports whether any cell of the workbook holds text.
func containsText(t testing.TB, data []byte, text string) bool {
	for _, rows := range readWorkbook(t, data) {
		for _, row := range rows {
			for _, c := range row {
				if c == text {
					return true
				}
			}
		}
	}
	return false
}

// TestWriteAuditWorkbookRefuses checks that a nil or incomplete report is
// refused and nothing is written.
func TestWriteAuditWorkbookRefuses(t *testing.T) {
	var buf bytes.Buffer
	err := sheet.WriteAuditWorkbook(&buf, nil, nil)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)

	r := closedReport(t, nil, audit.ConfidentialityInternal)
	r.Objectives = nil
	err = sheet.WriteAuditWorkbook(&buf, r, nil)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var got, want *ismsaudit.ValidationError
	require.ErrorAs(t, err, &got)
	require.ErrorAs(t, r.Check(), &want)
	if diff := cmp.Diff(want.Fields, got.Fields); diff != "" {
		t.Errorf("the workbook refuses what Check reports: mismatch (-want +got):\n%s", diff)
	}
	assert.Zero(t, buf.Len())
}

// The audit workbook of a closed audit: the findings register, the
// nonconformity action list and the evidence log, one sheet each.
func ExampleWriteAuditWorkbook() {
	a := audittest.NewBuilder(exampleT{}, &audittest.Options{Findings: &audittest.Findings{Major: 1, Minor: 1, Conformities: 1}}).Build()
	r, err := report.BuildAuditReport(a, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := sheet.WriteAuditWorkbook(&buf, r, nil); err != nil {
		fmt.Println(err)
		return
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	for _, name := range f.GetSheetList() {
		rows, _ := f.GetRows(name)
		fmt.Printf("%s: %d rows, first %q\n", name, len(rows), rows[0][:2])
	}
	actions, _ := f.GetRows(sheet.ActionsSheet)
	for _, row := range actions[1:] {
		fmt.Println(row[0], row[1], row[10])
	}
	// Output:
	// Findings: 4 rows, first ["ID" "Kind"]
	// Nonconformity actions: 3 rows, first ["Finding" "Grade"]
	// Evidence: 6 rows, first ["ID" "Source"]
	// About: 8 rows, first ["Audit" "A-TEST-1"]
	// F-1 major closed
	// F-2 minor closed
}

// TestWriteAuditWorkbookRefusesLongText checks that a text longer than a
// cell holds is refused, naming the cell, rather than cut short.
func TestWriteAuditWorkbookRefusesLongText(t *testing.T) {
	r := closedReport(t, nil, audit.ConfidentialityInternal)
	r.Findings[1].Found = strings.Repeat("x", excelize.TotalCellChars+1)
	var buf bytes.Buffer
	err := sheet.WriteAuditWorkbook(&buf, r, nil)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has(sheet.FindingsSheet+"!I3", ismsaudit.RuleRange), "%v", ve.Fields)
	assert.Zero(t, buf.Len())
}
