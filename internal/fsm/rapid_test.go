package fsm_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// model is an independent statement of the test lifecycle: where each
// (state, event) leads and which rule, if any, refuses it for a subject.
func model(d doc, s state, ev event) (to state, rule ismsaudit.RuleID, ok bool) {
	switch {
	case s == draft && ev == approve:
		if !d.Signed {
			return "", ruleSigned, false
		}
		if d.Reviewers < 1 {
			return "", ruleReviewed, false
		}
		return approved, "", true
	case s == draft && ev == hold:
		return onHold, "", true
	case s == draft && ev == closeEv:
		return closed, "", true
	case s == onHold && ev == reopen:
		return draft, "", true
	case s == approved && ev == reopen:
		if d.Locked {
			return "", ruleUnlocked, false
		}
		return draft, "", true
	case s == approved && ev == closeEv:
		if !d.Signed {
			return "", ruleSigned, false
		}
		return closed, "", true
	}
	return "", "", false
}

// lifecycleSM drives the machine with random events, subjects and meta,
// keeping the state and history the way a host aggregate would.
type lifecycleSM struct {
	state   state
	history []entry
	clock   time.Time
}

func (sm *lifecycleSM) fire(t *rapid.T) {
	ev := rapid.SampledFrom(append(slices.Clone(allEvents), "publish")).Draw(t, "event")
	subject := doc{
		Signed:    rapid.Bool().Draw(t, "signed"),
		Reviewers: rapid.IntRange(0, 2).Draw(t, "reviewers"),
		Locked:    rapid.Bool().Draw(t, "locked"),
	}
	var m fsm.Meta
	switch rapid.IntRange(0, 9).Draw(t, "meta") {
	case 0:
		m = fsm.Meta{By: "alice"} // no time
	case 1:
		m = fsm.Meta{At: sm.clock.Add(time.Minute)} // no actor
	case 2:
		m = fsm.Meta{At: sm.clock.Add(-time.Minute), By: "alice"} // before the last entry
	default:
		step := time.Duration(rapid.IntRange(0, 120).Draw(t, "minutes")) * time.Minute
		m = fsm.Meta{At: sm.clock.Add(step), By: rapid.SampledFrom([]string{"alice", "bob"}).Draw(t, "by"), Note: rapid.StringN(0, 8, -1).Draw(t, "note")}
	}
	if len(sm.history) == 0 && m.At.Before(sm.clock) {
		// Nothing happened yet: any non-zero time is acceptable.
		m.At = sm.clock
	}

	before, beforeLen := sm.state, len(sm.history)
	e, err := machine.Fire(subject, sm.state, fsm.Last(sm.history), ev, m)

	to, rule, allowed := model(subject, sm.state, ev)
	metaOK := !m.At.IsZero() && m.By != "" && !m.At.Before(fsm.Last(sm.history))

	if err != nil {
		if !errors.Is(err, ismsaudit.ErrTransition) {
			t.Fatalf("refusal does not wrap ErrTransition: %v", err)
		}
		var te *fsm.TransitionError
		if !errors.As(err, &te) {
			t.Fatalf("refusal is not a *TransitionError: %v", err)
		}
		if e != (entry{}) {
			t.Fatalf("refusal returned an entry: %+v", e)
		}
		switch {
		case allowed && metaOK:
			t.Fatalf("%s refused in %s for %+v, the model accepts it: %v", ev, sm.state, subject, err)
		case rule != "" && te.Rule != rule:
			t.Fatalf("%s in %s for %+v: refused by rule %q, want %q", ev, sm.state, subject, te.Rule, rule)
		case allowed && te.Reason != fsm.ReasonMeta:
			t.Fatalf("%s in %s: reason %q, want %q", ev, sm.state, te.Reason, fsm.ReasonMeta)
		}
		// Refused: nothing changes.
		if sm.state != before || len(sm.history) != beforeLen {
			t.Fatalf("a refusal changed the state or the history")
		}
		return
	}
	if !allowed || !metaOK {
		t.Fatalf("%s accepted in %s for %+v with %+v; the model refuses it (rule %q)", ev, sm.state, subject, m, rule)
	}
	want := entry{From: before, Event: ev, To: to, At: m.At, By: m.By, Note: m.Note}
	if e != want {
		t.Fatalf("entry %+v, want %+v", e, want)
	}
	sm.history = append(sm.history, e)
	sm.state = e.To
	sm.clock = e.At
	if len(sm.history) != beforeLen+1 {
		t.Fatalf("history grew by %d", len(sm.history)-beforeLen)
	}
}

func (sm *lifecycleSM) check(t *rapid.T) {
	if !slices.Contains(allStates, sm.state) {
		t.Fatalf("state %q is not one of the table's", sm.state)
	}
	got, err := machine.Replay(sm.history)
	if err != nil {
		t.Fatalf("Replay of a history the machine built: %v", err)
	}
	if got != sm.state {
		t.Fatalf("Replay gives %q, the lifecycle is in %q", got, sm.state)
	}
	if machine.IsTerminal(sm.state) && len(machine.Permitted(good, sm.state)) != 0 {
		t.Fatalf("terminal state %q permits events", sm.state)
	}
}

func TestLifecycleProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sm := &lifecycleSM{state: machine.Initial(), clock: t0}
		t.Repeat(map[string]func(*rapid.T){
			"fire": sm.fire,
			"":     sm.check,
		})
	})
}
