package sheet_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/report/sheet"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// testSoA returns a complete SoA: most controls included by the risk
// treatment, some for law or contract, three excluded, with text a
// spreadsheet would take for a formula and text with commas, quotes and
// line breaks.
func testSoA(t testing.TB) *annexa.SoA {
	t.Helper()
	s, err := annexa.NewSoA("Example Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Chosen by the risk treatment plan",
		Status:        annexa.Implemented,
	})
	require.NoError(t, err)
	s.Version = "2026.1"
	require.NoError(t, s.Include("5.31", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisLegalOrRegulatory, annexa.BasisContractual},
		Justification: "Data protection law; \"customer\" contracts, clause 7,\nannex B",
		Status:        annexa.PartiallyImplemented,
	}))
	require.NoError(t, s.Include("8.11", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisBusiness},
		Justification: "=masking of test data (formula-looking text)",
		Status:        annexa.Planned,
	}))
	require.NoError(t, s.Include("5.7", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "'quoted' threat feeds",
		Status:        annexa.NotImplemented,
	}))
	require.NoError(t, s.Exclude("7.12", "No own cabling: offices are rented with the landlord's network"))
	require.NoError(t, s.Exclude("8.30", "-- no outsourced development"))
	require.NoError(t, s.Exclude("7.5", "Offices on upper floors of a shared building; the landlord covers physical threats"))
	return s
}

func write(t testing.TB, s *annexa.SoA, f sheet.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, sheet.WriteSoA(&buf, s, f))
	return buf.Bytes()
}

func TestSoARoundTrip(t *testing.T) {
	for f := range sheet.Formats() {
		t.Run(f.String(), func(t *testing.T) {
			want := testSoA(t)
			data := write(t, want, f)
			got, err := sheet.ReadSoA(bytes.NewReader(data), f)
			require.NoError(t, err)
			if f == sheet.CSV { // a CSV file has no place for them
				want.Organization, want.Version = "", ""
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
			again := write(t, testSoA(t), f)
			assert.True(t, bytes.Equal(data, again), "the same SoA is written byte for byte the same")
		})
	}
}

func TestWriteSoACSV(t *testing.T) {
	data := write(t, testSoA(t), sheet.CSV)
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, annexa.ControlCount+1)
	assert.Equal(t, sheet.SoAHeader(), recs[0])
	assert.Equal(t, []string{"A.5.1", "Policies for information security", "applicable", "risk-treatment", "Chosen by the risk treatment plan", "implemented"}, recs[1])
	row := func(id string) []string {
		for _, r := range recs {
			if r[0] == id {
				return r
			}
		}
		t.Fatalf("no row %s", id)
		return nil
	}
	assert.Equal(t, "'=masking of test data (formula-looking text)", row("A.8.11")[4], "formula-looking text is neutralised")
	assert.Equal(t, "'-- no outsourced development", row("A.8.30")[4])
	assert.Equal(t, "legal-or-regulatory-requirement; contractual-requirement", row("A.5.31")[3])
	assert.Equal(t, []string{"A.7.12", "Cabling security", "excluded", "", "No own cabling: offices are rented with the landlord's network", ""}, row("A.7.12"))
}

func TestWriteSoAXLSX(t *testing.T) {
	data := write(t, testSoA(t), sheet.XLSX)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{sheet.SoASheetName}, f.GetSheetList())
	rows, err := f.GetRows(sheet.SoASheetName)
	require.NoError(t, err)
	require.Len(t, rows, annexa.ControlCount+1)
	assert.Equal(t, sheet.SoAHeader(), rows[0])
	panes, err := f.GetPanes(sheet.SoASheetName)
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 1, panes.YSplit)
	dvs, err := f.GetDataValidations(sheet.SoASheetName)
	require.NoError(t, err)
	require.Len(t, dvs, 2)
	assert.Contains(t, dvs[0].Formula1, "applicable,excluded")
	assert.Contains(t, dvs[1].Formula1, "partially-implemented")
	w, err := f.GetColWidth(sheet.SoASheetName, "E")
	require.NoError(t, err)
	assert.Greater(t, w, 50.0)
	typ, err := f.GetCellType(sheet.SoASheetName, "A2")
	require.NoError(t, err)
	assert.NotEqual(t, excelize.CellTypeNumber, typ, "ids are text")
}

