package audit

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixtureScheme is a small host scheme: an auditor set and a team leader set
// on top of it.
func fixtureScheme() competence.Scheme {
	return competence.Scheme{Sets: []competence.CriteriaSet{
		{ID: "auditor", Title: "Auditor", Role: competence.RoleAuditor, ReevaluationMonths: 24, Criteria: []competence.Criterion{
			{ID: "ethical", Kind: competence.BehaviourCriterion, Behaviour: competence.Ethical, Source: "19011:7.2.2"},
			{ID: "iso27001", Kind: competence.KnowledgeCriterion, Area: competence.ISO27001Requirements, Level: competence.Working, Source: "27007:7.2.3.3"},
		}},
		{ID: "leader", Title: "Team leader", Role: competence.RoleTeamLeader, Requires: "auditor", ReevaluationMonths: 24, Criteria: []competence.Criterion{
			{ID: "leadership", Kind: competence.KnowledgeCriterion, Area: competence.TeamLeadership, Level: competence.Proficient, Source: "19011:7.2.3.4"},
		}},
	}}
}

// auditorRecord is an auditor's record meeting fixtureScheme.
func auditorRecord(id string) competence.Auditor {
	return competence.Auditor{
		ID: competence.AuditorID(id), Name: id,
		Behaviours: []competence.BehaviourAssessment{{Behaviour: competence.Ethical, Demonstrated: true, At: time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC), By: "peer"}},
		Skills: []competence.Skill{
			{Area: competence.ISO27001Requirements, Level: competence.Proficient},
			{Area: competence.TeamLeadership, Level: competence.Proficient},
		},
	}
}

// evaluate evaluates a against the scheme's set on day at and records
// the evaluation.
func evaluate(t *testing.T, scheme *competence.Scheme, a *competence.Auditor, set competence.CriteriaSetID, at time.Time) {
	t.Helper()
	cs, ok := scheme.Set(set)
	require.True(t, ok)
	ev, err := competence.NewEvaluation(competence.EvaluationID(string(a.ID)+"-"+string(set)), a.ID, set)
	require.NoError(t, err)
	require.NoError(t, ev.Fire(competence.Start, ismsaudit.Meta{At: at, By: "pm"}))
	interview := competence.MethodResult{Method: competence.Interview, At: at, By: "evaluator"}
	observation := competence.MethodResult{Method: competence.Observation, At: at, By: "evaluator"}
	for _, c := range cs.Criteria {
		interview.Findings = append(interview.Findings, competence.Finding{Criterion: c.ID, Met: true})
		observation.Findings = append(observation.Findings, competence.Finding{Criterion: c.ID, Met: true})
	}
	require.NoError(t, ev.Record(interview))
	require.NoError(t, ev.Record(observation))
	as, err := ev.Assess(a, cs, at)
	require.NoError(t, err)
	require.True(t, as.Competent)
	require.NoError(t, ev.Decide(competence.Decision{Assessment: as}, ismsaudit.Meta{At: at, By: "panel"}))
	a.Evaluations = append(a.Evaluations, ev)
}

// fixturePool builds a pool where lead is a competent team leader, ana a
// competent auditor, and tex a technical expert without evaluations;
// edit changes the records before the pool is built.
func fixturePool(t *testing.T, edit func(map[string]*competence.Auditor)) *competence.Pool {
	t.Helper()
	scheme := fixtureScheme()
	at := time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)
	lead, ana, tex := auditorRecord("lead"), auditorRecord("ana"), auditorRecord("tex")
	evaluate(t, &scheme, &lead, "auditor", at)
	evaluate(t, &scheme, &lead, "leader", at)
	evaluate(t, &scheme, &ana, "auditor", at)
	if edit != nil {
		edit(map[string]*competence.Auditor{"lead": &lead, "ana": &ana, "tex": &tex})
	}
	pool, err := competence.NewPool([]competence.Auditor{lead, ana, tex}, &scheme)
	require.NoError(t, err)
	return pool
}

