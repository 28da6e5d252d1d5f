package report

import (
	"fmt"
	"iter"
	"slices"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// ReportContent is one piece of content an audit report includes or
// refers to (ISO 19011:2018 6.5.1, 6.5.2). Check cites its ID as the rule
// of every problem it finds with that content.
type ReportContent struct {
	// ID is the stable rule token, e.g. "report-objectives".
	ID string `json:"id"`
	// Clause is where the content comes from, e.g. "19011:6.5.1 a".
	Clause string `json:"clause"`
	// Required is true for the contents 6.5.1 a to k lists (and the
	// recommendation of a certification audit); the others are shown
	// where present.
	Required bool `json:"required"`
	// Text says in one line what the report holds.
	Text string `json:"text"`
}

// Rule tokens of the audit report's contents.
const (
	ContentObjectives      = "report-objectives"
	ContentScope           = "report-scope"
	ContentClient          = "report-client"
	ContentTeam            = "report-team"
	ContentParticipants    = "report-participants"
	ContentDates           = "report-dates"
	ContentLocations       = "report-locations"
	ContentCriteria        = "report-criteria"
	ContentFindings        = "report-findings"
	ContentFindingEvidence = "report-finding-evidence"
	ContentConclusions     = "report-conclusions"
	ContentFulfilment      = "report-fulfilment"
	ContentDiverging       = "report-diverging-opinions"
	ContentSampling        = "report-sampling-statement"
	ContentRecommendation  = "report-recommendation"
	ContentPlan            = "report-plan"
	ContentObstacles       = "report-obstacles"
	ContentNotCovered      = "report-not-covered"
	ContentGoodPractices   = "report-good-practices"
	ContentFollowUp        = "report-follow-up"
	ContentConfidentiality = "report-confidentiality"
	ContentImplications    = "report-implications"
	ContentDistribution    = "report-distribution"
	ContentRedaction       = "report-redaction"
)

var reportContents = []ReportContent{
	{ContentObjectives, "19011:6.5.1 a", true, "the audit objectives"},
	{ContentScope, "19011:6.5.1 b", true, "the scope: the organization audited and the units, processes or locations covered"},
	{ContentClient, "19011:6.5.1 c", true, "who the audit client is"},
	{ContentTeam, "19011:6.5.1 d", true, "the audit team, with at least a team leader or an auditor"},
	{ContentParticipants, "19011:6.5.1 d", true, "the auditee's people who took part in the audit"},
	{ContentDates, "19011:6.5.1 e", true, "when the audit activities took place"},
	{ContentLocations, "19011:6.5.1 e", true, "where the audit activities took place"},
	{ContentCriteria, "19011:6.5.1 f", true, "the audit criteria"},
	{ContentFindings, "19011:6.5.1 g", true, "the findings, each settled by the team and citing a criterion"},
	{ContentFindingEvidence, "19011:6.5.1 g", true, "the evidence behind the findings: every nonconformity cites evidence the report holds"},
	{ContentConclusions, "19011:6.5.1 h", true, "the conclusions on the extent of conformity and the effectiveness of the ISMS"},
	{ContentFulfilment, "19011:6.5.1 i", true, "the degree to which the audit criteria are fulfilled"},
	{ContentDiverging, "19011:6.5.1 j", true, "the diverging opinions left unresolved, each stated"},
	{ContentSampling, "19011:6.5.1 k", true, "a statement that an audit samples, so conformity beyond the evidence examined is not certified"},
	{ContentRecommendation, "17021-1:9.4.8", true, "for a certification audit, the team's recommendation"},
	{ContentPlan, "19011:6.5.1", false, "the audit plan and its timetable"},
	{ContentObstacles, "19011:6.5.1", false, "obstacles met that may make the conclusions less reliable"},
	{ContentNotCovered, "19011:6.5.1", false, "areas within the scope not covered, and why"},
	{ContentGoodPractices, "19011:6.5.1", false, "good practices found"},
	{ContentFollowUp, "19011:6.5.1", false, "the agreed follow-up and corrective actions"},
	{ContentConfidentiality, "19011:6.5.1", false, "a statement of the confidential nature of the report"},
	{ContentImplications, "19011:6.5.1", false, "implications for the audit programme and later audits"},
	{ContentDistribution, "19011:6.5.2", false, "who received which version of the report, when, with what clearance"},
	{ContentRedaction, "19011:6.5.2", false, "a recipient's copy shows evidence above the recipient's clearance by reference only"},
}

// AuditReportContents yields the contents of an audit report in the order
// 19011 6.5.1 lists them, required ones first.
func AuditReportContents() iter.Seq[ReportContent] { return slices.Values(reportContents) }

// Check reports, in one *ismsaudit.ValidationError, every required piece of 19011
// 6.5.1 content the report lacks (rule: the content's ID, such as
// "report-objectives") and every shape problem (rules "required", "enum",
// "unique", "unknown"), each with its path in the report ("Findings[2].Evidence[0]").
// A problem whose cause lies in the audit record says in its detail which
// record field to fill. It returns nil for a complete report.
func (r *AuditReport) Check() error {
	_, err := r.check()
	return err
}

// check is Check, also returning the position of each evidence item by id
// for renderers that need it.
func (r *AuditReport) check() (map[ismsaudit.EvidenceID]int, error) {
	col := newCollector("audit report")
	if r == nil {
		col.Add("", "required", "", "no audit report given")
		return nil, col.Err()
	}
	c := &checker{col: col}
	r.checkHeader(c)
	r.checkContents(c)
	evidence := r.checkEvidence(c)
	r.checkFindings(c, evidence)
	r.checkConclusion(c)
	r.checkOptional(c)
	return evidence, col.Err()
}

func (r *AuditReport) checkHeader(c *checker) {
	if blank(r.Title) {
		c.add("Title", "required", "", "the report's title")
	}
	if blank(string(r.Audit)) {
		c.add("Audit", "required", "", "the audit's id (Audit.ID)")
	}
	enumCheck(c, top, "Kind", r.Kind, annexa.AuditKind.IsValid, true)
	enumCheck(c, top, "State", r.State, audit.State.IsValid, true)
	if r.AsOf.IsZero() {
		c.add("AsOf", "required", "", "the time the report speaks as of")
	}
	if r.Issue != nil {
		if r.Issue.Version < 1 {
			c.add("Issue.Version", "required", fmt.Sprint(r.Issue.Version), "issued versions count from 1")
		}
		if r.Issue.IssuedAt.IsZero() {
			c.add("Issue.IssuedAt", "required", "", "when the version was issued")
		}
	}
}

// checkContents checks 6.5.1 a to f and k.
func (r *AuditReport) checkContents(c *checker) {
	if len(r.Objectives) == 0 {
		c.add("Objectives", ContentObjectives, "", "the audit objectives (Plan.Content.Objectives)")
	}
	for i, o := range r.Objectives {
		if blank(o) {
			c.add(errs.Index("Objectives", i), ContentObjectives, "", "an objective is stated")
		}
	}
	if blank(r.Auditee) {
		c.add("Auditee", ContentScope, "", "the organization audited (Audit.Auditee)")
	}
	s := r.Scope
	if len(s.Units) == 0 && len(s.Processes) == 0 && len(s.Locations) == 0 && blank(s.ISMS) {
		c.add("Scope", ContentScope, "", "the units, processes or locations audited (Plan.Content.Scope)")
	}
	if blank(r.Client) {
		c.add("Client", ContentClient, "", "the audit client (Audit.Client)")
	}
	lead := false
	for i, m := range r.Team {
		a := at{"Team", i}
		if blank(m.Name) {
			c.add(a.p(".Name"), "required", "", "the member's name")
		}
		enumCheck(c, a, ".Role", m.Role, competence.Role.IsValid, true)
		if m.Role == competence.RoleTeamLeader || m.Role == competence.RoleAuditor {
			lead = true
		}
	}
	if !lead {
		c.add("Team", ContentTeam, "", "a team leader or auditor (Audit.Team)")
	}
	if len(r.Participants) == 0 {
		c.add("Participants", ContentParticipants, "", "the auditee's attendees of the opening or closing meeting (Audit.Opening, Audit.Closing)")
	}
	for i, p := range r.Participants {
		if blank(p.Name) {
			c.add(errs.Index("Participants", i)+".Name", "required", "", "the participant's name")
		}
	}
	switch {
	case r.Start.IsZero() || r.End.IsZero():
		c.add("Start", ContentDates, "", "the start and end of the audit activities (Plan.Content.Start, End)")
	case r.End.Before(r.Start):
		c.add("End", ContentDates, r.End.Format(timeLayout), "the end is not before the start")
	}
	if len(r.Locations) == 0 {
		c.add("Locations", ContentLocations, "", "where the audit activities took place (Plan.Content.Locations)")
	}
	if len(r.Criteria) == 0 {
		c.add("Criteria", ContentCriteria, "", "the audit criteria (Plan.Content.Criteria)")
	}
	seen := make(map[annexa.Ref]bool, len(r.Criteria))
	for i, cr := range r.Criteria {
		a := at{"Criteria", i}
		if err := cr.Ref.Validate(); err != nil {
			c.col.Merge(a.p(".Ref"), "enum", err)
		}
		if seen[cr.Ref] {
			c.add(a.p(".Ref"), "unique", cr.Ref.String(), "each criterion once")
		}
		seen[cr.Ref] = true
	}
	if blank(r.SamplingStatement) {
		c.add("SamplingStatement", ContentSampling, "", "a statement that an audit samples")
	}
}

// checkEvidence checks the evidence items and returns their positions by id.
// The positions serve a report that passes the check; one with a
// duplicate id is refused, and the index then holds the last of its
// items, which saves a second look-up per item.
func (r *AuditReport) checkEvidence(c *checker) map[ismsaudit.EvidenceID]int {
	byID := make(map[ismsaudit.EvidenceID]int, len(r.Evidence))
	for i := range r.Evidence {
		e := &r.Evidence[i]
		a := at{"Evidence", i}
		if blank(string(e.ID)) {
			c.add(a.p(".ID"), "required", "", "the evidence item's id")
		} else {
			n := len(byID)
			byID[e.ID] = i
			if len(byID) == n {
				c.add(a.p(".ID"), "unique", string(e.ID), "evidence ids are unique")
			}
		}
		enumCheck(c, a, ".Source", e.Source, audit.EvidenceSource.IsValid, true)
		enumCheck(c, a, ".Confidentiality", e.Confidentiality, audit.Confidentiality.IsValid, true)
		enumCheck(c, a, ".State", e.State, audit.EvidenceState.IsValid, true)
		if e.CollectedAt.IsZero() {
			c.add(a.p(".CollectedAt"), "required", "", "when the item was collected")
		}
		if e.Digest != "" && !isSHA256Hex(e.Digest) {
			c.add(a.p(".Digest"), "format", e.Digest, "the lower-case hex SHA-256 of the material: 64 characters 0-9, a-f")
		}
		if e.Withheld {
			if e.Description != "" || e.Digest != "" || e.Covers != nil || e.Sampling != nil || e.CollectedBy != "" || len(e.Supports) > 0 {
				c.add(a.p(""), ContentRedaction, string(e.ID), "a withheld item shows its id, source, state, confidentiality and collection time only")
			}
		} else if blank(e.Description) {
			c.add(a.p(".Description"), "required", "", "what the evidence is")
		}
		if r.Copy != nil && r.Copy.Recipient.Clearance.IsValid() && e.Confidentiality.IsValid() &&
			e.Confidentiality.Compare(r.Copy.Recipient.Clearance) > 0 && !e.Withheld {
			c.add(a.p(""), ContentRedaction, string(e.ID), "evidence above the recipient's clearance is shown by reference only")
		}
	}
	return byID
}

// checkFindings checks 6.5.1 g and j.
func (r *AuditReport) checkFindings(c *checker, evidence map[ismsaudit.EvidenceID]int) {
	if len(r.Findings) == 0 {
		c.add("Findings", ContentFindings, "", "the audit findings (Audit.Findings)")
	}
	ids := make(map[audit.FindingID]bool, len(r.Findings))
	opinions := make(map[audit.FindingID]bool, len(r.DivergingOpinions))
	for i, d := range r.DivergingOpinions {
		path := errs.Index("DivergingOpinions", i)
		if blank(d.Opinion) {
			c.add(path+".Opinion", ContentDiverging, string(d.Finding), "the diverging opinion is stated")
		}
		if d.Finding != "" {
			opinions[d.Finding] = true
		}
	}
	next := 0 // the position after the evidence item found last
	for i := range r.Findings {
		f := &r.Findings[i]
		a := at{"Findings", i}
		if blank(string(f.ID)) {
			c.add(a.p(".ID"), "required", "", "the finding's id")
		} else if ids[f.ID] {
			c.add(a.p(".ID"), "unique", string(f.ID), "finding ids are unique")
		}
		ids[f.ID] = true
		enumCheck(c, a, ".Kind", f.Kind, audit.FindingKind.IsValid, true)
		switch {
		case f.Kind == audit.Nonconformity && f.Grade == "":
			c.add(a.p(".Grade"), "required", "", "a nonconformity is graded major or minor")
		case f.Kind != audit.Nonconformity && f.Grade != "":
			c.add(a.p(".Grade"), "enum", string(f.Grade), "only a nonconformity has a grade")
		default:
			enumCheck(c, a, ".Grade", f.Grade, audit.Grade.IsValid, false)
		}
		enumCheck(c, a, ".State", f.State, audit.FindingState.IsValid, true)
		if f.State == audit.FindingDraft || f.State == audit.FindingWithdrawn {
			c.add(a.p(".State"), ContentFindings, string(f.State), "a report presents findings the team has confirmed")
		}
		if len(f.Criteria) == 0 {
			c.add(a.p(".Criteria"), ContentFindings, "", "the criterion the finding is about")
		}
		for j, cr := range f.Criteria {
			if err := cr.Ref.Validate(); err != nil {
				c.col.Merge(errs.Index(a.p(".Criteria"), j)+".Ref", "enum", err)
			}
		}
		if blank(f.Found) {
			c.add(a.p(".Found"), ContentFindings, "", "what was found")
		}
		if f.Kind == audit.Nonconformity && len(f.Evidence) == 0 {
			c.add(a.p(".Evidence"), ContentFindingEvidence, "", "a nonconformity cites its evidence")
		}
		for j, id := range f.Evidence {
			// Findings mostly cite items in the order the report holds
			// them: the item after the one found last is tried first
			// (every id that is not blank is in the index).
			if next < len(r.Evidence) && r.Evidence[next].ID == id && !blank(string(id)) {
				next++
				continue
			}
			k, ok := evidence[id]
			if !ok {
				c.add(errs.Index(a.p(".Evidence"), j), errs.RuleUnknown, string(id), "no evidence item with this id in the report")
			}
			next = k + 1
		}
		if f.State == audit.FindingDisputed {
			if blank(f.DivergingOpinion) {
				c.add(a.p(".DivergingOpinion"), ContentDiverging, string(f.ID), "the auditee's opinion on the disputed finding")
			}
			if !opinions[f.ID] {
				c.add("DivergingOpinions", ContentDiverging, string(f.ID), "every unresolved dispute is listed")
			}
		}
	}
	for i, d := range r.DivergingOpinions {
		if d.Finding != "" && !ids[d.Finding] {
			c.add(errs.Index("DivergingOpinions", i)+".Finding", errs.RuleUnknown, string(d.Finding), "no finding with this id in the report")
		}
	}
	if r.FollowUp != nil {
		for i, act := range r.FollowUp.Actions {
			a := at{"FollowUp.Actions", i}
			if !ids[act.Finding] {
				c.add(a.p(".Finding"), errs.RuleUnknown, string(act.Finding), "no finding with this id in the report")
			}
			enumCheck(c, a, ".State", act.State, audit.FollowUpState.IsValid, true)
			for j, id := range act.Evidence {
				if _, ok := evidence[id]; !ok {
					c.add(errs.Index(a.p(".Evidence"), j), errs.RuleUnknown, string(id), "no evidence item with this id in the report")
				}
			}
		}
	}
}

// checkConclusion checks 6.5.1 h and i, and the recommendation of a
// certification audit.
func (r *AuditReport) checkConclusion(c *checker) {
	k := r.Conclusion
	if k == nil {
		c.add("Conclusion", ContentConclusions, "", "the audit conclusions (Audit.Conclusion)")
		c.add("Conclusion.Fulfilment", ContentFulfilment, "", "the degree to which the criteria are fulfilled (Audit.Conclusion.Fulfilment)")
		if isCertification(r.Kind) {
			c.add("Conclusion.Recommendation", ContentRecommendation, "", "the team's recommendation (Audit.Conclusion.Recommendation)")
		}
		return
	}
	if blank(k.Extent) {
		c.add("Conclusion.Extent", ContentConclusions, "", "the extent of conformity with the criteria")
	}
	if blank(k.Effectiveness) {
		c.add("Conclusion.Effectiveness", ContentConclusions, "", "whether the ISMS is effectively implemented, maintained and improved")
	}
	enumCheck(c, top, "Conclusion.State", k.State, audit.ConclusionState.IsValid, true)
	switch {
	case k.Fulfilment == "":
		c.add("Conclusion.Fulfilment", ContentFulfilment, "", "the degree to which the criteria are fulfilled")
	case !k.Fulfilment.IsValid():
		c.add("Conclusion.Fulfilment", "enum", string(k.Fulfilment), "not a degree of fulfilment")
	}
	switch {
	case isCertification(r.Kind) && k.Recommendation == "":
		c.add("Conclusion.Recommendation", ContentRecommendation, "", "a certification audit's recommendation")
	case k.Recommendation != "" && !k.Recommendation.IsValid():
		c.add("Conclusion.Recommendation", "enum", string(k.Recommendation), "not a recommendation")
	}
}

// checkOptional checks the shape of the optional contents and the
// distribution records.
func (r *AuditReport) checkOptional(c *checker) {
	for i, o := range r.Obstacles {
		a := at{"Obstacles", i}
		enumCheck(c, a, ".Kind", o.Kind, ObstacleKind.IsValid, true)
		if blank(o.Reason) {
			c.add(a.p(".Reason"), ContentObstacles, "", "why the obstacle arose")
		}
	}
	if blank(r.ConfidentialityStatement) {
		c.add("ConfidentialityStatement", ContentConfidentiality, "", "a statement of the report's confidential nature")
	}
	issued := 0
	if r.Issue != nil {
		issued = r.Issue.Version
	}
	for i, d := range r.Distribution {
		a := at{"Distribution", i}
		if blank(d.Recipient.Name) {
			c.add(a.p(".Recipient.Name"), ContentDistribution, "", "who received the report")
		}
		enumCheck(c, a, ".Recipient.Clearance", d.Recipient.Clearance, audit.Confidentiality.IsValid, true)
		if d.Version < 1 || d.Version > issued {
			c.add(a.p(".Version"), ContentDistribution, fmt.Sprint(d.Version), "a version that was issued")
		}
		if d.At.IsZero() {
			c.add(a.p(".At"), ContentDistribution, "", "when the recipient received it")
		}
	}
	if cp := r.Copy; cp != nil {
		if blank(cp.Recipient.Name) {
			c.add("Copy.Recipient.Name", ContentDistribution, "", "who the copy is for")
		}
		enumCheck(c, top, "Copy.Recipient.Clearance", cp.Recipient.Clearance, audit.Confidentiality.IsValid, true)
		n := 0
		for _, e := range r.Evidence {
			if e.Withheld {
				n++
			}
		}
		if n != cp.Withheld {
			c.add("Copy.Withheld", ContentRedaction, fmt.Sprint(cp.Withheld), fmt.Sprintf("the copy withholds %d items", n))
		}
	}
}

// isSHA256Hex reports whether s is 64 lower-case hexadecimal digits.
func isSHA256Hex(s string) bool {
	if len(s) != 64 {
		return false
	}
	var other byte // gathers the marks of all bytes, without a branch per byte
	for i := 0; i < len(s); i++ {
		other |= notLowerHex[s[i]]
	}
	return other == 0
}

// notLowerHex marks the bytes other than lower-case hexadecimal digits.
var notLowerHex = func() (t [256]byte) {
	for c := range t {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			t[c] = 1
		}
	}
	return t
}()

func isCertification(k annexa.AuditKind) bool {
	switch k {
	case annexa.Stage1, annexa.Stage2, annexa.Surveillance, annexa.Recertification, annexa.Special:
		return true
	}
	return false
}
