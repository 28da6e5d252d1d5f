package programme

import (
	"errors"
	"iter"
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
// nothing; when a content check of approval or implementation refuses, the
// error also unwraps to a *ismsaudit.ValidationError naming each field at
// fault with the rule. Improving goes through Improve, which returns the next
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

// Permitted returns the events that may fire now, in canonical order
// (improve when Improve would be accepted).
func (p *Programme) Permitted() []Event {
	return programmeMachine.Permitted(&programmeSubject{p: p, probe: true}, p.State)
}

// Can reports whether event e may fire now (for improve: whether Improve
// would be accepted): Check(e) == nil.
func (p *Programme) Can(e Event) bool {
	return programmeMachine.Can(&programmeSubject{p: p, probe: true}, p.State, e)
}

// Check returns nil when event e may fire now, else the
// *ismsaudit.TransitionError Fire (for improve: Improve) would return,
// the operation's Meta aside: an event out of order cites
// PRG-PROGRAMME-ORDER, a guard its own rule.
func (p *Programme) Check(e Event) error {
	return programmeMachine.Check(&programmeSubject{p: p, probe: true}, p.State, e)
}

// lifecycles lists the package's lifecycles: the programme's, then a
// register entry's.
var lifecycles = fsm.Catalogue{programmeMachine.Describe, riskMachine.Describe}

// Lifecycles yields the package's lifecycles, each described from the
// very table the code runs: the programme ("programme.programme": draft
// -> approved -> implementing -> under-review, then improved, closed, or
// back to implementing when the review asks for no change) and an entry
// of the register of risks and opportunities ("programme.risk"). Each is
// a fresh value the caller may keep or change.
func Lifecycles() iter.Seq[ismsaudit.Lifecycle] { return lifecycles.All() }

// LookupLifecycle returns the lifecycle with the given name,
// "programme.programme" or "programme.risk".
func LookupLifecycle(name string) (ismsaudit.Lifecycle, bool) { return lifecycles.Lookup(name) }

// programmeSubject is what programme guards look at: the programme,
// whether Improve is firing the event, and whether this is a probe (Can,
// Permitted), in which the guard on the way improve is fired passes.
type programmeSubject struct {
	p         *Programme
	improving bool
	probe     bool
}

// contentGuard turns a content check into a guard refusing with every
// problem found: a *ismsaudit.ValidationError (the refusal's Err) whose
// fields each name the path of a missing or wrong part and the guard's
// rule.
func contentGuard(name string, rule ismsaudit.RuleID, check func(*Programme) []contentProblem) fsm.Guard[*programmeSubject] {
	return fsm.Guard[*programmeSubject]{Name: name, Rule: rule, Check: func(s *programmeSubject) error {
		return problemsError(rule, check(s.p))
	}}
}

// problemsError is nil when probs is empty, else the
// *ismsaudit.ValidationError listing every problem under rule.
func problemsError(rule ismsaudit.RuleID, probs []contentProblem) error {
	col := newCollector("programme")
	for _, prob := range probs {
		col.Add(prob.path, rule, "", prob.detail)
	}
	return col.Err()
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
			return errors.New("review " + strconv.Quote(string(r.ID)) + " raised " + strconv.Itoa(len(r.Actions)) + " improvement action(s): improve the programme instead")
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
	Order:    RuleProgrammeOrder,
	Record:   RuleProgrammeRecord,
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

// requireOpen refuses an operation (op, such as "add-risk") on a version
// that is a record (improved or closed) with a *ismsaudit.TransitionError of reason
// wrong-state citing PRG-FROZEN, and on a programme whose state is not a
// programme state (one not started by New) with reason unknown-state
// citing PRG-RECORD-SHAPE.
func (p *Programme) requireOpen(op string) error {
	if !programmeMachine.IsTerminal(p.State) && p.State.IsValid() {
		return nil
	}
	if !p.State.IsValid() {
		// A programme not started by New (or Decode) has no lifecycle.
		return &ismsaudit.TransitionError{
			Machine: programmeMachine.Name(), State: string(p.State), Event: op, Reason: ismsaudit.ReasonUnknownState,
			Rule: RuleRecordShape, Detail: "not a programme state: start a programme with New",
		}
	}
	return &ismsaudit.TransitionError{
		Machine: programmeMachine.Name(), State: string(p.State), Event: op, Reason: ismsaudit.ReasonWrongState,
		Rule: RuleFrozen, Detail: "the version is " + string(p.State) + " and kept as a record; allowed only in " + strings.Join(openStates(), ", "),
	}
}

// requireSchedule refuses an operation that changes the schedule or
// the cycles (op, such as "add-cycle") unless the version is in one of
// the allowed states: on an improved or closed version with
// requireOpen's error (PRG-FROZEN), in any other state with a
// *ismsaudit.TransitionError of reason wrong-state citing PRG-SCHEDULE-WHEN.
func (p *Programme) requireSchedule(op string, allowed ...State) error {
	if err := p.requireOpen(op); err != nil {
		return err
	}
	return p.requireState(op, RuleScheduleWhen, "", allowed...)
}

// requireState refuses an operation the programme's state does not allow
// with a *ismsaudit.TransitionError of reason wrong-state citing rule.
func (p *Programme) requireState(op string, rule ismsaudit.RuleID, detail string, allowed ...State) error {
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
	return &ismsaudit.TransitionError{
		Machine: programmeMachine.Name(), State: string(p.State), Event: op, Reason: ismsaudit.ReasonWrongState,
		Rule: rule, Detail: detail,
	}
}

func openStates() []string {
	var out []string
	for s := range States() {
		if !programmeMachine.IsTerminal(s) {
			out = append(out, string(s))
		}
	}
	return out
}

// checkMeta checks the time and actor of an operation that is not a
// lifecycle event: both given, the time not before notBefore.
func checkMeta(col *errs.Collector, m ismsaudit.Meta, notBefore time.Time) {
	switch {
	case m.At.IsZero():
		col.Add("Meta.At", ismsaudit.RuleRequired, "", "when it happened")
	case m.At.Before(notBefore):
		col.Add("Meta.At", "time-order", m.At.Format(time.RFC3339), "before "+notBefore.Format(time.RFC3339))
	}
	if isBlank(m.By) {
		col.Add("Meta.By", ismsaudit.RuleRequired, "", "who did it")
	}
}

// The rules of the programme's lifecycle and of its record.
const (
	RuleProgrammeOrder  ismsaudit.RuleID = "PRG-PROGRAMME-ORDER"
	RuleProgrammeRecord ismsaudit.RuleID = "PRG-PROGRAMME-RECORD"
	RuleChangeInDraft   ismsaudit.RuleID = "PRG-CHANGE-IN-DRAFT"
	RuleFrozen          ismsaudit.RuleID = "PRG-FROZEN"
	RuleHistory         ismsaudit.RuleID = "PRG-HISTORY"
	RuleRecordShape     ismsaudit.RuleID = "PRG-RECORD-SHAPE"
)

var lifecycleRules = []ismsaudit.Rule{
	{ID: RuleProgrammeOrder, Clause: "19011:5.1, 5.4, 5.5, 5.7", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the programme is established and approved, then implemented, then reviewed, and after a review resumed, improved or closed: an event out of this order, an event of a closed or improved version, or an unknown event or state is refused"},
	{ID: RuleProgrammeRecord, Clause: "19011:5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "every event of the programme's lifecycle is recorded with when and by whom, never before the latest entry of its history"},
	{ID: RuleChangeInDraft, Clause: "19011:5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "the programme's content changes only in draft; once approved it changes through a review and a new version"},
	{ID: RuleFrozen, Clause: "19011:5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "an improved or closed version is a record: nothing in it changes any more"},
	{ID: RuleHistory, Clause: "19011:5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "each lifecycle history is a path through its table, in time order, ending in the recorded state, with the records each event leaves"},
	{ID: RuleRecordShape, Clause: "19011:5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "the programme record holds every required field with valid values, unique ids and no reference to anything it lacks"},
}
