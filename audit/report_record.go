package audit

import (
	"errors"
	"slices"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// IssueReport records that the audit report was issued (19011 6.5.1): the
// audit moves from closing to reported and a.Report starts at version 1,
// issued at m.At by m.By. It is refused before the closing meeting
// (AUD-REPORT-AFTER-CLOSING).
func (a *Audit) IssueReport(m ismsaudit.Meta) error {
	e, err := a.coreFireEvent(EventIssueReport, nil, m)
	if err != nil {
		return err
	}
	if a.Report != nil {
		return a.coreRecordConflict("report", "Report", "a report is already recorded")
	}
	a.Report = &ReportRecord{Version: 1, IssuedAt: m.At, IssuedBy: m.By}
	a.coreAdvance(e)
	return nil
}

func checkClosingRecorded(s auditSubject) error {
	if s.a.Closing == nil {
		return errCoreNoClosingMeeting
	}
	return nil
}

// Distribute records that the issued report went to recipients (19011
// 6.5.2), each at m.At by m.By, appended to a.Report.Distribution. The
// first distribution moves the audit from reported to distributed; later
// ones (the audit distributed, completed or in follow-up) only append.
// Every recipient is named and has a clearance, and no name repeats in one
// call (AUD-REPORT-DISTRIBUTED); a refusal is a *ismsaudit.TransitionError wrapping
// a *ismsaudit.ValidationError that lists the problems. m.At must not precede the
// latest distribution.
func (a *Audit) Distribute(recipients []Recipient, m ismsaudit.Meta) error {
	const op = "distribute"
	if err := a.requireState(op, RuleReportDistributed, StateReported, StateDistributed, StateCompleted, StateFollowUp); err != nil {
		return err
	}
	in := &auditInput{recipients: recipients}
	var e Entry
	if a.State == StateReported {
		var err error
		if e, err = a.coreFireEvent(EventDistribute, in, m); err != nil {
			return err
		}
	} else if err := checkRecipientsInput(auditSubject{a: a, in: in}); err != nil {
		return coreRefuse(auditMachine.Name(), string(a.State), op, guardRecipients.Name, guardRecipients.Rule, err)
	}
	if a.Report == nil {
		return a.coreRecordConflict("distribution", "Report", "no report is recorded")
	}
	last := a.Report.IssuedAt
	if n := len(a.Report.Distribution); n > 0 {
		last = a.Report.Distribution[n-1].At
	}
	if err := coreRefuseMeta(auditMachine.Name(), string(a.State), op, m, last); err != nil {
		return err
	}
	for _, r := range recipients {
		a.Report.Distribution = append(a.Report.Distribution, Distribution{Recipient: r, Version: a.Report.Version, At: m.At, By: m.By})
	}
	if a.State == StateReported {
		a.coreAdvance(e)
	}
	return nil
}

// checkRecipients checks a list of recipients against
// AUD-REPORT-DISTRIBUTED: at least one, each named once with a clearance.
func checkRecipients(ch coreCheck, path string, list []Recipient) {
	if len(list) == 0 {
		ch.rule(path, RuleReportDistributed, "", "the report goes to named recipients")
	}
	seen := make(map[string]int, len(list))
	for i, r := range list {
		p := errs.Index(path, i)
		checkRecipient(ch, p, r)
		if j, dup := seen[r.Name]; dup && !isBlank(r.Name) {
			ch.rule(p+".Name", RuleReportDistributed, r.Name, "the same recipient as "+errs.Index(path, j))
		} else {
			seen[r.Name] = i
		}
	}
}

// checkRecipient checks one recipient: named, with a clearance.
func checkRecipient(ch coreCheck, path string, r Recipient) {
	if isBlank(r.Name) {
		ch.rule(path+".Name", RuleReportDistributed, "", "a recipient is named")
	}
	if !r.Clearance.IsValid() {
		ch.rule(path+".Clearance", RuleReportDistributed, string(r.Clearance), "a recipient has a clearance: public, internal or restricted")
	}
}

func checkRecipientsInput(s auditSubject) error {
	if s.in == nil {
		return nil
	}
	ch := coreCheck{col: newCollector("report distribution")}
	checkRecipients(ch, "Recipients", s.in.recipients)
	return ch.col.Err()
}

var (
	errCoreNotDistributed = errors.New("the report has not been distributed")
	errCoreNoFollowUp     = errors.New("every nonconformity's corrective action is already verified effective")
)

func checkDistributed(s auditSubject) error {
	if s.a.Report == nil || len(s.a.Report.Distribution) == 0 {
		return errCoreNotDistributed
	}
	return nil
}

// Complete records that the audit is completed (19011 6.6): the audit moves
// from distributed to completed and a.Completion keeps how the audit's
// records are kept or disposed of (required, AUD-COMPLETE-RECORDS) and the
// lessons learned. It is refused before the report is distributed
// (AUD-COMPLETE-AFTER-DISTRIBUTION).
func (a *Audit) Complete(c Completion, m ismsaudit.Meta) error {
	if err := a.corePrecheck(EventComplete); err != nil {
		return err
	}
	ch := coreCheck{col: newCollector("completion")}
	ch.texts("LessonsLearned", c.LessonsLearned, "a lesson cannot be empty")
	if err := ch.col.Err(); err != nil {
		return err
	}
	e, err := a.coreFireEvent(EventComplete, &auditInput{completion: &c}, m)
	if err != nil {
		return err
	}
	if a.Completion != nil {
		return a.coreRecordConflict("completion", "Completion", "a completion is already recorded")
	}
	c.LessonsLearned = slices.Clone(c.LessonsLearned)
	a.Completion = &c
	a.coreAdvance(e)
	return nil
}

// checkCompletion checks a completion record against AUD-COMPLETE-RECORDS.
func checkCompletion(ch coreCheck, prefix string, c *Completion) {
	if isBlank(c.Records) {
		ch.rule(errs.JoinPath(prefix, "Records"), RuleCompleteRecords, "", "say how the audit's records are kept or disposed of")
	}
}

func checkCompletionInput(s auditSubject) error {
	if s.in == nil {
		return nil
	}
	ch := coreCheck{col: newCollector("completion")}
	checkCompletion(ch, "", s.in.completion)
	return ch.col.Err()
}

// coreStandingNC reports whether f is a nonconformity that stands
// (not withdrawn) and so needs a follow-up.
func coreStandingNC(f *Finding) bool {
	return f.Kind == Nonconformity && f.State != FindingWithdrawn
}

// coreHasNonconformities reports whether some nonconformity stands.
func (a *Audit) coreHasNonconformities() bool {
	for i := range a.Findings {
		if coreStandingNC(&a.Findings[i]) {
			return true
		}
	}
	return false
}

// coreOpenFollowUps calls yield with the index of each standing nonconformity
// whose follow-up is missing or not closed, until yield returns false.
func (a *Audit) coreOpenFollowUps(yield func(i int) bool) {
	if len(a.Findings) == 0 {
		return
	}
	closed := make(map[FindingID]bool, len(a.FollowUps))
	for i := range a.FollowUps {
		if a.FollowUps[i].State == FollowUpClosed {
			closed[a.FollowUps[i].Finding] = true
		}
	}
	for i := range a.Findings {
		f := &a.Findings[i]
		if coreStandingNC(f) && !closed[f.ID] && !yield(i) {
			return
		}
	}
}

func checkFollowUpNeeded(s auditSubject) error {
	open := false
	s.a.coreOpenFollowUps(func(int) bool { open = true; return false })
	if !open {
		return errCoreNoFollowUp
	}
	return nil
}

func checkFollowUpsClosed(s auditSubject) error {
	var p coreProblems
	p.subject = "follow-up"
	s.a.coreOpenFollowUps(func(i int) bool {
		p.add(errs.Index("Findings", i), RuleCloseFollowUps, string(s.a.Findings[i].ID), "the nonconformity's corrective action is not verified effective")
		return true
	})
	return p.err()
}

// StartFollowUp starts following up the corrective actions (19011 6.7):
// the audit moves from completed to follow-up, provided some
// nonconformity's follow-up is not yet closed (AUD-FOLLOWUP-START).
func (a *Audit) StartFollowUp(m ismsaudit.Meta) error {
	e, err := a.coreFireEvent(EventStartFollowUp, nil, m)
	if err != nil {
		return err
	}
	a.coreAdvance(e)
	return nil
}

// Close closes the audit for good, from completed or follow-up, once every
// nonconformity's follow-up is closed (AUD-CLOSE-FOLLOWUPS).
func (a *Audit) Close(m ismsaudit.Meta) error {
	e, err := a.coreFireEvent(EventClose, nil, m)
	if err != nil {
		return err
	}
	a.coreAdvance(e)
	return nil
}
