package programme

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// RiskEntry is one line of a register entry's history (the shared
// [ismsaudit.Entry]): treat keeps the outcome, accept and close the
// reason, in Reason.
type RiskEntry = ismsaudit.Entry[RiskState, RiskEvent]

// RiskID identifies an entry of the register of risks and opportunities;
// the host chooses it, unique in the register.
type RiskID string

// Risk is one entry of the programme's register of risks and
// opportunities (ISO 19011:2018 5.3). The host gives ID, Kind, Category,
// Description and Owner (Programme.AddRisk); the library fills the rest
// as the entry moves through its lifecycle, and those fields must be
// empty when the entry is added.
type Risk struct {
	// ID is the host's id for the entry, unique in the register.
	ID RiskID `json:"id" validate:"required"`
	// Kind says whether it is a risk or an opportunity.
	Kind RiskKind `json:"kind" validate:"enum"`
	// Category is the area of the programme it concerns (5.3 a-h).
	Category RiskCategory `json:"category" validate:"enum"`
	// Description says what could happen and what it would do to the
	// programme.
	Description string `json:"description" validate:"required"`
	// Owner is who answers for the entry.
	Owner string `json:"owner" validate:"required"`

	// IdentifiedAt, IdentifiedBy and Version say when, by whom and in
	// which programme version the entry was recorded.
	IdentifiedAt time.Time `json:"identifiedAt"`
	IdentifiedBy string    `json:"identifiedBy"`
	Version      int       `json:"version"`
	// State is where the entry's lifecycle stands; History is how it got
	// there (append-only).
	State   RiskState   `json:"state"`
	History []RiskEntry `json:"history"`
	// Assessments are the ratings, oldest first (append-only): one per
	// assess or monitor event, the latter marked Residual.
	Assessments []Assessment `json:"assessments,omitempty"`
	// Treatments are the planned treatments, oldest first (append-only):
	// one per plan-treatment event.
	Treatments []Treatment `json:"treatments,omitempty"`
}

// Level returns the level of the latest assessment, or "" when the entry
// has not been assessed.
func (r *Risk) Level() RiskLevel {
	if len(r.Assessments) == 0 {
		return ""
	}
	return r.Assessments[len(r.Assessments)-1].Level
}

// Assessment rates a register entry on the programme's documented scales
// (ISO 19011:2018 5.3). The host gives Likelihood, Impact and Rationale;
// the library reads Level from the matrix and sets Residual, At, By and
// Version, which must be empty in input.
type Assessment struct {
	// Likelihood and Impact are values of the matrix's scales (for an
	// opportunity, Impact is the benefit).
	Likelihood int `json:"likelihood"`
	Impact     int `json:"impact"`
	// Rationale says why the ratings were chosen.
	Rationale string `json:"rationale,omitempty"`
	// Level is read from the matrix.
	Level RiskLevel `json:"level,omitempty"`
	// Residual marks a rating made after treatment (monitor event).
	Residual bool `json:"residual,omitempty"`
	// At, By and Version say when, by whom and against which programme
	// version (whose matrix) the rating was made.
	At      time.Time `json:"at,omitzero"`
	By      string    `json:"by,omitempty"`
	Version int       `json:"version,omitempty"`
}

// Treatment is a planned action on a register entry: to reduce a risk or
// take an opportunity. The host gives Action, Owner and Due; the library
// sets PlannedAt and PlannedBy, which must be empty in input.
type Treatment struct {
	// Action says what will be done.
	Action string `json:"action"`
	// Owner is who does it.
	Owner string `json:"owner"`
	// Due is when it must be done; not before it is planned.
	Due time.Time `json:"due"`
	// PlannedAt and PlannedBy say when and by whom it was agreed.
	PlannedAt time.Time `json:"plannedAt,omitzero"`
	PlannedBy string    `json:"plannedBy,omitempty"`
}

// RiskKind says whether a register entry is a risk or an opportunity
// (ISO 19011:2018 5.3). Both are tracked through the same lifecycle.
//
//ismsaudit:enum RiskKinds
type RiskKind string

