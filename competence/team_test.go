package competence_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// Templates evaluated once: evaluations do not depend on the fields the
// team tests vary (sectors, languages, technical areas, involvements).
var (
	leaderTmpl  competence.Auditor
	auditorTmpl competence.Auditor
)

func templates(tb tHelper) {
	tb.Helper()
	if leaderTmpl.ID == "" {
		leaderTmpl = competentAuditor(tb, "tmpl", true)
		auditorTmpl = withID(leaderTmpl, "tmpl")
		auditorTmpl.Evaluations = auditorTmpl.Evaluations[:1]
	}
}

// teamPerson builds a person for team tests: kind is "leader", "auditor",
// "expert" (technical expert only) or "none" (no evaluation).
func teamPerson(tb tHelper, id, kind string, langs, sectors, areas []string, mut func(*competence.Auditor)) competence.Auditor {
	tb.Helper()
	templates(tb)
	var a competence.Auditor
	switch kind {
	case "leader":
		a = withID(leaderTmpl, competence.AuditorID(id))
	case "auditor":
		a = withID(auditorTmpl, competence.AuditorID(id))
	case "expert", "none":
		a = withID(auditorTmpl, competence.AuditorID(id))
		a.Evaluations = nil
		a.Expert = kind == "expert"
	}
	a.Languages, a.Sectors, a.TechnicalAreas = langs, sectors, areas
	if mut != nil {
		mut(&a)
	}
	return a
}

func strs(s ...string) []string { return s }

// basePool is the pool most team tests use.
func basePool(tb testing.TB) []competence.Auditor {
	return []competence.Auditor{
		teamPerson(tb, "lead-a", "leader", strs("en"), strs("finance"), nil, nil),
		teamPerson(tb, "aud-b", "auditor", strs("de"), strs("health"), nil, func(a *competence.Auditor) {
			a.Skills[5].Level = competence.Expert // risk-assessment
		}),
		teamPerson(tb, "aud-c", "auditor", strs("en"), nil, strs("cloud"), nil),
		teamPerson(tb, "exp-d", "expert", strs("fr"), nil, strs("ot"), func(a *competence.Auditor) {
			a.Skills[8].Level = competence.Expert // technology-threats
		}),
		teamPerson(tb, "lead-e", "leader", strs("en", "de"), nil, nil, func(a *competence.Auditor) {
			a.Involvements = []competence.Involvement{{Kind: competence.Responsible, Auditee: "acme", Units: []string{"it"}}}
		}),
		teamPerson(tb, "aud-f", "auditor", strs("es"), nil, nil, func(a *competence.Auditor) {
			a.Unavailable = []competence.Period{{From: auditDay.AddDate(0, 0, -1), To: auditDay.AddDate(0, 0, 2)}}
		}),
		teamPerson(tb, "none-g", "none", strs("it"), nil, nil, nil),
	}
}

func baseNeeds(needs ...competence.Need) competence.TeamNeeds {
	return competence.TeamNeeds{Scope: competence.Scope{Auditee: "acme", Units: []string{"it"}}, At: auditDay, Needs: needs}
}

