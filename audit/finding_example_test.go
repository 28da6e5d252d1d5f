package audit_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
)

// fdExampleDay is a fixed day of the example audit (March 2026).
func fdExampleDay(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC) }

// fdExampleEvidence is an evidence item verified on 9 March, as the
// evidence operations would leave it.
func fdExampleEvidence(id audit.EvidenceID, state audit.EvidenceState) audit.Evidence {
	e := audit.Evidence{
		ID: id, Source: audit.SourceRecord, Description: "log retention settings of the payment servers",
		Supports:    []annexa.Ref{annexa.RefToControl("8.15")},
		CollectedBy: "aud-2", CollectedAt: fdExampleDay(9, 10), Confidentiality: audit.ConfidentialityInternal,
		State: audit.EvidenceCollected, History: []audit.EvidenceEntry{},
	}
	if state == audit.EvidenceVerified {
		e.State = state
		e.History = []audit.EvidenceEntry{{From: audit.EvidenceCollected, Event: audit.EvidenceVerify, To: audit.EvidenceVerified, At: fdExampleDay(9, 11), By: "aud-2"}}
	}
	return e
}

// fdExampleAudit returns a stage 2 audit in the given state, built with
// struct literals: a team, a plan whose criteria are clause 9.2 and
// controls A.5.1 and A.8.15, verified evidence E-1 and collected E-2.
func fdExampleAudit(state audit.State) *audit.Audit {
	return &audit.Audit{
		ID: "A-2026-07", Kind: annexa.Stage2, Client: "Certification body", Auditee: "Example Ltd",
		CreatedAt: fdExampleDay(2, 9), CreatedBy: "lead-1", State: state,
		Team: []audit.Member{
			{Auditor: "lead-1", Name: "Lena Lead", Role: audit.RoleTeamLeader},
			{Auditor: "aud-2", Name: "Ari Auditor", Role: audit.RoleAuditor},
		},
		Plan: &audit.Plan{State: audit.PlanCommunicated, Content: audit.PlanContent{Criteria: []audit.Criterion{
			{Ref: annexa.RefToClause("9.2")}, {Ref: annexa.RefToControl("5.1")}, {Ref: annexa.RefToControl("8.15")},
		}}},
		Evidence: []audit.Evidence{fdExampleEvidence("E-1", audit.EvidenceVerified), fdExampleEvidence("E-2", audit.EvidenceCollected)},
	}
}

// fdExampleNC is a nonconformity on log retention.
func fdExampleNC(id audit.FindingID, g audit.Grade, evidence ...audit.EvidenceID) audit.Finding {
	return audit.Finding{
		ID: id, Kind: audit.Nonconformity, Grade: g, Criteria: []annexa.Ref{annexa.RefToControl("8.15")}, Evidence: evidence,
		Requirement: "event logs are kept for the period the logging standard sets",
		Found:       "the payment servers keep 7 days of logs",
		Reason:      "the logging standard sets 90 days",
		RaisedBy:    "aud-2", RaisedAt: fdExampleDay(10, 10),
	}
}

func fdExampleRule(err error) string {
	if err == nil {
		return "accepted"
	}
	var te *audit.TransitionError
	if errors.As(err, &te) {
		return te.Rule
	}
	return err.Error()
}

func ExampleAudit_ConfirmFinding() {
	a := fdExampleAudit(audit.StateFieldwork)
	at := audit.Meta{At: fdExampleDay(10, 12), By: "aud-2"}

	// A nonconformity on verified evidence is confirmed by the team.
	if err := a.AddFinding(fdExampleNC("F-1", audit.Major, "E-1"), at); err != nil {
		fmt.Println(err)
	}
	if err := a.ConfirmFinding("F-1", audit.Meta{At: fdExampleDay(10, 14), By: "lead-1"}); err != nil {
		fmt.Println(err)
	}
	f, _ := a.Finding("F-1")
	fmt.Println(f.ID, f.State, len(f.History))

	// One resting on information not yet verified is not.
	_ = a.AddFinding(fdExampleNC("F-2", audit.Minor, "E-2"), at)
	err := a.ConfirmFinding("F-2", audit.Meta{At: fdExampleDay(10, 14), By: "lead-1"})
	fmt.Println(errors.Is(err, audit.ErrTransition), fdExampleRule(err))
	// Output:
	// F-1 confirmed 1
	// true AUD-NC-EVIDENCE
}

