package sample

import (
	"fmt"
	"slices"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// The sample auditor pools: the auditors of Meridian Certification Ltd, a
// certification body, and Northwind's own internal auditors. Every person
// and figure is invented.

// CertificationBody is the sample certification body.
const CertificationBody = "Meridian Certification Ltd"

// EvaluationDay is when both pools were last evaluated.
var EvaluationDay = time.Date(2026, time.January, 12, 9, 0, 0, 0, time.UTC)

// Evaluator is who applied the evaluation methods; Panel who decided.
const (
	Evaluator = "Helen Achterberg, technical manager"
	Panel     = "Meridian competence panel"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// person describes a record compactly; record turns it into one.
type person struct {
	id, name     string
	expert       bool
	languages    []string
	sectors      []string
	areas        []string
	education    string
	careerFrom   time.Time // first job
	securityFrom time.Time // first information security job
	employer     string
	course       string
	courseKind   competence.TrainingKind
	courseHours  float64
	courseDone   time.Time
	audits       int     // ISO/IEC 27001 audits in the last three years
	auditDays    float64 // days per audit
	auditRole    competence.Role
	led          int                                           // audits led under guidance
	levels       map[competence.KnowledgeArea]competence.Level // others: proficient
	notShown     map[competence.Behaviour]string               // behaviours not demonstrated, with why
	cpd          float64
	involvements []competence.Involvement
}

func (p person) record() competence.Auditor {
	ev := EvaluationDay
	a := competence.Auditor{
		ID: competence.AuditorID(p.id), Name: p.name, Expert: p.expert,
		Languages: p.languages, Sectors: p.sectors, TechnicalAreas: p.areas, Involvements: p.involvements,
		Education: []competence.Education{{Title: p.education, Completed: p.careerFrom.AddDate(0, -3, 0)}},
	}
	if p.careerFrom.Before(p.securityFrom) {
		a.Work = append(a.Work, competence.WorkExperience{Employer: "Earlier employers", Field: "IT operations and development", From: p.careerFrom, To: p.securityFrom.AddDate(0, 0, -1)})
	}
	a.Work = append(a.Work, competence.WorkExperience{Employer: p.employer, Field: "information security", InformationSecurity: true, From: p.securityFrom})
	if p.course != "" {
		a.Training = append(a.Training, competence.Training{Course: p.course, Kind: p.courseKind, Hours: p.courseHours, Completed: p.courseDone, Provider: "Accredited training provider"})
	}
	if p.cpd > 0 {
		a.CPD = []competence.CPDRecord{
			{Activity: "Information security conference and workshops", Hours: p.cpd / 2, Date: ev.AddDate(0, -4, 0), Area: competence.TechnologyThreats},
			{Activity: "ISO/IEC 27001:2022 transition and case studies", Hours: p.cpd / 2, Date: ev.AddDate(0, -9, 0), Area: competence.ISO27001Requirements},
		}
	}
	role := p.auditRole
	if role == "" {
		role = competence.RoleAuditor
	}
	for i := range p.audits {
		a.Audits = append(a.Audits, competence.AuditLogEntry{
			Audit: ismsaudit.AuditID(fmt.Sprintf("%s-A%02d", p.id, i+1)), Date: ev.AddDate(0, -1-4*i, -3), Days: p.auditDays,
			Role: role, Standard: "ISO/IEC 27001:2022", Sector: "various",
		})
	}
	for i := range p.led {
		a.Audits = append(a.Audits, competence.AuditLogEntry{
			Audit: ismsaudit.AuditID(fmt.Sprintf("%s-L%02d", p.id, i+1)), Date: ev.AddDate(0, -3-7*i, 0), Days: 4,
			Role: competence.RoleTeamLeader, Standard: "ISO/IEC 27001:2022", Sector: "various", GuidedBy: "MER-00",
		})
	}
	for b := range competence.Behaviours() {
		ba := competence.BehaviourAssessment{Behaviour: b, Demonstrated: true, At: ev.AddDate(0, -2, 0), By: Evaluator, Method: competence.Observation}
		if why, ok := p.notShown[b]; ok {
			ba.Demonstrated, ba.Note = false, why
		}
		a.Behaviours = append(a.Behaviours, ba)
	}
	for k := range competence.KnowledgeAreas() {
		l, ok := p.levels[k]
		if !ok {
			l = competence.Proficient
		}
		a.Skills = append(a.Skills, competence.Skill{Area: k, Level: l, Assessed: ev.AddDate(0, -2, 0)})
	}
	return a
}

// Harbourline is the multi-site organisation the certification example
// certifies; Luis Ortega consulted for it.
const Harbourline = "Harbourline Logistics Group Ltd"

var cbPeople = []person{
	{
		id: "MER-01", name: "Marta Nowak", languages: []string{"en", "pl", "de"}, sectors: []string{"transport and logistics", "software"},
		education: "MSc Computer Science", careerFrom: day(2008, time.September, 1), securityFrom: day(2013, time.March, 1), employer: CertificationBody,
		course: "ISO/IEC 27001 Lead Auditor", courseKind: competence.LeadAuditorCourse, courseHours: 40, courseDone: day(2014, time.May, 16),
		audits: 8, auditDays: 4, led: 3, cpd: 24,
		levels: map[competence.KnowledgeArea]competence.Level{competence.ISO27001Requirements: competence.Expert, competence.TeamLeadership: competence.Expert},
	},
	{
		id: "MER-02", name: "Jonas Weber", languages: []string{"en", "de"}, sectors: []string{"transport and logistics"}, areas: []string{"cloud hosting"},
		education: "BSc Business Informatics", careerFrom: day(2012, time.August, 1), securityFrom: day(2017, time.January, 9), employer: CertificationBody,
		course: "ISO/IEC 27001 Lead Auditor", courseKind: competence.LeadAuditorCourse, courseHours: 40, courseDone: day(2018, time.November, 23),
		audits: 7, auditDays: 4, cpd: 20,
	},
	{
		id: "MER-03", name: "Aiko Tanaka", languages: []string{"en", "ja"}, sectors: []string{"finance"},
		education: "MSc Information Security", careerFrom: day(2010, time.April, 1), securityFrom: day(2014, time.October, 1), employer: CertificationBody,
		course: "ISO/IEC 27001 Lead Auditor", courseKind: competence.LeadAuditorCourse, courseHours: 40, courseDone: day(2016, time.June, 10),
		audits: 6, auditDays: 4, cpd: 18,
		levels: map[competence.KnowledgeArea]competence.Level{competence.RiskAssessment: competence.Expert},
	},
	{
		id: "MER-04", name: "Luis Ortega", languages: []string{"en", "es"}, sectors: []string{"transport and logistics"},
		education: "BEng Telecommunications", careerFrom: day(2009, time.February, 1), securityFrom: day(2015, time.May, 1), employer: CertificationBody,
		course: "ISO/IEC 27001 Lead Auditor", courseKind: competence.LeadAuditorCourse, courseHours: 40, courseDone: day(2017, time.March, 3),
		audits: 6, auditDays: 4, cpd: 16,
		involvements: []competence.Involvement{{Kind: competence.Consulted, Auditee: Harbourline, From: day(2024, time.September, 2), To: day(2025, time.March, 28),
			Note: "Helped Harbourline write its risk assessment method before joining Meridian."}},
	},
	{
		id: "MER-05", name: "Sam Rivers", languages: []string{"en"}, sectors: []string{"software"},
		education: "BSc Computing", careerFrom: day(2019, time.September, 2), securityFrom: day(2023, time.January, 9), employer: CertificationBody,
		course: "ISO/IEC 27001 Lead Auditor (online)", courseKind: competence.LeadAuditorCourse, courseHours: 32, courseDone: day(2025, time.April, 4),
		audits: 2, auditDays: 3, auditRole: competence.RoleTrainee, cpd: 20,
		levels:   map[competence.KnowledgeArea]competence.Level{competence.RiskAssessment: competence.Working, competence.TeamLeadership: competence.Awareness},
		notShown: map[competence.Behaviour]string{competence.Decisive: "left two nonconformities to the team leader to decide during the witnessed audit"},
	},
	{
		id: "MER-09", name: "Dr Priya Raman", expert: true, languages: []string{"en"}, areas: []string{"cloud hosting", "operational technology"},
		education: "PhD Computer Security", careerFrom: day(2006, time.October, 1), securityFrom: day(2006, time.October, 1), employer: "Raman Security Research",
		levels: map[competence.KnowledgeArea]competence.Level{competence.TechnologyThreats: competence.Expert, competence.TeamLeadership: competence.Awareness},
	},
}

// CBAuditors returns fresh copies of the certification body's records,
// without evaluations: four ISMS auditors (Marta Nowak also leads teams;
// Luis Ortega consulted for Harbourline in 2024-2025), a candidate who does
// not yet meet the ISMS auditor criteria (Sam Rivers) and a technical
// expert (Dr Priya Raman).
func CBAuditors() []competence.Auditor {
	out := make([]competence.Auditor, len(cbPeople))
	for i, p := range cbPeople {
		out[i] = p.record()
	}
	return out
}

// EvaluationResults returns the results of the evaluation methods the
// panel's evaluator applied to auditor a against set on EvaluationDay
// (ISO 19011:2018 7.4): a review of records for the quantitative criteria,
// an interview for the knowledge and quantitative ones and, from a witnessed
// audit, an observation for the behaviours and knowledge. Each finding
// follows the record: what the record does not show, the evaluator did not
// find either.
func EvaluationResults(a *competence.Auditor, set *competence.CriteriaSet) []competence.MethodResult {
	at := EvaluationDay
	records := competence.MethodResult{Method: competence.ReviewOfRecords, At: at, By: Evaluator, Summary: "training certificates, audit log and CV checked"}
	interview := competence.MethodResult{Method: competence.Interview, At: at, By: Evaluator, Summary: "90-minute competence interview"}
	observation := competence.MethodResult{Method: competence.Observation, At: at, By: Evaluator, Summary: "witnessed a stage 2 audit day"}
	shown := map[competence.Behaviour]bool{}
	for _, b := range a.Behaviours {
		shown[b.Behaviour] = b.Demonstrated
	}
	for _, c := range set.Criteria {
		f := competence.Finding{Criterion: c.ID, Met: true}
		if c.Kind == competence.BehaviourCriterion && !shown[c.Behaviour] {
			f.Met, f.Note = false, "not shown during the witnessed audit"
		}
		switch c.Kind {
		case competence.BehaviourCriterion:
			observation.Findings = append(observation.Findings, f)
		case competence.KnowledgeCriterion:
			interview.Findings = append(interview.Findings, f)
			observation.Findings = append(observation.Findings, f)
		default:
			records.Findings = append(records.Findings, f)
			interview.Findings = append(interview.Findings, f)
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

// DevelopmentActions returns the actions the panel sets for the criteria
// an assessment found unmet (ISO 19011:2018 7.5), due within a year; one
// action may address several criteria.
func DevelopmentActions(as competence.Assessment) []competence.DevelopmentAction {
	var out []competence.DevelopmentAction
	for _, r := range as.Unmet() {
		action := "Close the gap on " + string(r.Criterion) + " and bring the evidence to the next evaluation."
		switch r.Kind {
		case competence.CourseCompleted:
			action = "Complete an accredited 40-hour ISMS lead auditor course with its exam."
		case competence.AuditCount, competence.AuditDays:
			action = "Take part in at least four more ISO/IEC 27001 audits as a trainee under a team leader."
		case competence.KnowledgeCriterion:
			action = "Work through two risk assessments with a senior auditor and present one to the panel."
		case competence.BehaviourCriterion:
			action = "Decide and raise findings on the next two witnessed audits; the team leader gives feedback."
		}
		if i := slices.IndexFunc(out, func(d competence.DevelopmentAction) bool { return d.Action == action }); i >= 0 {
			out[i].Criteria = append(out[i].Criteria, r.Criterion)
			continue
		}
		out = append(out, competence.DevelopmentAction{Action: action, Criteria: []competence.CriterionID{r.Criterion}, Due: EvaluationDay.AddDate(1, 0, 0)})
	}
	return out
}

// Evaluate runs one whole evaluation of a against set on EvaluationDay
// (start, record the method results, assess, decide) and returns it.
func Evaluate(a *competence.Auditor, set *competence.CriteriaSet) competence.Evaluation {
	ev, err := competence.NewEvaluation(competence.EvaluationID(string(a.ID)+"/"+string(set.ID)), a.ID, set.ID)
	must(err)
	must(ev.Fire(competence.Start, ismsaudit.Meta{At: EvaluationDay, By: Evaluator}))
	for _, r := range EvaluationResults(a, set) {
		must(ev.Record(r))
	}
	as, err := ev.Assess(a, set, EvaluationDay)
	must(err)
	must(ev.Decide(competence.Decision{Assessment: as, Actions: DevelopmentActions(as)}, ismsaudit.Meta{At: EvaluationDay, By: Panel}))
	return ev
}

// CertificationPool returns the certification body's pool under the
// built-in competence scheme: everyone but the technical expert evaluated
// as ISMS auditor, and Marta Nowak also as team leader.
func CertificationPool() *competence.Pool {
	scheme := competence.DefaultScheme()
	people := CBAuditors()
	for i := range people {
		a := &people[i]
		if a.Expert {
			continue
		}
		sets := []competence.CriteriaSetID{competence.ISMSAuditorSet}
		if a.ID == "MER-01" {
			sets = append(sets, competence.ISMSTeamLeaderSet)
		}
		for _, id := range sets {
			set, ok := scheme.Set(id)
			if !ok {
				panic("sample: no criteria set " + string(id))
			}
			a.Evaluations = append(a.Evaluations, Evaluate(a, set))
		}
	}
	pool, err := competence.NewPool(people, &scheme)
	must(err)
	return pool
}

var internalPeople = []person{
	{
		id: "AUD-001", name: "Aisha Khan", languages: []string{"en"}, sectors: []string{"software"},
		education: "MSc Information Systems", careerFrom: day(2011, time.September, 5), securityFrom: day(2018, time.February, 1), employer: Organization,
		course: "ISMS Internal Auditor", courseKind: competence.InternalAuditorCourse, courseHours: 16, courseDone: day(2019, time.March, 8),
		audits: 4, auditDays: 3, cpd: 12,
	},
	{
		id: "AUD-002", name: "Ben Osei", languages: []string{"en"}, sectors: []string{"software"},
		education: "BSc Computer Science", careerFrom: day(2015, time.July, 1), securityFrom: day(2021, time.May, 3), employer: Organization,
		course: "ISMS Internal Auditor", courseKind: competence.InternalAuditorCourse, courseHours: 14, courseDone: day(2022, time.October, 14),
		audits: 3, auditDays: 2, cpd: 10,
		involvements: []competence.Involvement{{Kind: competence.Implemented, Auditee: Organization, Units: []string{"Finance"}, From: day(2021, time.May, 3), To: day(2022, time.June, 30),
			Note: "Set up the finance team's access reviews."}},
	},
	{
		id: "AUD-007", name: "Chloe Martin", expert: true, languages: []string{"en", "fr"}, areas: []string{"vulnerability management", "security monitoring"},
		education: "MSc Cyber Security", careerFrom: day(2013, time.September, 2), securityFrom: day(2013, time.September, 2), employer: "Harbour Security Consulting",
		levels: map[competence.KnowledgeArea]competence.Level{competence.TechnologyThreats: competence.Expert},
	},
}

// InternalPool returns Northwind's internal audit pool: Aisha Khan and Ben
// Osei evaluated as internal ISMS auditors, and Chloe Martin, a technical
// expert from Harbour Security Consulting.
func InternalPool() *competence.Pool {
	scheme := competence.DefaultScheme()
	set, ok := scheme.Set(competence.InternalISMSAuditorSet)
	if !ok {
		panic("sample: no internal auditor set")
	}
	people := make([]competence.Auditor, len(internalPeople))
	for i, p := range internalPeople {
		people[i] = p.record()
		if !p.expert {
			people[i].Evaluations = []competence.Evaluation{Evaluate(&people[i], set)}
		}
	}
	pool, err := competence.NewPool(people, &scheme)
	must(err)
	return pool
}

// must panics on an error: the sample data is fixed, so a failure is a bug.
func must(err error) {
	if err != nil {
		panic(err)
	}
}
