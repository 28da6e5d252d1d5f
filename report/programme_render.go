package report

import (
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
)

// WriteProgrammeReport renders programme report r to w: Markdown (charts
// as tables of their figures), HTML (one self-contained printable page in
// the audit report's style, with the charts as inline SVG: nonconformities
// by clause and control as a bar chart, and the closure times of corrective
// actions as a histogram with the median and 90th percentile marked), JSON
// (the model itself, which ParseProgrammeReport reads back) or CSV (the
// schedule, one row per audit, with ProgrammeScheduleCSVHeader). The report
// is checked first: an incomplete or invalid one is refused with the
// *ismsaudit.ValidationError of Check and nothing is written. Output is deterministic
// byte for byte; the first write error is returned.
func WriteProgrammeReport(w io.Writer, r *ProgrammeReport, f Format) error {
	if !f.IsValid() {
		return unsupportedFormat(f, Markdown, HTML, JSON, CSV)
	}
	if err := r.Check(); err != nil {
		return err
	}
	switch f {
	case Markdown:
		m := &progMD{mdDoc: mdDoc{o: newObuf(w)}}
		layoutProgrammeReport(m, r)
		return m.o.flush()
	case HTML:
		h := &progHTML{htmlDoc: htmlDoc{o: newObuf(w)}}
		layoutProgrammeReport(h, r)
		return h.o.flush()
	case JSON:
		return writeJSON(w, r)
	}
	return scheduleCSV(w, r)
}

// ProgrammeScheduleCSVHeader is the header row of the schedule that
// WriteProgrammeReport writes in CSV: one row per scheduled audit, in the
// report's order. Several values in a cell are joined by ";"; times are
// RFC 3339, dates YYYY-MM-DD.
var ProgrammeScheduleCSVHeader = []string{
	"id", "kind", "auditee", "sites", "clauses", "controls", "due_from", "due_by", "start", "days",
	"team", "audit", "audit_state", "status", "completed", "timing", "missed",
}

func scheduleCSV(w io.Writer, r *ProgrammeReport) error {
	cw := newCSV(w)
	cw.row(ProgrammeScheduleCSVHeader...)
	for i := range r.Schedule {
		s := &r.Schedule[i]
		sites := make([]string, len(s.Sites))
		for j, x := range s.Sites {
			sites[j] = cell(x)
		}
		clauses := make([]string, len(s.Clauses))
		for j, x := range s.Clauses {
			clauses[j] = string(x)
		}
		controls := make([]string, len(s.Controls))
		for j, x := range s.Controls {
			controls[j] = "A." + string(x)
		}
		team := make([]string, len(s.Team))
		for j, m := range s.Team {
			team[j] = cell(memberText(m)) + " (" + words(m.Role) + ")"
		}
		days := ""
		if s.Days > 0 {
			days = strconv.FormatFloat(s.Days, 'f', -1, 64)
		}
		cw.row(cell(s.ID), string(s.Kind), cell(s.Auditee), strings.Join(sites, ";"), strings.Join(clauses, ";"), strings.Join(controls, ";"),
			fmtDate(s.Due.Earliest), fmtDate(s.Due.Latest), rfc3339(s.Start), days, strings.Join(team, ";"),
			cell(string(s.Audit)), string(s.AuditState), string(s.Status), rfc3339(s.CompletedAt), string(s.Timing), strconv.FormatBool(s.Missed))
	}
	return cw.done()
}

// programmeDoc is a doc that also draws the programme report's charts.
type programmeDoc interface {
	doc
	barChart(c *barChart)
	histogram(h *histogram)
}

// barChart is a horizontal bar chart with one row per category and one
// stacked segment per series.
type barChart struct {
	title   string
	caption string
	unit    [2]string // what a bar counts, singular and plural: "nonconformity", "nonconformities"
	head    string    // the category column's heading in tables
	labels  []string  // short category labels, e.g. "A.8.8"
	titles  []string  // long titles, e.g. "Management of technical vulnerabilities"
	series  []series
}

// series is one stacked segment of a bar chart: a name, a fixed colour
// (never taken from input) and one value per category.
type series struct {
	name   string
	colour string
	values []int
}

func (c *barChart) total(i int) int {
	n := 0
	for _, s := range c.series {
		n += s.values[i]
	}
	return n
}

// histogram counts values in bins of equal width from 0, with markers
// such as the median drawn over it.
type histogram struct {
	title   string
	caption string
	axis    string    // what the x axis measures, e.g. "days to close"
	unit    [2]string // what a bar counts, singular and plural: "action", "actions"
	width   float64
	counts  []int
	markers []marker
}

