package programme_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/programme"
)

// equateApprox compares floats to 1e-9, for figures such as 110/3.
var equateApprox = cmpopts.EquateApprox(0, 1e-9)

func TestMonitor(t *testing.T) {
	clause := func(id string) annexa.Ref { return annexa.RefToClause(annexa.ClauseID(id)) }
	control := func(id string) annexa.Ref { return annexa.RefToControl(annexa.ControlID(id)) }
	closure := programme.ClosureTimes{Count: 3, MeanDays: 110.0 / 3, MedianDays: 30, P90Days: 54, MinDays: 20, MaxDays: 60}
	feedback := programme.FeedbackFigures{
		Count: 4, MeanScore: 3.5, MedianScore: 3.5, ByScore: scoreCounts(0, 1, 1, 1, 1),
		ByAuditor: []programme.AuditorScore{
			{Auditor: "alice", Count: 3, MeanScore: 4, MedianScore: 4, MinScore: 3, MaxScore: 5},
			{Auditor: "bob", Count: 1, MeanScore: 2, MedianScore: 2, MinScore: 2, MaxScore: 2},
		},
	}
	june := programme.Figures{
		At: noon2026(6, 30),
		Audits: programme.AuditFigures{
			Planned: 8, Due: 5, Completed: 3, OnTime: 1, Early: 1, Late: 1,
			InProgress: 1, Terminated: 1, NotStarted: 3, Missed: 2, Unscheduled: 1,
		},
		Findings: programme.FindingFigures{
			ByKind: kindCounts(1, 7, 1, 1, 0), Nonconformities: 7, ByGrade: gradeCounts(2, 4), Ungraded: 1,
			ByCriterion: []programme.CriterionCount{
				criterionCount(clause("6.1.2"), 1, 0, 0), criterionCount(clause("9.2.1"), 0, 1, 0),
				criterionCount(control("5.15"), 1, 2, 0), criterionCount(control("8.8"), 0, 2, 0),
				criterionCount(annexa.RefToDocument("policy-7"), 0, 0, 1),
			},
		},
		Actions: programme.ActionFigures{Total: 7, Open: 4, Closed: 3, Overdue: 3, OverdueMajor: 1, Closure: closure},
		OverdueActions: []programme.OverdueAction{
			{Audit: "A2", Finding: "F1", Grade: audit.Minor, DueAt: noon2026(4, 30), DaysOverdue: 61},
			{Audit: "A2", Finding: "F5", DueAt: noon2026(5, 1), DaysOverdue: 60},
			{Audit: "U1", Finding: "F1", Grade: audit.Major, DueAt: noon2026(5, 12), DaysOverdue: 49},
		},
		Feedback: feedback,
	}
	quarters := june
	quarters.TrendPeriod = programme.PeriodQuarter
	quarters.Trend = []programme.PeriodFigures{
		{
			Label: "2026-Q1", Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
			Audits: programme.AuditFigures{Planned: 3, Due: 3, Completed: 2, OnTime: 1, Late: 1, Terminated: 1},
			Findings: programme.FindingFigures{
				ByKind: kindCounts(1, 6, 0, 1, 0), Nonconformities: 6, ByGrade: gradeCounts(2, 3), Ungraded: 1,
				ByCriterion: []programme.CriterionCount{
					criterionCount(clause("6.1.2"), 1, 0, 0), criterionCount(clause("9.2.1"), 0, 1, 0),
					criterionCount(control("5.15"), 1, 1, 0), criterionCount(control("8.8"), 0, 2, 0),
					criterionCount(annexa.RefToDocument("policy-7"), 0, 0, 1),
				},
			},
			Actions:  programme.ActionFigures{Total: 6, Open: 3, Closed: 3, Overdue: 2, Closure: closure},
			Feedback: feedback,
			Backlog:  programme.ActionBacklog{At: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC).Add(-1), Open: 3},
		},
		{
			Label: "2026-Q2", Start: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
			Audits: programme.AuditFigures{Planned: 3, Due: 2, Completed: 1, Early: 1, InProgress: 1, NotStarted: 1, Missed: 2, Unscheduled: 1},
			Findings: programme.FindingFigures{
				ByKind: kindCounts(0, 1, 1, 0, 0), Nonconformities: 1, ByGrade: gradeCounts(0, 1),
				ByCriterion: []programme.CriterionCount{criterionCount(control("5.15"), 0, 1, 0)},
			},
			Actions:  programme.ActionFigures{Total: 1, Open: 1, Overdue: 1, OverdueMajor: 1},
			Feedback: noFeedback(),
			Backlog:  programme.ActionBacklog{At: noon2026(6, 30), Open: 4, Overdue: 3},
		},
		{
			Label: "2026-Q3", Start: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
			Audits:   programme.AuditFigures{Planned: 2, NotStarted: 2},
			Findings: noFindings(),
			Feedback: noFeedback(),
			Backlog:  programme.ActionBacklog{At: noon2026(6, 30), Open: 4, Overdue: 3},
		},
	}
	february := programme.Figures{
		At:       noon2026(2, 20),
		Audits:   programme.AuditFigures{Planned: 8, Due: 1, Completed: 1, OnTime: 1, InProgress: 1, NotStarted: 6},
		Findings: programme.FindingFigures{ByKind: kindCounts(0, 2, 0, 1, 0), Nonconformities: 2, ByGrade: gradeCounts(1, 1), ByCriterion: []programme.CriterionCount{criterionCount(clause("9.2.1"), 0, 1, 0), criterionCount(control("5.15"), 1, 1, 0)}},
		Actions: programme.ActionFigures{Total: 2, Open: 1, Closed: 1,
			Closure: programme.ClosureTimes{Count: 1, MeanDays: 30, MedianDays: 30, P90Days: 30, MinDays: 30, MaxDays: 30}},
		Feedback: programme.FeedbackFigures{Count: 2, MeanScore: 3, MedianScore: 3, ByScore: scoreCounts(0, 1, 0, 1, 0),
			ByAuditor: []programme.AuditorScore{
				{Auditor: "alice", Count: 1, MeanScore: 4, MedianScore: 4, MinScore: 4, MaxScore: 4},
				{Auditor: "bob", Count: 1, MeanScore: 2, MedianScore: 2, MinScore: 2, MaxScore: 2},
			}},
	}
	empty := programme.Figures{At: noon2026(6, 30), Findings: noFindings(), Feedback: noFeedback()}
	emptyMonth := empty
	emptyMonth.TrendPeriod = programme.PeriodMonth
	emptyMonth.Trend = []programme.PeriodFigures{{
		Label: "2026-06", Start: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
		Findings: noFindings(), Feedback: noFeedback(), Backlog: programme.ActionBacklog{At: noon2026(6, 30)},
	}}

	tests := []struct {
		name string
		in   func() programme.MonitorInput
		want programme.Figures
	}{
		{"nothing", func() programme.MonitorInput { return programme.MonitorInput{At: noon2026(6, 30)} }, empty},
		{"nothing by month", func() programme.MonitorInput {
			return programme.MonitorInput{At: noon2026(6, 30), Trend: programme.PeriodMonth}
		}, emptyMonth},
		{"scenario at 30 June", monitorScenario, june},
		{"scenario at 30 June by quarter", func() programme.MonitorInput {
			in := monitorScenario()
			in.Trend = programme.PeriodQuarter
			return in
		}, quarters},
		{"scenario at 20 February", func() programme.MonitorInput {
			in := monitorScenario()
			in.At = noon2026(2, 20)
			return in
		}, february},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in()
			before := jsonClone(t, in)
			got, err := programme.Monitor(in)
			require.NoError(t, err)
			if d := cmp.Diff(&tt.want, got, equateApprox); d != "" {
				t.Errorf("figures mismatch (-want +got):\n%s", d)
			}
			if d := cmp.Diff(before, in); d != "" {
				t.Errorf("Monitor changed its input (-before +after):\n%s", d)
			}
			assertRoundTrip(t, got)
		})
	}
}

