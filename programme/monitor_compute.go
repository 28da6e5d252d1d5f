package programme

import (
	"cmp"
	"fmt"
	"math"
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
	due      time.Time
	isClosed bool
	major    bool
	measured bool
	days     float64
}

// monNever marks a period that never comes: the instant is after the
// date of the figures.
const monNever = int64(math.MaxInt64)

// monSpan is what the backlog of a trend needs of one action: the
// periods (absolute numbers, monNever for none) it starts in, is closed
// in, and becomes overdue in (the first period after its due date).
type monSpan struct {
	open, close, over int64
}

// monOverdue is the sort key of one overdue action: its due date, its
// audit's position in id order and its position among the audit's
// overdue actions in finding id order; pos is where it is in
// monAgg.overdue.
type monOverdue struct {
	sec            int64
	nsec           int32
	rank, sub, rec int32
	pos            int32
}

// monRefs numbers the criteria met in the records, so that buckets count
// them by number, and orders them once for every bucket.
type monRefs struct {
	ids  [monOtherRefs + 1]map[string]int32 // per kind (monRefKindRank), by id
	list []annexa.Ref
	// After the pass: order lists the numbers as the figures list the
	// criteria.
	order []int32
}

// id numbers r.
func (m *monRefs) id(r annexa.Ref) int32 {
	k := monRefKindRank(r.Kind)
	ids := m.ids[k]
	if ids == nil {
		ids = make(map[string]int32)
		m.ids[k] = ids
	}
	key := r.ID
	if k == monOtherRefs {
		key = string(r.Kind) + "\x00" + r.ID // kinds of their own (Monitor checks there are none)
	}
	i, ok := ids[key]
	if !ok {
		i = int32(len(m.list))
		ids[key] = i
		m.list = append(m.list, r)
	}
	return i
}

// sort orders the criteria met.
func (m *monRefs) sort() {
	m.order = make([]int32, len(m.list))
	for i := range m.order {
		m.order[i] = int32(i)
	}
	slices.SortFunc(m.order, func(a, b int32) int { return monRefCompare(m.list[a], m.list[b]) })
}

// monCritSlots is how many counts a criterion has: one per grade, and one
// for ungraded nonconformities.
var monCritSlots = len(monGrades) + 1

// monFeedback numbers the auditors feedback is about, so that buckets
// keep a feedback record as one number.
type monFeedback struct {
	ids  map[competence.AuditorID]uint32
	list []competence.AuditorID
	// After the pass: rank is each number's position in id order, order
	// the numbers in id order.
	rank, order []uint32
}

// entry packs the feedback on auditor id with a score.
func (m *monFeedback) entry(id competence.AuditorID, score int) uint32 {
	n, ok := m.ids[id]
	if !ok {
		n = uint32(len(m.list))
		m.ids[id] = n
		m.list = append(m.list, id)
	}
	return n<<3 | uint32(score)
}

// sort ranks the auditors by id.
func (m *monFeedback) sort() {
	order := make([]uint32, len(m.list))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return cmp.Compare(m.list[a], m.list[b]) })
	m.order = order
	m.rank = make([]uint32, len(m.list))
	for r, i := range order {
		m.rank[i] = uint32(r)
	}
}

// monBucket accumulates the figures of the totals or of one period.
type monBucket struct {
	audits     AuditFigures
	kinds      []int
	ncs        int
	grades     []int
	ungraded   int
	crit       []int32 // nonconformities per criterion number and grade slot: crit[id*monCritSlots+slot]
	actions    ActionFigures
	closure    []float64
	unmeasured int
	scores     []int
	feedback   []uint32 // one entry per record: auditor number<<3 | score
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
	at      time.Time
	trend   TrendPeriod
	total   *monBucket
	periods map[int64]*monBucket
	lo, hi  int64
	// The period asked for last, and its bounds (items come in runs).
	lastIndex        int64
	lastFrom, lastTo time.Time
	lastBucket       *monBucket

	spans   []monSpan       // each action, for the backlog of a trend
	overdue []OverdueAction // in the order found
	overKey []monOverdue    // their sort keys
	refs    *monRefs
	people  *monFeedback
	starts  []time.Time // scratch: when each finding's action would start
	ids     []int32     // scratch: one finding's criteria
}

