package audit

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// Conclusion is the outcome of the audit (19011 6.4.9).
type Conclusion struct {
	// Fulfilment is the degree to which the criteria are fulfilled. It
	// claims no more than the nonconformities standing when the
	// conclusions are agreed allow (AUD-CONCLUSION-FULFILMENT): Fulfilled
	// only while none stands, LargelyFulfilled only while no major one
	// does.
	Fulfilment Fulfilment `json:"fulfilment"`
	// Extent states the extent of conformity with the criteria.
	Extent string `json:"extent"`
	// Effectiveness states whether the ISMS is effectively implemented,
	// maintained and improved.
	Effectiveness string `json:"effectiveness"`
	// Effective is the team's judgement, in one word, that the ISMS is
	// effective; Effectiveness says how far and why. It is not claimed
	// while a major nonconformity stands open when the conclusions are
	// agreed (AUD-CONCLUSION-EFFECTIVENESS).
	Effective bool `json:"effective,omitempty"`
	// ObjectivesAchieved says whether the audit objectives were achieved.
	ObjectivesAchieved bool `json:"objectivesAchieved"`
	// ObjectivesNote says which objectives were not achieved and why;
	// required when ObjectivesAchieved is false, so that a false value
	// always records a considered judgement. It is required as well when
	// the objectives are said to be achieved although part of the scope
	// was not covered or a checklist item was not audited: it then says
	// why the objectives stand all the same (AUD-CONCLUSION-OBJECTIVES).
	ObjectivesNote string `json:"objectivesNote,omitempty"`
	// ScopeCovered says whether the whole scope was covered; NotCovered
	// lists the areas that were not, with why.
	ScopeCovered bool     `json:"scopeCovered"`
	NotCovered   []string `json:"notCovered,omitempty"`
	// Recurring notes findings that recur across areas or audits.
	Recurring []string `json:"recurring,omitempty"`
	// Recommendation is the audit team's recommendation, for a
	// certification audit only (17021-1 9.4.8). The library sets it when
	// the conclusions are agreed, to what DeriveRecommendation gives for
	// the findings then, and clears it when they are revised: it is the
	// one recommendation of the audit, fixed with the conclusions. A draft
	// carries none. ReviewRecommendation says later whether the
	// follow-ups have met its conditions; it never changes this field.
	Recommendation Recommendation    `json:"recommendation,omitempty"`
	State          ConclusionState   `json:"state"`
	History        []ConclusionEntry `json:"history"`
}

// Fulfilment is the degree to which the audit criteria are fulfilled (ISO
// 19011:2018 6.5.1 i).
//
//ismsaudit:enum Fulfilments ordered
type Fulfilment string

// The Fulfilment values. Never reorder.
const (
	Fulfilled          Fulfilment = "fulfilled"           // every criterion met
	LargelyFulfilled   Fulfilment = "largely-fulfilled"   // met apart from minor nonconformities
	PartiallyFulfilled Fulfilment = "partially-fulfilled" // major nonconformities or areas not met
	NotFulfilled       Fulfilment = "not-fulfilled"       // the criteria are broadly not met
)

// ConclusionState is a state of the audit conclusions (ISO 19011:2018 6.4.9).
//
//ismsaudit:enum ConclusionStates
type ConclusionState string

// The ConclusionState values. Never reorder.
const (
	ConclusionDraft     ConclusionState = "draft"     // being settled by the team
	ConclusionAgreed    ConclusionState = "agreed"    // agreed by the audit team
	ConclusionPresented ConclusionState = "presented" // presented at the closing meeting
)

// ConclusionEvent moves the conclusions' lifecycle.
//
//ismsaudit:enum ConclusionEvents
type ConclusionEvent string

// The ConclusionEvent values. Never reorder.
const (
	ConclusionAgree   ConclusionEvent = "agree"   // draft -> agreed
	ConclusionPresent ConclusionEvent = "present" // agreed -> presented
	ConclusionRevise  ConclusionEvent = "revise"  // agreed -> draft
)

// ConclusionEntry is a line of the conclusions' history.
type ConclusionEntry = ismsaudit.Entry[ConclusionState, ConclusionEvent]

