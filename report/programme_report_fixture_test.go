package report

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/competence/competencetest"
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

// northwindProgramme is the programme record, built by the programme's
// operations: created on 3 November 2025 with its content and one risk
// per area of 19011 5.3, approved on 1 December, implemented from 5
// January 2026; its schedule and certification cycle added then, and the
// third internal audit staffed from a pool of two internal auditors.
func northwindProgramme(t testing.TB) *programme.Programme {
	t.Helper()
	p := implementedProgramme(t)
	year := programme.Window{Earliest: p.Extent.Start, Latest: p.Extent.End}
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
	require.NoError(t, p.ScheduleAudits(append(internal, programme.ScheduledAudit{
		ID: "SP-2026-01", Kind: annexa.SecondParty, Auditee: "Harbour Cloud Hosting Ltd", Sites: []programme.SiteID{"Slough data centre"},
		Controls: []annexa.ControlID{"5.19", "5.20", "5.22", "5.23"},
		Due:      programme.Window{Earliest: day(2026, time.March, 16), Latest: day(2026, time.April, 30)}, Days: 2,
	})...))
	cycle, err := programme.PlanCycle(programme.CycleOptions{
		ID: "CERT-NW", Auditee: northwind, Decision: day(2025, time.July, 15),
		Days: programme.CycleDays{Surveillance: 3, Recertification: 6},
	})
	require.NoError(t, err)
	require.NoError(t, p.AddCycle(cycle))
	_, err = p.StaffAudit(internal[2].ID, internalAuditors(t), programme.StaffOptions{Requests: []programme.StaffRequest{{Audit: internal[2].ID, MinAuditors: 2}}})
	require.NoError(t, err)
	return p
}

// implementedProgramme is the programme before anything is scheduled:
// created with its content, its risks assessed, approved and
// implemented.
func implementedProgramme(t testing.TB) *programme.Programme {
	t.Helper()
	year := programme.Window{Earliest: day(2026, time.January, 1), Latest: day(2026, time.December, 31)}
	var roles []programme.ManagerRole
	for r := range programme.ManagerRoles() {
		roles = append(roles, r)
	}
	p, err := programme.New(programme.NewOptions{
		ID: "ISMS-AP-2026",
		Objectives: []programme.Objective{
			{ID: "coverage", Statement: "Audit every requirement and applicable control in 2026, and access control and patching twice.",
				Target: programme.Target{Metric: "requirements and applicable controls audited as often as planned", Direction: programme.AtLeast, Value: 100, Unit: "%", Due: day(2026, time.December, 31)}},
			{ID: "closure", Statement: "Close corrective actions promptly.",
				Target: programme.Target{Metric: "median closure time of corrective actions", Direction: programme.AtMost, Value: 60, Unit: "days", Due: day(2026, time.December, 31)}},
		},
		Managers: []programme.Manager{{Person: "aisha", Name: "Aisha Khan", Roles: roles}},
		Extent: programme.Extent{
			Start: year.Earliest, End: year.Latest, Audits: 5, Kinds: []annexa.AuditKind{annexa.Internal, annexa.SecondParty},
			Locations: []string{"London office", "Leeds office", "Cloud production (eu-west-2)", "Slough data centre"},
			Frequency: "every requirement and applicable control once a year, access control and patching twice", AuditDays: 20,
			Drivers: programme.Drivers{
				SizeAndComplexity: "140 persons on two sites and one cloud region; one analytics service",
				RiskAssessment:    "highest risks in access removal, patching and the hosting supplier",
				PreviousResults:   "IA-2025-02 found seven nonconformities, two of them in access removal",
			},
		},
		Resources: programme.Resources{AuditorDays: 24, TravelDays: 2, Tools: []string{"GRC tool", "video calls and screen sharing"}},
		Records: programme.RecordsPolicy{RetentionMonths: 72, Confidentiality: "reports and evidence in the GRC tool, auditors and the audit committee only",
			Access: []string{"internal auditors", "audit committee"}},
	}, ismsaudit.Meta{At: day(2025, time.November, 3), By: "Aisha Khan"})
	require.NoError(t, err)
	for c := range programme.RiskCategories() {
		id := programme.RiskID("risk-" + string(c))
		m := ismsaudit.Meta{At: day(2025, time.November, 10), By: "Aisha Khan"}
		require.NoError(t, p.AddRisk(programme.Risk{ID: id, Kind: programme.KindRisk, Category: c, Description: "A " + string(c) + " problem delays the programme.", Owner: "aisha"}, m))
		require.NoError(t, p.AssessRisk(id, programme.Assessment{Likelihood: 1, Impact: 2, Rationale: "no such problem in 2025"}, m))
	}
	require.NoError(t, p.Fire(programme.EventApprove, ismsaudit.Meta{At: day(2025, time.December, 1), By: "Omar Farouk"}))
	require.NoError(t, p.Fire(programme.EventImplement, ismsaudit.Meta{At: day(2026, time.January, 5), By: "Aisha Khan"}))
	return p
}

