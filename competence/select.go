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
// Candidates are considered in (workload, id) order and only checked
// (availability, independence, competence) when they could still matter:
// one whose needs an earlier candidate of the same kind already meets is
// dominated whatever the check says, so it is not checked at all. The
// team is the one checking everybody first would give.
//
// Invalid needs or options return a *ismsaudit.ValidationError. When no team
// exists, the *NoTeamError (errors.Is ErrNoTeam) lists every need that
// cannot be met and, per need, the people who could meet it and why they
// cannot serve.
func (p *Pool) SelectTeam(needs TeamNeeds, opts *SelectOptions) (Team, error) {
	r, err := p.resolve(&needs, opts)
	if err != nil {
		return Team{}, err
	}
	s := p.newSelection(&needs, r)
	prob := s.buildLazy()
	if prob == nil {
		// Some need cannot be met, or too few auditors can serve: check
		// everyone, so that the error explains every need.
		var unmet []UnmetNeed
		prob, unmet = s.build()
		if len(unmet) > 0 {
			return Team{}, &NoTeamError{Unmet: unmet}
		}
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
	work      []float64 // each person's workload, by pool index
	order     []int32   // pool indexes by (workload, id)
}

// newSelection sets up a selection: who meets which need, who was
// evaluated against the leader set, everyone's workload and the order
// candidates are considered in.
func (p *Pool) newSelection(needs *TeamNeeds, r *resolved) *selection {
	n := len(p.auditors)
	s := &selection{p: p, needs: needs, r: r, period: needs.period(), leaderBit: len(needs.Needs),
		people: make([]person, n), work: make([]float64, n)}
	for i, nd := range needs.Needs {
		for _, h := range p.holders(nd) {
			s.people[h].cover.set(i)
		}
	}
	for i, e := range p.evaluated[r.leaderSet.ID] {
		s.people[i].leaderEval = e
	}
	busy := 0
	for id, w := range r.workload {
		if i, ok := p.index[id]; ok && w != 0 {
			s.work[i] = w
			busy++
		}
	}
	// Workloads are never negative: those without any come first, by id,
	// then the others by workload, ties by id.
	s.order = make([]int32, 0, n)
	loaded := make([]int32, 0, busy)
	for _, i := range p.byRank {
		if s.work[i] == 0 {
			s.order = append(s.order, i)
		} else {
			loaded = append(loaded, i)
		}
	}
	slices.SortStableFunc(loaded, func(a, b int32) int { return cmp.Compare(s.work[a], s.work[b]) })
	s.order = append(s.order, loaded...)
	return s
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

// newProblem starts the set-cover instance: the needs to meet, the size
// bounds, and which needs a technical expert may meet.
func (s *selection) newProblem() (*problem, needSet) {
	prob := &problem{nbits: len(s.needs.Needs) + 1, minAud: max(s.needs.MinAuditors, 1), maxAud: s.needs.MaxAuditors,
		npers: len(s.people), limit: max(s.r.maxExact, 0)}
	var expertKinds needSet
	for i, n := range s.needs.Needs {
		prob.full.set(i)
		if n.Kind.ExpertMayMeet() {
			expertKinds.set(i)
		}
	}
	prob.full.set(s.leaderBit)
	return prob, expertKinds
}

// auditorOption returns person i's option as an auditor, if any; i must
// be checked.
func (s *selection) auditorOption(i int32) (option, bool) {
	ps := &s.people[i]
	if ps.block != "" || !ps.auditor {
		return option{}, false
	}
	m := ps.cover
	if ps.leader {
		m.set(s.leaderBit)
	}
	return option{person: int(i), rank: s.p.rank[i], mask: m, work: s.work[i]}, !m.empty()
}

// expertOption returns person i's option as a technical expert, if any;
// i must be checked.
func (s *selection) expertOption(i int32, expertKinds needSet) (option, bool) {
	ps := &s.people[i]
	if ps.block != "" || !ps.expert {
		return option{}, false
	}
	m := ps.cover.and(expertKinds)
	return option{person: int(i), rank: s.p.rank[i], expert: true, mask: m, work: s.work[i]}, !m.empty()
}

// dominated reports whether an option of the given kind among opts meets
// every need of m.
func dominated(opts []option, expert bool, m needSet) bool {
	for k := range opts {
		if opts[k].expert == expert && m.subsetOf(opts[k].mask) {
			return true
		}
	}
	return false
}

// buildLazy builds the problem build would build, checking only the
// candidates that can change it. Options come in (workload, id, auditor
// before expert) order, and dominancePrune keeps an option only when no
// option kept before it, of the same kind, meets a superset of its needs;
// a person can only meet the needs of their records (and lead if they
// were evaluated against the leader set), so when an option already kept
// meets all of those, the person's option would be pruned whatever their
// check says, and they are not checked. Past the pruning limit every
// option is kept, as dominancePrune does. Padding to the minimum number
// of auditors needs the first available auditors in the same order: as
// many as the minimum plus the people the options can put on the team,
// which finish may skip. It returns nil when a need is unmet or too few
// auditors can serve: build then checks everyone to explain why.
func (s *selection) buildLazy() *problem {
	prob, expertKinds := s.newProblem()
	var union needSet
	all := false // more than limit options kept: keep the rest unpruned
	evaluated := s.p.evaluated[s.r.auditorSet.ID]
	keep := func(o option) {
		prob.opts = append(prob.opts, o)
		union = union.or(o.mask)
		all = len(prob.opts) > prob.limit
	}
	for _, i := range s.order {
		ps := &s.people[i]
		// What the person could meet as an auditor, if evaluated against
		// the auditor set (no one else is competent for it): their needs,
		// and leading if they were evaluated for it too.
		can := ps.cover
		if ps.leaderEval {
			can.set(s.leaderBit)
		}
		if evaluated[i] && !can.empty() && (all || !dominated(prob.opts, false, can)) {
			s.check(int(i))
			if o, ok := s.auditorOption(i); ok && (all || !dominated(prob.opts, false, o.mask)) {
				keep(o)
			}
		}
		// As a technical expert, if the record allows it.
		if can := ps.cover.and(expertKinds); s.p.auditors[i].Expert && !can.empty() && (all || !dominated(prob.opts, true, can)) {
			s.check(int(i))
			if o, ok := s.expertOption(i, expertKinds); ok {
				keep(o)
			}
		}
	}
	if union != prob.full {
		return nil
	}
	if prob.minAud > 1 {
		onTeam := make(map[int]bool, len(prob.opts))
		for _, o := range prob.opts {
			onTeam[o.person] = true
		}
		want := prob.minAud + len(onTeam)
		for _, i := range s.order {
			if len(prob.pad) == want {
				break
			}
			if !evaluated[i] {
				continue // not competent as an auditor, whatever the check
			}
			s.check(int(i))
			if ps := &s.people[i]; ps.block == "" && ps.auditor {
				prob.pad = append(prob.pad, int(i))
				prob.padW = append(prob.padW, s.work[i])
			}
		}
		if len(prob.pad) < prob.minAud {
			return nil
		}
	}
	return prob
}

// build checks every candidate (everyone, when more than one auditor is
// needed), turns them into options in (workload, id, auditor before
// expert) order, prunes the dominated ones and reports the needs no
// option meets.
func (s *selection) build() (*problem, []UnmetNeed) {
	prob, expertKinds := s.newProblem()
	var union needSet
	var auditorsAvailable int
	for _, i := range s.order {
		ps := &s.people[i]
		if ps.cover.empty() && !ps.leaderEval && s.needs.MinAuditors <= 1 {
			continue
		}
		s.check(int(i))
		if ps.block == "" && ps.auditor {
			auditorsAvailable++
			if prob.minAud > 1 {
				// Every team has its leader, an auditor, so padding is
				// needed only for a minimum above one.
				prob.pad = append(prob.pad, int(i))
				prob.padW = append(prob.padW, s.work[i])
			}
		}
		if o, ok := s.auditorOption(i); ok {
			prob.opts = append(prob.opts, o)
			union = union.or(o.mask)
		}
		if o, ok := s.expertOption(i, expertKinds); ok {
			prob.opts = append(prob.opts, o)
			union = union.or(o.mask)
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
	prob.opts = dominancePrune(prob.opts, prob.limit)
	return prob, nil
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
		if leader < 0 || s.work[pk.person] < s.work[leader] ||
			(s.work[pk.person] == s.work[leader] && s.p.auditors[pk.person].ID < s.p.auditors[leader].ID) {
			leader = pk.person
		}
	}
	for _, pk := range picks {
		a := &s.p.auditors[pk.person]
		m := Member{Auditor: a.ID, Role: RoleAuditor, Workload: s.work[pk.person]}
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
