package programme

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"golang.org/x/exp/stats"
)

// Figures are the monitoring figures of an audit programme at a date (ISO
// 19011:2018 5.6), the input of its review (5.7). Monitor computes them.
//
// Every figure is plain data and encodes to JSON. Lists come in a fixed
// order: enumerations in their canonical order (every value present, zero
// or not), criteria in the standard's order, auditors by id, overdue
// actions by due date (then audit and finding id), periods oldest first.
// A statistic over nothing (no closed action, no feedback) is 0 with its
// Count 0: read a mean, median or quantile only together with its count.
// No figure is ever NaN or infinite.
type Figures struct {
	// At is the date the figures describe: records after it are not yet
	// known.
	At time.Time `json:"at"`
	// Audits compares the audits completed with those planned.
	Audits AuditFigures `json:"audits"`
	// Findings counts the findings, and the nonconformities by grade and by
	// criterion.
	Findings FindingFigures `json:"findings"`
	// Actions counts the corrective actions (follow-ups) and their closure
	// times.
	Actions ActionFigures `json:"actions"`
	// OverdueActions lists the actions overdue at At, the most overdue
	// first; there are Actions.Overdue of them.
	OverdueActions []OverdueAction `json:"overdueActions,omitempty"`
	// Feedback summarises the feedback on auditors.
	Feedback FeedbackFigures `json:"feedback"`
	// TrendPeriod is the length of the periods of Trend; empty when no
	// trend was asked for.
	TrendPeriod Period `json:"trendPeriod,omitempty"`
	// Trend gives the same figures per period, oldest first, with no gap
	// between the first and the last period that holds anything (or At).
	Trend []PeriodFigures `json:"trend,omitempty"`
}

// AuditFigures compares the audits the schedule plans with the audit
// records as they stand at the date. Each scheduled audit is in exactly one
// of Completed, InProgress, Terminated and NotStarted, so those four add up
// to Planned; Completed is OnTime plus Early plus Late.
//
// An audit is completed at the time of the complete event (audit
// EventComplete) in its record's history; it is on time when that time is
// within the scheduled audit's Due window, bounds included (a zero bound
// does not limit).
type AuditFigures struct {
	// Planned counts the scheduled audits.
	Planned int `json:"planned"`
	// Due counts the scheduled audits whose window closed (Due.Latest)
	// before the date.
	Due int `json:"due"`
	// Completed counts the scheduled audits completed by the date.
	Completed int `json:"completed"`
	// OnTime, Early and Late split Completed: within the Due window,
	// before Due.Earliest, after Due.Latest.
	OnTime int `json:"onTime"`
	Early  int `json:"early"`
	Late   int `json:"late"`
	// InProgress counts the scheduled audits whose record exists (created by
	// the date) and is neither completed nor terminated.
	InProgress int `json:"inProgress"`
	// Terminated counts the scheduled audits whose record was terminated
	// before completion (ISO 19011:2018 6.4.4).
	Terminated int `json:"terminated"`
	// NotStarted counts the scheduled audits with no record by the date.
	NotStarted int `json:"notStarted"`
	// Missed counts the scheduled audits that are Due but neither completed
	// nor terminated: the schedule was not kept.
	Missed int `json:"missed"`
	// Unscheduled counts audit records created by the date that no
	// scheduled audit refers to.
	Unscheduled int `json:"unscheduled"`
}

// CompletionRate is Completed / Planned, or 0 when nothing is planned.
func (f AuditFigures) CompletionRate() float64 { return shareOf(f.Completed, f.Planned) }

// OnTimeRate is OnTime / Completed, or 0 when nothing is completed.
func (f AuditFigures) OnTimeRate() float64 { return shareOf(f.OnTime, f.Completed) }

