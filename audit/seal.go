package audit

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"golang.org/x/mod/sumdb/tlog"
)

// SealAlgorithm names the whole-record seal SealRecord makes. It is fixed
// for ever under this name; records sealed with SealAlgorithmV2 still
// verify.
//
// # Parts
//
// The record is read as its JSON value (what encoding/json writes for
// the Audit) cut into parts, each with a path: the members of the
// top-level object other than "seal" and the document's envelope
// ("documentKind" and "formatVersion", see ismsaudit.DocumentKind, which
// a migration adds to a record written before they existed) whose values
// are arrays give one part per element, path "name[i]" (i from 0); members whose values are
// objects give one part each, path "name"; the remaining members
// (strings, numbers, booleans) together form the part with the empty
// path, the object of those members. A part whose value carries nothing
// (see below) does not exist.
//
// # Encoding
//
// enc(v) encodes a JSON value: a string is 's' followed by str(v); a
// number is 'n' followed by str(its text as encoding/json writes it); true
// is 't'; an array is 'a', enc of each element in order ('z' for an
// element that carries nothing), then 'e'; an object is 'o', then for
// each member that carries something, in the byte order of the member
// names, 'k' str(name) enc(value), then 'e'. str(s) is the length of s in
// bytes as an unsigned varint (encoding/binary's AppendUvarint) followed
// by its bytes. A value carries nothing when it is null, false, 0, the
// empty string or an empty array: such members are left out, so that a
// record encodes the same whether an empty value is written or omitted
// (encoding/json's omitempty) and a later version of the library may add
// such fields without changing what an older record encodes to. An
// object always carries something, even with no members ('o' 'e'): a
// section that is present, however empty, differs from one that is
// absent. Times are strings like any other, the zero time included
// ("0001-01-01T00:00:00Z") unless the field is omitted when zero
// (omitzero).
//
// The encoding is that of the record's JSON as encoding/json writes it;
// JSON that differs from it only in member order, spacing or escapes
// encodes the same, but a time written with another offset or precision,
// or a number in another notation, does not.
//
// # The tree
//
// The seal's leaves form a Merkle tree in the shape of RFC 6962 (RFC 9162
// section 2.1), as golang.org/x/mod/sumdb/tlog builds it: a leaf's hash is
// SHA-256(0x00 || data), a node's SHA-256(0x01 || left || right). The
// leaves are, in order: every part of the record when it was first sealed
// (Seal.Parts, in the order of the parts above: the empty path first, then
// members in the byte order of their names, elements by index), then, for
// each change recorded since (Seal.Changes, in order), one leaf for the
// change itself followed by one leaf per part it changed (in its Parts
// order). A part's leaf data is str(path) || enc(value), or str(path) ||
// 'z' when the change removed it; a change's leaf data is str("#change")
// || enc({"at": At, "by": By, "op": Op}).
//
// # Heads
//
// Each sealing adds a head (Seal.Heads) over the tree of all leaves so
// far: its Size (the number of leaves), its Root (the tree's hash) and the
// checkpoint text, lines ending in a newline:
//
//	ismsaudit seal sha256-record-tree-v3
//	audit <strconv.Quote of the audit's id>
//	head <the head's number, from 1>
//	size <Size>
//	root <base64 (standard, padded) of the root hash>
//	previous <the previous head's Head; for the first, the SealAlgorithmV2 head it succeeds, or ->
//	at <the sealing's time, RFC 3339 with nanoseconds, as encoding/json writes it>
//	by <strconv.Quote of who sealed>
//
// The head's Head is the lower-case hex of SHA-256 of that text, so each
// head binds every earlier one. The text is what SignSeal signs (a signed
// note of golang.org/x/mod/sumdb/note) and what Seal.Note returns.
// A head after the first carries the consistency proof (RFC 6962 section
// 2.1.2, as tlog.ProveTree computes it) that its tree extends the
// previous head's.
//
// # Parts and marks
//
// Each sealed part and each changed part is kept in the seal with its leaf
// hash (lower-case hex) and, for an object, marks that locate a change:
// for each member that carries something, in order, name=crc, where crc is
// the CRC-32C (Castagnoli) of 'k' str(name) enc(value) as 8 lower-case
// hex digits, separated by single spaces. Marks prove nothing: the hashes
// and the heads do.
const SealAlgorithm = "sha256-record-tree-v3"

