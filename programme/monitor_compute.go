package programme

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"golang.org/x/exp/stats"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// The canonical orders monitoring counts by (read-only after
// initialisation).
var (
	monKinds  = slices.Collect(audit.FindingKinds())
	monGrades = slices.Collect(audit.Grades())
)

const monDay = 24 * time.Hour

// How a scheduled audit stands at the date, and the record kinds.
const (
	monCompleted uint8 = iota
	monInProgress
	monTerminated
	monNotStarted
	monUnscheduled // a record no scheduled audit refers to
)

// Where a completion falls against the Due window.
const (
	monOnTime uint8 = iota
	monEarly
	monLate
)

// monSched is one scheduled audit (or unscheduled record) as it stands.
type monSched struct {
	ref         time.Time
	state       uint8
	timing      uint8
	due, missed bool
}

// monFinding is one counted finding.
type monFinding struct {
	ref      time.Time
	kind     int // index in monKinds
	grade    int // index in monGrades; -1 when ungraded
	criteria []annexa.Ref
}

// monAction is one started corrective action.
type monAction struct {
	start, due, closed time.Time // closed is set when isClosed
	isClosed           bool
	major              bool
	measured           bool
	days               float64
}

// monCrit counts the nonconformities citing one criterion.
type monCrit struct {
	n, ungraded int
	grades      []int
}

// monBucket accumulates the figures of the totals or of one period.
type monBucket struct {
	audits     AuditFigures
	kinds      []int
	ncs        int
	grades     []int
	ungraded   int
	crit       map[annexa.Ref]*monCrit
	actions    ActionFigures
	closure    []float64
	unmeasured int
	scores     []int
	feedback   []float64
	byAuditor  map[competence.AuditorID][]float64
}

func newMonBucket() *monBucket {
	return &monBucket{
		kinds:  make([]int, len(monKinds)),
		grades: make([]int, len(monGrades)),
		scores: make([]int, MaxFeedbackScore-MinFeedbackScore+1),
	}
}

