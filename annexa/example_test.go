package annexa_test

import (
	"errors"
	"fmt"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

func ExampleLookupControl() {
	c, err := annexa.LookupControl("A.8.8")
	if err != nil {
		panic(err)
	}
	fmt.Println(c)
	fmt.Println(c.Theme(), c.AttributesOf(annexa.ControlTypeKind))
	for _, p := range c.Predecessors() {
		fmt.Println("2013:", p)
	}
	// Output:
	// A.8.8 Management of technical vulnerabilities
	// technological [preventive]
	// 2013: A.12.6.1 Management of technical vulnerabilities
	// 2013: A.18.2.3 Technical compliance review
}

func ExampleLookupControl_errors() {
	_, err := annexa.LookupControl("A.5.38")
	fmt.Println(errors.Is(err, ismsaudit.ErrNotFound), err)
	_, err = annexa.LookupControl("five")
	fmt.Println(errors.Is(err, ismsaudit.ErrInvalid))
	// Output:
	// true annexa: no Annex A control "A.5.38"
	// true
}

func ExampleControlsWhere() {
	// Every detective control that protects availability.
	controls, err := annexa.ControlsWhere(annexa.Filter{
		Attributes: []annexa.Attribute{annexa.Detective, annexa.Availability},
	})
	if err != nil {
		panic(err)
	}
	for c := range controls {
		fmt.Println(c.ID(), c.Title())
	}
	// Output:
	// 5.7 Threat intelligence
	// 5.25 Assessment and decision on information security events
	// 6.8 Information security event reporting
	// 7.4 Physical security monitoring
	// 7.11 Supporting utilities
	// 8.6 Capacity management
	// 8.7 Protection against malware
	// 8.15 Logging
	// 8.16 Monitoring activities
	// 8.20 Networks security
	// 8.30 Outsourced development
}

func ExampleClause_Subclauses() {
	for c := range annexa.MustClause("9.2").Subclauses() {
		fmt.Println(c, "- documented information:", c.DocumentedInformation() != "")
	}
	// Output:
	// 9.2.1 General - documented information: false
	// 9.2.2 Internal audit programme - documented information: true
}

func ExampleMapTo2022() {
	ids, err := annexa.MapTo2022("A.12.6.1", "A.18.2.3", "A.6.2.2")
	if err != nil {
		panic(err)
	}
	fmt.Println(ids)
	// Output: [5.36 6.7 8.8]
}

func ExampleSoA() {
	// Every control included by the risk treatment, implemented...
	soa, err := annexa.NewSoA("Example Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Selected by risk treatment plan RTP-2026",
		Status:        annexa.Implemented,
	})
	if err != nil {
		panic(err)
	}
	// ...except one that the law asks for and is still planned, and one
	// that no risk, law, contract or business need calls for.
	if err := soa.Include("A.5.34", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisLegalOrRegulatory, annexa.BasisRiskTreatment},
		Justification: "GDPR; risk R-7",
		Status:        annexa.Planned,
	}); err != nil {
		panic(err)
	}
	if err := soa.Exclude("A.8.30", "No development is outsourced"); err != nil {
		panic(err)
	}
	// An exclusion needs a justification: refused, naming the control,
	// and nothing changes.
	err = soa.Exclude("7.12", "  ")
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		f := ve.Fields[0]
		fmt.Println(f.Path, f.Rule, f.Value)
	}
	d, _ := soa.Decision("5.34")
	fmt.Println(soa.Validate() == nil, d.Bases, d.Status)
	// Output:
	// Justification ANX-EXCLUSION-JUSTIFIED 7.12
	// true [legal-or-regulatory-requirement risk-treatment] planned
}

func ExampleDecodeSoA() {
	_, err := annexa.DecodeSoA([]byte(`{"decisions": [
		{"control": "A.5.1", "applicability": "applicable", "bases": ["risk-treatment"],
		 "justification": "Risk R-1", "status": "implemented"},
		{"control": "5.2", "applicability": "applicable", "status": "implemented", "justification": " "},
		{"control": "5.3", "applicability": "excluded", "justification": ""}
	]}`))
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields[:3] { // then one ANX-SOA-COMPLETE per control not decided
			fmt.Println(f.Path, f.Rule, f.Value)
		}
	}
	// Output:
	// Decisions[1].Bases ANX-INCLUSION-JUSTIFIED 5.2
	// Decisions[1].Justification ANX-INCLUSION-JUSTIFIED 5.2
	// Decisions[2].Justification ANX-EXCLUSION-JUSTIFIED 5.3
}

func ExampleNewChecklist() {
	soa, err := annexa.NewSoA("Example Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Selected by risk treatment plan RTP-2026",
		Status:        annexa.Implemented,
	})
	if err != nil {
		panic(err)
	}
	if err := soa.Exclude("8.30", "No development is outsourced"); err != nil {
		panic(err)
	}
	cl, err := annexa.NewChecklist(soa, annexa.ChecklistOptions{Kind: annexa.Stage2})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(cl.Items), "items; first:", cl.Items[0].Ref, "- last:", cl.Items[len(cl.Items)-1].Ref)

	// An internal audit of the internal-audit clause and two controls.
	cl, err = annexa.NewChecklist(soa, annexa.ChecklistOptions{
		Kind:     annexa.Internal,
		Clauses:  []annexa.ClauseID{"9.2"},
		Controls: []annexa.ControlID{"8.8", "5.15"},
	})
	if err != nil {
		panic(err)
	}
	for _, it := range cl.Items {
		fmt.Println(it.Ref, it.Title)
	}
	// Output:
	// 122 items; first: clause 4.1 - last: A.8.34
	// clause 9.2.1 General
	// clause 9.2.2 Internal audit programme
	// A.5.15 Access control
	// A.8.8 Management of technical vulnerabilities
}

func ExampleChecklist_Assess() {
	soa, err := annexa.NewSoA("Example Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Selected by risk treatment plan RTP-2026",
		Status:        annexa.Implemented,
	})
	if err != nil {
		panic(err)
	}
	cl, err := annexa.NewChecklist(soa, annexa.ChecklistOptions{Kind: annexa.Internal, Controls: []annexa.ControlID{"8.8"}})
	if err != nil {
		panic(err)
	}
	ref := annexa.RefToControl("8.8")
	// A nonconformity must say what was found and rest on evidence.
	err = cl.Assess(ref, annexa.Assessment{Result: annexa.MinorNonconformity})
	fmt.Println(errors.Is(err, ismsaudit.ErrInvalid))
	err = cl.Assess(ref, annexa.Assessment{
		Result:       annexa.MinorNonconformity,
		Notes:        "3 of 25 sampled servers miss critical patches older than 30 days",
		EvidenceRefs: []ismsaudit.EvidenceID{"EV-014"},
	})
	fmt.Println(err)
	counts, _ := cl.Tally()
	for _, c := range counts {
		if c.Count > 0 {
			fmt.Println(c.Result, c.Count)
		}
	}
	// Output:
	// true
	// <nil>
	// minor-nonconformity 1
}

func ExampleParseRef() {
	for _, s := range []string{"A.5.23", "clause 9.2.2", "document:acceptable-use-policy"} {
		r, err := annexa.ParseRef(s)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s %s %q\n", r.Kind, r.ID, r.Title())
	}
	// Output:
	// control 5.23 "Information security for use of cloud services"
	// clause 9.2.2 "Internal audit programme"
	// document acceptable-use-policy ""
}
