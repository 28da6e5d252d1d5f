package report

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// at2026 is a time in 2026, UTC.
func at2026(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2026, month, day, hour, minute, 0, 0, time.UTC)
}

func controlRef(id string) annexa.Ref { return annexa.RefToControl(annexa.ControlID(id)) }
func clauseRef(id string) annexa.Ref  { return annexa.RefToClause(annexa.ClauseID(id)) }

// verifiedEvidence is a verified evidence item with its two-entry history.
func verifiedEvidence(id string, src audit.EvidenceSource, conf audit.Confidentiality, desc, by string, at time.Time, supports ...annexa.Ref) audit.Evidence {
	return audit.Evidence{
		ID: ismsaudit.EvidenceID(id), Source: src, Description: desc, Supports: supports, CollectedBy: by, CollectedAt: at,
		Confidentiality: conf, State: audit.EvidenceVerified,
		History: []audit.EvidenceEntry{{From: audit.EvidenceCollected, Event: audit.EvidenceVerify, To: audit.EvidenceVerified, At: at.Add(time.Hour), By: by}},
	}
}

// findingHistory walks a finding from draft to its final state: confirmed
// by auditor (an auditor id of the team), presented at the closing meeting
// at closing, then answered by the auditee.
func findingHistory(final audit.FindingState, raised, closing time.Time, auditor string) []audit.FindingEntry {
	h := []audit.FindingEntry{
		{From: audit.FindingDraft, Event: audit.FindingConfirm, To: audit.FindingConfirmed, At: raised.Add(2 * time.Hour), By: auditor},
	}
	switch final {
	case audit.FindingWithdrawn:
		return []audit.FindingEntry{{From: audit.FindingDraft, Event: audit.FindingWithdraw, To: audit.FindingWithdrawn, At: raised.Add(time.Hour), By: auditor,
			Reason: "the evidence behind it was rejected"}}
	case audit.FindingConfirmed:
		return h
	}
	h = append(h, audit.FindingEntry{From: audit.FindingConfirmed, Event: audit.FindingPresent, To: audit.FindingPresented, At: closing, By: auditor})
	switch final {
	case audit.FindingAcknowledged:
		h = append(h, audit.FindingEntry{From: audit.FindingPresented, Event: audit.FindingAcknowledge, To: audit.FindingAcknowledged, At: closing.Add(20 * time.Minute), By: "Priya Shah"})
	case audit.FindingDisputed, audit.FindingResolved:
		h = append(h, audit.FindingEntry{From: audit.FindingPresented, Event: audit.FindingDispute, To: audit.FindingDisputed, At: closing.Add(25 * time.Minute), By: "Tom Hughes"})
		if final == audit.FindingResolved {
			h = append(h, audit.FindingEntry{From: audit.FindingDisputed, Event: audit.FindingResolve, To: audit.FindingResolved, At: closing.Add(50 * time.Minute), By: "Aisha Khan", Note: "narrowed to contractors"})
		}
	}
	return h
}

// internalChecklist is the internal audit's checklist: every criterion assessed
// except A.7.4, which could not be audited.
func internalChecklist(t testing.TB) *annexa.Checklist {
	t.Helper()
	soa, err := annexa.NewSoA("Northwind Analytics Ltd", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Selected by the risk treatment plan", Status: annexa.Implemented})
	require.NoError(t, err)
	soa.Version = "2026.2"
	cl, err := annexa.NewChecklist(soa, annexa.ChecklistOptions{
		Kind: annexa.Internal, Clauses: []annexa.ClauseID{"6.1.3", "9.2.2"},
		Controls: []annexa.ControlID{"5.15", "5.18", "6.5", "7.4", "8.8", "8.15"},
	})
	require.NoError(t, err)
	assess := map[annexa.Ref]annexa.Assessment{
		clauseRef("6.1.3"): {Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"EV-01"}},
		clauseRef("9.2.2"): {Result: annexa.OpportunityForImprovement, Notes: "weight areas by risk", EvidenceRefs: []ismsaudit.EvidenceID{"EV-07"}},
		controlRef("5.15"): {Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"EV-02"}},
		controlRef("5.18"): {Result: annexa.MinorNonconformity, Notes: "leavers keep VPN access", EvidenceRefs: []ismsaudit.EvidenceID{"EV-03"}},
		controlRef("6.5"):  {Result: annexa.MinorNonconformity, Notes: "contractor exit letters", EvidenceRefs: []ismsaudit.EvidenceID{"EV-10"}},
		controlRef("8.8"):  {Result: annexa.MajorNonconformity, Notes: "critical patches missing", EvidenceRefs: []ismsaudit.EvidenceID{"EV-04"}},
		controlRef("8.15"): {Result: annexa.Observation, Notes: "retention settings differ", EvidenceRefs: []ismsaudit.EvidenceID{"EV-09"}},
	}
	for ref, a := range assess {
		require.NoError(t, cl.Assess(ref, a), ref.String())
	}
	require.NoError(t, cl.MarkNotAudited(controlRef("7.4"), "The Leeds office was closed for refurbishment during the audit week."))
	return cl
}

