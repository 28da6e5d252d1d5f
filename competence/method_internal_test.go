package competence

import (
	"testing"
)

// TestAcceptMaskMatchesSuits keeps the precomputed masks in step with
// Method.Suits and Criterion.Accepts.
func TestAcceptMaskMatchesSuits(t *testing.T) {
	for k := range CriterionKinds() {
		for _, methods := range [][]Method{nil, {Testing, ReviewOfRecords}} {
			c := Criterion{Kind: k, Methods: methods}
			m := c.acceptMask()
			for i, x := range methodList {
				if got := m&(1<<i) != 0; got != c.Accepts(x) {
					t.Errorf("%s %v: mask says %v for %s, Accepts says %v", k, methods, got, x, c.Accepts(x))
				}
			}
		}
	}
	if len(methodList) != 6 || methodList[0] != ReviewOfRecords || methodList[2] != Interview {
		t.Fatalf("method order changed: %v", methodList)
	}
}
