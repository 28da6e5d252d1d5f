package audit

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fdPlan is a complete corrective action plan.
var fdPlan = CorrectiveActionPlan{
	Correction: "retention raised to 90 days on the payment servers",
	RootCause:  "the logging standard was not applied to servers built from the old image",
	Action:     "server images carry the logging standard; builds are checked against it",
	DueAt:      fdDueAt,
}

// fdFollowUpStage returns an audit in state s after the closing meeting:
// F-1 a presented major nonconformity, F-2 a presented observation, F-3 a
// withdrawn nonconformity, and verified evidence E-7 for verifications.
func fdFollowUpStage(t fdT, s State) *Audit {
	a := fdAudit(t, s)
	a.Findings = []Finding{
		fdFindingIn(t, fdNC("F-1", Major, fdA815, "E-1"), FindingPresented),
		fdFindingIn(t, fdObservation("F-2", fdA51), FindingAcknowledged),
		fdFindingIn(t, fdNC("F-3", Minor, fdA815, "E-1"), FindingWithdrawn),
	}
	a.Conclusion = fdConclusion(t, RecommendAfterVerification, ConclusionPresented)
	a.Evidence = append(a.Evidence, fdEvidence(t, "E-7", EvidenceVerified, fdFUEvidAt))
	return a
}

