package sheet_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/report/sheet"
)

// The target: reading back a 500-row filled checklist workbook
// and applying it to the audit takes under 50 ms.

// BenchmarkReadFieldworkXLSX500 reads a checklist workbook of 500
// filled rows (conformities, nonconformities with notes, opportunities
// for improvement, items not audited) into a fresh copy of the audit each
// time, and records them.
func BenchmarkReadFieldworkXLSX500(b *testing.B) {
	a, m := fieldworkAudit(b, 500-4, 50) // the audittest checklist has 4 items
	require.Len(b, a.Checklist.Items, 500)
	var buf bytes.Buffer
	require.NoError(b, sheet.WriteFieldwork(&buf, a, sheet.XLSX))
	fills := map[string]fill{}
	for i, it := range a.Checklist.Items {
		ev := fmt.Sprintf("E-%d; E-%d", i%50+1, (i+7)%50+1)
		switch i % 10 {
		case 0:
			fills[it.Ref.String()] = fill{result: "minor-nonconformity", notes: "two of ten records lack an approval", evidence: ev}
		case 1:
			fills[it.Ref.String()] = fill{result: "opportunity-for-improvement", notes: "the review could be automated"}
		case 2:
			fills[it.Ref.String()] = fill{reason: "the process owner was not available"}
		default:
			fills[it.Ref.String()] = fill{result: "conforms", notes: "records examined", evidence: ev}
		}
	}
	filled := fillXLSX(b, buf.Bytes(), fills)
	state := snapshot(b, a)
	b.ReportAllocs()
	b.ReportMetric(float64(len(filled)), "bytes/workbook")
	for b.Loop() {
		b.StopTimer()
		fresh, err := audit.Decode([]byte(state))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		applied, err := sheet.ReadFieldwork(bytes.NewReader(filled), sheet.XLSX, fresh, m)
		if err != nil {
			b.Fatal(err)
		}
		if applied.Assessed+applied.NotAudited != 500 {
			b.Fatalf("applied %+v", applied)
		}
	}
}

// BenchmarkWriteFieldworkXLSX500 writes the workbook of a 500-item
// checklist.
func BenchmarkWriteFieldworkXLSX500(b *testing.B) {
	a, _ := fieldworkAudit(b, 500-4, 1)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := sheet.WriteFieldwork(&buf, a, sheet.XLSX); err != nil {
			b.Fatal(err)
		}
	}
}
