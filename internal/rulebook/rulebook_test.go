package rulebook

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
)

var (
	ruleA = ismsaudit.Rule{ID: "TST-A", Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a"}
	ruleB = ismsaudit.Rule{ID: "TST-B", Clause: "19011:6.5.1", Principle: ismsaudit.PrincipleFairPresentation, Text: "b"}
)

func TestBook(t *testing.T) {
	b, err := New("TST", []ismsaudit.Rule{ruleA}, nil, []ismsaudit.Rule{ruleB})
	require.NoError(t, err)
	assert.Equal(t, []ismsaudit.Rule{ruleA, ruleB}, slices.Collect(b.All()))
	got, ok := b.Lookup("TST-B")
	require.True(t, ok)
	assert.Equal(t, ruleB, got)
	_, ok = b.Lookup("TST-C")
	assert.False(t, ok)
}

func TestNewRefuses(t *testing.T) {
	bad := ruleB
	bad.Clause = "nowhere"
	tests := map[string][][]ismsaudit.Rule{
		"an id listed twice":     {{ruleA}, {ruleA}},
		"another package's id":   {{{ID: "AUD-A", Clause: ruleA.Clause, Principle: ruleA.Principle, Text: "a"}}},
		"a malformed rule":       {{ruleA, bad}},
		"both problems together": {{ruleA, ruleA, bad}},
	}
	for name, parts := range tests {
		t.Run(name, func(t *testing.T) {
			b, err := New("TST", parts...)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			assert.Nil(t, b)
			assert.Panics(t, func() { MustNew("TST", parts...) })
		})
	}
}
