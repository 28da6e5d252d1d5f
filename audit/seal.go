package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// SealAlgorithm names the hash chain SealRecord builds. The chain is fixed
// for ever under this name.
//
// The record is read as append-only logs, each with a stable name, in
// this order: "evidence" (the items of the evidence log), "history" (the
// audit lifecycle), "plan.history", "evidence[ID].history" for each item
// in log order, "findings[ID].history" for each finding,
// "conclusion.history" and "followUps[FINDING].history" for each
// follow-up; the plan and conclusion logs only when the record has a plan
// or conclusions.
//
// The chain of a log over its entries e_1..e_k starts from h_0 =
// SHA-256(str("ismsaudit/seal/sha256-chain-v1")), with h_i =
// SHA-256(h_{i-1} || enc(e_i)); the log's Head is hex(h_k) and its Trail
// the hex of the first 8 bytes of each of h_1..h_k. The seal's own Head is
// SHA-256 of str(algorithm) || str(audit ID) || time(At) || str(By) ||
// int(number of logs) || for each log str(name) || int(Count) ||
// str(Head) || str(Trail), which binds every log to its name and place.
//
// enc is a length-prefixed binary encoding: str(s) is the length of s as
// an unsigned varint (encoding/binary's AppendUvarint) followed by its
// bytes; int(n) is n as 8 bytes big-endian (two's complement); time(t) is
// int(t.Unix()) followed by t.Nanosecond() as 4 bytes big-endian, so a
// time means the same instant whatever its zone;
// an optional part is one byte, 0 when absent or 1 followed by its fields.
// A history entry is str(From) str(Event) str(To) time(At) str(By)
// str(Note). An evidence item is str(ID) str(Source) str(Description)
// int(len(Supports)) and str(Kind) str(ID) for each criterion,
// str(CollectedBy) time(CollectedAt), optional Covers as time(From)
// time(To), optional Sampling as str(Plan) str(Population)
// int(PopulationSize) int(SampleSize) str(Method), then
// str(Confidentiality) str(Digest) str(Supersedes). State and History are
// not part of an item's entry: they change as the item moves through its
// lifecycle, and its history log seals them.
const SealAlgorithm = "sha256-chain-v1"

// sealDomain is hashed into the first value of every chain.
const sealDomain = "ismsaudit/seal/" + SealAlgorithm

// Problems a SealError reports.
const (
	SealNotSealed      = "not-sealed"        // the record has no seal
	SealUnknownAlg     = "unknown-algorithm" // the seal names an algorithm this library does not know
	SealMalformed      = "malformed"         // the seal's own fields are not what SealRecord writes
	SealHeadMismatch   = "head-mismatch"     // a head does not match what it covers: the seal was altered
	SealLogMissing     = "log-missing"       // a sealed log is no longer in the record
	SealEntryChanged   = "entry-changed"     // an entry differs from the sealed one: changed, removed or moved
	SealEntriesMissing = "entries-missing"   // the log holds fewer entries than were sealed
)

// SealError reports a record whose seal no longer verifies: the first log
// and entry that differ from what was sealed. It unwraps to ErrInvalid.
type SealError struct {
	// Log is the name of the log, e.g. "findings[F-2].history"; empty when
	// the problem is with the seal as a whole.
	Log string `json:"log,omitempty"`
	// Index is the position in Seal.Logs of the sealed log, or -1.
	Index int `json:"index"`
	// Entry is the position of the first entry that differs (for
	// SealEntriesMissing, the first one missing), or -1.
	Entry int `json:"entry"`
	// Problem is one of the Seal... problem constants.
	Problem string `json:"problem"`
	// Detail says more, in a few words.
	Detail string `json:"detail,omitempty"`
}

