package annexa

import (
	"iter"
	"slices"

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
	NotImplemented       ImplementationStatus = "not-implemented"
	Planned              ImplementationStatus = "planned"
	PartiallyImplemented ImplementationStatus = "partially-implemented"
	Implemented          ImplementationStatus = "implemented"
)

// Decision is one row of a Statement of Applicability.
type Decision struct {
	// Control is the Annex A control decided on.
	Control ControlID `json:"control"`
	// Applicability says whether the control is included or excluded.
	Applicability Applicability `json:"applicability"`
	// Justification says why the control is included or excluded; it is
	// required for an exclusion.
	Justification string `json:"justification,omitempty"`
	// Status is how far an applicable control is implemented; it must be
	// empty for an excluded one.
	Status ImplementationStatus `json:"status,omitempty"`
}

// SoA is a Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d): one
// decision for each of the 93 Annex A controls. Build one with NewSoA and
// Exclude, or decode one with DecodeSoA; Validate says what is wrong with it.
type SoA struct {
	// Organization names the organization the SoA belongs to.
	Organization string `json:"organization,omitempty"`
	// Version identifies the SoA's revision, as the organization labels it.
	Version string `json:"version,omitempty"`
	// Decisions holds one decision per control, in any order.
	Decisions []Decision `json:"decisions"`
}

// NewSoA returns an SoA that declares every control applicable with the
// given implementation status, in Annex A order; exclude controls with
// Exclude. An invalid status is reported by Validate.
func NewSoA(organization string, status ImplementationStatus) *SoA {
	s := &SoA{Organization: organization, Decisions: make([]Decision, len(catalogue))}
	for i := range catalogue {
		s.Decisions[i] = Decision{Control: catalogue[i].id, Applicability: Applicable, Status: status}
	}
	return s
}

// DecodeSoA decodes an SoA from JSON strictly (unknown fields, trailing data
// and wrong types are refused, 2013-style "A.5.1" ids are canonicalised) and
// validates it. Every problem comes back as one *ismsaudit.ValidationError.
func DecodeSoA(data []byte) (*SoA, error) {
	col := errs.NewCollector("annexa", "SoA")
	var s SoA
	if !validate.JSON(col, data, &s) {
		return nil, col.Err()
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// Validate reports every problem at once: unknown or malformed control ids,
// controls decided twice, controls not decided (all 93 must be), invalid
// decisions or statuses, exclusions without a justification, and excluded
// controls that carry an implementation status.
func (s *SoA) Validate() error {
	col := errs.NewCollector("annexa", "SoA")
	if s == nil {
		col.Add("", "required", "", "no SoA given")
		return col.Err()
	}
	var decided [ControlCount]bool
	for i, d := range s.Decisions {
		p := decisionPath(i)
		if idx := checkDecision(col, p, d); idx >= 0 {
			if decided[idx] {
				col.Add(p("Control"), "unique", string(d.Control), "the control is decided more than once")
			}
			decided[idx] = true
		}
	}
	for i, ok := range decided {
		if !ok {
			col.Add("Decisions", "decision-missing", string(catalogue[i].id), "every Annex A control must be decided")
		}
	}
	return col.Err()
}

// decisionPath returns a function that renders the path of a field of
// Decisions[i], formatting only when a problem is reported.
func decisionPath(i int) func(field string) string {
	return func(field string) string { return errs.Index("Decisions", i) + "." + field }
}

// checkDecision reports the problems of one decision on its own and returns
// its catalogue index, or -1 when the control id is not a canonical id.
func checkDecision(col *errs.Collector, path func(string) string, d Decision) int {
	idx, err := controlIndex(string(d.Control))
	switch {
	case d.Control == "":
		col.Add(path("Control"), "required", "", "a control id is required")
		idx = -1
	case err != nil:
		col.Add(path("Control"), ruleFor(err), string(d.Control), "not an Annex A control of ISO/IEC 27001:2022")
		idx = -1
	case catalogue[idx].id != d.Control:
		col.Add(path("Control"), "canonical", string(d.Control), "write the id as "+string(catalogue[idx].id))
		idx = -1
	}
	switch d.Applicability {
	case Excluded:
		if d.Justification == "" {
			col.Add(path("Justification"), "justification-required", "", "an excluded control needs a justification (27001 6.1.3 d)")
		}
		if d.Status != "" {
			col.Add(path("Status"), "excluded-without-status", string(d.Status), "an excluded control has no implementation status")
		}
		return idx
	case Applicable:
	case "":
		col.Add(path("Applicability"), "required", "", "decide whether the control is applicable or excluded")
	default:
		col.Add(path("Applicability"), "enum", string(d.Applicability), "one of applicable, excluded")
	}
	switch {
	case d.Status == "" && d.Applicability == Applicable:
		col.Add(path("Status"), "required", "", "an applicable control needs an implementation status")
	case d.Status != "" && !d.Status.IsValid():
		col.Add(path("Status"), "enum", string(d.Status), "one of not-implemented, planned, partially-implemented, implemented")
	}
	return idx
}

// Decision returns the decision for a control (any accepted id form).
func (s *SoA) Decision(id string) (Decision, bool) {
	c, err := ParseControlID(id)
	if err != nil || s == nil {
		return Decision{}, false
	}
	for _, d := range s.Decisions {
		if d.Control == c {
			return d, true
		}
	}
	return Decision{}, false
}

// Set records a decision, replacing the one for the same control (any
// accepted id form; it is stored canonical). The decision is checked on its
// own (known id, valid values, justification for an exclusion); on error
// the SoA is unchanged.
func (s *SoA) Set(d Decision) error {
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

// Exclude records that control id is excluded, for the given reason.
func (s *SoA) Exclude(id, justification string) error {
	return s.Set(Decision{Control: ControlID(id), Applicability: Excluded, Justification: justification})
}

// IsApplicable reports whether the SoA declares the control applicable.
func (s *SoA) IsApplicable(id ControlID) bool {
	d, ok := s.Decision(string(id))
	return ok && d.Applicability == Applicable
}

// Applicable yields the applicable controls in Annex A order.
func (s *SoA) Applicable() iter.Seq[Control] { return s.with(Applicable) }

// Excluded yields the excluded controls in Annex A order.
func (s *SoA) Excluded() iter.Seq[Control] { return s.with(Excluded) }

func (s *SoA) with(a Applicability) iter.Seq[Control] {
	return func(yield func(Control) bool) {
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

// Sorted returns a copy of the SoA with its decisions in Annex A order
// (ids not in the catalogue first, by text).
func (s *SoA) Sorted() *SoA {
	out := *s
	out.Decisions = slices.Clone(s.Decisions)
	slices.SortStableFunc(out.Decisions, func(a, b Decision) int { return a.Control.Compare(b.Control) })
	return &out
}
