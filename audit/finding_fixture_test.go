package audit

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// Test fixtures of the findings area. Records are built with struct
// literals (the evidence and core operations are written separately), with
// histories that replay through the lifecycle tables.

// Times of the fixture audit, a stage 2 audit in March 2026.
var (
	fdPrepareAt   = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	fdOpenAt      = time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
	fdEvidenceAt  = time.Date(2026, 3, 9, 11, 0, 0, 0, time.UTC)
	fdRaisedAt    = time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	fdEndFieldAt  = time.Date(2026, 3, 11, 9, 0, 0, 0, time.UTC)
	fdConfirmAt   = time.Date(2026, 3, 11, 10, 0, 0, 0, time.UTC)
	fdAgreeAt     = time.Date(2026, 3, 11, 14, 0, 0, 0, time.UTC)
	fdClosingAt   = time.Date(2026, 3, 11, 16, 0, 0, 0, time.UTC)
	fdResponseAt  = time.Date(2026, 3, 11, 17, 0, 0, 0, time.UTC)
	fdResolveAt   = time.Date(2026, 3, 12, 10, 0, 0, 0, time.UTC)
	fdReportAt    = time.Date(2026, 3, 18, 9, 0, 0, 0, time.UTC)
	fdDistribAt   = time.Date(2026, 3, 19, 9, 0, 0, 0, time.UTC)
	fdPlanAt      = time.Date(2026, 3, 19, 12, 0, 0, 0, time.UTC)
	fdCompleteAt  = time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC)
	fdStartFUAt   = time.Date(2026, 3, 21, 9, 0, 0, 0, time.UTC)
	fdAcceptAt    = time.Date(2026, 3, 23, 9, 0, 0, 0, time.UTC)
	fdImplementAt = time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)
	fdFUEvidAt    = time.Date(2026, 4, 20, 9, 0, 0, 0, time.UTC)
	fdVerifyAt    = time.Date(2026, 4, 20, 15, 0, 0, 0, time.UTC)
	fdDueAt       = time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC)
	fdCloseAt     = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
)

// Criteria of the fixture plan, and one valid reference outside it.
var (
	fdClause92   = annexa.RefToClause("9.2")
	fdA51        = annexa.RefToControl("5.1")
	fdA815       = annexa.RefToControl("8.15")
	fdPolicy     = annexa.RefToDocument("access-policy")
	fdNotPlanned = annexa.RefToControl("7.4")
)

// Team ids.
const (
	fdLead     = "lead-1"
	fdAuditor  = "aud-2"
	fdExpert   = "exp-3"
	fdOutsider = "someone-else"
)

// fdT is what the fixtures need of a test: *testing.T and *rapid.T both
// have it.
type fdT interface {
	Helper()
	Errorf(format string, args ...any)
	FailNow()
}

func fdMeta(at time.Time, by string) ismsaudit.Meta { return ismsaudit.Meta{At: at, By: by} }

