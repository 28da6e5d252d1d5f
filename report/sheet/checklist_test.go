package sheet_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
	"github.com/ismsaudit/ismsaudit/report/sheet"
)

// tb is what the fixtures need of a test; the examples pass exampleT.
type tb interface {
	Helper()
	require.TestingT
}

// exampleT stands in for a *testing.T in the examples: a failure stops
// the example with a panic.
type exampleT struct{}

func (exampleT) Helper()                        {}
func (exampleT) Errorf(format string, a ...any) { panic(fmt.Sprintf(format, a...)) }
func (exampleT) FailNow()                       { panic("the example's fixture failed") }

// fieldworkAudit returns an audit in fieldwork whose checklist items are
// all pending: the audittest checklist (clause 9.2's requirements and
// controls A.5.15 and A.8.8) and documents more document items, with
// evidence verified items E-1 ... E-<evidence>. It returns the Meta of the
// next step too.
func fieldworkAudit(t tb, documents, evidence int) (*audit.Audit, ismsaudit.Meta) {
	t.Helper()
	b := audittest.NewBuilder(t, &audittest.Options{Through: audit.StatePreparation})
	a := b.Build()
	if documents > 0 {
		cl := *a.Checklist
		cl.Items = append([]annexa.Item(nil), cl.Items...)
		for i := range documents {
			cl.Items = append(cl.Items, annexa.Item{Ref: annexa.RefToDocument(fmt.Sprintf("procedure-%03d", i+1)),
				Title: fmt.Sprintf("Operating procedure %d", i+1), Questions: []string{"is the procedure current and followed?"},
				EvidenceHints: []string{"the procedure", "records of its use"}, Result: annexa.NotAssessed})
		}
		require.NoError(t, a.AttachChecklist(&cl, b.Meta()))
	}
	m := b.Meta()
	require.NoError(t, a.HoldOpeningMeeting(audit.OpeningMeeting{HeldAt: m.At, Attendees: []audit.Attendee{{Name: "Lena Lead"}, {Name: "Carl", Organization: "Acme Ltd"}},
		PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true}, m))
	for i := range evidence {
		id := ismsaudit.EvidenceID("E-" + strconv.Itoa(i+1))
		m := b.Meta()
		require.NoError(t, a.CollectEvidence(audit.Evidence{ID: id, Source: audit.SourceRecord, Description: "records examined",
			Supports: []annexa.Ref{a.Checklist.Items[0].Ref}, CollectedBy: string(audittest.Auditor), CollectedAt: m.At,
			Confidentiality: audit.ConfidentialityInternal}, m))
		require.NoError(t, a.VerifyEvidence(id, b.Meta()))
	}
	return a, b.Meta()
}

// snapshot is the audit as JSON, to tell whether a refused import changed
// anything.
func snapshot(t testing.TB, a *audit.Audit) string {
	t.Helper()
	data, err := json.Marshal(a)
	require.NoError(t, err)
	return string(data)
}

// requireUnchanged fails when a differs from the snapshot before.
func requireUnchanged(t testing.TB, before string, a *audit.Audit) {
	t.Helper()
	if diff := cmp.Diff(before, snapshot(t, a)); diff != "" {
		t.Fatalf("a refused import changed the audit: mismatch (-want +got):\n%s", diff)
	}
}

// outcome is what a checklist item holds after fieldwork.
type outcome struct {
	Result   annexa.Result
	Notes    string
	Evidence []ismsaudit.EvidenceID
	Reason   string
}

func outcomes(cl *annexa.Checklist) map[string]outcome {
	m := map[string]outcome{}
	for _, it := range cl.Items {
		m[it.Ref.String()] = outcome{it.Result, it.Notes, it.EvidenceRefs, it.NotAuditedReason}
	}
	return m
}

// fill is what a test writes into an item's fillable cells.
type fill struct {
	result, notes, evidence, reason string
}

