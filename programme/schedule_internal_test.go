package programme

import (
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
)

func TestRoundHalfDay(t *testing.T) {
	tests := []struct{ in, round, ceil float64 }{
		{5.3, 5.5, 5.5}, // IAF MD 5 2.2.3: 5.3 -> 5.5
		{5.2, 5, 5.5},   // 5.2 -> 5.0
		{5.25, 5.5, 5.5},
		{5.75, 6, 6},
		{8.5 / 3, 3, 3},
		{8.5 * 2 / 3, 5.5, 6},
		{7.5 * (1.0 / 3), 2.5, 2.5}, // floating-point noise does not push 2.5 down
		{0.8 * 7.5, 6, 6},
		{0.1, 0, 0.5},
		{0, 0, 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.round, roundHalfDay(tt.in), "roundHalfDay(%v)", tt.in)
		assert.Equal(t, tt.ceil, ceilHalfDay(tt.in), "ceilHalfDay(%v)", tt.in)
	}
}

func TestIsqrtCeil(t *testing.T) {
	for n := 1; n <= 20000; n++ {
		want := int(math.Ceil(math.Sqrt(float64(n))))
		if got := isqrtCeil(n); got != want {
			t.Fatalf("isqrtCeil(%d) = %d, want %d", n, got, want)
		}
	}
	assert.Equal(t, 31623, isqrtCeil(1_000_000_000))
}

func TestOnSiteDays(t *testing.T) {
	tests := []struct {
		days     float64
		auditors int
		want     int
	}{{0, 1, 1}, {0.5, 1, 1}, {4, 2, 2}, {5, 2, 3}, {6, 4, 2}, {3, 0, 3}, {1e30, 1, 1 << 20}}
	for _, tt := range tests {
		assert.Equal(t, tt.want, onSiteDays(tt.days, tt.auditors), "onSiteDays(%v, %d)", tt.days, tt.auditors)
	}
}

func TestYearPieces(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 9, 0, 0, 0, time.UTC) }
	tests := []struct {
		in   Window
		want []Window
	}{
		{Window{d(2026, 3, 1), d(2026, 6, 1)}, []Window{{d(2026, 3, 1), d(2026, 6, 1)}}},
		{Window{d(2026, 11, 1), d(2027, 2, 1)}, []Window{{d(2026, 11, 1), d(2026, 12, 31)}, {d(2027, 1, 1), d(2027, 2, 1)}}},
		{Window{d(2026, 12, 31), d(2028, 1, 1)}, []Window{{d(2026, 12, 31), d(2026, 12, 31)}, {d(2027, 1, 1), d(2027, 12, 31)}, {d(2028, 1, 1), d(2028, 1, 1)}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, yearPieces(tt.in)); diff != "" {
			t.Errorf("yearPieces(%v) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestOverlappingBookings(t *testing.T) {
	list := []booking{
		{auditor: "ann", first: 10, last: 14, path: "A", order: 0},
		{auditor: "bob", first: 12, last: 12, path: "B", order: 1},
		{auditor: "ann", first: 11, last: 11, path: "C", order: 2}, // inside A
		{auditor: "ann", first: 15, last: 16, path: "D", order: 3}, // after A
		{auditor: "ann", first: 16, last: 16, path: "E", order: 4}, // overlaps D
		{auditor: "bob", first: 13, last: 13, path: "F", order: 5},
	}
	got := overlappingBookings(list)
	var pairs [][2]string
	for _, o := range got {
		pairs = append(pairs, [2]string{o.earlier.path, o.later.path})
	}
	assert.Equal(t, [][2]string{{"A", "C"}, {"D", "E"}}, pairs)
}
