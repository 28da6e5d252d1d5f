package annexa

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
