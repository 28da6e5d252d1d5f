package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"hash/crc32"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
)

// SealAlgorithmV2 names the hash chain SealRecord built before
// SealAlgorithm. VerifySeal still verifies records sealed with it; the
// chain is fixed for ever under this name. Sealing such a record again
// starts a SealAlgorithm seal whose first head links to this one.
//
// The record is read as append-only logs, each with a stable name, in
// this order: "evidence" (the items of the evidence log), "history" (the
// audit lifecycle), "plan.history", "evidence[ID].history" for each item
// in log order, "findings[ID].history" for each finding,
// "conclusion.history" and "followUps[FINDING].history" for each
// follow-up; the plan and conclusion logs only when the record has a plan
// or conclusions. Each log is sealed over its first Count entries: all it
// holds when sealed.
//
// The logs fall into seven parts, in the order above: the evidence log,
// the audit's history, the plan's history, the items' histories, the
// findings' histories, the conclusions' history and the follow-ups'
// histories (a part may hold no log). The chain has one link per part,
// each one SHA-256 over the previous link and the part's logs in order:
//
//	c_0 = SHA-256(str("ismsaudit/seal/sha256-log-chain-v2") || str(audit ID) || time(At) || str(By) || int(number of logs))
//	c_p = SHA-256(c_(p-1) || log(L_1) || ... || log(L_m))  for p = 1..7, where L_1..L_m are the logs of part p
//	log(L) = str(Name) || int(Count) || enc(e_1) || ... || enc(e_Count) || str(Marks)
//
// The seal's Head is the lower-case hex of c_7, so it binds every sealed
// entry, every log's name, place, count and marks, the audit's id and the
// seal's own time and actor. A log's Marks hold one mark per entry: the
// CRC-32C of enc(e_i) as 8 lower-case hex digits, where CRC-32C is the
// checksum Go's hash/crc32 computes with the crc32.Castagnoli table (the
// Castagnoli polynomial, reflected, with all bits set before and flipped
// after; its check value for "123456789" is e3069283). Marks prove
// nothing: Head does. They only locate the first entry that differs once
// Head no longer matches.
//
// enc is a length-prefixed binary encoding: str(s) is the length of s as
// an unsigned varint (encoding/binary's AppendUvarint) followed by its
// bytes; int(n) is n as 8 bytes big-endian (two's complement); time(t) is
// int(t.Unix()) followed by t.Nanosecond() as 4 bytes big-endian, so a
// time means the same instant whatever its zone;
// an optional part is one byte, 0 when absent or 1 followed by its fields.
// A history entry is str(From) str(Event) str(To) time(At) str(By)
// str(Note), followed by str(Reason) when the entry has a reason. An evidence item is str(ID) str(Source) str(Description)
// int(len(Supports)) and str(Kind) str(ID) for each criterion,
// str(CollectedBy) time(CollectedAt), optional Covers as time(From)
// time(To), optional Sampling as str(Plan) str(Population)
// int(PopulationSize) int(SampleSize) str(Method), then
// str(Confidentiality) str(Digest) str(Supersedes), followed, when the
// item has an Origin (which no item had when this chain was fixed, so
// that every chain made then still verifies), by str(Tool) str(Document)
// str(Item) time(Modified). State and History are
// not part of an item's entry: they change as the item moves through its
// lifecycle, and its history log seals them.
const SealAlgorithmV2 = "sha256-log-chain-v2"

// SealedLog is one log of a Seal: its name, how many of its entries are
// sealed and a mark per sealed entry.
type SealedLog struct {
	// Name identifies the log, e.g. "evidence" or "findings[F-3].history".
	Name string `json:"name"`
	// Count is how many entries were sealed: the log's first Count.
	Count int `json:"count"`
	// Marks locate a change: the CRC-32C of each sealed entry's encoding,
	// as 8 lower-case hex digits per entry (8*Count digits in all; see
	// SealAlgorithmV2). Seal.Head alone proves the record intact; the marks
	// name the first entry that differs when it is not.
	Marks string `json:"marks"`
}

