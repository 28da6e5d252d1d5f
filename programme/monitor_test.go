package programme_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/rng"
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
		{"nil record with a trend", func(in *programme.MonitorInput) {
			in.Trend = programme.PeriodQuarter
			in.Audits = append(in.Audits, nil)
		}, "Audits[7]", "required", false},
		{"record without id", func(in *programme.MonitorInput) { in.Audits[6].ID = "" }, "Audits[6].ID", "required", false},
		{"record id twice", func(in *programme.MonitorInput) { in.Audits[6].ID = "A1" }, "Audits[6].ID", "unique", false},
		{"record without creation", func(in *programme.MonitorInput) { in.Audits[2].CreatedAt = time.Time{} }, "Audits[2].CreatedAt", "required", false},
		{"finding without id", func(in *programme.MonitorInput) { in.Audits[0].Findings[2].ID = "" }, "Audits[0].Findings[2].ID", "required", false},
		{"finding id twice", func(in *programme.MonitorInput) { in.Audits[0].Findings[2].ID = "F1" }, "Audits[0].Findings[2].ID", "unique", false},
		{"finding id twice in a row", func(in *programme.MonitorInput) { in.Audits[0].Findings[2].ID = in.Audits[0].Findings[1].ID }, "Audits[0].Findings[2].ID", "unique", false},
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

// noon2026 is noon UTC on a day of 2026.
func noon2026(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, time.UTC) }

// auditSteps is the audit lifecycle's main path, as its table has it.
var auditSteps = []struct {
	event    audit.Event
	from, to audit.State
}{
	{audit.EventPrepare, audit.StateInitiation, audit.StatePreparation},
	{audit.EventOpen, audit.StatePreparation, audit.StateFieldwork},
	{audit.EventEndFieldwork, audit.StateFieldwork, audit.StateFindings},
	{audit.EventHoldClosingMeeting, audit.StateFindings, audit.StateClosing},
	{audit.EventIssueReport, audit.StateClosing, audit.StateReported},
	{audit.EventDistribute, audit.StateReported, audit.StateDistributed},
	{audit.EventComplete, audit.StateDistributed, audit.StateCompleted},
	{audit.EventStartFollowUp, audit.StateCompleted, audit.StateFollowUp},
	{audit.EventClose, audit.StateFollowUp, audit.StateClosed},
}

// newRecord is an audit record created at created, in initiation.
func newRecord(id ismsaudit.AuditID, created time.Time) *audit.Audit {
	return &audit.Audit{
		ID: id, Kind: annexa.Internal, Client: "board", Auditee: "acme",
		CreatedAt: created, CreatedBy: "pm", State: audit.StateInitiation, History: []audit.Entry{},
	}
}

// advanceAudit walks a record along the main path up to and including last,
// one day between events, last at at (as the audit's lifecycle would have
// recorded it).
func advanceAudit(a *audit.Audit, last audit.Event, at time.Time) {
	n := 0
	for n < len(auditSteps) && auditSteps[n].event != last {
		n++
	}
	for i := 0; i <= n && i < len(auditSteps); i++ {
		s := auditSteps[i]
		a.History = append(a.History, audit.Entry{From: s.from, Event: s.event, To: s.to, At: at.AddDate(0, 0, i-n), By: "lead"})
		a.State = s.to
	}
}

// terminate ends a record at at.
func terminate(a *audit.Audit, at time.Time) {
	a.History = append(a.History, audit.Entry{From: a.State, Event: audit.EventTerminate, To: audit.StateTerminated, At: at, By: "lead"})
	a.State = audit.StateTerminated
}

// newFinding is a finding confirmed at confirmed and, unless presented is
// zero, presented at presented.
func newFinding(id audit.FindingID, kind audit.FindingKind, grade audit.Grade, confirmed, presented time.Time, refs ...annexa.Ref) audit.Finding {
	f := audit.Finding{
		ID: id, Kind: kind, Grade: grade, Criteria: refs, Found: "what was found",
		RaisedBy: "alice", RaisedAt: confirmed.Add(-time.Hour), State: audit.FindingDraft, History: []audit.FindingEntry{},
	}
	if confirmed.IsZero() {
		f.RaisedAt = time.Time{}
		return f
	}
	f.History = append(f.History, audit.FindingEntry{From: audit.FindingDraft, Event: audit.FindingConfirm, To: audit.FindingConfirmed, At: confirmed, By: "lead"})
	f.State = audit.FindingConfirmed
	if !presented.IsZero() {
		f.History = append(f.History,
			audit.FindingEntry{From: audit.FindingConfirmed, Event: audit.FindingPresent, To: audit.FindingPresented, At: presented, By: "lead"},
			audit.FindingEntry{From: audit.FindingPresented, Event: audit.FindingAcknowledge, To: audit.FindingAcknowledged, At: presented, By: "auditee"})
		f.State = audit.FindingAcknowledged
	}
	return f
}

// withdrawn withdraws a confirmed finding at at.
func withdrawn(f audit.Finding, at time.Time) audit.Finding {
	f.History = append(f.History, audit.FindingEntry{From: f.State, Event: audit.FindingWithdraw, To: audit.FindingWithdrawn, At: at, By: "lead"})
	f.State = audit.FindingWithdrawn
	return f
}

// newFollowUp is the follow-up of a finding due at due, its plan accepted a
// day after planned; verified effective at closed unless closed is zero.
func newFollowUp(finding audit.FindingID, due, planned, closed time.Time) audit.FollowUp {
	u := audit.FollowUp{
		Finding: finding, Correction: "fix", RootCause: "cause", Action: "action", DueAt: due,
		State: audit.FollowUpAccepted,
		History: []audit.FollowUpEntry{
			{From: audit.FollowUpPlanning, Event: audit.FollowUpAcceptPlan, To: audit.FollowUpAccepted, At: planned.AddDate(0, 0, 1), By: "lead"},
		},
	}
	if !closed.IsZero() {
		u.History = append(u.History,
			audit.FollowUpEntry{From: audit.FollowUpAccepted, Event: audit.FollowUpImplement, To: audit.FollowUpImplemented, At: closed.Add(-time.Hour), By: "auditee"},
			audit.FollowUpEntry{From: audit.FollowUpImplemented, Event: audit.FollowUpVerifyEffective, To: audit.FollowUpClosed, At: closed, By: "alice"})
		u.State = audit.FollowUpClosed
		u.VerifiedBy = "alice"
	}
	return u
}

