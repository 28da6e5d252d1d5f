package audit

import (
	"errors"
	"slices"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// Attendee is a person at a meeting.
type Attendee struct {
	Name         string `json:"name"`
	Organization string `json:"organization,omitempty"`
	Role         string `json:"role,omitempty"`
}

// OpeningMeeting records the opening meeting (19011 6.4.3).
type OpeningMeeting struct {
	// HeldAt is when the meeting was held: the meeting's own time, which
	// the operation's Meta.At (when it is recorded) may follow; left zero,
	// it is Meta.At.
	HeldAt    time.Time  `json:"heldAt"`
	Attendees []Attendee `json:"attendees"`
	// PlanConfirmed and ScopeConfirmed record that the plan and the scope
	// were confirmed with the auditee.
	PlanConfirmed  bool `json:"planConfirmed"`
	ScopeConfirmed bool `json:"scopeConfirmed"`
	// RolesExplained records that the roles of guides and observers were
	// explained (6.4.2).
	RolesExplained bool   `json:"rolesExplained"`
	Notes          string `json:"notes,omitempty"`
}

// ClosingMeeting records the closing meeting (19011 6.4.10).
type ClosingMeeting struct {
	// HeldAt is when the meeting was held: the meeting's own time, which
	// the operation's Meta.At (when it is recorded) may follow; left zero,
	// it is Meta.At.
	HeldAt               time.Time  `json:"heldAt"`
	Attendees            []Attendee `json:"attendees"`
	FindingsPresented    bool       `json:"findingsPresented"`
	ConclusionsPresented bool       `json:"conclusionsPresented"`
	// DivergingOpinions notes opinions the auditee does not share with the
	// team; disputed findings carry theirs too.
	DivergingOpinions []string `json:"divergingOpinions,omitempty"`
	// AgreedFollowUp records what was agreed about follow-up.
	AgreedFollowUp string `json:"agreedFollowUp,omitempty"`
	Notes          string `json:"notes,omitempty"`
}

// The rules of meeting.
const (
	RuleOpenAfterPlan           ismsaudit.RuleID = "AUD-OPEN-AFTER-PLAN"
	RuleOpeningMeeting          ismsaudit.RuleID = "AUD-OPENING-MEETING"
	RuleClosingAfterConclusions ismsaudit.RuleID = "AUD-CLOSING-AFTER-CONCLUSIONS"
	RuleClosingMeeting          ismsaudit.RuleID = "AUD-CLOSING-MEETING"
)

var meetingRules = []ismsaudit.Rule{
	{ID: RuleOpenAfterPlan, Clause: "19011:6.4.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "fieldwork opens only after the audit plan is approved and communicated to the auditee"},
	{ID: RuleOpeningMeeting, Clause: "19011:6.4.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the opening meeting records its attendees, confirms plan and scope, and explains the roles of guides and observers"},
	{ID: RuleClosingAfterConclusions, Clause: "19011:6.4.10", Principle: ismsaudit.PrincipleEvidenceBased, Text: "the closing meeting is held only after the team has agreed its conclusions"},
	{ID: RuleClosingMeeting, Clause: "19011:6.4.10", Principle: ismsaudit.PrincipleFairPresentation, Text: "the closing meeting records its attendees, presents findings and conclusions, and records diverging opinions and the agreed follow-up"},
}

var (
	errNoPlan              = errors.New("no audit plan is drafted")
	errPlanNotCommunicated = errors.New("the audit plan is not approved and communicated to the auditee")
	errConclusionsDraft    = errors.New("the conclusions are not agreed by the team")
)

// HoldOpeningMeeting records the opening meeting (19011 6.4.3) and opens
// the fieldwork: the audit moves from preparation to fieldwork. It is
// refused unless the plan is approved and communicated to the auditee
// (AUD-OPEN-AFTER-PLAN) and the meeting has attendees, confirmed the plan
// and the scope, and explained the roles of guides and observers when the
// team has any (AUD-OPENING-MEETING). om.HeldAt (m.At when zero) must not be after m.At.
func (a *Audit) HoldOpeningMeeting(om OpeningMeeting, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "hold-opening-meeting", m, &err)
	if err := a.precheck(EventOpen); err != nil {
		return err
	}
	ch := &checker{subject: "opening meeting"}
	ownTime(&om.HeldAt, m)
	checkAttendees(ch, "Attendees", om.Attendees)
	ch.requiredTime("HeldAt", om.HeldAt, "when the meeting was held")
	ch.notAfter("HeldAt", om.HeldAt, m.At, "the meeting")
	if err := ch.err(); err != nil {
		return err
	}
	e, err := a.fireEvent(EventOpen, &auditInput{opening: &om}, m)
	if err != nil {
		return err
	}
	if a.Opening != nil {
		return recordConflict("opening meeting", "Opening", "an opening meeting is already recorded")
	}
	om.Attendees = slices.Clone(om.Attendees)
	a.Opening = &om
	a.advance(e)
	return nil
}

// checkAttendees checks a meeting's attendee list.
func checkAttendees(ch *checker, path string, list []Attendee) {
	for i, at := range list {
		ch.required(errs.Index(path, i)+".Name", at.Name, "the attendee's name")
	}
}

// checkOpening checks an opening meeting against AUD-OPENING-MEETING.
func checkOpening(ch *checker, prefix string, om *OpeningMeeting, a *Audit) {
	p := func(s string) string { return errs.JoinPath(prefix, s) }
	if len(om.Attendees) == 0 {
		ch.rule(p("Attendees"), RuleOpeningMeeting, "", "the meeting records who attended")
	}
	if !om.PlanConfirmed {
		ch.rule(p("PlanConfirmed"), RuleOpeningMeeting, "", "the plan is confirmed with the auditee")
	}
	if !om.ScopeConfirmed {
		ch.rule(p("ScopeConfirmed"), RuleOpeningMeeting, "", "the scope is confirmed with the auditee")
	}
	if !om.RolesExplained && a.hasGuidesOrObservers() {
		ch.rule(p("RolesExplained"), RuleOpeningMeeting, "", "the roles of the guides and observers are explained")
	}
}

// checkPlanReadyToOpen is the guard of the opening meeting: the plan is
// approved and communicated.
func checkPlanReadyToOpen(s auditSubject) error {
	switch p := s.a.Plan; {
	case p == nil:
		return errNoPlan
	case p.State != PlanCommunicated:
		return errPlanNotCommunicated
	}
	return nil
}

// checkPlanSettled is the guard of the end of fieldwork: a plan revised
// during fieldwork is approved and communicated again.
func checkPlanSettled(s auditSubject) error { return checkPlanReadyToOpen(s) }

func checkOpeningInput(s auditSubject) error {
	if s.in == nil {
		return nil
	}
	ch := &checker{subject: "opening meeting"}
	checkOpening(ch, "", s.in.opening, s.a)
	return ch.err()
}

// checkConclusionsAgreed is the guard of the closing meeting: the team
// has agreed its conclusions.
func checkConclusionsAgreed(s auditSubject) error {
	switch c := s.a.Conclusion; {
	case c == nil:
		return errNoConclusion
	case c.State == ConclusionDraft || c.State == "":
		return errConclusionsDraft
	}
	return nil
}

// HoldClosingMeeting records the closing meeting (19011 6.4.10): the audit
// moves from findings to closing, and every confirmed finding and the
// conclusions are presented (one history entry each), all as one
// operation. It is refused unless the team has agreed its conclusions
// (AUD-CLOSING-AFTER-CONCLUSIONS) and the meeting has attendees, presented
// the findings and the conclusions, recorded diverging opinions when a
// finding is disputed, and recorded the agreed follow-up when there are
// nonconformities (AUD-CLOSING-MEETING). cm.HeldAt must not be after m.At nor
// before the opening meeting.
func (a *Audit) HoldClosingMeeting(cm ClosingMeeting, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "hold-closing-meeting", m, &err)
	if err := a.precheck(EventHoldClosingMeeting); err != nil {
		return err
	}
	ch := &checker{subject: "closing meeting"}
	ownTime(&cm.HeldAt, m)
	checkAttendees(ch, "Attendees", cm.Attendees)
	ch.texts("DivergingOpinions", cm.DivergingOpinions, "a diverging opinion cannot be empty")
	ch.requiredTime("HeldAt", cm.HeldAt, "when the meeting was held")
	ch.notAfter("HeldAt", cm.HeldAt, m.At, "the meeting")
	if a.Opening != nil && !cm.HeldAt.IsZero() && cm.HeldAt.Before(a.Opening.HeldAt) {
		ch.shape("HeldAt", "time-order", timeText(cm.HeldAt), "the closing meeting cannot precede the opening meeting")
	}
	if err := ch.err(); err != nil {
		return err
	}
	e, err := a.fireEvent(EventHoldClosingMeeting, &auditInput{closing: &cm}, m)
	if err != nil {
		return err
	}
	if a.Closing != nil {
		return recordConflict("closing meeting", "Closing", "a closing meeting is already recorded")
	}
	present, err := a.prepareClosingPresentation(m)
	if err != nil {
		return err
	}
	cm.Attendees = slices.Clone(cm.Attendees)
	cm.DivergingOpinions = slices.Clone(cm.DivergingOpinions)
	a.Closing = &cm
	a.advance(e)
	present()
	return nil
}

