package programme

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit/audit"
)

// MonitorOptions is what [Programme.Monitor] needs besides the programme
// itself: the date, the audit records, the feedback and the trend, as in
// [MonitorInput].
type MonitorOptions struct {
	// At is the date of the figures; required. Records after it are not
	// yet known and do not count.
	At time.Time `json:"at"`
	// Audits are the audit records; a scheduled audit of the programme
	// refers to its record by id (ScheduledAudit.Audit). Records no
	// scheduled audit refers to count as unscheduled.
	Audits []*audit.Audit `json:"audits,omitempty"`
	// Feedback lists feedback on the auditors.
	Feedback []AuditorFeedback `json:"feedback,omitempty"`
	// Trend, when set, asks for the figures per period as well.
	Trend TrendPeriod `json:"trend,omitempty"`
}

// Monitor computes the monitoring figures of the programme (ISO 19011:2018
// 5.6) at opts.At, as [Monitor] does, over the programme's own schedule:
// every audit of p.Schedule, then every audit of each certification
// cycle (p.Cycles[0].Audits, p.Cycles[1].Audits, ...). Those are all the
// audits the version plans: the schedule and the cycles carry over to
// each new version (Improve), so the latest version monitors the whole
// programme, earlier versions' audits included.
//
// Monitor reads the programme and changes nothing, in any state: an
// improved or closed version gives the figures of the record, and a
// version under review the figures its review considers (see
// [Figures.ReviewInput]). Problems come back as one *ismsaudit.ValidationError whose
// paths lead into the programme for the schedule ("Schedule[2].Due",
// "Cycles[0].Audits[3].Audit") and into opts for the rest ("At", "Trend",
// "Audits[4].Findings[1].Kind", "Feedback[0].Score"). Every scheduled
// audit needs a date to be placed in time: a due window bound or a start.
func (p *Programme) Monitor(opts MonitorOptions) (*Figures, error) {
	refs := programmeRefs(p)
	in := MonitorInput{At: opts.At, Audits: opts.Audits, Feedback: opts.Feedback, Trend: opts.Trend,
		Schedule: make([]ScheduledAudit, len(refs))}
	for i, r := range refs {
		in.Schedule[i] = *r.a // shallow: monitoring only reads
	}
	return monRun(newCollector("programme monitoring"), &in, func(i int) string { return refs[i].path }, true)
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
	c := progCopy(*f)
	return ReviewInput{Kind: InputMonitoring, Summary: f.summary(), Figures: &c}
}

// monTrendLines bounds how many periods of a trend the summary shows.
const monTrendLines = 12

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
	line("audits: ", n(a.Completed), " of ", n(a.Planned), " planned completed (", monPercent(a.Completed, a.Planned), "), ",
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
	if top := monTopCriteria(fs.ByCriterion, 3); top != "" {
		findings = append(findings, "; most cited: ", top)
	}
	line(findings...)

	ac := f.Actions
	actions := []string{"corrective actions: ", n(ac.Total), " started, ", n(ac.Closed), " closed, ", n(ac.Open), " open, ",
		n(ac.Overdue), " overdue (", n(ac.OverdueMajor), " of major nonconformities)"}
	if cl := ac.Closure; cl.Count > 0 {
		actions = append(actions, "; closure days over ", n(cl.Count), " measured: mean ", monNum(cl.MeanDays),
			", median ", monNum(cl.MedianDays), ", 90th percentile ", monNum(cl.P90Days))
	} else {
		actions = append(actions, "; no closure time measured")
	}
	line(actions...)

	if fb := f.Feedback; fb.Count > 0 {
		line("auditor feedback: ", n(fb.Count), " records on ", n(len(fb.ByAuditor)), " auditors, mean score ", monNum(fb.MeanScore),
			", median ", monNum(fb.MedianScore), " (scale ", n(MinFeedbackScore), " to ", n(MaxFeedbackScore), ")")
	} else {
		line("auditor feedback: none")
	}

	if len(f.Trend) > 0 {
		tr := f.Trend[max(0, len(f.Trend)-monTrendLines):]
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

// monTopCriteria names the k criteria with the most nonconformities, most
// first, ties in the standard's order, e.g. "A.8.8 (3), clause 9.2 (2)".
func monTopCriteria(cs []CriterionCount, k int) string {
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

// monPercent renders n/d as a percentage with one decimal, "-" for d 0.
func monPercent(n, d int) string {
	if d == 0 {
		return "-"
	}
	return monNum(100*float64(n)/float64(d)) + " %"
}

// monNum renders a figure with at most one decimal.
func monNum(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }
