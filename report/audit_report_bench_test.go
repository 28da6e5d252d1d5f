package report

import (
	"bytes"
	"testing"
)

// The targets, for an audit of 2,000 findings and 10,000 evidence
// items: Markdown and HTML under 20 ms each, OSCAL under 30 ms.

func largeReport(b *testing.B) *AuditReport {
	b.Helper()
	r, err := BuildAuditReport(largeAudit(b, 2000), &AuditReportOptions{AsOf: asOf})
	if err != nil {
		b.Fatal(err)
	}
	if len(r.Findings) != 2000 || len(r.Evidence) != 10000 {
		b.Fatalf("%d findings, %d evidence items", len(r.Findings), len(r.Evidence))
	}
	return r
}

func benchAuditReport(b *testing.B, write func(*bytes.Buffer, *AuditReport) error) {
	r := largeReport(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	n, cpu := 0, cpuTime()
	b.ResetTimer()
	for b.Loop() {
		buf.Reset()
		if err := write(&buf, r); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportCPU(b, n, cpu)
	b.ReportMetric(float64(buf.Len()), "bytes/report")
}

// reportCPU reports the CPU time per operation since cpu, in ms.
func reportCPU(b *testing.B, n int, cpu int64) {
	if used := cpuTime() - cpu; used > 0 && n > 0 {
		b.ReportMetric(float64(used)/float64(n)/1e6, "cpu-ms/op")
	}
}

func BenchmarkBuildAuditReport2000(b *testing.B) {
	a := largeAudit(b, 2000)
	b.ReportAllocs()
	n, cpu := 0, cpuTime()
	b.ResetTimer()
	for b.Loop() {
		if _, err := BuildAuditReport(a, nil); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportCPU(b, n, cpu)
}

func BenchmarkCheck2000(b *testing.B) {
	benchAuditReport(b, func(_ *bytes.Buffer, r *AuditReport) error { return r.Check() })
}

func BenchmarkWriteAuditReportMarkdown2000(b *testing.B) {
	benchAuditReport(b, func(w *bytes.Buffer, r *AuditReport) error { return WriteAuditReport(w, r, Markdown) })
}

func BenchmarkWriteAuditReportHTML2000(b *testing.B) {
	benchAuditReport(b, func(w *bytes.Buffer, r *AuditReport) error { return WriteAuditReport(w, r, HTML) })
}

func BenchmarkWriteAuditReportJSON2000(b *testing.B) {
	benchAuditReport(b, func(w *bytes.Buffer, r *AuditReport) error { return WriteAuditReport(w, r, JSON) })
}

func BenchmarkWriteAuditReportCSV2000(b *testing.B) {
	benchAuditReport(b, func(w *bytes.Buffer, r *AuditReport) error { return WriteAuditReport(w, r, CSV) })
}

func BenchmarkAssessmentResults2000(b *testing.B) {
	benchAuditReport(b, func(w *bytes.Buffer, r *AuditReport) error { return AssessmentResults(w, r) })
}

func BenchmarkPlanOfActionAndMilestones2000(b *testing.B) {
	benchAuditReport(b, func(w *bytes.Buffer, r *AuditReport) error { return PlanOfActionAndMilestones(w, r) })
}

func BenchmarkRecipientCopy2000(b *testing.B) {
	benchAuditReport(b, func(_ *bytes.Buffer, r *AuditReport) error {
		_, err := RecipientCopy(r, r.Distribution[1].Recipient)
		return err
	})
}
