package audit

import (
	"fmt"
	"slices"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// The rules of checklist.
const (
	RuleChecklistPlanned   ismsaudit.RuleID = "AUD-CHECKLIST-PLANNED"
	RuleChecklistFieldwork ismsaudit.RuleID = "AUD-CHECKLIST-FIELDWORK"
	RuleFieldworkCovered   ismsaudit.RuleID = "AUD-FIELDWORK-COVERED"
	RuleChecklistFindings  ismsaudit.RuleID = "AUD-CHECKLIST-FINDINGS"
	RuleChecklistKept      ismsaudit.RuleID = "AUD-CHECKLIST-KEPT"
)

var checklistRules = []ismsaudit.Rule{
	{ID: RuleChecklistPlanned, Clause: "19011:6.3.4", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the checklist is prepared before fieldwork, for the kind of audit, from the plan's criteria and other documents, with no result yet"},
	{ID: RuleChecklistFieldwork, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleEvidenceBased, Text: "checklist results and reasons for items not audited are recorded during fieldwork, resting on the audit's own evidence"},
	{ID: RuleFieldworkCovered, Clause: "19011:6.4.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "fieldwork ends only when every planned checklist item has a result or a recorded reason why it was not audited"},
	{ID: RuleChecklistFindings, Clause: "19011:6.3.4, 6.4.8", Principle: ismsaudit.PrincipleFairPresentation, Text: "when the conclusions are agreed, a checklist item shows a nonconformity exactly when a standing nonconformity cites it, graded as the gravest of those"},
	{ID: RuleChecklistKept, Clause: "19011:6.3.4, 5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "attaching a checklist is an event of the audit's history, and a checklist once attached stays in the record"},
}

// checkPlanDrafted is the guard of attaching a checklist: a plan is
// drafted to prepare it from (AUD-CHECKLIST-PLANNED).
func checkPlanDrafted(s auditSubject) error {
	if s.a.Plan == nil {
		return errNoPlan
	}
	return nil
}

// AttachChecklist attaches the checklist the team works from (19011 6.3.4),
// typically built with annexa.NewChecklist, replacing an earlier one. It is
// allowed in preparation only, once a plan is drafted (AUD-CHECKLIST-PLANNED):
// the checklist must be valid, built for the audit's kind, audit only the
// plan's criteria or other documents, and carry no result yet
// (AUD-CHECKLIST-FIELDWORK). The audit keeps its own copy. Attaching is an
// event of the audit lifecycle (EventAttachChecklist, from preparation to
// preparation): it appends one history entry, so that the record shows a
// checklist was attached and Verify reports one that has gone
// (AUD-CHECKLIST-KEPT). The checklist is checked first; then, as for
// every event, a Meta without time or actor, or with a time before the
// audit's latest entry, is refused (AUD-RECORD-WHO-WHEN).
func (a *Audit) AttachChecklist(cl *annexa.Checklist, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "attach-checklist", m, &err)
	if err := a.requireState("attach-checklist", RuleChecklistPlanned, StatePreparation); err != nil {
		return err
	}
	ch := &checker{subject: "checklist"}
	if cl == nil {
		ch.shape("Checklist", "required", "", "no checklist given")
		return ch.err()
	}
	checkChecklist(ch, "Checklist", cl, a, nil)
	if err := ch.err(); err != nil {
		return err
	}
	e, err := a.fireEvent(EventAttachChecklist, nil, m)
	if err != nil {
		return err
	}
	a.Checklist = cloneChecklist(cl)
	a.advance(e)
	return nil
}

// checkChecklist checks a checklist against the audit: valid, of the
// audit's kind, each item about one of the plan's criteria or another
// document; with results (during or after fieldwork) or without (when
// attached); its evidence references naming the audit's evidence items.
//
// has reports whether an evidence id names one of the audit's items; nil
// means the checklist must carry no result yet (it is being attached).
func checkChecklist(ch *checker, prefix string, cl *annexa.Checklist, a *Audit, has func(ismsaudit.EvidenceID) bool) {
	if err := cl.Validate(); err != nil {
		if ve, ok := err.(*ismsaudit.ValidationError); ok {
			for _, f := range ve.Fields {
				ch.shape(errs.JoinPath(prefix, f.Path), f.Rule, f.Value, f.Detail)
			}
		}
	}
	if cl.Kind != a.Kind {
		ch.rule(prefix+".Kind", RuleChecklistPlanned, string(cl.Kind), "the checklist is for a "+string(cl.Kind)+" audit, this audit is "+string(a.Kind))
	}
	criteria := map[annexa.Ref]bool{}
	if a.Plan == nil {
		ch.rule("Plan", RuleChecklistPlanned, "", "the checklist is prepared from the plan's criteria: draft the plan first")
	} else {
		for _, cr := range a.Plan.Content.Criteria {
			criteria[cr.Ref] = true
		}
	}
	for i := range cl.Items {
		it := &cl.Items[i]
		path := errs.Index(prefix+".Items", i)
		if a.Plan != nil && it.Ref.Kind != annexa.DocumentRef && !criteria[it.Ref] {
			ch.rule(path+".Ref", RuleChecklistPlanned, it.Ref.String(), "not one of the plan's criteria")
		}
		if has == nil {
			if it.Result != annexa.NotAssessed || it.NotAuditedReason != "" || len(it.EvidenceRefs) > 0 {
				ch.rule(path, RuleChecklistFieldwork, it.Ref.String(), "a checklist is attached before fieldwork, with no result yet")
			}
			continue
		}
		for j, ref := range it.EvidenceRefs {
			if !has(ismsaudit.EvidenceID(ref)) {
				ch.rule(errs.Index(path+".EvidenceRefs", j), RuleRecordShape, string(ref), "no evidence item of the audit has this id")
			}
		}
	}
}

// RecordResult records the auditor's conclusion for the checklist item
// with reference ref (19011 6.4.7), during fieldwork only
// (AUD-CHECKLIST-FIELDWORK). The assessment obeys the checklist's evidence
// rules (see annexa.Checklist.Assess), and its evidence references must
// name evidence items of this audit. A reference no item has gives a
// *ismsaudit.NotFoundError; otherwise every problem is reported at once. On error
// nothing changes. The items may still await verification, but fieldwork
// ends only once every item a result cites is verified
// (AUD-EVIDENCE-VERIFIED, see EndFieldwork).
func (a *Audit) RecordResult(ref annexa.Ref, as annexa.Assessment, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "record-result", m, &err)
	ch, err := a.checklistItemOp("record-result", "checklist result", ref, m)
	if err != nil {
		return err
	}
	for i, id := range as.EvidenceRefs {
		if !isBlank(string(id)) && a.evidenceIndex(id) < 0 {
			ch.shape(errs.Index("EvidenceRefs", i), ismsaudit.RuleUnknown, string(id), "no evidence item of the audit has this id")
		}
	}
	return a.updateChecklist(ch, func(cl *annexa.Checklist) error { return cl.Assess(ref, as) })
}

// MarkNotAudited records why the checklist item with reference ref was not
// audited (for example the area was unavailable), during fieldwork only
// (AUD-CHECKLIST-FIELDWORK). A reference no item has gives a
// *ismsaudit.NotFoundError. On error nothing changes.
func (a *Audit) MarkNotAudited(ref annexa.Ref, reason string, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "mark-not-audited", m, &err)
	ch, err := a.checklistItemOp("mark-not-audited", "not-audited mark", ref, m)
	if err != nil {
		return err
	}
	return a.updateChecklist(ch, func(cl *annexa.Checklist) error { return cl.MarkNotAudited(ref, reason) })
}

// updateChecklist applies change to the checklist when the audit's own
// checks found nothing; otherwise it runs change on a copy too, so that
// the caller hears about every problem at once, and changes nothing.
// change itself (an annexa operation) applies whole or not at all.
func (a *Audit) updateChecklist(ch *checker, change func(*annexa.Checklist) error) error {
	if ch.len() == 0 {
		return change(a.Checklist)
	}
	if err := change(cloneChecklist(a.Checklist)); err != nil {
		ch.merge("", "invalid", err)
	}
	return ch.err()
}

// cloneChecklist copies a checklist so that the audit shares nothing with
// the caller's.
func cloneChecklist(cl *annexa.Checklist) *annexa.Checklist {
	out := *cl
	out.Items = slices.Clone(cl.Items)
	for i := range out.Items {
		it := &out.Items[i]
		it.Questions = slices.Clone(it.Questions)
		it.EvidenceHints = slices.Clone(it.EvidenceHints)
		it.Methods = slices.Clone(it.Methods)
		it.EvidenceRefs = slices.Clone(it.EvidenceRefs)
	}
	return &out
}

// checkResultsVerified is a guard of the end of fieldwork: every evidence
// item a checklist result cites is audit evidence, that is, was verified
// (19011 6.4.7, AUD-EVIDENCE-VERIFIED). A reference to no item of the
// audit is refused too. Long logs are indexed once, so that the check
// costs one lookup per reference.
func checkResultsVerified(s auditSubject) error {
	a, cl := s.a, s.a.Checklist
	if cl == nil {
		return nil
	}
	find := a.citedEvidence
	if len(a.Evidence) > 64 {
		x := newIDIndex(len(a.Evidence), a.evidenceID)
		find = func(id ismsaudit.EvidenceID) *Evidence {
			if i := x.find(string(id), a.evidenceID); i >= 0 {
				return &a.Evidence[i]
			}
			return nil
		}
	}
	p := checker{subject: "checklist"}
	for i := range cl.Items {
		for j, ref := range cl.Items[i].EvidenceRefs {
			if e := find(ismsaudit.EvidenceID(ref)); e == nil || !everVerified(e) {
				p.rule(errs.Index(errs.Index("Checklist.Items", i)+".EvidenceRefs", j), RuleEvidenceVerified, string(ref), "the result rests on information that was never verified")
			}
		}
	}
	return p.err()
}

// checkChecklistCovered is the guard of the end of fieldwork: every
// checklist item has a result or a recorded reason why it was not audited.
func checkChecklistCovered(s auditSubject) error {
	cl := s.a.Checklist
	if cl == nil {
		return nil
	}
	p := checker{subject: "checklist"}
	for i := range cl.Items {
		if cl.Items[i].Pending() {
			p.rule(errs.Index("Checklist.Items", i), RuleFieldworkCovered, cl.Items[i].Ref.String(), "neither a result nor a reason why it was not audited")
		}
	}
	return p.err()
}

// checklistFindingGaps calls gap for each checklist item of a whose
// result disagrees with the nonconformities standing at time at (zero:
// now; see standingAt) that cite its reference (AUD-CHECKLIST-FINDINGS):
// an item shows a nonconformity exactly when one cites it, graded as the
// gravest of those.
func checklistFindingGaps(a *Audit, at time.Time, gap func(i int, detail string)) {
	cl := a.Checklist
	if cl == nil || len(cl.Items) == 0 {
		return
	}
	type citing struct {
		grade Grade
		id    FindingID
	}
	var gravest map[annexa.Ref]citing // made on the first nonconformity
	for i := range a.Findings {
		f := &a.Findings[i]
		if f.Kind != Nonconformity || !f.Grade.IsValid() || !standingAt(f, at) {
			continue
		}
		if gravest == nil {
			gravest = map[annexa.Ref]citing{}
		}
		for _, ref := range f.Criteria {
			if c, ok := gravest[ref]; !ok || f.Grade.Compare(c.grade) > 0 {
				gravest[ref] = citing{f.Grade, f.ID}
			}
		}
	}
	for i := range cl.Items {
		it := &cl.Items[i]
		var shown Grade
		switch it.Result {
		case annexa.MinorNonconformity:
			shown = Minor
		case annexa.MajorNonconformity:
			shown = Major
		}
		c, cited := gravest[it.Ref]
		switch {
		case !cited && shown != "":
			gap(i, fmt.Sprintf("the item shows a %s, but no standing nonconformity cites %s", it.Result, it.Ref))
		case cited && shown == "" && it.NotAuditedReason != "":
			gap(i, fmt.Sprintf("%s nonconformity %q cites %s, but the item is marked not audited", c.grade, c.id, it.Ref))
		case cited && shown == "":
			gap(i, fmt.Sprintf("%s nonconformity %q cites %s, but the item shows %q", c.grade, c.id, it.Ref, it.Result))
		case cited && shown != c.grade:
			gap(i, fmt.Sprintf("the item shows a %s, but the gravest standing nonconformity citing %s, %q, is %s", it.Result, it.Ref, c.id, c.grade))
		}
	}
}

// guardChecklistFindings is a guard of the agreement of the conclusions:
// the checklist and the standing nonconformities agree
// (AUD-CHECKLIST-FINDINGS).
func guardChecklistFindings(a *Audit) error {
	p := checker{subject: "checklist"}
	checklistFindingGaps(a, time.Time{}, func(i int, detail string) {
		p.rule(errs.Index("Checklist.Items", i)+".Result", RuleChecklistFindings, string(a.Checklist.Items[i].Result), detail)
	})
	return p.err()
}

// checklistItemOp starts operation op on the checklist item with
// reference ref: fieldwork only (AUD-CHECKLIST-FIELDWORK), a valid ismsaudit.Meta,
// a checklist (AUD-CHECKLIST-PLANNED) holding the item (else a
// *ismsaudit.NotFoundError). The check it returns collects the operation's other
// problems under what.
func (a *Audit) checklistItemOp(op, what string, ref annexa.Ref, m ismsaudit.Meta) (*checker, error) {
	if err := a.requireState(op, RuleChecklistFieldwork, StateFieldwork); err != nil {
		return nil, err
	}
	ch := &checker{subject: what}
	ch.meta(m)
	if a.Checklist == nil {
		ch.rule("Checklist", RuleChecklistPlanned, "", "the audit has no checklist")
		return ch, ch.err()
	}
	if _, ok := a.Checklist.Item(ref); !ok {
		return ch, notFound("checklist item", ref.String())
	}
	return ch, nil
}

// verifyChecklist checks the checklist against the audit; that one the
// history says was attached is still there (AUD-CHECKLIST-KEPT); once
// fieldwork ended, that every item is covered and rests on verified
// evidence (AUD-FIELDWORK-COVERED, AUD-EVIDENCE-VERIFIED); and once the
// conclusions are agreed, that the items agree with the nonconformities
// standing then (AUD-CHECKLIST-FINDINGS).
func (v *verifier) verifyChecklist(ch *checker, ev eventTimes) {
	a := v.a
	if attached, ok := ev.when(EventAttachChecklist); ok && a.Checklist == nil {
		v.violate("Checklist", RuleChecklistKept, "", "the history records a checklist attached at "+timeText(attached)+", but the record holds none")
	}
	if v.concluded {
		checklistFindingGaps(a, v.agreed, func(i int, detail string) {
			v.violate(errs.Index("Checklist.Items", i)+".Result", RuleChecklistFindings, string(a.Checklist.Items[i].Result), detail)
		})
	}
	_, isOpen := ev.when(EventOpen)
	if cl := a.Checklist; cl != nil {
		var has func(ismsaudit.EvidenceID) bool
		if isOpen {
			has = func(id ismsaudit.EvidenceID) bool { return v.evidenceAt(id) >= 0 }
		}
		checkChecklist(ch, "Checklist", cl, a, has)
	}
	_, isEnded := ev.when(EventEndFieldwork)
	if !isEnded {
		return
	}
	if cl := a.Checklist; cl != nil {
		for i := range cl.Items {
			if cl.Items[i].Pending() {
				v.violate(errs.Index("Checklist.Items", i), RuleFieldworkCovered, cl.Items[i].Ref.String(), "fieldwork ended with the item neither assessed nor marked not audited")
			}
			for j, ref := range cl.Items[i].EvidenceRefs {
				if k := v.evidenceAt(ismsaudit.EvidenceID(ref)); k >= 0 && !everVerified(&a.Evidence[k]) {
					v.violate(errs.Index(errs.Index("Checklist.Items", i)+".EvidenceRefs", j), RuleEvidenceVerified, string(ref), "fieldwork ended with the result resting on information that was never verified")
				}
			}
		}
	}
}

// ItemResult is the outcome of one checklist item in a batch given to
// RecordResults: either an assessment, as RecordResult records it, or the
// reason the item was not audited, as MarkNotAudited records it.
type ItemResult struct {
	// Ref is the reference of the checklist item.
	Ref annexa.Ref `json:"ref"`
	// Assessment is the auditor's conclusion; nil when the item was not
	// audited.
	Assessment *annexa.Assessment `json:"assessment,omitempty"`
	// NotAudited says why the item was not audited; empty when it was
	// assessed.
	NotAudited string `json:"notAudited,omitempty"`
}

// RecordResults records the outcomes of several checklist items at once,
// for example a checklist filled offline (19011 6.4.7), during fieldwork
// only (AUD-CHECKLIST-FIELDWORK). Each result is checked as RecordResult
// or MarkNotAudited checks it; besides, a batch names each item once, and
// a result gives an assessment or a reason, not both (ANX-ITEM-ONE-OUTCOME).
// Every problem of every result is reported in one
// *ismsaudit.ValidationError whose paths start with the result's index,
// e.g. "Results[3].Assessment.Notes", "Results[0].NotAudited" or
// "Results[7].Ref" (a reference no item has is rule ismsaudit.RuleUnknown,
// so the error also matches ismsaudit.ErrNotFound). Either every result
// is recorded or, on any error, nothing changes.
//
// Accepted, the batch leaves the checklist as recording its results one
// by one would. Like RecordResult it adds no history entry; on a sealed
// record it is one change, "record-results". An empty batch changes
// nothing.
func (a *Audit) RecordResults(results []ItemResult, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "record-results", m, &err)
	cl, err := a.checkResults(results, m)
	if err != nil {
		return err
	}
	if len(results) > 0 {
		a.Checklist = cl
	}
	return nil
}

