package audit

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
)

// coreTB is what the fixtures need of a test: *testing.T, *testing.B and
// *rapid.T all have it.
type coreTB interface {
	Helper()
	require.TestingT
}

// coreT0 is when the fixture audit is created; every step of the fixture
// happens a whole number of hours later (coreAt).
var coreT0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// coreAt returns coreT0 plus h hours.
func coreAt(h int) time.Time { return coreT0.Add(time.Duration(h) * time.Hour) }

// coreM returns the ismsaudit.Meta of a step at hour h by the team leader.
func coreM(h int) ismsaudit.Meta { return ismsaudit.Meta{At: coreAt(h), By: "lead"} }

// The fixture's criteria.
var (
	coreRefRisk    = annexa.RefToClause("6.1.2")
	coreRefAudit   = annexa.RefToClause("9.2.2")
	coreRefAccess  = annexa.RefToControl("5.15")
	coreRefVuln    = annexa.RefToControl("8.8")
	coreRefPolicy  = annexa.RefToDocument("access-policy")
	coreCriteria   = []annexa.Ref{coreRefRisk, coreRefAudit, coreRefAccess, coreRefVuln, coreRefPolicy}
	coreTimeStages = map[State]int{ // the hour each fixture stage is reached
		StateInitiation: 0, StatePreparation: 10, StateFieldwork: 30, StateFindings: 60, StateClosing: 80,
		StateReported: 90, StateDistributed: 100, StateCompleted: 110, StateFollowUp: 120, StateClosed: 200, StateTerminated: 5,
	}
)

// coreTeam is a team leader, an auditor, a technical expert and a guide.
func coreTeam() []Member {
	return []Member{
		{Auditor: "lead", Name: "Lena Lead", Role: competence.RoleTeamLeader},
		{Auditor: "ana", Name: "Ana Auditor", Role: competence.RoleAuditor},
		{Auditor: "tex", Name: "Tom Expert", Role: competence.RoleTechnicalExpert},
		{Name: "Gus Guide", Role: competence.RoleGuide, Organization: "Acme"},
	}
}

// corePlanContent is a complete plan for the fixture team, held from
// 2026-03-16 to 2026-03-18.
func corePlanContent() PlanContent {
	day := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	c := PlanContent{
		Objectives: []string{"determine the conformity of the ISMS with ISO/IEC 27001:2022"},
		Scope:      Scope{ISMS: "all information processing of Acme", Units: []string{"IT", "HR"}, Processes: []string{"access management"}},
		Locations:  []string{"Acme HQ"},
		Start:      day(16, 8), End: day(18, 17),
		Schedule: []Activity{
			{Title: "opening meeting", Location: "Acme HQ", Start: day(16, 9), End: day(16, 10), Auditors: []competence.AuditorID{"lead", "ana"}},
			{Title: "risk and audit programme", Location: "Acme HQ", Start: day(16, 10), End: day(16, 17), Auditors: []competence.AuditorID{"lead"}, Criteria: []annexa.Ref{coreRefRisk, coreRefAudit}},
			{Title: "access and vulnerabilities", Location: "Acme HQ", Start: day(17, 9), End: day(17, 17), Auditors: []competence.AuditorID{"ana", "tex"}, Criteria: []annexa.Ref{coreRefAccess, coreRefVuln, coreRefPolicy}},
		},
		Methods: []Method{
			{Location: OnSite, HumanInteraction: true, Description: "interviews with process owners"},
			{Location: Remote, HumanInteraction: false, Description: "review of exported access logs"},
		},
		SamplingApproach: "judgemental samples of joiners and leavers, statistical samples of access reviews",
		Assignments: []Assignment{
			{Criterion: coreRefRisk, Auditor: "lead"},
			{Criterion: coreRefAudit, Auditor: "lead"},
			{Criterion: coreRefAccess, Auditor: "ana"},
			{Criterion: coreRefVuln, Auditor: "ana"},
			{Criterion: coreRefPolicy, Auditor: "ana"},
		},
	}
	for _, r := range coreCriteria {
		cr := Criterion{Ref: r}
		if r.Kind == annexa.DocumentRef {
			cr.Title = "Access control policy v3"
		}
		c.Criteria = append(c.Criteria, cr)
	}
	return c
}

