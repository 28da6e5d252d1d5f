package competence

import (
	"errors"
	"iter"
	"strconv"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// EvaluationEntry is one line of an evaluation's history: an accepted
// event with its time, actor and note.
type EvaluationEntry = fsm.Entry[EvaluationState, EvaluationEvent]

// evalInput is what guards look at: the evaluation, the event's input
// (a decision, a reason, the operation's Meta) and whether this is a probe
// (Permitted, Can, Check), in which guards on the input pass because the
// input is not known yet.
type evalInput struct {
	ev       *Evaluation
	decision *Decision
	reason   string
	meta     ismsaudit.Meta
	probe    bool
}

type evalGuard = fsm.Guard[*evalInput]

var (
	guardDecisionGiven = evalGuard{Name: "decision-given", Rule: RuleEvalDecisionGiven, Check: func(in *evalInput) error {
		if in.probe || in.decision != nil {
			return nil
		}
		return errors.New("the event needs a decision")
	}}
	guardSameSubject = evalGuard{Name: "same-subject", Rule: RuleEvalSameSubject, Check: func(in *evalInput) error {
		if in.decision == nil {
			return nil
		}
		a := &in.decision.Assessment
		if a.Auditor != in.ev.Auditor || a.Criteria != in.ev.Criteria {
			return errors.New("the assessment is of " + quote(string(a.Auditor)) + " against " + quote(string(a.Criteria)) +
				", not of " + quote(string(in.ev.Auditor)) + " against " + quote(string(in.ev.Criteria)))
		}
		return nil
	}}
	guardTwoMethods = evalGuard{Name: "two-methods", Rule: RuleEvalTwoMethods, Check: func(in *evalInput) error {
		if n := in.ev.roundMethods(); n < 2 {
			return errors.New(strconv.Itoa(n) + " evaluation method(s) recorded in round " + strconv.Itoa(in.ev.Round()) + ", two or more are needed")
		}
		if in.decision != nil && len(in.decision.Assessment.Methods) < 2 {
			return errors.New("the assessment rests on " + strconv.Itoa(len(in.decision.Assessment.Methods)) + " method(s), two or more are needed")
		}
		return nil
	}}
	guardExplained = evalGuard{Name: "explained", Rule: RuleEvalExplained, Check: func(in *evalInput) error {
		if in.decision == nil {
			return nil
		}
		res := in.decision.Assessment.Results
		if len(res) == 0 {
			return errors.New("the assessment has no criterion results")
		}
		seen := make(map[CriterionID]bool, len(res))
		for i, r := range res {
			if strings.TrimSpace(r.Why) == "" {
				return errors.New("Results[" + strconv.Itoa(i) + "] (" + string(r.Criterion) + ") does not say why")
			}
			if seen[r.Criterion] {
				return errors.New("criterion " + quote(string(r.Criterion)) + " has two results")
			}
			seen[r.Criterion] = true
		}
		return nil
	}}
	guardAllMet = evalGuard{Name: "all-met", Rule: RuleEvalAllMet, Check: func(in *evalInput) error {
		if in.decision == nil {
			return nil
		}
		a := &in.decision.Assessment
		if u := a.Unmet(); len(u) > 0 {
			return errors.New(strconv.Itoa(len(u)) + " criteria not met, first " + quote(string(u[0].Criterion)))
		}
		if !a.Competent {
			return errors.New("the assessment does not find the auditor competent")
		}
		return nil
	}}
	guardDueDate = evalGuard{Name: "due-date", Rule: RuleEvalDueDate, Check: func(in *evalInput) error {
		if in.decision == nil {
			return nil
		}
		due := in.decision.Assessment.DueAt
		if due.IsZero() || (!in.meta.At.IsZero() && !due.After(in.meta.At)) || !due.After(in.decision.Assessment.At) {
			return errors.New("re-evaluation must fall due after the decision")
		}
		return nil
	}}
	guardUnmetListed = evalGuard{Name: "unmet-listed", Rule: RuleEvalUnmetListed, Check: func(in *evalInput) error {
		if in.decision == nil {
			return nil
		}
		if in.decision.Assessment.Competent || len(in.decision.Assessment.Unmet()) == 0 {
			return errors.New("a not-yet-competent decision needs at least one unmet criterion")
		}
		return nil
	}}
	guardDevelopment = evalGuard{Name: "development-actions", Rule: RuleEvalDevelopmentActions, Check: func(in *evalInput) error {
		if in.decision == nil {
			return nil
		}
		if len(in.decision.Actions) == 0 {
			return errors.New("a not-yet-competent decision needs development actions")
		}
		return nil
	}}
)

// reasonGuard requires the reason the operation (Evaluation.Suspend,
// Reinstate or Withdraw) was given; fired without one, through Fire, the
// event is refused under rule.
func reasonGuard(rule ismsaudit.RuleID, op string) evalGuard {
	return evalGuard{Name: "reason-given", Rule: rule, Check: func(in *evalInput) error {
		if in.probe || strings.TrimSpace(in.reason) != "" {
			return nil
		}
		return errors.New("the event needs a reason: call Evaluation." + op + " with one")
	}}
}

var guardNotDue = evalGuard{Name: "not-due", Rule: RuleReinstateNotDue, Check: func(in *evalInput) error {
	if in.probe {
		return nil
	}
	due := in.ev.DueAt()
	if !due.IsZero() && !in.meta.At.Before(due) {
		return errors.New("re-evaluation fell due on " + day(due) + "; re-evaluate instead")
	}
	return nil
}}

// evaluationMachine is the evaluation lifecycle (19011:7.5, 7.6), checked
// when the package initialises.
var evaluationMachine = fsm.MustNew(fsm.Spec[EvaluationState, EvaluationEvent, *evalInput]{
	Name:     "competence.evaluation",
	States:   evaluationStateSet.Values(),
	Events:   evaluationEventSet.Values(),
	Initial:  Planned,
	Terminal: []EvaluationState{Withdrawn},
	Order:    RuleEvalOrder,
	Record:   RuleEvalHistory,
	Table: []fsm.Transition[EvaluationState, EvaluationEvent, *evalInput]{
		{From: Planned, Event: Start, To: InProgress},
		{From: Planned, Event: Withdraw, To: Withdrawn, Guards: []evalGuard{reasonGuard(RuleWithdrawReason, "Withdraw")}},
		{From: InProgress, Event: DecideCompetent, To: Competent, Guards: []evalGuard{
			guardDecisionGiven, guardSameSubject, guardTwoMethods, guardExplained, guardAllMet, guardDueDate}},
		{From: InProgress, Event: DecideNotYetCompetent, To: NotYetCompetent, Guards: []evalGuard{
			guardDecisionGiven, guardSameSubject, guardTwoMethods, guardExplained, guardUnmetListed, guardDevelopment}},
		{From: InProgress, Event: Withdraw, To: Withdrawn, Guards: []evalGuard{reasonGuard(RuleWithdrawReason, "Withdraw")}},
		{From: Competent, Event: ReEvaluate, To: InProgress},
		{From: Competent, Event: Suspend, To: Suspended, Guards: []evalGuard{reasonGuard(RuleSuspendReason, "Suspend")}},
		{From: Competent, Event: Withdraw, To: Withdrawn, Guards: []evalGuard{reasonGuard(RuleWithdrawReason, "Withdraw")}},
		{From: NotYetCompetent, Event: ReEvaluate, To: InProgress},
		{From: NotYetCompetent, Event: Withdraw, To: Withdrawn, Guards: []evalGuard{reasonGuard(RuleWithdrawReason, "Withdraw")}},
		{From: Suspended, Event: Reinstate, To: Competent, Guards: []evalGuard{reasonGuard(RuleReinstateReason, "Reinstate"), guardNotDue}},
		{From: Suspended, Event: ReEvaluate, To: InProgress},
		{From: Suspended, Event: Withdraw, To: Withdrawn, Guards: []evalGuard{reasonGuard(RuleWithdrawReason, "Withdraw")}},
	},
})

// Lifecycles yields the package's one lifecycle, the evaluation's
// ("competence.evaluation"), described from the very table
// [Evaluation.Fire] runs: states, events, transitions with their guards
// and the rules they cite. Each is a fresh value the caller may keep or
// change; its Mermaid method draws it.
func Lifecycles() iter.Seq[ismsaudit.Lifecycle] {
	return func(yield func(ismsaudit.Lifecycle) bool) { yield(evaluationMachine.Describe()) }
}

// LookupLifecycle returns the lifecycle with the given name,
// "competence.evaluation".
func LookupLifecycle(name string) (ismsaudit.Lifecycle, bool) {
	for l := range Lifecycles() {
		if l.Name == name {
			return l, true
		}
	}
	return ismsaudit.Lifecycle{}, false
}
