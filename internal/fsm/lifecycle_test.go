package fsm_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/ismsaudit/ismsaudit/internal/fsm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A small document lifecycle used by every test in this package:
//
//	draft --approve [signed, reviewed]--> approved --close [signed]--> closed
//	draft --hold--> on-hold --reopen--> draft
//	approved --reopen [unlocked]--> draft
//	draft --close--> closed
//
// closed is terminal. The approve and close rows cite the same rule so
// Rules() has a repeat to drop.

type state string

const (
	draft    state = "draft"
	onHold   state = "on-hold"
	approved state = "approved"
	closed   state = "closed"
)

type event string

const (
	approve event = "approve"
	hold    event = "hold"
	reopen  event = "reopen"
	closeEv event = "close"
)

// doc is the subject the guards look at.
type doc struct {
	Signed    bool
	Reviewers int
	Locked    bool
}

// Rules the guards cite.
const (
	ruleOrder    = "DOC-ORDER"
	ruleRecord   = "DOC-RECORD"
	ruleSigned   = "DOC-SIGNED"
	ruleReviewed = "DOC-REVIEWED"
	ruleUnlocked = "DOC-UNLOCKED"
)

// Sentinels the guards wrap, so tests can check errors.Is through a
// *fsm.TransitionError.
var (
	errUnsigned   = errors.New("doc: not signed")
	errUnreviewed = errors.New("doc: not reviewed")
	errLocked     = errors.New("doc: locked")
)

var (
	guardSigned = fsm.Guard[doc]{Name: "signed", Rule: ruleSigned, Check: func(d doc) error {
		if !d.Signed {
			return fmt.Errorf("doc: approval needs a signature: %w", errUnsigned)
		}
		return nil
	}}
	guardReviewed = fsm.Guard[doc]{Name: "reviewed", Rule: ruleReviewed, Check: func(d doc) error {
		if d.Reviewers < 1 {
			return fmt.Errorf("doc: %d reviewers: %w", d.Reviewers, errUnreviewed)
		}
		return nil
	}}
	guardUnlocked = fsm.Guard[doc]{Name: "unlocked", Rule: ruleUnlocked, Check: func(d doc) error {
		if d.Locked {
			return errLocked
		}
		return nil
	}}
)

var (
	allStates = []state{draft, onHold, approved, closed}
	allEvents = []event{approve, hold, reopen, closeEv}
)

// docSpec returns a fresh, valid spec; tests mutate their copy.
func docSpec() fsm.Spec[state, event, doc] {
	return fsm.Spec[state, event, doc]{
		Name:     "testpkg.doc",
		States:   []state{draft, onHold, approved, closed},
		Events:   []event{approve, hold, reopen, closeEv},
		Initial:  draft,
		Terminal: []state{closed},
		Order:    ruleOrder,
		Record:   ruleRecord,
		Table: []fsm.Transition[state, event, doc]{
			{From: draft, Event: approve, To: approved, Guards: []fsm.Guard[doc]{guardSigned, guardReviewed}},
			{From: draft, Event: hold, To: onHold},
			{From: draft, Event: closeEv, To: closed},
			{From: onHold, Event: reopen, To: draft},
			{From: approved, Event: reopen, To: draft, Guards: []fsm.Guard[doc]{guardUnlocked}},
			{From: approved, Event: closeEv, To: closed, Guards: []fsm.Guard[doc]{guardSigned}},
		},
	}
}

var machine = fsm.MustNew(docSpec())

// good passes every guard; bad fails every guard.
var (
	good = doc{Signed: true, Reviewers: 2}
	bad  = doc{Locked: true}
)

func TestCatalogue(t *testing.T) {
	other := docSpec()
	other.Name = "testpkg.other"
	c := fsm.Catalogue{machine.Describe, fsm.MustNew(other).Describe}
	var names []string
	for l := range c.All() {
		names = append(names, l.Name)
	}
	assert.Equal(t, []string{"testpkg.doc", "testpkg.other"}, names)
	l, ok := c.Lookup("testpkg.other")
	require.True(t, ok)
	assert.Equal(t, "testpkg.other", l.Name)
	l.States[0] = "changed"
	again, _ := c.Lookup("testpkg.other")
	assert.Equal(t, "draft", again.States[0], "each description is a fresh value")
	_, ok = c.Lookup("testpkg.none")
	assert.False(t, ok)
	for range c.All() {
		break // stopping early is allowed
	}
}
