package report

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/programme"
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

// TestNCChartUngraded: the chart has an ungraded series only when some
// criterion has an ungraded nonconformity, wherever it is in the list.
func TestNCChartUngraded(t *testing.T) {
	names := func(c *barChart) []string {
		var out []string
		for _, s := range c.series {
			out = append(out, s.name)
		}
		return out
	}
	f := &programme.Figures{}
	f.Findings.ByCriterion = []programme.CriterionCount{
		{Criterion: annexa.RefToControl("5.15"), Nonconformities: 1, ByGrade: []programme.GradeCount{{Grade: audit.Major, Count: 1}}},
		{Criterion: annexa.RefToControl("8.8"), Nonconformities: 2, ByGrade: []programme.GradeCount{{Grade: audit.Minor, Count: 2}}},
	}
	assert.Equal(t, []string{"major", "minor"}, names(ncChart(f)))
	f.Findings.ByCriterion[0].Ungraded = 3
	c := ncChart(f)
	assert.Equal(t, []string{"major", "minor", "ungraded"}, names(c))
	assert.Equal(t, []int{3, 0}, c.series[2].values)
}

// TestProgrammeSummaryLeavesOutZeros: the summary names a version, the
// audits past their window and the closure time only when there are any.
func TestProgrammeSummaryLeavesOutZeros(t *testing.T) {
	render := func(r *ProgrammeReport) string {
		var buf bytes.Buffer
		m := &programmeMarkdown{mdDoc: mdDoc{o: newObuf(&buf)}}
		layoutProgrammeReport(m, r)
		require.NoError(t, m.o.flush())
		return buf.String()
	}
	r := programmeReport(t)
	require.Positive(t, r.Version)
	require.Positive(t, r.Figures.Audits.Missed)
	require.Positive(t, r.Figures.Actions.Closure.Count)
	out := render(r)
	assert.Contains(t, out, ", version "+strconv.Itoa(r.Version)+" (")
	assert.Contains(t, out, " past its window")
	assert.Contains(t, out, "Closure time:")
	r.Version, r.Figures.Audits.Missed, r.Figures.Actions.Closure = 0, 0, programme.ClosureTimes{}
	out = render(r)
	assert.NotContains(t, out, ", version ")
	assert.NotContains(t, out, " past its window")
	assert.NotContains(t, out, "Closure time:")
}

// TestClosureChartCountsMeasuredActions: the closure histogram holds the
// closed actions that have a closure time, and no other.
func TestClosureChartCountsMeasuredActions(t *testing.T) {
	r := programmeReport(t)
	sum := func() int {
		n := 0
		for _, c := range (&programmeLayout{r: r}).closureChart().counts {
			n += c
		}
		return n
	}
	measured, last := 0, -1
	for i := range r.Actions {
		if r.Actions[i].Measured() {
			measured, last = measured+1, i
		}
	}
	require.Positive(t, measured)
	assert.Equal(t, measured, sum())
	a := &r.Actions[last]
	a.ClosedAt = a.StartedAt.Add(-time.Hour) // closed, but its closing precedes its start
	require.False(t, a.Open())
	assert.Equal(t, measured-1, sum(), "a closed action with no closure time is left out")
}
