package competence

import (
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// Pool is a validated, indexed auditor pool and the competence scheme it
// is judged by. Build it once with [NewPool] (or read its document with
// [DecodePool]) and run many selections on it; it is immutable and safe
// for concurrent use. It keeps the records it was given: do not modify
// them while the pool is in use.
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
	// schemeGiven says NewPool was given a scheme; without one the pool
	// judges by DefaultScheme and its document names none.
	schemeGiven bool
}

// NewPool validates the scheme (nil means [DefaultScheme]) and every
// record, checks that ids are unique and that every evaluation names a
// set of the scheme, and indexes the records. It reports every problem at
// once in a *ismsaudit.ValidationError with paths such as
// "Auditors[3].Training[2].Hours".
func NewPool(auditors []Auditor, scheme *Scheme) (*Pool, error) {
	c := newCollector("auditor pool")
	p := buildPool(c, auditors, scheme)
	if err := c.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// buildPool is NewPool reporting to c; it returns nil when c holds a
// problem once the records are checked, its own or an earlier one.
func buildPool(c *errs.Collector, auditors []Auditor, scheme *Scheme) *Pool {
	sc := DefaultScheme()
	if scheme != nil {
		sc = *scheme
	}
	sc.validateInto(c, "Scheme")
	p := &Pool{scheme: sc, schemeGiven: scheme != nil, auditors: slices.Clone(auditors), index: make(map[AuditorID]int, len(auditors)),
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
	if c.Len() > 0 {
		return nil
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
	return p
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

// PoolDocument is the JSON form of a [Pool], the document of kind
// ismsaudit.KindPool: the records of the people in the pool, in the order
// the pool was built with, and the scheme they are judged by.
// [Pool.Document] makes one and [DecodePool] reads one back:
//
//	{"documentKind":"pool","formatVersion":1,"scheme":{"sets":[...]},
//	 "auditors":[{"documentKind":"auditor","formatVersion":1,"id":"ana",...},...]}
type PoolDocument struct {
	// DocumentKind and FormatVersion are the document's envelope (see
	// ismsaudit.DocumentKind): ismsaudit.KindPool and the format version
	// the document was made in. Pool.Document sets them; a document
	// written without them is format version 0, which DecodePool still
	// reads.
	DocumentKind  ismsaudit.DocumentKind  `json:"documentKind,omitempty"`
	FormatVersion ismsaudit.FormatVersion `json:"formatVersion,omitempty"`
	// Scheme is the competence scheme the pool judges by; absent (nil)
	// means DefaultScheme, the built-in sets of the library that reads
	// the document. A host that wants the criteria fixed in the document
	// builds its pool with a scheme of its own, even a copy of the
	// default one.
	Scheme *Scheme `json:"scheme,omitempty"`
	// Auditors lists the records of the people in the pool, [] for an
	// empty pool. A record keeps its own envelope or has none: each is
	// either an auditor's record as DecodeAuditor reads it
	// ("documentKind":"auditor" and a format version this library reads)
	// or one without either member; a record of another kind is refused.
	Auditors []Auditor `json:"auditors" validate:"required"`
}

// Document returns the pool's document, for encoding/json: the records in
// the order the pool was built with, each as it was given, and the scheme
// when NewPool was given one (none means DefaultScheme). The document
// shares the records and the scheme with the pool: encode it, do not
// modify it.
func (p *Pool) Document() PoolDocument {
	doc := PoolDocument{DocumentKind: ismsaudit.KindPool, FormatVersion: ismsaudit.KindPool.FormatVersion(), Auditors: slices.Clone(p.auditors)}
	if doc.Auditors == nil {
		doc.Auditors = []Auditor{}
	}
	if p.schemeGiven {
		sc := p.scheme
		doc.Scheme = &sc
	}
	return doc
}

// DecodePool decodes a pool document (see [PoolDocument]) strictly
// (unknown fields, wrong types and invalid enumeration tokens are
// refused) and builds the pool with [NewPool]. Every problem of the
// records and the scheme comes back at once in one
// *ismsaudit.ValidationError with Go-field paths such as
// "Auditors[3].ID" or "Scheme.Sets[1].Criteria[0].Min"; a record whose
// own envelope names another kind or a format version this library does
// not read is one of them ("Auditors[2].DocumentKind").
//
// It checks the document's envelope before anything else (see
// ismsaudit.Upgrade): a document of another kind is refused with an
// *ismsaudit.KindError, a newer format version with an
// *ismsaudit.VersionError, and a document of an older version is
// migrated first.
func DecodePool(data []byte) (*Pool, error) {
	data, err := validate.Upgrade(ismsaudit.KindPool, data)
	if err != nil {
		return nil, err
	}
	var doc PoolDocument
	c := newCollector("auditor pool")
	if !validate.JSON(c, data, &doc) {
		return nil, c.Err()
	}
	if doc.Auditors == nil {
		c.Add("Auditors", ismsaudit.RuleRequired, "", "a pool document lists its auditors, [] when there are none")
	}
	for i := range doc.Auditors {
		checkRecordEnvelope(c, errs.Index("Auditors", i), &doc.Auditors[i])
	}
	p := buildPool(c, doc.Auditors, doc.Scheme)
	if err := c.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// checkRecordEnvelope checks the envelope of an auditor's record in a pool
// document: none, or the auditor kind in a format version this library
// reads.
func checkRecordEnvelope(c *errs.Collector, path string, a *Auditor) {
	kind, version, current := a.DocumentKind, a.FormatVersion, ismsaudit.KindAuditor.FormatVersion()
	switch {
	case kind == "" && version == 0:
	case kind == "":
		c.Add(path+".DocumentKind", ismsaudit.RuleRequired, "", "a record with a format version names its kind")
	case kind != ismsaudit.KindAuditor:
		c.Add(path+".DocumentKind", ismsaudit.RuleEnum, string(kind), "a pool holds "+quote(string(ismsaudit.KindAuditor))+" records, not a "+quote(string(kind)))
	case version == 0:
		c.Add(path+".FormatVersion", ismsaudit.RuleRequired, "", "a record with a kind names its format version")
	case version < 0 || version > current:
		var supported []string
		for v := range ismsaudit.KindAuditor.SupportedVersions() {
			supported = append(supported, v.String())
		}
		c.Add(path+".FormatVersion", ismsaudit.RuleRange, version.String(), "auditor format version "+version.String()+" is not supported (supported: "+strings.Join(supported, ", ")+")")
	}
}
