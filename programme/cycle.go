package programme

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// CycleDays gives the auditor days [PlanCycle] writes on each audit it
// plans (ScheduledAudit.Days); zero leaves Days unset. [AuditTime]
// computes the initial, surveillance and recertification figures; how
// the initial time splits between stage 1 and stage 2 is the host's call.
type CycleDays struct {
	Stage1          float64 `json:"stage1,omitempty"`
	Stage2          float64 `json:"stage2,omitempty"`
	Surveillance    float64 `json:"surveillance,omitempty"`
	Recertification float64 `json:"recertification,omitempty"`
}

// CyclePlanning holds the figures [PlanCycle] opens due windows with. No
// standard fixes them: they are project defaults (see
// [DefaultCyclePlanning]) a host replaces with its own practice. The
// limits the windows keep — the first surveillance within 12 months of
// the decision, one surveillance per calendar year, recertification in
// the third year and before expiry — come from ISO/IEC 17021-1:2015 9.1.3
// and 9.6.3 and are not configurable.
type CyclePlanning struct {
	// SurveillanceLeadMonths is how many months before each anniversary
	// of the decision a surveillance window opens (1 to 11); the window
	// closes on the anniversary.
	SurveillanceLeadMonths int `json:"surveillanceLeadMonths"`
	// RecertificationLeadMonths is how many months before expiry the
	// recertification window opens (1 to 11; never before the second
	// anniversary).
	RecertificationLeadMonths int `json:"recertificationLeadMonths"`
	// DecisionMarginDays is how many days before expiry the
	// recertification window closes, leaving time for the review and
	// the decision (at least 1).
	DecisionMarginDays int `json:"decisionMarginDays"`
}

// DefaultCyclePlanning returns the project defaults: surveillance windows
// open 3 months before each anniversary of the decision, the
// recertification window opens 6 months before expiry and closes 30 days
// before it.
func DefaultCyclePlanning() CyclePlanning {
	return CyclePlanning{SurveillanceLeadMonths: 3, RecertificationLeadMonths: 6, DecisionMarginDays: 30}
}

// CycleOptions is what [PlanCycle] plans a certification cycle from.
type CycleOptions struct {
	// ID prefixes the ids of the planned audits: ID+"-stage1",
	// ID+"-stage2", ID+"-surveillance-1", ..., ID+"-recertification".
	// Required.
	ID string `json:"id"`
	// Auditee is the certified organization. Required.
	Auditee string `json:"auditee"`
	// Decision is the date of the certification decision. Required.
	Decision time.Time `json:"decision"`
	// Initial plans the cycle of an initial certification: Stage1 and
	// Stage2, the dates the two stages started on, are then required,
	// stage 2 after stage 1 and both on or before the decision.
	Initial bool      `json:"initial,omitempty"`
	Stage1  time.Time `json:"stage1,omitzero"`
	Stage2  time.Time `json:"stage2,omitzero"`
	// PreviousExpiry is, for a recertification cycle, the expiry of the
	// certificate the recertification renews. When the decision came
	// before it, the new certificate expires three years after it (ISO/IEC
	// 17021-1:2015 9.6.3); otherwise leave it zero and the certificate
	// expires three years after the decision. It may be at most a year
	// after the decision: an earlier recertification starts no new cycle.
	PreviousExpiry time.Time `json:"previousExpiry,omitzero"`
	// Days gives the auditor days of each planned audit.
	Days CycleDays `json:"days,omitzero"`
	// Special lists special audits the host adds (ISO/IEC 17021-1:2015
	// 9.6.4: scope extensions, short-notice audits): kind special, of the
	// auditee, without a team, dated on or after the decision and before
	// expiry.
	Special []ScheduledAudit `json:"special,omitempty"`
	// Planning gives the window figures; nil means [DefaultCyclePlanning].
	Planning *CyclePlanning `json:"planning,omitempty"`
}

