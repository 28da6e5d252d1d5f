package audit

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnknownChecklistItem checks that a result for a reference the
// checklist lacks is a *ismsaudit.NotFoundError.
func TestUnknownChecklistItem(t *testing.T) {
	a := auditIn(t, StateFieldwork)
	before := deepCopy(a)
	err := a.RecordResult(annexa.RefToControl("5.1"), annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}, byLead(40))
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	var nf *ismsaudit.NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "A.5.1", nf.ID)
	require.ErrorIs(t, a.MarkNotAudited(annexa.RefToControl("5.1"), "closed", byLead(40)), ismsaudit.ErrNotFound)
	unchanged(t, before, a)
}
