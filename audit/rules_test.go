package audit

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
)

// ruleCited reports whether err carries rule: a *ismsaudit.TransitionError refused
// by it, or a *ismsaudit.ValidationError with a problem under it (also one a
// refusal wraps).
func ruleCited(err error, rule ismsaudit.RuleID) bool {
	var te *ismsaudit.TransitionError
	if errors.As(err, &te) && te.Rule == rule {
		return true
	}
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			if f.Rule == rule {
				return true
			}
		}
	}
	return false
}

// ruleFieldwork is the core fixture in fieldwork with a second, collected
// evidence item E-2 that is not verified.
func ruleFieldwork(t *testing.T) *Audit {
	a := coreAuditIn(t, StateFieldwork)
	e := coreEvidence("E-2", 35, coreRefAccess)
	e.State, e.History = "", nil
	require.NoError(t, a.CollectEvidence(e, coreM(35)))
	return a
}

// ruleFollowUp is the core fixture in follow-up whose nonconformity's
// corrective action is planned, accepted and implemented.
func ruleFollowUp(t *testing.T) *Audit {
	a := coreAuditIn(t, StateFollowUp)
	require.NoError(t, a.AcceptCorrectiveAction("F-1", coreM(121)))
	require.NoError(t, a.MarkImplemented("F-1", coreM(122)))
	return a
}

