package audit

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// requireState refuses an operation (op, such as "collect-evidence") that
// the audit's current state does not allow, with a *ismsaudit.TransitionError of
// reason ismsaudit.ReasonWrongState citing rule. It returns nil when the state is one
// of allowed.
func (a *Audit) requireState(op string, rule ismsaudit.RuleID, allowed ...State) error {
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

// isBlank reports whether s holds nothing but white space, as
// strings.TrimSpace(s) == "" does, but stops at the first byte that is
// not ASCII white space: a value that starts with text costs one read.
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
		case c < utf8.RuneSelf:
			return false
		default:
			return strings.TrimSpace(s[i:]) == ""
		}
	}
	return true
}

// refValid reports, without allocating, whether r is a valid criterion
// reference (what annexa.Ref.Validate accepts).
func refValid(r annexa.Ref) bool {
	switch r.Kind {
	case annexa.ClauseRef:
		return annexa.ClauseID(r.ID).IsValid()
	case annexa.ControlRef:
		return annexa.ControlID(r.ID).IsValid()
	case annexa.DocumentRef:
		return !isBlank(r.ID)
	}
	return false
}
