package audit

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tb is what the fixtures need of a test: *testing.T, *testing.B and
// *rapid.T all have it.
type tb interface {
	Helper()
	require.TestingT
}

// t0 is when the fixture audit is created; every step of the fixture
// happens a whole number of hours later (hour).
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// hour returns t0 plus h hours.
func hour(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }

// byLead returns the ismsaudit.Meta of a step at hour h by the team leader.
func byLead(h int) ismsaudit.Meta { return ismsaudit.Meta{At: hour(h), By: "lead"} }

// The fixture's criteria.
var (
	refRisk         = annexa.RefToClause("6.1.2")
	refAudit        = annexa.RefToClause("9.2.2")
	refAccess       = annexa.RefToControl("5.15")
	refVuln         = annexa.RefToControl("8.8")
	refPolicy       = annexa.RefToDocument("access-policy")
	fixtureCriteria = []annexa.Ref{refRisk, refAudit, refAccess, refVuln, refPolicy}
	stageHours      = map[State]int{ // the hour each fixture stage is reached
		StateInitiation: 0, StatePreparation: 10, StateFieldwork: 30, StateFindings: 60, StateClosing: 80,
		StateReported: 90, StateDistributed: 100, StateCompleted: 110, StateFollowUp: 120, StateClosed: 200, StateTerminated: 5,
	}
)

// fixtureTeam is a team leader, an auditor, a technical expert and a guide.
func fixtureTeam() []Member {
	return []Member{
		{Auditor: "lead", Name: "Lena Lead", Role: competence.RoleTeamLeader},
		{Auditor: "ana", Name: "Ana Auditor", Role: competence.RoleAuditor},
		{Auditor: "tex", Name: "Tom Expert", Role: competence.RoleTechnicalExpert},
		{Name: "Gus Guide", Role: competence.RoleGuide, Organization: "Acme"},
	}
}

// fixturePlan is a complete plan for the fixture team, held from
// 2026-03-16 to 2026-03-18.
func fixturePlan() PlanContent {
	day := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	c := PlanContent{
		Objectives: []string{"determine the conformity of the ISMS with ISO/IEC 27001:2022"},
		Scope:      Scope{ISMS: "all information processing of Acme", Units: []string{"IT", "HR"}, Processes: []string{"access management"}},
		Locations:  []string{"Acme HQ"},
		Start:      day(16, 8), End: day(18, 17),
		Schedule: []Activity{
			{Title: "opening meeting", Location: "Acme HQ", Start: day(16, 9), End: day(16, 10), Auditors: []competence.AuditorID{"lead", "ana"}},
			{Title: "risk and audit programme", Location: "Acme HQ", Start: day(16, 10), End: day(16, 17), Auditors: []competence.AuditorID{"lead"}, Criteria: []annexa.Ref{refRisk, refAudit}},
			{Title: "access and vulnerabilities", Location: "Acme HQ", Start: day(17, 9), End: day(17, 17), Auditors: []competence.AuditorID{"ana", "tex"}, Criteria: []annexa.Ref{refAccess, refVuln, refPolicy}},
		},
		Methods: []Method{
			{Location: OnSite, HumanInteraction: true, Description: "interviews with process owners"},
			{Location: Remote, HumanInteraction: false, Description: "review of exported access logs"},
		},
		SamplingApproach: "judgemental samples of joiners and leavers, statistical samples of access reviews",
		Assignments: []Assignment{
			{Criterion: refRisk, Auditor: "lead"},
			{Criterion: refAudit, Auditor: "lead"},
			{Criterion: refAccess, Auditor: "ana"},
			{Criterion: refVuln, Auditor: "ana"},
			{Criterion: refPolicy, Auditor: "ana"},
		},
	}
	for _, r := range fixtureCriteria {
		cr := Criterion{Ref: r}
		if r.Kind == annexa.DocumentRef {
			cr.Title = "Access control policy v3"
		}
		c.Criteria = append(c.Criteria, cr)
	}
	return c
}

// fixtureChecklist is a checklist with one pending item per criterion.
func fixtureChecklist() *annexa.Checklist {
	cl := &annexa.Checklist{Kind: annexa.Internal, Organization: "Acme"}
	for _, r := range fixtureCriteria {
		title := r.Title()
		if title == "" {
			title = "Access control policy v3"
		}
		cl.Items = append(cl.Items, annexa.Item{Ref: r, Title: title, Questions: []string{"is it met?"}, Result: annexa.NotAssessed})
	}
	return cl
}

func openingMeetingAt(h int) OpeningMeeting {
	return OpeningMeeting{HeldAt: hour(h), Attendees: []Attendee{{Name: "Lena Lead", Role: "team leader"}, {Name: "Carl CISO", Organization: "Acme"}},
		PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true}
}

func closingMeetingAt(h int) ClosingMeeting {
	return ClosingMeeting{HeldAt: hour(h), Attendees: []Attendee{{Name: "Lena Lead"}, {Name: "Carl CISO", Organization: "Acme"}},
		FindingsPresented: true, ConclusionsPresented: true, AgreedFollowUp: "corrective action plan within 30 days"}
}

func fixtureRecipients() []Recipient {
	return []Recipient{{Name: "Carl CISO", Organization: "Acme", Clearance: ConfidentialityRestricted}, {Name: "Board", Organization: "Acme", Clearance: ConfidentialityInternal}}
}

func fixtureCompletion() Completion {
	return Completion{Records: "kept for 6 years in the audit archive", LessonsLearned: []string{"book interviews earlier"}}
}

