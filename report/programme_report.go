package report

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/programme"
)

// ProgrammeReport is the status of an audit programme at a date (ISO
// 19011:2018 5.5 to 5.6): what it set out to achieve, the audits it
// schedules with their dates, kinds, auditees, teams and status, how far
// its internal audits cover the requirements and the applicable Annex A
// controls, the monitoring figures, and the corrective actions still open
// (those overdue first). BuildProgrammeReport makes it from a programme and
// its audit records; Check names whatever required content is missing; the
// renderer (WriteProgrammeReport) checks it first and writes nothing when
// it is incomplete.
//
// A report built from a programme or audit records that do not verify
// (programme.Verify, audit.Verify) is a draft when the host asks for one
// (ProgrammeReportOptions.Draft): Draft is set and Violations lists why,
// and every format marks it (see WriteProgrammeReport). Without the
// request such records are refused (rule RuleProgrammeRecordsVerify).
//
// The report is a snapshot: it shares no memory with the programme or the
// records, and changing one never changes the other. It encodes to JSON and
// back losslessly (DecodeProgrammeReport reads it).
type ProgrammeReport struct {
	// DocumentKind and FormatVersion are the document's envelope (see
	// ismsaudit.DocumentKind): ismsaudit.KindProgrammeReport and the format version
	// the record was read or made in. The constructors and the decoder set
	// them; the library's operations neither read nor change them.
	DocumentKind  ismsaudit.DocumentKind  `json:"documentKind,omitempty"`
	FormatVersion ismsaudit.FormatVersion `json:"formatVersion,omitempty"`
	// Title heads the report, e.g. "Audit programme status: ISMS-AP-2026".
	Title string `json:"title"`
	// Draft marks a report built from records that do not verify, and
	// Violations are their violations of the process rules: the
	// programme's at their paths in the programme, an audit record's at
	// "Audits[i]." and its path, i the record's position among those
	// given to BuildProgrammeReport. A draft lists at least one; a final
	// report lists none (rule RuleProgrammeRecordsVerify).
	Draft      bool                   `json:"draft,omitempty"`
	Violations []ismsaudit.FieldError `json:"violations,omitempty"`
	// Programme, Version and State identify the programme and where its
	// lifecycle stood.
	Programme ismsaudit.ProgrammeID `json:"programme"`
	Version   int                   `json:"version"`
	State     programme.State       `json:"state"`
	// AsOf is the date the report speaks as of: records dated later are not
	// yet known, and an action still open after its due date is overdue.
	AsOf time.Time `json:"asOf"`
	// Period is the period the programme covers (its extent).
	Period programme.Window `json:"period"`
	// Objectives are the programme's objectives with their targets (5.2).
	Objectives []programme.Objective `json:"objectives"`
	// Cycles summarises the certification cycles the programme runs.
	Cycles []ProgrammeCycle `json:"cycles,omitempty"`
	// Schedule lists every audit the programme plans, its own schedule and
	// its cycles' audits together, by planned date (then id); undated
	// audits last.
	Schedule []ProgrammeAudit `json:"schedule"`
	// Coverage says how far the internal audits of the schedule cover the
	// requirements and the applicable controls over the period
	// (programme.Coverage); nil when no Statement of Applicability was
	// given.
	Coverage *programme.CoverageReport `json:"coverage,omitempty"`
	// Figures are the monitoring figures at AsOf (programme.Monitor).
	Figures *programme.Figures `json:"figures,omitempty"`
	// Actions lists every corrective action started by AsOf: the open ones
	// first (overdue ones first, the most overdue first, then by due date),
	// then the closed ones by closing date.
	Actions []ProgrammeAction `json:"actions"`
}

// ProgrammeCycle summarises one certification cycle (programme.Cycle):
// the certified organization, the certification decision, the expiry of
// the certificate and the ids of its audits in date order.
type ProgrammeCycle struct {
	Auditee  string                       `json:"auditee"`
	Initial  bool                         `json:"initial,omitempty"`
	Decision time.Time                    `json:"decision"`
	Expiry   time.Time                    `json:"expiry"`
	Audits   []programme.ScheduledAuditID `json:"audits,omitempty"`
}

