package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/schema"
)

func TestSchema(t *testing.T) {
	for k := range ismsaudit.DocumentKinds() {
		t.Run(string(k), func(t *testing.T) {
			r := runCommand(t, nil, "schema", string(k))
			require.Equal(t, 0, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			var doc map[string]any
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc))
			assert.Equal(t, schema.ID(k), doc["$id"])
			want, err := schema.For(k)
			require.NoError(t, err)
			assert.JSONEq(t, string(want), r.stdout)
		})
	}
	for _, args := range [][]string{{"schema"}, {"schema", "memo"}, {"schema", "audit", "programme"}} {
		r := runCommand(t, nil, args...)
		assert.Equal(t, 2, r.code, args)
		assert.Empty(t, r.stdout, args)
		assert.Contains(t, r.stderr, "audit, programme, soa, checklist, auditor, audit-report, programme-report, pool", args)
	}
}
