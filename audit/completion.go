package audit

import (
	"slices"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Completion records how the audit was completed (19011 6.6).
type Completion struct {
	// Records says how audit records are kept or disposed of, as agreed.
	Records string `json:"records"`
	// LessonsLearned feed the programme's improvement.
	LessonsLearned []string `json:"lessonsLearned,omitempty"`
}

// Complete records that the audit is completed (19011 6.6): the audit moves
// from distributed to completed and a.Completion keeps how the audit's
// records are kept or disposed of (required, AUD-COMPLETE-RECORDS) and the
// lessons learned. It is refused before the report is distributed
// (AUD-COMPLETE-AFTER-DISTRIBUTION).
func (a *Audit) Complete(c Completion, m ismsaudit.Meta) error {
	if err := a.precheck(EventComplete); err != nil {
		return err
	}
	ch := &checker{subject: "completion"}
	ch.texts("LessonsLearned", c.LessonsLearned, "a lesson cannot be empty")
	if err := ch.err(); err != nil {
		return err
	}
	e, err := a.fireEvent(EventComplete, &auditInput{completion: &c}, m)
	if err != nil {
		return err
	}
	if a.Completion != nil {
		return recordConflict("completion", "Completion", "a completion is already recorded")
	}
	c.LessonsLearned = slices.Clone(c.LessonsLearned)
	a.Completion = &c
	a.advance(e)
	return nil
}

// checkCompletion checks a completion record against AUD-COMPLETE-RECORDS.
func checkCompletion(ch *checker, prefix string, c *Completion) {
	if isBlank(c.Records) {
		ch.rule(errs.JoinPath(prefix, "Records"), RuleCompleteRecords, "", "say how the audit's records are kept or disposed of")
	}
}

func checkCompletionInput(s auditSubject) error {
	if s.in == nil {
		return nil
	}
	ch := &checker{subject: "completion"}
	checkCompletion(ch, "", s.in.completion)
	return ch.err()
}

func (v *verifier) verifyEnd(ch *checker, ev eventTimes) {
	a := v.a
	completed, isCompleted := ev.when(EventComplete)
	if c := a.Completion; c != nil {
		ch.texts("Completion.LessonsLearned", c.LessonsLearned, "a lesson cannot be empty")
		checkCompletion(ch, "Completion", c)
		if !isCompleted {
			ch.shape("Completion", "unexpected", "", "a completion is recorded but the audit was never completed")
		}
	} else if isCompleted {
		v.violate("Completion", RuleCompleteRecords, "", "the audit was completed without a record of how its records are kept")
	}
	if isCompleted {
		if a.Report == nil || len(a.Report.Distribution) == 0 || a.Report.Distribution[0].At.After(completed) {
			v.violate("Report.Distribution", RuleCompleteAfterDistribution, "", "the audit was completed before its report was distributed")
		}
	}
	if a.State == StateClosed {
		// As openFollowUps: a standing nonconformity is open unless
		// a follow-up of it is closed.
		closed := make([]bool, len(a.Findings))
		for j := range a.FollowUps {
			if i := v.followUpFinding[j]; i >= 0 && a.FollowUps[j].State == FollowUpClosed {
				closed[i] = true
			}
		}
		for i := range a.Findings {
			if !needsFollowUp(&a.Findings[i]) || closed[i] {
				continue
			}
			v.violate(errs.Index("Findings", i), RuleCloseFollowUps, string(a.Findings[i].ID), "the audit is closed but the nonconformity's corrective action is not verified effective")
		}
	}
	_, isTerminated := ev.when(EventTerminate)
	if t := a.Termination; t != nil {
		if isBlank(t.Reason) {
			v.violate("Termination.Reason", RuleTerminateReason, "", "an audit stopped before completion records why")
		}
		ch.requiredTime("Termination.At", t.At, "when the audit was stopped")
		ch.required("Termination.By", t.By, "who stopped it")
		if !isTerminated {
			ch.shape("Termination", "unexpected", "", "a termination is recorded but the audit was never terminated")
		}
	} else if isTerminated {
		v.violate("Termination", RuleTerminateReason, "", "the audit was terminated without a record of why")
	}
}

// The rules of completion.
const (
	RuleCompleteAfterDistribution ismsaudit.RuleID = "AUD-COMPLETE-AFTER-DISTRIBUTION"
	RuleCompleteRecords           ismsaudit.RuleID = "AUD-COMPLETE-RECORDS"
)

var completionRules = []ismsaudit.Rule{
	{ID: RuleCompleteAfterDistribution, Clause: "19011:6.6", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "an audit is completed only after its report is distributed"},
	{ID: RuleCompleteRecords, Clause: "19011:6.6", Principle: ismsaudit.PrincipleConfidentiality, Text: "a completed audit records how its records are kept or disposed of, as agreed"},
}
