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

// oneCriterion evaluates a against a set holding only c, with an
// interview finding it met unless results are given.
func oneCriterion(t *testing.T, a competence.Auditor, c competence.Criterion, results ...competence.MethodResult) competence.CriterionResult {
	t.Helper()
	set := competence.CriteriaSet{ID: "s", Title: "s", Role: competence.RoleAuditor, Criteria: []competence.Criterion{c}, ReevaluationMonths: 12}
	require.NoError(t, set.Validate())
	if results == nil {
		results = []competence.MethodResult{{Method: competence.Interview, At: evaluationDay, By: "e", Findings: []competence.Finding{{Criterion: c.ID, Met: true}}}}
	}
	as, err := competence.Evaluate(&a, &set, results, evaluationDay)
	require.NoError(t, err)
	require.Len(t, as.Results, 1)
	r := as.Results[0]
	assert.Equal(t, c.ID, r.Criterion)
	assert.Equal(t, c.Kind, r.Kind)
	assert.NotEmpty(t, r.Why)
	assert.Equal(t, r.Met, as.Competent)
	return r
}

func TestEvaluateCriterionKinds(t *testing.T) {
	base := func() competence.Auditor { return fixtureAuditor("alice", evaluationDay) }
	tests := []struct {
		name string
		c    competence.Criterion
		mut  func(*competence.Auditor)
		met  bool
	}{
		{"behaviour demonstrated", competence.Criterion{ID: "b", Kind: competence.BehaviourCriterion, Behaviour: competence.Ethical, Source: "x"}, nil, true},
		{"behaviour not demonstrated in the latest assessment", competence.Criterion{ID: "b", Kind: competence.BehaviourCriterion, Behaviour: competence.Ethical, Source: "x"},
			func(a *competence.Auditor) {
				a.Behaviours = append(a.Behaviours, competence.BehaviourAssessment{Behaviour: competence.Ethical, At: evaluationDay.AddDate(0, 0, -1), By: "e"})
			}, false},
		{"behaviour assessed after the date is ignored", competence.Criterion{ID: "b", Kind: competence.BehaviourCriterion, Behaviour: competence.Ethical, Source: "x"},
			func(a *competence.Auditor) {
				a.Behaviours = append(a.Behaviours, competence.BehaviourAssessment{Behaviour: competence.Ethical, At: evaluationDay.AddDate(0, 0, 1), By: "e"})
			}, true},
		{"behaviour never assessed", competence.Criterion{ID: "b", Kind: competence.BehaviourCriterion, Behaviour: competence.Ethical, Source: "x"},
			func(a *competence.Auditor) { a.Behaviours = nil }, false},
		{"knowledge at the level", competence.Criterion{ID: "k", Kind: competence.KnowledgeCriterion, Area: competence.RiskAssessment, Level: competence.Proficient, Source: "x"}, nil, true},
		{"knowledge below the level", competence.Criterion{ID: "k", Kind: competence.KnowledgeCriterion, Area: competence.RiskAssessment, Level: competence.Expert, Source: "x"}, nil, false},
		{"knowledge not recorded", competence.Criterion{ID: "k", Kind: competence.KnowledgeCriterion, Area: competence.RiskAssessment, Level: competence.Awareness, Source: "x"},
			func(a *competence.Auditor) { a.Skills = nil }, false},
		{"work years", competence.Criterion{ID: "w", Kind: competence.WorkYears, Min: 12, Source: "x"}, nil, true},
		{"work years short", competence.Criterion{ID: "w", Kind: competence.WorkYears, Min: 12.5, Source: "x"}, nil, false},
		{"security work years", competence.Criterion{ID: "w", Kind: competence.SecurityWorkYears, Min: 6, Source: "x"}, nil, true},
		{"security work years short", competence.Criterion{ID: "w", Kind: competence.SecurityWorkYears, Min: 7, Source: "x"}, nil, false},
		{"training hours of all kinds", competence.Criterion{ID: "t", Kind: competence.TrainingHours, Min: 56, Source: "x"}, nil, true},
		{"training hours of one kind", competence.Criterion{ID: "t", Kind: competence.TrainingHours, Min: 41, Training: []competence.TrainingKind{competence.LeadAuditorCourse}, Source: "x"}, nil, false},
		{"training hours in a window", competence.Criterion{ID: "t", Kind: competence.TrainingHours, Min: 1, WindowMonths: 12, Source: "x"}, nil, false},
		{"course long enough", competence.Criterion{ID: "c", Kind: competence.CourseCompleted, Training: []competence.TrainingKind{competence.LeadAuditorCourse}, Min: 40, Source: "x"}, nil, true},
		{"course too short", competence.Criterion{ID: "c", Kind: competence.CourseCompleted, Training: []competence.TrainingKind{competence.InternalAuditorCourse}, Min: 24, Source: "x"}, nil, false},
		{"course not taken", competence.Criterion{ID: "c", Kind: competence.CourseCompleted, Training: []competence.TrainingKind{competence.SecurityCourse}, Source: "x"}, nil, false},
		{"course completed after the date", competence.Criterion{ID: "c", Kind: competence.CourseCompleted, Training: []competence.TrainingKind{competence.LeadAuditorCourse}, Min: 40, Source: "x"},
			func(a *competence.Auditor) { a.Training[0].Completed = evaluationDay.AddDate(0, 0, 1) }, false},
		{"audits in the window", competence.Criterion{ID: "a", Kind: competence.AuditCount, Min: 8, WindowMonths: 36, Source: "x"}, nil, true},
		{"audits outside a short window", competence.Criterion{ID: "a", Kind: competence.AuditCount, Min: 3, WindowMonths: 6, Source: "x"}, nil, false},
		{"audits by role", competence.Criterion{ID: "a", Kind: competence.AuditCount, Min: 4, Roles: []competence.Role{competence.RoleTeamLeader}, Source: "x"}, nil, false},
		{"observers do not count by default", competence.Criterion{ID: "a", Kind: competence.AuditCount, Min: 1, Source: "x"},
			func(a *competence.Auditor) {
				for i := range a.Audits {
					a.Audits[i].Role = competence.RoleObserver
				}
			}, false},
		{"standard editions match", competence.Criterion{ID: "a", Kind: competence.AuditCount, Min: 8, Standards: []string{"ISO/IEC 27001"}, Source: "x"}, nil, true},
		{"other standards do not", competence.Criterion{ID: "a", Kind: competence.AuditCount, Min: 1, Standards: []string{"ISO/IEC 2700"}, Source: "x"}, nil, false},
		{"audit days", competence.Criterion{ID: "d", Kind: competence.AuditDays, Min: 34, WindowMonths: 36, Source: "x"}, nil, true},
		{"audit days short", competence.Criterion{ID: "d", Kind: competence.AuditDays, Min: 34.5, Source: "x"}, nil, false},
		{"guided lead audits", competence.Criterion{ID: "g", Kind: competence.GuidedLeadAudits, Min: 3, WindowMonths: 36, Source: "x"}, nil, true},
		{"lead audits without guidance do not count", competence.Criterion{ID: "g", Kind: competence.GuidedLeadAudits, Min: 3, Source: "x"},
			func(a *competence.Auditor) { a.Audits[6].GuidedBy = "" }, false},
		{"courses of equal length: the first recorded is kept", competence.Criterion{ID: "c", Kind: competence.CourseCompleted, Training: []competence.TrainingKind{competence.LeadAuditorCourse}, Min: 40, Source: "x"},
			func(a *competence.Auditor) {
				a.Training = append([]competence.Training{{Course: "Lead Auditor (1998 syllabus)", Kind: competence.LeadAuditorCourse, Hours: 40,
					Completed: time.Date(1998, 11, 23, 0, 0, 0, 0, time.UTC)}}, a.Training...)
			}, true},
		{"training hours of two kinds", competence.Criterion{ID: "t", Kind: competence.TrainingHours, Min: 56,
			Training: []competence.TrainingKind{competence.LeadAuditorCourse, competence.InternalAuditorCourse}, Source: "x"},
			func(a *competence.Auditor) {
				a.Training = append(a.Training, competence.Training{Course: "Cloud security", Kind: competence.SecurityCourse, Hours: 8, Completed: evaluationDay.AddDate(-1, 0, 0)})
			}, true},
		{"a standard of the same length is another", competence.Criterion{ID: "a", Kind: competence.AuditCount, Min: 1, Standards: []string{"ISO/IEC 27002:2022"}, Source: "x"}, nil, false},
		{"qualification valid", competence.Criterion{ID: "q", Kind: competence.QualificationHeld, Qualification: "Lead Auditor", Source: "x"},
			func(a *competence.Auditor) {
				a.Qualifications = []competence.Qualification{{Name: "Lead Auditor", From: evaluationDay.AddDate(-1, 0, 0), Until: evaluationDay}}
			}, true},
		{"qualification expired", competence.Criterion{ID: "q", Kind: competence.QualificationHeld, Qualification: "Lead Auditor", Source: "x"},
			func(a *competence.Auditor) {
				a.Qualifications = []competence.Qualification{{Name: "Lead Auditor", From: evaluationDay.AddDate(-4, 0, 0), Until: evaluationDay.AddDate(0, 0, -1)}}
			}, false},
	}
	// why is each case's record of what was checked and found.
	why := map[string]string{
		"behaviour demonstrated":                              "\"ethical\" demonstrated in the latest assessment (2025-02-03); confirmed by interview",
		"behaviour not demonstrated in the latest assessment": "\"ethical\" not demonstrated in the latest assessment (2025-03-02); confirmed by interview",
		"behaviour assessed after the date is ignored":        "\"ethical\" demonstrated in the latest assessment (2025-02-03); confirmed by interview",
		"behaviour never assessed":                            "no assessment of \"ethical\" recorded; confirmed by interview",
		"knowledge at the level":                              "recorded level proficient in risk-assessment, required proficient; confirmed by interview",
		"knowledge below the level":                           "recorded level proficient in risk-assessment is below the required expert; confirmed by interview",
		"knowledge not recorded":                              "no level recorded in risk-assessment, required awareness; confirmed by interview",
		"work years":                                          "12.0 years of work experience, required 12; confirmed by interview",
		"work years short":                                    "12.0 years of work experience, required 12.5; confirmed by interview",
		"security work years":                                 "6.0 years of information security work experience, required 6; confirmed by interview",
		"security work years short":                           "6.0 years of information security work experience, required 7; confirmed by interview",
		"training hours of all kinds":                         "56 hours of training, required 56; confirmed by interview",
		"training hours of one kind":                          "40 hours of training, required 41; confirmed by interview",
		"training hours in a window":                          "0 hours of training in the last 12 months, required 1; confirmed by interview",
		"course long enough":                                  "\"ISO/IEC 27001 Lead Auditor\" (40 hours, 2020-03-03) completed, required 40 hours; confirmed by interview",
		"course too short":                                    "longest \"ISMS Internal Auditor\" (16 hours, 2019-03-03) completed, required 24 hours; confirmed by interview",
		"course not taken":                                    "no security-course completed; confirmed by interview",
		"course completed after the date":                     "no isms-lead-auditor-course completed; confirmed by interview",
		"audits in the window":                                "8 audits in the last 36 months, required 8; confirmed by interview",
		"audits outside a short window":                       "2 audits in the last 6 months, required 3; confirmed by interview",
		"audits by role":                                      "3 audits, required 4; confirmed by interview",
		"observers do not count by default":                   "0 audits, required 1; confirmed by interview",
		"standard editions match":                             "8 audits, required 8; confirmed by interview",
		"other standards do not":                              "0 audits, required 1; confirmed by interview",
		"audit days":                                          "34 audit days in the last 36 months, required 34; confirmed by interview",
		"audit days short":                                    "34 audit days, required 34.5; confirmed by interview",
		"guided lead audits":                                  "3 audits led under guidance in the last 36 months, required 3; confirmed by interview",
		"lead audits without guidance do not count":           "2 audits led under guidance, required 3; confirmed by interview",
		"courses of equal length: the first recorded is kept": "\"Lead Auditor (1998 syllabus)\" (40 hours, 1998-11-23) completed, required 40 hours; confirmed by interview",
		"training hours of two kinds":                         "56 hours of training, required 56; confirmed by interview",
		"a standard of the same length is another":            "0 audits, required 1; confirmed by interview",
		"qualification valid":                                 "\"Lead Auditor\" held and valid; confirmed by interview",
		"qualification expired":                               "\"Lead Auditor\" not held or not valid on 2025-03-03; confirmed by interview",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base()
			if tt.mut != nil {
				tt.mut(&a)
			}
			r := oneCriterion(t, a, tt.c)
			assert.Equal(t, tt.met, r.Met, r.Why)
			assert.Equal(t, []competence.Method{competence.Interview}, r.InformedBy)
			assert.Equal(t, why[tt.name], r.Why)
		})
	}
}

