package errs_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

func TestSentinelsAreDistinct(t *testing.T) {
	sentinels := []error{ismsaudit.ErrInvalid, ismsaudit.ErrNotFound, ismsaudit.ErrTransition}
	for i, a := range sentinels {
		for j, b := range sentinels {
			assert.Equal(t, i == j, errors.Is(a, b), "errors.Is(%v, %v)", a, b)
		}
	}
}

func TestValidationErrorUnwrap(t *testing.T) {
	// Every validation error is ErrInvalid; it is ErrNotFound as well when
	// some problem is a reference to something unknown.
	tests := []struct {
		name         string
		fields       []ismsaudit.FieldError
		wantNotFound bool
	}{
		{"no fields", nil, false},
		{"one shape problem", []ismsaudit.FieldError{{Path: "Name", Rule: "required"}}, false},
		{"one unknown reference", []ismsaudit.FieldError{{Path: "Control", Rule: ismsaudit.RuleUnknown, Value: "A.9.9"}}, true},
		{"all unknown references", []ismsaudit.FieldError{
			{Path: "Items[0].Control", Rule: ismsaudit.RuleUnknown},
			{Path: "Items[3].Control", Rule: ismsaudit.RuleUnknown},
		}, true},
		{"unknown first, shape after", []ismsaudit.FieldError{
			{Path: "Items[0].Control", Rule: ismsaudit.RuleUnknown},
			{Path: "Items[1].Result", Rule: "enum"},
		}, true},
		{"shape first, unknown last", []ismsaudit.FieldError{
			{Path: "Items[1].Result", Rule: "enum"},
			{Path: "Items[2].Note", Rule: "max"},
			{Path: "Items[0].Control", Rule: ismsaudit.RuleUnknown},
		}, true},
		{"rule close to unknown is not unknown", []ismsaudit.FieldError{{Rule: "unknown-field"}, {Rule: "Unknown"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error = &ismsaudit.ValidationError{Pkg: "annexa", Subject: "SoA", Fields: tt.fields}
			for _, err := range []error{err, fmt.Errorf("loading: %w", err)} {
				require.ErrorIs(t, err, ismsaudit.ErrInvalid)
				assert.Equal(t, tt.wantNotFound, errors.Is(err, ismsaudit.ErrNotFound), "errors.Is(err, ErrNotFound)")
				assert.NotErrorIs(t, err, ismsaudit.ErrTransition)

				var ve *ismsaudit.ValidationError
				require.ErrorAs(t, err, &ve)
				assert.Equal(t, "annexa", ve.Pkg)
				assert.Equal(t, "SoA", ve.Subject)
				if diff := cmp.Diff(tt.fields, ve.Fields); diff != "" {
					t.Errorf("Fields mismatch (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestValidationErrorHas(t *testing.T) {
	ve := &ismsaudit.ValidationError{Fields: []ismsaudit.FieldError{
		{Path: "Decisions[3].Justification", Rule: "required"},
		{Path: "Owner", Rule: "enum", Value: "nobody"},
		{Rule: "json-syntax"},
	}}
	tests := []struct {
		path string
		rule ismsaudit.RuleID
		want bool
	}{
		{"Decisions[3].Justification", "required", true},
		{"Owner", "enum", true},
		{"", "json-syntax", true},
		{"", "required", true}, // empty path matches any path
		{"", "enum", true},
		{"Owner", "required", false},
		{"Decisions[3]", "required", false}, // paths match exactly, not by prefix
		{"Decisions[3].Justification", "enum", false},
		{"", "unique", false},
		{"Owner", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.path+"/"+string(tt.rule), func(t *testing.T) {
			assert.Equal(t, tt.want, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)))
		})
	}
	assert.False(t, (&ismsaudit.ValidationError{}).Has("", "required"), "no fields, nothing matches")
}

func TestValidationErrorMessageIsBounded(t *testing.T) {
	tests := []struct {
		name     string
		problems int
	}{
		{"one", 1},
		{"a few", 5},
		{"just under the bound", 8},
		{"just over the bound", 9},
		{"a hundred", 100},
		{"a thousand", 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := errs.NewCollector("audit", "plan")
			for i := range tt.problems {
				c.Add(errs.Index("Team", i)+".Auditor", "required", "", "")
			}
			err := c.Err()
			require.Error(t, err)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Len(t, ve.Fields, tt.problems, "Fields keeps every problem")

			msg := err.Error()
			mentioned := 0
			for i := range tt.problems {
				if strings.Contains(msg, errs.Index("Team", i)+".") {
					mentioned++
				}
			}
			assert.Positive(t, mentioned, "the first problem is spelled out")
			assert.LessOrEqual(t, mentioned, 8, "only the first few problems are spelled out")
			if tt.problems <= 8 {
				assert.Equal(t, tt.problems, mentioned, "a short list is spelled out whole")
			}
			assert.Less(t, len(msg), 8*100, "message length does not grow with the number of problems")
		})
	}
}

func TestFieldErrorStringIsBounded(t *testing.T) {
	long := strings.Repeat("x", 10_000)
	f := ismsaudit.FieldError{Path: "Notes", Rule: "max", Value: long}
	assert.Less(t, len(f.String()), 200, "a long value is truncated")
	pe := &ismsaudit.ParseError{Pkg: "annexa", Type: "Theme", Input: long}
	assert.Less(t, len(pe.Error()), 200, "a long input is truncated")
	nf := &ismsaudit.NotFoundError{Pkg: "annexa", Type: "Annex A control", ID: long}
	assert.Less(t, len(nf.Error()), 200, "a long id is truncated")
}

func TestValidationErrorJSONFieldsAreStable(t *testing.T) {
	// The FieldError is the value hosts see; its zero value renders
	// something and never panics.
	assert.NotPanics(t, func() { _ = ismsaudit.FieldError{}.String() })
	assert.NotPanics(t, func() { _ = (&ismsaudit.ValidationError{}).Error() })
	assert.NotPanics(t, func() { _ = (&ismsaudit.ParseError{}).Error() })
	assert.NotPanics(t, func() { _ = (&ismsaudit.NotFoundError{}).Error() })
}

func TestCollector(t *testing.T) {
	inner := errs.NewCollector("annexa", "decision")
	inner.Add("Justification", "required", "", "a value is required")
	inner.Add("", "AUD-X", "", "")
	innerErr := inner.Err()
	require.Error(t, innerErr)

	tests := []struct {
		name string
		fill func(c *errs.Collector)
		want []ismsaudit.FieldError
	}{
		{
			name: "nothing",
			fill: func(*errs.Collector) {},
		},
		{
			name: "add keeps every field and the order",
			fill: func(c *errs.Collector) {
				c.Add("Owner", "enum", "nobody", "not a valid value")
				c.Add("", "json-syntax", "", "")
				c.Add("Owner", "enum", "nobody", "not a valid value") // repeats are kept
			},
			want: []ismsaudit.FieldError{
				{Path: "Owner", Rule: "enum", Value: "nobody", Detail: "not a valid value"},
				{Rule: "json-syntax"},
				{Path: "Owner", Rule: "enum", Value: "nobody", Detail: "not a valid value"},
			},
		},
		{
			name: "add field joins the prefix",
			fill: func(c *errs.Collector) {
				c.AddField("Plan", ismsaudit.FieldError{Path: "Team[2]", Rule: "required"})
				c.AddField("Items", ismsaudit.FieldError{Path: "[3].Result", Rule: "enum", Value: "maybe", Detail: "d"})
				c.AddField("Plan", ismsaudit.FieldError{Rule: "AUD-PLAN-COMPLETE"})
				c.AddField("", ismsaudit.FieldError{Path: "Scope", Rule: "required"})
			},
			want: []ismsaudit.FieldError{
				{Path: "Plan.Team[2]", Rule: "required"},
				{Path: "Items[3].Result", Rule: "enum", Value: "maybe", Detail: "d"},
				{Path: "Plan", Rule: "AUD-PLAN-COMPLETE"},
				{Path: "Scope", Rule: "required"},
			},
		},
		{
			name: "merge nil adds nothing",
			fill: func(c *errs.Collector) { c.Merge("Decisions[0]", "decision", nil) },
		},
		{
			name: "merge a validation error prefixes every field",
			fill: func(c *errs.Collector) { c.Merge("Decisions[4]", "decision", innerErr) },
			want: []ismsaudit.FieldError{
				{Path: "Decisions[4].Justification", Rule: "required", Detail: "a value is required"},
				{Path: "Decisions[4]", Rule: "AUD-X"},
			},
		},
		{
			name: "merge a wrapped validation error",
			fill: func(c *errs.Collector) { c.Merge("", "decision", fmt.Errorf("context: %w", innerErr)) },
			want: []ismsaudit.FieldError{
				{Path: "Justification", Rule: "required", Detail: "a value is required"},
				{Rule: "AUD-X"},
			},
		},
		{
			name: "merge another error adds one field with the rule",
			fill: func(c *errs.Collector) {
				c.Merge("Control", ismsaudit.RuleUnknown, &ismsaudit.NotFoundError{Pkg: "annexa", Type: "Annex A control", ID: "A.9.9"})
			},
			want: []ismsaudit.FieldError{{Path: "Control", Rule: ismsaudit.RuleUnknown}},
		},
	}
	ignoreMergedDetail := cmp.FilterPath(func(p cmp.Path) bool {
		return p.Last().String() == ".Detail"
	}, cmp.Ignore())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := errs.NewCollector("annexa", "SoA")
			tt.fill(c)
			assert.Equal(t, len(tt.want), c.Len())
			err := c.Err()
			if len(tt.want) == 0 {
				assert.NoError(t, err, "Err is nil when nothing was collected")
				return
			}
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "annexa", ve.Pkg)
			assert.Equal(t, "SoA", ve.Subject)
			opts := cmp.Options{}
			if strings.HasPrefix(tt.name, "merge another") {
				// The detail is the error's text, which we do not pin.
				opts = append(opts, ignoreMergedDetail)
				require.Len(t, ve.Fields, 1)
				assert.NotEmpty(t, ve.Fields[0].Detail, "the error's text becomes the detail")
			}
			if diff := cmp.Diff(tt.want, ve.Fields, opts); diff != "" {
				t.Errorf("Fields mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCollectorMergedUnknownsStayNotFound(t *testing.T) {
	inner := errs.NewCollector("annexa", "checklist")
	inner.Add("Control", ismsaudit.RuleUnknown, "A.9.9", "")
	c := errs.NewCollector("audit", "plan")
	c.Merge("Checklist", "checklist", inner.Err())
	require.ErrorIs(t, c.Err(), ismsaudit.ErrNotFound)
	require.ErrorIs(t, c.Err(), ismsaudit.ErrInvalid)

	c.Add("Scope", "required", "", "")
	require.ErrorIs(t, c.Err(), ismsaudit.ErrInvalid)
	require.ErrorIs(t, c.Err(), ismsaudit.ErrNotFound, "a merged unknown reference still counts")

	other := errs.NewCollector("audit", "plan")
	other.Add("Scope", "required", "", "")
	assert.NotErrorIs(t, other.Err(), ismsaudit.ErrNotFound)
}

func TestCollectorErrIsASnapshot(t *testing.T) {
	c := errs.NewCollector("audit", "plan")
	c.Add("A", "required", "", "")
	first := c.Err()
	c.Add("B", "required", "", "")
	second := c.Err()

	var ve1, ve2 *ismsaudit.ValidationError
	require.ErrorAs(t, first, &ve1)
	require.ErrorAs(t, second, &ve2)
	want1 := []ismsaudit.FieldError{{Path: "A", Rule: "required"}}
	want2 := []ismsaudit.FieldError{{Path: "A", Rule: "required"}, {Path: "B", Rule: "required"}}
	if diff := cmp.Diff(want1, ve1.Fields); diff != "" {
		t.Errorf("first Err mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want2, ve2.Fields); diff != "" {
		t.Errorf("second Err mismatch (-want +got):\n%s", diff)
	}
}

func TestJoinPath(t *testing.T) {
	tests := []struct {
		prefix, path, want string
	}{
		{"", "", ""},
		{"", "Name", "Name"},
		{"Plan", "", "Plan"},
		{"Plan", "Team[2]", "Plan.Team[2]"},
		{"Items", "[3].Result", "Items[3].Result"},
		{"Items", "[3]", "Items[3]"},
		{"", "[3]", "[3]"},
		{"Items[3]", "[0]", "Items[3][0]"},
		{"A.B", "C.D", "A.B.C.D"},
		{"Tags", `["x"]`, `Tags["x"]`},
	}
	for _, tt := range tests {
		t.Run(tt.prefix+"+"+tt.path, func(t *testing.T) {
			assert.Equal(t, tt.want, errs.JoinPath(tt.prefix, tt.path))
		})
	}
}

func TestIndex(t *testing.T) {
	tests := []struct {
		path string
		i    int
		want string
	}{
		{"Items", 3, "Items[3]"},
		{"Items", 0, "Items[0]"},
		{"", 7, "[7]"},
		{"Plan.Team", 12, "Plan.Team[12]"},
		{"Items[1]", 2, "Items[1][2]"},
		{"Items", -1, "Items[-1]"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, errs.Index(tt.path, tt.i))
		})
	}
	// Index and JoinPath compose: an element path under a prefix.
	assert.Equal(t, "Plan.Team[2].Auditor", errs.JoinPath("Plan", errs.Index("Team", 2)+".Auditor"))
	assert.Equal(t, "Items[2]", errs.JoinPath("Items", errs.Index("", 2)))
}

func TestParseError(t *testing.T) {
	pe := &ismsaudit.ParseError{Pkg: "annexa", Type: "Theme", Input: "legal", Valid: []string{"organizational", "people"}}
	var err error = fmt.Errorf("reading: %w", pe)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	assert.NotErrorIs(t, err, ismsaudit.ErrNotFound)
	assert.NotErrorIs(t, err, ismsaudit.ErrTransition)
	var got *ismsaudit.ParseError
	require.ErrorAs(t, err, &got)
	want := &ismsaudit.ParseError{Pkg: "annexa", Type: "Theme", Input: "legal", Valid: []string{"organizational", "people"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseError mismatch (-want +got):\n%s", diff)
	}
	assert.NotEmpty(t, pe.Error())
	assert.NotEmpty(t, (&ismsaudit.ParseError{Pkg: "annexa", Type: "control id", Input: "A.x", Detail: "want A.<theme>.<n>"}).Error())
}

func TestNotFoundError(t *testing.T) {
	nf := &ismsaudit.NotFoundError{Pkg: "annexa", Type: "Annex A control", ID: "A.9.9"}
	var err error = fmt.Errorf("lookup: %w", nf)
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	assert.NotErrorIs(t, err, ismsaudit.ErrInvalid)
	assert.NotErrorIs(t, err, ismsaudit.ErrTransition)
	var got *ismsaudit.NotFoundError
	require.ErrorAs(t, err, &got)
	if diff := cmp.Diff(&ismsaudit.NotFoundError{Pkg: "annexa", Type: "Annex A control", ID: "A.9.9"}, got); diff != "" {
		t.Errorf("NotFoundError mismatch (-want +got):\n%s", diff)
	}
	assert.NotEmpty(t, nf.Error())
}

func TestFieldErrorStringMentionsParts(t *testing.T) {
	// Not the wording: only that every non-empty part is shown, and empty
	// ones leave no trace of a path.
	f := ismsaudit.FieldError{Path: "Decisions[3].Justification", Rule: "required", Value: "v1", Detail: "d1"}
	s := f.String()
	for _, part := range []string{f.Path, string(f.Rule), f.Value, f.Detail} {
		assert.Contains(t, s, part)
	}
	assert.False(t, strings.HasPrefix(ismsaudit.FieldError{Rule: "json-syntax"}.String(), ":"), "no path, no path separator")
}

func TestTruncateKeepsWholeRunes(t *testing.T) {
	value := "a" + strings.Repeat("é", 100) // byte 80 falls inside an é
	for _, s := range []string{
		ismsaudit.FieldError{Path: "Notes", Rule: "max", Value: value}.String(),
		(&ismsaudit.ParseError{Pkg: "annexa", Type: "Theme", Input: value}).Error(),
		(&ismsaudit.NotFoundError{Pkg: "annexa", Type: "control", ID: value}).Error(),
	} {
		assert.NotContains(t, s, `\x`, "a truncated value ends on a whole rune")
	}
}
