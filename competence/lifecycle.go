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

// Transition is one row of the evaluation lifecycle table.
type Transition struct {
	From   EvaluationState `json:"from"`
	Event  EvaluationEvent `json:"event"`
	To     EvaluationState `json:"to"`
	Guards []Guard         `json:"guards,omitempty"`
}

// Guard names one precondition of a transition and the rule it enforces.
type Guard struct {
	Name string           `json:"name"`
	Rule ismsaudit.RuleID `json:"rule"`
}

// evalInput is what guards look at: the evaluation, the event's input and
// whether this is a probe (Permitted, Can), in which guards on the input
// pass because the input is not known yet.
type evalInput struct {
	ev       *Evaluation
	decision *Decision
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

// reasonGuard requires the event's note, which carries the reason.
func reasonGuard(rule ismsaudit.RuleID) evalGuard {
	return evalGuard{Name: "reason-given", Rule: rule, Check: func(in *evalInput) error {
		if in.probe || strings.TrimSpace(in.meta.Note) != "" {
			return nil
		}
		return errors.New("the event needs a reason in its note")
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
	Table: []fsm.Transition[EvaluationState, EvaluationEvent, *evalInput]{
		{From: Planned, Event: Start, To: InProgress},
		{From: Planned, Event: Withdraw, To: Withdrawn, Guards: []evalGuard{reasonGuard(RuleWithdrawReason)}},
		{From: InProgress, Event: DecideCompetent, To: Competent, Guards: []evalGuard{
			guardDecisionGiven, guardSameSubject, guardTwoMethods, guardExplained, guardAllMet, guardDueDate}},
		{From: InProgress, Event: DecideNotYetCompetent, To: NotYetCompetent, Guards: []evalGuard{
			guardDecisionGiven, guardSameSubject, guardTwoMethods, guardExplained, guardUnmetListed, guardDevelopment}},
		{From: InProgress, Event: Withdraw, To: Withdrawn, Guards: []evalGuard{reasonGuard(RuleWithdrawReason)}},
		{From: Competent, Event: ReEvaluate, To: InProgress},
		{From: Competent, Event: Suspend, To: Suspended, Guards: []evalGuard{reasonGuard(RuleSuspendReason)}},
		{From: Competent, Event: Withdraw, To: Withdrawn, Guards: []evalGuard{reasonGuard(RuleWithdrawReason)}},
		{From: NotYetCompetent, Event: ReEvaluate, To: InProgress},
		{From: NotYetCompetent, Event: Withdraw, To: Withdrawn, Guards: []evalGuard{reasonGuard(RuleWithdrawReason)}},
		{From: Suspended, Event: Reinstate, To: Competent, Guards: []evalGuard{reasonGuard(RuleReinstateReason), guardNotDue}},
		{From: Suspended, Event: ReEvaluate, To: InProgress},
		{From: Suspended, Event: Withdraw, To: Withdrawn, Guards: []evalGuard{reasonGuard(RuleWithdrawReason)}},
	},
})

// EvaluationTransitions yields the rows of the evaluation lifecycle table
// in order: the same table [Evaluation.Fire] runs.
func EvaluationTransitions() iter.Seq[Transition] {
	return func(yield func(Transition) bool) {
		for t := range evaluationMachine.Transitions() {
			row := Transition{From: t.From, Event: t.Event, To: t.To}
			for _, g := range t.Guards {
				row.Guards = append(row.Guards, Guard{Name: g.Name, Rule: g.Rule})
			}
			if !yield(row) {
				return
			}
		}
	}
}

// EvaluationMermaid renders the evaluation lifecycle as a Mermaid state
// diagram, from the same table the code runs.
func EvaluationMermaid() string { return evaluationMachine.Mermaid() }

// Next returns the state event e leads to from s, ignoring guards, and
// whether the lifecycle table has such a transition.
func (s EvaluationState) Next(e EvaluationEvent) (EvaluationState, bool) {
	return evaluationMachine.Next(s, e)
}

// IsTerminal reports whether s accepts no event (withdrawn).
func (s EvaluationState) IsTerminal() bool { return evaluationMachine.IsTerminal(s) }
