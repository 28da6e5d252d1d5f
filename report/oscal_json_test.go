package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOSCALEncoderMatchesEncodingJSON holds the one-pass encoder to
// encoding/json's (compact) output for the same documents.
func TestOSCALEncoderMatchesEncodingJSON(t *testing.T) {
	large := func(t testing.TB) *AuditReport {
		r, err := BuildAuditReport(largeAudit(t, 24), &AuditReportOptions{AsOf: asOf})
		require.NoError(t, err)
		return r
	}
	for name, build := range map[string]func(testing.TB) *AuditReport{"internal": internalReport, "certification": certificationReport, "hostile": hostileReport, "large": large} {
		t.Run(name, func(t *testing.T) {
			r := build(t)
			ar, err := assessmentResults(r, false)
			require.NoError(t, err)
			for i := range ar.AssessmentResults.Results {
				res := &ar.AssessmentResults.Results[i]
				res.Observations, res.Risks, res.Findings = collectLazy(res.observations), collectLazy(res.risks), collectLazy(res.findings)
			}
			var want bytes.Buffer
			require.NoError(t, json.NewEncoder(&want).Encode(ar))
			streamed, err := assessmentResults(r, true)
			require.NoError(t, err)
			var got bytes.Buffer
			w := newOSCALWriter(&got)
			w.assessmentResults(streamed)
			require.NoError(t, w.flush())
			assert.True(t, bytes.Equal(want.Bytes(), got.Bytes()), "assessment results differ from encoding/json's")

			poam, err := planOfActionAndMilestones(r, false)
			require.NoError(t, err)
			p := &poam.POAM
			p.Observations, p.Risks, p.Findings, p.POAMItems = collectLazy(p.observations), collectLazy(p.risks), collectLazy(p.findings), collectLazy(p.items)
			want.Reset()
			require.NoError(t, json.NewEncoder(&want).Encode(poam))
			streamedPOAM, err := planOfActionAndMilestones(r, true)
			require.NoError(t, err)
			got.Reset()
			w = newOSCALWriter(&got)
			w.poam(streamedPOAM)
			require.NoError(t, w.flush())
			assert.True(t, bytes.Equal(want.Bytes(), got.Bytes()), "POA&M differs from encoding/json's")
		})
	}
}

// collectLazy materialises a lazy list built without reuse.
func collectLazy[T any](l lazyList[T]) []T {
	if l.n == 0 {
		return nil
	}
	out := make([]T, l.n)
	for i := range out {
		out[i] = *l.at(i)
	}
	return out
}

// FuzzOSCALString checks the encoder's strings against encoding/json's.
func FuzzOSCALString(f *testing.F) {
	for _, s := range []string{"", "a", "<&>", "\x00\b\f\n\r\t\x1f", "\u2028\u2029", "é\xff\xfe", `"\`, hostilePrefix} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w oscalWriter
		w.str(s)
		want, err := json.Marshal(s)
		require.NoError(t, err)
		if string(want) != string(w.b) {
			t.Fatalf("str(%q) = %s, want %s", s, w.b, want)
		}
	})
}

// TestOSCALStringEveryByte checks the encoder's strings against
// encoding/json's for every byte, on its own and inside text, and for the
// characters JSON or HTML treat apart.
func TestOSCALStringEveryByte(t *testing.T) {
	var cases []string
	for c := range 256 {
		cases = append(cases, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"z")
	}
	cases = append(cases, "\u007f\u0080\u00ff", "\u2027\u2028\u2029\u202a", "\ufffd", "\xef\xbf\xbd\xef\xbf", "\U0010ffff", "\xf4\x90\x80\x80")
	for _, s := range cases {
		var w oscalWriter
		w.str(s)
		want, err := json.Marshal(s)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(w.b), "str(%q)", s)
	}
}

// TestOSCALWriterGeneralShapes checks the writer's general paths, which
// the exports' own values (every property in the ismsaudit namespace,
// one origin of one actor) leave to their fast paths, against
// encoding/json.
func TestOSCALWriterGeneralShapes(t *testing.T) {
	actor := func(n string) oscalActor { return oscalActor{Type: "party", ActorUUID: OSCALUUID("party", n)} }
	for name, v := range map[string]struct {
		Props   []oscalProp   `json:"props,omitempty"`
		Origins []oscalOrigin `json:"origins,omitempty"`
	}{
		"nothing": {},
		"props of other namespaces": {Props: []oscalProp{
			{Name: "label", Value: "A.5.1"},
			{Name: "marking", NS: "https://example.org/ns", Value: "tlp:amber", Remarks: "shared with the <board> & auditors"},
			{Name: "audit-id", NS: OSCALPropNamespace, Value: "IA-1"},
		}},
		"one origin, two actors":     {Origins: []oscalOrigin{{Actors: []oscalActor{actor("a"), actor("b")}}}},
		"two origins":                {Origins: []oscalOrigin{{Actors: []oscalActor{actor("a")}}, {Actors: []oscalActor{actor("b")}}}},
		"an origin without an actor": {Origins: []oscalOrigin{{Actors: []oscalActor{}}}},
	} {
		var w oscalWriter
		w.open('{')
		w.props(v.Props)
		w.origins(v.Origins)
		w.close('}')
		want, err := json.Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(w.b), name)
	}
}
