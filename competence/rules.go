package competence

import (
	"fmt"
	"iter"
	"slices"

	"github.com/ismsaudit/ismsaudit"
)

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
