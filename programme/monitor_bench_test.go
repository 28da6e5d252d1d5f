package programme_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/rng"
	"github.com/ismsaudit/ismsaudit/programme"
)

// largeInput builds the performance programme: audits scheduled
// audits over three years, each with its record (at every stage of the
// lifecycle) and findings findings, a third of them nonconformities with a
// follow-up, and three feedback records per audit on auditors auditors.
// Histories are filled by hand as the lifecycles would record them.
func largeInput(audits, findings, auditors int) programme.MonitorInput {
	r := rng.New(2026)
	var refs []annexa.Ref
	for c := range annexa.Clauses() {
		refs = append(refs, annexa.RefToClause(c.ID()))
	}
	for c := range annexa.Controls() {
		refs = append(refs, annexa.RefToControl(c.ID()))
	}
	kinds := []audit.FindingKind{audit.Conformity, audit.Nonconformity, audit.Observation, audit.OpportunityForImprovement, audit.Conformity, audit.Nonconformity}
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	in := programme.MonitorInput{At: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)}
	perAudit := findings / audits
	for i := range audits {
		id := audit.ID(fmt.Sprintf("A%04d", i))
		latest := start.AddDate(0, 0, i*1095/audits)
		in.Schedule = append(in.Schedule, programme.ScheduledAudit{
			ID: programme.ScheduledAuditID(fmt.Sprintf("S%04d", i)), Kind: annexa.Internal, Auditee: fmt.Sprintf("org-%d", i%200),
			Due: programme.Window{Earliest: latest.AddDate(0, -1, 0), Latest: latest}, Audit: id,
		})
		a := newRecord(id, latest.AddDate(0, -2, 0))
		done := latest.AddDate(0, 0, r.IntN(30)-20)
		advanceAudit(a, auditSteps[r.IntN(len(auditSteps))].event, done)
		for k := range perAudit {
			kind := kinds[r.IntN(len(kinds))]
			var grade audit.Grade
			if kind == audit.Nonconformity {
				grade = audit.Minor
				if r.IntN(5) == 0 {
					grade = audit.Major
				}
			}
			confirmed := done.AddDate(0, 0, -4).Add(time.Duration(k) * time.Minute)
			f := newFinding(audit.FindingID(fmt.Sprintf("F%03d", k)), kind, grade, confirmed, done.AddDate(0, 0, -3),
				refs[r.IntN(len(refs))], refs[r.IntN(len(refs))])
			a.Findings = append(a.Findings, f)
			if kind == audit.Nonconformity {
				var closed time.Time
				if r.IntN(3) > 0 {
					closed = done.AddDate(0, 0, 5+r.IntN(120))
				}
				a.FollowUps = append(a.FollowUps, newFollowUp(f.ID, done.AddDate(0, 0, 60), done, closed))
			}
		}
		for j := range 3 {
			in.Feedback = append(in.Feedback, programme.AuditorFeedback{
				Audit: id, Auditor: competence.AuditorID(fmt.Sprintf("auditor-%03d", r.IntN(auditors))),
				Score: 1 + r.IntN(5), At: done.AddDate(0, 0, 1+j),
			})
		}
		in.Audits = append(in.Audits, a)
	}
	return in
}

// reportCPU reports the CPU time per operation since start (the
// process's: garbage collection included, setup too when it is not
// excluded from the timing).
func reportCPU(b *testing.B, start time.Duration) {
	if used := cpuTime() - start; used > 0 && b.N > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkMonitor computes every monitoring figure of a programme of
// 1,000 audits, 500 auditors and 50,000 findings (issue target: under
// 50 ms), without a trend and with a monthly one.
func BenchmarkMonitor(b *testing.B) {
	in := largeInput(1000, 50000, 500)
	for _, trend := range []programme.Period{"", programme.PeriodMonth} {
		name := "totals"
		if trend != "" {
			name = "by-" + string(trend)
		}
		b.Run(name, func(b *testing.B) {
			in.Trend = trend
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				if _, err := programme.Monitor(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestMonitorLargeProgramme(t *testing.T) {
	in := largeInput(1000, 50000, 500)
	in.Trend = programme.PeriodQuarter
	got, err := programme.Monitor(in)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, k := range got.Findings.ByKind {
		total += k.Count
	}
	if got.Audits.Planned != 1000 || total != 50000 || len(got.Feedback.ByAuditor) == 0 || len(got.Feedback.ByAuditor) > 500 {
		t.Fatalf("large programme: planned %d, findings %d, auditors %d", got.Audits.Planned, total, len(got.Feedback.ByAuditor))
	}
}
