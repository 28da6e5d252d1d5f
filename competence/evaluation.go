package competence

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// EvaluationID identifies an evaluation; the host chooses it.
type EvaluationID string

// String returns the id.
func (id EvaluationID) String() string { return string(id) }

// Evaluation is the lifecycle of evaluating one auditor against one
// criteria set (ISO 19011:2018 7.5, 7.6):
//
//	planned -> in-progress -> competent | not-yet-competent
//	competent -> suspended -> competent (reinstate) | in-progress (re-evaluate)
//	competent | not-yet-competent | suspended -> in-progress (re-evaluate)
//	any state but withdrawn -> withdrawn (terminal)
//
// Method results are recorded while in progress ([Evaluation.Record]);
// each entry into in-progress opens a new round. A decision records an
// [Assessment] (see [Evaluate]) and needs results from two or more methods
// in the round; a competent decision needs every criterion met and sets
// when re-evaluation falls due; a not-yet-competent one lists the unmet
// criteria and development actions. Suspending, reinstating and
// withdrawing need a reason, a parameter of [Evaluation.Suspend],
// [Evaluation.Reinstate] and [Evaluation.Withdraw]. The table, its guards
// and the rules they cite are described by [Lifecycles] and [Rules].
//
// Operations check everything first and then apply whole, appending one
// history entry; a refused event returns a *ismsaudit.TransitionError and changes
// nothing. Results, decisions and history are append-only.
type Evaluation struct {
	// ID identifies the evaluation.
	ID EvaluationID `json:"id" validate:"required"`
	// Auditor is the person evaluated.
	Auditor AuditorID `json:"auditor" validate:"required"`
	// Criteria is the criteria set evaluated against.
	Criteria CriteriaSetID `json:"criteria" validate:"required"`
	// State is the current state.
	State EvaluationState `json:"state" validate:"enum"`
	// Results are the method results recorded, oldest first.
	Results []MethodResult `json:"results,omitempty" validate:"dive"`
	// Decisions are the decisions recorded, oldest first.
	Decisions []Decision `json:"decisions,omitempty" validate:"dive"`
	// History lists every accepted event, oldest first.
	History []EvaluationEntry `json:"history,omitempty"`
}

// EvaluationState is a state of the evaluation lifecycle (19011:7.5, 7.6).
//
//ismsaudit:enum EvaluationStates
type EvaluationState string

// The evaluation states. Never reorder.
const (
	// Planned: the evaluation is scheduled (19011:7.5).
	Planned EvaluationState = "planned"
	// InProgress: evaluation methods are being applied (19011:7.4, 7.5).
	InProgress EvaluationState = "in-progress"
	// Competent: every criterion was met (19011:7.5).
	Competent EvaluationState = "competent"
	// NotYetCompetent: some criteria were not met; development actions
	// were set (19011:7.5).
	NotYetCompetent EvaluationState = "not-yet-competent"
	// Suspended: competence is suspended for a stated reason (19011:7.6).
	Suspended EvaluationState = "suspended"
	// Withdrawn: the evaluation or the competence was withdrawn for a
	// stated reason; terminal (19011:7.6).
	Withdrawn EvaluationState = "withdrawn"
)

// EvaluationEvent is an event of the evaluation lifecycle.
//
//ismsaudit:enum EvaluationEvents
type EvaluationEvent string

// The evaluation events. Never reorder.
const (
	// Start begins applying evaluation methods (19011:7.5); see
	// [Evaluation.Fire].
	Start EvaluationEvent = "start"
	// DecideCompetent records a decision that every criterion is met
	// (19011:7.5); see [Evaluation.Decide].
	DecideCompetent EvaluationEvent = "decide-competent"
	// DecideNotYetCompetent records a decision that some criteria are not
	// met, with development actions (19011:7.5).
	DecideNotYetCompetent EvaluationEvent = "decide-not-yet-competent"
	// ReEvaluate opens a new round of evaluation (19011:7.5, 7.6); see
	// [Evaluation.Fire].
	ReEvaluate EvaluationEvent = "re-evaluate"
	// Suspend suspends competence for a stated reason (19011:7.6); see
	// [Evaluation.Suspend].
	Suspend EvaluationEvent = "suspend"
	// Reinstate lifts a suspension for a stated reason (19011:7.6); see
	// [Evaluation.Reinstate].
	Reinstate EvaluationEvent = "reinstate"
	// Withdraw ends the evaluation or withdraws competence for a stated
	// reason (19011:7.6); see [Evaluation.Withdraw].
	Withdraw EvaluationEvent = "withdraw"
)

