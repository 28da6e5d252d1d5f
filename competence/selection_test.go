package competence_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

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
		{"awareness, the lowest level, met by any level", baseNeeds(competence.KnowledgeNeed(competence.RiskAssessment, competence.Awareness)), nil,
			[]member{{"lead-a", competence.RoleTeamLeader}}},
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
				assert.Equal(t, len(team.Members), team.LowerBound)
			} else {
				assert.Equal(t, competence.Heuristic, team.Method)
				assert.LessOrEqual(t, team.LowerBound, len(team.Members))
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
	t.Run("an auditor suspended from leading audits but does not lead", func(t *testing.T) {
		s := teamPerson(t, "lead-s", "leader", strs("de"), nil, nil, func(a *competence.Auditor) {
			require.Equal(t, competence.ISMSTeamLeaderSet, a.Evaluations[1].Criteria)
			require.NoError(t, a.Evaluations[1].Suspend("complaint under investigation", ismsaudit.Meta{At: evaluationDay.AddDate(0, 1, 0), By: "scheme"}))
		})
		withS, err := competence.NewPool(append(basePool(t), s), nil)
		require.NoError(t, err)
		team, err := withS.SelectTeam(baseNeeds(competence.LanguageNeed("de")), &competence.SelectOptions{Workload: map[competence.AuditorID]float64{"aud-b": 1}})
		require.NoError(t, err)
		assert.Equal(t, competence.AuditorID("lead-a"), team.Leader)
		assert.Equal(t, []competence.AuditorID{"lead-a", "lead-s"}, team.Auditors())
	})
	t.Run("the leader: least workload among those who may lead, then first id", func(t *testing.T) {
		one := teamPerson(t, "l-1", "leader", strs("en"), nil, nil, nil)
		two := teamPerson(t, "l-2", "leader", strs("de"), nil, nil, nil)
		needs := baseNeeds(competence.LanguageNeed("en"), competence.LanguageNeed("de"))
		for _, people := range [][]competence.Auditor{{one, two}, {two, one}} {
			pool, err := competence.NewPool(people, nil)
			require.NoError(t, err)
			for _, tc := range []struct {
				work map[competence.AuditorID]float64
				want competence.AuditorID
			}{
				{nil, "l-1"},
				{map[competence.AuditorID]float64{"l-1": 1, "l-2": 1}, "l-1"},
				{map[competence.AuditorID]float64{"l-1": 2, "l-2": 1}, "l-2"},
				{map[competence.AuditorID]float64{"l-1": 1, "l-2": 2}, "l-1"},
			} {
				team, err := pool.SelectTeam(needs, &competence.SelectOptions{Workload: tc.work})
				require.NoError(t, err)
				require.Len(t, team.Members, 2)
				assert.Equal(t, tc.want, team.Leader, "pool %s, %s; workload %v", people[0].ID, people[1].ID, tc.work)
			}
		}
	})
	t.Run("a fresh pool with the default scheme", func(t *testing.T) {
		fresh, err := competence.NewPool(basePool(t), nil)
		require.NoError(t, err)
		team, err := fresh.SelectTeam(baseNeeds(competence.LanguageNeed("de")), nil)
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

// TestNoTeamErrorHas: Has wants both the kind and the reason of one
// unmet need.
func TestNoTeamErrorHas(t *testing.T) {
	nt := &competence.NoTeamError{Unmet: []competence.UnmetNeed{
		{Need: competence.LanguageNeed("fr"), Reason: competence.NobodyHas},
		{Need: competence.Need{Kind: competence.NeedLeader}, Reason: competence.AllBlocked},
	}}
	assert.True(t, nt.Has(competence.NeedLanguage, competence.NobodyHas))
	assert.True(t, nt.Has(competence.NeedLeader, competence.AllBlocked))
	assert.False(t, nt.Has(competence.NeedLanguage, competence.AllBlocked), "the reason of another need")
	assert.False(t, nt.Has(competence.NeedSector, competence.NobodyHas), "the kind of no unmet need")
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
	opts := &competence.SelectOptions{
		AuditorSet: "nope", Workload: map[competence.AuditorID]float64{"a": -1}, MaxExact: 40,
		Unavailable: []competence.AuditorID{"b", ""}, Independence: &competence.IndependenceOptions{CoolingOffMonths: -1},
	}
	_, err = pool.SelectTeam(needs, opts)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	type refusal struct {
		Path string
		Rule ismsaudit.RuleID
	}
	var got []refusal
	for _, f := range ve.Fields {
		got = append(got, refusal{f.Path, f.Rule})
	}
	// Each refused field once, in the order the checks run: the needs'
	// tags, their own rules, the options' shape, then the names looked up
	// in the scheme and the workloads.
	want := []refusal{
		{"Scope.Auditee", "required"},
		{"Needs[5].Kind", "enum"},
		{"Until", "after-start"},
		{"MinAuditors", "lte"},
		{"Needs[0].Level", "required-for-kind"},
		{"Needs[1].Value", "required-for-kind"},
		{"Needs[2].Kind", "input-kind"},
		{"Needs[4]", "unique"},
		{"Options.Unavailable[1]", "required"},
		{"Options.Independence.CoolingOffMonths", "gte"},
		{"Options.MaxExact", "lte"},
		{"Options.AuditorSet", "unknown"},
		{`Options.Workload["a"]`, "gte"},
	}
	assert.Empty(t, cmp.Diff(want, got))
	require.Error(t, needs.Validate())
}

// TestSelectTeamWorkload: a workload is a finite number of days, at
// least 0; every refused one is reported, in id order.
func TestSelectTeamWorkload(t *testing.T) {
	pool, err := competence.NewPool(basePool(t), nil)
	require.NoError(t, err)
	needs := baseNeeds()
	for _, w := range []float64{0, 0.5, 300, math.MaxFloat64} {
		_, err := pool.SelectTeam(needs, &competence.SelectOptions{Workload: map[competence.AuditorID]float64{"aud-b": w}})
		assert.NoError(t, err, "workload %v", w)
	}
	for _, w := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), -1, -math.SmallestNonzeroFloat64} {
		work := map[competence.AuditorID]float64{"aud-b": w}
		_, err := pool.SelectTeam(needs, &competence.SelectOptions{Workload: work})
		var ve *ismsaudit.ValidationError
		require.ErrorAs(t, err, &ve, "workload %v", w)
		assert.Equal(t, []string{`Options.Workload["aud-b"]`}, paths(ve), "workload %v", w)
	}
	work := map[competence.AuditorID]float64{"z": -2, "lead-a": 1, "b": math.NaN(), "c": 0, "a": math.Inf(1)}
	_, err = pool.SelectTeam(needs, &competence.SelectOptions{Workload: work})
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{`Options.Workload["a"]`, `Options.Workload["b"]`, `Options.Workload["z"]`}, paths(ve))
}

