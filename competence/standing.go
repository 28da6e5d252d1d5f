package competence

import (
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
)

// Standing says whether an auditor is competent for a criteria set at a
// date, and if not, every obstacle (ISO 19011:2018 7.5, 7.6). It is
// computed from the record as it stood at the date: history entries and
// decisions dated later are ignored.
//
// An auditor is competent when all hold: the current evaluation's latest
// decision at the date is competent and stands (state competent, or
// in-progress for a re-evaluation that has not yet decided); re-evaluation
// is not yet due; maintenance is current (CPD hours and audit activity in
// the period, checked once a full period has passed since the first
// competent decision); every qualification the set requires is valid; and
// the standing against the set this one requires (team leader on auditor)
// is competent too.
type Standing struct {
	// Auditor is the person.
	Auditor AuditorID `json:"auditor"`
	// Criteria is the criteria set.
	Criteria CriteriaSetID `json:"criteria"`
	// At is the date asked about.
	At time.Time `json:"at"`
	// State is the evaluation's state at the date; empty without one.
	State EvaluationState `json:"state,omitempty"`
	// Competent says there is no obstacle.
	Competent bool `json:"competent"`
	// DueAt is when re-evaluation falls due, if a competent decision set it.
	DueAt time.Time `json:"dueAt,omitzero"`
	// Maintenance gives the figures of the maintenance period, when checked.
	Maintenance *Currency `json:"maintenance,omitempty"`
	// Obstacles lists what keeps the auditor from being competent.
	Obstacles []Obstacle `json:"obstacles,omitempty"`
}

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

// Obstacle is one thing that keeps an auditor from being competent for a
// criteria set at a date.
type Obstacle struct {
	// Kind names the obstacle.
	Kind ObstacleKind `json:"kind"`
	// Rule is the id of the rule behind it.
	Rule ismsaudit.RuleID `json:"rule"`
	// Detail explains it.
	Detail string `json:"detail,omitempty"`
}

// Has reports whether the standing lists an obstacle of kind k.
func (s *Standing) Has(k ObstacleKind) bool {
	for _, o := range s.Obstacles {
		if o.Kind == k {
			return true
		}
	}
	return false
}

// Currency is the outcome of a maintenance check (19011:7.6): the figures
// of the period ending at the date and whether they meet the set's
// Maintenance.
type Currency struct {
	// From and To bound the period (From exclusive of earlier days, To the
	// date asked about).
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// CPDHours, Audits and AuditDays are the figures of the period.
	CPDHours  float64 `json:"cpdHours"`
	Audits    int     `json:"audits"`
	AuditDays float64 `json:"auditDays"`
	// Current says the figures meet the maintenance requirements.
	Current bool `json:"current"`
	// Lapses lists the requirements not met (cpd-lapsed, activity-lapsed).
	Lapses []Obstacle `json:"lapses,omitempty"`
}

// Check measures the period of m ending at at for auditor a: CPD hours,
// and audits and audit days in the counted roles. It reports the figures
// and whether they meet m. A zero PeriodMonths is always current.
func (m *Maintenance) Check(a *Auditor, at time.Time) Currency {
	cur := Currency{To: at, Current: true}
	if m.PeriodMonths <= 0 {
		return cur
	}
	cur.From = at.AddDate(0, -m.PeriodMonths, 0)
	for i := range a.CPD {
		r := &a.CPD[i]
		if r.Date.After(cur.From) && !r.Date.After(at) {
			cur.CPDHours += r.Hours
		}
	}
	for i := range a.Audits {
		e := &a.Audits[i]
		if e.Date.After(cur.From) && !e.Date.After(at) && roleCounts(e.Role, m.Roles) {
			cur.Audits++
			cur.AuditDays += e.Days
		}
	}
	period := " in the " + itoa(m.PeriodMonths) + " months to " + day(at)
	if cur.CPDHours < m.CPDHours {
		cur.Lapses = append(cur.Lapses, Obstacle{Kind: CPDLapsed, Rule: RuleMaintainCPD,
			Detail: num(cur.CPDHours) + " CPD hours" + period + ", required " + num(m.CPDHours)})
	}
	if cur.Audits < m.Audits || cur.AuditDays < m.AuditDays {
		cur.Lapses = append(cur.Lapses, Obstacle{Kind: ActivityLapsed, Rule: RuleMaintainActivity,
			Detail: itoa(cur.Audits) + " audits and " + num(cur.AuditDays) + " audit days" + period +
				", required " + itoa(m.Audits) + " and " + num(m.AuditDays)})
	}
	cur.Current = len(cur.Lapses) == 0
	return cur
}

