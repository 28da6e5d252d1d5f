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
	monKinds    = slices.Collect(audit.FindingKinds())
	monGrades   = slices.Collect(audit.Grades())
	monRefKinds = slices.Collect(annexa.RefKinds())
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
	state       uint8
	timing      uint8
	due, missed bool
}

// monFinding is one counted finding.
type monFinding struct {
	kind     int     // index in monKinds
	grade    int     // index in monGrades; -1 when ungraded
	criteria []int32 // distinct criteria, as numbered by monRefs
}

// monAction is one started corrective action.
type monAction struct {
	start, due, closed time.Time // closed is set when isClosed
	isClosed           bool
	major              bool
	measured           bool
	days               float64
}

// monRefs numbers the criteria met in the records, so that buckets count
// them by number, and orders them once for every bucket.
type monRefs struct {
	ids  map[annexa.Ref]int32
	list []annexa.Ref
	// After the pass: rank orders the numbers as the figures list the
	// criteria; counts and seen are scratch space for figures.
	rank   []int
	counts []int
	seen   []bool
}

// id numbers r.
func (m *monRefs) id(r annexa.Ref) int32 {
	if i, ok := m.ids[r]; ok {
		return i
	}
	i := int32(len(m.list))
	m.ids[r] = i
	m.list = append(m.list, r)
	return i
}

// sort ranks the criteria met and sizes the scratch space.
func (m *monRefs) sort() {
	order := make([]int32, len(m.list))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return monRefCompare(m.list[a], m.list[b]) })
	m.rank = make([]int, len(m.list))
	for r, i := range order {
		m.rank[i] = r
	}
	m.counts = make([]int, len(m.list)*monCritSlots)
	m.seen = make([]bool, len(m.list))
}

// monCritSlots is how many counts a criterion has: one per grade, and one
// for ungraded nonconformities.
var monCritSlots = len(monGrades) + 1

