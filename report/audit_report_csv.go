package report

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
)

// AuditFindingsCSVHeader returns the header row of the findings register
// that WriteAuditReport writes in CSV: one row per finding. Several values in a
// cell are joined by ";"; times are RFC 3339, dates YYYY-MM-DD. A draft's
// CSV has DraftCSVColumn in front of these columns.
// Each call returns a new slice: changing it changes no later output.
func AuditFindingsCSVHeader() []string { return slices.Clone(auditFindingsCSVHeader) }

var auditFindingsCSVHeader = []string{
	"id", "kind", "grade", "state", "criteria", "criteria_titles", "area", "requirement", "found", "reason",
	"evidence", "diverging_opinion", "resolution", "raised_by", "raised_at", "action_state", "action_due", "overdue",
}

// NonconformityActionsCSVHeader returns the header row of
// WriteNonconformityActions: one row per nonconformity with its corrective
// action. A draft's CSV has DraftCSVColumn in front of these columns.
// Each call returns a new slice: changing it changes no later output.
func NonconformityActionsCSVHeader() []string { return slices.Clone(nonconformityActionsCSVHeader) }

var nonconformityActionsCSVHeader = []string{
	"finding", "grade", "finding_state", "criteria", "area", "found", "correction", "root_cause", "action",
	"due", "state", "verified_by", "closed", "overdue", "days_overdue",
}

func criteriaCells(cs []AuditCriterion) (labels, titles string) {
	l := make([]string, len(cs))
	t := make([]string, len(cs))
	for i, c := range cs {
		l[i], t[i] = cell(c.Label), c.Title
	}
	return strings.Join(l, ";"), cell(strings.Join(t, ";"))
}

func evidenceCell(ids []ismsaudit.EvidenceID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = cell(string(id))
	}
	return strings.Join(s, ";")
}

func actionsByFinding(r *AuditReport) map[audit.FindingID]*AuditAction {
	m := map[audit.FindingID]*AuditAction{}
	if r.FollowUp != nil {
		for i := range r.FollowUp.Actions {
			m[r.FollowUp.Actions[i].Finding] = &r.FollowUp.Actions[i]
		}
	}
	return m
}

func findingsCSV(w io.Writer, r *AuditReport) error {
	actions := actionsByFinding(r)
	cw := newReportCSV(w, r.Draft)
	cw.head(auditFindingsCSVHeader...)
	for i := range r.Findings {
		f := &r.Findings[i]
		labels, titles := criteriaCells(f.Criteria)
		state, due, overdue := "", "", ""
		if a := actions[f.ID]; a != nil {
			state, due, overdue = string(a.State), fmtDate(a.DueAt), strconv.FormatBool(a.Overdue(r.AsOf))
		}
		cw.row(cell(string(f.ID)), string(f.Kind), string(f.Grade), string(f.State), labels, titles,
			cell(f.Area), cell(f.Requirement), cell(f.Found), cell(f.Reason), evidenceCell(f.Evidence),
			cell(f.DivergingOpinion), cell(f.Resolution), cell(f.RaisedBy), rfc3339(f.RaisedAt), state, due, overdue)
	}
	return cw.done()
}

// WriteNonconformityActions writes the nonconformity action list of report
// r as CSV with NonconformityActionsCSVHeader: one row per nonconformity,
// in the report's order, with its correction, root cause, corrective
// action, due date and state, and whether it is overdue at r.AsOf (still
// open after its due date) and by how many whole days. A nonconformity
// whose follow-up has not started has empty action cells. A draft's rows
// start with DraftCSVColumn. The report is checked first; an incomplete
// one is refused and nothing is written.
func WriteNonconformityActions(w io.Writer, r *AuditReport) error {
	if err := r.Check(); err != nil {
		return err
	}
	actions := actionsByFinding(r)
	cw := newReportCSV(w, r.Draft)
	cw.head(nonconformityActionsCSVHeader...)
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Kind != audit.Nonconformity {
			continue
		}
		labels, _ := criteriaCells(f.Criteria)
		row := []string{cell(string(f.ID)), string(f.Grade), string(f.State), labels, cell(f.Area), cell(f.Found)}
		if a := actions[f.ID]; a != nil {
			days := 0
			if a.Overdue(r.AsOf) {
				days = int(r.AsOf.Sub(a.DueAt) / (24 * time.Hour))
			}
			row = append(row, cell(a.Correction), cell(a.RootCause), cell(a.Action), fmtDate(a.DueAt), string(a.State),
				cell(a.VerifiedBy), fmtDate(a.ClosedAt), strconv.FormatBool(a.Overdue(r.AsOf)), strconv.Itoa(days))
		} else {
			row = append(row, "", "", "", "", "", "", "", "false", "0")
		}
		cw.row(row...)
	}
	return cw.done()
}
