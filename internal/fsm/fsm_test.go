package fsm_test

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var (
	t0 = time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)
	t1 = t0.Add(time.Hour)
	t2 = t1.Add(time.Hour)
	t3 = t2.Add(time.Hour)
)

func meta(at time.Time) fsm.Meta { return fsm.Meta{At: at, By: "alice"} }

type (
	spec  = fsm.Spec[state, event, doc]
	row   = fsm.Transition[state, event, doc]
	entry = fsm.Entry[state, event]
)

func TestNewAcceptsTheTestLifecycle(t *testing.T) {
	m, err := fsm.New(docSpec())
	require.NoError(t, err)
	require.NotNil(t, m)
	assert.NotPanics(t, func() { fsm.MustNew(docSpec()) })
}

func TestNewRejects(t *testing.T) {
	noCheck := guardSigned
	noCheck.Check = nil
	noName := guardSigned
	noName.Name = ""
	noRule := guardSigned
	noRule.Rule = ""
	tests := []struct {
		name   string
		mutate func(s *spec)
	}{
		{"no name", func(s *spec) { s.Name = "" }},
		{"initial not a state", func(s *spec) { s.Initial = "published" }},
		{"initial empty", func(s *spec) { s.Initial = "" }},
		{"terminal not a state", func(s *spec) { s.Terminal = append(s.Terminal, "archived") }},
		{"row from an unknown state", func(s *spec) { s.Table = append(s.Table, row{From: "published", Event: reopen, To: draft}) }},
		{"row to an unknown state", func(s *spec) { s.Table[1].To = "parked" }},
		{"row with an unknown event", func(s *spec) { s.Table = append(s.Table, row{From: onHold, Event: "archive", To: closed}) }},
		{"row with an empty event", func(s *spec) { s.Table[1].Event = "" }},
		{"duplicate (from, event) with the same target", func(s *spec) { s.Table = append(s.Table, row{From: draft, Event: hold, To: onHold}) }},
		{"duplicate (from, event) with another target", func(s *spec) { s.Table = append(s.Table, row{From: draft, Event: hold, To: closed}) }},
		{"exit from a terminal state", func(s *spec) { s.Table = append(s.Table, row{From: closed, Event: reopen, To: draft}) }},
		{"exit from a state made terminal", func(s *spec) { s.Terminal = append(s.Terminal, onHold) }},
		{"guard without a name", func(s *spec) { s.Table[1].Guards = []fsm.Guard[doc]{noName} }},
		{"guard without a rule", func(s *spec) { s.Table[1].Guards = []fsm.Guard[doc]{noRule} }},
		{"guard without a check", func(s *spec) { s.Table[1].Guards = []fsm.Guard[doc]{guardSigned, noCheck} }},
		{"zero guard", func(s *spec) { s.Table[1].Guards = []fsm.Guard[doc]{{}} }},
		{"unreachable state", func(s *spec) { s.States = append(s.States, "orphan") }},
		{"state reachable only from an unreachable one", func(s *spec) {
			s.States = append(s.States, "orphan")
			s.Table = append(s.Table, row{From: "orphan", Event: hold, To: closed})
		}},
		{"initial changed so others are unreachable", func(s *spec) { s.Initial = closed }},
		{"no states at all", func(s *spec) { s.States = nil; s.Terminal = nil; s.Table = nil }},
		{"no order rule", func(s *spec) { s.Order = "" }},
		{"no record rule", func(s *spec) { s.Record = "" }},
		{"several problems at once", func(s *spec) { s.Name = ""; s.Initial = "x"; s.Table[0].Event = "y" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := docSpec()
			tt.mutate(&s)
			m, err := fsm.New(s)
			require.Error(t, err)
			assert.Nil(t, m)
			assert.Panics(t, func() { fsm.MustNew(s) })
		})
	}
}