// The RiskKind values. Never reorder.
const (
	KindRisk        RiskKind = "risk"        // something that can keep the programme from its objectives (19011:5.3)
	KindOpportunity RiskKind = "opportunity" // something that can help the programme meet its objectives (19011:5.3)
)

// RiskCategory is the area of the programme a risk or opportunity
// concerns: the areas ISO 19011:2018 5.3 a) to h) lists.
//
//ismsaudit:enum RiskCategories
type RiskCategory string

// The RiskCategory values. Never reorder.
const (
	CategoryPlanning            RiskCategory = "planning"             // objectives, extent, number, duration, locations, schedule (19011:5.3 a)
	CategoryResources           RiskCategory = "resources"            // time, equipment, training (19011:5.3 b)
	CategoryTeamSelection       RiskCategory = "team-selection"       // the team's overall competence (19011:5.3 c)
	CategoryCommunication       RiskCategory = "communication"        // internal and external communication channels (19011:5.3 d)
	CategoryImplementation      RiskCategory = "implementation"       // coordination of audits, information security and confidentiality (19011:5.3 e)
	CategoryRecords             RiskCategory = "records"              // control of documented information and audit records, including confidentiality of the ISMS information auditors see (19011:5.3 f)
	CategoryMonitoring          RiskCategory = "monitoring"           // monitoring, reviewing and improving the programme (19011:5.3 g)
	CategoryAuditeeAvailability RiskCategory = "auditee-availability" // availability and cooperation of the auditee, availability of evidence to sample (19011:5.3 h)
)

// RiskState is a state of a register entry's lifecycle (ISO 19011:2018
// 5.3: risks and opportunities are identified, evaluated and addressed).
//
//ismsaudit:enum RiskStates
type RiskState string

// The RiskState values. Never reorder.
const (
	RiskIdentified       RiskState = "identified"        // recorded, not yet rated
	RiskAssessed         RiskState = "assessed"          // likelihood and impact rated, level read from the matrix
	RiskTreatmentPlanned RiskState = "treatment-planned" // an action, owner and due date agreed
	RiskTreated          RiskState = "treated"           // the action done, its outcome recorded
	RiskMonitored        RiskState = "monitored"         // residual likelihood and impact rated after treatment
	RiskClosed           RiskState = "closed"            // no longer present or relevant
	RiskAccepted         RiskState = "accepted"          // retained at an acceptable level, or an opportunity not pursued, with a reason
)

// RiskEvent moves a register entry's lifecycle.
//
//ismsaudit:enum RiskEvents
type RiskEvent string

// The RiskEvent values. Never reorder.
const (
	RiskAssess        RiskEvent = "assess"         // rate likelihood and impact (Programme.AssessRisk)
	RiskPlanTreatment RiskEvent = "plan-treatment" // agree an action (Programme.PlanTreatment)
	RiskTreat         RiskEvent = "treat"          // record the action done (Programme.TreatRisk, with the outcome)
	RiskMonitor       RiskEvent = "monitor"        // rate the residual risk after treatment (Programme.MonitorRisk)
	RiskAccept        RiskEvent = "accept"         // retain the entry as it is (Programme.AcceptRisk, with the reason)
	RiskClose         RiskEvent = "close"          // close the entry (Programme.CloseRisk, with the reason)
)

