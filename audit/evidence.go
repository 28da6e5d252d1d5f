package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// Period is a span of time; To may be zero for a single point.
type Period struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to,omitzero"`
}

// Evidence is one item of the evidence log (19011 6.4.7). Items are only
// ever appended; a correction is a new item with Supersedes set.
type Evidence struct {
	ID          ismsaudit.EvidenceID `json:"id"`
	Source      EvidenceSource       `json:"source"`
	Description string               `json:"description"`
	// Supports lists the criteria the item bears on.
	Supports []annexa.Ref `json:"supports"`
	// CollectedBy and CollectedAt say who gathered the information and
	// when. They are the item's own, not the logging's (the operation's
	// Meta, when and by whom the item is added to the log): information is
	// often gathered during an interview or a site walk and logged later,
	// by the same auditor or another member of the team. CollectedAt may
	// be earlier than the Meta's time, never later. Left blank and zero,
	// they are the Meta's: the item was collected as it was logged.
	CollectedBy string    `json:"collectedBy"`
	CollectedAt time.Time `json:"collectedAt"`
	// Covers is the period the material covers; its effective date can
	// differ from when it was collected.
	Covers *Period `json:"covers,omitempty"`
	// Sampling describes the sample, when the item was sampled.
	Sampling *SampleRecord `json:"sampling,omitempty"`
	// Confidentiality says who may see the material.
	Confidentiality Confidentiality `json:"confidentiality"`
	// Digest is the lower-case hex SHA-256 of the material, when known.
	Digest string `json:"digest,omitempty"`
	// Origin says which tool's document the item was read from, when it
	// was imported from another tool's output rather than logged by the team;
	// absent otherwise.
	Origin *Origin `json:"origin,omitempty"`
	// Supersedes is the item this one corrects.
	Supersedes ismsaudit.EvidenceID `json:"supersedes,omitempty"`
	// State is where the item stands; the reject entry's Reason says why
	// an item was rejected.
	State   EvidenceState   `json:"state"`
	History []EvidenceEntry `json:"history"`
}

// Origin is where an imported evidence item came from: the tool that
// collected the information, the document it wrote and the item of that
// document, so that the item can be traced back and compared with the
// tool's own output. When the tool collected the information is the
// item's CollectedAt, and the item's CollectedBy names the tool (or the
// person who ran it). An item with an Origin is collected like any other and
// becomes audit evidence only when an auditor verifies it.
type Origin struct {
	// Tool names the tool that collected the information, as its
	// document names it, e.g. "Harbour Scanner 4.2".
	Tool string `json:"tool"`
	// Document identifies the document the item was read from, e.g. an
	// OSCAL document's uuid.
	Document string `json:"document"`
	// Item identifies the item within the document, e.g. an OSCAL
	// observation's uuid.
	Item string `json:"item"`
	// Modified is when the document was last modified, as it says; with
	// Document it names the version read. Zero when the document does not
	// say.
	Modified time.Time `json:"modified,omitzero"`
}

// EvidenceSource is where an item of audit information came from (ISO
// 19011:2018 6.4.7, Annex A.13).
//
//ismsaudit:enum EvidenceSources
type EvidenceSource string

// The EvidenceSource values. Never reorder.
const (
	SourceInterview             EvidenceSource = "interview"              // what people said
	SourceObservation           EvidenceSource = "observation"            // what the auditor saw
	SourceDocument              EvidenceSource = "document"               // policies, procedures, plans
	SourceRecord                EvidenceSource = "record"                 // records of activities performed
	SourceTechnicalVerification EvidenceSource = "technical-verification" // configuration, test or tool output examined by the auditor
	SourceDataAnalysis          EvidenceSource = "data-analysis"          // analysis of data sets or logs
)

// EvidenceState is a state of an evidence item (ISO 19011:2018 6.4.7: only
// verifiable information is audit evidence).
//
//ismsaudit:enum EvidenceStates
type EvidenceState string

// The EvidenceState values. Never reorder.
const (
	EvidenceCollected  EvidenceState = "collected"  // gathered, not yet verified
	EvidenceVerified   EvidenceState = "verified"   // verified: audit evidence
	EvidenceRejected   EvidenceState = "rejected"   // could not be verified; kept, never used
	EvidenceSuperseded EvidenceState = "superseded" // replaced by a correcting item that points at it
)

// EvidenceEvent moves an evidence item's lifecycle.
//
//ismsaudit:enum EvidenceEvents
type EvidenceEvent string

// The EvidenceEvent values. Never reorder.
const (
	EvidenceVerify    EvidenceEvent = "verify"    // collected -> verified
	EvidenceReject    EvidenceEvent = "reject"    // collected -> rejected
	EvidenceSupersede EvidenceEvent = "supersede" // collected, verified or rejected -> superseded
)

// Confidentiality is how widely an item may be shown (ISO 19011:2018 4 d,
// 6.5.2). Ordered: a recipient cleared for a level sees items up to it.
//
//ismsaudit:enum Confidentialities ordered
type Confidentiality string

