package audit

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
)

// TestCoreVerifyConforming checks that the record the operations build
// verifies in every state.
func TestCoreVerifyConforming(t *testing.T) {
	for s := range States() {
		t.Run(string(s), func(t *testing.T) {
			require.NoError(t, Verify(coreAuditIn(t, s), nil))
		})
	}
}

// TestCoreVerifyViolations tampers with conforming records and checks
// that Verify names the rule and the path of each change.
func TestCoreVerifyViolations(t *testing.T) {
	tests := []struct {
		name   string
		state  State
		tamper func(a *Audit)
		want   []coreWant
	}{
		{"no id, kind, client", StateInitiation, func(a *Audit) { a.ID, a.Kind, a.Client = "", "tourism", " " },
			[]coreWant{{"ID", RuleRecordShape}, {"Kind", RuleRecordShape}, {"Client", RuleRecordShape}}},
		{"own baseline", StateInitiation, func(a *Audit) { a.Baseline = a.ID }, []coreWant{{"Baseline", RuleRecordShape}}},
		{"unknown state", StateInitiation, func(a *Audit) { a.State = "paused" }, []coreWant{{"State", RuleRecordShape}, {"State", RuleHistoryValid}}},
		{"state ahead of history", StateCompleted, func(a *Audit) { a.State = StateClosed }, []coreWant{{"State", RuleHistoryValid}}},
		{"history entry removed", StateReported, func(a *Audit) { a.History = append(a.History[:1], a.History[2:]...) },
			[]coreWant{{"History[1]", RuleHistoryValid}}},
		{"history reordered", StateFieldwork, func(a *Audit) { a.History[0], a.History[1] = a.History[1], a.History[0] },
			[]coreWant{{"History[0]", RuleHistoryValid}}},
		{"history before creation", StatePreparation, func(a *Audit) { a.CreatedAt = coreAt(11) }, []coreWant{{"History[0].At", RuleHistoryValid}}},
		{"contact removed", StatePreparation, func(a *Audit) { a.Contact = nil }, []coreWant{{"Contact", RuleInitContact}}},
		{"contact after preparation began", StatePreparation, func(a *Audit) { a.Contact.At = coreAt(11) }, []coreWant{{"Contact.At", RuleInitContact}}},
		{"prepared though not feasible", StatePreparation, func(a *Audit) { a.Feasibility.Information = false },
			[]coreWant{{"Feasibility", RuleInitFeasible}, {"Feasibility.Alternative", RuleInitAlternative}}},
		{"opening removed", StateFieldwork, func(a *Audit) { a.Opening = nil }, []coreWant{{"Opening", RuleOpeningMeeting}}},
		{"opening did not confirm scope", StateFieldwork, func(a *Audit) { a.Opening.ScopeConfirmed = false }, []coreWant{{"Opening.ScopeConfirmed", RuleOpeningMeeting}}},
		{"opening before fieldwork", StatePreparation, func(a *Audit) { om := coreOpening(20); a.Opening = &om }, []coreWant{{"Opening", RuleRecordShape}}},
		{"opened before communication", StateFieldwork, func(a *Audit) { a.Plan.History[1].At = coreAt(30).Add(time.Minute) },
			[]coreWant{{"Plan", RuleOpenAfterPlan}}},
		{"risk without escalation", StateFieldwork, func(a *Audit) { a.Risks[0].EscalatedTo = "" }, []coreWant{{"Risks[0].EscalatedTo", RuleRiskEscalated}}},
		{"risk twice", StateFieldwork, func(a *Audit) { a.Risks = append(a.Risks, a.Risks[0]) }, []coreWant{{"Risks[1].ID", RuleRecordShape}}},
		{"checklist item left pending", StateFindings, func(a *Audit) { require.NoError(t, a.Checklist.Reset(coreRefVuln)) },
			[]coreWant{{"Checklist.Items[3]", RuleFieldworkCovered}}},
		{"result on rejected evidence after fieldwork", StateFindings, func(a *Audit) {
			a.Evidence[0].State = EvidenceRejected
			a.Evidence[0].History[0].Event, a.Evidence[0].History[0].To, a.Evidence[0].History[0].Note = EvidenceReject, EvidenceRejected, "unreadable"
		}, []coreWant{{"Checklist.Items[0].EvidenceRefs[0]", RuleEvidenceVerified}, {"Checklist.Items[4].EvidenceRefs[0]", RuleEvidenceVerified}}},
		{"checklist cites unknown evidence", StateFieldwork, func(a *Audit) { a.Checklist.Items[0].EvidenceRefs = []ismsaudit.EvidenceID{"E-9"} },
			[]coreWant{{"Checklist.Items[0].EvidenceRefs[0]", RuleRecordShape}}},
		{"checklist of another kind", StatePreparation, func(a *Audit) { a.Checklist.Kind = annexa.Stage1 }, []coreWant{{"Checklist.Kind", RuleChecklistPlanned}}},
		{"closing removed", StateClosing, func(a *Audit) { a.Closing = nil }, []coreWant{{"Closing", RuleClosingMeeting}}},
		{"closing without attendees", StateClosed, func(a *Audit) { a.Closing.Attendees = nil }, []coreWant{{"Closing.Attendees", RuleClosingMeeting}}},
		{"closing on draft conclusions", StateClosing, func(a *Audit) { a.Conclusion.State = ConclusionDraft },
			[]coreWant{{"Conclusion.State", RuleClosingAfterConclusions}}},
		{"dispute before the closing meeting unrecorded", StateClosing, func(a *Audit) {
			f := &a.Findings[0]
			f.History = append(f.History, FindingEntry{From: FindingConfirmed, Event: FindingPresent, To: FindingPresented, At: coreAt(70), By: "lead"},
				FindingEntry{From: FindingPresented, Event: FindingDispute, To: FindingDisputed, At: coreAt(71), By: "lead"})
			f.State = FindingDisputed
		}, []coreWant{{"Closing.DivergingOpinions", RuleClosingMeeting}}},
		{"report removed", StateReported, func(a *Audit) { a.Report = nil }, []coreWant{{"Report", RuleReportAfterClosing}}},
		{"report before closing", StateReported, func(a *Audit) { a.Report.IssuedAt = coreAt(79) }, []coreWant{{"Report.IssuedAt", RuleReportAfterClosing}}},
		{"report version zero", StateReported, func(a *Audit) { a.Report.Version = 0 }, []coreWant{{"Report.Version", RuleRecordShape}}},
		{"distribution removed", StateCompleted, func(a *Audit) { a.Report.Distribution = nil },
			[]coreWant{{"Report.Distribution", RuleReportDistributed}, {"Report.Distribution", RuleCompleteAfterDistribution}}},
		{"recipient without clearance", StateDistributed, func(a *Audit) { a.Report.Distribution[1].Recipient.Clearance = "" },
			[]coreWant{{"Report.Distribution[1].Recipient.Clearance", RuleReportDistributed}}},
		{"distribution of a future version", StateDistributed, func(a *Audit) { a.Report.Distribution[0].Version = 2 },
			[]coreWant{{"Report.Distribution[0].Version", RuleRecordShape}}},
		{"distribution out of order", StateDistributed, func(a *Audit) { a.Report.Distribution[1].At = coreAt(95) },
			[]coreWant{{"Report.Distribution[1].At", RuleRecordShape}}},
		{"completion removed", StateCompleted, func(a *Audit) { a.Completion = nil }, []coreWant{{"Completion", RuleCompleteRecords}}},
		{"completion without records", StateClosed, func(a *Audit) { a.Completion.Records = "" }, []coreWant{{"Completion.Records", RuleCompleteRecords}}},
		{"closed with a follow-up open", StateClosed, func(a *Audit) { a.FollowUps[0].State = FollowUpImplemented },
			[]coreWant{{"Findings[0]", RuleCloseFollowUps}}},
		{"termination removed", StateTerminated, func(a *Audit) { a.Termination = nil }, []coreWant{{"Termination", RuleTerminateReason}}},
		{"termination without reason", StateTerminated, func(a *Audit) { a.Termination.Reason = "" }, []coreWant{{"Termination.Reason", RuleTerminateReason}}},
		{"termination of a running audit", StateFieldwork, func(a *Audit) { a.Termination = &Termination{Reason: "x", At: coreAt(40), By: "lead"} },
			[]coreWant{{"Termination", RuleRecordShape}}},
		{"two team leaders", StatePreparation, func(a *Audit) { a.Team[1].Role = competence.RoleTeamLeader }, []coreWant{{"Team", RuleTeamLeader}}},
		{"team member without role", StatePreparation, func(a *Audit) { a.Team[2].Role = "" }, []coreWant{{"Team[2].Role", RuleRecordShape}}},
		{"team gone", StateFieldwork, func(a *Audit) { a.Team = nil }, []coreWant{{"Team", RuleTeamLeader}}},
		{"plan changed after approval", StateFieldwork, func(a *Audit) { a.Plan.Content.Locations = []string{"elsewhere"} },
			[]coreWant{{"Plan.Content", RulePlanReapproved}}},
		{"plan version lost", StateFieldwork, func(a *Audit) { a.Plan.Versions = nil }, []coreWant{{"Plan.Versions", RulePlanReapproved}}},
		{"plan version misnumbered", StateFieldwork, func(a *Audit) { a.Plan.Versions[0].Version = 3 }, []coreWant{{"Plan.Versions[0].Version", RulePlanReapproved}}},
		{"plan version misdated", StateFieldwork, func(a *Audit) { a.Plan.Versions[0].ApprovedAt = coreAt(5) }, []coreWant{{"Plan.Versions[0]", RulePlanReapproved}}},
		{"approved version incomplete", StateFieldwork, func(a *Audit) {
			a.Plan.Versions[0].Content.Methods, a.Plan.Content.Methods = nil, nil
		}, []coreWant{{"Plan.Versions[0].Content.Methods", RulePlanComplete}}},
		{"plan state unknown", StatePreparation, func(a *Audit) { a.Plan.State = "filed" },
			[]coreWant{{"Plan.State", RuleRecordShape}, {"Plan.State", RuleHistoryValid}}},
		{"plan history broken", StatePreparation, func(a *Audit) { a.Plan.History[1].Event = PlanRevise },
			[]coreWant{{"Plan.History[1]", RuleHistoryValid}}},
		{"expert assigned a criterion", StateFieldwork, func(a *Audit) {
			a.Plan.Content.Assignments[3].Auditor = "tex"
			a.Plan.Versions[0].Content.Assignments[3].Auditor = "tex"
		}, []coreWant{{"Plan.Content.Assignments[3].Auditor", RulePlanAssigned}}},
		{"plan changed after fieldwork", StateFindings, func(a *Audit) {
			a.Plan.History = append(a.Plan.History, PlanEntry{From: PlanCommunicated, Event: PlanRevise, To: PlanDraft, At: coreAt(65), By: "lead"})
			a.Plan.State = PlanDraft
		}, []coreWant{{"Plan.History[2]", RulePlanWhen}}},
		{"fieldwork ended on a revised plan", StateFindings, func(a *Audit) {
			a.Plan.History = append(a.Plan.History, PlanEntry{From: PlanCommunicated, Event: PlanRevise, To: PlanDraft, At: coreAt(50), By: "lead"})
			a.Plan.State = PlanDraft
		}, []coreWant{{"Plan", RulePlanCommunicated}}},
		{"plan approved in initiation", StateInitiation, func(a *Audit) {
			a.Plan = &Plan{State: PlanApproved, Content: corePlanContent(), Versions: []PlanVersion{{Version: 1, ApprovedAt: coreAt(4), ApprovedBy: "lead", Content: corePlanContent()}},
				History: []PlanEntry{{From: PlanDraft, Event: PlanApprove, To: PlanApproved, At: coreAt(4), By: "lead"}}}
		}, []coreWant{{"Plan.History[0]", RulePlanWhen}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := coreAuditIn(t, tt.state)
			require.NoError(t, Verify(a, nil), "the fixture conforms before tampering")
			tt.tamper(a)
			before := coreCopy(a)
			err := Verify(a, nil)
			coreUnchanged(t, before, a) // Verify only reads
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			for _, w := range tt.want {
				assert.True(t, ve.Has(w.path, w.rule), "want %s at %q in %v", w.rule, w.path, ve.Fields)
			}
			for _, f := range ve.Fields {
				_, ok := LookupRule(f.Rule)
				assert.True(t, ok, "%s cites a rule of the catalogue", f)
			}
		})
	}
}

