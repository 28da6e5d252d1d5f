package audit

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
)

// coreWant is one problem a *ismsaudit.ValidationError must list.
type coreWant struct {
	path string
	rule ismsaudit.RuleID
}

// coreRequireInvalid asserts that err is a *ismsaudit.ValidationError listing every
// wanted problem.
func coreRequireInvalid(t *testing.T, err error, want ...coreWant) {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, w := range want {
		assert.True(t, ve.Has(w.path, w.rule), "want %s at %q in %v", w.rule, w.path, ve.Fields)
	}
}

// coreRequireWrongState asserts that err refuses an operation the audit's
// (or the plan's) state does not allow, citing rule.
func coreRequireWrongState(t *testing.T, err error, rule ismsaudit.RuleID) {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrTransition)
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, ismsaudit.ReasonWrongState, te.Reason)
	assert.Equal(t, rule, te.Rule)
}

// TestCoreOperationsRefuseBadInput checks every operation's input
// checks: all problems at once, with Go-field paths and rule tokens, and
// nothing changed.
func TestCoreOperationsRefuseBadInput(t *testing.T) {
	tests := []struct {
		name  string
		state State
		op    func(a *Audit) error
		want  []coreWant
	}{
		{"contact empty", StateInitiation, func(a *Audit) error { return a.EstablishContact(Contact{}, ismsaudit.Meta{}) },
			[]coreWant{{"Person", "required"}, {"At", "required"}, {"By", "required"}, {"Meta.At", "required"}, {"Meta.By", "required"}}},
		{"contact in the future", StateInitiation, func(a *Audit) error {
			return a.EstablishContact(Contact{Person: "Carl", At: coreAt(5), By: "lead"}, coreM(4))
		}, []coreWant{{"At", "time-order"}}},
		{"infeasible without alternative", StateInitiation, func(a *Audit) error {
			return a.DecideFeasibility(Feasibility{Information: true, DecidedAt: coreAt(4), DecidedBy: "lead"}, coreM(4))
		}, []coreWant{{"Alternative", RuleInitAlternative}}},
		{"feasibility undated", StateInitiation, func(a *Audit) error { return a.DecideFeasibility(Feasibility{Alternative: "later"}, coreM(4)) },
			[]coreWant{{"DecidedAt", "required"}, {"DecidedBy", "required"}}},
		{"team with two leaders and holes", StateInitiation, func(a *Audit) error {
			return a.SetTeam([]Member{
				{Auditor: "lead", Name: "Lena", Role: competence.RoleTeamLeader},
				{Auditor: "lead", Name: "Lena again", Role: competence.RoleTeamLeader},
				{Name: "Ana", Role: competence.RoleAuditor},
				{Auditor: "x", Role: "boss"},
				{Name: "Gus", Role: competence.RoleGuide},
			}, coreM(4))
		}, []coreWant{{"Members", RuleTeamLeader}, {"Members[1].Auditor", "unique"}, {"Members[2].Auditor", "required"},
			{"Members[3].Name", "required"}, {"Members[3].Role", "enum"}, {"Members[4].Organization", "required"}}},
		{"team without leader", StateInitiation, func(a *Audit) error {
			return a.SetTeam([]Member{{Auditor: "ana", Name: "Ana", Role: competence.RoleAuditor}}, coreM(4))
		}, []coreWant{{"Members", RuleTeamLeader}}},
		{"malformed plan", StatePreparation, func(a *Audit) error {
			require.NoError(t, a.RevisePlan(coreM(20)))
			c := corePlanContent()
			c.Objectives = append(c.Objectives, " ")
			c.Criteria = append(c.Criteria, Criterion{Ref: annexa.RefToControl("9.9")}, Criterion{Ref: coreRefRisk})
			c.End = c.Start.Add(-1)
			c.Schedule[0].Title = ""
			c.Methods = append(c.Methods, Method{Location: "moon"})
			c.Assignments = append(c.Assignments, Assignment{Criterion: annexa.RefToControl("5.1")})
			return a.DraftPlan(c, coreM(21))
		}, []coreWant{{"Objectives[1]", "required"}, {"Criteria[5].Ref.ID", "unknown"}, {"Criteria[6].Ref", "unique"}, {"End", "order"},
			{"Schedule[0].Title", "required"}, {"Methods[2].Location", "enum"}, {"Methods[2].Description", "required"},
			{"Assignments[5].Criterion", "unknown"}, {"Assignments[5].Auditor", "required"}}},
		{"checklist of another kind", StatePreparation, func(a *Audit) error {
			cl := coreChecklist()
			cl.Kind = annexa.Stage2
			return a.AttachChecklist(cl, coreM(20))
		}, []coreWant{{"Checklist.Kind", RuleChecklistPlanned}}},
		{"checklist beyond the plan", StatePreparation, func(a *Audit) error {
			cl := coreChecklist()
			cl.Items = append(cl.Items, annexa.Item{Ref: annexa.RefToControl("5.1"), Title: "Policies", Result: annexa.NotAssessed})
			return a.AttachChecklist(cl, coreM(20))
		}, []coreWant{{"Checklist.Items[5].Ref", RuleChecklistPlanned}}},
		{"checklist already filled in", StatePreparation, func(a *Audit) error {
			cl := coreChecklist()
			cl.Items[0].NotAuditedReason = "no time"
			return a.AttachChecklist(cl, coreM(20))
		}, []coreWant{{"Checklist.Items[0]", RuleChecklistFieldwork}}},
		{"invalid checklist", StatePreparation, func(a *Audit) error {
			cl := coreChecklist()
			cl.Items[1].Title = ""
			return a.AttachChecklist(cl, coreM(20))
		}, []coreWant{{"Checklist.Items[1].Title", "required"}}},
		{"no checklist", StatePreparation, func(a *Audit) error { return a.AttachChecklist(nil, coreM(20)) },
			[]coreWant{{"Checklist", "required"}}},
		{"result on unknown evidence", StateFieldwork, func(a *Audit) error {
			return a.RecordResult(coreRefVuln, annexa.Assessment{Result: annexa.MajorNonconformity, EvidenceRefs: []ismsaudit.EvidenceID{"E-404"}}, coreM(40))
		}, []coreWant{{"EvidenceRefs[0]", "unknown"}, {"Notes", annexa.RuleAssessmentNotes}}},
		{"not-audited without reason", StateFieldwork, func(a *Audit) error {
			require.NoError(t, a.Checklist.Reset(coreRefVuln))
			return a.MarkNotAudited(coreRefVuln, "", coreM(40))
		}, []coreWant{{"Reason", "required"}}},
		{"risk not escalated", StateFieldwork, func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-1", FoundAt: coreAt(40)}, coreM(40))
		}, []coreWant{{"ID", "unique"}, {"Description", "required"}, {"FoundBy", "required"}, {"EscalatedAt", RuleRiskEscalated}, {"EscalatedTo", RuleRiskEscalated}}},
		{"risk escalated before found", StateFieldwork, func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-2", Description: "d", FoundAt: coreAt(40), FoundBy: "ana", EscalatedAt: coreAt(39), EscalatedTo: "CISO"}, coreM(41))
		}, []coreWant{{"EscalatedAt", RuleRiskEscalated}}},
		{"risk in the future", StateFieldwork, func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-2", Description: "d", FoundAt: coreAt(40), FoundBy: "ana", EscalatedAt: coreAt(42), EscalatedTo: "CISO"}, coreM(41))
		}, []coreWant{{"EscalatedAt", "time-order"}}},
		{"opening meeting undated", StatePreparation, func(a *Audit) error {
			return a.HoldOpeningMeeting(OpeningMeeting{Attendees: []Attendee{{}}}, coreM(30))
		}, []coreWant{{"At", "required"}, {"Attendees[0].Name", "required"}}},
		{"closing meeting before the opening", StateFindings, func(a *Audit) error {
			cm := coreClosing(20)
			cm.DivergingOpinions = []string{""}
			return a.HoldClosingMeeting(cm, coreM(70))
		}, []coreWant{{"At", "time-order"}, {"DivergingOpinions[0]", "required"}}},
		{"completion with an empty lesson", StateDistributed, func(a *Audit) error {
			return a.Complete(Completion{Records: "archive", LessonsLearned: []string{""}}, coreM(110))
		}, []coreWant{{"LessonsLearned[0]", "required"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := coreAuditIn(t, tt.state)
			before := coreCopy(a)
			err := tt.op(a)
			coreRequireInvalid(t, err, tt.want...)
			if tt.name != "malformed plan" && tt.name != "not-audited without reason" { // those change the record on purpose first
				coreUnchanged(t, before, a)
			}
		})
	}
}

