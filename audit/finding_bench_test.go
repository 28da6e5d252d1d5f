package audit

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// fdBig returns a stage 2 audit in the given state with nEvidence verified
// evidence items (E-0...) and nFindings findings (F-0...): every second one
// a nonconformity (alternately minor and major) citing the evidence item of
// its number scaled into the log, the others observations; all on Annex A
// controls of the plan, in state fs. From the closing meeting on, every
// nonconformity has a follow-up; every fourth one is overdue at fdCloseAt.
func fdBig(b fdT, state State, nEvidence, nFindings int, fs FindingState) *Audit {
	a := fdAudit(b, state)
	var controls []annexa.Ref
	for c := range annexa.Controls() {
		controls = append(controls, annexa.RefToControl(c.ID()))
	}
	a.Plan.Content.Criteria = nil
	for _, c := range controls {
		a.Plan.Content.Criteria = append(a.Plan.Content.Criteria, Criterion{Ref: c})
	}
	verified := fdEvidence(b, "E", EvidenceVerified, fdEvidenceAt)
	a.Evidence = make([]Evidence, nEvidence)
	for i := range a.Evidence {
		e := verified
		e.ID = ismsaudit.EvidenceID(fmt.Sprintf("E-%d", i))
		e.History = slices.Clone(verified.History)
		a.Evidence[i] = e
	}
	findingHistory := fdFindingIn(b, fdObservation("F", fdA51), fs).History
	a.Findings = make([]Finding, nFindings)
	for i := range a.Findings {
		var f Finding
		if i%2 == 0 {
			g := Minor
			if i%4 == 0 {
				g = Major
			}
			f = fdNC(FindingID(fmt.Sprintf("F-%d", i)), g, controls[i%len(controls)], ismsaudit.EvidenceID(fmt.Sprintf("E-%d", i*nEvidence/nFindings)))
		} else {
			f = fdObservation(FindingID(fmt.Sprintf("F-%d", i)), controls[i%len(controls)])
		}
		f.State, f.History = fs, slices.Clone(findingHistory)
		a.Findings[i] = f
	}
	if stageOf(state) == stagePresented {
		a.Conclusion = fdConclusion(b, RecommendAfterVerification, ConclusionPresented)
		for i := 0; i < nFindings; i += 2 {
			u := fdFollowUp(b, a.Findings[i].ID, FollowUpAccepted)
			if i%8 != 0 {
				u.DueAt = fdCloseAt.AddDate(0, 1, 0)
			}
			a.FollowUps = append(a.FollowUps, u)
		}
	}
	return a
}

// BenchmarkFindingFire measures firing a guarded finding event alone (the
// table lookup, four guards over a small audit, the entry), the part the
// issue's "under 1 µs, at most 2 allocations" target is about.
func BenchmarkFindingFire(b *testing.B) {
	a := fdAudit(b, StateFindings)
	f := fdNC("F-1", Major, fdA815, "E-1")
	s := findingSubject{a: a, f: &f, at: fdConfirmAt, by: fdLead}
	m := fdMeta(fdConfirmAt, fdLead)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := findingMachine.Fire(s, FindingDraft, time.Time{}, FindingConfirm, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindingConfirm measures ConfirmFinding on an audit with 10,000
// evidence items and 2,000 findings: the first finding citing the first
// item (lookups cheapest) and the last nonconformity citing an item near
// the end (lookups dearest: the finding and evidence ids are found by
// scanning). Each iteration puts the finding back in draft, reusing its
// history's capacity.
func BenchmarkFindingConfirm(b *testing.B) {
	for _, bc := range []struct {
		name string
		i    int
	}{{"first", 0}, {"last", 1998}} {
		b.Run(bc.name, func(b *testing.B) {
			a := fdBig(b, StateFindings, 10000, 2000, FindingDraft)
			f := &a.Findings[bc.i]
			id := f.ID
			m := fdMeta(fdConfirmAt, fdLead)
			b.ReportAllocs()
			for b.Loop() {
				if err := a.ConfirmFinding(id, m); err != nil {
					b.Fatal(err)
				}
				f.State, f.History = FindingDraft, f.History[:0]
			}
		})
	}
}

// BenchmarkDeriveRecommendation measures the recommendation rules over
// 2,000 presented findings (1,000 nonconformities with follow-ups).
func BenchmarkDeriveRecommendation(b *testing.B) {
	a := fdBig(b, StateFollowUp, 10000, 2000, FindingPresented)
	b.ReportAllocs()
	for b.Loop() {
		if rec, _ := DeriveRecommendation(a, fdCloseAt); rec != NotRecommend {
			b.Fatalf("got %s", rec)
		}
	}
}

// BenchmarkFindingVerify measures this area's share of Verify (findings,
// conclusions, follow-ups) on a presented record with 10,000 evidence
// items and 2,000 findings, and at ten times that size. The verifier and
// its indexes (built by Verify for every area) are made once, outside the
// loop: a conforming record adds nothing to them.
func BenchmarkFindingVerify(b *testing.B) {
	for _, scale := range []int{1, 10} {
		b.Run(fmt.Sprintf("x%d", scale), func(b *testing.B) {
			a := fdBig(b, StateFollowUp, 10000*scale, 2000*scale, FindingPresented)
			v := newVerifier(a, &VerifyOptions{At: fdClosingAt})
			b.ReportAllocs()
			for b.Loop() {
				v.verifyFindings()
				v.verifyConclusion()
				v.verifyFollowUps()
				if v.ch.len() != 0 {
					b.Fatalf("%d violations: %v", v.ch.len(), v.ch.err())
				}
			}
		})
	}
}

// BenchmarkCompare measures comparing two audits of 2,000 findings each.
func BenchmarkCompare(b *testing.B) {
	prev := fdBig(b, StateFollowUp, 100, 2000, FindingPresented)
	cur := fdBig(b, StateFollowUp, 100, 2000, FindingPresented)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compare(prev, cur); err != nil {
			b.Fatal(err)
		}
	}
}
