package audit

import (
	"iter"
	"slices"

	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// Lifecycle describes one of the package's lifecycles from the very table
// the code runs: its states and events, its transitions with their guards
// and the rules they cite, and a Mermaid rendering. The audit, the plan,
// evidence items, findings, the conclusions and follow-ups each have one.
// A Lifecycle is an immutable value, safe for concurrent use.
type Lifecycle struct {
	name, initial string
	states        []string
	events        []string
	terminal      []string
	rows          []LifecycleTransition
	mermaid       string
}

// LifecycleTransition is one row of a lifecycle's table: from a state, an
// event leads to another state when every guard passes.
type LifecycleTransition struct {
	From, Event, To string
	// Guards are the named checks of the row, in the order they run.
	Guards []LifecycleGuard
}

// LifecycleGuard is one guard of a transition and the process rule it
// enforces (see LookupRule).
type LifecycleGuard struct {
	Name string
	Rule string
}

func coreDescribe[S, E ~string, T any](m *fsm.Machine[S, E, T]) Lifecycle {
	l := Lifecycle{name: m.Name(), initial: string(m.Initial()), mermaid: m.Mermaid()}
	for s := range m.States() {
		l.states = append(l.states, string(s))
		if m.IsTerminal(s) {
			l.terminal = append(l.terminal, string(s))
		}
	}
	for e := range m.Events() {
		l.events = append(l.events, string(e))
	}
	for t := range m.Transitions() {
		row := LifecycleTransition{From: string(t.From), Event: string(t.Event), To: string(t.To)}
		for _, g := range t.Guards {
			row.Guards = append(row.Guards, LifecycleGuard{Name: g.Name, Rule: g.Rule})
		}
		l.rows = append(l.rows, row)
	}
	return l
}

// lifecycles lists the package's lifecycles in the order of an audit.
var lifecycles = []Lifecycle{
	coreDescribe(auditMachine),
	coreDescribe(planMachine),
	coreDescribe(evidenceMachine),
	coreDescribe(findingMachine),
	coreDescribe(conclusionMachine),
	coreDescribe(followUpMachine),
}

// Lifecycles yields the package's lifecycles: the audit, the plan, an
// evidence item, a finding, the conclusions and a follow-up.
func Lifecycles() iter.Seq[Lifecycle] { return slices.Values(lifecycles) }

// LookupLifecycle returns the lifecycle with the given name, such as
// "audit.plan".
func LookupLifecycle(name string) (Lifecycle, bool) {
	i := slices.IndexFunc(lifecycles, func(l Lifecycle) bool { return l.name == name })
	if i < 0 {
		return Lifecycle{}, false
	}
	return lifecycles[i], true
}

// Name returns the lifecycle's name, "package.lifecycle", e.g. "audit.plan".
func (l Lifecycle) Name() string { return l.name }

// Initial returns the state a new subject starts in.
func (l Lifecycle) Initial() string { return l.initial }

// States yields every state in canonical order.
func (l Lifecycle) States() iter.Seq[string] { return slices.Values(l.states) }

// Events yields every event in canonical order.
func (l Lifecycle) Events() iter.Seq[string] { return slices.Values(l.events) }

// IsTerminal reports whether state s accepts no event.
func (l Lifecycle) IsTerminal(s string) bool { return slices.Contains(l.terminal, s) }

// Transitions yields the rows of the table in order; each is a copy.
func (l Lifecycle) Transitions() iter.Seq[LifecycleTransition] {
	return func(yield func(LifecycleTransition) bool) {
		for _, t := range l.rows {
			t.Guards = slices.Clone(t.Guards)
			if !yield(t) {
				return
			}
		}
	}
}

// Rules yields the ids of the rules the guards cite, once each, in table
// order.
func (l Lifecycle) Rules() iter.Seq[string] {
	return func(yield func(string) bool) {
		var seen []string
		for _, t := range l.rows {
			for _, g := range t.Guards {
				if slices.Contains(seen, g.Rule) {
					continue
				}
				seen = append(seen, g.Rule)
				if !yield(g.Rule) {
					return
				}
			}
		}
	}
}

// Mermaid renders the lifecycle as a Mermaid state diagram: one arrow per
// row of the table, labelled with its event and the names of its guards.
func (l Lifecycle) Mermaid() string { return l.mermaid }
