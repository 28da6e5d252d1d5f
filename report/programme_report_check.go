package report

import (
	"fmt"
	"strconv"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
)

// The rules of a programme report's contents (ISO 19011:2018 5.5, 5.6):
// every programme report holds them, and Check cites them as the rule of
// every problem it finds with a content. Never renumber: hosts store
// them.
const (
	// RuleProgrammeObjectives: the report states the programme's
	// objectives, each with a measurable target (5.2).
	RuleProgrammeObjectives ismsaudit.RuleID = "RPT-PROGRAMME-OBJECTIVES"
	// RuleProgrammeSchedule: the report lists the audits planned, with
	// their kind, auditee, dates and how each stands (5.4.3, 5.5).
	RuleProgrammeSchedule ismsaudit.RuleID = "RPT-PROGRAMME-SCHEDULE"
	// RuleProgrammeCoverage: when internal audits are planned, the report
	// says how far they cover every requirement and applicable control
	// over the period (27001 9.2.2).
	RuleProgrammeCoverage ismsaudit.RuleID = "RPT-PROGRAMME-COVERAGE"
	// RuleProgrammeFigures: the report holds the monitoring figures at its
	// date, agreeing with its schedule (5.6).
	RuleProgrammeFigures ismsaudit.RuleID = "RPT-PROGRAMME-FIGURES"
	// RuleProgrammeActions: the report lists the corrective actions
	// started by its date, the open ones first and the overdue ones marked
	// and first among them, agreeing with the figures (5.6, 6.7).
	RuleProgrammeActions ismsaudit.RuleID = "RPT-PROGRAMME-ACTIONS"
	// RuleProgrammeRecordsVerify: a final programme report is built only
	// from a programme and audit records that verify (programme.Verify,
	// audit.Verify); the report of ones that do not is a draft, marked as
	// such in every format and listing the violations (5.6).
	RuleProgrammeRecordsVerify ismsaudit.RuleID = "RPT-PROGRAMME-RECORDS-VERIFY"
)

