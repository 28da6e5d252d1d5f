package programme

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// StaffStatus says what staffing did with a scheduled audit.
//
//ismsaudit:enum StaffStatuses
type StaffStatus string

// The statuses. Never reorder.
const (
	// Staffed: a team was selected in this run.
	Staffed StaffStatus = "staffed"
	// StaffKept: the audit already had a team; it was kept and its days
	// count towards workload and bookings (PRG-STAFF-ONCE).
	StaffKept StaffStatus = "kept"
	// StaffUnderWay: the audit's record exists (ScheduledAudit.Audit) but
	// the schedule holds no team: the record holds it (PRG-STAFF-ONCE).
	StaffUnderWay StaffStatus = "under-way"
	// StaffUndated: no start and no earliest due date (PRG-STAFF-DATED).
	StaffUndated StaffStatus = "undated"
	// StaffNoTeam: team selection found no team (PRG-STAFF-TEAM); Unmet
	// says why.
	StaffNoTeam StaffStatus = "no-team"
)

// StaffRequest adds to what one scheduled audit needs from its team.
type StaffRequest struct {
	// Audit is the scheduled audit's id.
	Audit ScheduledAuditID `json:"audit"`
	// Needs are needs besides StaffOptions.Needs.
	Needs []competence.Need `json:"needs,omitempty"`
	// MinAuditors and MaxAuditors bound the number of auditors (0: one,
	// the leader; no maximum). MinAuditors also sets how many share the
	// audit's days when checking limits and dates (see [PlanStaffing]).
	MinAuditors int `json:"minAuditors,omitempty"`
	MaxAuditors int `json:"maxAuditors,omitempty"`
	// Exclude lists people who must not be on the team.
	Exclude []competence.AuditorID `json:"exclude,omitempty"`
}

// StaffBooking is work of an auditor outside the schedule (another
// programme, leave taken as audit days, training given): it makes them
// unavailable from From to To and counts Days towards the workload of the
// period holding From.
type StaffBooking struct {
	Auditor competence.AuditorID `json:"auditor"`
	From    time.Time            `json:"from"`
	// To is the last day, inclusive; zero means From only.
	To   time.Time `json:"to,omitzero"`
	Days float64   `json:"days"`
}

// StaffOptions configures staffing.
type StaffOptions struct {
	// Needs are what every audit needs from its team (e.g. knowledge of
	// the ISO/IEC 27001 requirements at working level, a language).
	Needs []competence.Need `json:"needs,omitempty"`
	// Requests add needs and size bounds per audit.
	Requests []StaffRequest `json:"requests,omitempty"`
	// Select configures team selection for audits other than internal
	// ones (criteria sets, independence, exactness); nil means
	// competence's defaults. Its Workload and Unavailable are set by
	// staffing and must be empty.
	Select *competence.SelectOptions `json:"select,omitempty"`
	// SelectInternal configures team selection for internal audits; nil
	// means Select with competence.InternalISMSAuditorSet as both the
	// auditor and the leader criteria set. Workload and Unavailable must
	// be empty.
	SelectInternal *competence.SelectOptions `json:"selectInternal,omitempty"`
	// Limit is the most audit days anyone may be given per Period; 0
	// means no limit. Limits overrides it per person (0 there means no
	// limit for that person).
	Limit  float64                          `json:"limit,omitempty"`
	Limits map[competence.AuditorID]float64 `json:"limits,omitempty"`
	// Period is what Limit counts over; empty means a calendar year.
	Period Period `json:"period,omitempty"`
	// Booked lists work outside the schedule.
	Booked []StaffBooking `json:"booked,omitempty"`
}

