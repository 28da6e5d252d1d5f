package report

import (
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAssessmentResultsContent(t *testing.T) {
	r := internalReport(t)
	ar := decodeAssessmentResults(t, r)
	assert.Equal(t, OSCALUUID("audit", "IA-2026-01", "assessment-results"), ar.UUID)
	assert.Equal(t, "1.1.2", ar.Metadata.OSCALVersion)
	assert.Equal(t, "1", ar.Metadata.Version)
	assert.Equal(t, "2026-05-20T09:00:00Z", ar.Metadata.LastModified)
	assert.Equal(t, "#"+ar.BackMatter.Resources[0].UUID, ar.ImportAP.Href)
	require.Len(t, ar.Results, 1)
	res := ar.Results[0]
	assert.Equal(t, "2026-03-02T09:00:00Z", res.Start)
	assert.Equal(t, "2026-03-05T17:00:00Z", res.End)
	var controls []string
	for _, c := range res.ReviewedControls.ControlSelections[0].IncludeControls {
		controls = append(controls, c.ControlID)
	}
	assert.Equal(t, []string{"clause-6.1.3", "clause-9.2.2", "a.5.15", "a.5.18", "a.6.5", "a.7.4", "a.8.8", "a.8.15", "document-POL-ACC-4"}, controls)

	byTitle := map[string]oscalObservation{}
	for _, o := range res.Observations {
		id := o.Props[0]
		require.Equal(t, "evidence-id", id.Name)
		byTitle["Evidence "+id.Value] = o
		assert.Equal(t, OSCALUUID("audit", "IA-2026-01", "evidence", id.Value), o.UUID)
	}
	assert.Equal(t, []string{"INTERVIEW"}, byTitle["Evidence EV-01"].Methods)
	assert.Equal(t, []string{"EXAMINE"}, byTitle["Evidence EV-02"].Methods)
	assert.Equal(t, []string{"TEST"}, byTitle["Evidence EV-04"].Methods)
	assert.Equal(t, "2026-03-04T10:00:00Z", byTitle["Evidence EV-04"].Collected.String())
	assert.Equal(t, r.Evidence[3].Description, byTitle["Evidence EV-04"].Description)
	assert.Equal(t, r.Evidence[3].Description, byTitle["Evidence EV-04"].RelevantEvidence[0].Description, "the item's description")
	assert.Equal(t, withheldEvidence, byTitle["Evidence EV-03"].RelevantEvidence[0].Description, "a reference for a restricted item")
	restricted := byTitle["Evidence EV-03"]
	assert.Contains(t, restricted.Description, "by reference only")
	assert.Contains(t, restricted.Props, oscalProp{Name: "withheld", NS: OSCALPropNamespace, Value: "true"})

	status := map[string]string{}
	for _, f := range res.Findings {
		status[f.Target.TargetID+" "+f.Title[:4]] = f.Target.Status.State
		assert.Equal(t, "objective-id", f.Target.Type)
	}
	assert.Equal(t, map[string]string{
		"a.5.18 F-01": "not-satisfied", "a.8.8 F-02": "not-satisfied", "a.8.15 F-03": "satisfied", "clause-9.2.2 F-04": "satisfied",
		"a.5.15 F-05": "satisfied", "clause-6.1.3 F-06": "satisfied", "a.6.5 F-07": "not-satisfied",
	}, status)
	risks := map[string]oscalRisk{}
	for _, rk := range res.Risks {
		risks[rk.Title[:18]] = rk
	}
	require.Len(t, risks, 3, "one risk per nonconformity")
	assert.Equal(t, "remediating", risks["Nonconformity F-01"].Status)
	assert.Equal(t, "remediating", risks["Nonconformity F-02"].Status)
	assert.Equal(t, "closed", risks["Nonconformity F-07"].Status)
	assert.Equal(t, "completed", risks["Nonconformity F-07"].Remediations[0].Lifecycle)
	assert.Equal(t, "2026-04-30T00:00:00Z", risks["Nonconformity F-02"].Remediations[0].Tasks[0].Timing.OnDate.Date)

	cert := decodeAssessmentResults(t, certificationReport(t))
	for _, rk := range cert.Results[0].Risks {
		assert.Equal(t, "open", rk.Status, "a follow-up still being planned leaves the risk open")
	}
	assert.Len(t, cert.Results[0].Risks[0].Remediations, 0, "no action yet, no remediation")
	assert.Len(t, cert.Results[0].Risks[1].Remediations, 1)
	assert.Contains(t, cert.Results[0].Props, oscalProp{Name: "recommendation", NS: OSCALPropNamespace, Value: string(audit.RecommendAfterPlans)})
}

// TestAssessmentResultsPlanVersion checks the plan resource's version: the
// approved version shown, none for a plan never approved or no plan.
func TestAssessmentResultsPlanVersion(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(*AuditReport)
		want []oscalProp
	}{
		{"approved", func(r *AuditReport) { r.Plan.Version = 3 }, []oscalProp{{Name: "plan-version", NS: OSCALPropNamespace, Value: "3"}}},
		{"never approved", func(r *AuditReport) { r.Plan.Version, r.Plan.ApprovedAt, r.Plan.ApprovedBy = 0, time.Time{}, "" }, nil},
		{"no plan", func(r *AuditReport) { r.Plan = nil }, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := internalReport(t)
			require.NotNil(t, r.Plan)
			tt.edit(r)
			ar := decodeAssessmentResults(t, r)
			assert.Equal(t, tt.want, ar.BackMatter.Resources[0].Props)
		})
	}
}
