package ismsaudit

import (
	"fmt"
	"strings"
	"time"
)

// Meta is what the host says about an operation: when it happened and who
// did it, with an optional remark kept in the history entry. The library
// never reads a clock: At is always the host's. A reason an operation
// needs (why a finding is withdrawn, why evidence is rejected) is a
// parameter of that operation, never a convention about Note.
type Meta struct {
	// At is when the operation happened. Required: an operation without a
	// time, or with a time before the latest entry of the history it
	// extends, is refused (Reason [ReasonMeta]).
	At time.Time `json:"at"`
	// By identifies who did it (a person or a system acting for one).
	// Required.
	By string `json:"by"`
	// Note is a free remark for the record; the library gives it no
	// meaning.
	Note string `json:"note,omitempty"`
}

// Entry is one line of a lifecycle's history: an accepted event, from
// which state to which, when and by whom. Histories are append-only: an
// entry, once written, is never changed or removed.
type Entry[S, E ~string] struct {
	// From is the state before the event.
	From S `json:"from"`
	// Event is the event that was accepted.
	Event E `json:"event"`
	// To is the state after it.
	To S `json:"to"`
	// At and By come from the operation's Meta.
	At time.Time `json:"at"`
	By string    `json:"by"`
	// Note is the Meta's remark, if any.
	Note string `json:"note,omitempty"`
	// Reason is the reason the operation was given as a parameter (a
	// withdrawal, a rejection, an ineffective corrective action), if the
	// operation takes one.
	Reason string `json:"reason,omitempty"`
}

// Reason says why a lifecycle refused an event; it is the Reason of a
// [TransitionError].
type Reason string

// The Reason values. Never reorder.
const (
	// ReasonUnknownEvent: the event is not one of the lifecycle's events.
	ReasonUnknownEvent Reason = "unknown-event"
	// ReasonUnknownState: the subject's state is not one of the
	// lifecycle's states (a record edited by hand).
	ReasonUnknownState Reason = "unknown-state"
	// ReasonNoTransition: the lifecycle's table has no row for the event
	// in the current state: it is out of order.
	ReasonNoTransition Reason = "no-transition"
	// ReasonTerminal: the current state is terminal and accepts no event.
	ReasonTerminal Reason = "terminal-state"
	// ReasonGuard: a guard of the row refused; Guard names it.
	ReasonGuard Reason = "guard"
	// ReasonMeta: the operation's Meta lacks a time or an actor, or its
	// time is before the latest history entry.
	ReasonMeta Reason = "meta"
	// ReasonWrongState: an operation that is not itself an event (adding
	// a finding, recording evidence) is not allowed in the current state.
	ReasonWrongState Reason = "wrong-state"
)

var reasons = []Reason{ReasonUnknownEvent, ReasonUnknownState, ReasonNoTransition, ReasonTerminal, ReasonGuard, ReasonMeta, ReasonWrongState}

// Reasons returns the Reason values in canonical order.
func Reasons() []Reason { return append([]Reason(nil), reasons...) }

// IsValid reports whether r is one of the Reason values.
func (r Reason) IsValid() bool {
	for _, v := range reasons {
		if v == r {
			return true
		}
	}
	return false
}

// String returns the token.
func (r Reason) String() string { return string(r) }

// MarshalText implements encoding.TextMarshaler; an unknown value is refused.
func (r Reason) MarshalText() ([]byte, error) {
	if r != "" && !r.IsValid() {
		return nil, r.parseError(string(r))
	}
	return []byte(r), nil
}

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (r *Reason) UnmarshalText(b []byte) error {
	v := Reason(b)
	if len(b) > 0 && !v.IsValid() {
		return v.parseError(string(b))
	}
	*r = v
	return nil
}

func (Reason) parseError(text string) error {
	valid := make([]string, len(reasons))
	for i, v := range reasons {
		valid[i] = string(v)
	}
	return &ParseError{Pkg: "ismsaudit", Type: "Reason", Input: text, Valid: valid}
}

// TransitionError reports a refused event. It unwraps to ErrTransition and
// to the guard's own error, if any. Every refusal names the process rule
// behind it: the guard's rule, or, for an event out of order, the rule for
// the lifecycle's order.
type TransitionError struct {
	// Machine names the lifecycle, e.g. "audit.plan".
	Machine string `json:"machine"`
	// State is the state the subject was in.
	State string `json:"state"`
	// Event is the refused event (or, for ReasonWrongState, the
	// operation).
	Event string `json:"event"`
	// Reason says what kind of refusal this is.
	Reason Reason `json:"reason"`
	// Guard names the guard that refused (Reason ReasonGuard).
	Guard string `json:"guard,omitempty"`
	// Rule is the id of the process rule that refused.
	Rule RuleID `json:"rule"`
	// Detail explains the refusal in a few words.
	Detail string `json:"detail,omitempty"`
	// Err is the guard's error, if any.
	Err error `json:"-"`
}

