package competence

import (
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Team is a selected audit team (ISO 19011:2018 5.5.4, 5.5.5).
type Team struct {
	// Leader is the team leader, also listed first in Members.
	Leader AuditorID `json:"leader"`
	// Members lists the leader, then the other auditors, then technical
	// experts, each group by id.
	Members []Member `json:"members"`
	// Method says how the team was chosen.
	Method SelectionMethod `json:"method"`
	// LowerBound is a number of members no team meeting the needs can go
	// below. For an exact selection it equals the team's size; for a
	// heuristic one the gap to Size bounds how far from optimal it can be.
	LowerBound int `json:"lowerBound"`
	// Workload is the sum of the members' workload before this audit.
	Workload float64 `json:"workload"`
}

// Member is one member of a team.
type Member struct {
	// Auditor is the person.
	Auditor AuditorID `json:"auditor"`
	// Role is team-leader, auditor or technical-expert.
	Role Role `json:"role"`
	// Covers lists the audit's needs this member meets in this role.
	Covers []Need `json:"covers,omitempty"`
	// Workload is the person's workload before this audit.
	Workload float64 `json:"workload,omitempty"`
}

// Auditors returns the ids of the auditors, leader first.
func (t *Team) Auditors() []AuditorID {
	var out []AuditorID
	for _, m := range t.Members {
		if m.Role != RoleTechnicalExpert {
			out = append(out, m.Auditor)
		}
	}
	return out
}

// Experts returns the ids of the technical experts.
func (t *Team) Experts() []AuditorID {
	var out []AuditorID
	for _, m := range t.Members {
		if m.Role == RoleTechnicalExpert {
			out = append(out, m.Auditor)
		}
	}
	return out
}

// CheckTeam verifies a team against an audit's needs, whoever chose it:
// one leader, competent to lead on the date; every auditor competent;
// experts marked as such and only meeting knowledge, sector and technical
// area needs; every need met; no member conflicted, excluded, unavailable
// or listed twice; the number of auditors within the bounds. It reports
// every violation at once in a *ismsaudit.ValidationError whose rules are the
// CMP-TEAM-* rule ids (see [Rules]).
func (p *Pool) CheckTeam(team Team, needs TeamNeeds, opts *SelectOptions) error {
	r, err := p.resolve(&needs, opts)
	if err != nil {
		return err
	}
	c := newCollector("team")
	period := needs.period()
	auditors, leaders := 0, 0
	seen := map[AuditorID]int{}
	var covered needSet
	if len(team.Members) == 0 {
		c.Add("Members", RuleTeamLeader, "", "a team has at least its leader")
	}
	for i, m := range team.Members {
		path := errs.Index("Members", i)
		if j, dup := seen[m.Auditor]; dup {
			c.Add(path+".Auditor", RuleTeamAvailable, string(m.Auditor), "already on the team as Members["+itoa(j)+"]")
			continue
		}
		seen[m.Auditor] = i
		a, ok := p.Auditor(m.Auditor)
		if !ok {
			c.Add(path+".Auditor", ismsaudit.RuleUnknown, string(m.Auditor), "no one in the pool has this id")
			continue
		}
		switch {
		case r.excluded[a.ID]:
			c.Add(path+".Auditor", RuleTeamAvailable, string(a.ID), "excluded from this audit")
		case r.unavailable[a.ID] || !a.AvailableDuring(period):
			c.Add(path+".Auditor", RuleTeamAvailable, string(a.ID), "unavailable on the audit dates")
		}
		for _, cf := range a.Conflicts(needs.Scope, needs.At, r.independence) {
			c.Add(path+".Auditor", RuleTeamIndependent, string(a.ID), string(cf.Reason)+": "+cf.Detail)
		}
		switch m.Role {
		case RoleTeamLeader:
			leaders++
			auditors++
			if m.Auditor != team.Leader {
				c.Add(path+".Role", RuleTeamLeader, string(m.Role), "the team's Leader is "+quote(string(team.Leader)))
			}
			if st := p.scheme.standing(a, r.leaderSet, needs.At, len(p.scheme.Sets)); !st.Competent {
				c.Add(path+".Auditor", RuleTeamLeader, string(a.ID), "not competent as "+string(r.leaderSet.ID)+": "+obstacleKinds(st))
			}
			fallthrough
		case RoleAuditor:
			if m.Role == RoleAuditor {
				auditors++
			}
			if st := p.scheme.standing(a, r.auditorSet, needs.At, len(p.scheme.Sets)); !st.Competent {
				c.Add(path+".Auditor", RuleTeamCompetent, string(a.ID), "not competent as "+string(r.auditorSet.ID)+": "+obstacleKinds(st))
			}
			for k, n := range needs.Needs {
				if a.Covers(n) {
					covered.set(k)
				}
			}
		case RoleTechnicalExpert:
			if !a.Expert {
				c.Add(path+".Role", RuleTeamExperts, string(m.Role), "the record does not allow technical expert work")
			}
			if m.Auditor == team.Leader {
				c.Add(path+".Role", RuleTeamExperts, string(m.Role), "a technical expert cannot lead")
			}
			for k, n := range needs.Needs {
				if n.Kind.ExpertMayMeet() && a.Covers(n) {
					covered.set(k)
				}
			}
		default:
			c.Add(path+".Role", RuleTeamExperts, string(m.Role), "a member is team-leader, auditor or technical-expert")
		}
	}
	if leaders != 1 {
		c.Add("Leader", RuleTeamLeader, string(team.Leader), "the team has "+itoa(leaders)+" members in role team-leader, one is needed")
	}
	for i, n := range needs.Needs {
		if !covered.has(i) {
			c.Add(errs.Index("Needs", i), RuleTeamCovers, n.String(), "no member able to meet it")
		}
	}
	lo := max(needs.MinAuditors, 1)
	if auditors < lo || (needs.MaxAuditors > 0 && auditors > needs.MaxAuditors) {
		c.Add("Members", RuleTeamSize, itoa(auditors), "auditors must number "+itoa(lo)+" to "+maxText(needs.MaxAuditors))
	}
	return c.Err()
}

func maxText(n int) string {
	if n <= 0 {
		return "any number"
	}
	return itoa(n)
}

func obstacleKinds(st Standing) string {
	kinds := make([]string, len(st.Obstacles))
	for i, o := range st.Obstacles {
		kinds[i] = string(o.Kind)
	}
	return strings.Join(kinds, ", ")
}

// The rules of team composition (ISO 19011:2018 5.5.4, 5.5.5). Never change
// an id: hosts store them.
const (
	RuleTeamCovers      ismsaudit.RuleID = "CMP-TEAM-COVERS"
	RuleTeamLeader      ismsaudit.RuleID = "CMP-TEAM-LEADER"
	RuleTeamCompetent   ismsaudit.RuleID = "CMP-TEAM-COMPETENT"
	RuleTeamIndependent ismsaudit.RuleID = "CMP-TEAM-INDEPENDENT"
	RuleTeamAvailable   ismsaudit.RuleID = "CMP-TEAM-AVAILABLE"
	RuleTeamExperts     ismsaudit.RuleID = "CMP-TEAM-EXPERTS"
	RuleTeamSize        ismsaudit.RuleID = "CMP-TEAM-SIZE"
)

// teamRules is the part of the catalogue ([Rules]) on team composition.
var teamRules = []ismsaudit.Rule{
	{ID: RuleTeamCovers, Clause: "19011:5.5.4", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "the audit team together covers every competence need of the audit"},
	{ID: RuleTeamLeader, Clause: "19011:5.5.5", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "the team has one team leader, competent to lead on the audit date"},
	{ID: RuleTeamCompetent, Clause: "19011:5.5.4", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "every auditor of the team is competent on the audit date"},
	{ID: RuleTeamIndependent, Clause: "19011:5.5.4", Principle: ismsaudit.PrincipleIndependence,
		Text: "no member of the team has a conflict with the audit scope"},
	{ID: RuleTeamAvailable, Clause: "19011:5.5.4", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "every member is available, not excluded and on the team once"},
	{ID: RuleTeamExperts, Clause: "19011:5.5.4", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "technical experts give knowledge only: they never lead or count as auditors"},
	{ID: RuleTeamSize, Clause: "19011:5.5.4", Principle: ismsaudit.PrincipleRiskBased,
		Text: "the number of auditors stays within the size bounds", Basis: "project reading: the bounds are the host's"},
}
