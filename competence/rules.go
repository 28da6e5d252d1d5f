package competence

import (
	"iter"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/rulebook"
)

// rules is the whole catalogue, in the order Rules yields it.
var rules = rulebook.MustNew("CMP", evaluationRules, standingRules, independenceRules, teamRules)

// Rules yields every process rule the package enforces, in catalogue
// order: the evaluation lifecycle, standing, independence, teams. Guards
// of the evaluation lifecycle, validation problems, standing obstacles,
// conflicts and unmet team needs cite them by id.
func Rules() iter.Seq[ismsaudit.Rule] { return rules.All() }

// LookupRule returns the rule with the given id.
func LookupRule(id ismsaudit.RuleID) (ismsaudit.Rule, bool) { return rules.Lookup(id) }
