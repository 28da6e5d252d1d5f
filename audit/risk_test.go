package audit

import (
	"testing"
)

// TestEscalateRiskRefusesBadInput checks the escalated risk's input
// checks.
func TestEscalateRiskRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "risk not escalated", state: StateFieldwork, op: func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-1", FoundAt: march(4, 1)}, byLead(march(4, 1)))
		}, want: []problem{{"ID", "unique"}, {"Description", "required"}, {"FoundBy", "required"}, {"EscalatedAt", RuleRiskEscalated}, {"EscalatedTo", RuleRiskEscalated}}},
		{name: "risk escalated before found", state: StateFieldwork, op: func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-2", Description: "d", FoundAt: march(4, 1), FoundBy: "ana", EscalatedAt: march(4, 0), EscalatedTo: "CISO"}, byLead(march(4, 2)))
		}, want: []problem{{"EscalatedAt", RuleRiskEscalated}}},
		{name: "risk in the future", state: StateFieldwork, op: func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-2", Description: "d", FoundAt: march(4, 1), FoundBy: "ana", EscalatedAt: march(4, 3), EscalatedTo: "CISO"}, byLead(march(4, 2)))
		}, want: []problem{{"EscalatedAt", "time-order"}}},
	})
}

// TestEscalateRiskRefusesWrongState checks that risks are escalated
// during fieldwork only.
func TestEscalateRiskRefusesWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"risk after fieldwork", StateFindings, func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-9", Description: "d", FoundAt: march(5, 7), FoundBy: "ana", EscalatedAt: march(5, 7), EscalatedTo: "CISO"}, byLead(march(5, 7)))
		}, RuleRiskEscalated},
	})
}
