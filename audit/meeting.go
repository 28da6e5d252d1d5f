package audit

import (
	"errors"
	"slices"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// HoldOpeningMeeting records the opening meeting (19011 6.4.3) and opens
// the fieldwork: the audit moves from preparation to fieldwork. It is
// refused unless the plan is approved and communicated to the auditee
// (AUD-OPEN-AFTER-PLAN) and the meeting has attendees, confirmed the plan
// and the scope, and explained the roles of guides and observers when the
// team has any (AUD-OPENING-MEETING). om.At must not be after m.At.
func (a *Audit) HoldOpeningMeeting(om OpeningMeeting, m ismsaudit.Meta) error {
	if err := a.corePrecheck(EventOpen); err != nil {
		return err
	}
	ch := coreCheck{col: newCollector("opening meeting")}
	checkAttendees(ch, "Attendees", om.Attendees)
	ch.requiredTime("At", om.At, "when the meeting was held")
	coreNotAfter(ch, "At", om.At, m.At, "the meeting")
	if err := ch.col.Err(); err != nil {
		return err
	}
	e, err := a.coreFireEvent(EventOpen, &auditInput{opening: &om}, m)
	if err != nil {
		return err
	}
	if a.Opening != nil {
		return a.coreRecordConflict("opening meeting", "Opening", "an opening meeting is already recorded")
	}
	om.Attendees = slices.Clone(om.Attendees)
	a.Opening = &om
	a.coreAdvance(e)
	return nil
}

// checkAttendees checks a meeting's attendee list.
func checkAttendees(ch coreCheck, path string, list []Attendee) {
	for i, at := range list {
		ch.required(errs.Index(path, i)+".Name", at.Name, "the attendee's name")
	}
}

// checkOpening checks an opening meeting against AUD-OPENING-MEETING.
func checkOpening(ch coreCheck, prefix string, om *OpeningMeeting, a *Audit) {
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
	if !om.RolesExplained && a.coreHasGuidesOrObservers() {
		ch.rule(p("RolesExplained"), RuleOpeningMeeting, "", "the roles of the guides and observers are explained")
	}
}

var (
	errCoreNoPlan              = errors.New("no audit plan is drafted")
	errCorePlanNotCommunicated = errors.New("the audit plan is not approved and communicated to the auditee")
	errCoreNoConclusion        = errors.New("no conclusions are drafted")
	errCoreConclusionDraft     = errors.New("the conclusions are not agreed by the team")
	errCoreNoClosingMeeting    = errors.New("no closing meeting is recorded")
)

// checkPlanReadyToOpen is the guard of the opening meeting: the plan is
// approved and communicated.
func checkPlanReadyToOpen(s auditSubject) error {
	switch p := s.a.Plan; {
	case p == nil:
		return errCoreNoPlan
	case p.State != PlanCommunicated:
		return errCorePlanNotCommunicated
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
	ch := coreCheck{col: newCollector("opening meeting")}
	checkOpening(ch, "", s.in.opening, s.a)
	return ch.col.Err()
}

// checkConclusionsAgreed is the guard of the closing meeting: the team
// has agreed its conclusions.
func checkConclusionsAgreed(s auditSubject) error {
	switch c := s.a.Conclusion; {
	case c == nil:
		return errCoreNoConclusion
	case c.State == ConclusionDraft || c.State == "":
		return errCoreConclusionDraft
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
// nonconformities (AUD-CLOSING-MEETING). cm.At must not be after m.At nor
// before the opening meeting.
func (a *Audit) HoldClosingMeeting(cm ClosingMeeting, m ismsaudit.Meta) error {
	if err := a.corePrecheck(EventHoldClosingMeeting); err != nil {
		return err
	}
	ch := coreCheck{col: newCollector("closing meeting")}
	checkAttendees(ch, "Attendees", cm.Attendees)
	ch.texts("DivergingOpinions", cm.DivergingOpinions, "a diverging opinion cannot be empty")
	ch.requiredTime("At", cm.At, "when the meeting was held")
	coreNotAfter(ch, "At", cm.At, m.At, "the meeting")
	if a.Opening != nil && !cm.At.IsZero() && cm.At.Before(a.Opening.At) {
		ch.shape("At", "time-order", coreTime(cm.At), "the closing meeting cannot precede the opening meeting")
	}
	if err := ch.col.Err(); err != nil {
		return err
	}
	e, err := a.coreFireEvent(EventHoldClosingMeeting, &auditInput{closing: &cm}, m)
	if err != nil {
		return err
	}
	if a.Closing != nil {
		return a.coreRecordConflict("closing meeting", "Closing", "a closing meeting is already recorded")
	}
	present, err := a.prepareClosingPresentation(m)
	if err != nil {
		return err
	}
	cm.Attendees = slices.Clone(cm.Attendees)
	cm.DivergingOpinions = slices.Clone(cm.DivergingOpinions)
	a.Closing = &cm
	a.coreAdvance(e)
	present()
	return nil
}

// checkClosing checks a closing meeting against AUD-CLOSING-MEETING;
// disputed says whether some finding was disputed when the meeting was
// held.
func checkClosing(ch coreCheck, prefix string, cm *ClosingMeeting, a *Audit, disputed bool) {
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
	if isBlank(cm.AgreedFollowUp) && a.coreHasNonconformities() {
		ch.rule(p("AgreedFollowUp"), RuleClosingMeeting, "", "there are nonconformities: the meeting records the follow-up agreed")
	}
}

func checkClosingInput(s auditSubject) error {
	if s.in == nil {
		return nil
	}
	ch := coreCheck{col: newCollector("closing meeting")}
	disputed := false
	for i := range s.a.Findings {
		disputed = disputed || s.a.Findings[i].State == FindingDisputed
	}
	checkClosing(ch, "", s.in.closing, s.a, disputed)
	return ch.col.Err()
}
