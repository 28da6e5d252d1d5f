package report

import (
	"encoding/csv"
	"io"
	"time"
)

// csvWriter writes records and reports the first error at Flush.
type csvWriter struct {
	*csv.Writer
	// draft adds DraftCSVColumn in front of every row (see head).
	draft bool
}

func newCSV(w io.Writer) csvWriter { return csvWriter{Writer: csv.NewWriter(w)} }

// newReportCSV returns a writer for the CSV of a report, a draft's when
// draft is set.
func newReportCSV(w io.Writer, draft bool) csvWriter {
	return csvWriter{Writer: csv.NewWriter(w), draft: draft}
}

// head writes the header row: names, after DraftCSVColumn for a draft.
func (c csvWriter) head(names ...string) {
	if c.draft {
		names = append([]string{DraftCSVColumn}, names...)
	}
	_ = c.Write(names) // errors surface at done
}

// row writes a data row: fields, after "draft" for a draft.
func (c csvWriter) row(fields ...string) {
	if c.draft {
		fields = append([]string{draftStatus}, fields...)
	}
	_ = c.Write(fields) // errors surface at done
}

func (c csvWriter) done() error {
	c.Flush()
	return c.Error()
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
