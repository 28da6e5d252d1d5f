package competence

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// DefaultMaxExact is the largest number of relevant candidates for which
// team selection is exact by default. Candidates are relevant when they
// can serve, meet at least one need (or could lead) and are not dominated
// by a candidate of the same kind that meets a superset of their needs at
// no more workload. Above it, selection is heuristic.
const DefaultMaxExact = 24

// SelectOptions configures team selection. A nil *SelectOptions means
// every default.
type SelectOptions struct {
	// AuditorSet is the criteria set auditors must be competent for;
	// empty means [ISMSAuditorSet].
	AuditorSet CriteriaSetID `json:"auditorSet,omitempty"`
	// LeaderSet is the criteria set the team leader must be competent
	// for; empty means [ISMSTeamLeaderSet]. For an internal audit a host
	// may name [InternalISMSAuditorSet] for both.
	LeaderSet CriteriaSetID `json:"leaderSet,omitempty"`
	// Workload gives each person's days already assigned (e.g. in the
	// programme period); missing means 0. Lower workload is preferred.
	Workload map[AuditorID]float64 `json:"workload,omitempty"`
	// Unavailable lists people the caller knows to be unavailable on the
	// audit's dates (e.g. booked on another audit), besides the periods in
	// their records.
	Unavailable []AuditorID `json:"unavailable,omitempty" validate:"dive,required"`
	// Independence configures the conflict check; nil means
	// [DefaultCoolingOffMonths].
	Independence *IndependenceOptions `json:"independence,omitempty"`
	// MaxExact is the largest number of relevant candidates selected
	// exactly; 0 means [DefaultMaxExact], a negative value always uses the
	// heuristic; at most 32, as exact search is exponential in the number
	// of candidates in the worst case.
	MaxExact int `json:"maxExact,omitempty" validate:"lte=32"`
}

// shapeOK is TeamNeeds.shapeOK for the options: every unavailable id
// given, the independence options and MaxExact within their bounds.
func (o *SelectOptions) shapeOK() bool {
	if o.MaxExact > 32 {
		return false
	}
	if o.Independence != nil && (o.Independence.CoolingOffMonths < 0 || o.Independence.CoolingOffMonths > 1200) {
		return false
	}
	for _, id := range o.Unavailable {
		if id == "" {
			return false
		}
	}
	return true
}

// SelectionMethod says how a team was chosen.
//
//ismsaudit:enum SelectionMethods
type SelectionMethod string

// The selection methods. Never reorder.
const (
	// Exact: branch and bound over the relevant candidates; the team is
	// optimal (19011:5.5.4).
	Exact SelectionMethod = "exact"
	// Heuristic: greedy set cover followed by removal of redundant
	// members; the team is within a proven factor of optimal
	// (19011:5.5.4).
	Heuristic SelectionMethod = "heuristic"
)

// NoTeamError reports that [Pool.SelectTeam] found no team. Unmet lists
// every need that cannot be met, each with the reason and, where people
// could have met it, who they are and why they cannot serve. It unwraps
// to ErrNoTeam.
type NoTeamError struct {
	// Method is the selection method that ran, when the needs were
	// feasible need by need but no team fits the size bounds.
	Method SelectionMethod `json:"method,omitempty"`
	// Unmet lists the needs that cannot be met, in the order of the
	// input needs, then the leader, then the team size.
	Unmet []UnmetNeed `json:"unmet"`
}

// Error lists every unmet need.
func (e *NoTeamError) Error() string {
	var b strings.Builder
	b.WriteString("competence: no team meets the needs")
	for i, u := range e.Unmet {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %s (%s)", u.Need, u.Reason, u.Rule)
		if u.Detail != "" {
			b.WriteString(": ")
			b.WriteString(u.Detail)
		}
	}
	return b.String()
}

// Unwrap returns ErrNoTeam.
func (e *NoTeamError) Unwrap() error { return ErrNoTeam }

// Has reports whether the error lists a need of the given kind with the
// given reason.
func (e *NoTeamError) Has(kind NeedKind, reason Shortfall) bool {
	for _, u := range e.Unmet {
		if u.Need.Kind == kind && u.Reason == reason {
			return true
		}
	}
	return false
}

// UnmetNeed is one need no team can meet.
type UnmetNeed struct {
	// Need is the need: one of the input needs, or a need of kind
	// NeedLeader or NeedTeamSize.
	Need Need `json:"need"`
	// Reason says why it cannot be met.
	Reason Shortfall `json:"reason"`
	// Rule is the id of the process rule the need comes from.
	Rule ismsaudit.RuleID `json:"rule"`
	// Detail explains the shortfall in a few words.
	Detail string `json:"detail,omitempty"`
	// Blocked lists the people of the pool who could have met the need
	// and why each cannot serve on this audit, ordered by auditor id.
	Blocked []Blocked `json:"blocked,omitempty"`
}

