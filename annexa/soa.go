package annexa

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// Applicability is the decision a Statement of Applicability records for
// one control (ISO/IEC 27001:2022 6.1.3 d).
//
//ismsaudit:enum Applicabilities
type Applicability string

// The decisions. Never reorder.
const (
	Applicable Applicability = "applicable" // the control is needed and included
	Excluded   Applicability = "excluded"   // the control is not needed; a justification says why
)

// ImplementationStatus says how far an applicable control is implemented
// (ISO/IEC 27001:2022 6.1.3 d asks the SoA to say whether it is).
//
//ismsaudit:enum ImplementationStatuses ordered
type ImplementationStatus string

// The statuses, from least to most implemented. Never reorder.
const (
	NotImplemented       ImplementationStatus = "not-implemented"       // needed but not in place (27001:6.1.3 d)
	Planned              ImplementationStatus = "planned"               // in the risk treatment plan, not started (27001:6.1.3 e)
	PartiallyImplemented ImplementationStatus = "partially-implemented" // in place for part of the scope or part of its intent
	Implemented          ImplementationStatus = "implemented"           // in place and operating (27001:6.1.3 d)
)

// InclusionBasis is where the need for an included control comes from.
// ISO/IEC 27001:2022 6.1.3 d asks the Statement of Applicability for the
// justification of each inclusion, not only of each exclusion; the bases
// are the sources organisations name for it, and the decision's
// Justification says the rest in words.
//
//ismsaudit:enum InclusionBases
type InclusionBasis string

// The inclusion bases. Never reorder.
const (
	// BasisRiskTreatment: the information security risk treatment chose
	// the control to treat a risk (27001:6.1.3 b, 6.1.3 d).
	BasisRiskTreatment InclusionBasis = "risk-treatment"
	// BasisLegalOrRegulatory: a law or regulation requires the control
	// (27001:6.1.3 d; a requirement of an interested party, 4.2 b).
	BasisLegalOrRegulatory InclusionBasis = "legal-or-regulatory-requirement"
	// BasisContractual: a contract, e.g. with a customer or supplier,
	// requires the control (27001:6.1.3 d; 4.2 b).
	BasisContractual InclusionBasis = "contractual-requirement"
	// BasisBusiness: the organisation's own business requirements or
	// policies call for the control (27001:6.1.3 d; 4.1).
	BasisBusiness InclusionBasis = "business-requirement"
)

// The SoA rules: what ISO/IEC 27001:2022 6.1.3 c and d ask of a
// Statement of Applicability. SoA.Validate, DecodeSoA, NewSoA,
// SoA.Include and SoA.Exclude cite them in FieldError.Rule.
const (
	// RuleSoAComplete: every Annex A control is decided, once.
	RuleSoAComplete ismsaudit.RuleID = "ANX-SOA-COMPLETE"
	// RuleInclusionJustified: an included control says why, with at least
	// one basis and a justification that is not blank.
	RuleInclusionJustified ismsaudit.RuleID = "ANX-INCLUSION-JUSTIFIED"
	// RuleExclusionJustified: an excluded control says why, with a
	// justification that is not blank.
	RuleExclusionJustified ismsaudit.RuleID = "ANX-EXCLUSION-JUSTIFIED"
	// RuleExclusionConsistent: an excluded control carries neither an
	// implementation status nor an inclusion basis.
	RuleExclusionConsistent ismsaudit.RuleID = "ANX-EXCLUSION-CONSISTENT"
)

var soaRules = []ismsaudit.Rule{
	{ID: RuleSoAComplete, Clause: "27001:6.1.3 c, 6.1.3 d", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "the Statement of Applicability decides every Annex A control, each once, so that no necessary control is omitted"},
	{ID: RuleInclusionJustified, Clause: "27001:6.1.3 d", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "each included control carries the justification of its inclusion: at least one basis (risk treatment, legal or regulatory, contractual or business requirement) and words that are not blank"},
	{ID: RuleExclusionJustified, Clause: "27001:6.1.3 d", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "each excluded Annex A control carries the justification of its exclusion, in words that are not blank"},
	{ID: RuleExclusionConsistent, Clause: "27001:6.1.3 d", Principle: ismsaudit.PrincipleFairPresentation,
		Text:  "an excluded control states no implementation status and no inclusion basis",
		Basis: "project reading: the status and the bases belong to included controls"},
}

