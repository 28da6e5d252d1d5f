package report

import (
	"fmt"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// The rules of an audit report's contents (ISO 19011:2018 6.5.1, 6.5.2).
// Check cites them as the rule of every problem it finds with a content;
// the rules citing 19011:6.5.1 a to k, and RuleRecommendation for a
// certification audit, name what every report holds, the others hold the
// content a report has where it has it. Never renumber: hosts store them.
const (
	// RuleObjectives: the report states the audit objectives (6.5.1 a).
	RuleObjectives ismsaudit.RuleID = "RPT-OBJECTIVES"
	// RuleScope: the report names the organization audited and the
	// units, processes or locations covered (6.5.1 b).
	RuleScope ismsaudit.RuleID = "RPT-SCOPE"
	// RuleClient: the report names the audit client (6.5.1 c).
	RuleClient ismsaudit.RuleID = "RPT-CLIENT"
	// RuleTeam: the report names the audit team, with at least a team
	// leader or an auditor (6.5.1 d).
	RuleTeam ismsaudit.RuleID = "RPT-TEAM"
	// RuleParticipants: the report names the auditee's people who took
	// part in the audit (6.5.1 d).
	RuleParticipants ismsaudit.RuleID = "RPT-PARTICIPANTS"
	// RuleDates: the report says when the audit activities took place,
	// the end not before the start (6.5.1 e).
	RuleDates ismsaudit.RuleID = "RPT-DATES"
	// RuleLocations: the report says where the audit activities took
	// place (6.5.1 e).
	RuleLocations ismsaudit.RuleID = "RPT-LOCATIONS"
	// RuleCriteria: the report lists the audit criteria (6.5.1 f).
	RuleCriteria ismsaudit.RuleID = "RPT-CRITERIA"
	// RuleFindings: the report presents the findings the team confirmed,
	// each citing a criterion and saying what was found (6.5.1 g).
	RuleFindings ismsaudit.RuleID = "RPT-FINDINGS"
	// RuleFindingEvidence: every nonconformity cites evidence the report
	// holds (6.5.1 g).
	RuleFindingEvidence ismsaudit.RuleID = "RPT-FINDING-EVIDENCE"
	// RuleConclusions: the report states the conclusions on the extent
	// of conformity and the effectiveness of the ISMS (6.5.1 h).
	RuleConclusions ismsaudit.RuleID = "RPT-CONCLUSIONS"
	// RuleFulfilment: the report states the degree to which the audit
	// criteria are fulfilled (6.5.1 i).
	RuleFulfilment ismsaudit.RuleID = "RPT-FULFILMENT"
	// RuleDivergingOpinions: the report states every diverging opinion
	// left unresolved (6.5.1 j).
	RuleDivergingOpinions ismsaudit.RuleID = "RPT-DIVERGING-OPINIONS"
	// RuleSamplingStatement: the report states that an audit samples,
	// so conformity beyond the evidence examined is not certified
	// (6.5.1 k).
	RuleSamplingStatement ismsaudit.RuleID = "RPT-SAMPLING-STATEMENT"
	// RuleRecommendation: the report of a certification audit states the
	// team's recommendation (ISO/IEC 17021-1:2015 9.4.8).
	RuleRecommendation ismsaudit.RuleID = "RPT-RECOMMENDATION"
	// RulePlan: the report shows the audit plan and its timetable where
	// there is one (6.5.1).
	RulePlan ismsaudit.RuleID = "RPT-PLAN"
	// RuleObstacles: the report records the obstacles met, each with why
	// it arose (6.5.1).
	RuleObstacles ismsaudit.RuleID = "RPT-OBSTACLES"
	// RuleNotCovered: the report lists the areas in scope not covered
	// (6.5.1).
	RuleNotCovered ismsaudit.RuleID = "RPT-NOT-COVERED"
	// RuleGoodPractices: the report lists the good practices found
	// (6.5.1).
	RuleGoodPractices ismsaudit.RuleID = "RPT-GOOD-PRACTICES"
	// RuleFollowUp: the report shows the agreed follow-up and the
	// corrective actions (6.5.1).
	RuleFollowUp ismsaudit.RuleID = "RPT-FOLLOW-UP"
	// RuleConfidentiality: the report states its confidential nature
	// (6.5.1).
	RuleConfidentiality ismsaudit.RuleID = "RPT-CONFIDENTIALITY"
	// RuleImplications: the report states the implications for the audit
	// programme and later audits (6.5.1).
	RuleImplications ismsaudit.RuleID = "RPT-IMPLICATIONS"
	// RuleDistribution: the report records who received which issued
	// version, when and with what clearance (6.5.2).
	RuleDistribution ismsaudit.RuleID = "RPT-DISTRIBUTION"
	// RuleRedaction: a recipient's copy shows evidence above the
	// recipient's clearance by reference only (6.5.2, 4 d).
	RuleRedaction ismsaudit.RuleID = "RPT-REDACTION"
	// RuleRecordVerifies: a final report is built only from an audit
	// record that verifies (audit.Verify); the report of one that does
	// not is a draft, marked as such in every format and listing the
	// violations (6.5.1).
	RuleRecordVerifies ismsaudit.RuleID = "RPT-RECORD-VERIFIES"
)

// auditReportRules are the rules of an audit report's contents, in the
// order 19011 6.5.1 lists them, the contents every report holds first.
var auditReportRules = []ismsaudit.Rule{
	{ID: RuleObjectives, Clause: "19011:6.5.1 a", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report states the audit objectives"},
	{ID: RuleScope, Clause: "19011:6.5.1 b", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report names the organization audited and the units, processes or locations covered"},
	{ID: RuleClient, Clause: "19011:6.5.1 c", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report names the audit client"},
	{ID: RuleTeam, Clause: "19011:6.5.1 d", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report names the audit team, with at least a team leader or an auditor"},
	{ID: RuleParticipants, Clause: "19011:6.5.1 d", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report names the auditee's people who took part in the audit"},
	{ID: RuleDates, Clause: "19011:6.5.1 e", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report says when the audit activities took place"},
	{ID: RuleLocations, Clause: "19011:6.5.1 e", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report says where the audit activities took place"},
	{ID: RuleCriteria, Clause: "19011:6.5.1 f", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report lists the audit criteria"},
	{ID: RuleFindings, Clause: "19011:6.5.1 g", Principle: ismsaudit.PrincipleEvidenceBased, Text: "the report presents the findings the team confirmed, each citing a criterion and saying what was found"},
	{ID: RuleFindingEvidence, Clause: "19011:6.5.1 g", Principle: ismsaudit.PrincipleEvidenceBased, Text: "every nonconformity cites evidence the report holds"},
	{ID: RuleConclusions, Clause: "19011:6.5.1 h", Principle: ismsaudit.PrincipleEvidenceBased, Text: "the report states the conclusions on the extent of conformity and the effectiveness of the ISMS"},
	{ID: RuleFulfilment, Clause: "19011:6.5.1 i", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report states the degree to which the audit criteria are fulfilled"},
	{ID: RuleDivergingOpinions, Clause: "19011:6.5.1 j", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report states every diverging opinion left unresolved"},
	{ID: RuleSamplingStatement, Clause: "19011:6.5.1 k", Principle: ismsaudit.PrincipleEvidenceBased, Text: "the report states that an audit samples, so conformity beyond the evidence examined is not certified"},
	{ID: RuleRecommendation, Clause: "17021-1:9.4.8", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report of a certification audit states the team's recommendation"},
	{ID: RulePlan, Clause: "19011:6.5.1", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report shows the audit plan and its timetable where there is one"},
	{ID: RuleObstacles, Clause: "19011:6.5.1", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report records the obstacles met that may make the conclusions less reliable, each with why it arose"},
	{ID: RuleNotCovered, Clause: "19011:6.5.1", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report lists the areas within the scope not covered"},
	{ID: RuleGoodPractices, Clause: "19011:6.5.1", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report lists the good practices found"},
	{ID: RuleFollowUp, Clause: "19011:6.5.1", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report shows the agreed follow-up and the corrective actions"},
	{ID: RuleConfidentiality, Clause: "19011:6.5.1", Principle: ismsaudit.PrincipleConfidentiality, Text: "the report states its confidential nature"},
	{ID: RuleImplications, Clause: "19011:6.5.1", Principle: ismsaudit.PrincipleFairPresentation, Text: "the report states the implications for the audit programme and later audits"},
	{ID: RuleDistribution, Clause: "19011:6.5.2", Principle: ismsaudit.PrincipleConfidentiality, Text: "the report records who received which issued version, when and with what clearance"},
	{ID: RuleRedaction, Clause: "19011:6.5.2, 4 d", Principle: ismsaudit.PrincipleConfidentiality, Text: "a recipient's copy shows evidence above the recipient's clearance by reference only",
		Basis: "project reading: 6.5.2 and 4 d ask that a report reach only those entitled to it; a copy that withholds what a recipient may not see is how this library does it"},
	{ID: RuleSeal, Clause: "19011:5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "the report shows the audit record's seal as the record holds it (algorithm, last head, who sealed it and when, who signed it), and a recipient's copy proves the parts of the record it shows against the sealed head",
		Basis: "project reading: 5.5.7 asks that audit records be kept with integrity; the seal is how this library keeps them, and a report that names it lets a reader check the record it comes from"},
	{ID: RuleRecordVerifies, Clause: "19011:6.5.1", Principle: ismsaudit.PrincipleFairPresentation, Text: "a final report is built only from an audit record that verifies; the report of one that does not is a draft, marked as such and listing the violations",
		Basis: "project reading: 6.5.1 asks for a complete, accurate, concise and clear record of the audit; a record that breaks the process rules cannot give one, so its report is refused, or marked a draft that says why"},
}

// Check reports, in one *ismsaudit.ValidationError, every piece of 19011
// 6.5.1 content the report lacks or holds malformed (rule: the content's
// rule, such as RuleObjectives) and every shape problem (the shape rules
// ismsaudit.RuleRequired, RuleEnum, RuleUnique, RuleFormat and
// RuleUnknown), each with its path in the report ("Findings[2].Evidence[0]").
// It also checks the draft marking (rule RuleRecordVerifies): a draft
// lists at least one violation, each naming its rule, and a report that
// lists violations is a draft. A problem whose cause lies in the audit
// record says in its detail which record field to fill. It returns nil
// for a complete report, draft or final.
func (r *AuditReport) Check() error {
	_, err := r.check()
	return err
}

// check is Check, also returning the position of each evidence item by id
// for renderers that need it.
func (r *AuditReport) check() (map[ismsaudit.EvidenceID]int, error) {
	col := newCollector("audit report")
	if r == nil {
		col.Add("", ismsaudit.RuleRequired, "", "no audit report given")
		return nil, col.Err()
	}
	c := &checker{col: col}
	r.checkHeader(c)
	r.checkContents(c)
	evidence := r.checkEvidence(c)
	r.checkFindings(c, evidence)
	r.checkConclusion(c)
	r.checkOptional(c)
	r.checkRecord(c)
	return evidence, col.Err()
}

func (r *AuditReport) checkHeader(c *checker) {
	if blank(r.Title) {
		c.add("Title", ismsaudit.RuleRequired, "", "the report's title")
	}
	if blank(string(r.Audit)) {
		c.add("Audit", ismsaudit.RuleRequired, "", "the audit's id (Audit.ID)")
	}
	enumCheck(c, top, "Kind", r.Kind, annexa.AuditKind.IsValid, true)
	enumCheck(c, top, "State", r.State, audit.State.IsValid, true)
	if r.AsOf.IsZero() {
		c.add("AsOf", ismsaudit.RuleRequired, "", "the time the report speaks as of")
	}
	checkDraft(c, RuleRecordVerifies, r.Draft, r.Violations)
	r.checkSeal(c)
	if r.Issue != nil {
		if r.Issue.Version < 1 {
			c.add("Issue.Version", ismsaudit.RuleRequired, fmt.Sprint(r.Issue.Version), "issued versions count from 1")
		}
		if r.Issue.IssuedAt.IsZero() {
			c.add("Issue.IssuedAt", ismsaudit.RuleRequired, "", "when the version was issued")
		}
	}
}

// checkContents checks 6.5.1 a to f and k.
func (r *AuditReport) checkContents(c *checker) {
	if len(r.Objectives) == 0 {
		c.add("Objectives", RuleObjectives, "", "the audit objectives (Plan.Content.Objectives)")
	}
	for i, o := range r.Objectives {
		if blank(o) {
			c.add(errs.Index("Objectives", i), RuleObjectives, "", "an objective is stated")
		}
	}
	if blank(r.Auditee) {
		c.add("Auditee", RuleScope, "", "the organization audited (Audit.Auditee)")
	}
	s := r.Scope
	if len(s.Units) == 0 && len(s.Processes) == 0 && len(s.Locations) == 0 && blank(s.ISMS) {
		c.add("Scope", RuleScope, "", "the units, processes or locations audited (Plan.Content.Scope)")
	}
	if blank(r.Client) {
		c.add("Client", RuleClient, "", "the audit client (Audit.Client)")
	}
	lead := false
	for i, m := range r.Team {
		a := at{"Team", i}
		if blank(m.Name) {
			c.add(a.p(".Name"), ismsaudit.RuleRequired, "", "the member's name")
		}
		enumCheck(c, a, ".Role", m.Role, competence.Role.IsValid, true)
		if m.Role == competence.RoleTeamLeader || m.Role == competence.RoleAuditor {
			lead = true
		}
	}
	if !lead {
		c.add("Team", RuleTeam, "", "a team leader or auditor (Audit.Team)")
	}
	if len(r.Participants) == 0 {
		c.add("Participants", RuleParticipants, "", "the auditee's attendees of the opening or closing meeting (Audit.Opening, Audit.Closing)")
	}
	for i, p := range r.Participants {
		if blank(p.Name) {
			c.add(errs.Index("Participants", i)+".Name", ismsaudit.RuleRequired, "", "the participant's name")
		}
	}
	switch {
	case r.Start.IsZero() || r.End.IsZero():
		c.add("Start", RuleDates, "", "the start and end of the audit activities (Plan.Content.Start, End)")
	case r.End.Before(r.Start):
		c.add("End", RuleDates, r.End.Format(timeLayout), "the end is not before the start")
	}
	if len(r.Locations) == 0 {
		c.add("Locations", RuleLocations, "", "where the audit activities took place (Plan.Content.Locations)")
	}
	if len(r.Criteria) == 0 {
		c.add("Criteria", RuleCriteria, "", "the audit criteria (Plan.Content.Criteria)")
	}
	seen := make(map[annexa.Ref]bool, len(r.Criteria))
	for i, cr := range r.Criteria {
		a := at{"Criteria", i}
		if err := cr.Ref.Validate(); err != nil {
			c.col.Merge(a.p(".Ref"), ismsaudit.RuleEnum, err)
		}
		if seen[cr.Ref] {
			c.add(a.p(".Ref"), ismsaudit.RuleUnique, cr.Ref.String(), "each criterion once")
		}
		seen[cr.Ref] = true
	}
	if blank(r.SamplingStatement) {
		c.add("SamplingStatement", RuleSamplingStatement, "", "a statement that an audit samples")
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
			c.add(a.p(".ID"), ismsaudit.RuleRequired, "", "the evidence item's id")
		} else {
			n := len(byID)
			byID[e.ID] = i
			if len(byID) == n {
				c.add(a.p(".ID"), ismsaudit.RuleUnique, string(e.ID), "evidence ids are unique")
			}
		}
		enumCheck(c, a, ".Source", e.Source, audit.EvidenceSource.IsValid, true)
		enumCheck(c, a, ".Confidentiality", e.Confidentiality, audit.Confidentiality.IsValid, true)
		enumCheck(c, a, ".State", e.State, audit.EvidenceState.IsValid, true)
		if e.CollectedAt.IsZero() {
			c.add(a.p(".CollectedAt"), ismsaudit.RuleRequired, "", "when the item was collected")
		}
		if e.Digest != "" && !isSHA256Hex(e.Digest) {
			c.add(a.p(".Digest"), ismsaudit.RuleFormat, e.Digest, "the lower-case hex SHA-256 of the material: 64 characters 0-9, a-f")
		}
		if e.Withheld {
			if e.Description != "" || e.Digest != "" || e.Covers != nil || e.Sampling != nil || e.CollectedBy != "" || len(e.Supports) > 0 || e.Supersedes != "" {
				c.add(a.p(""), RuleRedaction, string(e.ID), "a withheld item shows its id, source, state, confidentiality and collection time only")
			}
		} else if blank(e.Description) {
			c.add(a.p(".Description"), ismsaudit.RuleRequired, "", "what the evidence is")
		}
		if r.Copy != nil && r.Copy.Recipient.Clearance.IsValid() && e.Confidentiality.IsValid() &&
			e.Confidentiality.Compare(r.Copy.Recipient.Clearance) > 0 && !e.Withheld {
			c.add(a.p(""), RuleRedaction, string(e.ID), "evidence above the recipient's clearance is shown by reference only")
		}
	}
	return byID
}

// checkFindings checks 6.5.1 g and j.
func (r *AuditReport) checkFindings(c *checker, evidence map[ismsaudit.EvidenceID]int) {
	if len(r.Findings) == 0 {
		c.add("Findings", RuleFindings, "", "the audit findings (Audit.Findings)")
	}
	ids := make(map[audit.FindingID]bool, len(r.Findings))
	opinions := make(map[audit.FindingID]bool, len(r.DivergingOpinions))
	for i, d := range r.DivergingOpinions {
		path := errs.Index("DivergingOpinions", i)
		if blank(d.Opinion) {
			c.add(path+".Opinion", RuleDivergingOpinions, string(d.Finding), "the diverging opinion is stated")
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
			c.add(a.p(".ID"), ismsaudit.RuleRequired, "", "the finding's id")
		} else if ids[f.ID] {
			c.add(a.p(".ID"), ismsaudit.RuleUnique, string(f.ID), "finding ids are unique")
		}
		ids[f.ID] = true
		enumCheck(c, a, ".Kind", f.Kind, audit.FindingKind.IsValid, true)
		switch {
		case f.Kind == audit.Nonconformity && f.Grade == "":
			c.add(a.p(".Grade"), ismsaudit.RuleRequired, "", "a nonconformity is graded major or minor")
		case f.Kind != audit.Nonconformity && f.Grade != "":
			c.add(a.p(".Grade"), ismsaudit.RuleEnum, string(f.Grade), "only a nonconformity has a grade")
		default:
			enumCheck(c, a, ".Grade", f.Grade, audit.Grade.IsValid, false)
		}
		enumCheck(c, a, ".State", f.State, audit.FindingState.IsValid, true)
		if f.State == audit.FindingDraft || f.State == audit.FindingWithdrawn {
			c.add(a.p(".State"), RuleFindings, string(f.State), "a report presents findings the team has confirmed")
		}
		if len(f.Criteria) == 0 {
			c.add(a.p(".Criteria"), RuleFindings, "", "the criterion the finding is about")
		}
		for j, cr := range f.Criteria {
			if err := cr.Ref.Validate(); err != nil {
				c.col.Merge(errs.Index(a.p(".Criteria"), j)+".Ref", ismsaudit.RuleEnum, err)
			}
		}
		if blank(f.Found) {
			c.add(a.p(".Found"), RuleFindings, "", "what was found")
		}
		if f.Kind == audit.Nonconformity && len(f.Evidence) == 0 {
			c.add(a.p(".Evidence"), RuleFindingEvidence, "", "a nonconformity cites its evidence")
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
				c.add(errs.Index(a.p(".Evidence"), j), ismsaudit.RuleUnknown, string(id), "no evidence item with this id in the report")
			}
			next = k + 1
		}
		if f.State == audit.FindingDisputed {
			if blank(f.DivergingOpinion) {
				c.add(a.p(".DivergingOpinion"), RuleDivergingOpinions, string(f.ID), "the auditee's opinion on the disputed finding")
			}
			if !opinions[f.ID] {
				c.add("DivergingOpinions", RuleDivergingOpinions, string(f.ID), "every unresolved dispute is listed")
			}
		}
	}
	for i, d := range r.DivergingOpinions {
		if d.Finding != "" && !ids[d.Finding] {
			c.add(errs.Index("DivergingOpinions", i)+".Finding", ismsaudit.RuleUnknown, string(d.Finding), "no finding with this id in the report")
		}
	}
	if r.FollowUp != nil {
		for i, act := range r.FollowUp.Actions {
			a := at{"FollowUp.Actions", i}
			if !ids[act.Finding] {
				c.add(a.p(".Finding"), ismsaudit.RuleUnknown, string(act.Finding), "no finding with this id in the report")
			}
			enumCheck(c, a, ".State", act.State, audit.FollowUpState.IsValid, true)
			for j, id := range act.Evidence {
				if _, ok := evidence[id]; !ok {
					c.add(errs.Index(a.p(".Evidence"), j), ismsaudit.RuleUnknown, string(id), "no evidence item with this id in the report")
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
		c.add("Conclusion", RuleConclusions, "", "the audit conclusions (Audit.Conclusion)")
		c.add("Conclusion.Fulfilment", RuleFulfilment, "", "the degree to which the criteria are fulfilled (Audit.Conclusion.Fulfilment)")
		if isCertification(r.Kind) {
			c.add("Conclusion.Recommendation", RuleRecommendation, "", "the team's recommendation (Audit.Conclusion.Recommendation)")
		}
		return
	}
	if blank(k.Extent) {
		c.add("Conclusion.Extent", RuleConclusions, "", "the extent of conformity with the criteria")
	}
	if blank(k.Effectiveness) {
		c.add("Conclusion.Effectiveness", RuleConclusions, "", "whether the ISMS is effectively implemented, maintained and improved")
	}
	enumCheck(c, top, "Conclusion.State", k.State, audit.ConclusionState.IsValid, true)
	switch {
	case k.Fulfilment == "":
		c.add("Conclusion.Fulfilment", RuleFulfilment, "", "the degree to which the criteria are fulfilled")
	case !k.Fulfilment.IsValid():
		c.add("Conclusion.Fulfilment", ismsaudit.RuleEnum, string(k.Fulfilment), "not a degree of fulfilment")
	}
	switch {
	case isCertification(r.Kind) && k.Recommendation == "":
		c.add("Conclusion.Recommendation", RuleRecommendation, "", "a certification audit's recommendation")
	case k.Recommendation != "" && !k.Recommendation.IsValid():
		c.add("Conclusion.Recommendation", ismsaudit.RuleEnum, string(k.Recommendation), "not a recommendation")
	}
}

// checkOptional checks the shape of the optional contents and the
// distribution records.
func (r *AuditReport) checkOptional(c *checker) {
	for i, o := range r.Obstacles {
		a := at{"Obstacles", i}
		enumCheck(c, a, ".Kind", o.Kind, ObstacleKind.IsValid, true)
		if blank(o.Reason) {
			c.add(a.p(".Reason"), RuleObstacles, "", "why the obstacle arose")
		}
	}
	if blank(r.ConfidentialityStatement) {
		c.add("ConfidentialityStatement", RuleConfidentiality, "", "a statement of the report's confidential nature")
	}
	issued := 0
	if r.Issue != nil {
		issued = r.Issue.Version
	}
	for i, d := range r.Distribution {
		a := at{"Distribution", i}
		if blank(d.Recipient.Name) {
			c.add(a.p(".Recipient.Name"), RuleDistribution, "", "who received the report")
		}
		enumCheck(c, a, ".Recipient.Clearance", d.Recipient.Clearance, audit.Confidentiality.IsValid, true)
		if d.Version < 1 || d.Version > issued {
			c.add(a.p(".Version"), RuleDistribution, fmt.Sprint(d.Version), "a version that was issued")
		}
		if d.At.IsZero() {
			c.add(a.p(".At"), RuleDistribution, "", "when the recipient received it")
		}
	}
	if cp := r.Copy; cp != nil {
		if blank(cp.Recipient.Name) {
			c.add("Copy.Recipient.Name", RuleDistribution, "", "who the copy is for")
		}
		enumCheck(c, top, "Copy.Recipient.Clearance", cp.Recipient.Clearance, audit.Confidentiality.IsValid, true)
		n := 0
		for _, e := range r.Evidence {
			if e.Withheld {
				n++
			}
		}
		if n != cp.Withheld {
			c.add("Copy.Withheld", RuleRedaction, fmt.Sprint(cp.Withheld), fmt.Sprintf("the copy withholds %d items", n))
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
