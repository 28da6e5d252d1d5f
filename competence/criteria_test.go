package competence_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCriteriaSetValidate(t *testing.T) {
	tests := []struct {
		name string
		mut  func(*competence.CriteriaSet)
		path string
		rule ismsaudit.RuleID
	}{
		{"no id", func(s *competence.CriteriaSet) { s.ID = "" }, "ID", "required"},
		{"role", func(s *competence.CriteriaSet) { s.Role = competence.RoleObserver }, "Role", "oneof"},
		{"no criteria", func(s *competence.CriteriaSet) { s.Criteria = nil }, "Criteria", "required"},
		{"no re-evaluation", func(s *competence.CriteriaSet) { s.ReevaluationMonths = 0 }, "ReevaluationMonths", "gte"},
		{"requires itself", func(s *competence.CriteriaSet) { s.Requires = s.ID }, "Requires", "not-self"},
		{"duplicate criterion", func(s *competence.CriteriaSet) { s.Criteria[1].ID = s.Criteria[0].ID }, "Criteria[1].ID", "unique"},
		{"behaviour without behaviour", func(s *competence.CriteriaSet) { s.Criteria[0].Behaviour = "" }, "Criteria[0].Behaviour", "required-for-kind"},
		{"behaviour with a level", func(s *competence.CriteriaSet) { s.Criteria[0].Level = competence.Expert }, "Criteria[0].Level", "unused-for-kind"},
		{"knowledge without level", func(s *competence.CriteriaSet) { s.Criteria[14].Level = "" }, "Criteria[14].Level", "required-for-kind"},
		{"quantity without minimum", func(s *competence.CriteriaSet) { s.Criteria[23].Min = 0 }, "Criteria[23].Min", "required-for-kind"},
		{"fractional audit count", func(s *competence.CriteriaSet) { s.Criteria[26].Min = 2.5 }, "Criteria[26].Min", "whole-number"},
		{"course with two kinds", func(s *competence.CriteriaSet) {
			s.Criteria[25].Training = append(s.Criteria[25].Training, competence.AuditCourse)
		}, "Criteria[25].Training", "required-for-kind"},
		{"window on work years", func(s *competence.CriteriaSet) { s.Criteria[23].WindowMonths = 12 }, "Criteria[23].WindowMonths", "unused-for-kind"},
		{"bad method", func(s *competence.CriteriaSet) { s.Criteria[0].Methods = []competence.Method{"hunch"} }, "Criteria[0].Methods[0]", "enum"},
		{"no source", func(s *competence.CriteriaSet) { s.Criteria[0].Source = "" }, "Criteria[0].Source", "required"},
		{"negative CPD", func(s *competence.CriteriaSet) { s.Maintenance.CPDHours = -1 }, "Maintenance.CPDHours", "gte"},
		{"infinite CPD", func(s *competence.CriteriaSet) { s.Maintenance.CPDHours = math.Inf(1) }, "Maintenance.CPDHours", "finite"},
		{"infinite audit days", func(s *competence.CriteriaSet) { s.Maintenance.AuditDays = math.Inf(1) }, "Maintenance.AuditDays", "finite"},
		{"no minimum training hours", func(s *competence.CriteriaSet) {
			s.Criteria = append(s.Criteria, competence.Criterion{ID: "hours", Kind: competence.TrainingHours, Source: "host scheme"})
		}, "Criteria[28].Min", "required-for-kind"},
		{"no minimum audit count", func(s *competence.CriteriaSet) { s.Criteria[26].Min = 0 }, "Criteria[26].Min", "required-for-kind"},
		{"no minimum audit days", func(s *competence.CriteriaSet) { s.Criteria[27].Min = 0 }, "Criteria[27].Min", "required-for-kind"},
		{"no minimum guided lead audits", func(s *competence.CriteriaSet) {
			s.Criteria = append(s.Criteria, competence.Criterion{ID: "guided", Kind: competence.GuidedLeadAudits, Source: "host scheme"})
		}, "Criteria[28].Min", "required-for-kind"},
		{"CPD without a period", func(s *competence.CriteriaSet) {
			s.Maintenance = competence.Maintenance{CPDHours: 16}
		}, "Maintenance.PeriodMonths", "required-for-requirements"},
		{"audits without a period", func(s *competence.CriteriaSet) {
			s.Maintenance = competence.Maintenance{Audits: 1}
		}, "Maintenance.PeriodMonths", "required-for-requirements"},
		{"audit days without a period", func(s *competence.CriteriaSet) {
			s.Maintenance = competence.Maintenance{AuditDays: 5}
		}, "Maintenance.PeriodMonths", "required-for-requirements"},
		{"roles without a period", func(s *competence.CriteriaSet) {
			s.Maintenance = competence.Maintenance{Roles: []competence.Role{competence.RoleAuditor}}
		}, "Maintenance.PeriodMonths", "required-for-requirements"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := competence.ISMSAuditor()
			tt.mut(&s)
			err := s.Validate()
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "%v", ve.Fields)
			assert.Len(t, ve.Fields, 1, "only the problem made: %v", ve.Fields)
		})
	}
	t.Run("no maintenance at all is valid", func(t *testing.T) {
		s := competence.ISMSAuditor()
		s.Maintenance = competence.Maintenance{Source: "the host keeps competence current otherwise"}
		require.NoError(t, s.Validate())
	})
}