func TestPlanCorrectiveAction(t *testing.T) {
	m := fdMeta(fdPlanAt, "auditee-ciso")
	t.Run("creates the follow-up in planning", func(t *testing.T) {
		a := fdFollowUpStage(t, StateClosing)
		require.NoError(t, a.PlanCorrectiveAction("F-1", fdPlan, m))
		want := []FollowUp{{
			Finding: "F-1", Correction: fdPlan.Correction, RootCause: fdPlan.RootCause, Action: fdPlan.Action, DueAt: fdPlan.DueAt,
			PlannedAt: m.At, PlannedBy: m.By, State: FollowUpPlanning, History: []FollowUpEntry{},
		}}
		if diff := cmp.Diff(want, a.FollowUps); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
		assert.Equal(t, fdPlan, a.FollowUps[0].Plan())
	})
	t.Run("a partial plan can be completed while planning", func(t *testing.T) {
		a := fdFollowUpStage(t, StateReported)
		require.NoError(t, a.PlanCorrectiveAction("F-1", CorrectiveActionPlan{Correction: fdPlan.Correction}, m))
		rule, _ := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.AcceptCorrectiveAction("F-1", fdMeta(fdAcceptAt, fdLead)) }))
		assert.Equal(t, RuleFollowUpPlan, rule)

		later := fdMeta(fdPlanAt.Add(time.Hour), "auditee-ciso")
		require.NoError(t, a.PlanCorrectiveAction("F-1", fdPlan, later))
		u := a.FollowUps[0]
		assert.Equal(t, fdPlan, u.Plan())
		assert.Equal(t, []CorrectiveActionRecord{{Plan: CorrectiveActionPlan{Correction: fdPlan.Correction}, RecordedAt: m.At, RecordedBy: m.By}}, u.EarlierPlans)
		assert.Equal(t, later.At, u.PlannedAt)
		require.NoError(t, a.AcceptCorrectiveAction("F-1", fdMeta(fdAcceptAt, fdLead)))
	})
	t.Run("an accepted plan is not replaced", func(t *testing.T) {
		for _, s := range []FollowUpState{FollowUpAccepted, FollowUpImplemented, FollowUpClosed} {
			a := fdFollowUpStage(t, StateFollowUp)
			a.FollowUps = []FollowUp{fdFollowUp(t, "F-1", s)}
			rule, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.PlanCorrectiveAction("F-1", fdPlan, fdMeta(fdCloseAt, "ciso")) }))
			assert.Equal(t, RuleFollowUpReplan, rule, "%s", s)
			assert.Equal(t, ismsaudit.ReasonWrongState, reason)
		}
	})
	tests := []struct {
		name    string
		finding FindingID
		plan    CorrectiveActionPlan
		meta    ismsaudit.Meta
		want    [][2]string
	}{
		{"an observation", "F-2", fdPlan, m, [][2]string{{"Finding", string(RuleFollowUpPhase)}}},
		{"a withdrawn nonconformity", "F-3", fdPlan, m, [][2]string{{"Finding", string(RuleFollowUpPhase)}}},
		{"an empty plan", "F-1", CorrectiveActionPlan{DueAt: fdDueAt}, m, [][2]string{{"Plan", "required"}}},
		{"due before recorded", "F-1", CorrectiveActionPlan{Action: "x", DueAt: fdPlanAt.Add(-time.Second)}, m, [][2]string{{"Plan.DueAt", "not-before-event"}}},
		{"no meta", "F-1", fdPlan, ismsaudit.Meta{}, [][2]string{{"Meta.At", "required"}, {"Meta.By", "required"}}},
		{"a note", "F-1", fdPlan, ismsaudit.Meta{At: m.At, By: m.By, Note: "n"}, [][2]string{{"Meta.Note", "empty"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fdFollowUpStage(t, StateClosing)
			ve := fdValidation(t, fdRefuses(t, a, func() error { return a.PlanCorrectiveAction(tt.finding, tt.plan, tt.meta) }))
			for _, w := range tt.want {
				assert.True(t, ve.Has(w[0], ismsaudit.RuleID(w[1])), "want %s %s in %v", w[0], w[1], ve.Fields)
			}
			assert.Len(t, ve.Fields, len(tt.want), "%v", ve.Fields)
		})
	}
	t.Run("not before the nonconformity was presented", func(t *testing.T) {
		a := fdFollowUpStage(t, StateClosing)
		ve := fdValidation(t, fdRefuses(t, a, func() error {
			return a.PlanCorrectiveAction("F-1", fdPlan, fdMeta(fdClosingAt.Add(-time.Minute), "ciso"))
		}))
		assert.True(t, ve.Has("Meta.At", "not-before-last"))
	})
	t.Run("a replacement does not go back in time", func(t *testing.T) {
		a := fdFollowUpStage(t, StateClosing)
		require.NoError(t, a.PlanCorrectiveAction("F-1", fdPlan, m))
		ve := fdValidation(t, fdRefuses(t, a, func() error {
			return a.PlanCorrectiveAction("F-1", fdPlan, fdMeta(m.At.Add(-time.Minute), "ciso"))
		}))
		assert.True(t, ve.Has("Meta.At", "not-before-last"))
	})
	t.Run("unknown finding", func(t *testing.T) {
		a := fdFollowUpStage(t, StateClosing)
		require.ErrorIs(t, fdRefuses(t, a, func() error { return a.PlanCorrectiveAction("F-9", fdPlan, m) }), ismsaudit.ErrNotFound)
	})
	t.Run("only from the closing meeting until the audit closes", func(t *testing.T) {
		for _, s := range []State{StateInitiation, StatePreparation, StateFieldwork, StateFindings, StateClosed, StateTerminated} {
			a := fdFollowUpStage(t, StateClosing)
			a.State = s
			rule, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.PlanCorrectiveAction("F-1", fdPlan, m) }))
			assert.Equal(t, RuleFollowUpPhase, rule, "state %s", s)
			assert.Equal(t, ismsaudit.ReasonWrongState, reason)
		}
	})
}