// StaffedAudit is what staffing did with one scheduled audit.
type StaffedAudit struct {
	// Audit is the scheduled audit's id and Path where it is
	// ("Schedule[3]", "Cycles[0].Audits[2]"; "[3]" for PlanStaffing).
	Audit ScheduledAuditID `json:"audit"`
	Path  string           `json:"path"`
	// Status says what happened; Rule is the rule behind a status other
	// than staffed and kept.
	Status StaffStatus      `json:"status"`
	Rule   ismsaudit.RuleID `json:"rule,omitempty"`
	// First and Last are the days the team is booked (staffed or kept
	// audits with a date).
	First time.Time `json:"first,omitzero"`
	Last  time.Time `json:"last,omitzero"`
	// Period is the workload period the days count in.
	Period string `json:"period,omitempty"`
	// Team is the team, for staffed and kept audits.
	Team *competence.Team `json:"team,omitempty"`
	// Charge is the days counted to each member: the audit's days shared
	// by the team's auditors.
	Charge float64 `json:"charge,omitempty"`
	// Unmet lists why no team could be found (status no-team), as
	// competence's team selection reports it.
	Unmet []competence.UnmetNeed `json:"unmet,omitempty"`
	// LeftOut lists the people team selection was not offered, by id,
	// and why: booked on overlapping days (PRG-STAFF-NO-OVERLAP) or the
	// audit would take them over their workload limit
	// (PRG-STAFF-WORKLOAD).
	LeftOut []StaffLeftOut `json:"leftOut,omitempty"`
	// Detail explains a status other than staffed.
	Detail string `json:"detail,omitempty"`
}

// StaffLeftOut is one person left out of an audit's team selection.
type StaffLeftOut struct {
	Auditor competence.AuditorID `json:"auditor"`
	// Rule is PRG-STAFF-NO-OVERLAP or PRG-STAFF-WORKLOAD.
	Rule ismsaudit.RuleID `json:"rule"`
	// Detail names the clashing audit or booking, or the days counted.
	Detail string `json:"detail"`
}

// AuditorWorkload is one person's audit days in one period.
type AuditorWorkload struct {
	Auditor competence.AuditorID `json:"auditor"`
	Period  string               `json:"period"`
	Days    float64              `json:"days"`
	// Limit is the person's limit, 0 for none.
	Limit float64 `json:"limit,omitempty"`
}

// Staffing is the result of staffing a schedule.
type Staffing struct {
	// Audits lists every scheduled audit in staffing order: dated audits
	// by first day, then id; then undated ones by id.
	Audits []StaffedAudit `json:"audits"`
	// Workload lists each person's days per period after staffing, by
	// person then period, including bookings and kept teams.
	Workload []AuditorWorkload `json:"workload,omitempty"`
	// Staffed counts the audits staffed in this run; Unstaffed those left
	// without a team (no team, undated).
	Staffed   int `json:"staffed"`
	Unstaffed int `json:"unstaffed"`
}

// PlanStaffing selects teams for the audits that have neither a team nor
// an audit record, with competence's team selection on one pool, and
// returns what it would assign without changing the audits (see
// [Programme.Staff] to assign). Audits are staffed in date order (first
// day, then id), each from the people who:
//
//   - are not booked, on this schedule or in opts.Booked, on overlapping
//     days (PRG-STAFF-NO-OVERLAP), and
//   - stay within their workload limit for the period of the audit's
//     first day (PRG-STAFF-WORKLOAD),
//
// (those left out are listed, with the rule and why, in
// StaffedAudit.LeftOut) and among those the team selection prefers the lowest workload so far
// in that period. The audit's first day is its Start, or else the start
// of its due window; audits with neither are not staffed
// (PRG-STAFF-DATED). Team selection judges independence against the
// audit's scope: its auditee, its sites (as units) and its controls, an
// internal audit marked as such (PRG-STAFF-TEAM).
//
// Each auditor's share of an audit is its days divided by the number of
// auditors of the team (technical experts are charged the same share),
// and the team is on site for that many days, rounded up (at least one).
// Before the team is known the check uses the request's MinAuditors (at
// least 1), which never underestimates: a bigger team only shortens the
// days and the shares. Already staffed audits keep their team and, when
// dated, book their days and count towards workload.
//
// The result is deterministic. Invalid audits or options come back as one
// *ismsaudit.ValidationError; an audit for which no team exists is not an error but
// a StaffedAudit with status no-team listing the unmet needs.
func PlanStaffing(audits []ScheduledAudit, pool *competence.Pool, opts StaffOptions) (Staffing, error) {
	refs := make([]scheduledRef, len(audits))
	for i := range audits {
		refs[i] = scheduledRef{path: indexPath("", i), a: &audits[i]}
	}
	res, _, err := staff(refs, pool, &opts, "")
	return res, err
}

