package annexa

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Decision2013 is one row of a Statement of Applicability written against
// ISO/IEC 27001:2013: the same decision as Decision, for one of the 114
// controls of 2013.
type Decision2013 struct {
	// Control is the 2013 Annex A control decided on, canonical ("12.6.1").
	Control Control2013ID `json:"control"`
	// Applicability says whether the control is included or excluded.
	Applicability Applicability `json:"applicability"`
	// Bases say where the need for an included control comes from; empty
	// for an excluded one.
	Bases []InclusionBasis `json:"bases,omitempty"`
	// Justification says in words why the control is included or
	// excluded; required for both.
	Justification string `json:"justification"`
	// Status is how far an included control is implemented; empty for an
	// excluded one.
	Status ImplementationStatus `json:"status,omitempty"`
}

// CarryOutcome is what carrying a 2013 SoA to 2022 did for one 2022
// control (Carry2013).
//
//ismsaudit:enum CarryOutcomes
type CarryOutcome string

// The outcomes. Never reorder.
const (
	// CarryOne: the control has one 2013 predecessor, whose decision it
	// takes as it was (ISO/IEC 27002:2022 Table B.1).
	CarryOne CarryOutcome = "carried"
	// CarryMerged: the control merges several 2013 controls whose
	// decisions agree (all included or all excluded); it takes their
	// common decision, the bases of all, every distinct justification
	// and, when the statuses differ, the least implemented one.
	CarryMerged CarryOutcome = "merged"
	// CarryConflict: the control merges several 2013 controls of which
	// some were included and some excluded. It is left undecided: the
	// organisation decides it (27001:6.1.3 c, d).
	CarryConflict CarryOutcome = "conflict"
	// CarryNew: the control is new in 2022 (no predecessor). It is left
	// undecided: the organisation decides it (27001:6.1.3 c, d).
	CarryNew CarryOutcome = "new"
)

// Decided reports whether a control with this outcome was given a
// decision (CarryOne, CarryMerged) rather than left to the organisation.
func (o CarryOutcome) Decided() bool { return o == CarryOne || o == CarryMerged }

// CarriedControl is what carrying did for one 2022 control.
type CarriedControl struct {
	// Control is the 2022 control.
	Control ControlID `json:"control"`
	// Outcome says whether it was decided, and how, or why not.
	Outcome CarryOutcome `json:"outcome"`
	// From lists the 2013 controls it was carried from, in 2013 Annex A
	// order; empty for a new control.
	From []Control2013ID `json:"from,omitempty"`
	// Detail says in words what was done or what is left to decide.
	Detail string `json:"detail"`
}

// CarryReport lists what carrying a 2013 SoA to 2022 did for each of the
// 93 controls of 2022, in Annex A order.
type CarryReport struct {
	// Controls holds one entry per 2022 control, in Annex A order.
	Controls []CarriedControl `json:"controls"`
}

// Undecided returns the controls left undecided (CarryConflict,
// CarryNew), in Annex A order: the decisions the organisation still has to
// take with SoA.Include or SoA.Exclude before the SoA is complete.
func (r *CarryReport) Undecided() []ControlID {
	var out []ControlID
	for _, c := range r.Controls {
		if !c.Outcome.Decided() {
			out = append(out, c.Control)
		}
	}
	return out
}

// Count returns how many controls had the outcome.
func (r *CarryReport) Count(o CarryOutcome) int {
	n := 0
	for _, c := range r.Controls {
		if c.Outcome == o {
			n++
		}
	}
	return n
}

// Carry2013 carries a Statement of Applicability written against ISO/IEC
// 27001:2013 to 2022 through the edition map (ISO/IEC 27002:2022 Table
// B.1): a 2022 control with one predecessor takes its decision
// (CarryOne); one that merges several takes their decision when they agree
// (CarryMerged: the bases of all, each distinct justification prefixed
// with its 2013 control, and the least implemented status); one whose
// predecessors disagree (CarryConflict) and one new in 2022 (CarryNew) are
// left undecided, never decided for the organisation.
//
// The SoA returned holds the decided controls only, in Annex A order; when
// the report's Undecided is not empty it is incomplete, and Validate says
// so (RuleSoAComplete) until each is decided with Include or Exclude. The
// report says for each of the 93 controls what was done.
//
// The input is checked first: every one of the 114 controls of 2013 once,
// with canonical ids, each decision valid as SoA.Validate checks a 2022
// one. Every problem comes back in one *ismsaudit.ValidationError whose
// paths are "Decisions[i].Field" (value: the row's control id as written)
// and "Decisions" for a control not decided (value: its 2013 id); then
// there is no SoA and no report.
func Carry2013(organization, version string, decisions []Decision2013) (*SoA, *CarryReport, error) {
	col := errs.NewCollector("annexa", "2013 SoA")
	byIndex := make([]int, Control2013Count) // decision index + 1 per 2013 control
	for i, d := range decisions {
		p := decisionPath(i)
		if idx := checkDecision2013(col, p, d); idx >= 0 {
			if byIndex[idx] > 0 {
				col.Add(p("Control"), ismsaudit.RuleUnique, string(d.Control), "the control is decided more than once")
				continue
			}
			byIndex[idx] = i + 1
		}
	}
	for i, n := range byIndex {
		if n == 0 {
			col.Add("Decisions", RuleSoAComplete, string(controls2013[i].id), "every ISO/IEC 27001:2013 Annex A control must be decided")
		}
	}
	if err := col.Err(); err != nil {
		return nil, nil, err
	}
	s := &SoA{DocumentKind: ismsaudit.KindSoA, FormatVersion: ismsaudit.KindSoA.FormatVersion(), Organization: organization, Version: version, Decisions: make([]Decision, 0, ControlCount)}
	r := &CarryReport{Controls: make([]CarriedControl, 0, ControlCount)}
	for i := range catalogue {
		preds := predecessors2013[i]
		from := make([]Decision2013, len(preds))
		for j, id := range preds {
			from[j] = decisions[byIndex[control2013ByID[id]]-1]
		}
		d, entry := carry(catalogue[i].id, from)
		if len(preds) > 0 {
			entry.From = slices.Clone(preds)
		}
		r.Controls = append(r.Controls, entry)
		if entry.Outcome.Decided() {
			s.Decisions = append(s.Decisions, d)
		}
	}
	return s, r, nil
}

