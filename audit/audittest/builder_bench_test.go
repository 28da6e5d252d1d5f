package audittest_test

import (
	"fmt"
	"testing"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
)

// BenchmarkBuilder builds a closed audit through every operation: the
// defaults, and a stage 2 audit with a hundred evidence items and twenty
// findings.
func BenchmarkBuilder(b *testing.B) {
	for _, n := range []int{3, 100} {
		b.Run(fmt.Sprintf("evidence=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				a := audittest.NewBuilder(b, &audittest.Options{Kind: annexa.Stage2, Evidence: n, Findings: &audittest.Findings{Major: n / 20, Minor: n / 10, Conformities: n / 20}}).Build()
				if a.State != audit.StateClosed {
					b.Fatal(a.State)
				}
			}
		})
	}
}
