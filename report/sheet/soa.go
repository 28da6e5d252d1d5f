package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/xuri/excelize/v2"
)

// Format is a spreadsheet file format the SoA reader and writer handle.
//
//ismsaudit:enum Formats
type Format string

// The formats. Never reorder.
const (
	CSV  Format = "csv"  // RFC 4180 comma-separated values, UTF-8, one header row
	XLSX Format = "xlsx" // an Office Open XML workbook (ISO/IEC 29500), as Excel and LibreOffice save
)

// RuleSoAEdition is the rule a sheet breaks when it is read as an SoA of
// one edition of ISO/IEC 27001 while its ids are all of the other: ReadSoA
// given a 2013 SoA, ReadSoA2013 a 2022 one. Problem.Rule cites it, in the
// one problem then reported.
const RuleSoAEdition ismsaudit.RuleID = "SHT-SOA-EDITION"

// SoASheetName is the worksheet WriteSoA writes the SoA to, and the one
// ReadSoA reads when a workbook has it (else its first worksheet).
const SoASheetName = "Statement of Applicability"

// The custom document properties of a workbook that hold the SoA's
// organization and version (a CSV file has no place for them).
const (
	soaPropOrganization = "Organization"
	soaPropVersion      = "SoA version"
)

// Limits on what the readers accept, so that a hostile file cannot make
// them use unbounded memory: the size of a workbook, the size of its
// unpacked parts (kept in memory: nothing is unpacked to disk) and the
// number of rows.
const (
	soaMaxBytes      = 16 << 20
	soaMaxUnzipBytes = 64 << 20
	soaMaxRows       = 10000
)

// soaColumn is a column of the SoA sheet.
type soaColumn int

const (
	colControl soaColumn = iota
	colTitle
	colApplicability
	colBases
	colJustification
	colStatus
	colCount
)

// soaHeaders are the headers WriteSoA writes, in its column order.
var soaHeaders = [colCount]string{"Control", "Title", "Applicability", "Bases", "Justification", "Status"}

// SoAHeader returns the header row of a Statement of Applicability sheet
// as WriteSoA writes it; each call returns a new slice:
//
//	Control,Title,Applicability,Bases,Justification,Status
//
// One row per control follows, in any order; blank rows are skipped. The
// readers match headers ignoring case, spaces and punctuation, in any
// column order, and accept a few other names for each (Control id, Id;
// Control title, Name; Applicable, Decision; Basis, Inclusion bases;
// Reason, Rationale; Implementation status). Every column but Title is
// required; a header the readers do not know, a header given twice and a
// value in a column without a header are problems, never ignored. Every
// cell is trimmed of white space and byte-order marks (TrimCell).
//
//   - Control: the Annex A control id, "A.5.23" or "5.23" (for
//     ReadSoA2013 a 2013 id, "A.12.6.1"). In a workbook it must be text:
//     a number loses the trailing zero of 5.10.
//   - Title: the control's title, for the reader of the sheet only: the
//     readers never check it, as people shorten or translate titles, and
//     the id alone says which control a row decides.
//   - Applicability: applicable or excluded (also yes or no).
//   - Bases: for an included control, one or more of risk-treatment,
//     legal-or-regulatory-requirement, contractual-requirement,
//     business-requirement (also legal, regulatory, contractual,
//     business), separated by ";", "," or line breaks; empty for an
//     excluded control.
//   - Justification: why the control is included or excluded; required.
//   - Status: for an included control, not-implemented, planned,
//     partially-implemented or implemented; empty for an excluded one.
//
// Values are matched ignoring case, with spaces or underscores for
// hyphens ("Partially implemented").
func SoAHeader() []string { return slices.Clone(soaHeaders[:]) }

// soaHeaderAliases are the header spellings the readers accept, compared
// after normalisation (lower case, only letters and digits kept).
var soaHeaderAliases = map[string]soaColumn{
	"control": colControl, "controlid": colControl, "id": colControl, "annexacontrol": colControl, "reference": colControl,
	"title": colTitle, "controltitle": colTitle, "name": colTitle, "controlname": colTitle,
	"applicability": colApplicability, "applicable": colApplicability, "decision": colApplicability,
	"bases": colBases, "basis": colBases, "inclusionbases": colBases, "inclusionbasis": colBases,
	"justification": colJustification, "reason": colJustification, "rationale": colJustification,
	"status": colStatus, "implementationstatus": colStatus, "implementation": colStatus,
}