// Problems a SealError reports.
const (
	SealNotSealed      = "not-sealed"        // the record has no seal
	SealUnknownAlg     = "unknown-algorithm" // the seal names an algorithm this library does not know
	SealMalformed      = "malformed"         // the seal's own fields are not what SealRecord writes
	SealHeadMismatch   = "head-mismatch"     // a head no longer matches its tree or its text: the seal was altered
	SealPartChanged    = "part-changed"      // a part of the record differs from what was sealed or last recorded
	SealPartMissing    = "part-missing"      // a sealed part is no longer in the record
	SealPartAdded      = "part-added"        // the record holds a part no operation recorded
	SealProofFailed    = "proof-failed"      // a recipient copy's part does not prove against the seal's head
	SealLogMissing     = "log-missing"       // SealAlgorithmV2: a sealed log is no longer in the record
	SealEntryChanged   = "entry-changed"     // SealAlgorithmV2: an entry no longer matches its mark
	SealEntriesMissing = "entries-missing"   // SealAlgorithmV2: the log holds fewer entries than were sealed
)

// SealError reports a record whose seal no longer verifies: where the
// record differs from what was sealed. It unwraps to ismsaudit.ErrInvalid.
type SealError struct {
	// Path locates the difference in Go field names, as far as the marks
	// allow, e.g. "Findings[0].Grade", "Plan.Content" or "State"; empty
	// when the problem is with the seal itself.
	Path string `json:"path,omitempty"`
	// Log is, for a SealAlgorithmV2 seal, the name of the log, e.g.
	// "findings[F-2].history".
	Log string `json:"log,omitempty"`
	// Index is, for SealAlgorithmV2, the position in Seal.Logs of the
	// sealed log, or -1.
	Index int `json:"index"`
	// Entry is, for SealAlgorithmV2, the position of the first entry that
	// differs, or -1.
	Entry int `json:"entry"`
	// Problem is one of the Seal... problem constants.
	Problem string `json:"problem"`
	// Detail says more, in a few words.
	Detail string `json:"detail,omitempty"`
}