// internalAuditors is Northwind's pool of internal auditors: Aisha Khan
// (AUD-001), who may lead, and Ben Osei (AUD-002), competent for internal
// ISMS audits throughout 2026.
func internalAuditors(t testing.TB) *competence.Pool {
	t.Helper()
	p := competencetest.Profile{
		Set: competence.InternalISMSAuditorSet, LeaderSet: competence.InternalISMSAuditorSet,
		At: day(2026, time.January, 5), Until: day(2026, time.December, 31),
	}
	lead, auditor := competencetest.TeamLeader(t, "AUD-001", p), competencetest.Auditor(t, "AUD-002", p)
	lead.Name, auditor.Name = "Aisha Khan", "Ben Osei"
	return competencetest.Pool(t, nil, lead, auditor)
}

// timedStep is one operation of a fixture record with its Meta.
type timedStep struct {
	what string
	m    ismsaudit.Meta
	step ismsaudit.Step
}

// runInTimeOrder runs the steps in the order of their times (those of
// one time in the order given), as the host would have taken them,
// failing t at the first refusal.
func runInTimeOrder(t testing.TB, steps []timedStep) {
	t.Helper()
	slices.SortStableFunc(steps, func(a, b timedStep) int { return a.m.At.Compare(b.m.At) })
	for _, s := range steps {
		require.NoError(t, s.step(s.m), "%s at %s", s.what, s.m.At.Format(time.RFC3339))
	}
}

// fieldworkAudit is IA-2026-02, opened on 18 May 2026, built by the
// audit's operations.
func fieldworkAudit(t testing.TB) *audit.Audit {
	t.Helper()
	lead := "Ben Osei"
	by := func(at time.Time) ismsaudit.Meta { return ismsaudit.Meta{At: at, By: lead} }
	a, err := audit.New(audit.NewOptions{ID: "IA-2026-02", Kind: annexa.Internal, Client: "Omar Farouk", Auditee: northwind, Programme: "ISMS-AP-2026"}, by(at2026(time.April, 20, 9, 0)))
	require.NoError(t, err)
	access, patching := annexa.RefToControl("5.15"), annexa.RefToControl("8.8")
	start := at2026(time.May, 18, 9, 0)
	runInTimeOrder(t, []timedStep{
		{"establish contact", by(at2026(time.April, 21, 9, 0)), ismsaudit.With(a.EstablishContact, audit.Contact{Person: "Priya Shah", EstablishedAt: at2026(time.April, 21, 9, 0), EstablishedBy: lead})},
		{"decide feasibility", by(at2026(time.April, 22, 9, 0)), ismsaudit.With(a.DecideFeasibility, audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true,
			DecidedAt: at2026(time.April, 22, 9, 0), DecidedBy: lead})},
		{"set team", by(at2026(time.April, 23, 9, 0)), ismsaudit.With(a.SetTeam, []audit.Member{
			{Auditor: "AUD-002", Name: lead, Role: competence.RoleTeamLeader},
			{Auditor: "AUD-003", Name: "Farah Iqbal", Role: competence.RoleAuditor},
		})},
		{"prepare", by(at2026(time.April, 27, 9, 0)), a.Prepare},
		{"draft plan", by(at2026(time.April, 28, 9, 0)), ismsaudit.With(a.DraftPlan, audit.PlanContent{
			Objectives: []string{"Determine whether access control and vulnerability management conform to ISO/IEC 27001:2022."},
			Scope:      audit.Scope{ISMS: "Development, operation and support of the Northwind Insights analytics service.", Units: []string{"IT Operations"}},
			Criteria:   []audit.Criterion{{Ref: access}, {Ref: patching}}, Locations: []string{"London office"},
			Start: start, End: start.Add(56 * time.Hour),
			Schedule: []audit.Activity{{Title: "Interviews and record reviews", Location: "London office", Start: start, End: start.Add(56 * time.Hour),
				Auditors: []competence.AuditorID{"AUD-002", "AUD-003"}, Criteria: []annexa.Ref{access, patching}}},
			Methods:          []audit.Method{{Location: audit.OnSite, HumanInteraction: true, Description: "Interviews with process owners"}},
			SamplingApproach: "Access reviews and patch records chosen by judgement.",
			Assignments:      []audit.Assignment{{Criterion: access, Auditor: "AUD-003"}, {Criterion: patching, Auditor: "AUD-002"}},
		})},
		{"approve plan", by(at2026(time.April, 29, 9, 0)), ismsaudit.With(a.ApprovePlan, audit.PlanCheck{})},
		{"communicate plan", by(at2026(time.April, 30, 9, 0)), a.CommunicatePlan},
		{"hold opening meeting", by(start), ismsaudit.With(a.HoldOpeningMeeting, audit.OpeningMeeting{HeldAt: start, PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true,
			Attendees: []audit.Attendee{{Name: lead}, {Name: "Priya Shah", Organization: northwind, Role: "CISO"}}})},
	})
	return a
}

