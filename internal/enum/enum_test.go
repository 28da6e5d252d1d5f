package enum_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/enum"
)

// grade is a test enumeration written the way ismsaudit packages write
// theirs: a typed string backed by one ordered set.
type grade string

const (
	minor grade = "minor"
	major grade = "major"
	fatal grade = "fatal-error"
)

var gradeSet = enum.New("testpkg", "Grade", minor, major, fatal)

func (g grade) IsValid() bool                 { return gradeSet.Valid(g) }
func (g grade) MarshalText() ([]byte, error)  { return gradeSet.Marshal(g) }
func (g *grade) UnmarshalText(b []byte) error { return gradeSet.Unmarshal(b, g) }

func TestNewPanicsOnBadValues(t *testing.T) {
	tests := []struct {
		name   string
		values []grade
	}{
		{"empty value first", []grade{"", minor}},
		{"empty value last", []grade{minor, major, ""}},
		{"duplicate adjacent", []grade{minor, minor}},
		{"duplicate apart", []grade{minor, major, fatal, major}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Panics(t, func() { enum.New("testpkg", "Grade", tt.values...) })
		})
	}
}

func TestNewAcceptsGoodValues(t *testing.T) {
	tests := []struct {
		name   string
		values []grade
	}{
		{"none", nil},
		{"one", []grade{minor}},
		{"case differs", []grade{"a", "A"}},
		{"unicode", []grade{"é", "e"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s *enum.Set[grade]
			require.NotPanics(t, func() { s = enum.New("testpkg", "Grade", tt.values...) })
			assert.Equal(t, len(tt.values), s.Len())
			assert.Equal(t, "Grade", s.Name())
		})
	}
}

