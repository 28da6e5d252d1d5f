package audit

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"

	"github.com/ismsaudit/ismsaudit/annexa"
)

// TestFindingAreaConcurrentReads reads a finished audit from many
// goroutines at once through every read-only operation of the findings
// area; run with -race it shows they share nothing mutable.
func TestFindingAreaConcurrentReads(t *testing.T) {
	a := fdRecord(t, StateClosed)
	prev := fdPrevious(t)
	before := fdClone(a)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				_, _ = a.Finding("F-1")
				for range a.Nonconformities() {
				}
				for range a.FindingsInState(FindingAcknowledged) {
				}
				_, _ = a.FollowUpFor("F-2")
				_ = a.Overdue(fdCloseAt)
				_, _ = DeriveRecommendation(a, fdCloseAt)
				_ = a.RecurringFindings()
				_ = a.BaselineFocus()
				_, _ = Compare(prev, a)
				_ = Verify(a, nil)
			}
		})
	}
	wg.Wait()
	if diff := cmp.Diff(before, a); diff != "" {
		t.Errorf("reads changed the record: mismatch (-want +got):\n%s", diff)
	}
}

// TestFindingRefValid checks the allocation-free reference check Verify
// uses against annexa.Ref.Validate.
func TestFindingRefValid(t *testing.T) {
	for _, r := range []annexa.Ref{
		fdA815, fdClause92, fdPolicy, annexa.RefToControl("9.9"), annexa.RefToClause("11"), annexa.RefToClause("4"),
		annexa.RefToDocument(" "), annexa.RefToDocument(""), {ID: "5.1"}, {Kind: "paragraph", ID: "1"},
		annexa.RefToControl("A.5.1"), annexa.RefToControl("05.1"), annexa.RefToClause("9.2.1"),
	} {
		assert.Equal(t, r.Validate() == nil, findingRefValid(r), "%+v", r)
	}
}
