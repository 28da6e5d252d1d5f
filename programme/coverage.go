package programme

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// CoverageWeight raises how often some requirements or controls are
// audited over the programme period: the host's risk-based frequency
// (ISO/IEC 27001:2022 9.2.2 asks the programme to consider the importance
// of the processes concerned and the results of previous audits; ISO
// 19011:2018 5.4.3 the results of risk assessment). Everything not
// weighted is audited once.
type CoverageWeight struct {
	// Refs selects clauses and controls by reference. A clause with
	// subclauses ("6.1", "9") selects its requirements (6.1.1 to 6.1.3);
	// a control must be one the SoA declares applicable.
	Refs []annexa.Ref `json:"refs,omitempty"`
	// Filter, when set, selects the applicable controls that match it
	// (themes and ISO/IEC 27002 attributes; an empty filter matches every
	// control).
	Filter *annexa.Filter `json:"filter,omitempty"`
	// Times is how many times over the period each selected item is
	// audited, at least 1. When weights overlap, the highest counts.
	Times int `json:"times"`
	// Reason says why, e.g. "high risk in the 2026 risk assessment".
	Reason string `json:"reason,omitempty"`
}

// InternalPlanOptions is what [PlanInternal] plans an internal audit
// programme from.
type InternalPlanOptions struct {
	// ID prefixes the audit ids: ID+"-01", ID+"-02", ...; empty means
	// Auditee+"-internal".
	ID string `json:"id,omitempty"`
	// Auditee is the organization whose ISMS is audited. Required.
	Auditee string `json:"auditee"`
	// Period is the programme period (the cycle), both dates required and
	// inclusive.
	Period Window `json:"period"`
	// Audits is the number of internal audits over the period, each due in
	// its own equal part of it; 0 means one per 91 days of the period (a
	// quarter), at least one.
	Audits int `json:"audits,omitempty"`
	// Weights are the host's risk weights.
	Weights []CoverageWeight `json:"weights,omitempty"`
}

// CoverageItem is one requirement or applicable control and how often
// the schedule audits it within the period.
type CoverageItem struct {
	// Ref is the clause (a requirement 4.1 to 10.2) or control.
	Ref annexa.Ref `json:"ref"`
	// Required is how many times the period must audit it: 1, or its
	// highest weight.
	Required int `json:"required"`
	// Planned is how many audits within the period cover it.
	Planned int `json:"planned"`
	// Audits lists the ids of those audits, in schedule order.
	Audits []ScheduledAuditID `json:"audits,omitempty"`
}

// CoverageGap is an item audited fewer times than required.
type CoverageGap struct {
	// Ref is the clause or control.
	Ref annexa.Ref `json:"ref"`
	// Rule is the rule the gap breaks: PRG-COVER-REQUIREMENTS or
	// PRG-COVER-CONTROLS when the item is not audited at all,
	// PRG-COVER-RISK-WEIGHT when it is audited less often than its weight.
	Rule ismsaudit.RuleID `json:"rule"`
	// Required and Planned are as in CoverageItem; Missing is the
	// difference.
	Required int `json:"required"`
	Planned  int `json:"planned"`
	Missing  int `json:"missing"`
}

// CoverageReport says how far a schedule covers the ISMS over a period.
type CoverageReport struct {
	// Period is the period reported on.
	Period Window `json:"period"`
	// Items lists every requirement (annexa.Requirements order) and then
	// every applicable control (Annex A order).
	Items []CoverageItem `json:"items"`
	// Gaps lists the items audited fewer times than required, in the same
	// order.
	Gaps []CoverageGap `json:"gaps,omitempty"`
	// Outside lists the ids of internal audits of the schedule that were
	// not counted because they are not certain to fall within the period
	// (their start or window is not wholly inside it).
	Outside []ScheduledAuditID `json:"outside,omitempty"`
}

// Complete reports whether the report has no gap.
func (r *CoverageReport) Complete() bool { return len(r.Gaps) == 0 }

// coverageItem is a requirement or applicable control with the number
// of times the period must audit it.
type coverageItem struct {
	ref      annexa.Ref
	required int
}

