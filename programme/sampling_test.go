package programme_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/rng"
	"github.com/ismsaudit/ismsaudit/programme"
)

// numberedSites returns a central function "hq" and n sites "s00", "s01", ...
func numberedSites(n int) []programme.Site {
	out := []programme.Site{{ID: "hq", Central: true}}
	for i := range n {
		out = append(out, programme.Site{ID: programme.SiteID(fmt.Sprintf("s%02d", i))})
	}
	return out
}

func TestSampleSitesSize(t *testing.T) {
	tests := []struct {
		sites                      int
		initial, surv, recert, all int
	}{
		{26, 6, 4, 5, 26}, // EA FAQ 42.6: 26 sites -> 6
		{2, 2, 1, 2, 2},   // EA FAQ 46.5: surveillance 1, recertification 2
		{1, 1, 1, 1, 1},
		{25, 5, 3, 4, 25}, // exact roots stay: 0.6*5 = 3
		{100, 10, 6, 8, 100},
	}
	for _, tt := range tests {
		for kind, want := range map[annexa.AuditKind]int{annexa.Stage1: tt.initial, annexa.Stage2: tt.initial, annexa.Surveillance: tt.surv, annexa.Recertification: tt.recert} {
			t.Run(fmt.Sprintf("%d sites %s", tt.sites, kind), func(t *testing.T) {
				s, err := programme.SampleSites(numberedSites(tt.sites), programme.SampleOptions{Kind: kind, Seed: 9})
				require.NoError(t, err)
				assert.Equal(t, tt.sites, s.Sites)
				assert.Equal(t, want, s.Size)
				assert.Len(t, s.Sampled, want+1, "the sample and the central function")
				if want == tt.sites {
					assert.Zero(t, s.Random, "the whole population is no random draw")
				} else {
					assert.Equal(t, int(math.Ceil(0.25*float64(want))), s.Random)
				}
			})
		}
	}
}

func TestSampleSitesExplained(t *testing.T) {
	sites := []programme.Site{
		{ID: "f", Visits: 1, LastVisit: date(2025, 11, 1)},
		{ID: "hq", Central: true},
		{ID: "a", Visits: 1, LastVisit: date(2026, 3, 1)},
		{ID: "b"},
		{ID: "c", HighRisk: true},
		{ID: "d", Visits: 2, LastVisit: date(2026, 9, 1)},
		{ID: "e"},
	}
	// x = 6 sites besides the central function: y = ⌈√6⌉ = 3, drawn from
	// the five that are not high risk, ⌈3/4⌉ = 1 of them at random.
	pool := []programme.SiteID{"a", "b", "d", "e", "f"}
	for _, seed := range []uint64{1, 3, 12} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			drawn := pool[rng.New(seed).Sample(len(pool), 1)[0]]
			// Rotation: least visited, then longest ago, then id:
			// b, e (never), f (once, 2025), a (once, 2026), d (twice).
			var rotation []programme.SiteID
			for _, id := range []programme.SiteID{"b", "e", "f", "a", "d"} {
				if id != drawn && len(rotation) < 2 {
					rotation = append(rotation, id)
				}
			}
			want := programme.SiteSample{Kind: annexa.Stage2, Seed: seed, Sites: 6, Factor: 1, Root: math.Sqrt(6), Size: 3, Random: 1,
				Sampled: []programme.SampledSite{
					{Site: "hq", Reason: programme.SampledCentral, Rule: programme.RuleSampleCentral, Detail: "the central function is audited at every audit"},
					{Site: "c", Reason: programme.SampledHighRisk, Rule: programme.RuleSampleHighRisk, Detail: "marked high risk by the host: added to the sample"},
					{Site: drawn, Reason: programme.SampledRandom, Rule: programme.RuleSampleRandom, Detail: fmt.Sprintf("draw 1 of 1 with seed %d", seed)},
				}}
			details := map[programme.SiteID]string{
				"b": "not yet audited in the cycle", "e": "not yet audited in the cycle",
				"f": "audited once in the cycle, last on 2025-11-01", "a": "audited once in the cycle, last on 2026-03-01",
			}
			for _, id := range rotation {
				want.Sampled = append(want.Sampled, programme.SampledSite{Site: id, Reason: programme.SampledRotation, Rule: programme.RuleSampleVary,
					Detail: details[id] + ": chosen to vary the sites over the cycle"})
			}
			for _, id := range pool {
				if id != drawn && !slices.Contains(rotation, id) {
					want.NotSampled = append(want.NotSampled, id)
				}
			}
			got, err := programme.SampleSites(sites, programme.SampleOptions{Kind: annexa.Stage2, Seed: seed})
			require.NoError(t, err)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("sample mismatch (-want +got):\n%s", diff)
			}
			assert.Equal(t, append([]programme.SiteID{"hq", "c", drawn}, rotation...), got.IDs())
		})
	}
}