// PlanCycle computes a certification cycle from the certification
// decision (ISO/IEC 17021-1:2015 9.1.3): the certificate expires three
// years after the decision (or after the previous expiry, see
// CycleOptions.PreviousExpiry); a surveillance audit is due by each
// anniversary of the decision before the recertification window opens —
// the first no later than 12 months after the decision; the
// recertification audit is due in the third year, closing
// DecisionMarginDays before expiry; the host's special audits are added;
// for an initial cycle the stage 1 and stage 2 audits come first, on the
// dates given. Dates are due windows (ScheduledAudit.Due); Start is left
// for the host to set.
//
// Where a window crosses a new year, PlanCycle keeps only the part in one
// calendar year, choosing the parts so that every calendar year after the
// decision's, up to the recertification year, is certain to have a
// surveillance audit (PRG-SURV-CALENDAR-YEAR), and so that the narrowest
// window is as wide as possible. The result always passes the checks of
// [Verify]. Audits are listed in date order.
//
// Bad options come back as a *ismsaudit.ValidationError listing every problem.
func PlanCycle(opts CycleOptions) (Cycle, error) {
	col := newCollector("cycle options")
	plan := DefaultCyclePlanning()
	if opts.Planning != nil {
		plan = *opts.Planning
	}
	checkCycleOptions(col, &opts, plan)
	if col.Len() > 0 {
		return Cycle{}, col.Err()
	}
	c := Cycle{Auditee: opts.Auditee, Decision: opts.Decision, Initial: opts.Initial}
	var prev time.Time
	if !opts.Initial && !opts.PreviousExpiry.IsZero() {
		prev = opts.PreviousExpiry
		c.PreviousExpiry = prev
	}
	c.Expiry = maxExpiry(opts.Decision, opts.Initial, prev)
	windows := cycleWindows(opts.Decision, c.Expiry, plan)
	if windows.recert.Latest.Before(windows.recert.Earliest) {
		col.Add("Planning.DecisionMarginDays", "window-order", strconv.Itoa(plan.DecisionMarginDays), "leaves no recertification window between "+schedDay(windows.recert.Earliest)+" and expiry")
		return Cycle{}, col.Err()
	}
	chosen := chooseYearPieces(&c, windows)
	if opts.Initial {
		c.Audits = append(c.Audits,
			ScheduledAudit{ID: opts.ID + "-stage1", Kind: annexa.Stage1, Auditee: opts.Auditee, Start: opts.Stage1, Due: Window{Latest: opts.Stage2}, Days: opts.Days.Stage1},
			ScheduledAudit{ID: opts.ID + "-stage2", Kind: annexa.Stage2, Auditee: opts.Auditee, Start: opts.Stage2, Due: Window{Earliest: opts.Stage2, Latest: opts.Decision}, Days: opts.Days.Stage2},
		)
	}
	for k, w := range chosen[:len(chosen)-1] {
		c.Audits = append(c.Audits, ScheduledAudit{ID: opts.ID + "-surveillance-" + strconv.Itoa(k+1), Kind: annexa.Surveillance, Auditee: opts.Auditee, Due: w, Days: opts.Days.Surveillance})
	}
	c.Audits = append(c.Audits, ScheduledAudit{ID: opts.ID + "-recertification", Kind: annexa.Recertification, Auditee: opts.Auditee, Due: chosen[len(chosen)-1], Days: opts.Days.Recertification})
	for i := range opts.Special {
		c.Audits = append(c.Audits, cloneScheduled(&opts.Special[i]))
	}
	slices.SortStableFunc(c.Audits, func(a, b ScheduledAudit) int { return compareAudits(&a, &b) })
	// The plan is built to keep every rule; checking it again guards the
	// promise that PlanCycle's output passes Verify.
	check := newCollector("planned cycle")
	checkCycle(check, "", &c, time.Time{})
	if err := check.Err(); err != nil {
		return Cycle{}, err
	}
	return c, nil
}

