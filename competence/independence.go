package competence

import (
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// DefaultCoolingOffMonths is the cooling-off period used when no
// IndependenceOptions are given: 24 months. It is this project's default,
// chosen to match the two-year period certification bodies commonly apply
// after consultancy under ISO/IEC 17021-1 impartiality requirements;
// ISO 19011 and ISO/IEC 27007 fix no period.
const DefaultCoolingOffMonths = 24

// Scope is what an audit covers, for checking independence (19011:4 e,
// 5.5.2): the auditee and, optionally, units, processes and controls. An
// empty list means all of the auditee along that dimension. Controls are
// text ids such as "8.8"; an "A." prefix is ignored when comparing.
type Scope struct {
	// Auditee is the audited organisation.
	Auditee string `json:"auditee" validate:"required"`
	// Units are the organisational units in scope.
	Units []string `json:"units,omitempty" validate:"unique,dive,required"`
	// Processes are the processes in scope.
	Processes []string `json:"processes,omitempty" validate:"unique,dive,required"`
	// Controls are the controls in scope.
	Controls []string `json:"controls,omitempty" validate:"unique,dive,required"`
	// Internal marks a first-party (internal) audit, where employment by
	// the auditee is expected and is no conflict.
	Internal bool `json:"internal,omitempty"`
}

// Validate checks the scope's shape and reports every problem at once in
// a *ismsaudit.ValidationError.
func (s *Scope) Validate() error {
	c := newCollector("scope")
	validate.Struct(c, "", s)
	return c.Err()
}

// IndependenceOptions configures the independence check.
type IndependenceOptions struct {
	// CoolingOffMonths is how long past work, consultancy, responsibility
	// or employment still conflicts after it ended; 0 means only ongoing
	// involvements conflict.
	CoolingOffMonths int `json:"coolingOffMonths" validate:"gte=0,lte=1200"`
}

// Conflict is one reason an auditor is not independent of an audit scope
// (19011:4 e; 27001:9.2.2).
type Conflict struct {
	// Auditor is the person.
	Auditor AuditorID `json:"auditor"`
	// Reason names the conflict.
	Reason ConflictReason `json:"reason"`
	// Rule is the id of the rule it breaks.
	Rule ismsaudit.RuleID `json:"rule"`
	// Involvement is the index of the involvement in the auditor's record.
	Involvement int `json:"involvement"`
	// Detail explains what overlaps and when.
	Detail string `json:"detail"`
}

// Conflicts checks auditor a's independence of scope at date at (the
// audit date) and returns every conflict, in involvement order; none means
// independent. An involvement conflicts when it concerns the scope's
// auditee, overlaps the scope along every dimension it names (units,
// processes, controls; an empty list on either side overlaps everything),
// began on or before at, and is ongoing at at or ended less than the
// cooling-off period before it. Employment conflicts only for an external
// audit. A nil opts means the default cooling-off period
// ([DefaultCoolingOffMonths]).
func (a *Auditor) Conflicts(scope Scope, at time.Time, opts *IndependenceOptions) []Conflict {
	months := DefaultCoolingOffMonths
	if opts != nil {
		months = opts.CoolingOffMonths
	}
	var out []Conflict
	for i := range a.Involvements {
		if c, ok := conflictOf(&a.Involvements[i], scope, at, months); ok {
			c.Auditor, c.Involvement = a.ID, i
			out = append(out, c)
		}
	}
	return out
}

// Independent reports whether a has no conflict with scope at at.
func (a *Auditor) Independent(scope Scope, at time.Time, opts *IndependenceOptions) bool {
	months := DefaultCoolingOffMonths
	if opts != nil {
		months = opts.CoolingOffMonths
	}
	for i := range a.Involvements {
		if _, ok := conflictOf(&a.Involvements[i], scope, at, months); ok {
			return false
		}
	}
	return true
}

func conflictOf(v *Involvement, scope Scope, at time.Time, coolingOff int) (Conflict, bool) {
	if v.Auditee != scope.Auditee || v.Auditee == "" {
		return Conflict{}, false
	}
	if !v.From.IsZero() && v.From.After(at) {
		return Conflict{}, false
	}
	ongoing := v.To.IsZero() || !v.To.Before(at)
	if !ongoing && !at.Before(v.To.AddDate(0, coolingOff, 0)) {
		return Conflict{}, false
	}
	units, ok1 := overlap(v.Units, scope.Units, plain)
	procs, ok2 := overlap(v.Processes, scope.Processes, plain)
	ctrls, ok3 := overlap(v.Controls, scope.Controls, controlKey)
	if !ok1 || !ok2 || !ok3 {
		return Conflict{}, false
	}
	var reason ConflictReason
	switch v.Kind {
	case Responsible:
		reason = ResponsibleFor
	case Implemented:
		reason = OwnWork
	case Consulted:
		reason = ConsultedFor
	case Employed:
		if scope.Internal {
			return Conflict{}, false
		}
		reason = EmployedBy
	default:
		return Conflict{}, false
	}
	var b strings.Builder
	b.WriteString(string(v.Kind) + " for " + quote(v.Auditee))
	for _, part := range []struct{ name, list string }{{"units", units}, {"processes", procs}, {"controls", ctrls}} {
		if part.list != "" {
			b.WriteString(" " + part.name + " " + part.list)
		}
	}
	if ongoing {
		b.WriteString(", ongoing on " + day(at))
	} else {
		b.WriteString(", ended " + day(v.To) + ", within the " + itoa(coolingOff) + "-month cooling-off period")
	}
	return Conflict{Reason: reason, Rule: reason.Rule(), Detail: b.String()}, true
}

// overlap reports whether an involvement's list overlaps the scope's
// (empty on either side overlaps everything) and names the shared items.
func overlap(inv, scope []string, key func(string) string) (string, bool) {
	switch {
	case len(inv) == 0:
		return "", true
	case len(scope) == 0:
		return strings.Join(inv, ", "), true
	}
	var shared []string
	for _, x := range inv {
		for _, y := range scope {
			if key(x) == key(y) {
				shared = append(shared, x)
				break
			}
		}
	}
	return strings.Join(shared, ", "), len(shared) > 0
}

func plain(s string) string { return s }

// controlKey drops surrounding space and an "A." prefix: "A.8.8" and
// "8.8" name the same control.
func controlKey(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 2 && (s[0] == 'A' || s[0] == 'a') && s[1] == '.' {
		s = s[2:]
	}
	return s
}