func TestNewAcceptsEdgeCases(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(s *spec)
	}{
		{"a single state and no table", func(s *spec) {
			s.States = []state{draft}
			s.Terminal = nil
			s.Table = nil
		}},
		{"the initial state is terminal", func(s *spec) {
			s.States = []state{closed}
			s.Initial = closed
			s.Table = nil
		}},
		{"no terminal state", func(s *spec) {
			s.Terminal = nil
			s.Table = append(s.Table, row{From: closed, Event: reopen, To: draft})
		}},
		{"self loop", func(s *spec) { s.Table = append(s.Table, row{From: onHold, Event: hold, To: onHold}) }},
		{"an event no row uses", func(s *spec) { s.Events = append(s.Events, "archive") }},
		{"a rule cited by several guards", func(s *spec) {
			g := guardSigned
			g.Name = "signed-again"
			s.Table[1].Guards = []fsm.Guard[doc]{g}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := docSpec()
			tt.mutate(&s)
			_, err := fsm.New(s)
			require.NoError(t, err)
		})
	}
}

// New refuses repeated or empty states and events.
func TestNewRejectsRepeatedTokens(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(s *spec)
	}{
		{"duplicate state", func(s *spec) { s.States = append(s.States, draft) }},
		{"duplicate event", func(s *spec) { s.Events = append(s.Events, hold) }},
		{"empty event", func(s *spec) { s.Events = append(s.Events, "") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := docSpec()
			tt.mutate(&s)
			_, err := fsm.New(s)
			require.Error(t, err)
		})
	}
}

