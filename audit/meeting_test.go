package audit

import (
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClosingPresentation(t *testing.T) {
	m := metaAt(closingAt, leadID)
	withFindings := func(t *testing.T) *Audit {
		a := stage2Audit(t, StateFindings)
		a.Findings = []Finding{
			findingIn(t, nonconformity("F-1", Major, controlA815, "E-1"), FindingConfirmed),
			findingIn(t, observation("F-2", controlA51), FindingWithdrawn),
			findingIn(t, observation("F-3", controlA51), FindingConfirmed),
		}
		a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionAgreed)
		return a
	}
	t.Run("presents every confirmed finding and the conclusions", func(t *testing.T) {
		a := withFindings(t)
		before := deepCopy(a)
		apply, err := a.prepareClosingPresentation(m)
		require.NoError(t, err)
		assert.Equal(t, before, a, "preparing changes nothing")
		apply()
		for i, want := range []FindingState{FindingPresented, FindingWithdrawn, FindingPresented} {
			assert.Equal(t, want, a.Findings[i].State, "F-%d", i+1)
			assert.Len(t, a.Findings[i].History, len(before.Findings[i].History)+btoi(want == FindingPresented))
		}
		assert.Equal(t, FindingEntry{From: FindingConfirmed, Event: FindingPresent, To: FindingPresented, At: m.At, By: m.By}, a.Findings[0].History[1])
		assert.Equal(t, ConclusionPresented, a.Conclusion.State)
		assert.Len(t, a.Conclusion.History, 2)
	})
	tests := []struct {
		name   string
		change func(*Audit)
		meta   ismsaudit.Meta
		rule   ismsaudit.RuleID
		reason ismsaudit.Reason
	}{
		{"no conclusions", func(a *Audit) { a.Conclusion = nil }, m, RuleClosingAfterConclusions, ismsaudit.ReasonGuard},
		{"draft conclusions", func(a *Audit) { a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionDraft) }, m, RuleClosingAfterConclusions, ismsaudit.ReasonGuard},
		{"a draft finding", func(a *Audit) { a.Findings[2] = findingIn(t, observation("F-3", controlA51), FindingDraft) }, m, RuleConclusionAfterFindings, ismsaudit.ReasonGuard},
		{"not in the findings stage", func(a *Audit) { a.State = StateFieldwork }, m, RuleClosingAfterConclusions, ismsaudit.ReasonWrongState},
		{"no actor", func(*Audit) {}, ismsaudit.Meta{At: closingAt}, RuleRecordWhoWhen, ismsaudit.ReasonMeta},
		{"before a finding's last entry", func(*Audit) {}, metaAt(confirmAt.Add(-time.Minute), leadID), RuleRecordWhoWhen, ismsaudit.ReasonMeta},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := withFindings(t)
			tt.change(a)
			rule, reason := transitionRule(t, refuses(t, a, func() error {
				apply, err := a.prepareClosingPresentation(tt.meta)
				assert.Nil(t, apply)
				return err
			}))
			assert.Equal(t, tt.rule, rule)
			assert.Equal(t, tt.reason, reason)
		})
	}
}
