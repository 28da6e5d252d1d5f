package audit

import (
	"slices"
	"strings"

	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// requireState refuses an operation (op, such as "collect-evidence") that
// the audit's current state does not allow, with a *TransitionError of
// reason ReasonWrongState citing rule. It returns nil when the state is one
// of allowed.
func (a *Audit) requireState(op, rule string, allowed ...State) error {
	if slices.Contains(allowed, a.State) {
		return nil
	}
	names := make([]string, len(allowed))
	for i, s := range allowed {
		names[i] = string(s)
	}
	return &fsm.TransitionError{
		Machine: "audit.audit", State: string(a.State), Event: op, Reason: fsm.ReasonWrongState,
		Rule: rule, Detail: "allowed only in " + strings.Join(names, ", "),
	}
}
