package audit

import (
	"iter"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// lifecycles lists the package's lifecycles in the order of an audit.
var lifecycles = fsm.Catalogue{
	auditMachine.Describe,
	planMachine.Describe,
	evidenceMachine.Describe,
	findingMachine.Describe,
	conclusionMachine.Describe,
	followUpMachine.Describe,
}

// Lifecycles yields the package's lifecycles, each described from the
// very table the code runs: the audit, the plan, an evidence item, a
// finding, the conclusions and a follow-up. Each is a fresh value the
// caller may keep or change.
func Lifecycles() iter.Seq[ismsaudit.Lifecycle] { return lifecycles.All() }

// LookupLifecycle returns the lifecycle with the given name, such as
// "audit.plan".
func LookupLifecycle(name string) (ismsaudit.Lifecycle, bool) { return lifecycles.Lookup(name) }
