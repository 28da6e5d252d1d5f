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
	e := evidenceIn(t, "E-2", EvidenceVerified, march(3, 20), refAccess)
	e.State, e.History = "", nil
	require.NoError(t, a.CollectEvidence(e, byLead(march(3, 20))))
	return a
}

// ruleFollowUp is the fixture audit (auditIn) in follow-up whose nonconformity's
// corrective action is planned, accepted and implemented.
func ruleFollowUp(t *testing.T) *Audit {
	a := auditIn(t, StateFollowUp)
	require.NoError(t, a.AcceptCorrectiveAction("F-1", byLead(march(7, 10))))
	require.NoError(t, a.MarkImplemented("F-1", byLead(march(7, 11))))
	return a
}

// ruleCases holds, for every rule of the catalogue, an operation its
// guard refuses or a record Verify reports under it. Each returns the
// error to look for the rule in.
var ruleCases = map[ismsaudit.RuleID]func(t *testing.T) error{
	// The order of each lifecycle and the record of every operation.
	RuleAuditOrder: func(t *testing.T) error { return auditIn(t, StateInitiation).IssueReport(byLead(march(2, 13))) },
	RuleRecordWhoWhen: func(t *testing.T) error {
		return auditIn(t, StatePreparation).HoldOpeningMeeting(openingMeetingAt(march(3, 15)), ismsaudit.Meta{At: march(3, 15)})
	},
	RulePlanOrder:     func(t *testing.T) error { return auditIn(t, StatePreparation).CommunicatePlan(byLead(march(3, 5))) },
	RuleEvidenceOrder: func(t *testing.T) error { return auditIn(t, StateFieldwork).VerifyEvidence("E-1", byLead(march(4, 1))) },
	RuleFindingOrder:  func(t *testing.T) error { return auditIn(t, StateFieldwork).ConfirmFinding("F-1", byLead(march(4, 1))) },
	RuleConclusionOrder: func(t *testing.T) error {
		return auditIn(t, StateFindings).AgreeConclusion(byLead(march(5, 7)))
	},
	RuleFollowUpOrder: func(t *testing.T) error { return auditIn(t, StateClosing).MarkImplemented("F-1", byLead(march(5, 22))) },

	// The audit lifecycle.
	RuleInitContact: func(t *testing.T) error {
		a := newFixture(t)
		require.NoError(t, a.DecideFeasibility(Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: march(2, 10), DecidedBy: "lead"}, byLead(march(2, 10))))
		return a.Prepare(byLead(march(2, 11)))
	},
	RuleInitFeasible: func(t *testing.T) error {
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.DecideFeasibility(Feasibility{Information: true, DecidedAt: march(2, 13), DecidedBy: "lead", Alternative: "a document review instead"}, byLead(march(2, 13))))
		return a.Prepare(byLead(march(2, 14)))
	},
	RuleInitAlternative: func(t *testing.T) error {
		return auditIn(t, StateInitiation).DecideFeasibility(Feasibility{Information: true, DecidedAt: march(2, 13), DecidedBy: "lead"}, byLead(march(2, 13)))
	},
	RuleOpenAfterPlan: func(t *testing.T) error {
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(byLead(march(2, 19))))
		require.NoError(t, a.DraftPlan(fixturePlan(), byLead(march(2, 20))))
		require.NoError(t, a.ApprovePlan(PlanCheck{}, byLead(march(2, 21))))
		return a.HoldOpeningMeeting(openingMeetingAt(march(3, 15)), byLead(march(3, 15)))
	},
	RuleOpeningMeeting: func(t *testing.T) error {
		om := openingMeetingAt(march(3, 15))
		om.ScopeConfirmed = false
		return auditIn(t, StatePreparation).HoldOpeningMeeting(om, byLead(march(3, 15)))
	},
	RuleRiskEscalated: func(t *testing.T) error {
		return auditIn(t, StateFieldwork).EscalateRisk(EscalatedRisk{ID: "R-2", Description: "backups untested", FoundAt: march(4, 1), FoundBy: "ana", EscalatedAt: march(4, 1)}, byLead(march(4, 1)))
	},
	RuleFieldworkCovered: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		a.Checklist.Items[0].Result, a.Checklist.Items[0].EvidenceRefs = annexa.NotAssessed, nil
		return a.EndFieldwork(byLead(march(4, 21)))
	},
	RuleClosingAfterConclusions: func(t *testing.T) error {
		a := auditIn(t, StateFindings)
		a.Conclusion.State, a.Conclusion.History = ConclusionDraft, []ConclusionEntry{}
		return a.HoldClosingMeeting(closingMeetingAt(march(5, 17)), byLead(march(5, 17)))
	},
	RuleClosingMeeting: func(t *testing.T) error {
		cm := closingMeetingAt(march(5, 17))
		cm.FindingsPresented = false
		return auditIn(t, StateFindings).HoldClosingMeeting(cm, byLead(march(5, 17)))
	},
	RuleReportAfterClosing: func(t *testing.T) error {
		a := auditIn(t, StateClosing)
		a.Closing = nil
		return a.IssueReport(byLead(march(6, 3)))
	},
	RuleReportDistributed: func(t *testing.T) error {
		return auditIn(t, StateReported).Distribute([]Recipient{{Name: "Board"}}, byLead(march(6, 13)))
	},
	RuleCompleteAfterDistribution: func(t *testing.T) error {
		a := auditIn(t, StateDistributed)
		a.Report.Distribution = nil
		return a.Complete(fixtureCompletion(), byLead(march(6, 23)))
	},
	RuleCompleteRecords: func(t *testing.T) error {
		return auditIn(t, StateDistributed).Complete(Completion{}, byLead(march(6, 23)))
	},
	RuleFollowUpStart: func(t *testing.T) error {
		a := auditIn(t, StateCompleted)
		closeFollowUps(a, march(7, 4))
		return a.StartFollowUp(byLead(march(7, 9)))
	},
	RuleTerminateReason: func(t *testing.T) error {
		return auditIn(t, StateFieldwork).Terminate(" ", byLead(march(4, 1)))
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
		require.NoError(t, a.RecordResult(refAccess, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-2"}}, byLead(march(3, 21))))
		return a.EndFieldwork(byLead(march(4, 21)))
	},
	RuleEvidenceSampling: func(t *testing.T) error {
		e := evidenceIn(t, "E-3", EvidenceVerified, march(3, 20), refAccess)
		e.State, e.History = "", nil
		e.Sampling = &SampleRecord{Population: "leavers", PopulationSize: 40, Method: Judgemental}
		return auditIn(t, StateFieldwork).CollectEvidence(e, byLead(march(3, 20)))
	},
	RuleEvidenceRejectReason: func(t *testing.T) error {
		return ruleFieldwork(t).RejectEvidence("E-2", " ", byLead(march(3, 21)))
	},
	RuleEvidenceCriteria: func(t *testing.T) error {
		e := evidenceIn(t, "E-3", EvidenceVerified, march(3, 20), annexa.RefToControl("7.4"))
		e.State, e.History = "", nil
		return auditIn(t, StateFieldwork).CollectEvidence(e, byLead(march(3, 20)))
	},
	RuleEvidenceDuringAudit: func(t *testing.T) error {
		e := evidenceIn(t, "E-3", EvidenceVerified, march(3, 0), refAccess)
		e.State, e.History = "", nil
		return auditIn(t, StatePreparation).CollectEvidence(e, byLead(march(3, 0)))
	},
	RuleSamplingBeforeFindings: func(t *testing.T) error {
		return auditIn(t, StateFindings).AddSamplingPlan(statisticalPlan("S-9"), byLead(march(4, 23)))
	},
	RuleSamplingFixed: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		require.NoError(t, a.AddSamplingPlan(statisticalPlan("S-9"), byLead(march(3, 20))))
		require.NoError(t, a.DrawSample("S-9", byLead(march(3, 20))))
		return a.DrawSample("S-9", byLead(march(3, 21)))
	},
	RuleSealIntact: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		require.NoError(t, a.SealRecord(byLead(march(4, 1))))
		a.Evidence[0].Description = "rewritten"
		return Verify(a, nil)
	},

	// Findings and conclusions.
	RuleFindingCriterion: func(t *testing.T) error {
		f := nonconformity("F-2", Minor, refAccess, "E-1")
		f.RaisedAt, f.Criteria = march(3, 21), nil
		return auditIn(t, StateFieldwork).AddFinding(f, byLead(march(3, 21)))
	},
	RuleNCEvidence: func(t *testing.T) error {
		a := ruleFieldwork(t)
		f := nonconformity("F-2", Minor, refAccess, "E-2")
		f.RaisedAt = march(3, 21)
		require.NoError(t, a.AddFinding(f, byLead(march(3, 21))))
		return a.ConfirmFinding("F-2", byLead(march(3, 22)))
	},
	RuleNCStatement: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		f := nonconformity("F-2", Minor, refAccess, "E-1")
		f.RaisedAt, f.Reason = march(3, 21), ""
		require.NoError(t, a.AddFinding(f, byLead(march(3, 21))))
		return a.ConfirmFinding("F-2", byLead(march(3, 22)))
	},
	RuleNCGrade: func(t *testing.T) error {
		f := nonconformity("F-2", Minor, refAccess, "E-1")
		f.RaisedAt, f.Grade = march(3, 21), ""
		return auditIn(t, StateFieldwork).AddFinding(f, byLead(march(3, 21)))
	},
	RuleFindingConfirmed: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		f := nonconformity("F-2", Minor, refAccess, "E-1")
		f.RaisedAt = march(3, 21)
		require.NoError(t, a.AddFinding(f, byLead(march(3, 21))))
		return a.ConfirmFinding("F-2", ismsaudit.Meta{At: march(3, 22), By: "tex"}) // a technical expert
	},
	RuleDisputeRecorded: func(t *testing.T) error {
		return auditIn(t, StateClosing).DisputeFinding("F-1", "", byLead(march(5, 18)))
	},
	RuleConclusionComplete: func(t *testing.T) error {
		a := auditIn(t, StateFindings)
		a.Conclusion = nil
		require.NoError(t, a.DraftConclusion(Conclusion{Fulfilment: LargelyFulfilled}, byLead(march(4, 23))))
		return a.AgreeConclusion(byLead(march(5, 0)))
	},
	RuleConclusionAfterFindings: func(t *testing.T) error {
		a := auditIn(t, StateFindings)
		c := *agreedConclusion(march(4, 22))
		c.State, c.History = "", nil
		a.Conclusion = nil
		require.NoError(t, a.DraftConclusion(c, byLead(march(4, 22))))
		f := findingIn(t, nonconformity("F-2", Minor, refAccess, "E-1"), FindingDraft, march(4, 22))
		a.Findings = append(a.Findings, f)
		return a.AgreeConclusion(byLead(march(4, 23)))
	},
	RuleRecommendationDerived: func(t *testing.T) error {
		a := auditIn(t, StateFindings)
		a.Conclusion = nil
		return a.DraftConclusion(Conclusion{Recommendation: Recommend}, byLead(march(4, 23))) // an internal audit
	},
	RuleMajorOverdueBlocks: func(t *testing.T) error {
		return Verify(recordIn(t, StateDistributed), &VerifyOptions{At: dueAt.Add(time.Hour)})
	},
	RuleFindingPhase: func(t *testing.T) error {
		f := nonconformity("F-2", Minor, refAccess, "E-1")
		f.RaisedAt = march(5, 18)
		return auditIn(t, StateClosing).AddFinding(f, byLead(march(5, 18)))
	},
	RuleFindingWithdrawn: func(t *testing.T) error {
		return auditIn(t, StateFieldwork).WithdrawFinding("F-1", "", byLead(march(4, 1)))
	},
	RuleFindingResponse: func(t *testing.T) error {
		return auditIn(t, StateFindings).AcknowledgeFinding("F-1", byLead(march(4, 23)))
	},
	RuleDisputeBeforeReport: func(t *testing.T) error {
		a := auditIn(t, StateClosing)
		require.NoError(t, a.DisputeFinding("F-1", "the review was done on paper", byLead(march(5, 19))))
		require.NoError(t, a.IssueReport(byLead(march(6, 3))))
		return a.ResolveDispute("F-1", "the paper review is accepted", byLead(march(6, 4)))
	},
	RuleConclusionFulfilment: func(t *testing.T) error {
		a := auditIn(t, StateFindings)
		c := *agreedConclusion(march(4, 22))
		c.State, c.History, c.Fulfilment = "", nil, Fulfilled // F-1, a minor nonconformity, stands
		a.Conclusion = nil
		require.NoError(t, a.DraftConclusion(c, byLead(march(4, 22))))
		return a.AgreeConclusion(byLead(march(4, 23)))
	},
	RuleConclusionEffectiveness: func(t *testing.T) error {
		a := auditIn(t, StateFindings)
		a.Findings[0].Grade = Major
		c := *agreedConclusion(march(4, 22))
		c.State, c.History, c.Fulfilment, c.Effective = "", nil, PartiallyFulfilled, true
		a.Conclusion = nil
		require.NoError(t, a.DraftConclusion(c, byLead(march(4, 22))))
		return a.AgreeConclusion(byLead(march(4, 23)))
	},
	RuleConclusionObjectives: func(t *testing.T) error {
		a := auditIn(t, StateFindings)
		c := *agreedConclusion(march(4, 22))
		c.State, c.History = "", nil
		c.ScopeCovered, c.NotCovered = false, []string{"the HR unit: no one available"}
		a.Conclusion = nil
		require.NoError(t, a.DraftConclusion(c, byLead(march(4, 22))))
		return a.AgreeConclusion(byLead(march(4, 23)))
	},
	RuleConclusionPhase: func(t *testing.T) error {
		return auditIn(t, StateFieldwork).DraftConclusion(Conclusion{Fulfilment: LargelyFulfilled}, byLead(march(4, 1)))
	},

	// Follow-up and follow-up audits.
	RuleFollowUpPlan: func(t *testing.T) error {
		a := auditIn(t, StateClosing)
		a.FollowUps = nil
		require.NoError(t, a.PlanCorrectiveAction("F-1", CorrectiveActionPlan{Correction: "review done"}, byLead(march(5, 19))))
		return a.AcceptCorrectiveAction("F-1", byLead(march(5, 20)))
	},
	RuleFollowUpVerified: func(t *testing.T) error {
		return ruleFollowUp(t).VerifyCorrectiveAction("F-1", nil, byLead(march(7, 12)))
	},
	RuleCloseFollowUps: func(t *testing.T) error {
		return auditIn(t, StateFollowUp).Close(byLead(march(10, 17)))
	},
	RuleFollowUpOnePerNC: func(t *testing.T) error {
		a := auditIn(t, StateFollowUp)
		a.FollowUps = append(a.FollowUps, a.FollowUps[0])
		return Verify(a, nil)
	},
	RuleFollowUpPhase: func(t *testing.T) error {
		return auditIn(t, StateFindings).PlanCorrectiveAction("F-1", CorrectiveActionPlan{Correction: "review done"}, byLead(march(4, 23)))
	},
	RuleFollowUpEveryNC: func(t *testing.T) error {
		a := auditIn(t, StateCompleted)
		a.FollowUps = nil // F-1 was presented; no plan is recorded
		return a.StartFollowUp(byLead(march(7, 9)))
	},
	RuleFollowUpNewEvidence: func(t *testing.T) error {
		return ruleFollowUp(t).VerifyCorrectiveAction("F-1", []ismsaudit.EvidenceID{"E-1"}, byLead(march(7, 12))) // E-1 is from fieldwork
	},
	RuleFollowUpReplan: func(t *testing.T) error {
		return ruleFollowUp(t).PlanCorrectiveAction("F-1", CorrectiveActionPlan{Action: "another action"}, byLead(march(7, 12)))
	},
	RuleFollowUpIneffective: func(t *testing.T) error {
		return ruleFollowUp(t).FindCorrectiveActionIneffective("F-1", "", nil, byLead(march(7, 12)))
	},
	RuleBaselinePresented: func(t *testing.T) error {
		_, err := FromBaseline(auditIn(t, StateFieldwork), NewOptions{ID: "A-2027-01", Kind: annexa.Internal, Client: "Acme board"}, byLead(march(14, 21)))
		return err
	},

	// The plan, the team and the work documents.
	RulePlanComplete: func(t *testing.T) error {
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(byLead(march(2, 19))))
		require.NoError(t, a.DraftPlan(PlanContent{Objectives: []string{"conformity"}}, byLead(march(2, 20))))
		return a.ApprovePlan(PlanCheck{}, byLead(march(2, 21)))
	},
	RulePlanAssigned: func(t *testing.T) error {
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(byLead(march(2, 19))))
		c := fixturePlan()
		c.Assignments = c.Assignments[1:]
		require.NoError(t, a.DraftPlan(c, byLead(march(2, 20))))
		return a.ApprovePlan(PlanCheck{}, byLead(march(2, 21)))
	},
	RulePlanCompetent: func(t *testing.T) error {
		pool := fixturePool(t, func(r map[string]*competence.Auditor) { r["ana"].Evaluations = nil })
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(byLead(march(2, 19))))
		require.NoError(t, a.DraftPlan(fixturePlan(), byLead(march(2, 20))))
		return a.ApprovePlan(PlanCheck{Pool: pool, AuditorSet: "auditor", LeaderSet: "leader"}, byLead(march(2, 21)))
	},
	RulePlanIndependent: func(t *testing.T) error {
		pool := fixturePool(t, func(r map[string]*competence.Auditor) {
			r["ana"].Involvements = []competence.Involvement{{Kind: competence.Implemented, Auditee: "Acme", Controls: []string{"A.8.8"}, From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}
		})
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.Prepare(byLead(march(2, 19))))
		require.NoError(t, a.DraftPlan(fixturePlan(), byLead(march(2, 20))))
		return a.ApprovePlan(PlanCheck{Pool: pool, AuditorSet: "auditor", LeaderSet: "leader"}, byLead(march(2, 21)))
	},
	RuleTeamLeader: func(t *testing.T) error {
		team := fixtureTeam()
		team[0].Role = competence.RoleAuditor
		return newFixture(t).SetTeam(team, byLead(march(2, 12)))
	},
	RulePlanReapproved: func(t *testing.T) error {
		return auditIn(t, StatePreparation).DraftPlan(fixturePlan(), byLead(march(3, 5)))
	},
	RulePlanCommunicated: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		require.NoError(t, a.RevisePlan(byLead(march(4, 1))))
		return a.EndFieldwork(byLead(march(4, 21)))
	},
	RulePlanWhen: func(t *testing.T) error {
		return auditIn(t, StateFindings).RevisePlan(byLead(march(4, 23)))
	},
	RuleChecklistPlanned: func(t *testing.T) error {
		return auditIn(t, StateFieldwork).AttachChecklist(fixtureChecklist(), byLead(march(4, 1)))
	},
	RuleChecklistFindings: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		require.NoError(t, a.RecordResult(refAccess, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}, byLead(march(3, 20))))
		require.NoError(t, a.EndFieldwork(byLead(march(4, 21))))
		c := *agreedConclusion(march(4, 22))
		c.State, c.History = "", nil
		require.NoError(t, a.DraftConclusion(c, byLead(march(4, 22))))
		return a.AgreeConclusion(byLead(march(4, 23))) // F-1 cites A.5.15, which conforms
	},
	RuleChecklistKept: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		a.Checklist = nil
		return Verify(a, nil)
	},
	RuleChecklistFieldwork: func(t *testing.T) error {
		return auditIn(t, StatePreparation).RecordResult(refAccess, annexa.Assessment{Result: annexa.Conforms}, byLead(march(3, 5)))
	},
	RuleSamplingRecorded: func(t *testing.T) error {
		p := statisticalPlan("S-9")
		p.Rationale = ""
		return auditIn(t, StateFieldwork).AddSamplingPlan(p, byLead(march(3, 20)))
	},
	RuleSamplingReproducible: func(t *testing.T) error {
		a := auditIn(t, StateFieldwork)
		require.NoError(t, a.AddSamplingPlan(statisticalPlan("S-9"), byLead(march(3, 20))))
		return a.RecordSelection("S-9", []string{"leaver-01", "leaver-02", "leaver-03", "leaver-04", "leaver-05"}, byLead(march(3, 21)))
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
