package report_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/report"
)

// smallAudit is a small internal audit taken by the audit package's
// operations from New to its report, issued and sent to one recipient:
// two evidence items (one restricted), a minor nonconformity with its
// corrective action agreed, and a conformity. Every step is the team
// leader's (auditor id "ann"), half an hour after the one before.
func smallAudit() *audit.Audit {
	t := time.Date(2026, time.March, 2, 7, 0, 0, 0, time.UTC)
	next := func() ismsaudit.Meta { t = t.Add(30 * time.Minute); return ismsaudit.Meta{At: t, By: "ann"} }
	a, err := audit.New(audit.NewOptions{ID: "IA-7", Kind: annexa.Internal, Client: "Example Ltd board", Auditee: "Example Ltd"}, next())
	must(err)
	leavers, patching := annexa.RefToControl("5.18"), annexa.RefToControl("8.8")
	day := time.Date(2026, time.March, 2, 11, 30, 0, 0, time.UTC)
	plan := audit.PlanContent{
		Objectives: []string{"Check that leavers lose their access on time."},
		Scope:      audit.Scope{Units: []string{"IT Operations"}},
		Criteria:   []audit.Criterion{{Ref: leavers}, {Ref: patching}},
		Locations:  []string{"London office"}, Start: day, End: day.Add(6*time.Hour + 30*time.Minute),
		Schedule:         []audit.Activity{{Title: "Interviews and record reviews", Location: "London office", Start: day, End: day.Add(6*time.Hour + 30*time.Minute)}},
		Methods:          []audit.Method{{Location: audit.OnSite, HumanInteraction: true, Description: "Interviews and record reviews"}},
		SamplingApproach: "The last five leavers, and every server.",
		Assignments:      []audit.Assignment{{Criterion: leavers, Auditor: "ann"}, {Criterion: patching, Auditor: "ann"}},
	}
	raj := []audit.Attendee{{Name: "Raj Patel", Organization: "Example Ltd", Role: "IT manager"}}
	nc := audit.Finding{ID: "F-1", Kind: audit.Nonconformity, Grade: audit.Minor, Criteria: []annexa.Ref{leavers}, Evidence: []ismsaudit.EvidenceID{"EV-1"},
		Requirement: "Access is removed on the last working day.", Found: "One leaver kept access for 12 days.", Reason: "Removal was late."}
	ok := audit.Finding{ID: "F-2", Kind: audit.Conformity, Criteria: []annexa.Ref{patching}, Evidence: []ismsaudit.EvidenceID{"EV-2"},
		Found: "Patching meets the policy."}
	must(ismsaudit.Run(next,
		ismsaudit.With(a.EstablishContact, audit.Contact{Person: "Raj Patel"}),
		ismsaudit.With(a.DecideFeasibility, audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true}),
		ismsaudit.With(a.SetTeam, []audit.Member{{Auditor: "ann", Name: "Ann Lee", Role: competence.RoleTeamLeader}}),
		a.Prepare, ismsaudit.With(a.DraftPlan, plan), ismsaudit.With(a.ApprovePlan, audit.PlanCheck{}), a.CommunicatePlan,
		ismsaudit.With(a.HoldOpeningMeeting, audit.OpeningMeeting{Attendees: raj, PlanConfirmed: true, ScopeConfirmed: true}),
		ismsaudit.With(a.CollectEvidence, audit.Evidence{ID: "EV-1", Source: audit.SourceRecord, Description: "Leaver tickets: 1 of 5 removed late.",
			Supports: []annexa.Ref{leavers}, Confidentiality: audit.ConfidentialityRestricted}),
		ismsaudit.With(a.VerifyEvidence, ismsaudit.EvidenceID("EV-1")),
		ismsaudit.With(a.CollectEvidence, audit.Evidence{ID: "EV-2", Source: audit.SourceTechnicalVerification, Description: "Patch report: all servers current.",
			Supports: []annexa.Ref{patching}, Confidentiality: audit.ConfidentialityInternal}),
		ismsaudit.With(a.VerifyEvidence, ismsaudit.EvidenceID("EV-2")),
		ismsaudit.With(a.AddFinding, nc), ismsaudit.With(a.ConfirmFinding, nc.ID),
		ismsaudit.With(a.AddFinding, ok), ismsaudit.With(a.ConfirmFinding, ok.ID), a.EndFieldwork,
		ismsaudit.With(a.DraftConclusion, audit.Conclusion{Fulfilment: audit.LargelyFulfilled, Extent: "Met apart from one minor nonconformity.",
			Effectiveness: "Effective.", ObjectivesAchieved: true, ScopeCovered: true}), a.AgreeConclusion,
		ismsaudit.With(a.HoldClosingMeeting, audit.ClosingMeeting{Attendees: raj, FindingsPresented: true, ConclusionsPresented: true,
			AgreedFollowUp: "A corrective action plan within a week."}),
		ismsaudit.With2(a.PlanCorrectiveAction, nc.ID, audit.CorrectiveActionPlan{Correction: "Access removed.", RootCause: "HR tells IT late.",
			Action: "HR opens the leaver ticket a week ahead.", DueAt: day.AddDate(0, 1, 0)}),
		ismsaudit.With(a.AcceptCorrectiveAction, nc.ID), a.IssueReport,
		ismsaudit.With(a.Distribute, []audit.Recipient{{Name: "Raj Patel", Organization: "Example Ltd", Clearance: audit.ConfidentialityInternal}}),
	))
	return a
}