// TestCoreOperationsRefuseWrongState checks that each operation outside
// the states that allow it is refused with the rule it breaks.
func TestCoreOperationsRefuseWrongState(t *testing.T) {
	tests := []struct {
		name  string
		state State
		op    func(a *Audit) error
		rule  ismsaudit.RuleID
	}{
		{"contact after initiation", StatePreparation, func(a *Audit) error {
			return a.EstablishContact(Contact{Person: "C", At: coreAt(20), By: "lead"}, coreM(20))
		}, RuleInitContact},
		{"feasibility after initiation", StateFieldwork, func(a *Audit) error {
			return a.DecideFeasibility(Feasibility{DecidedAt: coreAt(40), DecidedBy: "lead", Alternative: "x"}, coreM(40))
		}, RuleInitFeasible},
		{"team after fieldwork", StateFindings, func(a *Audit) error { return a.SetTeam(coreTeam(), coreM(70)) }, RulePlanWhen},
		{"team of an approved plan", StatePreparation, func(a *Audit) error { return a.SetTeam(coreTeam(), coreM(20)) }, RulePlanReapproved},
		{"plan in initiation", StateInitiation, func(a *Audit) error { return a.DraftPlan(corePlanContent(), coreM(4)) }, RulePlanWhen},
		{"plan after fieldwork", StateClosing, func(a *Audit) error { return a.RevisePlan(coreM(85)) }, RulePlanWhen},
		{"approved plan redrafted", StatePreparation, func(a *Audit) error { return a.DraftPlan(corePlanContent(), coreM(20)) }, RulePlanReapproved},
		{"checklist in fieldwork", StateFieldwork, func(a *Audit) error { return a.AttachChecklist(coreChecklist(), coreM(40)) }, RuleChecklistPlanned},
		{"result in preparation", StatePreparation, func(a *Audit) error {
			return a.RecordResult(coreRefRisk, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}, coreM(20))
		}, RuleChecklistFieldwork},
		{"not audited after fieldwork", StateFindings, func(a *Audit) error { return a.MarkNotAudited(coreRefRisk, "no time", coreM(70)) }, RuleChecklistFieldwork},
		{"risk after fieldwork", StateFindings, func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-9", Description: "d", FoundAt: coreAt(70), FoundBy: "ana", EscalatedAt: coreAt(70), EscalatedTo: "CISO"}, coreM(70))
		}, RuleRiskEscalated},
		{"distribution before the report", StateClosing, func(a *Audit) error { return a.Distribute(coreRecipients(), coreM(85)) }, RuleReportDistributed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := coreAuditIn(t, tt.state)
			before := coreCopy(a)
			coreRequireWrongState(t, tt.op(a), tt.rule)
			coreUnchanged(t, before, a)
		})
	}
}

