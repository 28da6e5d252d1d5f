package programme

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit/internal/fsm"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// State is a state of the programme lifecycle (ISO 19011:2018 5.4-5.7).
//
//ismsaudit:enum States
type State string

// The State values. Never reorder.
const (
	StateDraft        State = "draft"        // being established: objectives, extent, resources, risks (19011:5.2-5.4)
	StateApproved     State = "approved"     // approved for implementation (19011:5.4)
	StateImplementing State = "implementing" // audits being scheduled and conducted (19011:5.5)
	StateUnderReview  State = "under-review" // being reviewed for improvement (19011:5.7)
	StateImproved     State = "improved"     // superseded by a new version after review; kept as a record (19011:5.7)
	StateClosed       State = "closed"       // ended after a final review; kept as a record (19011:5.5.7)
)

// Event moves the programme lifecycle.
//
//ismsaudit:enum Events
type Event string

// The Event values. Never reorder.
const (
	EventApprove   Event = "approve"   // draft -> approved
	EventImplement Event = "implement" // approved -> implementing
	EventReview    Event = "review"    // implementing -> under-review
	EventResume    Event = "resume"    // under-review -> implementing, when the review asks for no change
	EventImprove   Event = "improve"   // under-review -> improved, starting the next version (Programme.Improve)
	EventClose     Event = "close"     // under-review -> closed
)

// lastTime is the time the next lifecycle event may not precede: the
// latest of the creation of the version, its latest history entry and the
// latest review recorded against it.
func (p *Programme) lastTime() time.Time {
	last := p.CreatedAt
	if t := fsm.Last(p.History); t.After(last) {
		last = t
	}
	if r := p.latestReview(); r != nil && r.At.After(last) {
		last = r.At
	}
	return last
}

// Fire applies a lifecycle event (approve, implement, review, resume,
// close) with the time and actor in m, appending one history entry; a
// refused event returns a *ismsaudit.TransitionError naming the rule and changes
// nothing. Improving goes through Improve, which returns the next
// version: Fire refuses EventImprove.
func (p *Programme) Fire(e Event, m ismsaudit.Meta) error {
	entry, err := programmeMachine.Fire(&programmeSubject{p: p}, p.State, p.lastTime(), e, m)
	if err != nil {
		return err
	}
	p.State = entry.To
	p.History = append(p.History, entry)
	return nil
}

// Can reports whether event e may fire now (for improve: whether Improve
// may be called).
func (p *Programme) Can(e Event) bool {
	return programmeMachine.Can(&programmeSubject{p: p, probe: true}, p.State, e)
}

// Permitted returns the events that may fire now, in canonical order.
func (p *Programme) Permitted() []Event {
	return programmeMachine.Permitted(&programmeSubject{p: p, probe: true}, p.State)
}

// Lifecycle describes one lifecycle of the package as data: its states
// and events in canonical order, the initial and terminal states, the
// transitions with their guards, and a Mermaid diagram, all from the same
// table the code runs.
type Lifecycle struct {
	// Name is "programme.programme" or "programme.risk".
	Name string `json:"name"`
	// States and Events list every state and event in canonical order.
	States []string `json:"states"`
	Events []string `json:"events"`
	// Initial is the state a new subject starts in; Terminal states
	// accept no event.
	Initial  string   `json:"initial"`
	Terminal []string `json:"terminal"`
	// Transitions are the table's rows in order.
	Transitions []Transition `json:"transitions"`
	// Mermaid is the table as a Mermaid state diagram.
	Mermaid string `json:"mermaid"`
}

// Transition is one row of a lifecycle table: event leads from From to
// To when every guard passes.
type Transition struct {
	From  string `json:"from"`
	Event string `json:"event"`
	To    string `json:"to"`
	// Guards are checked in order; the first to refuse names the rule.
	Guards []Guard `json:"guards,omitempty"`
}

// Guard names one precondition of a transition and the rule it enforces.
type Guard struct {
	// Name is a short kebab-case label, as diagrams show it.
	Name string `json:"name"`
	// Rule is the id of the rule (Rules) the guard enforces.
	Rule ismsaudit.RuleID `json:"rule"`
}

