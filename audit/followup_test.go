package audit

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFollowUpMachineMatrix(t *testing.T) {
	a := recordIn(t, StateCompleted)
	u := followUpIn(t, "F-1", FollowUpPlanning)
	machineMatrix(t, followUpMachine, RuleFollowUpOrder, followUpSubject{a: a, u: &u, in: followUpInput{given: true, by: leadID, evidence: []ismsaudit.EvidenceID{"E-7"}, reason: "why"}}, wantFollowUp)
}

// actionPlan is a complete corrective action plan.
var actionPlan = CorrectiveActionPlan{
	Correction: "retention raised to 90 days on the payment servers",
	RootCause:  "the logging standard was not applied to servers built from the old image",
	Action:     "server images carry the logging standard; builds are checked against it",
	DueAt:      dueAt,
}

// followUpStageAudit returns an audit in state s after the closing meeting:
// F-1 a presented major nonconformity, F-2 a presented observation, F-3 a
// withdrawn nonconformity, and verified evidence E-7 for verifications.
func followUpStageAudit(t tb, s State) *Audit {
	a := stage2Audit(t, s)
	a.Findings = []Finding{
		findingIn(t, nonconformity("F-1", Major, controlA815, "E-1"), FindingPresented),
		findingIn(t, observation("F-2", controlA51), FindingAcknowledged),
		findingIn(t, nonconformity("F-3", Minor, controlA815, "E-1"), FindingWithdrawn),
	}
	a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionPresented)
	a.Evidence = append(a.Evidence, evidenceIn(t, "E-7", EvidenceVerified, followUpEvidenceAt))
	return a
}

