package competence_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// A small host scheme: an auditor set and a team leader layer on it.
func exampleScheme() competence.Scheme {
	return competence.Scheme{Sets: []competence.CriteriaSet{
		{
			ID: "auditor", Title: "Auditor", Role: competence.RoleAuditor, ReevaluationMonths: 24,
			Criteria: []competence.Criterion{
				{ID: "ethical", Kind: competence.BehaviourCriterion, Behaviour: competence.Ethical, Source: "19011:7.2.2"},
				{ID: "iso27001", Kind: competence.KnowledgeCriterion, Area: competence.ISO27001Requirements, Level: competence.Working, Source: "27007:7.2.3.3"},
				{ID: "audits", Kind: competence.AuditCount, Min: 2, WindowMonths: 24, Source: "host scheme"},
			},
		},
		{
			ID: "leader", Title: "Team leader", Role: competence.RoleTeamLeader, Requires: "auditor", ReevaluationMonths: 24,
			Criteria: []competence.Criterion{
				{ID: "leadership", Kind: competence.KnowledgeCriterion, Area: competence.TeamLeadership, Level: competence.Proficient, Source: "19011:7.2.3.4"},
			},
		},
	}}
}

// exampleRecord is a record meeting the example scheme.
func exampleRecord(id string, lang string, risk competence.Level) competence.Auditor {
	return competence.Auditor{
		ID: competence.AuditorID(id), Name: strings.ToUpper(id[:1]) + id[1:], Languages: []string{lang},
		Behaviours: []competence.BehaviourAssessment{{Behaviour: competence.Ethical, Demonstrated: true, At: date(2025, 1, 10), By: "peer"}},
		Skills: []competence.Skill{
			{Area: competence.ISO27001Requirements, Level: competence.Proficient},
			{Area: competence.RiskAssessment, Level: risk},
			{Area: competence.TeamLeadership, Level: competence.Proficient},
		},
		Audits: []competence.AuditLogEntry{
			{Audit: "a1", Date: date(2024, 5, 2), Days: 3, Role: competence.RoleAuditor, Standard: "ISO/IEC 27001:2022"},
			{Audit: "a2", Date: date(2024, 11, 20), Days: 2, Role: competence.RoleAuditor, Standard: "ISO/IEC 27001:2022"},
		},
	}
}

// exampleResults are an interview informing every criterion and an
// observation informing the qualitative ones, all met.
func exampleResults(set *competence.CriteriaSet, at time.Time) []competence.MethodResult {
	interview := competence.MethodResult{Method: competence.Interview, At: at, By: "evaluator"}
	observation := competence.MethodResult{Method: competence.Observation, At: at, By: "evaluator"}
	for _, c := range set.Criteria {
		interview.Findings = append(interview.Findings, competence.Finding{Criterion: c.ID, Met: true})
		if c.Kind.IsQualitative() {
			observation.Findings = append(observation.Findings, competence.Finding{Criterion: c.ID, Met: true})
		}
	}
	return []competence.MethodResult{interview, observation}
}

func ExampleLevel_Compare() {
	fmt.Println(competence.Working.Compare(competence.Proficient))
	fmt.Println(competence.Expert.AtLeast(competence.Proficient))
	_, err := competence.ParseLevel("guru")
	fmt.Println(errors.Is(err, ismsaudit.ErrInvalid))
	// Output:
	// -1
	// true
	// true
}

func ExampleISMSAuditor() {
	set := competence.ISMSAuditor()
	kinds := map[competence.CriterionKind]int{}
	for _, c := range set.Criteria {
		kinds[c.Kind]++
	}
	fmt.Println(set.Title, "- default:", set.Default)
	for k := range competence.CriterionKinds() {
		if kinds[k] > 0 {
			fmt.Printf("%s: %d\n", k, kinds[k])
		}
	}
	c, _ := set.Criterion("lead-auditor-course")
	fmt.Println(c.Text)
	fmt.Println("source:", c.Source)
	// Output:
	// ISMS auditor - default: true
	// behaviour: 13
	// knowledge: 10
	// work-years: 1
	// security-work-years: 1
	// course: 1
	// audits: 1
	// audit-days: 1
	// completed an ISMS lead auditor course of at least 40 hours
	// source: 19011:7.2.4 (training); lead auditor courses commonly run about 40 hours over five days with an exam
}