func TestNewCopiesTheSpec(t *testing.T) {
	s := docSpec()
	m := fsm.MustNew(s)
	s.Name = "changed"
	s.States[0] = "changed"
	s.Events[0] = "changed"
	s.Terminal[0] = draft
	s.Table[1].To = closed
	s.Table[1].Event = "changed"

	assert.Equal(t, "testpkg.doc", m.Name())
	if diff := cmp.Diff(allStates, slices.Collect(m.States())); diff != "" {
		t.Errorf("States mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(allEvents, slices.Collect(m.Events())); diff != "" {
		t.Errorf("Events mismatch (-want +got):\n%s", diff)
	}
	assert.True(t, m.IsTerminal(closed))
	assert.False(t, m.IsTerminal(draft))
	to, ok := m.Next(draft, hold)
	assert.True(t, ok)
	assert.Equal(t, onHold, to)
}

func TestAccessors(t *testing.T) {
	assert.Equal(t, "testpkg.doc", machine.Name())
	assert.Equal(t, draft, machine.Initial())
	if diff := cmp.Diff(allStates, slices.Collect(machine.States())); diff != "" {
		t.Errorf("States mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(allEvents, slices.Collect(machine.Events())); diff != "" {
		t.Errorf("Events mismatch (-want +got):\n%s", diff)
	}
	type arrow struct {
		From   state
		Event  event
		To     state
		Guards []string
	}
	var got []arrow
	for tr := range machine.Transitions() {
		a := arrow{From: tr.From, Event: tr.Event, To: tr.To}
		for _, g := range tr.Guards {
			a.Guards = append(a.Guards, g.Name+"/"+string(g.Rule))
		}
		got = append(got, a)
	}
	want := []arrow{
		{draft, approve, approved, []string{"signed/DOC-SIGNED", "reviewed/DOC-REVIEWED"}},
		{draft, hold, onHold, nil},
		{draft, closeEv, closed, nil},
		{onHold, reopen, draft, nil},
		{approved, reopen, draft, []string{"unlocked/DOC-UNLOCKED"}},
		{approved, closeEv, closed, []string{"signed/DOC-SIGNED"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Transitions mismatch (-want +got):\n%s", diff)
	}
	for _, s := range []state{draft, onHold, approved, closed, "bogus", ""} {
		assert.Equal(t, s == closed, machine.IsTerminal(s), "IsTerminal(%q)", s)
	}
}

func TestRules(t *testing.T) {
	want := []ismsaudit.RuleID{ruleSigned, ruleReviewed, ruleUnlocked}
	if diff := cmp.Diff(want, slices.Collect(machine.Rules())); diff != "" {
		t.Errorf("Rules mismatch (-want +got):\n%s", diff)
	}
	var first []ismsaudit.RuleID
	for r := range machine.Rules() {
		first = append(first, r)
		break
	}
	if diff := cmp.Diff([]ismsaudit.RuleID{ruleSigned}, first); diff != "" {
		t.Errorf("Rules with break mismatch (-want +got):\n%s", diff)
	}
	noGuards := docSpec()
	for i := range noGuards.Table {
		noGuards.Table[i].Guards = nil
	}
	assert.Empty(t, slices.Collect(fsm.MustNew(noGuards).Rules()))
}

func TestNext(t *testing.T) {
	tests := []struct {
		from  state
		ev    event
		to    state
		found bool
	}{
		{draft, approve, approved, true},
		{draft, hold, onHold, true},
		{draft, closeEv, closed, true},
		{onHold, reopen, draft, true},
		{approved, reopen, draft, true},
		{approved, closeEv, closed, true},
		{draft, reopen, "", false},
		{onHold, approve, "", false},
		{closed, reopen, "", false},
		{"bogus", approve, "", false},
		{draft, "bogus", "", false},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+"/"+string(tt.ev), func(t *testing.T) {
			to, ok := machine.Next(tt.from, tt.ev)
			assert.Equal(t, tt.found, ok)
			assert.Equal(t, tt.to, to)
		})
	}
}

func TestFireAccepts(t *testing.T) {
	e, err := machine.Fire(good, draft, time.Time{}, approve, fsm.Meta{At: t1, By: "alice", Note: "looks fine"})
	require.NoError(t, err)
	want := entry{From: draft, Event: approve, To: approved, At: t1, By: "alice", Note: "looks fine"}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("entry mismatch (-want +got):\n%s", diff)
	}

	e, err = machine.Fire(good, approved, t1, closeEv, fsm.Meta{At: t1, By: "bob"})
	require.NoError(t, err, "a time equal to the last entry's is accepted")
	want = entry{From: approved, Event: closeEv, To: closed, At: t1, By: "bob"}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("entry mismatch (-want +got):\n%s", diff)
	}

	// Guards only look at what they need: the unlocked guard ignores the
	// signature, and unguarded rows accept any subject.
	_, err = machine.Fire(doc{}, approved, t0, reopen, meta(t1))
	require.NoError(t, err)
	_, err = machine.Fire(bad, draft, t0, hold, meta(t1))
	require.NoError(t, err)
}

func TestFireRefuses(t *testing.T) {
	tests := []struct {
		name    string
		subject doc
		state   state
		last    time.Time
		event   event
		meta    fsm.Meta
		want    fsm.TransitionError // Detail and Err are checked apart
		wantErr error               // a guard sentinel reachable with errors.Is
	}{
		{
			name: "unknown event", subject: good, state: draft, event: "publish", meta: meta(t1),
			want: fsm.TransitionError{Machine: "testpkg.doc", State: "draft", Event: "publish", Reason: fsm.ReasonUnknownEvent, Rule: ruleOrder},
		},
		{
			name: "empty event", subject: good, state: draft, event: "", meta: meta(t1),
			want: fsm.TransitionError{Machine: "testpkg.doc", State: "draft", Event: "", Reason: fsm.ReasonUnknownEvent, Rule: ruleOrder},
		},
		{
			name: "unknown state", subject: good, state: "published", event: approve, meta: meta(t1),
			want: fsm.TransitionError{Machine: "testpkg.doc", State: "published", Event: "approve", Reason: fsm.ReasonUnknownState, Rule: ruleOrder},
		},
		{
			name: "unknown event wins over unknown state", subject: good, state: "published", event: "publish", meta: meta(t1),
			want: fsm.TransitionError{Machine: "testpkg.doc", State: "published", Event: "publish", Reason: fsm.ReasonUnknownEvent, Rule: ruleOrder},
		},
		{
			name: "no transition", subject: good, state: onHold, event: approve, meta: meta(t1),
			want: fsm.TransitionError{Machine: "testpkg.doc", State: "on-hold", Event: "approve", Reason: fsm.ReasonNoTransition, Rule: ruleOrder},
		},
		{
			name: "terminal state", subject: good, state: closed, event: reopen, meta: meta(t1),
			want: fsm.TransitionError{Machine: "testpkg.doc", State: "closed", Event: "reopen", Reason: fsm.ReasonTerminal, Rule: ruleOrder},
		},
		{
			name: "first guard refuses", subject: doc{Reviewers: 1}, state: draft, event: approve, meta: meta(t1),
			want:    fsm.TransitionError{Machine: "testpkg.doc", State: "draft", Event: "approve", Reason: fsm.ReasonGuard, Guard: "signed", Rule: ruleSigned},
			wantErr: errUnsigned,
		},
		{
			name: "second guard refuses", subject: doc{Signed: true}, state: draft, event: approve, meta: meta(t1),
			want:    fsm.TransitionError{Machine: "testpkg.doc", State: "draft", Event: "approve", Reason: fsm.ReasonGuard, Guard: "reviewed", Rule: ruleReviewed},
			wantErr: errUnreviewed,
		},
		{
			name: "both guards refuse: the first is reported", subject: bad, state: draft, event: approve, meta: meta(t1),
			want:    fsm.TransitionError{Machine: "testpkg.doc", State: "draft", Event: "approve", Reason: fsm.ReasonGuard, Guard: "signed", Rule: ruleSigned},
			wantErr: errUnsigned,
		},
		{
			name: "guard returning a bare sentinel", subject: bad, state: approved, event: reopen, meta: meta(t1),
			want:    fsm.TransitionError{Machine: "testpkg.doc", State: "approved", Event: "reopen", Reason: fsm.ReasonGuard, Guard: "unlocked", Rule: ruleUnlocked},
			wantErr: errLocked,
		},
		{
			name: "guard refusal wins over bad meta", subject: bad, state: draft, event: approve, meta: fsm.Meta{},
			want:    fsm.TransitionError{Machine: "testpkg.doc", State: "draft", Event: "approve", Reason: fsm.ReasonGuard, Guard: "signed", Rule: ruleSigned},
			wantErr: errUnsigned,
		},
		{
			name: "no transition wins over bad meta", subject: good, state: onHold, event: closeEv, meta: fsm.Meta{},
			want: fsm.TransitionError{Machine: "testpkg.doc", State: "on-hold", Event: "close", Reason: fsm.ReasonNoTransition, Rule: ruleOrder},
		},
		{
			name: "zero time", subject: good, state: draft, event: hold, meta: fsm.Meta{By: "alice"},
			want: fsm.TransitionError{Machine: "testpkg.doc", State: "draft", Event: "hold", Reason: fsm.ReasonMeta, Rule: ruleRecord},
		},
		{
			name: "empty actor", subject: good, state: draft, event: hold, meta: fsm.Meta{At: t1},
			want: fsm.TransitionError{Machine: "testpkg.doc", State: "draft", Event: "hold", Reason: fsm.ReasonMeta, Rule: ruleRecord},
		},
		{
			name: "time before the last entry", subject: good, state: draft, last: t2, event: hold, meta: meta(t1),
			want: fsm.TransitionError{Machine: "testpkg.doc", State: "draft", Event: "hold", Reason: fsm.ReasonMeta, Rule: ruleRecord},
		},
		{
			name: "a nanosecond before the last entry", subject: good, state: draft, last: t1, event: hold, meta: meta(t1.Add(-time.Nanosecond)),
			want: fsm.TransitionError{Machine: "testpkg.doc", State: "draft", Event: "hold", Reason: fsm.ReasonMeta, Rule: ruleRecord},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := machine.Fire(tt.subject, tt.state, tt.last, tt.event, tt.meta)
			require.Error(t, err)
			assert.Equal(t, entry{}, e, "a refusal returns no entry")
			require.ErrorIs(t, err, ismsaudit.ErrTransition)
			assert.NotErrorIs(t, err, ismsaudit.ErrInvalid)
			var te *fsm.TransitionError
			require.ErrorAs(t, err, &te)
			got := *te
			got.Detail, got.Err = "", nil
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("TransitionError mismatch (-want +got):\n%s", diff)
			}
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr, "the guard's error is reachable")
				require.ErrorIs(t, te.Err, tt.wantErr)
				assert.NotEmpty(t, te.Detail, "the guard's text is the detail")
			} else {
				assert.NoError(t, te.Err)
				for _, s := range []error{errUnsigned, errUnreviewed, errLocked} {
					assert.NotErrorIs(t, err, s)
				}
			}
			if tt.want.Reason == fsm.ReasonMeta {
				assert.NotEmpty(t, te.Detail, "a meta refusal says what is missing")
			}
			assert.True(t, fsm.IsTransitionError(err, tt.want.Rule))
			if tt.wantErr != nil {
				assert.Equal(t, te.Err.Error(), te.Detail, "the guard's text is the detail")
			}
			// The message is what a person reads: it names the rule that
			// refused and says why.
			msg := err.Error()
			assert.Contains(t, msg, string(tt.want.Rule), "the message names the rule")
			assert.Contains(t, msg, te.Detail, "the message carries the detail")
		})
	}
}