// verifiedEvidence is a verified evidence item collected at hour h.
func verifiedEvidence(id string, h int, supports ...annexa.Ref) Evidence {
	return Evidence{
		ID: ismsaudit.EvidenceID(id), Source: SourceRecord, Description: "access review records " + id, Supports: supports,
		CollectedBy: "ana", CollectedAt: hour(h), Confidentiality: ConfidentialityInternal, State: EvidenceVerified,
		History: []EvidenceEntry{{From: EvidenceCollected, Event: EvidenceVerify, To: EvidenceVerified, At: hour(h), By: "ana"}},
	}
}

// minorNC is a confirmed minor nonconformity raised at hour h.
func minorNC(id string, h int, evidence ismsaudit.EvidenceID) Finding {
	return Finding{
		ID: FindingID(id), Kind: Nonconformity, Grade: Minor, Criteria: []annexa.Ref{refAccess}, Evidence: []ismsaudit.EvidenceID{evidence},
		Area: "IT", Requirement: "access rights are reviewed quarterly", Found: "no review in Q4", Reason: "the quarterly review was skipped",
		RaisedBy: "ana", RaisedAt: hour(h), State: FindingConfirmed,
		History: []FindingEntry{{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed, At: hour(h), By: "lead"}},
	}
}

// agreedConclusion is an agreed conclusion of an internal audit.
func agreedConclusion(h int) *Conclusion {
	return &Conclusion{
		Fulfilment: LargelyFulfilled, Extent: "the criteria are largely met", Effectiveness: "the ISMS is effective",
		ObjectivesAchieved: true, ScopeCovered: true, State: ConclusionAgreed,
		History: []ConclusionEntry{{From: ConclusionDraft, Event: ConclusionAgree, To: ConclusionAgreed, At: hour(h), By: "lead"}},
	}
}

// plannedFollowUp is a follow-up in planning for finding id, created at hour h.
func plannedFollowUp(id string, h int) FollowUp {
	return FollowUp{Finding: FindingID(id), Correction: "review done", RootCause: "no owner", Action: "assign an owner",
		DueAt: hour(h + 24*30), State: FollowUpPlanning, History: []FollowUpEntry{}}
}

// closeFollowUps closes every follow-up not yet closed at hour h (as
// the follow-up operations would), so that the audit may close.
func closeFollowUps(a *Audit, h int) {
	for i := range a.FollowUps {
		u := &a.FollowUps[i]
		if u.State == FollowUpClosed {
			continue
		}
		for _, e := range []FollowUpEvent{FollowUpAcceptPlan, FollowUpImplement, FollowUpVerifyEffective} {
			to, _ := followUpMachine.Next(u.State, e)
			u.History = append(u.History, FollowUpEntry{From: u.State, Event: e, To: to, At: hour(h), By: "lead"})
			u.State = to
		}
		u.VerifiedBy, u.Evidence = "lead", []ismsaudit.EvidenceID{"E-1"}
	}
}

// newFixture starts the fixture audit: an internal audit of Acme.
func newFixture(t tb) *Audit {
	t.Helper()
	a, err := New(NewOptions{ID: "A-2026-01", Kind: annexa.Internal, Client: "Acme board", Auditee: "Acme", Programme: "P-2026"}, byLead(0))
	require.NoError(t, err)
	return a
}

// auditIn walks the fixture audit through the operations up to state
// s; in that state every event the table allows succeeds with the
// fixture's inputs, except that close needs closeFollowUps first. The
// evidence, findings, conclusions and follow-ups it needs are set as
// records, as their own operations would leave them.
func auditIn(t tb, s State) *Audit {
	t.Helper()
	a := newFixture(t)
	step := func(err error) { t.Helper(); require.NoError(t, err) }
	step(a.EstablishContact(Contact{Person: "Carl CISO", EstablishedAt: hour(1), EstablishedBy: "lead"}, byLead(1)))
	step(a.DecideFeasibility(Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: hour(2), DecidedBy: "lead"}, byLead(2)))
	step(a.SetTeam(fixtureTeam(), byLead(3)))
	if s == StateInitiation {
		return a
	}
	if s == StateTerminated {
		step(a.Terminate("the auditee withdrew", byLead(stageHours[StateTerminated])))
		return a
	}
	step(a.Prepare(byLead(10)))
	step(a.DraftPlan(fixturePlan(), byLead(11)))
	step(a.ApprovePlan(byLead(12), nil))
	step(a.CommunicatePlan(byLead(13)))
	step(a.AttachChecklist(fixtureChecklist(), byLead(14)))
	if s == StatePreparation {
		return a
	}
	step(a.HoldOpeningMeeting(openingMeetingAt(30), byLead(30)))
	a.Evidence = append(a.Evidence, verifiedEvidence("E-1", 31, refAccess, refRisk))
	for _, r := range fixtureCriteria {
		step(a.RecordResult(r, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}, byLead(32)))
	}
	step(a.EscalateRisk(EscalatedRisk{ID: "R-1", Description: "admin passwords on a whiteboard", FoundAt: hour(33), FoundBy: "ana",
		EscalatedAt: hour(33), EscalatedTo: "Carl CISO"}, byLead(33)))
	a.Findings = append(a.Findings, minorNC("F-1", 34, "E-1"))
	if s == StateFieldwork {
		return a
	}
	step(a.EndFieldwork(byLead(60)))
	a.Conclusion = agreedConclusion(61)
	if s == StateFindings {
		return a
	}
	step(a.HoldClosingMeeting(closingMeetingAt(80), byLead(80)))
	a.FollowUps = append(a.FollowUps, plannedFollowUp("F-1", 81))
	if s == StateClosing {
		return a
	}
	step(a.IssueReport(byLead(90)))
	if s == StateReported {
		return a
	}
	step(a.Distribute(fixtureRecipients(), byLead(100)))
	if s == StateDistributed {
		return a
	}
	step(a.Complete(fixtureCompletion(), byLead(110)))
	if s == StateCompleted {
		return a
	}
	step(a.StartFollowUp(byLead(120)))
	if s == StateFollowUp {
		return a
	}
	closeFollowUps(a, 150)
	step(a.Close(byLead(200)))
	require.Equal(t, StateClosed, a.State)
	return a
}