func TestVerifyCorrectiveAction(t *testing.T) {
	implemented := func(t *testing.T) *Audit {
		a := fdFollowUpStage(t, StateFollowUp)
		a.FollowUps = []FollowUp{fdFollowUp(t, "F-1", FollowUpImplemented)}
		return a
	}
	m := fdMeta(fdVerifyAt, fdAuditor)
	t.Run("effective closes", func(t *testing.T) {
		a := implemented(t)
		ids := []ismsaudit.EvidenceID{"E-2", "E-7"}
		require.NoError(t, a.VerifyCorrectiveAction("F-1", true, ids, m))
		u := a.FollowUps[0]
		assert.Equal(t, FollowUpClosed, u.State)
		assert.Equal(t, fdAuditor, u.VerifiedBy)
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
			m := m
			m.Note = "not effective"
			rule, _ := fdTransitionRule(t, fdRefuses(t, a, func() error {
				return a.VerifyCorrectiveAction("F-1", effective, []ismsaudit.EvidenceID{"E-7", "E-3"}, m)
			}))
			assert.Equal(t, RuleEvidenceVerified, rule, "effective: %v", effective)
		}
	})
	t.Run("ineffective goes back to planning, and a new plan can follow", func(t *testing.T) {
		a := implemented(t)
		rule, _ := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.VerifyCorrectiveAction("F-1", false, nil, m) }))
		assert.Equal(t, RuleFollowUpIneffective, rule, "needs a note")

		bad := ismsaudit.Meta{At: fdVerifyAt, By: fdAuditor, Note: "logs on two servers still rotate after 7 days"}
		require.NoError(t, a.VerifyCorrectiveAction("F-1", false, []ismsaudit.EvidenceID{"E-7"}, bad))
		u := a.FollowUps[0]
		assert.Equal(t, FollowUpPlanning, u.State)
		assert.Empty(t, u.VerifiedBy)
		assert.Nil(t, u.Evidence)
		assert.Equal(t, []Verification{{At: bad.At, By: bad.By, Evidence: []ismsaudit.EvidenceID{"E-7"}, Note: bad.Note}}, u.Verifications)

		replan := fdPlan
		replan.Action = "rebuild the two servers from the new image"
		require.NoError(t, a.PlanCorrectiveAction("F-1", replan, fdMeta(fdVerifyAt.Add(time.Hour), "ciso")))
		require.NoError(t, a.AcceptCorrectiveAction("F-1", fdMeta(fdVerifyAt.Add(2*time.Hour), fdLead)))
		require.NoError(t, a.MarkImplemented("F-1", fdMeta(fdVerifyAt.Add(3*time.Hour), "ciso")))
		require.NoError(t, a.VerifyCorrectiveAction("F-1", true, []ismsaudit.EvidenceID{"E-7"}, fdMeta(fdVerifyAt.Add(4*time.Hour), fdLead)))
		u = a.FollowUps[0]
		assert.Equal(t, FollowUpClosed, u.State)
		assert.Len(t, u.History, 6)
		assert.Len(t, u.Verifications, 2)
		assert.Equal(t, []CorrectiveActionRecord{{Plan: fdPlan, RecordedAt: fdPlanAt, RecordedBy: "auditee-ciso"}}, u.EarlierPlans)
		_, err := followUpMachine.Replay(u.History)
		require.NoError(t, err)
	})
	refusals := []struct {
		name      string
		effective bool
		evidence  []ismsaudit.EvidenceID
		meta      ismsaudit.Meta
		rule      ismsaudit.RuleID
	}{
		{"a technical expert", true, []ismsaudit.EvidenceID{"E-7"}, fdMeta(fdVerifyAt, fdExpert), RuleFollowUpVerified},
		{"someone off the team", true, []ismsaudit.EvidenceID{"E-7"}, fdMeta(fdVerifyAt, fdOutsider), RuleFollowUpVerified},
		{"no evidence", true, nil, m, RuleFollowUpVerified},
		{"unverified evidence only", true, []ismsaudit.EvidenceID{"E-3", "E-4", "E-5"}, m, RuleFollowUpVerified},
		{"evidence verified only later", true, []ismsaudit.EvidenceID{"E-7"}, fdMeta(fdFUEvidAt, fdLead), RuleFollowUpVerified},
		{"ineffective by an outsider", false, nil, ismsaudit.Meta{At: fdVerifyAt, By: fdOutsider, Note: "n"}, RuleFollowUpIneffective},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			a := implemented(t)
			rule, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.VerifyCorrectiveAction("F-1", tt.effective, tt.evidence, tt.meta) }))
			assert.Equal(t, tt.rule, rule)
			assert.Equal(t, ismsaudit.ReasonGuard, reason)
		})
	}
	t.Run("unknown and repeated evidence", func(t *testing.T) {
		a := implemented(t)
		err := fdRefuses(t, a, func() error {
			return a.VerifyCorrectiveAction("F-1", true, []ismsaudit.EvidenceID{"E-7", "E-99", "E-7"}, m)
		})
		ve := fdValidation(t, err)
		require.ErrorIs(t, err, ismsaudit.ErrNotFound)
		assert.True(t, ve.Has("Evidence[1]", "unknown"))
		assert.True(t, ve.Has("Evidence[2]", "unique"))
	})
	t.Run("no follow-up", func(t *testing.T) {
		a := fdFollowUpStage(t, StateFollowUp)
		require.ErrorIs(t, fdRefuses(t, a, func() error { return a.VerifyCorrectiveAction("F-1", true, []ismsaudit.EvidenceID{"E-7"}, m) }), ismsaudit.ErrNotFound)
		require.ErrorIs(t, fdRefuses(t, a, func() error { return a.AcceptCorrectiveAction("F-1", m) }), ismsaudit.ErrNotFound)
		require.ErrorIs(t, fdRefuses(t, a, func() error { return a.MarkImplemented("F-1", m) }), ismsaudit.ErrNotFound)
	})
	t.Run("an event does not precede the plan", func(t *testing.T) {
		a := fdFollowUpStage(t, StateFollowUp)
		require.NoError(t, a.PlanCorrectiveAction("F-1", fdPlan, fdMeta(fdPlanAt, "ciso")))
		_, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.AcceptCorrectiveAction("F-1", fdMeta(fdPlanAt.Add(-time.Hour), fdLead)) }))
		assert.Equal(t, ismsaudit.ReasonMeta, reason)
	})
}