// AddRisk records a new risk or opportunity in the register (ISO
// 19011:2018 5.3) in RiskIdentified, identified at m.At by m.By in the
// current version. The host gives ID (unique in the register), Kind,
// Category, Description and Owner; the fields the library keeps must be
// empty. The register of an improved or closed version is a record and
// changes no more (a *ismsaudit.TransitionError citing PRG-FROZEN).
func (p *Programme) AddRisk(r Risk, m ismsaudit.Meta) error {
	if err := p.requireOpen("add-risk"); err != nil {
		return err
	}
	col := newCollector("register entry")
	validate.Struct(col, "", &r)
	librarySet := func(path string, empty bool) {
		if !empty {
			col.Add(path, "library-set", "", "the library sets this field; leave it empty")
		}
	}
	librarySet("IdentifiedAt", r.IdentifiedAt.IsZero())
	librarySet("IdentifiedBy", r.IdentifiedBy == "")
	librarySet("Version", r.Version == 0)
	librarySet("State", r.State == "")
	librarySet("History", len(r.History) == 0)
	librarySet("Assessments", len(r.Assessments) == 0)
	librarySet("Treatments", len(r.Treatments) == 0)
	if r.ID != "" {
		if _, ok := p.riskIndex(r.ID); ok {
			col.Add("ID", ismsaudit.RuleUnique, string(r.ID), "the register already holds an entry with this id")
		}
	}
	checkMeta(col, m, p.CreatedAt)
	if err := col.Err(); err != nil {
		return err
	}
	r.IdentifiedAt, r.IdentifiedBy, r.Version = m.At, m.By, p.Version
	r.State, r.History = riskMachine.Initial(), []RiskEntry{}
	p.Risks = append(p.Risks, r)
	return nil
}

// riskIndex finds a register entry by id.
func (p *Programme) riskIndex(id RiskID) (int, bool) {
	for i := range p.Risks {
		if p.Risks[i].ID == id {
			return i, true
		}
	}
	return -1, false
}

// registerEntry finds the entry an operation works on: an unknown id
// gives a *ismsaudit.NotFoundError, a version that is a record refuses
// (PRG-FROZEN).
func (p *Programme) registerEntry(op string, id RiskID) (*Risk, error) {
	i, ok := p.riskIndex(id)
	if !ok {
		return nil, notFound("register entry", string(id))
	}
	if err := p.requireOpen(op); err != nil {
		return nil, err
	}
	return &p.Risks[i], nil
}

// lastTime is the time the entry's next event may not precede.
func (r *Risk) lastTime() time.Time {
	if last := fsm.Last(r.History); last.After(r.IdentifiedAt) {
		return last
	}
	return r.IdentifiedAt
}

// AssessRisk rates a register entry's likelihood and impact on the
// programme's scales (event assess): the level is read from the matrix
// and the assessment appended, recorded against the current version. The
// host gives Likelihood, Impact and Rationale; the rest must be empty.
// An entry is assessed when identified, re-assessed before treatment, or
// assessed afresh after monitoring.
func (p *Programme) AssessRisk(id RiskID, a Assessment, m ismsaudit.Meta) error {
	return p.rate(id, RiskAssess, a, m)
}

// MonitorRisk rates the residual likelihood and impact of a treated
// entry (event monitor): the assessment is appended marked Residual.
func (p *Programme) MonitorRisk(id RiskID, residual Assessment, m ismsaudit.Meta) error {
	return p.rate(id, RiskMonitor, residual, m)
}

func (p *Programme) rate(id RiskID, e RiskEvent, a Assessment, m ismsaudit.Meta) error {
	r, err := p.registerEntry(string(e)+"-risk", id)
	if err != nil {
		return err
	}
	subject := &riskSubject{p: p, r: r, assessment: &a}
	if err := riskMachine.Check(subject, r.State, e); err != nil {
		return err
	}
	col := newCollector("assessment")
	if a.Level != "" || a.Residual || !a.At.IsZero() || a.By != "" || a.Version != 0 {
		col.Add("", "library-set", "", "Level, Residual, At, By and Version are set by the library; leave them empty")
	}
	level, lerr := p.Matrix.Level(a.Likelihood, a.Impact)
	col.Merge("", RuleRiskScales, lerr)
	if err := col.Err(); err != nil {
		return err
	}
	entry, err := riskMachine.Fire(subject, r.State, r.lastTime(), e, m)
	if err != nil {
		return err
	}
	a.Level, a.Residual, a.At, a.By, a.Version = level, e == RiskMonitor, m.At, m.By, p.Version
	r.Assessments = append(r.Assessments, a)
	r.State = entry.To
	r.History = append(r.History, entry)
	return nil
}

