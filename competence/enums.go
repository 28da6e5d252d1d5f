package competence

import (
	"github.com/ismsaudit/ismsaudit"
)

// Every enumeration below is a typed string whose values are stable
// kebab-case tokens listed once, in order, in an enum.Set. The empty string
// means unset and is never valid. Values are append-only: never reorder or
// remove one.

// Role is the part a person plays in an audit (ISO 19011:2018 3.14 to 3.16
// and 5.5.4). It is recorded in an auditor's audit log and given to each
// member of a selected [Team].
//
//ismsaudit:enum Roles
type Role string

// The roles. Never reorder.
const (
	// RoleTrainee is an auditor in training, auditing under the direction and
	// guidance of another auditor (19011:7.2.4).
	RoleTrainee Role = "trainee"
	// RoleAuditor is a member of the audit team conducting the audit
	// (19011:3.15).
	RoleAuditor Role = "auditor"
	// RoleTeamLeader is the auditor appointed to lead the team (19011:5.5.5).
	RoleTeamLeader Role = "team-leader"
	// RoleTechnicalExpert provides specific knowledge or expertise to the team
	// but does not act as an auditor (19011:3.16).
	RoleTechnicalExpert Role = "technical-expert"
	// RoleObserver accompanies the team without auditing (19011:3.17, 6.4.2).
	RoleObserver Role = "observer"
	// RoleGuide is appointed by the auditee to assist the team; a guide
	// takes part in an audit but is never a member of a selected team
	// (19011:3.18, 6.4.2).
	RoleGuide Role = "guide"
)

// Audits reports whether the role conducts audit work and so counts as
// audit experience by default: trainee, auditor and team leader.
func (r Role) Audits() bool { return r == RoleTrainee || r == RoleAuditor || r == RoleTeamLeader }

// Behaviour is one of the thirteen personal behaviours ISO 19011:2018
// 7.2.2 expects of an auditor.
//
//ismsaudit:enum Behaviours
type Behaviour string