// applicabilityAliases and basisAliases are the other words the readers
// accept for a value, after normalisation (lower case, spaces and
// underscores as '-').
var (
	applicabilityAliases = map[string]annexa.Applicability{
		"yes": annexa.Applicable, "y": annexa.Applicable, "included": annexa.Applicable,
		"no": annexa.Excluded, "n": annexa.Excluded, "not-applicable": annexa.Excluded,
	}
	basisAliases = map[string]annexa.InclusionBasis{
		"legal": annexa.BasisLegalOrRegulatory, "regulatory": annexa.BasisLegalOrRegulatory, "legal-or-regulatory": annexa.BasisLegalOrRegulatory,
		"contractual": annexa.BasisContractual, "business": annexa.BasisBusiness,
	}
)

// ReadSoA reads a Statement of Applicability for ISO/IEC 27001:2022 from
// a CSV file or an XLSX workbook (SoAHeader documents the header row and
// the values), checks it as annexa.SoA.Validate does, and returns it with
// its decisions in Annex A order. A format other than CSV and XLSX is
// refused with an *ismsaudit.ParseError.
//
// Every problem is reported at once in an *ImportError (matching
// ismsaudit.ErrInvalid) naming the row, column, header and control id;
// then no SoA is returned. A workbook's organization and SoA version come
// from its custom document properties "Organization" and "SoA version";
// a CSV file has neither, so the caller sets them.
func ReadSoA(r io.Reader, f Format) (*annexa.SoA, error) {
	t, err := readSoATable(r, f)
	if err != nil {
		return nil, err
	}
	rows, probs := t.decisions(false)
	s := &annexa.SoA{DocumentKind: ismsaudit.KindSoA, FormatVersion: ismsaudit.KindSoA.FormatVersion(), Organization: t.organization, Version: t.version, Decisions: make([]annexa.Decision, len(rows))}
	for i, r := range rows {
		s.Decisions[i] = annexa.Decision{Control: annexa.ControlID(r.control), Applicability: r.applicability, Bases: r.bases, Justification: r.justification, Status: r.status}
	}
	if !t.missing && !t.wrongEdition {
		probs = append(probs, t.locate(s.Validate(), rows)...)
	}
	if err := t.fail(probs); err != nil {
		return nil, err
	}
	return s.Sorted(), nil
}

// ReadSoA2013 reads a Statement of Applicability written against ISO/IEC
// 27001:2013 (its 114 controls, ids such as "A.12.6.1"), with the same
// header row and values as ReadSoA, and carries it to 2022 with
// annexa.Carry2013. It returns the carried SoA, in which the controls the
// report lists as undecided (new in 2022, or merging 2013 controls with
// conflicting decisions) have no decision yet, and the report.
//
// Every problem is reported at once in an *ImportError naming row, column,
// header and 2013 control id; a 2013 control with no row is reported with
// row 0 and its id.
func ReadSoA2013(r io.Reader, f Format) (*annexa.SoA, *annexa.CarryReport, error) {
	t, err := readSoATable(r, f)
	if err != nil {
		return nil, nil, err
	}
	rows, probs := t.decisions(true)
	ds := make([]annexa.Decision2013, len(rows))
	for i, r := range rows {
		ds[i] = annexa.Decision2013{Control: annexa.Control2013ID(r.control), Applicability: r.applicability, Bases: r.bases, Justification: r.justification, Status: r.status}
	}
	if t.missing || t.wrongEdition {
		return nil, nil, t.fail(probs)
	}
	s, rep, err := annexa.Carry2013(t.organization, t.version, ds)
	if err := t.fail(append(probs, t.locate(err, rows)...)); err != nil {
		return nil, nil, err
	}
	return s, rep, nil
}

// soaTable is a sheet as read: its rows of trimmed cells (index 0 is row 1,
// the header row) and where the SoA's columns are.
type soaTable struct {
	sheet                 string
	rows                  [][]string
	numeric               map[int]bool // rows whose control cell is stored as a number (XLSX)
	organization, version string
	cols                  [colCount]int // index of each column, -1 when absent
	headerProblems        []Problem
	missing               bool // a required column is missing: rows cannot be checked whole
	wrongEdition          bool // the ids are all of the other edition of ISO/IEC 27001
}

// readSoATable reads the rows of a CSV file or of the SoA worksheet of a
// workbook and locates the columns.
func readSoATable(r io.Reader, f Format) (*soaTable, error) {
	var t *soaTable
	var err error
	switch f {
	case CSV:
		t, err = readSoACSV(r)
	case XLSX:
		t, err = readSoAXLSX(r)
	default:
		return nil, formatSet.Error(string(f))
	}
	if err != nil {
		return nil, err
	}
	t.layout()
	return t, nil
}