// programmeReportRules are the rules of a programme report's contents.
var programmeReportRules = []ismsaudit.Rule{
	{ID: RuleProgrammeObjectives, Clause: "19011:5.2", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report states the programme's objectives, each with a measurable target"},
	{ID: RuleProgrammeSchedule, Clause: "19011:5.4.3, 5.5", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report lists the audits planned, with their kind, auditee, dates and how each stands"},
	{ID: RuleProgrammeCoverage, Clause: "27001:9.2.2; 19011:5.4.3", Principle: ismsaudit.PrincipleRiskBased, Text: "when internal audits are planned, the report says how far they cover every requirement and applicable control over the period"},
	{ID: RuleProgrammeFigures, Clause: "19011:5.6", Principle: ismsaudit.PrincipleEvidenceBased, Text: "the report holds the monitoring figures at its date (audits against plan, findings, corrective actions, feedback), agreeing with its schedule"},
	{ID: RuleProgrammeActions, Clause: "19011:5.6, 6.7", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report lists the corrective actions started by its date, the open ones first and the overdue ones marked and first among them, agreeing with the figures"},
	{ID: RuleProgrammeRecordsVerify, Clause: "19011:5.6", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a final programme report is built only from a programme and audit records that verify; the report of ones that do not is a draft, marked as such and listing the violations",
		Basis: "project reading: 5.6 evaluates the programme from its records; figures drawn from records that break the process rules are not reliable, so the report is refused, or marked a draft that says why"},
}

// Check reports, in one *ismsaudit.ValidationError, every piece of content
// the programme report lacks or holds malformed (rule: the content's rule,
// such as RuleProgrammeCoverage) and every shape problem (the shape rules
// ismsaudit.RuleRequired, RuleEnum, RuleUnique, RuleRange and
// RuleUnknown), each with its path in the report
// ("Schedule[3].Status"). It also checks the draft marking (rule
// RuleProgrammeRecordsVerify): a draft lists at least one violation, each
// naming its rule, and a report that lists violations is a draft. A
// problem whose cause lies in the programme or the build options says in
// its detail what to fill. It returns nil for a complete report, draft or
// final.
func (r *ProgrammeReport) Check() error {
	col := newCollector("programme report")
	if r == nil {
		col.Add("", ismsaudit.RuleRequired, "", "no programme report given")
		return col.Err()
	}
	c := &checker{col: col}
	if blank(r.Title) {
		c.add("Title", ismsaudit.RuleRequired, "", "the report's title")
	}
	if blank(string(r.Programme)) {
		c.add("Programme", ismsaudit.RuleRequired, "", "the programme's id (Programme.ID)")
	}
	enumCheck(c, top, "State", r.State, programme.State.IsValid, true)
	if r.AsOf.IsZero() {
		c.add("AsOf", ismsaudit.RuleRequired, "", "the date the report speaks as of")
	}
	if !r.Period.Earliest.IsZero() && !r.Period.Latest.IsZero() && r.Period.Latest.Before(r.Period.Earliest) {
		c.add("Period.Latest", ismsaudit.RuleRange, r.Period.Latest.Format(dateLayout), "the period ends after it starts")
	}
	checkDraft(c, RuleProgrammeRecordsVerify, r.Draft, r.Violations)
	r.checkObjectives(c)
	internal := r.checkSchedule(c)
	r.checkCoverage(c, internal)
	r.checkFigures(c)
	r.checkActions(c)
	return col.Err()
}

func (r *ProgrammeReport) checkObjectives(c *checker) {
	if len(r.Objectives) == 0 {
		c.add("Objectives", RuleProgrammeObjectives, "", "the programme's objectives (Programme.Objectives)")
	}
	for i, o := range r.Objectives {
		a := at{"Objectives", i}
		if blank(o.Statement) {
			c.add(a.p(".Statement"), RuleProgrammeObjectives, string(o.ID), "what the objective is to achieve")
		}
		if blank(o.Target.Metric) || !o.Target.Direction.IsValid() {
			c.add(a.p(".Target"), RuleProgrammeObjectives, string(o.ID), "a measurable target: a metric and whether its value is a floor or a ceiling")
		}
	}
}

// checkSchedule checks the schedule and reports whether it plans internal
// audits.
func (r *ProgrammeReport) checkSchedule(c *checker) (internal bool) {
	if len(r.Schedule) == 0 {
		c.add("Schedule", RuleProgrammeSchedule, "", "the audits the programme plans (Programme.Schedule, Programme.Cycles)")
	}
	ids := make(map[programme.ScheduledAuditID]bool, len(r.Schedule))
	for i := range r.Schedule {
		s := &r.Schedule[i]
		a := at{"Schedule", i}
		switch {
		case blank(string(s.ID)):
			c.add(a.p(".ID"), ismsaudit.RuleRequired, "", "the scheduled audit's id")
		case ids[s.ID]:
			c.add(a.p(".ID"), ismsaudit.RuleUnique, string(s.ID), "scheduled audit ids are unique")
		}
		ids[s.ID] = true
		enumCheck(c, a, ".Kind", s.Kind, annexa.AuditKind.IsValid, true)
		internal = internal || s.Kind == annexa.Internal
		if blank(s.Auditee) {
			c.add(a.p(".Auditee"), RuleProgrammeSchedule, string(s.ID), "the organization audited")
		}
		if s.PlannedDate().IsZero() {
			c.add(a.p(".Due"), RuleProgrammeSchedule, string(s.ID), "when the audit takes place: a due window or a start")
		}
		if !s.Due.Earliest.IsZero() && !s.Due.Latest.IsZero() && s.Due.Latest.Before(s.Due.Earliest) {
			c.add(a.p(".Due.Latest"), ismsaudit.RuleRange, s.Due.Latest.Format(dateLayout), "the window closes after it opens")
		}
		enumCheck(c, a, ".Status", s.Status, ScheduleStatus.IsValid, true)
		if s.Status != ScheduleNotStarted && s.Status.IsValid() && s.Audit == "" {
			c.add(a.p(".Audit"), RuleProgrammeSchedule, string(s.Status), "an audit under way names its record")
		}
		enumCheck(c, a, ".AuditState", s.AuditState, audit.State.IsValid, false)
		if s.Missed != r.missed(s) {
			c.add(a.p(".Missed"), RuleProgrammeSchedule, strconv.FormatBool(s.Missed), "missed exactly when the window closed before the report's date and the audit is neither completed nor terminated")
		}
		switch {
		case s.Status == ScheduleCompleted && (s.CompletedAt.IsZero() || !s.Timing.IsValid()):
			c.add(a.p(".CompletedAt"), RuleProgrammeSchedule, string(s.ID), "a completed audit says when it was completed and how that compares with its window")
		case s.Status != ScheduleCompleted && (!s.CompletedAt.IsZero() || s.Timing != ""):
			c.add(a.p(".Timing"), RuleProgrammeSchedule, string(s.Timing), "only a completed audit has a completion")
		}
		for j, m := range s.Team {
			enumCheck(c, at{a.p(".Team"), j}, ".Role", m.Role, competence.Role.IsValid, true)
			if blank(m.Name) && blank(string(m.Auditor)) {
				c.add(at{a.p(".Team"), j}.p(""), ismsaudit.RuleRequired, "", "a member's name or auditor id")
			}
		}
	}
	return internal
}

func (r *ProgrammeReport) checkCoverage(c *checker, internal bool) {
	cov := r.Coverage
	if cov == nil {
		if internal {
			c.add("Coverage", RuleProgrammeCoverage, "", "the coverage of the internal audits: give a Statement of Applicability (ProgrammeReportOptions.SoA)")
		}
		return
	}
	if len(cov.Items) == 0 {
		c.add("Coverage.Items", RuleProgrammeCoverage, "", "every requirement and applicable control with how often it is audited")
	}
	for i, it := range cov.Items {
		a := at{"Coverage.Items", i}
		if err := it.Ref.Validate(); err != nil || it.Ref.Kind == annexa.DocumentRef {
			c.add(a.p(".Ref"), ismsaudit.RuleEnum, it.Ref.String(), "a clause or an Annex A control")
		}
		if it.Required < 1 || it.Planned < 0 || it.Planned != len(it.Audits) {
			c.add(a.p(".Planned"), RuleProgrammeCoverage, strconv.Itoa(it.Planned), "the audits counted, at least one required")
		}
	}
	items := make(map[annexa.Ref]int, len(cov.Items))
	for i, it := range cov.Items {
		items[it.Ref] = i
	}
	gaps := make(map[annexa.Ref]bool, len(cov.Gaps))
	for i, g := range cov.Gaps {
		a := at{"Coverage.Gaps", i}
		gaps[g.Ref] = true
		k, ok := items[g.Ref]
		switch {
		case !ok:
			c.add(a.p(".Ref"), ismsaudit.RuleUnknown, g.Ref.String(), "a gap is in an item of the coverage")
		case g.Required != cov.Items[k].Required || g.Planned != cov.Items[k].Planned:
			c.add(a.p(".Planned"), RuleProgrammeCoverage, strconv.Itoa(g.Planned), fmt.Sprintf("the item requires %d audits and counts %d", cov.Items[k].Required, cov.Items[k].Planned))
		}
		if g.Missing != g.Required-g.Planned || g.Missing < 1 {
			c.add(a.p(".Missing"), RuleProgrammeCoverage, strconv.Itoa(g.Missing), "required less planned, at least one")
		}
	}
	for i, it := range cov.Items {
		if it.Planned < it.Required && !gaps[it.Ref] {
			c.add("Coverage.Gaps", RuleProgrammeCoverage, it.Ref.String(), fmt.Sprintf("item %d is audited fewer times than required", i))
		}
	}
}

// missed reports whether the scheduled audit is missed at the report's
// date: its window closed before it and the audit is neither completed
// nor terminated.
func (r *ProgrammeReport) missed(s *ProgrammeAudit) bool {
	return r.due(s) && (s.Status == ScheduleNotStarted || s.Status == ScheduleInProgress)
}

// due reports whether the scheduled audit's window closed before the
// report's date.
func (r *ProgrammeReport) due(s *ProgrammeAudit) bool {
	return !s.Due.Latest.IsZero() && s.Due.Latest.Before(r.AsOf)
}

func (r *ProgrammeReport) checkFigures(c *checker) {
	f := r.Figures
	if f == nil {
		c.add("Figures", RuleProgrammeFigures, "", "the monitoring figures (programme.Monitor)")
		return
	}
	if !f.At.Equal(r.AsOf) {
		c.add("Figures.At", RuleProgrammeFigures, f.At.Format(timeLayout), "figures of the report's date")
	}
	if f.Audits.Planned != len(r.Schedule) {
		c.add("Figures.Audits.Planned", RuleProgrammeFigures, strconv.Itoa(f.Audits.Planned), fmt.Sprintf("the schedule lists %d audits", len(r.Schedule)))
	}
	counts := map[ScheduleStatus]int{}
	timings := map[Timing]int{}
	due, missed := 0, 0
	for i := range r.Schedule {
		s := &r.Schedule[i]
		counts[s.Status]++
		if s.Status == ScheduleCompleted {
			timings[s.Timing]++
		}
		if r.due(s) {
			due++
		}
		if s.Missed {
			missed++
		}
	}
	for _, x := range []struct {
		path string
		got  int
		s    ScheduleStatus
	}{
		{"Figures.Audits.Completed", f.Audits.Completed, ScheduleCompleted},
		{"Figures.Audits.InProgress", f.Audits.InProgress, ScheduleInProgress},
		{"Figures.Audits.Terminated", f.Audits.Terminated, ScheduleTerminated},
		{"Figures.Audits.NotStarted", f.Audits.NotStarted, ScheduleNotStarted},
	} {
		if x.got != counts[x.s] {
			c.add(x.path, RuleProgrammeFigures, strconv.Itoa(x.got), fmt.Sprintf("the schedule lists %d audits %s", counts[x.s], words(x.s)))
		}
	}
	for _, x := range []struct {
		path      string
		got, want int
		what      string
	}{
		{"Figures.Audits.OnTime", f.Audits.OnTime, timings[TimingOnTime], "completed on time"},
		{"Figures.Audits.Early", f.Audits.Early, timings[TimingEarly], "completed early"},
		{"Figures.Audits.Late", f.Audits.Late, timings[TimingLate], "completed late"},
		{"Figures.Audits.Due", f.Audits.Due, due, "whose window closed before the report's date"},
		{"Figures.Audits.Missed", f.Audits.Missed, missed, "missed"},
	} {
		if x.got != x.want {
			c.add(x.path, RuleProgrammeFigures, strconv.Itoa(x.got), fmt.Sprintf("the schedule lists %d audits %s", x.want, x.what))
		}
	}
	r.checkFindingFigures(c, &f.Findings)
}

// checkFindingFigures checks that the counts of nonconformities agree:
// in all, by kind, by grade and by criterion.
func (r *ProgrammeReport) checkFindingFigures(c *checker, f *programme.FindingFigures) {
	n := f.Ungraded
	ok := n >= 0
	for _, g := range f.ByGrade {
		ok = ok && g.Count >= 0 && g.Grade.IsValid()
		n += g.Count
	}
	if !ok || n != f.Nonconformities {
		c.add("Figures.Findings.Nonconformities", RuleProgrammeFigures, strconv.Itoa(f.Nonconformities), "the sum of the counts by grade and the ungraded")
	}
	for i, k := range f.ByKind {
		if k.Kind == audit.Nonconformity && k.Count != f.Nonconformities {
			c.add(at{"Figures.Findings.ByKind", i}.p(".Count"), RuleProgrammeFigures, strconv.Itoa(k.Count), fmt.Sprintf("the figures count %d nonconformities", f.Nonconformities))
		}
	}
	for i, cc := range f.ByCriterion {
		a := at{"Figures.Findings.ByCriterion", i}
		if err := cc.Criterion.Validate(); err != nil {
			c.col.Merge(a.p(".Criterion"), ismsaudit.RuleEnum, err)
		}
		n := cc.Ungraded
		ok := n >= 0
		for _, g := range cc.ByGrade {
			ok = ok && g.Count >= 0 && g.Grade.IsValid()
			n += g.Count
		}
		if !ok || n != cc.Nonconformities || n < 1 {
			c.add(a.p(".Nonconformities"), RuleProgrammeFigures, strconv.Itoa(cc.Nonconformities), "at least one, and the sum of the counts by grade and the ungraded")
		}
	}
}

func (r *ProgrammeReport) checkActions(c *checker) {
	type key struct {
		a ismsaudit.AuditID
		f audit.FindingID
	}
	seen := make(map[key]bool, len(r.Actions))
	open, overdue, overdueMajor, closed, measured := 0, 0, 0, 0, 0
	for i := range r.Actions {
		act := &r.Actions[i]
		a := at{"Actions", i}
		if blank(string(act.Audit)) {
			c.add(a.p(".Audit"), ismsaudit.RuleRequired, "", "the audit of the nonconformity")
		}
		if blank(string(act.Finding)) {
			c.add(a.p(".Finding"), ismsaudit.RuleRequired, "", "the nonconformity")
		}
		if k := (key{act.Audit, act.Finding}); seen[k] {
			c.add(a.p(".Finding"), ismsaudit.RuleUnique, string(act.Finding), "one action per nonconformity")
		} else {
			seen[k] = true
		}
		enumCheck(c, a, ".State", act.State, audit.FollowUpState.IsValid, true)
		enumCheck(c, a, ".Grade", act.Grade, audit.Grade.IsValid, false)
		if act.StartedAt.IsZero() || act.StartedAt.After(r.AsOf) {
			c.add(a.p(".StartedAt"), RuleProgrammeActions, string(act.Finding), "started by the report's date")
		}
		if act.Open() {
			open++
			due := !act.DueAt.IsZero() && act.DueAt.Before(r.AsOf)
			if act.Overdue != due || !act.ClosedAt.IsZero() {
				c.add(a.p(".Overdue"), RuleProgrammeActions, strconv.FormatBool(act.Overdue), "an open action is overdue exactly when due before the report's date")
			}
			want := 0.0
			if act.Overdue {
				overdue++
				if act.Grade == audit.Major {
					overdueMajor++
				}
				want = days(r.AsOf.Sub(act.DueAt))
			}
			if act.DaysOverdue != want {
				c.add(a.p(".DaysOverdue"), RuleProgrammeActions, strconv.FormatFloat(act.DaysOverdue, 'f', -1, 64), "the days from the due date to the report's date, for an overdue action")
			}
		} else {
			closed++
			if act.ClosedAt.IsZero() || act.Overdue || act.DaysOverdue != 0 {
				c.add(a.p(".ClosedAt"), RuleProgrammeActions, string(act.Finding), "a closed action says when it closed and is not overdue")
			}
		}
		want := 0.0
		if act.Measured() {
			measured++
			want = days(act.ClosedAt.Sub(act.StartedAt))
		}
		if act.ClosureDays != want {
			c.add(a.p(".ClosureDays"), RuleProgrammeActions, strconv.FormatFloat(act.ClosureDays, 'f', -1, 64), "the days from the start to the closing, for a closed action")
		}
		if i > 0 && compareActions(r.Actions[i-1], *act) > 0 {
			c.add(a.p(""), RuleProgrammeActions, string(act.Finding), "open actions first, the overdue ones first, then closed ones by closing date")
		}
	}
	if f := r.Figures; f != nil {
		fa := &f.Actions
		if fa.Total != open+closed || fa.Open != open || fa.Closed != closed || fa.Overdue != overdue || fa.OverdueMajor != overdueMajor ||
			len(f.OverdueActions) != overdue || fa.Closure.Count != measured || fa.Closure.Unmeasured != closed-measured {
			c.add("Actions", RuleProgrammeActions, fmt.Sprintf("%d open, %d overdue (%d major), %d closed, %d measured", open, overdue, overdueMajor, closed, measured),
				fmt.Sprintf("the figures count %d in all, %d open, %d overdue (%d major, %d listed), %d closed, %d measured, %d unmeasured",
					fa.Total, fa.Open, fa.Overdue, fa.OverdueMajor, len(f.OverdueActions), fa.Closed, fa.Closure.Count, fa.Closure.Unmeasured))
		}
	}
}
