package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"golang.org/x/mod/sumdb/tlog"
)

// sealTree is the seal's Merkle tree over its leaf hashes, read by
// golang.org/x/mod/sumdb/tlog through its stored-hash index. A tree asked
// for a root or one proof computes the hashes tlog reads from the leaves
// (each read of a complete subtree hashes it: a root costs one pass over
// the leaves, with nothing stored); a tree that is to prove many parts is
// stored first, every stored hash kept, as tlog builds it.
type sealTree struct {
	n       int64
	leaves  []tlog.Hash
	stored  []tlog.Hash // when stored
	scratch []tlog.Hash // what ReadHashes returns while the tree is stored
}

// ReadHashes reads stored hashes by index (tlog.HashReader).
func (t *sealTree) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	if t.scratch != nil { // store: tlog reads the hashes before the next call
		out = t.scratch[:len(indexes)]
	}
	for i, x := range indexes {
		if t.stored != nil {
			if x < 0 || x >= int64(len(t.stored)) {
				return nil, fmt.Errorf("audit: seal tree: no stored hash %d", x)
			}
			out[i] = t.stored[x]
			continue
		}
		level, n := tlog.SplitStoredHashIndex(x)
		lo, hi := n<<level, (n+1)<<level
		if x < 0 || hi > t.n {
			return nil, fmt.Errorf("audit: seal tree: no stored hash %d", x)
		}
		out[i] = subtreeHash(t.leaves[lo:hi])
	}
	return out, nil
}

// subtreeHash is the RFC 6962 hash of a complete subtree: 2^k leaves.
func subtreeHash(leaves []tlog.Hash) tlog.Hash {
	if len(leaves) == 1 {
		return leaves[0]
	}
	half := len(leaves) / 2
	return tlog.NodeHash(subtreeHash(leaves[:half]), subtreeHash(leaves[half:]))
}

// newSealTree is the tree of the given leaf hashes.
func newSealTree(leaves []tlog.Hash) *sealTree {
	return &sealTree{n: int64(len(leaves)), leaves: leaves}
}

// store builds and keeps every stored hash, as tlog does, so that many
// proofs cost little each.
func (t *sealTree) store() *sealTree {
	t.stored, t.scratch = make([]tlog.Hash, 0, 2*len(t.leaves)), make([]tlog.Hash, 64)
	defer func() { t.scratch = nil }()
	for i, h := range t.leaves {
		hashes, err := tlog.StoredHashesForRecordHash(int64(i), h, t)
		if err != nil {
			panic(err) // the tree reads only what it stored
		}
		t.stored = append(t.stored, hashes...)
	}
	return t
}

func (t *sealTree) size() int64 { return t.n }

func (t *sealTree) root() tlog.Hash { return t.rootAt(t.n) }

// rootAt is the root of the tree of the first n leaves.
func (t *sealTree) rootAt(n int64) tlog.Hash {
	if n == 0 {
		return tlog.Hash{}
	}
	h, err := tlog.TreeHash(n, t)
	if err != nil {
		panic(err)
	}
	return h
}

// consistency proves that the tree of the first n leaves is a prefix of
// the whole tree, as hex hashes.
func (t *sealTree) consistency(n int64) ([]string, error) {
	if n == t.n || n == 0 {
		return nil, nil
	}
	p, err := tlog.ProveTree(t.n, n, t)
	if err != nil {
		return nil, err
	}
	return hexHashes(p), nil
}

// prove returns the inclusion proof of a leaf in the whole tree, as hex
// hashes.
func (t *sealTree) prove(leaf int64) ([]string, error) {
	p, err := tlog.ProveRecord(t.n, leaf, t)
	if err != nil {
		return nil, err
	}
	return hexHashes(p), nil
}

// checkProof checks that part p, under the given path in the sealed
// record, is the leaf the proof names in the head's tree.
func checkProof(p *recordPart, path string, pr SealProof, head SealHead) error {
	hashes, err := unhexHashes(pr.Hashes)
	if err != nil {
		return err
	}
	sum := p.sum
	if path != p.path() { // the copy moved it: its leaf is under the sealed path
		data, _ := p.leaf(nil, path)
		sum = tlog.RecordHash(data)
	}
	return tlog.CheckRecord(hashes, head.Size, hashOf(head.Root), pr.Leaf, sum)
}

func hexHashes(hs []tlog.Hash) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = hex.EncodeToString(h[:])
	}
	return out
}

