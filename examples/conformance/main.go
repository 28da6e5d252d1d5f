// Command conformance prints the process rules the audit package
// enforces, grouped by the principle of auditing each serves (ISO
// 19011:2018 clause 4), then verifies a sample audit record against them:
// first the record as the operations left it, then a copy decoded from
// JSON with changes made by hand, to show what Verify reports.
//
// Usage:
//
//	go run ./examples/conformance
//
// The sample is an internal audit of the built-in sample organisation,
// Northwind Analytics Ltd, taken from initiation to its closed follow-up.
// conformance_test.go in the same folder shows how a host's test suite
// asserts the same rules with package audittest.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
)

func main() {
	os.Exit(command(os.Args[1:], os.Stdout, os.Stderr))
}

// command runs the program with its command line: it takes no flags but
// -h and no arguments.
func command(args []string, stdout, stderr io.Writer) int {
	fs := cli.NewFlagSet("conformance", "Prints the audit package's process rules by principle and verifies a sample audit record, as built and after changes by hand.", stderr)
	if code, goOn := cli.Parse(fs, args); !goOn {
		return code
	}
	if err := run(stdout); err != nil {
		fmt.Fprintln(stderr, "conformance:", err)
		return cli.Failed
	}
	return cli.OK
}

// run writes the catalogue and the verification of the sample to w.
func run(w io.Writer) error {
	out := bufio.NewWriter(w)
	printCatalogue(out)

	a, err := sampleAudit()
	if err != nil {
		return fmt.Errorf("building the sample audit: %w", err)
	}
	fmt.Fprintf(out, "\nSample record: %s audit %s of %s, %s\n", a.Kind, a.ID, a.Auditee, a.State)
	fmt.Fprintf(out, "  evidence items: %d, findings: %d, follow-ups: %d, history entries: %d; sealed on %s\n",
		len(a.Evidence), len(a.Findings), len(a.FollowUps), len(a.History), a.Seal.At.Format(time.DateOnly))
	printVerify(out, audit.Verify(a, nil))

	changed, err := tamper(a)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "\nThe same record, decoded from JSON after three changes by hand:")
	fmt.Fprintln(out, "  - nonconformity F-1 now cites E-4, the item the team rejected;")
	fmt.Fprintln(out, "  - the closing meeting no longer records the follow-up agreed;")
	fmt.Fprintln(out, "  - the description of evidence item E-1 was rewritten after sealing.")
	printVerify(out, audit.Verify(changed, nil))
	return out.Flush()
}

// printCatalogue lists the rules by principle, in the catalogue's order.
func printCatalogue(w io.Writer) {
	n := 0
	for range audit.Rules() {
		n++
	}
	fmt.Fprintf(w, "The audit package enforces %d process rules. By principle of auditing (ISO 19011:2018 clause 4):\n", n)
	for _, p := range ismsaudit.Principles() {
		var rules []ismsaudit.Rule
		for r := range audit.Rules() {
			if r.Principle == p {
				rules = append(rules, r)
			}
		}
		fmt.Fprintf(w, "\n%s (%d)\n", p, len(rules))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, r := range rules {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", r.ID, r.Clause, r.Text)
		}
		tw.Flush()
	}
}

// printVerify prints what Verify returned: conformance, or every
// violation with its rule.
func printVerify(w io.Writer, err error) {
	if err == nil {
		fmt.Fprintln(w, "  Verify: the record conforms to every rule.")
		return
	}
	var ve *ismsaudit.ValidationError
	if !errors.As(err, &ve) {
		fmt.Fprintln(w, "  Verify:", err)
		return
	}
	fmt.Fprintf(w, "  Verify reports %d violations:\n", len(ve.Fields))
	for _, f := range ve.Fields {
		r, _ := audit.LookupRule(f.Rule)
		fmt.Fprintf(w, "    %s: %s (%s, %s)\n      rule: %s\n", f.Path, r.ID, r.Clause, r.Principle, r.Text)
		if f.Value != "" {
			fmt.Fprintf(w, "      value: %q\n", f.Value)
		}
		fmt.Fprintf(w, "      found: %s\n", f.Detail)
	}
}

// tamper returns a copy of a, decoded from its JSON as another tool would
// hand it over, with three changes the process rules do not allow.
func tamper(a *audit.Audit) (*audit.Audit, error) {
	data, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	c, err := audit.Decode(data)
	if err != nil {
		return nil, err
	}
	c.Findings[0].Evidence = []ismsaudit.EvidenceID{"E-4"}
	c.Closing.AgreedFollowUp = ""
	c.Evidence[0].Description += " (revised)"
	return c, nil
}