// internalAudit is a complete internal audit of the sample organisation
// in follow-up: evidence of every confidentiality (one item rejected, one
// superseded), findings of every kind (one disputed and unresolved, one
// resolved, one withdrawn), conclusions, closing meeting, an issued and
// distributed report, and follow-ups in every state.
func internalAudit(t testing.TB) *audit.Audit {
	t.Helper()
	lead, auditor, expert := "Aisha Khan", "Ben Osei", "Chloe Martin"
	criteria := []audit.Criterion{
		{Ref: clauseRef("6.1.3")}, {Ref: clauseRef("9.2.2")},
		{Ref: controlRef("5.15")}, {Ref: controlRef("5.18")}, {Ref: controlRef("6.5")},
		{Ref: controlRef("7.4")}, {Ref: controlRef("8.8")}, {Ref: controlRef("8.15")},
		{Ref: annexa.RefToDocument("POL-ACC-4"), Title: "Access control policy, version 4"},
	}
	content := audit.PlanContent{
		Objectives: []string{
			"Determine whether the ISMS conforms to ISO/IEC 27001:2022 and to Northwind's own ISMS requirements.",
			"Determine whether the ISMS is effectively implemented and maintained (ISO/IEC 27001:2022 9.2.1).",
			"Follow up the access-removal nonconformity of audit IA-2025-02.",
		},
		Scope: audit.Scope{
			ISMS:      "Development, operation and support of the Northwind Insights analytics service.",
			Units:     []string{"Engineering", "IT Operations", "People"},
			Locations: []string{"London office", "Leeds office", "Cloud production (eu-west-2)"},
			Processes: []string{"access management", "vulnerability management", "onboarding and offboarding", "internal audit"},
			From:      time.Date(2025, time.March, 1, 0, 0, 0, 0, time.UTC),
			To:        at2026(time.February, 28, 0, 0),
		},
		Criteria:  criteria,
		Locations: []string{"London office", "Remote (video calls and screen sharing)"},
		Start:     at2026(time.March, 2, 9, 0),
		End:       at2026(time.March, 5, 17, 0),
		Schedule: []audit.Activity{
			{Title: "Opening meeting", Location: "London office", Start: at2026(time.March, 2, 9, 0), End: at2026(time.March, 2, 9, 30), Auditors: []competence.AuditorID{"AUD-001", "AUD-002"}},
			{Title: "Risk treatment and SoA", Location: "London office", Start: at2026(time.March, 2, 10, 0), End: at2026(time.March, 2, 12, 0), Auditors: []competence.AuditorID{"AUD-001"}, Criteria: []annexa.Ref{clauseRef("6.1.3")}},
			{Title: "Access management and leavers", Location: "London office", Start: at2026(time.March, 3, 9, 0), End: at2026(time.March, 3, 16, 0), Auditors: []competence.AuditorID{"AUD-002"}, Criteria: []annexa.Ref{controlRef("5.15"), controlRef("5.18"), controlRef("6.5")}},
			{Title: "Vulnerability management and logging", Location: "Remote (video calls and screen sharing)", Start: at2026(time.March, 4, 9, 0), End: at2026(time.March, 4, 16, 0), Auditors: []competence.AuditorID{"AUD-002", "AUD-007"}, Criteria: []annexa.Ref{controlRef("8.8"), controlRef("8.15")}},
			{Title: "Closing meeting", Location: "London office", Start: at2026(time.March, 5, 15, 0), End: at2026(time.March, 5, 16, 0), Auditors: []competence.AuditorID{"AUD-001", "AUD-002"}},
		},
		Methods: []audit.Method{
			{Location: audit.OnSite, HumanInteraction: true, Description: "Interviews with process owners and walk-throughs in the London office"},
			{Location: audit.Remote, HumanInteraction: false, Description: "Review of exported patch and log configuration data"},
		},
		SamplingApproach: "Leavers were sampled at random from the HR leavers list; servers were chosen by judgement, weighted to internet-facing systems.",
		Assignments: []audit.Assignment{
			{Criterion: clauseRef("6.1.3"), Auditor: "AUD-001"}, {Criterion: clauseRef("9.2.2"), Auditor: "AUD-001"},
			{Criterion: controlRef("5.15"), Auditor: "AUD-002"}, {Criterion: controlRef("5.18"), Auditor: "AUD-002"},
			{Criterion: controlRef("6.5"), Auditor: "AUD-002"}, {Criterion: controlRef("7.4"), Auditor: "AUD-001"},
			{Criterion: controlRef("8.8"), Auditor: "AUD-002"}, {Criterion: controlRef("8.15"), Auditor: "AUD-002"},
			{Criterion: annexa.RefToDocument("POL-ACC-4"), Auditor: "AUD-002"},
		},
		Risks: []string{"Key IT Operations staff on leave in the audit week: interviews booked in advance."},
	}

	ev := []audit.Evidence{
		verifiedEvidence("EV-01", audit.SourceInterview, audit.ConfidentialityInternal, "Interview with the CISO on the risk treatment plan and the Statement of Applicability, version 2026.2.", lead, at2026(time.March, 2, 10, 30), clauseRef("6.1.3")),
		verifiedEvidence("EV-02", audit.SourceDocument, audit.ConfidentialityPublic, "Access control policy, version 4, approved 12 January 2026, with the role catalogue in its annex.", auditor, at2026(time.March, 3, 9, 15), controlRef("5.15"), annexa.RefToDocument("POL-ACC-4")),
		verifiedEvidence("EV-03", audit.SourceRecord, audit.ConfidentialityRestricted, "Access-removal tickets for 10 sampled leavers: 2 kept VPN access for 41 and 57 days after leaving (L-07 J. Doe, L-22 R. Roe).", auditor, at2026(time.March, 3, 11, 0), controlRef("5.18")),
		verifiedEvidence("EV-04", audit.SourceTechnicalVerification, audit.ConfidentialityInternal, "Patch status of 25 production servers from the patch console: 3 internet-facing servers miss critical patches released more than 60 days ago.", expert, at2026(time.March, 4, 10, 0), controlRef("8.8")),
		verifiedEvidence("EV-05", audit.SourceDataAnalysis, audit.ConfidentialityInternal, "Log retention settings exported from the SIEM (first export, incomplete).", expert, at2026(time.March, 4, 13, 0), controlRef("8.15")),
		verifiedEvidence("EV-06", audit.SourceObservation, audit.ConfidentialityPublic, "Clean-desk walk-through of the London office, floors 2 and 3: no documents left out.", lead, at2026(time.March, 3, 17, 0), controlRef("5.15")),
		verifiedEvidence("EV-07", audit.SourceRecord, audit.ConfidentialityInternal, "Internal audit programme 2025 and the four audit reports issued under it.", lead, at2026(time.March, 2, 14, 0), clauseRef("9.2.2")),
		{
			ID: "EV-08", Source: audit.SourceRecord, Description: "Screenshot of a firewall rule review, undated and unsigned.", Supports: []annexa.Ref{controlRef("8.8")},
			CollectedBy: expert, CollectedAt: at2026(time.March, 4, 11, 0), Confidentiality: audit.ConfidentialityInternal, State: audit.EvidenceRejected,
			History: []audit.EvidenceEntry{{From: audit.EvidenceCollected, Event: audit.EvidenceReject, To: audit.EvidenceRejected, At: at2026(time.March, 4, 12, 0), By: expert, Reason: "cannot be verified: no date, no owner"}},
		},
		verifiedEvidence("EV-09", audit.SourceDataAnalysis, audit.ConfidentialityInternal, "Complete log retention export: the SIEM keeps 13 months, the cloud audit log 400 days; both meet the 12-month policy.", expert, at2026(time.March, 4, 15, 0), controlRef("8.15")),
		verifiedEvidence("EV-10", audit.SourceInterview, audit.ConfidentialityRestricted, "Interview with the HR manager on exit letters: contractors' exit letters omit the reminder of confidentiality duties.", auditor, at2026(time.March, 3, 14, 0), controlRef("6.5")),
		verifiedEvidence("EV-11", audit.SourceRecord, audit.ConfidentialityInternal, "Revised contractor exit letter template, version 3, with the confidentiality reminder, and two letters sent with it.", auditor, at2026(time.April, 20, 10, 0), controlRef("6.5")),
	}
	ev[8].Supersedes = "EV-05"
	ev[4].State = audit.EvidenceSuperseded
	ev[4].History = append(ev[4].History, audit.EvidenceEntry{From: audit.EvidenceVerified, Event: audit.EvidenceSupersede, To: audit.EvidenceSuperseded, At: at2026(time.March, 4, 15, 5), By: expert})
	ev[2].Digest = "9f2c1be4a7d05e3c8b61f4a2d9e07c53b18a6f2e4d9c07b3a5e81f6d2c4b9a07"
	ev[3].Digest = "3b7e91d04c2a58f6e1b9d7c3a05f82e4b6c1d9a7f3e05b28c4d6a1f9e7b3c502"
	ev[2].Sampling = &audit.SampleRecord{Plan: "S-1", Population: "leavers", PopulationSize: 38, SampleSize: 10, Method: audit.Statistical}
	ev[3].Sampling = &audit.SampleRecord{Plan: "S-2", Population: "production servers", PopulationSize: 212, SampleSize: 25, Method: audit.Judgemental}
	ev[2].Covers = &audit.Period{From: time.Date(2025, time.March, 1, 0, 0, 0, 0, time.UTC), To: at2026(time.February, 28, 0, 0)}

	findings := []audit.Finding{
		{
			ID: "F-01", Kind: audit.Nonconformity, Grade: audit.Minor, Criteria: []annexa.Ref{controlRef("5.18")}, Evidence: []ismsaudit.EvidenceID{"EV-03", "EV-02"},
			Area: "People / IT Operations", Requirement: "The access control policy requires access of leavers to be removed on their last working day.",
			Found: "2 of 10 sampled leavers kept VPN access for 41 and 57 days after leaving.", Reason: "Access was not removed as the policy requires; the leaver ticket does not include the VPN.",
			RaisedBy: auditor, RaisedAt: at2026(time.March, 3, 15, 0), State: audit.FindingAcknowledged,
		},
		{
			ID: "F-02", Kind: audit.Nonconformity, Grade: audit.Major, Criteria: []annexa.Ref{controlRef("8.8")}, Evidence: []ismsaudit.EvidenceID{"EV-04"},
			Area: "IT Operations", Requirement: "Critical patches are applied within 30 days or a risk-accepted exception is recorded.",
			Found:            "3 of 25 sampled production servers, all internet-facing, miss critical patches released more than 60 days ago, with no exception recorded.",
			Reason:           "The vulnerability management process does not work for internet-facing servers, so known exploitable weaknesses stay open.",
			DivergingOpinion: "IT Operations holds that the web application firewall mitigates the missing patches, so the finding should be minor.",
			RaisedBy:         expert, RaisedAt: at2026(time.March, 4, 12, 0), State: audit.FindingDisputed,
		},
		{
			ID: "F-03", Kind: audit.Observation, Criteria: []annexa.Ref{controlRef("8.15")}, Evidence: []ismsaudit.EvidenceID{"EV-09"}, Area: "IT Operations",
			Found:    "Log retention is configured separately in the SIEM and the cloud audit log; both meet the policy today, but nothing keeps them aligned.",
			RaisedBy: expert, RaisedAt: at2026(time.March, 4, 15, 30), State: audit.FindingAcknowledged,
		},
		{
			ID: "F-04", Kind: audit.OpportunityForImprovement, Criteria: []annexa.Ref{clauseRef("9.2.2")}, Evidence: []ismsaudit.EvidenceID{"EV-07"},
			Found:    "The audit programme gives every area the same frequency; weighting areas by risk and earlier findings would free time for vulnerability management.",
			RaisedBy: lead, RaisedAt: at2026(time.March, 2, 15, 0), State: audit.FindingAcknowledged,
		},
		{
			ID: "F-05", Kind: audit.GoodPractice, Criteria: []annexa.Ref{controlRef("5.15"), annexa.RefToDocument("POL-ACC-4")}, Evidence: []ismsaudit.EvidenceID{"EV-02", "EV-06"},
			Found:    "The role catalogue in the access control policy maps every business role to its systems, and managers review it each quarter.",
			RaisedBy: auditor, RaisedAt: at2026(time.March, 3, 16, 0), State: audit.FindingAcknowledged,
		},
		{
			ID: "F-06", Kind: audit.Conformity, Criteria: []annexa.Ref{clauseRef("6.1.3")}, Evidence: []ismsaudit.EvidenceID{"EV-01"},
			Found:    "The Statement of Applicability and the risk treatment plan agree, and each exclusion is justified.",
			RaisedBy: lead, RaisedAt: at2026(time.March, 2, 12, 0), State: audit.FindingAcknowledged,
		},
		{
			ID: "F-07", Kind: audit.Nonconformity, Grade: audit.Minor, Criteria: []annexa.Ref{controlRef("6.5")}, Evidence: []ismsaudit.EvidenceID{"EV-10"}, Area: "People",
			Requirement:      "Leavers are reminded of the security duties that remain after they leave.",
			Found:            "Exit letters for contractors omit the reminder of confidentiality duties.",
			Reason:           "Contractors leave without being told which duties continue.",
			DivergingOpinion: "HR considers the reminder to be part of every exit letter.",
			Resolution:       "The exit letter templates were reviewed together: the reminder is missing from the contractor template only; the finding was narrowed to contractors.",
			RaisedBy:         auditor, RaisedAt: at2026(time.March, 3, 14, 30), State: audit.FindingResolved,
		},
		{
			ID: "F-08", Kind: audit.Nonconformity, Grade: audit.Minor, Criteria: []annexa.Ref{controlRef("8.8")}, Evidence: []ismsaudit.EvidenceID{"EV-08"},
			Found: "Firewall rules are not reviewed.", Requirement: "Rules reviewed twice a year.", Reason: "No review seen.",
			RaisedBy: expert, RaisedAt: at2026(time.March, 4, 11, 30), State: audit.FindingWithdrawn,
		},
	}
	// The team leader confirms what the technical expert raises.
	confirmer := map[string]string{lead: "AUD-001", auditor: "AUD-002", expert: "AUD-001"}
	for i := range findings {
		findings[i].History = findingHistory(findings[i].State, findings[i].RaisedAt, at2026(time.March, 5, 15, 0), confirmer[findings[i].RaisedBy])
	}

	followUps := []audit.FollowUp{
		{
			Finding: "F-01", Correction: "VPN access of the two leavers removed on 5 March 2026.", RootCause: "The leaver ticket template lists directory and e-mail access but not the VPN.",
			Action: "Add the VPN and every other remote-access system to the leaver ticket; reconcile VPN accounts with the HR leavers list monthly.", DueAt: at2026(time.June, 15, 0, 0),
			State:   audit.FollowUpAccepted,
			History: []audit.FollowUpEntry{{From: audit.FollowUpPlanning, Event: audit.FollowUpAcceptPlan, To: audit.FollowUpAccepted, At: at2026(time.March, 20, 10, 0), By: lead}},
		},
		{
			Finding: "F-02", Correction: "The three servers patched on 9 March 2026.", RootCause: "Internet-facing servers were excluded from the automatic patch schedule after a 2025 outage.",
			Action: "Bring every production server back into the automatic schedule, with exceptions recorded and risk-accepted.", DueAt: at2026(time.April, 30, 0, 0),
			State: audit.FollowUpImplemented,
			History: []audit.FollowUpEntry{
				{From: audit.FollowUpPlanning, Event: audit.FollowUpAcceptPlan, To: audit.FollowUpAccepted, At: at2026(time.March, 20, 10, 30), By: lead},
				{From: audit.FollowUpAccepted, Event: audit.FollowUpImplement, To: audit.FollowUpImplemented, At: at2026(time.April, 28, 16, 0), By: "Tom Hughes"},
			},
		},
		{
			Finding: "F-07", Correction: "Contractors who left in 2026 were sent the reminder.", RootCause: "The contractor exit letter template was written separately and never reviewed.",
			Action: "Add the confidentiality reminder to the contractor exit letter template.", DueAt: at2026(time.April, 30, 0, 0),
			State: audit.FollowUpClosed, VerifiedBy: "AUD-002", Evidence: []ismsaudit.EvidenceID{"EV-11"},
			History: []audit.FollowUpEntry{
				{From: audit.FollowUpPlanning, Event: audit.FollowUpAcceptPlan, To: audit.FollowUpAccepted, At: at2026(time.March, 20, 11, 0), By: lead},
				{From: audit.FollowUpAccepted, Event: audit.FollowUpImplement, To: audit.FollowUpImplemented, At: at2026(time.April, 15, 9, 0), By: "Grace Park"},
				{From: audit.FollowUpImplemented, Event: audit.FollowUpVerifyEffective, To: audit.FollowUpClosed, At: at2026(time.April, 20, 11, 0), By: "AUD-002"},
			},
		},
	}

	a := &audit.Audit{
		ID: "IA-2026-01", Kind: annexa.Internal, Client: "Omar Farouk, Chief Executive, Northwind Analytics Ltd", Auditee: "Northwind Analytics Ltd",
		Programme: "ISMS-AP-2026", Baseline: "IA-2025-02", CreatedAt: at2026(time.February, 2, 9, 0), CreatedBy: lead,
		State: audit.StateFollowUp,
		History: []audit.Entry{
			{From: audit.StateInitiation, Event: audit.EventPrepare, To: audit.StatePreparation, At: at2026(time.February, 9, 9, 0), By: lead},
			{From: audit.StatePreparation, Event: audit.EventOpen, To: audit.StateFieldwork, At: at2026(time.March, 2, 9, 0), By: lead},
			{From: audit.StateFieldwork, Event: audit.EventEndFieldwork, To: audit.StateFindings, At: at2026(time.March, 4, 16, 0), By: lead},
			{From: audit.StateFindings, Event: audit.EventHoldClosingMeeting, To: audit.StateClosing, At: at2026(time.March, 5, 15, 0), By: lead},
			{From: audit.StateClosing, Event: audit.EventIssueReport, To: audit.StateReported, At: at2026(time.March, 9, 10, 0), By: lead},
			{From: audit.StateReported, Event: audit.EventDistribute, To: audit.StateDistributed, At: at2026(time.March, 10, 9, 30), By: lead},
			{From: audit.StateDistributed, Event: audit.EventComplete, To: audit.StateCompleted, At: at2026(time.March, 12, 9, 0), By: lead},
			{From: audit.StateCompleted, Event: audit.EventStartFollowUp, To: audit.StateFollowUp, At: at2026(time.March, 12, 9, 5), By: lead},
		},
		Contact:     &audit.Contact{Person: "Priya Shah", EstablishedAt: at2026(time.February, 3, 10, 0), EstablishedBy: lead, Notes: "Access to systems and staff agreed; the audit report is confidential to the board and the CISO."},
		Feasibility: &audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: at2026(time.February, 5, 9, 0), DecidedBy: lead},
		Team: []audit.Member{
			{Auditor: "AUD-001", Name: lead, Role: competence.RoleTeamLeader, Organization: "Northwind Internal Audit"},
			{Auditor: "AUD-002", Name: auditor, Role: competence.RoleAuditor, Organization: "Northwind Internal Audit"},
			{Auditor: "AUD-007", Name: expert, Role: competence.RoleTechnicalExpert, Organization: "Harbour Security Consulting"},
			{Name: "Dan Reed", Role: competence.RoleGuide, Organization: "Northwind Analytics Ltd"},
		},
		Plan: &audit.Plan{
			State: audit.PlanCommunicated, Content: content,
			Versions: []audit.PlanVersion{{Version: 1, ApprovedAt: at2026(time.February, 16, 11, 0), ApprovedBy: lead, Content: content}},
			History: []audit.PlanEntry{
				{From: audit.PlanDraft, Event: audit.PlanApprove, To: audit.PlanApproved, At: at2026(time.February, 16, 11, 0), By: lead},
				{From: audit.PlanApproved, Event: audit.PlanCommunicate, To: audit.PlanCommunicated, At: at2026(time.February, 17, 9, 0), By: lead},
			},
		},
		Checklist: internalChecklist(t),
		Sampling: []audit.SamplingPlan{
			{ID: "S-1", Purpose: "Leavers' access removed on their last day", Population: audit.Population{Size: 38}, Frame: "HR leavers list, March 2025 to February 2026",
				Method: audit.Statistical, Size: 10, Seed: 20260302, Rationale: "Ten items give reasonable assurance for a control operated per event."},
			{ID: "S-2", Purpose: "Critical patches applied within 30 days", Population: audit.Population{Size: 212}, Frame: "Patch console inventory on 4 March 2026",
				Method: audit.Judgemental, Size: 25, Rationale: "Internet-facing servers first, as they carry the highest risk."},
		},
		Opening: &audit.OpeningMeeting{
			HeldAt: at2026(time.March, 2, 9, 0), PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true,
			Attendees: []audit.Attendee{
				{Name: lead, Organization: "Northwind Internal Audit", Role: "audit team leader"},
				{Name: auditor, Organization: "Northwind Internal Audit", Role: "auditor"},
				{Name: "Priya Shah", Organization: "Northwind Analytics Ltd", Role: "CISO"},
				{Name: "Tom Hughes", Organization: "Northwind Analytics Ltd", Role: "Head of IT Operations"},
				{Name: "Dan Reed", Organization: "Northwind Analytics Ltd", Role: "guide"},
			},
		},
		Evidence: ev,
		Risks: []audit.EscalatedRisk{{
			ID: "R-1", Description: "A storage bucket holding test exports of customer data was readable from the internet.",
			FoundAt: at2026(time.March, 4, 11, 40), FoundBy: expert, EscalatedAt: at2026(time.March, 4, 11, 50), EscalatedTo: "Priya Shah, CISO",
			Response: "Public access removed at 12:20; the incident process started.",
		}},
		Findings: findings,
		Conclusion: &audit.Conclusion{
			Fulfilment:         audit.PartiallyFulfilled,
			Extent:             "The ISMS conforms to most of the audited requirements; one major and two minor nonconformities were found in access removal, vulnerability management and exit letters.",
			Effectiveness:      "The ISMS is implemented and maintained, but vulnerability management is not effective for internet-facing servers.",
			ObjectivesAchieved: true, ScopeCovered: false,
			ObjectivesNote: "The objectives stand: physical security monitoring is audited in Q3 2026, within the programme's year.",
			NotCovered:     []string{"Physical security monitoring at the Leeds office (A.7.4): the site was closed for refurbishment; moved to the Q3 2026 audit."},
			Recurring:      []string{"Access removal for leavers was also a finding of IA-2025-02."},
			State:          audit.ConclusionPresented,
			History: []audit.ConclusionEntry{
				{From: audit.ConclusionDraft, Event: audit.ConclusionAgree, To: audit.ConclusionAgreed, At: at2026(time.March, 5, 11, 0), By: lead},
				{From: audit.ConclusionAgreed, Event: audit.ConclusionPresent, To: audit.ConclusionPresented, At: at2026(time.March, 5, 15, 30), By: lead},
			},
		},
		Closing: &audit.ClosingMeeting{
			HeldAt: at2026(time.March, 5, 15, 0), FindingsPresented: true, ConclusionsPresented: true,
			Attendees: []audit.Attendee{
				{Name: lead, Organization: "Northwind Internal Audit", Role: "audit team leader"},
				{Name: auditor, Organization: "Northwind Internal Audit", Role: "auditor"},
				{Name: "Omar Farouk", Organization: "Northwind Analytics Ltd", Role: "Chief Executive"},
				{Name: "Priya Shah", Organization: "Northwind Analytics Ltd", Role: "CISO"},
				{Name: "Tom Hughes", Organization: "Northwind Analytics Ltd", Role: "Head of IT Operations"},
				{Name: "Grace Park", Organization: "Northwind Analytics Ltd", Role: "HR manager"},
			},
			DivergingOpinions: []string{"IT Operations asks that the patch exception process be audited again once the new schedule has run for a quarter."},
			AgreedFollowUp:    "Corrective action plans within 15 working days; correction of F-02 verified by the end of April 2026.",
		},
		Report: &audit.ReportRecord{
			Version: 1, IssuedAt: at2026(time.March, 9, 10, 0), IssuedBy: lead,
			Distribution: []audit.Distribution{
				{Recipient: audit.Recipient{Name: "Audit committee", Organization: "Northwind Analytics Ltd", Clearance: audit.ConfidentialityRestricted}, Version: 1, At: at2026(time.March, 10, 9, 0), By: lead},
				{Recipient: audit.Recipient{Name: "Priya Shah", Organization: "Northwind Analytics Ltd", Clearance: audit.ConfidentialityInternal}, Version: 1, At: at2026(time.March, 10, 9, 15), By: lead},
				{Recipient: audit.Recipient{Name: "Jordan Blake", Organization: "Blake ISMS Advisory", Clearance: audit.ConfidentialityPublic}, Version: 1, At: at2026(time.March, 10, 9, 30), By: lead},
			},
		},
		Completion: &audit.Completion{
			Records:        "The report and evidence log are kept for six years in the GRC tool; working papers are destroyed after one year.",
			LessonsLearned: []string{"Book IT Operations interviews two weeks ahead.", "Audit vulnerability management every six months until F-02 is closed."},
		},
		FollowUps: followUps,
	}
	// S-1 is drawn as DrawSample draws it, in preparation.
	s1 := &a.Sampling[0]
	sample, err := audit.Draw(*s1)
	require.NoError(t, err)
	s1.Selected, s1.Generator, s1.SelectedAt, s1.SelectedBy = sample, audit.SamplingGenerator, at2026(time.February, 20, 9, 0), "AUD-002"
	return a
}