func readSoACSV(r io.Reader) (*soaTable, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	t := &soaTable{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			p := Problem{Rule: ismsaudit.RuleFormat, Detail: "not CSV: " + err.Error()}
			if pe, ok := errors.AsType[*csv.ParseError](err); ok {
				p.Row, p.Detail = pe.StartLine, "not CSV: "+pe.Err.Error()
			}
			return nil, &ImportError{What: "Statement of Applicability", Problems: []Problem{p}}
		}
		if len(t.rows) == soaMaxRows {
			return nil, soaTooLarge("")
		}
		for i := range rec {
			rec[i] = TrimCell(rec[i])
		}
		t.rows = append(t.rows, rec)
	}
	return t, nil
}

func soaTooLarge(sheet string) error {
	return &ImportError{What: "Statement of Applicability", Problems: []Problem{{Sheet: sheet, Rule: ismsaudit.RuleRange,
		Detail: fmt.Sprintf("more than %d rows or %d MiB: not a Statement of Applicability", soaMaxRows, soaMaxBytes>>20)}}}
}

func readSoAXLSX(r io.Reader) (*soaTable, error) {
	data, err := io.ReadAll(io.LimitReader(r, soaMaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > soaMaxBytes {
		return nil, soaTooLarge("")
	}
	notXLSX := func(err error) error {
		return &ImportError{What: "Statement of Applicability", Problems: []Problem{{Rule: ismsaudit.RuleFormat, Detail: "not an XLSX workbook: " + err.Error()}}}
	}
	f, err := openSoAWorkbook(data)
	if err != nil {
		return nil, notXLSX(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, notXLSX(errors.New("no worksheet"))
	}
	t := &soaTable{sheet: sheets[0]}
	if slices.Contains(sheets, SoASheetName) {
		t.sheet = SoASheetName
	}
	rows, err := f.GetRows(t.sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, notXLSX(err)
	}
	if len(rows) > soaMaxRows {
		return nil, soaTooLarge(t.sheet)
	}
	for _, row := range rows {
		for i := range row {
			row[i] = TrimCell(row[i])
		}
	}
	t.rows = rows
	t.layout()
	// The control ids stored as numbers, which the checks of ReadSoA
	// refuse: a number loses the trailing zero of 5.10.
	if c := t.cols[colControl]; c >= 0 {
		for i := 1; i < len(rows); i++ {
			if c >= len(rows[i]) {
				continue
			}
			if _, err := strconv.ParseFloat(rows[i][c], 64); err != nil {
				continue // not a number: "A.5.10", or empty
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, i+1)
			// A cell with no type holds a number (ISO/IEC 29500-1 18.18.11).
			if typ, err := f.GetCellType(t.sheet, ref); err == nil && (typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset) {
				if t.numeric == nil {
					t.numeric = make(map[int]bool)
				}
				t.numeric[i] = true
			}
		}
	}
	if props, err := f.GetCustomProps(); err == nil {
		for _, p := range props {
			v, _ := p.Value.(string)
			switch p.Name {
			case soaPropOrganization:
				t.organization = v
			case soaPropVersion:
				t.version = v
			}
		}
	}
	return t, nil
}

// openSoAWorkbook opens a workbook held in memory, keeping every part in memory.
// A workbook that makes the reader panic is refused as not a workbook.
func openSoAWorkbook(data []byte) (f *excelize.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("unreadable: %v", r)
		}
	}()
	return excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true, UnzipSizeLimit: soaMaxUnzipBytes, UnzipXMLSizeLimit: soaMaxUnzipBytes})
}

// normSoAHeader normalises a header for lookup: lower case letters and
// digits only.
func normSoAHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// normSoAToken normalises a value for lookup: lower case, runs of spaces,
// underscores and hyphens as one '-'.
func normSoAToken(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == '_' || r == '-' || r == '\t' })
	return strings.Join(f, "-")
}

