// Package fsm is the one state-machine engine behind every ismsaudit
// lifecycle. A lifecycle is data: a table of transitions (From, Event) -> To,
// each with named guards that cite a process rule. The table is checked when
// the owning package initialises. Firing an event never mutates anything: it
// either returns the history entry the caller appends (and whose To becomes
// the new state) or a *TransitionError naming machine, state, event and the
// failed rule. The same table renders as a Mermaid diagram, so the picture
// is always the code.
package fsm

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
)

// Guard is one named precondition of a transition. Check is pure: it looks
// at the subject and returns nil when the transition may happen, or an error
// saying why not (its text becomes the refusal's detail).
type Guard[T any] struct {
	// Name is a short kebab-case label shown in diagrams.
	Name string
	// Rule is the id of the process rule the guard enforces.
	Rule ismsaudit.RuleID
	// Check inspects the subject.
	Check func(T) error
}

// Transition is one row of a lifecycle table.
type Transition[S, E ~string, T any] struct {
	From   S
	Event  E
	To     S
	Guards []Guard[T]
}

// Entry is ismsaudit.Entry; Meta is ismsaudit.Meta.
type (
	Entry[S, E ~string] = ismsaudit.Entry[S, E]
	Meta                = ismsaudit.Meta
	TransitionError     = ismsaudit.TransitionError
	Reason              = ismsaudit.Reason
)

// The refusal reasons, as in the root package.
const (
	ReasonUnknownEvent = ismsaudit.ReasonUnknownEvent
	ReasonUnknownState = ismsaudit.ReasonUnknownState
	ReasonNoTransition = ismsaudit.ReasonNoTransition
	ReasonTerminal     = ismsaudit.ReasonTerminal
	ReasonGuard        = ismsaudit.ReasonGuard
	ReasonMeta         = ismsaudit.ReasonMeta
	ReasonWrongState   = ismsaudit.ReasonWrongState
)

type key[S, E ~string] struct {
	from  S
	event E
}

// Machine is a checked, immutable lifecycle table. It is safe for
// concurrent use.
type Machine[S, E ~string, T any] struct {
	name     string
	states   []S
	events   []E
	initial  S
	terminal []S
	table    []Transition[S, E, T]
	index    map[key[S, E]]int
	order    ismsaudit.RuleID
	record   ismsaudit.RuleID
}

// Spec describes a lifecycle for New.
type Spec[S, E ~string, T any] struct {
	// Name is "package.lifecycle", e.g. "audit.plan".
	Name string
	// States and Events list every value in canonical order.
	States []S
	Events []E
	// Initial is the state a new subject starts in.
	Initial S
	// Terminal states accept no event.
	Terminal []S
	// Table lists the transitions in the order diagrams show them.
	Table []Transition[S, E, T]
	// Order is the rule cited when an event has no row in the current
	// state (unknown event or state, terminal state, out of order).
	Order ismsaudit.RuleID
	// Record is the rule cited when the operation's Meta is refused.
	Record ismsaudit.RuleID
}

