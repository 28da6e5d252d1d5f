package competence

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestAppendDay checks the fast date writer against time.DateOnly, on
// both sides of the four-digit years it handles itself.
func TestAppendDay(t *testing.T) {
	for _, y := range []int{-1, 0, 1, 999, 1998, 2025, 9999, 10000} {
		d := time.Date(y, time.November, 23, 15, 4, 5, 0, time.UTC)
		assert.Equal(t, d.Format(time.DateOnly), string(appendDay(nil, d)), "year %d", y)
	}
}