// fdHistory builds the entries of events fired one after the other from
// the machine's initial state, at the given times.
func fdHistory[S, E ~string, T any](t fdT, m *fsm.Machine[S, E, T], events []E, at []time.Time, by string) []ismsaudit.Entry[S, E] {
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

// fdAuditPath is the audit lifecycle's path to each state, with times.
var fdAuditPath = []struct {
	event Event
	at    time.Time
}{
	{EventPrepare, fdPrepareAt}, {EventOpen, fdOpenAt}, {EventEndFieldwork, fdEndFieldAt},
	{EventHoldClosingMeeting, fdClosingAt}, {EventIssueReport, fdReportAt}, {EventDistribute, fdDistribAt},
	{EventComplete, fdCompleteAt}, {EventStartFollowUp, fdStartFUAt}, {EventClose, fdCloseAt},
}

// fdAuditHistory returns the audit history that leads to state
// (terminated: from fieldwork).
func fdAuditHistory(t fdT, state State) []Entry {
	t.Helper()
	var events []Event
	var times []time.Time
	if state == StateTerminated {
		events = []Event{EventPrepare, EventOpen, EventTerminate}
		times = []time.Time{fdPrepareAt, fdOpenAt, fdEndFieldAt}
		return fdHistory(t, auditMachine, events, times, fdLead)
	}
	cur := StateInitiation
	for _, step := range fdAuditPath {
		if cur == state {
			break
		}
		events = append(events, step.event)
		times = append(times, step.at)
		cur, _ = auditMachine.Next(cur, step.event)
	}
	require.Equal(t, state, cur, "fixture: state %s not on the main path", state)
	return fdHistory(t, auditMachine, events, times, fdLead)
}

// fdEvidence returns an evidence item in the given state with a history
// that leads there.
func fdEvidence(t fdT, id ismsaudit.EvidenceID, state EvidenceState, at time.Time) Evidence {
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
	h := fdHistory(t, evidenceMachine, events, times, fdAuditor)
	for i := range h {
		if h[i].Event == EvidenceReject {
			h[i].Note = "the screenshot cannot be traced to the system"
		}
	}
	return Evidence{
		ID: id, Source: SourceRecord, Description: "record " + string(id), Supports: []annexa.Ref{fdA815},
		CollectedBy: fdAuditor, CollectedAt: at, Confidentiality: ConfidentialityInternal,
		State: state, History: h,
	}
}

// fdAudit returns a stage 2 audit in the given state with a communicated
// plan (criteria: clause 9.2, A.5.1, A.8.15, the access policy), a team
// and evidence E-1, E-2 (verified), E-3 (collected), E-4 (rejected), E-5
// (superseded) and E-6 (verified, correcting E-5). It has no findings,
// conclusions or follow-ups.
func fdAudit(t fdT, state State) *Audit {
	t.Helper()
	e5 := fdEvidence(t, "E-5", EvidenceSuperseded, fdEvidenceAt)
	e6 := fdEvidence(t, "E-6", EvidenceVerified, fdEvidenceAt.Add(time.Hour))
	e6.Supersedes = "E-5"
	return &Audit{
		ID: "A-2026-07", Kind: annexa.Stage2, Client: "Certification body", Auditee: "Example Ltd",
		CreatedAt: fdPrepareAt.Add(-time.Hour), CreatedBy: fdLead,
		State: state, History: fdAuditHistory(t, state),
		Team: []Member{
			{Auditor: fdLead, Name: "Lena Lead", Role: competence.RoleTeamLeader},
			{Auditor: fdAuditor, Name: "Ari Auditor", Role: competence.RoleAuditor},
			{Auditor: fdExpert, Name: "Tex Expert", Role: competence.RoleTechnicalExpert},
			{Name: "Gus Guide", Role: competence.RoleGuide, Organization: "Example Ltd"},
		},
		Plan: &Plan{
			State: PlanCommunicated,
			Content: PlanContent{
				Objectives: []string{"confirm the ISMS conforms to ISO/IEC 27001:2022"},
				Criteria:   []Criterion{{Ref: fdClause92}, {Ref: fdA51}, {Ref: fdA815}, {Ref: fdPolicy, Title: "Access policy"}},
				Locations:  []string{"Head office"},
				Start:      fdOpenAt, End: fdClosingAt,
			},
			History: fdHistory(t, planMachine, []PlanEvent{PlanApprove, PlanCommunicate}, []time.Time{fdPrepareAt.Add(time.Hour), fdPrepareAt.Add(2 * time.Hour)}, fdLead),
		},
		Evidence: []Evidence{
			fdEvidence(t, "E-1", EvidenceVerified, fdEvidenceAt),
			fdEvidence(t, "E-2", EvidenceVerified, fdEvidenceAt),
			fdEvidence(t, "E-3", EvidenceCollected, fdEvidenceAt),
			fdEvidence(t, "E-4", EvidenceRejected, fdEvidenceAt),
			e5, e6,
		},
	}
}

// fdNC returns a nonconformity as a host would add it.
func fdNC(id FindingID, g Grade, ref annexa.Ref, evidence ...ismsaudit.EvidenceID) Finding {
	return Finding{
		ID: id, Kind: Nonconformity, Grade: g, Criteria: []annexa.Ref{ref}, Evidence: evidence,
		Area:        "IT operations",
		Requirement: "event logs are produced, kept and reviewed",
		Found:       "logs of the payment servers are kept for 7 days",
		Reason:      "the logging standard asks for 90 days",
		RaisedBy:    fdAuditor, RaisedAt: fdRaisedAt,
	}
}

// fdObservation returns an observation as a host would add it.
func fdObservation(id FindingID, ref annexa.Ref) Finding {
	return Finding{
		ID: id, Kind: Observation, Criteria: []annexa.Ref{ref}, Found: "the policy review is due next month",
		RaisedBy: fdAuditor, RaisedAt: fdRaisedAt,
	}
}

// fdFindingEvents are the events that lead a finding to each state.
var fdFindingEvents = map[FindingState][]FindingEvent{
	FindingDraft:        nil,
	FindingConfirmed:    {FindingConfirm},
	FindingPresented:    {FindingConfirm, FindingPresent},
	FindingAcknowledged: {FindingConfirm, FindingPresent, FindingAcknowledge},
	FindingDisputed:     {FindingConfirm, FindingPresent, FindingDispute},
	FindingResolved:     {FindingConfirm, FindingPresent, FindingDispute, FindingResolve},
	FindingWithdrawn:    {FindingWithdraw},
}

var fdFindingEventAt = map[FindingEvent]time.Time{
	FindingConfirm: fdConfirmAt, FindingPresent: fdClosingAt, FindingAcknowledge: fdResponseAt,
	FindingDispute: fdResponseAt, FindingResolve: fdResolveAt, FindingWithdraw: fdConfirmAt,
}

// fdFindingIn puts f in state s as the library would have: state, history
// and the texts a dispute records.
func fdFindingIn(t fdT, f Finding, s FindingState) Finding {
	t.Helper()
	events := fdFindingEvents[s]
	times := make([]time.Time, len(events))
	for i, e := range events {
		times[i] = fdFindingEventAt[e]
	}
	f.History = fdHistory(t, findingMachine, events, times, fdLead)
	for i := range f.History {
		switch f.History[i].Event {
		case FindingWithdraw:
			f.History[i].Note = "duplicate of another finding"
		case FindingDispute:
			f.DivergingOpinion = "the retention period is set by the payment provider"
		case FindingResolve:
			f.Resolution = "the auditee accepts the 90-day requirement"
		}
	}
	f.State = s
	return f
}

// fdConclusion returns complete conclusions for the fixture audit with
// the given recommendation, in state s.
func fdConclusion(t fdT, rec Recommendation, s ConclusionState) *Conclusion {
	t.Helper()
	var events []ConclusionEvent
	var times []time.Time
	switch s {
	case ConclusionAgreed:
		events, times = []ConclusionEvent{ConclusionAgree}, []time.Time{fdAgreeAt}
	case ConclusionPresented:
		events, times = []ConclusionEvent{ConclusionAgree, ConclusionPresent}, []time.Time{fdAgreeAt, fdClosingAt}
	}
	return &Conclusion{
		Fulfilment: LargelyFulfilled, Extent: "the criteria are met apart from log retention and internal audit coverage",
		Effectiveness: "the ISMS is implemented and maintained; improvement is under way", ObjectivesAchieved: true,
		ScopeCovered: true, Recommendation: rec, State: s,
		History: fdHistory(t, conclusionMachine, events, times, fdLead),
	}
}

// fdFollowUp returns the follow-up of finding in state s, with a complete
// plan and, when closed, an effective verification citing E-7.
func fdFollowUp(t fdT, finding FindingID, s FollowUpState) FollowUp {
	t.Helper()
	var events []FollowUpEvent
	var times []time.Time
	switch s {
	case FollowUpAccepted:
		events, times = []FollowUpEvent{FollowUpAcceptPlan}, []time.Time{fdAcceptAt}
	case FollowUpImplemented:
		events, times = []FollowUpEvent{FollowUpAcceptPlan, FollowUpImplement}, []time.Time{fdAcceptAt, fdImplementAt}
	case FollowUpClosed:
		events = []FollowUpEvent{FollowUpAcceptPlan, FollowUpImplement, FollowUpVerifyEffective}
		times = []time.Time{fdAcceptAt, fdImplementAt, fdVerifyAt}
	}
	u := FollowUp{
		Finding: finding, Correction: "retention raised to 90 days on the payment servers",
		RootCause: "the logging standard was not applied to servers built from the old image",
		Action:    "server images carry the logging standard; builds are checked against it",
		DueAt:     fdDueAt, PlannedAt: fdPlanAt, PlannedBy: "auditee-ciso",
		State: s, History: fdHistory(t, followUpMachine, events, times, fdLead),
	}
	if s == FollowUpClosed {
		u.Verifications = []Verification{{At: fdVerifyAt, By: fdLead, Effective: true, Evidence: []ismsaudit.EvidenceID{"E-7"}}}
		u.VerifiedBy, u.Evidence = fdLead, []ismsaudit.EvidenceID{"E-7"}
	}
	return u
}

// fdRecord returns a whole, conforming record of the fixture audit in the
// given state: a major nonconformity F-1 (A.8.15, E-1), a minor one F-2
// (clause 9.2, E-2), an observation F-3 (A.5.1) and a withdrawn draft F-4;
// conclusions and follow-ups as far as the state allows. From completed
// on, the follow-ups are closed, verified with evidence E-7 collected in
// follow-up.
func fdRecord(t fdT, state State) *Audit {
	t.Helper()
	a := fdAudit(t, state)
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
		fdFindingIn(t, fdNC("F-1", Major, fdA815, "E-1"), fs),
		fdFindingIn(t, fdNC("F-2", Minor, fdClause92, "E-2"), fs),
		fdFindingIn(t, fdObservation("F-3", fdA51), fs),
		fdFindingIn(t, fdObservation("F-4", fdA51), FindingWithdrawn),
	}
	switch {
	case state == StateFindings:
		a.Conclusion = fdConclusion(t, RecommendAfterVerification, ConclusionAgreed)
	case stage == stagePresented:
		a.Conclusion = fdConclusion(t, RecommendAfterVerification, ConclusionPresented)
	}
	switch state {
	case StateCompleted, StateFollowUp, StateClosed:
		e7 := fdEvidence(t, "E-7", EvidenceVerified, fdFUEvidAt)
		a.Evidence = append(a.Evidence, e7)
		a.FollowUps = []FollowUp{fdFollowUp(t, "F-1", FollowUpClosed), fdFollowUp(t, "F-2", FollowUpClosed)}
	case StateReported, StateDistributed:
		a.FollowUps = []FollowUp{fdFollowUp(t, "F-1", FollowUpAccepted)}
	}
	return a
}