// The Confidentiality values. Never reorder.
const (
	ConfidentialityPublic     Confidentiality = "public"     // anyone may see it
	ConfidentialityInternal   Confidentiality = "internal"   // the audit client, auditee and team
	ConfidentialityRestricted Confidentiality = "restricted" // named people only; other copies show a reference
)

// EvidenceEntry is a line of an evidence item's history.
type EvidenceEntry = ismsaudit.Entry[EvidenceState, EvidenceEvent]

// The rules of evidence.
const (
	RuleEvidenceOrder        ismsaudit.RuleID = "AUD-EVIDENCE-ORDER"
	RuleEvidenceAppendOnly   ismsaudit.RuleID = "AUD-EVIDENCE-APPEND-ONLY"
	RuleEvidenceVerified     ismsaudit.RuleID = "AUD-EVIDENCE-VERIFIED"
	RuleEvidenceSampling     ismsaudit.RuleID = "AUD-EVIDENCE-SAMPLING"
	RuleEvidenceRejectReason ismsaudit.RuleID = "AUD-EVIDENCE-REJECT-REASON"
	RuleEvidenceCriteria     ismsaudit.RuleID = "AUD-EVIDENCE-CRITERIA"
	RuleEvidenceDuringAudit  ismsaudit.RuleID = "AUD-EVIDENCE-DURING-AUDIT"
)

var evidenceRules = []ismsaudit.Rule{
	{ID: RuleEvidenceOrder, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleIntegrity, Text: "an evidence item is verified or rejected once, while it is collected, and superseded once; a superseded item takes no further event"},
	{ID: RuleEvidenceAppendOnly, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleIntegrity, Text: "evidence is never removed or rewritten; a correction is a new item that supersedes the old one and points at it"},
	{ID: RuleEvidenceVerified, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "only verified information is audit evidence"},
	{ID: RuleEvidenceSampling, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "sampled evidence records its population, sample size and selection method"},
	{ID: RuleEvidenceRejectReason, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleFairPresentation, Text: "information rejected as evidence records why"},
	{ID: RuleEvidenceCriteria, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "evidence bears on the audit's criteria: every criterion an item supports is one of the plan's"},
	{ID: RuleEvidenceDuringAudit, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "information is collected and verified during fieldwork, while findings are settled, or to verify corrective actions in follow-up"},
}

// evidenceStates are the audit states in which information may be
// collected and verified: fieldwork, while findings are settled, and
// follow-up (verification of corrective actions).
var evidenceStates = []State{StateFieldwork, StateFindings, StateFollowUp}

// notHex is 1 for every byte that is not a lower-case hex digit; it is
// filled once and never changed.
var notHex = func() (t [256]byte) {
	for c := range t {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			t[c] = 1
		}
	}
	return t
}()

// The values of the enumerations an evidence item uses, from their sets:
// checking a short list is cheaper than the sets' map lookups when Verify
// checks thousands of items. They are never changed.
var (
	sourceValues          = evidenceSourceSet.Values()
	confidentialityValues = confidentialitySet.Values()
	evidenceStateValues   = evidenceStateSet.Values()
	selectionMethodValues = selectionMethodSet.Values()
)

// evidenceSubject is what evidence guards look at: the item, the audit
// holding it and, when an operation fires the event, what the operation
// brings. For the queries (PermittedEvidence, CanEvidence, CheckEvidence)
// in is not given and the guards on the input pass.
type evidenceSubject struct {
	a  *Audit
	e  *Evidence
	in evidenceInput
}

// evidenceInput is what an evidence event brings: why an item is
// rejected, or the correcting item that is to supersede it.
type evidenceInput struct {
	given     bool // false for a query, which brings none
	reason    string
	successor *Evidence
}

// Errors the evidence guards return; a refusal's ismsaudit.TransitionError unwraps
// to them.
var (
	errEvidenceNoReason    = errors.New("audit: a rejection needs a reason")
	errEvidenceNoSuccessor = errors.New("audit: an item is superseded only by a correcting item that points at it")
	errEvidenceIrrelevant  = errors.New("audit: the item supports a criterion that is not one of the plan's")
)

var (
	guardEvidenceRelevant  = fsm.Guard[evidenceSubject]{Name: "supports-plan-criteria", Rule: RuleEvidenceCriteria, Check: evidenceRelevant}
	guardEvidenceReasoned  = fsm.Guard[evidenceSubject]{Name: "reason-recorded", Rule: RuleEvidenceRejectReason, Check: evidenceReasoned}
	guardEvidenceSucceeded = fsm.Guard[evidenceSubject]{Name: "successor-points-back", Rule: RuleEvidenceAppendOnly, Check: evidenceSucceeded}
)