// Catalogue positions, computed once from the annexa catalogue and never
// changed: the requirements (annexa.Requirements order) and the controls
// (Annex A order).
var (
	coverRequirements = func() []annexa.ClauseID {
		var out []annexa.ClauseID
		for c := range annexa.Requirements() {
			out = append(out, c.ID())
		}
		return out
	}()
	coverRequirementIndex = func() map[annexa.ClauseID]int {
		m := make(map[annexa.ClauseID]int, len(coverRequirements))
		for i, id := range coverRequirements {
			m[id] = i
		}
		return m
	}()
	coverControlIndex = func() map[annexa.ControlID]int {
		m := make(map[annexa.ControlID]int, annexa.ControlCount)
		for c := range annexa.Controls() {
			m[c.ID()] = len(m)
		}
		return m
	}()
)

// coverageIndex finds the item of a requirement or control: requirements
// by catalogue position, controls by Annex A position (-1 when the SoA
// does not make the control applicable).
type coverageIndex struct {
	controls [annexa.ControlCount]int
}

// requirement returns the item of a requirement clause, if it is one.
func (x *coverageIndex) requirement(id annexa.ClauseID) (int, bool) {
	i, ok := coverRequirementIndex[id]
	return i, ok
}

// control returns the item of an applicable control.
func (x *coverageIndex) control(id annexa.ControlID) (int, bool) {
	i, ok := coverControlIndex[id]
	if !ok || x.controls[i] < 0 {
		return 0, false
	}
	return x.controls[i], true
}

// resolveCoverage checks soa and weights and returns the items with their
// required counts, and an index to them. Problems go to col with paths
// under "SoA" and "Weights".
func resolveCoverage(col *errs.Collector, soa *annexa.SoA, weights []CoverageWeight) ([]coverageItem, *coverageIndex) {
	if soa == nil {
		col.Add("SoA", ismsaudit.RuleRequired, "", "the Statement of Applicability")
		return nil, nil
	}
	col.Merge("SoA", "invalid", soa.Validate())
	items := make([]coverageItem, 0, len(coverRequirements)+annexa.ControlCount)
	index := &coverageIndex{}
	for _, id := range coverRequirements {
		items = append(items, coverageItem{ref: annexa.RefToClause(id), required: 1})
	}
	for i := range index.controls {
		index.controls[i] = -1
	}
	for c := range soa.Applicable() {
		index.controls[coverControlIndex[c.ID()]] = len(items)
		items = append(items, coverageItem{ref: annexa.RefToControl(c.ID()), required: 1})
	}
	for i, w := range weights {
		path := indexPath("Weights", i)
		if w.Times < 1 {
			col.Add(path+".Times", "gte", strconv.Itoa(w.Times), "at least 1")
		}
		if len(w.Refs) == 0 && w.Filter == nil {
			col.Add(path, ismsaudit.RuleRequired, "", "a weight selects items by Refs or Filter")
		}
		raise := func(k int) {
			if w.Times > items[k].required {
				items[k].required = w.Times
			}
		}
		for j, r := range w.Refs {
			rp := indexPath(path+".Refs", j)
			switch r.Kind {
			case annexa.ClauseRef:
				id := annexa.ClauseID(r.ID)
				if !id.IsValid() {
					col.Add(rp+".ID", ismsaudit.RuleUnknown, r.ID, "not a clause 4 to 10.2 of ISO/IEC 27001:2022")
					continue
				}
				for k, req := range coverRequirements {
					if req == id || strings.HasPrefix(string(req), r.ID+".") {
						raise(k)
					}
				}
			case annexa.ControlRef:
				id := annexa.ControlID(r.ID)
				if !id.IsValid() {
					col.Add(rp+".ID", ismsaudit.RuleUnknown, r.ID, "not an Annex A control of ISO/IEC 27001:2022")
					continue
				}
				k, ok := index.control(id)
				if !ok {
					col.Add(rp, RuleCoverControls, r.ID, "the SoA does not declare the control applicable: it is not audited")
					continue
				}
				raise(k)
			case "":
				col.Add(rp+".Kind", ismsaudit.RuleRequired, "", "clause or control")
			default:
				col.Add(rp+".Kind", ismsaudit.RuleEnum, string(r.Kind), "a weight selects clauses or controls")
			}
		}
		if w.Filter != nil {
			matches, err := annexa.ControlsWhere(*w.Filter)
			if err != nil {
				col.Merge(path+".Filter", "invalid", err)
				continue
			}
			for c := range matches {
				if k, ok := index.control(c.ID()); ok {
					raise(k)
				}
			}
		}
	}
	return items, index
}

