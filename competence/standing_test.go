package competence_test

import (
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/competence/competencetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStanding(t *testing.T) {
	scheme := competence.DefaultScheme()
	later := func(months int) time.Time { return evaluationDay.AddDate(0, months, 0) }
	fire := func(t *testing.T, a *competence.Auditor, set competence.CriteriaSetID, e competence.EvaluationEvent, when time.Time, reason string) {
		t.Helper()
		for i := range a.Evaluations {
			if a.Evaluations[i].Criteria == set {
				require.NoError(t, fireWith(&a.Evaluations[i], e, reason, ismsaudit.Meta{At: when, By: "cb"}))
				return
			}
		}
		t.Fatalf("no evaluation against %s", set)
	}
	keepCurrent := func(a *competence.Auditor, at time.Time) {
		a.CPD = append(a.CPD, competence.CPDRecord{Activity: "course", Hours: 16, Date: at.AddDate(0, -1, 0)})
		for i := range 2 {
			a.Audits = append(a.Audits, competence.AuditLogEntry{Audit: "recent", Date: at.AddDate(0, -2-i, 0), Days: 3, Role: competence.RoleTeamLeader})
		}
	}
	tests := []struct {
		name      string
		set       competence.CriteriaSetID
		at        time.Time
		mut       func(*testing.T, *competence.Auditor)
		competent bool
		obstacles []competence.ObstacleKind
	}{
		{"competent auditor", competence.ISMSAuditorSet, auditDay, nil, true, nil},
		{"competent leader", competence.ISMSTeamLeaderSet, auditDay, nil, true, nil},
		{"not evaluated", competence.InternalISMSAuditorSet, auditDay, nil, false, []competence.ObstacleKind{competence.NotEvaluated}},
		{"before the decision", competence.ISMSAuditorSet, evaluationDay.Add(-time.Hour), nil, false, []competence.ObstacleKind{competence.NotDecided}},
		{"planned", competence.InternalISMSAuditorSet, auditDay, func(t *testing.T, a *competence.Auditor) {
			ev, err := competence.NewEvaluation("x", a.ID, competence.InternalISMSAuditorSet)
			require.NoError(t, err)
			a.Evaluations = append(a.Evaluations, ev)
		}, false, []competence.ObstacleKind{competence.NotDecided}},
		{"not yet competent", competence.ISMSAuditorSet, auditDay, func(t *testing.T, a *competence.Auditor) {
			a.Evaluations = nil
			b := *a
			b.Training = nil
			set := competence.ISMSAuditor()
			a.Evaluations = append(a.Evaluations, competencetest.Evaluation(t, &b, &set, evaluationDay))
		}, false, []competence.ObstacleKind{competence.FoundNotYetCompetent}},
		{"re-evaluation due", competence.ISMSAuditorSet, later(36), func(t *testing.T, a *competence.Auditor) { keepCurrent(a, later(36)) },
			false, []competence.ObstacleKind{competence.ReEvaluationDue}},
		{"suspended", competence.ISMSAuditorSet, auditDay, func(t *testing.T, a *competence.Auditor) {
			fire(t, a, competence.ISMSAuditorSet, competence.Suspend, evaluationDay.AddDate(0, 0, 7), "complaint")
		}, false, []competence.ObstacleKind{competence.CompetenceSuspended}},
		{"suspended before the date only counts from then", competence.ISMSAuditorSet, evaluationDay.AddDate(0, 0, 6), func(t *testing.T, a *competence.Auditor) {
			fire(t, a, competence.ISMSAuditorSet, competence.Suspend, evaluationDay.AddDate(0, 0, 7), "complaint")
		}, true, nil},
		{"reinstated", competence.ISMSAuditorSet, auditDay, func(t *testing.T, a *competence.Auditor) {
			fire(t, a, competence.ISMSAuditorSet, competence.Suspend, evaluationDay.AddDate(0, 0, 7), "complaint")
			fire(t, a, competence.ISMSAuditorSet, competence.Reinstate, evaluationDay.AddDate(0, 0, 9), "complaint unfounded")
		}, true, nil},
		{"withdrawn", competence.ISMSAuditorSet, auditDay, func(t *testing.T, a *competence.Auditor) {
			fire(t, a, competence.ISMSAuditorSet, competence.Withdraw, evaluationDay.AddDate(0, 0, 7), "left")
		}, false, []competence.ObstacleKind{competence.CompetenceWithdrawn}},
		{"re-evaluation of a competent auditor under way", competence.ISMSAuditorSet, auditDay, func(t *testing.T, a *competence.Auditor) {
			fire(t, a, competence.ISMSAuditorSet, competence.ReEvaluate, evaluationDay.AddDate(0, 0, 7), "")
		}, true, nil},
		{"re-evaluation after suspension under way", competence.ISMSAuditorSet, auditDay, func(t *testing.T, a *competence.Auditor) {
			fire(t, a, competence.ISMSAuditorSet, competence.Suspend, evaluationDay.AddDate(0, 0, 7), "complaint")
			fire(t, a, competence.ISMSAuditorSet, competence.ReEvaluate, evaluationDay.AddDate(0, 0, 8), "")
		}, false, []competence.ObstacleKind{competence.NotDecided}},
		{"maintenance not checked in the first period", competence.ISMSAuditorSet, later(11), nil, true, nil},
		{"CPD and activity lapsed", competence.ISMSAuditorSet, later(13), nil, false,
			[]competence.ObstacleKind{competence.CPDLapsed, competence.ActivityLapsed}},
		{"maintenance current", competence.ISMSAuditorSet, later(13), func(t *testing.T, a *competence.Auditor) { keepCurrent(a, later(13)) }, true, nil},
		{"leader needs auditor competence", competence.ISMSTeamLeaderSet, auditDay, func(t *testing.T, a *competence.Auditor) {
			fire(t, a, competence.ISMSAuditorSet, competence.Suspend, evaluationDay.AddDate(0, 0, 7), "complaint")
		}, false, []competence.ObstacleKind{competence.PrerequisiteUnmet}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := competencetest.TeamLeader(t, "alice", profile)
			if tt.mut != nil {
				tt.mut(t, &a)
			}
			require.NoError(t, a.Validate())
			st, err := scheme.Standing(&a, tt.set, tt.at)
			require.NoError(t, err)
			assert.Equal(t, tt.competent, st.Competent)
			var kinds []competence.ObstacleKind
			for _, o := range st.Obstacles {
				kinds = append(kinds, o.Kind)
				_, ok := competence.LookupRule(o.Rule)
				assert.True(t, ok, "obstacle %s cites unknown rule %q", o.Kind, o.Rule)
				assert.True(t, st.Has(o.Kind))
			}
			assert.Equal(t, tt.obstacles, kinds)
			assert.Equal(t, a.ID, st.Auditor)
			assert.Equal(t, tt.set, st.Criteria)
		})
	}
	t.Run("the obstacle gives the reason", func(t *testing.T) {
		a := competencetest.Auditor(t, "alice", profile)
		require.NoError(t, a.Evaluations[0].Suspend("complaint under review", ismsaudit.Meta{At: evaluationDay.AddDate(0, 0, 7), By: "cb", Note: "minuted"}))
		st, err := scheme.Standing(&a, competence.ISMSAuditorSet, auditDay)
		require.NoError(t, err)
		require.Len(t, st.Obstacles, 1)
		assert.Equal(t, competence.Obstacle{Kind: competence.CompetenceSuspended, Rule: competence.RuleSuspendReason, Detail: "complaint under review"}, st.Obstacles[0])
	})
	t.Run("unknown set", func(t *testing.T) {
		a := competencetest.Auditor(t, "alice", profile)
		_, err := scheme.Standing(&a, "nope", auditDay)
		require.ErrorIs(t, err, ismsaudit.ErrNotFound)
		var nf *ismsaudit.NotFoundError
		require.ErrorAs(t, err, &nf)
		assert.Equal(t, "nope", nf.ID)
	})
	t.Run("qualification expires after the decision", func(t *testing.T) {
		set := competence.ISMSAuditor()
		set.Criteria = append(set.Criteria, competence.Criterion{ID: "registered", Kind: competence.QualificationHeld, Qualification: "Registered ISMS Auditor", Source: "host scheme"})
		custom := competence.Scheme{Sets: []competence.CriteriaSet{set}}
		require.NoError(t, custom.Validate())
		a := fixtureAuditor("alice", evaluationDay)
		a.Qualifications = []competence.Qualification{{Name: "Registered ISMS Auditor", From: evaluationDay.AddDate(-1, 0, 0), Until: evaluationDay.AddDate(0, 0, 20)}}
		a.Evaluations = append(a.Evaluations, competencetest.Evaluation(t, &a, &set, evaluationDay))
		st, err := custom.Standing(&a, set.ID, evaluationDay.AddDate(0, 0, 10))
		require.NoError(t, err)
		assert.True(t, st.Competent, "%v", st.Obstacles)
		st, err = custom.Standing(&a, set.ID, auditDay)
		require.NoError(t, err)
		assert.False(t, st.Competent)
		assert.True(t, st.Has(competence.QualificationInvalid))
	})
}

func TestMaintenanceCheck(t *testing.T) {
	a := fixtureAuditor("alice", evaluationDay)
	m := competence.Maintenance{PeriodMonths: 12, CPDHours: 20, Audits: 3, AuditDays: 10}
	cur := m.Check(&a, evaluationDay)
	assert.True(t, cur.Current, "%v", cur.Lapses)
	assert.Equal(t, 20.0, cur.CPDHours)
	assert.Equal(t, 4, cur.Audits) // 2 as auditor, 2 as leader; the one exactly 12 months back is outside
	assert.Equal(t, evaluationDay.AddDate(-1, 0, 0), cur.From)
	m.CPDHours, m.Roles = 21, []competence.Role{competence.RoleObserver}
	cur = m.Check(&a, evaluationDay)
	assert.False(t, cur.Current)
	require.Len(t, cur.Lapses, 2)
	assert.Equal(t, competence.CPDLapsed, cur.Lapses[0].Kind)
	assert.Equal(t, competence.ActivityLapsed, cur.Lapses[1].Kind)
	off := competence.Maintenance{}
	assert.True(t, off.Check(&a, evaluationDay).Current)
}
