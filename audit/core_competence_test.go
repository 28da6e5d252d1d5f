package audit

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// coreScheme is a small host scheme: an auditor set and a team leader set
// on top of it.
func coreScheme() competence.Scheme {
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

// coreRecord is an auditor's record meeting coreScheme.
func coreRecord(id string) competence.Auditor {
	return competence.Auditor{
		ID: competence.AuditorID(id), Name: id,
		Behaviours: []competence.BehaviourAssessment{{Behaviour: competence.Ethical, Demonstrated: true, At: time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC), By: "peer"}},
		Skills: []competence.Skill{
			{Area: competence.ISO27001Requirements, Level: competence.Proficient},
			{Area: competence.TeamLeadership, Level: competence.Proficient},
		},
	}
}

// coreEvaluate evaluates a against the scheme's set on day at and records
// the evaluation.
func coreEvaluate(t *testing.T, scheme *competence.Scheme, a *competence.Auditor, set competence.CriteriaSetID, at time.Time) {
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

// corePool builds a pool where lead is a competent team leader, ana a
// competent auditor, and tex a technical expert without evaluations;
// edit changes the records before the pool is built.
func corePool(t *testing.T, edit func(map[string]*competence.Auditor)) *competence.Pool {
	t.Helper()
	scheme := coreScheme()
	at := time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)
	lead, ana, tex := coreRecord("lead"), coreRecord("ana"), coreRecord("tex")
	coreEvaluate(t, &scheme, &lead, "auditor", at)
	coreEvaluate(t, &scheme, &lead, "leader", at)
	coreEvaluate(t, &scheme, &ana, "auditor", at)
	if edit != nil {
		edit(map[string]*competence.Auditor{"lead": &lead, "ana": &ana, "tex": &tex})
	}
	pool, err := competence.NewPool([]competence.Auditor{lead, ana, tex}, &scheme)
	require.NoError(t, err)
	return pool
}

// TestCoreApprovePlanWithPool checks competence and independence on
// approval.
func TestCoreApprovePlanWithPool(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(map[string]*competence.Auditor)
		setup func(a *Audit)
		rule  ismsaudit.RuleID // "" when approval succeeds
		want  []coreWant
	}{
		{name: "competent and independent"},
		{name: "auditor never evaluated", edit: func(r map[string]*competence.Auditor) { r["ana"].Evaluations = nil },
			rule: RulePlanCompetent, want: []coreWant{{"Plan.Content.Assignments[2].Auditor", RulePlanCompetent}, {"Plan.Content.Criteria[2]", RulePlanCompetent}}},
		{name: "leader not evaluated as leader", edit: func(r map[string]*competence.Auditor) { r["lead"].Evaluations = r["lead"].Evaluations[:1] },
			rule: RulePlanCompetent, want: []coreWant{{"Team[0].Auditor", RulePlanCompetent}}},
		{name: "trainee alone on a criterion", setup: func(a *Audit) {
			a.Team = append(a.Team, Member{Auditor: "tina", Name: "Tina Trainee", Role: competence.RoleTrainee})
			a.Plan.Content.Assignments[4].Auditor = "tina"
		}, rule: RulePlanCompetent, want: []coreWant{{"Plan.Content.Criteria[4]", RulePlanCompetent}}},
		{name: "trainee beside a competent auditor", setup: func(a *Audit) {
			a.Team = append(a.Team, Member{Auditor: "tina", Name: "Tina Trainee", Role: competence.RoleTrainee})
			a.Plan.Content.Assignments = append(a.Plan.Content.Assignments, Assignment{Criterion: coreRefPolicy, Auditor: "tina"})
		}, rule: RulePlanIndependent, want: []coreWant{{"Team[4].Auditor", RulePlanIndependent}}}, // tina is not in the pool
		{name: "auditor responsible for an audited control", edit: func(r map[string]*competence.Auditor) {
			r["ana"].Involvements = []competence.Involvement{{Kind: competence.Implemented, Auditee: "Acme", Controls: []string{"A.8.8"}, From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}
		}, rule: RulePlanIndependent, want: []coreWant{{"Team[1].Auditor", RulePlanIndependent}}},
		{name: "technical expert consulted for the auditee", edit: func(r map[string]*competence.Auditor) {
			r["tex"].Involvements = []competence.Involvement{{Kind: competence.Consulted, Auditee: "Acme", From: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)}}
		}, rule: RulePlanIndependent, want: []coreWant{{"Team[2].Auditor", RulePlanIndependent}}},
		{name: "employed by the auditee of an internal audit", edit: func(r map[string]*competence.Auditor) {
			r["ana"].Involvements = []competence.Involvement{{Kind: competence.Employed, Auditee: "Acme", From: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}}
		}},
		{name: "past work outside the cooling-off period", edit: func(r map[string]*competence.Auditor) {
			r["ana"].Involvements = []competence.Involvement{{Kind: competence.Responsible, Auditee: "Acme", From: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pool := corePool(t, tt.edit)
			a := coreAuditIn(t, StateInitiation)
			require.NoError(t, a.Prepare(coreM(10)))
			require.NoError(t, a.DraftPlan(corePlanContent(), coreM(11)))
			if tt.setup != nil {
				tt.setup(a)
			}
			check := &PlanCheck{Pool: pool, AuditorSet: "auditor", LeaderSet: "leader"}
			before := coreCopy(a)
			err := a.ApprovePlan(coreM(12), check)
			if tt.rule == "" {
				require.NoError(t, err)
				assert.Equal(t, PlanApproved, a.Plan.State)
				require.NoError(t, Verify(a, &VerifyOptions{Pool: pool, AuditorSet: "auditor", LeaderSet: "leader"}))
				return
			}
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tt.rule, te.Rule)
			coreRequireInvalid(t, err, tt.want...)
			coreUnchanged(t, before, a)

			// Without the pool the plan is approved; Verify with the pool
			// then finds the same problems.
			require.NoError(t, a.ApprovePlan(coreM(12), nil))
			err = Verify(a, &VerifyOptions{Pool: pool, AuditorSet: "auditor", LeaderSet: "leader"})
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			for _, w := range tt.want {
				assert.True(t, ve.Has(w.path, w.rule), "Verify: want %s at %s in %v", w.rule, w.path, ve.Fields)
			}
		})
	}
}

// TestCorePlanCheckDefaults checks the default criteria sets.
func TestCorePlanCheckDefaults(t *testing.T) {
	var pc PlanCheck
	auditor, leader := pc.sets("internal")
	assert.Equal(t, competence.InternalISMSAuditorSet, auditor)
	assert.Equal(t, competence.ISMSTeamLeaderSet, leader)
	auditor, _ = pc.sets("stage2")
	assert.Equal(t, competence.ISMSAuditorSet, auditor)

	// The fixture's records are evaluated against the host's sets only:
	// against the built-in ones nobody is competent.
	pool := corePool(t, nil)
	a := coreAuditIn(t, StateInitiation)
	require.NoError(t, a.Prepare(coreM(10)))
	require.NoError(t, a.DraftPlan(corePlanContent(), coreM(11)))
	err := a.ApprovePlan(coreM(12), &PlanCheck{Pool: pool})
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, RulePlanCompetent, te.Rule)
	coreRequireInvalid(t, err, coreWant{"Team[0].Auditor", RulePlanCompetent}, coreWant{"Plan.Content.Assignments[2].Auditor", RulePlanCompetent})
}