// ProgrammeAudit is one scheduled audit and how it stands at the report's
// date. The first fields mean what those of programme.ScheduledAudit
// mean.
type ProgrammeAudit struct {
	ID       programme.ScheduledAuditID `json:"id"`
	Kind     annexa.AuditKind           `json:"kind"`
	Auditee  string                     `json:"auditee"`
	Sites    []programme.SiteID         `json:"sites,omitempty"`
	Clauses  []annexa.ClauseID          `json:"clauses,omitempty"`
	Controls []annexa.ControlID         `json:"controls,omitempty"`
	Due      programme.Window           `json:"due"`
	Start    time.Time                  `json:"start,omitzero"`
	Days     float64                    `json:"days,omitempty"`
	// Team is the audit team: the record's team once the audit record has
	// one, else the team the programme selected, if any, whose members'
	// names are empty unless the pool given to BuildProgrammeReport names
	// them.
	Team []AuditTeamMember `json:"team,omitempty"`
	// Audit is the id of the audit record, once it exists; AuditState is
	// where its lifecycle stood at the report's date.
	Audit      ismsaudit.AuditID `json:"audit,omitempty"`
	AuditState audit.State       `json:"auditState,omitempty"`
	// Status says how the audit stands; CompletedAt and Timing, for a
	// completed audit, when it was completed and how that compares with
	// the due window.
	Status      ScheduleStatus `json:"status"`
	CompletedAt time.Time      `json:"completedAt,omitzero"`
	Timing      Timing         `json:"timing,omitempty"`
	// Missed is set when the due window closed before the report's date
	// and the audit is neither completed nor terminated: the schedule was
	// not kept.
	Missed bool `json:"missed,omitempty"`
}

// PlannedDate is when the audit is planned: its Start, else the start of
// its due window, else the end of it; zero for an undated audit.
func (a *ProgrammeAudit) PlannedDate() time.Time {
	switch {
	case !a.Start.IsZero():
		return a.Start
	case !a.Due.Earliest.IsZero():
		return a.Due.Earliest
	}
	return a.Due.Latest
}

// ProgrammeAction is one corrective action (the follow-up of a
// nonconformity, ISO 19011:2018 6.7) as it stands at the report's date.
// An action starts when its nonconformity is presented to the auditee
// (failing a presentation, when the finding was raised) and closes when it
// is verified effective, as programme.Monitor counts them.
type ProgrammeAction struct {
	// Audit and Finding identify the nonconformity; Grade, Criteria and
	// Found are the finding's.
	Audit    ismsaudit.AuditID `json:"audit"`
	Finding  audit.FindingID   `json:"finding"`
	Grade    audit.Grade       `json:"grade,omitempty"`
	Criteria []AuditCriterion  `json:"criteria,omitempty"`
	Found    string            `json:"found,omitempty"`
	// Action is the corrective action planned, if any; DueAt its due date.
	Action string    `json:"action,omitempty"`
	DueAt  time.Time `json:"dueAt,omitzero"`
	// State is the follow-up's state at the report's date.
	State audit.FollowUpState `json:"state"`
	// StartedAt is when the action started; ClosedAt when it was verified
	// effective (zero while open).
	StartedAt time.Time `json:"startedAt"`
	ClosedAt  time.Time `json:"closedAt,omitzero"`
	// ClosureDays is the closure time in days of 24 hours, for a closed
	// action whose closing is not before its start (otherwise 0).
	ClosureDays float64 `json:"closureDays,omitempty"`
	// Overdue is set for an open action due before the report's date;
	// DaysOverdue says by how many days of 24 hours.
	Overdue     bool    `json:"overdue,omitempty"`
	DaysOverdue float64 `json:"daysOverdue,omitempty"`
}

// Open reports whether the action was not yet verified effective at the
// report's date.
func (a *ProgrammeAction) Open() bool { return a.State != audit.FollowUpClosed }

// Measured reports whether the action has a closure time: it is closed,
// and its closing does not precede its start.
func (a *ProgrammeAction) Measured() bool {
	return !a.ClosedAt.IsZero() && !a.ClosedAt.Before(a.StartedAt)
}

// ScheduleStatus says how a scheduled audit stands at a date, as
// programme.Monitor counts audits.
//
//ismsaudit:enum ScheduleStatuses
type ScheduleStatus string

// The ScheduleStatus values. Never reorder.
const (
	ScheduleNotStarted ScheduleStatus = "not-started" // no audit record by the date (19011:5.5)
	ScheduleInProgress ScheduleStatus = "in-progress" // the record exists and is neither completed nor terminated (19011:6)
	ScheduleCompleted  ScheduleStatus = "completed"   // the record's complete event is on or before the date (19011:6.6)
	ScheduleTerminated ScheduleStatus = "terminated"  // stopped before completion (19011:6.4.4)
)

