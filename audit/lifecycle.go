package audit

import (
	"iter"

	"github.com/ismsaudit/ismsaudit"
)

// describers lists the package's lifecycles in the order of an audit.
var describers = []func() ismsaudit.Lifecycle{
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
func Lifecycles() iter.Seq[ismsaudit.Lifecycle] {
	return func(yield func(ismsaudit.Lifecycle) bool) {
		for _, d := range describers {
			if !yield(d()) {
				return
			}
		}
	}
}

// LookupLifecycle returns the lifecycle with the given name, such as
// "audit.plan".
func LookupLifecycle(name string) (ismsaudit.Lifecycle, bool) {
	for l := range Lifecycles() {
		if l.Name == name {
			return l, true
		}
	}
	return ismsaudit.Lifecycle{}, false
}