// assertRoundTrip checks that v survives JSON unchanged.
func assertRoundTrip[T any](t testing.TB, v T) {
	t.Helper()
	if d := cmp.Diff(v, jsonClone(t, v)); d != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", d)
	}
}

func TestMonitorRates(t *testing.T) {
	tests := []struct {
		name             string
		f                programme.AuditFigures
		completion, onTm float64
	}{
		{"nothing planned", programme.AuditFigures{}, 0, 0},
		{"planned, none completed", programme.AuditFigures{Planned: 4, NotStarted: 4}, 0, 0},
		{"some late", programme.AuditFigures{Planned: 4, Completed: 2, OnTime: 1, Late: 1, NotStarted: 2}, 0.5, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.completion, tt.f.CompletionRate(), 1e-12)
			assert.InDelta(t, tt.onTm, tt.f.OnTimeRate(), 1e-12)
		})
	}
}

func TestMonitorPeriods(t *testing.T) {
	utc := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	// One scheduled audit due in late 2025 and the date in early 2026: the
	// trend runs from one to the other without gaps.
	in := programme.MonitorInput{
		At:       time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC),
		Schedule: []programme.ScheduledAudit{{ID: "S", Kind: annexa.Internal, Auditee: "acme", Due: window(time.Time{}, utc(2025, 11, 30))}},
	}
	type period struct {
		Label      string
		Start, End time.Time
		Planned    int
	}
	tests := []struct {
		trend programme.Period
		want  []period
	}{
		{programme.PeriodMonth, []period{
			{"2025-11", utc(2025, 11, 1), utc(2025, 12, 1), 1},
			{"2025-12", utc(2025, 12, 1), utc(2026, 1, 1), 0},
			{"2026-01", utc(2026, 1, 1), utc(2026, 2, 1), 0},
			{"2026-02", utc(2026, 2, 1), utc(2026, 3, 1), 0},
		}},
		{programme.PeriodQuarter, []period{
			{"2025-Q4", utc(2025, 10, 1), utc(2026, 1, 1), 1},
			{"2026-Q1", utc(2026, 1, 1), utc(2026, 4, 1), 0},
		}},
		{programme.PeriodYear, []period{
			{"2025", utc(2025, 1, 1), utc(2026, 1, 1), 1},
			{"2026", utc(2026, 1, 1), utc(2027, 1, 1), 0},
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.trend), func(t *testing.T) {
			in.Trend = tt.trend
			got, err := programme.Monitor(in)
			require.NoError(t, err)
			var ps []period
			for _, p := range got.Trend {
				ps = append(ps, period{p.Label, p.Start, p.End, p.Audits.Planned})
			}
			if d := cmp.Diff(tt.want, ps); d != "" {
				t.Errorf("periods mismatch (-want +got):\n%s", d)
			}
		})
	}
}