type marker struct {
	name  string
	value float64
}

// binLabel names bin i, e.g. "14–28".
func (h *histogram) binLabel(i int) string {
	return num(float64(i)*h.width) + "–" + num(float64(i+1)*h.width)
}

// binWidths are the bin widths a closure-time histogram chooses from, in
// days: the smallest that keeps at most maxBins bins.
var binWidths = []float64{1, 2, 5, 7, 10, 14, 15, 30, 45, 60, 90, 120, 180, 365, 730}

const maxBins = 10

// newHistogram bins values (all at least 0) in at most maxBins bins.
func newHistogram(values []float64) histogram {
	top := 0.0
	for _, v := range values {
		top = max(top, v)
	}
	w := 0.0
	for _, c := range binWidths {
		if int(top/c)+1 <= maxBins {
			w = c
			break
		}
	}
	if w == 0 {
		w = float64(int(top/maxBins) + 1)
	}
	h := histogram{width: w, counts: make([]int, int(top/w)+1)}
	for _, v := range values {
		h.counts[int(v/w)]++
	}
	return h
}

// num formats v with at most one decimal: "12", "12.5".
func num(v float64) string {
	return strconv.FormatFloat(round1(v), 'f', -1, 64)
}

// round1 rounds v to one decimal.
func round1(v float64) float64 {
	if v < 0 {
		return -round1(-v)
	}
	return float64(int64(v*10+0.5)) / 10
}

// fixed1 formats v with exactly one decimal: "12.0", "12.5".
func fixed1(v float64) string { return strconv.FormatFloat(round1(v), 'f', 1, 64) }

func percent(r float64) string { return strconv.FormatFloat(100*r, 'f', 0, 64) + "%" }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// upperFirst upper-cases the first letter of an ASCII phrase.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// memberText names a team member: the name, else the auditor id.
func memberText(m ProgrammeTeamMember) string {
	if m.Name != "" {
		return m.Name
	}
	return string(m.Auditor)
}

// window renders a due window: "2026-01-01 to 2026-03-31", "by
// 2026-03-31", "from 2026-01-01", or "".
func window(w programme.Window) string {
	switch {
	case !w.Earliest.IsZero() && !w.Latest.IsZero():
		return fmtDate(w.Earliest) + " to " + fmtDate(w.Latest)
	case !w.Latest.IsZero():
		return "by " + fmtDate(w.Latest)
	case !w.Earliest.IsZero():
		return "from " + fmtDate(w.Earliest)
	}
	return ""
}

// progLayout writes a checked programme report.
type progLayout struct {
	d programmeDoc
	r *ProgrammeReport
}

// layoutProgrammeReport writes a checked report to d.
func layoutProgrammeReport(d programmeDoc, r *ProgrammeReport) {
	l := progLayout{d: d, r: r}
	d.begin(r.Title)
	d.heading(1, "top", r.Title)
	l.summary()
	l.objectives()
	l.schedule()
	l.coverage()
	l.figures()
	l.actions()
	d.end()
}

func (l *progLayout) summary() {
	d, r := l.d, l.r
	d.open(blockList)
	s := string(r.Programme)
	if r.Version > 0 {
		s += ", version " + strconv.Itoa(r.Version)
	}
	item(d, "Audit programme:", s+" ("+words(r.State)+")")
	item(d, "Period:", strings.TrimSpace(fmtDate(r.Period.Earliest)+" to "+fmtDate(r.Period.Latest)))
	item(d, "As of:", fmtTime(r.AsOf))
	f := r.Figures.Audits
	s = plural(f.Planned, "audit", "audits") + " planned: " + strconv.Itoa(f.Completed) + " completed, " +
		strconv.Itoa(f.InProgress) + " in progress, " + strconv.Itoa(f.NotStarted) + " not started"
	if f.Terminated > 0 {
		s += ", " + strconv.Itoa(f.Terminated) + " terminated"
	}
	if f.Missed > 0 {
		s += "; " + strconv.Itoa(f.Missed) + " past its window"
	}
	item(d, "Schedule:", s+".")
	a := r.Figures.Actions
	item(d, "Corrective actions:", strconv.Itoa(a.Open)+" open, "+strconv.Itoa(a.Overdue)+" of them overdue; "+strconv.Itoa(a.Closed)+" closed.")
	if c := r.Coverage; c != nil {
		if len(c.Gaps) == 0 {
			item(d, "Coverage:", "every requirement and applicable control is planned as often as required.")
		} else {
			item(d, "Coverage:", plural(len(c.Gaps), "item is", "items are")+" planned less often than required.")
		}
	}
	d.close(blockList)
}