// monitorScenario is the hand-computed programme of the monitoring tests:
// eight scheduled audits and one unscheduled record (see TestMonitor for
// the figures).
func monitorScenario() programme.MonitorInput {
	clause := func(id string) annexa.Ref { return annexa.RefToClause(annexa.ClauseID(id)) }
	control := func(id string) annexa.Ref { return annexa.RefToControl(annexa.ControlID(id)) }
	var none time.Time

	a1 := newRecord("A1", time.Date(2025, 12, 1, 12, 0, 0, 0, time.UTC))
	advanceAudit(a1, audit.EventComplete, noon2026(1, 20))
	a1.Findings = []audit.Finding{
		newFinding("F1", audit.Nonconformity, audit.Major, noon2026(1, 15), noon2026(1, 18), clause("9.2.1"), control("5.15")),
		newFinding("F2", audit.Nonconformity, audit.Minor, noon2026(1, 15), noon2026(1, 18), control("5.15")),
		newFinding("F3", audit.OpportunityForImprovement, "", noon2026(1, 15), noon2026(1, 18), control("8.8")),
		newFinding("F4", audit.Nonconformity, audit.Minor, none, none, control("8.8")),
		withdrawn(newFinding("F5", audit.Nonconformity, audit.Minor, noon2026(1, 15), none, control("8.9")), noon2026(1, 16)),
	}
	a1.FollowUps = []audit.FollowUp{
		newFollowUp("F1", noon2026(2, 28), noon2026(1, 18), noon2026(2, 17)), // 30 days
		newFollowUp("F2", noon2026(3, 31), noon2026(1, 18), noon2026(3, 19)), // 60 days
	}

	a2 := newRecord("A2", noon2026(1, 25))
	advanceAudit(a2, audit.EventComplete, noon2026(3, 10))
	a2.Findings = []audit.Finding{
		newFinding("F1", audit.Nonconformity, audit.Minor, noon2026(3, 5), noon2026(3, 8), clause("6.1.2"), clause("6.1.2")),
		newFinding("F2", audit.Nonconformity, audit.Major, noon2026(3, 5), noon2026(3, 8), control("8.8")),
		newFinding("F3", audit.Conformity, "", noon2026(3, 5), noon2026(3, 8), clause("7.2")),
		newFinding("F4", audit.Nonconformity, audit.Major, noon2026(3, 6), noon2026(3, 8), control("8.8")),
		newFinding("F5", audit.Nonconformity, "", noon2026(3, 6), noon2026(3, 8), annexa.RefToDocument("policy-7")),
		newFinding("F6", audit.Nonconformity, audit.Major, noon2026(7, 1), none, control("8.8")),
	}
	a2.FollowUps = []audit.FollowUp{
		newFollowUp("F1", noon2026(4, 30), noon2026(3, 8), none), // overdue 61 days
		newFollowUp("F2", noon2026(7, 31), noon2026(3, 8), none),
		newFollowUp("F4", noon2026(4, 15), noon2026(3, 8), noon2026(3, 28)), // 20 days
		newFollowUp("F5", noon2026(5, 1), noon2026(3, 8), none),             // overdue 60 days
	}

	a3 := newRecord("A3", noon2026(2, 25))
	advanceAudit(a3, audit.EventPrepare, noon2026(3, 1))
	terminate(a3, noon2026(3, 5))

	a5 := newRecord("A5", noon2026(4, 20))
	advanceAudit(a5, audit.EventPrepare, noon2026(5, 2))
	a5.Findings = []audit.Finding{newFinding("F1", audit.Observation, "", noon2026(6, 10), none, clause("8.1"))}

	a7 := newRecord("A7", noon2026(5, 1))
	advanceAudit(a7, audit.EventComplete, noon2026(5, 20))

	a8 := newRecord("A8", noon2026(7, 5))

	u1 := newRecord("U1", noon2026(4, 10))
	advanceAudit(u1, audit.EventComplete, noon2026(4, 14))
	u1.Findings = []audit.Finding{newFinding("F1", audit.Nonconformity, audit.Major, noon2026(4, 12), noon2026(4, 12), control("5.15"))}
	u1.FollowUps = []audit.FollowUp{newFollowUp("F1", noon2026(5, 12), noon2026(4, 12), noon2026(7, 2))} // closed after At: overdue 49 days

	return programme.MonitorInput{
		At: noon2026(6, 30),
		Schedule: []programme.ScheduledAudit{
			{ID: "S1", Kind: annexa.Internal, Auditee: "acme", Due: window(noon2026(1, 1), noon2026(1, 31)), Audit: "A1"},
			{ID: "S2", Kind: annexa.Internal, Auditee: "acme", Due: window(noon2026(2, 1), noon2026(2, 28)), Audit: "A2"},
			{ID: "S3", Kind: annexa.Internal, Auditee: "acme", Due: window(noon2026(3, 1), noon2026(3, 31)), Audit: "A3"},
			{ID: "S4", Kind: annexa.Internal, Auditee: "acme", Due: window(none, noon2026(4, 30))},
			{ID: "S5", Kind: annexa.Internal, Auditee: "acme", Due: window(noon2026(5, 1), noon2026(6, 15)), Audit: "A5"},
			{ID: "S6", Kind: annexa.Internal, Auditee: "acme", Due: window(noon2026(9, 1), noon2026(9, 30))},
			{ID: "S7", Kind: annexa.Internal, Auditee: "acme", Due: window(noon2026(6, 1), none), Audit: "A7"},
			{ID: "S8", Kind: annexa.Internal, Auditee: "acme", Due: window(noon2026(7, 1), noon2026(7, 31)), Audit: "A8"},
		},
		Audits: []*audit.Audit{a1, a2, a3, a5, a7, a8, u1},
		Feedback: []programme.AuditorFeedback{
			{Audit: "A1", Auditor: "alice", Score: 4, At: noon2026(1, 25)},
			{Audit: "A1", Auditor: "bob", Score: 2, Comment: "late to the opening meeting", At: noon2026(1, 25)},
			{Audit: "A2", Auditor: "alice", Score: 5, From: "audit client", At: noon2026(3, 12)},
			{Audit: "A2", Auditor: "alice", Score: 3, From: "auditee", At: noon2026(3, 12)},
			{Audit: "A5", Auditor: "carol", Score: 4, At: noon2026(7, 10)},
		},
	}
}

