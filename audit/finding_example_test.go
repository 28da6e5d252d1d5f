package audit_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// fdExampleDay is a fixed day of the example audit (March 2026).
func fdExampleDay(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC) }

// fdExampleBy is the Meta of a step on a day of March 2026.
func fdExampleBy(day, hour int, by string) ismsaudit.Meta {
	return ismsaudit.Meta{At: fdExampleDay(day, hour), By: by}
}

// fdExampleAudit walks a stage 2 audit of Example Ltd through the
// operations into fieldwork: contact, feasibility, a team of lead-1 and
// aud-2, a plan over clause 9.2 and controls A.5.1 and A.8.15 approved
// and communicated, the opening meeting on 9 March, evidence E-1
// (verified) and E-2 (collected, not yet verified). A step refused
// panics: the example's data is fixed.
func fdExampleAudit(id audit.ID) *audit.Audit {
	a, err := audit.New(audit.NewOptions{ID: id, Kind: annexa.Stage2, Client: "Certification body", Auditee: "Example Ltd"}, fdExampleBy(2, 9, "lead-1"))
	fdExampleMust(err)
	criteria := []annexa.Ref{annexa.RefToClause("9.2"), annexa.RefToControl("5.1"), annexa.RefToControl("8.15")}
	plan := audit.PlanContent{
		Objectives: []string{"determine whether the ISMS is effectively implemented"},
		Scope:      audit.Scope{ISMS: "the payment platform of Example Ltd"},
		Locations:  []string{"Example Ltd offices"},
		Start:      fdExampleDay(9, 9), End: fdExampleDay(11, 17),
		Schedule: []audit.Activity{{Title: "interviews and record review", Location: "Example Ltd offices", Start: fdExampleDay(9, 9), End: fdExampleDay(11, 17),
			Auditors: []competence.AuditorID{"lead-1", "aud-2"}, Criteria: criteria}},
		Methods:          []audit.Method{{Location: audit.OnSite, HumanInteraction: true, Description: "interviews and record review"}},
		SamplingApproach: "judgemental samples of servers",
	}
	for _, r := range criteria {
		plan.Criteria = append(plan.Criteria, audit.Criterion{Ref: r})
		plan.Assignments = append(plan.Assignments, audit.Assignment{Criterion: r, Auditor: "aud-2"})
	}
	item := func(id ismsaudit.EvidenceID) audit.Evidence {
		return audit.Evidence{ID: id, Source: audit.SourceRecord, Description: "log retention settings of the payment servers",
			Supports: []annexa.Ref{annexa.RefToControl("8.15")}, CollectedBy: "aud-2", CollectedAt: fdExampleDay(9, 10), Confidentiality: audit.ConfidentialityInternal}
	}
	fdExampleMust(
		a.EstablishContact(audit.Contact{Person: "CISO of Example Ltd", At: fdExampleDay(2, 10), By: "lead-1"}, fdExampleBy(2, 10, "lead-1")),
		a.DecideFeasibility(audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: fdExampleDay(2, 11), DecidedBy: "lead-1"}, fdExampleBy(2, 11, "lead-1")),
		a.SetTeam([]audit.Member{
			{Auditor: "lead-1", Name: "Lena Lead", Role: competence.RoleTeamLeader},
			{Auditor: "aud-2", Name: "Ari Auditor", Role: competence.RoleAuditor},
		}, fdExampleBy(2, 12, "lead-1")),
		a.Prepare(fdExampleBy(3, 9, "lead-1")),
		a.DraftPlan(plan, fdExampleBy(4, 9, "lead-1")),
		a.ApprovePlan(fdExampleBy(4, 10, "lead-1"), nil),
		a.CommunicatePlan(fdExampleBy(5, 9, "lead-1")),
		a.HoldOpeningMeeting(audit.OpeningMeeting{At: fdExampleDay(9, 9), Attendees: []audit.Attendee{{Name: "Lena Lead"}, {Name: "CISO", Organization: "Example Ltd"}},
			PlanConfirmed: true, ScopeConfirmed: true}, fdExampleBy(9, 9, "lead-1")),
		a.CollectEvidence(item("E-1"), fdExampleBy(9, 10, "aud-2")),
		a.CollectEvidence(item("E-2"), fdExampleBy(9, 10, "aud-2")),
		a.VerifyEvidence("E-1", fdExampleBy(9, 11, "aud-2")),
	)
	return a
}

