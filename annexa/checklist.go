package annexa

import (
	"fmt"
	"iter"
	"math/bits"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/enum"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// AuditKind is the kind of audit a checklist is built for; it decides which
// clauses and controls the checklist covers (see NewChecklist).
type AuditKind string

// The audit kinds. Never reorder.
const (
	// Stage1 is the first stage of an initial certification audit: a review
	// of the documented ISMS and readiness (ISO/IEC 17021-1:2015 9.3.1.2).
	Stage1 AuditKind = "stage1"
	// Stage2 evaluates implementation and effectiveness of the whole ISMS
	// (ISO/IEC 17021-1:2015 9.3.1.3).
	Stage2 AuditKind = "stage2"
	// Surveillance is a periodic certification audit covering the essentials
	// and a part of the controls (ISO/IEC 17021-1:2015 9.6.2).
	Surveillance AuditKind = "surveillance"
	// Recertification re-evaluates the whole ISMS before the certificate
	// expires (ISO/IEC 17021-1:2015 9.6.3).
	Recertification AuditKind = "recertification"
	// Internal is a first-party audit by the organization itself (ISO/IEC
	// 27001:2022 9.2).
	Internal AuditKind = "internal"
	// SecondParty is an audit by a customer or another interested party,
	// e.g. of a supplier (ISO 19011:2018 clause 3.1, note).
	SecondParty AuditKind = "second-party"
	// Special is a short-notice or extension audit on a given subject, such
	// as after a serious incident (ISO/IEC 17021-1:2015 9.6.4).
	Special AuditKind = "special"
)

var auditKindSet = enum.New("annexa", "AuditKind", Stage1, Stage2, Surveillance, Recertification, Internal, SecondParty, Special)

// AuditKinds yields the audit kinds in canonical order.
func AuditKinds() iter.Seq[AuditKind] { return auditKindSet.All() }

// ParseAuditKind parses a kind token such as "stage2" or "second-party".
func ParseAuditKind(s string) (AuditKind, error) { return auditKindSet.Parse(s) }

// IsValid reports whether k is a known audit kind.
func (k AuditKind) IsValid() bool { return auditKindSet.Valid(k) }

// String returns the token.
func (k AuditKind) String() string { return string(k) }

// MarshalText implements encoding.TextMarshaler.
func (k AuditKind) MarshalText() ([]byte, error) { return auditKindSet.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (k *AuditKind) UnmarshalText(b []byte) error { return auditKindSet.Unmarshal(b, k) }

func auditKindNames() []string {
	var out []string
	for k := range AuditKinds() {
		out = append(out, string(k))
	}
	return out
}

// coversAll reports whether a checklist of kind k takes every requirement
// and every applicable control when no subset is given.
func (k AuditKind) coversAll() bool {
	return k == Stage2 || k == Internal || k == Recertification || k == SecondParty
}

// SurveillanceEssentials are the requirements every surveillance checklist
// covers whatever subset is chosen: ISO/IEC 17021-1:2015 9.6.2.2 asks each
// surveillance to look at internal audits and management review, action on
// nonconformities, effectiveness against objectives, progress of continual
// improvement, operational control and changes; for an ISMS that means risk
// assessment and treatment kept up to date as well (ISO/IEC 27006). The
// list is this project's reading of those points in 27001:2022 terms.
var surveillanceEssentials = [...]ClauseID{
	"6.1.2", "6.1.3", "6.2", "6.3", "8.1", "8.2", "8.3", "9.1",
	"9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3", "10.1", "10.2",
}

// SurveillanceEssentials yields the requirements every surveillance
// checklist covers, in the standard's order.
func SurveillanceEssentials() iter.Seq[Clause] {
	return func(yield func(Clause) bool) {
		for _, id := range surveillanceEssentials {
			if !yield(MustClause(string(id))) {
				return
			}
		}
	}
}

// Result is what the auditor concluded for one checklist item (ISO
// 19011:2018 6.4.8: findings show conformity or nonconformity; observations
// and opportunities for improvement are recorded as the programme asks).
type Result string

// The results. Never reorder.
const (
	NotAssessed               Result = "not-assessed"                // nothing concluded yet
	Conforms                  Result = "conforms"                    // the requirement or control is met
	MinorNonconformity        Result = "minor-nonconformity"         // a lapse that does not put the ISMS's results in doubt
	MajorNonconformity        Result = "major-nonconformity"         // a failure that puts the ISMS's ability to achieve its results in doubt
	Observation               Result = "observation"                 // a concern that is not (yet) a nonconformity
	OpportunityForImprovement Result = "opportunity-for-improvement" // a way to do better, not a nonconformity
	NotApplicable             Result = "not-applicable"              // the item does not apply here; notes say why
)

var resultSet = enum.New("annexa", "Result", NotAssessed, Conforms, MinorNonconformity, MajorNonconformity, Observation, OpportunityForImprovement, NotApplicable)

// Results yields the results in canonical order.
func Results() iter.Seq[Result] { return resultSet.All() }

// ParseResult parses a result token such as "minor-nonconformity".
func ParseResult(s string) (Result, error) { return resultSet.Parse(s) }

// IsValid reports whether r is a known result.
func (r Result) IsValid() bool { return resultSet.Valid(r) }

// String returns the token.
func (r Result) String() string { return string(r) }

// IsNonconformity reports whether r is a minor or major nonconformity.
func (r Result) IsNonconformity() bool { return r == MinorNonconformity || r == MajorNonconformity }

// MarshalText implements encoding.TextMarshaler.
func (r Result) MarshalText() ([]byte, error) { return resultSet.Marshal(r) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (r *Result) UnmarshalText(b []byte) error { return resultSet.Unmarshal(b, r) }

// RefKind says what a Ref points at.
type RefKind string

// The reference kinds. Never reorder.
const (
	ClauseRef   RefKind = "clause"   // a clause of ISO/IEC 27001:2022, ID "9.2.1"
	ControlRef  RefKind = "control"  // an Annex A control of ISO/IEC 27001:2022, ID "5.1"
	DocumentRef RefKind = "document" // other documented criteria or records, ID chosen by the host
)

var refKindSet = enum.New("annexa", "RefKind", ClauseRef, ControlRef, DocumentRef)

// RefKinds yields the reference kinds in canonical order.
func RefKinds() iter.Seq[RefKind] { return refKindSet.All() }

// ParseRefKind parses "clause", "control" or "document".
func ParseRefKind(s string) (RefKind, error) { return refKindSet.Parse(s) }

// IsValid reports whether k is a known kind.
func (k RefKind) IsValid() bool { return refKindSet.Valid(k) }

// String returns the token.
func (k RefKind) String() string { return string(k) }

// MarshalText implements encoding.TextMarshaler.
func (k RefKind) MarshalText() ([]byte, error) { return refKindSet.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (k *RefKind) UnmarshalText(b []byte) error { return refKindSet.Unmarshal(b, k) }

// Ref points at an audit criterion: a 27001 clause, an Annex A control, or
// another document. It is a small comparable value.
type Ref struct {
	Kind RefKind `json:"kind"`
	ID   string  `json:"id"`
}

// RefToClause returns the reference to a clause.
func RefToClause(id ClauseID) Ref { return Ref{Kind: ClauseRef, ID: string(id)} }

// RefToControl returns the reference to an Annex A control.
func RefToControl(id ControlID) Ref { return Ref{Kind: ControlRef, ID: string(id)} }

// RefToDocument returns the reference to another document, such as a
// policy, a contract or a law, by the host's identifier.
func RefToDocument(id string) Ref { return Ref{Kind: DocumentRef, ID: id} }

// SoADocument is the document id checklists use for the Statement of
// Applicability itself.
const SoADocument = "statement-of-applicability"

// ParseRef reads the forms people write: "A.5.1" or "a.5.1" (a control),
// "clause 9.2" or "9.2" (a clause: plain numbers are clauses, as only the
// "A." prefix marks a control unambiguously), and "document:ID".
func ParseRef(s string) (Ref, error) {
	t := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(t, "document:"):
		id := strings.TrimSpace(t[len("document:"):])
		if id == "" {
			return Ref{}, &errs.ParseError{Pkg: "annexa", Type: "reference", Input: s, Detail: "a document reference needs an id"}
		}
		return RefToDocument(id), nil
	case len(t) > 2 && (t[0] == 'A' || t[0] == 'a') && t[1] == '.':
		id, err := ParseControlID(t)
		if err != nil {
			return Ref{}, err
		}
		return RefToControl(id), nil
	}
	if len(t) > 7 && strings.EqualFold(t[:7], "clause ") {
		t = t[7:]
	}
	id, err := ParseClauseID(t)
	if err != nil {
		return Ref{}, err
	}
	return RefToClause(id), nil
}

// String renders the reference as ParseRef reads it: "clause 9.2", "A.5.1",
// "document:policy-7".
func (r Ref) String() string {
	switch r.Kind {
	case ClauseRef:
		return "clause " + r.ID
	case ControlRef:
		return "A." + r.ID
	case DocumentRef:
		return "document:" + r.ID
	}
	return r.ID
}

// Title returns the catalogue title of a clause or control reference, or ""
// for documents and unknown ids.
func (r Ref) Title() string {
	switch r.Kind {
	case ClauseRef:
		c, _ := LookupClause(r.ID)
		return c.Title()
	case ControlRef:
		c, _ := LookupControl(r.ID)
		return c.Title()
	}
	return ""
}

// Validate checks that the kind is known, that clause and control ids are
// canonical ids of the catalogue and that a document id is not empty.
func (r Ref) Validate() error {
	col := errs.NewCollector("annexa", "reference")
	r.check(col, "")
	return col.Err()
}

func (r Ref) check(col *errs.Collector, path string) {
	switch r.Kind {
	case ClauseRef:
		if !ClauseID(r.ID).IsValid() {
			col.Add(errs.JoinPath(path, "ID"), errs.RuleUnknown, r.ID, "not a clause 4 to 10.2 of ISO/IEC 27001:2022")
		}
	case ControlRef:
		if !ControlID(r.ID).IsValid() {
			col.Add(errs.JoinPath(path, "ID"), errs.RuleUnknown, r.ID, "not an Annex A control of ISO/IEC 27001:2022")
		}
	case DocumentRef:
		if strings.TrimSpace(r.ID) == "" {
			col.Add(errs.JoinPath(path, "ID"), "required", "", "a document reference needs an id")
		}
	case "":
		col.Add(errs.JoinPath(path, "Kind"), "required", "", "a reference needs a kind")
	default:
		col.Add(errs.JoinPath(path, "Kind"), "enum", string(r.Kind), "one of clause, control, document")
	}
}

// Item is one line of an audit checklist: what to audit, how, and, once
// assessed, what was found. A filled checklist feeds the audit's findings.
type Item struct {
	// Ref is the clause, control or document the item audits.
	Ref Ref `json:"ref"`
	// Title is the short title of what is audited.
	Title string `json:"title"`
	// Questions are what the auditor asks or checks.
	Questions []string `json:"questions"`
	// EvidenceHints name evidence the auditor can look at.
	EvidenceHints []string `json:"evidenceHints"`
	// Methods are the audit methods that suit the item.
	Methods []Method `json:"methods" validate:"dive,enum"`
	// Result is the auditor's conclusion; NotAssessed until assessed.
	Result Result `json:"result" validate:"required,enum"`
	// Notes record what was found, in the auditor's words.
	Notes string `json:"notes,omitempty"`
	// EvidenceRefs identify the evidence behind the result, by the host's
	// (or the audit package's) evidence ids.
	EvidenceRefs []ismsaudit.EvidenceID `json:"evidenceRefs,omitempty"`
	// NotAuditedReason says why a planned item was not audited; an item
	// with neither a result nor a reason is still pending.
	NotAuditedReason string `json:"notAuditedReason,omitempty"`
}

// Pending reports whether the item has neither a result nor a reason why
// it was not audited.
func (it Item) Pending() bool { return it.Result == NotAssessed && it.NotAuditedReason == "" }

// Checklist is an ordered audit checklist built from the catalogue and a
// Statement of Applicability: requirement clauses in the standard's order,
// then documents, then Annex A controls in Annex A order.
type Checklist struct {
	// Kind is the kind of audit the checklist was built for.
	Kind AuditKind `json:"kind" validate:"required,enum"`
	// Organization is copied from the SoA.
	Organization string `json:"organization,omitempty"`
	// SoAVersion is copied from the SoA.
	SoAVersion string `json:"soaVersion,omitempty"`
	// Items are the lines of the checklist.
	Items []Item `json:"items" validate:"dive"`
}

// ChecklistOptions chooses what a checklist covers beyond what its kind
// implies. The zero value (apart from Kind) means "the whole kind".
type ChecklistOptions struct {
	// Kind is the kind of audit; it is required.
	Kind AuditKind `json:"kind"`
	// Clauses narrows (or, for a surveillance, extends) the requirement
	// clauses; a heading such as "9" or "9.2" stands for its requirements.
	Clauses []ClauseID `json:"clauses,omitempty"`
	// Controls narrows the controls to these; each must be applicable.
	Controls []ControlID `json:"controls,omitempty"`
	// Filter keeps only the controls that match it. Without Controls, it
	// selects among every applicable control.
	Filter Filter `json:"filter,omitzero"`
}

// NewChecklist builds the checklist for an audit of kind opts.Kind against
// soa, which must be valid.
//
// What each kind covers:
//
//   - Stage1: the requirements that call for documented information, with a
//     question on that information first; an item on the SoA itself; and an
//     item per excluded control to test its justification. A stage 1 reviews
//     the whole documented ISMS, so subsets and filters are refused.
//   - Stage2, Internal, Recertification, SecondParty: every requirement
//     (4.1 ... 10.2) and every applicable control; a subset (Clauses,
//     Controls) narrows both to exactly what it names.
//   - Surveillance: the SurveillanceEssentials plus the Clauses given, and
//     the Controls given.
//   - Special: exactly the subset given; an empty one is refused.
//
// For every kind but Stage1, a Filter keeps the matching controls (among
// Controls when given, else among every applicable control). Naming an
// excluded control, an unknown id, the same id twice, or a filter that
// matches nothing is an error: nothing the caller asks for is dropped.
func NewChecklist(soa *SoA, opts ChecklistOptions) (*Checklist, error) {
	col := errs.NewCollector("annexa", "checklist options")
	if soa == nil {
		col.Add("SoA", "required", "", "a Statement of Applicability is required")
		return nil, col.Err()
	}
	if err := soa.Validate(); err != nil {
		col.Merge("SoA", "valid", err)
		return nil, col.Err()
	}
	switch {
	case opts.Kind == "":
		col.Add("Kind", "required", "", "say which kind of audit the checklist is for")
	case !opts.Kind.IsValid():
		col.Add("Kind", "enum", string(opts.Kind), "one of "+strings.Join(auditKindNames(), ", "))
	}
	sel := selectItems(soa, opts, col)
	if err := col.Err(); err != nil {
		return nil, err
	}
	return build(soa, opts.Kind, &sel), nil
}

// selection marks the clauses and controls a checklist covers.
type selection struct {
	clauses  [ClauseCount]bool
	controls [ControlCount]bool
	// stage 1 extras: the excluded controls and their justifications
	exclusions [ControlCount]string
	stage1     bool
	nClauses   int
	nControls  int
	nExcluded  int
}

func selectItems(soa *SoA, opts ChecklistOptions, col *errs.Collector) selection {
	var sel selection
	var applicable [ControlCount]bool
	for _, d := range soa.Decisions {
		i, _ := controlIndex(string(d.Control))
		switch d.Applicability {
		case Applicable:
			applicable[i] = true
		case Excluded:
			sel.exclusions[i] = d.Justification
		}
	}
	if opts.Kind == Stage1 {
		sel.stage1 = true
		if len(opts.Clauses) > 0 {
			col.Add("Clauses", "stage1-whole", "", "a stage 1 audit reviews all documented information; subsets are not used")
		}
		if len(opts.Controls) > 0 {
			col.Add("Controls", "stage1-whole", "", "a stage 1 audit reviews all documented information; subsets are not used")
		}
		if !opts.Filter.IsZero() {
			col.Add("Filter", "stage1-whole", "", "a stage 1 audit reviews all documented information; filters are not used")
		}
		for i := range clauses {
			if clauses[i].documented != "" {
				sel.mark(i)
			}
		}
		for _, j := range sel.exclusions {
			if j != "" {
				sel.nExcluded++
			}
		}
		return sel
	}
	subset := len(opts.Clauses) > 0 || len(opts.Controls) > 0
	if opts.Kind == Special && !subset && opts.Filter.IsZero() {
		col.Add("Clauses", "special-needs-subset", "", "a special audit covers only what is named: give clauses, controls or a filter")
	}
	// Clauses.
	switch {
	case opts.Kind == Surveillance:
		for _, id := range surveillanceEssentials {
			sel.mark(clauseByID[id])
		}
	case opts.Kind.coversAll() && !subset:
		for _, i := range requirementIndex {
			sel.mark(i)
		}
	}
	seenClause := map[ClauseID]bool{}
	for i, id := range opts.Clauses {
		path := errs.Index("Clauses", i)
		c, err := LookupClause(string(id))
		switch {
		case err != nil:
			col.Add(path, ruleFor(err), string(id), "not a clause 4 to 10.2 of ISO/IEC 27001:2022")
			continue
		case c.c.id != id:
			col.Add(path, "canonical", string(id), "write the id as "+string(c.c.id))
			continue
		case seenClause[id]:
			col.Add(path, "unique", string(id), "the clause is named more than once")
			continue
		}
		seenClause[id] = true
		sel.markRequirements(c)
	}
	// Controls.
	m, ferr := opts.Filter.compile()
	col.Merge("Filter", "valid", ferr)
	var candidates [ControlCount]bool
	switch {
	case len(opts.Controls) > 0:
		for i, id := range opts.Controls {
			path := errs.Index("Controls", i)
			idx, err := controlIndex(string(id))
			switch {
			case err != nil:
				col.Add(path, ruleFor(err), string(id), "not an Annex A control of ISO/IEC 27001:2022")
			case catalogue[idx].id != id:
				col.Add(path, "canonical", string(id), "write the id as "+string(catalogue[idx].id))
			case candidates[idx]:
				col.Add(path, "unique", string(id), "the control is named more than once")
			case !applicable[idx]:
				col.Add(path, "not-applicable", string(id), "the SoA excludes this control")
			default:
				candidates[idx] = true
			}
		}
	case !opts.Filter.IsZero() || (opts.Kind.coversAll() && !subset):
		candidates = applicable
	}
	for i := range catalogue {
		if candidates[i] && (ferr != nil || m.match(&catalogue[i])) {
			sel.controls[i] = true
			sel.nControls++
		}
	}
	if ferr == nil && !opts.Filter.IsZero() && sel.nControls == 0 {
		col.Add("Filter", "matches-none", "", "no applicable control in the selection matches the filter")
	}
	if sel.nClauses == 0 && sel.nControls == 0 && col.Len() == 0 {
		col.Add("", "empty", "", "the options select nothing to audit")
	}
	return sel
}

func (s *selection) mark(i int) {
	if !s.clauses[i] {
		s.clauses[i] = true
		s.nClauses++
	}
}

// markRequirements marks c, or every requirement below it when c is a heading.
func (s *selection) markRequirements(c Clause) {
	if !c.HasSubclauses() {
		s.mark(clauseByID[c.c.id])
		return
	}
	prefix := string(c.c.id) + "."
	for i := range clauses {
		if strings.HasPrefix(string(clauses[i].id), prefix) && !(Clause{&clauses[i]}).HasSubclauses() {
			s.mark(i)
		}
	}
}

// Stage 1 wording, in this project's words.
var (
	soaQuestions = []string{
		"Does the SoA record a decision for every one of the 93 Annex A controls, with the implementation status of each applicable one?",
		"Does every inclusion and exclusion carry a justification that can be traced to the risk assessment and risk treatment?",
		"Is the SoA consistent with the risk treatment plan, versioned, and approved by the people who own the risks?",
	}
	soaEvidence = []string{
		"the approved SoA with its version and approval date",
		"the risk treatment plan",
		"results of the latest risk assessment",
	}
	exclusionEvidence = []string{
		"the SoA entry and its approval",
		"risk assessment results for the assets and processes the control would protect",
	}
	stage1Methods = []Method{MethodInterview, MethodDocumentReview}
)

// build lays out the selected items. The result's items share three
// backing arrays (strings, methods, items), so a full stage 2 checklist
// costs a handful of allocations however long it is.
func build(soa *SoA, kind AuditKind, sel *selection) *Checklist {
	nItems := sel.nClauses + sel.nControls
	nStrings, nMethods := 0, 0
	for i := range clauses {
		if sel.clauses[i] {
			nStrings += len(clauses[i].questions) + len(clauses[i].evidence)
			nMethods += bits.OnesCount8(uint8(clauses[i].methods))
			if sel.stage1 {
				nStrings++
			}
		}
	}
	for i := range catalogue {
		if sel.controls[i] {
			nStrings += len(catalogue[i].questions) + len(catalogue[i].evidence)
			nMethods += bits.OnesCount8(uint8(catalogue[i].methods))
		}
	}
	if sel.stage1 {
		nItems += 1 + sel.nExcluded
		nMethods = nItems * len(stage1Methods)
		nStrings += len(soaQuestions) + len(soaEvidence) + sel.nExcluded*(2+len(exclusionEvidence))
		if sel.nExcluded > 0 {
			nStrings++
		}
	}
	b := builder{
		items:   make([]Item, 0, nItems),
		strs:    make([]string, 0, nStrings),
		methods: make([]Method, 0, nMethods),
	}
	for i := range clauses {
		if !sel.clauses[i] {
			continue
		}
		c := &clauses[i]
		var first []string
		if sel.stage1 {
			first = []string{"Is the required documented information (" + c.documented + ") available, current, approved and controlled?"}
		}
		b.add(RefToClause(c.id), c.title, first, c.questions, c.evidence, c.methods, sel.stage1)
	}
	if sel.stage1 {
		var extra []string
		if sel.nExcluded > 0 {
			ids := make([]string, 0, sel.nExcluded)
			for i, j := range sel.exclusions {
				if j != "" {
					ids = append(ids, catalogue[i].id.Annex())
				}
			}
			extra = []string{fmt.Sprintf("The SoA excludes %d control(s) (%s): is each exclusion still justified?", sel.nExcluded, strings.Join(ids, ", "))}
		}
		b.add(RefToDocument(SoADocument), "Statement of Applicability", nil, append(soaQuestions[:len(soaQuestions):len(soaQuestions)], extra...), soaEvidence, 0, true)
		for i, j := range sel.exclusions {
			if j == "" {
				continue
			}
			c := &catalogue[i]
			qs := []string{
				"Does the justification recorded for excluding it still hold: " + quoteText(j) + "?",
				"Does any risk in the current risk assessment call for " + c.id.Annex() + " after all?",
			}
			b.add(RefToControl(c.id), "Exclusion: "+c.title, nil, qs, exclusionEvidence, 0, true)
		}
	}
	for i := range catalogue {
		if sel.controls[i] {
			c := &catalogue[i]
			b.add(RefToControl(c.id), c.title, nil, c.questions, c.evidence, c.methods, false)
		}
	}
	return &Checklist{Kind: kind, Organization: soa.Organization, SoAVersion: soa.Version, Items: b.items}
}

func quoteText(s string) string { return `"` + s + `"` }

var methodValues = methodSet.Values()

type builder struct {
	items   []Item
	strs    []string
	methods []Method
}

// add appends one item; its slices are full-capacity windows of the shared
// arrays so that appending to one never overwrites another.
func (b *builder) add(ref Ref, title string, first, questions, evidence []string, mm methodMask, stage1 bool) {
	q0 := len(b.strs)
	b.strs = append(b.strs, first...)
	b.strs = append(b.strs, questions...)
	q1 := len(b.strs)
	b.strs = append(b.strs, evidence...)
	e1 := len(b.strs)
	m0 := len(b.methods)
	if stage1 {
		b.methods = append(b.methods, stage1Methods...)
	} else {
		for i, m := range methodValues {
			if mm&(1<<i) != 0 {
				b.methods = append(b.methods, m)
			}
		}
	}
	m1 := len(b.methods)
	b.items = append(b.items, Item{
		Ref: ref, Title: title,
		Questions:     b.strs[q0:q1:q1],
		EvidenceHints: b.strs[q1:e1:e1],
		Methods:       b.methods[m0:m1:m1],
		Result:        NotAssessed,
	})
}

// Assessment is what an auditor records for one checklist item.
type Assessment struct {
	// Result is the conclusion; it must not be NotAssessed (use Reset).
	Result Result `json:"result" validate:"required,enum"`
	// Notes say what was found. Required for every result but Conforms.
	Notes string `json:"notes,omitempty"`
	// EvidenceRefs identify the evidence behind the result. Required for
	// Conforms and for nonconformities: a conclusion rests on evidence
	// (ISO 19011:2018 clause 4 e, 6.4.8).
	EvidenceRefs []ismsaudit.EvidenceID `json:"evidenceRefs,omitempty"`
}

// Assess records the auditor's conclusion for the item with the given
// reference. It refuses an unknown reference, an item already marked as not
// audited (Reset it first), and an assessment that breaks the evidence
// rules; on error the checklist is unchanged.
func (c *Checklist) Assess(ref Ref, a Assessment) error {
	col := errs.NewCollector("annexa", "assessment")
	i := c.find(ref)
	if i < 0 {
		col.Add("Ref", errs.RuleUnknown, ref.String(), "no checklist item has this reference")
		return col.Err()
	}
	validate.Struct(col, "", a)
	if a.Result == NotAssessed {
		col.Add("Result", "assessed", string(a.Result), "an assessment needs a conclusion; use Reset to clear one")
	}
	checkAssessment(col, "", a.Result, a.Notes, a.EvidenceRefs)
	if c.Items[i].NotAuditedReason != "" {
		col.Add("Ref", "marked-not-audited", ref.String(), "the item is recorded as not audited; Reset it first")
	}
	if err := col.Err(); err != nil {
		return err
	}
	it := &c.Items[i]
	it.Result, it.Notes, it.EvidenceRefs = a.Result, a.Notes, append([]ismsaudit.EvidenceID(nil), a.EvidenceRefs...)
	return nil
}

// checkAssessment applies the evidence rules to one result.
func checkAssessment(col *errs.Collector, path string, r Result, notes string, evidence []ismsaudit.EvidenceID) {
	switch {
	case r == NotAssessed || !r.IsValid():
		return
	case r != Conforms && strings.TrimSpace(notes) == "":
		col.Add(errs.JoinPath(path, "Notes"), "notes-required", "", "say what was found (or why the item does not apply)")
	}
	if (r == Conforms || r.IsNonconformity()) && len(evidence) == 0 {
		col.Add(errs.JoinPath(path, "EvidenceRefs"), "evidence-required", "", "a conformity or nonconformity rests on evidence (19011 6.4.8)")
	}
	for i, e := range evidence {
		if strings.TrimSpace(string(e)) == "" {
			col.Add(errs.Index(errs.JoinPath(path, "EvidenceRefs"), i), "required", "", "an evidence reference cannot be empty")
		}
	}
}

// MarkNotAudited records why a planned item was not audited (for example
// the area was unavailable). The item must not be assessed yet.
func (c *Checklist) MarkNotAudited(ref Ref, reason string) error {
	col := errs.NewCollector("annexa", "not-audited mark")
	i := c.find(ref)
	switch {
	case i < 0:
		col.Add("Ref", errs.RuleUnknown, ref.String(), "no checklist item has this reference")
	case c.Items[i].Result != NotAssessed:
		col.Add("Ref", "already-assessed", ref.String(), "the item already has a result; Reset it first")
	}
	if strings.TrimSpace(reason) == "" {
		col.Add("Reason", "required", "", "say why the item was not audited")
	}
	if err := col.Err(); err != nil {
		return err
	}
	c.Items[i].NotAuditedReason = reason
	return nil
}

// Reset returns an item to pending: no result, notes, evidence or reason.
func (c *Checklist) Reset(ref Ref) error {
	i := c.find(ref)
	if i < 0 {
		col := errs.NewCollector("annexa", "reset")
		col.Add("Ref", errs.RuleUnknown, ref.String(), "no checklist item has this reference")
		return col.Err()
	}
	it := &c.Items[i]
	it.Result, it.Notes, it.EvidenceRefs, it.NotAuditedReason = NotAssessed, "", nil, ""
	return nil
}

// Item returns a copy of the item with the given reference.
func (c *Checklist) Item(ref Ref) (Item, bool) {
	i := c.find(ref)
	if i < 0 {
		return Item{}, false
	}
	it := c.Items[i]
	it.Questions = append([]string(nil), it.Questions...)
	it.EvidenceHints = append([]string(nil), it.EvidenceHints...)
	it.Methods = append([]Method(nil), it.Methods...)
	it.EvidenceRefs = append([]ismsaudit.EvidenceID(nil), it.EvidenceRefs...)
	return it, true
}

func (c *Checklist) find(ref Ref) int {
	for i := range c.Items {
		if c.Items[i].Ref == ref {
			return i
		}
	}
	return -1
}

// Pending yields the items that have neither a result nor a reason why
// they were not audited, in checklist order.
func (c *Checklist) Pending() iter.Seq[Item] {
	return func(yield func(Item) bool) {
		for _, it := range c.Items {
			if it.Pending() && !yield(it) {
				return
			}
		}
	}
}

// ResultCount is how many items of a checklist have one result.
type ResultCount struct {
	Result Result `json:"result"`
	Count  int    `json:"count"`
}

// Tally counts the items per result, in canonical result order, listing
// every result (zero counts included); items not audited count apart.
func (c *Checklist) Tally() (counts []ResultCount, notAudited int) {
	counts = make([]ResultCount, resultSet.Len())
	for i, r := range resultSet.Values() {
		counts[i].Result = r
	}
	for _, it := range c.Items {
		if it.NotAuditedReason != "" {
			notAudited++
			continue
		}
		if i := resultSet.Index(it.Result); i >= 0 {
			counts[i].Count++
		}
	}
	return counts, notAudited
}

// Validate checks a checklist as a whole, for instance one decoded from
// another tool: a known kind; for each item a valid reference (known
// clause or control ids), a title, a valid result that obeys the evidence
// rules, a not-audited reason only on an unassessed item; no reference
// twice. Every problem is reported at once.
func (c *Checklist) Validate() error {
	col := errs.NewCollector("annexa", "checklist")
	if c == nil {
		col.Add("", "required", "", "no checklist given")
		return col.Err()
	}
	validate.Struct(col, "", c)
	seen := make(map[Ref]int, len(c.Items))
	for i, it := range c.Items {
		path := errs.Index("Items", i)
		it.Ref.check(col, path+".Ref")
		if j, dup := seen[it.Ref]; dup {
			col.Add(path+".Ref", "unique", it.Ref.String(), fmt.Sprintf("the same reference as Items[%d]", j))
		} else {
			seen[it.Ref] = i
		}
		if strings.TrimSpace(it.Title) == "" {
			col.Add(path+".Title", "required", "", "an item needs a title")
		}
		checkAssessment(col, path, it.Result, it.Notes, it.EvidenceRefs)
		if it.NotAuditedReason != "" && it.Result != NotAssessed {
			col.Add(path+".NotAuditedReason", "already-assessed", it.NotAuditedReason, "an assessed item cannot also be not audited")
		}
	}
	if len(c.Items) == 0 {
		col.Add("Items", "required", "", "a checklist needs at least one item")
	}
	return col.Err()
}

// ParseChecklist decodes a checklist from JSON strictly and validates it.
func ParseChecklist(data []byte) (*Checklist, error) {
	col := errs.NewCollector("annexa", "checklist")
	var c Checklist
	if !validate.JSON(col, data, &c) {
		return nil, col.Err()
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}