func TestCheckAndCan(t *testing.T) {
	for _, subject := range []doc{good, bad, {Signed: true}, {Reviewers: 1}} {
		for _, s := range append(slices.Clone(allStates), "bogus") {
			for _, ev := range append(slices.Clone(allEvents), "bogus") {
				checkErr := machine.Check(subject, s, ev)
				_, fireErr := machine.Fire(subject, s, time.Time{}, ev, meta(t1))
				assert.Equal(t, checkErr == nil, machine.Can(subject, s, ev), "Can agrees with Check for %v %s %s", subject, s, ev)
				if checkErr == nil {
					assert.NoError(t, fireErr, "Fire with good meta accepts what Check accepts: %v %s %s", subject, s, ev)
					continue
				}
				var want, got *fsm.TransitionError
				require.ErrorAs(t, checkErr, &got)
				require.ErrorAs(t, fireErr, &want)
				if diff := cmp.Diff(*want, *got, cmpopts.IgnoreFields(fsm.TransitionError{}, "Err")); diff != "" {
					t.Errorf("Check and Fire disagree for %v %s %s (-fire +check):\n%s", subject, s, ev, diff)
				}
				for _, sentinel := range []error{errUnsigned, errUnreviewed, errLocked} {
					assert.Equal(t, errors.Is(fireErr, sentinel), errors.Is(checkErr, sentinel), "Check and Fire wrap the same guard error")
				}
			}
		}
	}
	// Check does not look at meta.
	require.NoError(t, machine.Check(good, draft, hold))
	_, err := machine.Fire(good, draft, time.Time{}, hold, fsm.Meta{})
	require.ErrorIs(t, err, ismsaudit.ErrTransition)
}