// Error names where the record differs and the problem.
func (e *SealError) Error() string {
	var b strings.Builder
	b.WriteString("audit: seal")
	if e.Path != "" {
		fmt.Fprintf(&b, ": %s", e.Path)
	}
	if e.Log != "" {
		fmt.Fprintf(&b, ": log %q", e.Log)
	}
	if e.Entry >= 0 {
		fmt.Fprintf(&b, " entry %d", e.Entry)
	}
	b.WriteString(": ")
	b.WriteString(e.Problem)
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// Unwrap returns ismsaudit.ErrInvalid.
func (e *SealError) Unwrap() error { return ismsaudit.ErrInvalid }

// SealedPart is one part of the record in the seal: its path, its leaf
// hash and its marks (see SealAlgorithm).
type SealedPart struct {
	// Path is the part's JSON path: "" for the record's own members,
	// "plan", "findings[3]".
	Path string `json:"path"`
	// Hash is the part's leaf hash, 64 lower-case hex digits.
	Hash string `json:"hash"`
	// Marks locate a changed member of an object part: "name=crc ...".
	Marks string `json:"marks,omitempty"`
	// Removed is set on a change that removed the part (SetTeam with a
	// smaller team, for instance).
	Removed bool `json:"removed,omitempty"`
}

// SealChange records one operation accepted after the record was first
// sealed: which operation, who and when (its Meta), and every part it
// changed, so that VerifySeal tells it from an edit. Changes are leaves of
// the tree from the next sealing on.
type SealChange struct {
	Op    string       `json:"op"`
	At    time.Time    `json:"at"`
	By    string       `json:"by"`
	Parts []SealedPart `json:"parts"`
}

// SealHead is one sealing: the tree of every leaf so far, the checkpoint
// text's fields and hash (see SealAlgorithm), and its signatures.
type SealHead struct {
	// Number counts the heads from 1.
	Number int       `json:"number"`
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	// Size is the number of leaves the head covers; Root their tree hash
	// (64 lower-case hex digits).
	Size int64  `json:"size"`
	Root string `json:"root"`
	// Changes is how many of Seal.Changes the head covers.
	Changes int `json:"changes"`
	// Previous is the previous head's Head (for the first head, the
	// SealAlgorithmV2 head the seal succeeds, if any).
	Previous string `json:"previous,omitempty"`
	// Head is the SHA-256 of the checkpoint text, 64 lower-case hex digits.
	Head string `json:"head"`
	// Consistency proves that the tree extends the previous head's: the
	// hashes of RFC 6962's consistency proof, hex.
	Consistency []string `json:"consistency,omitempty"`
	// Signatures are the signature lines of the signed note of the
	// checkpoint text ("— name base64\n"), as SignSeal adds them.
	Signatures []string `json:"signatures,omitempty"`
}

// Seal makes the record tamper-evident in every field (ISO 19011 5.5.7,
// integrity), as SealAlgorithm describes: SealRecord seals it and seals it
// again later, operations after sealing record what they changed, and
// VerifySeal finds and locates any other change. A recipient's copy
// (RecipientCopy) keeps the heads and proves the parts it shows instead
// of listing every part.
type Seal struct {
	Algorithm string `json:"algorithm"`
	// Parts are the record's parts when it was first sealed.
	Parts []SealedPart `json:"parts,omitempty"`
	// Changes are the operations accepted since, in order.
	Changes []SealChange `json:"changes,omitempty"`
	// Heads are the sealings, in order.
	Heads []SealHead `json:"heads,omitempty"`
	// Withheld lists, on a recipient's copy, the paths of the parts left
	// out; Proofs proves every part the copy shows against the last head.
	Withheld []string    `json:"withheld,omitempty"`
	Proofs   []SealProof `json:"proofs,omitempty"`

	// At, By, Logs and Head are a SealAlgorithmV2 seal's: when and by
	// whom it was sealed, its logs, and the last link of its chain.
	At   time.Time   `json:"at,omitzero"`
	By   string      `json:"by,omitempty"`
	Logs []SealedLog `json:"logs,omitempty"`
	Head string      `json:"head,omitempty"`
}

// Last returns the latest head, or false when there is none.
func (s *Seal) Last() (SealHead, bool) {
	if s == nil || len(s.Heads) == 0 {
		return SealHead{}, false
	}
	return s.Heads[len(s.Heads)-1], true
}

// Unsealed returns how many recorded changes no head covers yet: the
// operations since the last sealing, which are as safe as the host's
// storage until the record is sealed again.
func (s *Seal) Unsealed() int {
	h, ok := s.Last()
	if !ok {
		return 0
	}
	return len(s.Changes) - h.Changes
}

// IsCopy reports whether the seal is a recipient copy's.
func (s *Seal) IsCopy() bool { return s != nil && s.Algorithm == SealAlgorithm && len(s.Parts) == 0 }

// SealRecord seals the record (19011 5.5.7): the first time, it records
// every part of the record (see SealAlgorithm) and the first head over
// them; later, it adds a head over the changes recorded since, with the
// proof that the tree only grew. From the first sealing on, every
// accepted operation records the parts it changed (Seal.Changes), and an
// operation on a record that no longer matches its seal is refused with
// the *SealError. A record sealed with SealAlgorithmV2 is verified and
// then sealed with SealAlgorithm, its first head naming the old head.
//
// Sealing is refused, with nothing changed, when the record does not
// verify against its seal (the *SealError), when m lacks its time or
// author or m.At precedes the last head or change (a
// *ismsaudit.ValidationError), or on a recipient's copy.
//
// The seal is not a signature: whoever can rewrite the record can seal it
// anew. Sign the head (SignSeal) or keep it somewhere the record's holder
// cannot change to make any later change evident.
func (a *Audit) SealRecord(m ismsaudit.Meta) error {
	ch := &checker{subject: "seal"}
	ch.meta(m)
	s := a.Seal
	if last := sealLastTime(s); !m.At.IsZero() && m.At.Before(last) {
		ch.add("Meta.At", "not-before-seal", m.At.Format(time.RFC3339), "the record was last sealed or changed at "+last.Format(time.RFC3339))
	}
	if s.IsCopy() {
		ch.add("Seal", RuleSealIntact, "", "a recipient's copy cannot be sealed: it does not hold the whole record")
	}
	if err := ch.err(); err != nil {
		return err
	}
	switch {
	case s == nil:
		a.Seal = sealStart(a, "", m)
	case s.Algorithm == SealAlgorithmV2:
		if err := a.VerifySeal(); err != nil {
			return err
		}
		a.Seal = sealStart(a, s.Head, m)
	default:
		if err := a.VerifySeal(); err != nil {
			return err
		}
		next := *s
		next.Heads = slices.Clone(s.Heads)
		leaves := sealLeaves(&next, len(next.Changes))
		tree := newSealTree(leaves)
		prev := next.Heads[len(next.Heads)-1]
		h := sealHeadFor(a.ID, len(next.Heads)+1, tree, m, prev.Head)
		h.Changes = len(next.Changes)
		proof, err := tree.consistency(prev.Size)
		if err != nil {
			return err
		}
		h.Consistency = proof
		next.Heads = append(next.Heads, h)
		a.Seal = &next
	}
	return nil
}

// sealLastTime is the time of the last head or change, or of a
// SealAlgorithmV2 seal.
func sealLastTime(s *Seal) time.Time {
	if s == nil {
		return time.Time{}
	}
	last := s.At
	if h, ok := s.Last(); ok && h.At.After(last) {
		last = h.At
	}
	if n := len(s.Changes); n > 0 && s.Changes[n-1].At.After(last) {
		last = s.Changes[n-1].At
	}
	return last
}

// sealStart seals a record for the first time.
func sealStart(a *Audit, previous string, m ismsaudit.Meta) *Seal {
	parts := recordParts(a, true)
	s := &Seal{Algorithm: SealAlgorithm, Parts: make([]SealedPart, len(parts))}
	leaves := make([]tlog.Hash, len(parts))
	for i := range parts {
		s.Parts[i], leaves[i] = parts[i].seal, parts[i].sum
	}
	tree := newSealTree(leaves)
	s.Heads = []SealHead{sealHeadFor(a.ID, 1, tree, m, previous)}
	return s
}

// sealHeadFor makes head number n over the tree.
func sealHeadFor(id ismsaudit.AuditID, n int, tree *sealTree, m ismsaudit.Meta, previous string) SealHead {
	root := tree.root()
	h := SealHead{Number: n, At: m.At, By: m.By, Size: tree.size(), Root: hex.EncodeToString(root[:]), Previous: previous}
	sum := sha256.Sum256([]byte(h.text(id)))
	h.Head = hex.EncodeToString(sum[:])
	return h
}

// text is the head's checkpoint text (see SealAlgorithm).
func (h *SealHead) text(id ismsaudit.AuditID) string {
	root := h.Root // a malformed root stays as it is: the text then matches no head
	if raw, err := hex.DecodeString(h.Root); err == nil && len(raw) == tlog.HashSize {
		root = tlog.Hash(raw).String()
	}
	prev := h.Previous
	if prev == "" {
		prev = "-"
	}
	var b strings.Builder
	b.WriteString("ismsaudit seal " + SealAlgorithm + "\n")
	b.WriteString("audit " + strconv.Quote(string(id)) + "\n")
	b.WriteString("head " + strconv.Itoa(h.Number) + "\n")
	b.WriteString("size " + strconv.FormatInt(h.Size, 10) + "\n")
	b.WriteString("root " + root + "\n")
	b.WriteString("previous " + prev + "\n")
	b.WriteString("at " + h.At.Format(time.RFC3339Nano) + "\n")
	b.WriteString("by " + strconv.Quote(h.By) + "\n")
	return b.String()
}

// VerifySeal checks the record against its seal and returns nil when
// every head still matches its tree and text, every part of the record is
// what was sealed or what a recorded operation made it, and (on a
// recipient's copy) every part shown proves against the last head.
// Otherwise it returns a *SealError for the first difference, with the
// path of the changed field as far as the marks locate it (SealNotSealed
// when there is no seal). Records sealed with SealAlgorithmV2 are checked
// by that algorithm. Signatures are checked by VerifySignatures.
func (a *Audit) VerifySeal() error {
	var first *SealError
	sealCheckAll(a, func(e *SealError) bool {
		first = e
		return false
	})
	if first != nil {
		return first
	}
	return nil
}

// sealCheckAll reports every problem of the record's seal, until report
// returns false.
func sealCheckAll(a *Audit, report func(*SealError) bool) {
	s := a.Seal
	switch {
	case s == nil:
		report(&SealError{Index: -1, Entry: -1, Problem: SealNotSealed})
	case s.Algorithm == SealAlgorithmV2:
		sealCheck(a, report)
	case s.Algorithm != SealAlgorithm:
		report(&SealError{Index: -1, Entry: -1, Problem: SealUnknownAlg, Detail: fmt.Sprintf("%q; this library seals with %q", s.Algorithm, SealAlgorithm)})
	case s.IsCopy():
		sealCheckCopy(a, report)
	default:
		sealCheckRecord(a, report)
	}
}

// sealProblem makes a SealError for the whole-record seal.
func sealProblem(path, problem, detail string) *SealError {
	return &SealError{Path: path, Index: -1, Entry: -1, Problem: problem, Detail: detail}
}

// sealCheckRecord checks a whole record against its seal.
func sealCheckRecord(a *Audit, report func(*SealError) bool) {
	s := a.Seal
	if !sealCheckShape(s, report) {
		return
	}
	leaves, bad := sealLeavesChecked(s, s.Heads[len(s.Heads)-1].Changes)
	if bad != "" {
		report(sealProblem(bad, SealMalformed, "a hash of 64 hex digits"))
		return
	}
	tree := newSealTree(leaves)
	if !sealCheckHeads(s, tree, report) {
		return
	}
	// The parts as sealed or last changed and the record's parts are both
	// in tree order: one walk over the two compares them.
	expected := sealExpected(s)
	parts := recordParts(a, false)
	var path []byte
	i := 0
	missing := func(upTo func(string) bool) bool {
		for ; i < len(expected) && upTo(expected[i].Path); i++ {
			if !report(sealProblem(goPathOf(expected[i].Path), SealPartMissing, "the part was sealed and is no longer in the record")) {
				return false
			}
		}
		return true
	}
	for _, p := range parts {
		path = p.appendPath(path[:0])
		if !missing(func(e string) bool { return comparePaths(e, string(path)) < 0 }) {
			return
		}
		if i == len(expected) || expected[i].Path != string(path) {
			if !report(sealProblem(p.goPath(), SealPartAdded, "")) {
				return
			}
			continue
		}
		want := expected[i]
		i++
		if !p.hashIs(want.Hash) && !report(sealProblem(p.locate(want.Marks), SealPartChanged, "")) {
			return
		}
	}
	if !missing(func(string) bool { return true }) {
		return
	}
	sealCheckTexts(a.ID, s, report)
}

// sealCheckTexts checks each head's hash against its checkpoint text. It
// comes after the parts, so that a changed audit id, which is in both, is
// reported at ID.
func sealCheckTexts(id ismsaudit.AuditID, s *Seal, report func(*SealError) bool) {
	for i := range s.Heads {
		h := &s.Heads[i]
		if sum := sha256.Sum256([]byte(h.text(id))); h.Head != hex.EncodeToString(sum[:]) {
			if !report(sealProblem(errs.Index("Seal.Heads", i), SealHeadMismatch, "the head's hash is not its text's")) {
				return
			}
		}
	}
}

// sealCheckShape checks the seal's own fields; false when the rest cannot
// be checked.
func sealCheckShape(s *Seal, report func(*SealError) bool) bool {
	bad := func(path, detail string) bool {
		report(sealProblem(path, SealMalformed, detail))
		return false
	}
	if len(s.Heads) == 0 {
		return bad("Seal.Heads", "no head")
	}
	for i, p := range s.Parts {
		if len(p.Hash) != 2*tlog.HashSize || p.Removed || (i > 0 && comparePaths(s.Parts[i-1].Path, p.Path) >= 0) {
			return bad(errs.Index("Seal.Parts", i), "parts in tree order, each with its own path and a hash of 64 hex digits")
		}
	}
	// The digits themselves are checked as the hashes are read
	// (sealLeaves), once.
	for i, c := range s.Changes {
		if c.Op == "" || c.At.IsZero() || c.By == "" || len(c.Parts) == 0 {
			return bad(errs.Index("Seal.Changes", i), "a change needs its operation, time, author and parts")
		}
		for j, p := range c.Parts {
			if !isHex64(p.Hash) {
				return bad(errs.Index(errs.Index("Seal.Changes", i)+".Parts", j), "a hash of 64 hex digits")
			}
		}
	}
	prev := 0
	for i, h := range s.Heads {
		if h.Number != i+1 || h.Changes < prev || h.Changes > len(s.Changes) || !isHex64(h.Root) || !isHex64(h.Head) {
			return bad(errs.Index("Seal.Heads", i), "heads are numbered from 1, cover a growing number of changes and carry hex hashes")
		}
		prev = h.Changes
	}
	return true
}

// sealCheckHeads checks every head against the tree and its text; false
// when one does not match.
func sealCheckHeads(s *Seal, tree *sealTree, report func(*SealError) bool) bool {
	prev := ""
	for i := range s.Heads {
		h := &s.Heads[i]
		path := errs.Index("Seal.Heads", i)
		size := int64(len(s.Parts)) + sealChangeLeaves(s.Changes[:h.Changes])
		if h.Size != size || size > tree.size() {
			report(sealProblem(path, SealHeadMismatch, "the head's size is not its leaves'"))
			return false
		}
		root := tree.rootAt(size)
		if h.Root != hex.EncodeToString(root[:]) {
			report(sealProblem(path, SealHeadMismatch, "the head's root is not its tree's"))
			return false
		}
		if i > 0 && h.Previous != prev {
			report(sealProblem(path, SealHeadMismatch, "the head does not name the previous one"))
			return false
		}
		if i > 0 {
			if err := sealCheckConsistency(h.Consistency, s.Heads[i-1], *h); err != nil {
				report(sealProblem(path+".Consistency", SealHeadMismatch, err.Error()))
				return false
			}
		}
		prev = h.Head
	}
	return true
}

// sealExpected returns the parts as the seal and the recorded changes
// leave them, in tree order.
func sealExpected(s *Seal) []SealedPart {
	if len(s.Changes) == 0 {
		return s.Parts
	}
	m := sealFold(s)
	out := make([]SealedPart, 0, len(m))
	for _, p := range m {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b SealedPart) int { return comparePaths(a.Path, b.Path) })
	return out
}