// PlanTreatment agrees an action on an assessed entry (event
// plan-treatment), or a revised action on one whose treatment is already
// planned: what is done (Action), by whom (Owner) and by when (Due, not
// before m.At). PlannedAt and PlannedBy are set from m and must be empty.
func (p *Programme) PlanTreatment(id RiskID, t Treatment, m ismsaudit.Meta) error {
	r, err := p.registerEntry("plan-treatment", id)
	if err != nil {
		return err
	}
	subject := &riskSubject{p: p, r: r, treatment: &t}
	if err := riskMachine.Check(subject, r.State, RiskPlanTreatment); err != nil {
		return err
	}
	col := newCollector("treatment")
	if isBlank(t.Action) {
		col.Add("Action", RuleRiskPlan, "", "what will be done")
	}
	if isBlank(t.Owner) {
		col.Add("Owner", RuleRiskPlan, "", "who does it")
	}
	switch {
	case t.Due.IsZero():
		col.Add("Due", RuleRiskPlan, "", "by when")
	case !m.At.IsZero() && t.Due.Before(m.At):
		col.Add("Due", RuleRiskPlan, t.Due.Format(time.RFC3339), "the due date is before the plan")
	}
	if !t.PlannedAt.IsZero() || t.PlannedBy != "" {
		col.Add("", "library-set", "", "PlannedAt and PlannedBy are set by the library; leave them empty")
	}
	if err := col.Err(); err != nil {
		return err
	}
	entry, err := riskMachine.Fire(subject, r.State, r.lastTime(), RiskPlanTreatment, m)
	if err != nil {
		return err
	}
	t.PlannedAt, t.PlannedBy = m.At, m.By
	r.Treatments = append(r.Treatments, t)
	r.State = entry.To
	r.History = append(r.History, entry)
	return nil
}

// TreatRisk records that an entry's planned treatment was carried out
// (event treat): outcome says what was done (PRG-RISK-OUTCOME) and is
// kept in the history entry's Reason.
func (p *Programme) TreatRisk(id RiskID, outcome string, m ismsaudit.Meta) error {
	return p.fireRisk(id, RiskTreat, outcome, m)
}

// AcceptRisk retains an assessed or monitored entry as it is (event
// accept): a risk within the matrix's acceptable level
// (PRG-RISK-ACCEPTABLE), or an opportunity not pursued. reason says why
// (PRG-RISK-REASON) and is kept in the history entry's Reason.
func (p *Programme) AcceptRisk(id RiskID, reason string, m ismsaudit.Meta) error {
	return p.fireRisk(id, RiskAccept, reason, m)
}

// CloseRisk closes a monitored entry that is no longer present or
// relevant (event close), a risk only within the matrix's acceptable
// level (PRG-RISK-ACCEPTABLE). reason says why (PRG-RISK-REASON) and is
// kept in the history entry's Reason.
func (p *Programme) CloseRisk(id RiskID, reason string, m ismsaudit.Meta) error {
	return p.fireRisk(id, RiskClose, reason, m)
}

// fireRisk applies treat, accept or close with its reason.
func (p *Programme) fireRisk(id RiskID, e RiskEvent, reason string, m ismsaudit.Meta) error {
	r, err := p.registerEntry(string(e)+"-risk", id)
	if err != nil {
		return err
	}
	entry, err := riskMachine.Fire(&riskSubject{p: p, r: r, reason: reason}, r.State, r.lastTime(), e, m)
	if err != nil {
		return err
	}
	entry.Reason = reason
	r.State = entry.To
	r.History = append(r.History, entry)
	return nil
}

// PermittedRisk returns the events that may fire now for entry id, in
// canonical order: none on a version that is a record. An unknown id
// gives a *ismsaudit.NotFoundError, as CheckRisk and every operation on
// the register do.
func (p *Programme) PermittedRisk(id RiskID) ([]RiskEvent, error) {
	i, ok := p.riskIndex(id)
	if !ok {
		return nil, notFound("register entry", string(id))
	}
	if p.requireOpen("permitted") != nil {
		return nil, nil
	}
	r := &p.Risks[i]
	return riskMachine.Permitted(&riskSubject{p: p, r: r, probe: true}, r.State), nil
}

