package report

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCSVHeadersAreCopies changes every element of each header a caller
// gets and checks that neither the next caller nor the next CSV written
// sees the change.
func TestCSVHeadersAreCopies(t *testing.T) {
	r, p, c := internalReport(t), programmeReport(t), filledChecklist(t)
	for _, tt := range []struct {
		name   string
		header func() []string
		write  func(w io.Writer) error
	}{
		{"findings register", AuditFindingsCSVHeader, func(w io.Writer) error { return WriteAuditReport(w, r, CSV) }},
		{"nonconformity actions", NonconformityActionsCSVHeader, func(w io.Writer) error { return WriteNonconformityActions(w, r) }},
		{"programme schedule", ProgrammeScheduleCSVHeader, func(w io.Writer) error { return WriteProgrammeReport(w, p, CSV) }},
		{"checklist", ChecklistCSVHeader, func(w io.Writer) error { return WriteChecklist(w, c, CSV) }},
		{"controls", ControlsCSVHeader, ControlsCSV},
		{"clauses", ClausesCSVHeader, ClausesCSV},
		{"2013 map", Map2013CSVHeader, Map2013CSV},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.header()
			require.NotEmpty(t, want)
			got := tt.header()
			for i := range got {
				got[i] = "changed"
			}
			assert.Equal(t, want, tt.header(), "a later call")
			var buf bytes.Buffer
			require.NoError(t, tt.write(&buf))
			first, err := csv.NewReader(&buf).Read()
			require.NoError(t, err)
			assert.Equal(t, want, first, "the header row written")
			assert.False(t, slices.Contains(first, "changed"))
		})
	}
}