// Timing says when a completed audit was completed against its due
// window, bounds included (a zero bound does not limit).
//
//ismsaudit:enum Timings
type Timing string

// The Timing values. Never reorder.
const (
	TimingOnTime Timing = "on-time" // within the due window (19011:5.6)
	TimingEarly  Timing = "early"   // before the window opened (19011:5.6)
	TimingLate   Timing = "late"    // after the window closed (19011:5.6)
)

// ProgrammeReportOptions adjusts BuildProgrammeReport. A nil
// *ProgrammeReportOptions means defaults.
type ProgrammeReportOptions struct {
	// AsOf is the date the report speaks as of; zero means the latest time
	// found in the programme's history and the audit records' histories.
	AsOf time.Time
	// Title replaces the default title ("Audit programme status: <id>").
	Title string
	// SoA is the Statement of Applicability the coverage of clauses and
	// controls is measured against; without one the report has no
	// coverage, which Check requires when the programme plans internal
	// audits.
	SoA *annexa.SoA
	// Period is the period coverage is measured over; zero means the
	// programme's extent (Extent.Start to Extent.End).
	Period programme.Window
	// Weights are the risk weights of coverage (programme.Coverage).
	Weights []programme.CoverageWeight
	// Feedback is the feedback on auditors that monitoring summarises.
	Feedback []programme.AuditorFeedback
	// Trend, when set, adds the monitoring figures per period.
	Trend programme.Period
	// Pool, when given, names the members of teams the programme selected
	// for audits that have no record yet.
	Pool *competence.Pool
	// Verify configures the audit.Verify run on each audit record; nil
	// means defaults. A zero At means the report's AsOf.
	Verify *audit.VerifyOptions
	// Draft asks for a draft when the programme or an audit record does
	// not verify: the report is built, marked as a draft and listing the
	// violations, instead of refused. Records that verify give a final
	// report whatever Draft says.
	Draft bool
}