func TestAllOrder(t *testing.T) {
	want := []grade{minor, major, fatal}
	if diff := cmp.Diff(want, slices.Collect(gradeSet.All())); diff != "" {
		t.Errorf("All mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, gradeSet.Values()); diff != "" {
		t.Errorf("Values mismatch (-want +got):\n%s", diff)
	}
	assert.Equal(t, 3, gradeSet.Len())

	// All stops when the consumer does.
	var first []grade
	for g := range gradeSet.All() {
		first = append(first, g)
		if len(first) == 2 {
			break
		}
	}
	if diff := cmp.Diff([]grade{minor, major}, first); diff != "" {
		t.Errorf("All with break mismatch (-want +got):\n%s", diff)
	}
}

func TestValuesIsACopy(t *testing.T) {
	v := gradeSet.Values()
	v[0] = "changed"
	if diff := cmp.Diff([]grade{minor, major, fatal}, gradeSet.Values()); diff != "" {
		t.Errorf("set changed through Values (-want +got):\n%s", diff)
	}
	assert.True(t, gradeSet.Valid(minor))
	assert.False(t, gradeSet.Valid("changed"))
}

func TestValidAndIndex(t *testing.T) {
	tests := []struct {
		in    grade
		valid bool
		index int
	}{
		{minor, true, 0},
		{major, true, 1},
		{fatal, true, 2},
		{"", false, -1},
		{"Minor", false, -1},
		{" minor", false, -1},
		{"minor ", false, -1},
		{"fatal_error", false, -1},
		{"unknown", false, -1},
	}
	for _, tt := range tests {
		t.Run(string(tt.in), func(t *testing.T) {
			assert.Equal(t, tt.valid, gradeSet.Valid(tt.in))
			assert.Equal(t, tt.index, gradeSet.Index(tt.in))
			assert.Equal(t, tt.valid, tt.in.IsValid())
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b grade
		want int
	}{
		{minor, minor, 0},
		{minor, major, -1},
		{major, minor, 1},
		{minor, fatal, -1},
		{fatal, major, 1},
		{"", minor, -1},     // invalid before valid
		{fatal, "bogus", 1}, // valid after invalid
		{"", "bogus", 0},    // invalid values tie
		{"bogus", "bogus", 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.a)+"_vs_"+string(tt.b), func(t *testing.T) {
			assert.Equal(t, tt.want, gradeSet.Compare(tt.a, tt.b))
			assert.Equal(t, -tt.want, gradeSet.Compare(tt.b, tt.a), "Compare is antisymmetric")
		})
	}

	// Sorting with Compare gives canonical order, invalid values first.
	got := []grade{fatal, "x", major, minor, fatal}
	slices.SortStableFunc(got, gradeSet.Compare)
	if diff := cmp.Diff([]grade{"x", minor, major, fatal, fatal}, got); diff != "" {
		t.Errorf("sorted mismatch (-want +got):\n%s", diff)
	}
}

func TestParse(t *testing.T) {
	valid := []string{"minor", "major", "fatal-error"}
	tests := []struct {
		in      string
		want    grade
		wantErr bool
	}{
		{"minor", minor, false},
		{"major", major, false},
		{"fatal-error", fatal, false},
		{"", "", true},
		{"MAJOR", "", true},
		{"major ", "", true},
		{"fatal_error", "", true},
		{"maj", "", true},
		{"majorx", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := gradeSet.Parse(tt.in)
			if !tt.wantErr {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
				return
			}
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			assert.NotErrorIs(t, err, ismsaudit.ErrNotFound)
			assert.Equal(t, grade(""), got, "a failed parse returns the zero value")
			var pe *ismsaudit.ParseError
			require.ErrorAs(t, err, &pe)
			want := &ismsaudit.ParseError{Pkg: "testpkg", Type: "Grade", Input: tt.in, Valid: valid}
			if diff := cmp.Diff(want, pe); diff != "" {
				t.Errorf("ParseError mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestErrorValidIsACopy(t *testing.T) {
	_, err := gradeSet.Parse("nope")
	var pe *ismsaudit.ParseError
	require.ErrorAs(t, err, &pe)
	pe.Valid[0] = "tampered"

	_, err = gradeSet.Parse("nope")
	require.ErrorAs(t, err, &pe)
	if diff := cmp.Diff([]string{"minor", "major", "fatal-error"}, pe.Valid); diff != "" {
		t.Errorf("Valid mismatch (-want +got):\n%s", diff)
	}
	got, err := gradeSet.Parse("minor")
	require.NoError(t, err)
	assert.Equal(t, minor, got)
}

func TestMarshal(t *testing.T) {
	tests := []struct {
		name    string
		in      grade
		want    string
		wantErr bool
	}{
		{"value", major, "major", false},
		{"kebab value", fatal, "fatal-error", false},
		{"zero is empty text", "", "", false},
		{"unknown refused", "bogus", "", true},
		{"wrong case refused", "Major", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := gradeSet.Marshal(tt.in)
			if tt.wantErr {
				require.ErrorIs(t, err, ismsaudit.ErrInvalid)
				var pe *ismsaudit.ParseError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, string(tt.in), pe.Input)
				assert.Nil(t, b)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(b))
		})
	}
}

func TestUnmarshal(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		want    grade
		wantErr bool
	}{
		{"value", []byte("minor"), minor, false},
		{"kebab value", []byte("fatal-error"), fatal, false},
		{"empty text is zero", []byte(""), "", false},
		{"nil text is zero", nil, "", false},
		{"unknown refused", []byte("bogus"), "", true},
		{"padded refused", []byte(" minor"), "", true},
		{"wrong case refused", []byte("Minor"), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := major // start from a set value to see what changes
			err := gradeSet.Unmarshal(tt.in, &got)
			if tt.wantErr {
				require.ErrorIs(t, err, ismsaudit.ErrInvalid)
				var pe *ismsaudit.ParseError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, string(tt.in), pe.Input)
				assert.Equal(t, major, got, "a refused text leaves the value alone")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestMarshalUnmarshalSymmetric(t *testing.T) {
	for _, g := range append(gradeSet.Values(), "") {
		t.Run(string(g), func(t *testing.T) {
			b, err := gradeSet.Marshal(g)
			require.NoError(t, err)
			var back grade = "major"
			require.NoError(t, gradeSet.Unmarshal(b, &back))
			assert.Equal(t, g, back)
		})
	}
}

func TestJSONThroughTextMethods(t *testing.T) {
	type doc struct {
		Grade    grade         `json:"grade"`
		Optional grade         `json:"optional"`
		Counts   map[grade]int `json:"counts"`
		List     []grade       `json:"list"`
	}
	in := doc{Grade: fatal, Counts: map[grade]int{minor: 2, major: 1}, List: []grade{major, minor}}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	var out doc
	require.NoError(t, json.Unmarshal(b, &out))
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}

	_, err = json.Marshal(doc{Grade: "bogus"})
	require.ErrorIs(t, err, ismsaudit.ErrInvalid, "nothing invalid is ever written")

	err = json.Unmarshal([]byte(`{"grade":"bogus"}`), &out)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var pe *ismsaudit.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "bogus", pe.Input)
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"minor", "major", "fatal-error", "", "Major", "fatal_error", " minor", "\x00", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := gradeSet.Parse(s)
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var pe *ismsaudit.ParseError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, s, pe.Input)
			require.False(t, gradeSet.Valid(grade(s)))
			require.Equal(t, -1, gradeSet.Index(grade(s)))

			var u grade = minor
			uerr := gradeSet.Unmarshal([]byte(s), &u)
			if s == "" {
				require.NoError(t, uerr, "empty text is the zero value")
				require.Equal(t, grade(""), u)
			} else {
				require.ErrorIs(t, uerr, ismsaudit.ErrInvalid, "Unmarshal is as strict as Parse")
				require.Equal(t, minor, u)
				_, merr := gradeSet.Marshal(grade(s))
				require.ErrorIs(t, merr, ismsaudit.ErrInvalid, "Marshal refuses what Parse refuses")
			}
			return
		}
		require.True(t, gradeSet.Valid(g))
		require.GreaterOrEqual(t, gradeSet.Index(g), 0)
		b, err := gradeSet.Marshal(g)
		require.NoError(t, err)
		require.Equal(t, s, string(b), "parse then marshal gives the same text")
		var back grade
		require.NoError(t, gradeSet.Unmarshal(b, &back))
		require.Equal(t, g, back)
	})
}

func BenchmarkEnumParse(b *testing.B) {
	for _, in := range []struct{ name, text string }{
		{"valid", "fatal-error"},
		{"invalid", "fatal_error"},
	} {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = gradeSet.Parse(in.text)
			}
		})
	}
}

func TestNewCopiesValues(t *testing.T) {
	values := []grade{minor, major}
	s := enum.New("testpkg", "Grade", values...)
	values[0] = "tampered"
	if diff := cmp.Diff([]grade{minor, major}, slices.Collect(s.All())); diff != "" {
		t.Errorf("All mismatch after the caller changed its slice (-want +got):\n%s", diff)
	}
}

// TestUnmarshalAllocatesNothing pins what decoding a large record relies
// on: a valid token is looked up by its bytes and set to the set's own
// value, without allocating a string for it.
func TestUnmarshalAllocatesNothing(t *testing.T) {
	text := []byte("fatal-error")
	var g grade
	allocs := testing.AllocsPerRun(100, func() {
		if err := gradeSet.Unmarshal(text, &g); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
	assert.Equal(t, fatal, g)
	text[0] = 'F' // the value does not share the caller's bytes
	assert.Equal(t, fatal, g)
}
