package competence

// Role is the part a person plays in an audit (ISO 19011:2018 3.14 to 3.16
// and 5.5.4). It is recorded in an auditor's audit log and given to each
// member of a selected [Team].
//
//ismsaudit:enum Roles
type Role string

// The roles. Never reorder.
const (
	// RoleTrainee is an auditor in training, auditing under the direction and
	// guidance of another auditor (19011:7.2.4).
	RoleTrainee Role = "trainee"
	// RoleAuditor is a member of the audit team conducting the audit
	// (19011:3.15).
	RoleAuditor Role = "auditor"
	// RoleTeamLeader is the auditor appointed to lead the team (19011:5.5.5).
	RoleTeamLeader Role = "team-leader"
	// RoleTechnicalExpert provides specific knowledge or expertise to the team
	// but does not act as an auditor (19011:3.16).
	RoleTechnicalExpert Role = "technical-expert"
	// RoleObserver accompanies the team without auditing (19011:3.17, 6.4.2).
	RoleObserver Role = "observer"
	// RoleGuide is appointed by the auditee to assist the team; a guide
	// takes part in an audit but is never a member of a selected team
	// (19011:3.18, 6.4.2).
	RoleGuide Role = "guide"
)

// Audits reports whether the role conducts audit work and so counts as
// audit experience by default: trainee, auditor and team leader.
func (r Role) Audits() bool { return r == RoleTrainee || r == RoleAuditor || r == RoleTeamLeader }
