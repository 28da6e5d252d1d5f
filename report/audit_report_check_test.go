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
		{"unknown", func(r *AuditReport) { r.Findings[1].Evidence[2] = "EV-99" }, []field{{"Findings[1].Evidence[2]", ismsaudit.RuleUnknown}}},
		{"blank id cited where the item is blank", func(r *AuditReport) {
			r.Evidence[6].ID = " "
			r.Findings[1].Evidence[1] = " "
		}, []field{{"Evidence[6].ID", ismsaudit.RuleRequired}, {"Findings[1].Evidence[1]", ismsaudit.RuleUnknown}}},
		{"empty id cited where the item is empty", func(r *AuditReport) {
			r.Evidence[5].ID = ""
			r.Findings[1].Evidence[0] = ""
		}, []field{{"Evidence[5].ID", ismsaudit.RuleRequired}, {"Findings[1].Evidence[0]", ismsaudit.RuleUnknown}}},
		{"duplicate id", func(r *AuditReport) { r.Evidence[7].ID = r.Evidence[2].ID }, []field{
			{"Evidence[7].ID", ismsaudit.RuleUnique}, {"Findings[1].Evidence[2]", ismsaudit.RuleUnknown},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := BuildAuditReport(largeAudit(t, 4), &AuditReportOptions{AsOf: asOf})
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

// problem is a problem a test expects: a path and the rule it breaks.
type problem struct {
	path string
	rule ismsaudit.RuleID
}

func TestCheckNamesMissingContent(t *testing.T) {
	for _, tt := range []struct {
		name   string
		cert   bool
		change func(r *AuditReport)
		want   []problem
	}{
		{"objectives", false, func(r *AuditReport) { r.Objectives = nil }, []problem{{"Objectives", RuleObjectives}}},
		{"blank objective", false, func(r *AuditReport) { r.Objectives[1] = " " }, []problem{{"Objectives[1]", RuleObjectives}}},
		{"scope", false, func(r *AuditReport) { r.Scope = AuditScope{} }, []problem{{"Scope", RuleScope}}},
		{"auditee", false, func(r *AuditReport) { r.Auditee = "" }, []problem{{"Auditee", RuleScope}}},
		{"client", false, func(r *AuditReport) { r.Client = "\t" }, []problem{{"Client", RuleClient}}},
		{"team", false, func(r *AuditReport) { r.Team = r.Team[3:] }, []problem{{"Team", RuleTeam}}},
		{"participants", false, func(r *AuditReport) { r.Participants = nil }, []problem{{"Participants", RuleParticipants}}},
		{"dates", false, func(r *AuditReport) { r.Start = time.Time{} }, []problem{{"Start", RuleDates}}},
		{"dates reversed", false, func(r *AuditReport) { r.End = r.Start.Add(-time.Hour) }, []problem{{"End", RuleDates}}},
		{"locations", false, func(r *AuditReport) { r.Locations = nil }, []problem{{"Locations", RuleLocations}}},
		{"criteria", false, func(r *AuditReport) { r.Criteria = nil }, []problem{{"Criteria", RuleCriteria}}},
		{"findings", false, func(r *AuditReport) { r.Findings, r.DivergingOpinions, r.FollowUp = nil, nil, nil }, []problem{{"Findings", RuleFindings}}},
		{"nonconformity evidence", false, func(r *AuditReport) { r.Findings[0].Evidence = nil }, []problem{{"Findings[0].Evidence", RuleFindingEvidence}}},
		{"finding criterion", false, func(r *AuditReport) { r.Findings[3].Criteria = nil }, []problem{{"Findings[3].Criteria", RuleFindings}}},
		{"finding text", false, func(r *AuditReport) { r.Findings[3].Found = "" }, []problem{{"Findings[3].Found", RuleFindings}}},
		{"draft finding", false, func(r *AuditReport) { r.Findings[2].State = audit.FindingDraft }, []problem{{"Findings[2].State", RuleFindings}}},
		{"conclusions", false, func(r *AuditReport) { r.Conclusion = nil }, []problem{{"Conclusion", RuleConclusions}, {"Conclusion.Fulfilment", RuleFulfilment}}},
		{"extent", false, func(r *AuditReport) { r.Conclusion.Extent = "" }, []problem{{"Conclusion.Extent", RuleConclusions}}},
		{"effectiveness", false, func(r *AuditReport) { r.Conclusion.Effectiveness = "" }, []problem{{"Conclusion.Effectiveness", RuleConclusions}}},
		{"fulfilment", false, func(r *AuditReport) { r.Conclusion.Fulfilment = "" }, []problem{{"Conclusion.Fulfilment", RuleFulfilment}}},
		{"dispute unstated", false, func(r *AuditReport) { r.Findings[1].DivergingOpinion = "" }, []problem{{"Findings[1].DivergingOpinion", RuleDivergingOpinions}}},
		{"dispute unlisted", false, func(r *AuditReport) { r.DivergingOpinions = nil }, []problem{{"DivergingOpinions", RuleDivergingOpinions}}},
		{"opinion blank", false, func(r *AuditReport) { r.DivergingOpinions[1].Opinion = "" }, []problem{{"DivergingOpinions[1].Opinion", RuleDivergingOpinions}}},
		{"sampling statement", false, func(r *AuditReport) { r.SamplingStatement = " " }, []problem{{"SamplingStatement", RuleSamplingStatement}}},
		{"confidentiality statement", false, func(r *AuditReport) { r.ConfidentialityStatement = "" }, []problem{{"ConfidentialityStatement", RuleConfidentiality}}},
		{"recommendation", true, func(r *AuditReport) { r.Conclusion.Recommendation = "" }, []problem{{"Conclusion.Recommendation", RuleRecommendation}}},
		{"recommendation without conclusion", true, func(r *AuditReport) { r.Conclusion = nil }, []problem{{"Conclusion.Recommendation", RuleRecommendation}}},
		{"distribution version", false, func(r *AuditReport) { r.Distribution[1].Version = 2 }, []problem{{"Distribution[1].Version", RuleDistribution}}},
		{"distribution recipient", false, func(r *AuditReport) { r.Distribution[0].Recipient.Name = "" }, []problem{{"Distribution[0].Recipient.Name", RuleDistribution}}},
		{"obstacle reason", false, func(r *AuditReport) { r.Obstacles[0].Reason = "" }, []problem{{"Obstacles[0].Reason", RuleObstacles}}},
		{"unknown evidence", false, func(r *AuditReport) { r.Findings[0].Evidence[0] = "EV-99" }, []problem{{"Findings[0].Evidence[0]", ismsaudit.RuleUnknown}}},
		{"unknown action finding", false, func(r *AuditReport) { r.FollowUp.Actions[0].Finding = "F-99" }, []problem{{"FollowUp.Actions[0].Finding", ismsaudit.RuleUnknown}}},
		{"duplicate finding", false, func(r *AuditReport) { r.Findings[1].ID = "F-01" }, []problem{{"Findings[1].ID", ismsaudit.RuleUnique}}},
		{"duplicate evidence", false, func(r *AuditReport) { r.Evidence[1].ID = "EV-01" }, []problem{{"Evidence[1].ID", ismsaudit.RuleUnique}}},
		{"kind", false, func(r *AuditReport) { r.Kind = "stage3" }, []problem{{"Kind", ismsaudit.RuleEnum}}},
		{"grade on a conformity", false, func(r *AuditReport) { r.Findings[5].Grade = audit.Minor }, []problem{{"Findings[5].Grade", ismsaudit.RuleEnum}}},
		{"nonconformity grade", false, func(r *AuditReport) { r.Findings[0].Grade = "" }, []problem{{"Findings[0].Grade", ismsaudit.RuleRequired}}},
		{"criterion ref", false, func(r *AuditReport) { r.Criteria[0].Ref.ID = "99.9" }, []problem{{"Criteria[0].Ref.ID", ismsaudit.RuleUnknown}}},
		{"withheld with content", false, func(r *AuditReport) { r.Evidence[0].Withheld = true }, []problem{{"Evidence[0]", RuleRedaction}}},
		{"evidence time", false, func(r *AuditReport) { r.Evidence[0].CollectedAt = time.Time{} }, []problem{{"Evidence[0].CollectedAt", ismsaudit.RuleRequired}}},
		{"digest", false, func(r *AuditReport) { r.Evidence[2].Digest = "9F2C" }, []problem{{"Evidence[2].Digest", ismsaudit.RuleFormat}}},
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
				assert.True(t, ve.Has(w.path, w.rule), "want %s %s, got %v", w.path, w.rule, ve.Fields)
			}
			if tt.want[0].rule == ismsaudit.RuleUnknown {
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
	for _, rule := range []ismsaudit.RuleID{RuleObjectives, RuleClient, RuleLocations, RuleSamplingStatement, RuleFulfilment} {
		assert.True(t, ve.Has("", rule), rule)
	}
	var nilReport *AuditReport
	require.ErrorIs(t, nilReport.Check(), ismsaudit.ErrInvalid)
}

func TestAuditReportRules(t *testing.T) {
	clause := regexp.MustCompile(`^(19011|17021-1):[0-9]+(\.[0-9]+)*( [a-k])?(, 4 d)?$`)
	seen := map[ismsaudit.RuleID]bool{}
	required := 0
	for _, r := range auditReportRules {
		assert.False(t, seen[r.ID], "unique %s", r.ID)
		seen[r.ID] = true
		assert.Regexp(t, `^RPT-[A-Z-]+$`, r.ID)
		assert.NotContains(t, r.ID, "PROGRAMME", "an audit report rule")
		assert.Regexp(t, clause, r.Clause, r.ID)
		assert.NoError(t, r.Check("RPT"))
		if isRequiredContent(r) {
			required++
		}
	}
	assert.Equal(t, 15, required, "6.5.1 a to k (d, e and g in two parts each) and the certification recommendation")
	for _, letter := range "abcdefghijk" {
		found := false
		for _, r := range auditReportRules {
			if strings.HasSuffix(string(r.Clause), " "+string(letter)) {
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
		if strings.HasPrefix(string(f.Rule), "RPT-") {
			assert.True(t, seen[f.Rule], "rule %s is in the catalogue", f.Rule)
		}
	}
}

// isRequiredContent reports whether r names content every audit report
// holds, as Rules documents: 19011 6.5.1 a to k, and the recommendation
// of a certification audit.
func isRequiredContent(r ismsaudit.Rule) bool {
	return r.ID == RuleRecommendation || regexp.MustCompile(`^19011:6\.5\.1 [a-k]$`).MatchString(string(r.Clause))
}
