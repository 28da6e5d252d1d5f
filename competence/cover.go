package competence

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// needSet is a set of need indexes (bit i for need i; the leader is one
// more bit after the input needs). MaxNeeds+1 bits fit.
type needSet [4]uint64

func (s *needSet) set(i int) { s[i>>6] |= 1 << (uint(i) & 63) }

func (s needSet) has(i int) bool { return s[i>>6]&(1<<(uint(i)&63)) != 0 }

func (s needSet) or(t needSet) needSet {
	return needSet{s[0] | t[0], s[1] | t[1], s[2] | t[2], s[3] | t[3]}
}

func (s needSet) and(t needSet) needSet {
	return needSet{s[0] & t[0], s[1] & t[1], s[2] & t[2], s[3] & t[3]}
}

func (s needSet) andNot(t needSet) needSet {
	return needSet{s[0] &^ t[0], s[1] &^ t[1], s[2] &^ t[2], s[3] &^ t[3]}
}

func (s needSet) subsetOf(t needSet) bool { return s.andNot(t) == needSet{} }

func (s needSet) empty() bool { return s == needSet{} }

func (s needSet) count() int {
	return bits.OnesCount64(s[0]) + bits.OnesCount64(s[1]) + bits.OnesCount64(s[2]) + bits.OnesCount64(s[3])
}

// option is one way to put a person on the team: as auditor or as
// technical expert.
type option struct {
	person int
	rank   int32 // position of the person in id order: the tie-break
	expert bool
	mask   needSet
	work   float64
}

// cost orders teams: fewer members, then fewer experts, then less
// workload.
type cost struct {
	members, experts int
	work             float64
}

func (a cost) less(b cost) bool {
	if a.members != b.members {
		return a.members < b.members
	}
	if a.experts != b.experts {
		return a.experts < b.experts
	}
	return a.work < b.work
}

// problem is the set-cover instance one selection solves.
type problem struct {
	full   needSet
	nbits  int
	opts   []option
	cover  [][]int // per bit, the options meeting it, in option order
	pad    []int   // people able to serve as auditors, by (workload, id)
	padW   []float64
	minAud int
	maxAud int // 0: no maximum
	npers  int
	limit  int // pruning stops beyond this many options; -1: prune all
}

// solution is a chosen set of options plus padding auditors.
type solution struct {
	chosen []int // option indexes
	pad    []int // person indexes
	cost   cost
}

// dominancePrune drops options dominated by an earlier (cheaper or equal)
// option of the same kind that meets a superset of their needs. opts is
// sorted by (workload, id, auditor before expert). Replacing a dominated
// option by its dominator never makes a team worse: same members and
// kinds, no more workload; and when the dominator's person is already on
// the team in the other role, the dominated option is redundant, because
// a person's expert option meets a subset of what their auditor option
// meets. Once more than limit options are kept the search will be
// heuristic anyway, so pruning stops and the rest are kept as they are.
func dominancePrune(opts []option, limit int) []option {
	kept := opts[:0:0]
	for n, o := range opts {
		if limit >= 0 && len(kept) > limit {
			return append(kept, opts[n:]...)
		}
		dominated := false
		c := o.mask.count()
		for _, k := range kept {
			if k.expert == o.expert && k.mask.count() >= c && o.mask.subsetOf(k.mask) {
				dominated = true
				break
			}
		}
		if !dominated {
			kept = append(kept, o)
		}
	}
	return kept
}