func TestSampleSitesNoSampling(t *testing.T) {
	sites := numberedSites(10)
	sites[3].HighRisk = true
	sites[1].Visits = 1
	for _, kind := range []annexa.AuditKind{annexa.Stage2, annexa.Recertification} {
		s, err := programme.SampleSites(sites, programme.SampleOptions{Kind: kind, NoSampling: true})
		require.NoError(t, err)
		assert.Len(t, s.Sampled, 11, "%s covers every site", kind)
		assert.Empty(t, s.NotSampled)
		assert.Zero(t, s.Random)
		for _, x := range s.Sampled[2:] {
			assert.Equal(t, programme.SampledEverySite, x.Reason)
			assert.Equal(t, programme.RuleSampleNoSampling, x.Rule)
		}
	}
	s, err := programme.SampleSites(sites, programme.SampleOptions{Kind: annexa.Surveillance, NoSampling: true})
	require.NoError(t, err)
	// 30 % of 10 = 3 sites by rotation, besides the central function and
	// the high-risk s02; s00 (visited) comes last in rotation.
	assert.Equal(t, 3, s.Size)
	assert.Zero(t, s.Random)
	assert.Equal(t, []programme.SiteID{"hq", "s02", "s01", "s03", "s04"}, s.IDs())
	assert.Equal(t, programme.RuleSampleNoSampling, s.Sampled[2].Rule)
}

func TestSampleSitesErrors(t *testing.T) {
	twoCentral := numberedSites(3)
	twoCentral[2].Central = true
	dup := numberedSites(3)
	dup[3].ID = "s00"
	dup[1].Visits = -1
	tests := []struct {
		name  string
		sites []programme.Site
		opts  programme.SampleOptions
		want  [][2]string
	}{
		{"no sites", nil, programme.SampleOptions{Kind: annexa.Surveillance}, [][2]string{{"Sites", string(programme.RuleSampleSites)}}},
		{"only the central function", numberedSites(0), programme.SampleOptions{Kind: annexa.Surveillance}, [][2]string{{"Sites", string(programme.RuleSampleSites)}}},
		{"no central function", numberedSites(3)[1:], programme.SampleOptions{Kind: annexa.Surveillance}, [][2]string{{"Sites", string(programme.RuleSampleSites)}}},
		{"two central functions", twoCentral, programme.SampleOptions{Kind: annexa.Surveillance}, [][2]string{{"Sites[2].Central", string(programme.RuleSampleSites)}}},
		{"repeated ids and negative visits", dup, programme.SampleOptions{Kind: annexa.Surveillance}, [][2]string{{"Sites[3].ID", "unique"}, {"Sites[1].Visits", "gte"}}},
		{"an empty id", append(numberedSites(1), programme.Site{ID: " "}), programme.SampleOptions{Kind: annexa.Surveillance}, [][2]string{{"Sites[2].ID", "required"}}},
		{"no kind", numberedSites(3), programme.SampleOptions{}, [][2]string{{"Kind", "required"}}},
		{"an internal audit", numberedSites(3), programme.SampleOptions{Kind: annexa.Internal}, [][2]string{{"Kind", "enum"}}},
		{"bad factors", numberedSites(3), programme.SampleOptions{Kind: annexa.Stage1, Factors: &programme.SamplingFactors{Initial: 0, Surveillance: 3, Recertification: math.NaN(), RandomShare: 1.5, NoSamplingSurveillanceShare: 0}},
			[][2]string{{"Factors.Initial", "range"}, {"Factors.Surveillance", "range"}, {"Factors.Recertification", "range"}, {"Factors.RandomShare", "range"}, {"Factors.NoSamplingSurveillanceShare", "range"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := programme.SampleSites(tt.sites, tt.opts)
			assertHas(t, validationError(t, err), tt.want...)
		})
	}
}

// TestSampleSitesProperties checks, for random sites and options: the
// central function first and once, every high-risk site in, no site
// twice, every site either sampled or not, the size and the random share
// as the rules say, and the same sample whatever the order of the sites.
func TestSampleSitesProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 120).Draw(t, "sites")
		sites := numberedSites(n)
		for i := 1; i < len(sites); i++ {
			sites[i].HighRisk = rapid.IntRange(0, 9).Draw(t, "risk") == 0
			sites[i].Visits = rapid.IntRange(0, 3).Draw(t, "visits")
			if sites[i].Visits > 0 {
				sites[i].LastVisit = date(2026, 1, 1).AddDate(0, 0, rapid.IntRange(0, 900).Draw(t, "last"))
			}
		}
		kind := rapid.SampledFrom([]annexa.AuditKind{annexa.Stage1, annexa.Stage2, annexa.Surveillance, annexa.Recertification}).Draw(t, "kind")
		opts := programme.SampleOptions{Kind: kind, Seed: rapid.Uint64().Draw(t, "seed"), NoSampling: rapid.IntRange(0, 4).Draw(t, "noSampling") == 0}
		s, err := programme.SampleSites(sites, opts)
		require.NoError(t, err)

		require.Equal(t, programme.SiteID("hq"), s.Sampled[0].Site)
		seen := map[string]bool{}
		risky, pool := 0, 0
		for _, x := range s.Sampled {
			require.False(t, seen[string(x.Site)], "%s twice", x.Site)
			seen[string(x.Site)] = true
			require.True(t, x.Reason.IsValid())
			_, ok := programme.LookupRule(x.Rule)
			require.True(t, ok, "rule %q", x.Rule)
		}
		for _, id := range s.NotSampled {
			require.False(t, seen[string(id)], "%s both sampled and not", id)
			seen[string(id)] = true
		}
		require.Len(t, seen, len(sites))
		for _, x := range sites[1:] {
			if x.HighRisk {
				risky++
				require.True(t, slices.ContainsFunc(s.Sampled, func(y programme.SampledSite) bool { return y.Site == x.ID }), "high-risk %s left out", x.ID)
			} else {
				pool++
			}
		}
		factor := map[annexa.AuditKind]float64{annexa.Stage1: 1, annexa.Stage2: 1, annexa.Surveillance: 0.6, annexa.Recertification: 0.8}[kind]
		want := int(math.Ceil(factor*math.Sqrt(float64(n)) - 1e-9))
		switch {
		case opts.NoSampling && kind == annexa.Surveillance:
			want = int(math.Ceil(0.3*float64(n) - 1e-9))
		case opts.NoSampling:
			want = n
		}
		require.Equal(t, want, s.Size)
		require.Len(t, s.Sampled, 1+risky+min(want, pool))
		if !opts.NoSampling && want < pool {
			require.Equal(t, int(math.Ceil(0.25*float64(want))), s.Random)
		} else {
			require.Zero(t, s.Random)
		}
		shuffled := slices.Clone(sites)
		slices.Reverse(shuffled)
		again, err := programme.SampleSites(shuffled, opts)
		require.NoError(t, err)
		if diff := cmp.Diff(s, again); diff != "" {
			t.Fatalf("sample depends on the order of the sites (-given order +reversed):\n%s", diff)
		}
	})
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

