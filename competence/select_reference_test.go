package competence

// This file keeps team selection as it was before selection became lazy
// (every candidate checked, options sorted, then pruned): the reference
// the current SelectTeam must agree with, team for team and error for
// error (see TestSelectTeamMatchesReference). Apart from the names it is
// the earlier code unchanged.

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
	s := refSelection{p: p, needs: &needs, r: r, period: needs.period(), leaderBit: len(needs.Needs)}
	s.people = make([]person, len(p.auditors))
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

type refSelection struct {
	p         *Pool
	needs     *TeamNeeds
	r         *resolved
	period    Period
	leaderBit int
	people    []person
}

func (s *refSelection) check(i int) {
	ps := &s.people[i]
	if ps.checked {
		return
	}
	ps.checked = true
	a := &s.p.auditors[i]
	switch {
	case s.r.excluded[a.ID]:
		ps.block, ps.detail = Excluded, "excluded from this audit"
		return
	case s.r.unavailable[a.ID]:
		ps.block, ps.detail = Unavailable, "unavailable on the audit dates (caller)"
		return
	case !a.AvailableDuring(s.period):
		ps.block, ps.detail = Unavailable, "unavailable on the audit dates (record)"
		return
	}
	if cs := a.Conflicts(s.needs.Scope, s.needs.At, s.r.independence); len(cs) > 0 {
		ps.block, ps.detail = Conflicted, string(cs[0].Reason)+": "+cs[0].Detail
		return
	}
	depth := len(s.p.scheme.Sets)
	aud := s.p.scheme.standing(a, s.r.auditorSet, s.needs.At, depth)
	ps.auditor = aud.Competent
	if ps.auditor && ps.leaderEval {
		if s.r.leaderSet == s.r.auditorSet {
			ps.leader = true
		} else {
			ps.leader = s.p.scheme.standing(a, s.r.leaderSet, s.needs.At, depth).Competent
		}
	}
	ps.expert = a.Expert
	if !ps.auditor && !ps.expert {
		ps.block, ps.detail = NotCompetent, "not competent as "+string(s.r.auditorSet.ID)+": "+obstacleKinds(aud)
	}
}

func (s *refSelection) workload(i int) float64 { return s.r.workload[s.p.auditors[i].ID] }

func (s *refSelection) build() (*problem, []UnmetNeed) {
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
	prob.refPrepare()
	return prob, nil
}

// refPrepare orders the options by (workload, id, auditor before expert)
// and drops dominated ones.
func (p *problem) refPrepare() {
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

func (s *refSelection) unmetNeed(n Need, i int) UnmetNeed {
	u := UnmetNeed{Need: n, Reason: NobodyHas, Rule: RuleTeamCovers}
	holders := 0
	for k := range s.people {
		ps := &s.people[k]
		if !ps.cover.has(i) {
			continue
		}
		holders++
		switch {
		case ps.block != "":
			u.Blocked = append(u.Blocked, Blocked{Auditor: s.p.auditors[k].ID, Reason: ps.block, Detail: ps.detail})
		case !ps.auditor && ps.expert:
			u.Blocked = append(u.Blocked, Blocked{Auditor: s.p.auditors[k].ID, Reason: NotCompetent,
				Detail: "a technical expert cannot meet a " + string(n.Kind) + " need and is not competent as " + string(s.r.auditorSet.ID)})
		}
	}
	if holders > 0 {
		u.Reason = AllBlocked
		u.Detail = itoa(holders) + " in the pool meet it; none can serve"
	} else {
		u.Detail = "no one in the pool meets it"
	}
	sortBlocked(u.Blocked)
	return u
}

// unmetLeader explains why no one can lead.
func (s *refSelection) unmetLeader() UnmetNeed {
	u := UnmetNeed{Need: Need{Kind: NeedLeader}, Reason: NobodyHas, Rule: RuleTeamLeader,
		Detail: "no one in the pool has an evaluation against " + quote(string(s.r.leaderSet.ID))}
	holders := 0
	for k := range s.people {
		ps := &s.people[k]
		if !ps.leaderEval {
			continue
		}
		holders++
		a := &s.p.auditors[k]
		switch {
		case ps.block != "" && ps.block != NotCompetent:
			u.Blocked = append(u.Blocked, Blocked{Auditor: a.ID, Reason: ps.block, Detail: ps.detail})
		default:
			st := s.p.scheme.standing(a, s.r.leaderSet, s.needs.At, len(s.p.scheme.Sets))
			if !ps.auditor {
				st = s.p.scheme.standing(a, s.r.auditorSet, s.needs.At, len(s.p.scheme.Sets))
			}
			u.Blocked = append(u.Blocked, Blocked{Auditor: a.ID, Reason: NotCompetent,
				Detail: "not competent as " + string(st.Criteria) + ": " + obstacleKinds(st)})
		}
	}
	if holders > 0 {
		u.Reason = AllBlocked
		u.Detail = itoa(holders) + " in the pool were evaluated against " + quote(string(s.r.leaderSet.ID)) + "; none can lead"
	}
	sortBlocked(u.Blocked)
	return u
}

func (s *refSelection) team(prob *problem, sol solution, method SelectionMethod, lb int) Team {
	t := Team{Method: method, LowerBound: lb}
	type pick struct {
		person int
		expert bool
	}
	var picks []pick
	for _, k := range sol.chosen {
		picks = append(picks, pick{prob.opts[k].person, prob.opts[k].expert})
	}
	for _, i := range sol.pad {
		picks = append(picks, pick{i, false})
	}
	leader := -1
	for _, pk := range picks {
		if pk.expert || !s.people[pk.person].leader {
			continue
		}
		if leader < 0 || s.workload(pk.person) < s.workload(leader) ||
			(s.workload(pk.person) == s.workload(leader) && s.p.auditors[pk.person].ID < s.p.auditors[leader].ID) {
			leader = pk.person
		}
	}
	for _, pk := range picks {
		a := &s.p.auditors[pk.person]
		m := Member{Auditor: a.ID, Role: RoleAuditor, Workload: s.workload(pk.person)}
		switch {
		case pk.expert:
			m.Role = RoleTechnicalExpert
		case pk.person == leader:
			m.Role = RoleTeamLeader
			t.Leader = a.ID
		}
		for i, n := range s.needs.Needs {
			if s.people[pk.person].cover.has(i) && (!pk.expert || n.Kind.ExpertMayMeet()) {
				m.Covers = append(m.Covers, n)
			}
		}
		t.Workload += m.Workload
		t.Members = append(t.Members, m)
	}
	rank := func(r Role) int {
		switch r {
		case RoleTeamLeader:
			return 0
		case RoleAuditor:
			return 1
		}
		return 2
	}
	slices.SortFunc(t.Members, func(x, y Member) int {
		if c := cmp.Compare(rank(x.Role), rank(y.Role)); c != 0 {
			return c
		}
		return cmp.Compare(x.Auditor, y.Auditor)
	})
	return t
}