// Blocked names one person who could meet a need but cannot serve.
type Blocked struct {
	// Auditor is the person.
	Auditor AuditorID `json:"auditor"`
	// Reason is why they cannot serve.
	Reason BlockReason `json:"reason"`
	// Detail explains, e.g. the conflict or the competence obstacle.
	Detail string `json:"detail,omitempty"`
}

// Shortfall says why a need cannot be met (see [NoTeamError]).
//
//ismsaudit:enum Shortfalls
type Shortfall string

// The shortfalls. Never reorder.
const (
	// NobodyHas: no one in the pool has what the need asks for.
	NobodyHas Shortfall = "nobody-has"
	// AllBlocked: the people who have it cannot serve on this audit; the
	// UnmetNeed lists them and why.
	AllBlocked Shortfall = "all-blocked"
	// SizeLimit: covering every need takes more auditors than the maximum
	// team size allows.
	SizeLimit Shortfall = "size-limit"
	// TooFewAuditors: fewer auditors can serve than the minimum team size.
	TooFewAuditors Shortfall = "too-few-auditors"
)

// BlockReason says why a person cannot serve on an audit's team.
//
//ismsaudit:enum BlockReasons
type BlockReason string

// The block reasons. Never reorder.
const (
	// Excluded: the caller excluded the person (19011:5.5.4).
	Excluded BlockReason = "excluded"
	// Unavailable: the person is unavailable on the audit's dates
	// (19011:5.5.4).
	Unavailable BlockReason = "unavailable"
	// Conflicted: the person is not independent of the scope (19011:4 e,
	// 27001:9.2.2).
	Conflicted BlockReason = "conflict"
	// NotCompetent: the person is not competent for the role on the date
	// (19011:5.5.4, 5.5.5).
	NotCompetent BlockReason = "not-competent"
)

// resolved holds the options of one selection after defaults.
type resolved struct {
	auditorSet, leaderSet *CriteriaSet
	workload              map[AuditorID]float64
	unavailable           map[AuditorID]bool
	excluded              map[AuditorID]bool
	independence          *IndependenceOptions
	maxExact              int
}

// resolve validates needs and options against the pool and applies the
// defaults.
func (p *Pool) resolve(needs *TeamNeeds, opts *SelectOptions) (*resolved, error) {
	if opts == nil {
		opts = &SelectOptions{}
	}
	c := newCollector("team selection")
	needs.validateInto(c)
	if !opts.shapeOK() {
		// Dives into Options.Independence too.
		validate.Struct(c, "Options", opts)
	}
	r := &resolved{workload: opts.Workload, independence: opts.Independence, maxExact: opts.MaxExact}
	if r.maxExact == 0 {
		r.maxExact = DefaultMaxExact
	}
	set := func(path string, id, def CriteriaSetID) *CriteriaSet {
		if id == "" {
			id = def
		}
		s, ok := p.scheme.Set(id)
		if !ok {
			c.Add(path, ismsaudit.RuleUnknown, string(id), "no set of the pool's scheme has this id")
		}
		return s
	}
	r.auditorSet = set("Options.AuditorSet", opts.AuditorSet, ISMSAuditorSet)
	r.leaderSet = set("Options.LeaderSet", opts.LeaderSet, ISMSTeamLeaderSet)
	bad := false
	for _, w := range opts.Workload {
		if !validDays(w) {
			bad = true
			break
		}
	}
	if bad { // report in id order, so the error is deterministic
		for _, id := range sortedKeys(opts.Workload) {
			if w := opts.Workload[id]; !validDays(w) {
				c.Add("Options.Workload["+quote(string(id))+"]", "gte", num(w), "a finite number of days, at least 0")
			}
		}
	}
	if err := c.Err(); err != nil {
		return nil, err
	}
	r.unavailable = make(map[AuditorID]bool, len(opts.Unavailable))
	for _, id := range opts.Unavailable {
		r.unavailable[id] = true
	}
	r.excluded = make(map[AuditorID]bool, len(needs.Exclude))
	for _, id := range needs.Exclude {
		r.excluded[id] = true
	}
	return r, nil
}

// validDays reports whether w is a number of days: finite and at least 0
// (NaN fails the comparison).
func validDays(w float64) bool { return w >= 0 && !math.IsInf(w, 1) }

func sortedKeys(m map[AuditorID]float64) []AuditorID {
	keys := make([]AuditorID, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
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
