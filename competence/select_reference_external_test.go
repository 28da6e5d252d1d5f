package competence_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// fatalHelper is what sameSelection needs of a test: *testing.T and
// *rapid.T both have it.
type fatalHelper interface {
	tHelper
	Fatalf(format string, args ...any)
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
