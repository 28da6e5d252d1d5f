package report

import (
	"iter"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/rulebook"
)

// rules is the whole catalogue: the audit report's contents, then the
// programme report's, then the OSCAL exports'; each report's rules live
// next to its Check, the OSCAL ones next to their writer.
var rules = rulebook.MustNew("RPT", auditReportRules, programmeReportRules, oscalRules)

// Rules yields the rules the package checks, in catalogue order: the
// contents of an audit report (ISO 19011:2018 6.5.1, 6.5.2), then those
// of a programme report (5.5, 5.6). The audit report rules citing
// 19011:6.5.1 a to k, and RuleRecommendation for a certification audit,
// name what every audit report holds; the other audit report rules hold
// the content a report has where it has it. Every programme report rule
// names content every programme report holds.
func Rules() iter.Seq[ismsaudit.Rule] { return rules.All() }

// LookupRule returns the rule with the given id.
func LookupRule(id ismsaudit.RuleID) (ismsaudit.Rule, bool) { return rules.Lookup(id) }
