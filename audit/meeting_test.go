package audit

import (
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClosingPresentation(t *testing.T) {
	m := byLead(closingAt)
	withFindings := func(t *testing.T) *Audit {
		a := stage2Audit(t, StateFindings)
		a.Findings = []Finding{
			findingIn(t, nonconformity("F-1", Major, controlA815, "E-1"), FindingConfirmed),
			findingIn(t, observation("F-2", controlA51), FindingWithdrawn),
			findingIn(t, observation("F-3", controlA51), FindingConfirmed),
		}
		a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionAgreed)
		return a
	}
	t.Run("presents every confirmed finding and the conclusions", func(t *testing.T) {
		a := withFindings(t)
		before := deepCopy(a)
		apply, err := a.prepareClosingPresentation(m)
		require.NoError(t, err)
		assert.Equal(t, before, a, "preparing changes nothing")
		apply()
		for i, want := range []FindingState{FindingPresented, FindingWithdrawn, FindingPresented} {
			assert.Equal(t, want, a.Findings[i].State, "F-%d", i+1)
			assert.Len(t, a.Findings[i].History, len(before.Findings[i].History)+btoi(want == FindingPresented))
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
		{"draft conclusions", func(a *Audit) { a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionDraft) }, m, RuleClosingAfterConclusions, ismsaudit.ReasonGuard},
		{"a draft finding", func(a *Audit) { a.Findings[2] = findingIn(t, observation("F-3", controlA51), FindingDraft) }, m, RuleConclusionAfterFindings, ismsaudit.ReasonGuard},
		{"not in the findings stage", func(a *Audit) { a.State = StateFieldwork }, m, RuleClosingAfterConclusions, ismsaudit.ReasonWrongState},
		{"no actor", func(*Audit) {}, ismsaudit.Meta{At: closingAt}, RuleRecordWhoWhen, ismsaudit.ReasonMeta},
		{"before a finding's last entry", func(*Audit) {}, byLead(confirmAt.Add(-time.Minute)), RuleRecordWhoWhen, ismsaudit.ReasonMeta},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := withFindings(t)
			tt.change(a)
			requireRefused(t, refuses(t, a, func() error {
				apply, err := a.prepareClosingPresentation(tt.meta)
				assert.Nil(t, apply)
				return err
			}), tt.reason, tt.rule)
		})
	}
}

// TestHoldOpeningMeetingGuards checks that fieldwork opens on the
// communicated plan, with an opening meeting that confirmed the plan,
// had attendees and explained the guide's role.
func TestHoldOpeningMeetingGuards(t *testing.T) {
	testGuards(t, []guardCase{
		{name: "open before the plan is communicated", state: StatePreparation, setup: func(a *Audit) { a.Plan.State = PlanApproved },
			fire: func(a *Audit) error { return fire(a, EventOpen, byLead(march(14, 21))) }, rule: RuleOpenAfterPlan},
		{name: "open without a plan", state: StatePreparation, setup: func(a *Audit) { a.Plan = nil },
			fire: func(a *Audit) error { return fire(a, EventOpen, byLead(march(14, 21))) }, rule: RuleOpenAfterPlan},
		{name: "open without confirming the plan", state: StatePreparation,
			fire: func(a *Audit) error {
				om := openingMeetingAt(march(14, 21))
				om.PlanConfirmed = false
				return a.HoldOpeningMeeting(om, byLead(march(14, 21)))
			}, rule: RuleOpeningMeeting, path: "PlanConfirmed"},
		{name: "open without attendees", state: StatePreparation,
			fire: func(a *Audit) error {
				om := openingMeetingAt(march(14, 21))
				om.Attendees = nil
				return a.HoldOpeningMeeting(om, byLead(march(14, 21)))
			}, rule: RuleOpeningMeeting, path: "Attendees"},
		{name: "open without explaining the guide's role", state: StatePreparation,
			fire: func(a *Audit) error {
				om := openingMeetingAt(march(14, 21))
				om.RolesExplained = false
				return a.HoldOpeningMeeting(om, byLead(march(14, 21)))
			}, rule: RuleOpeningMeeting, path: "RolesExplained"},
	})
}

// TestHoldOpeningMeetingRefusesBadInput checks the opening meeting's
// input checks.
func TestHoldOpeningMeetingRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "opening meeting undated", state: StatePreparation, op: func(a *Audit) error {
			return a.HoldOpeningMeeting(OpeningMeeting{Attendees: []Attendee{{}}}, byLead(march(3, 15)))
		}, want: []problem{{"Attendees[0].Name", "required"}}},
	})
}

// TestHoldClosingMeetingGuards checks that the closing meeting follows
// agreed conclusions, presents them, records the agreed follow-up and
// every diverging opinion.
func TestHoldClosingMeetingGuards(t *testing.T) {
	testGuards(t, []guardCase{
		{name: "closing without conclusions", state: StateFindings, setup: func(a *Audit) { a.Conclusion = nil },
			fire: func(a *Audit) error { return fire(a, EventHoldClosingMeeting, byLead(march(14, 21))) }, rule: RuleClosingAfterConclusions},
		{name: "closing with draft conclusions", state: StateFindings, setup: func(a *Audit) { a.Conclusion.State, a.Conclusion.History = ConclusionDraft, nil },
			fire: func(a *Audit) error { return fire(a, EventHoldClosingMeeting, byLead(march(14, 21))) }, rule: RuleClosingAfterConclusions},
		{name: "closing without the agreed follow-up", state: StateFindings,
			fire: func(a *Audit) error {
				cm := closingMeetingAt(march(14, 21))
				cm.AgreedFollowUp = ""
				return a.HoldClosingMeeting(cm, byLead(march(14, 21)))
			}, rule: RuleClosingMeeting, path: "AgreedFollowUp"},
		{name: "closing without presenting the conclusions", state: StateFindings,
			fire: func(a *Audit) error {
				cm := closingMeetingAt(march(14, 21))
				cm.ConclusionsPresented = false
				return a.HoldClosingMeeting(cm, byLead(march(14, 21)))
			}, rule: RuleClosingMeeting, path: "ConclusionsPresented"},
		{name: "closing with a disputed finding and no opinion", state: StateFindings, setup: func(a *Audit) { a.Findings[0].State = FindingDisputed },
			fire: func(a *Audit) error { return fire(a, EventHoldClosingMeeting, byLead(march(14, 21))) }, rule: RuleClosingMeeting, path: "DivergingOpinions"},
	})
}

// TestHoldClosingMeetingRefusesBadInput checks the closing meeting's
// input checks.
func TestHoldClosingMeetingRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "closing meeting before the opening", state: StateFindings, op: func(a *Audit) error {
			cm := closingMeetingAt(march(3, 5))
			cm.DivergingOpinions = []string{""}
			return a.HoldClosingMeeting(cm, byLead(march(5, 7)))
		}, want: []problem{{"HeldAt", "time-order"}, {"DivergingOpinions[0]", "required"}}},
	})
}
