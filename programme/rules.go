package programme

import (
	"iter"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/rulebook"
)

// rules is the whole catalogue, in the order of the concepts: the
// programme's content, lifecycle and versions, reviews, the register and
// its matrix, then scheduling: the schedule, certification cycles,
// coverage, audit time, multi-site sampling and staffing. Each concept's
// rules live next to the code that enforces them.
var rules = rulebook.MustNew("PRG", contentRules, lifecycleRules, versionRules, reviewRules, riskRules, matrixRules,
	scheduleRules, cycleRules, coverageRules, auditTimeRules, samplingRules, staffingRules)

// Rules yields every rule the package enforces — the process rules of the
// programme and the scheduling rules of certification — in catalogue
// order.
func Rules() iter.Seq[ismsaudit.Rule] { return rules.All() }

// LookupRule returns the rule with the given id.
func LookupRule(id ismsaudit.RuleID) (ismsaudit.Rule, bool) { return rules.Lookup(id) }