func shareOf(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// FindingFigures counts findings. A finding counts once the audit team
// confirmed it (a confirm entry in its history, ISO 19011:2018 6.4.8) and
// unless it was withdrawn by the date.
type FindingFigures struct {
	// ByKind counts the findings of each kind, every kind listed in
	// canonical order.
	ByKind []FindingKindCount `json:"byKind"`
	// Nonconformities counts the nonconformities; ByGrade splits them by
	// grade (every grade listed), Ungraded counts those with no grade, so
	// Nonconformities is the sum of ByGrade and Ungraded.
	Nonconformities int          `json:"nonconformities"`
	ByGrade         []GradeCount `json:"byGrade"`
	Ungraded        int          `json:"ungraded"`
	// ByCriterion counts the nonconformities against each criterion (ISO/IEC
	// 27001:2022 clause, Annex A control or other document) cited: clauses
	// first, then controls, then documents, each in the standard's order
	// (documents by id). A nonconformity citing two criteria counts once
	// for each.
	ByCriterion []CriterionCount `json:"byCriterion,omitempty"`
}

// FindingKindCount is the number of findings of one kind.
type FindingKindCount struct {
	Kind  audit.FindingKind `json:"kind"`
	Count int               `json:"count"`
}

// GradeCount is the number of nonconformities of one grade.
type GradeCount struct {
	Grade audit.Grade `json:"grade"`
	Count int         `json:"count"`
}

// CriterionCount is the number of nonconformities citing one criterion,
// by grade as in FindingFigures.
type CriterionCount struct {
	Criterion       annexa.Ref   `json:"criterion"`
	Nonconformities int          `json:"nonconformities"`
	ByGrade         []GradeCount `json:"byGrade"`
	Ungraded        int          `json:"ungraded"`
}

// ActionFigures counts the corrective actions: the follow-ups of the
// nonconformities (ISO 19011:2018 6.7). An action starts when its
// nonconformity is presented to the auditee (the finding's present entry;
// failing one, the finding's RaisedAt) — the audit record keeps no
// creation time for a follow-up — and counts from then on. It is closed
// at its verify-effective entry. Total is Open plus Closed.
type ActionFigures struct {
	// Total counts the actions started by the date.
	Total int `json:"total"`
	// Open counts those not closed by the date.
	Open int `json:"open"`
	// Closed counts those verified effective by the date.
	Closed int `json:"closed"`
	// Overdue counts the open actions whose DueAt is before the date
	// (actions without a due date are never overdue); OverdueMajor those of
	// them for a major nonconformity.
	Overdue      int `json:"overdue"`
	OverdueMajor int `json:"overdueMajor"`
	// Closure describes how long the closed actions took.
	Closure ClosureTimes `json:"closure"`
}

// ClosureTimes describes the closure times of corrective actions, in days
// (24 hours) from the start of the action to its verification as
// effective. The quantiles are those of golang.org/x/exp/stats (R-7
// interpolation). With Count 0 every figure is 0.
type ClosureTimes struct {
	// Count is how many closure times were measured.
	Count int `json:"count"`
	// Unmeasured counts closed actions whose recorded verification precedes
	// their start, so that no closure time can be measured; Count plus
	// Unmeasured is the number of closed actions.
	Unmeasured int `json:"unmeasured"`
	// MeanDays, MedianDays and P90Days are the mean, median and 90th
	// percentile; MinDays and MaxDays the extremes.
	MeanDays   float64 `json:"meanDays"`
	MedianDays float64 `json:"medianDays"`
	P90Days    float64 `json:"p90Days"`
	MinDays    float64 `json:"minDays"`
	MaxDays    float64 `json:"maxDays"`
}

// OverdueAction is one corrective action overdue at the date.
type OverdueAction struct {
	// Audit and Finding identify the nonconformity.
	Audit   ismsaudit.AuditID `json:"audit"`
	Finding audit.FindingID   `json:"finding"`
	// Grade is the nonconformity's grade, if it has one.
	Grade audit.Grade `json:"grade,omitempty"`
	// DueAt is when the action was due; DaysOverdue how long ago that was
	// at the date, in days of 24 hours.
	DueAt       time.Time `json:"dueAt"`
	DaysOverdue float64   `json:"daysOverdue"`
}

// FeedbackFigures summarises feedback on auditors' performance (ISO
// 19011:2018 5.6, 7.4) on the scale MinFeedbackScore to MaxFeedbackScore.
// With Count 0 the mean and median are 0.
type FeedbackFigures struct {
	// Count is how many feedback records there are.
	Count int `json:"count"`
	// MeanScore and MedianScore are over every record.
	MeanScore   float64 `json:"meanScore"`
	MedianScore float64 `json:"medianScore"`
	// ByScore counts the records of each score, every score of the scale
	// listed, lowest first.
	ByScore []ScoreCount `json:"byScore"`
	// ByAuditor summarises each auditor's feedback, by auditor id.
	ByAuditor []AuditorScore `json:"byAuditor,omitempty"`
}

// ScoreCount is the number of feedback records with one score.
type ScoreCount struct {
	Score int `json:"score"`
	Count int `json:"count"`
}

// AuditorScore summarises the feedback on one auditor.
type AuditorScore struct {
	Auditor     competence.AuditorID `json:"auditor"`
	Count       int                  `json:"count"`
	MeanScore   float64              `json:"meanScore"`
	MedianScore float64              `json:"medianScore"`
	MinScore    int                  `json:"minScore"`
	MaxScore    int                  `json:"maxScore"`
}

// PeriodFigures are the figures of one period of a trend. Each item counts
// in the period of one time of its own, so that the periods add up to the
// totals of Figures: a scheduled audit in the period of its due date
// (Due.Latest, else Due.Earliest, else Start), an unscheduled audit record
// in that of its creation, a finding in that of its confirmation, an
// action in that of its start (so an action's closure time counts where
// the action started), a feedback record in that of its At. Every status
// is the one at the date of the Figures. Backlog alone is a snapshot taken
// at the period's end.
type PeriodFigures struct {
	// Label names the period: "2026-01", "2026-Q1" or "2026".
	Label string `json:"label"`
	// Start and End bound the period in UTC: from Start, up to but not
	// including End.
	Start    time.Time       `json:"start"`
	End      time.Time       `json:"end"`
	Audits   AuditFigures    `json:"audits"`
	Findings FindingFigures  `json:"findings"`
	Actions  ActionFigures   `json:"actions"`
	Feedback FeedbackFigures `json:"feedback"`
	Backlog  ActionBacklog   `json:"backlog"`
}

// ActionBacklog is the number of open and overdue actions at one instant.
type ActionBacklog struct {
	// At is the instant: the last instant of the period, or the date of the
	// Figures when that is earlier (later records are not known).
	At time.Time `json:"at"`
	// Open counts the actions started at or before At and not closed by
	// then; Overdue those of them due before At.
	Open    int `json:"open"`
	Overdue int `json:"overdue"`
}

// ReviewInput turns the figures into the monitoring input of a programme
// review (ISO 19011:2018 5.6 feeding 5.7): kind monitoring, a summary of
// the figures in a few lines, and a copy of the figures themselves, so
// that the review record keeps what it considered. Pass it in
// Review.Inputs to [Programme.RecordReview], which needs the review
// recorded no earlier than the figures' date.
//
// The summary gives, one line each: the audits completed against those
// planned, with timing and what was missed; the findings and the
// nonconformities by grade, with the criteria cited most; the corrective
// actions, those overdue and their closure times; the auditor feedback;
// and, for a trend, completions, nonconformities and the backlog of open
// actions over the last 12 periods at most.
func (f *Figures) ReviewInput() ReviewInput {
	c := deepCopy(*f)
	return ReviewInput{Kind: InputMonitoring, Summary: f.summary(), Figures: &c}
}

// summaryTrendLines bounds how many periods of a trend the summary shows.
const summaryTrendLines = 12

// summary renders the figures as a few lines of text.
func (f *Figures) summary() string {
	var b strings.Builder
	line := func(parts ...string) {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	n := strconv.Itoa
	a := f.Audits
	line("monitoring figures at ", f.At.Format(time.DateOnly))
	line("audits: ", n(a.Completed), " of ", n(a.Planned), " planned completed (", formatPercent(a.Completed, a.Planned), "), ",
		n(a.OnTime), " on time, ", n(a.Early), " early, ", n(a.Late), " late; ",
		n(a.InProgress), " in progress, ", n(a.Terminated), " terminated, ", n(a.NotStarted), " not started; ",
		n(a.Due), " due, ", n(a.Missed), " missed; ", n(a.Unscheduled), " unscheduled")

	fs := f.Findings
	total := 0
	for _, k := range fs.ByKind {
		total += k.Count
	}
	grades := make([]string, 0, len(fs.ByGrade)+1)
	for _, g := range fs.ByGrade {
		grades = append(grades, n(g.Count)+" "+string(g.Grade))
	}
	grades = append(grades, n(fs.Ungraded)+" ungraded")
	findings := []string{"findings: ", n(total), "; nonconformities: ", n(fs.Nonconformities), " (", strings.Join(grades, ", "), ")"}
	if top := topCriteria(fs.ByCriterion, 3); top != "" {
		findings = append(findings, "; most cited: ", top)
	}
	line(findings...)

	ac := f.Actions
	actions := []string{"corrective actions: ", n(ac.Total), " started, ", n(ac.Closed), " closed, ", n(ac.Open), " open, ",
		n(ac.Overdue), " overdue (", n(ac.OverdueMajor), " of major nonconformities)"}
	if cl := ac.Closure; cl.Count > 0 {
		actions = append(actions, "; closure days over ", n(cl.Count), " measured: mean ", formatFigure(cl.MeanDays),
			", median ", formatFigure(cl.MedianDays), ", 90th percentile ", formatFigure(cl.P90Days))
	} else {
		actions = append(actions, "; no closure time measured")
	}
	line(actions...)

	if fb := f.Feedback; fb.Count > 0 {
		line("auditor feedback: ", n(fb.Count), " records on ", n(len(fb.ByAuditor)), " auditors, mean score ", formatFigure(fb.MeanScore),
			", median ", formatFigure(fb.MedianScore), " (scale ", n(MinFeedbackScore), " to ", n(MaxFeedbackScore), ")")
	} else {
		line("auditor feedback: none")
	}

	if len(f.Trend) > 0 {
		tr := f.Trend[max(0, len(f.Trend)-summaryTrendLines):]
		var done, ncs, open []string
		for i := range tr {
			done = append(done, n(tr[i].Audits.Completed)+"/"+n(tr[i].Audits.Planned))
			ncs = append(ncs, n(tr[i].Findings.Nonconformities))
			open = append(open, n(tr[i].Backlog.Open))
		}
		line("trend by ", string(f.TrendPeriod), ", ", tr[0].Label, " to ", tr[len(tr)-1].Label,
			": audits completed/planned ", strings.Join(done, ", "), "; nonconformities ", strings.Join(ncs, ", "),
			"; actions open at the end ", strings.Join(open, ", "))
	}
	return b.String()
}

// topCriteria names the k criteria with the most nonconformities, most
// first, ties in the standard's order, e.g. "A.8.8 (3), clause 9.2 (2)".
func topCriteria(cs []CriterionCount, k int) string {
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cs[y].Nonconformities - cs[x].Nonconformities })
	var parts []string
	for _, i := range order[:min(k, len(order))] {
		parts = append(parts, cs[i].Criterion.String()+" ("+strconv.Itoa(cs[i].Nonconformities)+")")
	}
	return strings.Join(parts, ", ")
}