// sealDomain is hashed into the first value of every chain.
const sealDomain = "ismsaudit/seal/" + SealAlgorithmV2

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
	logs := make([]sealLog, sealLogCount(a))
	for i := range logs {
		logs[i] = sealLogAt(a, i)
	}
	return logs
}

// sealLogCount returns how many logs the record holds.
func sealLogCount(a *Audit) int {
	n := 2 + len(a.Evidence) + len(a.Findings) + len(a.FollowUps)
	if a.Plan != nil {
		n++
	}
	if a.Conclusion != nil {
		n++
	}
	return n
}

// sealLogAt returns the record's log at position i in seal order, i
// below sealLogCount(a).
func sealLogAt(a *Audit, i int) sealLog {
	if i < 2 {
		return sealLog{kind: sealKind(i)}
	}
	i -= 2
	if a.Plan != nil {
		if i == 0 {
			return sealLog{kind: sealPlanHistory}
		}
		i--
	}
	if i < len(a.Evidence) {
		return sealLog{kind: sealEvidenceHistory, idx: i}
	}
	i -= len(a.Evidence)
	if i < len(a.Findings) {
		return sealLog{kind: sealFindingHistory, idx: i}
	}
	i -= len(a.Findings)
	if a.Conclusion != nil {
		if i == 0 {
			return sealLog{kind: sealConclusionHistory}
		}
		i--
	}
	return sealLog{kind: sealFollowUpHistory, idx: i}
}

