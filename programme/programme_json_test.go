package programme

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
)

// withSchedule adds a schedule and a cycle so the round trip covers the
// whole record.
func withSchedule(p *Programme) {
	p.Schedule = []ScheduledAudit{{
		ID: "ia-1", Kind: annexa.Internal, Auditee: "Example Ltd", Sites: []SiteID{"HQ"},
		Clauses: []annexa.ClauseID{"9.2"}, Controls: []annexa.ControlID{"5.15"},
		Due: Window{Earliest: onDay(60), Latest: onDay(90)}, Start: onDay(70), Days: 2.5,
		Team:  &competence.Team{Leader: "alice", Members: []competence.Member{{Auditor: "alice", Role: competence.RoleTeamLeader}}, Method: competence.Exact, LowerBound: 1},
		Audit: "a-1",
	}}
	c, err := PlanCycle(CycleOptions{ID: "cert", Auditee: "Example Ltd", Decision: onDay(10)})
	if err != nil {
		panic(err) // fixed input; a failure is a bug in the fixture
	}
	p.Cycles = []Cycle{c}
}

func TestProgrammeJSONRoundTrip(t *testing.T) {
	p := richProgramme(t)
	withSchedule(p)
	data, err := json.Marshal(p)
	require.NoError(t, err)
	got, err := Decode(data)
	require.NoError(t, err)
	if d := cmp.Diff(p, got, equateEmpty); d != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", d)
	}
	require.NoError(t, Verify(got))
	for _, token := range []string{`"state":"implementing"`, `"kind":"opportunity"`, `"category":"auditee-availability"`, `"level":"high"`, `"event":"plan-treatment"`, `"acceptable":"low"`, `"direction":"at-least"`, `"roles":["extent"`} {
		assert.Contains(t, string(data), token)
	}
}

// TestProgrammeJSONTypes round-trips every other exported type of the
// programme area.
func TestProgrammeJSONTypes(t *testing.T) {
	ext, res := completeExtent(), completeResources()
	m := DefaultMatrix()
	p := richProgramme(t)
	values := []any{
		completeOptions(),
		Changes{Objectives: twoObjectives(), Extent: &ext, Resources: &res, Matrix: &m, Implements: []ActionID{"act-1"}},
		p.Risks[riskAt(t, p, "t1")],
		p.Previous[0].Reviews[1],
		lifecycleNamed(t, "programme.programme"),
		lifecycleNamed(t, "programme.risk"),
		DefaultMatrix(),
	}
	for _, v := range values {
		data, err := json.Marshal(v)
		require.NoError(t, err)
		ptr := newOf(v)
		require.NoError(t, json.Unmarshal(data, ptr))
		if d := cmp.Diff(v, elemOf(ptr), equateEmpty); d != "" {
			t.Errorf("%T round trip mismatch (-want +got):\n%s", v, d)
		}
	}
}

func newOf(v any) any {
	switch v.(type) {
	case NewOptions:
		return new(NewOptions)
	case Changes:
		return new(Changes)
	case Risk:
		return new(Risk)
	case Review:
		return new(Review)
	case ismsaudit.Lifecycle:
		return new(ismsaudit.Lifecycle)
	case RiskMatrix:
		return new(RiskMatrix)
	}
	panic("no case")
}

func elemOf(p any) any {
	switch p := p.(type) {
	case *NewOptions:
		return *p
	case *Changes:
		return *p
	case *Risk:
		return *p
	case *Review:
		return *p
	case *ismsaudit.Lifecycle:
		return *p
	case *RiskMatrix:
		return *p
	}
	panic("no case")
}