func TestMonitorTimeZones(t *testing.T) {
	// Periods are UTC: 00:30 on 1 March in UTC+2 is still February in UTC.
	east := time.FixedZone("UTC+2", 2*60*60)
	in := programme.MonitorInput{
		At:       time.Date(2026, 3, 1, 0, 30, 0, 0, east),
		Trend:    programme.PeriodMonth,
		Schedule: []programme.ScheduledAudit{{ID: "S", Kind: annexa.Internal, Auditee: "acme", Due: window(time.Time{}, time.Date(2026, 3, 1, 0, 30, 0, 0, east))}},
	}
	got, err := programme.Monitor(in)
	require.NoError(t, err)
	require.Len(t, got.Trend, 1)
	assert.Equal(t, "2026-02", got.Trend[0].Label)
	assert.Equal(t, 1, got.Trend[0].Audits.Planned)
}

func TestMonitorClosureEdges(t *testing.T) {
	// A closure recorded before its nonconformity was presented cannot be
	// measured: it counts as closed, and as unmeasured.
	in := monitorScenario()
	a1 := in.Audits[0]
	a1.FollowUps[0] = newFollowUp("F1", noon2026(2, 28), noon2026(1, 1), noon2026(1, 10))
	got, err := programme.Monitor(in)
	require.NoError(t, err)
	assert.Equal(t, 3, got.Actions.Closed)
	want := programme.ClosureTimes{Count: 2, Unmeasured: 1, MeanDays: 40, MedianDays: 40, P90Days: 56, MinDays: 20, MaxDays: 60}
	if d := cmp.Diff(want, got.Actions.Closure, equateApprox); d != "" {
		t.Errorf("closure mismatch (-want +got):\n%s", d)
	}

	// With no presentation entry, an action starts at the finding's
	// RaisedAt.
	in = monitorScenario()
	f := &in.Audits[0].Findings[0]
	f.History = f.History[:1]   // confirmed only
	f.RaisedAt = noon2026(1, 8) // 40 days before the closure on 17 February
	got, err = programme.Monitor(in)
	require.NoError(t, err)
	assert.InDelta(t, 120.0/3, got.Actions.Closure.MeanDays, 1e-9)
	assert.InDelta(t, 40.0, got.Actions.Closure.MedianDays, 1e-9)
}

