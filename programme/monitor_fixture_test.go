package programme_test

import (
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/programme"
)

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
func newRecord(id audit.ID, created time.Time) *audit.Audit {
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
