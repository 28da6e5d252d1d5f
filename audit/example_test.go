package audit_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// Example is the smallest complete internal audit: from New to the closed
// follow-up of one nonconformity, phase by phase of ISO 19011:2018
// clause 6, every step an operation of the library taken by the team
// leader a day after the one before. ismsaudit.Run stops at the first
// refused step and names it; nothing after it runs.
func Example() {
	t := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	next := func() ismsaudit.Meta { t = t.AddDate(0, 0, 1); return ismsaudit.Meta{At: t, By: "lena"} }
	a, err := audit.New(audit.NewOptions{ID: "IA-1", Kind: annexa.Internal, Client: "Board", Auditee: "Acme"}, next())
	ref, day, e1, e2, carl := annexa.RefToControl("5.15"), t.AddDate(0, 0, 9), []ismsaudit.EvidenceID{"E-1"}, []ismsaudit.EvidenceID{"E-2"}, []audit.Attendee{{Name: "Carl"}}
	plan := audit.PlanContent{Objectives: []string{"access control conforms"}, Scope: audit.Scope{Units: []string{"IT"}},
		Criteria: []audit.Criterion{{Ref: ref}}, Locations: []string{"HQ"}, Start: day, End: day.Add(8 * time.Hour),
		Schedule: []audit.Activity{{Title: "interviews", Start: day, End: day.Add(8 * time.Hour)}}, SamplingApproach: "all",
		Methods:     []audit.Method{{Location: audit.OnSite, Description: "interviews"}},
		Assignments: []audit.Assignment{{Criterion: ref, Auditor: "lena"}}}
	nc := audit.Finding{ID: "F-1", Kind: audit.Nonconformity, Grade: audit.Minor, Criteria: []annexa.Ref{ref}, Evidence: e1,
		Requirement: "access ends with employment", Found: "two leavers kept VPN access", Reason: "HR does not tell IT"}
	err = errors.Join(err, ismsaudit.Run(next,
		ismsaudit.With(a.EstablishContact, audit.Contact{Person: "Carl"}), // initiation (6.2)
		ismsaudit.With(a.DecideFeasibility, audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true}),
		ismsaudit.With(a.SetTeam, []audit.Member{{Auditor: "lena", Name: "Lena", Role: competence.RoleTeamLeader}}),
		a.Prepare, ismsaudit.With(a.DraftPlan, plan), ismsaudit.With(a.ApprovePlan, audit.PlanCheck{}), a.CommunicatePlan, // 6.3
		ismsaudit.With(a.HoldOpeningMeeting, audit.OpeningMeeting{Attendees: carl, PlanConfirmed: true, ScopeConfirmed: true}), // 6.4
		ismsaudit.With(a.CollectEvidence, audit.Evidence{ID: e1[0], Source: audit.SourceRecord, Description: "leaver tickets",
			Supports: []annexa.Ref{ref}, Confidentiality: audit.ConfidentialityInternal}), ismsaudit.With(a.VerifyEvidence, e1[0]),
		ismsaudit.With(a.AddFinding, nc), ismsaudit.With(a.ConfirmFinding, nc.ID), a.EndFieldwork,
		ismsaudit.With(a.DraftConclusion, audit.Conclusion{Fulfilment: audit.LargelyFulfilled, Extent: "but for leavers",
			Effectiveness: "effective", ObjectivesAchieved: true, ScopeCovered: true}), a.AgreeConclusion,
		ismsaudit.With(a.HoldClosingMeeting, audit.ClosingMeeting{Attendees: carl, FindingsPresented: true, ConclusionsPresented: true,
			AgreedFollowUp: "a plan in a week"}), ismsaudit.With2(a.PlanCorrectiveAction, nc.ID, audit.CorrectiveActionPlan{
			Correction: "accounts disabled", RootCause: "no notice", Action: "HR opens a ticket", DueAt: day.AddDate(0, 3, 0)}),
		ismsaudit.With(a.AcceptCorrectiveAction, nc.ID), a.IssueReport, // report (6.5)
		ismsaudit.With(a.Distribute, []audit.Recipient{{Name: "Board", Clearance: audit.ConfidentialityInternal}}),
		ismsaudit.With(a.Complete, audit.Completion{Records: "kept six years"}), a.StartFollowUp, // 6.6, 6.7
		ismsaudit.With(a.MarkImplemented, nc.ID), ismsaudit.With(a.CollectEvidence, audit.Evidence{ID: e2[0], Source: audit.SourceRecord,
			Description: "leaver tickets since", Supports: []annexa.Ref{ref}, Confidentiality: audit.ConfidentialityInternal}),
		ismsaudit.With(a.VerifyEvidence, e2[0]), ismsaudit.With2(a.VerifyCorrectiveAction, nc.ID, e2), a.Close))
	fmt.Println(a.State, err, audit.Verify(a, nil))
	// Output:
	// closed <nil> <nil>
}

// at returns a fixed time in March 2026.
func at(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC) }

// leadOn returns the Meta of a step taken by the team leader.
func leadOn(day, hour int) ismsaudit.Meta {
	return ismsaudit.Meta{At: at(day, hour), By: "lena"}
}

