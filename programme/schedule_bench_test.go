package programme_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
)

// benchDecision is the first decision date of the generated cycles.
var benchDecision = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

// benchCycleOptions returns the cycle options of generated auditee i: the
// decisions spread over a year, every third one an initial cycle.
func benchCycleOptions(i int) programme.CycleOptions {
	d := benchDecision.AddDate(0, 0, i%365)
	o := programme.CycleOptions{ID: fmt.Sprintf("auditee-%04d", i), Auditee: fmt.Sprintf("auditee-%04d", i), Decision: d,
		Days: programme.CycleDays{Stage1: 2, Stage2: 6.5, Surveillance: 3, Recertification: 5.5}}
	if i%3 == 0 {
		o.Initial, o.Stage1, o.Stage2 = true, d.AddDate(0, -2, 0), d.AddDate(0, -1, 0)
	}
	return o
}

// BenchmarkPlanCycles1000 plans the certification cycles of 1,000
// auditees, records them in an implementing programme and verifies the
// schedule. Target (issue 5): under 100 ms. "at-once" records them with
// one AddCycles call, "one-by-one" with an AddCycle call each (each
// checking the cycle against every audit the programme already holds).
func BenchmarkPlanCycles1000(b *testing.B) {
	for _, mode := range []string{"at-once", "one-by-one"} {
		b.Run(mode, func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				p := exampleProgramme("cb", programme.StateImplementing)
				cycles := make([]programme.Cycle, 0, 1000)
				for i := range 1000 {
					c, err := programme.PlanCycle(benchCycleOptions(i))
					if err != nil {
						b.Fatal(err)
					}
					if mode == "one-by-one" {
						if err := p.AddCycle(c); err != nil {
							b.Fatal(err)
						}
						continue
					}
					cycles = append(cycles, c)
				}
				if err := p.AddCycles(cycles...); err != nil {
					b.Fatal(err)
				}
				if problems := scheduleProblems(p); len(problems) > 0 {
					b.Fatal(problems)
				}
			}
		})
	}
}

