package competence

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestControlKey: an "A." or "a." prefix and surrounding space go, and
// nothing else; a bare prefix is not a control and stays as given.
func TestControlKey(t *testing.T) {
	for in, want := range map[string]string{
		"A.8.8": "8.8", "a.5.15": "5.15", " 8.8 ": "8.8", "  A.5.1": "5.1",
		"A.": "A.", "a.": "a.", "A": "A", "B.5.1": "B.5.1", "A8.8": "A8.8", "": "",
	} {
		assert.Equal(t, want, controlKey(in), "%q", in)
	}
}