// evidenceMachine is an evidence item's lifecycle (19011 6.4.7).
var evidenceMachine = fsm.MustNew(fsm.Spec[EvidenceState, EvidenceEvent, evidenceSubject]{
	Name:     "audit.evidence",
	States:   evidenceStateSet.Values(),
	Events:   evidenceEventSet.Values(),
	Initial:  EvidenceCollected,
	Terminal: []EvidenceState{EvidenceSuperseded},
	Order:    RuleEvidenceOrder,
	Record:   RuleRecordWhoWhen,
	Table: []fsm.Transition[EvidenceState, EvidenceEvent, evidenceSubject]{
		{From: EvidenceCollected, Event: EvidenceVerify, To: EvidenceVerified, Guards: []fsm.Guard[evidenceSubject]{guardEvidenceRelevant}},
		{From: EvidenceCollected, Event: EvidenceReject, To: EvidenceRejected, Guards: []fsm.Guard[evidenceSubject]{guardEvidenceReasoned}},
		{From: EvidenceCollected, Event: EvidenceSupersede, To: EvidenceSuperseded, Guards: []fsm.Guard[evidenceSubject]{guardEvidenceSucceeded}},
		{From: EvidenceVerified, Event: EvidenceSupersede, To: EvidenceSuperseded, Guards: []fsm.Guard[evidenceSubject]{guardEvidenceSucceeded}},
		{From: EvidenceRejected, Event: EvidenceSupersede, To: EvidenceSuperseded, Guards: []fsm.Guard[evidenceSubject]{guardEvidenceSucceeded}},
	},
})

// CollectEvidence appends e to the evidence log (19011 6.4.7) in state
// EvidenceCollected with an empty history. It is allowed while the audit
// is in fieldwork, findings or follow-up (rule AUD-EVIDENCE-DURING-AUDIT;
// a *ismsaudit.TransitionError otherwise). m.At is when the item is logged and m.By
// who logs it; e.CollectedAt may be earlier but not later.
//
// Everything is checked first and every problem reported in one
// *ValidationError: a non-empty id not used by another item; a valid
// Source; a Description; at least one valid criterion in Supports, each
// one of the plan's criteria when the audit has a plan (rule
// AUD-EVIDENCE-CRITERIA); CollectedBy and CollectedAt; Covers with From
// not after To; a complete Sampling record (rule AUD-EVIDENCE-SAMPLING)
// whose Plan, when given, is one of the audit's sampling plans; a valid
// Confidentiality; a Digest, when given, of 64 lower-case hex digits.
// Supersedes, State and History are set by the library and must be empty
// (use CorrectEvidence for a correction). The record keeps its own copy of
// e's slices and pointers.
//
// Checking that the id is new scans the log, so collecting costs time in
// proportion to the log's length (some 20 µs at 10,000 items).
func (a *Audit) CollectEvidence(e Evidence, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "collect-evidence", m, &err)
	if err := a.requireState("collect-evidence", RuleEvidenceDuringAudit, evidenceStates...); err != nil {
		return err
	}
	ch := &checker{subject: "evidence"}
	ch.meta(m)
	ownTime(&e.CollectedAt, m)
	ownAuthor(&e.CollectedBy, m)
	a.evidenceCheckNew(ch, noPrefix, e, m, "")
	if err := ch.err(); err != nil {
		return err
	}
	a.Evidence = append(a.Evidence, newEvidenceItem(e))
	return nil
}

// CollectEvidenceItems appends items to the evidence log as one
// operation, all of them or none: each is checked as CollectEvidence
// checks an item (its CollectedBy and CollectedAt, left blank, are the
// Meta's), and no two of them may share an id. Every problem of every item
// is reported in one *ismsaudit.ValidationError, at paths such as
// "Items[3].Supports[0]" (Meta problems at "Meta.At" and "Meta.By"); an
// empty batch is refused at "Items". Refused, the record is unchanged.
// Accepted, the log holds the same items as collecting them one by one
// in order with the same Meta; a sealed record records the batch as one
// change, "collect-evidence-items".
//
// It is the operation importers use (report.ImportOSCALObservations): an
// import lands whole, or the host sees everything wrong with it at once.
func (a *Audit) CollectEvidenceItems(items []Evidence, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "collect-evidence-items", m, &err)
	if err := a.requireState("collect-evidence-items", RuleEvidenceDuringAudit, evidenceStates...); err != nil {
		return err
	}
	ch := &checker{subject: "evidence items"}
	ch.meta(m)
	if len(items) == 0 {
		ch.shape("Items", "required", "", "at least one item")
	}
	first := make(map[ismsaudit.EvidenceID]int, len(items))
	batch := make([]Evidence, len(items))
	for i, e := range items {
		at := func() string { return errs.Index("Items", i) }
		ownTime(&e.CollectedAt, m)
		ownAuthor(&e.CollectedBy, m)
		a.evidenceCheckNew(ch, at, e, m, "")
		if j, ok := first[e.ID]; ok && !isBlank(string(e.ID)) {
			ch.shape(at()+".ID", "unique", string(e.ID), "the same id as "+errs.Index("Items", j))
		} else if !ok {
			first[e.ID] = i
		}
		batch[i] = e
	}
	if err := ch.err(); err != nil {
		return err
	}
	for _, e := range batch {
		a.Evidence = append(a.Evidence, newEvidenceItem(e))
	}
	return nil
}

