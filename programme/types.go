package programme

import (
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// Window is when a scheduled audit must take place: not before Earliest,
// not after Latest (either may be zero for no bound).
type Window struct {
	Earliest time.Time `json:"earliest,omitzero"`
	Latest   time.Time `json:"latest,omitzero"`
}

// ScheduledAudit is one audit the programme plans (ISO 19011:2018 5.4.3,
// 5.5): what kind, of whom, where, covering what, when, how long and by
// whom. Once the audit is under way its record (package audit) carries the
// same id in Audit.
type ScheduledAudit struct {
	// ID is the host's id of the planned audit.
	ID string `json:"id"`
	// Kind is the kind of audit.
	Kind annexa.AuditKind `json:"kind"`
	// Auditee is the organization audited.
	Auditee string `json:"auditee"`
	// Sites are the sites visited, when the auditee has several.
	Sites []string `json:"sites,omitempty"`
	// Clauses and Controls are the requirements and Annex A controls the
	// audit covers.
	Clauses  []annexa.ClauseID  `json:"clauses,omitempty"`
	Controls []annexa.ControlID `json:"controls,omitempty"`
	// Due is when it must take place; Start is when it is planned to start.
	Due   Window    `json:"due"`
	Start time.Time `json:"start,omitzero"`
	// Days is the planned audit time in auditor days.
	Days float64 `json:"days,omitempty"`
	// Team is the team selected for it, once staffed.
	Team *competence.Team `json:"team,omitempty"`
	// Audit is the id of the audit record, once it exists.
	Audit audit.ID `json:"audit,omitempty"`
}
