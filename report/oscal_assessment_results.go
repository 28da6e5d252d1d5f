package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
)

func (x *oscalExport) planResource() oscalResource {
	r := x.r
	var b strings.Builder
	b.WriteString("Objectives:")
	for _, o := range r.Objectives {
		b.WriteString("\n- ")
		b.WriteString(o)
	}
	// Names are folded (oneLine) as the parties' are: no byte-order mark
	// from a spreadsheet ends up inside the text.
	b.WriteString("\n\nScope: ")
	b.WriteString(oneLine(r.Auditee))
	for _, part := range [][]string{r.Scope.Units, r.Scope.Processes, r.Scope.Locations} {
		sep := "; "
		for _, name := range part {
			if name = oneLine(name); name != "" {
				b.WriteString(sep)
				b.WriteString(name)
				sep = ", "
			}
		}
	}
	if r.Scope.ISMS != "" {
		b.WriteString("\n\nISMS scope: ")
		b.WriteString(r.Scope.ISMS)
	}
	b.WriteString("\n\nCriteria:")
	for _, c := range r.Criteria {
		b.WriteString("\n- ")
		b.WriteString(criterionText(c))
	}
	plan := OSCALUUID("audit", x.id, "assessment-plan")
	res := oscalResource{
		UUID: OSCALUUID("audit", x.id, "plan"), Title: oneLine("Assessment plan of " + x.id), Description: b.String(),
		DocumentIDs: []oscalDocumentID{{Scheme: oscalUUIDScheme, Identifier: plan}},
		RLinks:      []oscalRLink{{Href: "urn:uuid:" + plan, MediaType: "application/oscal.ap+json"}},
	}
	if r.Plan != nil && r.Plan.Version > 0 {
		res.Props = prop(res.Props, "plan-version", strconv.Itoa(r.Plan.Version))
	}
	return res
}

func (x *oscalExport) reviewedControls() oscalReviewedControls {
	sel := oscalControlSelection{Description: "The audit criteria: ISO/IEC 27001:2022 clauses (clause-<id>), Annex A controls (a.<id>) and other documents (document-<id>)."}
	for _, c := range x.r.Criteria {
		sel.IncludeControls = append(sel.IncludeControls, oscalSelectControl{ControlID: OSCALControlID(c.Ref)})
	}
	return oscalReviewedControls{ControlSelections: []oscalControlSelection{sel}}
}

func (x *oscalExport) attestation() []oscalAttestation {
	r := x.r
	k := r.Conclusion
	parts := []oscalPart{
		{Name: "fulfilment", NS: OSCALPropNamespace, Title: "Degree to which the audit criteria are fulfilled", Prose: words(k.Fulfilment) + ". " + fulfilmentStatements[k.Fulfilment]},
		{Name: "extent-of-conformity", NS: OSCALPropNamespace, Title: "Extent of conformity", Prose: k.Extent},
		{Name: "effectiveness", NS: OSCALPropNamespace, Title: "Effectiveness of the ISMS", Prose: k.Effectiveness},
		{Name: "objectives-achieved", NS: OSCALPropNamespace, Title: "Audit objectives achieved", Prose: yesNo(k.ObjectivesAchieved)},
		{Name: "scope-covered", NS: OSCALPropNamespace, Title: "Whole audit scope covered", Prose: yesNo(k.ScopeCovered)},
	}
	if len(k.NotCovered) > 0 {
		parts = append(parts, oscalPart{Name: "not-covered", NS: OSCALPropNamespace, Title: "Areas in scope not covered", Prose: "- " + strings.Join(k.NotCovered, "\n- ")})
	}
	if k.Recommendation != "" {
		parts = append(parts, oscalPart{Name: "recommendation", NS: OSCALPropNamespace, Title: "Recommendation", Prose: recommendationLabels[k.Recommendation] + "."})
	}
	if len(r.DivergingOpinions) > 0 {
		var b strings.Builder
		for i, d := range r.DivergingOpinions {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString("- ")
			if d.Finding != "" {
				b.WriteString(string(d.Finding) + ": ")
			}
			b.WriteString(d.Opinion)
		}
		parts = append(parts, oscalPart{Name: "diverging-opinions", NS: OSCALPropNamespace, Title: "Unresolved diverging opinions", Prose: b.String()})
	}
	parts = append(parts, oscalPart{Name: "sampling-statement", NS: OSCALPropNamespace, Title: "Sampling", Prose: r.SamplingStatement})
	a := oscalAttestation{Parts: parts}
	for _, rp := range x.resp {
		if rp.RoleID == string(competence.RoleTeamLeader) {
			a.ResponsibleParties = []oscalResponsibleParty{rp}
		}
	}
	return []oscalAttestation{a}
}

// AssessmentResults writes report r to w as an OSCAL 1.1.2 Assessment
// Results document in JSON, for GRC tools that import OSCAL:
//
//   - metadata: title, last-modified (r.AsOf), version (the issued report
//     version, or "draft"), published (the issue time), roles and parties
//     for the audit client, the auditee and each team member, with
//     responsible-parties tying them together;
//   - import-ap: a reference ("#" + uuid) to a back-matter resource that
//     imports the assessment plan AssessmentPlan writes for the same
//     audit: its document-id and its rlink ("urn:uuid:" + uuid) name that
//     document's uuid, OSCALUUID("audit", <audit>, "assessment-plan"),
//     and its description summarises the plan (objectives, scope,
//     criteria);
//   - one result spanning r.Start to r.End, whose reviewed-controls select
//     the audit criteria (see OSCALControlID), whose attestation carries
//     the conclusions, and which holds:
//   - an observation per evidence item, its method mapped from the source
//     (interview INTERVIEW; observation, document, record EXAMINE;
//     technical verification, data analysis TEST), collected at the item's
//     collection time, with the item's description as relevant evidence;
//     restricted items, and items a recipient's copy withholds, appear by
//     reference only;
//   - a finding per finding, targeting the objective of its first
//     criterion with status satisfied, or not-satisfied for a
//     nonconformity, related to its observations;
//   - a risk per nonconformity, open, remediating or closed as its
//     follow-up stands, with the corrective action as a remediation whose
//     milestone is the due date.
//
// A draft (AuditReport.Draft) is marked: the metadata title reads
// "DRAFT: <title>", and the metadata carries the property report-status
// "draft" and a property record-violation per violation. The metadata
// carries the record's seal as properties too (seal-status "sealed",
// "not-intact" or "not-sealed", and for a sealed record seal-algorithm,
// seal-head, seal-head-number, seal-size, sealed-at, sealed-by,
// seal-signer, seal-signer-verified, seal-unsealed-operations, and on a
// recipient's copy seal-proven-parts and seal-withheld-parts).
//
// Every UUID derives from the host's ids (OSCALUUID), so exporting the
// same record again gives the same bytes. The report is checked first:
// nothing is written when it is incomplete (the *ismsaudit.ValidationError
// of Check) or holds a time OSCAL cannot (outside the years 1900 to 2999;
// rule ismsaudit.RuleRange).
func AssessmentResults(w io.Writer, r *AuditReport) error {
	doc, err := assessmentResults(r, true)
	if err != nil {
		return err
	}
	out := newOSCALWriter(w)
	out.assessmentResults(doc)
	return out.flush()
}

// assessmentResults builds the Assessment Results document of r, its
// observations, risks and findings as lazy lists; reuse makes them fill
// scratch items (for writing) rather than new ones.
func assessmentResults(r *AuditReport, reuse bool) (*oscalARDocument, error) {
	x, err := newOSCALExport(r)
	if err != nil {
		return nil, err
	}
	x.reuse = reuse
	var ncs []int
	for i := range r.Findings {
		if r.Findings[i].Kind == audit.Nonconformity {
			ncs = append(ncs, i)
		}
	}
	all := make([]int, len(r.Evidence))
	for i := range all {
		all[i] = i
	}
	x.resolvePeople(allFindings(r), all)
	res := oscalResult{
		UUID:             OSCALUUID("audit", x.id, "result"),
		Title:            oneLine(r.Title),
		Description:      resultDescription(r),
		Start:            oscalTime(r.Start),
		End:              oscalTime(r.End),
		ReviewedControls: x.reviewedControls(),
		Attestations:     x.attestation(),
		Remarks:          r.SamplingStatement,
		observations:     x.observationList(all),
		risks:            x.riskList(ncs),
		findings:         x.findingList(allFindings(r)),
	}
	res.Props = prop(res.Props, "fulfilment", string(r.Conclusion.Fulfilment))
	res.Props = prop(res.Props, "recommendation", string(r.Conclusion.Recommendation))
	doc := oscalARDocument{AssessmentResults: oscalAssessmentResults{
		UUID:       OSCALUUID("audit", x.id, "assessment-results"),
		Metadata:   x.metadata(r.Title),
		ImportAP:   oscalImport{Href: "#" + OSCALUUID("audit", x.id, "plan")},
		Results:    []oscalResult{res},
		BackMatter: &oscalBackMatter{Resources: []oscalResource{x.planResource()}},
	}}
	return &doc, nil
}

func resultDescription(r *AuditReport) string {
	var b strings.Builder
	b.WriteString(lowerFirst(kindTitles[r.Kind]))
	b.WriteString(" ")
	b.WriteString(string(r.Audit))
	b.WriteString(" of ")
	b.WriteString(oneLine(r.Auditee))
	b.WriteString(" for ")
	b.WriteString(oneLine(r.Client))
	b.WriteString(". ")
	b.WriteString(findingCounts(r.Findings))
	b.WriteString(" ")
	b.WriteString(fulfilmentStatements[r.Conclusion.Fulfilment])
	return strings.ToUpper(b.String()[:1]) + b.String()[1:]
}