// fdExampleMust panics on a refused step of an example's fixed data.
func fdExampleMust(errs ...error) {
	if err := errors.Join(errs...); err != nil {
		panic(err)
	}
}

// fdExampleNC is a nonconformity on log retention.
func fdExampleNC(id audit.FindingID, g audit.Grade, evidence ...ismsaudit.EvidenceID) audit.Finding {
	return audit.Finding{
		ID: id, Kind: audit.Nonconformity, Grade: g, Criteria: []annexa.Ref{annexa.RefToControl("8.15")}, Evidence: evidence,
		Requirement: "event logs are kept for the period the logging standard sets",
		Found:       "the payment servers keep 7 days of logs",
		Reason:      "the logging standard sets 90 days",
		RaisedBy:    "aud-2", RaisedAt: fdExampleDay(10, 10),
	}
}

// fdExampleRaise records the findings on 10 March and has the team
// confirm them.
func fdExampleRaise(a *audit.Audit, fs ...audit.Finding) {
	for _, f := range fs {
		fdExampleMust(a.AddFinding(f, fdExampleBy(10, 12, "aud-2")), a.ConfirmFinding(f.ID, fdExampleBy(10, 14, "lead-1")))
	}
}

// fdExampleClosing ends fieldwork, has the team agree conclusions with the
// recommendation the findings call for, and holds the closing meeting at
// 16:00 on 11 March, which presents the findings.
func fdExampleClosing(a *audit.Audit) {
	rec, _ := audit.DeriveRecommendation(a, fdExampleDay(11, 14))
	fdExampleMust(
		a.EndFieldwork(fdExampleBy(11, 9, "lead-1")),
		a.DraftConclusion(audit.Conclusion{Fulfilment: audit.LargelyFulfilled, Extent: "criteria met apart from log retention",
			Effectiveness: "the ISMS is effectively implemented and maintained", ObjectivesAchieved: true, ScopeCovered: true, Recommendation: rec}, fdExampleBy(11, 14, "lead-1")),
		a.AgreeConclusion(fdExampleBy(11, 14, "lead-1")),
		a.HoldClosingMeeting(audit.ClosingMeeting{At: fdExampleDay(11, 16), Attendees: []audit.Attendee{{Name: "Lena Lead"}, {Name: "CISO", Organization: "Example Ltd"}},
			FindingsPresented: true, ConclusionsPresented: true, AgreedFollowUp: "corrective action plans within ten days"}, fdExampleBy(11, 16, "lead-1")),
	)
}

// fdExampleFollowUp has the auditee acknowledge every finding, plans
// (and accepts) a corrective action due on the given date for each
// nonconformity, issues and distributes the report, completes the audit
// and starts the follow-up on 19 March.
func fdExampleFollowUp(a *audit.Audit, due ...time.Time) {
	k := 0
	for _, f := range a.Findings {
		fdExampleMust(a.AcknowledgeFinding(f.ID, fdExampleBy(11, 17, "auditee-ciso")))
		if f.Kind == audit.Nonconformity && k < len(due) {
			fdExampleMust(
				a.PlanCorrectiveAction(f.ID, audit.CorrectiveActionPlan{Correction: "retention raised to 90 days", RootCause: "servers built from an old image",
					Action: "images carry the logging standard", DueAt: due[k]}, fdExampleBy(12, 9, "auditee-ciso")),
				a.AcceptCorrectiveAction(f.ID, fdExampleBy(12, 10, "lead-1")),
			)
			k++
		}
	}
	fdExampleMust(
		a.IssueReport(fdExampleBy(18, 9, "lead-1")),
		a.Distribute([]audit.Recipient{{Name: "CISO", Organization: "Example Ltd", Clearance: audit.ConfidentialityRestricted}}, fdExampleBy(19, 9, "lead-1")),
		a.Complete(audit.Completion{Records: "kept for the certification cycle"}, fdExampleBy(19, 10, "lead-1")),
		a.StartFollowUp(fdExampleBy(19, 11, "lead-1")),
	)
}

func fdExampleRule(err error) string {
	if err == nil {
		return "accepted"
	}
	var te *ismsaudit.TransitionError
	if errors.As(err, &te) {
		return string(te.Rule)
	}
	return err.Error()
}