// EvaluationEntry is one line of an evaluation's history: an accepted
// event with its time, actor and note and, for suspend, reinstate and
// withdraw, the reason the operation was given.
type EvaluationEntry = ismsaudit.Entry[EvaluationState, EvaluationEvent]

// Decision is a competence decision: the assessment it rests on and, when
// not yet competent, the development actions set (19011:7.5).
type Decision struct {
	// Assessment is the per-criterion result the decision rests on.
	Assessment Assessment `json:"assessment"`
	// Actions are the development actions set for unmet criteria.
	Actions []DevelopmentAction `json:"actions,omitempty" validate:"dive"`
	// Round is the evaluation round; set when the decision is recorded.
	Round int `json:"round,omitempty" validate:"gte=0"`
	// At is when the decision was recorded; set from the event's ismsaudit.Meta.
	At time.Time `json:"at,omitzero"`
	// By names who decided; set from the event's ismsaudit.Meta.
	By string `json:"by,omitempty"`
}

// DevelopmentAction is an action set to close a competence gap, such as
// additional training, work or audit experience (19011:7.5).
type DevelopmentAction struct {
	// Action says what is to be done.
	Action string `json:"action" validate:"required"`
	// Criteria lists the unmet criteria it addresses.
	Criteria []CriterionID `json:"criteria,omitempty" validate:"dive,required"`
	// Due is when it should be done; zero when not set.
	Due time.Time `json:"due,omitzero"`
}

// The rules of the evaluation lifecycle (ISO 19011:2018 7.4 to 7.6), listed with
// their clause and principle by [Rules]. Never change an id: hosts store them.
const (
	RuleEvalOrder              ismsaudit.RuleID = "CMP-EVAL-ORDER"
	RuleEvalHistory            ismsaudit.RuleID = "CMP-EVAL-HISTORY"
	RuleEvalDecisionGiven      ismsaudit.RuleID = "CMP-EVAL-DECISION-GIVEN"
	RuleEvalSameSubject        ismsaudit.RuleID = "CMP-EVAL-SAME-SUBJECT"
	RuleEvalTwoMethods         ismsaudit.RuleID = "CMP-EVAL-TWO-METHODS"
	RuleEvalRecordInProgress   ismsaudit.RuleID = "CMP-EVAL-RECORD-IN-PROGRESS"
	RuleEvalInformed           ismsaudit.RuleID = "CMP-EVAL-INFORMED"
	RuleEvalExplained          ismsaudit.RuleID = "CMP-EVAL-EXPLAINED"
	RuleEvalAllMet             ismsaudit.RuleID = "CMP-EVAL-ALL-MET"
	RuleEvalUnmetListed        ismsaudit.RuleID = "CMP-EVAL-UNMET-LISTED"
	RuleEvalDevelopmentActions ismsaudit.RuleID = "CMP-EVAL-DEVELOPMENT-ACTIONS"
	RuleEvalDueDate            ismsaudit.RuleID = "CMP-EVAL-DUE-DATE"
	RuleEvalOneOpen            ismsaudit.RuleID = "CMP-EVAL-ONE-OPEN"
	RuleSuspendReason          ismsaudit.RuleID = "CMP-SUSPEND-REASON"
	RuleReinstateReason        ismsaudit.RuleID = "CMP-REINSTATE-REASON"
	RuleReinstateNotDue        ismsaudit.RuleID = "CMP-REINSTATE-NOT-DUE"
	RuleWithdrawReason         ismsaudit.RuleID = "CMP-WITHDRAW-REASON"
)