// Staff selects teams for every audit of the programme (its schedule and
// its cycles) that has neither a team nor an audit record, as
// [PlanStaffing] describes, and assigns the teams found. Audits for which
// no team exists stay unstaffed and are listed with the reason. On error
// (a *ismsaudit.ValidationError for invalid audits or options) the programme is
// left unchanged.
//
// Teams are assigned only while the programme is implemented (selecting
// audit teams is part of implementing it, ISO 19011:2018 5.5.1, 5.5.4): a
// draft or an approved version not yet implemented has nobody to commit
// yet — [PlanStaffing] shows what staffing would do without assigning —
// and a version under review waits for the review's outcome; those
// refuse with a *ismsaudit.TransitionError citing PRG-SCHEDULE-WHEN, an improved or
// closed version with one citing PRG-FROZEN. The state is checked first.
func (p *Programme) Staff(pool *competence.Pool, opts StaffOptions) (Staffing, error) {
	if err := p.requireSchedule("staff", StateImplementing); err != nil {
		return Staffing{}, err
	}
	refs := programmeRefs(p)
	res, at, err := staff(refs, pool, &opts, "")
	if err != nil {
		return Staffing{}, err
	}
	for i, sa := range res.Audits {
		if sa.Status == Staffed {
			t := cloneTeam(sa.Team)
			refs[at[i]].a.Team = &t
		}
	}
	return res, nil
}

// StaffAudit selects a team for one scheduled audit of the programme,
// with every other staffed audit counting towards workload and bookings,
// and assigns it. An unknown id gives a *ismsaudit.NotFoundError; an audit that
// already has a team or an audit record gives a *ismsaudit.TransitionError
// (reason wrong-state, rule PRG-STAFF-ONCE), one without a date a
// *ismsaudit.TransitionError citing PRG-STAFF-DATED; when no team exists the error
// is competence's *NoTeamError (errors.Is competence.ErrNoTeam) and the
// returned StaffedAudit lists the unmet needs. On any error the programme
// is left unchanged.
//
// Like [Programme.Staff] it needs an implementing programme: in any
// other state it returns a *ismsaudit.TransitionError (PRG-FROZEN on an improved or
// closed version, PRG-SCHEDULE-WHEN otherwise) before looking at the audit.
func (p *Programme) StaffAudit(id ScheduledAuditID, pool *competence.Pool, opts StaffOptions) (StaffedAudit, error) {
	if err := p.requireSchedule("staff-audit", StateImplementing); err != nil {
		return StaffedAudit{}, err
	}
	refs := programmeRefs(p)
	var target *scheduledRef
	for i := range refs {
		if refs[i].a.ID == id {
			target = &refs[i]
			break
		}
	}
	if target == nil {
		return StaffedAudit{}, notFound("scheduled audit", string(id))
	}
	if st := scheduleState(target.a); st != "planned" {
		return StaffedAudit{}, &ismsaudit.TransitionError{Machine: "programme.schedule", State: st, Event: "staff", Reason: ismsaudit.ReasonWrongState,
			Rule: RuleStaffOnce, Detail: "staffing never replaces a team or staffs an audit whose record exists"}
	}
	if auditFirstDay(target.a).IsZero() {
		return StaffedAudit{}, &ismsaudit.TransitionError{Machine: "programme.schedule", State: "planned", Event: "staff", Reason: ismsaudit.ReasonWrongState,
			Rule: RuleStaffDated, Detail: "the audit has no start and no earliest due date"}
	}
	res, at, err := staff(refs, pool, &opts, id)
	if err != nil {
		return StaffedAudit{}, err
	}
	for i, sa := range res.Audits {
		if refs[at[i]].a != target.a {
			continue
		}
		if sa.Status != Staffed {
			return sa, &competence.NoTeamError{Unmet: sa.Unmet}
		}
		t := cloneTeam(sa.Team)
		target.a.Team = &t
		return sa, nil
	}
	return StaffedAudit{}, notFound("scheduled audit", string(id)) // not reached: the target is always in the result
}

