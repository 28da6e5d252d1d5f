package competence_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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
	t.Run("a record that does not validate", func(t *testing.T) {
		tests := []struct {
			name string
			mut  func(*competence.Evaluation)
			want []competence.ObstacleKind
		}{
			{"competent without its decision", func(e *competence.Evaluation) { e.Decisions = nil },
				[]competence.ObstacleKind{competence.NotDecided}},
			{"not yet competent without its decision", func(e *competence.Evaluation) {
				e.History[len(e.History)-1].Event = competence.DecideNotYetCompetent
				e.History[len(e.History)-1].To = competence.NotYetCompetent
				e.Decisions = nil
			}, []competence.ObstacleKind{competence.FoundNotYetCompetent}},
			{"a state out of the lifecycle", func(e *competence.Evaluation) {
				e.History[len(e.History)-1].To = "limbo"
				e.Decisions = nil
			},
				[]competence.ObstacleKind{competence.NotDecided}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				a := competencetest.Auditor(t, "alice", profile)
				tt.mut(&a.Evaluations[0])
				require.Error(t, a.Validate())
				st, err := scheme.Standing(&a, competence.ISMSAuditorSet, evaluationDay.AddDate(2, 0, 0))
				require.NoError(t, err)
				assert.False(t, st.Competent)
				assert.Equal(t, tt.want, obstacleKinds(st))
				assert.True(t, st.DueAt.IsZero())
				assert.Nil(t, st.Maintenance, "no competent decision to count the period from")
			})
		}
	})
	t.Run("a set without a maintenance period is never checked", func(t *testing.T) {
		set := competence.ISMSAuditor()
		set.Maintenance = competence.Maintenance{}
		custom := competence.Scheme{Sets: []competence.CriteriaSet{set}}
		require.NoError(t, custom.Validate())
		a := fixtureAuditor("alice", evaluationDay)
		a.Evaluations = append(a.Evaluations, competencetest.Evaluation(t, &a, &set, evaluationDay))
		st, err := custom.Standing(&a, set.ID, evaluationDay.AddDate(0, 30, 0))
		require.NoError(t, err)
		assert.True(t, st.Competent, "%v", st.Obstacles)
		assert.Nil(t, st.Maintenance)
	})
	t.Run("maintenance is checked from one full period after the first decision", func(t *testing.T) {
		a := fixtureAuditor("alice", evaluationDay)
		set := competence.ISMSAuditor()
		a.Evaluations = append(a.Evaluations, competencetest.Evaluation(t, &a, &set, evaluationDay))
		st, err := scheme.Standing(&a, set.ID, evaluationDay.AddDate(1, 0, 0))
		require.NoError(t, err)
		require.NotNil(t, st.Maintenance, "checked on the day the first period ends")
		assert.Equal(t, evaluationDay, st.Maintenance.From)
		st, err = scheme.Standing(&a, set.ID, evaluationDay.AddDate(1, 0, 0).Add(-time.Second))
		require.NoError(t, err)
		assert.Nil(t, st.Maintenance, "not checked before")
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

// TestMaintenanceCheckThresholds pins each requirement on its own: a
// figure exactly at the requirement meets it, one short of it lapses, and
// records dated on the date count while later ones do not.
func TestMaintenanceCheckThresholds(t *testing.T) {
	day := evaluationDay
	a := competence.Auditor{ID: "alice",
		CPD: []competence.CPDRecord{
			{Activity: "course", Hours: 9, Date: day.AddDate(0, -1, 0)},
			{Activity: "webinar", Hours: 1, Date: day},                     // on the date: counted
			{Activity: "conference", Hours: 8, Date: day.AddDate(0, 0, 1)}, // after the date: not counted
		},
		Audits: []competence.AuditLogEntry{
			{Audit: "a1", Date: day.AddDate(0, -2, 0), Days: 2, Role: competence.RoleAuditor},
			{Audit: "a2", Date: day, Days: 2, Role: competence.RoleAuditor},
			{Audit: "a3", Date: day.AddDate(0, 0, 1), Days: 5, Role: competence.RoleAuditor},
		},
	}
	from := day.AddDate(-1, 0, 0)
	tests := []struct {
		name   string
		m      competence.Maintenance
		want   competence.Currency
		lapses []competence.ObstacleKind
	}{
		{"exactly met", competence.Maintenance{PeriodMonths: 12, CPDHours: 10, Audits: 2, AuditDays: 4},
			competence.Currency{From: from, To: day, CPDHours: 10, Audits: 2, AuditDays: 4, Current: true}, nil},
		{"CPD hours short", competence.Maintenance{PeriodMonths: 12, CPDHours: 10.5, Audits: 2, AuditDays: 4},
			competence.Currency{From: from, To: day, CPDHours: 10, Audits: 2, AuditDays: 4}, []competence.ObstacleKind{competence.CPDLapsed}},
		{"only audits short", competence.Maintenance{PeriodMonths: 12, CPDHours: 10, Audits: 3, AuditDays: 4},
			competence.Currency{From: from, To: day, CPDHours: 10, Audits: 2, AuditDays: 4}, []competence.ObstacleKind{competence.ActivityLapsed}},
		{"only audit days short", competence.Maintenance{PeriodMonths: 12, CPDHours: 10, Audits: 2, AuditDays: 4.5},
			competence.Currency{From: from, To: day, CPDHours: 10, Audits: 2, AuditDays: 4}, []competence.ObstacleKind{competence.ActivityLapsed}},
		{"roles not counted", competence.Maintenance{PeriodMonths: 12, Audits: 1, Roles: []competence.Role{competence.RoleTeamLeader}},
			competence.Currency{From: from, To: day, CPDHours: 10}, []competence.ObstacleKind{competence.ActivityLapsed}},
		{"zero period with requirements is off", competence.Maintenance{CPDHours: 100, Audits: 9, AuditDays: 99},
			competence.Currency{To: day, Current: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.m.Check(&a, day)
			var kinds []competence.ObstacleKind
			for _, l := range got.Lapses {
				kinds = append(kinds, l.Kind)
				assert.NotEmpty(t, l.Rule)
			}
			assert.Equal(t, tt.lapses, kinds)
			got.Lapses = nil
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("mismatch (-want +got):\n%s", d)
			}
		})
	}
}

// TestStandingReEvaluated covers an evaluation decided twice: the
// standing rests on the latest decision at the date (its due date, its
// unmet criteria), while maintenance is measured from the first competent
// decision, not from the re-evaluation.
func TestStandingReEvaluated(t *testing.T) {
	set := competence.ISMSAuditor()
	scheme := competence.Scheme{Sets: []competence.CriteriaSet{set}}
	require.NoError(t, scheme.Validate())
	second := evaluationDay.AddDate(0, 11, 0)
	reEvaluated := func(t *testing.T, competent bool) competence.Auditor {
		t.Helper()
		a := fixtureAuditor("alice", evaluationDay)
		ev := competencetest.Evaluation(t, &a, &set, evaluationDay)
		m := ismsaudit.Meta{At: second, By: "cb"}
		require.NoError(t, ev.Fire(competence.ReEvaluate, m))
		var unmet []competence.CriterionID
		if !competent {
			unmet = append(unmet, "isms-audits")
		}
		for _, r := range fixtureResults(&set, second, unmet...) {
			require.NoError(t, ev.Record(r))
		}
		now := fixtureAuditor("alice", second)
		as, err := ev.Assess(&now, &set, second)
		require.NoError(t, err)
		require.Equal(t, competent, as.Competent, "%v", as.Unmet())
		d := competence.Decision{Assessment: as}
		if !competent {
			d.Actions = []competence.DevelopmentAction{{Action: "more audits", Criteria: unmet}}
		}
		require.NoError(t, ev.Decide(d, m))
		a.Evaluations = []competence.Evaluation{ev}
		require.NoError(t, a.Validate())
		return a
	}
	t.Run("the latest competent decision sets the due date", func(t *testing.T) {
		a := reEvaluated(t, true)
		st, err := scheme.Standing(&a, set.ID, second.AddDate(0, 0, 1))
		require.NoError(t, err)
		assert.True(t, st.Competent, "%v", st.Obstacles)
		assert.Equal(t, set.DueAfter(second), st.DueAt)
		assert.Nil(t, st.Maintenance, "the first period since the first decision has not passed")
		// Before the re-evaluation the first decision stands, with its own due date.
		st, err = scheme.Standing(&a, set.ID, second.AddDate(0, 0, -1))
		require.NoError(t, err)
		assert.True(t, st.Competent, "%v", st.Obstacles)
		assert.Equal(t, set.DueAfter(evaluationDay), st.DueAt)
	})
	t.Run("maintenance counts from the first competent decision", func(t *testing.T) {
		a := reEvaluated(t, true)
		at := evaluationDay.AddDate(0, 13, 0)
		st, err := scheme.Standing(&a, set.ID, at)
		require.NoError(t, err)
		assert.False(t, st.Competent)
		require.NotNil(t, st.Maintenance)
		assert.Equal(t, at.AddDate(-1, 0, 0), st.Maintenance.From)
		assert.Equal(t, []competence.ObstacleKind{competence.CPDLapsed, competence.ActivityLapsed}, obstacleKinds(st))
	})
	t.Run("a later not-yet-competent decision replaces the competent one", func(t *testing.T) {
		a := reEvaluated(t, false)
		st, err := scheme.Standing(&a, set.ID, second.AddDate(0, 0, 1))
		require.NoError(t, err)
		assert.False(t, st.Competent)
		assert.Equal(t, competence.NotYetCompetent, st.State)
		assert.True(t, st.DueAt.IsZero())
		require.Equal(t, []competence.ObstacleKind{competence.FoundNotYetCompetent}, obstacleKinds(st))
		assert.Contains(t, st.Obstacles[0].Detail, "isms-audits")
		// The maintenance period still runs from the first competent decision.
		st, err = scheme.Standing(&a, set.ID, evaluationDay.AddDate(0, 13, 0))
		require.NoError(t, err)
		require.NotNil(t, st.Maintenance)
	})
	t.Run("re-evaluation of a competent auditor keeps the latest due date", func(t *testing.T) {
		a := reEvaluated(t, true)
		third := second.AddDate(0, 0, 10)
		require.NoError(t, a.Evaluations[0].Fire(competence.ReEvaluate, ismsaudit.Meta{At: third, By: "cb"}))
		st, err := scheme.Standing(&a, set.ID, third)
		require.NoError(t, err)
		assert.True(t, st.Competent, "%v", st.Obstacles)
		assert.Equal(t, competence.InProgress, st.State)
		assert.Equal(t, set.DueAfter(second), st.DueAt)
	})
}

// TestStandingRequires covers a Requires chain in a scheme that does not
// validate: a missing set or a cycle is an unmet prerequisite, and the
// computation ends.
func TestStandingRequires(t *testing.T) {
	named := func(id, requires competence.CriteriaSetID) competence.CriteriaSet {
		s := competence.ISMSAuditor()
		s.ID, s.Requires = id, requires
		return s
	}
	tests := []struct {
		name string
		sets []competence.CriteriaSet
		want []competence.ObstacleKind
	}{
		{"chain met", []competence.CriteriaSet{named("a", "b"), named("b", "c"), named("c", "")}, nil},
		{"missing set", []competence.CriteriaSet{named("a", "ghost")}, []competence.ObstacleKind{competence.PrerequisiteUnmet}},
		{"missing further down", []competence.CriteriaSet{named("a", "b"), named("b", "ghost")}, []competence.ObstacleKind{competence.PrerequisiteUnmet}},
		{"cycle", []competence.CriteriaSet{named("a", "b"), named("b", "a")}, []competence.ObstacleKind{competence.PrerequisiteUnmet}},
		{"cycle further down", []competence.CriteriaSet{named("a", "b"), named("b", "c"), named("c", "b")}, []competence.ObstacleKind{competence.PrerequisiteUnmet}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scheme := competence.Scheme{Sets: tt.sets}
			a := fixtureAuditor("alice", evaluationDay)
			for i := range tt.sets {
				a.Evaluations = append(a.Evaluations, competencetest.Evaluation(t, &a, &tt.sets[i], evaluationDay))
			}
			st, err := scheme.Standing(&a, "a", auditDay)
			require.NoError(t, err)
			assert.Equal(t, tt.want, obstacleKinds(st))
			assert.Equal(t, tt.want == nil, st.Competent)
		})
	}
}

// obstacleKinds lists the kinds of a standing's obstacles, in order.
func obstacleKinds(st competence.Standing) []competence.ObstacleKind {
	var out []competence.ObstacleKind
	for _, o := range st.Obstacles {
		out = append(out, o.Kind)
	}
	return out
}
