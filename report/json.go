package report

import (
	"encoding/json"
	"io"

	"github.com/ismsaudit/ismsaudit"
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
//
// It checks the document's envelope before anything else (see
// ismsaudit.Upgrade): a document of another kind is refused with an
// *ismsaudit.KindError, a newer format version with an
// *ismsaudit.VersionError, and a document of an older version is
// migrated first.
func DecodeAuditReport(data []byte) (*AuditReport, error) {
	data, err := validate.Upgrade(ismsaudit.KindAuditReport, data)
	if err != nil {
		return nil, err
	}
	col := newCollector("audit report")
	var r AuditReport
	if !validate.JSON(col, data, &r) {
		return nil, col.Err()
	}
	// The envelope was checked and, for an older version, migrated (a
	// version 0 document is decoded as it is: see validate.Upgrade).
	r.DocumentKind, r.FormatVersion = ismsaudit.KindAuditReport, ismsaudit.KindAuditReport.FormatVersion()
	if err := r.Check(); err != nil {
		return nil, err
	}
	return &r, nil
}

// DecodeProgrammeReport decodes a programme report from the JSON that
// WriteProgrammeReport writes, strictly (unknown fields, trailing data and
// values that do not fit are refused, with Go-field paths), and checks it
// as Check does. Every problem comes back in a *ismsaudit.ValidationError.
//
// It checks the document's envelope before anything else (see
// ismsaudit.Upgrade): a document of another kind is refused with an
// *ismsaudit.KindError, a newer format version with an
// *ismsaudit.VersionError, and a document of an older version is
// migrated first.
func DecodeProgrammeReport(data []byte) (*ProgrammeReport, error) {
	data, err := validate.Upgrade(ismsaudit.KindProgrammeReport, data)
	if err != nil {
		return nil, err
	}
	col := newCollector("programme report")
	var r ProgrammeReport
	if !validate.JSON(col, data, &r) {
		return nil, col.Err()
	}
	// The envelope was checked and, for an older version, migrated (a
	// version 0 document is decoded as it is: see validate.Upgrade).
	r.DocumentKind, r.FormatVersion = ismsaudit.KindProgrammeReport, ismsaudit.KindProgrammeReport.FormatVersion()
	if err := r.Check(); err != nil {
		return nil, err
	}
	return &r, nil
}
