package competence

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Sentinels. ismsaudit.ErrInvalid, ismsaudit.ErrNotFound and ismsaudit.ErrTransition are the values every
// ismsaudit package shares, so errors.Is works across packages.
var (
	// ErrNoTeam reports that no team meets an audit's needs; the error is
	// a *NoTeamError that says which needs cannot be met and why.
	ErrNoTeam = errors.New("competence: no team meets the needs")
)

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
	Rule ismsaudit.RuleID `json:"rule"`
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