// checkClosing checks a closing meeting against AUD-CLOSING-MEETING;
// disputed says whether some finding was disputed when the meeting was
// held.
func checkClosing(ch *checker, prefix string, cm *ClosingMeeting, a *Audit, disputed bool) {
	p := func(s string) string { return errs.JoinPath(prefix, s) }
	if len(cm.Attendees) == 0 {
		ch.rule(p("Attendees"), RuleClosingMeeting, "", "the meeting records who attended")
	}
	if !cm.FindingsPresented {
		ch.rule(p("FindingsPresented"), RuleClosingMeeting, "", "the findings are presented to the auditee")
	}
	if !cm.ConclusionsPresented {
		ch.rule(p("ConclusionsPresented"), RuleClosingMeeting, "", "the conclusions are presented to the auditee")
	}
	if len(cm.DivergingOpinions) == 0 && disputed {
		ch.rule(p("DivergingOpinions"), RuleClosingMeeting, "", "a finding is disputed: the meeting records the diverging opinions")
	}
	if isBlank(cm.AgreedFollowUp) && a.hasNonconformities() {
		ch.rule(p("AgreedFollowUp"), RuleClosingMeeting, "", "there are nonconformities: the meeting records the follow-up agreed")
	}
}

func checkClosingInput(s auditSubject) error {
	if s.in == nil {
		return nil
	}
	ch := &checker{subject: "closing meeting"}
	disputed := false
	for i := range s.a.Findings {
		disputed = disputed || s.a.Findings[i].State == FindingDisputed
	}
	checkClosing(ch, "", s.in.closing, s.a, disputed)
	return ch.err()
}

