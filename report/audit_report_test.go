package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
)

// arAsOf is the date the tests' reports speak as of: F-02's action (due
// 30 April) is overdue, F-01's (due 15 June) is not.
var arAsOf = arAt(time.May, 20, 9, 0)

func arReport(t testing.TB) *AuditReport {
	t.Helper()
	r, err := BuildAuditReport(arInternalAudit(t), &AuditReportOptions{At: arAsOf})
	require.NoError(t, err)
	require.NoError(t, r.Check())
	return r
}

func arCertReport(t testing.TB) *AuditReport {
	t.Helper()
	r, err := BuildAuditReport(arCertificationAudit(t), nil)
	require.NoError(t, err)
	require.NoError(t, r.Check())
	return r
}

func TestBuildAuditReportInternal(t *testing.T) {
	r := arReport(t)
	assert.Equal(t, "Internal audit report: Northwind Analytics Ltd", r.Title)
	assert.Equal(t, arAsOf, r.AsOf)
	require.NotNil(t, r.Issue)
	assert.Equal(t, 1, r.Issue.Version)

	ids := func(fs []AuditFinding) (out []audit.FindingID) {
		for _, f := range fs {
			out = append(out, f.ID)
		}
		return out
	}
	assert.Equal(t, []audit.FindingID{"F-01", "F-02", "F-03", "F-04", "F-05", "F-06", "F-07"}, ids(r.Findings), "the withdrawn F-08 is left out")
	var ev []ismsaudit.EvidenceID
	for _, e := range r.Evidence {
		ev = append(ev, e.ID)
	}
	assert.Equal(t, []ismsaudit.EvidenceID{"EV-01", "EV-02", "EV-03", "EV-04", "EV-06", "EV-07", "EV-09", "EV-10", "EV-11"}, ev,
		"cited or verified items in log order; the superseded EV-05 and the rejected EV-08 are left out")

	wantParticipants := []AuditParticipant{
		{Name: "Priya Shah", Organization: "Northwind Analytics Ltd", Role: "CISO", Meetings: []string{"opening", "closing"}},
		{Name: "Tom Hughes", Organization: "Northwind Analytics Ltd", Role: "Head of IT Operations", Meetings: []string{"opening", "closing"}},
		{Name: "Omar Farouk", Organization: "Northwind Analytics Ltd", Role: "Chief Executive", Meetings: []string{"closing"}},
		{Name: "Grace Park", Organization: "Northwind Analytics Ltd", Role: "HR manager", Meetings: []string{"closing"}},
	}
	if diff := cmp.Diff(wantParticipants, r.Participants); diff != "" {
		t.Errorf("participants mismatch (-want +got):\n%s", diff)
	}
	wantOpinions := []AuditDivergingOpinion{
		{Finding: "F-02", Opinion: "IT Operations holds that the web application firewall mitigates the missing patches, so the finding should be minor."},
		{Opinion: "IT Operations asks that the patch exception process be audited again once the new schedule has run for a quarter."},
	}
	if diff := cmp.Diff(wantOpinions, r.DivergingOpinions); diff != "" {
		t.Errorf("diverging opinions mismatch (-want +got):\n%s", diff)
	}
	ref := arControl("7.4")
	wantObstacles := []AuditObstacle{{Kind: ObstacleNotAudited, Ref: &ref, Title: "Physical security monitoring", Reason: "The Leeds office was closed for refurbishment during the audit week."}}
	if diff := cmp.Diff(wantObstacles, r.Obstacles); diff != "" {
		t.Errorf("obstacles mismatch (-want +got):\n%s", diff)
	}
	require.NotNil(t, r.Plan)
	assert.Equal(t, 1, r.Plan.Version)
	assert.Len(t, r.Plan.Schedule, 5)
	require.NotNil(t, r.FollowUp)
	require.Len(t, r.FollowUp.Actions, 3)
	assert.Equal(t, arAt(time.April, 20, 11, 0), r.FollowUp.Actions[2].ClosedAt)
	assert.True(t, r.FollowUp.Actions[1].Overdue(r.AsOf))
	assert.False(t, r.FollowUp.Actions[0].Overdue(r.AsOf))
	assert.False(t, r.FollowUp.Actions[2].Overdue(r.AsOf), "closed actions are never overdue")
	assert.Equal(t, AuditCriterion{Ref: annexa.RefToDocument("POL-ACC-4"), Label: "POL-ACC-4", Title: "Access control policy, version 4"}, r.Criteria[8])
	assert.Equal(t, []string{"Book IT Operations interviews two weeks ahead.", "Audit vulnerability management every six months until F-02 is closed."}, r.Implications)
	assert.Equal(t, DefaultSamplingStatement, r.SamplingStatement)
	assert.Len(t, r.Distribution, 3)
}