// kindCounts lists finding counts in canonical kind order: conformity,
// nonconformity, observation, opportunity for improvement, good practice.
func kindCounts(c, nc, obs, ofi, gp int) []programme.FindingKindCount {
	return []programme.FindingKindCount{
		{Kind: audit.Conformity, Count: c}, {Kind: audit.Nonconformity, Count: nc},
		{Kind: audit.Observation, Count: obs}, {Kind: audit.OpportunityForImprovement, Count: ofi},
		{Kind: audit.GoodPractice, Count: gp},
	}
}

// gradeCounts lists nonconformity counts in canonical grade order.
func gradeCounts(minor, major int) []programme.GradeCount {
	return []programme.GradeCount{{Grade: audit.Minor, Count: minor}, {Grade: audit.Major, Count: major}}
}

// scoreCounts lists feedback counts for scores 1 to 5.
func scoreCounts(n ...int) []programme.ScoreCount {
	out := make([]programme.ScoreCount, 5)
	for i := range out {
		out[i].Score = i + 1
		if i < len(n) {
			out[i].Count = n[i]
		}
	}
	return out
}

// criterionCount is one CriterionCount.
func criterionCount(r annexa.Ref, minor, major, ungraded int) programme.CriterionCount {
	return programme.CriterionCount{Criterion: r, Nonconformities: minor + major + ungraded, ByGrade: gradeCounts(minor, major), Ungraded: ungraded}
}

// noFeedback is the feedback figures of nothing.
func noFeedback() programme.FeedbackFigures { return programme.FeedbackFigures{ByScore: scoreCounts()} }

// noFindings is the finding figures of nothing.
func noFindings() programme.FindingFigures {
	return programme.FindingFigures{ByKind: kindCounts(0, 0, 0, 0, 0), ByGrade: gradeCounts(0, 0)}
}

// monitoredProgramme returns an implementing programme holding the scenario's
// schedule split over its own schedule (S1 to S4) and two cycles (S5,
// S6 and S7, S8), set directly as a decoded record would hold them, and
// the options that go with it.
func monitoredProgramme(t *testing.T) (*programme.Programme, programme.MonitorOptions) {
	t.Helper()
	in := monitorScenario()
	p := programmeInState(t, "p", programme.StateImplementing)
	p.Schedule = in.Schedule[:4]
	p.Cycles = []programme.Cycle{
		{Auditee: "acme", Decision: noon2026(1, 1), Expiry: noon2026(1, 1).AddDate(3, 0, 0), Audits: in.Schedule[4:6]},
		{Auditee: "acme", Decision: noon2026(1, 2), Expiry: noon2026(1, 2).AddDate(3, 0, 0), Audits: in.Schedule[6:]},
	}
	return p, programme.MonitorOptions{At: in.At, Audits: in.Audits, Feedback: in.Feedback, Trend: in.Trend}
}

func TestProgrammeMonitor(t *testing.T) {
	for _, trend := range []programme.Period{"", programme.PeriodMonth, programme.PeriodQuarter} {
		t.Run("same figures as Monitor over the whole schedule/"+string(trend), func(t *testing.T) {
			p, opts := monitoredProgramme(t)
			opts.Trend = trend
			in := monitorScenario()
			in.Trend = trend
			want, err := programme.Monitor(in)
			require.NoError(t, err)
			before := jsonClone(t, p)
			got, err := p.Monitor(opts)
			require.NoError(t, err)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("figures mismatch (-Monitor +Programme.Monitor):\n%s", d)
			}
			if d := cmp.Diff(before, p); d != "" {
				t.Errorf("Monitor changed the programme (-before +after):\n%s", d)
			}
		})
	}

	t.Run("every state, records included", func(t *testing.T) {
		for s := range programme.States() {
			p := programmeInState(t, "p", s)
			p.Schedule = monitorScenario().Schedule
			_, opts := monitoredProgramme(t)
			got, err := p.Monitor(opts)
			require.NoError(t, err, "%s", s)
			assert.Equal(t, 8, got.Audits.Planned, "%s", s)
		}
	})

	t.Run("an improved programme monitors the audits of every version", func(t *testing.T) {
		p, opts := monitoredProgramme(t)
		require.NoError(t, p.Fire(programme.EventReview, exampleMeta(time.July, 1, "")))
		f, err := p.Monitor(opts)
		require.NoError(t, err)
		require.NoError(t, p.RecordReview(programme.Review{ID: "rev-july", Inputs: []programme.ReviewInput{f.ReviewInput()},
			Objectives: []programme.ObjectiveResult{{Objective: "coverage", Actual: 40}}, Conclusions: "add an audit"}, exampleMeta(time.July, 2, "")))
		next, err := p.Improve(programme.Changes{}, exampleMeta(time.July, 3, ""))
		require.NoError(t, err)
		require.NoError(t, next.ScheduleAudits(programme.ScheduledAudit{ID: "S9", Kind: annexa.Internal, Auditee: "acme",
			Clauses: []annexa.ClauseID{"9.3"}, Due: window(noon2026(10, 1), noon2026(10, 31))}))
		got, err := next.Monitor(opts)
		require.NoError(t, err)
		assert.Equal(t, 9, got.Audits.Planned)
	})

	t.Run("problems with programme paths", func(t *testing.T) {
		p, opts := monitoredProgramme(t)
		p.Cycles[1].Audits[0].Audit = "nope"                                                     // unknown record
		p.Cycles[0].Audits[1].Audit = p.Schedule[0].Audit                                        // record already taken
		p.Cycles[0].Audits[0].Due, p.Cycles[0].Audits[0].Start = programme.Window{}, time.Time{} // undated
		opts.Feedback[0].Score = 9
		opts.Audits[0].Findings[0].Kind = "rumour"
		opts.At = time.Time{}
		_, err := p.Monitor(opts)
		ve := validationError(t, err)
		require.ErrorIs(t, err, ismsaudit.ErrNotFound)
		assertHas(t, ve,
			[2]string{"At", "required"},
			[2]string{"Cycles[1].Audits[0].Audit", "unknown"},
			[2]string{"Cycles[0].Audits[1].Audit", "unique"},
			[2]string{"Cycles[0].Audits[0].Due", "required"},
			[2]string{"Feedback[0].Score", "max"},
			[2]string{"Audits[0].Findings[0].Kind", "enum"},
		)
		for _, f := range ve.Fields {
			if f.Path == "Cycles[0].Audits[1].Audit" {
				assert.Contains(t, f.Detail, "Schedule[0]", "the detail names the programme path of the first use")
			}
		}
		assert.Len(t, ve.Fields, 6)
	})

	t.Run("MonitorOptions round-trips through JSON", func(t *testing.T) {
		_, opts := monitoredProgramme(t)
		opts.Trend = programme.PeriodQuarter
		assertRoundTrip(t, opts)
	})
}