// monCompute computes the figures of a checked input.
func monCompute(col *errs.Collector, in *MonitorInput, idx monIndex) (*Figures, error) {
	at := in.At
	var (
		scheds   = make([]monSched, 0, len(in.Schedule)+len(in.Audits))
		findings []monFinding
		actions  []monAction
		overdue  []OverdueAction
		feedback = make([]int, 0, len(in.Feedback)) // indexes into in.Feedback
	)

	for i := range in.Schedule {
		s := &in.Schedule[i]
		it := monSched{ref: monDueRef(s), state: monNotStarted}
		it.due = !s.Due.Latest.IsZero() && s.Due.Latest.Before(at)
		if s.Audit != "" {
			a := in.Audits[idx.records[s.Audit]]
			if !a.CreatedAt.After(at) {
				done, doneAt, terminated := monAuditOutcome(a, at)
				switch {
				case done:
					it.state = monCompleted
					switch {
					case !s.Due.Earliest.IsZero() && doneAt.Before(s.Due.Earliest):
						it.timing = monEarly
					case !s.Due.Latest.IsZero() && doneAt.After(s.Due.Latest):
						it.timing = monLate
					default:
						it.timing = monOnTime
					}
				case terminated:
					it.state = monTerminated
				default:
					it.state = monInProgress
				}
			}
		}
		it.missed = it.due && (it.state == monInProgress || it.state == monNotStarted)
		scheds = append(scheds, it)
	}

	for i, a := range in.Audits {
		if !idx.linked[i] && !a.CreatedAt.After(at) {
			scheds = append(scheds, monSched{ref: a.CreatedAt, state: monUnscheduled})
		}
		// start is when each finding's action would start: its
		// presentation, failing one its RaisedAt.
		starts := make([]time.Time, len(a.Findings))
		for k := range a.Findings {
			f := &a.Findings[k]
			confirmed, counted, presented, wasPresented := monFindingTimes(f, at)
			starts[k] = f.RaisedAt
			if wasPresented {
				starts[k] = presented
			}
			if !counted {
				continue
			}
			it := monFinding{ref: confirmed, kind: slices.Index(monKinds, f.Kind), grade: -1}
			if f.Kind == audit.Nonconformity {
				it.grade = slices.Index(monGrades, f.Grade)
				it.criteria = monDistinct(f.Criteria)
			}
			findings = append(findings, it)
		}
		for k := range a.FollowUps {
			u := &a.FollowUps[k]
			fi := idx.findings[i][u.Finding]
			f := &a.Findings[fi]
			start := starts[fi]
			if start.After(at) {
				continue
			}
			it := monAction{start: start, due: u.DueAt, major: f.Grade == audit.Major}
			for _, e := range u.History {
				if e.Event == audit.FollowUpVerifyEffective && !e.At.After(at) {
					it.closed, it.isClosed = e.At, true
					break
				}
			}
			if it.isClosed {
				if d := it.closed.Sub(start); d >= 0 {
					it.measured, it.days = true, monDays(d)
				}
			} else if !u.DueAt.IsZero() && u.DueAt.Before(at) {
				overdue = append(overdue, OverdueAction{
					Audit: a.ID, Finding: u.Finding, Grade: f.Grade,
					DueAt: u.DueAt, DaysOverdue: monDays(at.Sub(u.DueAt)),
				})
			}
			actions = append(actions, it)
		}
	}

	for i := range in.Feedback {
		if !in.Feedback[i].At.After(at) {
			feedback = append(feedback, i)
		}
	}

	// Buckets: the totals, then one per period.
	total := newMonBucket()
	var (
		periods []*monBucket
		first   int64
		place   = func(time.Time) *monBucket { return nil }
	)
	if in.Trend != "" {
		lo, hi := monPeriodIndex(in.Trend, at), monPeriodIndex(in.Trend, at)
		span := func(t time.Time) {
			p := monPeriodIndex(in.Trend, t)
			lo, hi = min(lo, p), max(hi, p)
		}
		for _, s := range scheds {
			span(s.ref)
		}
		for _, f := range findings {
			span(f.ref)
		}
		for _, a := range actions {
			span(a.start)
		}
		for _, i := range feedback {
			span(in.Feedback[i].At)
		}
		if n := hi - lo + 1; n > MaxTrendPeriods {
			col.Add("Trend", "max", strconv.FormatInt(n, 10),
				fmt.Sprintf("the records span %d periods of a %s, more than %d: look for a mistyped date", n, in.Trend, MaxTrendPeriods))
			return nil, col.Err()
		}
		first = lo
		periods = make([]*monBucket, hi-lo+1)
		for i := range periods {
			periods[i] = newMonBucket()
		}
		place = func(t time.Time) *monBucket { return periods[monPeriodIndex(in.Trend, t)-first] }
	}

	for _, s := range scheds {
		total.addAudit(s)
		if p := place(s.ref); p != nil {
			p.addAudit(s)
		}
	}
	for i := range findings {
		total.addFinding(&findings[i])
		if p := place(findings[i].ref); p != nil {
			p.addFinding(&findings[i])
		}
	}
	for i := range actions {
		a := &actions[i]
		total.addAction(a, at)
		if p := place(a.start); p != nil {
			p.addAction(a, at)
		}
	}
	for _, i := range feedback {
		f := &in.Feedback[i]
		total.addFeedback(f)
		if p := place(f.At); p != nil {
			p.addFeedback(f)
		}
	}

	slices.SortFunc(overdue, func(a, b OverdueAction) int {
		return cmp.Or(a.DueAt.Compare(b.DueAt), cmp.Compare(a.Audit, b.Audit), cmp.Compare(a.Finding, b.Finding))
	})
	out := &Figures{At: at, OverdueActions: overdue}
	out.Audits, out.Findings, out.Actions, out.Feedback = total.figures()
	if in.Trend != "" {
		out.TrendPeriod = in.Trend
		out.Trend = make([]PeriodFigures, len(periods))
		for i, b := range periods {
			pf := &out.Trend[i]
			pf.Start, pf.End, pf.Label = monPeriodBounds(in.Trend, first+int64(i))
			pf.Audits, pf.Findings, pf.Actions, pf.Feedback = b.figures()
			pf.Backlog.At = pf.End.Add(-1)
			if pf.Backlog.At.After(at) {
				pf.Backlog.At = at
			}
		}
		monBacklog(out.Trend, actions)
	}
	return out, nil
}

// monAuditOutcome reads an audit's history up to at: whether and when it
// was completed, and whether it was terminated.
func monAuditOutcome(a *audit.Audit, at time.Time) (done bool, doneAt time.Time, terminated bool) {
	for _, e := range a.History {
		if e.At.After(at) {
			continue
		}
		switch e.Event {
		case audit.EventComplete:
			if !done || e.At.Before(doneAt) {
				done, doneAt = true, e.At
			}
		case audit.EventTerminate:
			terminated = true
		}
	}
	return done, doneAt, terminated
}

