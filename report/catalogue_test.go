package report

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return rows
}

func render(t *testing.T, fn func(w *bytes.Buffer) error) [][]string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, fn(&buf))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	return rows
}

var reference = filepath.Join("..", "annexa", "testdata", "reference")

// TestControlsCSVMatchesReference compares the printed catalogue with the
// project's reference copy of the 27002:2022 attribute table.
func TestControlsCSVMatchesReference(t *testing.T) {
	got := render(t, func(w *bytes.Buffer) error { return ControlsCSV(w) })
	ref := readCSVFile(t, filepath.Join(reference, "attributes-2022.csv"))
	themes := readCSVFile(t, filepath.Join(reference, "annexa-2022.csv"))
	require.Len(t, got, 94)
	assert.Equal(t, ControlsCSVHeader(), got[0])
	for i := 1; i < len(got); i++ {
		want := []string{ref[i][0], got[i][1], themes[i][2], ref[i][2], ref[i][3], ref[i][4], ref[i][5], ref[i][6]}
		// Values within a cell come in 27002's canonical order; the
		// reference keeps the order of its source, so compare as sets.
		if diff := cmp.Diff(normalised(want), normalised(got[i])); diff != "" {
			t.Errorf("row %d mismatch (-want +got):\n%s", i, diff)
		}
		assert.Equal(t, themes[i][0], got[i][0])
	}
}

func TestClausesCSV(t *testing.T) {
	got := render(t, func(w *bytes.Buffer) error { return ClausesCSV(w) })
	ref := readCSVFile(t, filepath.Join(reference, "clauses-2022.csv"))
	require.Len(t, got, len(ref))
	assert.Equal(t, ClausesCSVHeader(), got[0])
	documented := 0
	for i := 1; i < len(got); i++ {
		assert.Equal(t, ref[i], got[i][:2])
		// The flag says whether the last column names documented information.
		assert.Equal(t, strconv.FormatBool(got[i][3] != ""), got[i][2], got[i][0])
		if got[i][2] == "true" {
			documented++
		}
	}
	assert.Equal(t, []string{"4.3", "Determining the scope of the information security management system", "true"}, got[4][:3])
	assert.Equal(t, []string{"4.1", "Understanding the organization and its context", "false", ""}, got[2])
	assert.Positive(t, documented)
	assert.Less(t, documented, len(got)-1)
}

func TestMap2013CSV(t *testing.T) {
	got := render(t, func(w *bytes.Buffer) error { return Map2013CSV(w) })
	require.Len(t, got, 115)
	assert.Equal(t, Map2013CSVHeader(), got[0])
	ref := readCSVFile(t, filepath.Join(reference, "mapping-2013-2022.csv"))
	want := map[string]string{}
	for _, r := range ref[1:] {
		if want[r[0]] != "" {
			want[r[0]] += ";"
		}
		want[r[0]] += r[2]
	}
	for _, r := range got[1:] {
		assert.Equal(t, want[r[0]], r[2], r[0])
	}
	assert.Equal(t, []string{"18.2.3", "Technical compliance review", "5.36;8.8"}, got[len(got)-1])
}

// normalised sorts the ";"-joined values inside each cell.
func normalised(row []string) []string {
	out := make([]string, len(row))
	for i, cell := range row {
		parts := strings.Split(cell, ";")
		slices.Sort(parts)
		out[i] = strings.Join(parts, ";")
	}
	return out
}