// VerifyEvidence marks the item verified: from then on it is audit
// evidence (19011 6.4.7). Only collected items can be verified, and only
// when every criterion they support is one of the plan's (rule
// AUD-EVIDENCE-CRITERIA). m.At must not precede the item's CollectedAt or
// its last history entry. Allowed in the same audit states as
// CollectEvidence.
func (a *Audit) VerifyEvidence(id ismsaudit.EvidenceID, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "verify-evidence", m, &err)
	return a.fireEvidence(id, EvidenceVerify, evidenceInput{given: true}, m)
}

// RejectEvidence marks the item rejected: it could not be verified and is
// never used as audit evidence, but stays in the log. The reason says why;
// it is required (rule AUD-EVIDENCE-REJECT-REASON) and kept in the history
// entry's Reason. Allowed in the same audit states as CollectEvidence.
func (a *Audit) RejectEvidence(id ismsaudit.EvidenceID, reason string, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "reject-evidence", m, &err)
	return a.fireEvidence(id, EvidenceReject, evidenceInput{given: true, reason: reason}, m)
}

// evidenceOp names the operation that fires each evidence event.
var evidenceOp = map[EvidenceEvent]string{
	EvidenceVerify:    "verify-evidence",
	EvidenceReject:    "reject-evidence",
	EvidenceSupersede: "correct-evidence",
}

// evidenceFor returns the item id that event may fire on: the audit's
// state allows evidence to be collected and verified
// (AUD-EVIDENCE-DURING-AUDIT) and the log holds the item.
func (a *Audit) evidenceFor(id ismsaudit.EvidenceID, event EvidenceEvent) (*Evidence, error) {
	op, ok := evidenceOp[event]
	if !ok {
		op = string(event)
	}
	if err := a.requireState(op, RuleEvidenceDuringAudit, evidenceStates...); err != nil {
		return nil, err
	}
	i := a.evidenceIndex(id)
	if i < 0 {
		return nil, notFound("evidence item", string(id))
	}
	return &a.Evidence[i], nil
}

// fireEvidence fires event on item id with what the operation brings and
// applies it; the reason, if any, goes to the history entry.
func (a *Audit) fireEvidence(id ismsaudit.EvidenceID, event EvidenceEvent, in evidenceInput, m ismsaudit.Meta) error {
	item, err := a.evidenceFor(id, event)
	if err != nil {
		return err
	}
	entry, err := evidenceMachine.Fire(evidenceSubject{a: a, e: item, in: in}, item.State, evidenceLast(item), event, m)
	if err != nil {
		return err
	}
	entry.Reason = in.reason
	item.History = append(item.History, entry)
	item.State = entry.To
	return nil
}

// PermittedEvidence returns the events the evidence item id allows now,
// in canonical order: none when the audit's state allows no evidence
// event or the log has no such item. Events that bring an input (the
// reason for a rejection, the correcting item) are listed when the item
// allows them; the input is checked when the event fires.
func (a *Audit) PermittedEvidence(id ismsaudit.EvidenceID) []EvidenceEvent {
	var out []EvidenceEvent
	for e := range EvidenceEvents() {
		if a.CanEvidence(id, e) {
			out = append(out, e)
		}
	}
	return out
}

// CanEvidence reports whether the evidence item id allows event e now
// (see PermittedEvidence).
func (a *Audit) CanEvidence(id ismsaudit.EvidenceID, e EvidenceEvent) bool {
	item, err := a.evidenceFor(id, e)
	return err == nil && evidenceMachine.Can(evidenceSubject{a: a, e: item}, item.State, e)
}

// CheckEvidence reports why the evidence item id would refuse event e
// now: nil when it allows it (as CanEvidence reports), otherwise the error
// the operation firing e would return, its Meta and input aside: a
// *ismsaudit.TransitionError naming the state and the rule, or a
// *ismsaudit.NotFoundError when the log has no such item.
func (a *Audit) CheckEvidence(id ismsaudit.EvidenceID, e EvidenceEvent) error {
	item, err := a.evidenceFor(id, e)
	if err != nil {
		return err
	}
	return evidenceMachine.Check(evidenceSubject{a: a, e: item}, item.State, e)
}

// CorrectEvidence corrects the item old: it appends e as a new item that
// supersedes old (e.Supersedes is set to old; it may be given, but only
// as old) and fires supersede on old, as one operation. e is checked as
// CollectEvidence checks a new item; old must exist and not be
// superseded already, so every superseded item has exactly one successor.
// m.Note may say what was wrong. Nothing is removed: old stays in the log
// in state EvidenceSuperseded.
func (a *Audit) CorrectEvidence(old ismsaudit.EvidenceID, e Evidence, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "correct-evidence", m, &err)
	item, err := a.evidenceFor(old, EvidenceSupersede)
	if err != nil {
		return err
	}
	ch := &checker{subject: "evidence correction"}
	ch.meta(m)
	ownTime(&e.CollectedAt, m)
	ownAuthor(&e.CollectedBy, m)
	a.evidenceCheckNew(ch, noPrefix, e, m, old)
	if err := ch.err(); err != nil {
		return err
	}
	next := newEvidenceItem(e)
	next.Supersedes = old
	entry, err := evidenceMachine.Fire(evidenceSubject{a: a, e: item, in: evidenceInput{given: true, successor: &next}}, item.State, evidenceLast(item), EvidenceSupersede, m)
	if err != nil {
		return err
	}
	item.History = append(item.History, entry)
	item.State = entry.To
	a.Evidence = append(a.Evidence, next)
	return nil
}

