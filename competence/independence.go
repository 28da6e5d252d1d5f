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

// Involvement is a responsibility, piece of work, consultancy or
// employment that may impair independence (19011:4 e, 27001:9.2.2). It
// concerns an auditee and, optionally, some of its units, processes and
// controls; an empty list means the whole auditee along that dimension.
type Involvement struct {
	// Kind says how the person was involved.
	Kind InvolvementKind `json:"kind" validate:"enum"`
	// Auditee is the organisation, as the audit scope names it.
	Auditee string `json:"auditee" validate:"required"`
	// Units are organisational units concerned.
	Units []string `json:"units,omitempty" validate:"dive,required"`
	// Processes are processes concerned.
	Processes []string `json:"processes,omitempty" validate:"dive,required"`
	// Controls are controls concerned, as text ids such as "8.8"; an
	// "A." prefix is ignored when comparing.
	Controls []string `json:"controls,omitempty" validate:"dive,required"`
	// From is when it began; zero when unknown (treated as always).
	From time.Time `json:"from,omitzero"`
	// To is when it ended; zero while it continues.
	To time.Time `json:"to,omitzero"`
	// Note describes it.
	Note string `json:"note,omitempty"`
}

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

// The rules of independence (ISO 19011:2018 4 e, ISO/IEC 27001:2022
// 9.2.2). Never change an id: hosts store them.
const (
	RuleIndependentResponsible ismsaudit.RuleID = "CMP-INDEPENDENT-RESPONSIBLE"
	RuleIndependentOwnWork     ismsaudit.RuleID = "CMP-INDEPENDENT-OWN-WORK"
	RuleIndependentConsulted   ismsaudit.RuleID = "CMP-INDEPENDENT-CONSULTED"
	RuleIndependentEmployed    ismsaudit.RuleID = "CMP-INDEPENDENT-EMPLOYED"
)

// independenceRules is the part of the catalogue ([Rules]) on
// independence.
var independenceRules = []ismsaudit.Rule{
	{ID: RuleIndependentResponsible, Clause: "19011:4 e", Principle: ismsaudit.PrincipleIndependence,
		Text: "auditors do not audit what they are responsible for, or were within the cooling-off period", Basis: "project default: the cooling-off period is the host's, 24 months unless set"},
	{ID: RuleIndependentOwnWork, Clause: "27001:9.2.2", Principle: ismsaudit.PrincipleIndependence,
		Text: "auditors do not audit their own work, or work done within the cooling-off period", Basis: "project default: the cooling-off period is the host's, 24 months unless set"},
	{ID: RuleIndependentConsulted, Clause: "19011:4 e", Principle: ismsaudit.PrincipleIndependence,
		Text: "auditors do not audit what they consulted on within the cooling-off period", Basis: "project default: the cooling-off period is the host's, 24 months unless set"},
	{ID: RuleIndependentEmployed, Clause: "19011:4 e", Principle: ismsaudit.PrincipleIndependence,
		Text: "external auditors do not audit an auditee that employs them or did within the cooling-off period", Basis: "project default: the cooling-off period is the host's, 24 months unless set"},
}