// TestSampleSitesRotationDetails: a site chosen by rotation says how often
// and when it was audited in the cycle; factors at their upper bounds (a
// multiplier of 2, shares of 1) are accepted.
func TestSampleSitesRotationDetails(t *testing.T) {
	sites := []programme.Site{
		{ID: "hq", Central: true}, {ID: "a"}, {ID: "b", Visits: 1}, {ID: "c", Visits: 2},
		{ID: "d", Visits: 1, LastVisit: date(2026, 3, 1)}, {ID: "e", Visits: 3, LastVisit: date(2026, 5, 1)},
		{ID: "z", Visits: 9}, // visited most: the one rotation leaves out
	}
	// Five of the six sites (0.8 of them, rounded up), none drawn at random.
	f := &programme.SamplingFactors{Initial: 2, Surveillance: 2, Recertification: 2, RandomShare: 1, NoSamplingSurveillanceShare: 0.8}
	got, err := programme.SampleSites(sites, programme.SampleOptions{Kind: annexa.Surveillance, NoSampling: true, Factors: f})
	require.NoError(t, err)
	assert.Equal(t, []programme.SiteID{"z"}, got.NotSampled)
	details := map[programme.SiteID]string{}
	for _, s := range got.Sampled {
		if s.Reason == programme.SampledRotation {
			details[s.Site] = s.Detail
		}
	}
	const why = ": chosen to vary the sites over the cycle"
	assert.Equal(t, map[programme.SiteID]string{
		"a": "not yet audited in the cycle" + why,
		"b": "audited once in the cycle" + why,
		"c": "audited 2 times in the cycle" + why,
		"d": "audited once in the cycle, last on 2026-03-01" + why,
		"e": "audited 3 times in the cycle, last on 2026-05-01" + why,
	}, details)
	f.NoSamplingSurveillanceShare = 1
	got, err = programme.SampleSites(sites, programme.SampleOptions{Kind: annexa.Surveillance, NoSampling: true, Factors: f})
	require.NoError(t, err, "a share of 1 is in range")
	assert.Empty(t, got.NotSampled)
}

// TestSampleSitesNoSitesOneProblem: no sites at all is one problem, not
// also "nothing to sample".
func TestSampleSitesNoSitesOneProblem(t *testing.T) {
	_, err := programme.SampleSites(nil, programme.SampleOptions{Kind: annexa.Surveillance})
	ve := validationError(t, err)
	assert.Len(t, ve.Fields, 1, "%v", ve.Fields)
}