func TestMonitorOrderIndependent(t *testing.T) {
	in := monitorScenario()
	in.Trend = programme.PeriodMonth
	want, err := programme.Monitor(in)
	require.NoError(t, err)
	rev := jsonClone(t, in)
	reverse := func(n int, swap func(i, j int)) {
		for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
			swap(i, j)
		}
	}
	reverse(len(rev.Schedule), func(i, j int) { rev.Schedule[i], rev.Schedule[j] = rev.Schedule[j], rev.Schedule[i] })
	reverse(len(rev.Audits), func(i, j int) { rev.Audits[i], rev.Audits[j] = rev.Audits[j], rev.Audits[i] })
	reverse(len(rev.Feedback), func(i, j int) { rev.Feedback[i], rev.Feedback[j] = rev.Feedback[j], rev.Feedback[i] })
	for _, a := range rev.Audits {
		reverse(len(a.Findings), func(i, j int) { a.Findings[i], a.Findings[j] = a.Findings[j], a.Findings[i] })
		reverse(len(a.FollowUps), func(i, j int) { a.FollowUps[i], a.FollowUps[j] = a.FollowUps[j], a.FollowUps[i] })
	}
	got, err := programme.Monitor(rev)
	require.NoError(t, err)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("figures depend on the order of the input (-want +got):\n%s", d)
	}
}

