package audit

import (
	"slices"
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVerifyConforming checks that the record the operations build
// verifies in every state.
func TestVerifyConforming(t *testing.T) {
	for s := range States() {
		t.Run(string(s), func(t *testing.T) {
			require.NoError(t, Verify(auditIn(t, s), nil))
		})
	}
}

// TestVerifyViolations tampers with conforming records and checks
// that Verify names the rule and the path of each change.
func TestVerifyViolations(t *testing.T) {
	tests := []struct {
		name   string
		state  State
		tamper func(a *Audit)
		want   []problem
	}{
		{"no id, kind, client", StateInitiation, func(a *Audit) { a.ID, a.Kind, a.Client = "", "tourism", " " },
			[]problem{{"ID", RuleRecordShape}, {"Kind", RuleRecordShape}, {"Client", RuleRecordShape}}},
		{"own baseline", StateInitiation, func(a *Audit) { a.Baseline = a.ID }, []problem{{"Baseline", RuleRecordShape}}},
		{"unknown state", StateInitiation, func(a *Audit) { a.State = "paused" }, []problem{{"State", RuleRecordShape}, {"State", RuleHistoryValid}}},
		{"state ahead of history", StateCompleted, func(a *Audit) { a.State = StateClosed }, []problem{{"State", RuleHistoryValid}}},
		{"history entry removed", StateReported, func(a *Audit) { a.History = append(a.History[:2], a.History[3:]...) },
			[]problem{{"History[2]", RuleHistoryValid}}},
		{"history reordered", StateFieldwork, func(a *Audit) { a.History[0], a.History[1] = a.History[1], a.History[0] },
			[]problem{{"History[0]", RuleHistoryValid}}},
		{"history before creation", StatePreparation, func(a *Audit) { a.CreatedAt = march(2, 20) }, []problem{{"History[0].At", RuleHistoryValid}}},
		{"contact removed", StatePreparation, func(a *Audit) { a.Contact = nil }, []problem{{"Contact", RuleInitContact}}},
		{"contact after preparation began", StatePreparation, func(a *Audit) { a.Contact.EstablishedAt = march(2, 20) }, []problem{{"Contact.EstablishedAt", RuleInitContact}}},
		{"prepared though not feasible", StatePreparation, func(a *Audit) { a.Feasibility.Information = false },
			[]problem{{"Feasibility", RuleInitFeasible}, {"Feasibility.Alternative", RuleInitAlternative}}},
		{"opening removed", StateFieldwork, func(a *Audit) { a.Opening = nil }, []problem{{"Opening", RuleOpeningMeeting}}},
		{"opening did not confirm scope", StateFieldwork, func(a *Audit) { a.Opening.ScopeConfirmed = false }, []problem{{"Opening.ScopeConfirmed", RuleOpeningMeeting}}},
		{"opening before fieldwork", StatePreparation, func(a *Audit) { om := openingMeetingAt(march(3, 5)); a.Opening = &om }, []problem{{"Opening", RuleRecordShape}}},
		{"opened before communication", StateFieldwork, func(a *Audit) { a.Plan.History[1].At = march(3, 15).Add(time.Minute) },
			[]problem{{"Plan", RuleOpenAfterPlan}}},
		{"risk without escalation", StateFieldwork, func(a *Audit) { a.Risks[0].EscalatedTo = "" }, []problem{{"Risks[0].EscalatedTo", RuleRiskEscalated}}},
		{"risk twice", StateFieldwork, func(a *Audit) { a.Risks = append(a.Risks, a.Risks[0]) }, []problem{{"Risks[1].ID", RuleRecordShape}}},
		{"checklist item left pending", StateFindings, func(a *Audit) { require.NoError(t, a.Checklist.Reset(refVuln)) },
			[]problem{{"Checklist.Items[3]", RuleFieldworkCovered}}},
		{"result on rejected evidence after fieldwork", StateFindings, func(a *Audit) {
			a.Evidence[0].State = EvidenceRejected
			a.Evidence[0].History[0].Event, a.Evidence[0].History[0].To, a.Evidence[0].History[0].Reason = EvidenceReject, EvidenceRejected, "unreadable"
		}, []problem{{"Checklist.Items[0].EvidenceRefs[0]", RuleEvidenceVerified}, {"Checklist.Items[4].EvidenceRefs[0]", RuleEvidenceVerified}}},
		{"checklist cites unknown evidence", StateFieldwork, func(a *Audit) { a.Checklist.Items[0].EvidenceRefs = []ismsaudit.EvidenceID{"E-9"} },
			[]problem{{"Checklist.Items[0].EvidenceRefs[0]", RuleRecordShape}}},
		{"checklist of another kind", StatePreparation, func(a *Audit) { a.Checklist.Kind = annexa.Stage1 }, []problem{{"Checklist.Kind", RuleChecklistPlanned}}},
		{"checklist removed in preparation", StatePreparation, func(a *Audit) { a.Checklist = nil }, []problem{{"Checklist", RuleChecklistKept}}},
		{"checklist removed from a closed audit", StateClosed, func(a *Audit) { a.Checklist = nil }, []problem{{"Checklist", RuleChecklistKept}}},
		{"nonconforming item no finding cites", StateFindings, func(a *Audit) {
			a.Checklist.Items[3].Result, a.Checklist.Items[3].Notes = annexa.MinorNonconformity, "patches late"
		}, []problem{{"Checklist.Items[3].Result", RuleChecklistFindings}}},
		{"nonconformity its item does not show", StateClosed, func(a *Audit) {
			a.Checklist.Items[2].Result, a.Checklist.Items[2].Notes = annexa.Conforms, ""
		}, []problem{{"Checklist.Items[2].Result", RuleChecklistFindings}}},
		{"item graded otherwise than its nonconformity", StateClosing, func(a *Audit) { a.Checklist.Items[2].Result = annexa.MajorNonconformity },
			[]problem{{"Checklist.Items[2].Result", RuleChecklistFindings}}},
		{"nonconformity regraded after the closing meeting", StateReported, func(a *Audit) { a.Findings[0].Grade = Major },
			[]problem{{"Checklist.Items[2].Result", RuleChecklistFindings}}},
		{"nonconformity on an item not audited", StateClosing, func(a *Audit) {
			it := &a.Checklist.Items[2]
			it.Result, it.Notes, it.EvidenceRefs, it.NotAuditedReason = annexa.NotAssessed, "", nil, "the area was closed"
			a.Conclusion.ObjectivesNote = "the area is audited next quarter"
		}, []problem{{"Checklist.Items[2].Result", RuleChecklistFindings}}},
		{"objectives achieved although an item was not audited", StateClosing, func(a *Audit) {
			a.Findings[0].Criteria = []annexa.Ref{refRisk}
			a.Checklist.Items[0].Result, a.Checklist.Items[0].Notes = annexa.MinorNonconformity, "risk assessment out of date"
			it := &a.Checklist.Items[2]
			it.Result, it.Notes, it.EvidenceRefs, it.NotAuditedReason = annexa.NotAssessed, "", nil, "the area was closed"
		}, []problem{{"Conclusion.ObjectivesNote", RuleConclusionObjectives}}},
		{"fulfilled with a nonconformity standing", StateDistributed, func(a *Audit) { a.Conclusion.Fulfilment = Fulfilled },
			[]problem{{"Conclusion.Fulfilment", RuleConclusionFulfilment}}},
		{"effective with a major nonconformity standing", StateDistributed, func(a *Audit) {
			a.Conclusion.Fulfilment, a.Conclusion.Effective = NotFulfilled, true
			a.Findings[0].Grade = Major
			a.Checklist.Items[2].Result = annexa.MajorNonconformity
		}, []problem{{"Conclusion.Effective", RuleConclusionEffectiveness}}},
		{"follow-up started without a presented nonconformity's follow-up", StateFollowUp, func(a *Audit) { a.FollowUps = nil },
			[]problem{{"Findings[0]", RuleFollowUpEveryNC}}},
		{"follow-up planned after follow-up started", StateFollowUp, func(a *Audit) { a.FollowUps[0].PlannedAt = march(7, 10) },
			[]problem{{"FollowUps[0].PlannedAt", RuleFollowUpEveryNC}}},
		{"closing removed", StateClosing, func(a *Audit) { a.Closing = nil }, []problem{{"Closing", RuleClosingMeeting}}},
		{"closing without attendees", StateClosed, func(a *Audit) { a.Closing.Attendees = nil }, []problem{{"Closing.Attendees", RuleClosingMeeting}}},
		{"closing on draft conclusions", StateClosing, func(a *Audit) { a.Conclusion.State = ConclusionDraft },
			[]problem{{"Conclusion.State", RuleClosingAfterConclusions}}},
		{"dispute before the closing meeting unrecorded", StateClosing, func(a *Audit) {
			f := &a.Findings[0]
			f.History = append(f.History, FindingEntry{From: FindingConfirmed, Event: FindingPresent, To: FindingPresented, At: march(5, 7), By: "lead"},
				FindingEntry{From: FindingPresented, Event: FindingDispute, To: FindingDisputed, At: march(5, 8), By: "lead"})
			f.State = FindingDisputed
		}, []problem{{"Closing.DivergingOpinions", RuleClosingMeeting}}},
		{"report removed", StateReported, func(a *Audit) { a.Report = nil }, []problem{{"Report", RuleReportAfterClosing}}},
		{"report before closing", StateReported, func(a *Audit) { a.Report.IssuedAt = march(5, 16) }, []problem{{"Report.IssuedAt", RuleReportAfterClosing}}},
		{"report version zero", StateReported, func(a *Audit) { a.Report.Version = 0 }, []problem{{"Report.Version", RuleRecordShape}}},
		{"distribution removed", StateCompleted, func(a *Audit) { a.Report.Distribution = nil },
			[]problem{{"Report.Distribution", RuleReportDistributed}, {"Report.Distribution", RuleCompleteAfterDistribution}}},
		{"recipient without clearance", StateDistributed, func(a *Audit) { a.Report.Distribution[1].Recipient.Clearance = "" },
			[]problem{{"Report.Distribution[1].Recipient.Clearance", RuleReportDistributed}}},
		{"distribution of a future version", StateDistributed, func(a *Audit) { a.Report.Distribution[0].Version = 2 },
			[]problem{{"Report.Distribution[0].Version", RuleRecordShape}}},
		{"distribution out of order", StateDistributed, func(a *Audit) { a.Report.Distribution[1].At = march(6, 8) },
			[]problem{{"Report.Distribution[1].At", RuleRecordShape}}},
		{"completion removed", StateCompleted, func(a *Audit) { a.Completion = nil }, []problem{{"Completion", RuleCompleteRecords}}},
		{"completion without records", StateClosed, func(a *Audit) { a.Completion.Records = "" }, []problem{{"Completion.Records", RuleCompleteRecords}}},
		{"closed with a follow-up open", StateClosed, func(a *Audit) { a.FollowUps[0].State = FollowUpImplemented },
			[]problem{{"Findings[0]", RuleCloseFollowUps}}},
		{"termination removed", StateTerminated, func(a *Audit) { a.Termination = nil }, []problem{{"Termination", RuleTerminateReason}}},
		{"termination without reason", StateTerminated, func(a *Audit) { a.Termination.Reason = "" }, []problem{{"Termination.Reason", RuleTerminateReason}}},
		{"termination of a running audit", StateFieldwork, func(a *Audit) { a.Termination = &Termination{Reason: "x", At: march(4, 1), By: "lead"} },
			[]problem{{"Termination", RuleRecordShape}}},
		{"two team leaders", StatePreparation, func(a *Audit) { a.Team[1].Role = competence.RoleTeamLeader }, []problem{{"Team", RuleTeamLeader}}},
		{"team member without role", StatePreparation, func(a *Audit) { a.Team[2].Role = "" }, []problem{{"Team[2].Role", RuleRecordShape}}},
		{"team gone", StateFieldwork, func(a *Audit) { a.Team = nil }, []problem{{"Team", RuleTeamLeader}}},
		{"plan changed after approval", StateFieldwork, func(a *Audit) { a.Plan.Content.Locations = []string{"elsewhere"} },
			[]problem{{"Plan.Content", RulePlanReapproved}}},
		{"plan version lost", StateFieldwork, func(a *Audit) { a.Plan.Versions = nil }, []problem{{"Plan.Versions", RulePlanReapproved}}},
		{"plan version misnumbered", StateFieldwork, func(a *Audit) { a.Plan.Versions[0].Version = 3 }, []problem{{"Plan.Versions[0].Version", RulePlanReapproved}}},
		{"plan version misdated", StateFieldwork, func(a *Audit) { a.Plan.Versions[0].ApprovedAt = march(2, 14) }, []problem{{"Plan.Versions[0]", RulePlanReapproved}}},
		{"approved version incomplete", StateFieldwork, func(a *Audit) {
			a.Plan.Versions[0].Content.Methods, a.Plan.Content.Methods = nil, nil
		}, []problem{{"Plan.Versions[0].Content.Methods", RulePlanComplete}}},
		{"plan state unknown", StatePreparation, func(a *Audit) { a.Plan.State = "filed" },
			[]problem{{"Plan.State", RuleRecordShape}, {"Plan.State", RuleHistoryValid}}},
		{"plan history broken", StatePreparation, func(a *Audit) { a.Plan.History[1].Event = PlanRevise },
			[]problem{{"Plan.History[1]", RuleHistoryValid}}},
		{"expert assigned a criterion", StateFieldwork, func(a *Audit) {
			a.Plan.Content.Assignments[3].Auditor = "tex"
			a.Plan.Versions[0].Content.Assignments[3].Auditor = "tex"
		}, []problem{{"Plan.Content.Assignments[3].Auditor", RulePlanAssigned}}},
		{"plan changed after fieldwork", StateFindings, func(a *Audit) {
			a.Plan.History = append(a.Plan.History, PlanEntry{From: PlanCommunicated, Event: PlanRevise, To: PlanDraft, At: march(5, 2), By: "lead"})
			a.Plan.State = PlanDraft
		}, []problem{{"Plan.History[2]", RulePlanWhen}}},
		{"fieldwork ended on a revised plan", StateFindings, func(a *Audit) {
			a.Plan.History = append(a.Plan.History, PlanEntry{From: PlanCommunicated, Event: PlanRevise, To: PlanDraft, At: march(4, 11), By: "lead"})
			a.Plan.State = PlanDraft
		}, []problem{{"Plan", RulePlanCommunicated}}},
		{"plan approved in initiation", StateInitiation, func(a *Audit) {
			a.Plan = &Plan{State: PlanApproved, Content: fixturePlan(), Versions: []PlanVersion{{Version: 1, ApprovedAt: march(2, 13), ApprovedBy: "lead", Content: fixturePlan()}},
				History: []PlanEntry{{From: PlanDraft, Event: PlanApprove, To: PlanApproved, At: march(2, 13), By: "lead"}}}
		}, []problem{{"Plan.History[0]", RulePlanWhen}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditIn(t, tt.state)
			require.NoError(t, Verify(a, nil), "the fixture conforms before tampering")
			tt.tamper(a)
			before := deepCopy(a)
			err := Verify(a, nil)
			unchanged(t, before, a) // Verify only reads
			ve := requireInvalid(t, err, tt.want...)
			for _, f := range ve.Fields {
				_, ok := LookupRule(f.Rule)
				assert.True(t, ok, "%s cites a rule of the catalogue", f)
			}
		})
	}
}

// TestVerifyEveryViolation checks that Verify reports every
// violation at once.
func TestVerifyEveryViolation(t *testing.T) {
	a := auditIn(t, StateClosed)
	a.Contact, a.Opening, a.Closing, a.Completion = nil, nil, nil, nil
	err := Verify(a, nil)
	ve := requireInvalid(t, err, problem{"Contact", RuleInitContact}, problem{"Opening", RuleOpeningMeeting}, problem{"Closing", RuleClosingMeeting}, problem{"Completion", RuleCompleteRecords})
	// Nothing else of the audit lifecycle's and the plan's records is
	// wrong: the violations of their rules are exactly those four. (The evidence and findings
	// checks may have more to say about a record without meetings.)
	area := []ismsaudit.RuleID{RuleInitContact, RuleInitFeasible, RuleInitAlternative, RuleOpenAfterPlan, RuleOpeningMeeting, RuleRiskEscalated,
		RuleFieldworkCovered, RuleClosingAfterConclusions, RuleClosingMeeting, RuleReportAfterClosing, RuleReportDistributed,
		RuleCompleteAfterDistribution, RuleCompleteRecords, RuleFollowUpStart, RuleTerminateReason, RuleHistoryValid, RuleRecordShape,
		RulePlanComplete, RulePlanAssigned, RulePlanCompetent, RulePlanIndependent, RuleTeamLeader, RulePlanReapproved, RulePlanCommunicated,
		RulePlanWhen, RuleChecklistPlanned, RuleChecklistFieldwork, RuleSamplingRecorded, RuleSamplingReproducible}
	var got []string
	for _, f := range ve.Fields {
		if slices.Contains(area, f.Rule) {
			got = append(got, f.Path)
		}
	}
	assert.Equal(t, []string{"Contact", "Opening", "Closing", "Completion"}, got)
}

// TestVerifyNil checks that Verify refuses no record without
// panicking.
func TestVerifyNil(t *testing.T) {
	requireInvalid(t, Verify(nil, nil), problem{"", RuleRecordShape})
	require.Error(t, Verify(&Audit{}, &VerifyOptions{}))
}

// TestVerifyResultsAwaitVerification checks that during fieldwork a
// checklist result may rest on an item still awaiting verification: only
// the end of fieldwork requires it verified (AUD-EVIDENCE-VERIFIED).
func TestVerifyResultsAwaitVerification(t *testing.T) {
	a := auditIn(t, StateFieldwork)
	e := evidenceIn(t, "E-2", EvidenceVerified, march(3, 20), refAccess)
	e.State, e.History = "", nil
	require.NoError(t, a.CollectEvidence(e, byLead(march(3, 20))))
	require.NoError(t, a.RecordResult(refAccess, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-2"}}, byLead(march(3, 21))))
	require.NoError(t, Verify(a, nil))

	err := a.EndFieldwork(byLead(march(4, 21)))
	requireRefused(t, err, ismsaudit.ReasonGuard, RuleEvidenceVerified)
	requireInvalid(t, err, problem{"Checklist.Items[2].EvidenceRefs[0]", RuleEvidenceVerified})

	require.NoError(t, a.VerifyEvidence("E-2", byLead(march(3, 22))))
	require.NoError(t, a.EndFieldwork(byLead(march(4, 21))))
	require.NoError(t, Verify(a, nil))
}
