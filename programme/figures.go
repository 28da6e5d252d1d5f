package programme

import (
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
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
	TrendPeriod TrendPeriod `json:"trendPeriod,omitempty"`
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
func (f AuditFigures) CompletionRate() float64 { return monRatio(f.Completed, f.Planned) }

// OnTimeRate is OnTime / Completed, or 0 when nothing is completed.
func (f AuditFigures) OnTimeRate() float64 { return monRatio(f.OnTime, f.Completed) }

func monRatio(n, d int) float64 {
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
	Audit   audit.ID        `json:"audit"`
	Finding audit.FindingID `json:"finding"`
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