// sampleAudit takes an internal audit of the sample organisation from
// initiation to its closed follow-up through the operations, and seals
// it. Each step happens an hour after the one before, from 2 March 2026.
func sampleAudit() (*audit.Audit, error) {
	clock := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	by := func(who string) ismsaudit.Meta {
		clock = clock.Add(time.Hour)
		return ismsaudit.Meta{At: clock, By: who}
	}
	lead := func() ismsaudit.Meta { return by("aisha") }
	var steps []error
	step := func(err error) { steps = append(steps, err) }

	a, err := audit.New(audit.NewOptions{ID: "IA-2026-NW-1", Kind: annexa.Internal, Client: "Northwind management board", Auditee: sample.Organization}, lead())
	if err != nil {
		return nil, err
	}
	m := lead()
	step(a.EstablishContact(audit.Contact{Person: "Priya Shah, CISO", EstablishedAt: m.At, EstablishedBy: "aisha"}, m))
	m = lead()
	step(a.DecideFeasibility(audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: m.At, DecidedBy: "aisha"}, m))
	step(a.SetTeam([]audit.Member{
		{Auditor: "aisha", Name: "Aisha Khan", Role: competence.RoleTeamLeader},
		{Auditor: "ben", Name: "Ben Osei", Role: competence.RoleAuditor},
		{Name: "Tom Hughes", Role: competence.RoleGuide, Organization: sample.Organization},
	}, lead()))
	step(a.Prepare(lead()))

	cl, err := annexa.NewChecklist(sample.SoA(), annexa.ChecklistOptions{
		Kind: annexa.Internal, Clauses: []annexa.ClauseID{"9.2"}, Controls: []annexa.ControlID{"5.15", "5.18", "8.8"},
	})
	if err != nil {
		return nil, err
	}
	plan := audit.PlanContent{
		Objectives: []string{"determine whether access management and the internal audit process conform to ISO/IEC 27001:2022"},
		Scope:      audit.Scope{ISMS: "the Northwind Insights service", Units: []string{"IT Operations", "People"}, Processes: []string{"access management", "internal audit"}},
		Locations:  []string{"London office"},
		Start:      clock.Add(7 * 24 * time.Hour), End: clock.Add(9 * 24 * time.Hour),
		Methods:          []audit.Method{{Location: audit.OnSite, HumanInteraction: true, Description: "interviews with process owners and record review"}},
		SamplingApproach: "leavers sampled at random from the HR leavers list",
	}
	var refs []annexa.Ref
	for i, it := range cl.Items {
		plan.Criteria = append(plan.Criteria, audit.Criterion{Ref: it.Ref})
		who := competence.AuditorID("ben")
		if i%2 == 0 {
			who = "aisha"
		}
		plan.Assignments = append(plan.Assignments, audit.Assignment{Criterion: it.Ref, Auditor: who})
		refs = append(refs, it.Ref)
	}
	plan.Schedule = []audit.Activity{{Title: "interviews and record review", Location: "London office", Start: plan.Start, End: plan.End,
		Auditors: []competence.AuditorID{"aisha", "ben"}, Criteria: refs}}
	step(a.DraftPlan(plan, lead()))
	step(a.ApprovePlan(audit.PlanCheck{}, lead()))
	step(a.CommunicatePlan(lead()))
	step(a.AttachChecklist(cl, lead()))

	// Fieldwork.
	m = lead()
	step(a.HoldOpeningMeeting(audit.OpeningMeeting{HeldAt: m.At, Attendees: []audit.Attendee{{Name: "Aisha Khan"}, {Name: "Priya Shah", Organization: sample.Organization}},
		PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true}, m))
	collect := func(id ismsaudit.EvidenceID, src audit.EvidenceSource, what string, ref annexa.Ref) {
		m := by("ben")
		step(a.CollectEvidence(audit.Evidence{ID: id, Source: src, Description: what, Supports: []annexa.Ref{ref},
			CollectedBy: "ben", CollectedAt: m.At, Confidentiality: audit.ConfidentialityInternal}, m))
	}
	collect("E-1", audit.SourceDocument, "audit programme 2026 and the reports of last year's internal audits", annexa.RefToClause("9.2.2"))
	collect("E-2", audit.SourceRecord, "access removal tickets of ten leavers sampled from the HR list", annexa.RefToControl("5.18"))
	collect("E-3", audit.SourceTechnicalVerification, "patch levels of the internet-facing servers", annexa.RefToControl("8.8"))
	collect("E-4", audit.SourceInterview, "account of the access review by a team member who had not taken part", annexa.RefToControl("5.15"))
	for _, id := range []ismsaudit.EvidenceID{"E-1", "E-2", "E-3"} {
		step(a.VerifyEvidence(id, lead()))
	}
	step(a.RejectEvidence("E-4", "second-hand account; the reviewer was not available", lead()))
	cite := map[annexa.Ref]string{annexa.RefToControl("5.18"): "E-2", annexa.RefToControl("8.8"): "E-3"}
	for _, it := range cl.Items {
		as := annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}
		if id, ok := cite[it.Ref]; ok {
			as.EvidenceRefs = []ismsaudit.EvidenceID{ismsaudit.EvidenceID(id)}
		}
		if it.Ref == annexa.RefToControl("5.18") {
			as = annexa.Assessment{Result: annexa.MinorNonconformity, Notes: "two of ten leavers kept VPN access", EvidenceRefs: []ismsaudit.EvidenceID{"E-2"}}
		}
		step(a.RecordResult(it.Ref, as, by("ben")))
	}
	step(a.AddFinding(audit.Finding{ID: "F-1", Kind: audit.Nonconformity, Grade: audit.Minor, Criteria: []annexa.Ref{annexa.RefToControl("5.18")},
		Evidence: []ismsaudit.EvidenceID{"E-2"}, Area: "People", Requirement: "access rights are removed when employment ends",
		Found: "two of ten leavers sampled kept VPN access for three weeks", Reason: "HR's leaver process does not notify IT Operations",
		RaisedBy: "ben", RaisedAt: clock}, by("ben")))
	step(a.AddFinding(audit.Finding{ID: "F-2", Kind: audit.Conformity, Criteria: []annexa.Ref{annexa.RefToControl("8.8")}, Evidence: []ismsaudit.EvidenceID{"E-3"},
		Found: "critical patches are applied within the policy's 14 days", RaisedBy: "ben", RaisedAt: clock}, by("ben")))
	step(a.AddFinding(audit.Finding{ID: "F-3", Kind: audit.OpportunityForImprovement, Criteria: []annexa.Ref{annexa.RefToClause("9.2.2")}, Evidence: []ismsaudit.EvidenceID{"E-1"},
		Found: "audit areas could be weighted by the results of the risk assessment", RaisedBy: "aisha", RaisedAt: clock}, lead()))
	for _, id := range []audit.FindingID{"F-1", "F-2", "F-3"} {
		step(a.ConfirmFinding(id, lead()))
	}
	step(a.EndFieldwork(lead()))

	// Conclusions, closing meeting, report, completion.
	step(a.DraftConclusion(audit.Conclusion{Fulfilment: audit.LargelyFulfilled, Extent: "the criteria are met but for the removal of leavers' access",
		Effectiveness: "the ISMS is effectively implemented and maintained", ObjectivesAchieved: true, ScopeCovered: true}, lead()))
	step(a.AgreeConclusion(lead()))
	m = lead()
	step(a.HoldClosingMeeting(audit.ClosingMeeting{HeldAt: m.At, Attendees: []audit.Attendee{{Name: "Aisha Khan"}, {Name: "Priya Shah", Organization: sample.Organization}},
		FindingsPresented: true, ConclusionsPresented: true, AgreedFollowUp: "a corrective action plan for F-1 within two weeks"}, m))
	for _, id := range []audit.FindingID{"F-1", "F-2", "F-3"} {
		step(a.AcknowledgeFinding(id, by("priya")))
	}
	m = by("priya")
	step(a.PlanCorrectiveAction("F-1", audit.CorrectiveActionPlan{Correction: "the two accounts disabled", RootCause: "no leaver notice from HR to IT Operations",
		Action: "HR's leaver workflow opens an access removal ticket", DueAt: m.At.Add(45 * 24 * time.Hour)}, m))
	step(a.AcceptCorrectiveAction("F-1", lead()))
	step(a.IssueReport(lead()))
	step(a.Distribute([]audit.Recipient{
		{Name: "Priya Shah", Organization: sample.Organization, Clearance: audit.ConfidentialityRestricted},
		{Name: "Northwind management board", Organization: sample.Organization, Clearance: audit.ConfidentialityInternal},
	}, lead()))
	step(a.Complete(audit.Completion{Records: "kept six years in the ISMS archive", LessonsLearned: []string{"book HR interviews earlier"}}, lead()))

	// Follow-up.
	step(a.StartFollowUp(lead()))
	clock = clock.Add(30 * 24 * time.Hour)
	step(a.MarkImplemented("F-1", by("priya")))
	collect("E-5", audit.SourceRecord, "access removal tickets opened by the new leaver workflow", annexa.RefToControl("5.18"))
	step(a.VerifyEvidence("E-5", lead()))
	step(a.VerifyCorrectiveAction("F-1", []ismsaudit.EvidenceID{"E-5"}, lead()))
	step(a.Close(lead()))
	step(a.SealRecord(lead()))
	if err := errors.Join(steps...); err != nil {
		return nil, err
	}
	return a, nil
}
