package competencetest_test

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/competence/competencetest"
)

var day = time.Date(2026, time.January, 5, 9, 0, 0, 0, time.UTC)

// everyKind is a host scheme whose auditor set has a criterion of every
// kind, and a leader set built on it.
func everyKind() *competence.Scheme {
	return &competence.Scheme{Sets: []competence.CriteriaSet{
		{ID: "auditor", Title: "Auditor", Role: competence.RoleAuditor, ReevaluationMonths: 24,
			Maintenance: competence.Maintenance{PeriodMonths: 6, CPDHours: 4, Audits: 2, AuditDays: 12, Roles: []competence.Role{competence.RoleAuditor}},
			Criteria: []competence.Criterion{
				{ID: "ethical", Kind: competence.BehaviourCriterion, Behaviour: competence.Ethical, Source: "19011:7.2.2"},
				{ID: "threats", Kind: competence.KnowledgeCriterion, Area: competence.TechnologyThreats, Level: competence.Expert, Source: "27007:7.2.3.3"},
				{ID: "work", Kind: competence.WorkYears, Min: 7.5, Source: "host"},
				{ID: "security-work", Kind: competence.SecurityWorkYears, Min: 3, Source: "host"},
				{ID: "training", Kind: competence.TrainingHours, Min: 30, WindowMonths: 12, Training: []competence.TrainingKind{competence.SecurityCourse}, Source: "host"},
				{ID: "course", Kind: competence.CourseCompleted, Min: 16, Training: []competence.TrainingKind{competence.InternalAuditorCourse}, Source: "host"},
				{ID: "audits", Kind: competence.AuditCount, Min: 6, WindowMonths: 6, Roles: []competence.Role{competence.RoleTrainee}, Standards: []string{"ISO 9001"}, Source: "host"},
				{ID: "days", Kind: competence.AuditDays, Min: 23, WindowMonths: 3, Source: "host"},
				{ID: "licence", Kind: competence.QualificationHeld, Qualification: "registered auditor", Source: "host"},
				{ID: "interviewed", Kind: competence.KnowledgeCriterion, Area: competence.AuditPrinciples, Level: competence.Working,
					Methods: []competence.Method{competence.Testing}, Source: "host"},
			}},
		{ID: "leader", Title: "Leader", Role: competence.RoleTeamLeader, Requires: "auditor", ReevaluationMonths: 12, Criteria: []competence.Criterion{
			{ID: "guided", Kind: competence.GuidedLeadAudits, Min: 2, WindowMonths: 12, Source: "host"},
			{ID: "leadership", Kind: competence.KnowledgeCriterion, Area: competence.TeamLeadership, Level: competence.Proficient, Source: "19011:7.2.3.4"},
		}},
	}}
}

// standing asserts a's standing against set at date at.
func standing(t *testing.T, scheme *competence.Scheme, a *competence.Auditor, set competence.CriteriaSetID, at time.Time, want bool) {
	t.Helper()
	if scheme == nil {
		s := competence.DefaultScheme()
		scheme = &s
	}
	st, err := scheme.Standing(a, set, at)
	require.NoError(t, err)
	assert.Equal(t, want, st.Competent, "%s as %s on %s: %v", a.ID, set, at.Format(time.DateOnly), st.Obstacles)
}

func TestAuditorAndTeamLeader(t *testing.T) {
	internal := competencetest.Profile{Set: competence.InternalISMSAuditorSet, LeaderSet: competence.InternalISMSAuditorSet}
	tests := []struct {
		name       string
		profile    competencetest.Profile
		leader     bool
		competent  []competence.CriteriaSetID
		notLeading competence.CriteriaSetID // a set the person is not evaluated against
	}{
		{"ISMS auditor", competencetest.Profile{}, false, []competence.CriteriaSetID{competence.ISMSAuditorSet}, competence.ISMSTeamLeaderSet},
		{"ISMS team leader", competencetest.Profile{}, true, []competence.CriteriaSetID{competence.ISMSAuditorSet, competence.ISMSTeamLeaderSet}, competence.InternalISMSAuditorSet},
		{"internal auditor", internal, false, []competence.CriteriaSetID{competence.InternalISMSAuditorSet}, competence.ISMSAuditorSet},
		{"internal team leader", internal, true, []competence.CriteriaSetID{competence.InternalISMSAuditorSet}, competence.ISMSAuditorSet},
		{"host scheme, every kind of criterion", competencetest.Profile{Scheme: everyKind(), Set: "auditor", LeaderSet: "leader"}, true,
			[]competence.CriteriaSetID{"auditor", "leader"}, ""},
		{"another date", competencetest.Profile{At: day.AddDate(3, 2, 1)}, true, []competence.CriteriaSetID{competence.ISMSAuditorSet, competence.ISMSTeamLeaderSet}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			make := competencetest.Auditor
			if tt.leader {
				make = competencetest.TeamLeader
			}
			a := make(t, "alice", tt.profile)
			require.NoError(t, a.Validate())
			at := tt.profile.At
			if at.IsZero() {
				at = day
			}
			var evaluated []competence.CriteriaSetID
			for _, ev := range a.Evaluations {
				evaluated = append(evaluated, ev.Criteria)
				assert.Equal(t, competence.Competent, ev.State)
				require.NotEmpty(t, ev.History)
				assert.Equal(t, competencetest.Evaluator, ev.History[0].By)
			}
			assert.ElementsMatch(t, tt.competent, evaluated)
			for _, set := range tt.competent {
				standing(t, tt.profile.Scheme, &a, set, at, true)
				standing(t, tt.profile.Scheme, &a, set, at.Add(-time.Second), false)
			}
			if tt.notLeading != "" {
				standing(t, tt.profile.Scheme, &a, tt.notLeading, at, false)
			}
		})
	}
}

