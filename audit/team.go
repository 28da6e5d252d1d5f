package audit

import (
	"fmt"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Member is one person taking part in the audit.
type Member struct {
	// Auditor is the person's id in the competence pool; required for team
	// leaders, auditors, trainees and technical experts, optional for
	// observers and guides (often auditee staff).
	Auditor competence.AuditorID `json:"auditor,omitempty"`
	// Name is the person's name.
	Name string `json:"name"`
	// Role is the person's part in the audit.
	Role competence.Role `json:"role"`
	// Organization is who the person works for, for guides and observers.
	Organization string `json:"organization,omitempty"`
}

// The rules of team.
const (
	RuleTeamLeader ismsaudit.RuleID = "AUD-TEAM-LEADER"
)

var teamRules = []ismsaudit.Rule{
	{ID: RuleTeamLeader, Clause: "19011:5.5.5", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "the team has exactly one team leader, and technical experts, observers and guides do not act as auditors"},
}

// SetTeam sets the people taking part in the audit and their roles (19011
// 5.5.4, 5.5.5, 6.4.2), replacing the previous list. Every member needs a
// name and a role; team leaders, auditors, trainees and technical experts
// need their id in the competence pool, and no id appears twice; guides
// and observers name the organization they come from; the team has
// exactly one team leader (AUD-TEAM-LEADER). The team is part of the plan:
// it may change from initiation until fieldwork ends (AUD-PLAN-WHEN), and
// only while there is no plan or the plan is a draft (AUD-PLAN-REAPPROVED:
// revise an approved plan first).
func (a *Audit) SetTeam(members []Member, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "set-team", m, &err)
	if err := a.requireState("set-team", RulePlanWhen, StateInitiation, StatePreparation, StateFieldwork); err != nil {
		return err
	}
	if a.Plan != nil && a.Plan.State != PlanDraft {
		return &ismsaudit.TransitionError{Machine: planMachine.Name(), State: string(a.Plan.State), Event: "set-team",
			Reason: ismsaudit.ReasonWrongState, Rule: RulePlanReapproved, Detail: "the team of an approved plan changes only after the plan is revised"}
	}
	ch := &checker{subject: "team"}
	ch.meta(m)
	checkTeam(ch, "Members", members)
	if err := ch.err(); err != nil {
		return err
	}
	a.Team = append([]Member(nil), members...)
	return nil
}

// auditsRole reports whether a member in role r audits: team leaders,
// auditors and trainees do; technical experts, observers and guides never
// act as auditors (19011 5.5.4, 6.4.2).
func auditsRole(r competence.Role) bool {
	return r == competence.RoleTeamLeader || r == competence.RoleAuditor || r == competence.RoleTrainee
}

// needsAuditorID reports whether a member in role r must be in the
// competence pool.
func needsAuditorID(r competence.Role) bool {
	return auditsRole(r) || r == competence.RoleTechnicalExpert
}

// checkTeam checks a team list: path prefix is "" for an operation's
// input or "Team" for a record.
func checkTeam(ch *checker, prefix string, members []Member) {
	seen := make(map[competence.AuditorID]int, len(members))
	leaders := 0
	for i := range members {
		mb := &members[i]
		path := errs.Index(prefix, i)
		ch.required(path+".Name", mb.Name, "the person's name")
		switch {
		case mb.Role == "":
			ch.shape(path+".Role", "required", "", "the person's role in the audit")
		case !mb.Role.IsValid():
			ch.shape(path+".Role", "enum", string(mb.Role), "not a team role")
		}
		if mb.Role == competence.RoleTeamLeader {
			leaders++
		}
		if needsAuditorID(mb.Role) && isBlank(string(mb.Auditor)) {
			ch.shape(path+".Auditor", "required", "", "a "+string(mb.Role)+" needs an id in the competence pool")
		}
		if (mb.Role == competence.RoleGuide || mb.Role == competence.RoleObserver) && isBlank(mb.Organization) {
			ch.shape(path+".Organization", "required", "", "a "+string(mb.Role)+" names the organization they come from")
		}
		if mb.Auditor != "" {
			if j, dup := seen[mb.Auditor]; dup {
				ch.shape(path+".Auditor", "unique", string(mb.Auditor), fmt.Sprintf("the same person as %s", errs.Index(prefix, j)))
			} else {
				seen[mb.Auditor] = i
			}
		}
	}
	if leaders != 1 {
		ch.rule(prefix, RuleTeamLeader, fmt.Sprint(leaders), "the team needs exactly one team leader")
	}
}

// teamLeader returns the team leader, if the team has exactly one.
func (a *Audit) teamLeader() (Member, bool) {
	var out Member
	n := 0
	for _, mb := range a.Team {
		if mb.Role == competence.RoleTeamLeader {
			out, n = mb, n+1
		}
	}
	return out, n == 1
}

// member returns the team member with the given auditor id.
func (a *Audit) member(id competence.AuditorID) (Member, bool) {
	if id == "" {
		return Member{}, false
	}
	for _, mb := range a.Team {
		if mb.Auditor == id {
			return mb, true
		}
	}
	return Member{}, false
}

// hasGuidesOrObservers reports whether the team has guides or observers,
// whose roles the opening meeting must explain (19011 6.4.2).
func (a *Audit) hasGuidesOrObservers() bool {
	for _, mb := range a.Team {
		if mb.Role == competence.RoleGuide || mb.Role == competence.RoleObserver {
			return true
		}
	}
	return false
}

// auditsOnTeam reports whether by is the competence id of a team leader
// or auditor of the audit team.
func auditsOnTeam(a *Audit, by string) bool {
	if isBlank(by) {
		return false
	}
	for _, m := range a.Team {
		if string(m.Auditor) == by && (m.Role == competence.RoleTeamLeader || m.Role == competence.RoleAuditor) {
			return true
		}
	}
	return false
}

// verifyTeam checks the team: its members and, once a plan is approved,
// its team leader (AUD-TEAM-LEADER).
func (v *verifier) verifyTeam() {
	a := v.a
	if len(a.Team) > 0 {
		checkTeam(v.ch, "Team", a.Team)
	} else if a.Plan != nil && len(a.Plan.Versions) > 0 {
		v.violate("Team", RuleTeamLeader, "", "an approved plan needs a team with one team leader")
	}
}
