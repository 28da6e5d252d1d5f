package programme

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

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

// contentProblem is one thing a content check found missing, with the
// path of the field.
type contentProblem struct{ path, detail string }

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

func progBlank(s string) bool { return strings.TrimSpace(s) == "" }

func progFinite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// checkObjectives: at least one objective, each with a complete target.
func checkObjectives(p *Programme) []contentProblem {
	if len(p.Objectives) == 0 {
		return []contentProblem{{"Objectives", "the programme has no objectives"}}
	}
	var out []contentProblem
	for i, o := range p.Objectives {
		at := errs.Index("Objectives", i) + ".Target"
		t := o.Target
		if progBlank(t.Metric) {
			out = append(out, contentProblem{at + ".Metric", "objective " + strconv.Quote(o.ID) + " has no metric"})
		}
		if !t.Direction.IsValid() {
			out = append(out, contentProblem{at + ".Direction", "objective " + strconv.Quote(o.ID) + " does not say whether the value is a floor or a ceiling"})
		}
		if !progFinite(t.Value) {
			out = append(out, contentProblem{at + ".Value", "objective " + strconv.Quote(o.ID) + " has no finite target value"})
		}
		if progBlank(t.Unit) {
			out = append(out, contentProblem{at + ".Unit", "objective " + strconv.Quote(o.ID) + " has no unit"})
		}
		if t.Due.IsZero() {
			out = append(out, contentProblem{at + ".Due", "objective " + strconv.Quote(o.ID) + " has no due date"})
		}
	}
	return out
}

// checkManagers: at least one manager, every role held.
func checkManagers(p *Programme) []contentProblem {
	if len(p.Managers) == 0 {
		return []contentProblem{{"Managers", "nobody is named to manage the programme"}}
	}
	held := map[ManagerRole]bool{}
	for _, m := range p.Managers {
		for _, r := range m.Roles {
			held[r] = true
		}
	}
	var missing []string
	for r := range ManagerRoles() {
		if !held[r] {
			missing = append(missing, string(r))
		}
	}
	if len(missing) > 0 {
		return []contentProblem{{"Managers", "nobody holds the role(s) " + strings.Join(missing, ", ")}}
	}
	return nil
}

// checkExtent: period, audits, kinds, locations, frequency, duration and
// the drivers other than significant changes.
func checkExtent(p *Programme) []contentProblem {
	e := p.Extent
	var out []contentProblem
	add := func(path, detail string) { out = append(out, contentProblem{"Extent." + path, detail}) }
	if e.Start.IsZero() || e.End.IsZero() || !e.End.After(e.Start) {
		add("End", "the programme's period needs a start and a later end")
	}
	if e.Audits < 1 {
		add("Audits", "the number of audits is not stated")
	}
	if len(e.Kinds) == 0 {
		add("Kinds", "the kinds of audit are not stated")
	}
	if len(e.Locations) == 0 {
		add("Locations", "the locations audited are not stated")
	}
	if progBlank(e.Frequency) {
		add("Frequency", "the frequency of audits is not stated")
	}
	if !(e.AuditDays > 0) || !progFinite(e.AuditDays) {
		add("AuditDays", "the duration of the audits is not stated")
	}
	if progBlank(e.Drivers.SizeAndComplexity) {
		add("Drivers.SizeAndComplexity", "the size and complexity of the ISMS are not described")
	}
	if progBlank(e.Drivers.RiskAssessment) {
		add("Drivers.RiskAssessment", "the risk assessment results behind the extent are not described")
	}
	if progBlank(e.Drivers.PreviousResults) {
		add("Drivers.PreviousResults", "previous audit results are not described")
	}
	return out
}

// checkResources: auditor days covering the extent, travel stated.
func checkResources(p *Programme) []contentProblem {
	r := p.Resources
	switch {
	case !(r.AuditorDays > 0) || !progFinite(r.AuditorDays):
		return []contentProblem{{"Resources.AuditorDays", "no auditor days are stated"}}
	case r.AuditorDays < p.Extent.AuditDays:
		return []contentProblem{{"Resources.AuditorDays", strconv.FormatFloat(r.AuditorDays, 'f', -1, 64) +
			" auditor days do not cover the " + strconv.FormatFloat(p.Extent.AuditDays, 'f', -1, 64) + " audit days the extent plans"}}
	case !progFinite(r.TravelDays) || r.TravelDays < 0:
		return []contentProblem{{"Resources.TravelDays", "travel days must be a finite number, zero or more"}}
	}
	return nil
}

// checkRecords: retention, access and confidentiality stated.
func checkRecords(p *Programme) []contentProblem {
	r := p.Records
	var out []contentProblem
	if r.RetentionMonths < 1 {
		out = append(out, contentProblem{"Records.RetentionMonths", "how long records are kept is not stated"})
	}
	if len(r.Access) == 0 {
		out = append(out, contentProblem{"Records.Access", "who may access records is not stated"})
	}
	if progBlank(r.Confidentiality) {
		out = append(out, contentProblem{"Records.Confidentiality", "how confidential ISMS information is protected is not stated"})
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
			out = append(out, contentProblem{errs.Index("Risks", i), "entry " + strconv.Quote(r.ID) + " is not assessed"})
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
			out = append(out, contentProblem{errs.Index("Risks", i), "risk " + strconv.Quote(r.ID) + " is rated " + string(r.Level()) + ", above the acceptable level, and has no planned treatment"})
		}
	}
	return out
}

// reviewRounds counts the review events of a history.
func reviewRounds(h []Entry) int {
	n := 0
	for _, e := range h {
		if e.Event == EventReview {
			n++
		}
	}
	return n
}

// reviewsOf counts the reviews recorded against a version.
func (p *Programme) reviewsOf(version int) int {
	n := 0
	for _, r := range p.Reviews {
		if r.Version == version {
			n++
		}
	}
	return n
}

// roundReviewed reports whether the current review round has its review.
func (p *Programme) roundReviewed() bool {
	rounds := reviewRounds(p.History)
	return rounds > 0 && p.reviewsOf(p.Version) >= rounds
}

// latestReview returns the latest review of the current version, or nil.
func (p *Programme) latestReview() *Review {
	for i := len(p.Reviews) - 1; i >= 0; i-- {
		if p.Reviews[i].Version == p.Version {
			return &p.Reviews[i]
		}
	}
	return nil
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

// staticChecks are the content checks approval made that still hold
// afterwards, as content changes only in draft; Verify re-runs them on
// every version past draft.
var staticChecks = []struct {
	rule  ismsaudit.RuleID
	check func(*Programme) []contentProblem
}{
	{RuleObjectives, checkObjectives},
	{RuleManagers, checkManagers},
	{RuleExtent, checkExtent},
	{RuleResources, checkResources},
	{RuleRecords, checkRecords},
	{RuleRiskAreas, checkRiskAreas},
}

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