func (l *progLayout) objectives() {
	d, r := l.d, l.r
	d.heading(2, "objectives", "Programme objectives")
	d.open(blockList)
	for _, o := range r.Objectives {
		d.open(blockItem)
		if o.ID != "" {
			d.strong(o.ID + ":")
			d.text(" ")
		}
		d.text(o.Statement)
		if t := o.Target; t.Metric != "" {
			s := " Target: " + t.Metric + " " + words(t.Direction) + " " + strconv.FormatFloat(t.Value, 'f', -1, 64)
			if t.Unit != "" {
				if t.Unit != "%" {
					s += " "
				}
				s += t.Unit
			}
			if !t.Due.IsZero() {
				s += " by " + fmtDate(t.Due)
			}
			d.text(s + ".")
		}
		d.close(blockItem)
	}
	d.close(blockList)
}

func (l *progLayout) schedule() {
	d, r := l.d, l.r
	d.heading(2, "schedule", "Audit schedule")
	d.table("Audit", "Kind", "Auditee", "When", "Days", "Team", "Status")
	for i := range r.Schedule {
		s := &r.Schedule[i]
		d.open(blockRow)
		d.open(blockCell)
		d.text(s.ID)
		if s.Audit != "" && string(s.Audit) != s.ID {
			d.text(" (record " + string(s.Audit) + ")")
		}
		d.close(blockCell)
		tcell(d, lowerFirst(kindTitles[s.Kind]))
		auditee := s.Auditee
		if len(s.Sites) > 0 {
			auditee += ": " + strings.Join(s.Sites, ", ")
		}
		tcell(d, auditee)
		when := "due " + window(s.Due)
		switch {
		case s.Due == (programme.Window{}):
			when = "starts " + fmtDate(s.Start)
		case !s.Start.IsZero():
			when += "; starts " + fmtDate(s.Start)
		}
		tcell(d, when)
		days := ""
		if s.Days > 0 {
			days = strconv.FormatFloat(s.Days, 'f', -1, 64)
		}
		tcell(d, days)
		team := make([]string, len(s.Team))
		for j, m := range s.Team {
			team[j] = memberText(m)
			if m.Role != competence.RoleAuditor {
				team[j] += " (" + words(m.Role) + ")"
			}
		}
		tcell(d, strings.Join(team, ", "))
		d.open(blockCell)
		st := words(s.Status)
		switch s.Status {
		case ScheduleCompleted:
			st += " " + fmtDate(s.CompletedAt) + ", " + words(s.Timing)
		case ScheduleInProgress:
			st += " (" + words(s.AuditState) + ")"
		}
		d.text(st)
		if s.Missed {
			d.text(" ")
			d.badge(badgeOverdue, "past its window")
		}
		d.close(blockCell)
		d.close(blockRow)
	}
	d.endTable()
	if len(r.Cycles) == 0 {
		return
	}
	d.open(blockPara)
	d.strong("Certification cycles")
	d.close(blockPara)
	d.table("Certified organization", "Decision", "Certificate expires", "Audits")
	for _, c := range r.Cycles {
		d.open(blockRow)
		name := c.Auditee
		if c.Initial {
			name += " (initial certification)"
		}
		tcell(d, name)
		tcell(d, fmtDate(c.Decision))
		tcell(d, fmtDate(c.Expiry))
		tcell(d, strings.Join(c.Audits, ", "))
		d.close(blockRow)
	}
	d.endTable()
}

// coverageGroup is one row of the coverage summary: a clause of ISO/IEC
// 27001 or a theme of Annex A.
type coverageGroup struct {
	name          string
	items, enough int
}

var themeNames = map[annexa.Theme]string{
	annexa.Organizational: "A.5 Organizational controls",
	annexa.People:         "A.6 People controls",
	annexa.Physical:       "A.7 Physical controls",
	annexa.Technological:  "A.8 Technological controls",
}

