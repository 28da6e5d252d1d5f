package competence_test

import (
	"testing"

	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
)

func TestMethodSuits(t *testing.T) {
	for m := range competence.Methods() {
		assert.NotEmpty(t, m.Objective(), m)
		for k := range competence.CriterionKinds() {
			want := false
			switch m {
			case competence.ReviewOfRecords:
				want = !k.IsQualitative()
			case competence.Interview:
				want = true
			default:
				want = k.IsQualitative()
			}
			assert.Equal(t, want, m.Suits(k), "%s suits %s", m, k)
		}
	}
	assert.Empty(t, competence.Method("bogus").Objective())
	assert.False(t, competence.Method("bogus").Suits(competence.KnowledgeCriterion))
	assert.False(t, competence.Interview.Suits("bogus"))
}