func TestEvaluateMethods(t *testing.T) {
	a := competencetest.Auditor(t, "alice", profile)
	behaviour := competence.Criterion{ID: "b", Kind: competence.BehaviourCriterion, Behaviour: competence.Ethical, Source: "x"}
	result := func(m competence.Method, met bool) competence.MethodResult {
		return competence.MethodResult{Method: m, At: evaluationDay, By: "e", Findings: []competence.Finding{{Criterion: "b", Met: met, Note: "seen"}}}
	}
	tests := []struct {
		name     string
		c        competence.Criterion
		results  []competence.MethodResult
		met      bool
		informed []competence.Method
	}{
		{"informed by two methods", behaviour, []competence.MethodResult{result(competence.Observation, true), result(competence.Feedback, true)}, true,
			[]competence.Method{competence.Feedback, competence.Observation}},
		{"not informed", behaviour, []competence.MethodResult{}, false, nil},
		{"an unsuited method does not inform", behaviour, []competence.MethodResult{result(competence.ReviewOfRecords, true)}, false, nil},
		{"an adverse finding", behaviour, []competence.MethodResult{result(competence.Observation, true), result(competence.PostAuditReview, false)}, false,
			[]competence.Method{competence.Observation, competence.PostAuditReview}},
		{"an adverse finding without a note", behaviour, []competence.MethodResult{{Method: competence.PostAuditReview, At: evaluationDay, By: "e",
			Findings: []competence.Finding{{Criterion: "b", Met: false}}}}, false, []competence.Method{competence.PostAuditReview}},
		{"the criterion's own methods", func() competence.Criterion {
			c := behaviour
			c.Methods = []competence.Method{competence.Testing}
			return c
		}(), []competence.MethodResult{result(competence.Observation, true)}, false, nil},
		{"the criterion's own methods accepted", func() competence.Criterion {
			c := behaviour
			c.Methods = []competence.Method{competence.Testing}
			return c
		}(), []competence.MethodResult{result(competence.Testing, true)}, true, []competence.Method{competence.Testing}},
	}
	why := map[string]string{
		"informed by two methods":              "\"ethical\" demonstrated in the latest assessment (2025-02-03); confirmed by feedback, observation",
		"not informed":                         "\"ethical\" demonstrated in the latest assessment (2025-02-03); no accepted evaluation method informs it (CMP-EVAL-INFORMED)",
		"an unsuited method does not inform":   "\"ethical\" demonstrated in the latest assessment (2025-02-03); no accepted evaluation method informs it (CMP-EVAL-INFORMED); ignored review-of-records, not accepted for this criterion",
		"an adverse finding":                   "\"ethical\" demonstrated in the latest assessment (2025-02-03); post-audit-review found it not met (seen)",
		"an adverse finding without a note":    "\"ethical\" demonstrated in the latest assessment (2025-02-03); post-audit-review found it not met",
		"the criterion's own methods":          "\"ethical\" demonstrated in the latest assessment (2025-02-03); no accepted evaluation method informs it (CMP-EVAL-INFORMED); ignored observation, not accepted for this criterion",
		"the criterion's own methods accepted": "\"ethical\" demonstrated in the latest assessment (2025-02-03); confirmed by testing",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := oneCriterion(t, a, tt.c, tt.results...)
			assert.Equal(t, tt.met, r.Met, r.Why)
			assert.Equal(t, why[tt.name], r.Why)
			if d := cmp.Diff(tt.informed, r.InformedBy, equateEmpty); d != "" {
				t.Errorf("InformedBy mismatch (-want +got):\n%s", d)
			}
		})
	}
}