func (l *progLayout) coverage() {
	d, r := l.d, l.r
	c := r.Coverage
	if c == nil {
		return
	}
	d.heading(2, "coverage", "Coverage of clauses and controls")
	var groups []coverageGroup
	index := map[string]int{}
	requirements, controls := 0, 0
	for _, it := range c.Items {
		var name string
		switch it.Ref.Kind {
		case annexa.ClauseRef:
			requirements++
			top, _, _ := strings.Cut(it.Ref.ID, ".")
			name = "Clause " + top
			if cl, err := annexa.LookupClause(top); err == nil {
				name += " " + cl.Title()
			}
		default:
			controls++
			if ct, err := annexa.LookupControl(it.Ref.ID); err == nil {
				name = themeNames[ct.Theme()]
			}
		}
		i, ok := index[name]
		if !ok {
			i = len(groups)
			index[name] = i
			groups = append(groups, coverageGroup{name: name})
		}
		groups[i].items++
		if it.Planned >= it.Required {
			groups[i].enough++
		}
	}
	para(d, "Internal audits planned "+window(c.Period)+", against "+plural(requirements, "requirement", "requirements")+
		" of clauses 4 to 10 and "+plural(controls, "applicable Annex A control", "applicable Annex A controls")+
		" (programme.Coverage): an item is covered when audited at least as often as its risk weight requires (once when not weighted).")
	d.table("Clause or theme", "Items", "Covered", "Gaps")
	for _, g := range groups {
		d.open(blockRow)
		tcell(d, g.name)
		tcell(d, strconv.Itoa(g.items))
		tcell(d, strconv.Itoa(g.enough))
		tcell(d, strconv.Itoa(g.items-g.enough))
		d.close(blockRow)
	}
	d.endTable()
	if len(c.Gaps) == 0 {
		para(d, "No gap: every requirement and applicable control is planned as often as required.")
	} else {
		d.open(blockPara)
		d.strong("Gaps")
		d.close(blockPara)
		d.table("Item", "Title", "Required", "Planned", "Missing", "Rule")
		for _, g := range c.Gaps {
			d.open(blockRow)
			tcell(d, label(g.Ref))
			tcell(d, g.Ref.Title())
			tcell(d, strconv.Itoa(g.Required))
			tcell(d, strconv.Itoa(g.Planned))
			tcell(d, strconv.Itoa(g.Missing))
			tcell(d, string(g.Rule))
			d.close(blockRow)
		}
		d.endTable()
	}
	if len(c.Outside) > 0 {
		para(d, "Not counted, as not certain to fall within the period: "+strings.Join(c.Outside, ", ")+".")
	}
}

func (l *progLayout) figures() {
	d, r := l.d, l.r
	f := r.Figures
	d.heading(2, "figures", "Monitoring figures")
	d.heading(3, "figures-audits", "Audits against plan")
	a := f.Audits
	d.open(blockList)
	item(d, "Planned:", strconv.Itoa(a.Planned))
	item(d, "Due by the date:", strconv.Itoa(a.Due))
	item(d, "Completed:", strconv.Itoa(a.Completed)+" ("+strconv.Itoa(a.OnTime)+" on time, "+strconv.Itoa(a.Early)+" early, "+strconv.Itoa(a.Late)+" late)")
	item(d, "In progress:", strconv.Itoa(a.InProgress))
	item(d, "Not started:", strconv.Itoa(a.NotStarted))
	item(d, "Terminated:", strconv.Itoa(a.Terminated))
	item(d, "Past their window, not completed:", strconv.Itoa(a.Missed))
	item(d, "Audit records not on the schedule:", strconv.Itoa(a.Unscheduled))
	item(d, "Completion rate:", percent(a.CompletionRate())+" of planned audits completed; "+percent(a.OnTimeRate())+" of completed audits on time")
	d.close(blockList)

	d.heading(3, "figures-findings", "Findings")
	k := f.Findings
	d.table("Kind of finding", "Count")
	for _, c := range k.ByKind {
		d.open(blockRow)
		tcell(d, strings.ToLower(findingKindLabel(c.Kind)))
		tcell(d, strconv.Itoa(c.Count))
		d.close(blockRow)
	}
	d.endTable()
	grades := make([]string, 0, len(k.ByGrade)+1)
	for _, g := range k.ByGrade {
		grades = append(grades, strconv.Itoa(g.Count)+" "+string(g.Grade))
	}
	if k.Ungraded > 0 {
		grades = append(grades, strconv.Itoa(k.Ungraded)+" ungraded")
	}
	para(d, plural(k.Nonconformities, "nonconformity", "nonconformities")+": "+strings.Join(grades, ", ")+".")
	if len(k.ByCriterion) == 0 {
		para(d, "No nonconformity has been found yet.")
	} else {
		d.barChart(ncChart(f))
	}

	d.heading(3, "figures-actions", "Corrective actions")
	x := f.Actions
	d.open(blockList)
	item(d, "Started:", strconv.Itoa(x.Total))
	item(d, "Open:", strconv.Itoa(x.Open)+" ("+strconv.Itoa(x.Overdue)+" overdue, "+strconv.Itoa(x.OverdueMajor)+" of them for major nonconformities)")
	item(d, "Closed:", strconv.Itoa(x.Closed))
	t := x.Closure
	if t.Count > 0 {
		item(d, "Closure time:", "mean "+fixed1(t.MeanDays)+" days, median "+fixed1(t.MedianDays)+", 90th percentile "+fixed1(t.P90Days)+
			", shortest "+fixed1(t.MinDays)+", longest "+fixed1(t.MaxDays)+" ("+plural(t.Count, "action", "actions")+" measured)")
	}
	if t.Unmeasured > 0 {
		item(d, "Not measurable:", plural(t.Unmeasured, "closed action records", "closed actions record")+" a verification before the action started")
	}
	d.close(blockList)
	if t.Count == 0 {
		para(d, "No corrective action has been closed yet, so there are no closure times.")
	} else {
		d.histogram(l.closureChart())
	}

	l.feedback()
	l.trend()
}