// comparePaths orders parts' paths as the tree does: the root part ("")
// first, then by member name, the elements of an array by index.
func comparePaths(a, b string) int {
	an, ai := splitPartPath(a)
	bn, bi := splitPartPath(b)
	if c := strings.Compare(an, bn); c != 0 {
		return c
	}
	return cmp.Compare(ai, bi)
}

// splitPartPath splits "name[i]" into name and i; a path without an
// index has -1.
func splitPartPath(path string) (string, int) {
	name, rest, ok := strings.Cut(path, "[")
	if !ok {
		return path, -1
	}
	i, err := strconv.Atoi(strings.TrimSuffix(rest, "]"))
	if err != nil {
		return path, -1
	}
	return name, i
}

// sealFold returns, for each path, the part as the seal and the recorded
// changes leave it.
func sealFold(s *Seal) map[string]SealedPart {
	m := make(map[string]SealedPart, len(s.Parts))
	for _, p := range s.Parts {
		m[p.Path] = p
	}
	for _, c := range s.Changes {
		for _, p := range c.Parts {
			if p.Removed {
				delete(m, p.Path)
			} else {
				m[p.Path] = p
			}
		}
	}
	return m
}

// sealChangeLeaves counts the leaves the changes add: one for each change
// and one per part.
func sealChangeLeaves(changes []SealChange) int64 {
	n := int64(len(changes))
	for _, c := range changes {
		n += int64(len(c.Parts))
	}
	return n
}

