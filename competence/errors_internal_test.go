package competence

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestNum checks that figures in problems and standings read as given:
// exactly, without trailing zeros.
func TestNum(t *testing.T) {
	assert.Equal(t, "16", num(16))
	assert.Equal(t, "2.25", num(2.25))
	assert.Equal(t, "0.1", num(0.1))
}
