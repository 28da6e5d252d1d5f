package sheet

import (
	"iter"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/rulebook"
)

// rules is the package's catalogue: the rules its importers cite beyond
// the shape rules (required, enum, unknown, unique, format) and the rules
// of the packages whose operations they apply.
var rules = rulebook.MustNew("SHT", []ismsaudit.Rule{
	{ID: RuleSoAEdition, Clause: "27001:6.1.3 d", Principle: ismsaudit.PrincipleDueProfessionalCare,
		Text:  "a Statement of Applicability is read against the edition of Annex A its control ids belong to: a 2013 sheet through the carrying to 2022, never as a 2022 one",
		Basis: "project reading: the 2013 and 2022 Annex A number their controls differently, so reading one edition's ids as the other's would decide the wrong controls"},
	{ID: RuleChecklistAudit, Clause: "19011:6.3.4", Principle: ismsaudit.PrincipleIntegrity,
		Text:  "a filled checklist workbook is read only into the audit it was written for, as its About sheet names",
		Basis: "project reading: work documents prepared for one audit (6.3.4) record that audit's results; results recorded into another audit would misstate both"},
})

// Rules yields the rules the package's importers cite, in catalogue
// order.
func Rules() iter.Seq[ismsaudit.Rule] { return rules.All() }

// LookupRule returns the rule with the given id.
func LookupRule(id ismsaudit.RuleID) (ismsaudit.Rule, bool) { return rules.Lookup(id) }