// fire fires event e through the operation that fires it, with the
// fixture's valid input for it.
func fire(a *Audit, e Event, m ismsaudit.Meta) error {
	switch e {
	case EventPrepare:
		return a.Prepare(m)
	case EventOpen:
		return a.HoldOpeningMeeting(OpeningMeeting{HeldAt: m.At, Attendees: []Attendee{{Name: "Carl CISO"}}, PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true}, m)
	case EventEndFieldwork:
		return a.EndFieldwork(m)
	case EventHoldClosingMeeting:
		cm := closingMeetingAt(0)
		cm.HeldAt = m.At
		return a.HoldClosingMeeting(cm, m)
	case EventIssueReport:
		return a.IssueReport(m)
	case EventDistribute:
		return a.Distribute(fixtureRecipients(), m)
	case EventComplete:
		return a.Complete(fixtureCompletion(), m)
	case EventStartFollowUp:
		return a.StartFollowUp(m)
	case EventClose:
		return a.Close(m)
	case EventTerminate:
		return a.Terminate("objectives unattainable", m)
	}
	return fmt.Errorf("unknown event %q", e)
}

// firePlanEvent fires plan event e through its operation.
func firePlanEvent(a *Audit, e PlanEvent, m ismsaudit.Meta) error {
	switch e {
	case PlanApprove:
		return a.ApprovePlan(m, nil)
	case PlanCommunicate:
		return a.CommunicatePlan(m)
	case PlanRevise:
		return a.RevisePlan(m)
	}
	return fmt.Errorf("unknown plan event %q", e)
}

// deepCopy returns a deep copy of v: every slice, map and pointer is
// copied, so that changing the original cannot change the copy.
func deepCopy[T any](v T) T {
	src := reflect.ValueOf(&v).Elem()
	dst := reflect.New(src.Type()).Elem()
	copyValue(dst, src)
	return dst.Interface().(T)
}

func copyValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		copyValue(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			copyValue(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		for it := src.MapRange(); it.Next(); {
			v := reflect.New(src.Type().Elem()).Elem()
			copyValue(v, it.Value())
			m.SetMapIndex(it.Key(), v)
		}
		dst.Set(m)
	case reflect.Struct:
		dst.Set(src) // unexported fields (time.Time's) are values or immutable
		for i := range src.NumField() {
			if dst.Field(i).CanSet() {
				copyValue(dst.Field(i), src.Field(i))
			}
		}
	default:
		dst.Set(src)
	}
}

// unchanged asserts that a refused operation left the audit exactly
// as it was (before is a deepCopy taken just before).
func unchanged(t testing.TB, before, after *Audit) {
	t.Helper()
	if diff := cmp.Diff(before, after); diff != "" {
		t.Fatalf("a refused operation changed the audit: mismatch (-want +got):\n%s", diff)
	}
}

// equateEmpty treats nil and empty slices as equal, for JSON round
// trips (omitempty does not keep the difference).
var equateEmpty = cmpopts.EquateEmpty()

// bigAudit builds a closed internal audit with n evidence items and n/5
// findings, every fifth finding a nonconformity whose follow-up is closed
// (every other one after an ineffective verification and a new plan),
// with a statistical and a judgemental sampling plan, sampled items and
// items covering a period, for benchmarks. Bulk records are struct
// literals; the audit moves through its operations. Every field of the
// record's types is set somewhere, so that the JSON benchmark's plain
// mirror decodes the same data. It conforms (Verify returns nil).
func bigAudit(tb tb, n int) *Audit {
	tb.Helper()
	a := auditIn(tb, StateFieldwork)
	step := func(err error) { tb.Helper(); require.NoError(tb, err) }
	step(a.AddSamplingPlan(SamplingPlan{ID: "S-1", Purpose: "access reviews done each quarter", Population: Population{Size: 400},
		Frame: "access review tickets of 2025", Method: Statistical, Size: 25, Exclusions: []string{"17"}, Seed: 2026,
		Rationale: "25 of 399 for a quarterly control with no exception expected"}, byLead(35)))
	step(a.DrawSample("S-1", byLead(35)))
	step(a.AddSamplingPlan(SamplingPlan{ID: "S-2", Purpose: "privileged accounts", Population: Population{Items: []string{"root", "admin", "backup", "deploy"}},
		Frame: "directory export", Method: Judgemental, Size: 2, Rationale: "the two widest accounts"}, byLead(35)))
	step(a.RecordSelection("S-2", []string{"root", "admin"}, byLead(35)))
	a.Evidence = a.Evidence[:0]
	a.Findings = a.Findings[:0]
	for i := range n {
		e := verifiedEvidence(fmt.Sprintf("E-%d", i+1), 31, fixtureCriteria[i%len(fixtureCriteria)])
		e.Digest = fmt.Sprintf("%064x", i)
		if i%3 == 0 {
			e.Covers = &Period{From: hour(-24 * 365), To: hour(-1)}
		}
		if i%10 == 0 {
			e.Sampling = &SampleRecord{Plan: "S-1", Population: "access review tickets of 2025", PopulationSize: 400, SampleSize: 25, Method: Statistical}
		}
		a.Evidence = append(a.Evidence, e)
	}
	for i := range n / 5 {
		id := fmt.Sprintf("F-%d", i+1)
		var f Finding
		if i%5 == 0 {
			f = minorNC(id, 40, ismsaudit.EvidenceID(fmt.Sprintf("E-%d", i+1)))
		} else {
			f = Finding{ID: FindingID(id), Kind: Conformity, Criteria: []annexa.Ref{fixtureCriteria[i%len(fixtureCriteria)]},
				Evidence: []ismsaudit.EvidenceID{ismsaudit.EvidenceID(fmt.Sprintf("E-%d", i+1))}, Found: "the requirement is met",
				RaisedBy: "ana", RaisedAt: hour(40), State: FindingConfirmed,
				History: []FindingEntry{{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed, At: hour(40), By: "lead"}}}
		}
		a.Findings = append(a.Findings, f)
	}
	m := byLead
	step(a.EndFieldwork(m(60)))
	a.Conclusion = agreedConclusion(61)
	a.Conclusion.ObjectivesNote = "every objective of the plan was achieved"
	step(a.HoldClosingMeeting(closingMeetingAt(80), m(80)))
	step(a.IssueReport(m(90)))
	step(a.Distribute(fixtureRecipients(), m(100)))
	step(a.Complete(fixtureCompletion(), m(110)))
	step(a.StartFollowUp(m(120)))
	for i := range a.Findings {
		if a.Findings[i].Kind == Nonconformity {
			a.FollowUps = append(a.FollowUps, bigFollowUp(a.Findings[i].ID, len(a.FollowUps)%2 == 1))
		}
	}
	step(a.Close(m(200)))
	return a
}