// sealLeaves returns the leaf hashes of the seal's parts and of its first
// n changes, in tree order.
func sealLeaves(s *Seal, n int) []tlog.Hash {
	leaves, _ := sealLeavesChecked(s, n)
	return leaves
}

// sealLeavesChecked is sealLeaves that also names the first sealed part
// whose hash is not hex ("" when all are): the digits are checked as they
// are read.
func sealLeavesChecked(s *Seal, n int) ([]tlog.Hash, string) {
	leaves := make([]tlog.Hash, 0, int64(len(s.Parts))+sealChangeLeaves(s.Changes[:n]))
	bad := ""
	read := func(path, hash string) {
		var h tlog.Hash
		if _, err := hex.Decode(h[:], []byte(hash)); err != nil && bad == "" {
			bad = path
		}
		leaves = append(leaves, h)
	}
	for i, p := range s.Parts {
		read(errs.Index("Seal.Parts", i), p.Hash)
	}
	for _, c := range s.Changes[:n] {
		leaves = append(leaves, tlog.RecordHash(sealChangeData(c)))
		for _, p := range c.Parts {
			leaves = append(leaves, hashOf(p.Hash)) // checked with the seal's shape
		}
	}
	return leaves, bad
}

// sealChangeHeader is what a change's leaf encodes besides its parts.
type sealChangeHeader struct {
	Op string    `json:"op"`
	At time.Time `json:"at"`
	By string    `json:"by"`
}

