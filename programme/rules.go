package programme

import (
	"fmt"
	"iter"
	"slices"

	"github.com/ismsaudit/ismsaudit"
)

// rules is the whole catalogue, in the order of the concepts: the
// programme's content, lifecycle and versions, reviews, the register and
// its matrix, then scheduling: the schedule, certification cycles,
// coverage, audit time, multi-site sampling and staffing. Each concept's
// rules live next to the code that enforces them.
var rules = slices.Concat(contentRules, lifecycleRules, versionRules, reviewRules, riskRules, matrixRules,
	scheduleRules, cycleRules, coverageRules, auditTimeRules, samplingRules, staffingRules)

var ruleByID = func() map[ismsaudit.RuleID]int {
	m := make(map[ismsaudit.RuleID]int, len(rules))
	for i, r := range rules {
		if err := r.Check("PRG"); err != nil {
			panic(err)
		}
		if _, dup := m[r.ID]; dup {
			panic(fmt.Sprintf("programme: rule %s listed twice", r.ID))
		}
		m[r.ID] = i
	}
	return m
}()

// Rules yields every rule the package enforces — the process rules of the
// programme and the scheduling rules of certification — in catalogue
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
