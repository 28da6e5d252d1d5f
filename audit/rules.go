package audit

import (
	"fmt"
	"iter"
	"regexp"
	"slices"
)

// Rule is one process rule the package enforces: guards cite it when they
// refuse an event, and Verify cites it for every violation it finds.
type Rule struct {
	// ID is stable and unique, e.g. "AUD-NC-EVIDENCE".
	ID string `json:"id"`
	// Clause is the clause the rule comes from, e.g. "19011:6.4.8" or
	// "27001:9.2.2".
	Clause string `json:"clause"`
	// Principle is the principle of auditing (19011 clause 4) it serves.
	Principle Principle `json:"principle"`
	// Text states the rule in one line.
	Text string `json:"text"`
}

// String renders "AUD-NC-EVIDENCE (19011:6.4.8): text".
func (r Rule) String() string { return fmt.Sprintf("%s (%s): %s", r.ID, r.Clause, r.Text) }

// rules is the whole catalogue, in the order the areas are listed; each
// area's rules live next to the code that enforces them.
var rules = slices.Concat(coreRules, planRules, evidenceRules, findingRules, followUpRules)

var ruleByID = func() map[string]int {
	m := make(map[string]int, len(rules))
	idPattern := regexp.MustCompile(`^AUD(-[A-Z0-9]+)+$`)
	clausePattern := regexp.MustCompile(`^(19011|27007|27001|17021-1|27006-1):[0-9]+(\.[0-9]+)*( [a-z])?$`)
	for i, r := range rules {
		if _, dup := m[r.ID]; dup || !idPattern.MatchString(r.ID) || !clausePattern.MatchString(r.Clause) || !r.Principle.IsValid() || r.Text == "" {
			panic(fmt.Sprintf("audit: bad rule %+v", r))
		}
		m[r.ID] = i
	}
	return m
}()

// Rules yields every process rule in catalogue order.
func Rules() iter.Seq[Rule] { return slices.Values(rules) }

// LookupRule returns the rule with the given id.
func LookupRule(id string) (Rule, bool) {
	i, ok := ruleByID[id]
	if !ok {
		return Rule{}, false
	}
	return rules[i], true
}
