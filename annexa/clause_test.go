package annexa

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

func TestClauseIDCompare(t *testing.T) {
	assert.Negative(t, ClauseID("9.2").Compare("10.1"))
	assert.Negative(t, ClauseID("9").Compare("9.1"))
}

func TestClauseIDUnmarshalText(t *testing.T) {
	var cl ClauseID
	require.NoError(t, cl.UnmarshalText([]byte(" 9.1 ")))
	assert.Equal(t, ClauseID("9.1"), cl)
}

// FuzzParseClauseID checks that the clause parser never panics and that
// an accepted id is valid.
func FuzzParseClauseID(f *testing.F) {
	for _, s := range []string{"9.2.1", "10", "A.12.6.1", "18.2.3", "5.1.1.1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if id, err := ParseClauseID(s); err == nil && !id.IsValid() {
			t.Fatalf("clause %q parsed to invalid %q", s, id)
		}
	})
}
