package audit

import (
	"slices"
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAuditGuards checks that each guard of the audit lifecycle refuses its
// event with a *ismsaudit.TransitionError citing its rule, and that the refusal
// changes nothing.
func TestAuditGuards(t *testing.T) {
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
			fire: func(a *Audit) error { return a.Prepare(byLead(300)) }, rule: RuleInitContact},
		{name: "prepare without feasibility", state: StateInitiation, setup: func(a *Audit) { a.Feasibility = nil },
			fire: func(a *Audit) error { return a.Prepare(byLead(300)) }, rule: RuleInitFeasible},
		{name: "prepare when not feasible", state: StateInitiation, setup: func(a *Audit) { a.Feasibility.Cooperation = false },
			fire: func(a *Audit) error { return a.Prepare(byLead(300)) }, rule: RuleInitFeasible},
		{name: "open before the plan is communicated", state: StatePreparation, setup: func(a *Audit) { a.Plan.State = PlanApproved },
			fire: func(a *Audit) error { return fire(a, EventOpen, byLead(300)) }, rule: RuleOpenAfterPlan},
		{name: "open without a plan", state: StatePreparation, setup: func(a *Audit) { a.Plan = nil },
			fire: func(a *Audit) error { return fire(a, EventOpen, byLead(300)) }, rule: RuleOpenAfterPlan},
		{name: "open without confirming the plan", state: StatePreparation,
			fire: func(a *Audit) error {
				om := openingMeetingAt(300)
				om.PlanConfirmed = false
				return a.HoldOpeningMeeting(om, byLead(300))
			}, rule: RuleOpeningMeeting, path: "PlanConfirmed"},
		{name: "open without attendees", state: StatePreparation,
			fire: func(a *Audit) error {
				om := openingMeetingAt(300)
				om.Attendees = nil
				return a.HoldOpeningMeeting(om, byLead(300))
			}, rule: RuleOpeningMeeting, path: "Attendees"},
		{name: "open without explaining the guide's role", state: StatePreparation,
			fire: func(a *Audit) error {
				om := openingMeetingAt(300)
				om.RolesExplained = false
				return a.HoldOpeningMeeting(om, byLead(300))
			}, rule: RuleOpeningMeeting, path: "RolesExplained"},
		{name: "end fieldwork with an item pending", state: StateFieldwork, setup: func(a *Audit) { a.Checklist.Items[2].Result = "not-assessed" },
			fire: func(a *Audit) error { return a.EndFieldwork(byLead(300)) }, rule: RuleFieldworkCovered, path: "Checklist.Items[2]"},
		{name: "end fieldwork with the plan revised", state: StateFieldwork, setup: func(a *Audit) {
			require.NoError(t, a.RevisePlan(byLead(250)))
		}, fire: func(a *Audit) error { return a.EndFieldwork(byLead(300)) }, rule: RulePlanCommunicated},
		{name: "closing without conclusions", state: StateFindings, setup: func(a *Audit) { a.Conclusion = nil },
			fire: func(a *Audit) error { return fire(a, EventHoldClosingMeeting, byLead(300)) }, rule: RuleClosingAfterConclusions},
		{name: "closing with draft conclusions", state: StateFindings, setup: func(a *Audit) { a.Conclusion.State, a.Conclusion.History = ConclusionDraft, nil },
			fire: func(a *Audit) error { return fire(a, EventHoldClosingMeeting, byLead(300)) }, rule: RuleClosingAfterConclusions},
		{name: "closing without the agreed follow-up", state: StateFindings,
			fire: func(a *Audit) error {
				cm := closingMeetingAt(300)
				cm.AgreedFollowUp = ""
				return a.HoldClosingMeeting(cm, byLead(300))
			}, rule: RuleClosingMeeting, path: "AgreedFollowUp"},
		{name: "closing without presenting the conclusions", state: StateFindings,
			fire: func(a *Audit) error {
				cm := closingMeetingAt(300)
				cm.ConclusionsPresented = false
				return a.HoldClosingMeeting(cm, byLead(300))
			}, rule: RuleClosingMeeting, path: "ConclusionsPresented"},
		{name: "closing with a disputed finding and no opinion", state: StateFindings, setup: func(a *Audit) { a.Findings[0].State = FindingDisputed },
			fire: func(a *Audit) error { return fire(a, EventHoldClosingMeeting, byLead(300)) }, rule: RuleClosingMeeting, path: "DivergingOpinions"},
		{name: "report without a closing record", state: StateClosing, setup: func(a *Audit) { a.Closing = nil },
			fire: func(a *Audit) error { return a.IssueReport(byLead(300)) }, rule: RuleReportAfterClosing},
		{name: "distribute to nobody", state: StateReported,
			fire: func(a *Audit) error { return a.Distribute(nil, byLead(300)) }, rule: RuleReportDistributed, path: "Recipients"},
		{name: "distribute without clearance", state: StateReported,
			fire: func(a *Audit) error { return a.Distribute([]Recipient{{Name: "Board"}}, byLead(300)) }, rule: RuleReportDistributed, path: "Recipients[0].Clearance"},
		{name: "distribute again to an unnamed recipient", state: StateDistributed,
			fire: func(a *Audit) error {
				return a.Distribute([]Recipient{{Clearance: ConfidentialityPublic}}, byLead(300))
			}, rule: RuleReportDistributed, path: "Recipients[0].Name"},
		{name: "distribute to the same recipient twice", state: StateCompleted,
			fire: func(a *Audit) error {
				r := Recipient{Name: "Auditor", Clearance: ConfidentialityPublic}
				return a.Distribute([]Recipient{r, r}, byLead(300))
			}, rule: RuleReportDistributed, path: "Recipients[1].Name"},
		{name: "complete without records arrangement", state: StateDistributed,
			fire: func(a *Audit) error { return a.Complete(Completion{}, byLead(300)) }, rule: RuleCompleteRecords, path: "Records"},
		{name: "complete without distribution", state: StateDistributed, setup: func(a *Audit) { a.Report.Distribution = nil },
			fire: func(a *Audit) error { return a.Complete(fixtureCompletion(), byLead(300)) }, rule: RuleCompleteAfterDistribution},
		{name: "follow-up with nothing to follow", state: StateCompleted, setup: func(a *Audit) { closeFollowUps(a, 150) },
			fire: func(a *Audit) error { return a.StartFollowUp(byLead(300)) }, rule: RuleFollowUpStart},
		{name: "close with a follow-up open", state: StateCompleted,
			fire: func(a *Audit) error { return a.Close(byLead(300)) }, rule: RuleCloseFollowUps, path: "Findings[0]"},
		{name: "close from follow-up with a follow-up missing", state: StateFollowUp, setup: func(a *Audit) { a.FollowUps = nil },
			fire: func(a *Audit) error { return a.Close(byLead(300)) }, rule: RuleCloseFollowUps, path: "Findings[0]"},
		{name: "terminate without a reason", state: StateFieldwork,
			fire: func(a *Audit) error { return a.Terminate("  ", byLead(300)) }, rule: RuleTerminateReason},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditIn(t, tt.state)
			if tt.setup != nil {
				tt.setup(a)
			}
			before := deepCopy(a)
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
			unchanged(t, before, a)
		})
	}
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
		{StatePreparation, nil, []Event{EventOpen, EventTerminate}},
		{StatePreparation, func(a *Audit) { a.Plan.State = PlanApproved }, []Event{EventTerminate}},
		{StateFieldwork, nil, []Event{EventEndFieldwork, EventTerminate}},
		{StateFindings, nil, []Event{EventHoldClosingMeeting, EventTerminate}},
		{StateClosing, nil, []Event{EventIssueReport, EventTerminate}},
		{StateReported, nil, []Event{EventDistribute, EventTerminate}},
		{StateDistributed, nil, []Event{EventComplete, EventTerminate}},
		{StateCompleted, nil, []Event{EventStartFollowUp}},
		{StateCompleted, func(a *Audit) { closeFollowUps(a, 150) }, []Event{EventClose}},
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
		{"no actor", ismsaudit.Meta{At: hour(300)}},
		{"before the last event", byLead(29)},
		{"before the plan's last entry", ismsaudit.Meta{At: hour(12), By: "lead"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditIn(t, StateFieldwork)
			before := deepCopy(a)
			err := a.EndFieldwork(tt.m)
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, ismsaudit.ReasonMeta, te.Reason)
			unchanged(t, before, a)
		})
	}
	t.Run("prepare before the feasibility decision", func(t *testing.T) {
		a := auditIn(t, StateInitiation)
		a.Feasibility.DecidedAt = hour(8)
		err := a.Prepare(byLead(7))
		var te *ismsaudit.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, ismsaudit.ReasonMeta, te.Reason)
	})
	t.Run("later distribution before the previous one", func(t *testing.T) {
		a := auditIn(t, StateDistributed)
		before := deepCopy(a)
		err := a.Distribute([]Recipient{{Name: "Auditor", Clearance: ConfidentialityPublic}}, byLead(99))
		var te *ismsaudit.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, ismsaudit.ReasonMeta, te.Reason)
		unchanged(t, before, a)
	})
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
	require.ErrorAs(t, a.EndFieldwork(byLead(60)), &fired)
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
					closeFollowUps(a, 150)
				}
				before := deepCopy(a)
				err := fire(a, e, byLead(300))
				next, row := auditMachine.Next(s, e)
				appends := e == EventDistribute && slices.Contains([]State{StateDistributed, StateCompleted, StateFollowUp}, s)
				switch {
				case row:
					require.NoError(t, err)
					assert.Equal(t, next, a.State)
					require.Len(t, a.History, len(before.History)+1)
					want := Entry{From: s, Event: e, To: next, At: hour(300), By: "lead"}
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

// TestOperationsRefuseBadInput checks every operation's input
// checks: all problems at once, with Go-field paths and rule tokens, and
// nothing changed.
func TestOperationsRefuseBadInput(t *testing.T) {
	tests := []struct {
		name  string
		state State
		op    func(a *Audit) error
		want  []problem
	}{
		{"contact empty", StateInitiation, func(a *Audit) error { return a.EstablishContact(Contact{}, ismsaudit.Meta{}) },
			[]problem{{"Person", "required"}, {"EstablishedAt", "required"}, {"EstablishedBy", "required"}, {"Meta.At", "required"}, {"Meta.By", "required"}}},
		{"contact in the future", StateInitiation, func(a *Audit) error {
			return a.EstablishContact(Contact{Person: "Carl", EstablishedAt: hour(5), EstablishedBy: "lead"}, byLead(4))
		}, []problem{{"EstablishedAt", "time-order"}}},
		{"infeasible without alternative", StateInitiation, func(a *Audit) error {
			return a.DecideFeasibility(Feasibility{Information: true, DecidedAt: hour(4), DecidedBy: "lead"}, byLead(4))
		}, []problem{{"Alternative", RuleInitAlternative}}},
		{"feasibility undated", StateInitiation, func(a *Audit) error { return a.DecideFeasibility(Feasibility{Alternative: "later"}, byLead(4)) },
			[]problem{{"DecidedAt", "required"}, {"DecidedBy", "required"}}},
		{"team with two leaders and holes", StateInitiation, func(a *Audit) error {
			return a.SetTeam([]Member{
				{Auditor: "lead", Name: "Lena", Role: competence.RoleTeamLeader},
				{Auditor: "lead", Name: "Lena again", Role: competence.RoleTeamLeader},
				{Name: "Ana", Role: competence.RoleAuditor},
				{Auditor: "x", Role: "boss"},
				{Name: "Gus", Role: competence.RoleGuide},
			}, byLead(4))
		}, []problem{{"Members", RuleTeamLeader}, {"Members[1].Auditor", "unique"}, {"Members[2].Auditor", "required"},
			{"Members[3].Name", "required"}, {"Members[3].Role", "enum"}, {"Members[4].Organization", "required"}}},
		{"team without leader", StateInitiation, func(a *Audit) error {
			return a.SetTeam([]Member{{Auditor: "ana", Name: "Ana", Role: competence.RoleAuditor}}, byLead(4))
		}, []problem{{"Members", RuleTeamLeader}}},
		{"malformed plan", StatePreparation, func(a *Audit) error {
			require.NoError(t, a.RevisePlan(byLead(20)))
			c := fixturePlan()
			c.Objectives = append(c.Objectives, " ")
			c.Criteria = append(c.Criteria, Criterion{Ref: annexa.RefToControl("9.9")}, Criterion{Ref: refRisk})
			c.End = c.Start.Add(-1)
			c.Schedule[0].Title = ""
			c.Methods = append(c.Methods, Method{Location: "moon"})
			c.Assignments = append(c.Assignments, Assignment{Criterion: annexa.RefToControl("5.1")})
			return a.DraftPlan(c, byLead(21))
		}, []problem{{"Objectives[1]", "required"}, {"Criteria[5].Ref.ID", "unknown"}, {"Criteria[6].Ref", "unique"}, {"End", "order"},
			{"Schedule[0].Title", "required"}, {"Methods[2].Location", "enum"}, {"Methods[2].Description", "required"},
			{"Assignments[5].Criterion", "unknown"}, {"Assignments[5].Auditor", "required"}}},
		{"checklist of another kind", StatePreparation, func(a *Audit) error {
			cl := fixtureChecklist()
			cl.Kind = annexa.Stage2
			return a.AttachChecklist(cl, byLead(20))
		}, []problem{{"Checklist.Kind", RuleChecklistPlanned}}},
		{"checklist beyond the plan", StatePreparation, func(a *Audit) error {
			cl := fixtureChecklist()
			cl.Items = append(cl.Items, annexa.Item{Ref: annexa.RefToControl("5.1"), Title: "Policies", Result: annexa.NotAssessed})
			return a.AttachChecklist(cl, byLead(20))
		}, []problem{{"Checklist.Items[5].Ref", RuleChecklistPlanned}}},
		{"checklist already filled in", StatePreparation, func(a *Audit) error {
			cl := fixtureChecklist()
			cl.Items[0].NotAuditedReason = "no time"
			return a.AttachChecklist(cl, byLead(20))
		}, []problem{{"Checklist.Items[0]", RuleChecklistFieldwork}}},
		{"invalid checklist", StatePreparation, func(a *Audit) error {
			cl := fixtureChecklist()
			cl.Items[1].Title = ""
			return a.AttachChecklist(cl, byLead(20))
		}, []problem{{"Checklist.Items[1].Title", "required"}}},
		{"no checklist", StatePreparation, func(a *Audit) error { return a.AttachChecklist(nil, byLead(20)) },
			[]problem{{"Checklist", "required"}}},
		{"result on unknown evidence", StateFieldwork, func(a *Audit) error {
			return a.RecordResult(refVuln, annexa.Assessment{Result: annexa.MajorNonconformity, EvidenceRefs: []ismsaudit.EvidenceID{"E-404"}}, byLead(40))
		}, []problem{{"EvidenceRefs[0]", "unknown"}, {"Notes", annexa.RuleAssessmentNotes}}},
		{"not-audited without reason", StateFieldwork, func(a *Audit) error {
			require.NoError(t, a.Checklist.Reset(refVuln))
			return a.MarkNotAudited(refVuln, "", byLead(40))
		}, []problem{{"Reason", "required"}}},
		{"risk not escalated", StateFieldwork, func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-1", FoundAt: hour(40)}, byLead(40))
		}, []problem{{"ID", "unique"}, {"Description", "required"}, {"FoundBy", "required"}, {"EscalatedAt", RuleRiskEscalated}, {"EscalatedTo", RuleRiskEscalated}}},
		{"risk escalated before found", StateFieldwork, func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-2", Description: "d", FoundAt: hour(40), FoundBy: "ana", EscalatedAt: hour(39), EscalatedTo: "CISO"}, byLead(41))
		}, []problem{{"EscalatedAt", RuleRiskEscalated}}},
		{"risk in the future", StateFieldwork, func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-2", Description: "d", FoundAt: hour(40), FoundBy: "ana", EscalatedAt: hour(42), EscalatedTo: "CISO"}, byLead(41))
		}, []problem{{"EscalatedAt", "time-order"}}},
		{"opening meeting undated", StatePreparation, func(a *Audit) error {
			return a.HoldOpeningMeeting(OpeningMeeting{Attendees: []Attendee{{}}}, byLead(30))
		}, []problem{{"HeldAt", "required"}, {"Attendees[0].Name", "required"}}},
		{"closing meeting before the opening", StateFindings, func(a *Audit) error {
			cm := closingMeetingAt(20)
			cm.DivergingOpinions = []string{""}
			return a.HoldClosingMeeting(cm, byLead(70))
		}, []problem{{"HeldAt", "time-order"}, {"DivergingOpinions[0]", "required"}}},
		{"completion with an empty lesson", StateDistributed, func(a *Audit) error {
			return a.Complete(Completion{Records: "archive", LessonsLearned: []string{""}}, byLead(110))
		}, []problem{{"LessonsLearned[0]", "required"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditIn(t, tt.state)
			before := deepCopy(a)
			err := tt.op(a)
			requireInvalid(t, err, tt.want...)
			if tt.name != "malformed plan" && tt.name != "not-audited without reason" { // those change the record on purpose first
				unchanged(t, before, a)
			}
		})
	}
}