// CheckResults reports what RecordResults would refuse in the batch,
// without recording anything: nil when RecordResults would accept it
// with the same Meta, else the same error. Importers use it to report
// every problem of a file along with their own.
func (a *Audit) CheckResults(results []ItemResult, m ismsaudit.Meta) error {
	_, err := a.checkResults(results, m)
	return err
}

// checkResults checks a batch of results and returns the checklist as it
// would be with them recorded, a copy: the audit's is left alone.
func (a *Audit) checkResults(results []ItemResult, m ismsaudit.Meta) (*annexa.Checklist, error) {
	if err := a.requireState("record-results", RuleChecklistFieldwork, StateFieldwork); err != nil {
		return nil, err
	}
	ch := &checker{subject: "checklist results"}
	ch.meta(m)
	if a.Checklist == nil {
		ch.rule("Checklist", RuleChecklistPlanned, "", "the audit has no checklist")
		return nil, ch.err()
	}
	if len(results) == 0 {
		return nil, ch.err()
	}
	held := make(map[ismsaudit.EvidenceID]bool, len(a.Evidence))
	for i := range a.Evidence {
		held[a.Evidence[i].ID] = true
	}
	cl := cloneChecklist(a.Checklist)
	items := make(map[annexa.Ref]bool, len(cl.Items))
	for i := range cl.Items {
		items[cl.Items[i].Ref] = true
	}
	seen := make(map[annexa.Ref]int, len(results))
	for i := range results {
		r := &results[i]
		path := errs.Index("Results", i)
		if j, dup := seen[r.Ref]; dup {
			ch.shape(path+".Ref", ismsaudit.RuleUnique, r.Ref.String(), fmt.Sprintf("the batch names the item already, at Results[%d]", j))
			continue
		}
		seen[r.Ref] = i
		if !items[r.Ref] {
			ch.shape(path+".Ref", ismsaudit.RuleUnknown, r.Ref.String(), "no checklist item has this reference")
			continue
		}
		if r.Assessment == nil {
			mergeItemProblems(ch, path, "NotAudited", cl.MarkNotAudited(r.Ref, r.NotAudited))
			continue
		}
		if r.NotAudited != "" {
			ch.rule(path+".NotAudited", annexa.RuleItemOneOutcome, r.NotAudited, "a result gives an assessment or a reason why the item was not audited, not both")
		}
		for j, id := range r.Assessment.EvidenceRefs {
			if !isBlank(string(id)) && !held[id] {
				ch.shape(errs.Index(path+".Assessment.EvidenceRefs", j), ismsaudit.RuleUnknown, string(id), "no evidence item of the audit has this id")
			}
		}
		mergeItemProblems(ch, path, "Assessment", cl.Assess(r.Ref, *r.Assessment))
	}
	if err := ch.err(); err != nil {
		return nil, err
	}
	return cl, nil
}

// mergeItemProblems records the problems of an annexa item operation on
// the result at path: those about the item's reference at path.Ref, the
// reason of a not-audited mark at path.NotAudited, the others under
// path.field.
func mergeItemProblems(ch *checker, path, field string, err error) {
	if err == nil {
		return
	}
	ve, ok := err.(*ismsaudit.ValidationError)
	if !ok {
		ch.merge(path, "invalid", err)
		return
	}
	for _, f := range ve.Fields {
		switch {
		case f.Path == "Ref":
			f.Path = path + ".Ref"
		case field == "NotAudited" && f.Path == "Reason":
			f.Path = path + ".NotAudited"
		default:
			f.Path = errs.JoinPath(path+"."+field, f.Path)
		}
		ch.add(f.Path, f.Rule, f.Value, f.Detail)
	}
}
