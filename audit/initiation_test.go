package audit

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
)

// TestEstablishContactRefusesBadInput checks the contact's input checks.
func TestEstablishContactRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "contact empty", state: StateInitiation, op: func(a *Audit) error { return a.EstablishContact(Contact{}, ismsaudit.Meta{}) },
			want: []problem{{"Person", "required"}, {"EstablishedAt", "required"}, {"EstablishedBy", "required"}, {"Meta.At", "required"}, {"Meta.By", "required"}}},
		{name: "contact in the future", state: StateInitiation, op: func(a *Audit) error {
			return a.EstablishContact(Contact{Person: "Carl", EstablishedAt: march(2, 14), EstablishedBy: "lead"}, byLead(march(2, 13)))
		}, want: []problem{{"EstablishedAt", "time-order"}}},
	})
}

// TestEstablishContactRefusesWrongState checks that contact is
// established in initiation only.
func TestEstablishContactRefusesWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"contact after initiation", StatePreparation, func(a *Audit) error {
			return a.EstablishContact(Contact{Person: "C", EstablishedAt: march(3, 5), EstablishedBy: "lead"}, byLead(march(3, 5)))
		}, RuleInitContact},
	})
}

// TestDecideFeasibilityRefusesBadInput checks the feasibility decision's
// input checks.
func TestDecideFeasibilityRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "infeasible without alternative", state: StateInitiation, op: func(a *Audit) error {
			return a.DecideFeasibility(Feasibility{Information: true, DecidedAt: march(2, 13), DecidedBy: "lead"}, byLead(march(2, 13)))
		}, want: []problem{{"Alternative", RuleInitAlternative}}},
		{name: "feasibility decided after it is recorded", state: StateInitiation, op: func(a *Audit) error {
			return a.DecideFeasibility(Feasibility{Alternative: "later", DecidedAt: march(2, 14)}, byLead(march(2, 13)))
		},
			want: []problem{{"DecidedAt", "time-order"}}},
	})
}

// TestDecideFeasibilityRefusesWrongState checks that feasibility is
// decided in initiation only.
func TestDecideFeasibilityRefusesWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"feasibility after initiation", StateFieldwork, func(a *Audit) error {
			return a.DecideFeasibility(Feasibility{DecidedAt: march(4, 1), DecidedBy: "lead", Alternative: "x"}, byLead(march(4, 1)))
		}, RuleInitFeasible},
	})
}

// TestPrepareGuards checks that preparation needs the contact and a
// positive feasibility decision.
func TestPrepareGuards(t *testing.T) {
	testGuards(t, []guardCase{
		{name: "prepare without contact", state: StateInitiation, setup: func(a *Audit) { a.Contact = nil },
			fire: func(a *Audit) error { return a.Prepare(byLead(march(14, 21))) }, rule: RuleInitContact},
		{name: "prepare without feasibility", state: StateInitiation, setup: func(a *Audit) { a.Feasibility = nil },
			fire: func(a *Audit) error { return a.Prepare(byLead(march(14, 21))) }, rule: RuleInitFeasible},
		{name: "prepare when not feasible", state: StateInitiation, setup: func(a *Audit) { a.Feasibility.Cooperation = false },
			fire: func(a *Audit) error { return a.Prepare(byLead(march(14, 21))) }, rule: RuleInitFeasible},
	})
}

// TestPrepareRefusesMetaBeforeFeasibility checks that preparation cannot
// be dated before the feasibility decision.
func TestPrepareRefusesMetaBeforeFeasibility(t *testing.T) {
	a := auditIn(t, StateInitiation)
	a.Feasibility.DecidedAt = march(2, 17)
	requireRefused(t, a.Prepare(byLead(march(2, 16))), ismsaudit.ReasonMeta, RuleRecordWhoWhen)
}
