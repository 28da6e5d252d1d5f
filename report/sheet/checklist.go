package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
)

// The worksheets of a checklist workbook.
const (
	// ChecklistSheet holds one row per checklist item.
	ChecklistSheet = "Checklist"
	// AboutSheet names the audit the workbook was written for; the reader
	// refuses a workbook written for another audit.
	AboutSheet = "About"
)

// RuleChecklistAudit is the rule a checklist workbook breaks when it was
// not written for the audit it is read into: its About sheet is missing
// or names another audit. Problem.Rule cites it.
const RuleChecklistAudit ismsaudit.RuleID = "SHT-CHECKLIST-AUDIT"

// The columns of the checklist sheet, in order.
const (
	itemRef = iota
	itemTitle
	itemQuestions
	itemHints
	itemResult
	itemNotes
	itemEvidence
	itemReason
	itemColumns
)

var checklistHeader = [itemColumns]string{
	"Ref", "Title", "Questions", "Evidence hints", "Result", "Notes", "Evidence refs", "Not audited because",
}

// ChecklistHeader returns the header row of a checklist workbook or CSV:
// Ref, Title, Questions, Evidence hints (what the item is; locked in the
// workbook), then Result, Notes, Evidence refs and Not audited because
// (what the auditor fills in). Each call returns a new slice.
func ChecklistHeader() []string { return slices.Clone(checklistHeader[:]) }

// Applied says what reading a filled checklist did with its rows, so
// that no row is dropped unnoticed.
type Applied struct {
	// Assessed and NotAudited count the rows recorded: a result, or a
	// reason why the item was not audited.
	Assessed   int `json:"assessed"`
	NotAudited int `json:"notAudited"`
	// Unchanged counts the rows that say what the audit already holds
	// for their item; they are not recorded again.
	Unchanged int `json:"unchanged"`
	// Blank counts the rows of an item with neither a result nor a
	// reason: the item is left as the audit holds it.
	Blank int `json:"blank"`
	// Absent counts the checklist's items that no row names.
	Absent int `json:"absent"`
}

// resultChoices are the results a filled cell may hold: every result but
// annexa.NotAssessed, which an empty cell means.
func resultChoices() []string {
	var out []string
	for r := range annexa.Results() {
		if r != annexa.NotAssessed {
			out = append(out, string(r))
		}
	}
	return out
}

// checklistOf returns the audit's checklist, or the error a writer or
// reader returns without one.
func checklistOf(a *audit.Audit) (*annexa.Checklist, error) {
	switch {
	case a == nil:
		return nil, &ismsaudit.ValidationError{Pkg: "sheet", Subject: "audit", Fields: []ismsaudit.FieldError{
			{Rule: ismsaudit.RuleRequired, Detail: "no audit record given"}}}
	case a.Checklist == nil:
		return nil, &ismsaudit.ValidationError{Pkg: "sheet", Subject: "audit", Fields: []ismsaudit.FieldError{
			{Path: "Checklist", Rule: ismsaudit.RuleRequired, Detail: "the audit has no checklist attached"}}}
	}
	return a.Checklist, nil
}

// itemRow is the row of one checklist item as written: its description
// and its outcome so far.
func itemRow(it *annexa.Item) [itemColumns]string {
	var row [itemColumns]string
	row[itemRef] = it.Ref.String()
	row[itemTitle] = it.Title
	row[itemQuestions] = strings.Join(it.Questions, "\n")
	row[itemHints] = strings.Join(it.EvidenceHints, "\n")
	if it.Result != annexa.NotAssessed {
		row[itemResult] = string(it.Result)
	}
	row[itemNotes] = it.Notes
	refs := make([]string, len(it.EvidenceRefs))
	for i, id := range it.EvidenceRefs {
		refs[i] = string(id)
	}
	row[itemEvidence] = strings.Join(refs, "; ")
	row[itemReason] = it.NotAuditedReason
	return row
}