func TestBuildAuditReportOptions(t *testing.T) {
	a := arInternalAudit(t)
	r, err := BuildAuditReport(a, nil)
	require.NoError(t, err)
	assert.Equal(t, a.History[len(a.History)-1].At, r.AsOf, "as of the latest history entry by default")

	r, err = BuildAuditReport(a, &AuditReportOptions{Title: "Board report", SamplingStatement: "Sampled.", ConfidentialityStatement: "Secret."})
	require.NoError(t, err)
	assert.Equal(t, "Board report", r.Title)
	assert.Equal(t, "Sampled.", r.SamplingStatement)
	assert.Equal(t, "Secret.", r.ConfidentialityStatement)

	a.History = nil
	r, err = BuildAuditReport(a, nil)
	require.NoError(t, err)
	assert.Equal(t, a.CreatedAt, r.AsOf, "as of creation when there is no history")
}

func TestBuildAuditReportStates(t *testing.T) {
	early := []audit.State{audit.StateInitiation, audit.StatePreparation, audit.StateFieldwork, audit.StateFindings}
	for s := range audit.States() {
		t.Run(string(s), func(t *testing.T) {
			a := arInternalAudit(t)
			a.State = s
			r, err := BuildAuditReport(a, nil)
			if slices.Contains(early, s) {
				require.ErrorIs(t, err, ismsaudit.ErrTransition)
				var te *ismsaudit.TransitionError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, audit.RuleReportAfterClosing, te.Rule)
				assert.Equal(t, ismsaudit.ReasonWrongState, te.Reason)
				assert.Equal(t, string(s), te.State)
				_, known := audit.LookupRule(te.Rule)
				assert.True(t, known, "the rule is in audit's catalogue")
				assert.Nil(t, r)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, s, r.State)
		})
	}
	a := arInternalAudit(t)
	a.State = "paused"
	_, err := BuildAuditReport(a, nil)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("State", "enum"))

	_, err = BuildAuditReport(nil, nil)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
}

func TestBuildAuditReportRefusesBrokenReferences(t *testing.T) {
	a := arInternalAudit(t)
	a.Findings[0].Evidence = append(a.Findings[0].Evidence, "EV-99")
	a.FollowUps[0].Finding = "F-99"
	a.FollowUps[1].Evidence = []ismsaudit.EvidenceID{"EV-98"}
	a.Evidence[1].ID = "EV-01"
	a.Findings[2].ID = "F-01"
	a.FollowUps = append(a.FollowUps, audit.FollowUp{Finding: "F-07", State: audit.FollowUpPlanning})
	before := arInternalAudit(t)
	before.Findings[0].Evidence, before.FollowUps, before.Evidence[1].ID, before.Findings[2].ID = a.Findings[0].Evidence, a.FollowUps, a.Evidence[1].ID, a.Findings[2].ID

	r, err := BuildAuditReport(a, nil)
	assert.Nil(t, r)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, want := range []struct {
		path string
		rule ismsaudit.RuleID
	}{
		{"Findings[0].Evidence[2]", "unknown"},
		{"FollowUps[0].Finding", "unknown"},
		{"FollowUps[1].Evidence[0]", "unknown"},
		{"Evidence[1].ID", "unique"},
		{"Findings[2].ID", "unique"},
		{"FollowUps[3].Finding", "unique"},
	} {
		assert.True(t, ve.Has(want.path, want.rule), "%s %s in %v", want.path, want.rule, ve.Fields)
	}
	if diff := cmp.Diff(before, a); diff != "" {
		t.Errorf("record changed (-want +got):\n%s", diff)
	}
}

