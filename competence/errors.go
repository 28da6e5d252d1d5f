package competence

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// Sentinels. ErrInvalid, ErrNotFound and ErrTransition are the values every
// ismsaudit package shares, so errors.Is works across packages.
var (
	// ErrInvalid reports input that breaks a shape or domain rule.
	ErrInvalid = errs.ErrInvalid
	// ErrNotFound reports a well-formed reference to something unknown,
	// such as a criteria set id no scheme defines.
	ErrNotFound = errs.ErrNotFound
	// ErrTransition reports an evaluation lifecycle event that was refused.
	ErrTransition = errs.ErrTransition
	// ErrNoTeam reports that no team meets an audit's needs; the error is
	// a *NoTeamError that says which needs cannot be met and why.
	ErrNoTeam = errors.New("competence: no team meets the needs")
)

// ValidationError lists every problem found in one input, each with the
// Go-field path of the field ("Training[2].Hours"), the rule it breaks
// and the offending value. It unwraps to ErrInvalid (or ErrNotFound when
// every problem is an unknown reference).
type ValidationError = errs.ValidationError

// FieldError is one problem of a ValidationError.
type FieldError = errs.FieldError

// ParseError reports text that is not a value of an enumeration; it lists
// the valid values. It unwraps to ErrInvalid.
type ParseError = errs.ParseError

// NotFoundError reports an identifier that names nothing known, such as a
// criteria set a scheme lacks. It unwraps to ErrNotFound.
type NotFoundError = errs.NotFoundError

// TransitionError reports a refused evaluation lifecycle event: the
// machine, the state, the event, the reason and, for a guard, the id of
// the rule that refused (see [Rules]). It unwraps to ErrTransition.
type TransitionError = fsm.TransitionError

// NoTeamError reports that [Pool.SelectTeam] found no team. Unmet lists
// every need that cannot be met, each with the reason and, where people
// could have met it, who they are and why they cannot serve. It unwraps
// to ErrNoTeam.
type NoTeamError struct {
	// Method is the selection method that ran, when the needs were
	// feasible need by need but no team fits the size bounds.
	Method SelectionMethod `json:"method,omitempty"`
	// Unmet lists the needs that cannot be met, in the order of the
	// input needs, then the leader, then the team size.
	Unmet []UnmetNeed `json:"unmet"`
}

// UnmetNeed is one need no team can meet.
type UnmetNeed struct {
	// Need is the need: one of the input needs, or a need of kind
	// NeedLeader or NeedTeamSize.
	Need Need `json:"need"`
	// Reason says why it cannot be met.
	Reason Shortfall `json:"reason"`
	// Rule is the id of the process rule the need comes from.
	Rule string `json:"rule"`
	// Detail explains the shortfall in a few words.
	Detail string `json:"detail,omitempty"`
	// Blocked lists the people of the pool who could have met the need
	// and why each cannot serve on this audit, ordered by auditor id.
	Blocked []Blocked `json:"blocked,omitempty"`
}

// Blocked names one person who could meet a need but cannot serve.
type Blocked struct {
	// Auditor is the person.
	Auditor AuditorID `json:"auditor"`
	// Reason is why they cannot serve.
	Reason BlockReason `json:"reason"`
	// Detail explains, e.g. the conflict or the competence obstacle.
	Detail string `json:"detail,omitempty"`
}

// Error lists every unmet need.
func (e *NoTeamError) Error() string {
	var b strings.Builder
	b.WriteString("competence: no team meets the needs")
	for i, u := range e.Unmet {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %s (%s)", u.Need, u.Reason, u.Rule)
		if u.Detail != "" {
			b.WriteString(": ")
			b.WriteString(u.Detail)
		}
	}
	return b.String()
}

// Unwrap returns ErrNoTeam.
func (e *NoTeamError) Unwrap() error { return ErrNoTeam }

// Has reports whether the error lists a need of the given kind with the
// given reason.
func (e *NoTeamError) Has(kind NeedKind, reason Shortfall) bool {
	for _, u := range e.Unmet {
		if u.Need.Kind == kind && u.Reason == reason {
			return true
		}
	}
	return false
}

// newCollector starts collecting problems for subject.
func newCollector(subject string) *errs.Collector { return errs.NewCollector("competence", subject) }