// checkCycleOptions reports every problem of the options.
func checkCycleOptions(col *errs.Collector, opts *CycleOptions, plan CyclePlanning) {
	if strings.TrimSpace(opts.ID) == "" {
		col.Add("ID", "required", opts.ID, "a prefix for the ids of the planned audits")
	}
	if strings.TrimSpace(opts.Auditee) == "" {
		col.Add("Auditee", "required", opts.Auditee, "the certified organization")
	}
	d := opts.Decision
	if d.IsZero() {
		col.Add("Decision", "required", "", "the date of the certification decision")
	}
	if opts.Initial {
		if opts.Stage1.IsZero() {
			col.Add("Stage1", "required", "", "the date stage 1 started, for an initial cycle")
		}
		if opts.Stage2.IsZero() {
			col.Add("Stage2", "required", "", "the date stage 2 started, for an initial cycle")
		}
		if !opts.Stage1.IsZero() && !opts.Stage2.IsZero() && !opts.Stage2.After(opts.Stage1) {
			col.Add("Stage2", RuleStage2AfterStage1, schedDay(opts.Stage2), "stage 2 starts after stage 1 ("+schedDay(opts.Stage1)+")")
		}
		for _, s := range []struct {
			path string
			t    time.Time
		}{{"Stage1", opts.Stage1}, {"Stage2", opts.Stage2}} {
			if !s.t.IsZero() && !d.IsZero() && s.t.After(d) {
				col.Add(s.path, RuleDecisionAfterInitial, schedDay(s.t), "the initial audit takes place on or before the decision of "+schedDay(d))
			}
		}
		if !opts.PreviousExpiry.IsZero() {
			col.Add("PreviousExpiry", "unused", schedDay(opts.PreviousExpiry), "an initial cycle renews no certificate")
		}
	} else {
		if !opts.Stage1.IsZero() {
			col.Add("Stage1", "unused", schedDay(opts.Stage1), "stage dates belong to an initial cycle (set Initial)")
		}
		if !opts.Stage2.IsZero() {
			col.Add("Stage2", "unused", schedDay(opts.Stage2), "stage dates belong to an initial cycle (set Initial)")
		}
		if pe := opts.PreviousExpiry; !pe.IsZero() && !d.IsZero() {
			switch {
			case pe.Before(d):
				col.Add("PreviousExpiry", RuleCertCycle3Years, schedDay(pe), "the previous certificate expired before the decision: leave it zero and the cycle runs three years from the decision")
			case pe.After(d.AddDate(1, 0, 0)):
				col.Add("PreviousExpiry", RuleCertCycle3Years, schedDay(pe), "a recertification decision more than a year before the previous expiry starts no new cycle")
			}
		}
	}
	for _, f := range []struct {
		path string
		v    float64
	}{{"Days.Stage1", opts.Days.Stage1}, {"Days.Stage2", opts.Days.Stage2}, {"Days.Surveillance", opts.Days.Surveillance}, {"Days.Recertification", opts.Days.Recertification}} {
		if !schedFinite(f.v, 0) {
			col.Add(f.path, "gte", schedNum(f.v), "a finite number of auditor days, at least 0")
		}
	}
	if plan.SurveillanceLeadMonths < 1 || plan.SurveillanceLeadMonths > 11 {
		col.Add("Planning.SurveillanceLeadMonths", "range", strconv.Itoa(plan.SurveillanceLeadMonths), "1 to 11 months")
	}
	if plan.RecertificationLeadMonths < 1 || plan.RecertificationLeadMonths > 11 {
		col.Add("Planning.RecertificationLeadMonths", "range", strconv.Itoa(plan.RecertificationLeadMonths), "1 to 11 months")
	}
	if plan.DecisionMarginDays < 1 || plan.DecisionMarginDays > 330 {
		col.Add("Planning.DecisionMarginDays", "range", strconv.Itoa(plan.DecisionMarginDays), "1 to 330 days")
	}
	ids := map[string]string{}
	if opts.ID != "" {
		for _, suffix := range []string{"-stage1", "-stage2", "-recertification"} {
			ids[opts.ID+suffix] = "a planned audit"
		}
	}
	var expiry time.Time
	if !d.IsZero() {
		var prev time.Time
		if !opts.Initial {
			prev = opts.PreviousExpiry
		}
		expiry = maxExpiry(d, opts.Initial, prev)
	}
	for i := range opts.Special {
		a := &opts.Special[i]
		p := schedIndex("Special", i)
		checkScheduledAudit(col, p, a)
		if a.Kind != "" && a.Kind != annexa.Special {
			col.Add(p+".Kind", RuleCycleKinds, string(a.Kind), "the host adds special audits only; PlanCycle plans the others")
		}
		if a.Auditee != "" && a.Auditee != opts.Auditee {
			col.Add(p+".Auditee", "match", a.Auditee, "a cycle's audits are of its auditee "+strconv.Quote(opts.Auditee))
		}
		if a.Team != nil {
			col.Add(p+".Team", "library-set", a.Team.Leader.String(), "teams are assigned by Staff")
		}
		if a.ID != "" {
			if first, dup := ids[a.ID]; dup || (opts.ID != "" && strings.HasPrefix(a.ID, opts.ID+"-surveillance-")) {
				if !dup {
					first = "a planned surveillance audit"
				}
				col.Add(p+".ID", "unique", a.ID, "already the id of "+first)
			} else {
				ids[a.ID] = p
			}
		}
		if d.IsZero() {
			continue
		}
		lo, hi := auditSpan(a)
		if lo.IsZero() || lo.Before(d) {
			col.Add(datePath(p, a, false), RuleCycleWithin, dateText(lo), "a special audit takes place on or after the decision of "+schedDay(d))
		}
		if hi.IsZero() || !hi.Before(expiry) {
			col.Add(datePath(p, a, true), RuleCycleWithin, dateText(hi), "a special audit takes place before the expiry on "+schedDay(expiry))
		}
	}
}

