package report

import (
	"errors"

	"github.com/ismsaudit/ismsaudit"
)

// ErrUnverified reports that a final report was refused because a record
// it would be built from does not verify; the error is an
// *[UnverifiedError] that lists every violation. The other sentinels are
// the ones every ismsaudit package shares ([ismsaudit.ErrInvalid],
// [ismsaudit.ErrNotFound], [ismsaudit.ErrTransition]), so errors.Is works
// across packages.
var ErrUnverified = errors.New("report: the records do not verify")

// UnverifiedError reports that BuildAuditReport or BuildProgrammeReport
// refused to build a final report because the records it would be built
// from break the process rules (audit.Verify, programme.Verify). Err
// holds every violation with its path and rule; the host corrects the
// record, or asks for a draft (AuditReportOptions.Draft,
// ProgrammeReportOptions.Draft), which lists the same violations. It
// unwraps to ErrUnverified and to Err, so errors.As reaches the
// *ismsaudit.ValidationError and errors.Is(err, ismsaudit.ErrInvalid)
// holds.
type UnverifiedError struct {
	// Rule is the rule that refused: RuleRecordVerifies for an audit
	// report, RuleProgrammeRecordsVerify for a programme report.
	Rule ismsaudit.RuleID `json:"rule"`
	// Err lists the violations: for an audit report, the error of
	// audit.Verify itself; for a programme report, those of
	// programme.Verify at their own paths and those of audit.Verify on
	// each record at "Audits[i]." and their path, i the record's position
	// among those given.
	Err *ismsaudit.ValidationError `json:"err"`
}

// Error names the rule, then lists the violations as Err does.
func (e *UnverifiedError) Error() string {
	s := "report: final report refused (" + string(e.Rule) + "): the records it is built from do not verify; a draft can be asked for"
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns ErrUnverified and Err.
func (e *UnverifiedError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrUnverified}
	}
	return []error{ErrUnverified, e.Err}
}
