package annexa

import (
	"iter"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/rulebook"
)

// rules is the whole catalogue; each concept's rules live next to the
// code that enforces them.
var rules = rulebook.MustNew("ANX", soaRules, checklistRules, assessmentRules)

// Rules yields every process rule the package enforces, in catalogue
// order: the Statement of Applicability's, the checklist options', then
// the assessments'. The shape rules (ismsaudit.RuleRequired, RuleEnum,
// RuleUnique, RuleUnknown, RuleFormat, ...) are not listed.
func Rules() iter.Seq[ismsaudit.Rule] { return rules.All() }

// LookupRule returns the rule with the given id.
func LookupRule(id ismsaudit.RuleID) (ismsaudit.Rule, bool) { return rules.Lookup(id) }