// The rules of conclusion.
const (
	RuleConclusionOrder         ismsaudit.RuleID = "AUD-CONCLUSION-ORDER"
	RuleConclusionComplete      ismsaudit.RuleID = "AUD-CONCLUSION-COMPLETE"
	RuleConclusionAfterFindings ismsaudit.RuleID = "AUD-CONCLUSION-AFTER-FINDINGS"
	RuleConclusionPhase         ismsaudit.RuleID = "AUD-CONCLUSION-PHASE"
	RuleConclusionFulfilment    ismsaudit.RuleID = "AUD-CONCLUSION-FULFILMENT"
	RuleConclusionObjectives    ismsaudit.RuleID = "AUD-CONCLUSION-OBJECTIVES"
	RuleConclusionEffectiveness ismsaudit.RuleID = "AUD-CONCLUSION-EFFECTIVENESS"
)

var conclusionRules = []ismsaudit.Rule{
	{ID: RuleConclusionOrder, Clause: "19011:6.4.9", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "conclusions are agreed from draft, presented or revised once agreed; presented conclusions take no further event"},
	{ID: RuleConclusionComplete, Clause: "19011:6.4.9", Principle: ismsaudit.PrincipleFairPresentation, Text: "the conclusions state the extent of conformity, the effectiveness of the ISMS, whether the objectives were achieved and what of the scope was covered"},
	{ID: RuleConclusionAfterFindings, Clause: "19011:6.4.9", Principle: ismsaudit.PrincipleEvidenceBased, Text: "conclusions are agreed only when no finding is still a draft"},
	{ID: RuleConclusionPhase, Clause: "19011:6.4.9", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "conclusions are drafted, agreed and revised between the end of fieldwork and the closing meeting, and agreed ones change only by going back to draft"},
	{ID: RuleConclusionFulfilment, Clause: "19011:6.4.9, 6.5.1 i", Principle: ismsaudit.PrincipleFairPresentation, Text: "the conclusions do not call the criteria fulfilled while a nonconformity stands, nor largely fulfilled while a major nonconformity stands open, as the findings stood when the conclusions were agreed"},
	{ID: RuleConclusionObjectives, Clause: "19011:6.4.9, 6.5.1", Principle: ismsaudit.PrincipleFairPresentation, Text: "conclusions that call the audit objectives achieved although part of the scope was not covered or a checklist item was not audited say in a note why"},
	{ID: RuleConclusionEffectiveness, Clause: "19011:6.4.9; 27007:6.4.9", Principle: ismsaudit.PrincipleFairPresentation, Text: "the conclusions do not call the ISMS effective while a major nonconformity stands open, as the findings stood when the conclusions were agreed"},
}

var errNoConclusion = errors.New("audit: no conclusions have been drafted")

// conclusionGap is one missing or contradictory part of the conclusions,
// at a path relative to the Conclusion.
type conclusionGap struct{ path, value, detail string }

var errConclusionsNotAgreed = errors.New("audit: the audit team has not agreed its conclusions")

// conclusionMachine is the conclusions' lifecycle (19011 6.4.9).
var conclusionMachine = fsm.MustNew(fsm.Spec[ConclusionState, ConclusionEvent, *Audit]{
	Name:     "audit.conclusion",
	States:   conclusionStateSet.Values(),
	Events:   conclusionEventSet.Values(),
	Initial:  ConclusionDraft,
	Terminal: []ConclusionState{ConclusionPresented},
	Order:    RuleConclusionOrder,
	Record:   RuleRecordWhoWhen,
	Table: []fsm.Transition[ConclusionState, ConclusionEvent, *Audit]{
		{From: ConclusionDraft, Event: ConclusionAgree, To: ConclusionAgreed, Guards: []fsm.Guard[*Audit]{
			{Name: "conclusions-complete", Rule: RuleConclusionComplete, Check: guardConclusionComplete},
			{Name: "findings-settled", Rule: RuleConclusionAfterFindings, Check: guardFindingsSettled},
			{Name: "fulfilment-matches-findings", Rule: RuleConclusionFulfilment, Check: guardFulfilment},
			{Name: "effectiveness-matches-findings", Rule: RuleConclusionEffectiveness, Check: guardEffectiveness},
			{Name: "objectives-explained", Rule: RuleConclusionObjectives, Check: guardObjectivesExplained},
			{Name: "checklist-matches-findings", Rule: RuleChecklistFindings, Check: guardChecklistFindings},
		}},
		{From: ConclusionAgreed, Event: ConclusionPresent, To: ConclusionPresented, Guards: []fsm.Guard[*Audit]{
			{Name: "findings-settled", Rule: RuleConclusionAfterFindings, Check: guardFindingsSettled},
		}},
		{From: ConclusionAgreed, Event: ConclusionRevise, To: ConclusionDraft},
	},
})