func TestSelectTeam(t *testing.T) {
	pool, err := competence.NewPool(basePool(t), nil)
	require.NoError(t, err)
	type member struct {
		id   competence.AuditorID
		role competence.Role
	}
	tests := []struct {
		name  string
		needs competence.TeamNeeds
		opts  *competence.SelectOptions
		want  []member
	}{
		{"the leader alone", baseNeeds(competence.LanguageNeed("en"), competence.SectorNeed("finance")), nil,
			[]member{{"lead-a", competence.RoleTeamLeader}}},
		{"a second language", baseNeeds(competence.LanguageNeed("en"), competence.LanguageNeed("de")), nil,
			[]member{{"lead-a", competence.RoleTeamLeader}, {"aud-b", competence.RoleAuditor}}},
		{"an expert fills a technical gap", baseNeeds(competence.LanguageNeed("en"), competence.TechnicalAreaNeed("ot")), nil,
			[]member{{"lead-a", competence.RoleTeamLeader}, {"exp-d", competence.RoleTechnicalExpert}}},
		{"an expert fills a knowledge gap", baseNeeds(competence.KnowledgeNeed(competence.TechnologyThreats, competence.Expert)), nil,
			[]member{{"lead-a", competence.RoleTeamLeader}, {"exp-d", competence.RoleTechnicalExpert}}},
		{"an auditor rather than an expert at equal size", baseNeeds(competence.TechnicalAreaNeed("cloud")), nil,
			[]member{{"lead-a", competence.RoleTeamLeader}, {"aud-c", competence.RoleAuditor}}},
		{"lower workload first", baseNeeds(competence.LanguageNeed("en"), competence.TechnicalAreaNeed("cloud")),
			&competence.SelectOptions{Workload: map[competence.AuditorID]float64{"aud-c": 1}},
			[]member{{"lead-a", competence.RoleTeamLeader}, {"aud-c", competence.RoleAuditor}}},
		{"padding to the minimum by workload", func() competence.TeamNeeds {
			n := baseNeeds(competence.LanguageNeed("en"))
			n.MinAuditors = 3
			return n
		}(), &competence.SelectOptions{Workload: map[competence.AuditorID]float64{"aud-b": 5, "aud-c": 2}},
			[]member{{"lead-a", competence.RoleTeamLeader}, {"aud-b", competence.RoleAuditor}, {"aud-c", competence.RoleAuditor}}},
		{"internal audit: one set for auditors and the leader", baseNeeds(competence.LanguageNeed("de")),
			&competence.SelectOptions{AuditorSet: competence.ISMSAuditorSet, LeaderSet: competence.ISMSAuditorSet},
			[]member{{"aud-b", competence.RoleTeamLeader}}},
		{"heuristic", baseNeeds(competence.LanguageNeed("en"), competence.LanguageNeed("de"), competence.TechnicalAreaNeed("ot")),
			&competence.SelectOptions{MaxExact: -1},
			[]member{{"lead-a", competence.RoleTeamLeader}, {"aud-b", competence.RoleAuditor}, {"exp-d", competence.RoleTechnicalExpert}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			team, err := pool.SelectTeam(tt.needs, tt.opts)
			require.NoError(t, err)
			var got []member
			for _, m := range team.Members {
				got = append(got, member{m.Auditor, m.Role})
			}
			if d := cmp.Diff(tt.want, got, cmp.AllowUnexported(member{})); d != "" {
				t.Errorf("mismatch (-want +got):\n%s", d)
			}
			assert.Equal(t, got[0].id, team.Leader)
			require.NoError(t, pool.CheckTeam(team, tt.needs, tt.opts))
			if tt.opts == nil || tt.opts.MaxExact >= 0 {
				assert.Equal(t, competence.Exact, team.Method)
				assert.Equal(t, team.Size(), team.LowerBound)
			} else {
				assert.Equal(t, competence.Heuristic, team.Method)
				assert.LessOrEqual(t, team.LowerBound, team.Size())
			}
			again, err := pool.SelectTeam(tt.needs, tt.opts)
			require.NoError(t, err)
			if d := cmp.Diff(team, again); d != "" {
				t.Errorf("not deterministic (-first +second):\n%s", d)
			}
		})
	}
	t.Run("covers and workload", func(t *testing.T) {
		needs := baseNeeds(competence.LanguageNeed("en"), competence.TechnicalAreaNeed("ot"))
		team, err := pool.SelectTeam(needs, &competence.SelectOptions{Workload: map[competence.AuditorID]float64{"lead-a": 3, "exp-d": 4.5}})
		require.NoError(t, err)
		assert.Equal(t, 7.5, team.Workload)
		assert.Equal(t, []competence.AuditorID{"lead-a"}, team.Auditors())
		assert.Equal(t, []competence.AuditorID{"exp-d"}, team.Experts())
		assert.Equal(t, []competence.Need{competence.LanguageNeed("en")}, team.Members[0].Covers)
		assert.Equal(t, []competence.Need{competence.TechnicalAreaNeed("ot")}, team.Members[1].Covers)
	})
	t.Run("top-level SelectTeam", func(t *testing.T) {
		team, err := competence.SelectTeam(basePool(t), baseNeeds(competence.LanguageNeed("de")), nil)
		require.NoError(t, err)
		assert.Equal(t, []competence.AuditorID{"lead-a", "aud-b"}, team.Auditors())
	})
}

