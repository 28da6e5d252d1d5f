package programme_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/programme"
)

// table27006 is the audit time chart as the reference data gives it
// (ISO/IEC 27006:2015 Annex B via CAP 03-01 (R1) Table 9), typed in again
// here so that a slip in either copy shows.
var table27006 = []struct {
	min, max int
	days     float64
}{
	{1, 10, 5}, {11, 15, 6}, {16, 25, 7}, {26, 45, 8.5}, {46, 65, 10}, {66, 85, 11}, {86, 125, 12},
	{126, 175, 13}, {176, 275, 14}, {276, 425, 15}, {426, 625, 16.5}, {626, 875, 17.5}, {876, 1175, 18.5},
	{1176, 1550, 19.5}, {1551, 2025, 21}, {2026, 2675, 22}, {2676, 3450, 23}, {3451, 4350, 24},
	{4351, 5450, 25}, {5451, 6800, 26}, {6801, 8500, 27}, {8501, 10700, 28},
}

func TestAuditTimeTable(t *testing.T) {
	require.NoError(t, func() error { tb := programme.DefaultAuditTimeTable(); return tb.Validate() }())
	for _, row := range table27006 {
		for _, n := range []int{row.min, row.max} {
			r, err := programme.AuditTime(programme.AuditTimeInput{Persons: n}, nil)
			require.NoError(t, err)
			assert.Equal(t, row.days, r.Initial, "%d persons", n)
			if diff := cmp.Diff(programme.AuditTimeBand{MinPersons: row.min, MaxPersons: row.max, Days: row.days}, r.Band); diff != "" {
				t.Errorf("%d persons: band mismatch (-want +got):\n%s", n, diff)
			}
			assert.False(t, r.Extrapolated)
		}
	}
}

