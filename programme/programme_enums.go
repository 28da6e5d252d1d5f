package programme

// Code in this file follows one pattern per enumeration: the type, its
// constants in canonical order (append only: never reorder), the ordered
// set behind validity and parsing, and the text methods.

import (
	"iter"

	"github.com/ismsaudit/ismsaudit/internal/enum"
)

// State is a state of the programme lifecycle (ISO 19011:2018 5.4-5.7).
type State string

// The State values. Never reorder.
const (
	StateDraft        State = "draft"        // being established: objectives, extent, resources, risks (19011:5.2-5.4)
	StateApproved     State = "approved"     // approved for implementation (19011:5.4)
	StateImplementing State = "implementing" // audits being scheduled and conducted (19011:5.5)
	StateUnderReview  State = "under-review" // being reviewed for improvement (19011:5.7)
	StateImproved     State = "improved"     // superseded by a new version after review; kept as a record (19011:5.7)
	StateClosed       State = "closed"       // ended after a final review; kept as a record (19011:5.5.7)
)

var stateSet = enum.New("programme", "State", StateDraft, StateApproved, StateImplementing, StateUnderReview, StateImproved, StateClosed)

// States yields the State values in canonical order.
func States() iter.Seq[State] { return stateSet.All() }

// ParseState parses a State token; the error lists the valid ones.
func ParseState(s string) (State, error) { return stateSet.Parse(s) }

// IsValid reports whether v is a known State.
func (v State) IsValid() bool { return stateSet.Valid(v) }

// String returns the token.
func (v State) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler; an invalid value is refused.
func (v State) MarshalText() ([]byte, error) { return stateSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *State) UnmarshalText(b []byte) error { return stateSet.Unmarshal(b, v) }

// Event moves the programme lifecycle.
type Event string

// The Event values. Never reorder.
const (
	EventApprove   Event = "approve"   // draft -> approved
	EventImplement Event = "implement" // approved -> implementing
	EventReview    Event = "review"    // implementing -> under-review
	EventResume    Event = "resume"    // under-review -> implementing, when the review asks for no change
	EventImprove   Event = "improve"   // under-review -> improved, starting the next version (Programme.Improve)
	EventClose     Event = "close"     // under-review -> closed
)

var eventSet = enum.New("programme", "Event", EventApprove, EventImplement, EventReview, EventResume, EventImprove, EventClose)

// Events yields the Event values in canonical order.
func Events() iter.Seq[Event] { return eventSet.All() }

// ParseEvent parses an Event token; the error lists the valid ones.
func ParseEvent(s string) (Event, error) { return eventSet.Parse(s) }

// IsValid reports whether v is a known Event.
func (v Event) IsValid() bool { return eventSet.Valid(v) }

// String returns the token.
func (v Event) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler; an invalid value is refused.
func (v Event) MarshalText() ([]byte, error) { return eventSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *Event) UnmarshalText(b []byte) error { return eventSet.Unmarshal(b, v) }

// ManagerRole is one responsibility of the individuals managing the audit
// programme (ISO 19011:2018 5.4.1; the grouping into eight roles is this
// project's). Before approval each role is held by at least one manager.
type ManagerRole string

// The ManagerRole values. Never reorder.
const (
	ManageExtent        ManagerRole = "extent"         // establish the extent of the programme (19011:5.4.1, 5.4.3)
	ManageRisks         ManagerRole = "risks"          // determine and address the programme's risks and opportunities (19011:5.4.1, 5.3)
	ManageTeams         ManagerRole = "team-selection" // ensure audit teams are selected and competent (19011:5.4.1, 5.5.4)
	ManageProcesses     ManagerRole = "processes"      // establish the programme's processes: scheduling, objectives, methods, disputes, follow-up (19011:5.4.1)
	ManageResources     ManagerRole = "resources"      // determine and provide resources (19011:5.4.1, 5.4.4)
	ManageRecords       ManagerRole = "records"        // keep documented information and programme records (19011:5.4.1, 5.5.7)
	ManageMonitoring    ManagerRole = "monitoring"     // monitor, review and improve the programme (19011:5.4.1, 5.6, 5.7)
	ManageCommunication ManagerRole = "communication"  // communicate the programme to the audit client and interested parties (19011:5.4.1)
)

var managerRoleSet = enum.New("programme", "ManagerRole", ManageExtent, ManageRisks, ManageTeams, ManageProcesses, ManageResources, ManageRecords, ManageMonitoring, ManageCommunication)

// ManagerRoles yields the ManagerRole values in canonical order.
func ManagerRoles() iter.Seq[ManagerRole] { return managerRoleSet.All() }

// ParseManagerRole parses a ManagerRole token; the error lists the valid ones.
func ParseManagerRole(s string) (ManagerRole, error) { return managerRoleSet.Parse(s) }

// IsValid reports whether v is a known ManagerRole.
func (v ManagerRole) IsValid() bool { return managerRoleSet.Valid(v) }

// String returns the token.
func (v ManagerRole) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler; an invalid value is refused.
func (v ManagerRole) MarshalText() ([]byte, error) { return managerRoleSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *ManagerRole) UnmarshalText(b []byte) error { return managerRoleSet.Unmarshal(b, v) }

// Direction says which side of an objective's target value counts as
// meeting it (ISO 19011:2018 5.2: measurable objectives).
type Direction string

// The Direction values. Never reorder.
const (
	AtLeast Direction = "at-least" // met when the measured value is at least the target
	AtMost  Direction = "at-most"  // met when the measured value is at most the target
)

var directionSet = enum.New("programme", "Direction", AtLeast, AtMost)

// Directions yields the Direction values in canonical order.
func Directions() iter.Seq[Direction] { return directionSet.All() }

// ParseDirection parses a Direction token; the error lists the valid ones.
func ParseDirection(s string) (Direction, error) { return directionSet.Parse(s) }

// IsValid reports whether v is a known Direction.
func (v Direction) IsValid() bool { return directionSet.Valid(v) }

// String returns the token.
func (v Direction) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler; an invalid value is refused.
func (v Direction) MarshalText() ([]byte, error) { return directionSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *Direction) UnmarshalText(b []byte) error { return directionSet.Unmarshal(b, v) }