// layout locates the columns from the header row, noting unknown,
// repeated and missing headers.
func (t *soaTable) layout() {
	t.headerProblems, t.missing = nil, false
	for i := range t.cols {
		t.cols[i] = -1
	}
	if len(t.rows) == 0 {
		t.missing = true
		t.headerProblems = append(t.headerProblems, Problem{Sheet: t.sheet, Rule: ismsaudit.RuleRequired, Detail: "the sheet is empty: the first row is the header row (" + strings.Join(soaHeaders[:], ", ") + ")"})
		return
	}
	for i, h := range t.rows[0] {
		if h == "" {
			continue
		}
		c, ok := soaHeaderAliases[normSoAHeader(h)]
		switch {
		case !ok:
			t.headerProblems = append(t.headerProblems, Problem{Sheet: t.sheet, Row: 1, Column: ColumnName(i), Header: h, Rule: ismsaudit.RuleUnknown, Value: h,
				Detail: "not a column of the SoA: " + strings.Join(soaHeaders[:], ", ")})
		case t.cols[c] >= 0:
			t.headerProblems = append(t.headerProblems, Problem{Sheet: t.sheet, Row: 1, Column: ColumnName(i), Header: h, Rule: ismsaudit.RuleUnique, Value: h,
				Detail: "the " + soaHeaders[c] + " column is already column " + ColumnName(t.cols[c])})
		default:
			t.cols[c] = i
		}
	}
	for c, i := range t.cols {
		if i < 0 && soaColumn(c) != colTitle {
			t.missing = true
			t.headerProblems = append(t.headerProblems, Problem{Sheet: t.sheet, Row: 1, Header: soaHeaders[c], Rule: ismsaudit.RuleRequired,
				Detail: "the header row has no " + soaHeaders[c] + " column"})
		}
	}
}

// soaRow is one data row as read, with its row number.
type soaRow struct {
	row           int // as the sheet shows it
	control       string
	applicability annexa.Applicability
	bases         []annexa.InclusionBasis
	justification string
	status        annexa.ImplementationStatus
}

// cell returns the trimmed text of column c in row i.
func (t *soaTable) cell(i int, c soaColumn) string {
	j := t.cols[c]
	if j < 0 || j >= len(t.rows[i]) {
		return ""
	}
	return t.rows[i][j]
}

// decisions reads the data rows, skipping blank ones, and returns the
// problems found in single cells and in the header row.
func (t *soaTable) decisions(edition2013 bool) ([]soaRow, []Problem) {
	probs := slices.Clone(t.headerProblems)
	var out []soaRow
	matched, other := 0, 0 // ids of the edition read, and of the other one
	for i := 1; i < len(t.rows); i++ {
		blank := true
		for j, v := range t.rows[i] {
			if v == "" {
				continue
			}
			blank = false
			if !slices.Contains(t.cols[:], j) && (j >= len(t.rows[0]) || t.rows[0][j] == "") {
				probs = append(probs, Problem{Sheet: t.sheet, Row: i + 1, Column: ColumnName(j), Rule: ismsaudit.RuleUnknown, Value: v, Detail: "a value in a column without a header"})
			}
		}
		if blank {
			continue
		}
		d := soaRow{row: i + 1, control: t.cell(i, colControl), justification: unquoteSoAFormula(t.cell(i, colJustification))}
		if d.control != "" {
			var id string
			var err error
			if edition2013 {
				var c annexa.Control2013ID
				c, err = annexa.ParseControl2013ID(d.control)
				id = string(c)
			} else {
				var c annexa.ControlID
				c, err = annexa.ParseControlID(d.control)
				id = string(c)
			}
			if err != nil && otherEdition(d.control, edition2013) {
				other++
			} else if err == nil {
				matched++
			}
			switch {
			case t.numeric[i]:
				probs = append(probs, t.problem(i, colControl, d.control, ismsaudit.RuleFormat,
					"the id is stored as a number, which loses trailing zeros (5.10 reads as 5.1): store the column as text or write A.5.10"))
			case err == nil:
				d.control = id
			}
		}
		if v := t.cell(i, colApplicability); v != "" {
			n := normSoAToken(v)
			if a, ok := applicabilityAliases[n]; ok {
				d.applicability = a
			} else {
				d.applicability = annexa.Applicability(n)
			}
		}
		if v := t.cell(i, colStatus); v != "" {
			d.status = annexa.ImplementationStatus(normSoAToken(v))
		}
		for b := range strings.FieldsFuncSeq(t.cell(i, colBases), func(r rune) bool { return r == ';' || r == ',' || r == '\n' || r == '\r' }) {
			n := normSoAToken(TrimCell(b))
			if n == "" {
				continue
			}
			if a, ok := basisAliases[n]; ok {
				d.bases = append(d.bases, a)
			} else {
				d.bases = append(d.bases, annexa.InclusionBasis(n))
			}
		}
		out = append(out, d)
	}
	if matched == 0 && other > 0 {
		t.wrongEdition = true
		p := Problem{Sheet: t.sheet, Rule: RuleSoAEdition, Header: soaHeaders[colControl],
			Detail: "the ids are ISO/IEC 27001:2013 ids (A.5.1.1 to A.18.2.3): read the sheet as a 2013 SoA (ReadSoA2013), which carries it to 2022"}
		if edition2013 {
			p.Detail = "the ids are ISO/IEC 27001:2022 ids (A.5.1 to A.8.34): read the sheet as a 2022 SoA (ReadSoA)"
		}
		if c := t.cols[colControl]; c >= 0 {
			p.Column, p.Header = ColumnName(c), t.rows[0][c]
		}
		probs = append(probs, p)
	}
	return out, probs
}

