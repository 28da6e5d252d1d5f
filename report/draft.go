package report

import (
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/programme"
)

// DraftCSVColumn heads the column that the CSV output of a draft report
// (WriteAuditReport, WriteNonconformityActions, WriteProgrammeReport)
// adds in front of the others: every data row holds "draft" in it, so a
// row copied out of the file still says where it came from. The CSV of a
// final report has no such column: its header is the one
// AuditFindingsCSVHeader, NonconformityActionsCSVHeader or
// ProgrammeScheduleCSVHeader returns.
const DraftCSVColumn = "report_status"

// draftStatus is the value of DraftCSVColumn and of the OSCAL property
// report-status in a draft.
const draftStatus = "draft"

// verifyAudit runs audit.Verify on a, at time asOf unless opts gives
// one, and returns the violations with the refusal that cites
// RuleRecordVerifies; nothing for a record that verifies.
func verifyAudit(a *audit.Audit, opts *audit.VerifyOptions, asOf time.Time) ([]ismsaudit.FieldError, error) {
	o := verifyOptions(opts, asOf)
	err := audit.Verify(a, &o)
	if err == nil {
		return nil, nil
	}
	var ve *ismsaudit.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) == 0 {
		col := newCollector("audit record")
		col.Merge("", RuleRecordVerifies, err)
		errors.As(col.Err(), &ve)
	}
	return slices.Clone(ve.Fields), &UnverifiedError{Rule: RuleRecordVerifies, Err: ve}
}

// verifyProgramme runs programme.Verify on p and audit.Verify on each
// record, as verifyAudit does, and returns every violation (a record's
// at "Audits[i].") with the refusal that cites
// RuleProgrammeRecordsVerify; nothing when all verify.
func verifyProgramme(p *programme.Programme, audits []*audit.Audit, opts *audit.VerifyOptions, asOf time.Time) ([]ismsaudit.FieldError, error) {
	col := newCollector("programme and audit records")
	col.Merge("", RuleProgrammeRecordsVerify, programme.Verify(p))
	o := verifyOptions(opts, asOf)
	for i, a := range audits {
		col.Merge(errs.Index("Audits", i), RuleProgrammeRecordsVerify, audit.Verify(a, &o))
	}
	var ve *ismsaudit.ValidationError
	if !errors.As(col.Err(), &ve) {
		return nil, nil
	}
	return slices.Clone(ve.Fields), &UnverifiedError{Rule: RuleProgrammeRecordsVerify, Err: ve}
}

// verifyOptions returns the options audit.Verify runs with: opts, with
// asOf as the time when opts gives none.
func verifyOptions(opts *audit.VerifyOptions, asOf time.Time) audit.VerifyOptions {
	var o audit.VerifyOptions
	if opts != nil {
		o = *opts
	}
	if o.At.IsZero() {
		o.At = asOf
	}
	return o
}

// checkDraft checks a report's draft marking against rule: a draft lists
// the violations that make it one, each naming the rule it breaks; a
// final report lists none.
func checkDraft(c *checker, rule ismsaudit.RuleID, draft bool, violations []ismsaudit.FieldError) {
	switch {
	case draft && len(violations) == 0:
		c.add("Violations", rule, "", "a draft lists the violations of the records that make it one")
	case !draft && len(violations) > 0:
		c.add("Draft", rule, strconv.Itoa(len(violations)), "a report whose records break the process rules is a draft")
	}
	for i, v := range violations {
		if blank(string(v.Rule)) {
			c.add(errs.Index("Violations", i)+".Rule", ismsaudit.RuleRequired, "", "the rule the record breaks")
		}
	}
}

// draftTitle is the title a report's Markdown, HTML and OSCAL output
// shows: "DRAFT: " and the title for a draft.
func draftTitle(title string, draft bool) string {
	if draft {
		return "DRAFT: " + title
	}
	return title
}

// draftNotice writes, right under a draft's title, the notice that it is
// a draft and why (unverified says which records do not verify, against
// rule), with the table of the violations; where adds how their paths
// read, if anything.
func draftNotice(d doc, unverified string, rule ismsaudit.RuleID, violations []ismsaudit.FieldError, where string) {
	below := "Below is the violation of the process rules"
	if len(violations) != 1 {
		below = "Below are the " + strconv.Itoa(len(violations)) + " violations of the process rules"
	}
	d.open(blockDraft)
	d.strong("DRAFT")
	d.text(" This report is a draft, not a final report: " + unverified + " (rule " + string(rule) + "). " +
		below + where + "; correct them and build the report again for a final report.")
	d.close(blockDraft)
	d.table("Path", "Rule", "Value", "Detail")
	for _, v := range violations {
		d.open(blockRow)
		tcell(d, v.Path)
		tcell(d, string(v.Rule))
		tcell(d, v.Value)
		tcell(d, v.Detail)
		d.close(blockRow)
	}
	d.endTable()
}

// draftStyle is added to the stylesheet of a draft's HTML page: the
// notice as a red banner, and "DRAFT" across every page on screen and in
// print (a fixed element repeats on every printed page).
const draftStyle = `.draft{background:#fde2e1;color:#8a1c17;border:2px solid #8a1c17;border-radius:4px;padding:.6rem .8rem;font-size:1.05rem}
body::before{content:"DRAFT";position:fixed;top:40%;left:0;right:0;text-align:center;font-size:8rem;font-weight:700;letter-spacing:.5rem;color:rgba(138,28,23,.08);transform:rotate(-30deg);pointer-events:none;z-index:10}
@media print{.draft{border-width:3px}}
`

// draftProps returns the OSCAL metadata properties of a draft: the
// report-status "draft" and a record-violation per violation; none for a
// final report.
func draftProps(props []oscalProp, draft bool, violations []ismsaudit.FieldError) []oscalProp {
	if !draft {
		return props
	}
	props = propTok(props, "report-status", draftStatus)
	for _, v := range violations {
		props = prop(props, "record-violation", v.String())
	}
	return props
}