// formatPercent renders n/d as a percentage with one decimal, "-" for d 0.
func formatPercent(n, d int) string {
	if d == 0 {
		return "-"
	}
	return formatFigure(100*float64(n)/float64(d)) + " %"
}

// formatFigure renders a figure with at most one decimal.
func formatFigure(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// The canonical orders monitoring counts by (read-only after
// initialisation).
var (
	kindOrder    = slices.Collect(audit.FindingKinds())
	gradeOrder   = slices.Collect(audit.Grades())
	refKindOrder = slices.Collect(annexa.RefKinds())
)

const dayDuration = 24 * time.Hour

// How a scheduled audit stands at the date, and the record kinds.
const (
	statusCompleted uint8 = iota
	statusInProgress
	statusTerminated
	statusNotStarted
	statusUnscheduled // a record no scheduled audit refers to
)

// Where a completion falls against the Due window.
const (
	timingOnTime uint8 = iota
	timingEarly
	timingLate
)

// scheduledStatus is one scheduled audit (or unscheduled record) as it stands.
type scheduledStatus struct {
	state       uint8
	timing      uint8
	due, missed bool
}

// findingCount is one counted finding.
type findingCount struct {
	kind     int     // index in kindOrder
	grade    int     // index in gradeOrder; -1 when ungraded
	criteria []int32 // distinct criteria, as numbered by criterionNumbers
}

// actionCount is one started corrective action.
type actionCount struct {
	due      time.Time
	isClosed bool
	major    bool
	measured bool
	days     float64
}

// neverPeriod marks a period that never comes: the instant is after the
// date of the figures.
const neverPeriod = int64(math.MaxInt64)

// actionSpan is what the backlog of a trend needs of one action: the
// periods (absolute numbers, neverPeriod for none) it starts in, is closed
// in, and becomes overdue in (the first period after its due date).
type actionSpan struct {
	open, close, over int64
}

// overdueKey is the sort key of one overdue action: its due date, its
// audit's position in id order and its position among the audit's
// overdue actions in finding id order; pos is where it is in
// figuresTally.overdue.
type overdueKey struct {
	sec            int64
	nsec           int32
	rank, sub, rec int32
	pos            int32
}

// criterionNumbers numbers the criteria met in the records, so that buckets count
// them by number, and orders them once for every bucket.
type criterionNumbers struct {
	ids  [otherRefKinds + 1]map[string]int32 // per kind (refKindRank), by id
	list []annexa.Ref
	// After the pass: order lists the numbers as the figures list the
	// criteria.
	order []int32
}

// id numbers r.
func (m *criterionNumbers) id(r annexa.Ref) int32 {
	k := refKindRank(r.Kind)
	ids := m.ids[k]
	if ids == nil {
		ids = make(map[string]int32)
		m.ids[k] = ids
	}
	key := r.ID
	if k == otherRefKinds {
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
func (m *criterionNumbers) sort() {
	m.order = make([]int32, len(m.list))
	for i := range m.order {
		m.order[i] = int32(i)
	}
	slices.SortFunc(m.order, func(a, b int32) int { return compareRefs(m.list[a], m.list[b]) })
}

// criterionSlots is how many counts a criterion has: one per grade, and one
// for ungraded nonconformities.
var criterionSlots = len(gradeOrder) + 1

// auditorNumbers numbers the auditors feedback is about, so that buckets
// keep a feedback record as one number.
type auditorNumbers struct {
	ids  map[competence.AuditorID]uint32
	list []competence.AuditorID
	// After the pass: rank is each number's position in id order, order
	// the numbers in id order.
	rank, order []uint32
}

// entry packs the feedback on auditor id with a score.
func (m *auditorNumbers) entry(id competence.AuditorID, score int) uint32 {
	n, ok := m.ids[id]
	if !ok {
		n = uint32(len(m.list))
		m.ids[id] = n
		m.list = append(m.list, id)
	}
	return n<<3 | uint32(score)
}

// sort ranks the auditors by id.
func (m *auditorNumbers) sort() {
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

// figuresBucket accumulates the figures of the totals or of one period.
type figuresBucket struct {
	audits     AuditFigures
	kinds      []int
	ncs        int
	grades     []int
	ungraded   int
	crit       []int32 // nonconformities per criterion number and grade slot: crit[id*criterionSlots+slot]
	actions    ActionFigures
	closure    []float64
	unmeasured int
	scores     []int
	feedback   []uint32 // one entry per record: auditor number<<3 | score
}

func newFiguresBucket() *figuresBucket {
	return &figuresBucket{
		kinds:  make([]int, len(kindOrder)),
		grades: make([]int, len(gradeOrder)),
		scores: make([]int, MaxFeedbackScore-MinFeedbackScore+1),
	}
}

// figuresTally holds the totals and the buckets of the periods, so that each
// item counts in both in one pass over the records. Periods are kept by
// number until the span is known, so that a mistyped date costs nothing
// before it is reported.
type figuresTally struct {
	at      time.Time
	trend   Period
	total   *figuresBucket
	periods map[int64]*figuresBucket
	lo, hi  int64
	// The period asked for last, and its bounds (items come in runs).
	lastIndex        int64
	lastFrom, lastTo time.Time
	lastBucket       *figuresBucket

	spans   []actionSpan    // each action, for the backlog of a trend
	overdue []OverdueAction // in the order found
	overKey []overdueKey    // their sort keys
	refs    *criterionNumbers
	people  *auditorNumbers
	starts  []time.Time // scratch: when each finding's action would start
	ids     []int32     // scratch: one finding's criteria
}

// newFiguresTally starts the figures of in; in.At and in.Trend must be valid.
func newFiguresTally(in *MonitorInput) *figuresTally {
	g := &figuresTally{at: in.At, trend: in.Trend, total: newFiguresBucket(),
		refs:   &criterionNumbers{},
		people: &auditorNumbers{ids: make(map[competence.AuditorID]uint32)}}
	if in.Trend != "" {
		g.periods = make(map[int64]*figuresBucket)
		g.lo = periodIndex(in.Trend, in.At)
		g.hi = g.lo
		n := 0
		for _, a := range in.Audits {
			if a != nil {
				n += len(a.FollowUps)
			}
		}
		g.spans = make([]actionSpan, 0, n)
	}
	return g
}

// index returns the number of the period holding t, without a trend 0.
func (g *figuresTally) index(t time.Time) int64 {
	if g.trend == "" {
		return 0
	}
	if g.lastBucket != nil && !t.Before(g.lastFrom) && t.Before(g.lastTo) {
		return g.lastIndex
	}
	return periodIndex(g.trend, t)
}

// period returns the bucket of period i, or nil without a trend.
func (g *figuresTally) period(i int64) *figuresBucket {
	if g.trend == "" {
		return nil
	}
	if g.lastBucket != nil && i == g.lastIndex {
		return g.lastBucket
	}
	b := g.periods[i]
	if b == nil {
		b = newFiguresBucket()
		g.periods[i] = b
		g.lo, g.hi = min(g.lo, i), max(g.hi, i)
	}
	g.lastIndex, g.lastBucket = i, b
	g.lastFrom, g.lastTo = periodStart(g.trend, i), periodStart(g.trend, i+1)
	return b
}

// bucketOf returns the bucket of the period holding t, or nil without a
// trend.
func (g *figuresTally) bucketOf(t time.Time) *figuresBucket { return g.period(g.index(t)) }

// addSchedule counts the scheduled audits, as they stand at the date,
// and the records no scheduled audit refers to (linked says which are).
// records finds a record by id.
func (g *figuresTally) addSchedule(in *MonitorInput, records map[ismsaudit.AuditID]int, linked []bool) {
	at := g.at
	for i := range in.Schedule {
		s := &in.Schedule[i]
		it := scheduledStatus{state: statusNotStarted}
		it.due = !s.Due.Latest.IsZero() && s.Due.Latest.Before(at)
		if s.Audit != "" {
			a := in.Audits[records[s.Audit]]
			if !a.CreatedAt.After(at) {
				done, doneAt, terminated := auditOutcome(a, at)
				switch {
				case done:
					it.state = statusCompleted
					switch {
					case !s.Due.Earliest.IsZero() && doneAt.Before(s.Due.Earliest):
						it.timing = timingEarly
					case !s.Due.Latest.IsZero() && doneAt.After(s.Due.Latest):
						it.timing = timingLate
					default:
						it.timing = timingOnTime
					}
				case terminated:
					it.state = statusTerminated
				default:
					it.state = statusInProgress
				}
			}
		}
		it.missed = it.due && (it.state == statusInProgress || it.state == statusNotStarted)
		g.total.addAudit(it)
		if p := g.bucketOf(dueRef(s)); p != nil {
			p.addAudit(it)
		}
	}
	for i, a := range in.Audits {
		if !linked[i] && !a.CreatedAt.After(at) {
			g.total.addAudit(scheduledStatus{state: statusUnscheduled})
			if p := g.bucketOf(a.CreatedAt); p != nil {
				p.addAudit(scheduledStatus{state: statusUnscheduled})
			}
		}
	}
}

// addRecord counts the findings and corrective actions of record i, with
// what checking it learned.
func (g *figuresTally) addRecord(in *MonitorInput, i int, sc *recordScan) {
	at, a := g.at, in.Audits[i]
	// starts[k] is when the action of finding k would start: its
	// presentation, failing one its RaisedAt.
	starts := slices.Grow(g.starts[:0], len(a.Findings))[:len(a.Findings)]
	g.starts = starts
	for k := range a.Findings {
		f := &a.Findings[k]
		confirmed, counted, presented, wasPresented := findingTimes(f, at)
		starts[k] = f.RaisedAt
		if wasPresented {
			starts[k] = presented
		}
		if !counted {
			continue
		}
		it := findingCount{kind: int(sc.kinds[k]), grade: -1}
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
		it := actionCount{due: u.DueAt, major: f.Grade == audit.Major}
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
				it.measured, it.days = true, durationDays(d)
			}
		} else if !u.DueAt.IsZero() && u.DueAt.Before(at) {
			g.overdue = append(g.overdue, OverdueAction{Audit: a.ID, Finding: u.Finding, Grade: f.Grade,
				DueAt: u.DueAt, DaysOverdue: durationDays(at.Sub(u.DueAt))})
		}
		g.total.addAction(&it, at)
		if g.trend == "" {
			continue
		}
		pi := g.index(start)
		g.period(pi).addAction(&it, at)
		sp := actionSpan{open: pi, close: neverPeriod, over: neverPeriod}
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
		g.overKey = append(g.overKey, overdueKey{sec: due.Unix(), nsec: int32(due.Nanosecond()),
			sub: int32(j - firstOverdue), rec: int32(i), pos: int32(j)})
	}
}

// addFeedback counts the feedback given by the date.
func (g *figuresTally) addFeedback(in *MonitorInput) {
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
func (g *figuresTally) figures(col *errs.Collector, in *MonitorInput) (*Figures, error) {
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
				b = newFiguresBucket()
			}
			pf.Start, pf.End, pf.Label = periodBounds(g.trend, g.lo+int64(i))
			pf.Audits, pf.Findings, pf.Actions, pf.Feedback = b.figures(g.refs, g.people)
			pf.Backlog.At = pf.End.Add(-1)
			if pf.Backlog.At.After(g.at) {
				pf.Backlog.At = g.at
			}
		}
		setBacklog(out.Trend, g.spans, g.lo)
	}
	return out, nil
}