func ExampleEvaluate() {
	scheme := exampleScheme()
	set, _ := scheme.Set("auditor")
	a := exampleRecord("ana", "en", competence.Working)
	a.Audits = a.Audits[:1] // one audit only
	at := date(2025, 3, 3)
	as, err := competence.Evaluate(&a, set, exampleResults(set, at), at)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range as.Results {
		fmt.Printf("%s met=%v: %s\n", r.Criterion, r.Met, r.Why)
	}
	fmt.Println("competent:", as.Competent)
	// Output:
	// ethical met=true: "ethical" demonstrated in the latest assessment (2025-01-10); confirmed by interview, observation
	// iso27001 met=true: recorded level proficient in iso27001-requirements, required working; confirmed by interview, observation
	// audits met=false: 1 audits in the last 24 months, required 2; confirmed by interview
	// competent: false
}

func ExampleEvaluation() {
	scheme := exampleScheme()
	set, _ := scheme.Set("auditor")
	a := exampleRecord("ana", "en", competence.Working)
	at := date(2025, 3, 3)

	ev, _ := competence.NewEvaluation("ev-ana-1", a.ID, set.ID)
	_ = ev.Fire(competence.Start, ismsaudit.Meta{At: at, By: "programme manager"})
	for _, r := range exampleResults(set, at) {
		_ = ev.Record(r)
	}
	fmt.Println(ev.State, ev.Permitted())

	as, _ := ev.Assess(&a, set, at)
	if err := ev.Decide(competence.Decision{Assessment: as}, ismsaudit.Meta{At: at, By: "panel"}); err != nil {
		fmt.Println(err)
	}
	fmt.Println(ev.State, "re-evaluation due", ev.DueAt().Format(time.DateOnly))

	// Suspending needs a reason (rule CMP-SUSPEND-REASON).
	err := ev.Suspend(" ", ismsaudit.Meta{At: at.AddDate(0, 2, 0), By: "panel"})
	var te *ismsaudit.TransitionError
	if errors.As(err, &te) {
		fmt.Println("refused:", te.Rule)
	}
	_ = ev.Suspend("complaint under review", ismsaudit.Meta{At: at.AddDate(0, 2, 0), By: "panel"})
	for _, h := range ev.History {
		line := fmt.Sprintf("%s %s --%s--> %s", h.At.Format(time.DateOnly), h.From, h.Event, h.To)
		if h.Reason != "" {
			line += " (" + h.Reason + ")"
		}
		fmt.Println(line)
	}
	// Output:
	// in-progress [decide-competent decide-not-yet-competent withdraw]
	// competent re-evaluation due 2027-03-03
	// refused: CMP-SUSPEND-REASON
	// 2025-03-03 planned --start--> in-progress
	// 2025-03-03 in-progress --decide-competent--> competent
	// 2025-05-03 competent --suspend--> suspended (complaint under review)
}

func ExampleScheme_Standing() {
	scheme := exampleScheme()
	set, _ := scheme.Set("auditor")
	a := exampleRecord("ana", "en", competence.Working)
	at := date(2025, 3, 3)
	ev, _ := competence.NewEvaluation("ev-ana-1", a.ID, set.ID)
	_ = ev.Fire(competence.Start, ismsaudit.Meta{At: at, By: "pm"})
	for _, r := range exampleResults(set, at) {
		_ = ev.Record(r)
	}
	as, _ := ev.Assess(&a, set, at)
	_ = ev.Decide(competence.Decision{Assessment: as}, ismsaudit.Meta{At: at, By: "panel"})
	a.Evaluations = append(a.Evaluations, ev)

	for _, day := range []time.Time{date(2025, 2, 1), date(2026, 1, 15), date(2027, 6, 1)} {
		st, _ := scheme.Standing(&a, "auditor", day)
		fmt.Print(day.Format(time.DateOnly), " competent=", st.Competent)
		for _, o := range st.Obstacles {
			fmt.Print(" ", o.Kind)
		}
		fmt.Println()
	}
	// Output:
	// 2025-02-01 competent=false not-decided
	// 2026-01-15 competent=true
	// 2027-06-01 competent=false re-evaluation-due
}