func TestAuditTime(t *testing.T) {
	def := programme.DefaultAuditTimeTable()
	factor := func(id string) programme.AuditTimeFactor {
		for _, f := range def.Factors {
			if f.ID == id {
				return f
			}
		}
		t.Fatalf("no factor %q", id)
		return programme.AuditTimeFactor{}
	}
	tests := []struct {
		name string
		in   programme.AuditTimeInput
		want programme.AuditTimeResult
	}{
		{"30 persons (worked example)", programme.AuditTimeInput{Persons: 30}, programme.AuditTimeResult{
			Persons: 30, Effective: 30, Band: programme.AuditTimeBand{MinPersons: 26, MaxPersons: 45, Days: 8.5},
			Initial: 8.5, Surveillance: 3, Recertification: 5.5, OnSite: programme.OnSiteDays{Initial: 7, Surveillance: 2.5, Recertification: 4.5}}},
		{"5 persons (worked example)", programme.AuditTimeInput{Persons: 5}, programme.AuditTimeResult{
			Persons: 5, Effective: 5, Band: programme.AuditTimeBand{MinPersons: 1, MaxPersons: 10, Days: 5},
			Initial: 5, Surveillance: 1.5, Recertification: 3.5, OnSite: programme.OnSiteDays{Initial: 4, Surveillance: 1.5, Recertification: 3}}},
		{"identical activities count as their square root, rounded up", programme.AuditTimeInput{Persons: 1000,
			Identical: []programme.IdenticalActivity{{Activity: "call centre", Persons: 900}, {Activity: "drivers", Persons: 50}}},
			programme.AuditTimeResult{
				// 1000 - 950 + ⌈√900⌉ + ⌈√50⌉ = 50 + 30 + 8 = 88
				Persons: 1000, Effective: 88, Band: programme.AuditTimeBand{MinPersons: 86, MaxPersons: 125, Days: 12},
				Initial: 12, Surveillance: 4, Recertification: 8, OnSite: programme.OnSiteDays{Initial: 10, Surveillance: 3.5, Recertification: 6.5}}},
		{"factors add up and round to the half day", programme.AuditTimeInput{Persons: 30, Factors: []string{"high-it-complexity", "several-languages"}},
			programme.AuditTimeResult{
				// 8.5 * 1.30 = 11.05 -> 11; 11/3 = 3.67 -> 3.5; 22/3 = 7.33 -> 7.5
				Persons: 30, Effective: 30, Band: programme.AuditTimeBand{MinPersons: 26, MaxPersons: 45, Days: 8.5},
				Factors: []programme.AuditTimeFactor{factor("high-it-complexity"), factor("several-languages")}, Adjustment: 30, Applied: 30,
				Initial: 11, Surveillance: 3.5, Recertification: 7.5, OnSite: programme.OnSiteDays{Initial: 9, Surveillance: 3, Recertification: 6}}},
		{"increases stop at the limit", programme.AuditTimeInput{Persons: 10, Factors: []string{"several-locations", "several-languages", "highly-regulated", "complex-processes", "high-it-complexity"}},
			programme.AuditTimeResult{
				// +60 % limited to +50 %: 5 * 1.5 = 7.5
				Persons: 10, Effective: 10, Band: programme.AuditTimeBand{MinPersons: 1, MaxPersons: 10, Days: 5},
				Factors:    []programme.AuditTimeFactor{factor("several-locations"), factor("several-languages"), factor("highly-regulated"), factor("complex-processes"), factor("high-it-complexity")},
				Adjustment: 60, Applied: 50, Limited: true,
				Initial: 7.5, Surveillance: 2.5, Recertification: 5, OnSite: programme.OnSiteDays{Initial: 6, Surveillance: 2, Recertification: 4}}},
		{"reductions", programme.AuditTimeInput{Persons: 100, Factors: []string{"low-business-risk", "low-it-complexity", "small-site"}},
			programme.AuditTimeResult{
				// 12 * 0.7 = 8.4 -> 8.5
				Persons: 100, Effective: 100, Band: programme.AuditTimeBand{MinPersons: 86, MaxPersons: 125, Days: 12},
				Factors: []programme.AuditTimeFactor{factor("low-business-risk"), factor("low-it-complexity"), factor("small-site")}, Adjustment: -30, Applied: -30,
				Initial: 8.5, Surveillance: 3, Recertification: 5.5, OnSite: programme.OnSiteDays{Initial: 7, Surveillance: 2.5, Recertification: 4.5}}},
		{"beyond the table: first extrapolated band", programme.AuditTimeInput{Persons: 10701}, programme.AuditTimeResult{
			Persons: 10701, Effective: 10701, Band: programme.AuditTimeBand{MinPersons: 10701, MaxPersons: 13375, Days: 29}, Extrapolated: true,
			Initial: 29, Surveillance: 9.5, Recertification: 19.5, OnSite: programme.OnSiteDays{Initial: 23.5, Surveillance: 8, Recertification: 16}}},
		{"beyond the table: second extrapolated band", programme.AuditTimeInput{Persons: 13376}, programme.AuditTimeResult{
			Persons: 13376, Effective: 13376, Band: programme.AuditTimeBand{MinPersons: 13376, MaxPersons: 16719, Days: 30}, Extrapolated: true,
			Initial: 30, Surveillance: 10, Recertification: 20, OnSite: programme.OnSiteDays{Initial: 24, Surveillance: 8, Recertification: 16}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := programme.AuditTime(tt.in, nil)
			require.NoError(t, err)
			tt.want.Source = def.Source
			if diff := cmp.Diff(tt.want, got, equateEmpty, cmpopts.IgnoreFields(programme.AuditTimeResult{}, "Steps")); diff != "" {
				t.Errorf("AuditTime mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAuditTimeSteps(t *testing.T) {
	in := programme.AuditTimeInput{Persons: 1000, Identical: []programme.IdenticalActivity{{Activity: "call centre", Persons: 900}, {Activity: "drivers", Persons: 50}},
		Factors: []string{"high-it-complexity", "low-it-complexity"}}
	r, err := programme.AuditTime(in, nil)
	require.NoError(t, err)
	want := []programme.AuditTimeStep{
		{Rule: programme.RuleTimeEffectivePersons, Detail: "1000 persons, 950 of them in identical activities: 50 + 30 (call centre, √900 rounded up) + 8 (drivers, √50 rounded up) = 88 effective persons"},
		{Rule: programme.RuleTimeTable, Detail: "88 persons, band 86-125 persons: 12 days for stage 1 and stage 2"},
		{Rule: programme.RuleTimeAdjustLimit, Detail: "+20 (high-it-complexity) -10 (low-it-complexity) = +10 %"},
		{Rule: programme.RuleTimeHalfDay, Detail: "initial audit time 13.2 days, to the nearest half day: 13"},
		{Rule: programme.RuleTimeSurveillance, Detail: "0.333 of 13 = 4.333: 4.5 days of surveillance per year"},
		{Rule: programme.RuleTimeRecertification, Detail: "0.667 of 13 = 8.667: 8.5 days of recertification"},
		{Rule: programme.RuleTimeOnSite, Detail: "at least 80 % on site, rounded up to the half day: 10.5, 4 and 7 days"},
	}
	if diff := cmp.Diff(want, r.Steps); diff != "" {
		t.Errorf("steps mismatch (-want +got):\n%s", diff)
	}
	beyond, err := programme.AuditTime(programme.AuditTimeInput{Persons: 20000}, nil)
	require.NoError(t, err)
	assert.Equal(t, programme.RuleTimeBeyondTable, beyond.Steps[0].Rule)
	assert.Equal(t, "20000 persons, beyond the table: extrapolated band 16720-20899 persons: 31 days for stage 1 and stage 2", beyond.Steps[0].Detail)
	for _, st := range append(r.Steps, beyond.Steps...) {
		_, ok := programme.LookupRule(st.Rule)
		assert.True(t, ok, st.Rule)
	}
}

func TestAuditTimeErrors(t *testing.T) {
	refusing := programme.DefaultAuditTimeTable()
	refusing.BeyondRatio = 0
	broken := programme.DefaultAuditTimeTable()
	broken.Bands = append(broken.Bands[:1:1], programme.AuditTimeBand{MinPersons: 12, MaxPersons: 11, Days: 4})
	broken.Factors = append(broken.Factors, programme.AuditTimeFactor{ID: "small-site", Percent: 0})
	broken.MaxReduction, broken.SurveillanceShare, broken.OnSiteShare, broken.BeyondRatio = 100, 0, math.NaN(), 1.01
	tests := []struct {
		name  string
		in    programme.AuditTimeInput
		table *programme.AuditTimeTable
		want  [][2]string
	}{
		{"no persons", programme.AuditTimeInput{}, nil, [][2]string{{"Persons", "gte"}}},
		{"negative persons", programme.AuditTimeInput{Persons: -3}, nil, [][2]string{{"Persons", "gte"}}},
		{"too many persons", programme.AuditTimeInput{Persons: 2_000_000_000}, nil, [][2]string{{"Persons", "lte"}}},
		{"groups larger than the head count", programme.AuditTimeInput{Persons: 10, Identical: []programme.IdenticalActivity{{Activity: "a", Persons: 6}, {Activity: "b", Persons: 6}}}, nil,
			[][2]string{{"Identical", string(programme.RuleTimeEffectivePersons)}}},
		{"bad groups", programme.AuditTimeInput{Persons: 10, Identical: []programme.IdenticalActivity{{Activity: "", Persons: 0}, {Activity: "a", Persons: 1}, {Activity: "a", Persons: 1}}}, nil,
			[][2]string{{"Identical[0].Activity", "required"}, {"Identical[0].Persons", "range"}, {"Identical[2].Activity", "unique"}}},
		{"unknown and repeated factors", programme.AuditTimeInput{Persons: 10, Factors: []string{"gold-plating", "small-site", "small-site"}}, nil,
			[][2]string{{"Factors[0]", "unknown"}, {"Factors[2]", "unique"}}},
		{"beyond a table that does not extrapolate", programme.AuditTimeInput{Persons: 10701}, &refusing,
			[][2]string{{"Persons", string(programme.RuleTimeBeyondTable)}}},
		{"a broken table", programme.AuditTimeInput{Persons: 10}, &broken,
			[][2]string{{"Table.Bands[1].MinPersons", "contiguous"}, {"Table.Bands[1].MaxPersons", "gte"}, {"Table.Bands[1].Days", "order"},
				{"Table.Factors[9].ID", "unique"}, {"Table.Factors[9].Text", "required"}, {"Table.Factors[9].Source", "required"}, {"Table.Factors[9].Percent", "range"},
				{"Table.MaxReduction", "range"}, {"Table.SurveillanceShare", "range"}, {"Table.OnSiteShare", "range"}, {"Table.BeyondRatio", "range"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := programme.AuditTime(tt.in, tt.table)
			assertHas(t, validationError(t, err), tt.want...)
		})
	}
}

func TestAuditTimeCycleDays(t *testing.T) {
	r, err := programme.AuditTime(programme.AuditTimeInput{Persons: 30}, nil)
	require.NoError(t, err)
	tests := []struct {
		stage1 float64
		want   programme.CycleDays
	}{
		{2.5, programme.CycleDays{Stage1: 2.5, Stage2: 6, Surveillance: 3, Recertification: 5.5}},
		{-1, programme.CycleDays{Stage1: 0, Stage2: 8.5, Surveillance: 3, Recertification: 5.5}},
		{20, programme.CycleDays{Stage1: 8.5, Stage2: 0, Surveillance: 3, Recertification: 5.5}},
		{math.NaN(), programme.CycleDays{Stage1: 0, Stage2: 8.5, Surveillance: 3, Recertification: 5.5}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, r.CycleDays(tt.stage1)); diff != "" {
			t.Errorf("stage 1 of %v days: mismatch (-want +got):\n%s", tt.stage1, diff)
		}
	}
}

func TestDecodeAuditTimeTable(t *testing.T) {
	def := programme.DefaultAuditTimeTable()
	data, err := json.Marshal(def)
	require.NoError(t, err)
	got, err := programme.DecodeAuditTimeTable(data)
	require.NoError(t, err)
	if diff := cmp.Diff(def, got); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
	for _, bad := range []struct {
		name, json string
		want       [2]string
	}{
		{"syntax", `{"bands": [`, [2]string{"", "json-syntax"}},
		{"unknown field", `{"bands": [], "colour": "red"}`, [2]string{"", "unknown-field"}},
		{"wrong type", `{"bands": [{"minPersons": "one"}]}`, [2]string{"Bands[0].MinPersons", "json-type"}},
		{"invalid values", `{"bands": [{"minPersons": 2, "maxPersons": 5, "days": 3}], "surveillanceShare": 0.3, "recertificationShare": 0.6}`, [2]string{"Bands[0].MinPersons", "contiguous"}},
	} {
		t.Run(bad.name, func(t *testing.T) {
			_, err := programme.DecodeAuditTimeTable([]byte(bad.json))
			ve := validationError(t, err)
			assert.True(t, ve.Has(bad.want[0], ismsaudit.RuleID(bad.want[1])), "want %v in %v", bad.want, ve.Fields)
		})
	}
}

// TestAuditTimeProperties checks that audit time never falls as the head
// count grows, that surveillance and recertification stay below the
// initial time, and that every figure is a whole number of half days.
func TestAuditTimeProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.IntRange(1, 2_000_000).Draw(t, "persons")
		b := a + rapid.IntRange(0, 100_000).Draw(t, "more")
		ra, err := programme.AuditTime(programme.AuditTimeInput{Persons: a}, nil)
		require.NoError(t, err)
		rb, err := programme.AuditTime(programme.AuditTimeInput{Persons: b}, nil)
		require.NoError(t, err)
		require.LessOrEqual(t, ra.Initial, rb.Initial)
		for _, v := range []float64{ra.Initial, ra.Surveillance, ra.Recertification, ra.OnSite.Initial, ra.OnSite.Surveillance, ra.OnSite.Recertification} {
			require.Equal(t, math.Trunc(v*2), v*2, "%v is not a whole number of half days", v)
		}
		require.Less(t, ra.Surveillance, ra.Initial)
		require.Less(t, ra.Recertification, ra.Initial)
		require.GreaterOrEqual(t, ra.OnSite.Initial, 0.8*ra.Initial)
		require.Equal(t, ra.Extrapolated, a > 10700)
		// Identical groups never raise the time.
		g := rapid.IntRange(1, a).Draw(t, "identical")
		rg, err := programme.AuditTime(programme.AuditTimeInput{Persons: a, Identical: []programme.IdenticalActivity{{Activity: "same", Persons: g}}}, nil)
		require.NoError(t, err)
		require.LessOrEqual(t, rg.Initial, ra.Initial)
	})
}

// FuzzDecodeAuditTimeTable checks that decoding never panics, and that a
// table that decodes encodes and decodes again to the same table.
func FuzzDecodeAuditTimeTable(f *testing.F) {
	def, err := json.Marshal(programme.DefaultAuditTimeTable())
	require.NoError(f, err)
	f.Add(def)
	f.Add([]byte(`{"bands":[{"minPersons":1,"maxPersons":10,"days":5}],"surveillanceShare":0.3,"recertificationShare":0.6,"onSiteShare":0.8}`))
	f.Add([]byte(`{"bands":[{"minPersons":1,"maxPersons":10,"days":5}],"beyondRatio":1.05,"surveillanceShare":1,"recertificationShare":1}`))
	f.Add([]byte(`{"bands":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		table, err := programme.DecodeAuditTimeTable(data)
		if err != nil {
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			return
		}
		again, err := json.Marshal(table)
		require.NoError(t, err)
		back, err := programme.DecodeAuditTimeTable(again)
		require.NoError(t, err)
		if diff := cmp.Diff(table, back, equateEmpty); diff != "" {
			t.Fatalf("round trip mismatch (-first +second):\n%s", diff)
		}
		// A valid table computes for any head count it covers.
		last := table.Bands[len(table.Bands)-1].MaxPersons
		if _, err := programme.AuditTime(programme.AuditTimeInput{Persons: last}, &table); err != nil {
			t.Fatalf("AuditTime on a valid table: %v", err)
		}
	})
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

func TestRoundHalfDay(t *testing.T) {
	tests := []struct{ in, round, ceil float64 }{
		{5.3, 5.5, 5.5}, // IAF MD 5 2.2.3: 5.3 -> 5.5
		{5.2, 5, 5.5},   // 5.2 -> 5.0
		{5.25, 5.5, 5.5},
		{5.75, 6, 6},
		{8.5 / 3, 3, 3},
		{8.5 * 2 / 3, 5.5, 6},
		{7.5 * (1.0 / 3), 2.5, 2.5}, // floating-point noise does not push 2.5 down
		{0.8 * 7.5, 6, 6},
		{0.1, 0, 0.5},
		{0, 0, 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.round, programme.RoundHalfDay(tt.in), "programme.RoundHalfDay(%v)", tt.in)
		assert.Equal(t, tt.ceil, programme.CeilHalfDay(tt.in), "programme.CeilHalfDay(%v)", tt.in)
	}
}

func TestIsqrtCeil(t *testing.T) {
	for n := 1; n <= 20000; n++ {
		want := int(math.Ceil(math.Sqrt(float64(n))))
		if got := programme.IsqrtCeil(n); got != want {
			t.Fatalf("programme.IsqrtCeil(%d) = %d, want %d", n, got, want)
		}
	}
	assert.Equal(t, 31623, programme.IsqrtCeil(1_000_000_000))
}