func TestSchemeValidate(t *testing.T) {
	tests := []struct {
		name string
		mut  func(*competence.Scheme)
		path string
		rule ismsaudit.RuleID
	}{
		{"empty", func(s *competence.Scheme) { s.Sets = nil }, "Sets", "required"},
		{"duplicate set", func(s *competence.Scheme) { s.Sets[1].ID = s.Sets[0].ID }, "Sets[1].ID", "unique"},
		{"unknown requirement", func(s *competence.Scheme) { s.Sets[2].Requires = "nope" }, "Sets[2].Requires", "unknown"},
		{"cycle", func(s *competence.Scheme) { s.Sets[1].Requires = competence.ISMSTeamLeaderSet }, "Sets[1].Requires", "no-cycle"},
		{"nested problem", func(s *competence.Scheme) { s.Sets[0].Criteria[0].Kind = "vibes" }, "Sets[0].Criteria[0].Kind", "enum"},
		{"cycle further down the chain", func(s *competence.Scheme) {
			s.Sets[0].Requires = competence.ISMSAuditorSet
			s.Sets[1].Requires = competence.ISMSTeamLeaderSet
		}, "Sets[0].Requires", "no-cycle"},
		{"requires itself", func(s *competence.Scheme) { s.Sets[0].Requires = s.Sets[0].ID }, "Sets[0].Requires", "not-self"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := competence.DefaultScheme()
			tt.mut(&s)
			err := s.Validate()
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "%v", ve.Fields)
		})
	}
	t.Run("a chain into a missing set is reported where it breaks", func(t *testing.T) {
		s := competence.DefaultScheme()
		s.Sets[0].Requires = competence.ISMSAuditorSet
		s.Sets[1].Requires = "ghost"
		err := s.Validate()
		var ve *ismsaudit.ValidationError
		require.ErrorAs(t, err, &ve)
		want := []ismsaudit.FieldError{{Path: "Sets[1].Requires", Rule: ismsaudit.RuleUnknown, Value: "ghost"}}
		if d := cmp.Diff(want, ve.Fields, cmpopts.IgnoreFields(ismsaudit.FieldError{}, "Detail")); d != "" {
			t.Errorf("mismatch (-want +got):\n%s", d)
		}
	})
	t.Run("a chain of three sets is valid", func(t *testing.T) {
		s := competence.DefaultScheme()
		s.Sets[1].Requires = competence.InternalISMSAuditorSet
		require.NoError(t, s.Validate())
	})
	t.Run("decode", func(t *testing.T) {
		s := competence.DefaultScheme()
		data, err := json.Marshal(s)
		require.NoError(t, err)
		got, err := competence.DecodeScheme(data)
		require.NoError(t, err)
		if d := cmp.Diff(s, got, equateEmpty); d != "" {
			t.Errorf("mismatch (-want +got):\n%s", d)
		}
		_, err = competence.DecodeScheme([]byte(`{"sets":[{"id":"x","criteria":[{"id":"c","kind":"moods"}]}]}`))
		var ve *ismsaudit.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("Sets[0].Criteria[0].Kind", "enum"), "%v", ve.Fields)
	})
}

func TestCriteriaSetCriterion(t *testing.T) {
	s := competence.ISMSAuditor()
	c, ok := s.Criterion("isms-audits")
	require.True(t, ok)
	assert.Equal(t, competence.AuditCount, c.Kind)
	assert.Same(t, &s.Criteria[26], c, "the set's own criterion, not a copy")
	c, ok = s.Criterion("nope")
	assert.False(t, ok)
	assert.Nil(t, c)
}

// TestCriteriaSetRefusalNamesTheValue checks that a refused figure is
// reported as given.
func TestCriteriaSetRefusalNamesTheValue(t *testing.T) {
	s := competence.ISMSAuditor()
	s.Criteria[26].Min = 2.25
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, s.Validate(), &ve)
	require.Len(t, ve.Fields, 1)
	assert.Equal(t, "2.25", ve.Fields[0].Value)
}