// ruleCases holds, for every rule of the catalogue, an operation its
// guard refuses or a record Verify reports under it. Each returns the
// error to look for the rule in.
var ruleCases = map[ismsaudit.RuleID]func(t *testing.T) error{
	// The audit lifecycle.
	RuleInitContact: func(t *testing.T) error {
		a := coreNew(t)
		require.NoError(t, a.DecideFeasibility(Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: coreAt(1), DecidedBy: "lead"}, coreM(1)))
		return a.Prepare(coreM(2))
	},
	RuleInitFeasible: func(t *testing.T) error {
		a := coreAuditIn(t, StateInitiation)
		require.NoError(t, a.DecideFeasibility(Feasibility{Information: true, DecidedAt: coreAt(4), DecidedBy: "lead", Alternative: "a document review instead"}, coreM(4)))
		return a.Prepare(coreM(5))
	},
	RuleInitAlternative: func(t *testing.T) error {
		return coreAuditIn(t, StateInitiation).DecideFeasibility(Feasibility{Information: true, DecidedAt: coreAt(4), DecidedBy: "lead"}, coreM(4))
	},
	RuleOpenAfterPlan: func(t *testing.T) error {
		a := coreAuditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(coreM(10)))
		require.NoError(t, a.DraftPlan(corePlanContent(), coreM(11)))
		require.NoError(t, a.ApprovePlan(coreM(12), nil))
		return a.HoldOpeningMeeting(coreOpening(30), coreM(30))
	},
	RuleOpeningMeeting: func(t *testing.T) error {
		om := coreOpening(30)
		om.ScopeConfirmed = false
		return coreAuditIn(t, StatePreparation).HoldOpeningMeeting(om, coreM(30))
	},
	RuleRiskEscalated: func(t *testing.T) error {
		return coreAuditIn(t, StateFieldwork).EscalateRisk(EscalatedRisk{ID: "R-2", Description: "backups untested", FoundAt: coreAt(40), FoundBy: "ana", EscalatedAt: coreAt(40)}, coreM(40))
	},
	RuleFieldworkCovered: func(t *testing.T) error {
		a := coreAuditIn(t, StateFieldwork)
		a.Checklist.Items[0].Result, a.Checklist.Items[0].EvidenceRefs = annexa.NotAssessed, nil
		return a.EndFieldwork(coreM(60))
	},
	RuleClosingAfterConclusions: func(t *testing.T) error {
		a := coreAuditIn(t, StateFindings)
		a.Conclusion.State, a.Conclusion.History = ConclusionDraft, []ConclusionEntry{}
		return a.HoldClosingMeeting(coreClosing(80), coreM(80))
	},
	RuleClosingMeeting: func(t *testing.T) error {
		cm := coreClosing(80)
		cm.FindingsPresented = false
		return coreAuditIn(t, StateFindings).HoldClosingMeeting(cm, coreM(80))
	},
	RuleReportAfterClosing: func(t *testing.T) error {
		a := coreAuditIn(t, StateClosing)
		a.Closing = nil
		return a.IssueReport(coreM(90))
	},
	RuleReportDistributed: func(t *testing.T) error {
		return coreAuditIn(t, StateReported).Distribute([]Recipient{{Name: "Board"}}, coreM(100))
	},
	RuleCompleteAfterDistribution: func(t *testing.T) error {
		a := coreAuditIn(t, StateDistributed)
		a.Report.Distribution = nil
		return a.Complete(coreCompletion(), coreM(110))
	},
	RuleCompleteRecords: func(t *testing.T) error {
		return coreAuditIn(t, StateDistributed).Complete(Completion{}, coreM(110))
	},
	RuleFollowUpStart: func(t *testing.T) error {
		a := coreAuditIn(t, StateCompleted)
		coreCloseFollowUps(a, 115)
		return a.StartFollowUp(coreM(120))
	},
	RuleTerminateReason: func(t *testing.T) error {
		return coreAuditIn(t, StateFieldwork).Terminate(" ", coreM(40))
	},
	RuleHistoryValid: func(t *testing.T) error {
		a := coreAuditIn(t, StateFieldwork)
		a.History[0].From = StateFieldwork
		return Verify(a, nil)
	},
	RuleRecordShape: func(t *testing.T) error {
		a := coreAuditIn(t, StateFieldwork)
		a.Client = ""
		return Verify(a, nil)
	},

	// Evidence, sampling and the seal.
	RuleEvidenceAppendOnly: func(t *testing.T) error {
		a := coreAuditIn(t, StateFieldwork)
		a.Evidence[0].Supersedes = "E-0" // points at an item no longer in the log
		return Verify(a, nil)
	},
	RuleEvidenceVerified: func(t *testing.T) error {
		a := ruleFieldwork(t)
		require.NoError(t, a.RecordResult(coreRefAccess, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-2"}}, coreM(36)))
		return a.EndFieldwork(coreM(60))
	},
	RuleEvidenceSampling: func(t *testing.T) error {
		e := coreEvidence("E-3", 35, coreRefAccess)
		e.State, e.History = "", nil
		e.Sampling = &SampleRecord{Population: "leavers", PopulationSize: 40, Method: Judgemental}
		return coreAuditIn(t, StateFieldwork).CollectEvidence(e, coreM(35))
	},
	RuleEvidenceRejectReason: func(t *testing.T) error {
		return ruleFieldwork(t).RejectEvidence("E-2", coreM(36))
	},
	RuleEvidenceCriteria: func(t *testing.T) error {
		e := coreEvidence("E-3", 35, annexa.RefToControl("7.4"))
		e.State, e.History = "", nil
		return coreAuditIn(t, StateFieldwork).CollectEvidence(e, coreM(35))
	},
	RuleEvidenceDuringAudit: func(t *testing.T) error {
		e := coreEvidence("E-3", 15, coreRefAccess)
		e.State, e.History = "", nil
		return coreAuditIn(t, StatePreparation).CollectEvidence(e, coreM(15))
	},
	RuleSamplingBeforeFindings: func(t *testing.T) error {
		return coreAuditIn(t, StateFindings).AddSamplingPlan(evStatPlan("S-9"), coreM(62))
	},
	RuleSamplingFixed: func(t *testing.T) error {
		a := coreAuditIn(t, StateFieldwork)
		require.NoError(t, a.AddSamplingPlan(evStatPlan("S-9"), coreM(35)))
		require.NoError(t, a.DrawSample("S-9", coreM(35)))
		return a.DrawSample("S-9", coreM(36))
	},
	RuleSealIntact: func(t *testing.T) error {
		a := coreAuditIn(t, StateFieldwork)
		require.NoError(t, a.SealRecord(coreM(40)))
		a.Evidence[0].Description = "rewritten"
		return Verify(a, nil)
	},

	// Findings and conclusions.
	RuleFindingCriterion: func(t *testing.T) error {
		f := coreNonconformity("F-2", 36, "E-1")
		f.Criteria, f.State, f.History = nil, "", nil
		return coreAuditIn(t, StateFieldwork).AddFinding(f, coreM(36))
	},
	RuleNCEvidence: func(t *testing.T) error {
		a := ruleFieldwork(t)
		f := coreNonconformity("F-2", 36, "E-2")
		f.State, f.History = "", nil
		require.NoError(t, a.AddFinding(f, coreM(36)))
		return a.ConfirmFinding("F-2", coreM(37))
	},
	RuleNCStatement: func(t *testing.T) error {
		a := coreAuditIn(t, StateFieldwork)
		f := coreNonconformity("F-2", 36, "E-1")
		f.Reason, f.State, f.History = "", "", nil
		require.NoError(t, a.AddFinding(f, coreM(36)))
		return a.ConfirmFinding("F-2", coreM(37))
	},
	RuleNCGrade: func(t *testing.T) error {
		f := coreNonconformity("F-2", 36, "E-1")
		f.Grade, f.State, f.History = "", "", nil
		return coreAuditIn(t, StateFieldwork).AddFinding(f, coreM(36))
	},
	RuleFindingConfirmed: func(t *testing.T) error {
		a := coreAuditIn(t, StateFieldwork)
		f := coreNonconformity("F-2", 36, "E-1")
		f.State, f.History = "", nil
		require.NoError(t, a.AddFinding(f, coreM(36)))
		return a.ConfirmFinding("F-2", ismsaudit.Meta{At: coreAt(37), By: "tex"}) // a technical expert
	},
	RuleDisputeRecorded: func(t *testing.T) error {
		return coreAuditIn(t, StateClosing).DisputeFinding("F-1", "", coreM(81))
	},
	RuleConclusionComplete: func(t *testing.T) error {
		a := coreAuditIn(t, StateFindings)
		a.Conclusion = nil
		require.NoError(t, a.DraftConclusion(Conclusion{Fulfilment: LargelyFulfilled}, coreM(62)))
		return a.AgreeConclusion(coreM(63))
	},
	RuleConclusionAfterFindings: func(t *testing.T) error {
		a := coreAuditIn(t, StateFindings)
		c := *coreConclusion(61)
		c.State, c.History = "", nil
		a.Conclusion = nil
		require.NoError(t, a.DraftConclusion(c, coreM(61)))
		f := coreNonconformity("F-2", 61, "E-1")
		f.State, f.History = FindingDraft, []FindingEntry{}
		a.Findings = append(a.Findings, f)
		return a.AgreeConclusion(coreM(62))
	},
	RuleRecommendationDerived: func(t *testing.T) error {
		a := coreAuditIn(t, StateFindings)
		a.Conclusion = nil
		return a.DraftConclusion(Conclusion{Recommendation: Recommend}, coreM(62)) // an internal audit
	},
	RuleMajorOverdueBlocks: func(t *testing.T) error {
		return Verify(fdRecord(t, StateDistributed), &VerifyOptions{At: fdDueAt.Add(time.Hour)})
	},
	RuleFindingPhase: func(t *testing.T) error {
		f := coreNonconformity("F-2", 81, "E-1")
		f.State, f.History = "", nil
		return coreAuditIn(t, StateClosing).AddFinding(f, coreM(81))
	},
	RuleFindingWithdrawn: func(t *testing.T) error {
		return coreAuditIn(t, StateFieldwork).WithdrawFinding("F-1", coreM(40))
	},
	RuleFindingResponse: func(t *testing.T) error {
		return coreAuditIn(t, StateFindings).AcknowledgeFinding("F-1", coreM(62))
	},
	RuleDisputeBeforeReport: func(t *testing.T) error {
		a := coreAuditIn(t, StateClosing)
		require.NoError(t, a.DisputeFinding("F-1", "the review was done on paper", coreM(82)))
		require.NoError(t, a.IssueReport(coreM(90)))
		return a.ResolveDispute("F-1", "the paper review is accepted", coreM(91))
	},
	RuleConclusionPhase: func(t *testing.T) error {
		return coreAuditIn(t, StateFieldwork).DraftConclusion(Conclusion{Fulfilment: LargelyFulfilled}, coreM(40))
	},

	// Follow-up and follow-up audits.
	RuleFollowUpPlan: func(t *testing.T) error {
		a := coreAuditIn(t, StateClosing)
		a.FollowUps = nil
		require.NoError(t, a.PlanCorrectiveAction("F-1", CorrectiveActionPlan{Correction: "review done"}, coreM(82)))
		return a.AcceptCorrectiveAction("F-1", coreM(83))
	},
	RuleFollowUpVerified: func(t *testing.T) error {
		return ruleFollowUp(t).VerifyCorrectiveAction("F-1", true, nil, coreM(123))
	},
	RuleCloseFollowUps: func(t *testing.T) error {
		return coreAuditIn(t, StateFollowUp).Close(coreM(200))
	},
	RuleFollowUpOnePerNC: func(t *testing.T) error {
		a := coreAuditIn(t, StateFollowUp)
		a.FollowUps = append(a.FollowUps, a.FollowUps[0])
		return Verify(a, nil)
	},
	RuleFollowUpPhase: func(t *testing.T) error {
		return coreAuditIn(t, StateFindings).PlanCorrectiveAction("F-1", CorrectiveActionPlan{Correction: "review done"}, coreM(62))
	},
	RuleFollowUpReplan: func(t *testing.T) error {
		return ruleFollowUp(t).PlanCorrectiveAction("F-1", CorrectiveActionPlan{Action: "another action"}, coreM(123))
	},
	RuleFollowUpIneffective: func(t *testing.T) error {
		return ruleFollowUp(t).VerifyCorrectiveAction("F-1", false, nil, coreM(123))
	},
	RuleBaselinePresented: func(t *testing.T) error {
		_, err := FromBaseline(coreAuditIn(t, StateFieldwork), NewOptions{ID: "A-2027-01", Kind: annexa.Internal, Client: "Acme board"}, coreM(300))
		return err
	},

	// The plan, the team and the work documents.
	RulePlanComplete: func(t *testing.T) error {
		a := coreAuditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(coreM(10)))
		require.NoError(t, a.DraftPlan(PlanContent{Objectives: []string{"conformity"}}, coreM(11)))
		return a.ApprovePlan(coreM(12), nil)
	},
	RulePlanAssigned: func(t *testing.T) error {
		a := coreAuditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(coreM(10)))
		c := corePlanContent()
		c.Assignments = c.Assignments[1:]
		require.NoError(t, a.DraftPlan(c, coreM(11)))
		return a.ApprovePlan(coreM(12), nil)
	},
	RulePlanCompetent: func(t *testing.T) error {
		pool := corePool(t, func(r map[string]*competence.Auditor) { r["ana"].Evaluations = nil })
		a := coreAuditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(coreM(10)))
		require.NoError(t, a.DraftPlan(corePlanContent(), coreM(11)))
		return a.ApprovePlan(coreM(12), &PlanCheck{Pool: pool, AuditorSet: "auditor", LeaderSet: "leader"})
	},
	RulePlanIndependent: func(t *testing.T) error {
		pool := corePool(t, func(r map[string]*competence.Auditor) {
			r["ana"].Involvements = []competence.Involvement{{Kind: competence.Implemented, Auditee: "Acme", Controls: []string{"A.8.8"}, From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}
		})
		a := coreAuditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(coreM(10)))
		require.NoError(t, a.DraftPlan(corePlanContent(), coreM(11)))
		return a.ApprovePlan(coreM(12), &PlanCheck{Pool: pool, AuditorSet: "auditor", LeaderSet: "leader"})
	},
	RuleTeamLeader: func(t *testing.T) error {
		team := coreTeam()
		team[0].Role = competence.RoleAuditor
		return coreNew(t).SetTeam(team, coreM(3))
	},
	RulePlanReapproved: func(t *testing.T) error {
		return coreAuditIn(t, StatePreparation).DraftPlan(corePlanContent(), coreM(20))
	},
	RulePlanCommunicated: func(t *testing.T) error {
		a := coreAuditIn(t, StateFieldwork)
		require.NoError(t, a.RevisePlan(coreM(40)))
		return a.EndFieldwork(coreM(60))
	},
	RulePlanWhen: func(t *testing.T) error {
		return coreAuditIn(t, StateFindings).RevisePlan(coreM(62))
	},
	RuleChecklistPlanned: func(t *testing.T) error {
		return coreAuditIn(t, StateFieldwork).AttachChecklist(coreChecklist(), coreM(40))
	},
	RuleChecklistFieldwork: func(t *testing.T) error {
		return coreAuditIn(t, StatePreparation).RecordResult(coreRefAccess, annexa.Assessment{Result: annexa.Conforms}, coreM(20))
	},
	RuleSamplingRecorded: func(t *testing.T) error {
		p := evStatPlan("S-9")
		p.Rationale = ""
		return coreAuditIn(t, StateFieldwork).AddSamplingPlan(p, coreM(35))
	},
	RuleSamplingReproducible: func(t *testing.T) error {
		a := coreAuditIn(t, StateFieldwork)
		require.NoError(t, a.AddSamplingPlan(evStatPlan("S-9"), coreM(35)))
		return a.RecordSelection("S-9", []string{"leaver-01", "leaver-02", "leaver-03", "leaver-04", "leaver-05"}, coreM(36))
	},
}

// TestEveryRuleIsEnforced proves, for each rule of the catalogue, that a
// guard refuses an operation under it or that Verify reports a record
// under it: no rule is listed without being enforced.
func TestEveryRuleIsEnforced(t *testing.T) {
	var ids []ismsaudit.RuleID
	for r := range Rules() {
		ids = append(ids, r.ID)
		t.Run(string(r.ID), func(t *testing.T) {
			run, ok := ruleCases[r.ID]
			require.True(t, ok, "no case enforces %s", r.ID)
			err := run(t)
			require.Error(t, err)
			assert.True(t, ruleCited(err, r.ID), "%s not cited: %v", r.ID, err)
		})
	}
	for id := range ruleCases {
		assert.True(t, slices.Contains(ids, id), "%s is not in the catalogue", id)
	}
}