// carry decides one 2022 control from its predecessors' decisions.
func carry(id ControlID, from []Decision2013) (Decision, CarriedControl) {
	entry := CarriedControl{Control: id}
	switch {
	case len(from) == 0:
		entry.Outcome = CarryNew
		entry.Detail = "new in ISO/IEC 27001:2022: decide whether it applies"
		return Decision{}, entry
	case len(from) == 1:
		f := from[0]
		entry.Outcome = CarryOne
		entry.Detail = fmt.Sprintf("carried from A.%s (%s)", f.Control, f.Applicability)
		return Decision{Control: id, Applicability: f.Applicability, Bases: slices.Clone(f.Bases), Justification: f.Justification, Status: f.Status}, entry
	}
	a := from[0].Applicability
	for _, f := range from[1:] {
		if f.Applicability != a {
			entry.Outcome = CarryConflict
			var inc, exc []string
			for _, f := range from {
				if f.Applicability == Applicable {
					inc = append(inc, "A."+string(f.Control))
				} else {
					exc = append(exc, "A."+string(f.Control))
				}
			}
			entry.Detail = fmt.Sprintf("merges %s, included, and %s, excluded: decide whether it applies", strings.Join(inc, ", "), strings.Join(exc, ", "))
			return Decision{}, entry
		}
	}
	d := Decision{Control: id, Applicability: a}
	ids := make([]string, 0, len(from))
	var texts, parts []string // distinct justifications, and each with its control
	for _, f := range from {
		ids = append(ids, "A."+string(f.Control))
		for _, b := range f.Bases {
			if !slices.Contains(d.Bases, b) {
				d.Bases = append(d.Bases, b)
			}
		}
		if t := strings.TrimSpace(f.Justification); !slices.Contains(texts, t) {
			texts = append(texts, t)
			parts = append(parts, "A."+string(f.Control)+": "+t)
		}
		if a == Applicable && (d.Status == "" || f.Status.Compare(d.Status) < 0) {
			d.Status = f.Status
		}
	}
	slices.SortFunc(d.Bases, InclusionBasis.compare)
	d.Justification = from[0].Justification
	if len(texts) > 1 {
		d.Justification = strings.Join(parts, "; ")
	}
	entry.Outcome = CarryMerged
	entry.Detail = fmt.Sprintf("merged from %s, all %s", strings.Join(ids, ", "), a)
	if a == Applicable {
		for _, f := range from {
			if f.Status != d.Status {
				entry.Detail += fmt.Sprintf("; their statuses differ, the least implemented (%s) kept", d.Status)
				break
			}
		}
	}
	return d, entry
}

// compare orders bases as InclusionBases lists them.
func (b InclusionBasis) compare(c InclusionBasis) int {
	return slices.Index(inclusionBasisOrder, b) - slices.Index(inclusionBasisOrder, c)
}

var inclusionBasisOrder = slices.Collect(InclusionBases())

// checkDecision2013 reports the problems of one 2013 decision on its own,
// each with the decision's control id as its value, and returns the
// control's index among the 2013 controls, or -1 when the id is not a
// canonical 2013 id.
func checkDecision2013(col *errs.Collector, path func(string) string, d Decision2013) int {
	id := string(d.Control)
	idx, err := control2013Index(id)
	switch {
	case d.Control == "":
		col.Add(path("Control"), ismsaudit.RuleRequired, "", "a 2013 control id is required")
		idx = -1
	case err != nil:
		col.Add(path("Control"), ruleFor(err), id, "not an Annex A control of ISO/IEC 27001:2013")
		idx = -1
	case controls2013[idx].id != d.Control:
		col.Add(path("Control"), ismsaudit.RuleFormat, id, "write the id as "+string(controls2013[idx].id))
		idx = -1
	}
	switch d.Applicability {
	case Applicable:
		checkInclusion(col, path, id, d.Bases, d.Justification, d.Status)
	case Excluded:
		if blank(d.Justification) {
			col.Add(path("Justification"), RuleExclusionJustified, id, "say why the control is excluded")
		}
		if d.Status != "" {
			col.Add(path("Status"), RuleExclusionConsistent, id, "an excluded control has no implementation status")
		}
		if len(d.Bases) > 0 {
			col.Add(path("Bases"), RuleExclusionConsistent, id, "an excluded control has no inclusion basis")
		}
	case "":
		col.Add(path("Applicability"), ismsaudit.RuleRequired, id, "decide whether the control is applicable or excluded")
	default:
		col.Add(path("Applicability"), ismsaudit.RuleEnum, id, fmt.Sprintf("%q is not one of applicable, excluded", d.Applicability))
	}
	if d.Applicability != Applicable && d.Applicability != Excluded {
		// Undecided: only the shape of what is there.
		checkBases(col, path, id, d.Bases)
		if d.Status != "" && !d.Status.IsValid() {
			col.Add(path("Status"), ismsaudit.RuleEnum, id, statusDetail(d.Status))
		}
	}
	return idx
}
