package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
)

func TestBuildProgrammeReport(t *testing.T) {
	r := prReport(t)
	assert.Equal(t, "Audit programme status: ISMS-AP-2026", r.Title)
	assert.Equal(t, arAsOf, r.AsOf)
	assert.Equal(t, programme.Window{Earliest: prDay(2026, time.January, 1), Latest: prDay(2026, time.December, 31)}, r.Period)

	type row struct {
		ID     string
		Status ScheduleStatus
		State  audit.State
		Timing Timing
		Missed bool
	}
	var got []row
	for _, s := range r.Schedule {
		got = append(got, row{s.ID, s.Status, s.AuditState, s.Timing, s.Missed})
	}
	want := []row{
		{"IA-2026-01", ScheduleCompleted, audit.StateFollowUp, TimingOnTime, false},
		{"SP-2026-01", ScheduleNotStarted, "", "", true},
		{"CERT-NW-surveillance-1", ScheduleNotStarted, "", "", false},
		{"IA-2026-02", ScheduleInProgress, audit.StateFieldwork, "", false},
		{"IA-2026-03", ScheduleNotStarted, "", "", false},
		{"IA-2026-04", ScheduleNotStarted, "", "", false},
		{"CERT-NW-surveillance-2", ScheduleNotStarted, "", "", false},
		{"CERT-NW-recertification", ScheduleNotStarted, "", "", false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("schedule mismatch (-want +got):\n%s", diff)
	}
	assert.Equal(t, arAt(time.March, 12, 9, 0), r.Schedule[0].CompletedAt)
	assert.Equal(t, []ProgrammeTeamMember{
		{Auditor: "AUD-001", Name: "Aisha Khan", Role: competence.RoleTeamLeader}, {Auditor: "AUD-002", Name: "Ben Osei", Role: competence.RoleAuditor},
		{Auditor: "AUD-007", Name: "Chloe Martin", Role: competence.RoleTechnicalExpert}, {Name: "Dan Reed", Role: competence.RoleGuide},
	}, r.Schedule[0].Team, "the record's team")
	assert.Equal(t, []ProgrammeTeamMember{{Auditor: "AUD-001", Role: competence.RoleTeamLeader}, {Auditor: "AUD-002", Role: competence.RoleAuditor}},
		r.Schedule[4].Team, "the team the programme selected, unnamed without a pool")

	require.NotNil(t, r.Coverage)
	assert.True(t, r.Coverage.Complete(), "PlanInternal covers everything: %v", r.Coverage.Gaps)
	require.Len(t, r.Cycles, 1)
	assert.Equal(t, []string{"CERT-NW-surveillance-1", "CERT-NW-surveillance-2", "CERT-NW-recertification"}, r.Cycles[0].Audits)

	type act struct {
		Audit   audit.ID
		Finding audit.FindingID
		Open    bool
		Overdue bool
		Days    float64
	}
	var acts []act
	for _, a := range r.Actions {
		d := a.DaysOverdue
		if !a.Open() {
			d = a.ClosureDays
		}
		acts = append(acts, act{a.Audit, a.Finding, a.Open(), a.Overdue, round1(d)})
	}
	wantActs := []act{
		{"IA-2026-01", "F-02", true, true, 20.4},
		{"IA-2026-01", "F-01", true, false, 0},
		{"IA-2025-02", "P-7", true, false, 0},
		{"IA-2025-02", "P-1", false, false, 12},
		{"IA-2025-02", "P-2", false, false, 26},
		{"IA-2025-02", "P-3", false, false, 33},
		{"IA-2025-02", "P-4", false, false, 41},
		{"IA-2025-02", "P-5", false, false, 58},
		{"IA-2025-02", "P-6", false, false, 96},
		{"IA-2026-01", "F-07", false, false, 45.8},
	}
	if diff := cmp.Diff(wantActs, acts); diff != "" {
		t.Errorf("actions mismatch (-want +got):\n%s", diff)
	}

	// The report agrees with the monitoring figures it carries.
	f := r.Figures
	assert.Equal(t, 8, f.Audits.Planned)
	assert.Equal(t, 1, f.Audits.Completed)
	assert.Equal(t, 1, f.Audits.Missed)
	assert.Equal(t, 1, f.Audits.Unscheduled, "IA-2025-02 is not on the 2026 schedule")
	assert.Equal(t, 7, f.Actions.Closure.Count)
	assert.Len(t, f.Trend, 12, "2025-Q3 (IA-2025-02 created) to 2028-Q2 (the recertification due)")
}

func TestBuildProgrammeReportDefaults(t *testing.T) {
	p := prProgramme(t)
	audits := prAudits(t)
	r, err := BuildProgrammeReport(p, audits, nil)
	require.NoError(t, err)
	assert.Equal(t, arAt(time.May, 18, 9, 0), r.AsOf, "as of the latest time in the records: IA-2026-02 opened")
	assert.Nil(t, r.Coverage)
	err = r.Check()
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Coverage", ContentProgrammeCoverage), "internal audits are planned, so coverage is required: %v", err)

	// Naming the selected team from a pool.
	pool, err := competence.NewPool([]competence.Auditor{{ID: "AUD-001", Name: "Aisha Khan"}, {ID: "AUD-002", Name: "Ben Osei"}}, nil)
	require.NoError(t, err)
	o := prOptions(t)
	o.Pool, o.Title = pool, "Programme status for the audit committee"
	r, err = BuildProgrammeReport(p, audits, o)
	require.NoError(t, err)
	assert.Equal(t, "Programme status for the audit committee", r.Title)
	assert.Equal(t, []ProgrammeTeamMember{{Auditor: "AUD-001", Name: "Aisha Khan", Role: competence.RoleTeamLeader}, {Auditor: "AUD-002", Name: "Ben Osei", Role: competence.RoleAuditor}},
		r.Schedule[4].Team)

	// Coverage over another period: the audits outside it are listed.
	o.Period = programme.Window{Earliest: prDay(2026, time.January, 1), Latest: prDay(2026, time.June, 30)}
	r, err = BuildProgrammeReport(p, audits, o)
	require.NoError(t, err)
	assert.Equal(t, []string{"IA-2026-03", "IA-2026-04"}, r.Coverage.Outside)
	assert.False(t, r.Coverage.Complete())
	require.NoError(t, r.Check(), "gaps are content, not a defect")
}

func TestBuildProgrammeReportDoesNotChangeItsInput(t *testing.T) {
	p, audits := prProgramme(t), prAudits(t)
	wantP, wantA := prProgramme(t), prAudits(t)
	r, err := BuildProgrammeReport(p, audits, prOptions(t))
	require.NoError(t, err)
	r.Schedule[0].Sites = append(r.Schedule[0].Sites, "changed")
	r.Objectives[0].Statement = "changed"
	r.Schedule[7].Controls = append(r.Schedule[7].Controls[:0], "5.1")
	if diff := cmp.Diff(wantP, p); diff != "" {
		t.Errorf("programme changed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantA, audits); diff != "" {
		t.Errorf("records changed (-want +got):\n%s", diff)
	}
}

func TestBuildProgrammeReportRefusesBadInput(t *testing.T) {
	tests := []struct {
		name     string
		mutate   func(*programme.Programme, *[]*audit.Audit, *ProgrammeReportOptions)
		path     string
		rule     ismsaudit.RuleID
		notFound bool
	}{
		{"no id", func(p *programme.Programme, _ *[]*audit.Audit, _ *ProgrammeReportOptions) { p.ID = "" }, "ID", "required", false},
		{"bad state", func(p *programme.Programme, _ *[]*audit.Audit, _ *ProgrammeReportOptions) { p.State = "paused" }, "State", "enum", false},
		{"nil record", func(_ *programme.Programme, a *[]*audit.Audit, _ *ProgrammeReportOptions) { *a = append(*a, nil) }, "Audits[3]", "required", false},
		{"bad trend", func(_ *programme.Programme, _ *[]*audit.Audit, o *ProgrammeReportOptions) { o.Trend = "week" }, "Trend", "enum", false},
		{"record missing", func(_ *programme.Programme, a *[]*audit.Audit, _ *ProgrammeReportOptions) { *a = (*a)[1:] }, "Schedule[0].Audit", "unknown", true},
		{"bad coverage period", func(_ *programme.Programme, _ *[]*audit.Audit, o *ProgrammeReportOptions) {
			o.Period = programme.Window{Earliest: prDay(2026, time.June, 1), Latest: prDay(2026, time.January, 1)}
		}, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, audits, o := prProgramme(t), prAudits(t), prOptions(t)
			tt.mutate(p, &audits, o)
			r, err := BuildProgrammeReport(p, audits, o)
			require.Nil(t, r)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			assert.Equal(t, tt.notFound, errors.Is(err, ismsaudit.ErrNotFound))
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			if tt.rule != "" {
				assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %s %s in %v", tt.path, tt.rule, err)
			}
		})
	}
	_, err := BuildProgrammeReport(nil, nil, nil)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
}

func TestProgrammeReportGolden(t *testing.T) {
	r := prReport(t)
	for _, f := range []struct {
		format Format
		file   string
	}{{Markdown, "programme.md"}, {HTML, "programme.html"}, {JSON, "programme.json"}, {CSV, "programme-schedule.csv"}} {
		t.Run(string(f.format), func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, WriteProgrammeReport(&buf, r, f.format))
			golden(t, f.file, buf.Bytes())
			var again bytes.Buffer
			require.NoError(t, WriteProgrammeReport(&again, prReport(t), f.format))
			assert.Equal(t, buf.String(), again.String(), "deterministic")
		})
	}
}

