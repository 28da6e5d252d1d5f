package competence_test

import (
	"slices"
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

// TestCheckTeamExpertCovers: a technical expert meets knowledge, sector
// and technical area needs their record holds, never a language need,
// and never a need their record does not hold.
func TestCheckTeamExpertCovers(t *testing.T) {
	pool, err := competence.NewPool(basePool(t), nil)
	require.NoError(t, err)
	needs := baseNeeds(competence.LanguageNeed("fr"), competence.TechnicalAreaNeed("ot"), competence.SectorNeed("space"))
	team := competence.Team{Leader: "lead-a", Members: []competence.Member{
		{Auditor: "lead-a", Role: competence.RoleTeamLeader}, {Auditor: "exp-d", Role: competence.RoleTechnicalExpert}}}
	err = pool.CheckTeam(team, needs, nil)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"Needs[0]", "Needs[2]"}, paths(ve), "exp-d speaks fr and knows ot, not space")
}

// TestCheckTeamSizeDetail: the refusal of a team's size states the bounds
// it broke, "any number" when there is no maximum.
func TestCheckTeamSizeDetail(t *testing.T) {
	pool, err := competence.NewPool(basePool(t), nil)
	require.NoError(t, err)
	lead := competence.Team{Leader: "lead-a", Members: []competence.Member{{Auditor: "lead-a", Role: competence.RoleTeamLeader}}}
	three := lead
	three.Members = append(slices.Clone(lead.Members), competence.Member{Auditor: "aud-b", Role: competence.RoleAuditor}, competence.Member{Auditor: "aud-c", Role: competence.RoleAuditor})
	for _, tc := range []struct {
		name     string
		team     competence.Team
		min, max int
		want     string
	}{
		{"too few, no maximum", lead, 2, 0, "auditors must number 2 to any number"},
		{"too many", three, 0, 2, "auditors must number 1 to 2"},
		{"too few, bounded", lead, 2, 3, "auditors must number 2 to 3"},
	} {
		needs := baseNeeds()
		needs.MinAuditors, needs.MaxAuditors = tc.min, tc.max
		err := pool.CheckTeam(tc.team, needs, nil)
		var ve *ismsaudit.ValidationError
		require.ErrorAs(t, err, &ve, tc.name)
		require.Len(t, ve.Fields, 1, tc.name)
		assert.Equal(t, competence.RuleTeamSize, ve.Fields[0].Rule, tc.name)
		assert.Equal(t, tc.want, ve.Fields[0].Detail, tc.name)
	}
}