func TestMonitorRefused(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(in *programme.MonitorInput)
		path     string
		rule     ismsaudit.RuleID
		notFound bool
	}{
		{"no date", func(in *programme.MonitorInput) { in.At = time.Time{} }, "At", "required", false},
		{"unknown trend", func(in *programme.MonitorInput) { in.Trend = "week" }, "Trend", "enum", false},
		{"nil record", func(in *programme.MonitorInput) { in.Audits = append(in.Audits, nil) }, "Audits[7]", "required", false},
		{"record without id", func(in *programme.MonitorInput) { in.Audits[6].ID = "" }, "Audits[6].ID", "required", false},
		{"record id twice", func(in *programme.MonitorInput) { in.Audits[6].ID = "A1" }, "Audits[6].ID", "unique", false},
		{"record without creation", func(in *programme.MonitorInput) { in.Audits[2].CreatedAt = time.Time{} }, "Audits[2].CreatedAt", "required", false},
		{"finding without id", func(in *programme.MonitorInput) { in.Audits[0].Findings[2].ID = "" }, "Audits[0].Findings[2].ID", "required", false},
		{"finding id twice", func(in *programme.MonitorInput) { in.Audits[0].Findings[2].ID = "F1" }, "Audits[0].Findings[2].ID", "unique", false},
		{"finding without kind", func(in *programme.MonitorInput) { in.Audits[0].Findings[1].Kind = "" }, "Audits[0].Findings[1].Kind", "required", false},
		{"finding of no kind", func(in *programme.MonitorInput) { in.Audits[0].Findings[1].Kind = "remark" }, "Audits[0].Findings[1].Kind", "enum", false},
		{"unknown grade", func(in *programme.MonitorInput) { in.Audits[0].Findings[1].Grade = "critical" }, "Audits[0].Findings[1].Grade", "enum", false},
		{"criterion without kind", func(in *programme.MonitorInput) { in.Audits[0].Findings[0].Criteria[1].Kind = "" }, "Audits[0].Findings[0].Criteria[1].Kind", "required", false},
		{"criterion of no kind", func(in *programme.MonitorInput) { in.Audits[0].Findings[0].Criteria[1].Kind = "law" }, "Audits[0].Findings[0].Criteria[1].Kind", "enum", false},
		{"follow-up of nothing", func(in *programme.MonitorInput) { in.Audits[1].FollowUps[0].Finding = "" }, "Audits[1].FollowUps[0].Finding", "required", false},
		{"follow-up of an unknown finding", func(in *programme.MonitorInput) { in.Audits[1].FollowUps[0].Finding = "F9" }, "Audits[1].FollowUps[0].Finding", "unknown", true},
		// Finding ids in increasing order are searched, others mapped.
		{"follow-up of an unknown finding between known ones", func(in *programme.MonitorInput) { in.Audits[1].FollowUps[0].Finding = "F35" }, "Audits[1].FollowUps[0].Finding", "unknown", true},
		{"follow-up of an unknown finding, ids out of order", func(in *programme.MonitorInput) {
			slices.Reverse(in.Audits[1].Findings)
			in.Audits[1].FollowUps[0].Finding = "F35"
		}, "Audits[1].FollowUps[0].Finding", "unknown", true},
		{"only finding without id", func(in *programme.MonitorInput) { in.Audits[3].Findings[0].ID = "" }, "Audits[3].Findings[0].ID", "required", false},
		{"scheduled without id", func(in *programme.MonitorInput) { in.Schedule[3].ID = "" }, "Schedule[3].ID", "required", false},
		{"scheduled id twice", func(in *programme.MonitorInput) { in.Schedule[3].ID = "S1" }, "Schedule[3].ID", "unique", false},
		{"scheduled record unknown", func(in *programme.MonitorInput) { in.Schedule[3].Audit = "A9" }, "Schedule[3].Audit", "unknown", true},
		{"scheduled record twice", func(in *programme.MonitorInput) { in.Schedule[3].Audit = "A1" }, "Schedule[3].Audit", "unique", false},
		{"scheduled without a date", func(in *programme.MonitorInput) { in.Schedule[3].Due = programme.Window{} }, "Schedule[3].Due", "required", false},
		{"scheduled window empty", func(in *programme.MonitorInput) { in.Schedule[0].Due.Earliest = noon2026(2, 1) }, "Schedule[0].Due.Earliest", "order", false},
		{"feedback without audit", func(in *programme.MonitorInput) { in.Feedback[0].Audit = "" }, "Feedback[0].Audit", "required", false},
		{"feedback on an unknown audit", func(in *programme.MonitorInput) { in.Feedback[0].Audit = "S1" }, "Feedback[0].Audit", "unknown", true},
		{"feedback without auditor", func(in *programme.MonitorInput) { in.Feedback[1].Auditor = "" }, "Feedback[1].Auditor", "required", false},
		{"feedback score too low", func(in *programme.MonitorInput) { in.Feedback[1].Score = 0 }, "Feedback[1].Score", "min", false},
		{"feedback score too high", func(in *programme.MonitorInput) { in.Feedback[1].Score = 6 }, "Feedback[1].Score", "max", false},
		{"feedback without date", func(in *programme.MonitorInput) { in.Feedback[2].At = time.Time{} }, "Feedback[2].At", "required", false},
		{"trend too long", func(in *programme.MonitorInput) {
			in.Trend = programme.PeriodMonth
			in.Schedule[5].Due = window(time.Time{}, time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC))
		}, "Trend", "max", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := monitorScenario()
			tt.edit(&in)
			before := cloneInput(in)
			got, err := programme.Monitor(in)
			require.Error(t, err)
			assert.Nil(t, got)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			assert.Equal(t, tt.notFound, errors.Is(err, ismsaudit.ErrNotFound))
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %s %s in %v", tt.path, tt.rule, ve.Fields)
			assert.Len(t, ve.Fields, 1, "one problem, one field error: %v", ve.Fields)
			if d := cmp.Diff(before, in); d != "" {
				t.Errorf("Monitor changed its input (-before +after):\n%s", d)
			}
		})
	}
}

