package competence

// Built-in criteria sets. They are defaults a host may replace with its
// own (see [Scheme]); every criterion records where it comes from in its
// Source field, and figures that no public source fixes are marked
// "project default". ISO 19011:2018 clause 7 and ISO/IEC 27007:2020 say
// what to evaluate (behaviours 7.2.2, knowledge 7.2.3, achieving
// competence 7.2.4, team leaders 7.2.5) but give no numbers.

// Ids of the built-in criteria sets.
const (
	// InternalISMSAuditorSet is the id of [InternalISMSAuditor].
	InternalISMSAuditorSet CriteriaSetID = "internal-isms-auditor"
	// ISMSAuditorSet is the id of [ISMSAuditor].
	ISMSAuditorSet CriteriaSetID = "isms-auditor"
	// ISMSTeamLeaderSet is the id of [ISMSTeamLeader].
	ISMSTeamLeaderSet CriteriaSetID = "isms-audit-team-leader"
)

// Sources quoted by the built-in criteria.
const (
	srcBehaviour    = "19011:7.2.2"
	srcLevelDefault = "; the level is a project default"
	srcISMSStandard = "ISO/IEC 27001"
)

// behaviourCriteria returns one criterion per 19011:7.2.2 behaviour.
func behaviourCriteria() []Criterion {
	out := make([]Criterion, 0, behaviourSet.Len())
	for b := range Behaviours() {
		out = append(out, Criterion{
			ID: CriterionID("behaviour-" + string(b)), Kind: BehaviourCriterion, Behaviour: b,
			Text: "demonstrates the personal behaviour \"" + string(b) + "\"", Source: srcBehaviour,
		})
	}
	return out
}

// knowledgeCriterion asks for area at level; the area comes from its
// clause, the level is this project's default.
func knowledgeCriterion(area KnowledgeArea, level Level) Criterion {
	return Criterion{
		ID: CriterionID("knowledge-" + string(area)), Kind: KnowledgeCriterion, Area: area, Level: level,
		Text:   "knowledge and skill in " + string(area) + " at level " + string(level) + " or above",
		Source: string(area.Clause()) + srcLevelDefault,
	}
}

// InternalISMSAuditor returns the built-in criteria set for an internal
// (first-party) ISMS auditor, as used for audits under ISO/IEC 27001
// clause 9.2. It is a default the host may replace. Where each figure
// comes from:
//
//   - the thirteen behaviours: 19011:7.2.2;
//   - knowledge areas: 19011:7.2.3.2 and 27007:7.2.3.3; the levels
//     (working in audit principles, management system standards, the
//     organisation, risk assessment, 27001 requirements and Annex A
//     controls; awareness elsewhere) are project defaults;
//   - an ISMS internal auditor course of at least 14 hours: training is
//     one way 19011:7.2.4 names to achieve competence; internal auditor
//     courses are commonly two days, and 14 hours is a project default;
//   - two audits (any auditing role, trainee included) in the last 24
//     months: audit experience per 19011:7.2.4; the figures are project
//     defaults;
//   - maintenance (19011:7.6): 8 CPD hours and one audit every 12 months,
//     project defaults; re-evaluation every 36 months, a project default.
func InternalISMSAuditor() CriteriaSet {
	crit := behaviourCriteria()
	for _, k := range []struct {
		area  KnowledgeArea
		level Level
	}{
		{AuditPrinciples, Working}, {ManagementSystemStandards, Working}, {OrganisationContext, Working},
		{LegalContractual, Awareness}, {SecurityManagementMethods, Awareness}, {RiskAssessment, Working},
		{ISO27001Requirements, Working}, {AnnexAControls, Working}, {TechnologyThreats, Awareness},
		{SecurityLegislation, Awareness},
	} {
		crit = append(crit, knowledgeCriterion(k.area, k.level))
	}
	crit = append(crit,
		Criterion{
			ID: "internal-auditor-course", Kind: CourseCompleted, Training: []TrainingKind{InternalAuditorCourse}, Min: 14,
			Text:   "completed an ISMS internal auditor course of at least 14 hours",
			Source: "19011:7.2.4 (training); courses are commonly two days; 14 hours is a project default",
		},
		Criterion{
			ID: "audits", Kind: AuditCount, Min: 2, WindowMonths: 24,
			Text:   "took part in at least 2 audits, as trainee or auditor, in the last 24 months",
			Source: "19011:7.2.4 (audit experience); the figures are a project default",
		},
	)
	return CriteriaSet{
		ID: InternalISMSAuditorSet, Title: "Internal ISMS auditor", Role: RoleAuditor, Criteria: crit,
		Maintenance: Maintenance{
			PeriodMonths: 12, CPDHours: 8, Audits: 1,
			Source: "19011:7.6; the figures are a project default",
		},
		ReevaluationMonths: 36, Default: true,
		Source: "19011:7.2-7.6, 27007:7.2.3.3, 27001:9.2; figures are project defaults unless stated",
	}
}