// otherEdition reports whether id is a control id of the edition not
// being read.
func otherEdition(id string, edition2013 bool) bool {
	if edition2013 {
		_, err := annexa.ParseControlID(id)
		return err == nil
	}
	_, err := annexa.ParseControl2013ID(id)
	return err == nil
}

// problem returns a problem at the cell of column c in row index i.
func (t *soaTable) problem(i int, c soaColumn, value string, rule ismsaudit.RuleID, detail string) Problem {
	p := Problem{Sheet: t.sheet, Row: i + 1, Header: soaHeaders[c], ID: t.cell(i, colControl), Rule: rule, Value: value, Detail: detail}
	if j := t.cols[c]; j >= 0 {
		p.Column, p.Header = ColumnName(j), t.rows[0][j]
	}
	return p
}

// soaFieldColumns maps the Go field names of a decision to columns.
var soaFieldColumns = map[string]soaColumn{
	"Control": colControl, "Applicability": colApplicability, "Bases": colBases,
	"Justification": colJustification, "Status": colStatus,
}

// locate turns the problems of a validation of the rows' decisions
// (paths "Decisions[i].Field" and "Decisions") into problems at their
// rows and columns; a problem with the whole SoA (a control without a
// row) has row 0 and the Control column.
func (t *soaTable) locate(err error, rows []soaRow) []Problem {
	ve, ok := errors.AsType[*ismsaudit.ValidationError](err)
	if !ok {
		if err == nil {
			return nil
		}
		return []Problem{{Sheet: t.sheet, Rule: ismsaudit.RuleShape, Detail: err.Error()}}
	}
	out := make([]Problem, 0, len(ve.Fields))
	for _, fe := range ve.Fields {
		rest, ok := strings.CutPrefix(fe.Path, "Decisions[")
		end := strings.IndexByte(rest, ']')
		if !ok || end < 0 {
			p := Problem{Sheet: t.sheet, ID: fe.Value, Rule: fe.Rule, Detail: fe.Detail}
			if c := t.cols[colControl]; c >= 0 {
				p.Column, p.Header = ColumnName(c), t.rows[0][c]
			}
			out = append(out, p)
			continue
		}
		n, _ := strconv.Atoi(rest[:end])
		name, _, _ := strings.Cut(strings.TrimPrefix(rest[end+1:], "."), "[")
		c := soaFieldColumns[name]
		i := rows[n].row - 1
		p := t.problem(i, c, t.cell(i, c), fe.Rule, fe.Detail)
		p.ID = fe.Value
		out = append(out, p)
	}
	return out
}

// fail returns the problems as an *ImportError in sheet order, or nil.
func (t *soaTable) fail(probs []Problem) error {
	if len(probs) == 0 {
		return nil
	}
	slices.SortStableFunc(probs, func(a, b Problem) int { return a.Row - b.Row })
	return &ImportError{What: "Statement of Applicability", Problems: probs}
}

// soaFormulaStarts are the first characters that make a spreadsheet run a
// CSV cell as a formula; the writer prefixes such text (and text that
// starts with an apostrophe) with an apostrophe, which the reader
// removes.
const soaFormulaStarts = "=+-@\t\r'"

