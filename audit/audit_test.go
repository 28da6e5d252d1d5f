package audit

import (
	"slices"
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tests of each concept's operations list their cases in the tables
// below and run them through the same checks; this file keeps the tests of
// the audit as a whole: its lifecycle, Can, Permitted and Check, and the
// operations of audit.go (EndFieldwork, Terminate).

// guardCase is an event a guard of the audit lifecycle refuses: fire,
// run on the fixture audit in state after setup, is refused citing rule.
type guardCase struct {
	name  string
	state State
	setup func(a *Audit)
	fire  func(a *Audit) error
	rule  ismsaudit.RuleID
	// path, when set, is a field the wrapped *ismsaudit.ValidationError names.
	path string
}

// testGuards checks that each guard refuses its event with a
// *ismsaudit.TransitionError citing its rule, a rule of the catalogue, and
// that the refusal changes nothing.
func testGuards(t *testing.T, tests []guardCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditIn(t, tt.state)
			if tt.setup != nil {
				tt.setup(a)
			}
			before := deepCopy(a)
			err := tt.fire(a)
			te := requireRefused(t, err, ismsaudit.ReasonGuard, tt.rule)
			_, ok := LookupRule(te.Rule)
			assert.True(t, ok, "the rule is in the catalogue")
			if tt.path != "" {
				requireInvalid(t, err, problem{tt.path, tt.rule})
			}
			unchanged(t, before, a)
		})
	}
}

// badInputCase is an operation refused for its input: op, run on the
// fixture audit in state after setup, reports every problem in want.
type badInputCase struct {
	name  string
	state State
	// setup, when set, changes the record on purpose before op (the
	// refusal must then leave the record as setup left it).
	setup func(a *Audit)
	op    func(a *Audit) error
	want  []problem
}

// testBadInput checks an operation's input checks: all problems at once,
// with Go-field paths and rule tokens, and nothing changed.
func testBadInput(t *testing.T, tests []badInputCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditIn(t, tt.state)
			if tt.setup != nil {
				tt.setup(a)
			}
			before := deepCopy(a)
			err := tt.op(a)
			requireInvalid(t, err, tt.want...)
			unchanged(t, before, a)
		})
	}
}

// wrongStateCase is an operation run on the fixture audit in a state that
// does not allow it, refused citing rule.
type wrongStateCase struct {
	name  string
	state State
	op    func(a *Audit) error
	rule  ismsaudit.RuleID
}

// testWrongState checks that each operation outside the states that
// allow it is refused with the rule it breaks, and changes nothing.
func testWrongState(t *testing.T, tests []wrongStateCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditIn(t, tt.state)
			before := deepCopy(a)
			requireRefused(t, tt.op(a), ismsaudit.ReasonWrongState, tt.rule)
			unchanged(t, before, a)
		})
	}
}

// TestEndFieldworkGuards checks the guards of the end of fieldwork.
func TestEndFieldworkGuards(t *testing.T) {
	testGuards(t, []guardCase{
		{name: "end fieldwork with an item pending", state: StateFieldwork, setup: func(a *Audit) { a.Checklist.Items[2].Result = "not-assessed" },
			fire: func(a *Audit) error { return a.EndFieldwork(byLead(march(14, 21))) }, rule: RuleFieldworkCovered, path: "Checklist.Items[2]"},
		{name: "end fieldwork with the plan revised", state: StateFieldwork, setup: func(a *Audit) {
			require.NoError(t, a.RevisePlan(byLead(march(12, 19))))
		}, fire: func(a *Audit) error { return a.EndFieldwork(byLead(march(14, 21))) }, rule: RulePlanCommunicated},
	})
}

// TestTerminateGuards checks that termination needs a reason.
func TestTerminateGuards(t *testing.T) {
	testGuards(t, []guardCase{
		{name: "terminate without a reason", state: StateFieldwork,
			fire: func(a *Audit) error { return a.Terminate("  ", byLead(march(14, 21))) }, rule: RuleTerminateReason},
	})
}