// ncChart charts the nonconformities by criterion, major and minor
// stacked.
func ncChart(f *programme.Figures) *barChart {
	cs := f.Findings.ByCriterion
	c := &barChart{
		title: "Nonconformities by clause and control", unit: [2]string{"nonconformity", "nonconformities"}, head: "Criterion",
		caption: "Nonconformities found by the date, per ISO/IEC 27001 clause, Annex A control or other criterion they cite; a nonconformity citing two criteria counts for each.",
		labels:  make([]string, len(cs)), titles: make([]string, len(cs)),
	}
	major := series{name: "major", colour: "#b3261e", values: make([]int, len(cs))}
	minor := series{name: "minor", colour: "#e8a33d", values: make([]int, len(cs))}
	ungraded := series{name: "ungraded", colour: "#7a8896", values: make([]int, len(cs))}
	anyUngraded := false
	for i, cc := range cs {
		c.labels[i] = label(cc.Criterion)
		c.titles[i] = cc.Criterion.Title()
		for _, g := range cc.ByGrade {
			switch g.Grade {
			case audit.Major:
				major.values[i] = g.Count
			case audit.Minor:
				minor.values[i] = g.Count
			}
		}
		ungraded.values[i] = cc.Ungraded
		anyUngraded = anyUngraded || cc.Ungraded > 0
	}
	c.series = []series{major, minor}
	if anyUngraded {
		c.series = append(c.series, ungraded)
	}
	return c
}

// closureChart bins the closure times of the closed actions.
func (l *progLayout) closureChart() *histogram {
	var values []float64
	for i := range l.r.Actions {
		if a := &l.r.Actions[i]; !a.Open() && a.Measured() {
			values = append(values, a.ClosureDays)
		}
	}
	h := newHistogram(values)
	h.title = "Closure times of corrective actions"
	h.axis = "days from presentation to verified closure"
	h.unit = [2]string{"action", "actions"}
	h.caption = "Corrective actions closed by the date, by the days from the presentation of the nonconformity to the verification of the action as effective; each bin runs from its lower bound up to, not including, its upper bound."
	t := l.r.Figures.Actions.Closure
	h.markers = []marker{{"median", t.MedianDays}, {"90th percentile", t.P90Days}}
	return &h
}

func (l *progLayout) feedback() {
	d, r := l.d, l.r
	fb := r.Figures.Feedback
	d.heading(3, "figures-feedback", "Feedback on auditors")
	if fb.Count == 0 {
		para(d, "No feedback recorded by the date.")
		return
	}
	para(d, plural(fb.Count, "feedback record", "feedback records")+" on a scale of "+strconv.Itoa(programme.MinFeedbackScore)+
		" to "+strconv.Itoa(programme.MaxFeedbackScore)+": mean "+fixed1(fb.MeanScore)+", median "+fixed1(fb.MedianScore)+".")
	d.table("Auditor", "Records", "Mean", "Median", "Lowest", "Highest")
	for _, s := range fb.ByAuditor {
		d.open(blockRow)
		tcell(d, string(s.Auditor))
		tcell(d, strconv.Itoa(s.Count))
		tcell(d, fixed1(s.MeanScore))
		tcell(d, fixed1(s.MedianScore))
		tcell(d, strconv.Itoa(s.MinScore))
		tcell(d, strconv.Itoa(s.MaxScore))
		d.close(blockRow)
	}
	d.endTable()
}