// bigFollowUp is a closed follow-up of nonconformity id, as the
// follow-up operations leave it: planned at hour 81, accepted,
// implemented and verified effective; when replanned, its first action is
// found ineffective and replaced by a second plan first.
func bigFollowUp(id FindingID, replanned bool) FollowUp {
	first := CorrectiveActionPlan{Correction: "review done", RootCause: "no owner", Action: "assign an owner", DueAt: hour(81 + 24*30)}
	u := FollowUp{Finding: id, Correction: first.Correction, RootCause: first.RootCause, Action: first.Action, DueAt: first.DueAt,
		PlannedAt: hour(81), PlannedBy: "carl", State: FollowUpPlanning, History: []FollowUpEntry{}}
	fire := func(e FollowUpEvent, h int, by, reason string) {
		to, _ := followUpMachine.Next(u.State, e)
		u.History = append(u.History, FollowUpEntry{From: u.State, Event: e, To: to, At: hour(h), By: by, Reason: reason})
		u.State = to
		if e == FollowUpVerifyEffective || e == FollowUpVerifyIneffective {
			u.Verifications = append(u.Verifications, Verification{At: hour(h), By: by, Effective: e == FollowUpVerifyEffective, Evidence: []ismsaudit.EvidenceID{"E-1"}, Reason: reason})
		}
	}
	fire(FollowUpAcceptPlan, 125, "lead", "")
	fire(FollowUpImplement, 130, "carl", "")
	if replanned {
		fire(FollowUpVerifyIneffective, 135, "lead", "two reviews are still missing")
		u.EarlierPlans = []CorrectiveActionRecord{{Plan: first, RecordedAt: u.PlannedAt, RecordedBy: u.PlannedBy}}
		u.Action, u.PlannedAt = "assign an owner and a deputy", hour(136)
		fire(FollowUpAcceptPlan, 137, "lead", "")
		fire(FollowUpImplement, 140, "carl", "")
	}
	fire(FollowUpVerifyEffective, 150, "lead", "")
	u.VerifiedBy, u.Evidence = "lead", []ismsaudit.EvidenceID{"E-1"}
	return u
}

// problem is one problem a *ismsaudit.ValidationError must list.
type problem struct {
	path string
	rule ismsaudit.RuleID
}

// requireInvalid asserts that err is a *ismsaudit.ValidationError listing every
// wanted problem.
func requireInvalid(t *testing.T, err error, want ...problem) {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, w := range want {
		assert.True(t, ve.Has(w.path, w.rule), "want %s at %q in %v", w.rule, w.path, ve.Fields)
	}
}

// requireWrongState asserts that err refuses an operation the audit's
// (or the plan's) state does not allow, citing rule.
func requireWrongState(t *testing.T, err error, rule ismsaudit.RuleID) {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrTransition)
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, ismsaudit.ReasonWrongState, te.Reason)
	assert.Equal(t, rule, te.Rule)
}

// march returns 2026-03-<day> <hour>:00 UTC.
func march(day, hour int) time.Time { return time.Date(2026, time.March, day, hour, 0, 0, 0, time.UTC) }

// marchMeta is a ismsaudit.Meta at march(day, hour) by the lead auditor.
func marchMeta(day, hour int) ismsaudit.Meta { return ismsaudit.Meta{At: march(day, hour), By: "lead"} }

// The plan's criteria.
var (
	itemClause    = annexa.RefToClause("9.2.1")
	itemControl   = annexa.RefToControl("5.15")
	itemControl2  = annexa.RefToControl("8.5")
	itemPolicy    = annexa.RefToDocument("access-policy")
	itemNotInPlan = annexa.RefToControl("7.1")
)