func TestPlanCorrectiveAction(t *testing.T) {
	m := ismsaudit.Meta{At: plannedAt, By: "auditee-ciso"}
	t.Run("creates the follow-up in planning", func(t *testing.T) {
		a := followUpStageAudit(t, StateClosing)
		require.NoError(t, a.PlanCorrectiveAction("F-1", actionPlan, m))
		want := []FollowUp{{
			Finding: "F-1", Correction: actionPlan.Correction, RootCause: actionPlan.RootCause, Action: actionPlan.Action, DueAt: actionPlan.DueAt,
			PlannedAt: m.At, PlannedBy: m.By, State: FollowUpPlanning, History: []FollowUpEntry{},
		}}
		if diff := cmp.Diff(want, a.FollowUps); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
		assert.Equal(t, actionPlan, a.FollowUps[0].plan())
	})
	t.Run("a partial plan can be completed while planning", func(t *testing.T) {
		a := followUpStageAudit(t, StateReported)
		require.NoError(t, a.PlanCorrectiveAction("F-1", CorrectiveActionPlan{Correction: actionPlan.Correction}, m))
		requireRefused(t, refuses(t, a, func() error { return a.AcceptCorrectiveAction("F-1", byLead(acceptAt)) }), ismsaudit.ReasonGuard, RuleFollowUpPlan)

		later := ismsaudit.Meta{At: plannedAt.Add(time.Hour), By: "auditee-ciso"}
		require.NoError(t, a.PlanCorrectiveAction("F-1", actionPlan, later))
		u := a.FollowUps[0]
		assert.Equal(t, actionPlan, u.plan())
		assert.Equal(t, []CorrectiveActionRecord{{Plan: CorrectiveActionPlan{Correction: actionPlan.Correction}, RecordedAt: m.At, RecordedBy: m.By}}, u.EarlierPlans)
		assert.Equal(t, later.At, u.PlannedAt)
		require.NoError(t, a.AcceptCorrectiveAction("F-1", byLead(acceptAt)))
	})
	t.Run("an accepted plan is not replaced", func(t *testing.T) {
		for _, s := range []FollowUpState{FollowUpAccepted, FollowUpImplemented, FollowUpClosed} {
			a := followUpStageAudit(t, StateFollowUp)
			a.FollowUps = []FollowUp{followUpIn(t, "F-1", s)}
			requireRefused(t, refuses(t, a, func() error {
				return a.PlanCorrectiveAction("F-1", actionPlan, ismsaudit.Meta{At: closeAt, By: "ciso"})
			}), ismsaudit.ReasonWrongState, RuleFollowUpReplan, "%s", s)
		}
	})
	tests := []struct {
		name    string
		finding FindingID
		plan    CorrectiveActionPlan
		meta    ismsaudit.Meta
		want    []problem
	}{
		{"an observation", "F-2", actionPlan, m, []problem{{"Finding", RuleFollowUpPhase}}},
		{"a withdrawn nonconformity", "F-3", actionPlan, m, []problem{{"Finding", RuleFollowUpPhase}}},
		{"an empty plan", "F-1", CorrectiveActionPlan{DueAt: dueAt}, m, []problem{{"Plan", "required"}}},
		{"due before recorded", "F-1", CorrectiveActionPlan{Action: "x", DueAt: plannedAt.Add(-time.Second)}, m, []problem{{"Plan.DueAt", "not-before-event"}}},
		{"no meta", "F-1", actionPlan, ismsaudit.Meta{}, []problem{{"Meta.At", "required"}, {"Meta.By", "required"}}},
		{"a note", "F-1", actionPlan, ismsaudit.Meta{At: m.At, By: m.By, Note: "n"}, []problem{{"Meta.Note", "empty"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := followUpStageAudit(t, StateClosing)
			ve := requireInvalid(t, refuses(t, a, func() error { return a.PlanCorrectiveAction(tt.finding, tt.plan, tt.meta) }), tt.want...)
			assert.Len(t, ve.Fields, len(tt.want), "%v", ve.Fields)
		})
	}
	t.Run("not before the nonconformity was presented", func(t *testing.T) {
		a := followUpStageAudit(t, StateClosing)
		requireInvalid(t, refuses(t, a, func() error {
			return a.PlanCorrectiveAction("F-1", actionPlan, ismsaudit.Meta{At: closingAt.Add(-time.Minute), By: "ciso"})
		}), problem{"Meta.At", "not-before-last"})
	})
	t.Run("a replacement does not go back in time", func(t *testing.T) {
		a := followUpStageAudit(t, StateClosing)
		require.NoError(t, a.PlanCorrectiveAction("F-1", actionPlan, m))
		requireInvalid(t, refuses(t, a, func() error {
			return a.PlanCorrectiveAction("F-1", actionPlan, ismsaudit.Meta{At: m.At.Add(-time.Minute), By: "ciso"})
		}), problem{"Meta.At", "not-before-last"})
	})
	t.Run("unknown finding", func(t *testing.T) {
		a := followUpStageAudit(t, StateClosing)
		require.ErrorIs(t, refuses(t, a, func() error { return a.PlanCorrectiveAction("F-9", actionPlan, m) }), ismsaudit.ErrNotFound)
	})
	t.Run("only from the closing meeting until the audit closes", func(t *testing.T) {
		for _, s := range []State{StateInitiation, StatePreparation, StateFieldwork, StateFindings, StateClosed, StateTerminated} {
			a := followUpStageAudit(t, StateClosing)
			a.State = s
			requireRefused(t, refuses(t, a, func() error { return a.PlanCorrectiveAction("F-1", actionPlan, m) }), ismsaudit.ReasonWrongState, RuleFollowUpPhase, "state %s", s)
		}
	})
}

func TestVerifyCorrectiveAction(t *testing.T) {
	implemented := func(t *testing.T) *Audit {
		a := followUpStageAudit(t, StateFollowUp)
		a.FollowUps = []FollowUp{followUpIn(t, "F-1", FollowUpImplemented)}
		return a
	}
	m := ismsaudit.Meta{At: verifyAt, By: auditorID}
	t.Run("effective closes", func(t *testing.T) {
		a := implemented(t)
		ids := []ismsaudit.EvidenceID{"E-2", "E-7"}
		require.NoError(t, a.VerifyCorrectiveAction("F-1", ids, m))
		u := a.FollowUps[0]
		assert.Equal(t, FollowUpClosed, u.State)
		assert.Equal(t, auditorID, u.VerifiedBy)
		assert.Equal(t, ids, u.Evidence)
		assert.Equal(t, []Verification{{At: m.At, By: m.By, Effective: true, Evidence: ids}}, u.Verifications)
		assert.Equal(t, FollowUpEntry{From: FollowUpImplemented, Event: FollowUpVerifyEffective, To: FollowUpClosed, At: m.At, By: m.By}, u.History[len(u.History)-1])
		ids[0] = "E-1"
		assert.Equal(t, ismsaudit.EvidenceID("E-2"), a.FollowUps[0].Evidence[0], "the record keeps its own copy")
		assert.Equal(t, ismsaudit.EvidenceID("E-2"), a.FollowUps[0].Verifications[0].Evidence[0])
	})
	t.Run("every item examined is verified", func(t *testing.T) {
		for _, effective := range []bool{true, false} {
			a := implemented(t)
			requireRefused(t, refuses(t, a, func() error {
				if effective {
					return a.VerifyCorrectiveAction("F-1", []ismsaudit.EvidenceID{"E-7", "E-3"}, m)
				}
				return a.FindCorrectiveActionIneffective("F-1", "not effective", []ismsaudit.EvidenceID{"E-7", "E-3"}, m)
			}), ismsaudit.ReasonGuard, RuleEvidenceVerified, "effective: %v", effective)
		}
	})
	t.Run("ineffective goes back to planning, and a new plan can follow", func(t *testing.T) {
		a := implemented(t)
		for _, blank := range []string{"", "  "} {
			requireRefused(t, refuses(t, a, func() error { return a.FindCorrectiveActionIneffective("F-1", blank, nil, m) }), ismsaudit.ReasonGuard, RuleFollowUpIneffective, "needs a reason")
		}

		bad := ismsaudit.Meta{At: verifyAt, By: auditorID}
		why := "logs on two servers still rotate after 7 days"
		require.NoError(t, a.FindCorrectiveActionIneffective("F-1", why, []ismsaudit.EvidenceID{"E-7"}, bad))
		u := a.FollowUps[0]
		assert.Equal(t, FollowUpPlanning, u.State)
		assert.Empty(t, u.VerifiedBy)
		assert.Nil(t, u.Evidence)
		assert.Equal(t, []Verification{{At: bad.At, By: bad.By, Evidence: []ismsaudit.EvidenceID{"E-7"}, Reason: why}}, u.Verifications)
		assert.Equal(t, why, u.History[len(u.History)-1].Reason, "the history entry keeps the reason")

		replan := actionPlan
		replan.Action = "rebuild the two servers from the new image"
		require.NoError(t, a.PlanCorrectiveAction("F-1", replan, ismsaudit.Meta{At: verifyAt.Add(time.Hour), By: "ciso"}))
		require.NoError(t, a.AcceptCorrectiveAction("F-1", byLead(verifyAt.Add(2*time.Hour))))
		require.NoError(t, a.MarkImplemented("F-1", ismsaudit.Meta{At: verifyAt.Add(3 * time.Hour), By: "ciso"}))
		requireRefused(t, refuses(t, a, func() error {
			return a.VerifyCorrectiveAction("F-1", []ismsaudit.EvidenceID{"E-7"}, byLead(verifyAt.Add(4*time.Hour)))
		}), ismsaudit.ReasonGuard, RuleFollowUpNewEvidence, "E-7 was collected before the second implementation")
		a.Evidence = append(a.Evidence, evidenceIn(t, "E-8", EvidenceVerified, verifyAt.Add(3*time.Hour+30*time.Minute)))
		require.NoError(t, a.VerifyCorrectiveAction("F-1", []ismsaudit.EvidenceID{"E-7", "E-8"}, byLead(verifyAt.Add(4*time.Hour))))
		u = a.FollowUps[0]
		assert.Equal(t, FollowUpClosed, u.State)
		assert.Len(t, u.History, 6)
		assert.Len(t, u.Verifications, 2)
		assert.Equal(t, []CorrectiveActionRecord{{Plan: actionPlan, RecordedAt: plannedAt, RecordedBy: "auditee-ciso"}}, u.EarlierPlans)
		_, err := followUpMachine.Replay(u.History)
		require.NoError(t, err)
	})
	// lateItem adds E-8, collected after the implementation and verified
	// only after the verification.
	lateItem := func(t *testing.T, a *Audit) {
		a.Evidence = append(a.Evidence, evidenceIn(t, "E-8", EvidenceVerified, verifyAt))
	}
	refusals := []struct {
		name      string
		effective bool
		setup     func(*testing.T, *Audit)
		evidence  []ismsaudit.EvidenceID
		meta      ismsaudit.Meta
		rule      ismsaudit.RuleID
	}{
		{"a technical expert", true, nil, []ismsaudit.EvidenceID{"E-7"}, ismsaudit.Meta{At: verifyAt, By: expertID}, RuleFollowUpVerified},
		{"someone off the team", true, nil, []ismsaudit.EvidenceID{"E-7"}, ismsaudit.Meta{At: verifyAt, By: outsiderID}, RuleFollowUpVerified},
		{"no evidence", true, nil, nil, m, RuleFollowUpVerified},
		{"unverified evidence only", true, nil, []ismsaudit.EvidenceID{"E-3", "E-4", "E-5"}, m, RuleFollowUpVerified},
		{"evidence verified only later", true, nil, []ismsaudit.EvidenceID{"E-7"}, byLead(followUpEvidenceAt), RuleFollowUpVerified},
		{"ineffective by an outsider", false, nil, nil, ismsaudit.Meta{At: verifyAt, By: outsiderID}, RuleFollowUpIneffective},
		{"effective on evidence from before the implementation", true, nil, []ismsaudit.EvidenceID{"E-1", "E-2"}, m, RuleFollowUpNewEvidence},
		{"ineffective on evidence from before the implementation", false, nil, []ismsaudit.EvidenceID{"E-2"}, m, RuleFollowUpNewEvidence},
		{"ineffective on no evidence", false, nil, nil, m, RuleFollowUpNewEvidence},
		// Every item examined, not only the new one, is audit evidence at
		// the verification: verified by then, not superseded.
		{"effective citing a superseded item", true, nil, []ismsaudit.EvidenceID{"E-7", "E-5"}, m, RuleEvidenceVerified},
		{"ineffective citing a superseded item", false, nil, []ismsaudit.EvidenceID{"E-7", "E-5"}, m, RuleEvidenceVerified},
		{"effective citing an item verified only after the verification", true, lateItem, []ismsaudit.EvidenceID{"E-7", "E-8"}, m, RuleEvidenceVerified},
		{"ineffective citing an item verified only after the verification", false, lateItem, []ismsaudit.EvidenceID{"E-7", "E-8"}, m, RuleEvidenceVerified},
		{"ineffective on evidence verified only after the verification", false, lateItem, []ismsaudit.EvidenceID{"E-8"}, m, RuleEvidenceVerified},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			a := implemented(t)
			if tt.setup != nil {
				tt.setup(t, a)
			}
			requireRefused(t, refuses(t, a, func() error {
				if tt.effective {
					return a.VerifyCorrectiveAction("F-1", tt.evidence, tt.meta)
				}
				return a.FindCorrectiveActionIneffective("F-1", "still failing", tt.evidence, tt.meta)
			}), ismsaudit.ReasonGuard, tt.rule)
		})
	}
	t.Run("evidence verified at the verification's instant", func(t *testing.T) {
		for _, effective := range []bool{true, false} {
			a := implemented(t)
			a.Evidence = append(a.Evidence, evidenceIn(t, "E-8", EvidenceVerified, verifyAt.Add(-time.Minute)))
			ids := []ismsaudit.EvidenceID{"E-7", "E-8"}
			var err error
			if effective {
				err = a.VerifyCorrectiveAction("F-1", ids, m)
			} else {
				err = a.FindCorrectiveActionIneffective("F-1", "still failing", ids, m)
			}
			require.NoError(t, err, "effective: %v", effective)
			want := Verification{At: m.At, By: m.By, Effective: effective, Evidence: ids}
			if !effective {
				want.Reason = "still failing"
			}
			if diff := cmp.Diff([]Verification{want}, a.FollowUps[0].Verifications); diff != "" {
				t.Errorf("effective: %v: mismatch (-want +got):\n%s", effective, diff)
			}
		}
	})
	t.Run("evidence collected at the implementation's instant is new", func(t *testing.T) {
		for _, effective := range []bool{true, false} {
			a := implemented(t)
			a.Evidence = append(a.Evidence, evidenceIn(t, "E-8", EvidenceVerified, implementAt))
			ids := []ismsaudit.EvidenceID{"E-8"}
			var err error
			if effective {
				err = a.VerifyCorrectiveAction("F-1", ids, m)
			} else {
				err = a.FindCorrectiveActionIneffective("F-1", "still failing", ids, m)
			}
			require.NoError(t, err, "effective: %v", effective)
		}
	})
	t.Run("unknown and repeated evidence", func(t *testing.T) {
		a := implemented(t)
		err := refuses(t, a, func() error {
			return a.VerifyCorrectiveAction("F-1", []ismsaudit.EvidenceID{"E-7", "E-99", "E-7"}, m)
		})
		requireInvalid(t, err, problem{"Evidence[1]", "unknown"}, problem{"Evidence[2]", "unique"})
		require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	})
	t.Run("no follow-up", func(t *testing.T) {
		a := followUpStageAudit(t, StateFollowUp)
		require.ErrorIs(t, refuses(t, a, func() error { return a.VerifyCorrectiveAction("F-1", []ismsaudit.EvidenceID{"E-7"}, m) }), ismsaudit.ErrNotFound)
		require.ErrorIs(t, refuses(t, a, func() error { return a.AcceptCorrectiveAction("F-1", m) }), ismsaudit.ErrNotFound)
		require.ErrorIs(t, refuses(t, a, func() error { return a.MarkImplemented("F-1", m) }), ismsaudit.ErrNotFound)
	})
	t.Run("an event does not precede the plan", func(t *testing.T) {
		a := followUpStageAudit(t, StateFollowUp)
		require.NoError(t, a.PlanCorrectiveAction("F-1", actionPlan, ismsaudit.Meta{At: plannedAt, By: "ciso"}))
		requireRefused(t, refuses(t, a, func() error { return a.AcceptCorrectiveAction("F-1", byLead(plannedAt.Add(-time.Hour))) }), ismsaudit.ReasonMeta, RuleRecordWhoWhen)
	})
}

