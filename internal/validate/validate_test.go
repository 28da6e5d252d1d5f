package validate_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

type item struct {
	Kind  kind   `validate:"required,enum"`
	Count int    `validate:"min=1"`
	Note  string `validate:"max=5"`
}

type inner struct {
	Owner kind `validate:"omitempty,enum"`
	Ref   string
}

type plan struct {
	Name  string          `validate:"required"`
	Items []item          `validate:"min=1,dive"`
	Kinds []kind          `validate:"dive,enum"`
	Tags  map[string]kind `validate:"dive,enum"`
	Team  []string        `validate:"unique"`
	Sub   inner           `validate:"required"`
	Opt   *item
	Lead  kind `validate:"enum"`
}

func validPlan() plan {
	return plan{
		Name:  "p",
		Items: []item{{Kind: "document", Count: 1}},
		Kinds: []kind{"record"},
		Tags:  map[string]kind{"x": "interview"},
		Team:  []string{"a", "b"},
		Sub:   inner{Ref: "r"},
		Lead:  "document",
	}
}

// ignoreDetail leaves the prose out of comparisons; tests check that it is
// there, not what it says.
var ignoreDetail = cmpopts.IgnoreFields(ismsaudit.FieldError{}, "Detail")

func TestStruct(t *testing.T) {
	tests := []struct {
		name   string
		prefix string
		mutate func(p *plan)
		want   []ismsaudit.FieldError
	}{
		{name: "valid", mutate: func(*plan) {}},
		{
			name:   "required top-level field",
			mutate: func(p *plan) { p.Name = "" },
			want:   []ismsaudit.FieldError{{Path: "Name", Rule: "required"}},
		},
		{
			name:   "enum in a slice element",
			mutate: func(p *plan) { p.Items = append(p.Items, item{Kind: "memo", Count: 2}) },
			want:   []ismsaudit.FieldError{{Path: "Items[1].Kind", Rule: "enum", Value: "memo"}},
		},
		{
			name:   "required enum in a slice element",
			mutate: func(p *plan) { p.Items = append(p.Items, item{Count: 1}) },
			want:   []ismsaudit.FieldError{{Path: "Items[1].Kind", Rule: "required"}},
		},
		{
			name:   "min with a value rendered",
			mutate: func(p *plan) { p.Items[0].Count = -3 },
			want:   []ismsaudit.FieldError{{Path: "Items[0].Count", Rule: "min", Value: "-3"}},
		},
		{
			name:   "min with a zero value renders no value",
			mutate: func(p *plan) { p.Items[0].Count = 0 },
			want:   []ismsaudit.FieldError{{Path: "Items[0].Count", Rule: "min"}},
		},
		{
			name:   "max on a string renders the string",
			mutate: func(p *plan) { p.Items[0].Note = "too long" },
			want:   []ismsaudit.FieldError{{Path: "Items[0].Note", Rule: "max", Value: "too long"}},
		},
		{
			name:   "min on a slice renders no value",
			mutate: func(p *plan) { p.Items = nil },
			want:   []ismsaudit.FieldError{{Path: "Items", Rule: "min"}},
		},
		{
			name:   "dive enum over a slice of enums",
			mutate: func(p *plan) { p.Kinds = []kind{"record", "", "memo"} },
			want: []ismsaudit.FieldError{
				{Path: "Kinds[1]", Rule: "enum"},
				{Path: "Kinds[2]", Rule: "enum", Value: "memo"},
			},
		},
		{
			name:   "dive enum over a map",
			mutate: func(p *plan) { p.Tags = map[string]kind{"k": "memo"} },
			want:   []ismsaudit.FieldError{{Path: "Tags[k]", Rule: "enum", Value: "memo"}},
		},
		{
			name:   "unique",
			mutate: func(p *plan) { p.Team = []string{"a", "b", "a"} },
			want:   []ismsaudit.FieldError{{Path: "Team", Rule: "unique"}},
		},
		{
			name:   "nested struct field",
			mutate: func(p *plan) { p.Sub.Owner = "memo" },
			want:   []ismsaudit.FieldError{{Path: "Sub.Owner", Rule: "enum", Value: "memo"}},
		},
		{
			name:   "required nested struct left zero",
			mutate: func(p *plan) { p.Sub = inner{} },
			want:   []ismsaudit.FieldError{{Path: "Sub", Rule: "required"}},
		},
		{
			name:   "optional pointer struct is checked when set",
			mutate: func(p *plan) { p.Opt = &item{Kind: "record", Count: 0} },
			want:   []ismsaudit.FieldError{{Path: "Opt.Count", Rule: "min"}},
		},
		{
			name:   "enum without omitempty refuses the zero value",
			mutate: func(p *plan) { p.Lead = "" },
			want:   []ismsaudit.FieldError{{Path: "Lead", Rule: "enum"}},
		},
		{
			name:   "prefix is joined to every path",
			prefix: "Plan",
			mutate: func(p *plan) { p.Name = ""; p.Items[0].Kind = "memo" },
			want: []ismsaudit.FieldError{
				{Path: "Plan.Name", Rule: "required"},
				{Path: "Plan.Items[0].Kind", Rule: "enum", Value: "memo"},
			},
		},
		{
			name:   "element prefix",
			prefix: "Plans[3]",
			mutate: func(p *plan) { p.Lead = "memo" },
			want:   []ismsaudit.FieldError{{Path: "Plans[3].Lead", Rule: "enum", Value: "memo"}},
		},
		{
			name: "every problem is reported at once, in field order",
			mutate: func(p *plan) {
				p.Name = ""
				p.Items = []item{{Kind: "memo", Count: 0, Note: "123456"}}
				p.Lead = "x"
			},
			want: []ismsaudit.FieldError{
				{Path: "Name", Rule: "required"},
				{Path: "Items[0].Kind", Rule: "enum", Value: "memo"},
				{Path: "Items[0].Count", Rule: "min"},
				{Path: "Items[0].Note", Rule: "max", Value: "123456"},
				{Path: "Lead", Rule: "enum", Value: "x"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validPlan()
			tt.mutate(&p)
			for _, arg := range []any{p, &p} {
				c := errs.NewCollector("testpkg", "plan")
				validate.Struct(c, tt.prefix, arg)
				err := c.Err()
				if len(tt.want) == 0 {
					require.NoError(t, err)
					continue
				}
				require.ErrorIs(t, err, ismsaudit.ErrInvalid)
				var ve *ismsaudit.ValidationError
				require.ErrorAs(t, err, &ve)
				if diff := cmp.Diff(tt.want, ve.Fields, ignoreDetail); diff != "" {
					t.Errorf("%T: fields mismatch (-want +got):\n%s", arg, diff)
				}
				for _, f := range ve.Fields {
					assert.NotEmpty(t, f.Detail, "%s %s has a detail", f.Path, f.Rule)
				}
			}
		})
	}
}

func TestStructAppendsToCollector(t *testing.T) {
	c := errs.NewCollector("testpkg", "plan")
	c.Add("Before", "AUD-X", "", "")
	p := validPlan()
	p.Name = ""
	validate.Struct(c, "", p)
	c.Add("After", "AUD-Y", "", "")
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, c.Err(), &ve)
	want := []ismsaudit.FieldError{
		{Path: "Before", Rule: "AUD-X"},
		{Path: "Name", Rule: "required"},
		{Path: "After", Rule: "AUD-Y"},
	}
	if diff := cmp.Diff(want, ve.Fields, ignoreDetail); diff != "" {
		t.Errorf("fields mismatch (-want +got):\n%s", diff)
	}
}

