package competence_test

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewPoolInvalid(t *testing.T) {
	people := basePool(t)
	people[1].ID = "lead-a"
	people[2].Training[0].Hours = 0
	people[3].Evaluations = []competence.Evaluation{{ID: "x", Auditor: "exp-d", Criteria: "nope", State: competence.Planned}}
	_, err := competence.NewPool(people, nil)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Auditors[1].ID", "unique"), "%v", ve.Fields)
	assert.True(t, ve.Has("Auditors[2].Training[0].Hours", "gt"), "%v", ve.Fields)
	assert.True(t, ve.Has("Auditors[3].Evaluations[0].Criteria", "unknown"), "%v", ve.Fields)
	bad := competence.Scheme{}
	_, err = competence.NewPool(nil, &bad)
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Scheme.Sets", "required"), "%v", ve.Fields)
}

func TestPoolAccessors(t *testing.T) {
	people := basePool(t)
	pool, err := competence.NewPool(people, nil)
	require.NoError(t, err)
	assert.Equal(t, len(people), pool.Len())
	a, ok := pool.Auditor("aud-b")
	require.True(t, ok)
	assert.Equal(t, competence.AuditorID("aud-b"), a.ID)
	_, ok = pool.Auditor("zed")
	assert.False(t, ok)
	var ids []competence.AuditorID
	for a := range pool.All() {
		ids = append(ids, a.ID)
	}
	assert.Len(t, ids, len(people))
	assert.Len(t, pool.Scheme().Sets, 3)
	st, err := pool.Standing("lead-a", competence.ISMSTeamLeaderSet, auditDay)
	require.NoError(t, err)
	assert.True(t, st.Competent)
	_, err = pool.Standing("zed", competence.ISMSTeamLeaderSet, auditDay)
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
}