// Standing returns auditor a's standing against the set with the given id
// at date at, resolving the set it requires through the scheme. An id the
// scheme lacks gives a *ismsaudit.NotFoundError. In a scheme that does
// not validate, a required set the scheme lacks, or a chain of Requires
// that forms a cycle, is a prerequisite-unmet obstacle.
func (s *Scheme) Standing(a *Auditor, set CriteriaSetID, at time.Time) (Standing, error) {
	cs, ok := s.Set(set)
	if !ok {
		return Standing{}, &ismsaudit.NotFoundError{Pkg: "competence", Type: "criteria set", ID: string(set)}
	}
	return s.standing(a, cs, at, len(s.Sets)), nil
}

// standing computes the standing; depth bounds the Requires chain so an
// unvalidated scheme with a cycle cannot loop.
func (s *Scheme) standing(a *Auditor, cs *CriteriaSet, at time.Time, depth int) Standing {
	st := ownStanding(a, cs, at)
	if cs.Requires != "" {
		req, ok := s.Set(cs.Requires)
		switch {
		case !ok:
			st.Obstacles = append(st.Obstacles, Obstacle{Kind: PrerequisiteUnmet, Rule: RuleLeaderLayer,
				Detail: "required set " + quote(string(cs.Requires)) + " is not in the scheme"})
		case depth <= 0:
			st.Obstacles = append(st.Obstacles, Obstacle{Kind: PrerequisiteUnmet, Rule: RuleLeaderLayer,
				Detail: "required set " + quote(string(cs.Requires)) + " leads back into a cycle of requirements"})
		default:
			if pre := s.standing(a, req, at, depth-1); !pre.Competent {
				st.Obstacles = append(st.Obstacles, prerequisiteObstacle(pre))
			}
		}
	}
	st.Competent = len(st.Obstacles) == 0
	return st
}

// prerequisiteObstacle summarises a failed prerequisite standing.
func prerequisiteObstacle(pre Standing) Obstacle {
	kinds := make([]string, len(pre.Obstacles))
	for i, o := range pre.Obstacles {
		kinds[i] = string(o.Kind)
	}
	return Obstacle{Kind: PrerequisiteUnmet, Rule: RuleLeaderLayer,
		Detail: "not competent as " + quote(string(pre.Criteria)) + ": " + strings.Join(kinds, ", ")}
}

