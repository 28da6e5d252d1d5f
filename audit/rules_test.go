package audit

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRulesCatalogue checks that some rules of the audit lifecycle, the
// plan and the checklist are in the catalogue with text and principle.
func TestRulesCatalogue(t *testing.T) {
	for _, id := range []ismsaudit.RuleID{RuleCompleteRecords, RuleFollowUpStart, RulePlanWhen, RuleChecklistPlanned, RuleChecklistFieldwork} {
		r, ok := LookupRule(id)
		require.True(t, ok, id)
		assert.NotEmpty(t, r.Text)
		assert.True(t, r.Principle.IsValid())
	}
}

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

// ruleFieldwork is the fixture audit (auditIn) in fieldwork with a second, collected
// evidence item E-2 that is not verified.
func ruleFieldwork(t *testing.T) *Audit {
	a := auditIn(t, StateFieldwork)
	e := verifiedEvidence("E-2", 35, refAccess)
	e.State, e.History = "", nil
	require.NoError(t, a.CollectEvidence(e, byLead(35)))
	return a
}

// ruleFollowUp is the fixture audit (auditIn) in follow-up whose nonconformity's
// corrective action is planned, accepted and implemented.
func ruleFollowUp(t *testing.T) *Audit {
	a := auditIn(t, StateFollowUp)
	require.NoError(t, a.AcceptCorrectiveAction("F-1", byLead(121)))
	require.NoError(t, a.MarkImplemented("F-1", byLead(122)))
	return a
}