// newMonAgg starts the figures of in; in.At and in.Trend must be valid.
func newMonAgg(in *MonitorInput) *monAgg {
	g := &monAgg{at: in.At, trend: in.Trend, total: newMonBucket(),
		refs:   &monRefs{},
		people: &monFeedback{ids: make(map[competence.AuditorID]uint32)}}
	if in.Trend != "" {
		g.periods = make(map[int64]*monBucket)
		g.lo = monPeriodIndex(in.Trend, in.At)
		g.hi = g.lo
		n := 0
		for _, a := range in.Audits {
			if a != nil {
				n += len(a.FollowUps)
			}
		}
		g.spans = make([]monSpan, 0, n)
	}
	return g
}

// index returns the number of the period holding t, without a trend 0.
func (g *monAgg) index(t time.Time) int64 {
	if g.trend == "" {
		return 0
	}
	if g.lastBucket != nil && !t.Before(g.lastFrom) && t.Before(g.lastTo) {
		return g.lastIndex
	}
	return monPeriodIndex(g.trend, t)
}

// period returns the bucket of period i, or nil without a trend.
func (g *monAgg) period(i int64) *monBucket {
	if g.trend == "" {
		return nil
	}
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
	g.lastFrom, g.lastTo = monPeriodStart(g.trend, i), monPeriodStart(g.trend, i+1)
	return b
}

// bucketOf returns the bucket of the period holding t, or nil without a
// trend.
func (g *monAgg) bucketOf(t time.Time) *monBucket { return g.period(g.index(t)) }