// progDescribe renders a machine as a Lifecycle.
func progDescribe[S, E ~string, T any](m *fsm.Machine[S, E, T]) Lifecycle {
	l := Lifecycle{Name: m.Name(), Initial: string(m.Initial()), Mermaid: m.Mermaid()}
	for s := range m.States() {
		l.States = append(l.States, string(s))
		if m.IsTerminal(s) {
			l.Terminal = append(l.Terminal, string(s))
		}
	}
	for e := range m.Events() {
		l.Events = append(l.Events, string(e))
	}
	for t := range m.Transitions() {
		row := Transition{From: string(t.From), Event: string(t.Event), To: string(t.To)}
		for _, g := range t.Guards {
			row.Guards = append(row.Guards, Guard{Name: g.Name, Rule: g.Rule})
		}
		l.Transitions = append(l.Transitions, row)
	}
	return l
}

// ProgrammeLifecycle describes the programme lifecycle: draft -> approved
// -> implementing -> under-review, then improved (a new version starts),
// closed, or back to implementing when the review asks for no change.
func ProgrammeLifecycle() Lifecycle { return progDescribe(programmeMachine) }

// Next returns the state event e leads to from s, ignoring guards, and
// whether the lifecycle table has such a transition.
func (v State) Next(e Event) (State, bool) { return programmeMachine.Next(v, e) }

// IsTerminal reports whether s accepts no event (improved, closed).
func (v State) IsTerminal() bool { return programmeMachine.IsTerminal(v) }

// programmeSubject is what programme guards look at: the programme,
// whether Improve is firing the event, and whether this is a probe (Can,
// Permitted), in which the guard on the way improve is fired passes.
type programmeSubject struct {
	p         *Programme
	improving bool
	probe     bool
}

// contentGuard turns a content check into a guard refusing with the first
// problem found (and how many there are).
func contentGuard(name string, rule ismsaudit.RuleID, check func(*Programme) []contentProblem) fsm.Guard[*programmeSubject] {
	return fsm.Guard[*programmeSubject]{Name: name, Rule: rule, Check: func(s *programmeSubject) error {
		return problemsError(check(s.p))
	}}
}

func problemsError(probs []contentProblem) error {
	if len(probs) == 0 {
		return nil
	}
	msg := probs[0].path + ": " + probs[0].detail
	if len(probs) > 1 {
		msg += " (and " + strconv.Itoa(len(probs)-1) + " more)"
	}
	return errors.New(msg)
}

type programmeGuard = fsm.Guard[*programmeSubject]

var (
	guardReviewRecorded = programmeGuard{Name: "review-recorded", Rule: RuleReviewRecorded, Check: func(s *programmeSubject) error {
		if s.p.roundReviewed() {
			return nil
		}
		return errors.New("this review round has no review recorded (RecordReview)")
	}}
	guardNoActions = programmeGuard{Name: "no-actions", Rule: RuleReviewActions, Check: func(s *programmeSubject) error {
		if r := s.p.latestReview(); r != nil && len(r.Actions) > 0 {
			return errors.New("review " + strconv.Quote(r.ID) + " raised " + strconv.Itoa(len(r.Actions)) + " improvement action(s): improve the programme instead")
		}
		return nil
	}}
	guardViaImprove = programmeGuard{Name: "new-version", Rule: RuleImproveNewVersion, Check: func(s *programmeSubject) error {
		if s.probe || s.improving {
			return nil
		}
		return errors.New("improving starts a new version: use Improve, which returns it")
	}}
)