func ExampleAudit_ConfirmFinding() {
	a := fdExampleAudit("A-2026-07")
	at := fdExampleBy(10, 12, "aud-2")

	// A nonconformity on verified evidence is confirmed by the team.
	if err := a.AddFinding(fdExampleNC("F-1", audit.Major, "E-1"), at); err != nil {
		fmt.Println(err)
	}
	if err := a.ConfirmFinding("F-1", fdExampleBy(10, 14, "lead-1")); err != nil {
		fmt.Println(err)
	}
	f, _ := a.Finding("F-1")
	fmt.Println(f.ID, f.State, len(f.History))

	// One resting on information not yet verified is not.
	_ = a.AddFinding(fdExampleNC("F-2", audit.Minor, "E-2"), at)
	err := a.ConfirmFinding("F-2", fdExampleBy(10, 14, "lead-1"))
	fmt.Println(errors.Is(err, ismsaudit.ErrTransition), fdExampleRule(err))
	// Output:
	// F-1 confirmed 1
	// true AUD-NC-EVIDENCE
}

func ExampleAudit_AddFinding() {
	a := fdExampleAudit("A-2026-07")
	f := fdExampleNC("F-1", "", "E-9")
	f.Criteria = append(f.Criteria, annexa.RefToControl("9.9"))
	err := a.AddFinding(f, ismsaudit.Meta{At: fdExampleDay(10, 12), By: "aud-2"})
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, fe := range ve.Fields {
			fmt.Println(fe.Path, fe.Rule)
		}
	}
	fmt.Println(errors.Is(err, ismsaudit.ErrNotFound), len(a.Findings))
	// Output:
	// Grade AUD-NC-GRADE
	// Criteria[1].ID unknown
	// Evidence[0] unknown
	// true 0
}

func ExampleAudit_DisputeFinding() {
	a := fdExampleAudit("A-2026-07")
	fdExampleRaise(a, fdExampleNC("F-1", audit.Minor, "E-1"), fdExampleNC("F-2", audit.Minor, "E-1"))
	fdExampleClosing(a) // presents both findings
	auditee := fdExampleBy(11, 17, "auditee-ciso")

	// Settled before the report is issued.
	_ = a.DisputeFinding("F-1", "retention is set by our payment provider", auditee)
	_ = a.ResolveDispute("F-1", "the provider's contract allows 90 days; the finding stands", fdExampleBy(12, 10, "lead-1"))
	f1, _ := a.Finding("F-1")
	fmt.Println(f1.ID, f1.State, "-", f1.Resolution)

	// Not settled by then: it goes in the report as a diverging opinion.
	_ = a.DisputeFinding("F-2", "the servers are out of scope", auditee)
	if err := a.IssueReport(fdExampleBy(18, 9, "lead-1")); err != nil {
		fmt.Println(err)
	}
	err := a.ResolveDispute("F-2", "agreed later", fdExampleBy(19, 10, "lead-1"))
	f2, _ := a.Finding("F-2")
	fmt.Println(f2.ID, f2.State, "-", f2.DivergingOpinion, "-", fdExampleRule(err))
	// Output:
	// F-1 resolved - the provider's contract allows 90 days; the finding stands
	// F-2 disputed - the servers are out of scope - AUD-DISPUTE-BEFORE-REPORT
}

