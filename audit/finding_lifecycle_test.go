package audit

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// The three lifecycles of this area, stated independently of the tables
// in lifecycle_finding.go: where each accepted (state, event) leads.
var (
	fdWantFinding = map[FindingState]map[FindingEvent]FindingState{
		FindingDraft:     {FindingConfirm: FindingConfirmed, FindingWithdraw: FindingWithdrawn},
		FindingConfirmed: {FindingPresent: FindingPresented, FindingWithdraw: FindingWithdrawn},
		FindingPresented: {FindingAcknowledge: FindingAcknowledged, FindingDispute: FindingDisputed},
		FindingDisputed:  {FindingResolve: FindingResolved},
	}
	fdWantConclusion = map[ConclusionState]map[ConclusionEvent]ConclusionState{
		ConclusionDraft:  {ConclusionAgree: ConclusionAgreed},
		ConclusionAgreed: {ConclusionPresent: ConclusionPresented, ConclusionRevise: ConclusionDraft},
	}
	fdWantFollowUp = map[FollowUpState]map[FollowUpEvent]FollowUpState{
		FollowUpPlanning:    {FollowUpAcceptPlan: FollowUpAccepted},
		FollowUpAccepted:    {FollowUpImplement: FollowUpImplemented},
		FollowUpImplemented: {FollowUpVerifyEffective: FollowUpClosed, FollowUpVerifyIneffective: FollowUpPlanning},
	}
)

// fdMachineMatrix fires every event in every state of m for a subject
// that passes every guard, and checks the outcome against want.
func fdMachineMatrix[S, E ~string, T any](t *testing.T, m *fsm.Machine[S, E, T], subject T, want map[S]map[E]S) {
	meta := ismsaudit.Meta{At: fdAgreeAt, By: fdLead, Note: "n"}
	for s := range m.States() {
		for e := range m.Events() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				to, ok := want[s][e]
				got, err := m.Fire(subject, s, time.Time{}, e, meta)
				if ok {
					require.NoError(t, err)
					assert.Equal(t, ismsaudit.Entry[S, E]{From: s, Event: e, To: to, At: meta.At, By: meta.By, Note: meta.Note}, got)
					assert.True(t, m.Can(subject, s, e))
					return
				}
				_, reason := fdTransitionRule(t, err)
				if len(want[s]) == 0 {
					assert.Equal(t, ismsaudit.ReasonTerminal, reason, "%s accepts no event", s)
					assert.True(t, m.IsTerminal(s))
				} else {
					assert.Equal(t, ismsaudit.ReasonNoTransition, reason)
				}
				assert.Equal(t, ismsaudit.Entry[S, E]{}, got)
			})
		}
	}
}

func TestFindingMachineMatrix(t *testing.T) {
	a := fdAudit(t, StateClosing)
	a.Conclusion = fdConclusion(t, RecommendAfterPlans, ConclusionAgreed)
	f := fdNC("F-1", Minor, fdA815, "E-1")
	fdMachineMatrix(t, findingMachine, findingSubject{a: a, f: &f, text: "why", by: fdLead}, fdWantFinding)
}

func TestConclusionMachineMatrix(t *testing.T) {
	fdMachineMatrix(t, conclusionMachine, fdRecord(t, StateFindings), fdWantConclusion)
}

func TestFollowUpMachineMatrix(t *testing.T) {
	a := fdRecord(t, StateCompleted)
	u := fdFollowUp(t, "F-1", FollowUpPlanning)
	fdMachineMatrix(t, followUpMachine, followUpSubject{a: a, u: &u, by: fdLead, evidence: []ismsaudit.EvidenceID{"E-7"}, note: "why"}, fdWantFollowUp)
}

