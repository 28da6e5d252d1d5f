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
	"github.com/stretchr/testify/require"
)

// The fixtures of the package's tests, one family:
//
//   - time and actors: march for every time, byLead for every step the
//     team leader records (ismsaudit.Meta literals for anyone else), one
//     team (leadID, auditorID, expertID);
//   - assertions: requireInvalid for a *ismsaudit.ValidationError,
//     requireRefused for a *ismsaudit.TransitionError, unchanged and
//     refuses for "and the record is as it was";
//   - audits in a state: auditIn walks the lifecycle fixture through the
//     operations; recordIn (on stage2Audit) builds a whole stage 2 record
//     with findings, conclusions and follow-ups; evidenceAudit and
//     auditWithItem hold the evidence log's tests (and the seal's, which
//     pins their bytes); bigAudit scales auditIn up for benchmarks;
//   - records in a state: evidenceIn, findingIn (on nonconformity and
//     observation), conclusionIn and followUpIn, each with the history
//     that leads there; newItem and loggedItem are what the evidence log
//     takes and keeps.

// tb is what the fixtures need of a test: *testing.T, *testing.B and
// *rapid.T all have it.
type tb interface {
	Helper()
	require.TestingT
}

// march returns 2026-03-<day> <hour>:00 UTC. Every fixture time is one
// (hours past 23 and days past 31 roll over as time.Date does).
func march(day, hour int) time.Time { return time.Date(2026, time.March, day, hour, 0, 0, 0, time.UTC) }

// byLead returns the ismsaudit.Meta of a step the team leader records at at.
func byLead(at time.Time) ismsaudit.Meta { return ismsaudit.Meta{At: at, By: leadID} }

// marchMeta is byLead(march(day, hour)), the name seal_test.go uses.
func marchMeta(day, hour int) ismsaudit.Meta { return byLead(march(day, hour)) }

// The team of every fixture audit, and someone outside it.
const (
	leadID     = "lead"
	auditorID  = "ana"
	expertID   = "tex"
	outsiderID = "someone-else"
)

// The lifecycle fixture (auditIn): an internal audit of Acme created on
// March 2 at 09:00, reaching each state at these times.
var stageAt = map[State]time.Time{
	StateInitiation: march(2, 9), StatePreparation: march(2, 19), StateFieldwork: march(3, 15), StateFindings: march(4, 21),
	StateClosing: march(5, 17), StateReported: march(6, 3), StateDistributed: march(6, 13), StateCompleted: march(6, 23),
	StateFollowUp: march(7, 9), StateClosed: march(10, 17), StateTerminated: march(2, 14),
}

// Times of the stage 2 record (stage2Audit, recordIn), from March to June.
var (
	prepareAt          = march(2, 9)
	openAt             = march(9, 9)
	collectedAt        = march(9, 11)
	raisedAt           = march(10, 10)
	endFieldworkAt     = march(11, 9)
	confirmAt          = march(11, 10)
	agreeAt            = march(11, 14)
	closingAt          = march(11, 16)
	responseAt         = march(11, 17)
	resolveAt          = march(12, 10)
	reportAt           = march(18, 9)
	distributeAt       = march(19, 9)
	plannedAt          = march(19, 12)
	completeAt         = march(20, 9)
	startFollowUpAt    = march(21, 9)
	acceptAt           = march(23, 9)
	implementAt        = time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)
	followUpEvidenceAt = time.Date(2026, 4, 20, 9, 0, 0, 0, time.UTC)
	verifyAt           = time.Date(2026, 4, 20, 15, 0, 0, 0, time.UTC)
	dueAt              = time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC)
	closeAt            = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
)

// Criteria of the lifecycle fixture's plan.
var (
	refRisk         = annexa.RefToClause("6.1.2")
	refAudit        = annexa.RefToClause("9.2.2")
	refAccess       = annexa.RefToControl("5.15")
	refVuln         = annexa.RefToControl("8.8")
	refPolicy       = annexa.RefToDocument("access-policy")
	fixtureCriteria = []annexa.Ref{refRisk, refAudit, refAccess, refVuln, refPolicy}
)

