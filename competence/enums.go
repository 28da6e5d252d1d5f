package competence

import (
	"iter"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/enum"
)

// Every enumeration below is a typed string whose values are stable
// kebab-case tokens listed once, in order, in an enum.Set. The empty string
// means unset and is never valid. Values are append-only: never reorder or
// remove one.

// Role is the part a person plays in an audit (ISO 19011:2018 3.14 to 3.16
// and 5.5.4). It is recorded in an auditor's audit log and given to each
// member of a selected [Team].
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

var roleSet = enum.New("competence", "Role", RoleTrainee, RoleAuditor, RoleTeamLeader, RoleTechnicalExpert, RoleObserver, RoleGuide)

// Roles yields the roles in canonical order.
func Roles() iter.Seq[Role] { return roleSet.All() }

// ParseRole parses a role token such as "team-leader".
func ParseRole(s string) (Role, error) { return roleSet.Parse(s) }

// IsValid reports whether r is one of the roles.
func (r Role) IsValid() bool { return roleSet.Valid(r) }

// String returns the token.
func (r Role) String() string { return string(r) }

// Audits reports whether the role conducts audit work and so counts as
// audit experience by default: trainee, auditor and team leader.
func (r Role) Audits() bool { return r == RoleTrainee || r == RoleAuditor || r == RoleTeamLeader }

