package programme

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Cycle is one three-year certification cycle of an auditee (ISO/IEC
// 17021-1:2015 9.1.3): the initial audit (stage 1, stage 2) or a
// recertification, then surveillance audits, special audits and the
// recertification before the certificate expires.
//
// [PlanCycle] computes one from the certification decision; [Cycle.Verify]
// checks one on its own, [Verify] and [Programme.AddCycle] within a
// programme, against the certification rules
// (the PRG-CERT-*, PRG-SURV-*, PRG-RECERT-*, PRG-INITIAL-*, PRG-STAGE2-*,
// PRG-DECISION-* and PRG-CYCLE-* rules of [Rules]).
type Cycle struct {
	// Auditee is the certified organization.
	Auditee string `json:"auditee"`
	// Decision is the date of the certification decision that starts the
	// cycle; Expiry the date the certificate expires.
	Decision time.Time `json:"decision"`
	Expiry   time.Time `json:"expiry"`
	// Initial marks the cycle that starts with the initial certification:
	// its audits include stage 1 and stage 2, before the decision. A cycle
	// that starts with a recertification decision leaves it false.
	Initial bool `json:"initial,omitempty"`
	// PreviousExpiry is, for a recertification cycle whose decision came
	// before the renewed certificate expired, that certificate's expiry:
	// the new certificate may then run three years from it (ISO/IEC
	// 17021-1:2015 9.6.3). Zero otherwise.
	PreviousExpiry time.Time `json:"previousExpiry,omitzero"`
	// Audits lists the cycle's audits in date order.
	Audits []ScheduledAudit `json:"audits,omitempty"`
}

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
	// stage 2 after stage 1 and both on or before the decision. The
	// cycle's first audit is stage 1: its due window opens on Stage1 and
	// closes on Stage2; stage 2's runs from Stage2 to the decision.
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
// for an initial cycle the stage 1 and stage 2 audits come first, started
// on the dates given (Start), stage 1 due from its own start to the start
// of stage 2 and stage 2 from its start to the decision. The other audits
// get due windows (ScheduledAudit.Due) and no Start, for the host to set.
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
		col.Add("Planning.DecisionMarginDays", "window-order", strconv.Itoa(plan.DecisionMarginDays), "leaves no recertification window between "+formatDay(windows.recert.Earliest)+" and expiry")
		return Cycle{}, col.Err()
	}
	chosen := chooseYearPieces(&c, windows)
	if opts.Initial {
		c.Audits = append(c.Audits,
			ScheduledAudit{ID: ScheduledAuditID(opts.ID + "-stage1"), Kind: annexa.Stage1, Auditee: opts.Auditee, Start: opts.Stage1, Due: Window{Earliest: opts.Stage1, Latest: opts.Stage2}, Days: opts.Days.Stage1},
			ScheduledAudit{ID: ScheduledAuditID(opts.ID + "-stage2"), Kind: annexa.Stage2, Auditee: opts.Auditee, Start: opts.Stage2, Due: Window{Earliest: opts.Stage2, Latest: opts.Decision}, Days: opts.Days.Stage2},
		)
	}
	for k, w := range chosen[:len(chosen)-1] {
		c.Audits = append(c.Audits, ScheduledAudit{ID: ScheduledAuditID(opts.ID + "-surveillance-" + strconv.Itoa(k+1)), Kind: annexa.Surveillance, Auditee: opts.Auditee, Due: w, Days: opts.Days.Surveillance})
	}
	c.Audits = append(c.Audits, ScheduledAudit{ID: ScheduledAuditID(opts.ID + "-recertification"), Kind: annexa.Recertification, Auditee: opts.Auditee, Due: chosen[len(chosen)-1], Days: opts.Days.Recertification})
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
		col.Add("ID", ismsaudit.RuleRequired, opts.ID, "a prefix for the ids of the planned audits")
	}
	if strings.TrimSpace(opts.Auditee) == "" {
		col.Add("Auditee", ismsaudit.RuleRequired, opts.Auditee, "the certified organization")
	}
	d := opts.Decision
	if d.IsZero() {
		col.Add("Decision", ismsaudit.RuleRequired, "", "the date of the certification decision")
	}
	if opts.Initial {
		if opts.Stage1.IsZero() {
			col.Add("Stage1", ismsaudit.RuleRequired, "", "the date stage 1 started, for an initial cycle")
		}
		if opts.Stage2.IsZero() {
			col.Add("Stage2", ismsaudit.RuleRequired, "", "the date stage 2 started, for an initial cycle")
		}
		if !opts.Stage1.IsZero() && !opts.Stage2.IsZero() && !opts.Stage2.After(opts.Stage1) {
			col.Add("Stage2", RuleStage2AfterStage1, formatDay(opts.Stage2), "stage 2 starts after stage 1 ("+formatDay(opts.Stage1)+")")
		}
		for _, s := range []struct {
			path string
			t    time.Time
		}{{"Stage1", opts.Stage1}, {"Stage2", opts.Stage2}} {
			if !s.t.IsZero() && !d.IsZero() && s.t.After(d) {
				col.Add(s.path, RuleDecisionAfterInitial, formatDay(s.t), "the initial audit takes place on or before the decision of "+formatDay(d))
			}
		}
		if !opts.PreviousExpiry.IsZero() {
			col.Add("PreviousExpiry", "unused", formatDay(opts.PreviousExpiry), "an initial cycle renews no certificate")
		}
	} else {
		if !opts.Stage1.IsZero() {
			col.Add("Stage1", "unused", formatDay(opts.Stage1), "stage dates belong to an initial cycle (set Initial)")
		}
		if !opts.Stage2.IsZero() {
			col.Add("Stage2", "unused", formatDay(opts.Stage2), "stage dates belong to an initial cycle (set Initial)")
		}
		if pe := opts.PreviousExpiry; !pe.IsZero() && !d.IsZero() {
			switch {
			case pe.Before(d):
				col.Add("PreviousExpiry", RuleCertCycle3Years, formatDay(pe), "the previous certificate expired before the decision: leave it zero and the cycle runs three years from the decision")
			case pe.After(d.AddDate(1, 0, 0)):
				col.Add("PreviousExpiry", RuleCertCycle3Years, formatDay(pe), "a recertification decision more than a year before the previous expiry starts no new cycle")
			}
		}
	}
	for _, f := range []struct {
		path string
		v    float64
	}{{"Days.Stage1", opts.Days.Stage1}, {"Days.Stage2", opts.Days.Stage2}, {"Days.Surveillance", opts.Days.Surveillance}, {"Days.Recertification", opts.Days.Recertification}} {
		if !finiteAtLeast(f.v, 0) {
			col.Add(f.path, "gte", formatNum(f.v), "a finite number of auditor days, at least 0")
		}
	}
	if plan.SurveillanceLeadMonths < 1 || plan.SurveillanceLeadMonths > 11 {
		col.Add("Planning.SurveillanceLeadMonths", ismsaudit.RuleRange, strconv.Itoa(plan.SurveillanceLeadMonths), "1 to 11 months")
	}
	if plan.RecertificationLeadMonths < 1 || plan.RecertificationLeadMonths > 11 {
		col.Add("Planning.RecertificationLeadMonths", ismsaudit.RuleRange, strconv.Itoa(plan.RecertificationLeadMonths), "1 to 11 months")
	}
	if plan.DecisionMarginDays < 1 || plan.DecisionMarginDays > 330 {
		col.Add("Planning.DecisionMarginDays", ismsaudit.RuleRange, strconv.Itoa(plan.DecisionMarginDays), "1 to 330 days")
	}
	ids := map[ScheduledAuditID]string{}
	if opts.ID != "" {
		for _, suffix := range []string{"-stage1", "-stage2", "-recertification"} {
			ids[ScheduledAuditID(opts.ID+suffix)] = "a planned audit"
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
		p := indexPath("Special", i)
		checkScheduledAudit(col, p, a)
		if a.Kind != "" && a.Kind != annexa.Special {
			col.Add(p+".Kind", RuleCycleKinds, string(a.Kind), "the host adds special audits only; PlanCycle plans the others")
		}
		if a.Auditee != "" && a.Auditee != opts.Auditee {
			col.Add(p+".Auditee", "match", a.Auditee, "a cycle's audits are of its auditee "+strconv.Quote(opts.Auditee))
		}
		if a.Team != nil {
			col.Add(p+".Team", "library-set", string(a.Team.Leader), "teams are assigned by Staff")
		}
		if a.ID != "" {
			if first, dup := ids[a.ID]; dup || (opts.ID != "" && strings.HasPrefix(string(a.ID), opts.ID+"-surveillance-")) {
				if !dup {
					first = "a planned surveillance audit"
				}
				col.Add(p+".ID", ismsaudit.RuleUnique, string(a.ID), "already the id of "+first)
			} else {
				ids[a.ID] = p
			}
		}
		if d.IsZero() {
			continue
		}
		lo, hi := auditSpan(a)
		if lo.IsZero() || lo.Before(d) {
			col.Add(datePath(p, a, false), RuleCycleWithin, dateText(lo), "a special audit takes place on or after the decision of "+formatDay(d))
		}
		if hi.IsZero() || !hi.Before(expiry) {
			col.Add(datePath(p, a, true), RuleCycleWithin, dateText(hi), "a special audit takes place before the expiry on "+formatDay(expiry))
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
			if width := daysBetween(win.Earliest, win.Latest) + 1; score < 0 || width < score {
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
	if err := p.requireSchedule("add-cycle", StateDraft, StateImplementing); err != nil {
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
	if err := p.requireSchedule("add-cycles", StateDraft, StateImplementing); err != nil {
		return err
	}
	return p.addCycles("cycles", cycles, func(i int) string { return indexPath("", i) })
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
			return "the programme already holds this auditee's cycle of that decision as " + indexPath("Cycles", x)
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
	wanted := map[ScheduledAuditID]bool{}
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
			checkAddedAudit(col, errs.JoinPath(prefix, indexPath("Audits", k)), a, ids)
		}
		for _, x := range byAuditee[c.Auditee] {
			if !c.Decision.IsZero() && cycle(x).Decision.Equal(c.Decision) {
				col.Add(errs.JoinPath(prefix, "Decision"), ismsaudit.RuleUnique, formatDay(c.Decision), where(x))
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

// cycleAnchors are the dates the rules count from.
type cycleAnchors struct {
	decision, first, second, expiry time.Time // decision, its first and second anniversaries, expiry
}

func anchorsOf(c *Cycle) cycleAnchors {
	return cycleAnchors{decision: c.Decision, first: c.Decision.AddDate(1, 0, 0), second: c.Decision.AddDate(2, 0, 0), expiry: c.Expiry}
}

// maxExpiry is the latest expiry the rules allow a cycle: three years
// after its decision, or, for a recertification cycle whose previous
// certificate had not expired at the decision, three years after that
// previous expiry (ISO/IEC 17021-1:2015 9.6.3).
func maxExpiry(decision time.Time, initial bool, previousExpiry time.Time) time.Time {
	limit := decision.AddDate(3, 0, 0)
	if !initial && !previousExpiry.IsZero() && !previousExpiry.Before(decision) {
		if p := previousExpiry.AddDate(3, 0, 0); p.After(limit) {
			limit = p
		}
	}
	return limit
}

// kindRank orders audit kinds within a day: the order of a cycle.
func kindRank(k annexa.AuditKind) int {
	switch k {
	case annexa.Stage1:
		return 0
	case annexa.Stage2:
		return 1
	case annexa.Surveillance:
		return 2
	case annexa.Recertification:
		return 3
	case annexa.Special:
		return 4
	}
	return 5
}

// auditKey is the date an audit sorts by: its first possible date, or its
// latest when it has no first.
func auditKey(a *ScheduledAudit) time.Time {
	lo, hi := auditSpan(a)
	if lo.IsZero() {
		return hi
	}
	return lo
}

// compareAudits orders audits by date, then kind, then id.
func compareAudits(a, b *ScheduledAudit) int {
	if c := auditKey(a).Compare(auditKey(b)); c != 0 {
		return c
	}
	if c := cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// datePath names the field that carries an audit's low (first possible)
// or high (last possible) date: Start when set, else the window bound.
func datePath(path string, a *ScheduledAudit, high bool) string {
	switch {
	case !a.Start.IsZero():
		return errs.JoinPath(path, "Start")
	case high:
		return errs.JoinPath(path, "Due.Latest")
	}
	return errs.JoinPath(path, "Due.Earliest")
}

// dateText renders a possibly unknown date.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatDay(t)
}

// Verify checks the cycle on its own against the certification rules and
// returns every violation at once, as Verify finds them in a programme
// holding it: the cycle's dates (PRG-CERT-CYCLE-3-YEARS), its audits
// (PRG-INITIAL-*, PRG-STAGE2-*, PRG-DECISION-*, PRG-SURV-*,
// PRG-RECERT-*, PRG-CYCLE-*), each audit on its own, their ids unique
// and no one on two of its staffed audits whose dates overlap
// (PRG-STAFF-NO-OVERLAP). The error is a *ismsaudit.ValidationError whose
// paths start at the cycle ("Audits[2].Due.Latest" where Verify says
// "Cycles[0].Audits[2].Due.Latest"); nil when the cycle keeps every rule.
// What depends on the rest of a programme is Verify's alone: Verify also
// checks a stated PreviousExpiry against the auditee's previous cycle,
// the decision date against the auditee's other cycles, and the audit
// ids and bookings against every other audit of the programme.
func (c *Cycle) Verify() error {
	v := &verifier{col: newCollector("cycle")}
	if c == nil {
		v.violate("", ismsaudit.RuleRequired, "", "no cycle given")
		return v.col.Err()
	}
	v.verifyCycle("", c, time.Time{})
	v.verifyBookings()
	return v.col.Err()
}

// verifyCycle checks cycle c at path against the certification rules
// (see checkCycle), with previousExpiry the expiry of the auditee's
// previous cycle in the programme (zero when none), and records its
// audits' ids and bookings for the checks across the programme.
func (v *verifier) verifyCycle(path string, c *Cycle, previousExpiry time.Time) {
	checkCycle(v.col, path, c, previousExpiry)
	audits := errs.JoinPath(path, "Audits")
	for k := range c.Audits {
		ap := indexPath(audits, k)
		v.verifyAuditID(ap, &c.Audits[k])
		v.bookings = appendBookings(v.bookings, ap, &c.Audits[k])
	}
}

// checkCycle reports every problem of cycle c, with paths under path,
// against the rules of ISO/IEC 17021-1:2015 9.1.3 (audit programme),
// 9.3.1 (initial audit), 9.5 (decision) and 9.6 (maintaining
// certification). Verify, Cycle.Verify, AddCycle and PlanCycle share it,
// so a planned cycle is always one Verify accepts.
//
// An audit is judged by the dates it may start on: its planned Start when
// set, else its due window (see auditSpan). A rule that needs a date the
// audit does not have (a window without a latest date, say) is reported
// as broken: the schedule cannot show that it keeps the rule.
// previousExpiry is the expiry of the auditee's previous cycle in the
// programme, when there is one (zero otherwise); the cycle's own
// PreviousExpiry, when set, must agree with it.
func checkCycle(col *errs.Collector, path string, c *Cycle, previousExpiry time.Time) {
	at := func(field string) string { return errs.JoinPath(path, field) }
	if strings.TrimSpace(c.Auditee) == "" {
		col.Add(at("Auditee"), ismsaudit.RuleRequired, c.Auditee, "the certified organization")
	}
	if c.Decision.IsZero() {
		col.Add(at("Decision"), ismsaudit.RuleRequired, "", "the date of the certification decision")
	}
	if c.Expiry.IsZero() {
		col.Add(at("Expiry"), ismsaudit.RuleRequired, "", "the date the certificate expires")
	}
	prev := c.PreviousExpiry
	switch {
	case prev.IsZero():
		prev = previousExpiry
	case c.Initial:
		col.Add(at("PreviousExpiry"), "unused", formatDay(prev), "an initial cycle renews no certificate")
	case !c.Decision.IsZero() && (prev.Before(c.Decision) || prev.After(c.Decision.AddDate(1, 0, 0))):
		col.Add(at("PreviousExpiry"), RuleCertCycle3Years, formatDay(prev), "a renewed certificate expires on or after the decision and within a year of it")
	case !previousExpiry.IsZero() && !previousExpiry.Equal(prev):
		col.Add(at("PreviousExpiry"), RuleCertCycle3Years, formatDay(prev), "the auditee's previous cycle expires on "+formatDay(previousExpiry))
	}
	dated := !c.Decision.IsZero() && !c.Expiry.IsZero()
	if dated {
		limit := maxExpiry(c.Decision, c.Initial, prev)
		switch {
		case !c.Expiry.After(c.Decision):
			col.Add(at("Expiry"), RuleCertCycle3Years, formatDay(c.Expiry), "the certificate expires after the decision of "+formatDay(c.Decision))
		case c.Expiry.After(limit):
			col.Add(at("Expiry"), RuleCertCycle3Years, formatDay(c.Expiry), "later than "+formatDay(limit)+", three years after the decision or the previous expiry")
		}
	}
	audits := at("Audits")
	var stage1, stage2, recert []int
	var surveillance []int
	for i := range c.Audits {
		a := &c.Audits[i]
		p := indexPath(audits, i)
		checkScheduledAudit(col, p, a)
		if a.Auditee != "" && c.Auditee != "" && a.Auditee != c.Auditee {
			col.Add(p+".Auditee", "match", a.Auditee, "a cycle's audits are of its auditee "+strconv.Quote(c.Auditee))
		}
		switch a.Kind {
		case annexa.Stage1:
			stage1 = append(stage1, i)
		case annexa.Stage2:
			stage2 = append(stage2, i)
			if !c.Initial {
				col.Add(p+".Kind", RuleCycleKinds, string(a.Kind), "stage 2 belongs to an initial certification cycle")
			}
		case annexa.Surveillance:
			surveillance = append(surveillance, i)
		case annexa.Recertification:
			recert = append(recert, i)
		case annexa.Special:
		case annexa.Internal, annexa.SecondParty:
			col.Add(p+".Kind", RuleCycleKinds, string(a.Kind), "a certification cycle holds only certification audits")
		}
		if i > 0 {
			prev := &c.Audits[i-1]
			if k, pk := auditKey(a), auditKey(prev); !k.IsZero() && !pk.IsZero() && k.Before(pk) {
				col.Add(p, "order", string(a.ID), "listed after "+strconv.Quote(string(prev.ID))+" but earlier")
			}
		}
	}
	if !dated {
		return
	}
	an := anchorsOf(c)
	checkInitialStages(col, audits, c, an, stage1, stage2)
	checkSurveillance(col, audits, c, an, surveillance)
	checkRecertification(col, audits, c, an, recert, stage1)
	for i := range c.Audits {
		a := &c.Audits[i]
		if a.Kind != annexa.Special {
			continue
		}
		p := indexPath(audits, i)
		lo, hi := auditSpan(a)
		if lo.IsZero() || lo.Before(an.decision) {
			col.Add(datePath(p, a, false), RuleCycleWithin, dateText(lo), "a special audit takes place on or after the decision of "+formatDay(an.decision))
		}
		if hi.IsZero() || !hi.Before(an.expiry) {
			col.Add(datePath(p, a, true), RuleCycleWithin, dateText(hi), "a special audit takes place before the expiry on "+formatDay(an.expiry))
		}
	}
	for _, y := range missingSurveillanceYears(c) {
		col.Add(audits, RuleSurvCalendarYear, strconv.Itoa(y), "no surveillance audit is certain to fall in "+strconv.Itoa(y))
	}
}

// checkInitialStages checks the stage audits: one of each, stage 2 after
// stage 1, both on or before the decision, for an initial cycle.
func checkInitialStages(col *errs.Collector, audits string, c *Cycle, an cycleAnchors, stage1, stage2 []int) {
	if !c.Initial {
		return
	}
	if len(stage1) != 1 {
		col.Add(audits, RuleInitialTwoStage, strconv.Itoa(len(stage1)), "an initial cycle has one stage 1 audit, not "+strconv.Itoa(len(stage1)))
	}
	if len(stage2) != 1 {
		col.Add(audits, RuleInitialTwoStage, strconv.Itoa(len(stage2)), "an initial cycle has one stage 2 audit, not "+strconv.Itoa(len(stage2)))
	}
	for _, i := range append(append([]int(nil), stage1...), stage2...) {
		a := &c.Audits[i]
		p := indexPath(audits, i)
		if _, hi := auditSpan(a); hi.IsZero() || hi.After(an.decision) {
			col.Add(datePath(p, a, true), RuleDecisionAfterInitial, dateText(hi), "the initial audit takes place on or before the decision of "+formatDay(an.decision))
		}
	}
	if len(stage1) == 1 && len(stage2) == 1 {
		s1, s2 := &c.Audits[stage1[0]], &c.Audits[stage2[0]]
		_, hi1 := auditSpan(s1)
		lo2, _ := auditSpan(s2)
		if hi1.IsZero() || lo2.IsZero() || !lo2.After(hi1) {
			col.Add(datePath(indexPath(audits, stage2[0]), s2, false), RuleStage2AfterStage1, dateText(lo2), "stage 2 starts after stage 1 ("+dateText(hi1)+")")
		}
	}
}

// checkSurveillance checks that every surveillance audit lies within the
// cycle, that one falls within 12 months of the decision and one in the
// second year.
func checkSurveillance(col *errs.Collector, audits string, c *Cycle, an cycleAnchors, surveillance []int) {
	firstOK, secondOK := false, false
	for _, i := range surveillance {
		a := &c.Audits[i]
		p := indexPath(audits, i)
		lo, hi := auditSpan(a)
		if lo.IsZero() || !lo.After(an.decision) {
			col.Add(datePath(p, a, false), RuleCycleWithin, dateText(lo), "a surveillance audit takes place after the decision of "+formatDay(an.decision))
		}
		if hi.IsZero() || !hi.Before(an.expiry) {
			col.Add(datePath(p, a, true), RuleCycleWithin, dateText(hi), "a surveillance audit takes place before the expiry on "+formatDay(an.expiry))
		}
		if !lo.IsZero() && !hi.IsZero() && lo.After(an.decision) && !hi.After(an.first) {
			firstOK = true
		}
		if !lo.IsZero() && !hi.IsZero() && lo.After(an.first) && !hi.After(an.second) {
			secondOK = true
		}
	}
	if !firstOK {
		p, v := audits, ""
		if len(surveillance) > 0 {
			a := &c.Audits[surveillance[0]]
			p = datePath(indexPath(audits, surveillance[0]), a, true)
			_, hi := auditSpan(a)
			v = dateText(hi)
		}
		col.Add(p, RuleSurvFirst12Months, v, "no surveillance audit is certain to fall after the decision and by "+formatDay(an.first))
	}
	if !secondOK {
		col.Add(audits, RuleSurvSecondYear, "", "no surveillance audit is certain to fall after "+formatDay(an.first)+" and by "+formatDay(an.second))
	}
}

// checkRecertification checks that the cycle plans one recertification
// audit, in the third year and before expiry, and that a stage 1 of a
// recertification cycle comes before it.
func checkRecertification(col *errs.Collector, audits string, c *Cycle, an cycleAnchors, recert, stage1 []int) {
	if len(recert) != 1 {
		col.Add(audits, RuleRecertPlanned, strconv.Itoa(len(recert)), "a cycle plans one recertification audit, not "+strconv.Itoa(len(recert)))
	}
	var recertLo time.Time
	for _, i := range recert {
		a := &c.Audits[i]
		p := indexPath(audits, i)
		lo, hi := auditSpan(a)
		if lo.IsZero() || !lo.After(an.second) {
			col.Add(datePath(p, a, false), RuleRecertThirdYear, dateText(lo), "the recertification audit falls after "+formatDay(an.second))
		}
		if hi.IsZero() || !hi.Before(an.expiry) {
			col.Add(datePath(p, a, true), RuleRecertBeforeExpiry, dateText(hi), "the recertification audit takes place before the expiry on "+formatDay(an.expiry))
		}
		if recertLo.IsZero() || (!lo.IsZero() && lo.Before(recertLo)) {
			recertLo = lo
		}
	}
	if c.Initial {
		return
	}
	if len(stage1) > 1 {
		col.Add(audits, RuleCycleKinds, strconv.Itoa(len(stage1)), "a recertification cycle has at most one stage 1, before its recertification audit")
	}
	for _, i := range stage1 {
		a := &c.Audits[i]
		lo, hi := auditSpan(a)
		if lo.IsZero() || !lo.After(an.second) || hi.IsZero() || recertLo.IsZero() || !hi.Before(recertLo) {
			col.Add(datePath(indexPath(audits, i), a, true), RuleCycleKinds, dateText(hi), "a stage 1 in a recertification cycle falls in the third year, before the recertification audit")
		}
	}
}

// missingSurveillanceYears lists the calendar years, after the decision's
// year and before the year of the recertification audit, in which no
// surveillance audit is certain to fall (its whole span inside the year).
// Without a recertification audit with a latest date, the years up to the
// one before expiry count.
func missingSurveillanceYears(c *Cycle) []int {
	if c.Decision.IsZero() || c.Expiry.IsZero() {
		return nil
	}
	end := c.Expiry.Year() - 1
	for i := range c.Audits {
		a := &c.Audits[i]
		if a.Kind != annexa.Recertification {
			continue
		}
		if _, hi := auditSpan(a); !hi.IsZero() && hi.Year()-1 < end {
			end = hi.Year() - 1
		}
	}
	var out []int
	for y := c.Decision.Year() + 1; y <= end; y++ {
		found := false
		for i := range c.Audits {
			a := &c.Audits[i]
			if a.Kind != annexa.Surveillance {
				continue
			}
			if lo, hi := auditSpan(a); !lo.IsZero() && !hi.IsZero() && lo.Year() == y && hi.Year() == y {
				found = true
				break
			}
		}
		if !found {
			out = append(out, y)
		}
	}
	return out
}

// previousExpiries returns, for each cycle, the expiry of the auditee's
// cycle with the latest decision before its own (zero when none).
func previousExpiries(cycles []Cycle) []time.Time {
	out := make([]time.Time, len(cycles))
	byAuditee := map[string][]int{}
	for j := range cycles {
		if !cycles[j].Decision.IsZero() {
			byAuditee[cycles[j].Auditee] = append(byAuditee[cycles[j].Auditee], j)
		}
	}
	for _, list := range byAuditee {
		if len(list) < 2 {
			continue
		}
		slices.SortStableFunc(list, func(a, b int) int { return cycles[a].Decision.Compare(cycles[b].Decision) })
		for k := 1; k < len(list); k++ {
			// The latest cycle strictly before: skip equal decisions.
			for p := k - 1; p >= 0; p-- {
				if cycles[list[p]].Decision.Before(cycles[list[k]].Decision) {
					out[list[k]] = cycles[list[p]].Expiry
					break
				}
			}
		}
	}
	return out
}

// cycleKey identifies a cycle by auditee and decision instant.
type cycleKey struct {
	auditee string
	sec     int64
	nsec    int
}

// The rules of the certification cycle (ISO/IEC 17021-1:2015 9.1.3, 9.3.1,
// 9.5, 9.6.3, 9.6.4). Applying the 12-month limit to recertification
// cycles, judging audits by their first day, and the due-window figures of
// [CyclePlanning] are the project's.
const (
	RuleCertCycle3Years      ismsaudit.RuleID = "PRG-CERT-CYCLE-3-YEARS"
	RuleInitialTwoStage      ismsaudit.RuleID = "PRG-INITIAL-TWO-STAGE"
	RuleStage2AfterStage1    ismsaudit.RuleID = "PRG-STAGE2-AFTER-STAGE1"
	RuleDecisionAfterInitial ismsaudit.RuleID = "PRG-DECISION-AFTER-INITIAL"
	RuleSurvFirst12Months    ismsaudit.RuleID = "PRG-SURV-FIRST-12-MONTHS"
	RuleSurvSecondYear       ismsaudit.RuleID = "PRG-SURV-SECOND-YEAR"
	RuleSurvCalendarYear     ismsaudit.RuleID = "PRG-SURV-CALENDAR-YEAR"
	RuleRecertPlanned        ismsaudit.RuleID = "PRG-RECERT-PLANNED"
	RuleRecertThirdYear      ismsaudit.RuleID = "PRG-RECERT-THIRD-YEAR"
	RuleRecertBeforeExpiry   ismsaudit.RuleID = "PRG-RECERT-BEFORE-EXPIRY"
	RuleCycleKinds           ismsaudit.RuleID = "PRG-CYCLE-KINDS"
	RuleCycleWithin          ismsaudit.RuleID = "PRG-CYCLE-WITHIN"
)

var cycleRules = []ismsaudit.Rule{
	{ID: RuleCertCycle3Years, Clause: "17021-1:9.1.3, 9.6.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a certification cycle starts with the certification decision and the certificate expires no later than three years after it (or, after an early recertification, three years after the previous expiry)"},
	{ID: RuleInitialTwoStage, Clause: "17021-1:9.1.3, 9.3.1", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "an initial certification cycle holds one stage 1 and one stage 2 audit"},
	{ID: RuleStage2AfterStage1, Clause: "17021-1:9.3.1", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "stage 2 takes place after stage 1"},
	{ID: RuleDecisionAfterInitial, Clause: "17021-1:9.5", Principle: ismsaudit.PrincipleEvidenceBased, Text: "the certification decision follows the initial audit: stage 1 and stage 2 are on or before the decision date"},
	{ID: RuleSurvFirst12Months, Clause: "17021-1:9.1.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the first surveillance audit is no later than 12 months after the certification decision", Basis: "project reading: applied to recertification cycles too"},
	{ID: RuleSurvSecondYear, Clause: "17021-1:9.1.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a further surveillance audit falls in the second year after the certification decision"},
	{ID: RuleSurvCalendarYear, Clause: "17021-1:9.1.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "every calendar year after the decision year has a surveillance audit, except the year of the recertification audit and after"},
	{ID: RuleRecertPlanned, Clause: "17021-1:9.1.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a cycle plans exactly one recertification audit"},
	{ID: RuleRecertThirdYear, Clause: "17021-1:9.1.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the recertification audit falls in the third year, after the second anniversary of the decision"},
	{ID: RuleRecertBeforeExpiry, Clause: "17021-1:9.6.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the recertification audit takes place before the certificate expires"},
	{ID: RuleCycleKinds, Clause: "17021-1:9.1.3, 9.6.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a cycle holds only certification audits: stage 1 and stage 2 (initial cycle; a stage 1 before a recertification), surveillance, recertification and special audits"},
	{ID: RuleCycleWithin, Clause: "17021-1:9.1.3, 9.6.4", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "surveillance, recertification and special audits fall after the decision and before the certificate expires"},
}