// TestFollowUpOperationsMatrix runs the operation behind every follow-up
// event in every state (see TestFindingOperationsMatrix).
func TestFollowUpOperationsMatrix(t *testing.T) {
	m := byLead(closeAt)
	ops := map[FollowUpEvent]func(*Audit) error{
		FollowUpAcceptPlan: func(a *Audit) error { return a.AcceptCorrectiveAction("F-1", m) },
		FollowUpImplement:  func(a *Audit) error { return a.MarkImplemented("F-1", m) },
		FollowUpVerifyEffective: func(a *Audit) error {
			return a.VerifyCorrectiveAction("F-1", []ismsaudit.EvidenceID{"E-7"}, m)
		},
		FollowUpVerifyIneffective: func(a *Audit) error {
			return a.FindCorrectiveActionIneffective("F-1", "still failing", []ismsaudit.EvidenceID{"E-7"}, ismsaudit.Meta{At: m.At, By: m.By})
		},
	}
	for s := range FollowUpStates() {
		for e := range FollowUpEvents() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				a := followUpStageAudit(t, StateFollowUp)
				a.FollowUps = []FollowUp{followUpIn(t, "F-1", s)}
				to, ok := wantFollowUp[s][e]
				if !ok {
					reason := ismsaudit.ReasonNoTransition
					if followUpMachine.IsTerminal(s) {
						reason = ismsaudit.ReasonTerminal
					}
					requireRefused(t, refuses(t, a, func() error { return ops[e](a) }), reason, RuleFollowUpOrder)
					return
				}
				before := len(a.FollowUps[0].History)
				require.NoError(t, ops[e](a))
				assert.Equal(t, to, a.FollowUps[0].State)
				require.Len(t, a.FollowUps[0].History, before+1)
				assert.Equal(t, e, a.FollowUps[0].History[before].Event)
			})
		}
	}
}