// arMutateStrings overwrites every string reachable from v, so that a
// test can show that a copy shares no memory with its original.
func arMutateStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			arMutateStrings(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				arMutateStrings(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			arMutateStrings(v.Index(i))
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(v.String() + "#mutated")
		}
	case reflect.Int:
		if v.CanSet() {
			v.SetInt(v.Int() + 1000)
		}
	case reflect.Bool:
		if v.CanSet() {
			v.SetBool(!v.Bool())
		}
	}
}

func TestBuildAuditReportSharesNothingWithRecord(t *testing.T) {
	a := arInternalAudit(t)
	r, err := BuildAuditReport(a, &AuditReportOptions{At: arAsOf})
	require.NoError(t, err)
	if diff := cmp.Diff(arInternalAudit(t), a); diff != "" {
		t.Fatalf("building changed the record (-want +got):\n%s", diff)
	}
	arMutateStrings(reflect.ValueOf(r))
	if diff := cmp.Diff(arInternalAudit(t), a); diff != "" {
		t.Errorf("changing the report changed the record (-want +got):\n%s", diff)
	}
}

func TestCloneSharesNothing(t *testing.T) {
	r := arReport(t)
	c := r.clone()
	if diff := cmp.Diff(r, c); diff != "" {
		t.Fatalf("clone mismatch (-want +got):\n%s", diff)
	}
	arMutateStrings(reflect.ValueOf(c))
	if diff := cmp.Diff(arReport(t), r); diff != "" {
		t.Errorf("changing the clone changed the original (-want +got):\n%s", diff)
	}
}

