package validate_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

func ptr[T any](v T) *T { return &v }

func TestJSONSuccess(t *testing.T) {
	since := time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   string
		want soa
	}{
		{
			name: "full document",
			in: `{
				"org": "Acme",
				"owner": "record",
				"decisions": [
					{"control": "A.5.1", "applicability": "applicable", "since": "2025-03-14T09:30:00Z", "score": 3},
					{"control": "A.7.4", "applicability": "excluded", "justification": "no premises"}
				],
				"tags": {"ops": "interview"},
				"ratio": 0.5, "count": 65535, "done": true,
				"extra": {"anything": [1, "two", {"three": null}]},
				"Plain": "p"
			}`,
			want: soa{
				Org:   "Acme",
				Owner: ptr(kind("record")),
				Decisions: []decision{
					{Control: "A.5.1", Applicability: "applicable", Since: since, Score: 3},
					{Control: "A.7.4", Applicability: "excluded", Justification: "no premises"},
				},
				Tags: map[string]kind{"ops": "interview"}, Ratio: 0.5, Count: 65535, Done: true,
				Extra: map[string]any{"anything": []any{1.0, "two", map[string]any{"three": nil}}},
				Plain: "p",
			},
		},
		{name: "empty object", in: `{}`},
		{name: "keys match case-insensitively", in: `{"ORG": "Acme", "plain": "p"}`, want: soa{Org: "Acme", Plain: "p"}},
		{name: "escaped keys are unescaped", in: `{"o\u0072g": "Acme", "decisions": [{"\u0063ontrol": "A.5.1"}]}`, want: soa{Org: "Acme", Decisions: []decision{{Control: "A.5.1"}}}},
		{name: "known keys in nested objects and arrays", in: `{"tags": {"a": "interview", "b": "record"}, "decisions": [{"control": "A.5.1", "score": -1}, {}]}`,
			want: soa{Tags: map[string]kind{"a": "interview", "b": "record"}, Decisions: []decision{{Control: "A.5.1", Score: -1}, {}}}},
		{name: "nulls are accepted", in: `{"org": null, "owner": null, "decisions": null, "tags": null, "extra": null}`},
		{name: "null enum in a struct", in: `{"decisions": [{"applicability": null, "since": null}]}`, want: soa{Decisions: []decision{{}}}},
		{name: "empty enum text is the zero value", in: `{"decisions": [{"applicability": ""}]}`, want: soa{Decisions: []decision{{}}}},
		{name: "trailing whitespace", in: "{\"org\": \"Acme\"} \n\t ", want: soa{Org: "Acme"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := errs.NewCollector("testpkg", "SoA")
			var got soa
			require.True(t, validate.JSON(c, []byte(tt.in), &got), "JSON reported failure: %v", c.Err())
			require.NoError(t, c.Err())
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("decoded mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestJSONRefusals(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want ismsaudit.FieldError // Detail is only checked to be non-empty
	}{
		// unknown fields
		{"unknown top-level field", `{"org": "x", "bogus": 1}`, ismsaudit.FieldError{Rule: "unknown-field", Value: "bogus"}},
		{"unknown field in a slice element", `{"decisions": [{"control": "A.5.1"}, {"control": "A.5.2", "nope": true}]}`,
			ismsaudit.FieldError{Path: "Decisions[1]", Rule: "unknown-field", Value: "nope"}},
		{"json:\"-\" field is unknown", `{"Hidden": "x"}`, ismsaudit.FieldError{Rule: "unknown-field", Value: "Hidden"}},
		{"unknown field after an interface value", `{"extra": {"a": [1, {"b": [2]}]}, "zzz": 0}`, ismsaudit.FieldError{Rule: "unknown-field", Value: "zzz"}},

		// wrong JSON types
		{"number for a string", `{"org": 5}`, ismsaudit.FieldError{Path: "Org", Rule: "json-type", Value: "5"}},
		{"bool for a string", `{"org": true}`, ismsaudit.FieldError{Path: "Org", Rule: "json-type", Value: "true"}},
		{"array for a string", `{"org": ["x"]}`, ismsaudit.FieldError{Path: "Org", Rule: "json-type", Value: "array"}},
		{"object for a slice", `{"decisions": {}}`, ismsaudit.FieldError{Path: "Decisions", Rule: "json-type", Value: "object"}},
		{"string for a struct element", `{"decisions": [{}, "x"]}`, ismsaudit.FieldError{Path: "Decisions[1]", Rule: "json-type", Value: "x"}},
		{"overflowing int8 in an element", `{"decisions": [{"score": 1}, {"score": 300}]}`, ismsaudit.FieldError{Path: "Decisions[1].Score", Rule: "json-type", Value: "300"}},
		{"fraction for an int", `{"decisions": [{"score": 1.5}]}`, ismsaudit.FieldError{Path: "Decisions[0].Score", Rule: "json-type", Value: "1.5"}},
		{"negative for a uint", `{"count": -1}`, ismsaudit.FieldError{Path: "Count", Rule: "json-type", Value: "-1"}},
		{"overflowing uint16", `{"count": 65536}`, ismsaudit.FieldError{Path: "Count", Rule: "json-type", Value: "65536"}},
		{"overflowing float32", `{"ratio": 1e39}`, ismsaudit.FieldError{Path: "Ratio", Rule: "json-type", Value: "1e39"}},
		{"string for a bool", `{"done": "yes"}`, ismsaudit.FieldError{Path: "Done", Rule: "json-type", Value: "yes"}},
		{"number for a map", `{"tags": 1}`, ismsaudit.FieldError{Path: "Tags", Rule: "json-type", Value: "1"}},
		{"number for an enum", `{"owner": 7}`, ismsaudit.FieldError{Path: "Owner", Rule: "json-type", Value: "7"}},
		{"array at the root", `[1, 2]`, ismsaudit.FieldError{Rule: "json-type", Value: "array"}},
		{"string at the root", `"x"`, ismsaudit.FieldError{Rule: "json-type", Value: "x"}},
		{"first problem wins", `{"org": 1, "done": "yes"}`, ismsaudit.FieldError{Path: "Org", Rule: "json-type", Value: "1"}},

		// enumerations
		{"bad enum in a nested slice element", `{"decisions": [{"applicability": "applicable"}, {"applicability": "excluded"}, {"applicability": "maybe"}]}`,
			ismsaudit.FieldError{Path: "Decisions[2].Applicability", Rule: "enum", Value: "maybe"}},
		{"bad enum behind a pointer", `{"owner": "memo"}`, ismsaudit.FieldError{Path: "Owner", Rule: "enum", Value: "memo"}},
		{"bad enum as a map value", `{"tags": {"ops": "interview", "dev": "Record"}}`, ismsaudit.FieldError{Path: `Tags["dev"]`, Rule: "enum", Value: "Record"}},

		// times
		{"bad time string", `{"decisions": [{}, {"since": "yesterday"}]}`, ismsaudit.FieldError{Path: "Decisions[1].Since", Rule: "json-type", Value: "yesterday"}},
		{"number for a time", `{"decisions": [{"since": 1700000000}]}`, ismsaudit.FieldError{Path: "Decisions[0].Since", Rule: "json-type", Value: "1700000000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkRefused(t, tt.in)
			assert.NotEmpty(t, got.Detail)
			got.Detail = ""
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("field error mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestJSONSyntaxAndTrailing(t *testing.T) {
	tests := []struct {
		name, in string
		rule     ismsaudit.RuleID
	}{
		{"empty input", ``, "json-syntax"},
		{"only whitespace", " \n", "json-syntax"},
		{"missing value", `{"org": }`, "json-syntax"},
		{"unterminated object", `{"org": "x"`, "json-syntax"},
		{"unterminated string", `{"org": "x`, "json-syntax"},
		{"bad literal", `nul`, "json-syntax"},
		{"trailing comma", `{"org": "x",}`, "json-syntax"},
		{"single quotes", `{'org': 'x'}`, "json-syntax"},
		{"syntax error after a type error", `{"org": 1, "done": }`, "json-syntax"},
		{"second value", `{} {}`, "json-trailing"},
		{"trailing garbage", `{"org": "x"} x`, "json-trailing"},
		{"trailing bracket", `{}]`, "json-trailing"},
		{"trailing number", `{}0`, "json-trailing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkRefused(t, tt.in)
			assert.Equal(t, tt.rule, got.Rule)
			assert.Empty(t, got.Path, "the document as a whole is at fault")
			assert.NotEmpty(t, got.Detail)
		})
	}
}

// checkRefused decodes in into a soa, requires exactly one problem and
// returns it.
func checkRefused(t *testing.T, in string) ismsaudit.FieldError {
	t.Helper()
	c := errs.NewCollector("testpkg", "SoA")
	var got soa
	require.False(t, validate.JSON(c, []byte(in), &got), "JSON accepted %s", in)
	err := c.Err()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	assert.NotErrorIs(t, err, ismsaudit.ErrNotFound)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Fields, 1, "decoding reports exactly one problem")
	return ve.Fields[0]
}

func TestJSONAppendsToCollector(t *testing.T) {
	c := errs.NewCollector("testpkg", "SoA")
	c.Add("Before", "AUD-X", "", "")
	var v soa
	require.False(t, validate.JSON(c, []byte(`{"org": 1}`), &v))
	require.True(t, validate.JSON(c, []byte(`{"org": "x"}`), &v))
	assert.Equal(t, 2, c.Len())
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, c.Err(), &ve)
	assert.True(t, ve.Has("Before", "AUD-X"))
	assert.True(t, ve.Has("Org", "json-type"))
}

func TestJSONThenStruct(t *testing.T) {
	// The usual pipeline: strict decode, then validate the shape.
	in := `{"org": "", "decisions": [{"control": "A.5.1", "applicability": "applicable"}, {"applicability": ""}]}`
	c := errs.NewCollector("testpkg", "SoA")
	var v soa
	require.True(t, validate.JSON(c, []byte(in), &v))
	validate.Struct(c, "", v)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, c.Err(), &ve)
	want := []ismsaudit.FieldError{
		{Path: "Org", Rule: "required"},
		{Path: "Decisions[1].Control", Rule: "required"},
		{Path: "Decisions[1].Applicability", Rule: "required"},
	}
	if diff := cmp.Diff(want, ve.Fields, ignoreDetail); diff != "" {
		t.Errorf("fields mismatch (-want +got):\n%s", diff)
	}
}

func TestJSONBadTarget(t *testing.T) {
	tests := []struct {
		name   string
		target any
	}{
		{"nil", nil},
		{"non-pointer", soa{}},
		{"nil pointer", (*soa)(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := errs.NewCollector("testpkg", "SoA")
			var ok bool
			require.NotPanics(t, func() { ok = validate.JSON(c, []byte(`{"org": "x"}`), tt.target) })
			assert.False(t, ok)
			assert.Equal(t, 1, c.Len())
		})
	}
}

// The walker must agree with encoding/json about the less common Go
// shapes: embedded structs, []byte, the ",string" option and typed map
// keys. Each case decodes a document whose only problem is the last field;
// the expected field error is what JSON should report.
func TestJSONWalkerShapes(t *testing.T) {
	type Base struct {
		ID string
	}
	type embedded struct {
		Base
		N int
	}
	type raw struct {
		Raw []byte
		N   int
	}
	type quoted struct {
		Q int `json:"q,string"`
		N int
	}
	type keyed struct {
		M map[kind]int
	}
	tests := []struct {
		name   string
		in     string
		target func() any
		want   ismsaudit.FieldError
		shape  string
	}{
		{
			name: "promoted field of an embedded struct", in: `{"ID": "x", "N": "bad"}`,
			target: func() any { return new(embedded) },
			want:   ismsaudit.FieldError{Path: "N", Rule: "json-type", Value: "bad"},
			shape:  "fieldByJSONName ignores embedded structs: a promoted key is reported as unknown-field",
		},
		{
			name: "embedded struct's type name is not a key", in: `{"Base": {"ID": "x"}}`,
			target: func() any { return new(embedded) },
			want:   ismsaudit.FieldError{Rule: "unknown-field", Value: "Base"},
			shape:  "fieldByJSONName matches the embedded field's type name, which encoding/json does not accept",
		},
		{
			name: "base64 string for []byte", in: `{"Raw": "aGVsbG8=", "N": "bad"}`,
			target: func() any { return new(raw) },
			want:   ismsaudit.FieldError{Path: "N", Rule: "json-type", Value: "bad"},
			shape:  "the walker wants an array for []byte, encoding/json wants a base64 string",
		},
		{
			name: "quoted number with the string option", in: `{"q": "5", "N": "bad"}`,
			target: func() any { return new(quoted) },
			want:   ismsaudit.FieldError{Path: "N", Rule: "json-type", Value: "bad"},
			shape:  "the walker ignores the ,string tag option",
		},
		{
			name: "bad enum as a map key", in: `{"M": {"document": 1, "memo": 2}}`,
			target: func() any { return new(keyed) },
			want:   ismsaudit.FieldError{Path: `M["memo"]`, Rule: "enum", Value: "memo"},
			shape:  "the walker does not check map keys, so the path is lost",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := errs.NewCollector("testpkg", "gap")
			require.False(t, validate.JSON(c, []byte(tt.in), tt.target()))
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, c.Err(), &ve)
			require.Len(t, ve.Fields, 1)
			got := ve.Fields[0]
			got.Detail = ""
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("field error mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// fuzzDoc is a small input with everything the walker must handle.
type fuzzDoc struct {
	Name  string             `json:"name"`
	Kind  kind               `json:"kind"`
	Opt   *applicability     `json:"opt,omitempty"`
	When  time.Time          `json:"when"`
	N     int16              `json:"n"`
	F     float32            `json:"f"`
	B     bool               `json:"b"`
	Items []fuzzItem         `json:"items"`
	Arr   [2]kind            `json:"arr"`
	Map   map[string]kind    `json:"map"`
	Deep  map[string][]uint8 `json:"deep"`
	Any   any                `json:"any"`
}

type fuzzItem struct {
	Kind kind       `json:"kind"`
	At   *time.Time `json:"at"`
	Sub  *fuzzItem  `json:"sub"`
}

var jsonRules = map[string]bool{
	"json-syntax": true, "json-type": true, "unknown-field": true, "enum": true, "json-trailing": true,
	"json": true, // the fallback when the walker cannot place the problem
}

// strictDecode is the reference: what encoding/json alone accepts.
func strictDecode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("trailing data")
	}
	return nil
}

func FuzzJSON(f *testing.F) {
	for _, s := range []string{
		``, `{}`, `null`, `[]`, `"x"`, `{} {}`, `{"name": "x"} y`,
		`{"name": "n", "kind": "record", "opt": "excluded", "when": "2025-01-02T03:04:05Z", "n": -3, "f": 1.5, "b": true,
		  "items": [{"kind": "document", "at": "2025-01-02T03:04:05+01:00", "sub": {"kind": "interview"}}],
		  "arr": ["record", "document"], "map": {"a": "record"}, "deep": {"x": [1, 2]}, "any": {"z": [null]}}`,
		`{"items": [{}, {"sub": {"sub": {"kind": "memo"}}}]}`,
		`{"map": {"a": "nope"}}`, `{"when": "today"}`, `{"n": 40000}`, `{"f": 1e40}`, `{"arr": ["record", "x", "y"]}`,
		`{"deep": {"x": [256]}}`, `{"bogus": 1}`, `{"items": [{"bogus": 1}]}`, `{"NAME": "x", "Kind": "record"}`,
		`{"name": "\u00e9\ud800"}`, `{"items": {"a": 1}}`, `{"kind": ""}`, `{"opt": null}`, `{"any": [[[{}]]]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c := errs.NewCollector("testpkg", "fuzz")
		var got fuzzDoc
		ok := validate.JSON(c, data, &got)

		var ref fuzzDoc
		refErr := strictDecode(data, &ref)
		require.Equal(t, refErr == nil, ok, "JSON and encoding/json disagree about %q (reference error: %v)", data, refErr)

		if ok {
			require.Equal(t, 0, c.Len())
			require.NoError(t, c.Err())
			if diff := cmp.Diff(ref, got); diff != "" {
				t.Fatalf("decoded value differs from encoding/json's (-want +got):\n%s", diff)
			}
			return
		}
		require.Equal(t, 1, c.Len(), "a refused document adds exactly one problem")
		err := c.Err()
		require.ErrorIs(t, err, ismsaudit.ErrInvalid)
		var ve *ismsaudit.ValidationError
		require.ErrorAs(t, err, &ve)
		fe := ve.Fields[0]
		require.True(t, jsonRules[string(fe.Rule)], "unexpected rule %q", fe.Rule)
		require.NotEmpty(t, fe.Detail)
		if fe.Path != "" {
			r, _ := utf8.DecodeRuneInString(fe.Path)
			require.True(t, unicode.IsUpper(r), "path %q starts with a Go field name", fe.Path)
			require.False(t, strings.Contains(fe.Path, "fuzzDoc"), "path %q has the root type name", fe.Path)
		}
	})
}

func TestUpgradeKeepsVersion0(t *testing.T) {
	v0 := []byte(`{"org": "Acme"}`)
	got, err := validate.Upgrade(ismsaudit.KindSoA, v0)
	require.NoError(t, err)
	assert.Same(t, &v0[0], &got[0], "a version 0 document is decoded as it is, not copied")

	migrated, err := ismsaudit.Upgrade(ismsaudit.KindSoA, v0)
	require.NoError(t, err)
	got, err = validate.Upgrade(ismsaudit.KindSoA, migrated)
	require.NoError(t, err)
	assert.Equal(t, migrated, got)

	_, err = validate.Upgrade(ismsaudit.KindSoA, []byte(`{"documentKind": "audit", "formatVersion": 1}`))
	var ke *ismsaudit.KindError
	require.ErrorAs(t, err, &ke)
	_, err = validate.Upgrade(ismsaudit.KindSoA, []byte(`{"documentKind": "soa", "formatVersion": 99}`))
	var ve *ismsaudit.VersionError
	require.ErrorAs(t, err, &ve)
}

// TestJSONConcurrent decodes from many goroutines at once, each type for
// the first time in this process (the tables of the key check are built
// and cached on first use): the race detector watches the cache, and each
// decoder keeps refusing an unknown member nested in a recursive type.
func TestJSONConcurrent(t *testing.T) {
	type leaf struct {
		V    kind  `json:"v"`
		Next *leaf `json:"next"`
	}
	type root struct {
		Leaves []leaf `json:"leaves"`
	}
	good := []byte(`{"leaves":[{"v":"document","next":{"v":"record","next":null}}]}`)
	bad := []byte(`{"leaves":[{"v":"document","next":{"v":"record","extra":1}}]}`)
	done := make(chan error)
	for i := range 8 {
		go func() {
			c := errs.NewCollector("testpkg", "concurrent")
			var r root
			okGood := validate.JSON(c, good, &r)
			var again root
			okBad := validate.JSON(c, bad, &again)
			var err error
			switch {
			case !okGood:
				err = fmt.Errorf("goroutine %d: the good document was refused", i)
			case okBad:
				err = fmt.Errorf("goroutine %d: the unknown member was taken", i)
			}
			done <- err
		}()
	}
	for range 8 {
		assert.NoError(t, <-done)
	}
}
