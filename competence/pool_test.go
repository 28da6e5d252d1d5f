package competence_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/competence/competencetest"
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

// records returns copies of the pool's records, in its order.
func records(p *competence.Pool) []competence.Auditor {
	var out []competence.Auditor
	for a := range p.All() {
		out = append(out, *a)
	}
	return out
}

// decodePoolDocument decodes a pool document and returns the document of
// the pool it builds.
func decodePoolDocument(data []byte) (competence.PoolDocument, error) {
	p, err := competence.DecodePool(data)
	if err != nil {
		return competence.PoolDocument{}, err
	}
	return p.Document(), nil
}

func TestPoolDocumentRoundTrip(t *testing.T) {
	host := exampleScheme()
	defaults := competence.DefaultScheme()
	tests := []struct {
		name   string
		people []competence.Auditor
		scheme *competence.Scheme
	}{
		{"default scheme", basePool(t), nil},
		{"default scheme given", basePool(t), &defaults},
		{"host scheme", []competence.Auditor{exampleRecord("ana", "en", competence.Working), exampleRecord("ben", "de", competence.Expert)}, &host},
		{"every field", []competence.Auditor{richAuditor(t)}, nil},
		{"records with and without their envelope", []competence.Auditor{
			competencetest.TeamLeader(t, "lee", competencetest.Profile{}),
			competencetest.Expert("exp", competencetest.Profile{}),
		}, nil},
		{"empty", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pool, err := competence.NewPool(tt.people, tt.scheme)
			require.NoError(t, err)
			doc := pool.Document()
			assert.Equal(t, tt.scheme != nil, doc.Scheme != nil, "the document names a scheme when the pool was given one")
			data, err := json.Marshal(doc)
			require.NoError(t, err)
			assert.True(t, bytes.HasPrefix(data, []byte(`{"documentKind":"pool","formatVersion":1,`)), "%s", data)
			back, err := competence.DecodePool(data)
			require.NoError(t, err, "%s", data)
			if diff := cmp.Diff(doc, back.Document(), equateEmpty); diff != "" {
				t.Errorf("document mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(records(pool), records(back), equateEmpty); diff != "" {
				t.Errorf("records mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(pool.Scheme(), back.Scheme(), equateEmpty); diff != "" {
				t.Errorf("scheme mismatch (-want +got):\n%s", diff)
			}
			assert.Equal(t, pool.Len(), back.Len())
		})
	}
}

func TestPoolDocumentEmpty(t *testing.T) {
	pool, err := competence.NewPool(nil, nil)
	require.NoError(t, err)
	data, err := json.Marshal(pool.Document())
	require.NoError(t, err)
	assert.JSONEq(t, `{"documentKind":"pool","formatVersion":1,"auditors":[]}`, string(data))
}

func TestDecodePoolVersion0(t *testing.T) {
	// A document without the envelope, its records without theirs and
	// no scheme: read as it is, judged by the default scheme.
	people := []competence.Auditor{competencetest.Expert("exp", competencetest.Profile{}), exampleRecord("ana", "en", competence.Working)}
	v0, err := json.Marshal(struct {
		Auditors []competence.Auditor `json:"auditors"`
	}{people})
	require.NoError(t, err)
	env, err := ismsaudit.ReadEnvelope(v0)
	require.NoError(t, err)
	require.Equal(t, ismsaudit.Envelope{}, env)

	pool, err := competence.DecodePool(v0)
	require.NoError(t, err)
	doc := pool.Document()
	assert.Equal(t, ismsaudit.KindPool, doc.DocumentKind)
	assert.Equal(t, ismsaudit.CurrentFormat, doc.FormatVersion)
	assert.Nil(t, doc.Scheme, "nil scheme means the default")
	if diff := cmp.Diff(competence.DefaultScheme(), *pool.Scheme()); diff != "" {
		t.Errorf("scheme mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(people, doc.Auditors, equateEmpty); diff != "" {
		t.Errorf("records mismatch (-want +got):\n%s", diff)
	}

	// Migrated first, it decodes to the same pool.
	v1, err := ismsaudit.Migrate(ismsaudit.KindPool, v0)
	require.NoError(t, err)
	migrated, err := competence.DecodePool(v1)
	require.NoError(t, err)
	if diff := cmp.Diff(doc, migrated.Document(), equateEmpty); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestDecodePoolEnvelope(t *testing.T) {
	t.Run("another kind", func(t *testing.T) {
		data, err := json.Marshal(competencetest.Auditor(t, "ana", competencetest.Profile{}))
		require.NoError(t, err)
		_, err = competence.DecodePool(data)
		require.ErrorIs(t, err, ismsaudit.ErrInvalid)
		var ke *ismsaudit.KindError
		require.ErrorAs(t, err, &ke)
		assert.Equal(t, ismsaudit.KindError{Want: ismsaudit.KindPool, Found: ismsaudit.KindAuditor}, *ke)
	})
	for _, v := range []string{"2", "-1"} {
		t.Run("version "+v, func(t *testing.T) {
			_, err := competence.DecodePool([]byte(`{"documentKind":"pool","formatVersion":` + v + `,"auditors":[]}`))
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.VersionError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, ismsaudit.KindPool, ve.Kind)
			assert.Equal(t, []ismsaudit.FormatVersion{0, 1}, ve.Supported)
		})
	}
	t.Run("pool given to DecodeAuditor", func(t *testing.T) {
		pool, err := competence.NewPool(nil, nil)
		require.NoError(t, err)
		data, err := json.Marshal(pool.Document())
		require.NoError(t, err)
		_, err = competence.DecodeAuditor(data)
		var ke *ismsaudit.KindError
		require.ErrorAs(t, err, &ke)
		assert.Equal(t, ismsaudit.KindError{Want: ismsaudit.KindAuditor, Found: ismsaudit.KindPool}, *ke)
	})
}

func TestDecodePoolInvalid(t *testing.T) {
	type field struct {
		path string
		rule ismsaudit.RuleID
	}
	const ana = `{"id":"ana","name":"Ana"}`
	tests := []struct {
		name string
		doc  string
		want []field
	}{
		{"unknown member", `{"documentKind":"pool","formatVersion":1,"auditors":[],"colour":"red"}`,
			[]field{{"", ismsaudit.RuleUnknownField}}},
		{"unknown member of a record", `{"auditors":[{"id":"ana","name":"Ana","colour":"red"}]}`,
			[]field{{"Auditors[0]", ismsaudit.RuleUnknownField}}},
		{"wrong type", `{"auditors":{}}`, []field{{"Auditors", ismsaudit.RuleJSONType}}},
		{"no auditors", `{"documentKind":"pool","formatVersion":1}`, []field{{"Auditors", ismsaudit.RuleRequired}}},
		{"null auditors", `{"auditors":null}`, []field{{"Auditors", ismsaudit.RuleRequired}}},
		{"duplicate ids and invalid records, all at once",
			`{"auditors":[` + ana + `,{"id":"ana","name":"Ana again"},{"id":"cy","name":""},{"id":"dee","name":"Dee","training":[{"course":"LA","kind":"isms-lead-auditor-course","hours":0,"completed":"2024-02-02T00:00:00Z"}]}]}`,
			[]field{{"Auditors[1].ID", ismsaudit.RuleUnique}, {"Auditors[2].Name", ismsaudit.RuleRequired}, {"Auditors[3].Training[0].Hours", "gt"}}},
		{"evaluation against a set the scheme lacks",
			`{"auditors":[{"id":"ana","name":"Ana","evaluations":[{"id":"e","auditor":"ana","criteria":"nope","state":"planned"}]}]}`,
			[]field{{"Auditors[0].Evaluations[0].Criteria", ismsaudit.RuleUnknown}}},
		{"invalid scheme", `{"scheme":{"sets":[]},"auditors":[` + ana + `]}`, []field{{"Scheme.Sets", ismsaudit.RuleRequired}}},
		{"record of another kind", `{"auditors":[` + ana + `,{"documentKind":"soa","formatVersion":1,"id":"ben","name":"Ben"}]}`,
			[]field{{"Auditors[1].DocumentKind", ismsaudit.RuleEnum}}},
		{"record of a newer version", `{"auditors":[{"documentKind":"auditor","formatVersion":2,"id":"ana","name":"Ana"}]}`,
			[]field{{"Auditors[0].FormatVersion", ismsaudit.RuleRange}}},
		{"record with a kind but no version", `{"auditors":[{"documentKind":"auditor","id":"ana","name":"Ana"}]}`,
			[]field{{"Auditors[0].FormatVersion", ismsaudit.RuleRequired}}},
		{"record with a version but no kind", `{"auditors":[{"formatVersion":1,"id":"ana","name":"Ana"}]}`,
			[]field{{"Auditors[0].DocumentKind", ismsaudit.RuleRequired}}},
		{"envelope and record problems together",
			`{"auditors":[{"documentKind":"checklist","formatVersion":1,"id":"ana","name":""},` + ana + `]}`,
			[]field{{"Auditors[0].DocumentKind", ismsaudit.RuleEnum}, {"Auditors[0].Name", ismsaudit.RuleRequired}, {"Auditors[1].ID", ismsaudit.RuleUnique}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pool, err := competence.DecodePool([]byte(tt.doc))
			require.Error(t, err)
			assert.Nil(t, pool)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			for _, f := range tt.want {
				assert.True(t, ve.Has(f.path, f.rule), "want %s %s in %v", f.path, f.rule, ve.Fields)
			}
			assert.Len(t, ve.Fields, len(tt.want), "%v", ve.Fields)
		})
	}
}

// TestPoolDocumentList shows that the document's list of records is the
// caller's: replacing or dropping records leaves the pool as it was.
func TestPoolDocumentList(t *testing.T) {
	pool, err := competence.NewPool(basePool(t), nil)
	require.NoError(t, err)
	want := ids(pool)
	doc := pool.Document()
	doc.Auditors[0] = competence.Auditor{ID: "changed"}
	doc.Auditors = doc.Auditors[:1]
	assert.Equal(t, want, ids(pool))
	_, ok := pool.Auditor(want[0])
	assert.True(t, ok)
}

// ids lists the ids of the pool's records, in its order.
func ids(p *competence.Pool) []competence.AuditorID {
	var out []competence.AuditorID
	for a := range p.All() {
		out = append(out, a.ID)
	}
	return out
}