// New checks a lifecycle table: a name, the order and record rules, known
// states and events, no duplicate (From, Event) row, no exit from a
// terminal state, every guard named with a rule and a check, and every
// state reachable from the initial one.
func New[S, E ~string, T any](spec Spec[S, E, T]) (*Machine[S, E, T], error) {
	m := &Machine[S, E, T]{
		name: spec.Name, states: slices.Clone(spec.States), events: slices.Clone(spec.Events),
		initial: spec.Initial, terminal: slices.Clone(spec.Terminal), table: slices.Clone(spec.Table),
		index: make(map[key[S, E]]int, len(spec.Table)),
		order: spec.Order, record: spec.Record,
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if m.name == "" {
		bad("no name")
	}
	if m.order == "" || m.record == "" {
		bad("no order or record rule: every refusal must cite a rule")
	}
	for i, st := range m.states {
		if st == "" || slices.Index(m.states, st) != i {
			bad("state %d %q is empty or repeated", i, st)
		}
	}
	for i, e := range m.events {
		if e == "" || slices.Index(m.events, e) != i {
			bad("event %d %q is empty or repeated", i, e)
		}
	}
	if !slices.Contains(m.states, m.initial) {
		bad("initial state %q is not a state", m.initial)
	}
	for _, s := range m.terminal {
		if !slices.Contains(m.states, s) {
			bad("terminal state %q is not a state", s)
		}
	}
	for i, t := range m.table {
		if !slices.Contains(m.states, t.From) {
			bad("row %d: from %q is not a state", i, t.From)
		}
		if !slices.Contains(m.states, t.To) {
			bad("row %d: to %q is not a state", i, t.To)
		}
		if !slices.Contains(m.events, t.Event) {
			bad("row %d: event %q is not an event", i, t.Event)
		}
		if slices.Contains(m.terminal, t.From) {
			bad("row %d: exit from terminal state %q", i, t.From)
		}
		for j, g := range t.Guards {
			if g.Name == "" || g.Rule == "" || g.Check == nil {
				bad("row %d guard %d: needs a name, a rule and a check", i, j)
			}
		}
		k := key[S, E]{t.From, t.Event}
		if _, dup := m.index[k]; dup {
			bad("row %d: duplicate (%q, %q)", i, t.From, t.Event)
		}
		m.index[k] = i
	}
	reached := map[S]bool{m.initial: true}
	for changed := true; changed; {
		changed = false
		for _, t := range m.table {
			if reached[t.From] && !reached[t.To] {
				reached[t.To] = true
				changed = true
			}
		}
	}
	for _, s := range m.states {
		if !reached[s] {
			bad("state %q is unreachable from %q", s, m.initial)
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w: fsm %s: %s", ismsaudit.ErrInvalid, m.name, strings.Join(problems, "; "))
	}
	return m, nil
}

// MustNew is New for package initialisation: it panics on a bad table.
func MustNew[S, E ~string, T any](spec Spec[S, E, T]) *Machine[S, E, T] {
	m, err := New(spec)
	if err != nil {
		panic(err)
	}
	return m
}

// Name returns the lifecycle's name.
func (m *Machine[S, E, T]) Name() string { return m.name }

// Initial returns the state a new subject starts in.
func (m *Machine[S, E, T]) Initial() S { return m.initial }

// States yields every state in canonical order.
func (m *Machine[S, E, T]) States() iter.Seq[S] { return slices.Values(m.states) }

// Events yields every event in canonical order.
func (m *Machine[S, E, T]) Events() iter.Seq[E] { return slices.Values(m.events) }

// Transitions yields the table's rows in order. Guards slices are shared
// and must not be modified.
func (m *Machine[S, E, T]) Transitions() iter.Seq[Transition[S, E, T]] { return slices.Values(m.table) }

// IsTerminal reports whether s accepts no event.
func (m *Machine[S, E, T]) IsTerminal(s S) bool { return slices.Contains(m.terminal, s) }

// Rules yields the rule ids the guards cite, once each, in table order.
func (m *Machine[S, E, T]) Rules() iter.Seq[ismsaudit.RuleID] {
	return func(yield func(ismsaudit.RuleID) bool) {
		seen := map[ismsaudit.RuleID]bool{}
		for _, t := range m.table {
			for _, g := range t.Guards {
				if !seen[g.Rule] {
					seen[g.Rule] = true
					if !yield(g.Rule) {
						return
					}
				}
			}
		}
	}
}

// Next returns the target state of (state, event) without checking guards,
// and whether the table has such a row.
func (m *Machine[S, E, T]) Next(state S, event E) (S, bool) {
	i, ok := m.index[key[S, E]{state, event}]
	if !ok {
		var zero S
		return zero, false
	}
	return m.table[i].To, true
}

// Check reports whether event may fire now: nil, or the *TransitionError
// Fire would return (without looking at meta).
func (m *Machine[S, E, T]) Check(subject T, state S, event E) error {
	_, r := m.check(subject, state, event)
	return m.refusalError(state, event, r)
}

// refusal says why check refused, cheaply; refusalError builds the error
// only when the caller wants one, so Can and Permitted do not allocate.
type refusal[T any] struct {
	reason Reason
	guard  *Guard[T]
	cause  error
}

func (m *Machine[S, E, T]) refusalError(state S, event E, r refusal[T]) error {
	if r.reason == "" {
		return nil
	}
	te := &TransitionError{Machine: m.name, State: string(state), Event: string(event), Reason: r.reason, Rule: m.order, Err: r.cause}
	if r.guard != nil {
		te.Guard, te.Rule = r.guard.Name, r.guard.Rule
	}
	if r.cause != nil {
		te.Detail = r.cause.Error()
	}
	return te
}

func (m *Machine[S, E, T]) check(subject T, state S, event E) (*Transition[S, E, T], refusal[T]) {
	i, ok := m.index[key[S, E]{state, event}]
	if !ok {
		return nil, refusal[T]{reason: m.noRowReason(state, event)}
	}
	t := &m.table[i]
	for j := range t.Guards {
		if err := t.Guards[j].Check(subject); err != nil {
			return nil, refusal[T]{reason: ReasonGuard, guard: &t.Guards[j], cause: err}
		}
	}
	return t, refusal[T]{}
}

func (m *Machine[S, E, T]) noRowReason(state S, event E) Reason {
	switch {
	case !slices.Contains(m.events, event):
		return ReasonUnknownEvent
	case !slices.Contains(m.states, state):
		return ReasonUnknownState
	case m.IsTerminal(state):
		return ReasonTerminal
	}
	return ReasonNoTransition
}

// Can reports whether event may fire from state for subject.
func (m *Machine[S, E, T]) Can(subject T, state S, event E) bool {
	t, _ := m.check(subject, state, event)
	return t != nil
}

// Permitted returns the events that may fire now, in canonical event order.
func (m *Machine[S, E, T]) Permitted(subject T, state S) []E {
	var out []E
	for _, e := range m.events {
		if m.Can(subject, state, e) {
			out = append(out, e)
		}
	}
	return out
}

// Fire checks event against the table and its guards and, when accepted,
// returns the history entry to append (Entry.To is the new state). It
// mutates nothing. meta must carry a time no earlier than last (the time of
// the latest history entry; zero when there is none) and an actor.
func (m *Machine[S, E, T]) Fire(subject T, state S, last time.Time, event E, meta Meta) (Entry[S, E], error) {
	t, r := m.check(subject, state, event)
	if t == nil {
		return Entry[S, E]{}, m.refusalError(state, event, r)
	}
	switch {
	case meta.At.IsZero():
		return Entry[S, E]{}, m.metaError(state, event, "the event needs a time")
	case meta.By == "":
		return Entry[S, E]{}, m.metaError(state, event, "the event needs an actor")
	case meta.At.Before(last):
		return Entry[S, E]{}, m.metaError(state, event, "time "+meta.At.Format(time.RFC3339)+" is before the last history entry "+last.Format(time.RFC3339))
	}
	return Entry[S, E]{From: state, Event: event, To: t.To, At: meta.At, By: meta.By, Note: meta.Note}, nil
}

func (m *Machine[S, E, T]) metaError(state S, event E, detail string) error {
	return &TransitionError{Machine: m.name, State: string(state), Event: string(event), Reason: ReasonMeta, Rule: m.record, Detail: detail}
}

// Last returns the time of the latest entry of h, zero when h is empty.
func Last[S, E ~string](h []Entry[S, E]) time.Time {
	if len(h) == 0 {
		return time.Time{}
	}
	return h[len(h)-1].At
}

// Replay checks that a history is a path through the table from the
// initial state: each entry's From is the previous To, each (From, Event)
// row exists with that To, times never go backwards and every entry has a
// time and an actor. It returns the final state. Guards are not re-run:
// they looked at the subject as it was then.
func (m *Machine[S, E, T]) Replay(h []Entry[S, E]) (S, error) {
	state := m.initial
	var last time.Time
	for i, e := range h {
		var problem string
		to, ok := m.Next(e.From, e.Event)
		switch {
		case e.From != state:
			problem = fmt.Sprintf("starts from %q but the lifecycle was in %q", e.From, state)
		case !ok:
			problem = fmt.Sprintf("no transition (%q, %q)", e.From, e.Event)
		case to != e.To:
			problem = fmt.Sprintf("(%q, %q) leads to %q, not %q", e.From, e.Event, to, e.To)
		case e.At.IsZero() || e.By == "":
			problem = "missing time or actor"
		case e.At.Before(last):
			problem = "time goes backwards"
		}
		if problem != "" {
			return state, &ReplayError{Machine: m.name, Index: i, Problem: problem}
		}
		state, last = e.To, e.At
	}
	return state, nil
}

// ReplayError is ismsaudit.HistoryError, the one way a history that does
// not replay is reported.
type ReplayError = ismsaudit.HistoryError

// Describe returns the table as the public description hosts see.
func (m *Machine[S, E, T]) Describe() ismsaudit.Lifecycle {
	l := ismsaudit.Lifecycle{Name: m.name, Initial: string(m.initial), Order: m.order, Record: m.record}
	for _, s := range m.states {
		l.States = append(l.States, string(s))
	}
	for _, e := range m.events {
		l.Events = append(l.Events, string(e))
	}
	for _, s := range m.terminal {
		l.Terminal = append(l.Terminal, string(s))
	}
	for _, t := range m.table {
		row := ismsaudit.Transition{From: string(t.From), Event: string(t.Event), To: string(t.To)}
		for _, g := range t.Guards {
			row.Guards = append(row.Guards, ismsaudit.Guard{Name: g.Name, Rule: g.Rule})
		}
		l.Transitions = append(l.Transitions, row)
	}
	return l
}

// Mermaid renders the table as a Mermaid state diagram (see
// ismsaudit.Lifecycle.Mermaid).
func (m *Machine[S, E, T]) Mermaid() string { return m.Describe().Mermaid() }

// IsTransitionError reports whether err is a refusal for the given rule id.
func IsTransitionError(err error, rule ismsaudit.RuleID) bool {
	var te *TransitionError
	return errors.As(err, &te) && te.Rule == rule
}

// Catalogue lists a package's lifecycles, in order, by the Describe
// methods of their machines; the package's Lifecycles and LookupLifecycle
// wrap it.
type Catalogue []func() ismsaudit.Lifecycle

// All yields a fresh description of each lifecycle, in order.
func (c Catalogue) All() iter.Seq[ismsaudit.Lifecycle] {
	return func(yield func(ismsaudit.Lifecycle) bool) {
		for _, describe := range c {
			if !yield(describe()) {
				return
			}
		}
	}
}

// Lookup returns the lifecycle with the given name.
func (c Catalogue) Lookup(name string) (ismsaudit.Lifecycle, bool) {
	for l := range c.All() {
		if l.Name == name {
			return l, true
		}
	}
	return ismsaudit.Lifecycle{}, false
}