// evaluationRules is the evaluation lifecycle's part of the catalogue
// ([Rules]).
var evaluationRules = []ismsaudit.Rule{
	{ID: RuleEvalOrder, Clause: "19011:7.5, 7.6", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "an evaluation's events follow its lifecycle: started before it is decided, a decision suspended, reinstated or re-evaluated, nothing after withdrawal"},
	{ID: RuleEvalHistory, Clause: "19011:5.5.7, 7.5", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "every evaluation event is recorded with when it happened and who made it, never dated before the event before it"},
	{ID: RuleEvalDecisionGiven, Clause: "19011:7.5", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "a competence decision is recorded with the event that makes it", Basis: "project reading"},
	{ID: RuleEvalSameSubject, Clause: "19011:7.5", Principle: ismsaudit.PrincipleIntegrity,
		Text: "a decision concerns the evaluation's own auditor and criteria set", Basis: "project reading"},
	{ID: RuleEvalTwoMethods, Clause: "19011:7.4", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "a decision rests on results of two or more evaluation methods in the current round"},
	{ID: RuleEvalRecordInProgress, Clause: "19011:7.5", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "method results are recorded while the evaluation is in progress, in the current round", Basis: "project reading"},
	{ID: RuleEvalInformed, Clause: "19011:7.4", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "every criterion is informed by at least one evaluation method suited to it"},
	{ID: RuleEvalExplained, Clause: "19011:7.5", Principle: ismsaudit.PrincipleFairPresentation,
		Text: "a decision gives one result per criterion, each saying why it is met or not met"},
	{ID: RuleEvalAllMet, Clause: "19011:7.5", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "an auditor is found competent only when every criterion is met"},
	{ID: RuleEvalUnmetListed, Clause: "19011:7.5", Principle: ismsaudit.PrincipleFairPresentation,
		Text: "a not-yet-competent decision lists at least one unmet criterion"},
	{ID: RuleEvalDevelopmentActions, Clause: "19011:7.5", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "a not-yet-competent decision sets development actions such as training, work or audit experience"},
	{ID: RuleEvalDueDate, Clause: "19011:7.6", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "a competent decision sets the date re-evaluation is due, after the decision", Basis: "project reading"},
	{ID: RuleEvalOneOpen, Clause: "19011:7.5", Principle: ismsaudit.PrincipleIntegrity,
		Text: "an auditor has at most one evaluation per criteria set that is not withdrawn", Basis: "project reading"},
	{ID: RuleSuspendReason, Clause: "19011:7.6", Principle: ismsaudit.PrincipleIntegrity,
		Text: "competence is suspended only with a stated reason", Basis: "project reading"},
	{ID: RuleReinstateReason, Clause: "19011:7.6", Principle: ismsaudit.PrincipleIntegrity,
		Text: "a suspension is lifted only with a stated reason", Basis: "project reading"},
	{ID: RuleReinstateNotDue, Clause: "19011:7.6", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "a suspension is lifted without re-evaluation only before re-evaluation is due", Basis: "project reading"},
	{ID: RuleWithdrawReason, Clause: "19011:7.6", Principle: ismsaudit.PrincipleIntegrity,
		Text: "an evaluation or a competence is withdrawn only with a stated reason", Basis: "project reading"},
}

// evaluationInput is what guards look at: the evaluation, the event's input
// (a decision, a reason, the operation's Meta) and whether this is a probe
// (Permitted, Can, Check), in which guards on the input pass because the
// input is not known yet.
type evaluationInput struct {
	ev       *Evaluation
	decision *Decision
	reason   string
	meta     ismsaudit.Meta
	probe    bool
}

type evaluationGuard = fsm.Guard[*evaluationInput]