func ExampleWriteAuditReport() {
	r, err := report.BuildAuditReport(smallAudit(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := report.WriteAuditReport(os.Stdout, r, report.Markdown); err != nil {
		fmt.Println(err)
	}
	// Output:
	// # Internal audit report: Example Ltd
	//
	// - **Audit:** IA-7 (internal audit)
	// - **Audit client:** Example Ltd board
	// - **Auditee:** Example Ltd
	// - **Report:** version 1, issued 2026-03-02 19:00 +00:00 by ann
	// - **Audit status:** distributed
	// - **As of:** 2026-03-02 19:30 +00:00
	//
	// ## Audit objectives
	//
	// - Check that leavers lose their access on time.
	//
	// ## Audit scope
	//
	// - **Organization audited:** Example Ltd
	// - **Units:** IT Operations
	//
	// ## Audit client, team and participants
	//
	// **Audit client:** Example Ltd board
	//
	// | Name | Role | Auditor id | Organization |
	// |---|---|---|---|
	// | Ann Lee | team leader | ann |  |
	//
	// **Auditee participants**
	//
	// | Name | Organization | Role | Meetings |
	// |---|---|---|---|
	// | Raj Patel | Example Ltd | IT manager | opening, closing |
	//
	// ## Dates and locations
	//
	// Audit activities took place from 2026-03-02 11:30 +00:00 to 2026-03-02 18:00 +00:00 at:
	//
	// - London office
	//
	// ## Audit criteria
	//
	// | Criterion | Title |
	// |---|---|
	// | A.5.18 | Access rights |
	// | A.8.8 | Management of technical vulnerabilities |
	//
	// ## Audit findings and evidence
	//
	// 2 findings: 1 nonconformity (1 minor), 1 conformity.
	//
	// ### F-1 · Nonconformity (minor)
	//
	// - **Criteria:** A.5.18 Access rights
	// - **Status:** **minor nonconformity**, presented
	// - **Requirement:** Access is removed on the last working day.
	// - **Found:** One leaver kept access for 12 days.
	// - **Why it does not conform:** Removal was late.
	// - **Raised by:** ann on 2026-03-02 14:00 +00:00
	// - **Corrective action:** accepted, due 2026-04-02
	//
	// **Evidence**
	//
	// - EV-1 (record, restricted, verified, collected 2026-03-02 12:00 +00:00 by ann): Leaver tickets: 1 of 5 removed late.
	//
	// ### F-2 · Conformity
	//
	// - **Criteria:** A.8.8 Management of technical vulnerabilities
	// - **Status:** **conformity**, presented
	// - **Found:** Patching meets the policy.
	// - **Raised by:** ann on 2026-03-02 15:00 +00:00
	//
	// **Evidence**
	//
	// - EV-2 (technical verification, internal, verified, collected 2026-03-02 13:00 +00:00 by ann): Patch report: all servers current.
	//
	// ## Audit conclusions
	//
	// **Degree of fulfilment:** **largely fulfilled**. The audit criteria are largely fulfilled: they are met apart from minor nonconformities.
	//
	// - **Extent of conformity:** Met apart from one minor nonconformity.
	// - **Effectiveness of the ISMS:** Effective.
	// - **Audit objectives achieved:** yes
	// - **Whole audit scope covered:** yes
	//
	// ## Unresolved diverging opinions
	//
	// None: the auditee and the audit team settled every opinion.
	//
	// ## Sampling
	//
	// > An audit examines a sample of the information available. The evidence examined may not be representative of everything within the audit scope, so this report does not certify conformity of what was not examined.
	//
	// The last five leavers, and every server.
	//
	// ## Audit plan and timetable
	//
	// Plan version 1, approved 2026-03-02 10:30 +00:00 by ann.
	//
	// - **Method (on-site, with human interaction):** Interviews and record reviews
	//
	// | Start | End | Activity | Location | Auditors | Criteria |
	// |---|---|---|---|---|---|
	// | 2026-03-02 11:30 +00:00 | 2026-03-02 18:00 +00:00 | Interviews and record reviews | London office |  |  |
	//
	// ## Agreed follow-up
	//
	// A corrective action plan within a week.
	//
	// | Finding | Correction | Root cause | Corrective action | Due | State |
	// |---|---|---|---|---|---|
	// | F-1 | Access removed. | HR tells IT late. | HR opens the leaver ticket a week ahead. | 2026-04-02 | accepted |
	//
	// ## Confidentiality
	//
	// This report is confidential to the audit client, the auditee and the named recipients. Evidence marked restricted appears in full only in copies for recipients cleared for it; other copies show a reference to it.
	//
	// ## Distribution
	//
	// | Recipient | Organization | Clearance | Version | Received | Sent by |
	// |---|---|---|---|---|---|
	// | Raj Patel | Example Ltd | internal | 1 | 2026-03-02 19:30 +00:00 | ann |
	//
	// ## Record seal
	//
	// The audit record this report was built from is not sealed: a later change to it would not be evident.
}

func ExampleAuditReport_Check() {
	r, err := report.BuildAuditReport(smallAudit(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	// A report edited after it was built, or decoded from elsewhere, may
	// lack content a report must hold: Check names each piece with its
	// rule.
	r.Objectives = nil
	r.Conclusion.Fulfilment = ""
	var ve *ismsaudit.ValidationError
	if errors.As(r.Check(), &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	// Rendering an incomplete report writes nothing.
	var buf bytes.Buffer
	err = report.WriteAuditReport(&buf, r, report.HTML)
	fmt.Println(errors.Is(err, ismsaudit.ErrInvalid), buf.Len())
	// Output:
	// Objectives RPT-OBJECTIVES
	// Conclusion.Fulfilment RPT-FULFILMENT
	// true 0
}

// A problem Check reports cites a rule; LookupRule says where it comes
// from and what it asks.
func ExampleLookupRule() {
	rule, ok := report.LookupRule(report.RuleObjectives)
	fmt.Println(ok, rule.Clause.Cite(), rule.Principle)
	fmt.Println(rule.Text)
	// Output:
	// true ISO 19011:2018 6.5.1 a fair-presentation
	// the report states the audit objectives
}

func ExampleRecipientCopy() {
	r, err := report.BuildAuditReport(smallAudit(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := report.RecipientCopy(r, audit.Recipient{Name: "Raj Patel", Clearance: audit.ConfidentialityInternal})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range c.Evidence {
		fmt.Printf("%s %s withheld=%v %q\n", e.ID, e.Confidentiality, e.Withheld, e.Description)
	}
	fmt.Println("withheld in this copy:", c.Copy.Withheld)
	// Output:
	// EV-1 restricted withheld=true ""
	// EV-2 internal withheld=false "Patch report: all servers current."
	// withheld in this copy: 1
}

func ExampleAssessmentResults() {
	r, err := report.BuildAuditReport(smallAudit(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf, indented bytes.Buffer
	if err := report.AssessmentResults(&buf, r); err != nil {
		fmt.Println(err)
		return
	}
	// The export is compact JSON; indent it to read it.
	if err := json.Indent(&indented, buf.Bytes(), "", "  "); err != nil {
		fmt.Println(err)
		return
	}
	lines := bufio.NewScanner(&indented)
	for i := 0; i < 10 && lines.Scan(); i++ {
		fmt.Println(lines.Text())
	}
	// Output:
	// {
	//   "assessment-results": {
	//     "uuid": "d7a335cd-900a-56d2-a640-8c78027bccf2",
	//     "metadata": {
	//       "title": "Internal audit report: Example Ltd",
	//       "published": "2026-03-02T19:00:00Z",
	//       "last-modified": "2026-03-02T19:30:00Z",
	//       "version": "1",
	//       "oscal-version": "1.1.2",
	//       "props": [
}

func ExamplePlanOfActionAndMilestones() {
	r, err := report.BuildAuditReport(smallAudit(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := report.PlanOfActionAndMilestones(&buf, r); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bytes.Count(buf.Bytes(), []byte(`"poam-items"`)), "poam-items list;", bytes.Count(buf.Bytes(), []byte(`"related-findings"`)), "item")
	// Output:
	// 1 poam-items list; 1 item
}

func ExampleOSCALUUID() {
	first := report.OSCALUUID("audit", "IA-7", "finding", "F-1")
	again := report.OSCALUUID("audit", "IA-7", "finding", "F-1")
	fmt.Println(first)
	fmt.Println(first == again, first == report.OSCALUUID("audit", "IA-7", "finding", "F-2"))
	// Output:
	// c74ab5a1-222c-52f0-869f-9f1bd081b1cc
	// true false
}