// conclusionGaps lists what keeps the conclusions from being complete
// (rule AUD-CONCLUSION-COMPLETE).
func conclusionGaps(c *Conclusion) []conclusionGap {
	var gaps []conclusionGap
	switch {
	case c.Fulfilment == "":
		gaps = append(gaps, conclusionGap{"Fulfilment", "", "the degree to which the criteria are fulfilled is required"})
	case !c.Fulfilment.IsValid():
		gaps = append(gaps, conclusionGap{"Fulfilment", string(c.Fulfilment), "not a degree of fulfilment"})
	}
	if isBlank(c.Extent) {
		gaps = append(gaps, conclusionGap{"Extent", "", "the extent of conformity with the criteria is required"})
	}
	if isBlank(c.Effectiveness) {
		gaps = append(gaps, conclusionGap{"Effectiveness", "", "whether the ISMS is effectively implemented, maintained and improved is required"})
	}
	if !c.ObjectivesAchieved && isBlank(c.ObjectivesNote) {
		gaps = append(gaps, conclusionGap{"ObjectivesNote", "", "which objectives were not achieved, and why, is required"})
	}
	switch {
	case c.ScopeCovered && len(c.NotCovered) > 0:
		gaps = append(gaps, conclusionGap{"NotCovered", "", "the whole scope is said to be covered, yet areas are listed as not covered"})
	case !c.ScopeCovered && len(c.NotCovered) == 0:
		gaps = append(gaps, conclusionGap{"NotCovered", "", "the areas of the scope not covered, and why, are required"})
	}
	for i, s := range c.NotCovered {
		if isBlank(s) {
			gaps = append(gaps, conclusionGap{errs.Index("NotCovered", i), "", "an area not covered needs a description"})
		}
	}
	return gaps
}

// conclusionsOpen refuses an operation on the conclusions unless the
// audit is in the findings stage (AUD-CONCLUSION-PHASE).
func (a *Audit) conclusionsOpen(op string) error {
	return a.requireState(op, RuleConclusionPhase, StateFindings)
}

// DraftConclusion records the audit team's draft conclusions (19011
// 6.4.9) while the audit is in the findings stage (AUD-CONCLUSION-PHASE):
// it creates them in draft, or replaces the content of the draft. Agreed
// conclusions change only after ReviseConclusion. A draft may be
// incomplete (AgreeConclusion checks completeness), but the enumerations
// it sets must be valid, and an audit that is not a certification audit
// carries no Recommendation (AUD-RECOMMENDATION-DERIVED). State and
// History are the library's and must be empty. m.At and m.By are required
// and m.Note must be empty: drafting is not a lifecycle event and adds no
// history entry.
func (a *Audit) DraftConclusion(c Conclusion, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "draft-conclusion", m, &err)
	if err := a.conclusionsOpen("draft-conclusion"); err != nil {
		return err
	}
	var last time.Time
	if cur := a.Conclusion; cur != nil {
		if cur.State != ConclusionDraft {
			return &ismsaudit.TransitionError{
				Machine: conclusionMachine.Name(), State: string(cur.State), Event: "draft-conclusion", Reason: ismsaudit.ReasonWrongState,
				Rule: RuleConclusionPhase, Detail: "agreed conclusions change only after going back to draft (revise)",
			}
		}
		last = fsm.Last(cur.History)
	}
	ch := &checker{subject: "conclusion"}
	if c.Fulfilment != "" && !c.Fulfilment.IsValid() {
		ch.add("Fulfilment", "enum", string(c.Fulfilment), "not a degree of fulfilment")
	}
	if c.Recommendation != "" {
		ch.add("Recommendation", RuleRecommendationDerived, string(c.Recommendation), "set by AgreeConclusion from the findings (see DeriveRecommendation): leave it empty")
	}
	for i, s := range c.NotCovered {
		if isBlank(s) {
			ch.add(errs.Index("NotCovered", i), "required", "", "an area not covered needs a description")
		}
	}
	for i, s := range c.Recurring {
		if isBlank(s) {
			ch.add(errs.Index("Recurring", i), "required", "", "a recurring finding needs a description")
		}
	}
	if c.State != "" {
		ch.add("State", "empty", string(c.State), "set by the library")
	}
	if c.History != nil {
		ch.add("History", "empty", "", "set by the library")
	}
	ch.metaNoEntry(m, last)
	if err := ch.err(); err != nil {
		return err
	}
	c.NotCovered = cloneOrNil(c.NotCovered)
	c.Recurring = cloneOrNil(c.Recurring)
	if cur := a.Conclusion; cur != nil {
		c.State, c.History = cur.State, cur.History
		*cur = c
		return nil
	}
	c.State = conclusionMachine.Initial()
	c.History = []ConclusionEntry{}
	a.Conclusion = &c
	return nil
}