// ISMSAuditor returns the built-in criteria set for an ISMS auditor on
// second- and third-party audits. It is a default the host may replace.
// Where each figure comes from:
//
//   - the thirteen behaviours: 19011:7.2.2;
//   - knowledge areas: 19011:7.2.3.2 and 27007:7.2.3.3; the levels
//     (proficient in risk assessment, 27001 requirements and Annex A
//     controls; working elsewhere) are project defaults;
//   - four years of work experience, two of them in information security:
//     work experience per 19011:7.2.4; these are the figures ISMS auditor
//     certification schemes and certification bodies commonly ask for,
//     not figures of 19011 or 27007;
//   - a lead auditor course of at least 40 hours: training per
//     19011:7.2.4; ISMS lead auditor courses (IRCA- or PECB-style,
//     accepted under ISO/IEC 27006 practice) commonly run about 40 hours
//     over five days with an exam;
//   - four ISO/IEC 27001 audits and 20 audit days in the last 36 months:
//     audit experience per 19011:7.2.4; the figures are project defaults;
//   - maintenance (19011:7.6): 16 CPD hours, two audits and five audit
//     days every 12 months, project defaults; re-evaluation every 36
//     months, a project default matching the three-year certification
//     cycle.
func ISMSAuditor() CriteriaSet {
	crit := behaviourCriteria()
	for _, k := range []struct {
		area  KnowledgeArea
		level Level
	}{
		{AuditPrinciples, Working}, {ManagementSystemStandards, Working}, {OrganisationContext, Working},
		{LegalContractual, Working}, {SecurityManagementMethods, Working}, {RiskAssessment, Proficient},
		{ISO27001Requirements, Proficient}, {AnnexAControls, Proficient}, {TechnologyThreats, Working},
		{SecurityLegislation, Working},
	} {
		crit = append(crit, knowledgeCriterion(k.area, k.level))
	}
	crit = append(crit,
		Criterion{
			ID: "work-years", Kind: WorkYears, Min: 4,
			Text:   "at least 4 years of work experience",
			Source: "19011:7.2.4 (work experience); 4 years is the figure ISMS auditor schemes commonly ask for, not a 19011/27007 figure",
		},
		Criterion{
			ID: "security-work-years", Kind: SecurityWorkYears, Min: 2,
			Text:   "at least 2 years of work experience in information security",
			Source: "19011:7.2.4, 27007:7.2.3.3; 2 years is the figure ISMS auditor schemes commonly ask for, not a 19011/27007 figure",
		},
		Criterion{
			ID: "lead-auditor-course", Kind: CourseCompleted, Training: []TrainingKind{LeadAuditorCourse}, Min: 40,
			Text:   "completed an ISMS lead auditor course of at least 40 hours",
			Source: "19011:7.2.4 (training); lead auditor courses commonly run about 40 hours over five days with an exam",
		},
		Criterion{
			ID: "isms-audits", Kind: AuditCount, Min: 4, WindowMonths: 36, Standards: []string{srcISMSStandard},
			Text:   "took part in at least 4 ISO/IEC 27001 audits in the last 36 months",
			Source: "19011:7.2.4 (audit experience); the figures are a project default",
		},
		Criterion{
			ID: "isms-audit-days", Kind: AuditDays, Min: 20, WindowMonths: 36, Standards: []string{srcISMSStandard},
			Text:   "at least 20 days of ISO/IEC 27001 audits in the last 36 months",
			Source: "19011:7.2.4 (audit experience); the figures are a project default",
		},
	)
	return CriteriaSet{
		ID: ISMSAuditorSet, Title: "ISMS auditor", Role: RoleAuditor, Criteria: crit,
		Maintenance: Maintenance{
			PeriodMonths: 12, CPDHours: 16, Audits: 2, AuditDays: 5,
			Source: "19011:7.6; the figures are a project default",
		},
		ReevaluationMonths: 36, Default: true,
		Source: "19011:7.2-7.6, 27007:7.2.3.3; figures are project defaults or common scheme practice as stated per criterion",
	}
}

// ISMSTeamLeader returns the built-in criteria set for an ISMS audit team
// leader: an extra layer over [ISMSAuditor], which it requires (standing
// as team leader needs standing as ISMS auditor too). It is a default the
// host may replace. Where each figure comes from:
//
//   - team leadership at level proficient: the extra competence of
//     19011:7.2.3.4; the level is a project default;
//   - three ISO/IEC 27001 audits led under the direction and guidance of
//     another team leader in the last 36 months: 19011:7.2.5 asks for
//     such additional audit experience without a number; three is a
//     project default;
//   - maintenance (19011:7.6): one audit as team leader every 12 months, a
//     project default (CPD is kept by the auditor set); re-evaluation
//     every 36 months, a project default.
func ISMSTeamLeader() CriteriaSet {
	return CriteriaSet{
		ID: ISMSTeamLeaderSet, Title: "ISMS audit team leader", Role: RoleTeamLeader, Requires: ISMSAuditorSet,
		Criteria: []Criterion{
			knowledgeCriterion(TeamLeadership, Proficient),
			{
				ID: "guided-lead-audits", Kind: GuidedLeadAudits, Min: 3, WindowMonths: 36, Standards: []string{srcISMSStandard},
				Text:   "led at least 3 ISO/IEC 27001 audits under the direction and guidance of another team leader in the last 36 months",
				Source: "19011:7.2.5 (experience under guidance); the figure is a project default",
			},
		},
		Maintenance: Maintenance{
			PeriodMonths: 12, Audits: 1, Roles: []Role{RoleTeamLeader},
			Source: "19011:7.6; the figure is a project default",
		},
		ReevaluationMonths: 36, Default: true,
		Source: "19011:7.2.3.4, 7.2.5; figures are project defaults",
	}
}
