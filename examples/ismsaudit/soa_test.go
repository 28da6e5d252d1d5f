package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
	"github.com/ismsaudit/ismsaudit/report/sheet"
)

// The sample SoA sheets in testdata: Northwind's SoA (sample.SoA) as CSV,
// and the SoA Northwind kept against ISO/IEC 27001:2013 before, from which
// it was carried.
const (
	soaCSV     = "soa.csv"
	soa2013CSV = "soa-2013.csv"
)

// soaSheet is Northwind's SoA as CSV.
func soaSheet(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, sheet.WriteSoA(&buf, sample.SoA(), sheet.CSV))
	return buf.Bytes()
}

// soa2013Sheet is the SoA Northwind kept against ISO/IEC 27001:2013: each
// 2013 control decided as its first 2022 successor is in sample.SoA, but
// for A.13.2.2 (agreements on information transfer), which it excluded,
// and which makes 5.14 a conflict.
func soa2013Sheet(t *testing.T) []byte {
	t.Helper()
	soa := sample.SoA()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	require.NoError(t, w.Write(sheet.SoAHeader()))
	for c := range annexa.Controls2013() {
		d, ok := soa.Decision(c.Successors()[0].ID())
		require.True(t, ok)
		if c.ID() == "13.2.2" {
			d = annexa.Decision{Applicability: annexa.Excluded,
				Justification: "No transfer agreements: customers fetch their reports from the service themselves, and no data is sent to other parties."}
		}
		bases := make([]string, len(d.Bases))
		for i, b := range d.Bases {
			bases[i] = string(b)
		}
		// The 2013 SoA was last revised under the previous plan.
		why := strings.ReplaceAll(d.Justification, "RTP-2026", "RTP-2021")
		require.NoError(t, w.Write([]string{"A." + string(c.ID()), c.Title(), string(d.Applicability), strings.Join(bases, "; "), why, string(d.Status)}))
	}
	w.Flush()
	require.NoError(t, w.Error())
	return buf.Bytes()
}

// updateSoA rewrites the sample SoA sheets (not -update, which rewrites
// the sample records in another format version).
var updateSoA = flag.Bool("update-soa", false, "rewrite the sample SoA sheets in testdata")

// The committed SoA sheets are what the tests generate; -update-soa
// rewrites them.
func TestSoASampleSheets(t *testing.T) {
	for name, data := range map[string][]byte{soaCSV: soaSheet(t), soa2013CSV: soa2013Sheet(t)} {
		path := filepath.Join("testdata", name)
		if *updateSoA {
			require.NoError(t, os.WriteFile(path, data, 0o644))
			continue
		}
		assert.Equal(t, string(data), string(readFile(t, path)), "%s is stale: go test ./examples/ismsaudit -run SoASampleSheets -update-soa", path)
	}
}

// decodeSoA decodes the SoA document the command printed.
func decodeSoA(t *testing.T, out string) *annexa.SoA {
	t.Helper()
	s, err := annexa.DecodeSoA([]byte(out))
	require.NoError(t, err)
	return s
}

func TestSoAImportExport(t *testing.T) {
	want := sample.SoA()
	sampleCSV := filepath.Join("testdata", soaCSV)

	r := runCommand(t, nil, "soa", "import", "-organization", want.Organization, "-version", want.Version, sampleCSV)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	if diff := cmp.Diff(want, decodeSoA(t, r.stdout)); diff != "" {
		t.Errorf("imported SoA mismatch (-want +got):\n%s", diff)
	}
	doc := r.stdout

	// Export as each format; CSV and XLSX import back to the same SoA.
	dir := t.TempDir()
	jsonFile := filepath.Join(dir, "soa.json")
	require.NoError(t, writeFile(jsonFile, doc))
	for _, f := range []string{"csv", "xlsx"} {
		t.Run(f, func(t *testing.T) {
			r := runCommand(t, nil, "soa", "export", "-format", f, jsonFile)
			require.Equal(t, 0, r.code, r.stderr)
			sheetFile := filepath.Join(dir, "soa."+f)
			require.NoError(t, writeFile(sheetFile, r.stdout))
			r = runCommand(t, nil, "soa", "import", sheetFile)
			require.Equal(t, 0, r.code, r.stderr)
			got := decodeSoA(t, r.stdout)
			w := *want
			if f == "csv" {
				w.Organization, w.Version = "", ""
			}
			if diff := cmp.Diff(&w, got); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
		})
	}
	r = runCommand(t, []byte(doc), "soa", "export", "-format", "csv", "-")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, string(readFile(t, sampleCSV)), r.stdout, "the sample is the export of the sample SoA")

	r = runCommand(t, []byte(doc), "soa", "export", "-format", "markdown", "-")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "# Statement of Applicability: Northwind Analytics Ltd")
	assert.Contains(t, r.stdout, "| A.7.12 | Cabling security | excluded |")

	r = runCommand(t, []byte(doc), "soa", "export", "-format", "html", "-")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "<title>Statement of Applicability: Northwind Analytics Ltd</title>")
}

