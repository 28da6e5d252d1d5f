package competence

import (
	"iter"
	"slices"

	"github.com/ismsaudit/ismsaudit"
)

// Rule is one process rule the package enforces: a stable id, the clause
// it comes from ("19011:7.4") and a one-line statement in this project's
// words. Guards of the evaluation lifecycle, validation problems,
// standing obstacles, conflicts and unmet team needs cite rules by id.
type Rule struct {
	ID     ismsaudit.RuleID `json:"id"`
	Clause string           `json:"clause"`
	Text   string           `json:"text"`
}

// Rule ids. Never change one: hosts store them.
const (
	RuleEvalDecisionGiven      ismsaudit.RuleID = "CMP-EVAL-DECISION-GIVEN"
	RuleEvalSameSubject        ismsaudit.RuleID = "CMP-EVAL-SAME-SUBJECT"
	RuleEvalTwoMethods         ismsaudit.RuleID = "CMP-EVAL-TWO-METHODS"
	RuleEvalRecordInProgress   ismsaudit.RuleID = "CMP-EVAL-RECORD-IN-PROGRESS"
	RuleEvalInformed           ismsaudit.RuleID = "CMP-EVAL-INFORMED"
	RuleEvalExplained          ismsaudit.RuleID = "CMP-EVAL-EXPLAINED"
	RuleEvalAllMet             ismsaudit.RuleID = "CMP-EVAL-ALL-MET"
	RuleEvalUnmetListed        ismsaudit.RuleID = "CMP-EVAL-UNMET-LISTED"
	RuleEvalDevelopmentActions ismsaudit.RuleID = "CMP-EVAL-DEVELOPMENT-ACTIONS"
	RuleEvalDueDate            ismsaudit.RuleID = "CMP-EVAL-DUE-DATE"
	RuleEvalOneOpen            ismsaudit.RuleID = "CMP-EVAL-ONE-OPEN"
	RuleSuspendReason          ismsaudit.RuleID = "CMP-SUSPEND-REASON"
	RuleReinstateReason        ismsaudit.RuleID = "CMP-REINSTATE-REASON"
	RuleReinstateNotDue        ismsaudit.RuleID = "CMP-REINSTATE-NOT-DUE"
	RuleWithdrawReason         ismsaudit.RuleID = "CMP-WITHDRAW-REASON"
	RuleStandingDecided        ismsaudit.RuleID = "CMP-STANDING-DECIDED"
	RuleStandingReevaluation   ismsaudit.RuleID = "CMP-STANDING-REEVALUATION"
	RuleMaintainCPD            ismsaudit.RuleID = "CMP-MAINTAIN-CPD"
	RuleMaintainActivity       ismsaudit.RuleID = "CMP-MAINTAIN-ACTIVITY"
	RuleQualificationValid     ismsaudit.RuleID = "CMP-QUALIFICATION-VALID"
	RuleLeaderLayer            ismsaudit.RuleID = "CMP-LEADER-LAYER"

	RuleIndependentResponsible ismsaudit.RuleID = "CMP-INDEPENDENT-RESPONSIBLE"
	RuleIndependentOwnWork     ismsaudit.RuleID = "CMP-INDEPENDENT-OWN-WORK"
	RuleIndependentConsulted   ismsaudit.RuleID = "CMP-INDEPENDENT-CONSULTED"
	RuleIndependentEmployed    ismsaudit.RuleID = "CMP-INDEPENDENT-EMPLOYED"

	RuleTeamCovers      ismsaudit.RuleID = "CMP-TEAM-COVERS"
	RuleTeamLeader      ismsaudit.RuleID = "CMP-TEAM-LEADER"
	RuleTeamCompetent   ismsaudit.RuleID = "CMP-TEAM-COMPETENT"
	RuleTeamIndependent ismsaudit.RuleID = "CMP-TEAM-INDEPENDENT"
	RuleTeamAvailable   ismsaudit.RuleID = "CMP-TEAM-AVAILABLE"
	RuleTeamExperts     ismsaudit.RuleID = "CMP-TEAM-EXPERTS"
	RuleTeamSize        ismsaudit.RuleID = "CMP-TEAM-SIZE"
)

