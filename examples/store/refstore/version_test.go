package refstore

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormatVersion(t *testing.T) {
	for _, tc := range []struct {
		doc   string
		want  string
		valid bool
	}{
		{`{"id":"A-1","evidence":[{"formatVersion":9}]}`, "", false},
		{`{"kind":"audit","formatVersion":2,"id":"A-1"}`, "2", true},
		{`{"id":"A-1","formatVersion":"1.0"}`, "1.0", true},
		{` { "note" : "say \"formatVersion\":3" , "formatVersion" : 4 } `, "4", true},
		{`{"formatVersion":null}`, "", false},
		{`{}`, "", false},
	} {
		got, err := formatVersion([]byte(tc.doc))
		require.NoError(t, err, tc.doc)
		assert.Equal(t, tc.valid, got.Valid, tc.doc)
		assert.Equal(t, tc.want, got.String, tc.doc)
	}
	for _, doc := range []string{``, `[]`, `{"a"`, `{"a":}`, `{"a":[1}`} {
		_, err := topLevelMember([]byte(doc), "b")
		assert.Error(t, err, doc)
	}
}

// FuzzTopLevelMember checks the scanner against encoding/json on every
// JSON object.
func FuzzTopLevelMember(f *testing.F) {
	f.Add([]byte(`{"kind":"audit","formatVersion":2,"id":"A-1"}`), "formatVersion")
	f.Add([]byte(`{"a":{"formatVersion":[1,{"x":"\\\""}]},"formatVersion":"v"}`), "formatVersion")
	f.Add([]byte(`{"a" : [ ] , "b":true}`), "b")
	f.Fuzz(func(t *testing.T, doc []byte, name string) {
		var members map[string]json.RawMessage
		if json.Unmarshal(doc, &members) != nil || members == nil {
			return
		}
		var keys []string
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.Token()
		for dec.More() {
			k, _ := dec.Token()
			keys = append(keys, k.(string))
			var v json.RawMessage
			dec.Decode(&v)
		}
		got, err := topLevelMember(doc, name)
		require.NoError(t, err)
		want, ok := members[name]
		count := 0
		for _, k := range keys {
			if k == name {
				count++
			}
		}
		if count > 1 {
			return // encoding/json keeps the last, the scanner the first
		}
		if !ok {
			assert.Nil(t, got)
			return
		}
		assert.JSONEq(t, string(want), string(got))
	})
}