func (l *progLayout) trend() {
	d, r := l.d, l.r
	f := r.Figures
	if len(f.Trend) == 0 {
		return
	}
	d.heading(3, "figures-trend", "Trend by "+string(f.TrendPeriod))
	d.table("Period", "Audits planned", "Completed", "Findings", "Nonconformities", "Actions started", "Closed", "Open at end", "Overdue at end")
	for _, p := range f.Trend {
		n := 0
		for _, k := range p.Findings.ByKind {
			n += k.Count
		}
		d.open(blockRow)
		tcell(d, p.Label)
		tcell(d, strconv.Itoa(p.Audits.Planned))
		tcell(d, strconv.Itoa(p.Audits.Completed))
		tcell(d, strconv.Itoa(n))
		tcell(d, strconv.Itoa(p.Findings.Nonconformities))
		tcell(d, strconv.Itoa(p.Actions.Total))
		tcell(d, strconv.Itoa(p.Actions.Closed))
		tcell(d, strconv.Itoa(p.Backlog.Open))
		tcell(d, strconv.Itoa(p.Backlog.Overdue))
		d.close(blockRow)
	}
	d.endTable()
}

func criteriaText(cs []AuditCriterion) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.Label
	}
	return strings.Join(s, ", ")
}

func (l *progLayout) actions() {
	d, r := l.d, l.r
	d.heading(2, "open-actions", "Open corrective actions")
	open, closed := 0, 0
	for i := range r.Actions {
		if r.Actions[i].Open() {
			open++
		} else {
			closed++
		}
	}
	if open == 0 {
		para(d, "None: every corrective action started by the date is closed.")
	} else {
		d.table("Audit", "Finding", "Grade", "Criteria", "Corrective action", "Due", "State")
		for i := range r.Actions {
			a := &r.Actions[i]
			if !a.Open() {
				continue
			}
			d.open(blockRow)
			tcell(d, string(a.Audit))
			tcell(d, string(a.Finding))
			tcell(d, string(a.Grade))
			tcell(d, criteriaText(a.Criteria))
			act := a.Action
			if act == "" {
				act = "not yet planned"
			}
			tcell(d, act)
			tcell(d, fmtDate(a.DueAt))
			d.open(blockCell)
			d.text(words(a.State))
			if a.Overdue {
				d.text(" ")
				d.badge(badgeOverdue, "overdue by "+fixed1(a.DaysOverdue)+" days")
			}
			d.close(blockCell)
			d.close(blockRow)
		}
		d.endTable()
	}
	if closed == 0 {
		return
	}
	d.heading(2, "closed-actions", "Closed corrective actions")
	d.table("Audit", "Finding", "Grade", "Criteria", "Started", "Closed", "Days")
	for i := range r.Actions {
		a := &r.Actions[i]
		if a.Open() {
			continue
		}
		d.open(blockRow)
		tcell(d, string(a.Audit))
		tcell(d, string(a.Finding))
		tcell(d, string(a.Grade))
		tcell(d, criteriaText(a.Criteria))
		tcell(d, fmtDate(a.StartedAt))
		tcell(d, fmtDate(a.ClosedAt))
		daysText := "not measurable"
		if a.Measured() {
			daysText = fixed1(a.ClosureDays)
		}
		tcell(d, daysText)
		d.close(blockRow)
	}
	d.endTable()
}

// progMD writes the programme report as Markdown: charts become tables
// of the figures they draw.
type progMD struct {
	mdDoc
}

func (m *progMD) barChart(c *barChart) {
	m.strong(c.title)
	m.o.str("\n\n")
	head := []string{c.head, "Title"}
	for _, s := range c.series {
		head = append(head, upperFirst(s.name))
	}
	head = append(head, "Total")
	m.table(head...)
	for i := range c.labels {
		m.open(blockRow)
		tcell(m, c.labels[i])
		tcell(m, c.titles[i])
		for _, s := range c.series {
			tcell(m, strconv.Itoa(s.values[i]))
		}
		tcell(m, strconv.Itoa(c.total(i)))
		m.close(blockRow)
	}
	m.endTable()
	para(m, c.caption)
}

func (m *progMD) histogram(h *histogram) {
	m.strong(h.title)
	m.o.str("\n\n")
	m.table(upperFirst(h.axis), upperFirst(h.unit[1]))
	for i, n := range h.counts {
		m.open(blockRow)
		tcell(m, h.binLabel(i))
		tcell(m, strconv.Itoa(n))
		m.close(blockRow)
	}
	m.endTable()
	marks := make([]string, len(h.markers))
	for i, k := range h.markers {
		marks[i] = k.name + " " + fixed1(k.value)
	}
	para(m, h.caption+" Marked: "+strings.Join(marks, ", ")+".")
}