// CanRisk reports whether event e may fire now for entry id: CheckRisk(id,
// e) == nil, so false for an unknown id too.
func (p *Programme) CanRisk(id RiskID, e RiskEvent) bool { return p.CheckRisk(id, e) == nil }

// CheckRisk returns nil when event e may fire now for entry id, else the
// error its operation (AssessRisk, PlanTreatment, TreatRisk, MonitorRisk,
// AcceptRisk, CloseRisk) would return, its input and Meta aside: a
// *ismsaudit.NotFoundError for an unknown id, a *ismsaudit.TransitionError
// citing PRG-FROZEN on a version that is a record, PRG-RISK-ORDER for an
// event out of order, or a guard's rule.
func (p *Programme) CheckRisk(id RiskID, e RiskEvent) error {
	r, err := p.registerEntry(string(e)+"-risk", id)
	if err != nil {
		return err
	}
	return riskMachine.Check(&riskSubject{p: p, r: r, probe: true}, r.State, e)
}

// LookupRisk returns a copy of the register entry with the given id, or
// a *ismsaudit.NotFoundError.
func (p *Programme) LookupRisk(id RiskID) (Risk, error) {
	i, ok := p.riskIndex(id)
	if !ok {
		return Risk{}, notFound("register entry", string(id))
	}
	return deepCopy(p.Risks[i]), nil
}

// UncoveredRiskAreas returns the areas of ISO 19011:2018 5.3 (the
// RiskCategory values, in canonical order) for which the register holds
// no risk; approval needs none (PRG-RISK-AREAS).
func (p *Programme) UncoveredRiskAreas() []RiskCategory {
	covered := map[RiskCategory]bool{}
	for _, r := range p.Risks {
		if r.Kind == KindRisk {
			covered[r.Category] = true
		}
	}
	var out []RiskCategory
	for c := range RiskCategories() {
		if !covered[c] {
			out = append(out, c)
		}
	}
	return out
}

// checkRiskAreas: a risk entry in every category.
func checkRiskAreas(p *Programme) []contentProblem {
	if missing := p.UncoveredRiskAreas(); len(missing) > 0 {
		names := make([]string, len(missing))
		for i, c := range missing {
			names[i] = string(c)
		}
		return []contentProblem{{"Risks", "no risk is recorded for " + strings.Join(names, ", ")}}
	}
	return nil
}

// checkRisksAssessed: no entry left unassessed.
func checkRisksAssessed(p *Programme) []contentProblem {
	var out []contentProblem
	for i, r := range p.Risks {
		if r.State == RiskIdentified || len(r.Assessments) == 0 {
			out = append(out, contentProblem{errs.Index("Risks", i), "entry " + strconv.Quote(string(r.ID)) + " is not assessed"})
		}
	}
	return out
}

// checkRiskTreatment: no risk above the acceptable level left without a
// planned treatment.
func checkRiskTreatment(p *Programme) []contentProblem {
	var out []contentProblem
	for i, r := range p.Risks {
		if r.Kind == KindRisk && r.State == RiskAssessed && !p.acceptable(&p.Risks[i]) {
			out = append(out, contentProblem{errs.Index("Risks", i), "risk " + strconv.Quote(string(r.ID)) + " is rated " + string(r.Level()) + ", above the acceptable level, and has no planned treatment"})
		}
	}
	return out
}

// riskSubject is what register guards look at: the programme, the entry,
// the event's input and whether this is a probe (Can, Permitted), in
// which guards on the input pass because the input is not known yet.
type riskSubject struct {
	p          *Programme
	r          *Risk
	assessment *Assessment
	treatment  *Treatment
	reason     string // treat: the outcome; accept, close: the reason
	probe      bool
}

type riskGuard = fsm.Guard[*riskSubject]