// paths lists the refused fields' paths in order.
func paths(ve *ismsaudit.ValidationError) []string {
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Path)
	}
	return out
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
	assert.LessOrEqual(t, team.LowerBound, len(team.Members))
	assert.LessOrEqual(t, len(team.Members), referenceGreedy(t, pool, needs, nil))
	// Forcing exact search on a pool this size is refused by the cap.
	_, err = pool.SelectTeam(needs, &competence.SelectOptions{MaxExact: 33})
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
}

// TestSelectTeamProperties draws random pools and needs and checks: a
// selected team passes CheckTeam (every need met, a competent leader, no
// conflict, available, within bounds); an exact team is never larger than
// an independent greedy cover, a heuristic one never more than H(d) times
// larger; selection fails exactly when that greedy cover does (without a
// maximum size); an exact team is never larger than the heuristic one.
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
			// An exact team is never larger than any cover; a heuristic one
			// is within H(d) of the fewest members, d the most needs one
			// candidate meets (at most every need and the leader). A
			// heuristic team may be larger than this other greedy cover,
			// which breaks ties differently.
			bound := float64(ref)
			if team.Method == competence.Heuristic {
				h := 0.0
				for k := 1; k <= len(needs.Needs)+1; k++ {
					h += 1 / float64(k)
				}
				bound *= h
			}
			if float64(len(team.Members)) > bound {
				rt.Fatalf("%s team of %d is larger than %g (greedy cover of %d)", team.Method, len(team.Members), bound, ref)
			}
		}
		if team.LowerBound > len(team.Members) {
			rt.Fatalf("lower bound %d above the size %d", team.LowerBound, len(team.Members))
		}
		if team.Method == competence.Exact {
			heur, err := pool.SelectTeam(needs, &competence.SelectOptions{Workload: work, MaxExact: -1})
			if err == nil && len(heur.Members) < len(team.Members) {
				rt.Fatalf("exact team of %d larger than heuristic team of %d", len(team.Members), len(heur.Members))
			}
		}
	})
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

