package audit

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// update rewrites the golden files in testdata (go test -update).
var update = flag.Bool("update", false, "rewrite golden files in testdata")

// TestLifecycleDiagrams compares each lifecycle's Mermaid rendering
// with its golden file (testdata/<name>.mmd); run with -update to rewrite
// them after changing a table.
func TestLifecycleDiagrams(t *testing.T) {
	for l := range Lifecycles() {
		t.Run(l.Name, func(t *testing.T) {
			path := filepath.Join("testdata", l.Name+".mmd")
			got := l.Mermaid()
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -run TestLifecycleDiagrams -update to create it")
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("diagram mismatch (-want +got); run with -update if the table changed on purpose:\n%s", diff)
			}
		})
	}
}

// TestLifecycles checks what Lifecycles describes against the
// machines the code runs.
func TestLifecycles(t *testing.T) {
	var names []string
	for l := range Lifecycles() {
		names = append(names, l.Name)
		for _, tr := range l.Transitions {
			assert.Contains(t, l.States, tr.From)
			assert.Contains(t, l.States, tr.To)
			assert.Contains(t, l.Events, tr.Event)
			assert.False(t, l.IsTerminal(tr.From), "no exit from a terminal state")
			for _, g := range tr.Guards {
				_, ok := LookupRule(g.Rule)
				assert.True(t, ok, "guard %s cites %s, a rule of the catalogue", g.Name, g.Rule)
			}
		}
		for _, r := range l.Rules() {
			_, ok := LookupRule(r)
			assert.True(t, ok, r)
		}
	}
	assert.Equal(t, []string{"audit.audit", "audit.plan", "audit.evidence", "audit.finding", "audit.conclusion", "audit.follow-up"}, names)

	audit, ok := LookupLifecycle("audit.audit")
	require.True(t, ok)
	assert.Equal(t, string(StateInitiation), audit.Initial)
	var states []string
	for s := range States() {
		states = append(states, string(s))
	}
	assert.Equal(t, states, audit.States)
	assert.True(t, audit.IsTerminal(string(StateClosed)))
	assert.Equal(t, []ismsaudit.RuleID{RuleAuditOrder, RuleRecordWhoWhen, RuleInitContact, RuleInitFeasible, RuleChecklistPlanned, RuleOpenAfterPlan, RuleOpeningMeeting, RulePlanCommunicated, RuleFieldworkCovered,
		RuleEvidenceVerified, RuleClosingAfterConclusions, RuleClosingMeeting, RuleReportAfterClosing, RuleReportDistributed, RuleCompleteAfterDistribution, RuleCompleteRecords,
		RuleFollowUpStart, RuleFollowUpEveryNC, RuleCloseFollowUps, RuleTerminateReason}, audit.Rules())

	// Each description is a fresh value: changing one changes nothing.
	for _, tr := range audit.Transitions {
		if len(tr.Guards) > 0 {
			tr.Guards[0].Rule = "changed"
		}
	}
	audit, _ = LookupLifecycle("audit.audit")
	for _, tr := range audit.Transitions {
		for _, g := range tr.Guards {
			assert.NotEqual(t, ismsaudit.RuleID("changed"), g.Rule)
		}
	}
	_, ok = LookupLifecycle("audit.nothing")
	assert.False(t, ok)
}

// machineMatrix fires every event in every state of m for a subject
// that passes every guard, and checks the outcome against want: a
// refusal cites order, the machine's rule for events out of order.
func machineMatrix[S, E ~string, T any](t *testing.T, m *fsm.Machine[S, E, T], order ismsaudit.RuleID, subject T, want map[S]map[E]S) {
	meta := ismsaudit.Meta{At: agreeAt, By: leadID, Note: "n"}
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
				reason := ismsaudit.ReasonNoTransition
				if len(want[s]) == 0 {
					reason = ismsaudit.ReasonTerminal // it accepts no event
					assert.True(t, m.IsTerminal(s))
				}
				requireRefused(t, err, reason, order)
				assert.Equal(t, ismsaudit.Entry[S, E]{}, got)
			})
		}
	}
}

