package audit

import (
	"fmt"
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// evBig builds a record with n evidence items (each verified: one history
// entry; every tenth sampled), n/5 findings (three history entries each),
// a follow-up per tenth finding (two entries), the conclusions and the
// audit and plan histories.
func evBig(n int) *Audit {
	a := evSealFixture()
	a.Evidence = make([]Evidence, n)
	t0 := evAt(11, 9)
	for i := range a.Evidence {
		e := evItem(ismsaudit.EvidenceID(fmt.Sprintf("E-%06d", i)))
		if i%10 != 0 {
			e.Sampling = nil
		}
		e.CollectedAt = t0.Add(time.Duration(i) * time.Second)
		e.State = EvidenceVerified
		e.History = []EvidenceEntry{{From: EvidenceCollected, Event: EvidenceVerify, To: EvidenceVerified, At: e.CollectedAt.Add(time.Minute), By: "lead"}}
		a.Evidence[i] = e
	}
	a.Findings = make([]Finding, n/5)
	a.FollowUps = nil
	for i := range a.Findings {
		at := evAt(14, 9).Add(time.Duration(i) * time.Second)
		f := Finding{
			ID: FindingID(fmt.Sprintf("F-%05d", i)), Kind: Conformity, Criteria: []annexa.Ref{evControl},
			Evidence: []ismsaudit.EvidenceID{a.Evidence[i].ID}, Found: "in place", RaisedBy: "auditor-1", RaisedAt: at, State: FindingAcknowledged,
			History: []FindingEntry{
				{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed, At: at, By: "lead"},
				{From: FindingConfirmed, Event: FindingPresent, To: FindingPresented, At: at.Add(time.Hour), By: "lead"},
				{From: FindingPresented, Event: FindingAcknowledge, To: FindingAcknowledged, At: at.Add(2 * time.Hour), By: "auditee"},
			},
		}
		if i%10 == 0 {
			f.Kind, f.Grade = Nonconformity, Minor
			a.FollowUps = append(a.FollowUps, FollowUp{
				Finding: f.ID, Correction: "c", RootCause: "r", Action: "a", DueAt: evAt(30, 0), State: FollowUpImplemented,
				History: []FollowUpEntry{
					{From: FollowUpPlanning, Event: FollowUpAcceptPlan, To: FollowUpAccepted, At: at, By: "lead"},
					{From: FollowUpAccepted, Event: FollowUpImplement, To: FollowUpImplemented, At: at.Add(time.Hour), By: "auditee"},
				},
			})
		}
		a.Findings[i] = f
	}
	return a
}

// BenchmarkSealAndVerify seals and verifies the chain of an audit with
// 10,000 evidence items and 2,000 findings (issue target: under 20 ms),
// and of one ten times larger (linear growth: at most 12 times the time).
func BenchmarkSealAndVerify(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("evidence=%d/findings=%d", n, n/5), func(b *testing.B) {
			a := evBig(n)
			m := evMeta(20, 9)
			b.ReportAllocs()
			defer evReportCPU(b, evCPUTime())
			for b.Loop() {
				a.Seal = nil
				if err := a.SealRecord(m); err != nil {
					b.Fatal(err)
				}
				if err := a.VerifySeal(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSealRecord(b *testing.B) {
	a := evBig(10_000)
	m := evMeta(20, 9)
	b.ReportAllocs()
	defer evReportCPU(b, evCPUTime())
	for b.Loop() {
		a.Seal = nil
		if err := a.SealRecord(m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifySeal(b *testing.B) {
	a := evBig(10_000)
	if err := a.SealRecord(evMeta(20, 9)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer evReportCPU(b, evCPUTime())
	for b.Loop() {
		if err := a.VerifySeal(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCollectEvidence appends one item to logs of growing length: the
// duplicate-id check scans the log (the record keeps no hidden index).
func BenchmarkCollectEvidence(b *testing.B) {
	for _, n := range []int{100, 1_000, 10_000} {
		b.Run(fmt.Sprintf("log=%d", n), func(b *testing.B) {
			a := evBig(n)
			a.State = StateFieldwork
			a.Evidence = append(a.Evidence, Evidence{}) // room to append without growing
			a.Evidence = a.Evidence[:n]
			e := evItem("E-new")
			m := evMeta(20, 9)
			b.ReportAllocs()
			defer evReportCPU(b, evCPUTime())
			for b.Loop() {
				a.Evidence = a.Evidence[:n]
				if err := a.CollectEvidence(e, m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyEvidenceEvent fires verify on the last item of a 10,000
// item log (the lookup is the scan; the firing itself is a table lookup).
func BenchmarkVerifyEvidenceEvent(b *testing.B) {
	for _, n := range []int{1, 10_000} {
		b.Run(fmt.Sprintf("log=%d", n), func(b *testing.B) {
			a := evBig(n)
			a.State = StateFieldwork
			last := &a.Evidence[n-1]
			last.State, last.History = EvidenceCollected, make([]EvidenceEntry, 0, 1)
			id := last.ID
			m := evMeta(20, 9)
			b.ReportAllocs()
			defer evReportCPU(b, evCPUTime())
			for b.Loop() {
				last.State, last.History = EvidenceCollected, last.History[:0]
				if err := a.VerifyEvidence(id, m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyEvidenceRecord runs Verify's evidence, sampling and seal
// checks on the 10,000-item record (sealed) and on one ten times larger.
func BenchmarkVerifyEvidenceRecord(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("evidence=%d", n), func(b *testing.B) {
			a := evBig(n)
			if err := a.SealRecord(evMeta(20, 9)); err != nil {
				b.Fatal(err)
			}
			if got := evVerify(a); len(got) > 0 {
				b.Fatalf("fixture does not conform: %v", got[:min(3, len(got))])
			}
			// The verifier's indexes are built by Verify for every area;
			// only this area's checks are measured.
			v := newVerifier(a, nil)
			b.Run("without-seal", func(b *testing.B) {
				b.ReportAllocs()
				defer evReportCPU(b, evCPUTime())
				for b.Loop() {
					v.verifyEvidence()
				}
			})
			b.Run("with-seal", func(b *testing.B) {
				b.ReportAllocs()
				defer evReportCPU(b, evCPUTime())
				for b.Loop() {
					v.verifyEvidence()
					v.verifySeal()
				}
			})
			if v.ch.len() > 0 {
				b.Fatalf("violations: %v", v.ch.err())
			}
		})
	}
}

func BenchmarkDraw(b *testing.B) {
	for _, tc := range []struct {
		name string
		plan SamplingPlan
	}{
		{"25-of-1000-items", func() SamplingPlan {
			items := make([]string, 1000)
			for i := range items {
				items[i] = fmt.Sprintf("ticket-%04d", i)
			}
			return SamplingPlan{Population: Population{Items: items}, Method: Statistical, Size: 25, Seed: 1}
		}()},
		{"60-of-a-million", SamplingPlan{Population: Population{Size: 1_000_000}, Exclusions: []string{"1", "2"}, Method: Statistical, Size: 60, Seed: 1}},
		{"max-of-a-billion", SamplingPlan{Population: Population{Size: 1 << 30}, Method: Statistical, Size: MaxSampleSize, Seed: 1}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			defer evReportCPU(b, evCPUTime())
			for b.Loop() {
				if _, err := Draw(tc.plan); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// evReportCPU reports the CPU time per operation since start.
func evReportCPU(b *testing.B, start time.Duration) {
	if used := evCPUTime() - start; used > 0 && b.N > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