// TestOperationsRefuseWrongState checks that each operation outside
// the states that allow it is refused with the rule it breaks.
func TestOperationsRefuseWrongState(t *testing.T) {
	tests := []struct {
		name  string
		state State
		op    func(a *Audit) error
		rule  ismsaudit.RuleID
	}{
		{"contact after initiation", StatePreparation, func(a *Audit) error {
			return a.EstablishContact(Contact{Person: "C", EstablishedAt: hour(20), EstablishedBy: "lead"}, byLead(20))
		}, RuleInitContact},
		{"feasibility after initiation", StateFieldwork, func(a *Audit) error {
			return a.DecideFeasibility(Feasibility{DecidedAt: hour(40), DecidedBy: "lead", Alternative: "x"}, byLead(40))
		}, RuleInitFeasible},
		{"team after fieldwork", StateFindings, func(a *Audit) error { return a.SetTeam(fixtureTeam(), byLead(70)) }, RulePlanWhen},
		{"team of an approved plan", StatePreparation, func(a *Audit) error { return a.SetTeam(fixtureTeam(), byLead(20)) }, RulePlanReapproved},
		{"plan in initiation", StateInitiation, func(a *Audit) error { return a.DraftPlan(fixturePlan(), byLead(4)) }, RulePlanWhen},
		{"plan after fieldwork", StateClosing, func(a *Audit) error { return a.RevisePlan(byLead(85)) }, RulePlanWhen},
		{"approved plan redrafted", StatePreparation, func(a *Audit) error { return a.DraftPlan(fixturePlan(), byLead(20)) }, RulePlanReapproved},
		{"checklist in fieldwork", StateFieldwork, func(a *Audit) error { return a.AttachChecklist(fixtureChecklist(), byLead(40)) }, RuleChecklistPlanned},
		{"result in preparation", StatePreparation, func(a *Audit) error {
			return a.RecordResult(refRisk, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}, byLead(20))
		}, RuleChecklistFieldwork},
		{"not audited after fieldwork", StateFindings, func(a *Audit) error { return a.MarkNotAudited(refRisk, "no time", byLead(70)) }, RuleChecklistFieldwork},
		{"risk after fieldwork", StateFindings, func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-9", Description: "d", FoundAt: hour(70), FoundBy: "ana", EscalatedAt: hour(70), EscalatedTo: "CISO"}, byLead(70))
		}, RuleRiskEscalated},
		{"distribution before the report", StateClosing, func(a *Audit) error { return a.Distribute(fixtureRecipients(), byLead(85)) }, RuleReportDistributed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditIn(t, tt.state)
			before := deepCopy(a)
			requireWrongState(t, tt.op(a), tt.rule)
			unchanged(t, before, a)
		})
	}
}

