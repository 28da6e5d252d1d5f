package audit_test

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
)

// TestConcurrentReadsOfAFinishedAudit reads a closed, sealed certification
// audit from many goroutines at once through every read-only function and
// method of the package: Verify, VerifySeal, the lookups, the iterators,
// the lifecycle queries, comparisons, derivations and JSON encoding. Run
// with -race, it shows they share nothing mutable; afterwards the record
// encodes exactly as before, so no read wrote to it.
func TestConcurrentReadsOfAFinishedAudit(t *testing.T) {
	b := audittest.NewBuilder(t, &audittest.Options{Kind: annexa.Stage2, Evidence: 12, Findings: &audittest.Findings{Major: 1, Minor: 2, Conformities: 3}})
	a := b.Build()
	require.NoError(t, a.SealRecord(b.Meta()))
	previous := audittest.NewBuilder(t, &audittest.Options{ID: "A-TEST-0", Kind: annexa.Stage2}).Build()
	at := b.Meta().At
	before, err := json.Marshal(a)
	require.NoError(t, err)

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 10 {
				assert.NoError(t, audit.Verify(a, nil))
				assert.NoError(t, audit.Verify(a, &audit.VerifyOptions{At: at.Add(365 * 24 * time.Hour)}))
				assert.NoError(t, a.VerifySeal())
				assert.Empty(t, a.Permitted())
				assert.False(t, a.Can(audit.EventTerminate))
				assert.Error(t, a.Check(audit.EventClose))
				assert.Empty(t, a.PermittedPlan())
				assert.False(t, a.CanPlan(audit.PlanRevise))
				assert.Error(t, a.CheckPlan(audit.PlanRevise))
				assert.True(t, a.IsCertification())

				e, ok := a.EvidenceItem("E-1")
				assert.True(t, ok)
				assert.True(t, a.IsAuditEvidence(e.ID))
				_, ok = a.Successor("E-1")
				assert.False(t, ok)
				n := 0
				for e := range a.VerifiedEvidence() {
					n++
					for range a.EvidenceFor(e.Supports[0]) {
					}
				}
				assert.Equal(t, len(a.Evidence), n)
				p, ok := a.SamplingPlan("S-1")
				assert.True(t, ok)
				sample, err := audit.Draw(p)
				assert.NoError(t, err)
				assert.Equal(t, p.Selected, sample)

				f, ok := a.Finding("F-1")
				assert.True(t, ok)
				assert.Equal(t, audit.Major, f.Grade)
				for range a.Nonconformities() {
				}
				_ = a.RecurringFindings()
				u, ok := a.FollowUpFor("F-1")
				assert.True(t, ok)
				assert.Equal(t, audit.FollowUpClosed, u.State)
				assert.Empty(t, a.Overdue(at.Add(365*24*time.Hour)))
				rec, _ := audit.ReviewRecommendation(a, at)
				assert.Equal(t, audit.Recommend, rec)
				assert.NotEmpty(t, a.BaselineFocus())
				_, err = audit.Compare(previous, a)
				assert.NoError(t, err)

				for l := range audit.Lifecycles() {
					assert.NotEmpty(t, l.Mermaid())
				}
				for r := range audit.Rules() {
					_, ok := audit.LookupRule(r.ID)
					assert.True(t, ok)
				}
				got, err := json.Marshal(a)
				assert.NoError(t, err)
				assert.Equal(t, before, got)
			}
		})
	}
	wg.Wait()

	after, err := json.Marshal(a)
	require.NoError(t, err)
	if diff := cmp.Diff(string(before), string(after)); diff != "" {
		t.Errorf("reading changed the record: mismatch (-before +after):\n%s", diff)
	}
}
