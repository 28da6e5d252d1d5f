package programme

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRiskMatrixDefaultLevels(t *testing.T) {
	m := DefaultMatrix()
	require.NoError(t, m.Validate())
	tests := []struct {
		l, i int
		want RiskLevel
	}{
		{1, 1, LevelLow}, {1, 3, LevelLow}, {3, 1, LevelLow}, {2, 2, LevelMedium}, {3, 3, LevelMedium},
		{1, 5, LevelMedium}, {2, 5, LevelHigh}, {4, 4, LevelHigh}, {4, 5, LevelVeryHigh}, {5, 5, LevelVeryHigh},
	}
	for _, tt := range tests {
		got, err := m.Level(tt.l, tt.i)
		require.NoError(t, err)
		assert.Equal(t, tt.want, got, "%dx%d", tt.l, tt.i)
	}
	assert.Equal(t, LevelLow, m.Acceptable)
}

// TestRiskMatrixAccepts: a level is acceptable when it is at or below
// the matrix's acceptable level; a level the scale does not know is
// never acceptable (though it sorts below every known one), nor is any
// level under a matrix whose acceptable level is unknown.
func TestRiskMatrixAccepts(t *testing.T) {
	m := DefaultMatrix()
	m.Acceptable = LevelMedium
	for level, want := range map[RiskLevel]bool{LevelLow: true, LevelMedium: true, LevelHigh: false, LevelVeryHigh: false, "": false, "negligible": false} {
		assert.Equal(t, want, m.accepts(level), "%q", level)
	}
	m.Acceptable = "negligible"
	for level := range RiskLevels() {
		assert.False(t, m.accepts(level), "%q under an unknown acceptable level", level)
	}
}

func TestRiskMatrixLevelErrors(t *testing.T) {
	m := DefaultMatrix()
	_, err := m.Level(0, 6)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Likelihood", RuleRiskScales))
	assert.True(t, ve.Has("Impact", RuleRiskScales))

	broken := DefaultMatrix()
	broken.Levels = broken.Levels[:2]
	_, err = broken.Level(4, 1)
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("", RuleRiskScales))
}

func TestRiskMatrixValidate(t *testing.T) {
	tests := []struct {
		name string
		mut  func(*RiskMatrix)
		path string
		rule ismsaudit.RuleID
	}{
		{"no likelihood scale", func(m *RiskMatrix) { m.Likelihood = nil; m.Levels = nil }, "Likelihood", "required"},
		{"points out of order", func(m *RiskMatrix) { m.Impact[1].Value = 3 }, "Impact[1].Value", RuleRiskScales},
		{"unnamed point", func(m *RiskMatrix) { m.Impact[2].Name = "" }, "Impact[2].Name", "required"},
		{"repeated name", func(m *RiskMatrix) { m.Likelihood[1].Name = "rare" }, "Likelihood[1].Name", "unique"},
		{"missing row", func(m *RiskMatrix) { m.Levels = m.Levels[:4] }, "Levels", RuleRiskScales},
		{"short row", func(m *RiskMatrix) { m.Levels[2] = m.Levels[2][:3] }, "Levels[2]", RuleRiskScales},
		{"bad level", func(m *RiskMatrix) { m.Levels[0][0] = "tiny" }, "Levels[0][0]", "enum"},
		{"level falls with impact", func(m *RiskMatrix) { m.Levels[4][4] = LevelLow }, "Levels[4][4]", RuleRiskScales},
		{"level falls with likelihood", func(m *RiskMatrix) { m.Levels[4][0] = LevelLow; m.Levels[3][0] = LevelMedium }, "Levels[4][0]", RuleRiskScales},
		{"no acceptable level", func(m *RiskMatrix) { m.Acceptable = "" }, "Acceptable", "enum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := DefaultMatrix()
			tt.mut(&m)
			err := m.Validate()
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %s at %s in %v", tt.rule, tt.path, ve.Fields)
		})
	}
}

// TestRiskMatrixHostScale: a host's 3x3 matrix with medium acceptable.
func TestRiskMatrixHostScale(t *testing.T) {
	m := RiskMatrix{
		Likelihood: []ScalePoint{{1, "low", ""}, {2, "medium", ""}, {3, "high", ""}},
		Impact:     []ScalePoint{{1, "low", ""}, {2, "medium", ""}, {3, "high", ""}},
		Levels: [][]RiskLevel{
			{LevelLow, LevelLow, LevelMedium},
			{LevelLow, LevelMedium, LevelHigh},
			{LevelMedium, LevelHigh, LevelVeryHigh},
		},
		Acceptable: LevelMedium,
	}
	require.NoError(t, m.Validate())
	opts := completeOptions()
	opts.Matrix = &m
	p, err := New(opts, metaOn(0, ""))
	require.NoError(t, err)
	require.NoError(t, p.AddRisk(newRisk("a", KindRisk, CategoryPlanning), metaOn(1, "")))
	require.NoError(t, p.AssessRisk("a", Assessment{Likelihood: 2, Impact: 2}, metaOn(1, "")))
	assert.Equal(t, LevelMedium, p.Risks[0].Level())
	assert.True(t, p.CanRisk("a", RiskAccept), "medium is acceptable on this matrix")
	m.Levels[1][1] = LevelVeryHigh
	assert.Equal(t, LevelMedium, p.Matrix.Levels[1][1], "New copies the host's matrix")
}