// sealChangeData is a change's leaf data.
func sealChangeData(c SealChange) []byte {
	b := canonBytes(nil, "#change")
	b, _ = canonAppend(b, reflect.ValueOf(sealChangeHeader{Op: c.Op, At: c.At, By: c.By}))
	return b
}

// hashOf decodes 64 hex digits, checked beforehand.
func hashOf(s string) tlog.Hash {
	var h tlog.Hash
	hex.Decode(h[:], []byte(s))
	return h
}

// isHex64 reports whether s is 64 lower-case hex digits.
func isHex64(s string) bool { return len(s) == 64 && sealIsHex(s) }

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// goPathOf turns a part's JSON path into Go field names.
func goPathOf(path string) string {
	name, index, hasIndex := strings.Cut(path, "[")
	plan := canonStructOf(auditType)
	if i, ok := plan.byJSON[name]; ok {
		name = plan.fields[i].goName
	}
	if hasIndex {
		return name + "[" + index
	}
	return name
}

// sealWatch watches an operation on a sealed record: it holds the parts
// as they were before the operation, to record what the operation changed.
type sealWatch struct {
	before map[string]SealedPart
}

// watch is called at the start of every operation. On a record sealed
// with SealAlgorithm it checks that the record still matches its seal,
// refusing the operation with the *SealError otherwise, and returns the
// watch whose done records the operation's changes; otherwise it returns
// nil.
func (a *Audit) watch() (*sealWatch, error) {
	if a.Seal == nil || a.Seal.Algorithm != SealAlgorithm || a.Seal.IsCopy() {
		return nil, nil
	}
	if err := a.VerifySeal(); err != nil {
		return nil, err
	}
	return &sealWatch{before: sealFold(a.Seal)}, nil
}

