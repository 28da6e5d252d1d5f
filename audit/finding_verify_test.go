package audit

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// TestVerifyFindingsConformingRecords checks that the fixture record
// conforms, as far as findings, conclusions and follow-ups go, in every
// audit state.
func TestVerifyFindingsConformingRecords(t *testing.T) {
	for s := range States() {
		t.Run(string(s), func(t *testing.T) {
			a := fdRecord(t, s)
			before := fdClone(a)
			assert.Empty(t, fdAreaCheck(a, nil))
			assert.Empty(t, fdAreaCheck(a, &VerifyOptions{At: fdDueAt}))
			if diff := cmp.Diff(before, a); diff != "" {
				t.Errorf("Verify changed the record: mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVerifyFindingsViolations(t *testing.T) {
	type change func(t *testing.T, a *Audit)
	tests := []struct {
		name   string
		state  State
		opts   *VerifyOptions
		change change
		want   []string
	}{
		// Findings.
		{"duplicate id", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].ID = "F-1" },
			[]string{"Findings[2].ID AUD-RECORD-SHAPE"}},
		{"blank id", StateClosing, nil, func(_ *testing.T, a *Audit) { a.Findings[2].ID = "" },
			[]string{"Findings[2].ID AUD-RECORD-SHAPE"}},
		{"unknown kind", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Kind = "remark" },
			[]string{"Findings[2].Kind AUD-RECORD-SHAPE"}},
		{"nonconformity without grade", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[1].Grade = "" },
			[]string{"Findings[1].Grade AUD-NC-GRADE"}},
		{"graded observation", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Grade = Minor },
			[]string{"Findings[2].Grade AUD-NC-GRADE"}},
		{"no criteria", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Criteria = nil },
			[]string{"Findings[2].Criteria AUD-FINDING-CRITERION"}},
		{"criterion outside the plan", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Criteria = []annexa.Ref{fdNotPlanned} },
			[]string{"Findings[2].Criteria[0] AUD-FINDING-CRITERION"}},
		{"a draft may cite any criterion", StateFieldwork, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Criteria = []annexa.Ref{fdNotPlanned} },
			nil},
		{"invalid reference", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Criteria = []annexa.Ref{annexa.RefToControl("9.9")} },
			[]string{"Findings[2].Criteria[0] AUD-RECORD-SHAPE"}},
		{"unknown evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[0].Evidence = []ismsaudit.EvidenceID{"E-1", "E-99"} },
			[]string{"Findings[0].Evidence[1] AUD-RECORD-SHAPE"}},
		{"evidence twice", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[0].Evidence = []ismsaudit.EvidenceID{"E-1", "E-1"} },
			[]string{"Findings[0].Evidence[1] AUD-RECORD-SHAPE"}},
		{"nonconformity on unverified evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[0].Evidence = []ismsaudit.EvidenceID{"E-3", "E-4"} },
			[]string{"Findings[0].Evidence AUD-NC-EVIDENCE", "Findings[0].Evidence[0] AUD-EVIDENCE-VERIFIED", "Findings[0].Evidence[1] AUD-EVIDENCE-VERIFIED"}},
		{"evidence verified only after the confirmation", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.Evidence[0].History[0].At = fdConfirmAt.Add(time.Minute)
		}, []string{"Findings[0].Evidence AUD-NC-EVIDENCE", "Findings[0].Evidence[0] AUD-EVIDENCE-VERIFIED"}},
		{"nonconformity on verified and unverified evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[0].Evidence = []ismsaudit.EvidenceID{"E-1", "E-3"} },
			[]string{"Findings[0].Evidence[1] AUD-EVIDENCE-VERIFIED"}},
		{"observation on rejected evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Evidence = []ismsaudit.EvidenceID{"E-4"} },
			[]string{"Findings[2].Evidence[0] AUD-EVIDENCE-VERIFIED"}},
		{"evidence verified then, superseded since", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[0].Evidence = []ismsaudit.EvidenceID{"E-5"} },
			nil},
		{"nonconformity without reason", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[0].Reason = " " },
			[]string{"Findings[0].Reason AUD-NC-STATEMENT"}},
		{"nonconformity statement empty", StateClosing, nil, func(_ *testing.T, a *Audit) {
			a.Findings[1].Requirement, a.Findings[1].Found, a.Findings[1].Reason = "", "", ""
		}, []string{"Findings[1].Requirement AUD-NC-STATEMENT", "Findings[1].Found AUD-NC-STATEMENT", "Findings[1].Reason AUD-NC-STATEMENT"}},
		{"observation without what was found", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Found = "" },
			[]string{"Findings[2].Found AUD-RECORD-SHAPE"}},
		{"no author", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].RaisedBy, a.Findings[2].RaisedAt = "", time.Time{} },
			[]string{"Findings[2].RaisedBy AUD-RECORD-SHAPE", "Findings[2].RaisedAt AUD-RECORD-SHAPE"}},
		{"raised after its first event", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].RaisedAt = fdClosingAt },
			[]string{"Findings[2].History[0].At AUD-HISTORY-VALID"}},
		{"unknown state", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].State = "open" },
			[]string{"Findings[2].State AUD-RECORD-SHAPE"}},
		{"history with a gap", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].History = a.Findings[2].History[1:] },
			[]string{"Findings[2].History[0] AUD-HISTORY-VALID"}},
		{"history ending elsewhere", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].State = FindingPresented },
			[]string{"Findings[2].State AUD-HISTORY-VALID"}},
		{"history in the wrong order", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].History[2].At = fdConfirmAt },
			[]string{"Findings[2].History[2] AUD-HISTORY-VALID"}},
		{"disputed without opinion", StateClosing, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = fdFindingIn(t, fdObservation("F-3", fdA51), FindingDisputed)
			a.Findings[2].DivergingOpinion = ""
		}, []string{"Findings[2].DivergingOpinion AUD-DISPUTE-RECORDED"}},
		{"opinion without dispute", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].DivergingOpinion = "no" },
			[]string{"Findings[2].DivergingOpinion AUD-DISPUTE-RECORDED"}},
		{"resolved without resolution", StateClosing, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = fdFindingIn(t, fdObservation("F-3", fdA51), FindingResolved)
			a.Findings[2].Resolution = ""
		}, []string{"Findings[2].Resolution AUD-DISPUTE-RECORDED"}},
		{"resolution without resolving", StateClosing, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = fdFindingIn(t, fdObservation("F-3", fdA51), FindingDisputed)
			a.Findings[2].Resolution = "settled"
		}, []string{"Findings[2].Resolution AUD-DISPUTE-RECORDED"}},
		{"resolved before the report", StateDistributed, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = fdFindingIn(t, fdObservation("F-3", fdA51), FindingResolved)
		}, nil},
		{"resolved after the report", StateDistributed, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = fdFindingIn(t, fdObservation("F-3", fdA51), FindingResolved)
			a.Findings[2].History[3].At = fdReportAt.Add(time.Hour)
		}, []string{"Findings[2].History[3] AUD-DISPUTE-BEFORE-REPORT"}},
		{"confirmed by someone off the team", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].History[0].By = fdExpert },
			[]string{"Findings[2].History[0].By AUD-FINDING-CONFIRMED"}},
		{"withdrawn without reason", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[3].History[0].Note = "" },
			[]string{"Findings[3].History[0].Note AUD-FINDING-WITHDRAWN"}},
		{"a finding before fieldwork", StatePreparation, nil, func(t *testing.T, a *Audit) {
			a.Findings = []Finding{fdFindingIn(t, fdObservation("F-1", fdA51), FindingDraft)}
		}, []string{"Findings[0] AUD-FINDING-PHASE"}},
		{"presented during fieldwork", StateFieldwork, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = fdFindingIn(t, fdObservation("F-3", fdA51), FindingPresented)
		}, []string{"Findings[2].State AUD-CLOSING-MEETING"}},
		{"a draft after the closing meeting", StateClosing, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = fdFindingIn(t, fdObservation("F-3", fdA51), FindingDraft)
		}, []string{"Findings[2].State AUD-CONCLUSION-AFTER-FINDINGS"}},
		{"confirmed but not presented", StateReported, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = fdFindingIn(t, fdObservation("F-3", fdA51), FindingConfirmed)
		}, []string{"Findings[2].State AUD-CLOSING-MEETING"}},
		{"terminated audits keep what they had", StateTerminated, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = fdFindingIn(t, fdObservation("F-3", fdA51), FindingConfirmed)
		}, nil},

		// Conclusions.
		{"closing without conclusions: the audit lifecycle's check", StateClosing, nil, func(_ *testing.T, a *Audit) { a.Conclusion = nil },
			nil},
		{"conclusion history missing", StateClosing, nil, func(_ *testing.T, a *Audit) { a.Conclusion.History = nil },
			[]string{"Conclusion.State AUD-HISTORY-VALID"}},
		{"unknown conclusion state", StateClosing, nil, func(_ *testing.T, a *Audit) { a.Conclusion.State = "final" },
			[]string{"Conclusion.State AUD-RECORD-SHAPE"}},
		{"unknown fulfilment", StateClosing, nil, func(_ *testing.T, a *Audit) { a.Conclusion.Fulfilment = "mostly" },
			[]string{"Conclusion.Fulfilment AUD-RECORD-SHAPE", "Conclusion.Fulfilment AUD-CONCLUSION-COMPLETE"}},
		{"incomplete", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.Conclusion.Extent, a.Conclusion.ObjectivesAchieved, a.Conclusion.ScopeCovered = "", false, false
		}, []string{"Conclusion.Extent AUD-CONCLUSION-COMPLETE", "Conclusion.ObjectivesNote AUD-CONCLUSION-COMPLETE", "Conclusion.NotCovered AUD-CONCLUSION-COMPLETE"}},
		{"a draft may be incomplete", StateFindings, nil, func(t *testing.T, a *Audit) {
			a.Conclusion = &Conclusion{State: ConclusionDraft, History: []ConclusionEntry{}}
		}, nil},
		{"blank recurring note", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Conclusion.Recurring = []string{" "} },
			[]string{"Conclusion.Recurring[0] AUD-RECORD-SHAPE"}},
		{"recommendation not derived", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Conclusion.Recommendation = Recommend },
			[]string{"Conclusion.Recommendation AUD-RECOMMENDATION-DERIVED"}},
		{"recommendation missing", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Conclusion.Recommendation = "" },
			[]string{"Conclusion.Recommendation AUD-RECOMMENDATION-DERIVED"}},
		{"unknown recommendation", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Conclusion.Recommendation = "maybe" },
			[]string{"Conclusion.Recommendation AUD-RECORD-SHAPE"}},
		{"internal audit with a recommendation", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Kind = annexa.Internal },
			[]string{"Conclusion.Recommendation AUD-RECOMMENDATION-DERIVED"}},
		{"internal audit without", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Kind, a.Conclusion.Recommendation = annexa.Internal, "" },
			nil},
		{"conclusions during fieldwork", StateFieldwork, nil, func(t *testing.T, a *Audit) {
			a.Conclusion = fdConclusion(t, RecommendAfterVerification, ConclusionDraft)
		}, []string{"Conclusion AUD-CONCLUSION-PHASE"}},
		{"presented before the closing meeting", StateFindings, nil, func(t *testing.T, a *Audit) {
			a.Conclusion = fdConclusion(t, RecommendAfterVerification, ConclusionPresented)
		}, []string{"Conclusion.State AUD-CLOSING-MEETING"}},
		{"not presented at the closing meeting", StateClosing, nil, func(t *testing.T, a *Audit) {
			a.Conclusion = fdConclusion(t, RecommendAfterVerification, ConclusionAgreed)
		}, []string{"Conclusion.State AUD-CLOSING-MEETING"}},

		// Follow-ups.
		{"follow-up of an unknown finding", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].Finding = "F-9" },
			[]string{"FollowUps[0].Finding AUD-RECORD-SHAPE"}},
		{"follow-up of an observation", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[1].Finding = "F-3" },
			[]string{"FollowUps[1].Finding AUD-FOLLOWUP-PHASE"}},
		{"two follow-ups of one nonconformity", StateCompleted, nil, func(t *testing.T, a *Audit) {
			a.FollowUps = append(a.FollowUps, fdFollowUp(t, "F-1", FollowUpClosed))
		}, []string{"FollowUps[2].Finding AUD-FOLLOWUP-ONE-PER-NC"}},
		{"a nonconformity without follow-up once completed", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps = a.FollowUps[:1] },
			nil},
		{"follow-up history missing", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].History = nil },
			[]string{"FollowUps[0].State AUD-HISTORY-VALID", "FollowUps[0].Verifications AUD-HISTORY-VALID"}},
		{"unknown follow-up state", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].State = "done" },
			[]string{"FollowUps[0].State AUD-RECORD-SHAPE", "FollowUps[0].VerifiedBy AUD-FOLLOWUP-VERIFIED"}},
		{"planned before the presentation", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[1].PlannedAt = fdConfirmAt },
			[]string{"FollowUps[1].PlannedAt AUD-FOLLOWUP-PHASE"}},
		{"accepted plan without root cause", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].RootCause = "" },
			[]string{"FollowUps[0].RootCause AUD-FOLLOWUP-PLAN"}},
		{"a plan in planning may be partial", StateCompleted, nil, func(t *testing.T, a *Audit) {
			a.FollowUps[1] = fdFollowUp(t, "F-2", FollowUpPlanning)
			a.FollowUps[1].RootCause, a.FollowUps[1].DueAt = "", time.Time{}
		}, nil},
		{"verified by a technical expert", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			u := &a.FollowUps[0]
			u.History[2].By, u.VerifiedBy, u.Verifications[0].By = fdExpert, fdExpert, fdExpert
		}, []string{"FollowUps[0].History[2].By AUD-FOLLOWUP-VERIFIED"}},
		{"verified on unverified evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.FollowUps[0].Evidence, a.FollowUps[0].Verifications[0].Evidence = []ismsaudit.EvidenceID{"E-3"}, []ismsaudit.EvidenceID{"E-3"}
		}, []string{"FollowUps[0].Verifications[0].Evidence[0] AUD-EVIDENCE-VERIFIED", "FollowUps[0].Evidence AUD-FOLLOWUP-VERIFIED"}},
		{"verified on verified and unverified evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.FollowUps[0].Evidence, a.FollowUps[0].Verifications[0].Evidence = []ismsaudit.EvidenceID{"E-7", "E-3"}, []ismsaudit.EvidenceID{"E-7", "E-3"}
		}, []string{"FollowUps[0].Verifications[0].Evidence[1] AUD-EVIDENCE-VERIFIED"}},
		{"verified before the evidence was", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.Evidence[len(a.Evidence)-1].History[0].At = fdVerifyAt.Add(time.Minute)
		}, []string{
			"FollowUps[0].Verifications[0].Evidence[0] AUD-EVIDENCE-VERIFIED", "FollowUps[0].Evidence AUD-FOLLOWUP-VERIFIED",
			"FollowUps[1].Verifications[0].Evidence[0] AUD-EVIDENCE-VERIFIED", "FollowUps[1].Evidence AUD-FOLLOWUP-VERIFIED",
		}},
		{"verification on unknown evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.FollowUps[0].Evidence, a.FollowUps[0].Verifications[0].Evidence = []ismsaudit.EvidenceID{"E-99"}, []ismsaudit.EvidenceID{"E-99"}
		}, []string{"FollowUps[0].Evidence[0] AUD-RECORD-SHAPE", "FollowUps[0].Evidence AUD-FOLLOWUP-VERIFIED"}},
		{"verifier differs from the history", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].VerifiedBy = fdAuditor },
			[]string{"FollowUps[0].VerifiedBy AUD-FOLLOWUP-VERIFIED"}},
		{"verification log differs from the history", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].Verifications[0].Effective = false },
			[]string{"FollowUps[0].Verifications[0] AUD-HISTORY-VALID"}},
		{"no verification log is allowed", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].Verifications = nil },
			nil},
		{"ineffective without why", StateCompleted, nil, func(t *testing.T, a *Audit) {
			u := fdFollowUp(t, "F-2", FollowUpImplemented)
			u.History = append(u.History, FollowUpEntry{From: FollowUpImplemented, Event: FollowUpVerifyIneffective, To: FollowUpPlanning, At: fdVerifyAt, By: fdAuditor})
			u.State = FollowUpPlanning
			a.FollowUps[1] = u
		}, []string{"FollowUps[1].History[2].Note AUD-FOLLOWUP-INEFFECTIVE"}},
		{"verified, yet open", StateReported, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].VerifiedBy = fdLead },
			[]string{"FollowUps[0].VerifiedBy AUD-FOLLOWUP-VERIFIED"}},
		{"a follow-up before the closing meeting", StateFindings, nil, func(t *testing.T, a *Audit) {
			a.FollowUps = []FollowUp{fdFollowUp(t, "F-1", FollowUpPlanning)}
		}, []string{"FollowUps[0] AUD-FOLLOWUP-PHASE", "FollowUps[0].Finding AUD-FOLLOWUP-PHASE"}},
		{"closed with an open follow-up: the audit lifecycle's check", StateClosed, nil, func(t *testing.T, a *Audit) {
			a.FollowUps[1] = fdFollowUp(t, "F-2", FollowUpAccepted)
		}, nil},
		{"a major overdue at the given time", StateDistributed, &VerifyOptions{At: fdDueAt.Add(time.Hour)}, nil,
			[]string{"FollowUps[0].DueAt AUD-MAJOR-OVERDUE-BLOCKS"}},
		{"a major not overdue yet", StateDistributed, &VerifyOptions{At: fdDueAt}, nil, nil},
		{"a major overdue at the latest recorded time", StateFollowUp, nil, func(t *testing.T, a *Audit) {
			a.FollowUps[0] = fdFollowUp(t, "F-1", FollowUpImplemented)
			a.FollowUps[0].History[1].At = fdDueAt.Add(time.Hour)
		}, []string{"FollowUps[0].DueAt AUD-MAJOR-OVERDUE-BLOCKS"}},
		{"an overdue minor does not block", StateDistributed, &VerifyOptions{At: fdCloseAt}, func(t *testing.T, a *Audit) {
			a.FollowUps[0].Finding = "F-2"
			a.FollowUps = append(a.FollowUps, fdFollowUp(t, "F-1", FollowUpClosed))
			a.Evidence = append(a.Evidence, fdEvidence(t, "E-7", EvidenceVerified, fdFUEvidAt))
		}, nil},
		{"internal audits are not blocked", StateDistributed, &VerifyOptions{At: fdCloseAt}, func(_ *testing.T, a *Audit) {
			a.Kind, a.Conclusion.Recommendation = annexa.Internal, ""
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fdRecord(t, tt.state)
			if tt.change != nil {
				tt.change(t, a)
			}
			got := fdAreaCheck(a, tt.opts)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("violations mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVerifyFindingsReportsEverything(t *testing.T) {
	a := fdRecord(t, StateCompleted)
	a.Findings[0].Reason = ""
	a.Findings[2].Kind = "remark"
	a.Conclusion.Extent = ""
	a.FollowUps[1].RootCause = ""
	err := Verify(a, nil)
	ve := fdValidation(t, err)
	for _, w := range [][2]string{
		{"Findings[0].Reason", string(RuleNCStatement)}, {"Findings[2].Kind", string(RuleRecordShape)},
		{"Conclusion.Extent", string(RuleConclusionComplete)}, {"FollowUps[1].RootCause", string(RuleFollowUpPlan)},
	} {
		assert.True(t, ve.Has(w[0], ismsaudit.RuleID(w[1])), "want %s %s in %v", w[0], w[1], ve.Fields)
	}
	for _, f := range ve.Fields {
		_, ok := LookupRule(f.Rule)
		require.True(t, ok, "Verify cites %s, which is not in the catalogue", f.Rule)
	}
}
