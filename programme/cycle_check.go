package programme

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// This file checks a certification cycle against the rules of ISO/IEC
// 17021-1:2015 9.1.3 (audit programme), 9.3.1 (initial audit), 9.5
// (decision) and 9.6 (maintaining certification). [Verify],
// [Programme.AddCycle] and [PlanCycle] share it, so a planned cycle is
// always one Verify accepts.
//
// An audit is judged by the dates it may start on: its planned Start when
// set, else its due window (see auditSpan). A rule that needs a date the
// audit does not have (a window without a latest date, say) is reported as
// broken: the schedule cannot show that it keeps the rule.

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
	return strings.Compare(a.ID, b.ID)
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
	return schedDay(t)
}

// checkCycle reports every problem of cycle c, with paths under path.
// previousExpiry is the expiry of the auditee's previous cycle in the
// programme, when there is one (zero otherwise); the cycle's own
// PreviousExpiry, when set, must agree with it.
func checkCycle(col *errs.Collector, path string, c *Cycle, previousExpiry time.Time) {
	at := func(field string) string { return errs.JoinPath(path, field) }
	if strings.TrimSpace(c.Auditee) == "" {
		col.Add(at("Auditee"), "required", c.Auditee, "the certified organization")
	}
	if c.Decision.IsZero() {
		col.Add(at("Decision"), "required", "", "the date of the certification decision")
	}
	if c.Expiry.IsZero() {
		col.Add(at("Expiry"), "required", "", "the date the certificate expires")
	}
	prev := c.PreviousExpiry
	switch {
	case prev.IsZero():
		prev = previousExpiry
	case c.Initial:
		col.Add(at("PreviousExpiry"), "unused", schedDay(prev), "an initial cycle renews no certificate")
	case !c.Decision.IsZero() && (prev.Before(c.Decision) || prev.After(c.Decision.AddDate(1, 0, 0))):
		col.Add(at("PreviousExpiry"), RuleCertCycle3Years, schedDay(prev), "a renewed certificate expires on or after the decision and within a year of it")
	case !previousExpiry.IsZero() && !previousExpiry.Equal(prev):
		col.Add(at("PreviousExpiry"), RuleCertCycle3Years, schedDay(prev), "the auditee's previous cycle expires on "+schedDay(previousExpiry))
	}
	dated := !c.Decision.IsZero() && !c.Expiry.IsZero()
	if dated {
		limit := maxExpiry(c.Decision, c.Initial, prev)
		switch {
		case !c.Expiry.After(c.Decision):
			col.Add(at("Expiry"), RuleCertCycle3Years, schedDay(c.Expiry), "the certificate expires after the decision of "+schedDay(c.Decision))
		case c.Expiry.After(limit):
			col.Add(at("Expiry"), RuleCertCycle3Years, schedDay(c.Expiry), "later than "+schedDay(limit)+", three years after the decision or the previous expiry")
		}
	}
	audits := at("Audits")
	var stage1, stage2, recert []int
	var surveillance []int
	for i := range c.Audits {
		a := &c.Audits[i]
		p := schedIndex(audits, i)
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
				col.Add(p, "order", a.ID, "listed after "+strconv.Quote(prev.ID)+" but earlier")
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
		p := schedIndex(audits, i)
		lo, hi := auditSpan(a)
		if lo.IsZero() || lo.Before(an.decision) {
			col.Add(datePath(p, a, false), RuleCycleWithin, dateText(lo), "a special audit takes place on or after the decision of "+schedDay(an.decision))
		}
		if hi.IsZero() || !hi.Before(an.expiry) {
			col.Add(datePath(p, a, true), RuleCycleWithin, dateText(hi), "a special audit takes place before the expiry on "+schedDay(an.expiry))
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
		p := schedIndex(audits, i)
		if _, hi := auditSpan(a); hi.IsZero() || hi.After(an.decision) {
			col.Add(datePath(p, a, true), RuleDecisionAfterInitial, dateText(hi), "the initial audit takes place on or before the decision of "+schedDay(an.decision))
		}
	}
	if len(stage1) == 1 && len(stage2) == 1 {
		s1, s2 := &c.Audits[stage1[0]], &c.Audits[stage2[0]]
		_, hi1 := auditSpan(s1)
		lo2, _ := auditSpan(s2)
		if hi1.IsZero() || lo2.IsZero() || !lo2.After(hi1) {
			col.Add(datePath(schedIndex(audits, stage2[0]), s2, false), RuleStage2AfterStage1, dateText(lo2), "stage 2 starts after stage 1 ("+dateText(hi1)+")")
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
		p := schedIndex(audits, i)
		lo, hi := auditSpan(a)
		if lo.IsZero() || !lo.After(an.decision) {
			col.Add(datePath(p, a, false), RuleCycleWithin, dateText(lo), "a surveillance audit takes place after the decision of "+schedDay(an.decision))
		}
		if hi.IsZero() || !hi.Before(an.expiry) {
			col.Add(datePath(p, a, true), RuleCycleWithin, dateText(hi), "a surveillance audit takes place before the expiry on "+schedDay(an.expiry))
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
			p = datePath(schedIndex(audits, surveillance[0]), a, true)
			_, hi := auditSpan(a)
			v = dateText(hi)
		}
		col.Add(p, RuleSurvFirst12Months, v, "no surveillance audit is certain to fall after the decision and by "+schedDay(an.first))
	}
	if !secondOK {
		col.Add(audits, RuleSurvSecondYear, "", "no surveillance audit is certain to fall after "+schedDay(an.first)+" and by "+schedDay(an.second))
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
		p := schedIndex(audits, i)
		lo, hi := auditSpan(a)
		if lo.IsZero() || !lo.After(an.second) {
			col.Add(datePath(p, a, false), RuleRecertThirdYear, dateText(lo), "the recertification audit falls after "+schedDay(an.second))
		}
		if hi.IsZero() || !hi.Before(an.expiry) {
			col.Add(datePath(p, a, true), RuleRecertBeforeExpiry, dateText(hi), "the recertification audit takes place before the expiry on "+schedDay(an.expiry))
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
			col.Add(datePath(schedIndex(audits, i), a, true), RuleCycleKinds, dateText(hi), "a stage 1 in a recertification cycle falls in the third year, before the recertification audit")
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