// staffRun is the state of one staffing run.
type staffRun struct {
	pool   *competence.Pool
	opts   *StaffOptions
	people []competence.AuditorID       // the pool's ids, sorted
	pos    map[competence.AuditorID]int // position of each id in people
	load   map[string]map[competence.AuditorID]float64
	// loadAt holds the same days as load, per period by position in
	// people (people outside the pool, on kept teams, only in load).
	loadAt   map[string][]float64
	busy     [][]staffBusy // booked day ranges, by position in people
	lim      []float64     // each person's limit, by position in people
	requests map[ScheduledAuditID]*StaffRequest
	selExt   competence.SelectOptions
	selInt   competence.SelectOptions
}

// staffBusy is a range of days someone is booked, and on what.
type staffBusy struct {
	first, last int64
	what        string
}

// staff runs staffing over refs. With only set, it staffs that audit
// alone (others with a team still count). It returns the result and, per
// result entry, the index of its ref.
func staff(refs []scheduledRef, pool *competence.Pool, opts *StaffOptions, only ScheduledAuditID) (Staffing, []int, error) {
	col := newCollector("staffing")
	if pool == nil {
		col.Add("Pool", ismsaudit.RuleRequired, "", "the auditor pool to select teams from")
		return Staffing{}, nil, col.Err()
	}
	ids := make(map[ScheduledAuditID]int, len(refs))
	for i, r := range refs {
		checkScheduledAudit(col, r.path, r.a)
		if r.a.ID == "" {
			continue
		}
		if j, dup := ids[r.a.ID]; dup {
			col.Add(errs.JoinPath(r.path, "ID"), ismsaudit.RuleUnique, string(r.a.ID), "already used by "+refs[j].path)
		} else {
			ids[r.a.ID] = i
		}
	}
	run := &staffRun{pool: pool, opts: opts, load: map[string]map[competence.AuditorID]float64{},
		loadAt: map[string][]float64{}, requests: map[ScheduledAuditID]*StaffRequest{}}
	for a := range pool.All() {
		run.people = append(run.people, a.ID)
	}
	slices.Sort(run.people)
	run.pos = make(map[competence.AuditorID]int, len(run.people))
	for i, id := range run.people {
		run.pos[id] = i
	}
	run.busy = make([][]staffBusy, len(run.people))
	run.checkOptions(col, ids)
	if err := col.Err(); err != nil {
		return Staffing{}, nil, err
	}
	run.lim = make([]float64, len(run.people))
	for i, id := range run.people {
		run.lim[i] = run.limit(id)
	}

	res := Staffing{}
	var at []int
	add := func(i int, sa StaffedAudit) {
		res.Audits = append(res.Audits, sa)
		at = append(at, i)
	}
	for _, b := range opts.Booked {
		to := b.To
		if to.IsZero() {
			to = b.From
		}
		run.book(b.Auditor, dayNumber(b.From), dayNumber(to), "work outside the schedule")
		run.charge(b.Auditor, run.key(b.From), b.Days)
	}
	var todo, undated []int
	for i, r := range refs {
		a := r.a
		switch {
		case a.Team != nil:
			// Kept teams count, whatever the audit's state.
			sa := StaffedAudit{Audit: a.ID, Path: r.path, Status: StaffKept, Rule: RuleStaffOnce, Team: a.Team, Detail: "already staffed: the team is kept"}
			if f := auditFirstDay(a); !f.IsZero() {
				n := len(a.Team.Auditors())
				first := dayNumber(f)
				last := first + int64(onSiteDays(a.Days, n)) - 1
				sa.First, sa.Last, sa.Period = dayDate(first), dayDate(last), run.key(f)
				sa.Charge = a.Days / float64(max(n, 1))
				for _, m := range a.Team.Members {
					run.book(m.Auditor, first, last, strconv.Quote(string(a.ID)))
					run.charge(m.Auditor, sa.Period, sa.Charge)
				}
			}
			add(i, sa)
		case only != "" && a.ID != only:
		case a.Audit != "":
			add(i, StaffedAudit{Audit: a.ID, Path: r.path, Status: StaffUnderWay, Rule: RuleStaffOnce, Detail: "the audit record " + strconv.Quote(string(a.Audit)) + " exists: its team is in the record"})
		case auditFirstDay(a).IsZero():
			undated = append(undated, i)
		default:
			todo = append(todo, i)
		}
	}
	slices.SortFunc(todo, func(x, y int) int {
		if c := auditFirstDay(refs[x].a).Compare(auditFirstDay(refs[y].a)); c != 0 {
			return c
		}
		return cmp.Compare(refs[x].a.ID, refs[y].a.ID)
	})
	for _, i := range todo {
		sa, err := run.staffOne(refs[i])
		if err != nil {
			return Staffing{}, nil, err
		}
		if sa.Status == Staffed {
			res.Staffed++
		} else {
			res.Unstaffed++
		}
		add(i, sa)
	}
	slices.SortFunc(undated, func(x, y int) int { return cmp.Compare(refs[x].a.ID, refs[y].a.ID) })
	for _, i := range undated {
		res.Unstaffed++
		add(i, StaffedAudit{Audit: refs[i].a.ID, Path: refs[i].path, Status: StaffUndated, Rule: RuleStaffDated, Detail: "no start and no earliest due date"})
	}
	// Order: dated audits by first day then id, then the undated ones by
	// id, as documented.
	order := make([]int, len(res.Audits))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		fx, fy := auditFirstDay(refs[at[x]].a), auditFirstDay(refs[at[y]].a)
		switch {
		case fx.IsZero() != fy.IsZero():
			if fx.IsZero() {
				return 1
			}
			return -1
		case !fx.IsZero():
			if c := fx.Compare(fy); c != 0 {
				return c
			}
		}
		return cmp.Compare(res.Audits[x].Audit, res.Audits[y].Audit)
	})
	sorted, sortedAt := make([]StaffedAudit, len(order)), make([]int, len(order))
	for k, i := range order {
		sorted[k], sortedAt[k] = res.Audits[i], at[i]
	}
	res.Audits, at = sorted, sortedAt
	// Kept teams in the result are copies: the result shares nothing with
	// the audits.
	for i := range res.Audits {
		if res.Audits[i].Status == StaffKept {
			t := cloneTeam(res.Audits[i].Team)
			res.Audits[i].Team = &t
		}
	}
	res.Workload = run.workload()
	return res, at, nil
}

