package competence_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/competence/competencetest"
	"github.com/stretchr/testify/require"
)

// roundTrip marshals v, unmarshals into a fresh value and compares.
func roundTrip[T any](t *testing.T, v T) {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var got T
	require.NoError(t, json.Unmarshal(data, &got), "%s", data)
	if d := cmp.Diff(v, got, equateEmpty); d != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", d)
	}
}

// richAuditor fills every field of a record.
func richAuditor(t tHelper) competence.Auditor {
	a := evaluatedFixture(t, "alice")
	a.Expert = true
	a.Education[0].Field, a.Education[0].Institution = "security", "TU"
	a.Work[0].Position = "admin"
	a.Training[0].Provider = "PECB"
	a.Audits[0].Auditee, a.Audits[0].Sector = "acme", "finance"
	a.Behaviours[0].Method, a.Behaviours[0].Note = competence.Observation, "witnessed audit"
	a.Skills[0].Assessed, a.Skills[0].Note = evaluationDay, "exam"
	a.TechnicalAreas = []string{"cloud"}
	a.Involvements = []competence.Involvement{{Kind: competence.Consulted, Auditee: "acme", Units: []string{"it"}, Processes: []string{"payroll"},
		Controls: []string{"8.8"}, From: evaluationDay.AddDate(-3, 0, 0), To: evaluationDay.AddDate(-2, 0, 0), Note: "gap analysis"}}
	a.Qualifications = []competence.Qualification{{Name: "LA", Issuer: "IRCA", Reference: "123", From: evaluationDay, Until: evaluationDay.AddDate(3, 0, 0)}}
	a.CPD[0].Area = competence.TechnologyThreats
	a.Unavailable = []competence.Period{{From: auditDay, To: auditDay.AddDate(0, 0, 3)}, {From: auditDay.AddDate(1, 0, 0)}}
	ev := &a.Evaluations[0]
	require.NoError(t, ev.Suspend("complaint", ismsaudit.Meta{At: evaluationDay.AddDate(0, 0, 1), By: "cb", Note: "minuted"}))
	require.NoError(t, ev.Fire(competence.ReEvaluate, ismsaudit.Meta{At: evaluationDay.AddDate(0, 0, 2), By: "cb"}))
	return a
}