// Error names the log, the entry and the problem.
func (e *SealError) Error() string {
	var b strings.Builder
	b.WriteString("audit: seal")
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

// Unwrap returns ErrInvalid.
func (e *SealError) Unwrap() error { return ErrInvalid }

// SealRecord seals the record (19011 5.5.7): it computes a hash chain
// over the evidence log and every history (see SealAlgorithm) and stores
// it in a.Seal with m.At and m.By. Entries appended later leave the seal
// intact; any change, removal or reordering of a sealed entry breaks it,
// and VerifySeal names the first log and entry that differ.
//
// A record that is already sealed is sealed again only when its seal
// still verifies (otherwise the *SealError is returned and nothing
// changes) and m.At is not before the previous seal. Items, findings and
// follow-ups must have distinct ids, as the logs are named by them; every
// problem with m or the ids is reported in a *ValidationError.
//
// The seal is not a signature: whoever can rewrite the record can seal it
// anew. Keep Seal.Head somewhere the record's holder cannot change (a
// signed or timestamped copy, another system) to make any later change
// evident.
func (a *Audit) SealRecord(m Meta) error {
	col := newCollector("seal")
	evCheckMeta(col, m)
	sealCheckIDs(col, a)
	if a.Seal != nil && !m.At.IsZero() && m.At.Before(a.Seal.At) {
		col.Add("Meta.At", "not-before-seal", m.At.Format(time.RFC3339), "the record was last sealed at "+a.Seal.At.Format(time.RFC3339))
	}
	if err := col.Err(); err != nil {
		return err
	}
	if a.Seal != nil {
		if err := a.VerifySeal(); err != nil {
			return err
		}
	}
	a.Seal = sealCompute(a, m.At, m.By)
	return nil
}

// VerifySeal checks the record against its seal and returns nil when
// every sealed log still holds its sealed entries, unchanged and in
// order, and the seal itself is unaltered. Otherwise it returns a
// *SealError naming the first log and entry that differ (SealNotSealed
// when there is no seal). Entries appended after sealing are allowed.
func (a *Audit) VerifySeal() error {
	var first *SealError
	sealCheck(a, func(e *SealError) bool {
		first = e
		return false
	})
	if first != nil {
		return first
	}
	return nil
}

// sealCheckIDs reports ids that would give two logs the same name.
func sealCheckIDs(col *errs.Collector, a *Audit) {
	seenE := make(map[EvidenceID]int, len(a.Evidence))
	for i := range a.Evidence {
		id := a.Evidence[i].ID
		if j, dup := seenE[id]; dup {
			col.Add(errs.Index("Evidence", i)+".ID", "unique", string(id), "the same id as "+errs.Index("Evidence", j))
			continue
		}
		seenE[id] = i
	}
	seenF := make(map[FindingID]int, len(a.Findings))
	for i := range a.Findings {
		id := a.Findings[i].ID
		if j, dup := seenF[id]; dup {
			col.Add(errs.Index("Findings", i)+".ID", "unique", string(id), "the same id as "+errs.Index("Findings", j))
			continue
		}
		seenF[id] = i
	}
	clear(seenF)
	for i := range a.FollowUps {
		id := a.FollowUps[i].Finding
		if j, dup := seenF[id]; dup {
			col.Add(errs.Index("FollowUps", i)+".Finding", "unique", string(id), "the same finding as "+errs.Index("FollowUps", j))
			continue
		}
		seenF[id] = i
	}
}

// sealKind says which part of the record a log is.
type sealKind uint8

const (
	sealEvidence sealKind = iota
	sealAuditHistory
	sealPlanHistory
	sealEvidenceHistory
	sealFindingHistory
	sealConclusionHistory
	sealFollowUpHistory
)

// sealLog is one log of the record: which part it is and, for the logs
// of items, findings and follow-ups, the position of its owner.
type sealLog struct {
	kind sealKind
	idx  int
}

// sealLogs lists the record's logs in seal order.
func sealLogs(a *Audit) []sealLog {
	logs := make([]sealLog, 0, 4+len(a.Evidence)+len(a.Findings)+len(a.FollowUps))
	logs = append(logs, sealLog{kind: sealEvidence}, sealLog{kind: sealAuditHistory})
	if a.Plan != nil {
		logs = append(logs, sealLog{kind: sealPlanHistory})
	}
	for i := range a.Evidence {
		logs = append(logs, sealLog{kind: sealEvidenceHistory, idx: i})
	}
	for i := range a.Findings {
		logs = append(logs, sealLog{kind: sealFindingHistory, idx: i})
	}
	if a.Conclusion != nil {
		logs = append(logs, sealLog{kind: sealConclusionHistory})
	}
	for i := range a.FollowUps {
		logs = append(logs, sealLog{kind: sealFollowUpHistory, idx: i})
	}
	return logs
}

// nameParts returns the log's name as a fixed name, or as the prefix and
// id that "prefix[id].history" is made of.
func (l sealLog) nameParts(a *Audit) (fixed, prefix, id string) {
	switch l.kind {
	case sealEvidence:
		return "evidence", "", ""
	case sealAuditHistory:
		return "history", "", ""
	case sealPlanHistory:
		return "plan.history", "", ""
	case sealConclusionHistory:
		return "conclusion.history", "", ""
	case sealEvidenceHistory:
		return "", "evidence", string(a.Evidence[l.idx].ID)
	case sealFindingHistory:
		return "", "findings", string(a.Findings[l.idx].ID)
	case sealFollowUpHistory:
		return "", "followUps", string(a.FollowUps[l.idx].Finding)
	}
	return "", "", ""
}

const sealNameSuffix = "].history"

// appendName appends the log's name to b.
func (l sealLog) appendName(b []byte, a *Audit) []byte {
	fixed, prefix, id := l.nameParts(a)
	if prefix == "" {
		return append(b, fixed...)
	}
	b = append(b, prefix...)
	b = append(b, '[')
	b = append(b, id...)
	return append(b, sealNameSuffix...)
}

// is reports, without building the name, whether the log is named name.
func (l sealLog) is(a *Audit, name string) bool {
	fixed, prefix, id := l.nameParts(a)
	if prefix == "" {
		return name == fixed
	}
	return len(name) == len(prefix)+1+len(id)+len(sealNameSuffix) &&
		name[:len(prefix)] == prefix && name[len(prefix)] == '[' &&
		name[len(prefix)+1:len(prefix)+1+len(id)] == id &&
		name[len(name)-len(sealNameSuffix):] == sealNameSuffix
}

// len returns how many entries the log holds now.
func (l sealLog) len(a *Audit) int {
	switch l.kind {
	case sealEvidence:
		return len(a.Evidence)
	case sealAuditHistory:
		return len(a.History)
	case sealPlanHistory:
		return len(a.Plan.History)
	case sealEvidenceHistory:
		return len(a.Evidence[l.idx].History)
	case sealFindingHistory:
		return len(a.Findings[l.idx].History)
	case sealConclusionHistory:
		return len(a.Conclusion.History)
	case sealFollowUpHistory:
		return len(a.FollowUps[l.idx].History)
	}
	return 0
}

// encode appends the encoding of entry i of the log to b.
func (l sealLog) encode(b []byte, a *Audit, i int) []byte {
	switch l.kind {
	case sealEvidence:
		return sealEncodeEvidence(b, &a.Evidence[i])
	case sealAuditHistory:
		return sealEncodeEntry(b, &a.History[i])
	case sealPlanHistory:
		return sealEncodeEntry(b, &a.Plan.History[i])
	case sealEvidenceHistory:
		return sealEncodeEntry(b, &a.Evidence[l.idx].History[i])
	case sealFindingHistory:
		return sealEncodeEntry(b, &a.Findings[l.idx].History[i])
	case sealConclusionHistory:
		return sealEncodeEntry(b, &a.Conclusion.History[i])
	case sealFollowUpHistory:
		return sealEncodeEntry(b, &a.FollowUps[l.idx].History[i])
	}
	return b
}

// sealChain computes chains, reusing one buffer for every entry.
type sealChain struct {
	h0  [sha256.Size]byte
	buf []byte
}

func sealNewChain() *sealChain {
	c := &sealChain{buf: make([]byte, 0, 1024)}
	c.h0 = sha256.Sum256(sealStr(c.buf[:0], sealDomain))
	return c
}

// step returns h_i from h_{i-1} and entry i of the log.
func (c *sealChain) step(h [sha256.Size]byte, a *Audit, l sealLog, i int) [sha256.Size]byte {
	c.buf = append(c.buf[:0], h[:]...)
	c.buf = l.encode(c.buf, a, i)
	return sha256.Sum256(c.buf)
}

// sealMarkLen is the length in hex digits of one Trail mark.
const sealMarkLen = 16

// sealCompute seals the record as it is now. The names, heads and trails
// of all logs are built in three buffers and cut from three strings, so
// that sealing allocates a handful of times whatever the record's size.
func sealCompute(a *Audit, at time.Time, by string) *Seal {
	logs := sealLogs(a)
	c := sealNewChain()
	type span struct{ name, trail int }
	ends := make([]span, len(logs))
	heads := make([][sha256.Size]byte, len(logs))
	nameLen, entries := 0, 0
	for _, l := range logs {
		fixed, prefix, id := l.nameParts(a)
		nameLen += len(fixed) + len(prefix) + len(id) + 1 + len(sealNameSuffix)
		entries += l.len(a)
	}
	names, trails := make([]byte, 0, nameLen), make([]byte, 0, entries*sealMarkLen)
	for j, l := range logs {
		names = l.appendName(names, a)
		h := c.h0
		for i := range l.len(a) {
			h = c.step(h, a, l, i)
			trails = hex.AppendEncode(trails, h[:sealMarkLen/2])
		}
		heads[j] = h
		ends[j] = span{len(names), len(trails)}
	}
	allNames, allTrails := string(names), string(trails)
	allHeads := make([]byte, 0, len(logs)*2*sha256.Size)
	for _, h := range heads {
		allHeads = hex.AppendEncode(allHeads, h[:])
	}
	headText := string(allHeads)
	s := &Seal{Algorithm: SealAlgorithm, At: at, By: by, Logs: make([]SealedLog, len(logs))}
	var prev span
	for j, l := range logs {
		s.Logs[j] = SealedLog{
			Name:  allNames[prev.name:ends[j].name],
			Count: l.len(a),
			Head:  headText[j*2*sha256.Size : (j+1)*2*sha256.Size],
			Trail: allTrails[prev.trail:ends[j].trail],
		}
		prev = ends[j]
	}
	head := sealHead(c, a.ID, s)
	s.Head = hex.EncodeToString(head[:])
	return s
}

// sealHead computes the seal's own head over its fields.
func sealHead(c *sealChain, id ID, s *Seal) [sha256.Size]byte {
	h := sha256.New()
	b := c.buf[:0]
	b = sealStr(b, s.Algorithm)
	b = sealStr(b, string(id))
	b = sealTime(b, s.At)
	b = sealStr(b, s.By)
	b = sealInt(b, len(s.Logs))
	for _, l := range s.Logs {
		b = sealStr(b, l.Name)
		b = sealInt(b, l.Count)
		b = sealStr(b, l.Head)
		b = sealStr(b, l.Trail)
		if len(b) > 1<<15 {
			h.Write(b)
			b = b[:0]
		}
	}
	h.Write(b)
	c.buf = b
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// sealCheck checks the record against its seal and reports every problem
// to report, in seal order, until report returns false.
func sealCheck(a *Audit, report func(*SealError) bool) {
	s := a.Seal
	if s == nil {
		report(&SealError{Index: -1, Entry: -1, Problem: SealNotSealed})
		return
	}
	if s.Algorithm != SealAlgorithm {
		report(&SealError{Index: -1, Entry: -1, Problem: SealUnknownAlg, Detail: fmt.Sprintf("%q; this library seals with %q", s.Algorithm, SealAlgorithm)})
		return
	}
	for j, l := range s.Logs {
		var problem string
		switch {
		case l.Count < 0:
			problem = "a negative count"
		case len(l.Trail)%sealMarkLen != 0 || len(l.Trail)/sealMarkLen != l.Count:
			problem = fmt.Sprintf("the trail does not hold %d hex digits per entry", sealMarkLen)
		case !sealIsHead(l.Head):
			problem = "the head is not 64 lower-case hex digits"
		}
		if problem != "" {
			report(&SealError{Log: l.Name, Index: j, Entry: -1, Problem: SealMalformed, Detail: problem})
			return
		}
	}
	c := sealNewChain()
	if head := sealHead(c, a.ID, s); !sealHeadIs(&head, s.Head) {
		if !report(&SealError{Index: -1, Entry: -1, Problem: SealHeadMismatch, Detail: "the seal's head does not match its logs: the seal was altered"}) {
			return
		}
	}
	logs := sealLogs(a)
	used := make([]bool, len(logs))
	var byName map[string]int // built only when the logs are not in sealed order
	next := 0
	var mark [sealMarkLen]byte
	for j, sl := range s.Logs {
		k := -1
		if next < len(logs) && logs[next].is(a, sl.Name) {
			k = next
		} else {
			if byName == nil {
				byName = make(map[string]int, len(logs))
				var b []byte
				for i, l := range logs {
					b = l.appendName(b[:0], a)
					if _, dup := byName[string(b)]; !dup {
						byName[string(b)] = i
					}
				}
			}
			if i, ok := byName[sl.Name]; ok {
				k = i
			}
		}
		if k < 0 {
			if !report(&SealError{Log: sl.Name, Index: j, Entry: -1, Problem: SealLogMissing}) {
				return
			}
			continue
		}
		if used[k] {
			if !report(&SealError{Log: sl.Name, Index: j, Entry: -1, Problem: SealMalformed, Detail: "the log is sealed twice"}) {
				return
			}
			continue
		}
		used[k], next = true, k+1
		l := logs[k]
		n := min(l.len(a), sl.Count)
		h := c.h0
		changed := -1
		for i := range n {
			h = c.step(h, a, l, i)
			hex.Encode(mark[:], h[:sealMarkLen/2])
			if string(mark[:]) != sl.Trail[i*sealMarkLen:(i+1)*sealMarkLen] {
				changed = i
				break
			}
		}
		var problem *SealError
		switch {
		case changed >= 0:
			problem = &SealError{Log: sl.Name, Index: j, Entry: changed, Problem: SealEntryChanged}
		case n < sl.Count:
			problem = &SealError{Log: sl.Name, Index: j, Entry: n, Problem: SealEntriesMissing, Detail: fmt.Sprintf("%d sealed, %d now", sl.Count, n)}
		case !sealHeadIs(&h, sl.Head):
			problem = &SealError{Log: sl.Name, Index: j, Entry: -1, Problem: SealHeadMismatch, Detail: "the log's head does not match its entries"}
		}
		if problem != nil && !report(problem) {
			return
		}
	}
}

// sealIsHead reports whether s is 64 lower-case hex digits.
func sealIsHead(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c-'0' > 9 && c-'a' > 5 {
			return false
		}
	}
	return true
}

// sealHeadIs reports whether s is the lower-case hex of h, without
// decoding s.
func sealHeadIs(h *[sha256.Size]byte, s string) bool {
	var buf [2 * sha256.Size]byte
	hex.Encode(buf[:], h[:])
	return string(buf[:]) == s
}

func sealInt(b []byte, n int) []byte { return binary.BigEndian.AppendUint64(b, uint64(int64(n))) }

func sealStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// sealTime appends time(t): the Unix second as int(n), then the
// nanosecond within it as 4 bytes big-endian, so an instant encodes the
// same whatever its zone or monotonic reading.
func sealTime(b []byte, t time.Time) []byte {
	b = binary.BigEndian.AppendUint64(b, uint64(t.Unix()))
	return binary.BigEndian.AppendUint32(b, uint32(t.Nanosecond()))
}

func sealPresent(b []byte, present bool) []byte {
	if present {
		return append(b, 1)
	}
	return append(b, 0)
}

// sealEncodeEntry appends the encoding of a history entry.
func sealEncodeEntry[S, E ~string](b []byte, e *fsm.Entry[S, E]) []byte {
	b = sealStr(b, string(e.From))
	b = sealStr(b, string(e.Event))
	b = sealStr(b, string(e.To))
	b = sealTime(b, e.At)
	b = sealStr(b, e.By)
	return sealStr(b, e.Note)
}

// sealEncodeEvidence appends the encoding of an evidence item's content.
func sealEncodeEvidence(b []byte, e *Evidence) []byte {
	b = sealStr(b, string(e.ID))
	b = sealStr(b, string(e.Source))
	b = sealStr(b, e.Description)
	b = sealInt(b, len(e.Supports))
	for _, r := range e.Supports {
		b = sealStr(b, string(r.Kind))
		b = sealStr(b, r.ID)
	}
	b = sealStr(b, e.CollectedBy)
	b = sealTime(b, e.CollectedAt)
	b = sealPresent(b, e.Covers != nil)
	if e.Covers != nil {
		b = sealTime(b, e.Covers.From)
		b = sealTime(b, e.Covers.To)
	}
	b = sealPresent(b, e.Sampling != nil)
	if s := e.Sampling; s != nil {
		b = sealStr(b, s.Plan)
		b = sealStr(b, s.Population)
		b = sealInt(b, s.PopulationSize)
		b = sealInt(b, s.SampleSize)
		b = sealStr(b, string(s.Method))
	}
	b = sealStr(b, string(e.Confidentiality))
	b = sealStr(b, e.Digest)
	return sealStr(b, string(e.Supersedes))
}