// EvidenceItem returns a copy of the item with the given id (slices and
// pointers copied too, so changing it leaves the record alone), and
// whether the log holds it.
func (a *Audit) EvidenceItem(id ismsaudit.EvidenceID) (Evidence, bool) {
	i := a.evidenceIndex(id)
	if i < 0 {
		return Evidence{}, false
	}
	return cloneEvidence(a.Evidence[i]), true
}

// IsAuditEvidence reports whether the item is audit evidence: it exists,
// was verified and has not been superseded by a correction (19011 6.4.7).
func (a *Audit) IsAuditEvidence(id ismsaudit.EvidenceID) bool {
	i := a.evidenceIndex(id)
	return i >= 0 && a.Evidence[i].State == EvidenceVerified
}

// Successor returns the id of the item that corrects id, and whether there
// is one.
func (a *Audit) Successor(id ismsaudit.EvidenceID) (ismsaudit.EvidenceID, bool) {
	for i := range a.Evidence {
		if a.Evidence[i].Supersedes == id && id != "" {
			return a.Evidence[i].ID, true
		}
	}
	return "", false
}

// VerifiedEvidence yields the items that are audit evidence (verified,
// not superseded) in log order. Each is a copy the caller may change.
func (a *Audit) VerifiedEvidence() iter.Seq[Evidence] {
	return func(yield func(Evidence) bool) {
		for i := range a.Evidence {
			if a.Evidence[i].State == EvidenceVerified && !yield(cloneEvidence(a.Evidence[i])) {
				return
			}
		}
	}
}

// EvidenceFor yields the audit evidence (verified, not superseded) that
// supports the criterion ref, in log order. Each is a copy the caller may
// change.
func (a *Audit) EvidenceFor(ref annexa.Ref) iter.Seq[Evidence] {
	return func(yield func(Evidence) bool) {
		for i := range a.Evidence {
			e := &a.Evidence[i]
			if e.State == EvidenceVerified && slices.Contains(e.Supports, ref) && !yield(cloneEvidence(*e)) {
				return
			}
		}
	}
}

// DigestOf returns the lower-case hex SHA-256 of material, the form
// Evidence.Digest takes. Hosts pass the bytes of a document, export or
// screenshot; the library never reads them from anywhere itself.
func DigestOf(material []byte) string {
	sum := sha256.Sum256(material)
	return hex.EncodeToString(sum[:])
}

// evidenceIndex returns the position of the first item with the given id,
// or -1. It is a linear scan: the record holds no hidden index, so that
// it stays a plain value (JSON, go-cmp, struct literals) with nothing to
// go stale. The scan costs about 2 ns per item, some 20 µs at 10,000
// items (BenchmarkCollectEvidence, BenchmarkVerifyEvidenceEvent).
func (a *Audit) evidenceIndex(id ismsaudit.EvidenceID) int {
	for i := range a.Evidence {
		if a.Evidence[i].ID == id {
			return i
		}
	}
	return -1
}

// everVerified reports whether e was ever audit evidence: its history
// verifies it, or (for a record without that history) its state says so.
// A superseded item that was verified stays cited by what rested on it.
func everVerified(e *Evidence) bool { return verifiedBy(e, time.Time{}) }

// evidenceLast is the earliest time the item's next event may carry: its
// last history entry, or when it was collected.
func evidenceLast(e *Evidence) time.Time {
	last := fsm.Last(e.History)
	if e.CollectedAt.After(last) {
		return e.CollectedAt
	}
	return last
}

// newEvidenceItem is the item as the log keeps it: the caller's fields,
// deep-copied, in state collected with an empty history.
func newEvidenceItem(e Evidence) Evidence {
	n := cloneEvidence(e)
	n.State = EvidenceCollected
	n.History = []EvidenceEntry{}
	return n
}

// cloneEvidence copies e so that the copy shares no memory with it.
func cloneEvidence(e Evidence) Evidence {
	e.Supports = slices.Clone(e.Supports)
	e.History = slices.Clone(e.History)
	if e.Covers != nil {
		c := *e.Covers
		e.Covers = &c
	}
	if e.Sampling != nil {
		s := *e.Sampling
		e.Sampling = &s
	}
	if e.Origin != nil {
		o := *e.Origin
		e.Origin = &o
	}
	return e
}