// PlanInternal plans an internal audit programme (ISO/IEC 27001:2022 9.2)
// over opts.Period: opts.Audits internal audits, the i-th due in the i-th
// equal part of the period (whole days), which together audit every
// requirement of clauses 4.1 to 10.2 and every control soa declares
// applicable at least once, and each weighted item as many times as its
// weight, its audits spread evenly over the period. It is deterministic.
//
// Weighted items are placed first, most often first: each takes the
// evenly spaced audits (every Audits/Times-th) whose phase leaves the
// busiest of them least busy, then the least total, then the earliest.
// The requirements audited once are then split into equal runs, one per
// audit in catalogue order, and the controls audited once fill each audit
// up to an equal share of the whole load, in Annex A order, so that an
// audit covers neighbouring requirements and controls. Clauses and
// controls within an audit are in catalogue order.
//
// Bad options — a missing or invalid SoA, a period without both dates or
// in the wrong order, more audits than days or than items, a weight
// higher than the number of audits, unknown or excluded references —
// come back as one *ismsaudit.ValidationError.
func PlanInternal(soa *annexa.SoA, opts InternalPlanOptions) ([]ScheduledAudit, error) {
	col := newCollector("internal plan options")
	if strings.TrimSpace(opts.Auditee) == "" {
		col.Add("Auditee", ismsaudit.RuleRequired, opts.Auditee, "the organization whose ISMS is audited")
	}
	days := checkPeriod(col, "Period", opts.Period)
	items, _ := resolveCoverage(col, soa, opts.Weights)
	n := opts.Audits
	switch {
	case n < 0:
		col.Add("Audits", "gte", strconv.Itoa(n), "at least 0 (0 means one per 91 days)")
	case n == 0 && days > 0:
		n = max(days/91, 1)
	}
	if days > 0 && n > days {
		col.Add("Audits", "lte", strconv.Itoa(n), "at most one audit per day of the period ("+strconv.Itoa(days)+" days)")
	}
	total := 0
	for _, it := range items {
		total += it.required
	}
	if n > 0 && len(items) > 0 && n > total {
		col.Add("Audits", "lte", strconv.Itoa(n), "more audits than items to audit ("+strconv.Itoa(total)+")")
	}
	for i, w := range opts.Weights {
		if n > 0 && w.Times > n {
			col.Add(indexPath("Weights", i)+".Times", RuleCoverRiskWeight, strconv.Itoa(w.Times), "more than the "+strconv.Itoa(n)+" audits of the period")
		}
	}
	if err := col.Err(); err != nil {
		return nil, err
	}
	flat, start := placeItems(items, n, total)
	prefix := opts.ID
	if prefix == "" {
		prefix = opts.Auditee + "-internal"
	}
	width := len(strconv.Itoa(n))
	if width < 2 {
		width = 2
	}
	out := make([]ScheduledAudit, n)
	for k := range out {
		a := &out[k]
		num := strconv.Itoa(k + 1)
		a.ID = ScheduledAuditID(prefix + "-" + strings.Repeat("0", width-len(num)) + num)
		a.Kind = annexa.Internal
		a.Auditee = opts.Auditee
		a.Due = periodPart(opts.Period, days, n, k)
		mine := flat[start[k]:start[k+1]]
		clauses := 0
		for _, i := range mine {
			if items[i].ref.Kind == annexa.ClauseRef {
				clauses++
			}
		}
		if clauses > 0 {
			a.Clauses = make([]annexa.ClauseID, 0, clauses)
		}
		if len(mine) > clauses {
			a.Controls = make([]annexa.ControlID, 0, len(mine)-clauses)
		}
		for _, i := range mine {
			if ref := items[i].ref; ref.Kind == annexa.ClauseRef {
				a.Clauses = append(a.Clauses, annexa.ClauseID(ref.ID))
			} else {
				a.Controls = append(a.Controls, annexa.ControlID(ref.ID))
			}
		}
	}
	return out, nil
}

