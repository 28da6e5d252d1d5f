package report

import (
	"encoding/json"
	"io"

	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// writeJSON writes v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// DecodeAuditReport decodes an audit report from the JSON that
// WriteAuditReport writes, strictly (unknown fields, trailing data and
// values that do not fit are refused, with Go-field paths), and checks it
// as Check does. Every problem comes back in a *ismsaudit.ValidationError.
func DecodeAuditReport(data []byte) (*AuditReport, error) {
	col := newCollector("audit report")
	var r AuditReport
	if !validate.JSON(col, data, &r) {
		return nil, col.Err()
	}
	if err := r.Check(); err != nil {
		return nil, err
	}
	return &r, nil
}

// DecodeProgrammeReport decodes a programme report from the JSON that
// WriteProgrammeReport writes, strictly (unknown fields, trailing data and
// values that do not fit are refused, with Go-field paths), and checks it
// as Check does. Every problem comes back in a *ismsaudit.ValidationError.
func DecodeProgrammeReport(data []byte) (*ProgrammeReport, error) {
	col := newCollector("programme report")
	var r ProgrammeReport
	if !validate.JSON(col, data, &r) {
		return nil, col.Err()
	}
	if err := r.Check(); err != nil {
		return nil, err
	}
	return &r, nil
}