func unhexHashes(list []string) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(list))
	for i, s := range list {
		if !isHex64(s) {
			return nil, fmt.Errorf("hash %d is not 64 hex digits", i)
		}
		out[i] = hashOf(s)
	}
	return out, nil
}

// sealCheckConsistency checks that head's tree extends prev's.
func sealCheckConsistency(proof []string, prev, head SealHead) error {
	if head.Size < prev.Size {
		return errors.New("the tree shrank")
	}
	if head.Size == prev.Size || prev.Size == 0 {
		if len(proof) != 0 || (head.Size == prev.Size && head.Root != prev.Root) {
			return errors.New("a head over the same tree has the same root and no proof")
		}
		return nil
	}
	p, err := unhexHashes(proof)
	if err != nil {
		return err
	}
	return tlog.CheckTree(p, head.Size, hashOf(head.Root), prev.Size, hashOf(prev.Root))
}

// SealProof proves one part of a record against the last head of its
// seal: the part's leaf in the tree and the hashes of its RFC 6962
// inclusion proof. A recipient's copy carries one for every part it
// shows.
type SealProof struct {
	// Path is the part's path in the sealed record (see SealAlgorithm):
	// on a copy that leaves parts out, the original index.
	Path string `json:"path"`
	// Leaf is the index of the part's leaf in the tree.
	Leaf int64 `json:"leaf"`
	// Hashes are the inclusion proof's hashes, hex.
	Hashes []string `json:"hashes"`
}

// latestLeaves returns, for each path, the index of its latest leaf in
// the tree of the seal's last head.
func latestLeaves(s *Seal) map[string]int64 {
	last := s.Heads[len(s.Heads)-1]
	at := make(map[string]int64, len(s.Parts))
	for i, p := range s.Parts {
		at[p.Path] = int64(i)
	}
	n := int64(len(s.Parts))
	for _, c := range s.Changes[:last.Changes] {
		n++ // the change's own leaf
		for _, p := range c.Parts {
			if p.Removed {
				delete(at, p.Path)
			} else {
				at[p.Path] = n
			}
			n++
		}
	}
	return at
}

// RecipientCopy returns the copy of a sealed record for a recipient with
// the given clearance (ISO 19011 6.5.2, 5.5.7): every evidence item whose
// confidentiality is above the clearance is left out, and the copy's seal
// keeps the heads (with their signatures) and, instead of the list of
// every part, an inclusion proof for each part it shows and the paths of
// those it withholds. VerifySeal on the copy checks every shown part
// against the last head without seeing the withheld ones, and
// VerifySignatures checks the heads.
//
// The record must be sealed with SealAlgorithm, match its seal and have no
// change since the last sealing (seal it again first); clearance must be
// valid. Otherwise nothing is returned but the error: a *SealError, or a
// *ismsaudit.ValidationError naming the field. The record is not changed.
//
// A proof shows that the part was sealed as it is shown; it does not show
// that the holder gave the latest sealed version of it, nor anything about
// what was withheld beyond its path.
func (a *Audit) RecipientCopy(clearance Confidentiality) (*Audit, error) {
	ch := &checker{subject: "recipient copy"}
	switch {
	case clearance == "":
		ch.add("clearance", ismsaudit.RuleRequired, "", "the most confidential material the recipient may see")
	case !clearance.IsValid():
		ch.add("clearance", ismsaudit.RuleEnum, string(clearance), "public, internal or restricted")
	}
	switch s := a.Seal; {
	case s == nil || s.Algorithm != SealAlgorithm:
		ch.add("Seal", RuleSealIntact, "", "only a record sealed with "+SealAlgorithm+" has a copy that proves its parts")
	case s.IsCopy():
		ch.add("Seal", RuleSealIntact, "", "the record is already a recipient's copy")
	case s.Unsealed() > 0:
		ch.add("Seal", RuleSealIntact, strconv.Itoa(s.Unsealed()), "operations since the last sealing: seal the record again first")
	}
	if err := ch.err(); err != nil {
		return nil, err
	}
	if err := a.VerifySeal(); err != nil {
		return nil, err
	}
	s := a.Seal
	tree := newSealTree(sealLeaves(s, len(s.Changes))).store()
	leaf := latestLeaves(s)
	c, err := copyAudit(a)
	if err != nil {
		return nil, err
	}
	var withheld []string
	isWithheld := map[string]bool{}
	kept := c.Evidence[:0]
	for i, e := range c.Evidence {
		if e.Confidentiality.Compare(clearance) > 0 {
			path := "evidence[" + strconv.Itoa(i) + "]"
			withheld = append(withheld, path)
			isWithheld[path] = true
			continue
		}
		kept = append(kept, e)
	}
	c.Evidence = slices.Clip(kept)
	if len(c.Evidence) == 0 {
		c.Evidence = nil
	}
	var proofs []SealProof
	for _, p := range recordParts(a, false) {
		path := p.path()
		if isWithheld[path] {
			continue
		}
		n := leaf[path]
		rp, err := tree.prove(n)
		if err != nil {
			return nil, err
		}
		proofs = append(proofs, SealProof{Path: path, Leaf: n, Hashes: rp})
	}
	c.Seal = &Seal{Algorithm: SealAlgorithm, Heads: cloneHeads(s.Heads), Withheld: withheld, Proofs: proofs}
	return c, nil
}

