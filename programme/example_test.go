package programme_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
)

// Example walks a small internal audit programme through a year: drafted,
// approved and implemented, its internal audits planned from the SoA and
// staffed, monitored at mid-year, reviewed, and improved into a second
// version. exampleOptions holds its content (objectives, managers, extent,
// resources, records policy), examplePool four competent auditors and
// exampleRecords two audit records as package audit keeps them.
func Example() {
	day := func(m time.Month, d int) ismsaudit.Meta {
		return ismsaudit.Meta{At: time.Date(2026, m, d, 9, 0, 0, 0, time.UTC), By: "maria"}
	}
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}

	// Draft, approve, implement (19011 5.2-5.5).
	p, err := programme.New(exampleOptions(), day(time.January, 2))
	must(err)
	coverRiskAreas(p) // one assessed risk in each area of 19011 5.3
	must(p.Fire(programme.EventApprove, day(time.January, 9)))
	must(p.Fire(programme.EventImplement, day(time.January, 12)))
	fmt.Println(p.ID, "version", p.Version, p.State)

	// Plan the year's internal audits from the SoA: every requirement
	// and applicable control once, access control (5.15) twice.
	soa, err := annexa.NewSoA("acme", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Selected by the risk treatment plan",
		Status:        annexa.Implemented,
	})
	must(err)
	year := programme.Window{Earliest: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Latest: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}
	weights := []programme.CoverageWeight{{Refs: []annexa.Ref{annexa.RefToControl("5.15")}, Times: 2, Reason: "highest risk"}}
	audits, err := programme.PlanInternal(soa, programme.InternalPlanOptions{ID: "IA-2026", Auditee: "acme", Period: year, Audits: 4, Weights: weights})
	must(err)
	for i := range audits { // two days each, starting two weeks into the window
		audits[i].Days, audits[i].Start = 2, audits[i].Due.Earliest.AddDate(0, 0, 14)
	}
	must(p.ScheduleAudits(audits...))
	coverage, err := programme.Coverage(p.Schedule, soa, year, weights)
	must(err)
	fmt.Println("scheduled:", len(p.Schedule), "audits; coverage complete:", coverage.Complete())

	// Staff them: independent, competent teams within 10 days a year each.
	staffing, err := p.Staff(examplePool(), programme.StaffOptions{Limit: 10})
	must(err)
	for _, sa := range staffing.Audits {
		fmt.Println(" ", sa.Audit, sa.First.Format(time.DateOnly), sa.Status, sa.Team.Auditors())
	}

	// Mid-year, the host links the audit records and monitors (19011 5.6).
	p.Schedule[0].Audit, p.Schedule[1].Audit = "IA-2026-01", "IA-2026-02"
	figures, err := p.Monitor(programme.MonitorOptions{At: day(time.July, 1).At, Audits: exampleRecords()})
	must(err)
	a := figures.Audits
	fmt.Printf("at %s: %d of %d completed, %d missed; %d nonconformity, its action closed in %.0f days\n",
		figures.At.Format(time.DateOnly), a.Completed, a.Planned, a.Missed,
		figures.Findings.Nonconformities, figures.Actions.Closure.MedianDays)

	// Review on the figures (19011 5.7), raising one improvement action.
	must(p.Fire(programme.EventReview, day(time.July, 2)))
	must(p.RecordReview(programme.Review{
		ID:          "review-2026-h1",
		Inputs:      []programme.ReviewInput{figures.ReviewInput()},
		Objectives:  []programme.ObjectiveResult{{Objective: "coverage", Actual: 100 * a.CompletionRate()}},
		Conclusions: "the second quarter's audit slipped",
		Actions:     []programme.ImprovementAction{{ID: "act-1", Description: "name a reserve auditor for each quarter", Owner: "maria"}},
	}, day(time.July, 3)))
	next, err := p.Improve(programme.Changes{Implements: []programme.ActionID{"act-1"}}, day(time.July, 6))
	must(err)
	fmt.Println(p.ID, "version", p.Version, p.State, "->", "version", next.Version, next.State,
		"carrying", len(next.Schedule), "audits and", len(next.Reviews), "review")
	fmt.Println("verified:", programme.Verify(next) == nil)
	// Output:
	// isms-internal-2026 version 1 implementing
	// scheduled: 4 audits; coverage complete: true
	//   IA-2026-01 2026-01-15 staffed [ann]
	//   IA-2026-02 2026-04-16 staffed [bob]
	//   IA-2026-03 2026-07-16 staffed [cat]
	//   IA-2026-04 2026-10-15 staffed [dan]
	// at 2026-07-01: 1 of 4 completed, 1 missed; 1 nonconformity, its action closed in 40 days
	// isms-internal-2026 version 1 improved -> version 2 draft carrying 4 audits and 1 review
	// verified: true
}

func exampleDay(month time.Month, day int) time.Time {
	return time.Date(2026, month, day, 9, 0, 0, 0, time.UTC)
}

func exampleMeta(month time.Month, day int, note string) ismsaudit.Meta {
	return ismsaudit.Meta{At: exampleDay(month, day), By: "maria", Note: note}
}