// cycleWindowSet holds the raw windows of a cycle: one surveillance per
// anniversary before the recertification window opens, then the
// recertification.
type cycleWindowSet struct {
	surveillance []Window
	recert       Window
}

// cycleWindows opens the raw windows: each surveillance window closes on
// an anniversary of the decision and opens lead months before it (never
// on or before the decision); the recertification window closes margin
// days before expiry and opens lead months before expiry, never on or
// before the second anniversary.
func cycleWindows(decision, expiry time.Time, plan CyclePlanning) cycleWindowSet {
	var w cycleWindowSet
	recertOpen := expiry.AddDate(0, -plan.RecertificationLeadMonths, 0)
	second := decision.AddDate(2, 0, 0)
	if !recertOpen.After(second) {
		recertOpen = second.AddDate(0, 0, 1)
	}
	for k := 1; ; k++ {
		anniversary := decision.AddDate(k, 0, 0)
		if k > 2 && !anniversary.Before(recertOpen) {
			break
		}
		open := anniversary.AddDate(0, -plan.SurveillanceLeadMonths, 0)
		if prev := decision.AddDate(k-1, 0, 1); open.Before(prev) {
			open = prev // after the decision, or after the previous anniversary
		}
		w.surveillance = append(w.surveillance, Window{Earliest: open, Latest: anniversary})
	}
	if last := w.surveillance[len(w.surveillance)-1].Latest; !recertOpen.After(last) {
		recertOpen = last.AddDate(0, 0, 1)
	}
	w.recert = Window{Earliest: recertOpen, Latest: expiry.AddDate(0, 0, -plan.DecisionMarginDays)}
	return w
}

// yearPieces splits a window into its parts in each calendar year.
func yearPieces(w Window) []Window {
	e, l := w.Earliest, w.Latest
	if e.Year() == l.Year() {
		return []Window{w}
	}
	var out []Window
	for y := e.Year(); y <= l.Year(); y++ {
		lo := time.Date(y, time.January, 1, e.Hour(), e.Minute(), e.Second(), e.Nanosecond(), e.Location())
		hi := time.Date(y, time.December, 31, e.Hour(), e.Minute(), e.Second(), e.Nanosecond(), e.Location())
		if lo.Before(e) {
			lo = e
		}
		if hi.After(l) {
			hi = l
		}
		if !hi.Before(lo) {
			out = append(out, Window{Earliest: lo, Latest: hi})
		}
	}
	return out
}