// checkPeriod checks that a period has both dates in order and returns
// its length in calendar days (inclusive), or 0 after a problem.
func checkPeriod(col *errs.Collector, path string, w Window) int {
	ok := true
	if w.Earliest.IsZero() {
		col.Add(path+".Earliest", ismsaudit.RuleRequired, "", "the first day of the period")
		ok = false
	}
	if w.Latest.IsZero() {
		col.Add(path+".Latest", ismsaudit.RuleRequired, "", "the last day of the period")
		ok = false
	}
	if !ok {
		return 0
	}
	if w.Latest.Before(w.Earliest) {
		col.Add(path+".Latest", "window-order", formatDay(w.Latest), "the last day is before the first "+formatDay(w.Earliest))
		return 0
	}
	return daysBetween(w.Earliest, w.Latest) + 1
}

// periodPart returns the k-th of n equal parts of a period of days days
// (n <= days): whole days, the last part ending at the period's own end.
// An earlier part ends at least a day before the period's last date.
func periodPart(period Window, days, n, k int) Window {
	w := Window{Earliest: period.Earliest.AddDate(0, 0, k*days/n), Latest: period.Latest}
	if k < n-1 {
		w.Latest = period.Earliest.AddDate(0, 0, (k+1)*days/n-1)
	}
	return w
}

// placeItems distributes the items over n audits. Audit k's items are
// flat[start[k]:start[k+1]], in catalogue order.
func placeItems(items []coverageItem, n, total int) (flat, start []int) {
	load := make([]int, n)
	slotOf := make([]int, total) // the audits of item i: slotOf[first[i]:first[i]+required]
	first := make([]int, len(items)+1)
	for i, it := range items {
		first[i+1] = first[i] + it.required
	}
	weighted := make([]int, 0, len(items))
	for i, it := range items {
		if it.required > 1 {
			weighted = append(weighted, i)
		}
	}
	slices.SortStableFunc(weighted, func(a, b int) int { return cmp.Compare(items[b].required, items[a].required) })
	for _, i := range weighted {
		c := items[i].required
		phases := (n + c - 1) / c
		bestP, bestMax, bestSum := 0, -1, 0
		for p := range phases {
			mx, sum := 0, 0
			for j := range c {
				l := load[p+j*n/c]
				mx = max(mx, l)
				sum += l
			}
			if bestMax < 0 || mx < bestMax || (mx == bestMax && sum < bestSum) {
				bestP, bestMax, bestSum = p, mx, sum
			}
		}
		for j := range c {
			s := bestP + j*n/c
			slotOf[first[i]+j] = s
			load[s]++
		}
	}
	// Requirements audited once go out in equal runs, the k-th audit
	// taking the k-th n-th of them, so every audit looks at part of the
	// management system; controls audited once then fill each audit up to
	// an equal share of the whole load, in Annex A order.
	var clauses, controls []int
	for i, it := range items {
		if it.required > 1 {
			continue
		}
		if it.ref.Kind == annexa.ClauseRef {
			clauses = append(clauses, i)
		} else {
			controls = append(controls, i)
		}
	}
	for j, i := range clauses {
		s := j * n / len(clauses)
		slotOf[first[i]] = s
		load[s]++
	}
	target := (total + n - 1) / n
	s := 0
	for _, i := range controls {
		for s < n-1 && load[s] >= target {
			s++
		}
		slotOf[first[i]] = s
		load[s]++
	}
	start = make([]int, n+1)
	for k, l := range load {
		start[k+1] = start[k] + l
	}
	flat = make([]int, total)
	next := slices.Clone(start[:n])
	for i := range items { // catalogue order, so each audit's items are too
		for _, k := range slotOf[first[i]:first[i+1]] {
			flat[next[k]] = i
			next[k]++
		}
	}
	return flat, start
}