// monFindingTimes reads a finding's history: when it was confirmed and
// whether it counts at at (confirmed by then and not withdrawn by then),
// and when it was first presented, at any time.
func monFindingTimes(f *audit.Finding, at time.Time) (confirmed time.Time, counted bool, presented time.Time, wasPresented bool) {
	withdrawn := false
	for _, e := range f.History {
		switch e.Event {
		case audit.FindingConfirm:
			if !e.At.After(at) && (!counted || e.At.Before(confirmed)) {
				confirmed, counted = e.At, true
			}
		case audit.FindingWithdraw:
			if !e.At.After(at) {
				withdrawn = true
			}
		case audit.FindingPresent:
			if !wasPresented || e.At.Before(presented) {
				presented, wasPresented = e.At, true
			}
		}
	}
	return confirmed, counted && !withdrawn, presented, wasPresented
}

// monDistinct returns refs without repeats, sharing refs when it has none.
func monDistinct(refs []annexa.Ref) []annexa.Ref {
	for i := 1; i < len(refs); i++ {
		if slices.Contains(refs[:i], refs[i]) {
			out := slices.Clone(refs[:i])
			for _, r := range refs[i:] {
				if !slices.Contains(out, r) {
					out = append(out, r)
				}
			}
			return out
		}
	}
	return refs
}

func monDays(d time.Duration) float64 { return float64(d) / float64(monDay) }

func (b *monBucket) addAudit(s monSched) {
	f := &b.audits
	if s.state == monUnscheduled {
		f.Unscheduled++
		return
	}
	f.Planned++
	if s.due {
		f.Due++
	}
	if s.missed {
		f.Missed++
	}
	switch s.state {
	case monCompleted:
		f.Completed++
		switch s.timing {
		case monOnTime:
			f.OnTime++
		case monEarly:
			f.Early++
		default:
			f.Late++
		}
	case monInProgress:
		f.InProgress++
	case monTerminated:
		f.Terminated++
	default:
		f.NotStarted++
	}
}

func (b *monBucket) addFinding(f *monFinding) {
	b.kinds[f.kind]++
	if monKinds[f.kind] != audit.Nonconformity {
		return
	}
	b.ncs++
	if f.grade < 0 {
		b.ungraded++
	} else {
		b.grades[f.grade]++
	}
	if len(f.criteria) > 0 && b.crit == nil {
		b.crit = make(map[annexa.Ref]*monCrit)
	}
	for _, r := range f.criteria {
		c := b.crit[r]
		if c == nil {
			c = &monCrit{grades: make([]int, len(monGrades))}
			b.crit[r] = c
		}
		c.n++
		if f.grade < 0 {
			c.ungraded++
		} else {
			c.grades[f.grade]++
		}
	}
}

func (b *monBucket) addAction(a *monAction, at time.Time) {
	f := &b.actions
	f.Total++
	if a.isClosed {
		f.Closed++
		if a.measured {
			b.closure = append(b.closure, a.days)
		} else {
			b.unmeasured++
		}
		return
	}
	f.Open++
	if !a.due.IsZero() && a.due.Before(at) {
		f.Overdue++
		if a.major {
			f.OverdueMajor++
		}
	}
}

func (b *monBucket) addFeedback(f *AuditorFeedback) {
	b.scores[f.Score-MinFeedbackScore]++
	b.feedback = append(b.feedback, float64(f.Score))
	if b.byAuditor == nil {
		b.byAuditor = make(map[competence.AuditorID][]float64)
	}
	b.byAuditor[f.Auditor] = append(b.byAuditor[f.Auditor], float64(f.Score))
}

// figures turns the accumulated counts into figures.
func (b *monBucket) figures() (AuditFigures, FindingFigures, ActionFigures, FeedbackFigures) {
	fs := FindingFigures{
		ByKind:          make([]FindingKindCount, len(monKinds)),
		Nonconformities: b.ncs,
		ByGrade:         monGradeCounts(b.grades),
		Ungraded:        b.ungraded,
	}
	for i, k := range monKinds {
		fs.ByKind[i] = FindingKindCount{Kind: k, Count: b.kinds[i]}
	}
	if len(b.crit) > 0 {
		fs.ByCriterion = make([]CriterionCount, 0, len(b.crit))
		for r, c := range b.crit {
			fs.ByCriterion = append(fs.ByCriterion, CriterionCount{
				Criterion: r, Nonconformities: c.n, ByGrade: monGradeCounts(c.grades), Ungraded: c.ungraded,
			})
		}
		slices.SortFunc(fs.ByCriterion, func(x, y CriterionCount) int { return monRefCompare(x.Criterion, y.Criterion) })
	}

	as := b.actions
	as.Closure = monClosure(b.closure, b.unmeasured)

	fb := FeedbackFigures{Count: len(b.feedback), ByScore: make([]ScoreCount, len(b.scores))}
	for i, n := range b.scores {
		fb.ByScore[i] = ScoreCount{Score: MinFeedbackScore + i, Count: n}
	}
	if len(b.feedback) > 0 {
		slices.Sort(b.feedback)
		fb.MeanScore, fb.MedianScore = stats.Mean(b.feedback), stats.Median(b.feedback)
		fb.ByAuditor = make([]AuditorScore, 0, len(b.byAuditor))
		for id, v := range b.byAuditor {
			slices.Sort(v)
			fb.ByAuditor = append(fb.ByAuditor, AuditorScore{
				Auditor: id, Count: len(v), MeanScore: stats.Mean(v), MedianScore: stats.Median(v),
				MinScore: int(v[0]), MaxScore: int(v[len(v)-1]),
			})
		}
		slices.SortFunc(fb.ByAuditor, func(x, y AuditorScore) int { return cmp.Compare(x.Auditor, y.Auditor) })
	}
	return b.audits, fs, as, fb
}