func TestOverdue(t *testing.T) {
	a := followUpStageAudit(t, StateFollowUp)
	a.Findings = append(a.Findings,
		findingIn(t, nonconformity("F-4", Minor, clause92, "E-2"), FindingAcknowledged),
		findingIn(t, nonconformity("F-5", Minor, clause92, "E-2"), FindingAcknowledged),
		findingIn(t, nonconformity("F-6", Minor, clause92, "E-2"), FindingAcknowledged))
	noDue := followUpIn(t, "F-6", FollowUpPlanning)
	noDue.DueAt = time.Time{}
	a.FollowUps = []FollowUp{followUpIn(t, "F-1", FollowUpImplemented), followUpIn(t, "F-4", FollowUpClosed), followUpIn(t, "F-5", FollowUpPlanning), noDue}
	tests := []struct {
		at   time.Time
		want []FindingID
	}{
		{dueAt.Add(-time.Second), nil},
		{dueAt, nil},
		{dueAt.Add(time.Second), []FindingID{"F-1", "F-5"}},
	}
	for _, tt := range tests {
		t.Run(tt.at.Format(time.RFC3339), func(t *testing.T) {
			var got []FindingID
			for _, u := range a.Overdue(tt.at) {
				got = append(got, u.Finding)
			}
			assert.Equal(t, tt.want, got)
		})
	}
	over := a.Overdue(closeAt)
	over[0].History[0].By = "mallory"
	assert.Equal(t, leadID, a.FollowUps[0].History[0].By, "Overdue returns copies")

	u, ok := a.FollowUpFor("F-4")
	require.True(t, ok)
	if diff := cmp.Diff(a.FollowUps[1], u); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	u.Verifications[0].Evidence[0] = "E-1"
	assert.Equal(t, ismsaudit.EvidenceID("E-7"), a.FollowUps[1].Verifications[0].Evidence[0], "FollowUpFor returns a copy")
	_, ok = a.FollowUpFor("F-2")
	assert.False(t, ok)
}

