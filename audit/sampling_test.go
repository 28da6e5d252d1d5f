package audit

import (
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDrawIsFixedForEver pins samples (the million-position one was
// computed again by an independent implementation of the procedure): a change of procedure would make
// every recorded statistical sample irreproducible, so it must come with
// a new SamplingGenerator name, never silently.
func TestDrawIsFixedForEver(t *testing.T) {
	tests := []struct {
		name string
		plan SamplingPlan
		want []string
	}{
		{"items with an exclusion", statisticalPlan("S-1"), []string{"leaver-04", "leaver-05", "leaver-08", "leaver-10", "leaver-16"}},
		{"a million positions", SamplingPlan{Population: Population{Size: 1_000_000}, Exclusions: []string{"3", "17"}, Method: Statistical, Size: 8, Seed: 2026},
			[]string{"384778", "471629", "667347", "726407", "791607", "804549", "857855", "953011"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Draw(tt.plan)
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("sample mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDrawProperties(t *testing.T) {
	for seed := range uint64(50) {
		p := statisticalPlan("S-1")
		p.Seed = seed
		p.Size = 1 + int(seed%19)
		got, err := Draw(p)
		require.NoError(t, err)
		again, err := Draw(p)
		require.NoError(t, err)
		assert.Equal(t, got, again, "same seed and population, same sample")
		assert.Len(t, got, p.Size)
		last := -1
		for _, it := range got {
			pos := slices.Index(p.Population.Items, it)
			require.GreaterOrEqual(t, pos, 0, "%q is in the population", it)
			require.Greater(t, pos, last, "population order, no repeats")
			require.NotContains(t, p.Exclusions, it)
			last = pos
		}
	}
	// The whole frame is the whole frame.
	p := statisticalPlan("S-1")
	p.Size = 19
	got, err := Draw(p)
	require.NoError(t, err)
	want := slices.DeleteFunc(slices.Clone(p.Population.Items), func(s string) bool { return s == "leaver-07" })
	assert.Equal(t, want, got)
}

func TestDrawIsUniform(t *testing.T) {
	// Every item of a ten-item frame should be drawn in about 3 of 10
	// samples of three. Draws are deterministic, so this cannot flake:
	// it fails only if the procedure is biased.
	counts := map[string]int{}
	p := SamplingPlan{Population: Population{Size: 11}, Exclusions: []string{"6"}, Method: Statistical, Size: 3}
	const runs = 10_000
	for seed := range uint64(runs) {
		p.Seed = seed
		got, err := Draw(p)
		require.NoError(t, err)
		for _, it := range got {
			counts[it]++
		}
	}
	require.Len(t, counts, 10)
	assert.NotContains(t, counts, "6")
	for it, n := range counts {
		assert.InDelta(t, runs*3/10, n, 250, "item %s drawn %d times", it, n)
	}
}

func TestDrawSizeOnlyMatchesItems(t *testing.T) {
	items := make([]string, 40)
	for i := range items {
		items[i] = strconv.Itoa(i + 1)
	}
	for seed := range uint64(20) {
		bySize := SamplingPlan{Population: Population{Size: 40}, Exclusions: []string{"40", "1", "13"}, Method: Statistical, Size: 9, Seed: seed}
		byItems := bySize
		byItems.Population = Population{Items: items}
		both := bySize
		both.Population = Population{Items: items, Size: 40}
		a, err := Draw(bySize)
		require.NoError(t, err)
		b, err := Draw(byItems)
		require.NoError(t, err)
		c, err := Draw(both)
		require.NoError(t, err)
		assert.Equal(t, a, b)
		assert.Equal(t, a, c)
	}
}

func TestDrawRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *SamplingPlan)
		want   []problem
	}{
		{"judgemental", func(p *SamplingPlan) { p.Method = Judgemental; p.Seed = 0 }, []problem{{"Method", "statistical-only"}}},
		{"no method", func(p *SamplingPlan) { p.Method = "" }, []problem{{"Method", RuleSamplingRecorded}}},
		{"unknown method", func(p *SamplingPlan) { p.Method = "haphazard" }, []problem{{"Method", "enum"}}},
		{"judgemental with a seed", func(p *SamplingPlan) { p.Method = Judgemental }, []problem{{"Seed", "not-applicable"}}},
		{"no population", func(p *SamplingPlan) { p.Population = Population{}; p.Exclusions = nil }, []problem{{"Population", RuleSamplingRecorded}}},
		{"negative population", func(p *SamplingPlan) { p.Population = Population{Size: -3}; p.Exclusions = nil }, []problem{{"Population.Size", RuleSamplingRecorded}}},
		{"size disagrees with items", func(p *SamplingPlan) { p.Population.Size = 19 }, []problem{{"Population.Size", RuleSamplingRecorded}}},
		{"blank item", func(p *SamplingPlan) { p.Population.Items[3] = " " }, []problem{{"Population.Items[3]", "required"}}},
		{"repeated item", func(p *SamplingPlan) { p.Population.Items[3] = "leaver-01" }, []problem{{"Population.Items[3]", "unique"}}},
		{"exclusion outside the population", func(p *SamplingPlan) { p.Exclusions = []string{"leaver-99"} }, []problem{{"Exclusions[0]", RuleSamplingRecorded}}},
		{"exclusion twice", func(p *SamplingPlan) { p.Exclusions = []string{"leaver-07", "leaver-07"} }, []problem{{"Exclusions[1]", "unique"}}},
		{"position exclusion not canonical", func(p *SamplingPlan) { p.Population = Population{Size: 20}; p.Exclusions = []string{"07"} }, []problem{{"Exclusions[0]", RuleSamplingRecorded}}},
		{"position exclusion out of range", func(p *SamplingPlan) { p.Population = Population{Size: 20}; p.Exclusions = []string{"21"} }, []problem{{"Exclusions[0]", RuleSamplingRecorded}}},
		{"no size", func(p *SamplingPlan) { p.Size = 0 }, []problem{{"Size", RuleSamplingRecorded}}},
		{"size above the frame", func(p *SamplingPlan) { p.Size = 20 }, []problem{{"Size", RuleSamplingRecorded}}},
		{"size above the maximum", func(p *SamplingPlan) {
			p.Population = Population{Size: 1 << 30}
			p.Exclusions = nil
			p.Size = MaxSampleSize + 1
		}, []problem{{"Size", "max"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := statisticalPlan("S-1")
			tt.change(&p)
			got, err := Draw(p)
			assert.Nil(t, got)
			requireInvalid(t, err, tt.want...)
		})
	}
}

func TestDrawLargestSample(t *testing.T) {
	p := SamplingPlan{Population: Population{Size: 1 << 30}, Method: Statistical, Size: MaxSampleSize, Seed: 9}
	got, err := Draw(p)
	require.NoError(t, err)
	require.Len(t, got, MaxSampleSize)
	assert.True(t, slices.IsSortedFunc(got, func(a, b string) int {
		x, _ := strconv.Atoi(a)
		y, _ := strconv.Atoi(b)
		return x - y
	}))
	assert.Len(t, slices.Compact(slices.Clone(got)), MaxSampleSize, "no repeats")
}

func TestAddSamplingPlan(t *testing.T) {
	for _, s := range []State{StatePreparation, StateFieldwork} {
		t.Run(string(s), func(t *testing.T) {
			a := evidenceAudit(s)
			p := statisticalPlan("S-3")
			require.NoError(t, a.AddSamplingPlan(p, byLead(march(8, 9))))
			got, ok := a.SamplingPlan("S-3")
			require.True(t, ok)
			if diff := cmp.Diff(p, got); diff != "" {
				t.Fatalf("plan mismatch (-want +got):\n%s", diff)
			}
			p.Population.Items[0] = "changed"
			p.Exclusions[0] = "changed"
			got.Population.Items[1] = "changed"
			assert.Equal(t, "leaver-01", a.Sampling[2].Population.Items[0], "the record keeps its own copy")
			assert.Equal(t, "leaver-07", a.Sampling[2].Exclusions[0], "the record keeps its own copy")
			assert.Equal(t, "leaver-02", a.Sampling[2].Population.Items[1], "SamplingPlan returns a copy")
		})
	}
	_, ok := evidenceAudit(StateFieldwork).SamplingPlan("S-9")
	assert.False(t, ok)
}

func TestAddSamplingPlanRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *SamplingPlan, m *ismsaudit.Meta)
		want   []problem
	}{
		{"no id", func(p *SamplingPlan, _ *ismsaudit.Meta) { p.ID = "" }, []problem{{"ID", "required"}}},
		{"id in use", func(p *SamplingPlan, _ *ismsaudit.Meta) { p.ID = "S-2" }, []problem{{"ID", "unique"}}},
		{"no purpose", func(p *SamplingPlan, _ *ismsaudit.Meta) { p.Purpose = "" }, []problem{{"Purpose", "required"}}},
		{"no frame", func(p *SamplingPlan, _ *ismsaudit.Meta) { p.Frame = " " }, []problem{{"Frame", RuleSamplingRecorded}}},
		{"no rationale", func(p *SamplingPlan, _ *ismsaudit.Meta) { p.Rationale = "" }, []problem{{"Rationale", RuleSamplingRecorded}}},
		{"no size", func(p *SamplingPlan, _ *ismsaudit.Meta) { p.Size = 0 }, []problem{{"Size", RuleSamplingRecorded}}},
		{"selected given", func(p *SamplingPlan, _ *ismsaudit.Meta) { p.Selected = []string{"leaver-01"} }, []problem{{"Selected", "library-set"}}},
		{"generator given", func(p *SamplingPlan, _ *ismsaudit.Meta) { p.Generator = SamplingGenerator }, []problem{{"Generator", "library-set"}}},
		{"selection time given", func(p *SamplingPlan, _ *ismsaudit.Meta) { p.SelectedAt = march(1, 1) }, []problem{{"SelectedAt", "library-set"}}},
		{"selector given", func(p *SamplingPlan, _ *ismsaudit.Meta) { p.SelectedBy = "lead" }, []problem{{"SelectedBy", "library-set"}}},
		{"no actor", func(_ *SamplingPlan, m *ismsaudit.Meta) { m.By = "" }, []problem{{"Meta.By", "required"}}},
		{"everything missing", func(p *SamplingPlan, _ *ismsaudit.Meta) { *p = SamplingPlan{} }, []problem{
			{"ID", "required"}, {"Purpose", "required"}, {"Frame", RuleSamplingRecorded}, {"Rationale", RuleSamplingRecorded},
			{"Population", RuleSamplingRecorded}, {"Method", RuleSamplingRecorded}, {"Size", RuleSamplingRecorded},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := evidenceAudit(StatePreparation)
			p, m := statisticalPlan("S-3"), byLead(march(8, 9))
			tt.change(&p, &m)
			before := deepCopy(a)
			ve := requireInvalid(t, a.AddSamplingPlan(p, m), tt.want...)
			assert.Len(t, ve.Fields, len(tt.want), "exactly the expected problems: %v", ve.Fields)
			unchanged(t, before, a)
		})
	}
}

// samplingOps are the sampling operations, each valid on evidenceAudit in
// preparation or fieldwork.
var samplingOps = map[string]func(a *Audit) error{
	"add":    func(a *Audit) error { return a.AddSamplingPlan(statisticalPlan("S-3"), byLead(march(8, 9))) },
	"draw":   func(a *Audit) error { return a.DrawSample("S-1", byLead(march(8, 9))) },
	"choose": func(a *Audit) error { return a.RecordSelection("S-2", []string{"root", "admin"}, byLead(march(8, 9))) },
}

func TestSamplingOperationsOnlyBeforeFindings(t *testing.T) {
	for name, op := range samplingOps {
		for s := range States() {
			t.Run(name+"/"+string(s), func(t *testing.T) {
				a := evidenceAudit(s)
				before := deepCopy(a)
				err := op(a)
				if s == StatePreparation || s == StateFieldwork {
					require.NoError(t, err)
					return
				}
				requireRefused(t, err, ismsaudit.ReasonWrongState, RuleSamplingBeforeFindings)
				unchanged(t, before, a)
			})
		}
	}
}

func TestDrawSample(t *testing.T) {
	a := evidenceAudit(StateFieldwork)
	require.NoError(t, a.DrawSample("S-1", byLead(march(11, 9))))
	p, _ := a.SamplingPlan("S-1")
	want, err := Draw(statisticalPlan("S-1"))
	require.NoError(t, err)
	assert.Equal(t, want, p.Selected)
	assert.Equal(t, SamplingGenerator, p.Generator)
	assert.Equal(t, march(11, 9), p.SelectedAt)
	assert.Equal(t, "lead", p.SelectedBy)
	assert.Empty(t, evidenceViolations(a), "a drawn sample conforms")

	t.Run("only once", func(t *testing.T) {
		before := deepCopy(a)
		requireInvalid(t, a.DrawSample("S-1", byLead(march(11, 10))), problem{"Selected", RuleSamplingFixed})
		unchanged(t, before, a)
	})
	t.Run("judgemental plans are chosen", func(t *testing.T) {
		before := deepCopy(a)
		requireInvalid(t, a.DrawSample("S-2", byLead(march(11, 10))), problem{"Method", "statistical-only"})
		unchanged(t, before, a)
	})
	t.Run("unknown plan", func(t *testing.T) {
		require.ErrorIs(t, a.DrawSample("S-9", byLead(march(11, 10))), ismsaudit.ErrNotFound)
	})
	t.Run("meta required", func(t *testing.T) {
		b := evidenceAudit(StateFieldwork)
		before := deepCopy(b)
		requireInvalid(t, b.DrawSample("S-1", ismsaudit.Meta{}), problem{"Meta.At", "required"}, problem{"Meta.By", "required"})
		unchanged(t, before, b)
	})
}

func TestRecordSelection(t *testing.T) {
	a := evidenceAudit(StateFieldwork)
	items := []string{"deploy", "root"}
	require.NoError(t, a.RecordSelection("S-2", items, byLead(march(11, 9))))
	items[0] = "changed"
	p, _ := a.SamplingPlan("S-2")
	assert.Equal(t, []string{"deploy", "root"}, p.Selected, "kept in the order given, as a copy")
	assert.Empty(t, p.Generator)
	assert.Equal(t, march(11, 9), p.SelectedAt)
	assert.Empty(t, evidenceViolations(a), "a chosen sample conforms")

	tests := []struct {
		name  string
		setup func(a *Audit)
		id    SamplingPlanID
		items []string
		want  []problem
	}{
		{"too few", nil, "S-2", []string{"root"}, []problem{{"Items", RuleSamplingRecorded}}},
		{"not in the population", nil, "S-2", []string{"root", "guest"}, []problem{{"Items[1]", RuleSamplingRecorded}}},
		{"repeated", nil, "S-2", []string{"root", "root"}, []problem{{"Items[1]", "unique"}}},
		{"excluded", func(a *Audit) { a.Sampling[1].Exclusions = []string{"backup"} }, "S-2", []string{"root", "backup"}, []problem{{"Items[1]", RuleSamplingRecorded}}},
		{"statistical plan", nil, "S-1", []string{"leaver-01", "leaver-02", "leaver-03", "leaver-04", "leaver-05"}, []problem{{"Method", RuleSamplingReproducible}}},
		{"twice", func(a *Audit) {
			require.NoError(t, a.RecordSelection("S-2", []string{"root", "admin"}, byLead(march(11, 9))))
		}, "S-2", []string{"root", "backup"}, []problem{{"Selected", RuleSamplingFixed}}},
		{"broken plan", func(a *Audit) { a.Sampling[1].Size = 0 }, "S-2", []string{"root"}, []problem{{"Plan.Size", RuleSamplingRecorded}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := evidenceAudit(StateFieldwork)
			if tt.setup != nil {
				tt.setup(a)
			}
			before := deepCopy(a)
			requireInvalid(t, a.RecordSelection(tt.id, tt.items, byLead(march(11, 10))), tt.want...)
			unchanged(t, before, a)
		})
	}
	t.Run("positions when only the size is known", func(t *testing.T) {
		a := evidenceAudit(StateFieldwork)
		a.Sampling[1].Population = Population{Size: 300}
		require.NoError(t, a.RecordSelection("S-2", []string{"17", "250"}, byLead(march(11, 9))))
		b := evidenceAudit(StateFieldwork)
		b.Sampling[1].Population = Population{Size: 300}
		requireInvalid(t, b.RecordSelection("S-2", []string{"17", "301"}, byLead(march(11, 9))), problem{"Items[1]", RuleSamplingRecorded})
	})
	t.Run("unknown plan", func(t *testing.T) {
		require.ErrorIs(t, evidenceAudit(StateFieldwork).RecordSelection("S-9", nil, byLead(march(11, 9))), ismsaudit.ErrNotFound)
	})
}
