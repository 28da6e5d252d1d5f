package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanOfActionAndMilestones(t *testing.T) {
	decode := func(t *testing.T, r *AuditReport) oscalPOAM {
		var doc oscalPOAMDocument
		dec := json.NewDecoder(bytes.NewReader(exportOSCAL(t, func(w *bytes.Buffer) error { return PlanOfActionAndMilestones(w, r) })))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&doc))
		return doc.POAM
	}
	items := func(p oscalPOAM) (out []string) {
		for _, it := range p.POAMItems {
			out = append(out, it.Title)
		}
		return out
	}
	p := decode(t, internalReport(t))
	assert.Equal(t, []string{
		"Nonconformity F-01 (minor): A.5.18 Access rights",
		"Nonconformity F-02 (major): A.8.8 Management of technical vulnerabilities",
	}, items(p), "the closed F-07 is not in the plan")
	assert.Equal(t, OSCALUUID("organization", "Northwind Analytics Ltd"), p.SystemID.ID)
	assert.Len(t, p.Findings, 2)
	assert.Len(t, p.Risks, 2)
	assert.Len(t, p.Observations, 3, "EV-03, EV-02 and EV-04, the evidence of the open items")
	assert.Equal(t, p.Risks[1].UUID, p.POAMItems[1].RelatedRisks[0].RiskUUID)
	assert.Equal(t, p.Findings[1].UUID, p.POAMItems[1].RelatedFindings[0].FindingUUID)
	assert.Contains(t, p.POAMItems[1].Props, oscalProp{Name: "overdue", NS: OSCALPropNamespace, Value: "true"})

	c := decode(t, certificationReport(t))
	assert.Len(t, c.POAMItems, 2)

	r := internalReport(t)
	for i := range r.FollowUp.Actions {
		r.FollowUp.Actions[i].State = audit.FollowUpClosed
	}
	r.FollowUp.Actions = r.FollowUp.Actions[:2]
	r.FollowUp.Actions = append(r.FollowUp.Actions, AuditAction{Finding: "F-07", State: audit.FollowUpClosed})
	var buf bytes.Buffer
	err := PlanOfActionAndMilestones(&buf, r)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Findings", ismsaudit.RuleRequired))
	assert.Zero(t, buf.Len())
}
