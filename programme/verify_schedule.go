package programme

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/ismsaudit/ismsaudit/competence"
)

// verifySchedule checks the schedule and every certification cycle
// against the scheduling rules: each scheduled audit on its own (ids,
// kinds, clauses, controls, windows, start, days, team shape), ids unique
// across the whole programme, each cycle against the certification rules
// (see checkCycle), no two cycles of an auditee with the same decision,
// and no one on two staffed audits whose dates overlap
// (PRG-STAFF-NO-OVERLAP).
func (v *verifier) verifySchedule() {
	p := v.p
	ids := make(map[string]string, len(p.Schedule))
	unique := func(path, id string) {
		if id == "" {
			return
		}
		if first, dup := ids[id]; dup {
			v.violate(path+".ID", "unique", id, "already used by "+first)
			return
		}
		ids[id] = path
	}
	var bookings []booking
	for i := range p.Schedule {
		a := &p.Schedule[i]
		path := schedIndex("Schedule", i)
		checkScheduledAudit(v.col, path, a)
		unique(path, a.ID)
		bookings = appendBookings(bookings, path, a)
	}
	prev := previousExpiries(p.Cycles)
	decisions := make(map[cycleKey]int, len(p.Cycles))
	for j := range p.Cycles {
		c := &p.Cycles[j]
		path := schedIndex("Cycles", j)
		checkCycle(v.col, path, c, prev[j])
		for k := range c.Audits {
			ap := schedIndex(path+".Audits", k)
			unique(ap, c.Audits[k].ID)
			bookings = appendBookings(bookings, ap, &c.Audits[k])
		}
		if !c.Decision.IsZero() {
			k := cycleKey{c.Auditee, c.Decision.Unix(), c.Decision.Nanosecond()}
			if o, dup := decisions[k]; dup {
				v.violate(path+".Decision", "unique", schedDay(c.Decision), "the auditee already has a cycle of that decision at "+schedIndex("Cycles", o))
			} else {
				decisions[k] = j
			}
		}
	}
	for _, o := range overlappingBookings(bookings) {
		v.violate(o.later.path+".Team", RuleStaffNoOverlap, string(o.later.auditor),
			"also on the audit at "+o.earlier.path+" from "+schedDay(schedDayDate(o.earlier.first))+" to "+schedDay(schedDayDate(o.earlier.last)))
	}
}

// cycleKey identifies a cycle by auditee and decision instant.
type cycleKey struct {
	auditee string
	sec     int64
	nsec    int
}

// booking is one person's days on one staffed audit, as day numbers
// (days since 1970-01-01 of the calendar date).
type booking struct {
	auditor     competence.AuditorID
	first, last int64
	path        string
	order       int
}

// onSiteDays is how many calendar days a team spends on an audit: its
// auditor days shared by the team's auditors, rounded up, at least one.
func onSiteDays(days float64, auditors int) int {
	if auditors < 1 {
		auditors = 1
	}
	n := math.Ceil(math.Round(days/float64(auditors)*1e6) / 1e6)
	if n > 1<<20 {
		n = 1 << 20 // no audit lasts millennia; keeps the day arithmetic safe
	}
	return max(int(n), 1)
}

// appendBookings adds the bookings of a staffed, dated audit.
func appendBookings(list []booking, path string, a *ScheduledAudit) []booking {
	if a.Team == nil {
		return list
	}
	start := auditFirstDay(a)
	if start.IsZero() || !schedFinite(a.Days, 0) {
		return list
	}
	first := schedDayNumber(start)
	last := first + int64(onSiteDays(a.Days, len(a.Team.Auditors()))) - 1
	for _, m := range a.Team.Members {
		if m.Auditor != "" {
			list = append(list, booking{auditor: m.Auditor, first: first, last: last, path: path, order: len(list)})
		}
	}
	return list
}

// bookingOverlap is one person booked on two audits on the same days.
type bookingOverlap struct{ earlier, later booking }

// overlappingBookings finds, per person, each booking that overlaps an
// earlier one, in a deterministic order.
func overlappingBookings(list []booking) []bookingOverlap {
	sorted := slices.Clone(list)
	slices.SortFunc(sorted, func(a, b booking) int {
		if c := strings.Compare(string(a.auditor), string(b.auditor)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.first, b.first); c != 0 {
			return c
		}
		return cmp.Compare(a.order, b.order)
	})
	var out []bookingOverlap
	reach := 0 // the booking of the current person that reaches furthest so far
	for i := range sorted {
		if i == 0 || sorted[i].auditor != sorted[i-1].auditor {
			reach = i
			continue
		}
		if sorted[reach].last >= sorted[i].first && sorted[reach].path != sorted[i].path {
			out = append(out, bookingOverlap{earlier: sorted[reach], later: sorted[i]})
		}
		if sorted[i].last > sorted[reach].last {
			reach = i
		}
	}
	slices.SortStableFunc(out, func(a, b bookingOverlap) int { return cmp.Compare(a.later.order, b.later.order) })
	return out
}