func TestProfileOnTheRecord(t *testing.T) {
	p := competencetest.Profile{
		Areas: []competence.KnowledgeArea{competence.RiskAssessment, competence.TechnologyThreats}, Level: competence.Expert,
		Sectors: []string{"finance"}, TechnicalAreas: []string{"cloud"}, Languages: []string{"de", "en"},
	}
	covers := []competence.Need{
		competence.KnowledgeNeed(competence.RiskAssessment, competence.Expert),
		competence.KnowledgeNeed(competence.TechnologyThreats, competence.Expert),
		competence.KnowledgeNeed(competence.AnnexAControls, competence.Proficient), // the ISMS auditor set asks for it
		competence.SectorNeed("finance"), competence.TechnicalAreaNeed("cloud"), competence.LanguageNeed("de"),
	}
	misses := []competence.Need{
		competence.KnowledgeNeed(competence.AnnexAControls, competence.Expert),
		competence.SectorNeed("health"), competence.LanguageNeed("fr"),
	}
	for name, a := range map[string]competence.Auditor{
		"auditor": competencetest.Auditor(t, "a", p),
		"leader":  competencetest.TeamLeader(t, "l", p),
		"expert":  competencetest.Expert("x", p),
	} {
		t.Run(name, func(t *testing.T) {
			for _, n := range covers {
				if name == "expert" && n.Area == competence.AnnexAControls {
					continue // an expert has only the profile's areas
				}
				assert.True(t, a.Covers(n), n)
			}
			for _, n := range misses {
				assert.False(t, a.Covers(n), n)
			}
			assert.Equal(t, name == "expert", a.Expert)
			require.NoError(t, a.Validate())
		})
	}
	t.Run("a criterion's higher level wins", func(t *testing.T) {
		a := competencetest.Auditor(t, "a", competencetest.Profile{Areas: []competence.KnowledgeArea{competence.RiskAssessment}, Level: competence.Awareness})
		l, ok := a.SkillLevel(competence.RiskAssessment)
		require.True(t, ok)
		assert.Equal(t, competence.Proficient, l)
	})
}

// TestMaintenance: without Until the maintenance period after At has no
// activity, so competence lapses once it is checked; with Until it stays
// current every month to Until.
func TestMaintenance(t *testing.T) {
	scheme := competence.DefaultScheme()
	lapsed := competencetest.TeamLeader(t, "a", competencetest.Profile{})
	st, err := scheme.Standing(&lapsed, competence.ISMSAuditorSet, day.AddDate(0, 13, 0))
	require.NoError(t, err)
	assert.True(t, st.Has(competence.CPDLapsed))
	assert.True(t, st.Has(competence.ActivityLapsed))

	current := competencetest.TeamLeader(t, "b", competencetest.Profile{Until: day.AddDate(2, 0, 0)})
	for d := day; !d.After(day.AddDate(2, 0, 0)); d = d.AddDate(0, 0, 17) {
		standing(t, nil, &current, competence.ISMSTeamLeaderSet, d, true)
	}
	// Re-evaluation falls due after 36 months, Until or not.
	standing(t, nil, &current, competence.ISMSAuditorSet, day.AddDate(3, 0, 0), false)

	host := everyKind()
	hosted := competencetest.TeamLeader(t, "c", competencetest.Profile{Scheme: host, Set: "auditor", LeaderSet: "leader", Until: day.AddDate(0, 11, 0)})
	for d := day; !d.After(day.AddDate(0, 11, 0)); d = d.AddDate(0, 0, 9) {
		standing(t, host, &hosted, "leader", d, true)
	}
}