func TestProgrammeReportJSONRoundTrip(t *testing.T) {
	r := prReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&buf, r, JSON))
	back, err := ParseProgrammeReport(buf.Bytes())
	require.NoError(t, err)
	if diff := cmp.Diff(r, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}

	_, err = ParseProgrammeReport([]byte(`{"title": "x", "surprise": 1}`))
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	_, err = ParseProgrammeReport(bytes.Replace(buf.Bytes(), []byte(`"status": "completed"`), []byte(`"status": "finished"`), 1))
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
}

func TestProgrammeScheduleCSV(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&buf, prReport(t), CSV))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 9)
	assert.Equal(t, ProgrammeScheduleCSVHeader, rows[0])
	for _, row := range rows {
		assert.Len(t, row, len(ProgrammeScheduleCSVHeader))
	}
	assert.Equal(t, []string{"IA-2026-01", "internal", prAuditee}, rows[1][:3])
	assert.Equal(t, "completed", rows[1][13])
	assert.Equal(t, "true", rows[2][16], "SP-2026-01 is past its window")
}

func TestProgrammeReportCheck(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*ProgrammeReport)
		path   string
		rule   ismsaudit.RuleID
	}{
		{"no title", func(r *ProgrammeReport) { r.Title = " " }, "Title", "required"},
		{"no programme", func(r *ProgrammeReport) { r.Programme = "" }, "Programme", "required"},
		{"bad state", func(r *ProgrammeReport) { r.State = "paused" }, "State", "enum"},
		{"no date", func(r *ProgrammeReport) { r.AsOf = time.Time{} }, "AsOf", "required"},
		{"period reversed", func(r *ProgrammeReport) { r.Period.Latest = prDay(2025, time.January, 1) }, "Period.Latest", "order"},
		{"no objectives", func(r *ProgrammeReport) { r.Objectives = nil }, "Objectives", ContentProgrammeObjectives},
		{"objective unmeasurable", func(r *ProgrammeReport) { r.Objectives[1].Target.Direction = "" }, "Objectives[1].Target", ContentProgrammeObjectives},
		{"objective unstated", func(r *ProgrammeReport) { r.Objectives[0].Statement = "" }, "Objectives[0].Statement", ContentProgrammeObjectives},
		{"no schedule", func(r *ProgrammeReport) { r.Schedule = nil }, "Schedule", ContentProgrammeSchedule},
		{"repeated audit", func(r *ProgrammeReport) { r.Schedule[1].ID = r.Schedule[0].ID }, "Schedule[1].ID", "unique"},
		{"bad kind", func(r *ProgrammeReport) { r.Schedule[2].Kind = "tourism" }, "Schedule[2].Kind", "enum"},
		{"no auditee", func(r *ProgrammeReport) { r.Schedule[3].Auditee = "" }, "Schedule[3].Auditee", ContentProgrammeSchedule},
		{"undated", func(r *ProgrammeReport) { r.Schedule[4].Due = programme.Window{} }, "Schedule[4].Due", ContentProgrammeSchedule},
		{"bad status", func(r *ProgrammeReport) { r.Schedule[0].Status = "done" }, "Schedule[0].Status", "enum"},
		{"under way without record", func(r *ProgrammeReport) { r.Schedule[3].Audit = "" }, "Schedule[3].Audit", ContentProgrammeSchedule},
		{"completed without date", func(r *ProgrammeReport) { r.Schedule[0].CompletedAt = time.Time{} }, "Schedule[0].CompletedAt", ContentProgrammeSchedule},
		{"timing on an open audit", func(r *ProgrammeReport) { r.Schedule[3].Timing = TimingLate }, "Schedule[3].Timing", ContentProgrammeSchedule},
		{"bad team role", func(r *ProgrammeReport) { r.Schedule[0].Team[1].Role = "boss" }, "Schedule[0].Team[1].Role", "enum"},
		{"no coverage", func(r *ProgrammeReport) { r.Coverage = nil }, "Coverage", ContentProgrammeCoverage},
		{"coverage miscounted", func(r *ProgrammeReport) { r.Coverage.Items[3].Planned = 9 }, "Coverage.Items[3].Planned", ContentProgrammeCoverage},
		{"no figures", func(r *ProgrammeReport) { r.Figures = nil }, "Figures", ContentProgrammeFigures},
		{"figures of another day", func(r *ProgrammeReport) { r.Figures.At = r.AsOf.Add(time.Hour) }, "Figures.At", ContentProgrammeFigures},
		{"figures disagree", func(r *ProgrammeReport) { r.Figures.Audits.Completed = 2 }, "Figures.Audits.Completed", ContentProgrammeFigures},
		{"action unnamed", func(r *ProgrammeReport) { r.Actions[0].Finding = "" }, "Actions[0].Finding", "required"},
		{"action twice", func(r *ProgrammeReport) {
			r.Actions[2].Audit, r.Actions[2].Finding = r.Actions[1].Audit, r.Actions[1].Finding
		}, "Actions[2].Finding", "unique"},
		{"overdue not marked", func(r *ProgrammeReport) { r.Actions[0].Overdue = false }, "Actions[0].Overdue", ContentProgrammeActions},
		{"action out of order", func(r *ProgrammeReport) { r.Actions[0], r.Actions[1] = r.Actions[1], r.Actions[0] }, "Actions[1]", "order"},
		{"action dropped", func(r *ProgrammeReport) { r.Actions = r.Actions[1:] }, "Actions", ContentProgrammeActions},
		{"closed without date", func(r *ProgrammeReport) { r.Actions[5].ClosedAt = time.Time{} }, "Actions[5].ClosedAt", ContentProgrammeActions},
		{"overdue days wrong", func(r *ProgrammeReport) { r.Actions[0].DaysOverdue = 3 }, "Actions[0].DaysOverdue", ContentProgrammeActions},
		{"closure days wrong", func(r *ProgrammeReport) { r.Actions[4].ClosureDays = -5 }, "Actions[4].ClosureDays", ContentProgrammeActions},
		{"closure count disagrees", func(r *ProgrammeReport) { r.Figures.Actions.Closure.Count = 3 }, "Actions", ContentProgrammeActions},
		{"criterion count negative", func(r *ProgrammeReport) { r.Figures.Findings.ByCriterion[0].ByGrade[0].Count = -1 }, "Figures.Findings.ByCriterion[0].Nonconformities", ContentProgrammeFigures},
		{"criterion bad", func(r *ProgrammeReport) { r.Figures.Findings.ByCriterion[0].Criterion.ID = "99.1" }, "Figures.Findings.ByCriterion[0].Criterion.ID", "unknown"},
		{"action in the future", func(r *ProgrammeReport) { r.Actions[1].StartedAt = r.AsOf.Add(time.Hour) }, "Actions[1].StartedAt", ContentProgrammeActions},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := prReport(t)
			tt.mutate(r)
			err := r.Check()
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %s %s in %v", tt.path, tt.rule, err)
			for f := range Formats() {
				var buf bytes.Buffer
				require.ErrorIs(t, WriteProgrammeReport(&buf, r, f), ismsaudit.ErrInvalid, f)
				assert.Zero(t, buf.Len(), "%s: an invalid report writes nothing", f)
			}
		})
	}
	var nilReport *ProgrammeReport
	require.ErrorIs(t, nilReport.Check(), ismsaudit.ErrInvalid)
	var buf bytes.Buffer
	require.ErrorIs(t, WriteProgrammeReport(&buf, prReport(t), "pdf"), ismsaudit.ErrInvalid)
	assert.Zero(t, buf.Len())
}

