package programme

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Window is when a scheduled audit must take place: not before Earliest,
// not after Latest (either may be zero for no bound).
type Window struct {
	Earliest time.Time `json:"earliest,omitzero"`
	Latest   time.Time `json:"latest,omitzero"`
}

// ScheduledAuditID identifies an audit of the programme's schedule or of
// a certification cycle; the host chooses it, unique in the programme.
type ScheduledAuditID string

// ScheduledAudit is one audit the programme plans (ISO 19011:2018 5.4.3,
// 5.5): what kind, of whom, where, covering what, when, how long and by
// whom. Once the audit is under way its record (package audit) carries the
// same id in Audit.
type ScheduledAudit struct {
	// ID is the host's id of the planned audit.
	ID ScheduledAuditID `json:"id"`
	// Kind is the kind of audit.
	Kind annexa.AuditKind `json:"kind"`
	// Auditee is the organization audited.
	Auditee string `json:"auditee"`
	// Sites are the sites visited, when the auditee has several.
	Sites []SiteID `json:"sites,omitempty"`
	// Clauses and Controls are the requirements and Annex A controls the
	// audit covers.
	Clauses  []annexa.ClauseID  `json:"clauses,omitempty"`
	Controls []annexa.ControlID `json:"controls,omitempty"`
	// Due is when it must take place; Start is when it is planned to start.
	Due   Window    `json:"due"`
	Start time.Time `json:"start,omitzero"`
	// Days is the planned audit time in auditor days.
	Days float64 `json:"days,omitempty"`
	// Team is the team selected for it, once staffed.
	Team *competence.Team `json:"team,omitempty"`
	// Audit is the id of the audit record, once it exists.
	Audit ismsaudit.AuditID `json:"audit,omitempty"`
}

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
	if strings.TrimSpace(string(a.ID)) == "" {
		col.Add(at("ID"), ismsaudit.RuleRequired, string(a.ID), "the host's id of the planned audit")
	}
	switch {
	case a.Kind == "":
		col.Add(at("Kind"), ismsaudit.RuleRequired, "", "the kind of audit")
	case !a.Kind.IsValid():
		col.Add(at("Kind"), ismsaudit.RuleEnum, string(a.Kind), "not an audit kind")
	}
	if strings.TrimSpace(a.Auditee) == "" {
		col.Add(at("Auditee"), ismsaudit.RuleRequired, a.Auditee, "the organization audited")
	}
	seenSite := make(map[SiteID]int, len(a.Sites))
	for i, s := range a.Sites {
		p := indexPath(at("Sites"), i)
		if strings.TrimSpace(string(s)) == "" {
			col.Add(p, ismsaudit.RuleRequired, string(s), "a site id")
			continue
		}
		if j, dup := seenSite[s]; dup {
			col.Add(p, ismsaudit.RuleUnique, string(s), "same as Sites["+strconv.Itoa(j)+"]")
			continue
		}
		seenSite[s] = i
	}
	seenClause := make(map[annexa.ClauseID]int, len(a.Clauses))
	for i, c := range a.Clauses {
		p := indexPath(at("Clauses"), i)
		if !c.IsValid() {
			col.Add(p, ismsaudit.RuleUnknown, string(c), "not a clause 4 to 10.2 of ISO/IEC 27001:2022")
			continue
		}
		if j, dup := seenClause[c]; dup {
			col.Add(p, ismsaudit.RuleUnique, string(c), "same as Clauses["+strconv.Itoa(j)+"]")
			continue
		}
		seenClause[c] = i
	}
	seenControl := make(map[annexa.ControlID]int, len(a.Controls))
	for i, c := range a.Controls {
		p := indexPath(at("Controls"), i)
		if !c.IsValid() {
			col.Add(p, ismsaudit.RuleUnknown, string(c), "not an Annex A control of ISO/IEC 27001:2022")
			continue
		}
		if j, dup := seenControl[c]; dup {
			col.Add(p, ismsaudit.RuleUnique, string(c), "same as Controls["+strconv.Itoa(j)+"]")
			continue
		}
		seenControl[c] = i
	}
	if e, l := a.Due.Earliest, a.Due.Latest; !e.IsZero() && !l.IsZero() && l.Before(e) {
		col.Add(at("Due.Latest"), "window-order", formatDay(l), "the latest date is before the earliest "+formatDay(e))
	}
	if s := a.Start; !s.IsZero() {
		if e := a.Due.Earliest; !e.IsZero() && s.Before(e) {
			col.Add(at("Start"), RuleScheduleStartInWindow, formatDay(s), "before the window opens on "+formatDay(e))
		}
		if l := a.Due.Latest; !l.IsZero() && s.After(l) {
			col.Add(at("Start"), RuleScheduleStartInWindow, formatDay(s), "after the window closes on "+formatDay(l))
		}
	}
	if !finiteAtLeast(a.Days, 0) {
		col.Add(at("Days"), "gte", formatNum(a.Days), "a finite number of auditor days, at least 0")
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
		col.Add(at("Leader"), ismsaudit.RuleRequired, "", "a team has a leader")
	}
	seen := make(map[competence.AuditorID]int, len(t.Members))
	leaders := 0
	for i, m := range t.Members {
		p := indexPath(at("Members"), i)
		if m.Auditor == "" {
			col.Add(p+".Auditor", ismsaudit.RuleRequired, "", "the member's auditor id")
		} else if j, dup := seen[m.Auditor]; dup {
			col.Add(p+".Auditor", ismsaudit.RuleUnique, string(m.Auditor), "same as Members["+strconv.Itoa(j)+"]")
		} else {
			seen[m.Auditor] = i
		}
		switch {
		case !m.Role.IsValid():
			col.Add(p+".Role", ismsaudit.RuleEnum, string(m.Role), "not a role")
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

// civilDate returns midnight UTC of t's calendar date in t's own location,
// for counting days between dates.
func civilDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// daysBetween counts calendar days from a's date to b's date.
func daysBetween(a, b time.Time) int {
	return int(civilDate(b).Sub(civilDate(a)).Hours() / 24)
}

// dayNumber is t's calendar date (in t's location) as days since
// 1970-01-01.
func dayNumber(t time.Time) int64 { return civilDate(t).Unix() / 86400 }

// dayDate is the date of a day number, at midnight UTC.
func dayDate(n int64) time.Time { return time.Unix(n*86400, 0).UTC() }

// ScheduleAudits adds audits to the programme's schedule (internal,
// second-party or any other audits outside a certification cycle), for
// example those [PlanInternal] plans. Each audit is checked on its own
// (ids, kinds, known clauses and controls, a well-ordered window, a start
// inside it, days), its id must be new to the programme, and it must carry
// no team (teams come from [Programme.Staff]). Every problem comes back at
// once in a *ismsaudit.ValidationError with paths like "Audits[2].Due.Latest" and
// the programme is left unchanged; otherwise copies are appended to
// p.Schedule.
//
// Like [Programme.AddCycle], it is allowed in a draft and while the
// programme is implemented, refused on an improved or closed version
// (PRG-FROZEN) and on an approved version not yet implemented or one
// under review (PRG-SCHEDULE-WHEN), with a *ismsaudit.TransitionError; the state is
// checked before the audits.
func (p *Programme) ScheduleAudits(audits ...ScheduledAudit) error {
	if err := p.requireSchedule("schedule-audits", StateDraft, StateImplementing); err != nil {
		return err
	}
	col := newCollector("scheduled audits")
	wanted := make(map[ScheduledAuditID]bool, len(audits))
	for i := range audits {
		wanted[audits[i].ID] = true
	}
	ids := programmeAuditIDs(p, wanted)
	for i := range audits {
		a := &audits[i]
		path := indexPath("Audits", i)
		checkScheduledAudit(col, path, a)
		checkAddedAudit(col, path, a, ids)
	}
	if err := col.Err(); err != nil {
		return err
	}
	for i := range audits {
		p.Schedule = append(p.Schedule, cloneScheduled(&audits[i]))
	}
	return nil
}

// programmeAuditIDs maps each wanted id that the programme already uses
// to the path of its first use there. Only those paths are built: every
// id is looked at, but adding a cycle to a programme of thousands of
// audits stays cheap.
func programmeAuditIDs(p *Programme, wanted map[ScheduledAuditID]bool) map[ScheduledAuditID]string {
	ids := make(map[ScheduledAuditID]string, len(wanted))
	for i := range p.Schedule {
		if id := p.Schedule[i].ID; id != "" && wanted[id] {
			if _, dup := ids[id]; !dup {
				ids[id] = indexPath("Schedule", i)
			}
		}
	}
	for j := range p.Cycles {
		for k := range p.Cycles[j].Audits {
			if id := p.Cycles[j].Audits[k].ID; id != "" && wanted[id] {
				if _, dup := ids[id]; !dup {
					ids[id] = indexPath(indexPath("Cycles", j)+".Audits", k)
				}
			}
		}
	}
	return ids
}

// cloneScheduled copies a scheduled audit so that the copy shares no
// slice or team with the original.
func cloneScheduled(a *ScheduledAudit) ScheduledAudit {
	out := *a
	out.Sites = slices.Clone(a.Sites)
	out.Clauses = slices.Clone(a.Clauses)
	out.Controls = slices.Clone(a.Controls)
	if a.Team != nil {
		t := cloneTeam(a.Team)
		out.Team = &t
	}
	return out
}

// cloneTeam deep-copies a team.
func cloneTeam(t *competence.Team) competence.Team {
	out := *t
	out.Members = slices.Clone(t.Members)
	for i := range out.Members {
		out.Members[i].Covers = slices.Clone(t.Members[i].Covers)
	}
	return out
}

// checkAddedAudit checks an audit being added to the programme at path:
// it comes without a team (Staff assigns teams) and its id, when given,
// is not used yet; ids maps the ids in use to where they are and gains
// this one.
func checkAddedAudit(col *errs.Collector, path string, a *ScheduledAudit, ids map[ScheduledAuditID]string) {
	if a.Team != nil {
		col.Add(path+".Team", "library-set", string(a.Team.Leader), "teams are assigned by Staff")
	}
	if a.ID == "" {
		return
	}
	if first, dup := ids[a.ID]; dup {
		col.Add(path+".ID", ismsaudit.RuleUnique, string(a.ID), "already used by "+first)
	} else {
		ids[a.ID] = path
	}
}

// scheduledRef is one scheduled audit of a programme with its path, as
// staffing and monitoring walk them.
type scheduledRef struct {
	path string
	a    *ScheduledAudit
}

// programmeRefs lists the programme's scheduled audits with their paths.
func programmeRefs(p *Programme) []scheduledRef {
	var refs []scheduledRef
	for i := range p.Schedule {
		refs = append(refs, scheduledRef{path: indexPath("Schedule", i), a: &p.Schedule[i]})
	}
	for j := range p.Cycles {
		for k := range p.Cycles[j].Audits {
			refs = append(refs, scheduledRef{path: indexPath(indexPath("Cycles", j)+".Audits", k), a: &p.Cycles[j].Audits[k]})
		}
	}
	return refs
}

// verifySchedule checks the schedule and every certification cycle
// against the scheduling rules: each scheduled audit on its own (ids,
// kinds, clauses, controls, windows, start, days, team shape), ids unique
// across the whole programme, each cycle against the certification rules
// (see verifyCycle), no two cycles of an auditee with the same decision,
// and no one on two staffed audits whose dates overlap
// (PRG-STAFF-NO-OVERLAP).
func (v *verifier) verifySchedule() {
	p := v.p
	for i := range p.Schedule {
		a := &p.Schedule[i]
		path := indexPath("Schedule", i)
		checkScheduledAudit(v.col, path, a)
		v.verifyAuditID(path, a)
		v.bookings = appendBookings(v.bookings, path, a)
	}
	prev := previousExpiries(p.Cycles)
	decisions := make(map[cycleKey]int, len(p.Cycles))
	for j := range p.Cycles {
		c := &p.Cycles[j]
		path := indexPath("Cycles", j)
		v.verifyCycle(path, c, prev[j])
		if !c.Decision.IsZero() {
			k := cycleKey{c.Auditee, c.Decision.Unix(), c.Decision.Nanosecond()}
			if o, dup := decisions[k]; dup {
				v.violate(path+".Decision", ismsaudit.RuleUnique, formatDay(c.Decision), "the auditee already has a cycle of that decision at "+indexPath("Cycles", o))
			} else {
				decisions[k] = j
			}
		}
	}
	v.verifyBookings()
}

// verifyAuditID checks that the id of the audit at path is not used by
// an audit checked before.
func (v *verifier) verifyAuditID(path string, a *ScheduledAudit) {
	if a.ID == "" {
		return
	}
	if v.auditIDs == nil {
		v.auditIDs = map[ScheduledAuditID]string{}
	}
	if first, dup := v.auditIDs[a.ID]; dup {
		v.violate(path+".ID", ismsaudit.RuleUnique, string(a.ID), "already used by "+first)
		return
	}
	v.auditIDs[a.ID] = path
}

// The rules of the schedule.
const (
	RuleScheduleStartInWindow ismsaudit.RuleID = "PRG-SCHEDULE-START-IN-WINDOW"
	RuleScheduleWhen          ismsaudit.RuleID = "PRG-SCHEDULE-WHEN"
)

var scheduleRules = []ismsaudit.Rule{
	{ID: RuleScheduleStartInWindow, Clause: "19011:5.4.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a planned start date lies within the audit's due window", Basis: "project default"},
	{ID: RuleScheduleWhen, Clause: "19011:5.4, 5.5.1", Principle: ismsaudit.PrincipleIntegrity, Text: "audits and cycles are added to the schedule while the programme is drafted or implemented, and teams are assigned while it is implemented: not while an approved version waits to be implemented or a version is under review", Basis: "project reading"},
}