// fillXLSX fills the checklist workbook data as an auditor would, through
// excelize, row by item reference, and returns the saved workbook.
func fillXLSX(t testing.TB, data []byte, fills map[string]fill) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(sheet.ChecklistSheet)
	require.NoError(t, err)
	done := 0
	for i, row := range rows[1:] {
		fl, ok := fills[row[0]]
		if !ok {
			continue
		}
		n := strconv.Itoa(i + 2)
		for col, v := range map[string]string{"E": fl.result, "F": fl.notes, "G": fl.evidence, "H": fl.reason} {
			require.NoError(t, f.SetCellStr(sheet.ChecklistSheet, col+n, v))
		}
		done++
	}
	require.Equal(t, len(fills), done, "every fill names an item row")
	var out bytes.Buffer
	require.NoError(t, f.Write(&out))
	return out.Bytes()
}

// fillCSV fills the checklist CSV data, row by item reference.
func fillCSV(t testing.TB, data []byte, fills map[string]fill) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)
	for _, row := range rows[1:] {
		if fl, ok := fills[row[0]]; ok {
			row[4], row[5], row[6], row[7] = fl.result, fl.notes, fl.evidence, fl.reason
		}
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	require.NoError(t, w.WriteAll(rows))
	return out.Bytes()
}

// format is one of the two file formats of a checklist, as the tests
// drive them.
type format struct {
	name  string
	write func(*bytes.Buffer, *audit.Audit) error
	fill  func(testing.TB, []byte, map[string]fill) []byte
	read  func([]byte, *audit.Audit, ismsaudit.Meta) (sheet.Applied, error)
}

var formats = []format{
	{"xlsx", func(b *bytes.Buffer, a *audit.Audit) error { return sheet.WriteFieldwork(b, a, sheet.XLSX) }, fillXLSX,
		func(d []byte, a *audit.Audit, m ismsaudit.Meta) (sheet.Applied, error) {
			return sheet.ReadFieldwork(bytes.NewReader(d), sheet.XLSX, a, m)
		}},
	{"csv", func(b *bytes.Buffer, a *audit.Audit) error { return sheet.WriteFieldwork(b, a, sheet.CSV) }, fillCSV,
		func(d []byte, a *audit.Audit, m ismsaudit.Meta) (sheet.Applied, error) {
			return sheet.ReadFieldwork(bytes.NewReader(d), sheet.CSV, a, m)
		}},
}

// TestChecklistRoundTrip fills a written checklist as an auditor would
// and reads it back: the audit then holds exactly the results filled in,
// and Applied counts every row.
func TestChecklistRoundTrip(t *testing.T) {
	for _, ft := range formats {
		t.Run(ft.name, func(t *testing.T) {
			a, m := fieldworkAudit(t, 2, 3)
			var buf bytes.Buffer
			require.NoError(t, ft.write(&buf, a))
			refs := make([]string, len(a.Checklist.Items))
			for i, it := range a.Checklist.Items {
				refs[i] = it.Ref.String()
			}
			require.GreaterOrEqual(t, len(refs), 5)
			fills := map[string]fill{
				refs[0]: {result: "conforms", evidence: "E-1"},
				refs[1]: {result: " Minor-Nonconformity ", notes: "\uFEFFtwo leavers kept their access", evidence: "E-2;\nE-3 "},
				refs[2]: {reason: "the process owner was on leave"},
				refs[3]: {result: "opportunity-for-improvement", notes: "=reviews could be automated"},
			}
			filled := ft.fill(t, buf.Bytes(), fills)
			applied, err := ft.read(filled, a, m)
			require.NoError(t, err)
			assert.Equal(t, sheet.Applied{Assessed: 3, NotAudited: 1, Blank: len(refs) - 4}, applied)

			want := outcomes(a.Checklist) // the untouched items as they were
			want[refs[0]] = outcome{annexa.Conforms, "", []ismsaudit.EvidenceID{"E-1"}, ""}
			want[refs[1]] = outcome{annexa.MinorNonconformity, "two leavers kept their access", []ismsaudit.EvidenceID{"E-2", "E-3"}, ""}
			want[refs[2]] = outcome{annexa.NotAssessed, "", nil, "the process owner was on leave"}
			want[refs[3]] = outcome{annexa.OpportunityForImprovement, "=reviews could be automated", nil, ""}
			for _, r := range refs[4:] {
				want[r] = outcome{Result: annexa.NotAssessed}
			}
			if diff := cmp.Diff(want, outcomes(a.Checklist)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}

			// Written again and read back unchanged, nothing is recorded.
			buf.Reset()
			require.NoError(t, ft.write(&buf, a))
			before := snapshot(t, a)
			applied, err = ft.read(buf.Bytes(), a, m)
			require.NoError(t, err)
			assert.Equal(t, sheet.Applied{Unchanged: 4, Blank: len(refs) - 4}, applied)
			requireUnchanged(t, before, a)
		})
	}
}