// TestApprovePlanWithPool checks competence and independence on
// approval.
func TestApprovePlanWithPool(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(map[string]*competence.Auditor)
		setup func(a *Audit)
		rule  ismsaudit.RuleID // "" when approval succeeds
		want  []problem
	}{
		{name: "competent and independent"},
		{name: "auditor never evaluated", edit: func(r map[string]*competence.Auditor) { r["ana"].Evaluations = nil },
			rule: RulePlanCompetent, want: []problem{{"Plan.Content.Assignments[2].Auditor", RulePlanCompetent}, {"Plan.Content.Criteria[2]", RulePlanCompetent}}},
		{name: "leader not evaluated as leader", edit: func(r map[string]*competence.Auditor) { r["lead"].Evaluations = r["lead"].Evaluations[:1] },
			rule: RulePlanCompetent, want: []problem{{"Team[0].Auditor", RulePlanCompetent}}},
		{name: "trainee alone on a criterion", setup: func(a *Audit) {
			a.Team = append(a.Team, Member{Auditor: "tina", Name: "Tina Trainee", Role: competence.RoleTrainee})
			a.Plan.Content.Assignments[4].Auditor = "tina"
		}, rule: RulePlanCompetent, want: []problem{{"Plan.Content.Criteria[4]", RulePlanCompetent}}},
		{name: "trainee beside a competent auditor", setup: func(a *Audit) {
			a.Team = append(a.Team, Member{Auditor: "tina", Name: "Tina Trainee", Role: competence.RoleTrainee})
			a.Plan.Content.Assignments = append(a.Plan.Content.Assignments, Assignment{Criterion: refPolicy, Auditor: "tina"})
		}, rule: RulePlanIndependent, want: []problem{{"Team[4].Auditor", RulePlanIndependent}}}, // tina is not in the pool
		{name: "auditor responsible for an audited control", edit: func(r map[string]*competence.Auditor) {
			r["ana"].Involvements = []competence.Involvement{{Kind: competence.Implemented, Auditee: "Acme", Controls: []string{"A.8.8"}, From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}
		}, rule: RulePlanIndependent, want: []problem{{"Team[1].Auditor", RulePlanIndependent}}},
		{name: "technical expert consulted for the auditee", edit: func(r map[string]*competence.Auditor) {
			r["tex"].Involvements = []competence.Involvement{{Kind: competence.Consulted, Auditee: "Acme", From: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)}}
		}, rule: RulePlanIndependent, want: []problem{{"Team[2].Auditor", RulePlanIndependent}}},
		{name: "employed by the auditee of an internal audit", edit: func(r map[string]*competence.Auditor) {
			r["ana"].Involvements = []competence.Involvement{{Kind: competence.Employed, Auditee: "Acme", From: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}}
		}},
		{name: "past work outside the cooling-off period", edit: func(r map[string]*competence.Auditor) {
			r["ana"].Involvements = []competence.Involvement{{Kind: competence.Responsible, Auditee: "Acme", From: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pool := fixturePool(t, tt.edit)
			a := auditIn(t, StateInitiation)
			require.NoError(t, a.Prepare(byLead(march(2, 19))))
			require.NoError(t, a.DraftPlan(fixturePlan(), byLead(march(2, 20))))
			if tt.setup != nil {
				tt.setup(a)
			}
			check := &PlanCheck{Pool: pool, AuditorSet: "auditor", LeaderSet: "leader"}
			before := deepCopy(a)
			err := a.ApprovePlan(*check, byLead(march(2, 21)))
			if tt.rule == "" {
				require.NoError(t, err)
				assert.Equal(t, PlanApproved, a.Plan.State)
				require.NoError(t, Verify(a, &VerifyOptions{Competence: &PlanCheck{Pool: pool, AuditorSet: "auditor", LeaderSet: "leader"}}))
				return
			}
			requireRefused(t, err, ismsaudit.ReasonGuard, tt.rule)
			requireInvalid(t, err, tt.want...)
			unchanged(t, before, a)

			// Without the pool the plan is approved; Verify with the pool
			// then finds the same problems.
			require.NoError(t, a.ApprovePlan(PlanCheck{}, byLead(march(2, 21))))
			err = Verify(a, &VerifyOptions{Competence: &PlanCheck{Pool: pool, AuditorSet: "auditor", LeaderSet: "leader"}})
			requireInvalid(t, err, tt.want...)
		})
	}
}

// TestPlanCheckDefaults checks the default criteria sets.
func TestPlanCheckDefaults(t *testing.T) {
	var pc PlanCheck
	auditor, leader := pc.sets("internal")
	assert.Equal(t, competence.InternalISMSAuditorSet, auditor)
	assert.Equal(t, competence.ISMSTeamLeaderSet, leader)
	auditor, _ = pc.sets("stage2")
	assert.Equal(t, competence.ISMSAuditorSet, auditor)

	// The fixture's records are evaluated against the host's sets only:
	// against the built-in ones nobody is competent.
	pool := fixturePool(t, nil)
	a := auditIn(t, StateInitiation)
	require.NoError(t, a.Prepare(byLead(march(2, 19))))
	require.NoError(t, a.DraftPlan(fixturePlan(), byLead(march(2, 20))))
	err := a.ApprovePlan(PlanCheck{Pool: pool}, byLead(march(2, 21)))
	requireRefused(t, err, ismsaudit.ReasonGuard, RulePlanCompetent)
	requireInvalid(t, err, problem{"Team[0].Auditor", RulePlanCompetent}, problem{"Plan.Content.Assignments[2].Auditor", RulePlanCompetent})
}

// TestPlanLifecycleTable fires every plan event in every plan state.
func TestPlanLifecycleTable(t *testing.T) {
	reach := map[PlanState][]PlanEvent{
		PlanDraft:        nil,
		PlanApproved:     {PlanApprove},
		PlanCommunicated: {PlanApprove, PlanCommunicate},
	}
	for s := range PlanStates() {
		for e := range PlanEvents() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				a := auditIn(t, StateInitiation)
				require.NoError(t, a.Prepare(byLead(march(2, 19))))
				require.NoError(t, a.DraftPlan(fixturePlan(), byLead(march(2, 20))))
				for i, pe := range reach[s] {
					require.NoError(t, firePlanEvent(a, pe, byLead(march(2, 21+i))))
				}
				require.Equal(t, s, a.Plan.State)
				before := deepCopy(a)
				err := firePlanEvent(a, e, byLead(march(3, 5)))
				next, row := planMachine.Next(s, e)
				if !row {
					te := requireRefused(t, err, ismsaudit.ReasonNoTransition, RulePlanOrder)
					assert.Equal(t, "audit.plan", te.Machine)
					unchanged(t, before, a)
					return
				}
				require.NoError(t, err)
				assert.Equal(t, next, a.Plan.State)
				require.Len(t, a.Plan.History, len(before.Plan.History)+1)
				assert.Equal(t, PlanEntry{From: s, Event: e, To: next, At: march(3, 5), By: "lead"}, a.Plan.History[len(a.Plan.History)-1])
				wantVersions := len(before.Plan.Versions)
				if e == PlanApprove {
					wantVersions++
				}
				require.Len(t, a.Plan.Versions, wantVersions)
				if diff := cmp.Diff(before.Plan.Versions, a.Plan.Versions[:len(before.Plan.Versions)], equateEmpty); diff != "" {
					t.Errorf("versions are append-only: mismatch (-want +got):\n%s", diff)
				}
				assert.Equal(t, before.History, a.History, "the plan's events leave the audit's history alone")
			})
		}
	}
}