// evidenceCheckNew checks an item offered to the log. supersedes is the
// item it corrects ("" for a new item): Supersedes may be empty or equal
// to it. prefix gives the item's path ("" for the operation's one item).
func (a *Audit) evidenceCheckNew(c *checker, prefix func() string, e Evidence, m ismsaudit.Meta, supersedes ismsaudit.EvidenceID) {
	p := func(field string) string { return errs.JoinPath(prefix(), field) }
	switch {
	case isBlank(string(e.ID)):
		c.shape(p("ID"), "required", "", "the host's id for the item")
	case a.evidenceIndex(e.ID) >= 0:
		c.shape(p("ID"), "unique", string(e.ID), "the log already holds an item with this id")
	}
	var criteria func(annexa.Ref) bool
	if a.Plan != nil {
		criteria = func(r annexa.Ref) bool { return planHasCriterion(a.Plan, r) }
	}
	c.content(prefix, &e, criteria, true, a.samplingPlanByID)
	if !m.At.IsZero() && e.CollectedAt.After(m.At) {
		c.shape(p("CollectedAt"), "not-after-event", e.CollectedAt.Format(time.RFC3339), "collected later than the operation logging it ("+m.At.Format(time.RFC3339)+")")
	}
	switch {
	case supersedes == "" && e.Supersedes != "":
		c.shape(p("Supersedes"), "library-set", string(e.Supersedes), "set by CorrectEvidence; leave it empty")
	case supersedes != "" && e.Supersedes != "" && e.Supersedes != supersedes:
		c.shape(p("Supersedes"), "library-set", string(e.Supersedes), "a correction of "+string(supersedes)+" supersedes it and nothing else")
	}
	if e.State != "" {
		c.shape(p("State"), "library-set", string(e.State), "set by the library; leave it empty")
	}
	if len(e.History) != 0 {
		c.shape(p("History"), "library-set", "", "set by the library; leave it empty")
	}
}

// noPrefix is the path prefix of an operation's one item.
func noPrefix() string { return "" }

// content checks the fields of an item that the caller gives and that
// never change once logged. prefix gives the path of the item (built
// only when a problem is reported, so that checking a conforming record
// costs no formatting). criteria, nil when the audit has no plan, says
// whether a criterion is one of the plan's (those are taken as valid
// references: the plan's own checks report them); inPlan says whether
// every supported criterion must be one of them. plans returns the
// sampling plan with the given id, or nil.
func (c *checker) content(prefix func() string, e *Evidence, criteria func(annexa.Ref) bool, inPlan bool, plans func(SamplingPlanID) *SamplingPlan) {
	p := func(field string) string { return errs.JoinPath(prefix(), field) }
	switch {
	case e.Source == "":
		c.shape(p("Source"), "required", "", "where the information came from")
	case !isOneOf(sourceValues, e.Source):
		c.shape(p("Source"), "enum", string(e.Source), "one of "+tokens(EvidenceSources()))
	}
	if isBlank(e.Description) {
		c.shape(p("Description"), "required", "", "what the item is")
	}
	if len(e.Supports) == 0 {
		c.shape(p("Supports"), "required", "", "at least one criterion the item bears on")
	}
	for i, r := range e.Supports {
		path := func() string { return p(errs.Index("Supports", i)) }
		planned := criteria != nil && criteria(r)
		switch {
		case planned:
		case !refValid(r):
			c.ref(path(), r)
		case criteria != nil && inPlan:
			c.rule(path(), RuleEvidenceCriteria, r.String(), "not one of the plan's criteria")
		}
		if i > 0 && slices.Index(e.Supports, r) < i {
			c.shape(path(), "unique", r.String(), "the criterion is listed more than once")
		}
	}
	if isBlank(e.CollectedBy) {
		c.shape(p("CollectedBy"), "required", "", "who collected the item")
	}
	if e.CollectedAt.IsZero() {
		c.shape(p("CollectedAt"), "required", "", "when the item was collected")
	}
	if e.Covers != nil {
		switch {
		case e.Covers.From.IsZero():
			c.shape(p("Covers.From"), "required", "", "the start (or date) of the period the material covers")
		case !e.Covers.To.IsZero() && e.Covers.To.Before(e.Covers.From):
			c.shape(p("Covers.To"), "after-start", e.Covers.To.Format(time.RFC3339), "the period ends before it starts ("+e.Covers.From.Format(time.RFC3339)+")")
		}
	}
	if s := e.Sampling; s != nil {
		c.sampleRecord(func() string { return p("Sampling") }, s, plans)
	}
	switch {
	case e.Confidentiality == "":
		c.shape(p("Confidentiality"), "required", "", "who may see the material")
	case !isOneOf(confidentialityValues, e.Confidentiality):
		c.shape(p("Confidentiality"), "enum", string(e.Confidentiality), "one of "+tokens(Confidentialities()))
	}
	if e.Digest != "" && !isDigest(e.Digest) {
		c.shape(p("Digest"), "sha256-hex", e.Digest, "64 lower-case hex digits (see DigestOf)")
	}
	if o := e.Origin; o != nil {
		if isBlank(o.Tool) {
			c.shape(p("Origin.Tool"), "required", "", "the tool that collected the information")
		}
		if isBlank(o.Document) {
			c.shape(p("Origin.Document"), "required", "", "the document the item was read from")
		}
		if isBlank(o.Item) {
			c.shape(p("Origin.Item"), "required", "", "the item of the document")
		}
	}
}