func TestWriteSoARefuses(t *testing.T) {
	var buf bytes.Buffer
	incomplete := testSoA(t)
	incomplete.Decisions = incomplete.Decisions[1:]
	err := sheet.WriteSoA(&buf, incomplete, sheet.CSV)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Decisions", annexa.RuleSoAComplete))
	assert.Zero(t, buf.Len(), "nothing is written")

	err = sheet.WriteSoA(&buf, testSoA(t), sheet.Format("ods"))
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var pe *ismsaudit.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "ods", pe.Input)
	assert.Zero(t, buf.Len())
}

// csvOf renders rows as CSV.
func csvOf(rows ...[]string) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.WriteAll(rows)
	return buf.Bytes()
}

// soaRows returns the CSV rows of testSoA.
func soaRows(t *testing.T) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(write(t, testSoA(t), sheet.CSV))).ReadAll()
	require.NoError(t, err)
	return recs
}

func TestReadSoATolerates(t *testing.T) {
	want := testSoA(t)
	want.Organization, want.Version = "", ""
	tests := []struct {
		name string
		edit func([][]string) [][]string
	}{
		{"byte-order mark, header case and spacing", func(rs [][]string) [][]string {
			rs[0] = []string{"\uFEFFcontrol ID", " TITLE ", "Applicable", "Inclusion bases", "reason", "Implementation status"}
			return rs
		}},
		{"columns in another order, no title", func(rs [][]string) [][]string {
			for i, r := range rs {
				rs[i] = []string{r[5], r[4], r[3], r[2], r[0]}
			}
			return rs
		}},
		{"rows in any order, blank rows, short ids, cells padded", func(rs [][]string) [][]string {
			body := rs[1:]
			slices.Reverse(body)
			for _, r := range body {
				r[0] = " " + strings.TrimPrefix(r[0], "A.") + "\uFEFF"
			}
			out := [][]string{rs[0], {"", "", "", "", "", ""}, {}}
			return append(append(out, body...), []string{" ", "", "", "", "", ""})
		}},
		{"other words for values", func(rs [][]string) [][]string {
			for _, r := range rs[1:] {
				switch r[2] {
				case "applicable":
					r[2] = "Yes"
				case "excluded":
					r[2] = "NO"
				}
				r[5] = strings.ReplaceAll(strings.ToUpper(r[5][:min(1, len(r[5]))])+r[5][min(1, len(r[5])):], "-", " ")
				r[3] = strings.ReplaceAll(strings.ReplaceAll(r[3], "legal-or-regulatory-requirement", "Legal"), "; ", ",\n")
			}
			return rs
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sheet.ReadSoA(bytes.NewReader(csvOf(tt.edit(soaRows(t))...)), sheet.CSV)
			require.NoError(t, err)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// at returns the problem's location and rule, the fields the tests check.
func at(p sheet.Problem) sheet.Problem {
	return sheet.Problem{Row: p.Row, Column: p.Column, Header: p.Header, ID: p.ID, Rule: p.Rule, Value: p.Value}
}

func TestReadSoAReportsEveryProblem(t *testing.T) {
	tests := []struct {
		name string
		edit func([][]string) [][]string
		want []sheet.Problem
	}{
		{"unknown, missing and duplicate controls, missing decision and justification", func(rs [][]string) [][]string {
			rs[1][0] = "A.5.99"                  // 5.1 missing, 5.99 unknown
			rs[3][2] = ""                        // 5.3 undecided
			rs[4][4] = "  "                      // 5.4 unjustified
			rs = append(rs, slices.Clone(rs[6])) // 5.6 twice
			rs[5][2] = "perhaps"                 // 5.5
			rs[7][5] = "done"                    // 5.7
			rs[8][3] = "risk-treatment; whim"    // 5.8
			return rs
		}, []sheet.Problem{
			{Row: 0, Column: "A", Header: "Control", ID: "5.1", Rule: annexa.RuleSoAComplete},
			{Row: 2, Column: "A", Header: "Control", ID: "A.5.99", Rule: ismsaudit.RuleUnknown, Value: "A.5.99"},
			{Row: 4, Column: "C", Header: "Applicability", ID: "5.3", Rule: ismsaudit.RuleRequired},
			{Row: 5, Column: "E", Header: "Justification", ID: "5.4", Rule: annexa.RuleInclusionJustified},
			{Row: 6, Column: "C", Header: "Applicability", ID: "5.5", Rule: ismsaudit.RuleEnum, Value: "perhaps"},
			{Row: 8, Column: "F", Header: "Status", ID: "5.7", Rule: ismsaudit.RuleEnum, Value: "done"},
			{Row: 9, Column: "D", Header: "Bases", ID: "5.8", Rule: ismsaudit.RuleEnum, Value: "risk-treatment; whim"},
			{Row: 95, Column: "A", Header: "Control", ID: "5.6", Rule: ismsaudit.RuleUnique, Value: "A.5.6"},
		}},
		{"excluded with a status", func(rs [][]string) [][]string {
			for _, r := range rs {
				if r[0] == "A.7.12" {
					r[5] = "implemented"
				}
			}
			return rs
		}, []sheet.Problem{
			{Row: 58, Column: "F", Header: "Status", ID: "7.12", Rule: annexa.RuleExclusionConsistent, Value: "implemented"},
		}},
		{"unknown, repeated and missing columns", func(rs [][]string) [][]string {
			rs[0][1] = "Owner"
			rs[0][4] = "Status"
			return rs
		}, []sheet.Problem{
			{Row: 1, Header: "Justification", Rule: ismsaudit.RuleRequired},
			{Row: 1, Column: "B", Header: "Owner", Rule: ismsaudit.RuleUnknown, Value: "Owner"},
			{Row: 1, Column: "F", Header: "Status", Rule: ismsaudit.RuleUnique, Value: "Status"},
		}},
		{"a value in a column without a header", func(rs [][]string) [][]string {
			rs[10] = append(rs[10], "", "stray note")
			return rs
		}, []sheet.Problem{
			{Row: 11, Column: "H", Rule: ismsaudit.RuleUnknown, Value: "stray note"},
		}},
		{"empty", func([][]string) [][]string { return nil }, []sheet.Problem{
			{Rule: ismsaudit.RuleRequired},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := sheet.ReadSoA(bytes.NewReader(csvOf(tt.edit(soaRows(t))...)), sheet.CSV)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			assert.Nil(t, s, "nothing is half-read")
			var ie *sheet.ImportError
			require.ErrorAs(t, err, &ie)
			got := make([]sheet.Problem, len(ie.Problems))
			for i, p := range ie.Problems {
				got[i] = at(p)
				assert.NotEmpty(t, p.Detail, "problem %d says what is expected", i)
			}
			sortProblems(tt.want)
			sortProblems(got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func sortProblems(ps []sheet.Problem) {
	slices.SortStableFunc(ps, func(a, b sheet.Problem) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return strings.Compare(a.Column+a.Header, b.Column+b.Header)
	})
}

func TestReadSoAXLSX(t *testing.T) {
	t.Run("numeric ids", func(t *testing.T) {
		f, err := excelize.OpenReader(bytes.NewReader(write(t, testSoA(t), sheet.XLSX)))
		require.NoError(t, err)
		require.NoError(t, f.SetCellFloat(sheet.SoASheetName, "A11", 5.10, 2, 64)) // 5.10 stored as 5.1
		var buf bytes.Buffer
		_, err = f.WriteTo(&buf)
		require.NoError(t, err)
		require.NoError(t, f.Close())
		_, err = sheet.ReadSoA(&buf, sheet.XLSX)
		var ie *sheet.ImportError
		require.ErrorAs(t, err, &ie)
		assert.True(t, ie.Has(11, ismsaudit.RuleFormat), "%v", ie)
		assert.Equal(t, sheet.SoASheetName, ie.Problems[len(ie.Problems)-1].Sheet)
	})
	t.Run("first sheet of a hand-made workbook", func(t *testing.T) {
		f := excelize.NewFile()
		require.NoError(t, f.SetSheetName("Sheet1", "SoA 2026"))
		for i, r := range soaRows(t) {
			row := make([]any, len(r))
			for j, v := range r {
				row[j] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			require.NoError(t, f.SetSheetRow("SoA 2026", cell, &row))
		}
		var buf bytes.Buffer
		_, err := f.WriteTo(&buf)
		require.NoError(t, err)
		got, err := sheet.ReadSoA(&buf, sheet.XLSX)
		require.NoError(t, err)
		want := testSoA(t)
		want.Organization, want.Version = "", ""
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("not a workbook", func(t *testing.T) {
		for _, data := range [][]byte{nil, []byte("Control,Title\n"), []byte("PK\x03\x04garbage")} {
			_, err := sheet.ReadSoA(bytes.NewReader(data), sheet.XLSX)
			var ie *sheet.ImportError
			require.ErrorAs(t, err, &ie)
			require.Len(t, ie.Problems, 1)
			assert.Equal(t, ismsaudit.RuleFormat, ie.Problems[0].Rule)
		}
	})
	t.Run("unknown format", func(t *testing.T) {
		_, err := sheet.ReadSoA(strings.NewReader(""), sheet.Format("ods"))
		require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	})
}

func TestReadSoACSVSyntax(t *testing.T) {
	_, err := sheet.ReadSoA(strings.NewReader("Control,Title\n\"A.5.1,x\n"), sheet.CSV)
	var ie *sheet.ImportError
	require.ErrorAs(t, err, &ie)
	require.Len(t, ie.Problems, 1)
	assert.Equal(t, ismsaudit.RuleFormat, ie.Problems[0].Rule)
	assert.Equal(t, 2, ie.Problems[0].Row)
}

// rows2013 returns a 2013 SoA as CSV rows: every control included, 13.2.2
// excluded (a conflict for 5.14).
func rows2013() [][]string {
	rows := [][]string{sheet.SoAHeader()}
	for c := range annexa.Controls2013() {
		r := []string{"A." + string(c.ID()), c.Title(), "applicable", "risk-treatment", "Chosen by the risk treatment", "implemented"}
		if c.ID() == "13.2.2" {
			r = []string{"A.13.2.2", c.Title(), "excluded", "", "No transfer agreements needed", ""}
		}
		rows = append(rows, r)
	}
	return rows
}

func TestReadSoA2013(t *testing.T) {
	for f := range sheet.Formats() {
		t.Run(f.String(), func(t *testing.T) {
			data := csvOf(rows2013()...)
			if f == sheet.XLSX {
				x := excelize.NewFile()
				for i, r := range rows2013() {
					row := make([]any, len(r))
					for j, v := range r {
						row[j] = v
					}
					cell, _ := excelize.CoordinatesToCellName(1, i+1)
					require.NoError(t, x.SetSheetRow("Sheet1", cell, &row))
				}
				var buf bytes.Buffer
				_, err := x.WriteTo(&buf)
				require.NoError(t, err)
				data = buf.Bytes()
			}
			s, rep, err := sheet.ReadSoA2013(bytes.NewReader(data), f)
			require.NoError(t, err)
			assert.Equal(t, 12, len(rep.Undecided()))
			assert.Equal(t, 1, rep.Count(annexa.CarryConflict))
			assert.Len(t, s.Decisions, annexa.ControlCount-12)
		})
	}
	t.Run("problems", func(t *testing.T) {
		rs := rows2013()
		rs[1][0] = "A.5.1.9"
		rs[2][2] = ""
		_, _, err := sheet.ReadSoA2013(bytes.NewReader(csvOf(rs...)), sheet.CSV)
		var ie *sheet.ImportError
		require.ErrorAs(t, err, &ie)
		got := make([]sheet.Problem, len(ie.Problems))
		for i, p := range ie.Problems {
			got[i] = at(p)
		}
		want := []sheet.Problem{
			{Column: "A", Header: "Control", ID: "5.1.1", Rule: annexa.RuleSoAComplete},
			{Row: 2, Column: "A", Header: "Control", ID: "A.5.1.9", Rule: ismsaudit.RuleUnknown, Value: "A.5.1.9"},
			{Row: 3, Column: "C", Header: "Applicability", ID: "5.1.2", Rule: ismsaudit.RuleRequired},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("problems mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestFormatEnum(t *testing.T) {
	for f := range sheet.Formats() {
		require.True(t, f.IsValid())
		got, err := sheet.ParseFormat(f.String())
		require.NoError(t, err)
		assert.Equal(t, f, got)
		text, err := f.MarshalText()
		require.NoError(t, err)
		var back sheet.Format
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, f, back)
	}
	_, err := sheet.ParseFormat("XLSX")
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	assert.False(t, sheet.Format("").IsValid())
}

func TestSoAHeaderIsACopy(t *testing.T) {
	h := sheet.SoAHeader()
	h[0] = "changed"
	assert.Equal(t, "Control", sheet.SoAHeader()[0])
}

// checkReadBack writes an SoA a reader accepted and reads it back: the
// same SoA.
func checkReadBack(t *testing.T, s *annexa.SoA, f sheet.Format) {
	var buf bytes.Buffer
	require.NoError(t, sheet.WriteSoA(&buf, s, f), "an accepted SoA is valid")
	back, err := sheet.ReadSoA(&buf, f)
	require.NoError(t, err)
	if diff := cmp.Diff(s, back); diff != "" {
		t.Fatalf("read back mismatch (-want +got):\n%s", diff)
	}
}

func FuzzReadSoACSV(f *testing.F) {
	f.Add(write(f, testSoA(f), sheet.CSV))
	f.Add(csvOf(rows2013()...))
	f.Add([]byte("\uFEFFControl,Applicability,Bases,Justification,Status\nA.5.1,yes,legal,x,planned\n"))
	f.Add([]byte("Control,Title\n\"A.5.1,x\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := sheet.ReadSoA(bytes.NewReader(data), sheet.CSV)
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			require.Nil(t, s)
			return
		}
		checkReadBack(t, s, sheet.CSV)
	})
}

func FuzzReadSoAXLSX(f *testing.F) {
	valid := write(f, testSoA(f), sheet.XLSX)
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := sheet.ReadSoA(bytes.NewReader(data), sheet.XLSX)
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			require.Nil(t, s)
			return
		}
		checkReadBack(t, s, sheet.XLSX)
	})
}

// A sheet of the other edition is refused with one problem that says so,
// not one per row.
func TestReadSoAOtherEdition(t *testing.T) {
	_, err := sheet.ReadSoA(bytes.NewReader(csvOf(rows2013()...)), sheet.CSV)
	var ie *sheet.ImportError
	require.ErrorAs(t, err, &ie)
	require.Len(t, ie.Problems, 1)
	assert.Equal(t, sheet.Problem{Column: "A", Header: "Control", Rule: sheet.RuleSoAEdition}, at(ie.Problems[0]))

	_, _, err = sheet.ReadSoA2013(bytes.NewReader(write(t, testSoA(t), sheet.CSV)), sheet.CSV)
	require.ErrorAs(t, err, &ie)
	require.Len(t, ie.Problems, 1)
	assert.Equal(t, sheet.RuleSoAEdition, ie.Problems[0].Rule)
}
