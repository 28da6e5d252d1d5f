package good

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run the generated code; enumgen's tests run them with
// go test on this directory.

func TestValuesInSourceOrder(t *testing.T) {
	assert.Equal(t, []Colour{ColourRed, ColourGreen, ColourBlue, ColourPurple}, slices.Collect(Colours()))
	assert.Equal(t, []Grade{GradeMinor, GradeMajor, GradeCritical}, slices.Collect(Grades()))
	assert.Equal(t, []IDKind{IDKindShort, IDKindLong}, slices.Collect(IDKinds()))
}

func TestParse(t *testing.T) {
	for v := range Colours() {
		got, err := ParseColour(v.String())
		require.NoError(t, err)
		assert.Equal(t, v, got)
		assert.True(t, v.IsValid())
	}
	_, err := ParseGrade("Major")
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var pe *ismsaudit.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "good", pe.Pkg)
	assert.Equal(t, "Grade", pe.Type)
	assert.Equal(t, []string{"minor", "major", "critical"}, pe.Valid)
	assert.False(t, Grade("").IsValid())
	assert.False(t, IDKind("long").IsValid())
}

func TestText(t *testing.T) {
	type doc struct {
		Colour Colour `json:"colour"`
		Kind   IDKind `json:"kind"`
	}
	b, err := json.Marshal(doc{Colour: ColourBlue})
	require.NoError(t, err)
	assert.JSONEq(t, `{"colour":"blue","kind":""}`, string(b))
	var back doc
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, doc{Colour: ColourBlue}, back)

	require.ErrorIs(t, json.Unmarshal([]byte(`{"colour":"Blue"}`), &back), ismsaudit.ErrInvalid)
	_, err = json.Marshal(doc{Colour: "mauve"})
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
}

func TestCompare(t *testing.T) {
	assert.Equal(t, -1, GradeMinor.Compare(GradeCritical))
	assert.Equal(t, 0, GradeMajor.Compare(GradeMajor))
	assert.Equal(t, 1, GradeMajor.Compare(GradeMinor))
	assert.Equal(t, -1, Grade("").Compare(GradeMinor), "invalid sorts first")
	grades := []Grade{GradeCritical, GradeMinor, GradeMajor}
	slices.SortFunc(grades, Grade.Compare)
	assert.Equal(t, slices.Collect(Grades()), grades)
}

func TestReceiverReused(t *testing.T) {
	assert.True(t, ColourRed.Warm())
}
