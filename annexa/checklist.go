package annexa

import (
	"fmt"
	"math/bits"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

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

// Checklist is an ordered audit checklist built from the catalogue and a
// Statement of Applicability: requirement clauses in the standard's order,
// then documents, then Annex A controls in Annex A order.
type Checklist struct {
	// DocumentKind and FormatVersion are the document's envelope (see
	// ismsaudit.DocumentKind): ismsaudit.KindChecklist and the format version
	// the record was read or made in. The constructors and the decoder set
	// them; the library's operations neither read nor change them.
	DocumentKind  ismsaudit.DocumentKind  `json:"documentKind,omitempty"`
	FormatVersion ismsaudit.FormatVersion `json:"formatVersion,omitempty"`
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
//
// Clauses and Controls together name a subset, and a subset is the
// audit's scope: once either is given, the checklist covers the clauses
// and the controls named and nothing else. Naming only clauses gives a
// checklist without controls; naming only controls, one without
// requirement clauses. (A surveillance keeps its SurveillanceEssentials
// whatever is named.) Filter is not a subset but a narrowing of the
// controls: it keeps the matching ones among Controls, or, when Controls
// is empty, among every applicable control, and leaves the clauses alone.
// So Clauses with a Filter gives those clauses and the matching controls,
// and a Filter alone keeps every requirement of a kind that covers them
// all. NewChecklist says what each kind covers.
type ChecklistOptions struct {
	// Kind is the kind of audit; it is required.
	Kind AuditKind `json:"kind"`
	// Clauses names the requirement clauses to cover; a heading such as
	// "9" or "9.2" stands for its requirements. For a surveillance they
	// are covered besides the essentials.
	Clauses []ClauseID `json:"clauses,omitempty"`
	// Controls names the Annex A controls to cover; each must be
	// applicable.
	Controls []ControlID `json:"controls,omitempty"`
	// Filter keeps only the controls that match it: among Controls when
	// given, else among every applicable control.
	Filter Filter `json:"filter,omitzero"`
}

// The checklist rules: what NewChecklist asks of the options, cited in
// FieldError.Rule.
const (
	// RuleStage1Whole: a stage 1 checklist covers the whole documented
	// ISMS; no subset or filter.
	RuleStage1Whole ismsaudit.RuleID = "ANX-STAGE1-WHOLE"
	// RuleSpecialSubset: a special audit's checklist covers exactly what
	// is named, so something must be named.
	RuleSpecialSubset ismsaudit.RuleID = "ANX-SPECIAL-SUBSET"
	// RuleChecklistApplicable: a checklist audits only controls the SoA
	// includes.
	RuleChecklistApplicable ismsaudit.RuleID = "ANX-CHECKLIST-APPLICABLE"
	// RuleChecklistNotEmpty: the options select something, and a filter
	// keeps at least one control.
	RuleChecklistNotEmpty ismsaudit.RuleID = "ANX-CHECKLIST-NOT-EMPTY"
)

var checklistRules = []ismsaudit.Rule{
	{ID: RuleStage1Whole, Clause: "17021-1:9.3.1.2", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text:  "a stage 1 checklist reviews all documented information and the SoA's exclusions: no clause, control or filter subset",
		Basis: "project reading: stage 1 judges readiness from the whole documented ISMS"},
	{ID: RuleSpecialSubset, Clause: "17021-1:9.6.4", Principle: ismsaudit.PrincipleRiskBased,
		Text:  "a special audit's checklist covers exactly the clauses, controls or filter named for it, and something must be named",
		Basis: "project reading: a special audit has a given subject"},
	{ID: RuleChecklistApplicable, Clause: "19011:6.3.4; 27001:6.1.3 d", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text:  "a checklist audits only controls the Statement of Applicability includes; an excluded control is audited through its exclusion, at stage 1",
		Basis: "project reading"},
	{ID: RuleChecklistNotEmpty, Clause: "19011:6.3.4", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text:  "checklist options select something to audit, and a filter keeps at least one applicable control: nothing asked for is dropped unnoticed",
		Basis: "project rule"},
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
//     Controls, or both) replaces both with exactly what it names.
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
		col.Add("SoA", ismsaudit.RuleRequired, "", "a Statement of Applicability is required")
		return nil, col.Err()
	}
	if err := soa.Validate(); err != nil {
		col.Merge("SoA", ismsaudit.RuleShape, err)
		return nil, col.Err()
	}
	switch {
	case opts.Kind == "":
		col.Add("Kind", ismsaudit.RuleRequired, "", "say which kind of audit the checklist is for")
	case !opts.Kind.IsValid():
		col.Add("Kind", ismsaudit.RuleEnum, string(opts.Kind), "one of "+joinTokens(AuditKinds()))
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
			col.Add("Clauses", RuleStage1Whole, "", "a stage 1 audit reviews all documented information; subsets are not used")
		}
		if len(opts.Controls) > 0 {
			col.Add("Controls", RuleStage1Whole, "", "a stage 1 audit reviews all documented information; subsets are not used")
		}
		if !opts.Filter.IsZero() {
			col.Add("Filter", RuleStage1Whole, "", "a stage 1 audit reviews all documented information; filters are not used")
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
		col.Add("Clauses", RuleSpecialSubset, "", "a special audit covers only what is named: give clauses, controls or a filter")
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
			col.Add(path, ismsaudit.RuleFormat, string(id), "write the id as "+string(c.c.id))
			continue
		case seenClause[id]:
			col.Add(path, ismsaudit.RuleUnique, string(id), "the clause is named more than once")
			continue
		}
		seenClause[id] = true
		sel.markRequirements(c)
	}
	// Controls.
	m, ferr := opts.Filter.compile()
	col.Merge("Filter", ismsaudit.RuleShape, ferr)
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
				col.Add(path, ismsaudit.RuleFormat, string(id), "write the id as "+string(catalogue[idx].id))
			case candidates[idx]:
				col.Add(path, ismsaudit.RuleUnique, string(id), "the control is named more than once")
			case !applicable[idx]:
				col.Add(path, RuleChecklistApplicable, string(id), "the SoA excludes this control")
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
		col.Add("Filter", RuleChecklistNotEmpty, "", "no applicable control in the selection matches the filter")
	}
	if sel.nClauses == 0 && sel.nControls == 0 && col.Len() == 0 {
		col.Add("", RuleChecklistNotEmpty, "", "the options select nothing to audit")
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
	nItems, nStrings, nMethods := sel.sizes()
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
					ids = append(ids, "A."+string(catalogue[i].id))
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
				"Does any risk in the current risk assessment call for A." + string(c.id) + " after all?",
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
	return &Checklist{DocumentKind: ismsaudit.KindChecklist, FormatVersion: ismsaudit.KindChecklist.FormatVersion(), Kind: kind, Organization: soa.Organization, SoAVersion: soa.Version, Items: b.items}
}