// checkOptions reports every problem of the options.
func (run *staffRun) checkOptions(col *errs.Collector, ids map[ScheduledAuditID]int) {
	o := run.opts
	probe := func(path string, needs []competence.Need, minA, maxA int, exclude []competence.AuditorID) {
		tn := competence.TeamNeeds{Scope: competence.Scope{Auditee: "probe"}, At: time.Unix(0, 0), Needs: needs, MinAuditors: minA, MaxAuditors: maxA, Exclude: exclude}
		var ve *ismsaudit.ValidationError
		if err := tn.Validate(); errors.As(err, &ve) {
			for _, f := range ve.Fields {
				col.AddField(path, f)
			}
		}
	}
	probe("Options", o.Needs, 0, 0, nil)
	for i := range o.Requests {
		r := &o.Requests[i]
		path := indexPath("Options.Requests", i)
		if _, ok := ids[r.Audit]; !ok {
			col.Add(path+".Audit", ismsaudit.RuleUnknown, string(r.Audit), "no scheduled audit has this id")
		} else if _, dup := run.requests[r.Audit]; dup {
			col.Add(path+".Audit", ismsaudit.RuleUnique, string(r.Audit), "a second request for the audit")
		} else {
			run.requests[r.Audit] = r
		}
		probe(path, r.Needs, r.MinAuditors, r.MaxAuditors, r.Exclude)
	}
	run.selExt = run.selectOptions(col, "Options.Select", o.Select, "")
	if o.SelectInternal != nil {
		run.selInt = run.selectOptions(col, "Options.SelectInternal", o.SelectInternal, "")
	} else {
		run.selInt = run.selectOptions(col, "Options.Select", o.Select, competence.InternalISMSAuditorSet)
	}
	if !finiteAtLeast(o.Limit, 0) {
		col.Add("Options.Limit", "gte", formatNum(o.Limit), "a finite number of days, at least 0")
	}
	for _, id := range sortedAuditorKeys(o.Limits) {
		path := "Options.Limits[" + strconv.Quote(string(id)) + "]"
		if _, ok := run.pool.Auditor(id); !ok {
			col.Add(path, ismsaudit.RuleUnknown, string(id), "no one in the pool has this id")
		}
		if v := o.Limits[id]; !finiteAtLeast(v, 0) {
			col.Add(path, "gte", formatNum(v), "a finite number of days, at least 0")
		}
	}
	if o.Period != "" && !o.Period.IsValid() {
		col.Add("Options.Period", ismsaudit.RuleEnum, string(o.Period), "month, quarter or year")
	}
	for i, b := range o.Booked {
		path := indexPath("Options.Booked", i)
		if _, ok := run.pool.Auditor(b.Auditor); !ok {
			col.Add(path+".Auditor", ismsaudit.RuleUnknown, string(b.Auditor), "no one in the pool has this id")
		}
		if b.From.IsZero() {
			col.Add(path+".From", ismsaudit.RuleRequired, "", "the first day booked")
		} else if !b.To.IsZero() && b.To.Before(b.From) {
			col.Add(path+".To", "window-order", formatDay(b.To), "before From "+formatDay(b.From))
		} else if !b.To.IsZero() && daysBetween(b.From, b.To) > 3660 {
			col.Add(path+".To", "lte", formatDay(b.To), "a booking lasts at most ten years")
		}
		if !finiteAtLeast(b.Days, 0) {
			col.Add(path+".Days", "gte", formatNum(b.Days), "a finite number of days, at least 0")
		}
	}
}

