package competence_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/competence/competencetest"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// Fixed dates: evaluations happen on evaluationDay, audits a month later.
var (
	evaluationDay = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	auditDay      = time.Date(2025, 4, 7, 9, 0, 0, 0, time.UTC)
)

// equateEmpty treats nil and empty slices and maps as equal: JSON
// omitempty does not keep the difference, and it carries no meaning.
var equateEmpty = cmpopts.EquateEmpty()

// fixtureAuditor returns a record meeting every criterion of the built-in
// sets at date at, without evaluations. Tests that only need a competent
// person take one from competencetest; this hand-built record stays for
// the tests that count its parts (12 years of work, 56 training hours,
// 8 audits over 34 days, 3 guided lead audits, CPD of 20 hours), reach
// into them by index, or need it unevaluated so as to add their own
// evaluation.
func fixtureAuditor(id string, at time.Time) competence.Auditor {
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
		Sectors:   []string{"finance"},
		CPD:       []competence.CPDRecord{{Activity: "conference", Hours: 20, Date: at.AddDate(0, -2, 0)}},
	}
	for i := range 5 {
		a.Audits = append(a.Audits, competence.AuditLogEntry{
			Audit: ismsaudit.AuditID(fmt.Sprintf("%s-audit-%d", id, i)), Date: at.AddDate(0, -2-5*i, 0), Days: 5,
			Role: competence.RoleAuditor, Standard: "ISO/IEC 27001:2022",
		})
	}
	for i := range 3 {
		a.Audits = append(a.Audits, competence.AuditLogEntry{
			Audit: ismsaudit.AuditID(fmt.Sprintf("%s-led-%d", id, i)), Date: at.AddDate(0, -3-6*i, 0), Days: 3,
			Role: competence.RoleTeamLeader, Standard: "ISO/IEC 27001:2022", GuidedBy: "mentor",
		})
	}
	for b := range competence.Behaviours() {
		a.Behaviours = append(a.Behaviours, competence.BehaviourAssessment{
			Behaviour: b, Demonstrated: true, At: at.AddDate(0, -1, 0), By: "evaluator",
		})
	}
	for k := range competence.KnowledgeAreas() {
		a.Skills = append(a.Skills, competence.Skill{Area: k, Level: competence.Proficient})
	}
	return a
}

