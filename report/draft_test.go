package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/programme"
)

// brokenAudit is the internal audit with its opening meeting record
// removed: audit.Verify reports that fieldwork opened without one.
func brokenAudit(t testing.TB) *audit.Audit {
	t.Helper()
	a := internalAudit(t)
	a.Opening = nil
	return a
}

// draftReport is the report of brokenAudit, asked for as a draft.
func draftReport(t testing.TB) *AuditReport {
	t.Helper()
	r, err := BuildAuditReport(brokenAudit(t), &AuditReportOptions{AsOf: asOf, Draft: true})
	require.NoError(t, err)
	require.NoError(t, r.Check())
	require.True(t, r.Draft)
	return r
}

// verifyFields returns the violations audit.Verify reports for a at
// asOf.
func verifyFields(t testing.TB, a *audit.Audit) []ismsaudit.FieldError {
	t.Helper()
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, audit.Verify(a, &audit.VerifyOptions{At: asOf}), &ve)
	require.NotEmpty(t, ve.Fields)
	return ve.Fields
}

func TestBuildAuditReportRefusesUnverifiedRecord(t *testing.T) {
	a := brokenAudit(t)
	want := verifyFields(t, a)
	before := brokenAudit(t)

	r, err := BuildAuditReport(a, &AuditReportOptions{AsOf: asOf})
	assert.Nil(t, r, "nothing is built")
	require.ErrorIs(t, err, ErrUnverified)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ue *UnverifiedError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, RuleRecordVerifies, ue.Rule)
	require.NotNil(t, ue.Err)
	if diff := cmp.Diff(want, ue.Err.Fields); diff != "" {
		t.Errorf("violations mismatch (-want +got):\n%s", diff)
	}
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve, "errors.As reaches audit.Verify's error")
	assert.True(t, ve.Has("Opening", audit.RuleOpeningMeeting), "%v", ve.Fields)
	if diff := cmp.Diff(before, a); diff != "" {
		t.Errorf("the record changed (-want +got):\n%s", diff)
	}

	// A draft lists the same violations.
	r, err = BuildAuditReport(a, &AuditReportOptions{AsOf: asOf, Draft: true})
	require.NoError(t, err)
	assert.True(t, r.Draft)
	if diff := cmp.Diff(want, r.Violations); diff != "" {
		t.Errorf("draft violations mismatch (-want +got):\n%s", diff)
	}

	// A record that verifies gives a final report, draft asked for or not.
	r, err = BuildAuditReport(internalAudit(t), &AuditReportOptions{AsOf: asOf, Draft: true})
	require.NoError(t, err)
	assert.False(t, r.Draft)
	assert.Empty(t, r.Violations)
}

func TestBuildProgrammeReportRefusesUnverifiedRecords(t *testing.T) {
	p, audits := northwindProgramme(t), programmeAudits(t)
	p.Managers = nil
	audits[1].Opening = nil

	r, err := BuildProgrammeReport(p, audits, programmeOptions(t))
	assert.Nil(t, r, "nothing is built")
	require.ErrorIs(t, err, ErrUnverified)
	var ue *UnverifiedError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, RuleProgrammeRecordsVerify, ue.Rule)
	require.NotNil(t, ue.Err)
	assert.True(t, ue.Err.Has("Managers", programme.RuleManagers), "the programme's violation at its own path: %v", ue.Err.Fields)
	assert.True(t, ue.Err.Has("Audits[1].Opening", audit.RuleOpeningMeeting), "a record's violation under Audits[i]: %v", ue.Err.Fields)
	for _, f := range ue.Err.Fields {
		assert.False(t, strings.HasPrefix(f.Path, "Audits[0]"), "IA-2026-01 verifies: %v", f)
	}

	r, err = BuildProgrammeReport(p, audits, &ProgrammeReportOptions{AsOf: asOf, SoA: northwindSoA(t), Feedback: auditorFeedback(), Trend: programme.PeriodQuarter, Draft: true})
	require.NoError(t, err)
	require.NoError(t, r.Check())
	assert.True(t, r.Draft)
	if diff := cmp.Diff(ue.Err.Fields, r.Violations); diff != "" {
		t.Errorf("draft violations mismatch (-want +got):\n%s", diff)
	}
}

func TestUnverifiedError(t *testing.T) {
	ve := &ismsaudit.ValidationError{Pkg: "audit", Subject: "audit record", Fields: []ismsaudit.FieldError{{Path: "Opening", Rule: audit.RuleOpeningMeeting}}}
	for _, tt := range []struct {
		name string
		err  *UnverifiedError
		want []error
	}{
		{"with violations", &UnverifiedError{Rule: RuleRecordVerifies, Err: ve}, []error{ErrUnverified, ismsaudit.ErrInvalid}},
		{"without", &UnverifiedError{Rule: RuleProgrammeRecordsVerify}, []error{ErrUnverified}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.NotEmpty(t, tt.err.Error())
			for _, w := range tt.want {
				assert.ErrorIs(t, tt.err, w)
			}
			var got *ismsaudit.ValidationError
			assert.Equal(t, tt.err.Err != nil, errors.As(tt.err, &got))
		})
	}
}

