package annexa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChecklistKinds(t *testing.T) {
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