// TestCoreUnknownChecklistItem checks that a result for a reference the
// checklist lacks is a *ismsaudit.NotFoundError.
func TestCoreUnknownChecklistItem(t *testing.T) {
	a := coreAuditIn(t, StateFieldwork)
	before := coreCopy(a)
	err := a.RecordResult(annexa.RefToControl("5.1"), annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}, coreM(40))
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	var nf *ismsaudit.NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "A.5.1", nf.ID)
	require.ErrorIs(t, a.MarkNotAudited(annexa.RefToControl("5.1"), "closed", coreM(40)), ismsaudit.ErrNotFound)
	coreUnchanged(t, before, a)
}

// TestCoreRecordsAreCopies checks that the audit keeps its own copies of
// what the caller passes: changing the caller's values afterwards changes
// nothing in the record.
func TestCoreRecordsAreCopies(t *testing.T) {
	a := coreAuditIn(t, StateInitiation)
	team := coreTeam()
	require.NoError(t, a.SetTeam(team, coreM(4)))
	team[0].Name = "changed"
	assert.Equal(t, "Lena Lead", a.Team[0].Name)

	require.NoError(t, a.Prepare(coreM(10)))
	content := corePlanContent()
	require.NoError(t, a.DraftPlan(content, coreM(11)))
	content.Objectives[0] = "changed"
	content.Schedule[1].Criteria[0] = coreRefPolicy
	assert.Equal(t, corePlanContent(), a.Plan.Content)
	require.NoError(t, a.ApprovePlan(coreM(12), nil))
	a.Plan.Content.Objectives[0] = "edited in place"
	assert.Equal(t, corePlanContent().Objectives, a.Plan.Versions[0].Content.Objectives, "a version shares nothing with the content")

	cl := coreChecklist()
	a.Plan.Content = corePlanContent()
	require.NoError(t, a.CommunicatePlan(coreM(13)))
	require.NoError(t, a.AttachChecklist(cl, coreM(14)))
	cl.Items[0].Title = "changed"
	assert.NotEqual(t, "changed", a.Checklist.Items[0].Title)
}

