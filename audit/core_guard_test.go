package audit

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// TestCoreGuards checks that each guard of the audit lifecycle refuses its
// event with a *ismsaudit.TransitionError citing its rule, and that the refusal
// changes nothing.
func TestCoreGuards(t *testing.T) {
	tests := []struct {
		name  string
		state State
		setup func(a *Audit)
		fire  func(a *Audit) error
		rule  ismsaudit.RuleID
		// path, when set, is a field the wrapped *ismsaudit.ValidationError names.
		path string
	}{
		{name: "prepare without contact", state: StateInitiation, setup: func(a *Audit) { a.Contact = nil },
			fire: func(a *Audit) error { return a.Prepare(coreM(300)) }, rule: RuleInitContact},
		{name: "prepare without feasibility", state: StateInitiation, setup: func(a *Audit) { a.Feasibility = nil },
			fire: func(a *Audit) error { return a.Prepare(coreM(300)) }, rule: RuleInitFeasible},
		{name: "prepare when not feasible", state: StateInitiation, setup: func(a *Audit) { a.Feasibility.Cooperation = false },
			fire: func(a *Audit) error { return a.Prepare(coreM(300)) }, rule: RuleInitFeasible},
		{name: "open before the plan is communicated", state: StatePreparation, setup: func(a *Audit) { a.Plan.State = PlanApproved },
			fire: func(a *Audit) error { return coreFire(a, EventOpen, coreM(300)) }, rule: RuleOpenAfterPlan},
		{name: "open without a plan", state: StatePreparation, setup: func(a *Audit) { a.Plan = nil },
			fire: func(a *Audit) error { return coreFire(a, EventOpen, coreM(300)) }, rule: RuleOpenAfterPlan},
		{name: "open without confirming the plan", state: StatePreparation,
			fire: func(a *Audit) error {
				om := coreOpening(300)
				om.PlanConfirmed = false
				return a.HoldOpeningMeeting(om, coreM(300))
			}, rule: RuleOpeningMeeting, path: "PlanConfirmed"},
		{name: "open without attendees", state: StatePreparation,
			fire: func(a *Audit) error {
				om := coreOpening(300)
				om.Attendees = nil
				return a.HoldOpeningMeeting(om, coreM(300))
			}, rule: RuleOpeningMeeting, path: "Attendees"},
		{name: "open without explaining the guide's role", state: StatePreparation,
			fire: func(a *Audit) error {
				om := coreOpening(300)
				om.RolesExplained = false
				return a.HoldOpeningMeeting(om, coreM(300))
			}, rule: RuleOpeningMeeting, path: "RolesExplained"},
		{name: "end fieldwork with an item pending", state: StateFieldwork, setup: func(a *Audit) { a.Checklist.Items[2].Result = "not-assessed" },
			fire: func(a *Audit) error { return a.EndFieldwork(coreM(300)) }, rule: RuleFieldworkCovered, path: "Checklist.Items[2]"},
		{name: "end fieldwork with the plan revised", state: StateFieldwork, setup: func(a *Audit) {
			require.NoError(t, a.RevisePlan(coreM(250)))
		}, fire: func(a *Audit) error { return a.EndFieldwork(coreM(300)) }, rule: RulePlanCommunicated},
		{name: "closing without conclusions", state: StateFindings, setup: func(a *Audit) { a.Conclusion = nil },
			fire: func(a *Audit) error { return coreFire(a, EventHoldClosingMeeting, coreM(300)) }, rule: RuleClosingAfterConclusions},
		{name: "closing with draft conclusions", state: StateFindings, setup: func(a *Audit) { a.Conclusion.State, a.Conclusion.History = ConclusionDraft, nil },
			fire: func(a *Audit) error { return coreFire(a, EventHoldClosingMeeting, coreM(300)) }, rule: RuleClosingAfterConclusions},
		{name: "closing without the agreed follow-up", state: StateFindings,
			fire: func(a *Audit) error {
				cm := coreClosing(300)
				cm.AgreedFollowUp = ""
				return a.HoldClosingMeeting(cm, coreM(300))
			}, rule: RuleClosingMeeting, path: "AgreedFollowUp"},
		{name: "closing without presenting the conclusions", state: StateFindings,
			fire: func(a *Audit) error {
				cm := coreClosing(300)
				cm.ConclusionsPresented = false
				return a.HoldClosingMeeting(cm, coreM(300))
			}, rule: RuleClosingMeeting, path: "ConclusionsPresented"},
		{name: "closing with a disputed finding and no opinion", state: StateFindings, setup: func(a *Audit) { a.Findings[0].State = FindingDisputed },
			fire: func(a *Audit) error { return coreFire(a, EventHoldClosingMeeting, coreM(300)) }, rule: RuleClosingMeeting, path: "DivergingOpinions"},
		{name: "report without a closing record", state: StateClosing, setup: func(a *Audit) { a.Closing = nil },
			fire: func(a *Audit) error { return a.IssueReport(coreM(300)) }, rule: RuleReportAfterClosing},
		{name: "distribute to nobody", state: StateReported,
			fire: func(a *Audit) error { return a.Distribute(nil, coreM(300)) }, rule: RuleReportDistributed, path: "Recipients"},
		{name: "distribute without clearance", state: StateReported,
			fire: func(a *Audit) error { return a.Distribute([]Recipient{{Name: "Board"}}, coreM(300)) }, rule: RuleReportDistributed, path: "Recipients[0].Clearance"},
		{name: "distribute again to an unnamed recipient", state: StateDistributed,
			fire: func(a *Audit) error {
				return a.Distribute([]Recipient{{Clearance: ConfidentialityPublic}}, coreM(300))
			}, rule: RuleReportDistributed, path: "Recipients[0].Name"},
		{name: "distribute to the same recipient twice", state: StateCompleted,
			fire: func(a *Audit) error {
				r := Recipient{Name: "Auditor", Clearance: ConfidentialityPublic}
				return a.Distribute([]Recipient{r, r}, coreM(300))
			}, rule: RuleReportDistributed, path: "Recipients[1].Name"},
		{name: "complete without records arrangement", state: StateDistributed,
			fire: func(a *Audit) error { return a.Complete(Completion{}, coreM(300)) }, rule: RuleCompleteRecords, path: "Records"},
		{name: "complete without distribution", state: StateDistributed, setup: func(a *Audit) { a.Report.Distribution = nil },
			fire: func(a *Audit) error { return a.Complete(coreCompletion(), coreM(300)) }, rule: RuleCompleteAfterDistribution},
		{name: "follow-up with nothing to follow", state: StateCompleted, setup: func(a *Audit) { coreCloseFollowUps(a, 150) },
			fire: func(a *Audit) error { return a.StartFollowUp(coreM(300)) }, rule: RuleFollowUpStart},
		{name: "close with a follow-up open", state: StateCompleted,
			fire: func(a *Audit) error { return a.Close(coreM(300)) }, rule: RuleCloseFollowUps, path: "Findings[0]"},
		{name: "close from follow-up with a follow-up missing", state: StateFollowUp, setup: func(a *Audit) { a.FollowUps = nil },
			fire: func(a *Audit) error { return a.Close(coreM(300)) }, rule: RuleCloseFollowUps, path: "Findings[0]"},
		{name: "terminate without a reason", state: StateFieldwork,
			fire: func(a *Audit) error { return a.Terminate("  ", coreM(300)) }, rule: RuleTerminateReason},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := coreAuditIn(t, tt.state)
			if tt.setup != nil {
				tt.setup(a)
			}
			before := coreCopy(a)
			err := tt.fire(a)
			require.ErrorIs(t, err, ismsaudit.ErrTransition)
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, ismsaudit.ReasonGuard, te.Reason)
			assert.Equal(t, tt.rule, te.Rule)
			_, ok := LookupRule(te.Rule)
			assert.True(t, ok, "the rule is in the catalogue")
			if tt.path != "" {
				var ve *ismsaudit.ValidationError
				require.ErrorAs(t, err, &ve)
				assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %s at %s in %v", tt.rule, tt.path, ve.Fields)
			}
			coreUnchanged(t, before, a)
		})
	}
}