// TestRecordsAreCopies checks that the audit keeps its own copies of
// what the caller passes: changing the caller's values afterwards changes
// nothing in the record.
func TestRecordsAreCopies(t *testing.T) {
	a := auditIn(t, StateInitiation)
	team := fixtureTeam()
	require.NoError(t, a.SetTeam(team, byLead(4)))
	team[0].Name = "changed"
	assert.Equal(t, "Lena Lead", a.Team[0].Name)

	require.NoError(t, a.Prepare(byLead(10)))
	content := fixturePlan()
	require.NoError(t, a.DraftPlan(content, byLead(11)))
	content.Objectives[0] = "changed"
	content.Schedule[1].Criteria[0] = refPolicy
	assert.Equal(t, fixturePlan(), a.Plan.Content)
	require.NoError(t, a.ApprovePlan(byLead(12), nil))
	a.Plan.Content.Objectives[0] = "edited in place"
	assert.Equal(t, fixturePlan().Objectives, a.Plan.Versions[0].Content.Objectives, "a version shares nothing with the content")

	cl := fixtureChecklist()
	a.Plan.Content = fixturePlan()
	require.NoError(t, a.CommunicatePlan(byLead(13)))
	require.NoError(t, a.AttachChecklist(cl, byLead(14)))
	cl.Items[0].Title = "changed"
	assert.NotEqual(t, "changed", a.Checklist.Items[0].Title)
}