// WriteFieldwork writes the checklist attached to audit a for an auditor
// to fill in offline: one row per item with its reference, title,
// questions and evidence hints, then the columns to fill in (result,
// notes, evidence references, the reason the item was not audited),
// filled with what the audit already holds. As XLSX it is a protected
// workbook with a drop-down list of results and an About sheet naming the
// audit; as CSV, the same rows under the header row ChecklistHeader (see
// the per-format details below). ReadFieldwork reads it back. Any other
// format is refused with an *ismsaudit.ParseError listing the valid ones.
func WriteFieldwork(w io.Writer, a *audit.Audit, f Format) error {
	switch f {
	case XLSX:
		return writeFieldworkXLSX(w, a)
	case CSV:
		return writeFieldworkCSV(w, a)
	}
	return formatSet.Error(string(f))
}

// ReadFieldwork reads a checklist WriteFieldwork wrote and an auditor
// filled in, and records its results in audit a through
// audit.RecordResults: every row is checked first and every problem
// reported at once in an *ImportError naming row, column, header and
// item; then all the results are recorded, or none. Applied counts what
// each row came to, so that no row is passed over unsaid. Any other
// format is refused with an *ismsaudit.ParseError listing the valid ones,
// and nothing changes.
func ReadFieldwork(r io.Reader, f Format, a *audit.Audit, m ismsaudit.Meta) (Applied, error) {
	read, what := readFieldworkXLSX, "checklist workbook"
	switch f {
	case XLSX:
	case CSV:
		read, what = readFieldworkCSV, "checklist CSV"
	default:
		return Applied{}, formatSet.Error(string(f))
	}
	if _, err := checklistOf(a); err != nil {
		return Applied{}, err
	}
	data, err := io.ReadAll(io.LimitReader(r, maxFieldworkBytes+1))
	if err != nil {
		return Applied{}, err
	}
	if len(data) > maxFieldworkBytes {
		return Applied{}, fieldworkTooLarge(what)
	}
	return read(data, a, m)
}

// writeFieldworkXLSX writes the checklist attached to audit a as an XLSX
// workbook for offline fieldwork. Its Checklist sheet has a header row
// (ChecklistHeader, frozen) and one row per item in checklist order:
// reference, title, questions and evidence hints (one per line), then
// the result (a drop-down list of the results, empty while the item is
// not assessed), notes, evidence references (separated by ";") and the
// reason the item was not audited, filled with what the audit already
// holds. The sheet is protected without a password, so that only the
// last four columns can be edited: protection guards against slips, not
// against a determined user. The About sheet names the audit, so that
// readFieldworkXLSX refuses the workbook of another audit.
//
// An audit without a checklist is refused with an
// *ismsaudit.ValidationError, and so is one with a text longer than a
// cell holds (32,767 characters, naming the cell, e.g. "Checklist!F9"):
// nothing is written then, and no text is cut short. The output is the
// same for the same audit.
func writeFieldworkXLSX(w io.Writer, a *audit.Audit) error {
	cl, err := checklistOf(a)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	x := xlsxWriter{f: f}
	x.do(f.SetSheetName("Sheet1", ChecklistSheet))
	header := x.style(headerStyle(true))
	locked := x.style(bodyStyle(true))
	fillable := x.style(bodyStyle(false))
	x.row(ChecklistSheet, 1, checklistHeader[:])
	for i := range cl.Items {
		row := itemRow(&cl.Items[i])
		x.row(ChecklistSheet, i+2, row[:])
	}
	last := strconv.Itoa(len(cl.Items) + 1)
	x.do(f.SetCellStyle(ChecklistSheet, "A1", ColumnName(itemColumns-1)+"1", header))
	if len(cl.Items) > 0 {
		x.do(f.SetCellStyle(ChecklistSheet, "A2", ColumnName(itemHints)+last, locked))
		x.do(f.SetCellStyle(ChecklistSheet, ColumnName(itemResult)+"2", ColumnName(itemReason)+last, fillable))
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(ColumnName(itemResult) + "2:" + ColumnName(itemResult) + last)
		x.do(dv.SetDropList(resultChoices()))
		dv.SetError(excelize.DataValidationErrorStyleStop, "Result", "Pick one of the results in the list, or leave the cell empty.")
		x.do(f.AddDataValidation(ChecklistSheet, dv))
	}
	for i, width := range [itemColumns]float64{12, 32, 60, 40, 24, 48, 18, 32} {
		c := ColumnName(i)
		x.do(f.SetColWidth(ChecklistSheet, c, c, width))
	}
	x.do(f.SetPanes(ChecklistSheet, frozenHeader()))
	x.do(f.ProtectSheet(ChecklistSheet, &excelize.SheetProtectionOptions{
		FormatColumns: true, FormatRows: true, SelectLockedCells: true, SelectUnlockedCells: true,
	}))

	_, err = f.NewSheet(AboutSheet)
	x.do(err)
	about := [][2]string{
		{"Audit", string(a.ID)},
		{"Auditee", a.Auditee},
		{"Kind", string(cl.Kind)},
		{"Organization", cl.Organization},
		{"SoA version", cl.SoAVersion},
		{"Items", strconv.Itoa(len(cl.Items))},
		{"How to fill in", "On the Checklist sheet, give each item audited a Result, Notes (required for every result but conforms) " +
			"and Evidence refs (evidence ids of the audit, separated by semicolons), or say in the last column why it was not audited. " +
			"Leave the row alone for an item not audited yet."},
	}
	for i, kv := range about {
		x.row(AboutSheet, i+1, kv[:])
	}
	x.do(f.SetColWidth(AboutSheet, "A", "A", 16))
	x.do(f.SetColWidth(AboutSheet, "B", "B", 80))
	x.do(f.SetCellStyle(AboutSheet, "A1", "A"+strconv.Itoa(len(about)), header))
	x.do(f.ProtectSheet(AboutSheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true}))
	if x.err != nil {
		return x.err
	}
	return writeWorkbook(w, f)
}

