package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
)

func TestMigrate(t *testing.T) {
	dir := samples(t)

	// The committed records were written before documents carried their
	// kind and format version: migrated, they say both, decode to the
	// same record, and still verify with their seal.
	for _, name := range []string{recordFile, copyFile} {
		t.Run(name, func(t *testing.T) {
			old := filepath.Join("testdata", name)
			r := runCommand(t, nil, "migrate", old)
			require.Equal(t, 0, r.code, r.stderr)
			env, err := ismsaudit.ReadEnvelope([]byte(r.stdout))
			require.NoError(t, err)
			assert.Equal(t, ismsaudit.Envelope{Kind: ismsaudit.KindAudit, Version: ismsaudit.CurrentFormat}, env)
			before, err := audit.Decode(readFile(t, old))
			require.NoError(t, err)
			after, err := audit.Decode([]byte(r.stdout))
			require.NoError(t, err)
			if diff := cmp.Diff(before, after); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}

			migrated := filepath.Join(t.TempDir(), name)
			require.NoError(t, writeFile(migrated, r.stdout))
			r = runCommand(t, nil, "seal", migrated, "-key", filepath.Join("testdata", keysFile))
			assert.Equal(t, 0, r.code, r.stdout+r.stderr)

			// A current document comes back as it is.
			again := runCommand(t, nil, "migrate", migrated)
			require.Equal(t, 0, again.code, again.stderr)
			assert.True(t, string(readFile(t, migrated)) == again.stdout, "a current document changed")
		})
	}

	t.Run("programme, from standard input", func(t *testing.T) {
		prog := writeJSON(t, dir, "programme.json", sampleProgramme(t))
		var v0 map[string]any
		require.NoError(t, json.Unmarshal(readFile(t, prog), &v0))
		delete(v0, ismsaudit.MemberDocumentKind)
		delete(v0, ismsaudit.MemberFormatVersion)
		data, err := json.Marshal(v0)
		require.NoError(t, err)
		r := runCommand(t, data, "migrate", "-")
		require.Equal(t, 0, r.code, r.stderr)
		env, err := ismsaudit.ReadEnvelope([]byte(r.stdout))
		require.NoError(t, err)
		assert.Equal(t, ismsaudit.KindProgramme, env.Kind)
	})

	// An auditor pool of the compatibility corpus, in both versions: the
	// old one needs -kind, the current one comes back as it is.
	t.Run("pool", func(t *testing.T) {
		corpus := filepath.Join("..", "..", "testdata", "corpus", string(ismsaudit.KindPool))
		old := filepath.Join(corpus, "v0", "certification.json")
		r := runCommand(t, nil, "migrate", old)
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, "give -kind (valid: ")
		assert.Contains(t, r.stderr, "pool")

		r = runCommand(t, nil, "migrate", "-kind", "pool", old)
		require.Equal(t, 0, r.code, r.stderr)
		env, err := ismsaudit.ReadEnvelope([]byte(r.stdout))
		require.NoError(t, err)
		assert.Equal(t, ismsaudit.Envelope{Kind: ismsaudit.KindPool, Version: ismsaudit.CurrentFormat}, env)
		before, err := competence.DecodePool(readFile(t, old))
		require.NoError(t, err)
		after, err := competence.DecodePool([]byte(r.stdout))
		require.NoError(t, err)
		if diff := cmp.Diff(before.Document(), after.Document(), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}

		current := filepath.Join(corpus, "v1", "certification.json")
		r = runCommand(t, nil, "migrate", current)
		require.Equal(t, 0, r.code, r.stderr)
		assert.True(t, string(readFile(t, current)) == r.stdout, "a current document changed")

		r = runCommand(t, nil, "migrate", "-kind", "auditor", current)
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, `is a "pool", not a "auditor"`)
	})

	tests := []struct {
		name  string
		input string
		args  []string
		want  string
	}{
		{"newer version", `{"documentKind":"audit","formatVersion":99}`, nil, "format version 99, which this version does not read (supported: 0, "},
		{"no kind", `{"title":"?"}`, nil, "give -kind (valid: audit, programme, soa"},
		{"unknown -kind", `{}`, []string{"-kind", "memo"}, "valid: audit, programme, soa"},
		{"another kind", `{"documentKind":"soa","formatVersion":1}`, []string{"-kind", "audit"}, `is a "soa", not a "audit"`},
		{"not a record", `{"id": "A-1", "colour": "blue"}`, []string{"-kind", "audit"}, "not a valid record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCommand(t, []byte(tt.input), append(append([]string{"migrate"}, tt.args...), "-")...)
			assert.Equal(t, 2, r.code)
			assert.Empty(t, r.stdout)
			assert.Contains(t, r.stderr, tt.want)
		})
	}
}

// TestMigrateDecoders checks that migrate reads every document kind.
func TestMigrateDecoders(t *testing.T) {
	for k := range ismsaudit.DocumentKinds() {
		assert.Contains(t, decoders, k)
	}
	assert.Len(t, decoders, len(slices.Collect(ismsaudit.DocumentKinds())))
}
