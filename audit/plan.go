package audit

import (
	"fmt"
	"slices"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// The approval guards.

// PlanCheck asks ApprovePlan (and VerifyOptions.Competence asks Verify) to check the
// team against a competence pool as well: every assigned auditor competent
// at the plan's start for the criteria set of their role
// (AUD-PLAN-COMPETENT), and every team member who audits or advises
// independent of the audit's scope (AUD-PLAN-INDEPENDENT).
type PlanCheck struct {
	// Pool holds the auditors' records and the competence scheme. Without
	// a pool, competence and independence are not checked.
	Pool *competence.Pool
	// AuditorSet is the criteria set auditors and trainees' co-auditors are
	// judged by; empty means competence.InternalISMSAuditorSet for an
	// internal audit and competence.ISMSAuditorSet otherwise.
	AuditorSet competence.CriteriaSetID
	// LeaderSet is the criteria set the team leader is judged by; empty
	// means competence.ISMSTeamLeaderSet.
	LeaderSet competence.CriteriaSetID
	// Independence configures the independence check; nil means the
	// competence package's default cooling-off period.
	Independence *competence.IndependenceOptions
}

// Scope is the extent and boundaries of the audit (19011 3.5, 5.5.2).
type Scope struct {
	// ISMS is the ISMS scope statement the audit works within.
	ISMS string `json:"isms,omitempty"`
	// Units, Locations and Processes name what is audited.
	Units     []string `json:"units,omitempty"`
	Locations []string `json:"locations,omitempty"`
	Processes []string `json:"processes,omitempty"`
	// From and To bound the period of activity the audit looks at.
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
}

// Criterion is one audit criterion (19011 3.7): a 27001 clause, an Annex A
// control, or another document such as a policy, law or contract.
type Criterion struct {
	Ref annexa.Ref `json:"ref"`
	// Title names a document criterion; clause and control titles come
	// from the catalogue.
	Title string `json:"title,omitempty"`
}

// Method is one audit method in the plan (19011 Annex A.1, Table A.1):
// where it is applied and whether it involves people.
type Method struct {
	Location         MethodLocation `json:"location"`
	HumanInteraction bool           `json:"humanInteraction"`
	// Description says what the method covers, e.g. "interviews with
	// process owners" or "review of exported logs".
	Description string `json:"description"`
}

// MethodLocation says where an audit method is applied (ISO 19011:2018
// Annex A.1, Table A.1).
//
//ismsaudit:enum MethodLocations
type MethodLocation string

// The MethodLocation values. Never reorder.
const (
	OnSite MethodLocation = "on-site" // at the auditee's location
	Remote MethodLocation = "remote"  // by remote means
)

// Activity is one line of the audit timetable.
type Activity struct {
	Title    string    `json:"title"`
	Location string    `json:"location"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	// Auditors are the team members doing it.
	Auditors []competence.AuditorID `json:"auditors,omitempty"`
	// Criteria are the criteria it covers.
	Criteria []annexa.Ref `json:"criteria,omitempty"`
}

// Assignment gives one criterion to one auditor of the team (19011 6.3.3).
type Assignment struct {
	Criterion annexa.Ref           `json:"criterion"`
	Auditor   competence.AuditorID `json:"auditor"`
}

// PlanContent is what an audit plan says (19011 6.3.2.2).
type PlanContent struct {
	Objectives []string    `json:"objectives"`
	Scope      Scope       `json:"scope"`
	Criteria   []Criterion `json:"criteria"`
	Locations  []string    `json:"locations"`
	// Start and End bound the audit activities.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Schedule is the timetable.
	Schedule []Activity `json:"schedule"`
	// Methods lists the audit methods; SamplingApproach says how sampling
	// is used (details in the audit's sampling plans).
	Methods          []Method `json:"methods"`
	SamplingApproach string   `json:"samplingApproach"`
	// Assignments give every criterion to an auditor.
	Assignments []Assignment `json:"assignments"`
	// Risks lists the risks to the audit the plan addresses (6.3.2.1).
	Risks []string `json:"risks,omitempty"`
}

// PlanVersion is one approved version of the plan, kept for ever.
type PlanVersion struct {
	Version    int         `json:"version"`
	ApprovedAt time.Time   `json:"approvedAt"`
	ApprovedBy string      `json:"approvedBy"`
	Content    PlanContent `json:"content"`
}

// Plan is the audit plan (19011 6.3.2) with its own lifecycle: draft ->
// approved -> communicated, and back to draft through revise. Content
// changes only in draft; every approval appends a version.
type Plan struct {
	State   PlanState   `json:"state"`
	Content PlanContent `json:"content"`
	// Versions are the approved versions, oldest first (append-only).
	Versions []PlanVersion `json:"versions,omitempty"`
	History  []PlanEntry   `json:"history"`
}

// PlanState is a state of the audit plan lifecycle (ISO 19011:2018 6.3.2).
//
//ismsaudit:enum PlanStates
type PlanState string

// The PlanState values. Never reorder.
const (
	PlanDraft        PlanState = "draft"        // being written or revised; content may change
	PlanApproved     PlanState = "approved"     // approved by the team leader; content frozen
	PlanCommunicated PlanState = "communicated" // presented to the auditee
)

// PlanEvent moves the audit plan lifecycle.
//
//ismsaudit:enum PlanEvents
type PlanEvent string

// The PlanEvent values. Never reorder.
const (
	PlanApprove     PlanEvent = "approve"     // draft -> approved
	PlanCommunicate PlanEvent = "communicate" // approved -> communicated
	PlanRevise      PlanEvent = "revise"      // approved or communicated -> draft, to change an approved plan
)

// PlanEntry is a line of the plan's history.
type PlanEntry = ismsaudit.Entry[PlanState, PlanEvent]

// sets returns the criteria sets to judge auditors and the leader by.
func (pc *PlanCheck) sets(kind annexa.AuditKind) (auditor, leader competence.CriteriaSetID) {
	auditor, leader = pc.AuditorSet, pc.LeaderSet
	if auditor == "" {
		auditor = competence.ISMSAuditorSet
		if kind == annexa.Internal {
			auditor = competence.InternalISMSAuditorSet
		}
	}
	if leader == "" {
		leader = competence.ISMSTeamLeaderSet
	}
	return auditor, leader
}

// The rules of plan.
const (
	RulePlanOrder        ismsaudit.RuleID = "AUD-PLAN-ORDER"
	RulePlanComplete     ismsaudit.RuleID = "AUD-PLAN-COMPLETE"
	RulePlanAssigned     ismsaudit.RuleID = "AUD-PLAN-ASSIGNED"
	RulePlanCompetent    ismsaudit.RuleID = "AUD-PLAN-COMPETENT"
	RulePlanIndependent  ismsaudit.RuleID = "AUD-PLAN-INDEPENDENT"
	RulePlanReapproved   ismsaudit.RuleID = "AUD-PLAN-REAPPROVED"
	RulePlanCommunicated ismsaudit.RuleID = "AUD-PLAN-COMMUNICATED"
	RulePlanWhen         ismsaudit.RuleID = "AUD-PLAN-WHEN"
)

var planRules = []ismsaudit.Rule{
	{ID: RulePlanOrder, Clause: "19011:6.3.2", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the plan is approved from draft, communicated once approved, and revised back to draft only once approved or communicated"},
	{ID: RulePlanComplete, Clause: "19011:6.3.2.2", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "an approved plan states objectives, scope, criteria, locations, dates and durations, methods including sampling, team roles, and guides and observers"},
	{ID: RulePlanAssigned, Clause: "19011:6.3.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "every criterion of the plan is assigned to an auditor of the team"},
	{ID: RulePlanCompetent, Clause: "19011:6.3.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "each criterion is assigned to an auditor competent for it"},
	{ID: RulePlanIndependent, Clause: "27001:9.2.2", Principle: ismsaudit.PrincipleIndependence, Text: "no auditor audits what they are responsible for or recently worked on; internal auditors do not audit their own work"},
	{ID: RulePlanReapproved, Clause: "19011:6.3.2.2", Principle: ismsaudit.PrincipleIntegrity, Text: "an approved plan changes only by going back through approval, and every approved version is kept"},
	{ID: RulePlanCommunicated, Clause: "19011:6.3.2.2", Principle: ismsaudit.PrincipleFairPresentation, Text: "the approved plan is communicated to the auditee before fieldwork"},
	{ID: RulePlanWhen, Clause: "19011:6.3.2", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the team and the plan are set up before fieldwork and may change only until fieldwork ends"},
}

// planSubject is what the plan lifecycle's guards look at: the audit
// holding the plan and, on approval, the optional competence check.
type planSubject struct {
	a     *Audit
	check *PlanCheck
}

type planGuard = fsm.Guard[planSubject]

// planMachine is the audit plan's lifecycle (19011 6.3.2). Approval checks
// the plan's content, the team and the assignments; with a competence pool
// it also checks that every assigned auditor is competent and independent.
var planMachine = fsm.MustNew(fsm.Spec[PlanState, PlanEvent, planSubject]{
	Name:    "audit.plan",
	States:  planStateSet.Values(),
	Events:  planEventSet.Values(),
	Initial: PlanDraft,
	Order:   RulePlanOrder,
	Record:  RuleRecordWhoWhen,
	Table: []fsm.Transition[PlanState, PlanEvent, planSubject]{
		{From: PlanDraft, Event: PlanApprove, To: PlanApproved, Guards: []planGuard{
			{Name: "plan-complete", Rule: RulePlanComplete, Check: checkPlanCompleteGuard},
			{Name: "one-team-leader", Rule: RuleTeamLeader, Check: checkTeamLeaderGuard},
			{Name: "criteria-assigned", Rule: RulePlanAssigned, Check: checkPlanAssignedGuard},
			{Name: "auditors-competent", Rule: RulePlanCompetent, Check: checkPlanCompetentGuard},
			{Name: "auditors-independent", Rule: RulePlanIndependent, Check: checkPlanIndependentGuard},
		}},
		{From: PlanApproved, Event: PlanCommunicate, To: PlanCommunicated},
		{From: PlanApproved, Event: PlanRevise, To: PlanDraft},
		{From: PlanCommunicated, Event: PlanRevise, To: PlanDraft},
	},
})

// planStage reports whether the audit's state allows the plan to change:
// the plan is prepared before fieldwork and may be revised during it
// (AUD-PLAN-WHEN).
func planStage(s State) bool { return s == StatePreparation || s == StateFieldwork }

// requirePlanStage refuses a plan operation outside preparation and
// fieldwork.
func (a *Audit) requirePlanStage(op string) error {
	return a.requireState(op, RulePlanWhen, StatePreparation, StateFieldwork)
}

// planRefusal refuses a plan operation the plan's state does not allow.
func (a *Audit) planRefusal(op string, rule ismsaudit.RuleID, detail string) error {
	state := ""
	if a.Plan != nil {
		state = string(a.Plan.State)
	}
	return &ismsaudit.TransitionError{Machine: planMachine.Name(), State: state, Event: op,
		Reason: ismsaudit.ReasonWrongState, Rule: rule, Detail: detail}
}

// DraftPlan writes the audit plan (19011 6.3.2): it creates the plan in
// draft, or replaces the content of a plan that is still a draft. An
// approved or communicated plan changes only by going back through
// approval (AUD-PLAN-REAPPROVED): call RevisePlan first. It is allowed in
// preparation and fieldwork (AUD-PLAN-WHEN). The content may be
// incomplete, but what it says must be well formed: valid and distinct
// criteria references, non-empty texts, times in order, known method
// locations, assignments of the plan's own criteria. Completeness is
// checked on approval.
func (a *Audit) DraftPlan(content PlanContent, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "draft-plan", m, &err)
	if err := a.requirePlanStage("draft-plan"); err != nil {
		return err
	}
	if a.Plan != nil && a.Plan.State != PlanDraft {
		return a.planRefusal("draft-plan", RulePlanReapproved, "an approved plan changes only after it is revised back to draft")
	}
	ch := &checker{subject: "audit plan"}
	ch.meta(m)
	checkPlanShape(ch, "", &content)
	if err := ch.err(); err != nil {
		return err
	}
	c := clonePlanContent(content)
	if a.Plan == nil {
		a.Plan = &Plan{State: planMachine.Initial(), Content: c, History: []PlanEntry{}}
		return nil
	}
	a.Plan.Content = c
	return nil
}

// ApprovePlan approves the draft plan (19011 6.3.2): the plan must be
// complete (AUD-PLAN-COMPLETE), the team must have exactly one team leader
// (AUD-TEAM-LEADER), and every criterion must be assigned to a team member
// who audits (AUD-PLAN-ASSIGNED). When check carries a competence pool,
// every assigned auditor must also be competent at the plan's start
// (AUD-PLAN-COMPETENT) and every team member independent of the scope
// (AUD-PLAN-INDEPENDENT); the zero PlanCheck (no pool) skips those two. Approval
// appends the approved content to Plan.Versions, numbered from 1, and one
// entry to the plan's history. A refusal is a *ismsaudit.TransitionError naming the
// rule; it wraps a *ismsaudit.ValidationError listing every problem under that rule.
// Like every plan event, m.At must not precede the latest entry of the
// audit's or the plan's history.
func (a *Audit) ApprovePlan(check PlanCheck, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "approve-plan", m, &err)
	if err := a.requirePlanStage("approve-plan"); err != nil {
		return err
	}
	if a.Plan == nil {
		return a.planRefusal(string(PlanApprove), RulePlanComplete, "no plan is drafted")
	}
	e, err := planMachine.Fire(planSubject{a: a, check: &check}, a.Plan.State, a.latest(), PlanApprove, m)
	if err != nil {
		return err
	}
	v := PlanVersion{Version: len(a.Plan.Versions) + 1, ApprovedAt: m.At, ApprovedBy: m.By, Content: clonePlanContent(a.Plan.Content)}
	a.Plan.Versions = append(a.Plan.Versions, v)
	a.Plan.State = e.To
	a.Plan.History = append(a.Plan.History, e)
	return nil
}

// CommunicatePlan records that the approved plan was communicated to the
// auditee (19011 6.3.2); fieldwork opens only after it (AUD-OPEN-AFTER-PLAN).
func (a *Audit) CommunicatePlan(m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "communicate-plan", m, &err)
	return a.firePlan("communicate-plan", PlanCommunicate, m)
}

// RevisePlan takes an approved or communicated plan back to draft so that
// it can change; the change goes back through approval and communication,
// and the earlier versions stay in Plan.Versions (AUD-PLAN-REAPPROVED).
// m.Note can say why.
func (a *Audit) RevisePlan(m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "revise-plan", m, &err)
	return a.firePlan("revise-plan", PlanRevise, m)
}

func (a *Audit) firePlan(op string, ev PlanEvent, m ismsaudit.Meta) error {
	if err := a.requirePlanStage(op); err != nil {
		return err
	}
	if a.Plan == nil {
		return a.planRefusal(string(ev), RulePlanReapproved, "no plan is drafted")
	}
	e, err := planMachine.Fire(planSubject{a: a}, a.Plan.State, a.latest(), ev, m)
	if err != nil {
		return err
	}
	a.Plan.State = e.To
	a.Plan.History = append(a.Plan.History, e)
	return nil
}

// checkPlanShape checks what a plan says, complete or not.
func checkPlanShape(ch *checker, prefix string, c *PlanContent) {
	p := func(s string) string { return errs.JoinPath(prefix, s) }
	ch.texts(p("Objectives"), c.Objectives, "an objective cannot be empty")
	ch.texts(p("Scope.Units"), c.Scope.Units, "a unit cannot be empty")
	ch.texts(p("Scope.Locations"), c.Scope.Locations, "a location cannot be empty")
	ch.texts(p("Scope.Processes"), c.Scope.Processes, "a process cannot be empty")
	ch.order(p("Scope.To"), c.Scope.From, c.Scope.To, "the scope's period")
	seen := make(map[annexa.Ref]int, len(c.Criteria))
	for i, cr := range c.Criteria {
		path := errs.Index(p("Criteria"), i)
		ch.ref(path+".Ref", cr.Ref)
		if j, dup := seen[cr.Ref]; dup {
			ch.shape(path+".Ref", "unique", cr.Ref.String(), fmt.Sprintf("the same criterion as Criteria[%d]", j))
		} else {
			seen[cr.Ref] = i
		}
	}
	ch.texts(p("Locations"), c.Locations, "a location cannot be empty")
	ch.order(p("End"), c.Start, c.End, "the audit")
	for i := range c.Schedule {
		act := &c.Schedule[i]
		path := errs.Index(p("Schedule"), i)
		ch.required(path+".Title", act.Title, "what the activity is")
		ch.requiredTime(path+".Start", act.Start, "when the activity starts")
		ch.requiredTime(path+".End", act.End, "when the activity ends")
		ch.order(path+".End", act.Start, act.End, "the activity")
		for j, r := range act.Criteria {
			ch.ref(errs.Index(path+".Criteria", j), r)
		}
		for j, id := range act.Auditors {
			ch.required(errs.Index(path+".Auditors", j), string(id), "an auditor id cannot be empty")
		}
	}
	for i, md := range c.Methods {
		path := errs.Index(p("Methods"), i)
		switch {
		case md.Location == "":
			ch.shape(path+".Location", "required", "", "on-site or remote")
		case !md.Location.IsValid():
			ch.shape(path+".Location", "enum", string(md.Location), "not a method location")
		}
		ch.required(path+".Description", md.Description, "what the method covers")
	}
	for i, as := range c.Assignments {
		path := errs.Index(p("Assignments"), i)
		if _, ok := seen[as.Criterion]; !ok {
			ch.shape(path+".Criterion", ismsaudit.RuleUnknown, as.Criterion.String(), "not one of the plan's criteria")
		}
		ch.required(path+".Auditor", string(as.Auditor), "who the criterion is assigned to")
	}
	ch.texts(p("Risks"), c.Risks, "a risk cannot be empty")
}

// checkPlanComplete checks that an approved plan says everything 19011
// 6.3.2.2 asks for (AUD-PLAN-COMPLETE).
func checkPlanComplete(ch *checker, prefix string, c *PlanContent) {
	p := func(s string) string { return errs.JoinPath(prefix, s) }
	missing := func(path, what string) { ch.rule(p(path), RulePlanComplete, "", what) }
	if !slices.ContainsFunc(c.Objectives, func(s string) bool { return !isBlank(s) }) {
		missing("Objectives", "the plan states the audit objectives")
	}
	if isBlank(c.Scope.ISMS) && len(c.Scope.Units) == 0 && len(c.Scope.Processes) == 0 && len(c.Scope.Locations) == 0 {
		missing("Scope", "the plan states the scope: the ISMS scope, units, processes or locations")
	}
	if len(c.Criteria) == 0 {
		missing("Criteria", "the plan states the audit criteria")
	}
	criteria := make(map[annexa.Ref]bool, len(c.Criteria))
	for i, cr := range c.Criteria {
		criteria[cr.Ref] = true
		if cr.Ref.Validate() != nil {
			ch.rule(errs.Index(p("Criteria"), i)+".Ref", RulePlanComplete, cr.Ref.String(), "not a valid criterion reference")
		}
	}
	if len(c.Locations) == 0 {
		missing("Locations", "the plan states where the audit takes place")
	}
	switch {
	case c.Start.IsZero():
		missing("Start", "the plan states when the audit starts")
	case c.End.IsZero():
		missing("End", "the plan states when the audit ends")
	case c.End.Before(c.Start):
		ch.rule(p("End"), RulePlanComplete, timeText(c.End), "the audit ends before it starts")
	}
	if len(c.Schedule) == 0 {
		missing("Schedule", "the plan gives a timetable of activities with their durations")
	}
	for i := range c.Schedule {
		act := &c.Schedule[i]
		path := func() string { return errs.Index(p("Schedule"), i) } // built only for a problem
		switch {
		case act.Start.IsZero() || act.End.IsZero():
			ch.rule(path(), RulePlanComplete, "", "an activity has a start and an end")
		case act.End.Before(act.Start):
			ch.rule(path()+".End", RulePlanComplete, timeText(act.End), "the activity ends before it starts")
		case !c.Start.IsZero() && !c.End.IsZero() && (act.Start.Before(c.Start) || act.End.After(c.End)):
			ch.rule(path(), RulePlanComplete, "", "the activity lies outside the audit's dates")
		}
		for j, r := range act.Criteria {
			if !criteria[r] {
				ch.rule(errs.Index(path()+".Criteria", j), RulePlanComplete, r.String(), "not one of the plan's criteria")
			}
		}
	}
	if len(c.Methods) == 0 {
		missing("Methods", "the plan states the audit methods")
	}
	if isBlank(c.SamplingApproach) {
		missing("SamplingApproach", "the plan states how sampling is used")
	}
}

// checkPlanAssigned checks that every criterion of c is assigned to a
// member of the team who audits, and that the timetable names team members
// only (AUD-PLAN-ASSIGNED).
func checkPlanAssigned(ch *checker, prefix string, c *PlanContent, a *Audit) {
	p := func(s string) string { return errs.JoinPath(prefix, s) }
	assigned := make(map[annexa.Ref]bool, len(c.Criteria))
	type pair struct {
		r  annexa.Ref
		id competence.AuditorID
	}
	seen := make(map[pair]int, len(c.Assignments))
	criteria := make(map[annexa.Ref]bool, len(c.Criteria))
	for _, cr := range c.Criteria {
		criteria[cr.Ref] = true
	}
	for i, as := range c.Assignments {
		path := func() string { return errs.Index(p("Assignments"), i) } // built only for a problem
		mb, ok := a.member(as.Auditor)
		switch {
		case !criteria[as.Criterion]:
			// Not one of the plan's criteria: a shape problem DraftPlan
			// refuses and Verify reports.
		case !ok:
			ch.rule(path()+".Auditor", RulePlanAssigned, string(as.Auditor), "not a member of the team")
		case !auditsRole(mb.Role):
			ch.rule(path()+".Auditor", RulePlanAssigned, string(as.Auditor), "a "+string(mb.Role)+" does not act as an auditor")
		default:
			assigned[as.Criterion] = true
		}
		if j, dup := seen[pair{as.Criterion, as.Auditor}]; dup {
			ch.rule(path(), RulePlanAssigned, as.Criterion.String(), fmt.Sprintf("the same assignment as Assignments[%d]", j))
		} else {
			seen[pair{as.Criterion, as.Auditor}] = i
		}
	}
	for i, cr := range c.Criteria {
		if !assigned[cr.Ref] {
			ch.rule(errs.Index(p("Criteria"), i), RulePlanAssigned, cr.Ref.String(), "no auditor of the team is assigned this criterion")
		}
	}
	for i := range c.Schedule {
		for j, id := range c.Schedule[i].Auditors {
			if _, ok := a.member(id); !ok {
				ch.rule(errs.Index(errs.Index(p("Schedule"), i)+".Auditors", j), RulePlanAssigned, string(id), "not a member of the team")
			}
		}
	}
}

// checkPlanCompetent checks, against the pool, that the team leader is
// competent as a leader and every auditor assigned a criterion as an
// auditor, at the plan's start, and that every criterion has a competent
// auditor among its assignees: a trainee's work needs a competent
// co-auditor (AUD-PLAN-COMPETENT).
func checkPlanCompetent(ch *checker, prefix string, c *PlanContent, a *Audit, pc *PlanCheck) {
	p := func(s string) string { return errs.JoinPath(prefix, s) }
	auditorSet, leaderSet := pc.sets(a.Kind)
	at := c.Start
	verdict := map[competence.AuditorID]bool{}
	standing := func(path string, mb Member) bool {
		if ok, done := verdict[mb.Auditor]; done {
			return ok
		}
		set := auditorSet
		if mb.Role == competence.RoleTeamLeader {
			set = leaderSet
		}
		st, err := pc.Pool.Standing(mb.Auditor, set, at)
		switch {
		case err != nil:
			ch.rule(path, RulePlanCompetent, string(mb.Auditor), "no standing against "+string(set)+": "+err.Error())
		case !st.Competent:
			ch.rule(path, RulePlanCompetent, string(mb.Auditor), "not competent against "+string(set)+" on "+timeText(at)+obstacles(st))
		}
		verdict[mb.Auditor] = err == nil && st.Competent
		return verdict[mb.Auditor]
	}
	if leader, ok := a.teamLeader(); ok && leader.Auditor != "" {
		standing(errs.Index("Team", slices.IndexFunc(a.Team, func(m Member) bool { return m.Role == competence.RoleTeamLeader }))+".Auditor", leader)
	}
	covered := make(map[annexa.Ref]bool, len(c.Criteria))
	for i, as := range c.Assignments {
		mb, ok := a.member(as.Auditor)
		if !ok || !auditsRole(mb.Role) || mb.Role == competence.RoleTrainee {
			continue
		}
		if standing(errs.Index(p("Assignments"), i)+".Auditor", mb) {
			covered[as.Criterion] = true
		}
	}
	for i, cr := range c.Criteria {
		if !covered[cr.Ref] {
			ch.rule(errs.Index(p("Criteria"), i), RulePlanCompetent, cr.Ref.String(), "no competent auditor is assigned this criterion")
		}
	}
}

// obstacles summarises why a standing is not competent.
func obstacles(st competence.Standing) string {
	out := ""
	for i, o := range st.Obstacles {
		if i == 0 {
			out = ": "
		} else {
			out += "; "
		}
		out += string(o.Kind)
	}
	return out
}

// independenceScope is the scope every team member must be independent
// of: the auditee, the plan's units and processes and the controls among
// its criteria; an internal audit expects its auditors to be employed by
// the auditee.
func independenceScope(a *Audit, c *PlanContent) competence.Scope {
	s := competence.Scope{Auditee: a.Auditee, Internal: a.Kind == annexa.Internal,
		Units: slices.Clone(c.Scope.Units), Processes: slices.Clone(c.Scope.Processes)}
	for _, cr := range c.Criteria {
		if cr.Ref.Kind == annexa.ControlRef {
			s.Controls = append(s.Controls, cr.Ref.ID)
		}
	}
	return s
}

// checkPlanIndependent checks, against the pool, that every team member
// who audits or advises has no conflict with the audit's scope at the
// plan's start (AUD-PLAN-INDEPENDENT).
func checkPlanIndependent(ch *checker, a *Audit, c *PlanContent, pc *PlanCheck) {
	scope := independenceScope(a, c)
	for i, mb := range a.Team {
		if !needsAuditorID(mb.Role) || mb.Auditor == "" {
			continue
		}
		path := errs.Index("Team", i) + ".Auditor"
		rec, ok := pc.Pool.Auditor(mb.Auditor)
		if !ok {
			ch.rule(path, RulePlanIndependent, string(mb.Auditor), "not in the competence pool: independence cannot be shown")
			continue
		}
		for _, cf := range rec.Conflicts(scope, c.Start, pc.Independence) {
			ch.rule(path, RulePlanIndependent, string(mb.Auditor), string(cf.Reason)+": "+cf.Detail)
		}
	}
}

func checkPlanCompleteGuard(s planSubject) error {
	ch := &checker{subject: "audit plan"}
	checkPlanComplete(ch, "Plan.Content", &s.a.Plan.Content)
	return ch.err()
}

func checkTeamLeaderGuard(s planSubject) error {
	if _, ok := s.a.teamLeader(); ok {
		return nil
	}
	ch := &checker{subject: "audit team"}
	ch.rule("Team", RuleTeamLeader, "", "the team needs exactly one team leader")
	return ch.err()
}

func checkPlanAssignedGuard(s planSubject) error {
	ch := &checker{subject: "audit plan"}
	checkPlanAssigned(ch, "Plan.Content", &s.a.Plan.Content, s.a)
	return ch.err()
}

func checkPlanCompetentGuard(s planSubject) error {
	if s.check == nil || s.check.Pool == nil {
		return nil
	}
	ch := &checker{subject: "audit plan"}
	checkPlanCompetent(ch, "Plan.Content", &s.a.Plan.Content, s.a, s.check)
	return ch.err()
}

func checkPlanIndependentGuard(s planSubject) error {
	if s.check == nil || s.check.Pool == nil {
		return nil
	}
	ch := &checker{subject: "audit plan"}
	checkPlanIndependent(ch, s.a, &s.a.Plan.Content, s.check)
	return ch.err()
}

// clonePlanContent copies c so that the plan shares no slice with the
// caller's value or with another version.
func clonePlanContent(c PlanContent) PlanContent {
	c.Objectives = slices.Clone(c.Objectives)
	c.Scope.Units = slices.Clone(c.Scope.Units)
	c.Scope.Locations = slices.Clone(c.Scope.Locations)
	c.Scope.Processes = slices.Clone(c.Scope.Processes)
	c.Criteria = slices.Clone(c.Criteria)
	c.Locations = slices.Clone(c.Locations)
	c.Schedule = slices.Clone(c.Schedule)
	for i := range c.Schedule {
		c.Schedule[i].Auditors = slices.Clone(c.Schedule[i].Auditors)
		c.Schedule[i].Criteria = slices.Clone(c.Schedule[i].Criteria)
	}
	c.Methods = slices.Clone(c.Methods)
	c.Assignments = slices.Clone(c.Assignments)
	c.Risks = slices.Clone(c.Risks)
	return c
}

// PermittedPlan returns the plan lifecycle events the plan allows now, in
// canonical order; none when there is no plan or the audit's state allows
// no change to it (only preparation and fieldwork do). Approval is checked
// without a competence pool (see ApprovePlan).
func (a *Audit) PermittedPlan() []PlanEvent {
	if a.Plan == nil || !planStage(a.State) {
		return nil
	}
	return planMachine.Permitted(planSubject{a: a}, a.Plan.State)
}

// CanPlan reports whether the plan allows event e now (see PermittedPlan).
func (a *Audit) CanPlan(e PlanEvent) bool {
	return a.Plan != nil && planStage(a.State) && planMachine.Can(planSubject{a: a}, a.Plan.State, e)
}

// CheckPlan reports why the plan would refuse event e now: nil when it
// allows it (as CanPlan reports), otherwise the *ismsaudit.TransitionError its
// operation would return. Approval is checked without a competence pool
// (see ApprovePlan).
func (a *Audit) CheckPlan(e PlanEvent) error {
	op := string(e)
	switch e {
	case PlanApprove:
		op = "approve-plan"
	case PlanCommunicate:
		op = "communicate-plan"
	case PlanRevise:
		op = "revise-plan"
	}
	if err := a.requirePlanStage(op); err != nil {
		return err
	}
	if a.Plan == nil {
		rule := RulePlanReapproved
		if e == PlanApprove {
			rule = RulePlanComplete
		}
		return a.planRefusal(string(e), rule, "no plan is drafted")
	}
	return planMachine.Check(planSubject{a: a}, a.Plan.State, e)
}

// planHasCriterion reports whether ref is one of the plan's criteria
// (false without a plan).
func planHasCriterion(p *Plan, ref annexa.Ref) bool {
	if p == nil {
		return false
	}
	for i := range p.Content.Criteria {
		if p.Content.Criteria[i].Ref == ref {
			return true
		}
	}
	return false
}

// planStateAt returns the plan's state after every plan history entry at
// or before t; "" when there is no plan.
func planStateAt(p *Plan, t time.Time) PlanState {
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

// planWasAt reports whether the plan can have been in state want at time
// t: entries at the same instant as an audit event may have come before or
// after it, so any state the plan passed through at t counts.
func planWasAt(p *Plan, t time.Time, want PlanState) bool {
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

// planContentEqual reports whether two plan contents say the same: equal
// texts and references, equal instants (whatever their location), and no
// difference between an empty and a missing list.
func planContentEqual(x, y *PlanContent) bool {
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

// verifyPlan checks the team, the plan, its versions and history and,
// when a pool is given, competence and independence. The sampling plans
// are checked with the evidence (verifyEvidence).
func (v *verifier) verifyPlan() {
	a := v.a
	ch := v.ch
	p := a.Plan
	approved := p != nil && len(p.Versions) > 0
	if p == nil {
		return
	}
	if !p.State.IsValid() {
		ch.shape("Plan.State", "enum", string(p.State), "not a plan state")
	}
	replayTo(v, itemPath{list: "Plan", i: -1}, planMachine, p.History, p.State)

	prepared, isPrepared := a.firstEvent(EventPrepare)
	ended, isEnded := a.firstEvent(EventEndFieldwork)
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
	if !planContentEqual(&p.Content, &latest.Content) {
		v.violate("Plan.Content", RulePlanReapproved, "", fmt.Sprintf("the %s plan differs from its approved version %d", p.State, latest.Version))
	}
	checkPlanAssigned(ch, "Plan.Content", &p.Content, a)
	if pc := v.opts.Competence; pc != nil && pc.Pool != nil {
		checkPlanCompetent(ch, "Plan.Content", &p.Content, a, pc)
		checkPlanIndependent(ch, a, &p.Content, pc)
	}
}

// verifyPlanSettled checks that fieldwork ended on a plan approved and
// communicated in its latest version (AUD-PLAN-COMMUNICATED).
func (v *verifier) verifyPlanSettled(ev eventTimes) {
	a := v.a
	ended, isEnded := ev.when(EventEndFieldwork)
	if !isEnded {
		return
	}
	if st := planStateAt(a.Plan, ended); a.Plan != nil && !planWasAt(a.Plan, ended, PlanCommunicated) {
		v.violate("Plan", RulePlanCommunicated, string(st), "fieldwork ended while the revised plan was not approved and communicated")
	}
}
