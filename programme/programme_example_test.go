package programme_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/programme"
)

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
