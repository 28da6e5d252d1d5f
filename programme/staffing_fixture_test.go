package programme_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// evaluationDay is when the fixture auditors were evaluated; the schedules
// of the tests fall after it.
var evaluationDay = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// testScheme is the built-in scheme with maintenance checks off and
// re-evaluation every ten years, so that the fixture auditors stay
// competent over the three-year cycles the tests plan.
func testScheme() competence.Scheme {
	s := competence.DefaultScheme()
	for i := range s.Sets {
		s.Sets[i].Maintenance = competence.Maintenance{}
		s.Sets[i].ReevaluationMonths = 120
	}
	return s
}

// auditorRecord returns a record meeting every criterion of the built-in sets
// on evaluationDay, without evaluations.
func auditorRecord(id string) competence.Auditor {
	at := evaluationDay
	a := competence.Auditor{
		ID: competence.AuditorID(id), Name: "Auditor " + id,
		Education: []competence.Education{{Title: "MSc Information Security", Completed: at.AddDate(-15, 0, 0)}},
		Work: []competence.WorkExperience{
			{Employer: "Bank", Field: "IT operations", From: at.AddDate(-12, 0, 0), To: at.AddDate(-6, 0, 0)},
			{Employer: "CB", Field: "information security", InformationSecurity: true, From: at.AddDate(-6, 0, 0)},
		},
		Training: []competence.Training{
			{Course: "ISO/IEC 27001 Lead Auditor", Kind: competence.LeadAuditorCourse, Hours: 40, Completed: at.AddDate(-5, 0, 0)},
			{Course: "ISMS Internal Auditor", Kind: competence.InternalAuditorCourse, Hours: 16, Completed: at.AddDate(-6, 0, 0)},
		},
		Languages: []string{"en"},
		CPD:       []competence.CPDRecord{{Activity: "conference", Hours: 20, Date: at.AddDate(0, -2, 0)}},
	}
	for i := range 5 {
		a.Audits = append(a.Audits, competence.AuditLogEntry{
			Audit: fmt.Sprintf("%s-audit-%d", id, i), Date: at.AddDate(0, -2-5*i, 0), Days: 5,
			Role: competence.RoleAuditor, Standard: "ISO/IEC 27001:2022",
		})
	}
	for i := range 3 {
		a.Audits = append(a.Audits, competence.AuditLogEntry{
			Audit: fmt.Sprintf("%s-led-%d", id, i), Date: at.AddDate(0, -3-6*i, 0), Days: 3,
			Role: competence.RoleTeamLeader, Standard: "ISO/IEC 27001:2022", GuidedBy: "mentor",
		})
	}
	for b := range competence.Behaviours() {
		a.Behaviours = append(a.Behaviours, competence.BehaviourAssessment{Behaviour: b, Demonstrated: true, At: at.AddDate(0, -1, 0), By: "evaluator"})
	}
	for k := range competence.KnowledgeAreas() {
		a.Skills = append(a.Skills, competence.Skill{Area: k, Level: competence.Proficient})
	}
	return a
}

// methodResults returns method results finding every criterion of set met.
func methodResults(set *competence.CriteriaSet) []competence.MethodResult {
	records := competence.MethodResult{Method: competence.ReviewOfRecords, At: evaluationDay, By: "evaluator"}
	interview := competence.MethodResult{Method: competence.Interview, At: evaluationDay, By: "evaluator"}
	observation := competence.MethodResult{Method: competence.Observation, At: evaluationDay, By: "evaluator"}
	for _, c := range set.Criteria {
		f := competence.Finding{Criterion: c.ID, Met: true}
		interview.Findings = append(interview.Findings, f)
		if c.Kind.IsQualitative() {
			observation.Findings = append(observation.Findings, f)
		} else {
			records.Findings = append(records.Findings, f)
		}
	}
	var out []competence.MethodResult
	for _, r := range []competence.MethodResult{records, interview, observation} {
		if len(r.Findings) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// evaluate runs a whole evaluation of a against set on evaluationDay.
func evaluate(tb testingT, a *competence.Auditor, set competence.CriteriaSet) competence.Evaluation {
	tb.Helper()
	ev, err := competence.NewEvaluation(competence.EvaluationID(string(a.ID)+"/"+string(set.ID)), a.ID, set.ID)
	require.NoError(tb, err)
	require.NoError(tb, ev.Fire(competence.Start, ismsaudit.Meta{At: evaluationDay, By: "cb"}))
	for _, r := range methodResults(&set) {
		require.NoError(tb, ev.Record(r))
	}
	as, err := ev.Assess(a, &set, evaluationDay)
	require.NoError(tb, err)
	require.True(tb, as.Competent, "fixture auditor not competent as %s: %+v", set.ID, as.Unmet())
	require.NoError(tb, ev.Decide(competence.Decision{Assessment: as}, ismsaudit.Meta{At: evaluationDay, By: "cb"}))
	return ev
}

// auditorTemplate is a record evaluated competent against the three sets of
// testScheme: internal auditor, ISMS auditor and team leader. It is built
// once; person copies it.
var auditorTemplate competence.Auditor

// person returns a competent person with the given id: a team leader
// when leader is set, else an auditor (internal and ISMS). mut, when not
// nil, adjusts the record.
func person(tb testingT, id string, leader bool, mut func(*competence.Auditor)) competence.Auditor {
	tb.Helper()
	if auditorTemplate.ID == "" {
		t := auditorRecord("template")
		sets := testScheme().Sets
		for _, s := range sets {
			t.Evaluations = append(t.Evaluations, evaluate(tb, &t, s))
		}
		auditorTemplate = t
	}
	data, err := json.Marshal(auditorTemplate)
	require.NoError(tb, err)
	var a competence.Auditor
	require.NoError(tb, json.Unmarshal(data, &a))
	a.ID, a.Name = competence.AuditorID(id), "Auditor "+id
	var evs []competence.Evaluation
	for _, e := range a.Evaluations {
		if !leader && e.Criteria == competence.ISMSTeamLeaderSet {
			continue
		}
		e.ID = competence.EvaluationID(id + "/" + string(e.Criteria))
		e.Auditor = a.ID
		for j := range e.Decisions {
			e.Decisions[j].Assessment.Auditor = a.ID
		}
		evs = append(evs, e)
	}
	a.Evaluations = evs
	if mut != nil {
		mut(&a)
	}
	return a
}

// panicking is an testingT for examples: any failure panics.
type panicking struct{}

func (panicking) Helper()                           {}
func (panicking) Errorf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
func (panicking) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
func (panicking) FailNow()                          { panic("failed") }

// newPool builds a pool with testScheme.
func newPool(tb testingT, people ...competence.Auditor) *competence.Pool {
	tb.Helper()
	s := testScheme()
	p, err := competence.NewPool(people, &s)
	require.NoError(tb, err)
	return p
}