// sampleRecord checks how a sampled item was sampled (rule
// AUD-EVIDENCE-SAMPLING).
func (c *checker) sampleRecord(path func() string, s *SampleRecord, plans func(SamplingPlanID) *SamplingPlan) {
	p := func(field string) string { return errs.JoinPath(path(), field) }
	if isBlank(s.Population) {
		c.rule(p("Population"), RuleEvidenceSampling, "", "what was sampled")
	}
	if s.PopulationSize <= 0 {
		c.rule(p("PopulationSize"), RuleEvidenceSampling, strconv.Itoa(s.PopulationSize), "the size of the population, at least 1")
	}
	switch {
	case s.SampleSize <= 0:
		c.rule(p("SampleSize"), RuleEvidenceSampling, strconv.Itoa(s.SampleSize), "the size of the sample, at least 1")
	case s.PopulationSize > 0 && s.SampleSize > s.PopulationSize:
		c.rule(p("SampleSize"), RuleEvidenceSampling, strconv.Itoa(s.SampleSize), "larger than the population ("+strconv.Itoa(s.PopulationSize)+")")
	}
	switch {
	case s.Method == "":
		c.rule(p("Method"), RuleEvidenceSampling, "", "how the sample was selected: "+tokens(SelectionMethods()))
	case !isOneOf(selectionMethodValues, s.Method):
		c.shape(p("Method"), "enum", string(s.Method), "one of "+tokens(SelectionMethods()))
	}
	if s.Plan == "" {
		return
	}
	sp := plans(s.Plan)
	if sp == nil {
		c.shape(p("Plan"), ismsaudit.RuleUnknown, string(s.Plan), "not one of the audit's sampling plans")
		return
	}
	if s.Method.IsValid() && sp.Method.IsValid() && s.Method != sp.Method {
		c.rule(p("Method"), RuleEvidenceSampling, string(s.Method), "the sampling plan "+strconv.Quote(string(s.Plan))+" selects "+string(sp.Method))
	}
}

// isDigest reports whether s is 64 lower-case hex digits. It tests
// eight bytes at a time: a byte is a digit when adding 0x50 sets its top
// bit and subtracting it from 0xb9 leaves the top bit set (0x30 to 0x39),
// and a letter likewise for 0x61 to 0x66; no step carries between bytes,
// as every byte is first checked to be under 0x80.
func isDigest(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if x&tops != 0 {
			return false
		}
		digit := (x + 0x50*ones) & (0xb9*ones - x)
		letter := (x + 0x1f*ones) & (0xe6*ones - x)
		if (digit|letter)&tops != tops {
			return false
		}
	}
	return true
}

// evidenceRelevant is the verify guard: information becomes audit evidence
// only when every criterion it supports is one of the plan's (when the
// audit has a plan). The check repeats at verification because the plan
// may have been revised since the item was collected.
func evidenceRelevant(s evidenceSubject) error {
	if s.a == nil || s.e == nil || s.a.Plan == nil {
		return nil
	}
	for _, r := range s.e.Supports {
		if !planHasCriterion(s.a.Plan, r) {
			return errEvidenceIrrelevant
		}
	}
	return nil
}

// evidenceReasoned is the reject guard: the note says why.
func evidenceReasoned(s evidenceSubject) error {
	if s.in.given && isBlank(s.in.reason) {
		return errEvidenceNoReason
	}
	return nil
}

// evidenceSucceeded is the supersede guard: a correcting item, distinct
// from the old one, points at it.
func evidenceSucceeded(s evidenceSubject) error {
	if !s.in.given {
		return nil
	}
	if n := s.in.successor; s.e == nil || n == nil || n.Supersedes != s.e.ID || n.ID == s.e.ID {
		return errEvidenceNoSuccessor
	}
	return nil
}

// citedEvidence returns the audit's evidence item with the given id, or nil.
func (a *Audit) citedEvidence(id ismsaudit.EvidenceID) *Evidence {
	if i := a.evidenceIndex(id); i >= 0 {
		return &a.Evidence[i]
	}
	return nil
}

// citesVerifiedEvidence reports whether some id names an evidence item of
// a that is verified now (a superseded item is no longer verified) and
// was already verified at time at.
func citesVerifiedEvidence(a *Audit, ids []ismsaudit.EvidenceID, at time.Time) bool {
	for _, id := range ids {
		if e := a.citedEvidence(id); e != nil && e.State == EvidenceVerified && verifiedBy(e, at) {
			return true
		}
	}
	return false
}

// verifiedBy reports whether e was audit evidence at time
// t: its history verifies it no later than t. An item whose history
// records no verification counts when its state says it is verified; with
// t zero, any verification counts.
func verifiedBy(e *Evidence, t time.Time) bool {
	verified := false
	for _, h := range e.History {
		if h.Event == EvidenceVerify {
			if t.IsZero() || !h.At.After(t) {
				return true
			}
			verified = true
		}
	}
	return !verified && e.State == EvidenceVerified
}