func TestProgrammeReportContents(t *testing.T) {
	ids := map[string]bool{}
	for c := range ProgrammeReportContents() {
		assert.NotEmpty(t, c.Clause, c.ID)
		assert.NotEmpty(t, c.Text, c.ID)
		assert.True(t, strings.HasPrefix(c.ID, "programme-report-"), c.ID)
		assert.False(t, ids[c.ID], "repeated %s", c.ID)
		ids[c.ID] = true
	}
	assert.Len(t, ids, 5)
}

func TestProgrammeReportWithoutFindings(t *testing.T) {
	p := prProgramme(t)
	p.Schedule[0].Audit, p.Schedule[1].Audit = "", ""
	o := prOptions(t)
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
	p := prProgramme(t)
	p.Schedule = nil
	o := prOptions(t)
	o.SoA, o.Feedback = nil, prFeedback()[:1]
	r, err := BuildProgrammeReport(p, []*audit.Audit{prPreviousAudit(prClosures)}, o)
	require.NoError(t, err)
	require.NoError(t, r.Check(), "no internal audit is planned, so coverage is not required")
	var buf bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&buf, r, Markdown))
	assert.NotContains(t, buf.String(), "Coverage of clauses and controls")
}

func TestHistogramBins(t *testing.T) {
	tests := []struct {
		values []float64
		width  float64
		counts []int
	}{
		{[]float64{0}, 1, []int{1}},
		{[]float64{0.5, 3, 9.99}, 1, []int{1, 0, 0, 1, 0, 0, 0, 0, 0, 1}},
		{[]float64{10}, 2, []int{0, 0, 0, 0, 0, 1}},
		{[]float64{12, 26, 33, 41, 45.8, 58, 96}, 10, []int{0, 1, 1, 1, 2, 1, 0, 0, 0, 1}},
		{[]float64{100}, 14, []int{0, 0, 0, 0, 0, 0, 0, 1}},
		{[]float64{30000}, 3001, []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 1}},
	}
	for _, tt := range tests {
		h := newHistogram(tt.values)
		assert.Equal(t, tt.width, h.width, "%v", tt.values)
		assert.Equal(t, tt.counts, h.counts, "%v", tt.values)
		assert.LessOrEqual(t, len(h.counts), maxBins)
	}
	assert.Equal(t, "14–28", (&histogram{width: 14}).binLabel(1))
}

