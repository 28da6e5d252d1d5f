package audit

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCoreAuditLifecycleTable fires every event of the audit lifecycle in
// every state, through the operation that fires it, with valid input: an
// event the table has a row for succeeds and appends exactly one history
// entry; any other is refused as a *ismsaudit.TransitionError and changes nothing.
// Distribute also appends to the distribution list once the report is
// distributed, without an event.
func TestCoreAuditLifecycleTable(t *testing.T) {
	for s := range States() {
		for e := range Events() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				a := coreAuditIn(t, s)
				if e == EventClose {
					coreCloseFollowUps(a, 150)
				}
				before := coreCopy(a)
				err := coreFire(a, e, coreM(300))
				next, row := auditMachine.Next(s, e)
				appends := e == EventDistribute && slices.Contains([]State{StateDistributed, StateCompleted, StateFollowUp}, s)
				switch {
				case row:
					require.NoError(t, err)
					assert.Equal(t, next, a.State)
					require.Len(t, a.History, len(before.History)+1)
					assert.Equal(t, Entry{From: s, Event: e, To: next, At: coreAt(300), By: "lead"}, a.History[len(a.History)-1])
					assert.Equal(t, before.History, a.History[:len(before.History)], "history is append-only")
				case appends:
					require.NoError(t, err)
					assert.Equal(t, s, a.State)
					assert.Equal(t, before.History, a.History)
					assert.Len(t, a.Report.Distribution, len(before.Report.Distribution)+len(coreRecipients()))
				default:
					require.ErrorIs(t, err, ismsaudit.ErrTransition)
					var te *ismsaudit.TransitionError
					require.ErrorAs(t, err, &te)
					assert.Contains(t, []ismsaudit.Reason{ismsaudit.ReasonNoTransition, ismsaudit.ReasonTerminal, ismsaudit.ReasonWrongState}, te.Reason)
					assert.Equal(t, string(s), te.State)
					coreUnchanged(t, before, a)
				}
			})
		}
	}
}

// TestCorePlanLifecycleTable fires every plan event in every plan state.
func TestCorePlanLifecycleTable(t *testing.T) {
	reach := map[PlanState][]PlanEvent{
		PlanDraft:        nil,
		PlanApproved:     {PlanApprove},
		PlanCommunicated: {PlanApprove, PlanCommunicate},
	}
	for s := range PlanStates() {
		for e := range PlanEvents() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				a := coreAuditIn(t, StateInitiation)
				require.NoError(t, a.Prepare(coreM(10)))
				require.NoError(t, a.DraftPlan(corePlanContent(), coreM(11)))
				for i, pe := range reach[s] {
					require.NoError(t, coreFirePlan(a, pe, coreM(12+i)))
				}
				require.Equal(t, s, a.Plan.State)
				before := coreCopy(a)
				err := coreFirePlan(a, e, coreM(20))
				next, row := planMachine.Next(s, e)
				if !row {
					require.ErrorIs(t, err, ismsaudit.ErrTransition)
					var te *ismsaudit.TransitionError
					require.ErrorAs(t, err, &te)
					assert.Equal(t, ismsaudit.ReasonNoTransition, te.Reason)
					assert.Equal(t, "audit.plan", te.Machine)
					coreUnchanged(t, before, a)
					return
				}
				require.NoError(t, err)
				assert.Equal(t, next, a.Plan.State)
				require.Len(t, a.Plan.History, len(before.Plan.History)+1)
				assert.Equal(t, PlanEntry{From: s, Event: e, To: next, At: coreAt(20), By: "lead"}, a.Plan.History[len(a.Plan.History)-1])
				wantVersions := len(before.Plan.Versions)
				if e == PlanApprove {
					wantVersions++
				}
				require.Len(t, a.Plan.Versions, wantVersions)
				if diff := cmp.Diff(before.Plan.Versions, a.Plan.Versions[:len(before.Plan.Versions)], coreEquateEmpty); diff != "" {
					t.Errorf("versions are append-only: mismatch (-want +got):\n%s", diff)
				}
				assert.Equal(t, before.History, a.History, "the plan's events leave the audit's history alone")
			})
		}
	}
}