// chooseYearPieces picks, for each surveillance window and the
// recertification window, the part in one calendar year, so that no
// calendar year up to the recertification year lacks a surveillance and
// the narrowest window is widest; ties go to the earliest combination. It
// returns the surveillance windows followed by the recertification one.
func chooseYearPieces(c *Cycle, w cycleWindowSet) []Window {
	raw := append(slices.Clone(w.surveillance), w.recert)
	pieces := make([][]Window, len(raw))
	for i, r := range raw {
		pieces[i] = yearPieces(r)
	}
	idx := make([]int, len(raw))
	var best []Window
	bestScore := -1
	probe := Cycle{Decision: c.Decision, Expiry: c.Expiry, Audits: make([]ScheduledAudit, len(raw))}
	for {
		score := -1
		for i, p := range idx {
			win := pieces[i][p]
			kind := annexa.Surveillance
			if i == len(raw)-1 {
				kind = annexa.Recertification
			}
			probe.Audits[i] = ScheduledAudit{Kind: kind, Due: win}
			if width := schedDaysBetween(win.Earliest, win.Latest) + 1; score < 0 || width < score {
				score = width
			}
		}
		if score > bestScore && len(missingSurveillanceYears(&probe)) == 0 {
			bestScore = score
			best = best[:0]
			for i := range probe.Audits {
				best = append(best, probe.Audits[i].Due)
			}
		}
		// Advance the mixed-radix counter.
		i := 0
		for ; i < len(idx); i++ {
			idx[i]++
			if idx[i] < len(pieces[i]) {
				break
			}
			idx[i] = 0
		}
		if i == len(idx) {
			break
		}
	}
	if best == nil {
		// Cannot happen: the pieces holding each anniversary always cover
		// every year. Keep the raw windows; the final check reports it.
		return raw
	}
	return best
}

// AddCycle records a certification cycle in the programme, typically one
// from [PlanCycle]. It checks the cycle against every certification rule
// (with the expiry of the auditee's previous cycle in the programme, if
// any), that its audit ids are new to the programme, that no cycle of the
// auditee has the same decision date, and that no audit carries a team
// (teams come from [Programme.Staff]). Every problem comes back at once in
// a *ismsaudit.ValidationError and the programme is left unchanged; otherwise a copy
// of the cycle is appended to p.Cycles.
//
// Cycles are added while the programme is a draft (planning the
// programme, 19011 5.4) or being implemented (scheduling audits is part
// of implementing it, 5.5.1). An improved or closed version is a record
// and refuses with a *ismsaudit.TransitionError citing PRG-FROZEN; an approved
// version not yet implemented, or one under review, refuses citing
// PRG-SCHEDULE-WHEN: what was approved, or is being reviewed, stays as it
// is until implementation starts or the review ends. The programme's
// state is checked before the cycle.
func (p *Programme) AddCycle(c Cycle) error {
	if err := p.progRequireSchedule("add-cycle", StateDraft, StateImplementing); err != nil {
		return err
	}
	return p.addCycles("cycle", []Cycle{c}, func(int) string { return "" })
}

// AddCycles records several certification cycles at once — a
// certification body's clients, say — as [Programme.AddCycle] would one
// after the other, in the order given: each cycle is checked against the
// programme and against the cycles before it in the call (their audit
// ids, an auditee's decision dates, the expiry of the auditee's previous
// cycle). It takes time linear in the size of the programme, where
// adding the cycles one by one checks each against every audit already
// held. Problems have paths under the cycle's position, "[2].Audits[1].ID";
// every problem comes back at once in a *ismsaudit.ValidationError and the
// programme is left unchanged, else copies of all the cycles are
// appended to p.Cycles. It is allowed in the states AddCycle is.
func (p *Programme) AddCycles(cycles ...Cycle) error {
	if err := p.progRequireSchedule("add-cycles", StateDraft, StateImplementing); err != nil {
		return err
	}
	return p.addCycles("cycles", cycles, func(i int) string { return schedIndex("", i) })
}

