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

// coreExAt returns a fixed time in March 2026.
func coreExAt(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC) }

// coreExBy returns the Meta of a step taken by the team leader.
func coreExBy(day, hour int) ismsaudit.Meta {
	return ismsaudit.Meta{At: coreExAt(day, hour), By: "lena"}
}

// coreExInitiated starts an internal audit, records contact and
// feasibility, sets the team and starts preparing.
func coreExInitiated() *audit.Audit {
	a, err := audit.New(audit.NewOptions{ID: "IA-2026-1", Kind: annexa.Internal, Client: "Acme board", Auditee: "Acme"}, coreExBy(2, 9))
	if err != nil {
		panic(err)
	}
	steps := []error{
		a.EstablishContact(audit.Contact{Person: "Carl, CISO", At: coreExAt(2, 10), By: "lena"}, coreExBy(2, 10)),
		a.DecideFeasibility(audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: coreExAt(2, 11), DecidedBy: "lena"}, coreExBy(2, 11)),
		a.SetTeam([]audit.Member{
			{Auditor: "lena", Name: "Lena", Role: competence.RoleTeamLeader},
			{Auditor: "omar", Name: "Omar", Role: competence.RoleAuditor},
		}, coreExBy(2, 12)),
		a.Prepare(coreExBy(3, 9)),
	}
	if err := errors.Join(steps...); err != nil {
		panic(err)
	}
	return a
}

// coreExPlan is a plan auditing access control, with one criterion
// assigned to each auditor.
func coreExPlan() audit.PlanContent {
	access, policy := annexa.RefToControl("5.15"), annexa.RefToDocument("access-policy")
	return audit.PlanContent{
		Objectives: []string{"confirm that access control meets the policy"},
		Scope:      audit.Scope{Units: []string{"IT"}, Processes: []string{"access management"}},
		Criteria:   []audit.Criterion{{Ref: access}, {Ref: policy, Title: "Access policy v3"}},
		Locations:  []string{"head office"},
		Start:      coreExAt(16, 9), End: coreExAt(16, 17),
		Schedule: []audit.Activity{{Title: "access reviews", Location: "head office", Start: coreExAt(16, 9), End: coreExAt(16, 17),
			Auditors: []competence.AuditorID{"lena", "omar"}, Criteria: []annexa.Ref{access, policy}}},
		Methods:          []audit.Method{{Location: audit.OnSite, HumanInteraction: true, Description: "interviews and record review"}},
		SamplingApproach: "judgemental sample of ten leavers",
		Assignments:      []audit.Assignment{{Criterion: access, Auditor: "omar"}, {Criterion: policy, Auditor: "lena"}},
	}
}

func ExampleNew() {
	a, err := audit.New(audit.NewOptions{ID: "IA-2026-1", Kind: annexa.Internal, Client: "Acme board", Auditee: "Acme"}, coreExBy(2, 9))
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
	a := coreExInitiated()
	plan := coreExPlan()
	plan.Assignments = plan.Assignments[:1] // the policy is left unassigned
	if err := a.DraftPlan(plan, coreExBy(4, 9)); err != nil {
		fmt.Println(err)
		return
	}

	// Approval refuses the plan, naming the rule and every problem under it.
	err := a.ApprovePlan(coreExBy(4, 10), nil)
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
		a.DraftPlan(coreExPlan(), coreExBy(4, 11)),
		a.ApprovePlan(coreExBy(4, 12), nil),
		a.CommunicatePlan(coreExBy(5, 9)),
	); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("plan:", a.Plan.State, "versions:", len(a.Plan.Versions))
	fmt.Println("plan events now:", a.PlanPermitted())
	fmt.Println("audit events now:", a.Permitted())
	// Output:
	// refused: AUD-PLAN-ASSIGNED
	//   Plan.Content.Criteria[1] document:access-policy
	// plan: communicated versions: 1
	// plan events now: [revise]
	// audit events now: [open terminate]
}

func ExampleVerify() {
	a := coreExInitiated()
	err := errors.Join(
		a.DraftPlan(coreExPlan(), coreExBy(4, 9)),
		a.ApprovePlan(coreExBy(4, 10), nil),
		a.CommunicatePlan(coreExBy(5, 9)),
		a.HoldOpeningMeeting(audit.OpeningMeeting{At: coreExAt(16, 9), Attendees: []audit.Attendee{{Name: "Lena"}, {Name: "Carl"}},
			PlanConfirmed: true, ScopeConfirmed: true}, coreExBy(16, 10)),
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
	// audit.audit: starts initiation, 17 transitions
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
