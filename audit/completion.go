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

// The rules of completion.
const (
	RuleCompleteAfterDistribution ismsaudit.RuleID = "AUD-COMPLETE-AFTER-DISTRIBUTION"
	RuleCompleteRecords           ismsaudit.RuleID = "AUD-COMPLETE-RECORDS"
)

var completionRules = []ismsaudit.Rule{
	{ID: RuleCompleteAfterDistribution, Clause: "19011:6.6", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "an audit is completed only after its report is distributed"},
	{ID: RuleCompleteRecords, Clause: "19011:6.6", Principle: ismsaudit.PrincipleConfidentiality, Text: "a completed audit records how its records are kept or disposed of, as agreed"},
}

// Complete records that the audit is completed (19011 6.6): the audit moves
// from distributed to completed and a.Completion keeps how the audit's
// records are kept or disposed of (required, AUD-COMPLETE-RECORDS) and the
// lessons learned. It is refused before the report is distributed
// (AUD-COMPLETE-AFTER-DISTRIBUTION).
func (a *Audit) Complete(c Completion, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "complete", m, &err)
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

// verifyCompletion checks the completion record and that the audit was
// completed after its report was distributed (AUD-COMPLETE-*).
func (v *verifier) verifyCompletion(ch *checker, ev eventTimes) {
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
}
