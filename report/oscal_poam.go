package report

import (
	"io"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
)

// PlanOfActionAndMilestones writes the open nonconformities of report r
// and their corrective actions to w as an OSCAL 1.1.2 Plan of Action and
// Milestones document in JSON: a poam-item per nonconformity whose
// follow-up is not closed, related to its finding, its risk (with the
// corrective action as remediation and the due date as milestone) and the
// observations made from its evidence, exported as AssessmentResults
// exports them. The system is identified by the UUID of the auditee
// (system-id, RFC 4122 scheme). UUIDs derive from the host's ids, so the
// output is deterministic.
//
// A draft is marked, and the record's seal shown, as AssessmentResults
// does it.
//
// The report is checked first, as AssessmentResults checks it. A report
// with no open nonconformity has nothing to plan and OSCAL requires at
// least one item: it is refused with a *ismsaudit.ValidationError (path
// "Findings", rule ismsaudit.RuleRequired) and nothing is written.
func PlanOfActionAndMilestones(w io.Writer, r *AuditReport) error {
	doc, err := planOfActionAndMilestones(r, true)
	if err != nil {
		return err
	}
	out := newOSCALWriter(w)
	out.poam(doc)
	return out.flush()
}

// planOfActionAndMilestones builds the POA&M document of r, its lists
// lazy as assessmentResults builds them.
func planOfActionAndMilestones(r *AuditReport, reuse bool) (*oscalPOAMDocument, error) {
	x, err := newOSCALExport(r)
	if err != nil {
		return nil, err
	}
	x.reuse = reuse
	var open, evidence []int
	used := map[ismsaudit.EvidenceID]bool{}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Kind != audit.Nonconformity || riskStatus(x.actions[f.ID]) == "closed" {
			continue
		}
		open = append(open, i)
		for _, id := range f.Evidence {
			used[id] = true
		}
	}
	if len(open) == 0 {
		col := newCollector("audit report for OSCAL POA&M")
		col.Add("Findings", ismsaudit.RuleRequired, "", "no open nonconformity: a POA&M needs at least one item")
		return nil, col.Err()
	}
	for i := range r.Evidence {
		if used[r.Evidence[i].ID] {
			evidence = append(evidence, i)
		}
	}
	x.resolvePeople(open, evidence)
	p := oscalPOAM{
		UUID:         OSCALUUID("audit", x.id, "poam"),
		Metadata:     x.metadata("Plan of action and milestones: " + r.Title),
		SystemID:     oscalSystemID{IdentifierType: "https://ietf.org/rfc/rfc4122", ID: OSCALUUID("organization", oneLine(r.Auditee))},
		observations: x.observationList(evidence),
		risks:        x.riskList(open),
		findings:     x.findingList(open),
		items: lazyList[oscalPOAMItem]{n: len(open), at: func(i int) *oscalPOAMItem {
			it := scratch(x, &x.item)
			x.poamItemInto(it, open[i])
			return it
		}},
	}
	return &oscalPOAMDocument{POAM: p}, nil
}

// poamItemInto fills it with the POA&M item of open nonconformity f.
func (x *oscalExport) poamItemInto(it *oscalPOAMItem, i int) {
	r := x.r
	f := &r.Findings[i]
	props, findings, related, risks := it.Props[:0], it.RelatedFindings[:0], it.RelatedObservations[:0], it.RelatedRisks[:0]
	*it = oscalPOAMItem{
		UUID:            x.auditUUID("poam-item", string(f.ID)),
		Title:           x.riskTitle(f),
		Description:     f.Found,
		Origins:         x.fOrigins[i],
		RelatedFindings: append(findings, oscalRelatedFinding{FindingUUID: x.findingUUID(i)}),
		RelatedRisks:    append(risks, oscalRelatedRisk{RiskUUID: x.riskUUID(i)}),
	}
	if len(f.Evidence) > 0 {
		it.RelatedObservations = x.relatedObservations(related, f.Evidence)
	}
	props = prop(props, "finding-id", string(f.ID))
	props = propTok(props, "grade", string(f.Grade))
	if a := x.actions[f.ID]; a != nil {
		props = propTok(props, "follow-up-state", string(a.State))
		props = propTok(props, "due", x.text.time(a.DueAt))
		if a.Overdue(r.AsOf) {
			props = propTok(props, "overdue", "true")
		}
	}
	it.Props = props
}