var (
	guardAssessmentGiven = riskGuard{Name: "ratings-given", Rule: RuleRiskScales, Check: func(s *riskSubject) error {
		if s.probe || s.assessment != nil {
			return nil
		}
		return errors.New("assessing needs likelihood and impact ratings: use AssessRisk")
	}}
	guardTreatmentGiven = riskGuard{Name: "treatment-given", Rule: RuleRiskPlan, Check: func(s *riskSubject) error {
		if s.probe || s.treatment != nil {
			return nil
		}
		return errors.New("planning a treatment needs the action, owner and due date: use PlanTreatment")
	}}
	guardOutcome = riskGuard{Name: "outcome-recorded", Rule: RuleRiskOutcome, Check: func(s *riskSubject) error {
		if s.probe || !isBlank(s.reason) {
			return nil
		}
		return errors.New("the outcome must say what was done")
	}}
	guardResidualGiven = riskGuard{Name: "residual-rated", Rule: RuleRiskResidual, Check: func(s *riskSubject) error {
		if s.probe || s.assessment != nil {
			return nil
		}
		return errors.New("monitoring needs the residual likelihood and impact: use MonitorRisk")
	}}
	guardReason = riskGuard{Name: "reason-given", Rule: RuleRiskReason, Check: func(s *riskSubject) error {
		if s.probe || !isBlank(s.reason) {
			return nil
		}
		return errors.New("the reason must be given")
	}}
	guardAcceptable = riskGuard{Name: "level-acceptable", Rule: RuleRiskAcceptable, Check: func(s *riskSubject) error {
		if s.r.Kind != KindRisk || s.p.acceptable(s.r) {
			return nil
		}
		return errors.New("the risk is rated " + string(s.r.Level()) + ", above the acceptable level: treat it further")
	}}
)

// riskMachine is the lifecycle of a register entry (19011:5.3), checked
// when the package initialises.
var riskMachine = fsm.MustNew(fsm.Spec[RiskState, RiskEvent, *riskSubject]{
	Name:     "programme.risk",
	States:   riskStateSet.Values(),
	Events:   riskEventSet.Values(),
	Initial:  RiskIdentified,
	Terminal: []RiskState{RiskClosed, RiskAccepted},
	Order:    RuleRiskOrder,
	Record:   RuleRiskRecord,
	Table: []fsm.Transition[RiskState, RiskEvent, *riskSubject]{
		{From: RiskIdentified, Event: RiskAssess, To: RiskAssessed, Guards: []riskGuard{guardAssessmentGiven}},
		{From: RiskAssessed, Event: RiskAssess, To: RiskAssessed, Guards: []riskGuard{guardAssessmentGiven}},
		{From: RiskAssessed, Event: RiskPlanTreatment, To: RiskTreatmentPlanned, Guards: []riskGuard{guardTreatmentGiven}},
		{From: RiskAssessed, Event: RiskAccept, To: RiskAccepted, Guards: []riskGuard{guardReason, guardAcceptable}},
		{From: RiskTreatmentPlanned, Event: RiskPlanTreatment, To: RiskTreatmentPlanned, Guards: []riskGuard{guardTreatmentGiven}},
		{From: RiskTreatmentPlanned, Event: RiskTreat, To: RiskTreated, Guards: []riskGuard{guardOutcome}},
		{From: RiskTreated, Event: RiskMonitor, To: RiskMonitored, Guards: []riskGuard{guardResidualGiven}},
		{From: RiskMonitored, Event: RiskAssess, To: RiskAssessed, Guards: []riskGuard{guardAssessmentGiven}},
		{From: RiskMonitored, Event: RiskAccept, To: RiskAccepted, Guards: []riskGuard{guardReason, guardAcceptable}},
		{From: RiskMonitored, Event: RiskClose, To: RiskClosed, Guards: []riskGuard{guardReason, guardAcceptable}},
	},
})

// acceptable reports whether the entry's latest level is within the
// acceptable level of the matrix it was read from.
func (p *Programme) acceptable(r *Risk) bool {
	if len(r.Assessments) == 0 {
		return false
	}
	a := &r.Assessments[len(r.Assessments)-1]
	m := matrixOf(p, a.Version)
	return m != nil && m.accepts(a.Level)
}