func ExampleAudit_AddFinding() {
	a := fdExampleAudit(audit.StateFieldwork)
	f := fdExampleNC("F-1", "", "E-9")
	f.Criteria = append(f.Criteria, annexa.RefToControl("9.9"))
	err := a.AddFinding(f, audit.Meta{At: fdExampleDay(10, 12), By: "aud-2"})
	var ve *audit.ValidationError
	if errors.As(err, &ve) {
		for _, fe := range ve.Fields {
			fmt.Println(fe.Path, fe.Rule)
		}
	}
	fmt.Println(errors.Is(err, audit.ErrNotFound), len(a.Findings))
	// Output:
	// Grade AUD-NC-GRADE
	// Criteria[1].ID unknown
	// Evidence[0] unknown
	// true 0
}

func ExampleAudit_DisputeFinding() {
	a := fdExampleAudit(audit.StateClosing)
	presented := func(id audit.FindingID) audit.Finding {
		f := fdExampleNC(id, audit.Minor, "E-1")
		f.State = audit.FindingPresented
		f.History = []audit.FindingEntry{
			{From: audit.FindingDraft, Event: audit.FindingConfirm, To: audit.FindingConfirmed, At: fdExampleDay(11, 10), By: "lead-1"},
			{From: audit.FindingConfirmed, Event: audit.FindingPresent, To: audit.FindingPresented, At: fdExampleDay(11, 16), By: "lead-1"},
		}
		return f
	}
	a.Findings = []audit.Finding{presented("F-1"), presented("F-2")}
	auditee := audit.Meta{At: fdExampleDay(11, 17), By: "auditee-ciso"}

	// Settled before the report is issued.
	_ = a.DisputeFinding("F-1", "retention is set by our payment provider", auditee)
	_ = a.ResolveDispute("F-1", "the provider's contract allows 90 days; the finding stands", audit.Meta{At: fdExampleDay(12, 10), By: "lead-1"})
	f1, _ := a.Finding("F-1")
	fmt.Println(f1.ID, f1.State, "-", f1.Resolution)

	// Not settled by then: it goes in the report as a diverging opinion.
	_ = a.DisputeFinding("F-2", "the servers are out of scope", auditee)
	a.State = audit.StateReported // the report is issued
	err := a.ResolveDispute("F-2", "agreed later", audit.Meta{At: fdExampleDay(19, 10), By: "lead-1"})
	f2, _ := a.Finding("F-2")
	fmt.Println(f2.ID, f2.State, "-", f2.DivergingOpinion, "-", fdExampleRule(err))
	// Output:
	// F-1 resolved - the provider's contract allows 90 days; the finding stands
	// F-2 disputed - the servers are out of scope - AUD-DISPUTE-BEFORE-REPORT
}

func ExampleAudit_AgreeConclusion() {
	a := fdExampleAudit(audit.StateFindings)
	f := fdExampleNC("F-1", audit.Minor, "E-1")
	f.State = audit.FindingDraft
	a.Findings = []audit.Finding{f}
	_ = a.ConfirmFinding("F-1", audit.Meta{At: fdExampleDay(11, 10), By: "lead-1"})

	c := audit.Conclusion{
		Fulfilment: audit.LargelyFulfilled, Extent: "criteria met apart from log retention",
		Effectiveness: "the ISMS is effectively implemented and maintained", ObjectivesAchieved: true, ScopeCovered: true,
		Recommendation: audit.Recommend,
	}
	m := audit.Meta{At: fdExampleDay(11, 14), By: "lead-1"}
	_ = a.DraftConclusion(c, m)
	fmt.Println(fdExampleRule(a.AgreeConclusion(m)))

	rec, reasons := audit.DeriveRecommendation(a, m.At)
	c.Recommendation = rec
	_ = a.DraftConclusion(c, m)
	fmt.Println(fdExampleRule(a.AgreeConclusion(m)), a.Conclusion.State, a.Conclusion.Recommendation)
	fmt.Println(reasons[0])
	// Output:
	// AUD-RECOMMENDATION-DERIVED
	// accepted agreed recommend-after-accepted-plans
	// REC-MINOR-OPEN: F-1 is a minor nonconformity without an accepted corrective action plan
}