// copyAudit returns a deep copy of the record through its JSON, without
// its seal.
func copyAudit(a *Audit) (*Audit, error) {
	shallow := *a
	shallow.Seal = nil
	data, err := json.Marshal(&shallow)
	if err != nil {
		return nil, err
	}
	var c Audit
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// cloneHeads copies the heads with their slices.
func cloneHeads(hs []SealHead) []SealHead {
	out := slices.Clone(hs)
	for i := range out {
		out[i].Consistency = slices.Clone(out[i].Consistency)
		out[i].Signatures = slices.Clone(out[i].Signatures)
	}
	return out
}

// copyPaths maps the paths of a copy's parts to the sealed record's: the
// evidence items after a withheld one move up in the copy.
func copyPaths(withheld []string) func(string) string {
	gone := map[int]bool{}
	for _, w := range withheld {
		if i, ok := evidenceIndex(w); ok {
			gone[i] = true
		}
	}
	var kept []int // the sealed index of the copy's items, as far as asked
	next := 0
	return func(path string) string {
		i, ok := evidenceIndex(path)
		if !ok || len(gone) == 0 {
			return path
		}
		for len(kept) <= i {
			for gone[next] {
				next++
			}
			kept = append(kept, next)
			next++
		}
		return "evidence[" + strconv.Itoa(kept[i]) + "]"
	}
}

// evidenceIndex reads the index of an evidence part's path, "evidence[i]".
func evidenceIndex(path string) (int, bool) {
	rest, ok := strings.CutPrefix(path, "evidence[")
	if !ok {
		return 0, false
	}
	digits, ok := strings.CutSuffix(rest, "]")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(digits)
	if err != nil || i < 0 || strconv.Itoa(i) != digits {
		return 0, false
	}
	return i, true
}

// sealCheckCopy checks a recipient's copy: its heads chain and every part
// it shows proves against the last head; withheld parts are only listed.
func sealCheckCopy(a *Audit, report func(*SealError) bool) {
	s := a.Seal
	if len(s.Heads) == 0 {
		report(sealProblem("Seal.Heads", SealMalformed, "no head"))
		return
	}
	prev := ""
	for i := range s.Heads {
		h := &s.Heads[i]
		path := "Seal.Heads[" + strconv.Itoa(i) + "]"
		digest := sha256.Sum256([]byte(h.text(a.ID)))
		sum := hex.EncodeToString(digest[:])
		if h.Number != i+1 || h.Head != sum || (i > 0 && h.Previous != prev) || !isHex64(h.Root) {
			report(sealProblem(path, SealHeadMismatch, "the head's hash is not its text's, or it does not name the previous head"))
			return
		}
		if i > 0 {
			if err := sealCheckConsistency(h.Consistency, s.Heads[i-1], *h); err != nil {
				report(sealProblem(path+".Consistency", SealHeadMismatch, err.Error()))
				return
			}
		}
		prev = h.Head
	}
	last := s.Heads[len(s.Heads)-1]
	proofs := make(map[string]SealProof, len(s.Proofs))
	for _, p := range s.Proofs {
		proofs[p.Path] = p
	}
	original := copyPaths(s.Withheld)
	for _, p := range recordParts(a, false) {
		path := original(p.path())
		pr, ok := proofs[path]
		delete(proofs, path)
		if !ok {
			if !report(sealProblem(p.goPath(), SealProofFailed, "the copy shows a part without a proof")) {
				return
			}
			continue
		}
		if checkProof(&p, path, pr, last) != nil {
			if !report(sealProblem(p.goPath(), SealProofFailed, "the part is not what was sealed")) {
				return
			}
		}
	}
	for _, path := range sortedKeys(proofs) {
		if !report(sealProblem(goPathOf(path), SealPartMissing, "a proven part is no longer in the copy")) {
			return
		}
	}
}