// evidenceAudit returns an audit in the given state with an approved,
// communicated plan over four criteria, a statistical and a judgemental
// sampling plan, and an empty evidence log.
func evidenceAudit(state State) *Audit {
	return &Audit{
		ID: "A-1", Kind: annexa.Internal, Client: "Board", Auditee: "Acme", CreatedAt: march(1, 9), CreatedBy: "lead",
		State: state,
		History: []Entry{
			{From: StateInitiation, Event: EventPrepare, To: StatePreparation, At: march(2, 9), By: "lead"},
			{From: StatePreparation, Event: EventOpen, To: StateFieldwork, At: march(10, 9), By: "lead"},
		},
		Plan: &Plan{
			State: PlanCommunicated,
			Content: PlanContent{
				Objectives: []string{"conformity of access control"},
				Criteria:   []Criterion{{Ref: itemClause}, {Ref: itemControl}, {Ref: itemControl2}, {Ref: itemPolicy, Title: "Access policy"}},
			},
			History: []PlanEntry{
				{From: PlanDraft, Event: PlanApprove, To: PlanApproved, At: march(5, 9), By: "lead"},
				{From: PlanApproved, Event: PlanCommunicate, To: PlanCommunicated, At: march(6, 9), By: "lead"},
			},
		},
		Sampling: []SamplingPlan{
			statisticalPlan("S-1"),
			{
				ID: "S-2", Purpose: "privileged accounts reviewed", Population: Population{Items: []string{"root", "admin", "backup", "deploy"}},
				Frame: "directory export of 2026-03-01", Method: Judgemental, Size: 2, Rationale: "the two accounts with the widest rights",
			},
		},
	}
}

// statisticalPlan is a statistical plan over twenty leavers, one excluded.
func statisticalPlan(id SamplingPlanID) SamplingPlan {
	items := make([]string, 20)
	for i := range items {
		items[i] = fmt.Sprintf("leaver-%02d", i+1)
	}
	return SamplingPlan{
		ID: id, Purpose: "leavers' access removed", Population: Population{Items: items},
		Frame: "HR leavers list, 2025", Method: Statistical, Size: 5, Exclusions: []string{"leaver-07"}, Seed: 42,
		Rationale: "five of nineteen, per the programme's sampling table; leaver-07 is still in notice",
	}
}

// newItem is a valid evidence item for CollectEvidence.
func newItem(id ismsaudit.EvidenceID) Evidence {
	return Evidence{
		ID: id, Source: SourceRecord, Description: "access removal tickets for leavers",
		Supports:    []annexa.Ref{itemControl},
		CollectedBy: "auditor-1", CollectedAt: march(11, 10),
		Covers:          &Period{From: march(1, 0).AddDate(-1, 0, 0), To: march(1, 0)},
		Sampling:        &SampleRecord{Plan: "S-1", Population: "leavers 2025", PopulationSize: 20, SampleSize: 5, Method: Statistical},
		Confidentiality: ConfidentialityInternal,
		Digest:          DigestOf([]byte("tickets.csv")),
	}
}

// loggedItem is the item as the log keeps it after CollectEvidence, moved
// along the events given (each an hour apart from 12:00 on March 11).
func loggedItem(id ismsaudit.EvidenceID, events ...EvidenceEvent) Evidence {
	e := newItem(id)
	e.State = EvidenceCollected
	e.History = []EvidenceEntry{}
	for i, ev := range events {
		to, ok := evidenceMachine.Next(e.State, ev)
		if !ok {
			panic(fmt.Sprintf("loggedItem: no transition (%s, %s)", e.State, ev))
		}
		reason := ""
		if ev == EvidenceReject {
			reason = "unreadable export"
		}
		e.History = append(e.History, EvidenceEntry{From: e.State, Event: ev, To: to, At: march(11, 12+i), By: "lead", Reason: reason})
		e.State = to
	}
	return e
}

// itemIn returns a logged item whose history leads to state s (a
// superseded item needs a successor in the log: see auditWithItem).
func itemIn(id ismsaudit.EvidenceID, s EvidenceState) Evidence {
	switch s {
	case EvidenceVerified:
		return loggedItem(id, EvidenceVerify)
	case EvidenceRejected:
		return loggedItem(id, EvidenceReject)
	case EvidenceSuperseded:
		return loggedItem(id, EvidenceVerify, EvidenceSupersede)
	}
	return loggedItem(id)
}

// auditWithItem returns an audit in fieldwork whose log holds E-1 in state s
// (and, when s is superseded, its correcting item E-1b).
func auditWithItem(s EvidenceState) *Audit {
	a := evidenceAudit(StateFieldwork)
	a.Evidence = []Evidence{itemIn("E-1", s)}
	if s == EvidenceSuperseded {
		next := loggedItem("E-1b")
		next.Supersedes = "E-1"
		a.Evidence = append(a.Evidence, next)
	}
	return a
}

// requireProblems asserts err is a *ismsaudit.ValidationError holding (path, rule)
// for every pair given, and returns it.
func requireProblems(t *testing.T, err error, pathRules ...[2]string) *ismsaudit.ValidationError {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, pr := range pathRules {
		require.Truef(t, ve.Has(pr[0], ismsaudit.RuleID(pr[1])), "want a problem %s at %q; got %v", pr[1], pr[0], ve.Fields)
	}
	return ve
}

// requireRefused asserts err is a *ismsaudit.TransitionError with the given
// reason and rule ("" for none), and returns it.
func requireRefused(t *testing.T, err error, reason ismsaudit.Reason, rule ismsaudit.RuleID) *ismsaudit.TransitionError {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrTransition)
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	require.Equal(t, reason, te.Reason, "reason of %v", err)
	require.Equal(t, rule, te.Rule, "rule of %v", err)
	return te
}

// evidenceViolations runs the evidence part of Verify (evidence, sampling and
// seal) on a and returns its violations; the other areas' checks are left
// out so that the tests see only what these report.
func evidenceViolations(a *Audit) []ismsaudit.FieldError {
	v := newVerifier(a, nil)
	v.verifyEvidence()
	v.verifySeal()
	var ve *ismsaudit.ValidationError
	if errors.As(v.ch.err(), &ve) {
		return ve.Fields
	}
	return nil
}

// hasViolation reports whether some violation has the path and rule.
func hasViolation(fields []ismsaudit.FieldError, path string, rule ismsaudit.RuleID) bool {
	for _, f := range fields {
		if f.Path == path && f.Rule == rule {
			return true
		}
	}
	return false
}

