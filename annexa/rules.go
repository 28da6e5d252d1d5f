package annexa

import (
	"fmt"
	"iter"
	"slices"

	"github.com/ismsaudit/ismsaudit"
)

// rules is the whole catalogue; each concept's rules live next to the
// code that enforces them.
var rules = slices.Concat(soaRules, checklistRules, assessmentRules)

var ruleByID = func() map[ismsaudit.RuleID]int {
	m := make(map[ismsaudit.RuleID]int, len(rules))
	for i, r := range rules {
		if err := r.Check("ANX"); err != nil {
			panic(err)
		}
		if _, dup := m[r.ID]; dup {
			panic(fmt.Sprintf("annexa: rule %s listed twice", r.ID))
		}
		m[r.ID] = i
	}
	return m
}()

// Rules yields every process rule the package enforces, in catalogue
// order: the Statement of Applicability's, the checklist options', then
// the assessments'. The shape rules (ismsaudit.RuleRequired, RuleEnum,
// RuleUnique, RuleUnknown, RuleFormat, ...) are not listed.
func Rules() iter.Seq[ismsaudit.Rule] { return slices.Values(rules) }

// LookupRule returns the rule with the given id.
func LookupRule(id ismsaudit.RuleID) (ismsaudit.Rule, bool) {
	i, ok := ruleByID[id]
	if !ok {
		return ismsaudit.Rule{}, false
	}
	return rules[i], true
}
