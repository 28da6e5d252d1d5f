package competence_test

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckTeam(t *testing.T) {
	pool, err := competence.NewPool(basePool(t), nil)
	require.NoError(t, err)
	needs := baseNeeds(competence.LanguageNeed("en"), competence.LanguageNeed("de"), competence.TechnicalAreaNeed("ot"))
	needs.MaxAuditors = 2
	needs.Exclude = []competence.AuditorID{"aud-c"}
	m := func(id competence.AuditorID, r competence.Role) competence.Member {
		return competence.Member{Auditor: id, Role: r}
	}
	tests := []struct {
		name    string
		team    competence.Team
		path    string
		rule    ismsaudit.RuleID
		invalid bool
	}{
		{"valid", competence.Team{Leader: "lead-a", Members: []competence.Member{
			m("lead-a", competence.RoleTeamLeader), m("aud-b", competence.RoleAuditor), m("exp-d", competence.RoleTechnicalExpert)}}, "", "", false},
		{"empty", competence.Team{}, "Members", competence.RuleTeamLeader, true},
		{"no leader", competence.Team{Leader: "aud-b", Members: []competence.Member{
			m("aud-b", competence.RoleAuditor), m("lead-a", competence.RoleAuditor), m("exp-d", competence.RoleTechnicalExpert)}}, "Leader", competence.RuleTeamLeader, true},
		{"leader not competent to lead", competence.Team{Leader: "aud-b", Members: []competence.Member{
			m("aud-b", competence.RoleTeamLeader), m("lead-a", competence.RoleAuditor), m("exp-d", competence.RoleTechnicalExpert)}}, "Members[0].Auditor", competence.RuleTeamLeader, true},
		{"expert leading", competence.Team{Leader: "exp-d", Members: []competence.Member{
			m("exp-d", competence.RoleTeamLeader), m("lead-a", competence.RoleAuditor), m("aud-b", competence.RoleAuditor)}}, "Members[0].Auditor", competence.RuleTeamCompetent, true},
		{"not an expert", competence.Team{Leader: "lead-a", Members: []competence.Member{
			m("lead-a", competence.RoleTeamLeader), m("aud-b", competence.RoleAuditor), m("exp-d", competence.RoleTechnicalExpert), m("none-g", competence.RoleTechnicalExpert)}},
			"Members[3].Role", competence.RuleTeamExperts, true},
		{"need not met", competence.Team{Leader: "lead-a", Members: []competence.Member{
			m("lead-a", competence.RoleTeamLeader), m("exp-d", competence.RoleTechnicalExpert)}}, "Needs[1]", competence.RuleTeamCovers, true},
		{"conflict", competence.Team{Leader: "lead-e", Members: []competence.Member{
			m("lead-e", competence.RoleTeamLeader), m("exp-d", competence.RoleTechnicalExpert)}}, "Members[0].Auditor", competence.RuleTeamIndependent, true},
		{"excluded", competence.Team{Leader: "lead-a", Members: []competence.Member{
			m("lead-a", competence.RoleTeamLeader), m("aud-b", competence.RoleAuditor), m("aud-c", competence.RoleTechnicalExpert), m("exp-d", competence.RoleTechnicalExpert)}},
			"Members[2].Auditor", competence.RuleTeamAvailable, true},
		{"twice", competence.Team{Leader: "lead-a", Members: []competence.Member{
			m("lead-a", competence.RoleTeamLeader), m("aud-b", competence.RoleAuditor), m("exp-d", competence.RoleTechnicalExpert), m("aud-b", competence.RoleAuditor)}},
			"Members[3].Auditor", competence.RuleTeamAvailable, true},
		{"too many auditors", competence.Team{Leader: "lead-a", Members: []competence.Member{
			m("lead-a", competence.RoleTeamLeader), m("aud-b", competence.RoleAuditor), m("aud-f", competence.RoleAuditor), m("exp-d", competence.RoleTechnicalExpert)}},
			"Members", competence.RuleTeamSize, true},
		{"unknown person", competence.Team{Leader: "lead-a", Members: []competence.Member{
			m("lead-a", competence.RoleTeamLeader), m("aud-b", competence.RoleAuditor), m("exp-d", competence.RoleTechnicalExpert), m("zed", competence.RoleTechnicalExpert)}},
			"Members[3].Auditor", "unknown", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := pool.CheckTeam(tt.team, needs, nil)
			if !tt.invalid {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "missing %s %s in %v", tt.path, tt.rule, ve.Fields)
		})
	}
}
