package audittest_test

import (
	"fmt"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
)

// exampleT stands in for the *testing.T a host's test passes: it counts
// the failures reported.
type exampleT struct{ failures int }

func (t *exampleT) Errorf(string, ...any) { t.failures++ }
func (t *exampleT) FailNow()              { panic("the test stops here") }

func ExampleNewBuilder() {
	t := &exampleT{} // in a host's test: the *testing.T
	a := audittest.NewBuilder(t, &audittest.Options{Kind: annexa.Stage2, Through: audit.StateClosing, Findings: &audittest.Findings{Major: 1, Minor: 1, Conformities: 1}}).Build()
	fmt.Println(a.Kind, a.State, len(a.Findings), "findings")
	fmt.Println("recommendation:", a.Conclusion.Recommendation)
	fmt.Println("permitted:", a.Permitted())
	// Output:
	// stage2 closing 3 findings
	// recommendation: recommend-after-verified-correction
	// permitted: [issue-report terminate]
}

func ExampleConforms() {
	t := &exampleT{}
	a := audittest.NewBuilder(t, &audittest.Options{Through: audit.StateFindings}).Build()
	fmt.Println("conforms:", audittest.Conforms(t, a, nil))

	// A record changed by hand: the opening meeting did not confirm the
	// scope. Conforms fails, listing every violation with its rule.
	a.Opening.ScopeConfirmed = false
	fmt.Println("after the change:", audittest.Conforms(t, a, nil))
	fmt.Println("violates AUD-OPENING-MEETING there:", audittest.Violates(t, a, nil, audit.RuleOpeningMeeting, "Opening.ScopeConfirmed"))
	fmt.Println("failures reported:", t.failures)
	// Output:
	// conforms: true
	// after the change: false
	// violates AUD-OPENING-MEETING there: true
	// failures reported: 1
}

func ExampleRefusedBy() {
	t := &exampleT{}
	b := audittest.NewBuilder(t, &audittest.Options{Through: audit.StateFieldwork})
	a := b.Build()

	// Terminating without a reason is refused by the guard of its rule.
	err := a.Terminate("", b.Meta())
	fmt.Println(audittest.RefusedBy(t, err, audit.RuleTerminateReason))
	fmt.Println("state:", a.State, "failures:", t.failures)
	// Output:
	// true
	// state: fieldwork failures: 0
}

func ExampleRefused() {
	t := &exampleT{}
	a := audittest.NewBuilder(t, &audittest.Options{Through: audit.StateFieldwork}).Build()
	fmt.Println(audittest.Permitted(t, a, audit.EventEndFieldwork))

	// A checklist item left pending: fieldwork cannot end.
	a.Checklist.Items[0].Result, a.Checklist.Items[0].EvidenceRefs = annexa.NotAssessed, nil
	fmt.Println(audittest.Refused(t, a, audit.EventEndFieldwork, audit.RuleFieldworkCovered))
	fmt.Println("failures:", t.failures)
	// Output:
	// true
	// true
	// failures: 0
}
