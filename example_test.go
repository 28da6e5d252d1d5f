package ismsaudit_test

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/report"
)

// Example builds a Statement of Applicability, derives the stage 2 audit
// checklist from it, records one result and prints the result counts.
func Example() {
	soa, err := annexa.NewSoA("Example Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Selected by risk treatment plan RTP-2026",
		Status:        annexa.Implemented,
	})
	if err != nil {
		panic(err)
	}
	if err := soa.Exclude("A.8.30", "No development is outsourced"); err != nil {
		panic(err)
	}
	cl, err := annexa.NewChecklist(soa, annexa.ChecklistOptions{Kind: annexa.Stage2})
	if err != nil {
		panic(err)
	}
	err = cl.Assess(annexa.RefToControl("8.8"), annexa.Assessment{
		Result:       annexa.MinorNonconformity,
		Notes:        "3 of 25 sampled servers lack critical patches older than 30 days",
		EvidenceRefs: []ismsaudit.EvidenceID{"EV-014"},
	})
	if err != nil {
		panic(err)
	}
	counts, _ := cl.Tally()
	for _, c := range counts {
		if c.Count > 0 {
			fmt.Println(c.Result, c.Count)
		}
	}
	// The same checklist as CSV for a spreadsheet.
	if err := report.WriteChecklist(os.Stdout, &annexa.Checklist{Kind: cl.Kind, Items: cl.Items[:1]}, report.CSV); err != nil {
		panic(err)
	}
	// Output:
	// not-assessed 121
	// minor-nonconformity 1
	// ref,kind,id,title,methods,questions,evidence_hints,result,notes,evidence_refs,not_audited_reason
	// clause 4.1,clause,4.1,Understanding the organization and its context,interview;document-review,"Which internal and external issues bearing on information security outcomes has the organization listed, and when were they last reviewed?
	// Has the organization decided whether climate change is a relevant issue for its ISMS, and can it show the reasoning behind that decision?
	// How are shifts in business strategy, technology, legislation or the threat landscape picked up and added to the list of issues?","documented analysis of internal and external issues
	// record of the decision on climate change relevance
	// management review minutes discussing changes in context",not-assessed,,,
}

// ExampleRun runs operations of an audit in order, each with the next
// Meta of the host's clock, and stops at the first refusal: the step that
// was refused and why, and nothing after it ran.
func ExampleRun() {
	t := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	next := func() ismsaudit.Meta { t = t.Add(time.Hour); return ismsaudit.Meta{At: t, By: "lena"} }
	a, err := audit.New(audit.NewOptions{ID: "IA-1", Kind: annexa.Internal, Client: "Board", Auditee: "Acme"}, next())
	if err != nil {
		panic(err)
	}
	err = ismsaudit.Run(next,
		ismsaudit.With(a.EstablishContact, audit.Contact{Person: "Carl"}),
		a.Prepare, // feasibility has not been decided
		ismsaudit.With(a.SetTeam, []audit.Member{{Auditor: "lena", Name: "Lena", Role: competence.RoleTeamLeader}}),
	)
	var step *ismsaudit.StepError
	var refused *ismsaudit.TransitionError
	if errors.As(err, &step) && errors.As(err, &refused) {
		fmt.Println("step", step.Step, "refused by", refused.Rule)
	}
	fmt.Println(a.State, a.Contact.Person, len(a.Team))
	// Output:
	// step 2 refused by AUD-INIT-FEASIBLE
	// initiation Carl 0
}
