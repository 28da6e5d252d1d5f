package audit

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEstablishContactRefusesBadInput checks the contact's input checks.
func TestEstablishContactRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "contact empty", state: StateInitiation, op: func(a *Audit) error { return a.EstablishContact(Contact{}, ismsaudit.Meta{}) },
			want: []problem{{"Person", "required"}, {"EstablishedAt", "required"}, {"EstablishedBy", "required"}, {"Meta.At", "required"}, {"Meta.By", "required"}}},
		{name: "contact in the future", state: StateInitiation, op: func(a *Audit) error {
			return a.EstablishContact(Contact{Person: "Carl", EstablishedAt: hour(5), EstablishedBy: "lead"}, byLead(4))
		}, want: []problem{{"EstablishedAt", "time-order"}}},
	})
}

// TestEstablishContactRefusesWrongState checks that contact is
// established in initiation only.
func TestEstablishContactRefusesWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"contact after initiation", StatePreparation, func(a *Audit) error {
			return a.EstablishContact(Contact{Person: "C", EstablishedAt: hour(20), EstablishedBy: "lead"}, byLead(20))
		}, RuleInitContact},
	})
}

// TestDecideFeasibilityRefusesBadInput checks the feasibility decision's
// input checks.
func TestDecideFeasibilityRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "infeasible without alternative", state: StateInitiation, op: func(a *Audit) error {
			return a.DecideFeasibility(Feasibility{Information: true, DecidedAt: hour(4), DecidedBy: "lead"}, byLead(4))
		}, want: []problem{{"Alternative", RuleInitAlternative}}},
		{name: "feasibility undated", state: StateInitiation, op: func(a *Audit) error { return a.DecideFeasibility(Feasibility{Alternative: "later"}, byLead(4)) },
			want: []problem{{"DecidedAt", "required"}, {"DecidedBy", "required"}}},
	})
}

// TestDecideFeasibilityRefusesWrongState checks that feasibility is
// decided in initiation only.
func TestDecideFeasibilityRefusesWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"feasibility after initiation", StateFieldwork, func(a *Audit) error {
			return a.DecideFeasibility(Feasibility{DecidedAt: hour(40), DecidedBy: "lead", Alternative: "x"}, byLead(40))
		}, RuleInitFeasible},
	})
}

// TestPrepareGuards checks that preparation needs the contact and a
// positive feasibility decision.
func TestPrepareGuards(t *testing.T) {
	testGuards(t, []guardCase{
		{name: "prepare without contact", state: StateInitiation, setup: func(a *Audit) { a.Contact = nil },
			fire: func(a *Audit) error { return a.Prepare(byLead(300)) }, rule: RuleInitContact},
		{name: "prepare without feasibility", state: StateInitiation, setup: func(a *Audit) { a.Feasibility = nil },
			fire: func(a *Audit) error { return a.Prepare(byLead(300)) }, rule: RuleInitFeasible},
		{name: "prepare when not feasible", state: StateInitiation, setup: func(a *Audit) { a.Feasibility.Cooperation = false },
			fire: func(a *Audit) error { return a.Prepare(byLead(300)) }, rule: RuleInitFeasible},
	})
}

// TestPrepareRefusesMetaBeforeFeasibility checks that preparation cannot
// be dated before the feasibility decision.
func TestPrepareRefusesMetaBeforeFeasibility(t *testing.T) {
	a := auditIn(t, StateInitiation)
	a.Feasibility.DecidedAt = hour(8)
	err := a.Prepare(byLead(7))
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, ismsaudit.ReasonMeta, te.Reason)
}