// closure is one nonconformity of the previous year's audit and its
// corrective action: closed after days (0: still open at asOf, due
// on due); document, when set, is a document the nonconformity is
// against as well as the control.
type closure struct {
	id, control string
	grade       audit.Grade
	days        int
	due         time.Time
	document    string
}

// previousAudit is IA-2025-02, last year's audit, built by the audit's
// operations: fieldwork from 6 October 2025, the nonconformities
// presented at the closing meeting on 10 October, the report issued and
// distributed, the audit completed on 20 October, and each action closed
// the given number of days after the closing meeting.
func previousAudit(t testing.TB, closures []closure) *audit.Audit {
	t.Helper()
	return pastAudit(t, "IA-2025-02", closures)
}

// pastAudit is an audit of id held as IA-2025-02 was held, with the given
// nonconformities.
func pastAudit(t testing.TB, id ismsaudit.AuditID, closures []closure) *audit.Audit {
	t.Helper()
	lead, leadID, contact := "Aisha Khan", "AUD-001", "Priya Shah"
	at := func(m time.Month, d, h int) time.Time { return time.Date(2025, m, d, h, 0, 0, 0, time.UTC) }
	by := func(who string, at time.Time) ismsaudit.Meta { return ismsaudit.Meta{At: at, By: who} }
	presented := at(time.October, 10, 15)
	a, err := audit.New(audit.NewOptions{ID: id, Kind: annexa.Internal, Client: "Omar Farouk", Auditee: northwind}, by(lead, day(2025, time.August, 4)))
	require.NoError(t, err)

	var criteria []audit.Criterion
	var assigned []audit.Assignment
	criterion := func(ref annexa.Ref) {
		if !slices.ContainsFunc(criteria, func(c audit.Criterion) bool { return c.Ref == ref }) {
			criteria = append(criteria, audit.Criterion{Ref: ref})
			assigned = append(assigned, audit.Assignment{Criterion: ref, Auditor: competence.AuditorID(leadID)})
		}
	}
	for _, c := range closures {
		criterion(annexa.RefToControl(annexa.ControlID(c.control)))
		if c.document != "" {
			criterion(annexa.RefToDocument(c.document))
		}
	}
	start, majors := at(time.October, 6, 9), 0
	for _, c := range closures {
		if c.grade == audit.Major {
			majors++
		}
	}
	conclusion := audit.Conclusion{Fulfilment: audit.LargelyFulfilled, Extent: "The criteria are met apart from minor nonconformities.",
		Effectiveness: "The ISMS is effectively implemented and maintained.", ObjectivesAchieved: true, ScopeCovered: true}
	if majors > 0 {
		conclusion.Fulfilment, conclusion.Extent = audit.PartiallyFulfilled, "Major nonconformities were found."
	}
	closing := audit.ClosingMeeting{HeldAt: presented, FindingsPresented: true, ConclusionsPresented: true,
		Attendees: []audit.Attendee{{Name: lead}, {Name: contact, Organization: northwind, Role: "CISO"}}}
	if len(closures) > 0 {
		closing.AgreedFollowUp = "Corrective action plans within a week."
	}
	steps := []timedStep{
		{"establish contact", by(lead, at(time.August, 5, 9)), ismsaudit.With(a.EstablishContact, audit.Contact{Person: contact, EstablishedAt: at(time.August, 5, 9), EstablishedBy: lead})},
		{"decide feasibility", by(lead, at(time.August, 6, 9)), ismsaudit.With(a.DecideFeasibility, audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true,
			DecidedAt: at(time.August, 6, 9), DecidedBy: lead})},
		{"set team", by(lead, at(time.August, 7, 9)), ismsaudit.With(a.SetTeam, []audit.Member{{Auditor: competence.AuditorID(leadID), Name: lead, Role: competence.RoleTeamLeader}})},
		{"prepare", by(lead, day(2025, time.August, 11)), a.Prepare},
		{"draft plan", by(lead, at(time.August, 12, 9)), ismsaudit.With(a.DraftPlan, audit.PlanContent{
			Objectives: []string{"Determine whether access control, vulnerability management and logging conform to ISO/IEC 27001:2022."},
			Scope:      audit.Scope{ISMS: "Development, operation and support of the Northwind Insights analytics service.", Units: []string{"IT Operations"}},
			Criteria:   criteria, Locations: []string{"London office"}, Start: start, End: presented.Add(2 * time.Hour),
			Schedule: []audit.Activity{{Title: "Interviews and record reviews", Location: "London office", Start: start, End: start.Add(79 * time.Hour),
				Auditors: []competence.AuditorID{competence.AuditorID(leadID)}}},
			Methods:          []audit.Method{{Location: audit.OnSite, HumanInteraction: true, Description: "Interviews and record reviews"}},
			SamplingApproach: "Records chosen by judgement, weighted to the highest risks.",
			Assignments:      assigned,
		})},
		{"approve plan", by(lead, at(time.August, 13, 9)), ismsaudit.With(a.ApprovePlan, audit.PlanCheck{})},
		{"communicate plan", by(lead, at(time.August, 14, 9)), a.CommunicatePlan},
		{"hold opening meeting", by(lead, start), ismsaudit.With(a.HoldOpeningMeeting, audit.OpeningMeeting{HeldAt: start, PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true,
			Attendees: []audit.Attendee{{Name: lead}, {Name: contact, Organization: northwind, Role: "CISO"}}})},
		{"end fieldwork", by(lead, at(time.October, 9, 16)), a.EndFieldwork},
		{"draft conclusions", by(lead, at(time.October, 10, 10)), ismsaudit.With(a.DraftConclusion, conclusion)},
		{"agree conclusions", by(lead, at(time.October, 10, 11)), a.AgreeConclusion},
		{"hold closing meeting", by(lead, presented), ismsaudit.With(a.HoldClosingMeeting, closing)},
		{"issue report", by(lead, day(2025, time.October, 14)), a.IssueReport},
		{"distribute report", by(lead, day(2025, time.October, 15)), ismsaudit.With(a.Distribute, []audit.Recipient{
			{Name: "Omar Farouk", Organization: northwind, Clearance: audit.ConfidentialityRestricted}})},
		{"complete", by(lead, day(2025, time.October, 20)), ismsaudit.With(a.Complete, audit.Completion{Records: "The report and evidence log are kept for six years in the GRC tool."})},
	}
	if len(closures) > 0 {
		steps = append(steps, timedStep{"start follow-up", by(lead, day(2025, time.October, 20).Add(time.Hour)), a.StartFollowUp})
	} else {
		steps = append(steps, timedStep{"close", by(lead, day(2025, time.October, 20).Add(time.Hour)), a.Close})
	}
	raised := presented.Add(-30 * time.Hour)
	for _, c := range closures {
		id, ev := audit.FindingID(c.id), ismsaudit.EvidenceID("EV-"+c.id)
		control := annexa.RefToControl(annexa.ControlID(c.control))
		refs := []annexa.Ref{control}
		if c.document != "" {
			refs = append(refs, annexa.RefToDocument(c.document))
		}
		f := audit.Finding{
			ID: id, Kind: audit.Nonconformity, Grade: c.grade, Criteria: refs, Evidence: []ismsaudit.EvidenceID{ev},
			Requirement: "The requirements of A." + c.control + " are met.", Found: "Finding " + c.id + " against A." + c.control + ".",
			Reason: "The control is not operated as the ISMS requires.", RaisedBy: lead, RaisedAt: raised,
		}
		steps = append(steps,
			timedStep{"collect " + string(ev), by(lead, raised.Add(-23*time.Hour)), ismsaudit.With(a.CollectEvidence, audit.Evidence{
				ID: ev, Source: audit.SourceRecord, Description: "Records examined for A." + c.control + ".", Supports: []annexa.Ref{control},
				CollectedBy: lead, CollectedAt: raised.Add(-23 * time.Hour), Confidentiality: audit.ConfidentialityInternal})},
			timedStep{"verify " + string(ev), by(lead, raised.Add(-22*time.Hour)), ismsaudit.With(a.VerifyEvidence, ev)},
			timedStep{"add " + c.id, by(lead, raised), ismsaudit.With(a.AddFinding, f)},
			timedStep{"confirm " + c.id, by(leadID, raised.Add(2*time.Hour)), ismsaudit.With(a.ConfirmFinding, id)},
			timedStep{"acknowledge " + c.id, by(contact, presented.Add(10*time.Minute)), ismsaudit.With(a.AcknowledgeFinding, id)},
			timedStep{"plan action " + c.id, by(contact, presented.Add(time.Hour)), ismsaudit.With2(a.PlanCorrectiveAction, id, audit.CorrectiveActionPlan{
				Correction: "Corrected.", RootCause: "Cause found.", Action: "Action for " + c.id + ".", DueAt: c.due})},
			timedStep{"accept action " + c.id, by(lead, presented.Add(7*24*time.Hour)), ismsaudit.With(a.AcceptCorrectiveAction, id)},
		)
		if c.days > 0 {
			closed := presented.Add(time.Duration(c.days) * 24 * time.Hour)
			check := ismsaudit.EvidenceID("EV-" + c.id + "-CHECK")
			steps = append(steps,
				timedStep{"implement " + c.id, by("Tom Hughes", closed.Add(-48*time.Hour)), ismsaudit.With(a.MarkImplemented, id)},
				timedStep{"collect " + string(check), by(lead, closed.Add(-2*time.Hour)), ismsaudit.With(a.CollectEvidence, audit.Evidence{
					ID: check, Source: audit.SourceRecord, Description: "Records showing the action for " + c.id + " works.", Supports: []annexa.Ref{control},
					CollectedBy: lead, CollectedAt: closed.Add(-2 * time.Hour), Confidentiality: audit.ConfidentialityInternal})},
				timedStep{"verify " + string(check), by(lead, closed.Add(-time.Hour)), ismsaudit.With(a.VerifyEvidence, check)},
				timedStep{"verify action " + c.id, by(leadID, closed), ismsaudit.With2(a.VerifyCorrectiveAction, id, []ismsaudit.EvidenceID{check})},
			)
		}
	}
	runInTimeOrder(t, steps)
	return a
}

