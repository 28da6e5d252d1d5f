package ismsaudit_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
)

func TestDocumentKindText(t *testing.T) {
	for k := range ismsaudit.DocumentKinds() {
		require.True(t, k.IsValid(), k)
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back ismsaudit.DocumentKind
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, k, back)
		require.Equal(t, ismsaudit.CurrentFormat, k.FormatVersion())
		require.Equal(t, []ismsaudit.FormatVersion{0, 1}, slices.Collect(k.SupportedVersions()))
	}
	for _, bad := range []string{"", "Audit", "invoice"} {
		_, err := ismsaudit.ParseDocumentKind(bad)
		var pe *ismsaudit.ParseError
		require.ErrorAs(t, err, &pe, bad)
		require.ErrorIs(t, err, ismsaudit.ErrInvalid)
		require.NotEmpty(t, pe.Valid)
		_, err = ismsaudit.DocumentKind(bad).MarshalText()
		if bad != "" {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
		}
	}
	require.Zero(t, ismsaudit.DocumentKind("x").FormatVersion())
	require.Empty(t, slices.Collect(ismsaudit.DocumentKind("x").SupportedVersions()))
}

// TestDocumentKindsOrder pins the order of the document kinds: the list
// is append only, and a new kind goes at its end.
func TestDocumentKindsOrder(t *testing.T) {
	want := []ismsaudit.DocumentKind{
		ismsaudit.KindAudit, ismsaudit.KindProgramme, ismsaudit.KindSoA, ismsaudit.KindChecklist, ismsaudit.KindAuditor,
		ismsaudit.KindAuditReport, ismsaudit.KindProgrammeReport, ismsaudit.KindPool,
	}
	if diff := cmp.Diff(want, slices.Collect(ismsaudit.DocumentKinds())); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	tokens := []string{"audit", "programme", "soa", "checklist", "auditor", "audit-report", "programme-report", "pool"}
	for i, k := range want {
		require.Equal(t, tokens[i], k.String())
	}
}