// TestWriteFieldworkXLSXLayout checks the workbook's layout: the header,
// one row per item with its questions and hints, the drop-down list of
// results, the protection with the fillable columns unlocked, the frozen
// header, and the About sheet naming the audit.
func TestWriteFieldworkXLSXLayout(t *testing.T) {
	a, _ := fieldworkAudit(t, 0, 1)
	var buf bytes.Buffer
	require.NoError(t, sheet.WriteFieldwork(&buf, a, sheet.XLSX))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{sheet.ChecklistSheet, sheet.AboutSheet}, f.GetSheetList())

	rows, err := f.GetRows(sheet.ChecklistSheet)
	require.NoError(t, err)
	require.Len(t, rows, len(a.Checklist.Items)+1)
	assert.Equal(t, sheet.ChecklistHeader(), rows[0])
	it := a.Checklist.Items[0]
	assert.Equal(t, []string{it.Ref.String(), it.Title, strings.Join(it.Questions, "\n"), strings.Join(it.EvidenceHints, "\n")}, rows[1][:4])

	dvs, err := f.GetDataValidations(sheet.ChecklistSheet)
	require.NoError(t, err)
	require.Len(t, dvs, 1)
	last := strconv.Itoa(len(a.Checklist.Items) + 1)
	assert.Equal(t, "E2:E"+last, dvs[0].Sqref)
	for r := range annexa.Results() {
		if r != annexa.NotAssessed {
			assert.Contains(t, dvs[0].Formula1, string(r))
		}
	}

	for col, wantLocked := range map[string]bool{"A": true, "B": true, "C": true, "D": true, "E": false, "F": false, "G": false, "H": false} {
		id, err := f.GetCellStyle(sheet.ChecklistSheet, col+"2")
		require.NoError(t, err)
		st, err := f.GetStyle(id)
		require.NoError(t, err)
		require.NotNil(t, st.Protection, col)
		assert.Equal(t, wantLocked, st.Protection.Locked, "column %s locked", col)
	}
	panes, err := f.GetPanes(sheet.ChecklistSheet)
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 1, panes.YSplit)

	about, err := f.GetRows(sheet.AboutSheet)
	require.NoError(t, err)
	assert.Equal(t, []string{"Audit", string(a.ID)}, about[0])

	var again bytes.Buffer
	require.NoError(t, sheet.WriteFieldwork(&again, a, sheet.XLSX))
	var first bytes.Buffer
	require.NoError(t, sheet.WriteFieldwork(&first, a, sheet.XLSX))
	assert.True(t, bytes.Equal(first.Bytes(), again.Bytes()), "the same audit gives the same bytes")
}

// TestWriteChecklistRefusesNoChecklist checks that an audit without a
// checklist is refused by the writers and the readers alike.
func TestWriteChecklistRefusesNoChecklist(t *testing.T) {
	a := audittest.NewBuilder(t, &audittest.Options{Through: audit.StateInitiation}).Build()
	for name, err := range map[string]error{
		"xlsx writer": sheet.WriteFieldwork(&bytes.Buffer{}, a, sheet.XLSX),
		"csv writer":  sheet.WriteFieldwork(&bytes.Buffer{}, a, sheet.CSV),
		"nil audit":   sheet.WriteFieldwork(&bytes.Buffer{}, nil, sheet.CSV),
		"xlsx reader": second(sheet.ReadFieldwork(strings.NewReader(""), sheet.XLSX, a, ismsaudit.Meta{})),
		"csv reader":  second(sheet.ReadFieldwork(strings.NewReader(""), sheet.CSV, a, ismsaudit.Meta{})),
	} {
		var ve *ismsaudit.ValidationError
		require.ErrorAs(t, err, &ve, name)
		require.ErrorIs(t, err, ismsaudit.ErrInvalid, name)
	}
}

func second[T any](_ T, err error) error { return err }

// cellProblem is where a problem must be reported: row, column and rule.
type cellProblem struct {
	Row    int
	Column string
	Rule   ismsaudit.RuleID
}

