package annexa

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

func TestMapTo2022(t *testing.T) {
	got, err := MapTo2022("A.12.6.1", "18.2.3", "a.5.1.2", "A.5.1.1")
	require.NoError(t, err)
	assert.Equal(t, []ControlID{"5.1", "5.36", "8.8"}, got)

	_, err = MapTo2022("A.12.6.1", "A.99.1.1", "nonsense")
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("[1]", ismsaudit.RuleUnknown))
	assert.True(t, ve.Has("[2]", ismsaudit.RuleFormat))
}

func TestControl2013IDUnmarshalText(t *testing.T) {
	var c2013 Control2013ID
	require.NoError(t, c2013.UnmarshalText([]byte("A.9.1.1")))
	assert.Equal(t, Control2013ID("9.1.1"), c2013)
}

// FuzzParseControl2013ID checks that the 2013 parser never panics and that
// an accepted id is valid.
func FuzzParseControl2013ID(f *testing.F) {
	for _, s := range []string{"9.2.1", "10", "A.12.6.1", "18.2.3", "5.1.1.1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if id, err := ParseControl2013ID(s); err == nil && !id.IsValid() {
			t.Fatalf("2013 control %q parsed to invalid %q", s, id)
		}
	})
}
