package audit

import (
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// Decode reads an audit record from JSON strictly: unknown fields, values
// that do not fit their type, enumeration tokens that are not valid and
// trailing data are refused with a *ismsaudit.ValidationError whose path uses Go
// field names ("Findings[3].Kind"). Decode checks the form of the JSON
// only: call Verify to check the record against the process rules.
//
// It checks the document's envelope before anything else (see
// ismsaudit.Upgrade): a document of another kind is refused with an
// *ismsaudit.KindError, a newer format version with an
// *ismsaudit.VersionError, and a document of an older version is
// migrated first.
func Decode(data []byte) (*Audit, error) {
	data, err := validate.Upgrade(ismsaudit.KindAudit, data)
	if err != nil {
		return nil, err
	}
	col := newCollector("audit record")
	var a Audit
	if !validate.JSON(col, data, &a) {
		return nil, col.Err()
	}
	// The envelope was checked and, for an older version, migrated (a
	// version 0 document is decoded as it is: see validate.Upgrade).
	a.DocumentKind, a.FormatVersion = ismsaudit.KindAudit, ismsaudit.KindAudit.FormatVersion()
	return &a, nil
}