// baseTime is the first day random programmes use.
var baseTime = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// drawTime draws a time within three years of baseTime, to the hour.
func drawTime(t *rapid.T, label string) time.Time {
	return baseTime.Add(time.Duration(rapid.IntRange(0, 3*365*24).Draw(t, label)) * time.Hour)
}

// drawMaybeTime draws a time or, one time in three, nothing.
func drawMaybeTime(t *rapid.T, label string) time.Time {
	if rapid.IntRange(0, 2).Draw(t, label+"?") == 0 {
		return time.Time{}
	}
	return drawTime(t, label)
}

var refPool = []annexa.Ref{
	annexa.RefToClause("4.1"), annexa.RefToClause("9.2.1"), annexa.RefToClause("10.2"),
	annexa.RefToControl("5.1"), annexa.RefToControl("5.15"), annexa.RefToControl("8.8"),
	annexa.RefToDocument("policy-1"),
}

// drawInput draws a valid monitoring input: a schedule, records at every
// stage with findings and follow-ups, and feedback.
func drawInput(t *rapid.T) programme.MonitorInput {
	in := programme.MonitorInput{
		At:    drawTime(t, "at"),
		Trend: rapid.SampledFrom([]programme.Period{"", programme.PeriodMonth, programme.PeriodQuarter, programme.PeriodYear}).Draw(t, "trend"),
	}
	kinds := slices.Collect(audit.FindingKinds())
	grades := append(slices.Collect(audit.Grades()), "")
	nAudits := rapid.IntRange(0, 8).Draw(t, "audits")
	for i := range nAudits {
		a := newRecord(ismsaudit.AuditID(rapid.StringMatching(`A[0-9]`).Draw(t, "id")+string(rune('a'+i))), drawTime(t, "created"))
		at := a.CreatedAt
		steps := rapid.IntRange(-1, len(auditSteps)).Draw(t, "steps")
		for s := range max(steps, 0) {
			at = at.Add(time.Duration(rapid.IntRange(0, 20*24).Draw(t, "gap")) * time.Hour)
			p := auditSteps[s]
			a.History = append(a.History, audit.Entry{From: p.from, Event: p.event, To: p.to, At: at, By: "lead"})
			a.State = p.to
		}
		if steps == -1 || (steps < 7 && rapid.Bool().Draw(t, "terminate")) {
			terminate(a, at.Add(time.Hour))
		}
		for k := range rapid.IntRange(0, 6).Draw(t, "findings") {
			kind := rapid.SampledFrom(kinds).Draw(t, "kind")
			var grade audit.Grade
			if kind == audit.Nonconformity {
				grade = rapid.SampledFrom(grades).Draw(t, "grade")
			}
			refs := rapid.SliceOfN(rapid.SampledFrom(refPool), 0, 3).Draw(t, "refs")
			var confirmed, presented time.Time
			if rapid.IntRange(0, 4).Draw(t, "confirmed") > 0 {
				confirmed = drawTime(t, "confirm")
				if rapid.IntRange(0, 3).Draw(t, "presented") > 0 {
					presented = confirmed.Add(time.Duration(rapid.IntRange(0, 72).Draw(t, "present")) * time.Hour)
				}
			}
			f := newFinding(audit.FindingID("F"+string(rune('a'+k))), kind, grade, confirmed, presented, refs...)
			if !confirmed.IsZero() && presented.IsZero() && rapid.IntRange(0, 4).Draw(t, "withdraw") == 0 {
				f = withdrawn(f, confirmed.Add(time.Hour))
			}
			if f.RaisedAt.IsZero() {
				f.RaisedAt = drawTime(t, "raised")
			}
			a.Findings = append(a.Findings, f)
			if kind == audit.Nonconformity && rapid.IntRange(0, 3).Draw(t, "follow-up") > 0 {
				var closed time.Time
				if rapid.Bool().Draw(t, "closed") {
					closed = drawTime(t, "closed") // may precede the presentation: unmeasured
				}
				a.FollowUps = append(a.FollowUps, newFollowUp(f.ID, drawMaybeTime(t, "due"), drawTime(t, "planned"), closed))
			}
		}
		in.Audits = append(in.Audits, a)
	}
	linked := map[ismsaudit.AuditID]bool{}
	for i := range rapid.IntRange(0, 10).Draw(t, "scheduled") {
		s := programme.ScheduledAudit{ID: programme.ScheduledAuditID("S" + string(rune('a'+i))), Kind: annexa.Internal, Auditee: "acme"}
		s.Due.Earliest, s.Due.Latest = drawMaybeTime(t, "earliest"), drawMaybeTime(t, "latest")
		if s.Due.Earliest.After(s.Due.Latest) && !s.Due.Latest.IsZero() {
			s.Due.Earliest, s.Due.Latest = s.Due.Latest, s.Due.Earliest
		}
		if s.Due.Earliest.IsZero() && s.Due.Latest.IsZero() {
			s.Start = drawTime(t, "start")
		}
		if len(in.Audits) > 0 && rapid.Bool().Draw(t, "linked") {
			a := rapid.SampledFrom(in.Audits).Draw(t, "record")
			if !linked[a.ID] {
				linked[a.ID] = true
				s.Audit = a.ID
			}
		}
		in.Schedule = append(in.Schedule, s)
	}
	if len(in.Audits) > 0 {
		for range rapid.IntRange(0, 10).Draw(t, "feedback") {
			in.Feedback = append(in.Feedback, programme.AuditorFeedback{
				Audit:   rapid.SampledFrom(in.Audits).Draw(t, "about").ID,
				Auditor: competence.AuditorID(rapid.SampledFrom([]string{"alice", "bob", "carol"}).Draw(t, "auditor")),
				Score:   rapid.IntRange(programme.MinFeedbackScore, programme.MaxFeedbackScore).Draw(t, "score"),
				At:      drawTime(t, "given"),
			})
		}
	}
	return in
}

func TestMonitorProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := drawInput(t)
		before := cloneInput(in)
		got, err := programme.Monitor(in)
		if err != nil {
			t.Fatalf("valid input refused: %v", err)
		}
		if d := cmp.Diff(before, in); d != "" {
			t.Fatalf("Monitor changed its input (-before +after):\n%s", d)
		}
		checkFigures(t, "totals", got.Audits, got.Findings, got.Actions, got.Feedback)
		if got.Actions.Overdue != len(got.OverdueActions) {
			t.Fatalf("overdue %d, listed %d", got.Actions.Overdue, len(got.OverdueActions))
		}
		for i := 1; i < len(got.OverdueActions); i++ {
			if got.OverdueActions[i].DueAt.Before(got.OverdueActions[i-1].DueAt) {
				t.Fatalf("overdue actions out of order at %d", i)
			}
		}

		// Counting by hand: every scheduled audit is planned; every record
		// not scheduled and created by the date is unscheduled.
		if got.Audits.Planned != len(in.Schedule) {
			t.Fatalf("planned %d, scheduled %d", got.Audits.Planned, len(in.Schedule))
		}

		if in.Trend == "" {
			if got.Trend != nil {
				t.Fatalf("a trend nobody asked for")
			}
		} else {
			checkTrend(t, in, got)
		}

		// Nothing NaN or infinite: JSON refuses those, so a round trip
		// proves it, and it proves the figures round-trip.
		if d := cmp.Diff(got, jsonClone(t, got)); d != "" {
			t.Fatalf("JSON round trip mismatch (-want +got):\n%s", d)
		}

		// The same records in another order give the same figures.
		shuffled := cloneInput(in)
		shuffle(t, "schedule", shuffled.Schedule)
		shuffle(t, "records", shuffled.Audits)
		shuffle(t, "feedback", shuffled.Feedback)
		again, err := programme.Monitor(shuffled)
		if err != nil {
			t.Fatalf("shuffled input refused: %v", err)
		}
		if d := cmp.Diff(got, again); d != "" {
			t.Fatalf("figures depend on order (-want +got):\n%s", d)
		}
	})
}

// checkFigures checks the identities every set of figures keeps.
func checkFigures(t *rapid.T, where string, a programme.AuditFigures, f programme.FindingFigures, x programme.ActionFigures, fb programme.FeedbackFigures) {
	if a.Completed+a.InProgress+a.Terminated+a.NotStarted != a.Planned {
		t.Fatalf("%s: audits do not add up: %+v", where, a)
	}
	if a.OnTime+a.Early+a.Late != a.Completed {
		t.Fatalf("%s: completions do not add up: %+v", where, a)
	}
	if a.Missed > a.Due || a.Due > a.Planned || a.Missed > a.InProgress+a.NotStarted {
		t.Fatalf("%s: due and missed out of bounds: %+v", where, a)
	}
	if r := a.CompletionRate(); r < 0 || r > 1 {
		t.Fatalf("%s: completion rate %v", where, r)
	}
	if r := a.OnTimeRate(); r < 0 || r > 1 {
		t.Fatalf("%s: on-time rate %v", where, r)
	}

	if len(f.ByKind) != 5 || len(f.ByGrade) != 2 {
		t.Fatalf("%s: enumerations not all listed: %+v", where, f)
	}
	if f.ByKind[1].Kind != audit.Nonconformity || f.ByKind[1].Count != f.Nonconformities {
		t.Fatalf("%s: nonconformities %d, by kind %+v", where, f.Nonconformities, f.ByKind)
	}
	if f.ByGrade[0].Count+f.ByGrade[1].Count+f.Ungraded != f.Nonconformities {
		t.Fatalf("%s: grades do not add up: %+v", where, f)
	}
	for i, c := range f.ByCriterion {
		if c.ByGrade[0].Count+c.ByGrade[1].Count+c.Ungraded != c.Nonconformities || c.Nonconformities < 1 || c.Nonconformities > f.Nonconformities {
			t.Fatalf("%s: criterion %+v does not add up", where, c)
		}
		if i > 0 && refRank(f.ByCriterion[i-1].Criterion) >= refRank(c.Criterion) {
			t.Fatalf("%s: criteria out of order: %+v", where, f.ByCriterion)
		}
	}

	if x.Open+x.Closed != x.Total || x.Overdue > x.Open || x.OverdueMajor > x.Overdue {
		t.Fatalf("%s: actions do not add up: %+v", where, x)
	}
	c := x.Closure
	if c.Count+c.Unmeasured != x.Closed {
		t.Fatalf("%s: closure count %d + unmeasured %d, closed %d", where, c.Count, c.Unmeasured, x.Closed)
	}
	if c.Count == 0 {
		if c != (programme.ClosureTimes{Unmeasured: c.Unmeasured}) {
			t.Fatalf("%s: statistics over nothing are not zero: %+v", where, c)
		}
	} else if !(0 <= c.MinDays && c.MinDays <= c.MedianDays && c.MedianDays <= c.P90Days && c.P90Days <= c.MaxDays &&
		c.MinDays <= c.MeanDays+1e-9 && c.MeanDays <= c.MaxDays+1e-9) {
		t.Fatalf("%s: closure quantiles out of order: %+v", where, c)
	}

	n := 0
	for i, s := range fb.ByScore {
		if s.Score != i+1 {
			t.Fatalf("%s: scores out of order: %+v", where, fb.ByScore)
		}
		n += s.Count
	}
	byAuditor := 0
	for i, s := range fb.ByAuditor {
		byAuditor += s.Count
		if i > 0 && fb.ByAuditor[i-1].Auditor >= s.Auditor {
			t.Fatalf("%s: auditors out of order", where)
		}
		if !(float64(s.MinScore) <= s.MedianScore && s.MedianScore <= float64(s.MaxScore) && float64(s.MinScore) <= s.MeanScore && s.MeanScore <= float64(s.MaxScore)) {
			t.Fatalf("%s: auditor figures out of order: %+v", where, s)
		}
	}
	if n != fb.Count || byAuditor != fb.Count {
		t.Fatalf("%s: feedback does not add up: %+v", where, fb)
	}
	if fb.Count == 0 && (fb.MeanScore != 0 || fb.MedianScore != 0) {
		t.Fatalf("%s: feedback statistics over nothing: %+v", where, fb)
	}
	if fb.Count > 0 && (fb.MeanScore < 1 || fb.MeanScore > 5 || math.IsNaN(fb.MeanScore)) {
		t.Fatalf("%s: mean score %v off the scale", where, fb.MeanScore)
	}
}

