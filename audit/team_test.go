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
			}, byLead(march(2, 13)))
		}, want: []problem{{"Members", RuleTeamLeader}, {"Members[1].Auditor", "unique"}, {"Members[2].Auditor", "required"},
			{"Members[3].Name", "required"}, {"Members[3].Role", "enum"}, {"Members[4].Organization", "required"}}},
		{name: "team without leader", state: StateInitiation, op: func(a *Audit) error {
			return a.SetTeam([]Member{{Auditor: "ana", Name: "Ana", Role: competence.RoleAuditor}}, byLead(march(2, 13)))
		}, want: []problem{{"Members", RuleTeamLeader}}},
	})
}

// TestSetTeamRefusesWrongState checks that the team is set before
// fieldwork ends and while the plan is not approved.
func TestSetTeamRefusesWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"team after fieldwork", StateFindings, func(a *Audit) error { return a.SetTeam(fixtureTeam(), byLead(march(5, 7))) }, RulePlanWhen},
		{"team of an approved plan", StatePreparation, func(a *Audit) error { return a.SetTeam(fixtureTeam(), byLead(march(3, 5))) }, RulePlanReapproved},
	})
}

// TestSetTeamKeepsACopy checks that the audit keeps its own copy of the
// team: changing the caller's slice afterwards changes nothing in the
// record.
func TestSetTeamKeepsACopy(t *testing.T) {
	a := auditIn(t, StateInitiation)
	team := fixtureTeam()
	require.NoError(t, a.SetTeam(team, byLead(march(2, 13))))
	team[0].Name = "changed"
	assert.Equal(t, "Lena Lead", a.Team[0].Name)
}