func TestSoAImport2013(t *testing.T) {
	reportFile := filepath.Join(t.TempDir(), "carried.json")
	r := runCommand(t, nil, "soa", "import", "-edition", "2013", "-report", reportFile, filepath.Join("testdata", soa2013CSV))
	assert.Equal(t, 1, r.code, "controls are left to decide")
	assert.Contains(t, r.stderr, "A.5.14 conflict: merges A.13.2.1, A.13.2.3, included, and A.13.2.2, excluded")
	assert.Contains(t, r.stderr, "A.5.7 new:")
	assert.Contains(t, r.stderr, "12 controls to decide")

	// The printed SoA holds the decided controls; the report lists the rest.
	var soa annexa.SoA
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &soa))
	var carried annexa.CarryReport
	require.NoError(t, json.Unmarshal(readFile(t, reportFile), &carried))
	assert.Len(t, carried.Controls, annexa.ControlCount)
	assert.Len(t, carried.Undecided(), 12)
	assert.Len(t, soa.Decisions, annexa.ControlCount-12)
	d, ok := soa.Decision("7.12")
	require.True(t, ok)
	assert.Equal(t, annexa.Excluded, d.Applicability, "the exclusion is carried from A.11.2.3")
}

func TestSoABadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	data := strings.Replace(string(soaSheet(t)), "A.5.2,", "A.5.99,", 1)
	data = strings.Replace(data, ",excluded,,No server rooms", ",maybe,,No server rooms", 1)
	require.NoError(t, writeFile(bad, data))
	tests := []struct {
		args  []string
		stdin string
		want  []string // on stderr
	}{
		{[]string{"soa", "import", bad}, "", []string{"3 problems", "row 3, column A (Control), A.5.99: unknown", `row 58, column C (Applicability), 7.12: enum "maybe"`, "5.2: ANX-SOA-COMPLETE"}},
		{[]string{"soa", "import", "-format", "xlsx", bad}, "", []string{"not an XLSX workbook"}},
		{[]string{"soa", "import", filepath.Join("testdata", soa2013CSV)}, "", []string{"1 problem", "the ids are ISO/IEC 27001:2013 ids", "-edition 2013"}},
		{[]string{"soa", "import", "-"}, "Control,Title\n", []string{"no Applicability column"}},
		{[]string{"soa", "import", "-format", "ods", bad}, "", []string{"valid: csv, xlsx"}},
		{[]string{"soa", "import", "-edition", "2017", bad}, "", []string{"valid: 2022, 2013"}},
		{[]string{"soa", "import", "-report", "x.json", bad}, "", []string{"-report needs -edition 2013"}},
		{[]string{"soa", "import"}, "", []string{"missing FILE"}},
		{[]string{"soa", "export", "-format", "pdf", "-"}, "", []string{"valid: csv, xlsx, markdown, html"}},
		{[]string{"soa", "export", "-"}, "{}", []string{"not a valid record"}},
		{[]string{"soa"}, "", []string{"missing subcommand"}},
		{[]string{"soa", "merge"}, "", []string{`unknown subcommand "merge" (valid: import, export)`}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCommand(t, []byte(tt.stdin), tt.args...)
			assert.Equal(t, 2, r.code, r.stderr)
			assert.Empty(t, r.stdout, "nothing is half-read")
			for _, w := range tt.want {
				assert.Contains(t, r.stderr, w)
			}
		})
	}
}
