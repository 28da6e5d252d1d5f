package competencetest

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// TestingT is what the helpers report through: *testing.T, *testing.B,
// *rapid.T and testify's require.TestingT all have it. When it also has
// Helper, the helpers mark themselves as test helpers.
type TestingT interface {
	Errorf(format string, args ...any)
	FailNow()
}

// Who records, evaluates and decides in the fixtures: every history entry,
// method result and assessment the helpers write names it.
const Evaluator = "competencetest"

// day is the date a Profile defaults to.
var day = time.Date(2026, time.January, 5, 9, 0, 0, 0, time.UTC)

// Profile says what a fixture person is to be competent for. The zero
// value asks for an ISMS auditor (and team leader) of the built-in scheme,
// competent on 5 January 2026 at 09:00 UTC.
type Profile struct {
	// Scheme holds the criteria sets; nil means competence.DefaultScheme.
	Scheme *competence.Scheme
	// Set is the criteria set the person is competent against as
	// auditor; empty means competence.ISMSAuditorSet.
	Set competence.CriteriaSetID
	// LeaderSet is the criteria set a team leader is competent against
	// too (with every set it requires); empty means
	// competence.ISMSTeamLeaderSet. An internal audit may name
	// competence.InternalISMSAuditorSet for both.
	LeaderSet competence.CriteriaSetID
	// Areas lists the knowledge areas the audit needs; the record holds
	// each at Level, or at the level a criterion asks if that is higher.
	Areas []competence.KnowledgeArea
	// Level is the level of Areas; empty means competence.Proficient.
	Level competence.Level
	// Sectors, TechnicalAreas and Languages go on the record as given.
	Sectors        []string
	TechnicalAreas []string
	Languages      []string
	// At is when the evaluations are decided: the person is competent
	// from then until re-evaluation falls due, and maintenance (CPD and
	// audit activity) is first checked one full period after At. Zero
	// means 5 January 2026, 09:00 UTC.
	At time.Time
	// Until, when after At, adds CPD and audit activity every month from
	// At to Until so that maintenance stays current throughout (standing
	// counts only what is dated on or before the date asked about).
	Until time.Time
}

func (p *Profile) at() time.Time {
	if p.At.IsZero() {
		return day
	}
	return p.At
}

func (p *Profile) scheme() *competence.Scheme {
	if p.Scheme != nil {
		return p.Scheme
	}
	s := competence.DefaultScheme()
	return &s
}

func (p *Profile) level() competence.Level {
	if p.Level == "" {
		return competence.Proficient
	}
	return p.Level
}

// Auditor returns a record of a person competent as auditor against
// p.Set on p.At, with p's knowledge areas, sectors, technical areas and
// languages: a record meeting every criterion of the set, evaluated
// through the evaluation lifecycle (start, method results, assessment,
// competent decision). It fails t when a step is refused or the standing
// it leads to is not competent.
func Auditor(t TestingT, id competence.AuditorID, p Profile) competence.Auditor {
	helper(t)
	return build(t, id, p, false)
}

// TeamLeader returns a record of a person competent as auditor against
// p.Set and as team leader against p.LeaderSet, and every set it
// requires, on p.At; otherwise as Auditor.
func TeamLeader(t TestingT, id competence.AuditorID, p Profile) competence.Auditor {
	helper(t)
	return build(t, id, p, true)
}

// Expert returns a record of a technical expert (Expert set, no
// evaluation) with p's knowledge areas at p's level, sectors, technical
// areas and languages: a person who may meet a team's knowledge, sector
// and technical area needs but never lead or count as an auditor.
func Expert(id competence.AuditorID, p Profile) competence.Auditor {
	a := competence.Auditor{ID: id, Name: "Expert " + string(id), Expert: true}
	profileInto(&a, &p)
	return a
}

// Evaluation evaluates record a against set at date at through the
// evaluation lifecycle and returns the evaluation, without adding it to
// the record: it starts the evaluation, records method results that find
// every criterion met (review of records, interview and observation,
// where the criterion accepts them), assesses the record with
// competence.Evaluate and decides: competent when the record meets every
// criterion, else not yet competent with one development action for the
// unmet criteria. Its id is "<auditor>/<set>". It fails t when a step is
// refused.
func Evaluation(t TestingT, a *competence.Auditor, set *competence.CriteriaSet, at time.Time) competence.Evaluation {
	helper(t)
	ev, err := competence.NewEvaluation(competence.EvaluationID(string(a.ID)+"/"+string(set.ID)), a.ID, set.ID)
	must(t, "new evaluation", err)
	m := ismsaudit.Meta{At: at, By: Evaluator}
	must(t, "start", ev.Fire(competence.Start, m))
	for _, r := range results(set, at) {
		must(t, "record "+string(r.Method), ev.Record(r))
	}
	as, err := ev.Assess(a, set, at)
	must(t, "assess", err)
	d := competence.Decision{Assessment: as}
	if !as.Competent {
		action := competence.DevelopmentAction{Action: "close the competence gaps"}
		for _, u := range as.Unmet() {
			action.Criteria = append(action.Criteria, u.Criterion)
		}
		d.Actions = []competence.DevelopmentAction{action}
	}
	must(t, "decide", ev.Decide(d, m))
	return ev
}