// conclusionOp names the operation that fires each conclusion event.
var conclusionOp = map[ConclusionEvent]string{
	ConclusionAgree:   "agree-conclusion",
	ConclusionRevise:  "revise-conclusion",
	ConclusionPresent: string(EventHoldClosingMeeting),
}

// conclusionFor returns the conclusions event may fire on: the audit is
// in the findings stage (AUD-CONCLUSION-PHASE; the presentation happens
// at the closing meeting, AUD-CLOSING-AFTER-CONCLUSIONS) and the
// conclusions are drafted.
func (a *Audit) conclusionFor(event ConclusionEvent) (*Conclusion, error) {
	op, ok := conclusionOp[event]
	if !ok {
		op = string(event)
	}
	rule := RuleConclusionPhase
	if event == ConclusionPresent {
		rule = RuleClosingAfterConclusions
	}
	if err := a.requireState(op, rule, StateFindings); err != nil {
		return nil, err
	}
	if a.Conclusion == nil {
		return nil, &ismsaudit.TransitionError{
			Machine: conclusionMachine.Name(), Event: string(event), Reason: ismsaudit.ReasonWrongState,
			Rule: RuleConclusionComplete, Detail: errNoConclusion.Error(), Err: errNoConclusion,
		}
	}
	return a.Conclusion, nil
}

// fireConclusion fires event on the conclusions and applies it, with
// change applied to the conclusions as well.
func (a *Audit) fireConclusion(event ConclusionEvent, m ismsaudit.Meta, change func(*Conclusion)) error {
	c, err := a.conclusionFor(event)
	if err != nil {
		return err
	}
	e, err := conclusionMachine.Fire(a, c.State, fsm.Last(c.History), event, m)
	if err != nil {
		return err
	}
	change(c)
	c.State = e.To
	c.History = append(c.History, e)
	return nil
}

// PermittedConclusion returns the events the conclusions allow now, in
// canonical order: none before they are drafted or outside the findings
// stage.
func (a *Audit) PermittedConclusion() []ConclusionEvent {
	var out []ConclusionEvent
	for e := range ConclusionEvents() {
		if a.CanConclusion(e) {
			out = append(out, e)
		}
	}
	return out
}

// CanConclusion reports whether the conclusions allow event e now (see
// PermittedConclusion).
func (a *Audit) CanConclusion(e ConclusionEvent) bool {
	c, err := a.conclusionFor(e)
	return err == nil && conclusionMachine.Can(a, c.State, e)
}

// CheckConclusion reports why the conclusions would refuse event e now:
// nil when they allow it (as CanConclusion reports), otherwise the
// *ismsaudit.TransitionError the operation firing e (HoldClosingMeeting
// for present) would return, its Meta aside.
func (a *Audit) CheckConclusion(e ConclusionEvent) error {
	c, err := a.conclusionFor(e)
	if err != nil {
		return err
	}
	return conclusionMachine.Check(a, c.State, e)
}

