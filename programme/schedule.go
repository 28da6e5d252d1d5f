package programme

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// This file holds what the scheduling code shares: the dates a scheduled
// audit may take place on, and the checks of one scheduled audit on its
// own that Verify, AddCycle, ScheduleAudits and Staff all run.

// auditSpan returns the dates a scheduled audit may start on: its planned
// Start when set, otherwise its due window. A zero bound is unknown.
// Scheduling rules judge an audit by its first day: an audit's length is
// not a date of its own.
func auditSpan(a *ScheduledAudit) (lo, hi time.Time) {
	if !a.Start.IsZero() {
		return a.Start, a.Start
	}
	return a.Due.Earliest, a.Due.Latest
}

// auditFirstDay is the day staffing books an audit from: its planned Start, or
// else the earliest date of its window; zero when it has neither.
func auditFirstDay(a *ScheduledAudit) time.Time {
	if !a.Start.IsZero() {
		return a.Start
	}
	return a.Due.Earliest
}

// scheduleState names where a scheduled audit stands for staffing: planned
// (no team), staffed (a team) or under-way (its audit record exists).
func scheduleState(a *ScheduledAudit) string {
	switch {
	case a.Audit != "":
		return "under-way"
	case a.Team != nil:
		return "staffed"
	}
	return "planned"
}

// checkScheduledAudit reports the problems of one scheduled audit on its
// own, with paths under path.
func checkScheduledAudit(col *errs.Collector, path string, a *ScheduledAudit) {
	at := func(field string) string { return errs.JoinPath(path, field) }
	if strings.TrimSpace(a.ID) == "" {
		col.Add(at("ID"), "required", a.ID, "the host's id of the planned audit")
	}
	switch {
	case a.Kind == "":
		col.Add(at("Kind"), "required", "", "the kind of audit")
	case !a.Kind.IsValid():
		col.Add(at("Kind"), "enum", string(a.Kind), "not an audit kind")
	}
	if strings.TrimSpace(a.Auditee) == "" {
		col.Add(at("Auditee"), "required", a.Auditee, "the organization audited")
	}
	seenSite := make(map[string]int, len(a.Sites))
	for i, s := range a.Sites {
		p := schedIndex(at("Sites"), i)
		if strings.TrimSpace(s) == "" {
			col.Add(p, "required", s, "a site id")
			continue
		}
		if j, dup := seenSite[s]; dup {
			col.Add(p, "unique", s, "same as Sites["+strconv.Itoa(j)+"]")
			continue
		}
		seenSite[s] = i
	}
	seenClause := make(map[annexa.ClauseID]int, len(a.Clauses))
	for i, c := range a.Clauses {
		p := schedIndex(at("Clauses"), i)
		if !c.IsValid() {
			col.Add(p, errs.RuleUnknown, string(c), "not a clause 4 to 10.2 of ISO/IEC 27001:2022")
			continue
		}
		if j, dup := seenClause[c]; dup {
			col.Add(p, "unique", string(c), "same as Clauses["+strconv.Itoa(j)+"]")
			continue
		}
		seenClause[c] = i
	}
	seenControl := make(map[annexa.ControlID]int, len(a.Controls))
	for i, c := range a.Controls {
		p := schedIndex(at("Controls"), i)
		if !c.IsValid() {
			col.Add(p, errs.RuleUnknown, string(c), "not an Annex A control of ISO/IEC 27001:2022")
			continue
		}
		if j, dup := seenControl[c]; dup {
			col.Add(p, "unique", string(c), "same as Controls["+strconv.Itoa(j)+"]")
			continue
		}
		seenControl[c] = i
	}
	if e, l := a.Due.Earliest, a.Due.Latest; !e.IsZero() && !l.IsZero() && l.Before(e) {
		col.Add(at("Due.Latest"), "window-order", schedDay(l), "the latest date is before the earliest "+schedDay(e))
	}
	if s := a.Start; !s.IsZero() {
		if e := a.Due.Earliest; !e.IsZero() && s.Before(e) {
			col.Add(at("Start"), RuleScheduleStartInWindow, schedDay(s), "before the window opens on "+schedDay(e))
		}
		if l := a.Due.Latest; !l.IsZero() && s.After(l) {
			col.Add(at("Start"), RuleScheduleStartInWindow, schedDay(s), "after the window closes on "+schedDay(l))
		}
	}
	if !schedFinite(a.Days, 0) {
		col.Add(at("Days"), "gte", schedNum(a.Days), "a finite number of auditor days, at least 0")
	}
	if a.Team != nil {
		checkTeamShape(col, at("Team"), a.Team)
	}
}