// selectOptions checks one set of selection options and returns a copy
// to fill per audit; set, when not empty, replaces both criteria sets
// (the internal default).
func (run *staffRun) selectOptions(col *errs.Collector, path string, so *competence.SelectOptions, set competence.CriteriaSetID) competence.SelectOptions {
	var out competence.SelectOptions
	if so != nil {
		out = *so
		if len(so.Workload) > 0 {
			col.Add(path+".Workload", "library-set", "", "staffing sets each selection's workload")
		}
		if len(so.Unavailable) > 0 {
			col.Add(path+".Unavailable", "library-set", "", "staffing sets who is unavailable; use Booked for other commitments")
		}
		if so.MaxExact > 32 {
			col.Add(path+".MaxExact", "lte", strconv.Itoa(so.MaxExact), "at most 32")
		}
		if so.Independence != nil && (so.Independence.CoolingOffMonths < 0 || so.Independence.CoolingOffMonths > 1200) {
			col.Add(path+".Independence.CoolingOffMonths", ismsaudit.RuleRange, strconv.Itoa(so.Independence.CoolingOffMonths), "0 to 1200")
		}
	}
	if set != "" {
		out.AuditorSet, out.LeaderSet = set, set
	}
	for _, s := range []struct {
		field string
		id    competence.CriteriaSetID
	}{{"AuditorSet", out.AuditorSet}, {"LeaderSet", out.LeaderSet}} {
		if s.id == "" {
			continue
		}
		if _, ok := run.pool.Scheme().Set(s.id); !ok {
			col.Add(path+"."+s.field, ismsaudit.RuleUnknown, string(s.id), "no set of the pool's scheme has this id")
		}
	}
	out.Workload, out.Unavailable = nil, nil
	return out
}

// key returns the workload period key of t.
func (run *staffRun) key(t time.Time) string { return run.opts.Period.Key(t) }

// book marks an auditor busy on days first to last, on what. Only people
// of the pool are offered to team selection, so only their bookings are
// kept.
func (run *staffRun) book(id competence.AuditorID, first, last int64, what string) {
	if i, ok := run.pos[id]; ok {
		run.busy[i] = append(run.busy[i], staffBusy{first, last, what})
	}
}