// TestStartFollowUpGuards checks that follow-up starts only with
// something to follow.
func TestStartFollowUpGuards(t *testing.T) {
	testGuards(t, []guardCase{
		{name: "follow-up with nothing to follow", state: StateCompleted, setup: func(a *Audit) { closeFollowUps(a, march(8, 15)) },
			fire: func(a *Audit) error { return a.StartFollowUp(byLead(march(14, 21))) }, rule: RuleFollowUpStart},
	})
}

// TestCloseGuards checks that the audit closes only when every
// follow-up is closed.
func TestCloseGuards(t *testing.T) {
	testGuards(t, []guardCase{
		{name: "close with a follow-up open", state: StateCompleted,
			fire: func(a *Audit) error { return a.Close(byLead(march(14, 21))) }, rule: RuleCloseFollowUps, path: "Findings[0]"},
		{name: "close from follow-up with a follow-up missing", state: StateFollowUp, setup: func(a *Audit) { a.FollowUps = nil },
			fire: func(a *Audit) error { return a.Close(byLead(march(14, 21))) }, rule: RuleCloseFollowUps, path: "Findings[0]"},
	})
}

// TestStartFollowUpNeedsEveryNonconformityFollowed checks
// AUD-FOLLOWUP-EVERY-NC on the operation: follow-up starts only once
// every presented nonconformity has its follow-up, and not before its
// first plan was recorded; the record it leaves verifies.
func TestStartFollowUpNeedsEveryNonconformityFollowed(t *testing.T) {
	a := auditIn(t, StateCompleted)
	a.FollowUps = nil // F-1, a presented minor nonconformity, has no plan yet
	assert.False(t, a.Can(EventStartFollowUp))
	requireRefused(t, a.Check(EventStartFollowUp), ismsaudit.ReasonGuard, RuleFollowUpEveryNC)
	err := refuses(t, a, func() error { return a.StartFollowUp(byLead(march(7, 9))) })
	requireRefused(t, err, ismsaudit.ReasonGuard, RuleFollowUpEveryNC)
	requireInvalid(t, err, problem{"Findings[0]", RuleFollowUpEveryNC})
	require.NoError(t, Verify(a, nil), "a completed audit may wait for the auditee's plans")

	require.NoError(t, a.PlanCorrectiveAction("F-1", actionPlan, ismsaudit.Meta{At: march(7, 10), By: "carl"}))
	requireRefused(t, refuses(t, a, func() error { return a.StartFollowUp(byLead(march(7, 9))) }), ismsaudit.ReasonGuard, RuleFollowUpEveryNC,
		"follow-up does not start before the plan it follows")
	require.NoError(t, a.StartFollowUp(byLead(march(7, 10))))
	require.NoError(t, Verify(a, nil))
}