// certificationAudit is a stage 2 certification audit of a two-site
// organisation, reported but not yet distributed: two minor
// nonconformities whose follow-ups are being planned, a recommendation.
func certificationAudit(t testing.TB) *audit.Audit {
	t.Helper()
	lead, auditor := "Marta Nowak", "Jonas Weber"
	criteria := []audit.Criterion{{Ref: clauseRef("6.1.2")}, {Ref: clauseRef("9.3.2")}, {Ref: controlRef("5.23")}, {Ref: controlRef("8.13")}}
	content := audit.PlanContent{
		Objectives: []string{"Evaluate the implementation and effectiveness of the ISMS for initial certification to ISO/IEC 27001:2022."},
		Scope:      audit.Scope{ISMS: "Managed data platform services", Units: []string{"Platform", "Security"}, Locations: []string{"Berlin", "Kraków"}},
		Criteria:   criteria, Locations: []string{"Berlin head office", "Kraków operations centre"},
		Start: at2026(time.May, 11, 8, 30), End: at2026(time.May, 13, 17, 0),
		Methods: []audit.Method{{Location: audit.OnSite, HumanInteraction: true, Description: "Interviews and observation at both sites"}},
		Schedule: []audit.Activity{
			{Title: "Opening meeting", Location: "Berlin head office", Start: at2026(time.May, 11, 8, 30), End: at2026(time.May, 11, 9, 0), Auditors: []competence.AuditorID{"CB-017", "CB-044"}},
			{Title: "Risk assessment and management review", Location: "Berlin head office", Start: at2026(time.May, 11, 9, 30), End: at2026(time.May, 11, 16, 0), Auditors: []competence.AuditorID{"CB-017"}, Criteria: []annexa.Ref{clauseRef("6.1.2"), clauseRef("9.3.2")}},
			{Title: "Cloud suppliers and backups", Location: "Kraków operations centre", Start: at2026(time.May, 12, 9, 0), End: at2026(time.May, 12, 17, 0), Auditors: []competence.AuditorID{"CB-044"}, Criteria: []annexa.Ref{controlRef("5.23"), controlRef("8.13")}},
			{Title: "Closing meeting", Location: "Berlin head office", Start: at2026(time.May, 13, 16, 0), End: at2026(time.May, 13, 17, 0), Auditors: []competence.AuditorID{"CB-017", "CB-044"}},
		},
		SamplingApproach: "Supplier contracts and restore tests were chosen by judgement: the two largest cloud providers, and the restore tests of March and April.",
		Assignments: []audit.Assignment{
			{Criterion: clauseRef("6.1.2"), Auditor: "CB-017"}, {Criterion: clauseRef("9.3.2"), Auditor: "CB-017"},
			{Criterion: controlRef("5.23"), Auditor: "CB-044"}, {Criterion: controlRef("8.13"), Auditor: "CB-044"},
		},
	}
	ev := []audit.Evidence{
		verifiedEvidence("C-EV-1", audit.SourceInterview, audit.ConfidentialityInternal, "Interview with the risk owner on the risk assessment method.", lead, at2026(time.May, 11, 10, 0), clauseRef("6.1.2")),
		verifiedEvidence("C-EV-2", audit.SourceRecord, audit.ConfidentialityInternal, "Management review minutes of 2026-02-20: no decision on resources recorded.", lead, at2026(time.May, 11, 14, 0), clauseRef("9.3.2")),
		verifiedEvidence("C-EV-3", audit.SourceDocument, audit.ConfidentialityRestricted, "Cloud supplier contracts for the two largest providers.", auditor, at2026(time.May, 12, 10, 0), controlRef("5.23")),
		verifiedEvidence("C-EV-4", audit.SourceTechnicalVerification, audit.ConfidentialityInternal, "Backup restore test log for March and April 2026: one of eight restores not tested.", auditor, at2026(time.May, 12, 15, 0), controlRef("8.13")),
	}
	findings := []audit.Finding{
		{ID: "C-F1", Kind: audit.Conformity, Criteria: []annexa.Ref{clauseRef("6.1.2")}, Evidence: []ismsaudit.EvidenceID{"C-EV-1"}, Found: "The risk assessment method gives consistent and comparable results.", RaisedBy: lead, RaisedAt: at2026(time.May, 11, 11, 0), State: audit.FindingAcknowledged},
		{ID: "C-F2", Kind: audit.Nonconformity, Grade: audit.Minor, Criteria: []annexa.Ref{clauseRef("9.3.2")}, Evidence: []ismsaudit.EvidenceID{"C-EV-2"}, Requirement: "Management review considers the need for changes to the ISMS and resources.", Found: "The February 2026 management review records no decision on resources.", Reason: "An input required by 9.3.2 was not considered.", RaisedBy: lead, RaisedAt: at2026(time.May, 11, 15, 0), State: audit.FindingAcknowledged},
		{ID: "C-F3", Kind: audit.Nonconformity, Grade: audit.Minor, Criteria: []annexa.Ref{controlRef("8.13")}, Evidence: []ismsaudit.EvidenceID{"C-EV-4"}, Area: "Kraków operations centre", Requirement: "Backups are restore-tested monthly per the backup policy.", Found: "One of eight monthly restore tests was skipped.", Reason: "The backup policy's monthly test was not carried out in April.", RaisedBy: auditor, RaisedAt: at2026(time.May, 12, 16, 0), State: audit.FindingAcknowledged},
		{ID: "C-F4", Kind: audit.OpportunityForImprovement, Criteria: []annexa.Ref{controlRef("5.23")}, Evidence: []ismsaudit.EvidenceID{"C-EV-3"}, Found: "Exit plans for cloud suppliers could be tested.", RaisedBy: auditor, RaisedAt: at2026(time.May, 12, 11, 0), State: audit.FindingAcknowledged},
		{ID: "C-F5", Kind: audit.GoodPractice, Criteria: []annexa.Ref{controlRef("8.13")}, Evidence: []ismsaudit.EvidenceID{"C-EV-4"}, Found: "Restore tests are automated and their results feed the operations dashboard.", RaisedBy: auditor, RaisedAt: at2026(time.May, 12, 16, 30), State: audit.FindingAcknowledged},
	}
	confirmer := map[string]string{lead: "CB-017", auditor: "CB-044"}
	for i := range findings {
		findings[i].History = findingHistory(findings[i].State, findings[i].RaisedAt, at2026(time.May, 13, 16, 0), confirmer[findings[i].RaisedBy])
	}
	return &audit.Audit{
		ID: "CB-2026-0142-S2", Kind: annexa.Stage2, Client: "Contoso Data Services GmbH", Auditee: "Contoso Data Services GmbH",
		Programme: "CERT-CYCLE-0142", CreatedAt: at2026(time.April, 1, 9, 0), CreatedBy: lead,
		State: audit.StateReported,
		History: []audit.Entry{
			{From: audit.StateInitiation, Event: audit.EventPrepare, To: audit.StatePreparation, At: at2026(time.April, 6, 9, 0), By: lead},
			{From: audit.StatePreparation, Event: audit.EventOpen, To: audit.StateFieldwork, At: at2026(time.May, 11, 8, 30), By: lead},
			{From: audit.StateFieldwork, Event: audit.EventEndFieldwork, To: audit.StateFindings, At: at2026(time.May, 13, 12, 0), By: lead},
			{From: audit.StateFindings, Event: audit.EventHoldClosingMeeting, To: audit.StateClosing, At: at2026(time.May, 13, 16, 0), By: lead},
			{From: audit.StateClosing, Event: audit.EventIssueReport, To: audit.StateReported, At: at2026(time.May, 15, 9, 0), By: lead},
		},
		Team: []audit.Member{
			{Auditor: "CB-017", Name: lead, Role: competence.RoleTeamLeader, Organization: "CertCo Assessments Ltd"},
			{Auditor: "CB-044", Name: auditor, Role: competence.RoleAuditor, Organization: "CertCo Assessments Ltd"},
		},
		Contact:     &audit.Contact{Person: "Lena Fischer", EstablishedAt: at2026(time.April, 2, 10, 0), EstablishedBy: lead, Notes: "Both sites and the ISMS documents made available."},
		Feasibility: &audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: at2026(time.April, 3, 9, 0), DecidedBy: lead},
		// The plan was revised once after the auditee asked to move the
		// Kraków day: version 2 is the one followed.
		Plan: &audit.Plan{
			State: audit.PlanCommunicated, Content: content,
			Versions: []audit.PlanVersion{
				{Version: 1, ApprovedAt: at2026(time.April, 14, 9, 0), ApprovedBy: lead, Content: content},
				{Version: 2, ApprovedAt: at2026(time.April, 20, 9, 0), ApprovedBy: lead, Content: content},
			},
			History: []audit.PlanEntry{
				{From: audit.PlanDraft, Event: audit.PlanApprove, To: audit.PlanApproved, At: at2026(time.April, 14, 9, 0), By: lead},
				{From: audit.PlanApproved, Event: audit.PlanCommunicate, To: audit.PlanCommunicated, At: at2026(time.April, 15, 9, 0), By: lead},
				{From: audit.PlanCommunicated, Event: audit.PlanRevise, To: audit.PlanDraft, At: at2026(time.April, 17, 9, 0), By: lead, Note: "Kraków day moved at the auditee's request"},
				{From: audit.PlanDraft, Event: audit.PlanApprove, To: audit.PlanApproved, At: at2026(time.April, 20, 9, 0), By: lead},
				{From: audit.PlanApproved, Event: audit.PlanCommunicate, To: audit.PlanCommunicated, At: at2026(time.April, 21, 9, 0), By: lead},
			},
		},
		Opening: &audit.OpeningMeeting{HeldAt: at2026(time.May, 11, 8, 30), PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true,
			Attendees: []audit.Attendee{{Name: lead, Organization: "CertCo Assessments Ltd"}, {Name: "Lena Fischer", Organization: "Contoso Data Services GmbH", Role: "ISMS manager"}}},
		Evidence: ev,
		Findings: findings,
		Conclusion: &audit.Conclusion{
			Fulfilment: audit.LargelyFulfilled, Extent: "The ISMS meets the criteria apart from two minor nonconformities.",
			Effectiveness: "The ISMS is effectively implemented and maintained.", ObjectivesAchieved: true, ScopeCovered: true,
			Recommendation: audit.RecommendAfterPlans, State: audit.ConclusionPresented,
			History: []audit.ConclusionEntry{
				{From: audit.ConclusionDraft, Event: audit.ConclusionAgree, To: audit.ConclusionAgreed, At: at2026(time.May, 13, 14, 0), By: lead},
				{From: audit.ConclusionAgreed, Event: audit.ConclusionPresent, To: audit.ConclusionPresented, At: at2026(time.May, 13, 16, 20), By: lead},
			},
		},
		Closing: &audit.ClosingMeeting{HeldAt: at2026(time.May, 13, 16, 0), FindingsPresented: true, ConclusionsPresented: true,
			Attendees:      []audit.Attendee{{Name: lead, Organization: "CertCo Assessments Ltd"}, {Name: auditor, Organization: "CertCo Assessments Ltd"}, {Name: "Lena Fischer", Organization: "Contoso Data Services GmbH", Role: "ISMS manager"}, {Name: "Karl Braun", Organization: "Contoso Data Services GmbH", Role: "Managing director"}},
			AgreedFollowUp: "Corrective action plans for C-F2 and C-F3 to CertCo within 30 days."},
		Report: &audit.ReportRecord{Version: 1, IssuedAt: at2026(time.May, 15, 9, 0), IssuedBy: lead},
		FollowUps: []audit.FollowUp{
			{Finding: "C-F2", DueAt: at2026(time.June, 14, 0, 0), State: audit.FollowUpPlanning, History: []audit.FollowUpEntry{}},
			{Finding: "C-F3", Action: "Add the monthly restore test to the Kraków operations calendar with a named owner.", DueAt: at2026(time.June, 14, 0, 0), State: audit.FollowUpPlanning, History: []audit.FollowUpEntry{}},
		},
	}
}