// verifyRisk checks one register entry: its history against the table,
// and the assessments and treatments its events leave.
func (v *verifier) verifyRisk(path string, r *Risk, q, root *Programme) {
	at := func(s string) string { return errs.JoinPath(path, s) }
	state, err := riskMachine.Replay(r.History)
	if err != nil {
		v.violate(at(replayPath(err)), RuleHistory, "", err.Error())
	} else if r.State.IsValid() && state != r.State {
		v.violate(at("State"), RuleHistory, string(r.State), "the history ends in "+strconv.Quote(string(state)))
	}
	if r.IdentifiedAt.IsZero() || isBlank(r.IdentifiedBy) {
		v.violate(at("IdentifiedAt"), RuleRecordShape, "", "when and by whom the entry was identified")
	}
	if r.Version < 1 || r.Version > q.Version {
		v.violate(at("Version"), RuleRecordShape, strconv.Itoa(r.Version), "not a version up to "+strconv.Itoa(q.Version))
	}
	if len(r.History) > 0 && r.History[0].At.Before(r.IdentifiedAt) {
		v.violate(at("History[0].At"), RuleHistory, r.History[0].At.Format(time.RFC3339), "before the entry was identified")
	}
	na, nt := 0, 0
	lastVersion := 0
	var latest *Assessment
	for i, e := range r.History {
		ep := at(errs.Index("History", i))
		switch e.Event {
		case RiskAssess, RiskMonitor:
			if na >= len(r.Assessments) {
				na++
				continue
			}
			a := &r.Assessments[na]
			ap := at(errs.Index("Assessments", na))
			na++
			latest = a
			if a.Residual != (e.Event == RiskMonitor) {
				v.violate(ap+".Residual", RuleHistory, strconv.FormatBool(a.Residual), "does not match the history event "+strconv.Quote(string(e.Event)))
			}
			if !a.At.Equal(e.At) || a.By != e.By {
				v.violate(ap+".At", RuleHistory, a.At.Format(time.RFC3339), "does not match the time and actor of "+ep)
			}
			if a.Version < lastVersion || a.Version > q.Version {
				v.violate(ap+".Version", RuleHistory, strconv.Itoa(a.Version), "assessments are recorded against the current version, in order")
			}
			lastVersion = a.Version
			m := matrixOf(root, a.Version)
			if m == nil {
				v.violate(ap+".Version", ismsaudit.RuleUnknown, strconv.Itoa(a.Version), "the programme holds no such version")
				continue
			}
			if want, ok := m.lookup(a.Likelihood, a.Impact); !ok || want != a.Level || a.Likelihood > len(m.Likelihood) || a.Impact > len(m.Impact) {
				v.violate(ap+".Level", RuleRiskScales, string(a.Level), "the ratings "+strconv.Itoa(a.Likelihood)+"x"+strconv.Itoa(a.Impact)+" do not give this level on the matrix of version "+strconv.Itoa(a.Version))
			}
		case RiskPlanTreatment:
			if nt >= len(r.Treatments) {
				nt++
				continue
			}
			t := &r.Treatments[nt]
			tp := at(errs.Index("Treatments", nt))
			nt++
			if !t.PlannedAt.Equal(e.At) || t.PlannedBy != e.By {
				v.violate(tp+".PlannedAt", RuleHistory, t.PlannedAt.Format(time.RFC3339), "does not match the time and actor of "+ep)
			}
			if isBlank(t.Action) || isBlank(t.Owner) || t.Due.IsZero() || t.Due.Before(t.PlannedAt) {
				v.violate(tp, RuleRiskPlan, "", "a treatment needs an action, an owner and a due date not before the plan")
			}
		case RiskTreat:
			if isBlank(e.Reason) {
				v.violate(ep+".Reason", RuleRiskOutcome, "", "the treatment's outcome is not recorded")
			}
		case RiskAccept, RiskClose:
			if isBlank(e.Reason) {
				v.violate(ep+".Reason", RuleRiskReason, "", "no reason is given")
			}
			if r.Kind == KindRisk && latest != nil {
				if m := matrixOf(root, latest.Version); m != nil && !m.accepts(latest.Level) {
					v.violate(ep, RuleRiskAcceptable, string(latest.Level), "the risk was rated above the acceptable level "+string(m.Acceptable))
				}
			}
		}
	}
	if na != len(r.Assessments) {
		v.violate(at("Assessments"), RuleHistory, strconv.Itoa(len(r.Assessments)), "the history records "+strconv.Itoa(na)+" assessments")
	}
	if nt != len(r.Treatments) {
		v.violate(at("Treatments"), RuleHistory, strconv.Itoa(len(r.Treatments)), "the history records "+strconv.Itoa(nt)+" planned treatments")
	}
}

