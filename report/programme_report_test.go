package report

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
)

func TestBuildProgrammeReport(t *testing.T) {
	r := programmeReport(t)
	assert.Equal(t, "Audit programme status: ISMS-AP-2026", r.Title)
	assert.Equal(t, asOf, r.AsOf)
	assert.Equal(t, programme.Window{Earliest: day(2026, time.January, 1), Latest: day(2026, time.December, 31)}, r.Period)

	type row struct {
		ID     programme.ScheduledAuditID
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
	assert.Equal(t, at2026(time.March, 12, 9, 0), r.Schedule[0].CompletedAt)
	assert.Equal(t, []AuditTeamMember{
		{Auditor: "AUD-001", Name: "Aisha Khan", Role: competence.RoleTeamLeader, Organization: "Northwind Internal Audit"},
		{Auditor: "AUD-002", Name: "Ben Osei", Role: competence.RoleAuditor, Organization: "Northwind Internal Audit"},
		{Auditor: "AUD-007", Name: "Chloe Martin", Role: competence.RoleTechnicalExpert, Organization: "Harbour Security Consulting"},
		{Name: "Dan Reed", Role: competence.RoleGuide, Organization: "Northwind Analytics Ltd"},
	}, r.Schedule[0].Team, "the record's team")
	assert.Equal(t, []AuditTeamMember{{Auditor: "AUD-001", Role: competence.RoleTeamLeader}, {Auditor: "AUD-002", Role: competence.RoleAuditor}},
		r.Schedule[4].Team, "the team the programme selected, unnamed without a pool")

	require.NotNil(t, r.Coverage)
	assert.True(t, r.Coverage.Complete(), "PlanInternal covers everything: %v", r.Coverage.Gaps)
	require.Len(t, r.Cycles, 1)
	assert.Equal(t, []programme.ScheduledAuditID{"CERT-NW-surveillance-1", "CERT-NW-surveillance-2", "CERT-NW-recertification"}, r.Cycles[0].Audits)

	type act struct {
		Audit   ismsaudit.AuditID
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
	p := northwindProgramme(t)
	audits := programmeAudits(t)
	r, err := BuildProgrammeReport(p, audits, nil)
	require.NoError(t, err)
	assert.Equal(t, at2026(time.May, 18, 9, 0), r.AsOf, "as of the latest time in the records: IA-2026-02 opened")
	assert.Nil(t, r.Coverage)
	err = r.Check()
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Coverage", RuleProgrammeCoverage), "internal audits are planned, so coverage is required: %v", err)

	// Naming the selected team from a pool.
	pool, err := competence.NewPool([]competence.Auditor{{ID: "AUD-001", Name: "Aisha Khan"}, {ID: "AUD-002", Name: "Ben Osei"}}, nil)
	require.NoError(t, err)
	o := programmeOptions(t)
	o.Pool, o.Title = pool, "Programme status for the audit committee"
	r, err = BuildProgrammeReport(p, audits, o)
	require.NoError(t, err)
	assert.Equal(t, "Programme status for the audit committee", r.Title)
	assert.Equal(t, []AuditTeamMember{{Auditor: "AUD-001", Name: "Aisha Khan", Role: competence.RoleTeamLeader}, {Auditor: "AUD-002", Name: "Ben Osei", Role: competence.RoleAuditor}},
		r.Schedule[4].Team)

	// Coverage over another period: the audits outside it are listed.
	o.Period = programme.Window{Earliest: day(2026, time.January, 1), Latest: day(2026, time.June, 30)}
	r, err = BuildProgrammeReport(p, audits, o)
	require.NoError(t, err)
	assert.Equal(t, []programme.ScheduledAuditID{"IA-2026-03", "IA-2026-04"}, r.Coverage.Outside)
	assert.False(t, r.Coverage.Complete())
	require.NoError(t, r.Check(), "gaps are content, not a defect")
}

func TestBuildProgrammeReportDoesNotChangeItsInput(t *testing.T) {
	p, audits := northwindProgramme(t), programmeAudits(t)
	wantP, wantA := northwindProgramme(t), programmeAudits(t)
	r, err := BuildProgrammeReport(p, audits, programmeOptions(t))
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
			o.Period = programme.Window{Earliest: day(2026, time.June, 1), Latest: day(2026, time.January, 1)}
		}, "", "", false},
		{"half a coverage period", func(_ *programme.Programme, _ *[]*audit.Audit, o *ProgrammeReportOptions) {
			o.Period = programme.Window{Earliest: day(2026, time.January, 1)}
		}, "Period.Latest", "required", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, audits, o := northwindProgramme(t), programmeAudits(t), programmeOptions(t)
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

// TestProgrammeActionMeasured: an action has a closure time when it
// closed, not before it started.
func TestProgrammeActionMeasured(t *testing.T) {
	start := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name            string
		started, closed time.Time
		measured, open  bool
	}{
		{"closed after it started", start, start.Add(48 * time.Hour), true, false},
		{"closed the instant it started", start, start, true, false},
		{"closed before it started", start, start.Add(-time.Hour), false, false},
		{"not closed", start, time.Time{}, false, true},
		{"neither date", time.Time{}, time.Time{}, false, true},
	} {
		act := ProgrammeAction{StartedAt: tc.started, ClosedAt: tc.closed, State: audit.FollowUpClosed}
		if tc.open {
			act.State = audit.FollowUpImplemented
		}
		assert.Equal(t, tc.measured, act.Measured(), tc.name)
		assert.Equal(t, tc.open, act.Open(), tc.name)
	}
}

// TestCompareActions: open actions first, overdue before not overdue,
// then by due date (none last); closed ones by closing date; ties by
// audit, then finding.
func TestCompareActions(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	open := func(id audit.FindingID, due time.Time, overdue bool) ProgrammeAction {
		return ProgrammeAction{Audit: "A", Finding: id, State: audit.FollowUpAccepted, DueAt: due, Overdue: overdue}
	}
	closed := func(a ismsaudit.AuditID, id audit.FindingID, at time.Time) ProgrammeAction {
		return ProgrammeAction{Audit: a, Finding: id, State: audit.FollowUpClosed, ClosedAt: at}
	}
	// In the order compareActions puts them.
	want := []ProgrammeAction{
		open("F-9", day(2), true),
		open("F-8", day(3), true),
		open("F-1", day(1), false),
		open("F-2", day(5), false),
		open("F-0", time.Time{}, false),
		closed("B", "F-5", day(1)),
		closed("A", "F-9", day(2)),
		closed("B", "F-1", day(2)),
		closed("A", "F-1", day(4)),
	}
	for i := range want {
		for j := range want {
			assert.Equal(t, min(max(i-j, -1), 1), compareActions(want[i], want[j]), "%d %s/%s vs %d %s/%s", i, want[i].Audit, want[i].Finding, j, want[j].Audit, want[j].Finding)
		}
	}
}
