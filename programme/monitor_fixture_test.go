package programme_test

import (
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/programme"
)

// moDay is noon UTC on a day of 2026.
func moDay(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, time.UTC) }

// moAuditPath is the audit lifecycle's main path, as its table has it.
var moAuditPath = []struct {
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

// moRecord is an audit record created at created, in initiation.
func moRecord(id audit.ID, created time.Time) *audit.Audit {
	return &audit.Audit{
		ID: id, Kind: annexa.Internal, Client: "board", Auditee: "acme",
		CreatedAt: created, CreatedBy: "pm", State: audit.StateInitiation, History: []audit.Entry{},
	}
}

// moAdvance walks a record along the main path up to and including last,
// one day between events, last at at (as the audit's lifecycle would have
// recorded it).
func moAdvance(a *audit.Audit, last audit.Event, at time.Time) {
	n := 0
	for n < len(moAuditPath) && moAuditPath[n].event != last {
		n++
	}
	for i := 0; i <= n && i < len(moAuditPath); i++ {
		s := moAuditPath[i]
		a.History = append(a.History, audit.Entry{From: s.from, Event: s.event, To: s.to, At: at.AddDate(0, 0, i-n), By: "lead"})
		a.State = s.to
	}
}

// moTerminate ends a record at at.
func moTerminate(a *audit.Audit, at time.Time) {
	a.History = append(a.History, audit.Entry{From: a.State, Event: audit.EventTerminate, To: audit.StateTerminated, At: at, By: "lead"})
	a.State = audit.StateTerminated
}

// moFinding is a finding confirmed at confirmed and, unless presented is
// zero, presented at presented.
func moFinding(id audit.FindingID, kind audit.FindingKind, grade audit.Grade, confirmed, presented time.Time, refs ...annexa.Ref) audit.Finding {
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

// moWithdraw withdraws a confirmed finding at at.
func moWithdraw(f audit.Finding, at time.Time) audit.Finding {
	f.History = append(f.History, audit.FindingEntry{From: f.State, Event: audit.FindingWithdraw, To: audit.FindingWithdrawn, At: at, By: "lead"})
	f.State = audit.FindingWithdrawn
	return f
}

// moFollowUp is the follow-up of a finding due at due, its plan accepted a
// day after planned; verified effective at closed unless closed is zero.
func moFollowUp(finding audit.FindingID, due, planned, closed time.Time) audit.FollowUp {
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

func moWindow(earliest, latest time.Time) programme.Window {
	return programme.Window{Earliest: earliest, Latest: latest}
}

// moScenario is the hand-computed programme of the monitoring tests:
// eight scheduled audits and one unscheduled record (see TestMonitor for
// the figures).
func moScenario() programme.MonitorInput {
	clause := func(id string) annexa.Ref { return annexa.RefToClause(annexa.ClauseID(id)) }
	control := func(id string) annexa.Ref { return annexa.RefToControl(annexa.ControlID(id)) }
	var none time.Time

	a1 := moRecord("A1", time.Date(2025, 12, 1, 12, 0, 0, 0, time.UTC))
	moAdvance(a1, audit.EventComplete, moDay(1, 20))
	a1.Findings = []audit.Finding{
		moFinding("F1", audit.Nonconformity, audit.Major, moDay(1, 15), moDay(1, 18), clause("9.2.1"), control("5.15")),
		moFinding("F2", audit.Nonconformity, audit.Minor, moDay(1, 15), moDay(1, 18), control("5.15")),
		moFinding("F3", audit.OpportunityForImprovement, "", moDay(1, 15), moDay(1, 18), control("8.8")),
		moFinding("F4", audit.Nonconformity, audit.Minor, none, none, control("8.8")),
		moWithdraw(moFinding("F5", audit.Nonconformity, audit.Minor, moDay(1, 15), none, control("8.9")), moDay(1, 16)),
	}
	a1.FollowUps = []audit.FollowUp{
		moFollowUp("F1", moDay(2, 28), moDay(1, 18), moDay(2, 17)), // 30 days
		moFollowUp("F2", moDay(3, 31), moDay(1, 18), moDay(3, 19)), // 60 days
	}

	a2 := moRecord("A2", moDay(1, 25))
	moAdvance(a2, audit.EventComplete, moDay(3, 10))
	a2.Findings = []audit.Finding{
		moFinding("F1", audit.Nonconformity, audit.Minor, moDay(3, 5), moDay(3, 8), clause("6.1.2"), clause("6.1.2")),
		moFinding("F2", audit.Nonconformity, audit.Major, moDay(3, 5), moDay(3, 8), control("8.8")),
		moFinding("F3", audit.Conformity, "", moDay(3, 5), moDay(3, 8), clause("7.2")),
		moFinding("F4", audit.Nonconformity, audit.Major, moDay(3, 6), moDay(3, 8), control("8.8")),
		moFinding("F5", audit.Nonconformity, "", moDay(3, 6), moDay(3, 8), annexa.RefToDocument("policy-7")),
		moFinding("F6", audit.Nonconformity, audit.Major, moDay(7, 1), none, control("8.8")),
	}
	a2.FollowUps = []audit.FollowUp{
		moFollowUp("F1", moDay(4, 30), moDay(3, 8), none), // overdue 61 days
		moFollowUp("F2", moDay(7, 31), moDay(3, 8), none),
		moFollowUp("F4", moDay(4, 15), moDay(3, 8), moDay(3, 28)), // 20 days
		moFollowUp("F5", moDay(5, 1), moDay(3, 8), none),          // overdue 60 days
	}

	a3 := moRecord("A3", moDay(2, 25))
	moAdvance(a3, audit.EventPrepare, moDay(3, 1))
	moTerminate(a3, moDay(3, 5))

	a5 := moRecord("A5", moDay(4, 20))
	moAdvance(a5, audit.EventPrepare, moDay(5, 2))
	a5.Findings = []audit.Finding{moFinding("F1", audit.Observation, "", moDay(6, 10), none, clause("8.1"))}

	a7 := moRecord("A7", moDay(5, 1))
	moAdvance(a7, audit.EventComplete, moDay(5, 20))

	a8 := moRecord("A8", moDay(7, 5))

	u1 := moRecord("U1", moDay(4, 10))
	moAdvance(u1, audit.EventComplete, moDay(4, 14))
	u1.Findings = []audit.Finding{moFinding("F1", audit.Nonconformity, audit.Major, moDay(4, 12), moDay(4, 12), control("5.15"))}
	u1.FollowUps = []audit.FollowUp{moFollowUp("F1", moDay(5, 12), moDay(4, 12), moDay(7, 2))} // closed after At: overdue 49 days

	return programme.MonitorInput{
		At: moDay(6, 30),
		Schedule: []programme.ScheduledAudit{
			{ID: "S1", Kind: annexa.Internal, Auditee: "acme", Due: moWindow(moDay(1, 1), moDay(1, 31)), Audit: "A1"},
			{ID: "S2", Kind: annexa.Internal, Auditee: "acme", Due: moWindow(moDay(2, 1), moDay(2, 28)), Audit: "A2"},
			{ID: "S3", Kind: annexa.Internal, Auditee: "acme", Due: moWindow(moDay(3, 1), moDay(3, 31)), Audit: "A3"},
			{ID: "S4", Kind: annexa.Internal, Auditee: "acme", Due: moWindow(none, moDay(4, 30))},
			{ID: "S5", Kind: annexa.Internal, Auditee: "acme", Due: moWindow(moDay(5, 1), moDay(6, 15)), Audit: "A5"},
			{ID: "S6", Kind: annexa.Internal, Auditee: "acme", Due: moWindow(moDay(9, 1), moDay(9, 30))},
			{ID: "S7", Kind: annexa.Internal, Auditee: "acme", Due: moWindow(moDay(6, 1), none), Audit: "A7"},
			{ID: "S8", Kind: annexa.Internal, Auditee: "acme", Due: moWindow(moDay(7, 1), moDay(7, 31)), Audit: "A8"},
		},
		Audits: []*audit.Audit{a1, a2, a3, a5, a7, a8, u1},
		Feedback: []programme.AuditorFeedback{
			{Audit: "A1", Auditor: "alice", Score: 4, At: moDay(1, 25)},
			{Audit: "A1", Auditor: "bob", Score: 2, Comment: "late to the opening meeting", At: moDay(1, 25)},
			{Audit: "A2", Auditor: "alice", Score: 5, From: "audit client", At: moDay(3, 12)},
			{Audit: "A2", Auditor: "alice", Score: 3, From: "auditee", At: moDay(3, 12)},
			{Audit: "A5", Auditor: "carol", Score: 4, At: moDay(7, 10)},
		},
	}
}

// moKinds lists finding counts in canonical kind order: conformity,
// nonconformity, observation, opportunity for improvement, good practice.
func moKinds(c, nc, obs, ofi, gp int) []programme.FindingKindCount {
	return []programme.FindingKindCount{
		{Kind: audit.Conformity, Count: c}, {Kind: audit.Nonconformity, Count: nc},
		{Kind: audit.Observation, Count: obs}, {Kind: audit.OpportunityForImprovement, Count: ofi},
		{Kind: audit.GoodPractice, Count: gp},
	}
}

// moGrades lists nonconformity counts in canonical grade order.
func moGrades(minor, major int) []programme.GradeCount {
	return []programme.GradeCount{{Grade: audit.Minor, Count: minor}, {Grade: audit.Major, Count: major}}
}

// moScores lists feedback counts for scores 1 to 5.
func moScores(n ...int) []programme.ScoreCount {
	out := make([]programme.ScoreCount, 5)
	for i := range out {
		out[i].Score = i + 1
		if i < len(n) {
			out[i].Count = n[i]
		}
	}
	return out
}

// moCrit is one CriterionCount.
func moCrit(r annexa.Ref, minor, major, ungraded int) programme.CriterionCount {
	return programme.CriterionCount{Criterion: r, Nonconformities: minor + major + ungraded, ByGrade: moGrades(minor, major), Ungraded: ungraded}
}

// moNoFeedback is the feedback figures of nothing.
func moNoFeedback() programme.FeedbackFigures { return programme.FeedbackFigures{ByScore: moScores()} }

// moNoFindings is the finding figures of nothing.
func moNoFindings() programme.FindingFigures {
	return programme.FindingFigures{ByKind: moKinds(0, 0, 0, 0, 0), ByGrade: moGrades(0, 0)}
}
