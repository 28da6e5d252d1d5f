package competence_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/competence/competencetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuditorValidate(t *testing.T) {
	t.Run("valid", func(t *testing.T) {
		a := competencetest.TeamLeader(t, "alice", profile)
		require.NoError(t, a.Validate())
	})
	t.Run("every problem at once", func(t *testing.T) {
		a := evaluatedFixture(t, "alice")
		a.Name = ""
		a.Work[0].To = a.Work[0].From.AddDate(-1, 0, 0)
		a.Training[1].Hours = -2
		a.Training[0].Kind = "webinar"
		a.Audits[2].Role = "spectator"
		a.Audits[3].GuidedBy = "alice"
		a.Audits[4].Days = math.Inf(1)
		a.Skills = append(a.Skills, competence.Skill{Area: competence.RiskAssessment, Level: competence.Expert})
		a.Languages = []string{"en", "en"}
		a.Involvements = []competence.Involvement{{Kind: competence.Consulted}}
		a.Qualifications = []competence.Qualification{{Name: "LA", From: evaluationDay, Until: evaluationDay.AddDate(0, 0, -1)}}
		a.CPD = append(a.CPD, competence.CPDRecord{Activity: "x", Date: evaluationDay})
		a.Unavailable = []competence.Period{{}}
		a.Evaluations[1].Auditor = "bob"
		a.Evaluations = append(a.Evaluations, a.Evaluations[0])
		err := a.Validate()
		require.ErrorIs(t, err, ismsaudit.ErrInvalid)
		var ve *ismsaudit.ValidationError
		require.ErrorAs(t, err, &ve)
		for _, want := range []struct {
			path string
			rule ismsaudit.RuleID
		}{
			{"Name", "required"},
			{"Work[0].To", "after-start"},
			{"Training[1].Hours", "gt"},
			{"Training[0].Kind", "enum"},
			{"Audits[2].Role", "enum"},
			{"Audits[3].GuidedBy", "not-self"},
			{"Audits[4].Days", "finite"},
			{"Skills[11].Area", "unique"},
			{"Languages", "unique"},
			{"Involvements[0].Auditee", "required"},
			{"Qualifications[0].Until", "after-start"},
			{"CPD[1].Hours", "gt"},
			{"Unavailable[0].From", "required"},
			{"Evaluations[1].Auditor", "same-auditor"},
			{"Evaluations[2].ID", "unique"},
			{"Evaluations[2].Criteria", competence.RuleEvalOneOpen},
		} {
			assert.True(t, ve.Has(want.path, want.rule), "missing %s %s in %v", want.path, want.rule, ve.Fields)
		}
	})
	t.Run("a withdrawn evaluation is no longer open", func(t *testing.T) {
		a := competencetest.Auditor(t, "alice", profile)
		old := cloneEvaluation(a.Evaluations[0])
		old.ID = "alice/old"
		require.NoError(t, old.Withdraw("replaced by a new evaluation", ismsaudit.Meta{At: evaluationDay.AddDate(0, 0, 1), By: "cb"}))
		a.Evaluations = append([]competence.Evaluation{old}, a.Evaluations...)
		require.NoError(t, a.Validate())
		assert.Equal(t, a.Evaluations[1].ID, a.Evaluation(competence.ISMSAuditorSet).ID)
		scheme := competence.DefaultScheme()
		st, err := scheme.Standing(&a, competence.ISMSAuditorSet, auditDay)
		require.NoError(t, err)
		assert.True(t, st.Competent, "%v", st.Obstacles)
		// Two evaluations against the set that are not withdrawn are refused.
		a.Evaluations[0] = cloneEvaluation(a.Evaluations[1])
		a.Evaluations[0].ID = "alice/old"
		var ve *ismsaudit.ValidationError
		require.ErrorAs(t, a.Validate(), &ve)
		assert.True(t, ve.Has("Evaluations[1].Criteria", competence.RuleEvalOneOpen), "%v", ve.Fields)
	})
}