// initiatedAudit starts an internal audit, records contact and
// feasibility, sets the team and starts preparing.
func initiatedAudit() *audit.Audit {
	a, err := audit.New(audit.NewOptions{ID: "IA-2026-1", Kind: annexa.Internal, Client: "Acme board", Auditee: "Acme"}, leadOn(2, 9))
	if err != nil {
		panic(err)
	}
	steps := []error{
		a.EstablishContact(audit.Contact{Person: "Carl, CISO", EstablishedAt: at(2, 10), EstablishedBy: "lena"}, leadOn(2, 10)),
		a.DecideFeasibility(audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: at(2, 11), DecidedBy: "lena"}, leadOn(2, 11)),
		a.SetTeam([]audit.Member{
			{Auditor: "lena", Name: "Lena", Role: competence.RoleTeamLeader},
			{Auditor: "omar", Name: "Omar", Role: competence.RoleAuditor},
		}, leadOn(2, 12)),
		a.Prepare(leadOn(3, 9)),
	}
	if err := errors.Join(steps...); err != nil {
		panic(err)
	}
	return a
}

// examplePlan is a plan auditing access control, with one criterion
// assigned to each auditor.
func examplePlan() audit.PlanContent {
	access, policy := annexa.RefToControl("5.15"), annexa.RefToDocument("access-policy")
	return audit.PlanContent{
		Objectives: []string{"confirm that access control meets the policy"},
		Scope:      audit.Scope{Units: []string{"IT"}, Processes: []string{"access management"}},
		Criteria:   []audit.Criterion{{Ref: access}, {Ref: policy, Title: "Access policy v3"}},
		Locations:  []string{"head office"},
		Start:      at(16, 9), End: at(16, 17),
		Schedule: []audit.Activity{{Title: "access reviews", Location: "head office", Start: at(16, 9), End: at(16, 17),
			Auditors: []competence.AuditorID{"lena", "omar"}, Criteria: []annexa.Ref{access, policy}}},
		Methods:          []audit.Method{{Location: audit.OnSite, HumanInteraction: true, Description: "interviews and record review"}},
		SamplingApproach: "judgemental sample of ten leavers",
		Assignments:      []audit.Assignment{{Criterion: access, Auditor: "omar"}, {Criterion: policy, Auditor: "lena"}},
	}
}

func ExampleNew() {
	a, err := audit.New(audit.NewOptions{ID: "IA-2026-1", Kind: annexa.Internal, Client: "Acme board", Auditee: "Acme"}, leadOn(2, 9))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.ID, a.State, a.IsCertification())
	fmt.Println("permitted:", a.Permitted())
	fmt.Println("can prepare:", a.Can(audit.EventPrepare))

	// Every problem with the options is reported at once.
	_, err = audit.New(audit.NewOptions{Kind: "tourism"}, ismsaudit.Meta{})
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	// Output:
	// IA-2026-1 initiation false
	// permitted: [terminate]
	// can prepare: false
	// ID required
	// Client required
	// Auditee required
	// Kind enum
	// Meta.At required
	// Meta.By required
}

func ExampleAudit_ApprovePlan() {
	a := initiatedAudit()
	plan := examplePlan()
	plan.Assignments = plan.Assignments[:1] // the policy is left unassigned
	if err := a.DraftPlan(plan, leadOn(4, 9)); err != nil {
		fmt.Println(err)
		return
	}

	// Approval refuses the plan, naming the rule and every problem under it.
	err := a.ApprovePlan(audit.PlanCheck{}, leadOn(4, 10))
	var te *ismsaudit.TransitionError
	var ve *ismsaudit.ValidationError
	if errors.As(err, &te) && errors.As(err, &ve) {
		fmt.Println("refused:", te.Rule)
		for _, f := range ve.Fields {
			fmt.Println(" ", f.Path, f.Value)
		}
	}

	// Fix the draft, approve and communicate it.
	if err := errors.Join(
		a.DraftPlan(examplePlan(), leadOn(4, 11)),
		a.ApprovePlan(audit.PlanCheck{}, leadOn(4, 12)),
		a.CommunicatePlan(leadOn(5, 9)),
	); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("plan:", a.Plan.State, "versions:", len(a.Plan.Versions))
	fmt.Println("plan events now:", a.PermittedPlan())
	fmt.Println("audit events now:", a.Permitted())
	// Output:
	// refused: AUD-PLAN-ASSIGNED
	//   Plan.Content.Criteria[1] document:access-policy
	// plan: communicated versions: 1
	// plan events now: [revise]
	// audit events now: [open terminate attach-checklist]
}

func ExampleVerify() {
	a := initiatedAudit()
	err := errors.Join(
		a.DraftPlan(examplePlan(), leadOn(4, 9)),
		a.ApprovePlan(audit.PlanCheck{}, leadOn(4, 10)),
		a.CommunicatePlan(leadOn(5, 9)),
		a.HoldOpeningMeeting(audit.OpeningMeeting{HeldAt: at(16, 9), Attendees: []audit.Attendee{{Name: "Lena"}, {Name: "Carl"}},
			PlanConfirmed: true, ScopeConfirmed: true}, leadOn(16, 10)),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("conforms:", audit.Verify(a, nil) == nil)

	// Tamper with the record: the plan changes after approval, and the
	// opening meeting record goes missing.
	a.Plan.Content.Locations = []string{"branch office"}
	a.Opening = nil
	err = audit.Verify(a, nil)
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			r, _ := audit.LookupRule(f.Rule)
			fmt.Printf("%s: %s (%s)\n", f.Path, r.ID, r.Clause)
		}
	}
	// Output:
	// conforms: true
	// Opening: AUD-OPENING-MEETING (19011:6.4.3)
	// Plan.Content: AUD-PLAN-REAPPROVED (19011:6.3.2.2)
}