// Error names lifecycle, state, event, reason and rule, then the detail.
func (e *TransitionError) Error() string {
	pkg, name, ok := strings.Cut(e.Machine, ".")
	if !ok {
		pkg, name = "ismsaudit", e.Machine
	}
	var b strings.Builder
	if name == pkg { // the package's main lifecycle: "audit: event ..."
		fmt.Fprintf(&b, "%s: event %q refused in state %q: %s", pkg, e.Event, e.State, e.Reason)
	} else {
		fmt.Fprintf(&b, "%s: %s: event %q refused in state %q: %s", pkg, name, e.Event, e.State, e.Reason)
	}
	if e.Rule != "" {
		fmt.Fprintf(&b, " %s", e.Rule)
	}
	if e.Detail != "" {
		fmt.Fprintf(&b, ": %s", e.Detail)
	}
	return b.String()
}

// Unwrap returns ErrTransition and the guard's error.
func (e *TransitionError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrTransition, e.Err}
	}
	return []error{ErrTransition}
}

// HistoryError reports a history that is not a path through its
// lifecycle's table: an entry that does not start where the previous one
// ended, a (state, event) pair with no row or another target, a missing
// time or actor, or time going backwards. It unwraps to ErrInvalid.
type HistoryError struct {
	// Machine names the lifecycle, e.g. "audit.finding".
	Machine string `json:"machine"`
	// Index is the position of the first entry that does not replay.
	Index int `json:"index"`
	// Problem says what is wrong with it.
	Problem string `json:"problem"`
}

// Error names the lifecycle, the entry and what is wrong with it.
func (e *HistoryError) Error() string {
	return fmt.Sprintf("%s: history[%d] %s", e.Machine, e.Index, e.Problem)
}

// Unwrap returns ErrInvalid.
func (e *HistoryError) Unwrap() error { return ErrInvalid }

// Lifecycle describes one lifecycle as data, from the very table the code
// runs: its states and events in canonical order, where a subject starts
// and where it ends, the transitions with their guards, and the rules that
// govern it. Every package with lifecycles lists them with a Lifecycles
// function; hosts render them (Mermaid) or drive their own user interface
// from them.
type Lifecycle struct {
	// Name is "package.lifecycle", e.g. "audit.plan".
	Name string `json:"name"`
	// States and Events list every state and event in canonical order.
	States []string `json:"states"`
	Events []string `json:"events"`
	// Initial is the state a new subject starts in.
	Initial string `json:"initial"`
	// Terminal lists the states that accept no event.
	Terminal []string `json:"terminal"`
	// Transitions are the table's rows in order.
	Transitions []Transition `json:"transitions"`
	// Order is the rule cited when an event has no row in the current
	// state (the lifecycle's order).
	Order RuleID `json:"order"`
	// Record is the rule cited when an operation's Meta is refused (no
	// time, no actor, time going backwards).
	Record RuleID `json:"record"`
}

// Transition is one row of a lifecycle table: in state From, event Event
// leads to To when every guard allows it.
type Transition struct {
	From   string  `json:"from"`
	Event  string  `json:"event"`
	To     string  `json:"to"`
	Guards []Guard `json:"guards,omitempty"`
}

// Guard is one named precondition of a transition and the rule it
// enforces.
type Guard struct {
	// Name is a short kebab-case label shown in diagrams.
	Name string `json:"name"`
	// Rule is the id of the process rule the guard enforces.
	Rule RuleID `json:"rule"`
}

// IsTerminal reports whether state accepts no event.
func (l Lifecycle) IsTerminal(state string) bool {
	for _, s := range l.Terminal {
		if s == state {
			return true
		}
	}
	return false
}

// Rules returns the ids of the rules the lifecycle cites: the order and
// record rules, then each guard's rule, once each, in table order.
func (l Lifecycle) Rules() []RuleID {
	var out []RuleID
	add := func(r RuleID) {
		if r == "" {
			return
		}
		for _, o := range out {
			if o == r {
				return
			}
		}
		out = append(out, r)
	}
	add(l.Order)
	add(l.Record)
	for _, t := range l.Transitions {
		for _, g := range t.Guards {
			add(g.Rule)
		}
	}
	return out
}

// Mermaid renders the lifecycle as a Mermaid state diagram: the initial
// state, one arrow per row labelled with its event and guard names, and an
// arrow from each terminal state to the end marker.
func (l Lifecycle) Mermaid() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	fmt.Fprintf(&b, "    [*] --> %s\n", mermaidID(l.Initial))
	for _, t := range l.Transitions {
		label := t.Event
		if len(t.Guards) > 0 {
			names := make([]string, len(t.Guards))
			for i, g := range t.Guards {
				names[i] = g.Name
			}
			label += " [" + strings.Join(names, ", ") + "]"
		}
		fmt.Fprintf(&b, "    %s --> %s: %s\n", mermaidID(t.From), mermaidID(t.To), label)
	}
	for _, s := range l.Terminal {
		fmt.Fprintf(&b, "    %s --> [*]\n", mermaidID(s))
	}
	return b.String()
}

// mermaidID turns a kebab-case token into an identifier Mermaid accepts.
func mermaidID(s string) string { return strings.ReplaceAll(s, "-", "_") }
