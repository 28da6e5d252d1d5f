package programme

// ID identifies a programme; the host chooses it.
type ID string

// Programme is an audit programme (ISO 19011:2018 clause 5). Fields are
// exported so that it encodes to JSON and compares with go-cmp; change it
// through its methods, which apply whole or not at all.
type Programme struct {
	// ID is the host's id for the programme.
	ID ID `json:"id"`
	// Version counts versions, from 1; a review that improves the programme
	// starts the next version and keeps the old one.
	Version int `json:"version"`
	// Schedule lists the audits the programme plans.
	Schedule []ScheduledAudit `json:"schedule,omitempty"`
	// Cycles lists the certification cycles the programme runs (for a
	// certification body, one per client).
	Cycles []Cycle `json:"cycles,omitempty"`
}