// TestCoreVerifyEveryViolation checks that Verify reports every
// violation at once.
func TestCoreVerifyEveryViolation(t *testing.T) {
	a := coreAuditIn(t, StateClosed)
	a.Contact, a.Opening, a.Closing, a.Completion = nil, nil, nil, nil
	err := Verify(a, nil)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, w := range []coreWant{{"Contact", RuleInitContact}, {"Opening", RuleOpeningMeeting}, {"Closing", RuleClosingMeeting}, {"Completion", RuleCompleteRecords}} {
		assert.True(t, ve.Has(w.path, w.rule), "want %s at %q", w.rule, w.path)
	}
	// Nothing else of the core record is wrong: the violations of this
	// area's rules are exactly those four. (The evidence and findings
	// checks may have more to say about a record without meetings.)
	area := []ismsaudit.RuleID{RuleInitContact, RuleInitFeasible, RuleInitAlternative, RuleOpenAfterPlan, RuleOpeningMeeting, RuleRiskEscalated,
		RuleFieldworkCovered, RuleClosingAfterConclusions, RuleClosingMeeting, RuleReportAfterClosing, RuleReportDistributed,
		RuleCompleteAfterDistribution, RuleCompleteRecords, RuleFollowUpStart, RuleTerminateReason, RuleHistoryValid, RuleRecordShape,
		RulePlanComplete, RulePlanAssigned, RulePlanCompetent, RulePlanIndependent, RuleTeamLeader, RulePlanReapproved, RulePlanCommunicated,
		RulePlanWhen, RuleChecklistPlanned, RuleChecklistFieldwork, RuleSamplingRecorded, RuleSamplingReproducible}
	var core []string
	for _, f := range ve.Fields {
		if slices.Contains(area, f.Rule) {
			core = append(core, f.Path)
		}
	}
	assert.Equal(t, []string{"Contact", "Opening", "Closing", "Completion"}, core)
}

