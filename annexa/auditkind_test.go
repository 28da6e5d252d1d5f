package annexa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAuditKindCoverage pins what a checklist of each kind covers when no
// subset is named.
func TestAuditKindCoverage(t *testing.T) {
	soa := sampleSoA(t)
	tests := []struct {
		kind              AuditKind
		clauses, controls int
		documents         int
	}{
		{Stage1, 14, 2, 1}, // documented-information requirements, the two exclusions, the SoA
		{Stage2, 30, 91, 0},
		{Internal, 30, 91, 0},
		{Recertification, 30, 91, 0},
		{SecondParty, 30, 91, 0},
		{Surveillance, 15, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.kind.String(), func(t *testing.T) {
			cl, err := NewChecklist(soa, ChecklistOptions{Kind: tt.kind})
			require.NoError(t, err)
			n := map[RefKind]int{}
			for _, it := range cl.Items {
				n[it.Ref.Kind]++
				assert.Equal(t, NotAssessed, it.Result)
				assert.NotEmpty(t, it.Questions, it.Ref)
				assert.NotEmpty(t, it.EvidenceHints, it.Ref)
				assert.NotEmpty(t, it.Methods, it.Ref)
				assert.True(t, it.Pending())
			}
			assert.Equal(t, tt.clauses, n[ClauseRef])
			assert.Equal(t, tt.controls, n[ControlRef])
			assert.Equal(t, tt.documents, n[DocumentRef])
			assert.Equal(t, tt.kind, cl.Kind)
			assert.Equal(t, "Example Ltd", cl.Organization)
			assert.Equal(t, "3", cl.SoAVersion)
			require.NoError(t, cl.Validate())
		})
	}
}

func essentialsRefs() []string {
	var out []string
	for c := range SurveillanceEssentials() {
		out = append(out, "clause "+string(c.ID()))
	}
	return out
}

// TestSurveillanceEssentials checks the essentials are requirements, in
// the standard's order, and that a special audit has none of its own.
func TestSurveillanceEssentials(t *testing.T) {
	var prev ClauseID
	n := 0
	for c := range SurveillanceEssentials() {
		assert.False(t, c.HasSubclauses(), c.String())
		if prev != "" {
			assert.Negative(t, prev.Compare(c.ID()))
		}
		prev = c.ID()
		n++
	}
	assert.Equal(t, 15, n)
	_, err := NewChecklist(sampleSoA(t), ChecklistOptions{Kind: Special})
	require.Error(t, err)
}
