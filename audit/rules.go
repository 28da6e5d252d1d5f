package audit

import (
	"iter"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/rulebook"
)

// rules is the whole catalogue, concept by concept in the order of an
// audit; each concept's rules live in its file, next to the code that
// enforces them.
var rules = rulebook.MustNew("AUD", auditRules, initiationRules, teamRules, planRules, checklistRules, samplingRules, meetingRules, riskRules, evidenceRules, findingRules, conclusionRules, recommendationRules, reportRules, completionRules, followUpRules, compareRules, sealRules)

// Rules yields every process rule the package enforces, in catalogue
// order.
func Rules() iter.Seq[ismsaudit.Rule] { return rules.All() }

// LookupRule returns the rule with the given id.
func LookupRule(id ismsaudit.RuleID) (ismsaudit.Rule, bool) { return rules.Lookup(id) }
