package competence

import (
	"time"

	"github.com/ismsaudit/ismsaudit"
)

// KnowledgeArea is an area of knowledge and skill an auditor is assessed
// in: the generic areas of ISO 19011:2018 7.2.3.2, the information
// security specific areas of ISO/IEC 27007:2020 7.2.3.3 and the extra
// leadership competence of an audit team leader (19011:7.2.3.4).
//
//ismsaudit:enum KnowledgeAreas
type KnowledgeArea string

// The knowledge areas. Never reorder.
const (
	// AuditPrinciples covers audit principles, processes and methods
	// (19011:7.2.3.2 a).
	AuditPrinciples KnowledgeArea = "audit-principles"
	// ManagementSystemStandards covers management system standards and
	// other references (19011:7.2.3.2 b).
	ManagementSystemStandards KnowledgeArea = "management-system-standards"
	// OrganisationContext covers the organisation and its context
	// (19011:7.2.3.2 c).
	OrganisationContext KnowledgeArea = "organisation-context"
	// LegalContractual covers applicable legal and contractual
	// requirements and other requirements (19011:7.2.3.2 d).
	LegalContractual KnowledgeArea = "legal-contractual"
	// SecurityManagementMethods covers information security management
	// methods (27007:7.2.3.3).
	SecurityManagementMethods KnowledgeArea = "security-management-methods"
	// RiskAssessment covers information security risk assessment and
	// treatment methods (27007:7.2.3.3; 27001:6.1.2, 6.1.3).
	RiskAssessment KnowledgeArea = "risk-assessment"
	// ISO27001Requirements covers the requirements of ISO/IEC 27001
	// clauses 4 to 10 (27007:7.2.3.3).
	ISO27001Requirements KnowledgeArea = "iso27001-requirements"
	// AnnexAControls covers the reference controls of ISO/IEC 27001 Annex
	// A and their guidance in ISO/IEC 27002 (27007:7.2.3.3).
	AnnexAControls KnowledgeArea = "annex-a-controls"
	// TechnologyThreats covers information technology and current
	// threats and vulnerabilities (27007:7.2.3.3).
	TechnologyThreats KnowledgeArea = "technology-threats"
	// SecurityLegislation covers legislation and regulation relevant to
	// information security (27007:7.2.3.3).
	SecurityLegislation KnowledgeArea = "security-legislation"
	// TeamLeadership covers the extra competence of an audit team leader:
	// planning the audit, using resources, representing the team,
	// leading it and preventing and resolving conflicts (19011:7.2.3.4).
	TeamLeadership KnowledgeArea = "team-leadership"
)

// numAreas is the number of knowledge areas (array sizes).
const numAreas = 11

// Clause returns the clause that names the area: "19011:7.2.3.2",
// "27007:7.2.3.3" or "19011:7.2.3.4"; empty for an invalid area.
func (k KnowledgeArea) Clause() ismsaudit.Clause {
	switch i := knowledgeAreaSet.Index(k); {
	case i < 0:
		return ""
	case i < 4:
		return "19011:7.2.3.2"
	case i < 10:
		return "27007:7.2.3.3"
	}
	return "19011:7.2.3.4"
}

// Level is how far a person masters a knowledge area. The scale is this
// project's: ISO 19011 and ISO/IEC 27007 describe knowledge and skills
// without levels, so criteria sets and team needs use this four-step
// ordered scale. Levels are ordered: [Level.Compare] and [Level.AtLeast].
//
//ismsaudit:enum Levels ordered
type Level string

// The levels, lowest first. Never reorder.
const (
	// Awareness: knows the area exists and its main terms.
	Awareness Level = "awareness"
	// Working: applies the area in routine audit work.
	Working Level = "working"
	// Proficient: applies it in complex cases without guidance.
	Proficient Level = "proficient"
	// Expert: recognised authority, able to guide others.
	Expert Level = "expert"
)

// AtLeast reports whether l is valid and not below m.
func (l Level) AtLeast(m Level) bool { return l.rank() >= 0 && l.rank() >= m.rank() }

// rank is the level's position, -1 when invalid. A switch, not a map
// lookup: evaluation compares levels in its inner loop.
func (l Level) rank() int {
	switch l {
	case Awareness:
		return 0
	case Working:
		return 1
	case Proficient:
		return 2
	case Expert:
		return 3
	}
	return -1
}

// Skill is the person's level in one knowledge area (19011:7.2.3).
type Skill struct {
	// Area is the knowledge area.
	Area KnowledgeArea `json:"area" validate:"enum"`
	// Level is the assessed level.
	Level Level `json:"level" validate:"enum"`
	// Assessed is when the level was last assessed; zero when unknown.
	Assessed time.Time `json:"assessed,omitzero"`
	// Note explains the basis.
	Note string `json:"note,omitempty"`
}