func TestReadEnvelope(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want ismsaudit.Envelope
	}{
		{"current", `{"documentKind":"audit","formatVersion":1,"id":"A"}`, ismsaudit.Envelope{Kind: ismsaudit.KindAudit, Version: 1}},
		{"indented", "{\n  \"documentKind\": \"soa\",\n  \"formatVersion\": 1\n}", ismsaudit.Envelope{Kind: ismsaudit.KindSoA, Version: 1}},
		{"anywhere", `{"id":"A","x":{"documentKind":"soa"},"y":["}",{"a":"\""}],"formatVersion":7,"documentKind":"audit"}`, ismsaudit.Envelope{Kind: ismsaudit.KindAudit, Version: 7}},
		{"version 0", `{"id":"A","kind":"internal"}`, ismsaudit.Envelope{}},
		{"empty", `{}`, ismsaudit.Envelope{}},
		{"not an object", `null`, ismsaudit.Envelope{}},
		{"broken", `{"id":`, ismsaudit.Envelope{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ismsaudit.ReadEnvelope([]byte(tc.in))
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
	for _, tc := range []struct {
		name string
		in   string
		path string
		rule ismsaudit.RuleID
	}{
		{"kind not a string", `{"documentKind":1,"formatVersion":1}`, "DocumentKind", ismsaudit.RuleJSONType},
		{"unknown kind", `{"documentKind":"invoice","formatVersion":1}`, "DocumentKind", ismsaudit.RuleEnum},
		{"version not an integer", `{"documentKind":"audit","formatVersion":"1"}`, "FormatVersion", ismsaudit.RuleJSONType},
		{"version a fraction", `{"documentKind":"audit","formatVersion":1.5}`, "FormatVersion", ismsaudit.RuleJSONType},
		{"kind alone", `{"documentKind":"audit"}`, "FormatVersion", ismsaudit.RuleRequired},
		{"version alone", `{"formatVersion":1}`, "DocumentKind", ismsaudit.RuleRequired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ismsaudit.ReadEnvelope([]byte(tc.in))
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			require.True(t, ve.Has(tc.path, tc.rule), "%v", ve.Fields)
		})
	}
}

func TestUpgradeRefuses(t *testing.T) {
	t.Run("newer version", func(t *testing.T) {
		_, err := ismsaudit.Upgrade(ismsaudit.KindAudit, []byte(`{"documentKind":"audit","formatVersion":2}`))
		var ve *ismsaudit.VersionError
		require.ErrorAs(t, err, &ve)
		require.ErrorIs(t, err, ismsaudit.ErrInvalid)
		want := &ismsaudit.VersionError{Kind: ismsaudit.KindAudit, Found: 2, Supported: []ismsaudit.FormatVersion{0, 1}}
		if diff := cmp.Diff(want, ve); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
	})
	for _, v := range []string{"-1", "0"} {
		t.Run("version "+v, func(t *testing.T) {
			_, err := ismsaudit.Upgrade(ismsaudit.KindSoA, []byte(`{"documentKind":"soa","formatVersion":`+v+`}`))
			var ve *ismsaudit.VersionError
			require.ErrorAs(t, err, &ve)
			require.Equal(t, ismsaudit.KindSoA, ve.Kind)
		})
	}
	t.Run("wrong kind", func(t *testing.T) {
		_, err := ismsaudit.Upgrade(ismsaudit.KindAudit, []byte(`{"documentKind":"soa","formatVersion":1}`))
		var ke *ismsaudit.KindError
		require.ErrorAs(t, err, &ke)
		require.ErrorIs(t, err, ismsaudit.ErrInvalid)
		require.Equal(t, ismsaudit.KindError{Want: ismsaudit.KindAudit, Found: ismsaudit.KindSoA}, *ke)
	})
	t.Run("not a kind", func(t *testing.T) {
		_, err := ismsaudit.Upgrade("invoice", []byte(`{}`))
		require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	})
}

func TestMigrate0To1(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"id":"A"}`, `{"documentKind":"audit","formatVersion":1,"id":"A"}`},
		{"{\n  \"id\": \"A\"\n}", "{\"documentKind\":\"audit\",\"formatVersion\":1,\n  \"id\": \"A\"\n}"},
		{`{}`, `{"documentKind":"audit","formatVersion":1}`},
		{` { } `, ` {"documentKind":"audit","formatVersion":1 } `},
		{`null`, `null`},
	} {
		in := []byte(tc.in)
		got, err := ismsaudit.Migrate(ismsaudit.KindAudit, in)
		require.NoError(t, err)
		require.Equal(t, tc.want, string(got), tc.in)
		require.Equal(t, tc.in, string(in), "the input is not modified")
		if json.Valid(in) && in[0] != 'n' {
			require.True(t, json.Valid(got), string(got))
			env, err := ismsaudit.ReadEnvelope(got)
			require.NoError(t, err)
			require.Equal(t, ismsaudit.Envelope{Kind: ismsaudit.KindAudit, Version: 1}, env)
		}
	}
	current := []byte(`{"documentKind":"audit","formatVersion":1,"id":"A"}`)
	got, err := ismsaudit.Migrate(ismsaudit.KindAudit, current)
	require.NoError(t, err)
	require.Equal(t, string(current), string(got), "a current document is returned as it is")
}

func FuzzReadEnvelope(f *testing.F) {
	f.Add([]byte(`{"documentKind":"audit","formatVersion":1,"id":"A"}`))
	f.Add([]byte(`{"id":"A","list":[1,{"a":"}"}]}`))
	f.Add([]byte(`{"formatVersion":1e3}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		env, err := ismsaudit.ReadEnvelope(data)
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			return
		}
		out, err := ismsaudit.Upgrade(ismsaudit.KindAudit, data)
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			return
		}
		if env.Version == 0 && json.Valid(data) {
			var m map[string]any
			if json.Unmarshal(data, &m) == nil && m != nil {
				require.True(t, json.Valid(out), "migrated: %s", out)
				again, err := ismsaudit.ReadEnvelope(out)
				require.NoError(t, err)
				require.Equal(t, ismsaudit.Envelope{Kind: ismsaudit.KindAudit, Version: ismsaudit.CurrentFormat}, again, "migrated: %s", out)
			}
		}
	})
}
