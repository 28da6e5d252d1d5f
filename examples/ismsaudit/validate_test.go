package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValidate runs the built command on the compatibility corpus's
// current documents (every kind), on a migrated example record and on
// broken ones.
func TestValidate(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*", "v1", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	r := runCommand(t, nil, append([]string{"validate"}, files...)...)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.Equal(t, len(files), strings.Count(r.stdout, ": valid "), r.stdout)

	// The example record is stored in format version 0, which has no
	// schema: validate names the way out; migrated, it validates.
	r = runCommand(t, nil, "validate", filepath.Join("testdata", "internal-audit.json"))
	require.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "format version 0")
	assert.Contains(t, r.stderr, "ismsaudit migrate")
	m := runCommand(t, nil, "migrate", filepath.Join("testdata", "internal-audit.json"))
	require.Equal(t, 0, m.code, m.stderr)
	r = runCommand(t, []byte(m.stdout), "validate", "-format", "json", "-")
	require.Equal(t, 0, r.code, r.stderr)
	var got []validation
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	require.Len(t, got, 1)
	assert.Equal(t, validation{File: "-", Kind: "audit", Schema: "https://github.com/ismsaudit/ismsaudit/schema/audit.schema.json", Valid: true, Problems: []schemaProblem{}}, got[0])

	// An unknown enumeration value and a missing required member are each
	// named by their pointer, array indexes ordered as numbers.
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(m.stdout), &doc))
	ev := doc["evidence"].([]any)
	require.Greater(t, len(ev), 10)
	ev[2].(map[string]any)["confidentiality"] = "top-secret"
	ev[10].(map[string]any)["confidentiality"] = "top-secret"
	delete(doc, "id")
	bad, err := json.Marshal(doc)
	require.NoError(t, err)
	dir := t.TempDir()
	badFile := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(badFile, bad, 0o644))
	r = runCommand(t, nil, "validate", "-format", "json", badFile)
	require.Equal(t, 1, r.code, r.stderr)
	got = nil
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	require.Len(t, got, 1)
	assert.False(t, got[0].Valid)
	var pointers, keywords []string
	for _, p := range got[0].Problems {
		pointers, keywords = append(pointers, p.Pointer), append(keywords, p.Keyword)
	}
	assert.Equal(t, []string{"", "/evidence/2/confidentiality", "/evidence/10/confidentiality"}, pointers)
	assert.Equal(t, []string{"required", "enum", "enum"}, keywords)
	assert.Contains(t, got[0].Problems[0].Message, "id")
	r = runCommand(t, nil, "validate", badFile)
	require.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, "bad.json: audit document does not validate against https://github.com/ismsaudit/ismsaudit/schema/audit.schema.json: 3 problems\n  (the document): ")
	assert.Contains(t, r.stdout, "\n  /evidence/10/confidentiality: value must be one of 'public', 'internal', 'restricted' (enum)\n")

	// One bad document among good ones fails the run; each is reported.
	r = runCommand(t, nil, "validate", files[0], badFile)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, ": valid ")

	// Unreadable input: exit 2, nothing on standard output.
	for name, tc := range map[string]struct {
		stdin []byte
		args  []string
		want  string
	}{
		"not JSON":         {[]byte("not json"), []string{"validate", "-"}, "ismsaudit validate: -: "},
		"unknown kind":     {[]byte(`{"documentKind":"memo","formatVersion":1}`), []string{"validate", "-"}, "memo"},
		"missing file":     {nil, []string{"validate", filepath.Join(dir, "none.json")}, "none.json"},
		"stdin twice":      {nil, []string{"validate", "-", "-"}, "more than once"},
		"no file":          {nil, []string{"validate"}, "missing FILE"},
		"bad format value": {nil, []string{"validate", "-format", "xml", "-"}, "text, json"},
	} {
		t.Run(name, func(t *testing.T) {
			r := runCommand(t, tc.stdin, tc.args...)
			assert.Equal(t, 2, r.code)
			assert.Empty(t, r.stdout)
			assert.Contains(t, r.stderr, tc.want)
		})
	}
	r = runCommand(t, nil, "validate", "-h")
	assert.Equal(t, 0, r.code)
	assert.Contains(t, r.stderr, "usage: ismsaudit validate [flags] FILE|-...")
}