func TestJSONRoundTrip(t *testing.T) {
	a := richAuditor(t)
	pool, err := competence.NewPool(basePool(t), nil)
	require.NoError(t, err)
	team, err := pool.SelectTeam(baseNeeds(competence.LanguageNeed("en"), competence.TechnicalAreaNeed("ot")), nil)
	require.NoError(t, err)
	_, err = pool.SelectTeam(baseNeeds(competence.LanguageNeed("fr"), competence.SectorNeed("space")), nil)
	var nt *competence.NoTeamError
	require.ErrorAs(t, err, &nt)
	scheme := competence.DefaultScheme()
	st, err := scheme.Standing(&a, competence.ISMSTeamLeaderSet, evaluationDay.AddDate(1, 1, 0))
	require.NoError(t, err)
	require.NotNil(t, st.Maintenance)
	nyc := competence.Decision{Assessment: twoCriteriaAssessment(false, 2), Actions: []competence.DevelopmentAction{{Action: "x", Criteria: []competence.CriterionID{"c2"}, Due: auditDay}},
		Round: 1, At: evaluationDay, By: "cb"}

	t.Run("Auditor", func(t *testing.T) { roundTrip(t, a) })
	t.Run("Evaluation", func(t *testing.T) { roundTrip(t, a.Evaluations[0]) })
	t.Run("Decision", func(t *testing.T) { roundTrip(t, nyc) })
	t.Run("Assessment", func(t *testing.T) { roundTrip(t, a.Evaluations[0].Decisions[0].Assessment) })
	t.Run("MethodResult", func(t *testing.T) { roundTrip(t, a.Evaluations[0].Results[0]) })
	t.Run("Scheme", func(t *testing.T) { roundTrip(t, scheme) })
	t.Run("CriteriaSet", func(t *testing.T) { roundTrip(t, competence.ISMSTeamLeader()) })
	t.Run("Standing", func(t *testing.T) { roundTrip(t, st) })
	t.Run("Conflicts", func(t *testing.T) {
		roundTrip(t, a.Conflicts(competence.Scope{Auditee: "acme"}, evaluationDay.AddDate(-2, -1, 0), nil))
	})
	t.Run("Team", func(t *testing.T) { roundTrip(t, team) })
	t.Run("NoTeamError", func(t *testing.T) { roundTrip(t, *nt) })
	t.Run("TeamNeeds", func(t *testing.T) {
		n := baseNeeds(competence.KnowledgeNeed(competence.RiskAssessment, competence.Expert), competence.LanguageNeed("de"))
		n.Until, n.MinAuditors, n.MaxAuditors, n.Exclude = auditDay.AddDate(0, 0, 2), 1, 3, []competence.AuditorID{"x"}
		n.Scope.Processes, n.Scope.Controls, n.Scope.Internal = []string{"p"}, []string{"5.1"}, true
		roundTrip(t, n)
	})
	t.Run("SelectOptions", func(t *testing.T) {
		roundTrip(t, competence.SelectOptions{AuditorSet: "a", LeaderSet: "b", Workload: map[competence.AuditorID]float64{"x": 1.5},
			Unavailable: []competence.AuditorID{"y"}, Independence: &competence.IndependenceOptions{CoolingOffMonths: 6}, MaxExact: -1})
	})
	t.Run("Rules", func(t *testing.T) { roundTrip(t, slices.Collect(competence.Rules())) })
	t.Run("Lifecycles", func(t *testing.T) { roundTrip(t, slices.Collect(competence.Lifecycles())) })
	t.Run("non-UTC times", func(t *testing.T) {
		b := a
		b.CPD = []competence.CPDRecord{{Activity: "x", Hours: 1.25, Date: time.Date(2024, 5, 6, 7, 8, 9, 10, time.FixedZone("", 5*3600+1800))}}
		roundTrip(t, b)
	})
	t.Run("enums are text", func(t *testing.T) {
		data, err := json.Marshal(struct {
			L competence.Level
			M []competence.Method
		}{competence.Expert, []competence.Method{competence.PostAuditReview}})
		require.NoError(t, err)
		require.JSONEq(t, `{"L":"expert","M":["post-audit-review"]}`, string(data))
	})
}

func FuzzDecodeAuditor(f *testing.F) {
	a := richAuditor(f)
	data, err := json.Marshal(a)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"id":"a","name":"A","skills":[{"area":"risk-assessment","level":"expert"}]}`))
	f.Add([]byte(`{"id":"a","name":"A","audits":[{"audit":"x","date":"2024-01-01T00:00:00Z","days":1e400,"role":"auditor"}]}`))
	f.Add([]byte(`{"id":"a","name":"A","evaluations":[{"id":"e","auditor":"a","criteria":"c","state":"competent","history":[{"from":"planned","event":"start","to":"in-progress","at":"2024-01-01T00:00:00Z","by":"x"}]}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := competence.DecodeAuditor(data)
		if err != nil {
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			return
		}
		again(t, a, competence.DecodeAuditor)
	})
}

func FuzzDecodePool(f *testing.F) {
	host := exampleScheme()
	for _, tc := range []struct {
		people []competence.Auditor
		scheme *competence.Scheme
	}{
		{[]competence.Auditor{richAuditor(f), competencetest.Expert("exp", competencetest.Profile{})}, nil},
		{[]competence.Auditor{exampleRecord("ana", "en", competence.Working)}, &host},
	} {
		pool, err := competence.NewPool(tc.people, tc.scheme)
		if err != nil {
			f.Fatal(err)
		}
		data, err := json.Marshal(pool.Document())
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"auditors":[{"id":"a","name":"A"}]}`))
	f.Add([]byte(`{"documentKind":"pool","formatVersion":1,"auditors":[]}`))
	f.Add([]byte(`{"documentKind":"pool","formatVersion":1,"scheme":null,"auditors":[{"documentKind":"auditor","formatVersion":1,"id":"a","name":"A"},{"id":"a","name":"B"}]}`))
	f.Add([]byte(`{"documentKind":"pool","formatVersion":2,"auditors":[]}`))
	f.Add([]byte(`{"auditors":[{"documentKind":"soa","formatVersion":1,"id":"a","name":"A"}]}`))
	f.Add([]byte(`{"scheme":{"sets":[{"id":"x","title":"X","role":"auditor","criteria":[{"id":"c","kind":"audits","min":2,"source":"s"}],"reevaluationMonths":12}]},"auditors":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		pool, err := competence.DecodePool(data)
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			require.Nil(t, pool)
			return
		}
		again(t, pool.Document(), decodePoolDocument)
	})
}