// TestEveryRefusalCitesARule walks every lifecycle, in every state of the
// audit, through every state of its subject and every event, asking the
// query that answers for it (Check, CheckPlan, CheckEvidence,
// CheckFinding, CheckConclusion, CheckFollowUp): every refusal is a
// *ismsaudit.TransitionError whose Rule is a rule of the catalogue, so
// that audittest.RefusedBy can assert any of them, and every kind of
// refusal occurs.
func TestEveryRefusalCitesARule(t *testing.T) {
	reasons := map[ismsaudit.Reason]int{}
	check := func(t *testing.T, what string, err error) {
		t.Helper()
		if err == nil {
			return
		}
		var te *ismsaudit.TransitionError
		require.ErrorAs(t, err, &te, what)
		require.NotEmpty(t, te.Rule, "%s: %v", what, err)
		_, ok := LookupRule(te.Rule)
		require.True(t, ok, "%s cites %s, not a rule of the catalogue", what, te.Rule)
		reasons[te.Reason]++
	}
	for s := range States() {
		t.Run(string(s), func(t *testing.T) {
			a := auditIn(t, s)
			for e := range Events() {
				check(t, "audit "+string(e), a.Check(e))
			}

			b := deepCopy(a)
			b.Plan = nil
			for e := range PlanEvents() {
				check(t, "no plan "+string(e), b.CheckPlan(e))
			}
			b.Plan = &Plan{Content: fixturePlan()}
			for ps := range PlanStates() {
				b.Plan.State = ps
				for e := range PlanEvents() {
					check(t, "plan "+string(ps)+" "+string(e), b.CheckPlan(e))
				}
			}

			for es := range EvidenceStates() {
				item := evidenceIn(t, ismsaudit.EvidenceID("E-"+string(es)), EvidenceVerified, march(3, 16), refAccess)
				item.State = es
				b.Evidence = append(b.Evidence, item)
				for e := range EvidenceEvents() {
					check(t, "evidence "+string(es)+" "+string(e), b.CheckEvidence(item.ID, e))
				}
			}

			for fs := range FindingStates() {
				f := findingIn(t, nonconformity(FindingID("F-"+string(fs)), Minor, refAccess, "E-1"), FindingConfirmed, march(3, 19))
				f.State = fs
				b.Findings = append(b.Findings, f)
				for e := range FindingEvents() {
					check(t, "finding "+string(fs)+" "+string(e), b.CheckFinding(f.ID, e))
				}
			}

			b.Conclusion = nil
			for e := range ConclusionEvents() {
				check(t, "no conclusions "+string(e), b.CheckConclusion(e))
			}
			b.Conclusion = agreedConclusion(march(4, 22))
			for cs := range ConclusionStates() {
				b.Conclusion.State = cs
				for e := range ConclusionEvents() {
					check(t, "conclusions "+string(cs)+" "+string(e), b.CheckConclusion(e))
				}
			}

			for us := range FollowUpStates() {
				f := findingIn(t, nonconformity(FindingID("NC-"+string(us)), Minor, refAccess, "E-1"), FindingConfirmed, march(3, 19))
				f.State = FindingAcknowledged
				b.Findings = append(b.Findings, f)
				u := plannedFollowUp(f.ID, march(5, 18))
				u.State = us
				b.FollowUps = append(b.FollowUps, u)
				for e := range FollowUpEvents() {
					check(t, "follow-up "+string(us)+" "+string(e), b.CheckFollowUp(f.ID, e))
				}
			}
		})
	}
	for _, r := range []ismsaudit.Reason{ismsaudit.ReasonNoTransition, ismsaudit.ReasonTerminal, ismsaudit.ReasonGuard, ismsaudit.ReasonWrongState} {
		assert.Positive(t, reasons[r], "no refusal of reason %s was met", r)
	}
}

// TestMetaRefusalsCiteTheRecordRule checks that an event every lifecycle
// allows is refused under AUD-RECORD-WHO-WHEN when its Meta has no time
// or no actor.
func TestMetaRefusalsCiteTheRecordRule(t *testing.T) {
	for s := range States() {
		for e := range Events() {
			a := auditIn(t, s)
			if e == EventClose {
				closeFollowUps(a, march(8, 15))
			}
			if !a.Can(e) {
				continue
			}
			for _, m := range []ismsaudit.Meta{{By: "lead"}, {At: march(14, 21)}} {
				if m.At.IsZero() && (e == EventOpen || e == EventHoldClosingMeeting) {
					continue // the meeting's own time is refused first
				}
				requireRefused(t, fire(deepCopy(a), e, m), ismsaudit.ReasonMeta, RuleRecordWhoWhen, "%s in %s with %+v", e, s, m)
			}
		}
	}
	a := auditIn(t, StateFieldwork)
	item := evidenceIn(t, "E-2", EvidenceVerified, march(3, 20), refAccess)
	item.State, item.History = "", nil
	require.NoError(t, a.CollectEvidence(item, byLead(march(3, 20))))
	for what, err := range map[string]error{
		"plan":     a.RevisePlan(ismsaudit.Meta{By: "lead"}),
		"evidence": a.VerifyEvidence("E-2", ismsaudit.Meta{At: march(3, 21)}),
	} {
		requireRefused(t, err, ismsaudit.ReasonMeta, RuleRecordWhoWhen, what)
	}
}