// checkTrend checks that the periods are consecutive, that each keeps
// the identities, and that they add up to the totals.
func checkTrend(t *rapid.T, in programme.MonitorInput, got *programme.Figures) {
	if got.TrendPeriod != in.Trend || len(got.Trend) == 0 {
		t.Fatalf("trend %q of %d periods", got.TrendPeriod, len(got.Trend))
	}
	var (
		audits   programme.AuditFigures
		kinds    = make([]int, 5)
		grades   = make([]int, 2)
		ncs, ung int
		crit     = map[annexa.Ref]int{}
		actions  programme.ActionFigures
		measured int
		fb       int
		holdsAt  bool
	)
	for i, p := range got.Trend {
		checkFigures(t, p.Label, p.Audits, p.Findings, p.Actions, p.Feedback)
		if !p.Start.Before(p.End) || (i > 0 && !got.Trend[i-1].End.Equal(p.Start)) {
			t.Fatalf("period %s not consecutive", p.Label)
		}
		if p.Backlog.At.After(got.At) || p.Backlog.At.Before(p.Start) && !p.Backlog.At.Equal(got.At) {
			t.Fatalf("period %s: backlog at %v", p.Label, p.Backlog.At)
		}
		if !got.At.Before(p.Start) && got.At.Before(p.End) {
			holdsAt = true
			if p.Backlog.Open != got.Actions.Open || p.Backlog.Overdue != got.Actions.Overdue {
				t.Fatalf("period %s holds the date but its backlog %+v is not the totals' %+v", p.Label, p.Backlog, got.Actions)
			}
		}
		if p.Backlog.Overdue > p.Backlog.Open {
			t.Fatalf("period %s: backlog %+v", p.Label, p.Backlog)
		}
		a := p.Audits
		audits.Planned += a.Planned
		audits.Due += a.Due
		audits.Completed += a.Completed
		audits.OnTime += a.OnTime
		audits.Early += a.Early
		audits.Late += a.Late
		audits.InProgress += a.InProgress
		audits.Terminated += a.Terminated
		audits.NotStarted += a.NotStarted
		audits.Missed += a.Missed
		audits.Unscheduled += a.Unscheduled
		for k, c := range p.Findings.ByKind {
			kinds[k] += c.Count
		}
		for g, c := range p.Findings.ByGrade {
			grades[g] += c.Count
		}
		ncs += p.Findings.Nonconformities
		ung += p.Findings.Ungraded
		for _, c := range p.Findings.ByCriterion {
			crit[c.Criterion] += c.Nonconformities
		}
		actions.Total += p.Actions.Total
		actions.Open += p.Actions.Open
		actions.Closed += p.Actions.Closed
		actions.Overdue += p.Actions.Overdue
		actions.OverdueMajor += p.Actions.OverdueMajor
		actions.Closure.Unmeasured += p.Actions.Closure.Unmeasured
		measured += p.Actions.Closure.Count
		fb += p.Feedback.Count
	}
	if !holdsAt {
		t.Fatalf("no period holds the date %v", got.At)
	}
	if audits != got.Audits {
		t.Fatalf("audit periods add up to %+v, totals %+v", audits, got.Audits)
	}
	for k, c := range got.Findings.ByKind {
		if kinds[k] != c.Count {
			t.Fatalf("kind %s: periods %d, totals %d", c.Kind, kinds[k], c.Count)
		}
	}
	for g, c := range got.Findings.ByGrade {
		if grades[g] != c.Count {
			t.Fatalf("grade %s: periods %d, totals %d", c.Grade, grades[g], c.Count)
		}
	}
	if ncs != got.Findings.Nonconformities || ung != got.Findings.Ungraded || len(crit) != len(got.Findings.ByCriterion) {
		t.Fatalf("nonconformities do not add up over the periods")
	}
	for _, c := range got.Findings.ByCriterion {
		if crit[c.Criterion] != c.Nonconformities {
			t.Fatalf("criterion %v: periods %d, totals %d", c.Criterion, crit[c.Criterion], c.Nonconformities)
		}
	}
	want := got.Actions
	want.Closure = programme.ClosureTimes{Unmeasured: want.Closure.Unmeasured}
	if actions != want || measured != got.Actions.Closure.Count {
		t.Fatalf("actions add up to %+v (%d measured), totals %+v", actions, measured, got.Actions)
	}
	if fb != got.Feedback.Count {
		t.Fatalf("feedback: periods %d, totals %d", fb, got.Feedback.Count)
	}
}

