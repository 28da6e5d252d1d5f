package ismsaudit

// EvidenceID identifies an item of an audit's evidence log. The host
// chooses it; the library never makes ids up. It is defined here because
// two packages refer to the same items: an audit's evidence log and
// findings (package audit) and the evidence references of a checklist
// assessment (package annexa).
type EvidenceID string

// AuditID identifies an audit (the host chooses it). It is defined here
// because packages below and above audit refer to audits: an auditor's
// audit log (package competence), a programme's scheduled audits
// (package programme) and the reports.
type AuditID string

// ProgrammeID identifies an audit programme (the host chooses it). It is
// defined here because an audit names the programme it belongs to, and
// package audit sits below package programme.
type ProgrammeID string
