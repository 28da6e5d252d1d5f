package sheet_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/ismsaudit/ismsaudit/report/sheet"
)

// A checklist goes out as a workbook, comes back filled in, and its
// results are recorded in the audit.
func ExampleWriteFieldwork() {
	a, _ := fieldworkAudit(exampleT{}, 0, 1) // an audit in fieldwork, its checklist attached
	var buf bytes.Buffer
	if err := sheet.WriteFieldwork(&buf, a, sheet.XLSX); err != nil {
		fmt.Println(err)
		return
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	fmt.Println(f.GetSheetList())
	rows, _ := f.GetRows(sheet.ChecklistSheet)
	fmt.Printf("%q\n", rows[0])
	for _, row := range rows[1:] {
		fmt.Println(row[0])
	}
	// Output:
	// [Checklist About]
	// ["Ref" "Title" "Questions" "Evidence hints" "Result" "Notes" "Evidence refs" "Not audited because"]
	// clause 9.2.1
	// clause 9.2.2
	// A.5.15
	// A.8.8
}

// The auditor fills in the CSV offline: a conformity, a minor
// nonconformity and an item not audited; the fourth row is left blank.
func ExampleReadFieldwork() {
	a, m := fieldworkAudit(exampleT{}, 0, 2)
	var buf bytes.Buffer
	if err := sheet.WriteFieldwork(&buf, a, sheet.CSV); err != nil {
		fmt.Println(err)
		return
	}
	rows, _ := csv.NewReader(&buf).ReadAll()
	rows[1][4], rows[1][6] = "conforms", "E-1"
	rows[2][4], rows[2][5], rows[2][6] = "minor-nonconformity", "the 2025 programme skipped two sites", "E-1; E-2"
	rows[3][7] = "the access manager was on leave"
	buf.Reset()
	_ = csv.NewWriter(&buf).WriteAll(rows)

	applied, err := sheet.ReadFieldwork(&buf, sheet.CSV, a, m)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", applied)
	for _, it := range a.Checklist.Items {
		fmt.Printf("%s: %s %v %q\n", it.Ref, it.Result, it.EvidenceRefs, it.NotAuditedReason)
	}
	// Output:
	// {Assessed:2 NotAudited:1 Unchanged:0 Blank:1 Absent:0}
	// clause 9.2.1: conforms [E-1] ""
	// clause 9.2.2: minor-nonconformity [E-1 E-2] ""
	// A.5.15: not-assessed [] "the access manager was on leave"
	// A.8.8: not-assessed [] ""
}

// A filled checklist with mistakes is refused as a whole: every problem
// is named with its row, column and item, and the audit is unchanged.
func ExampleReadFieldwork_refused() {
	a, m := fieldworkAudit(exampleT{}, 0, 1)
	var buf bytes.Buffer
	_ = sheet.WriteFieldwork(&buf, a, sheet.CSV)
	rows, _ := csv.NewReader(&buf).ReadAll()
	rows[1][4], rows[1][6] = "conforms", "E-1"                          // fine, but not recorded
	rows[2][4], rows[2][6] = "major-nonconformity", "E-1"               // no notes
	rows[3][4], rows[3][5], rows[3][6] = "conformed", "all good", "E-1" // not a result
	rows[4][4], rows[4][6] = "conforms", "E-77"                         // evidence the audit lacks
	buf.Reset()
	_ = csv.NewWriter(&buf).WriteAll(rows)

	_, err := sheet.ReadFieldwork(&buf, sheet.CSV, a, m)
	var ie *sheet.ImportError
	if errors.As(err, &ie) {
		for _, p := range ie.Problems {
			fmt.Println(p.Row, p.Column, p.ID, p.Rule)
		}
	}
	fmt.Println(a.Checklist.Items[0].Result)
	// Output:
	// 3 F clause 9.2.2 ANX-ASSESSMENT-NOTES
	// 4 E A.5.15 enum
	// 5 G A.8.8 unknown
	// not-assessed
}
