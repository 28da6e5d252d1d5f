package audit

import (
	"slices"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// ComparedFinding is one nonconformity in a Comparison.
type ComparedFinding struct {
	// Finding is the nonconformity's id in the audit it belongs to: the
	// current audit for New and Recurring, the previous one for Resolved
	// and Unassessed.
	Finding FindingID `json:"finding"`
	Grade   Grade     `json:"grade"`
	// Criteria are the criteria the entry is about: for Recurring, those
	// cited again; otherwise all the finding cites.
	Criteria []annexa.Ref `json:"criteria"`
	// Related are findings of the other audit on the same criteria: for
	// Recurring, the previous nonconformities; for New, previous findings
	// of other kinds (an observation, say, that has become a
	// nonconformity); empty otherwise.
	Related []FindingID `json:"related,omitempty"`
}

// Comparison sets the nonconformities of an audit against those of a
// previous audit of the same auditee. Only standing nonconformities count
// (Finding.Standing). Entries are in record order.
type Comparison struct {
	Previous ismsaudit.AuditID `json:"previous"`
	Current  ismsaudit.AuditID `json:"current"`
	Auditee  string            `json:"auditee"`
	// New are current nonconformities none of whose criteria had a
	// nonconformity in the previous audit.
	New []ComparedFinding `json:"new,omitempty"`
	// Recurring are current nonconformities citing a criterion a previous
	// nonconformity cited too.
	Recurring []ComparedFinding `json:"recurring,omitempty"`
	// Resolved are previous nonconformities none of whose criteria has a
	// nonconformity now, and which the current plan covers.
	Resolved []ComparedFinding `json:"resolved,omitempty"`
	// Unassessed are previous nonconformities with no nonconformity now on
	// their criteria, some of which the current audit's plan does not
	// cover (or it has no plan): whether they are resolved is not known.
	Unassessed []ComparedFinding `json:"unassessed,omitempty"`
}

// FocusItem is a criterion a follow-up audit should look at again: the
// previous audit's standing nonconformities on it.
type FocusItem struct {
	Criterion annexa.Ref `json:"criterion"`
	// Findings are the previous nonconformities citing it, in record
	// order.
	Findings []FindingID `json:"findings"`
	// Grade is the most severe of their grades.
	Grade Grade `json:"grade"`
	// Open reports that some of them has no follow-up verified effective.
	Open bool `json:"open"`
}

// The rules of compare.
const (
	RuleBaselinePresented ismsaudit.RuleID = "AUD-BASELINE-PRESENTED"
)

var compareRules = []ismsaudit.Rule{
	{ID: RuleBaselinePresented, Clause: "19011:6.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a follow-up audit builds on a previous audit of the same auditee whose findings were presented"},
}

// Compare sets current's standing nonconformities against previous's
// (19011 6.7: follow-up verified in a subsequent audit). Both audits must
// be given and have the same auditee; otherwise a *ismsaudit.ValidationError.
func Compare(previous, current *Audit) (Comparison, error) {
	ch := &checker{subject: "comparison"}
	switch {
	case previous == nil:
		ch.add("Previous", "required", "", "the previous audit")
	case current == nil:
		ch.add("Current", "required", "", "the current audit")
	case previous.Auditee != current.Auditee:
		ch.add("Current.Auditee", "same-auditee", current.Auditee, "the previous audit is of "+previous.Auditee)
	}
	if err := ch.err(); err != nil {
		return Comparison{}, err
	}
	out := Comparison{Previous: previous.ID, Current: current.ID, Auditee: current.Auditee}

	// Previous findings by criterion: nonconformities and other kinds;
	// and where each finding stands in the record, to order related ids.
	prevNC := map[annexa.Ref][]FindingID{}
	prevOther := map[annexa.Ref][]FindingID{}
	pos := make(map[FindingID]int, len(previous.Findings))
	for i := range previous.Findings {
		f := &previous.Findings[i]
		if _, dup := pos[f.ID]; !dup {
			pos[f.ID] = i
		}
		if !f.Standing() {
			continue
		}
		for _, ref := range f.Criteria {
			if f.Kind == Nonconformity {
				prevNC[ref] = appendFindingID(prevNC[ref], f.ID)
			} else {
				prevOther[ref] = appendFindingID(prevOther[ref], f.ID)
			}
		}
	}
	nowNC := map[annexa.Ref]bool{}
	for i := range current.Findings {
		f := &current.Findings[i]
		if f.Kind != Nonconformity || !f.Standing() {
			continue
		}
		var again []annexa.Ref
		var related, earlier []FindingID
		for _, ref := range f.Criteria {
			nowNC[ref] = true
			if ids := prevNC[ref]; len(ids) > 0 {
				again = append(again, ref)
				for _, id := range ids {
					related = appendFindingID(related, id)
				}
			}
			for _, id := range prevOther[ref] {
				earlier = appendFindingID(earlier, id)
			}
		}
		if len(again) > 0 {
			out.Recurring = append(out.Recurring, ComparedFinding{Finding: f.ID, Grade: f.Grade, Criteria: again, Related: findingsInRecordOrder(pos, related)})
		} else {
			out.New = append(out.New, ComparedFinding{Finding: f.ID, Grade: f.Grade, Criteria: slices.Clone(f.Criteria), Related: findingsInRecordOrder(pos, earlier)})
		}
	}
	for i := range previous.Findings {
		f := &previous.Findings[i]
		if f.Kind != Nonconformity || !f.Standing() || slices.ContainsFunc(f.Criteria, func(r annexa.Ref) bool { return nowNC[r] }) {
			continue
		}
		entry := ComparedFinding{Finding: f.ID, Grade: f.Grade, Criteria: slices.Clone(f.Criteria)}
		covered := !slices.ContainsFunc(f.Criteria, func(r annexa.Ref) bool { return !planHasCriterion(current.Plan, r) })
		if covered {
			out.Resolved = append(out.Resolved, entry)
		} else {
			out.Unassessed = append(out.Unassessed, entry)
		}
	}
	return out, nil
}

// appendFindingID appends id unless ids holds it already.
func appendFindingID(ids []FindingID, id FindingID) []FindingID {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// findingsInRecordOrder orders ids by their position in the record.
func findingsInRecordOrder(pos map[FindingID]int, ids []FindingID) []FindingID {
	if len(ids) < 2 {
		return ids
	}
	slices.SortStableFunc(ids, func(x, y FindingID) int { return pos[x] - pos[y] })
	return ids
}

// BaselineFocus lists the criteria of a's standing nonconformities, for a
// follow-up audit that takes a as its baseline: open ones (some follow-up
// not verified effective) first, then the others, each group in the order
// the criteria are first cited. The criteria can go straight into the new
// audit's plan (PlanContent.Criteria) and its checklist.
func (a *Audit) BaselineFocus() []FocusItem {
	var items []FocusItem
	at := map[annexa.Ref]int{}
	for i := range a.Findings {
		f := &a.Findings[i]
		if f.Kind != Nonconformity || !f.Standing() {
			continue
		}
		j := a.followUpAt(f.ID)
		open := j < 0 || a.FollowUps[j].State != FollowUpClosed
		for _, ref := range f.Criteria {
			k, ok := at[ref]
			if !ok {
				k = len(items)
				at[ref] = k
				items = append(items, FocusItem{Criterion: ref})
			}
			it := &items[k]
			it.Findings = appendFindingID(it.Findings, f.ID)
			if f.Grade.Compare(it.Grade) > 0 {
				it.Grade = f.Grade
			}
			it.Open = it.Open || open
		}
	}
	slices.SortStableFunc(items, func(x, y FocusItem) int {
		switch {
		case x.Open == y.Open:
			return 0
		case x.Open:
			return -1
		}
		return 1
	})
	return items
}

// FromBaseline starts a follow-up audit of previous's auditee with
// previous as its baseline (19011 6.7: follow-up verified in a subsequent
// audit), through New. opts.Auditee and opts.Baseline, when empty, are
// taken from previous; when given they must match it. The previous audit
// must have presented its findings: it is at least in the closing state
// and not terminated (AUD-BASELINE-PRESENTED). Use previous.BaselineFocus
// for the criteria to look at again and Compare once findings are in.
func FromBaseline(previous *Audit, opts NewOptions, m ismsaudit.Meta) (*Audit, error) {
	ch := &checker{subject: "follow-up audit"}
	if previous == nil {
		ch.add("Previous", "required", "", "the previous audit")
		return nil, ch.err()
	}
	if err := previous.requireState("use-as-baseline", RuleBaselinePresented, StateClosing, StateReported, StateDistributed, StateCompleted, StateFollowUp, StateClosed); err != nil {
		return nil, err
	}
	if isBlank(string(previous.ID)) {
		ch.add("Previous.ID", "required", "", "the previous audit's id")
	}
	switch {
	case opts.Auditee == "":
		opts.Auditee = previous.Auditee
	case opts.Auditee != previous.Auditee:
		ch.add("Auditee", "same-auditee", opts.Auditee, "the previous audit is of "+previous.Auditee)
	}
	switch {
	case opts.Baseline == "":
		opts.Baseline = previous.ID
	case opts.Baseline != previous.ID:
		ch.add("Baseline", "same-baseline", string(opts.Baseline), "the previous audit is "+string(previous.ID))
	}
	a, err := New(opts, m)
	ch.merge("", RuleRecordShape, err)
	if err := ch.err(); err != nil {
		return nil, err
	}
	return a, nil
}
