package competence

import (
	"iter"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// lifecycles lists the package's one lifecycle.
var lifecycles = fsm.Catalogue{evaluationMachine.Describe}

// Lifecycles yields the package's one lifecycle, the evaluation's
// ("competence.evaluation"), described from the very table
// [Evaluation.Fire] runs: states, events, transitions with their guards
// and the rules they cite. Each is a fresh value the caller may keep or
// change; its Mermaid method draws it.
func Lifecycles() iter.Seq[ismsaudit.Lifecycle] { return lifecycles.All() }

// LookupLifecycle returns the lifecycle with the given name,
// "competence.evaluation".
func LookupLifecycle(name string) (ismsaudit.Lifecycle, bool) { return lifecycles.Lookup(name) }
