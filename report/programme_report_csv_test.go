package report

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProgrammeScheduleCSV(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&buf, programmeReport(t), CSV))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 9)
	assert.Equal(t, ProgrammeScheduleCSVHeader(), rows[0])
	for _, row := range rows {
		assert.Len(t, row, len(ProgrammeScheduleCSVHeader()))
	}
	assert.Equal(t, []string{"IA-2026-01", "internal", northwind}, rows[1][:3])
	assert.Equal(t, "completed", rows[1][13])
	assert.Equal(t, "true", rows[2][16], "SP-2026-01 is past its window")
}