// checkTeamShape checks what a team says about itself: a leader who is a
// member in the team-leader role, members listed once with valid roles.
// Whether the team suits the audit is for competence's CheckTeam, which
// needs the auditor pool.
func checkTeamShape(col *errs.Collector, path string, t *competence.Team) {
	at := func(field string) string { return errs.JoinPath(path, field) }
	if t.Leader == "" {
		col.Add(at("Leader"), "required", "", "a team has a leader")
	}
	seen := make(map[competence.AuditorID]int, len(t.Members))
	leaders := 0
	for i, m := range t.Members {
		p := schedIndex(at("Members"), i)
		if m.Auditor == "" {
			col.Add(p+".Auditor", "required", "", "the member's auditor id")
		} else if j, dup := seen[m.Auditor]; dup {
			col.Add(p+".Auditor", "unique", string(m.Auditor), "same as Members["+strconv.Itoa(j)+"]")
		} else {
			seen[m.Auditor] = i
		}
		switch {
		case !m.Role.IsValid():
			col.Add(p+".Role", "enum", string(m.Role), "not a role")
		case m.Role == competence.RoleTeamLeader:
			leaders++
			if m.Auditor != t.Leader {
				col.Add(p+".Role", RuleStaffTeam, string(m.Auditor), "the team's leader is "+strconv.Quote(string(t.Leader)))
			}
		}
	}
	if t.Leader != "" && leaders != 1 {
		col.Add(at("Members"), RuleStaffTeam, string(t.Leader), "the team has "+strconv.Itoa(leaders)+" members in role team-leader, one is needed")
	}
}

// schedFinite reports whether v is a finite number no smaller than min.
func schedFinite(v, least float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && v >= least
}

// schedDay renders a date as 2006-01-02 for problem reports.
func schedDay(t time.Time) string { return t.Format(time.DateOnly) }

// schedNum renders a number for problem reports.
func schedNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// roundHalfDay rounds to the nearest half day, halves away from zero (IAF MD
// 5 2.2.3). Products such as 7.5 * (1/3) carry floating-point noise, so
// the value is first rounded to a millionth of a half day.
func roundHalfDay(v float64) float64 {
	return math.Round(math.Round(v*2e6)/1e6) / 2
}

// ceilHalfDay rounds up to the next half day, with the same noise guard.
func ceilHalfDay(v float64) float64 {
	return math.Ceil(math.Round(v*2e6)/1e6) / 2
}

// schedDate returns midnight UTC of t's calendar date in t's own location,
// for counting days between dates.
func schedDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// schedDaysBetween counts calendar days from a's date to b's date.
func schedDaysBetween(a, b time.Time) int {
	return int(schedDate(b).Sub(schedDate(a)).Hours() / 24)
}

// schedDayNumber is t's calendar date (in t's location) as days since
// 1970-01-01.
func schedDayNumber(t time.Time) int64 { return schedDate(t).Unix() / 86400 }

// schedDayDate is the date of a day number, at midnight UTC.
func schedDayDate(n int64) time.Time { return time.Unix(n*86400, 0).UTC() }

// schedIndex renders an element path, "Audits[3]"; errs.Index without
// fmt, as paths are built for every audit checked.
func schedIndex(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }
