package report

import (
	"encoding/json"
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
	hex := strings.Repeat("0123456789abcdef", 4)
	for _, s := range []string{"", "9f2c", strings.Repeat("a", 64), strings.Repeat("A", 64), strings.Repeat("0", 63) + "g", strings.Repeat("f", 65),
		hex, hex[:63] + "/", hex[:63] + ":", hex[:63] + "`", hex[:63] + "g", hex[:63] + "F", hex[:63] + "\x80"} {
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
		{"title", false, func(r *AuditReport) { r.Title = " " }, []problem{{"Title", ismsaudit.RuleRequired}}},
		{"audit id", false, func(r *AuditReport) { r.Audit = "" }, []problem{{"Audit", ismsaudit.RuleRequired}}},
		{"no kind", false, func(r *AuditReport) { r.Kind = "" }, []problem{{"Kind", ismsaudit.RuleRequired}}},
		{"state", false, func(r *AuditReport) { r.State = "archived" }, []problem{{"State", ismsaudit.RuleEnum}}},
		{"as of", false, func(r *AuditReport) { r.AsOf = time.Time{} }, []problem{{"AsOf", ismsaudit.RuleRequired}}},
		{"issue version", false, func(r *AuditReport) { r.Issue.Version = 0 }, []problem{{"Issue.Version", ismsaudit.RuleRequired}, {"Distribution[0].Version", RuleDistribution}}},
		{"issue time", false, func(r *AuditReport) { r.Issue.IssuedAt = time.Time{} }, []problem{{"Issue.IssuedAt", ismsaudit.RuleRequired}}},
		{"team member name", false, func(r *AuditReport) { r.Team[1].Name = " " }, []problem{{"Team[1].Name", ismsaudit.RuleRequired}}},
		{"team member role", false, func(r *AuditReport) { r.Team[1].Role = "boss" }, []problem{{"Team[1].Role", ismsaudit.RuleEnum}}},
		{"participant name", false, func(r *AuditReport) { r.Participants[2].Name = "" }, []problem{{"Participants[2].Name", ismsaudit.RuleRequired}}},
		{"end", false, func(r *AuditReport) { r.End = time.Time{} }, []problem{{"Start", RuleDates}}},
		{"criterion twice", false, func(r *AuditReport) { r.Criteria[3] = r.Criteria[1] }, []problem{{"Criteria[3].Ref", ismsaudit.RuleUnique}}},
		{"evidence source", false, func(r *AuditReport) { r.Evidence[1].Source = "rumour" }, []problem{{"Evidence[1].Source", ismsaudit.RuleEnum}}},
		{"evidence confidentiality", false, func(r *AuditReport) { r.Evidence[1].Confidentiality = "" }, []problem{{"Evidence[1].Confidentiality", ismsaudit.RuleRequired}}},
		{"evidence state", false, func(r *AuditReport) { r.Evidence[1].State = "lost" }, []problem{{"Evidence[1].State", ismsaudit.RuleEnum}}},
		{"evidence description", false, func(r *AuditReport) { r.Evidence[1].Description = "\n" }, []problem{{"Evidence[1].Description", ismsaudit.RuleRequired}}},
		{"finding id", false, func(r *AuditReport) { r.Findings[2].ID = " " }, []problem{{"Findings[2].ID", ismsaudit.RuleRequired}}},
		{"finding kind", false, func(r *AuditReport) { r.Findings[2].Kind = "remark" }, []problem{{"Findings[2].Kind", ismsaudit.RuleEnum}}},
		{"finding state", false, func(r *AuditReport) { r.Findings[2].State = "" }, []problem{{"Findings[2].State", ismsaudit.RuleRequired}}},
		{"withdrawn finding", false, func(r *AuditReport) { r.Findings[2].State = audit.FindingWithdrawn }, []problem{{"Findings[2].State", RuleFindings}}},
		{"nonconformity grade unknown", false, func(r *AuditReport) { r.Findings[0].Grade = "huge" }, []problem{{"Findings[0].Grade", ismsaudit.RuleEnum}}},
		{"opinion on an unknown finding", false, func(r *AuditReport) { r.DivergingOpinions[0].Finding = "F-99" }, []problem{{"DivergingOpinions[0].Finding", ismsaudit.RuleUnknown}}},
		{"action state", false, func(r *AuditReport) { r.FollowUp.Actions[1].State = "parked" }, []problem{{"FollowUp.Actions[1].State", ismsaudit.RuleEnum}}},
		{"action evidence", false, func(r *AuditReport) { r.FollowUp.Actions[2].Evidence[0] = "EV-99" }, []problem{{"FollowUp.Actions[2].Evidence[0]", ismsaudit.RuleUnknown}}},
		{"conclusion state", false, func(r *AuditReport) { r.Conclusion.State = "shelved" }, []problem{{"Conclusion.State", ismsaudit.RuleEnum}}},
		{"fulfilment unknown", false, func(r *AuditReport) { r.Conclusion.Fulfilment = "mostly" }, []problem{{"Conclusion.Fulfilment", ismsaudit.RuleEnum}}},
		{"recommendation unknown", false, func(r *AuditReport) { r.Conclusion.Recommendation = "maybe" }, []problem{{"Conclusion.Recommendation", ismsaudit.RuleEnum}}},
		{"certification recommendation unknown", true, func(r *AuditReport) { r.Conclusion.Recommendation = "maybe" }, []problem{{"Conclusion.Recommendation", ismsaudit.RuleEnum}}},
		{"obstacle kind", false, func(r *AuditReport) { r.Obstacles[0].Kind = "weather" }, []problem{{"Obstacles[0].Kind", ismsaudit.RuleEnum}}},
		{"distribution clearance", false, func(r *AuditReport) { r.Distribution[1].Recipient.Clearance = "" }, []problem{{"Distribution[1].Recipient.Clearance", ismsaudit.RuleRequired}}},
		{"distribution version zero", false, func(r *AuditReport) { r.Distribution[1].Version = 0 }, []problem{{"Distribution[1].Version", RuleDistribution}}},
		{"distribution time", false, func(r *AuditReport) { r.Distribution[2].At = time.Time{} }, []problem{{"Distribution[2].At", RuleDistribution}}},
		{"copy recipient", false, func(r *AuditReport) {
			r.Copy = &AuditCopy{Recipient: audit.Recipient{Clearance: audit.ConfidentialityRestricted}}
		}, []problem{{"Copy.Recipient.Name", RuleDistribution}}},
		{"copy clearance", false, func(r *AuditReport) {
			r.Copy = &AuditCopy{Recipient: audit.Recipient{Name: "Audit committee", Clearance: "secret"}}
		}, []problem{{"Copy.Recipient.Clearance", ismsaudit.RuleEnum}}},
		{"copy withholds fewer", false, func(r *AuditReport) {
			r.Copy = &AuditCopy{Recipient: audit.Recipient{Name: "Audit committee", Clearance: audit.ConfidentialityRestricted}, Withheld: 1}
		}, []problem{{"Copy.Withheld", RuleRedaction}}},
		{"copy shows evidence above clearance", false, func(r *AuditReport) {
			r.Copy = &AuditCopy{Recipient: audit.Recipient{Name: "Priya Shah", Clearance: audit.ConfidentialityInternal}}
		}, []problem{{"Evidence[2]", RuleRedaction}, {"Evidence[7]", RuleRedaction}}},
		{"finding criterion without kind", false, func(r *AuditReport) { r.Findings[0].Criteria[0].Ref = annexa.Ref{ID: "5.18"} }, []problem{{"Findings[0].Criteria[0].Ref.Kind", ismsaudit.RuleRequired}}},
		{"finding criterion of an unknown kind", false, func(r *AuditReport) { r.Findings[0].Criteria[0].Ref.Kind = "annex" }, []problem{{"Findings[0].Criteria[0].Ref.Kind", ismsaudit.RuleEnum}}},
		{"finding criterion not a control", false, func(r *AuditReport) { r.Findings[4].Criteria[0].Ref.ID = "5.99" }, []problem{{"Findings[4].Criteria[0].Ref.ID", ismsaudit.RuleUnknown}}},
		{"finding criterion not a clause", false, func(r *AuditReport) { r.Findings[3].Criteria[0].Ref.ID = "11.1" }, []problem{{"Findings[3].Criteria[0].Ref.ID", ismsaudit.RuleUnknown}}},
		{"finding criterion document without id", false, func(r *AuditReport) { r.Findings[4].Criteria[1].Ref.ID = " " }, []problem{{"Findings[4].Criteria[1].Ref.ID", ismsaudit.RuleRequired}}},
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

// TestCheckAcceptsWhatSuffices checks the contents that suffice alone:
// any one part of the scope, a team led by a team leader or by an
// auditor, an audit of one instant, and a copy for a recipient cleared
// for everything.
func TestCheckAcceptsWhatSuffices(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(r *AuditReport)
	}{
		{"scope: the ISMS only", func(r *AuditReport) { r.Scope = AuditScope{ISMS: "The analytics service"} }},
		{"scope: units only", func(r *AuditReport) { r.Scope = AuditScope{Units: []string{"Engineering"}} }},
		{"scope: processes only", func(r *AuditReport) { r.Scope = AuditScope{Processes: []string{"internal audit"}} }},
		{"scope: locations only", func(r *AuditReport) { r.Scope = AuditScope{Locations: []string{"London office"}} }},
		{"team: a team leader only", func(r *AuditReport) { r.Team = r.Team[:1] }},
		{"team: an auditor only", func(r *AuditReport) { r.Team = r.Team[1:2] }},
		{"dates: one instant", func(r *AuditReport) { r.End = r.Start }},
		{"copy: cleared for everything", func(r *AuditReport) {
			r.Copy = &AuditCopy{Recipient: audit.Recipient{Name: "Audit committee", Clearance: audit.ConfidentialityRestricted}}
		}},
		{"copy: evidence withheld", func(r *AuditReport) {
			r.Copy = &AuditCopy{Recipient: audit.Recipient{Name: "Priya Shah", Clearance: audit.ConfidentialityInternal}, Withheld: 2}
			for _, i := range []int{2, 7} {
				e := &r.Evidence[i]
				*e = AuditEvidence{ID: e.ID, Source: e.Source, Confidentiality: e.Confidentiality, State: e.State, CollectedAt: e.CollectedAt, Withheld: true}
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := internalReport(t)
			tt.change(r)
			require.NoError(t, r.Check())
		})
	}
}

// TestCheckWithheldEvidenceShowsNothing checks that a withheld evidence
// item shows its id, source, confidentiality, state and collection time
// only: each other field that holds anything, alone, is a leak.
func TestCheckWithheldEvidenceShowsNothing(t *testing.T) {
	digest := strings.Repeat("9f", 32)
	for _, tt := range []struct {
		name string
		leak func(e *AuditEvidence)
		want []problem
	}{
		{"nothing", func(e *AuditEvidence) {}, nil},
		{"description", func(e *AuditEvidence) { e.Description = "Firewall rule base export" }, []problem{{"Evidence[2]", RuleRedaction}}},
		{"blank description", func(e *AuditEvidence) { e.Description = " " }, []problem{{"Evidence[2]", RuleRedaction}}},
		{"digest", func(e *AuditEvidence) { e.Digest = digest }, []problem{{"Evidence[2]", RuleRedaction}}},
		{"covered period", func(e *AuditEvidence) { e.Covers = &audit.Period{From: at2026(1, 1, 0, 0)} }, []problem{{"Evidence[2]", RuleRedaction}}},
		{"empty covered period", func(e *AuditEvidence) { e.Covers = &audit.Period{} }, []problem{{"Evidence[2]", RuleRedaction}}},
		{"sampling", func(e *AuditEvidence) {
			e.Sampling = &audit.SampleRecord{Population: "leavers", PopulationSize: 40, SampleSize: 10, Method: audit.Statistical}
		}, []problem{{"Evidence[2]", RuleRedaction}}},
		{"collector", func(e *AuditEvidence) { e.CollectedBy = "Dana Whitfield" }, []problem{{"Evidence[2]", RuleRedaction}}},
		{"supported criteria", func(e *AuditEvidence) { e.Supports = []annexa.Ref{controlRef("8.8")} }, []problem{{"Evidence[2]", RuleRedaction}}},
		{"superseded item", func(e *AuditEvidence) { e.Supersedes = "EV-01" }, []problem{{"Evidence[2]", RuleRedaction}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := internalReport(t)
			e := &r.Evidence[2]
			require.Equal(t, audit.ConfidentialityRestricted, e.Confidentiality)
			*e = AuditEvidence{ID: e.ID, Source: e.Source, Confidentiality: e.Confidentiality, State: e.State, CollectedAt: e.CollectedAt, Withheld: true}
			tt.leak(e)
			before, err := json.Marshal(r)
			require.NoError(t, err)
			err = r.Check()
			after, merr := json.Marshal(r)
			require.NoError(t, merr)
			assert.JSONEq(t, string(before), string(after), "Check changes nothing")
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			var got []problem
			for _, f := range ve.Fields {
				got = append(got, problem{f.Path, f.Rule})
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(problem{})); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
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