func TestEvaluateInvalidInput(t *testing.T) {
	a := competencetest.Auditor(t, "alice", profile)
	set := competence.ISMSAuditor()
	results := []competence.MethodResult{
		{Method: "hunch", At: evaluationDay, By: "e", Findings: []competence.Finding{{Criterion: "work-years"}}},
		{Method: competence.Interview, At: evaluationDay.AddDate(0, 0, 1), Findings: []competence.Finding{{Criterion: "nope"}, {Criterion: "work-years"}, {Criterion: "work-years"}}},
		{Method: competence.Testing, By: "e"},
	}
	_, err := competence.Evaluate(&a, &set, results, evaluationDay)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, want := range []struct {
		path string
		rule ismsaudit.RuleID
	}{
		{"Results[0].Method", "enum"},
		{"Results[1].At", "not-after-evaluation"},
		{"Results[1].By", "required"},
		{"Results[1].Findings[0].Criterion", "unknown"},
		{"Results[1].Findings[2].Criterion", "unique"},
		{"Results[2].At", "required"},
		{"Results[2].Findings", "required"},
	} {
		assert.True(t, ve.Has(want.path, want.rule), "missing %s %s in %v", want.path, want.rule, ve.Fields)
	}
	assert.Len(t, ve.Fields, 7)

	_, err = competence.Evaluate(&a, &set, nil, time.Time{})
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("At", "required"))
	_, err = competence.Evaluate(nil, &set, nil, evaluationDay)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)

	ev, err := competence.NewEvaluation("e", "bob", set.ID)
	require.NoError(t, err)
	_, err = ev.Assess(&a, &set, evaluationDay)
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Auditor", competence.RuleEvalSameSubject))
	for _, in := range []struct {
		a   *competence.Auditor
		set *competence.CriteriaSet
	}{{nil, &set}, {&a, nil}, {nil, nil}} {
		_, err = ev.Assess(in.a, in.set, evaluationDay)
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("", "required"), "%v", ve.Fields)
	}
}
