package audit

import (
	"errors"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Recipient is one recipient of the audit report.
type Recipient struct {
	Name         string `json:"name"`
	Organization string `json:"organization,omitempty"`
	// Clearance is the most confidential material the recipient may see;
	// evidence above it appears by reference only in their copy.
	Clearance Confidentiality `json:"clearance"`
}

// Distribution records that a recipient received a version of the report.
type Distribution struct {
	Recipient Recipient `json:"recipient"`
	Version   int       `json:"version"`
	At        time.Time `json:"at"`
	By        string    `json:"by"`
}

// ReportRecord records the report's issue and distribution (19011 6.5).
type ReportRecord struct {
	// Version counts issued versions, from 1.
	Version  int       `json:"version"`
	IssuedAt time.Time `json:"issuedAt"`
	IssuedBy string    `json:"issuedBy"`
	// Distribution is append-only.
	Distribution []Distribution `json:"distribution,omitempty"`
}

// The rules of report.
const (
	RuleReportAfterClosing ismsaudit.RuleID = "AUD-REPORT-AFTER-CLOSING"
	RuleReportDistributed  ismsaudit.RuleID = "AUD-REPORT-DISTRIBUTED"
)

var reportRules = []ismsaudit.Rule{
	{ID: RuleReportAfterClosing, Clause: "19011:6.5.1", Principle: ismsaudit.PrincipleFairPresentation, Text: "the audit report is issued only after the closing meeting"},
	{ID: RuleReportDistributed, Clause: "19011:6.5.2", Principle: ismsaudit.PrincipleConfidentiality, Text: "the report goes to named recipients, each with a clearance, and who received which version when is recorded"},
}

var errNoClosingMeeting = errors.New("no closing meeting is recorded")

var errNotDistributed = errors.New("the report has not been distributed")

// IssueReport records that the audit report was issued (19011 6.5.1): the
// audit moves from closing to reported and a.Report starts at version 1,
// issued at m.At by m.By. It is refused before the closing meeting
// (AUD-REPORT-AFTER-CLOSING).
func (a *Audit) IssueReport(m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "issue-report", m, &err)
	e, err := a.fireEvent(EventIssueReport, nil, m)
	if err != nil {
		return err
	}
	if a.Report != nil {
		return recordConflict("report", "Report", "a report is already recorded")
	}
	a.Report = &ReportRecord{Version: 1, IssuedAt: m.At, IssuedBy: m.By}
	a.advance(e)
	return nil
}

func checkClosingRecorded(s auditSubject) error {
	if s.a.Closing == nil {
		return errNoClosingMeeting
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
func (a *Audit) Distribute(recipients []Recipient, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "distribute", m, &err)
	const op = "distribute"
	if err := a.requireState(op, RuleReportDistributed, StateReported, StateDistributed, StateCompleted, StateFollowUp); err != nil {
		return err
	}
	in := &auditInput{recipients: recipients}
	var e Entry
	if a.State == StateReported {
		var err error
		if e, err = a.fireEvent(EventDistribute, in, m); err != nil {
			return err
		}
	} else if err := checkRecipientsInput(auditSubject{a: a, in: in}); err != nil {
		return refuseGuard(auditMachine.Name(), string(a.State), op, guardRecipients.Name, guardRecipients.Rule, err)
	}
	if a.Report == nil {
		return recordConflict("distribution", "Report", "no report is recorded")
	}
	last := a.Report.IssuedAt
	if n := len(a.Report.Distribution); n > 0 {
		last = a.Report.Distribution[n-1].At
	}
	if err := refuseMeta(auditMachine.Name(), string(a.State), op, m, last); err != nil {
		return err
	}
	for _, r := range recipients {
		a.Report.Distribution = append(a.Report.Distribution, Distribution{Recipient: r, Version: a.Report.Version, At: m.At, By: m.By})
	}
	if a.State == StateReported {
		a.advance(e)
	}
	return nil
}

// checkRecipients checks a list of recipients against
// AUD-REPORT-DISTRIBUTED: at least one, each named once with a clearance.
func checkRecipients(ch *checker, path string, list []Recipient) {
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
func checkRecipient(ch *checker, path string, r Recipient) {
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
	ch := &checker{subject: "report distribution"}
	checkRecipients(ch, "Recipients", s.in.recipients)
	return ch.err()
}

func checkDistributed(s auditSubject) error {
	if s.a.Report == nil || len(s.a.Report.Distribution) == 0 {
		return errNotDistributed
	}
	return nil
}

func (v *verifier) verifyReport(ch *checker, ev eventTimes) {
	a := v.a
	_, isIssued := ev.when(EventIssueReport)
	closed, isClosed := ev.when(EventHoldClosingMeeting)
	r := a.Report
	if r == nil {
		if isIssued {
			v.violate("Report", RuleReportAfterClosing, "", "the report was issued without a record of it")
		}
		return
	}
	if !isIssued {
		ch.shape("Report", "unexpected", "", "a report is recorded but none was issued")
	}
	if r.Version < 1 {
		ch.shape("Report.Version", "min", fmt.Sprint(r.Version), "versions count from 1")
	}
	ch.requiredTime("Report.IssuedAt", r.IssuedAt, "when the report was issued")
	ch.required("Report.IssuedBy", r.IssuedBy, "who issued it")
	switch {
	case !isClosed:
		v.violate("Report", RuleReportAfterClosing, "", "a report is recorded but no closing meeting was held")
	case r.IssuedAt.Before(closed):
		v.violate("Report.IssuedAt", RuleReportAfterClosing, timeText(r.IssuedAt), "issued before the closing meeting ("+timeText(closed)+")")
	}
	distributed, isDistributed := ev.when(EventDistribute)
	if isDistributed && len(r.Distribution) == 0 {
		v.violate("Report.Distribution", RuleReportDistributed, "", "the report was distributed without a record of who received it")
	}
	if !isDistributed && len(r.Distribution) > 0 {
		ch.shape("Report.Distribution", "unexpected", "", "distributions are recorded but the report was never distributed")
	}
	last := r.IssuedAt
	for i, d := range r.Distribution {
		path := errs.Index("Report.Distribution", i)
		checkRecipient(ch, path+".Recipient", d.Recipient)
		if d.Version < 1 || d.Version > r.Version {
			ch.shape(path+".Version", "range", fmt.Sprint(d.Version), fmt.Sprintf("an issued version, 1 to %d", r.Version))
		}
		ch.requiredTime(path+".At", d.At, "when the recipient received the report")
		ch.required(path+".By", d.By, "who sent it")
		if d.At.Before(last) {
			ch.shape(path+".At", "time-order", timeText(d.At), "before the report was issued or the previous distribution")
		}
		if !d.At.IsZero() {
			last = d.At
		}
		if i == 0 && isDistributed && d.At.After(distributed) {
			ch.shape(path+".At", "time-order", timeText(d.At), "the first distribution is recorded after it moved the audit ("+timeText(distributed)+")")
		}
	}
}