// Times of the fixture audit, a stage 2 audit in March 2026.
var (
	prepareAt          = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	openAt             = time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
	collectedAt        = time.Date(2026, 3, 9, 11, 0, 0, 0, time.UTC)
	raisedAt           = time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	endFieldworkAt     = time.Date(2026, 3, 11, 9, 0, 0, 0, time.UTC)
	confirmAt          = time.Date(2026, 3, 11, 10, 0, 0, 0, time.UTC)
	agreeAt            = time.Date(2026, 3, 11, 14, 0, 0, 0, time.UTC)
	closingAt          = time.Date(2026, 3, 11, 16, 0, 0, 0, time.UTC)
	responseAt         = time.Date(2026, 3, 11, 17, 0, 0, 0, time.UTC)
	resolveAt          = time.Date(2026, 3, 12, 10, 0, 0, 0, time.UTC)
	reportAt           = time.Date(2026, 3, 18, 9, 0, 0, 0, time.UTC)
	distributeAt       = time.Date(2026, 3, 19, 9, 0, 0, 0, time.UTC)
	plannedAt          = time.Date(2026, 3, 19, 12, 0, 0, 0, time.UTC)
	completeAt         = time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC)
	startFollowUpAt    = time.Date(2026, 3, 21, 9, 0, 0, 0, time.UTC)
	acceptAt           = time.Date(2026, 3, 23, 9, 0, 0, 0, time.UTC)
	implementAt        = time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)
	followUpEvidenceAt = time.Date(2026, 4, 20, 9, 0, 0, 0, time.UTC)
	verifyAt           = time.Date(2026, 4, 20, 15, 0, 0, 0, time.UTC)
	dueAt              = time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC)
	closeAt            = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
)

// Criteria of the fixture plan, and one valid reference outside it.
var (
	clause92    = annexa.RefToClause("9.2")
	controlA51  = annexa.RefToControl("5.1")
	controlA815 = annexa.RefToControl("8.15")
	policyRef   = annexa.RefToDocument("access-policy")
	notPlanned  = annexa.RefToControl("7.4")
)

// Team ids.
const (
	leadID     = "lead-1"
	auditorID  = "aud-2"
	expertID   = "exp-3"
	outsiderID = "someone-else"
)

func metaAt(at time.Time, by string) ismsaudit.Meta { return ismsaudit.Meta{At: at, By: by} }

// historyOf builds the entries of events fired one after the other from
// the machine's initial state, at the given times.
func historyOf[S, E ~string, T any](t tb, m *fsm.Machine[S, E, T], events []E, at []time.Time, by string) []ismsaudit.Entry[S, E] {
	t.Helper()
	h := []ismsaudit.Entry[S, E]{}
	state := m.Initial()
	for i, e := range events {
		to, ok := m.Next(state, e)
		require.True(t, ok, "fixture: no transition (%s, %s) in %s", state, e, m.Name())
		h = append(h, ismsaudit.Entry[S, E]{From: state, Event: e, To: to, At: at[i], By: by})
		state = to
	}
	return h
}

// auditPath is the audit lifecycle's path to each state, with times.
var auditPath = []struct {
	event Event
	at    time.Time
}{
	{EventPrepare, prepareAt}, {EventOpen, openAt}, {EventEndFieldwork, endFieldworkAt},
	{EventHoldClosingMeeting, closingAt}, {EventIssueReport, reportAt}, {EventDistribute, distributeAt},
	{EventComplete, completeAt}, {EventStartFollowUp, startFollowUpAt}, {EventClose, closeAt},
}

// auditHistory returns the audit history that leads to state
// (terminated: from fieldwork).
func auditHistory(t tb, state State) []Entry {
	t.Helper()
	var events []Event
	var times []time.Time
	if state == StateTerminated {
		events = []Event{EventPrepare, EventOpen, EventTerminate}
		times = []time.Time{prepareAt, openAt, endFieldworkAt}
		return historyOf(t, auditMachine, events, times, leadID)
	}
	cur := StateInitiation
	for _, step := range auditPath {
		if cur == state {
			break
		}
		events = append(events, step.event)
		times = append(times, step.at)
		cur, _ = auditMachine.Next(cur, step.event)
	}
	require.Equal(t, state, cur, "fixture: state %s not on the main path", state)
	return historyOf(t, auditMachine, events, times, leadID)
}

// evidenceIn returns an evidence item in the given state with a history
// that leads there.
func evidenceIn(t tb, id ismsaudit.EvidenceID, state EvidenceState, at time.Time) Evidence {
	t.Helper()
	var events []EvidenceEvent
	switch state {
	case EvidenceVerified:
		events = []EvidenceEvent{EvidenceVerify}
	case EvidenceRejected:
		events = []EvidenceEvent{EvidenceReject}
	case EvidenceSuperseded:
		events = []EvidenceEvent{EvidenceVerify, EvidenceSupersede}
	}
	times := make([]time.Time, len(events))
	for i := range times {
		times[i] = at.Add(time.Duration(i+1) * time.Minute)
	}
	h := historyOf(t, evidenceMachine, events, times, auditorID)
	for i := range h {
		if h[i].Event == EvidenceReject {
			h[i].Reason = "the screenshot cannot be traced to the system"
		}
	}
	return Evidence{
		ID: id, Source: SourceRecord, Description: "record " + string(id), Supports: []annexa.Ref{controlA815},
		CollectedBy: auditorID, CollectedAt: at, Confidentiality: ConfidentialityInternal,
		State: state, History: h,
	}
}