// addSchedule counts the scheduled audits, as they stand at the date,
// and the records no scheduled audit refers to (linked says which are).
// records finds a record by id.
func (g *monAgg) addSchedule(in *MonitorInput, records map[audit.ID]int, linked []bool) {
	at := g.at
	for i := range in.Schedule {
		s := &in.Schedule[i]
		it := monSched{state: monNotStarted}
		it.due = !s.Due.Latest.IsZero() && s.Due.Latest.Before(at)
		if s.Audit != "" {
			a := in.Audits[records[s.Audit]]
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
		if p := g.bucketOf(monDueRef(s)); p != nil {
			p.addAudit(it)
		}
	}
	for i, a := range in.Audits {
		if !linked[i] && !a.CreatedAt.After(at) {
			g.total.addAudit(monSched{state: monUnscheduled})
			if p := g.bucketOf(a.CreatedAt); p != nil {
				p.addAudit(monSched{state: monUnscheduled})
			}
		}
	}
}

// addRecord counts the findings and corrective actions of record i, with
// what checking it learned.
func (g *monAgg) addRecord(in *MonitorInput, i int, sc *monRecord) {
	at, a := g.at, in.Audits[i]
	// starts[k] is when the action of finding k would start: its
	// presentation, failing one its RaisedAt.
	starts := slices.Grow(g.starts[:0], len(a.Findings))[:len(a.Findings)]
	g.starts = starts
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
		it := monFinding{kind: int(sc.kinds[k]), grade: -1}
		if f.Kind == audit.Nonconformity {
			it.grade = int(sc.grades[k])
			ids := g.ids[:0]
			for _, r := range f.Criteria {
				if id := g.refs.id(r); !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
			it.criteria, g.ids = ids, ids
		}
		g.total.addFinding(&it)
		if p := g.bucketOf(confirmed); p != nil {
			p.addFinding(&it)
		}
	}
	firstOverdue := len(g.overdue)
	for k := range a.FollowUps {
		u := &a.FollowUps[k]
		fi := sc.followed[k]
		f := &a.Findings[fi]
		start := starts[fi]
		if start.After(at) {
			continue
		}
		it := monAction{due: u.DueAt, major: f.Grade == audit.Major}
		var closed time.Time
		for j := range u.History { // by pointer: an entry is 104 bytes
			e := &u.History[j]
			if e.Event == audit.FollowUpVerifyEffective && !e.At.After(at) {
				closed, it.isClosed = e.At, true
				break
			}
		}
		if it.isClosed {
			if d := closed.Sub(start); d >= 0 {
				it.measured, it.days = true, monDays(d)
			}
		} else if !u.DueAt.IsZero() && u.DueAt.Before(at) {
			g.overdue = append(g.overdue, OverdueAction{Audit: a.ID, Finding: u.Finding, Grade: f.Grade,
				DueAt: u.DueAt, DaysOverdue: monDays(at.Sub(u.DueAt))})
		}
		g.total.addAction(&it, at)
		if g.trend == "" {
			continue
		}
		pi := g.index(start)
		g.period(pi).addAction(&it, at)
		sp := monSpan{open: pi, close: monNever, over: monNever}
		if it.isClosed {
			sp.close = g.index(closed)
		}
		if !u.DueAt.IsZero() {
			if t := u.DueAt.Add(1); !t.After(at) {
				sp.over = g.index(t)
			}
		}
		g.spans = append(g.spans, sp)
	}
	// The record's overdue actions in finding id order, and their keys
	// for the final sort.
	if mine := g.overdue[firstOverdue:]; len(mine) > 1 {
		slices.SortFunc(mine, func(x, y OverdueAction) int { return cmp.Compare(x.Finding, y.Finding) })
	}
	for j := firstOverdue; j < len(g.overdue); j++ {
		due := g.overdue[j].DueAt
		g.overKey = append(g.overKey, monOverdue{sec: due.Unix(), nsec: int32(due.Nanosecond()),
			sub: int32(j - firstOverdue), rec: int32(i), pos: int32(j)})
	}
}

// addFeedback counts the feedback given by the date.
func (g *monAgg) addFeedback(in *MonitorInput) {
	for i := range in.Feedback {
		f := &in.Feedback[i]
		if !f.At.After(g.at) {
			e := g.people.entry(f.Auditor, f.Score)
			g.total.addFeedback(e)
			if p := g.bucketOf(f.At); p != nil {
				p.addFeedback(e)
			}
		}
	}
}

// figures finishes the figures; a trend spanning more than
// MaxTrendPeriods is refused.
func (g *monAgg) figures(col *errs.Collector, in *MonitorInput) (*Figures, error) {
	if n := g.hi - g.lo + 1; g.trend != "" && n > MaxTrendPeriods {
		col.Add("Trend", "max", strconv.FormatInt(n, 10),
			fmt.Sprintf("the records span %d periods of a %s, more than %d: look for a mistyped date", n, g.trend, MaxTrendPeriods))
		return nil, col.Err()
	}
	out := &Figures{At: g.at, OverdueActions: g.overdueList(in)}
	g.refs.sort()
	g.people.sort()
	out.Audits, out.Findings, out.Actions, out.Feedback = g.total.figures(g.refs, g.people)
	if g.trend != "" {
		out.TrendPeriod = g.trend
		out.Trend = make([]PeriodFigures, g.hi-g.lo+1)
		for i := range out.Trend {
			pf := &out.Trend[i]
			b := g.periods[g.lo+int64(i)]
			if b == nil {
				b = newMonBucket()
			}
			pf.Start, pf.End, pf.Label = monPeriodBounds(g.trend, g.lo+int64(i))
			pf.Audits, pf.Findings, pf.Actions, pf.Feedback = b.figures(g.refs, g.people)
			pf.Backlog.At = pf.End.Add(-1)
			if pf.Backlog.At.After(g.at) {
				pf.Backlog.At = g.at
			}
		}
		monBacklog(out.Trend, g.spans, g.lo)
	}
	return out, nil
}

// overdueList lists the overdue actions, the most overdue first (by due
// date, then audit and finding id).
func (g *monAgg) overdueList(in *MonitorInput) []OverdueAction {
	if len(g.overdue) == 0 {
		return nil
	}
	order := make([]int32, len(in.Audits))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return cmp.Compare(in.Audits[x].ID, in.Audits[y].ID) })
	rank := make([]int32, len(order))
	for r, i := range order {
		rank[i] = int32(r)
	}
	for i := range g.overKey {
		g.overKey[i].rank = rank[g.overKey[i].rec]
	}
	slices.SortFunc(g.overKey, func(a, b monOverdue) int {
		switch {
		case a.sec != b.sec:
			return cmp.Compare(a.sec, b.sec)
		case a.nsec != b.nsec:
			return cmp.Compare(a.nsec, b.nsec)
		case a.rank != b.rank:
			return cmp.Compare(a.rank, b.rank)
		}
		return cmp.Compare(a.sub, b.sub)
	})
	out := make([]OverdueAction, len(g.overKey))
	for i, k := range g.overKey {
		out[i] = g.overdue[k.pos]
	}
	return out
}

