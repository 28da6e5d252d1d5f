package competence_test

import (
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConflicts(t *testing.T) {
	d := func(months int) time.Time { return auditDay.AddDate(0, months, 0) }
	scope := competence.Scope{Auditee: "acme", Units: []string{"finance", "it"}, Processes: []string{"payroll"}, Controls: []string{"A.8.8", "5.15"}}
	internal := scope
	internal.Internal = true
	tests := []struct {
		name  string
		inv   competence.Involvement
		scope competence.Scope
		opts  *competence.IndependenceOptions
		want  competence.ConflictReason // "" for none
	}{
		{"currently responsible for a unit in scope", competence.Involvement{Kind: competence.Responsible, Auditee: "acme", Units: []string{"it"}, From: d(-30)}, scope, nil, competence.ResponsibleFor},
		{"responsible for another unit", competence.Involvement{Kind: competence.Responsible, Auditee: "acme", Units: []string{"sales"}, From: d(-30)}, scope, nil, ""},
		{"responsible for the whole auditee", competence.Involvement{Kind: competence.Responsible, Auditee: "acme"}, scope, nil, competence.ResponsibleFor},
		{"another auditee", competence.Involvement{Kind: competence.Responsible, Auditee: "globex"}, scope, nil, ""},
		{"responsibility ended within the cooling-off period", competence.Involvement{Kind: competence.Responsible, Auditee: "acme", From: d(-40), To: d(-23)}, scope, nil, competence.ResponsibleFor},
		{"responsibility ended before it", competence.Involvement{Kind: competence.Responsible, Auditee: "acme", From: d(-40), To: d(-24)}, scope, nil, ""},
		{"own work on a control, A. prefix ignored", competence.Involvement{Kind: competence.Implemented, Auditee: "acme", Controls: []string{"8.8"}, From: d(-10), To: d(-2)}, internal, nil, competence.OwnWork},
		{"own work on a control out of scope", competence.Involvement{Kind: competence.Implemented, Auditee: "acme", Controls: []string{"8.9"}, From: d(-10), To: d(-2)}, internal, nil, ""},
		{"own work on a process in scope", competence.Involvement{Kind: competence.Implemented, Auditee: "acme", Processes: []string{"payroll"}, Units: []string{"finance"}, From: d(-10)}, internal, nil, competence.OwnWork},
		{"every named dimension must overlap", competence.Involvement{Kind: competence.Implemented, Auditee: "acme", Processes: []string{"payroll"}, Units: []string{"sales"}, From: d(-10)}, internal, nil, ""},
		{"scope without units covers every unit", competence.Involvement{Kind: competence.Consulted, Auditee: "acme", Units: []string{"sales"}, From: d(-10), To: d(-1)},
			competence.Scope{Auditee: "acme"}, nil, competence.ConsultedFor},
		{"consulted long ago", competence.Involvement{Kind: competence.Consulted, Auditee: "acme", From: d(-60), To: d(-30)}, scope, nil, ""},
		{"consulted long ago, longer cooling-off", competence.Involvement{Kind: competence.Consulted, Auditee: "acme", From: d(-60), To: d(-30)}, scope,
			&competence.IndependenceOptions{CoolingOffMonths: 36}, competence.ConsultedFor},
		{"no cooling-off: only ongoing work conflicts", competence.Involvement{Kind: competence.Consulted, Auditee: "acme", From: d(-6), To: d(-1)}, scope,
			&competence.IndependenceOptions{}, ""},
		{"employed, external audit", competence.Involvement{Kind: competence.Employed, Auditee: "acme", From: d(-60), To: d(-12)}, scope, nil, competence.EmployedBy},
		{"employed, internal audit", competence.Involvement{Kind: competence.Employed, Auditee: "acme", From: d(-60)}, internal, nil, ""},
		{"starts after the audit", competence.Involvement{Kind: competence.Consulted, Auditee: "acme", From: d(1)}, scope, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := competence.Auditor{ID: "alice", Name: "Alice", Involvements: []competence.Involvement{
				{Kind: competence.Consulted, Auditee: "initech"}, tt.inv,
			}}
			require.NoError(t, a.Validate())
			got := a.Conflicts(tt.scope, auditDay, tt.opts)
			if tt.want == "" {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, 1)
			assert.Equal(t, competence.AuditorID("alice"), got[0].Auditor)
			assert.Equal(t, tt.want, got[0].Reason)
			assert.Equal(t, tt.want.Rule(), got[0].Rule)
			assert.Equal(t, 1, got[0].Involvement)
			assert.NotEmpty(t, got[0].Detail)
		})
	}
	t.Run("every conflict reported", func(t *testing.T) {
		a := competence.Auditor{ID: "bob", Name: "Bob", Involvements: []competence.Involvement{
			{Kind: competence.Responsible, Auditee: "acme"},
			{Kind: competence.Consulted, Auditee: "acme", Controls: []string{"5.15"}, From: d(-3), To: d(-1)},
		}}
		got := a.Conflicts(scope, auditDay, nil)
		require.Len(t, got, 2)
		assert.Equal(t, competence.ResponsibleFor, got[0].Reason)
		assert.Equal(t, competence.ConsultedFor, got[1].Reason)
	})
	t.Run("scope validation", func(t *testing.T) {
		s := competence.Scope{Units: []string{"a", "a", ""}}
		err := s.Validate()
		var ve *ismsaudit.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("Auditee", "required"))
		assert.True(t, ve.Has("Units", "unique"))
		require.NoError(t, scope.Validate())
	})
}

func TestConflictReasonRule(t *testing.T) {
	for r := range competence.ConflictReasons() {
		_, ok := competence.LookupRule(r.Rule())
		assert.True(t, ok, r)
	}
	assert.Empty(t, competence.ConflictReason("bogus").Rule())
}
