package programme_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/programme"
)

// coveragePeriod is a three-year programme period, 2026 to 2028.
var coveragePeriod = window(date(2026, 1, 1), date(2028, 12, 31))

// acmeSoA returns an SoA with every control implemented but 7.5 and 8.30.
func acmeSoA(tb testing.TB) *annexa.SoA {
	tb.Helper()
	soa, err := annexa.NewSoA("acme", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Selected by the risk treatment plan", Status: annexa.Implemented})
	require.NoError(tb, err)
	require.NoError(tb, soa.Exclude("7.5", "no premises of our own"))
	require.NoError(tb, soa.Exclude("8.30", "no outsourced development"))
	return soa
}

// riskWeights raises clause 6.1 and 8.2 (risk) to three audits and the
// technological controls to two.
func riskWeights() []programme.CoverageWeight {
	return []programme.CoverageWeight{
		{Refs: []annexa.Ref{annexa.RefToClause("6.1"), annexa.RefToClause("8.2")}, Times: 3, Reason: "risk assessment drives the ISMS"},
		{Filter: &annexa.Filter{Themes: []annexa.Theme{annexa.Technological}}, Times: 2, Reason: "high risk in the 2025 assessment"},
		{Refs: []annexa.Ref{annexa.RefToControl("8.8")}, Times: 2},
	}
}

func TestPlanInternal(t *testing.T) {
	soa := acmeSoA(t)
	audits, err := programme.PlanInternal(soa, programme.InternalPlanOptions{Auditee: "acme", Period: coveragePeriod, Weights: riskWeights()})
	require.NoError(t, err)
	require.Len(t, audits, 12, "one audit per 91 days of a 1096-day period")

	t.Run("windows partition the period", func(t *testing.T) {
		assert.Equal(t, coveragePeriod.Earliest, audits[0].Due.Earliest)
		assert.Equal(t, coveragePeriod.Latest, audits[len(audits)-1].Due.Latest)
		for i, a := range audits {
			assert.Equal(t, programme.ScheduledAuditID(fmt.Sprintf("acme-internal-%02d", i+1)), a.ID)
			assert.Equal(t, annexa.Internal, a.Kind)
			assert.False(t, a.Due.Latest.Before(a.Due.Earliest))
			if i > 0 {
				assert.Equal(t, audits[i-1].Due.Latest.AddDate(0, 0, 1), a.Due.Earliest, "audit %d starts the day after the previous window", i)
			}
		}
	})

	t.Run("every item as often as required, in distinct audits, in catalogue order", func(t *testing.T) {
		report, err := programme.Coverage(audits, soa, coveragePeriod, riskWeights())
		require.NoError(t, err)
		assert.True(t, report.Complete(), "gaps: %v", report.Gaps)
		assert.Empty(t, report.Outside)
		assert.Len(t, report.Items, 30+91)
		for _, it := range report.Items {
			assert.Equal(t, it.Required, it.Planned, "%s", it.Ref)
			assert.Len(t, it.Audits, it.Planned)
		}
		want := map[string]int{"clause 6.1.1": 3, "clause 6.1.3": 3, "clause 8.2": 3, "clause 9.2.1": 1, "A.8.8": 2, "A.8.1": 2, "A.5.1": 1}
		for _, it := range report.Items {
			if n, ok := want[it.Ref.String()]; ok {
				assert.Equal(t, n, it.Required, "%s", it.Ref)
			}
			assert.NotEqual(t, "A.7.5", it.Ref.String(), "excluded controls are not items")
		}
		for _, a := range audits {
			assert.True(t, slices.IsSortedFunc(a.Clauses, annexa.ClauseID.Compare))
			assert.True(t, slices.IsSortedFunc(a.Controls, annexa.ControlID.Compare))
		}
	})

	t.Run("weighted items spread evenly", func(t *testing.T) {
		var at []int
		for i, a := range audits {
			if slices.Contains(a.Clauses, "6.1.2") {
				at = append(at, i)
			}
		}
		assert.Equal(t, []int{1, 5, 9}, at, "three audits, four apart")
	})

	t.Run("deterministic", func(t *testing.T) {
		again, err := programme.PlanInternal(soa, programme.InternalPlanOptions{Auditee: "acme", Period: coveragePeriod, Weights: riskWeights()})
		require.NoError(t, err)
		if diff := cmp.Diff(audits, again); diff != "" {
			t.Errorf("second plan mismatch (-first +second):\n%s", diff)
		}
	})

	t.Run("the plan goes into a programme", func(t *testing.T) {
		p := programmeInState(t, "p", programme.StateDraft)
		require.NoError(t, p.ScheduleAudits(audits...))
		verifyClean(t, p)
	})
}

func TestPlanInternalErrors(t *testing.T) {
	soa := acmeSoA(t)
	tests := []struct {
		name string
		soa  *annexa.SoA
		opts programme.InternalPlanOptions
		want [][2]string
	}{
		{"no SoA, auditee or period", nil, programme.InternalPlanOptions{Audits: 3},
			[][2]string{{"Auditee", "required"}, {"Period.Earliest", "required"}, {"Period.Latest", "required"}, {"SoA", "required"}}},
		{"an invalid SoA", &annexa.SoA{}, programme.InternalPlanOptions{Auditee: "acme", Period: coveragePeriod, Audits: 3},
			[][2]string{{"SoA.Decisions", string(annexa.RuleSoAComplete)}}},
		{"a weight and no period to count audits in", soa, programme.InternalPlanOptions{Auditee: "acme",
			Weights: []programme.CoverageWeight{{Refs: []annexa.Ref{annexa.RefToClause("9.2")}, Times: 2}}},
			[][2]string{{"Period.Earliest", "required"}, {"Period.Latest", "required"}}},
		{"one audit more than items", soa, programme.InternalPlanOptions{Auditee: "acme", Period: coveragePeriod, Audits: acmeItems + 1},
			[][2]string{{"Audits", "lte"}}},
		{"a period in the wrong order", soa, programme.InternalPlanOptions{Auditee: "acme", Period: window(coveragePeriod.Latest, coveragePeriod.Earliest)},
			[][2]string{{"Period.Latest", "window-order"}}},
		{"more audits than days", soa, programme.InternalPlanOptions{Auditee: "acme", Period: window(date(2026, 1, 1), date(2026, 1, 10)), Audits: 11},
			[][2]string{{"Audits", "lte"}}},
		{"more audits than items", soa, programme.InternalPlanOptions{Auditee: "acme", Period: coveragePeriod, Audits: 200},
			[][2]string{{"Audits", "lte"}}},
		{"negative audits", soa, programme.InternalPlanOptions{Auditee: "acme", Period: coveragePeriod, Audits: -1},
			[][2]string{{"Audits", "gte"}}},
		{"a weight above the number of audits", soa, programme.InternalPlanOptions{Auditee: "acme", Period: coveragePeriod, Audits: 4,
			Weights: []programme.CoverageWeight{{Refs: []annexa.Ref{annexa.RefToClause("9.2")}, Times: 5}}},
			[][2]string{{"Weights[0].Times", string(programme.RuleCoverRiskWeight)}}},
		{"bad weights", soa, programme.InternalPlanOptions{Auditee: "acme", Period: coveragePeriod, Weights: []programme.CoverageWeight{
			{Times: 0},
			{Refs: []annexa.Ref{{Kind: annexa.ClauseRef, ID: "11"}, {Kind: annexa.ControlRef, ID: "5.99"}, annexa.RefToControl("7.5"), annexa.RefToDocument("policy"), {ID: "x"}}, Times: 2},
			{Filter: &annexa.Filter{Themes: []annexa.Theme{"spiritual"}}, Times: 2},
		}}, [][2]string{
			{"Weights[0].Times", "gte"}, {"Weights[0]", "required"},
			{"Weights[1].Refs[0].ID", "unknown"}, {"Weights[1].Refs[1].ID", "unknown"}, {"Weights[1].Refs[2]", string(programme.RuleCoverControls)},
			{"Weights[1].Refs[3].Kind", "enum"}, {"Weights[1].Refs[4].Kind", "required"},
			{"Weights[2].Filter.Themes[0]", "enum"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := programme.PlanInternal(tt.soa, tt.opts)
			ve := validationError(t, err)
			if tt.name == "an invalid SoA" {
				ve.Fields = ve.Fields[len(ve.Fields)-1:] // one missing control is enough to pin
			}
			assertExactly(t, ve, tt.want...)
		})
	}
}

// acmeItems is what acmeSoA gives an internal programme to cover: the 30
// requirement clauses and the 91 applicable controls.
const acmeItems = 30 + 91

// TestPlanInternalBoundaries checks the largest numbers of audits
// PlanInternal accepts: one a day, and one per item to cover.
func TestPlanInternalBoundaries(t *testing.T) {
	soa := acmeSoA(t)
	plan, err := programme.PlanInternal(soa, programme.InternalPlanOptions{Auditee: "acme", Period: window(date(2026, 1, 1), date(2026, 1, 10)), Audits: 10})
	require.NoError(t, err, "one audit a day")
	assert.Len(t, plan, 10)
	plan, err = programme.PlanInternal(soa, programme.InternalPlanOptions{Auditee: "acme", Period: coveragePeriod, Audits: acmeItems})
	require.NoError(t, err, "one audit per item")
	assert.Len(t, plan, acmeItems)
}

// TestPlanInternalBalance checks that with the risk weights no audit
// carries more than an equal share of all item audits, rounded up, for
// a few numbers of audits.
func TestPlanInternalBalance(t *testing.T) {
	soa := acmeSoA(t)
	const total = acmeItems + 4*2 + 33 // 6.1.1-6.1.3 and 8.2 thrice, the 33 applicable technological controls twice
	for _, n := range []int{3, 5, 12} {
		plan, err := programme.PlanInternal(soa, programme.InternalPlanOptions{Auditee: "acme", Period: coveragePeriod, Audits: n, Weights: riskWeights()})
		require.NoError(t, err)
		sum := 0
		for _, a := range plan {
			load := len(a.Clauses) + len(a.Controls)
			sum += load
			assert.LessOrEqual(t, load, (total+n-1)/n, "%d audits: %s", n, a.ID)
		}
		assert.Equal(t, total, sum, "%d audits", n)
	}
	// Where the weighted items go decides the rest: each is put in the
	// phase whose audits carry least, then least in sum.
	plan, err := programme.PlanInternal(soa, programme.InternalPlanOptions{Auditee: "acme", Period: coveragePeriod, Audits: 10, Weights: riskWeights()})
	require.NoError(t, err)
	var loads []int
	for _, a := range plan {
		loads = append(loads, len(a.Clauses)+len(a.Controls))
	}
	assert.Equal(t, []int{17, 17, 17, 17, 17, 17, 17, 17, 16, 10}, loads)
}

// TestPlanInternalDuePeriods checks that the audits' due windows cut the
// period into whole days, one after another, the last ending when the
// period does, also when the period's ends carry a time of day.
func TestPlanInternalDuePeriods(t *testing.T) {
	period := window(time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC), time.Date(2026, 1, 10, 17, 30, 0, 0, time.UTC))
	plan, err := programme.PlanInternal(acmeSoA(t), programme.InternalPlanOptions{Auditee: "acme", Period: period, Audits: 3})
	require.NoError(t, err)
	var got []programme.Window
	for _, a := range plan {
		got = append(got, a.Due)
	}
	at := func(day, hour, minute int) time.Time { return time.Date(2026, 1, day, hour, minute, 0, 0, time.UTC) }
	want := []programme.Window{
		window(at(1, 9, 0), at(3, 9, 0)),
		window(at(4, 9, 0), at(6, 9, 0)),
		window(at(7, 9, 0), at(10, 17, 30)),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("due windows mismatch (-want +got):\n%s", diff)
	}
}

// TestPlanInternalListsAreExact checks that each planned audit's clause
// and control lists are allocated once at their final size, and left nil
// when the audit has none: a plan of many audits costs no spare memory.
func TestPlanInternalListsAreExact(t *testing.T) {
	soa := acmeSoA(t)
	for _, n := range []int{0, 5, acmeItems} {
		plan, err := programme.PlanInternal(soa, programme.InternalPlanOptions{Auditee: "acme", Period: coveragePeriod, Audits: n, Weights: riskWeights()})
		require.NoError(t, err)
		var none, both int
		for _, a := range plan {
			assert.Equal(t, len(a.Clauses), cap(a.Clauses), "%s clauses", a.ID)
			assert.Equal(t, len(a.Controls), cap(a.Controls), "%s controls", a.ID)
			assert.Equal(t, len(a.Clauses) == 0, a.Clauses == nil, "%s: no clauses is nil", a.ID)
			assert.Equal(t, len(a.Controls) == 0, a.Controls == nil, "%s: no controls is nil", a.ID)
			if len(a.Clauses) == 0 || len(a.Controls) == 0 {
				none++
			} else {
				both++
			}
		}
		if n == acmeItems {
			assert.Positive(t, none, "some audits of one item each lack clauses or controls")
		} else {
			assert.Positive(t, both, "audits of several items have both")
		}
	}
}

func TestCoverageGaps(t *testing.T) {
	soa := acmeSoA(t)
	weights := []programme.CoverageWeight{{Refs: []annexa.Ref{annexa.RefToControl("8.8")}, Times: 2}}
	audits, err := programme.PlanInternal(soa, programme.InternalPlanOptions{Auditee: "acme", Period: coveragePeriod, Audits: 4, Weights: weights})
	require.NoError(t, err)
	// Drop clause 9.3.2 and control 5.7 everywhere and one audit of 8.8.
	dropped := 0
	for i := range audits {
		a := &audits[i]
		a.Clauses = slices.DeleteFunc(a.Clauses, func(c annexa.ClauseID) bool { return c == "9.3.2" })
		a.Controls = slices.DeleteFunc(a.Controls, func(c annexa.ControlID) bool {
			if c == "8.8" && dropped == 0 {
				dropped++
				return true
			}
			return c == "5.7"
		})
	}
	// An internal audit outside the period and a certification audit do
	// not count; a heading clause counts for its requirements.
	audits = append(audits,
		programme.ScheduledAudit{ID: "late", Kind: annexa.Internal, Auditee: "acme", Controls: []annexa.ControlID{"5.7"}, Due: window(date(2029, 1, 1), date(2029, 2, 1))},
		programme.ScheduledAudit{ID: "cb", Kind: annexa.Stage2, Auditee: "acme", Controls: []annexa.ControlID{"5.7"}, Due: window(date(2027, 1, 1), date(2027, 2, 1))},
		programme.ScheduledAudit{ID: "extra", Kind: annexa.Internal, Auditee: "acme", Clauses: []annexa.ClauseID{"9.2"}, Controls: []annexa.ControlID{"7.5"}, Start: date(2027, 5, 5)},
	)
	report, err := programme.Coverage(audits, soa, coveragePeriod, weights)
	require.NoError(t, err)
	t.Run("an audit reaching out of the period, or with no date, does not count", func(t *testing.T) {
		outside := append(slices.Clone(audits),
			programme.ScheduledAudit{ID: "starts-before", Kind: annexa.Internal, Auditee: "acme", Controls: []annexa.ControlID{"5.7"}, Due: window(date(2025, 12, 1), date(2026, 1, 15))},
			programme.ScheduledAudit{ID: "ends-after", Kind: annexa.Internal, Auditee: "acme", Controls: []annexa.ControlID{"5.7"}, Due: window(date(2028, 12, 1), date(2029, 1, 15))},
			programme.ScheduledAudit{ID: "undated", Kind: annexa.Internal, Auditee: "acme", Controls: []annexa.ControlID{"5.7"}},
			programme.ScheduledAudit{ID: "open-ended", Kind: annexa.Internal, Auditee: "acme", Controls: []annexa.ControlID{"5.7"}, Due: programme.Window{Earliest: date(2027, 1, 1)}},
		)
		r, err := programme.Coverage(outside, soa, coveragePeriod, weights)
		require.NoError(t, err)
		assert.Equal(t, []programme.ScheduledAuditID{"late", "starts-before", "ends-after", "undated", "open-ended"}, r.Outside)
		if diff := cmp.Diff(report.Gaps, r.Gaps); diff != "" {
			t.Errorf("gaps changed (-without +with):\n%s", diff)
		}
	})
	want := []programme.CoverageGap{
		{Ref: annexa.RefToClause("9.3.2"), Rule: programme.RuleCoverRequirements, Required: 1, Planned: 0, Missing: 1},
		{Ref: annexa.RefToControl("5.7"), Rule: programme.RuleCoverControls, Required: 1, Planned: 0, Missing: 1},
		{Ref: annexa.RefToControl("8.8"), Rule: programme.RuleCoverRiskWeight, Required: 2, Planned: 1, Missing: 1},
	}
	if diff := cmp.Diff(want, report.Gaps); diff != "" {
		t.Errorf("gaps mismatch (-want +got):\n%s", diff)
	}
	assert.False(t, report.Complete())
	assert.Equal(t, []programme.ScheduledAuditID{"late"}, report.Outside)
	for _, it := range report.Items {
		if it.Ref == annexa.RefToClause("9.2.1") || it.Ref == annexa.RefToClause("9.2.2") {
			assert.Equal(t, 2, it.Planned, "%s: its planned audit and the heading 9.2", it.Ref)
			assert.Equal(t, programme.ScheduledAuditID("extra"), it.Audits[1])
		}
	}

	t.Run("bad input", func(t *testing.T) {
		bad := append(slices.Clone(audits), programme.ScheduledAudit{ID: "x", Kind: annexa.Internal, Auditee: "acme", Clauses: []annexa.ClauseID{"12.1"}})
		_, err := programme.Coverage(bad, nil, programme.Window{}, nil)
		assertHas(t, validationError(t, err), [2]string{"SoA", "required"}, [2]string{"Period.Earliest", "required"}, [2]string{"Schedule[7].Clauses[0]", "unknown"})
	})
}

// TestPlanInternalProperties checks, for random SoAs, weights, periods
// and audit counts, that the plan covers every item exactly as often as
// required, in distinct audits, within the period.
func TestPlanInternalProperties(t *testing.T) {
	var controls []annexa.ControlID
	for c := range annexa.Controls() {
		controls = append(controls, c.ID())
	}
	var clauses []annexa.ClauseID
	for c := range annexa.Clauses() {
		clauses = append(clauses, c.ID())
	}
	rapid.Check(t, func(t *rapid.T) {
		soa, err := annexa.NewSoA("x", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Selected by the risk treatment plan", Status: annexa.Implemented})
		require.NoError(t, err)
		for _, i := range rapid.SliceOfNDistinct(rapid.IntRange(0, len(controls)-1), 0, 40, rapid.ID[int]).Draw(t, "excluded") {
			require.NoError(t, soa.Exclude(controls[i], "not needed"))
		}
		start := date(rapid.IntRange(2000, 2090).Draw(t, "year"), 1, 1).AddDate(0, 0, rapid.IntRange(0, 364).Draw(t, "offset"))
		period := window(start, start.AddDate(0, 0, rapid.IntRange(30, 2000).Draw(t, "days")))
		n := rapid.IntRange(1, 30).Draw(t, "audits")
		var weights []programme.CoverageWeight
		for range rapid.IntRange(0, 4).Draw(t, "weights") {
			w := programme.CoverageWeight{Times: rapid.IntRange(1, n).Draw(t, "times")}
			if rapid.Bool().Draw(t, "byClause") {
				w.Refs = append(w.Refs, annexa.RefToClause(rapid.SampledFrom(clauses).Draw(t, "clause")))
			} else {
				w.Filter = &annexa.Filter{Themes: []annexa.Theme{rapid.SampledFrom([]annexa.Theme{annexa.Organizational, annexa.People, annexa.Physical, annexa.Technological}).Draw(t, "theme")}}
			}
			weights = append(weights, w)
		}
		audits, err := programme.PlanInternal(soa, programme.InternalPlanOptions{Auditee: "x", Period: period, Audits: n, Weights: weights})
		require.NoError(t, err)
		require.Len(t, audits, n)
		report, err := programme.Coverage(audits, soa, period, weights)
		require.NoError(t, err)
		require.True(t, report.Complete(), "gaps: %v", report.Gaps)
		require.Empty(t, report.Outside)
		for _, it := range report.Items {
			require.Equal(t, it.Required, it.Planned, "%s", it.Ref)
			seen := map[string]bool{}
			for _, id := range it.Audits {
				require.False(t, seen[string(id)], "%s audited twice by %s", it.Ref, id)
				seen[string(id)] = true
			}
		}
	})
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
