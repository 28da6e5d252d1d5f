package programme

import (
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// AddRisk records a new risk or opportunity in the register (ISO
// 19011:2018 5.3) in RiskIdentified, identified at m.At by m.By in the
// current version. The host gives ID (unique in the register), Kind,
// Category, Description and Owner; the fields the library keeps must be
// empty. The register of an improved or closed version is a record and
// changes no more (a *ismsaudit.TransitionError citing PRG-FROZEN).
func (p *Programme) AddRisk(r Risk, m ismsaudit.Meta) error {
	if err := p.progRequireOpen("add-risk"); err != nil {
		return err
	}
	col := newCollector("register entry")
	validate.Struct(col, "", &r)
	librarySet := func(path string, empty bool) {
		if !empty {
			col.Add(path, "set-by-library", "", "the library sets this field; leave it empty")
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
			col.Add("ID", "unique", r.ID, "the register already holds an entry with this id")
		}
	}
	progCheckMeta(col, m, p.CreatedAt)
	if err := col.Err(); err != nil {
		return err
	}
	r.IdentifiedAt, r.IdentifiedBy, r.Version = m.At, m.By, p.Version
	r.State, r.History = riskMachine.Initial(), []RiskEntry{}
	p.Risks = append(p.Risks, r)
	return nil
}

// progCheckMeta checks the time and actor of an operation that is not a
// lifecycle event: both given, the time not before notBefore.
func progCheckMeta(col *errs.Collector, m ismsaudit.Meta, notBefore time.Time) {
	switch {
	case m.At.IsZero():
		col.Add("Meta.At", "required", "", "when it happened")
	case m.At.Before(notBefore):
		col.Add("Meta.At", "time-order", m.At.Format(time.RFC3339), "before "+notBefore.Format(time.RFC3339))
	}
	if progBlank(m.By) {
		col.Add("Meta.By", "required", "", "who did it")
	}
}

// riskIndex finds a register entry by id.
func (p *Programme) riskIndex(id string) (int, bool) {
	for i := range p.Risks {
		if p.Risks[i].ID == id {
			return i, true
		}
	}
	return -1, false
}

// registerEntry finds the entry an operation works on, refusing when the
// version is a record or the id unknown.
func (p *Programme) registerEntry(op, id string) (*Risk, error) {
	if err := p.progRequireOpen(op); err != nil {
		return nil, err
	}
	i, ok := p.riskIndex(id)
	if !ok {
		return nil, notFound("register entry", id)
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
func (p *Programme) AssessRisk(id string, a Assessment, m ismsaudit.Meta) error {
	return p.rate(id, RiskAssess, a, m)
}

// MonitorRisk rates the residual likelihood and impact of a treated
// entry (event monitor): the assessment is appended marked Residual.
func (p *Programme) MonitorRisk(id string, residual Assessment, m ismsaudit.Meta) error {
	return p.rate(id, RiskMonitor, residual, m)
}

func (p *Programme) rate(id string, e RiskEvent, a Assessment, m ismsaudit.Meta) error {
	r, err := p.registerEntry(string(e)+"-risk", id)
	if err != nil {
		return err
	}
	subject := &riskSubject{p: p, r: r, assessment: &a, meta: m}
	if err := riskMachine.Check(subject, r.State, e); err != nil {
		return err
	}
	col := newCollector("assessment")
	if a.Level != "" || a.Residual || !a.At.IsZero() || a.By != "" || a.Version != 0 {
		col.Add("", "set-by-library", "", "Level, Residual, At, By and Version are set by the library; leave them empty")
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
func (p *Programme) PlanTreatment(id string, t Treatment, m ismsaudit.Meta) error {
	r, err := p.registerEntry("plan-treatment", id)
	if err != nil {
		return err
	}
	subject := &riskSubject{p: p, r: r, treatment: &t, meta: m}
	if err := riskMachine.Check(subject, r.State, RiskPlanTreatment); err != nil {
		return err
	}
	col := newCollector("treatment")
	if progBlank(t.Action) {
		col.Add("Action", RuleRiskPlan, "", "what will be done")
	}
	if progBlank(t.Owner) {
		col.Add("Owner", RuleRiskPlan, "", "who does it")
	}
	switch {
	case t.Due.IsZero():
		col.Add("Due", RuleRiskPlan, "", "by when")
	case !m.At.IsZero() && t.Due.Before(m.At):
		col.Add("Due", RuleRiskPlan, t.Due.Format(time.RFC3339), "the due date is before the plan")
	}
	if !t.PlannedAt.IsZero() || t.PlannedBy != "" {
		col.Add("", "set-by-library", "", "PlannedAt and PlannedBy are set by the library; leave them empty")
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

// FireRisk applies an event that needs no input beyond its note: treat
// (the note says what was done), accept and close (the note gives the
// reason). Assess, plan-treatment and monitor carry input and go through
// AssessRisk, PlanTreatment and MonitorRisk; FireRisk refuses them. A
// refused event returns a *ismsaudit.TransitionError naming the rule and changes
// nothing.
func (p *Programme) FireRisk(id string, e RiskEvent, m ismsaudit.Meta) error {
	r, err := p.registerEntry(string(e)+"-risk", id)
	if err != nil {
		return err
	}
	entry, err := riskMachine.Fire(&riskSubject{p: p, r: r, meta: m}, r.State, r.lastTime(), e, m)
	if err != nil {
		return err
	}
	r.State = entry.To
	r.History = append(r.History, entry)
	return nil
}

// CanRisk reports whether event e may fire now for the entry; false for
// an unknown id or a version that is a record.
func (p *Programme) CanRisk(id string, e RiskEvent) bool {
	r, err := p.registerEntry(string(e)+"-risk", id)
	return err == nil && riskMachine.Can(&riskSubject{p: p, r: r, probe: true}, r.State, e)
}

// PermittedRisk returns the events that may fire now for the entry, in
// canonical order; a *ismsaudit.NotFoundError for an unknown id; none for a
// version that is a record.
func (p *Programme) PermittedRisk(id string) ([]RiskEvent, error) {
	i, ok := p.riskIndex(id)
	if !ok {
		return nil, notFound("register entry", id)
	}
	if p.progRequireOpen("permitted") != nil {
		return nil, nil
	}
	r := &p.Risks[i]
	return riskMachine.Permitted(&riskSubject{p: p, r: r, probe: true}, r.State), nil
}

// LookupRisk returns a copy of the register entry with the given id, or
// a *ismsaudit.NotFoundError.
func (p *Programme) LookupRisk(id string) (Risk, error) {
	i, ok := p.riskIndex(id)
	if !ok {
		return Risk{}, notFound("register entry", id)
	}
	return progCopy(p.Risks[i]), nil
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
