package audit

import (
	"fmt"
	"iter"
	"slices"

	"github.com/ismsaudit/ismsaudit"
)

// rules is the whole catalogue, concept by concept in the order of an
// audit; each concept's rules live in its file, next to the code that
// enforces them.
var rules = slices.Concat(auditRules, initiationRules, teamRules, planRules, checklistRules, samplingRules, meetingRules, riskRules, evidenceRules, findingRules, conclusionRules, recommendationRules, reportRules, completionRules, followUpRules, compareRules, sealRules)

var ruleByID = func() map[ismsaudit.RuleID]int {
	m := make(map[ismsaudit.RuleID]int, len(rules))
	for i, r := range rules {
		if err := r.Check("AUD"); err != nil {
			panic(err)
		}
		if _, dup := m[r.ID]; dup {
			panic(fmt.Sprintf("audit: rule %s listed twice", r.ID))
		}
		m[r.ID] = i
	}
	return m
}()

// Rules yields every process rule the package enforces, in catalogue
// order.
func Rules() iter.Seq[ismsaudit.Rule] { return slices.Values(rules) }

// LookupRule returns the rule with the given id.
func LookupRule(id ismsaudit.RuleID) (ismsaudit.Rule, bool) {
	i, ok := ruleByID[id]
	if !ok {
		return ismsaudit.Rule{}, false
	}
	return rules[i], true
}
