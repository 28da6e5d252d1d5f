package report

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFindingsRegisterCSV(t *testing.T) {
	r := internalReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, CSV))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(r.Findings)+1)
	assert.Equal(t, AuditFindingsCSVHeader(), rows[0])
	f2 := rows[2]
	require.Len(t, f2, len(AuditFindingsCSVHeader()))
	assert.Equal(t, []string{"F-02", "nonconformity", "major", "disputed", "A.8.8", "Management of technical vulnerabilities"}, f2[:6])
	assert.Equal(t, "EV-04", f2[10])
	assert.Equal(t, "2026-03-04T12:00:00Z", f2[14])
	assert.Equal(t, []string{"implemented", "2026-04-30", "true"}, f2[15:])
	assert.Equal(t, "A.5.15;POL-ACC-4", rows[5][4])
	assert.Equal(t, []string{"", "", ""}, rows[3][15:], "no action for an observation")
}

func TestNonconformityActionsCSV(t *testing.T) {
	r := internalReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteNonconformityActions(&buf, r))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, NonconformityActionsCSVHeader(), rows[0])
	got := map[string][]string{}
	for _, row := range rows[1:] {
		require.Len(t, row, len(NonconformityActionsCSVHeader()))
		got[row[0]] = row
	}
	require.Len(t, got, 3, "one row per nonconformity")
	assert.Equal(t, []string{"2026-04-30", "implemented", "", "", "true", "20"}, got["F-02"][9:])
	assert.Equal(t, []string{"2026-06-15", "accepted", "", "", "false", "0"}, got["F-01"][9:])
	assert.Equal(t, []string{"2026-04-30", "closed", "AUD-002", "2026-04-20", "false", "0"}, got["F-07"][9:], "verified by the auditor's id, as VerifyCorrectiveAction records it")

	c := certificationReport(t)
	c.FollowUp.Actions = c.FollowUp.Actions[1:]
	buf.Reset()
	require.NoError(t, WriteNonconformityActions(&buf, c))
	rows, err = csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, []string{"C-F2", "minor", "acknowledged", "9.3.2", "", "The February 2026 management review records no decision on resources.", "", "", "", "", "", "", "", "false", "0"}, rows[1],
		"a nonconformity without a follow-up has empty action cells")
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	r := hostileReport(t)
	for name, write := range map[string]func(*bytes.Buffer) error{
		"findings": func(w *bytes.Buffer) error { return WriteAuditReport(w, r, CSV) },
		"actions":  func(w *bytes.Buffer) error { return WriteNonconformityActions(w, r) },
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, write(&buf))
			rows, err := csv.NewReader(&buf).ReadAll()
			require.NoError(t, err)
			require.Greater(t, len(rows), 1)
			for _, row := range rows[1:] {
				for j, c := range row {
					if c != "" {
						assert.NotContains(t, "=+-@\t\r", c[:1], "row %v cell %d starts a formula: %q", row[0], j, c)
					}
				}
			}
		})
	}
}