// exampleOptions is the content of a small internal ISMS audit programme.
func exampleOptions() programme.NewOptions {
	return programme.NewOptions{
		ID: "isms-internal-2026",
		Objectives: []programme.Objective{{
			ID: "coverage", Statement: "every requirement and applicable control audited within the year",
			Target: programme.Target{Metric: "requirements and controls audited", Direction: programme.AtLeast, Value: 100, Unit: "%", Due: exampleDay(time.December, 31)},
		}},
		Managers: []programme.Manager{{Person: "maria", Name: "Maria Rossi", Roles: []programme.ManagerRole{
			programme.ManageExtent, programme.ManageRisks, programme.ManageTeams, programme.ManageProcesses,
			programme.ManageResources, programme.ManageRecords, programme.ManageMonitoring, programme.ManageCommunication}}},
		Extent: programme.Extent{
			Start: exampleDay(time.January, 1), End: exampleDay(time.December, 31),
			Audits: 4, Kinds: []annexa.AuditKind{annexa.Internal}, Locations: []string{"Milan"},
			Frequency: "quarterly, each quarter a quarter of the controls", AuditDays: 8,
			Drivers: programme.Drivers{
				SizeAndComplexity: "80 persons, one site, SaaS product",
				RiskAssessment:    "highest risks in access control and backups",
				PreviousResults:   "none: first programme",
			},
		},
		Resources: programme.Resources{AuditorDays: 10, TravelDays: 0, Tools: []string{"shared evidence folder"}},
		Records:   programme.RecordsPolicy{RetentionMonths: 36, Confidentiality: "encrypted folder, auditors only", Access: []string{"internal auditors"}},
	}
}