func ExampleDeriveRecommendation() {
	a := fdExampleAudit(audit.StateFollowUp)
	presented := func(f audit.Finding) audit.Finding {
		f.State = audit.FindingAcknowledged
		return f
	}
	a.Findings = []audit.Finding{presented(fdExampleNC("F-1", audit.Major, "E-1")), presented(fdExampleNC("F-2", audit.Minor, "E-1"))}
	a.FollowUps = []audit.FollowUp{{Finding: "F-1", DueAt: time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC), State: audit.FollowUpImplemented}}

	for _, at := range []time.Time{time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)} {
		rec, reasons := audit.DeriveRecommendation(a, at)
		fmt.Println(at.Format(time.DateOnly), rec)
		for _, r := range reasons {
			fmt.Println(" ", r)
		}
	}
	// Output:
	// 2026-05-01 recommend-after-verified-correction
	//   REC-MAJOR-OPEN: F-1 is a major nonconformity whose correction is not verified effective
	// 2026-06-01 not-recommend
	//   REC-MAJOR-OVERDUE: F-1 is a major nonconformity whose follow-up was due 2026-05-31 and is not verified effective at 2026-06-01
}

func ExampleRecommendationRules() {
	for r := range audit.RecommendationRules() {
		fmt.Printf("%s -> %s (%s, %s)\n", r.ID, r.Then, r.Rule, r.Source)
	}
	// Output:
	// REC-MAJOR-OVERDUE -> not-recommend (AUD-MAJOR-OVERDUE-BLOCKS, 17021-1:9.5.3)
	// REC-MAJOR-OPEN -> recommend-after-verified-correction (AUD-RECOMMENDATION-DERIVED, 17021-1:9.5.2)
	// REC-MINOR-OPEN -> recommend-after-accepted-plans (AUD-RECOMMENDATION-DERIVED, 17021-1:9.5.2)
	// REC-CLEAR -> recommend (AUD-RECOMMENDATION-DERIVED, 17021-1:9.4.8)
}

func ExampleAudit_VerifyCorrectiveAction() {
	a := fdExampleAudit(audit.StateFollowUp)
	f := fdExampleNC("F-1", audit.Major, "E-1")
	f.State = audit.FindingAcknowledged
	a.Findings = []audit.Finding{f}
	day := func(month time.Month, d int) audit.Meta {
		return audit.Meta{At: time.Date(2026, month, d, 9, 0, 0, 0, time.UTC), By: "lead-1"}
	}
	plan := audit.CorrectiveActionPlan{
		Correction: "retention raised to 90 days", RootCause: "servers built from an old image",
		Action: "images carry the logging standard", DueAt: time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC),
	}
	_ = a.PlanCorrectiveAction("F-1", plan, day(3, 20))
	_ = a.AcceptCorrectiveAction("F-1", day(3, 23))
	_ = a.MarkImplemented("F-1", day(4, 10))

	// Two servers still rotate their logs weekly: not effective.
	m := day(4, 20)
	m.Note = "two servers still keep 7 days"
	_ = a.VerifyCorrectiveAction("F-1", false, []audit.EvidenceID{"E-1"}, m)

	plan.Action = "rebuild the two servers from the new image"
	_ = a.PlanCorrectiveAction("F-1", plan, day(4, 21))
	_ = a.AcceptCorrectiveAction("F-1", day(4, 22))
	_ = a.MarkImplemented("F-1", day(5, 4))

	// Only an auditor of the team may close it, on verified evidence.
	notAuditor := day(5, 12)
	notAuditor.By = "auditee-ciso"
	fmt.Println(fdExampleRule(a.VerifyCorrectiveAction("F-1", true, []audit.EvidenceID{"E-1"}, notAuditor)))
	fmt.Println(fdExampleRule(a.VerifyCorrectiveAction("F-1", true, []audit.EvidenceID{"E-1"}, day(5, 12))))

	u, _ := a.FollowUpFor("F-1")
	for _, e := range u.History {
		fmt.Println(e.At.Format(time.DateOnly), e.From, "->", e.To)
	}
	fmt.Println(u.State, len(u.EarlierPlans), len(u.Verifications), u.VerifiedBy)
	// Output:
	// AUD-FOLLOWUP-VERIFIED
	// accepted
	// 2026-03-23 planning -> accepted
	// 2026-04-10 accepted -> implemented
	// 2026-04-20 implemented -> planning
	// 2026-04-22 planning -> accepted
	// 2026-05-04 accepted -> implemented
	// 2026-05-12 implemented -> closed
	// closed 1 2 lead-1
}

