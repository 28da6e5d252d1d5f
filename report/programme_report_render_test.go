package report

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
)

func TestProgrammeReportGolden(t *testing.T) {
	r := programmeReport(t)
	for _, f := range []struct {
		format Format
		file   string
	}{{Markdown, "programme.md"}, {HTML, "programme.html"}, {JSON, "programme.json"}, {CSV, "programme-schedule.csv"}} {
		t.Run(string(f.format), func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, WriteProgrammeReport(&buf, r, f.format))
			golden(t, f.file, buf.Bytes())
			var again bytes.Buffer
			require.NoError(t, WriteProgrammeReport(&again, programmeReport(t), f.format))
			assert.Equal(t, buf.String(), again.String(), "deterministic")
		})
	}
}

func TestProgrammeReportWithoutFindings(t *testing.T) {
	p := northwindProgramme(t)
	p.Schedule[0].Audit, p.Schedule[1].Audit = "", ""
	o := programmeOptions(t)
	o.Feedback = nil
	r, err := BuildProgrammeReport(p, nil, o)
	require.NoError(t, err)
	require.NoError(t, r.Check())
	var buf bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&buf, r, Markdown))
	out := buf.String()
	assert.Contains(t, out, "No nonconformity has been found yet.")
	assert.Contains(t, out, "No corrective action has been closed yet")
	assert.Contains(t, out, "None: every corrective action started by the date is closed.")
	assert.Contains(t, out, "No feedback recorded by the date.")
	buf.Reset()
	require.NoError(t, WriteProgrammeReport(&buf, r, HTML))
	assert.NotContains(t, buf.String(), "<svg")
}

func TestProgrammeReportCertificationOnly(t *testing.T) {
	p := northwindProgramme(t)
	p.Schedule = nil
	o := programmeOptions(t)
	o.SoA, o.Feedback = nil, auditorFeedback()[:1]
	r, err := BuildProgrammeReport(p, []*audit.Audit{previousAudit(t, closures)}, o)
	require.NoError(t, err)
	require.NoError(t, r.Check(), "no internal audit is planned, so coverage is not required")
	var buf bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&buf, r, Markdown))
	assert.NotContains(t, buf.String(), "Coverage of clauses and controls")
}

func TestProgrammeReportLabels(t *testing.T) {
	// Every criterion the chart shows is labelled as the audit report
	// labels it.
	r := programmeReport(t)
	c := ncChart(r.Figures)
	assert.Equal(t, []string{"A.5.15", "A.5.18", "A.5.30", "A.6.5", "A.8.8", "A.8.15"}, c.labels)
	assert.Equal(t, annexa.RefToControl("8.8").Title(), c.titles[4])
	assert.Equal(t, []int{2, 1}, []int{c.series[0].values[4], c.series[1].values[4]}, "A.8.8: a major from each year, a minor from 2025")
}