func located(ie *sheet.ImportError) []cellProblem {
	out := make([]cellProblem, len(ie.Problems))
	for i, p := range ie.Problems {
		out[i] = cellProblem{p.Row, p.Column, p.Rule}
	}
	return out
}

// TestReadChecklistRefusesBadRows checks that every problem of a filled
// checklist is reported at once at its row and column, and that nothing
// is recorded: not even the rows without problems.
func TestReadChecklistRefusesBadRows(t *testing.T) {
	for _, ft := range formats {
		t.Run(ft.name, func(t *testing.T) {
			a, m := fieldworkAudit(t, 6, 2)
			var buf bytes.Buffer
			require.NoError(t, ft.write(&buf, a))
			var refs []string
			for _, it := range a.Checklist.Items {
				refs = append(refs, it.Ref.String())
			}
			filled := ft.fill(t, buf.Bytes(), map[string]fill{
				refs[0]: {result: "conforms", evidence: "E-1"},                                // fine
				refs[1]: {result: "maybe", notes: "x"},                                        // not a result
				refs[2]: {result: "major-nonconformity", evidence: "E-1"},                     // no notes
				refs[3]: {result: "conforms", evidence: "E-1; E-404"},                         // evidence the audit lacks
				refs[4]: {notes: "seen"},                                                      // notes without a result
				refs[5]: {result: "observation", notes: "n", reason: "no time"},               // both
				refs[6]: {reason: "no time", evidence: "E-1"},                                 // evidence on an item not audited
				refs[7]: {result: "not-applicable", notes: "the process was outsourced"},      // fine
				refs[8]: {result: "minor-nonconformity", notes: "late reviews", evidence: ""}, // no evidence
			})
			before := snapshot(t, a)
			_, err := ft.read(filled, a, m)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ie *sheet.ImportError
			require.ErrorAs(t, err, &ie)
			want := []cellProblem{
				{3, "E", ismsaudit.RuleEnum},
				{4, "F", annexa.RuleAssessmentNotes},
				{5, "G", ismsaudit.RuleUnknown},
				{6, "E", ismsaudit.RuleRequired},
				{7, "H", annexa.RuleItemOneOutcome},
				{8, "H", annexa.RuleItemOneOutcome},
				{10, "G", annexa.RuleAssessmentEvidence},
			}
			if diff := cmp.Diff(want, located(ie)); diff != "" {
				t.Errorf("problems: mismatch (-want +got):\n%s", diff)
			}
			for _, p := range ie.Problems {
				assert.NotEmpty(t, p.ID, "row %d names its item", p.Row)
				assert.NotEmpty(t, p.Header, "row %d names its column's header", p.Row)
			}
			requireUnchanged(t, before, a)
		})
	}
}