// coverRiskAreas records one risk per area of 19011 5.3, each low.
func coverRiskAreas(p *programme.Programme) {
	for c := range programme.RiskCategories() {
		id := programme.RiskID("risk-" + string(c))
		must(p.AddRisk(programme.Risk{ID: id, Kind: programme.KindRisk, Category: c, Description: "a " + string(c) + " problem", Owner: "maria"}, exampleMeta(time.January, 5, "")))
		must(p.AssessRisk(id, programme.Assessment{Likelihood: 1, Impact: 2}, exampleMeta(time.January, 5, "")))
	}
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func ExampleNew() {
	p, err := programme.New(exampleOptions(), exampleMeta(time.January, 2, ""))
	if err != nil {
		panic(err)
	}
	fmt.Println(p.ID, "version", p.Version, p.State)
	fmt.Println("can approve:", p.Can(programme.EventApprove))
	fmt.Println("areas without a risk:", len(p.UncoveredRiskAreas()))

	coverRiskAreas(p)
	fmt.Println("permitted:", p.Permitted())
	must(p.Fire(programme.EventApprove, exampleMeta(time.January, 9, "approved by top management")))
	fmt.Println(p.State, len(p.History))

	_, err = programme.New(programme.NewOptions{}, ismsaudit.Meta{})
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	// Output:
	// isms-internal-2026 version 1 draft
	// can approve: false
	// areas without a risk: 8
	// permitted: [approve]
	// approved 1
	// ID required
	// Meta.At required
	// Meta.By required
}

// ExampleProgramme_AssessRisk follows a risk of the register through its
// lifecycle, on the default matrix.
func ExampleProgramme_AssessRisk() {
	p, _ := programme.New(exampleOptions(), exampleMeta(time.January, 2, ""))
	must(p.AddRisk(programme.Risk{ID: "leak", Kind: programme.KindRisk, Category: programme.CategoryRecords,
		Description: "audit evidence with customer data copied to laptops", Owner: "maria"}, exampleMeta(time.January, 5, "")))
	must(p.AssessRisk("leak", programme.Assessment{Likelihood: 3, Impact: 5, Rationale: "happened once at a peer"}, exampleMeta(time.January, 5, "")))
	r, _ := p.LookupRisk("leak")
	fmt.Println(r.State, r.Level())

	err := p.AcceptRisk("leak", "we trust our auditors", exampleMeta(time.January, 6, ""))
	var te *ismsaudit.TransitionError
	if errors.As(err, &te) {
		fmt.Println("refused:", te.Rule)
	}

	must(p.PlanTreatment("leak", programme.Treatment{Action: "evidence only in the encrypted folder", Owner: "maria", Due: exampleDay(time.February, 1)}, exampleMeta(time.January, 6, "")))
	must(p.TreatRisk("leak", "folder set up, auditors briefed", exampleMeta(time.January, 30, "")))
	must(p.MonitorRisk("leak", programme.Assessment{Likelihood: 1, Impact: 3}, exampleMeta(time.April, 1, "")))
	must(p.CloseRisk("leak", "no copies found in the Q1 check", exampleMeta(time.April, 1, "")))
	r, _ = p.LookupRisk("leak")
	for _, e := range r.History {
		fmt.Println(e.From, "->", e.To)
	}
	fmt.Println("residual:", r.Level())
	// Output:
	// assessed high
	// refused: PRG-RISK-ACCEPTABLE
	// identified -> assessed
	// assessed -> treatment-planned
	// treatment-planned -> treated
	// treated -> monitored
	// monitored -> closed
	// residual: low
}

// ExampleProgramme_RecordReview reviews a programme: the library works out
// whether each objective was met.
func ExampleProgramme_RecordReview() {
	p, _ := programme.New(exampleOptions(), exampleMeta(time.January, 2, ""))
	coverRiskAreas(p)
	must(p.Fire(programme.EventApprove, exampleMeta(time.January, 9, "")))
	must(p.Fire(programme.EventImplement, exampleMeta(time.January, 12, "")))
	must(p.Fire(programme.EventReview, exampleMeta(time.December, 15, "")))
	must(p.RecordReview(programme.Review{
		ID:          "review-2026",
		Inputs:      []programme.ReviewInput{{Kind: programme.InputMonitoring, Summary: "4 of 4 audits done, 1 late; 2 minor nonconformities"}},
		Objectives:  []programme.ObjectiveResult{{Objective: "coverage", Actual: 100}},
		Conclusions: "objectives met; the programme continues unchanged",
	}, exampleMeta(time.December, 16, "")))
	r := p.Reviews[0]
	fmt.Println(r.ID, "of version", r.Version, "met:", r.Objectives[0].Met)
	must(p.Fire(programme.EventResume, exampleMeta(time.December, 16, "")))
	fmt.Println(p.State)
	// Output:
	// review-2026 of version 1 met: true
	// implementing
}

// ExampleProgramme_Improve reviews a programme, raises an improvement
// action and improves it: the old version is kept, the new one carries
// the action out.
func ExampleProgramme_Improve() {
	v1, _ := programme.New(exampleOptions(), exampleMeta(time.January, 2, ""))
	coverRiskAreas(v1)
	must(v1.Fire(programme.EventApprove, exampleMeta(time.January, 9, "")))
	must(v1.Fire(programme.EventImplement, exampleMeta(time.January, 12, "")))
	must(v1.Fire(programme.EventReview, exampleMeta(time.July, 1, "")))
	must(v1.RecordReview(programme.Review{
		ID:          "mid-year",
		Inputs:      []programme.ReviewInput{{Kind: programme.InputMonitoring, Summary: "2 of 2 audits done; backups found weak twice"}},
		Objectives:  []programme.ObjectiveResult{{Objective: "coverage", Actual: 50}},
		Conclusions: "backups need more audit attention",
		Actions:     []programme.ImprovementAction{{ID: "backup-focus", Description: "audit backups every quarter", Owner: "maria"}},
	}, exampleMeta(time.July, 2, "")))
	fmt.Println("can resume:", v1.Can(programme.EventResume))
	fmt.Println("open actions:", len(v1.OpenActions()))

	extent := v1.Extent
	extent.Frequency = "quarterly; backups every quarter"
	v2, err := v1.Improve(programme.Changes{Extent: &extent, Implements: []programme.ActionID{"backup-focus"}}, exampleMeta(time.July, 3, "backups every quarter"))
	if err != nil {
		panic(err)
	}
	fmt.Println("v1:", v1.Version, v1.State)
	fmt.Println("v2:", v2.Version, v2.State, "keeps", len(v2.Previous), "earlier version")
	fmt.Println("open actions:", len(v2.OpenActions()))
	old, _ := v2.AtVersion(1)
	fmt.Println("v1 frequency:", old.Extent.Frequency)
	fmt.Println("v2 frequency:", v2.Extent.Frequency)
	fmt.Println("verifies:", programme.Verify(v2) == nil)
	// Output:
	// can resume: false
	// open actions: 1
	// v1: 1 improved
	// v2: 2 draft keeps 1 earlier version
	// open actions: 0
	// v1 frequency: quarterly, each quarter a quarter of the controls
	// v2 frequency: quarterly; backups every quarter
	// verifies: true
}

func ExampleRiskMatrix_Level() {
	m := programme.DefaultMatrix()
	for _, r := range [][2]int{{1, 1}, {2, 3}, {4, 3}, {5, 5}} {
		level, _ := m.Level(r[0], r[1])
		fmt.Printf("%s x %s: %s\n", m.Likelihood[r[0]-1].Name, m.Impact[r[1]-1].Name, level)
	}
	_, err := m.Level(6, 1)
	fmt.Println(errors.Is(err, ismsaudit.ErrInvalid))
	// Output:
	// rare x negligible: low
	// unlikely x moderate: medium
	// likely x moderate: high
	// almost-certain x severe: very-high
	// true
}

func ExampleLifecycles() {
	for l := range programme.Lifecycles() {
		fmt.Println(l.Name, "order:", l.Order, "record:", l.Record)
	}
	l, _ := programme.LookupLifecycle("programme.programme")
	fmt.Print(l.Mermaid())
	// Output:
	// programme.programme order: PRG-PROGRAMME-ORDER record: PRG-PROGRAMME-RECORD
	// programme.risk order: PRG-RISK-ORDER record: PRG-RISK-RECORD
	// stateDiagram-v2
	//     [*] --> draft
	//     draft --> approved: approve [objectives-measurable, managers-named, extent-stated, resources-stated, records-policy, risk-areas-covered, risks-assessed]
	//     approved --> implementing: implement [risks-assessed, treatments-planned]
	//     implementing --> under_review: review
	//     under_review --> implementing: resume [review-recorded, no-actions]
	//     under_review --> improved: improve [review-recorded, new-version]
	//     under_review --> closed: close [review-recorded]
	//     improved --> [*]
	//     closed --> [*]
}

func ExampleLookupLifecycle() {
	l, _ := programme.LookupLifecycle("programme.risk")
	for _, t := range l.Transitions {
		fmt.Println(t.From, "--"+t.Event+"->", t.To)
	}
	// Output:
	// identified --assess-> assessed
	// assessed --assess-> assessed
	// assessed --plan-treatment-> treatment-planned
	// assessed --accept-> accepted
	// treatment-planned --plan-treatment-> treatment-planned
	// treatment-planned --treat-> treated
	// treated --monitor-> monitored
	// monitored --assess-> assessed
	// monitored --accept-> accepted
	// monitored --close-> closed
}

func ExampleDecode() {
	p, _ := programme.New(exampleOptions(), exampleMeta(time.January, 2, ""))
	data, _ := json.Marshal(p)
	back, err := programme.Decode(data)
	fmt.Println(err == nil, back.ID, back.State)

	_, err = programme.Decode([]byte(`{"id": "x", "state": "paused"}`))
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Fields[0].Path, ve.Fields[0].Rule)
	}
	// Output:
	// true isms-internal-2026 draft
	// State enum
}