// Pool returns a pool of people judged by scheme (nil means
// competence.DefaultScheme), failing t when competence.NewPool refuses
// them.
func Pool(t TestingT, scheme *competence.Scheme, people ...competence.Auditor) *competence.Pool {
	helper(t)
	pool, err := competence.NewPool(people, scheme)
	must(t, "new pool", err)
	return pool
}

// build makes the record, evaluates it against the sets a person of its
// kind needs and checks the standing.
func build(t TestingT, id competence.AuditorID, p Profile, leader bool) competence.Auditor {
	helper(t)
	scheme, at := p.scheme(), p.at()
	sets := chain(t, scheme, p.Set, competence.ISMSAuditorSet)
	if leader {
		for _, s := range chain(t, scheme, p.LeaderSet, competence.ISMSTeamLeaderSet) {
			if !slices.ContainsFunc(sets, func(x *competence.CriteriaSet) bool { return x.ID == s.ID }) {
				sets = append(sets, s)
			}
		}
	}
	a := competence.Auditor{DocumentKind: ismsaudit.KindAuditor, FormatVersion: ismsaudit.KindAuditor.FormatVersion(), ID: id, Name: "Auditor " + string(id)}
	profileInto(&a, &p)
	for _, s := range sets {
		meet(&a, s, at)
		maintain(&a, s, at, p.Until)
	}
	for _, s := range sets {
		a.Evaluations = append(a.Evaluations, Evaluation(t, &a, s, at))
	}
	must(t, "validate the record", a.Validate())
	for _, s := range sets {
		st, err := scheme.Standing(&a, s.ID, at)
		must(t, "standing", err)
		if !st.Competent {
			fail(t, fmt.Sprintf("%s is not competent as %s on %s: %v", id, s.ID, at.Format(time.DateOnly), st.Obstacles))
		}
	}
	return a
}

// chain returns the set with the given id (or def) and every set it
// requires, required ones first.
func chain(t TestingT, scheme *competence.Scheme, id, def competence.CriteriaSetID) []*competence.CriteriaSet {
	helper(t)
	if id == "" {
		id = def
	}
	var out []*competence.CriteriaSet
	for cur := id; cur != ""; {
		s, ok := scheme.Set(cur)
		if !ok {
			fail(t, fmt.Sprintf("the scheme has no criteria set %q", cur))
			return nil
		}
		if slices.Contains(out, s) {
			fail(t, fmt.Sprintf("criteria set %q requires itself", cur))
			return nil
		}
		out = append(out, s)
		cur = s.Requires
	}
	slices.Reverse(out)
	return out
}

// profileInto puts p's areas, sectors, technical areas and languages on
// the record.
func profileInto(a *competence.Auditor, p *Profile) {
	for _, k := range p.Areas {
		skill(a, k, p.level())
	}
	a.Sectors = append(a.Sectors, p.Sectors...)
	a.TechnicalAreas = append(a.TechnicalAreas, p.TechnicalAreas...)
	a.Languages = append(a.Languages, p.Languages...)
}

// skill sets the record's level in area to at least l.
func skill(a *competence.Auditor, area competence.KnowledgeArea, l competence.Level) {
	for i := range a.Skills {
		if a.Skills[i].Area == area {
			if a.Skills[i].Level.Compare(l) < 0 {
				a.Skills[i].Level = l
			}
			return
		}
	}
	a.Skills = append(a.Skills, competence.Skill{Area: area, Level: l})
}

// standard is the audit standard a log entry names when a criterion
// counts every standard.
const standard = "ISO/IEC 27001:2022"