// Decision is one row of a Statement of Applicability.
type Decision struct {
	// Control is the Annex A control decided on.
	Control ControlID `json:"control"`
	// Applicability says whether the control is included or excluded.
	Applicability Applicability `json:"applicability"`
	// Bases say where the need for an included control comes from: one
	// or more, each once (27001:6.1.3 d). Empty for an excluded control.
	Bases []InclusionBasis `json:"bases,omitempty"`
	// Justification says in words why the control is included (the
	// risks it treats, the law or contract that requires it...) or why it
	// is excluded. Required for both, and not only white space.
	Justification string `json:"justification"`
	// Status is how far an included control is implemented; empty for an
	// excluded one.
	Status ImplementationStatus `json:"status,omitempty"`
}

// Inclusion is why and how far a control is included: the default NewSoA
// gives every control, or what SoA.Include records for one.
type Inclusion struct {
	// Bases say where the need for the control comes from: one or more,
	// each once.
	Bases []InclusionBasis `json:"bases"`
	// Justification says why in words; it must not be blank.
	Justification string `json:"justification"`
	// Status is how far the control is implemented.
	Status ImplementationStatus `json:"status"`
}

// SoA is a Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d): one
// decision for each of the 93 Annex A controls, each justified. Build one
// with NewSoA, Include and Exclude, or decode one with DecodeSoA; Validate
// says what is wrong with it.
type SoA struct {
	// DocumentKind and FormatVersion are the document's envelope (see
	// ismsaudit.DocumentKind): ismsaudit.KindSoA and the format version
	// the record was read or made in. The constructors and the decoder set
	// them; the library's operations neither read nor change them.
	DocumentKind  ismsaudit.DocumentKind  `json:"documentKind,omitempty"`
	FormatVersion ismsaudit.FormatVersion `json:"formatVersion,omitempty"`
	// Organization names the organization the SoA belongs to.
	Organization string `json:"organization,omitempty"`
	// Version identifies the SoA's revision, as the organization labels it.
	Version string `json:"version,omitempty"`
	// Decisions holds one decision per control, in any order.
	Decisions []Decision `json:"decisions"`
}

// NewSoA returns an SoA that includes every Annex A control, in Annex A
// order, with the default inclusion all: its bases, justification and
// status. Include gives a control its own, Exclude excludes one. An
// invalid default is refused, with a *ismsaudit.ValidationError whose
// paths are "Bases", "Justification" and "Status", and no SoA.
func NewSoA(organization string, all Inclusion) (*SoA, error) {
	col := errs.NewCollector("annexa", "default inclusion")
	checkInclusion(col, func(field string) string { return field }, "", all.Bases, all.Justification, all.Status)
	if err := col.Err(); err != nil {
		return nil, err
	}
	s := &SoA{DocumentKind: ismsaudit.KindSoA, FormatVersion: ismsaudit.KindSoA.FormatVersion(), Organization: organization, Decisions: make([]Decision, len(catalogue))}
	n := len(all.Bases)
	bases := make([]InclusionBasis, 0, n*len(catalogue))
	for i := range catalogue {
		bases = append(bases, all.Bases...)
		s.Decisions[i] = Decision{
			Control:       catalogue[i].id,
			Applicability: Applicable,
			Bases:         bases[i*n : (i+1)*n : (i+1)*n],
			Justification: all.Justification,
			Status:        all.Status,
		}
	}
	return s, nil
}