func ExampleAudit_Overdue() {
	a := fdExampleAudit(audit.StateFollowUp)
	a.FollowUps = []audit.FollowUp{
		{Finding: "F-1", DueAt: time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC), State: audit.FollowUpImplemented},
		{Finding: "F-2", DueAt: time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC), State: audit.FollowUpClosed},
		{Finding: "F-3", DueAt: time.Date(2026, 7, 31, 0, 0, 0, 0, time.UTC), State: audit.FollowUpAccepted},
	}
	for _, u := range a.Overdue(time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)) {
		fmt.Println(u.Finding, u.State)
	}
	// Output:
	// F-1 implemented
}

func ExampleCompare() {
	previous := fdExampleAudit(audit.StateClosed)
	previous.ID = "A-2025-07"
	nc := func(id audit.FindingID, ref annexa.Ref) audit.Finding {
		f := fdExampleNC(id, audit.Minor, "E-1")
		f.Criteria, f.State = []annexa.Ref{ref}, audit.FindingAcknowledged
		return f
	}
	previous.Findings = []audit.Finding{nc("P-1", annexa.RefToControl("8.15")), nc("P-2", annexa.RefToControl("5.1"))}

	current := fdExampleAudit(audit.StateFindings)
	current.Findings = []audit.Finding{nc("C-1", annexa.RefToControl("8.15")), nc("C-2", annexa.RefToClause("9.2"))}
	for i := range current.Findings {
		current.Findings[i].State = audit.FindingConfirmed
	}

	c, _ := audit.Compare(previous, current)
	for _, f := range c.Recurring {
		fmt.Println("recurring:", f.Finding, f.Criteria[0], "again after", f.Related)
	}
	for _, f := range c.New {
		fmt.Println("new:", f.Finding, f.Criteria[0])
	}
	for _, f := range c.Resolved {
		fmt.Println("resolved:", f.Finding, f.Criteria[0])
	}
	// Output:
	// recurring: C-1 A.8.15 again after [P-1]
	// new: C-2 clause 9.2
	// resolved: P-2 A.5.1
}

func ExampleFromBaseline() {
	previous := fdExampleAudit(audit.StateFollowUp)
	previous.ID = "A-2025-07"
	f := fdExampleNC("P-1", audit.Major, "E-1")
	f.State = audit.FindingAcknowledged
	previous.Findings = []audit.Finding{f}
	previous.FollowUps = []audit.FollowUp{{Finding: "P-1", State: audit.FollowUpImplemented}}

	next, err := audit.FromBaseline(previous, audit.NewOptions{ID: "A-2026-02", Kind: annexa.Surveillance, Client: "Certification body"},
		audit.Meta{At: time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC), By: "lead-1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(next.ID, next.Auditee, next.Baseline, next.State)
	for _, item := range previous.BaselineFocus() {
		fmt.Println("focus:", item.Criterion, item.Grade, "open:", item.Open)
	}
	// Output:
	// A-2026-02 Example Ltd A-2025-07 initiation
	// focus: A.8.15 major open: true
}