// Criteria of the stage 2 record's plan, and one valid reference outside it.
var (
	clause92    = annexa.RefToClause("9.2")
	controlA51  = annexa.RefToControl("5.1")
	controlA815 = annexa.RefToControl("8.15")
	policyRef   = annexa.RefToDocument("access-policy")
	notPlanned  = annexa.RefToControl("7.4")
)

// Criteria of the evidence log's plan (evidenceAudit).
var (
	itemClause    = annexa.RefToClause("9.2.1")
	itemControl   = annexa.RefToControl("5.15")
	itemControl2  = annexa.RefToControl("8.5")
	itemPolicy    = annexa.RefToDocument("access-policy")
	itemNotInPlan = annexa.RefToControl("7.1")
)

// problem is one problem a *ismsaudit.ValidationError must list.
type problem struct {
	path string
	rule ismsaudit.RuleID
}

// requireInvalid requires err to be a *ismsaudit.ValidationError (wrapping
// ismsaudit.ErrInvalid) listing every wanted problem, names all that are
// missing, and returns it.
func requireInvalid(t testing.TB, err error, want ...problem) *ismsaudit.ValidationError {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	var missing []problem
	for _, w := range want {
		if !ve.Has(w.path, w.rule) {
			missing = append(missing, w)
		}
	}
	require.Empty(t, missing, "problems missing from %v", ve.Fields)
	return ve
}

// requireProblems is requireInvalid with (path, rule) pairs, the form
// seal_test.go uses.
func requireProblems(t testing.TB, err error, pathRules ...[2]string) *ismsaudit.ValidationError {
	t.Helper()
	want := make([]problem, len(pathRules))
	for i, pr := range pathRules {
		want[i] = problem{pr[0], ismsaudit.RuleID(pr[1])}
	}
	return requireInvalid(t, err, want...)
}

// requireRefused requires err to be a *ismsaudit.TransitionError (wrapping
// ismsaudit.ErrTransition) with the given reason and rule ("" for none),
// and returns it. msgAndArgs, if any, say which refusal failed.
func requireRefused(t testing.TB, err error, reason ismsaudit.Reason, rule ismsaudit.RuleID, msgAndArgs ...any) *ismsaudit.TransitionError {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrTransition, msgAndArgs...)
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te, msgAndArgs...)
	if len(msgAndArgs) == 0 {
		msgAndArgs = []any{"%v", err}
	}
	require.Equal(t, reason, te.Reason, msgAndArgs...)
	require.Equal(t, rule, te.Rule, msgAndArgs...)
	return te
}

// unchanged asserts that a refused operation left the audit exactly
// as it was (before is a deepCopy taken just before).
func unchanged(t testing.TB, before, after *Audit) {
	t.Helper()
	if diff := cmp.Diff(before, after); diff != "" {
		t.Fatalf("a refused operation changed the audit: mismatch (-want +got):\n%s", diff)
	}
}