// done records, when the operation was accepted, the parts it changed as
// one SealChange.
func (w *sealWatch) done(a *Audit, op string, m ismsaudit.Meta, err *error) {
	if w == nil || *err != nil {
		return
	}
	var changed []SealedPart
	var path []byte
	for _, p := range recordParts(a, false) {
		path = p.appendPath(path[:0])
		was, ok := w.before[string(path)]
		delete(w.before, string(path))
		if !ok || !p.hashIs(was.Hash) {
			changed = append(changed, p.sealed())
		}
	}
	for _, path := range sortedKeys(w.before) {
		d := canonBytes(nil, path)
		sum := tlog.RecordHash(append(d, canonNull))
		changed = append(changed, SealedPart{Path: path, Hash: hex.EncodeToString(sum[:]), Removed: true})
	}
	if len(changed) > 0 {
		a.Seal.Changes = append(a.Seal.Changes, SealChange{Op: op, At: m.At, By: m.By, Parts: changed})
	}
}

// verifySeal checks the seal, when the record has one (AUD-SEAL-INTACT):
// every difference is reported at its path.
func (v *verifier) verifySeal() {
	s := v.a.Seal
	if s == nil {
		return
	}
	if s.Algorithm == SealAlgorithmV2 {
		if s.At.IsZero() {
			v.ch.shape("Seal.At", "required", "", "when the record was sealed")
		}
		if isBlank(s.By) {
			v.ch.shape("Seal.By", "required", "", "who sealed the record")
		}
	}
	sealCheckAll(v.a, func(e *SealError) bool {
		path := "Seal"
		switch {
		case e.Path != "":
			path = e.Path
		case e.Index >= 0:
			path = errs.Index("Seal.Logs", e.Index)
		}
		v.violate(path, RuleSealIntact, e.Log, sealProblemText(e))
		return true
	})
}