// closures are IA-2025-02's nonconformities: six closed after 12 to 96
// days, one still open and not yet due.
var closures = []closure{
	{"P-1", "5.18", audit.Minor, 12, day(2025, time.November, 30), ""},
	{"P-2", "8.8", audit.Major, 26, day(2025, time.November, 15), ""},
	{"P-3", "8.8", audit.Minor, 33, day(2025, time.December, 15), ""},
	{"P-4", "5.15", audit.Minor, 41, day(2025, time.December, 15), ""},
	{"P-5", "8.15", audit.Minor, 58, day(2026, time.January, 31), ""},
	{"P-6", "5.18", audit.Minor, 96, day(2026, time.January, 31), ""},
	{"P-7", "5.30", audit.Minor, 0, day(2026, time.June, 30), ""},
}

// programmeAudits are the programme's audit records.
func programmeAudits(t testing.TB) []*audit.Audit {
	t.Helper()
	return []*audit.Audit{internalAudit(t), fieldworkAudit(t), previousAudit(t, closures)}
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
	p := implementedProgramme(t)
	var controls []annexa.ControlID
	for c := range annexa.Controls() {
		controls = append(controls, c.ID())
	}
	var schedule []programme.ScheduledAudit
	var audits []*audit.Audit
	for i := range n {
		id := ismsaudit.AuditID(fmt.Sprintf("IA-L-%03d", i))
		start := day(2026, time.January, 5).Add(time.Duration(i) * 48 * time.Hour)
		schedule = append(schedule, programme.ScheduledAudit{
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
				c.days = 10 + (i*m+j)%120 // implemented after the plan is accepted, a week after the closing meeting
			}
			cl = append(cl, c)
		}
		audits = append(audits, pastAudit(t, id, cl))
	}
	require.NoError(t, p.ScheduleAudits(schedule...))
	return p, audits
}

// hostileProgrammeReport is the fixture report with hostilePrefix in front of every
// non-empty string of free text and every host id (enumerations and
// catalogue references left alone, as Check refuses invalid ones), and a
// nonconformity against a document whose id is hostile, so that chart
// labels carry it too.
func hostileProgrammeReport(t testing.TB) *ProgrammeReport {
	t.Helper()
	hostile := slices.Clone(closures)
	hostile[0].document = hostilePrefix + "POL-7"
	audits := []*audit.Audit{internalAudit(t), fieldworkAudit(t), previousAudit(t, hostile)}
	r, err := BuildProgrammeReport(northwindProgramme(t), audits, programmeOptions(t))
	require.NoError(t, err)
	prefixStrings(reflect.ValueOf(r).Elem())
	require.NoError(t, r.Check())
	return r
}
