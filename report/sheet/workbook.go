package sheet

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/report"
)

// The worksheets of an audit workbook, in order (the About sheet comes
// last).
const (
	// FindingsSheet is the findings register: one row per finding.
	FindingsSheet = "Findings"
	// ActionsSheet is the nonconformity action list: one row per
	// nonconformity with its corrective action.
	ActionsSheet = "Nonconformity actions"
	// EvidenceSheet is the evidence log: one row per evidence item the
	// report shows.
	EvidenceSheet = "Evidence"
)

var (
	findingsHeader = []string{
		"ID", "Kind", "Grade", "State", "Criteria", "Criteria titles", "Area", "Requirement", "Found", "Reason",
		"Evidence", "Diverging opinion", "Resolution", "Raised by", "Raised at", "Action state", "Action due", "Overdue",
	}
	findingsWidths = []float64{10, 16, 8, 12, 14, 36, 16, 40, 48, 40, 16, 32, 32, 14, 22, 14, 12, 9}

	actionsHeader = []string{
		"Finding", "Grade", "Finding state", "Criteria", "Area", "Found", "Correction", "Root cause", "Corrective action",
		"Due", "State", "Verified by", "Closed", "Overdue", "Days overdue",
	}
	actionsWidths = []float64{10, 8, 13, 14, 16, 48, 36, 36, 40, 12, 13, 14, 12, 9, 8}

	evidenceHeader = []string{
		"ID", "Source", "Confidentiality", "State", "Description", "Supports", "Collected by", "Collected at",
		"Covers", "Sampling", "Digest", "Supersedes",
	}
	evidenceWidths = []float64{10, 14, 14, 12, 60, 20, 14, 22, 24, 36, 20, 10}
)

// FindingsHeader, ActionsHeader and EvidenceHeader return the header rows
// of the audit workbook's sheets; each call returns a new slice.
func FindingsHeader() []string { return append([]string(nil), findingsHeader...) }

// ActionsHeader returns the header row of the nonconformity action list
// (ActionsSheet).
func ActionsHeader() []string { return append([]string(nil), actionsHeader...) }

// EvidenceHeader returns the header row of the evidence log
// (EvidenceSheet).
func EvidenceHeader() []string { return append([]string(nil), evidenceHeader...) }

// WorkbookOptions adjusts WriteAuditWorkbook. A nil *WorkbookOptions
// means defaults.
type WorkbookOptions struct {
	// ShowRestricted writes restricted evidence items in full. By default
	// a restricted item shows only its id, source, confidentiality, state
	// and collection time, as a recipient's copy of the report shows an
	// item above the recipient's clearance: a workbook travels further
	// than the audit record.
	ShowRestricted bool
}