func TestCheckDraftMarking(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(r *AuditReport)
		path   string
		rule   ismsaudit.RuleID
	}{
		{"draft without violations", func(r *AuditReport) { r.Violations = nil }, "Violations", RuleRecordVerifies},
		{"final with violations", func(r *AuditReport) { r.Draft = false }, "Draft", RuleRecordVerifies},
		{"violation without its rule", func(r *AuditReport) { r.Violations[0].Rule = " " }, "Violations[0].Rule", ismsaudit.RuleRequired},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := draftReport(t)
			tt.change(r)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, r.Check(), &ve)
			assert.True(t, ve.Has(tt.path, tt.rule), "%v", ve.Fields)
			var buf bytes.Buffer
			require.Error(t, WriteAuditReport(&buf, r, Markdown))
			assert.Zero(t, buf.Len(), "nothing is written")
		})
	}
	p := programmeReport(t)
	p.Violations = []ismsaudit.FieldError{{Path: "Managers", Rule: programme.RuleManagers}}
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, p.Check(), &ve)
	assert.True(t, ve.Has("Draft", RuleProgrammeRecordsVerify), "%v", ve.Fields)
}

// assertDraftCSV checks that a draft's CSV has DraftCSVColumn first and
// "draft" in it on every data row, then header's columns.
func assertDraftCSV(t *testing.T, out []byte, header []string) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	assert.Equal(t, append([]string{DraftCSVColumn}, header...), rows[0])
	require.Greater(t, len(rows), 1)
	for _, row := range rows[1:] {
		assert.Equal(t, "draft", row[0])
		assert.Len(t, row, len(header)+1)
	}
}

// metadataProps returns the ismsaudit properties of an OSCAL export's
// metadata, by name.
func metadataProps(t *testing.T, out []byte) (title string, props map[string][]string) {
	t.Helper()
	var doc map[string]struct {
		Metadata struct {
			Title string `json:"title"`
			Props []struct {
				Name  string `json:"name"`
				Value string `json:"value"`
			} `json:"props"`
		} `json:"metadata"`
	}
	require.NoError(t, json.Unmarshal(out, &doc))
	require.Len(t, doc, 1)
	props = map[string][]string{}
	for _, d := range doc {
		title = d.Metadata.Title
		for _, p := range d.Metadata.Props {
			props[p.Name] = append(props[p.Name], p.Value)
		}
	}
	return title, props
}

func TestDraftAuditReportIsMarkedInEveryFormat(t *testing.T) {
	r := draftReport(t)
	title := "DRAFT: " + r.Title
	t.Run("markdown", func(t *testing.T) {
		var buf bytes.Buffer
		require.NoError(t, WriteAuditReport(&buf, r, Markdown))
		out := buf.String()
		assert.True(t, strings.HasPrefix(out, "# DRAFT: Internal audit report: Northwind Analytics Ltd\n\n> **DRAFT** This report is a draft"), out[:200])
		assertContains(t, out, "| Opening | "+string(audit.RuleOpeningMeeting)+" |")
	})
	t.Run("html", func(t *testing.T) {
		var buf bytes.Buffer
		require.NoError(t, WriteAuditReport(&buf, r, HTML))
		out := buf.String()
		assertContains(t, out, "<title>"+title+"</title>")
		assertContains(t, out, `<p class="draft" role="alert"><strong>DRAFT</strong>`)
		assertContains(t, out, `body::before{content:"DRAFT"`)
		assertContains(t, out, "<td>"+string(audit.RuleOpeningMeeting)+"</td>")
	})
	t.Run("json", func(t *testing.T) {
		var buf bytes.Buffer
		require.NoError(t, WriteAuditReport(&buf, r, JSON))
		assertContains(t, buf.String(), `"draft": true,`)
		back, err := DecodeAuditReport(buf.Bytes())
		require.NoError(t, err)
		if diff := cmp.Diff(r, back); diff != "" {
			t.Errorf("round trip mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("csv", func(t *testing.T) {
		var buf bytes.Buffer
		require.NoError(t, WriteAuditReport(&buf, r, CSV))
		assertDraftCSV(t, buf.Bytes(), AuditFindingsCSVHeader())
		buf.Reset()
		require.NoError(t, WriteNonconformityActions(&buf, r))
		assertDraftCSV(t, buf.Bytes(), NonconformityActionsCSVHeader())
	})
	t.Run("oscal", func(t *testing.T) {
		for name, export := range map[string]func(*bytes.Buffer) error{
			"assessment results": func(w *bytes.Buffer) error { return AssessmentResults(w, r) },
			"poam":               func(w *bytes.Buffer) error { return PlanOfActionAndMilestones(w, r) },
		} {
			got, props := metadataProps(t, exportOSCAL(t, export))
			assert.True(t, strings.HasPrefix(got, "DRAFT: "), "%s: %q", name, got)
			assert.Equal(t, []string{"draft"}, props["report-status"], name)
			require.Len(t, props["record-violation"], len(r.Violations), name)
			for i, v := range r.Violations {
				assert.Equal(t, oneLine(v.String()), props["record-violation"][i], name)
			}
		}
	})
	// A final report carries none of the marks.
	final := internalReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, final, Markdown))
	assertAbsent(t, buf.String(), "DRAFT")
	_, props := metadataProps(t, exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentResults(w, final) }))
	assert.NotContains(t, props, "report-status")
	assert.NotContains(t, props, "record-violation")
}