// sameSelection selects with pool.SelectTeam and with the reference (the
// selection before it became lazy) and fails unless both give the same
// team, or the same error.
func sameSelection(tb fatalHelper, pool *competence.Pool, needs competence.TeamNeeds, opts *competence.SelectOptions) (competence.Team, error) {
	tb.Helper()
	got, err := pool.SelectTeam(needs, opts)
	want, wantErr := competence.ReferenceSelectTeam(pool, needs, opts)
	if d := cmp.Diff(want, got); d != "" {
		tb.Fatalf("team differs from the reference (-reference +lazy):\n%s", d)
	}
	if (err == nil) != (wantErr == nil) {
		tb.Fatalf("error %v, reference error %v", err, wantErr)
	}
	if err != nil {
		var nt, wantNT *competence.NoTeamError
		var ve, wantVE *ismsaudit.ValidationError
		switch {
		case errors.As(wantErr, &wantNT):
			require.ErrorAs(tb, err, &nt)
			if d := cmp.Diff(wantNT, nt); d != "" {
				tb.Fatalf("no-team error differs from the reference (-reference +lazy):\n%s", d)
			}
		case errors.As(wantErr, &wantVE):
			require.ErrorAs(tb, err, &ve)
			if d := cmp.Diff(wantVE, ve); d != "" {
				tb.Fatalf("validation error differs from the reference (-reference +lazy):\n%s", d)
			}
		default:
			tb.Fatalf("unexpected reference error %v", wantErr)
		}
	}
	return got, err
}

// TestSelectTeamMatchesReference draws pools (up to 40 people, so that
// lazy checking has something to skip), workloads with many ties, needs
// (some everybody meets), size bounds, exclusions, unavailability,
// conflicts and every way of choosing exact or heuristic search, and holds
// SelectTeam to the reference selection: the same team or the same error.
func TestSelectTeamMatchesReference(t *testing.T) {
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
	for _, k := range []competence.KnowledgeArea{competence.RiskAssessment, competence.TechnologyThreats, competence.ISO27001Requirements} {
		vocab = append(vocab, competence.KnowledgeNeed(k, competence.Awareness), competence.KnowledgeNeed(k, competence.Proficient), competence.KnowledgeNeed(k, competence.Expert))
	}
	levels := []competence.Level{competence.Awareness, competence.Working, competence.Proficient, competence.Expert}
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(rt, "people")
		people := make([]competence.Auditor, n)
		work := map[competence.AuditorID]float64{}
		for i := range people {
			// Ids out of pool order, so that id order and pool order differ.
			id := competence.AuditorID(fmt.Sprintf("p%02d", (i*17)%41))
			kind := rapid.SampledFrom([]string{"leader", "leader", "auditor", "auditor", "expert", "none"}).Draw(rt, "kind")
			pickSome := func(from []string, label string) []string {
				var out []string
				for _, v := range from {
					if rapid.IntRange(0, 2).Draw(rt, label) == 0 {
						out = append(out, v)
					}
				}
				return out
			}
			a := teamPerson(rt, string(id), kind, pickSome(langs, "lang"), pickSome(sectors, "sector"), pickSome(areas, "area"), nil)
			for j := range a.Skills {
				if rapid.IntRange(0, 3).Draw(rt, "reskill") == 0 {
					a.Skills[j].Level = rapid.SampledFrom(levels).Draw(rt, "level")
				}
			}
			if kind != "none" && rapid.IntRange(0, 3).Draw(rt, "also-expert") == 0 {
				a.Expert = true
			}
			if kind == "leader" && rapid.IntRange(0, 5).Draw(rt, "leader-only") == 0 {
				a.Evaluations = a.Evaluations[1:] // evaluated to lead, not as auditor
			}
			if rapid.IntRange(0, 6).Draw(rt, "conflict") == 0 {
				a.Involvements = []competence.Involvement{{Kind: competence.Consulted, Auditee: "acme", From: auditDay.AddDate(-1, 0, 0)}}
			}
			if rapid.IntRange(0, 9).Draw(rt, "away") == 0 {
				a.Unavailable = []competence.Period{{From: auditDay, To: auditDay}}
			}
			people[i] = a
			if w := rapid.IntRange(-1, 3).Draw(rt, "work"); w >= 0 {
				work[id] = float64(w)
			}
		}
		work["not-in-pool"] = 2
		idx := rapid.SliceOfNDistinct(rapid.IntRange(0, len(vocab)-1), 0, 7, func(i int) int { return i }).Draw(rt, "needs")
		needs := competence.TeamNeeds{Scope: competence.Scope{Auditee: "acme"}, At: auditDay}
		for _, i := range idx {
			needs.Needs = append(needs.Needs, vocab[i])
		}
		needs.MinAuditors = rapid.IntRange(0, 4).Draw(rt, "min")
		if rapid.Bool().Draw(rt, "bounded") {
			needs.MaxAuditors = rapid.IntRange(max(needs.MinAuditors, 1), 5).Draw(rt, "max")
		}
		if rapid.IntRange(0, 3).Draw(rt, "exclude") == 0 {
			needs.Exclude = []competence.AuditorID{people[rapid.IntRange(0, n-1).Draw(rt, "excluded")].ID}
		}
		pool, err := competence.NewPool(people, nil)
		require.NoError(rt, err)
		opts := &competence.SelectOptions{Workload: work, MaxExact: rapid.SampledFrom([]int{0, -1, 1, 2, 3, 5, 32}).Draw(rt, "maxExact")}
		if rapid.IntRange(0, 4).Draw(rt, "unavailable") == 0 {
			opts.Unavailable = []competence.AuditorID{people[rapid.IntRange(0, n-1).Draw(rt, "unavailable-who")].ID}
		}
		switch rapid.IntRange(0, 3).Draw(rt, "sets") {
		case 1:
			opts.AuditorSet, opts.LeaderSet = competence.ISMSAuditorSet, competence.ISMSAuditorSet
		case 2: // nobody is evaluated against it
			opts.AuditorSet, opts.LeaderSet = competence.InternalISMSAuditorSet, competence.InternalISMSAuditorSet
		case 3:
			opts.LeaderSet = competence.InternalISMSAuditorSet
		}
		sameSelection(rt, pool, needs, opts)
	})
}

