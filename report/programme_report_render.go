package report

import (
	"io"
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
// (the model itself, which DecodeProgrammeReport reads back) or CSV (the
// schedule, one row per audit, with ProgrammeScheduleCSVHeader). A draft
// is marked as a draft in every format, with its violations wherever the
// format has room for them (see ProgrammeReport.Draft and
// DraftCSVColumn). The report is checked first: an incomplete or invalid one is refused with the
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
		m := &programmeMarkdown{mdDoc: mdDoc{o: newObuf(w)}}
		layoutProgrammeReport(m, r)
		return m.o.flush()
	case HTML:
		h := &programmeHTML{htmlDoc: htmlDoc{o: newObuf(w), style: chartStyle}}
		if r.Draft {
			h.style += draftStyle
		}
		layoutProgrammeReport(h, r)
		return h.o.flush()
	case JSON:
		return writeJSON(w, r)
	}
	return scheduleCSV(w, r)
}

// memberText names a team member: the name, else the auditor id.
func memberText(m AuditTeamMember) string {
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

// programmeLayout writes a checked programme report.
type programmeLayout struct {
	d programmeDoc
	r *ProgrammeReport
}

// layoutProgrammeReport writes a checked report to d.
func layoutProgrammeReport(d programmeDoc, r *ProgrammeReport) {
	l := programmeLayout{d: d, r: r}
	title := draftTitle(r.Title, r.Draft)
	d.begin(title)
	d.heading(1, "top", title)
	if r.Draft {
		draftNotice(d, "the programme and audit records it was built from do not verify", RuleProgrammeRecordsVerify, r.Violations,
			" (the path of a violation in an audit record starts at Audits[i], i the record's position, from 0, among those the report was built from)")
	}
	l.summary()
	l.objectives()
	l.schedule()
	l.coverage()
	l.figures()
	l.actions()
	d.end()
}

func (l *programmeLayout) summary() {
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

func (l *programmeLayout) objectives() {
	d, r := l.d, l.r
	d.heading(2, "objectives", "Programme objectives")
	d.open(blockList)
	for _, o := range r.Objectives {
		d.open(blockItem)
		if o.ID != "" {
			d.strong(string(o.ID) + ":")
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

func (l *programmeLayout) schedule() {
	d, r := l.d, l.r
	d.heading(2, "schedule", "Audit schedule")
	d.table("Audit", "Kind", "Auditee", "When", "Days", "Team", "Status")
	for i := range r.Schedule {
		s := &r.Schedule[i]
		d.open(blockRow)
		d.open(blockCell)
		d.text(string(s.ID))
		if s.Audit != "" && string(s.Audit) != string(s.ID) {
			d.text(" (record " + string(s.Audit) + ")")
		}
		d.close(blockCell)
		tcell(d, lowerFirst(kindTitles[s.Kind]))
		auditee := s.Auditee
		if len(s.Sites) > 0 {
			auditee += ": " + join(s.Sites, ", ")
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
		tcell(d, join(c.Audits, ", "))
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

func (l *programmeLayout) coverage() {
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
		para(d, "Not counted, as not certain to fall within the period: "+join(c.Outside, ", ")+".")
	}
}

func (l *programmeLayout) figures() {
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
		tcell(d, findingKindWords(c.Kind))
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
func (l *programmeLayout) closureChart() *histogram {
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

func (l *programmeLayout) feedback() {
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

func (l *programmeLayout) trend() {
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

func (l *programmeLayout) actions() {
	d, r := l.d, l.r
	d.heading(2, "open-actions", "Open corrective actions")
	anyOpen, anyClosed := false, false
	for i := range r.Actions {
		if r.Actions[i].Open() {
			anyOpen = true
		} else {
			anyClosed = true
		}
	}
	if !anyOpen {
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
	if !anyClosed {
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