// TestCoreCanAndPermitted checks that Can and Permitted agree with the
// guards on the audit itself, and leave the record alone.
func TestCoreCanAndPermitted(t *testing.T) {
	tests := []struct {
		state State
		setup func(a *Audit)
		want  []Event
	}{
		{StateInitiation, nil, []Event{EventPrepare, EventTerminate}},
		{StateInitiation, func(a *Audit) { a.Contact = nil }, []Event{EventTerminate}},
		{StatePreparation, nil, []Event{EventOpen, EventTerminate}},
		{StatePreparation, func(a *Audit) { a.Plan.State = PlanApproved }, []Event{EventTerminate}},
		{StateFieldwork, nil, []Event{EventEndFieldwork, EventTerminate}},
		{StateFindings, nil, []Event{EventHoldClosingMeeting, EventTerminate}},
		{StateClosing, nil, []Event{EventIssueReport, EventTerminate}},
		{StateReported, nil, []Event{EventDistribute, EventTerminate}},
		{StateDistributed, nil, []Event{EventComplete, EventTerminate}},
		{StateCompleted, nil, []Event{EventStartFollowUp}},
		{StateCompleted, func(a *Audit) { coreCloseFollowUps(a, 150) }, []Event{EventClose}},
		{StateFollowUp, nil, nil},
		{StateClosed, nil, nil},
		{StateTerminated, nil, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.state), func(t *testing.T) {
			a := coreAuditIn(t, tt.state)
			if tt.setup != nil {
				tt.setup(a)
			}
			before := coreCopy(a)
			assert.Equal(t, tt.want, a.Permitted())
			for e := range Events() {
				assert.Equal(t, a.Can(e), slices.Contains(tt.want, e), "Can(%s)", e)
			}
			coreUnchanged(t, before, a)
		})
	}
}

