package report

import (
	"encoding/csv"
	"io"
	"time"
)

// csvWriter writes records and reports the first error at Flush.
type csvWriter struct{ *csv.Writer }

func newCSV(w io.Writer) csvWriter { return csvWriter{csv.NewWriter(w)} }

func (c csvWriter) row(fields ...string) { _ = c.Write(fields) } // errors surface at done

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
