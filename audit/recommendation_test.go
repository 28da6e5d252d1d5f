package audit

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReviewRecommendation checks what the rules call for once follow-ups
// exist, at a given time.
func TestReviewRecommendation(t *testing.T) {
	at := dueAt.Add(24 * time.Hour) // after the fixture due date
	nc := func(id FindingID, g Grade, s FindingState) Finding {
		return findingIn(t, nonconformity(id, g, controlA815, "E-1"), s)
	}
	fu := func(id FindingID, s FollowUpState) FollowUp { return followUpIn(t, id, s) }
	tests := []struct {
		name      string
		kind      annexa.AuditKind
		findings  []Finding
		followUps []FollowUp
		at        time.Time
		want      Recommendation
		reasons   []string
	}{
		{"no finding", annexa.Stage2, nil, nil, at, Recommend, []string{"REC-CLEAR: no nonconformity stands"}},
		{"observations only", annexa.Surveillance, []Finding{findingIn(t, observation("F-1", controlA51), FindingPresented)}, nil, at, Recommend,
			[]string{"REC-CLEAR: no nonconformity stands"}},
		{"withdrawn and draft nonconformities do not stand", annexa.Stage2, []Finding{nc("F-1", Major, FindingWithdrawn), nc("F-2", Major, FindingDraft)}, nil, at, Recommend,
			[]string{"REC-CLEAR: no nonconformity stands"}},
		{"minors without plans", annexa.Stage2, []Finding{nc("F-1", Minor, FindingPresented), nc("F-2", Minor, FindingAcknowledged)}, []FollowUp{fu("F-2", FollowUpPlanning)}, at, RecommendAfterPlans, []string{
			"REC-MINOR-OPEN: F-1 is a minor nonconformity without an accepted corrective action plan",
			"REC-MINOR-OPEN: F-2 is a minor nonconformity without an accepted corrective action plan",
		}},
		{"minors with accepted plans", annexa.Recertification, []Finding{nc("F-1", Minor, FindingPresented), nc("F-2", Minor, FindingResolved)},
			[]FollowUp{fu("F-1", FollowUpAccepted), fu("F-2", FollowUpImplemented)}, at, Recommend,
			[]string{"REC-CLEAR: 2 nonconformities stand; every major is verified effective and every minor has an accepted plan"}},
		{"a major, unverified, not yet due", annexa.Stage2, []Finding{nc("F-1", Major, FindingPresented), nc("F-2", Minor, FindingPresented)},
			[]FollowUp{fu("F-1", FollowUpImplemented)}, dueAt, RecommendAfterVerification,
			[]string{"REC-MAJOR-OPEN: F-1 is a major nonconformity whose correction is not verified effective"}},
		{"a major without follow-up", annexa.Stage2, []Finding{nc("F-1", Major, FindingConfirmed)}, nil, at, RecommendAfterVerification,
			[]string{"REC-MAJOR-OPEN: F-1 is a major nonconformity whose correction is not verified effective"}},
		{"a major verified effective", annexa.Special, []Finding{nc("F-1", Major, FindingAcknowledged), nc("F-2", Minor, FindingAcknowledged)},
			[]FollowUp{fu("F-1", FollowUpClosed), fu("F-2", FollowUpPlanning)}, at, RecommendAfterPlans,
			[]string{"REC-MINOR-OPEN: F-2 is a minor nonconformity without an accepted corrective action plan"}},
		{"a major overdue", annexa.Stage2, []Finding{nc("F-1", Major, FindingAcknowledged), nc("F-2", Major, FindingAcknowledged)},
			[]FollowUp{fu("F-1", FollowUpImplemented), fu("F-2", FollowUpPlanning)}, at, NotRecommend, []string{
				"REC-MAJOR-OVERDUE: F-1 is a major nonconformity whose follow-up was due 2026-05-31 and is not verified effective at 2026-06-01",
				"REC-MAJOR-OVERDUE: F-2 is a major nonconformity whose follow-up was due 2026-05-31 and is not verified effective at 2026-06-01",
			}},
		{"an overdue minor does not block", annexa.Stage2, []Finding{nc("F-1", Minor, FindingAcknowledged)},
			[]FollowUp{fu("F-1", FollowUpAccepted)}, at, Recommend,
			[]string{"REC-CLEAR: 1 nonconformities stand; every major is verified effective and every minor has an accepted plan"}},
		{"internal audits carry none", annexa.Internal, []Finding{nc("F-1", Major, FindingAcknowledged)}, nil, at, "", nil},
		{"second-party audits carry none", annexa.SecondParty, []Finding{nc("F-1", Major, FindingAcknowledged)}, nil, at, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := stage2Audit(t, StateFollowUp)
			a.Kind, a.Findings, a.FollowUps = tt.kind, tt.findings, tt.followUps
			before := deepCopy(a)
			got, reasons := ReviewRecommendation(a, tt.at)
			assert.Equal(t, tt.want, got)
			if diff := cmp.Diff(tt.reasons, reasons); diff != "" {
				t.Errorf("reasons mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, a); diff != "" {
				t.Errorf("ReviewRecommendation changed the record: mismatch (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("nil", func(t *testing.T) {
		got, reasons := ReviewRecommendation(nil, at)
		assert.Equal(t, Recommendation(""), got)
		assert.Nil(t, reasons)
	})
}

func TestRecommendationRules(t *testing.T) {
	var ids []string
	seen := map[Recommendation]bool{}
	for r := range RecommendationRules() {
		ids = append(ids, r.ID)
		assert.True(t, r.Then.IsValid(), r.ID)
		assert.NotEmpty(t, r.When)
		assert.Regexp(t, `^17021-1:[0-9.]+$`, string(r.Clause))
		assert.True(t, r.Clause.IsValid(), r.ID)
		seen[r.Then] = true
	}
	assert.Equal(t, []string{"REC-MAJOR-OVERDUE", "REC-MAJOR-OPEN", "REC-MINOR-OPEN", "REC-CLEAR"}, ids)
	for rec := range Recommendations() {
		assert.True(t, seen[rec], "no rule leads to %s", rec)
	}
}

// TestDeriveRecommendation checks the recommendation the findings call
// for when the conclusions are agreed: follow-ups play no part.
func TestDeriveRecommendation(t *testing.T) {
	nc := func(id FindingID, g Grade, s FindingState) Finding {
		return findingIn(t, nonconformity(id, g, controlA815, "E-1"), s)
	}
	tests := []struct {
		name     string
		kind     annexa.AuditKind
		findings []Finding
		want     Recommendation
		reasons  []string
	}{
		{"no finding", annexa.Stage2, nil, Recommend, []string{"REC-CLEAR: no nonconformity stands"}},
		{"a draft does not stand", annexa.Stage2, []Finding{nc("F-1", Major, FindingDraft)}, Recommend, []string{"REC-CLEAR: no nonconformity stands"}},
		{"minors", annexa.Stage1, []Finding{nc("F-1", Minor, FindingConfirmed)}, RecommendAfterPlans,
			[]string{"REC-MINOR-OPEN: F-1 is a minor nonconformity without an accepted corrective action plan"}},
		{"a major", annexa.Recertification, []Finding{nc("F-1", Minor, FindingConfirmed), nc("F-2", Major, FindingConfirmed)}, RecommendAfterVerification,
			[]string{"REC-MAJOR-OPEN: F-2 is a major nonconformity whose correction is not verified effective"}},
		{"internal audits carry none", annexa.Internal, []Finding{nc("F-1", Major, FindingConfirmed)}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := stage2Audit(t, StateFindings)
			a.Kind, a.Findings = tt.kind, tt.findings
			got, reasons := DeriveRecommendation(a)
			assert.Equal(t, tt.want, got)
			if diff := cmp.Diff(tt.reasons, reasons); diff != "" {
				t.Errorf("reasons mismatch (-want +got):\n%s", diff)
			}
			a.FollowUps = []FollowUp{followUpIn(t, "F-2", FollowUpClosed)}
			again, _ := DeriveRecommendation(a)
			assert.Equal(t, got, again, "follow-ups play no part")
		})
	}
	got, reasons := DeriveRecommendation(nil)
	assert.Equal(t, Recommendation(""), got)
	assert.Nil(t, reasons)
}

// TestRecommendationHasOneSourceOfTruth checks that the audit's
// recommendation is Conclusion.Recommendation: set when the conclusions
// are agreed to what DeriveRecommendation gives, cleared when they are
// revised, refused in a draft, and equal to DeriveRecommendation for as
// long as they stand agreed, whatever ReviewRecommendation says later.
func TestRecommendationHasOneSourceOfTruth(t *testing.T) {
	a := findingsStageAudit(t) // F-1 a confirmed major, F-2 an observation
	m := byLead(agreeAt.Add(-time.Hour))
	refused := draftConclusion(t)
	refused.Recommendation = Recommend
	// A draft carries no recommendation.
	requireInvalid(t, refuses(t, a, func() error { return a.DraftConclusion(refused, m) }), problem{"Recommendation", RuleRecommendationDerived})
	require.NoError(t, a.DraftConclusion(draftConclusion(t), m))

	require.NoError(t, a.AgreeConclusion(byLead(agreeAt)))
	want, _ := DeriveRecommendation(a)
	assert.Equal(t, RecommendAfterVerification, a.Conclusion.Recommendation)
	assert.Equal(t, want, a.Conclusion.Recommendation)
	assert.Empty(t, findingsViolations(a, nil), "Verify finds the recommendation derived")

	require.NoError(t, a.ReviseConclusion(byLead(agreeAt.Add(time.Minute))))
	assert.Empty(t, a.Conclusion.Recommendation, "revised conclusions are a draft again")
	require.NoError(t, a.WithdrawFinding("F-1", "raised against the wrong server", byLead(agreeAt.Add(2*time.Minute))))
	require.NoError(t, a.AgreeConclusion(byLead(agreeAt.Add(3*time.Minute))))
	assert.Equal(t, Recommend, a.Conclusion.Recommendation, "derived again from the findings as they now stand")

	for _, s := range []State{StateFindings, StateClosing, StateReported, StateCompleted, StateFollowUp, StateClosed} {
		r := recordIn(t, s)
		if r.Conclusion == nil {
			continue
		}
		got, _ := DeriveRecommendation(r)
		assert.Equal(t, r.Conclusion.Recommendation, got, "state %s", s)
		reviewed, _ := ReviewRecommendation(r, closeAt)
		if s == StateClosed {
			assert.Equal(t, Recommend, reviewed, "every follow-up closed: the conditions are met")
			assert.Equal(t, RecommendAfterVerification, r.Conclusion.Recommendation, "the recommendation stays as agreed")
		}
	}

	c := conclusionIn(t, "", ConclusionDraft)
	c.Recommendation = RecommendAfterVerification
	r := recordIn(t, StateFindings)
	r.Conclusion = c
	assert.Contains(t, findingsViolations(r, nil), "Conclusion.Recommendation AUD-RECOMMENDATION-DERIVED", "Verify: a draft carries none")
}