// prepareClosingPresentation checks that every confirmed finding and the
// agreed conclusions can be presented at the closing meeting described by
// m, and returns the function that presents them (one history entry each).
// HoldClosingMeeting applies it together with its own changes, so the
// meeting happens whole or not at all.
//
// It refuses, with a *ismsaudit.TransitionError on the audit lifecycle's
// hold-closing-meeting event, when the audit is not in the findings stage,
// when the conclusions are not agreed (AUD-CLOSING-AFTER-CONCLUSIONS) or
// when a finding is still a draft (AUD-CONCLUSION-AFTER-FINDINGS); and
// with the finding or conclusion lifecycle's own refusal when m cannot be
// recorded on one of them (no time or actor, or a time before its last
// entry). Withdrawn findings are not presented.
func (a *Audit) prepareClosingPresentation(m ismsaudit.Meta) (apply func(), err error) {
	const op = string(EventHoldClosingMeeting)
	if err := a.requireState(op, RuleClosingAfterConclusions, StateFindings); err != nil {
		return nil, err
	}
	refuse := func(guard string, rule ismsaudit.RuleID, cause error) error {
		return &ismsaudit.TransitionError{
			Machine: auditMachine.Name(), State: string(a.State), Event: op, Reason: ismsaudit.ReasonGuard,
			Guard: guard, Rule: rule, Detail: cause.Error(), Err: cause,
		}
	}
	if err := conclusionsAgreed(a); err != nil {
		return nil, refuse("conclusions-agreed", RuleClosingAfterConclusions, err)
	}
	if err := guardFindingsSettled(a); err != nil {
		return nil, refuse("findings-settled", RuleConclusionAfterFindings, err)
	}
	c := a.Conclusion
	ce, err := conclusionMachine.Fire(a, c.State, fsm.Last(c.History), ConclusionPresent, m)
	if err != nil {
		return nil, err
	}
	type presentation struct {
		i int
		e FindingEntry
	}
	var shown []presentation
	for i := range a.Findings {
		f := &a.Findings[i]
		if f.State != FindingConfirmed {
			continue
		}
		e, err := findingMachine.Fire(findingSubject{a: a, f: f, in: findingInput{given: true, at: m.At, by: m.By}}, f.State, findingLast(f), FindingPresent, m)
		if err != nil {
			return nil, err
		}
		shown = append(shown, presentation{i, e})
	}
	return func() {
		for _, p := range shown {
			f := &a.Findings[p.i]
			f.State = p.e.To
			f.History = append(f.History, p.e)
		}
		c.State = ce.To
		c.History = append(c.History, ce)
	}, nil
}

