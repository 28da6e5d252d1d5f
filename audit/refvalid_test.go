package audit

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ismsaudit/ismsaudit/annexa"
)

// TestRefValid checks the allocation-free reference check Verify
// uses against annexa.Ref.Validate.
func TestRefValid(t *testing.T) {
	for _, r := range []annexa.Ref{
		fdA815, fdClause92, fdPolicy, annexa.RefToControl("9.9"), annexa.RefToClause("11"), annexa.RefToClause("4"),
		annexa.RefToDocument(" "), annexa.RefToDocument(""), {ID: "5.1"}, {Kind: "paragraph", ID: "1"},
		annexa.RefToControl("A.5.1"), annexa.RefToControl("05.1"), annexa.RefToClause("9.2.1"),
	} {
		assert.Equal(t, r.Validate() == nil, refValid(r), "%+v", r)
	}
}
