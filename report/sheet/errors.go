package sheet

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ismsaudit/ismsaudit"
)

// Problem is one problem an importer found in a spreadsheet, located as a
// person looking at the sheet finds it: worksheet, row number, column
// letter and header, and the id (control or checklist item) the row is
// about.
type Problem struct {
	// Sheet is the worksheet's name; empty for CSV.
	Sheet string `json:"sheet,omitempty"`
	// Row is the row number as the spreadsheet shows it (the header row
	// is 1); 0 when the problem concerns the sheet as a whole.
	Row int `json:"row,omitempty"`
	// Column is the column's letter ("C"); empty when the problem
	// concerns the whole row or sheet.
	Column string `json:"column,omitempty"`
	// Header is the column's header as written in the header row.
	Header string `json:"header,omitempty"`
	// ID is the control id or checklist item the row is about, when the
	// row names one.
	ID string `json:"id,omitempty"`
	// Rule names what failed: a shape rule (ismsaudit.RuleRequired,
	// ismsaudit.RuleEnum, ismsaudit.RuleUnknown, ...) or the id of a
	// process rule such as "ANX-ASSESSMENT-NOTES".
	Rule ismsaudit.RuleID `json:"rule"`
	// Value is the cell's text, when it has one.
	Value string `json:"value,omitempty"`
	// Detail says in a few words what was expected.
	Detail string `json:"detail,omitempty"`
}

// String renders the problem on one line, e.g.
// `row 12, column C (Applicability), control 5.23: enum "maybe": want applicable or excluded`.
func (p Problem) String() string {
	var b strings.Builder
	if p.Sheet != "" {
		fmt.Fprintf(&b, "sheet %q, ", p.Sheet)
	}
	if p.Row > 0 {
		b.WriteString("row " + strconv.Itoa(p.Row))
	} else {
		b.WriteString("the sheet")
	}
	if p.Column != "" {
		b.WriteString(", column " + p.Column)
		if p.Header != "" {
			b.WriteString(" (" + p.Header + ")")
		}
	}
	if p.ID != "" {
		b.WriteString(", " + p.ID)
	}
	b.WriteString(": " + string(p.Rule))
	if p.Value != "" {
		b.WriteString(" " + strconv.Quote(p.Value))
	}
	if p.Detail != "" {
		b.WriteString(": " + p.Detail)
	}
	return b.String()
}

// ImportError reports every problem an importer found, in sheet and row
// order. An import that returns it has applied nothing. It matches
// ismsaudit.ErrInvalid with errors.Is.
type ImportError struct {
	// What names what was being read, e.g. "Statement of Applicability".
	What string `json:"what"`
	// Problems lists every problem found.
	Problems []Problem `json:"problems"`
}

// Error lists the problems, one per line after the first.
func (e *ImportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "sheet: reading the %s: %d problem", e.What, len(e.Problems))
	if len(e.Problems) != 1 {
		b.WriteByte('s')
	}
	for _, p := range e.Problems {
		b.WriteString("\n\t" + p.String())
	}
	return b.String()
}

// Unwrap makes the error match ismsaudit.ErrInvalid.
func (e *ImportError) Unwrap() error { return ismsaudit.ErrInvalid }

// Has reports whether a problem at the row with the rule was found.
func (e *ImportError) Has(row int, rule ismsaudit.RuleID) bool {
	for _, p := range e.Problems {
		if p.Row == row && p.Rule == rule {
			return true
		}
	}
	return false
}

// ColumnName returns the spreadsheet letter of a zero-based column index:
// 0 is "A", 25 "Z", 26 "AA".
func ColumnName(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append(b, byte('A'+(i-1)%26))
	}
	for l, r := 0, len(b)-1; l < r; l, r = l+1, r-1 {
		b[l], b[r] = b[r], b[l]
	}
	return string(b)
}

// TrimCell removes what a spreadsheet program adds around a cell's text:
// a byte-order mark (U+FEFF, which Go's white space does not include) at
// either end, and white space.
func TrimCell(s string) string {
	for {
		t := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "\uFEFF"), "\uFEFF"))
		if t == s {
			return s
		}
		s = t
	}
}
