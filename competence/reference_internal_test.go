package competence

import (
	"cmp"
	"slices"
)

// referenceSelectTeam is SelectTeam as it was.
func (p *Pool) referenceSelectTeam(needs TeamNeeds, opts *SelectOptions) (Team, error) {
	r, err := p.resolve(&needs, opts)
	if err != nil {
		return Team{}, err
	}
	s := referenceSelection{selection{p: p, needs: &needs, r: r, period: needs.period(), leaderBit: len(needs.Needs)}}
	s.people = make([]person, len(p.auditors))
	s.work = make([]float64, len(p.auditors))
	for i := range p.auditors {
		s.work[i] = s.workload(i)
	}
	for i, n := range needs.Needs {
		for _, h := range p.holders(n) {
			s.people[h].cover.set(i)
		}
	}
	for i := range p.auditors {
		a := &p.auditors[i]
		ev := a.Evaluation(r.leaderSet.ID)
		s.people[i].leaderEval = ev != nil
		if !s.people[i].cover.empty() || s.people[i].leaderEval || needs.MinAuditors > 1 {
			s.check(i)
		}
	}
	prob, unmet := s.build()
	if len(unmet) > 0 {
		return Team{}, &NoTeamError{Unmet: unmet}
	}
	method := Heuristic
	if r.maxExact > 0 && len(prob.opts) <= r.maxExact {
		method = Exact
	}
	var sol solution
	var ok bool
	if method == Exact {
		sol, ok = prob.exact()
	} else {
		sol, ok = prob.greedy()
	}
	if !ok {
		detail := "no team meeting every need has at most " + itoa(needs.MaxAuditors) + " auditors"
		if method == Heuristic {
			detail = "the heuristic found no team meeting every need with at most " + itoa(needs.MaxAuditors) + " auditors"
		}
		return Team{}, &NoTeamError{Method: method, Unmet: []UnmetNeed{{
			Need: Need{Kind: NeedTeamSize}, Reason: SizeLimit, Rule: RuleTeamSize, Detail: detail}}}
	}
	lb := sol.cost.members
	if method == Heuristic {
		lb = prob.lowerBound()
	}
	return s.team(prob, sol, method, lb), nil
}

// referenceSelection is the earlier selection state: the checks of a
// candidate, the explanations of unmet needs and the team it returns are
// the current selection's (they did not change); build is the earlier one.
type referenceSelection struct{ selection }

func (s *referenceSelection) workload(i int) float64 { return s.r.workload[s.p.auditors[i].ID] }

func (s *referenceSelection) build() (*problem, []UnmetNeed) {
	nb := len(s.needs.Needs) + 1
	prob := &problem{nbits: nb, minAud: max(s.needs.MinAuditors, 1), maxAud: s.needs.MaxAuditors, npers: len(s.people)}
	var expertKinds needSet
	for i, n := range s.needs.Needs {
		prob.full.set(i)
		if n.Kind.ExpertMayMeet() {
			expertKinds.set(i)
		}
	}
	prob.full.set(s.leaderBit)
	var union needSet
	var auditorsAvailable int
	for i := range s.people {
		ps := &s.people[i]
		if !ps.checked || ps.block != "" {
			continue
		}
		rank, w := s.p.rank[i], s.workload(i)
		if ps.auditor {
			auditorsAvailable++
			prob.pad = append(prob.pad, i)
			m := ps.cover
			if ps.leader {
				m.set(s.leaderBit)
			}
			if !m.empty() {
				prob.opts = append(prob.opts, option{person: i, rank: rank, mask: m, work: w})
				union = union.or(m)
			}
		}
		if ps.expert {
			if m := ps.cover.and(expertKinds); !m.empty() {
				prob.opts = append(prob.opts, option{person: i, rank: rank, expert: true, mask: m, work: w})
				union = union.or(m)
			}
		}
	}
	var unmet []UnmetNeed
	for i, n := range s.needs.Needs {
		if !union.has(i) {
			unmet = append(unmet, s.unmetNeed(n, i))
		}
	}
	if !union.has(s.leaderBit) {
		unmet = append(unmet, s.unmetLeader())
	}
	if auditorsAvailable < prob.minAud {
		unmet = append(unmet, UnmetNeed{Need: Need{Kind: NeedTeamSize}, Reason: TooFewAuditors, Rule: RuleTeamSize,
			Detail: itoa(auditorsAvailable) + " auditors can serve, at least " + itoa(prob.minAud) + " are needed"})
	}
	if len(unmet) > 0 {
		return nil, unmet
	}
	if prob.minAud > 1 {
		// Every team has its leader, an auditor, so padding is needed
		// only for a minimum above one.
		slices.SortFunc(prob.pad, func(a, b int) int {
			if c := cmp.Compare(s.workload(a), s.workload(b)); c != 0 {
				return c
			}
			return cmp.Compare(s.p.rank[a], s.p.rank[b])
		})
		prob.padW = make([]float64, len(prob.pad))
		for k, i := range prob.pad {
			prob.padW[k] = s.workload(i)
		}
	} else {
		prob.pad = nil
	}
	prob.limit = max(s.r.maxExact, 0)
	prob.referencePrepare()
	return prob, nil
}

// referencePrepare orders the options by (workload, id, auditor before expert)
// and drops dominated ones.
func (p *problem) referencePrepare() {
	slices.SortFunc(p.opts, func(a, b option) int {
		if c := cmp.Compare(a.work, b.work); c != 0 {
			return c
		}
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
			return c
		}
		if a.expert == b.expert {
			return 0
		}
		if a.expert {
			return 1
		}
		return -1
	})
	p.opts = dominancePrune(p.opts, p.limit)
}