func TestPermitted(t *testing.T) {
	tests := []struct {
		name    string
		subject doc
		state   state
		want    []event
	}{
		{"draft, all guards pass", good, draft, []event{approve, hold, closeEv}},
		{"draft, guards fail", bad, draft, []event{hold, closeEv}},
		{"on hold", good, onHold, []event{reopen}},
		{"approved, all guards pass", good, approved, []event{reopen, closeEv}},
		{"approved, locked and unsigned", bad, approved, nil},
		{"approved, unlocked but unsigned", doc{}, approved, []event{reopen}},
		{"approved, signed but locked", doc{Signed: true, Locked: true}, approved, []event{closeEv}},
		{"terminal", good, closed, nil},
		{"unknown state", good, "bogus", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := machine.Permitted(tt.subject, tt.state)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Permitted mismatch (-want +got):\n%s", diff)
			}
			for _, ev := range allEvents {
				assert.Equal(t, slices.Contains(got, ev), machine.Can(tt.subject, tt.state, ev), "Permitted agrees with Can for %s", ev)
			}
		})
	}
}

// TestEveryStateAndEvent covers the whole state x event grid, with a
// subject that passes every guard and one that fails every guard.
func TestEveryStateAndEvent(t *testing.T) {
	type outcome struct {
		To     state            // accepted: the target
		Reason ismsaudit.Reason // refused: the reason
		Rule   ismsaudit.RuleID // refused by a guard: its rule
	}
	// want[state][event] with the good subject, then with the bad one.
	type cell struct{ good, bad outcome }
	accept := func(to state) outcome { return outcome{To: to} }
	refuse := func(reason ismsaudit.Reason) outcome { return outcome{Reason: reason, Rule: ruleOrder} }
	guard := func(rule ismsaudit.RuleID) outcome { return outcome{Reason: fsm.ReasonGuard, Rule: rule} }
	noRow := refuse(fsm.ReasonNoTransition)
	terminal := refuse(fsm.ReasonTerminal)
	want := map[state]map[event]cell{
		draft: {
			approve: {accept(approved), guard(ruleSigned)},
			hold:    {accept(onHold), accept(onHold)},
			reopen:  {noRow, noRow},
			closeEv: {accept(closed), accept(closed)},
		},
		onHold: {
			approve: {noRow, noRow},
			hold:    {noRow, noRow},
			reopen:  {accept(draft), accept(draft)},
			closeEv: {noRow, noRow},
		},
		approved: {
			approve: {noRow, noRow},
			hold:    {noRow, noRow},
			reopen:  {accept(draft), guard(ruleUnlocked)},
			closeEv: {accept(closed), guard(ruleSigned)},
		},
		closed: {
			approve: {terminal, terminal},
			hold:    {terminal, terminal},
			reopen:  {terminal, terminal},
			closeEv: {terminal, terminal},
		},
	}
	require.Len(t, want, len(allStates), "the grid covers every state")
	for _, s := range allStates {
		require.Len(t, want[s], len(allEvents), "the grid covers every event from %s", s)
		for _, ev := range allEvents {
			for _, subj := range []struct {
				name    string
				subject doc
				want    outcome
			}{
				{"good", good, want[s][ev].good},
				{"bad", bad, want[s][ev].bad},
			} {
				t.Run(string(s)+"/"+string(ev)+"/"+subj.name, func(t *testing.T) {
					e, err := machine.Fire(subj.subject, s, t0, ev, meta(t1))
					var got outcome
					if err != nil {
						var te *fsm.TransitionError
						require.ErrorAs(t, err, &te)
						require.ErrorIs(t, err, ismsaudit.ErrTransition)
						got = outcome{Reason: te.Reason, Rule: te.Rule}
					} else {
						assert.Equal(t, s, e.From)
						assert.Equal(t, ev, e.Event)
						got = outcome{To: e.To}
					}
					if diff := cmp.Diff(subj.want, got); diff != "" {
						t.Errorf("outcome mismatch (-want +got):\n%s", diff)
					}
					next, ok := machine.Next(s, ev)
					assert.Equal(t, ok, subj.want.Reason == "" || subj.want.Reason == fsm.ReasonGuard, "Next has a row exactly when the table does")
					if err == nil {
						assert.Equal(t, next, e.To, "Fire goes where Next says")
					}
				})
			}
		}
	}
}

