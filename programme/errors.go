package programme

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Sentinels, shared by every ismsaudit package (the same values), so that
// errors.Is works across packages.

// Refusal reasons a ismsaudit.TransitionError carries in its Reason field.

func newCollector(subject string) *errs.Collector { return errs.NewCollector("programme", subject) }

func notFound[T ~string](kind string, id T) error {
	return &errs.NotFoundError{Pkg: "programme", Type: kind, ID: string(id)}
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

func isFinite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// finiteAtLeast reports whether v is a finite number no smaller than min.
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