// TestFollowUpOperationsMatrix runs the operation behind every follow-up
// event in every state (see TestFindingOperationsMatrix).
func TestFollowUpOperationsMatrix(t *testing.T) {
	m := fdMeta(fdCloseAt, fdLead)
	ops := map[FollowUpEvent]func(*Audit) error{
		FollowUpAcceptPlan: func(a *Audit) error { return a.AcceptCorrectiveAction("F-1", m) },
		FollowUpImplement:  func(a *Audit) error { return a.MarkImplemented("F-1", m) },
		FollowUpVerifyEffective: func(a *Audit) error {
			return a.VerifyCorrectiveAction("F-1", true, []ismsaudit.EvidenceID{"E-7"}, m)
		},
		FollowUpVerifyIneffective: func(a *Audit) error {
			return a.VerifyCorrectiveAction("F-1", false, []ismsaudit.EvidenceID{"E-7"}, ismsaudit.Meta{At: m.At, By: m.By, Note: "still failing"})
		},
	}
	for s := range FollowUpStates() {
		for e := range FollowUpEvents() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				a := fdFollowUpStage(t, StateFollowUp)
				a.FollowUps = []FollowUp{fdFollowUp(t, "F-1", s)}
				to, ok := fdWantFollowUp[s][e]
				if !ok {
					_, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return ops[e](a) }))
					assert.Contains(t, []ismsaudit.Reason{ismsaudit.ReasonNoTransition, ismsaudit.ReasonTerminal}, reason)
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
	a := fdFollowUpStage(t, StateFollowUp)
	a.Findings = append(a.Findings,
		fdFindingIn(t, fdNC("F-4", Minor, fdClause92, "E-2"), FindingAcknowledged),
		fdFindingIn(t, fdNC("F-5", Minor, fdClause92, "E-2"), FindingAcknowledged),
		fdFindingIn(t, fdNC("F-6", Minor, fdClause92, "E-2"), FindingAcknowledged))
	noDue := fdFollowUp(t, "F-6", FollowUpPlanning)
	noDue.DueAt = time.Time{}
	a.FollowUps = []FollowUp{fdFollowUp(t, "F-1", FollowUpImplemented), fdFollowUp(t, "F-4", FollowUpClosed), fdFollowUp(t, "F-5", FollowUpPlanning), noDue}
	tests := []struct {
		at   time.Time
		want []FindingID
	}{
		{fdDueAt.Add(-time.Second), nil},
		{fdDueAt, nil},
		{fdDueAt.Add(time.Second), []FindingID{"F-1", "F-5"}},
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
	over := a.Overdue(fdCloseAt)
	over[0].History[0].By = "mallory"
	assert.Equal(t, fdLead, a.FollowUps[0].History[0].By, "Overdue returns copies")

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