// refuses runs op, requires it to fail and a to be exactly as it was
// before (unchanged), and returns the error.
func refuses(t testing.TB, a *Audit, op func() error) error {
	t.Helper()
	before := deepCopy(a)
	err := op()
	require.Error(t, err)
	unchanged(t, before, a)
	return err
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

// equateEmpty treats nil and empty slices as equal, for JSON round
// trips (omitempty does not keep the difference).
var equateEmpty = cmpopts.EquateEmpty()

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

// fixtureTeam is a team leader, an auditor, a technical expert and a guide.
func fixtureTeam() []Member {
	return []Member{
		{Auditor: leadID, Name: "Lena Lead", Role: competence.RoleTeamLeader},
		{Auditor: auditorID, Name: "Ana Auditor", Role: competence.RoleAuditor},
		{Auditor: expertID, Name: "Tom Expert", Role: competence.RoleTechnicalExpert},
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

// consistentConclusion is the conclusions a team that reads its own findings would
// draft: the degree of fulfilment they allow, and a note on the
// objectives when an item was not audited.
func consistentConclusion(a *Audit) Conclusion {
	c := Conclusion{Fulfilment: Fulfilled, Extent: "as the findings show", Effectiveness: "as the findings show", ObjectivesAchieved: true, ScopeCovered: true}
	for f := range a.Nonconformities() {
		switch {
		case f.Grade == Major:
			c.Fulfilment = PartiallyFulfilled
		case c.Fulfilment == Fulfilled:
			c.Fulfilment = LargelyFulfilled
		}
	}
	if slices.ContainsFunc(a.Checklist.Items, func(it annexa.Item) bool { return it.NotAuditedReason != "" }) {
		c.ObjectivesNote = "the items not audited move to the next audit"
	}
	return c
}

// consistentResult is the result a team that reads its own findings
// records for the item ref: the gravest standing nonconformity citing
// it, or a conformity, on evidence item id.
func consistentResult(a *Audit, ref annexa.Ref, id ismsaudit.EvidenceID) annexa.Assessment {
	as := annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{id}}
	for f := range a.Nonconformities() {
		if !slices.Contains(f.Criteria, ref) {
			continue
		}
		switch {
		case f.Grade == Major:
			as.Result = annexa.MajorNonconformity
		case as.Result != annexa.MajorNonconformity:
			as.Result = annexa.MinorNonconformity
		}
		as.Notes = "not met in the records examined"
	}
	return as
}

// openingMeetingAt is a complete opening meeting held at at.
func openingMeetingAt(at time.Time) OpeningMeeting {
	return OpeningMeeting{HeldAt: at, Attendees: []Attendee{{Name: "Lena Lead", Role: "team leader"}, {Name: "Carl CISO", Organization: "Acme"}},
		PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true}
}

// closingMeetingAt is a complete closing meeting held at at.
func closingMeetingAt(at time.Time) ClosingMeeting {
	return ClosingMeeting{HeldAt: at, Attendees: []Attendee{{Name: "Lena Lead"}, {Name: "Carl CISO", Organization: "Acme"}},
		FindingsPresented: true, ConclusionsPresented: true, AgreedFollowUp: "corrective action plan within 30 days"}
}

func fixtureRecipients() []Recipient {
	return []Recipient{{Name: "Carl CISO", Organization: "Acme", Clearance: ConfidentialityRestricted}, {Name: "Board", Organization: "Acme", Clearance: ConfidentialityInternal}}
}

func fixtureCompletion() Completion {
	return Completion{Records: "kept for 6 years in the audit archive", LessonsLearned: []string{"book interviews earlier"}}
}

// agreedConclusion is an agreed conclusion of an internal audit, agreed at at.
func agreedConclusion(at time.Time) *Conclusion {
	return &Conclusion{
		Fulfilment: LargelyFulfilled, Extent: "the criteria are largely met", Effectiveness: "the ISMS is effective", Effective: true,
		ObjectivesAchieved: true, ScopeCovered: true, State: ConclusionAgreed,
		History: []ConclusionEntry{{From: ConclusionDraft, Event: ConclusionAgree, To: ConclusionAgreed, At: at, By: leadID}},
	}
}

// plannedFollowUp is a follow-up in planning for finding id, created at
// at and due 30 days later.
func plannedFollowUp(id FindingID, at time.Time) FollowUp {
	return FollowUp{Finding: id, Correction: "review done", RootCause: "no owner", Action: "assign an owner",
		DueAt: at.AddDate(0, 0, 30), State: FollowUpPlanning, History: []FollowUpEntry{}}
}

// closeFollowUps closes every follow-up not yet closed at at (as the
// follow-up operations would), so that the audit may close: each is
// accepted, implemented and verified effective at at, citing evidence
// item "E-FU-<at>" collected and verified then (added to the log, on the
// plan's first criterion, when some follow-up is open).
func closeFollowUps(a *Audit, at time.Time) {
	id := ismsaudit.EvidenceID("E-FU-" + at.Format("0102T15"))
	for i := range a.FollowUps {
		u := &a.FollowUps[i]
		if u.State == FollowUpClosed {
			continue
		}
		if a.evidenceIndex(id) < 0 {
			support := controlA815
			if a.Plan != nil && len(a.Plan.Content.Criteria) > 0 {
				support = a.Plan.Content.Criteria[0].Ref
			}
			a.Evidence = append(a.Evidence, Evidence{
				ID: id, Source: SourceRecord, Description: "records of the corrective actions taken", Supports: []annexa.Ref{support},
				CollectedBy: auditorID, CollectedAt: at, Confidentiality: ConfidentialityInternal, State: EvidenceVerified,
				History: []EvidenceEntry{{From: EvidenceCollected, Event: EvidenceVerify, To: EvidenceVerified, At: at, By: auditorID}},
			})
		}
		for _, e := range []FollowUpEvent{FollowUpAcceptPlan, FollowUpImplement, FollowUpVerifyEffective} {
			to, _ := followUpMachine.Next(u.State, e)
			u.History = append(u.History, FollowUpEntry{From: u.State, Event: e, To: to, At: at, By: leadID})
			u.State = to
		}
		u.VerifiedBy, u.Evidence = leadID, []ismsaudit.EvidenceID{id}
	}
}

// newFixture starts the lifecycle fixture: an internal audit of Acme.
func newFixture(t tb) *Audit {
	t.Helper()
	a, err := New(NewOptions{ID: "A-2026-01", Kind: annexa.Internal, Client: "Acme board", Auditee: "Acme", Programme: "P-2026"}, byLead(stageAt[StateInitiation]))
	require.NoError(t, err)
	return a
}

// auditIn walks the lifecycle fixture through the operations up to
// state s; in that state every event the table allows succeeds with the
// fixture's inputs, except that close needs closeFollowUps first. The
// evidence, findings, conclusions and follow-ups it needs are set as
// records, as their own operations would leave them: one minor
// nonconformity F-1 on A.5.15, which the checklist shows as a minor
// nonconformity, every other item conforming.
func auditIn(t tb, s State) *Audit {
	t.Helper()
	a := newFixture(t)
	step := func(err error) { t.Helper(); require.NoError(t, err) }
	step(a.EstablishContact(Contact{Person: "Carl CISO", EstablishedAt: march(2, 10), EstablishedBy: leadID}, byLead(march(2, 10))))
	step(a.DecideFeasibility(Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: march(2, 11), DecidedBy: leadID}, byLead(march(2, 11))))
	step(a.SetTeam(fixtureTeam(), byLead(march(2, 12))))
	if s == StateInitiation {
		return a
	}
	if s == StateTerminated {
		step(a.Terminate("the auditee withdrew", byLead(stageAt[StateTerminated])))
		return a
	}
	step(a.Prepare(byLead(stageAt[StatePreparation])))
	step(a.DraftPlan(fixturePlan(), byLead(march(2, 20))))
	step(a.ApprovePlan(PlanCheck{}, byLead(march(2, 21))))
	step(a.CommunicatePlan(byLead(march(2, 22))))
	step(a.AttachChecklist(fixtureChecklist(), byLead(march(2, 23))))
	if s == StatePreparation {
		return a
	}
	step(a.HoldOpeningMeeting(openingMeetingAt(stageAt[StateFieldwork]), byLead(stageAt[StateFieldwork])))
	a.Evidence = append(a.Evidence, evidenceIn(t, "E-1", EvidenceVerified, march(3, 16), refAccess, refRisk))
	for _, r := range fixtureCriteria {
		as := annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}
		if r == refAccess { // F-1's criterion
			as.Result, as.Notes = annexa.MinorNonconformity, "access reviews not done"
		}
		step(a.RecordResult(r, as, byLead(march(3, 17))))
	}
	step(a.EscalateRisk(EscalatedRisk{ID: "R-1", Description: "admin passwords on a whiteboard", FoundAt: march(3, 18), FoundBy: auditorID,
		EscalatedAt: march(3, 18), EscalatedTo: "Carl CISO"}, byLead(march(3, 18))))
	a.Findings = append(a.Findings, findingIn(t, nonconformity("F-1", Minor, refAccess, "E-1"), FindingConfirmed, march(3, 19)))
	if s == StateFieldwork {
		return a
	}
	step(a.EndFieldwork(byLead(stageAt[StateFindings])))
	a.Conclusion = agreedConclusion(march(4, 22))
	if s == StateFindings {
		return a
	}
	step(a.HoldClosingMeeting(closingMeetingAt(stageAt[StateClosing]), byLead(stageAt[StateClosing])))
	a.FollowUps = append(a.FollowUps, plannedFollowUp("F-1", march(5, 18)))
	if s == StateClosing {
		return a
	}
	step(a.IssueReport(byLead(stageAt[StateReported])))
	if s == StateReported {
		return a
	}
	step(a.Distribute(fixtureRecipients(), byLead(stageAt[StateDistributed])))
	if s == StateDistributed {
		return a
	}
	step(a.Complete(fixtureCompletion(), byLead(stageAt[StateCompleted])))
	if s == StateCompleted {
		return a
	}
	step(a.StartFollowUp(byLead(stageAt[StateFollowUp])))
	if s == StateFollowUp {
		return a
	}
	closeFollowUps(a, march(8, 15))
	step(a.Close(byLead(stageAt[StateClosed])))
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
		return a.HoldClosingMeeting(closingMeetingAt(m.At), m)
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
	case EventAttachChecklist:
		return a.AttachChecklist(fixtureChecklist(), m)
	}
	return fmt.Errorf("unknown event %q", e)
}