func ExampleAuditor_Conflicts() {
	a := competence.Auditor{ID: "ben", Name: "Ben", Involvements: []competence.Involvement{
		{Kind: competence.Implemented, Auditee: "acme", Controls: []string{"8.8"}, From: date(2023, 1, 1), To: date(2024, 6, 30)},
		{Kind: competence.Employed, Auditee: "acme", From: date(2019, 1, 1)},
	}}
	internal := competence.Scope{Auditee: "acme", Controls: []string{"A.8.8", "8.9"}, Internal: true}
	for _, c := range a.Conflicts(internal, date(2025, 3, 3), nil) {
		fmt.Println(c.Reason, c.Rule, "-", c.Detail)
	}
	// After the cooling-off period: independent.
	fmt.Println(len(a.Conflicts(internal, date(2026, 7, 1), nil)) == 0)
	// Output:
	// own-work CMP-INDEPENDENT-OWN-WORK - implemented for "acme" controls 8.8, ended 2024-06-30, within the 24-month cooling-off period
	// true
}

// Evaluate a small pool against a host scheme and select a team for an
// audit.
func ExamplePool_SelectTeam() {
	scheme := exampleScheme()
	at := date(2025, 3, 3)
	people := []competence.Auditor{
		exampleRecord("ana", "en", competence.Working),
		exampleRecord("ben", "de", competence.Expert),
		exampleRecord("chloe", "de", competence.Expert),
	}
	people[2].Involvements = []competence.Involvement{{Kind: competence.Consulted, Auditee: "acme", From: date(2024, 1, 1), To: date(2024, 9, 1)}}
	// Evaluate everyone as auditor; Ana also as team leader.
	for i := range people {
		a := &people[i]
		for _, setID := range []competence.CriteriaSetID{"auditor", "leader"} {
			if setID == "leader" && a.ID != "ana" {
				continue
			}
			set, _ := scheme.Set(setID)
			ev, _ := competence.NewEvaluation(competence.EvaluationID(string(a.ID)+"-"+string(setID)), a.ID, setID)
			_ = ev.Fire(competence.Start, ismsaudit.Meta{At: at, By: "pm"})
			for _, r := range exampleResults(set, at) {
				_ = ev.Record(r)
			}
			as, _ := ev.Assess(a, set, at)
			_ = ev.Decide(competence.Decision{Assessment: as}, ismsaudit.Meta{At: at, By: "panel"})
			a.Evaluations = append(a.Evaluations, ev)
		}
	}
	pool, err := competence.NewPool(people, &scheme)
	if err != nil {
		fmt.Println(err)
		return
	}
	needs := competence.TeamNeeds{
		Scope: competence.Scope{Auditee: "acme"},
		At:    date(2025, 4, 7), Until: date(2025, 4, 9),
		Needs: []competence.Need{
			competence.LanguageNeed("de"),
			competence.KnowledgeNeed(competence.RiskAssessment, competence.Expert),
		},
	}
	opts := &competence.SelectOptions{AuditorSet: "auditor", LeaderSet: "leader",
		Workload: map[competence.AuditorID]float64{"ana": 12, "ben": 4}}
	team, err := pool.SelectTeam(needs, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("method:", team.Method, "size:", len(team.Members), "workload:", team.Workload)
	for _, m := range team.Members {
		fmt.Println(m.Auditor, m.Role, m.Covers)
	}
	fmt.Println("check:", pool.CheckTeam(team, needs, opts))

	// Nobody speaks French: the error says which need fails and why.
	needs.Needs = append(needs.Needs, competence.LanguageNeed("fr"))
	_, err = pool.SelectTeam(needs, opts)
	var nt *competence.NoTeamError
	if errors.As(err, &nt) {
		for _, u := range nt.Unmet {
			fmt.Println("unmet:", u.Need, u.Reason, u.Rule)
		}
	}
	// Output:
	// method: exact size: 2 workload: 16
	// ana team-leader []
	// ben auditor [language de knowledge risk-assessment>=expert]
	// check: <nil>
	// unmet: language fr nobody-has CMP-TEAM-COVERS
}

func ExampleNoTeamError() {
	people := []competence.Auditor{exampleRecord("ana", "en", competence.Working)}
	pool, _ := competence.NewPool(people, nil)
	_, err := pool.SelectTeam(competence.TeamNeeds{Scope: competence.Scope{Auditee: "acme"}, At: date(2025, 4, 7),
		Needs: []competence.Need{competence.LanguageNeed("en")}}, nil)
	fmt.Println(errors.Is(err, competence.ErrNoTeam))
	var nt *competence.NoTeamError
	if errors.As(err, &nt) {
		for _, u := range nt.Unmet {
			fmt.Println(u.Need, u.Reason)
			for _, b := range u.Blocked {
				fmt.Println(" ", b.Auditor, b.Reason)
			}
		}
	}
	// Output:
	// true
	// language en all-blocked
	//   ana not-competent
	// leader nobody-has
	// team-size too-few-auditors
}

func ExampleRules() {
	r, _ := competence.LookupRule(competence.RuleEvalTwoMethods)
	fmt.Println(r.ID, r.Clause)
	fmt.Println(r.Text)
	// Output:
	// CMP-EVAL-TWO-METHODS 19011:7.4
	// a decision rests on results of two or more evaluation methods in the current round
}

func ExampleLookupLifecycle() {
	l, _ := competence.LookupLifecycle("competence.evaluation")
	fmt.Println(l.Initial, l.Terminal, l.Order, l.Record)
	lines := strings.Split(l.Mermaid(), "\n")
	for _, l := range lines[:4] {
		fmt.Println(l)
	}
	// Output:
	// planned [withdrawn] CMP-EVAL-ORDER CMP-EVAL-HISTORY
	// stateDiagram-v2
	//     [*] --> planned
	//     planned --> in_progress: start
	//     planned --> withdrawn: withdraw [reason-given]
}

func ExampleDecodeAuditor() {
	_, err := competence.DecodeAuditor([]byte(`{
		"id": "dan", "name": "",
		"training": [{"course": "ISO/IEC 27001 Lead Auditor", "kind": "isms-lead-auditor-course", "hours": 0, "completed": "2024-02-02T00:00:00Z"}],
		"skills": [{"area": "risk-assessment", "level": "expert"}, {"area": "risk-assessment", "level": "working"}]
	}`))
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	// Output:
	// Name required
	// Training[0].Hours gt
	// Skills[1].Area unique
}

// Write a pool with its host scheme as a document and read it back.
func ExamplePool_Document() {
	scheme := exampleScheme()
	people := []competence.Auditor{exampleRecord("ana", "en", competence.Working), exampleRecord("ben", "de", competence.Expert)}
	pool, err := competence.NewPool(people, &scheme)
	if err != nil {
		fmt.Println(err)
		return
	}
	data, err := json.Marshal(pool.Document())
	if err != nil {
		fmt.Println(err)
		return
	}
	head, _, _ := bytes.Cut(data, []byte(`,"scheme"`))
	fmt.Println(string(head))

	back, err := competence.DecodePool(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	for a := range back.All() {
		fmt.Println(a.ID, a.Name, a.Languages)
	}
	for _, set := range back.Scheme().Sets {
		fmt.Println("set:", set.ID)
	}
	// Output:
	// {"documentKind":"pool","formatVersion":1
	// ana Ana [en]
	// ben Ben [de]
	// set: auditor
	// set: leader
}

// A pool document without a scheme is judged by the default scheme;
// every problem of its records comes back at once, and a document of
// another kind is refused by name.
func ExampleDecodePool() {
	pool, err := competence.DecodePool([]byte(`{"documentKind":"pool","formatVersion":1,"auditors":[{"id":"ana","name":"Ana"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(pool.Len(), "person,", len(pool.Scheme().Sets), "default sets")

	_, err = competence.DecodePool([]byte(`{"documentKind":"pool","formatVersion":1,"auditors":[
		{"id": "ana", "name": "Ana"},
		{"id": "ana", "name": "Ana again"},
		{"documentKind": "soa", "formatVersion": 1, "id": "cy", "name": ""}
	]}`))
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}

	_, err = competence.DecodePool([]byte(`{"documentKind":"auditor","formatVersion":1,"id":"ana","name":"Ana"}`))
	var ke *ismsaudit.KindError
	if errors.As(err, &ke) {
		fmt.Println("want:", ke.Want, "found:", ke.Found)
	}
	// Output:
	// 1 person, 3 default sets
	// Auditors[2].DocumentKind enum
	// Auditors[1].ID unique
	// Auditors[2].Name required
	// want: pool found: auditor
}
