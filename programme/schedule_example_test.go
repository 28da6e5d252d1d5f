package programme_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
)

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
