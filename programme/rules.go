package programme

import (
	"fmt"
	"iter"
	"regexp"
	"slices"

	"github.com/ismsaudit/ismsaudit"
)

// Rule is one rule the package enforces — a process rule of the programme
// or a scheduling rule of certification — with where it comes from.
type Rule struct {
	// ID is stable and unique, e.g. "PRG-SURV-FIRST-12-MONTHS".
	ID ismsaudit.RuleID `json:"id"`
	// Source cites the document and clause, e.g. "ISO/IEC 17021-1:2015
	// 9.6.2.2" or "ISO 19011:2018 5.3".
	Source string `json:"source"`
	// Text states the rule in one line.
	Text string `json:"text"`
}

// String renders "ID (Source): Text".
func (r Rule) String() string { return fmt.Sprintf("%s (%s): %s", r.ID, r.Source, r.Text) }

// rules is the whole catalogue; each area's rules live next to the code
// that enforces them.
var rules = slices.Concat(programmeRules, scheduleRules)

var ruleByID = func() map[ismsaudit.RuleID]int {
	m := make(map[ismsaudit.RuleID]int, len(rules))
	idPattern := regexp.MustCompile(`^PRG(-[A-Z0-9]+)+$`)
	for i, r := range rules {
		if _, dup := m[r.ID]; dup || !idPattern.MatchString(string(r.ID)) || r.Source == "" || r.Text == "" {
			panic(fmt.Sprintf("programme: bad rule %+v", r))
		}
		m[r.ID] = i
	}
	return m
}()

// Rules yields every rule in catalogue order.
func Rules() iter.Seq[Rule] { return slices.Values(rules) }

// LookupRule returns the rule with the given id.
func LookupRule(id ismsaudit.RuleID) (Rule, bool) {
	i, ok := ruleByID[id]
	if !ok {
		return Rule{}, false
	}
	return rules[i], true
}
