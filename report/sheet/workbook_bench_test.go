package sheet_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
	"github.com/ismsaudit/ismsaudit/report/sheet"
)

// The target: writing the audit workbook of 2,000 findings takes
// under 200 ms.

// BenchmarkWriteAuditWorkbook2000 writes the workbook of a closed audit
// with 2,000 findings (200 major and 800 minor nonconformities, each with
// its corrective action, and 1,000 conformities) on 2,000 evidence items.
func BenchmarkWriteAuditWorkbook2000(b *testing.B) {
	r := closedReport(b, &audittest.Findings{Major: 200, Minor: 800, Conformities: 1000}, audit.ConfidentialityInternal)
	require.Len(b, r.Findings, 2000)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := sheet.WriteAuditWorkbook(&buf, r, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/workbook")
}