// AgreeConclusion records that the audit team agrees its conclusions
// (19011 6.4.9). Guards: the conclusions are complete
// (AUD-CONCLUSION-COMPLETE: degree of fulfilment, extent of conformity,
// effectiveness, objectives achieved or why not, scope covered or what was
// not); no finding is still a draft (AUD-CONCLUSION-AFTER-FINDINGS); the
// degree of fulfilment claims no more than the standing nonconformities
// allow (AUD-CONCLUSION-FULFILMENT); objectives called achieved although
// part of the scope or of the checklist was not covered come with a note
// saying why (AUD-CONCLUSION-OBJECTIVES); the checklist shows a
// nonconformity on exactly the items the standing nonconformities cite,
// with their grade (AUD-CHECKLIST-FINDINGS). Allowed in the findings stage
// (AUD-CONCLUSION-PHASE), at a time m.At not before anything recorded on
// the findings (AUD-FINDING-PHASE): they are judged as they stand then.
//
// A certification audit's conclusions get their Recommendation here: the
// one DeriveRecommendation gives for the findings as they stand
// (AUD-RECOMMENDATION-DERIVED). It is the audit's recommendation from then
// on; the findings cannot change while the conclusions stand agreed.
func (a *Audit) AgreeConclusion(m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "agree-conclusion", m, &err)
	c, err := a.conclusionFor(ConclusionAgree)
	if err != nil {
		return err
	}
	if err := conclusionMachine.Check(a, c.State, ConclusionAgree); err != nil {
		return err
	}
	if settled := latestFindingEvent(a); !m.At.IsZero() && m.At.Before(settled) {
		return refuseGuard(conclusionMachine.Name(), string(c.State), conclusionOp[ConclusionAgree], "after-findings", RuleFindingPhase,
			fmt.Errorf("audit: the conclusions cannot be agreed at %s, before the findings were settled (%s)", timeText(m.At), timeText(settled)))
	}
	return a.fireConclusion(ConclusionAgree, m, func(c *Conclusion) {
		c.Recommendation = ""
		if a.IsCertification() {
			c.Recommendation, _ = deriveRecommendation(a, recommendationAtAgreement)
		}
	})
}

// ReviseConclusion takes agreed conclusions back to draft, so that they
// or the findings can change (AUD-CONCLUSION-PHASE). The recommendation
// goes with the agreement: the next AgreeConclusion derives it again.
func (a *Audit) ReviseConclusion(m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "revise-conclusion", m, &err)
	return a.fireConclusion(ConclusionRevise, m, func(c *Conclusion) { c.Recommendation = "" })
}

// conclusionsAgreed refuses unless the conclusions are agreed (not draft,
// not yet presented).
func conclusionsAgreed(a *Audit) error {
	if a.Conclusion == nil || a.Conclusion.State != ConclusionAgreed {
		return errConclusionsNotAgreed
	}
	return nil
}

// draftFinding returns the index of the first finding still in draft, or
// -1.
func draftFinding(a *Audit) int {
	return slices.IndexFunc(a.Findings, func(f Finding) bool { return f.State == FindingDraft })
}

func guardFindingsSettled(a *Audit) error {
	if i := draftFinding(a); i >= 0 {
		return fmt.Errorf("audit: finding %q is still a draft", a.Findings[i].ID)
	}
	return nil
}

// agreedAt returns when the conclusions in force were agreed, the time of
// the last agree entry of their history, and true, when they are agreed
// or presented; zero and false otherwise. Conclusions agreed without such
// an entry (a broken history, reported as such) give zero and true: they
// are judged against the findings as they stand.
func agreedAt(c *Conclusion) (time.Time, bool) {
	if c == nil || (c.State != ConclusionAgreed && c.State != ConclusionPresented) {
		return time.Time{}, false
	}
	for i := len(c.History) - 1; i >= 0; i-- {
		if c.History[i].Event == ConclusionAgree {
			return c.History[i].At, true
		}
	}
	return time.Time{}, true
}