func TestCheckNamesMissingContent(t *testing.T) {
	for _, tt := range []struct {
		name   string
		cert   bool
		change func(r *AuditReport)
		want   [][2]string
	}{
		{"objectives", false, func(r *AuditReport) { r.Objectives = nil }, [][2]string{{"Objectives", ContentObjectives}}},
		{"blank objective", false, func(r *AuditReport) { r.Objectives[1] = " " }, [][2]string{{"Objectives[1]", ContentObjectives}}},
		{"scope", false, func(r *AuditReport) { r.Scope = AuditScope{} }, [][2]string{{"Scope", ContentScope}}},
		{"auditee", false, func(r *AuditReport) { r.Auditee = "" }, [][2]string{{"Auditee", ContentScope}}},
		{"client", false, func(r *AuditReport) { r.Client = "\t" }, [][2]string{{"Client", ContentClient}}},
		{"team", false, func(r *AuditReport) { r.Team = r.Team[3:] }, [][2]string{{"Team", ContentTeam}}},
		{"participants", false, func(r *AuditReport) { r.Participants = nil }, [][2]string{{"Participants", ContentParticipants}}},
		{"dates", false, func(r *AuditReport) { r.Start = time.Time{} }, [][2]string{{"Start", ContentDates}}},
		{"dates reversed", false, func(r *AuditReport) { r.End = r.Start.Add(-time.Hour) }, [][2]string{{"End", ContentDates}}},
		{"locations", false, func(r *AuditReport) { r.Locations = nil }, [][2]string{{"Locations", ContentLocations}}},
		{"criteria", false, func(r *AuditReport) { r.Criteria = nil }, [][2]string{{"Criteria", ContentCriteria}}},
		{"findings", false, func(r *AuditReport) { r.Findings, r.DivergingOpinions, r.FollowUp = nil, nil, nil }, [][2]string{{"Findings", ContentFindings}}},
		{"nonconformity evidence", false, func(r *AuditReport) { r.Findings[0].Evidence = nil }, [][2]string{{"Findings[0].Evidence", ContentFindingEvidence}}},
		{"finding criterion", false, func(r *AuditReport) { r.Findings[3].Criteria = nil }, [][2]string{{"Findings[3].Criteria", ContentFindings}}},
		{"finding text", false, func(r *AuditReport) { r.Findings[3].Found = "" }, [][2]string{{"Findings[3].Found", ContentFindings}}},
		{"draft finding", false, func(r *AuditReport) { r.Findings[2].State = audit.FindingDraft }, [][2]string{{"Findings[2].State", ContentFindings}}},
		{"conclusions", false, func(r *AuditReport) { r.Conclusion = nil }, [][2]string{{"Conclusion", ContentConclusions}, {"Conclusion.Fulfilment", ContentFulfilment}}},
		{"extent", false, func(r *AuditReport) { r.Conclusion.Extent = "" }, [][2]string{{"Conclusion.Extent", ContentConclusions}}},
		{"effectiveness", false, func(r *AuditReport) { r.Conclusion.Effectiveness = "" }, [][2]string{{"Conclusion.Effectiveness", ContentConclusions}}},
		{"fulfilment", false, func(r *AuditReport) { r.Conclusion.Fulfilment = "" }, [][2]string{{"Conclusion.Fulfilment", ContentFulfilment}}},
		{"dispute unstated", false, func(r *AuditReport) { r.Findings[1].DivergingOpinion = "" }, [][2]string{{"Findings[1].DivergingOpinion", ContentDiverging}}},
		{"dispute unlisted", false, func(r *AuditReport) { r.DivergingOpinions = nil }, [][2]string{{"DivergingOpinions", ContentDiverging}}},
		{"opinion blank", false, func(r *AuditReport) { r.DivergingOpinions[1].Opinion = "" }, [][2]string{{"DivergingOpinions[1].Opinion", ContentDiverging}}},
		{"sampling statement", false, func(r *AuditReport) { r.SamplingStatement = " " }, [][2]string{{"SamplingStatement", ContentSampling}}},
		{"confidentiality statement", false, func(r *AuditReport) { r.ConfidentialityStatement = "" }, [][2]string{{"ConfidentialityStatement", ContentConfidentiality}}},
		{"recommendation", true, func(r *AuditReport) { r.Conclusion.Recommendation = "" }, [][2]string{{"Conclusion.Recommendation", ContentRecommendation}}},
		{"recommendation without conclusion", true, func(r *AuditReport) { r.Conclusion = nil }, [][2]string{{"Conclusion.Recommendation", ContentRecommendation}}},
		{"distribution version", false, func(r *AuditReport) { r.Distribution[1].Version = 2 }, [][2]string{{"Distribution[1].Version", ContentDistribution}}},
		{"distribution recipient", false, func(r *AuditReport) { r.Distribution[0].Recipient.Name = "" }, [][2]string{{"Distribution[0].Recipient.Name", ContentDistribution}}},
		{"obstacle reason", false, func(r *AuditReport) { r.Obstacles[0].Reason = "" }, [][2]string{{"Obstacles[0].Reason", ContentObstacles}}},
		{"unknown evidence", false, func(r *AuditReport) { r.Findings[0].Evidence[0] = "EV-99" }, [][2]string{{"Findings[0].Evidence[0]", "unknown"}}},
		{"unknown action finding", false, func(r *AuditReport) { r.FollowUp.Actions[0].Finding = "F-99" }, [][2]string{{"FollowUp.Actions[0].Finding", "unknown"}}},
		{"duplicate finding", false, func(r *AuditReport) { r.Findings[1].ID = "F-01" }, [][2]string{{"Findings[1].ID", "unique"}}},
		{"duplicate evidence", false, func(r *AuditReport) { r.Evidence[1].ID = "EV-01" }, [][2]string{{"Evidence[1].ID", "unique"}}},
		{"kind", false, func(r *AuditReport) { r.Kind = "stage3" }, [][2]string{{"Kind", "enum"}}},
		{"grade on a conformity", false, func(r *AuditReport) { r.Findings[5].Grade = audit.Minor }, [][2]string{{"Findings[5].Grade", "enum"}}},
		{"nonconformity grade", false, func(r *AuditReport) { r.Findings[0].Grade = "" }, [][2]string{{"Findings[0].Grade", "required"}}},
		{"criterion ref", false, func(r *AuditReport) { r.Criteria[0].Ref.ID = "99.9" }, [][2]string{{"Criteria[0].Ref.ID", "unknown"}}},
		{"withheld with content", false, func(r *AuditReport) { r.Evidence[0].Withheld = true }, [][2]string{{"Evidence[0]", ContentRedaction}}},
		{"evidence time", false, func(r *AuditReport) { r.Evidence[0].CollectedAt = time.Time{} }, [][2]string{{"Evidence[0].CollectedAt", "required"}}},
		{"digest", false, func(r *AuditReport) { r.Evidence[2].Digest = "9F2C" }, [][2]string{{"Evidence[2].Digest", "format"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := arReport(t)
			if tt.cert {
				r = arCertReport(t)
			}
			tt.change(r)
			err := r.Check()
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			for _, w := range tt.want {
				assert.True(t, ve.Has(w[0], ismsaudit.RuleID(w[1])), "want %s %s, got %v", w[0], w[1], ve.Fields)
			}
			if tt.want[0][1] == "unknown" {
				assert.ErrorIs(t, err, ismsaudit.ErrNotFound)
			}
		})
	}
}

func TestCheckReportsEveryProblemAtOnce(t *testing.T) {
	r := arReport(t)
	r.Objectives, r.Client, r.Locations, r.SamplingStatement = nil, "", nil, ""
	r.Conclusion.Fulfilment = ""
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, r.Check(), &ve)
	for _, rule := range []string{ContentObjectives, ContentClient, ContentLocations, ContentSampling, ContentFulfilment} {
		assert.True(t, ve.Has("", ismsaudit.RuleID(rule)), rule)
	}
	var nilReport *AuditReport
	require.ErrorIs(t, nilReport.Check(), ismsaudit.ErrInvalid)
}