var (
	guardDecisionGiven = evaluationGuard{Name: "decision-given", Rule: RuleEvalDecisionGiven, Check: func(in *evaluationInput) error {
		if in.probe || in.decision != nil {
			return nil
		}
		return errors.New("the event needs a decision")
	}}
	guardSameSubject = evaluationGuard{Name: "same-subject", Rule: RuleEvalSameSubject, Check: func(in *evaluationInput) error {
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
	guardTwoMethods = evaluationGuard{Name: "two-methods", Rule: RuleEvalTwoMethods, Check: func(in *evaluationInput) error {
		if n := in.ev.roundMethods(); n < 2 {
			return errors.New(strconv.Itoa(n) + " evaluation method(s) recorded in round " + strconv.Itoa(in.ev.Round()) + ", two or more are needed")
		}
		if in.decision != nil && len(in.decision.Assessment.Methods) < 2 {
			return errors.New("the assessment rests on " + strconv.Itoa(len(in.decision.Assessment.Methods)) + " method(s), two or more are needed")
		}
		return nil
	}}
	guardExplained = evaluationGuard{Name: "explained", Rule: RuleEvalExplained, Check: func(in *evaluationInput) error {
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
	guardAllMet = evaluationGuard{Name: "all-met", Rule: RuleEvalAllMet, Check: func(in *evaluationInput) error {
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
	guardDueDate = evaluationGuard{Name: "due-date", Rule: RuleEvalDueDate, Check: func(in *evaluationInput) error {
		if in.decision == nil {
			return nil
		}
		due := in.decision.Assessment.DueAt
		if due.IsZero() || (!in.meta.At.IsZero() && !due.After(in.meta.At)) || !due.After(in.decision.Assessment.EvaluatedAt) {
			return errors.New("re-evaluation must fall due after the decision")
		}
		return nil
	}}
	guardUnmetListed = evaluationGuard{Name: "unmet-listed", Rule: RuleEvalUnmetListed, Check: func(in *evaluationInput) error {
		if in.decision == nil {
			return nil
		}
		if in.decision.Assessment.Competent || len(in.decision.Assessment.Unmet()) == 0 {
			return errors.New("a not-yet-competent decision needs at least one unmet criterion")
		}
		return nil
	}}
	guardDevelopment = evaluationGuard{Name: "development-actions", Rule: RuleEvalDevelopmentActions, Check: func(in *evaluationInput) error {
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
func reasonGuard(rule ismsaudit.RuleID, op string) evaluationGuard {
	return evaluationGuard{Name: "reason-given", Rule: rule, Check: func(in *evaluationInput) error {
		if in.probe || strings.TrimSpace(in.reason) != "" {
			return nil
		}
		return errors.New("the event needs a reason: call Evaluation." + op + " with one")
	}}
}

var guardNotDue = evaluationGuard{Name: "not-due", Rule: RuleReinstateNotDue, Check: func(in *evaluationInput) error {
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
var evaluationMachine = fsm.MustNew(fsm.Spec[EvaluationState, EvaluationEvent, *evaluationInput]{
	Name:     "competence.evaluation",
	States:   evaluationStateSet.Values(),
	Events:   evaluationEventSet.Values(),
	Initial:  Planned,
	Terminal: []EvaluationState{Withdrawn},
	Order:    RuleEvalOrder,
	Record:   RuleEvalHistory,
	Table: []fsm.Transition[EvaluationState, EvaluationEvent, *evaluationInput]{
		{From: Planned, Event: Start, To: InProgress},
		{From: Planned, Event: Withdraw, To: Withdrawn, Guards: []evaluationGuard{reasonGuard(RuleWithdrawReason, "Withdraw")}},
		{From: InProgress, Event: DecideCompetent, To: Competent, Guards: []evaluationGuard{
			guardDecisionGiven, guardSameSubject, guardTwoMethods, guardExplained, guardAllMet, guardDueDate}},
		{From: InProgress, Event: DecideNotYetCompetent, To: NotYetCompetent, Guards: []evaluationGuard{
			guardDecisionGiven, guardSameSubject, guardTwoMethods, guardExplained, guardUnmetListed, guardDevelopment}},
		{From: InProgress, Event: Withdraw, To: Withdrawn, Guards: []evaluationGuard{reasonGuard(RuleWithdrawReason, "Withdraw")}},
		{From: Competent, Event: ReEvaluate, To: InProgress},
		{From: Competent, Event: Suspend, To: Suspended, Guards: []evaluationGuard{reasonGuard(RuleSuspendReason, "Suspend")}},
		{From: Competent, Event: Withdraw, To: Withdrawn, Guards: []evaluationGuard{reasonGuard(RuleWithdrawReason, "Withdraw")}},
		{From: NotYetCompetent, Event: ReEvaluate, To: InProgress},
		{From: NotYetCompetent, Event: Withdraw, To: Withdrawn, Guards: []evaluationGuard{reasonGuard(RuleWithdrawReason, "Withdraw")}},
		{From: Suspended, Event: Reinstate, To: Competent, Guards: []evaluationGuard{reasonGuard(RuleReinstateReason, "Reinstate"), guardNotDue}},
		{From: Suspended, Event: ReEvaluate, To: InProgress},
		{From: Suspended, Event: Withdraw, To: Withdrawn, Guards: []evaluationGuard{reasonGuard(RuleWithdrawReason, "Withdraw")}},
	},
})

// NewEvaluation starts a planned evaluation of an auditor against a
// criteria set. All three ids are required.
func NewEvaluation(id EvaluationID, auditor AuditorID, set CriteriaSetID) (Evaluation, error) {
	e := Evaluation{ID: id, Auditor: auditor, Criteria: set, State: evaluationMachine.Initial()}
	if err := e.Validate(); err != nil {
		return Evaluation{}, err
	}
	return e, nil
}

// Round returns the number of the current round: how many times the
// evaluation entered in-progress (0 while planned).
func (e *Evaluation) Round() int {
	n := 0
	for _, h := range e.History {
		if h.To == InProgress {
			n++
		}
	}
	return n
}

// roundStart returns when the current round began.
func (e *Evaluation) roundStart() time.Time {
	for i := len(e.History) - 1; i >= 0; i-- {
		if e.History[i].To == InProgress {
			return e.History[i].At
		}
	}
	return time.Time{}
}

// RoundResults returns the results recorded in the current round, the
// ones a decision in this round rests on.
func (e *Evaluation) RoundResults() []MethodResult {
	r := e.Round()
	var out []MethodResult
	for _, x := range e.Results {
		if x.Round == r {
			out = append(out, x)
		}
	}
	return out
}

// roundMethods counts the distinct methods recorded in the current round.
func (e *Evaluation) roundMethods() int {
	r := e.Round()
	var m methodMask
	for _, x := range e.Results {
		if x.Round == r && x.Method.IsValid() {
			m |= 1 << methodSet.Index(x.Method)
		}
	}
	n := 0
	for ; m != 0; m &= m - 1 {
		n++
	}
	return n
}

// LastDecision returns the latest decision recorded.
func (e *Evaluation) LastDecision() (Decision, bool) {
	if len(e.Decisions) == 0 {
		return Decision{}, false
	}
	return e.Decisions[len(e.Decisions)-1], true
}

// DueAt returns when re-evaluation falls due: the due date of the latest
// decision when it was competent, else the zero time.
func (e *Evaluation) DueAt() time.Time {
	if d, ok := e.LastDecision(); ok && d.Assessment.Competent {
		return d.Assessment.DueAt
	}
	return time.Time{}
}

// Permitted returns the events that may fire now, in canonical order.
// Guards on an event's input (the decision, the reason, the time) are not
// run, as the input is not known yet; guards on the evaluation's own record
// (two methods in the round) are.
func (e *Evaluation) Permitted() []EvaluationEvent {
	return evaluationMachine.Permitted(&evaluationInput{ev: e, probe: true}, e.State)
}

// Can reports whether event may fire now, in the sense of Permitted.
func (e *Evaluation) Can(event EvaluationEvent) bool {
	return evaluationMachine.Can(&evaluationInput{ev: e, probe: true}, e.State, event)
}

// Check returns nil when event may fire now, in the sense of Permitted,
// else the *ismsaudit.TransitionError the operation would return (the
// operation's input and Meta aside): an event out of order cites
// [RuleEvalOrder], a guard its own rule.
func (e *Evaluation) Check(event EvaluationEvent) error {
	return evaluationMachine.Check(&evaluationInput{ev: e, probe: true}, e.State, event)
}

// Fire applies an event that carries no input: start or re-evaluate.
// Events with input have their own operations: a decision
// ([Evaluation.Decide]) or a reason ([Evaluation.Suspend],
// [Evaluation.Reinstate], [Evaluation.Withdraw]); fired here they are
// refused by the rule that asks for the input (CMP-EVAL-DECISION-GIVEN,
// CMP-SUSPEND-REASON, ...). A refused event returns a
// *ismsaudit.TransitionError and changes nothing.
func (e *Evaluation) Fire(event EvaluationEvent, meta ismsaudit.Meta) error {
	return e.fire(event, nil, "", meta)
}

// Suspend suspends competence (competent -> suspended) for a reason, kept
// in the history entry's Reason. A blank reason is refused under
// [RuleSuspendReason]. A refused event returns a *ismsaudit.TransitionError
// and changes nothing.
func (e *Evaluation) Suspend(reason string, meta ismsaudit.Meta) error {
	return e.fire(Suspend, nil, reason, meta)
}

// Reinstate lifts a suspension (suspended -> competent) for a reason, kept
// in the history entry's Reason, before re-evaluation falls due. A blank
// reason is refused under [RuleReinstateReason], a reinstatement on or
// after the due date under [RuleReinstateNotDue]: re-evaluate instead. A
// refused event returns a *ismsaudit.TransitionError and changes nothing.
func (e *Evaluation) Reinstate(reason string, meta ismsaudit.Meta) error {
	return e.fire(Reinstate, nil, reason, meta)
}

// Withdraw ends the evaluation, or withdraws the competence it found, for
// a reason kept in the history entry's Reason; withdrawn is terminal. A
// blank reason is refused under [RuleWithdrawReason]. A refused event
// returns a *ismsaudit.TransitionError and changes nothing.
func (e *Evaluation) Withdraw(reason string, meta ismsaudit.Meta) error {
	return e.fire(Withdraw, nil, reason, meta)
}

// Decide records a decision: decide-competent when the assessment finds
// the auditor competent, else decide-not-yet-competent. The decision's
// Round, At and By are set from the evaluation and meta. A malformed
// decision returns a *ismsaudit.ValidationError; a refused event a
// *ismsaudit.TransitionError; either way nothing changes.
func (e *Evaluation) Decide(d Decision, meta ismsaudit.Meta) error {
	c := newCollector("decision")
	validate.Struct(c, "", &d)
	if err := c.Err(); err != nil {
		return err
	}
	event := DecideNotYetCompetent
	if d.Assessment.Competent {
		event = DecideCompetent
	}
	return e.fire(event, &d, "", meta)
}

func (e *Evaluation) fire(event EvaluationEvent, d *Decision, reason string, meta ismsaudit.Meta) error {
	in := &evaluationInput{ev: e, decision: d, reason: reason, meta: meta}
	entry, err := evaluationMachine.Fire(in, e.State, fsm.Last(e.History), event, meta)
	if err != nil {
		return err
	}
	entry.Reason = reason
	if d != nil {
		rec := cloneDecision(*d)
		rec.Round, rec.At, rec.By = e.Round(), meta.At, meta.By
		e.Decisions = append(e.Decisions, rec)
	}
	e.History = append(e.History, entry)
	e.State = entry.To
	return nil
}

// Record appends a method result to the current round. Outside
// in-progress it returns a *ismsaudit.TransitionError (event "record", reason
// "wrong-state", rule CMP-EVAL-RECORD-IN-PROGRESS). A malformed result
// (invalid method, time before the round began, no evaluator, no finding,
// a criterion named twice) returns a *ismsaudit.ValidationError. Either way nothing
// changes. On success the result's Round is set.
func (e *Evaluation) Record(r MethodResult) error {
	if e.State != InProgress {
		return &ismsaudit.TransitionError{Machine: evaluationMachine.Name(), State: string(e.State), Event: "record",
			Reason: ismsaudit.ReasonWrongState, Rule: RuleEvalRecordInProgress,
			Detail: "results are recorded only while the evaluation is in progress"}
	}
	c := newCollector("method result")
	validate.Struct(c, "", &r)
	if start := e.roundStart(); !r.At.IsZero() && r.At.Before(start) {
		c.Add("At", "not-before-round", day(r.At), "the round began on "+day(start))
	}
	for i, f := range r.Findings {
		for _, g := range r.Findings[:i] {
			if g.Criterion == f.Criterion && f.Criterion != "" {
				c.Add(errs.Index("Findings", i)+".Criterion", "unique", string(f.Criterion), "the result already informs this criterion")
				break
			}
		}
	}
	if err := c.Err(); err != nil {
		return err
	}
	r.Findings = slices.Clone(r.Findings)
	r.Round = e.Round()
	e.Results = append(e.Results, r)
	return nil
}

// cloneDecision copies a decision so the evaluation shares no slice with
// the caller.
func cloneDecision(d Decision) Decision {
	d.Assessment.Results = slices.Clone(d.Assessment.Results)
	for i := range d.Assessment.Results {
		d.Assessment.Results[i].InformedBy = slices.Clone(d.Assessment.Results[i].InformedBy)
	}
	d.Assessment.Methods = slices.Clone(d.Assessment.Methods)
	d.Actions = slices.Clone(d.Actions)
	for i := range d.Actions {
		d.Actions[i].Criteria = slices.Clone(d.Actions[i].Criteria)
	}
	return d
}

// Validate checks the evaluation's shape and consistency: the history is a
// valid path through the lifecycle table ending in State, there is one
// decision per decision event, of the right kind, about this auditor and
// set, and every result belongs to a round that exists. It reports every
// problem at once in a *ismsaudit.ValidationError.
func (e *Evaluation) Validate() error {
	c := newCollector("evaluation")
	validate.Struct(c, "", e)
	e.domainInto(c, "")
	return c.Err()
}

func (e *Evaluation) domainInto(c *errs.Collector, prefix string) {
	p := func(path string) string { return errs.JoinPath(prefix, path) }
	state, err := evaluationMachine.Replay(e.History)
	if err != nil {
		var re *ismsaudit.HistoryError
		if errors.As(err, &re) {
			c.Add(p(errs.Index("History", re.Index)), "lifecycle", "", re.Problem)
		}
	} else if state != e.State {
		c.Add(p("State"), "lifecycle", string(e.State), "the history ends in "+quote(string(state)))
	}
	rounds, decisions := 0, 0
	for _, h := range e.History {
		if h.To == InProgress {
			rounds++
		}
		if h.Event == DecideCompetent || h.Event == DecideNotYetCompetent {
			if decisions < len(e.Decisions) {
				d := &e.Decisions[decisions]
				path := p(errs.Index("Decisions", decisions))
				if d.Assessment.Competent != (h.Event == DecideCompetent) {
					c.Add(path+".Assessment.Competent", "lifecycle", "", "does not match the history event "+quote(string(h.Event)))
				}
				if d.Round != rounds {
					c.Add(path+".Round", "lifecycle", itoa(d.Round), "the decision was made in round "+itoa(rounds))
				}
			}
			decisions++
		}
	}
	if decisions != len(e.Decisions) {
		c.Add(p("Decisions"), "lifecycle", itoa(len(e.Decisions)), "the history records "+itoa(decisions)+" decisions")
	}
	for i := range e.Decisions {
		a := &e.Decisions[i].Assessment
		if (a.Auditor != "" && a.Auditor != e.Auditor) || (a.Criteria != "" && a.Criteria != e.Criteria) {
			c.Add(p(errs.Index("Decisions", i)+".Assessment"), RuleEvalSameSubject, "", "the assessment is of another auditor or set")
		}
	}
	for i, r := range e.Results {
		if r.Round < 1 || r.Round > rounds {
			c.Add(p(errs.Index("Results", i)+".Round"), "lifecycle", itoa(r.Round), "no such round; the evaluation has "+itoa(rounds))
		}
	}
}

// DecodeEvaluation decodes an evaluation from JSON strictly and validates
// it. Problems come back as one *ismsaudit.ValidationError with Go-field paths.
func DecodeEvaluation(data []byte) (Evaluation, error) {
	var e Evaluation
	c := newCollector("evaluation")
	if !validate.JSON(c, data, &e) {
		return Evaluation{}, c.Err()
	}
	validate.Struct(c, "", &e)
	e.domainInto(c, "")
	if err := c.Err(); err != nil {
		return Evaluation{}, err
	}
	return e, nil
}

// Assess evaluates auditor a against criteria set s at date at with the
// results of the current round: [Evaluate] applied to this evaluation. The
// auditor and the set must be the evaluation's own (rule
// CMP-EVAL-SAME-SUBJECT), else it returns a *ismsaudit.ValidationError.
func (e *Evaluation) Assess(a *Auditor, s *CriteriaSet, at time.Time) (Assessment, error) {
	c := newCollector("evaluation input")
	if a == nil || s == nil {
		c.Add("", "required", "", "an auditor and a criteria set are required")
		return Assessment{}, c.Err()
	}
	if a.ID != e.Auditor {
		c.Add("Auditor", RuleEvalSameSubject, string(a.ID), "the evaluation is of "+quote(string(e.Auditor)))
	}
	if s.ID != e.Criteria {
		c.Add("Criteria", RuleEvalSameSubject, string(s.ID), "the evaluation is against "+quote(string(e.Criteria)))
	}
	if err := c.Err(); err != nil {
		return Assessment{}, err
	}
	return Evaluate(a, s, e.RoundResults(), at)
}
