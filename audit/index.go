package audit

import (
	"hash/maphash"

	"github.com/ismsaudit/ismsaudit/annexa"
)

// idIndex finds elements of one list of the record (evidence items,
// findings, follow-ups) by their id: the position of the first element
// with each id. Verify builds one per list and shares it across every
// check that follows a reference, and SealRecord uses them to refuse
// repeated ids.
//
// It is an open-addressing table of 64-bit words, each holding the top 32
// bits of the id's hash and the element's position, so that it holds no
// pointer (the garbage collector never scans it) and a probe touches one
// word rather than a map group and a key. The hash is seeded per index,
// as Go seeds its maps, so that no input can make lookups degrade; no
// result depends on the seed. Ids are compared in full on every match of
// the hash's top bits.
type idIndex struct {
	seed  maphash.Seed
	slots []uint64 // tag<<32 | position+1; 0 when empty
	mask  uint64
	// dups counts the elements whose id an earlier element already has.
	dups int
}

// newIDIndex indexes the n elements of a list whose ids id(i) gives.
func newIDIndex(n int, id func(i int) string) idIndex {
	size := 8
	for size < 2*n {
		size <<= 1
	}
	x := idIndex{seed: maphash.MakeSeed(), slots: make([]uint64, size), mask: uint64(size - 1)}
	for i := range n {
		k := id(i)
		h := maphash.String(x.seed, k)
		j, found := x.probe(h, k, id)
		if found {
			x.dups++
			continue
		}
		x.slots[j] = h&^0xffffffff | uint64(i+1)
	}
	return x
}

// probe returns the slot of key (found) or the empty slot where it would
// go.
func (x *idIndex) probe(h uint64, key string, id func(i int) string) (slot uint64, found bool) {
	tag := h &^ 0xffffffff
	for j := h & x.mask; ; j = (j + 1) & x.mask {
		s := x.slots[j]
		if s == 0 {
			return j, false
		}
		if s&^0xffffffff == tag && id(int(s&0xffffffff)-1) == key {
			return j, true
		}
	}
}

// find returns the position of the first element whose id is key, or
// -1. id must be the function the index was built with.
func (x *idIndex) find(key string, id func(i int) string) int {
	if len(x.slots) == 0 {
		return -1
	}
	j, found := x.probe(maphash.String(x.seed, key), key, id)
	if !found {
		return -1
	}
	return int(x.slots[j]&0xffffffff) - 1
}

// firstOf returns the position of the first element with the same id as
// element i: i itself unless an earlier element has its id.
func (x *idIndex) firstOf(i int, id func(i int) string) int {
	if x.dups == 0 {
		return i
	}
	return x.find(id(i), id)
}

// refIndex finds criterion references among a list of them (the plan's
// criteria): one idIndex per kind of reference, keyed by the reference's
// id, so that a lookup hashes one short string instead of a map key of
// two.
type refIndex struct {
	ids   [3][]string
	id    [3]func(int) string
	index [3]idIndex
}

// refKindSlot returns the slot of a kind of reference, or -1.
func refKindSlot(k annexa.RefKind) int {
	switch k {
	case annexa.ClauseRef:
		return 0
	case annexa.ControlRef:
		return 1
	case annexa.DocumentRef:
		return 2
	}
	return -1
}

// newRefIndex indexes the references of criteria.
func newRefIndex(criteria []Criterion) *refIndex {
	x := &refIndex{}
	for _, c := range criteria {
		if k := refKindSlot(c.Ref.Kind); k >= 0 {
			x.ids[k] = append(x.ids[k], c.Ref.ID)
		}
	}
	for k := range x.ids {
		ids := x.ids[k]
		x.id[k] = func(i int) string { return ids[i] }
		x.index[k] = newIDIndex(len(ids), x.id[k])
	}
	return x
}

// has reports whether r is one of the indexed references.
func (x *refIndex) has(r annexa.Ref) bool {
	k := refKindSlot(r.Kind)
	if k < 0 || len(x.ids[k]) == 0 {
		return false
	}
	return x.index[k].find(r.ID, x.id[k]) >= 0
}

// The ids of the record's lists, for idIndex.
func (a *Audit) evidenceID(i int) string      { return string(a.Evidence[i].ID) }
func (a *Audit) findingID(i int) string       { return string(a.Findings[i].ID) }
func (a *Audit) followUpFinding(i int) string { return string(a.FollowUps[i].Finding) }