// cloneInput deep-copies an input without JSON, which refuses invalid
// enumeration values; nil and empty slices stay as they were.
func cloneInput(in programme.MonitorInput) programme.MonitorInput {
	out := in
	out.Schedule = slices.Clone(in.Schedule)
	out.Feedback = slices.Clone(in.Feedback)
	out.Audits = slices.Clone(in.Audits)
	for i, a := range in.Audits {
		if a == nil {
			continue
		}
		c := *a
		c.History = slices.Clone(a.History)
		c.Findings = slices.Clone(a.Findings)
		for k := range c.Findings {
			c.Findings[k].Criteria = slices.Clone(a.Findings[k].Criteria)
			c.Findings[k].History = slices.Clone(a.Findings[k].History)
		}
		c.FollowUps = slices.Clone(a.FollowUps)
		for k := range c.FollowUps {
			c.FollowUps[k].History = slices.Clone(a.FollowUps[k].History)
		}
		out.Audits[i] = &c
	}
	return out
}

func TestMonitorReportsEveryProblem(t *testing.T) {
	in := monitorScenario()
	in.At = time.Time{}
	in.Schedule[0].ID = ""
	in.Audits[1].FollowUps[2].Finding = "nope"
	in.Feedback[3].Score = 9
	_, err := programme.Monitor(in)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	for _, want := range []struct {
		path string
		rule ismsaudit.RuleID
	}{
		{"At", "required"}, {"Schedule[0].ID", "required"},
		{"Audits[1].FollowUps[2].Finding", "unknown"}, {"Feedback[3].Score", "max"},
	} {
		assert.True(t, ve.Has(want.path, want.rule), "want %s %s in %v", want.path, want.rule, ve.Fields)
	}
	assert.Len(t, ve.Fields, 4)
}

func TestDecodeMonitorInput(t *testing.T) {
	in := monitorScenario()
	in.Trend = programme.PeriodYear
	data, err := json.Marshal(in)
	require.NoError(t, err)
	got, err := programme.DecodeMonitorInput(data)
	require.NoError(t, err)
	if d := cmp.Diff(in, got); d != "" {
		t.Errorf("decoded input mismatch (-want +got):\n%s", d)
	}

	tests := []struct {
		name, json, path string
		rule             ismsaudit.RuleID
	}{
		{"syntax", `{"at":`, "", "json-syntax"},
		{"unknown field", `{"at":"2026-06-30T12:00:00Z","when":1}`, "", "unknown-field"},
		{"trend token", `{"at":"2026-06-30T12:00:00Z","trend":"week"}`, "Trend", "enum"},
		{"score type", `{"at":"2026-06-30T12:00:00Z","feedback":[{"audit":"A","auditor":"x","score":"high","at":"2026-06-30T12:00:00Z"}]}`, "Feedback[0].Score", "json-type"},
		{"decoded but invalid", `{"at":"2026-06-30T12:00:00Z","feedback":[{"audit":"A","auditor":"x","score":3,"at":"2026-06-30T12:00:00Z"}]}`, "Feedback[0].Audit", "unknown"},
		{"trailing", `{"at":"2026-06-30T12:00:00Z"} {}`, "", "json-trailing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := programme.DecodeMonitorInput([]byte(tt.json))
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %q %s in %v", tt.path, tt.rule, ve.Fields)
			if d := cmp.Diff(programme.MonitorInput{}, got); d != "" {
				t.Errorf("refused input still returned (-want +got):\n%s", d)
			}
		})
	}
}

