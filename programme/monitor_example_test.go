package programme_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/programme"
)

// exampleRecords returns one internal audit record as the audit package
// keeps it: completed on 20 March 2026 with a major nonconformity against
// A.5.15, presented on 18 March, whose corrective action was verified
// effective on 27 April; and a second record still in preparation.
func exampleRecords() []*audit.Audit {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 10, 0, 0, 0, time.UTC) }
	done := &audit.Audit{
		ID: "IA-2026-01", Kind: annexa.Internal, Client: "board", Auditee: "acme",
		CreatedAt: day(2, 1), CreatedBy: "programme manager", State: audit.StateCompleted,
		History: []audit.Entry{
			{From: audit.StateDistributed, Event: audit.EventComplete, To: audit.StateCompleted, At: day(3, 20), By: "lead"},
		},
		Findings: []audit.Finding{{
			ID: "NC-1", Kind: audit.Nonconformity, Grade: audit.Major,
			Criteria: []annexa.Ref{annexa.RefToControl("5.15")}, Found: "shared admin accounts",
			RaisedBy: "alice", RaisedAt: day(3, 10), State: audit.FindingPresented,
			History: []audit.FindingEntry{
				{From: audit.FindingDraft, Event: audit.FindingConfirm, To: audit.FindingConfirmed, At: day(3, 11), By: "lead"},
				{From: audit.FindingConfirmed, Event: audit.FindingPresent, To: audit.FindingPresented, At: day(3, 18), By: "lead"},
			},
		}},
		FollowUps: []audit.FollowUp{{
			Finding: "NC-1", Correction: "accounts split", RootCause: "no joiner process", Action: "joiner process",
			DueAt: day(5, 31), State: audit.FollowUpClosed,
			History: []audit.FollowUpEntry{
				{From: audit.FollowUpImplemented, Event: audit.FollowUpVerifyEffective, To: audit.FollowUpClosed, At: day(4, 27), By: "alice"},
			},
		}},
	}
	pending := &audit.Audit{
		ID: "IA-2026-02", Kind: annexa.Internal, Client: "board", Auditee: "acme",
		CreatedAt: day(5, 2), CreatedBy: "programme manager", State: audit.StatePreparation,
		History: []audit.Entry{
			{From: audit.StateInitiation, Event: audit.EventPrepare, To: audit.StatePreparation, At: day(5, 3), By: "lead"},
		},
	}
	return []*audit.Audit{done, pending}
}

