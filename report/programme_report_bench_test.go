package report

import (
	"bytes"
	"testing"
)

// largeProgrammeReport is the report of a programme of 50 completed internal
// audits with 40 nonconformities each: 2,000 nonconformities and
// corrective actions, half of them closed.
func largeProgrammeReport(b *testing.B) *ProgrammeReport {
	b.Helper()
	p, audits := largeProgramme(b, 50, 40)
	r, err := BuildProgrammeReport(p, audits, &ProgrammeReportOptions{AsOf: asOf, SoA: northwindSoA(b)})
	if err != nil {
		b.Fatal(err)
	}
	if len(r.Actions) != 2000 {
		b.Fatalf("%d actions", len(r.Actions))
	}
	if err := r.Check(); err != nil {
		b.Fatal(err)
	}
	return r
}

func benchProgrammeReport(b *testing.B, f Format) {
	r := largeProgrammeReport(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	n, cpu := 0, cpuTime()
	b.ResetTimer()
	for b.Loop() {
		buf.Reset()
		if err := WriteProgrammeReport(&buf, r, f); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportCPU(b, n, cpu)
	b.ReportMetric(float64(buf.Len()), "bytes/report")
}

func BenchmarkBuildProgrammeReport2000(b *testing.B) {
	p, audits := largeProgramme(b, 50, 40)
	soa := northwindSoA(b)
	b.ReportAllocs()
	n, cpu := 0, cpuTime()
	b.ResetTimer()
	for b.Loop() {
		if _, err := BuildProgrammeReport(p, audits, &ProgrammeReportOptions{AsOf: asOf, SoA: soa}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportCPU(b, n, cpu)
}

func BenchmarkWriteProgrammeReportMarkdown2000(b *testing.B) { benchProgrammeReport(b, Markdown) }

func BenchmarkWriteProgrammeReportHTML2000(b *testing.B) { benchProgrammeReport(b, HTML) }

func BenchmarkWriteProgrammeReportJSON2000(b *testing.B) { benchProgrammeReport(b, JSON) }