// coreChecklist is a checklist with one pending item per criterion.
func coreChecklist() *annexa.Checklist {
	cl := &annexa.Checklist{Kind: annexa.Internal, Organization: "Acme"}
	for _, r := range coreCriteria {
		title := r.Title()
		if title == "" {
			title = "Access control policy v3"
		}
		cl.Items = append(cl.Items, annexa.Item{Ref: r, Title: title, Questions: []string{"is it met?"}, Result: annexa.NotAssessed})
	}
	return cl
}

func coreOpening(h int) OpeningMeeting {
	return OpeningMeeting{At: coreAt(h), Attendees: []Attendee{{Name: "Lena Lead", Role: "team leader"}, {Name: "Carl CISO", Organization: "Acme"}},
		PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true}
}

func coreClosing(h int) ClosingMeeting {
	return ClosingMeeting{At: coreAt(h), Attendees: []Attendee{{Name: "Lena Lead"}, {Name: "Carl CISO", Organization: "Acme"}},
		FindingsPresented: true, ConclusionsPresented: true, AgreedFollowUp: "corrective action plan within 30 days"}
}

func coreRecipients() []Recipient {
	return []Recipient{{Name: "Carl CISO", Organization: "Acme", Clearance: ConfidentialityRestricted}, {Name: "Board", Organization: "Acme", Clearance: ConfidentialityInternal}}
}

func coreCompletion() Completion {
	return Completion{Records: "kept for 6 years in the audit archive", LessonsLearned: []string{"book interviews earlier"}}
}

// coreEvidence is a verified evidence item collected at hour h.
func coreEvidence(id string, h int, supports ...annexa.Ref) Evidence {
	return Evidence{
		ID: ismsaudit.EvidenceID(id), Source: SourceRecord, Description: "access review records " + id, Supports: supports,
		CollectedBy: "ana", CollectedAt: coreAt(h), Confidentiality: ConfidentialityInternal, State: EvidenceVerified,
		History: []EvidenceEntry{{From: EvidenceCollected, Event: EvidenceVerify, To: EvidenceVerified, At: coreAt(h), By: "ana"}},
	}
}

// coreNonconformity is a confirmed minor nonconformity raised at hour h.
func coreNonconformity(id string, h int, evidence ismsaudit.EvidenceID) Finding {
	return Finding{
		ID: FindingID(id), Kind: Nonconformity, Grade: Minor, Criteria: []annexa.Ref{coreRefAccess}, Evidence: []ismsaudit.EvidenceID{evidence},
		Area: "IT", Requirement: "access rights are reviewed quarterly", Found: "no review in Q4", Reason: "the quarterly review was skipped",
		RaisedBy: "ana", RaisedAt: coreAt(h), State: FindingConfirmed,
		History: []FindingEntry{{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed, At: coreAt(h), By: "lead"}},
	}
}

// coreConclusion is an agreed conclusion of an internal audit.
func coreConclusion(h int) *Conclusion {
	return &Conclusion{
		Fulfilment: LargelyFulfilled, Extent: "the criteria are largely met", Effectiveness: "the ISMS is effective",
		ObjectivesAchieved: true, ScopeCovered: true, State: ConclusionAgreed,
		History: []ConclusionEntry{{From: ConclusionDraft, Event: ConclusionAgree, To: ConclusionAgreed, At: coreAt(h), By: "lead"}},
	}
}

// coreFollowUp is a follow-up in planning for finding id, created at hour h.
func coreFollowUp(id string, h int) FollowUp {
	return FollowUp{Finding: FindingID(id), Correction: "review done", RootCause: "no owner", Action: "assign an owner",
		DueAt: coreAt(h + 24*30), State: FollowUpPlanning, History: []FollowUpEntry{}}
}