func TestFindingAreaGuardsCiteCatalogueRules(t *testing.T) {
	var cited []string
	for r := range findingMachine.Rules() {
		cited = append(cited, string(r))
	}
	for r := range conclusionMachine.Rules() {
		cited = append(cited, string(r))
	}
	for r := range followUpMachine.Rules() {
		cited = append(cited, string(r))
	}
	for rr := range RecommendationRules() {
		cited = append(cited, string(rr.Rule))
	}
	require.NotEmpty(t, cited)
	for _, id := range cited {
		_, ok := LookupRule(ismsaudit.RuleID(id))
		assert.True(t, ok, "rule %s is cited but not in the catalogue", id)
	}
	for _, r := range append(findingRules, followUpRules...) {
		got, ok := LookupRule(r.ID)
		require.True(t, ok, r.ID)
		assert.Equal(t, r, got)
		assert.NotContains(t, r.Text, "\n")
	}
}

func TestFindingAreaMermaid(t *testing.T) {
	tests := []struct {
		mermaid string
		lines   []string
	}{
		{findingMachine.Mermaid(), []string{
			"[*] --> draft",
			"draft --> confirmed: confirm [confirmed-by-team, criteria-in-plan, nc-evidence-verified, evidence-verified, nc-statement, nc-graded]",
			"disputed --> resolved: resolve [resolution-recorded, report-not-issued]",
			"withdrawn --> [*]",
		}},
		{conclusionMachine.Mermaid(), []string{
			"draft --> agreed: agree [conclusions-complete, findings-settled, recommendation-derived]",
			"agreed --> draft: revise",
		}},
		{followUpMachine.Mermaid(), []string{
			"planning --> accepted: accept-plan [plan-complete]",
			"implemented --> planning: verify-ineffective [verifier-on-team, reason-recorded, evidence-verified]",
			"closed --> [*]",
		}},
	}
	for _, tt := range tests {
		for _, l := range tt.lines {
			assert.True(t, strings.Contains(tt.mermaid, "    "+l+"\n"), "missing %q in\n%s", l, tt.mermaid)
		}
	}
}

// fdFindingOps are the finding operations by event, each on an audit set
// up so that only the finding's state can refuse it.
var fdFindingOps = map[FindingEvent]struct {
	audit State
	agree bool // the conclusions are agreed
	do    func(*Audit) error
}{
	FindingConfirm: {StateFindings, false, func(a *Audit) error { return a.ConfirmFinding("F-1", fdMeta(fdAgreeAt, fdLead)) }},
	FindingWithdraw: {StateFindings, false, func(a *Audit) error {
		return a.WithdrawFinding("F-1", ismsaudit.Meta{At: fdAgreeAt, By: fdLead, Note: "n"})
	}},
	FindingAcknowledge: {StateClosing, false, func(a *Audit) error { return a.AcknowledgeFinding("F-1", fdMeta(fdResolveAt, "ciso")) }},
	FindingDispute:     {StateClosing, false, func(a *Audit) error { return a.DisputeFinding("F-1", "no", fdMeta(fdResolveAt, "ciso")) }},
	FindingResolve:     {StateClosing, false, func(a *Audit) error { return a.ResolveDispute("F-1", "yes", fdMeta(fdResolveAt, fdLead)) }},
	FindingPresent: {StateFindings, true, func(a *Audit) error {
		apply, err := a.prepareClosingPresentation(fdMeta(fdClosingAt, fdLead))
		if err == nil {
			apply()
		}
		return err
	}},
}

// TestFindingOperationsMatrix runs the operation behind every event on a
// finding in every state: accepted exactly where the table has a row,
// leading where it says and adding one history entry; refused otherwise,
// changing nothing. The closing presentation does not fire present on
// findings that are not confirmed: it skips withdrawn and already
// presented ones, and refuses while a draft remains.
func TestFindingOperationsMatrix(t *testing.T) {
	for s := range FindingStates() {
		for e := range FindingEvents() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				op := fdFindingOps[e]
				a := fdAudit(t, op.audit)
				a.Findings = []Finding{fdFindingIn(t, fdNC("F-1", Minor, fdA815, "E-1"), s)}
				if op.agree {
					a.Conclusion = fdConclusion(t, RecommendAfterPlans, ConclusionAgreed)
				}
				to, ok := fdWantFinding[s][e]
				switch {
				case ok:
					before := len(a.Findings[0].History)
					require.NoError(t, op.do(a))
					assert.Equal(t, to, a.Findings[0].State)
					require.Len(t, a.Findings[0].History, before+1)
					last := a.Findings[0].History[before]
					assert.Equal(t, [3]string{string(s), string(e), string(to)}, [3]string{string(last.From), string(last.Event), string(last.To)})
				case e == FindingPresent && s != FindingDraft:
					before := fdClone(a.Findings)
					require.NoError(t, op.do(a))
					assert.Equal(t, before, a.Findings, "present skips a %s finding", s)
				case e == FindingPresent:
					rule, _ := fdTransitionRule(t, fdRefuses(t, a, func() error { return op.do(a) }))
					assert.Equal(t, RuleConclusionAfterFindings, rule)
				default:
					_, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return op.do(a) }))
					assert.Contains(t, []ismsaudit.Reason{ismsaudit.ReasonNoTransition, ismsaudit.ReasonTerminal}, reason)
				}
			})
		}
	}
}

func TestClosingPresentation(t *testing.T) {
	m := fdMeta(fdClosingAt, fdLead)
	withFindings := func(t *testing.T) *Audit {
		a := fdAudit(t, StateFindings)
		a.Findings = []Finding{
			fdFindingIn(t, fdNC("F-1", Major, fdA815, "E-1"), FindingConfirmed),
			fdFindingIn(t, fdObservation("F-2", fdA51), FindingWithdrawn),
			fdFindingIn(t, fdObservation("F-3", fdA51), FindingConfirmed),
		}
		a.Conclusion = fdConclusion(t, RecommendAfterVerification, ConclusionAgreed)
		return a
	}
	t.Run("presents every confirmed finding and the conclusions", func(t *testing.T) {
		a := withFindings(t)
		before := fdClone(a)
		apply, err := a.prepareClosingPresentation(m)
		require.NoError(t, err)
		assert.Equal(t, before, a, "preparing changes nothing")
		apply()
		for i, want := range []FindingState{FindingPresented, FindingWithdrawn, FindingPresented} {
			assert.Equal(t, want, a.Findings[i].State, "F-%d", i+1)
			assert.Len(t, a.Findings[i].History, len(before.Findings[i].History)+fdBtoi(want == FindingPresented))
		}
		assert.Equal(t, FindingEntry{From: FindingConfirmed, Event: FindingPresent, To: FindingPresented, At: m.At, By: m.By}, a.Findings[0].History[1])
		assert.Equal(t, ConclusionPresented, a.Conclusion.State)
		assert.Len(t, a.Conclusion.History, 2)
	})
	tests := []struct {
		name   string
		change func(*Audit)
		meta   ismsaudit.Meta
		rule   ismsaudit.RuleID
		reason ismsaudit.Reason
	}{
		{"no conclusions", func(a *Audit) { a.Conclusion = nil }, m, RuleClosingAfterConclusions, ismsaudit.ReasonGuard},
		{"draft conclusions", func(a *Audit) { a.Conclusion = fdConclusion(t, RecommendAfterVerification, ConclusionDraft) }, m, RuleClosingAfterConclusions, ismsaudit.ReasonGuard},
		{"a draft finding", func(a *Audit) { a.Findings[2] = fdFindingIn(t, fdObservation("F-3", fdA51), FindingDraft) }, m, RuleConclusionAfterFindings, ismsaudit.ReasonGuard},
		{"not in the findings stage", func(a *Audit) { a.State = StateFieldwork }, m, RuleClosingAfterConclusions, ismsaudit.ReasonWrongState},
		{"no actor", func(*Audit) {}, ismsaudit.Meta{At: fdClosingAt}, "", ismsaudit.ReasonMeta},
		{"before a finding's last entry", func(*Audit) {}, fdMeta(fdConfirmAt.Add(-time.Minute), fdLead), "", ismsaudit.ReasonMeta},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := withFindings(t)
			tt.change(a)
			rule, reason := fdTransitionRule(t, fdRefuses(t, a, func() error {
				apply, err := a.prepareClosingPresentation(tt.meta)
				assert.Nil(t, apply)
				return err
			}))
			assert.Equal(t, tt.rule, rule)
			assert.Equal(t, tt.reason, reason)
		})
	}
}

func fdBtoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