// sealKindOf returns the part of the record a log name belongs to, or -1
// for a name no log of any record has.
func sealKindOf(name string) int {
	switch {
	case name == "evidence":
		return int(sealEvidence)
	case name == "history":
		return int(sealAuditHistory)
	case name == "plan.history":
		return int(sealPlanHistory)
	case name == "conclusion.history":
		return int(sealConclusionHistory)
	case !strings.HasSuffix(name, sealNameSuffix):
		return -1
	case strings.HasPrefix(name, "evidence["):
		return int(sealEvidenceHistory)
	case strings.HasPrefix(name, "findings["):
		return int(sealFindingHistory)
	case strings.HasPrefix(name, "followUps["):
		return int(sealFollowUpHistory)
	}
	return -1
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

// nameLen returns the length of the log's name.
func (l sealLog) nameLen(a *Audit) int {
	fixed, prefix, id := l.nameParts(a)
	if prefix == "" {
		return len(fixed)
	}
	return len(prefix) + 1 + len(id) + len(sealNameSuffix)
}

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

// sealMarkLen is the length in hex digits of one mark.
const sealMarkLen = 8

// sealParts is the number of parts of the record, and of links of the
// chain after c_0 (see SealAlgorithmV2): one per sealKind.
const sealParts = int(sealFollowUpHistory) + 1

// sealFlushAt is the size at which a chain hands its buffer to the hash.
const sealFlushAt = 32 << 10

// sealCastagnoli is hash/crc32's table for CRC-32C, which it computes
// with the processor's own instruction where there is one.
var sealCastagnoli = crc32.MakeTable(crc32.Castagnoli)

// sealChain computes the links of the chain, one part at a time, through
// one SHA-256 and one buffer.
type sealChain struct {
	h    hash.Hash
	link [sha256.Size]byte
	part int // the part whose link is open; sealParts when all are closed
	buf  []byte
}

// sealNewChain starts a chain at c_0 and opens the link of the first part.
func sealNewChain(id ismsaudit.AuditID, at time.Time, by string, logs int) *sealChain {
	c := &sealChain{h: sha256.New(), buf: make([]byte, 0, sealFlushAt+1024)}
	b := sealStr(c.buf, sealDomain)
	b = sealStr(b, string(id))
	b = sealTime(b, at)
	b = sealStr(b, by)
	b = sealInt(b, logs)
	c.link = sha256.Sum256(b)
	c.buf = append(c.buf[:0], c.link[:]...)
	return c
}

// to closes the open links up to part p, which becomes the open one.
func (c *sealChain) to(p int) {
	for c.part < p {
		c.h.Write(c.buf)
		c.h.Sum(c.link[:0])
		c.h.Reset()
		c.buf = append(c.buf[:0], c.link[:]...)
		c.part++
	}
}

// begin starts a log of part p: its name and count. The caller then
// appends the entries to c.buf, calling flush after each, and closes the
// log with sealEnd.
func (c *sealChain) begin(p int, name string, count int) {
	c.to(p)
	c.buf = sealStr(c.buf, name)
	c.buf = sealInt(c.buf, count)
}

// flush hands the buffer to the hash once it is full.
func (c *sealChain) flush() {
	if len(c.buf) >= sealFlushAt {
		c.h.Write(c.buf)
		c.buf = c.buf[:0]
	}
}

// sealEnd closes a log with its marks.
func sealEnd[T ~string | ~[]byte](c *sealChain, marks T) {
	c.buf = sealStr(c.buf, marks)
	c.flush()
}

// head closes every link and returns the last.
func (c *sealChain) head() *[sha256.Size]byte {
	c.to(sealParts)
	return &c.link
}

// sealCompute seals the record as it is now. The names and marks of all
// logs are written to two builders and cut from their two strings, so
// that sealing allocates a handful of times whatever the record's size.
func sealCompute(a *Audit, at time.Time, by string) *Seal {
	count := sealLogCount(a)
	nameLen, entries := 0, 0
	for j := range count {
		l := sealLogAt(a, j)
		nameLen += l.nameLen(a)
		entries += l.len(a)
	}
	var names, marks strings.Builder
	names.Grow(nameLen)
	marks.Grow(entries * sealMarkLen)
	var b []byte
	for j := range count {
		b = sealLogAt(a, j).appendName(b[:0], a)
		names.Write(b)
	}
	allNames := names.String()
	c := sealNewChain(a.ID, at, by, count)
	var logMarks []byte
	name := 0
	for j := range count {
		l := sealLogAt(a, j)
		n, end := l.len(a), name+l.nameLen(a)
		c.begin(int(l.kind), allNames[name:end], n)
		name = end
		logMarks = logMarks[:0]
		for i := range n {
			e := len(c.buf)
			c.buf = l.encode(c.buf, a, i)
			logMarks = sealAppendMark(logMarks, crc32.Checksum(c.buf[e:], sealCastagnoli))
			c.flush()
		}
		sealEnd(c, logMarks)
		marks.Write(logMarks)
	}
	allMarks := marks.String()
	s := &Seal{Algorithm: SealAlgorithmV2, At: at, By: by, Logs: make([]SealedLog, count), Head: hex.EncodeToString(c.head()[:])}
	name, mark := 0, 0
	for j := range count {
		l := sealLogAt(a, j)
		n, end := l.len(a), name+l.nameLen(a)
		s.Logs[j] = SealedLog{Name: allNames[name:end], Count: n, Marks: allMarks[mark : mark+n*sealMarkLen]}
		name, mark = end, mark+n*sealMarkLen
	}
	return s
}

// Where a sealed log is in the record, when it is not at a position.
const (
	sealMissing    = -1 // no log of the record has its name
	sealTwice      = -2 // an earlier sealed log has the same name
	sealOutOfOrder = -3 // it belongs to a part of the record before an earlier sealed log's
)

// sealMatch finds each sealed log among the record's logs by name: its
// position in logs, or sealMissing, sealTwice or sealOutOfOrder. Logs
// are found in order without building their names; a map of names is
// built only when the record's logs are not in sealed order.
func sealMatch(a *Audit, s *Seal, logs []sealLog) []int {
	at := make([]int, len(s.Logs))
	used := make([]bool, len(logs))
	var byName map[string]int
	next := 0
	part := sealKind(0)
	for j := range s.Logs {
		name := s.Logs[j].Name
		k := sealMissing
		if next < len(logs) && logs[next].is(a, name) {
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
			if i, ok := byName[name]; ok {
				k = i
			}
		}
		switch {
		case k < 0:
		case used[k]:
			k = sealTwice
		case logs[k].kind < part:
			k = sealOutOfOrder
		default:
			used[k], next, part = true, k+1, logs[k].kind
		}
		at[j] = k
	}
	return at
}

// sealChainInOrder computes the chain over the sealed entries of the
// record without allocating, when the record holds the sealed logs in
// sealed order, each with at least its sealed count: logs appended since
// (a later item's history, say) may come between them. ok is false
// otherwise; sealMatch then finds the logs wherever they are.
func sealChainInOrder(a *Audit, s *Seal) (head *[sha256.Size]byte, ok bool) {
	c := sealNewChain(a.ID, s.At, s.By, len(s.Logs))
	n, next := sealLogCount(a), 0
	for j := range s.Logs {
		sl := &s.Logs[j]
		kind := sealKindOf(sl.Name)
		for next < n && int(sealLogAt(a, next).kind) < kind {
			next++ // appended after sealing, in an earlier part
		}
		if next == n {
			return nil, false
		}
		l := sealLogAt(a, next)
		if !l.is(a, sl.Name) || l.len(a) < sl.Count {
			return nil, false
		}
		next++
		c.begin(int(l.kind), sl.Name, sl.Count)
		for i := range sl.Count {
			c.buf = l.encode(c.buf, a, i)
			c.flush()
		}
		sealEnd(c, sl.Marks)
	}
	return c.head(), true
}

// sealChainOf computes the chain over the sealed entries of the record,
// the sealed logs found at the positions at gives; every one must be
// found and hold its sealed count.
func sealChainOf(a *Audit, s *Seal, logs []sealLog, at []int) *[sha256.Size]byte {
	c := sealNewChain(a.ID, s.At, s.By, len(s.Logs))
	for j := range s.Logs {
		sl, l := &s.Logs[j], logs[at[j]]
		c.begin(int(l.kind), sl.Name, sl.Count)
		for i := range sl.Count {
			c.buf = l.encode(c.buf, a, i)
			c.flush()
		}
		sealEnd(c, sl.Marks)
	}
	return c.head()
}

// sealCheck checks the record against its seal and reports every problem
// to report, in seal order, until report returns false. It first checks
// the seal's form, then computes the chain over the sealed entries; only
// when the head differs does it compute marks, to locate every log that
// differs at its first differing entry.
func sealCheck(a *Audit, report func(*SealError) bool) {
	s := a.Seal
	if s == nil {
		report(&SealError{Index: -1, Entry: -1, Problem: SealNotSealed})
		return
	}
	if s.Algorithm != SealAlgorithmV2 {
		report(&SealError{Index: -1, Entry: -1, Problem: SealUnknownAlg, Detail: fmt.Sprintf("%q; this library seals with %q", s.Algorithm, SealAlgorithm)})
		return
	}
	if len(s.Head) != 2*sha256.Size || !sealIsHex(s.Head) {
		report(&SealError{Index: -1, Entry: -1, Problem: SealMalformed, Detail: "the head is not 64 lower-case hex digits"})
		return
	}
	for j, l := range s.Logs {
		var problem string
		switch {
		case l.Count < 0:
			problem = "a negative count"
		case len(l.Marks)%sealMarkLen != 0 || len(l.Marks)/sealMarkLen != l.Count:
			problem = fmt.Sprintf("the marks do not hold %d hex digits per entry", sealMarkLen)
		case !sealIsHex(l.Marks):
			problem = "the marks are not lower-case hex digits"
		}
		if problem != "" {
			report(&SealError{Log: l.Name, Index: j, Entry: -1, Problem: SealMalformed, Detail: problem})
			return
		}
	}
	if head, ok := sealChainInOrder(a, s); ok && sealHeadIs(head, s.Head) {
		return
	}
	logs := sealLogs(a)
	at := sealMatch(a, s, logs)
	whole := true
	for j, k := range at {
		if k < 0 || logs[k].len(a) < s.Logs[j].Count {
			whole = false
			break
		}
	}
	if whole && sealHeadIs(sealChainOf(a, s, logs, at), s.Head) {
		return
	}
	located := false
	var buf []byte
	var mark [sealMarkLen]byte
	for j := range s.Logs {
		sl := &s.Logs[j]
		var problem *SealError
		switch k := at[j]; k {
		case sealMissing:
			problem = &SealError{Log: sl.Name, Index: j, Entry: -1, Problem: SealLogMissing}
		case sealTwice:
			problem = &SealError{Log: sl.Name, Index: j, Entry: -1, Problem: SealMalformed, Detail: "the log is sealed twice"}
		case sealOutOfOrder:
			problem = &SealError{Log: sl.Name, Index: j, Entry: -1, Problem: SealMalformed, Detail: "the log is sealed after a later part of the record"}
		default:
			l := logs[k]
			n := min(l.len(a), sl.Count)
			changed := -1
			for i := range n {
				buf = l.encode(buf[:0], a, i)
				sealFormatMark(&mark, crc32.Checksum(buf, sealCastagnoli))
				if string(mark[:]) != sl.Marks[i*sealMarkLen:(i+1)*sealMarkLen] {
					changed = i
					break
				}
			}
			switch {
			case changed >= 0:
				problem = &SealError{Log: sl.Name, Index: j, Entry: changed, Problem: SealEntryChanged}
			case n < sl.Count:
				problem = &SealError{Log: sl.Name, Index: j, Entry: n, Problem: SealEntriesMissing, Detail: fmt.Sprintf("%d sealed, %d now", sl.Count, n)}
			}
		}
		if problem != nil {
			located = true
			if !report(problem) {
				return
			}
		}
	}
	if !located {
		report(&SealError{Index: -1, Entry: -1, Problem: SealHeadMismatch, Detail: "every sealed entry matches its mark, yet the record no longer gives the seal's head: the seal or a mark was altered"})
	}
}

// sealIsHex reports whether s holds only lower-case hex digits.
func sealIsHex(s string) bool {
	var bad byte
	for i := 0; i < len(s); i++ {
		bad |= notHex[s[i]]
	}
	return bad == 0
}

// sealHeadIs reports whether s is the lower-case hex of h, without
// decoding s.
func sealHeadIs(h *[sha256.Size]byte, s string) bool {
	var buf [2 * sha256.Size]byte
	hex.Encode(buf[:], h[:])
	return string(buf[:]) == s
}

const sealHexDigits = "0123456789abcdef"

// sealFormatMark writes a mark as 8 lower-case hex digits, most
// significant first.
func sealFormatMark(dst *[sealMarkLen]byte, mark uint32) {
	for i := sealMarkLen - 1; i >= 0; i-- {
		dst[i] = sealHexDigits[mark&0xf]
		mark >>= 4
	}
}

// sealAppendMark appends a mark as 8 lower-case hex digits.
func sealAppendMark(b []byte, mark uint32) []byte {
	var m [sealMarkLen]byte
	sealFormatMark(&m, mark)
	return append(b, m[:]...)
}

func sealInt(b []byte, n int) []byte { return binary.BigEndian.AppendUint64(b, uint64(int64(n))) }

func sealStr[T ~string | ~[]byte](b []byte, s T) []byte {
	if len(s) < 0x80 { // the varint of a length under 128 is the length
		return append(append(b, byte(len(s))), s...)
	}
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
func sealEncodeEntry[S, E ~string](b []byte, e *ismsaudit.Entry[S, E]) []byte {
	b = sealStr(b, string(e.From))
	b = sealStr(b, string(e.Event))
	b = sealStr(b, string(e.To))
	b = sealTime(b, e.At)
	b = sealStr(b, e.By)
	b = sealStr(b, e.Note)
	if e.Reason != "" {
		b = sealStr(b, e.Reason)
	}
	return b
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
	b = sealStr(b, string(e.Supersedes))
	if o := e.Origin; o != nil {
		b = sealStr(b, o.Tool)
		b = sealStr(b, o.Document)
		b = sealStr(b, o.Item)
		b = sealTime(b, o.Modified)
	}
	return b
}