// The behaviours, in the order 19011:7.2.2 lists them. Never reorder.
const (
	Ethical             Behaviour = "ethical"               // 19011:7.2.2 a: fair, truthful, sincere, honest, discreet
	OpenMinded          Behaviour = "open-minded"           // 19011:7.2.2 b: willing to consider alternative ideas
	Diplomatic          Behaviour = "diplomatic"            // 19011:7.2.2 c: tactful in dealing with people
	Observant           Behaviour = "observant"             // 19011:7.2.2 d: aware of surroundings and activities
	Perceptive          Behaviour = "perceptive"            // 19011:7.2.2 e: understands situations
	Versatile           Behaviour = "versatile"             // 19011:7.2.2 f: adjusts to different situations
	Tenacious           Behaviour = "tenacious"             // 19011:7.2.2 g: persistent, focused on objectives
	Decisive            Behaviour = "decisive"              // 19011:7.2.2 h: reaches timely conclusions by reasoning
	SelfReliant         Behaviour = "self-reliant"          // 19011:7.2.2 i: acts independently while interacting well
	ActingWithFortitude Behaviour = "acting-with-fortitude" // 19011:7.2.2 j: acts responsibly even when unpopular
	OpenToImprovement   Behaviour = "open-to-improvement"   // 19011:7.2.2 k: willing to learn from situations
	CulturallySensitive Behaviour = "culturally-sensitive"  // 19011:7.2.2 l: respects the auditee's culture
	Collaborative       Behaviour = "collaborative"         // 19011:7.2.2 m: interacts effectively with others
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
func (k KnowledgeArea) Clause() string {
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

// Method is one of the six auditor evaluation methods of the table in ISO
// 19011:2018 7.4. An evaluation should use two or more of them.
//
//ismsaudit:enum Methods
type Method string

// The methods, in the order of the 19011:7.4 table. Never reorder.
const (
	// ReviewOfRecords verifies the auditor's background: records of
	// education, training, employment, credentials and audit experience
	// (19011:7.4).
	ReviewOfRecords Method = "review-of-records"
	// Feedback shows how the auditor's performance is perceived: surveys,
	// references, complaints, peer review (19011:7.4).
	Feedback Method = "feedback"
	// Interview evaluates behaviour and communication, verifies
	// information and tests knowledge (19011:7.4).
	Interview Method = "interview"
	// Observation evaluates behaviour and the ability to apply knowledge
	// and skills: role play, witnessed audits, on-the-job performance
	// (19011:7.4).
	Observation Method = "observation"
	// Testing evaluates behaviour, knowledge and skills and their
	// application: oral and written exams, psychometric tests (19011:7.4).
	Testing Method = "testing"
	// PostAuditReview gives information on performance during audit
	// activities: review of the report, interviews with the team leader
	// and team, feedback from the auditee (19011:7.4).
	PostAuditReview Method = "post-audit-review"
)

// Objective says, in this project's words, what the method evaluates
// according to the 19011:7.4 table; empty for an invalid method.
func (m Method) Objective() string {
	switch m {
	case ReviewOfRecords:
		return "verify the auditor's background"
	case Feedback:
		return "show how the auditor's performance is perceived"
	case Interview:
		return "evaluate behaviour and communication, verify information and test knowledge"
	case Observation:
		return "evaluate behaviour and the ability to apply knowledge and skills"
	case Testing:
		return "evaluate behaviour, knowledge and skills and their application"
	case PostAuditReview:
		return "give information on performance during audit activities"
	}
	return ""
}

// Suits reports whether the method, by its objective in the 19011:7.4
// table, can inform a criterion of kind k: review of records informs the
// quantitative and record-based kinds; feedback, observation and
// post-audit review inform behaviour and knowledge; interview and testing
// inform behaviour and knowledge, and interview also verifies records. A
// criterion may override this with its own Methods list.
func (m Method) Suits(k CriterionKind) bool {
	qualitative := k.IsQualitative()
	quantitative := false
	switch k {
	case WorkYears, SecurityWorkYears, TrainingHours, CourseCompleted, AuditCount, AuditDays, GuidedLeadAudits, QualificationHeld:
		quantitative = true
	}
	switch m {
	case ReviewOfRecords:
		return quantitative
	case Interview:
		return qualitative || quantitative
	case Feedback, Observation, Testing, PostAuditReview:
		return qualitative
	}
	return false
}

// CriterionKind says what an evaluation criterion measures (ISO 19011:2018
// 7.3: qualitative and quantitative criteria).
//
//ismsaudit:enum CriterionKinds
type CriterionKind string

// The criterion kinds. Never reorder.
const (
	// BehaviourCriterion (qualitative): a personal behaviour is
	// demonstrated (19011:7.2.2, 7.3).
	BehaviourCriterion CriterionKind = "behaviour"
	// KnowledgeCriterion (qualitative): knowledge and skill in an area at
	// a level (19011:7.2.3, 7.3).
	KnowledgeCriterion CriterionKind = "knowledge"
	// WorkYears (quantitative): years of work experience (19011:7.2.4).
	WorkYears CriterionKind = "work-years"
	// SecurityWorkYears (quantitative): years of work experience in
	// information security (19011:7.2.4, 27007:7.2.4).
	SecurityWorkYears CriterionKind = "security-work-years"
	// TrainingHours (quantitative): hours of training, optionally of
	// given kinds and within a window (19011:7.2.4).
	TrainingHours CriterionKind = "training-hours"
	// CourseCompleted (quantitative): one completed course of a kind with
	// at least the given hours, such as a lead auditor course
	// (19011:7.2.4).
	CourseCompleted CriterionKind = "course"
	// AuditCount (quantitative): audits in a window, by role and standard
	// (19011:7.2.4, 7.3).
	AuditCount CriterionKind = "audits"
	// AuditDays (quantitative): audit days in a window, by role and
	// standard (19011:7.2.4, 7.3).
	AuditDays CriterionKind = "audit-days"
	// GuidedLeadAudits (quantitative): audits led as team leader under the
	// direction and guidance of another team leader (19011:7.2.5).
	GuidedLeadAudits CriterionKind = "guided-lead-audits"
	// QualificationHeld (quantitative, record-based): a named
	// qualification held and valid (19011:7.2.4).
	QualificationHeld CriterionKind = "qualification"
)

// IsQualitative reports whether k is a qualitative kind (behaviour or
// knowledge); the others are quantitative (19011:7.3).
func (k CriterionKind) IsQualitative() bool {
	return k == BehaviourCriterion || k == KnowledgeCriterion
}

// TrainingKind classifies a training record (19011:7.2.4: competence is
// achieved partly through training).
//
//ismsaudit:enum TrainingKinds
type TrainingKind string

// The training kinds. Never reorder.
const (
	// AuditCourse is generic management system auditing training on
	// ISO 19011 (19011:7.2.4).
	AuditCourse TrainingKind = "audit-course"
	// InternalAuditorCourse is an ISMS internal auditor course, commonly
	// two days (19011:7.2.4).
	InternalAuditorCourse TrainingKind = "isms-internal-auditor-course"
	// LeadAuditorCourse is an ISMS lead auditor course, commonly about 40
	// hours over five days with an exam (19011:7.2.4).
	LeadAuditorCourse TrainingKind = "isms-lead-auditor-course"
	// ImplementationCourse is ISO/IEC 27001 foundation or implementation
	// training (27007:7.2.3.3).
	ImplementationCourse TrainingKind = "isms-implementation-course"
	// SecurityCourse is technical information security training
	// (27007:7.2.3.3).
	SecurityCourse TrainingKind = "security-course"
	// OtherTraining is any other training.
	OtherTraining TrainingKind = "other"
)

// InvolvementKind says how a person was involved with something an audit
// may cover; involvements decide independence (19011:4 e, 27001:9.2.2).
//
//ismsaudit:enum InvolvementKinds
type InvolvementKind string

// The involvement kinds. Never reorder.
const (
	// Responsible: the person is or was responsible for it, e.g. as
	// process or control owner or manager (19011:4 e).
	Responsible InvolvementKind = "responsible"
	// Implemented: the person designed, implemented or operated it, i.e.
	// it is their own work (27001:9.2.2, 19011:4 e).
	Implemented InvolvementKind = "implemented"
	// Consulted: the person gave consultancy on it (19011:4 e).
	Consulted InvolvementKind = "consulted"
	// Employed: the person is or was employed by the auditee; relevant to
	// external audits only (19011:4 e).
	Employed InvolvementKind = "employed"
)

// ConflictReason names why an auditor is not independent of an audit
// scope (19011:4 e; 27001:9.2.2).
//
//ismsaudit:enum ConflictReasons
type ConflictReason string

// The conflict reasons. Never reorder.
const (
	// ResponsibleFor: the auditor is responsible for what is audited, or
	// was within the cooling-off period (19011:4 e).
	ResponsibleFor ConflictReason = "responsible-for"
	// OwnWork: the auditor worked on what is audited within the
	// cooling-off period; internal auditors must not audit their own work
	// (27001:9.2.2).
	OwnWork ConflictReason = "own-work"
	// ConsultedFor: the auditor consulted for the auditee on what is
	// audited within the cooling-off period (19011:4 e).
	ConsultedFor ConflictReason = "consulted-for"
	// EmployedBy: for an external audit, the auditor is or was employed by
	// the auditee within the cooling-off period (19011:4 e).
	EmployedBy ConflictReason = "employed-by"
)

// Rule returns the id of the rule the reason enforces.
func (r ConflictReason) Rule() ismsaudit.RuleID {
	switch r {
	case ResponsibleFor:
		return RuleIndependentResponsible
	case OwnWork:
		return RuleIndependentOwnWork
	case ConsultedFor:
		return RuleIndependentConsulted
	case EmployedBy:
		return RuleIndependentEmployed
	}
	return ""
}

// EvaluationState is a state of the evaluation lifecycle (19011:7.5, 7.6).
//
//ismsaudit:enum EvaluationStates
type EvaluationState string

// The evaluation states. Never reorder.
const (
	// Planned: the evaluation is scheduled (19011:7.5).
	Planned EvaluationState = "planned"
	// InProgress: evaluation methods are being applied (19011:7.4, 7.5).
	InProgress EvaluationState = "in-progress"
	// Competent: every criterion was met (19011:7.5).
	Competent EvaluationState = "competent"
	// NotYetCompetent: some criteria were not met; development actions
	// were set (19011:7.5).
	NotYetCompetent EvaluationState = "not-yet-competent"
	// Suspended: competence is suspended for a stated reason (19011:7.6).
	Suspended EvaluationState = "suspended"
	// Withdrawn: the evaluation or the competence was withdrawn for a
	// stated reason; terminal (19011:7.6).
	Withdrawn EvaluationState = "withdrawn"
)

// EvaluationEvent is an event of the evaluation lifecycle.
//
//ismsaudit:enum EvaluationEvents
type EvaluationEvent string

// The evaluation events. Never reorder.
const (
	// Start begins applying evaluation methods (19011:7.5).
	Start EvaluationEvent = "start"
	// DecideCompetent records a decision that every criterion is met
	// (19011:7.5).
	DecideCompetent EvaluationEvent = "decide-competent"
	// DecideNotYetCompetent records a decision that some criteria are not
	// met, with development actions (19011:7.5).
	DecideNotYetCompetent EvaluationEvent = "decide-not-yet-competent"
	// ReEvaluate opens a new round of evaluation (19011:7.5, 7.6).
	ReEvaluate EvaluationEvent = "re-evaluate"
	// Suspend suspends competence for a stated reason (19011:7.6).
	Suspend EvaluationEvent = "suspend"
	// Reinstate lifts a suspension for a stated reason (19011:7.6).
	Reinstate EvaluationEvent = "reinstate"
	// Withdraw ends the evaluation or withdraws competence for a stated
	// reason (19011:7.6).
	Withdraw EvaluationEvent = "withdraw"
)

// ObstacleKind names what keeps an auditor from being competent for a
// criteria set at a date (see [Standing]).
//
//ismsaudit:enum ObstacleKinds
type ObstacleKind string

// The obstacle kinds. Never reorder.
const (
	// NotEvaluated: the auditor has no evaluation against the set
	// (19011:7.5).
	NotEvaluated ObstacleKind = "not-evaluated"
	// NotDecided: the evaluation has reached no competent decision yet
	// (19011:7.5).
	NotDecided ObstacleKind = "not-decided"
	// FoundNotYetCompetent: the latest decision found criteria unmet
	// (19011:7.5).
	FoundNotYetCompetent ObstacleKind = "not-yet-competent"
	// ReEvaluationDue: the re-evaluation date has passed (19011:7.6).
	ReEvaluationDue ObstacleKind = "re-evaluation-due"
	// CompetenceSuspended: competence is suspended (19011:7.6).
	CompetenceSuspended ObstacleKind = "suspended"
	// CompetenceWithdrawn: competence was withdrawn (19011:7.6).
	CompetenceWithdrawn ObstacleKind = "withdrawn"
	// CPDLapsed: too few continual professional development hours in the
	// maintenance period (19011:7.6).
	CPDLapsed ObstacleKind = "cpd-lapsed"
	// ActivityLapsed: too little audit activity in the maintenance period
	// (19011:7.6).
	ActivityLapsed ObstacleKind = "activity-lapsed"
	// QualificationInvalid: a qualification the set requires is not held
	// or not valid on the date (19011:7.2.4).
	QualificationInvalid ObstacleKind = "qualification-invalid"
	// PrerequisiteUnmet: the set builds on another set (team leader on
	// auditor) whose standing is not competent (19011:7.2.5).
	PrerequisiteUnmet ObstacleKind = "prerequisite-unmet"
)

// NeedKind says what an audit needs from its team (19011:5.5.4).
//
//ismsaudit:enum NeedKinds
type NeedKind string

// The need kinds. Never reorder.
const (
	// NeedKnowledge: a knowledge area at a level (19011:5.5.4).
	NeedKnowledge NeedKind = "knowledge"
	// NeedSector: knowledge of the auditee's sector (19011:5.5.4,
	// 7.2.3.3).
	NeedSector NeedKind = "sector"
	// NeedTechnicalArea: knowledge of a technical area (19011:5.5.4,
	// 7.2.3.3).
	NeedTechnicalArea NeedKind = "technical-area"
	// NeedLanguage: a language the audit is conducted in; only auditors
	// meet it (19011:5.5.4).
	NeedLanguage NeedKind = "language"
	// NeedLeader: a competent team leader (19011:5.5.5). Reported in a
	// NoTeamError only; every team needs one.
	NeedLeader NeedKind = "leader"
	// NeedTeamSize: the size bounds (19011:5.5.4). Reported in a
	// NoTeamError only.
	NeedTeamSize NeedKind = "team-size"
)

// ExpertMayMeet reports whether a technical expert may meet a need of
// kind k: knowledge, sector and technical area needs (19011:5.5.4).
func (k NeedKind) ExpertMayMeet() bool {
	return k == NeedKnowledge || k == NeedSector || k == NeedTechnicalArea
}

// Shortfall says why a need cannot be met (see [NoTeamError]).
//
//ismsaudit:enum Shortfalls
type Shortfall string

// The shortfalls. Never reorder.
const (
	// NobodyHas: no one in the pool has what the need asks for.
	NobodyHas Shortfall = "nobody-has"
	// AllBlocked: the people who have it cannot serve on this audit; the
	// UnmetNeed lists them and why.
	AllBlocked Shortfall = "all-blocked"
	// SizeLimit: covering every need takes more auditors than the maximum
	// team size allows.
	SizeLimit Shortfall = "size-limit"
	// TooFewAuditors: fewer auditors can serve than the minimum team size.
	TooFewAuditors Shortfall = "too-few-auditors"
)

// BlockReason says why a person cannot serve on an audit's team.
//
//ismsaudit:enum BlockReasons
type BlockReason string

// The block reasons. Never reorder.
const (
	// Excluded: the caller excluded the person (19011:5.5.4).
	Excluded BlockReason = "excluded"
	// Unavailable: the person is unavailable on the audit's dates
	// (19011:5.5.4).
	Unavailable BlockReason = "unavailable"
	// Conflicted: the person is not independent of the scope (19011:4 e,
	// 27001:9.2.2).
	Conflicted BlockReason = "conflict"
	// NotCompetent: the person is not competent for the role on the date
	// (19011:5.5.4, 5.5.5).
	NotCompetent BlockReason = "not-competent"
)

// SelectionMethod says how a team was chosen.
//
//ismsaudit:enum SelectionMethods
type SelectionMethod string

// The selection methods. Never reorder.
const (
	// Exact: branch and bound over the relevant candidates; the team is
	// optimal (19011:5.5.4).
	Exact SelectionMethod = "exact"
	// Heuristic: greedy set cover followed by removal of redundant
	// members; the team is within a proven factor of optimal
	// (19011:5.5.4).
	Heuristic SelectionMethod = "heuristic"
)
