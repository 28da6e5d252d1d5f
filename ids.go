package ismsaudit

// EvidenceID identifies an item of an audit's evidence log. The host
// chooses it; the library never makes ids up. It is defined here because
// two packages refer to the same items: an audit's evidence log and
// findings (package audit) and the evidence references of a checklist
// assessment (package annexa).
type EvidenceID string
