package report

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// TestCheckCitedEvidence covers the ways findings cite evidence items:
// in the report's order (found without the index), in another order,
// twice, and ids the report does not hold, blank ones included.
func TestCheckCitedEvidence(t *testing.T) {
	type field struct {
		path string
		rule ismsaudit.RuleID
	}
	for _, tt := range []struct {
		name   string
		change func(r *AuditReport)
		want   []field
	}{
		{"in order", func(r *AuditReport) {}, nil},
		{"reversed", func(r *AuditReport) {
			for i := range r.Findings {
				slices.Reverse(r.Findings[i].Evidence)
			}
		}, nil},
		{"cited twice", func(r *AuditReport) {
			r.Findings[1].Evidence = append(r.Findings[1].Evidence, r.Findings[1].Evidence[0], r.Findings[0].Evidence[4])
		}, nil},
		{"unknown", func(r *AuditReport) { r.Findings[1].Evidence[2] = "EV-99" }, []field{{"Findings[1].Evidence[2]", errs.RuleUnknown}}},
		{"blank id cited where the item is blank", func(r *AuditReport) {
			r.Evidence[6].ID = " "
			r.Findings[1].Evidence[1] = " "
		}, []field{{"Evidence[6].ID", "required"}, {"Findings[1].Evidence[1]", errs.RuleUnknown}}},
		{"empty id cited where the item is empty", func(r *AuditReport) {
			r.Evidence[5].ID = ""
			r.Findings[1].Evidence[0] = ""
		}, []field{{"Evidence[5].ID", "required"}, {"Findings[1].Evidence[0]", errs.RuleUnknown}}},
		{"duplicate id", func(r *AuditReport) { r.Evidence[7].ID = r.Evidence[2].ID }, []field{
			{"Evidence[7].ID", "unique"}, {"Findings[1].Evidence[2]", errs.RuleUnknown},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := BuildAuditReport(largeAudit(t, 4), &AuditReportOptions{At: asOf})
			require.NoError(t, err)
			tt.change(r)
			err = r.Check()
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			var got []field
			for _, f := range ve.Fields {
				if strings.HasPrefix(f.Path, "Evidence") || strings.HasPrefix(f.Path, "Findings") {
					got = append(got, field{f.Path, f.Rule})
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// FuzzIsSHA256Hex checks the digest format check against a regular
// expression.
func FuzzIsSHA256Hex(f *testing.F) {
	for _, s := range []string{"", "9f2c", strings.Repeat("a", 64), strings.Repeat("A", 64), strings.Repeat("0", 63) + "g", strings.Repeat("f", 65)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isSHA256Hex(s), sha256Hex.MatchString(s); got != want {
			t.Fatalf("isSHA256Hex(%q) = %v, want %v", s, got, want)
		}
	})
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
			r := internalReport(t)
			if tt.cert {
				r = certificationReport(t)
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
	r := internalReport(t)
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
	r := internalReport(t)
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