// coreCloseFollowUps closes every follow-up not yet closed at hour h (as
// the follow-up operations would), so that the audit may close.
func coreCloseFollowUps(a *Audit, h int) {
	for i := range a.FollowUps {
		u := &a.FollowUps[i]
		if u.State == FollowUpClosed {
			continue
		}
		for _, e := range []FollowUpEvent{FollowUpAcceptPlan, FollowUpImplement, FollowUpVerifyEffective} {
			to, _ := followUpMachine.Next(u.State, e)
			u.History = append(u.History, FollowUpEntry{From: u.State, Event: e, To: to, At: coreAt(h), By: "lead"})
			u.State = to
		}
		u.VerifiedBy, u.Evidence = "lead", []ismsaudit.EvidenceID{"E-1"}
	}
}

// coreNew starts the fixture audit: an internal audit of Acme.
func coreNew(t coreTB) *Audit {
	t.Helper()
	a, err := New(NewOptions{ID: "A-2026-01", Kind: annexa.Internal, Client: "Acme board", Auditee: "Acme", Programme: "P-2026"}, coreM(0))
	require.NoError(t, err)
	return a
}

// coreAuditIn walks the fixture audit through the operations up to state
// s; in that state every event the table allows succeeds with the
// fixture's inputs, except that close needs coreCloseFollowUps first. The
// evidence, findings, conclusions and follow-ups it needs are set as
// records, as their own operations would leave them.
func coreAuditIn(t coreTB, s State) *Audit {
	t.Helper()
	a := coreNew(t)
	step := func(err error) { t.Helper(); require.NoError(t, err) }
	step(a.EstablishContact(Contact{Person: "Carl CISO", At: coreAt(1), By: "lead"}, coreM(1)))
	step(a.DecideFeasibility(Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: coreAt(2), DecidedBy: "lead"}, coreM(2)))
	step(a.SetTeam(coreTeam(), coreM(3)))
	if s == StateInitiation {
		return a
	}
	if s == StateTerminated {
		step(a.Terminate("the auditee withdrew", coreM(coreTimeStages[StateTerminated])))
		return a
	}
	step(a.Prepare(coreM(10)))
	step(a.DraftPlan(corePlanContent(), coreM(11)))
	step(a.ApprovePlan(coreM(12), nil))
	step(a.CommunicatePlan(coreM(13)))
	step(a.AttachChecklist(coreChecklist(), coreM(14)))
	if s == StatePreparation {
		return a
	}
	step(a.HoldOpeningMeeting(coreOpening(30), coreM(30)))
	a.Evidence = append(a.Evidence, coreEvidence("E-1", 31, coreRefAccess, coreRefRisk))
	for _, r := range coreCriteria {
		step(a.RecordResult(r, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}, coreM(32)))
	}
	step(a.EscalateRisk(EscalatedRisk{ID: "R-1", Description: "admin passwords on a whiteboard", FoundAt: coreAt(33), FoundBy: "ana",
		EscalatedAt: coreAt(33), EscalatedTo: "Carl CISO"}, coreM(33)))
	a.Findings = append(a.Findings, coreNonconformity("F-1", 34, "E-1"))
	if s == StateFieldwork {
		return a
	}
	step(a.EndFieldwork(coreM(60)))
	a.Conclusion = coreConclusion(61)
	if s == StateFindings {
		return a
	}
	step(a.HoldClosingMeeting(coreClosing(80), coreM(80)))
	a.FollowUps = append(a.FollowUps, coreFollowUp("F-1", 81))
	if s == StateClosing {
		return a
	}
	step(a.IssueReport(coreM(90)))
	if s == StateReported {
		return a
	}
	step(a.Distribute(coreRecipients(), coreM(100)))
	if s == StateDistributed {
		return a
	}
	step(a.Complete(coreCompletion(), coreM(110)))
	if s == StateCompleted {
		return a
	}
	step(a.StartFollowUp(coreM(120)))
	if s == StateFollowUp {
		return a
	}
	coreCloseFollowUps(a, 150)
	step(a.Close(coreM(200)))
	require.Equal(t, StateClosed, a.State)
	return a
}