// MarshalText implements encoding.TextMarshaler.
func (r Role) MarshalText() ([]byte, error) { return roleSet.Marshal(r) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (r *Role) UnmarshalText(b []byte) error { return roleSet.Unmarshal(b, r) }

// Behaviour is one of the thirteen personal behaviours ISO 19011:2018
// 7.2.2 expects of an auditor.
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

var behaviourSet = enum.New("competence", "Behaviour",
	Ethical, OpenMinded, Diplomatic, Observant, Perceptive, Versatile, Tenacious,
	Decisive, SelfReliant, ActingWithFortitude, OpenToImprovement, CulturallySensitive, Collaborative)

// Behaviours yields the thirteen behaviours in 19011:7.2.2 order.
func Behaviours() iter.Seq[Behaviour] { return behaviourSet.All() }

// ParseBehaviour parses a behaviour token such as "open-minded".
func ParseBehaviour(s string) (Behaviour, error) { return behaviourSet.Parse(s) }

// IsValid reports whether b is one of the thirteen behaviours.
func (b Behaviour) IsValid() bool { return behaviourSet.Valid(b) }

// String returns the token.
func (b Behaviour) String() string { return string(b) }

// MarshalText implements encoding.TextMarshaler.
func (b Behaviour) MarshalText() ([]byte, error) { return behaviourSet.Marshal(b) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (b *Behaviour) UnmarshalText(t []byte) error { return behaviourSet.Unmarshal(t, b) }

// KnowledgeArea is an area of knowledge and skill an auditor is assessed
// in: the generic areas of ISO 19011:2018 7.2.3.2, the information
// security specific areas of ISO/IEC 27007:2020 7.2.3.3 and the extra
// leadership competence of an audit team leader (19011:7.2.3.4).
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

var areaSet = enum.New("competence", "KnowledgeArea",
	AuditPrinciples, ManagementSystemStandards, OrganisationContext, LegalContractual,
	SecurityManagementMethods, RiskAssessment, ISO27001Requirements, AnnexAControls,
	TechnologyThreats, SecurityLegislation, TeamLeadership)

// numAreas is the number of knowledge areas (array sizes).
const numAreas = 11

// KnowledgeAreas yields the areas in canonical order: generic, then
// information security specific, then team leadership.
func KnowledgeAreas() iter.Seq[KnowledgeArea] { return areaSet.All() }

// ParseKnowledgeArea parses an area token such as "risk-assessment".
func ParseKnowledgeArea(s string) (KnowledgeArea, error) { return areaSet.Parse(s) }

// IsValid reports whether k is one of the areas.
func (k KnowledgeArea) IsValid() bool { return areaSet.Valid(k) }

// String returns the token.
func (k KnowledgeArea) String() string { return string(k) }

// Clause returns the clause that names the area: "19011:7.2.3.2",
// "27007:7.2.3.3" or "19011:7.2.3.4"; empty for an invalid area.
func (k KnowledgeArea) Clause() string {
	switch i := areaSet.Index(k); {
	case i < 0:
		return ""
	case i < 4:
		return "19011:7.2.3.2"
	case i < 10:
		return "27007:7.2.3.3"
	}
	return "19011:7.2.3.4"
}

// MarshalText implements encoding.TextMarshaler.
func (k KnowledgeArea) MarshalText() ([]byte, error) { return areaSet.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (k *KnowledgeArea) UnmarshalText(b []byte) error { return areaSet.Unmarshal(b, k) }

// Level is how far a person masters a knowledge area. The scale is this
// project's: ISO 19011 and ISO/IEC 27007 describe knowledge and skills
// without levels, so criteria sets and team needs use this four-step
// ordered scale. Levels are ordered: [Level.Compare] and [Level.AtLeast].
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

var levelSet = enum.New("competence", "Level", Awareness, Working, Proficient, Expert)

// Levels yields the levels, lowest first.
func Levels() iter.Seq[Level] { return levelSet.All() }

// ParseLevel parses a level token such as "proficient".
func ParseLevel(s string) (Level, error) { return levelSet.Parse(s) }

// IsValid reports whether l is one of the levels.
func (l Level) IsValid() bool { return levelSet.Valid(l) }

// String returns the token.
func (l Level) String() string { return string(l) }

// Compare returns -1, 0 or +1 as l is below, equal to or above m. An
// invalid level sorts below every valid one.
func (l Level) Compare(m Level) int { return levelSet.Compare(l, m) }

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

// MarshalText implements encoding.TextMarshaler.
func (l Level) MarshalText() ([]byte, error) { return levelSet.Marshal(l) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (l *Level) UnmarshalText(b []byte) error { return levelSet.Unmarshal(b, l) }

// Method is one of the six auditor evaluation methods of the table in ISO
// 19011:2018 7.4. An evaluation should use two or more of them.
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

var methodSet = enum.New("competence", "Method", ReviewOfRecords, Feedback, Interview, Observation, Testing, PostAuditReview)

// Methods yields the six evaluation methods in 19011:7.4 order.
func Methods() iter.Seq[Method] { return methodSet.All() }

// ParseMethod parses a method token such as "post-audit-review".
func ParseMethod(s string) (Method, error) { return methodSet.Parse(s) }

// IsValid reports whether m is one of the six methods.
func (m Method) IsValid() bool { return methodSet.Valid(m) }

// String returns the token.
func (m Method) String() string { return string(m) }

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

// MarshalText implements encoding.TextMarshaler.
func (m Method) MarshalText() ([]byte, error) { return methodSet.Marshal(m) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (m *Method) UnmarshalText(b []byte) error { return methodSet.Unmarshal(b, m) }

// CriterionKind says what an evaluation criterion measures (ISO 19011:2018
// 7.3: qualitative and quantitative criteria).
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

var kindSet = enum.New("competence", "CriterionKind",
	BehaviourCriterion, KnowledgeCriterion, WorkYears, SecurityWorkYears, TrainingHours,
	CourseCompleted, AuditCount, AuditDays, GuidedLeadAudits, QualificationHeld)

// CriterionKinds yields the kinds in canonical order.
func CriterionKinds() iter.Seq[CriterionKind] { return kindSet.All() }

// ParseCriterionKind parses a kind token such as "audit-days".
func ParseCriterionKind(s string) (CriterionKind, error) { return kindSet.Parse(s) }

// IsValid reports whether k is one of the kinds.
func (k CriterionKind) IsValid() bool { return kindSet.Valid(k) }

// String returns the token.
func (k CriterionKind) String() string { return string(k) }

// IsQualitative reports whether k is a qualitative kind (behaviour or
// knowledge); the others are quantitative (19011:7.3).
func (k CriterionKind) IsQualitative() bool {
	return k == BehaviourCriterion || k == KnowledgeCriterion
}

// MarshalText implements encoding.TextMarshaler.
func (k CriterionKind) MarshalText() ([]byte, error) { return kindSet.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (k *CriterionKind) UnmarshalText(b []byte) error { return kindSet.Unmarshal(b, k) }

// TrainingKind classifies a training record (19011:7.2.4: competence is
// achieved partly through training).
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

var trainingSet = enum.New("competence", "TrainingKind",
	AuditCourse, InternalAuditorCourse, LeadAuditorCourse, ImplementationCourse, SecurityCourse, OtherTraining)

// TrainingKinds yields the training kinds in canonical order.
func TrainingKinds() iter.Seq[TrainingKind] { return trainingSet.All() }

// ParseTrainingKind parses a training kind token.
func ParseTrainingKind(s string) (TrainingKind, error) { return trainingSet.Parse(s) }

// IsValid reports whether k is one of the training kinds.
func (k TrainingKind) IsValid() bool { return trainingSet.Valid(k) }

// String returns the token.
func (k TrainingKind) String() string { return string(k) }

// MarshalText implements encoding.TextMarshaler.
func (k TrainingKind) MarshalText() ([]byte, error) { return trainingSet.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (k *TrainingKind) UnmarshalText(b []byte) error { return trainingSet.Unmarshal(b, k) }

// InvolvementKind says how a person was involved with something an audit
// may cover; involvements decide independence (19011:4 e, 27001:9.2.2).
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

var involvementSet = enum.New("competence", "InvolvementKind", Responsible, Implemented, Consulted, Employed)

// InvolvementKinds yields the involvement kinds in canonical order.
func InvolvementKinds() iter.Seq[InvolvementKind] { return involvementSet.All() }

// ParseInvolvementKind parses an involvement kind token.
func ParseInvolvementKind(s string) (InvolvementKind, error) { return involvementSet.Parse(s) }

// IsValid reports whether k is one of the involvement kinds.
func (k InvolvementKind) IsValid() bool { return involvementSet.Valid(k) }

// String returns the token.
func (k InvolvementKind) String() string { return string(k) }

// MarshalText implements encoding.TextMarshaler.
func (k InvolvementKind) MarshalText() ([]byte, error) { return involvementSet.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (k *InvolvementKind) UnmarshalText(b []byte) error { return involvementSet.Unmarshal(b, k) }

// ConflictReason names why an auditor is not independent of an audit
// scope (19011:4 e; 27001:9.2.2).
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

var conflictSet = enum.New("competence", "ConflictReason", ResponsibleFor, OwnWork, ConsultedFor, EmployedBy)

// ConflictReasons yields the conflict reasons in canonical order.
func ConflictReasons() iter.Seq[ConflictReason] { return conflictSet.All() }

// ParseConflictReason parses a conflict reason token.
func ParseConflictReason(s string) (ConflictReason, error) { return conflictSet.Parse(s) }

// IsValid reports whether r is one of the conflict reasons.
func (r ConflictReason) IsValid() bool { return conflictSet.Valid(r) }

// String returns the token.
func (r ConflictReason) String() string { return string(r) }

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

// MarshalText implements encoding.TextMarshaler.
func (r ConflictReason) MarshalText() ([]byte, error) { return conflictSet.Marshal(r) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (r *ConflictReason) UnmarshalText(b []byte) error { return conflictSet.Unmarshal(b, r) }

// EvaluationState is a state of the evaluation lifecycle (19011:7.5, 7.6).
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

var stateSet = enum.New("competence", "EvaluationState", Planned, InProgress, Competent, NotYetCompetent, Suspended, Withdrawn)

// EvaluationStates yields the states in canonical order.
func EvaluationStates() iter.Seq[EvaluationState] { return stateSet.All() }

// ParseEvaluationState parses a state token such as "in-progress".
func ParseEvaluationState(s string) (EvaluationState, error) { return stateSet.Parse(s) }

// IsValid reports whether s is one of the states.
func (s EvaluationState) IsValid() bool { return stateSet.Valid(s) }

// String returns the token.
func (s EvaluationState) String() string { return string(s) }

// MarshalText implements encoding.TextMarshaler.
func (s EvaluationState) MarshalText() ([]byte, error) { return stateSet.Marshal(s) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (s *EvaluationState) UnmarshalText(b []byte) error { return stateSet.Unmarshal(b, s) }

// EvaluationEvent is an event of the evaluation lifecycle.
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

var eventSet = enum.New("competence", "EvaluationEvent", Start, DecideCompetent, DecideNotYetCompetent, ReEvaluate, Suspend, Reinstate, Withdraw)

// EvaluationEvents yields the events in canonical order.
func EvaluationEvents() iter.Seq[EvaluationEvent] { return eventSet.All() }

// ParseEvaluationEvent parses an event token such as "re-evaluate".
func ParseEvaluationEvent(s string) (EvaluationEvent, error) { return eventSet.Parse(s) }

// IsValid reports whether e is one of the events.
func (e EvaluationEvent) IsValid() bool { return eventSet.Valid(e) }

// String returns the token.
func (e EvaluationEvent) String() string { return string(e) }

// MarshalText implements encoding.TextMarshaler.
func (e EvaluationEvent) MarshalText() ([]byte, error) { return eventSet.Marshal(e) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (e *EvaluationEvent) UnmarshalText(b []byte) error { return eventSet.Unmarshal(b, e) }

// ObstacleKind names what keeps an auditor from being competent for a
// criteria set at a date (see [Standing]).
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

var obstacleSet = enum.New("competence", "ObstacleKind",
	NotEvaluated, NotDecided, FoundNotYetCompetent, ReEvaluationDue, CompetenceSuspended,
	CompetenceWithdrawn, CPDLapsed, ActivityLapsed, QualificationInvalid, PrerequisiteUnmet)

// ObstacleKinds yields the obstacle kinds in canonical order.
func ObstacleKinds() iter.Seq[ObstacleKind] { return obstacleSet.All() }

// ParseObstacleKind parses an obstacle kind token.
func ParseObstacleKind(s string) (ObstacleKind, error) { return obstacleSet.Parse(s) }

// IsValid reports whether k is one of the obstacle kinds.
func (k ObstacleKind) IsValid() bool { return obstacleSet.Valid(k) }

// String returns the token.
func (k ObstacleKind) String() string { return string(k) }

// MarshalText implements encoding.TextMarshaler.
func (k ObstacleKind) MarshalText() ([]byte, error) { return obstacleSet.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (k *ObstacleKind) UnmarshalText(b []byte) error { return obstacleSet.Unmarshal(b, k) }

// NeedKind says what an audit needs from its team (19011:5.5.4).
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

var needKindSet = enum.New("competence", "NeedKind", NeedKnowledge, NeedSector, NeedTechnicalArea, NeedLanguage, NeedLeader, NeedTeamSize)

// NeedKinds yields the need kinds in canonical order.
func NeedKinds() iter.Seq[NeedKind] { return needKindSet.All() }

// ParseNeedKind parses a need kind token.
func ParseNeedKind(s string) (NeedKind, error) { return needKindSet.Parse(s) }

// IsValid reports whether k is one of the need kinds.
func (k NeedKind) IsValid() bool { return needKindSet.Valid(k) }

// String returns the token.
func (k NeedKind) String() string { return string(k) }

// ExpertMayMeet reports whether a technical expert may meet a need of
// kind k: knowledge, sector and technical area needs (19011:5.5.4).
func (k NeedKind) ExpertMayMeet() bool {
	return k == NeedKnowledge || k == NeedSector || k == NeedTechnicalArea
}

// MarshalText implements encoding.TextMarshaler.
func (k NeedKind) MarshalText() ([]byte, error) { return needKindSet.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (k *NeedKind) UnmarshalText(b []byte) error { return needKindSet.Unmarshal(b, k) }

// Shortfall says why a need cannot be met (see [NoTeamError]).
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

var shortfallSet = enum.New("competence", "Shortfall", NobodyHas, AllBlocked, SizeLimit, TooFewAuditors)

// Shortfalls yields the shortfalls in canonical order.
func Shortfalls() iter.Seq[Shortfall] { return shortfallSet.All() }

// ParseShortfall parses a shortfall token.
func ParseShortfall(s string) (Shortfall, error) { return shortfallSet.Parse(s) }

// IsValid reports whether s is one of the shortfalls.
func (s Shortfall) IsValid() bool { return shortfallSet.Valid(s) }

// String returns the token.
func (s Shortfall) String() string { return string(s) }

// MarshalText implements encoding.TextMarshaler.
func (s Shortfall) MarshalText() ([]byte, error) { return shortfallSet.Marshal(s) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (s *Shortfall) UnmarshalText(b []byte) error { return shortfallSet.Unmarshal(b, s) }

// BlockReason says why a person cannot serve on an audit's team.
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

var blockSet = enum.New("competence", "BlockReason", Excluded, Unavailable, Conflicted, NotCompetent)

// BlockReasons yields the block reasons in canonical order.
func BlockReasons() iter.Seq[BlockReason] { return blockSet.All() }

// ParseBlockReason parses a block reason token.
func ParseBlockReason(s string) (BlockReason, error) { return blockSet.Parse(s) }

// IsValid reports whether r is one of the block reasons.
func (r BlockReason) IsValid() bool { return blockSet.Valid(r) }

// String returns the token.
func (r BlockReason) String() string { return string(r) }

// MarshalText implements encoding.TextMarshaler.
func (r BlockReason) MarshalText() ([]byte, error) { return blockSet.Marshal(r) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (r *BlockReason) UnmarshalText(b []byte) error { return blockSet.Unmarshal(b, r) }

// SelectionMethod says how a team was chosen.
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

var selectionSet = enum.New("competence", "SelectionMethod", Exact, Heuristic)

// SelectionMethods yields the selection methods in canonical order.
func SelectionMethods() iter.Seq[SelectionMethod] { return selectionSet.All() }

// ParseSelectionMethod parses a selection method token.
func ParseSelectionMethod(s string) (SelectionMethod, error) { return selectionSet.Parse(s) }

// IsValid reports whether m is one of the selection methods.
func (m SelectionMethod) IsValid() bool { return selectionSet.Valid(m) }

// String returns the token.
func (m SelectionMethod) String() string { return string(m) }

// MarshalText implements encoding.TextMarshaler.
func (m SelectionMethod) MarshalText() ([]byte, error) { return selectionSet.Marshal(m) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (m *SelectionMethod) UnmarshalText(b []byte) error { return selectionSet.Unmarshal(b, m) }
