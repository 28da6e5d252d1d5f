package programme

// Code in this file follows one pattern per enumeration: the type, its
// constants in canonical order (append only: never reorder), the ordered
// set behind validity and parsing, and the text methods.

import (
	"iter"

	"github.com/ismsaudit/ismsaudit/internal/enum"
)

// RiskKind says whether a register entry is a risk or an opportunity
// (ISO 19011:2018 5.3). Both are tracked through the same lifecycle.
type RiskKind string

// The RiskKind values. Never reorder.
const (
	KindRisk        RiskKind = "risk"        // something that can keep the programme from its objectives (19011:5.3)
	KindOpportunity RiskKind = "opportunity" // something that can help the programme meet its objectives (19011:5.3)
)

var riskKindSet = enum.New("programme", "RiskKind", KindRisk, KindOpportunity)

// RiskKinds yields the RiskKind values in canonical order.
func RiskKinds() iter.Seq[RiskKind] { return riskKindSet.All() }

// ParseRiskKind parses a RiskKind token; the error lists the valid ones.
func ParseRiskKind(s string) (RiskKind, error) { return riskKindSet.Parse(s) }

// IsValid reports whether v is a known RiskKind.
func (v RiskKind) IsValid() bool { return riskKindSet.Valid(v) }

// String returns the token.
func (v RiskKind) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler; an invalid value is refused.
func (v RiskKind) MarshalText() ([]byte, error) { return riskKindSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *RiskKind) UnmarshalText(b []byte) error { return riskKindSet.Unmarshal(b, v) }

// RiskCategory is the area of the programme a risk or opportunity
// concerns: the areas ISO 19011:2018 5.3 a) to h) lists.
type RiskCategory string

// The RiskCategory values. Never reorder.
const (
	CategoryPlanning            RiskCategory = "planning"             // objectives, extent, number, duration, locations, schedule (19011:5.3 a)
	CategoryResources           RiskCategory = "resources"            // time, equipment, training (19011:5.3 b)
	CategoryTeamSelection       RiskCategory = "team-selection"       // the team's overall competence (19011:5.3 c)
	CategoryCommunication       RiskCategory = "communication"        // internal and external communication channels (19011:5.3 d)
	CategoryImplementation      RiskCategory = "implementation"       // coordination of audits, information security and confidentiality (19011:5.3 e)
	CategoryRecords             RiskCategory = "records"              // control of documented information and audit records, including confidentiality of the ISMS information auditors see (19011:5.3 f)
	CategoryMonitoring          RiskCategory = "monitoring"           // monitoring, reviewing and improving the programme (19011:5.3 g)
	CategoryAuditeeAvailability RiskCategory = "auditee-availability" // availability and cooperation of the auditee, availability of evidence to sample (19011:5.3 h)
)

var riskCategorySet = enum.New("programme", "RiskCategory", CategoryPlanning, CategoryResources, CategoryTeamSelection, CategoryCommunication, CategoryImplementation, CategoryRecords, CategoryMonitoring, CategoryAuditeeAvailability)

// RiskCategories yields the RiskCategory values in canonical order.
func RiskCategories() iter.Seq[RiskCategory] { return riskCategorySet.All() }

// ParseRiskCategory parses a RiskCategory token; the error lists the valid ones.
func ParseRiskCategory(s string) (RiskCategory, error) { return riskCategorySet.Parse(s) }

// IsValid reports whether v is a known RiskCategory.
func (v RiskCategory) IsValid() bool { return riskCategorySet.Valid(v) }

// String returns the token.
func (v RiskCategory) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler; an invalid value is refused.
func (v RiskCategory) MarshalText() ([]byte, error) { return riskCategorySet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *RiskCategory) UnmarshalText(b []byte) error { return riskCategorySet.Unmarshal(b, v) }

// RiskLevel is the level a risk matrix gives a pair of likelihood and
// impact ratings. The four levels are this project's scale; a host's
// matrix maps its own scales onto them.
type RiskLevel string

// The RiskLevel values, lowest first. Never reorder.
const (
	LevelLow      RiskLevel = "low"
	LevelMedium   RiskLevel = "medium"
	LevelHigh     RiskLevel = "high"
	LevelVeryHigh RiskLevel = "very-high"
)

var riskLevelSet = enum.New("programme", "RiskLevel", LevelLow, LevelMedium, LevelHigh, LevelVeryHigh)

