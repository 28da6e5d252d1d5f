package report

import (
	"fmt"
	"iter"
	"slices"

	"github.com/ismsaudit/ismsaudit"
)

// rules is the whole catalogue: the audit report's contents, then the
// programme report's; each report's rules live next to its Check.
var rules = slices.Concat(auditReportRules, programmeReportRules)

var ruleByID = func() map[ismsaudit.RuleID]int {
	m := make(map[ismsaudit.RuleID]int, len(rules))
	for i, r := range rules {
		if err := r.Check("RPT"); err != nil {
			panic(err)
		}
		if _, dup := m[r.ID]; dup {
			panic(fmt.Sprintf("report: rule %s listed twice", r.ID))
		}
		m[r.ID] = i
	}
	return m
}()

// Rules yields the rules the package checks, in catalogue order: the
// contents of an audit report (ISO 19011:2018 6.5.1, 6.5.2), then those
// of a programme report (5.5, 5.6). The audit report rules citing
// 19011:6.5.1 a to k, and RuleRecommendation for a certification audit,
// name what every audit report holds; the other audit report rules hold
// the content a report has where it has it. Every programme report rule
// names content every programme report holds.
func Rules() iter.Seq[ismsaudit.Rule] { return slices.Values(rules) }

// LookupRule returns the rule with the given id.
func LookupRule(id ismsaudit.RuleID) (ismsaudit.Rule, bool) {
	i, ok := ruleByID[id]
	if !ok {
		return ismsaudit.Rule{}, false
	}
	return rules[i], true
}
