package audit

import (
	"testing"

	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSetTeamRefusesBadInput checks the team's input checks.
func TestSetTeamRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "team with two leaders and holes", state: StateInitiation, op: func(a *Audit) error {
			return a.SetTeam([]Member{
				{Auditor: "lead", Name: "Lena", Role: competence.RoleTeamLeader},
				{Auditor: "lead", Name: "Lena again", Role: competence.RoleTeamLeader},
				{Name: "Ana", Role: competence.RoleAuditor},
				{Auditor: "x", Role: "boss"},
				{Name: "Gus", Role: competence.RoleGuide},
			}, byLead(4))
		}, want: []problem{{"Members", RuleTeamLeader}, {"Members[1].Auditor", "unique"}, {"Members[2].Auditor", "required"},
			{"Members[3].Name", "required"}, {"Members[3].Role", "enum"}, {"Members[4].Organization", "required"}}},
		{name: "team without leader", state: StateInitiation, op: func(a *Audit) error {
			return a.SetTeam([]Member{{Auditor: "ana", Name: "Ana", Role: competence.RoleAuditor}}, byLead(4))
		}, want: []problem{{"Members", RuleTeamLeader}}},
	})
}

// TestSetTeamRefusesWrongState checks that the team is set before
// fieldwork ends and while the plan is not approved.
func TestSetTeamRefusesWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"team after fieldwork", StateFindings, func(a *Audit) error { return a.SetTeam(fixtureTeam(), byLead(70)) }, RulePlanWhen},
		{"team of an approved plan", StatePreparation, func(a *Audit) error { return a.SetTeam(fixtureTeam(), byLead(20)) }, RulePlanReapproved},
	})
}

// TestSetTeamKeepsACopy checks that the audit keeps its own copy of the
// team: changing the caller's slice afterwards changes nothing in the
// record.
func TestSetTeamKeepsACopy(t *testing.T) {
	a := auditIn(t, StateInitiation)
	team := fixtureTeam()
	require.NoError(t, a.SetTeam(team, byLead(4)))
	team[0].Name = "changed"
	assert.Equal(t, "Lena Lead", a.Team[0].Name)
}