func TestNiceStepAndNumbers(t *testing.T) {
	for _, tt := range []struct {
		top   float64
		ticks int
		want  float64
	}{{1, 6, 1}, {6, 6, 1}, {7, 6, 2}, {13, 6, 5}, {31, 6, 10}, {61, 6, 20}, {250, 5, 50}, {1999, 5, 500}, {9.2e18, 5, 2e18}} {
		assert.Equal(t, tt.want, niceStep(tt.top, tt.ticks), "%v/%d", tt.top, tt.ticks)
	}
	for _, tt := range []struct {
		top       float64
		ticks     int
		room      bool
		step, end float64
	}{{0, 6, false, 1, 1}, {3, 6, false, 1, 3}, {2, 5, true, 1, 3}, {10, 5, true, 2, 12}, {9, 5, true, 2, 10}} {
		step, end := axis(tt.top, tt.ticks, tt.room)
		assert.Equal(t, [2]float64{tt.step, tt.end}, [2]float64{step, end}, "%+v", tt)
	}
	assert.Equal(t, "12", num(12.04))
	assert.Equal(t, "12.1", num(12.05))
	assert.Equal(t, "-3.5", num(-3.49))
	assert.Equal(t, "20.0", fixed1(19.96))
	assert.Equal(t, "POL-ACCESS-CONTROL-20…", shorten("POL-ACCESS-CONTROL-2026-v4"))
	assert.Equal(t, "A.5.15", shorten("A.5.15"))
}