// stage2Audit returns a stage 2 audit in the given state with a communicated
// plan (criteria: clause 9.2, A.5.1, A.8.15, the access policy), a team
// and evidence E-1, E-2 (verified), E-3 (collected), E-4 (rejected), E-5
// (superseded) and E-6 (verified, correcting E-5). It has no findings,
// conclusions or follow-ups.
func stage2Audit(t tb, state State) *Audit {
	t.Helper()
	e5 := evidenceIn(t, "E-5", EvidenceSuperseded, collectedAt)
	e6 := evidenceIn(t, "E-6", EvidenceVerified, collectedAt.Add(time.Hour))
	e6.Supersedes = "E-5"
	return &Audit{
		ID: "A-2026-07", Kind: annexa.Stage2, Client: "Certification body", Auditee: "Example Ltd",
		CreatedAt: prepareAt.Add(-time.Hour), CreatedBy: leadID,
		State: state, History: auditHistory(t, state),
		Team: []Member{
			{Auditor: leadID, Name: "Lena Lead", Role: competence.RoleTeamLeader},
			{Auditor: auditorID, Name: "Ari Auditor", Role: competence.RoleAuditor},
			{Auditor: expertID, Name: "Tex Expert", Role: competence.RoleTechnicalExpert},
			{Name: "Gus Guide", Role: competence.RoleGuide, Organization: "Example Ltd"},
		},
		Plan: &Plan{
			State: PlanCommunicated,
			Content: PlanContent{
				Objectives: []string{"confirm the ISMS conforms to ISO/IEC 27001:2022"},
				Criteria:   []Criterion{{Ref: clause92}, {Ref: controlA51}, {Ref: controlA815}, {Ref: policyRef, Title: "Access policy"}},
				Locations:  []string{"Head office"},
				Start:      openAt, End: closingAt,
			},
			History: historyOf(t, planMachine, []PlanEvent{PlanApprove, PlanCommunicate}, []time.Time{prepareAt.Add(time.Hour), prepareAt.Add(2 * time.Hour)}, leadID),
		},
		Evidence: []Evidence{
			evidenceIn(t, "E-1", EvidenceVerified, collectedAt),
			evidenceIn(t, "E-2", EvidenceVerified, collectedAt),
			evidenceIn(t, "E-3", EvidenceCollected, collectedAt),
			evidenceIn(t, "E-4", EvidenceRejected, collectedAt),
			e5, e6,
		},
	}
}

// nonconformity returns a nonconformity as a host would add it.
func nonconformity(id FindingID, g Grade, ref annexa.Ref, evidence ...ismsaudit.EvidenceID) Finding {
	return Finding{
		ID: id, Kind: Nonconformity, Grade: g, Criteria: []annexa.Ref{ref}, Evidence: evidence,
		Area:        "IT operations",
		Requirement: "event logs are produced, kept and reviewed",
		Found:       "logs of the payment servers are kept for 7 days",
		Reason:      "the logging standard asks for 90 days",
		RaisedBy:    auditorID, RaisedAt: raisedAt,
	}
}

// observation returns an observation as a host would add it.
func observation(id FindingID, ref annexa.Ref) Finding {
	return Finding{
		ID: id, Kind: Observation, Criteria: []annexa.Ref{ref}, Found: "the policy review is due next month",
		RaisedBy: auditorID, RaisedAt: raisedAt,
	}
}

// findingEvents are the events that lead a finding to each state.
var findingEvents = map[FindingState][]FindingEvent{
	FindingDraft:        nil,
	FindingConfirmed:    {FindingConfirm},
	FindingPresented:    {FindingConfirm, FindingPresent},
	FindingAcknowledged: {FindingConfirm, FindingPresent, FindingAcknowledge},
	FindingDisputed:     {FindingConfirm, FindingPresent, FindingDispute},
	FindingResolved:     {FindingConfirm, FindingPresent, FindingDispute, FindingResolve},
	FindingWithdrawn:    {FindingWithdraw},
}

var findingEventAt = map[FindingEvent]time.Time{
	FindingConfirm: confirmAt, FindingPresent: closingAt, FindingAcknowledge: responseAt,
	FindingDispute: responseAt, FindingResolve: resolveAt, FindingWithdraw: confirmAt,
}

// findingIn puts f in state s as the library would have: state, history
// and the texts a dispute records.
func findingIn(t tb, f Finding, s FindingState) Finding {
	t.Helper()
	events := findingEvents[s]
	times := make([]time.Time, len(events))
	for i, e := range events {
		times[i] = findingEventAt[e]
	}
	f.History = historyOf(t, findingMachine, events, times, leadID)
	for i := range f.History {
		switch f.History[i].Event {
		case FindingWithdraw:
			f.History[i].Reason = "duplicate of another finding"
		case FindingDispute:
			f.DivergingOpinion = "the retention period is set by the payment provider"
		case FindingResolve:
			f.Resolution = "the auditee accepts the 90-day requirement"
		}
	}
	f.State = s
	return f
}

// conclusionIn returns complete conclusions for the fixture audit with
// the given recommendation, in state s.
func conclusionIn(t tb, rec Recommendation, s ConclusionState) *Conclusion {
	t.Helper()
	if s == ConclusionDraft {
		rec = "" // a draft carries none: agreement derives it
	}
	var events []ConclusionEvent
	var times []time.Time
	switch s {
	case ConclusionAgreed:
		events, times = []ConclusionEvent{ConclusionAgree}, []time.Time{agreeAt}
	case ConclusionPresented:
		events, times = []ConclusionEvent{ConclusionAgree, ConclusionPresent}, []time.Time{agreeAt, closingAt}
	}
	return &Conclusion{
		Fulfilment: LargelyFulfilled, Extent: "the criteria are met apart from log retention and internal audit coverage",
		Effectiveness: "the ISMS is implemented and maintained; improvement is under way", ObjectivesAchieved: true,
		ScopeCovered: true, Recommendation: rec, State: s,
		History: historyOf(t, conclusionMachine, events, times, leadID),
	}
}