// BuildProgrammeReport builds the status report of programme p at a date
// from its audit records (the records its scheduled audits refer to, and
// any others of the programme, which count as unscheduled). It computes
// the coverage with programme.Coverage (when opts.SoA is given) and the
// figures with programme.Monitor, and reads each record's history up to the
// date for the schedule's status and the corrective actions. Input those
// functions refuse, or a programme without an id or a valid state, comes
// back as one *ismsaudit.ValidationError (unknown references unwrap to ismsaudit.ErrNotFound as
// well); nothing given is changed.
//
// The programme and the records are verified first (programme.Verify, and
// audit.Verify with opts.Verify and the report's date as its time). When
// any does not verify the report is refused with an *UnverifiedError
// citing RuleProgrammeRecordsVerify, which unwraps to ErrUnverified and to
// a *ismsaudit.ValidationError naming every violation (a record's at
// "Audits[i]."); with opts.Draft the report is built instead, as a draft
// (ProgrammeReport.Draft) listing the violations.
//
// Building does not require the report to be complete: Check names the
// required content still missing, and the renderer refuses an incomplete
// report.
func BuildProgrammeReport(p *programme.Programme, audits []*audit.Audit, opts *ProgrammeReportOptions) (*ProgrammeReport, error) {
	col := newCollector("programme")
	if p == nil {
		col.Add("", ismsaudit.RuleRequired, "", "no programme given")
		return nil, col.Err()
	}
	if p.ID == "" {
		col.Add("ID", ismsaudit.RuleRequired, "", "the programme's id")
	}
	if !p.State.IsValid() {
		col.Add("State", ismsaudit.RuleEnum, string(p.State), "not a programme state")
	}
	var o ProgrammeReportOptions
	if opts != nil {
		o = *opts
	}
	if o.Trend != "" && !o.Trend.IsValid() {
		col.Add("Trend", ismsaudit.RuleEnum, string(o.Trend), "month, quarter or year")
	}
	for i, a := range audits {
		if a == nil {
			col.Add(errs.Index("Audits", i), ismsaudit.RuleRequired, "", "an audit record")
		}
	}
	if err := col.Err(); err != nil {
		return nil, err
	}
	if o.AsOf.IsZero() {
		o.AsOf = latestTime(p, audits)
	}
	violations, err := verifyProgramme(p, audits, o.Verify, o.AsOf)
	if err != nil && !o.Draft {
		return nil, err
	}
	schedule := slices.Clone(p.Schedule)
	for _, c := range p.Cycles {
		schedule = append(schedule, c.Audits...)
	}
	figures, err := programme.Monitor(programme.MonitorInput{At: o.AsOf, Schedule: schedule, Audits: audits, Feedback: o.Feedback, Trend: o.Trend})
	if err != nil {
		return nil, err
	}
	r := &ProgrammeReport{
		DocumentKind: ismsaudit.KindProgrammeReport, FormatVersion: ismsaudit.KindProgrammeReport.FormatVersion(),
		Title: o.Title, Draft: len(violations) > 0, Violations: violations,
		Programme: p.ID, Version: p.Version, State: p.State, AsOf: o.AsOf,
		Period:     programme.Window{Earliest: p.Extent.Start, Latest: p.Extent.End},
		Objectives: slices.Clone(p.Objectives),
		Figures:    figures,
	}
	if r.Title == "" {
		r.Title = "Audit programme status: " + string(p.ID)
	}
	if r.Objectives == nil {
		r.Objectives = []programme.Objective{}
	}
	if o.SoA != nil {
		period := o.Period
		if period.Earliest.IsZero() && period.Latest.IsZero() {
			period = r.Period
		}
		cov, err := programme.Coverage(schedule, o.SoA, period, o.Weights)
		if err != nil {
			return nil, err
		}
		r.Coverage = &cov
	}
	for _, c := range p.Cycles {
		pc := ProgrammeCycle{Auditee: c.Auditee, Initial: c.Initial, Decision: c.Decision, Expiry: c.Expiry}
		for _, a := range c.Audits {
			pc.Audits = append(pc.Audits, a.ID)
		}
		r.Cycles = append(r.Cycles, pc)
	}
	records := make(map[ismsaudit.AuditID]*audit.Audit, len(audits))
	for _, a := range audits {
		records[a.ID] = a
	}
	r.Schedule = make([]ProgrammeAudit, 0, len(schedule))
	for i := range schedule {
		r.Schedule = append(r.Schedule, scheduledAudit(&schedule[i], records[schedule[i].Audit], o))
	}
	slices.SortStableFunc(r.Schedule, func(a, b ProgrammeAudit) int {
		da, db := a.PlannedDate(), b.PlannedDate()
		if da.IsZero() != db.IsZero() {
			if da.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Or(da.Compare(db), strings.Compare(string(a.ID), string(b.ID)))
	})
	r.Actions = programmeActions(audits, o.AsOf)
	return r, nil
}

// latestTime is the latest time of the programme's and the records'
// histories (or of their creation), the default date of a report.
func latestTime(p *programme.Programme, audits []*audit.Audit) time.Time {
	t := p.CreatedAt
	later := func(u time.Time) {
		if u.After(t) {
			t = u
		}
	}
	for _, e := range p.History {
		later(e.At)
	}
	for _, a := range audits {
		later(a.CreatedAt)
		for _, e := range a.History {
			later(e.At)
		}
		for _, u := range a.FollowUps {
			for _, e := range u.History {
				later(e.At)
			}
		}
	}
	return t
}

// scheduledAudit makes the report's view of scheduled audit s, whose
// record (nil when none) is rec.
func scheduledAudit(s *programme.ScheduledAudit, rec *audit.Audit, o ProgrammeReportOptions) ProgrammeAudit {
	at := o.AsOf
	pa := ProgrammeAudit{
		ID: s.ID, Kind: s.Kind, Auditee: s.Auditee, Sites: slices.Clone(s.Sites),
		Clauses: slices.Clone(s.Clauses), Controls: slices.Clone(s.Controls),
		Due: s.Due, Start: s.Start, Days: s.Days, Audit: s.Audit, Status: ScheduleNotStarted,
	}
	if rec != nil && !rec.CreatedAt.After(at) {
		pa.AuditState = audit.StateInitiation
		pa.Status = ScheduleInProgress
		for _, e := range rec.History {
			if e.At.After(at) {
				continue
			}
			pa.AuditState = e.To
			switch e.Event {
			case audit.EventComplete:
				if pa.CompletedAt.IsZero() || e.At.Before(pa.CompletedAt) {
					pa.CompletedAt = e.At
				}
			case audit.EventTerminate:
				if pa.CompletedAt.IsZero() {
					pa.Status = ScheduleTerminated
				}
			}
		}
		if !pa.CompletedAt.IsZero() {
			pa.Status = ScheduleCompleted
			switch {
			case !s.Due.Earliest.IsZero() && pa.CompletedAt.Before(s.Due.Earliest):
				pa.Timing = TimingEarly
			case !s.Due.Latest.IsZero() && pa.CompletedAt.After(s.Due.Latest):
				pa.Timing = TimingLate
			default:
				pa.Timing = TimingOnTime
			}
		}
		for _, m := range rec.Team {
			pa.Team = append(pa.Team, AuditTeamMember{Name: m.Name, Role: m.Role, Auditor: m.Auditor, Organization: m.Organization})
		}
	}
	pa.Missed = !s.Due.Latest.IsZero() && s.Due.Latest.Before(at) &&
		(pa.Status == ScheduleNotStarted || pa.Status == ScheduleInProgress)
	if len(pa.Team) == 0 && s.Team != nil {
		for _, m := range s.Team.Members {
			tm := AuditTeamMember{Role: competence.Role(m.Role), Auditor: m.Auditor}
			if o.Pool != nil {
				if a, ok := o.Pool.Auditor(m.Auditor); ok {
					tm.Name = a.Name
				}
			}
			pa.Team = append(pa.Team, tm)
		}
	}
	return pa
}

// programmeActions lists the corrective actions of the records started by
// at, as programme.Monitor counts them, in the report's order.
func programmeActions(audits []*audit.Audit, at time.Time) []ProgrammeAction {
	out := []ProgrammeAction{}
	for _, a := range audits {
		byID := make(map[audit.FindingID]int, len(a.Findings))
		for i := range a.Findings {
			if _, dup := byID[a.Findings[i].ID]; !dup {
				byID[a.Findings[i].ID] = i
			}
		}
		for k := range a.FollowUps {
			u := &a.FollowUps[k]
			f := &a.Findings[byID[u.Finding]]
			start := f.RaisedAt
			if presented, ok := f.PresentedAt(); ok {
				start = presented
			}
			if start.After(at) {
				continue
			}
			act := ProgrammeAction{
				Audit: a.ID, Finding: u.Finding, Grade: f.Grade, Found: f.Found, Action: u.Action, DueAt: u.DueAt,
				State: audit.FollowUpPlanning, StartedAt: start,
			}
			for _, ref := range f.Criteria {
				act.Criteria = append(act.Criteria, AuditCriterion{Ref: ref, Label: label(ref), Title: ref.Title()})
			}
			for _, e := range u.History {
				if e.At.After(at) {
					continue
				}
				act.State = e.To
				if e.Event == audit.FollowUpVerifyEffective && act.ClosedAt.IsZero() {
					act.ClosedAt = e.At
				}
			}
			switch {
			case !act.ClosedAt.IsZero():
				act.State = audit.FollowUpClosed
				if act.Measured() {
					act.ClosureDays = days(act.ClosedAt.Sub(act.StartedAt))
				}
			case !u.DueAt.IsZero() && u.DueAt.Before(at):
				act.Overdue, act.DaysOverdue = true, days(at.Sub(u.DueAt))
			}
			out = append(out, act)
		}
	}
	slices.SortStableFunc(out, compareActions)
	return out
}

// compareActions orders actions: open before closed; open ones overdue
// first, by due date (undated last); closed ones by closing date; then by
// audit and finding.
func compareActions(a, b ProgrammeAction) int {
	if ao, bo := a.Open(), b.Open(); ao != bo {
		if ao {
			return -1
		}
		return 1
	}
	if a.Open() {
		if a.Overdue != b.Overdue {
			if a.Overdue {
				return -1
			}
			return 1
		}
		if a.DueAt.IsZero() != b.DueAt.IsZero() {
			if a.DueAt.IsZero() {
				return 1
			}
			return -1
		}
		if c := a.DueAt.Compare(b.DueAt); c != 0 {
			return c
		}
	} else if c := a.ClosedAt.Compare(b.ClosedAt); c != 0 {
		return c
	}
	return cmp.Or(strings.Compare(string(a.Audit), string(b.Audit)), strings.Compare(string(a.Finding), string(b.Finding)))
}

// days converts a duration to days of 24 hours.
func days(d time.Duration) float64 { return float64(d) / float64(24*time.Hour) }
