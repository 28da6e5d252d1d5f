package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/report"
)

func ExampleOSCALCatalog() {
	var buf bytes.Buffer
	if err := report.OSCALCatalog(&buf); err != nil {
		fmt.Println(err)
		return
	}
	var doc struct {
		Catalog struct {
			UUID   string `json:"uuid"`
			Groups []struct {
				ID     string `json:"id"`
				Groups []struct {
					ID       string `json:"id"`
					Controls []struct {
						ID    string `json:"id"`
						Title string `json:"title"`
					} `json:"controls"`
				} `json:"groups"`
			} `json:"groups"`
		} `json:"catalog"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Catalog.UUID == report.OSCALUUID("catalog", "iso-iec-27001-2022"))
	for _, g := range doc.Catalog.Groups[1].Groups {
		fmt.Println(g.ID, len(g.Controls), g.Controls[0].ID, g.Controls[0].Title)
	}
	// Output:
	// true
	// theme-organizational 37 a.5.1 Policies for information security
	// theme-people 8 a.6.1 Screening
	// theme-physical 14 a.7.1 Physical security perimeters
	// theme-technological 34 a.8.1 User end point devices
}

func ExampleOSCALProfile() {
	soa, err := annexa.NewSoA("Example Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Selected by risk treatment plan RTP-2026",
		Status:        annexa.Implemented,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := soa.Exclude("8.30", "No development is outsourced"); err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := report.OSCALProfile(&buf, soa, time.Date(2026, time.March, 1, 9, 0, 0, 0, time.UTC)); err != nil {
		fmt.Println(err)
		return
	}
	var doc struct {
		Profile struct {
			Imports []struct {
				IncludeControls []struct {
					WithIDs []string `json:"with-ids"`
				} `json:"include-controls"`
				ExcludeControls []struct {
					WithIDs []string `json:"with-ids"`
				} `json:"exclude-controls"`
			} `json:"imports"`
		} `json:"profile"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		fmt.Println(err)
		return
	}
	imp := doc.Profile.Imports[0]
	fmt.Println("requirements:", imp.IncludeControls[0].WithIDs)
	fmt.Println("applicable controls:", len(imp.IncludeControls[1].WithIDs))
	fmt.Println("excluded:", imp.ExcludeControls[0].WithIDs)
	// Output:
	// requirements: [clause-4 clause-5 clause-6 clause-7 clause-8 clause-9 clause-10]
	// applicable controls: 92
	// excluded: [a.8.30]
}

func ExampleAssessmentPlan() {
	a := smallAudit()
	var buf bytes.Buffer
	if err := report.AssessmentPlan(&buf, a); err != nil {
		fmt.Println(err)
		return
	}
	var doc struct {
		AssessmentPlan struct {
			UUID     string `json:"uuid"`
			Metadata struct {
				Title   string `json:"title"`
				Version string `json:"version"`
			} `json:"metadata"`
			Tasks []struct {
				Title string `json:"title"`
				Tasks []struct {
					Title  string `json:"title"`
					Timing struct {
						Range struct {
							Start string `json:"start"`
							End   string `json:"end"`
						} `json:"within-date-range"`
					} `json:"timing"`
				} `json:"tasks"`
			} `json:"tasks"`
		} `json:"assessment-plan"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		fmt.Println(err)
		return
	}
	p := doc.AssessmentPlan
	fmt.Println(p.UUID == report.OSCALUUID("audit", "IA-7", "assessment-plan"))
	fmt.Println(p.Metadata.Title, "version", p.Metadata.Version)
	for _, t := range p.Tasks[0].Tasks {
		fmt.Println(t.Title, t.Timing.Range.Start, t.Timing.Range.End)
	}

	// An audit without an approved plan has no assessment plan.
	b, err := audit.New(audit.NewOptions{ID: "IA-8", Kind: annexa.Internal, Client: "Example Ltd board", Auditee: "Example Ltd"},
		ismsaudit.Meta{At: time.Date(2026, time.March, 3, 9, 0, 0, 0, time.UTC), By: "ann"})
	if err != nil {
		fmt.Println(err)
		return
	}
	err = report.AssessmentPlan(&bytes.Buffer{}, b)
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Fields[0].Path, ve.Fields[0].Rule, errors.Is(err, ismsaudit.ErrInvalid))
	}
	// Output:
	// true
	// Audit plan of IA-7: Internal audit of Example Ltd version 1
	// Interviews and record reviews 2026-03-02T11:30:00Z 2026-03-02T18:00:00Z
	// Plan RPT-ASSESSMENT-PLAN-APPROVED true
}