func TestDecodeAuditor(t *testing.T) {
	good := competencetest.Auditor(t, "alice", profile)
	data, err := json.Marshal(good)
	require.NoError(t, err)
	got, err := competence.DecodeAuditor(data)
	require.NoError(t, err)
	assert.Equal(t, good.ID, got.ID)

	tests := []struct {
		name, data, path string
		rule             ismsaudit.RuleID
	}{
		{"syntax", `{"id":`, "", "json-syntax"},
		{"unknown field", `{"id":"a","name":"A","nickname":"x"}`, "", "unknown-field"},
		{"wrong type", `{"id":"a","name":"A","training":[{"course":"c","kind":"other","hours":"forty","completed":"2024-01-01T00:00:00Z"}]}`, "Training[0].Hours", "json-type"},
		{"bad enum", `{"id":"a","name":"A","skills":[{"area":"cooking","level":"expert"}]}`, "Skills[0].Area", "enum"},
		{"trailing data", `{"id":"a","name":"A"} {}`, "", "json-trailing"},
		{"valid JSON, invalid record", `{"id":"a","name":""}`, "Name", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := competence.DecodeAuditor([]byte(tt.data))
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "%v", ve.Fields)
		})
	}
}

func TestAuditorHelpers(t *testing.T) {
	a := competencetest.TeamLeader(t, "alice", profile)
	l, ok := a.SkillLevel(competence.RiskAssessment)
	assert.True(t, ok)
	assert.Equal(t, competence.Proficient, l)
	_, ok = a.SkillLevel("cooking")
	assert.False(t, ok)

	tests := []struct {
		need competence.Need
		want bool
	}{
		{competence.KnowledgeNeed(competence.RiskAssessment, competence.Working), true},
		{competence.KnowledgeNeed(competence.RiskAssessment, competence.Expert), false},
		{competence.SectorNeed("finance"), true},
		{competence.SectorNeed("health"), false},
		{competence.TechnicalAreaNeed("cloud"), false},
		{competence.LanguageNeed("en"), true},
		{competence.Need{Kind: competence.NeedLeader}, false},
	}
	for _, tt := range tests {
		t.Run(tt.need.String(), func(t *testing.T) { assert.Equal(t, tt.want, a.Covers(tt.need)) })
	}

	require.NotNil(t, a.Evaluation(competence.ISMSAuditorSet))
	assert.Nil(t, a.Evaluation("other"))
	// A withdrawn evaluation is current only when no open one exists.
	old := a.Evaluations[0]
	old.ID, old.State = "old", competence.Withdrawn
	a.Evaluations = append([]competence.Evaluation{old}, a.Evaluations...)
	assert.Equal(t, competence.EvaluationID("alice/isms-auditor"), a.Evaluation(competence.ISMSAuditorSet).ID)
	a.Evaluations = a.Evaluations[:1]
	assert.Equal(t, competence.EvaluationID("old"), a.Evaluation(competence.ISMSAuditorSet).ID)

	d := func(n int) time.Time { return evaluationDay.AddDate(0, 0, n) }
	p := competence.Period{From: d(0), To: d(10)}
	assert.True(t, p.Contains(d(0)))
	assert.True(t, p.Contains(d(10)))
	assert.False(t, p.Contains(d(11)))
	assert.True(t, competence.Period{From: d(0)}.Contains(d(1000)))
	assert.True(t, p.Overlaps(competence.Period{From: d(10), To: d(12)}))
	assert.False(t, p.Overlaps(competence.Period{From: d(11), To: d(12)}))
	assert.True(t, p.Overlaps(competence.Period{From: d(-5)}))
	a.Unavailable = []competence.Period{{From: d(5), To: d(6)}}
	assert.False(t, a.AvailableDuring(p))
	assert.True(t, a.AvailableDuring(competence.Period{From: d(7), To: d(9)}))
}

func TestWorkYears(t *testing.T) {
	y := func(year int) time.Time { return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC) }
	a := competence.Auditor{Work: []competence.WorkExperience{
		{Employer: "A", Field: "it", From: y(2010), To: y(2014)},
		{Employer: "B", Field: "security", InformationSecurity: true, From: y(2012), To: y(2016)}, // overlaps A by 2 years
		{Employer: "C", Field: "security", InformationSecurity: true, From: y(2018)},              // ongoing
		{Employer: "D", Field: "it", From: y(2030)},                                               // future
	}}
	assert.InDelta(t, 6+2, a.WorkYears(y(2020)), 0.01)
	assert.InDelta(t, 4+2, a.SecurityWorkYears(y(2020)), 0.01)
	assert.InDelta(t, 0, a.WorkYears(y(2000)), 0.01)
}