// TestCanAndPermitted checks that Can and Permitted agree with the
// guards on the audit itself, and leave the record alone.
func TestCanAndPermitted(t *testing.T) {
	tests := []struct {
		state State
		setup func(a *Audit)
		want  []Event
	}{
		{StateInitiation, nil, []Event{EventPrepare, EventTerminate}},
		{StateInitiation, func(a *Audit) { a.Contact = nil }, []Event{EventTerminate}},
		{StatePreparation, nil, []Event{EventOpen, EventTerminate, EventAttachChecklist}},
		{StatePreparation, func(a *Audit) { a.Plan.State = PlanApproved }, []Event{EventTerminate, EventAttachChecklist}},
		{StatePreparation, func(a *Audit) { a.Plan = nil }, []Event{EventTerminate}},
		{StateFieldwork, nil, []Event{EventEndFieldwork, EventTerminate}},
		{StateFindings, nil, []Event{EventHoldClosingMeeting, EventTerminate}},
		{StateClosing, nil, []Event{EventIssueReport, EventTerminate}},
		{StateReported, nil, []Event{EventDistribute, EventTerminate}},
		{StateDistributed, nil, []Event{EventComplete, EventTerminate}},
		{StateCompleted, nil, []Event{EventStartFollowUp}},
		{StateCompleted, func(a *Audit) { closeFollowUps(a, march(8, 15)) }, []Event{EventClose}},
		{StateFollowUp, nil, nil},
		{StateClosed, nil, nil},
		{StateTerminated, nil, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.state), func(t *testing.T) {
			a := auditIn(t, tt.state)
			if tt.setup != nil {
				tt.setup(a)
			}
			before := deepCopy(a)
			assert.Equal(t, tt.want, a.Permitted())
			for e := range Events() {
				assert.Equal(t, a.Can(e), slices.Contains(tt.want, e), "Can(%s)", e)
			}
			unchanged(t, before, a)
		})
	}
}

// TestMetaRefused checks that an event needs a time no earlier than
// the record's latest and an actor.
func TestMetaRefused(t *testing.T) {
	tests := []struct {
		name string
		m    ismsaudit.Meta
	}{
		{"no time", ismsaudit.Meta{By: "lead"}},
		{"no actor", ismsaudit.Meta{At: march(14, 21)}},
		{"before the last event", byLead(march(3, 14))},
		{"before the plan's last entry", byLead(march(2, 21))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditIn(t, StateFieldwork)
			before := deepCopy(a)
			requireRefused(t, a.EndFieldwork(tt.m), ismsaudit.ReasonMeta, RuleRecordWhoWhen)
			unchanged(t, before, a)
		})
	}
}

// TestCheck checks that Check and CheckPlan agree with Can and
// CanPlan, and give the refusal firing would give.
func TestCheck(t *testing.T) {
	for s := range States() {
		if s == StateTerminated || s == StateClosed {
			continue
		}
		a := auditIn(t, s)
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
	a := auditIn(t, StateFieldwork)
	a.Checklist.Items[0].Result, a.Checklist.Items[0].EvidenceRefs = annexa.NotAssessed, nil
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, a.Check(EventEndFieldwork), &te)
	assert.Equal(t, RuleFieldworkCovered, te.Rule)
	var fired *ismsaudit.TransitionError
	require.ErrorAs(t, a.EndFieldwork(byLead(march(4, 21))), &fired)
	assert.Equal(t, [4]string{fired.State, fired.Event, string(fired.Reason), string(fired.Rule)}, [4]string{te.State, te.Event, string(te.Reason), string(te.Rule)})
}

// TestAuditLifecycleTable fires every event of the audit lifecycle in
// every state, through the operation that fires it, with valid input: an
// event the table has a row for succeeds and appends exactly one history
// entry; any other is refused as a *ismsaudit.TransitionError and changes nothing.
// Distribute also appends to the distribution list once the report is
// distributed, without an event.
func TestAuditLifecycleTable(t *testing.T) {
	for s := range States() {
		for e := range Events() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				a := auditIn(t, s)
				if e == EventClose {
					closeFollowUps(a, march(8, 15))
				}
				before := deepCopy(a)
				err := fire(a, e, byLead(march(14, 21)))
				next, row := auditMachine.Next(s, e)
				appends := e == EventDistribute && slices.Contains([]State{StateDistributed, StateCompleted, StateFollowUp}, s)
				switch {
				case row:
					require.NoError(t, err)
					assert.Equal(t, next, a.State)
					require.Len(t, a.History, len(before.History)+1)
					want := Entry{From: s, Event: e, To: next, At: march(14, 21), By: "lead"}
					if e == EventTerminate {
						want.Reason = "objectives unattainable" // the reason fire gives
					}
					assert.Equal(t, want, a.History[len(a.History)-1])
					assert.Equal(t, before.History, a.History[:len(before.History)], "history is append-only")
				case appends:
					require.NoError(t, err)
					assert.Equal(t, s, a.State)
					assert.Equal(t, before.History, a.History)
					assert.Len(t, a.Report.Distribution, len(before.Report.Distribution)+len(fixtureRecipients()))
				default:
					require.ErrorIs(t, err, ismsaudit.ErrTransition)
					var te *ismsaudit.TransitionError
					require.ErrorAs(t, err, &te)
					assert.Contains(t, []ismsaudit.Reason{ismsaudit.ReasonNoTransition, ismsaudit.ReasonTerminal, ismsaudit.ReasonWrongState}, te.Reason)
					assert.Equal(t, string(s), te.State)
					unchanged(t, before, a)
				}
			})
		}
	}
}