func TestIsTransitionError(t *testing.T) {
	_, guardErr := machine.Fire(bad, draft, t0, approve, meta(t1))
	_, noRowErr := machine.Fire(good, onHold, t0, approve, meta(t1))
	tests := []struct {
		name string
		err  error
		rule ismsaudit.RuleID
		want bool
	}{
		{"guard refusal, its rule", guardErr, ruleSigned, true},
		{"guard refusal, wrapped", errors.Join(errors.New("context"), guardErr), ruleSigned, true},
		{"guard refusal, another rule", guardErr, ruleReviewed, false},
		{"table refusal, a rule", noRowErr, ruleSigned, false},
		{"other error", errUnsigned, ruleSigned, false},
		{"nil", nil, ruleSigned, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, fsm.IsTransitionError(tt.err, tt.rule))
		})
	}
}

func TestTransitionErrorText(t *testing.T) {
	// The text is not pinned; only that every shape renders.
	for _, te := range []*fsm.TransitionError{
		{},
		{Machine: "nodot", State: "s", Event: "e", Reason: fsm.ReasonNoTransition, Rule: ruleOrder},
		{Machine: "testpkg.doc", State: "s", Event: "e", Reason: fsm.ReasonGuard, Guard: "g", Rule: "R", Detail: "d", Err: errUnsigned},
	} {
		assert.NotEmpty(t, te.Error())
	}
	// The rule and the detail are the message's last parts, each only when
	// set.
	parts := []struct {
		name string
		te   fsm.TransitionError
		want string
	}{
		{"rule and detail", fsm.TransitionError{Machine: "testpkg.doc", State: "s", Event: "e", Reason: fsm.ReasonGuard, Guard: "g", Rule: "R-1", Detail: "the text says why"},
			`testpkg: doc: event "e" refused in state "s": guard R-1: the text says why`},
		{"rule only", fsm.TransitionError{Machine: "testpkg.doc", State: "s", Event: "e", Reason: fsm.ReasonNoTransition, Rule: "R-1"},
			`testpkg: doc: event "e" refused in state "s": no-transition R-1`},
		{"detail only", fsm.TransitionError{Machine: "testpkg.doc", State: "s", Event: "e", Reason: fsm.ReasonMeta, Detail: "the event needs a time"},
			`testpkg: doc: event "e" refused in state "s": meta: the event needs a time`},
		{"neither", fsm.TransitionError{Machine: "testpkg.doc", State: "s", Event: "e", Reason: fsm.ReasonTerminal},
			`testpkg: doc: event "e" refused in state "s": terminal-state`},
	}
	for _, tt := range parts {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.te.Error())
		})
	}
	// A package's own lifecycle is not named twice ("audit: audit: ...").
	own := &fsm.TransitionError{Machine: "audit.audit", State: "s", Event: "e", Reason: fsm.ReasonNoTransition, Rule: ruleOrder}
	other := &fsm.TransitionError{Machine: "audit.plan", State: "s", Event: "e", Reason: fsm.ReasonNoTransition, Rule: ruleOrder}
	assert.True(t, strings.HasPrefix(own.Error(), "audit: event "), own.Error())
	assert.True(t, strings.HasPrefix(other.Error(), "audit: plan: event "), other.Error())
}