// sealProblemText says in words what a SealError found, for Verify's
// detail; the problem's token ends it.
func sealProblemText(e *SealError) string {
	var s string
	switch e.Problem {
	case SealPartChanged:
		s = "the record differs here from what was sealed or last recorded by an operation"
	case SealPartMissing:
		s = "a sealed part is no longer in the record"
	case SealPartAdded:
		s = "the record holds a part no operation recorded"
	case SealProofFailed:
		s = "a part of the copy does not prove against the sealed head"
	case SealEntryChanged:
		s = "entry " + strconv.Itoa(e.Entry) + " of the log no longer matches what was sealed: it was changed, removed or moved"
	case SealEntriesMissing:
		s = "the log holds fewer entries than were sealed, from entry " + strconv.Itoa(e.Entry)
	case SealLogMissing:
		s = "the sealed log is no longer in the record"
	case SealHeadMismatch:
		s = "the seal no longer matches its heads"
	case SealMalformed:
		s = "the seal is not as SealRecord writes it"
	case SealUnknownAlg:
		s = "the seal was made by an algorithm this library does not know"
	default:
		s = "the seal does not verify"
	}
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s + " [" + e.Problem + "]"
}

// The rules of the seal.
const (
	RuleSealIntact ismsaudit.RuleID = "AUD-SEAL-INTACT"
)

var sealRules = []ismsaudit.Rule{
	{ID: RuleSealIntact, Clause: "19011:5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "a sealed record is unchanged but by its operations: every part is what was sealed or what a recorded operation made it"},
}
