package report

import (
	"io"
	"slices"
	"strconv"
	"strings"
)

// ProgrammeScheduleCSVHeader returns the header row of the schedule that
// WriteProgrammeReport writes in CSV: one row per scheduled audit, in the
// report's order. Several values in a cell are joined by ";"; times are
// RFC 3339, dates YYYY-MM-DD. A draft's CSV has DraftCSVColumn in front of
// these columns.
// Each call returns a new slice: changing it changes no later output.
func ProgrammeScheduleCSVHeader() []string { return slices.Clone(programmeScheduleCSVHeader) }

var programmeScheduleCSVHeader = []string{
	"id", "kind", "auditee", "sites", "clauses", "controls", "due_from", "due_by", "start", "days",
	"team", "audit", "audit_state", "status", "completed", "timing", "missed",
}

func scheduleCSV(w io.Writer, r *ProgrammeReport) error {
	cw := newReportCSV(w, r.Draft)
	cw.head(programmeScheduleCSVHeader...)
	for i := range r.Schedule {
		s := &r.Schedule[i]
		sites := make([]string, len(s.Sites))
		for j, x := range s.Sites {
			sites[j] = cell(string(x))
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
		cw.row(cell(string(s.ID)), string(s.Kind), cell(s.Auditee), strings.Join(sites, ";"), strings.Join(clauses, ";"), strings.Join(controls, ";"),
			fmtDate(s.Due.Earliest), fmtDate(s.Due.Latest), rfc3339(s.Start), days, strings.Join(team, ";"),
			cell(string(s.Audit)), string(s.AuditState), string(s.Status), rfc3339(s.CompletedAt), string(s.Timing), strconv.FormatBool(s.Missed))
	}
	return cw.done()
}