// TestPlanVersions walks a plan through approval, revision and
// re-approval: the history keeps every step and Versions every approved
// content, numbered from 1.
func TestPlanVersions(t *testing.T) {
	a := auditIn(t, StatePreparation)
	require.NoError(t, a.RevisePlan(ismsaudit.Meta{At: march(3, 5), By: "lead", Note: "add the HR process"}))
	c := fixturePlan()
	c.Scope.Processes = append(c.Scope.Processes, "joiners and leavers")
	require.NoError(t, a.DraftPlan(c, byLead(march(3, 6))))
	require.NoError(t, a.ApprovePlan(PlanCheck{}, byLead(march(3, 7))))
	require.NoError(t, a.CommunicatePlan(byLead(march(3, 8))))

	require.Len(t, a.Plan.Versions, 2)
	assert.Equal(t, 1, a.Plan.Versions[0].Version)
	assert.Equal(t, 2, a.Plan.Versions[1].Version)
	assert.Equal(t, []string{"access management"}, a.Plan.Versions[0].Content.Scope.Processes)
	assert.Equal(t, []string{"access management", "joiners and leavers"}, a.Plan.Versions[1].Content.Scope.Processes)
	assert.Equal(t, march(3, 7), a.Plan.Versions[1].ApprovedAt)
	var events []PlanEvent
	for _, e := range a.Plan.History {
		events = append(events, e.Event)
	}
	assert.Equal(t, []PlanEvent{PlanApprove, PlanCommunicate, PlanRevise, PlanApprove, PlanCommunicate}, events)
	assert.Equal(t, "add the HR process", a.Plan.History[2].Note)
	require.NoError(t, Verify(a, nil))
}

