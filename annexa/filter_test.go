package annexa

import (
	"slices"
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestControlsWhere(t *testing.T) {
	// Every detective control that protects availability, checked
	// against the attribute table by hand.
	seq, err := ControlsWhere(Filter{Attributes: []Attribute{Detective, Availability}})
	require.NoError(t, err)
	got := ids(seq)
	for _, id := range got {
		c := MustControl(string(id))
		assert.True(t, c.Has(Detective) && c.Has(Availability), id)
	}
	var want []ControlID
	for c := range Controls() {
		if c.Has(Detective) && c.Has(Availability) {
			want = append(want, c.ID())
		}
	}
	assert.Equal(t, want, got)
	assert.NotEmpty(t, got)

	// Values of one kind are alternatives, kinds combine.
	seq, err = ControlsWhere(Filter{Themes: []Theme{Physical}, Attributes: []Attribute{Detective, Corrective}})
	require.NoError(t, err)
	assert.Equal(t, []ControlID{"7.4", "7.11"}, ids(seq))

	// Availability-only controls (SOURCES.md): 5.30 and 8.14.
	var availOnly []ControlID
	for c := range Controls() {
		if slices.Equal(c.AttributesOf(SecurityPropertyKind), []Attribute{Availability}) {
			availOnly = append(availOnly, c.ID())
		}
	}
	assert.Equal(t, []ControlID{"5.30", "8.14"}, availOnly)

	all, err := ControlsWhere(Filter{})
	require.NoError(t, err)
	assert.Equal(t, ControlCount, count(all))

	// Breaking out of the loop early stops the iteration.
	n := 0
	for range all {
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
}

func TestFilterErrors(t *testing.T) {
	_, err := ControlsWhere(Filter{Themes: []Theme{"spatial"}, Attributes: []Attribute{Preventive, "#Detective", "speedy"}})
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	assert.True(t, ve.Has("Themes[0]", ismsaudit.RuleEnum))
	assert.True(t, ve.Has("Attributes[1]", ismsaudit.RuleEnum))
	assert.True(t, ve.Has("Attributes[2]", ismsaudit.RuleEnum))
	assert.Len(t, ve.Fields, 3)
	assert.False(t, Filter{Themes: []Theme{"spatial"}}.Match(MustControl("5.1")))
	assert.True(t, Filter{Themes: []Theme{Organizational}}.Match(MustControl("5.1")))
}