// addCycles checks cycles as if added one by one and appends them; at(i)
// prefixes the paths of the problems of cycles[i].
func (p *Programme) addCycles(subject string, cycles []Cycle, at func(int) string) error {
	col := newCollector(subject)
	held := len(p.Cycles)
	cycle := func(x int) *Cycle { // the programme's cycles, then the ones given
		if x < held {
			return &p.Cycles[x]
		}
		return &cycles[x-held]
	}
	where := func(x int) string {
		if x < held {
			return "the programme already holds this auditee's cycle of that decision as " + schedIndex("Cycles", x)
		}
		return "this auditee's cycle of that decision is already given as " + at(x-held)
	}
	// The cycles of the auditees concerned, by auditee: the programme's
	// (only theirs, so that adding one cycle stays cheap), then the ones
	// given, as they are checked.
	byAuditee := make(map[string][]int, len(cycles))
	for i := range cycles {
		byAuditee[cycles[i].Auditee] = nil
	}
	for x := range held {
		if list, ok := byAuditee[p.Cycles[x].Auditee]; ok {
			byAuditee[p.Cycles[x].Auditee] = append(list, x)
		}
	}
	wanted := map[string]bool{}
	for i := range cycles {
		for k := range cycles[i].Audits {
			wanted[cycles[i].Audits[k].ID] = true
		}
	}
	ids := programmeAuditIDs(p, wanted)
	for i := range cycles {
		c := &cycles[i]
		prefix := at(i)
		// The auditee's previous cycle: the one with the latest decision
		// before this one's.
		var prev *Cycle
		for _, x := range byAuditee[c.Auditee] {
			o := cycle(x)
			if o.Decision.IsZero() || !o.Decision.Before(c.Decision) {
				continue
			}
			if prev == nil || o.Decision.After(prev.Decision) {
				prev = o
			}
		}
		var prevExpiry time.Time
		if prev != nil {
			prevExpiry = prev.Expiry
		}
		checkCycle(col, prefix, c, prevExpiry)
		for k := range c.Audits {
			a := &c.Audits[k]
			checkAddedAudit(col, errs.JoinPath(prefix, schedIndex("Audits", k)), a, ids)
		}
		for _, x := range byAuditee[c.Auditee] {
			if !c.Decision.IsZero() && cycle(x).Decision.Equal(c.Decision) {
				col.Add(errs.JoinPath(prefix, "Decision"), "unique", schedDay(c.Decision), where(x))
			}
		}
		byAuditee[c.Auditee] = append(byAuditee[c.Auditee], held+i)
	}
	if err := col.Err(); err != nil {
		return err
	}
	for i := range cycles {
		p.Cycles = append(p.Cycles, cloneCycle(&cycles[i]))
	}
	return nil
}

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
	if err := p.progRequireSchedule("schedule-audits", StateDraft, StateImplementing); err != nil {
		return err
	}
	col := newCollector("scheduled audits")
	wanted := make(map[string]bool, len(audits))
	for i := range audits {
		wanted[audits[i].ID] = true
	}
	ids := programmeAuditIDs(p, wanted)
	for i := range audits {
		a := &audits[i]
		path := schedIndex("Audits", i)
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
func programmeAuditIDs(p *Programme, wanted map[string]bool) map[string]string {
	ids := make(map[string]string, len(wanted))
	for i := range p.Schedule {
		if id := p.Schedule[i].ID; id != "" && wanted[id] {
			if _, dup := ids[id]; !dup {
				ids[id] = schedIndex("Schedule", i)
			}
		}
	}
	for j := range p.Cycles {
		for k := range p.Cycles[j].Audits {
			if id := p.Cycles[j].Audits[k].ID; id != "" && wanted[id] {
				if _, dup := ids[id]; !dup {
					ids[id] = schedIndex(schedIndex("Cycles", j)+".Audits", k)
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

// cloneCycle deep-copies a cycle.
func cloneCycle(c *Cycle) Cycle {
	out := *c
	if c.Audits != nil {
		out.Audits = make([]ScheduledAudit, len(c.Audits))
		for i := range c.Audits {
			out.Audits[i] = cloneScheduled(&c.Audits[i])
		}
	}
	return out
}

// checkAddedAudit checks an audit being added to the programme at path:
// it comes without a team (Staff assigns teams) and its id, when given,
// is not used yet; ids maps the ids in use to where they are and gains
// this one.
func checkAddedAudit(col *errs.Collector, path string, a *ScheduledAudit, ids map[string]string) {
	if a.Team != nil {
		col.Add(path+".Team", "library-set", a.Team.Leader.String(), "teams are assigned by Staff")
	}
	if a.ID == "" {
		return
	}
	if first, dup := ids[a.ID]; dup {
		col.Add(path+".ID", "unique", a.ID, "already used by "+first)
	} else {
		ids[a.ID] = path
	}
}