// monAuditOutcome reads an audit's history up to at: whether and when it
// was completed, and whether it was terminated.
func monAuditOutcome(a *audit.Audit, at time.Time) (done bool, doneAt time.Time, terminated bool) {
	for j := range a.History {
		e := &a.History[j]
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
	for j := range f.History {
		e := &f.History[j]
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
	slot := len(monGrades)
	if f.grade < 0 {
		b.ungraded++
	} else {
		b.grades[f.grade]++
		slot = f.grade
	}
	for _, id := range f.criteria {
		at := int(id)*monCritSlots + slot
		if at >= len(b.crit) {
			need := (int(id) + 1) * monCritSlots
			if need > cap(b.crit) {
				grown := make([]int32, need, max(need, 2*cap(b.crit), 64*monCritSlots))
				copy(grown, b.crit)
				b.crit = grown
			}
			b.crit = b.crit[:need] // zero beyond the old length: never written
		}
		b.crit[at]++
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

// addFeedback counts one feedback record, packed by monFeedback.entry.
func (b *monBucket) addFeedback(e uint32) {
	b.scores[int(e&7)-MinFeedbackScore]++
	b.feedback = append(b.feedback, e)
}

// figures turns the accumulated counts into figures; refs and people must
// be sorted.
func (b *monBucket) figures(refs *monRefs, people *monFeedback) (AuditFigures, FindingFigures, ActionFigures, FeedbackFigures) {
	fs := FindingFigures{
		ByKind:          make([]FindingKindCount, len(monKinds)),
		Nonconformities: b.ncs,
		ByGrade:         monGradeCounts(b.grades, nil),
		Ungraded:        b.ungraded,
	}
	for i, k := range monKinds {
		fs.ByKind[i] = FindingKindCount{Kind: k, Count: b.kinds[i]}
	}
	if len(b.crit) > 0 {
		cited := 0
		for _, id := range refs.order {
			if b.citations(id) > 0 {
				cited++
			}
		}
		fs.ByCriterion = make([]CriterionCount, 0, cited)
		grades := make([]GradeCount, cited*len(monGrades))
		for _, id := range refs.order {
			n := b.citations(id)
			if n == 0 {
				continue
			}
			slots := b.crit[int(id)*monCritSlots : int(id+1)*monCritSlots]
			c := CriterionCount{Criterion: refs.list[id], Nonconformities: n, Ungraded: int(slots[len(monGrades)])}
			c.ByGrade, grades = monGradeCounts(slots, grades[:len(monGrades)]), grades[len(monGrades):]
			fs.ByCriterion = append(fs.ByCriterion, c)
		}
	}

	as := b.actions
	as.Closure = monClosure(b.closure, b.unmeasured)

	fb := FeedbackFigures{Count: len(b.feedback), ByScore: make([]ScoreCount, len(b.scores))}
	for i, n := range b.scores {
		fb.ByScore[i] = ScoreCount{Score: MinFeedbackScore + i, Count: n}
	}
	if len(b.feedback) > 0 {
		// Every score, lowest first: what sorting the scores gives.
		all := make([]float64, 0, len(b.feedback))
		for i, n := range b.scores {
			for range n {
				all = append(all, float64(MinFeedbackScore+i))
			}
		}
		fb.MeanScore, fb.MedianScore = stats.Mean(all), stats.Median(all)
		// Each auditor's scores, lowest first, auditors by id: sorting
		// (rank, score) keys puts them in runs.
		keys := make([]uint32, len(b.feedback))
		for i, e := range b.feedback {
			keys[i] = people.rank[e>>3]<<3 | e&7
		}
		slices.Sort(keys)
		scores := make([]float64, len(keys))
		for i, k := range keys {
			scores[i] = float64(k & 7)
		}
		for lo := 0; lo < len(keys); {
			hi := lo + 1
			for hi < len(keys) && keys[hi]>>3 == keys[lo]>>3 {
				hi++
			}
			v := scores[lo:hi]
			fb.ByAuditor = append(fb.ByAuditor, AuditorScore{
				Auditor: people.list[people.order[keys[lo]>>3]], Count: len(v), MeanScore: stats.Mean(v), MedianScore: stats.Median(v),
				MinScore: int(v[0]), MaxScore: int(v[len(v)-1]),
			})
			lo = hi
		}
	}
	return b.audits, fs, as, fb
}

// citations counts the nonconformities of the bucket citing criterion id.
func (b *monBucket) citations(id int32) int {
	n := 0
	if at := int(id) * monCritSlots; at < len(b.crit) {
		for _, k := range b.crit[at : at+monCritSlots] {
			n += int(k)
		}
	}
	return n
}

// monGradeCounts lists the counts of n, one per grade, in out (nil:
// allocated).
func monGradeCounts[T int | int32](n []T, out []GradeCount) []GradeCount {
	if out == nil {
		out = make([]GradeCount, len(monGrades))
	}
	for i, g := range monGrades {
		out[i] = GradeCount{Grade: g, Count: int(n[i])}
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

// monBacklog sets each period's backlog: the actions open, and overdue,
// at its Backlog.At. The instants grow with the periods, so the periods
// at which an action is open form one run: from the period it starts in
// to the one it is closed in. lo is the number of trend[0]; a span's
// periods before it count from trend[0], monNever after the last.
func monBacklog(trend []PeriodFigures, spans []monSpan, lo int64) {
	n := len(trend)
	rel := func(p int64) int {
		if p == monNever {
			return n
		}
		return int(max(0, p-lo))
	}
	open := make([]int, n+1)
	over := make([]int, n+1)
	for _, sp := range spans {
		from, to := rel(sp.open), rel(sp.close)
		if from >= to {
			continue
		}
		open[from]++
		open[to]--
		// Overdue from the first instant after the due date.
		if olo := max(from, rel(sp.over)); olo < to {
			over[olo]++
			over[to]--
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
	y, m := monCivilMonth(monFloorDiv(t.Unix(), 86400))
	switch p {
	case TrendMonth:
		return y*12 + m
	case TrendQuarter:
		return y*4 + m/3
	}
	return y
}

// monCivilMonth returns the year and the month (0 for January) of a day
// counted from 1970-01-01 in the proleptic Gregorian calendar, as
// time.Time.Date gives them in UTC, by integer arithmetic (the days from
// civil algorithm of Howard Hinnant, run backwards): monitoring places
// every item in a period, and this is several times cheaper than Date.
func monCivilMonth(days int64) (year, month int64) {
	z := days + 719468 // days from 0000-03-01
	era := monFloorDiv(z, 146097)
	doe := z - era*146097                                  // day of the 400-year era, 0 to 146096
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // year of the era, 0 to 399
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // day of the year from 1 March, 0 to 365
	mp := (5*doy + 2) / 153                                // month from March, 0 to 11
	year, month = yoe+era*400, mp+2
	if mp >= 10 {
		year, month = year+1, mp-10
	}
	return year, month
}

// monPeriodStart returns the first instant of period i of p.
func monPeriodStart(p TrendPeriod, i int64) time.Time {
	switch p {
	case TrendMonth:
		y := monFloorDiv(i, 12)
		return time.Date(int(y), time.Month(i-y*12+1), 1, 0, 0, 0, 0, time.UTC)
	case TrendQuarter:
		y := monFloorDiv(i, 4)
		return time.Date(int(y), time.Month(3*(i-y*4)+1), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(int(i), time.January, 1, 0, 0, 0, 0, time.UTC)
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