// refRank orders references as the figures should: clauses, controls,
// documents, each in the pool's (the standard's) order.
func refRank(r annexa.Ref) int { return slices.Index(refPool, r) }

func shuffle[T any](t *rapid.T, label string, s []T) {
	for i := len(s) - 1; i > 0; i-- {
		j := rapid.IntRange(0, i).Draw(t, label)
		s[i], s[j] = s[j], s[i]
	}
}

// FuzzDecodeMonitorInput feeds JSON to DecodeMonitorInput and what it
// accepts to Monitor: neither panics, refusals are typed, accepted input
// re-encodes to itself, and the figures round-trip through JSON (so none
// is NaN or infinite).
func FuzzDecodeMonitorInput(f *testing.F) {
	// Small seeds: the fuzzer minimises each new input it finds, and a
	// large one takes its whole minimisation time.
	small := `{"at":"2026-06-30T12:00:00Z","trend":"month",` +
		`"schedule":[{"id":"S","kind":"internal","auditee":"a","due":{"earliest":"2026-03-01T00:00:00Z","latest":"2026-03-31T00:00:00Z"},"audit":"A"}],` +
		`"audits":[{"id":"A","kind":"internal","client":"c","auditee":"a","createdAt":"2026-02-01T00:00:00Z","createdBy":"p","state":"completed",` +
		`"history":[{"from":"distributed","event":"complete","to":"completed","at":"2026-03-20T00:00:00Z","by":"l"}],` +
		`"findings":[{"id":"F","kind":"nonconformity","grade":"major","criteria":[{"kind":"control","id":"5.1"}],"found":"x","raisedBy":"r","raisedAt":"2026-03-10T00:00:00Z","state":"presented",` +
		`"history":[{"from":"draft","event":"confirm","to":"confirmed","at":"2026-03-10T00:00:00Z","by":"l"},{"from":"confirmed","event":"present","to":"presented","at":"2026-03-12T00:00:00Z","by":"l"}]}],` +
		`"followUps":[{"finding":"F","correction":"c","rootCause":"r","action":"a","dueAt":"2026-04-30T00:00:00Z","state":"closed",` +
		`"history":[{"from":"implemented","event":"verify-effective","to":"closed","at":"2026-04-11T00:00:00Z","by":"l"}]}]}],` +
		`"feedback":[{"audit":"A","auditor":"x","score":4,"at":"2026-03-21T00:00:00Z"}]}`
	for _, trend := range []string{"month", "quarter", "year", ""} {
		f.Add([]byte(strings.Replace(small, `"month"`, strconv.Quote(trend), 1)))
	}
	for _, s := range []string{
		`{}`, `{"at":"2026-06-30T12:00:00Z"}`, `{"at":"2026-06-30T12:00:00Z","trend":"month","audits":[null]}`,
		`{"at":"0001-01-01T00:00:01Z","trend":"month","schedule":[{"id":"s","kind":"internal","auditee":"a","due":{"latest":"9999-12-31T23:59:59Z"}}]}`,
		`{"at":"2026-06-30T12:00:00Z","feedback":[{"audit":"x","auditor":"y","score":-9,"at":"2026-01-01T00:00:00Z"}]}`,
		`[`, `null`, `{"at":"2026-06-30T12:00:00+14:00","trend":"year"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := programme.DecodeMonitorInput(data)
		if err != nil {
			var ve *ismsaudit.ValidationError
			if !errors.Is(err, ismsaudit.ErrInvalid) || !errors.As(err, &ve) || len(ve.Fields) == 0 {
				t.Fatalf("refusal is not a *ValidationError: %v", err)
			}
			return
		}
		again, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("accepted input does not encode: %v", err)
		}
		back, err := programme.DecodeMonitorInput(again)
		if err != nil {
			t.Fatalf("re-encoded input refused: %v\n%s", err, again)
		}
		// As elsewhere in the project, an empty list and no list are the
		// same once encoded (omitempty).
		if d := cmp.Diff(in, back, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("input round trip mismatch (-want +got):\n%s", d)
		}
		got, err := programme.Monitor(in)
		if err != nil {
			var ve *ismsaudit.ValidationError
			if !errors.As(err, &ve) || !ve.Has("Trend", "max") || len(ve.Fields) != 1 {
				t.Fatalf("checked input refused for another reason than its span: %v", err)
			}
			return
		}
		assertRoundTrip(t, got)
	})
}

// largeInput builds the issue's performance programme: audits scheduled
// audits over three years, each with its record (at every stage of the
// lifecycle) and findings findings, a third of them nonconformities with a
// follow-up, and three feedback records per audit on auditors auditors.
// Histories are filled by hand as the lifecycles would record them.
func largeInput(audits, findings, auditors int) programme.MonitorInput {
	r := rng.New(2026)
	var refs []annexa.Ref
	for c := range annexa.Clauses() {
		refs = append(refs, annexa.RefToClause(c.ID()))
	}
	for c := range annexa.Controls() {
		refs = append(refs, annexa.RefToControl(c.ID()))
	}
	kinds := []audit.FindingKind{audit.Conformity, audit.Nonconformity, audit.Observation, audit.OpportunityForImprovement, audit.Conformity, audit.Nonconformity}
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	in := programme.MonitorInput{At: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)}
	perAudit := findings / audits
	for i := range audits {
		id := ismsaudit.AuditID(fmt.Sprintf("A%04d", i))
		latest := start.AddDate(0, 0, i*1095/audits)
		in.Schedule = append(in.Schedule, programme.ScheduledAudit{
			ID: programme.ScheduledAuditID(fmt.Sprintf("S%04d", i)), Kind: annexa.Internal, Auditee: fmt.Sprintf("org-%d", i%200),
			Due: programme.Window{Earliest: latest.AddDate(0, -1, 0), Latest: latest}, Audit: id,
		})
		a := newRecord(id, latest.AddDate(0, -2, 0))
		done := latest.AddDate(0, 0, r.IntN(30)-20)
		advanceAudit(a, auditSteps[r.IntN(len(auditSteps))].event, done)
		for k := range perAudit {
			kind := kinds[r.IntN(len(kinds))]
			var grade audit.Grade
			if kind == audit.Nonconformity {
				grade = audit.Minor
				if r.IntN(5) == 0 {
					grade = audit.Major
				}
			}
			confirmed := done.AddDate(0, 0, -4).Add(time.Duration(k) * time.Minute)
			f := newFinding(audit.FindingID(fmt.Sprintf("F%03d", k)), kind, grade, confirmed, done.AddDate(0, 0, -3),
				refs[r.IntN(len(refs))], refs[r.IntN(len(refs))])
			a.Findings = append(a.Findings, f)
			if kind == audit.Nonconformity {
				var closed time.Time
				if r.IntN(3) > 0 {
					closed = done.AddDate(0, 0, 5+r.IntN(120))
				}
				a.FollowUps = append(a.FollowUps, newFollowUp(f.ID, done.AddDate(0, 0, 60), done, closed))
			}
		}
		for j := range 3 {
			in.Feedback = append(in.Feedback, programme.AuditorFeedback{
				Audit: id, Auditor: competence.AuditorID(fmt.Sprintf("auditor-%03d", r.IntN(auditors))),
				Score: 1 + r.IntN(5), At: done.AddDate(0, 0, 1+j),
			})
		}
		in.Audits = append(in.Audits, a)
	}
	return in
}

// reportCPU reports the CPU time per operation since start (the
// process's: garbage collection included, setup too when it is not
// excluded from the timing).
func reportCPU(b *testing.B, start time.Duration) {
	if used := cpuTime() - start; used > 0 && b.N > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkMonitor computes every monitoring figure of a programme of
// 1,000 audits, 500 auditors and 50,000 findings (issue target: under
// 50 ms), without a trend and with a monthly one.
func BenchmarkMonitor(b *testing.B) {
	in := largeInput(1000, 50000, 500)
	for _, trend := range []programme.Period{"", programme.PeriodMonth} {
		name := "totals"
		if trend != "" {
			name = "by-" + string(trend)
		}
		b.Run(name, func(b *testing.B) {
			in.Trend = trend
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				if _, err := programme.Monitor(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestMonitorLargeProgramme(t *testing.T) {
	in := largeInput(1000, 50000, 500)
	in.Trend = programme.PeriodQuarter
	got, err := programme.Monitor(in)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, k := range got.Findings.ByKind {
		total += k.Count
	}
	if got.Audits.Planned != 1000 || total != 50000 || len(got.Feedback.ByAuditor) == 0 || len(got.Feedback.ByAuditor) > 500 {
		t.Fatalf("large programme: planned %d, findings %d, auditors %d", got.Audits.Planned, total, len(got.Feedback.ByAuditor))
	}
}

// TestMonitorTrendSpan checks the bound on a trend's length: records
// spanning MaxTrendPeriods periods are counted, one period more is
// refused as a likely mistyped date. The scenario's records reach to
// September 2026; a feedback record moved back sets the first month.
func TestMonitorTrendSpan(t *testing.T) {
	span := func(first time.Month) (*programme.Figures, error) {
		in := monitorScenario()
		in.Trend = programme.PeriodMonth
		f := in.Feedback[0]
		f.At = time.Date(1926, first, 15, 12, 0, 0, 0, time.UTC)
		in.Feedback = append(in.Feedback, f)
		return programme.Monitor(in)
	}
	f, err := span(time.October)
	require.NoError(t, err)
	assert.Len(t, f.Trend, programme.MaxTrendPeriods)
	_, err = span(time.September)
	ve := validationError(t, err)
	require.Len(t, ve.Fields, 1)
	assert.Equal(t, ismsaudit.FieldError{Path: "Trend", Rule: "max", Value: "1201"}, ismsaudit.FieldError{Path: ve.Fields[0].Path, Rule: ve.Fields[0].Rule, Value: ve.Fields[0].Value})
}

// TestMonitorOverdueOrder checks the order of overdue actions falling due
// at the same instant: by audit id, then by finding id, whatever the
// order of the records and of their follow-ups.
func TestMonitorOverdueOrder(t *testing.T) {
	in := monitorScenario()
	due := noon2026(4, 30)
	for _, a := range in.Audits {
		for k := range a.FollowUps {
			if u := &a.FollowUps[k]; u.DueAt.Before(in.At) {
				u.DueAt = due
			}
		}
		slices.Reverse(a.FollowUps)
	}
	slices.Reverse(in.Audits)
	f, err := programme.Monitor(in)
	require.NoError(t, err)
	var got []string
	for _, o := range f.OverdueActions {
		require.Equal(t, due, o.DueAt)
		got = append(got, string(o.Audit)+"/"+string(o.Finding))
	}
	assert.Equal(t, []string{"A2/F1", "A2/F5", "U1/F1"}, got)
}

// TestMonitorClosedAtOnce checks that an action verified effective the
// instant its finding was presented is measured, at zero days.
func TestMonitorClosedAtOnce(t *testing.T) {
	a := newRecord("A1", time.Date(2025, 12, 1, 12, 0, 0, 0, time.UTC))
	advanceAudit(a, audit.EventComplete, noon2026(1, 20))
	presented := noon2026(1, 18)
	a.Findings = []audit.Finding{newFinding("F1", audit.Nonconformity, audit.Minor, noon2026(1, 15), presented, annexa.RefToControl("5.15"))}
	a.FollowUps = []audit.FollowUp{newFollowUp("F1", noon2026(3, 1), noon2026(1, 10), presented)}
	f, err := programme.Monitor(programme.MonitorInput{At: noon2026(6, 30), Audits: []*audit.Audit{a}})
	require.NoError(t, err)
	assert.Equal(t, programme.ClosureTimes{Count: 1}, f.Actions.Closure)
}