func TestDraftProgrammeReportIsMarkedInEveryFormat(t *testing.T) {
	audits := programmeAudits(t)
	audits[1].Opening = nil
	o := programmeOptions(t)
	o.Draft = true
	r, err := BuildProgrammeReport(northwindProgramme(t), audits, o)
	require.NoError(t, err)
	require.True(t, r.Draft)
	require.NoError(t, r.Check())
	for format := range Formats() {
		t.Run(string(format), func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, WriteProgrammeReport(&buf, r, format))
			out := buf.String()
			switch format {
			case Markdown:
				assert.True(t, strings.HasPrefix(out, "# DRAFT: "+r.Title+"\n\n> **DRAFT** "), out[:200])
				assertContains(t, out, "| Audits\\[1\\].Opening | "+string(audit.RuleOpeningMeeting)+" |")
			case HTML:
				assertContains(t, out, "<title>DRAFT: "+r.Title+"</title>")
				assertContains(t, out, `<p class="draft" role="alert">`)
			case JSON:
				back, err := DecodeProgrammeReport(buf.Bytes())
				require.NoError(t, err)
				assert.True(t, back.Draft)
				if diff := cmp.Diff(r.Violations, back.Violations); diff != "" {
					t.Errorf("violations mismatch (-want +got):\n%s", diff)
				}
			case CSV:
				assertDraftCSV(t, buf.Bytes(), ProgrammeScheduleCSVHeader())
			}
		})
	}
}

// FuzzDraftMarking builds drafts whose one violation is arbitrary text: a
// draft whose violation names a rule passes Check, every CSV row of it
// says draft, its Markdown starts with the DRAFT title and its JSON reads
// back unchanged; one whose rule is blank is refused.
func FuzzDraftMarking(f *testing.F) {
	f.Add("Opening", "AUD-OPENING-MEETING", "", "fieldwork opened without a record of the opening meeting")
	f.Add("Findings[0].Grade", "AUD-RECORD-SHAPE", "=HYPERLINK(\"x\")", "<script>\r\n| *b* |")
	f.Add("", " ", "", "")
	base := draftReport(f)
	f.Fuzz(func(t *testing.T, path, rule, value, detail string) {
		r := base.clone()
		r.Violations = []ismsaudit.FieldError{{Path: path, Rule: ismsaudit.RuleID(rule), Value: value, Detail: detail}}
		if strings.TrimSpace(rule) == "" {
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, r.Check(), &ve)
			require.True(t, ve.Has("Violations[0].Rule", ismsaudit.RuleRequired))
			return
		}
		require.NoError(t, r.Check())
		var buf bytes.Buffer
		require.NoError(t, WriteAuditReport(&buf, r, Markdown))
		require.True(t, strings.HasPrefix(buf.String(), "# DRAFT: "))
		buf.Reset()
		require.NoError(t, WriteAuditReport(&buf, r, CSV))
		rows, err := csv.NewReader(&buf).ReadAll()
		require.NoError(t, err)
		for _, row := range rows[1:] {
			require.Equal(t, "draft", row[0])
		}
		for _, s := range []string{path, rule, value, detail} {
			if !utf8.ValidString(s) {
				return // text that is not UTF-8 does not survive JSON
			}
		}
		buf.Reset()
		require.NoError(t, WriteAuditReport(&buf, r, JSON))
		back, err := DecodeAuditReport(buf.Bytes())
		require.NoError(t, err)
		require.Equal(t, r.Violations, back.Violations)
	})
}

// TestDraftNoticeCountsViolations: the notice says how many violations
// its table lists.
func TestDraftNoticeCountsViolations(t *testing.T) {
	r := draftReport(t)
	require.Len(t, r.Violations, 1)
	second := r.Violations[0]
	second.Path = "Closing"
	r.Violations = append(r.Violations, second)
	for _, tc := range []struct {
		n    int
		want string
	}{
		{2, "Below are the 2 violations of the process rules"},
		{1, "Below is the violation of the process rules"},
	} {
		r.Violations = r.Violations[:tc.n]
		var buf bytes.Buffer
		require.NoError(t, WriteAuditReport(&buf, r, Markdown))
		assertContains(t, buf.String(), tc.want)
	}
}