// latestFindingEvent returns the latest time recorded on a finding of a
// (raised, or an event of its history), or zero: conclusions drawn from
// the findings are not agreed before it.
func latestFindingEvent(a *Audit) time.Time {
	var t time.Time
	for i := range a.Findings {
		if l := findingLast(&a.Findings[i]); l.After(t) {
			t = l
		}
	}
	return t
}

// ncTally counts the nonconformities standing at a time, by grade, with
// the first of each.
type ncTally struct {
	major, minor           int
	firstMajor, firstMinor FindingID
}

// tallyNonconformities counts the nonconformities of a standing at time
// at (zero: now; see standingAt).
func tallyNonconformities(a *Audit, at time.Time) ncTally {
	var t ncTally
	for i := range a.Findings {
		f := &a.Findings[i]
		if f.Kind != Nonconformity || !standingAt(f, at) {
			continue
		}
		switch f.Grade {
		case Major:
			if t.major == 0 {
				t.firstMajor = f.ID
			}
			t.major++
		case Minor:
			if t.minor == 0 {
				t.firstMinor = f.ID
			}
			t.minor++
		}
	}
	return t
}

// fulfilmentProblem says why the degree of fulfilment of c claims more
// than the nonconformities of a standing at time at (zero: now) allow, or
// "" (AUD-CONCLUSION-FULFILMENT): the criteria are not fulfilled while a
// nonconformity stands, nor largely fulfilled while a major one stands
// open. When the conclusions are agreed no follow-up exists yet, so every
// standing major nonconformity is open.
func fulfilmentProblem(a *Audit, c *Conclusion, at time.Time) string {
	if c.Fulfilment != Fulfilled && c.Fulfilment != LargelyFulfilled {
		return ""
	}
	t := tallyNonconformities(a, at)
	switch {
	case t.major > 0:
		return fmt.Sprintf("the criteria are called %s while major nonconformity %q stands open (%d major, %d minor)", c.Fulfilment, t.firstMajor, t.major, t.minor)
	case c.Fulfilment == Fulfilled && t.minor > 0:
		return fmt.Sprintf("the criteria are called fulfilled while nonconformity %q stands (%d minor)", t.firstMinor, t.minor)
	}
	return ""
}

// effectivenessProblem says why c may not call the ISMS effective, or ""
// (AUD-CONCLUSION-EFFECTIVENESS): a major nonconformity stands open at
// time at (the zero time: now).
func effectivenessProblem(a *Audit, c *Conclusion, at time.Time) string {
	if !c.Effective {
		return ""
	}
	if t := tallyNonconformities(a, at); t.major > 0 {
		return fmt.Sprintf("the ISMS is called effective while major nonconformity %q stands open (%d major)", t.firstMajor, t.major)
	}
	return ""
}

func guardEffectiveness(a *Audit) error {
	if a.Conclusion == nil {
		return nil // AUD-CONCLUSION-COMPLETE refuses first
	}
	if p := effectivenessProblem(a, a.Conclusion, time.Time{}); p != "" {
		return errors.New("audit: " + p)
	}
	return nil
}

// objectivesProblem says why c calls the objectives achieved without
// the note it needs, or "" (AUD-CONCLUSION-OBJECTIVES): a note is needed
// when part of the scope was not covered or a checklist item of a was
// not audited.
func objectivesProblem(a *Audit, c *Conclusion) string {
	if !c.ObjectivesAchieved || !isBlank(c.ObjectivesNote) {
		return ""
	}
	if !c.ScopeCovered {
		return "the objectives are called achieved although part of the scope was not covered: say why in the note"
	}
	if cl := a.Checklist; cl != nil {
		for i := range cl.Items {
			if cl.Items[i].NotAuditedReason != "" {
				return fmt.Sprintf("the objectives are called achieved although checklist item %s was not audited: say why in the note", cl.Items[i].Ref)
			}
		}
	}
	return ""
}

func guardFulfilment(a *Audit) error {
	if a.Conclusion == nil {
		return nil // AUD-CONCLUSION-COMPLETE refuses first
	}
	if p := fulfilmentProblem(a, a.Conclusion, time.Time{}); p != "" {
		return errors.New("audit: " + p)
	}
	return nil
}