// quoteSoAFormula neutralises text a spreadsheet would run as a formula.
func quoteSoAFormula(s string) string {
	if s != "" && strings.IndexByte(soaFormulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// unquoteSoAFormula undoes quoteSoAFormula.
func unquoteSoAFormula(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.IndexByte(soaFormulaStarts, s[1]) >= 0 {
		return s[1:]
	}
	return s
}

// WriteSoA writes a Statement of Applicability as CSV or as an XLSX
// workbook, one row per control in Annex A order under the header row
// Control, Title, Applicability, Bases, Justification, Status, which
// ReadSoA reads back to the same SoA. The SoA is validated first: an
// invalid one is refused with its *ismsaudit.ValidationError and nothing
// is written. Output is the same for the same SoA; the first write error
// is returned.
//
// In CSV, text a spreadsheet would run as a formula (starting with =, +,
// -, @ or an apostrophe) is prefixed with an apostrophe, which ReadSoA
// removes. The workbook has one worksheet, SoASheetName, with a styled
// and frozen header row, column widths, an autofilter, drop-down lists
// for Applicability and Status, and the organization and SoA version as
// custom document properties.
func WriteSoA(w io.Writer, s *annexa.SoA, f Format) error {
	if !f.IsValid() {
		return formatSet.Error(string(f))
	}
	if err := s.Validate(); err != nil {
		return err
	}
	sorted := s.Sorted()
	if f == CSV {
		return writeSoACSV(w, sorted)
	}
	return writeSoAXLSX(w, sorted)
}

// soaRecord returns the cells of one decision's row.
func soaRecord(d annexa.Decision) [colCount]string {
	var r [colCount]string
	c, _ := annexa.LookupControl(string(d.Control))
	r[colControl] = "A." + string(d.Control)
	r[colTitle] = c.Title()
	r[colApplicability] = string(d.Applicability)
	bases := make([]string, len(d.Bases))
	for i, b := range d.Bases {
		bases[i] = string(b)
	}
	r[colBases] = strings.Join(bases, "; ")
	r[colJustification] = d.Justification
	r[colStatus] = string(d.Status)
	return r
}

func writeSoACSV(w io.Writer, s *annexa.SoA) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(soaHeaders[:])
	for _, d := range s.Decisions {
		r := soaRecord(d)
		r[colJustification] = quoteSoAFormula(r[colJustification])
		_ = cw.Write(r[:])
	}
	cw.Flush()
	return cw.Error()
}

// soaWidths are the widths of the SoA columns in a workbook, in
// characters.
var soaWidths = [colCount]float64{10, 42, 14, 30, 70, 22}

func writeSoAXLSX(w io.Writer, s *annexa.SoA) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := buildSoAXLSX(f, s); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

func buildSoAXLSX(f *excelize.File, s *annexa.SoA) error {
	sh := SoASheetName
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	if err != nil {
		return err
	}
	body, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	last := ColumnName(int(colCount) - 1)
	n := len(s.Decisions) + 1
	hrow := make([]any, colCount)
	for i, h := range soaHeaders {
		hrow[i] = h
	}
	if err := f.SetSheetRow(sh, "A1", &hrow); err != nil {
		return err
	}
	row := make([]any, colCount)
	for i, d := range s.Decisions {
		for j, v := range soaRecord(d) {
			row[j] = v
		}
		if err := f.SetSheetRow(sh, "A"+strconv.Itoa(i+2), &row); err != nil {
			return err
		}
	}
	steps := []error{
		f.SetCellStyle(sh, "A1", last+"1", head),
		f.SetCellStyle(sh, "A2", last+strconv.Itoa(n), body),
		f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}),
		f.AutoFilter(sh, "A1:"+last+strconv.Itoa(n), nil),
		f.SetCustomProps(excelize.CustomProperty{Name: soaPropOrganization, Value: s.Organization}),
		f.SetCustomProps(excelize.CustomProperty{Name: soaPropVersion, Value: s.Version}),
	}
	for i, wd := range soaWidths {
		c := ColumnName(i)
		steps = append(steps, f.SetColWidth(sh, c, c, wd))
	}
	for _, l := range []struct {
		col    soaColumn
		values []string
	}{
		{colApplicability, soaTokens(annexa.Applicabilities())},
		{colStatus, soaTokens(annexa.ImplementationStatuses())},
	} {
		dv := excelize.NewDataValidation(true)
		c := ColumnName(int(l.col))
		dv.Sqref = c + "2:" + c + strconv.Itoa(max(n, 2)+200)
		steps = append(steps, dv.SetDropList(l.values), f.AddDataValidation(sh, dv))
	}
	return errors.Join(steps...)
}

// soaTokens lists an enumeration's tokens.
func soaTokens[T ~string](seq iter.Seq[T]) []string {
	var out []string
	for v := range seq {
		out = append(out, string(v))
	}
	return out
}