// TestSelectTeamMatchesReferenceLarge holds the generated 500-person pool
// to the reference, for the benchmark's 30 needs and for small sets of
// needs (as staffing asks), with and without a minimum team size.
func TestSelectTeamMatchesReferenceLarge(t *testing.T) {
	people, work := generatedPool(t, 500, 7)
	pool, err := competence.NewPool(people, nil)
	require.NoError(t, err)
	all := poolNeeds()
	sets := [][]competence.Need{all, nil, all[:1], {all[1], all[12], all[27]}, {all[2], all[15], all[20], all[26]}, {all[9], all[11]}}
	for i, ns := range sets {
		for _, minAud := range []int{0, 2, 3} {
			for _, maxExact := range []int{0, -1, 4} {
				t.Run(fmt.Sprintf("needs-%d/min-%d/exact-%d", i, minAud, maxExact), func(t *testing.T) {
					needs := competence.TeamNeeds{Scope: competence.Scope{Auditee: "acme"}, At: auditDay, Needs: ns, MinAuditors: minAud}
					sameSelection(t, pool, needs, &competence.SelectOptions{Workload: work, MaxExact: maxExact})
				})
			}
		}
	}
}

// TestSelectTeamChecksOnlyWhatMatters pins which people the lazy build
// checks (availability, independence, competence): those who could still
// add an option no option of the same kind kept before already covers,
// and, for a minimum team size above one, the first available auditors
// as padding, as many as the minimum plus the people on offer. The eager
// build (the lazy one's fallback when a need is unmet) checks everyone
// who meets a need or could lead, or everyone for such a minimum.
func TestSelectTeamChecksOnlyWhatMatters(t *testing.T) {
	// Order of consideration: no workload first by id, then by workload.
	people := []competence.Auditor{
		teamPerson(t, "a-away", "auditor", strs("en"), nil, nil, func(a *competence.Auditor) { // considered first, unavailable
			a.Unavailable = []competence.Period{{From: auditDay, To: auditDay}}
		}),
		teamPerson(t, "a-lead", "leader", strs("en"), strs("health"), nil, nil), // meets everything and leads
		teamPerson(t, "b-aud", "auditor", strs("en"), nil, nil, nil),            // dominated by a-lead
		teamPerson(t, "c-none", "none", strs("en"), nil, nil, nil),              // never evaluated
		teamPerson(t, "d-exp", "expert", nil, strs("health"), nil, nil),         // the first expert for health
		teamPerson(t, "e-exp", "expert", nil, strs("health"), nil, nil),         // dominated by d-exp
		teamPerson(t, "f-exp", "expert", strs("en"), nil, nil, nil),             // an expert cannot meet a language
		teamPerson(t, "g-aud", "auditor", nil, nil, nil, nil),                   // meets no need
		teamPerson(t, "h-aud", "auditor", strs("en"), nil, nil, func(a *competence.Auditor) {
			a.Unavailable = []competence.Period{{From: auditDay, To: auditDay}}
		}),
		teamPerson(t, "i-aud", "auditor", nil, nil, nil, nil),
		teamPerson(t, "j-aud", "auditor", nil, nil, nil, nil),
		teamPerson(t, "k-exp", "auditor", nil, nil, nil, func(a *competence.Auditor) { // evaluated, suspended; an expert
			require.NoError(t, a.Evaluations[0].Suspend("complaint under investigation", ismsaudit.Meta{At: evaluationDay.AddDate(0, 1, 0), By: "scheme"}))
			a.Expert = true
		}),
	}
	work := map[competence.AuditorID]float64{"h-aud": 0.5, "k-exp": 0.75, "b-aud": 1, "d-exp": 1, "e-exp": 2, "i-aud": 3, "j-aud": 4}
	pool, err := competence.NewPool(people, nil)
	require.NoError(t, err)
	opts := &competence.SelectOptions{Workload: work}
	needs := func(minAud int) competence.TeamNeeds {
		n := baseNeeds(competence.LanguageNeed("en"), competence.SectorNeed("health"))
		n.MinAuditors = minAud
		return n
	}
	ids := func(s ...competence.AuditorID) []competence.AuditorID { return s }
	kept := []string{"a-lead auditor: 0,1,leader", "d-exp expert: 1"}
	tests := []struct {
		name   string
		minAud int
		lazy   bool
		want   competence.BuiltProblem
		ok     bool
	}{
		{"lazy, one auditor", 1, true, competence.BuiltProblem{Options: kept, Checked: ids("a-away", "a-lead", "d-exp")}, true},
		{"lazy, two auditors: padding stops at 2 + 2 on offer", 2, true, competence.BuiltProblem{
			Options: kept, Pad: ids("a-lead", "g-aud", "b-aud", "i-aud"),
			Checked: ids("a-away", "a-lead", "b-aud", "d-exp", "g-aud", "h-aud", "i-aud", "k-exp")}, true},
		{"lazy, three auditors: every available auditor pads", 3, true, competence.BuiltProblem{
			Options: kept, Pad: ids("a-lead", "g-aud", "b-aud", "i-aud", "j-aud"),
			Checked: ids("a-away", "a-lead", "b-aud", "d-exp", "g-aud", "h-aud", "i-aud", "j-aud", "k-exp")}, true},
		{"lazy, exactly as many auditors as the minimum", 5, true, competence.BuiltProblem{
			Options: kept, Pad: ids("a-lead", "g-aud", "b-aud", "i-aud", "j-aud"),
			Checked: ids("a-away", "a-lead", "b-aud", "d-exp", "g-aud", "h-aud", "i-aud", "j-aud", "k-exp")}, true},
		{"lazy, too few auditors", 6, true, competence.BuiltProblem{
			Checked: ids("a-away", "a-lead", "b-aud", "d-exp", "g-aud", "h-aud", "i-aud", "j-aud", "k-exp")}, false},
		{"eager, one auditor", 1, false, competence.BuiltProblem{Options: kept,
			Checked: ids("a-away", "a-lead", "b-aud", "c-none", "d-exp", "e-exp", "f-exp", "h-aud")}, true},
		{"eager, exactly as many auditors as the minimum", 5, false, competence.BuiltProblem{
			Options: kept, Pad: ids("a-lead", "g-aud", "b-aud", "i-aud", "j-aud"),
			Checked: ids("a-away", "a-lead", "b-aud", "c-none", "d-exp", "e-exp", "f-exp", "g-aud", "h-aud", "i-aud", "j-aud", "k-exp")}, true},
		{"eager, too few auditors", 6, false, competence.BuiltProblem{
			Checked: ids("a-away", "a-lead", "b-aud", "c-none", "d-exp", "e-exp", "f-exp", "g-aud", "h-aud", "i-aud", "j-aud", "k-exp")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok, err := competence.BuildProblem(pool, needs(tt.minAud), opts, tt.lazy)
			require.NoError(t, err)
			assert.Equal(t, tt.ok, ok)
			assert.Empty(t, cmp.Diff(tt.want, got))
		})
	}
}