func ExampleMonitor() {
	window := func(from, to time.Time) programme.Window { return programme.Window{Earliest: from, Latest: to} }
	month := func(m time.Month) time.Time { return time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC) }
	figures, err := programme.Monitor(programme.MonitorInput{
		At: time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC),
		Schedule: []programme.ScheduledAudit{
			{ID: "Q1", Kind: annexa.Internal, Auditee: "acme", Due: window(month(1), month(4)), Audit: "IA-2026-01"},
			{ID: "Q2", Kind: annexa.Internal, Auditee: "acme", Due: window(month(4), month(7).Add(-time.Second)), Audit: "IA-2026-02"},
			{ID: "Q3", Kind: annexa.Internal, Auditee: "acme", Due: window(month(7), month(10))},
		},
		Audits: exampleRecords(),
		Feedback: []programme.AuditorFeedback{
			{Audit: "IA-2026-01", Auditor: "alice", Score: 4, From: "auditee", At: month(4)},
			{Audit: "IA-2026-01", Auditor: "alice", Score: 5, From: "audit client", At: month(4)},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := figures.Audits
	fmt.Printf("audits: %d planned, %d due, %d completed (%d on time), %d in progress, %d missed\n",
		a.Planned, a.Due, a.Completed, a.OnTime, a.InProgress, a.Missed)
	fmt.Printf("completion %.0f%%, on time %.0f%%\n", 100*a.CompletionRate(), 100*a.OnTimeRate())
	for _, g := range figures.Findings.ByGrade {
		fmt.Printf("%s nonconformities: %d\n", g.Grade, g.Count)
	}
	for _, c := range figures.Findings.ByCriterion {
		fmt.Printf("against %s: %d\n", c.Criterion, c.Nonconformities)
	}
	c := figures.Actions.Closure
	fmt.Printf("actions: %d closed in %.0f days (median), %d overdue\n", figures.Actions.Closed, c.MedianDays, figures.Actions.Overdue)
	for _, s := range figures.Feedback.ByAuditor {
		fmt.Printf("feedback on %s: %.1f from %d\n", s.Auditor, s.MeanScore, s.Count)
	}
	// Output:
	// audits: 3 planned, 2 due, 1 completed (1 on time), 1 in progress, 1 missed
	// completion 33%, on time 100%
	// minor nonconformities: 0
	// major nonconformities: 1
	// against A.5.15: 1
	// actions: 1 closed in 40 days (median), 0 overdue
	// feedback on alice: 4.5 from 2
}

func ExampleMonitor_trend() {
	figures, err := programme.Monitor(programme.MonitorInput{
		At: time.Date(2026, 6, 30, 17, 0, 0, 0, time.UTC),
		Schedule: []programme.ScheduledAudit{
			{ID: "Q1", Kind: annexa.Internal, Auditee: "acme", Due: programme.Window{Latest: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)}, Audit: "IA-2026-01"},
			{ID: "Q2", Kind: annexa.Internal, Auditee: "acme", Due: programme.Window{Latest: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}, Audit: "IA-2026-02"},
		},
		Audits: exampleRecords(),
		Trend:  programme.PeriodQuarter,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range figures.Trend {
		fmt.Printf("%s: %d planned, %d completed, %d missed; %d nonconformities; %d actions open at %s\n",
			p.Label, p.Audits.Planned, p.Audits.Completed, p.Audits.Missed,
			p.Findings.Nonconformities, p.Backlog.Open, p.Backlog.At.Format("2 Jan"))
	}
	// Output:
	// 2026-Q1: 1 planned, 1 completed, 0 missed; 1 nonconformities; 1 actions open at 31 Mar
	// 2026-Q2: 1 planned, 0 completed, 1 missed; 0 nonconformities; 0 actions open at 30 Jun
}

func ExampleDecodeMonitorInput() {
	_, err := programme.DecodeMonitorInput([]byte(`{
		"at": "2026-06-30T12:00:00Z",
		"feedback": [{"audit": "IA-9", "auditor": "alice", "score": 7, "at": "2026-06-01T00:00:00Z"}]
	}`))
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	// Output:
	// Feedback[0].Audit unknown
	// Feedback[0].Score max
}

// ExampleProgramme_Monitor monitors a programme over its own schedule and
// feeds the figures to its review (ISO 19011:2018 5.6 then 5.7).
func ExampleProgramme_Monitor() {
	p := exampleProgramme("isms-internal-2026", programme.StateImplementing) // approved and being implemented
	quarter := func(q int) programme.Window {
		from := time.Date(2026, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
		return programme.Window{Earliest: from, Latest: from.AddDate(0, 3, 0).Add(-time.Second)}
	}
	must(p.ScheduleAudits(
		programme.ScheduledAudit{ID: "Q1", Kind: annexa.Internal, Auditee: "acme", Clauses: []annexa.ClauseID{"4", "5"}, Due: quarter(1)},
		programme.ScheduledAudit{ID: "Q2", Kind: annexa.Internal, Auditee: "acme", Clauses: []annexa.ClauseID{"6", "7"}, Due: quarter(2)},
		programme.ScheduledAudit{ID: "Q3", Kind: annexa.Internal, Auditee: "acme", Clauses: []annexa.ClauseID{"8", "9", "10"}, Due: quarter(3)},
	))
	// The host links each audit record to its scheduled audit.
	p.Schedule[0].Audit, p.Schedule[1].Audit = "IA-2026-01", "IA-2026-02"

	at := time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	figures, err := p.Monitor(programme.MonitorOptions{At: at, Audits: exampleRecords(), Trend: programme.PeriodQuarter})
	if err != nil {
		fmt.Println(err)
		return
	}
	input := figures.ReviewInput()
	fmt.Println(input.Kind)
	fmt.Println(input.Summary)

	must(p.Fire(programme.EventReview, ismsaudit.Meta{At: at, By: "maria"}))
	must(p.RecordReview(programme.Review{
		ID:          "review-2026-07",
		Inputs:      []programme.ReviewInput{input},
		Objectives:  []programme.ObjectiveResult{{Objective: "coverage", Actual: 100 * figures.Audits.CompletionRate()}},
		Conclusions: "the second quarter's audit slipped: add a reserve auditor",
	}, ismsaudit.Meta{At: at.Add(2 * time.Hour), By: "maria"}))
	r := p.Reviews[0]
	fmt.Println(r.ID, "considered the figures of", r.Inputs[0].Figures.At.Format(time.DateOnly), "- coverage met:", r.Objectives[0].Met)
	// Output:
	// monitoring
	// monitoring figures at 2026-07-01
	// audits: 1 of 3 planned completed (33.3 %), 1 on time, 0 early, 0 late; 1 in progress, 0 terminated, 1 not started; 2 due, 1 missed; 0 unscheduled
	// findings: 1; nonconformities: 1 (0 minor, 1 major, 0 ungraded); most cited: A.5.15 (1)
	// corrective actions: 1 started, 1 closed, 0 open, 0 overdue (0 of major nonconformities); closure days over 1 measured: mean 40, median 40, 90th percentile 40
	// auditor feedback: none
	// trend by quarter, 2026-Q1 to 2026-Q3: audits completed/planned 1/1, 0/1, 0/1; nonconformities 1, 0, 0; actions open at the end 1, 0, 0
	// review-2026-07 considered the figures of 2026-07-01 - coverage met: false
}