// RiskLevels yields the RiskLevel values, lowest first.
func RiskLevels() iter.Seq[RiskLevel] { return riskLevelSet.All() }

// ParseRiskLevel parses a RiskLevel token; the error lists the valid ones.
func ParseRiskLevel(s string) (RiskLevel, error) { return riskLevelSet.Parse(s) }

// IsValid reports whether v is a known RiskLevel.
func (v RiskLevel) IsValid() bool { return riskLevelSet.Valid(v) }

// String returns the token.
func (v RiskLevel) String() string { return string(v) }

// Compare orders two levels, lowest first (-1, 0, +1); invalid values sort
// before every valid one.
func (v RiskLevel) Compare(w RiskLevel) int { return riskLevelSet.Compare(v, w) }

// MarshalText implements encoding.TextMarshaler; an invalid value is refused.
func (v RiskLevel) MarshalText() ([]byte, error) { return riskLevelSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *RiskLevel) UnmarshalText(b []byte) error { return riskLevelSet.Unmarshal(b, v) }

// RiskState is a state of a register entry's lifecycle (ISO 19011:2018
// 5.3: risks and opportunities are identified, evaluated and addressed).
type RiskState string

// The RiskState values. Never reorder.
const (
	RiskIdentified       RiskState = "identified"        // recorded, not yet rated
	RiskAssessed         RiskState = "assessed"          // likelihood and impact rated, level read from the matrix
	RiskTreatmentPlanned RiskState = "treatment-planned" // an action, owner and due date agreed
	RiskTreated          RiskState = "treated"           // the action done, its outcome recorded
	RiskMonitored        RiskState = "monitored"         // residual likelihood and impact rated after treatment
	RiskClosed           RiskState = "closed"            // no longer present or relevant
	RiskAccepted         RiskState = "accepted"          // retained at an acceptable level, or an opportunity not pursued, with a reason
)

var riskStateSet = enum.New("programme", "RiskState", RiskIdentified, RiskAssessed, RiskTreatmentPlanned, RiskTreated, RiskMonitored, RiskClosed, RiskAccepted)

// RiskStates yields the RiskState values in canonical order.
func RiskStates() iter.Seq[RiskState] { return riskStateSet.All() }

// ParseRiskState parses a RiskState token; the error lists the valid ones.
func ParseRiskState(s string) (RiskState, error) { return riskStateSet.Parse(s) }

// IsValid reports whether v is a known RiskState.
func (v RiskState) IsValid() bool { return riskStateSet.Valid(v) }

// String returns the token.
func (v RiskState) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler; an invalid value is refused.
func (v RiskState) MarshalText() ([]byte, error) { return riskStateSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *RiskState) UnmarshalText(b []byte) error { return riskStateSet.Unmarshal(b, v) }

// RiskEvent moves a register entry's lifecycle.
type RiskEvent string

// The RiskEvent values. Never reorder.
const (
	RiskAssess        RiskEvent = "assess"         // rate likelihood and impact (Programme.AssessRisk)
	RiskPlanTreatment RiskEvent = "plan-treatment" // agree an action (Programme.PlanTreatment)
	RiskTreat         RiskEvent = "treat"          // record the action done; the note says what was done
	RiskMonitor       RiskEvent = "monitor"        // rate the residual risk after treatment (Programme.MonitorRisk)
	RiskAccept        RiskEvent = "accept"         // retain the entry as it is; the note gives the reason
	RiskClose         RiskEvent = "close"          // close the entry; the note gives the reason
)

var riskEventSet = enum.New("programme", "RiskEvent", RiskAssess, RiskPlanTreatment, RiskTreat, RiskMonitor, RiskAccept, RiskClose)

// RiskEvents yields the RiskEvent values in canonical order.
func RiskEvents() iter.Seq[RiskEvent] { return riskEventSet.All() }

// ParseRiskEvent parses a RiskEvent token; the error lists the valid ones.
func ParseRiskEvent(s string) (RiskEvent, error) { return riskEventSet.Parse(s) }

// IsValid reports whether v is a known RiskEvent.
func (v RiskEvent) IsValid() bool { return riskEventSet.Valid(v) }

// String returns the token.
func (v RiskEvent) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler; an invalid value is refused.
func (v RiskEvent) MarshalText() ([]byte, error) { return riskEventSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *RiskEvent) UnmarshalText(b []byte) error { return riskEventSet.Unmarshal(b, v) }
