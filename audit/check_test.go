package audit

import (
	"strings"
	"testing"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
)

// TestIsBlank checks the early-stopping blank test against
// strings.TrimSpace, for ASCII and other white space.
func TestIsBlank(t *testing.T) {
	for _, s := range []string{"", " ", "\t\n\v\f\r ", "x", " x", "x ", "\u00a0", " \u0085 ", "\u2003x", "é", " é", "\u00a0\u00a0\t", "\x80", " \xff"} {
		assert.Equal(t, strings.TrimSpace(s) == "", isBlank(s), "%q", s)
	}
}

// TestRefValid checks the allocation-free reference check Verify
// uses against annexa.Ref.Validate.
func TestRefValid(t *testing.T) {
	for _, r := range []annexa.Ref{
		controlA815, clause92, policyRef, annexa.RefToControl("9.9"), annexa.RefToClause("11"), annexa.RefToClause("4"),
		annexa.RefToDocument(" "), annexa.RefToDocument(""), {ID: "5.1"}, {Kind: "paragraph", ID: "1"},
		annexa.RefToControl("A.5.1"), annexa.RefToControl("05.1"), annexa.RefToClause("9.2.1"),
	} {
		assert.Equal(t, r.Validate() == nil, refValid(r), "%+v", r)
	}
}