// TestReadFieldworkCSVRefusesBadLines checks the problems only a hand-made
// file has: unknown, malformed and repeated references, a row with no
// reference, a missing column; and a byte-order mark before the header,
// which is fine.
func TestReadFieldworkCSVRefusesBadLines(t *testing.T) {
	a, m := fieldworkAudit(t, 0, 1)
	ref := a.Checklist.Items[0].Ref.String()
	tests := []struct {
		name string
		csv  string
		want []cellProblem
	}{
		{"item not on the checklist", "Ref,Result,Notes,Evidence refs,Not audited because\nA.7.4,conforms,,E-1,\n",
			[]cellProblem{{2, "A", ismsaudit.RuleUnknown}}},
		{"malformed reference", "Ref,Result,Notes,Evidence refs,Not audited because\nA.99.x,conforms,,E-1,\n",
			[]cellProblem{{2, "A", ismsaudit.RuleFormat}}},
		{"item twice", "Ref,Result,Notes,Evidence refs,Not audited because\n" + ref + ",conforms,,E-1,\n" + ref + ",,,,\n",
			[]cellProblem{{3, "A", ismsaudit.RuleUnique}}},
		{"no reference", "Ref,Result,Notes,Evidence refs,Not audited because\n,conforms,,E-1,\n",
			[]cellProblem{{2, "A", ismsaudit.RuleRequired}}},
		{"missing columns", "Ref,Result\n" + ref + ",conforms\n",
			[]cellProblem{{1, "", ismsaudit.RuleRequired}, {1, "", ismsaudit.RuleRequired}, {1, "", ismsaudit.RuleRequired}}},
		{"unbalanced quote", "Ref,Result,Notes,Evidence refs,Not audited because\n\"" + ref + ",conforms\n",
			[]cellProblem{{2, "", ismsaudit.RuleFormat}}},
		{"empty file", "", []cellProblem{{0, "", ismsaudit.RuleRequired}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshot(t, a)
			_, err := sheet.ReadFieldwork(strings.NewReader(tt.csv), sheet.CSV, a, m)
			var ie *sheet.ImportError
			require.ErrorAs(t, err, &ie)
			if diff := cmp.Diff(tt.want, located(ie)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			requireUnchanged(t, before, a)
		})
	}
	t.Run("byte-order mark and reordered columns", func(t *testing.T) {
		applied, err := sheet.ReadFieldwork(strings.NewReader("\uFEFFResult,Ref,Evidence refs,Notes,Not audited because\nconforms,"+ref+",E-1,,\n"), sheet.CSV, a, m)
		require.NoError(t, err)
		assert.Equal(t, sheet.Applied{Assessed: 1, Absent: len(a.Checklist.Items) - 1}, applied)
	})
}

// TestReadChecklistRefusesOtherAudit checks that a workbook written for
// another audit, or without its About sheet, is refused.
func TestReadChecklistRefusesOtherAudit(t *testing.T) {
	a, m := fieldworkAudit(t, 0, 1)
	var buf bytes.Buffer
	require.NoError(t, sheet.WriteFieldwork(&buf, a, sheet.XLSX))
	for name, change := range map[string]func(f *excelize.File) error{
		"another audit": func(f *excelize.File) error { return f.SetCellStr(sheet.AboutSheet, "B1", "A-OTHER-9") },
		"no About":      func(f *excelize.File) error { return f.DeleteSheet(sheet.AboutSheet) },
	} {
		t.Run(name, func(t *testing.T) {
			f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			require.NoError(t, err)
			require.NoError(t, change(f))
			var out bytes.Buffer
			require.NoError(t, f.Write(&out))
			before := snapshot(t, a)
			_, err = sheet.ReadFieldwork(&out, sheet.XLSX, a, m)
			var ie *sheet.ImportError
			require.ErrorAs(t, err, &ie)
			assert.True(t, slicesContainsRule(ie, sheet.RuleChecklistAudit), "problems: %v", ie.Problems)
			requireUnchanged(t, before, a)
		})
	}
}

func slicesContainsRule(ie *sheet.ImportError, rule ismsaudit.RuleID) bool {
	for _, p := range ie.Problems {
		if p.Rule == rule {
			return true
		}
	}
	return false
}

// TestReadChecklistRefusesNotAWorkbook checks that a file that is not a
// workbook is refused with one problem of format.
func TestReadChecklistRefusesNotAWorkbook(t *testing.T) {
	a, m := fieldworkAudit(t, 0, 1)
	before := snapshot(t, a)
	_, err := sheet.ReadFieldwork(strings.NewReader("Ref,Result\n"), sheet.XLSX, a, m)
	var ie *sheet.ImportError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, []cellProblem{{0, "", ismsaudit.RuleFormat}}, located(ie))
	requireUnchanged(t, before, a)
}

// TestReadChecklistRefusesWrongState checks that results are read into
// an audit in fieldwork only: another state gives the audit's
// *ismsaudit.TransitionError, and a bad Meta is reported too.
func TestReadChecklistRefusesWrongState(t *testing.T) {
	a, _ := fieldworkAudit(t, 0, 1)
	var buf bytes.Buffer
	require.NoError(t, sheet.WriteFieldwork(&buf, a, sheet.CSV))
	ref := a.Checklist.Items[0].Ref.String()
	filled := fillCSV(t, buf.Bytes(), map[string]fill{ref: {result: "conforms", evidence: "E-1"}})

	before := snapshot(t, a)
	_, err := sheet.ReadFieldwork(bytes.NewReader(filled), sheet.CSV, a, ismsaudit.Meta{})
	var ie *sheet.ImportError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, []cellProblem{{0, "", ismsaudit.RuleRequired}, {0, "", ismsaudit.RuleRequired}}, located(ie), "Meta.At and Meta.By")
	requireUnchanged(t, before, a)

	closed := audittest.NewBuilder(t, nil).Build()
	before = snapshot(t, closed)
	_, err = sheet.ReadFieldwork(bytes.NewReader(filled), sheet.CSV, closed, ismsaudit.Meta{At: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), By: "x"})
	require.ErrorIs(t, err, ismsaudit.ErrTransition)
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, audit.RuleChecklistFieldwork, te.Rule)
	requireUnchanged(t, before, closed)
}