func TestAuditReportContentsCatalogue(t *testing.T) {
	clause := regexp.MustCompile(`^(19011|17021-1):[0-9]+(\.[0-9]+)*( [a-k])?$`)
	seen := map[string]bool{}
	required := 0
	for c := range AuditReportContents() {
		assert.False(t, seen[c.ID], "unique %s", c.ID)
		seen[c.ID] = true
		assert.Regexp(t, `^report-[a-z-]+$`, c.ID)
		assert.Regexp(t, clause, c.Clause, c.ID)
		assert.NotEmpty(t, c.Text, c.ID)
		if c.Required {
			required++
		}
	}
	assert.Equal(t, 15, required, "6.5.1 a to k (d, e and g in two parts each) and the certification recommendation")
	for _, letter := range "abcdefghijk" {
		found := false
		for c := range AuditReportContents() {
			if c.Required && strings.HasSuffix(c.Clause, " "+string(letter)) {
				found = true
			}
		}
		assert.True(t, found, "6.5.1 %c is checked", letter)
	}
	// Every rule Check cites for content is in the catalogue.
	r := arReport(t)
	r.Objectives, r.Scope, r.Auditee, r.Client, r.Team, r.Participants = nil, AuditScope{}, "", "", nil, nil
	r.Start, r.Locations, r.Criteria, r.SamplingStatement, r.ConfidentialityStatement = time.Time{}, nil, nil, "", ""
	r.Findings[0].Evidence, r.Findings[1].DivergingOpinion, r.DivergingOpinions = nil, "", nil
	r.Distribution[0].Version = 9
	r.Obstacles[0].Reason = ""
	r.Evidence[0].Withheld = true
	r.Kind = annexa.Stage2
	r.Conclusion = nil
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, r.Check(), &ve)
	for _, f := range ve.Fields {
		if strings.HasPrefix(string(f.Rule), "report-") {
			assert.True(t, seen[string(f.Rule)], "rule %s is in the catalogue", f.Rule)
		}
	}
}

func TestAuditReportGolden(t *testing.T) {
	reports := map[string]func(testing.TB) *AuditReport{"internal": arReport, "certification": arCertReport}
	for name, build := range reports {
		for _, tt := range []struct {
			f   Format
			ext string
		}{{Markdown, "md"}, {HTML, "html"}, {JSON, "json"}, {CSV, "csv"}} {
			t.Run(name+"/"+tt.f.String(), func(t *testing.T) {
				var a, b bytes.Buffer
				require.NoError(t, WriteAuditReport(&a, build(t), tt.f))
				require.NoError(t, WriteAuditReport(&b, build(t), tt.f))
				assert.Equal(t, a.String(), b.String(), "deterministic")
				golden(t, "audit-"+name+"."+tt.ext, a.Bytes())
			})
		}
		t.Run(name+"/actions", func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, WriteNonconformityActions(&buf, build(t)))
			golden(t, "audit-"+name+"-actions.csv", buf.Bytes())
		})
	}
	t.Run("public copy", func(t *testing.T) {
		c, err := RecipientCopy(arReport(t), audit.Recipient{Name: "Jordan Blake", Organization: "Blake ISMS Advisory", Clearance: audit.ConfidentialityPublic})
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, WriteAuditReport(&buf, c, Markdown))
		golden(t, "audit-internal-copy-public.md", buf.Bytes())
	})
}

func TestWriteAuditReportRefusesIncompleteReport(t *testing.T) {
	r := arReport(t)
	r.Objectives = nil
	writers := map[string]func(*bytes.Buffer) error{
		"actions": func(w *bytes.Buffer) error { return WriteNonconformityActions(w, r) },
		"oscal":   func(w *bytes.Buffer) error { return AssessmentResults(w, r) },
		"poam":    func(w *bytes.Buffer) error { return PlanOfActionAndMilestones(w, r) },
	}
	for f := range Formats() {
		writers[f.String()] = func(w *bytes.Buffer) error { return WriteAuditReport(w, r, f) }
	}
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			err := write(&buf)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has("Objectives", ContentObjectives))
			assert.Zero(t, buf.Len(), "nothing written")
		})
	}
	var buf bytes.Buffer
	err := WriteAuditReport(&buf, arReport(t), "pdf")
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("", "enum"))
	assert.Zero(t, buf.Len())
	require.ErrorIs(t, WriteAuditReport(&buf, nil, Markdown), ismsaudit.ErrInvalid)
	assert.Zero(t, buf.Len())
}

func TestAuditReportWriteErrorsAreReturned(t *testing.T) {
	r := arReport(t)
	writers := map[string]func(*failAfter) error{
		"actions": func(w *failAfter) error { return WriteNonconformityActions(w, r) },
		"oscal":   func(w *failAfter) error { return AssessmentResults(w, r) },
		"poam":    func(w *failAfter) error { return PlanOfActionAndMilestones(w, r) },
	}
	for f := range Formats() {
		writers[f.String()] = func(w *failAfter) error { return WriteAuditReport(w, r, f) }
	}
	for name, write := range writers {
		for _, n := range []int{0, 100, 1000} {
			require.ErrorIs(t, write(&failAfter{n: n}), errDisk, "%s after %d bytes", name, n)
		}
	}
}

func TestRenderersDoNotModifyTheReport(t *testing.T) {
	r, want := arReport(t), arReport(t)
	for f := range Formats() {
		require.NoError(t, WriteAuditReport(&bytes.Buffer{}, r, f))
	}
	require.NoError(t, WriteNonconformityActions(&bytes.Buffer{}, r))
	require.NoError(t, AssessmentResults(&bytes.Buffer{}, r))
	require.NoError(t, PlanOfActionAndMilestones(&bytes.Buffer{}, r))
	_, err := RecipientCopy(r, audit.Recipient{Name: "X", Clearance: audit.ConfidentialityPublic})
	require.NoError(t, err)
	_, err = RecipientCopies(r)
	require.NoError(t, err)
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("report changed (-want +got):\n%s", diff)
	}
}

func TestAuditReportJSONRoundTrip(t *testing.T) {
	copyFor := func(t testing.TB) *AuditReport {
		c, err := RecipientCopy(arReport(t), audit.Recipient{Name: "Priya Shah", Clearance: audit.ConfidentialityInternal})
		require.NoError(t, err)
		return c
	}
	for name, build := range map[string]func(testing.TB) *AuditReport{"internal": arReport, "certification": arCertReport, "copy": copyFor} {
		t.Run(name, func(t *testing.T) {
			r := build(t)
			var buf bytes.Buffer
			require.NoError(t, WriteAuditReport(&buf, r, JSON))
			back, err := ParseAuditReport(buf.Bytes())
			require.NoError(t, err)
			if diff := cmp.Diff(r, back); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseAuditReportRefuses(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, arReport(t), JSON))
	good := buf.String()
	for _, tt := range []struct {
		name, doc, path string
		rule            ismsaudit.RuleID
	}{
		{"syntax", good[:100], "", "json-syntax"},
		{"trailing", good + "{}", "", "json-trailing"},
		{"unknown field", strings.Replace(good, `"title"`, `"titel"`, 1), "", "unknown-field"},
		{"enum", strings.Replace(good, `"kind": "internal"`, `"kind": "inner"`, 1), "Kind", "enum"},
		{"incomplete", strings.Replace(good, `"client": "Omar Farouk, Chief Executive, Northwind Analytics Ltd"`, `"client": ""`, 1), "Client", ContentClient},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseAuditReport([]byte(tt.doc))
			assert.Nil(t, r)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "%s %s in %v", tt.path, tt.rule, ve.Fields)
		})
	}
}

func TestFindingsRegisterCSV(t *testing.T) {
	r := arReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, CSV))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(r.Findings)+1)
	assert.Equal(t, AuditFindingsCSVHeader, rows[0])
	f2 := rows[2]
	require.Len(t, f2, len(AuditFindingsCSVHeader))
	assert.Equal(t, []string{"F-02", "nonconformity", "major", "disputed", "A.8.8", "Management of technical vulnerabilities"}, f2[:6])
	assert.Equal(t, "EV-04", f2[10])
	assert.Equal(t, "2026-03-04T12:00:00Z", f2[14])
	assert.Equal(t, []string{"implemented", "2026-04-30", "true"}, f2[15:])
	assert.Equal(t, "A.5.15;POL-ACC-4", rows[5][4])
	assert.Equal(t, []string{"", "", ""}, rows[3][15:], "no action for an observation")
}

func TestNonconformityActionsCSV(t *testing.T) {
	r := arReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteNonconformityActions(&buf, r))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, NonconformityActionsCSVHeader, rows[0])
	got := map[string][]string{}
	for _, row := range rows[1:] {
		require.Len(t, row, len(NonconformityActionsCSVHeader))
		got[row[0]] = row
	}
	require.Len(t, got, 3, "one row per nonconformity")
	assert.Equal(t, []string{"2026-04-30", "implemented", "", "", "true", "20"}, got["F-02"][9:])
	assert.Equal(t, []string{"2026-06-15", "accepted", "", "", "false", "0"}, got["F-01"][9:])
	assert.Equal(t, []string{"2026-04-30", "closed", "Ben Osei", "2026-04-20", "false", "0"}, got["F-07"][9:])

	c := arCertReport(t)
	c.FollowUp.Actions = c.FollowUp.Actions[1:]
	buf.Reset()
	require.NoError(t, WriteNonconformityActions(&buf, c))
	rows, err = csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, []string{"C-F2", "minor", "acknowledged", "9.3.2", "", "The February 2026 management review records no decision on resources.", "", "", "", "", "", "", "", "false", "0"}, rows[1],
		"a nonconformity without a follow-up has empty action cells")
}

func TestMarkdownSections(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, arReport(t), Markdown))
	out := "\n" + buf.String()
	for _, heading := range []string{
		"# Internal audit report: Northwind Analytics Ltd", "## Audit objectives", "## Audit scope",
		"## Audit client, team and participants", "## Dates and locations", "## Audit criteria",
		"## Audit findings and evidence", "## Audit conclusions", "## Unresolved diverging opinions", "## Sampling",
		"## Audit plan and timetable", "## Obstacles met", "## Areas in scope not covered", "## Good practices",
		"## Risks escalated during the audit", "## Agreed follow-up", "## Other evidence examined",
		"## Implications for the audit programme", "## Confidentiality", "## Distribution",
	} {
		assert.True(t, strings.Contains(out, "\n"+heading+"\n"), heading)
	}
	assert.Contains(t, out, "- EV-02 (see above)", "an item cited twice is shown once")
	assert.Contains(t, out, "| F-02 | The three servers patched on 9 March 2026.")

	c := arCertReport(t)
	buf.Reset()
	require.NoError(t, WriteAuditReport(&buf, c, Markdown))
	out = buf.String()
	assert.Contains(t, out, "- **Recommendation:** certification is recommended once the corrective action plans for the minor nonconformities are accepted\n")
	assert.Contains(t, out, "None: the auditee and the audit team settled every opinion.")
	assert.Contains(t, out, "Not yet distributed.")
	assert.Contains(t, out, "- **Report:** version 1, issued 2026-05-15 09:00 +00:00 by Marta Nowak\n")
}

func TestAnchorsAreDistinct(t *testing.T) {
	ids := []string{"F-1", "F_1", "F 1", "F/1", "f-1", "F-1 ", "", "é"}
	seen := map[string]string{}
	for _, id := range ids {
		a := anchor("f", id)
		assert.Regexp(t, `^f-[A-Za-z0-9_-]*$`, a)
		if prev, dup := seen[a]; dup {
			t.Errorf("%q and %q share anchor %q", prev, id, a)
		}
		seen[a] = id
	}
}

func TestObstacleKinds(t *testing.T) {
	var got []ObstacleKind
	for k := range ObstacleKinds() {
		got = append(got, k)
		back, err := ParseObstacleKind(k.String())
		require.NoError(t, err)
		assert.Equal(t, k, back)
		b, err := k.MarshalText()
		require.NoError(t, err)
		var u ObstacleKind
		require.NoError(t, u.UnmarshalText(b))
		assert.Equal(t, k, u)
	}
	assert.Equal(t, []ObstacleKind{ObstacleNotAudited, ObstacleTerminated}, got)
	_, err := ParseObstacleKind("delay")
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var pe *ismsaudit.ParseError
	require.True(t, errors.As(err, &pe))
}

func TestTerminatedAuditReport(t *testing.T) {
	a := arInternalAudit(t)
	a.State = audit.StateTerminated
	a.Termination = &audit.Termination{Reason: "The auditee withdrew cooperation.", At: arAt(time.March, 4, 12, 0), By: "Aisha Khan"}
	r, err := BuildAuditReport(a, nil)
	require.NoError(t, err)
	last := r.Obstacles[len(r.Obstacles)-1]
	assert.Equal(t, AuditObstacle{Kind: ObstacleTerminated, Reason: "The auditee withdrew cooperation.", At: arAt(time.March, 4, 12, 0)}, last)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, Markdown))
	assert.Contains(t, buf.String(), "- **Audit terminated 2026-03-04 12:00 +00:00.** The auditee withdrew cooperation.\n")
}