func TestProgrammeReportLabels(t *testing.T) {
	// Every criterion the chart shows is labelled as the audit report
	// labels it.
	r := prReport(t)
	c := ncChart(r.Figures)
	assert.Equal(t, []string{"A.5.15", "A.5.18", "A.5.30", "A.6.5", "A.8.8", "A.8.15"}, c.labels)
	assert.Equal(t, annexa.RefToControl("8.8").Title(), c.titles[4])
	assert.Equal(t, []int{2, 1}, []int{c.series[0].values[4], c.series[1].values[4]}, "A.8.8: a major from each year, a minor from 2025")
}

func TestProgrammeEnums(t *testing.T) {
	var statuses []ScheduleStatus
	for s := range ScheduleStatuses() {
		statuses = append(statuses, s)
		got, err := ParseScheduleStatus(s.String())
		require.NoError(t, err)
		assert.Equal(t, s, got)
		text, err := s.MarshalText()
		require.NoError(t, err)
		var back ScheduleStatus
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, s, back)
	}
	assert.Equal(t, []ScheduleStatus{ScheduleNotStarted, ScheduleInProgress, ScheduleCompleted, ScheduleTerminated}, statuses)
	var timings []Timing
	for v := range Timings() {
		timings = append(timings, v)
		got, err := ParseTiming(v.String())
		require.NoError(t, err)
		assert.Equal(t, v, got)
	}
	assert.Equal(t, []Timing{TimingOnTime, TimingEarly, TimingLate}, timings)

	_, err := ParseScheduleStatus("finished")
	var pe *ismsaudit.ParseError
	require.ErrorAs(t, err, &pe)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	_, err = ParseTiming("")
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	assert.False(t, ScheduleStatus("").IsValid())
	assert.False(t, Timing("late ").IsValid())
	var s ScheduleStatus
	require.ErrorIs(t, s.UnmarshalText([]byte("done")), ismsaudit.ErrInvalid)
	_, err = ScheduleStatus("done").MarshalText()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
}
