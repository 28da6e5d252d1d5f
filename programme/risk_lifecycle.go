package programme

import (
	"errors"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// riskSubject is what register guards look at: the programme, the entry,
// the event's input and whether this is a probe (Can, Permitted), in
// which guards on the input pass because the input is not known yet.
type riskSubject struct {
	p          *Programme
	r          *Risk
	assessment *Assessment
	treatment  *Treatment
	meta       ismsaudit.Meta
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
		if s.probe || !progBlank(s.meta.Note) {
			return nil
		}
		return errors.New("the event's note must say what was done")
	}}
	guardResidualGiven = riskGuard{Name: "residual-rated", Rule: RuleRiskResidual, Check: func(s *riskSubject) error {
		if s.probe || s.assessment != nil {
			return nil
		}
		return errors.New("monitoring needs the residual likelihood and impact: use MonitorRisk")
	}}
	guardReason = riskGuard{Name: "reason-given", Rule: RuleRiskReason, Check: func(s *riskSubject) error {
		if s.probe || !progBlank(s.meta.Note) {
			return nil
		}
		return errors.New("the event's note must give the reason")
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

// RiskLifecycle describes the register's lifecycle: identified ->
// assessed -> treatment-planned -> treated -> monitored -> closed or
// accepted, with re-assessment and acceptance without treatment where the
// level allows.
func RiskLifecycle() Lifecycle { return progDescribe(riskMachine) }

// Next returns the state event e leads to from s, ignoring guards, and
// whether the lifecycle table has such a transition.
func (v RiskState) Next(e RiskEvent) (RiskState, bool) { return riskMachine.Next(v, e) }

// IsTerminal reports whether s accepts no event (closed, accepted).
func (v RiskState) IsTerminal() bool { return riskMachine.IsTerminal(v) }