// TestCoreMetaRefused checks that an event needs a time no earlier than
// the record's latest and an actor.
func TestCoreMetaRefused(t *testing.T) {
	tests := []struct {
		name string
		m    ismsaudit.Meta
	}{
		{"no time", ismsaudit.Meta{By: "lead"}},
		{"no actor", ismsaudit.Meta{At: coreAt(300)}},
		{"before the last event", coreM(29)},
		{"before the plan's last entry", ismsaudit.Meta{At: coreAt(12), By: "lead"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := coreAuditIn(t, StateFieldwork)
			before := coreCopy(a)
			err := a.EndFieldwork(tt.m)
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, ismsaudit.ReasonMeta, te.Reason)
			coreUnchanged(t, before, a)
		})
	}
	t.Run("prepare before the feasibility decision", func(t *testing.T) {
		a := coreAuditIn(t, StateInitiation)
		a.Feasibility.DecidedAt = coreAt(8)
		err := a.Prepare(coreM(7))
		var te *ismsaudit.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, ismsaudit.ReasonMeta, te.Reason)
	})
	t.Run("later distribution before the previous one", func(t *testing.T) {
		a := coreAuditIn(t, StateDistributed)
		before := coreCopy(a)
		err := a.Distribute([]Recipient{{Name: "Auditor", Clearance: ConfidentialityPublic}}, coreM(99))
		var te *ismsaudit.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, ismsaudit.ReasonMeta, te.Reason)
		coreUnchanged(t, before, a)
	})
}

// TestCoreCheck checks that Check and CheckPlan agree with Can and
// CanPlan, and give the refusal firing would give.
func TestCoreCheck(t *testing.T) {
	for s := range States() {
		if s == StateTerminated || s == StateClosed {
			continue
		}
		a := coreAuditIn(t, s)
		for e := range Events() {
			err := a.Check(e)
			assert.Equal(t, a.Can(e), err == nil, "%s in %s: %v", e, s, err)
			if err != nil {
				var te *ismsaudit.TransitionError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, string(s), te.State)
				assert.Equal(t, string(e), te.Event)
			}
		}
		for e := range PlanEvents() {
			err := a.CheckPlan(e)
			assert.Equal(t, a.CanPlan(e), err == nil, "plan %s in %s: %v", e, s, err)
			if err != nil {
				require.ErrorIs(t, err, ismsaudit.ErrTransition)
			}
		}
	}
	a := coreAuditIn(t, StateFieldwork)
	a.Checklist.Items[0].Result, a.Checklist.Items[0].EvidenceRefs = annexa.NotAssessed, nil
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, a.Check(EventEndFieldwork), &te)
	assert.Equal(t, RuleFieldworkCovered, te.Rule)
	var fired *ismsaudit.TransitionError
	require.ErrorAs(t, a.EndFieldwork(coreM(60)), &fired)
	assert.Equal(t, [4]string{fired.State, fired.Event, string(fired.Reason), string(fired.Rule)}, [4]string{te.State, te.Event, string(te.Reason), string(te.Rule)})
}