// showAudit prints an audit's id and dates.
func showAudit(a programme.ScheduledAudit) {
	when := a.Due.Earliest.Format(time.DateOnly) + " .. " + a.Due.Latest.Format(time.DateOnly)
	if !a.Start.IsZero() {
		when = "on " + a.Start.Format(time.DateOnly)
	}
	fmt.Printf("%-22s %-16s %s\n", a.ID, a.Kind, when)
}

func ExamplePlanCycle() {
	decision := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	c, err := programme.PlanCycle(programme.CycleOptions{
		ID: "acme", Auditee: "Acme Ltd", Decision: decision,
		Initial: true, Stage1: decision.AddDate(0, -2, 0), Stage2: decision.AddDate(0, -1, 0),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("certificate expires", c.Expiry.Format(time.DateOnly))
	for _, a := range c.Audits {
		showAudit(a)
	}
	// Output:
	// certificate expires 2029-06-15
	// acme-stage1            stage1           on 2026-04-15
	// acme-stage2            stage2           on 2026-05-15
	// acme-surveillance-1    surveillance     2027-03-15 .. 2027-06-15
	// acme-surveillance-2    surveillance     2028-03-15 .. 2028-06-15
	// acme-recertification   recertification  2029-01-01 .. 2029-05-16
}

func ExampleCycle_Verify() {
	decision := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	c, err := programme.PlanCycle(programme.CycleOptions{
		ID: "acme", Auditee: "Acme Ltd", Decision: decision,
		Initial: true, Stage1: decision.AddDate(0, -2, 0), Stage2: decision.AddDate(0, -1, 0),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("stage 1 due", c.Audits[0].Due.Earliest.Format(time.DateOnly), "to", c.Audits[0].Due.Latest.Format(time.DateOnly))
	fmt.Println("as planned:", c.Verify())
	// A cycle checked on its own, no programme needed: the first
	// surveillance a day past its limit.
	c.Audits[2].Due.Latest = decision.AddDate(1, 0, 1)
	var ve *ismsaudit.ValidationError
	if errors.As(c.Verify(), &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	// Output:
	// stage 1 due 2026-04-15 to 2026-05-15
	// as planned: <nil>
	// Audits[2].Due.Latest PRG-SURV-FIRST-12-MONTHS
}

func ExampleProgramme_AddCycle() {
	c, err := programme.PlanCycle(programme.CycleOptions{ID: "acme", Auditee: "Acme Ltd", Decision: time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Push the first surveillance past its limit: the cycle is refused
	// with the rule it breaks, and the programme is left as it was.
	c.Audits[0].Due.Latest = time.Date(2027, 7, 1, 0, 0, 0, 0, time.UTC)
	p, err := programme.New(programme.NewOptions{ID: "cb-2026"}, ismsaudit.Meta{At: time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC), By: "maria"})
	if err != nil {
		fmt.Println(err)
		return
	}
	err = p.AddCycle(c)
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	fmt.Println(len(p.Cycles), "cycles")
	// Output:
	// Audits[0].Due.Latest PRG-SURV-FIRST-12-MONTHS
	// 0 cycles
}

func ExampleAuditTime() {
	r, err := programme.AuditTime(programme.AuditTimeInput{
		Persons:   700,
		Identical: []programme.IdenticalActivity{{Activity: "call centre agents", Persons: 400}},
		Factors:   []string{"high-it-complexity"},
	}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("effective persons %d (band %d-%d: %v days)\n", r.Effective, r.Band.MinPersons, r.Band.MaxPersons, r.Band.Days)
	fmt.Printf("adjustment %+g%%\n", r.Applied)
	fmt.Printf("initial %v, surveillance %v per year, recertification %v auditor days\n", r.Initial, r.Surveillance, r.Recertification)
	fmt.Printf("at least %v days of the initial audit on site\n", r.OnSite.Initial)
	// Output:
	// effective persons 320 (band 276-425: 15 days)
	// adjustment +20%
	// initial 18, surveillance 6 per year, recertification 12 auditor days
	// at least 14.5 days of the initial audit on site
}

func ExampleDecodeAuditTimeTable() {
	_, err := programme.DecodeAuditTimeTable([]byte(`{
		"source": "our CB's table",
		"bands": [{"minPersons": 1, "maxPersons": 50, "days": 4}, {"minPersons": 60, "maxPersons": 100, "days": 3}],
		"surveillanceShare": 0.34, "recertificationShare": 0.67, "onSiteShare": 0.8
	}`))
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule, f.Value)
		}
	}
	// Output:
	// Bands[1].MinPersons contiguous 60
	// Bands[1].Days order 3
}

func ExampleSampleSites() {
	sites := []programme.Site{
		{ID: "head-office", Central: true},
		{ID: "leeds"}, {ID: "york", Visits: 1, LastVisit: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "hull"}, {ID: "bath"}, {ID: "derby", HighRisk: true}, {ID: "ely"}, {ID: "wells"},
		{ID: "ripon"}, {ID: "truro"}, {ID: "exeter", Visits: 1},
	}
	s, err := programme.SampleSites(sites, programme.SampleOptions{Kind: annexa.Surveillance, Seed: 2026})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d sites: 0.6 x sqrt(%d) = %.2f, so %d, %d of them at random\n", s.Sites, s.Sites, s.Root, s.Size, s.Random)
	for _, x := range s.Sampled {
		fmt.Printf("%-12s %-10s %s\n", x.Site, x.Reason, x.Detail)
	}
	// Output:
	// 10 sites: 0.6 x sqrt(10) = 1.90, so 2, 1 of them at random
	// head-office  central    the central function is audited at every audit
	// derby        high-risk  marked high risk by the host: added to the sample
	// wells        random     draw 1 of 1 with seed 2026
	// bath         rotation   not yet audited in the cycle: chosen to vary the sites over the cycle
}

func ExamplePlanInternal() {
	soa, err := annexa.NewSoA("Acme Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Selected by the risk treatment plan",
		Status:        annexa.Implemented,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := soa.Exclude("7.5", "no premises of our own"); err != nil {
		fmt.Println(err)
		return
	}
	audits, err := programme.PlanInternal(soa, programme.InternalPlanOptions{
		Auditee: "acme",
		Period:  programme.Window{Earliest: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Latest: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)},
		Weights: []programme.CoverageWeight{{Refs: []annexa.Ref{annexa.RefToClause("8.2"), annexa.RefToControl("8.8")}, Times: 4, Reason: "highest risks"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range audits {
		fmt.Printf("%s %s..%s %2d clauses, %2d controls, first %s\n", a.ID, a.Due.Earliest.Format("Jan 2"), a.Due.Latest.Format("Jan 2"),
			len(a.Clauses), len(a.Controls), a.Clauses[0])
	}
	// Output:
	// acme-internal-01 Jan 1..Apr 1  9 clauses, 23 controls, first 4.1
	// acme-internal-02 Apr 2..Jul 1  8 clauses, 24 controls, first 6.1.2
	// acme-internal-03 Jul 2..Sep 30  8 clauses, 24 controls, first 7.4
	// acme-internal-04 Oct 1..Dec 31  8 clauses, 24 controls, first 8.2
}

func ExampleCoverage() {
	soa, err := annexa.NewSoA("Acme Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Selected by the risk treatment plan",
		Status:        annexa.Implemented,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	period := programme.Window{Earliest: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Latest: time.Date(2028, 12, 31, 0, 0, 0, 0, time.UTC)}
	weights := []programme.CoverageWeight{{Refs: []annexa.Ref{annexa.RefToControl("8.8")}, Times: 3}}
	audits, err := programme.PlanInternal(soa, programme.InternalPlanOptions{Auditee: "acme", Period: period, Weights: weights})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Cancel the last audit of the programme and see what goes missing.
	report, err := programme.Coverage(audits[:len(audits)-1], soa, period, weights)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(report.Items), "items, complete:", report.Complete())
	for _, g := range report.Gaps {
		fmt.Printf("%-11s planned %d of %d  %s\n", g.Ref, g.Planned, g.Required, g.Rule)
	}
	// Output:
	// 123 items, complete: false
	// clause 10.1 planned 0 of 1  PRG-COVER-REQUIREMENTS
	// clause 10.2 planned 0 of 1  PRG-COVER-REQUIREMENTS
	// A.8.33      planned 0 of 1  PRG-COVER-CONTROLS
	// A.8.34      planned 0 of 1  PRG-COVER-CONTROLS
}

func ExampleProgramme_ScheduleAudits() {
	p, err := programme.New(programme.NewOptions{ID: "internal-2026"}, ismsaudit.Meta{At: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), By: "maria"})
	if err != nil {
		fmt.Println(err)
		return
	}
	// A draft schedules audits; so does a programme being implemented.
	err = p.ScheduleAudits(
		programme.ScheduledAudit{ID: "ia-1", Kind: annexa.Internal, Auditee: "acme", Clauses: []annexa.ClauseID{"9.2"},
			Due: programme.Window{Earliest: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Latest: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)}},
		programme.ScheduledAudit{ID: "ia-2", Kind: annexa.Internal, Auditee: "acme", Controls: []annexa.ControlID{"8.8", "8.99"},
			Due: programme.Window{Earliest: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), Latest: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}},
	)
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule, f.Value)
		}
	}
	fmt.Println(len(p.Schedule), "audits scheduled")
	// Output:
	// Audits[1].Controls[1] unknown 8.99
	// Audits[1].Due.Latest window-order 2026-06-01
	// 0 audits scheduled
}

// examplePool is a pool of four auditors evaluated competent: "ann"
// and "bob" may lead; "bob" consulted for Acme on its vulnerability
// management (control 8.8) and so is not independent of audits of it.
func examplePool() *competence.Pool {
	return newPool(panicking{},
		person(panicking{}, "ann", true, nil),
		person(panicking{}, "bob", true, func(a *competence.Auditor) {
			a.Involvements = []competence.Involvement{{Kind: competence.Consulted, Auditee: "acme", Controls: []string{"8.8"}}}
		}),
		person(panicking{}, "cat", false, nil),
		person(panicking{}, "dan", false, nil),
	)
}

func ExampleProgramme_Staff() {
	pool := examplePool()
	c, err := programme.PlanCycle(programme.CycleOptions{ID: "acme", Auditee: "acme", Decision: time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC),
		Days: programme.CycleDays{Surveillance: 3, Recertification: 6}})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Teams are assigned while the programme is implemented.
	p := exampleProgramme("cb-2026", programme.StateImplementing)
	if err := p.AddCycle(c); err != nil {
		fmt.Println(err)
		return
	}
	for i := range p.Cycles[0].Audits {
		p.Cycles[0].Audits[i].Controls = []annexa.ControlID{"8.8"}
	}
	res, err := p.Staff(pool, programme.StaffOptions{
		Requests: []programme.StaffRequest{{Audit: "acme-recertification", MinAuditors: 2}},
		Limit:    4, // auditor days per person and year
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, sa := range res.Audits {
		fmt.Printf("%-21s %s %v from %s, %v days each\n", sa.Audit, sa.Status, sa.Team.Auditors(), sa.First.Format(time.DateOnly), sa.Charge)
	}
	for _, w := range res.Workload {
		fmt.Printf("%s %s: %v of %v days\n", w.Auditor, w.Period, w.Days, w.Limit)
	}
	// Output:
	// acme-surveillance-1   staffed [ann] from 2027-03-15, 3 days each
	// acme-surveillance-2   staffed [ann] from 2028-03-15, 3 days each
	// acme-recertification  staffed [ann cat] from 2029-01-01, 3 days each
	// ann 2027: 3 of 4 days
	// ann 2028: 3 of 4 days
	// ann 2029: 3 of 4 days
	// cat 2029: 3 of 4 days
}

func ExampleProgramme_StaffAudit() {
	pool := examplePool()
	start := time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)
	p := exampleProgramme("cb-2027", programme.StateImplementing) // approved and being implemented
	if err := p.ScheduleAudits(
		programme.ScheduledAudit{ID: "scope-extension", Kind: annexa.Special, Auditee: "acme", Start: start, Days: 2},
		programme.ScheduledAudit{ID: "short-notice", Kind: annexa.Special, Auditee: "globex", Start: start, Days: 2},
	); err != nil {
		fmt.Println(err)
		return
	}
	// Only ann and bob may lead a certification audit, and bob is on leave.
	opts := programme.StaffOptions{Booked: []programme.StaffBooking{{Auditor: "bob", From: start, To: start.AddDate(0, 0, 14)}}}
	sa, err := p.StaffAudit("scope-extension", pool, opts)
	fmt.Println(sa.Audit, sa.Status, sa.Team.Leader, err)

	_, err = p.StaffAudit("scope-extension", pool, opts)
	var te *ismsaudit.TransitionError
	if errors.As(err, &te) {
		fmt.Println("again:", te.State, te.Rule)
	}
	sa, err = p.StaffAudit("short-notice", pool, opts)
	fmt.Println(sa.Audit, sa.Status, errors.Is(err, competence.ErrNoTeam))
	for _, l := range sa.LeftOut {
		fmt.Println(" ", l.Auditor, l.Rule, l.Detail)
	}
	// Output:
	// scope-extension staffed ann <nil>
	// again: staffed PRG-STAFF-ONCE
	// short-notice no-team true
	//   ann PRG-STAFF-NO-OVERLAP booked on "scope-extension" from 2027-02-01 to 2027-02-02
	//   bob PRG-STAFF-NO-OVERLAP booked on work outside the schedule from 2027-02-01 to 2027-02-15
}

// exampleRecords returns one internal audit record as the audit package
// keeps it: completed on 20 March 2026 with a major nonconformity against
// A.5.15, presented on 18 March, whose corrective action was verified
// effective on 27 April; and a second record still in preparation.
func exampleRecords() []*audit.Audit {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 10, 0, 0, 0, time.UTC) }
	done := &audit.Audit{
		ID: "IA-2026-01", Kind: annexa.Internal, Client: "board", Auditee: "acme",
		CreatedAt: day(2, 1), CreatedBy: "programme manager", State: audit.StateCompleted,
		History: []audit.Entry{
			{From: audit.StateDistributed, Event: audit.EventComplete, To: audit.StateCompleted, At: day(3, 20), By: "lead"},
		},
		Findings: []audit.Finding{{
			ID: "NC-1", Kind: audit.Nonconformity, Grade: audit.Major,
			Criteria: []annexa.Ref{annexa.RefToControl("5.15")}, Found: "shared admin accounts",
			RaisedBy: "alice", RaisedAt: day(3, 10), State: audit.FindingPresented,
			History: []audit.FindingEntry{
				{From: audit.FindingDraft, Event: audit.FindingConfirm, To: audit.FindingConfirmed, At: day(3, 11), By: "lead"},
				{From: audit.FindingConfirmed, Event: audit.FindingPresent, To: audit.FindingPresented, At: day(3, 18), By: "lead"},
			},
		}},
		FollowUps: []audit.FollowUp{{
			Finding: "NC-1", Correction: "accounts split", RootCause: "no joiner process", Action: "joiner process",
			DueAt: day(5, 31), State: audit.FollowUpClosed,
			History: []audit.FollowUpEntry{
				{From: audit.FollowUpImplemented, Event: audit.FollowUpVerifyEffective, To: audit.FollowUpClosed, At: day(4, 27), By: "alice"},
			},
		}},
	}
	pending := &audit.Audit{
		ID: "IA-2026-02", Kind: annexa.Internal, Client: "board", Auditee: "acme",
		CreatedAt: day(5, 2), CreatedBy: "programme manager", State: audit.StatePreparation,
		History: []audit.Entry{
			{From: audit.StateInitiation, Event: audit.EventPrepare, To: audit.StatePreparation, At: day(5, 3), By: "lead"},
		},
	}
	return []*audit.Audit{done, pending}
}

