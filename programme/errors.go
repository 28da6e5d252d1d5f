package programme

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// The package reports errors with the shared types of package ismsaudit
// (ValidationError, NotFoundError, TransitionError, ...). These helpers
// build them and format the values their problems quote.

// newCollector starts collecting the problems of one input, named by
// subject.
func newCollector(subject string) *errs.Collector { return errs.NewCollector("programme", subject) }

// notFound reports an unknown id of the given kind.
func notFound[T ~string](kind string, id T) error {
	return &ismsaudit.NotFoundError{Pkg: "programme", Type: kind, ID: string(id)}
}

// isBlank reports whether s holds nothing but white space.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// isFinite reports whether f is neither NaN nor infinite.
func isFinite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// finiteAtLeast reports whether v is a finite number no smaller than least.
func finiteAtLeast(v, least float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && v >= least
}

// formatDay renders a date as 2006-01-02 for problem reports.
func formatDay(t time.Time) string { return t.Format(time.DateOnly) }

// formatNum renders a number for problem reports.
func formatNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// indexPath renders an element path, "Audits[3]"; errs.Index without
// fmt, as paths are built for every audit checked.
func indexPath(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }
