package audit

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"pgregory.net/rapid"
)

// evContent is an item without its lifecycle part: what must never change
// once logged.
func evContent(e Evidence) Evidence {
	e.State, e.History = "", nil
	return e
}

// evHistoryCount counts the history entries of every item.
func evHistoryCount(a *Audit) int {
	n := 0
	for i := range a.Evidence {
		n += len(a.Evidence[i].History)
	}
	return n
}

// TestEvidenceLifecycleProperties drives the evidence log with random
// collect, verify, reject and correct operations (valid and invalid, at
// random times, in random audit states) and checks after each one that:
// a refused operation changes nothing; an accepted one adds exactly what
// it should (one item, one history entry, or both for a correction);
// nothing logged is ever lost or changed; and every history is a path
// through the lifecycle table ending in the item's state.
func TestEvidenceLifecycleProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := evAudit(StateFieldwork)
		clock := evAt(11, 11)
		next := 0
		for step := range rapid.IntRange(1, 60).Draw(t, "steps") {
			before := evDeepCopy(a)
			var ids []ismsaudit.EvidenceID
			for i := range a.Evidence {
				ids = append(ids, a.Evidence[i].ID)
			}
			ids = append(ids, "E-unknown")
			id := rapid.SampledFrom(ids).Draw(t, "id")
			m := ismsaudit.Meta{
				At:   clock.Add(time.Duration(rapid.IntRange(-30, 90).Draw(t, "minutes")) * time.Minute),
				By:   rapid.SampledFrom([]string{"lead", "auditor-1", ""}).Draw(t, "by"),
				Note: rapid.SampledFrom([]string{"why", "why", "", " "}).Draw(t, "note"),
			}
			item := evItem(ismsaudit.EvidenceID(fmt.Sprintf("E-%d", next)))
			item.CollectedAt = clock.Add(-time.Hour)
			switch rapid.IntRange(0, 9).Draw(t, "item") {
			case 0:
				item.ID = rapid.SampledFrom(ids).Draw(t, "reused id")
			case 1:
				item.Supports = append(item.Supports, evNotInPlan)
			case 2:
				item.Source = ""
			case 3:
				item.State = EvidenceVerified
			}

			op := rapid.SampledFrom([]string{"collect", "verify", "reject", "correct", "audit-state"}).Draw(t, "op")
			var err error
			switch op {
			case "collect":
				err = a.CollectEvidence(item, m)
			case "verify":
				err = a.VerifyEvidence(id, m)
			case "reject":
				err = a.RejectEvidence(id, m)
			case "correct":
				err = a.CorrectEvidence(id, item, m)
			case "audit-state":
				a.State = rapid.SampledFrom(stateSet.Values()).Draw(t, "state")
				continue
			}

			if err != nil {
				if !errors.Is(err, ismsaudit.ErrInvalid) && !errors.Is(err, ismsaudit.ErrNotFound) && !errors.Is(err, ismsaudit.ErrTransition) {
					t.Fatalf("step %d %s: error wraps no sentinel: %v", step, op, err)
				}
				if diff := cmp.Diff(before, a); diff != "" {
					t.Fatalf("step %d %s refused (%v) but changed the record: mismatch (-want +got):\n%s", step, op, err, diff)
				}
				continue
			}
			clock = m.At
			if op == "collect" || op == "correct" {
				next++
			}

			// Exactly what the operation should add.
			wantItems, wantEntries := len(before.Evidence), evHistoryCount(before)
			switch op {
			case "collect":
				wantItems++
			case "verify", "reject":
				wantEntries++
			case "correct":
				wantItems++
				wantEntries++
			}
			if len(a.Evidence) != wantItems || evHistoryCount(a) != wantEntries {
				t.Fatalf("step %d %s: %d items and %d entries, want %d and %d", step, op, len(a.Evidence), evHistoryCount(a), wantItems, wantEntries)
			}

			// Nothing logged is lost or changed; histories only grow.
			for i, old := range before.Evidence {
				now := a.Evidence[i]
				if diff := cmp.Diff(evContent(old), evContent(now)); diff != "" {
					t.Fatalf("step %d %s: Evidence[%d] changed: mismatch (-want +got):\n%s", step, op, i, diff)
				}
				if len(now.History) < len(old.History) || !slices.Equal(old.History, now.History[:len(old.History)]) {
					t.Fatalf("step %d %s: Evidence[%d] history rewritten", step, op, i)
				}
			}

			// Every history is a path through the table, per the model.
			for i, e := range a.Evidence {
				state := EvidenceCollected
				for k, h := range e.History {
					to, ok := evModel[state][h.Event]
					if h.From != state || !ok || h.To != to {
						t.Fatalf("step %d: Evidence[%d].History[%d] %v is not allowed from %q", step, i, k, h, state)
					}
					state = to
				}
				if state != e.State {
					t.Fatalf("step %d: Evidence[%d] is %q but its history ends in %q", step, i, e.State, state)
				}
			}
			for _, f := range evVerify(a) {
				if f.Rule != RuleEvidenceDuringAudit {
					t.Fatalf("step %d %s: the record no longer conforms: %v", step, op, f)
				}
			}
		}
	})
}
