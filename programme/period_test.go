package programme

import (
	"math"
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestPeriodIndexMatchesDate holds the arithmetic period numbering to
// time.Time.Date in UTC, over instants from far in the past to far in
// the future, period boundaries and other time zones included.
func TestPeriodIndexMatchesDate(t *testing.T) {
	reference := func(p Period, t time.Time) int64 {
		year, month, _ := t.UTC().Date()
		y, m := int64(year), int64(month)-1
		switch p {
		case PeriodMonth:
			return y*12 + m
		case PeriodQuarter:
			return y*4 + m/3
		}
		return y
	}
	zones := []*time.Location{time.UTC, time.FixedZone("east", 14*3600), time.FixedZone("west", -12*3600)}
	check := func(tb interface{ Fatalf(string, ...any) }, at time.Time) {
		for p := range Periods() {
			if got, want := periodIndex(p, at), reference(p, at); got != want {
				tb.Fatalf("%s of %v: %d, Date says %d", p, at, got, want)
			}
		}
	}
	rapid.Check(t, func(rt *rapid.T) {
		sec := rapid.Int64Range(-62135596800*3, 253402300799*3).Draw(rt, "unix") // years -4000 to 28000
		at := time.Unix(sec, rapid.Int64Range(0, 999999999).Draw(rt, "nsec"))
		check(rt, at.In(zones[rapid.IntRange(0, len(zones)-1).Draw(rt, "zone")]))
	})
	for y := -401; y <= 2401; y++ { // every year: leap days and the 400-year eras' ends (29 February 2000) among them
		for m := time.January; m <= time.December; m++ {
			start := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
			check(t, start)
			check(t, start.Add(-1))
			check(t, start.AddDate(0, 0, 28).Add(time.Hour))
		}
	}
	check(t, time.Unix(math.MaxInt32, 0))
	check(t, time.Unix(math.MinInt32, 0))
}

func TestPeriodText(t *testing.T) {
	for p := range Periods() {
		t.Run(string(p), func(t *testing.T) {
			require.True(t, p.IsValid())
			b, err := p.MarshalText()
			require.NoError(t, err)
			var back Period
			require.NoError(t, back.UnmarshalText(b))
			assert.Equal(t, p, back)
			parsed, err := ParsePeriod(p.String())
			require.NoError(t, err)
			assert.Equal(t, p, parsed)
		})
	}
	_, err := ParsePeriod("fortnight")
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var pe *ismsaudit.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, []string{"month", "quarter", "year"}, pe.Valid)
	_, err = Period("week").MarshalText()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var p Period
	require.ErrorIs(t, p.UnmarshalText([]byte("week")), ismsaudit.ErrInvalid)
	assert.False(t, Period("").IsValid())
}

// TestPeriodKey holds the period labels to their form for every month of
// a year: two-digit months, quarters Q1 to Q4, and the year for an unset
// period.
func TestPeriodKey(t *testing.T) {
	for m := time.January; m <= time.December; m++ {
		at := time.Date(2026, m, 15, 12, 0, 0, 0, time.UTC)
		assert.Equal(t, at.Format("2006-01"), PeriodMonth.Key(at))
		assert.Equal(t, "2026-Q"+string(rune('1'+(int(m)-1)/3)), PeriodQuarter.Key(at))
		assert.Equal(t, "2026", PeriodYear.Key(at))
		assert.Equal(t, "2026", Period("").Key(at))
	}
}

// TestPeriodStart: period i of each kind starts at the first instant
// periodIndex places in it, and ends where period i+1 starts; its label
// is the one Key gives its instants.
func TestPeriodStart(t *testing.T) {
	for p := range Periods() {
		first := periodIndex(p, time.Date(-5, time.January, 1, 0, 0, 0, 0, time.UTC))
		last := periodIndex(p, time.Date(2405, time.December, 31, 0, 0, 0, 0, time.UTC))
		for i := first; i <= last; i++ {
			start, end, label := periodBounds(p, i)
			require.Equal(t, periodStart(p, i), start)
			require.Equal(t, periodStart(p, i+1), end, "%s %d ends where the next starts", p, i)
			require.Equal(t, i, periodIndex(p, start), "%s %d starts at %v", p, i, start)
			require.Equal(t, i, periodIndex(p, end.Add(-1)), "%s %d ends at %v", p, i, end)
			if start.Year() >= 1000 { // Key does not pad years to four digits
				require.Equal(t, p.Key(start), label)
			}
		}
	}
}
