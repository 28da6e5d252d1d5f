package annexa

import (
	"iter"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// Result is what the auditor concluded for one checklist item (ISO
// 19011:2018 6.4.8: findings show conformity or nonconformity; observations
// and opportunities for improvement are recorded as the programme asks).
//
//ismsaudit:enum Results
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

// IsNonconformity reports whether r is a minor or major nonconformity.
func (r Result) IsNonconformity() bool { return r == MinorNonconformity || r == MajorNonconformity }

// Assessment is what an auditor records for one checklist item.
type Assessment struct {
	// Result is the conclusion; it must not be NotAssessed (use Reset).
	Result Result `json:"result" validate:"required,enum"`
	// Notes say what was found. Required for every result but Conforms.
	Notes string `json:"notes,omitempty"`
	// EvidenceRefs identify the evidence behind the result. Required for
	// Conforms and for nonconformities: a conclusion rests on evidence
	// (ISO 19011:2018 clause 4 f, 6.4.8).
	EvidenceRefs []ismsaudit.EvidenceID `json:"evidenceRefs,omitempty"`
}

// The assessment rules: what Checklist.Assess, Checklist.MarkNotAudited
// and Checklist.Validate ask of an item's outcome, cited in
// FieldError.Rule.
const (
	// RuleAssessmentEvidence: a conformity or nonconformity rests on
	// evidence references.
	RuleAssessmentEvidence ismsaudit.RuleID = "ANX-ASSESSMENT-EVIDENCE"
	// RuleAssessmentNotes: every result but a conformity says in notes
	// what was found, or why the item does not apply.
	RuleAssessmentNotes ismsaudit.RuleID = "ANX-ASSESSMENT-NOTES"
	// RuleItemOneOutcome: an item is either assessed or recorded as not
	// audited, never both; Reset clears one before the other is recorded.
	RuleItemOneOutcome ismsaudit.RuleID = "ANX-ITEM-ONE-OUTCOME"
)

var assessmentRules = []ismsaudit.Rule{
	{ID: RuleAssessmentEvidence, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "a conformity or nonconformity recorded on a checklist item rests on evidence references"},
	{ID: RuleAssessmentNotes, Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleFairPresentation,
		Text: "every result but a conformity says in notes what was found, or why the item does not apply"},
	{ID: RuleItemOneOutcome, Clause: "19011:6.4.8, 6.5.1", Principle: ismsaudit.PrincipleFairPresentation,
		Text:  "a checklist item is either assessed or recorded as not audited, never both; a result is not replaced without Reset",
		Basis: "project reading: an area not audited is reported as such, not as a result"},
}

// Assess records the auditor's conclusion for the item with the given
// reference. It refuses an unknown reference, an item already marked as not
// audited (Reset it first), and an assessment that breaks the evidence
// rules; on error the checklist is unchanged.
func (c *Checklist) Assess(ref Ref, a Assessment) error {
	col := errs.NewCollector("annexa", "assessment")
	i := c.find(ref)
	if i < 0 {
		col.Add("Ref", ismsaudit.RuleUnknown, ref.String(), "no checklist item has this reference")
		return col.Err()
	}
	validate.Struct(col, "", a)
	if a.Result == NotAssessed {
		col.Add("Result", ismsaudit.RuleRequired, string(a.Result), "an assessment needs a conclusion; use Reset to clear one")
	}
	checkAssessment(col, "", a.Result, a.Notes, a.EvidenceRefs)
	if c.Items[i].NotAuditedReason != "" {
		col.Add("Ref", RuleItemOneOutcome, ref.String(), "the item is recorded as not audited; Reset it first")
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
		col.Add(errs.JoinPath(path, "Notes"), RuleAssessmentNotes, "", "say what was found (or why the item does not apply)")
	}
	if (r == Conforms || r.IsNonconformity()) && len(evidence) == 0 {
		col.Add(errs.JoinPath(path, "EvidenceRefs"), RuleAssessmentEvidence, "", "a conformity or nonconformity rests on evidence (19011 6.4.8)")
	}
	for i, e := range evidence {
		if strings.TrimSpace(string(e)) == "" {
			col.Add(errs.Index(errs.JoinPath(path, "EvidenceRefs"), i), ismsaudit.RuleRequired, "", "an evidence reference cannot be empty")
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
		col.Add("Ref", ismsaudit.RuleUnknown, ref.String(), "no checklist item has this reference")
	case c.Items[i].Result != NotAssessed:
		col.Add("Ref", RuleItemOneOutcome, ref.String(), "the item already has a result; Reset it first")
	}
	if strings.TrimSpace(reason) == "" {
		col.Add("Reason", ismsaudit.RuleRequired, "", "say why the item was not audited")
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
		col.Add("Ref", ismsaudit.RuleUnknown, ref.String(), "no checklist item has this reference")
		return col.Err()
	}
	it := &c.Items[i]
	it.Result, it.Notes, it.EvidenceRefs, it.NotAuditedReason = NotAssessed, "", nil, ""
	return nil
}

// Pending reports whether the item has neither a result nor a reason why
// it was not audited.
func (it Item) Pending() bool { return it.Result == NotAssessed && it.NotAuditedReason == "" }

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