// TestApprovePlanRefusals checks the approval guards.
func TestApprovePlanRefusals(t *testing.T) {
	tests := []struct {
		name  string
		setup func(a *Audit)
		rule  ismsaudit.RuleID
		want  []problem
	}{
		{"incomplete", func(a *Audit) {
			c := &a.Plan.Content
			c.Objectives, c.Scope, c.Locations, c.Methods, c.SamplingApproach = nil, Scope{}, nil, nil, ""
			c.Schedule[0].Start = c.Start.Add(-48 * 3600e9)
		}, RulePlanComplete, []problem{{"Plan.Content.Objectives", RulePlanComplete}, {"Plan.Content.Scope", RulePlanComplete},
			{"Plan.Content.Locations", RulePlanComplete}, {"Plan.Content.Methods", RulePlanComplete},
			{"Plan.Content.SamplingApproach", RulePlanComplete}, {"Plan.Content.Schedule[0]", RulePlanComplete}}},
		{"ends before it starts", func(a *Audit) { a.Plan.Content.End = a.Plan.Content.Start.Add(-1) },
			RulePlanComplete, []problem{{"Plan.Content.End", RulePlanComplete}}},
		{"no end", func(a *Audit) { a.Plan.Content.End = time.Time{} },
			RulePlanComplete, []problem{{"Plan.Content.End", RulePlanComplete}}},
		{"no leader", func(a *Audit) { a.Team = a.Team[1:] }, RuleTeamLeader, []problem{{"Team", RuleTeamLeader}}},
		{"criterion unassigned", func(a *Audit) { a.Plan.Content.Assignments = a.Plan.Content.Assignments[1:] },
			RulePlanAssigned, []problem{{"Plan.Content.Criteria[0]", RulePlanAssigned}}},
		{"technical expert as auditor", func(a *Audit) { a.Plan.Content.Assignments[2].Auditor = "tex" },
			RulePlanAssigned, []problem{{"Plan.Content.Assignments[2].Auditor", RulePlanAssigned}}},
		{"stranger in the timetable", func(a *Audit) { a.Plan.Content.Schedule[1].Auditors = []competence.AuditorID{"zed"} },
			RulePlanAssigned, []problem{{"Plan.Content.Schedule[1].Auditors[0]", RulePlanAssigned}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditIn(t, StateInitiation)
			require.NoError(t, a.Prepare(byLead(march(2, 19))))
			require.NoError(t, a.DraftPlan(fixturePlan(), byLead(march(2, 20))))
			tt.setup(a)
			before := deepCopy(a)
			err := a.ApprovePlan(PlanCheck{}, byLead(march(2, 21)))
			te := requireRefused(t, err, ismsaudit.ReasonGuard, tt.rule)
			assert.Equal(t, "audit.plan", te.Machine)
			requireInvalid(t, err, tt.want...)
			unchanged(t, before, a)
			assert.False(t, a.CanPlan(PlanApprove))
		})
	}
	t.Run("no plan", func(t *testing.T) {
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(byLead(march(2, 19))))
		requireRefused(t, a.ApprovePlan(PlanCheck{}, byLead(march(2, 21))), ismsaudit.ReasonWrongState, RulePlanComplete)
		requireRefused(t, a.CommunicatePlan(byLead(march(2, 21))), ismsaudit.ReasonWrongState, RulePlanReapproved)
		assert.Nil(t, a.PermittedPlan())
	})
}

