package competence_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/competence/competencetest"
	"github.com/stretchr/testify/require"
)

// BenchmarkEvaluate evaluates one auditor against the built-in ISMS
// auditor set (28 criteria, three method results). Target: under 20 µs.
func BenchmarkEvaluate(b *testing.B) {
	a := competencetest.Auditor(b, "alice", profile)
	set := competence.ISMSAuditor()
	results := fixtureResults(&set, evaluationDay)
	b.ReportAllocs()
	for b.Loop() {
		as, err := competence.Evaluate(&a, &set, results, evaluationDay)
		if err != nil || !as.Competent {
			b.Fatal(err)
		}
	}
}

// BenchmarkStanding computes one team leader standing (with the auditor
// prerequisite and the maintenance check).
func BenchmarkStanding(b *testing.B) {
	a := competencetest.TeamLeader(b, "alice", profile)
	scheme := competence.DefaultScheme()
	at := evaluationDay.AddDate(1, 1, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scheme.Standing(&a, competence.ISMSTeamLeaderSet, at); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConflicts checks one auditor with three involvements.
func BenchmarkConflicts(b *testing.B) {
	a := competence.Auditor{ID: "a", Involvements: []competence.Involvement{
		{Kind: competence.Responsible, Auditee: "globex"},
		{Kind: competence.Implemented, Auditee: "acme", Controls: []string{"8.8"}, From: evaluationDay.AddDate(-3, 0, 0), To: evaluationDay.AddDate(-1, 0, 0)},
		{Kind: competence.Consulted, Auditee: "acme", Units: []string{"it"}, From: evaluationDay.AddDate(-5, 0, 0), To: evaluationDay.AddDate(-4, 0, 0)},
	}}
	scope := competence.Scope{Auditee: "acme", Units: []string{"it", "hr"}, Controls: []string{"A.8.8", "5.15"}}
	b.ReportAllocs()
	for b.Loop() {
		if len(a.Conflicts(scope, auditDay, nil)) != 1 {
			b.Fatal("want one conflict")
		}
	}
}

// BenchmarkSelectTeam selects from 500 candidates for 30 needs (the
// heuristic path). Target: under 5 ms.
func BenchmarkSelectTeam(b *testing.B) {
	people, work := generatedPool(b, 500, 7)
	pool, err := competence.NewPool(people, nil)
	require.NoError(b, err)
	needs := competence.TeamNeeds{Scope: competence.Scope{Auditee: "acme"}, At: auditDay, Needs: poolNeeds()}
	opts := &competence.SelectOptions{Workload: work}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pool.SelectTeam(needs, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSelectTeamExact selects exactly over 24 relevant candidates,
// none dominated by another, for 30 needs. Target: under 20 ms.
func BenchmarkSelectTeamExact(b *testing.B) {
	pool, needs, opts := exactInstance(b, 24, 1)
	team, err := pool.SelectTeam(needs, opts)
	require.NoError(b, err)
	require.Equal(b, competence.Exact, team.Method)
	// One candidate fewer allowed exactly and the heuristic runs: all 24
	// are relevant.
	heur, err := pool.SelectTeam(needs, &competence.SelectOptions{Workload: opts.Workload, MaxExact: 23})
	require.NoError(b, err)
	require.Equal(b, competence.Heuristic, heur.Method)
	require.LessOrEqual(b, len(team.Members), len(heur.Members))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pool.SelectTeam(needs, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewPool validates and indexes 500 records.
func BenchmarkNewPool(b *testing.B) {
	people, _ := generatedPool(b, 500, 7)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := competence.NewPool(people, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// exactInstance builds n leaders, each meeting a different random set of
// six of the 30 pool needs, so no candidate dominates another.
func exactInstance(tb tHelper, n int, seed uint64) (*competence.Pool, competence.TeamNeeds, *competence.SelectOptions) {
	templates(tb)
	r := rand.New(rand.NewPCG(seed, 2))
	needs := poolNeeds()
	seen := map[string]bool{}
	people := make([]competence.Auditor, 0, n)
	work := map[competence.AuditorID]float64{}
	for len(people) < n {
		// Each person meets need len(people) (and the last needs are spread
		// over the first people) so that every need is met by someone,
		// plus random others up to six.
		k := len(people)
		idx := []int{k % len(needs)}
		if extra := k + n; extra < len(needs) {
			idx = append(idx, extra)
		}
		for _, i := range r.Perm(len(needs)) {
			if len(idx) == 6 {
				break
			}
			if i != idx[0] && (len(idx) < 2 || i != idx[1]) {
				idx = append(idx, i)
			}
		}
		key := fmt.Sprint(sortedInts(idx))
		if seen[key] {
			continue
		}
		seen[key] = true
		id := fmt.Sprintf("x%02d", len(people))
		a := teamPerson(tb, id, "leader", nil, nil, nil, nil)
		for j := range a.Skills {
			a.Skills[j].Level = competence.Awareness
		}
		for _, i := range idx {
			switch nd := needs[i]; nd.Kind {
			case competence.NeedKnowledge:
				for j := range a.Skills {
					if a.Skills[j].Area == nd.Area {
						a.Skills[j].Level = competence.Expert
					}
				}
			case competence.NeedSector:
				a.Sectors = append(a.Sectors, nd.Value)
			case competence.NeedTechnicalArea:
				a.TechnicalAreas = append(a.TechnicalAreas, nd.Value)
			case competence.NeedLanguage:
				a.Languages = append(a.Languages, nd.Value)
			}
		}
		people = append(people, a)
		work[a.ID] = float64(r.IntN(10))
	}
	pool, err := competence.NewPool(people, nil)
	if err != nil {
		tb.Errorf("%v", err)
		tb.FailNow()
	}
	return pool, competence.TeamNeeds{Scope: competence.Scope{Auditee: "acme"}, At: auditDay, Needs: needs},
		&competence.SelectOptions{Workload: work}
}

func sortedInts(s []int) []int {
	out := append([]int(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
