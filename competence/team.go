package competence

import (
	"iter"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// MaxNeeds is the most needs one team selection accepts.
const MaxNeeds = 255

// DefaultMaxExact is the largest number of relevant candidates for which
// team selection is exact by default. Candidates are relevant when they
// can serve, meet at least one need (or could lead) and are not dominated
// by a candidate of the same kind that meets a superset of their needs at
// no more workload. Above it, selection is heuristic.
const DefaultMaxExact = 24

// Need is one thing an audit needs from its team (ISO 19011:2018 5.5.4):
// a knowledge area at a level, a sector, a technical area or a language.
// Kinds leader and team-size only appear in a [NoTeamError].
type Need struct {
	// Kind says what is needed.
	Kind NeedKind `json:"kind" validate:"enum"`
	// Area is the knowledge area of a knowledge need.
	Area KnowledgeArea `json:"area,omitempty" validate:"omitempty,enum"`
	// Level is the minimum level of a knowledge need.
	Level Level `json:"level,omitempty" validate:"omitempty,enum"`
	// Value is the sector, technical area or language.
	Value string `json:"value,omitempty"`
}

// KnowledgeNeed returns the need for area at level or above.
func KnowledgeNeed(area KnowledgeArea, level Level) Need {
	return Need{Kind: NeedKnowledge, Area: area, Level: level}
}

// SectorNeed returns the need for knowledge of a sector.
func SectorNeed(sector string) Need { return Need{Kind: NeedSector, Value: sector} }

// TechnicalAreaNeed returns the need for knowledge of a technical area.
func TechnicalAreaNeed(area string) Need { return Need{Kind: NeedTechnicalArea, Value: area} }

// LanguageNeed returns the need for an auditor working in a language.
func LanguageNeed(lang string) Need { return Need{Kind: NeedLanguage, Value: lang} }

// String renders the need as "knowledge risk-assessment>=proficient",
// "sector finance", "language de", "leader" or "team-size".
func (n Need) String() string {
	switch n.Kind {
	case NeedKnowledge:
		return "knowledge " + string(n.Area) + ">=" + string(n.Level)
	case NeedLeader, NeedTeamSize:
		return string(n.Kind)
	}
	return string(n.Kind) + " " + n.Value
}

// TeamNeeds is what an audit needs from its team (ISO 19011:2018 5.5.4,
// 5.5.5): the needs to cover, the scope the team must be independent of,
// the dates, the size bounds and the people to exclude. Every team also
// needs a competent team leader.
type TeamNeeds struct {
	// Scope is what the audit covers; members must be independent of it.
	Scope Scope `json:"scope"`
	// At is the first audit day: competence and independence are judged
	// on it.
	At time.Time `json:"at" validate:"required"`
	// Until is the last audit day; zero for a one-day audit. Members must
	// be available throughout.
	Until time.Time `json:"until,omitzero"`
	// Needs lists the needs; each must be met by a member able to meet it
	// (technical experts meet knowledge, sector and technical area needs
	// only).
	Needs []Need `json:"needs,omitempty" validate:"dive"`
	// MinAuditors is the least number of auditors (leader included,
	// experts not); 0 means one, the leader.
	MinAuditors int `json:"minAuditors,omitempty" validate:"gte=0"`
	// MaxAuditors is the most auditors; 0 means no maximum.
	MaxAuditors int `json:"maxAuditors,omitempty" validate:"gte=0"`
	// Exclude lists people who must not be on the team.
	Exclude []AuditorID `json:"exclude,omitempty" validate:"unique,dive,required"`
}

// period returns the audit days as a Period.
func (t *TeamNeeds) period() Period {
	p := Period{From: t.At, To: t.Until}
	if p.To.IsZero() {
		p.To = t.At
	}
	return p
}

// Validate checks the needs' shape and domain rules and reports every
// problem at once in a *ismsaudit.ValidationError.
func (t *TeamNeeds) Validate() error {
	c := newCollector("team needs")
	t.validateInto(c)
	return c.Err()
}

func (t *TeamNeeds) validateInto(c *errs.Collector) {
	if !t.shapeOK() {
		validate.Struct(c, "", t)
	}
	checkOrder(c, "Until", t.At, t.Until)
	if len(t.Needs) > MaxNeeds {
		c.Add("Needs", "max", itoa(len(t.Needs)), "at most "+itoa(MaxNeeds)+" needs")
	}
	if t.MaxAuditors > 0 && t.MinAuditors > t.MaxAuditors {
		c.Add("MinAuditors", "lte", itoa(t.MinAuditors), "at most MaxAuditors ("+itoa(t.MaxAuditors)+")")
	}
	seen := make(map[Need]int, len(t.Needs))
	for i, n := range t.Needs {
		path := errs.Index("Needs", i)
		switch n.Kind {
		case NeedKnowledge:
			if n.Area == "" {
				c.Add(path+".Area", "required-for-kind", "", "a knowledge need names an area")
			}
			if n.Level == "" {
				c.Add(path+".Level", "required-for-kind", "", "a knowledge need names a level")
			}
			if n.Value != "" {
				c.Add(path+".Value", "unused-for-kind", n.Value, "a knowledge need has no value")
			}
		case NeedSector, NeedTechnicalArea, NeedLanguage:
			if strings.TrimSpace(n.Value) == "" {
				c.Add(path+".Value", "required-for-kind", "", "a "+string(n.Kind)+" need names a value")
			}
			if n.Area != "" || n.Level != "" {
				c.Add(path+".Area", "unused-for-kind", string(n.Area), "only knowledge needs have an area and a level")
			}
		case NeedLeader, NeedTeamSize:
			c.Add(path+".Kind", "input-kind", string(n.Kind), "every team needs a leader; size goes in MinAuditors and MaxAuditors")
		}
		if j, dup := seen[n]; dup {
			c.Add(path, "unique", n.String(), "same as Needs["+itoa(j)+"]")
		} else {
			seen[n] = i
		}
	}
}

// shapeOK reports whether the struct tags of the needs (and of their
// scope and needs) hold, as far as a direct check can tell: when it says
// yes, the validator would find nothing, so selection skips it; when it
// says no, the validator runs and reports what is wrong. Team selection
// runs it once per selection, which a staffing run repeats a thousand
// times.
func (t *TeamNeeds) shapeOK() bool {
	if t.At.IsZero() || t.MinAuditors < 0 || t.MaxAuditors < 0 || t.Scope.Auditee == "" ||
		!uniqueFilled(t.Scope.Units) || !uniqueFilled(t.Scope.Processes) || !uniqueFilled(t.Scope.Controls) || !uniqueFilled(t.Exclude) {
		return false
	}
	for i := range t.Needs {
		n := &t.Needs[i]
		if !n.Kind.IsValid() || (n.Area != "" && !n.Area.IsValid()) || (n.Level != "" && !n.Level.IsValid()) {
			return false
		}
	}
	return true
}

// shapeOK is TeamNeeds.shapeOK for the options: no scheme (the
// validator would check it), every unavailable id given, the
// independence options and MaxExact within their bounds.
func (o *SelectOptions) shapeOK() bool {
	if o.Scheme != nil || o.MaxExact > 32 {
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

// uniqueFilled reports whether no value is empty and none repeats (the
// tags unique,dive,required).
func uniqueFilled[S ~string](values []S) bool {
	if len(values) > 16 {
		seen := make(map[S]bool, len(values))
		for _, v := range values {
			if v == "" || seen[v] {
				return false
			}
			seen[v] = true
		}
		return true
	}
	for i, v := range values {
		if v == "" || slices.Contains(values[:i], v) {
			return false
		}
	}
	return true
}

// SelectOptions configures team selection. A nil *SelectOptions means
// every default.
type SelectOptions struct {
	// Scheme is the competence scheme the top-level [SelectTeam] builds its
	// pool with; nil means [DefaultScheme]. [Pool.SelectTeam] uses the
	// pool's own scheme and ignores it.
	Scheme *Scheme `json:"scheme,omitempty"`
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

// Team is a selected audit team (ISO 19011:2018 5.5.4, 5.5.5).
type Team struct {
	// Leader is the team leader, also listed first in Members.
	Leader AuditorID `json:"leader"`
	// Members lists the leader, then the other auditors, then technical
	// experts, each group by id.
	Members []Member `json:"members"`
	// Method says how the team was chosen.
	Method SelectionMethod `json:"method"`
	// LowerBound is a number of members no team meeting the needs can go
	// below. For an exact selection it equals the team's size; for a
	// heuristic one the gap to Size bounds how far from optimal it can be.
	LowerBound int `json:"lowerBound"`
	// Workload is the sum of the members' workload before this audit.
	Workload float64 `json:"workload"`
}

// Member is one member of a team.
type Member struct {
	// Auditor is the person.
	Auditor AuditorID `json:"auditor"`
	// Role is team-leader, auditor or technical-expert.
	Role Role `json:"role"`
	// Covers lists the audit's needs this member meets in this role.
	Covers []Need `json:"covers,omitempty"`
	// Workload is the person's workload before this audit.
	Workload float64 `json:"workload,omitempty"`
}

// Size returns the number of members, technical experts included.
func (t *Team) Size() int { return len(t.Members) }

// Auditors returns the ids of the auditors, leader first.
func (t *Team) Auditors() []AuditorID {
	var out []AuditorID
	for _, m := range t.Members {
		if m.Role != RoleTechnicalExpert {
			out = append(out, m.Auditor)
		}
	}
	return out
}

// Experts returns the ids of the technical experts.
func (t *Team) Experts() []AuditorID {
	var out []AuditorID
	for _, m := range t.Members {
		if m.Role == RoleTechnicalExpert {
			out = append(out, m.Auditor)
		}
	}
	return out
}

// Pool is a validated, indexed auditor pool and the competence scheme it
// is judged by. Build it once with [NewPool] and run many selections on
// it; it is immutable and safe for concurrent use. It keeps the records it
// was given: do not modify them while the pool is in use.
type Pool struct {
	scheme   Scheme
	auditors []Auditor
	index    map[AuditorID]int
	rank     []int32 // each person's position in id order
	byRank   []int32 // the people by id: byRank[rank[i]] == i
	// evaluated[set][i] says whether person i has an evaluation against
	// the set (Auditor.Evaluation is not nil), for every set of the scheme.
	evaluated map[CriteriaSetID][]bool
	// byArea[a][l] lists the people whose level in area a is at least
	// level l, by pool index.
	byArea    [numAreas][4][]int32
	sectors   map[string][]int32
	techAreas map[string][]int32
	languages map[string][]int32
}

// NewPool validates the scheme (nil means [DefaultScheme]) and every
// record, checks that ids are unique and that every evaluation names a
// set of the scheme, and indexes the records. It reports every problem at
// once in a *ismsaudit.ValidationError with paths such as
// "Auditors[3].Training[2].Hours".
func NewPool(auditors []Auditor, scheme *Scheme) (*Pool, error) {
	sc := DefaultScheme()
	if scheme != nil {
		sc = *scheme
	}
	c := newCollector("auditor pool")
	sc.validateInto(c, "Scheme")
	p := &Pool{scheme: sc, auditors: slices.Clone(auditors), index: make(map[AuditorID]int, len(auditors)),
		sectors: map[string][]int32{}, techAreas: map[string][]int32{}, languages: map[string][]int32{}}
	for i := range p.auditors {
		a := &p.auditors[i]
		path := errs.Index("Auditors", i)
		a.validateInto(c, path)
		if j, dup := p.index[a.ID]; dup && a.ID != "" {
			c.Add(path+".ID", "unique", string(a.ID), "id already used by Auditors["+itoa(j)+"]")
		} else {
			p.index[a.ID] = i
		}
		for j := range a.Evaluations {
			if _, ok := sc.Set(a.Evaluations[j].Criteria); !ok && a.Evaluations[j].Criteria != "" {
				c.Add(path+errs.Index(".Evaluations", j)+".Criteria", errs.RuleUnknown, string(a.Evaluations[j].Criteria), "no set of the scheme has this id")
			}
		}
	}
	if err := c.Err(); err != nil {
		return nil, err
	}
	order := make([]int32, len(p.auditors))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(string(p.auditors[x].ID), string(p.auditors[y].ID)) })
	p.rank = make([]int32, len(p.auditors))
	for r, i := range order {
		p.rank[i] = int32(r)
	}
	p.byRank = order
	p.evaluated = make(map[CriteriaSetID][]bool, len(sc.Sets))
	for j := range sc.Sets {
		p.evaluated[sc.Sets[j].ID] = make([]bool, len(p.auditors))
	}
	for i := range p.auditors {
		a := &p.auditors[i]
		for _, s := range a.Skills {
			ai, li := knowledgeAreaSet.Index(s.Area), s.Level.rank()
			for l := 0; l <= li; l++ {
				p.byArea[ai][l] = append(p.byArea[ai][l], int32(i))
			}
		}
		for _, s := range a.Sectors {
			p.sectors[s] = append(p.sectors[s], int32(i))
		}
		for _, s := range a.TechnicalAreas {
			p.techAreas[s] = append(p.techAreas[s], int32(i))
		}
		for _, s := range a.Languages {
			p.languages[s] = append(p.languages[s], int32(i))
		}
		for j := range a.Evaluations {
			p.evaluated[a.Evaluations[j].Criteria][i] = true
		}
	}
	return p, nil
}

// Len returns the number of people in the pool.
func (p *Pool) Len() int { return len(p.auditors) }

// Auditor returns the record with the given id. The record belongs to
// the pool: do not modify it.
func (p *Pool) Auditor(id AuditorID) (*Auditor, bool) {
	i, ok := p.index[id]
	if !ok {
		return nil, false
	}
	return &p.auditors[i], true
}

// All yields the records in the order the pool was built with. They
// belong to the pool: do not modify them.
func (p *Pool) All() iter.Seq[*Auditor] {
	return func(yield func(*Auditor) bool) {
		for i := range p.auditors {
			if !yield(&p.auditors[i]) {
				return
			}
		}
	}
}

// Scheme returns the pool's competence scheme. It belongs to the pool:
// do not modify it.
func (p *Pool) Scheme() *Scheme { return &p.scheme }

// Standing returns the standing of the person with the given id against a
// set of the pool's scheme at a date (see [Scheme.Standing]). An unknown
// person or set gives a *ismsaudit.NotFoundError.
func (p *Pool) Standing(id AuditorID, set CriteriaSetID, at time.Time) (Standing, error) {
	a, ok := p.Auditor(id)
	if !ok {
		return Standing{}, &ismsaudit.NotFoundError{Pkg: "competence", Type: "auditor", ID: string(id)}
	}
	return p.scheme.Standing(a, set, at)
}

// holders returns the pool indexes of the people whose record meets n.
func (p *Pool) holders(n Need) []int32 {
	switch n.Kind {
	case NeedKnowledge:
		ai, li := knowledgeAreaSet.Index(n.Area), n.Level.rank()
		if ai < 0 || li < 0 {
			return nil
		}
		return p.byArea[ai][li]
	case NeedSector:
		return p.sectors[n.Value]
	case NeedTechnicalArea:
		return p.techAreas[n.Value]
	case NeedLanguage:
		return p.languages[n.Value]
	}
	return nil
}

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
	shapeOK := opts.shapeOK()
	if !shapeOK {
		validate.Struct(c, "Options", opts)
	}
	r := &resolved{workload: opts.Workload, independence: opts.Independence, maxExact: opts.MaxExact}
	if r.maxExact == 0 {
		r.maxExact = DefaultMaxExact
	}
	if opts.Independence != nil && !shapeOK {
		validate.Struct(c, "Options.Independence", opts.Independence)
	}
	set := func(path string, id, def CriteriaSetID) *CriteriaSet {
		if id == "" {
			id = def
		}
		s, ok := p.scheme.Set(id)
		if !ok {
			c.Add(path, errs.RuleUnknown, string(id), "no set of the pool's scheme has this id")
		}
		return s
	}
	r.auditorSet = set("Options.AuditorSet", opts.AuditorSet, ISMSAuditorSet)
	r.leaderSet = set("Options.LeaderSet", opts.LeaderSet, ISMSTeamLeaderSet)
	bad := false
	for _, w := range opts.Workload {
		bad = bad || math.IsNaN(w) || math.IsInf(w, 0) || w < 0
	}
	if bad { // report in id order, so the error is deterministic
		for _, id := range sortedKeys(opts.Workload) {
			if w := opts.Workload[id]; math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
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

func sortedKeys(m map[AuditorID]float64) []AuditorID {
	keys := make([]AuditorID, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// SelectTeam builds a pool from candidates with opts.Scheme (nil means
// [DefaultScheme]) and selects a team; see [Pool.SelectTeam]. Building the
// pool validates every record, so to select many teams from one pool,
// build it once with [NewPool].
func SelectTeam(candidates []Auditor, needs TeamNeeds, opts *SelectOptions) (Team, error) {
	var scheme *Scheme
	if opts != nil {
		scheme = opts.Scheme
	}
	p, err := NewPool(candidates, scheme)
	if err != nil {
		return Team{}, err
	}
	return p.SelectTeam(needs, opts)
}

// CheckTeam verifies a team against an audit's needs, whoever chose it:
// one leader, competent to lead on the date; every auditor competent;
// experts marked as such and only meeting knowledge, sector and technical
// area needs; every need met; no member conflicted, excluded, unavailable
// or listed twice; the number of auditors within the bounds. It reports
// every violation at once in a *ismsaudit.ValidationError whose rules are the
// CMP-TEAM-* rule ids (see [Rules]).
func (p *Pool) CheckTeam(team Team, needs TeamNeeds, opts *SelectOptions) error {
	r, err := p.resolve(&needs, opts)
	if err != nil {
		return err
	}
	c := newCollector("team")
	period := needs.period()
	auditors, leaders := 0, 0
	seen := map[AuditorID]int{}
	var covered needSet
	if len(team.Members) == 0 {
		c.Add("Members", RuleTeamLeader, "", "a team has at least its leader")
	}
	for i, m := range team.Members {
		path := errs.Index("Members", i)
		if j, dup := seen[m.Auditor]; dup {
			c.Add(path+".Auditor", RuleTeamAvailable, string(m.Auditor), "already on the team as Members["+itoa(j)+"]")
			continue
		}
		seen[m.Auditor] = i
		a, ok := p.Auditor(m.Auditor)
		if !ok {
			c.Add(path+".Auditor", errs.RuleUnknown, string(m.Auditor), "no one in the pool has this id")
			continue
		}
		switch {
		case r.excluded[a.ID]:
			c.Add(path+".Auditor", RuleTeamAvailable, string(a.ID), "excluded from this audit")
		case r.unavailable[a.ID] || !a.AvailableDuring(period):
			c.Add(path+".Auditor", RuleTeamAvailable, string(a.ID), "unavailable on the audit dates")
		}
		for _, cf := range a.Conflicts(needs.Scope, needs.At, r.independence) {
			c.Add(path+".Auditor", RuleTeamIndependent, string(a.ID), string(cf.Reason)+": "+cf.Detail)
		}
		switch m.Role {
		case RoleTeamLeader:
			leaders++
			auditors++
			if m.Auditor != team.Leader {
				c.Add(path+".Role", RuleTeamLeader, string(m.Role), "the team's Leader is "+quote(string(team.Leader)))
			}
			if st := p.scheme.standing(a, r.leaderSet, needs.At, len(p.scheme.Sets)); !st.Competent {
				c.Add(path+".Auditor", RuleTeamLeader, string(a.ID), "not competent as "+string(r.leaderSet.ID)+": "+obstacleKinds(st))
			}
			fallthrough
		case RoleAuditor:
			if m.Role == RoleAuditor {
				auditors++
			}
			if st := p.scheme.standing(a, r.auditorSet, needs.At, len(p.scheme.Sets)); !st.Competent {
				c.Add(path+".Auditor", RuleTeamCompetent, string(a.ID), "not competent as "+string(r.auditorSet.ID)+": "+obstacleKinds(st))
			}
			for k, n := range needs.Needs {
				if a.Covers(n) {
					covered.set(k)
				}
			}
		case RoleTechnicalExpert:
			if !a.Expert {
				c.Add(path+".Role", RuleTeamExperts, string(m.Role), "the record does not allow technical expert work")
			}
			if m.Auditor == team.Leader {
				c.Add(path+".Role", RuleTeamExperts, string(m.Role), "a technical expert cannot lead")
			}
			for k, n := range needs.Needs {
				if n.Kind.ExpertMayMeet() && a.Covers(n) {
					covered.set(k)
				}
			}
		default:
			c.Add(path+".Role", RuleTeamExperts, string(m.Role), "a member is team-leader, auditor or technical-expert")
		}
	}
	if leaders != 1 {
		c.Add("Leader", RuleTeamLeader, string(team.Leader), "the team has "+itoa(leaders)+" members in role team-leader, one is needed")
	}
	for i, n := range needs.Needs {
		if !covered.has(i) {
			c.Add(errs.Index("Needs", i), RuleTeamCovers, n.String(), "no member able to meet it")
		}
	}
	lo := max(needs.MinAuditors, 1)
	if auditors < lo || (needs.MaxAuditors > 0 && auditors > needs.MaxAuditors) {
		c.Add("Members", RuleTeamSize, itoa(auditors), "auditors must number "+itoa(lo)+" to "+maxText(needs.MaxAuditors))
	}
	return c.Err()
}

func maxText(n int) string {
	if n <= 0 {
		return "any number"
	}
	return itoa(n)
}

func obstacleKinds(st Standing) string {
	kinds := make([]string, len(st.Obstacles))
	for i, o := range st.Obstacles {
		kinds[i] = string(o.Kind)
	}
	return strings.Join(kinds, ", ")
}

// DecodeTeamNeeds decodes team needs from JSON strictly and validates
// them. Problems come back as one *ismsaudit.ValidationError with Go-field paths.
func DecodeTeamNeeds(data []byte) (TeamNeeds, error) {
	var t TeamNeeds
	c := newCollector("team needs")
	if !validate.JSON(c, data, &t) {
		return TeamNeeds{}, c.Err()
	}
	t.validateInto(c)
	if err := c.Err(); err != nil {
		return TeamNeeds{}, err
	}
	return t, nil
}