func ExampleMonitor() {
	window := func(from, to time.Time) programme.Window { return programme.Window{Earliest: from, Latest: to} }
	month := func(m time.Month) time.Time { return time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC) }
	figures, err := programme.Monitor(programme.MonitorInput{
		At: time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC),
		Schedule: []programme.ScheduledAudit{
			{ID: "Q1", Kind: annexa.Internal, Auditee: "acme", Due: window(month(1), month(4)), Audit: "IA-2026-01"},
			{ID: "Q2", Kind: annexa.Internal, Auditee: "acme", Due: window(month(4), month(7).Add(-time.Second)), Audit: "IA-2026-02"},
			{ID: "Q3", Kind: annexa.Internal, Auditee: "acme", Due: window(month(7), month(10))},
		},
		Audits: exampleRecords(),
		Feedback: []programme.AuditorFeedback{
			{Audit: "IA-2026-01", Auditor: "alice", Score: 4, From: "auditee", At: month(4)},
			{Audit: "IA-2026-01", Auditor: "alice", Score: 5, From: "audit client", At: month(4)},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := figures.Audits
	fmt.Printf("audits: %d planned, %d due, %d completed (%d on time), %d in progress, %d missed\n",
		a.Planned, a.Due, a.Completed, a.OnTime, a.InProgress, a.Missed)
	fmt.Printf("completion %.0f%%, on time %.0f%%\n", 100*a.CompletionRate(), 100*a.OnTimeRate())
	for _, g := range figures.Findings.ByGrade {
		fmt.Printf("%s nonconformities: %d\n", g.Grade, g.Count)
	}
	for _, c := range figures.Findings.ByCriterion {
		fmt.Printf("against %s: %d\n", c.Criterion, c.Nonconformities)
	}
	c := figures.Actions.Closure
	fmt.Printf("actions: %d closed in %.0f days (median), %d overdue\n", figures.Actions.Closed, c.MedianDays, figures.Actions.Overdue)
	for _, s := range figures.Feedback.ByAuditor {
		fmt.Printf("feedback on %s: %.1f from %d\n", s.Auditor, s.MeanScore, s.Count)
	}
	// Output:
	// audits: 3 planned, 2 due, 1 completed (1 on time), 1 in progress, 1 missed
	// completion 33%, on time 100%
	// minor nonconformities: 0
	// major nonconformities: 1
	// against A.5.15: 1
	// actions: 1 closed in 40 days (median), 0 overdue
	// feedback on alice: 4.5 from 2
}

func ExampleMonitor_trend() {
	figures, err := programme.Monitor(programme.MonitorInput{
		At: time.Date(2026, 6, 30, 17, 0, 0, 0, time.UTC),
		Schedule: []programme.ScheduledAudit{
			{ID: "Q1", Kind: annexa.Internal, Auditee: "acme", Due: programme.Window{Latest: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)}, Audit: "IA-2026-01"},
			{ID: "Q2", Kind: annexa.Internal, Auditee: "acme", Due: programme.Window{Latest: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}, Audit: "IA-2026-02"},
		},
		Audits: exampleRecords(),
		Trend:  programme.PeriodQuarter,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range figures.Trend {
		fmt.Printf("%s: %d planned, %d completed, %d missed; %d nonconformities; %d actions open at %s\n",
			p.Label, p.Audits.Planned, p.Audits.Completed, p.Audits.Missed,
			p.Findings.Nonconformities, p.Backlog.Open, p.Backlog.At.Format("2 Jan"))
	}
	// Output:
	// 2026-Q1: 1 planned, 1 completed, 0 missed; 1 nonconformities; 1 actions open at 31 Mar
	// 2026-Q2: 1 planned, 0 completed, 1 missed; 0 nonconformities; 0 actions open at 30 Jun
}

func ExampleDecodeMonitorInput() {
	_, err := programme.DecodeMonitorInput([]byte(`{
		"at": "2026-06-30T12:00:00Z",
		"feedback": [{"audit": "IA-9", "auditor": "alice", "score": 7, "at": "2026-06-01T00:00:00Z"}]
	}`))
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	// Output:
	// Feedback[0].Audit unknown
	// Feedback[0].Score max
}

// ExampleProgramme_Monitor monitors a programme over its own schedule and
// feeds the figures to its review (ISO 19011:2018 5.6 then 5.7).
func ExampleProgramme_Monitor() {
	p := exampleProgramme("isms-internal-2026", programme.StateImplementing) // approved and being implemented
	quarter := func(q int) programme.Window {
		from := time.Date(2026, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
		return programme.Window{Earliest: from, Latest: from.AddDate(0, 3, 0).Add(-time.Second)}
	}
	must(p.ScheduleAudits(
		programme.ScheduledAudit{ID: "Q1", Kind: annexa.Internal, Auditee: "acme", Clauses: []annexa.ClauseID{"4", "5"}, Due: quarter(1)},
		programme.ScheduledAudit{ID: "Q2", Kind: annexa.Internal, Auditee: "acme", Clauses: []annexa.ClauseID{"6", "7"}, Due: quarter(2)},
		programme.ScheduledAudit{ID: "Q3", Kind: annexa.Internal, Auditee: "acme", Clauses: []annexa.ClauseID{"8", "9", "10"}, Due: quarter(3)},
	))
	// The host links each audit record to its scheduled audit.
	p.Schedule[0].Audit, p.Schedule[1].Audit = "IA-2026-01", "IA-2026-02"

	at := time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	figures, err := p.Monitor(programme.MonitorOptions{At: at, Audits: exampleRecords(), Trend: programme.PeriodQuarter})
	if err != nil {
		fmt.Println(err)
		return
	}
	input := figures.ReviewInput()
	fmt.Println(input.Kind)
	fmt.Println(input.Summary)

	must(p.Fire(programme.EventReview, ismsaudit.Meta{At: at, By: "maria"}))
	must(p.RecordReview(programme.Review{
		ID:          "review-2026-07",
		Inputs:      []programme.ReviewInput{input},
		Objectives:  []programme.ObjectiveResult{{Objective: "coverage", Actual: 100 * figures.Audits.CompletionRate()}},
		Conclusions: "the second quarter's audit slipped: add a reserve auditor",
	}, ismsaudit.Meta{At: at.Add(2 * time.Hour), By: "maria"}))
	r := p.Reviews[0]
	fmt.Println(r.ID, "considered the figures of", r.Inputs[0].Figures.At.Format(time.DateOnly), "- coverage met:", r.Objectives[0].Met)
	// Output:
	// monitoring
	// monitoring figures at 2026-07-01
	// audits: 1 of 3 planned completed (33.3 %), 1 on time, 0 early, 0 late; 1 in progress, 0 terminated, 1 not started; 2 due, 1 missed; 0 unscheduled
	// findings: 1; nonconformities: 1 (0 minor, 1 major, 0 ungraded); most cited: A.5.15 (1)
	// corrective actions: 1 started, 1 closed, 0 open, 0 overdue (0 of major nonconformities); closure days over 1 measured: mean 40, median 40, 90th percentile 40
	// auditor feedback: none
	// trend by quarter, 2026-Q1 to 2026-Q3: audits completed/planned 1/1, 0/1, 0/1; nonconformities 1, 0, 0; actions open at the end 1, 0, 0
	// review-2026-07 considered the figures of 2026-07-01 - coverage met: false
}