// progHTML writes the programme report as the audit report's HTML page,
// with the charts as inline SVG.
type progHTML struct {
	htmlDoc
	charts int // charts written, for element ids
}

// chartStyle adds the charts' rules to the audit report's stylesheet.
const chartStyle = `figure.chart{margin:.6rem 0 1.2rem}
figure.chart svg{display:block;max-width:100%;height:auto;font:12px system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
figcaption{font-size:.9em;color:#4a5560;margin-top:.3rem}
@media print{figure.chart{break-inside:avoid}}
`

func (h *progHTML) begin(title string) {
	h.o.str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
		"<meta name=\"generator\" content=\"ismsaudit\">\n<title>")
	h.o.htmlEscape(title)
	h.o.str("</title>\n<style>\n", htmlStyle, chartStyle, "</style>\n</head>\n<body>\n<main>\n")
}

// svgOpen starts a figure with an SVG of the given size, titled for
// assistive technology.
func (h *progHTML) svgOpen(title string, width, height float64) {
	h.charts++
	id := "chart-" + strconv.Itoa(h.charts)
	w, hh := num(width), num(height)
	h.o.str("<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ", w, " ", hh,
		"\" width=\"", w, "\" height=\"", hh, "\" role=\"img\" aria-labelledby=\"", id, "-title\">\n<title id=\"", id, "-title\">")
	h.o.htmlEscape(title)
	h.o.str("</title>\n")
}

func (h *progHTML) svgClose(caption string) {
	h.o.str("</svg>\n<figcaption>")
	h.o.htmlEscape(caption)
	h.o.str("</figcaption>\n</figure>\n")
	h.o.spill()
}

// svgText writes a text element at (x, y) with the given anchor and
// extra attributes (constants only).
func (h *progHTML) svgText(x, y float64, anchor, attrs, s string) {
	h.o.str(`<text x="`, num(x), `" y="`, num(y), `" text-anchor="`, anchor, `"`, attrs, ">")
	h.o.htmlEscape(s)
	h.o.str("</text>\n")
}

func (h *progHTML) svgLine(x1, y1, x2, y2 float64, attrs string) {
	h.o.str(`<line x1="`, num(x1), `" y1="`, num(y1), `" x2="`, num(x2), `" y2="`, num(y2), `"`, attrs, "/>\n")
}

func (h *progHTML) svgRect(x, y, w, hh float64, fill string) {
	h.o.str(`<rect x="`, num(x), `" y="`, num(y), `" width="`, num(w), `" height="`, num(hh), `" fill="`, fill, "\"/>\n")
}

// niceStep returns a step of 1, 2 or 5 times a power of ten that divides
// 0..top into at most maxTicks steps.
func niceStep(top float64, maxTicks int) float64 {
	for step := 1.0; ; step *= 10 {
		for _, m := range []float64{1, 2, 5} {
			if math.Ceil(top/(m*step)) <= float64(maxTicks) {
				return m * step
			}
		}
	}
}

// axis returns the step and the top of an axis from 0 that holds top
// (at least 1) in at most maxTicks steps; with room, the top is a step
// above the largest value.
func axis(top float64, maxTicks int, room bool) (step, end float64) {
	top = max(top, 1)
	step = niceStep(top, maxTicks)
	end = math.Ceil(top/step) * step
	if room {
		end = (math.Floor(top/step) + 1) * step
	}
	return step, end
}

// Chart geometry, in SVG user units.
const (
	chartWidth   = 720.0
	barLabelW    = 150.0 // the category labels' column
	barTop       = 34.0  // room for the legend
	barRow       = 20.0
	barHeight    = 13.0
	barRight     = 44.0 // room for the totals
	chartBottom  = 30.0 // room for the axis labels
	histTop      = 40.0 // room for the marker labels
	histHeight   = 180.0
	histLeft     = 48.0
	histRight    = 20.0
	labelMaxRune = 22
)

// shorten cuts a label to labelMaxRune characters with an ellipsis, so it
// stays in its column; the full text is in the row's title.
func shorten(s string) string {
	if r := []rune(s); len(r) > labelMaxRune {
		return string(r[:labelMaxRune-1]) + "…"
	}
	return s
}