// BenchmarkPlanInternal1000 plans a three-year internal audit programme
// (12 audits, weighted areas) for each of 1,000 auditees.
func BenchmarkPlanInternal1000(b *testing.B) {
	soa, err := annexa.NewSoA("x", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Selected by the risk treatment plan", Status: annexa.Implemented})
	require.NoError(b, err)
	require.NoError(b, soa.Exclude("7.5", "no physical premises of our own"))
	period := programme.Window{Earliest: benchDecision, Latest: benchDecision.AddDate(3, 0, -1)}
	weights := []programme.CoverageWeight{
		{Refs: []annexa.Ref{annexa.RefToClause("6.1"), annexa.RefToClause("8.2")}, Times: 3},
		{Filter: &annexa.Filter{Themes: []annexa.Theme{annexa.Technological}}, Times: 2},
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range 1000 {
			if _, err := programme.PlanInternal(soa, programme.InternalPlanOptions{ID: fmt.Sprintf("a%04d", i), Auditee: "a", Period: period, Weights: weights}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCoverage reports on a planned three-year internal programme.
func BenchmarkCoverage(b *testing.B) {
	soa, err := annexa.NewSoA("x", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Selected by the risk treatment plan", Status: annexa.Implemented})
	require.NoError(b, err)
	period := programme.Window{Earliest: benchDecision, Latest: benchDecision.AddDate(3, 0, -1)}
	audits, err := programme.PlanInternal(soa, programme.InternalPlanOptions{Auditee: "x", Period: period})
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := programme.Coverage(audits, soa, period, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuditTime computes one audit time with identical activities
// and factors.
func BenchmarkAuditTime(b *testing.B) {
	in := programme.AuditTimeInput{Persons: 2500, Identical: []programme.IdenticalActivity{{Activity: "call centre", Persons: 900}}, Factors: []string{"high-it-complexity", "several-languages"}}
	table := programme.DefaultAuditTimeTable()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := programme.AuditTime(in, &table); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSampleSites samples 200 sites for a surveillance.
func BenchmarkSampleSites(b *testing.B) {
	sites := []programme.Site{{ID: "hq", Central: true}}
	for i := range 200 {
		sites = append(sites, programme.Site{ID: programme.SiteID(fmt.Sprintf("site-%03d", i)), HighRisk: i%50 == 0, Visits: i % 3})
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := programme.SampleSites(sites, programme.SampleOptions{Kind: annexa.Surveillance, Seed: 7}); err != nil {
			b.Fatal(err)
		}
	}
}

// benchPeople returns n competent people (one in four a leader) with
// languages and sectors spread over small vocabularies.
func benchPeople(tb testing.TB, n int) []competence.Auditor {
	langs := []string{"en", "de", "fr", "es"}
	sectors := []string{"finance", "health", "energy", "retail", "public"}
	out := make([]competence.Auditor, n)
	for i := range out {
		out[i] = person(tb, fmt.Sprintf("aud-%03d", i), i%4 == 0, func(a *competence.Auditor) {
			a.Languages = []string{langs[i%len(langs)]}
			if i%3 == 0 {
				a.Languages = append(a.Languages, "en")
				if a.Languages[0] == "en" {
					a.Languages = a.Languages[:1]
				}
			}
			a.Sectors = []string{sectors[i%len(sectors)], sectors[(i+2)%len(sectors)]}
		})
	}
	return out
}

// benchSchedule returns 1,000 audits of 1,000 auditees over three years,
// 2 to 6 auditor days each, with per-audit language and sector needs.
func benchSchedule() ([]programme.ScheduledAudit, []programme.StaffRequest) {
	langs := []string{"en", "de", "fr", "es"}
	sectors := []string{"finance", "health", "energy", "retail", "public"}
	audits := make([]programme.ScheduledAudit, 1000)
	reqs := make([]programme.StaffRequest, 1000)
	for i := range audits {
		start := benchDecision.AddDate(0, 0, (i*397)%1090)
		kind := []annexa.AuditKind{annexa.Surveillance, annexa.Stage2, annexa.Recertification, annexa.Internal}[i%4]
		audits[i] = programme.ScheduledAudit{ID: programme.ScheduledAuditID(fmt.Sprintf("audit-%04d", i)), Kind: kind, Auditee: fmt.Sprintf("auditee-%04d", i),
			Start: start, Due: programme.Window{Earliest: start, Latest: start.AddDate(0, 1, 0)}, Days: float64(2 + i%5),
			Controls: []annexa.ControlID{"5.15", "8.8"}}
		reqs[i] = programme.StaffRequest{Audit: audits[i].ID, Needs: []competence.Need{
			competence.LanguageNeed(langs[i%len(langs)]), competence.SectorNeed(sectors[i%len(sectors)]),
		}}
	}
	return audits, reqs
}

// BenchmarkStaff1000 staffs 1,000 audits from a pool of 500 auditors
// built once (NewPool excluded). Target (issue 5): under 1 s.
func BenchmarkStaff1000(b *testing.B) {
	pool := newPool(b, benchPeople(b, 500)...)
	audits, reqs := benchSchedule()
	opts := programme.StaffOptions{Needs: []competence.Need{competence.KnowledgeNeed(competence.ISO27001Requirements, competence.Working)},
		Requests: reqs, Limit: 40, Period: programme.PeriodQuarter}
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		res, err := programme.PlanStaffing(audits, pool, opts)
		if err != nil {
			b.Fatal(err)
		}
		if res.Staffed < 900 {
			b.Fatalf("only %d of 1000 audits staffed", res.Staffed)
		}
	}
}

// BenchmarkStaff1000WithPool is BenchmarkStaff1000 including NewPool over
// the 500 records.
func BenchmarkStaff1000WithPool(b *testing.B) {
	people := benchPeople(b, 500)
	scheme := testScheme()
	audits, reqs := benchSchedule()
	opts := programme.StaffOptions{Needs: []competence.Need{competence.KnowledgeNeed(competence.ISO27001Requirements, competence.Working)},
		Requests: reqs, Limit: 40, Period: programme.PeriodQuarter}
	b.ReportAllocs()
	for b.Loop() {
		pool, err := competence.NewPool(people, &scheme)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := programme.PlanStaffing(audits, pool, opts); err != nil {
			b.Fatal(err)
		}
	}
}