// Coverage reports how far the internal audits of schedule (Kind
// annexa.Internal) cover the ISMS over period: for every requirement of
// clauses 4.1 to 10.2 and every control soa declares applicable, how many
// audits within the period cover it, against how many the weights require
// (1 when not weighted), and every gap with the items missing and how many
// audits each lacks. An audit counts when its start, or else its whole due
// window, lies within the period; a clause with subclauses covers its
// requirements. Other audits are ignored; internal audits outside the
// period are listed in Outside.
//
// A nil or invalid SoA, a bad period, bad weights or a scheduled audit
// that is not valid on its own come back as one *ismsaudit.ValidationError.
func Coverage(schedule []ScheduledAudit, soa *annexa.SoA, period Window, weights []CoverageWeight) (CoverageReport, error) {
	col := newCollector("coverage")
	checkPeriod(col, "Period", period)
	items, index := resolveCoverage(col, soa, weights)
	for i := range schedule {
		checkScheduledAudit(col, indexPath("Schedule", i), &schedule[i])
	}
	if err := col.Err(); err != nil {
		return CoverageReport{}, err
	}
	report := CoverageReport{Period: period, Items: make([]CoverageItem, len(items))}
	for k, it := range items {
		report.Items[k] = CoverageItem{Ref: it.ref, Required: it.required}
	}
	for i := range schedule {
		a := &schedule[i]
		if a.Kind != annexa.Internal {
			continue
		}
		if lo, hi := auditSpan(a); lo.IsZero() || hi.IsZero() || lo.Before(period.Earliest) || hi.After(period.Latest) {
			report.Outside = append(report.Outside, a.ID)
			continue
		}
		counted := make(map[int]bool, len(a.Clauses)+len(a.Controls))
		count := func(k int) {
			if !counted[k] {
				counted[k] = true
				report.Items[k].Planned++
				report.Items[k].Audits = append(report.Items[k].Audits, a.ID)
			}
		}
		for _, c := range a.Clauses {
			if k, ok := index.requirement(c); ok {
				count(k)
				continue
			}
			for k, req := range coverRequirements { // a heading covers its requirements
				if strings.HasPrefix(string(req), string(c)+".") {
					count(k)
				}
			}
		}
		for _, c := range a.Controls {
			if k, ok := index.control(c); ok {
				count(k)
			}
		}
	}
	for _, it := range report.Items {
		if it.Planned >= it.Required {
			continue
		}
		rule := RuleCoverRiskWeight
		if it.Planned == 0 {
			rule = RuleCoverRequirements
			if it.Ref.Kind == annexa.ControlRef {
				rule = RuleCoverControls
			}
		}
		report.Gaps = append(report.Gaps, CoverageGap{Ref: it.Ref, Rule: rule, Required: it.Required, Planned: it.Planned, Missing: it.Required - it.Planned})
	}
	return report, nil
}

// The rules of internal audit coverage (ISO/IEC 27001:2022 9.2; ISO
// 19011:2018 5.4.3).
const (
	RuleCoverRequirements ismsaudit.RuleID = "PRG-COVER-REQUIREMENTS"
	RuleCoverControls     ismsaudit.RuleID = "PRG-COVER-CONTROLS"
	RuleCoverRiskWeight   ismsaudit.RuleID = "PRG-COVER-RISK-WEIGHT"
)

var coverageRules = []ismsaudit.Rule{
	{ID: RuleCoverRequirements, Clause: "27001:9.2.1, 9.2.2", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "over the programme period every requirement of clauses 4.1 to 10.2 is audited at least once"},
	{ID: RuleCoverControls, Clause: "27001:9.2.1, 6.1.3 d", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "over the programme period every Annex A control the SoA declares applicable is audited at least once", Basis: "project reading of 9.2.1"},
	{ID: RuleCoverRiskWeight, Clause: "27001:9.2.2; 19011:5.4.3", Principle: ismsaudit.PrincipleRiskBased, Text: "areas the host weights as higher risk are audited as many times over the period as their weight says"},
}