// coreFire fires event e through the operation that fires it, with the
// fixture's valid input for it.
func coreFire(a *Audit, e Event, m ismsaudit.Meta) error {
	switch e {
	case EventPrepare:
		return a.Prepare(m)
	case EventOpen:
		return a.HoldOpeningMeeting(OpeningMeeting{At: m.At, Attendees: []Attendee{{Name: "Carl CISO"}}, PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true}, m)
	case EventEndFieldwork:
		return a.EndFieldwork(m)
	case EventHoldClosingMeeting:
		cm := coreClosing(0)
		cm.At = m.At
		return a.HoldClosingMeeting(cm, m)
	case EventIssueReport:
		return a.IssueReport(m)
	case EventDistribute:
		return a.Distribute(coreRecipients(), m)
	case EventComplete:
		return a.Complete(coreCompletion(), m)
	case EventStartFollowUp:
		return a.StartFollowUp(m)
	case EventClose:
		return a.Close(m)
	case EventTerminate:
		return a.Terminate("objectives unattainable", m)
	}
	return fmt.Errorf("unknown event %q", e)
}

// coreFirePlan fires plan event e through its operation.
func coreFirePlan(a *Audit, e PlanEvent, m ismsaudit.Meta) error {
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

// coreCopy returns a deep copy of v: every slice, map and pointer is
// copied, so that changing the original cannot change the copy.
func coreCopy[T any](v T) T {
	src := reflect.ValueOf(&v).Elem()
	dst := reflect.New(src.Type()).Elem()
	coreCopyValue(dst, src)
	return dst.Interface().(T)
}

func coreCopyValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		coreCopyValue(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			coreCopyValue(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		for it := src.MapRange(); it.Next(); {
			v := reflect.New(src.Type().Elem()).Elem()
			coreCopyValue(v, it.Value())
			m.SetMapIndex(it.Key(), v)
		}
		dst.Set(m)
	case reflect.Struct:
		dst.Set(src) // unexported fields (time.Time's) are values or immutable
		for i := range src.NumField() {
			if dst.Field(i).CanSet() {
				coreCopyValue(dst.Field(i), src.Field(i))
			}
		}
	default:
		dst.Set(src)
	}
}

// coreUnchanged asserts that a refused operation left the audit exactly
// as it was (before is a coreCopy taken just before).
func coreUnchanged(t testing.TB, before, after *Audit) {
	t.Helper()
	if diff := cmp.Diff(before, after); diff != "" {
		t.Fatalf("a refused operation changed the audit: mismatch (-want +got):\n%s", diff)
	}
}

// coreEquateEmpty treats nil and empty slices as equal, for JSON round
// trips (omitempty does not keep the difference).
var coreEquateEmpty = cmpopts.EquateEmpty()

// coreBig builds a closed internal audit with n evidence items and n/5
// findings, every fifth finding a nonconformity whose follow-up is closed
// (every other one after an ineffective verification and a new plan),
// with a statistical and a judgemental sampling plan, sampled items and
// items covering a period, for benchmarks. Bulk records are struct
// literals; the audit moves through its operations. Every field of the
// record's types is set somewhere, so that the JSON benchmark's plain
// mirror decodes the same data. It conforms (Verify returns nil).
func coreBig(tb coreTB, n int) *Audit {
	tb.Helper()
	a := coreAuditIn(tb, StateFieldwork)
	step := func(err error) { tb.Helper(); require.NoError(tb, err) }
	step(a.AddSamplingPlan(SamplingPlan{ID: "S-1", Purpose: "access reviews done each quarter", Population: Population{Size: 400},
		Frame: "access review tickets of 2025", Method: Statistical, Size: 25, Exclusions: []string{"17"}, Seed: 2026,
		Rationale: "25 of 399 for a quarterly control with no exception expected"}, coreM(35)))
	step(a.DrawSample("S-1", coreM(35)))
	step(a.AddSamplingPlan(SamplingPlan{ID: "S-2", Purpose: "privileged accounts", Population: Population{Items: []string{"root", "admin", "backup", "deploy"}},
		Frame: "directory export", Method: Judgemental, Size: 2, Rationale: "the two widest accounts"}, coreM(35)))
	step(a.RecordSelection("S-2", []string{"root", "admin"}, coreM(35)))
	a.Evidence = a.Evidence[:0]
	a.Findings = a.Findings[:0]
	for i := range n {
		e := coreEvidence(fmt.Sprintf("E-%d", i+1), 31, coreCriteria[i%len(coreCriteria)])
		e.Digest = fmt.Sprintf("%064x", i)
		if i%3 == 0 {
			e.Covers = &Period{From: coreAt(-24 * 365), To: coreAt(-1)}
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
			f = coreNonconformity(id, 40, ismsaudit.EvidenceID(fmt.Sprintf("E-%d", i+1)))
		} else {
			f = Finding{ID: FindingID(id), Kind: Conformity, Criteria: []annexa.Ref{coreCriteria[i%len(coreCriteria)]},
				Evidence: []ismsaudit.EvidenceID{ismsaudit.EvidenceID(fmt.Sprintf("E-%d", i+1))}, Found: "the requirement is met",
				RaisedBy: "ana", RaisedAt: coreAt(40), State: FindingConfirmed,
				History: []FindingEntry{{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed, At: coreAt(40), By: "lead"}}}
		}
		a.Findings = append(a.Findings, f)
	}
	m := coreM
	step(a.EndFieldwork(m(60)))
	a.Conclusion = coreConclusion(61)
	a.Conclusion.ObjectivesNote = "every objective of the plan was achieved"
	step(a.HoldClosingMeeting(coreClosing(80), m(80)))
	step(a.IssueReport(m(90)))
	step(a.Distribute(coreRecipients(), m(100)))
	step(a.Complete(coreCompletion(), m(110)))
	step(a.StartFollowUp(m(120)))
	for i := range a.Findings {
		if a.Findings[i].Kind == Nonconformity {
			a.FollowUps = append(a.FollowUps, coreBigFollowUp(a.Findings[i].ID, len(a.FollowUps)%2 == 1))
		}
	}
	step(a.Close(m(200)))
	return a
}

// coreBigFollowUp is a closed follow-up of nonconformity id, as the
// follow-up operations leave it: planned at hour 81, accepted,
// implemented and verified effective; when replanned, its first action is
// found ineffective and replaced by a second plan first.
func coreBigFollowUp(id FindingID, replanned bool) FollowUp {
	first := CorrectiveActionPlan{Correction: "review done", RootCause: "no owner", Action: "assign an owner", DueAt: coreAt(81 + 24*30)}
	u := FollowUp{Finding: id, Correction: first.Correction, RootCause: first.RootCause, Action: first.Action, DueAt: first.DueAt,
		PlannedAt: coreAt(81), PlannedBy: "carl", State: FollowUpPlanning, History: []FollowUpEntry{}}
	fire := func(e FollowUpEvent, h int, by, note string) {
		to, _ := followUpMachine.Next(u.State, e)
		u.History = append(u.History, FollowUpEntry{From: u.State, Event: e, To: to, At: coreAt(h), By: by, Note: note})
		u.State = to
		if e == FollowUpVerifyEffective || e == FollowUpVerifyIneffective {
			u.Verifications = append(u.Verifications, Verification{At: coreAt(h), By: by, Effective: e == FollowUpVerifyEffective, Evidence: []ismsaudit.EvidenceID{"E-1"}, Note: note})
		}
	}
	fire(FollowUpAcceptPlan, 125, "lead", "")
	fire(FollowUpImplement, 130, "carl", "")
	if replanned {
		fire(FollowUpVerifyIneffective, 135, "lead", "two reviews are still missing")
		u.EarlierPlans = []CorrectiveActionRecord{{Plan: first, RecordedAt: u.PlannedAt, RecordedBy: u.PlannedBy}}
		u.Action, u.PlannedAt = "assign an owner and a deputy", coreAt(136)
		fire(FollowUpAcceptPlan, 137, "lead", "")
		fire(FollowUpImplement, 140, "carl", "")
	}
	fire(FollowUpVerifyEffective, 150, "lead", "")
	u.VerifiedBy, u.Evidence = "lead", []ismsaudit.EvidenceID{"E-1"}
	return u
}