// ownStanding computes the standing against cs alone, without its
// prerequisite.
func ownStanding(a *Auditor, cs *CriteriaSet, at time.Time) Standing {
	st := Standing{Auditor: a.ID, Criteria: cs.ID, At: at}
	add := func(k ObstacleKind, rule ismsaudit.RuleID, detail string) {
		st.Obstacles = append(st.Obstacles, Obstacle{Kind: k, Rule: rule, Detail: detail})
	}
	ev := a.Evaluation(cs.ID)
	if ev == nil {
		add(NotEvaluated, RuleStandingDecided, "no evaluation against "+quote(string(cs.ID)))
		return st
	}
	// Rebuild the state and the latest decision as they stood at the date.
	state, reason, from := Planned, "", EvaluationState("")
	var last *Decision
	var firstCompetent time.Time
	decisions := 0
	for _, h := range ev.History {
		if h.At.After(at) {
			break
		}
		state, reason, from = h.To, h.Reason, h.From
		if h.Event == DecideCompetent || h.Event == DecideNotYetCompetent {
			if decisions < len(ev.Decisions) {
				last = &ev.Decisions[decisions]
				if h.Event == DecideCompetent && firstCompetent.IsZero() {
					firstCompetent = h.At
				}
			}
			decisions++
		}
	}
	st.State = state
	standsOnDecision := false
	switch state {
	case Competent:
		standsOnDecision = last != nil
		if last == nil {
			add(NotDecided, RuleStandingDecided, "no competent decision recorded")
		}
	case Planned, InProgress:
		if state == InProgress && from == Competent && last != nil && last.Assessment.Competent {
			standsOnDecision = true // re-evaluation of a competent auditor under way: the decision stands
		} else {
			add(NotDecided, RuleStandingDecided, "evaluation "+quote(string(ev.ID))+" is "+string(state)+" without a standing competent decision")
		}
	case NotYetCompetent:
		add(FoundNotYetCompetent, RuleEvalAllMet, unmetSummary(last))
	case Suspended:
		add(CompetenceSuspended, RuleSuspendReason, reason)
	case Withdrawn:
		add(CompetenceWithdrawn, RuleWithdrawReason, reason)
	default:
		add(NotDecided, RuleStandingDecided, "evaluation state "+quote(string(state))+" is not valid")
	}
	if standsOnDecision && last.Assessment.Competent {
		st.DueAt = last.Assessment.DueAt
		if !st.DueAt.IsZero() && !at.Before(st.DueAt) {
			add(ReEvaluationDue, RuleStandingReevaluation, "re-evaluation fell due on "+day(st.DueAt))
		}
	}
	if !firstCompetent.IsZero() && cs.Maintenance.PeriodMonths > 0 &&
		!firstCompetent.After(at.AddDate(0, -cs.Maintenance.PeriodMonths, 0)) {
		cur := cs.Maintenance.Check(a, at)
		st.Maintenance = &cur
		st.Obstacles = append(st.Obstacles, cur.Lapses...)
	}
	for i := range cs.Criteria {
		cr := &cs.Criteria[i]
		if cr.Kind != QualificationHeld {
			continue
		}
		if why, ok := recordCheck(nil, a, cr, at); !ok {
			add(QualificationInvalid, RuleQualificationValid, string(why))
		}
	}
	return st
}

// unmetSummary names the unmet criteria of a decision.
func unmetSummary(d *Decision) string {
	if d == nil {
		return ""
	}
	u := d.Assessment.Unmet()
	ids := make([]string, len(u))
	for i, r := range u {
		ids[i] = string(r.Criterion)
	}
	return "unmet: " + strings.Join(ids, ", ")
}

// The rules of standing and maintenance (ISO 19011:2018 7.2.4, 7.2.5, 7.5,
// 7.6). Never change an id: hosts store them.
const (
	RuleStandingDecided      ismsaudit.RuleID = "CMP-STANDING-DECIDED"
	RuleStandingReevaluation ismsaudit.RuleID = "CMP-STANDING-REEVALUATION"
	RuleMaintainCPD          ismsaudit.RuleID = "CMP-MAINTAIN-CPD"
	RuleMaintainActivity     ismsaudit.RuleID = "CMP-MAINTAIN-ACTIVITY"
	RuleQualificationValid   ismsaudit.RuleID = "CMP-QUALIFICATION-VALID"
	RuleLeaderLayer          ismsaudit.RuleID = "CMP-LEADER-LAYER"
)

// standingRules is the part of the catalogue ([Rules]) on standing and
// maintenance.
var standingRules = []ismsaudit.Rule{
	{ID: RuleStandingDecided, Clause: "19011:7.5", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "an auditor is competent for a criteria set only after a competent decision that still stands"},
	{ID: RuleStandingReevaluation, Clause: "19011:7.6", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "competence lapses when its re-evaluation date passes without a new decision", Basis: "project reading"},
	{ID: RuleMaintainCPD, Clause: "19011:7.6", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "competence is maintained by continual professional development hours in each period", Basis: "project default: the hours are the criteria set's"},
	{ID: RuleMaintainActivity, Clause: "19011:7.6", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "competence is maintained by regular audit activity in each period", Basis: "project default: the figures are the criteria set's"},
	{ID: RuleQualificationValid, Clause: "19011:7.2.4", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "a qualification a criteria set requires is held and valid on the date"},
	{ID: RuleLeaderLayer, Clause: "19011:7.2.5", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "team leader competence builds on auditor competence, which must stand too"},
}
