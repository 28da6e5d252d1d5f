package gen

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"
)

func TestLoad(t *testing.T) {
	got, err := load(filepath.Join("testdata", "good"))
	require.NoError(t, err)
	want := &pkg{Name: "good", Enums: []*enumType{
		{Name: "Colour", Plural: "Colours", Receiver: "c", Values: []value{
			{Name: "ColourRed", Token: "red"},
			{Name: "ColourGreen", Token: "green"},
			{Name: "ColourBlue", Token: "blue"},
			{Name: "ColourPurple", Token: "purple"},
		}},
		{Name: "Grade", Plural: "Grades", Ordered: true, Receiver: "v", Values: []value{
			{Name: "GradeMinor", Token: "minor"},
			{Name: "GradeMajor", Token: "major"},
			{Name: "GradeCritical", Token: "critical"},
		}},
		{Name: "IDKind", Plural: "IDKinds", Receiver: "v", Values: []value{
			{Name: "IDKindShort", Token: "short"},
			{Name: "IDKindLong", Token: "long-form"},
		}},
	}}
	ignorePos := cmpopts.IgnoreFields(enumType{}, "Pos")
	if diff := cmp.Diff(want, got, ignorePos, cmpopts.IgnoreFields(value{}, "Pos")); diff != "" {
		t.Errorf("load mismatch (-want +got):\n%s", diff)
	}
	grade := got.Enums[1]
	require.Equal(t, "grade.go", filepath.Base(grade.Pos.Filename))
	require.Equal(t, 7, grade.Pos.Line)
}

func TestLoadNone(t *testing.T) {
	got, err := load(filepath.Join("testdata", "none"))
	require.NoError(t, err)
	if diff := cmp.Diff(&pkg{Name: "none"}, got); diff != "" {
		t.Errorf("load mismatch (-want +got):\n%s", diff)
	}
}

// problem is the part of an *Error the tests check.
type problem struct {
	File string
	Line int
	Type string
	Err  error
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		dir  string
		want []problem
	}{
		{"novalues", []problem{{"thing.go", 6, "Thing", ErrNoValues}}},
		{"emptytoken", []problem{{"thing.go", 11, "Thing", ErrEmptyToken}}},
		{"duplicate", []problem{{"b.go", 4, "Thing", ErrDuplicateToken}}},
		{"notliteral", []problem{{"thing.go", 11, "Thing", ErrNotLiteral}}},
		{"implicit", []problem{{"thing.go", 11, "Thing", ErrNotLiteral}}},
		{"conversion", []problem{{"thing.go", 11, "Thing", ErrNotLiteral}}},
		{"blank", []problem{{"thing.go", 11, "Thing", ErrBlankName}}},
		{"onfunc", []problem{{"thing.go", 5, "", ErrPlacement}}},
		{"onint", []problem{{"thing.go", 5, "Thing", ErrPlacement}}},
		{"onalias", []problem{{"thing.go", 5, "Thing", ErrPlacement}}},
		{"unexported", []problem{{"thing.go", 5, "thing", ErrPlacement}}},
		{"groupdoc", []problem{{"thing.go", 5, "", ErrPlacement}}},
		{"floating", []problem{{"thing.go", 3, "", ErrPlacement}}},
		{"noplural", []problem{{"thing.go", 5, "Thing", ErrDirective}}},
		{"lowerplural", []problem{{"thing.go", 5, "Thing", ErrDirective}}},
		{"badoption", []problem{{"thing.go", 5, "Thing", ErrDirective}}},
		{"twodirectives", []problem{{"thing.go", 6, "Thing", ErrDirective}}},
		{"packages", []problem{{"b.go", 1, "", ErrPackage}}},
		{"several", []problem{
			{"thing.go", 11, "Thing", ErrEmptyToken},
			{"thing.go", 12, "Thing", ErrDuplicateToken},
			{"thing.go", 18, "Empty", ErrNoValues},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", "bad", tt.dir)
			_, err := load(dir)
			require.Error(t, err)
			if diff := cmp.Diff(tt.want, problems(t, err), cmpopts.EquateErrors()); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
			src, ok, err := Generate(dir)
			require.ErrorIs(t, err, tt.want[0].Err)
			require.False(t, ok)
			require.Nil(t, src)
		})
	}
}

// problems lists the *Error values joined in err.
func problems(t *testing.T, err error) []problem {
	t.Helper()
	joined, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "%v is not a joined error", err)
	var out []problem
	for _, err := range joined.Unwrap() {
		var e *Error
		require.ErrorAs(t, err, &e)
		out = append(out, problem{File: filepath.Base(e.Pos.Filename), Line: e.Pos.Line, Type: e.Type, Err: errors.Unwrap(e)})
	}
	return out
}