func TestEvaluation(t *testing.T) {
	set := competence.ISMSAuditor()
	a := competencetest.Auditor(t, "a", competencetest.Profile{})
	a.Evaluations = nil
	t.Run("competent", func(t *testing.T) {
		ev := competencetest.Evaluation(t, &a, &set, day)
		assert.Equal(t, competence.Competent, ev.State)
		assert.Equal(t, competence.EvaluationID("a/isms-auditor"), ev.ID)
		d, ok := ev.LastDecision()
		require.True(t, ok)
		assert.Equal(t, []competence.Method{competence.ReviewOfRecords, competence.Interview, competence.Observation}, d.Assessment.Methods)
	})
	t.Run("not yet competent", func(t *testing.T) {
		b := a
		b.Training = nil
		ev := competencetest.Evaluation(t, &b, &set, day)
		assert.Equal(t, competence.NotYetCompetent, ev.State)
		d, ok := ev.LastDecision()
		require.True(t, ok)
		want := []competence.DevelopmentAction{{Action: "close the competence gaps", Criteria: []competence.CriterionID{"lead-auditor-course"}}}
		if diff := cmp.Diff(want, d.Actions); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestPool(t *testing.T) {
	p := competencetest.Profile{Languages: []string{"de"}, TechnicalAreas: []string{"ot"}}
	pool := competencetest.Pool(t, nil,
		competencetest.TeamLeader(t, "lena", competencetest.Profile{Languages: []string{"en"}}),
		competencetest.Auditor(t, "omar", p),
		competencetest.Expert("tex", competencetest.Profile{TechnicalAreas: []string{"cloud"}}),
	)
	team, err := pool.SelectTeam(competence.TeamNeeds{Scope: competence.Scope{Auditee: "acme"}, At: day.AddDate(0, 0, 14),
		Needs: []competence.Need{competence.LanguageNeed("de"), competence.TechnicalAreaNeed("cloud")}}, nil)
	require.NoError(t, err)
	assert.Equal(t, competence.AuditorID("lena"), team.Leader)
	assert.Equal(t, []competence.AuditorID{"lena", "omar"}, team.Auditors())
	assert.Equal(t, []competence.AuditorID{"tex"}, team.Experts())
}

// recorder is a TestingT that keeps what the helpers report; FailNow
// ends the goroutine, as testing.T's does.
type recorder struct {
	msgs   []string
	failed bool
}

func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}
func (r *recorder) FailNow() { r.failed = true; runtime.Goexit() }

// run calls f with a recorder in a goroutine of its own and returns the
// recorder once f returns or fails.
func run(f func(competencetest.TestingT)) *recorder {
	r := &recorder{}
	var wg sync.WaitGroup
	wg.Go(func() { f(r) })
	wg.Wait()
	return r
}

func TestFailures(t *testing.T) {
	oneMethod := &competence.Scheme{Sets: []competence.CriteriaSet{{ID: "narrow", Title: "Narrow", Role: competence.RoleAuditor, ReevaluationMonths: 12,
		Criteria: []competence.Criterion{{ID: "k", Kind: competence.KnowledgeCriterion, Area: competence.AuditPrinciples, Level: competence.Working,
			Methods: []competence.Method{competence.Interview}, Source: "host"}}}}}
	tests := []struct {
		name string
		f    func(competencetest.TestingT)
	}{
		{"unknown set", func(t competencetest.TestingT) { competencetest.Auditor(t, "a", competencetest.Profile{Set: "nope"}) }},
		{"unknown leader set", func(t competencetest.TestingT) {
			competencetest.TeamLeader(t, "a", competencetest.Profile{LeaderSet: "nope"})
		}},
		{"a decision needs two methods", func(t competencetest.TestingT) {
			competencetest.Auditor(t, "a", competencetest.Profile{Scheme: oneMethod, Set: "narrow"})
		}},
		{"no id", func(t competencetest.TestingT) { competencetest.Auditor(t, "", competencetest.Profile{}) }},
		{"a pool with the same person twice", func(t competencetest.TestingT) {
			a := competencetest.Auditor(t, "a", competencetest.Profile{})
			competencetest.Pool(t, nil, a, a)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(tt.f)
			assert.True(t, r.failed)
			require.Len(t, r.msgs, 1)
		})
	}
	assert.False(t, run(func(t competencetest.TestingT) { competencetest.Auditor(t, "a", competencetest.Profile{}) }).failed)
}