// fixtureResults returns results of review of records, interview and
// observation finding every criterion of set met (or, for the ids in
// unmet, not met), dated at.
func fixtureResults(set *competence.CriteriaSet, at time.Time, unmet ...competence.CriterionID) []competence.MethodResult {
	records := competence.MethodResult{Method: competence.ReviewOfRecords, At: at, By: "evaluator"}
	interview := competence.MethodResult{Method: competence.Interview, At: at, By: "evaluator"}
	observation := competence.MethodResult{Method: competence.Observation, At: at, By: "evaluator"}
	for _, c := range set.Criteria {
		met := true
		for _, u := range unmet {
			if u == c.ID {
				met = false
			}
		}
		f := competence.Finding{Criterion: c.ID, Met: met}
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

// profile is what the fixture people of competencetest are competent
// for: the built-in sets on evaluationDay, in English, in finance.
var profile = competencetest.Profile{At: evaluationDay, Languages: []string{"en"}, Sectors: []string{"finance"}}

// evaluatedFixture returns fixtureAuditor(id) evaluated competent as ISMS
// auditor and ISMS audit team leader on evaluationDay, for tests that
// reach into the record's parts by index.
func evaluatedFixture(tb tHelper, id string) competence.Auditor {
	tb.Helper()
	a := fixtureAuditor(id, evaluationDay)
	for _, set := range []competence.CriteriaSet{competence.ISMSAuditor(), competence.ISMSTeamLeader()} {
		a.Evaluations = append(a.Evaluations, competencetest.Evaluation(tb, &a, &set, evaluationDay))
	}
	return a
}

// Vocabularies of the generated pools.
var (
	poolSectors   = []string{"finance", "health", "energy", "retail", "telecom", "public", "transport", "manufacturing"}
	poolTechAreas = []string{"cloud", "ot", "payments", "identity", "network", "software"}
	poolLanguages = []string{"en", "de", "fr", "es", "it"}
)

// poolNeeds returns 30 needs over the generated vocabularies: 11
// knowledge areas, 8 sectors, 6 technical areas and 5 languages.
func poolNeeds() []competence.Need {
	var out []competence.Need
	i := 0
	for k := range competence.KnowledgeAreas() {
		lv := []competence.Level{competence.Working, competence.Proficient, competence.Expert}[i%3]
		out = append(out, competence.KnowledgeNeed(k, lv))
		i++
	}
	for _, s := range poolSectors {
		out = append(out, competence.SectorNeed(s))
	}
	for _, s := range poolTechAreas {
		out = append(out, competence.TechnicalAreaNeed(s))
	}
	for _, s := range poolLanguages {
		out = append(out, competence.LanguageNeed(s))
	}
	return out
}

// generatedPool returns n people built from one evaluated template (so
// setup stays fast) with skills, sectors, technical areas and languages
// drawn from a fixed seed; about one in four can lead, one in ten is a
// technical expert only, and workloads vary.
func generatedPool(tb testing.TB, n int, seed uint64) ([]competence.Auditor, map[competence.AuditorID]float64) {
	tb.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	tmpl := competencetest.TeamLeader(tb, "template", profile)
	out := make([]competence.Auditor, n)
	work := make(map[competence.AuditorID]float64, n)
	levels := []competence.Level{competence.Awareness, competence.Working, competence.Proficient, competence.Expert}
	for i := range out {
		id := competence.AuditorID(fmt.Sprintf("a%03d", i))
		a := withID(tmpl, id)
		a.Skills = nil
		for k := range competence.KnowledgeAreas() {
			lv := levels[r.IntN(4)]
			if k == competence.RiskAssessment || k == competence.ISO27001Requirements || k == competence.AnnexAControls || k == competence.TeamLeadership {
				lv = levels[2+r.IntN(2)] // keep the auditor and leader criteria met
			}
			a.Skills = append(a.Skills, competence.Skill{Area: k, Level: lv})
		}
		a.Sectors = pick(r, poolSectors, 1+r.IntN(2))
		a.TechnicalAreas = pick(r, poolTechAreas, r.IntN(3))
		a.Languages = pick(r, poolLanguages, 1+r.IntN(2))
		switch {
		case r.IntN(10) == 0:
			a.Expert = true
			a.Evaluations = nil
		case r.IntN(4) != 0:
			a.Evaluations = a.Evaluations[:1] // auditor only
		}
		out[i] = a
		work[id] = float64(r.IntN(40))
	}
	return out, work
}

// withID deep-copies a record under a new id, its evaluations too.
func withID(a competence.Auditor, id competence.AuditorID) competence.Auditor {
	data, err := json.Marshal(a)
	if err != nil {
		panic(err)
	}
	var b competence.Auditor
	if err := json.Unmarshal(data, &b); err != nil {
		panic(err)
	}
	b.ID, b.Name = id, "Auditor "+string(id)
	for i := range b.Evaluations {
		e := &b.Evaluations[i]
		e.ID = competence.EvaluationID(string(id) + "/" + string(e.Criteria))
		e.Auditor = id
		for j := range e.Decisions {
			e.Decisions[j].Assessment.Auditor = id
		}
	}
	return b
}

func pick(r *rand.Rand, from []string, n int) []string {
	idx := r.Perm(len(from))[:n]
	out := make([]string, n)
	for i, j := range idx {
		out[i] = from[j]
	}
	return out
}

// Templates evaluated once: evaluations do not depend on the fields the
// team tests vary (sectors, languages, technical areas, involvements).
var (
	leaderTmpl  competence.Auditor
	auditorTmpl competence.Auditor
)

func templates(tb tHelper) {
	tb.Helper()
	if leaderTmpl.ID == "" {
		leaderTmpl = competencetest.TeamLeader(tb, "tmpl", profile)
		auditorTmpl = withID(leaderTmpl, "tmpl")
		auditorTmpl.Evaluations = auditorTmpl.Evaluations[:1]
	}
}

// teamPerson builds a person for team tests: kind is "leader", "auditor",
// "expert" (technical expert only) or "none" (no evaluation).
func teamPerson(tb tHelper, id, kind string, langs, sectors, areas []string, mut func(*competence.Auditor)) competence.Auditor {
	tb.Helper()
	templates(tb)
	var a competence.Auditor
	switch kind {
	case "leader":
		a = withID(leaderTmpl, competence.AuditorID(id))
	case "auditor":
		a = withID(auditorTmpl, competence.AuditorID(id))
	case "expert", "none":
		a = withID(auditorTmpl, competence.AuditorID(id))
		a.Evaluations = nil
		a.Expert = kind == "expert"
	}
	a.Languages, a.Sectors, a.TechnicalAreas = langs, sectors, areas
	if mut != nil {
		mut(&a)
	}
	return a
}

func strs(s ...string) []string { return s }

// basePool is the pool most team tests use.
func basePool(tb testing.TB) []competence.Auditor {
	return []competence.Auditor{
		teamPerson(tb, "lead-a", "leader", strs("en"), strs("finance"), nil, nil),
		teamPerson(tb, "aud-b", "auditor", strs("de"), strs("health"), nil, func(a *competence.Auditor) {
			a.Skills[5].Level = competence.Expert // risk-assessment
		}),
		teamPerson(tb, "aud-c", "auditor", strs("en"), nil, strs("cloud"), nil),
		teamPerson(tb, "exp-d", "expert", strs("fr"), nil, strs("ot"), func(a *competence.Auditor) {
			a.Skills[8].Level = competence.Expert // technology-threats
		}),
		teamPerson(tb, "lead-e", "leader", strs("en", "de"), nil, nil, func(a *competence.Auditor) {
			a.Involvements = []competence.Involvement{{Kind: competence.Responsible, Auditee: "acme", Units: []string{"it"}}}
		}),
		teamPerson(tb, "aud-f", "auditor", strs("es"), nil, nil, func(a *competence.Auditor) {
			a.Unavailable = []competence.Period{{From: auditDay.AddDate(0, 0, -1), To: auditDay.AddDate(0, 0, 2)}}
		}),
		teamPerson(tb, "none-g", "none", strs("it"), nil, nil, nil),
	}
}

func baseNeeds(needs ...competence.Need) competence.TeamNeeds {
	return competence.TeamNeeds{Scope: competence.Scope{Auditee: "acme", Units: []string{"it"}}, At: auditDay, Needs: needs}
}

// tHelper is what both *testing.T and *rapid.T offer.
type tHelper interface {
	Helper()
	Errorf(format string, args ...any)
	FailNow()
}

// fatalHelper is what sameSelection needs of a test: *testing.T and
// *rapid.T both have it.
type fatalHelper interface {
	tHelper
	Fatalf(format string, args ...any)
}