func ExampleLifecycles() {
	for l := range audit.Lifecycles() {
		fmt.Printf("%s: starts %s, %d transitions\n", l.Name, l.Initial, len(l.Transitions))
	}
	plan, _ := audit.LookupLifecycle("audit.plan")
	fmt.Print(strings.ReplaceAll(plan.Mermaid(), "    ", "  "))
	// Output:
	// audit.audit: starts initiation, 18 transitions
	// audit.plan: starts draft, 4 transitions
	// audit.evidence: starts collected, 5 transitions
	// audit.finding: starts draft, 7 transitions
	// audit.conclusion: starts draft, 3 transitions
	// audit.follow-up: starts planning, 4 transitions
	// stateDiagram-v2
	//   [*] --> draft
	//   draft --> approved: approve [plan-complete, one-team-leader, criteria-assigned, auditors-competent, auditors-independent]
	//   approved --> communicated: communicate
	//   approved --> draft: revise
	//   communicated --> draft: revise
}

func ExampleDecode() {
	_, err := audit.Decode([]byte(`{"id": "IA-1", "kind": "internal", "state": "paused"}`))
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		f := ve.Fields[0]
		fmt.Println(f.Path, f.Rule, f.Value)
	}

	a, err := audit.Decode([]byte(`{"id": "IA-1", "kind": "internal", "client": "Board", "auditee": "Acme",
		"createdAt": "2026-03-02T09:00:00Z", "createdBy": "lena", "state": "preparation", "history": []}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	// Decoding checks the form; Verify checks the process rules.
	err = audit.Verify(a, nil)
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	// Output:
	// State enum paused
	// State AUD-HISTORY-VALID
}

// fieldworkAudit walks an internal audit through the operations into
// fieldwork (opened on 10 March 2026): a team of lead and auditor-1 and a
// plan over control A.5.15 (access control) and clause 9.2.1, approved
// and communicated. A refused step panics: the example's data is fixed.
func fieldworkAudit() *audit.Audit {
	day := func(d int) ismsaudit.Meta {
		return ismsaudit.Meta{At: time.Date(2026, time.March, d, 9, 0, 0, 0, time.UTC), By: "lead"}
	}
	a, err := audit.New(audit.NewOptions{ID: "IA-2026-01", Kind: annexa.Internal, Client: "Management board", Auditee: "Acme Ltd"}, day(2))
	if err != nil {
		panic(err)
	}
	access, programme := annexa.RefToControl("5.15"), annexa.RefToClause("9.2.1")
	err = errors.Join(
		a.EstablishContact(audit.Contact{Person: "CISO", EstablishedAt: day(2).At, EstablishedBy: "lead"}, day(2)),
		a.DecideFeasibility(audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: day(2).At, DecidedBy: "lead"}, day(2)),
		a.SetTeam([]audit.Member{{Auditor: "lead", Name: "Lena", Role: competence.RoleTeamLeader}, {Auditor: "auditor-1", Name: "Omar", Role: competence.RoleAuditor}}, day(2)),
		a.Prepare(day(3)),
		a.DraftPlan(audit.PlanContent{
			Objectives: []string{"conformity of access control"}, Scope: audit.Scope{Units: []string{"IT"}},
			Criteria: []audit.Criterion{{Ref: access}, {Ref: programme}}, Locations: []string{"head office"},
			Start: day(10).At, End: day(12).At,
			Schedule: []audit.Activity{{Title: "record review", Location: "head office", Start: day(10).At, End: day(12).At,
				Auditors: []competence.AuditorID{"lead", "auditor-1"}, Criteria: []annexa.Ref{access, programme}}},
			Methods:          []audit.Method{{Location: audit.OnSite, HumanInteraction: true, Description: "interviews and record review"}},
			SamplingApproach: "statistical samples of changes and leavers",
			Assignments:      []audit.Assignment{{Criterion: access, Auditor: "auditor-1"}, {Criterion: programme, Auditor: "lead"}},
		}, day(4)),
		a.ApprovePlan(audit.PlanCheck{}, day(5)),
		a.CommunicatePlan(day(6)),
		a.HoldOpeningMeeting(audit.OpeningMeeting{HeldAt: day(10).At, Attendees: []audit.Attendee{{Name: "Lena"}, {Name: "CISO"}}, PlanConfirmed: true, ScopeConfirmed: true}, day(10)),
	)
	if err != nil {
		panic(err)
	}
	return a
}

func ExampleAudit_CollectEvidence() {
	a := fieldworkAudit()
	at := time.Date(2026, time.March, 11, 10, 0, 0, 0, time.UTC)
	export := []byte("user,removed\nj.doe,2025-11-03\n")

	err := a.CollectEvidence(audit.Evidence{
		ID:              "E-1",
		Source:          audit.SourceRecord,
		Description:     "access removal tickets for leavers",
		Supports:        []annexa.Ref{annexa.RefToControl("5.15")},
		CollectedBy:     "auditor-1",
		CollectedAt:     at,
		Covers:          &audit.Period{From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)},
		Confidentiality: audit.ConfidentialityInternal,
		Digest:          audit.DigestOf(export),
	}, ismsaudit.Meta{At: at, By: "auditor-1"})
	fmt.Println("collected:", err == nil, a.IsAuditEvidence("E-1"))

	// Only verified information is audit evidence.
	err = a.VerifyEvidence("E-1", ismsaudit.Meta{At: at.Add(time.Hour), By: "lead"})
	e, _ := a.EvidenceItem("E-1")
	fmt.Println("verified:", err == nil, e.State, a.IsAuditEvidence("E-1"))

	// Input the library sets itself, or that breaks a rule, is refused
	// whole, with every problem listed.
	err = a.CollectEvidence(audit.Evidence{ID: "E-1", Source: "rumour", State: audit.EvidenceVerified}, ismsaudit.Meta{At: at, By: "auditor-1"})
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(" ", f.Path, f.Rule)
		}
	}
	fmt.Println("items:", len(a.Evidence))
	// Output:
	// collected: true false
	// verified: true verified true
	//   ID unique
	//   Source enum
	//   Description required
	//   Supports required
	//   Confidentiality required
	//   State library-set
	// items: 1
}

func ExampleAudit_CorrectEvidence() {
	a := fieldworkAudit()
	at := time.Date(2026, time.March, 11, 10, 0, 0, 0, time.UTC)
	item := audit.Evidence{
		ID: "E-1", Source: audit.SourceInterview, Description: "HR lead on leaver process",
		Supports: []annexa.Ref{annexa.RefToControl("5.15")}, CollectedBy: "auditor-1", CollectedAt: at,
		Confidentiality: audit.ConfidentialityInternal,
	}
	_ = a.CollectEvidence(item, ismsaudit.Meta{At: at, By: "auditor-1"})

	// Rejecting needs a reason.
	err := a.RejectEvidence("E-1", "", ismsaudit.Meta{At: at.Add(time.Hour), By: "lead"})
	var te *ismsaudit.TransitionError
	if errors.As(err, &te) {
		fmt.Println("refused by", te.Rule)
	}

	// A correction is a new item; the old one stays, superseded.
	fixed := item
	fixed.ID = "E-2"
	fixed.Description = "HR lead on leaver process (notes re-read with the interviewee)"
	err = a.CorrectEvidence("E-1", fixed, ismsaudit.Meta{At: at.Add(2 * time.Hour), By: "lead", Note: "notes mixed up two interviews"})
	fmt.Println("corrected:", err == nil)
	for _, e := range a.Evidence {
		fmt.Printf("%s %s supersedes=%q\n", e.ID, e.State, e.Supersedes)
	}
	// Output:
	// refused by AUD-EVIDENCE-REJECT-REASON
	// corrected: true
	// E-1 superseded supersedes=""
	// E-2 collected supersedes="E-1"
}

func ExampleDraw() {
	plan := audit.SamplingPlan{
		ID:         "S-1",
		Purpose:    "leavers' access removed within a day",
		Population: audit.Population{Items: []string{"ana", "ben", "cho", "dev", "eli", "fay", "gus", "hal", "ida", "jon"}},
		Frame:      "HR leavers list for 2025",
		Method:     audit.Statistical,
		Size:       3,
		Exclusions: []string{"fay"},
		Seed:       20260311,
		Rationale:  "three of nine, per the programme's sampling table; fay is still in her notice period",
	}
	sample, err := audit.Draw(plan)
	fmt.Println(sample, err)
	again, _ := audit.Draw(plan)
	fmt.Println("same seed, same sample:", fmt.Sprint(again) == fmt.Sprint(sample))

	// Only the size may be known: items are then positions.
	sample, _ = audit.Draw(audit.SamplingPlan{Population: audit.Population{Size: 5000}, Method: audit.Statistical, Size: 4, Seed: 7})
	fmt.Println(sample)
	// Output:
	// [ben eli gus] <nil>
	// same seed, same sample: true
	// [85 1950 2916 4505]
}

func ExampleAudit_DrawSample() {
	a := fieldworkAudit()
	at := time.Date(2026, time.March, 10, 11, 0, 0, 0, time.UTC)
	err := a.AddSamplingPlan(audit.SamplingPlan{
		ID: "S-1", Purpose: "changes approved before deployment", Population: audit.Population{Size: 412},
		Frame: "change tickets closed in 2025", Method: audit.Statistical, Size: 5, Seed: 99,
		Rationale: "five of 412 for a control operated per change with no exceptions expected",
	}, ismsaudit.Meta{At: at, By: "lead"})
	fmt.Println("added:", err == nil)
	err = a.DrawSample("S-1", ismsaudit.Meta{At: at, By: "lead"})
	p, _ := a.SamplingPlan("S-1")
	fmt.Println("drawn:", err == nil, p.Selected, p.Generator)
	err = a.DrawSample("S-1", ismsaudit.Meta{At: at, By: "lead"})
	var ve *ismsaudit.ValidationError
	fmt.Println("drawn again:", errors.As(err, &ve) && ve.Has("Selected", audit.RuleSamplingFixed))
	// Output:
	// added: true
	// drawn: true [15 45 74 108 345] splitmix64/fisher-yates/v1
	// drawn again: true
}

func ExampleAudit_SealRecord() {
	at := time.Date(2026, time.March, 11, 17, 0, 0, 0, time.UTC)
	a := fieldworkAudit()
	err := errors.Join(
		a.CollectEvidence(audit.Evidence{
			ID: "E-1", Source: audit.SourceObservation, Description: "server room door left open",
			Supports: []annexa.Ref{annexa.RefToControl("5.15")}, CollectedBy: "auditor-1", CollectedAt: at.Add(-6 * time.Hour),
			Confidentiality: audit.ConfidentialityRestricted,
		}, ismsaudit.Meta{At: at.Add(-6 * time.Hour), By: "auditor-1"}),
		a.VerifyEvidence("E-1", ismsaudit.Meta{At: at.Add(-5 * time.Hour), By: "lead"}),
		a.SealRecord(ismsaudit.Meta{At: at, By: "lead"}),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	head, _ := a.Seal.Last()
	fmt.Println("parts:", len(a.Seal.Parts), "head", head.Number, "over", head.Size, "leaves")
	fmt.Println("intact:", a.VerifySeal() == nil)

	// Operations go on after sealing and record what they changed; an
	// edit that did not come through one is found and located.
	_ = a.EndFieldwork(ismsaudit.Meta{At: at.Add(time.Hour), By: "lead"})
	fmt.Println("after an operation:", a.State, a.VerifySeal() == nil, len(a.Seal.Changes), a.Seal.Changes[0].Op)
	a.Evidence[0].Description = "server room door closed"
	var se *audit.SealError
	if errors.As(a.VerifySeal(), &se) {
		fmt.Println("changed:", se.Path, se.Problem)
	}
	// Output:
	// parts: 10 head 1 over 10 leaves
	// intact: true
	// after an operation: findings true 1 end-fieldwork
	// changed: Evidence[0].Description part-changed
}

func ExampleDigestOf() {
	fmt.Println(audit.DigestOf([]byte("abc")))
	// Output:
	// ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
}

// on is the Meta of a step on a day of March 2026.
func on(day, hour int, by string) ismsaudit.Meta {
	return ismsaudit.Meta{At: at(day, hour), By: by}
}

// exampleAudit walks a stage 2 audit of Example Ltd through the
// operations into fieldwork: contact, feasibility, a team of lead-1 and
// aud-2, a plan over clause 9.2 and controls A.5.1 and A.8.15 approved
// and communicated, the opening meeting on 9 March, evidence E-1
// (verified) and E-2 (collected, not yet verified). A step refused
// panics: the example's data is fixed.
func exampleAudit(id ismsaudit.AuditID) *audit.Audit {
	a, err := audit.New(audit.NewOptions{ID: id, Kind: annexa.Stage2, Client: "Certification body", Auditee: "Example Ltd"}, on(2, 9, "lead-1"))
	must(err)
	criteria := []annexa.Ref{annexa.RefToClause("9.2"), annexa.RefToControl("5.1"), annexa.RefToControl("8.15")}
	plan := audit.PlanContent{
		Objectives: []string{"determine whether the ISMS is effectively implemented"},
		Scope:      audit.Scope{ISMS: "the payment platform of Example Ltd"},
		Locations:  []string{"Example Ltd offices"},
		Start:      at(9, 9), End: at(11, 17),
		Schedule: []audit.Activity{{Title: "interviews and record review", Location: "Example Ltd offices", Start: at(9, 9), End: at(11, 17),
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
			Supports: []annexa.Ref{annexa.RefToControl("8.15")}, CollectedBy: "aud-2", CollectedAt: at(9, 10), Confidentiality: audit.ConfidentialityInternal}
	}
	must(a.EstablishContact(audit.Contact{Person: "CISO of Example Ltd", EstablishedAt: at(2, 10), EstablishedBy: "lead-1"}, on(2, 10, "lead-1")))
	must(a.DecideFeasibility(audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: at(2, 11), DecidedBy: "lead-1"}, on(2, 11, "lead-1")))
	must(a.SetTeam([]audit.Member{
		{Auditor: "lead-1", Name: "Lena Lead", Role: competence.RoleTeamLeader},
		{Auditor: "aud-2", Name: "Ari Auditor", Role: competence.RoleAuditor},
	}, on(2, 12, "lead-1")))
	must(a.Prepare(on(3, 9, "lead-1")))
	must(a.DraftPlan(plan, on(4, 9, "lead-1")))
	must(a.ApprovePlan(audit.PlanCheck{}, on(4, 10, "lead-1")))
	must(a.CommunicatePlan(on(5, 9, "lead-1")))
	must(a.HoldOpeningMeeting(audit.OpeningMeeting{HeldAt: at(9, 9), Attendees: []audit.Attendee{{Name: "Lena Lead"}, {Name: "CISO", Organization: "Example Ltd"}},
		PlanConfirmed: true, ScopeConfirmed: true}, on(9, 9, "lead-1")))
	must(a.CollectEvidence(item("E-1"), on(9, 10, "aud-2")))
	must(a.CollectEvidence(item("E-2"), on(9, 10, "aud-2")))
	must(a.VerifyEvidence("E-1", on(9, 11, "aud-2")))
	return a
}

// must panics on a refused step of an example's fixed data: the example
// stops at its first refusal.
func must(err error) {
	if err != nil {
		panic(err)
	}
}

// exampleNC is a nonconformity on log retention.
func exampleNC(id audit.FindingID, g audit.Grade, evidence ...ismsaudit.EvidenceID) audit.Finding {
	return audit.Finding{
		ID: id, Kind: audit.Nonconformity, Grade: g, Criteria: []annexa.Ref{annexa.RefToControl("8.15")}, Evidence: evidence,
		Requirement: "event logs are kept for the period the logging standard sets",
		Found:       "the payment servers keep 7 days of logs",
		Reason:      "the logging standard sets 90 days",
		RaisedBy:    "aud-2", RaisedAt: at(10, 10),
	}
}

// raise records the findings on 10 March and has the team
// confirm them.
func raise(a *audit.Audit, fs ...audit.Finding) {
	for _, f := range fs {
		must(a.AddFinding(f, on(10, 12, "aud-2")))
		must(a.ConfirmFinding(f.ID, on(10, 14, "lead-1")))
	}
}

// holdClosing ends fieldwork, has the team agree conclusions (which
// records the recommendation the findings call for), and holds the
// closing meeting at 16:00 on 11 March, which presents the findings. The
// criteria are largely fulfilled, or only partially when a major
// nonconformity stands.
func holdClosing(a *audit.Audit) {
	must(a.EndFieldwork(on(11, 9, "lead-1")))
	fulfilment := audit.LargelyFulfilled
	for f := range a.Nonconformities() {
		if f.Grade == audit.Major {
			fulfilment = audit.PartiallyFulfilled
		}
	}
	must(a.DraftConclusion(audit.Conclusion{Fulfilment: fulfilment, Extent: "criteria met apart from log retention",
		Effectiveness: "the ISMS is effectively implemented and maintained", ObjectivesAchieved: true, ScopeCovered: true}, on(11, 14, "lead-1")))
	must(a.AgreeConclusion(on(11, 14, "lead-1")))
	must(a.HoldClosingMeeting(audit.ClosingMeeting{HeldAt: at(11, 16), Attendees: []audit.Attendee{{Name: "Lena Lead"}, {Name: "CISO", Organization: "Example Ltd"}},
		FindingsPresented: true, ConclusionsPresented: true, AgreedFollowUp: "corrective action plans within ten days"}, on(11, 16, "lead-1")))
}

// followUpAll has the auditee acknowledge every finding and plan a
// corrective action for each nonconformity on 12 March (the team accepts
// the first plans, due on the dates given, one each; the others stay in
// planning, with no due date yet), issues and distributes the report,
// completes the audit and starts the follow-up on 19 March.
func followUpAll(a *audit.Audit, due ...time.Time) {
	k := 0
	for _, f := range a.Findings {
		must(a.AcknowledgeFinding(f.ID, on(11, 17, "auditee-ciso")))
		if f.Kind != audit.Nonconformity {
			continue
		}
		plan := audit.CorrectiveActionPlan{Correction: "retention raised to 90 days", RootCause: "servers built from an old image",
			Action: "images carry the logging standard"}
		if k < len(due) {
			plan.DueAt = due[k]
		}
		must(a.PlanCorrectiveAction(f.ID, plan, on(12, 9, "auditee-ciso")))
		if k < len(due) {
			must(a.AcceptCorrectiveAction(f.ID, on(12, 10, "lead-1")))
		}
		k++
	}
	must(a.IssueReport(on(18, 9, "lead-1")))
	must(a.Distribute([]audit.Recipient{{Name: "CISO", Organization: "Example Ltd", Clearance: audit.ConfidentialityRestricted}}, on(19, 9, "lead-1")))
	must(a.Complete(audit.Completion{Records: "kept for the certification cycle"}, on(19, 10, "lead-1")))
	must(a.StartFollowUp(on(19, 11, "lead-1")))
}

func ruleOf(err error) string {
	if err == nil {
		return "accepted"
	}
	var te *ismsaudit.TransitionError
	if errors.As(err, &te) {
		return string(te.Rule)
	}
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) && len(ve.Fields) > 0 {
		return string(ve.Fields[0].Rule)
	}
	return err.Error()
}

func ExampleAudit_ConfirmFinding() {
	a := exampleAudit("A-2026-07")
	at := on(10, 12, "aud-2")

	// A nonconformity on verified evidence is confirmed by the team.
	if err := a.AddFinding(exampleNC("F-1", audit.Major, "E-1"), at); err != nil {
		fmt.Println(err)
	}
	if err := a.ConfirmFinding("F-1", on(10, 14, "lead-1")); err != nil {
		fmt.Println(err)
	}
	f, _ := a.Finding("F-1")
	fmt.Println(f.ID, f.State, len(f.History))

	// One resting on information not yet verified is not.
	_ = a.AddFinding(exampleNC("F-2", audit.Minor, "E-2"), at)
	err := a.ConfirmFinding("F-2", on(10, 14, "lead-1"))
	fmt.Println(errors.Is(err, ismsaudit.ErrTransition), ruleOf(err))
	// Output:
	// F-1 confirmed 1
	// true AUD-NC-EVIDENCE
}

func ExampleAudit_AddFinding() {
	a := exampleAudit("A-2026-07")
	f := exampleNC("F-1", "", "E-9")
	f.Criteria = append(f.Criteria, annexa.RefToControl("9.9"))
	err := a.AddFinding(f, ismsaudit.Meta{At: at(10, 12), By: "aud-2"})
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
	a := exampleAudit("A-2026-07")
	raise(a, exampleNC("F-1", audit.Minor, "E-1"), exampleNC("F-2", audit.Minor, "E-1"))
	holdClosing(a) // presents both findings
	auditee := on(11, 17, "auditee-ciso")

	// Settled before the report is issued.
	_ = a.DisputeFinding("F-1", "retention is set by our payment provider", auditee)
	_ = a.ResolveDispute("F-1", "the provider's contract allows 90 days; the finding stands", on(12, 10, "lead-1"))
	f1, _ := a.Finding("F-1")
	fmt.Println(f1.ID, f1.State, "-", f1.Resolution)

	// Not settled by then: it goes in the report as a diverging opinion.
	_ = a.DisputeFinding("F-2", "the servers are out of scope", auditee)
	if err := a.IssueReport(on(18, 9, "lead-1")); err != nil {
		fmt.Println(err)
	}
	err := a.ResolveDispute("F-2", "agreed later", on(19, 10, "lead-1"))
	f2, _ := a.Finding("F-2")
	fmt.Println(f2.ID, f2.State, "-", f2.DivergingOpinion, "-", ruleOf(err))
	// Output:
	// F-1 resolved - the provider's contract allows 90 days; the finding stands
	// F-2 disputed - the servers are out of scope - AUD-DISPUTE-BEFORE-REPORT
}

func ExampleAudit_AgreeConclusion() {
	a := exampleAudit("A-2026-07")
	_ = a.AddFinding(exampleNC("F-1", audit.Minor, "E-1"), on(10, 12, "aud-2"))
	_ = a.EndFieldwork(on(11, 9, "lead-1"))
	_ = a.ConfirmFinding("F-1", on(11, 10, "lead-1"))

	// The recommendation is not the team's to write: agreement derives it.
	c := audit.Conclusion{
		Fulfilment: audit.LargelyFulfilled, Extent: "criteria met apart from log retention",
		Effectiveness: "the ISMS is effectively implemented and maintained", ObjectivesAchieved: true, ScopeCovered: true,
		Recommendation: audit.Recommend,
	}
	m := on(11, 14, "lead-1")
	fmt.Println(ruleOf(a.DraftConclusion(c, m)))

	c.Recommendation = ""
	_ = a.DraftConclusion(c, m)
	rec, reasons := audit.DeriveRecommendation(a) // what agreement will record
	fmt.Println("preview:", rec, "-", reasons[0])
	fmt.Println(ruleOf(a.AgreeConclusion(m)), a.Conclusion.State, a.Conclusion.Recommendation)
	// Output:
	// AUD-RECOMMENDATION-DERIVED
	// preview: recommend-after-accepted-plans - REC-MINOR-OPEN: F-1 is a minor nonconformity without an accepted corrective action plan
	// accepted agreed recommend-after-accepted-plans
}

func ExampleReviewRecommendation() {
	a := exampleAudit("A-2026-07")
	raise(a, exampleNC("F-1", audit.Major, "E-1"), exampleNC("F-2", audit.Minor, "E-1"))
	holdClosing(a)
	followUpAll(a, time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC)) // F-1's action is due on 31 May; F-2's plan is not accepted yet
	must(a.MarkImplemented("F-1", ismsaudit.Meta{At: time.Date(2026, 4, 20, 9, 0, 0, 0, time.UTC), By: "auditee-ciso"}))

	fmt.Println("agreed:", a.Conclusion.Recommendation)
	for _, at := range []time.Time{time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)} {
		rec, reasons := audit.ReviewRecommendation(a, at)
		fmt.Println(at.Format(time.DateOnly), rec)
		for _, r := range reasons {
			fmt.Println(" ", r)
		}
	}
	// Output:
	// agreed: recommend-after-verified-correction
	// 2026-05-01 recommend-after-verified-correction
	//   REC-MAJOR-OPEN: F-1 is a major nonconformity whose correction is not verified effective
	// 2026-06-01 not-recommend
	//   REC-MAJOR-OVERDUE: F-1 is a major nonconformity whose follow-up was due 2026-05-31 and is not verified effective at 2026-06-01
}

func ExampleRecommendationRules() {
	for r := range audit.RecommendationRules() {
		fmt.Printf("%s -> %s (%s, %s)\n", r.ID, r.Then, r.Rule, r.Clause)
	}
	// Output:
	// REC-MAJOR-OVERDUE -> not-recommend (AUD-MAJOR-OVERDUE-BLOCKS, 17021-1:9.5.3)
	// REC-MAJOR-OPEN -> recommend-after-verified-correction (AUD-RECOMMENDATION-DERIVED, 17021-1:9.5.2)
	// REC-MINOR-OPEN -> recommend-after-accepted-plans (AUD-RECOMMENDATION-DERIVED, 17021-1:9.5.2)
	// REC-CLEAR -> recommend (AUD-RECOMMENDATION-DERIVED, 17021-1:9.4.8)
}

func ExampleAudit_VerifyCorrectiveAction() {
	a := exampleAudit("A-2026-07")
	raise(a, exampleNC("F-1", audit.Major, "E-1"))
	holdClosing(a)
	due := time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC)
	followUpAll(a, due) // the plan is accepted on 12 March
	day := func(month time.Month, d int) ismsaudit.Meta {
		return ismsaudit.Meta{At: time.Date(2026, month, d, 9, 0, 0, 0, time.UTC), By: "lead-1"}
	}
	// collect records and verifies the servers' retention settings as
	// they are on the day.
	collect := func(id ismsaudit.EvidenceID, m ismsaudit.Meta) {
		must(a.CollectEvidence(audit.Evidence{ID: id, Source: audit.SourceTechnicalVerification, Description: "log retention settings of the payment servers",
			Supports: []annexa.Ref{annexa.RefToControl("8.15")}, CollectedBy: "aud-2", CollectedAt: m.At, Confidentiality: audit.ConfidentialityInternal}, m))
		must(a.VerifyEvidence(id, m))
	}
	_ = a.MarkImplemented("F-1", day(4, 10))

	// Two servers still rotate their logs weekly: not effective.
	collect("E-3", day(4, 20))
	_ = a.FindCorrectiveActionIneffective("F-1", "two servers still keep 7 days", []ismsaudit.EvidenceID{"E-3"}, day(4, 20))

	plan := audit.CorrectiveActionPlan{
		Correction: "retention raised to 90 days", RootCause: "servers built from an old image",
		Action: "rebuild the two servers from the new image", DueAt: due,
	}
	_ = a.PlanCorrectiveAction("F-1", plan, day(4, 21))
	_ = a.AcceptCorrectiveAction("F-1", day(4, 22))
	_ = a.MarkImplemented("F-1", day(5, 4))

	// Only an auditor of the team may close it, on verified evidence
	// gathered since the action was implemented.
	notAuditor := day(5, 12)
	notAuditor.By = "auditee-ciso"
	collect("E-4", day(5, 11))
	fmt.Println(ruleOf(a.VerifyCorrectiveAction("F-1", []ismsaudit.EvidenceID{"E-4"}, notAuditor)))
	fmt.Println(ruleOf(a.VerifyCorrectiveAction("F-1", []ismsaudit.EvidenceID{"E-3"}, day(5, 12))))
	fmt.Println(ruleOf(a.VerifyCorrectiveAction("F-1", []ismsaudit.EvidenceID{"E-4"}, day(5, 12))))

	u, _ := a.FollowUpFor("F-1")
	for _, e := range u.History {
		fmt.Println(e.At.Format(time.DateOnly), e.From, "->", e.To)
	}
	fmt.Println(u.State, len(u.EarlierPlans), len(u.Verifications), u.VerifiedBy)
	// Output:
	// AUD-FOLLOWUP-VERIFIED
	// AUD-FOLLOWUP-NEW-EVIDENCE
	// accepted
	// 2026-03-12 planning -> accepted
	// 2026-04-10 accepted -> implemented
	// 2026-04-20 implemented -> planning
	// 2026-04-22 planning -> accepted
	// 2026-05-04 accepted -> implemented
	// 2026-05-12 implemented -> closed
	// closed 1 2 lead-1
}

func ExampleAudit_Overdue() {
	a := exampleAudit("A-2026-07")
	raise(a, exampleNC("F-1", audit.Minor, "E-1"), exampleNC("F-2", audit.Minor, "E-1"), exampleNC("F-3", audit.Minor, "E-1"))
	holdClosing(a)
	may, july := time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC), time.Date(2026, 7, 31, 0, 0, 0, 0, time.UTC)
	followUpAll(a, may, may, july)
	april := func(d int, by string) ismsaudit.Meta {
		return ismsaudit.Meta{At: time.Date(2026, 4, d, 9, 0, 0, 0, time.UTC), By: by}
	}
	must(a.MarkImplemented("F-1", april(20, "auditee-ciso")))
	must(a.MarkImplemented("F-2", april(20, "auditee-ciso")))
	must(a.CollectEvidence(audit.Evidence{ID: "E-3", Source: audit.SourceRecord, Description: "log retention settings since the change",
		Supports: []annexa.Ref{annexa.RefToControl("8.15")}, CollectedBy: "aud-2", CollectedAt: april(27, "").At, Confidentiality: audit.ConfidentialityInternal}, april(27, "aud-2")))
	must(a.VerifyEvidence("E-3", april(27, "aud-2")))
	must(a.VerifyCorrectiveAction("F-2", []ismsaudit.EvidenceID{"E-3"}, april(28, "lead-1")))
	for _, u := range a.Overdue(time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)) {
		fmt.Println(u.Finding, u.State)
	}
	// Output:
	// F-1 implemented
}

func ExampleCompare() {
	nc := func(id audit.FindingID, ref annexa.Ref) audit.Finding {
		f := exampleNC(id, audit.Minor, "E-1")
		f.Criteria = []annexa.Ref{ref}
		return f
	}
	previous := exampleAudit("A-2026-03")
	raise(previous, nc("P-1", annexa.RefToControl("8.15")), nc("P-2", annexa.RefToControl("5.1")))
	holdClosing(previous)

	current := exampleAudit("A-2026-09")
	raise(current, nc("C-1", annexa.RefToControl("8.15")), nc("C-2", annexa.RefToClause("9.2")))

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
	previous := exampleAudit("A-2026-03")
	raise(previous, exampleNC("P-1", audit.Major, "E-1"))
	holdClosing(previous)
	followUpAll(previous, time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC))
	must(previous.MarkImplemented("P-1", ismsaudit.Meta{At: time.Date(2026, 4, 20, 9, 0, 0, 0, time.UTC), By: "auditee-ciso"}))

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