// disputedBefore reports whether some finding was disputed before t.
// Only a disputed or resolved finding can have been, so only their
// histories are read.
func (a *Audit) disputedBefore(t time.Time) bool {
	for i := range a.Findings {
		f := &a.Findings[i]
		if f.State != FindingDisputed && f.State != FindingResolved {
			continue
		}
		for _, e := range f.History {
			if e.Event == FindingDispute && e.At.Before(t) {
				return true
			}
		}
	}
	return false
}

func (v *verifier) verifyClosing(ch *checker, ev eventTimes) {
	a := v.a
	closed, isClosed := ev.when(EventHoldClosingMeeting)
	if cm := a.Closing; cm != nil {
		checkAttendees(ch, "Closing.Attendees", cm.Attendees)
		ch.texts("Closing.DivergingOpinions", cm.DivergingOpinions, "a diverging opinion cannot be empty")
		ch.requiredTime("Closing.HeldAt", cm.HeldAt, "when the meeting was held")
		checkClosing(ch, "Closing", cm, a, a.disputedBefore(closed))
		switch {
		case !isClosed:
			ch.shape("Closing", "unexpected", "", "a closing meeting is recorded but none was held")
		case cm.HeldAt.After(closed):
			ch.shape("Closing.HeldAt", "time-order", timeText(cm.HeldAt), "the meeting is recorded after it moved the audit ("+timeText(closed)+")")
		}
		if a.Opening != nil && cm.HeldAt.Before(a.Opening.HeldAt) {
			ch.shape("Closing.HeldAt", "time-order", timeText(cm.HeldAt), "the closing meeting precedes the opening meeting")
		}
	} else if isClosed {
		v.violate("Closing", RuleClosingMeeting, "", "the closing meeting was held without a record of it")
	}
	if isClosed {
		switch c := a.Conclusion; {
		case c == nil:
			v.violate("Conclusion", RuleClosingAfterConclusions, "", "the closing meeting was held without conclusions")
		case c.State == ConclusionDraft:
			v.violate("Conclusion.State", RuleClosingAfterConclusions, string(c.State), "the conclusions are still a draft")
		}
	}
}

// verifyOpening checks the opening meeting's record and that fieldwork
// opened on a communicated plan (AUD-OPENING-MEETING, AUD-OPEN-AFTER-PLAN).
func (v *verifier) verifyOpening(ch *checker, ev eventTimes) {
	a := v.a
	opened, isOpen := ev.when(EventOpen)
	if om := a.Opening; om != nil {
		checkAttendees(ch, "Opening.Attendees", om.Attendees)
		ch.requiredTime("Opening.HeldAt", om.HeldAt, "when the meeting was held")
		checkOpening(ch, "Opening", om, a)
		switch {
		case !isOpen:
			ch.shape("Opening", "unexpected", "", "an opening meeting is recorded but fieldwork never opened")
		case om.HeldAt.After(opened):
			ch.shape("Opening.HeldAt", "time-order", timeText(om.HeldAt), "the meeting is recorded after fieldwork opened ("+timeText(opened)+")")
		}
	} else if isOpen {
		v.violate("Opening", RuleOpeningMeeting, "", "fieldwork opened without a record of the opening meeting")
	}
	if isOpen && !planWasAt(a.Plan, opened, PlanCommunicated) {
		v.violate("Plan", RuleOpenAfterPlan, string(planStateAt(a.Plan, opened)), "fieldwork opened before the plan was approved and communicated")
	}
}