// largeAudit is an internal audit with n findings, each citing five
// evidence items (5n items), for benchmarks.
func largeAudit(t testing.TB, n int) *audit.Audit {
	t.Helper()
	a := internalAudit(t)
	controls := []annexa.ControlID{}
	for c := range annexa.Controls() {
		controls = append(controls, c.ID())
	}
	// The plan audits every Annex A control, each assigned to Ben Osei
	// and examined in one session; it is approved and communicated as it
	// stands.
	content := a.Plan.Content
	content.Criteria, content.Assignments = nil, nil
	for _, id := range controls {
		ref := controlRef(string(id))
		content.Criteria = append(content.Criteria, audit.Criterion{Ref: ref})
		content.Assignments = append(content.Assignments, audit.Assignment{Criterion: ref, Auditor: "AUD-002"})
	}
	content.Schedule = cloneActivities(content.Schedule)
	for i := range content.Schedule {
		content.Schedule[i].Criteria = nil
	}
	a.Plan.Content = content
	a.Plan.Versions[0].Content = content
	// No checklist: its results would cite the internal audit's evidence.
	a.Checklist = nil
	a.Evidence = make([]audit.Evidence, 0, 5*n)
	a.Findings = make([]audit.Finding, 0, n)
	a.FollowUps = nil
	a.Closing.DivergingOpinions = nil
	for i := range n {
		ref := controlRef(string(controls[i%len(controls)]))
		var ids []ismsaudit.EvidenceID
		for j := range 5 {
			id := fmt.Sprintf("EV-%05d-%d", i, j)
			conf := []audit.Confidentiality{audit.ConfidentialityPublic, audit.ConfidentialityInternal, audit.ConfidentialityRestricted}[j%3]
			e := verifiedEvidence(id, audit.EvidenceSource([]audit.EvidenceSource{audit.SourceInterview, audit.SourceRecord, audit.SourceDocument, audit.SourceTechnicalVerification, audit.SourceDataAnalysis}[j]),
				conf, fmt.Sprintf("Record %d of sample %d: configuration export reviewed against the hardening baseline & checked <ok>.", j, i), "Ben Osei", at2026(time.March, 3, 9, 0).Add(time.Duration(i)*time.Second), ref)
			e.Digest = fmt.Sprintf("%064x", i*5+j)
			a.Evidence = append(a.Evidence, e)
			ids = append(ids, ismsaudit.EvidenceID(id))
		}
		f := audit.Finding{
			ID: audit.FindingID(fmt.Sprintf("F-%05d", i)), Criteria: []annexa.Ref{ref}, Evidence: ids, Area: "IT Operations",
			Found:    fmt.Sprintf("Server %d of the sample: the configuration matches the baseline except where noted in the evidence.", i),
			RaisedBy: "Ben Osei", RaisedAt: at2026(time.March, 3, 12, 0), State: audit.FindingAcknowledged,
		}
		switch i % 4 {
		case 0:
			f.Kind, f.Grade = audit.Nonconformity, audit.Minor
			f.Requirement, f.Reason = "Hardening baseline section 4 applies to every server.", "Two settings differ from the baseline."
			a.FollowUps = append(a.FollowUps, audit.FollowUp{Finding: f.ID, Correction: "Settings reset.", RootCause: "Manual build.", Action: "Automate the build.", DueAt: at2026(time.April, 30, 0, 0), State: audit.FollowUpAccepted,
				History: []audit.FollowUpEntry{{From: audit.FollowUpPlanning, Event: audit.FollowUpAcceptPlan, To: audit.FollowUpAccepted, At: at2026(time.March, 20, 10, 0), By: "Aisha Khan"}}})
		case 1:
			f.Kind = audit.Conformity
		case 2:
			f.Kind = audit.Observation
		default:
			f.Kind = audit.OpportunityForImprovement
		}
		f.History = findingHistory(f.State, f.RaisedAt, at2026(time.March, 5, 15, 0), "AUD-002")
		a.Findings = append(a.Findings, f)
	}
	return a
}