// writeFieldworkCSV writes the checklist attached to audit a as CSV: the
// header row ChecklistHeader, then one row per item as
// writeFieldworkXLSX writes it. A cell that a spreadsheet program would
// take for a formula (it starts with =, +, -, @, a tab, a carriage
// return or an apostrophe) is written with a leading apostrophe, which
// the reader drops, as the SoA's CSV does.
// A CSV carries no audit id: its rows are checked against the audit they
// are read into, and nothing more. An audit without a checklist is
// refused with an *ismsaudit.ValidationError.
func writeFieldworkCSV(w io.Writer, a *audit.Audit) error {
	cl, err := checklistOf(a)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(checklistHeader[:]); err != nil {
		return err
	}
	for i := range cl.Items {
		row := itemRow(&cl.Items[i])
		for j := range row {
			row[j] = quoteCell(row[j])
		}
		if err := cw.Write(row[:]); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// formulaStarts are the first characters that make a spreadsheet program
// run a CSV cell as a formula; with the apostrophe, which quoteCell adds
// to such text, so that unquoteCell gives the text back.
const formulaStarts = "=+-@\t\r'"

// quoteCell prefixes an apostrophe to text a spreadsheet program would
// run as a formula (or that starts with an apostrophe).
func quoteCell(s string) string {
	if s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// unquoteCell drops the apostrophe quoteCell added.
func unquoteCell(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.IndexByte(formulaStarts, s[1]) >= 0 {
		return s[1:]
	}
	return s
}

// Limits on what the fieldwork readers accept, so that a hostile file
// cannot make them use unbounded memory: the size of the file, the size
// of a workbook's unpacked parts (kept in memory: nothing is unpacked to
// disk) and the number of rows.
const (
	maxFieldworkBytes = 16 << 20
	maxUnpackedBytes  = 64 << 20
	maxFieldworkRows  = 10000
)

// readFieldworkXLSX reads a checklist workbook filled in offline
// (see writeFieldworkXLSX) and records its results in audit a, with
// Meta m, through (*audit.Audit).RecordResults: all of them or, on any
// problem, none.
//
// Every row is checked first and every problem is reported in one
// *ImportError naming sheet, row, column, header and item: a workbook
// written for another audit (RuleChecklistAudit), a missing column, a
// reference that is malformed or names no item of the checklist, an item
// named twice, a result that is not one of the list, notes or evidence
// without a result, a result and a reason together, and whatever
// RecordResults refuses (a nonconformity without notes, a conformity
// without evidence, an evidence id the audit does not hold, ...). Text
// is trimmed of white space and byte-order marks. Rows left without a
// result or reason are not results and are skipped; Applied counts them
// with the rows recorded.
//
// An audit that is not in fieldwork is refused with the
// *ismsaudit.TransitionError of RecordResults, one without a checklist
// with an *ismsaudit.ValidationError. Nothing changes on error.
func readFieldworkXLSX(data []byte, a *audit.Audit, m ismsaudit.Meta) (Applied, error) {
	about, rows, err := checklistSheets(data)
	if err != nil {
		return Applied{}, &ImportError{What: "checklist workbook", Problems: []Problem{{Rule: ismsaudit.RuleFormat, Detail: "not an XLSX workbook: " + err.Error()}}}
	}
	var problems []Problem
	if about == nil {
		problems = append(problems, Problem{Sheet: AboutSheet, Rule: RuleChecklistAudit, Detail: "the workbook has no About sheet naming the audit it was written for"})
	} else {
		problems = checkAbout(problems, about, a)
	}
	if len(rows) > maxFieldworkRows {
		return Applied{}, fieldworkTooLarge("checklist workbook")
	}
	if rows == nil {
		problems = append(problems, Problem{Sheet: ChecklistSheet, Rule: ismsaudit.RuleRequired, Detail: "the workbook has no " + ChecklistSheet + " sheet"})
		return Applied{}, &ImportError{What: "checklist workbook", Problems: problems}
	}
	return readChecklist(rows, ChecklistSheet, "checklist workbook", problems, a, m)
}

// checklistSheets returns the rows of the About and Checklist sheets of
// a workbook, each nil when the workbook lacks the sheet (an empty sheet
// has no rows but is not nil). A workbook that makes excelize fail or
// panic is refused as unreadable.
func checklistSheets(data []byte) (about, rows [][]string, err error) {
	defer func() {
		if r := recover(); r != nil {
			about, rows, err = nil, nil, fmt.Errorf("unreadable: %v", r)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnpackedBytes, UnzipXMLSizeLimit: maxUnpackedBytes})
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	read := func(name string) ([][]string, error) {
		if i, err := f.GetSheetIndex(name); err != nil || i < 0 {
			return nil, nil
		}
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err == nil && rows == nil {
			rows = [][]string{}
		}
		return rows, err
	}
	if about, err = read(AboutSheet); err != nil {
		return nil, nil, err
	}
	if rows, err = read(ChecklistSheet); err != nil {
		return nil, nil, err
	}
	return about, rows, nil
}

// checkAbout checks that the About sheet names audit a.
func checkAbout(problems []Problem, about [][]string, a *audit.Audit) []Problem {
	for i, row := range about {
		if len(row) > 0 && TrimCell(row[0]) == "Audit" {
			got := ""
			if len(row) > 1 {
				got = TrimCell(row[1])
			}
			if got != string(a.ID) {
				problems = append(problems, Problem{Sheet: AboutSheet, Row: i + 1, Column: "B", Header: "Audit", Rule: RuleChecklistAudit, Value: got,
					Detail: fmt.Sprintf("the workbook was written for another audit than %q", a.ID)})
			}
			return problems
		}
	}
	return append(problems, Problem{Sheet: AboutSheet, Rule: RuleChecklistAudit, Detail: "the About sheet names no audit"})
}

// readFieldworkCSV reads a checklist filled in offline as CSV
// (see writeFieldworkCSV) and records its results in audit a as
// readFieldworkXLSX does, with the same checks, all or nothing.
// The header row locates the columns, so their order may change; a
// byte-order mark before the header is ignored. A CSV names no audit, so
// only its rows are checked against a.
func readFieldworkCSV(data []byte, a *audit.Audit, m ismsaudit.Meta) (Applied, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	var rows [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			p := Problem{Row: len(rows) + 1, Rule: ismsaudit.RuleFormat, Detail: "not CSV: " + err.Error()}
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				p.Detail = "not CSV: " + pe.Err.Error()
			}
			return Applied{}, &ImportError{What: "checklist CSV", Problems: []Problem{p}}
		}
		for i := range rec {
			rec[i] = unquoteCell(TrimCell(rec[i]))
		}
		rows = append(rows, rec)
		if len(rows) > maxFieldworkRows {
			return Applied{}, fieldworkTooLarge("checklist CSV")
		}
	}
	return readChecklist(rows, "", "checklist CSV", nil, a, m)
}

// fieldworkTooLarge is the error of a file beyond the readers' limits.
func fieldworkTooLarge(what string) error {
	return &ImportError{What: what, Problems: []Problem{{Rule: ismsaudit.RuleRange,
		Detail: fmt.Sprintf("more than %d rows or %d MiB: not a filled checklist", maxFieldworkRows, maxFieldworkBytes>>20)}}}
}

// checklistLine is one row of a filled checklist that records something.
type checklistLine struct {
	row int
	ref string
}

// readChecklist checks the rows of a filled checklist (header first)
// against audit a and records them, all or nothing.
func readChecklist(rows [][]string, sheetName, what string, problems []Problem, a *audit.Audit, m ismsaudit.Meta) (Applied, error) {
	var applied Applied
	cl := a.Checklist
	bad := func(p Problem) {
		p.Sheet = sheetName
		problems = append(problems, p)
	}
	if len(rows) == 0 {
		bad(Problem{Rule: ismsaudit.RuleRequired, Detail: "the sheet is empty: a header row is expected"})
		return applied, &ImportError{What: what, Problems: problems}
	}
	var cols [itemColumns]int
	for c := range cols {
		cols[c] = -1
	}
	for i, h := range rows[0] {
		h = TrimCell(h)
		for c, want := range checklistHeader {
			if strings.EqualFold(h, want) && cols[c] < 0 {
				cols[c] = i
			}
		}
	}
	for _, c := range []int{itemRef, itemResult, itemNotes, itemEvidence, itemReason} {
		if cols[c] < 0 {
			bad(Problem{Row: 1, Header: checklistHeader[c], Rule: ismsaudit.RuleRequired, Detail: "the header row lacks this column"})
		}
	}
	if len(problems) > 0 {
		return applied, &ImportError{What: what, Problems: problems}
	}
	index := make(map[annexa.Ref]int, len(cl.Items))
	for i := range cl.Items {
		index[cl.Items[i].Ref] = i
	}
	named := make(map[annexa.Ref]int, len(cl.Items)) // item -> row naming it
	var batch []audit.ItemResult
	var lines []checklistLine
	for i := 1; i < len(rows); i++ {
		row, rowNo := rows[i], i+1
		cellAt := func(c int) string {
			if j := cols[c]; j < len(row) {
				return TrimCell(row[j])
			}
			return ""
		}
		at := func(c int, id string, rule ismsaudit.RuleID, value, detail string) {
			bad(Problem{Row: rowNo, Column: ColumnName(cols[c]), Header: checklistHeader[c], ID: id, Rule: rule, Value: value, Detail: detail})
		}
		refText, resultText, notes, evidenceText, reason := cellAt(itemRef), cellAt(itemResult), cellAt(itemNotes), cellAt(itemEvidence), cellAt(itemReason)
		if refText == "" {
			if resultText != "" || notes != "" || evidenceText != "" || reason != "" {
				at(itemRef, "", ismsaudit.RuleRequired, "", "the row records something but names no checklist item")
			}
			continue
		}
		ref, err := annexa.ParseRef(refText)
		if err != nil {
			at(itemRef, refText, ismsaudit.RuleFormat, refText, "not a reference: write A.5.15, clause 9.2 or document:ID")
			continue
		}
		id := ref.String()
		k, ok := index[ref]
		if !ok {
			at(itemRef, id, ismsaudit.RuleUnknown, refText, "the audit's checklist has no such item")
			continue
		}
		if first, dup := named[ref]; dup {
			at(itemRef, id, ismsaudit.RuleUnique, refText, fmt.Sprintf("the item is named already, on row %d", first))
			continue
		}
		named[ref] = rowNo
		result := annexa.NotAssessed
		if resultText != "" {
			if result, err = annexa.ParseResult(strings.ToLower(resultText)); err != nil {
				at(itemResult, id, ismsaudit.RuleEnum, resultText, "want one of "+strings.Join(resultChoices(), ", ")+", or nothing")
				continue
			}
		}
		var refs []ismsaudit.EvidenceID
		for _, s := range strings.FieldsFunc(evidenceText, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
			if s = TrimCell(s); s != "" {
				refs = append(refs, ismsaudit.EvidenceID(s))
			}
		}
		it := &cl.Items[k]
		switch {
		case result == annexa.NotAssessed && reason == "":
			if notes != "" || len(refs) > 0 {
				at(itemResult, id, ismsaudit.RuleRequired, "", "notes or evidence refs are given without a result")
				continue
			}
			applied.Blank++
		case result == annexa.NotAssessed:
			if it.Result == annexa.NotAssessed && it.NotAuditedReason == reason && it.Notes == "" && len(it.EvidenceRefs) == 0 && notes == "" && len(refs) == 0 {
				applied.Unchanged++
				continue
			}
			if notes != "" || len(refs) > 0 {
				at(itemReason, id, annexa.RuleItemOneOutcome, reason, "an item not audited has no notes or evidence refs")
				continue
			}
			batch = append(batch, audit.ItemResult{Ref: ref, NotAudited: reason})
			lines = append(lines, checklistLine{rowNo, id})
		default:
			if it.Result == result && it.NotAuditedReason == "" && reason == "" && it.Notes == notes && slices.Equal(it.EvidenceRefs, refs) {
				applied.Unchanged++
				continue
			}
			batch = append(batch, audit.ItemResult{Ref: ref, Assessment: &annexa.Assessment{Result: result, Notes: notes, EvidenceRefs: refs}, NotAudited: reason})
			lines = append(lines, checklistLine{rowNo, id})
		}
	}
	applied.Absent = len(cl.Items) - len(named)
	if len(problems) > 0 {
		// Add what the audit would refuse among the other rows, so that
		// one reading reports every problem.
		if err := a.CheckResults(batch, m); err != nil {
			var ve *ismsaudit.ValidationError
			if !errors.As(err, &ve) {
				return Applied{}, err
			}
			problems = append(problems, resultProblems(ve, lines, cols, sheetName)...)
		}
		return Applied{}, &ImportError{What: what, Problems: sortProblems(problems)}
	}
	if err := a.RecordResults(batch, m); err != nil {
		var ve *ismsaudit.ValidationError
		if errors.As(err, &ve) {
			return Applied{}, &ImportError{What: what, Problems: sortProblems(resultProblems(ve, lines, cols, sheetName))}
		}
		return Applied{}, err
	}
	for _, r := range batch {
		if r.Assessment != nil {
			applied.Assessed++
		} else {
			applied.NotAudited++
		}
	}
	return applied, nil
}

// sortProblems orders problems by sheet and row, keeping the order of
// those of one row.
func sortProblems(problems []Problem) []Problem {
	slices.SortStableFunc(problems, func(x, y Problem) int {
		if x.Sheet != y.Sheet {
			return strings.Compare(x.Sheet, y.Sheet)
		}
		return x.Row - y.Row
	})
	return problems
}

// resultProblems locates the problems RecordResults found at the rows
// and columns the results came from: "Results[3].Assessment.Notes" is
// the Notes cell of the fourth line recorded. A problem not about one
// result (the Meta, say) concerns the whole sheet and keeps its path in
// the detail.
func resultProblems(ve *ismsaudit.ValidationError, lines []checklistLine, cols [itemColumns]int, sheetName string) []Problem {
	out := make([]Problem, 0, len(ve.Fields))
	for _, f := range ve.Fields {
		p := Problem{Sheet: sheetName, Rule: f.Rule, Value: f.Value, Detail: f.Detail}
		i, rest, ok := resultIndex(f.Path)
		if !ok || i >= len(lines) {
			if f.Path != "" {
				p.Detail = f.Path + ": " + f.Detail
			}
			out = append(out, p)
			continue
		}
		p.Row, p.ID = lines[i].row, lines[i].ref
		c := -1
		switch {
		case rest == ".Ref":
			c = itemRef
		case rest == ".NotAudited":
			c = itemReason
		case rest == ".Assessment.Result":
			c = itemResult
		case rest == ".Assessment.Notes":
			c = itemNotes
		case strings.HasPrefix(rest, ".Assessment.EvidenceRefs"):
			c = itemEvidence
		}
		if c >= 0 {
			p.Column, p.Header = ColumnName(cols[c]), checklistHeader[c]
		}
		out = append(out, p)
	}
	return out
}

// resultIndex splits a path "Results[3].Assessment.Notes" into 3 and
// ".Assessment.Notes".
func resultIndex(path string) (int, string, bool) {
	rest, ok := strings.CutPrefix(path, "Results[")
	if !ok {
		return 0, "", false
	}
	n, rest, ok := strings.Cut(rest, "]")
	if !ok {
		return 0, "", false
	}
	i, err := strconv.Atoi(n)
	if err != nil || i < 0 {
		return 0, "", false
	}
	return i, rest, true
}