// greedy is the heuristic: greedy set cover, then removal of redundant
// members, then padding to the minimum number of auditors.
func (p *problem) greedy() (solution, bool) {
	used := make([]bool, p.npers)
	var covered needSet
	var chosen []int
	nA := 0
	for covered != p.full {
		best, bestGain := -1, 0
		for k := range p.opts {
			o := &p.opts[k]
			if used[o.person] || (!o.expert && p.maxAud > 0 && nA >= p.maxAud) {
				continue
			}
			g := o.mask.andNot(covered).count()
			if g == 0 {
				continue
			}
			// Options are in (workload, id) order, so the first of equal
			// gain is the cheapest; an auditor beats an expert.
			if best < 0 || g > bestGain || (g == bestGain && !o.expert && p.opts[best].expert) {
				best, bestGain = k, g
			}
		}
		if best < 0 {
			return solution{}, false
		}
		o := &p.opts[best]
		used[o.person] = true
		covered = covered.or(o.mask)
		chosen = append(chosen, best)
		if !o.expert {
			nA++
		}
	}
	// Remove redundant members: experts first, then the highest workload.
	order := slices.Clone(chosen)
	slices.SortFunc(order, func(x, y int) int {
		a, b := &p.opts[x], &p.opts[y]
		if a.expert != b.expert {
			if a.expert {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.work, a.work); c != 0 {
			return c
		}
		return cmp.Compare(b.rank, a.rank)
	})
	keep := make(map[int]bool, len(chosen))
	for _, k := range chosen {
		keep[k] = true
	}
	for _, k := range order {
		var rest needSet
		for _, j := range chosen {
			if j != k && keep[j] {
				rest = rest.or(p.opts[j].mask)
			}
		}
		if rest == p.full {
			keep[k] = false
			used[p.opts[k].person] = false
		}
	}
	var final []int
	for _, k := range chosen {
		if keep[k] {
			final = append(final, k)
		}
	}
	return p.finish(final, used)
}

// finish pads a cover to the minimum number of auditors and costs it.
func (p *problem) finish(chosen []int, used []bool) (solution, bool) {
	sol := solution{chosen: chosen}
	nA := 0
	for _, k := range chosen {
		o := &p.opts[k]
		sol.cost.work += o.work
		if o.expert {
			sol.cost.experts++
		} else {
			nA++
		}
	}
	for k := 0; nA < p.minAud && k < len(p.pad); k++ {
		if used[p.pad[k]] {
			continue
		}
		sol.pad = append(sol.pad, p.pad[k])
		sol.cost.work += p.padW[k]
		nA++
	}
	if nA < p.minAud {
		return solution{}, false
	}
	sol.cost.members = nA + sol.cost.experts
	return sol, true
}

// lowerBound is a proven lower bound on the members of any team: the needs
// to meet divided by the most one option meets, and the minimum auditors.
func (p *problem) lowerBound() int {
	most := 0
	for _, o := range p.opts {
		most = max(most, o.mask.count())
	}
	lb := 1
	if most > 0 {
		lb = (p.full.count() + most - 1) / most
	}
	return max(lb, p.minAud)
}

// exact is branch and bound over the options, seeded with the greedy
// team.
func (p *problem) exact() (solution, bool) {
	p.cover = make([][]int, p.nbits)
	for k, o := range p.opts {
		for b := 0; b < p.nbits; b++ {
			if o.mask.has(b) {
				p.cover[b] = append(p.cover[b], k)
			}
		}
	}
	e := exactSearch{p: p, used: make([]bool, p.npers), banned: make([]bool, len(p.opts))}
	if g, ok := p.greedy(); ok {
		e.best, e.found = g, true
	}
	e.dfs(needSet{}, 0, 0, 0)
	return e.best, e.found
}

type exactSearch struct {
	p      *problem
	used   []bool // by person
	banned []bool // by option: excluded on this branch
	chosen []int
	best   solution
	found  bool
}

func (e *exactSearch) available(k, nA int) bool {
	o := &e.p.opts[k]
	return !e.banned[k] && !e.used[o.person] && (o.expert || e.p.maxAud == 0 || nA < e.p.maxAud)
}

func (e *exactSearch) dfs(covered needSet, nA, nE int, w float64) {
	p := e.p
	if covered == p.full {
		e.leaf()
		return
	}
	left := p.full.andNot(covered)
	most := 0
	for k := range p.opts {
		if e.available(k, nA) {
			most = max(most, p.opts[k].mask.and(left).count())
		}
	}
	if most == 0 {
		return
	}
	need := (left.count() + most - 1) / most
	lb := cost{members: max(nA+nE+need, max(nA, p.minAud)+nE), experts: nE, work: w}
	if e.found && !lb.less(e.best.cost) {
		return
	}
	// Branch on the uncovered need the fewest available options meet.
	branch, fewest := -1, math.MaxInt
	for b := 0; b < p.nbits; b++ {
		if !left.has(b) {
			continue
		}
		n := 0
		for _, k := range p.cover[b] {
			if e.available(k, nA) {
				n++
			}
		}
		if n == 0 {
			return
		}
		if n < fewest {
			branch, fewest = b, n
		}
	}
	var banned []int
	for _, k := range p.cover[branch] {
		if !e.available(k, nA) {
			continue
		}
		o := &p.opts[k]
		e.used[o.person] = true
		e.chosen = append(e.chosen, k)
		if o.expert {
			e.dfs(covered.or(o.mask), nA, nE+1, w+o.work)
		} else {
			e.dfs(covered.or(o.mask), nA+1, nE, w+o.work)
		}
		e.chosen = e.chosen[:len(e.chosen)-1]
		e.used[o.person] = false
		// Later branches leave this option out: each team is met once.
		e.banned[k] = true
		banned = append(banned, k)
	}
	for _, k := range banned {
		e.banned[k] = false
	}
}

func (e *exactSearch) leaf() {
	sol, ok := e.p.finish(slices.Clone(e.chosen), e.used)
	if ok && (!e.found || sol.cost.less(e.best.cost)) {
		e.best, e.found = sol, true
	}
}
