package sample

import (
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// Conduct runs the story through the audit operations, step by step in
// the order of ISO 19011:2018 clause 6. Each operation checks its process
// rules and refuses a step out of order; the first refusal stops the
// audit.
func Conduct(s Story) (*audit.Audit, error) {
	// The team leader acts by name; team decisions the rules tie to a
	// competent auditor (confirming a finding, verifying a corrective
	// action) name the auditor's competence id.
	team := func(t time.Time) ismsaudit.Meta { return ismsaudit.Meta{At: t, By: LeadName} }
	decision := func(t time.Time) ismsaudit.Meta { return ismsaudit.Meta{At: t, By: Lead} }
	by := func(t time.Time, who string) ismsaudit.Meta { return ismsaudit.Meta{At: t, By: who} }

	// Initiation (6.2): contact, feasibility, the team.
	a, err := audit.New(s.Options, team(s.Created))
	if err != nil {
		return nil, err
	}
	st := steps{a: a}
	st.do("contact", a.EstablishContact(s.Contact, team(s.Contact.EstablishedAt)))
	st.do("feasibility", a.DecideFeasibility(s.Feasibility, team(s.Feasibility.DecidedAt)))
	st.do("team", a.SetTeam(s.Team, team(s.TeamSet)))

	// Preparation (6.3): the plan, checked against the auditors'
	// competence and independence, the checklist and the samples.
	st.do("prepare", a.Prepare(team(s.Prepare)))
	st.do("draft plan", a.DraftPlan(s.Plan, team(s.PlanDrafted)))
	st.do("checklist", a.AttachChecklist(s.Checklist, team(s.ChecklistAt)))
	for _, p := range s.Sampling {
		st.do("sampling plan "+string(p.ID), a.AddSamplingPlan(p, team(s.SamplingAt)))
	}
	st.do("draw S-1", a.DrawSample("S-1", by(s.SamplingAt, Auditor)))
	st.do("choose S-2", a.RecordSelection("S-2", s.ServerChoice, by(s.SamplingAt, Expert)))
	check := &audit.PlanCheck{Pool: InternalPool(), LeaderSet: competence.InternalISMSAuditorSet}
	st.do("approve plan", a.ApprovePlan(*check, team(s.Approved)))
	st.do("communicate plan", a.CommunicatePlan(team(s.Communicated)))

	// Fieldwork (6.4): evidence, an urgent risk, checklist results,
	// findings.
	st.do("opening meeting", a.HoldOpeningMeeting(s.Opening, team(s.Opening.HeldAt)))
	for _, it := range s.Evidence {
		st.evidence(it)
	}
	st.do("escalate "+string(s.Risk.ID), a.EscalateRisk(s.Risk, by(s.Risk.EscalatedAt, s.Risk.FoundBy)))
	for _, r := range s.Results {
		st.do("result "+r.Ref.String(), a.RecordResult(r.Ref, r.Assessment, team(s.ResultsAt)))
	}
	st.do("not audited "+s.NotAudited.Ref.String(), a.MarkNotAudited(s.NotAudited.Ref, s.NotAudited.Reason, team(s.ResultsAt)))
	for _, f := range s.Findings {
		st.do("raise "+string(f.Finding.ID), a.AddFinding(f.Finding, by(f.Finding.RaisedAt, f.Finding.RaisedBy)))
		if f.Withdraw != "" {
			st.do("withdraw "+string(f.Finding.ID), a.WithdrawFinding(f.Finding.ID, f.Withdraw, ismsaudit.Meta{At: s.Confirmed, By: Lead}))
			continue
		}
		st.do("confirm "+string(f.Finding.ID), a.ConfirmFinding(f.Finding.ID, decision(s.Confirmed)))
	}
	st.do("end fieldwork", a.EndFieldwork(team(s.FieldworkEnds)))

	// Conclusions and the closing meeting (6.4.9, 6.4.10), then the
	// auditee's responses.
	st.do("draft conclusions", a.DraftConclusion(s.Conclusion, team(s.Drafted)))
	st.do("agree conclusions", a.AgreeConclusion(team(s.Agreed)))
	st.do("closing meeting", a.HoldClosingMeeting(s.Closing, team(s.Closing.HeldAt)))
	for _, r := range s.Responses {
		switch {
		case r.Opinion == "":
			st.do("acknowledge "+string(r.Finding), a.AcknowledgeFinding(r.Finding, by(r.At, r.By)))
		default:
			st.do("dispute "+string(r.Finding), a.DisputeFinding(r.Finding, r.Opinion, by(r.At, r.By)))
			if r.Resolution != "" {
				st.do("resolve "+string(r.Finding), a.ResolveDispute(r.Finding, r.Resolution, team(r.ResolvedAt)))
			}
		}
	}
	for _, act := range s.Actions {
		st.do("plan action "+string(act.Finding), a.PlanCorrectiveAction(act.Finding, act.Plan, by(act.Planned, act.PlanBy)))
	}

	// Report and completion (6.5, 6.6).
	st.do("issue report", a.IssueReport(team(s.Issued)))
	st.do("distribute report", a.Distribute(s.Recipients, team(s.Distributed)))
	st.do("complete", a.Complete(s.Completion, team(s.Completed)))

	// Follow-up (6.7): each corrective action accepted, implemented and
	// verified, planned again when a verification finds it ineffective.
	st.do("start follow-up", a.StartFollowUp(team(s.FollowUpStart)))
	for _, act := range s.Actions {
		st.action(act.Finding, act)
	}
	st.do("close", a.Close(team(s.Closed)))
	st.do("seal", a.SealRecord(team(s.Closed)))
	if st.err != nil {
		return nil, st.err
	}
	// The record keeps every process rule, verified as a whole.
	if err := audit.Verify(a, &audit.VerifyOptions{At: s.Closed, Competence: check}); err != nil {
		return nil, err
	}
	return a, nil
}

// steps runs operations until the first refusal, which it keeps with the
// name of the step.
type steps struct {
	a   *audit.Audit
	err error
}

func (s *steps) do(step string, err error) {
	if s.err == nil && err != nil {
		s.err = fmt.Errorf("%s: %w", step, err)
	}
}

// evidence logs an item and verifies it, rejects it, or logs it as the
// correction of an earlier item.
func (s *steps) evidence(it Item) {
	if s.err != nil {
		return
	}
	id := string(it.Evidence.ID)
	collector := ismsaudit.Meta{At: it.Logged, By: it.Evidence.CollectedBy}
	if it.Corrects != "" {
		collector.Note = "the first export missed the cloud audit log"
		s.do("correct "+string(it.Corrects), s.a.CorrectEvidence(it.Corrects, it.Evidence, collector))
	} else {
		s.do("collect "+id, s.a.CollectEvidence(it.Evidence, collector))
	}
	if it.Reject != "" {
		s.do("reject "+id, s.a.RejectEvidence(it.Evidence.ID, it.Reject, ismsaudit.Meta{At: it.Decided, By: it.Evidence.CollectedBy}))
		return
	}
	s.do("verify "+id, s.a.VerifyEvidence(it.Evidence.ID, ismsaudit.Meta{At: it.Decided, By: it.Evidence.CollectedBy}))
}

// action follows up one nonconformity: accept the plan, then each round of
// implementation, evidence and verification.
func (s *steps) action(finding audit.FindingID, act Action) {
	s.do("accept "+string(finding), s.a.AcceptCorrectiveAction(finding, ismsaudit.Meta{At: act.Accepted, By: Lead}))
	for _, r := range act.Rounds {
		s.do("implemented "+string(finding), s.a.MarkImplemented(finding, ismsaudit.Meta{At: r.Implemented, By: r.ImplementedBy}))
		s.evidence(r.Evidence)
		m := ismsaudit.Meta{At: r.Verified, By: r.VerifiedBy}
		examined := []ismsaudit.EvidenceID{r.Evidence.Evidence.ID}
		if r.Effective {
			s.do("verify action "+string(finding), s.a.VerifyCorrectiveAction(finding, examined, m))
		} else {
			s.do("action ineffective "+string(finding), s.a.FindCorrectiveActionIneffective(finding, r.Note, examined, m))
		}
		if r.Replan != nil {
			s.do("plan again "+string(finding), s.a.PlanCorrectiveAction(finding, r.Replan.Plan, ismsaudit.Meta{At: r.Replan.Planned, By: r.Replan.PlanBy}))
			s.do("accept again "+string(finding), s.a.AcceptCorrectiveAction(finding, ismsaudit.Meta{At: r.Replan.Accepted, By: Lead}))
		}
	}
}
