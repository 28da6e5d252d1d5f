package audit

import (
	"testing"
)

// TestEscalateRiskRefusesBadInput checks the escalated risk's input
// checks.
func TestEscalateRiskRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "risk not escalated", state: StateFieldwork, op: func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-1", FoundAt: hour(40)}, byLead(40))
		}, want: []problem{{"ID", "unique"}, {"Description", "required"}, {"FoundBy", "required"}, {"EscalatedAt", RuleRiskEscalated}, {"EscalatedTo", RuleRiskEscalated}}},
		{name: "risk escalated before found", state: StateFieldwork, op: func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-2", Description: "d", FoundAt: hour(40), FoundBy: "ana", EscalatedAt: hour(39), EscalatedTo: "CISO"}, byLead(41))
		}, want: []problem{{"EscalatedAt", RuleRiskEscalated}}},
		{name: "risk in the future", state: StateFieldwork, op: func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-2", Description: "d", FoundAt: hour(40), FoundBy: "ana", EscalatedAt: hour(42), EscalatedTo: "CISO"}, byLead(41))
		}, want: []problem{{"EscalatedAt", "time-order"}}},
	})
}

// TestEscalateRiskRefusesWrongState checks that risks are escalated
// during fieldwork only.
func TestEscalateRiskRefusesWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"risk after fieldwork", StateFindings, func(a *Audit) error {
			return a.EscalateRisk(EscalatedRisk{ID: "R-9", Description: "d", FoundAt: hour(70), FoundBy: "ana", EscalatedAt: hour(70), EscalatedTo: "CISO"}, byLead(70))
		}, RuleRiskEscalated},
	})
}
