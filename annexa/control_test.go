package annexa

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLookupControl(t *testing.T) {
	c, err := LookupControl("A.8.8")
	require.NoError(t, err)
	assert.Equal(t, ControlID("8.8"), c.ID())
	assert.Equal(t, "Management of technical vulnerabilities", c.Title())
	assert.Equal(t, Technological, c.Theme())
	assert.Equal(t, "A.8.8 Management of technical vulnerabilities", c.String())
	assert.Equal(t, []Attribute{Preventive}, c.AttributesOf(ControlTypeKind))
	assert.True(t, c.Has(Protect))
	assert.False(t, c.Has(Detective))
	assert.False(t, c.Has("bogus"))
	assert.Nil(t, c.AttributesOf("bogus"))
	var preds []Control2013ID
	for _, p := range c.Predecessors() {
		preds = append(preds, p.ID())
	}
	assert.Equal(t, []Control2013ID{"12.6.1", "18.2.3"}, preds)
	assert.False(t, c.IsNew())
	assert.True(t, MustControl("5.7").IsNew())

	_, err = LookupControl("8.99")
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	assert.Panics(t, func() { MustControl("8.99") })
}

func TestParseControlID(t *testing.T) {
	tests := []struct {
		in   string
		want ControlID
		err  error
	}{
		{"5.1", "5.1", nil},
		{"A.5.1", "5.1", nil},
		{"a.5.1", "5.1", nil},
		{" 5.1 ", "5.1", nil},
		{"\tA.8.34\n", "8.34", nil},
		{"5.37", "5.37", nil},
		{"6.8", "6.8", nil},
		{"7.14", "7.14", nil},
		{"5.38", "", ismsaudit.ErrNotFound},
		{"6.9", "", ismsaudit.ErrNotFound},
		{"8.35", "", ismsaudit.ErrNotFound},
		{"9.1", "", ismsaudit.ErrNotFound},
		{"4.1", "", ismsaudit.ErrNotFound},
		{"5.0", "", ismsaudit.ErrNotFound},
		{"", "", ismsaudit.ErrInvalid},
		{"A.", "", ismsaudit.ErrInvalid},
		{"5", "", ismsaudit.ErrInvalid},
		{"5.", "", ismsaudit.ErrInvalid},
		{".1", "", ismsaudit.ErrInvalid},
		{"05.1", "", ismsaudit.ErrInvalid},
		{"5.01", "", ismsaudit.ErrInvalid},
		{"5.1.1", "", ismsaudit.ErrInvalid},
		{"A5.1", "", ismsaudit.ErrInvalid},
		{"A.A.5.1", "", ismsaudit.ErrInvalid},
		{"5.100", "", ismsaudit.ErrInvalid},
		{"５.1", "", ismsaudit.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseControlID(tt.in)
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				assert.Empty(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.True(t, got.IsValid())
			assert.Equal(t, tt.in == string(tt.want), ControlID(tt.in).IsValid(), "only the canonical form is valid as it stands")
		})
	}
}

func TestParseErrorsAreTyped(t *testing.T) {
	_, err := ParseControlID("x.1")
	var pe *ismsaudit.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "x.1", pe.Input)
	_, err = ParseControlID("5.99")
	var nf *ismsaudit.NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "5.99", nf.ID)
}

func TestControlIDCompare(t *testing.T) {
	assert.Negative(t, ControlID("5.2").Compare("5.10"))
	assert.Positive(t, ControlID("6.1").Compare("5.37"))
	assert.Zero(t, ControlID("8.1").Compare("8.1"))
	assert.Negative(t, ControlID("bogus").Compare("5.1"))
}

func TestControlIDUnmarshalText(t *testing.T) {
	var id ControlID
	require.NoError(t, id.UnmarshalText([]byte(" A.5.1")))
	assert.Equal(t, ControlID("5.1"), id)
	require.NoError(t, id.UnmarshalText([]byte("nonsense")))
	assert.Equal(t, ControlID("nonsense"), id, "kept for validation to report")
	assert.False(t, id.IsValid())
}

// FuzzParseControlID checks that parsing never panics and that an accepted
// id is canonical, valid and parses to itself.
func FuzzParseControlID(f *testing.F) {
	for _, s := range []string{"5.1", "A.5.1", "a.8.34", " 7.14 ", "5.38", "9.1", "05.1", "", "A.", "5.1.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseControlID(s)
		if err != nil {
			if id != "" {
				t.Fatalf("error with id %q", id)
			}
			return
		}
		if !id.IsValid() {
			t.Fatalf("%q parsed to invalid %q", s, id)
		}
		again, err := ParseControlID(string(id))
		if err != nil || again != id {
			t.Fatalf("canonical %q does not parse to itself: %q %v", id, again, err)
		}
		if _, err := LookupControl(s); err != nil {
			t.Fatalf("lookup of %q failed after parse: %v", s, err)
		}
	})
}
