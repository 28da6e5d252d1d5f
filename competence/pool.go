package competence

import (
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

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
				c.Add(path+errs.Index(".Evaluations", j)+".Criteria", ismsaudit.RuleUnknown, string(a.Evaluations[j].Criteria), "no set of the scheme has this id")
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