func ExampleAudit_AgreeConclusion() {
	a := fdExampleAudit("A-2026-07")
	_ = a.AddFinding(fdExampleNC("F-1", audit.Minor, "E-1"), fdExampleBy(10, 12, "aud-2"))
	_ = a.EndFieldwork(fdExampleBy(11, 9, "lead-1"))
	_ = a.ConfirmFinding("F-1", fdExampleBy(11, 10, "lead-1"))

	c := audit.Conclusion{
		Fulfilment: audit.LargelyFulfilled, Extent: "criteria met apart from log retention",
		Effectiveness: "the ISMS is effectively implemented and maintained", ObjectivesAchieved: true, ScopeCovered: true,
		Recommendation: audit.Recommend,
	}
	m := fdExampleBy(11, 14, "lead-1")
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
	a := fdExampleAudit("A-2026-07")
	fdExampleRaise(a, fdExampleNC("F-1", audit.Major, "E-1"), fdExampleNC("F-2", audit.Minor, "E-1"))
	fdExampleClosing(a)
	fdExampleFollowUp(a, time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC)) // F-1's action is due on 31 May; F-2 has no plan yet
	fdExampleMust(a.MarkImplemented("F-1", ismsaudit.Meta{At: time.Date(2026, 4, 20, 9, 0, 0, 0, time.UTC), By: "auditee-ciso"}))

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
	a := fdExampleAudit("A-2026-07")
	fdExampleRaise(a, fdExampleNC("F-1", audit.Major, "E-1"))
	fdExampleClosing(a)
	fdExampleFollowUp(a) // no plan yet
	day := func(month time.Month, d int) ismsaudit.Meta {
		return ismsaudit.Meta{At: time.Date(2026, month, d, 9, 0, 0, 0, time.UTC), By: "lead-1"}
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
	_ = a.VerifyCorrectiveAction("F-1", false, []ismsaudit.EvidenceID{"E-1"}, m)

	plan.Action = "rebuild the two servers from the new image"
	_ = a.PlanCorrectiveAction("F-1", plan, day(4, 21))
	_ = a.AcceptCorrectiveAction("F-1", day(4, 22))
	_ = a.MarkImplemented("F-1", day(5, 4))

	// Only an auditor of the team may close it, on verified evidence.
	notAuditor := day(5, 12)
	notAuditor.By = "auditee-ciso"
	fmt.Println(fdExampleRule(a.VerifyCorrectiveAction("F-1", true, []ismsaudit.EvidenceID{"E-1"}, notAuditor)))
	fmt.Println(fdExampleRule(a.VerifyCorrectiveAction("F-1", true, []ismsaudit.EvidenceID{"E-1"}, day(5, 12))))

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
	a := fdExampleAudit("A-2026-07")
	fdExampleRaise(a, fdExampleNC("F-1", audit.Minor, "E-1"), fdExampleNC("F-2", audit.Minor, "E-1"), fdExampleNC("F-3", audit.Minor, "E-1"))
	fdExampleClosing(a)
	may, july := time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC), time.Date(2026, 7, 31, 0, 0, 0, 0, time.UTC)
	fdExampleFollowUp(a, may, may, july)
	april := func(d int, by string) ismsaudit.Meta {
		return ismsaudit.Meta{At: time.Date(2026, 4, d, 9, 0, 0, 0, time.UTC), By: by}
	}
	fdExampleMust(
		a.MarkImplemented("F-1", april(20, "auditee-ciso")),
		a.MarkImplemented("F-2", april(20, "auditee-ciso")),
		a.VerifyCorrectiveAction("F-2", true, []ismsaudit.EvidenceID{"E-1"}, april(28, "lead-1")),
	)
	for _, u := range a.Overdue(time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)) {
		fmt.Println(u.Finding, u.State)
	}
	// Output:
	// F-1 implemented
}

func ExampleCompare() {
	nc := func(id audit.FindingID, ref annexa.Ref) audit.Finding {
		f := fdExampleNC(id, audit.Minor, "E-1")
		f.Criteria = []annexa.Ref{ref}
		return f
	}
	previous := fdExampleAudit("A-2026-03")
	fdExampleRaise(previous, nc("P-1", annexa.RefToControl("8.15")), nc("P-2", annexa.RefToControl("5.1")))
	fdExampleClosing(previous)

	current := fdExampleAudit("A-2026-09")
	fdExampleRaise(current, nc("C-1", annexa.RefToControl("8.15")), nc("C-2", annexa.RefToClause("9.2")))

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
	previous := fdExampleAudit("A-2026-03")
	fdExampleRaise(previous, fdExampleNC("P-1", audit.Major, "E-1"))
	fdExampleClosing(previous)
	fdExampleFollowUp(previous, time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC))
	fdExampleMust(previous.MarkImplemented("P-1", ismsaudit.Meta{At: time.Date(2026, 4, 20, 9, 0, 0, 0, time.UTC), By: "auditee-ciso"}))

	// A surveillance audit in September starts from it.
	next, err := audit.FromBaseline(previous, audit.NewOptions{ID: "A-2026-09", Kind: annexa.Surveillance, Client: "Certification body"},
		ismsaudit.Meta{At: time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC), By: "lead-1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(next.ID, next.Auditee, next.Baseline, next.State)
	for _, item := range previous.BaselineFocus() {
		fmt.Println("focus:", item.Criterion, item.Grade, "open:", item.Open)
	}
	// Output:
	// A-2026-09 Example Ltd A-2026-03 initiation
	// focus: A.8.15 major open: true
}