// fuzzReader checks a checklist reader on arbitrary input: it never
// panics; a refused file changes nothing in the audit; an accepted one,
// read again, records nothing more and changes nothing.
func fuzzReader(f *testing.F, ft format) {
	a, m := fieldworkAudit(f, 2, 3)
	var buf bytes.Buffer
	require.NoError(f, ft.write(&buf, a))
	f.Add(buf.Bytes())
	var refs []string
	for _, it := range a.Checklist.Items {
		refs = append(refs, it.Ref.String())
	}
	f.Add(ft.fill(f, buf.Bytes(), map[string]fill{
		refs[0]: {result: "conforms", evidence: "E-1"},
		refs[1]: {result: "minor-nonconformity", notes: "late", evidence: "E-2; E-3"},
		refs[2]: {reason: "no time"},
	}))
	f.Add(ft.fill(f, buf.Bytes(), map[string]fill{refs[0]: {result: "maybe"}, refs[1]: {result: "conforms", evidence: "E-9"}}))
	state := snapshot(f, a)
	f.Fuzz(func(t *testing.T, data []byte) {
		fresh, err := audit.Decode([]byte(state))
		require.NoError(t, err)
		applied, err := ft.read(data, fresh, m)
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			requireUnchanged(t, state, fresh)
			return
		}
		after := snapshot(t, fresh)
		again, err := ft.read(data, fresh, m)
		require.NoError(t, err, "an accepted file is accepted again")
		assert.Zero(t, again.Assessed+again.NotAudited, "nothing more to record the second time")
		assert.Equal(t, applied.Assessed+applied.NotAudited+applied.Unchanged, again.Unchanged)
		requireUnchanged(t, after, fresh)
	})
}

func FuzzReadFieldworkCSV(f *testing.F)  { fuzzReader(f, formats[1]) }
func FuzzReadFieldworkXLSX(f *testing.F) { fuzzReader(f, formats[0]) }

// TestWriteFieldworkXLSXRefusesLongText checks that notes longer than a
// cell holds are refused, naming the cell, rather than cut short.
func TestWriteFieldworkXLSXRefusesLongText(t *testing.T) {
	a, m := fieldworkAudit(t, 0, 1)
	ref := a.Checklist.Items[0].Ref
	require.NoError(t, a.RecordResult(ref, annexa.Assessment{Result: annexa.Observation, Notes: strings.Repeat("é", excelize.TotalCellChars+1)}, m))
	var buf bytes.Buffer
	err := sheet.WriteFieldwork(&buf, a, sheet.XLSX)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has(sheet.ChecklistSheet+"!F2", ismsaudit.RuleRange), "%v", ve.Fields)
	assert.Zero(t, buf.Len())
	require.NoError(t, sheet.WriteFieldwork(&buf, a, sheet.CSV), "a CSV cell has no such limit")
}

// TestFieldworkUnknownFormat checks that a format the package does not
// know is refused by name on the way out and on the way in, and that the
// audit is left as it was.
func TestFieldworkUnknownFormat(t *testing.T) {
	a, m := fieldworkAudit(t, 0, 1)
	before := snapshot(t, a)
	var buf bytes.Buffer
	err := sheet.WriteFieldwork(&buf, a, "ods")
	var pe *ismsaudit.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "ods", pe.Input)
	assert.Equal(t, []string{"csv", "xlsx"}, pe.Valid)
	assert.Zero(t, buf.Len())
	require.NoError(t, sheet.WriteFieldwork(&buf, a, sheet.CSV))
	applied, err := sheet.ReadFieldwork(bytes.NewReader(buf.Bytes()), "ods", a, m)
	require.ErrorAs(t, err, &pe)
	assert.ErrorIs(t, err, ismsaudit.ErrInvalid)
	assert.Zero(t, applied)
	requireUnchanged(t, before, a)
}