// The rules of the register of risks and opportunities and of an entry's
// lifecycle.
const (
	RuleRiskAreas      ismsaudit.RuleID = "PRG-RISK-AREAS"
	RuleRisksAssessed  ismsaudit.RuleID = "PRG-RISKS-ASSESSED"
	RuleRiskTreatment  ismsaudit.RuleID = "PRG-RISK-TREATMENT"
	RuleRiskPlan       ismsaudit.RuleID = "PRG-RISK-PLAN"
	RuleRiskOutcome    ismsaudit.RuleID = "PRG-RISK-OUTCOME"
	RuleRiskResidual   ismsaudit.RuleID = "PRG-RISK-RESIDUAL"
	RuleRiskReason     ismsaudit.RuleID = "PRG-RISK-REASON"
	RuleRiskAcceptable ismsaudit.RuleID = "PRG-RISK-ACCEPTABLE"
	RuleRiskOrder      ismsaudit.RuleID = "PRG-RISK-ORDER"
	RuleRiskRecord     ismsaudit.RuleID = "PRG-RISK-RECORD"
)

var riskRules = []ismsaudit.Rule{
	{ID: RuleRiskAreas, Clause: "19011:5.3", Principle: ismsaudit.PrincipleRiskBased, Text: "before approval the register holds at least one risk in each area of 5.3: planning, resources, team selection, communication, implementation, records, monitoring and auditee availability"},
	{ID: RuleRisksAssessed, Clause: "19011:5.3", Principle: ismsaudit.PrincipleRiskBased, Text: "approval and implementation wait until every entry of the register has been assessed"},
	{ID: RuleRiskTreatment, Clause: "19011:5.3", Principle: ismsaudit.PrincipleRiskBased, Text: "implementation starts only when every risk rated above the acceptable level has a planned treatment"},
	{ID: RuleRiskPlan, Clause: "19011:5.3", Principle: ismsaudit.PrincipleRiskBased, Text: "a planned treatment says what is done, by whom and by when, the date not before the plan"},
	{ID: RuleRiskOutcome, Clause: "19011:5.3", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a treatment is recorded as done only with what was done"},
	{ID: RuleRiskResidual, Clause: "19011:5.3", Principle: ismsaudit.PrincipleRiskBased, Text: "monitoring a treated entry rates the residual likelihood and impact"},
	{ID: RuleRiskReason, Clause: "19011:5.3", Principle: ismsaudit.PrincipleFairPresentation, Text: "an entry is accepted or closed only with the reason"},
	{ID: RuleRiskAcceptable, Clause: "19011:5.3", Principle: ismsaudit.PrincipleRiskBased, Text: "a risk is accepted or closed only when its latest level is within the matrix's acceptable level", Basis: "the acceptable level is the host's matrix"},
	{ID: RuleRiskOrder, Clause: "19011:5.3", Principle: ismsaudit.PrincipleRiskBased, Text: "a register entry is assessed, then treated and monitored, or accepted, and closed only after monitoring: an event out of this order, an event of a closed or accepted entry, or an unknown event or state is refused"},
	{ID: RuleRiskRecord, Clause: "19011:5.3, 5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "every event of a register entry is recorded with when and by whom, never before the entry was identified or before the latest entry of its history"},
}