func monGradeCounts(n []int) []GradeCount {
	out := make([]GradeCount, len(monGrades))
	for i, g := range monGrades {
		out[i] = GradeCount{Grade: g, Count: n[i]}
	}
	return out
}

// monClosure computes the closure statistics of days (sorted in place, so
// that the figures do not depend on the order of the records).
func monClosure(days []float64, unmeasured int) ClosureTimes {
	c := ClosureTimes{Count: len(days), Unmeasured: unmeasured}
	if len(days) == 0 {
		return c
	}
	slices.Sort(days)
	q := stats.Quantiles(days, 0, 0.5, 0.9, 1)
	c.MeanDays = stats.Mean(days)
	c.MinDays, c.MedianDays, c.P90Days, c.MaxDays = q[0], q[1], q[2], q[3]
	return c
}

// monBacklog sets each period's backlog: the actions open, and overdue, at
// its Backlog.At. The instants grow with the periods, so the periods at
// which an action is open form one run, found by binary search.
func monBacklog(trend []PeriodFigures, actions []monAction) {
	n := len(trend)
	open := make([]int, n+1)
	over := make([]int, n+1)
	// firstAtOrAfter is the first period whose instant is at or after t.
	firstAtOrAfter := func(t time.Time) int {
		i, _ := slices.BinarySearchFunc(trend, t, func(p PeriodFigures, t time.Time) int { return p.Backlog.At.Compare(t) })
		return i
	}
	for i := range actions {
		a := &actions[i]
		lo, hi := firstAtOrAfter(a.start), n
		if a.isClosed {
			hi = firstAtOrAfter(a.closed)
		}
		if lo >= hi {
			continue
		}
		open[lo]++
		open[hi]--
		if a.due.IsZero() {
			continue
		}
		// Overdue from the first instant after the due date.
		if olo := max(lo, firstAtOrAfter(a.due.Add(1))); olo < hi {
			over[olo]++
			over[hi]--
		}
	}
	o, v := 0, 0
	for i := range trend {
		o += open[i]
		v += over[i]
		trend[i].Backlog.Open, trend[i].Backlog.Overdue = o, v
	}
}

// monPeriodIndex numbers the period of p holding t (in UTC), consecutive
// periods by consecutive numbers.
func monPeriodIndex(p TrendPeriod, t time.Time) int64 {
	t = t.UTC()
	y, m := int64(t.Year()), int64(t.Month())-1
	switch p {
	case TrendMonth:
		return y*12 + m
	case TrendQuarter:
		return y*4 + m/3
	}
	return y
}

// monPeriodBounds returns the start, end and label of period i of p.
func monPeriodBounds(p TrendPeriod, i int64) (start, end time.Time, label string) {
	switch p {
	case TrendMonth:
		y, m := monFloorDiv(i, 12), int(i-monFloorDiv(i, 12)*12)
		start = time.Date(int(y), time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
		return start, start.AddDate(0, 1, 0), fmt.Sprintf("%04d-%02d", y, m+1)
	case TrendQuarter:
		y, q := monFloorDiv(i, 4), int(i-monFloorDiv(i, 4)*4)
		start = time.Date(int(y), time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC)
		return start, start.AddDate(0, 3, 0), fmt.Sprintf("%04d-Q%d", y, q+1)
	}
	start = time.Date(int(i), time.January, 1, 0, 0, 0, 0, time.UTC)
	return start, start.AddDate(1, 0, 0), fmt.Sprintf("%04d", i)
}

func monFloorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