// asOf is the date the tests' reports speak as of: F-02's action (due
// 30 April) is overdue, F-01's (due 15 June) is not.
var asOf = at2026(time.May, 20, 9, 0)

func internalReport(t testing.TB) *AuditReport {
	t.Helper()
	r, err := BuildAuditReport(internalAudit(t), &AuditReportOptions{AsOf: asOf})
	require.NoError(t, err)
	require.NoError(t, r.Check())
	return r
}

func certificationReport(t testing.TB) *AuditReport {
	t.Helper()
	r, err := BuildAuditReport(certificationAudit(t), nil)
	require.NoError(t, err)
	require.NoError(t, r.Check())
	return r
}

// hostilePrefix is put in front of every text of a report: markup,
// quotes, entities, Markdown and table syntax, a spreadsheet formula and
// line breaks.
const hostilePrefix = "=HYPERLINK(\"http://evil.example\")<script>alert('x')</script><img src=x onerror=alert(1)>&amp; \"q\" 'a' | *b* _i_ #h [l](javascript:x) `c`\r\n-- "

// hostileReport returns the internal audit's report with hostilePrefix in
// front of every non-empty string of free text and every host id (digests,
// which must be hex, excepted). Ids
// get the same prefix everywhere, so references still resolve;
// enumeration values and catalogue references are left alone, as the
// report refuses invalid ones.
func hostileReport(t testing.TB) *AuditReport {
	t.Helper()
	r := internalReport(t)
	prefixStrings(reflect.ValueOf(r).Elem())
	require.NoError(t, r.Check())
	return r
}

func prefixStrings(v reflect.Value) {
	validator := reflect.TypeFor[interface{ IsValid() bool }]()
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			prefixStrings(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() || v.Type() == reflect.TypeFor[annexa.Ref]() {
			return
		}
		for i := range v.NumField() {
			// A digest must be lower-case hex: the report refuses anything
			// else, so it carries no text of its own.
			if f := v.Type().Field(i); f.IsExported() && f.Name != "Digest" {
				prefixStrings(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			prefixStrings(v.Index(i))
		}
	case reflect.String:
		if v.Type().Implements(validator) || v.Len() == 0 || !v.CanSet() {
			return
		}
		v.SetString(hostilePrefix + v.String())
	}
}
