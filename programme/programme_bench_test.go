package programme

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/annexa"
)

// largeProgramme builds a programme in its third version, implementing, with
// risks register entries (each assessed, the high ones treated and
// monitored) and audits scheduled audits.
func largeProgramme(b *testing.B, risks, audits int) *Programme {
	b.Helper()
	p := newDraft(b)
	cats := riskCategorySet.Values()
	for i := range risks {
		id := RiskID("r" + strconv.Itoa(i))
		require.NoError(b, p.AddRisk(newRisk(id, KindRisk, cats[i%len(cats)]), metaOn(1, "")))
		a := lowRating()
		if i%3 == 0 {
			a = highRating()
		}
		require.NoError(b, p.AssessRisk(id, a, metaOn(1, "")))
		if i%3 == 0 {
			require.NoError(b, p.PlanTreatment(id, newTreatment(30), metaOn(1, "")))
			require.NoError(b, p.TreatRisk(id, "done", metaOn(2, "")))
			require.NoError(b, p.MonitorRisk(id, lowRating(), metaOn(2, "")))
		}
	}
	for i := range audits {
		p.Schedule = append(p.Schedule, ScheduledAudit{ID: ScheduledAuditID("a" + strconv.Itoa(i)), Kind: annexa.Internal, Auditee: "Example Ltd",
			Clauses: []annexa.ClauseID{"9.2"}, Due: Window{Earliest: onDay(10 + i%300), Latest: onDay(40 + i%300)}, Days: 1})
	}
	day := 3
	for v := 1; v <= 3; v++ {
		require.NoError(b, p.Fire(EventApprove, metaOn(day, "")))
		require.NoError(b, p.Fire(EventImplement, metaOn(day+1, "")))
		if v == 3 {
			break
		}
		require.NoError(b, p.Fire(EventReview, metaOn(day+100, "")))
		rev := newReview(ReviewID("rev-" + strconv.Itoa(v)))
		require.NoError(b, p.RecordReview(rev, metaOn(day+101, "")))
		next, err := p.Improve(Changes{}, metaOn(day+102, ""))
		require.NoError(b, err)
		p, day = next, day+103
	}
	require.NoError(b, Verify(p))
	return p
}

func BenchmarkProgrammeNew(b *testing.B) {
	b.ReportAllocs()
	opts, m := completeOptions(), metaOn(0, "")
	for b.Loop() {
		if _, err := New(opts, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProgrammeApproveGuards evaluates every approval guard over a
// register of 200 entries.
func BenchmarkProgrammeApproveGuards(b *testing.B) {
	b.ReportAllocs()
	p := newDraft(b)
	coverRiskAreas(b, p)
	for i := range 192 {
		id := RiskID("x" + strconv.Itoa(i))
		require.NoError(b, p.AddRisk(newRisk(id, KindOpportunity, CategoryMonitoring), metaOn(1, "")))
		require.NoError(b, p.AssessRisk(id, lowRating(), metaOn(1, "")))
	}
	for b.Loop() {
		if !p.Can(EventApprove) {
			b.Fatal("cannot approve")
		}
	}
}

// BenchmarkProgrammeAssessRisk re-assesses one entry of a 200-entry
// register.
func BenchmarkProgrammeAssessRisk(b *testing.B) {
	b.ReportAllocs()
	p := newDraft(b)
	for i := range 200 {
		id := RiskID("r" + strconv.Itoa(i))
		require.NoError(b, p.AddRisk(newRisk(id, KindRisk, CategoryPlanning), metaOn(1, "")))
		require.NoError(b, p.AssessRisk(id, lowRating(), metaOn(1, "")))
	}
	a, m := highRating(), metaOn(2, "")
	for b.Loop() {
		if err := p.AssessRisk("r199", a, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProgrammeImprove improves a programme holding 1,000 scheduled
// audits, 200 register entries and two earlier versions (the copy of the
// record the new version makes included).
func BenchmarkProgrammeImprove(b *testing.B) {
	b.ReportAllocs()
	base := largeProgramme(b, 200, 1000)
	require.NoError(b, base.Fire(EventReview, metaOn(400, "")))
	require.NoError(b, base.RecordReview(newReview("rev-3"), metaOn(401, "")))
	for b.Loop() {
		b.StopTimer()
		p := deepCopy(*base)
		b.StartTimer()
		if _, err := p.Improve(Changes{}, metaOn(402, "")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProgrammeVerify verifies the programme part (verifyProgramme)
// of a programme holding 1,000 scheduled audits, 200 register entries and
// two earlier versions.
func BenchmarkProgrammeVerify(b *testing.B) {
	b.ReportAllocs()
	p := largeProgramme(b, 200, 1000)
	for b.Loop() {
		v := &verifier{p: p, col: newCollector("programme")}
		v.verifyProgramme()
		if err := v.col.Err(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProgrammeDecode decodes the same programme from JSON.
func BenchmarkProgrammeDecode(b *testing.B) {
	b.ReportAllocs()
	data, err := json.Marshal(largeProgramme(b, 200, 1000))
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}
