package competence_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ismsaudit/ismsaudit/competence"
)

func TestNeedKindExpertMayMeet(t *testing.T) {
	for k := range competence.NeedKinds() {
		want := k == competence.NeedKnowledge || k == competence.NeedSector || k == competence.NeedTechnicalArea
		assert.Equal(t, want, k.ExpertMayMeet(), k)
	}
}
