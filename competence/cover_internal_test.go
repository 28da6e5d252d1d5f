package competence

import (
	"testing"

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
