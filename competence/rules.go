package competence

import (
	"fmt"
	"iter"
	"slices"

	"github.com/ismsaudit/ismsaudit"
)

// Rule ids. Never change one: hosts store them.
const (
	RuleEvalOrder              ismsaudit.RuleID = "CMP-EVAL-ORDER"
	RuleEvalHistory            ismsaudit.RuleID = "CMP-EVAL-HISTORY"
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

// The catalogue, one slice per concept; rules concatenates them in the
// order Rules yields them.
var evaluationRules = []ismsaudit.Rule{
	{ID: RuleEvalOrder, Clause: "19011:7.5, 7.6", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "an evaluation's events follow its lifecycle: started before it is decided, a decision suspended, reinstated or re-evaluated, nothing after withdrawal"},
	{ID: RuleEvalHistory, Clause: "19011:5.5.7, 7.5", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "every evaluation event is recorded with when it happened and who made it, never dated before the event before it"},
	{ID: RuleEvalDecisionGiven, Clause: "19011:7.5", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "a competence decision is recorded with the event that makes it", Basis: "project reading"},
	{ID: RuleEvalSameSubject, Clause: "19011:7.5", Principle: ismsaudit.PrincipleIntegrity,
		Text: "a decision concerns the evaluation's own auditor and criteria set", Basis: "project reading"},
	{ID: RuleEvalTwoMethods, Clause: "19011:7.4", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "a decision rests on results of two or more evaluation methods in the current round"},
	{ID: RuleEvalRecordInProgress, Clause: "19011:7.5", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "method results are recorded while the evaluation is in progress, in the current round", Basis: "project reading"},
	{ID: RuleEvalInformed, Clause: "19011:7.4", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "every criterion is informed by at least one evaluation method suited to it"},
	{ID: RuleEvalExplained, Clause: "19011:7.5", Principle: ismsaudit.PrincipleFairPresentation,
		Text: "a decision gives one result per criterion, each saying why it is met or not met"},
	{ID: RuleEvalAllMet, Clause: "19011:7.5", Principle: ismsaudit.PrincipleEvidenceBased,
		Text: "an auditor is found competent only when every criterion is met"},
	{ID: RuleEvalUnmetListed, Clause: "19011:7.5", Principle: ismsaudit.PrincipleFairPresentation,
		Text: "a not-yet-competent decision lists at least one unmet criterion"},
	{ID: RuleEvalDevelopmentActions, Clause: "19011:7.5", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "a not-yet-competent decision sets development actions such as training, work or audit experience"},
	{ID: RuleEvalDueDate, Clause: "19011:7.6", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "a competent decision sets the date re-evaluation is due, after the decision", Basis: "project reading"},
	{ID: RuleEvalOneOpen, Clause: "19011:7.5", Principle: ismsaudit.PrincipleIntegrity,
		Text: "an auditor has at most one evaluation per criteria set that is not withdrawn", Basis: "project reading"},
	{ID: RuleSuspendReason, Clause: "19011:7.6", Principle: ismsaudit.PrincipleIntegrity,
		Text: "competence is suspended only with a stated reason", Basis: "project reading"},
	{ID: RuleReinstateReason, Clause: "19011:7.6", Principle: ismsaudit.PrincipleIntegrity,
		Text: "a suspension is lifted only with a stated reason", Basis: "project reading"},
	{ID: RuleReinstateNotDue, Clause: "19011:7.6", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text: "a suspension is lifted without re-evaluation only before re-evaluation is due", Basis: "project reading"},
	{ID: RuleWithdrawReason, Clause: "19011:7.6", Principle: ismsaudit.PrincipleIntegrity,
		Text: "an evaluation or a competence is withdrawn only with a stated reason", Basis: "project reading"},
}

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

// rules is the whole catalogue, in the order Rules yields it.
var rules = slices.Concat(evaluationRules, standingRules, independenceRules, teamRules)

var ruleByID = func() map[ismsaudit.RuleID]int {
	m := make(map[ismsaudit.RuleID]int, len(rules))
	for i, r := range rules {
		if err := r.Check("CMP"); err != nil {
			panic(err)
		}
		if _, dup := m[r.ID]; dup {
			panic(fmt.Sprintf("competence: rule %s listed twice", r.ID))
		}
		m[r.ID] = i
	}
	return m
}()

// Rules yields every process rule the package enforces, in catalogue
// order: the evaluation lifecycle, standing, independence, teams. Guards
// of the evaluation lifecycle, validation problems, standing obstacles,
// conflicts and unmet team needs cite them by id.
func Rules() iter.Seq[ismsaudit.Rule] { return slices.Values(rules) }

// LookupRule returns the rule with the given id.
func LookupRule(id ismsaudit.RuleID) (ismsaudit.Rule, bool) {
	i, ok := ruleByID[id]
	if !ok {
		return ismsaudit.Rule{}, false
	}
	return rules[i], true
}
