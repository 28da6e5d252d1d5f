package annexa

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

func TestParseClauseID(t *testing.T) {
	tests := []struct {
		in   string
		want ClauseID
		err  error
	}{
		{"4", "4", nil},
		{"9.2.1", "9.2.1", nil},
		{" 10.2 ", "10.2", nil},
		{"6.3", "6.3", nil},
		{"11", "", ismsaudit.ErrNotFound},
		{"6.4", "", ismsaudit.ErrNotFound},
		{"3", "", ismsaudit.ErrNotFound},
		{"9.2.3", "", ismsaudit.ErrNotFound},
		{"", "", ismsaudit.ErrInvalid},
		{"9..2", "", ismsaudit.ErrInvalid},
		{"9.2.", "", ismsaudit.ErrInvalid},
		{"A.9", "", ismsaudit.ErrInvalid},
		{"clause", "", ismsaudit.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseClauseID(tt.in)
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseControl2013ID(t *testing.T) {
	tests := []struct {
		in   string
		want Control2013ID
		err  error
	}{
		{"5.1.1", "5.1.1", nil},
		{"A.12.6.1", "12.6.1", nil},
		{" a.18.2.3 ", "18.2.3", nil},
		{"18.2.4", "", ismsaudit.ErrNotFound},
		{"5.1", "", ismsaudit.ErrInvalid},
		{"5.1.1.1", "", ismsaudit.ErrInvalid},
		{"", "", ismsaudit.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseControl2013ID(tt.in)
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		in   string
		want Ref
		err  error
	}{
		{"A.5.1", RefToControl("5.1"), nil},
		{"a.8.8", RefToControl("8.8"), nil},
		{"9.2", RefToClause("9.2"), nil},
		{"clause 9.2.1", RefToClause("9.2.1"), nil},
		{"Clause 4", RefToClause("4"), nil},
		{"document:policy-7", RefToDocument("policy-7"), nil},
		{"document: ", Ref{}, ismsaudit.ErrInvalid},
		{"A.9.9", Ref{}, ismsaudit.ErrNotFound},
		{"bogus", Ref{}, ismsaudit.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseRef(tt.in)
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			back, err := ParseRef(got.String())
			require.NoError(t, err)
			assert.Equal(t, got, back, "String round trip")
			require.NoError(t, got.Validate())
		})
	}
}

func TestIDCompare(t *testing.T) {
	assert.Negative(t, ControlID("5.2").Compare("5.10"))
	assert.Positive(t, ControlID("6.1").Compare("5.37"))
	assert.Zero(t, ControlID("8.1").Compare("8.1"))
	assert.Negative(t, ControlID("bogus").Compare("5.1"))
	assert.Negative(t, ClauseID("9.2").Compare("10.1"))
	assert.Negative(t, ClauseID("9").Compare("9.1"))
}

func TestIDTextUnmarshal(t *testing.T) {
	var id ControlID
	require.NoError(t, id.UnmarshalText([]byte(" A.5.1")))
	assert.Equal(t, ControlID("5.1"), id)
	require.NoError(t, id.UnmarshalText([]byte("nonsense")))
	assert.Equal(t, ControlID("nonsense"), id, "kept for validation to report")
	assert.False(t, id.IsValid())
	var c2013 Control2013ID
	require.NoError(t, c2013.UnmarshalText([]byte("A.9.1.1")))
	assert.Equal(t, Control2013ID("9.1.1"), c2013)
	var cl ClauseID
	require.NoError(t, cl.UnmarshalText([]byte(" 9.1 ")))
	assert.Equal(t, ClauseID("9.1"), cl)
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

// FuzzParseRef checks that ParseRef never panics and that an accepted
// reference validates and survives String.
func FuzzParseRef(f *testing.F) {
	for _, s := range []string{"A.5.1", "9.2", "clause 4.1", "document:x", "document:", "clause ", "A.9.9", "10.2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRef(s)
		if err != nil {
			return
		}
		if verr := r.Validate(); verr != nil {
			t.Fatalf("%q parsed to invalid %+v: %v", s, r, verr)
		}
		back, err := ParseRef(r.String())
		if err != nil || back != r {
			t.Fatalf("%+v does not survive String: %+v %v", r, back, err)
		}
	})
}

// FuzzParseOtherIDs covers the clause and 2013 parsers.
func FuzzParseOtherIDs(f *testing.F) {
	for _, s := range []string{"9.2.1", "10", "A.12.6.1", "18.2.3", "5.1.1.1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if id, err := ParseClauseID(s); err == nil && !id.IsValid() {
			t.Fatalf("clause %q parsed to invalid %q", s, id)
		}
		if id, err := ParseControl2013ID(s); err == nil && !id.IsValid() {
			t.Fatalf("2013 control %q parsed to invalid %q", s, id)
		}
	})
}
