package audit

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
)

func TestDeriveRecommendation(t *testing.T) {
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
			got, reasons := DeriveRecommendation(a, tt.at)
			assert.Equal(t, tt.want, got)
			if diff := cmp.Diff(tt.reasons, reasons); diff != "" {
				t.Errorf("reasons mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, a); diff != "" {
				t.Errorf("DeriveRecommendation changed the record: mismatch (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("nil", func(t *testing.T) {
		got, reasons := DeriveRecommendation(nil, at)
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
		assert.Regexp(t, `^17021-1:[0-9.]+$`, r.Source)
		seen[r.Then] = true
	}
	assert.Equal(t, []string{"REC-MAJOR-OVERDUE", "REC-MAJOR-OPEN", "REC-MINOR-OPEN", "REC-CLEAR"}, ids)
	for rec := range Recommendations() {
		assert.True(t, seen[rec], "no rule leads to %s", rec)
	}
}