func TestProgrammeEnumsText(t *testing.T) {
	_, err := json.Marshal(struct{ S State }{"paused"})
	require.ErrorIs(t, err, ismsaudit.ErrInvalid, "an invalid enum is never written")
	for _, parse := range []func(string) error{
		func(s string) error { _, err := ParseState(s); return err },
		func(s string) error { _, err := ParseEvent(s); return err },
		func(s string) error { _, err := ParseManagerRole(s); return err },
		func(s string) error { _, err := ParseDirection(s); return err },
		func(s string) error { _, err := ParseRiskKind(s); return err },
		func(s string) error { _, err := ParseRiskCategory(s); return err },
		func(s string) error { _, err := ParseRiskLevel(s); return err },
		func(s string) error { _, err := ParseRiskState(s); return err },
		func(s string) error { _, err := ParseRiskEvent(s); return err },
		func(s string) error { _, err := ParseReviewInputKind(s); return err },
	} {
		err := parse("nonsense")
		var pe *ismsaudit.ParseError
		require.ErrorAs(t, err, &pe)
		assert.NotEmpty(t, pe.Valid)
	}
	level, err := ParseRiskLevel("very-high")
	require.NoError(t, err)
	assert.Equal(t, 1, level.Compare(LevelHigh))
	assert.Equal(t, -1, LevelLow.Compare(LevelMedium))
	assert.Equal(t, 8, len(riskCategorySet.Values()), "19011 5.3 a-h")
	var n int
	for range ReviewInputKinds() {
		n++
	}
	assert.Equal(t, 8, n)
}

func TestProgrammeDecodeErrors(t *testing.T) {
	good, err := json.Marshal(richProgramme(t))
	require.NoError(t, err)
	tests := []struct {
		name string
		data string
		path string
		rule ismsaudit.RuleID
	}{
		{"syntax", `{"id":`, "", "json-syntax"},
		{"trailing data", `{"id":"p","version":1} {}`, "", "json-trailing"},
		{"unknown field", `{"id":"p","colour":"red"}`, "", "unknown-field"},
		{"bad state", strings.Replace(string(good), `"state":"implementing"`, `"state":"paused"`, 1), "State", "enum"},
		{"bad risk level", strings.Replace(string(good), `"level":"high"`, `"level":"huge"`, 1), "", "enum"},
		{"version as text", `{"id":"p","version":"one"}`, "Version", "json-type"},
		{"no id", `{"version":1,"state":"draft","createdAt":"2026-01-05T09:00:00Z","createdBy":"pm","history":[]}`, "ID", "required"},
		{"duplicate risk id", strings.Replace(string(good), `"id":"t2"`, `"id":"t1"`, 1), "Risks[9].ID", "unique"},
		{"duplicate review id", strings.Replace(string(good), `"id":"rev-2"`, `"id":"rev-1"`, 1), "Reviews[1].ID", "unique"},
		{"risk without owner", strings.Replace(string(good), `"owner":"pm"`, `"owner":""`, 1), "Risks[0].Owner", "required"},
		{"earlier version without creator", strings.Replace(string(good), `"createdBy":"pm"`, `"createdBy":""`, 2), "Previous[0].CreatedBy", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Decode([]byte(tt.data))
			assert.Nil(t, p)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %s at %q in %v", tt.rule, tt.path, ve.Fields)
		})
	}
}

// FuzzProgrammeDecode: Decode never panics; what it accepts, Verify
// checks without panicking, and it encodes and decodes back to the same
// programme.
func FuzzProgrammeDecode(f *testing.F) {
	rich := richProgramme(f)
	withSchedule(rich)
	for _, p := range []*Programme{rich, inState(f, StateDraft), inState(f, StateClosed)} {
		data, err := json.Marshal(p)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte(`{"id":"p","version":1,"state":"draft","createdAt":"2026-01-05T09:00:00Z","createdBy":"pm","history":[],"extent":{},"resources":{},"records":{},"matrix":{"likelihood":[{"value":1,"name":"a"}],"impact":[{"value":1,"name":"a"}],"levels":[["low"]],"acceptable":"low"}}`))
	f.Add([]byte(`{"id":"p","version":2,"previous":[{"id":"p","version":1,"previous":[{}]}]}`))
	f.Add([]byte(`{"risks":[{"history":[{"from":"identified","event":"assess","to":"assessed"}],"assessments":[{"likelihood":-1,"impact":99,"version":-5}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode(data)
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			return
		}
		_ = Verify(p)
		_ = p.Permitted()
		_ = p.OpenActions()
		out, err := json.Marshal(p)
		require.NoError(t, err)
		back, err := Decode(out)
		require.NoError(t, err)
		if d := cmp.Diff(p, back, equateEmpty); d != "" {
			t.Fatalf("round trip mismatch (-want +got):\n%s", d)
		}
	})
}