// WriteAuditWorkbook writes the findings register, the nonconformity
// action list and the evidence log of audit report r (see
// report.BuildAuditReport) as one XLSX workbook with the sheets
// FindingsSheet, ActionsSheet, EvidenceSheet and AboutSheet. Each of the
// first three has a styled, frozen header row (FindingsHeader,
// ActionsHeader, EvidenceHeader), an autofilter, column widths and one
// row per finding, nonconformity or evidence item in the report's order;
// several values in a cell are separated by "; ", times are RFC 3339 and
// dates YYYY-MM-DD. Overdue is as of r.AsOf. The About sheet names the
// audit, its state, the time the report speaks as of, and whether it is
// a draft, with the number of violations.
//
// Evidence the report withholds (a recipient's copy) is shown by
// reference only, and so are restricted items unless opts.ShowRestricted.
//
// The report is checked first (report.AuditReport.Check): an incomplete
// one is refused, as every renderer of the report refuses it, and nothing
// is written. So is a text longer than a cell holds (32,767 characters),
// with an *ismsaudit.ValidationError naming the cell ("Findings!I7"):
// nothing is cut short. The output is the same for the same report.
func WriteAuditWorkbook(w io.Writer, r *report.AuditReport, opts *WorkbookOptions) error {
	if r == nil {
		return &ismsaudit.ValidationError{Pkg: "sheet", Subject: "audit report", Fields: []ismsaudit.FieldError{
			{Rule: ismsaudit.RuleRequired, Detail: "no audit report given"}}}
	}
	if err := r.Check(); err != nil {
		return err
	}
	var o WorkbookOptions
	if opts != nil {
		o = *opts
	}
	f := excelize.NewFile()
	defer f.Close()
	x := xlsxWriter{f: f}
	x.do(f.SetSheetName("Sheet1", FindingsSheet))
	x.table(FindingsSheet, "Findings", findingsHeader, findingsWidths, func(emit func(...any)) {
		actions := actionsOf(r)
		for i := range r.Findings {
			fd := &r.Findings[i]
			labels, titles := criteriaCells(fd.Criteria)
			row := []any{string(fd.ID), string(fd.Kind), string(fd.Grade), string(fd.State), labels, titles, fd.Area, fd.Requirement,
				fd.Found, fd.Reason, evidenceCell(fd.Evidence), fd.DivergingOpinion, fd.Resolution, fd.RaisedBy, timeCell(fd.RaisedAt)}
			if a := actions[fd.ID]; a != nil {
				row = append(row, string(a.State), dateCell(a.DueAt), a.Overdue(r.AsOf))
			} else {
				row = append(row, "", "", "")
			}
			emit(row...)
		}
	})
	x.table(ActionsSheet, "Actions", actionsHeader, actionsWidths, func(emit func(...any)) {
		actions := actionsOf(r)
		for i := range r.Findings {
			fd := &r.Findings[i]
			if fd.Kind != audit.Nonconformity {
				continue
			}
			labels, _ := criteriaCells(fd.Criteria)
			row := []any{string(fd.ID), string(fd.Grade), string(fd.State), labels, fd.Area, fd.Found}
			if a := actions[fd.ID]; a != nil {
				days := 0
				if a.Overdue(r.AsOf) {
					days = int(r.AsOf.Sub(a.DueAt) / (24 * time.Hour))
				}
				row = append(row, a.Correction, a.RootCause, a.Action, dateCell(a.DueAt), string(a.State), a.VerifiedBy,
					dateCell(a.ClosedAt), a.Overdue(r.AsOf), days)
			} else {
				row = append(row, "", "", "", "", "", "", "", false, 0)
			}
			emit(row...)
		}
	})
	x.table(EvidenceSheet, "Evidence", evidenceHeader, evidenceWidths, func(emit func(...any)) {
		for i := range r.Evidence {
			e := &r.Evidence[i]
			row := []any{string(e.ID), string(e.Source), string(e.Confidentiality), string(e.State)}
			if e.Withheld || (e.Confidentiality == audit.ConfidentialityRestricted && !o.ShowRestricted) {
				row = append(row, "withheld: shown by reference only; the full item is kept in the audit record", "", "", timeCell(e.CollectedAt), "", "", "", "")
				emit(row...)
				continue
			}
			supports := make([]string, len(e.Supports))
			for j, s := range e.Supports {
				supports[j] = s.String()
			}
			covers, sampling := "", ""
			if e.Covers != nil {
				covers = strings.TrimSpace(dateCell(e.Covers.From) + " to " + dateCell(e.Covers.To))
			}
			if s := e.Sampling; s != nil {
				sampling = strconv.Itoa(s.SampleSize) + " of " + strconv.Itoa(s.PopulationSize) + " " + s.Population + " (" + string(s.Method)
				if s.Plan != "" {
					sampling += ", plan " + string(s.Plan)
				}
				sampling += ")"
			}
			row = append(row, e.Description, strings.Join(supports, "; "), e.CollectedBy, timeCell(e.CollectedAt), covers, sampling,
				e.Digest, string(e.Supersedes))
			emit(row...)
		}
	})
	_, err := f.NewSheet(AboutSheet)
	x.do(err)
	draft := "no"
	if r.Draft {
		draft = "yes: " + strconv.Itoa(len(r.Violations)) + " violations of the process rules"
	}
	about := [][2]string{
		{"Audit", string(r.Audit)},
		{"Title", r.Title},
		{"Auditee", r.Auditee},
		{"Kind", string(r.Kind)},
		{"State", string(r.State)},
		{"As of", timeCell(r.AsOf)},
		{"Draft", draft},
		{"Confidentiality", r.ConfidentialityStatement},
	}
	for i, kv := range about {
		x.row(AboutSheet, i+1, kv[:])
	}
	x.do(f.SetColWidth(AboutSheet, "A", "A", 16))
	x.do(f.SetColWidth(AboutSheet, "B", "B", 90))
	x.do(f.SetCellStyle(AboutSheet, "A1", "A"+strconv.Itoa(len(about)), x.style(headerStyle(true))))
	x.do(f.SetCellStyle(AboutSheet, "B1", "B"+strconv.Itoa(len(about)), x.style(bodyStyle(true))))
	if x.err != nil {
		return x.err
	}
	return writeWorkbook(w, f)
}