// ruleCases holds, for every rule of the catalogue, an operation its
// guard refuses or a record Verify reports under it. Each returns the
// error to look for the rule in.
var ruleCases = map[ismsaudit.RuleID]func(t *testing.T) error{
	// The order of each lifecycle and the record of every operation.
	RuleAuditOrder: func(t *testing.T) error { return auditIn(t, StateInitiation).IssueReport(byLead(4)) },
	RuleRecordWhoWhen: func(t *testing.T) error {
		return auditIn(t, StatePreparation).HoldOpeningMeeting(openingMeetingAt(30), ismsaudit.Meta{At: hour(30)})
	},
	RulePlanOrder:     func(t *testing.T) error { return auditIn(t, StatePreparation).CommunicatePlan(byLead(20)) },
	RuleEvidenceOrder: func(t *testing.T) error { return auditIn(t, StateFieldwork).VerifyEvidence("E-1", byLead(40)) },
	RuleFindingOrder:  func(t *testing.T) error { return auditIn(t, StateFieldwork).ConfirmFinding("F-1", byLead(40)) },
	RuleConclusionOrder: func(t *testing.T) error {
		return auditIn(t, StateFindings).AgreeConclusion(byLead(70))
	},
	RuleFollowUpOrder: func(t *testing.T) error { return auditIn(t, StateClosing).MarkImplemented("F-1", byLead(85)) },

	// The audit lifecycle.
	RuleInitContact: func(t *testing.T) error {
		a := newFixture(t)
		require.NoError(t, a.DecideFeasibility(Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: hour(1), DecidedBy: "lead"}, byLead(1)))
		return a.Prepare(byLead(2))
	},
	RuleInitFeasible: func(t *testing.T) error {
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.DecideFeasibility(Feasibility{Information: true, DecidedAt: hour(4), DecidedBy: "lead", Alternative: "a document review instead"}, byLead(4)))
		return a.Prepare(byLead(5))
	},
	RuleInitAlternative: func(t *testing.T) error {
		return auditIn(t, StateInitiation).DecideFeasibility(Feasibility{Information: true, DecidedAt: hour(4), DecidedBy: "lead"}, byLead(4))
	},
	RuleOpenAfterPlan: func(t *testing.T) error {
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(byLead(10)))
		require.NoError(t, a.DraftPlan(fixturePlan(), byLead(11)))
		require.NoError(t, a.ApprovePlan(byLead(12), nil))
		return a.HoldOpeningMeeting(openingMeetingAt(30), byLead(30))
	},
	RuleOpeningMeeting: func(t *testing.T) error {
		om := openingMeetingAt(30)
		om.ScopeConfirmed = false
		return auditIn(t, StatePreparation).HoldOpeningMeeting(om, byLead(30))
	},
	RuleRiskEscalated: func(t *testing.T) error {
		return auditIn(t, StateFieldwork).EscalateRisk(EscalatedRisk{ID: "R-2", Description: "backups untested", FoundAt: hour(40), FoundBy: "ana", EscalatedAt: hour(40)}, byLead(40))
	},
	RuleFieldworkCovered: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		a.Checklist.Items[0].Result, a.Checklist.Items[0].EvidenceRefs = annexa.NotAssessed, nil
		return a.EndFieldwork(byLead(60))
	},
	RuleClosingAfterConclusions: func(t *testing.T) error {
		a := auditIn(t, StateFindings)
		a.Conclusion.State, a.Conclusion.History = ConclusionDraft, []ConclusionEntry{}
		return a.HoldClosingMeeting(closingMeetingAt(80), byLead(80))
	},
	RuleClosingMeeting: func(t *testing.T) error {
		cm := closingMeetingAt(80)
		cm.FindingsPresented = false
		return auditIn(t, StateFindings).HoldClosingMeeting(cm, byLead(80))
	},
	RuleReportAfterClosing: func(t *testing.T) error {
		a := auditIn(t, StateClosing)
		a.Closing = nil
		return a.IssueReport(byLead(90))
	},
	RuleReportDistributed: func(t *testing.T) error {
		return auditIn(t, StateReported).Distribute([]Recipient{{Name: "Board"}}, byLead(100))
	},
	RuleCompleteAfterDistribution: func(t *testing.T) error {
		a := auditIn(t, StateDistributed)
		a.Report.Distribution = nil
		return a.Complete(fixtureCompletion(), byLead(110))
	},
	RuleCompleteRecords: func(t *testing.T) error {
		return auditIn(t, StateDistributed).Complete(Completion{}, byLead(110))
	},
	RuleFollowUpStart: func(t *testing.T) error {
		a := auditIn(t, StateCompleted)
		closeFollowUps(a, 115)
		return a.StartFollowUp(byLead(120))
	},
	RuleTerminateReason: func(t *testing.T) error {
		return auditIn(t, StateFieldwork).Terminate(" ", byLead(40))
	},
	RuleHistoryValid: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		a.History[0].From = StateFieldwork
		return Verify(a, nil)
	},
	RuleRecordShape: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		a.Client = ""
		return Verify(a, nil)
	},

	// Evidence, sampling and the seal.
	RuleEvidenceAppendOnly: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		a.Evidence[0].Supersedes = "E-0" // points at an item no longer in the log
		return Verify(a, nil)
	},
	RuleEvidenceVerified: func(t *testing.T) error {
		a := ruleFieldwork(t)
		require.NoError(t, a.RecordResult(refAccess, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-2"}}, byLead(36)))
		return a.EndFieldwork(byLead(60))
	},
	RuleEvidenceSampling: func(t *testing.T) error {
		e := verifiedEvidence("E-3", 35, refAccess)
		e.State, e.History = "", nil
		e.Sampling = &SampleRecord{Population: "leavers", PopulationSize: 40, Method: Judgemental}
		return auditIn(t, StateFieldwork).CollectEvidence(e, byLead(35))
	},
	RuleEvidenceRejectReason: func(t *testing.T) error {
		return ruleFieldwork(t).RejectEvidence("E-2", " ", byLead(36))
	},
	RuleEvidenceCriteria: func(t *testing.T) error {
		e := verifiedEvidence("E-3", 35, annexa.RefToControl("7.4"))
		e.State, e.History = "", nil
		return auditIn(t, StateFieldwork).CollectEvidence(e, byLead(35))
	},
	RuleEvidenceDuringAudit: func(t *testing.T) error {
		e := verifiedEvidence("E-3", 15, refAccess)
		e.State, e.History = "", nil
		return auditIn(t, StatePreparation).CollectEvidence(e, byLead(15))
	},
	RuleSamplingBeforeFindings: func(t *testing.T) error {
		return auditIn(t, StateFindings).AddSamplingPlan(statisticalPlan("S-9"), byLead(62))
	},
	RuleSamplingFixed: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		require.NoError(t, a.AddSamplingPlan(statisticalPlan("S-9"), byLead(35)))
		require.NoError(t, a.DrawSample("S-9", byLead(35)))
		return a.DrawSample("S-9", byLead(36))
	},
	RuleSealIntact: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		require.NoError(t, a.SealRecord(byLead(40)))
		a.Evidence[0].Description = "rewritten"
		return Verify(a, nil)
	},

	// Findings and conclusions.
	RuleFindingCriterion: func(t *testing.T) error {
		f := minorNC("F-2", 36, "E-1")
		f.Criteria, f.State, f.History = nil, "", nil
		return auditIn(t, StateFieldwork).AddFinding(f, byLead(36))
	},
	RuleNCEvidence: func(t *testing.T) error {
		a := ruleFieldwork(t)
		f := minorNC("F-2", 36, "E-2")
		f.State, f.History = "", nil
		require.NoError(t, a.AddFinding(f, byLead(36)))
		return a.ConfirmFinding("F-2", byLead(37))
	},
	RuleNCStatement: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		f := minorNC("F-2", 36, "E-1")
		f.Reason, f.State, f.History = "", "", nil
		require.NoError(t, a.AddFinding(f, byLead(36)))
		return a.ConfirmFinding("F-2", byLead(37))
	},
	RuleNCGrade: func(t *testing.T) error {
		f := minorNC("F-2", 36, "E-1")
		f.Grade, f.State, f.History = "", "", nil
		return auditIn(t, StateFieldwork).AddFinding(f, byLead(36))
	},
	RuleFindingConfirmed: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		f := minorNC("F-2", 36, "E-1")
		f.State, f.History = "", nil
		require.NoError(t, a.AddFinding(f, byLead(36)))
		return a.ConfirmFinding("F-2", ismsaudit.Meta{At: hour(37), By: "tex"}) // a technical expert
	},
	RuleDisputeRecorded: func(t *testing.T) error {
		return auditIn(t, StateClosing).DisputeFinding("F-1", "", byLead(81))
	},
	RuleConclusionComplete: func(t *testing.T) error {
		a := auditIn(t, StateFindings)
		a.Conclusion = nil
		require.NoError(t, a.DraftConclusion(Conclusion{Fulfilment: LargelyFulfilled}, byLead(62)))
		return a.AgreeConclusion(byLead(63))
	},
	RuleConclusionAfterFindings: func(t *testing.T) error {
		a := auditIn(t, StateFindings)
		c := *agreedConclusion(61)
		c.State, c.History = "", nil
		a.Conclusion = nil
		require.NoError(t, a.DraftConclusion(c, byLead(61)))
		f := minorNC("F-2", 61, "E-1")
		f.State, f.History = FindingDraft, []FindingEntry{}
		a.Findings = append(a.Findings, f)
		return a.AgreeConclusion(byLead(62))
	},
	RuleRecommendationDerived: func(t *testing.T) error {
		a := auditIn(t, StateFindings)
		a.Conclusion = nil
		return a.DraftConclusion(Conclusion{Recommendation: Recommend}, byLead(62)) // an internal audit
	},
	RuleMajorOverdueBlocks: func(t *testing.T) error {
		return Verify(recordIn(t, StateDistributed), &VerifyOptions{At: dueAt.Add(time.Hour)})
	},
	RuleFindingPhase: func(t *testing.T) error {
		f := minorNC("F-2", 81, "E-1")
		f.State, f.History = "", nil
		return auditIn(t, StateClosing).AddFinding(f, byLead(81))
	},
	RuleFindingWithdrawn: func(t *testing.T) error {
		return auditIn(t, StateFieldwork).WithdrawFinding("F-1", "", byLead(40))
	},
	RuleFindingResponse: func(t *testing.T) error {
		return auditIn(t, StateFindings).AcknowledgeFinding("F-1", byLead(62))
	},
	RuleDisputeBeforeReport: func(t *testing.T) error {
		a := auditIn(t, StateClosing)
		require.NoError(t, a.DisputeFinding("F-1", "the review was done on paper", byLead(82)))
		require.NoError(t, a.IssueReport(byLead(90)))
		return a.ResolveDispute("F-1", "the paper review is accepted", byLead(91))
	},
	RuleConclusionPhase: func(t *testing.T) error {
		return auditIn(t, StateFieldwork).DraftConclusion(Conclusion{Fulfilment: LargelyFulfilled}, byLead(40))
	},

	// Follow-up and follow-up audits.
	RuleFollowUpPlan: func(t *testing.T) error {
		a := auditIn(t, StateClosing)
		a.FollowUps = nil
		require.NoError(t, a.PlanCorrectiveAction("F-1", CorrectiveActionPlan{Correction: "review done"}, byLead(82)))
		return a.AcceptCorrectiveAction("F-1", byLead(83))
	},
	RuleFollowUpVerified: func(t *testing.T) error {
		return ruleFollowUp(t).VerifyCorrectiveAction("F-1", nil, byLead(123))
	},
	RuleCloseFollowUps: func(t *testing.T) error {
		return auditIn(t, StateFollowUp).Close(byLead(200))
	},
	RuleFollowUpOnePerNC: func(t *testing.T) error {
		a := auditIn(t, StateFollowUp)
		a.FollowUps = append(a.FollowUps, a.FollowUps[0])
		return Verify(a, nil)
	},
	RuleFollowUpPhase: func(t *testing.T) error {
		return auditIn(t, StateFindings).PlanCorrectiveAction("F-1", CorrectiveActionPlan{Correction: "review done"}, byLead(62))
	},
	RuleFollowUpReplan: func(t *testing.T) error {
		return ruleFollowUp(t).PlanCorrectiveAction("F-1", CorrectiveActionPlan{Action: "another action"}, byLead(123))
	},
	RuleFollowUpIneffective: func(t *testing.T) error {
		return ruleFollowUp(t).FindCorrectiveActionIneffective("F-1", "", nil, byLead(123))
	},
	RuleBaselinePresented: func(t *testing.T) error {
		_, err := FromBaseline(auditIn(t, StateFieldwork), NewOptions{ID: "A-2027-01", Kind: annexa.Internal, Client: "Acme board"}, byLead(300))
		return err
	},

	// The plan, the team and the work documents.
	RulePlanComplete: func(t *testing.T) error {
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(byLead(10)))
		require.NoError(t, a.DraftPlan(PlanContent{Objectives: []string{"conformity"}}, byLead(11)))
		return a.ApprovePlan(byLead(12), nil)
	},
	RulePlanAssigned: func(t *testing.T) error {
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(byLead(10)))
		c := fixturePlan()
		c.Assignments = c.Assignments[1:]
		require.NoError(t, a.DraftPlan(c, byLead(11)))
		return a.ApprovePlan(byLead(12), nil)
	},
	RulePlanCompetent: func(t *testing.T) error {
		pool := fixturePool(t, func(r map[string]*competence.Auditor) { r["ana"].Evaluations = nil })
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(byLead(10)))
		require.NoError(t, a.DraftPlan(fixturePlan(), byLead(11)))
		return a.ApprovePlan(byLead(12), &PlanCheck{Pool: pool, AuditorSet: "auditor", LeaderSet: "leader"})
	},
	RulePlanIndependent: func(t *testing.T) error {
		pool := fixturePool(t, func(r map[string]*competence.Auditor) {
			r["ana"].Involvements = []competence.Involvement{{Kind: competence.Implemented, Auditee: "Acme", Controls: []string{"A.8.8"}, From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}
		})
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(byLead(10)))
		require.NoError(t, a.DraftPlan(fixturePlan(), byLead(11)))
		return a.ApprovePlan(byLead(12), &PlanCheck{Pool: pool, AuditorSet: "auditor", LeaderSet: "leader"})
	},
	RuleTeamLeader: func(t *testing.T) error {
		team := fixtureTeam()
		team[0].Role = competence.RoleAuditor
		return newFixture(t).SetTeam(team, byLead(3))
	},
	RulePlanReapproved: func(t *testing.T) error {
		return auditIn(t, StatePreparation).DraftPlan(fixturePlan(), byLead(20))
	},
	RulePlanCommunicated: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		require.NoError(t, a.RevisePlan(byLead(40)))
		return a.EndFieldwork(byLead(60))
	},
	RulePlanWhen: func(t *testing.T) error {
		return auditIn(t, StateFindings).RevisePlan(byLead(62))
	},
	RuleChecklistPlanned: func(t *testing.T) error {
		return auditIn(t, StateFieldwork).AttachChecklist(fixtureChecklist(), byLead(40))
	},
	RuleChecklistFieldwork: func(t *testing.T) error {
		return auditIn(t, StatePreparation).RecordResult(refAccess, annexa.Assessment{Result: annexa.Conforms}, byLead(20))
	},
	RuleSamplingRecorded: func(t *testing.T) error {
		p := statisticalPlan("S-9")
		p.Rationale = ""
		return auditIn(t, StateFieldwork).AddSamplingPlan(p, byLead(35))
	},
	RuleSamplingReproducible: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		require.NoError(t, a.AddSamplingPlan(statisticalPlan("S-9"), byLead(35)))
		return a.RecordSelection("S-9", []string{"leaver-01", "leaver-02", "leaver-03", "leaver-04", "leaver-05"}, byLead(36))
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