// firePlanEvent fires plan event e through its operation.
func firePlanEvent(a *Audit, e PlanEvent, m ismsaudit.Meta) error {
	switch e {
	case PlanApprove:
		return a.ApprovePlan(PlanCheck{}, m)
	case PlanCommunicate:
		return a.CommunicatePlan(m)
	case PlanRevise:
		return a.RevisePlan(m)
	}
	return fmt.Errorf("unknown plan event %q", e)
}

// bigAudit builds a closed internal audit with n evidence items and n/5
// findings, every fifth finding a nonconformity whose follow-up is closed
// (every other one after an ineffective verification and a new plan, each
// verification resting on one of two items collected in follow-up, after
// n others),
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
		Rationale: "25 of 399 for a quarterly control with no exception expected"}, byLead(march(3, 20))))
	step(a.DrawSample("S-1", byLead(march(3, 20))))
	step(a.AddSamplingPlan(SamplingPlan{ID: "S-2", Purpose: "privileged accounts", Population: Population{Items: []string{"root", "admin", "backup", "deploy"}},
		Frame: "directory export", Method: Judgemental, Size: 2, Rationale: "the two widest accounts"}, byLead(march(3, 20))))
	step(a.RecordSelection("S-2", []string{"root", "admin"}, byLead(march(3, 20))))
	a.Evidence = a.Evidence[:0]
	a.Findings = a.Findings[:0]
	for i := range n {
		e := evidenceIn(tb, ismsaudit.EvidenceID(fmt.Sprintf("E-%d", i+1)), EvidenceVerified, march(3, 16), fixtureCriteria[i%len(fixtureCriteria)])
		e.Digest = fmt.Sprintf("%064x", i)
		if i%3 == 0 {
			e.Covers = &Period{From: march(2, 9).AddDate(0, 0, -365), To: march(2, 8)}
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
			f = findingIn(tb, nonconformity(FindingID(id), Minor, refAccess, ismsaudit.EvidenceID(fmt.Sprintf("E-%d", i+1))), FindingConfirmed, march(4, 1))
		} else {
			f = Finding{ID: FindingID(id), Kind: Conformity, Criteria: []annexa.Ref{fixtureCriteria[i%len(fixtureCriteria)]},
				Evidence: []ismsaudit.EvidenceID{ismsaudit.EvidenceID(fmt.Sprintf("E-%d", i+1))}, Found: "the requirement is met",
				RaisedBy: auditorID, RaisedAt: march(4, 1), State: FindingConfirmed,
				History: []FindingEntry{{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed, At: march(4, 1), By: leadID}}}
		}
		a.Findings = append(a.Findings, f)
	}
	step(a.EndFieldwork(byLead(stageAt[StateFindings])))
	a.Conclusion = agreedConclusion(march(4, 22))
	a.Conclusion.ObjectivesNote = "every objective of the plan was achieved"
	step(a.HoldClosingMeeting(closingMeetingAt(stageAt[StateClosing]), byLead(stageAt[StateClosing])))
	step(a.IssueReport(byLead(stageAt[StateReported])))
	step(a.Distribute(fixtureRecipients(), byLead(stageAt[StateDistributed])))
	step(a.Complete(fixtureCompletion(), byLead(stageAt[StateCompleted])))
	// Every nonconformity's plan is recorded before follow-up starts; the
	// follow-ups then run to their close.
	var closed []FollowUp
	for i := range a.Findings {
		if a.Findings[i].Kind == Nonconformity {
			u := bigFollowUp(a.Findings[i].ID, len(closed)%2 == 1)
			closed = append(closed, u)
			first := u
			if len(u.EarlierPlans) > 0 {
				p := u.EarlierPlans[0]
				first.Correction, first.RootCause, first.Action, first.DueAt, first.PlannedAt, first.PlannedBy = p.Plan.Correction, p.Plan.RootCause, p.Plan.Action, p.Plan.DueAt, p.RecordedAt, p.RecordedBy
			}
			a.FollowUps = append(a.FollowUps, FollowUp{Finding: u.Finding, Correction: first.Correction, RootCause: first.RootCause, Action: first.Action, DueAt: first.DueAt,
				PlannedAt: first.PlannedAt, PlannedBy: first.PlannedBy, State: FollowUpPlanning, History: []FollowUpEntry{}})
		}
	}
	step(a.StartFollowUp(byLead(stageAt[StateFollowUp])))
	a.FollowUps = closed
	a.Evidence = append(a.Evidence, evidenceIn(tb, "E-FU-1", EvidenceVerified, march(7, 20), refAccess), evidenceIn(tb, "E-FU-2", EvidenceVerified, march(8, 10), refAccess))
	step(a.Close(byLead(stageAt[StateClosed])))
	return a
}