// meet adds to the record what set s asks for at date at.
func meet(a *competence.Auditor, s *competence.CriteriaSet, at time.Time) {
	for i := range s.Criteria {
		c := &s.Criteria[i]
		switch c.Kind {
		case competence.BehaviourCriterion:
			if !slices.ContainsFunc(a.Behaviours, func(b competence.BehaviourAssessment) bool { return b.Behaviour == c.Behaviour }) {
				a.Behaviours = append(a.Behaviours, competence.BehaviourAssessment{
					Behaviour: c.Behaviour, Demonstrated: true, At: at.AddDate(0, -1, 0), By: Evaluator, Method: competence.Observation})
			}
		case competence.KnowledgeCriterion:
			skill(a, c.Area, c.Level)
		case competence.WorkYears, competence.SecurityWorkYears:
			// One period of security work, which counts as work too.
			from := at.AddDate(-(int(math.Ceil(c.Min)) + 1), 0, 0)
			if i := slices.IndexFunc(a.Work, func(w competence.WorkExperience) bool { return w.Employer == "Fixture Ltd" }); i >= 0 {
				if from.Before(a.Work[i].From) {
					a.Work[i].From = from
				}
				continue
			}
			a.Work = append(a.Work, competence.WorkExperience{Employer: "Fixture Ltd", Position: "information security officer",
				Field: "information security", InformationSecurity: true, From: from})
		case competence.TrainingHours, competence.CourseCompleted:
			kind := competence.OtherTraining
			if len(c.Training) > 0 {
				kind = c.Training[0]
			}
			a.Training = append(a.Training, competence.Training{Course: "course for " + string(c.ID), Kind: kind,
				Hours: max(c.Min, 1), Completed: at.AddDate(0, 0, -14)})
		case competence.AuditCount, competence.AuditDays, competence.GuidedLeadAudits:
			role := competence.RoleAuditor
			if len(c.Roles) > 0 {
				role = c.Roles[0]
			}
			var guide competence.AuditorID
			if c.Kind == competence.GuidedLeadAudits {
				role, guide = competence.RoleTeamLeader, "competencetest-mentor"
			}
			std := standard
			if len(c.Standards) > 0 {
				std = c.Standards[0]
			}
			const days = 5
			n := int(math.Ceil(c.Min))
			if c.Kind == competence.AuditDays {
				n = int(math.Ceil(c.Min / days))
			}
			for k := range max(n, 1) {
				a.Audits = append(a.Audits, competence.AuditLogEntry{Audit: ismsaudit.AuditID(fmt.Sprintf("%s-%s-%d", a.ID, c.ID, k+1)),
					Date: at.AddDate(0, 0, -(k + 1)), Days: days, Role: role, Standard: std, GuidedBy: guide})
			}
		case competence.QualificationHeld:
			a.Qualifications = append(a.Qualifications, competence.Qualification{Name: c.Qualification, Issuer: "Fixture Body",
				From: at.AddDate(-1, 0, 0)})
		}
	}
}

// maintain adds the CPD and audit activity set s's maintenance asks for:
// in the period before at, and every month from at to until.
func maintain(a *competence.Auditor, s *competence.CriteriaSet, at, until time.Time) {
	m := &s.Maintenance
	if m.PeriodMonths <= 0 {
		return
	}
	role := competence.RoleAuditor
	if len(m.Roles) > 0 {
		role = m.Roles[0]
	}
	add := func(d time.Time) {
		if m.CPDHours > 0 {
			a.CPD = append(a.CPD, competence.CPDRecord{Activity: "CPD for " + string(s.ID), Hours: m.CPDHours, Date: d})
		}
		const days = 5
		n := max(m.Audits, int(math.Ceil(m.AuditDays/days)))
		for k := range n {
			a.Audits = append(a.Audits, competence.AuditLogEntry{Audit: ismsaudit.AuditID(fmt.Sprintf("%s-%s-%s-%d", a.ID, s.ID, d.Format("20060102"), k+1)),
				Date: d, Days: days, Role: role, Standard: standard})
		}
	}
	add(at.AddDate(0, 0, -10))
	for d := at.AddDate(0, 1, 0); !d.After(until); d = d.AddDate(0, 1, 0) {
		add(d)
	}
}

// results returns method results finding every criterion of set met,
// dated at: each criterion is informed by review of records, interview
// and observation where it accepts them, else by the first method it
// accepts.
func results(set *competence.CriteriaSet, at time.Time) []competence.MethodResult {
	preferred := []competence.Method{competence.ReviewOfRecords, competence.Interview, competence.Observation}
	byMethod := map[competence.Method]*competence.MethodResult{}
	add := func(m competence.Method, c competence.CriterionID) {
		r, ok := byMethod[m]
		if !ok {
			r = &competence.MethodResult{Method: m, At: at, By: Evaluator, Summary: "fixture evaluation"}
			byMethod[m] = r
		}
		r.Findings = append(r.Findings, competence.Finding{Criterion: c, Met: true})
	}
	for i := range set.Criteria {
		c := &set.Criteria[i]
		informed := false
		for _, m := range preferred {
			if c.Accepts(m) {
				add(m, c.ID)
				informed = true
			}
		}
		if !informed {
			for m := range competence.Methods() {
				if c.Accepts(m) {
					add(m, c.ID)
					break
				}
			}
		}
	}
	var out []competence.MethodResult
	for m := range competence.Methods() {
		if r, ok := byMethod[m]; ok {
			out = append(out, *r)
		}
	}
	return out
}

// helper marks the caller as a test helper when t can be marked.
func helper(t TestingT) {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
}

// must fails t at once when a step returns an error.
func must(t TestingT, step string, err error) {
	helper(t)
	if err != nil {
		fail(t, fmt.Sprintf("step %q refused: %v", step, err))
	}
}

func fail(t TestingT, msg string) {
	helper(t)
	t.Errorf("competencetest: %s", strings.TrimSpace(msg))
	t.FailNow()
}
