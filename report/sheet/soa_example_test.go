package sheet_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/report/sheet"
)

// An SoA written as CSV (or XLSX) reads back to the same SoA.
func ExampleWriteSoA() {
	soa, err := annexa.NewSoA("Example Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Chosen by the risk treatment plan",
		Status:        annexa.Implemented,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := soa.Exclude("7.12", "No cabling of our own: the offices are rented"); err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := sheet.WriteSoA(&buf, soa, sheet.CSV); err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(buf.String(), "\n")
	fmt.Println(lines[0])
	fmt.Println(lines[1])
	fmt.Println(lines[57])

	back, err := sheet.ReadSoA(&buf, sheet.CSV)
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := back.Decision("7.12")
	fmt.Println(len(back.Decisions), d.Applicability, d.Justification)
	// Output:
	// Control,Title,Applicability,Bases,Justification,Status
	// A.5.1,Policies for information security,applicable,risk-treatment,Chosen by the risk treatment plan,implemented
	// A.7.12,Cabling security,excluded,,No cabling of our own: the offices are rented,
	// 93 excluded No cabling of our own: the offices are rented
}

// Every problem of a sheet is reported at once, with its row, column and
// control id.
func ExampleReadSoA_problems() {
	in := "\uFEFFcontrol,applicability,bases,justification,status\n" +
		"A.5.1,applicable,risk-treatment,Chosen by the risk treatment plan,done\n" +
		"A.5.99,excluded,,Not ours,\n" +
		"A.5.2,excluded,,,\n"
	_, err := sheet.ReadSoA(strings.NewReader(in), sheet.CSV)
	var ie *sheet.ImportError
	if errors.As(err, &ie) {
		missing := 0
		for _, p := range ie.Problems {
			if p.Row == 0 {
				missing++ // a control with no row
				continue
			}
			fmt.Printf("row %d, column %s (%s), control %s: %s %q\n", p.Row, p.Column, p.Header, p.ID, p.Rule, p.Value)
		}
		fmt.Println(missing, "controls have no row")
	}
	// Output:
	// row 2, column E (status), control 5.1: enum "done"
	// row 3, column A (control), control A.5.99: unknown "A.5.99"
	// row 4, column D (justification), control 5.2: ANX-EXCLUSION-JUSTIFIED ""
	// 91 controls have no row
}

// A Statement of Applicability written against ISO/IEC 27001:2013 is
// carried to 2022; the report says what is left to decide.
func ExampleReadSoA2013() {
	var b strings.Builder
	b.WriteString("Control,Applicability,Bases,Justification,Status\n")
	for c := range annexa.Controls2013() {
		if c.ID() == "11.2.4" {
			b.WriteString("A.11.2.4,excluded,,No equipment of our own to maintain,\n")
			continue
		}
		fmt.Fprintf(&b, "A.%s,applicable,risk-treatment,Chosen by the risk treatment plan,implemented\n", c.ID())
	}
	soa, carried, err := sheet.ReadSoA2013(strings.NewReader(b.String()), sheet.CSV)
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := soa.Decision("7.13")
	fmt.Println("7.13:", d.Applicability, "-", d.Justification)
	fmt.Println("to decide:", carried.Undecided())
	// Output:
	// 7.13: excluded - No equipment of our own to maintain
	// to decide: [5.7 5.23 5.30 7.4 8.9 8.10 8.11 8.12 8.16 8.23 8.28]
}