func TestSelectTeamNoTeam(t *testing.T) {
	pool, err := competence.NewPool(basePool(t), nil)
	require.NoError(t, err)
	type unmet struct {
		need    string
		reason  competence.Shortfall
		blocked map[competence.AuditorID]competence.BlockReason
	}
	tests := []struct {
		name  string
		needs competence.TeamNeeds
		opts  *competence.SelectOptions
		want  []unmet
	}{
		{"nobody has it", baseNeeds(competence.SectorNeed("space")), nil,
			[]unmet{{"sector space", competence.NobodyHas, nil}}},
		{"experts cannot meet a language", baseNeeds(competence.LanguageNeed("fr")), nil,
			[]unmet{{"language fr", competence.AllBlocked, map[competence.AuditorID]competence.BlockReason{"exp-d": competence.NotCompetent}}}},
		{"everyone who has it is blocked", baseNeeds(competence.LanguageNeed("es"), competence.LanguageNeed("it")), nil,
			[]unmet{
				{"language es", competence.AllBlocked, map[competence.AuditorID]competence.BlockReason{"aud-f": competence.Unavailable}},
				{"language it", competence.AllBlocked, map[competence.AuditorID]competence.BlockReason{"none-g": competence.NotCompetent}},
			}},
		{"no leader", func() competence.TeamNeeds {
			n := baseNeeds(competence.LanguageNeed("de"))
			n.Exclude = []competence.AuditorID{"lead-a"}
			return n
		}(), nil,
			[]unmet{{"leader", competence.AllBlocked, map[competence.AuditorID]competence.BlockReason{"lead-a": competence.Excluded, "lead-e": competence.Conflicted}}}},
		{"unavailable by the caller", baseNeeds(competence.LanguageNeed("de")),
			&competence.SelectOptions{Unavailable: []competence.AuditorID{"aud-b"}},
			[]unmet{{"language de", competence.AllBlocked, map[competence.AuditorID]competence.BlockReason{"aud-b": competence.Unavailable, "lead-e": competence.Conflicted}}}},
		{"too few auditors", func() competence.TeamNeeds {
			n := baseNeeds()
			n.MinAuditors = 4
			return n
		}(), nil,
			[]unmet{{"team-size", competence.TooFewAuditors, nil}}},
		{"more auditors than allowed", func() competence.TeamNeeds {
			n := baseNeeds(competence.LanguageNeed("en"), competence.LanguageNeed("de"))
			n.MaxAuditors = 1
			return n
		}(), nil,
			[]unmet{{"team-size", competence.SizeLimit, nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pool.SelectTeam(tt.needs, tt.opts)
			require.ErrorIs(t, err, competence.ErrNoTeam)
			var nt *competence.NoTeamError
			require.ErrorAs(t, err, &nt)
			var got []unmet
			for _, u := range nt.Unmet {
				_, ok := competence.LookupRule(u.Rule)
				assert.True(t, ok, u.Rule)
				assert.NotEmpty(t, u.Detail)
				assert.True(t, nt.Has(u.Need.Kind, u.Reason))
				g := unmet{need: u.Need.String(), reason: u.Reason}
				for _, b := range u.Blocked {
					if g.blocked == nil {
						g.blocked = map[competence.AuditorID]competence.BlockReason{}
					}
					g.blocked[b.Auditor] = b.Reason
					assert.NotEmpty(t, b.Detail)
				}
				got = append(got, g)
			}
			if d := cmp.Diff(tt.want, got, cmp.AllowUnexported(unmet{})); d != "" {
				t.Errorf("mismatch (-want +got):\n%s", d)
			}
		})
	}
}

func TestSelectTeamInvalid(t *testing.T) {
	pool, err := competence.NewPool(basePool(t), nil)
	require.NoError(t, err)
	needs := competence.TeamNeeds{
		At:    auditDay,
		Until: auditDay.AddDate(0, 0, -1),
		Needs: []competence.Need{
			{Kind: competence.NeedKnowledge, Area: competence.RiskAssessment},
			{Kind: competence.NeedLanguage},
			{Kind: competence.NeedLeader},
			competence.LanguageNeed("en"), competence.LanguageNeed("en"),
			{Kind: "vibe", Value: "x"},
		},
		MinAuditors: 3, MaxAuditors: 2,
	}
	opts := &competence.SelectOptions{AuditorSet: "nope", Workload: map[competence.AuditorID]float64{"a": -1}, MaxExact: 40}
	_, err = pool.SelectTeam(needs, opts)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, want := range []struct {
		path string
		rule ismsaudit.RuleID
	}{
		{"Scope.Auditee", "required"},
		{"Until", "after-start"},
		{"Needs[0].Level", "required-for-kind"},
		{"Needs[1].Value", "required-for-kind"},
		{"Needs[2].Kind", "input-kind"},
		{"Needs[4]", "unique"},
		{"Needs[5].Kind", "enum"},
		{"MinAuditors", "lte"},
		{"Options.AuditorSet", "unknown"},
		{`Options.Workload["a"]`, "gte"},
		{"Options.MaxExact", "lte"},
	} {
		assert.True(t, ve.Has(want.path, want.rule), "missing %s %s in %v", want.path, want.rule, ve.Fields)
	}
	require.Error(t, needs.Validate())
}

func TestNewPoolInvalid(t *testing.T) {
	people := basePool(t)
	people[1].ID = "lead-a"
	people[2].Training[0].Hours = 0
	people[3].Evaluations = []competence.Evaluation{{ID: "x", Auditor: "exp-d", Criteria: "nope", State: competence.Planned}}
	_, err := competence.NewPool(people, nil)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Auditors[1].ID", "unique"), "%v", ve.Fields)
	assert.True(t, ve.Has("Auditors[2].Training[0].Hours", "gt"), "%v", ve.Fields)
	assert.True(t, ve.Has("Auditors[3].Evaluations[0].Criteria", "unknown"), "%v", ve.Fields)
	bad := competence.Scheme{}
	_, err = competence.NewPool(nil, &bad)
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Scheme.Sets", "required"), "%v", ve.Fields)
}

func TestPoolAccessors(t *testing.T) {
	people := basePool(t)
	pool, err := competence.NewPool(people, nil)
	require.NoError(t, err)
	assert.Equal(t, len(people), pool.Len())
	a, ok := pool.Auditor("aud-b")
	require.True(t, ok)
	assert.Equal(t, competence.AuditorID("aud-b"), a.ID)
	_, ok = pool.Auditor("zed")
	assert.False(t, ok)
	var ids []competence.AuditorID
	for a := range pool.All() {
		ids = append(ids, a.ID)
	}
	assert.Len(t, ids, len(people))
	assert.Len(t, pool.Scheme().Sets, 3)
	st, err := pool.Standing("lead-a", competence.ISMSTeamLeaderSet, auditDay)
	require.NoError(t, err)
	assert.True(t, st.Competent)
	_, err = pool.Standing("zed", competence.ISMSTeamLeaderSet, auditDay)
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
}

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

func TestSelectTeamLargePool(t *testing.T) {
	people, work := generatedPool(t, 500, 7)
	pool, err := competence.NewPool(people, nil)
	require.NoError(t, err)
	needs := competence.TeamNeeds{Scope: competence.Scope{Auditee: "acme"}, At: auditDay, Needs: poolNeeds()}
	team, err := pool.SelectTeam(needs, &competence.SelectOptions{Workload: work})
	require.NoError(t, err)
	assert.Equal(t, competence.Heuristic, team.Method)
	require.NoError(t, pool.CheckTeam(team, needs, &competence.SelectOptions{Workload: work}))
	assert.LessOrEqual(t, team.LowerBound, team.Size())
	assert.LessOrEqual(t, team.Size(), referenceGreedy(t, pool, needs, nil))
	// Forcing exact search on a pool this size is refused by the cap.
	_, err = pool.SelectTeam(needs, &competence.SelectOptions{MaxExact: 33})
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
}

// referenceGreedy is an independent plain greedy cover over the people
// who can serve, built only from the public API: it returns the number of
// members (padded to the minimum auditors), or -1 when it finds no cover.
func referenceGreedy(tb tHelper, pool *competence.Pool, needs competence.TeamNeeds, opts *competence.SelectOptions) int {
	tb.Helper()
	if opts == nil {
		opts = &competence.SelectOptions{}
	}
	excluded := map[competence.AuditorID]bool{}
	for _, id := range needs.Exclude {
		excluded[id] = true
	}
	for _, id := range opts.Unavailable {
		excluded[id] = true
	}
	period := competence.Period{From: needs.At, To: needs.Until}
	if period.To.IsZero() {
		period.To = needs.At
	}
	type cand struct {
		id     competence.AuditorID
		expert bool
		covers []bool // needs, then the leader
	}
	var cands []cand
	auditors := 0
	for a := range pool.All() {
		if excluded[a.ID] || !a.AvailableDuring(period) || len(a.Conflicts(needs.Scope, needs.At, opts.Independence)) > 0 {
			continue
		}
		aud, err := pool.Standing(a.ID, competence.ISMSAuditorSet, needs.At)
		require.NoError(tb, err)
		lead, err := pool.Standing(a.ID, competence.ISMSTeamLeaderSet, needs.At)
		require.NoError(tb, err)
		if aud.Competent {
			auditors++
			c := cand{id: a.ID}
			for _, n := range needs.Needs {
				c.covers = append(c.covers, a.Covers(n))
			}
			cands = append(cands, cand{id: a.ID, covers: append(c.covers, lead.Competent)})
		}
		if a.Expert {
			c := cand{id: a.ID, expert: true}
			for _, n := range needs.Needs {
				c.covers = append(c.covers, n.Kind.ExpertMayMeet() && a.Covers(n))
			}
			cands = append(cands, cand{id: a.ID, expert: true, covers: append(c.covers, false)})
		}
	}
	left := make([]bool, len(needs.Needs)+1)
	for i := range left {
		left[i] = true
	}
	used := map[competence.AuditorID]bool{}
	nA, nE := 0, 0
	for slices.Contains(left, true) {
		best, gain := -1, 0
		for k, c := range cands {
			if used[c.id] {
				continue
			}
			g := 0
			for i, ok := range c.covers {
				if ok && left[i] {
					g++
				}
			}
			if g > gain {
				best, gain = k, g
			}
		}
		if best < 0 {
			return -1
		}
		used[cands[best].id] = true
		for i, ok := range cands[best].covers {
			if ok {
				left[i] = false
			}
		}
		if cands[best].expert {
			nE++
		} else {
			nA++
		}
	}
	if auditors < max(needs.MinAuditors, 1) {
		return -1
	}
	return max(nA, needs.MinAuditors) + nE
}

// tHelper is what both *testing.T and *rapid.T offer.
type tHelper interface {
	Helper()
	Errorf(format string, args ...any)
	FailNow()
}

// TestSelectTeamProperties draws random pools and needs and checks: a
// selected team passes CheckTeam (every need met, a competent leader, no
// conflict, available, within bounds), is never larger than an
// independent greedy cover, and selection fails exactly when that greedy
// cover does (without a maximum size); an exact team is never larger than
// the heuristic one.
func TestSelectTeamProperties(t *testing.T) {
	templates(t)
	langs, sectors, areas := strs("en", "de", "fr"), strs("finance", "health", "energy"), strs("cloud", "ot")
	var vocab []competence.Need
	for _, l := range langs {
		vocab = append(vocab, competence.LanguageNeed(l))
	}
	for _, s := range sectors {
		vocab = append(vocab, competence.SectorNeed(s))
	}
	for _, a := range areas {
		vocab = append(vocab, competence.TechnicalAreaNeed(a))
	}
	for _, k := range []competence.KnowledgeArea{competence.RiskAssessment, competence.TechnologyThreats, competence.SecurityLegislation} {
		vocab = append(vocab, competence.KnowledgeNeed(k, competence.Proficient), competence.KnowledgeNeed(k, competence.Expert))
	}
	levels := slices.Collect(competence.Levels())
	subset := func(rt *rapid.T, from []string, label string) []string {
		var out []string
		for _, v := range from {
			if rapid.IntRange(0, 2).Draw(rt, label+"-"+v) == 0 {
				out = append(out, v)
			}
		}
		return out
	}
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(1, 14).Draw(rt, "people")
		people := make([]competence.Auditor, n)
		work := map[competence.AuditorID]float64{}
		for i := range people {
			id := competence.AuditorID(fmt.Sprintf("p%02d", i))
			kind := rapid.SampledFrom([]string{"leader", "auditor", "auditor", "expert", "none"}).Draw(rt, "kind")
			a := teamPerson(rt, string(id), kind, subset(rt, langs, "lang"), subset(rt, sectors, "sector"), subset(rt, areas, "area"), nil)
			for j := range a.Skills {
				a.Skills[j].Level = rapid.SampledFrom(levels).Draw(rt, "level")
			}
			if rapid.IntRange(0, 6).Draw(rt, "conflict") == 0 {
				a.Involvements = []competence.Involvement{{Kind: competence.Consulted, Auditee: "acme", From: auditDay.AddDate(-1, 0, 0)}}
			}
			if rapid.IntRange(0, 9).Draw(rt, "away") == 0 {
				a.Unavailable = []competence.Period{{From: auditDay, To: auditDay}}
			}
			people[i] = a
			work[id] = float64(rapid.IntRange(0, 20).Draw(rt, "work"))
		}
		idx := rapid.SliceOfNDistinct(rapid.IntRange(0, len(vocab)-1), 0, 6, func(i int) int { return i }).Draw(rt, "needs")
		needs := competence.TeamNeeds{Scope: competence.Scope{Auditee: "acme"}, At: auditDay}
		for _, i := range idx {
			needs.Needs = append(needs.Needs, vocab[i])
		}
		needs.MinAuditors = rapid.IntRange(0, 3).Draw(rt, "min")
		if rapid.Bool().Draw(rt, "bounded") {
			needs.MaxAuditors = rapid.IntRange(max(needs.MinAuditors, 1), 4).Draw(rt, "max")
		}
		if rapid.IntRange(0, 3).Draw(rt, "exclude") == 0 {
			needs.Exclude = []competence.AuditorID{people[0].ID}
		}
		pool, err := competence.NewPool(people, nil)
		require.NoError(rt, err)
		opts := &competence.SelectOptions{Workload: work, MaxExact: rapid.SampledFrom([]int{0, -1}).Draw(rt, "maxExact")}
		team, err := pool.SelectTeam(needs, opts)
		ref := referenceGreedy(rt, pool, needs, opts)
		if err != nil {
			var nt *competence.NoTeamError
			if !errors.As(err, &nt) {
				rt.Fatalf("unexpected error: %v", err)
			}
			if needs.MaxAuditors == 0 && ref >= 0 {
				rt.Fatalf("no team, yet a greedy cover of %d exists: %v", ref, err)
			}
			return
		}
		if err := pool.CheckTeam(team, needs, opts); err != nil {
			rt.Fatalf("selected team breaks the rules: %v\n%+v", err, team)
		}
		if needs.MaxAuditors == 0 {
			if ref < 0 {
				rt.Fatalf("a team exists but the greedy cover failed")
			}
			if team.Size() > ref {
				rt.Fatalf("team of %d is larger than the greedy cover of %d", team.Size(), ref)
			}
		}
		if team.LowerBound > team.Size() {
			rt.Fatalf("lower bound %d above the size %d", team.LowerBound, team.Size())
		}
		if team.Method == competence.Exact {
			heur, err := pool.SelectTeam(needs, &competence.SelectOptions{Workload: work, MaxExact: -1})
			if err == nil && heur.Size() < team.Size() {
				rt.Fatalf("exact team of %d larger than heuristic team of %d", team.Size(), heur.Size())
			}
		}
	})
}
