package audit

import (
	"fmt"
	"slices"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// coreEvents indexes the audit history: the first entry of each event.
type coreEvents map[Event]Entry

// when returns the time of the first entry of event e, and whether the
// history has one.
func (ev coreEvents) when(e Event) (time.Time, bool) {
	en, ok := ev[e]
	return en.At, ok
}

// corePlanStateAt returns the plan's state after every plan history entry at
// or before t; "" when there is no plan.
func corePlanStateAt(p *Plan, t time.Time) PlanState {
	if p == nil {
		return ""
	}
	st := planMachine.Initial()
	for _, e := range p.History {
		if e.At.After(t) {
			break
		}
		st = e.To
	}
	return st
}

// corePlanWasAt reports whether the plan can have been in state want at time
// t: entries at the same instant as an audit event may have come before or
// after it, so any state the plan passed through at t counts.
func corePlanWasAt(p *Plan, t time.Time, want PlanState) bool {
	if p == nil {
		return false
	}
	st := planMachine.Initial()
	for _, e := range p.History {
		if e.At.After(t) {
			break
		}
		if e.At.Equal(t) && st == want {
			return true
		}
		st = e.To
	}
	return st == want
}

// coreReplayViolation reports a history that does not replay through its
// lifecycle, or that ends elsewhere than the recorded state.
func coreReplayViolation[S, E ~string, T any](v *verifier, m *fsm.Machine[S, E, T], path string, h []fsm.Entry[S, E], state S, statePath string) {
	end, err := m.Replay(h)
	if re, ok := err.(*fsm.ReplayError); ok {
		v.violate(errs.Index(path, re.Index), RuleHistoryValid, "", re.Problem)
		return
	}
	if end != state {
		v.violate(statePath, RuleHistoryValid, string(state), "the history ends in "+fmt.Sprintf("%q", string(end)))
	}
}

// verifyCore checks the audit lifecycle and the records of initiation,
// meetings, risks, the checklist, the report, completion and termination.
func (v *verifier) verifyCore() {
	a := v.a
	ch := coreCheck{col: v.col, record: true}

	ch.required("ID", string(a.ID), "the host's id for the audit")
	switch {
	case a.Kind == "":
		ch.shape("Kind", "required", "", "the kind of audit")
	case !a.Kind.IsValid():
		ch.shape("Kind", "enum", string(a.Kind), "not an audit kind")
	}
	ch.required("Client", a.Client, "who asked for the audit")
	ch.required("Auditee", a.Auditee, "the organization audited")
	ch.requiredTime("CreatedAt", a.CreatedAt, "when the record was created")
	ch.required("CreatedBy", a.CreatedBy, "who created the record")
	if a.Baseline != "" && a.Baseline == a.ID {
		ch.shape("Baseline", "self-baseline", string(a.Baseline), "an audit cannot be its own baseline")
	}
	if !a.State.IsValid() {
		ch.shape("State", "enum", string(a.State), "not an audit state")
	}

	coreReplayViolation(v, auditMachine, "History", a.History, a.State, "State")
	if len(a.History) > 0 && a.History[0].At.Before(a.CreatedAt) {
		v.violate("History[0].At", RuleHistoryValid, coreTime(a.History[0].At), "before the record was created")
	}
	ev := make(coreEvents, len(a.History))
	for _, e := range a.History {
		if _, seen := ev[e.Event]; !seen {
			ev[e.Event] = e
		}
	}

	v.coreInitiation(ch, ev)
	v.coreFieldwork(ch, ev)
	v.coreClosing(ch, ev)
	v.coreReport(ch, ev)
	v.coreEnd(ch, ev)
}

func (v *verifier) coreInitiation(ch coreCheck, ev coreEvents) {
	a := v.a
	prepared, ok := ev.when(EventPrepare)
	if a.Contact != nil {
		checkContact(ch, "Contact.", a.Contact)
		if ok && a.Contact.At.After(prepared) {
			v.violate("Contact.At", RuleInitContact, coreTime(a.Contact.At), "contact is established before preparation starts")
		}
	} else if ok {
		v.violate("Contact", RuleInitContact, "", "preparation started without a record of the contact with the auditee")
	}
	if f := a.Feasibility; f != nil {
		checkFeasibility(ch, "Feasibility.", f)
		switch {
		case ok && !f.Feasible():
			v.violate("Feasibility", RuleInitFeasible, "", "preparation started although the audit was found not feasible")
		case ok && f.DecidedAt.After(prepared):
			v.violate("Feasibility.DecidedAt", RuleInitFeasible, coreTime(f.DecidedAt), "feasibility is decided before preparation starts")
		}
	} else if ok {
		v.violate("Feasibility", RuleInitFeasible, "", "preparation started without a feasibility decision")
	}
}

func (v *verifier) coreFieldwork(ch coreCheck, ev coreEvents) {
	a := v.a
	opened, isOpen := ev.when(EventOpen)
	if om := a.Opening; om != nil {
		checkAttendees(ch, "Opening.Attendees", om.Attendees)
		ch.requiredTime("Opening.At", om.At, "when the meeting was held")
		checkOpening(ch, "Opening", om, a)
		switch {
		case !isOpen:
			ch.shape("Opening", "unexpected", "", "an opening meeting is recorded but fieldwork never opened")
		case om.At.After(opened):
			ch.shape("Opening.At", "time-order", coreTime(om.At), "the meeting is recorded after fieldwork opened ("+coreTime(opened)+")")
		}
	} else if isOpen {
		v.violate("Opening", RuleOpeningMeeting, "", "fieldwork opened without a record of the opening meeting")
	}
	if isOpen && !corePlanWasAt(a.Plan, opened, PlanCommunicated) {
		v.violate("Plan", RuleOpenAfterPlan, string(corePlanStateAt(a.Plan, opened)), "fieldwork opened before the plan was approved and communicated")
	}

	seen := make(map[string]int, len(a.Risks))
	for i := range a.Risks {
		r := &a.Risks[i]
		path := errs.Index("Risks", i)
		checkRisk(ch, path, r)
		if j, dup := seen[r.ID]; dup && r.ID != "" {
			ch.shape(path+".ID", "unique", r.ID, fmt.Sprintf("the same id as Risks[%d]", j))
		} else {
			seen[r.ID] = i
		}
		if !isOpen {
			v.violate(path, RuleRiskEscalated, r.ID, "a risk is recorded but fieldwork never opened")
		}
	}

	if cl := a.Checklist; cl != nil {
		var has func(ismsaudit.EvidenceID) bool
		if isOpen {
			has = func(id ismsaudit.EvidenceID) bool { return v.evidenceAt(id) >= 0 }
		}
		checkChecklist(ch, "Checklist", cl, a, has)
	}
	ended, isEnded := ev.when(EventEndFieldwork)
	if !isEnded {
		return
	}
	if cl := a.Checklist; cl != nil {
		for i := range cl.Items {
			if cl.Items[i].Pending() {
				v.violate(errs.Index("Checklist.Items", i), RuleFieldworkCovered, cl.Items[i].Ref.String(), "fieldwork ended with the item neither assessed nor marked not audited")
			}
			for j, ref := range cl.Items[i].EvidenceRefs {
				if k := v.evidenceAt(ismsaudit.EvidenceID(ref)); k >= 0 && !evEverVerified(&a.Evidence[k]) {
					v.violate(errs.Index(errs.Index("Checklist.Items", i)+".EvidenceRefs", j), RuleEvidenceVerified, string(ref), "fieldwork ended with the result resting on information that was never verified")
				}
			}
		}
	}
	if st := corePlanStateAt(a.Plan, ended); a.Plan != nil && !corePlanWasAt(a.Plan, ended, PlanCommunicated) {
		v.violate("Plan", RulePlanCommunicated, string(st), "fieldwork ended while the revised plan was not approved and communicated")
	}
}

func (v *verifier) coreClosing(ch coreCheck, ev coreEvents) {
	a := v.a
	closed, isClosed := ev.when(EventHoldClosingMeeting)
	if cm := a.Closing; cm != nil {
		checkAttendees(ch, "Closing.Attendees", cm.Attendees)
		ch.texts("Closing.DivergingOpinions", cm.DivergingOpinions, "a diverging opinion cannot be empty")
		ch.requiredTime("Closing.At", cm.At, "when the meeting was held")
		checkClosing(ch, "Closing", cm, a, a.coreDisputedBefore(closed))
		switch {
		case !isClosed:
			ch.shape("Closing", "unexpected", "", "a closing meeting is recorded but none was held")
		case cm.At.After(closed):
			ch.shape("Closing.At", "time-order", coreTime(cm.At), "the meeting is recorded after it moved the audit ("+coreTime(closed)+")")
		}
		if a.Opening != nil && cm.At.Before(a.Opening.At) {
			ch.shape("Closing.At", "time-order", coreTime(cm.At), "the closing meeting precedes the opening meeting")
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

func (v *verifier) coreReport(ch coreCheck, ev coreEvents) {
	a := v.a
	_, isIssued := ev.when(EventIssueReport)
	closed, isClosed := ev.when(EventHoldClosingMeeting)
	r := a.Report
	if r == nil {
		if isIssued {
			v.violate("Report", RuleReportAfterClosing, "", "the report was issued without a record of it")
		}
		return
	}
	if !isIssued {
		ch.shape("Report", "unexpected", "", "a report is recorded but none was issued")
	}
	if r.Version < 1 {
		ch.shape("Report.Version", "min", fmt.Sprint(r.Version), "versions count from 1")
	}
	ch.requiredTime("Report.IssuedAt", r.IssuedAt, "when the report was issued")
	ch.required("Report.IssuedBy", r.IssuedBy, "who issued it")
	switch {
	case !isClosed:
		v.violate("Report", RuleReportAfterClosing, "", "a report is recorded but no closing meeting was held")
	case r.IssuedAt.Before(closed):
		v.violate("Report.IssuedAt", RuleReportAfterClosing, coreTime(r.IssuedAt), "issued before the closing meeting ("+coreTime(closed)+")")
	}
	distributed, isDistributed := ev.when(EventDistribute)
	if isDistributed && len(r.Distribution) == 0 {
		v.violate("Report.Distribution", RuleReportDistributed, "", "the report was distributed without a record of who received it")
	}
	if !isDistributed && len(r.Distribution) > 0 {
		ch.shape("Report.Distribution", "unexpected", "", "distributions are recorded but the report was never distributed")
	}
	last := r.IssuedAt
	for i, d := range r.Distribution {
		path := errs.Index("Report.Distribution", i)
		checkRecipient(ch, path+".Recipient", d.Recipient)
		if d.Version < 1 || d.Version > r.Version {
			ch.shape(path+".Version", "range", fmt.Sprint(d.Version), fmt.Sprintf("an issued version, 1 to %d", r.Version))
		}
		ch.requiredTime(path+".At", d.At, "when the recipient received the report")
		ch.required(path+".By", d.By, "who sent it")
		if d.At.Before(last) {
			ch.shape(path+".At", "time-order", coreTime(d.At), "before the report was issued or the previous distribution")
		}
		if !d.At.IsZero() {
			last = d.At
		}
		if i == 0 && isDistributed && d.At.After(distributed) {
			ch.shape(path+".At", "time-order", coreTime(d.At), "the first distribution is recorded after it moved the audit ("+coreTime(distributed)+")")
		}
	}
}

func (v *verifier) coreEnd(ch coreCheck, ev coreEvents) {
	a := v.a
	completed, isCompleted := ev.when(EventComplete)
	if c := a.Completion; c != nil {
		ch.texts("Completion.LessonsLearned", c.LessonsLearned, "a lesson cannot be empty")
		checkCompletion(ch, "Completion", c)
		if !isCompleted {
			ch.shape("Completion", "unexpected", "", "a completion is recorded but the audit was never completed")
		}
	} else if isCompleted {
		v.violate("Completion", RuleCompleteRecords, "", "the audit was completed without a record of how its records are kept")
	}
	if isCompleted {
		if a.Report == nil || len(a.Report.Distribution) == 0 || a.Report.Distribution[0].At.After(completed) {
			v.violate("Report.Distribution", RuleCompleteAfterDistribution, "", "the audit was completed before its report was distributed")
		}
	}
	if a.State == StateClosed {
		// As coreOpenFollowUps: a standing nonconformity is open unless
		// a follow-up of it is closed.
		closed := make([]bool, len(a.Findings))
		for j := range a.FollowUps {
			if i := v.followUpFinding[j]; i >= 0 && a.FollowUps[j].State == FollowUpClosed {
				closed[i] = true
			}
		}
		for i := range a.Findings {
			if !coreStandingNC(&a.Findings[i]) || closed[i] {
				continue
			}
			v.violate(errs.Index("Findings", i), RuleCloseFollowUps, string(a.Findings[i].ID), "the audit is closed but the nonconformity's corrective action is not verified effective")
		}
	}
	_, isTerminated := ev.when(EventTerminate)
	if t := a.Termination; t != nil {
		if isBlank(t.Reason) {
			v.violate("Termination.Reason", RuleTerminateReason, "", "an audit stopped before completion records why")
		}
		ch.requiredTime("Termination.At", t.At, "when the audit was stopped")
		ch.required("Termination.By", t.By, "who stopped it")
		if !isTerminated {
			ch.shape("Termination", "unexpected", "", "a termination is recorded but the audit was never terminated")
		}
	} else if isTerminated {
		v.violate("Termination", RuleTerminateReason, "", "the audit was terminated without a record of why")
	}
}

// verifyPlan checks the team, the plan, its versions and history and,
// when a pool is given, competence and independence. The sampling plans
// are checked with the evidence (verifyEvidence).
func (v *verifier) verifyPlan() {
	a := v.a
	ch := coreCheck{col: v.col, record: true}
	p := a.Plan
	approved := p != nil && len(p.Versions) > 0
	if len(a.Team) > 0 {
		checkTeam(ch, "Team", a.Team)
	} else if approved {
		v.violate("Team", RuleTeamLeader, "", "an approved plan needs a team with one team leader")
	}
	if p == nil {
		return
	}
	if !p.State.IsValid() {
		ch.shape("Plan.State", "enum", string(p.State), "not a plan state")
	}
	coreReplayViolation(v, planMachine, "Plan.History", p.History, p.State, "Plan.State")

	prepared, isPrepared := a.coreFirst(EventPrepare)
	ended, isEnded := a.coreFirst(EventEndFieldwork)
	k := 0
	for i, e := range p.History {
		path := errs.Index("Plan.History", i)
		if !isPrepared || e.At.Before(prepared) || (isEnded && e.At.After(ended)) {
			v.violate(path, RulePlanWhen, string(e.Event), "the plan changes only from preparation until fieldwork ends")
		}
		if e.Event != PlanApprove {
			continue
		}
		if k < len(p.Versions) {
			pv := &p.Versions[k]
			if !pv.ApprovedAt.Equal(e.At) || pv.ApprovedBy != e.By {
				v.violate(errs.Index("Plan.Versions", k), RulePlanReapproved, fmt.Sprint(pv.Version), "the version does not match approval "+path)
			}
		}
		k++
	}
	if k != len(p.Versions) {
		v.violate("Plan.Versions", RulePlanReapproved, fmt.Sprint(len(p.Versions)), fmt.Sprintf("%d approvals in the history, one version each", k))
	}
	for i := range p.Versions {
		pv := &p.Versions[i]
		path := errs.Index("Plan.Versions", i)
		if pv.Version != i+1 {
			v.violate(path+".Version", RulePlanReapproved, fmt.Sprint(pv.Version), fmt.Sprintf("versions count from 1: want %d", i+1))
		}
		checkPlanShape(ch, path+".Content", &pv.Content)
		checkPlanComplete(ch, path+".Content", &pv.Content)
	}
	if p.State == PlanDraft || !approved {
		checkPlanShape(ch, "Plan.Content", &p.Content)
		return
	}
	latest := &p.Versions[len(p.Versions)-1]
	if !corePlanContentEqual(&p.Content, &latest.Content) {
		v.violate("Plan.Content", RulePlanReapproved, "", fmt.Sprintf("the %s plan differs from its approved version %d", p.State, latest.Version))
	}
	checkPlanAssigned(ch, "Plan.Content", &p.Content, a)
	if v.opts.Pool != nil {
		pc := &PlanCheck{Pool: v.opts.Pool, AuditorSet: v.opts.AuditorSet, LeaderSet: v.opts.LeaderSet, Independence: v.opts.Independence}
		checkPlanCompetent(ch, "Plan.Content", &p.Content, a, pc)
		checkPlanIndependent(ch, a, &p.Content, pc)
	}
}

// coreDisputedBefore reports whether some finding was disputed before t.
// Only a disputed or resolved finding can have been, so only their
// histories are read.
func (a *Audit) coreDisputedBefore(t time.Time) bool {
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

// coreFirst returns the time of the first audit history entry of event e.
func (a *Audit) coreFirst(e Event) (time.Time, bool) {
	for _, en := range a.History {
		if en.Event == e {
			return en.At, true
		}
	}
	return time.Time{}, false
}

// corePlanContentEqual reports whether two plan contents say the same: equal
// texts and references, equal instants (whatever their location), and no
// difference between an empty and a missing list.
func corePlanContentEqual(x, y *PlanContent) bool {
	return slices.Equal(x.Objectives, y.Objectives) &&
		x.Scope.ISMS == y.Scope.ISMS &&
		slices.Equal(x.Scope.Units, y.Scope.Units) &&
		slices.Equal(x.Scope.Locations, y.Scope.Locations) &&
		slices.Equal(x.Scope.Processes, y.Scope.Processes) &&
		x.Scope.From.Equal(y.Scope.From) && x.Scope.To.Equal(y.Scope.To) &&
		slices.Equal(x.Criteria, y.Criteria) &&
		slices.Equal(x.Locations, y.Locations) &&
		x.Start.Equal(y.Start) && x.End.Equal(y.End) &&
		slices.EqualFunc(x.Schedule, y.Schedule, func(s, t Activity) bool {
			return s.Title == t.Title && s.Location == t.Location && s.Start.Equal(t.Start) && s.End.Equal(t.End) &&
				slices.Equal(s.Auditors, t.Auditors) && slices.Equal(s.Criteria, t.Criteria)
		}) &&
		slices.Equal(x.Methods, y.Methods) &&
		x.SamplingApproach == y.SamplingApproach &&
		slices.Equal(x.Assignments, y.Assignments) &&
		slices.Equal(x.Risks, y.Risks)
}