// rules is the catalogue, in the order Rules yields it.
var rules = []Rule{
	{RuleEvalDecisionGiven, "19011:7.5", "a competence decision is recorded with the event that makes it"},
	{RuleEvalSameSubject, "19011:7.5", "a decision concerns the evaluation's own auditor and criteria set"},
	{RuleEvalTwoMethods, "19011:7.4", "a decision rests on results of two or more evaluation methods in the current round"},
	{RuleEvalRecordInProgress, "19011:7.5", "method results are recorded while the evaluation is in progress, in the current round"},
	{RuleEvalInformed, "19011:7.4", "every criterion is informed by at least one evaluation method suited to it"},
	{RuleEvalExplained, "19011:7.5", "a decision gives one result per criterion, each saying why it is met or not met"},
	{RuleEvalAllMet, "19011:7.5", "an auditor is found competent only when every criterion is met"},
	{RuleEvalUnmetListed, "19011:7.5", "a not-yet-competent decision lists at least one unmet criterion"},
	{RuleEvalDevelopmentActions, "19011:7.5", "a not-yet-competent decision sets development actions such as training, work or audit experience"},
	{RuleEvalDueDate, "19011:7.6", "a competent decision sets the date re-evaluation is due, after the decision"},
	{RuleEvalOneOpen, "19011:7.5", "an auditor has at most one evaluation per criteria set that is not withdrawn"},
	{RuleSuspendReason, "19011:7.6", "competence is suspended only with a stated reason"},
	{RuleReinstateReason, "19011:7.6", "a suspension is lifted only with a stated reason"},
	{RuleReinstateNotDue, "19011:7.6", "a suspension is lifted without re-evaluation only before re-evaluation is due"},
	{RuleWithdrawReason, "19011:7.6", "an evaluation or a competence is withdrawn only with a stated reason"},
	{RuleStandingDecided, "19011:7.5", "an auditor is competent for a criteria set only after a competent decision that still stands"},
	{RuleStandingReevaluation, "19011:7.6", "competence lapses when its re-evaluation date passes without a new decision"},
	{RuleMaintainCPD, "19011:7.6", "competence is maintained by continual professional development hours in each period"},
	{RuleMaintainActivity, "19011:7.6", "competence is maintained by regular audit activity in each period"},
	{RuleQualificationValid, "19011:7.2.4", "a qualification a criteria set requires is held and valid on the date"},
	{RuleLeaderLayer, "19011:7.2.5", "team leader competence builds on auditor competence, which must stand too"},
	{RuleIndependentResponsible, "19011:4 e", "auditors do not audit what they are responsible for, or were within the cooling-off period"},
	{RuleIndependentOwnWork, "27001:9.2.2", "auditors do not audit their own work, or work done within the cooling-off period"},
	{RuleIndependentConsulted, "19011:4 e", "auditors do not audit what they consulted on within the cooling-off period"},
	{RuleIndependentEmployed, "19011:4 e", "external auditors do not audit an auditee that employs them or did within the cooling-off period"},
	{RuleTeamCovers, "19011:5.5.4", "the audit team together covers every competence need of the audit"},
	{RuleTeamLeader, "19011:5.5.5", "the team has one team leader, competent to lead on the audit date"},
	{RuleTeamCompetent, "19011:5.5.4", "every auditor of the team is competent on the audit date"},
	{RuleTeamIndependent, "19011:5.5.4", "no member of the team has a conflict with the audit scope"},
	{RuleTeamAvailable, "19011:5.5.4", "every member is available, not excluded and on the team once"},
	{RuleTeamExperts, "19011:5.5.4", "technical experts give knowledge only: they never lead or count as auditors"},
	{RuleTeamSize, "19011:5.5.4", "the number of auditors stays within the size bounds"},
}

// Rules yields every rule of the package in a fixed order.
func Rules() iter.Seq[Rule] { return slices.Values(rules) }

// LookupRule returns the rule with the given id.
func LookupRule(id ismsaudit.RuleID) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