// TestCoreVerifyNil checks that Verify refuses no record without
// panicking.
func TestCoreVerifyNil(t *testing.T) {
	err := Verify(nil, nil)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("", RuleRecordShape))
	require.Error(t, Verify(&Audit{}, &VerifyOptions{}))
}

// TestCoreVerifyResultsAwaitVerification checks that during fieldwork a
// checklist result may rest on an item still awaiting verification: only
// the end of fieldwork requires it verified (AUD-EVIDENCE-VERIFIED).
func TestCoreVerifyResultsAwaitVerification(t *testing.T) {
	a := coreAuditIn(t, StateFieldwork)
	e := coreEvidence("E-2", 35, coreRefAccess)
	e.State, e.History = "", nil
	require.NoError(t, a.CollectEvidence(e, coreM(35)))
	require.NoError(t, a.RecordResult(coreRefAccess, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-2"}}, coreM(36)))
	require.NoError(t, Verify(a, nil))

	err := a.EndFieldwork(coreM(60))
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, RuleEvidenceVerified, te.Rule)
	coreRequireInvalid(t, err, coreWant{"Checklist.Items[2].EvidenceRefs[0]", RuleEvidenceVerified})

	require.NoError(t, a.VerifyEvidence("E-2", coreM(37)))
	require.NoError(t, a.EndFieldwork(coreM(60)))
	require.NoError(t, Verify(a, nil))
}