func TestStructShape(t *testing.T) {
	tests := []struct {
		name string
		arg  any
	}{
		{"nil", nil},
		{"nil pointer", (*plan)(nil)},
		{"not a struct", 42},
		{"a slice", []plan{validPlan()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := errs.NewCollector("testpkg", "plan")
			require.NotPanics(t, func() { validate.Struct(c, "Root", tt.arg) })
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, c.Err(), &ve)
			require.Len(t, ve.Fields, 1)
			assert.Equal(t, "Root", ve.Fields[0].Path)
			assert.Equal(t, ismsaudit.RuleID("shape"), ve.Fields[0].Rule)
			assert.NotEmpty(t, ve.Fields[0].Detail)
		})
	}
}

func TestEnumTagNeedsIsValid(t *testing.T) {
	// A field whose type has no IsValid method never passes "enum".
	type wrong struct {
		Plain string `validate:"enum"`
		Num   int    `validate:"enum"`
	}
	c := errs.NewCollector("testpkg", "wrong")
	validate.Struct(c, "", wrong{Plain: "document", Num: 1})
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, c.Err(), &ve)
	want := []ismsaudit.FieldError{
		{Path: "Plain", Rule: "enum", Value: "document"},
		{Path: "Num", Rule: "enum", Value: "1"},
	}
	if diff := cmp.Diff(want, ve.Fields, ignoreDetail); diff != "" {
		t.Errorf("fields mismatch (-want +got):\n%s", diff)
	}
}

func TestStructNoValidatorTypesLeak(t *testing.T) {
	p := validPlan()
	p.Name = ""
	c := errs.NewCollector("testpkg", "plan")
	validate.Struct(c, "", p)
	err := c.Err()
	require.Error(t, err)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.NotErrorIs(t, err, ismsaudit.ErrNotFound)
	// Nothing of validator's is in the chain.
	var ves validator.ValidationErrors
	assert.False(t, errors.As(err, &ves), "validator.ValidationErrors leaked")
	var inv *validator.InvalidValidationError
	assert.False(t, errors.As(err, &inv), "validator.InvalidValidationError leaked")

	c = errs.NewCollector("testpkg", "plan")
	validate.Struct(c, "", 42)
	require.Error(t, c.Err())
	assert.False(t, errors.As(c.Err(), &inv), "validator.InvalidValidationError leaked")
}

func TestStructConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			p := validPlan()
			p.Items = append(p.Items, item{Kind: kind(fmt.Sprint("memo", i)), Count: 1})
			c := errs.NewCollector("testpkg", "plan")
			validate.Struct(c, "", &p)
			var ve *ismsaudit.ValidationError
			if assert.ErrorAs(t, c.Err(), &ve) {
				assert.True(t, ve.Has("Items[1].Kind", "enum"))
			}
		})
	}
	wg.Wait()
}

// box is a generic root: validator names it with its type arguments, whose
// package path holds dots.
type box[T any] struct {
	V     T      `validate:"required"`
	Items []item `validate:"dive"`
}

func TestStructGenericRoot(t *testing.T) {
	c := errs.NewCollector("testpkg", "box")
	validate.Struct(c, "", box[kind]{Items: []item{{Kind: "memo", Count: 1}}})
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, c.Err(), &ve)
	want := []ismsaudit.FieldError{
		{Path: "V", Rule: "required"},
		{Path: "Items[0].Kind", Rule: "enum", Value: "memo"},
	}
	if diff := cmp.Diff(want, ve.Fields, ignoreDetail); diff != "" {
		t.Errorf("fields mismatch (-want +got):\n%s", diff)
	}
}