// overdueList lists the overdue actions, the most overdue first (by due
// date, then audit and finding id).
func (g *figuresTally) overdueList(in *MonitorInput) []OverdueAction {
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
	slices.SortFunc(g.overKey, func(a, b overdueKey) int {
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

// auditOutcome reads an audit's history up to at: whether and when it
// was completed, and whether it was terminated.
func auditOutcome(a *audit.Audit, at time.Time) (done bool, doneAt time.Time, terminated bool) {
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

// findingTimes reads a finding's history: when it was confirmed and
// whether it counts at at (confirmed by then and not withdrawn by then),
// and when it was first presented, at any time.
func findingTimes(f *audit.Finding, at time.Time) (confirmed time.Time, counted bool, presented time.Time, wasPresented bool) {
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
		}
	}
	presented, wasPresented = f.PresentedAt()
	return confirmed, counted && !withdrawn, presented, wasPresented
}

func durationDays(d time.Duration) float64 { return float64(d) / float64(dayDuration) }

func (b *figuresBucket) addAudit(s scheduledStatus) {
	f := &b.audits
	if s.state == statusUnscheduled {
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
	case statusCompleted:
		f.Completed++
		switch s.timing {
		case timingOnTime:
			f.OnTime++
		case timingEarly:
			f.Early++
		default:
			f.Late++
		}
	case statusInProgress:
		f.InProgress++
	case statusTerminated:
		f.Terminated++
	default:
		f.NotStarted++
	}
}

func (b *figuresBucket) addFinding(f *findingCount) {
	b.kinds[f.kind]++
	if kindOrder[f.kind] != audit.Nonconformity {
		return
	}
	b.ncs++
	slot := len(gradeOrder)
	if f.grade < 0 {
		b.ungraded++
	} else {
		b.grades[f.grade]++
		slot = f.grade
	}
	for _, id := range f.criteria {
		at := int(id)*criterionSlots + slot
		if at >= len(b.crit) {
			need := (int(id) + 1) * criterionSlots
			if need > cap(b.crit) {
				grown := make([]int32, need, max(need, 2*cap(b.crit), 64*criterionSlots))
				copy(grown, b.crit)
				b.crit = grown
			}
			b.crit = b.crit[:need] // zero beyond the old length: never written
		}
		b.crit[at]++
	}
}

func (b *figuresBucket) addAction(a *actionCount, at time.Time) {
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

// addFeedback counts one feedback record, packed by auditorNumbers.entry.
func (b *figuresBucket) addFeedback(e uint32) {
	b.scores[int(e&7)-MinFeedbackScore]++
	b.feedback = append(b.feedback, e)
}

// figures turns the accumulated counts into figures; refs and people must
// be sorted.
func (b *figuresBucket) figures(refs *criterionNumbers, people *auditorNumbers) (AuditFigures, FindingFigures, ActionFigures, FeedbackFigures) {
	fs := FindingFigures{
		ByKind:          make([]FindingKindCount, len(kindOrder)),
		Nonconformities: b.ncs,
		ByGrade:         gradeCounts(b.grades, nil),
		Ungraded:        b.ungraded,
	}
	for i, k := range kindOrder {
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
		grades := make([]GradeCount, cited*len(gradeOrder))
		for _, id := range refs.order {
			n := b.citations(id)
			if n == 0 {
				continue
			}
			slots := b.crit[int(id)*criterionSlots : int(id+1)*criterionSlots]
			c := CriterionCount{Criterion: refs.list[id], Nonconformities: n, Ungraded: int(slots[len(gradeOrder)])}
			c.ByGrade, grades = gradeCounts(slots, grades[:len(gradeOrder)]), grades[len(gradeOrder):]
			fs.ByCriterion = append(fs.ByCriterion, c)
		}
	}

	as := b.actions
	as.Closure = closureOf(b.closure, b.unmeasured)

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
func (b *figuresBucket) citations(id int32) int {
	n := 0
	if at := int(id) * criterionSlots; at < len(b.crit) {
		for _, k := range b.crit[at : at+criterionSlots] {
			n += int(k)
		}
	}
	return n
}

// gradeCounts lists the counts of n, one per grade, in out (nil:
// allocated).
func gradeCounts[T int | int32](n []T, out []GradeCount) []GradeCount {
	if out == nil {
		out = make([]GradeCount, len(gradeOrder))
	}
	for i, g := range gradeOrder {
		out[i] = GradeCount{Grade: g, Count: int(n[i])}
	}
	return out
}

// closureOf computes the closure statistics of days (sorted in place, so
// that the figures do not depend on the order of the records).
func closureOf(days []float64, unmeasured int) ClosureTimes {
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

// setBacklog sets each period's backlog: the actions open, and overdue,
// at its Backlog.At. The instants grow with the periods, so the periods
// at which an action is open form one run: from the period it starts in
// to the one it is closed in. lo is the number of trend[0]; a span's
// periods before it count from trend[0], neverPeriod after the last.
func setBacklog(trend []PeriodFigures, spans []actionSpan, lo int64) {
	n := len(trend)
	rel := func(p int64) int {
		if p == neverPeriod {
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
