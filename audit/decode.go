package audit

import "github.com/ismsaudit/ismsaudit/internal/validate"

// Decode reads an audit record from JSON strictly: unknown fields, values
// that do not fit their type, enumeration tokens that are not valid and
// trailing data are refused with a *ismsaudit.ValidationError whose path uses Go
// field names ("Findings[3].Kind"). Decode checks the form of the JSON
// only: call Verify to check the record against the process rules.
func Decode(data []byte) (*Audit, error) {
	col := newCollector("audit record")
	var a Audit
	if !validate.JSON(col, data, &a) {
		return nil, col.Err()
	}
	return &a, nil
}