// allVerified refuses evidence ids that do not all name items of a that
// are audit evidence now (verified, not superseded) and were already at
// time at: only verified information is audit evidence (19011 6.4.7).
func allVerified(a *Audit, ids []ismsaudit.EvidenceID, at time.Time) error {
	for _, id := range ids {
		if e := a.citedEvidence(id); e == nil || e.State != EvidenceVerified || !verifiedBy(e, at) {
			return fmt.Errorf("audit: evidence item %q is not verified audit evidence", id)
		}
	}
	return nil
}

// verifyEvidence checks the evidence log and the sampling plans: ids
// unique and every item complete (AUD-RECORD-SHAPE), verified items
// bearing on the plan's criteria (AUD-EVIDENCE-CRITERIA), sampling records
// complete (AUD-EVIDENCE-SAMPLING), each history a path through the
// evidence lifecycle ending in the item's state and not before the item
// was collected (AUD-HISTORY-VALID), rejections with a reason
// (AUD-EVIDENCE-REJECT-REASON), corrections pointing at an earlier,
// superseded item, one successor per superseded item
// (AUD-EVIDENCE-APPEND-ONLY), no evidence before fieldwork
// (AUD-EVIDENCE-DURING-AUDIT), then the sampling plans.
func (v *verifier) verifyEvidence() {
	a := v.a
	c := v.ch
	if len(a.Evidence) > 0 && (a.State == StateInitiation || a.State == StatePreparation) {
		v.violate("Evidence", RuleEvidenceDuringAudit, string(a.State), "the log holds items although fieldwork has not begun")
	}
	var criteria func(annexa.Ref) bool
	if a.Plan != nil {
		criteria = v.criteria.has
	}
	// successor[j] is 1 + the position of the first item correcting item
	// j; made only when some item is a correction.
	var successor []int32
	for i := range a.Evidence {
		e := &a.Evidence[i]
		at := func() string { return errs.Index("Evidence", i) }
		switch {
		case isBlank(string(e.ID)):
			c.shape(at()+".ID", "required", "", "the host's id for the item")
		default:
			if j := v.evidence.firstOf(i, a.evidenceID); j != i {
				c.shape(at()+".ID", "unique", string(e.ID), "the same id as "+errs.Index("Evidence", j))
			}
		}
		c.content(at, e, criteria, e.State == EvidenceVerified, a.samplingPlanByID)
		v.evidenceHistory(c, i, e)
		if e.Supersedes == "" {
			continue
		}
		path := at()
		j := v.evidenceAt(e.Supersedes)
		switch {
		case j < 0:
			v.violate(path+".Supersedes", RuleEvidenceAppendOnly, string(e.Supersedes), "no such item in the log: a corrected item is kept, never removed")
			continue
		case j >= i:
			v.violate(path+".Supersedes", RuleEvidenceAppendOnly, string(e.Supersedes), "a correction supersedes an earlier item")
		case a.Evidence[j].State != EvidenceSuperseded:
			v.violate(path+".Supersedes", RuleEvidenceAppendOnly, string(e.Supersedes), "the corrected item is "+strconv.Quote(string(a.Evidence[j].State))+", not superseded")
		}
		if successor == nil {
			successor = make([]int32, len(a.Evidence))
		}
		if k := successor[j]; k > 0 {
			v.violate(path+".Supersedes", RuleEvidenceAppendOnly, string(e.Supersedes), "already corrected by "+errs.Index("Evidence", int(k)-1)+": an item has one successor")
			continue
		}
		successor[j] = int32(i + 1)
	}
	for i := range a.Evidence {
		e := &a.Evidence[i]
		if e.State != EvidenceSuperseded {
			continue
		}
		// An item corrects the first item with the id it supersedes.
		if j := v.evidence.firstOf(i, a.evidenceID); successor == nil || successor[j] == 0 {
			v.violate(errs.Index("Evidence", i)+".State", RuleEvidenceAppendOnly, string(e.State), "no item in the log corrects it")
		}
	}
	v.verifySampling()
}

// evidenceHistory checks an item's state and history.
func (v *verifier) evidenceHistory(c *checker, i int, e *Evidence) {
	p := itemPath{"Evidence", i}
	at := func() string { return errs.Index("Evidence", i) }

	switch {
	case e.State == "":
		c.shape(at()+".State", "required", "", "where the item stands")
	case !isOneOf(evidenceStateValues, e.State):
		c.shape(at()+".State", "enum", string(e.State), "one of "+tokens(EvidenceStates()))
	}
	if isOneOf(evidenceStateValues, e.State) {
		replayTo(v, p, evidenceMachine, e.History, e.State)
	} else {
		replay(v, p, evidenceMachine, e.History)
	}
	if len(e.History) > 0 && !e.CollectedAt.IsZero() && e.History[0].At.Before(e.CollectedAt) {
		v.violate(at()+".History[0].At", RuleHistoryValid, "", "before the item was collected")
	}
	for k, h := range e.History {
		if h.Event == EvidenceReject && isBlank(h.Reason) {
			v.violate(errs.Index(at()+".History", k)+".Reason", RuleEvidenceRejectReason, "", "the rejection does not say why")
		}
	}
}
