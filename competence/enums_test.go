package competence_test

import (
	"iter"
	"slices"
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type enumValue interface {
	~string
	IsValid() bool
	String() string
	MarshalText() ([]byte, error)
}

// checkEnum checks the contract every enumeration keeps: n distinct
// kebab-case tokens, parse and text round trips, "" and unknown tokens
// refused with a *ParseError that unwraps to ErrInvalid.
func checkEnum[T enumValue, P interface {
	*T
	UnmarshalText([]byte) error
}](t *testing.T, all iter.Seq[T], parse func(string) (T, error), n int) {
	t.Helper()
	values := slices.Collect(all)
	require.Len(t, values, n)
	seen := map[T]bool{}
	for _, v := range values {
		assert.True(t, v.IsValid(), "%q", v)
		assert.False(t, seen[v], "duplicate %q", v)
		seen[v] = true
		assert.Regexp(t, `^[a-z0-9]+(-[a-z0-9]+)*$`, v.String())
		p, err := parse(v.String())
		require.NoError(t, err)
		assert.Equal(t, v, p)
		b, err := v.MarshalText()
		require.NoError(t, err)
		var back T
		require.NoError(t, P(&back).UnmarshalText(b))
		assert.Equal(t, v, back)
	}
	var zero T
	assert.False(t, zero.IsValid())
	for _, bad := range []string{"", "Not-A-Token", values[0].String() + " "} {
		_, err := parse(bad)
		require.ErrorIs(t, err, ismsaudit.ErrInvalid)
		var pe *ismsaudit.ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, bad, pe.Input)
		assert.Len(t, pe.Valid, n)
	}
	var v T
	require.Error(t, P(&v).UnmarshalText([]byte("nope")))
	require.NoError(t, P(&v).UnmarshalText(nil))
	assert.Equal(t, zero, v)
	_, err := T("nope").MarshalText()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
}

func TestEnums(t *testing.T) {
	t.Run("Role", func(t *testing.T) { checkEnum(t, competence.Roles(), competence.ParseRole, 6) })
	t.Run("Behaviour", func(t *testing.T) { checkEnum(t, competence.Behaviours(), competence.ParseBehaviour, 13) })
	t.Run("KnowledgeArea", func(t *testing.T) { checkEnum(t, competence.KnowledgeAreas(), competence.ParseKnowledgeArea, 11) })
	t.Run("Level", func(t *testing.T) { checkEnum(t, competence.Levels(), competence.ParseLevel, 4) })
	t.Run("Method", func(t *testing.T) { checkEnum(t, competence.Methods(), competence.ParseMethod, 6) })
	t.Run("CriterionKind", func(t *testing.T) { checkEnum(t, competence.CriterionKinds(), competence.ParseCriterionKind, 10) })
	t.Run("TrainingKind", func(t *testing.T) { checkEnum(t, competence.TrainingKinds(), competence.ParseTrainingKind, 6) })
	t.Run("InvolvementKind", func(t *testing.T) { checkEnum(t, competence.InvolvementKinds(), competence.ParseInvolvementKind, 4) })
	t.Run("ConflictReason", func(t *testing.T) { checkEnum(t, competence.ConflictReasons(), competence.ParseConflictReason, 4) })
	t.Run("EvaluationState", func(t *testing.T) { checkEnum(t, competence.EvaluationStates(), competence.ParseEvaluationState, 6) })
	t.Run("EvaluationEvent", func(t *testing.T) { checkEnum(t, competence.EvaluationEvents(), competence.ParseEvaluationEvent, 7) })
	t.Run("ObstacleKind", func(t *testing.T) { checkEnum(t, competence.ObstacleKinds(), competence.ParseObstacleKind, 10) })
	t.Run("NeedKind", func(t *testing.T) { checkEnum(t, competence.NeedKinds(), competence.ParseNeedKind, 6) })
	t.Run("Shortfall", func(t *testing.T) { checkEnum(t, competence.Shortfalls(), competence.ParseShortfall, 4) })
	t.Run("BlockReason", func(t *testing.T) { checkEnum(t, competence.BlockReasons(), competence.ParseBlockReason, 4) })
	t.Run("SelectionMethod", func(t *testing.T) { checkEnum(t, competence.SelectionMethods(), competence.ParseSelectionMethod, 2) })
}