// bigFollowUp is a closed follow-up of nonconformity id, as the
// follow-up operations leave it: planned on March 5 at 18:00, accepted,
// implemented on March 7 and verified effective on March 8 on E-FU-2
// (collected then); when replanned, its first action is found
// ineffective on E-FU-1 (collected on March 7 after the implementation)
// and replaced by a second plan first.
func bigFollowUp(id FindingID, replanned bool) FollowUp {
	first := CorrectiveActionPlan{Correction: "review done", RootCause: "no owner", Action: "assign an owner", DueAt: march(5, 18).AddDate(0, 0, 30)}
	u := FollowUp{Finding: id, Correction: first.Correction, RootCause: first.RootCause, Action: first.Action, DueAt: first.DueAt,
		PlannedAt: march(5, 18), PlannedBy: "carl", State: FollowUpPlanning, History: []FollowUpEntry{}}
	fire := func(e FollowUpEvent, at time.Time, by, reason string) {
		to, _ := followUpMachine.Next(u.State, e)
		u.History = append(u.History, FollowUpEntry{From: u.State, Event: e, To: to, At: at, By: by, Reason: reason})
		u.State = to
		switch e {
		case FollowUpVerifyIneffective:
			u.Verifications = append(u.Verifications, Verification{At: at, By: by, Evidence: []ismsaudit.EvidenceID{"E-FU-1"}, Reason: reason})
		case FollowUpVerifyEffective:
			u.Verifications = append(u.Verifications, Verification{At: at, By: by, Effective: true, Evidence: []ismsaudit.EvidenceID{"E-FU-2"}})
		}
	}
	fire(FollowUpAcceptPlan, march(7, 14), leadID, "")
	fire(FollowUpImplement, march(7, 19), "carl", "")
	if replanned {
		fire(FollowUpVerifyIneffective, march(8, 0), leadID, "two reviews are still missing")
		u.EarlierPlans = []CorrectiveActionRecord{{Plan: first, RecordedAt: u.PlannedAt, RecordedBy: u.PlannedBy}}
		u.Action, u.PlannedAt = "assign an owner and a deputy", march(8, 1)
		fire(FollowUpAcceptPlan, march(8, 2), leadID, "")
		fire(FollowUpImplement, march(8, 5), "carl", "")
	}
	fire(FollowUpVerifyEffective, march(8, 15), leadID, "")
	u.VerifiedBy, u.Evidence = leadID, []ismsaudit.EvidenceID{"E-FU-2"}
	return u
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
			{Auditor: auditorID, Name: "Ana Auditor", Role: competence.RoleAuditor},
			{Auditor: expertID, Name: "Tom Expert", Role: competence.RoleTechnicalExpert},
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

// evidenceAudit returns an audit in the given state (its history stops at
// the opening of fieldwork) with an approved,
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

// auditWithItem returns an audit in fieldwork whose log holds E-1 in state s
// (and, when s is superseded, its correcting item E-1b).
func auditWithItem(s EvidenceState) *Audit {
	a := evidenceAudit(StateFieldwork)
	a.Evidence = []Evidence{loggedItem("E-1", evidenceEvents[s]...)}
	if s == EvidenceSuperseded {
		next := loggedItem("E-1b")
		next.Supersedes = "E-1"
		a.Evidence = append(a.Evidence, next)
	}
	return a
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

// evidenceEvents are the events that lead an evidence item to each state.
var evidenceEvents = map[EvidenceState][]EvidenceEvent{
	EvidenceCollected:  nil,
	EvidenceVerified:   {EvidenceVerify},
	EvidenceRejected:   {EvidenceReject},
	EvidenceSuperseded: {EvidenceVerify, EvidenceSupersede},
}

// evidenceIn returns evidence item id in state s: a record supporting the
// criteria given (A.8.15 when none), collected by the auditor at at, with
// the history that leads to s, one event a minute.
func evidenceIn(t tb, id ismsaudit.EvidenceID, s EvidenceState, at time.Time, supports ...annexa.Ref) Evidence {
	t.Helper()
	events := evidenceEvents[s]
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
	if len(supports) == 0 {
		supports = []annexa.Ref{controlA815}
	}
	return Evidence{
		ID: id, Source: SourceRecord, Description: "record " + string(id), Supports: supports,
		CollectedBy: auditorID, CollectedAt: at, Confidentiality: ConfidentialityInternal,
		State: s, History: h,
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

// nonconformity returns a nonconformity as a host would add it, raised by
// the auditor at raisedAt.
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
// and the texts a dispute records. Its events happen at the stage 2
// record's times for them (findingEventAt); when at is given, f is raised
// then and every event happens then instead (the lifecycle fixture's
// findings, raised and confirmed in the same hour).
func findingIn(t tb, f Finding, s FindingState, at ...time.Time) Finding {
	t.Helper()
	events := findingEvents[s]
	times := make([]time.Time, len(events))
	for i, e := range events {
		times[i] = findingEventAt[e]
	}
	if len(at) > 0 {
		f.RaisedAt = at[0]
		for i := range times {
			times[i] = at[0]
		}
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
		Fulfilment: PartiallyFulfilled, Extent: "the criteria are met apart from log retention and internal audit coverage",
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