func TestTransitionErrorJSON(t *testing.T) {
	_, err := machine.Fire(bad, draft, t0, approve, meta(t1))
	var te *fsm.TransitionError
	require.ErrorAs(t, err, &te)
	b, jerr := json.Marshal(te)
	require.NoError(t, jerr)
	var back fsm.TransitionError
	require.NoError(t, json.Unmarshal(b, &back))
	want := *te
	want.Err = nil // not serialised
	if diff := cmp.Diff(want, back); diff != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
	}
}

func TestLast(t *testing.T) {
	assert.True(t, fsm.Last[state, event](nil).IsZero())
	h := []entry{
		{From: draft, Event: hold, To: onHold, At: t1, By: "a"},
		{From: onHold, Event: reopen, To: draft, At: t2, By: "a"},
	}
	assert.Equal(t, t2, fsm.Last(h))
}

// history builds a valid history, one entry per event, at t1, t2, ...
func history(t *testing.T, subject doc, events ...event) []entry {
	t.Helper()
	var h []entry
	s := machine.Initial()
	at := t0
	for _, ev := range events {
		at = at.Add(time.Hour)
		e, err := machine.Fire(subject, s, fsm.Last(h), ev, meta(at))
		require.NoError(t, err)
		h = append(h, e)
		s = e.To
	}
	return h
}