// monBucket accumulates the figures of the totals or of one period.
type monBucket struct {
	audits     AuditFigures
	kinds      []int
	ncs        int
	grades     []int
	ungraded   int
	crit       []int32 // per nonconformity and criterion: id*monCritSlots + grade slot
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

// monAgg holds the totals and the buckets of the periods, so that each
// item counts in both in one pass over the records. Periods are kept by
// number until the span is known, so that a mistyped date costs nothing
// before it is reported.
type monAgg struct {
	trend   TrendPeriod
	total   *monBucket
	periods map[int64]*monBucket
	lo, hi  int64
	// last is the period asked for last (items come in runs).
	lastIndex  int64
	lastBucket *monBucket
}

// period returns the bucket of the period holding t, or nil without a
// trend.
func (g *monAgg) period(t time.Time) *monBucket {
	if g.trend == "" {
		return nil
	}
	i := monPeriodIndex(g.trend, t)
	if g.lastBucket != nil && i == g.lastIndex {
		return g.lastBucket
	}
	b := g.periods[i]
	if b == nil {
		b = newMonBucket()
		g.periods[i] = b
		g.lo, g.hi = min(g.lo, i), max(g.hi, i)
	}
	g.lastIndex, g.lastBucket = i, b
	return b
}

// monCompute computes the figures of a checked input.
func monCompute(col *errs.Collector, in *MonitorInput, idx monIndex) (*Figures, error) {
	at := in.At
	g := &monAgg{trend: in.Trend, total: newMonBucket()}
	if in.Trend != "" {
		g.periods = make(map[int64]*monBucket)
		g.lo = monPeriodIndex(in.Trend, at)
		g.hi = g.lo
	}
	var (
		actions []monAction // for the backlog of a trend
		overdue []OverdueAction
	)
	if in.Trend != "" {
		n := 0
		for _, a := range in.Audits {
			n += len(a.FollowUps)
		}
		actions = make([]monAction, 0, n)
	}

	for i := range in.Schedule {
		s := &in.Schedule[i]
		it := monSched{state: monNotStarted}
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
		g.total.addAudit(it)
		if p := g.period(monDueRef(s)); p != nil {
			p.addAudit(it)
		}
	}

	var (
		starts []time.Time
		ids    []int32 // scratch: one finding's criteria
		refs   = &monRefs{ids: make(map[annexa.Ref]int32)}
	)
	for i, a := range in.Audits {
		if !idx.linked[i] && !a.CreatedAt.After(at) {
			g.total.addAudit(monSched{state: monUnscheduled})
			if p := g.period(a.CreatedAt); p != nil {
				p.addAudit(monSched{state: monUnscheduled})
			}
		}
		// starts[k] is when the action of finding k would start: its
		// presentation, failing one its RaisedAt.
		starts = slices.Grow(starts[:0], len(a.Findings))[:len(a.Findings)]
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
			it := monFinding{kind: slices.Index(monKinds, f.Kind), grade: -1}
			if f.Kind == audit.Nonconformity {
				it.grade = slices.Index(monGrades, f.Grade)
				ids = ids[:0]
				for _, r := range f.Criteria {
					if id := refs.id(r); !slices.Contains(ids, id) {
						ids = append(ids, id)
					}
				}
				it.criteria = ids
			}
			g.total.addFinding(&it)
			if p := g.period(confirmed); p != nil {
				p.addFinding(&it)
			}
		}
		for k := range a.FollowUps {
			u := &a.FollowUps[k]
			fi := idx.followed[i][k]
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
			g.total.addAction(&it, at)
			if p := g.period(start); p != nil {
				p.addAction(&it, at)
			}
			if in.Trend != "" {
				actions = append(actions, it)
			}
		}
	}

	for i := range in.Feedback {
		f := &in.Feedback[i]
		if !f.At.After(at) {
			g.total.addFeedback(f)
			if p := g.period(f.At); p != nil {
				p.addFeedback(f)
			}
		}
	}

	if n := g.hi - g.lo + 1; in.Trend != "" && n > MaxTrendPeriods {
		col.Add("Trend", "max", strconv.FormatInt(n, 10),
			fmt.Sprintf("the records span %d periods of a %s, more than %d: look for a mistyped date", n, in.Trend, MaxTrendPeriods))
		return nil, col.Err()
	}

	slices.SortFunc(overdue, func(a, b OverdueAction) int {
		if c := a.DueAt.Compare(b.DueAt); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Audit, b.Audit), cmp.Compare(a.Finding, b.Finding))
	})
	out := &Figures{At: at, OverdueActions: overdue}
	refs.sort()
	out.Audits, out.Findings, out.Actions, out.Feedback = g.total.figures(refs)
	if in.Trend != "" {
		out.TrendPeriod = in.Trend
		out.Trend = make([]PeriodFigures, g.hi-g.lo+1)
		for i := range out.Trend {
			pf := &out.Trend[i]
			b := g.periods[g.lo+int64(i)]
			if b == nil {
				b = newMonBucket()
			}
			pf.Start, pf.End, pf.Label = monPeriodBounds(in.Trend, g.lo+int64(i))
			pf.Audits, pf.Findings, pf.Actions, pf.Feedback = b.figures(refs)
			pf.Backlog.At = pf.End.Add(-1)
			if pf.Backlog.At.After(at) {
				pf.Backlog.At = at
			}
		}
		monBacklog(out.Trend, actions, func(t time.Time) int {
			// The first period whose instant is at or after t: the
			// instants are the periods' last instants, capped at the date.
			if t.After(at) {
				return len(out.Trend)
			}
			return int(max(0, monPeriodIndex(in.Trend, t)-g.lo))
		})
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
	slot := int32(len(monGrades))
	if f.grade < 0 {
		b.ungraded++
	} else {
		b.grades[f.grade]++
		slot = int32(f.grade)
	}
	for _, id := range f.criteria {
		b.crit = append(b.crit, id*int32(monCritSlots)+slot)
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

// figures turns the accumulated counts into figures; refs must be sorted.
func (b *monBucket) figures(refs *monRefs) (AuditFigures, FindingFigures, ActionFigures, FeedbackFigures) {
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
		var touched []int32
		for _, e := range b.crit {
			id := e / int32(monCritSlots)
			refs.counts[e]++
			if !refs.seen[id] {
				refs.seen[id] = true
				touched = append(touched, id)
			}
		}
		slices.SortFunc(touched, func(x, y int32) int { return refs.rank[x] - refs.rank[y] })
		fs.ByCriterion = make([]CriterionCount, len(touched))
		for i, id := range touched {
			n := refs.counts[int(id)*monCritSlots : int(id+1)*monCritSlots]
			c := CriterionCount{Criterion: refs.list[id], ByGrade: monGradeCounts(n), Ungraded: n[len(monGrades)]}
			for _, k := range n {
				c.Nonconformities += k
			}
			fs.ByCriterion[i] = c
			clear(n)
			refs.seen[id] = false
		}
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
// which an action is open form one run; firstAtOrAfter(t) is the first
// period whose instant is at or after t.
func monBacklog(trend []PeriodFigures, actions []monAction, firstAtOrAfter func(time.Time) int) {
	n := len(trend)
	open := make([]int, n+1)
	over := make([]int, n+1)
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
	year, month, _ := t.UTC().Date()
	y, m := int64(year), int64(month)-1
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
