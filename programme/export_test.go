package programme

import "github.com/ismsaudit/ismsaudit/competence"

// Internals the tests of package programme_test check directly.
var (
	RoundHalfDay = roundHalfDay
	CeilHalfDay  = ceilHalfDay
	IsqrtCeil    = isqrtCeil
	TeamDays     = onSiteDays
	YearPieces   = yearPieces
)

// Booking is one person's days on one staffed audit, as day numbers, in
// the order the audits were checked.
type Booking struct {
	Auditor     competence.AuditorID
	First, Last int64
	Path        string
}

// OverlappingBookings returns the paths of each booking that overlaps an
// earlier one of the same person, with the earlier one's: [earlier, later].
func OverlappingBookings(list []Booking) [][2]string {
	in := make([]booking, len(list))
	for i, b := range list {
		in[i] = booking{auditor: b.Auditor, first: b.First, last: b.Last, path: b.Path, order: i}
	}
	var out [][2]string
	for _, o := range overlappingBookings(in) {
		out = append(out, [2]string{o.earlier.path, o.later.path})
	}
	return out
}