// TestSubjectQueries checks what the queries of the plan, evidence,
// finding, conclusion and follow-up lifecycles answer on the fixture
// audit, and that Permitted, Can and Check agree.
func TestSubjectQueries(t *testing.T) {
	fieldwork := auditIn(t, StateFieldwork)
	collected := evidenceIn(t, "E-2", EvidenceVerified, march(3, 20), refAccess)
	collected.State, collected.History = "", nil
	require.NoError(t, fieldwork.CollectEvidence(collected, byLead(march(3, 20))))
	findings := auditIn(t, StateFindings)
	closing := auditIn(t, StateClosing)

	assert.Equal(t, []PlanEvent{PlanRevise}, fieldwork.PermittedPlan())
	assert.Equal(t, []EvidenceEvent{EvidenceSupersede}, fieldwork.PermittedEvidence("E-1"))
	assert.Equal(t, []EvidenceEvent{EvidenceVerify, EvidenceReject, EvidenceSupersede}, fieldwork.PermittedEvidence("E-2"))
	assert.Empty(t, fieldwork.PermittedEvidence("E-404"))
	assert.Empty(t, closing.PermittedEvidence("E-1"), "no evidence event after fieldwork and findings")
	assert.Equal(t, []FindingEvent{FindingWithdraw}, fieldwork.PermittedFinding("F-1"))
	assert.Equal(t, []FindingEvent{FindingPresent}, findings.PermittedFinding("F-1"), "agreed conclusions freeze the findings until the closing meeting presents them")
	assert.Equal(t, []FindingEvent{FindingAcknowledge, FindingDispute}, closing.PermittedFinding("F-1"))
	assert.Empty(t, fieldwork.PermittedConclusion())
	assert.Equal(t, []ConclusionEvent{ConclusionPresent, ConclusionRevise}, findings.PermittedConclusion())
	assert.Empty(t, findings.PermittedFollowUp("F-1"))
	assert.Equal(t, []FollowUpEvent{FollowUpAcceptPlan}, closing.PermittedFollowUp("F-1"))

	require.ErrorIs(t, fieldwork.CheckEvidence("E-404", EvidenceVerify), ismsaudit.ErrNotFound)
	require.ErrorIs(t, closing.CheckFollowUp("F-404", FollowUpAcceptPlan), ismsaudit.ErrNotFound)
	requireRefused(t, findings.CheckFinding("F-1", FindingWithdraw), ismsaudit.ReasonWrongState, RuleFindingPhase)
	requireRefused(t, closing.CheckFollowUp("F-1", FollowUpImplement), ismsaudit.ReasonNoTransition, RuleFollowUpOrder)

	for _, a := range []*Audit{fieldwork, findings, closing} {
		for e := range EvidenceEvents() {
			for _, id := range []ismsaudit.EvidenceID{"E-1", "E-2"} {
				assert.Equal(t, a.CheckEvidence(id, e) == nil, a.CanEvidence(id, e), "%s %s in %s", id, e, a.State)
			}
		}
		for e := range FindingEvents() {
			assert.Equal(t, a.CheckFinding("F-1", e) == nil, a.CanFinding("F-1", e), "%s in %s", e, a.State)
		}
		for e := range ConclusionEvents() {
			assert.Equal(t, a.CheckConclusion(e) == nil, a.CanConclusion(e), "%s in %s", e, a.State)
		}
		for e := range FollowUpEvents() {
			assert.Equal(t, a.CheckFollowUp("F-1", e) == nil, a.CanFollowUp("F-1", e), "%s in %s", e, a.State)
		}
	}
}