// sizes counts what the selected items hold: items, strings (questions and
// evidence hints) and methods, so that build allocates each array once
// and exactly.
func (sel *selection) sizes() (nItems, nStrings, nMethods int) {
	nItems = sel.nClauses + sel.nControls
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
	return nItems, nStrings, nMethods
}

func quoteText(s string) string { return `"` + s + `"` }

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

// Validate checks a checklist as a whole, for instance one decoded from
// another tool: a known kind; for each item a valid reference (known
// clause or control ids), a title, a valid result that obeys the evidence
// rules, a not-audited reason only on an unassessed item; no reference
// twice. Every problem is reported at once.
func (c *Checklist) Validate() error {
	col := errs.NewCollector("annexa", "checklist")
	if c == nil {
		col.Add("", ismsaudit.RuleRequired, "", "no checklist given")
		return col.Err()
	}
	validate.Struct(col, "", c)
	seen := make(map[Ref]int, len(c.Items))
	for i, it := range c.Items {
		path := errs.Index("Items", i)
		it.Ref.check(col, path+".Ref")
		if j, dup := seen[it.Ref]; dup {
			col.Add(path+".Ref", ismsaudit.RuleUnique, it.Ref.String(), fmt.Sprintf("the same reference as Items[%d]", j))
		} else {
			seen[it.Ref] = i
		}
		if strings.TrimSpace(it.Title) == "" {
			col.Add(path+".Title", ismsaudit.RuleRequired, "", "an item needs a title")
		}
		checkAssessment(col, path, it.Result, it.Notes, it.EvidenceRefs)
		if it.NotAuditedReason != "" && it.Result != NotAssessed {
			col.Add(path+".NotAuditedReason", RuleItemOneOutcome, it.NotAuditedReason, "an assessed item cannot also be not audited")
		}
	}
	if len(c.Items) == 0 {
		col.Add("Items", ismsaudit.RuleRequired, "", "a checklist needs at least one item")
	}
	return col.Err()
}

// DecodeChecklist decodes a checklist from JSON strictly and validates it.
//
// It checks the document's envelope before anything else (see
// ismsaudit.Upgrade): a document of another kind is refused with an
// *ismsaudit.KindError, a newer format version with an
// *ismsaudit.VersionError, and a document of an older version is
// migrated first.
func DecodeChecklist(data []byte) (*Checklist, error) {
	data, err := validate.Upgrade(ismsaudit.KindChecklist, data)
	if err != nil {
		return nil, err
	}
	col := errs.NewCollector("annexa", "checklist")
	var c Checklist
	if !validate.JSON(col, data, &c) {
		return nil, col.Err()
	}
	// The envelope was checked and, for an older version, migrated (a
	// version 0 document is decoded as it is: see validate.Upgrade).
	c.DocumentKind, c.FormatVersion = ismsaudit.KindChecklist, ismsaudit.KindChecklist.FormatVersion()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}