func FuzzDecodeEvaluation(f *testing.F) {
	a := richAuditor(f)
	for _, ev := range a.Evaluations {
		data, err := json.Marshal(ev)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"id":"e","auditor":"a","criteria":"c","state":"planned"}`))
	f.Add([]byte(`{"id":"e","auditor":"a","criteria":"c","state":"limbo","results":[{"method":"testing"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := competence.DecodeEvaluation(data)
		if err != nil {
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			return
		}
		again(t, ev, competence.DecodeEvaluation)
		// A decoded evaluation is consistent enough to take events.
		for e := range competence.EvaluationEvents() {
			c := ev
			_ = c.Fire(e, ismsaudit.Meta{At: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), By: "fuzz", Note: "r"})
			require.NoError(t, c.Validate())
		}
	})
}

func FuzzDecodeScheme(f *testing.F) {
	data, err := json.Marshal(competence.DefaultScheme())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"sets":[{"id":"x","title":"X","role":"auditor","criteria":[{"id":"c","kind":"audits","min":2,"source":"s"}],"reevaluationMonths":12,"requires":"x"}]}`))
	leader := competencetest.TeamLeader(f, "alice", profile)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := competence.DecodeScheme(data)
		if err != nil {
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			return
		}
		again(t, s, competence.DecodeScheme)
		// Standing never panics on a decoded scheme.
		for _, set := range s.Sets {
			_, err := s.Standing(&leader, set.ID, evaluationDay)
			require.NoError(t, err)
			_, err = competence.Evaluate(&leader, &set, nil, evaluationDay)
			require.NoError(t, err)
		}
	})
}

func FuzzDecodeTeamNeeds(f *testing.F) {
	n := baseNeeds(competence.KnowledgeNeed(competence.RiskAssessment, competence.Expert), competence.LanguageNeed("de"))
	data, err := json.Marshal(n)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"scope":{"auditee":"acme"},"at":"2025-01-01T00:00:00Z","needs":[{"kind":"leader"}],"minAuditors":-1}`))
	pool, err := competence.NewPool(basePool(f), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := competence.DecodeTeamNeeds(data)
		if err != nil {
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			return
		}
		again(t, n, competence.DecodeTeamNeeds)
		team, err := pool.SelectTeam(n, nil)
		if err == nil {
			require.NoError(t, pool.CheckTeam(team, n, nil))
		}
	})
}

// FuzzParse checks every enumeration parser: accepted text prints back
// unchanged and survives a text round trip.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"expert", "review-of-records", "team-leader", "", "Expert", "withdrawn", "own-work"} {
		f.Add(s)
	}
	check := func(t *testing.T, s string, v interface {
		String() string
		MarshalText() ([]byte, error)
	}, err error) {
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			return
		}
		require.Equal(t, s, v.String())
		b, err := v.MarshalText()
		require.NoError(t, err)
		require.Equal(t, s, string(b))
	}
	f.Fuzz(func(t *testing.T, s string) {
		v1, err := competence.ParseLevel(s)
		check(t, s, v1, err)
		v2, err := competence.ParseMethod(s)
		check(t, s, v2, err)
		v3, err := competence.ParseRole(s)
		check(t, s, v3, err)
		v4, err := competence.ParseKnowledgeArea(s)
		check(t, s, v4, err)
		v5, err := competence.ParseEvaluationState(s)
		check(t, s, v5, err)
		v6, err := competence.ParseConflictReason(s)
		check(t, s, v6, err)
		v7, err := competence.ParseCriterionKind(s)
		check(t, s, v7, err)
		v8, err := competence.ParseBehaviour(s)
		check(t, s, v8, err)
	})
}

// again re-encodes a decoded value, decodes it once more and compares:
// what decoding accepts, encoding reproduces.
func again[T any](t *testing.T, v T, decode func([]byte) (T, error)) {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	got, err := decode(data)
	require.NoError(t, err, "%s", data)
	if d := cmp.Diff(v, got, equateEmpty); d != "" {
		t.Fatalf("round trip mismatch (-want +got):\n%s", d)
	}
}
