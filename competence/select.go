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

func (s *needSet) set(i int)     { s[i>>6] |= 1 << (uint(i) & 63) }
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
func (s needSet) empty() bool             { return s == needSet{} }
func (s needSet) count() int {
	return bits.OnesCount64(s[0]) + bits.OnesCount64(s[1]) + bits.OnesCount64(s[2]) + bits.OnesCount64(s[3])
}

// person is what one selection knows about one person of the pool.
type person struct {
	cover      needSet // input needs the record meets, all kinds
	checked    bool    // eligibility computed
	block      BlockReason
	detail     string
	auditor    bool // may serve as auditor
	leader     bool // may lead
	expert     bool // may serve as technical expert
	leaderEval bool // has an evaluation against the leader set
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

// SelectTeam chooses a team for an audit (ISO 19011:2018 5.5.4, 5.5.5):
// every need met, a team leader competent for the leader set, every
// auditor competent for the auditor set on the first audit day, no member
// conflicted with the scope, excluded or unavailable, and the number of
// auditors within the bounds. Technical experts (records marked Expert)
// may meet knowledge, sector and technical area needs but never lead or
// count as auditors.
//
// Among such teams it prefers, in order, the fewest members, the fewest
// technical experts and the lowest total workload (opts.Workload); ties
// are broken deterministically by the order of (workload, id).
//
// Candidates that cannot serve or meet no need (and cannot lead) are
// dropped, and so are candidates dominated by another of the same kind
// that meets a superset of their needs at no more workload. When at most
// opts.MaxExact (default [DefaultMaxExact]) remain, the search is exact:
// branch and bound that branches on the need fewest candidates meet,
// bounded by ceil(uncovered needs / most needs one candidate still
// meets), seeded with the greedy team. Otherwise it is heuristic: greedy
// set cover (most new needs met, then auditors before experts, then lower
// workload, then id) followed by removing members the others make
// redundant. Greedy set cover is within a factor H(d) = 1 + 1/2 + ... +
// 1/d of the fewest members, where d is the most needs (leader included)
// one candidate meets, so at most ln(d)+1 times optimal when MaxAuditors
// does not bind; Team.LowerBound reports a proven lower bound so the gap
// of a given team is visible. Either way the result is deterministic.
//
// Invalid needs or options return a *ValidationError. When no team
// exists, the *NoTeamError (errors.Is ErrNoTeam) lists every need that
// cannot be met and, per need, the people who could meet it and why they
// cannot serve.
func (p *Pool) SelectTeam(needs TeamNeeds, opts *SelectOptions) (Team, error) {
	r, err := p.resolve(&needs, opts)
	if err != nil {
		return Team{}, err
	}
	s := selection{p: p, needs: &needs, r: r, period: needs.period(), leaderBit: len(needs.Needs)}
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

// selection is the state of one SelectTeam call.
type selection struct {
	p         *Pool
	needs     *TeamNeeds
	r         *resolved
	period    Period
	leaderBit int
	people    []person
}

// check computes whether person i can serve, and in which roles.
func (s *selection) check(i int) {
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

func (s *selection) workload(i int) float64 { return s.r.workload[s.p.auditors[i].ID] }

// build turns the people into options and reports needs no option meets.
func (s *selection) build() (*problem, []UnmetNeed) {
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
	prob.prepare()
	return prob, nil
}

// prepare orders the options by (workload, id, auditor before expert)
// and drops dominated ones.
func (p *problem) prepare() {
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

// unmetNeed explains why input need n (index i) cannot be met.
func (s *selection) unmetNeed(n Need, i int) UnmetNeed {
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
func (s *selection) unmetLeader() UnmetNeed {
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

func sortBlocked(b []Blocked) {
	slices.SortFunc(b, func(x, y Blocked) int { return cmp.Compare(x.Auditor, y.Auditor) })
}

// team turns a solution into a Team.
func (s *selection) team(prob *problem, sol solution, method SelectionMethod, lb int) Team {
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
