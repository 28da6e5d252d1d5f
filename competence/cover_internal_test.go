package competence

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestExactMatchesBruteForce draws small set-cover problems and checks
// that branch and bound (with dominance pruning and its greedy seed) finds
// the optimal cost an exhaustive search over every subset of options
// finds, that both agree on feasibility, and that the heuristic is never
// better than optimal nor found where no team exists.
func TestExactMatchesBruteForce(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		nbits := rapid.IntRange(1, 7).Draw(rt, "needs")
		npers := rapid.IntRange(1, 8).Draw(rt, "people")
		p := &problem{nbits: nbits, npers: npers + 2}
		for b := 0; b < nbits; b++ {
			p.full.set(b)
		}
		// As in a real selection: the last bit is the leader, some bits
		// only auditors meet (languages), and a person's expert option
		// meets a subset of what their auditor option meets.
		leaderBit := nbits - 1
		var auditorOnly needSet
		for b := 0; b < leaderBit; b++ {
			if rapid.IntRange(0, 3).Draw(rt, "auditor-only") == 0 {
				auditorOnly.set(b)
			}
		}
		for person := 0; person < npers; person++ {
			var cover needSet
			for b := 0; b < leaderBit; b++ {
				if rapid.IntRange(0, 2).Draw(rt, "bit") == 0 {
					cover.set(b)
				}
			}
			w := float64(rapid.IntRange(0, 4).Draw(rt, "work"))
			rank := int32(person)
			kind := rapid.IntRange(0, 3).Draw(rt, "kind") // 0 auditor, 1 leader, 2 expert, 3 both
			if kind != 2 {
				m := cover
				if kind == 1 || (kind == 3 && rapid.Bool().Draw(rt, "leads")) {
					m.set(leaderBit)
				}
				if !m.empty() {
					p.opts = append(p.opts, option{person: person, rank: rank, mask: m, work: w})
				}
			}
			if kind >= 2 {
				if m := cover.andNot(auditorOnly); !m.empty() {
					p.opts = append(p.opts, option{person: person, rank: rank, expert: true, mask: m, work: w})
				}
			}
		}
		// People able to audit, by (workload, id): those with an auditor
		// option plus two who meet no need.
		work := map[int]float64{npers: 0, npers + 1: 3}
		for _, o := range p.opts {
			if !o.expert {
				work[o.person] = o.work
			}
		}
		for i := 0; i < npers+2; i++ {
			if w, ok := work[i]; ok {
				p.pad = append(p.pad, i)
				p.padW = append(p.padW, w)
			}
		}
		sortPad(p)
		p.minAud = rapid.IntRange(1, 3).Draw(rt, "min")
		if rapid.Bool().Draw(rt, "bounded") {
			p.maxAud = rapid.IntRange(p.minAud, 4).Draw(rt, "max")
		}
		p.limit = -1
		all := append([]option(nil), p.opts...)
		best, found := bruteForce(p, all)
		p.referencePrepare()
		got, ok := p.exact()
		if ok != found {
			rt.Fatalf("exact feasible=%v, brute force feasible=%v", ok, found)
		}
		if ok && got.cost != best {
			rt.Fatalf("exact cost %+v, optimal %+v", got.cost, best)
		}
		if g, gok := p.greedy(); gok {
			if !found {
				rt.Fatalf("greedy found a team where none exists")
			}
			if g.cost.less(best) {
				rt.Fatalf("greedy cost %+v beats optimal %+v", g.cost, best)
			}
		}
	})
}

func sortPad(p *problem) {
	for i := 1; i < len(p.pad); i++ {
		for j := i; j > 0 && (p.padW[j] < p.padW[j-1] || (p.padW[j] == p.padW[j-1] && p.pad[j] < p.pad[j-1])); j-- {
			p.pad[j], p.pad[j-1] = p.pad[j-1], p.pad[j]
			p.padW[j], p.padW[j-1] = p.padW[j-1], p.padW[j]
		}
	}
}

// bruteForce tries every subset of the options.
func bruteForce(p *problem, opts []option) (cost, bool) {
	var best cost
	found := false
	for set := 0; set < 1<<len(opts); set++ {
		used := make([]bool, p.npers)
		var covered needSet
		nA, nE, w, ok := 0, 0, 0.0, true
		for k, o := range opts {
			if set&(1<<k) == 0 {
				continue
			}
			if used[o.person] {
				ok = false
				break
			}
			used[o.person] = true
			covered = covered.or(o.mask)
			w += o.work
			if o.expert {
				nE++
			} else {
				nA++
			}
		}
		if !ok || covered != p.full || (p.maxAud > 0 && nA > p.maxAud) {
			continue
		}
		for k := 0; nA < p.minAud && k < len(p.pad); k++ {
			if !used[p.pad[k]] {
				used[p.pad[k]] = true
				w += p.padW[k]
				nA++
			}
		}
		if nA < p.minAud {
			continue
		}
		c := cost{members: nA + nE, experts: nE, work: w}
		if !found || c.less(best) {
			best, found = c, true
		}
	}
	return best, found
}