// charge adds days to an auditor's workload in a period.
func (run *staffRun) charge(id competence.AuditorID, period string, days float64) {
	m := run.load[period]
	if m == nil {
		m = map[competence.AuditorID]float64{}
		run.load[period] = m
	}
	m[id] += days
	if i, ok := run.pos[id]; ok {
		at := run.loadAt[period]
		if at == nil {
			at = make([]float64, len(run.people))
			run.loadAt[period] = at
		}
		at[i] += days
	}
}

// limit returns an auditor's limit, 0 for none.
func (run *staffRun) limit(id competence.AuditorID) float64 {
	if v, ok := run.opts.Limits[id]; ok {
		return v
	}
	return run.opts.Limit
}

// staffOne selects a team for one dated audit and books it.
func (run *staffRun) staffOne(r scheduledRef) (StaffedAudit, error) {
	a := r.a
	req := run.requests[a.ID]
	minAud := 1
	if req != nil && req.MinAuditors > 1 {
		minAud = req.MinAuditors
	}
	f := auditFirstDay(a)
	first := dayNumber(f)
	span := int64(onSiteDays(a.Days, minAud))
	last := first + span - 1
	period := run.key(f)
	estimate := a.Days / float64(minAud)
	sa := StaffedAudit{Audit: a.ID, Path: r.path, Period: period}
	load, loadAt := run.load[period], run.loadAt[period]
	var unavailable []competence.AuditorID
	for i, id := range run.people {
		blocked := false
		for _, b := range run.busy[i] {
			if b.first <= last && b.last >= first {
				sa.LeftOut = append(sa.LeftOut, StaffLeftOut{Auditor: id, Rule: RuleStaffNoOverlap,
					Detail: "booked on " + b.what + " from " + formatDay(dayDate(b.first)) + " to " + formatDay(dayDate(b.last))})
				blocked = true
				break
			}
		}
		var days float64
		if loadAt != nil {
			days = loadAt[i]
		}
		if lim := run.lim[i]; lim > 0 && days+estimate > lim+1e-9 {
			sa.LeftOut = append(sa.LeftOut, StaffLeftOut{Auditor: id, Rule: RuleStaffWorkload,
				Detail: formatNum(math.Round(days*1e9)/1e9) + " days in " + period + " and up to " + formatNum(estimate) + " more exceed the limit of " + formatNum(lim)})
			blocked = true
		}
		if blocked {
			unavailable = append(unavailable, id)
		}
	}
	needs := competence.TeamNeeds{
		Scope: competence.Scope{Auditee: a.Auditee, Units: siteUnits(a.Sites), Internal: a.Kind == annexa.Internal},
		At:    f,
		Needs: run.opts.Needs,
	}
	if span > 1 {
		needs.Until = f.AddDate(0, 0, int(span-1))
	}
	if len(a.Controls) > 0 {
		needs.Scope.Controls = make([]string, len(a.Controls))
		for i, c := range a.Controls {
			needs.Scope.Controls[i] = string(c)
		}
	}
	if req != nil {
		needs.MinAuditors, needs.MaxAuditors, needs.Exclude = req.MinAuditors, req.MaxAuditors, req.Exclude
		if len(req.Needs) > 0 {
			needs.Needs = slices.Clone(run.opts.Needs)
			for _, n := range req.Needs {
				if !slices.Contains(needs.Needs, n) {
					needs.Needs = append(needs.Needs, n)
				}
			}
		}
	}
	so := run.selExt
	if a.Kind == annexa.Internal {
		so = run.selInt
	}
	so.Workload, so.Unavailable = load, unavailable
	team, err := run.pool.SelectTeam(needs, &so)
	var nt *competence.NoTeamError
	switch {
	case errors.As(err, &nt):
		sa.Status, sa.Rule, sa.Unmet = StaffNoTeam, RuleStaffTeam, nt.Unmet
		sa.Detail = "no team meets the audit's needs among the people available"
		return sa, nil
	case err != nil:
		col := newCollector("staffing")
		col.Merge(r.path, "team-selection", err)
		return StaffedAudit{}, col.Err()
	}
	n := len(team.Auditors())
	sa.Status, sa.Team = Staffed, &team
	sa.Charge = a.Days / float64(max(n, 1))
	days := int64(onSiteDays(a.Days, n))
	sa.First, sa.Last = dayDate(first), dayDate(first+days-1)
	for _, m := range team.Members {
		run.book(m.Auditor, first, first+days-1, strconv.Quote(string(a.ID)))
		run.charge(m.Auditor, period, sa.Charge)
	}
	return sa, nil
}

