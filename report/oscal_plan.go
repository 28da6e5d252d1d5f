package report

import (
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// RuleAssessmentPlanApproved: an OSCAL assessment plan is written from an
// approved audit plan only.
const RuleAssessmentPlanApproved ismsaudit.RuleID = "RPT-ASSESSMENT-PLAN-APPROVED"

var oscalRules = []ismsaudit.Rule{
	{ID: RuleAssessmentPlanApproved, Clause: "19011:6.3.2", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text:  "an OSCAL assessment plan is written only from an audit plan the team leader approved, never from a draft or a revision under way",
		Basis: "project reading: 6.3.2 has the plan approved before it is communicated; a plan handed to other tools as the assessment plan is one the auditee could be shown"},
}

// The OSCAL assessment plan objects, named as in the OSCAL 1.1.2 JSON
// model; field order is the output order.
type (
	oscalAPDocument struct {
		AssessmentPlan oscalAssessmentPlan `json:"assessment-plan"`
	}
	oscalAssessmentPlan struct {
		UUID               string                   `json:"uuid"`
		Metadata           oscalMetadata            `json:"metadata"`
		ImportSSP          oscalImport              `json:"import-ssp"`
		LocalDefinitions   *oscalLocalDefinitions   `json:"local-definitions,omitempty"`
		TermsAndConditions *oscalTerms              `json:"terms-and-conditions,omitempty"`
		ReviewedControls   oscalReviewedControls    `json:"reviewed-controls"`
		AssessmentSubjects []oscalAssessmentSubject `json:"assessment-subjects,omitempty"`
		Tasks              []oscalPlanTask          `json:"tasks,omitempty"`
		BackMatter         *oscalBackMatter         `json:"back-matter,omitempty"`
	}
	oscalLocalDefinitions struct {
		Components []oscalComponent `json:"components,omitempty"`
		Activities []oscalActivity  `json:"activities,omitempty"`
	}
	oscalComponent struct {
		UUID        string               `json:"uuid"`
		Type        string               `json:"type"`
		Title       string               `json:"title"`
		Description string               `json:"description"`
		Status      oscalComponentStatus `json:"status"`
	}
	oscalComponentStatus struct {
		State string `json:"state"`
	}
	oscalActivity struct {
		UUID             string                 `json:"uuid"`
		Title            string                 `json:"title,omitempty"`
		Description      string                 `json:"description"`
		Props            []oscalProp            `json:"props,omitempty"`
		RelatedControls  *oscalReviewedControls `json:"related-controls,omitempty"`
		ResponsibleRoles []oscalResponsibleRole `json:"responsible-roles,omitempty"`
	}
	oscalResponsibleRole struct {
		RoleID     string   `json:"role-id"`
		PartyUUIDs []string `json:"party-uuids,omitempty"`
	}
	oscalTerms struct {
		Parts []oscalPart `json:"parts"`
	}
	oscalAssessmentSubject struct {
		Type            string             `json:"type"`
		Description     string             `json:"description,omitempty"`
		Props           []oscalProp        `json:"props,omitempty"`
		IncludeSubjects []oscalSubjectByID `json:"include-subjects,omitempty"`
	}
	oscalSubjectByID struct {
		SubjectUUID string `json:"subject-uuid"`
		Type        string `json:"type"`
	}
	oscalPlanTask struct {
		UUID                 string                    `json:"uuid"`
		Type                 string                    `json:"type"`
		Title                string                    `json:"title"`
		Description          string                    `json:"description,omitempty"`
		Props                []oscalProp               `json:"props,omitempty"`
		Timing               *oscalPlanTiming          `json:"timing,omitempty"`
		Tasks                []oscalPlanTask           `json:"tasks,omitempty"`
		AssociatedActivities []oscalAssociatedActivity `json:"associated-activities,omitempty"`
		ResponsibleRoles     []oscalResponsibleRole    `json:"responsible-roles,omitempty"`
	}
	oscalPlanTiming struct {
		OnDate          *oscalOnDate    `json:"on-date,omitempty"`
		WithinDateRange *oscalDateRange `json:"within-date-range,omitempty"`
	}
	oscalDateRange struct {
		Start string `json:"start"`
		End   string `json:"end"`
	}
	oscalAssociatedActivity struct {
		ActivityUUID string                   `json:"activity-uuid"`
		Subjects     []oscalAssessmentSubject `json:"subjects"`
	}
)

// AssessmentPlan writes the approved plan of audit a to w as an OSCAL
// 1.1.2 Assessment Plan (SAP) document in JSON; the assessment results
// AssessmentResults writes for the same audit import it (import-ap). It
// maps the latest approved version of the plan (the last of
// a.Plan.Versions) and the audit:
//
//   - metadata: title "Audit plan of <audit>: <kind> of <auditee>",
//     version the plan version, published and last-modified its approval
//     time, the properties audit-id, audit-kind, programme, plan-state
//     and approved-by; roles, parties and responsible-parties from the
//     audit client, the auditee and the team, with the same uuids as in
//     the assessment results; a location per place the plan names (scope
//     locations, plan locations, timetable locations);
//   - import-ssp: a reference ("#" + uuid) to a back-matter resource
//     describing the ISMS audited (the scope's ISMS statement and period):
//     an ISMS has no OSCAL system security plan;
//   - reviewed-controls: the audit criteria (see OSCALControlID), which
//     resolve against the catalog OSCALCatalog writes;
//   - assessment-subjects: the auditee (party), the units and processes
//     of the scope (components of local-definitions, types
//     "organizational-unit" and "process-procedure") and the locations;
//   - local-definitions: those components, and an activity per line of
//     the timetable with its location, the criteria it covers as related
//     controls, and the team members doing it as responsible roles;
//   - tasks: one task spanning the audit (the plan's start to end) holding
//     a task per timetable line, timed within its start and end and
//     associated with its activity and location;
//   - terms-and-conditions: parts for the objectives, the scope, the
//     methods, the sampling approach, the assignments of criteria to
//     auditors and the risks to the audit the plan names.
//
// A plan that is not approved is refused: an audit without a plan, or
// whose plan is a draft (never approved, or being revised), gives an
// *ismsaudit.ValidationError citing RuleAssessmentPlanApproved at path
// "Plan" or "Plan.State". Times OSCAL cannot hold (outside the years
// 1900 to 2999) are refused too (rule ismsaudit.RuleRange), every problem
// in one error, and nothing is written. Every uuid derives from the
// audit's id (OSCALUUID), so the same record gives the same bytes.
func AssessmentPlan(w io.Writer, a *audit.Audit) error {
	doc, err := buildAssessmentPlan(a)
	if err != nil {
		return err
	}
	return json.NewEncoder(w).Encode(oscalAPDocument{AssessmentPlan: doc})
}

// approvedPlan returns the version of a's plan an assessment plan is
// written from, or the error refusing it.
func approvedPlan(a *audit.Audit) (int, *audit.PlanVersion, error) {
	col := newCollector("audit for an OSCAL assessment plan")
	if a == nil {
		col.Add("", ismsaudit.RuleRequired, "", "an audit is needed")
		return 0, nil, col.Err()
	}
	if strings.TrimFunc(string(a.ID), isOSCALSpace) == "" {
		col.Add("ID", ismsaudit.RuleRequired, string(a.ID), "the audit needs an id")
	}
	switch {
	case a.Plan == nil:
		col.Add("Plan", RuleAssessmentPlanApproved, "", "the audit has no plan")
	case a.Plan.State != audit.PlanApproved && a.Plan.State != audit.PlanCommunicated:
		col.Add("Plan.State", RuleAssessmentPlanApproved, string(a.Plan.State), "the plan is not approved")
	case len(a.Plan.Versions) == 0:
		col.Add("Plan.Versions", RuleAssessmentPlanApproved, "", "the plan has no approved version")
	}
	if err := col.Err(); err != nil {
		return 0, nil, err
	}
	i := len(a.Plan.Versions) - 1
	v := &a.Plan.Versions[i]
	prefix := errs.Index("Plan.Versions", i)
	oscalTimeProblem(col, prefix+".ApprovedAt", v.ApprovedAt, true)
	c := &v.Content
	oscalTimeProblem(col, prefix+".Content.Start", c.Start, false)
	oscalTimeProblem(col, prefix+".Content.End", c.End, false)
	oscalTimeProblem(col, prefix+".Content.Scope.From", c.Scope.From, false)
	oscalTimeProblem(col, prefix+".Content.Scope.To", c.Scope.To, false)
	for j, act := range c.Schedule {
		p := errs.Index(prefix+".Content.Schedule", j)
		oscalTimeProblem(col, p+".Start", act.Start, false)
		oscalTimeProblem(col, p+".End", act.End, false)
	}
	if len(c.Criteria) == 0 {
		col.Add(prefix+".Content.Criteria", ismsaudit.RuleRequired, "", "an assessment plan reviews at least one criterion")
	}
	return i, v, col.Err()
}

// planExport builds an assessment plan.
type planExport struct {
	x         *oscalExport // the parties, as the assessment results make them
	id        string
	auditee   string // the auditee's party uuid
	locations []oscalLocation
	located   map[string]string // location name -> uuid
}

func buildAssessmentPlan(a *audit.Audit) (oscalAssessmentPlan, error) {
	_, v, err := approvedPlan(a)
	if err != nil {
		return oscalAssessmentPlan{}, err
	}
	c := &v.Content
	id := string(a.ID)
	r := &AuditReport{Audit: a.ID, Client: a.Client, Auditee: a.Auditee}
	for _, m := range a.Team {
		r.Team = append(r.Team, AuditTeamMember{Name: m.Name, Role: m.Role, Auditor: m.Auditor, Organization: m.Organization})
	}
	x := &oscalExport{r: r, id: id, people: map[string]string{}, name: auditUUIDName(id)}
	x.partiesAndRoles()
	p := &planExport{x: x, id: id, auditee: OSCALUUID("organization", oneLine(a.Auditee)), located: map[string]string{}}
	for _, names := range [][]string{c.Scope.Locations, c.Locations} {
		for _, n := range names {
			p.location(n)
		}
	}
	for _, act := range c.Schedule {
		p.location(act.Location)
	}

	kind := kindTitles[a.Kind]
	if kind == "" {
		kind = "Audit"
	}
	md := oscalMetadata{
		Title:              oneLine("Audit plan of " + id + ": " + kind + " of " + a.Auditee),
		Published:          oscalTime(v.ApprovedAt),
		LastModified:       oscalTime(v.ApprovedAt),
		Version:            strconv.Itoa(v.Version),
		OSCALVersion:       OSCALVersion,
		Roles:              x.roles,
		Locations:          p.locations,
		Parties:            x.parties,
		ResponsibleParties: x.resp,
	}
	md.Props = prop(md.Props, "audit-id", id)
	md.Props = propTok(md.Props, "audit-kind", string(a.Kind))
	md.Props = prop(md.Props, "programme", string(a.Programme))
	md.Props = propTok(md.Props, "plan-state", string(a.Plan.State))
	md.Props = prop(md.Props, "approved-by", v.ApprovedBy)

	ld := &oscalLocalDefinitions{}
	var components []oscalSubjectByID
	for _, u := range c.Scope.Units {
		if n := oneLine(u); n != "" {
			uuid := OSCALUUID("audit", id, "component", "unit", n)
			ld.Components = append(ld.Components, oscalComponent{UUID: uuid, Type: "organizational-unit", Title: n,
				Description: "Organizational unit in the audit scope.", Status: oscalComponentStatus{State: "operational"}})
			components = append(components, oscalSubjectByID{SubjectUUID: uuid, Type: "component"})
		}
	}
	for _, pr := range c.Scope.Processes {
		if n := oneLine(pr); n != "" {
			uuid := OSCALUUID("audit", id, "component", "process", n)
			ld.Components = append(ld.Components, oscalComponent{UUID: uuid, Type: "process-procedure", Title: n,
				Description: "Process in the audit scope.", Status: oscalComponentStatus{State: "operational"}})
			components = append(components, oscalSubjectByID{SubjectUUID: uuid, Type: "component"})
		}
	}
	var tasks []oscalPlanTask
	for i := range c.Schedule {
		act, task := p.activity(&c.Schedule[i], i+1)
		ld.Activities = append(ld.Activities, act)
		tasks = append(tasks, task)
	}
	if len(ld.Components) == 0 && len(ld.Activities) == 0 {
		ld = nil
	}

	subjects := []oscalAssessmentSubject{{Type: "party", Description: "The auditee.",
		IncludeSubjects: []oscalSubjectByID{{SubjectUUID: p.auditee, Type: "party"}}}}
	if len(components) > 0 {
		subjects = append(subjects, oscalAssessmentSubject{Type: "component", Description: "The organizational units and processes in the audit scope.", IncludeSubjects: components})
	}
	if len(p.locations) > 0 {
		s := oscalAssessmentSubject{Type: "location", Description: "The locations the audit plan names."}
		for _, l := range p.locations {
			s.IncludeSubjects = append(s.IncludeSubjects, oscalSubjectByID{SubjectUUID: l.UUID, Type: "location"})
		}
		subjects = append(subjects, s)
	}

	whole := oscalPlanTask{UUID: OSCALUUID("audit", id, "task", "audit"), Type: "action",
		Title: oneLine("Audit activities of " + id), Timing: planTiming(c.Start, c.End), Tasks: tasks}

	isms := OSCALUUID("audit", id, "isms")
	ismsResource := oscalResource{UUID: isms, Title: oneLine("ISMS of " + a.Auditee), Description: c.Scope.ISMS}
	if strings.TrimFunc(ismsResource.Description, isOSCALSpace) == "" {
		ismsResource.Description = oneLine("The information security management system of " + a.Auditee + ".")
	}
	ismsResource.Props = propTok(ismsResource.Props, "scope-from", oscalTime(c.Scope.From))
	ismsResource.Props = propTok(ismsResource.Props, "scope-to", oscalTime(c.Scope.To))

	sel := oscalControlSelection{Description: "The audit criteria: ISO/IEC 27001:2022 clauses (clause-<id>), Annex A controls (a.<id>) and other documents (document-<id>)."}
	for _, cr := range c.Criteria {
		sel.IncludeControls = append(sel.IncludeControls, oscalSelectControl{ControlID: OSCALControlID(cr.Ref)})
	}
	return oscalAssessmentPlan{
		UUID:               OSCALUUID("audit", id, "assessment-plan"),
		Metadata:           md,
		ImportSSP:          oscalImport{Href: "#" + isms},
		LocalDefinitions:   ld,
		TermsAndConditions: &oscalTerms{Parts: p.terms(a, c)},
		ReviewedControls:   oscalReviewedControls{ControlSelections: []oscalControlSelection{sel}},
		AssessmentSubjects: subjects,
		Tasks:              []oscalPlanTask{whole},
		BackMatter:         &oscalBackMatter{Resources: []oscalResource{ismsResource}},
	}, nil
}

// location returns the uuid of the location named, adding it on first
// sight; "" for a blank name.
func (p *planExport) location(name string) string {
	n := oneLine(name)
	if n == "" {
		return ""
	}
	if u, ok := p.located[n]; ok {
		return u
	}
	u := OSCALUUID("audit", p.id, "location", n)
	p.located[n] = u
	p.locations = append(p.locations, oscalLocation{UUID: u, Title: n})
	return u
}

// planTiming is the timing of something from start to end: a date range,
// a date when only one is known, none when neither is.
func planTiming(start, end time.Time) *oscalPlanTiming {
	switch {
	case !start.IsZero() && !end.IsZero():
		return &oscalPlanTiming{WithinDateRange: &oscalDateRange{Start: oscalTime(start), End: oscalTime(end)}}
	case !start.IsZero():
		return &oscalPlanTiming{OnDate: &oscalOnDate{Date: oscalTime(start)}}
	case !end.IsZero():
		return &oscalPlanTiming{OnDate: &oscalOnDate{Date: oscalTime(end)}}
	}
	return nil
}

// responsibleRoles returns the team members with auditor ids ids, grouped
// by their role in the team, roles in order of first appearance; ids not
// in the team are left out.
func (p *planExport) responsibleRoles(ids []competence.AuditorID) []oscalResponsibleRole {
	var out []oscalResponsibleRole
	for _, id := range ids {
		u, ok := p.x.people[string(id)]
		if !ok {
			continue
		}
		role := ""
		for _, m := range p.x.r.Team {
			if m.Auditor == id {
				role = string(m.Role)
				break
			}
		}
		if role == "" {
			continue
		}
		found := false
		for i := range out {
			if out[i].RoleID == role {
				found = true
				if !slices.Contains(out[i].PartyUUIDs, u) {
					out[i].PartyUUIDs = append(out[i].PartyUUIDs, u)
				}
			}
		}
		if !found {
			out = append(out, oscalResponsibleRole{RoleID: role, PartyUUIDs: []string{u}})
		}
	}
	return out
}

// activity returns the activity and task of timetable line n (from 1).
func (p *planExport) activity(act *audit.Activity, n int) (oscalActivity, oscalPlanTask) {
	num := strconv.Itoa(n)
	title := oneLine(act.Title)
	if title == "" {
		title = "Activity " + num
	}
	desc := title
	if l := oneLine(act.Location); l != "" {
		desc += " (" + l + ")"
	}
	a := oscalActivity{
		UUID:        OSCALUUID("audit", p.id, "activity", num),
		Title:       title,
		Description: desc + ".",
	}
	a.Props = prop(a.Props, "location", act.Location)
	for _, id := range act.Auditors {
		a.Props = prop(a.Props, "auditor-id", string(id))
	}
	if len(act.Criteria) > 0 {
		sel := oscalControlSelection{}
		for _, ref := range act.Criteria {
			sel.IncludeControls = append(sel.IncludeControls, oscalSelectControl{ControlID: OSCALControlID(ref)})
		}
		a.RelatedControls = &oscalReviewedControls{ControlSelections: []oscalControlSelection{sel}}
	}
	a.ResponsibleRoles = p.responsibleRoles(act.Auditors)
	subject := oscalAssessmentSubject{Type: "party", IncludeSubjects: []oscalSubjectByID{{SubjectUUID: p.auditee, Type: "party"}}}
	if u := p.location(act.Location); u != "" {
		subject = oscalAssessmentSubject{Type: "location", IncludeSubjects: []oscalSubjectByID{{SubjectUUID: u, Type: "location"}}}
	}
	t := oscalPlanTask{
		UUID:                 OSCALUUID("audit", p.id, "task", num),
		Type:                 "action",
		Title:                title,
		Timing:               planTiming(act.Start, act.End),
		AssociatedActivities: []oscalAssociatedActivity{{ActivityUUID: a.UUID, Subjects: []oscalAssessmentSubject{subject}}},
		ResponsibleRoles:     a.ResponsibleRoles,
	}
	return a, t
}

// terms returns the plan's terms and conditions: objectives, scope,
// methods, sampling approach, assignments and risks, each left out when
// the plan says nothing of it (the objectives always appear).
func (p *planExport) terms(a *audit.Audit, c *audit.PlanContent) []oscalPart {
	part := func(name, title, prose string) oscalPart {
		return oscalPart{Name: name, NS: OSCALPropNamespace, Title: title, Prose: prose}
	}
	parts := []oscalPart{part("objectives", "Audit objectives", bullets(c.Objectives, "No objectives stated."))}
	var scope []string
	if s := strings.TrimFunc(c.Scope.ISMS, isOSCALSpace); s != "" {
		scope = append(scope, "ISMS: "+s)
	}
	for _, l := range []struct {
		label string
		items []string
	}{{"Units", c.Scope.Units}, {"Processes", c.Scope.Processes}, {"Locations", c.Scope.Locations}} {
		var names []string
		for _, n := range l.items {
			if n = oneLine(n); n != "" {
				names = append(names, n)
			}
		}
		if len(names) > 0 {
			scope = append(scope, l.label+": "+strings.Join(names, ", "))
		}
	}
	if !c.Scope.From.IsZero() || !c.Scope.To.IsZero() {
		scope = append(scope, "Period: "+strings.TrimSpace(oscalTime(c.Scope.From)+" to "+oscalTime(c.Scope.To)))
	}
	if len(scope) > 0 {
		parts = append(parts, part("scope", "Audit scope", bullets(scope, "")))
	}
	if len(c.Methods) > 0 {
		ms := make([]string, len(c.Methods))
		for i, m := range c.Methods {
			with := "without human interaction"
			if m.HumanInteraction {
				with = "with human interaction"
			}
			ms[i] = words(m.Location) + ", " + with + ": " + m.Description
		}
		parts = append(parts, part("methods", "Audit methods", bullets(ms, "")))
	}
	if strings.TrimFunc(c.SamplingApproach, isOSCALSpace) != "" {
		parts = append(parts, part("sampling-approach", "Sampling approach", c.SamplingApproach))
	}
	if len(c.Assignments) > 0 {
		as := make([]string, len(c.Assignments))
		for i, as1 := range c.Assignments {
			who := string(as1.Auditor)
			for _, m := range a.Team {
				if m.Auditor == as1.Auditor && m.Name != "" {
					who = m.Name + " (" + who + ")"
					break
				}
			}
			as[i] = as1.Criterion.String() + ": " + who
		}
		parts = append(parts, part("assignments", "Criteria assigned to auditors", bullets(as, "")))
	}
	if len(c.Risks) > 0 {
		parts = append(parts, part("audit-risks", "Risks to the audit the plan addresses", bullets(c.Risks, "")))
	}
	return parts
}

// bullets is a Markdown list of items, or none when there are none.
func bullets(items []string, none string) string {
	if len(items) == 0 {
		return none
	}
	return "- " + strings.Join(items, "\n- ")
}