func TestPeriodText(t *testing.T) {
	for p := range programme.Periods() {
		t.Run(string(p), func(t *testing.T) {
			require.True(t, p.IsValid())
			b, err := p.MarshalText()
			require.NoError(t, err)
			var back programme.Period
			require.NoError(t, back.UnmarshalText(b))
			assert.Equal(t, p, back)
			parsed, err := programme.ParsePeriod(p.String())
			require.NoError(t, err)
			assert.Equal(t, p, parsed)
		})
	}
	_, err := programme.ParsePeriod("fortnight")
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var pe *ismsaudit.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, []string{"month", "quarter", "year"}, pe.Valid)
	_, err = programme.Period("week").MarshalText()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var p programme.Period
	require.ErrorIs(t, p.UnmarshalText([]byte("week")), ismsaudit.ErrInvalid)
	assert.False(t, programme.Period("").IsValid())
}

func TestMonitorBoundaries(t *testing.T) {
	// Bounds are instants and inclusive: an audit completed exactly at
	// Due.Latest is on time; an action due exactly at the date is not yet
	// overdue, and is one nanosecond later; a record created, and an
	// event recorded, exactly at the date count.
	due := noon2026(3, 31)
	a := newRecord("A", noon2026(3, 1))
	advanceAudit(a, audit.EventComplete, due)
	a.Findings = []audit.Finding{newFinding("F", audit.Nonconformity, audit.Major, noon2026(3, 20), noon2026(3, 25), annexa.RefToControl("5.1"))}
	a.FollowUps = []audit.FollowUp{newFollowUp("F", due, noon2026(3, 25), time.Time{})}
	in := programme.MonitorInput{
		At:       due,
		Trend:    programme.PeriodMonth,
		Schedule: []programme.ScheduledAudit{{ID: "S", Kind: annexa.Internal, Auditee: "acme", Due: window(noon2026(3, 1), due), Audit: "A"}},
		Audits:   []*audit.Audit{a},
	}
	tests := []struct {
		name                       string
		at                         time.Time
		due, missed, overdue, late int
	}{
		{"at the bound", due, 0, 0, 0, 0},
		{"just after", due.Add(1), 1, 0, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in.At = tt.at
			got, err := programme.Monitor(in)
			require.NoError(t, err)
			assert.Equal(t, 1, got.Audits.Completed)
			assert.Equal(t, 1, got.Audits.OnTime)
			assert.Equal(t, tt.due, got.Audits.Due)
			assert.Equal(t, tt.missed, got.Audits.Missed)
			assert.Equal(t, tt.overdue, got.Actions.Overdue)
			assert.Equal(t, tt.overdue, got.Actions.OverdueMajor)
			assert.Len(t, got.OverdueActions, tt.overdue)
			require.Len(t, got.Trend, 1)
			assert.Equal(t, programme.ActionBacklog{At: tt.at, Open: 1, Overdue: tt.overdue}, got.Trend[0].Backlog)
		})
	}

	// Early: completed before Due.Earliest.
	in.At = due
	in.Schedule[0].Due = window(due.Add(1), time.Time{})
	got, err := programme.Monitor(in)
	require.NoError(t, err)
	assert.Equal(t, 1, got.Audits.Early)
	assert.Equal(t, 0, got.Audits.OnTime)
}
