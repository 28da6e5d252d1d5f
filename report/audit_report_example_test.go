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

// smallAudit is a small internal audit after its closing meeting, with
// its report issued and sent to one recipient.
func smallAudit() *audit.Audit {
	at := func(day, hour int) time.Time { return time.Date(2026, time.March, day, hour, 0, 0, 0, time.UTC) }
	content := audit.PlanContent{
		Objectives: []string{"Check that leavers lose their access on time."},
		Scope:      audit.Scope{Units: []string{"IT Operations"}},
		Criteria:   []audit.Criterion{{Ref: annexa.RefToControl("5.18")}, {Ref: annexa.RefToControl("8.8")}},
		Locations:  []string{"London office"},
		Start:      at(2, 9), End: at(2, 17),
	}
	return &audit.Audit{
		ID: "IA-7", Kind: annexa.Internal, Client: "Example Ltd board", Auditee: "Example Ltd",
		CreatedAt: at(1, 9), CreatedBy: "Ann", State: audit.StateReported,
		History: []audit.Entry{
			{From: audit.StateInitiation, Event: audit.EventPrepare, To: audit.StatePreparation, At: at(1, 10), By: "Ann Lee"},
			{From: audit.StatePreparation, Event: audit.EventOpen, To: audit.StateFieldwork, At: at(2, 9), By: "Ann Lee"},
			{From: audit.StateFieldwork, Event: audit.EventEndFieldwork, To: audit.StateFindings, At: at(2, 15), By: "Ann Lee"},
			{From: audit.StateFindings, Event: audit.EventHoldClosingMeeting, To: audit.StateClosing, At: at(2, 16), By: "Ann Lee"},
			{From: audit.StateClosing, Event: audit.EventIssueReport, To: audit.StateReported, At: at(3, 9), By: "Ann Lee"},
		},
		Team: []audit.Member{{Auditor: "A-1", Name: "Ann Lee", Role: competence.RoleTeamLeader}},
		Plan: &audit.Plan{State: audit.PlanCommunicated, Content: content,
			Versions: []audit.PlanVersion{{Version: 1, ApprovedAt: at(1, 10), ApprovedBy: "Ann Lee", Content: content}}},
		Opening: &audit.OpeningMeeting{HeldAt: at(2, 9), Attendees: []audit.Attendee{{Name: "Raj Patel", Organization: "Example Ltd", Role: "IT manager"}}},
		Evidence: []audit.Evidence{
			{ID: "EV-1", Source: audit.SourceRecord, Description: "Leaver tickets: 1 of 5 removed late.", Supports: []annexa.Ref{annexa.RefToControl("5.18")},
				CollectedBy: "Ann Lee", CollectedAt: at(2, 11), Confidentiality: audit.ConfidentialityRestricted, State: audit.EvidenceVerified},
			{ID: "EV-2", Source: audit.SourceTechnicalVerification, Description: "Patch report: all servers current.", Supports: []annexa.Ref{annexa.RefToControl("8.8")},
				CollectedBy: "Ann Lee", CollectedAt: at(2, 14), Confidentiality: audit.ConfidentialityInternal, State: audit.EvidenceVerified},
		},
		Findings: []audit.Finding{
			{ID: "F-1", Kind: audit.Nonconformity, Grade: audit.Minor, Criteria: []annexa.Ref{annexa.RefToControl("5.18")}, Evidence: []ismsaudit.EvidenceID{"EV-1"},
				Requirement: "Access is removed on the last working day.", Found: "One leaver kept access for 12 days.", Reason: "Removal was late.",
				RaisedBy: "Ann Lee", RaisedAt: at(2, 12), State: audit.FindingAcknowledged},
			{ID: "F-2", Kind: audit.Conformity, Criteria: []annexa.Ref{annexa.RefToControl("8.8")}, Evidence: []ismsaudit.EvidenceID{"EV-2"},
				Found: "Patching meets the policy.", RaisedBy: "Ann Lee", RaisedAt: at(2, 15), State: audit.FindingAcknowledged},
		},
		Conclusion: &audit.Conclusion{Fulfilment: audit.LargelyFulfilled, Extent: "Met apart from one minor nonconformity.",
			Effectiveness: "Effective.", ObjectivesAchieved: true, ScopeCovered: true, State: audit.ConclusionPresented},
		Closing: &audit.ClosingMeeting{HeldAt: at(2, 16), Attendees: []audit.Attendee{{Name: "Raj Patel", Organization: "Example Ltd"}}, FindingsPresented: true, ConclusionsPresented: true},
		Report: &audit.ReportRecord{Version: 1, IssuedAt: at(3, 9), IssuedBy: "Ann Lee",
			Distribution: []audit.Distribution{{Recipient: audit.Recipient{Name: "Raj Patel", Clearance: audit.ConfidentialityInternal}, Version: 1, At: at(3, 10), By: "Ann Lee"}}},
	}
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
	// - **Report:** version 1, issued 2026-03-03 09:00 +00:00 by Ann Lee
	// - **Audit status:** reported
	// - **As of:** 2026-03-03 09:00 +00:00
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
	// | Ann Lee | team leader | A-1 |  |
	//
	// **Auditee participants**
	//
	// | Name | Organization | Role | Meetings |
	// |---|---|---|---|
	// | Raj Patel | Example Ltd | IT manager | opening, closing |
	//
	// ## Dates and locations
	//
	// Audit activities took place from 2026-03-02 09:00 +00:00 to 2026-03-02 17:00 +00:00 at:
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
	// - **Status:** **minor nonconformity**, acknowledged
	// - **Requirement:** Access is removed on the last working day.
	// - **Found:** One leaver kept access for 12 days.
	// - **Why it does not conform:** Removal was late.
	// - **Raised by:** Ann Lee on 2026-03-02 12:00 +00:00
	//
	// **Evidence**
	//
	// - EV-1 (record, restricted, verified, collected 2026-03-02 11:00 +00:00 by Ann Lee): Leaver tickets: 1 of 5 removed late.
	//
	// ### F-2 · Conformity
	//
	// - **Criteria:** A.8.8 Management of technical vulnerabilities
	// - **Status:** **conformity**, acknowledged
	// - **Found:** Patching meets the policy.
	// - **Raised by:** Ann Lee on 2026-03-02 15:00 +00:00
	//
	// **Evidence**
	//
	// - EV-2 (technical verification, internal, verified, collected 2026-03-02 14:00 +00:00 by Ann Lee): Patch report: all servers current.
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
	// ## Audit plan and timetable
	//
	// Plan version 1, approved 2026-03-01 10:00 +00:00 by Ann Lee.
	//
	// ## Confidentiality
	//
	// This report is confidential to the audit client, the auditee and the named recipients. Evidence marked restricted appears in full only in copies for recipients cleared for it; other copies show a reference to it.
	//
	// ## Distribution
	//
	// | Recipient | Organization | Clearance | Version | Received | Sent by |
	// |---|---|---|---|---|---|
	// | Raj Patel |  | internal | 1 | 2026-03-03 10:00 +00:00 | Ann Lee |
}

func ExampleAuditReport_Check() {
	a := smallAudit()
	a.Plan.Versions[0].Content.Objectives = nil
	a.Conclusion.Fulfilment = ""
	r, err := report.BuildAuditReport(a, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
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
	//       "published": "2026-03-03T09:00:00Z",
	//       "last-modified": "2026-03-03T09:00:00Z",
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