// mask returns the need set of the given bits.
func mask(bits ...int) needSet {
	var s needSet
	for _, b := range bits {
		s.set(b)
	}
	return s
}

// fullProblem returns a problem over nbits needs with the options given
// and every person able to pad the team at no workload.
func fullProblem(nbits, npers, minAud int, opts ...option) *problem {
	p := &problem{nbits: nbits, npers: npers, minAud: minAud, opts: opts, limit: -1}
	for b := range nbits {
		p.full.set(b)
	}
	for i := range npers {
		p.pad = append(p.pad, i)
		p.padW = append(p.padW, 0)
	}
	return p
}

func TestNeedSetCountsEveryWord(t *testing.T) {
	s := mask(0, 64, 65, 128, 129, 130, 192, 193, 194, 195)
	assert.Equal(t, 10, s.count())
}

// TestExactBeatsGreedy checks a case where taking the option that meets
// most needs first costs a member: the heuristic takes 0, then the cheap
// 1 and 2 for what is left (none of them redundant), while the exact
// search finds 3 and 4; the lower bound the heuristic reports is the
// needs over the most one option meets.
func TestExactBeatsGreedy(t *testing.T) {
	p := fullProblem(6, 5, 1,
		option{person: 0, rank: 0, mask: mask(0, 1, 3, 4)},
		option{person: 1, rank: 1, mask: mask(2)},
		option{person: 2, rank: 2, mask: mask(5)},
		option{person: 3, rank: 3, mask: mask(0, 1, 2), work: 1},
		option{person: 4, rank: 4, mask: mask(3, 4, 5), work: 1},
	)
	g, ok := p.greedy()
	require.True(t, ok)
	assert.Equal(t, []int{0, 1, 2}, g.chosen)
	assert.Equal(t, cost{members: 3}, g.cost)
	e, ok := p.exact()
	require.True(t, ok)
	assert.ElementsMatch(t, []int{3, 4}, e.chosen)
	assert.Equal(t, cost{members: 2, work: 2}, e.cost)
	assert.Equal(t, 2, p.lowerBound(), "6 needs, at most 4 met by one option")
}

// TestExactTieBreak checks which of two optimal teams the exact search
// keeps when the heuristic's team is worse: the first it meets, branching
// on the need the fewest options meet (the first such need), trying its
// options in order, each team once.
func TestExactTieBreak(t *testing.T) {
	p := fullProblem(6, 7, 1,
		option{person: 0, rank: 0, mask: mask(0, 1, 3, 4)},
		option{person: 1, rank: 1, mask: mask(2)},
		option{person: 2, rank: 2, mask: mask(3, 5)},
		option{person: 3, rank: 3, mask: mask(0, 1, 2), work: 1},
		option{person: 4, rank: 4, mask: mask(0, 1, 5), work: 1},
		option{person: 5, rank: 5, mask: mask(2, 3, 4), work: 1},
		option{person: 6, rank: 6, mask: mask(3, 4, 5), work: 1},
	)
	g, ok := p.greedy()
	require.True(t, ok)
	require.Equal(t, 3, g.cost.members, "the heuristic takes 0, 1 and 2")
	e, ok := p.exact()
	require.True(t, ok)
	assert.Equal(t, []int{3, 6}, e.chosen, "3 and 6, not the as cheap 4 and 5")
}

