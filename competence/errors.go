package competence

import (
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// ErrNoTeam reports that no team meets an audit's needs; the error is a
// *[NoTeamError] that says which needs cannot be met and why. The other
// sentinels are the ones every ismsaudit package shares
// ([ismsaudit.ErrInvalid], [ismsaudit.ErrNotFound],
// [ismsaudit.ErrTransition]), so errors.Is works across packages.
var ErrNoTeam = errors.New("competence: no team meets the needs")

// newCollector starts collecting problems for subject.
func newCollector(subject string) *errs.Collector { return errs.NewCollector("competence", subject) }

// checkOrder reports to before from (to zero is open-ended and fine).
func checkOrder(c *errs.Collector, path string, from, to time.Time) {
	if !to.IsZero() && to.Before(from) {
		c.Add(path, "after-start", to.Format(time.DateOnly), "ends before it starts ("+from.Format(time.DateOnly)+")")
	}
}

// checkFinite reports NaN and infinities, which JSON cannot carry and
// comparisons mishandle.
func checkFinite(c *errs.Collector, path string, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		c.Add(path, "finite", "", "a finite number is required")
	}
}

// num formats a figure exactly and briefly.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// day formats a date for a message.
func day(t time.Time) string { return t.Format(time.DateOnly) }

func quote(s string) string { return strconv.Quote(s) }

func itoa(i int) string { return strconv.Itoa(i) }
