package audit_test

import (
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// Example_internalAudit walks a whole internal audit through the
// operations, from New to the closed follow-up of its nonconformity: the
// initiation (contact, feasibility, the team), the plan drafted, approved
// and communicated, the checklist attached, the opening meeting, evidence
// collected and verified, checklist results, a finding confirmed, the
// conclusions agreed, the closing meeting, the report issued and
// distributed, completion, and the corrective action planned, accepted,
// implemented and verified effective. Every step is checked by the
// lifecycles' guards; at the end Verify checks the whole record and
// SealRecord seals it. Each phase runs its steps in order and stops at the
// first refusal: one mistake is reported once, with the rule it breaks,
// not again by every step after it.
func Example_internalAudit() {
	day := func(d, h int) time.Time { return time.Date(2026, time.March, d, h, 0, 0, 0, time.UTC) }
	lead := func(d, h int) ismsaudit.Meta { return ismsaudit.Meta{At: day(d, h), By: "lena"} }
	// run performs the steps of one phase in order and stops at the
	// first refusal, which it prints with its rule: a refused step
	// changes nothing, so the steps after it could only be refused in
	// turn.
	run := func(steps ...func() error) bool {
		for _, step := range steps {
			if err := step(); err != nil {
				fmt.Println(err)
				return false
			}
		}
		return true
	}
	access, audits := annexa.RefToControl("5.15"), annexa.RefToClause("9.2.2")

	// Initiation (19011 6.2).
	a, err := audit.New(audit.NewOptions{ID: "IA-2026-03", Kind: annexa.Internal, Client: "Acme board", Auditee: "Acme Ltd"}, lead(2, 9))
	if err != nil {
		fmt.Println(err)
		return
	}
	if !run(
		func() error {
			return a.EstablishContact(audit.Contact{Person: "Carl, CISO", EstablishedAt: day(2, 10), EstablishedBy: "lena"}, lead(2, 10))
		},
		func() error {
			return a.DecideFeasibility(audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: day(2, 11), DecidedBy: "lena"}, lead(2, 11))
		},
		func() error {
			return a.SetTeam([]audit.Member{
				{Auditor: "lena", Name: "Lena", Role: competence.RoleTeamLeader},
				{Auditor: "omar", Name: "Omar", Role: competence.RoleAuditor},
			}, lead(2, 12))
		},
		func() error { return a.Prepare(lead(3, 9)) },
	) {
		return
	}
	fmt.Println("1.", a.History[0].From, "->", a.State)

	// Preparation (6.3): the plan and the checklist.
	if !run(
		func() error {
			return a.DraftPlan(audit.PlanContent{
				Objectives: []string{"determine whether access control and the internal audit process conform"},
				Scope:      audit.Scope{Units: []string{"IT"}, Processes: []string{"access management", "internal audit"}},
				Criteria:   []audit.Criterion{{Ref: audits}, {Ref: access}},
				Locations:  []string{"head office"},
				Start:      day(16, 9), End: day(16, 17),
				Schedule: []audit.Activity{{Title: "interviews and record review", Location: "head office", Start: day(16, 9), End: day(16, 17),
					Auditors: []competence.AuditorID{"lena", "omar"}, Criteria: []annexa.Ref{audits, access}}},
				Methods:          []audit.Method{{Location: audit.OnSite, HumanInteraction: true, Description: "interviews and record review"}},
				SamplingApproach: "judgemental sample of this year's leavers",
				Assignments:      []audit.Assignment{{Criterion: audits, Auditor: "lena"}, {Criterion: access, Auditor: "omar"}},
			}, lead(4, 9))
		},
		func() error { return a.ApprovePlan(audit.PlanCheck{}, lead(4, 10)) },
		func() error { return a.CommunicatePlan(lead(5, 9)) },
	) {
		return
	}
	soa, err := annexa.NewSoA("Acme Ltd", annexa.Inclusion{
		Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Risk treatment plan RTP-1", Status: annexa.Implemented,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	cl, err := annexa.NewChecklist(soa, annexa.ChecklistOptions{
		Kind: annexa.Internal, Clauses: []annexa.ClauseID{"9.2.2"}, Controls: []annexa.ControlID{"5.15"},
	})
	if !run(
		func() error { return err },
		func() error { return a.AttachChecklist(cl, lead(5, 10)) },
	) {
		return
	}
	fmt.Println("2. plan", a.Plan.State, "version", len(a.Plan.Versions), "; checklist of", len(a.Checklist.Items), "items")

	// Fieldwork (6.4): evidence, results, a finding.
	if !run(
		func() error {
			return a.HoldOpeningMeeting(audit.OpeningMeeting{HeldAt: day(16, 9), Attendees: []audit.Attendee{{Name: "Lena"}, {Name: "Carl", Organization: "Acme Ltd"}},
				PlanConfirmed: true, ScopeConfirmed: true}, lead(16, 9))
		},
	) {
		return
	}
	omar := func(h int) ismsaudit.Meta { return ismsaudit.Meta{At: day(16, h), By: "omar"} }
	if !run(
		func() error {
			return a.CollectEvidence(audit.Evidence{ID: "E-1", Source: audit.SourceDocument, Description: "audit programme 2026 and last year's reports",
				Supports: []annexa.Ref{audits}, CollectedBy: "lena", CollectedAt: day(16, 10), Confidentiality: audit.ConfidentialityInternal}, lead(16, 10))
		},
		func() error {
			return a.CollectEvidence(audit.Evidence{ID: "E-2", Source: audit.SourceRecord, Description: "leavers' access removal tickets",
				Supports: []annexa.Ref{access}, CollectedBy: "omar", CollectedAt: day(16, 11), Confidentiality: audit.ConfidentialityInternal}, omar(11))
		},
		func() error { return a.VerifyEvidence("E-1", lead(16, 12)) },
		func() error { return a.VerifyEvidence("E-2", omar(12)) },
		func() error {
			return a.RecordResult(audits, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}, lead(16, 13))
		},
		func() error {
			return a.RecordResult(access, annexa.Assessment{Result: annexa.MinorNonconformity, Notes: "two leavers kept VPN access", EvidenceRefs: []ismsaudit.EvidenceID{"E-2"}}, omar(13))
		},
		func() error {
			return a.AddFinding(audit.Finding{ID: "F-1", Kind: audit.Nonconformity, Grade: audit.Minor, Criteria: []annexa.Ref{access}, Evidence: []ismsaudit.EvidenceID{"E-2"},
				Requirement: "access is removed when people leave", Found: "two of ten leavers kept VPN access for weeks",
				Reason: "HR does not tell IT of leavers", RaisedBy: "omar", RaisedAt: day(16, 14)}, omar(14))
		},
		func() error { return a.ConfirmFinding("F-1", lead(16, 15)) },
		func() error { return a.EndFieldwork(lead(16, 16)) },
	) {
		return
	}
	fmt.Println("3.", a.State, "with", len(a.Evidence), "evidence items and", len(a.Findings), "finding")

	// Conclusions, closing meeting, report (6.4.9-6.5).
	if !run(
		func() error {
			return a.DraftConclusion(audit.Conclusion{Fulfilment: audit.LargelyFulfilled, Extent: "the criteria are met but for leavers' access",
				Effectiveness: "the ISMS is effectively implemented and maintained", ObjectivesAchieved: true, ScopeCovered: true}, lead(17, 9))
		},
		func() error { return a.AgreeConclusion(lead(17, 10)) },
		func() error {
			return a.HoldClosingMeeting(audit.ClosingMeeting{HeldAt: day(17, 11), Attendees: []audit.Attendee{{Name: "Lena"}, {Name: "Carl", Organization: "Acme Ltd"}},
				FindingsPresented: true, ConclusionsPresented: true, AgreedFollowUp: "a corrective action plan within two weeks"}, lead(17, 11))
		},
		func() error { return a.AcknowledgeFinding("F-1", ismsaudit.Meta{At: day(17, 12), By: "carl"}) },
		func() error {
			return a.PlanCorrectiveAction("F-1", audit.CorrectiveActionPlan{Correction: "the two accounts disabled", RootCause: "no leaver notice from HR to IT",
				Action: "HR's leaver workflow opens an IT ticket", DueAt: time.Date(2026, time.April, 30, 0, 0, 0, 0, time.UTC)}, ismsaudit.Meta{At: day(18, 9), By: "carl"})
		},
		func() error { return a.AcceptCorrectiveAction("F-1", lead(18, 10)) },
		func() error { return a.IssueReport(lead(19, 9)) },
		func() error {
			return a.Distribute([]audit.Recipient{{Name: "Carl", Organization: "Acme Ltd", Clearance: audit.ConfidentialityRestricted},
				{Name: "Acme board", Clearance: audit.ConfidentialityInternal}}, lead(19, 10))
		},
		func() error {
			return a.Complete(audit.Completion{Records: "kept six years in the audit archive"}, lead(20, 9))
		},
	) {
		return
	}
	fmt.Println("4.", a.State, "; report version", a.Report.Version, "to", len(a.Report.Distribution), "recipients")

	// Follow-up (6.7).
	if !run(
		func() error { return a.StartFollowUp(lead(20, 10)) },
	) {
		return
	}
	april := func(d int, by string) ismsaudit.Meta {
		return ismsaudit.Meta{At: time.Date(2026, time.April, d, 9, 0, 0, 0, time.UTC), By: by}
	}
	if !run(
		func() error { return a.MarkImplemented("F-1", april(20, "carl")) },
		func() error {
			return a.CollectEvidence(audit.Evidence{ID: "E-3", Source: audit.SourceTechnicalVerification, Description: "HR-to-IT leaver tickets since the change",
				Supports: []annexa.Ref{access}, CollectedBy: "omar", CollectedAt: april(27, "").At, Confidentiality: audit.ConfidentialityInternal}, april(27, "omar"))
		},
		func() error { return a.VerifyEvidence("E-3", april(27, "lena")) },
		func() error { return a.VerifyCorrectiveAction("F-1", []ismsaudit.EvidenceID{"E-3"}, april(28, "omar")) },
		func() error { return a.Close(april(28, "lena")) },
	) {
		return
	}
	u, _ := a.FollowUpFor("F-1")
	fmt.Println("5.", a.State, "; follow-up of F-1", u.State, "by", u.VerifiedBy)

	fmt.Println("Verify:", audit.Verify(a, nil))
	fmt.Println("sealed:", a.SealRecord(april(28, "lena")) == nil, a.VerifySeal() == nil)
	fmt.Println("history:", len(a.History), "entries")
	// Output:
	// 1. initiation -> preparation
	// 2. plan communicated version 1 ; checklist of 2 items
	// 3. findings with 2 evidence items and 1 finding
	// 4. completed ; report version 1 to 2 recipients
	// 5. closed ; follow-up of F-1 closed by omar
	// Verify: <nil>
	// sealed: true true
	// history: 10 entries
}