// TestGreedyChoices checks the heuristic's tie-breaks and its limits.
func TestGreedyChoices(t *testing.T) {
	t.Run("of equal gain the cheaper, and an auditor before an expert", func(t *testing.T) {
		p := fullProblem(2, 3, 1,
			option{person: 0, rank: 0, expert: true, mask: mask(0, 1), work: 0},
			option{person: 1, rank: 1, mask: mask(0, 1), work: 1},
			option{person: 2, rank: 2, mask: mask(0, 1), work: 2},
		)
		g, ok := p.greedy()
		require.True(t, ok)
		assert.Equal(t, []int{1}, g.chosen)
		assert.Equal(t, cost{members: 1, work: 1}, g.cost)
	})
	t.Run("more gain before an auditor", func(t *testing.T) {
		p := fullProblem(2, 3, 1,
			option{person: 0, rank: 0, expert: true, mask: mask(0, 1)},
			option{person: 1, rank: 1, mask: mask(0)},
			option{person: 2, rank: 2, mask: mask(1)},
		)
		g, ok := p.greedy()
		require.True(t, ok)
		assert.Equal(t, []int{0}, g.chosen)
		assert.Equal(t, []int{1}, g.pad, "padded to one auditor")
		assert.Equal(t, cost{members: 2, experts: 1}, g.cost)
	})
	t.Run("auditors up to the maximum, no more", func(t *testing.T) {
		p := fullProblem(2, 2, 1,
			option{person: 0, rank: 0, mask: mask(0)},
			option{person: 1, rank: 1, mask: mask(1)},
		)
		p.maxAud = 2
		g, ok := p.greedy()
		require.True(t, ok)
		assert.Equal(t, []int{0, 1}, g.chosen)
		p.maxAud = 1
		_, ok = p.greedy()
		assert.False(t, ok, "two auditors needed, one allowed")
	})
	t.Run("of two redundant members, the expert goes", func(t *testing.T) {
		// The heuristic takes auditor 1 (five needs), expert 0 (three new
		// ones), then 2, 3 and 4 for 8, 9 and 10. Then 0 and 1 are each
		// redundant, but not both: only they meet need 0. The expert goes
		// first, though taken second, so the auditor stays.
		p := fullProblem(11, 5, 1,
			option{person: 0, rank: 0, expert: true, mask: mask(0, 5, 6, 7)},
			option{person: 1, rank: 1, mask: mask(0, 1, 2, 3, 4)},
			option{person: 2, rank: 2, mask: mask(1, 2, 5, 8)},
			option{person: 3, rank: 3, mask: mask(3, 6, 9)},
			option{person: 4, rank: 4, mask: mask(4, 7, 10)},
		)
		g, ok := p.greedy()
		require.True(t, ok)
		assert.Equal(t, []int{1, 2, 3, 4}, g.chosen)
		assert.Equal(t, cost{members: 4}, g.cost)
	})
	t.Run("of two redundant auditors, the busier goes", func(t *testing.T) {
		// As above with auditors: 0 (five needs), then 4 (three new
		// ones, though its person comes first in id order and has the
		// most work), then 1, 2 and 3. 0 and 4 are each redundant, not
		// both; the one with more work goes.
		p := fullProblem(11, 5, 1,
			option{person: 1, rank: 1, mask: mask(0, 1, 2, 3, 4)},
			option{person: 2, rank: 2, mask: mask(1, 2, 5, 8)},
			option{person: 3, rank: 3, mask: mask(3, 6, 9)},
			option{person: 4, rank: 4, mask: mask(4, 7, 10)},
			option{person: 0, rank: 0, mask: mask(0, 5, 6, 7), work: 5},
		)
		g, ok := p.greedy()
		require.True(t, ok)
		assert.Equal(t, []int{0, 1, 2, 3}, g.chosen)
		assert.Equal(t, cost{members: 4}, g.cost)
	})
	t.Run("too few people to pad to the minimum", func(t *testing.T) {
		p := fullProblem(1, 2, 3, option{person: 0, rank: 0, mask: mask(0)})
		_, ok := p.greedy()
		assert.False(t, ok)
	})
}

// TestDominancePrune checks that an option is dropped only for an earlier
// one of the same kind meeting a superset of its needs, and that pruning
// stops once more than limit options are kept.
func TestDominancePrune(t *testing.T) {
	opts := []option{
		{person: 0, expert: true, mask: mask(0, 1)},
		{person: 1, mask: mask(0)},    // an auditor: an expert does not dominate it
		{person: 2, mask: mask(0, 1)}, // meets more than person 1, but comes later
		{person: 3, mask: mask(1)},    // dominated by person 2
	}
	persons := func(os []option) []int {
		var out []int
		for _, o := range os {
			out = append(out, o.person)
		}
		return out
	}
	assert.Equal(t, []int{0, 1, 2}, persons(dominancePrune(slices.Clone(opts), -1)))
	assert.Equal(t, []int{0, 1, 2}, persons(dominancePrune(slices.Clone(opts), 3)), "three kept: still pruning")
	assert.Equal(t, []int{0, 1, 2, 3}, persons(dominancePrune(slices.Clone(opts), 2)), "more than two kept: the rest as they are")
	assert.Equal(t, []int{0, 1, 2, 3}, persons(dominancePrune(slices.Clone(opts), 0)), "a limit of 0 keeps the first and stops")
}