func (h *progHTML) barChart(c *barChart) {
	n := len(c.labels)
	top := 0.0
	for i := range n {
		top = max(top, float64(c.total(i)))
	}
	step, axisMax := axis(top, 6, false)
	x0, x1 := barLabelW, chartWidth-barRight
	scale := (x1 - x0) / axisMax
	height := barTop + float64(n)*barRow + chartBottom
	h.svgOpen(c.title, chartWidth, height)
	// Legend.
	x := x0
	for _, s := range c.series {
		h.svgRect(x, 8, 12, 12, s.colour)
		h.svgText(x+16, 18, "start", "", s.name)
		x += 16 + 8*float64(len(s.name)) + 18
	}
	// Grid and axis labels.
	base := barTop + float64(n)*barRow
	for k := 0.0; k*step <= axisMax; k++ {
		v := k * step
		gx := x0 + v*scale
		h.svgLine(gx, barTop-4, gx, base, ` stroke="#d9e0e7"`)
		h.svgText(gx, base+16, "middle", ` fill="#4a5560"`, num(v))
	}
	// Bars.
	for i := range n {
		y := barTop + float64(i)*barRow
		tip := c.labels[i]
		if c.titles[i] != "" {
			tip += " " + c.titles[i]
		}
		parts := []string{}
		for _, s := range c.series {
			if s.values[i] > 0 {
				parts = append(parts, strconv.Itoa(s.values[i])+" "+s.name)
			}
		}
		tip += ": " + plural(c.total(i), c.unit[0], c.unit[1]) + " (" + strings.Join(parts, ", ") + ")"
		h.o.str("<g>\n<title>")
		h.o.htmlEscape(tip)
		h.o.str("</title>\n")
		h.svgText(x0-8, y+barHeight-2, "end", "", shorten(c.labels[i]))
		bx := x0
		for _, s := range c.series {
			if v := s.values[i]; v > 0 {
				w := float64(v) * scale
				h.svgRect(bx, y, w, barHeight, s.colour)
				bx += w
			}
		}
		h.svgText(bx+6, y+barHeight-2, "start", "", strconv.Itoa(c.total(i)))
		h.o.str("</g>\n")
	}
	h.svgLine(x0, barTop-4, x0, base, ` stroke="#4a5560"`)
	h.svgClose(c.caption)
}

func (h *progHTML) histogram(hg *histogram) {
	n := len(hg.counts)
	top := 0.0
	for _, c := range hg.counts {
		top = max(top, float64(c))
	}
	step, axisMax := axis(top, 5, true) // room above the tallest bar for its count
	x0, x1 := histLeft, chartWidth-histRight
	y0, y1 := histTop, histTop+histHeight
	binW := (x1 - x0) / float64(n)
	yScale := histHeight / axisMax
	h.svgOpen(hg.title, chartWidth, y1+chartBottom+18)
	for k := 0.0; k*step <= axisMax; k++ {
		v := k * step
		gy := y1 - v*yScale
		h.svgLine(x0, gy, x1, gy, ` stroke="#d9e0e7"`)
		h.svgText(x0-6, gy+4, "end", ` fill="#4a5560"`, num(v))
	}
	for i, c := range hg.counts {
		bx := x0 + float64(i)*binW
		h.o.str("<g>\n<title>")
		h.o.htmlEscape(hg.binLabel(i) + " " + hg.axis + ": " + plural(c, hg.unit[0], hg.unit[1]))
		h.o.str("</title>\n")
		if c > 0 {
			bh := float64(c) * yScale
			h.svgRect(bx+1, y1-bh, binW-2, bh, "#1f4e79")
			h.svgText(bx+binW/2, y1-bh-4, "middle", "", strconv.Itoa(c))
		}
		h.o.str("</g>\n")
	}
	for i := 0; i <= n; i++ {
		h.svgText(x0+float64(i)*binW, y1+16, "middle", ` fill="#4a5560"`, num(float64(i)*hg.width))
	}
	h.svgText((x0+x1)/2, y1+34, "middle", ` fill="#4a5560"`, hg.axis)
	span := float64(n) * hg.width
	for i, m := range hg.markers {
		mx := x0 + m.value/span*(x1-x0)
		h.svgLine(mx, y0-6, mx, y1, ` stroke="#b3261e" stroke-dasharray="4 3"`)
		anchor := "start"
		if mx > (x0+x1)/2 {
			anchor = "end"
		}
		dx := 4.0
		if anchor == "end" {
			dx = -4
		}
		h.svgText(mx+dx, y0-10-float64(i%2)*14, anchor, ` fill="#b3261e"`, m.name+" "+fixed1(m.value))
	}
	h.svgLine(x0, y1, x1, y1, ` stroke="#4a5560"`)
	h.svgClose(hg.caption)
}