// writeWorkbook writes f to w with its parts in a fixed order: excelize
// writes them in map order, which changes from run to run, and the same
// input must give the same bytes. The parts are copied compressed, not
// compressed again: "[Content_Types].xml" first, then "_rels/.rels",
// then the others by name.
func writeWorkbook(w io.Writer, f *excelize.File) error {
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return err
	}
	rank := func(name string) int {
		switch name {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	parts := slices.Clone(zr.File)
	slices.SortFunc(parts, func(a, b *zip.File) int {
		if c := cmp.Compare(rank(a.Name), rank(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	zw := zip.NewWriter(w)
	for _, p := range parts {
		if err := zw.Copy(p); err != nil {
			return err
		}
	}
	return zw.Close()
}

// actionsOf indexes the report's corrective actions by finding.
func actionsOf(r *report.AuditReport) map[audit.FindingID]*report.AuditAction {
	m := map[audit.FindingID]*report.AuditAction{}
	if r.FollowUp != nil {
		for i := range r.FollowUp.Actions {
			m[r.FollowUp.Actions[i].Finding] = &r.FollowUp.Actions[i]
		}
	}
	return m
}

// criteriaCells returns the labels and the titles of criteria, each
// joined by "; ".
func criteriaCells(cs []report.AuditCriterion) (labels, titles string) {
	l := make([]string, len(cs))
	t := make([]string, len(cs))
	for i, c := range cs {
		l[i], t[i] = c.Label, c.Title
	}
	return strings.Join(l, "; "), strings.Join(t, "; ")
}

// evidenceCell joins evidence ids by "; ".
func evidenceCell(ids []ismsaudit.EvidenceID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, "; ")
}

// timeCell renders a time in RFC 3339, or "" for the zero time.
func timeCell(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// dateCell renders a date as YYYY-MM-DD, or "" for the zero time.
func dateCell(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// xlsxWriter builds a workbook and keeps the first error, so that a
// sequence of calls is checked once at the end.
type xlsxWriter struct {
	f   *excelize.File
	err error
}

// do records err when it is the first.
func (x *xlsxWriter) do(err error) {
	if x.err == nil {
		x.err = err
	}
}

// style registers a style and returns its id (0 after an error).
func (x *xlsxWriter) style(s *excelize.Style) int {
	id, err := x.f.NewStyle(s)
	x.do(err)
	return id
}

// row writes text cells from column A of row n (from 1).
func (x *xlsxWriter) row(sheetName string, n int, cells []string) {
	if x.err != nil {
		return
	}
	v := make([]any, len(cells))
	for i, c := range cells {
		x.fits(sheetName, n, i, c)
		v[i] = c
	}
	x.do(x.f.SetSheetRow(sheetName, "A"+strconv.Itoa(n), &v))
}

// fits records an error for text longer than a cell holds (32,767 UTF-16
// units), which excelize would cut short without a word: a workbook
// loses no text silently.
func (x *xlsxWriter) fits(sheetName string, row, col int, s string) {
	if len(s) <= excelize.TotalCellChars || x.err != nil {
		return
	}
	units := 0
	for _, r := range s {
		units++
		if r >= 0x10000 {
			units++
		}
	}
	if units > excelize.TotalCellChars {
		x.err = &ismsaudit.ValidationError{Pkg: "sheet", Subject: "workbook", Fields: []ismsaudit.FieldError{{
			Path: sheetName + "!" + ColumnName(col) + strconv.Itoa(row), Rule: ismsaudit.RuleRange, Value: strings.ToValidUTF8(s[:64], ""),
			Detail: fmt.Sprintf("the text is longer than the %d characters a cell holds", excelize.TotalCellChars)}}}
	}
}

// table writes a sheet of rows under a styled, frozen header, as a table
// named tableName (which gives the header its autofilter), with the given
// column widths; rows emits the rows.
func (x *xlsxWriter) table(sheetName, tableName string, header []string, widths []float64, rows func(emit func(...any))) {
	if x.err != nil {
		return
	}
	f := x.f
	if !sheetExists(f, sheetName) {
		_, err := f.NewSheet(sheetName)
		x.do(err)
	}
	sw, err := f.NewStreamWriter(sheetName)
	if err != nil {
		x.do(err)
		return
	}
	head := x.style(headerStyle(true))
	body := x.style(bodyStyle(true))
	for i, wd := range widths {
		x.do(sw.SetColWidth(i+1, i+1, wd))
	}
	x.do(sw.SetPanes(frozenHeader()))
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = excelize.Cell{StyleID: head, Value: h}
	}
	x.do(sw.SetRow("A1", cells))
	line := 1
	rows(func(v ...any) {
		if x.err != nil {
			return
		}
		line++
		for i := range v {
			if t, ok := v[i].(string); ok {
				x.fits(sheetName, line, i, t)
			}
			v[i] = excelize.Cell{StyleID: body, Value: v[i]}
		}
		x.do(sw.SetRow("A"+strconv.Itoa(line), v))
	})
	// A table gives the header its filter buttons and the rows light
	// stripes; the cells' own styles stay on top.
	stripes := true
	x.do(sw.AddTable(&excelize.Table{
		Range: "A1:" + ColumnName(len(header)-1) + strconv.Itoa(max(line, 2)), Name: tableName,
		StyleName: "TableStyleLight1", ShowRowStripes: &stripes,
	}))
	x.do(sw.Flush())
}

// sheetExists reports whether the workbook has a sheet of that name.
func sheetExists(f *excelize.File, name string) bool {
	i, err := f.GetSheetIndex(name)
	return err == nil && i >= 0
}

// headerStyle is the style of header cells: bold white on dark blue,
// wrapped, locked when the sheet is protected.
func headerStyle(locked bool) *excelize.Style {
	return &excelize.Style{
		Font:       &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment:  &excelize.Alignment{Vertical: "center", WrapText: true},
		Protection: &excelize.Protection{Locked: locked},
	}
}

// bodyStyle is the style of body cells: wrapped, aligned to the top;
// unlocked cells (the ones an auditor fills in) are shaded light yellow.
func bodyStyle(locked bool) *excelize.Style {
	s := &excelize.Style{
		Alignment:  &excelize.Alignment{Vertical: "top", WrapText: true},
		Protection: &excelize.Protection{Locked: locked},
	}
	if !locked {
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF9E5"}}
		s.Border = []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
			{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	}
	return s
}

// frozenHeader freezes the first row.
func frozenHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}
}
