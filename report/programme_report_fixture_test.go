package report

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
)

// The programme report fixture: Northwind's audit programme for 2026 as it
// stands on asOf (20 May 2026). Its schedule holds four internal audits
// planned by programme.PlanInternal (the first completed and in follow-up,
// the second in fieldwork), a second-party audit of a hosting supplier that
// is past its window and not started, and the surveillance and
// recertification audits of Northwind's certification cycle. Last year's
// audit IA-2025-02, not on this schedule, brings closed corrective actions
// with a spread of closure times.

const northwind = "Northwind Analytics Ltd"

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// northwindSoA is Northwind's Statement of Applicability: every control
// applicable but A.7.12 and A.8.30.
func northwindSoA(t testing.TB) *annexa.SoA {
	t.Helper()
	soa, err := annexa.NewSoA(northwind, annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Selected by the risk treatment plan", Status: annexa.Implemented})
	require.NoError(t, err)
	soa.Version = "2026.2"
	require.NoError(t, soa.Exclude("7.12", "No server rooms of our own."))
	require.NoError(t, soa.Exclude("8.30", "No outsourced development."))
	return soa
}

// northwindProgramme is the programme record: version 1, implementing.
func northwindProgramme(t testing.TB) *programme.Programme {
	t.Helper()
	year := programme.Window{Earliest: day(2026, time.January, 1), Latest: day(2026, time.December, 31)}
	internal, err := programme.PlanInternal(northwindSoA(t), programme.InternalPlanOptions{
		ID: "IA-2026", Auditee: northwind, Period: year, Audits: 4,
		Weights: []programme.CoverageWeight{{
			Refs:  []annexa.Ref{annexa.RefToControl("5.15"), annexa.RefToControl("5.18"), annexa.RefToControl("8.8")},
			Times: 2, Reason: "access removal and patching carried the findings of 2025",
		}},
	})
	require.NoError(t, err)
	require.Len(t, internal, 4)
	internal[0].Audit, internal[0].Start, internal[0].Days = "IA-2026-01", day(2026, time.March, 2), 4
	internal[1].Audit, internal[1].Start, internal[1].Days = "IA-2026-02", day(2026, time.May, 18), 3
	internal[2].Days = 3
	internal[2].Team = &competence.Team{Leader: "AUD-001", Method: competence.Exact, LowerBound: 2, Members: []competence.Member{
		{Auditor: "AUD-001", Role: competence.RoleTeamLeader}, {Auditor: "AUD-002", Role: competence.RoleAuditor},
	}}
	schedule := append(internal, programme.ScheduledAudit{
		ID: "SP-2026-01", Kind: annexa.SecondParty, Auditee: "Harbour Cloud Hosting Ltd", Sites: []programme.SiteID{"Slough data centre"},
		Controls: []annexa.ControlID{"5.19", "5.20", "5.22", "5.23"},
		Due:      programme.Window{Earliest: day(2026, time.March, 16), Latest: day(2026, time.April, 30)}, Days: 2,
	})
	cycle, err := programme.PlanCycle(programme.CycleOptions{
		ID: "CERT-NW", Auditee: northwind, Decision: day(2025, time.July, 15),
		Days: programme.CycleDays{Surveillance: 3, Recertification: 6},
	})
	require.NoError(t, err)
	return &programme.Programme{
		ID: "ISMS-AP-2026", Version: 1, CreatedAt: day(2025, time.November, 3), CreatedBy: "Aisha Khan",
		State: programme.StateImplementing,
		History: []programme.Entry{
			{From: programme.StateDraft, Event: programme.EventApprove, To: programme.StateApproved, At: day(2025, time.December, 1), By: "Omar Farouk"},
			{From: programme.StateApproved, Event: programme.EventImplement, To: programme.StateImplementing, At: day(2026, time.January, 5), By: "Aisha Khan"},
		},
		Objectives: []programme.Objective{
			{ID: "coverage", Statement: "Audit every requirement and applicable control in 2026, and access control and patching twice.",
				Target: programme.Target{Metric: "requirements and applicable controls audited as often as planned", Direction: programme.AtLeast, Value: 100, Unit: "%", Due: day(2026, time.December, 31)}},
			{ID: "closure", Statement: "Close corrective actions promptly.",
				Target: programme.Target{Metric: "median closure time of corrective actions", Direction: programme.AtMost, Value: 60, Unit: "days", Due: day(2026, time.December, 31)}},
		},
		Extent:   programme.Extent{Start: year.Earliest, End: year.Latest, Audits: 5, Kinds: []annexa.AuditKind{annexa.Internal, annexa.SecondParty}},
		Schedule: schedule,
		Cycles:   []programme.Cycle{cycle},
	}
}

// fieldworkAudit is IA-2026-02, opened on 18 May 2026.
func fieldworkAudit() *audit.Audit {
	lead := "Ben Osei"
	return &audit.Audit{
		ID: "IA-2026-02", Kind: annexa.Internal, Client: "Omar Farouk", Auditee: northwind, Programme: "ISMS-AP-2026",
		CreatedAt: at2026(time.April, 20, 9, 0), CreatedBy: lead, State: audit.StateFieldwork,
		History: []audit.Entry{
			{From: audit.StateInitiation, Event: audit.EventPrepare, To: audit.StatePreparation, At: at2026(time.April, 27, 9, 0), By: lead},
			{From: audit.StatePreparation, Event: audit.EventOpen, To: audit.StateFieldwork, At: at2026(time.May, 18, 9, 0), By: lead},
		},
		Team: []audit.Member{
			{Auditor: "AUD-002", Name: lead, Role: competence.RoleTeamLeader},
			{Auditor: "AUD-003", Name: "Farah Iqbal", Role: competence.RoleAuditor},
		},
	}
}

// closure is one nonconformity of the previous year's audit and its
// corrective action: closed after days (0: still open at asOf, due
// on due).
type closure struct {
	id, control string
	grade       audit.Grade
	days        int
	due         time.Time
}

// previousAudit is IA-2025-02, last year's audit: presented on
// 2025-10-10, its actions closed after the given numbers of days.
func previousAudit(closures []closure) *audit.Audit {
	lead := "Aisha Khan"
	presented := time.Date(2025, time.October, 10, 15, 0, 0, 0, time.UTC)
	a := &audit.Audit{
		ID: "IA-2025-02", Kind: annexa.Internal, Client: "Omar Farouk", Auditee: northwind,
		CreatedAt: day(2025, time.August, 4), CreatedBy: lead, State: audit.StateFollowUp,
		History: []audit.Entry{
			{From: audit.StateInitiation, Event: audit.EventPrepare, To: audit.StatePreparation, At: day(2025, time.August, 11), By: lead},
			{From: audit.StatePreparation, Event: audit.EventOpen, To: audit.StateFieldwork, At: day(2025, time.October, 6), By: lead},
			{From: audit.StateFieldwork, Event: audit.EventEndFieldwork, To: audit.StateFindings, At: day(2025, time.October, 9), By: lead},
			{From: audit.StateFindings, Event: audit.EventHoldClosingMeeting, To: audit.StateClosing, At: presented, By: lead},
			{From: audit.StateClosing, Event: audit.EventIssueReport, To: audit.StateReported, At: day(2025, time.October, 14), By: lead},
			{From: audit.StateReported, Event: audit.EventDistribute, To: audit.StateDistributed, At: day(2025, time.October, 15), By: lead},
			{From: audit.StateDistributed, Event: audit.EventComplete, To: audit.StateCompleted, At: day(2025, time.October, 20), By: lead},
			{From: audit.StateCompleted, Event: audit.EventStartFollowUp, To: audit.StateFollowUp, At: day(2025, time.October, 20).Add(time.Hour), By: lead},
		},
		Team: []audit.Member{{Auditor: "AUD-001", Name: lead, Role: competence.RoleTeamLeader}},
	}
	for _, c := range closures {
		raised := presented.Add(-30 * time.Hour)
		f := audit.Finding{
			ID: audit.FindingID(c.id), Kind: audit.Nonconformity, Grade: c.grade, Criteria: []annexa.Ref{annexa.RefToControl(annexa.ControlID(c.control))},
			Found: "Finding " + c.id + " against A." + c.control + ".", RaisedBy: lead, RaisedAt: raised, State: audit.FindingAcknowledged,
			History: []audit.FindingEntry{
				{From: audit.FindingDraft, Event: audit.FindingConfirm, To: audit.FindingConfirmed, At: raised.Add(2 * time.Hour), By: lead},
				{From: audit.FindingConfirmed, Event: audit.FindingPresent, To: audit.FindingPresented, At: presented, By: lead},
				{From: audit.FindingPresented, Event: audit.FindingAcknowledge, To: audit.FindingAcknowledged, At: presented.Add(10 * time.Minute), By: "Priya Shah"},
			},
		}
		accepted := presented.Add(7 * 24 * time.Hour)
		u := audit.FollowUp{
			Finding: f.ID, Correction: "Corrected.", RootCause: "Cause found.", Action: "Action for " + c.id + ".", DueAt: c.due,
			State:   audit.FollowUpAccepted,
			History: []audit.FollowUpEntry{{From: audit.FollowUpPlanning, Event: audit.FollowUpAcceptPlan, To: audit.FollowUpAccepted, At: accepted, By: lead}},
		}
		if c.days > 0 {
			closed := presented.Add(time.Duration(c.days) * 24 * time.Hour)
			u.State, u.VerifiedBy = audit.FollowUpClosed, lead
			u.History = append(u.History,
				audit.FollowUpEntry{From: audit.FollowUpAccepted, Event: audit.FollowUpImplement, To: audit.FollowUpImplemented, At: closed.Add(-48 * time.Hour), By: "Tom Hughes"},
				audit.FollowUpEntry{From: audit.FollowUpImplemented, Event: audit.FollowUpVerifyEffective, To: audit.FollowUpClosed, At: closed, By: lead},
			)
		}
		a.Findings = append(a.Findings, f)
		a.FollowUps = append(a.FollowUps, u)
	}
	return a
}

// closures are IA-2025-02's nonconformities: six closed after 12 to 96
// days, one still open and not yet due.
var closures = []closure{
	{"P-1", "5.18", audit.Minor, 12, day(2025, time.November, 30)},
	{"P-2", "8.8", audit.Major, 26, day(2025, time.November, 15)},
	{"P-3", "8.8", audit.Minor, 33, day(2025, time.December, 15)},
	{"P-4", "5.15", audit.Minor, 41, day(2025, time.December, 15)},
	{"P-5", "8.15", audit.Minor, 58, day(2026, time.January, 31)},
	{"P-6", "5.18", audit.Minor, 96, day(2026, time.January, 31)},
	{"P-7", "5.30", audit.Minor, 0, day(2026, time.June, 30)},
}

// programmeAudits are the programme's audit records.
func programmeAudits(t testing.TB) []*audit.Audit {
	t.Helper()
	return []*audit.Audit{internalAudit(t), fieldworkAudit(), previousAudit(closures)}
}

// auditorFeedback is feedback on the auditors of the two audits held.
func auditorFeedback() []programme.AuditorFeedback {
	return []programme.AuditorFeedback{
		{Audit: "IA-2025-02", Auditor: "AUD-001", Score: 4, From: "auditee", At: day(2025, time.October, 21)},
		{Audit: "IA-2026-01", Auditor: "AUD-001", Score: 5, From: "audit client", At: at2026(time.March, 13, 9, 0)},
		{Audit: "IA-2026-01", Auditor: "AUD-002", Score: 3, From: "auditee", Comment: "Interviews overran.", At: at2026(time.March, 13, 9, 0)},
		{Audit: "IA-2026-01", Auditor: "AUD-007", Score: 4, From: "team leader", At: at2026(time.March, 13, 10, 0)},
	}
}

// programmeOptions are the fixture's build options.
func programmeOptions(t testing.TB) *ProgrammeReportOptions {
	return &ProgrammeReportOptions{AsOf: asOf, SoA: northwindSoA(t), Feedback: auditorFeedback(), Trend: programme.PeriodQuarter}
}

// programmeReport builds the fixture report and requires it complete.
func programmeReport(t testing.TB) *ProgrammeReport {
	t.Helper()
	r, err := BuildProgrammeReport(northwindProgramme(t), programmeAudits(t), programmeOptions(t))
	require.NoError(t, err)
	require.NoError(t, r.Check())
	return r
}

// largeProgramme is a programme of n internal audits, each completed with m
// nonconformities across the Annex A controls, half of their actions
// closed: a programme report of n·m nonconformities for benchmarks.
func largeProgramme(t testing.TB, n, m int) (*programme.Programme, []*audit.Audit) {
	t.Helper()
	p := northwindProgramme(t)
	p.Cycles = nil
	var controls []annexa.ControlID
	for c := range annexa.Controls() {
		controls = append(controls, c.ID())
	}
	p.Schedule = nil
	var audits []*audit.Audit
	for i := range n {
		id := ismsaudit.AuditID(fmt.Sprintf("IA-L-%03d", i))
		start := day(2026, time.January, 5).Add(time.Duration(i) * 48 * time.Hour)
		p.Schedule = append(p.Schedule, programme.ScheduledAudit{
			ID: programme.ScheduledAuditID(id), Kind: annexa.Internal, Auditee: northwind, Controls: []annexa.ControlID{controls[i%len(controls)]},
			Due: programme.Window{Earliest: start, Latest: start.Add(30 * 24 * time.Hour)}, Start: start, Audit: id,
		})
		var cl []closure
		for j := range m {
			c := closure{id: fmt.Sprintf("N-%d", j), control: string(controls[(i*m+j)%len(controls)]), grade: audit.Minor, due: start.Add(60 * 24 * time.Hour)}
			if j%7 == 0 {
				c.grade = audit.Major
			}
			if j%2 == 0 {
				c.days = 5 + (i*m+j)%120
			}
			cl = append(cl, c)
		}
		a := previousAudit(cl)
		a.ID, a.CreatedAt = id, start.Add(-14*24*time.Hour)
		audits = append(audits, a)
	}
	return p, audits
}

// hostileProgrammeReport is the fixture report with hostilePrefix in front of every
// non-empty string of free text and every host id (enumerations and
// catalogue references left alone, as Check refuses invalid ones), and a
// nonconformity against a document whose id is hostile, so that chart
// labels carry it too.
func hostileProgrammeReport(t testing.TB) *ProgrammeReport {
	t.Helper()
	audits := programmeAudits(t)
	doc := annexa.RefToDocument(hostilePrefix + "POL-7")
	f := &audits[2].Findings[0]
	f.Criteria = append(f.Criteria, doc)
	r, err := BuildProgrammeReport(northwindProgramme(t), audits, programmeOptions(t))
	require.NoError(t, err)
	prefixStrings(reflect.ValueOf(r).Elem())
	require.NoError(t, r.Check())
	return r
}