// TestDraftPlanRefusesBadInput checks the plan content's input checks,
// every problem at once.
func TestDraftPlanRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "malformed plan", state: StatePreparation,
			setup: func(a *Audit) { require.NoError(t, a.RevisePlan(byLead(march(3, 5)))) },
			op: func(a *Audit) error {
				c := fixturePlan()
				c.Objectives = append(c.Objectives, " ")
				c.Criteria = append(c.Criteria, Criterion{Ref: annexa.RefToControl("9.9")}, Criterion{Ref: refRisk})
				c.End = c.Start.Add(-1)
				c.Schedule[0].Title = ""
				c.Methods = append(c.Methods, Method{Location: "moon"})
				c.Assignments = append(c.Assignments, Assignment{Criterion: annexa.RefToControl("5.1")})
				return a.DraftPlan(c, byLead(march(3, 6)))
			},
			want: []problem{{"Objectives[1]", "required"}, {"Criteria[5].Ref.ID", "unknown"}, {"Criteria[6].Ref", "unique"}, {"End", "order"},
				{"Schedule[0].Title", "required"}, {"Methods[2].Location", "enum"}, {"Methods[2].Description", "required"},
				{"Assignments[5].Criterion", "unknown"}, {"Assignments[5].Auditor", "required"}}},
	})
}

// TestPlanOperationsRefuseWrongState checks that the plan is drafted and
// revised from preparation to the end of fieldwork, and an approved plan
// revised before it is drafted again.
func TestPlanOperationsRefuseWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"plan in initiation", StateInitiation, func(a *Audit) error { return a.DraftPlan(fixturePlan(), byLead(march(2, 13))) }, RulePlanWhen},
		{"plan after fieldwork", StateClosing, func(a *Audit) error { return a.RevisePlan(byLead(march(5, 22))) }, RulePlanWhen},
		{"approved plan redrafted", StatePreparation, func(a *Audit) error { return a.DraftPlan(fixturePlan(), byLead(march(3, 5))) }, RulePlanReapproved},
	})
}

// TestPlanContentIsCopied checks that the audit keeps its own copies of
// the plan content: changing the caller's value, or the current content
// in place, changes neither the record nor an approved version.
func TestPlanContentIsCopied(t *testing.T) {
	a := auditIn(t, StateInitiation)
	require.NoError(t, a.Prepare(byLead(march(2, 19))))
	content := fixturePlan()
	require.NoError(t, a.DraftPlan(content, byLead(march(2, 20))))
	content.Objectives[0] = "changed"
	content.Schedule[1].Criteria[0] = refPolicy
	assert.Equal(t, fixturePlan(), a.Plan.Content)
	require.NoError(t, a.ApprovePlan(PlanCheck{}, byLead(march(2, 21))))
	a.Plan.Content.Objectives[0] = "edited in place"
	assert.Equal(t, fixturePlan().Objectives, a.Plan.Versions[0].Content.Objectives, "a version shares nothing with the content")
}