// fdClone returns a deep copy of v: pointers, slices and maps are copied,
// so that a later change to v shows up in a cmp.Diff against the copy.
func fdClone[T any](v T) T {
	out := fdCloneValue(reflect.ValueOf(&v).Elem())
	return out.Interface().(T)
}

func fdCloneValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(fdCloneValue(v.Elem()))
		return p
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			s.Index(i).Set(fdCloneValue(v.Index(i)))
		}
		return s
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			m.SetMapIndex(it.Key(), fdCloneValue(it.Value()))
		}
		return m
	case reflect.Struct:
		s := reflect.New(v.Type()).Elem()
		s.Set(v)
		for i := range v.NumField() {
			if s.Field(i).CanSet() {
				s.Field(i).Set(fdCloneValue(v.Field(i)))
			}
		}
		return s
	}
	return v
}

// fdPrefix reports whether long starts with short (an append-only log
// kept: nothing removed, rewritten or reordered).
func fdPrefix[E any](short, long []E) bool {
	return len(long) >= len(short) && cmp.Equal(short, long[:len(short)], cmpopts.EquateEmpty())
}

// fdQuickDiff is cmp.Diff(want, got) for the rapid tests, which compare
// whole records after every step: it looks first with reflect.DeepEqual,
// which is exact for a record and its fdClone, and only runs cmp for the
// report.
func fdQuickDiff(want, got *Audit) string {
	if reflect.DeepEqual(want, got) {
		return ""
	}
	return cmp.Diff(want, got)
}

// fdRefuses runs op, requires it to fail, and requires a to be exactly as
// it was before. It returns the error.
func fdRefuses(t *testing.T, a *Audit, op func() error) error {
	t.Helper()
	before := fdClone(a)
	err := op()
	require.Error(t, err)
	if diff := cmp.Diff(before, a); diff != "" {
		t.Fatalf("a refused operation changed the record: mismatch (-want +got):\n%s", diff)
	}
	return err
}

// fdTransitionRule returns the rule a *ismsaudit.TransitionError cites and its
// reason; it fails the test for any other error.
func fdTransitionRule(t *testing.T, err error) (rule ismsaudit.RuleID, reason ismsaudit.Reason) {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrTransition)
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	return te.Rule, te.Reason
}

// fdValidation returns the *ismsaudit.ValidationError err must be.
func fdValidation(t *testing.T, err error) *ismsaudit.ValidationError {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	return ve
}

// fdAreaCheck runs this area's checks of Verify (findings, conclusions,
// follow-ups) alone, so that tests see exactly what they report, and
// returns the violations as "path rule" strings, sorted.
func fdAreaCheck(a *Audit, opts *VerifyOptions) []string {
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
