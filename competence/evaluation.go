package competence

import (
	"errors"
	"slices"
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

// IsDue reports whether re-evaluation has fallen due at t.
func (e *Evaluation) IsDue(t time.Time) bool {
	due := e.DueAt()
	return !due.IsZero() && !t.Before(due)
}

// Permitted returns the events that may fire now, in canonical order.
// Guards on an event's input (the decision, the reason, the time) are not
// run, as the input is not known yet; guards on the evaluation's own record
// (two methods in the round) are.
func (e *Evaluation) Permitted() []EvaluationEvent {
	return evaluationMachine.Permitted(&evalInput{ev: e, probe: true}, e.State)
}

// Can reports whether event may fire now, in the sense of Permitted.
func (e *Evaluation) Can(event EvaluationEvent) bool {
	return evaluationMachine.Can(&evalInput{ev: e, probe: true}, e.State, event)
}

// Check returns nil when event may fire now, in the sense of Permitted,
// else the *ismsaudit.TransitionError the operation would return (the
// operation's input and Meta aside): an event out of order cites
// [RuleEvalOrder], a guard its own rule.
func (e *Evaluation) Check(event EvaluationEvent) error {
	return evaluationMachine.Check(&evalInput{ev: e, probe: true}, e.State, event)
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
	in := &evalInput{ev: e, decision: d, reason: reason, meta: meta}
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

// reasonWrongState is the ismsaudit.TransitionError reason for an operation that
// is not a table event (recording a result) refused in the current state.
const reasonWrongState = fsm.ReasonWrongState

// Record appends a method result to the current round. Outside
// in-progress it returns a *ismsaudit.TransitionError (event "record", reason
// "wrong-state", rule CMP-EVAL-RECORD-IN-PROGRESS). A malformed result
// (invalid method, time before the round began, no evaluator, no finding,
// a criterion named twice) returns a *ismsaudit.ValidationError. Either way nothing
// changes. On success the result's Round is set.
func (e *Evaluation) Record(r MethodResult) error {
	if e.State != InProgress {
		return &ismsaudit.TransitionError{Machine: evaluationMachine.Name(), State: string(e.State), Event: "record",
			Reason: reasonWrongState, Rule: RuleEvalRecordInProgress,
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
		var re *fsm.ReplayError
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