// followUpIn returns the follow-up of finding in state s, with a complete
// plan and, when closed, an effective verification citing E-7.
func followUpIn(t tb, finding FindingID, s FollowUpState) FollowUp {
	t.Helper()
	var events []FollowUpEvent
	var times []time.Time
	switch s {
	case FollowUpAccepted:
		events, times = []FollowUpEvent{FollowUpAcceptPlan}, []time.Time{acceptAt}
	case FollowUpImplemented:
		events, times = []FollowUpEvent{FollowUpAcceptPlan, FollowUpImplement}, []time.Time{acceptAt, implementAt}
	case FollowUpClosed:
		events = []FollowUpEvent{FollowUpAcceptPlan, FollowUpImplement, FollowUpVerifyEffective}
		times = []time.Time{acceptAt, implementAt, verifyAt}
	}
	u := FollowUp{
		Finding: finding, Correction: "retention raised to 90 days on the payment servers",
		RootCause: "the logging standard was not applied to servers built from the old image",
		Action:    "server images carry the logging standard; builds are checked against it",
		DueAt:     dueAt, PlannedAt: plannedAt, PlannedBy: "auditee-ciso",
		State: s, History: historyOf(t, followUpMachine, events, times, leadID),
	}
	if s == FollowUpClosed {
		u.Verifications = []Verification{{At: verifyAt, By: leadID, Effective: true, Evidence: []ismsaudit.EvidenceID{"E-7"}}}
		u.VerifiedBy, u.Evidence = leadID, []ismsaudit.EvidenceID{"E-7"}
	}
	return u
}

// recordIn returns a whole, conforming record of the fixture audit in the
// given state: a major nonconformity F-1 (A.8.15, E-1), a minor one F-2
// (clause 9.2, E-2), an observation F-3 (A.5.1) and a withdrawn draft F-4;
// conclusions and follow-ups as far as the state allows. From completed
// on, the follow-ups are closed, verified with evidence E-7 collected in
// follow-up.
func recordIn(t tb, state State) *Audit {
	t.Helper()
	a := stage2Audit(t, state)
	stage := stageOf(state)
	if stage == stageBefore {
		return a
	}
	fs := FindingDraft
	switch {
	case state == StateFindings:
		fs = FindingConfirmed
	case stage == stagePresented:
		fs = FindingAcknowledged
	}
	a.Findings = []Finding{
		findingIn(t, nonconformity("F-1", Major, controlA815, "E-1"), fs),
		findingIn(t, nonconformity("F-2", Minor, clause92, "E-2"), fs),
		findingIn(t, observation("F-3", controlA51), fs),
		findingIn(t, observation("F-4", controlA51), FindingWithdrawn),
	}
	switch {
	case state == StateFindings:
		a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionAgreed)
	case stage == stagePresented:
		a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionPresented)
	}
	switch state {
	case StateCompleted, StateFollowUp, StateClosed:
		e7 := evidenceIn(t, "E-7", EvidenceVerified, followUpEvidenceAt)
		a.Evidence = append(a.Evidence, e7)
		a.FollowUps = []FollowUp{followUpIn(t, "F-1", FollowUpClosed), followUpIn(t, "F-2", FollowUpClosed)}
	case StateReported, StateDistributed:
		a.FollowUps = []FollowUp{followUpIn(t, "F-1", FollowUpAccepted)}
	}
	return a
}

// isPrefix reports whether long starts with short (an append-only log
// kept: nothing removed, rewritten or reordered).
func isPrefix[E any](short, long []E) bool {
	return len(long) >= len(short) && cmp.Equal(short, long[:len(short)], cmpopts.EquateEmpty())
}

// quickDiff is cmp.Diff(want, got) for the rapid tests, which compare
// whole records after every step: it looks first with reflect.DeepEqual,
// which is exact for a record and its deepCopy, and only runs cmp for the
// report.
func quickDiff(want, got *Audit) string {
	if reflect.DeepEqual(want, got) {
		return ""
	}
	return cmp.Diff(want, got)
}

// refuses runs op, requires it to fail, and requires a to be exactly as
// it was before. It returns the error.
func refuses(t *testing.T, a *Audit, op func() error) error {
	t.Helper()
	before := deepCopy(a)
	err := op()
	require.Error(t, err)
	if diff := cmp.Diff(before, a); diff != "" {
		t.Fatalf("a refused operation changed the record: mismatch (-want +got):\n%s", diff)
	}
	return err
}

// transitionRule returns the rule a *ismsaudit.TransitionError cites and its
// reason; it fails the test for any other error.
func transitionRule(t *testing.T, err error) (rule ismsaudit.RuleID, reason ismsaudit.Reason) {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrTransition)
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	return te.Rule, te.Reason
}

// validationError returns the *ismsaudit.ValidationError err must be.
func validationError(t *testing.T, err error) *ismsaudit.ValidationError {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	return ve
}

// findingsViolations runs the findings' checks of Verify (findings, conclusions,
// follow-ups) alone, so that tests see exactly what they report, and
// returns the violations as "path rule" strings, sorted.
func findingsViolations(a *Audit, opts *VerifyOptions) []string {
	v := newVerifier(a, opts)
	v.verifyFindings()
	v.verifyConclusion()
	v.verifyFollowUps()
	var ve *ismsaudit.ValidationError
	if !errors.As(v.ch.err(), &ve) {
		return nil
	}
	out := make([]string, len(ve.Fields))
	for i, f := range ve.Fields {
		out[i] = f.Path + " " + string(f.Rule)
	}
	slices.Sort(out)
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