func guardObjectivesExplained(a *Audit) error {
	if a.Conclusion == nil {
		return nil // AUD-CONCLUSION-COMPLETE refuses first
	}
	if p := objectivesProblem(a, a.Conclusion); p != "" {
		return errors.New("audit: " + p)
	}
	return nil
}

func guardConclusionComplete(a *Audit) error {
	if a.Conclusion == nil {
		return errNoConclusion
	}
	if gaps := conclusionGaps(a.Conclusion); len(gaps) > 0 {
		parts := make([]string, len(gaps))
		for i, g := range gaps {
			parts[i] = g.path + ": " + g.detail
		}
		return errors.New("audit: the conclusions are incomplete: " + strings.Join(parts, "; "))
	}
	return nil
}

// verifyConclusion checks the conclusions.
func (v *verifier) verifyConclusion() {
	a := v.a
	stage := stageOf(a.State)
	c := a.Conclusion
	if c == nil {
		// A closing meeting without conclusions, or with draft ones, is
		// the audit lifecycle's check (AUD-CLOSING-AFTER-CONCLUSIONS).
		return
	}
	if !c.State.IsValid() {
		v.violate("Conclusion.State", RuleRecordShape, string(c.State), "not a conclusion state")
	} else {
		replayTo(v, itemPath{"Conclusion", -1}, conclusionMachine, c.History, c.State)
	}
	if c.Fulfilment != "" && !c.Fulfilment.IsValid() {
		v.violate("Conclusion.Fulfilment", RuleRecordShape, string(c.Fulfilment), "not a degree of fulfilment")
	}
	switch {
	case c.Recommendation != "" && !c.Recommendation.IsValid():
		v.violate("Conclusion.Recommendation", RuleRecordShape, string(c.Recommendation), "not a recommendation")
	case !a.IsCertification() && c.Recommendation != "":
		v.violate("Conclusion.Recommendation", RuleRecommendationDerived, string(c.Recommendation), "only a certification audit carries a recommendation")
	case c.State == ConclusionDraft && c.Recommendation != "":
		v.violate("Conclusion.Recommendation", RuleRecommendationDerived, string(c.Recommendation), "draft conclusions carry no recommendation: it is derived when they are agreed")
	case a.IsCertification() && (c.State == ConclusionAgreed || c.State == ConclusionPresented):
		if problem := recommendationProblem(a, c.Recommendation, v.agreed); problem != "" {
			v.violate("Conclusion.Recommendation", RuleRecommendationDerived, string(c.Recommendation), problem)
		}
	}
	if c.State == ConclusionAgreed || c.State == ConclusionPresented {
		for _, g := range conclusionGaps(c) {
			v.violate("Conclusion."+g.path, RuleConclusionComplete, g.value, g.detail)
		}
		if p := fulfilmentProblem(a, c, v.agreed); p != "" {
			v.violate("Conclusion.Fulfilment", RuleConclusionFulfilment, string(c.Fulfilment), p)
		}
		if p := effectivenessProblem(a, c, v.agreed); p != "" {
			v.violate("Conclusion.Effective", RuleConclusionEffectiveness, "true", p)
		}
		if p := objectivesProblem(a, c); p != "" {
			v.violate("Conclusion.ObjectivesNote", RuleConclusionObjectives, "", p)
		}
	}
	for k, s := range c.Recurring {
		if isBlank(s) {
			v.violate(errs.Index("Conclusion.Recurring", k), RuleRecordShape, "", "a recurring finding needs a description")
		}
	}
	switch stage {
	case stageBefore:
		v.violate("Conclusion", RuleConclusionPhase, "", "conclusions before fieldwork started")
	case stageOpen:
		if a.State == StateFieldwork {
			v.violate("Conclusion", RuleConclusionPhase, "", "conclusions while fieldwork is still going on")
		}
		if c.State == ConclusionPresented {
			v.violate("Conclusion.State", RuleClosingMeeting, string(c.State), "presented before the closing meeting")
		}
	case stagePresented:
		if c.State == ConclusionAgreed {
			v.violate("Conclusion.State", RuleClosingMeeting, string(c.State), "agreed but not presented at the closing meeting")
		}
	}
}