// programmeMachine is the programme lifecycle (19011:5.4-5.7), checked
// when the package initialises.
var programmeMachine = fsm.MustNew(fsm.Spec[State, Event, *programmeSubject]{
	Name:     "programme.programme",
	States:   stateSet.Values(),
	Events:   eventSet.Values(),
	Initial:  StateDraft,
	Terminal: []State{StateImproved, StateClosed},
	Table: []fsm.Transition[State, Event, *programmeSubject]{
		{From: StateDraft, Event: EventApprove, To: StateApproved, Guards: []programmeGuard{
			contentGuard("objectives-measurable", RuleObjectives, checkObjectives),
			contentGuard("managers-named", RuleManagers, checkManagers),
			contentGuard("extent-stated", RuleExtent, checkExtent),
			contentGuard("resources-stated", RuleResources, checkResources),
			contentGuard("records-policy", RuleRecords, checkRecords),
			contentGuard("risk-areas-covered", RuleRiskAreas, checkRiskAreas),
			contentGuard("risks-assessed", RuleRisksAssessed, checkRisksAssessed),
		}},
		{From: StateApproved, Event: EventImplement, To: StateImplementing, Guards: []programmeGuard{
			contentGuard("risks-assessed", RuleRisksAssessed, checkRisksAssessed),
			contentGuard("treatments-planned", RuleRiskTreatment, checkRiskTreatment),
		}},
		{From: StateImplementing, Event: EventReview, To: StateUnderReview},
		{From: StateUnderReview, Event: EventResume, To: StateImplementing, Guards: []programmeGuard{guardReviewRecorded, guardNoActions}},
		{From: StateUnderReview, Event: EventImprove, To: StateImproved, Guards: []programmeGuard{guardReviewRecorded, guardViaImprove}},
		{From: StateUnderReview, Event: EventClose, To: StateClosed, Guards: []programmeGuard{guardReviewRecorded}},
	},
})

// progRequireOpen refuses an operation (op, such as "add-risk") on a version
// that is a record (improved or closed) with a *ismsaudit.TransitionError of reason
// wrong-state citing PRG-FROZEN, and on a programme whose state is not a
// programme state (one not started by New) with reason unknown-state
// citing PRG-RECORD-SHAPE.
func (p *Programme) progRequireOpen(op string) error {
	if !programmeMachine.IsTerminal(p.State) && p.State.IsValid() {
		return nil
	}
	if !p.State.IsValid() {
		// A programme not started by New (or Decode) has no lifecycle.
		return &fsm.TransitionError{
			Machine: programmeMachine.Name(), State: string(p.State), Event: op, Reason: fsm.ReasonUnknownState,
			Rule: RuleRecordShape, Detail: "not a programme state: start a programme with New",
		}
	}
	return &fsm.TransitionError{
		Machine: programmeMachine.Name(), State: string(p.State), Event: op, Reason: fsm.ReasonWrongState,
		Rule: RuleFrozen, Detail: "the version is " + string(p.State) + " and kept as a record; allowed only in " + strings.Join(progOpenStates(), ", "),
	}
}

// progRequireSchedule refuses an operation that changes the schedule or
// the cycles (op, such as "add-cycle") unless the version is in one of
// the allowed states: on an improved or closed version with
// progRequireOpen's error (PRG-FROZEN), in any other state with a
// *ismsaudit.TransitionError of reason wrong-state citing PRG-SCHEDULE-WHEN.
func (p *Programme) progRequireSchedule(op string, allowed ...State) error {
	if err := p.progRequireOpen(op); err != nil {
		return err
	}
	return p.progRequireState(op, RuleScheduleWhen, "", allowed...)
}

// progRequireState refuses an operation the programme's state does not allow
// with a *ismsaudit.TransitionError of reason wrong-state citing rule.
func (p *Programme) progRequireState(op string, rule ismsaudit.RuleID, detail string, allowed ...State) error {
	if slices.Contains(allowed, p.State) {
		return nil
	}
	names := make([]string, len(allowed))
	for i, s := range allowed {
		names[i] = string(s)
	}
	if detail == "" {
		detail = "allowed only in " + strings.Join(names, ", ")
	}
	return &fsm.TransitionError{
		Machine: programmeMachine.Name(), State: string(p.State), Event: op, Reason: fsm.ReasonWrongState,
		Rule: rule, Detail: detail,
	}
}

func progOpenStates() []string {
	var out []string
	for s := range States() {
		if !programmeMachine.IsTerminal(s) {
			out = append(out, string(s))
		}
	}
	return out
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