func TestReplayAccepts(t *testing.T) {
	tests := []struct {
		name string
		h    []entry
		want state
	}{
		{"empty history is the initial state", nil, draft},
		{"one step", history(t, good, hold), onHold},
		{"round trip", history(t, good, hold, reopen), draft},
		{"to terminal", history(t, good, approve, reopen, hold, reopen, approve, closeEv), closed},
		{"equal times", []entry{
			{From: draft, Event: hold, To: onHold, At: t1, By: "a"},
			{From: onHold, Event: reopen, To: draft, At: t1, By: "b"},
		}, draft},
		{"guards are not re-run", []entry{
			// bad could never have approved, but the history says it did.
			{From: draft, Event: approve, To: approved, At: t1, By: "a"},
		}, approved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := machine.Replay(tt.h)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestReplayRejects(t *testing.T) {
	valid := func() []entry { return history(t, good, hold, reopen, approve, closeEv) }
	tests := []struct {
		name      string
		corrupt   func(h []entry) []entry
		wantIndex int
		wantState state // the state reached before the bad entry
	}{
		{"first entry not from the initial state", func(h []entry) []entry { h[0].From = onHold; return h }, 0, draft},
		{"wrong from in the middle", func(h []entry) []entry { h[2].From = onHold; return h }, 2, draft},
		{"entry dropped", func(h []entry) []entry { return slices.Delete(h, 1, 2) }, 1, onHold},
		{"entries swapped", func(h []entry) []entry { h[0], h[1] = h[1], h[0]; return h }, 0, draft},
		{"unknown row", func(h []entry) []entry { h[1].Event = approve; return h }, 1, onHold},
		{"unknown event", func(h []entry) []entry { h[1].Event = "publish"; return h }, 1, onHold},
		{"unknown state", func(h []entry) []entry { h[0].From = "bogus"; return h }, 0, draft},
		{"wrong to", func(h []entry) []entry { h[2].To = closed; return h }, 2, draft},
		{"wrong to, then consistent", func(h []entry) []entry {
			h[0].To = closed // claims draft --hold--> closed
			return h
		}, 0, draft},
		{"missing actor", func(h []entry) []entry { h[3].By = ""; return h }, 3, approved},
		{"missing time", func(h []entry) []entry { h[2].At = time.Time{}; return h }, 2, draft},
		{"time backwards", func(h []entry) []entry { h[3].At = h[2].At.Add(-time.Second); return h }, 3, approved},
		{"continues after the terminal state", func(h []entry) []entry {
			return append(h, entry{From: closed, Event: reopen, To: draft, At: t3.Add(time.Hour), By: "a"})
		}, 4, closed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.corrupt(valid())
			got, err := machine.Replay(h)
			require.Error(t, err)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			assert.NotErrorIs(t, err, ismsaudit.ErrTransition)
			var re *fsm.ReplayError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, "testpkg.doc", re.Machine)
			assert.Equal(t, tt.wantIndex, re.Index)
			assert.NotEmpty(t, re.Problem)
			assert.Equal(t, tt.wantState, got)
			assert.NotEmpty(t, err.Error())
		})
	}
}

func TestEntryJSONRoundTrip(t *testing.T) {
	h := history(t, good, approve, reopen, closeEv)
	h[1].Note = "needs another look"
	b, err := json.Marshal(h)
	require.NoError(t, err)
	var back []entry
	require.NoError(t, json.Unmarshal(b, &back))
	if diff := cmp.Diff(h, back); diff != "" {
		t.Errorf("history JSON round trip mismatch (-want +got):\n%s", diff)
	}
	s, err := machine.Replay(back)
	require.NoError(t, err)
	assert.Equal(t, closed, s)
}

func TestMermaid(t *testing.T) {
	got := machine.Mermaid()
	golden := filepath.Join("testdata", "doc.mermaid.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test -update to create the golden file")
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("Mermaid mismatch (-want +got):\n%s", diff)
	}
	assert.Equal(t, got, machine.Mermaid(), "rendering is deterministic")
}

func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			subject := good
			if i%2 == 1 {
				subject = bad
			}
			for range 50 {
				_ = machine.Permitted(subject, draft)
				_, _ = machine.Fire(subject, draft, t0, approve, meta(t1))
				_, _ = machine.Replay([]entry{{From: draft, Event: hold, To: onHold, At: t1, By: "a"}})
				_ = slices.Collect(machine.Rules())
				_ = machine.Mermaid()
			}
		})
	}
	wg.Wait()
}

func BenchmarkFire(b *testing.B) {
	b.Run("accepted with guards", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := machine.Fire(good, draft, t0, approve, meta(t1)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("refused by a guard", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := machine.Fire(bad, draft, t0, approve, meta(t1)); err == nil {
				b.Fatal("accepted")
			}
		}
	})
	b.Run("no transition", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := machine.Fire(good, onHold, t0, approve, meta(t1)); err == nil {
				b.Fatal("accepted")
			}
		}
	})
}

func BenchmarkPermitted(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = machine.Permitted(good, draft)
	}
}
