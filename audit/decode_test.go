package audit

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJSONRoundTrip encodes records in every state and decodes them
// back: nothing is lost, and the decoded record verifies.
func TestJSONRoundTrip(t *testing.T) {
	records := map[string]*Audit{"big": bigAudit(t, 50)}
	for s := range States() {
		records[string(s)] = auditIn(t, s)
	}
	for name, a := range records {
		t.Run(name, func(t *testing.T) {
			data, err := json.Marshal(a)
			require.NoError(t, err)
			got, err := Decode(data)
			require.NoError(t, err)
			if diff := cmp.Diff(a, got, equateEmpty); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
			require.NoError(t, Verify(got, nil))
		})
	}
}

// TestDecodeRefuses checks that Decode refuses malformed records with
// the path of the problem.
func TestDecodeRefuses(t *testing.T) {
	tests := []struct {
		name, json string
		want       problem
	}{
		{"syntax", `{"id": "A-1",`, problem{"", "json-syntax"}},
		{"trailing data", `{"id": "A-1"} {}`, problem{"", "json-trailing"}},
		{"unknown field", `{"id": "A-1", "colour": "red"}`, problem{"", "unknown-field"}},
		{"unknown state", `{"id": "A-1", "state": "paused"}`, problem{"State", "enum"}},
		{"unknown kind", `{"kind": "tourism"}`, problem{"Kind", "enum"}},
		{"wrong type", `{"id": 7}`, problem{"ID", "json-type"}},
		{"bad history event", `{"history": [{"from": "initiation", "event": "jump", "to": "closed"}]}`, problem{"History[0].Event", "enum"}},
		{"bad plan time", `{"plan": {"content": {"start": "tomorrow"}}}`, problem{"Plan.Content.Start", "json-type"}},
		{"bad role", `{"team": [{"name": "x", "role": "boss"}]}`, problem{"Team[0].Role", "enum"}},
		{"bad clearance", `{"report": {"distribution": [{"recipient": {"name": "x", "clearance": "secret"}}]}}`, problem{"Report.Distribution[0].Recipient.Clearance", "enum"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Decode([]byte(tt.json))
			assert.Nil(t, a)
			requireInvalid(t, err, tt.want)
		})
	}
}
