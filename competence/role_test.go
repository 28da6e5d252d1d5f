package competence_test

import (
	"testing"

	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
)

func TestRoleAudits(t *testing.T) {
	for r := range competence.Roles() {
		want := r == competence.RoleTrainee || r == competence.RoleAuditor || r == competence.RoleTeamLeader
		assert.Equal(t, want, r.Audits(), r)
	}
}
