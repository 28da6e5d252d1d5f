package report

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBlank(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"", true}, {" ", true}, {" \t\n\v\f\r", true}, {"\u00a0\u0085\u2003", true}, {" \u3000 ", true},
		{"a", false}, {"  a  ", false}, {" \u00a0x", false}, {"\xff", false}, {" é", false},
	} {
		assert.Equal(t, tt.want, blank(tt.s), "%q", tt.s)
	}
}

// FuzzBlank checks blank against its definition.
func FuzzBlank(f *testing.F) {
	for _, s := range []string{"", " ", "a", " \u00a0", "\xff", "\t\u2028 x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := blank(s), strings.TrimSpace(s) == ""; got != want {
			t.Fatalf("blank(%q) = %v, want %v", s, got, want)
		}
	})
}