// TestCorePlanVersions walks a plan through approval, revision and
// re-approval: the history keeps every step and Versions every approved
// content, numbered from 1.
func TestCorePlanVersions(t *testing.T) {
	a := coreAuditIn(t, StatePreparation)
	require.NoError(t, a.RevisePlan(ismsaudit.Meta{At: coreAt(20), By: "lead", Note: "add the HR process"}))
	c := corePlanContent()
	c.Scope.Processes = append(c.Scope.Processes, "joiners and leavers")
	require.NoError(t, a.DraftPlan(c, coreM(21)))
	require.NoError(t, a.ApprovePlan(coreM(22), nil))
	require.NoError(t, a.CommunicatePlan(coreM(23)))

	require.Len(t, a.Plan.Versions, 2)
	assert.Equal(t, 1, a.Plan.Versions[0].Version)
	assert.Equal(t, 2, a.Plan.Versions[1].Version)
	assert.Equal(t, []string{"access management"}, a.Plan.Versions[0].Content.Scope.Processes)
	assert.Equal(t, []string{"access management", "joiners and leavers"}, a.Plan.Versions[1].Content.Scope.Processes)
	assert.Equal(t, coreAt(22), a.Plan.Versions[1].ApprovedAt)
	var events []PlanEvent
	for _, e := range a.Plan.History {
		events = append(events, e.Event)
	}
	assert.Equal(t, []PlanEvent{PlanApprove, PlanCommunicate, PlanRevise, PlanApprove, PlanCommunicate}, events)
	assert.Equal(t, "add the HR process", a.Plan.History[2].Note)
	require.NoError(t, Verify(a, nil))
}

// TestCoreApprovePlanRefusals checks the approval guards.
func TestCoreApprovePlanRefusals(t *testing.T) {
	tests := []struct {
		name  string
		setup func(a *Audit)
		rule  ismsaudit.RuleID
		want  []coreWant
	}{
		{"incomplete", func(a *Audit) {
			c := &a.Plan.Content
			c.Objectives, c.Scope, c.Locations, c.Methods, c.SamplingApproach = nil, Scope{}, nil, nil, ""
			c.Schedule[0].Start = c.Start.Add(-48 * 3600e9)
		}, RulePlanComplete, []coreWant{{"Plan.Content.Objectives", RulePlanComplete}, {"Plan.Content.Scope", RulePlanComplete},
			{"Plan.Content.Locations", RulePlanComplete}, {"Plan.Content.Methods", RulePlanComplete},
			{"Plan.Content.SamplingApproach", RulePlanComplete}, {"Plan.Content.Schedule[0]", RulePlanComplete}}},
		{"ends before it starts", func(a *Audit) { a.Plan.Content.End = a.Plan.Content.Start.Add(-1) },
			RulePlanComplete, []coreWant{{"Plan.Content.End", RulePlanComplete}}},
		{"no end", func(a *Audit) { a.Plan.Content.End = time.Time{} },
			RulePlanComplete, []coreWant{{"Plan.Content.End", RulePlanComplete}}},
		{"no leader", func(a *Audit) { a.Team = a.Team[1:] }, RuleTeamLeader, []coreWant{{"Team", RuleTeamLeader}}},
		{"criterion unassigned", func(a *Audit) { a.Plan.Content.Assignments = a.Plan.Content.Assignments[1:] },
			RulePlanAssigned, []coreWant{{"Plan.Content.Criteria[0]", RulePlanAssigned}}},
		{"technical expert as auditor", func(a *Audit) { a.Plan.Content.Assignments[2].Auditor = "tex" },
			RulePlanAssigned, []coreWant{{"Plan.Content.Assignments[2].Auditor", RulePlanAssigned}}},
		{"stranger in the timetable", func(a *Audit) { a.Plan.Content.Schedule[1].Auditors = []competence.AuditorID{"zed"} },
			RulePlanAssigned, []coreWant{{"Plan.Content.Schedule[1].Auditors[0]", RulePlanAssigned}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := coreAuditIn(t, StateInitiation)
			require.NoError(t, a.Prepare(coreM(10)))
			require.NoError(t, a.DraftPlan(corePlanContent(), coreM(11)))
			tt.setup(a)
			before := coreCopy(a)
			err := a.ApprovePlan(coreM(12), nil)
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tt.rule, te.Rule)
			assert.Equal(t, "audit.plan", te.Machine)
			coreRequireInvalid(t, err, tt.want...)
			coreUnchanged(t, before, a)
			assert.False(t, a.CanPlan(PlanApprove))
		})
	}
	t.Run("no plan", func(t *testing.T) {
		a := coreAuditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(coreM(10)))
		coreRequireWrongState(t, a.ApprovePlan(coreM(12), nil), RulePlanComplete)
		coreRequireWrongState(t, a.CommunicatePlan(coreM(12)), RulePlanReapproved)
		assert.Nil(t, a.PlanPermitted())
	})
}
