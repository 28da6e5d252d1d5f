package audit

import (
	"iter"
	"slices"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// findingResponseStates are the audit states in which the closing meeting has
// presented the findings and the audit is still open.
var findingResponseStates = []State{StateClosing, StateReported, StateDistributed, StateCompleted, StateFollowUp}

// findingAt returns the index of the finding with the given id, or -1.
func (a *Audit) findingAt(id FindingID) int {
	for i := range a.Findings {
		if a.Findings[i].ID == id {
			return i
		}
	}
	return -1
}

// findingCopyOrNil copies s, giving nil for an empty slice so that optional
// fields round-trip through JSON (omitempty) unchanged.
func findingCopyOrNil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// cloneFinding returns a copy of f that shares no slice with it.
func cloneFinding(f Finding) Finding {
	f.Criteria = slices.Clone(f.Criteria)
	f.Evidence = slices.Clone(f.Evidence)
	f.History = slices.Clone(f.History)
	return f
}

// findingsOpen refuses a change to the findings (op, such as
// "add-finding") unless the audit is in fieldwork or the findings stage
// and the conclusions drawn from the findings are not agreed.
func (a *Audit) findingsOpen(op string) error {
	if err := a.requireState(op, RuleFindingPhase, StateFieldwork, StateFindings); err != nil {
		return err
	}
	if c := a.Conclusion; c != nil && c.State != ConclusionDraft {
		return &ismsaudit.TransitionError{
			Machine: "audit.conclusion", State: string(c.State), Event: op, Reason: ismsaudit.ReasonWrongState,
			Rule: RuleFindingPhase, Detail: "the conclusions are agreed: revise them before changing the findings",
		}
	}
	return nil
}

// findingCheckMeta reports a missing time or actor of an operation that is
// not a lifecycle event, a time before last (when last is not zero), and
// a note: such an operation adds no history entry, so it would have
// nowhere to keep one.
func findingCheckMeta(col *errs.Collector, m ismsaudit.Meta, last time.Time) {
	if m.At.IsZero() {
		col.Add("Meta.At", "required", "", "when it happened")
	} else if m.At.Before(last) {
		col.Add("Meta.At", "not-before-last", m.At.Format(time.RFC3339), "before the last recorded event "+last.Format(time.RFC3339))
	}
	if isBlank(m.By) {
		col.Add("Meta.By", "required", "", "who did it")
	}
	if m.Note != "" {
		col.Add("Meta.Note", "empty", m.Note, "this operation adds no history entry to keep a note in")
	}
}

// AddFinding records a finding (19011 6.4.8) in draft, while the audit is
// in fieldwork or the findings stage and its conclusions are not agreed
// (rule AUD-FINDING-PHASE). The finding needs a unique ID, a Kind, a Grade
// if and only if it is a nonconformity (AUD-NC-GRADE), at least one valid
// criterion (AUD-FINDING-CRITERION), evidence ids the audit holds, what was
// Found, and RaisedBy and RaisedAt (not after m.At). State, History,
// DivergingOpinion and Resolution are the library's and must be empty.
// Whether the criteria are the plan's, the evidence verified and a
// nonconformity's statement complete is checked when the team confirms
// the finding. m.At and m.By are required and m.Note must be empty: the
// finding gets no history entry until its first event.
func (a *Audit) AddFinding(f Finding, m ismsaudit.Meta) error {
	if err := a.findingsOpen("add-finding"); err != nil {
		return err
	}
	col := newCollector("finding")
	switch {
	case isBlank(string(f.ID)):
		col.Add("ID", "required", "", "the host's id for the finding")
	case a.findingAt(f.ID) >= 0:
		col.Add("ID", "unique", string(f.ID), "the audit already has a finding with this id")
	}
	switch {
	case f.Kind == "":
		col.Add("Kind", "required", "", "the kind of finding")
	case !f.Kind.IsValid():
		col.Add("Kind", "enum", string(f.Kind), "not a kind of finding")
	}
	if p := gradeProblem(&f); p != "" {
		col.Add("Grade", RuleNCGrade, string(f.Grade), p)
	}
	if len(f.Criteria) == 0 {
		col.Add("Criteria", RuleFindingCriterion, "", "a finding cites at least one criterion")
	}
	for i, ref := range f.Criteria {
		path := errs.Index("Criteria", i)
		col.Merge(path, RuleRecordShape, ref.Validate())
		if slices.Index(f.Criteria, ref) < i {
			col.Add(path, "unique", ref.String(), "cited twice")
		}
	}
	for i, id := range f.Evidence {
		path := errs.Index("Evidence", i)
		switch {
		case a.citedEvidence(id) == nil:
			col.Add(path, errs.RuleUnknown, string(id), "the audit holds no evidence item with this id")
		case slices.Index(f.Evidence, id) < i:
			col.Add(path, "unique", string(id), "cited twice")
		}
	}
	if isBlank(f.Found) {
		col.Add("Found", "required", "", "what was found")
	}
	if f.DivergingOpinion != "" {
		col.Add("DivergingOpinion", "empty", f.DivergingOpinion, "recorded by DisputeFinding")
	}
	if f.Resolution != "" {
		col.Add("Resolution", "empty", f.Resolution, "recorded by ResolveDispute")
	}
	if isBlank(f.RaisedBy) {
		col.Add("RaisedBy", "required", "", "who wrote the finding")
	}
	switch {
	case f.RaisedAt.IsZero():
		col.Add("RaisedAt", "required", "", "when the finding was written")
	case !m.At.IsZero() && f.RaisedAt.After(m.At):
		col.Add("RaisedAt", "not-after-event", f.RaisedAt.Format(time.RFC3339), "after the time of recording "+m.At.Format(time.RFC3339))
	}
	if f.State != "" {
		col.Add("State", "empty", string(f.State), "set by the library")
	}
	if f.History != nil {
		col.Add("History", "empty", "", "set by the library")
	}
	findingCheckMeta(col, m, time.Time{})
	if err := col.Err(); err != nil {
		return err
	}
	f.Criteria = slices.Clone(f.Criteria)
	f.Evidence = findingCopyOrNil(f.Evidence)
	f.State = findingMachine.Initial()
	f.History = []FindingEntry{}
	a.Findings = append(a.Findings, f)
	return nil
}

// fireFinding fires event on the finding with the given id, text being
// what the event brings (see findingSubject), and applies change to the
// finding together with the new state and history entry. It changes
// nothing when the event is refused.
func (a *Audit) fireFinding(id FindingID, event FindingEvent, text string, m ismsaudit.Meta, change func(*Finding)) error {
	i := a.findingAt(id)
	if i < 0 {
		return notFound("finding", string(id))
	}
	f := &a.Findings[i]
	e, err := findingMachine.Fire(findingSubject{a: a, f: f, text: text, at: m.At, by: m.By}, f.State, findingLast(f), event, m)
	if err != nil {
		return err
	}
	if change != nil {
		change(f)
	}
	f.State = e.To
	f.History = append(f.History, e)
	return nil
}

// findingLast is the time of the latest thing recorded on f: its last
// history entry, or when it was raised. A new event may not precede it.
func findingLast(f *Finding) time.Time {
	last := fsm.Last(f.History)
	if f.RaisedAt.After(last) {
		return f.RaisedAt
	}
	return last
}

// ConfirmFinding records that the audit team confirms a draft finding
// (19011 6.4.8). Guards: m.By is the competence id of a team leader or
// auditor of the team (AUD-FINDING-CONFIRMED); every cited criterion is one of the audit plan's
// (AUD-FINDING-CRITERION); a nonconformity cites at least one verified
// evidence item (AUD-NC-EVIDENCE); every evidence item a finding of any
// kind cites is audit evidence by m.At, verified and not superseded
// (AUD-EVIDENCE-VERIFIED); a nonconformity states the requirement, what
// was found and why it does not conform (AUD-NC-STATEMENT) and is graded
// (AUD-NC-GRADE). Allowed while findings are open (AUD-FINDING-PHASE).
func (a *Audit) ConfirmFinding(id FindingID, m ismsaudit.Meta) error {
	if err := a.findingsOpen("confirm-finding"); err != nil {
		return err
	}
	return a.fireFinding(id, FindingConfirm, "", m, nil)
}

// WithdrawFinding withdraws a draft or confirmed finding before it is
// presented. The finding stays in the record; m.Note must say why
// (AUD-FINDING-WITHDRAWN). Allowed while findings are open
// (AUD-FINDING-PHASE).
func (a *Audit) WithdrawFinding(id FindingID, m ismsaudit.Meta) error {
	if err := a.findingsOpen("withdraw-finding"); err != nil {
		return err
	}
	return a.fireFinding(id, FindingWithdraw, m.Note, m, nil)
}

// AcknowledgeFinding records that the auditee accepts a finding presented
// at the closing meeting (AUD-FINDING-RESPONSE).
func (a *Audit) AcknowledgeFinding(id FindingID, m ismsaudit.Meta) error {
	if err := a.requireState("acknowledge-finding", RuleFindingResponse, findingResponseStates...); err != nil {
		return err
	}
	return a.fireFinding(id, FindingAcknowledge, "", m, nil)
}

// DisputeFinding records that the auditee does not accept a presented
// finding, with its diverging opinion (19011 6.4.10; AUD-DISPUTE-RECORDED,
// AUD-FINDING-RESPONSE).
func (a *Audit) DisputeFinding(id FindingID, opinion string, m ismsaudit.Meta) error {
	if err := a.requireState("dispute-finding", RuleFindingResponse, findingResponseStates...); err != nil {
		return err
	}
	return a.fireFinding(id, FindingDispute, opinion, m, func(f *Finding) { f.DivergingOpinion = opinion })
}

// ResolveDispute records how a dispute was settled with the auditee
// (AUD-DISPUTE-RECORDED). The finding stands, as presented, with the
// resolution beside the auditee's opinion. Only before the report is
// issued, that is while the audit is in the closing state
// (AUD-DISPUTE-BEFORE-REPORT): a dispute still open then stays disputed
// and the report carries it as an unresolved diverging opinion.
func (a *Audit) ResolveDispute(id FindingID, resolution string, m ismsaudit.Meta) error {
	if err := a.requireState("resolve-dispute", RuleFindingResponse, findingResponseStates...); err != nil {
		return err
	}
	return a.fireFinding(id, FindingResolve, resolution, m, func(f *Finding) { f.Resolution = resolution })
}

// Finding returns a copy of the finding with the given id.
func (a *Audit) Finding(id FindingID) (Finding, bool) {
	i := a.findingAt(id)
	if i < 0 {
		return Finding{}, false
	}
	return cloneFinding(a.Findings[i]), true
}

// Standing reports whether the finding is one the team stands by:
// confirmed, or presented and whatever the auditee's response, but not a
// draft and not withdrawn.
func (f Finding) Standing() bool {
	switch f.State {
	case FindingConfirmed, FindingPresented, FindingAcknowledged, FindingDisputed, FindingResolved:
		return true
	}
	return false
}

// findingsWhere yields copies of the findings keep accepts, in record
// order.
func (a *Audit) findingsWhere(keep func(*Finding) bool) iter.Seq[Finding] {
	return func(yield func(Finding) bool) {
		for i := range a.Findings {
			if keep(&a.Findings[i]) && !yield(cloneFinding(a.Findings[i])) {
				return
			}
		}
	}
}

// Nonconformities yields copies of the standing nonconformities (see
// Finding.Standing), in record order.
func (a *Audit) Nonconformities() iter.Seq[Finding] {
	return a.findingsWhere(func(f *Finding) bool { return f.Kind == Nonconformity && f.Standing() })
}

// FindingsInState yields copies of the findings in state s, in record
// order.
func (a *Audit) FindingsInState(s FindingState) iter.Seq[Finding] {
	return a.findingsWhere(func(f *Finding) bool { return f.State == s })
}

// Recurrence is a criterion that standing nonconformities cite in more
// than one area of the audit (19011 6.4.9: recurring findings across
// areas).
type Recurrence struct {
	Criterion annexa.Ref  `json:"criterion"`
	Areas     []string    `json:"areas"`
	Findings  []FindingID `json:"findings"`
}

// RecurringFindings lists the criteria that standing nonconformities cite
// in two or more distinct areas (Finding.Area; findings without an area
// are not counted), in the order the criteria are first cited, each with
// its areas and findings in record order. It helps fill
// Conclusion.Recurring.
func (a *Audit) RecurringFindings() []Recurrence {
	var out []Recurrence
	at := map[annexa.Ref]int{}
	for i := range a.Findings {
		f := &a.Findings[i]
		if f.Kind != Nonconformity || !f.Standing() || isBlank(f.Area) {
			continue
		}
		for _, ref := range f.Criteria {
			j, ok := at[ref]
			if !ok {
				j = len(out)
				at[ref] = j
				out = append(out, Recurrence{Criterion: ref})
			}
			r := &out[j]
			if !slices.Contains(r.Findings, f.ID) {
				r.Findings = append(r.Findings, f.ID)
			}
			if !slices.Contains(r.Areas, f.Area) {
				r.Areas = append(r.Areas, f.Area)
			}
		}
	}
	return slices.DeleteFunc(out, func(r Recurrence) bool { return len(r.Areas) < 2 })
}