// workload lists the workload by person, then period.
func (run *staffRun) workload() []AuditorWorkload {
	var out []AuditorWorkload
	for period, m := range run.load {
		for id, d := range m {
			if d > 0 {
				out = append(out, AuditorWorkload{Auditor: id, Period: period, Days: math.Round(d*1e9) / 1e9, Limit: run.limit(id)})
			}
		}
	}
	slices.SortFunc(out, func(a, b AuditorWorkload) int {
		if c := cmp.Compare(a.Auditor, b.Auditor); c != 0 {
			return c
		}
		return cmp.Compare(a.Period, b.Period)
	})
	return out
}

// sortedAuditorKeys returns a map's keys in order.
func sortedAuditorKeys(m map[competence.AuditorID]float64) []competence.AuditorID {
	keys := make([]competence.AuditorID, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
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
	if start.IsZero() || !finiteAtLeast(a.Days, 0) {
		return list
	}
	first := dayNumber(start)
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

// The rules of staffing (ISO 19011:2018 5.4.4, 5.5.4, 5.5.5).
const (
	RuleStaffTeam      ismsaudit.RuleID = "PRG-STAFF-TEAM"
	RuleStaffWorkload  ismsaudit.RuleID = "PRG-STAFF-WORKLOAD"
	RuleStaffNoOverlap ismsaudit.RuleID = "PRG-STAFF-NO-OVERLAP"
	RuleStaffDated     ismsaudit.RuleID = "PRG-STAFF-DATED"
	RuleStaffOnce      ismsaudit.RuleID = "PRG-STAFF-ONCE"
)

var staffingRules = []ismsaudit.Rule{
	{ID: RuleStaffTeam, Clause: "19011:5.5.4, 5.5.5", Principle: ismsaudit.PrincipleIndependence, Text: "each scheduled audit's team is chosen by team selection: a competent leader, every need met, every member independent of the audited scope"},
	{ID: RuleStaffWorkload, Clause: "19011:5.4.4", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "no auditor is given more audit days in a period than their workload limit", Basis: "the limit is the host's"},
	{ID: RuleStaffNoOverlap, Clause: "19011:5.4.4", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "no one serves on two audits whose dates overlap", Basis: "project reading"},
	{ID: RuleStaffDated, Clause: "19011:5.5.1", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "an audit is staffed only once it has a first day: its planned start or the start of its due window", Basis: "project default"},
	{ID: RuleStaffOnce, Clause: "19011:5.5.4", Principle: ismsaudit.PrincipleIntegrity, Text: "staffing fills audits that have no team and no audit record yet; it never replaces a team", Basis: "project reading"},
}

// siteUnits names the sites of an audit as the organizational units of
// its scope, for team selection's independence checks.
func siteUnits(sites []SiteID) []string {
	if sites == nil {
		return nil
	}
	out := make([]string, len(sites))
	for i, s := range sites {
		out[i] = string(s)
	}
	return out
}

// verifyBookings reports everyone booked on two staffed audits whose
// dates overlap (PRG-STAFF-NO-OVERLAP), among the audits checked.
func (v *verifier) verifyBookings() {
	for _, o := range overlappingBookings(v.bookings) {
		v.violate(o.later.path+".Team", RuleStaffNoOverlap, string(o.later.auditor),
			"also on the audit at "+o.earlier.path+" from "+formatDay(dayDate(o.earlier.first))+" to "+formatDay(dayDate(o.earlier.last)))
	}
}