// DecodeSoA decodes an SoA from JSON strictly (unknown fields, trailing data
// and wrong types are refused, 2013-style "A.5.1" ids are canonicalised) and
// validates it. Every problem comes back as one *ismsaudit.ValidationError,
// as from Validate.
//
// It checks the document's envelope before anything else (see
// ismsaudit.Upgrade): a document of another kind is refused with an
// *ismsaudit.KindError, a newer format version with an
// *ismsaudit.VersionError, and a document of an older version is
// migrated first.
func DecodeSoA(data []byte) (*SoA, error) {
	data, err := validate.Upgrade(ismsaudit.KindSoA, data)
	if err != nil {
		return nil, err
	}
	col := errs.NewCollector("annexa", "SoA")
	var s SoA
	if !validate.JSON(col, data, &s) {
		return nil, col.Err()
	}
	// The envelope was checked and, for an older version, migrated (a
	// version 0 document is decoded as it is: see validate.Upgrade).
	s.DocumentKind, s.FormatVersion = ismsaudit.KindSoA, ismsaudit.KindSoA.FormatVersion()
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// Validate reports every problem at once: unknown or malformed control ids,
// controls decided twice or not at all (RuleSoAComplete), invalid
// decisions, statuses or bases, inclusions without a basis or a
// justification (RuleInclusionJustified), exclusions without a
// justification (RuleExclusionJustified), and exclusions that carry a
// status or a basis (RuleExclusionConsistent).
//
// Every problem with one control's decision names the control: its
// FieldError.Path locates the field ("Decisions[5].Justification") and its
// FieldError.Value is the decision's control id, canonical ("5.6") or, when
// it is not one, as written. A control not decided at all has the path
// "Decisions" and its id as the value. NewSoA, Include, Exclude and
// DecodeSoA follow the same convention.
func (s *SoA) Validate() error {
	col := errs.NewCollector("annexa", "SoA")
	if s == nil {
		col.Add("", ismsaudit.RuleRequired, "", "no SoA given")
		return col.Err()
	}
	var decided [ControlCount]bool
	for i, d := range s.Decisions {
		p := decisionPath(i)
		if idx := checkDecision(col, p, d); idx >= 0 {
			if decided[idx] {
				col.Add(p("Control"), ismsaudit.RuleUnique, string(d.Control), "the control is decided more than once")
			}
			decided[idx] = true
		}
	}
	for i, ok := range decided {
		if !ok {
			col.Add("Decisions", RuleSoAComplete, string(catalogue[i].id), "every Annex A control must be decided (27001 6.1.3 c, d)")
		}
	}
	return col.Err()
}

// decisionPath returns a function that renders the path of a field of
// Decisions[i], formatting only when a problem is reported.
func decisionPath(i int) func(field string) string {
	return func(field string) string { return errs.Index("Decisions", i) + "." + field }
}

// checkDecision reports the problems of one decision on its own, each
// with the decision's control id as its value, and returns the control's
// catalogue index, or -1 when the id is not a canonical id.
func checkDecision(col *errs.Collector, path func(string) string, d Decision) int {
	id := string(d.Control)
	idx, err := controlIndex(id)
	switch {
	case d.Control == "":
		col.Add(path("Control"), ismsaudit.RuleRequired, "", "a control id is required")
		idx = -1
	case err != nil:
		col.Add(path("Control"), ruleFor(err), id, "not an Annex A control of ISO/IEC 27001:2022")
		idx = -1
	case catalogue[idx].id != d.Control:
		col.Add(path("Control"), ismsaudit.RuleFormat, id, "write the id as "+string(catalogue[idx].id))
		idx = -1
	}
	switch d.Applicability {
	case Applicable:
		checkInclusion(col, path, id, d.Bases, d.Justification, d.Status)
		return idx
	case Excluded:
		if blank(d.Justification) {
			col.Add(path("Justification"), RuleExclusionJustified, id, "say why the control is excluded (27001 6.1.3 d)")
		}
		if d.Status != "" {
			col.Add(path("Status"), RuleExclusionConsistent, id, "an excluded control has no implementation status")
		}
		if len(d.Bases) > 0 {
			col.Add(path("Bases"), RuleExclusionConsistent, id, "an excluded control has no inclusion basis")
		}
		return idx
	case "":
		col.Add(path("Applicability"), ismsaudit.RuleRequired, id, "decide whether the control is applicable or excluded")
	default:
		col.Add(path("Applicability"), ismsaudit.RuleEnum, id, fmt.Sprintf("%q is not one of applicable, excluded", d.Applicability))
	}
	// Undecided: only the shape of what is there.
	checkBases(col, path, id, d.Bases)
	if d.Status != "" && !d.Status.IsValid() {
		col.Add(path("Status"), ismsaudit.RuleEnum, id, statusDetail(d.Status))
	}
	return idx
}

// checkInclusion reports what is wrong with the justification and status
// of an included control; id is the problems' value.
func checkInclusion(col *errs.Collector, path func(string) string, id string, bases []InclusionBasis, justification string, status ImplementationStatus) {
	if len(bases) == 0 {
		col.Add(path("Bases"), RuleInclusionJustified, id, "say where the need for the control comes from: risk treatment, legal or regulatory, contractual or business requirement (27001 6.1.3 d)")
	}
	checkBases(col, path, id, bases)
	if blank(justification) {
		col.Add(path("Justification"), RuleInclusionJustified, id, "say why the control is included (27001 6.1.3 d)")
	}
	switch {
	case status == "":
		col.Add(path("Status"), ismsaudit.RuleRequired, id, "an included control needs an implementation status (27001 6.1.3 d)")
	case !status.IsValid():
		col.Add(path("Status"), ismsaudit.RuleEnum, id, statusDetail(status))
	}
}

// checkBases reports bases that are not valid or repeat.
func checkBases(col *errs.Collector, path func(string) string, id string, bases []InclusionBasis) {
	for i, b := range bases {
		switch {
		case !b.IsValid():
			col.Add(path(errs.Index("Bases", i)), ismsaudit.RuleEnum, id, fmt.Sprintf("%q is not one of %s", b, joinTokens(InclusionBases())))
		case slices.Contains(bases[:i], b):
			col.Add(path(errs.Index("Bases", i)), ismsaudit.RuleUnique, id, fmt.Sprintf("%q is given more than once", b))
		}
	}
}

func statusDetail(s ImplementationStatus) string {
	return fmt.Sprintf("%q is not one of %s", s, joinTokens(ImplementationStatuses()))
}

// blank reports whether s is empty or only white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// Decision returns a copy of the decision for a control, given in any
// form ParseControlID accepts; none for a nil SoA.
func (s *SoA) Decision(id ControlID) (Decision, bool) {
	c, err := ParseControlID(string(id))
	if err != nil || s == nil {
		return Decision{}, false
	}
	for _, d := range s.Decisions {
		if d.Control == c {
			d.Bases = slices.Clone(d.Bases)
			return d, true
		}
	}
	return Decision{}, false
}

// Include records that a control is included, with its own bases,
// justification and status, replacing its decision (for instance the
// default NewSoA gave it). id may be in any form ParseControlID accepts;
// it is stored canonical. The decision is checked on its own; on error the
// SoA is unchanged. On a nil SoA it records nothing and reports the SoA
// as required.
func (s *SoA) Include(id ControlID, in Inclusion) error {
	return s.set(Decision{Control: id, Applicability: Applicable, Bases: slices.Clone(in.Bases), Justification: in.Justification, Status: in.Status})
}

// Exclude records that a control is excluded, with the justification for
// its exclusion, replacing its decision. id may be in any form
// ParseControlID accepts; it is stored canonical. On error the SoA is
// unchanged. On a nil SoA it records nothing and reports the SoA as
// required.
func (s *SoA) Exclude(id ControlID, justification string) error {
	return s.set(Decision{Control: id, Applicability: Excluded, Justification: justification})
}

// set checks d on its own and records it, replacing the decision for the
// same control.
func (s *SoA) set(d Decision) error {
	if s == nil {
		col := errs.NewCollector("annexa", "SoA")
		col.Add("", ismsaudit.RuleRequired, "", "no SoA given")
		return col.Err()
	}
	col := errs.NewCollector("annexa", "decision")
	if c, err := ParseControlID(string(d.Control)); err == nil {
		d.Control = c
	}
	checkDecision(col, func(field string) string { return field }, d)
	if err := col.Err(); err != nil {
		return err
	}
	for i := range s.Decisions {
		if s.Decisions[i].Control == d.Control {
			s.Decisions[i] = d
			return nil
		}
	}
	s.Decisions = append(s.Decisions, d)
	return nil
}

// Applicable yields the applicable controls in Annex A order; none for a
// nil SoA.
func (s *SoA) Applicable() iter.Seq[Control] { return s.with(Applicable) }

// Excluded yields the excluded controls in Annex A order; none for a nil
// SoA.
func (s *SoA) Excluded() iter.Seq[Control] { return s.with(Excluded) }

func (s *SoA) with(a Applicability) iter.Seq[Control] {
	return func(yield func(Control) bool) {
		if s == nil {
			return
		}
		var pick [ControlCount]bool
		for _, d := range s.Decisions {
			if i, err := controlIndex(string(d.Control)); err == nil && d.Applicability == a {
				pick[i] = true
			}
		}
		for i := range catalogue {
			if pick[i] && !yield(Control{&catalogue[i]}) {
				return
			}
		}
	}
}

// Sorted returns a deep copy of the SoA with its decisions in Annex A
// order (ids not in the catalogue first, by text); nil for a nil SoA.
func (s *SoA) Sorted() *SoA {
	if s == nil {
		return nil
	}
	out := *s
	out.Decisions = slices.Clone(s.Decisions)
	for i := range out.Decisions {
		out.Decisions[i].Bases = slices.Clone(out.Decisions[i].Bases)
	}
	slices.SortStableFunc(out.Decisions, func(a, b Decision) int { return a.Control.Compare(b.Control) })
	return &out
}
