package programme_test

import (
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
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
